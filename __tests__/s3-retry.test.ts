import { describe, expect, it } from '@jest/globals'
import { DEFAULT_RETRY } from '../src/net/retry.js'
import {
  isRetryableAttempt,
  PolicyRetryStrategy,
  retryDelayMs,
  type RetryErrorInfo
} from '../src/store/s3-retry.js'

/**
 * The S3 client's retry decisions over the error information the SDK's retry middleware hands a
 * strategy: an error with $metadata.httpStatusCode and the raw answer's headers on $response, and
 * the SDK's own classification. The behaviour against a server is in s3-retry-after.itg.test.ts.
 */

type ErrorType = RetryErrorInfo['errorType']
/** The SDK types an error's cause as Error where Node's Error has unknown. */
const sdkError = (error: Error) => error as NonNullable<RetryErrorInfo['error']>

function answered(
  status: number,
  name: string,
  errorType: ErrorType,
  headers: Record<string, string> = {},
  retryAfterHint?: Date
): RetryErrorInfo {
  const error = sdkError(
    Object.assign(new Error(name), {
      name,
      $metadata: { httpStatusCode: status },
      $response: { statusCode: status, headers }
    })
  )
  return { error, errorType, ...(retryAfterHint && { retryAfterHint }) }
}

const NOW = Date.parse('2026-03-02T10:00:00Z')
const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 5000 }

describe('retryDelayMs', () => {
  it.each([
    ['delta-seconds', { 'retry-after': '2' }, 2000],
    ['delta-seconds, header named in capitals', { 'Retry-After': '3' }, 3000],
    ['an HTTP-date', { 'retry-after': 'Mon, 02 Mar 2026 10:00:04 GMT' }, 4000],
    ['an HTTP-date already past', { 'retry-after': 'Mon, 02 Mar 2026 09:59:00 GMT' }, 0],
    ['zero', { 'retry-after': '0' }, 0],
    ['more than the longest wait', { 'retry-after': '3600' }, 5000]
  ])("waits what Retry-After asks (%s), up to the policy's longest wait", (_, headers, ms) => {
    expect(retryDelayMs(policy, 1, answered(503, 'SlowDown', 'THROTTLING', headers), NOW)).toBe(ms)
  })

  it('caps Retry-After at 30 s under the shared default policy', () => {
    const info = answered(429, 'TooManyRequests', 'THROTTLING', { 'retry-after': '120' })
    expect(retryDelayMs(DEFAULT_RETRY, 1, info, NOW)).toBe(30_000)
  })

  it("falls back on the SDK's hint (x-amz-retry-after) when there is no Retry-After", () => {
    const info = answered(503, 'SlowDown', 'THROTTLING', { 'x-amz-retry-after': '1500' })
    expect(retryDelayMs(policy, 1, { ...info, retryAfterHint: new Date(NOW + 1500) }, NOW)).toBe(
      1500
    )
  })

  it("backs off with jitter under the policy's ceiling without a hint", () => {
    const info = answered(500, 'InternalError', 'TRANSIENT')
    expect(retryDelayMs(policy, 1, info, NOW, () => 1)).toBe(100)
    expect(retryDelayMs(policy, 3, info, NOW, () => 1)).toBe(400)
    expect(retryDelayMs(policy, 3, info, NOW, () => 0.5)).toBe(200)
    expect(retryDelayMs(policy, 10, info, NOW, () => 1)).toBe(5000)
  })
})

describe('isRetryableAttempt', () => {
  it.each([
    [429, 'TooManyRequests', 'THROTTLING', true],
    [503, 'SlowDown', 'THROTTLING', true],
    [500, 'InternalError', 'TRANSIENT', true],
    [400, 'RequestTimeout', 'TRANSIENT', true],
    [408, 'RequestTimeout', 'CLIENT_ERROR', true],
    [507, 'InsufficientStorage', 'SERVER_ERROR', true],
    [501, 'NotImplemented', 'SERVER_ERROR', false],
    [400, 'InvalidArgument', 'CLIENT_ERROR', false],
    [403, 'AccessDenied', 'CLIENT_ERROR', false],
    [404, 'NoSuchKey', 'CLIENT_ERROR', false],
    [412, 'PreconditionFailed', 'CLIENT_ERROR', false]
  ] as const)('%i %s (%s): %s', (status, name, type, expected) => {
    expect(isRetryableAttempt(answered(status, name, type))).toBe(expected)
  })

  it('retries a connection dropped mid-answer, which the SDK leaves unclassified', () => {
    const error = sdkError(
      Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' })
    )
    expect(isRetryableAttempt({ error, errorType: 'CLIENT_ERROR' })).toBe(true)
    expect(
      isRetryableAttempt({ error: sdkError(new Error('bad input')), errorType: 'CLIENT_ERROR' })
    ).toBe(false)
  })
})

describe('PolicyRetryStrategy', () => {
  it("allows the policy's attempts, names the request in the retry note, then gives the error back", async () => {
    const notes: string[] = []
    const strategy = new PolicyRetryStrategy(
      { attempts: 3, baseDelayMs: 1, maxDelayMs: 10 },
      {
        onRetry: (request, cause, attempt, ms) =>
          void notes.push(`${request}|${cause}|${attempt}|${ms}`)
      }
    )
    const info = answered(503, 'SlowDown', 'THROTTLING', { 'retry-after': '0' })
    // what the client middleware does when an attempt fails
    const send = strategy.namer(
      async () => {
        throw info.error
      },
      { commandName: 'PutObjectCommand' }
    )
    await expect(send({ input: { Bucket: 'b', Key: 'dists/stable/InRelease' } })).rejects.toBe(
      info.error
    )

    let token = await strategy.acquireInitialRetryToken()
    token = await strategy.refreshRetryTokenForRetry(token, info)
    expect(token.getRetryCount()).toBe(1)
    token = await strategy.refreshRetryTokenForRetry(token, info)
    expect(token.getRetryCount()).toBe(2)
    expect(token.getRetryDelay()).toBe(0)
    await expect(strategy.refreshRetryTokenForRetry(token, info)).rejects.toBe(info.error)
    expect(notes).toEqual([
      'PutObject s3://b/dists/stable/InRelease|503 SlowDown|1|0',
      'PutObject s3://b/dists/stable/InRelease|503 SlowDown|2|0'
    ])
  })

  it('gives a client error back at once', async () => {
    const strategy = new PolicyRetryStrategy(DEFAULT_RETRY)
    const info = answered(403, 'AccessDenied', 'CLIENT_ERROR')
    const token = await strategy.acquireInitialRetryToken()
    await expect(strategy.refreshRetryTokenForRetry(token, info)).rejects.toBe(info.error)
  })
})
