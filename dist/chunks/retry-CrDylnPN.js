import { performance } from 'node:perf_hooks';

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
    // Not `instanceof Error`: fetch's errors come from another realm under a test runner's VM.
    for (let depth = 0; depth < 5 && typeof cause === 'object' && cause !== null; depth++) {
        const { code, message } = cause;
        if (typeof code === 'string' && CONNECTION_ERRORS.has(code))
            return true;
        if (/socket hang up|other side closed|premature close/i.test(String(message ?? '')))
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

export { DEFAULT_RETRY as D, RetryableStatus as R, isTransient as a, backoffMs as b, retryAfterMs as c, waitMs as d, isRetryableStatus as i, retry as r, waitAtLeast as w };
