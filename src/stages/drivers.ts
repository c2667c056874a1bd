import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import type { Operation, Published, Stage, StageContext, StagePlan, StageResult } from '../plan.js'
import { StageError } from '../plan.js'
import type { DriverInputs } from '../drivers/inputs.js'
import { driverName } from '../drivers/config.js'
import { readDriverGrid, type InvalidConfig } from '../drivers/grid.js'
import { driverMatrix, folders, planJobs, type DriverJob } from '../drivers/plan.js'
import { selectShard, type Shard } from '../drivers/shard.js'
import { execBuilder, type Builder } from '../drivers/build.js'
import { buildJobs, type JobResult } from '../drivers/publish.js'
import { refreshListings, type NameHintsSource } from '../drivers/refresh.js'
import { applyRetention } from '../drivers/retention.js'
import { renderDriversSummary, type DriverCounts } from '../drivers/summary.js'
import { fitJsonArray, listOutput } from '../report/outputs.js'
import { hasWork } from './work.js'

/** What plan() hands to apply(): everything decided, nothing written. */
export interface DriversPlanDetail {
  mode: Shard['mode']
  versions: string[]
  jobs: DriverJob[]
  invalid: InvalidConfig[]
  hints: NameHintsSource
}

/**
 * The drivers stage: reads the grid of driverkit configs, builds what the store lacks, publishes
 * what built, refreshes the listing. Independent of Falco's channel, except that `none`
 * (a pull request, another branch) publishes nothing.
 */
export function createDriversStage(builder: Builder = execBuilder): Stage<DriversPlanDetail> {
  return {
    name: 'drivers',
    plan: (ctx) => planDrivers(ctx),
    apply: (plan, ctx) => applyDrivers(plan, ctx, builder)
  }
}

export const driversStage: Stage<DriversPlanDetail> = createDriversStage()

export async function planDrivers(ctx: StageContext): Promise<StagePlan<DriversPlanDetail>> {
  const inputs: DriverInputs = ctx.inputs.drivers
  const empty: StagePlan<DriversPlanDetail> = { stage: 'drivers', operations: [] }
  if (!hasWork.drivers(ctx)) return empty

  const grid =
    inputs.config === ''
      ? { configs: [], invalid: [], warnings: [] }
      : await readDriverGrid(path.resolve(ctx.workspace, inputs.config), inputs.versions)
  for (const w of grid.warnings) {
    ctx.log.warning(w, { file: path.join(inputs.config, w.split(':')[0]) })
  }
  for (const i of grid.invalid) {
    ctx.log.warning(`${i.file}: invalid config, not built: ${i.error}`, {
      file: path.join(inputs.config, i.file)
    })
  }
  const hints: NameHintsSource = grid.configs.map((c) => [
    driverName(c),
    { target: c.target, kernelRelease: c.kernelRelease, kernelVersion: c.kernelVersion }
  ])

  if (inputs.shard.mode === 'index') {
    const detail: DriversPlanDetail = {
      mode: 'index',
      versions: inputs.versions,
      jobs: [],
      invalid: [],
      hints
    }
    return {
      stage: 'drivers',
      operations: inputs.versions.map((v) => ({
        action: 'put',
        target: `driver/${v}/index.json`,
        reason: 'refresh the listing'
      })),
      detail
    }
  }

  const selected = selectShard(grid.configs, inputs.shard)
  // Skip existing: one listing per driver version and arch, not one request per driver.
  const existing = new Set<string>()
  for (const prefix of folders(selected)) {
    for await (const o of ctx.store.list(prefix)) existing.add(o.key)
  }
  const jobs = planJobs(selected, existing)
  // Invalid configs are dealt out like the others, so exactly one job reports each.
  const invalid = selectShard(grid.invalid, inputs.shard)
  const toBuild = jobs.filter((j) => j.missing.length > 0)

  const operations: Operation[] = [
    ...jobs.map((j): Operation =>
      j.missing.length > 0
        ? { action: 'build', target: j.missing.map((o) => o.key).join(' '), source: j.config.file }
        : {
            action: 'skip',
            target: j.outputs.map((o) => o.key).join(' '),
            source: j.config.file,
            reason: 'already published'
          }
    ),
    ...invalid.map((i): Operation => ({
      action: 'skip',
      target: i.file,
      reason: `invalid config: ${i.error}`
    }))
  ]
  // The listings are refreshed after the builds (and rewritten only if they changed). Listing them
  // as operations also makes the pipeline apply this stage when the only news is an invalid
  // config, so that it is reported (and fails the step under fail-on-build-error).
  if ((toBuild.length > 0 || invalid.length > 0) && inputs.shard.mode !== 'plan') {
    for (const v of inputs.versions) {
      operations.push({
        action: 'put',
        target: `driver/${v}/index.json`,
        reason: 'driver listing, rewritten if it changed'
      })
    }
  }
  const outputs: Record<string, string> = {
    drivers: JSON.stringify(
      counts({
        planned: jobs.length,
        skipped: jobs.length - toBuild.length,
        invalid: invalid.length
      })
    )
  }
  outputs.failing = fitJsonArray(invalid.map((i) => i.file)).json
  if (inputs.shard.mode === 'all' || inputs.shard.mode === 'plan') {
    outputs['driver-matrix'] = JSON.stringify(driverMatrix(toBuild.length, inputs.jobs))
  }
  const detail: DriversPlanDetail = {
    mode: inputs.shard.mode,
    versions: inputs.versions,
    jobs,
    invalid,
    hints
  }
  return { stage: 'drivers', operations, detail, outputs }
}

export async function applyDrivers(
  plan: StagePlan<DriversPlanDetail>,
  ctx: StageContext,
  builder: Builder
): Promise<StageResult> {
  const started = Date.now()
  const detail = plan.detail
  const result: StageResult = {
    stage: 'drivers',
    published: [],
    failed: [],
    durationMs: 0,
    outputs: { ...plan.outputs }
  }
  if (!detail || detail.mode === 'plan') {
    result.durationMs = Date.now() - started
    return result
  }
  const inputs = ctx.inputs.drivers
  const workRoot = path.join(ctx.workdir, 'drivers')
  await fs.mkdir(path.join(workRoot, 'logs'), { recursive: true })

  const toBuild = detail.jobs.filter((j) => j.missing.length > 0)
  const jobResults: JobResult[] = await buildJobs(toBuild, {
    builder,
    store: ctx.store,
    log: ctx.log,
    workRoot,
    template: inputs.builder,
    concurrency: inputs.concurrency,
    timeout: inputs.timeout
  })
  for (const r of jobResults) result.published.push(...r.published)

  try {
    const listed: Published[] = await refreshListings(
      ctx.store,
      detail.versions,
      detail.hints,
      ctx.log
    )
    result.published.push(...listed)
    if (inputs.retention > 0)
      await applyRetention(ctx.store, inputs.retention, detail.versions, ctx.log)
  } catch (e) {
    // The drivers are out; only the listing is behind. Say so, with what was published.
    result.failed.push({ target: 'driver listing', error: (e as Error).message })
    result.durationMs = Date.now() - started
    throw new StageError(
      `the drivers were published but the listing could not be refreshed: ${(e as Error).message} (re-run with shard: index)`,
      result
    )
  }

  const failures = jobResults.filter((r) => r.error !== undefined)
  for (const f of failures) result.failed.push({ target: f.job.config.file, error: f.error ?? '' })
  for (const i of detail.invalid)
    result.failed.push({ target: i.file, error: `invalid config: ${i.error}` })

  const c = counts({
    planned: detail.jobs.length,
    skipped: detail.jobs.length - toBuild.length,
    built: jobResults.filter((r) => r.built).length,
    published: jobResults.reduce((n, r) => n + r.published.length, 0),
    failed: failures.length,
    invalid: detail.invalid.length
  })
  const failingLog = path.join(workRoot, 'failing.txt')
  await fs.writeFile(
    failingLog,
    result.failed.map((f) => `${f.target}\t${f.error}${logOf(jobResults, f.target)}\n`).join('')
  )
  result.outputs = {
    ...result.outputs,
    drivers: JSON.stringify(c),
    // A broken builder fails the whole grid: the output keeps what fits, failing.txt has all.
    failing: listOutput(
      'failing',
      result.failed.map((f) => f.target),
      `${failingLog} lists them all`,
      ctx.log
    ),
    'driver-logs': path.join(workRoot, 'logs')
  }
  result.summary = renderDriversSummary(c, jobResults, detail.invalid)
  result.durationMs = Date.now() - started
  if (inputs.failOnBuildError && result.failed.length > 0) {
    throw new StageError(
      `${result.failed.length} driver config(s) failed to build or parse; see ${failingLog}`,
      result
    )
  }
  return result
}

function logOf(results: JobResult[], file: string): string {
  const r = results.find((x) => x.job.config.file === file)
  return r ? `\t${r.logFile}` : ''
}

function counts(c: Partial<DriverCounts>): DriverCounts {
  return { planned: 0, skipped: 0, built: 0, published: 0, failed: 0, invalid: 0, ...c }
}
