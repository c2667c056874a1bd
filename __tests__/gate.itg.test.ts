import { afterEach, describe, expect, it } from '@jest/globals'
import { assertGate, checkGate, GateAccessError, GateError, type GateResult } from '../src/gate.js'
import { createOctokit } from '../src/github.js'
import { startFakeGitHub, type FakeGitHub } from './github/fake-api.js'
import { recordingLog } from './github/recording-log.js'
import { checkRun, commitStatus, workflowRun, type Scenario } from './github/scenario.js'

const owner = 'falcosecurity'
const repo = 'falco'
const sha = '7b5e3f1c2d4a6b8c9d0e1f2a3b4c5d6e7f8a9b0c'
const THIS_SUITE = 48_000_000_777
const THIS_RUN = 19_601_234_567

const run = (name: string, spec: Parameters<typeof checkRun>[4] = {}) =>
  checkRun(owner, repo, sha, name, spec)
const status = (context: string, state: 'success' | 'failure' | 'error' | 'pending', seconds = 0) =>
  commitStatus(owner, repo, sha, context, state, seconds)

let fake: FakeGitHub | undefined

afterEach(async () => {
  await fake?.close()
  fake = undefined
})

/** Starts the fake and runs the gate against it, without sleeping between retries. */
async function gate(
  scenario: Omit<Scenario, 'owner' | 'repo'>,
  options: { required?: string[]; runId?: number; token?: string; attempts?: number } = {}
) {
  fake = await startFakeGitHub({ owner, repo, ...scenario })
  const log = recordingLog()
  const sleeps: number[] = []
  const octokit = createOctokit(options.token ?? 'ghs_gateTestToken0000000000000000000000', {
    baseUrl: fake.url,
    log,
    retry: { attempts: options.attempts ?? 4, sleep: async (ms) => void sleeps.push(ms) }
  })
  const outcome = checkGate(
    octokit,
    { owner, repo, sha, required: options.required ?? [], runId: options.runId },
    log
  )
  return { outcome, log, sleeps, fake }
}

function thrown(result: GateResult): GateError {
  try {
    assertGate(result)
  } catch (error) {
    if (error instanceof GateError) return error
    throw error
  }
  throw new Error('assertGate did not throw')
}

const byName = (result: GateResult) =>
  Object.fromEntries(result.checks.map((check) => [`${check.source}:${check.name}`, check.state]))

describe('the gate against a fake GitHub validated by its OpenAPI description', () => {
  it('passes when every check run and status succeeded, neutral and skipped included', async () => {
    const { outcome, log, fake } = await gate({
      commits: {
        [sha]: {
          checkRuns: [
            run('build-x86_64'),
            run('test-e2e'),
            run('lint', { conclusion: 'neutral' }),
            run('arm64', { conclusion: 'skipped' })
          ],
          statuses: [status('ci/circleci: build', 'success')]
        }
      }
    })
    const result = await outcome
    expect(result.passed).toBe(true)
    expect(byName(result)).toEqual({
      'check-run:build-x86_64': 'success',
      'check-run:test-e2e': 'success',
      'check-run:lint': 'success',
      'check-run:arm64': 'success',
      'status:ci/circleci: build': 'success'
    })
    expect(() => assertGate(result)).not.toThrow()
    expect(log.lines).toContain(
      `info: Gate: 5 of 5 checks on ${owner}/${repo}@${sha.slice(0, 12)} succeeded`
    )
    expect(fake.requests).toEqual([
      `GET /repos/${owner}/${repo}/commits/${sha}/check-runs?filter=latest&per_page=100`,
      `GET /repos/${owner}/${repo}/commits/${sha}/status?per_page=100&page=1`
    ])
    expect(fake.errors).toEqual([])
  })

  it('refuses a failing check run and names it, with how to fix it', async () => {
    const failing = run('test-e2e', { conclusion: 'failure' })
    const { outcome, fake } = await gate({
      commits: {
        [sha]: {
          checkRuns: [
            run('build-x86_64'),
            failing,
            run('cancelled-job', { conclusion: 'cancelled' })
          ]
        }
      }
    })
    const result = await outcome
    expect(result.passed).toBe(false)
    const error = thrown(result)
    expect(error.result).toBe(result)
    expect(error.message).toContain(`failure: test-e2e (check-run) ${String(failing.html_url)}`)
    expect(error.message).toContain('failure: cancelled-job (check-run, cancelled)')
    expect(error.message).not.toContain('build-x86_64')
    expect(error.message).toContain('fix the failing checks')
    expect(error.message).toContain('require-checks: false')
    expect(fake.errors).toEqual([])
  })

  it('names a pending status and an in-progress check run as pending', async () => {
    const { outcome, fake } = await gate({
      commits: {
        [sha]: {
          checkRuns: [run('build-x86_64'), run('build-aarch64', { status: 'in_progress' })],
          statuses: [
            status('ci/circleci: tests', 'pending'),
            status('ci/circleci: build', 'success')
          ]
        }
      }
    })
    const result = await outcome
    expect(byName(result)).toMatchObject({
      'status:ci/circleci: tests': 'pending',
      'check-run:build-aarch64': 'pending'
    })
    const message = thrown(result).message
    expect(message).toContain('pending: ci/circleci: tests (status)')
    expect(message).toContain('pending: build-aarch64 (check-run, in_progress)')
    expect(message).toContain('let the pending checks finish')
    expect(fake.errors).toEqual([])
  })

  it('judges only required-checks, names a missing one, and lists the others as ignored', async () => {
    const { outcome, fake } = await gate(
      {
        commits: {
          [sha]: {
            checkRuns: [run('build-x86_64'), run('flaky-nightly', { conclusion: 'failure' })],
            statuses: [status('ci/circleci: build', 'success')]
          }
        }
      },
      { required: ['build-x86_64', 'ci/circleci: build', 'test-e2e'] }
    )
    const result = await outcome
    expect(result.passed).toBe(false)
    expect(result.checks).toEqual([
      expect.objectContaining({ name: 'build-x86_64', state: 'success' }),
      expect.objectContaining({ name: 'ci/circleci: build', source: 'status', state: 'success' }),
      { name: 'test-e2e', source: 'check-run', state: 'missing' }
    ])
    expect(result.ignored).toEqual(['flaky-nightly'])
    const message = thrown(result).message
    expect(message).toContain('missing: test-e2e (required, not reported)')
    expect(message).toContain('1 of 3 required checks did not succeed')
    expect(message).not.toContain('flaky-nightly')
    expect(fake.errors).toEqual([])
  })

  it("excludes this workflow run's own check runs when no checks are named", async () => {
    const { outcome, fake } = await gate(
      {
        commits: {
          [sha]: {
            checkRuns: [
              run('build-x86_64', { suiteId: THIS_SUITE }),
              run('publish', { suiteId: THIS_SUITE, status: 'in_progress' }),
              run('codeql', { suiteId: 48_000_000_001 })
            ]
          }
        },
        workflowRuns: { [THIS_RUN]: workflowRun(owner, repo, sha, THIS_RUN, THIS_SUITE) }
      },
      { runId: THIS_RUN }
    )
    const result = await outcome
    expect(result.passed).toBe(true)
    expect(result.checks.map((check) => check.name)).toEqual(['codeql'])
    expect(result.ignored).toEqual(['build-x86_64', 'publish'])
    expect(fake.requests[0]).toBe(`GET /repos/${owner}/${repo}/actions/runs/${THIS_RUN}`)
    expect(fake.errors).toEqual([])
  })

  it('judges a job of this run named in required-checks, and says when it cannot have finished', async () => {
    const { outcome, fake } = await gate(
      {
        commits: {
          [sha]: {
            checkRuns: [
              run('test', { suiteId: THIS_SUITE }),
              run('publish', { suiteId: THIS_SUITE, status: 'in_progress' })
            ]
          }
        },
        workflowRuns: { [THIS_RUN]: workflowRun(owner, repo, sha, THIS_RUN, THIS_SUITE) }
      },
      { runId: THIS_RUN, required: ['test', 'publish'] }
    )
    const result = await outcome
    expect(result.checks).toEqual([
      expect.objectContaining({ name: 'test', state: 'success', thisRun: true }),
      expect.objectContaining({ name: 'publish', state: 'pending', thisRun: true })
    ])
    const message = thrown(result).message
    expect(message).toContain('pending: publish (check-run, in_progress)')
    expect(message).toContain('a job of this workflow run: it cannot finish before this step')
    expect(message).not.toMatch(/test \(check-run/)
    expect(fake.errors).toEqual([])
  })

  it('reads every page of more than 100 check runs and catches a failure on the last page', async () => {
    const runs = Array.from({ length: 250 }, (_, i) =>
      run(`driver-build-${String(i).padStart(3, '0')}`)
    )
    runs[237] = run('driver-build-237', { conclusion: 'timed_out' })
    const { outcome, fake } = await gate({ commits: { [sha]: { checkRuns: runs } } })
    const result = await outcome
    expect(result.checks).toHaveLength(250)
    expect(result.checks.filter((check) => check.state !== 'success')).toEqual([
      expect.objectContaining({
        name: 'driver-build-237',
        state: 'failure',
        conclusion: 'timed_out'
      })
    ])
    const pages = fake.requests.filter((r) => r.includes('/check-runs'))
    expect(pages).toHaveLength(3)
    expect(pages[2]).toContain('page=3')
    expect(thrown(result).message).toContain('failure: driver-build-237 (check-run, timed_out)')
    expect(fake.errors).toEqual([])
  })

  it('walks the pages of the combined status when a commit has more than 100 contexts', async () => {
    const statuses = Array.from({ length: 130 }, (_, i) => status(`matrix/${i}`, 'success'))
    statuses[120] = status('matrix/120', 'error')
    const { outcome, fake } = await gate({ commits: { [sha]: { statuses } } })
    const result = await outcome
    expect(result.checks).toHaveLength(130)
    expect(result.checks.find((check) => check.state !== 'success')).toMatchObject({
      name: 'matrix/120',
      source: 'status',
      state: 'failure',
      conclusion: 'error'
    })
    expect(fake.requests.filter((r) => r.includes('/status?'))).toHaveLength(2)
    expect(fake.errors).toEqual([])
  })

  it('takes the latest status per context and the latest attempt of a re-run job', async () => {
    const { outcome, fake } = await gate({
      commits: {
        [sha]: {
          // A re-run: the failed attempt and its successful replacement, in one check suite.
          checkRuns: [
            run('test-e2e', { conclusion: 'failure', id: 100 }),
            run('test-e2e', { id: 101 })
          ],
          // Newest first, as GitHub returns them: the failure was superseded.
          statuses: [
            status('ci/circleci: tests', 'success', 50),
            status('ci/circleci: tests', 'failure', 10)
          ]
        }
      }
    })
    const result = await outcome
    expect(result.passed).toBe(true)
    expect(result.checks).toHaveLength(2)
    expect(fake.errors).toEqual([])
  })

  it('passes a commit without any checks and says so', async () => {
    const { outcome, log, fake } = await gate({ commits: { [sha]: {} } })
    const result = await outcome
    expect(result).toEqual({ passed: true, checks: [], ignored: [] })
    expect(log.lines).toContain(
      `info: Gate: no checks found on ${owner}/${repo}@${sha.slice(0, 12)}; nothing to wait for`
    )
    expect(fake.errors).toEqual([])
  })

  it('retries a 500 and honours Retry-After on a secondary rate limit', async () => {
    const { outcome, sleeps, log, fake } = await gate({
      commits: { [sha]: { checkRuns: [run('build-x86_64')] } },
      faults: [
        { path: `/repos/${owner}/${repo}/commits/${sha}/check-runs`, status: 500, times: 1 },
        {
          path: `/repos/${owner}/${repo}/commits/${sha}/status`,
          status: 403,
          times: 1,
          headers: { 'retry-after': '7' },
          body: {
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'
          }
        }
      ]
    })
    const result = await outcome
    expect(result.passed).toBe(true)
    expect(fake.requests.filter((r) => r.includes('/check-runs'))).toHaveLength(2)
    expect(fake.requests.filter((r) => r.includes('/status?'))).toHaveLength(2)
    expect(sleeps).toHaveLength(2)
    // Backoff for the 500: between half and all of the first step (1s).
    expect(sleeps[0]).toBeGreaterThanOrEqual(500)
    expect(sleeps[0]).toBeLessThanOrEqual(1000)
    expect(sleeps[1]).toBe(7000)
    expect(log.lines.some((line) => line.includes('answered HTTP 500; retrying'))).toBe(true)
    expect(fake.errors).toEqual([])
  })

  it('gives up after the last attempt and says what it could not read', async () => {
    const { outcome, fake } = await gate(
      {
        commits: { [sha]: {} },
        faults: [
          { path: `/repos/${owner}/${repo}/commits/${sha}/check-runs`, status: 502, times: 5 }
        ]
      },
      { attempts: 3 }
    )
    await expect(outcome).rejects.toThrow(GateAccessError)
    await expect(outcome).rejects.toThrow(
      `could not read the check runs of ${owner}/${repo}@${sha.slice(0, 12)}`
    )
    expect(fake.requests).toHaveLength(3)
  })

  it('names the permission to grant when the token may not read check runs', async () => {
    const { outcome } = await gate({
      commits: { [sha]: {} },
      faults: [
        {
          path: `/repos/${owner}/${repo}/commits/${sha}/check-runs`,
          status: 403,
          times: 1,
          body: {
            message: 'Resource not accessible by integration',
            documentation_url:
              'https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference',
            status: '403'
          }
        }
      ]
    })
    await expect(outcome).rejects.toThrow('`permissions: checks: read`')
  })

  it('sends the token, registers it as a secret, and never prints it', async () => {
    const token = 'ghs_rightTokenForThisRepository00000000'
    const good = await gate(
      { token, commits: { [sha]: { checkRuns: [run('build-x86_64')] } } },
      { token }
    )
    await expect(good.outcome).resolves.toMatchObject({ passed: true })
    expect(good.log.secrets).toEqual([token])
    await good.fake.close()

    const wrong = 'ghs_wrongToken000000000000000000000000'
    const bad = await gate({ token, commits: { [sha]: {} } }, { token: wrong })
    const error = (await bad.outcome.then(
      () => undefined,
      (e: unknown) => e
    )) as Error
    expect(error).toBeInstanceOf(GateAccessError)
    expect(error.message).toContain('401')
    expect(error.message).toContain('github-token')
    expect(error.message).not.toContain(wrong)
    expect(bad.log.lines.join('\n')).not.toContain(wrong)
    expect(good.log.lines.join('\n')).not.toContain(token)
    expect(bad.fake.errors).toEqual([])
  })
})

describe('the fake GitHub itself', () => {
  it('refuses to send a check run that does not match the schema, and records why', async () => {
    const broken = run('build-x86_64')
    delete broken.head_sha
    broken.status = 'finished'
    const { outcome, fake } = await gate(
      { commits: { [sha]: { checkRuns: [broken] } } },
      { attempts: 1 }
    )
    await expect(outcome).rejects.toThrow(GateAccessError)
    expect(fake.errors.join('\n')).toContain("must have required property 'head_sha'")
    expect(fake.errors.join('\n')).toContain(
      '/check_runs/0/status must be equal to one of the allowed values'
    )
  })

  it('refuses a workflow run without its check suite fields typed as GitHub documents them', async () => {
    const wrongRun = workflowRun(owner, repo, sha, THIS_RUN, THIS_SUITE)
    wrongRun.check_suite_id = 'not-a-number' as unknown as number
    wrongRun.created_at = 'yesterday'
    // Deep inside a referenced component: minimal-repository -> simple-user.
    ;(wrongRun.head_repository as { owner: { login: unknown } }).owner.login = 42
    const { outcome, fake } = await gate(
      { commits: { [sha]: {} }, workflowRuns: { [THIS_RUN]: wrongRun } },
      { runId: THIS_RUN, attempts: 1 }
    )
    await expect(outcome).rejects.toThrow(`could not read the workflow run ${THIS_RUN}`)
    expect(fake.errors.join('\n')).toContain('/check_suite_id must be integer')
    expect(fake.errors.join('\n')).toContain('/created_at must match format "date-time"')
    expect(fake.errors.join('\n')).toContain('/head_repository/owner/login must be string')
  })

  it('flags a query parameter the API does not document', async () => {
    fake = await startFakeGitHub({ owner, repo, commits: { [sha]: {} } })
    const octokit = createOctokit('', { baseUrl: fake.url })
    await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
      owner,
      repo,
      ref: sha,
      filter: 'newest',
      per_pgae: 100
    } as never)
    expect(fake.errors).toEqual([
      'checks/list-for-ref: query parameter filter=newest must be equal to one of the allowed values',
      'checks/list-for-ref: unknown query parameter per_pgae=100'
    ])
  })
})
