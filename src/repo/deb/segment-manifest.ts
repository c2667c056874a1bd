import {
  inlineSegments,
  lookupKeys,
  parseJson,
  segmentRef,
  segmentsWithStates,
  type EntryCodec,
  type StoredSegment
} from '../segmented/entries.js'
import type { Resumable } from '../segmented/digest-state.js'
import type { IndexEntry } from './packages-index.js'

/**
 * How a segmented `Packages` index is cut: for each segment, its byte lengths in Packages,
 * Packages.gz and Packages.xz, how many entries it holds, where the list of those entries is
 * kept and a filter of their names and files (see segmented/entries.ts). It is listed in the
 * Release next to the index it describes (apt ignores files it does not know), so a publish
 * reads the exact generation InRelease signed, and never parses the whole index to learn what
 * it holds.
 */
export const MANIFEST_FILE = 'falco-publish-segments.json'
/** The folder, beside the index, of the objects listing each segment's entries. */
export const ENTRIES_DIR = 'falco-publish-segments'
/** The files of one `binary-<arch>` index, in the order segment lengths are given. */
export const INDEX_FILES = ['Packages', 'Packages.gz', 'Packages.xz'] as const

/**
 * Where each number sits in a segment's `lengths`: its bytes in each of INDEX_FILES, then the
 * unpadded size of its xz block, which the xz stream's index lists.
 */
export const LENGTH = { plain: 0, gz: 1, xz: 2, xzUnpadded: 3 } as const

const FORMAT = 'falco-publish apt segments 2'
/** The first layout, entries inline: still read, so a repository it wrote goes on incrementally. */
const FORMAT_1 = 'falco-publish apt segments 1'

/**
 * A segment of a Packages index. `states` are the digest states of each of INDEX_FILES after
 * this segment (and all before it), so a publish keeping it hashes only what follows.
 */
export type AptSegment = StoredSegment<IndexEntry> & { states?: Resumable[] }

export interface PackagesManifest {
  /** SHA256 of the Packages this manifest describes: a mismatch means another tool rewrote it. */
  packagesSha256: string
  /**
   * The dev retention every package name in the index already satisfies (at most this many
   * versions each), so a publish with the same or a larger retention need only look at the
   * names it adds. Undefined when none is known.
   */
  retention?: number
  /** Entries are absent until loaded, except in a manifest of the first layout. */
  segments: AptSegment[]
}

type Row = [name: string, version: string, architecture: string, filename: string, sha256: string]

export const ENTRY_CODEC: EntryCodec<IndexEntry, Row> = {
  format: 'falco-publish apt segment entries 1',
  toRow: (e) => [e.name, e.version, e.architecture, e.filename, e.sha256],
  fromRow: ([name, version, architecture, filename, sha256]) => ({
    name,
    version,
    architecture,
    filename,
    sha256
  }),
  keys: (e) => lookupKeys(e.name, e.filename)
}

export function renderManifest(m: PackagesManifest): string {
  return JSON.stringify({
    format: FORMAT,
    packagesSha256: m.packagesSha256,
    retention: m.retention ?? null,
    files: INDEX_FILES,
    segments: m.segments.map((s) => ({ ...segmentRef(s), states: s.states ?? null }))
  })
}

export function parseManifest(text: string, where: string): PackagesManifest {
  const raw = parseJson<{
    format?: string
    packagesSha256?: string
    retention?: number | null
    segments?: unknown
  }>(text, where)
  if (typeof raw.packagesSha256 !== 'string' || (raw.format !== FORMAT && raw.format !== FORMAT_1))
    throw new Error(`${where}: not a segment manifest this version of falco-publish reads`)
  if (!Array.isArray(raw.segments)) throw new Error(`${where}: no segment list`)
  return {
    packagesSha256: raw.packagesSha256,
    retention: typeof raw.retention === 'number' ? raw.retention : undefined,
    segments:
      raw.format === FORMAT
        ? segmentsWithStates<IndexEntry>(raw.segments, where, INDEX_FILES.length)
        : inlineSegments(raw.segments as Array<{ lengths: number[]; entries: Row[] }>, ENTRY_CODEC)
  }
}

/** The plain text of a segment: each stanza followed by the blank line that ends it. */
export function segmentText(entries: IndexEntry[]): string {
  return entries.map((e) => e.text + '\n').join('')
}

/** The stanza texts of a segment, in order (the inverse of segmentText). */
export function segmentStanzas(plain: Buffer): string[] {
  const parts = plain.toString('utf8').split('\n\n')
  parts.pop()
  return parts.map((p) => p + '\n')
}
