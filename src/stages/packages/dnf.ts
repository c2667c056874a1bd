import { createReadStream, createWriteStream, promises as fs } from 'node:fs'
import * as path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { gunzipSync } from 'node:zlib'
import type { Logger } from '../../report/log.js'
import { PreconditionFailed, type Store } from '../../store/store.js'
import { gzip } from '../../repo/compress.js'
import { sha256Of } from '../../repo/digest.js'
import { RpmType, serializeSignatureHeader, type HeaderEntry } from '../../repo/rpm/header.js'
import { parseRpm, type RpmPackage } from '../../repo/rpm/parse.js'
import {
  parseRepomd,
  recordKey,
  recordOf,
  renderFilelists,
  renderOther,
  renderPrimary,
  renderRepomd,
  type RepomdData,
  type RpmRecord
} from '../../repo/rpm/repodata.js'
import { compareRpmEvr } from '../../repo/rpm/version.js'
import { detachSign, detachSignBinary, type SigningKeys } from '../../sign/openpgp.js'
import { readObject, readVersioned, type Uploader } from './store-io.js'

/**
 * One dnf repository in the store (`packages/rpm` or `packages/rpm-dev`): packages at the root,
 * `repodata/` with content-addressed `<sha256>-primary.xml.gz` & co. (older generations stay
 * readable while clients hold an older repomd.xml), and repomd.xml + repomd.xml.asc last,
 * repomd.xml written with a compare-and-swap.
 *
 * The package records the XML is rendered from are kept as an extra repomd entry of type
 * `falco-publish-records` (dnf ignores types it does not know): a publish merges into them
 * without downloading or re-reading any package.
 */
export const RECORDS_TYPE = 'falco-publish-records'

export interface DnfSnapshot {
  etag?: string
  repomd?: string
  records: RpmRecord[]
  /** File name (relative to the repository) -> sha256 of the published bytes. */
  sourceSha256: Map<string, string>
}

export async function readDnfSnapshot(store: Store, prefix: string): Promise<DnfSnapshot> {
  const current = await readVersioned(store, `${prefix}/repodata/repomd.xml`)
  if (!current) return { records: [], sourceSha256: new Map() }
  const data = parseRepomd(current.text)
  const entry = data.get(RECORDS_TYPE)
  if (!entry) {
    throw new Error(
      `${store.location}/${prefix}/repodata/repomd.xml was not written by falco-publish (no ${RECORDS_TYPE} entry); ` +
        `refusing to replace a repository whose packages it cannot see`
    )
  }
  const body = await readObject(store, `${prefix}/${entry.location}`)
  if (!body)
    throw new Error(
      `${store.location}/${prefix}/${entry.location}: listed in repomd.xml but missing`
    )
  const records = JSON.parse(gunzipSync(body).toString('utf8')) as RpmRecord[]
  // The records describe the signed files we uploaded; remember the source file's digest too.
  return {
    etag: current.etag,
    repomd: current.text,
    records,
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

export function mergeDnf(
  existing: Rec[],
  change: DnfChange
): { records: Rec[]; commit: DnfCommit } {
  const byKey = new Map(existing.map((r) => [recordKey(r), r]))
  for (const pkg of change.added) {
    const rec: Rec = { ...recordOf(pkg, path.basename(pkg.file)), sourceSha256: pkg.sourceSha256 }
    for (const [k, r] of byKey) if (r.location === rec.location) byKey.delete(k)
    byKey.set(recordKey(rec), rec)
  }
  let records = [...byKey.values()].filter(
    (r) =>
      !change.remove?.(r.name, `${r.version}-${r.release}`) && !change.remove?.(r.name, r.version)
  )
  if (change.retention !== undefined) {
    const byName = new Map<string, Rec[]>()
    for (const r of records) byName.set(r.name, [...(byName.get(r.name) ?? []), r])
    const keep = new Set<Rec>()
    for (const list of byName.values()) {
      const evrs = [
        ...new Map(list.map((r) => [`${r.epoch}:${r.version}-${r.release}`, r])).values()
      ]
        .sort((a, b) => compareRpmEvr(b, a))
        .slice(0, change.retention)
        .map((r) => `${r.epoch}:${r.version}-${r.release}`)
      for (const r of list) if (evrs.includes(`${r.epoch}:${r.version}-${r.release}`)) keep.add(r)
    }
    records = records.filter((r) => keep.has(r))
  }
  records.sort(
    (a, b) => a.name.localeCompare(b.name) || compareRpmEvr(a, b) || a.arch.localeCompare(b.arch)
  )
  const kept = new Set(records.map((r) => r.location))
  const gone = existing.filter((r) => !kept.has(r.location))
  return {
    records,
    commit: {
      added: change.added.map((p) => path.basename(p.file)),
      removed: gone.map((r) => `${r.name}-${r.version}-${r.release}.${r.arch}`),
      removedFiles: [...new Set(gone.map((r) => r.location))]
    }
  }
}

export async function commitDnf(
  change: DnfChange,
  o: {
    store: Store
    prefix: string
    keys: SigningKeys
    log: Logger
    uploader: Uploader
    now?: () => Date
    snapshot?: DnfSnapshot
  }
): Promise<DnfCommit> {
  for (let attempt = 1; ; attempt++) {
    const snapshot =
      attempt === 1 && o.snapshot ? o.snapshot : await readDnfSnapshot(o.store, o.prefix)
    const { records, commit } = mergeDnf(snapshot.records, change)
    const data: RepomdData[] = []
    const writes: Array<Promise<void>> = []
    for (const [type, text] of [
      ['primary', renderPrimary(records)],
      ['filelists', renderFilelists(records)],
      ['other', renderOther(records)],
      [RECORDS_TYPE, JSON.stringify(records)]
    ] as Array<[string, string]>) {
      const open = Buffer.from(text)
      const body = gzip(open)
      const sha256 = sha256Of(body)
      const location = `repodata/${sha256}-${type === RECORDS_TYPE ? 'records.json' : `${type}.xml`}.gz`
      writes.push(o.uploader.immutable(`${o.prefix}/${location}`, body, 'index'))
      data.push({
        type,
        location,
        sha256,
        size: body.length,
        openSha256: sha256Of(open),
        openSize: open.length
      })
    }
    await Promise.all(writes)
    const revision = Math.floor((o.now ?? (() => new Date()))().getTime() / 1000)
    const repomd = renderRepomd(revision, data)
    try {
      await o.uploader.commit(`${o.prefix}/repodata/repomd.xml`, repomd, snapshot.etag, 'index')
    } catch (e) {
      if (!(e instanceof PreconditionFailed) || attempt >= 20) throw e
      o.log.info(
        `  another publish changed ${o.prefix} meanwhile; merging again (attempt ${attempt + 1})`
      )
      continue
    }
    await o.uploader.bytes(
      `${o.prefix}/repodata/repomd.xml.asc`,
      await detachSign(repomd, o.keys),
      'signature'
    )
    await pruneRepodata(o.store, o.prefix, [repomd, snapshot.repomd ?? ''], o.log)
    for (const f of commit.removedFiles) {
      await o.store.delete(`${o.prefix}/${f}`)
      await o.store.delete(`${o.prefix}/${f}.asc`)
      o.log.info(`  deleted ${o.prefix}/${f}`)
    }
    return commit
  }
}

const GRACE_MS = 60 * 60 * 1000

async function pruneRepodata(
  store: Store,
  prefix: string,
  repomds: string[],
  log: Logger
): Promise<void> {
  const keep = new Set(
    repomds.flatMap((x) => [...parseRepomd(x).values()].map((d) => `${prefix}/${d.location}`))
  )
  const now = Date.now()
  for await (const obj of store.list(`${prefix}/repodata/`)) {
    if (/repomd\.xml(\.asc)?$/.test(obj.key) || keep.has(obj.key)) continue
    if (!obj.modified || now - obj.modified.getTime() < GRACE_MS) continue
    await store.delete(obj.key)
    log.debug(`pruned ${obj.key}`)
  }
}
