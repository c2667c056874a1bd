import * as path from 'node:path'
import { awaitedLater } from '../../awaited-later.js'
import { retryOnConflict } from '../../store/conflict.js'
import { statObject } from '../../store/store.js'
import { ENTRIES_DIR, INDEX_FILES, MANIFEST_FILE } from '../../repo/deb/segment-manifest.js'
import { keptReleaseFields, releaseDigests, renderRelease } from '../../repo/deb/release-file.js'
import type { Digests } from '../../repo/digest.js'
import { clearSign, detachSign } from '../../sign/openpgp.js'
import {
  deletePackageFiles,
  listSuperseded,
  logPending,
  mergingAgain,
  pruneSuperseded,
  type RepositoryWriter
} from './store-io.js'
import { ARCHITECTURES, COMPONENT, dists, entriesKey, indexDir, SUITE } from './apt-layout.js'
import { readAptSnapshot, type AptSnapshot } from './apt-snapshot.js'
import { mergeApt, type AptChange, type AptCommit } from './apt-merge.js'
import { copied, nextIndex, type IndexFile, type NextIndex } from './apt-index.js'
import { finishApt } from './finish.js'
import { renderPendingField, type Pending } from '../../repo/pending.js'

/**
 * One apt repository in the store (`packages/deb` or `packages/deb-dev`): package files in
 * `stable/`, suite `stable`, component `main`. A publish is a transaction: packages first, then
 * content-addressed indexes (by-hash), then the plain indexes, and last InRelease, written with
 * a compare-and-swap on the generation it merged into, then Release and Release.gpg.
 *
 * Its parts: where the files are (apt-layout.ts), reading the signed generation
 * (apt-snapshot.ts), merging a change into it (apt-merge.ts), and the next index files
 * (apt-index.ts).
 */

/**
 * apt fetches by-hash under the strongest hash the Release lists (SHA512 here); SHA256 copies
 * serve older clients. MD5 stays listed in Release for completeness but has no by-hash copies.
 */
const HASH_DIRS: Array<[dir: string, hash: keyof Digests]> = [
  ['SHA256', 'sha256'],
  ['SHA512', 'sha512']
]

export interface AptPublishOptions extends RepositoryWriter {
  /**
   * Origin and Label of a new repository (default: its prefix); an existing one keeps its own
   * (see keptReleaseFields).
   */
  origin?: string
  label?: string
  /** For tests: the clock of the Release `Date` field. */
  now?: () => Date
  /** The snapshot the plan read: the first attempt merges into it (the compare-and-swap catches a stale one). */
  snapshot?: AptSnapshot
}

/**
 * Writes a new generation of the indexes, retrying the merge when another publish committed
 * first. Returns what changed. Package files must already be in the store.
 */
export async function commitApt(change: AptChange, o: AptPublishOptions): Promise<AptCommit> {
  const superseded = listSuperseded(o.store, `${dists(o.prefix)}/${COMPONENT}/`)
  const generation = await retryOnConflict(
    async (attempt) => {
      const snapshot =
        attempt === 1 && o.snapshot ? o.snapshot : await readAptSnapshot(o.store, o.prefix)
      const { indexes, commit } = await mergeApt(snapshot, change)
      const previous = snapshot.release
        ? releaseDigests(snapshot.release, `${dists(o.prefix)}/InRelease`)
        : new Map<string, Digests>()
      // A repository keeps its compression set: Packages.xz only where the Release had it (a
      // new repository gets it), so another tool that lists every Packages* file it finds
      // never lists one that no one rewrites.
      const names = indexNames(snapshot.release, previous)
      const next = await Promise.all(
        ARCHITECTURES.map((arch) =>
          nextIndex(o, arch, snapshot.indexes.get(arch)!, previous, indexes.get(arch)!)
        )
      )
      const keepEntries = entryObjectsNamed(o.prefix, next, snapshot)
      const { files, written } = indexListing(o.prefix, next, previous, names)
      const release = nextRelease(o, snapshot.release, files, commit.pending)
      // Safe order: the packages and the content-addressed files first, then the other names,
      // then the signed Release. The Release names only digests, known now: it is signed while
      // the files are written, so the commit follows the last copy.
      const writing = writeContentAddressed(o, next, written)
      // Started once the writes are under way: signing takes the event loop for a moment.
      // Awaited below; a write that fails first leaves it unread.
      const signed = awaitedLater(
        Promise.all([clearSign(release, o.keys), detachSign(release, o.keys)])
      )
      await writing
      await copyIndexNames(o, written)
      const [inRelease, releaseGpg] = await signed
      // Files pending deletion whose grace has passed go before the generation that forgets
      // them commits: a publish stopped in between leaves them pending, never unnamed.
      await deletePackageFiles(o.store, o.prefix, commit.due, o.log)
      const committed = await o.uploader.commit(
        `${dists(o.prefix)}/InRelease`,
        inRelease,
        snapshot.etag,
        'signature'
      )
      return { snapshot, release, releaseGpg, commit, keepEntries, names, committed }
    },
    mergingAgain(o.log, o.prefix)
  )
  const { snapshot, release, releaseGpg, commit, keepEntries, names, committed } = generation
  // Release, Release.gpg and the plain indexes follow InRelease (the current one: a publish
  // that committed after this one is finished too); what no generation names goes meanwhile.
  await Promise.all([
    finishApt(o, { text: release, signature: releaseGpg }, committed),
    pruneApt(o, superseded, [release, snapshot.release ?? ''], keepEntries),
    deleteUnlisted(o, names)
  ])
  logPending(o.log, o.prefix, commit.removedFiles, commit.pending)
  return commit
}

/** An index file this generation writes: once under its SHA256, then copied to its other names. */
interface WrittenFile {
  byHash: string
  copies: string[]
  /** Its plain name (`Packages`...), absent for the manifest, which is only read by hash. */
  plain?: string
  file: IndexFile
}

/**
 * What the next Release lists for each index (an unchanged index keeps its files and their
 * listing) and the files to write: every file the Release lists is served under each of its
 * hashes, and the indexes under their plain names too.
 */
function indexListing(
  prefix: string,
  next: Array<NextIndex | undefined>,
  previous: Map<string, Digests>,
  names: string[]
): { files: Array<{ path: string; digests: Digests }>; written: WrittenFile[] } {
  const files: Array<{ path: string; digests: Digests }> = []
  const written: WrittenFile[] = []
  for (const [i, arch] of ARCHITECTURES.entries()) {
    const dir = indexDir(arch)
    const index = next[i]
    if (!index) {
      for (const n of names) {
        const listed = previous.get(`${dir}/${n}`)
        if (!listed) throw new Error(`${dists(prefix)}/Release does not list ${dir}/${n}`)
        files.push({ path: `${dir}/${n}`, digests: listed })
      }
      continue
    }
    for (const file of index.files) {
      const { name, digests } = file
      if (!names.includes(name)) continue
      files.push({ path: `${dir}/${name}`, digests })
      const [first, ...others] = HASH_DIRS.map(
        ([hashDir, hash]) => `${dists(prefix)}/${dir}/by-hash/${hashDir}/${digests[hash]}`
      )
      written.push({
        byHash: first,
        copies: others,
        plain: name === MANIFEST_FILE ? undefined : `${dists(prefix)}/${dir}/${name}`,
        file
      })
    }
  }
  return { files, written }
}

/**
 * Entry objects this generation's manifests name, or the previous one's: they stay (as long as
 * the by-hash files of both).
 */
function entryObjectsNamed(
  prefix: string,
  next: Array<NextIndex | undefined>,
  snapshot: AptSnapshot
): Set<string> {
  return new Set(
    ARCHITECTURES.flatMap((arch, i) =>
      [...(next[i]?.segments ?? []), ...snapshot.indexes.get(arch)!.segments].map((s) =>
        entriesKey(prefix, arch, s.entriesSha256)
      )
    )
  )
}

/** The next Release: an existing repository keeps its own fields (see keptReleaseFields). */
function nextRelease(
  o: AptPublishOptions,
  previous: string | undefined,
  files: Array<{ path: string; digests: Digests }>,
  pending: Pending
): string {
  const kept = previous ? keptReleaseFields(previous) : {}
  return renderRelease({
    origin: kept.origin ?? o.origin ?? o.prefix,
    label: kept.label ?? o.label ?? o.origin ?? o.prefix,
    suite: kept.suite ?? SUITE,
    codename: kept.codename ?? SUITE,
    description: kept.description,
    date: (o.now ?? (() => new Date()))(),
    architectures: kept.architectures ? [kept.architectures] : ARCHITECTURES,
    components: [COMPONENT],
    files,
    extra: renderPendingField(pending)
  })
}

/**
 * Writes what no reader finds before the Release names it: the packages (`o.stored`), the entry
 * objects the manifests name, and each index file under its SHA256 (extending the old one where
 * it can).
 */
async function writeContentAddressed(
  o: AptPublishOptions,
  next: Array<NextIndex | undefined>,
  written: WrittenFile[]
): Promise<void> {
  await Promise.all([
    o.stored,
    ...next.flatMap((n) =>
      (n?.entryObjects ?? []).map((e) => o.uploader.immutable(e.key, e.body, 'index', e.sha256))
    ),
    ...written.map(({ byHash, file }) =>
      file.extend
        ? o.uploader.extend(file.extend, byHash, file.digests.sha256, 'index')
        : o.uploader.immutable(byHash, file.body, 'index', file.digests.sha256)
    )
  ])
}

/** The other names of each file written: other by-hash names hold the same bytes if they exist; plain names are replaced. */
async function copyIndexNames(o: AptPublishOptions, written: WrittenFile[]): Promise<void> {
  await Promise.all(
    written.flatMap((w) => [
      ...w.copies.map((to) =>
        o.uploader.copy(w.byHash, to, copied(w.file), 'index', { createOnly: true })
      ),
      ...(w.plain ? [o.uploader.copy(w.byHash, w.plain, copied(w.file), 'index')] : [])
    ])
  )
}

/** The files of each index this generation lists: INDEX_FILES, less Packages.xz where the Release had none. */
function indexNames(release: string | undefined, previous: Map<string, Digests>): string[] {
  const xz = release === undefined || [...previous.keys()].some((p) => p.endsWith('/Packages.xz'))
  return [...INDEX_FILES, MANIFEST_FILE].filter((n) => xz || n !== 'Packages.xz')
}

/**
 * Deletes the compressed indexes another tool left beside ours that the new Release does not
 * list (Falco's Packages.bz2, a Packages.xz we no longer write): they would go stale, and a
 * tool listing every Packages* file it finds would publish them again. apt falls back to
 * another compression when one it read of in an older Release is gone.
 */
async function deleteUnlisted(
  o: { store: RepositoryWriter['store']; prefix: string },
  names: string[]
) {
  const stale = ['Packages.bz2', 'Packages.xz', 'Packages.lzma', 'Packages.zst'].filter(
    (n) => !names.includes(n)
  )
  await Promise.all(
    ARCHITECTURES.flatMap((arch) =>
      stale.map(async (n) => {
        const key = `${dists(o.prefix)}/${indexDir(arch)}/${n}`
        if (await statObject(o.store, key)) await o.store.delete(key)
      })
    )
  )
}

/**
 * Prunes what neither of `releases` (the generation committed and the one before it) nor the
 * current one (another publish may have committed since) names.
 */
async function pruneApt(
  o: AptPublishOptions,
  superseded: Promise<string[]>,
  releases: string[],
  keepEntries: Set<string>
): Promise<void> {
  const current = await readAptSnapshot(o.store, o.prefix)
  for (const [arch, index] of current.indexes)
    for (const s of index.segments) keepEntries.add(entriesKey(o.prefix, arch, s.entriesSha256))
  await pruneSuperseded(
    o.store,
    superseded,
    prunableIn([...releases, current.release ?? ''], keepEntries),
    o.log
  )
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
