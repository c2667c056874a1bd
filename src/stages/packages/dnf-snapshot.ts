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
} from '../../repo/segment-entries.js'
import { readListed, readVersioned } from './store-io.js'

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
  /**
   * The old primary/filelists/other `.xml.gz`: their store keys, the length of their opening
   * members, and their bytes, read once when asked for. Absent in a new repository.
   */
  layout?: { keys: string[]; heads: number[]; bodies: () => Promise<Buffer[]> }
  /** Reads the records of one segment. */
  load: (segment: StoredSegment<RpmRecord>) => Promise<RpmRecord[]>
}

export const entriesKey = (prefix: string, sha256: string): string =>
  `${prefix}/${ENTRIES_DIR}/${sha256}.json`

export async function readDnfSnapshot(store: Store, prefix: string): Promise<DnfSnapshot> {
  const current = await readVersioned(store, `${prefix}/repodata/repomd.xml`)
  if (!current) return { segments: [], load: () => Promise.resolve([]) }
  const data = parseRepomd(current.text)
  const where = `${prefix}/repodata/repomd.xml`
  if (!data.has(SEGMENTS_TYPE)) {
    throw new Error(
      `${store.location}/${where} was not written by falco-publish (no ${SEGMENTS_TYPE} entry); ` +
        `refusing to replace a repository whose packages it cannot see`
    )
  }
  const listed = data.get(SEGMENTS_TYPE)!
  const manifest = parseManifest(
    (
      await readListed(store, `${prefix}/${listed.location}`, 'repomd.xml', {
        sha256: listed.sha256
      })
    ).toString('utf8'),
    `${where} (${SEGMENTS_TYPE})`
  )
  if (manifest.primarySha256 !== data.get('primary')?.sha256) {
    throw new Error(
      `${store.location}/${where}: primary.xml.gz was rewritten by another tool since falco-publish wrote it; ` +
        `refusing to replace a repository whose packages it cannot see`
    )
  }
  const keys = XML_FILES.map((f) => `${prefix}/${data.get(f.type)!.location}`)
  let bodies: Promise<Buffer[]> | undefined
  return {
    etag: current.etag,
    repomd: current.text,
    segments: manifest.segments,
    retention: manifest.retention,
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
