import { createReadStream } from 'node:fs'
import pLimit from 'p-limit'
import { awaitedLater } from '../../awaited-later.js'
import type { Logger } from '../../report/log.js'
import type { Published } from '../../plan.js'
import {
  PreconditionFailed,
  readObject,
  readWithEtag,
  scan,
  statObject,
  type ByteRange,
  type CopyOptions,
  type Lifetime,
  type Listed,
  type PutResult,
  type Store
} from '../../store/store.js'
import { progressLine } from '../../report/format.js'
import { sha256Hex } from '../../store/digest.js'
import type { SigningKeys } from '../../sign/openpgp.js'
import type { Pending } from '../../repo/pending.js'

/** Small store conveniences the package repositories share: read text, upload with a progress line. */

/**
 * Reads an object a signed index names (`listedIn`): its absence, or bytes other than the
 * `sha256` the index gives for it, mean a broken repository: an error naming `shown` (the name
 * people know it by; by default the key read).
 */
export async function readListed(
  store: Store,
  key: string,
  listedIn: string,
  check: { shown?: string; sha256?: string } = {}
): Promise<Buffer> {
  const shown = check.shown ?? key
  const body = await readObject(store, key)
  if (!body) throw new Error(`${store.location}/${shown}: listed in ${listedIn} but missing`)
  if (check.sha256 !== undefined && sha256Hex(body) !== check.sha256)
    throw new Error(
      `${store.location}/${shown}: content does not match its sha256 in ${listedIn}; refusing to merge into it`
    )
  return body
}

/**
 * Bytes `range` of an object a signed index names, read alone where the store can (else sliced
 * from the whole object); its absence, or fewer bytes than asked, means a broken repository.
 */
export async function readListedRange(
  store: Store,
  key: string,
  range: ByteRange,
  listedIn: string
): Promise<Buffer> {
  const bytes = store.read
    ? await store.read(key, range)
    : (await readObject(store, key))?.subarray(range.start, range.end)
  if (!bytes) throw new Error(`${store.location}/${key}: listed in ${listedIn} but missing`)
  if (bytes.length !== range.end - range.start)
    throw new Error(`${store.location}/${key}: shorter than ${listedIn} says`)
  return bytes
}

/**
 * Reads an object with its etag: that of the bytes read, where the store answers both at once,
 * else the one it had before reading. Either way, a changed etag later means someone wrote since.
 */
/** A commit point as this publish wrote it: its text and the etag the store gave it. */
export interface Committed {
  text: string
  etag: string
}

export async function readVersioned(
  store: Store,
  key: string
): Promise<{ text: string; etag: string } | undefined> {
  const read = await readWithEtag(store, key)
  return read && { text: read.bytes.toString('utf8'), etag: read.etag }
}

/** What writing one repository (`packages/deb`, `packages/rpm-dev`, ...) takes. */
export interface RepositoryWriter {
  store: Store
  /** The repository's folder in the store. */
  prefix: string
  keys: SigningKeys
  log: Logger
  uploader: Uploader
  /**
   * Settles when the package files the change adds are in the store. The index is built and
   * its content-addressed files written meanwhile; it is committed (named by the signed index)
   * only once this has succeeded, so a client never sees an index naming a missing package.
   */
  stored?: Promise<unknown>
}

export class Uploader {
  readonly published: Published[] = []
  /** Where each key is in `published`: a search of the list per write was quadratic in a bulk import. */
  private readonly publishedAt = new Map<string, number>()

  constructor(
    private readonly store: Store,
    private readonly log: Logger
  ) {}

  /**
   * Streams a local file into the store and logs one line with its size and rate; `sha256`, when
   * the file was hashed while planning, spares a store hashing it again; `keepHash` asks for the
   * store's hash unfinished (PutResult.hashed), for the file's signature.
   */
  async file(
    key: string,
    file: string,
    kind: Published['kind'],
    contentType?: string,
    sha256?: string,
    keepHash?: boolean
  ): Promise<PutResult> {
    const start = process.hrtime.bigint()
    const r = await this.store.put(key, createReadStream(file), {
      contentType,
      sha256,
      keepHash,
      lifetime: lifetimeOf(kind)
    })
    this.done(kind, key, r.sha256, r.size, start)
    return r
  }

  /** `syncLater`: nothing names the object yet (see PutOptions.syncLater). */
  async bytes(
    key: string,
    body: Buffer | string,
    kind: Published['kind'],
    contentType?: string,
    syncLater?: boolean
  ): Promise<void> {
    const start = process.hrtime.bigint()
    const r = await this.store.put(key, body, {
      contentType,
      lifetime: lifetimeOf(kind),
      syncLater
    })
    this.done(kind, key, r.sha256, r.size, start)
  }

  /**
   * Content-addressed copies (by-hash): an existing one already holds these bytes. One old
   * enough that a collection may be about to take it (a generation named it long ago, then
   * none did) is written again, so its age says it is in use (see pruneSuperseded).
   */
  async immutable(
    key: string,
    body: Buffer,
    kind: Published['kind'],
    sha256?: string
  ): Promise<void> {
    await this.createOnce(
      key,
      kind,
      () =>
        this.store.put(key, body, {
          precondition: { ifNoneMatch: '*' },
          sha256,
          lifetime: 'immutable',
          contentAddressed: true
        }),
      () => this.store.put(key, body, { sha256, lifetime: 'immutable' })
    )
  }

  /**
   * Writes `to` as a copy of `from`, which holds `body` (whose sha256 is known) already: inside
   * the store when it can copy (no bytes sent again), else by putting the bytes.
   */
  async copy(
    from: string,
    to: string,
    body: { bytes?: Buffer; sha256: string; size: number },
    kind: Published['kind'],
    options: CopyOptions = {}
  ): Promise<void> {
    if (!this.store.copy) {
      if (!body.bytes)
        throw new Error(`copying ${from} to ${to}: ${this.store.location} cannot copy`)
      return this.bytes(to, body.bytes, kind)
    }
    const start = process.hrtime.bigint()
    // A content-addressed copy never changes; a plain name (Packages) is rewritten by publishes.
    const lifetime: Lifetime = options.createOnly ? 'immutable' : 'short'
    if (options.createOnly) {
      // One there holds these bytes already; only an old one is copied again (see immutable).
      const there = await statObject(this.store, to)
      if (there && !nearCollection(there)) return
      if (there) options = { ...options, createOnly: false }
    }
    await this.store.copy(from, to, { ...options, lifetime })
    this.done(kind, to, body.sha256, body.size, start)
  }

  /**
   * Creates `to` as the first `keep` bytes of `from` then `append` (see Store.extend), whose
   * sha256 the caller computed; an existing `to` already holds them (content-addressed).
   */
  async extend(
    recipe: { from: string; keep: number; append: Buffer[] },
    to: string,
    sha256: string,
    kind: Published['kind']
  ): Promise<void> {
    const store = this.store
    if (!store.extend) throw new Error(`${store.location} cannot extend objects`)
    await this.createOnce(
      to,
      kind,
      () => store.extend!(recipe.from, recipe.keep, recipe.append, to, sha256),
      async () => {
        const bytes = await readObject(store, to)
        if (!bytes) return store.extend!(recipe.from, recipe.keep, recipe.append, to, sha256)
        return store.put(to, bytes, { sha256 })
      }
    )
  }

  /**
   * Runs a create-only write of a content-addressed key: one already there holds its bytes,
   * and is written again (`rewrite`) only when it is old enough to be near its collection.
   */
  private async createOnce(
    key: string,
    kind: Published['kind'],
    write: () => Promise<PutResult>,
    rewrite: () => Promise<PutResult>
  ): Promise<void> {
    const start = process.hrtime.bigint()
    let r: PutResult
    try {
      r = await write()
    } catch (e) {
      if (!(e instanceof PreconditionFailed)) throw e
      const there = await statObject(this.store, key)
      if (there && !nearCollection(there)) {
        this.log.debug(`${key} already present`)
        return
      }
      r = await rewrite()
    }
    this.done(kind, key, r.sha256, r.size, start)
  }

  /** The compare-and-swap write that commits an index generation; PreconditionFailed when someone else won. */
  async commit(
    key: string,
    body: string,
    etag: string | undefined,
    kind: Published['kind']
  ): Promise<Committed> {
    const start = process.hrtime.bigint()
    const r = await this.store.put(key, body, {
      precondition: etag === undefined ? { ifNoneMatch: '*' } : { ifMatch: etag },
      lifetime: 'short'
    })
    this.done(kind, key, r.sha256, r.size, start)
    return { text: body, etag: r.etag }
  }

  private done(
    kind: Published['kind'],
    key: string,
    sha256: string,
    size: number,
    start: bigint
  ): void {
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    this.log.info(progressLine('put', key, size, ms))
    const existing = this.publishedAt.get(key)
    const entry: Published = { kind, path: key, sha256, size, url: this.store.url(key) }
    if (existing !== undefined) this.published[existing] = entry
    else this.publishedAt.set(key, this.published.push(entry) - 1)
  }
}

/**
 * How long a cache may keep what a publish writes: packages and tarballs never change under
 * their name (stable ones are immutable, dev ones carry their build in it); signatures, indexes
 * and listings are rewritten by later publishes (a re-sign rewrites every .asc).
 */
const lifetimeOf = (kind: Published['kind']): Lifetime =>
  kind === 'package' || kind === 'tarball' ? 'immutable' : 'short'

/** The log line of a lost compare-and-swap race on a repository's index. */
export function mergingAgain(log: Logger, prefix: string): (attempt: number) => void {
  return (attempt) =>
    log.info(`  another publish changed ${prefix} meanwhile; merging again (attempt ${attempt})`)
}

/**
 * Deletes in flight at once: a remote store answers each delete in a round trip, which one at a
 * time would add up over a retention's worth of packages or a generation's by-hash files.
 */
const DELETE_CONCURRENCY = 8

/** Deletes package files that left every index, with their detached signatures. */
export async function deletePackageFiles(
  store: Store,
  prefix: string,
  files: string[],
  log: Logger
): Promise<void> {
  await pLimit(DELETE_CONCURRENCY).map(files, async (f) => {
    await store.delete(`${prefix}/${f}`)
    await store.delete(`${prefix}/${f}.asc`)
    log.info(`  deleted ${prefix}/${f}`)
  })
}

/** Logs the files a commit took out of the indexes, which stay pending deletion (see repo/pending.ts). */
export function logPending(log: Logger, prefix: string, left: string[], pending: Pending): void {
  for (const f of left)
    if (pending.has(f))
      log.info(
        `  ${prefix}/${f}: no longer indexed; a later publish deletes it once its grace has passed`
      )
}

/**
 * How long a superseded index generation stays: a client that read the previous InRelease or
 * repomd.xml still finds the files it names.
 */
const SUPERSEDED_GRACE_MS = 60 * 60 * 1000

/**
 * A content-addressed object a publish finds already there, and old enough that a collection
 * (which takes what is older than the grace period and named by no generation it read) could
 * come for it while the new generation that names it again is built: it is written again.
 * Half the grace period leaves a collection half an hour between its look and its delete.
 */
function nearCollection(info: Listed): boolean {
  return (
    info.modified !== undefined && Date.now() - info.modified.getTime() >= SUPERSEDED_GRACE_MS / 2
  )
}

/**
 * The keys under `under` older than the grace period, listed from the start of a commit: the
 * listing (on a remote store, a round trip per thousand keys) runs while the new generation is
 * built and written, not after it. A file written since is too young to prune, so a listing
 * taken early misses nothing a prune could delete.
 */
export function listSuperseded(store: Store, under: string): Promise<string[]> {
  // Awaited by pruneSuperseded; a commit that fails before it leaves the listing unread.
  return awaitedLater(
    (async () => {
      const now = Date.now()
      const old: string[] = []
      for await (const obj of scan(store, under)) {
        if (obj.modified && now - obj.modified.getTime() >= SUPERSEDED_GRACE_MS) old.push(obj.key)
      }
      return old
    })()
  )
}

/**
 * Deletes the listed keys (see listSuperseded) that `prunable` selects: generations that neither
 * the index this publish committed, nor the one before it, nor the one current when the prune
 * starts (another publish may have committed since) names. Each is looked at again just before
 * its delete: one a publish wrote again meanwhile (see Uploader.immutable) is young, and stays.
 */
export async function pruneSuperseded(
  store: Store,
  listed: Promise<string[]>,
  prunable: (key: string) => boolean,
  log: Logger
): Promise<void> {
  await pLimit(DELETE_CONCURRENCY).map((await listed).filter(prunable), async (key) => {
    const now = await store.head(key)
    if (!now?.modified || Date.now() - now.modified.getTime() < SUPERSEDED_GRACE_MS) return
    await store.delete(key)
    log.debug(`pruned ${key}`)
  })
}
