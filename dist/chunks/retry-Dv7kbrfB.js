/**
 * The one retry policy for network calls: exponential backoff with full jitter on 429, 5xx and
 * dropped connections, honouring the server's Retry-After. Every store and registry client
 * wraps its requests in `retry()` so that a flaky link or a rate limit never fails a publish
 * that a second attempt would finish.
 */
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
/** The wait before attempt `attempt + 1` (attempt counts from 1). */
function backoffMs(policy, attempt, error, random = Math.random) {
    const asked = error instanceof RetryableStatus ? retryAfterMs(error.retryAfter) : undefined;
    if (asked !== undefined)
        return Math.min(asked, policy.maxDelayMs);
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(random() * ceiling);
}
/**
 * Runs `operation` until it succeeds, fails with a non-transient error, or the attempts are
 * spent. The operation must be safe to repeat: callers re-create request bodies on each attempt.
 */
async function retry(operation, options = {}) {
    const policy = options.policy ?? DEFAULT_RETRY;
    const retryable = options.retryable ?? isTransient;
    const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
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

export { DEFAULT_RETRY as D, RetryableStatus as R, retry as a, isTransient as b, backoffMs as c, isRetryableStatus as i, retryAfterMs as r };
