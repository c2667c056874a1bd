import semver from 'semver'
import type { Logger } from '../report/log.js'
import type { Store } from '../store/store.js'
import { casUpdate } from './refresh.js'
import { renderVersionsHtml, type VersionsIndex } from './listing.js'

/**
 * Which driver versions to keep: the newest `keep` by semver (`7.0.0+driver` > `6.0.0+driver`),
 * then git-SHA versions by their last update; the versions being published now are always kept.
 */
export function versionsToDrop(index: VersionsIndex, keep: number, publishing: string[]): string[] {
  const ordered = [...index.versions].sort((a, b) => {
    const va = semver.valid(a.driverversion)
    const vb = semver.valid(b.driverversion)
    if (va && vb) return semver.rcompare(va, vb)
    if (va) return -1
    if (vb) return 1
    return b.updated.localeCompare(a.updated)
  })
  return ordered
    .slice(keep)
    .map((v) => v.driverversion)
    .filter((v) => !publishing.includes(v))
}

/** Deletes driver versions beyond the newest `keep`: the index first, so nobody browses to gone files. */
export async function applyRetention(
  store: Store,
  keep: number,
  publishing: string[],
  log: Logger
): Promise<string[]> {
  let dropped: string[] = []
  const written = await casUpdate(store, 'driver/index.json', async (current) => {
    if (!current) return undefined
    const index = JSON.parse(current) as VersionsIndex
    dropped = versionsToDrop(index, keep, publishing)
    if (dropped.length === 0) return undefined
    return `${JSON.stringify({ versions: index.versions.filter((v) => !dropped.includes(v.driverversion)) }, null, 2)}\n`
  })
  if (written === undefined) return []
  const index = JSON.parse(written.body) as VersionsIndex
  await store.put('driver/index.html', renderVersionsHtml(index), { contentType: 'text/html' })
  for (const version of dropped) {
    const keys: string[] = []
    for await (const o of store.list(`driver/${version}/`)) keys.push(o.key)
    for (const key of keys) await store.delete(key)
    log.info(`driver-retention: removed driver version ${version} (${keys.length} files)`)
  }
  return dropped
}
