import semver from 'semver'
import { byCodeUnit } from '../compare.js'

/**
 * Falco's driver site (`driver/site/`), in the format download.falco.org serves and the page the
 * Helm chart links to reads: `index.json` lists the driver versions ("libs"), and
 * `<driverversion>.json` lists one version's drivers with the filter values of its page.
 * Field names, types, the size text and the dates follow test-infra's generator
 * (tools/update-drivers-website), so a page or script written for Falco's site reads ours.
 * Pure: the stage hands in what it published or what a listing found.
 */

export type SiteKind = 'kmod' | 'ebpf'

export interface SiteDriver {
  lib: string
  arch: string
  kind: SiteKind
  /** The kernel release (what `uname -r` prints), which people search for. */
  kernel: string
  target: string
  /** The file name clients request: `falco_<target>_<kernelrelease>_<kernelversion>.ko|.o`. */
  name: string
  /** Where to download it (falcoctl's spelling of the URL). */
  download: string
  sizebytes: number
  /** Human size as Falco's site writes it: `3.2 MB`, `12 MB`, `812 kB`. */
  size: string
  /** ISO 8601 with milliseconds, as S3 listings give it: `2024-05-01T10:00:00.000Z`. */
  lastmodified: string
  /** Ours, beyond Falco's fields (its page ignores them): the file's SHA-256 when known. */
  sha256?: string
  /** Ours: the URL of the detached OpenPGP signature (`.asc`) when one is published. */
  signature?: string
}

export interface SiteIndex {
  lib: string[]
  arch: string[]
  kind: string[]
  target: string[]
}

export interface SiteVersion {
  /** When this file was written, RFC 3339 without fractions (Go's time.RFC3339). */
  date: string
  index: SiteIndex
  drivers: SiteDriver[]
}

/** What the site needs to know about one driver file. */
export interface DriverFileFacts {
  /** Store key: `driver/<v>/<arch>/<name>` or, in the flat layout, `driver/<v>/<name>`. */
  key: string
  size: number
  modified: Date
  /** The driver's fields when known (from its config): names alone are ambiguous. */
  fields?: { target: string; kernelRelease: string }
  sha256?: string
  /** A detached signature (`.asc`) sits beside it. */
  signed?: boolean
}

const DRIVER_KEY = /^driver\/([^/]+)\/(?:([^/]+)\/)?(falco_([^/]+))\.(ko|o)$/

/**
 * One driver's site entry, or undefined for a key that is not a driver. `url` maps a store key to
 * its download URL.
 */
export function siteDriver(
  f: DriverFileFacts,
  url: (key: string) => string
): SiteDriver | undefined {
  const m = DRIVER_KEY.exec(f.key)
  if (!m) return undefined
  const [, lib, archFolder, stem, rest, ext] = m
  // The flat layout of git-SHA driver versions had no arch folder: those drivers are x86_64.
  const arch = archFolder ?? 'x86_64'
  const fields = f.fields ?? splitRest(rest)
  const entry: SiteDriver = {
    lib,
    arch,
    kind: ext === 'ko' ? 'kmod' : 'ebpf',
    kernel: fields.kernelRelease,
    target: fields.target,
    name: `${stem}.${ext}`,
    download: url(f.key),
    sizebytes: f.size,
    size: humanSize(f.size),
    lastmodified: f.modified.toISOString()
  }
  if (f.sha256) entry.sha256 = f.sha256
  if (f.signed) entry.signature = url(`${f.key}.asc`)
  return entry
}

/** `<target>_<kernelrelease>_<kernelversion>` without the config: targets never contain `_`. */
function splitRest(rest: string): { target: string; kernelRelease: string } {
  const first = rest.indexOf('_')
  const last = rest.lastIndexOf('_')
  if (first < 0) return { target: rest, kernelRelease: '' }
  return {
    target: rest.slice(0, first),
    kernelRelease: last > first ? rest.slice(first + 1, last) : rest.slice(first + 1)
  }
}

/**
 * Merges drivers into one version's site file. Entries are keyed by arch and name, so a driver
 * published again (or the same driver seen in a listing) replaces its entry. Returns undefined
 * when nothing changed, so a re-run writes nothing.
 */
export function mergeSiteVersion(
  current: SiteVersion | undefined,
  lib: string,
  drivers: SiteDriver[],
  now: Date
): SiteVersion | undefined {
  const byId = new Map<string, SiteDriver>()
  for (const d of current?.drivers ?? []) byId.set(`${d.arch}/${d.name}`, d)
  let changed = current === undefined
  for (const d of drivers) {
    if (d.lib !== lib) continue
    const id = `${d.arch}/${d.name}`
    const before = byId.get(id)
    // A listing knows no sha256: keep the one a publish recorded.
    const next = before?.sha256 && !d.sha256 ? { ...d, sha256: before.sha256 } : d
    if (before && JSON.stringify(before) === JSON.stringify(next)) continue
    byId.set(id, next)
    changed = true
  }
  if (!changed) return undefined
  const list = [...byId.values()].sort(
    (a, b) =>
      byCodeUnit(a.arch, b.arch) ||
      byCodeUnit(a.target, b.target) ||
      naturally(a.kernel, b.kernel) ||
      byCodeUnit(a.name, b.name)
  )
  return { date: rfc3339(now), index: siteIndex(lib, list), drivers: list }
}

function siteIndex(lib: string, drivers: SiteDriver[]): SiteIndex {
  const distinct = (f: (d: SiteDriver) => string) => [...new Set(drivers.map(f))].sort(byCodeUnit)
  return {
    lib: [lib],
    arch: distinct((d) => d.arch),
    kind: distinct((d) => d.kind),
    target: distinct((d) => d.target)
  }
}

/**
 * `driver/site/index.json`: the driver versions, newest first (semver versions by precedence,
 * then git-SHA versions in their order of arrival). undefined when `lib` is listed already.
 */
export function addToSiteIndex(current: string[], libs: string[]): string[] | undefined {
  const missing = libs.filter((l) => !current.includes(l))
  if (missing.length === 0) return undefined
  return orderVersions([...current, ...missing])
}

/** Newest semver first, then the others (git SHAs) in the order given. */
export function orderVersions(versions: string[]): string[] {
  const sem = versions.filter((v) => semver.valid(v)).sort((a, b) => semver.rcompare(a, b))
  return [...sem, ...versions.filter((v) => !semver.valid(v))]
}

/** Reads a site file's JSON, saying which file and how to fix it when it is not one. */
export function parseSiteVersion(text: string, where: string): SiteVersion {
  const data = parseJson(text, where) as Partial<SiteVersion>
  if (!data || !Array.isArray(data.drivers) || typeof data.index !== 'object') {
    throw new Error(
      `${where} is not a driver site file (expected {index, drivers}); delete it and run with shard: index to rebuild it`
    )
  }
  return data as SiteVersion
}

export function parseSiteIndex(text: string, where: string): string[] {
  const data = parseJson(text, where)
  if (!Array.isArray(data) || !data.every((v) => typeof v === 'string')) {
    throw new Error(
      `${where} is not a driver site index (expected a JSON list of driver versions); delete it and run with shard: index to rebuild it`
    )
  }
  return data as string[]
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new Error(`${where} is not valid JSON (${(e as Error).message})`)
  }
}

/**
 * Size text as Falco's site writes it: powers of 1024 with SI-looking suffixes (`kB`, `MB`), one
 * decimal below 10, none from 10 up, halves rounded to even (Go's `%.0f`).
 */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB']
  if (bytes < 10) return `${bytes} B`
  const e = Math.floor(Math.log(bytes) / Math.log(1024))
  const val = Math.floor((bytes / 1024 ** e) * 10 + 0.5) / 10
  if (val < 10) return `${val.toFixed(1)} ${units[e]}`
  const whole = Math.floor(val)
  const frac = val - whole
  const rounded =
    Math.abs(frac - 0.5) < 1e-9 ? (whole % 2 === 0 ? whole : whole + 1) : Math.round(val)
  return `${rounded} ${units[e]}`
}

/** Go's time.RFC3339 for a UTC instant: no fractional seconds. */
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

// One collator for every comparison: `localeCompare` with options builds one per call, which was
// most of the time of sorting a site file of 100,000 drivers. Same order by definition.
const NATURAL = new Intl.Collator('en', { numeric: true })

function naturally(a: string, b: string): number {
  return NATURAL.compare(a, b)
}
