import type { Store } from '../../store/store.js'
import { renderSums } from '../../repo/bin/sums.js'
import { parseTarballName, renderListing, type ListingEntry } from '../../repo/bin/tarball.js'
import { compareDebVersions } from '../../repo/deb/version.js'
import { versionsBeyond } from '../../repo/retention.js'
import { detachSign } from '../../sign/openpgp.js'
import {
  deletePackageFiles,
  mergingAgain,
  readVersioned,
  type RepositoryWriter
} from './store-io.js'
import { retryOnConflict } from '../../store/conflict.js'

/**
 * A tarball channel (`packages/bin` or `packages/bin-dev`): `<arch>/<file>` with `.asc`, a signed
 * `<arch>/SHA256SUMS` (bare file names, so `sha256sum -c` works in a folder of downloads), and
 * `index.json` + `index.html` for the whole channel. index.json is the state a publish merges
 * into (compare-and-swap on it); the SHA256SUMS files and the HTML are rendered from it.
 */
export const TARBALL_ARCHES = ['x86_64', 'aarch64']

/** `<arch>/SHA256SUMS` for every architecture (empty when it has no tarballs left). */
export function sumsByArch(entries: ListingEntry[]): Map<string, string> {
  const out = new Map<string, string>()
  const arches = new Set([...TARBALL_ARCHES, ...entries.map((e) => e.path.split('/')[0])])
  for (const arch of arches) {
    const sums = new Map(
      entries
        .filter((e) => e.path.startsWith(`${arch}/`))
        .map((e) => [e.path.slice(arch.length + 1), e.sha256])
    )
    out.set(arch, renderSums(sums))
  }
  return out
}
export interface TarballChange {
  added: ListingEntry[]
  remove?: (name: string, version: string) => boolean
  retention?: number
}

export function mergeTarballs(
  existing: ListingEntry[],
  change: TarballChange
): { entries: ListingEntry[]; removed: string[] } {
  const byPath = new Map(existing.map((e) => [e.path, e]))
  for (const e of change.added) byPath.set(e.path, e)
  let entries = [...byPath.values()]
  const meta = (e: ListingEntry): { name: string; version: string; arch: string } => {
    try {
      return parseTarballName(e.path)
    } catch {
      return { name: e.path, version: '', arch: '' }
    }
  }
  entries = entries.filter((e) => !change.remove?.(meta(e).name, meta(e).version))
  if (change.retention !== undefined) {
    const group = (e: ListingEntry): string => `${meta(e).name} ${meta(e).arch}`
    const dropped = versionsBeyond(
      entries,
      change.retention,
      group,
      (e) => meta(e).version,
      (a, b) => compareDebVersions(meta(b).version, meta(a).version)
    )
    entries = entries.filter((e) => !dropped.get(group(e))?.has(meta(e).version))
  }
  const kept = new Set(entries.map((e) => e.path))
  return { entries, removed: existing.map((e) => e.path).filter((p) => !kept.has(p)) }
}

export async function readTarballState(
  store: Store,
  prefix: string
): Promise<{ entries: ListingEntry[]; etag?: string }> {
  const current = await readVersioned(store, `${prefix}/index.json`)
  if (!current) return { entries: [] }
  let parsed: { files?: ListingEntry[] }
  try {
    parsed = JSON.parse(current.text) as { files?: ListingEntry[] }
  } catch (e) {
    throw new Error(
      `${store.location}/${prefix}/index.json is not valid JSON (${(e as Error).message})`
    )
  }
  return { entries: parsed.files ?? [], etag: current.etag }
}

export async function commitTarballs(
  change: TarballChange,
  o: RepositoryWriter & { title: string }
): Promise<{ removed: string[] }> {
  const removed = await retryOnConflict(
    async () => {
      const state = await readTarballState(o.store, o.prefix)
      const { entries, removed } = mergeTarballs(state.entries, change)
      const { json } = renderListing(o.title, entries)
      await o.uploader.commit(`${o.prefix}/index.json`, json, state.etag, 'listing')
      return removed
    },
    mergingAgain(o.log, o.prefix)
  )
  const touched = new Set(
    [...change.added.map((e) => e.path), ...removed].map((p) => p.split('/')[0])
  )
  await writeDerivedFiles(o, touched)
  await deletePackageFiles(o.store, o.prefix, removed, o.log)
  return { removed }
}

/**
 * SHA256SUMS, its signature and index.html are derived from index.json, the commit point. A publish
 * that committed earlier can reach these writes after one that committed later, so every writer
 * re-reads index.json when it is done and, when it changed meanwhile, writes them again from the
 * newer generation: whoever finishes last leaves the files of the current generation.
 */
async function writeDerivedFiles(
  o: RepositoryWriter & { title: string },
  touched: Set<string>
): Promise<void> {
  let state = await readTarballState(o.store, o.prefix)
  for (let round = 1; ; round++) {
    for (const [arch, sums] of sumsByArch(state.entries)) {
      const exists = (await o.store.head(`${o.prefix}/${arch}/SHA256SUMS`)) !== undefined
      if (round === 1 && !touched.has(arch) && (exists || sums === '')) continue
      await o.uploader.bytes(`${o.prefix}/${arch}/SHA256SUMS`, sums, 'index')
      await o.uploader.bytes(
        `${o.prefix}/${arch}/SHA256SUMS.asc`,
        await detachSign(sums, o.keys),
        'signature'
      )
    }
    const { html } = renderListing(o.title, state.entries)
    await o.uploader.bytes(`${o.prefix}/index.html`, html, 'listing', 'text/html')
    const after = await readTarballState(o.store, o.prefix)
    if (after.etag === state.etag || round >= 20) return
    state = after
  }
}
