import type { Resumable } from './digest-state.js'
import { bloomOf, bloomTest } from './bloom.js'
import { sha256Hex } from '../../store/digest.js'
import type { Segment } from './segments.js'

/**
 * Where a segmented index keeps the identity of its entries (name, version, file, digest): one
 * small content-addressed object per segment, written once when the segment is built, and a
 * Bloom filter of each segment's lookup keys in the manifest. A publish that adds one package
 * asks the filters which segments may hold its name or file, loads only those (usually none),
 * and never reads, parses or rewrites the identity of the thousands of others.
 */

/** A segment as its manifest describes it. */
export interface StoredSegment<E> extends Segment<E> {
  /** sha256 of the object listing its entries. */
  entriesSha256: string
  /** Bloom filter (base64) of its entries' lookup keys. */
  filter: string
}

/** How one index format keeps an entry as a JSON row, and the keys it is looked up by. */
export interface EntryCodec<E, Row> {
  /** Names the row layout, so a reader never misreads rows of another layout. */
  format: string
  toRow(entry: E): Row
  fromRow(row: Row): E
  /** The keys a publish looks entries up by (see `lookupKeys`). */
  keys(entry: E): string[]
}

/** The lookup keys of an entry: its package name, and its file in the repository. */
export const lookupKeys = (name: string, file: string): string[] => [`name:${name}`, `file:${file}`]
export const nameKey = (name: string): string => `name:${name}`
export const fileKey = (file: string): string => `file:${file}`

/** The object listing a built segment's entries, and the manifest's description of the segment. */
export function storeSegment<E, Row>(
  segment: Segment<E> & { entries: E[] },
  codec: EntryCodec<E, Row>
): { segment: StoredSegment<E>; body: Buffer } {
  const body = Buffer.from(
    JSON.stringify({ format: codec.format, entries: segment.entries.map(codec.toRow) })
  )
  return {
    body,
    segment: {
      ...segment,
      entriesSha256: sha256Hex(body),
      filter: bloomOf(segment.entries.flatMap(codec.keys))
    }
  }
}

/** An object listing a segment's entries, to write before the manifest naming it. */
export interface EntryObject {
  key: string
  body: Buffer
  sha256: string
}

/**
 * The segments of a next generation as its manifest describes them: kept ones as they were,
 * and new ones (or kept ones from a manifest of the first layout, which had none) with the
 * object listing their entries, stored under `keyOf(sha256)`.
 */
export function storeSegments<E, Row>(
  segments: Array<Segment<E> | StoredSegment<E>>,
  codec: EntryCodec<E, Row>,
  keyOf: (sha256: string) => string
): { segments: Array<StoredSegment<E>>; objects: EntryObject[] } {
  const objects: EntryObject[] = []
  const stored = segments.map((s): StoredSegment<E> => {
    if ('entriesSha256' in s && s.entriesSha256 !== '') return s
    const { segment, body } = storeSegment({ ...s, entries: s.entries! }, codec)
    objects.push({ key: keyOf(segment.entriesSha256), body, sha256: segment.entriesSha256 })
    return segment
  })
  return { segments: stored, objects }
}

/**
 * Whether a change must look at every entry rather than only those sharing a name or file with
 * what it adds: it removes by pattern, or keeps fewer versions than an index last satisfied.
 */
export function needsEveryEntry(
  change: { remove?: unknown; retention?: number },
  indexes: Array<{ segments: unknown[]; retention?: number }>
): boolean {
  if (change.remove !== undefined) return true
  const keep = change.retention
  if (keep === undefined) return false
  return indexes.some(
    (ix) => ix.segments.length > 0 && (ix.retention === undefined || ix.retention > keep)
  )
}

/** The entries of a segment object, checked against the digest the manifest gives for it. */
export function parseSegmentEntries<E, Row>(
  body: Buffer,
  segment: Pick<StoredSegment<E>, 'entriesSha256' | 'count'>,
  codec: EntryCodec<E, Row>,
  where: string
): E[] {
  if (sha256Hex(body) !== segment.entriesSha256)
    throw new Error(`${where}: content does not match its sha256 in the segment manifest`)
  const raw = parseJson<{ format?: string; entries?: Row[] }>(body.toString('utf8'), where)
  if (raw.format !== codec.format || !Array.isArray(raw.entries))
    throw new Error(`${where}: not a segment entry list this version of falco-publish reads`)
  if (raw.entries.length !== segment.count)
    throw new Error(
      `${where}: lists ${raw.entries.length} entries where the manifest says ${segment.count}`
    )
  return raw.entries.map(codec.fromRow)
}

/** An index cut into stored segments, and how to load one segment's entries. */
export interface SegmentedIndex<E> {
  segments: Array<StoredSegment<E>>
  load: (segment: StoredSegment<E>) => Promise<E[]>
}

/**
 * Loads, in each index, the entries of every segment whose filter may hold one of `keys`
 * ('all': every segment), unless already loaded.
 */
export async function loadMatching<E>(
  indexes: Array<SegmentedIndex<E>>,
  keys: string[] | 'all'
): Promise<void> {
  await Promise.all(
    indexes.flatMap((ix) =>
      ix.segments.map(async (s) => {
        if (s.entries) return
        if (keys !== 'all') {
          const test = bloomTest(s.filter)
          if (!keys.some(test)) return
        }
        s.entries = await ix.load(s)
      })
    )
  )
}

/** Parses the JSON of a manifest or entry list, naming `where` when it is not JSON. */
export function parseJson<T>(text: string, where: string): T {
  try {
    return JSON.parse(text) as T
  } catch (e) {
    throw new Error(`${where}: not JSON (${(e as Error).message})`)
  }
}

/**
 * Segments of a manifest of the first layout, their entries inline: they have no entry objects
 * yet (one is written when the segment is next kept) and no filter (they are loaded already).
 */
export function inlineSegments<E, Row>(
  segments: Array<{ lengths: number[]; entries: Row[] }>,
  codec: EntryCodec<E, Row>
): Array<StoredSegment<E>> {
  return segments.map((s) => ({
    count: s.entries.length,
    lengths: s.lengths,
    entries: s.entries.map(codec.fromRow),
    entriesSha256: '',
    filter: ''
  }))
}

/**
 * For each of `files` some index lists, what `digestOf` says of its entry (the sha256 it was
 * published with). Loads only the segments whose filters may hold one of the files.
 */
export async function publishedDigests<E>(
  indexes: Array<SegmentedIndex<E>>,
  files: string[],
  fileOf: (entry: E) => string,
  digestOf: (entry: E) => string
): Promise<Map<string, string>> {
  await loadMatching(indexes, files.map(fileKey))
  const wanted = new Set(files)
  const out = new Map<string, string>()
  for (const ix of indexes)
    for (const s of ix.segments)
      for (const e of s.entries ?? []) if (wanted.has(fileOf(e))) out.set(fileOf(e), digestOf(e))
  return out
}

/** A manifest's line for a segment: everything but its entries. */
export interface SegmentRef {
  count: number
  lengths: number[]
  entries: string
  filter: string
}

export const segmentRef = <E>(s: StoredSegment<E>): SegmentRef => ({
  count: s.count,
  lengths: s.lengths,
  entries: s.entriesSha256,
  filter: s.filter
})

/** Reads a manifest's segment lines, failing on anything malformed (naming `where`). */
export function segmentsOf<E>(refs: unknown, where: string): Array<StoredSegment<E>> {
  if (!Array.isArray(refs)) throw new Error(`${where}: no segment list`)
  return refs.map((r: Partial<SegmentRef>, i) => {
    if (
      typeof r?.count !== 'number' ||
      !Array.isArray(r.lengths) ||
      typeof r.entries !== 'string' ||
      typeof r.filter !== 'string'
    )
      throw new Error(`${where}: segment ${i} is malformed`)
    return { count: r.count, lengths: r.lengths, entriesSha256: r.entries, filter: r.filter }
  })
}

/**
 * The segments a manifest lists, each with the digest states it gives for the index's `files`
 * files; a segment whose states are missing or malformed has none (and is hashed again). The
 * states themselves are checked when resumed from.
 */
export function segmentsWithStates<E>(
  refs: unknown,
  where: string,
  files: number
): Array<StoredSegment<E> & { states?: Resumable[] }> {
  const segments = segmentsOf<E>(refs, where)
  return segments.map((s, i) => {
    const states = ((refs as unknown[])[i] as { states?: unknown }).states
    return isStates(states, files) ? { ...s, states } : s
  })
}

function isStates(value: unknown, files: number): value is Resumable[] {
  return (
    Array.isArray(value) &&
    value.length === files &&
    value.every(
      (v) =>
        typeof (v as Partial<Resumable> | null)?.state === 'string' &&
        typeof (v as Resumable).size === 'number'
    )
  )
}
