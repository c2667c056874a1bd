import type { Digests } from '../digest.js'
import { resumeDigests, type DigestSet, type Resumable } from './digest-state.js'
import { keptInPlace, type Segment, type SegmentPlan } from './segments.js'

/** A segment that may carry, for each file of its index, the digest state after it. */
export type ResumableSegment<E> = Segment<E> & { states?: Resumable[] }

/**
 * The digests (`set`: apt's MD5, SHA256 and SHA512, or SHA256 alone) of each file of a segmented
 * index's next generation, and the digest state after each of its segments in each file.
 *
 * Hashing resumes after the old segments the plan keeps in place at the start of the index,
 * from the states saved with them, so adding a package hashes only the new segment and the
 * file's tail instead of the whole file. A file whose state cannot be resumed (none saved, or
 * saved by another version) is hashed from its first byte.
 *
 * `partsFrom(first)` gives the bytes of planned segments `first`.. in each file (`[i][f]`), so
 * a kept segment's old bytes are read only when hashing must start before it; `heads[f]` and
 * `tails[f]` frame file f.
 */
export async function segmentedDigests<E>(
  plan: Array<SegmentPlan<E>>,
  old: Array<ResumableSegment<E>>,
  partsFrom: (first: number) => Promise<Buffer[][]>,
  frame: { heads: Buffer[]; tails: Buffer[] },
  set: DigestSet = 'apt'
): Promise<{ digests: Digests[]; states: Resumable[][] }> {
  const files = frame.heads.length
  // The old segments kept where they were, each with a state for every file.
  const inPlace = keptInPlace(plan)
  let kept = 0
  while (kept < inPlace && old[kept].states?.length === files) kept++
  const digests: Digests[] = []
  const states: Resumable[][] = []
  const after = kept > 0 ? await partsFrom(kept) : []
  // Every file that cannot resume hashes the same parts: they are got once.
  let fromStart: Promise<Buffer[][]> | undefined
  for (let f = 0; f < files; f++) {
    const resumed =
      kept > 0
        ? await resumeDigests(
            old[kept - 1].states![f],
            after.map((p) => p[f]),
            frame.tails[f],
            set
          )
        : undefined
    if (resumed) {
      digests.push(resumed.digests)
      states.push([...old.slice(0, kept).map((s) => s.states![f]), ...resumed.states])
      continue
    }
    // From the first byte: the head is a part of its own, whose state nobody needs.
    const bytes = (await (fromStart ??= partsFrom(0))).map((p) => p[f])
    const whole = await resumeDigests(undefined, [frame.heads[f], ...bytes], frame.tails[f], set)
    digests.push(whole.digests)
    states.push(whole.states.slice(1))
  }
  // Per segment, then per file, as a manifest keeps them.
  return { digests, states: plan.map((_, i) => states.map((perFile) => perFile[i])) }
}
