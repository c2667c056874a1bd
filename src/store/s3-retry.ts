import type { S3ClientConfig } from '@aws-sdk/client-s3'
import {
  isRetryableStatus,
  isTransient,
  retryAfterMs,
  waitAtLeast,
  waitMs,
  type RetryPolicy
} from '../net/retry.js'

/*
 * Why the S3 client does not use the SDK's standard retry strategy: it reads Retry-After (and
 * x-amz-retry-after) but waits at most its own jittered backoff plus 5 s, whatever the server
 * asked (@smithy/core, util-retry/StandardRetryStrategy.js, refreshRetryTokenForRetry), so a
 * rate limit asking for 8 s gets its retry after about 5. Every other client here waits what
 * Retry-After asks, up to the shared policy's longest wait; this strategy makes S3 do the same.
 */

/** The SDK's token-based strategy interface (RetryStrategyV2), as the S3 client's config names it. */
type RetryStrategyV2 = Extract<
  NonNullable<S3ClientConfig['retryStrategy']>,
  { acquireInitialRetryToken: unknown }
>
type RetryToken = Awaited<ReturnType<RetryStrategyV2['acquireInitialRetryToken']>>
export type RetryErrorInfo = Parameters<RetryStrategyV2['refreshRetryTokenForRetry']>[1]

/** What the strategy reads of an SDK error: the status, and the raw answer's headers. */
interface ErrorShape {
  name?: string
  code?: string
  $metadata?: { httpStatusCode?: number }
  $response?: { headers?: Record<string, string | undefined> }
}

/**
 * Whether an attempt is worth repeating: what the SDK calls throttling or transient (429, 500,
 * 502-504, S3's RequestTimeout and SlowDown, timeouts, resets), what the shared policy retries
 * (408, other 5xx but 501), and dropped connections. Other client errors (400, 403, 404, 412)
 * are answers, not accidents.
 */
export function isRetryableAttempt(info: RetryErrorInfo): boolean {
  if (info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT') return true
  const status = (info.error as ErrorShape | undefined)?.$metadata?.httpStatusCode
  if (status !== undefined) return isRetryableStatus(status)
  return isTransient(info.error)
}

/**
 * The wait before the next attempt (`attempt` counts the ones made, from 1): what Retry-After
 * asks, read as every other client here reads it (delta-seconds or an HTTP-date); else the
 * SDK's hint (it also reads AWS's x-amz-retry-after); else the policy's backoff with jitter.
 * Never longer than the policy's `maxDelayMs`.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  info: RetryErrorInfo,
  now: number = Date.now(),
  random: () => number = Math.random
): number {
  const asked =
    retryAfterMs(headerOf(info.error, 'retry-after'), now) ??
    (info.retryAfterHint ? Math.max(0, info.retryAfterHint.getTime() - now) : undefined)
  return waitMs(policy, attempt, asked, random)
}

export interface PolicyRetryOptions {
  /** Called before each wait, with the request's name when known: the place to log "retrying". */
  onRetry?: (request: string | undefined, cause: string, attempt: number, delayMs: number) => void
  random?: () => number
}

/**
 * A RetryStrategyV2 for the S3 client that follows the shared retry policy. The SDK's retry
 * middleware calls it after each failed attempt; it waits there and then allows the next one.
 * It keeps no retry quota across requests (the standard strategy's circuit breaker): like the
 * other clients, each request gets the policy's attempts.
 */
export class PolicyRetryStrategy implements RetryStrategyV2 {
  /** Failed attempts' errors, named by the middleware that saw their request. */
  private readonly requests = new WeakMap<object, string>()

  constructor(
    private readonly policy: RetryPolicy,
    private readonly options: PolicyRetryOptions = {}
  ) {}

  async acquireInitialRetryToken(): Promise<RetryToken> {
    return token(0, 0)
  }

  async refreshRetryTokenForRetry(previous: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const attempt = previous.getRetryCount() + 1
    if (attempt >= this.policy.attempts || !isRetryableAttempt(info))
      throw info.error ?? new Error('not retried')
    const delay = retryDelayMs(this.policy, attempt, info, Date.now(), this.options.random)
    const request = info.error ? this.requests.get(info.error) : undefined
    this.options.onRetry?.(request, causeOf(info.error), attempt, delay)
    // The strategy sleeps itself and hands back a token with no delay, as the SDK's own do (the
    // SDK's middleware would sleep a token's delay with a plain timer, which can fire early).
    await waitAtLeast(delay)
    return token(attempt, 0)
  }

  recordSuccess(): void {}

  /**
   * A client middleware to add at `finalizeRequest` with low priority, so that it runs inside
   * the retry loop once per attempt: it names each failed attempt's request (operation and
   * object, never credentials) for the retry's log line.
   */
  readonly namer = <A extends { input: object }, R>(
    next: (args: A) => Promise<R>,
    context: { commandName?: string }
  ) => {
    return async (args: A): Promise<R> => {
      try {
        return await next(args)
      } catch (error) {
        if (error !== null && typeof error === 'object')
          this.requests.set(error, requestName(context.commandName, args.input))
        throw error
      }
    }
  }
}

function token(retries: number, delayMs: number): RetryToken {
  return { getRetryCount: () => retries, getRetryDelay: () => delayMs }
}

/** "PutObject s3://bucket/key": the operation and the object (or listed prefix) it was about. */
function requestName(command: string | undefined, input: object): string {
  const { Bucket, Key, Prefix } = input as { Bucket?: string; Key?: string; Prefix?: string }
  const operation = (command ?? 'request').replace(/Command$/, '')
  return `${operation} s3://${Bucket ?? ''}/${Key ?? Prefix ?? ''}`
}

/** "503 SlowDown", or a connection error's code: the status and S3's error code, no message. */
function causeOf(error: unknown): string {
  const e = (error ?? {}) as ErrorShape
  const status = e.$metadata?.httpStatusCode
  if (status !== undefined) return `${status} ${e.name ?? ''}`.trim()
  return e.code ?? e.name ?? 'error'
}

function headerOf(error: unknown, name: string): string | undefined {
  const headers = (error as ErrorShape | undefined)?.$response?.headers
  if (!headers) return undefined
  for (const [header, value] of Object.entries(headers))
    if (header.toLowerCase() === name) return value
  return undefined
}
