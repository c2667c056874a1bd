import type { Resumable } from './digest-state.js'
import { storeSegments, type EntryCodec, type EntryObject, type StoredSegment } from './entries.js'
import {
  keptInPlace,
  plannedLengths,
  segmentBytes,
  segmentOffsets,
  type BuiltSegment,
  type Segment,
  type SegmentPlan
} from './segments.js'

/**
 * The steps apt's `nextIndex` and dnf's `nextRepodata` share once a plan is made: where each
 * planned segment's bytes come from, whether the old files can be extended, and how the next
 * generation's segments are described in its manifest.
 */

/**
 * The bytes of each planned segment in each file: a built segment's own, a kept one's cut from
 * the old files (`bodies`, read only when a kept segment is asked for; `heads[f]` bytes precede
 * the first segment of file f). `of(i)` gives segment i's, `from(first)` those of segments
 * `first`.. (`[i][f]`).
 */
export function plannedBytes<E>(
  plan: Array<SegmentPlan<E>>,
  built: Array<BuiltSegment | undefined>,
  old: Array<Segment<E>>,
  bodies: () => Promise<Buffer[]>,
  heads: number[]
): { of: (i: number) => Promise<Buffer[]>; from: (first: number) => Promise<Buffer[][]> } {
  const of = async (i: number): Promise<Buffer[]> => {
    const p = plan[i]
    if (!('keep' in p)) return built[i]!.bytes
    return segmentBytes(old, await bodies(), p.keep, heads)
  }
  return { of, from: (first) => Promise.all(plan.slice(first).map((_, j) => of(first + j))) }
}

/**
 * How many old segments at the start of the index the plan keeps where they are, when everything
 * after them is new (then the old files can be extended: their start stays, the rest is
 * appended); 0 when a kept segment moves or none stays in place.
 */
export function appendsAfter<E>(plan: Array<SegmentPlan<E>>): number {
  const leading = keptInPlace(plan)
  return plan.slice(leading).some((p) => 'keep' in p) ? 0 : leading
}

/** The bytes of old file `file` that stay when it is extended: its head and first `leading` segments. */
export function keptPrefix<E>(
  old: Array<Segment<E>>,
  leading: number,
  file: number,
  head: number
): number {
  return segmentOffsets(old, file, head)[leading - 1] + old[leading - 1].lengths[file]
}

/**
 * The next generation's segments as its manifest describes them, each with the digest states
 * after it (`states[i]`, per file): kept ones as they were, new ones with their lengths and
 * entries, and the objects listing the entries of new ones (stored under `keyOf(sha256)`).
 */
export function nextSegments<E, Row>(
  plan: Array<SegmentPlan<E>>,
  built: Array<BuiltSegment | undefined>,
  old: Array<StoredSegment<E>>,
  /** Per segment; undefined when none were saved (a small index is hashed whole). */
  states: Array<Resumable[] | undefined>,
  codec: EntryCodec<E, Row>,
  keyOf: (sha256: string) => string
): { segments: Array<StoredSegment<E> & { states?: Resumable[] }>; entryObjects: EntryObject[] } {
  const lengths = plannedLengths(plan, built, old)
  const segments = plan.map((p, i): Segment<E> | StoredSegment<E> =>
    'keep' in p ? old[p.keep] : { count: p.build.length, lengths: lengths[i], entries: p.build }
  )
  const { segments: described, objects } = storeSegments(segments, codec, keyOf)
  return {
    // A kept segment's old states are dropped with the rest: they may describe bytes before it
    // that changed, so only this generation's hashing may give states.
    segments: described.map((s, i) => {
      const rest: StoredSegment<E> & { states?: Resumable[] } = { ...s }
      delete rest.states
      return states[i] ? { ...rest, states: states[i] } : rest
    }),
    entryObjects: objects
  }
}
