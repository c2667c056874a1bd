import { createHash } from 'node:crypto'
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
import { parseManifest, renderManifest, SEGMENTS_TYPE } from '../../repo/rpm/segment-manifest.js'
import {
  assemble,
  planSegments,
  segmentBytes,
  segmentsToRead,
  type BuiltSegment,
  type SegmentPlan,
  type Segment
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
  records: RpmRecord[]
  /** File name (relative to the repository) -> sha256 of the published bytes. */
  sourceSha256: Map<string, string>
  /** How primary/filelists/other are cut (the same record objects as `records`), and where they are. */
  layout?: { segments: Array<Segment<RpmRecord>>; heads: number[]; locations: string[] }
}

export async function readDnfSnapshot(store: Store, prefix: string): Promise<DnfSnapshot> {
  const current = await readVersioned(store, `${prefix}/repodata/repomd.xml`)
  if (!current) return { records: [], sourceSha256: new Map() }
  const data = parseRepomd(current.text)
  const read = (type: string): Promise<Buffer> =>
    readListed(store, `${prefix}/${data.get(type)!.location}`, 'repomd.xml')
  const where = `${prefix}/repodata/repomd.xml`
  if (!data.has(SEGMENTS_TYPE)) {
    throw new Error(
      `${store.location}/${where} was not written by falco-publish (no ${SEGMENTS_TYPE} entry); ` +
        `refusing to replace a repository whose packages it cannot see`
    )
  }
  const manifest = parseManifest(
    (await read(SEGMENTS_TYPE)).toString('utf8'),
    `${where} (${SEGMENTS_TYPE})`
  )
  if (manifest.primarySha256 !== data.get('primary')?.sha256) {
    throw new Error(
      `${store.location}/${where}: primary.xml.gz was rewritten by another tool since falco-publish wrote it; ` +
        `refusing to replace a repository whose packages it cannot see`
    )
  }
  const records = manifest.segments.flatMap((s) => s.entries)
  const layout = {
    segments: manifest.segments,
    heads: manifest.heads,
    locations: XML_FILES.map((f) => data.get(f.type)!.location)
  }
  // The records describe the signed files we uploaded; remember the source file's digest too.
  return {
    etag: current.etag,
    repomd: current.text,
    records,
    layout,
    sourceSha256: new Map(
      records.map((r) => [path.posix.basename(r.location), r.sourceSha256 ?? r.sha256])
    )
  }
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

/**
 * The records after a change: those that stay, in their order, then the added ones (an added
 * package replaces one with the same name/EVR/arch or the same file name).
 */
export function mergeDnf(
  existing: Rec[],
  change: DnfChange
): { records: Rec[]; added: Rec[]; commit: DnfCommit } {
  const added = new Map<string, Rec>()
  for (const pkg of change.added) {
    const rec: Rec = { ...recordOf(pkg, path.basename(pkg.file)), sourceSha256: pkg.sourceSha256 }
    added.set(recordKey(rec), rec)
  }
  const replacedFiles = new Set([...added.values()].map((r) => r.location))
  const removed = (r: Rec): boolean =>
    change.remove?.(r.name, `${r.version}-${r.release}`) === true ||
    change.remove?.(r.name, r.version) === true
  let records = [
    ...existing.filter((r) => !added.has(recordKey(r)) && !replacedFiles.has(r.location)),
    ...added.values()
  ].filter((r) => !removed(r))
  if (change.retention !== undefined) {
    const evr = (r: Rec): string => `${r.epoch}:${r.version}-${r.release}`
    const dropped = versionsBeyond(
      records,
      change.retention,
      (r) => r.name,
      evr,
      (a, b) => compareRpmEvr(b, a)
    )
    if (dropped.size > 0) records = records.filter((r) => !dropped.get(r.name)?.has(evr(r)))
  }
  const kept = new Set(records.map((r) => r.location))
  const gone = existing.filter((r) => !kept.has(r.location))
  const stays = new Set(records)
  return {
    records,
    added: [...added.values()].filter((r) => stays.has(r)),
    commit: {
      added: change.added.map((p) => path.basename(p.file)),
      removed: gone.map((r) => `${r.name}-${r.version}-${r.release}.${r.arch}`),
      removedFiles: [...new Set(gone.map((r) => r.location))]
    }
  }
}

/** SHA-256 and size of what a gzip file decompresses to. */
async function openDigest(gz: Buffer): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256')
  let size = 0
  await pipeline(Readable.from([gz]), createGunzip({ chunkSize: 1 << 20 }), async (source) => {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      hash.update(chunk)
      size += chunk.length
    }
  })
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
  for (const i of segmentsToRead(layout.segments, plan, (r) => r.primary !== undefined)) {
    const members = segmentBytes(layout.segments, await bodies(), i, layout.heads)
    const xml = await Promise.all(
      members.map(async (m) => splitFragments((await gunzip(m)).toString('utf8')))
    )
    layout.segments[i].entries.forEach((r, j) => {
      r.primary = xml[0][j]
      r.filelists = xml[1][j]
      r.other = xml[2][j]
    })
  }
}

/** The repomd entries and files of the next primary/filelists/other, and the manifest. */
async function nextRepodata(
  o: { store: Store; prefix: string },
  snapshot: DnfSnapshot,
  records: Rec[],
  added: Rec[]
): Promise<Array<{ data: RepomdData; body: Buffer }>> {
  const old = snapshot.layout?.segments ?? []
  const stays = new Set(records)
  const plan = planSegments(old, (r) => stays.has(r), added)
  let oldBodies: Buffer[] | undefined
  const bodies = async (): Promise<Buffer[]> =>
    (oldBodies ??= await Promise.all(
      snapshot.layout!.locations.map((location) =>
        readListed(o.store, `${o.prefix}/${location}`, 'repomd.xml')
      )
    ))
  await loadFragments(snapshot, plan, bodies)
  const built: Array<BuiltSegment | undefined> = plan.map((p) =>
    'keep' in p
      ? undefined
      : { bytes: XML_FILES.map((f) => gzip(p.build.map((r) => f.fragment(r)!).join(''))) }
  )
  const heads = XML_FILES.map((f) => gzip(f.open(records.length)))
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
  // repomd wants the digest of the uncompressed XML too: inflating it as a stream into the hash
  // is cheaper than keeping a copy, and never holds the whole XML.
  const files: Array<{ data: RepomdData; body: Buffer }> = await Promise.all(
    XML_FILES.map(async (f, i) => {
      const open = await openDigest(next[i])
      const sha256 = sha256Of(next[i])
      return {
        data: {
          type: f.type,
          location: `repodata/${sha256}-${f.type}.xml.gz`,
          sha256,
          size: next[i].length,
          openSha256: open.sha256,
          openSize: open.size
        },
        body: next[i]
      }
    })
  )
  const manifest = Buffer.from(
    renderManifest({
      primarySha256: files[0].data.sha256,
      heads: heads.map((h) => h.length),
      segments
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
  return files
}

export async function commitDnf(
  change: DnfChange,
  o: RepositoryWriter & { now?: () => Date; snapshot?: DnfSnapshot }
): Promise<DnfCommit> {
  const { snapshot, repomd, commit } = await retryOnConflict(
    async (attempt) => {
      const snapshot =
        attempt === 1 && o.snapshot ? o.snapshot : await readDnfSnapshot(o.store, o.prefix)
      const { records, added, commit } = mergeDnf(snapshot.records, change)
      const files = await nextRepodata(o, snapshot, records, added)
      await Promise.all(
        files.map((f) => o.uploader.immutable(`${o.prefix}/${f.data.location}`, f.body, 'index'))
      )
      const data = files.map((f) => f.data)
      const revision = Math.floor((o.now ?? (() => new Date()))().getTime() / 1000)
      const repomd = renderRepomd(revision, data)
      await o.uploader.commit(`${o.prefix}/repodata/repomd.xml`, repomd, snapshot.etag, 'index')
      return { snapshot, repomd, commit }
    },
    mergingAgain(o.log, o.prefix)
  )
  await o.uploader.bytes(
    `${o.prefix}/repodata/repomd.xml.asc`,
    await detachSign(repomd, o.keys),
    'signature'
  )
  await pruneRepodata(o.store, o.prefix, [repomd, snapshot.repomd ?? ''], o.log)
  await deletePackageFiles(o.store, o.prefix, commit.removedFiles, o.log)
  return commit
}

/** Deletes repodata files named by neither the current nor the previous repomd.xml. */
async function pruneRepodata(
  store: Store,
  prefix: string,
  repomds: string[],
  log: Logger
): Promise<void> {
  const keep = new Set(
    repomds.flatMap((x) => [...parseRepomd(x).values()].map((d) => `${prefix}/${d.location}`))
  )
  await pruneSuperseded(
    store,
    `${prefix}/repodata/`,
    (key) => !/repomd\.xml(\.asc)?$/.test(key) && !keep.has(key),
    log
  )
}
