import { decompressMember } from '../../repo/decompress.js'
import type { Store } from '../../store/store.js'
import { parsePackagesIndex, type IndexEntry } from '../../repo/deb/packages-index.js'
import {
  ENTRY_CODEC,
  type AptSegment,
  MANIFEST_FILE,
  parseManifest
} from '../../repo/deb/segment-manifest.js'
import {
  publishedDigests,
  loadMatching,
  parseSegmentEntries,
  type StoredSegment
} from '../../repo/segmented/entries.js'
import { releaseField, releaseFiles, releaseText } from '../../repo/deb/release-file.js'
import { readObject } from '../../store/store.js'
import { readListed, readVersioned } from './store-io.js'
import { ARCHITECTURES, byHash, dists, entriesKey, indexDir } from './apt-layout.js'

/**
 * Reading the generation of an apt repository that InRelease signed: its Release and, per
 * architecture, the segments of the index (their entries loaded only when asked for).
 */

/** One `binary-<arch>` index of that generation. */
export interface AptIndex {
  /** Its segments, entries loaded on demand (`load`); one segment read whole without a manifest. */
  segments: AptSegment[]
  /** True when its files were written with a manifest, so kept segments are copied from them. */
  segmented: boolean
  /** True when another tool wrote it (or rewrote it since we did): read whole, then adopted. */
  foreign?: boolean
  /** The dev retention every name in it satisfies (see PackagesManifest), when known. */
  retention?: number
  /** Reads the entries of one of its segments. */
  load: (segment: StoredSegment<IndexEntry>) => Promise<IndexEntry[]>
}

/** The generation InRelease signed. */
export interface AptSnapshot {
  /** etag of InRelease, undefined when the repository does not exist yet. */
  etag?: string
  /** Cleartext of the Release this generation was signed as. */
  release?: string
  /** Every binary-<arch>/Packages index. */
  indexes: Map<string, AptIndex>
  /** Set when some index was written by another tool: read whole from its Packages file. */
  adopted?: { packages: number; from: string }
}

export const emptyIndex = (): AptIndex => ({
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
  const ordered = new Map(ARCHITECTURES.map((a) => [a, indexes.get(a)!]))
  const foreign = [...ordered.values()].filter((ix) => ix.foreign && ix.segments.length > 0)
  const adopted = foreign.length
    ? {
        packages: foreign.reduce((n, ix) => n + ix.segments[0].count, 0),
        from: `the Packages indexes of a Release written by another tool (Origin: ${releaseField(release, 'Origin') ?? 'none'})`
      }
    : undefined
  return { release, indexes: ordered, adopted }
}

async function readIndex(
  store: Store,
  prefix: string,
  arch: string,
  files: Map<string, { sha256: string }>
): Promise<AptIndex> {
  const rel = `${indexDir(arch)}/Packages`
  const manifest = files.get(`${indexDir(arch)}/${MANIFEST_FILE}`)
  let ours: { retention?: number } | undefined
  if (manifest) {
    const where = `${dists(prefix)}/${indexDir(arch)}/${MANIFEST_FILE}`
    const body = await readListed(store, byHash(prefix, arch, manifest.sha256), 'the Release', {
      shown: where,
      sha256: manifest.sha256
    })
    const m = parseManifest(body.toString('utf8'), where)
    // Written by us with the index it describes; anything else rewrote the index: read it whole.
    // So is an index whose Release lists no Packages.xz (a repository that keeps the
    // compression set of another tool): its segments' xz bytes are nowhere to copy from.
    if (m.packagesSha256 === files.get(rel)?.sha256) ours = { retention: m.retention }
    if (ours && files.has(`${rel}.xz`)) {
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
  const name = [rel, `${rel}.gz`, `${rel}.xz`, `${rel}.bz2`].find((n) => files.has(n))
  if (!name) return emptyIndex()
  const raw =
    (await readObject(store, byHash(prefix, arch, files.get(name)!.sha256))) ??
    (await readObject(store, `${dists(prefix)}/${name}`))
  if (!raw)
    throw new Error(
      `${store.location}/${dists(prefix)}/${name}: index listed in the Release is missing`
    )
  const body = name === rel ? raw : Buffer.from(await decompressMember(name, raw))
  const entries = parsePackagesIndex(body.toString('utf8'), `${dists(prefix)}/${name}`)
  return {
    ...emptyIndex(),
    foreign: ours === undefined,
    retention: ours?.retention,
    segments: entries.length
      ? [{ count: entries.length, lengths: [], entries, entriesSha256: '', filter: '' }]
      : []
  }
}

/** Loads, in every architecture's index, the segments that may hold one of `keys`. */
export async function loadApt(snapshot: AptSnapshot, keys: string[] | 'all'): Promise<void> {
  await loadMatching([...snapshot.indexes.values()], keys)
}

/** The entries loaded so far, in every architecture's index. */
export const loadedEntries = (snapshot: AptSnapshot): IndexEntry[] =>
  [...snapshot.indexes.values()].flatMap((ix) => ix.segments.flatMap((s) => s.entries ?? []))

/** The SHA256 each of `filenames` is published with, for those some index lists. */
export function publishedFiles(
  snapshot: AptSnapshot,
  filenames: string[]
): Promise<Map<string, string>> {
  return publishedDigests(
    [...snapshot.indexes.values()],
    filenames,
    (e) => e.filename,
    (e) => e.sha256
  )
}
