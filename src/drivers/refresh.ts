import type { Readable } from 'node:stream'
import type { Published } from '../plan.js'
import type { Logger } from '../report/log.js'
import { retryOnConflict } from '../store/conflict.js'
import { readWithEtag, scan, type Listed, type Precondition, type Store } from '../store/store.js'
import { SITE_PAGE } from './site-page.js'
import {
  addToSiteIndex,
  mergeSiteVersion,
  parseSiteIndex,
  parseSiteVersion,
  siteDriver,
  type DriverFileFacts,
  type SiteDriver
} from './site.js'
import { clientUrl } from './plan.js'

/** Published name -> its config fields, as plain pairs so a plan stays serialisable. */
export type NameHintsSource = [
  string,
  { target: string; kernelRelease: string; kernelVersion: string }
][]

export const SITE = 'driver/site'

export interface SiteOptions {
  /**
   * Rebuild each version's file from a listing of that version's folder (`shard: index`, the
   * `drivers-index` command, or a version whose site file does not exist yet). Otherwise only
   * `news` is merged into the stored file: a publish never lists the store.
   */
  relist: boolean
  /**
   * A listing of a version's folder made by this run just before (the sidecar backfill's), used
   * instead of listing it again; a retry after a lost race lists afresh.
   */
  listings?: Map<string, Listed[]>
}

/**
 * Brings Falco's driver site up to date: `driver/site/<driverversion>.json` of each version, then
 * `driver/site/index.json`, then the page. Each JSON file is a compare-and-swap (read with its
 * etag, merged, written only if unchanged meanwhile), so shards publishing at once never lose
 * each other's drivers; an unchanged file is not rewritten, so a re-run writes nothing.
 */
export async function updateSite(
  store: Store,
  versions: string[],
  news: DriverFileFacts[],
  hintPairs: NameHintsSource,
  log: Logger,
  options: SiteOptions
): Promise<Published[]> {
  const hints = new Map(hintPairs)
  const url = downloadUrl(store)
  const published: Written[] = []
  for (const version of versions) {
    const key = `${SITE}/${version}.json`
    const mine = news.filter((f) => f.key.startsWith(`driver/${version}/`))
    let given = options.listings?.get(version)
    const written = await casUpdate(store, key, async (current) => {
      const stored = current === undefined ? undefined : parseSiteVersion(current, key)
      let facts = mine
      let base = stored
      if (options.relist || stored === undefined) {
        facts = [...(await listedDrivers(store, version, given)), ...mine]
        given = undefined
        base = undefined
      }
      const entries = facts
        .map((f) => siteDriver(withHints(f, hints), url))
        .filter((d): d is SiteDriver => d !== undefined)
      if (base === undefined && stored !== undefined) keepDigests(entries, stored.drivers)
      const merged = mergeSiteVersion(base, version, entries, new Date())
      if (merged === undefined) return undefined
      if (stored && JSON.stringify(stored.drivers) === JSON.stringify(merged.drivers))
        return undefined
      return `${JSON.stringify(merged)}\n`
    })
    if (written === undefined) continue
    published.push(written)
    log.info(`updated the driver site of ${version}`)
  }

  const index = await casUpdate(store, `${SITE}/index.json`, async (current) => {
    const libs = current === undefined ? [] : parseSiteIndex(current, `${SITE}/index.json`)
    const next = addToSiteIndex(libs, versions)
    return next && `${JSON.stringify(next)}\n`
  })
  if (index) published.push(index)
  const page = await writeIfChanged(store, `${SITE}/index.html`, SITE_PAGE, 'text/html')
  if (page) published.push(page)
  return published.map(({ kind, path, sha256, size, url }) => ({ kind, path, sha256, size, url }))
}

/** The drivers (with whether each is signed) in one version's folder. */
async function listedDrivers(
  store: Store,
  version: string,
  listed: Listed[] | undefined
): Promise<DriverFileFacts[]> {
  let objects = listed
  if (objects === undefined) {
    objects = []
    for await (const o of scan(store, `driver/${version}/`)) objects.push(o)
  }
  const keys = new Set(objects.map((o) => o.key))
  const facts: DriverFileFacts[] = []
  for (const o of objects) {
    // Copies named with a space are what S3 resolves a literal `+` to: not drivers of their own.
    if ((!o.key.endsWith('.ko') && !o.key.endsWith('.o')) || o.key.includes(' ')) continue
    const parts = o.key.split('/')
    // The flat copy a git-SHA version keeps for old loaders is the x86_64 driver again.
    if (parts.length === 3 && keys.has(`driver/${version}/x86_64/${parts[2]}`)) continue
    facts.push({
      key: o.key,
      size: o.size,
      modified: o.modified ?? new Date(),
      signed: keys.has(`${o.key}.asc`)
    })
  }
  return facts
}

function withHints(
  f: DriverFileFacts,
  hints: Map<string, { target: string; kernelRelease: string }>
) {
  if (f.fields) return f
  const stem = (f.key.split('/').at(-1) ?? '').replace(/\.(ko|o)$/, '')
  const fields = hints.get(stem)
  return fields ? { ...f, fields } : f
}

/** A listing knows no digests: keep those a publish recorded. */
function keepDigests(entries: SiteDriver[], stored: SiteDriver[]): void {
  const digests = new Map(stored.map((d) => [`${d.arch}/${d.name}`, d.sha256]))
  for (const e of entries) e.sha256 ??= digests.get(`${e.arch}/${e.name}`)
  for (const e of entries) if (e.sha256 === undefined) delete e.sha256
}

/**
 * The download URL of a key: the store's public URL with `+` written `%2B` (what every client
 * era and S3 resolve), or a path relative to the site folder when the store knows no URL.
 */
export function downloadUrl(store: Store): (key: string) => string {
  return (key) =>
    clientUrl(store.url(key)) ?? `../${key.split('/').slice(1).map(encodeURIComponent).join('/')}`
}

type Written = Published & { body: string }

/**
 * Reads `key`, computes its new content, and writes it only if nobody changed it in between;
 * retried from the read on a lost race. `next` returns undefined when nothing needs writing.
 */
export async function casUpdate(
  store: Store,
  key: string,
  next: (current: string | undefined) => Promise<string | undefined>
): Promise<Written | undefined> {
  return retryOnConflict(async () => {
    const read = await readWithEtag(store, key)
    const current = read?.bytes.toString('utf8')
    const body = await next(current)
    if (body === undefined) return undefined
    const precondition: Precondition = read ? { ifMatch: read.etag } : { ifNoneMatch: '*' }
    const r = await store.put(key, body, { precondition, contentType: 'application/json' })
    return {
      kind: 'listing' as const,
      path: r.key,
      sha256: r.sha256,
      size: r.size,
      url: clientUrl(store.url(r.key)),
      body
    }
  })
}

async function writeIfChanged(
  store: Store,
  key: string,
  body: string,
  contentType: string
): Promise<Written | undefined> {
  if ((await readText(await store.get(key))) === body) return undefined
  const r = await store.put(key, body, { contentType })
  return {
    kind: 'listing',
    path: r.key,
    sha256: r.sha256,
    size: r.size,
    url: clientUrl(store.url(r.key)),
    body
  }
}

export async function readText(stream: Readable | undefined): Promise<string | undefined> {
  if (!stream) return undefined
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}
