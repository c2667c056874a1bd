import { createReadStream, promises as fs } from 'node:fs'
import type { Readable } from 'node:stream'
import pLimit from 'p-limit'
import type { Published } from '../plan.js'
import type { Logger } from '../report/log.js'
import { PreconditionFailed, statObject, type PutResult, type Store } from '../store/store.js'
import type { SigningKeys } from '../sign/openpgp.js'
import { publishSidecars } from './sidecars.js'
import {
  builderArgv,
  builderEnv,
  builtFile,
  jobPaths,
  placeholders,
  rewriteConfig,
  type Builder
} from './build.js'
import { clientUrl, type DriverJob } from './plan.js'
import type { DriverFileFacts } from './site.js'
import { progressLine } from '../report/format.js'

export interface BuildOptions {
  builder: Builder
  store: Store
  log: Logger
  /** `<workdir>/drivers`: configs, outputs and logs of this run. */
  workRoot: string
  template: string
  concurrency: number
  timeout: number
  /** Environment variables passed to the builder besides PATH, HOME and the placeholders. */
  envNames: readonly string[]
  /** The packages' OpenPGP keys: each driver gets a detached `.asc` when given. */
  keys?: SigningKeys
}

export interface JobResult {
  job: DriverJob
  /** The builder exited 0. */
  built: boolean
  published: Published[]
  /** Why the job failed (build error, timeout, no output, store error). */
  error?: string
  logFile: string
  durationMs: number
}

/**
 * Builds the jobs, at most `concurrency` at once, and publishes each one's outputs as soon as it
 * finished, so a later failure or a cancelled job keeps what was already done. Best effort: one
 * job's failure is recorded and never stops the others.
 */
export async function buildJobs(jobs: DriverJob[], o: BuildOptions): Promise<JobResult[]> {
  if (jobs.length === 0) return []
  o.log.info(
    `building ${jobs.length} driver config(s), ${Math.min(o.concurrency, jobs.length)} at a time`
  )
  // A counter in each line, so a log of thousands of builds says how far it got.
  let started = 0
  const total = jobs.length
  // buildOne records a failure in its result and never rejects, so no job stops the others.
  return pLimit(o.concurrency).map(jobs, (job) => buildOne(job, o, `[${++started}/${total}]`))
}

async function buildOne(job: DriverJob, o: BuildOptions, counter: string): Promise<JobResult> {
  const started = Date.now()
  const paths = jobPaths(o.workRoot, job)
  const result: JobResult = { job, built: false, published: [], logFile: paths.log, durationMs: 0 }
  const done = (error?: string): JobResult => {
    if (error !== undefined) {
      result.error = error
      o.log.warning(`${counter} ${job.config.file}: ${error} (log: ${paths.log})`)
    }
    result.durationMs = Date.now() - started
    return result
  }
  try {
    await fs.rm(paths.dir, { recursive: true, force: true })
    await fs.mkdir(paths.dir, { recursive: true })
    await fs.writeFile(
      paths.config,
      rewriteConfig(await fs.readFile(job.config.source, 'utf8'), job.config, paths)
    )
    o.log.info(`${counter} building ${job.name} for ${job.config.driverVersion}/${job.config.arch}`)
    const values = placeholders(job.config, paths, o.workRoot)
    const argv = builderArgv(o.template, values)
    o.log.debug(
      `building ${job.name} for ${job.config.driverVersion}/${job.config.arch}: ${argv.join(' ')}`
    )
    const outcome = await o.builder.run({
      argv,
      cwd: paths.dir,
      logFile: paths.log,
      timeout: o.timeout,
      env: builderEnv(process.env, o.envNames, values)
    })
    if (outcome.timedOut) return done(`build timed out after ${o.timeout}s`)
    if (outcome.exitCode !== 0) return done(`builder exited with code ${outcome.exitCode}`)
    result.built = true

    const missingFiles: string[] = []
    for (const out of job.missing) {
      const file = out.kind === 'module' ? paths.module : paths.probe
      const size = await builtFile(file)
      if (size === undefined) {
        missingFiles.push(`${out.kind} ${file}`)
        continue
      }
      const t0 = Date.now()
      let put: PutResult
      try {
        // Create-only: published drivers are immutable, and a concurrent job that got there
        // first has published the same driver.
        put = await o.store.put(out.key, createReadStream(file), {
          precondition: { ifNoneMatch: '*' },
          contentType: 'application/octet-stream'
        })
      } catch (e) {
        if (!(e instanceof PreconditionFailed)) throw e
        o.log.info(`${out.key} was published meanwhile by another job; kept it`)
        // Its copies must hold its bytes, not ours (builds are not reproducible).
        for (const alias of out.aliases) await copyOnce(o.store, out.key, alias)
        continue
      }
      result.published.push(publishedItem('driver', o.store, put))
      o.log.info(progressLine('published', put.key, put.size, Date.now() - t0))
      const bytes = async () => createReadStream(file, { highWaterMark: 1 << 20 })
      for (const r of await publishSidecars(o.store, bytes, put, o.keys))
        result.published.push(publishedItem('signature', o.store, r))
      for (const alias of out.aliases) {
        const r = await putOnce(o.store, alias, () => createReadStream(file))
        if (r) result.published.push(publishedItem('driver', o.store, r))
      }
    }
    if (missingFiles.length > 0)
      return done(`the build succeeded but left no ${missingFiles.join(', no ')}`)
    return done()
  } catch (e) {
    return done(`${(e as Error).message}`)
  }
}

function publishedItem(kind: Published['kind'], store: Store, r: PutResult): Published {
  return { kind, path: r.key, sha256: r.sha256, size: r.size, url: clientUrl(store.url(r.key)) }
}

/** Creates `key` unless it exists; undefined when it did. */
async function putOnce(
  store: Store,
  key: string,
  body: () => NodeJS.ReadableStream
): Promise<PutResult | undefined> {
  try {
    return await store.put(key, body() as Readable, {
      precondition: { ifNoneMatch: '*' },
      contentType: 'application/octet-stream'
    })
  } catch (e) {
    if (e instanceof PreconditionFailed) return undefined
    throw e
  }
}

/** A copy of a published object under another key, unless that key exists already. */
async function copyOnce(store: Store, from: string, to: string): Promise<PutResult | undefined> {
  if (await statObject(store, to)) return undefined
  const body = await store.get(from)
  return body ? putOnce(store, to, () => body) : undefined
}

/**
 * Fills the keys the plan found missing for drivers the store holds under another of their keys:
 * no build. Returns what was written, and site facts for drivers that gained their main key.
 */
export async function applyCopies(
  jobs: DriverJob[],
  store: Store,
  log: Logger,
  keys: SigningKeys | undefined
): Promise<{ published: Published[]; facts: DriverFileFacts[] }> {
  const published: Published[] = []
  const facts: DriverFileFacts[] = []
  for (const job of jobs) {
    for (const c of job.copies) {
      const r = await copyOnce(store, c.from, c.to)
      if (!r) continue
      published.push(publishedItem('driver', store, r))
      log.info(`copied ${c.from} to ${c.to}`)
      if (job.outputs.some((o) => o.key === c.to)) {
        // The driver's main key gets what every published driver has: its checksum and signature.
        const bytes = async () => {
          const body = await store.get(c.to)
          if (!body) throw new Error(`${c.to} vanished while it was being signed`)
          return body
        }
        for (const side of await publishSidecars(store, bytes, r, keys))
          published.push(publishedItem('signature', store, side))
        facts.push({
          signed: keys !== undefined,
          key: c.to,
          size: r.size,
          modified: new Date(),
          sha256: r.sha256,
          fields: { target: job.config.target, kernelRelease: job.config.kernelRelease }
        })
      }
    }
  }
  return { published, facts }
}
