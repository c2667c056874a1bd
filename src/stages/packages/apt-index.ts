import type { Store } from '../../store/store.js'
import { gzip } from '../../repo/compress.js'
import { XZ_HEADER_LENGTH, xzBlock, xzFrame } from '../../repo/segmented/xz-blocks.js'
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
import { storeSegments, type EntryObject } from '../../repo/segmented/entries.js'
import {
  keptInPlace,
  plannedLengths,
  planSegments,
  segmentBytes,
  segmentOffsets,
  segmentsToRead,
  unchanged,
  type Segment
} from '../../repo/segmented/segments.js'
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
  // Unchanged only when its files were written with a manifest (a first publish writes empty ones).
  if (index.segmented && change.added.length === 0 && unchanged(old, plan)) return undefined
  const oldKeys = INDEX_FILES.map((n) => {
    const sha256 = listed.get(`${indexDir(arch)}/${n}`)?.sha256
    return sha256 === undefined ? undefined : byHash(o.prefix, arch, sha256)
  })
  const oldKey = (f: number): string => {
    const key = oldKeys[f]
    const shown = `${dists(o.prefix)}/${indexDir(arch)}/${INDEX_FILES[f]}`
    if (!key) throw new Error(`${o.store.location}/${shown}: not listed in the Release`)
    return key
  }
  // The old files' bytes, read only when some must be copied by us.
  let oldBodies: Buffer[] | undefined
  const bodies = async (): Promise<Buffer[]> =>
    (oldBodies ??= await Promise.all(
      INDEX_FILES.map((n, f) =>
        readListed(o.store, oldKey(f), 'the Release', {
          shown: `${dists(o.prefix)}/${indexDir(arch)}/${n}`
        })
      )
    ))
  // The old xz stream's header is the same as the new one's: its blocks begin after it.
  const heads = [0, 0, XZ_HEADER_LENGTH]
  // Texts of old entries being rebuilt come from their old segment's plain bytes.
  const toRead = segmentsToRead(old, plan, (e) => e.text !== undefined)
  await Promise.all(
    toRead.map(async (i) => {
      const start = segmentOffsets(old, LENGTH.plain)[i]
      const range = { start, end: start + old[i].lengths[LENGTH.plain] }
      const plain = await readListedRange(o.store, oldKey(LENGTH.plain), range, 'the Release')
      const texts = segmentStanzas(plain)
      old[i].entries!.forEach((e, j) => (e.text = texts[j]))
    })
  )
  const built = await Promise.all(
    plan.map(async (p) => {
      if ('keep' in p) return undefined
      const plain = Buffer.from(segmentText(p.build))
      const block = await xzBlock(plain, XZ_PRESET)
      return { bytes: [plain, gzip(plain), block.bytes], extra: [block.unpaddedSize] }
    })
  )
  // Packages.xz is one stream: its blocks (one per segment) under an index of them all.
  const lengths = plannedLengths(plan, built, old)
  const xzBlocks = lengths.map((l) => ({
    unpaddedSize: l[LENGTH.xzUnpadded],
    uncompressedSize: l[LENGTH.plain]
  }))
  const xz = xzFrame(xzBlocks)
  const none = Buffer.alloc(0)
  const frame = {
    heads: [none, none, xz.head],
    // An index with no package is still a valid (empty) compressed file.
    tails: [none, plan.length === 0 ? gzip('') : none, xz.tail]
  }
  const offsets = INDEX_FILES.map((_, f) => segmentOffsets(old, f, heads[f]))
  // The old segments kept in place at the start: their bytes stay where they are.
  const leading = keptInPlace(plan)
  const moved = plan.slice(leading).some((p) => 'keep' in p)
  /** Planned segment i's bytes in each file, from the old files when it is kept. */
  const bytesOf = async (i: number): Promise<Buffer[]> => {
    const p = plan[i]
    if (!('keep' in p)) return built[i]!.bytes
    return segmentBytes(old, await bodies(), p.keep, heads)
  }
  const partsFrom = (first: number): Promise<Buffer[][]> =>
    Promise.all(plan.slice(first).map((_, j) => bytesOf(first + j)))
  const { digests, states } = await segmentedDigests(plan, old, partsFrom, frame)
  // Only a store that also copies: the other names of a file it extends are copies of it.
  const extend = o.store.extend !== undefined && o.store.copy !== undefined && leading > 0 && !moved
  // The bytes this publish writes: after the kept start when extending, else all of them.
  const parts = await partsFrom(extend ? leading : 0)
  const files: IndexFile[] = INDEX_FILES.map((name, f): IndexFile => {
    const written = [...parts.map((b) => b[f]), frame.tails[f]]
    if (!extend)
      return { name, digests: digests[f], body: Buffer.concat([frame.heads[f], ...written]) }
    const keep = offsets[f][leading - 1] + old[leading - 1].lengths[f]
    return { name, digests: digests[f], extend: { from: oldKey(f), keep, append: written } }
  })
  const segments = plan.map((p, i): Segment<IndexEntry> | AptSegment =>
    'keep' in p ? old[p.keep] : { count: p.build.length, lengths: lengths[i], entries: p.build }
  )
  const { segments: described, objects: entryObjects } = storeSegments(
    segments,
    ENTRY_CODEC,
    (sha) => entriesKey(o.prefix, arch, sha)
  )
  const stored = described.map((s, i): AptSegment => ({ ...s, states: states[i] }))
  const manifest = Buffer.from(
    renderManifest({
      packagesSha256: files[0].digests.sha256,
      retention: change.retention,
      segments: stored
    })
  )
  files.push({ name: MANIFEST_FILE, body: manifest, digests: indexDigests(manifest) })
  return { files, segments: stored, entryObjects }
}

/** What a copy of an index file needs to know: its bytes, for a store that cannot copy. */
export const copied = (file: IndexFile): { bytes?: Buffer; sha256: string; size: number } => ({
  bytes: file.body,
  sha256: file.digests.sha256,
  size: file.digests.size
})
