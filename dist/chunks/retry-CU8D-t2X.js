import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
import { l as list, D as DEFAULT_DELETION_GRACE_MINUTES, c as boolean, i as integer } from './package-m0x3kU6p.js';
const { performance } = __nodeBuiltin('node:perf_hooks');

function readPackageInputs(get) {
    const remove = list(get('remove'));
    for (const pattern of remove)
        parseRemovePattern(pattern);
    return {
        gpgPrivateKey: get('gpg-private-key'),
        gpgPassphrase: get('gpg-passphrase'),
        devRetention: integer(get, 'dev-retention', 1),
        deletionGraceMinutes: get('package-deletion-grace') === ''
            ? DEFAULT_DELETION_GRACE_MINUTES
            : integer(get, 'package-deletion-grace', 0),
        overwrite: boolean(get, 'overwrite'),
        aptOrigin: get('apt-origin').trim(),
        aptLabel: get('apt-label').trim(),
        noarchRepository: repositoryPath(get, 'tarballs-noarch-repository', 'packages/wasm-dev'),
        remove
    };
}
/** `falco=0.39.*` or `falco` (every version); `*` matches anything. */
function parseRemovePattern(pattern) {
    const m = /^([^=\s]+)(?:=(\S+))?$/.exec(pattern);
    if (!m) {
        throw new Error(`input 'remove': ${JSON.stringify(pattern)} is not a name=version pattern`);
    }
    return { name: glob(m[1]), version: glob(m[2] ?? '*') };
}
function glob(text) {
    return new RegExp('^' +
        text
            .split('*')
            .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*') +
        '$');
}
/** A folder of the store, as an input gives it: relative, without `..`, no trailing slash. */
function repositoryPath(get, name, fallback) {
    const value = (get(name).trim() || fallback).replace(/\/+$/, '');
    if (!value || value.startsWith('/') || value.split('/').some((p) => p === '..' || p === '')) {
        throw new Error(`input '${name}': ${JSON.stringify(get(name))} is not a folder of the store; give a relative path such as packages/wasm-dev`);
    }
    return value;
}

/**
 * The one rule for what is masked of a secret: the value whole and, when it spans lines (an
 * armoured key), each line on its own too, since runners mask line by line. Armour lines
 * (`-----BEGIN ...`) are public, and lines under 8 characters would mask ordinary words: both
 * are left out.
 */
function secretParts(value) {
    if (value === '')
        return [];
    const lines = value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line.length >= 8 && !line.startsWith('-----'));
    return [value, ...lines.filter((line) => line !== value)];
}
/** Registers each of `values` with the logger, by `secretParts`, before anything may print it. */
function registerSecrets(log, ...values) {
    for (const value of values)
        for (const part of secretParts(value))
            log.secret(part);
}

const marks = [];
/** Ends a step: the time since the previous mark was spent on `step`. */
function mark(step) {
    const { user, system } = process.cpuUsage();
    marks.push({ step, wall: performance.now(), cpu: (user + system) / 1000 });
}
/**
 * `timing: node 41, modules 62/60, release 3/2, ... (ms wall/cpu)`: Node's start (wall only: its
 * CPU is not counted apart, so the first step's CPU includes it), then each marked step.
 */
function timingLine() {
    const boot = performance.nodeTiming.bootstrapComplete;
    // A step marked more than once (planning, around the stages it loads) is summed.
    const steps = new Map();
    let previous = { wall: boot, cpu: 0 };
    for (const m of marks) {
        const step = steps.get(m.step) ?? { wall: 0, cpu: 0 };
        step.wall += m.wall - previous.wall;
        step.cpu += m.cpu - previous.cpu;
        steps.set(m.step, step);
        previous = m;
    }
    const shown = [...steps].map(([name, t]) => `${name} ${t.wall.toFixed(0)}/${t.cpu.toFixed(0)}`);
    return `timing: ${[`node ${boot.toFixed(0)}`, ...shown].join(', ')} (ms wall/cpu)`;
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
async function waitAtLeast(ms, signal) {
    const deadline = performance.now() + ms;
    for (let left = ms; left > 0; left = deadline - performance.now()) {
        signal?.throwIfAborted();
        await new Promise((resolve, reject) => {
            const abort = () => {
                clearTimeout(timer);
                reject(signal?.reason);
            };
            const timer = setTimeout(() => {
                signal?.removeEventListener('abort', abort);
                resolve();
            }, Math.ceil(left));
            signal?.addEventListener('abort', abort, { once: true });
        });
    }
}
/**
 * Runs `operation` until it succeeds, fails with a non-transient error, or the attempts are
 * spent. The operation must be safe to repeat: callers re-create request bodies on each attempt.
 */
async function retry(operation, options = {}) {
    const policy = options.policy ?? DEFAULT_RETRY;
    const retryable = options.retryable ?? isTransient;
    const signal = options.signal;
    const sleep = options.sleep ?? ((ms) => waitAtLeast(ms, signal));
    for (let attempt = 1;; attempt++) {
        signal?.throwIfAborted();
        try {
            return await operation(attempt);
        }
        catch (error) {
            if (attempt >= policy.attempts || !retryable(error) || signal?.aborted)
                throw error;
            const delay = backoffMs(policy, attempt, error);
            options.onRetry?.(error, attempt, delay);
            await sleep(delay);
        }
    }
}

export { DEFAULT_RETRY as D, RetryableStatus as R, registerSecrets as a, retry as b, isTransient as c, backoffMs as d, retryAfterMs as e, waitMs as f, isRetryableStatus as i, mark as m, parseRemovePattern as p, readPackageInputs as r, secretParts as s, timingLine as t, waitAtLeast as w };
