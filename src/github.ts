import { Octokit } from '@octokit/rest'
import type { Logger } from './report/log.js'

export type { Octokit }

/** How often and how patiently a GitHub API request is retried. */
export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number
  /** First backoff; doubled on each retry, with full jitter. */
  baseDelayMs: number
  /** No single wait is longer than this, Retry-After included; a longer demand fails at once. */
  maxDelayMs: number
  /** Waits; tests hand in one that records the delay instead of sleeping. */
  sleep: (ms: number) => Promise<void>
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
}

export interface OctokitOptions {
  baseUrl?: string
  log?: Logger
  retry?: Partial<RetryPolicy>
}

/**
 * The one Octokit the action uses. The token is registered as a secret before anything can
 * print it, and Octokit's own logging goes to debug: a request that is retried is not an error
 * the user has to look at, and failures surface as the caller's own error with remediation.
 */
export function createOctokit(token: string, options: OctokitOptions = {}): Octokit {
  const log = options.log
  if (token !== '') log?.secret(token)
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry }
  const octokit = new Octokit({
    auth: token === '' ? undefined : token,
    baseUrl: (options.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(
      /\/+$/,
      ''
    ),
    userAgent: 'falco-publish',
    log: {
      debug: (message: string) => log?.debug(message),
      info: (message: string) => log?.debug(message),
      warn: (message: string) => log?.warning(message),
      error: (message: string) => log?.debug(message)
    }
  })
  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request(requestOptions)
      } catch (error) {
        const wait = retryDelay(error, requestOptions.method, attempt, policy)
        if (wait === undefined) throw error
        log?.info(
          `GitHub API ${requestOptions.method} ${String(requestOptions.url)} answered ` +
            `${describe(error)}; retrying in ${(wait / 1000).toFixed(1)}s ` +
            `(attempt ${attempt + 1} of ${policy.attempts})`
        )
        await policy.sleep(wait)
      }
    }
  })
  return octokit
}

interface HttpFailure {
  status?: number
  message?: string
  response?: { headers?: Record<string, string | number | undefined> }
}

function describe(error: unknown): string {
  const failure = error as HttpFailure
  return failure.status ? `HTTP ${failure.status}` : String(failure.message ?? error)
}

/**
 * The wait before the next try, or undefined when the failure is final. Server errors and
 * connection failures (which @octokit/request reports as status 500) are retried for reads
 * only, since a write may have happened; rate limits are retried for every method, because
 * GitHub rejected the request before acting on it.
 */
export function retryDelay(
  error: unknown,
  method: string,
  attempt: number,
  policy: RetryPolicy,
  now: number = Date.now()
): number | undefined {
  if (attempt >= policy.attempts) return undefined
  const failure = error as HttpFailure
  const status = failure.status ?? 0
  const headers = failure.response?.headers ?? {}
  const rateLimited =
    status === 429 ||
    (status === 403 &&
      (headers['retry-after'] !== undefined ||
        String(headers['x-ratelimit-remaining']) === '0' ||
        /secondary rate limit/i.test(failure.message ?? '')))
  const idempotent = ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase())
  if (!rateLimited && !(status >= 500 && idempotent)) return undefined

  const demanded = demandedWait(headers, now)
  if (demanded !== undefined) return demanded <= policy.maxDelayMs ? demanded : undefined
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  // Full jitter, but never less than half the step, so retries do not hammer the server.
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2)
}

/** What the server asked for: Retry-After (seconds or a date), else the rate limit's reset time. */
function demandedWait(
  headers: Record<string, string | number | undefined>,
  now: number
): number | undefined {
  const retryAfter = headers['retry-after']
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter)
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
    const date = Date.parse(String(retryAfter))
    if (!Number.isNaN(date)) return Math.max(0, date - now)
  }
  if (
    String(headers['x-ratelimit-remaining']) === '0' &&
    headers['x-ratelimit-reset'] !== undefined
  ) {
    return Math.max(0, Number(headers['x-ratelimit-reset']) * 1000 - now)
  }
  return undefined
}
