import * as path from 'node:path'
import { parseDocument } from 'yaml'
import { parseConfigYaml } from './config-yaml.js'

/**
 * One driverkit config of the drivers build grid, as test-infra writes them:
 * `<driverversion>/<arch>/<target>_<kernelrelease>_<kernelversion>.yaml` (or, in the oldest layout,
 * `<driverversion>/<target>_<kernelrelease>[_<kernelversion>].yaml`).
 *
 * Only what planning needs is kept: 10,000 configs with 200 KB of kernelconfigdata each would not
 * fit in memory, so the builder re-reads the file when it writes its own copy.
 */
export interface DriverConfig {
  /** The config's path relative to the drivers-config directory, for messages. */
  file: string
  /** Absolute path of the config file. */
  source: string
  /** From the folder name, never from the file. */
  driverVersion: string
  /** Falco's arch names, as clients request them: `x86_64` or `aarch64`. */
  arch: DriverArch
  target: string
  kernelRelease: string
  kernelVersion: string
  /** Which outputs the config asks for. */
  module: boolean
  probe: boolean
  kernelUrls: string[]
  hasKernelConfigData: boolean
}

export type DriverArch = 'x86_64' | 'aarch64'

/** Falco's folder names and driverkit's `architecture` values, both accepted. */
const ARCHES: Record<string, DriverArch> = {
  x86_64: 'x86_64',
  amd64: 'x86_64',
  aarch64: 'aarch64',
  arm64: 'aarch64'
}

export function archOf(name: string): DriverArch | undefined {
  return ARCHES[name]
}

/** The result of reading one config: a config (maybe with warnings), or an error. */
export type ParsedConfig =
  | { ok: true; config: DriverConfig; warnings: string[] }
  | { ok: false; file: string; error: string }

export interface ConfigLocation {
  /** Path relative to the drivers-config directory. */
  file: string
  source: string
  driverVersion: string
  /** The arch folder, absent in the oldest layout. */
  archFolder?: DriverArch
}

/** The published file name of a driver, without extension: what falcoctl asks for. */
export function driverName(c: Pick<DriverConfig, 'target' | 'kernelRelease' | 'kernelVersion'>) {
  return `falco_${c.target}_${c.kernelRelease}_${c.kernelVersion}`
}

/**
 * Parses and validates one config. Names come from the fields (trimmed); a file name, output path
 * or arch folder that disagrees only earns a warning, because clients request the field-derived
 * name whatever test-infra called the file.
 */
export function parseDriverConfig(text: string, at: ConfigLocation): ParsedConfig {
  const fail = (error: string): ParsedConfig => ({ ok: false, file: at.file, error })
  // test-infra's configs are a handful of flat lines: read those directly, and leave anything
  // else (and every error) to the YAML library.
  const read = parseConfigYaml(text)
  const parsed = read !== undefined ? { value: read } : readWithLibrary(text)
  if ('error' in parsed) return fail(parsed.error)
  if (!isRecord(parsed.value)) return fail('expected a YAML mapping of driverkit fields')
  return validate(parsed.value, at)
}

/**
 * The YAML library's reading of a config, as the failsafe schema gives it (every scalar a string:
 * `kernelversion: 1.10` must stay "1.10", not become the number 1.1).
 */
export function readWithLibrary(text: string): { value: unknown } | { error: string } {
  const doc = parseDocument(text, { schema: 'failsafe', prettyErrors: false })
  if (doc.errors.length > 0) return { error: `not valid YAML: ${doc.errors[0].message}` }
  try {
    // Expanding aliases is where a YAML bomb (aliases of aliases) would take the memory: the
    // library refuses beyond a bound, and that refusal is this one file's error.
    return { value: doc.toJS({ maxAliasCount: 100 }) }
  } catch (e) {
    return {
      error: `not a usable driverkit config: ${(e as Error).message} (driverkit configs need no YAML aliases; remove them)`
    }
  }
}

function validate(data: Record<string, unknown>, at: ConfigLocation): ParsedConfig {
  const fail = (error: string): ParsedConfig => ({ ok: false, file: at.file, error })

  const problems: string[] = []
  const field = (name: string): string => {
    const value = data[name]
    if (value === undefined || value === null) {
      problems.push(`missing field '${name}'`)
      return ''
    }
    if (typeof value !== 'string') {
      problems.push(`field '${name}' must be a string`)
      return ''
    }
    const trimmed = value.trim()
    if (trimmed === '') problems.push(`field '${name}' is empty`)
    else if (unsafe(trimmed)) {
      problems.push(
        `field '${name}' is ${JSON.stringify(trimmed)}: '/', '\\', '..' and control characters are not allowed in driver names`
      )
    }
    return detach(trimmed)
  }
  const target = field('target')
  const kernelRelease = field('kernelrelease')
  const kernelVersion = field('kernelversion')

  const output = data.output
  let moduleOut = ''
  let probeOut = ''
  if (output === undefined || output === null) problems.push("missing field 'output'")
  else if (!isRecord(output))
    problems.push("field 'output' must be a mapping with module and/or probe")
  else {
    moduleOut = typeof output.module === 'string' ? detach(output.module.trim()) : ''
    probeOut = typeof output.probe === 'string' ? detach(output.probe.trim()) : ''
    if (moduleOut === '' && probeOut === '') {
      problems.push("field 'output' names neither a module nor a probe")
    }
  }

  let arch: DriverArch | undefined = at.archFolder
  const warnings: string[] = []
  if (data.architecture !== undefined) {
    const declared =
      typeof data.architecture === 'string' ? archOf(data.architecture.trim()) : undefined
    if (declared === undefined) {
      problems.push(
        `field 'architecture' is ${JSON.stringify(data.architecture)}: expected amd64 or arm64`
      )
    } else if (arch !== undefined && arch !== declared) {
      warnings.push(
        `${at.file}: architecture ${String(data.architecture)} disagrees with its folder ${arch}; publishing under ${declared}`
      )
      arch = declared
    } else arch = declared
  }
  // driverkit's default architecture is amd64.
  arch ??= 'x86_64'

  const kernelUrls = data.kernelurls
  if (
    kernelUrls !== undefined &&
    !(Array.isArray(kernelUrls) && kernelUrls.every((u) => typeof u === 'string'))
  ) {
    problems.push("field 'kernelurls' must be a list of URLs")
  }
  const configData = data.kernelconfigdata
  if (configData !== undefined && typeof configData !== 'string') {
    problems.push("field 'kernelconfigdata' must be a base64 string")
  }

  if (problems.length > 0) return fail(problems.join('; '))

  const config: DriverConfig = {
    file: at.file,
    source: at.source,
    driverVersion: at.driverVersion,
    arch,
    target,
    kernelRelease,
    kernelVersion,
    module: moduleOut !== '',
    probe: probeOut !== '',
    kernelUrls: ((kernelUrls as string[] | undefined) ?? []).map(detach),
    hasKernelConfigData: typeof configData === 'string' && configData.trim() !== ''
  }
  warnings.push(...nameWarnings(config, moduleOut, probeOut))
  return { ok: true, config, warnings }
}

/** Warnings for file names and output paths that disagree with the name clients will request. */
function nameWarnings(c: DriverConfig, moduleOut: string, probeOut: string): string[] {
  const warnings: string[] = []
  const name = driverName(c)
  const base = path.posix.basename(c.file, '.yaml')
  // test-infra's own older files leave out the kernel version; both forms are accepted as is.
  const expected = [
    `${c.target}_${c.kernelRelease}_${c.kernelVersion}`,
    `${c.target}_${c.kernelRelease}`
  ]
  if (!expected.includes(base)) {
    warnings.push(`${c.file}: file name disagrees with its fields; publishing as ${name}`)
  }
  for (const [out, ext] of [
    [moduleOut, '.ko'],
    [probeOut, '.o']
  ] as const) {
    if (out !== '' && path.posix.basename(out) !== `${name}${ext}`) {
      warnings.push(
        `${c.file}: output ${out} disagrees with its fields; publishing as ${name}${ext}`
      )
    }
  }
  return warnings
}

/** Characters that could take a published name out of its folder or break a URL or log line. */
export function unsafe(value: string): boolean {
  return (
    value.includes('/') ||
    value.includes('\\') ||
    value.includes('..') ||
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f]/.test(value)
  )
}

/**
 * A copy of a string that does not keep the file's whole text alive: V8 keeps a substring as a
 * view of the string it was cut from, so a kernel release cut from a config with 200 KB of
 * kernelconfigdata would hold all 200 KB for as long as the plan lives.
 */
function detach(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8')
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
