import { performance } from 'node:perf_hooks'

/**
 * The one retry policy for network calls: exponential backoff with full jitter on 429, 5xx and
 * dropped connections, honouring the server's Retry-After. Every store and registry client
 * wraps its requests in `retry()` so that a flaky link or a rate limit never fails a publish
 * that a second attempt would finish.
 */

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  attempts: number
  /** Backoff before the second attempt, in ms; doubles on each further attempt. */
  baseDelayMs: number
  /** No wait is ever longer than this, Retry-After included. */
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 250, maxDelayMs: 30_000 }

/** An HTTP answer worth another attempt. Thrown by clients so that retry() can see the status. */
export class RetryableStatus extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    /** The Retry-After header as received, when there was one. */
    readonly retryAfter?: string
  ) {
    super(`${url} answered ${status}`)
    this.name = 'RetryableStatus'
  }
}

/** Statuses that say "not now" rather than "no": rate limits, timeouts and server trouble. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599 && status !== 501)
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
])

/** True for errors another attempt may cure: retryable statuses and dropped or refused connections. */
export function isTransient(error: unknown): boolean {
  if (error instanceof RetryableStatus) return true
  let cause: unknown = error
  // Not `instanceof Error`: fetch's errors come from another realm under a test runner's VM.
  for (let depth = 0; depth < 5 && typeof cause === 'object' && cause !== null; depth++) {
    const { code, message } = cause as { code?: unknown; message?: unknown }
    if (typeof code === 'string' && CONNECTION_ERRORS.has(code)) return true
    if (/socket hang up|other side closed|premature close/i.test(String(message ?? ''))) return true
    cause = (cause as { cause?: unknown }).cause
  }
  return false
}

/**
 * Milliseconds a Retry-After header asks for (delta-seconds or an HTTP date), or undefined
 * when there is none or it cannot be read.
 */
export function retryAfterMs(
  header: string | undefined,
  now: number = Date.now()
): number | undefined {
  if (header === undefined || header.trim() === '') return undefined
  const value = header.trim()
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const date = Date.parse(value)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

/** The wait before attempt `attempt + 1` (attempt counts from 1), for an error from retry(). */
export function backoffMs(
  policy: RetryPolicy,
  attempt: number,
  error: unknown,
  random: () => number = Math.random
): number {
  const asked = error instanceof RetryableStatus ? retryAfterMs(error.retryAfter) : undefined
  return waitMs(policy, attempt, asked, random)
}

/**
 * The wait before attempt `attempt + 1`: what the server asked for (`askedMs`, from Retry-After
 * or the like) when it did, else exponential backoff with full jitter; never over `maxDelayMs`.
 */
export function waitMs(
  policy: RetryPolicy,
  attempt: number,
  askedMs: number | undefined,
  random: () => number = Math.random
): number {
  if (askedMs !== undefined) return Math.min(Math.ceil(askedMs), policy.maxDelayMs)
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  return Math.round(random() * ceiling)
}

/**
 * Waits at least `ms` by the monotonic clock. A Node timer counts from the event loop's cached
 * time, so it can fire a few milliseconds early; a wait a server asked for (Retry-After) is a
 * lower bound, so this goes on until it has really passed.
 */
export async function waitAtLeast(ms: number, signal?: AbortSignal): Promise<void> {
  const deadline = performance.now() + ms
  for (let left = ms; left > 0; left = deadline - performance.now()) {
    signal?.throwIfAborted()
    await new Promise<void>((resolve, reject) => {
      const abort = (): void => {
        clearTimeout(timer)
        reject(signal?.reason)
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', abort)
        resolve()
      }, Math.ceil(left))
      signal?.addEventListener('abort', abort, { once: true })
    })
  }
}

export interface RetryOptions {
  policy?: RetryPolicy
  /** Called before each wait: the place to log "retrying". */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void
  /** Decides what is worth another attempt; isTransient by default. */
  retryable?: (error: unknown) => boolean
  sleep?: (ms: number) => Promise<void>
  /**
   * Gives up at once when aborted: no further attempt, and the wait before one ends. For work
   * whose result nobody wants any more (verify's other checks, once one has failed the run).
   */
  signal?: AbortSignal
}

/**
 * Runs `operation` until it succeeds, fails with a non-transient error, or the attempts are
 * spent. The operation must be safe to repeat: callers re-create request bodies on each attempt.
 */
export async function retry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions = {}
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY
  const retryable = options.retryable ?? isTransient
  const signal = options.signal
  const sleep = options.sleep ?? ((ms: number) => waitAtLeast(ms, signal))
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted()
    try {
      return await operation(attempt)
    } catch (error) {
      if (attempt >= policy.attempts || !retryable(error) || signal?.aborted) throw error
      const delay = backoffMs(policy, attempt, error)
      options.onRetry?.(error, attempt, delay)
      await sleep(delay)
    }
  }
}
