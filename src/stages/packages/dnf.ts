import { createHash, type Hash } from 'node:crypto'
import { createReadStream, createWriteStream, promises as fs } from 'node:fs'
import * as path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { promisify } from 'node:util'
import { Readable } from 'node:stream'
import { createGunzip, gunzip as gunzipCallback } from 'node:zlib'
import type { Logger } from '../../report/log.js'
import { retryOnConflict } from '../../store/conflict.js'
import type { Store } from '../../store/store.js'
import { gzip } from '../../repo/compress.js'
import { sha256Of } from '../../repo/digest.js'
import { RpmType, serializeSignatureHeader, type HeaderEntry } from '../../repo/rpm/header.js'
import { parseRpm, type RpmPackage } from '../../repo/rpm/parse.js'
import {
  parseRepomd,
  recordKey,
  recordOf,
  renderRepomd,
  splitFragments,
  XML_FILES,
  type RepomdData,
  type RpmRecord
} from '../../repo/rpm/repodata.js'
import {
  ENTRIES_DIR,
  ENTRY_CODEC,
  parseManifest,
  renderManifest,
  SEGMENTS_TYPE
} from '../../repo/rpm/segment-manifest.js'
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
  assemble,
  planSegments,
  segmentBytes,
  segmentsToRead,
  type BuiltSegment,
  type SegmentPlan
} from '../../repo/segments.js'
import { compareRpmEvr } from '../../repo/rpm/version.js'
import { versionsBeyond } from '../../repo/retention.js'
import { detachSign, detachSignBinary, type SigningKeys } from '../../sign/openpgp.js'
import {
  deletePackageFiles,
  mergingAgain,
  pruneSuperseded,
  readListed,
  readVersioned,
  type RepositoryWriter
} from './store-io.js'

const gunzip = promisify(gunzipCallback)

/**
 * One dnf repository in the store (`packages/rpm` or `packages/rpm-dev`): packages at the root,
 * `repodata/` with content-addressed `<sha256>-primary.xml.gz` & co. (older generations stay
 * readable while clients hold an older repomd.xml), and repomd.xml + repomd.xml.asc last,
 * repomd.xml written with a compare-and-swap.
 *
 * What the repodata holds is kept as an extra repomd entry of type `falco-publish-segments`
 * (dnf ignores types it does not know): a publish merges into it without downloading or
 * re-reading any package, and re-compresses only the segments that change.
 */

export interface DnfSnapshot {
  etag?: string
  repomd?: string
  /** The segments primary/filelists/other are cut into; entries loaded on demand (`load`). */
  segments: Array<StoredSegment<RpmRecord>>
  /** The dev retention every name satisfies (see RepodataManifest), when known. */
  retention?: number
  /** Where the XML files are, and the length of their opening members. */
  layout?: { heads: number[]; locations: string[] }
  /** Reads the records of one segment. */
  load: (segment: StoredSegment<RpmRecord>) => Promise<RpmRecord[]>
  /** The old primary/filelists/other `.xml.gz`, read once. */
  bodies?: () => Promise<Buffer[]>
  /** Open digests begun before the merge (see `hashAhead`). */
  ahead?: { count: number; hashes: Promise<OpenHash[]> }
}

/** A SHA-256 over the start of an uncompressed XML file, and how many bytes it has seen. */
interface OpenHash {
  hash: Hash
  size: number
}

const entriesKey = (prefix: string, sha256: string): string =>
  `${prefix}/${ENTRIES_DIR}/${sha256}.json`

export async function readDnfSnapshot(store: Store, prefix: string): Promise<DnfSnapshot> {
  const current = await readVersioned(store, `${prefix}/repodata/repomd.xml`)
  if (!current) return { segments: [], load: () => Promise.resolve([]) }
  const data = parseRepomd(current.text)
  const where = `${prefix}/repodata/repomd.xml`
  if (!data.has(SEGMENTS_TYPE)) {
    throw new Error(
      `${store.location}/${where} was not written by falco-publish (no ${SEGMENTS_TYPE} entry); ` +
        `refusing to replace a repository whose packages it cannot see`
    )
  }
  const manifest = parseManifest(
    (
      await readListed(store, `${prefix}/${data.get(SEGMENTS_TYPE)!.location}`, 'repomd.xml')
    ).toString('utf8'),
    `${where} (${SEGMENTS_TYPE})`
  )
  if (manifest.primarySha256 !== data.get('primary')?.sha256) {
    throw new Error(
      `${store.location}/${where}: primary.xml.gz was rewritten by another tool since falco-publish wrote it; ` +
        `refusing to replace a repository whose packages it cannot see`
    )
  }
  const locations = XML_FILES.map((f) => data.get(f.type)!.location)
  let bodies: Promise<Buffer[]> | undefined
  return {
    etag: current.etag,
    repomd: current.text,
    bodies: () =>
      (bodies ??= Promise.all(
        locations.map((location) => readListed(store, `${prefix}/${location}`, 'repomd.xml'))
      )),
    segments: manifest.segments,
    retention: manifest.retention,
    layout: { heads: manifest.heads, locations },
    load: async (s) => {
      const key = entriesKey(prefix, s.entriesSha256)
      const body = await readListed(store, key, `${where} (${SEGMENTS_TYPE})`)
      return parseSegmentEntries(body, s, ENTRY_CODEC, `${store.location}/${key}`)
    }
  }
}

/**
 * The sha256 each of `files` (names at the repository's root) was published from, for those
 * the repodata lists: the file as given, before its header was signed.
 */
export async function publishedSources(
  snapshot: DnfSnapshot,
  files: string[]
): Promise<Map<string, string>> {
  await loadMatching(snapshot.segments, files.map(fileKey), snapshot.load)
  const wanted = new Set(files)
  const out = new Map<string, string>()
  for (const s of snapshot.segments) {
    for (const r of s.entries ?? []) {
      if (wanted.has(r.location)) out.set(r.location, r.sourceSha256 ?? r.sha256)
    }
  }
  return out
}

export type SignedRpm = RpmPackage & { sourceSha256: string }

/**
 * Adds a header-only OpenPGP signature to an RPM, as `rpmsign --addsign` does: the signature
 * covers the main header (which itself carries the payload digest), goes into the signature
 * header (RSA keys in tag 268, EdDSA/ECDSA in tag 267), and the signature header is rewritten.
 * The main header and payload are copied unchanged. rpm can hold one signature of each kind:
 * the first key signs the header; every key signs the detached `.asc`.
 */
export async function signRpmFile(
  pkg: RpmPackage,
  keys: SigningKeys,
  workdir: string
): Promise<SignedRpm> {
  const key = keys.keys[0]
  const algo = key.getAlgorithmInfo().algorithm
  const tag = String(algo).startsWith('rsa') ? 268 : 267
  const signature = Buffer.from(await detachSignBinary(pkg.mainHeader, key))
  const kept = pkg.signature.entries.filter(
    (e) => ![62, 267, 268, 1002, 1005, 1008].includes(e.tag)
  )
  const entries: HeaderEntry[] = [
    ...kept,
    { tag, type: RpmType.BIN, count: signature.length, data: signature }
  ]
  const sigHeader = serializeSignatureHeader(entries)
  const pad = Buffer.alloc((8 - (sigHeader.length % 8)) % 8)
  const lead = Buffer.alloc(96)
  const handle = await fs.open(pkg.file, 'r')
  try {
    await handle.read(lead, 0, 96, 0)
  } finally {
    await handle.close()
  }
  await fs.mkdir(path.join(workdir, 'signed-rpms'), { recursive: true })
  const out = path.join(workdir, 'signed-rpms', path.basename(pkg.file))
  const write = createWriteStream(out)
  await pipeline(
    (async function* () {
      yield lead
      yield sigHeader
      yield pad
      yield pkg.mainHeader
      yield* createReadStream(pkg.file, { start: pkg.payloadOffset })
    })(),
    write
  )
  const signed = await parseRpm(out, path.basename(pkg.file))
  return { ...signed, sourceSha256: pkg.digests.sha256 }
}

export interface DnfChange {
  added: SignedRpm[]
  remove?: (name: string, version: string) => boolean
  retention?: number
}

export interface DnfCommit {
  added: string[]
  removed: string[]
  removedFiles: string[]
}

type Rec = RpmRecord

/** What a change does to the repodata: which records of which segments stay, and those added. */
export interface DnfMerge {
  /** The records of old segment i that stay, or undefined when all of them do. */
  survivors: (index: number) => Rec[] | undefined
  added: Rec[]
  /** The dev retention every name satisfies after the change. */
  retention?: number
  commit: DnfCommit
}

/**
 * Merges a change into a snapshot (an added package replaces one with the same name/EVR/arch or
 * the same file name). Only the segments that may hold an added name or file are loaded, unless
 * the change must look at every record (removal patterns, or a smaller retention than the
 * repodata last satisfied).
 */
export async function mergeDnf(snapshot: DnfSnapshot, change: DnfChange): Promise<DnfMerge> {
  const added = new Map<string, Rec>()
  for (const pkg of change.added) {
    const rec: Rec = { ...recordOf(pkg, path.basename(pkg.file)), sourceSha256: pkg.sourceSha256 }
    added.set(recordKey(rec), rec)
  }
  const everything = needsEveryEntry(change, [snapshot])
  await loadMatching(
    snapshot.segments,
    everything ? 'all' : [...added.values()].flatMap((r) => [nameKey(r.name), fileKey(r.location)]),
    snapshot.load
  )
  const replacedFiles = new Set([...added.values()].map((r) => r.location))
  const removed = (r: Rec): boolean =>
    change.remove?.(r.name, `${r.version}-${r.release}`) === true ||
    change.remove?.(r.name, r.version) === true
  const loaded = snapshot.segments.flatMap((s) => s.entries ?? [])
  let survivors = new Set(
    loaded.filter((r) => !added.has(recordKey(r)) && !replacedFiles.has(r.location) && !removed(r))
  )
  let adds = [...added.values()].filter((r) => !removed(r))
  if (change.retention !== undefined) {
    const evr = (r: Rec): string => `${r.epoch}:${r.version}-${r.release}`
    const dropped = versionsBeyond(
      [...survivors, ...adds],
      change.retention,
      (r) => r.name,
      evr,
      (a, b) => compareRpmEvr(b, a)
    )
    if (dropped.size > 0) {
      const stays = (r: Rec): boolean => !dropped.get(r.name)?.has(evr(r))
      survivors = new Set([...survivors].filter(stays))
      adds = adds.filter(stays)
    }
  }
  const stays = new Map<number, Rec[]>()
  const gone: Rec[] = []
  snapshot.segments.forEach((s, i) => {
    if (!s.entries) return
    const kept = s.entries.filter((r) => survivors.has(r))
    if (kept.length === s.entries.length) return
    stays.set(i, kept)
    gone.push(...s.entries.filter((r) => !survivors.has(r)))
  })
  // A file published again under its name stays; the others leave with their records.
  const addedFiles = new Set(adds.map((r) => r.location))
  const left = gone.filter((r) => !addedFiles.has(r.location))
  return {
    survivors: (i) => stays.get(i),
    added: adds,
    retention: change.retention ?? snapshot.retention,
    commit: {
      added: change.added.map((p) => path.basename(p.file)),
      removed: left.map((r) => `${r.name}-${r.version}-${r.release}.${r.arch}`),
      removedFiles: [...new Set(left.map((r) => r.location))]
    }
  }
}

/**
 * Starts the open digests of the next repodata before the change is merged, on the likely
 * guess that it adds `adding` packages and drops none: each XML file opens with the package
 * count, so its uncompressed SHA-256 must be taken from the first byte, over every package,
 * inflated. Begun while the packages are signed and stored, it is off the publish's critical
 * path; the commit adds the new packages' XML to a copy of each hash, or, when the guess was
 * wrong (packages replaced or removed), hashes the files it writes.
 */
export function hashAhead(snapshot: DnfSnapshot, adding: number): void {
  const { layout, bodies } = snapshot
  if (!layout || !bodies || snapshot.ahead) return
  const count = snapshot.segments.reduce((n, s) => n + s.count, 0) + adding
  const hashes = bodies().then((gz) =>
    Promise.all(
      XML_FILES.map(async (f, i) => {
        const hash = createHash('sha256')
        const head = Buffer.from(f.open(count))
        hash.update(head)
        const end = snapshot.segments.reduce((at, s) => at + s.lengths[i], layout.heads[i])
        const opened = await inflateInto(hash, gz[i].subarray(layout.heads[i], end))
        return { hash, size: head.length + opened }
      })
    )
  )
  hashes.catch(() => {}) // a failure shows where it is used, or the guess goes unused
  snapshot.ahead = { count, hashes }
}

/** Inflates gzip members into a hash as they stream; returns the uncompressed length. */
async function inflateInto(hash: Hash, gz: Buffer): Promise<number> {
  let size = 0
  if (gz.length === 0) return size
  await pipeline(Readable.from([gz]), createGunzip({ chunkSize: 1 << 20 }), async (source) => {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      hash.update(chunk)
      size += chunk.length
    }
  })
  return size
}

/** SHA-256 and size of what a gzip file decompresses to. */
async function openDigest(gz: Buffer): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256')
  const size = await inflateInto(hash, gz)
  return { sha256: hash.digest('hex'), size }
}

/** Reads back the XML fragments of old records whose segment is being rebuilt. */
async function loadFragments(
  snapshot: DnfSnapshot,
  plan: Array<SegmentPlan<Rec>>,
  bodies: () => Promise<Buffer[]>
): Promise<void> {
  const layout = snapshot.layout
  if (!layout) return // a new repository: every record is added, with its XML
  for (const i of segmentsToRead(snapshot.segments, plan, (r) => r.primary !== undefined)) {
    const members = segmentBytes(snapshot.segments, await bodies(), i, layout.heads)
    const xml = await Promise.all(
      members.map(async (m) => splitFragments((await gunzip(m)).toString('utf8')))
    )
    snapshot.segments[i].entries!.forEach((r, j) => {
      r.primary = xml[0][j]
      r.filelists = xml[1][j]
      r.other = xml[2][j]
    })
  }
}

/** A file of the next repodata: its repomd entry and bytes, under `repodata/`. */
interface RepodataFile {
  data: RepomdData
  body: Buffer
}

/**
 * The files of the next repodata: primary/filelists/other, the manifest, and the objects
 * listing the packages of new segments; then the segments they are cut into.
 */
async function nextRepodata(
  o: { store: Store; prefix: string },
  snapshot: DnfSnapshot,
  merge: DnfMerge
): Promise<{
  files: RepodataFile[]
  entryObjects: EntryObject[]
  segments: Array<StoredSegment<Rec>>
  /** Settles when every file's open digest is set. */
  opened: Promise<unknown>
}> {
  const old = snapshot.segments
  const plan = await planSegments(
    old,
    merge.survivors,
    merge.added,
    async (i) => (old[i].entries ??= await snapshot.load(old[i]))
  )
  const bodies = (): Promise<Buffer[]> => snapshot.bodies!()
  await loadFragments(snapshot, plan, bodies)
  const built: Array<BuiltSegment | undefined> = plan.map((p) =>
    'keep' in p
      ? undefined
      : { bytes: XML_FILES.map((f) => gzip(p.build.map((r) => f.fragment(r)!).join(''))) }
  )
  const count = plan.reduce((n, p) => n + ('keep' in p ? p.count : p.build.length), 0)
  const heads = XML_FILES.map((f) => gzip(f.open(count)))
  const { bodies: next, segments } = assemble(
    plan,
    built,
    {
      segments: old,
      bodies: plan.some((p) => 'keep' in p) ? await bodies() : [],
      heads: snapshot.layout?.heads
    },
    { heads, tails: XML_FILES.map((f) => gzip(f.close)) }
  )
  const { segments: stored, objects: entryObjects } = storeSegments(segments, ENTRY_CODEC, (sha) =>
    entriesKey(o.prefix, sha)
  )
  const files: RepodataFile[] = XML_FILES.map((f, i) => {
    const sha256 = sha256Of(next[i])
    return {
      data: {
        type: f.type,
        location: `repodata/${sha256}-${f.type}.xml.gz`,
        sha256,
        size: next[i].length,
        // Set by `opened`, before repomd.xml is rendered.
        openSha256: '',
        openSize: 0
      },
      body: next[i]
    }
  })
  // repomd wants the digest of the uncompressed XML too, computed while the caller writes the
  // files: carried on from the hashes begun ahead when their guess holds (every old package
  // stays, in order, and the count is theirs), else all of it inflated (as a stream) and hashed.
  const ahead = snapshot.ahead
  const guessed = ahead?.count === count && old.every((_, i) => merge.survivors(i) === undefined)
  const opened = guessed
    ? ahead.hashes.then((hashes) =>
        XML_FILES.forEach((x, i) => {
          const added = Buffer.from(merge.added.map((r) => x.fragment(r)!).join('') + x.close)
          files[i].data.openSha256 = hashes[i].hash.copy().update(added).digest('hex')
          files[i].data.openSize = hashes[i].size + added.length
        })
      )
    : Promise.all(
        files.map(async (f) => {
          const open = await openDigest(f.body)
          f.data.openSha256 = open.sha256
          f.data.openSize = open.size
        })
      )
  const manifest = Buffer.from(
    renderManifest({
      primarySha256: files[0].data.sha256,
      heads: heads.map((h) => h.length),
      retention: merge.retention,
      segments: stored
    })
  )
  const sha256 = sha256Of(manifest)
  files.push({
    data: {
      type: SEGMENTS_TYPE,
      location: `repodata/${sha256}-segments.json`,
      sha256,
      size: manifest.length,
      openSha256: sha256,
      openSize: manifest.length
    },
    body: manifest
  })
  return { files, entryObjects, segments: stored, opened }
}

export async function commitDnf(
  change: DnfChange,
  o: RepositoryWriter & { now?: () => Date; snapshot?: DnfSnapshot }
): Promise<DnfCommit> {
  const { snapshot, repomd, signature, commit, segments } = await retryOnConflict(
    async (attempt) => {
      const snapshot =
        attempt === 1 && o.snapshot ? o.snapshot : await readDnfSnapshot(o.store, o.prefix)
      const merge = await mergeDnf(snapshot, change)
      const { files, entryObjects, segments, opened } = await nextRepodata(o, snapshot, merge)
      // The packages, and the objects the manifest names, exist before repomd.xml names them.
      await Promise.all([
        o.stored,
        opened,
        ...entryObjects.map((e) => o.uploader.immutable(e.key, e.body, 'index', e.sha256)),
        ...files.map((f) =>
          o.uploader.immutable(`${o.prefix}/${f.data.location}`, f.body, 'index', f.data.sha256)
        )
      ])
      const data = files.map((f) => f.data)
      const revision = Math.floor((o.now ?? (() => new Date()))().getTime() / 1000)
      const repomd = renderRepomd(revision, data)
      // Signed before the commit, so the signature follows repomd.xml as closely as it can.
      const signature = await detachSign(repomd, o.keys)
      await o.uploader.commit(`${o.prefix}/repodata/repomd.xml`, repomd, snapshot.etag, 'index')
      return { snapshot, repomd, signature, commit: merge.commit, segments }
    },
    mergingAgain(o.log, o.prefix)
  )
  const keep = new Set(
    [...segments, ...snapshot.segments].map((s) => entriesKey(o.prefix, s.entriesSha256))
  )
  // The signature follows repomd.xml; what no generation names any more goes meanwhile.
  await Promise.all([
    o.uploader.bytes(`${o.prefix}/repodata/repomd.xml.asc`, signature, 'signature'),
    pruneRepodata(o.store, o.prefix, [repomd, snapshot.repomd ?? ''], keep, o.log)
  ])
  // Packages that left the repodata go once its signature names the new generation.
  await deletePackageFiles(o.store, o.prefix, commit.removedFiles, o.log)
  return commit
}

/**
 * Deletes repodata files named by neither the current nor the previous repomd.xml, nor by
 * their manifests.
 */
async function pruneRepodata(
  store: Store,
  prefix: string,
  repomds: string[],
  entryObjects: Set<string>,
  log: Logger
): Promise<void> {
  const keep = new Set([
    ...repomds.flatMap((x) => [...parseRepomd(x).values()].map((d) => `${prefix}/${d.location}`)),
    ...entryObjects
  ])
  await pruneSuperseded(
    store,
    `${prefix}/repodata/`,
    (key) => !/repomd\.xml(\.asc)?$/.test(key) && !keep.has(key),
    log
  )
}
