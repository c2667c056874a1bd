import semver from 'semver'
import type { Logger } from '../report/log.js'
import { scan, type Store } from '../store/store.js'
import { casUpdate, SITE } from './refresh.js'
import { parseSiteIndex } from './site.js'

/**
 * Which driver versions to drop beyond the newest `keep`: semver versions by precedence
 * (`7.0.0+driver` > `6.0.0+driver`), then git-SHA versions newest first (the site index lists
 * them in their order of arrival); the versions being published now are always kept.
 */
export function versionsToDrop(libs: string[], keep: number, publishing: string[]): string[] {
  const sem = libs.filter((v) => semver.valid(v)).sort((a, b) => semver.rcompare(a, b))
  const shas = libs.filter((v) => !semver.valid(v)).reverse()
  return [...sem, ...shas].slice(keep).filter((v) => !publishing.includes(v))
}

/** Deletes driver versions beyond the newest `keep`: the site index first, so nobody browses to gone files. */
export async function applyRetention(
  store: Store,
  keep: number,
  publishing: string[],
  log: Logger
): Promise<string[]> {
  let dropped: string[] = []
  const key = `${SITE}/index.json`
  const written = await casUpdate(store, key, async (current) => {
    if (!current) return undefined
    const libs = parseSiteIndex(current, key)
    dropped = versionsToDrop(libs, keep, publishing)
    if (dropped.length === 0) return undefined
    return `${JSON.stringify(libs.filter((v) => !dropped.includes(v)))}\n`
  })
  if (written === undefined) return []
  for (const version of dropped) {
    await store.delete(`${SITE}/${version}.json`)
    const keys: string[] = []
    for await (const o of scan(store, `driver/${version}/`)) keys.push(o.key)
    for (const k of keys) await store.delete(k)
    log.info(`driver-retention: removed driver version ${version} (${keys.length} files)`)
  }
  return dropped
}
