import type { Store } from '../../store/store.js'
import { renderSums } from '../../repo/bin/sums.js'
import { parseTarballName, renderListing, type ListingEntry } from '../../repo/bin/tarball.js'
import { compareDebVersions } from '../../repo/deb/version.js'
import { versionsBeyond } from '../../repo/retention.js'
import { ensureSignature, ensureText, followCommitPoint } from './finish.js'
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
  // An added tarball the retention drops at once was uploaded for nothing: it goes too.
  const candidates = new Set([...existing, ...change.added].map((e) => e.path))
  return { entries, removed: [...candidates].filter((p) => !kept.has(p)) }
}

export async function readTarballState(
  store: Store,
  prefix: string
): Promise<{ entries: ListingEntry[]; etag?: string }> {
  const current = await readVersioned(store, `${prefix}/index.json`)
  if (!current) return { entries: [] }
  return { entries: parseListing(store, prefix, current.text), etag: current.etag }
}

function parseListing(store: Store, prefix: string, text: string): ListingEntry[] {
  try {
    return (JSON.parse(text) as { files?: ListingEntry[] }).files ?? []
  } catch (e) {
    throw new Error(
      `${store.location}/${prefix}/index.json is not valid JSON (${(e as Error).message})`
    )
  }
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
  await finishTarballs(o)
  await deletePackageFiles(o.store, o.prefix, removed, o.log)
  return { removed }
}

/**
 * SHA256SUMS, its signature and index.html are derived from index.json, the commit point: each is
 * written when it does not match the current index.json (see finish.ts: a publish that committed
 * earlier can reach these writes after one that committed later, and a publish can stop between
 * the commit and these writes; whoever finishes last leaves the files of the current generation).
 */
export function finishTarballs(o: RepositoryWriter & { title: string }): Promise<void> {
  return followCommitPoint(o, `${o.prefix}/index.json`, async (text) => {
    const entries = parseListing(o.store, o.prefix, text)
    await Promise.all([
      ...[...sumsByArch(entries)].map(async ([arch, sums]) => {
        const key = `${o.prefix}/${arch}/SHA256SUMS`
        // An architecture that never had a tarball gets no empty SHA256SUMS.
        if (sums === '' && !(await o.store.head(key))) return
        await ensureText(o, key, sums)
        await ensureSignature(o, `${key}.asc`, sums)
      }),
      ensureText(o, `${o.prefix}/index.html`, renderListing(o.title, entries).html, 'text/html')
    ])
  })
}
