import { describe, expect, it } from '@jest/globals'
import { checkRunState, statusState } from '../../src/gate.js'
import { createOctokit, DEFAULT_RETRY, retryDelay } from '../../src/github.js'

// Conclusions GitHub documents for check runs. `stale` and `startup_failure` are real (GitHub's
// docs and Actions use them) but absent from the OpenAPI enum, so the validated fake cannot
// serve them: they are covered here, on the pure function.
describe('checkRunState', () => {
  it.each([
    ['completed', 'success', 'success'],
    ['completed', 'neutral', 'success'],
    ['completed', 'skipped', 'success'],
    ['completed', 'failure', 'failure'],
    ['completed', 'cancelled', 'failure'],
    ['completed', 'timed_out', 'failure'],
    ['completed', 'action_required', 'failure'],
    ['completed', 'stale', 'failure'],
    ['completed', 'startup_failure', 'failure'],
    ['completed', 'some_future_conclusion', 'failure'],
    ['completed', null, 'pending'],
    ['queued', null, 'pending'],
    ['in_progress', null, 'pending'],
    ['waiting', null, 'pending'],
    ['requested', null, 'pending'],
    ['pending', null, 'pending']
  ] as const)('%s/%s is %s', (status, conclusion, state) => {
    expect(checkRunState(status, conclusion)).toBe(state)
  })
})

describe('statusState', () => {
  it.each([
    ['success', 'success'],
    ['pending', 'pending'],
    ['failure', 'failure'],
    ['error', 'failure']
  ] as const)('%s is %s', (status, state) => {
    expect(statusState(status)).toBe(state)
  })
})

describe('retryDelay', () => {
  const policy = { ...DEFAULT_RETRY, attempts: 4, baseDelayMs: 1000, maxDelayMs: 60_000 }
  const failure = (status: number, headers: Record<string, string> = {}, message = '') => ({
    status,
    message,
    response: { headers }
  })

  it('backs off exponentially with jitter on server errors for reads', () => {
    for (const attempt of [1, 2, 3]) {
      const step = 1000 * 2 ** (attempt - 1)
      const wait = retryDelay(failure(503), 'GET', attempt, policy) as number
      expect(wait).toBeGreaterThanOrEqual(step / 2)
      expect(wait).toBeLessThanOrEqual(step)
    }
  })

  it('stops after the last attempt', () => {
    expect(retryDelay(failure(503), 'GET', 4, policy)).toBeUndefined()
  })

  it('does not retry a write that failed with a server error, nor client errors', () => {
    expect(retryDelay(failure(502), 'POST', 1, policy)).toBeUndefined()
    expect(retryDelay(failure(404), 'GET', 1, policy)).toBeUndefined()
    expect(
      retryDelay(failure(403, {}, 'Resource not accessible by integration'), 'GET', 1, policy)
    ).toBeUndefined()
  })

  it('honours Retry-After in seconds and as a date, for any method', () => {
    const now = Date.parse('2026-11-24T12:00:00Z')
    expect(retryDelay(failure(429, { 'retry-after': '12' }), 'POST', 1, policy, now)).toBe(12_000)
    expect(
      retryDelay(
        failure(429, { 'retry-after': 'Tue, 24 Nov 2026 12:00:30 GMT' }),
        'GET',
        1,
        policy,
        now
      )
    ).toBe(30_000)
  })

  it('waits for the primary rate limit reset, but not longer than the policy allows', () => {
    const now = Date.parse('2026-11-24T12:00:00Z')
    const reset = (seconds: number) => String(now / 1000 + seconds)
    const limited = (seconds: number) =>
      failure(
        403,
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset(seconds) },
        'API rate limit exceeded'
      )
    expect(retryDelay(limited(20), 'GET', 1, policy, now)).toBe(20_000)
    expect(retryDelay(limited(3600), 'GET', 1, policy, now)).toBeUndefined()
  })

  it('retries a secondary rate limit without Retry-After with backoff', () => {
    const wait = retryDelay(
      failure(403, {}, 'You have exceeded a secondary rate limit'),
      'GET',
      1,
      policy
    )
    expect(wait).toBeGreaterThanOrEqual(500)
    expect(wait).toBeLessThanOrEqual(1000)
  })
})

describe('createOctokit', () => {
  it('talks to GITHUB_API_URL when no base URL is given (GitHub Enterprise Server), else api.github.com', () => {
    const saved = process.env.GITHUB_API_URL
    try {
      process.env.GITHUB_API_URL = 'https://ghes.example.com/api/v3/'
      expect(createOctokit('').request.endpoint.DEFAULTS.baseUrl).toBe(
        'https://ghes.example.com/api/v3'
      )
      delete process.env.GITHUB_API_URL
      expect(createOctokit('').request.endpoint.DEFAULTS.baseUrl).toBe('https://api.github.com')
    } finally {
      if (saved === undefined) delete process.env.GITHUB_API_URL
      else process.env.GITHUB_API_URL = saved
    }
  })
})
