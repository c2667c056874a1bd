import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import type { Operation, Published, Stage, StageContext, StagePlan, StageResult } from '../plan.js'
import type { Listed } from '../store/store.js'
import { StageError } from '../plan.js'
import type { DriverInputs } from '../drivers/inputs.js'
import { driverName } from '../drivers/config.js'
import { readDriverGrid, type InvalidConfig } from '../drivers/grid.js'
import { driverMatrix, folders, planJobs, type DriverJob } from '../drivers/plan.js'
import { selectShard, type Shard } from '../drivers/shard.js'
import { execBuilder, type Builder } from '../drivers/build.js'
import { applyCopies, buildJobs, type JobResult } from '../drivers/publish.js'
import { SITE, updateSite, type NameHintsSource } from '../drivers/refresh.js'
import type { DriverFileFacts } from '../drivers/site.js'
import type { DerivedVersion } from '../drivers/derive.js'
import type { CoverageRow, KernelRef } from '../drivers/coverage.js'
import { writeCoverage } from '../drivers/coverage-file.js'
import type { SigningKeys } from '../sign/openpgp.js'
import { applyRetention } from '../drivers/retention.js'
import { renderDriversSummary, type DriverCounts } from '../drivers/summary.js'
import { fitJsonArray, listOutput } from '../report/outputs.js'
import { scan } from '../store/store.js'
import { hasWork } from './work.js'
import { registerSecrets } from '../report/secrets.js'

/** What plan() hands to apply(): everything decided, nothing written. */
export interface DriversPlanDetail {
  mode: Shard['mode']
  versions: string[]
  jobs: DriverJob[]
  invalid: InvalidConfig[]
  hints: NameHintsSource
  /** Where `driver-versions: auto` found its version. */
  derived?: DerivedVersion
  /** With `kernel-list`: the kernels distributions ship, and every config of the grid. */
  coverage?: { known: KernelRef[]; configs: (KernelRef & { lib: string })[] }
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

  const { versions, derived } = await resolveVersions(inputs.versions, ctx)
  const grid =
    inputs.config === ''
      ? { configs: [], invalid: [], warnings: [] }
      : await readDriverGrid(path.resolve(ctx.workspace, inputs.config), versions)
  for (const w of grid.warnings) {
    ctx.log.warning(w, { file: path.join(inputs.config, w.split(':')[0]) })
  }
  for (const i of grid.invalid) {
    ctx.log.warning(`${i.file}: invalid config, not built: ${i.error}`, {
      file: path.join(inputs.config, i.file)
    })
  }
  const coverageInput =
    inputs.kernelList.length > 0
      ? {
          known: (
            await (
              await import('../drivers/coverage.js')
            ).readKernelLists(inputs.kernelList, ctx.workspace)
          ).map(({ arch, target, kernelRelease, kernelVersion }) => ({
            arch,
            target,
            kernelRelease,
            kernelVersion
          })),
          configs: grid.configs.map((c) => ({
            lib: c.driverVersion,
            arch: c.arch,
            target: c.target,
            kernelRelease: c.kernelRelease,
            kernelVersion: c.kernelVersion
          }))
        }
      : undefined
  const hints: NameHintsSource = grid.configs.map((c) => [
    driverName(c),
    { target: c.target, kernelRelease: c.kernelRelease, kernelVersion: c.kernelVersion }
  ])

  if (inputs.shard.mode === 'index') {
    const detail: DriversPlanDetail = {
      mode: 'index',
      versions,
      derived,
      coverage: coverageInput,
      jobs: [],
      invalid: [],
      hints
    }
    return {
      stage: 'drivers',
      operations: versions.map((v) => ({
        action: 'put',
        target: `${SITE}/${v}.json`,
        reason: `rebuild the driver site from the store${from(v, derived)}`
      })),
      detail
    }
  }

  const selected = selectShard(grid.configs, inputs.shard)
  // Skip existing: one listing per driver version and arch, not one request per driver.
  // Only the drivers themselves: their .sha256 and .asc would double the set at 50,000 configs.
  const existing = new Set<string>()
  for (const prefix of folders(selected)) {
    for await (const o of scan(ctx.store, prefix))
      if (o.key.endsWith('.ko') || o.key.endsWith('.o')) existing.add(o.key)
  }
  const jobs = planJobs(selected, existing, {
    spaceForPlus: ctx.store.location.startsWith('s3://')
  })
  // Invalid configs are dealt out like the others, so exactly one job reports each.
  const invalid = selectShard(grid.invalid, inputs.shard)
  const toBuild = jobs.filter((j) => j.missing.length > 0)

  const operations: Operation[] = [
    ...jobs.flatMap((j): Operation[] => [
      ...j.copies.map((c): Operation => ({
        action: 'put',
        target: c.to,
        source: c.from,
        reason: 'a copy of the published driver, where another client era asks for it'
      })),
      j.missing.length > 0
        ? { action: 'build', target: j.missing.map((o) => o.key).join(' '), source: j.config.file }
        : {
            action: 'skip',
            target: j.outputs.map((o) => o.key).join(' '),
            source: j.config.file,
            reason: 'already published'
          }
    ]),
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
    for (const v of versions) {
      operations.push({
        action: 'put',
        target: `${SITE}/${v}.json`,
        reason: `driver site, rewritten if it changed${from(v, derived)}`
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
    versions,
    derived,
    coverage: coverageInput,
    jobs,
    invalid,
    hints
  }
  return { stage: 'drivers', operations, detail, outputs }
}

/**
 * `auto` in driver-versions becomes the driver version Falco's latest stable release pins, read
 * from the checkout (the workspace); the plan and the log say which and from where.
 */
async function resolveVersions(
  listed: string[],
  ctx: StageContext
): Promise<{ versions: string[]; derived?: DerivedVersion }> {
  if (!listed.includes('auto')) return { versions: listed }
  const { deriveDriverVersion } = await import('../drivers/derive.js')
  const derived = await deriveDriverVersion(ctx.workspace)
  ctx.log.info(
    `driver-versions: auto is ${derived.driverVersion} (${derived.file} at tag ${derived.tag})`
  )
  const versions = [...new Set(listed.map((v) => (v === 'auto' ? derived.driverVersion : v)))]
  return { versions, derived }
}

/** Where a derived driver version came from, for the plan. */
function from(version: string, derived: DerivedVersion | undefined): string {
  return derived?.driverVersion === version
    ? `; ${version} is driver-versions: auto, pinned in ${derived.file} at tag ${derived.tag}`
    : ''
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
  let coverageRows: CoverageRow[] = []
  const keys =
    toBuild.length > 0 || detail.jobs.some((j) => j.copies.length > 0) || detail.mode === 'index'
      ? await driverSigningKeys(ctx)
      : undefined
  const jobResults: JobResult[] = await buildJobs(toBuild, {
    builder,
    store: ctx.store,
    log: ctx.log,
    workRoot,
    template: inputs.builder,
    concurrency: inputs.concurrency,
    timeout: inputs.timeout,
    envNames: inputs.builderEnv,
    keys
  })
  for (const r of jobResults) result.published.push(...r.published)
  const copied = await applyCopies(detail.jobs, ctx.store, ctx.log, keys)
  result.published.push(...copied.published)
  const backfilled: DriverFileFacts[] = []
  const listings = new Map<string, Listed[]>()
  if (detail.mode === 'index') {
    // The drivers already in the store that have no checksum (or signature) yet get them.
    const { backfillSidecars } = await import('../drivers/sidecars.js')
    for (const v of detail.versions) {
      const r = await backfillSidecars(ctx.store, v, keys)
      for (const w of r.written)
        result.published.push({ kind: 'signature', path: w.key, sha256: w.sha256, size: w.size })
      if (r.written.length > 0)
        ctx.log.info(`${v}: wrote ${r.written.length} missing checksum and signature file(s)`)
      listings.set(v, r.listing)
      // Size, date and signature from the listing: no request per driver.
      const byKey = new Map(r.digests.size > 0 ? r.listing.map((o) => [o.key, o]) : [])
      for (const [key, sha256] of r.digests) {
        const info = byKey.get(key)
        const signed = byKey.has(`${key}.asc`)
        if (info)
          backfilled.push({
            key,
            size: info.size,
            modified: info.modified ?? new Date(),
            sha256,
            signed
          })
      }
    }
  }

  try {
    const listed: Published[] = await updateSite(
      ctx.store,
      detail.versions,
      [...siteFacts(jobResults), ...copied.facts, ...backfilled],
      detail.hints,
      ctx.log,
      { relist: detail.mode === 'index', listings }
    )
    result.published.push(...listed)
    if (inputs.retention > 0)
      await applyRetention(ctx.store, inputs.retention, detail.versions, ctx.log)
    if (detail.coverage) {
      const written = await writeCoverage(ctx.store, detail.versions, detail.coverage)
      coverageRows = written.rows
      if (written.published) result.published.push(written.published)
    }
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
    published: jobResults.reduce(
      (n, r) => n + r.published.filter((p) => r.job.outputs.some((o) => o.key === p.path)).length,
      0
    ),
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
  result.summary =
    renderDriversSummary(c, jobResults, detail.invalid, detail.derived) +
    (coverageRows.length > 0
      ? `\n${(await import('../drivers/coverage.js')).renderCoverage(coverageRows)}`
      : '')
  result.durationMs = Date.now() - started
  if (inputs.failOnBuildError && result.failed.length > 0) {
    throw new StageError(
      `${result.failed.length} driver config(s) failed to build or parse; see ${failingLog}`,
      result
    )
  }
  return result
}

/**
 * The packages' OpenPGP keys, when given: each driver then gets a detached `.asc` beside its
 * `.sha256`. Loaded before any build, so a wrong key or passphrase fails the stage before anything
 * is written. Loaded lazily: a run without a key never compiles the OpenPGP library.
 */
async function driverSigningKeys(ctx: StageContext): Promise<SigningKeys | undefined> {
  const { gpgPrivateKey, gpgPassphrase } = ctx.inputs.packaging
  if (gpgPrivateKey === '') return undefined
  registerSecrets(ctx.log, gpgPrivateKey, gpgPassphrase)
  const { loadSigningKeys } = await import('../sign/openpgp.js')
  try {
    return await loadSigningKeys(gpgPrivateKey, gpgPassphrase)
  } catch (e) {
    throw new Error(`gpg-private-key: cannot sign the drivers: ${(e as Error).message}`)
  }
}

/** What the site needs of each driver this run published: no listing of the store. */
function siteFacts(results: JobResult[]): DriverFileFacts[] {
  const now = new Date()
  return results.flatMap((r) => {
    const keys = new Set(r.published.map((p) => p.path))
    return r.published
      .filter((p) => p.kind === 'driver' && r.job.outputs.some((o) => o.key === p.path))
      .map((p) => ({
        key: p.path,
        size: p.size ?? 0,
        modified: now,
        sha256: p.sha256,
        signed: keys.has(`${p.path}.asc`),
        fields: { target: r.job.config.target, kernelRelease: r.job.config.kernelRelease }
      }))
  })
}

function logOf(results: JobResult[], file: string): string {
  const r = results.find((x) => x.job.config.file === file)
  return r ? `\t${r.logFile}` : ''
}

function counts(c: Partial<DriverCounts>): DriverCounts {
  return { planned: 0, skipped: 0, built: 0, published: 0, failed: 0, invalid: 0, ...c }
}
