import * as path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { retryOnConflict } from '../../store/conflict.js'
import type { Store } from '../../store/store.js'
import { gzip, XZ_HEADER_LENGTH, xzBlock, xzFrame } from '../../repo/compress.js'
import {
  entryKey,
  packageEntry,
  parsePackagesIndex,
  type IndexEntry
} from '../../repo/deb/packages-index.js'
import {
  ENTRIES_DIR,
  ENTRY_CODEC,
  INDEX_FILES,
  type AptSegment,
  LENGTH,
  MANIFEST_FILE,
  parseManifest,
  renderManifest,
  segmentStanzas,
  segmentText
} from '../../repo/deb/segment-manifest.js'
import {
  fileKey,
  loadMatching,
  nameKey,
  needsEveryEntry,
  parseSegmentEntries,
  storeSegments,
  type EntryObject,
  type StoredSegment
} from '../../repo/segment-entries.js'
import {
  plannedLengths,
  planSegments,
  segmentBytes,
  segmentOffsets,
  segmentsToRead,
  unchanged,
  type Segment
} from '../../repo/segments.js'
import type { DebPackage } from '../../repo/deb/parse.js'
import {
  releaseDigests,
  releaseFiles,
  releaseText,
  renderRelease
} from '../../repo/deb/release-file.js'
import { compareDebVersions } from '../../repo/deb/version.js'
import { versionsBeyond } from '../../repo/retention.js'
import { indexDigests, type Digests } from '../../repo/digest.js'
import { segmentedDigests } from '../../repo/segment-digests.js'
import { clearSign, detachSign } from '../../sign/openpgp.js'
import {
  deletePackageFiles,
  mergingAgain,
  pruneSuperseded,
  readListed,
  readObject,
  readVersioned,
  type RepositoryWriter
} from './store-io.js'

/**
 * One apt repository in the store (`packages/deb` or `packages/deb-dev`): package files in
 * `stable/`, suite `stable`, component `main`. A publish is a transaction: packages first, then
 * content-addressed indexes (by-hash), then the plain indexes, and last InRelease, written with
 * a compare-and-swap on the generation it merged into, then Release and Release.gpg.
 */
export const SUITE = 'stable'
export const COMPONENT = 'main'
export const ARCHITECTURES = ['amd64', 'arm64']
/**
 * Each segment's xz block is compressed once and copied from then on; preset 1 (1 MiB
 * dictionary) already spans a whole segment and keeps adding one package quick.
 */
const XZ_PRESET = 1
/**
 * apt fetches by-hash under the strongest hash the Release lists (SHA512 here); SHA256 copies
 * serve older clients. MD5 stays listed in Release for completeness but has no by-hash copies.
 */
const HASH_DIRS: Array<[dir: string, hash: keyof Digests]> = [
  ['SHA256', 'sha256'],
  ['SHA512', 'sha512']
]

export interface AptIndex {
  /** Its segments, entries loaded on demand (`load`); one segment read whole without a manifest. */
  segments: AptSegment[]
  /** True when its files were written with a manifest, so kept segments are copied from them. */
  segmented: boolean
  /** The dev retention every name in it satisfies (see PackagesManifest), when known. */
  retention?: number
  /** Reads the entries of one of its segments. */
  load: (segment: StoredSegment<IndexEntry>) => Promise<IndexEntry[]>
}

export interface AptSnapshot {
  /** etag of InRelease, undefined when the repository does not exist yet. */
  etag?: string
  /** Cleartext of the Release this generation was signed as. */
  release?: string
  /** Every binary-<arch>/Packages index. */
  indexes: Map<string, AptIndex>
}

const dists = (prefix: string): string => `${prefix}/dists/${SUITE}`
const indexDir = (arch: string): string => `${COMPONENT}/binary-${arch}`
const byHash = (prefix: string, arch: string, sha256: string): string =>
  `${dists(prefix)}/${indexDir(arch)}/by-hash/SHA256/${sha256}`
const entriesKey = (prefix: string, arch: string, sha256: string): string =>
  `${dists(prefix)}/${indexDir(arch)}/${ENTRIES_DIR}/${sha256}.json`

const emptyIndex = (): AptIndex => ({
  segments: [],
  segmented: false,
  load: () => Promise.resolve([])
})

/** Reads the generation InRelease points to, through by-hash names: a consistent snapshot even mid-publish. */
export async function readAptSnapshot(store: Store, prefix: string): Promise<AptSnapshot> {
  const inRelease = await readVersioned(store, `${dists(prefix)}/InRelease`)
  if (!inRelease) {
    // A repository made by other tools may have only Release + Release.gpg: merge into it rather
    // than start over (InRelease, created on commit, then becomes the compare-and-swap point).
    const plain = await readVersioned(store, `${dists(prefix)}/Release`)
    if (!plain) return { indexes: new Map(ARCHITECTURES.map((a) => [a, emptyIndex()])) }
    return { ...(await readIndexes(store, prefix, plain.text)), etag: undefined }
  }
  return {
    ...(await readIndexes(store, prefix, releaseText(inRelease.text))),
    etag: inRelease.etag
  }
}

async function readIndexes(store: Store, prefix: string, release: string): Promise<AptSnapshot> {
  const files = releaseFiles(release, `${dists(prefix)}/InRelease`)
  const indexes = new Map<string, AptIndex>()
  await Promise.all(
    ARCHITECTURES.map(async (arch) =>
      indexes.set(arch, await readIndex(store, prefix, arch, files))
    )
  )
  return { release, indexes: new Map(ARCHITECTURES.map((a) => [a, indexes.get(a)!])) }
}

async function readIndex(
  store: Store,
  prefix: string,
  arch: string,
  files: Map<string, { sha256: string }>
): Promise<AptIndex> {
  const rel = `${indexDir(arch)}/Packages`
  const manifest = files.get(`${indexDir(arch)}/${MANIFEST_FILE}`)
  if (manifest) {
    const where = `${dists(prefix)}/${indexDir(arch)}/${MANIFEST_FILE}`
    const body = await readListed(
      store,
      byHash(prefix, arch, manifest.sha256),
      'the Release',
      where
    )
    const m = parseManifest(body.toString('utf8'), where)
    // Written by us with the index it describes; anything else rewrote the index: read it whole.
    if (m.packagesSha256 === files.get(rel)?.sha256) {
      return {
        segments: m.segments,
        segmented: true,
        retention: m.retention,
        load: async (s) => {
          const key = entriesKey(prefix, arch, s.entriesSha256)
          const entries = await readListed(store, key, where)
          return parseSegmentEntries(entries, s, ENTRY_CODEC, `${store.location}/${key}`)
        }
      }
    }
  }
  // Ours always lists the plain index; other tools may list only compressed ones.
  const name = [rel, `${rel}.gz`].find((n) => files.has(n))
  if (!name) return emptyIndex()
  const raw =
    (await readObject(store, byHash(prefix, arch, files.get(name)!.sha256))) ??
    (await readObject(store, `${dists(prefix)}/${name}`))
  if (!raw)
    throw new Error(
      `${store.location}/${dists(prefix)}/${name}: index listed in the Release is missing`
    )
  const body = name.endsWith('.gz') ? gunzipSync(raw) : raw
  const entries = parsePackagesIndex(body.toString('utf8'), `${dists(prefix)}/${name}`)
  return {
    ...emptyIndex(),
    segments: entries.length
      ? [{ count: entries.length, lengths: [], entries, entriesSha256: '', filter: '' }]
      : []
  }
}

/** Loads, in every architecture's index, the segments that may hold one of `keys`. */
async function loadApt(snapshot: AptSnapshot, keys: string[] | 'all'): Promise<void> {
  await Promise.all(
    [...snapshot.indexes.values()].map((ix) => loadMatching(ix.segments, keys, ix.load))
  )
}

/** The entries loaded so far, in every architecture's index. */
const loadedEntries = (snapshot: AptSnapshot): IndexEntry[] =>
  [...snapshot.indexes.values()].flatMap((ix) => ix.segments.flatMap((s) => s.entries ?? []))

/** The SHA256 each of `filenames` is published with, for those some index lists. */
export async function publishedFiles(
  snapshot: AptSnapshot,
  filenames: string[]
): Promise<Map<string, string>> {
  await loadApt(snapshot, filenames.map(fileKey))
  const wanted = new Set(filenames)
  const out = new Map<string, string>()
  for (const e of loadedEntries(snapshot)) if (wanted.has(e.filename)) out.set(e.filename, e.sha256)
  return out
}

export interface AptChange {
  /** Packages to add (already uploaded, or about to be), with their store file name relative to the repo. */
  added: Array<{ pkg: Pick<DebPackage, 'control' | 'digests' | 'architecture'>; filename: string }>
  /** Drop stanzas matching this (removal patterns). */
  remove?: (name: string, version: string) => boolean
  /** Dev retention: keep the newest N versions of each package. */
  retention?: number
}

export interface AptCommit {
  removedFiles: string[]
  added: string[]
  removed: Array<{ name: string; version: string; architecture: string }>
}

/** What a change does to one architecture's index. */
export interface AptIndexChange {
  /** The entries of old segment i that stay, or undefined when all of them do. */
  survivors: (index: number) => IndexEntry[] | undefined
  added: IndexEntry[]
  /** The dev retention every name satisfies after the change. */
  retention?: number
}

/**
 * Merges a change into a snapshot: per architecture, which entries of which segments stay and
 * the entries added (an added entry replaces one with the same name/version/architecture), and
 * what left the indexes. Only the segments that may hold an added name or file are loaded,
 * unless the change must look at every entry (removal patterns, or a smaller retention than
 * the index last satisfied).
 */
export async function mergeApt(
  snapshot: AptSnapshot,
  change: AptChange
): Promise<{ indexes: Map<string, AptIndexChange>; commit: AptCommit }> {
  const addedByArch = new Map<string, IndexEntry[]>(ARCHITECTURES.map((a) => [a, []]))
  for (const { pkg, filename } of change.added) {
    const entry = packageEntry(pkg, filename)
    const archs = pkg.architecture === 'all' ? ARCHITECTURES : [pkg.architecture]
    for (const a of archs) addedByArch.get(a)?.push(entry)
  }
  const addedEntries = [...addedByArch.values()].flat()
  const everything = needsEveryEntry(change, [...snapshot.indexes.values()])
  await loadApt(
    snapshot,
    everything ? 'all' : addedEntries.flatMap((e) => [nameKey(e.name), fileKey(e.filename)])
  )
  // Retention counts versions per package name across architectures.
  const dropVersion =
    change.retention === undefined
      ? new Map<string, Set<string>>()
      : versionsBeyond(
          [...loadedEntries(snapshot), ...addedEntries],
          change.retention,
          (e) => e.name,
          (e) => e.version,
          (a, b) => compareDebVersions(b.version, a.version)
        )
  const drop = (e: IndexEntry): boolean =>
    change.remove?.(e.name, e.version) === true || dropVersion.get(e.name)?.has(e.version) === true
  const indexes = new Map<string, AptIndexChange>()
  const removed: AptCommit['removed'] = []
  const gone = new Set<string>()
  for (const arch of ARCHITECTURES) {
    const index = snapshot.indexes.get(arch) ?? emptyIndex()
    const adds = (addedByArch.get(arch) ?? []).filter((e) => !drop(e))
    const replaced = new Set(adds.map(entryKey))
    const stays = new Map<number, IndexEntry[]>()
    index.segments.forEach((s, i) => {
      if (!s.entries) return
      const kept = s.entries.filter((e) => !drop(e) && !replaced.has(entryKey(e)))
      if (kept.length === s.entries.length) return
      stays.set(i, kept)
      const left = new Set(kept)
      for (const e of s.entries) {
        if (left.has(e)) continue
        gone.add(e.filename)
        // A replaced entry whose file is published again under the same name did not leave.
        if (!adds.some((a) => a.filename === e.filename))
          removed.push({ name: e.name, version: e.version, architecture: arch })
      }
    })
    indexes.set(arch, {
      survivors: (i) => stays.get(i),
      added: adds,
      retention: change.retention ?? index.retention
    })
  }
  // A file leaves the store only when no index of any architecture lists it any more.
  await loadApt(snapshot, [...gone].map(fileKey))
  const stillUsed = new Set<string>()
  for (const arch of ARCHITECTURES) {
    const index = snapshot.indexes.get(arch) ?? emptyIndex()
    const c = indexes.get(arch)!
    index.segments.forEach((s, i) => {
      for (const e of c.survivors(i) ?? s.entries ?? []) stillUsed.add(e.filename)
    })
    for (const e of c.added) stillUsed.add(e.filename)
  }
  return {
    indexes,
    commit: {
      removedFiles: [...gone].filter((f) => f && !stillUsed.has(f)),
      added: change.added.map((a) => a.filename),
      removed
    }
  }
}

export interface AptPublishOptions extends RepositoryWriter {
  origin?: string
  /** For tests: the clock of the Release `Date` field. */
  now?: () => Date
  /** The snapshot the plan read: the first attempt merges into it (the compare-and-swap catches a stale one). */
  snapshot?: AptSnapshot
}

/**
 * One index file of the next generation, with its digests: its bytes, or the old file it
 * extends (its first `keep` bytes, then `append`).
 */
type IndexFile = { name: string; digests: Digests } & (
  | { body: Buffer; extend?: undefined }
  | { body?: undefined; extend: { from: string; keep: number; append: Buffer[] } }
)

/** The files of one architecture's next index, and the segments they are cut into. */
interface NextIndex {
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
async function nextIndex(
  o: AptPublishOptions,
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
        readListed(o.store, oldKey(f), 'the Release', `${dists(o.prefix)}/${indexDir(arch)}/${n}`)
      )
    ))
  // The old xz stream's header is the same as the new one's: its blocks begin after it.
  const heads = [0, 0, XZ_HEADER_LENGTH]
  // Texts of old entries being rebuilt come from their old segment's plain bytes.
  const toRead = segmentsToRead(old, plan, (e) => e.text !== undefined)
  await Promise.all(
    toRead.map(async (i) => {
      const start = segmentOffsets(old, LENGTH.plain)[i]
      const plain = await readRange(o.store, oldKey(LENGTH.plain), start, old[i].lengths[0])
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
  let leading = 0
  while (leading < plan.length && (plan[leading] as { keep?: number }).keep === leading) leading++
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
  const files: IndexFile[] = await Promise.all(
    INDEX_FILES.map(async (name, f): Promise<IndexFile> => {
      if (extend) {
        const keep = offsets[f][leading - 1] + old[leading - 1].lengths[f]
        const rest = await partsFrom(leading)
        return {
          name,
          digests: digests[f],
          extend: { from: oldKey(f), keep, append: [...rest.map((b) => b[f]), frame.tails[f]] }
        }
      }
      const all = await partsFrom(0)
      return {
        name,
        digests: digests[f],
        body: Buffer.concat([frame.heads[f], ...all.map((b) => b[f]), frame.tails[f]])
      }
    })
  )
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
const copied = (file: IndexFile): { bytes?: Buffer; sha256: string; size: number } => ({
  bytes: file.body,
  sha256: file.digests.sha256,
  size: file.digests.size
})

/** Bytes `start` to `start + length` of an object the Release lists. */
async function readRange(
  store: Store,
  key: string,
  start: number,
  length: number
): Promise<Buffer> {
  const range = { start, end: start + length }
  const bytes = store.read
    ? await store.read(key, range)
    : (await readObject(store, key))?.subarray(range.start, range.end)
  if (!bytes) throw new Error(`${store.location}/${key}: listed in the Release but missing`)
  if (bytes.length !== length)
    throw new Error(`${store.location}/${key}: shorter than its segment manifest says`)
  return bytes
}

/**
 * Writes a new generation of the indexes, retrying the merge when another publish committed
 * first. Returns what changed. Package files must already be in the store.
 */
export async function commitApt(change: AptChange, o: AptPublishOptions): Promise<AptCommit> {
  const { snapshot, release, releaseGpg, commit, segments } = await retryOnConflict(
    async (attempt) => {
      const snapshot =
        attempt === 1 && o.snapshot ? o.snapshot : await readAptSnapshot(o.store, o.prefix)
      const { indexes, commit } = await mergeApt(snapshot, change)
      const previous = snapshot.release
        ? releaseDigests(snapshot.release, `${dists(o.prefix)}/InRelease`)
        : new Map<string, Digests>()
      const files: Array<{ path: string; digests: Digests }> = []
      // Each new index file is written once, under its SHA256; its other names are copies.
      const written: Array<{
        byHash: string
        copies: string[]
        plain?: string
        file: IndexFile
      }> = []
      const next = await Promise.all(
        ARCHITECTURES.map((arch) =>
          nextIndex(o, arch, snapshot.indexes.get(arch)!, previous, indexes.get(arch)!)
        )
      )
      // The segments each index is cut into after this publish, to keep their entry objects.
      const segments = ARCHITECTURES.map((arch, i): [string, Array<StoredSegment<IndexEntry>>] => [
        arch,
        next[i]?.segments ?? snapshot.indexes.get(arch)!.segments
      ])
      for (const [i, arch] of ARCHITECTURES.entries()) {
        const dir = indexDir(arch)
        const names = [...INDEX_FILES, MANIFEST_FILE]
        const index = next[i]
        // An index that did not change keeps its files and their listing: nothing to write.
        if (!index) {
          for (const n of names) {
            const listed = previous.get(`${dir}/${n}`)
            if (!listed) throw new Error(`${dists(o.prefix)}/Release does not list ${dir}/${n}`)
            files.push({ path: `${dir}/${n}`, digests: listed })
          }
          continue
        }
        for (const file of index.files) {
          const { name, digests } = file
          files.push({ path: `${dir}/${name}`, digests })
          // Every file the Release lists is served under each of its hashes (the manifest is only
          // ever read that way; apt reads the indexes by either name).
          const [first, ...others] = HASH_DIRS.map(
            ([hashDir, hash]) => `${dists(o.prefix)}/${dir}/by-hash/${hashDir}/${digests[hash]}`
          )
          written.push({
            byHash: first,
            copies: others,
            plain: name === MANIFEST_FILE ? undefined : `${dists(o.prefix)}/${dir}/${name}`,
            file
          })
        }
      }
      // Safe order: the packages and the content-addressed files (the entry objects the
      // manifests name, the indexes by hash) first, then the other names, then the signed Release.
      await Promise.all([
        o.stored,
        ...next.flatMap((n) =>
          (n?.entryObjects ?? []).map((e) => o.uploader.immutable(e.key, e.body, 'index', e.sha256))
        ),
        ...written.map(({ byHash, file }) =>
          file.extend
            ? o.uploader.extend(file.extend, byHash, file.digests, 'index')
            : o.uploader.immutable(byHash, file.body, 'index', file.digests.sha256)
        )
      ])
      await Promise.all(
        written.flatMap((w) => [
          // Other by-hash names hold the same bytes if they exist; plain names are replaced.
          ...w.copies.map((to) =>
            o.uploader.copy(w.byHash, to, copied(w.file), 'index', { createOnly: true })
          ),
          ...(w.plain ? [o.uploader.copy(w.byHash, w.plain, copied(w.file), 'index')] : [])
        ])
      )
      const release = renderRelease({
        origin: o.origin ?? 'falco-publish',
        label: o.origin ?? 'falco-publish',
        suite: SUITE,
        codename: SUITE,
        date: (o.now ?? (() => new Date()))(),
        architectures: ARCHITECTURES,
        components: [COMPONENT],
        files
      })
      // Release.gpg is signed before the commit too, so it follows InRelease closely.
      const [inRelease, releaseGpg] = await Promise.all([
        clearSign(release, o.keys),
        detachSign(release, o.keys)
      ])
      await o.uploader.commit(`${dists(o.prefix)}/InRelease`, inRelease, snapshot.etag, 'signature')
      return { snapshot, release, releaseGpg, commit, segments }
    },
    mergingAgain(o.log, o.prefix)
  )
  // Entry objects of the previous generation's segments stay as long as its by-hash files.
  const keepEntries = new Set(
    [...segments, ...[...snapshot.indexes].map(([a, ix]) => [a, ix.segments] as const)].flatMap(
      ([arch, list]) => list.map((s) => entriesKey(o.prefix, arch, s.entriesSha256))
    )
  )
  // Release and Release.gpg follow InRelease; what no generation names any more goes meanwhile.
  await Promise.all([
    o.uploader.bytes(`${dists(o.prefix)}/Release`, release, 'index'),
    o.uploader.bytes(`${dists(o.prefix)}/Release.gpg`, releaseGpg, 'signature'),
    pruneSuperseded(
      o.store,
      `${dists(o.prefix)}/${COMPONENT}/`,
      prunableIn([release, snapshot.release ?? ''], keepEntries),
      o.log
    )
  ])
  // Packages that left the indexes go once every signed index names the new generation.
  await deletePackageFiles(o.store, o.prefix, commit.removedFiles, o.log)
  return commit
}

/**
 * What a publish may delete under `dists/<suite>/main/`: by-hash copies listed by neither the
 * current nor the previous Release, and entry objects neither generation's manifests name.
 */
function prunableIn(releases: string[], keepEntries: Set<string>): (key: string) => boolean {
  const keep = new Set(releases.flatMap(releaseFilesAllHashes))
  return (key) =>
    key.includes('/by-hash/')
      ? !keep.has(path.posix.basename(key))
      : key.includes(`/${ENTRIES_DIR}/`) && !keepEntries.has(key)
}

function releaseFilesAllHashes(release: string): string[] {
  return [...release.matchAll(/^ ([0-9a-f]{32,128}) +\d+ \S+$/gm)].map((m) => m[1])
}
