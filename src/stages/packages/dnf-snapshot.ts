import type { Store } from '../../store/store.js'
import { parseRepomd, XML_FILES, type RpmRecord } from '../../repo/rpm/repodata.js'
import {
  ENTRIES_DIR,
  ENTRY_CODEC,
  parseManifest,
  SEGMENTS_TYPE,
  type RpmSegment
} from '../../repo/rpm/segment-manifest.js'
import {
  publishedDigests,
  parseSegmentEntries,
  type StoredSegment
} from '../../repo/segmented/entries.js'
import * as path from 'node:path'
import { decompressMember } from '../../repo/decompress.js'
import { importRepodata, repodataWriter, repomdFiles } from '../../repo/rpm/import.js'
import { readListed, readVersioned } from './store-io.js'
import type { Pending } from '../../repo/pending.js'

/**
 * Reading the generation of a dnf repository that repomd.xml names: its segment manifest, the
 * segments' packages (loaded only when asked for), the old XML files.
 */

/** The generation repomd.xml names. */
export interface DnfSnapshot {
  etag?: string
  repomd?: string
  /** The segments primary/filelists/other are cut into; entries loaded on demand (`load`). */
  segments: RpmSegment[]
  /** The dev retention every name satisfies (see RepodataManifest), when known. */
  retention?: number
  /** Files pending deletion (see repo/pending.ts), as the manifest records them. */
  pending?: Pending
  /**
   * The old primary/filelists/other `.xml.gz`: their store keys, the length of their opening
   * members, and their bytes, read once when asked for. Absent in a new repository.
   */
  layout?: { keys: string[]; heads: number[]; bodies: () => Promise<Buffer[]> }
  /** Reads the records of one segment. */
  load: (segment: StoredSegment<RpmRecord>) => Promise<RpmRecord[]>
  /**
   * Set when the repodata was written by another tool (or rewritten by one since our last
   * publish): its packages were read from its XML, and the next publish rewrites it in our layout.
   */
  adopted?: { packages: number; from: string }
}

export const entriesKey = (prefix: string, sha256: string): string =>
  `${prefix}/${ENTRIES_DIR}/${sha256}.json`

export async function readDnfSnapshot(store: Store, prefix: string): Promise<DnfSnapshot> {
  const current = await readVersioned(store, `${prefix}/repodata/repomd.xml`)
  if (!current) return { segments: [], load: () => Promise.resolve([]) }
  const data = parseRepomd(current.text)
  const where = `${prefix}/repodata/repomd.xml`
  const listed = data.get(SEGMENTS_TYPE)
  // Written by another tool: its packages are read from its XML.
  if (!listed) return adoptRepodata(store, prefix, current)
  const manifest = parseManifest(
    (
      await readListed(store, `${prefix}/${listed.location}`, 'repomd.xml', {
        sha256: listed.sha256
      })
    ).toString('utf8'),
    `${where} (${SEGMENTS_TYPE})`
  )
  // Rewritten by another tool since (createrepo --update keeps our entry): read its XML.
  if (manifest.primarySha256 !== data.get('primary')?.sha256)
    return adoptRepodata(store, prefix, current)
  const keys = XML_FILES.map((f) => `${prefix}/${data.get(f.type)!.location}`)
  let bodies: Promise<Buffer[]> | undefined
  return {
    etag: current.etag,
    repomd: current.text,
    segments: manifest.segments,
    retention: manifest.retention,
    pending: manifest.pending,
    layout: {
      keys,
      heads: manifest.heads,
      bodies: () =>
        (bodies ??= Promise.all(keys.map((key) => readListed(store, key, 'repomd.xml'))))
    },
    load: async (s) => {
      const key = entriesKey(prefix, s.entriesSha256)
      const body = await readListed(store, key, `${where} (${SEGMENTS_TYPE})`)
      return parseSegmentEntries(body, s, ENTRY_CODEC, `${store.location}/${key}`)
    }
  }
}

/**
 * The generation of repodata another tool wrote: its records, their XML as that tool rendered
 * it, one segment of them, which the next publish re-compresses in our layout. Each file is
 * checked against the checksum repomd.xml lists for it.
 */
async function adoptRepodata(
  store: Store,
  prefix: string,
  current: { text: string; etag?: string }
): Promise<DnfSnapshot> {
  const where = `${store.location}/${prefix}/repodata/repomd.xml`
  const files = repomdFiles(current.text)
  const xml = await Promise.all(
    XML_FILES.map(async (f) => {
      const listed = files.get(f.type)
      if (!listed)
        throw new Error(
          `${where} lists no ${f.type} file; regenerate the repodata with createrepo_c, or start the repository anew`
        )
      const key = `${prefix}/${listed.location}`
      const body = await readListed(store, key, 'repomd.xml', {
        sha256: listed.checksum?.type === 'sha256' ? listed.checksum.value : undefined
      })
      return Buffer.from(await decompressMember(listed.location, body)).toString('utf8')
    })
  )
  const records = importRepodata({ primary: xml[0], filelists: xml[1], other: xml[2] }, where)
  const segments: RpmSegment[] = records.length
    ? [{ count: records.length, lengths: [], entries: records, entriesSha256: '', filter: '' }]
    : []
  return {
    etag: current.etag,
    repomd: current.text,
    segments,
    load: () => Promise.resolve(records),
    adopted: {
      packages: records.length,
      from: `${repodataWriter(current.text)} repodata (${path.posix.basename(files.get('primary')!.location).replace(/^[0-9a-f]{32,}-/, '')})`
    }
  }
}

/**
 * The sha256 each of `files` (names at the repository's root) was published from, for those
 * the repodata lists: the file as given, before its header was signed.
 */
export function publishedSources(
  snapshot: DnfSnapshot,
  files: string[]
): Promise<Map<string, string>> {
  return publishedDigests(
    [snapshot],
    files,
    (r) => r.location,
    (r) => r.sourceSha256 ?? r.sha256
  )
}
