import type { Store } from '../../store/store.js'
import { gzip, preloadXz } from '../../repo/compress.js'
import { STORED_BELOW, XZ_HEADER_LENGTH, xzBlock, xzFrame } from '../../repo/segmented/xz-blocks.js'
import type { IndexEntry } from '../../repo/deb/packages-index.js'
import {
  ENTRY_CODEC,
  INDEX_FILES,
  type AptSegment,
  LENGTH,
  MANIFEST_FILE,
  renderManifest,
  segmentStanzas,
  segmentText
} from '../../repo/deb/segment-manifest.js'
import type { EntryObject } from '../../repo/segmented/entries.js'
import {
  plannedLengths,
  planSegments,
  segmentOffsets,
  segmentsToRead,
  unchanged,
  type BuiltSegment,
  type SegmentPlan
} from '../../repo/segmented/segments.js'
import {
  appendsAfter,
  keptPrefix,
  nextSegments,
  plannedBytes
} from '../../repo/segmented/generation.js'
import { indexDigests, type Digests } from '../../repo/digest.js'
import { segmentedDigests } from '../../repo/segmented/digests.js'
import { readListed, readListedRange } from './store-io.js'
import { byHash, dists, entriesKey, indexDir } from './apt-layout.js'
import type { AptIndex } from './apt-snapshot.js'
import type { AptIndexChange } from './apt-merge.js'

/**
 * Each segment's xz block is compressed once and copied from then on; preset 1 (1 MiB
 * dictionary) already spans a whole segment and keeps adding one package quick.
 */
const XZ_PRESET = 1

/**
 * Below this many bytes (Packages, .gz and .xz together: about 2,000 packages), the index files
 * are hashed whole with node:crypto and no digest states are saved: that costs a few
 * milliseconds, less than loading hash-wasm, which resuming from saved states needs (see
 * `digest-state.ts`). A larger index saves states, and the next publish resumes from them.
 * A setting, not a constant, so tests of resuming can lower it to 0.
 */
export const digestStates = { fromBytes: 2 << 20 }
/**
 * One index file of the next generation, with its digests: its bytes, or the old file it
 * extends (its first `keep` bytes, then `append`).
 */
export type IndexFile = { name: string; digests: Digests } & (
  | { body: Buffer; extend?: undefined }
  | { body?: undefined; extend: { from: string; keep: number; append: Buffer[] } }
)

/** The files of one architecture's next index, and the segments they are cut into. */
export interface NextIndex {
  files: IndexFile[]
  segments: AptSegment[]
  /** Objects listing the entries of new segments. */
  entryObjects: EntryObject[]
}

/**
 * The files of one architecture's next index: Packages, Packages.gz, Packages.xz and the segment
 * manifest, or undefined when its segments stay as they are.
 *
 * A publish that appends keeps the old files' bytes up to its first new segment; a store that
 * can extend an object (the file store: a copy inside the kernel) writes only the new bytes
 * after them, and the old files are not read at all. Otherwise the files are put whole.
 */
export async function nextIndex(
  o: { store: Store; prefix: string },
  arch: string,
  index: AptIndex,
  /** What the snapshot's Release lists: where the old index files are, by hash. */
  listed: Map<string, Digests>,
  change: AptIndexChange
): Promise<NextIndex | undefined> {
  const old = index.segments
  const plan = await planSegments(
    old,
    change.survivors,
    change.added,
    async (i) => (old[i].entries ??= await index.load(old[i]))
  )
  // A segment that needs liblzma (xz-blocks.ts): its encoder compiles off the main thread while
  // old texts are read back. Not for a small one of new packages only, stored uncompressed.
  if (plan.some((p) => 'build' in p && compressesWithLiblzma(p.build))) preloadXz()
  // Unchanged only when its files were written with a manifest (a first publish writes empty ones).
  if (index.segmented && change.added.length === 0 && unchanged(old, plan)) return undefined
  const oldFiles = oldIndexFiles(o, arch, listed)
  await readRebuiltTexts(o.store, old, plan, () => oldFiles.key(LENGTH.plain))
  const built = await Promise.all(
    plan.map((p) => ('keep' in p ? undefined : buildSegment(p.build)))
  )
  const lengths = plannedLengths(plan, built, old)
  const frame = indexFrame(lengths)
  const bytes = plannedBytes(plan, built, old, oldFiles.bodies, OLD_HEADS)
  const size = [...lengths.flat(), ...[...frame.heads, ...frame.tails].map((b) => b.length)]
  const { digests, states } =
    sum(size) < digestStates.fromBytes
      ? await wholeDigests(await bytes.from(0), frame, plan.length)
      : await segmentedDigests(plan, old, bytes.from, frame)
  // Only a store that also copies: the other names of a file it extends are copies of it.
  const leading = o.store.extend && o.store.copy ? appendsAfter(plan) : 0
  // The bytes this publish writes: after the kept start when extending, else all of them.
  const parts = await bytes.from(leading)
  const files = INDEX_FILES.map((name, f): IndexFile => {
    const written = [...parts.map((b) => b[f]), frame.tails[f]]
    if (leading === 0)
      return { name, digests: digests[f], body: Buffer.concat([frame.heads[f], ...written]) }
    const keep = keptPrefix(old, leading, f, OLD_HEADS[f])
    return { name, digests: digests[f], extend: { from: oldFiles.key(f), keep, append: written } }
  })
  const { segments, entryObjects } = nextSegments(plan, built, old, states, ENTRY_CODEC, (sha) =>
    entriesKey(o.prefix, arch, sha)
  )
  const manifest = Buffer.from(
    renderManifest({
      packagesSha256: files[0].digests.sha256,
      retention: change.retention,
      segments
    })
  )
  files.push({ name: MANIFEST_FILE, body: manifest, digests: indexDigests(manifest) })
  return { files, segments, entryObjects }
}

/** The digests of each whole file (`parts[segment][file]` between its head and tail); no states. */
function wholeDigests(
  parts: Buffer[][],
  frame: { heads: Buffer[]; tails: Buffer[] },
  segments: number
): { digests: Digests[]; states: undefined[] } {
  const digests = frame.heads.map((head, f) =>
    indexDigests(Buffer.concat([head, ...parts.map((p) => p[f]), frame.tails[f]]))
  )
  return { digests, states: Array<undefined>(segments).fill(undefined) }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

/** The old xz stream's header is the same as the new one's: its blocks begin after it. */
const OLD_HEADS = [0, 0, XZ_HEADER_LENGTH]

/**
 * The old index files of `arch`, by the hash the Release lists them under: their keys, and
 * their bytes, read once and only when some must be copied by us.
 */
function oldIndexFiles(
  o: { store: Store; prefix: string },
  arch: string,
  listed: Map<string, Digests>
): { key: (file: number) => string; bodies: () => Promise<Buffer[]> } {
  const shown = (f: number): string => `${dists(o.prefix)}/${indexDir(arch)}/${INDEX_FILES[f]}`
  const key = (f: number): string => {
    const sha256 = listed.get(`${indexDir(arch)}/${INDEX_FILES[f]}`)?.sha256
    if (sha256 === undefined)
      throw new Error(`${o.store.location}/${shown(f)}: not listed in the Release`)
    return byHash(o.prefix, arch, sha256)
  }
  let bodies: Promise<Buffer[]> | undefined
  return {
    key,
    bodies: () =>
      (bodies ??= Promise.all(
        INDEX_FILES.map((_, f) => readListed(o.store, key(f), 'the Release', { shown: shown(f) }))
      ))
  }
}

/**
 * Old entries the plan rebuilds carry no text when known from a manifest: it is read back from
 * their old segment's range of Packages (`plainKey`).
 */
async function readRebuiltTexts(
  store: Store,
  old: AptSegment[],
  plan: Array<SegmentPlan<IndexEntry>>,
  plainKey: () => string
): Promise<void> {
  await Promise.all(
    segmentsToRead(old, plan, (e) => e.text !== undefined).map(async (i) => {
      const start = segmentOffsets(old, LENGTH.plain)[i]
      const range = { start, end: start + old[i].lengths[LENGTH.plain] }
      const plain = await readListedRange(store, plainKey(), range, 'the Release')
      const texts = segmentStanzas(plain)
      old[i].entries!.forEach((e, j) => (e.text = texts[j]))
    })
  )
}

/**
 * Whether building a segment of `entries` will load liblzma: its text reaches STORED_BELOW, or
 * it re-compresses old entries whose text is not read yet (most often a merge that does).
 */
function compressesWithLiblzma(entries: IndexEntry[]): boolean {
  let bytes = 0
  for (const e of entries) {
    if (e.text === undefined) return true
    bytes += e.text.length
  }
  return bytes >= STORED_BELOW
}

/** A new segment: its Packages text, that gzip'd, and one xz block of it (with its unpadded size). */
async function buildSegment(entries: IndexEntry[]): Promise<BuiltSegment> {
  const plain = Buffer.from(segmentText(entries))
  const block = await xzBlock(plain, XZ_PRESET)
  return { bytes: [plain, gzip(plain), block.bytes], extra: [block.unpaddedSize] }
}

/**
 * What frames the segments in each file: Packages.xz is one stream, its blocks (one per segment)
 * under a header and an index of them all; an index with no package is still a valid (empty)
 * compressed file.
 */
function indexFrame(lengths: number[][]): { heads: Buffer[]; tails: Buffer[] } {
  const xz = xzFrame(
    lengths.map((l) => ({ unpaddedSize: l[LENGTH.xzUnpadded], uncompressedSize: l[LENGTH.plain] }))
  )
  const none = Buffer.alloc(0)
  return {
    heads: [none, none, xz.head],
    tails: [none, lengths.length === 0 ? gzip('') : none, xz.tail]
  }
}

/** What a copy of an index file needs to know: its bytes, for a store that cannot copy. */
export const copied = (file: IndexFile): { bytes?: Buffer; sha256: string; size: number } => ({
  bytes: file.body,
  sha256: file.digests.sha256,
  size: file.digests.size
})
