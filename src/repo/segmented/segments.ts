/**
 * Segmented index files. An index (apt's Packages, dnf's primary.xml.gz, ...) is written as a
 * run of segments, each compressed on its own, and the published file is their concatenation:
 * gzip readers decompress concatenated members as one stream (RFC 1952, 2.2) and xz readers
 * concatenated streams (the .xz format, 2.1.1), so the result is an ordinary index to apt and dnf.
 *
 * What it buys: a publish that adds one package compresses one small new segment and copies the
 * bytes of the others; only a segment that loses a package is re-compressed. Segments are kept
 * few by merging the newest ones, like the carries of a binary counter, so every entry is
 * re-compressed O(log n) times over its life, and never more than MAX_SEGMENT_ENTRIES at once.
 */

/** A run of entries, and how many bytes it takes in each file of the index (same order as the files). */
export interface Segment<E> {
  /** How many entries it holds. */
  count: number
  /**
   * Its byte length in each file, then any further numbers the format needs (apt's xz index
   * wants each block's unpadded size). Empty when unknown (an index written before segments):
   * such a segment is rebuilt.
   */
  lengths: number[]
  /**
   * Its entries, once known. A segment read from a manifest loads them only when a publish
   * touches it, so adding one package never reads the identity of every other.
   */
  entries?: E[]
}

/** What the next generation is made of: an old segment's bytes as they are, or entries to compress. */
export type SegmentPlan<E> = { keep: number; count: number } | { build: E[] }

/** The most entries one merge re-compresses: bounds the worst case of a single publish. */
export const MAX_SEGMENT_ENTRIES = 2048

const countOf = <E>(p: SegmentPlan<E>): number => ('keep' in p ? p.count : p.build.length)

/**
 * The segments of the next generation: old segments untouched by the change are kept byte for
 * byte; those that lost an entry are rebuilt from their survivors; the added entries form a new
 * segment; then the newest segments merge while the older one is at most twice the newer.
 *
 * `survivors(i)` gives the entries of old segment `i` that stay, or undefined when they all do
 * (then its entries need not be known). `load(i)` gives the entries of an old segment that is
 * merged into a new one.
 */
export async function planSegments<E>(
  old: Array<Segment<E>>,
  survivors: (index: number) => E[] | undefined,
  added: E[],
  load: (index: number) => Promise<E[]>,
  maxEntries = MAX_SEGMENT_ENTRIES
): Promise<Array<SegmentPlan<E>>> {
  const out: Array<SegmentPlan<E>> = []
  for (const [i, s] of old.entries()) {
    const kept = survivors(i)
    if (kept === undefined && s.lengths.length > 0) out.push({ keep: i, count: s.count })
    else if (kept === undefined) out.push({ build: s.entries ?? (await load(i)) })
    else if (kept.length > 0) out.push({ build: kept })
  }
  if (added.length > 0) out.push({ build: added })
  while (out.length >= 2) {
    const b = out[out.length - 1]
    const a = out[out.length - 2]
    if (countOf(a) > 2 * countOf(b) || countOf(a) + countOf(b) > maxEntries) break
    const entries = async (p: SegmentPlan<E>): Promise<E[]> =>
      'build' in p ? p.build : (old[p.keep].entries ?? (await load(p.keep)))
    out.splice(out.length - 2, 2, { build: [...(await entries(a)), ...(await entries(b))] })
  }
  return out
}

/**
 * The old segments whose text must be read back: those holding an entry the plan rebuilds and
 * whose text is not in memory (entries known only from a manifest carry none).
 */
export function segmentsToRead<E>(
  old: Array<Segment<E>>,
  plan: Array<SegmentPlan<E>>,
  hasText: (e: E) => boolean
): number[] {
  const building = new Set(plan.flatMap((p) => ('build' in p ? p.build : [])))
  return old.flatMap((s, i) => (s.entries?.some((e) => building.has(e) && !hasText(e)) ? [i] : []))
}

/** True when the plan is exactly the old segments, in order: nothing to write. */
export function unchanged<E>(old: Array<Segment<E>>, plan: Array<SegmentPlan<E>>): boolean {
  return plan.length === old.length && keptInPlace(plan) === plan.length
}

/** How many planned segments, from the first, are the old segments at the same places. */
export function keptInPlace<E>(plan: Array<SegmentPlan<E>>): number {
  let kept = 0
  while (kept < plan.length && (plan[kept] as { keep?: number }).keep === kept) kept++
  return kept
}

/** Where each segment starts in file `file`, after a head of `head` bytes. */
export function segmentOffsets<E>(segments: Array<Segment<E>>, file: number, head = 0): number[] {
  const out: number[] = []
  let at = head
  for (const s of segments) {
    out.push(at)
    at += s.lengths[file]
  }
  return out
}

/** The bytes of old segment `index` in each file. */
export function segmentBytes<E>(
  segments: Array<Segment<E>>,
  bodies: Buffer[],
  index: number,
  heads: number[] = []
): Buffer[] {
  return bodies.map((body, file) => {
    if (segments[index].lengths[file] === undefined)
      throw new Error(`segment ${index}: no length for file ${file}`)
    const start = segmentOffsets(segments, file, heads[file] ?? 0)[index]
    return body.subarray(start, start + segments[index].lengths[file])
  })
}

/** A segment compressed anew: its bytes in each file, and the format's further numbers. */
export interface BuiltSegment {
  bytes: Buffer[]
  extra?: number[]
}

/** The lengths each planned segment will have (kept ones as they were). */
export function plannedLengths<E>(
  plan: Array<SegmentPlan<E>>,
  built: Array<BuiltSegment | undefined>,
  old: Array<Segment<E>>
): number[][] {
  return plan.map((p, i) =>
    'keep' in p
      ? old[p.keep].lengths
      : [...built[i]!.bytes.map((b) => b.length), ...(built[i]!.extra ?? [])]
  )
}
