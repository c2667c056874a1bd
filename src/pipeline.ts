import type { Octokit } from '@octokit/rest'
import { assertGate, checkGate } from './gate.js'
import { InputError, storeUrl, type Inputs } from './inputs.js'
import { StageError, type Stage, type StageContext, type StagePlan } from './plan.js'
import { decideRelease, type ReleaseSources } from './release/decide.js'
import type { WorkflowEvent } from './release/classify.js'
import type { Logger } from './report/log.js'
import type { RunReport } from './report/report.js'
import { formatDuration } from './report/format.js'
import { mark } from './report/timing.js'
import { changedPaths, type Cdn } from './store/cdn.js'
import type { Store } from './store/store.js'

/** Everything the pipeline touches, handed in: the action and the CLI build this differently. */
export interface PipelineDeps {
  inputs: Inputs
  event: WorkflowEvent
  /** The repository whose checks gate the publish; needed only when require-checks is on. */
  repository?: { owner: string; repo: string }
  /** This workflow run, whose own checks the gate ignores. */
  runId?: number
  workspace: string
  workdir: string
  log: Logger
  releaseSources: ReleaseSources
  /** Undefined when no token is available. */
  /** The GitHub client, made (and loaded) on first use; tests may hand one in directly. */
  github?: () => Octokit | Promise<Octokit>
  openStore: (url: URL) => Store
  /** The CDN in front of the store (cdn-invalidate), when there is one. */
  cdn?: Cdn
  stages: Stage[]
}

/** The stages that write to the store (the others write to registries and GitHub, or read). */
const WRITES_STORE = new Set(['packages', 'drivers'])

/**
 * inputs -> release -> gate -> plans -> apply. Never throws: whatever happens ends up in the returned
 * report (with `error` set when the run failed), so the caller can always write outputs and a summary.
 */
export async function publish(deps: PipelineDeps): Promise<RunReport> {
  const { inputs, log } = deps
  const started = Date.now()
  const report: RunReport = {
    dryRun: inputs.dryRun,
    plans: [],
    results: [],
    notRun: [],
    durationMs: 0
  }
  try {
    const release = await log.group('Release', async () => {
      const decided = await decideRelease(deps.event, inputs, deps.releaseSources)
      log.info(`channel: ${decided.channel} (${decided.reason})`)
      if (decided.channel !== 'none') {
        log.info(`version: ${decided.version}${decided.prerelease ? ' (prerelease)' : ''}`)
        log.info(`latest: ${decided.latest}`)
      }
      return decided
    })
    report.release = release
    if (release.channel === 'none') {
      log.info('Nothing to publish for this event.')
      return report
    }

    // The result is kept before it is judged, so the summary lists the checks that stopped the run.
    report.gate = await log.group('Checks', () => readGate(deps, release.sha))
    if ('checks' in report.gate) assertGate(report.gate)

    const store = deps.openStore(storeUrl(inputs.store, deps.workspace))
    report.store = store.location
    mark('release')
    const ctx: StageContext = {
      release,
      inputs,
      store,
      log,
      workspace: deps.workspace,
      workdir: deps.workdir,
      // Filled as stages apply: the verify stage checks what the ones before it published.
      results: report.results,
      github: deps.github,
      repository: deps.repository,
      checks: 'checks' in report.gate ? report.gate.checks : undefined
    }

    // Every stage plans before any stage writes, so bad input anywhere stops the run with nothing written.
    for (const stage of deps.stages) {
      const plan = await log.group(`Plan: ${stage.name}`, async () => {
        const planned = await stage.plan(ctx)
        logPlan(planned, log)
        return planned
      })
      report.plans.push(plan)
    }
    mark('plan')
    if (inputs.dryRun) {
      log.info('dry-run: the plan above was not applied.')
      return report
    }

    const todo = deps.stages
      .map((stage, index) => ({ stage, plan: report.plans[index] }))
      .filter(({ plan }) => plan.operations.some((op) => op.action !== 'skip'))
    if (todo.some(({ stage }) => WRITES_STORE.has(stage.name))) store.prepareWrites?.()
    let invalidated = false
    for (const [index, { stage, plan }] of todo.entries()) {
      try {
        // Verify reads through the CDN: it must see what this run changed, not cached copies.
        if (stage.name === 'verify' && !invalidated) {
          invalidated = true
          await invalidateChanged(deps, report, store)
        }
        const result = await log.group(`Publish: ${stage.name}`, () => stage.apply(plan, ctx))
        report.results.push(result)
        mark(`publish ${stage.name}`)
        log.info(
          `${stage.name}: ${result.published.length} published in ${formatDuration(result.durationMs)}`
        )
      } catch (error) {
        if (error instanceof StageError) report.results.push(error.result)
        report.notRun = todo.slice(index + 1).map(({ stage: later }) => later.name)
        // What did change is served fresh even when a later part failed.
        if (!invalidated) await invalidateChanged(deps, report, store)
        throw error
      }
    }
    if (!invalidated) await invalidateChanged(deps, report, store)
    return report
  } catch (error) {
    report.error = error instanceof Error ? error.message : String(error)
    return report
  } finally {
    report.durationMs = Date.now() - started
  }
}

/** Drops the CDN's cached copies of the indexes and listings this run changed. */
async function invalidateChanged(deps: PipelineDeps, report: RunReport, store: Store) {
  if (!deps.cdn) return
  const paths = changedPaths(report.results, store)
  if (paths.length === 0) return
  const cdn = deps.cdn
  await deps.log.group('CDN', async () => {
    try {
      const id = await cdn.invalidate(paths)
      deps.log.info(`${cdn.name}: invalidated ${paths.length} path(s) (invalidation ${id})`)
    } catch (error) {
      // The publish itself succeeded; a stale cache expires on its own, so this is a warning
      // that says what to invalidate by hand.
      deps.log.warning(
        `${cdn.name}: the invalidation failed (${error instanceof Error ? error.message : String(error)}); ` +
          `invalidate these paths by hand: ${paths.join(' ')}`
      )
    }
  })
}

async function readGate(deps: PipelineDeps, sha: string): Promise<NonNullable<RunReport['gate']>> {
  const { inputs, log } = deps
  if (!inputs.requireChecks) {
    log.info('require-checks is false: the checks of the commit are not read.')
    return { skipped: 'require-checks is false' }
  }
  if (!deps.github) {
    throw new InputError(
      'github-token',
      'a token is needed to read the checks of the commit; give one, or set require-checks to false'
    )
  }
  if (!deps.repository) {
    throw new Error(
      'the repository is unknown, so its checks cannot be read (set GITHUB_REPOSITORY or --repository)'
    )
  }
  const result = await checkGate(
    await deps.github(),
    { ...deps.repository, sha, required: inputs.requiredChecks, runId: deps.runId },
    log
  )
  for (const check of result.checks)
    log.info(`${check.state.padEnd(7)} ${check.name} (${check.source})`)
  if (result.checks.length === 0) log.info('No checks found on the commit.')
  return result
}

function logPlan(plan: StagePlan, log: Logger): void {
  if (plan.operations.length === 0) {
    log.info('nothing to do')
    return
  }
  for (const op of plan.operations) {
    log.info(`${op.action.padEnd(6)} ${op.target}${op.reason ? ` (${op.reason})` : ''}`)
  }
}
