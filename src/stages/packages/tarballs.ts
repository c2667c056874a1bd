import type { Logger } from '../../report/log.js'
import { PreconditionFailed, type Store } from '../../store/store.js'
import { parseTarballName, renderListing, renderSums, type ListingEntry } from '../../repo/bin/tarball.js'
import { compareDebVersions } from '../../repo/deb/version.js'
import { detachSign, type SigningKeys } from '../../sign/openpgp.js'
import { readVersioned, Uploader } from './store-io.js'

/**
 * A tarball channel (`packages/bin` or `packages/bin-dev`): `<arch>/<file>` with `.asc`, a signed
 * `SHA256SUMS`, and `index.json` + `index.html`. index.json is the state a publish merges into
 * (compare-and-swap on it); SHA256SUMS and the HTML are rendered from it.
 */
export interface TarballChange {
  added: ListingEntry[]
  remove?: (name: string, version: string) => boolean
  retention?: number
}

export function mergeTarballs(existing: ListingEntry[], change: TarballChange): { entries: ListingEntry[]; removed: string[] } {
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
    const groups = new Map<string, string[]>()
    for (const e of entries) {
      const m = meta(e)
      const k = `${m.name} ${m.arch}`
      groups.set(k, [...(groups.get(k) ?? []), m.version])
    }
    const keep = new Map<string, Set<string>>()
    for (const [k, versions] of groups) {
      keep.set(k, new Set([...new Set(versions)].sort((a, b) => compareDebVersions(b, a)).slice(0, change.retention)))
    }
    entries = entries.filter((e) => {
      const m = meta(e)
      return keep.get(`${m.name} ${m.arch}`)!.has(m.version)
    })
  }
  const kept = new Set(entries.map((e) => e.path))
  return { entries, removed: existing.map((e) => e.path).filter((p) => !kept.has(p)) }
}

export async function readTarballState(store: Store, prefix: string): Promise<{ entries: ListingEntry[]; etag?: string }> {
  const current = await readVersioned(store, `${prefix}/index.json`)
  if (!current) return { entries: [] }
  let parsed: { files?: ListingEntry[] }
  try {
    parsed = JSON.parse(current.text) as { files?: ListingEntry[] }
  } catch (e) {
    throw new Error(`${store.location}/${prefix}/index.json is not valid JSON (${(e as Error).message})`)
  }
  return { entries: parsed.files ?? [], etag: current.etag }
}

export async function commitTarballs(
  change: TarballChange,
  o: { store: Store; prefix: string; keys: SigningKeys; log: Logger; uploader: Uploader; title: string }
): Promise<{ removed: string[] }> {
  for (let attempt = 1; ; attempt++) {
    const state = await readTarballState(o.store, o.prefix)
    const { entries, removed } = mergeTarballs(state.entries, change)
    const sums = renderSums(new Map(entries.map((e) => [e.path, e.sha256])))
    const { json, html } = renderListing(o.title, entries)
    try {
      await o.uploader.commit(`${o.prefix}/index.json`, json, state.etag, 'listing')
    } catch (e) {
      if (!(e instanceof PreconditionFailed) || attempt >= 20) throw e
      continue
    }
    await o.uploader.bytes(`${o.prefix}/SHA256SUMS`, sums, 'index')
    await o.uploader.bytes(`${o.prefix}/SHA256SUMS.asc`, await detachSign(sums, o.keys), 'signature')
    await o.uploader.bytes(`${o.prefix}/index.html`, html, 'listing', 'text/html')
    for (const p of removed) {
      await o.store.delete(`${o.prefix}/${p}`)
      await o.store.delete(`${o.prefix}/${p}.asc`)
      o.log.info(`  deleted ${o.prefix}/${p}`)
    }
    return { removed }
  }
}
