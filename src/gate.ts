import type { Octokit } from './github.js'
import type { Logger } from './report/log.js'

/**
 * The gate: publish only a commit whose checks concluded success. It reads the commit's check
 * runs (GitHub Actions jobs and other apps) and its commit statuses (older CI integrations), and
 * says by name what failed, is still running, or was required but never reported.
 */

export interface GateOptions {
  owner: string
  repo: string
  sha: string
  /** Check-run names or status contexts that must succeed; empty means every check found. */
  required: string[]
  /** this workflow run (GITHUB_RUN_ID): its own check runs are excluded when required is empty */
  runId?: number
}

export interface CheckState {
  name: string
  /** A required name that was found nowhere is reported as 'check-run', the kind Actions makes. */
  source: 'check-run' | 'status'
  state: 'success' | 'failure' | 'pending' | 'missing'
  /** The check run's conclusion or status, or the commit status's state, as GitHub said it. */
  conclusion?: string
  url?: string
  /** A job of this very workflow run, named in required-checks (it may be the job running the gate). */
  thisRun?: boolean
}

export interface GateResult {
  passed: boolean
  /** What was judged; empty when the commit has no checks at all (the summary says so). */
  checks: CheckState[]
  /** Names found but not judged: this run's own jobs, or checks outside `required-checks`. */
  ignored: string[]
}

export class GateError extends Error {
  constructor(readonly result: GateResult) {
    super(gateMessage(result))
    this.name = 'GateError'
  }
}

/** Thrown when GitHub cannot be read at all; the message says which permission to grant. */
export class GateAccessError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'GateAccessError'
  }
}

const PASSING = new Set(['success', 'neutral', 'skipped'])
const FAILING = new Set([
  'failure',
  'cancelled',
  'timed_out',
  'action_required',
  'stale',
  'startup_failure'
])

/** A check run's state from its status and conclusion; unknown conclusions count as failures. */
export function checkRunState(
  status: string,
  conclusion: string | null | undefined
): CheckState['state'] {
  if (status !== 'completed') return 'pending'
  if (conclusion === null || conclusion === undefined) return 'pending'
  if (PASSING.has(conclusion)) return 'success'
  if (FAILING.has(conclusion)) return 'failure'
  return 'failure'
}

/** A commit status's state: error and failure fail, pending waits. */
export function statusState(state: string): CheckState['state'] {
  if (state === 'success') return 'success'
  if (state === 'pending') return 'pending'
  return 'failure'
}

interface FoundCheck extends CheckState {
  /** The check suite a check run belongs to, to recognise this workflow run's own jobs. */
  suiteId?: number
}

export async function checkGate(
  octokit: Octokit,
  options: GateOptions,
  log: Logger
): Promise<GateResult> {
  const { owner, repo, sha } = options
  const where = `${owner}/${repo}@${sha.slice(0, 12)}`
  const ownSuite =
    options.runId === undefined
      ? undefined
      : await read(`the workflow run ${options.runId}`, 'actions: read', async () => {
          const { data } = await octokit.rest.actions.getWorkflowRun({
            owner,
            repo,
            run_id: options.runId as number
          })
          return data.check_suite_id
        })

  const runs = await read(`the check runs of ${where}`, 'checks: read', () =>
    octokit.paginate(octokit.rest.checks.listForRef, {
      owner,
      repo,
      ref: sha,
      filter: 'latest',
      per_page: 100
    })
  )
  const statuses = await read(`the commit statuses of ${where}`, 'statuses: read', () =>
    combinedStatuses(octokit, owner, repo, sha)
  )

  const found: FoundCheck[] = [
    ...runs.map((run): FoundCheck => ({
      name: run.name,
      source: 'check-run',
      state: checkRunState(run.status, run.conclusion),
      conclusion: run.status === 'completed' ? (run.conclusion ?? run.status) : run.status,
      url: run.html_url ?? run.details_url ?? undefined,
      suiteId: run.check_suite?.id
    })),
    ...statuses.map((status): FoundCheck => ({
      name: status.context,
      source: 'status',
      state: statusState(status.state),
      conclusion: status.state,
      url: status.target_url ?? undefined
    }))
  ]
  log.debug(`gate: ${runs.length} check runs and ${statuses.length} statuses on ${where}`)

  const result = judge(found, options.required, ownSuite)
  for (const check of result.checks) {
    log.debug(`gate: ${check.name} (${check.source}) is ${check.state} [${check.conclusion ?? ''}]`)
  }
  if (result.checks.length === 0) {
    log.info(`Gate: no checks found on ${where}; nothing to wait for`)
  } else {
    const failed = result.checks.filter((check) => check.state !== 'success').length
    log.info(
      `Gate: ${result.checks.length - failed} of ${result.checks.length} checks on ${where} ` +
        `succeeded` +
        (result.ignored.length > 0 ? `; ignored ${result.ignored.join(', ')}` : '')
    )
  }
  return result
}

/** Throws GateError unless the gate passed. main calls checkGate, reports, then asserts. */
export function assertGate(result: GateResult): void {
  if (!result.passed) throw new GateError(result)
}

/** Which checks count, and whether they all succeeded. Pure: the tests drive it with data. */
export function judge(found: FoundCheck[], required: string[], ownSuite?: number): GateResult {
  if (required.length === 0) {
    // This run's own jobs (the one running the gate among them) cannot be finished yet.
    const own = (check: FoundCheck): boolean =>
      ownSuite !== undefined && check.source === 'check-run' && check.suiteId === ownSuite
    const checks = found.filter((check) => !own(check)).map(strip)
    const ignored = unique(found.filter(own).map((check) => check.name))
    return { passed: checks.every((check) => check.state === 'success'), checks, ignored }
  }
  const wanted = new Set(required)
  const checks: CheckState[] = []
  for (const name of unique(required)) {
    const matches = found.filter((check) => check.name === name)
    if (matches.length === 0) checks.push({ name, source: 'check-run', state: 'missing' })
    for (const match of matches) {
      const own =
        ownSuite !== undefined && match.source === 'check-run' && match.suiteId === ownSuite
      checks.push(own ? { ...strip(match), thisRun: true } : strip(match))
    }
  }
  const ignored = unique(found.filter((check) => !wanted.has(check.name)).map((c) => c.name))
  return { passed: checks.every((check) => check.state === 'success'), checks, ignored }
}

function strip(check: FoundCheck): CheckState {
  const { suiteId: _suite, ...state } = check
  void _suite
  return state
}

function unique(names: string[]): string[] {
  return [...new Set(names)]
}

/**
 * The latest status per context. The combined-status endpoint already keeps only the newest
 * status of each context; its `statuses` list is paginated by `page` without a Link header, so
 * it is walked until `total_count` is reached.
 */
async function combinedStatuses(
  octokit: Octokit,
  owner: string,
  repo: string,
  ref: string
): Promise<Array<{ context: string; state: string; target_url: string | null }>> {
  const perPage = 100
  const all: Array<{ context: string; state: string; target_url: string | null }> = []
  for (let page = 1; ; page++) {
    const { data } = await octokit.rest.repos.getCombinedStatusForRef({
      owner,
      repo,
      ref,
      per_page: perPage,
      page
    })
    all.push(...data.statuses)
    if (data.statuses.length < perPage || all.length >= data.total_count) return all
  }
}

/** Runs one read; turns GitHub's 401/403/404 into an error that says what to grant. */
async function read<T>(what: string, permission: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    const status = (error as { status?: number }).status
    const reason = error instanceof Error ? error.message : String(error)
    if (status === 401) {
      throw new GateAccessError(
        `The gate could not read ${what}: GitHub answered 401 (${reason}). ` +
          `Check the github-token input; it must be a valid token for this repository.`
      )
    }
    if (status === 403 || status === 404) {
      throw new GateAccessError(
        `The gate could not read ${what}: GitHub answered ${status} (${reason}). ` +
          `Give the workflow's token \`permissions: ${permission}\` (the gate needs checks: read, ` +
          `statuses: read and actions: read), or set require-checks: false to publish without the gate.`
      )
    }
    throw new GateAccessError(`The gate could not read ${what}: ${reason}`)
  }
}

function gateMessage(result: GateResult): string {
  const bad = result.checks.filter((check) => check.state !== 'success')
  const line = (check: CheckState): string => {
    const kind = check.state === 'missing' ? 'required, not reported' : check.source
    const detail =
      check.conclusion && check.conclusion !== check.state ? `, ${check.conclusion}` : ''
    const own =
      check.thisRun && check.state === 'pending'
        ? ' - a job of this workflow run: it cannot finish before this step; make this job `needs:` it instead'
        : ''
    return `  ${check.state}: ${check.name} (${kind}${detail})${check.url ? ` ${check.url}` : ''}${own}`
  }
  const order: CheckState['state'][] = ['failure', 'pending', 'missing']
  const lines = order.flatMap((state) => bad.filter((check) => check.state === state).map(line))
  const hints: string[] = []
  if (bad.some((check) => check.state === 'failure')) hints.push('fix the failing checks')
  if (bad.some((check) => check.state === 'pending')) {
    hints.push('let the pending checks finish (or make this job `needs:` them) and re-run this job')
  }
  if (bad.some((check) => check.state === 'missing')) {
    hints.push('correct the names in required-checks (they must equal the check or status names)')
  }
  return [
    `The gate refused to publish: ${bad.length} of ${result.checks.length} required checks did not succeed.`,
    ...lines,
    `To publish, ${hints.join('; ')}. To publish without the gate, set require-checks: false.`
  ].join('\n')
}
