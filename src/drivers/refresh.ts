import type { Readable } from 'node:stream'
import type { Published } from '../plan.js'
import type { Logger } from '../report/log.js'
import { retryOnConflict } from '../store/conflict.js'
import type { ObjectInfo, Precondition, Store } from '../store/store.js'
import {
  mergeVersions,
  renderVersionHtml,
  renderVersionsHtml,
  versionListing,
  type NameHints,
  type VersionsIndex
} from './listing.js'
import { clientUrl } from './plan.js'

/** Published name -> its config fields, as plain pairs so a plan stays serialisable. */
export type NameHintsSource = [
  string,
  { target: string; kernelRelease: string; kernelVersion: string }
][]

/**
 * Rewrites the listings of the given driver versions from what the store holds. Each index.json
 * is a compare-and-swap: its etag is read before listing, so a job that published meanwhile
 * makes our write fail and we list again. Unchanged listings are not rewritten, so a re-run
 * publishes nothing.
 */
export async function refreshListings(
  store: Store,
  versions: string[],
  hintPairs: NameHintsSource,
  log: Logger
): Promise<Published[]> {
  const hints: NameHints = new Map(hintPairs)
  const published: Published[] = []
  const changed: string[] = []
  for (const version of versions) {
    const jsonKey = `driver/${version}/index.json`
    const written = await casUpdate(store, jsonKey, async (current) => {
      const objects: ObjectInfo[] = []
      for await (const o of store.list(`driver/${version}/`)) objects.push(o)
      const next = `${JSON.stringify(versionListing(version, objects, hints), null, 2)}\n`
      return next === current ? undefined : next
    })
    if (written === undefined) continue
    changed.push(version)
    published.push(written)
    const listing = JSON.parse(written.body) as ReturnType<typeof versionListing>
    published.push(
      await put(store, `driver/${version}/index.html`, renderVersionHtml(listing), 'text/html')
    )
    log.info(`refreshed the listing of driver version ${version}`)
  }

  const top = await casUpdate(store, 'driver/index.json', async (current) => {
    const index: VersionsIndex = current ? (JSON.parse(current) as VersionsIndex) : { versions: [] }
    const known = new Set(index.versions.map((v) => v.driverversion))
    const touched = versions.filter((v) => changed.includes(v) || !known.has(v))
    if (touched.length === 0) return undefined
    return `${JSON.stringify(mergeVersions(index, touched, new Date()), null, 2)}\n`
  })
  if (top !== undefined) {
    published.push(top)
    const index = JSON.parse(top.body) as VersionsIndex
    published.push(await put(store, 'driver/index.html', renderVersionsHtml(index), 'text/html'))
  }
  return published.map(({ kind, path, sha256, size, url }) => ({ kind, path, sha256, size, url }))
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
    const info = await store.head(key)
    const current = info ? await readText(await store.get(key)) : undefined
    const body = await next(current)
    if (body === undefined) return undefined
    const precondition: Precondition = info ? { ifMatch: info.etag } : { ifNoneMatch: '*' }
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

async function put(store: Store, key: string, body: string, contentType: string): Promise<Written> {
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

async function readText(stream: Readable | undefined): Promise<string | undefined> {
  if (!stream) return undefined
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks).toString('utf8')
}
