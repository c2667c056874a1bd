import { performance } from 'node:perf_hooks';

/** The OCI and Docker media types this project reads and writes. */
const MediaType = {
    ociIndex: 'application/vnd.oci.image.index.v1+json',
    ociManifest: 'application/vnd.oci.image.manifest.v1+json',
    ociConfig: 'application/vnd.oci.image.config.v1+json',
    ociLayer: 'application/vnd.oci.image.layer.v1.tar',
    ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
    dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json'
};
const INDEX_TYPES = [MediaType.ociIndex, MediaType.dockerList];
const MANIFEST_TYPES = [MediaType.ociManifest, MediaType.dockerManifest];
function platformString(p) {
    return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
/** Parses `linux/arm64` or `linux/arm/v7`. */
function parsePlatform(text) {
    const parts = text.split('/');
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^[a-z0-9_.-]+$/i.test(p))) {
        return undefined;
    }
    return { os: parts[0], architecture: parts[1], ...(parts[2] ? { variant: parts[2] } : {}) };
}
/** The platform an image config declares (`os`, `architecture`, `variant`). */
function platformOfConfig(config, where) {
    const c = config;
    if (typeof c?.os !== 'string' || typeof c?.architecture !== 'string') {
        throw new Error(`${where}: the image config names no os/architecture; prefix the entry with one, e.g. linux/amd64=`);
    }
    return {
        os: c.os,
        architecture: c.architecture,
        ...(typeof c.variant === 'string' && c.variant ? { variant: c.variant } : {})
    };
}
/** The descriptors (config, then layers) an image manifest references, checked for shape. */
function manifestBlobs(manifest, where) {
    const m = manifest;
    if (!m?.config || !Array.isArray(m.layers)) {
        throw new Error(`${where}: not an image manifest (no config or layers)`);
    }
    for (const d of [m.config, ...m.layers]) {
        if (typeof d?.digest !== 'string' ||
            typeof d.size !== 'number' ||
            typeof d.mediaType !== 'string') {
            throw new Error(`${where}: a descriptor lacks mediaType, digest or size`);
        }
    }
    return [m.config, ...m.layers];
}

/**
 * Image repository names as users write them (`docker.io/falcosecurity/falco`,
 * `public.ecr.aws/falcosecurity/falco`, `127.0.0.1:5000/falco`), resolved to the registry host
 * the API lives on and the repository path inside it, with Docker's defaults.
 */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
/** Parses a repository name; throws naming it when it cannot be one (or carries a tag). */
function parseRepository(input) {
    const raw = input.trim();
    const fail = (why) => {
        throw new Error(`image repository ${JSON.stringify(input)}: ${why}`);
    };
    if (raw === '')
        fail('is empty');
    if (raw.includes('://'))
        fail('write it without a scheme, e.g. docker.io/falcosecurity/falco');
    if (raw.includes('@'))
        fail('a repository has no digest; tags come from the release');
    const parts = raw.split('/');
    const first = parts[0];
    const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
    let registry = hasHost ? first : 'docker.io';
    const rest = hasHost ? parts.slice(1) : parts;
    if (rest.length > 0 && rest[rest.length - 1].includes(':')) {
        fail('a repository has no tag; tags come from the release (image-dev-tag, image-extra-tags)');
    }
    if (registry === 'index.docker.io' || registry === 'registry-1.docker.io')
        registry = 'docker.io';
    if (registry === 'docker.io' && rest.length === 1)
        rest.unshift('library');
    for (const component of rest) {
        if (!PATH_COMPONENT.test(component)) {
            fail(`${JSON.stringify(component)} is not a valid path component (lower case letters, digits, . _ -)`);
        }
    }
    if (rest.length === 0)
        fail('names a registry but no repository');
    const path = rest.join('/');
    return {
        name: `${registry}/${path}`,
        registry,
        apiHost: registry === 'docker.io' ? 'registry-1.docker.io' : registry,
        path
    };
}
/** True when `tag` is a valid tag per the distribution spec. */
function isValidTag(tag) {
    return TAG.test(tag);
}
/** The registry host without its port, lower-cased. */
function hostname(registry) {
    const bracket = registry.match(/^\[([^\]]+)\]/);
    if (bracket)
        return bracket[1].toLowerCase();
    return registry.replace(/:\d+$/, '').toLowerCase();
}
/** Loopback hosts are always reached over plain HTTP, as Docker does. */
function isLoopback(registry) {
    const host = hostname(registry);
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
/** The API base URL: https unless the host is loopback or listed in insecure-registries. */
function apiBase(repository, insecure) {
    const plain = isLoopback(repository.apiHost) ||
        insecure.some((entry) => entry === repository.registry || entry === repository.apiHost);
    return `${plain ? 'http' : 'https'}://${repository.apiHost}`;
}
/** A page people can open for a repository, where the registry has one. */
function webUrl(repository) {
    if (repository.registry === 'docker.io') {
        const path = repository.path.startsWith('library/')
            ? `_/${repository.path.slice('library/'.length)}`
            : `r/${repository.path}`;
        return `https://hub.docker.com/${path}`;
    }
    if (repository.registry === 'public.ecr.aws')
        return `https://gallery.ecr.aws/${repository.path}`;
    if (repository.registry === 'ghcr.io')
        return `https://github.com/${repository.path.split('/')[0]}/packages`;
    return undefined;
}

const DEFAULT_RETRY = { attempts: 6, baseDelayMs: 250, maxDelayMs: 30_000 };
/** An HTTP answer worth another attempt. Thrown by clients so that retry() can see the status. */
class RetryableStatus extends Error {
    status;
    url;
    retryAfter;
    constructor(status, url, 
    /** The Retry-After header as received, when there was one. */
    retryAfter) {
        super(`${url} answered ${status}`);
        this.status = status;
        this.url = url;
        this.retryAfter = retryAfter;
        this.name = 'RetryableStatus';
    }
}
/** Statuses that say "not now" rather than "no": rate limits, timeouts and server trouble. */
function isRetryableStatus(status) {
    return status === 408 || status === 429 || (status >= 500 && status <= 599 && status !== 501);
}
const CONNECTION_ERRORS = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'EPIPE',
    'ETIMEDOUT',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'EAI_AGAIN',
    'ERR_STREAM_PREMATURE_CLOSE'
]);
/** True for errors another attempt may cure: retryable statuses and dropped or refused connections. */
function isTransient(error) {
    if (error instanceof RetryableStatus)
        return true;
    let cause = error;
    for (let depth = 0; depth < 5 && cause instanceof Error; depth++) {
        const code = cause.code;
        if (typeof code === 'string' && CONNECTION_ERRORS.has(code))
            return true;
        if (/socket hang up|other side closed|premature close/i.test(cause.message))
            return true;
        cause = cause.cause;
    }
    return false;
}
/**
 * Milliseconds a Retry-After header asks for (delta-seconds or an HTTP date), or undefined
 * when there is none or it cannot be read.
 */
function retryAfterMs(header, now = Date.now()) {
    if (header === undefined || header.trim() === '')
        return undefined;
    const value = header.trim();
    if (/^\d+$/.test(value))
        return Number(value) * 1000;
    const date = Date.parse(value);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - now);
}
/** The wait before attempt `attempt + 1` (attempt counts from 1), for an error from retry(). */
function backoffMs(policy, attempt, error, random = Math.random) {
    const asked = error instanceof RetryableStatus ? retryAfterMs(error.retryAfter) : undefined;
    return waitMs(policy, attempt, asked, random);
}
/**
 * The wait before attempt `attempt + 1`: what the server asked for (`askedMs`, from Retry-After
 * or the like) when it did, else exponential backoff with full jitter; never over `maxDelayMs`.
 */
function waitMs(policy, attempt, askedMs, random = Math.random) {
    if (askedMs !== undefined)
        return Math.min(Math.ceil(askedMs), policy.maxDelayMs);
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(random() * ceiling);
}
/**
 * Waits at least `ms` by the monotonic clock. A Node timer counts from the event loop's cached
 * time, so it can fire a few milliseconds early; a wait a server asked for (Retry-After) is a
 * lower bound, so this goes on until it has really passed.
 */
async function waitAtLeast(ms) {
    const deadline = performance.now() + ms;
    for (let left = ms; left > 0; left = deadline - performance.now())
        await new Promise((resolve) => setTimeout(resolve, Math.ceil(left)));
}
/**
 * Runs `operation` until it succeeds, fails with a non-transient error, or the attempts are
 * spent. The operation must be safe to repeat: callers re-create request bodies on each attempt.
 */
async function retry(operation, options = {}) {
    const policy = options.policy ?? DEFAULT_RETRY;
    const retryable = options.retryable ?? isTransient;
    const sleep = options.sleep ?? waitAtLeast;
    for (let attempt = 1;; attempt++) {
        try {
            return await operation(attempt);
        }
        catch (error) {
            if (attempt >= policy.attempts || !retryable(error))
                throw error;
            const delay = backoffMs(policy, attempt, error);
            options.onRetry?.(error, attempt, delay);
            await sleep(delay);
        }
    }
}

export { DEFAULT_RETRY as D, INDEX_TYPES as I, MediaType as M, RetryableStatus as R, parsePlatform as a, isRetryableStatus as b, isTransient as c, waitMs as d, retry as e, platformString as f, apiBase as g, backoffMs as h, isValidTag as i, MANIFEST_TYPES as j, platformOfConfig as k, isLoopback as l, manifestBlobs as m, webUrl as n, parseRepository as p, retryAfterMs as r, waitAtLeast as w };
