import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { Readable } = __nodeBuiltin('node:stream');
import { a as sha256Hex, ap as retry, aq as isRetryableStatus, ar as RetryableStatus, as as apiBase, at as DEFAULT_RETRY, au as isTransient, av as backoffMs } from './publish-C_SEibVM.js';
const { createRequire } = __nodeBuiltin('node:module');
const { pipeline } = __nodeBuiltin('node:stream/promises');

/** `sha256:<hex>` of some bytes: manifests and configs are small enough to hash in memory. */
function sha256Digest(bytes) {
    return `sha256:${sha256Hex(bytes)}`;
}
const DIGEST = /^sha256:[a-f0-9]{64}$/;
/** Only sha256 digests are accepted: what every registry and every builder produces. */
function checkDigest(digest, where) {
    if (!DIGEST.test(digest))
        throw new Error(`${where}: unsupported or malformed digest ${JSON.stringify(digest)}`);
    return digest;
}

/** Parses a WWW-Authenticate header: `Bearer realm="…",service="…",scope="…"`. */
function parseChallenge(header) {
    const match = header.trim().match(/^(\S+)\s*(.*)$/s);
    if (!match)
        return undefined;
    const params = {};
    const pair = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
    for (const m of match[2].matchAll(pair)) {
        params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
    }
    return { scheme: match[1].toLowerCase(), params };
}
/** Tokens are refreshed this long before the expiry the issuer announced. */
const EXPIRY_MARGIN_MS = 30_000;
class RegistryAuth {
    http;
    credentials;
    log;
    policy;
    challenges = new Map();
    tokens = new Map();
    registered = new Set();
    constructor(http, credentials, log, policy) {
        this.http = http;
        this.credentials = credentials;
        this.log = log;
        this.policy = policy;
    }
    /** How many tokens were fetched from issuers so far (tokens served from cache do not count). */
    tokensFetched = 0;
    /**
     * The Authorization header for a request to `apiHost` needing `scopes`, or undefined when
     * the registry has not asked for credentials yet.
     */
    async header(apiHost, registry, scopes) {
        const challenge = this.challenges.get(apiHost);
        if (!challenge)
            return undefined;
        if (challenge.scheme === 'basic') {
            const creds = this.lookup(registry);
            if (!creds)
                return undefined;
            return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
        }
        if (challenge.scheme === 'bearer') {
            const token = await this.token(apiHost, registry, challenge, scopes);
            return `Bearer ${token}`;
        }
        return undefined;
    }
    /**
     * Records a 401's challenge. Returns false when retrying cannot help (the request already
     * carried what the registry asked for and was refused), so the caller reports the 401.
     */
    challenged(apiHost, header, scopes, sentAuth) {
        const challenge = header ? parseChallenge(header) : undefined;
        if (!challenge || (challenge.scheme !== 'basic' && challenge.scheme !== 'bearer'))
            return false;
        const known = this.challenges.get(apiHost);
        this.challenges.set(apiHost, challenge);
        // Requests sent in parallel before the first 401 was understood all come back 401: retry each.
        if (!sentAuth || !known || known.scheme !== challenge.scheme)
            return true;
        if (challenge.scheme === 'bearer') {
            // A cached token may have been revoked or expired early: drop it and try once more.
            const key = this.tokenKey(apiHost, scopes);
            if (this.tokens.has(key)) {
                this.tokens.delete(key);
                return true;
            }
        }
        return false;
    }
    lookup(registry) {
        const creds = this.credentials(registry);
        if (creds && !this.registered.has(registry)) {
            this.registered.add(registry);
            this.log.secret(creds.password);
            this.log.secret(Buffer.from(`${creds.username}:${creds.password}`).toString('base64'));
        }
        return creds;
    }
    tokenKey(apiHost, scopes) {
        return `${apiHost} ${[...scopes].sort().join(' ')}`;
    }
    async token(apiHost, registry, challenge, scopes) {
        const key = this.tokenKey(apiHost, scopes);
        const cached = this.tokens.get(key);
        if (cached) {
            const token = await cached.catch(() => undefined);
            if (token && token.expiresAt > Date.now())
                return token.value;
            if (this.tokens.get(key) === cached)
                this.tokens.delete(key);
            else
                return this.token(apiHost, registry, challenge, scopes);
        }
        const pending = this.fetchToken(registry, challenge, scopes);
        this.tokens.set(key, pending);
        pending.catch(() => this.tokens.get(key) === pending && this.tokens.delete(key));
        return (await pending).value;
    }
    async fetchToken(registry, challenge, scopes) {
        const realm = challenge.params.realm;
        if (!realm)
            throw new Error(`registry ${registry} asked for a Bearer token without a realm`);
        const url = new URL(realm);
        if (challenge.params.service)
            url.searchParams.set('service', challenge.params.service);
        for (const scope of scopes)
            url.searchParams.append('scope', scope);
        const creds = this.lookup(registry);
        const headers = {};
        if (creds) {
            headers.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
        }
        const started = Date.now();
        const response = await retry(async () => {
            const res = await this.http(url, { method: 'GET', headers });
            if (isRetryableStatus(res.statusCode)) {
                throw new RetryableStatus(res.statusCode, url.origin + url.pathname, res.headers['retry-after']);
            }
            return res;
        }, { policy: this.policy });
        const where = `${url.origin}${url.pathname}`;
        if (response.statusCode !== 200) {
            const hint = creds
                ? 'the credentials in the Docker config were refused; log in again (docker/login-action)'
                : `no credentials for ${registry} in the Docker config; log in first (docker/login-action)`;
            throw new Error(`token issuer ${where} answered ${response.statusCode} for ${scopes.join(' ')}: ${hint}`);
        }
        let body;
        try {
            body = JSON.parse(response.body.toString('utf8'));
        }
        catch {
            throw new Error(`token issuer ${where} answered with something that is not JSON`);
        }
        const value = body.token ?? body.access_token;
        if (!value)
            throw new Error(`token issuer ${where} answered without a token`);
        this.log.secret(value);
        this.tokensFetched++;
        // The spec's default lifetime is 60 s when the issuer does not say.
        const lifetimeMs = (body.expires_in && body.expires_in > 0 ? body.expires_in : 60) * 1000;
        return { value, expiresAt: started + Math.max(lifetimeMs - EXPIRY_MARGIN_MS, lifetimeMs / 2) };
    }
}

/** Kept-alive connections per host; `close()` lets the process exit. */
function createHttp(options) {
    const maxSockets = options.maxSockets ?? 16;
    // Required, not imported: an ESM import of node:http builds a namespace of all its exports,
    // whose WebSocket getters load Node's bundled undici (~40 ms of CPU at start on Node 24).
    const http = createRequire(import.meta.url)('node:http');
    const plain = new http.Agent({ keepAlive: true, maxSockets });
    // node:https (and TLS with it) is loaded on the first https URL only: a short run against a
    // plain-HTTP registry (loopback, a mirror) does not pay for it.
    let secure;
    const tls = () => (secure ??= import('node:https').then((https) => ({
        https,
        agent: new https.Agent({ keepAlive: true, maxSockets })
    })));
    const connectTimeout = options.connectTimeout ?? 30_000;
    const idleTimeout = options.idleTimeout ?? 300_000;
    const request = async (target, { method, headers = {}, body }) => {
        const url = new URL(target);
        if (url.protocol !== 'http:' && url.protocol !== 'https:')
            throw new Error(`unsupported URL ${url.origin}`);
        const { https, agent } = url.protocol === 'https:' ? await tls() : { https: undefined, agent: plain };
        return new Promise((resolve, reject) => {
            const req = (https ?? http).request(url, {
                method,
                agent,
                headers: { 'user-agent': 'falco-publish', ...headers }
            });
            let connected = false;
            const connectTimer = setTimeout(() => {
                if (!connected)
                    req.destroy(timeoutError('connect', connectTimeout, url));
            }, connectTimeout);
            req.on('socket', (socket) => {
                // A reused socket is already connected; a new one says so when it is.
                if (!socket.connecting)
                    connected = true;
                else
                    socket.once('connect', () => (connected = true));
            });
            req.setTimeout(idleTimeout, () => req.destroy(timeoutError('idle', idleTimeout, url)));
            req.once('error', (error) => {
                clearTimeout(connectTimer);
                reject(ours(error));
            });
            req.once('response', (res) => {
                clearTimeout(connectTimer);
                const chunks = [];
                res.on('data', (chunk) => chunks.push(chunk));
                res.once('error', (error) => reject(ours(error)));
                res.once('aborted', () => reject(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
                res.once('end', () => resolve({
                    statusCode: res.statusCode ?? 0,
                    headers: res.headers,
                    body: Buffer.concat(chunks)
                }));
            });
            if (body === undefined)
                req.end();
            else if (Buffer.isBuffer(body))
                req.end(body);
            else {
                // The registry may answer (401, 413) before reading the whole body: the answer wins.
                pipeline(body, req).catch((error) => req.destroy(error));
            }
        });
    };
    return {
        request,
        close() {
            plain.destroy();
            void secure?.then(({ agent }) => agent.destroy());
        }
    };
}
/**
 * The error as this module's own Error, its code kept: the retry policy recognises transient
 * failures by `instanceof Error` and the code, and errors made inside node:http belong to
 * another realm when the client runs in a VM context (Jest's ESM runner).
 */
function ours(error) {
    if (error instanceof Error)
        return error;
    const { message, code } = error;
    return Object.assign(new Error(String(message), { cause: error }), {
        ...(typeof code === 'string' ? { code } : {})
    });
}
function timeoutError(kind, ms, url) {
    const what = kind === 'connect' ? 'connecting to' : 'waiting for';
    return Object.assign(new Error(`timed out after ${ms} ms ${what} ${url.origin}`), {
        code: 'ETIMEDOUT'
    });
}

class RegistryError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'RegistryError';
    }
}
const MiB = 1024 * 1024;
class RegistryClient {
    options;
    auth;
    http;
    closeHttp;
    insecure;
    chunkThreshold;
    chunkSize;
    /** Counts of requests by method, for logs and tests (HEAD-only re-pushes). */
    requests = {};
    constructor(options) {
        this.options = options;
        const http = createHttp({ maxSockets: options.maxSockets });
        this.http = http.request;
        this.closeHttp = http.close;
        this.auth = new RegistryAuth(this.http, options.credentials, options.log, options.retry);
        this.insecure = options.insecure ?? [];
        this.chunkThreshold = options.chunkThreshold ?? 512 * MiB;
        this.chunkSize = options.chunkSize ?? 64 * MiB;
    }
    /** Closes the kept-alive connections so the process can exit. */
    close() {
        this.closeHttp();
    }
    base(repo) {
        return `${apiBase(repo, this.insecure)}/v2/${repo.path}`;
    }
    pushScopes(repo) {
        return [`repository:${repo.path}:pull,push`];
    }
    /** One request with auth: a 401 teaches the scheme and the request is made again once. */
    async send(repo, call) {
        for (let round = 0;; round++) {
            const authorization = await this.auth.header(repo.apiHost, repo.registry, call.scopes);
            const headers = { ...call.headers };
            if (authorization)
                headers.authorization = authorization;
            const body = call.body?.();
            if (body === undefined && ['POST', 'PUT', 'PATCH'].includes(call.method)) {
                headers['content-length'] ??= '0';
            }
            this.requests[call.method] = (this.requests[call.method] ?? 0) + 1;
            let response;
            try {
                response = await this.http(call.url, { method: call.method, headers, body });
            }
            finally {
                // A registry may answer before reading the whole body (401, 503): close the file behind it.
                if (body instanceof Readable && !body.readableEnded)
                    body.destroy();
            }
            if (response.statusCode === 401 && round === 0) {
                const challenge = response.headers['www-authenticate'];
                if (this.auth.challenged(repo.apiHost, challenge, call.scopes, authorization !== undefined))
                    continue;
            }
            if (response.statusCode === 401 || response.statusCode === 403) {
                const creds = this.options.credentials(repo.registry);
                throw new RegistryError(`${repo.name}: ${call.method} ${redact(call.url)} answered ${response.statusCode}: ` +
                    (creds
                        ? 'the registry refused the credentials from the Docker config (are they allowed to push here?)'
                        : `no credentials for ${repo.registry} in the Docker config; log in first (docker/login-action)`), response.statusCode);
            }
            if (isRetryableStatus(response.statusCode)) {
                throw new RetryableStatus(response.statusCode, redact(call.url), response.headers['retry-after']);
            }
            return response;
        }
    }
    /** send() under the retry policy: for requests whose body (if any) can be sent again. */
    async call(repo, call) {
        return retry(() => this.send(repo, call), {
            policy: this.options.retry,
            onRetry: (error, attempt, delay) => this.options.log.debug(`${call.method} ${redact(call.url)}: ${describe(error)}; attempt ${attempt + 1} in ${delay} ms`)
        });
    }
    fail(repo, what, response) {
        throw new RegistryError(`${repo.name}: ${what} failed with ${response.statusCode}${errorDetail(response.body)}`, response.statusCode);
    }
    /** True when the repository already holds the blob. */
    async hasBlob(repo, digest) {
        const response = await this.call(repo, {
            method: 'HEAD',
            url: `${this.base(repo)}/blobs/${digest}`,
            scopes: this.pushScopes(repo)
        });
        if (response.statusCode === 200 || response.statusCode === 307)
            return true;
        if (response.statusCode === 404)
            return false;
        return this.fail(repo, `HEAD blob ${digest}`, response);
    }
    /**
     * Asks the registry to link a blob it holds in `from` into `repo` without sending bytes (the
     * OCI distribution spec's cross-repository mount). The token asks for push on `repo` and pull
     * on `from` in one request, as the registry checks both. 'mounted' on 201; 'absent' on 202
     * (`from` lacks the blob: upload it); 'refused' when `from` cannot be read with these
     * credentials or does not exist, so the caller stops asking it.
     */
    async mountBlob(repo, digest, from) {
        if (from.apiHost !== repo.apiHost)
            return 'refused';
        const url = new URL(`${this.base(repo)}/blobs/uploads/`);
        url.searchParams.set('mount', digest);
        url.searchParams.set('from', from.path);
        let response;
        try {
            response = await this.call(repo, {
                method: 'POST',
                url: url.toString(),
                scopes: [...this.pushScopes(repo), `repository:${from.path}:pull`]
            });
        }
        catch (error) {
            // No pull on `from` (401/403 from the registry, or an issuer that will not grant it).
            const status = error.status;
            if (status === 401 || status === 403 || /^token issuer /.test(error.message)) {
                this.options.log.debug(`${repo.name}: cannot mount from ${from.path}: ${describe(error)}`);
                return 'refused';
            }
            throw error;
        }
        if (response.statusCode === 201)
            return 'mounted';
        if (response.statusCode === 202) {
            // The registry opened an upload session instead; close it so it does not linger.
            const location = response.headers.location;
            if (location)
                await this.cancel(repo, new URL(location, url).toString());
            return 'absent';
        }
        if ([400, 403, 404].includes(response.statusCode)) {
            this.options.log.debug(`${repo.name}: mount from ${from.path} answered ${response.statusCode}${errorDetail(response.body)}`);
            return 'refused';
        }
        return this.fail(repo, `mount of ${digest} from ${from.path}`, response);
    }
    async cancel(repo, location) {
        try {
            await this.send(repo, { method: 'DELETE', url: location, scopes: this.pushScopes(repo) });
        }
        catch (error) {
            this.options.log.debug(`closing upload ${redact(location)}: ${describe(error)}`);
        }
    }
    /**
     * Streams one blob into the repository: a single PUT, or PATCH chunks for large blobs. A
     * failure restarts the upload in a new session (bytes are re-read from the source), under
     * the retry policy; the registry checks the digest.
     */
    async uploadBlob(repo, digest, size, open) {
        await retry(() => this.uploadOnce(repo, digest, size, open), {
            policy: this.options.retry,
            onRetry: (error, attempt, delay) => this.options.log.info(`${repo.name}: upload of ${short(digest)} interrupted (${describe(error)}); attempt ${attempt + 1} in ${delay} ms`)
        });
    }
    async startUpload(repo) {
        const url = `${this.base(repo)}/blobs/uploads/`;
        const response = await this.send(repo, { method: 'POST', url, scopes: this.pushScopes(repo) });
        if (response.statusCode !== 202)
            this.fail(repo, 'starting a blob upload', response);
        const location = response.headers.location;
        if (!location)
            throw new RegistryError(`${repo.name}: the registry started an upload without a Location`);
        return new URL(location, url).toString();
    }
    async uploadOnce(repo, digest, size, open) {
        const location = await this.startUpload(repo);
        if (size > this.chunkThreshold)
            return this.uploadChunks(repo, digest, size, open, location);
        const response = await this.send(repo, {
            method: 'PUT',
            url: withDigest(location, digest),
            scopes: this.pushScopes(repo),
            headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
            body: () => open()
        });
        if (response.statusCode !== 201)
            this.fail(repo, `upload of ${digest}`, response);
    }
    /**
     * PATCH chunks with Content-Range. When a chunk fails, the upload's status (GET on the
     * session: `Range: 0-<last byte>`) says how far the registry got, and the upload resumes
     * from there: a dropped connection costs one chunk, not the whole layer.
     */
    async uploadChunks(repo, digest, size, open, first) {
        const scopes = this.pushScopes(repo);
        const policy = this.options.retry ?? DEFAULT_RETRY;
        let location = first;
        let offset = 0;
        let failures = 0;
        while (offset < size) {
            const start = offset;
            const end = Math.min(size, start + this.chunkSize) - 1;
            try {
                const response = await this.send(repo, {
                    method: 'PATCH',
                    url: location,
                    scopes,
                    headers: {
                        'content-type': 'application/octet-stream',
                        'content-length': String(end - start + 1),
                        'content-range': `${start}-${end}`
                    },
                    body: () => open({ start, end })
                });
                if (response.statusCode !== 202)
                    this.fail(repo, `chunk ${start}-${end} of ${digest}`, response);
                const next = response.headers.location;
                if (next)
                    location = new URL(next, location).toString();
                offset = end + 1;
                failures = 0;
            }
            catch (error) {
                if (!isTransient(error) || ++failures >= policy.attempts)
                    throw error;
                const delay = backoffMs(policy, failures, error);
                this.options.log.debug(`${repo.name}: chunk ${start}-${end} of ${short(digest)}: ${describe(error)}; resuming in ${delay} ms`);
                await new Promise((r) => setTimeout(r, delay));
                const status = await this.call(repo, { method: 'GET', url: location, scopes });
                if (status.statusCode !== 204)
                    this.fail(repo, `status of the upload of ${digest}`, status);
                const range = String(status.headers.range ?? '').match(/^(?:bytes=)?0-(\d+)$/);
                // "0-0" cannot tell one byte from none: start the whole upload again instead.
                if (!range || range[1] === '0')
                    throw new RetryableStatus(409, redact(location));
                offset = Number(range[1]) + 1;
                const next = status.headers.location;
                if (next)
                    location = new URL(next, location).toString();
            }
        }
        const done = withDigest(location, digest);
        const response = await this.call(repo, { method: 'PUT', url: done, scopes });
        if (response.statusCode === 201)
            return;
        // The close went through but its answer was lost: a retry finds no session, the blob is there.
        if (response.statusCode === 404 && (await this.hasBlob(repo, digest)))
            return;
        this.fail(repo, `closing the upload of ${digest}`, response);
    }
    /** Puts a manifest or index under a tag or digest; returns the digest the registry reports. */
    async putManifest(repo, reference, body, mediaType) {
        const response = await this.call(repo, {
            method: 'PUT',
            url: `${this.base(repo)}/manifests/${reference}`,
            scopes: this.pushScopes(repo),
            headers: { 'content-type': mediaType, 'content-length': String(body.length) },
            body: () => body
        });
        if (response.statusCode !== 201)
            this.fail(repo, `PUT manifest ${reference}`, response);
        const expected = sha256Digest(body);
        const reported = response.headers['docker-content-digest'];
        if (typeof reported === 'string' && reported !== '' && reported !== expected) {
            throw new RegistryError(`${repo.name}: manifest ${reference} stored as ${reported}, expected ${expected}`);
        }
        return expected;
    }
    /** The digest a tag points at, or undefined when the repository has no such tag. */
    async headManifest(repo, reference, accept) {
        const response = await this.call(repo, {
            method: 'HEAD',
            url: `${this.base(repo)}/manifests/${reference}`,
            scopes: this.pushScopes(repo),
            headers: { accept: accept.join(', ') }
        });
        if (response.statusCode === 404)
            return undefined;
        if (response.statusCode !== 200)
            this.fail(repo, `HEAD manifest ${reference}`, response);
        const digest = response.headers['docker-content-digest'];
        if (typeof digest === 'string' && digest !== '')
            return digest;
        // No digest header: read the manifest to learn it.
        return (await this.getManifest(repo, reference, accept))?.digest;
    }
    /**
     * The referrers of `digest` from the OCI 1.1 referrers API (every page, following `Link`
     * rel="next"), or undefined when the registry has no such API (Distribution 2.8 answers 404):
     * then referrers are listed under the referrers tag schema instead. A registry with the API
     * indexes manifests with a `subject` itself.
     */
    async referrers(repo, digest) {
        const found = [];
        let url = `${this.base(repo)}/referrers/${digest}`;
        // A bound on pages, so a registry that links a page to itself cannot loop a publish.
        for (let page = 0; url && page < 100; page++) {
            const response = await this.call(repo, {
                method: 'GET',
                url,
                scopes: [`repository:${repo.path}:pull`],
                headers: { accept: OCI_INDEX }
            });
            const type = String(response.headers['content-type'] ?? '');
            if (response.statusCode !== 200 || !type.startsWith(OCI_INDEX)) {
                if (page === 0)
                    return undefined;
                this.fail(repo, `GET referrers of ${digest}`, response);
            }
            const index = JSON.parse(response.body.toString('utf8'));
            found.push(...(index.manifests ?? []));
            url = nextPage(url, response.headers.link);
        }
        return found;
    }
    /** Reads a manifest (tag or digest); undefined when the repository has none by that name. */
    async getManifest(repo, reference, accept) {
        const response = await this.call(repo, {
            method: 'GET',
            url: `${this.base(repo)}/manifests/${reference}`,
            scopes: [`repository:${repo.path}:pull`],
            headers: { accept: accept.join(', ') }
        });
        if (response.statusCode === 404)
            return undefined;
        if (response.statusCode !== 200)
            this.fail(repo, `GET manifest ${reference}`, response);
        return {
            body: response.body,
            mediaType: String(response.headers['content-type'] ?? ''),
            digest: sha256Digest(response.body)
        };
    }
}
/** The referrers API answers an OCI image index (written here: image.ts imports this file). */
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
/** The `Link: <url>; rel="next"` of a paginated answer, resolved against the page's URL. */
function nextPage(current, link) {
    for (const value of [link ?? []].flat()) {
        const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(value);
        if (match)
            return new URL(match[1], current).toString();
    }
    return undefined;
}
function withDigest(location, digest) {
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    return url.toString();
}
/** Upload URLs carry opaque state; logs and errors show only the path. */
function redact(url) {
    try {
        const u = new URL(url);
        return `${u.origin}${u.pathname}`;
    }
    catch {
        return '(url)';
    }
}
function errorDetail(body) {
    if (!body || body.length === 0)
        return '';
    try {
        const parsed = JSON.parse(body.toString('utf8'));
        const errors = parsed.errors?.map((e) => [e.code, e.message].filter(Boolean).join(': '));
        if (errors && errors.length > 0)
            return `: ${errors.join('; ')}`;
    }
    catch {
        // Not the spec's error body: show nothing rather than a page of HTML.
    }
    return '';
}
function short(digest) {
    return digest.replace(/^sha256:/, '').slice(0, 12);
}
function describe(error) {
    if (error instanceof Error) {
        const code = error.code;
        return typeof code === 'string' && !error.message.includes(code)
            ? `${code} ${error.message}`
            : error.message;
    }
    return String(error);
}

var registry = /*#__PURE__*/Object.freeze({
    __proto__: null,
    RegistryClient: RegistryClient,
    RegistryError: RegistryError,
    describe: describe,
    short: short
});

export { RegistryClient as R, short as a, checkDigest as c, registry as r, sha256Digest as s };
