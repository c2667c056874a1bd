import * as path from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { Logger } from '../../report/log.js'
import { PreconditionFailed, type Store } from '../../store/store.js'
import { gzip, xzStored } from '../../repo/compress.js'
import {
  mergePackages,
  packageEntry,
  parsePackagesIndex,
  renderPackagesIndex,
  type IndexEntry
} from '../../repo/deb/packages-index.js'
import type { DebPackage } from '../../repo/deb/parse.js'
import {
  releaseDigests,
  releaseFiles,
  releaseText,
  renderRelease
} from '../../repo/deb/release-file.js'
import { compareDebVersions } from '../../repo/deb/version.js'
import { indexDigests, type Digests } from '../../repo/digest.js'
import { clearSign, detachSign, type SigningKeys } from '../../sign/openpgp.js'
import { readObject, readVersioned, Uploader } from './store-io.js'

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
}

const dists = (prefix: string): string => `${prefix}/dists/${SUITE}`

/** Reads the generation InRelease points to, through by-hash names: a consistent snapshot even mid-publish. */
export async function readAptSnapshot(store: Store, prefix: string): Promise<AptSnapshot> {
  const indexes = new Map<string, IndexEntry[]>(ARCHITECTURES.map((a) => [a, []]))
  const inRelease = await readVersioned(store, `${dists(prefix)}/InRelease`)
  if (!inRelease) {
    // A repository made by other tools may have only Release + Release.gpg: merge into it rather
    // than start over (InRelease, created on commit, then becomes the compare-and-swap point).
    const plain = await readVersioned(store, `${dists(prefix)}/Release`)
    if (!plain) return { indexes }
    return { ...(await readIndexes(store, prefix, plain.text, indexes)), etag: undefined }
  }
  return {
    ...(await readIndexes(store, prefix, releaseText(inRelease.text), indexes)),
    etag: inRelease.etag
  }
}

async function readIndexes(
  store: Store,
  prefix: string,
  release: string,
  indexes: Map<string, IndexEntry[]>
): Promise<AptSnapshot> {
  const files = releaseFiles(release, `${dists(prefix)}/InRelease`)
  for (const arch of ARCHITECTURES) {
    const rel = `${COMPONENT}/binary-${arch}/Packages`
    // Ours always lists the plain index; other tools may list only compressed ones.
    const name = [rel, `${rel}.gz`].find((n) => files.has(n))
    if (!name) continue
    const key = `${dists(prefix)}/${COMPONENT}/binary-${arch}/by-hash/SHA256/${files.get(name)!.sha256}`
    const raw =
      (await readObject(store, key)) ?? (await readObject(store, `${dists(prefix)}/${name}`))
    if (!raw)
      throw new Error(
        `${store.location}/${dists(prefix)}/${name}: index listed in the Release is missing`
      )
    const body = name.endsWith('.gz') ? gunzipSync(raw) : raw
    indexes.set(arch, parsePackagesIndex(body.toString('utf8'), `${dists(prefix)}/${name}`))
  }
  return { release, indexes }
}

/** Every published file name with its SHA256, from all architectures' indexes. */
export function publishedFiles(snapshot: AptSnapshot): Map<string, string> {
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

/** Merges a change into a snapshot: the new per-architecture indexes and what left them. */
export function mergeApt(
  snapshot: AptSnapshot,
  change: AptChange
): { indexes: Map<string, IndexEntry[]>; commit: AptCommit } {
  const addedByArch = new Map<string, IndexEntry[]>(ARCHITECTURES.map((a) => [a, []]))
  for (const { pkg, filename } of change.added) {
    const entry = packageEntry(pkg, filename)
    const archs = pkg.architecture === 'all' ? ARCHITECTURES : [pkg.architecture]
    for (const a of archs) addedByArch.get(a)?.push(entry)
  }
  // Retention counts versions per package name across architectures; only names with more
  // versions than kept need sorting.
  const dropVersion = new Map<string, Set<string>>()
  if (change.retention !== undefined) {
    const versions = new Map<string, Set<string>>()
    for (const list of [...snapshot.indexes.values(), ...addedByArch.values()]) {
      for (const e of list) {
        let set = versions.get(e.name)
        if (!set) versions.set(e.name, (set = new Set()))
        set.add(e.version)
      }
    }
    for (const [name, set] of versions) {
      if (set.size <= change.retention) continue
      dropVersion.set(
        name,
        new Set([...set].sort((a, b) => compareDebVersions(b, a)).slice(change.retention))
      )
    }
  }
  const drop = (e: IndexEntry): boolean =>
    change.remove?.(e.name, e.version) === true || dropVersion.get(e.name)?.has(e.version) === true
  const indexes = new Map<string, IndexEntry[]>()
  const removed: AptCommit['removed'] = []
  for (const arch of ARCHITECTURES) {
    const before = snapshot.indexes.get(arch) ?? []
    const merged = mergePackages(before, addedByArch.get(arch) ?? [], drop).filter((e) => !drop(e))
    indexes.set(arch, merged)
    const after = new Set(merged.map((e) => e.filename))
    for (const e of before) {
      if (!after.has(e.filename))
        removed.push({ name: e.name, version: e.version, architecture: arch })
    }
  }
  const stillUsed = new Set([...indexes.values()].flat().map((e) => e.filename))
  const removedFiles = [...publishedFiles(snapshot).keys()].filter((f) => f && !stillUsed.has(f))
  return { indexes, commit: { removedFiles, added: change.added.map((a) => a.filename), removed } }
}

export interface AptPublishOptions {
  store: Store
  prefix: string
  keys: SigningKeys
  log: Logger
  uploader: Uploader
  origin?: string
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
  for (let attempt = 1; ; attempt++) {
    const snapshot =
      attempt === 1 && o.snapshot ? o.snapshot : await readAptSnapshot(o.store, o.prefix)
    const { indexes, commit } = mergeApt(snapshot, change)
    const previous = snapshot.release
      ? releaseDigests(snapshot.release, `${dists(o.prefix)}/InRelease`)
      : new Map<string, Digests>()
    const files: Array<{ path: string; digests: Digests }> = []
    const immutable: Array<[key: string, body: Buffer]> = []
    const plain: Array<[key: string, body: Buffer]> = []
    for (const [arch, stanzas] of indexes) {
      const text = Buffer.from(renderPackagesIndex(stanzas))
      const dir = `${COMPONENT}/binary-${arch}`
      const digests = indexDigests(text)
      const names = ['Packages', 'Packages.gz', 'Packages.xz']
      // An index that did not change keeps its files and their listing: nothing to write.
      if (
        previous.get(`${dir}/Packages`)?.sha256 === digests.sha256 &&
        names.every((n) => previous.get(`${dir}/${n}`)?.sha512)
      ) {
        for (const n of names)
          files.push({ path: `${dir}/${n}`, digests: previous.get(`${dir}/${n}`)! })
        continue
      }
      for (const [name, body] of [
        ['Packages', text],
        ['Packages.gz', gzip(text)],
        ['Packages.xz', xzStored(text)]
      ] as Array<[string, Buffer]>) {
        const d = name === 'Packages' ? digests : indexDigests(body)
        files.push({ path: `${dir}/${name}`, digests: d })
        for (const [hashDir, hash] of HASH_DIRS) {
          immutable.push([`${dists(o.prefix)}/${dir}/by-hash/${hashDir}/${d[hash]}`, body])
        }
        plain.push([`${dists(o.prefix)}/${dir}/${name}`, body])
      }
    }
    // Safe order: content-addressed copies first, then the plain names, then the signed Release.
    await Promise.all(immutable.map(([key, body]) => o.uploader.immutable(key, body, 'index')))
    await Promise.all(plain.map(([key, body]) => o.uploader.bytes(key, body, 'index')))
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
    try {
      await o.uploader.commit(
        `${dists(o.prefix)}/InRelease`,
        await clearSign(release, o.keys),
        snapshot.etag,
        'signature'
      )
    } catch (e) {
      if (!(e instanceof PreconditionFailed) || attempt >= 20) throw e
      o.log.info(
        `  another publish changed ${o.prefix} meanwhile; merging again (attempt ${attempt + 1})`
      )
      continue
    }
    const releaseGpg = await detachSign(release, o.keys)
    await Promise.all([
      o.uploader.bytes(`${dists(o.prefix)}/Release`, release, 'index'),
      o.uploader.bytes(`${dists(o.prefix)}/Release.gpg`, releaseGpg, 'signature')
    ])
    await pruneByHash(o.store, o.prefix, [release, snapshot.release ?? ''], o.log)
    for (const f of commit.removedFiles) {
      await o.store.delete(`${o.prefix}/${f}`)
      await o.store.delete(`${o.prefix}/${f}.asc`)
      o.log.info(`  deleted ${o.prefix}/${f}`)
    }
    return commit
  }
}

/** How long superseded by-hash indexes stay: a client that read an older InRelease still finds its files. */
const BY_HASH_GRACE_MS = 60 * 60 * 1000

/** Deletes by-hash copies no longer listed by the current or previous Release, once older than the grace period. */
async function pruneByHash(
  store: Store,
  prefix: string,
  releases: string[],
  log: Logger
): Promise<void> {
  const keep = new Set<string>()
  for (const r of releases) {
    for (const rel of releaseFilesAllHashes(r)) keep.add(rel)
  }
  const now = Date.now()
  for await (const obj of store.list(`${dists(prefix)}/${COMPONENT}/`)) {
    if (!obj.key.includes('/by-hash/')) continue
    if (keep.has(path.posix.basename(obj.key))) continue
    if (!obj.modified || now - obj.modified.getTime() < BY_HASH_GRACE_MS) continue
    await store.delete(obj.key)
    log.debug(`pruned ${obj.key}`)
  }
}

function releaseFilesAllHashes(release: string): string[] {
  return [...release.matchAll(/^ ([0-9a-f]{32,128}) +\d+ \S+$/gm)].map((m) => m[1])
}
