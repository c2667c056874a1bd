import * as path from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { Logger } from '../../report/log.js'
import { retryOnConflict } from '../../store/conflict.js'
import type { Store } from '../../store/store.js'
import { gzip, xzBlock, xzFrame } from '../../repo/compress.js'
import {
  entryKey,
  packageEntry,
  parsePackagesIndex,
  type IndexEntry
} from '../../repo/deb/packages-index.js'
import {
  INDEX_FILES,
  LENGTH,
  MANIFEST_FILE,
  parseManifest,
  renderManifest,
  segmentStanzas,
  segmentText
} from '../../repo/deb/segment-manifest.js'
import {
  assemble,
  plannedLengths,
  planSegments,
  segmentBytes,
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
 * apt fetches by-hash under the strongest hash the Release lists (SHA512 here); SHA256 copies
 * serve older clients. MD5 stays listed in Release for completeness but has no by-hash copies.
 */
/**
 * Each segment's xz block is compressed once and copied from then on; preset 1 (1 MiB
 * dictionary) already spans a whole segment and keeps adding one package quick.
 */
const XZ_PRESET = 1
const HASH_DIRS: Array<[dir: string, hash: keyof Digests]> = [
  ['SHA256', 'sha256'],
  ['SHA512', 'sha512']
]

export interface AptSnapshot {
  /** etag of InRelease, undefined when the repository does not exist yet. */
  etag?: string
  /** Cleartext of the Release this generation was signed as. */
  release?: string
  /** The entries of every binary-<arch>/Packages index. */
  indexes: Map<string, IndexEntry[]>
  /**
   * How each index is cut into segments (the same entry objects as `indexes`). Absent for an
   * index written without a segment manifest: its entries carry their text and it is rebuilt.
   */
  segments?: Map<string, Array<Segment<IndexEntry>>>
}

const dists = (prefix: string): string => `${prefix}/dists/${SUITE}`
const indexDir = (arch: string): string => `${COMPONENT}/binary-${arch}`
const byHash = (prefix: string, arch: string, sha256: string): string =>
  `${dists(prefix)}/${indexDir(arch)}/by-hash/SHA256/${sha256}`

/** Reads the generation InRelease points to, through by-hash names: a consistent snapshot even mid-publish. */
export async function readAptSnapshot(store: Store, prefix: string): Promise<AptSnapshot> {
  const inRelease = await readVersioned(store, `${dists(prefix)}/InRelease`)
  if (!inRelease) {
    // A repository made by other tools may have only Release + Release.gpg: merge into it rather
    // than start over (InRelease, created on commit, then becomes the compare-and-swap point).
    const plain = await readVersioned(store, `${dists(prefix)}/Release`)
    if (!plain) return { indexes: new Map(ARCHITECTURES.map((a) => [a, []])) }
    return { ...(await readIndexes(store, prefix, plain.text)), etag: undefined }
  }
  return {
    ...(await readIndexes(store, prefix, releaseText(inRelease.text))),
    etag: inRelease.etag
  }
}

async function readIndexes(store: Store, prefix: string, release: string): Promise<AptSnapshot> {
  const files = releaseFiles(release, `${dists(prefix)}/InRelease`)
  const indexes = new Map<string, IndexEntry[]>()
  const segments = new Map<string, Array<Segment<IndexEntry>>>()
  await Promise.all(
    ARCHITECTURES.map(async (arch) => {
      const read = await readIndex(store, prefix, arch, files)
      indexes.set(arch, read.entries)
      if (read.segments) segments.set(arch, read.segments)
    })
  )
  return { release, indexes, segments }
}

async function readIndex(
  store: Store,
  prefix: string,
  arch: string,
  files: Map<string, { sha256: string }>
): Promise<{ entries: IndexEntry[]; segments?: Array<Segment<IndexEntry>> }> {
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
      return { entries: m.segments.flatMap((s) => s.entries), segments: m.segments }
    }
  }
  // Ours always lists the plain index; other tools may list only compressed ones.
  const name = [rel, `${rel}.gz`].find((n) => files.has(n))
  if (!name) return { entries: [] }
  const raw =
    (await readObject(store, byHash(prefix, arch, files.get(name)!.sha256))) ??
    (await readObject(store, `${dists(prefix)}/${name}`))
  if (!raw)
    throw new Error(
      `${store.location}/${dists(prefix)}/${name}: index listed in the Release is missing`
    )
  const body = name.endsWith('.gz') ? gunzipSync(raw) : raw
  return { entries: parsePackagesIndex(body.toString('utf8'), `${dists(prefix)}/${name}`) }
}

/** Every published file name with its SHA256, from all architectures' indexes. */
export function publishedFiles(snapshot: Pick<AptSnapshot, 'indexes'>): Map<string, string> {
  const out = new Map<string, string>()
  for (const stanzas of snapshot.indexes.values()) {
    for (const e of stanzas) out.set(e.filename, e.sha256)
  }
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

/**
 * Merges a change into a snapshot: per architecture, the entries that stay (in their order) and
 * the entries added (an added entry replaces one with the same name/version/architecture), and
 * what left the indexes.
 */
export function mergeApt(
  snapshot: Pick<AptSnapshot, 'indexes'>,
  change: AptChange
): {
  indexes: Map<string, IndexEntry[]>
  kept: Map<string, IndexEntry[]>
  added: Map<string, IndexEntry[]>
  commit: AptCommit
} {
  const addedByArch = new Map<string, IndexEntry[]>(ARCHITECTURES.map((a) => [a, []]))
  for (const { pkg, filename } of change.added) {
    const entry = packageEntry(pkg, filename)
    const archs = pkg.architecture === 'all' ? ARCHITECTURES : [pkg.architecture]
    for (const a of archs) addedByArch.get(a)?.push(entry)
  }
  // Retention counts versions per package name across architectures.
  const dropVersion =
    change.retention === undefined
      ? new Map<string, Set<string>>()
      : versionsBeyond(
          [...snapshot.indexes.values(), ...addedByArch.values()].flat(),
          change.retention,
          (e) => e.name,
          (e) => e.version,
          (a, b) => compareDebVersions(b.version, a.version)
        )
  const drop = (e: IndexEntry): boolean =>
    change.remove?.(e.name, e.version) === true || dropVersion.get(e.name)?.has(e.version) === true
  const indexes = new Map<string, IndexEntry[]>()
  const keptByArch = new Map<string, IndexEntry[]>()
  const added = new Map<string, IndexEntry[]>()
  const removed: AptCommit['removed'] = []
  for (const arch of ARCHITECTURES) {
    const before = snapshot.indexes.get(arch) ?? []
    const adds = (addedByArch.get(arch) ?? []).filter((e) => !drop(e))
    const replaced = new Set(adds.map(entryKey))
    const kept = before.filter((e) => !drop(e) && !replaced.has(entryKey(e)))
    keptByArch.set(arch, kept)
    added.set(arch, adds)
    indexes.set(arch, [...kept, ...adds])
    const after = new Set([...kept, ...adds].map((e) => e.filename))
    for (const e of before) {
      if (!after.has(e.filename))
        removed.push({ name: e.name, version: e.version, architecture: arch })
    }
  }
  const stillUsed = new Set([...indexes.values()].flat().map((e) => e.filename))
  const removedFiles = [...publishedFiles(snapshot).keys()].filter((f) => f && !stillUsed.has(f))
  return {
    indexes,
    kept: keptByArch,
    added,
    commit: { removedFiles, added: change.added.map((a) => a.filename), removed }
  }
}

export interface AptPublishOptions extends RepositoryWriter {
  origin?: string
  /** For tests: the clock of the Release `Date` field. */
  now?: () => Date
  /** The snapshot the plan read: the first attempt merges into it (the compare-and-swap catches a stale one). */
  snapshot?: AptSnapshot
}

/** One index file of the next generation, with its digests. */
interface IndexFile {
  name: string
  body: Buffer
  digests: Digests
}

/**
 * The files of one architecture's next index: Packages, Packages.gz, Packages.xz and the segment
 * manifest, or undefined when its segments stay as they are.
 */
async function nextIndex(
  o: AptPublishOptions,
  arch: string,
  snapshot: AptSnapshot,
  /** What the snapshot's Release lists: where the old index files are, by hash. */
  listed: Map<string, Digests>,
  kept: IndexEntry[],
  added: IndexEntry[]
): Promise<IndexFile[] | undefined> {
  const before = snapshot.indexes.get(arch) ?? []
  const old =
    snapshot.segments?.get(arch) ?? (before.length ? [{ entries: before, lengths: [] }] : [])
  const stays = new Set(kept)
  const plan = planSegments(old, (e) => stays.has(e), added)
  // Unchanged only when its files were written with a manifest (a first publish writes empty ones).
  if (snapshot.segments?.has(arch) && added.length === 0 && unchanged(old, plan)) return undefined
  // The old files' bytes, read only when a segment is copied or an old entry's text is needed.
  let oldBodies: Buffer[] | undefined
  const bodies = async (): Promise<Buffer[]> =>
    (oldBodies ??= await Promise.all(
      INDEX_FILES.map(async (n) => {
        const shown = `${dists(o.prefix)}/${indexDir(arch)}/${n}`
        const sha256 = listed.get(`${indexDir(arch)}/${n}`)?.sha256
        if (!sha256) throw new Error(`${o.store.location}/${shown}: not listed in the Release`)
        return readListed(o.store, byHash(o.prefix, arch, sha256), 'the Release', shown)
      })
    ))
  // Texts of old entries being rebuilt come from their old segment's plain bytes.
  const toRead = segmentsToRead(old, plan, (e) => e.text !== undefined)
  for (const i of toRead) {
    const [plain] = segmentBytes(old, await bodies(), i)
    const texts = segmentStanzas(plain)
    old[i].entries.forEach((e, j) => (e.text = texts[j]))
  }
  const built = await Promise.all(
    plan.map(async (p) => {
      if ('keep' in p) return undefined
      const plain = Buffer.from(segmentText(p.build))
      const block = await xzBlock(plain, XZ_PRESET)
      return { bytes: [plain, gzip(plain), block.bytes], extra: [block.unpaddedSize] }
    })
  )
  // Packages.xz is one stream: its blocks (one per segment) under an index of them all.
  const xzBlocks = plannedLengths(plan, built, old).map((l) => ({
    unpaddedSize: l[LENGTH.xzUnpadded],
    uncompressedSize: l[LENGTH.plain]
  }))
  const frame = xzFrame(xzBlocks)
  const none = Buffer.alloc(0)
  const { bodies: next, segments } = assemble(
    plan,
    built,
    // The old Packages.xz starts with the same stream header: its blocks begin after it.
    {
      segments: old,
      bodies: toRead.length || plan.some((p) => 'keep' in p) ? await bodies() : [],
      heads: [0, 0, frame.head.length]
    },
    {
      heads: [none, none, frame.head],
      // An index with no package is still a valid (empty) compressed file.
      tails: [none, plan.length === 0 ? gzip('') : none, frame.tail]
    }
  )
  const out: IndexFile[] = INDEX_FILES.map((name, f) => ({
    name,
    body: next[f],
    digests: indexDigests(next[f])
  }))
  const manifest = Buffer.from(renderManifest({ packagesSha256: out[0].digests.sha256, segments }))
  out.push({ name: MANIFEST_FILE, body: manifest, digests: indexDigests(manifest) })
  return out
}

/**
 * Writes a new generation of the indexes, retrying the merge when another publish committed
 * first. Returns what changed. Package files must already be in the store.
 */
export async function commitApt(change: AptChange, o: AptPublishOptions): Promise<AptCommit> {
  const { snapshot, release, commit } = await retryOnConflict(
    async (attempt) => {
      const snapshot =
        attempt === 1 && o.snapshot ? o.snapshot : await readAptSnapshot(o.store, o.prefix)
      const { kept, added, commit } = mergeApt(snapshot, change)
      const previous = snapshot.release
        ? releaseDigests(snapshot.release, `${dists(o.prefix)}/InRelease`)
        : new Map<string, Digests>()
      const files: Array<{ path: string; digests: Digests }> = []
      // Each new index file is written once, under its SHA256; its other names are copies.
      const written: Array<{
        byHash: string
        copies: string[]
        plain?: string
        body: { bytes: Buffer; sha256: string }
      }> = []
      const next = await Promise.all(
        ARCHITECTURES.map((arch) =>
          nextIndex(o, arch, snapshot, previous, kept.get(arch) ?? [], added.get(arch) ?? [])
        )
      )
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
        for (const { name, body, digests } of index) {
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
            body: { bytes: body, sha256: digests.sha256 }
          })
        }
      }
      // Safe order: content-addressed copies first, then the plain names, then the signed Release.
      await Promise.all(written.map((w) => o.uploader.immutable(w.byHash, w.body.bytes, 'index')))
      await Promise.all(
        written.flatMap((w) => w.copies.map((to) => o.uploader.copy(w.byHash, to, w.body, 'index')))
      )
      await Promise.all(
        written.map((w) => w.plain && o.uploader.copy(w.byHash, w.plain, w.body, 'index'))
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
      await o.uploader.commit(
        `${dists(o.prefix)}/InRelease`,
        await clearSign(release, o.keys),
        snapshot.etag,
        'signature'
      )
      return { snapshot, release, commit }
    },
    mergingAgain(o.log, o.prefix)
  )
  const releaseGpg = await detachSign(release, o.keys)
  await Promise.all([
    o.uploader.bytes(`${dists(o.prefix)}/Release`, release, 'index'),
    o.uploader.bytes(`${dists(o.prefix)}/Release.gpg`, releaseGpg, 'signature')
  ])
  await pruneByHash(o.store, o.prefix, [release, snapshot.release ?? ''], o.log)
  await deletePackageFiles(o.store, o.prefix, commit.removedFiles, o.log)
  return commit
}

/** Deletes by-hash copies listed by neither the current nor the previous Release. */
async function pruneByHash(
  store: Store,
  prefix: string,
  releases: string[],
  log: Logger
): Promise<void> {
  const keep = new Set(releases.flatMap(releaseFilesAllHashes))
  await pruneSuperseded(
    store,
    `${dists(prefix)}/${COMPONENT}/`,
    (key) => key.includes('/by-hash/') && !keep.has(path.posix.basename(key)),
    log
  )
}

function releaseFilesAllHashes(release: string): string[] {
  return [...release.matchAll(/^ ([0-9a-f]{32,128}) +\d+ \S+$/gm)].map((m) => m[1])
}
