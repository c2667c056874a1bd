import type { ObjectInfo } from '../store/store.js'

/**
 * The driver listing people browse when falcoctl says their driver is missing:
 * `driver/index.html` (driver versions) and `driver/<driverversion>/index.html` + `index.json`
 * (per arch and target: kernel releases, whether a module and/or probe exists, size, date).
 * Pure rendering: the stage feeds it a store listing.
 */

export interface DriverFile {
  size: number
  modified?: string
}

export interface KernelEntry {
  kernelrelease: string
  kernelversion: string
  module?: DriverFile
  probe?: DriverFile
}

export interface VersionListing {
  driverversion: string
  /** arch -> target -> kernels, sorted. */
  arches: Record<string, Record<string, KernelEntry[]>>
}

/** Known field values of a published name, from the configs: names alone are ambiguous. */
export type NameHints = ReadonlyMap<
  string,
  { target: string; kernelRelease: string; kernelVersion: string }
>

const DRIVER_FILE = /^driver\/([^/]+)\/([^/]+)\/(falco_(.+))\.(ko|o)$/

/** Builds one driver version's listing from the objects under `driver/<driverversion>/`. */
export function versionListing(
  driverVersion: string,
  objects: Iterable<ObjectInfo>,
  hints: NameHints
): VersionListing {
  const arches: VersionListing['arches'] = {}
  const entries = new Map<string, KernelEntry>()
  for (const o of objects) {
    const m = DRIVER_FILE.exec(o.key)
    if (!m || m[1] !== driverVersion) continue
    const [, , arch, stem, rest, ext] = m
    const fields = hints.get(stem) ?? splitName(rest)
    const id = `${arch}/${stem}`
    let entry = entries.get(id)
    if (!entry) {
      entry = { kernelrelease: fields.kernelRelease, kernelversion: fields.kernelVersion }
      entries.set(id, entry)
      ;((arches[arch] ??= {})[fields.target] ??= []).push(entry)
    }
    entry[ext === 'ko' ? 'module' : 'probe'] = { size: o.size, modified: o.modified?.toISOString() }
  }
  for (const targets of Object.values(arches)) {
    for (const kernels of Object.values(targets)) {
      kernels.sort(
        (a, b) =>
          compare(a.kernelrelease, b.kernelrelease) || compare(a.kernelversion, b.kernelversion)
      )
    }
  }
  return { driverversion: driverVersion, arches: sortKeys(arches) }
}

/**
 * Splits `<target>_<kernelrelease>_<kernelversion>` without the config at hand: targets never
 * contain `_`, kernel releases may (`el8_5`), so the kernel version is taken as the last part.
 */
export function splitName(rest: string): {
  target: string
  kernelRelease: string
  kernelVersion: string
} {
  const first = rest.indexOf('_')
  const last = rest.lastIndexOf('_')
  if (first < 0 || last === first)
    return {
      target: rest.slice(0, Math.max(first, 0)) || rest,
      kernelRelease: rest.slice(first + 1),
      kernelVersion: ''
    }
  return {
    target: rest.slice(0, first),
    kernelRelease: rest.slice(first + 1, last),
    kernelVersion: rest.slice(last + 1)
  }
}

export function renderVersionHtml(listing: VersionListing): string {
  const v = escapeHtml(listing.driverversion)
  const sections = Object.entries(listing.arches).map(([arch, targets]) => {
    const rows = Object.entries(targets).flatMap(([target, kernels]) =>
      kernels.map((k) => {
        const stem = `falco_${target}_${k.kernelrelease}_${k.kernelversion}`
        const cell = (f: DriverFile | undefined, ext: string) =>
          f
            ? `<a href="${escapeHtml(`${encodeURIComponent(arch)}/${encodeURIComponent(stem + ext)}`)}">${ext}</a> ${formatSize(f.size)}`
            : '—'
        const date = (k.module?.modified ?? k.probe?.modified ?? '').slice(0, 10)
        return `<tr><td>${escapeHtml(target)}</td><td>${escapeHtml(k.kernelrelease)}</td><td>${escapeHtml(k.kernelversion)}</td><td>${cell(k.module, '.ko')}</td><td>${cell(k.probe, '.o')}</td><td>${date}</td></tr>`
      })
    )
    return `<h2>${escapeHtml(arch)}</h2>\n<table>\n<tr><th>target</th><th>kernel release</th><th>kernel version</th><th>module</th><th>eBPF probe</th><th>date</th></tr>\n${rows.join('\n')}\n</table>`
  })
  return page(
    `Falco drivers ${v}`,
    `<p><a href="../">all driver versions</a> · <a href="index.json">index.json</a></p>\n${sections.join('\n')}`
  )
}

export interface VersionsIndex {
  versions: { driverversion: string; updated: string }[]
}

/** Adds or refreshes versions in the top index, newest update first. */
export function mergeVersions(index: VersionsIndex, versions: string[], now: Date): VersionsIndex {
  const byVersion = new Map(index.versions.map((v) => [v.driverversion, v]))
  for (const v of versions) byVersion.set(v, { driverversion: v, updated: now.toISOString() })
  return {
    versions: [...byVersion.values()].sort((a, b) => compare(b.driverversion, a.driverversion))
  }
}

export function renderVersionsHtml(index: VersionsIndex): string {
  const rows = index.versions.map(
    (v) =>
      `<tr><td><a href="${escapeHtml(encodeURIComponent(v.driverversion))}/">${escapeHtml(v.driverversion)}</a></td><td>${escapeHtml(v.updated.slice(0, 10))}</td></tr>`
  )
  return page(
    'Falco drivers',
    `<table>\n<tr><th>driver version</th><th>updated</th></tr>\n${rows.join('\n')}\n</table>`
  )
}

function page(title: string, body: string): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${title}</title></head>\n<body><h1>${title}</h1>\n${body}\n</body></html>\n`
}

function formatSize(bytes: number): string {
  return bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Natural order, so 5.10 sorts after 5.4. */
function compare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true })
}

function sortKeys<T>(record: Record<string, Record<string, T>>): Record<string, Record<string, T>> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [
        k,
        Object.fromEntries(
          Object.keys(record[k])
            .sort()
            .map((t) => [t, record[k][t]])
        )
      ])
  )
}
