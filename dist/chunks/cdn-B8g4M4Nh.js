import { g as getDefaultExportFromCjs } from './_commonjsHelpers-BFTU3MAI.js';
import { r as requireSemver, a as requireGte, b as requirePrerelease, c as requireRsort, d as requireValid } from './valid-aSqTOyYQ.js';
import { createHash, randomUUID } from 'node:crypto';
import { Readable, PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { w as waitAtLeast, i as isRetryableStatus, a as isTransient, c as retryAfterMs, d as waitMs, D as DEFAULT_RETRY, r as retry } from './retry-CrDylnPN.js';
import { S as Sha256Stream } from './digest-Bdx7-BfA.js';
import { hostname } from 'node:os';
import { P as PreconditionFailed, c as checkKey } from './store-8-7XQPSH.js';

var semverExports = requireSemver();
var SemVer = /*@__PURE__*/getDefaultExportFromCjs(semverExports);

var gteExports = requireGte();
var gte = /*@__PURE__*/getDefaultExportFromCjs(gteExports);

var prereleaseExports = requirePrerelease();
var prerelease = /*@__PURE__*/getDefaultExportFromCjs(prereleaseExports);

var rsortExports = requireRsort();
var rsort = /*@__PURE__*/getDefaultExportFromCjs(rsortExports);

var validExports = requireValid();
var valid = /*@__PURE__*/getDefaultExportFromCjs(validExports);

// The functions used, not the package's index: it loads every range and comparison module too
// (about 10 ms of CPU at every start, for nothing a release needs).
const semver = { SemVer, gte, prerelease, rsort, valid };
/**
 * The semver a tag names, without its optional leading `v`, or undefined when it names none.
 * Build metadata is kept (semver.parse would drop it from `.version`), and whitespace or a
 * second prefix (`=`, `vv`) is refused rather than quietly trimmed: a tag is a name, not prose.
 */
function tagVersion(tag) {
    const bare = tag.startsWith('v') ? tag.slice(1) : tag;
    if (!/^[0-9]/.test(bare) || /\s/.test(bare))
        return undefined;
    return semver.valid(bare) === null ? undefined : bare;
}
/** A semver with a prerelease part (`0.41.0-rc1`); build metadata alone does not make one. */
function isPrerelease(version) {
    return semver.prerelease(version) !== null;
}
/** The stable (non-prerelease) semver versions among tag names; other tags are ignored. */
function stableVersions(tags) {
    const versions = [];
    for (const tag of tags) {
        const version = tagVersion(tag);
        if (version !== undefined && !isPrerelease(version))
            versions.push(version);
    }
    return versions;
}
/**
 * `<next minor>-<commits since the last stable tag>+<sha7>`: after 0.40.0, 15 commits at
 * 8c4040b... gives `0.41.0-15+8c4040b`. The next minor (not patch) because the development
 * branch is where the next feature release grows; a prerelease part makes it sort below that
 * release, and the commit count makes successive dev builds sort in order.
 */
function nextDevVersion(describe) {
    let base = new semver.SemVer('0.0.0');
    if (describe.tag !== undefined) {
        const version = tagVersion(describe.tag);
        if (version === undefined || isPrerelease(version)) {
            throw new Error(`git describe named tag '${describe.tag}', which is not a stable semver tag`);
        }
        base = new semver.SemVer(version);
    }
    if (!Number.isSafeInteger(describe.commits) || describe.commits < 0) {
        throw new Error(`commit count must be a whole number, got ${describe.commits}`);
    }
    if (!/^[0-9a-f]{7}$/.test(describe.sha7)) {
        throw new Error(`expected seven lowercase hex digits of the commit, got '${describe.sha7}'`);
    }
    return `${base.major}.${base.minor + 1}.0-${describe.commits}+${describe.sha7}`;
}
/**
 * Whether a stable version takes `latest`: it is not a prerelease and no stable tag of the
 * repository is higher. A back-port (0.38.3 after 0.39.0) does not take it; re-publishing the
 * highest version does. Prerelease and non-semver tags do not count.
 */
function isLatest(version, tags) {
    if (semver.valid(version) === null || isPrerelease(version))
        return false;
    return stableVersions(tags).every((tag) => semver.gte(version, tag));
}
/** The highest stable semver among tag names, or undefined when there is none. */
function highestStable(tags) {
    const versions = stableVersions(tags);
    return versions.length === 0 ? undefined : semver.rsort(versions)[0];
}

/** The event or inputs cannot make a release; the message names the tag or input and the fix. */
class ReleaseError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ReleaseError';
    }
}
const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];
/** Events on which an explicit dev/stable channel input is honoured. */
const CHANNEL_EVENTS = ['push', 'workflow_dispatch', 'release'];
function classify(event, inputs) {
    const versionInput = parseVersionInput(inputs.version);
    // `none` wins over everything, even a tag that is not semver: nothing will be published, so
    // nothing about the tag can be wrong for this run.
    if (inputs.channel === 'none')
        return { channel: 'none', reason: 'the channel input is none.' };
    // A pull request never publishes, whatever the channel input says: its code has not been
    // reviewed and pull_request_target runs with write tokens. Classifying it as `none` rather
    // than failing keeps a shared workflow (on: [push, pull_request]) green on pull requests.
    if (PULL_REQUEST_EVENTS.includes(event.eventName)) {
        const ignored = inputs.channel === 'auto'
            ? ''
            : ` (the channel input '${inputs.channel}' was ignored for a pull request)`;
        return {
            channel: 'none',
            reason: `a ${event.eventName} event never publishes${ignored}.`
        };
    }
    if (!CHANNEL_EVENTS.includes(event.eventName)) {
        const ignored = inputs.channel === 'auto'
            ? ''
            : ` (the channel input '${inputs.channel}' is honoured only for push, workflow_dispatch and release events)`;
        return { channel: 'none', reason: `a ${event.eventName} event does not publish${ignored}.` };
    }
    const source = eventSource(event);
    if (source.kind === 'none') {
        // A forced channel where there is neither branch nor tag (the CLI outside a git checkout):
        // publishing nothing would be a silent success; a dev release needs its version given.
        if (inputs.channel === 'dev') {
            if (versionInput === undefined) {
                throw new ReleaseError(`input 'version': the channel input is dev, but ${source.reason.replace(/\.$/, '')}, so ` +
                    `no dev version can be computed from git. Give the version input (--version ` +
                    `0.41.0-dev.1), or run inside a git checkout with its history (fetch-depth: 0).`);
            }
            return dev(inputs, {
                version: versionInput,
                prerelease: isPrerelease(versionInput),
                reason: `the channel input is dev, version from the version input (${source.reason.replace(/\.$/, '')}).`
            });
        }
        if (inputs.channel === 'stable') {
            throw new ReleaseError(`input 'channel': stable needs a tag to publish from, but ${source.reason.replace(/\.$/, '')}. ` +
                `Publish from a tag (--ref refs/tags/0.40.0), or use --channel dev with --version.`);
        }
        return { channel: 'none', reason: source.reason };
    }
    if (source.kind === 'tag') {
        const tagged = tagVersion(source.tag);
        if (tagged === undefined) {
            throw new ReleaseError(`tag '${source.tag}' is not a semver version: release tags look like 0.40.0, v0.40.0 or ` +
                `0.41.0-rc1. Push a semver tag, or set the channel input to none for this tag.`);
        }
        const version = versionInput ?? tagged;
        const prerelease = isPrerelease(version) || source.githubPrerelease;
        const via = versionInput === undefined ? '' : ` (version from the version input)`;
        if (inputs.channel === 'dev' || (inputs.channel === 'auto' && prerelease)) {
            const why = inputs.channel === 'dev'
                ? `the channel input is dev`
                : isPrerelease(version)
                    ? `${version} is a semver prerelease`
                    : `the GitHub release is marked as a prerelease`;
            return dev(inputs, {
                version,
                prerelease,
                tag: source.tag,
                reason: `${source.what} ${source.tag}: ${why}, published to the dev channel${via}.`
            });
        }
        return stable(inputs, {
            version,
            prerelease,
            tag: source.tag,
            reason: `${source.what} ${source.tag}: a stable release${via}.`
        });
    }
    // A branch.
    const devBranch = developmentBranch(inputs.devBranch, event.payload);
    const on = `${source.what} ${source.branch}`;
    if (inputs.channel === 'stable') {
        // A stable release is a tag: a branch moves, so what it pointed at cannot be told later.
        if (!inputs.stableFromBranch) {
            throw new ReleaseError(`input 'channel': stable on ${on}, which is not a tag. Stable releases are published ` +
                `from a tag: push the tag (e.g. 0.40.0) and run on it, or set stable-from-branch: true ` +
                `(with the version input) to publish this branch as stable on purpose.`);
        }
        // Never from a branch: latest names the newest tagged release.
        if (inputs.latest === 'true') {
            throw new ReleaseError(`input 'latest': true, but ${on} is not a tag, and latest only moves to a tagged ` +
                `release. Use latest: auto (false here), or publish from a tag.`);
        }
        if (versionInput === undefined) {
            throw new ReleaseError(`input 'version': the channel input is stable but ${on} has no tag to take the version ` +
                `from. Give the version input (e.g. 0.40.0), or publish from a tag.`);
        }
        return stable({ ...inputs, latest: 'false' }, {
            version: versionInput,
            prerelease: isPrerelease(versionInput),
            reason: `${on}: the channel input is stable (stable-from-branch), version from the version input; never latest from a branch.`
        });
    }
    if (inputs.channel === 'dev' || source.branch === devBranch) {
        const why = source.branch === devBranch
            ? `the development branch`
            : `not the development branch (${devBranch}), but the channel input is dev`;
        return dev(inputs, {
            version: versionInput,
            prerelease: false,
            reason: `${on}: ${why}.`
        });
    }
    return {
        channel: 'none',
        reason: `${on}: not the development branch (${devBranch}) and not a tag.`
    };
}
/** The dev-branch input, else the repository's default branch from the event, else master. */
function developmentBranch(input, payload) {
    const given = input.trim().replace(/^refs\/heads\//, '');
    if (given !== '')
        return given;
    const repository = payload.repository;
    const fromPayload = repository?.default_branch;
    if (typeof fromPayload === 'string' && fromPayload !== '')
        return fromPayload;
    return 'master';
}
/** What the event points at: a tag (push, release) or a branch (push, dispatch). */
function eventSource(event) {
    if (event.eventName === 'release') {
        const action = event.payload.action;
        if (action !== 'published') {
            // GitHub sends created/released/prereleased/... alongside published; acting on one of
            // them only keeps a release from being published twice.
            return {
                kind: 'none',
                reason: `a release event with action '${String(action)}' does not publish (only 'published' does).`
            };
        }
        const release = event.payload.release;
        const tag = release?.tag_name;
        if (typeof tag !== 'string' || tag === '') {
            throw new ReleaseError(`the release event payload has no release.tag_name; cannot tell which version was released.`);
        }
        // A release the maintainers marked as a prerelease on GitHub is one, whatever its tag says.
        return { kind: 'tag', tag, what: 'release', githubPrerelease: release?.prerelease === true };
    }
    const what = event.eventName === 'push' ? 'push to' : `${event.eventName} on`;
    if (event.ref.startsWith('refs/tags/')) {
        const tag = event.ref.slice('refs/tags/'.length);
        return { kind: 'tag', tag, what: `${what} tag`, githubPrerelease: false };
    }
    if (event.ref.startsWith('refs/heads/')) {
        return { kind: 'branch', branch: event.ref.slice('refs/heads/'.length), what: `${what} branch` };
    }
    return {
        kind: 'none',
        reason: `${what} '${event.ref || '(no ref)'}', which is neither a branch nor a tag.`
    };
}
function parseVersionInput(raw) {
    if (raw.trim() === '')
        return undefined;
    const version = tagVersion(raw.trim());
    if (version === undefined) {
        throw new ReleaseError(`input 'version': '${raw}' is not a semver version (e.g. 0.40.0, 0.41.0-rc1, 0.41.0-15+8c4040b).`);
    }
    return version;
}
function dev(inputs, release) {
    // Development builds and prereleases are never latest; asking for it is a mistake in the
    // workflow, not something to quietly drop.
    if (inputs.latest === 'true') {
        throw new ReleaseError(`input 'latest': true, but this is a ${release.prerelease ? 'prerelease' : 'development'} ` +
            `release, which is never latest. Use latest: auto, or set it to true only for stable tags.`);
    }
    return { channel: 'dev', latest: false, ...release };
}
function stable(inputs, release) {
    if (release.prerelease) {
        if (inputs.latest === 'true') {
            throw new ReleaseError(`input 'latest': true, but ${release.version} is a prerelease, which is never latest. ` +
                `Use latest: auto, or publish a stable version.`);
        }
        return { channel: 'stable', latest: false, ...release };
    }
    const latest = inputs.latest === 'auto' ? undefined : inputs.latest === 'true';
    return { channel: 'stable', latest, ...release };
}

/**
 * Mutual exclusion between publishes through lease objects in the store itself, for stores that
 * cannot compare-and-swap an object (a plain WebDAV server). A lease names its owner and an
 * expiry; an expired one is broken by a waiter, after checking that it is still the same lease.
 * Within one process, callers of the same lease also queue on a promise chain, so they do not
 * spend requests racing each other.
 *
 * The guarantee is as strong as `create` and the clocks: with an atomic create and clocks within
 * the ttl of each other, one holder at a time, as long as holders finish within the ttl (index
 * updates take milliseconds; the default ttl is a minute).
 */
class Leases {
    objects;
    options;
    ttlMs;
    timeoutMs;
    local = new Map();
    constructor(objects, options = {}) {
        this.objects = objects;
        this.options = options;
        this.ttlMs = options.ttlMs ?? 60_000;
        this.timeoutMs = options.timeoutMs ?? 180_000;
    }
    /**
     * A conditional put on a store that cannot make one itself: under the key's lease, compare the
     * current object with the precondition, then write. A failed precondition writes nothing (and
     * discards a stream body).
     */
    async conditionalPut(key, body, precondition, head, write) {
        const name = createHash('sha256').update(key).digest('hex');
        return this.withLease(name, async () => {
            const current = await head(key);
            const holds = 'ifNoneMatch' in precondition
                ? current === undefined
                : current !== undefined && current.etag === precondition.ifMatch;
            if (!holds) {
                if (body instanceof Readable)
                    body.destroy();
                throw new PreconditionFailed(key, precondition);
            }
            return write();
        });
    }
    async withLease(name, critical) {
        const previous = this.local.get(name) ?? Promise.resolve();
        const run = previous.catch(() => undefined).then(() => this.holding(name, critical));
        const settled = run.catch(() => undefined);
        this.local.set(name, settled);
        try {
            return await run;
        }
        finally {
            if (this.local.get(name) === settled)
                this.local.delete(name);
        }
    }
    async holding(name, critical) {
        const me = await this.acquire(name);
        try {
            return await critical();
        }
        finally {
            // Only remove the lease if it is still ours: a waiter may have broken it after the ttl.
            const now = await this.objects.read(name).catch(() => undefined);
            if (now?.owner === me.owner)
                await this.objects.remove(name);
        }
    }
    async acquire(name) {
        const started = Date.now();
        let delay = 20;
        // A lease whose holder file cannot be read (created, owner not written yet, or written by
        // something else) is judged by how long this waiter has seen it so, on its own clock.
        let unreadableSince;
        for (;;) {
            const me = {
                owner: randomUUID(),
                host: hostname(),
                pid: process.pid,
                since: Date.now(),
                expires: Date.now() + this.ttlMs
            };
            if (await this.objects.create(name, me))
                return me;
            const holder = await this.objects.read(name);
            if (holder === undefined)
                unreadableSince ??= Date.now();
            else
                unreadableSince = undefined;
            const expired = holder !== undefined
                ? Date.now() > holder.expires
                : Date.now() - (unreadableSince ?? Date.now()) > this.ttlMs;
            if (expired) {
                const again = await this.objects.read(name);
                if (again?.owner === holder?.owner) {
                    await this.objects.remove(name);
                    this.options.onBreak?.(name, holder);
                    unreadableSince = undefined;
                    continue;
                }
            }
            if (Date.now() - started > this.timeoutMs) {
                const who = holder ? `held by ${holder.owner} (pid ${holder.pid} on ${holder.host})` : '';
                throw new Error(`timed out after ${this.timeoutMs} ms waiting for the lease ${name} ${who}; ` +
                    `if no publish is running, remove it from the store`);
            }
            await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
            delay = Math.min(delay * 2, 500);
        }
    }
}
/** Parses a lease object's text; undefined when it is not one of ours. */
function parseHolder(text) {
    try {
        const parsed = JSON.parse(text);
        if (typeof parsed.owner === 'string' && typeof parsed.expires === 'number') {
            return {
                owner: parsed.owner,
                host: String(parsed.host ?? ''),
                pid: Number(parsed.pid ?? 0),
                since: Number(parsed.since ?? 0),
                expires: parsed.expires
            };
        }
    }
    catch {
        // not JSON: not ours
    }
    return undefined;
}

/**
 * Whether an attempt is worth repeating: what the SDK calls throttling or transient (429, 500,
 * 502-504, S3's RequestTimeout and SlowDown, timeouts, resets), what the shared policy retries
 * (408, other 5xx but 501), and dropped connections. Other client errors (400, 403, 404, 412)
 * are answers, not accidents.
 */
function isRetryableAttempt(info) {
    if (info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT')
        return true;
    const status = info.error?.$metadata?.httpStatusCode;
    if (status !== undefined)
        return isRetryableStatus(status);
    return isTransient(info.error);
}
/**
 * The wait before the next attempt (`attempt` counts the ones made, from 1): what Retry-After
 * asks, read as every other client here reads it (delta-seconds or an HTTP-date); else the
 * SDK's hint (it also reads AWS's x-amz-retry-after); else the policy's backoff with jitter.
 * Never longer than the policy's `maxDelayMs`.
 */
function retryDelayMs(policy, attempt, info, now = Date.now(), random = Math.random) {
    const asked = retryAfterMs(headerOf(info.error, 'retry-after'), now) ??
        (info.retryAfterHint ? Math.max(0, info.retryAfterHint.getTime() - now) : undefined);
    return waitMs(policy, attempt, asked, random);
}
/**
 * A RetryStrategyV2 for the S3 client that follows the shared retry policy. The SDK's retry
 * middleware calls it after each failed attempt; it waits there and then allows the next one.
 * It keeps no retry quota across requests (the standard strategy's circuit breaker): like the
 * other clients, each request gets the policy's attempts.
 */
class PolicyRetryStrategy {
    policy;
    options;
    /** Failed attempts' errors, named by the middleware that saw their request. */
    requests = new WeakMap();
    constructor(policy, options = {}) {
        this.policy = policy;
        this.options = options;
    }
    async acquireInitialRetryToken() {
        return token(0, 0);
    }
    async refreshRetryTokenForRetry(previous, info) {
        const attempt = previous.getRetryCount() + 1;
        if (attempt >= this.policy.attempts || !isRetryableAttempt(info))
            throw info.error ?? new Error('not retried');
        const delay = retryDelayMs(this.policy, attempt, info, Date.now(), this.options.random);
        const request = info.error ? this.requests.get(info.error) : undefined;
        this.options.onRetry?.(request, causeOf(info.error), attempt, delay);
        // The strategy sleeps itself and hands back a token with no delay, as the SDK's own do (the
        // SDK's middleware would sleep a token's delay with a plain timer, which can fire early).
        await waitAtLeast(delay);
        return token(attempt, 0);
    }
    recordSuccess() { }
    /**
     * A client middleware to add at `finalizeRequest` with low priority, so that it runs inside
     * the retry loop once per attempt: it names each failed attempt's request (operation and
     * object, never credentials) for the retry's log line.
     */
    namer = (next, context) => {
        return async (args) => {
            try {
                return await next(args);
            }
            catch (error) {
                if (error !== null && typeof error === 'object')
                    this.requests.set(error, requestName(context.commandName, args.input));
                throw error;
            }
        };
    };
}
function token(retries, delayMs) {
    return { getRetryCount: () => retries, getRetryDelay: () => delayMs };
}
/** "PutObject s3://bucket/key": the operation and the object (or listed prefix) it was about. */
function requestName(command, input) {
    const { Bucket, Key, Prefix } = input;
    const operation = (command ?? 'request').replace(/Command$/, '');
    return `${operation} s3://${Bucket ?? ''}/${Key ?? Prefix ?? ''}`;
}
/** "503 SlowDown", or a connection error's code: the status and S3's error code, no message. */
function causeOf(error) {
    const e = (error ?? {});
    const status = e.$metadata?.httpStatusCode;
    if (status !== undefined)
        return `${status} ${e.name ?? ''}`.trim();
    return e.code ?? e.name ?? 'error';
}
function headerOf(error, name) {
    const headers = error?.$response?.headers;
    if (!headers)
        return undefined;
    for (const [header, value] of Object.entries(headers))
        if (header.toLowerCase() === name)
            return value;
    return undefined;
}

function spell(etag, spelling) {
    const bare = etag.replace(/^W\//, '').replace(/^"|"$/g, '');
    return spelling === 'quoted' ? `"${bare}"` : bare;
}
const spellingName = (spelling) => spelling === 'quoted' ? 'in quotes' : 'without quotes';
/** The store's own objects (probe, leases) live under this folder of the prefix, never listed. */
const S3_STATE_DIR = '.falco-publish';
/** A conditional put is sent as one PutObject, so its body is read into memory first: indexes. */
const CONDITIONAL_MAX = 64 * 1024 * 1024;
/**
 * A Store in an S3 bucket (or an S3-compatible service), under an optional key prefix.
 *
 * Credentials come from the SDK's standard chain only (environment, web identity as
 * aws-actions/configure-aws-credentials sets it up, profiles): never from an input.
 * Uploads stream through lib-storage (multipart above one part, a bounded number of parts in
 * flight) and are hashed on the way.
 *
 * Requests are retried under the shared policy, Retry-After honoured up to its longest wait
 * (s3-retry.ts). The SDK never retries a request whose body is a stream, so every body sent is a
 * buffer: lib-storage's parts, and the conditional put's index read into memory.
 *
 * Conditional puts use If-None-Match: * and If-Match: <etag> (S3 since 2024, R2, MinIO). A
 * service that ignores them (s3rver, older gateways) is found out by a probe on the first
 * conditional put; the store then takes a lease object per key and compares etags under it. S3
 * offers no atomic create without conditional writes, so that lease is put, then read back after a
 * pause: it keeps concurrent publishes apart in practice, but is not a guarantee (the README
 * says so).
 */
class S3Store {
    bucket;
    options;
    location;
    prefix;
    sdk;
    mode;
    /** How If-Match etags are spelt: as S3 returns them (quoted) unless the probe or a refusal says otherwise. */
    spelling = 'quoted';
    leases;
    leaseFolder;
    constructor(bucket, prefix, options = {}) {
        this.bucket = bucket;
        this.options = options;
        this.prefix = prefix.replace(/^\/+|\/+$/g, '');
        if (this.prefix !== '')
            this.prefix += '/';
        this.location = `s3://${bucket}/${this.prefix}`.replace(/\/$/, '');
        if (options.conditionalWrites && options.conditionalWrites !== 'probe')
            this.mode = Promise.resolve(options.conditionalWrites);
        this.leases = new Leases({
            create: (name, holder) => this.createLease(name, holder),
            read: (name) => this.readLease(name),
            remove: (name) => this.delete(`${S3_STATE_DIR}/leases/${name}`)
        }, {
            ...options.lease,
            onBreak: (name, holder) => options.log?.warning(`broke an expired lease ${name} in ${this.location}` +
                (holder ? ` (owner ${holder.owner}, pid ${holder.pid} on ${holder.host})` : ''))
        });
    }
    /** The key in the bucket: the store's prefix and the key. */
    objectKey(key) {
        return this.prefix + checkKey(key);
    }
    url(key) {
        checkKey(key);
        if (this.options.baseUrl)
            return new URL(key.split('/').map(encodeURIComponent).join('/'), withSlash(new URL(this.options.baseUrl))).href;
        const path = (this.prefix + key).split('/').map(encodeURIComponent).join('/');
        if (!this.options.endpoint) {
            const region = this.options.region ?? 'us-east-1';
            return `https://${this.bucket}.s3.${region}.amazonaws.com/${path}`;
        }
        const endpoint = new URL(this.options.endpoint);
        if (this.options.forcePathStyle)
            return new URL(`${this.bucket}/${path}`, withSlash(endpoint)).href;
        endpoint.hostname = `${this.bucket}.${endpoint.hostname}`;
        return new URL(path, withSlash(endpoint)).href;
    }
    async head(key) {
        checkKey(key);
        const { s3, client } = await this.client();
        try {
            const out = await client.send(new s3.HeadObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
            return {
                key,
                size: out.ContentLength ?? 0,
                etag: out.ETag ?? '',
                ...(out.LastModified ? { modified: out.LastModified } : {})
            };
        }
        catch (error) {
            if (isNotFound(error))
                return undefined;
            throw this.failure('HEAD', key, error);
        }
    }
    async get(key) {
        checkKey(key);
        const { s3, client } = await this.client();
        try {
            const out = await client.send(new s3.GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
            return this.named(out.Body, key);
        }
        catch (error) {
            if (isNotFound(error))
                return undefined;
            throw this.failure('GET', key, error);
        }
    }
    /**
     * The object (or `range` of it) in memory. A body that breaks off once the SDK has handed it
     * over (the server resets the connection mid-answer: Node says only `aborted`) is out of the
     * SDK's retries; a read is safe to repeat, so the GET is sent again under the same policy.
     */
    async read(key, range) {
        checkKey(key);
        if (range && range.end <= range.start)
            return Buffer.alloc(0);
        const { s3, client } = await this.client();
        const policy = this.options.retry ?? DEFAULT_RETRY;
        return retry(async () => {
            let body;
            try {
                const out = await client.send(new s3.GetObjectCommand({
                    Bucket: this.bucket,
                    Key: this.prefix + key,
                    ...(range ? { Range: `bytes=${range.start}-${range.end - 1}` } : {})
                }));
                body = out.Body;
            }
            catch (error) {
                if (isNotFound(error))
                    return undefined;
                throw this.failure('GET', key, error);
            }
            const chunks = [];
            for await (const chunk of this.named(body, key))
                chunks.push(Buffer.from(chunk));
            return Buffer.concat(chunks);
        }, {
            policy,
            retryable: (error) => error instanceof BrokenBody && isTransient(error),
            onRetry: (error, attempt, delayMs) => this.options.log?.debug(`${error.message}; attempt ${attempt + 1} of ${policy.attempts} in ${delayMs} ms`)
        });
    }
    /**
     * The body of a GET, whose errors name the operation and the object: a connection reset while
     * reading it otherwise surfaces as Node's bare `aborted`.
     */
    named(body, key) {
        const out = new PassThrough();
        body.once('error', (error) => out.destroy(new BrokenBody(`GET ${this.location}/${key}: the answer broke off (${causeText(error)})`, {
            cause: error
        })));
        body.pipe(out);
        return out;
    }
    async put(key, body, options = {}) {
        checkKey(key);
        const precondition = options.precondition;
        if (!precondition)
            return this.upload(key, body, options.contentType, options.lifetime, options.keepHash);
        if ((await this.conditionalMode()) === 'native')
            return this.putConditional(key, body, precondition, options.contentType, options.lifetime);
        return this.leases.conditionalPut(key, body, precondition, (k) => this.head(k), () => this.upload(key, body, options.contentType, options.lifetime));
    }
    /** CopyObject: the service copies the bytes (up to 5 GiB, far above any index). */
    async copy(from, to, options = {}) {
        checkKey(from);
        checkKey(to);
        const { s3, client } = await this.client();
        // A copy takes the source's metadata but never its ACL; with a Cache-Control of its own
        // (a plain index name copied from a by-hash one) the metadata is given anew.
        const cacheControl = this.cacheControl(options.lifetime);
        try {
            await client.send(new s3.CopyObjectCommand({
                Bucket: this.bucket,
                Key: this.prefix + to,
                // bucket/key URL-encoded. encodeURI keeps '/', '+' and '&' as they are, which every
                // reading of the header agrees on (s3rver decodes it with decodeURI); '?' and '#'
                // would start a query or fragment.
                CopySource: encodeURI(`${this.bucket}/${this.prefix}${from}`).replace(/[?#]/g, (c) => c === '?' ? '%3F' : '%23'),
                ...this.objectMetadata(options.lifetime),
                ...(cacheControl
                    ? { MetadataDirective: 'REPLACE', ContentType: 'application/octet-stream' }
                    : {})
            }));
        }
        catch (error) {
            if (isNotFound(error))
                throw new Error(`cannot copy ${from} to ${to} in ${this.location}: no object ${from}`, {
                    cause: error
                });
            throw this.failure('COPY', to, error);
        }
    }
    async delete(key) {
        checkKey(key);
        const { s3, client } = await this.client();
        try {
            await client.send(new s3.DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
        }
        catch (error) {
            if (isNotFound(error))
                return;
            throw this.failure('DELETE', key, error);
        }
    }
    async *list(prefix) {
        // S3 lists in UTF-8 byte order; some compatible services (s3rver) walk their disk instead, so
        // the listing is gathered and sorted here (keys and sizes only: small even for large buckets).
        const all = [];
        for await (const info of this.pages(prefix))
            all.push(info);
        all.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
        yield* all;
    }
    async *pages(prefix) {
        const { s3, client } = await this.client();
        let token;
        do {
            let out;
            try {
                out = await client.send(new s3.ListObjectsV2Command({
                    Bucket: this.bucket,
                    Prefix: this.prefix + prefix,
                    ContinuationToken: token
                }));
            }
            catch (error) {
                throw this.failure('LIST', prefix, error);
            }
            for (const item of out.Contents ?? []) {
                const key = (item.Key ?? '').slice(this.prefix.length);
                if (key.startsWith(`${S3_STATE_DIR}/`))
                    continue;
                yield {
                    key,
                    size: item.Size ?? 0,
                    etag: item.ETag ?? '',
                    ...(item.LastModified ? { modified: item.LastModified } : {})
                };
            }
            token = out.IsTruncated ? out.NextContinuationToken : undefined;
        } while (token);
    }
    /** Streams the body through lib-storage: multipart above one part, parts in flight bounded. */
    /** The Cache-Control configured for a lifetime, if any. */
    cacheControl(lifetime) {
        return lifetime ? this.options.cacheControl?.[lifetime] : undefined;
    }
    /** ACL and Cache-Control for a write, as the options configure them. */
    objectMetadata(lifetime) {
        const cacheControl = this.cacheControl(lifetime);
        return {
            ...(this.options.acl ? { ACL: this.options.acl } : {}),
            ...(cacheControl ? { CacheControl: cacheControl } : {})
        };
    }
    async upload(key, body, contentType, lifetime, keepHash) {
        const { storage, client } = await this.client();
        const digest = new Sha256Stream(keepHash);
        const source = typeof body === 'string' || Buffer.isBuffer(body) ? Readable.from([Buffer.from(body)]) : body;
        // lib-storage reads `Body.size` as the length, and Sha256Stream has a `size` (bytes so far):
        // hand it a plain stream after the digest instead.
        const body$ = new PassThrough();
        let broken;
        const piped = pipeline(source, digest, body$).catch((error) => {
            broken = error;
        });
        const upload = new storage.Upload({
            client,
            params: {
                Bucket: this.bucket,
                Key: this.prefix + key,
                Body: body$,
                ContentType: contentType ?? 'application/octet-stream',
                ...this.objectMetadata(lifetime)
            },
            partSize: this.options.partBytes ?? 8 * 1024 * 1024,
            queueSize: this.options.partsInFlight ?? 4,
            leavePartsOnError: false
        });
        let etag;
        try {
            etag = (await upload.done()).ETag;
        }
        catch (error) {
            await piped;
            if (broken)
                throw broken;
            throw this.failure('PUT', key, error);
        }
        await piped;
        if (broken)
            throw broken;
        if (!etag)
            etag = (await this.head(key))?.etag ?? '';
        const hashed = digest.hashed ? { hashed: digest.hashed } : {};
        return { key, size: digest.size, sha256: digest.sha256, etag, ...hashed };
    }
    async putConditional(key, body, precondition, contentType, lifetime) {
        const { s3, client } = await this.client();
        const digest = new Sha256Stream();
        const bytes = await readAll(body, digest, key);
        const send = (spelling) => client.send(new s3.PutObjectCommand({
            Bucket: this.bucket,
            Key: this.prefix + key,
            Body: bytes,
            ContentLength: bytes.length,
            ContentType: contentType ?? 'application/octet-stream',
            ...this.objectMetadata(lifetime),
            ...('ifNoneMatch' in precondition
                ? { IfNoneMatch: '*' }
                : { IfMatch: spell(precondition.ifMatch, spelling) })
        }));
        const refused = (error) => {
            const status = statusOf(error);
            // 412: the precondition failed; 409: a concurrent conditional write won (S3 says retry).
            // 404: If-Match on an object that does not exist.
            return status === 412 || status === 409 || (status === 404 && 'ifMatch' in precondition);
        };
        const done = (etag) => ({
            key,
            size: digest.size,
            sha256: digest.sha256,
            etag: etag ?? ''
        });
        try {
            return done((await send(this.spelling)).ETag);
        }
        catch (error) {
            if (!refused(error))
                throw this.failure('PUT', key, error);
            // Refused while the object still carries the etag asked for: the service reads If-Match
            // spelt the other way (RGW refuses quoted etags, R2 bare ones). Once with that spelling.
            if ('ifNoneMatch' in precondition || statusOf(error) !== 412)
                throw new PreconditionFailed(key, precondition);
            const now = await this.head(key);
            if (!now || spell(now.etag, 'bare') !== spell(precondition.ifMatch, 'bare'))
                throw new PreconditionFailed(key, precondition);
            const other = this.spelling === 'quoted' ? 'bare' : 'quoted';
            try {
                const out = await send(other);
                this.spelling = other;
                this.options.log?.info(`store: ${this.location} refused a matching If-Match etag spelt ${spellingName(other === 'bare' ? 'quoted' : 'bare')}; sending them ${spellingName(other)} from now on`);
                return done(out.ETag);
            }
            catch (again) {
                if (refused(again))
                    throw new PreconditionFailed(key, precondition);
                throw this.failure('PUT', key, again);
            }
        }
    }
    /** Whether the service honours conditional writes: asked once, by trying them on a probe key. */
    conditionalMode() {
        this.mode ??= this.probe();
        return this.mode;
    }
    async probe() {
        const { s3, client } = await this.client();
        const key = `${this.prefix}${S3_STATE_DIR}/probe/${randomUUID()}`;
        /** The new etag when the put was written, 'refused' when its condition failed. */
        const attempt = async (condition) => {
            try {
                const out = await client.send(new s3.PutObjectCommand({ Bucket: this.bucket, Key: key, Body: 'probe', ...condition }));
                return out.ETag ?? (await this.head(key.slice(this.prefix.length)))?.etag ?? '';
            }
            catch (error) {
                const status = statusOf(error);
                if (status === 412 || status === 409)
                    return 'refused';
                throw this.failure('PUT', `${S3_STATE_DIR}/probe`, error);
            }
        };
        try {
            const created = await attempt({ IfNoneMatch: '*' });
            const again = await attempt({ IfNoneMatch: '*' });
            const stale = await attempt({ IfMatch: '"0123456789abcdef0123456789abcdef"' });
            // Refusing is not enough: a matching If-Match must also go through, and services differ
            // on how they read it (RGW refuses the quoted etag S3 returns and the SDK sends, R2 the
            // bare one). The first spelling that goes through is the one used.
            let spelling;
            if (created !== 'refused' && again === 'refused' && stale === 'refused') {
                for (const s of ['quoted', 'bare']) {
                    if ((await attempt({ IfMatch: spell(created, s) })) !== 'refused') {
                        spelling = s;
                        break;
                    }
                }
            }
            if (spelling) {
                this.spelling = spelling;
                this.options.log?.info(`store: ${this.location} honours conditional writes; If-Match etags are sent ${spellingName(spelling)}`);
                return 'native';
            }
            this.options.log?.warning(`the S3 service behind ${this.location} ${again === 'refused' && stale === 'refused' ? 'refuses a matching If-Match in either spelling' : 'ignores conditional writes (If-None-Match/If-Match)'}; ` +
                `index updates take a lease object instead, which keeps concurrent publishes apart in ` +
                `practice but is not atomic. Use a service that honours them (AWS S3, R2, MinIO, Ceph RGW) for a guarantee.`);
            return 'lease';
        }
        finally {
            await client
                .send(new s3.DeleteObjectCommand({ Bucket: this.bucket, Key: key }))
                .catch(() => { });
        }
    }
    /**
     * Without conditional writes S3 has no atomic create. The lease is written only when absent,
     * then read back after a pause longer than a competing write takes: of several that wrote at
     * once, only the last one finds its own owner there.
     */
    async createLease(name, holder) {
        const key = `${S3_STATE_DIR}/leases/${name}`;
        await this.keepLeaseFolder();
        if (await this.head(key))
            return false;
        await this.upload(key, JSON.stringify(holder), 'application/json');
        await new Promise((resolve) => setTimeout(resolve, 250));
        return (await this.readLease(name))?.owner === holder.owner;
    }
    /**
     * s3rver, a server the lease fallback exists for, removes a folder a delete leaves empty, and
     * a put into that folder racing the removal crashes it (its write stream's ENOENT goes
     * unhandled): leases come and go in one folder, so it keeps an object that is never deleted.
     */
    keepLeaseFolder() {
        this.leaseFolder ??= (async () => {
            const key = `${S3_STATE_DIR}/leases/.keep`;
            if (!(await this.head(key)))
                await this.upload(key, 'Keeps the folder of the leases in place.\n', 'text/plain');
        })().catch((error) => {
            this.leaseFolder = undefined;
            throw error;
        });
        return this.leaseFolder;
    }
    async readLease(name) {
        const body = await this.read(`${S3_STATE_DIR}/leases/${name}`);
        return body && parseHolder(body.toString('utf8'));
    }
    /** The SDK is loaded on first use only: runs without an s3 store never load it. */
    client() {
        this.sdk ??= (async () => {
            const [s3, storage] = await Promise.all([
                import('./dist-es-BNITxiAj.js'),
                import('./dist-es-C-SJEGWR.js')
            ]);
            const policy = this.options.retry ?? DEFAULT_RETRY;
            // The shared policy instead of the SDK's standard strategy, which caps what Retry-After
            // asks at its own backoff plus 5 s (see s3-retry.ts).
            const retryStrategy = new PolicyRetryStrategy(policy, {
                onRetry: (request, cause, attempt, delayMs) => this.options.log?.debug(`${request ?? this.location}: ${cause}; attempt ${attempt + 1} of ${policy.attempts} in ${delayMs} ms`)
            });
            const client = new s3.S3Client({
                region: this.options.region || process.env.AWS_REGION || 'us-east-1',
                ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
                forcePathStyle: this.options.forcePathStyle ?? false,
                retryStrategy,
                // Only read for the amz-sdk-request header once a strategy is given: kept truthful.
                maxAttempts: policy.attempts,
                // Checksums in trailers (the SDK's default since 2025) are not understood by every
                // S3-compatible service; compute them only where S3 requires them.
                requestChecksumCalculation: 'WHEN_REQUIRED',
                responseChecksumValidation: 'WHEN_REQUIRED'
            });
            client.middlewareStack.add(retryStrategy.namer, {
                step: 'finalizeRequest',
                priority: 'low',
                name: 'falcoPublishRetryNamer'
            });
            return { s3, storage, client };
        })();
        return this.sdk;
    }
    failure(operation, key, error) {
        const status = statusOf(error);
        const name = error.name;
        const hint = status === 403 || name === 'CredentialsProviderError'
            ? ' (credentials come from the AWS environment: run aws-actions/configure-aws-credentials first)'
            : '';
        return new Error(`${operation} ${this.location}/${key} failed: ${name}${status ? ` (${status})` : ''}: ${error.message}${hint}`);
    }
}
/** Reads a conditional put's body (an index) into memory, hashing it; refuses large ones. */
async function readAll(body, digest, key) {
    const source = typeof body === 'string' || Buffer.isBuffer(body) ? Readable.from([Buffer.from(body)]) : body;
    const chunks = [];
    let size = 0;
    const collect = async function* (input) {
        for await (const chunk of input) {
            size += chunk.length;
            if (size > CONDITIONAL_MAX)
                throw new Error(`${key}: a conditional put to S3 is limited to ${CONDITIONAL_MAX} bytes`);
            chunks.push(chunk);
        }
        yield Buffer.alloc(0);
    };
    await pipeline(source, digest, collect);
    return Buffer.concat(chunks);
}
/** A GET whose body failed after its answer began: see S3Store.named. */
class BrokenBody extends Error {
    name = 'BrokenBody';
}
/** `ECONNRESET: aborted`: a stream error's code and Node's message. */
function causeText(error) {
    const { code, message } = (error ?? {});
    return [code, message].filter((x) => typeof x === 'string' && x !== '').join(': ') || 'error';
}
function statusOf(error) {
    return error.$metadata?.httpStatusCode;
}
function isNotFound(error) {
    const name = error.name;
    return name === 'NotFound' || name === 'NoSuchKey' || statusOf(error) === 404;
}
function withSlash(url) {
    const copy = new URL(url.href);
    if (!copy.pathname.endsWith('/'))
        copy.pathname += '/';
    return copy;
}

/**
 * What changes in place when a publish succeeds: indexes, listings, and the signatures of those
 * (InRelease, repomd.xml.asc, SHA256SUMS.asc). Packages, tarballs and drivers, and the detached
 * signatures beside them, are published once under their own names and need no invalidation.
 */
const MUTABLE = ['index', 'listing'];
/** The CDN paths of the objects this run changed in place, each once, sorted. */
function changedPaths(results, store) {
    const published = results.flatMap((result) => result.published);
    const immutable = new Set(published
        .filter((item) => !MUTABLE.includes(item.kind) && item.kind !== 'signature')
        .map((item) => item.path));
    const paths = new Set();
    for (const item of published) {
        const changed = MUTABLE.includes(item.kind) ||
            (item.kind === 'signature' && !immutable.has(item.path.replace(/\.(asc|sig)$/, '')));
        if (changed)
            paths.add(cdnPath(store, item.path));
    }
    return [...paths].sort();
}
/** The path the CDN serves a key under: the key in the bucket (with the store's prefix). */
function cdnPath(store, key) {
    const objectKey = store instanceof S3Store ? store.objectKey(key) : key;
    return `/${objectKey.split('/').map(encodeURIComponent).join('/')}`;
}
/**
 * CloudFront, through the SDK (loaded on first use); credentials from the AWS environment like the
 * s3 store's. `endpoint` is for tests only.
 */
function cloudFront(distributionId, options = {}) {
    let client;
    return {
        name: `CloudFront distribution ${distributionId}`,
        async invalidate(paths) {
            client ??= import('./dist-es-nWoQHfct.js').then((cf) => ({
                cf,
                client: new cf.CloudFrontClient({
                    region: 'us-east-1',
                    maxAttempts: 5,
                    ...(options.endpoint ? { endpoint: options.endpoint } : {})
                })
            }));
            const { cf, client: cloudfront } = await client;
            const out = await cloudfront.send(new cf.CreateInvalidationCommand({
                DistributionId: distributionId,
                InvalidationBatch: {
                    CallerReference: `falco-publish-${randomUUID()}`,
                    Paths: { Quantity: paths.length, Items: paths }
                }
            }));
            options.log?.debug(`CloudFront invalidation ${out.Invalidation?.Id}: ${paths.join(' ')}`);
            return out.Invalidation?.Id ?? '';
        }
    };
}

export { Leases as L, ReleaseError as R, S3Store as S, isLatest as a, changedPaths as b, classify as c, cloudFront as d, highestStable as h, isPrerelease as i, nextDevVersion as n, parseHolder as p, stableVersions as s, tagVersion as t };
