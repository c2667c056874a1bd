import { createWriteStream, promises as fs } from 'node:fs'
import * as path from 'node:path'
import { once } from 'node:events'
import { runCommand } from '../exec.js'
import { parseDocument } from 'yaml'
import type { DriverConfig } from './config.js'
import type { DriverJob } from './plan.js'
import { splitArgs } from './args.js'

/** One run of the builder command for one config. */
export interface BuildRequest {
  /** Program and arguments, placeholders already filled in. */
  argv: string[]
  cwd: string
  /** Where the build's stdout and stderr go; kept for the report. */
  logFile: string
  /** Seconds; 0: no limit. */
  timeout: number
  /** The builder's whole environment (see builderEnv): never the action's own. */
  env: Record<string, string>
}

export interface BuildOutcome {
  exitCode: number
  timedOut: boolean
}

/** The seam around running driverkit (or any other builder command). */
export interface Builder {
  run(request: BuildRequest): Promise<BuildOutcome>
}

/** Exit status of coreutils `timeout` when the time limit was hit. */
const TIMED_OUT = 124

/**
 * Runs the builder as an argument list (runCommand): no shell sees the config's values. The
 * per-build limit is enforced by coreutils `timeout`, which sends TERM at the limit and KILL
 * 30 s later to builders that ignore it, and to the children they started.
 */
export const execBuilder: Builder = {
  async run(req: BuildRequest): Promise<BuildOutcome> {
    const log = createWriteStream(req.logFile)
    await once(log, 'open')
    const [program, ...args] =
      req.timeout > 0 ? ['timeout', '--kill-after=30', String(req.timeout), ...req.argv] : req.argv
    log.write(`$ ${req.argv.map(quoteForLog).join(' ')}\n`)
    const { code: exitCode, startError } = await runCommand(program, args, {
      cwd: req.cwd,
      env: req.env,
      output: (b) => log.write(b)
    })
    // The program could not be started at all (not found, not executable).
    if (startError) log.write(`${startError.message}\n`)
    const timedOut = req.timeout > 0 && exitCode === TIMED_OUT
    log.write(timedOut ? `\ntimed out after ${req.timeout}s\n` : `\nexit code ${exitCode}\n`)
    log.end()
    await once(log, 'close')
    return { exitCode, timedOut }
  }
}

/** Where one job's files live in the work directory. */
export interface JobPaths {
  dir: string
  config: string
  module: string
  probe: string
  log: string
}

export function jobPaths(workRoot: string, job: DriverJob): JobPaths {
  const dir = path.join(workRoot, job.config.driverVersion, job.config.arch, job.name)
  return {
    dir,
    config: path.join(dir, 'config.yaml'),
    module: path.join(dir, `${job.name}.ko`),
    probe: path.join(dir, `${job.name}.o`),
    log: path.join(
      workRoot,
      'logs',
      `${job.config.driverVersion}_${job.config.arch}_${job.name}.log`
    )
  }
}

/**
 * The builder's copy of a config: the same document (kernelurls, kernelconfigdata, comments)
 * with its output paths pointing into the work directory, and without a probe when none is
 * wanted. driverkit reads its outputs from here.
 */
export function rewriteConfig(text: string, config: DriverConfig, paths: JobPaths): string {
  const doc = parseDocument(text)
  doc.deleteIn(['output'])
  if (config.module) doc.setIn(['output', 'module'], paths.module)
  if (config.probe) doc.setIn(['output', 'probe'], paths.probe)
  // Trimmed values are what the published name uses; the builder must see the same.
  doc.set('target', config.target)
  doc.set('kernelrelease', config.kernelRelease)
  doc.set('kernelversion', config.kernelVersion)
  return doc.toString({ lineWidth: 0 })
}

/**
 * Splits the `driver-builder` template into arguments (whitespace separates, single or double
 * quotes group) and fills the placeholders in each argument. Values never split or join
 * arguments, so `{probe}` stays one (possibly empty) argument.
 */
export function builderArgv(template: string, values: Record<string, string>): string[] {
  return splitArgs(template).map((arg) =>
    arg.replace(/\{([a-z]+)\}/g, (whole, name: string) => (name in values ? values[name] : whole))
  )
}

export function placeholders(
  config: DriverConfig,
  paths: JobPaths,
  workdir: string
): Record<string, string> {
  return {
    config: paths.config,
    driverversion: config.driverVersion,
    arch: config.arch,
    target: config.target,
    kernelrelease: config.kernelRelease,
    kernelversion: config.kernelVersion,
    module: config.module ? paths.module : '',
    probe: config.probe ? paths.probe : '',
    workdir
  }
}

/**
 * The builder's environment: PATH and HOME, each placeholder as `DRIVER_<NAME>`
 * (`DRIVER_KERNELRELEASE`, …), and the variables `driver-builder-env` names (DOCKER_HOST, …).
 * Nothing else: the action's environment holds the signing key, its passphrase, the store's
 * credentials and the GitHub token, and a builder's output lands in `driver-logs`, an artifact
 * anyone with read access to the repository can download.
 */
export function builderEnv(
  source: NodeJS.ProcessEnv,
  names: readonly string[],
  values: Record<string, string>
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const name of ['PATH', 'HOME', ...names]) {
    const value = source[name]
    if (value !== undefined) env[name] = value
  }
  for (const [name, value] of Object.entries(values)) env[`DRIVER_${name.toUpperCase()}`] = value
  return env
}

function quoteForLog(arg: string): string {
  return /^[\w@%+=:,./~-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`
}

/** A built output worth publishing: it exists and is not empty. */
export async function builtFile(file: string): Promise<number | undefined> {
  const st = await fs.stat(file).catch(() => undefined)
  return st?.isFile() && st.size > 0 ? st.size : undefined
}
