import { createHash, randomUUID, type Hash } from 'node:crypto'
import {
  closeSync,
  constants,
  createWriteStream,
  fstatSync,
  fsync,
  ftruncateSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
  type BigIntStats,
  type Dirent
} from 'node:fs'
import { copyFile, open } from 'node:fs/promises'
import { hostname } from 'node:os'
import * as path from 'node:path'
import { performance } from 'node:perf_hooks'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { pathToFileURL } from 'node:url'
import { Sha256Stream, sha256Hex, sha256Of } from './digest.js'
import { READ_CHUNK, readInto, readSmallFile } from './small-file.js'
import type { Logger } from '../report/log.js'
import { code, isAlive, KeyLocks, removeFileSync, type LockOptions } from './lock.js'
import {
  checkKey,
  PreconditionFailed,
  type Body,
  type ByteRange,
  type CopyOptions,
  type Listed,
  type ObjectInfo,
  type PutOptions,
  type PutResult,
  type Store,
  unreadFileOf
} from './store.js'

/** Objects listed between turns of the event loop. */
const LIST_BATCH = 256

/** The store's own files (temporary writes, locks) live here, inside the root, never listed. */
export const STATE_DIR = '.falco-publish'

export interface FileStoreOptions {
  /** Where the directory is served from: `url(key)` is this plus the key. */
  baseUrl?: string
  lock?: LockOptions
  /** Told when an abandoned lock is broken. */
  log?: Pick<Logger, 'warning' | 'debug'>
}

/**
 * A Store on a local directory: the embedded default, and what a web server serves from.
 *
 * Writes stream into a temporary file under `<root>/.falco-publish/tmp/` (same filesystem, so
 * the final rename is atomic), hashing on the way, then rename into place: a reader sees the old
 * object or the new one, never a part. When the bytes reach the disk depends on the object (see
 * `deferred`). A new immutable object (a package, its signature, a content-addressed index) is
 * placed without an fsync; every other write is a barrier: it first syncs every object placed so
 * far without one (16 at a time) and their folders, then fsyncs its own bytes before its rename
 * and its folder after, as every write did before. An index (InRelease, repomd.xml, a listing, a
 * commit) is never on disk before the files it names, and a publish of N packages syncs them in
 * one bounded burst before its commit instead of one after the other.
 *
 * The etag is the file's inode, size and mtime in nanoseconds: a replacement is a new inode, and
 * the mtime is set so that it always moves forward (see `stamp`), so the etag changes on every
 * replacement without reading any content.
 *
 * Preconditions hold between processes on one machine (and on filesystems with atomic link and
 * rename):
 * - `ifNoneMatch: '*'` links the finished temp file to the key; link() fails when the name
 *   exists, so exactly one of several creators wins, and no existing object is ever replaced.
 * - every other change to a key (plain put, `ifMatch` put, delete) happens under the key's lock
 *   (see KeyLocks): `ifMatch` compares the etag and renames while nobody else can change the key,
 *   and a create-only link cannot slip in because the object exists for the whole time.
 * So a compare-and-swap loop never loses an update, and a failed conditional put changes nothing.
 *
 * Metadata calls (stat, link, rename, unlink, mkdir, readdir, utimes) and reads and writes of
 * bytes already in memory are synchronous; fsync, the kernel's copy of kept bytes and streamed
 * bodies are not. A metadata call is microseconds of kernel work, and handing it to libuv's
 * thread pool costs far more than that in thread wake-ups (on a 2-core runner: ~85 µs for an
 * asynchronous stat, ~10 µs for a synchronous one), and a publish makes hundreds of them. What
 * waits on the disk stays off the event loop.
 */
export class FileStore implements Store {
  readonly location: string
  private readonly root: string
  /** `root` ending with a separator: the prefix of every object's path. */
  private readonly rootSlash: string
  private readonly tmpDir: string
  private readonly locks: KeyLocks
  private readonly baseUrl: string | undefined
  /** Folders known to exist (see intoPlace). */
  private readonly folders = new Set<string>()
  private tempMade = false
  /** New immutable objects placed without an fsync, and their folders: synced by `flush`. */
  private readonly unsynced = { files: new Set<string>(), folders: new Set<string>() }
  /** The last flush: a barrier waits for every flush before it (see flush). */
  private flushed: Promise<void> = Promise.resolve()

  constructor(rootDir: string, options: FileStoreOptions = {}) {
    this.root = path.resolve(rootDir)
    this.rootSlash = this.root.endsWith(path.sep) ? this.root : this.root + path.sep
    this.location = pathToFileURL(this.root).href
    this.tmpDir = path.join(this.root, STATE_DIR, 'tmp')
    this.locks = new KeyLocks(path.join(this.root, STATE_DIR, 'locks'), {
      ...options.lock,
      onBreak: (key, holder) =>
        options.log?.warning(
          `broke an abandoned lock on store key ${key} in ${this.location} (pid ${holder.pid} on ${holder.host})`
        )
    })
    this.baseUrl = options.baseUrl === undefined ? undefined : withSlash(options.baseUrl)
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const stats = fileStats(this.pathOf(key))
    return stats && info(key, stats)
  }

  async get(key: string): Promise<Readable | undefined> {
    const file = this.pathOf(key)
    let handle
    try {
      handle = await open(file, 'r')
    } catch (error) {
      if (isAbsent(error)) return undefined
      throw error
    }
    // The open handle keeps reading this version even if the key is replaced meanwhile.
    if (!(await handle.stat()).isFile()) {
      await handle.close()
      return undefined
    }
    return handle.createReadStream({ highWaterMark: READ_CHUNK })
  }

  /**
   * Size and SHA-256: a file of up to READ_CHUNK in one read (a stream's open, stat, chunks and
   * close cost more than hashing it; verify hashes a dozen indexes after each publish), a larger
   * one as it streams, so a big package neither sits whole in memory nor holds the event loop.
   */
  async digest(key: string): Promise<{ sha256: string; size: number } | undefined> {
    const stats = fileStats(this.pathOf(key))
    if (!stats) return undefined
    if (stats.size > BigInt(READ_CHUNK)) {
      const stream = await this.get(key)
      return stream && sha256Of(stream)
    }
    const bytes = await this.read(key)
    return bytes && { sha256: sha256Hex(bytes), size: bytes.length }
  }

  /** One read into a buffer of the file's size: a few times quicker than a stream's chunks. */
  async read(key: string, range?: ByteRange): Promise<Buffer | undefined> {
    let fd: number
    try {
      fd = openSync(this.pathOf(key), 'r')
    } catch (error) {
      if (isAbsent(error)) return undefined
      throw error
    }
    try {
      const stats = fstatSync(fd)
      if (!stats.isFile()) return undefined
      const start = range?.start ?? 0
      const end = Math.min(range?.end ?? stats.size, stats.size)
      return readInto(fd, Buffer.allocUnsafe(Math.max(0, end - start)), start)
    } finally {
      closeSync(fd)
    }
  }

  /**
   * The kept bytes are copied by the kernel (copy_file_range, or a reflink where the filesystem
   * shares blocks), never through this process; then the appended bytes are written after them,
   * the file is linked into place, create-only; its bytes are synced at the next barrier (the
   * result is content-addressed: see `deferred`).
   */
  async extend(
    from: string,
    keep: number,
    append: Buffer[],
    to: string,
    sha256: string
  ): Promise<PutResult> {
    const source = this.pathOf(from)
    const dest = this.pathOf(to)
    const precondition = { ifNoneMatch: '*' } as const
    const existing = fileStats(dest)
    if (existing && !isTorn(existing, keep + byteLength(append)))
      throw new PreconditionFailed(to, precondition)
    const file = this.tempName()
    this.tempFolder()
    try {
      try {
        await copyFile(source, file, constants.COPYFILE_FICLONE)
      } catch (error) {
        throw new Error(
          `cannot extend ${from} into ${to} in ${this.location}: ${isAbsent(error) ? `no object ${from}` : message(error)}`,
          { cause: error }
        )
      }
      const fd = openSync(file, 'r+')
      let size = keep
      try {
        if (fstatSync(fd).size < keep)
          throw new Error(
            `cannot extend ${from} into ${to} in ${this.location}: ${from} is shorter than ${keep} bytes`
          )
        ftruncateSync(fd, keep)
        for (const part of append) {
          writeAll(fd, part, size)
          size += part.length
        }
      } finally {
        closeSync(fd)
      }
      const stats = stamp(file, undefined)
      const placed = await this.createImmutable(to, dest, file, size)
      if (!placed) throw new PreconditionFailed(to, precondition)
      return { key: to, size, sha256, etag: etagOf(stats) }
    } finally {
      removeFileSync(file)
    }
  }

  async put(key: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    const dest = this.pathOf(key)
    const precondition = options.precondition
    // contentType is not kept: a file server derives it from the file name.
    if (precondition && !this.holds(dest, precondition) && !this.mayHeal(dest, body, options)) {
      // Fail before streaming a possibly large body that could not be written anyway.
      if (body instanceof Readable) body.destroy()
      throw new PreconditionFailed(key, precondition)
    }
    const createOnly = precondition !== undefined && 'ifNoneMatch' in precondition
    // Advisory: a plain put that finds the key taken is synced after all (under its lock, below).
    const defer = deferred(options) && (createOnly || (!precondition && !fileStats(dest)))
    // Bytes are written as they are: Buffer.from() of a Buffer would copy them first.
    const temp = Buffer.isBuffer(body)
      ? await this.writeBytes(key, body, options.sha256, !defer)
      : typeof body === 'string'
        ? await this.writeBytes(key, Buffer.from(body), options.sha256, !defer)
        : await this.writeTemp(key, body, !defer, options.keepHash)
    // A rename moves the temporary file into place; a link leaves it to be removed.
    let moved = false
    try {
      let stats: BigIntStats
      if (createOnly && defer) {
        stats = stamp(temp.file, undefined)
        if (!(await this.createImmutable(key, dest, temp.file, temp.size)))
          throw new PreconditionFailed(key, precondition)
        return { key, size: temp.size, sha256: temp.sha256, etag: etagOf(stats), ...kept(temp) }
      }
      // A barrier: what this write may name (packages, by-hash indexes) is on disk before it.
      if (!defer) await this.flush()
      if (createOnly) {
        stats = stamp(temp.file, undefined)
        if (!this.linkNew(key, dest, temp.file)) throw new PreconditionFailed(key, precondition)
      } else {
        stats = await this.locks.withLock(key, async () => {
          const current = fileStats(dest)
          if (precondition && (!current || etagOf(current) !== precondition.ifMatch)) {
            throw new PreconditionFailed(key, precondition)
          }
          // Replacing a file an index may name: never with bytes not yet on disk.
          if (current && defer) await fsyncPath(temp.file)
          const stamped = stamp(temp.file, current)
          this.intoPlace(key, dest, () => renameSync(temp.file, dest))
          moved = true
          return stamped
        })
      }
      if (defer) this.pending(dest)
      else await syncDirectory(path.dirname(dest))
      return { key, size: temp.size, sha256: temp.sha256, etag: etagOf(stats), ...kept(temp) }
    } finally {
      if (!moved) removeFileSync(temp.file)
    }
  }

  /**
   * A hard link, taking the key's place like any write (link to a temp name, then rename); a
   * create-only copy links straight to the name, and leaves one that exists as it is.
   */
  async copy(from: string, to: string, options: CopyOptions = {}): Promise<void> {
    const source = this.pathOf(from)
    const dest = this.pathOf(to)
    if (options.createOnly) {
      const stats = fileStats(source)
      if (!stats)
        throw new Error(`cannot copy ${from} to ${to} in ${this.location}: no object ${from}`)
      // One that exists holds these bytes (the name is content-addressed). A new link names
      // bytes that may still wait for the next barrier (a by-hash index): so does the link,
      // and when they wait under the source's name, only the link's folder needs syncing.
      await this.createImmutable(
        to,
        dest,
        source,
        Number(stats.size),
        this.unsynced.files.has(source)
      )
      return
    }
    // A barrier: the copied bytes, and what the copy may name, are on disk before it.
    await this.flush()
    const temp = this.tempName()
    this.tempFolder()
    try {
      try {
        linkSync(source, temp)
      } catch (error) {
        throw new Error(
          `cannot copy ${from} to ${to} in ${this.location}: ${isAbsent(error) ? `no object ${from}` : message(error)}`,
          { cause: error }
        )
      }
      await this.locks.withLock(to, async () =>
        this.intoPlace(to, dest, () => renameSync(temp, dest))
      )
      await syncDirectory(path.dirname(dest))
    } finally {
      // Left behind when `to` already was a link to the same file (rename then does nothing).
      removeFileSync(temp)
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    yield* this.listed(prefix, (file, key) => {
      const stats = fileStats(file)
      return stats && info(key, stats)
    })
  }

  /**
   * Keys, sizes and dates without etags: a plain stat per file, where list() reads bigint stats
   * and spells out the etag. Pruning old index generations lists a repository's whole component
   * folder on every publish (hundreds of by-hash files while they wait out the grace period).
   */
  async *scan(prefix: string): AsyncIterable<Listed> {
    yield* this.listed(prefix, (file, key) => {
      const stats = statSync(file, { throwIfNoEntry: false })
      return stats?.isFile() ? { key, size: stats.size, modified: stats.mtime } : undefined
    })
  }

  private async *listed<T>(
    prefix: string,
    read: (file: string, key: string) => T | undefined
  ): AsyncIterable<T> {
    // Only the folder the prefix ends in is read, then everything below it that can match.
    const slash = prefix.lastIndexOf('/')
    const folder = slash <= 0 ? '' : checkKey(prefix.slice(0, slash))
    // A driver folder holds thousands of files: other work gets the event loop between batches.
    let listed = 0
    for (const object of this.walk(folder, prefix, read)) {
      yield object
      if (++listed % LIST_BATCH === 0) await new Promise((resolve) => setImmediate(resolve))
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key)
    await this.locks.withLock(key, async () => {
      try {
        unlinkSync(file)
      } catch (error) {
        if (isAbsent(error) || code(error) === 'EISDIR') return
        throw error
      }
    })
    this.prune(path.dirname(file))
  }

  url(key: string): string | undefined {
    const file = this.pathOf(key)
    if (this.baseUrl === undefined) return pathToFileURL(file).href
    return this.baseUrl + key.split('/').map(encodeSegment).join('/')
  }

  private pathOf(key: string): string {
    checkKey(key)
    if (key === STATE_DIR || key.startsWith(`${STATE_DIR}/`)) {
      throw new Error(
        `invalid store key ${JSON.stringify(key)}: ${STATE_DIR}/ is reserved for the temporary and lock files of ${this.location}`
      )
    }
    // A checked key has no empty, '.' or '..' segment, and the root is resolved: joined as is,
    // it is already what path.join gives, without normalising it again for every call.
    return path.sep === '/' ? this.rootSlash + key : path.join(this.root, ...key.split('/'))
  }

  /** An early, advisory look at the precondition; the binding check happens when renaming. */
  private holds(dest: string, precondition: NonNullable<PutOptions['precondition']>): boolean {
    const current = fileStats(dest)
    return 'ifNoneMatch' in precondition
      ? current === undefined
      : current !== undefined && etagOf(current) === precondition.ifMatch
  }

  /** A create-only immutable put of bytes in memory over a torn leftover (see createImmutable). */
  private mayHeal(dest: string, body: Body, options: PutOptions): boolean {
    if (!deferred(options) || (typeof body !== 'string' && !Buffer.isBuffer(body))) return false
    const there = fileStats(dest)
    return there !== undefined && isTorn(there, Buffer.byteLength(body))
  }

  /** Bytes in memory: one write (an fsync when `sync`), hashed unless the caller gave the sha256. */
  private async writeBytes(key: string, bytes: Buffer, sha256: string | undefined, sync: boolean) {
    const file = this.tempName()
    try {
      this.tempFolder()
      const fd = openSync(file, 'wx')
      try {
        writeAll(fd, bytes, 0)
        if (sync) await fsyncAsync(fd)
      } finally {
        closeSync(fd)
      }
    } catch (error) {
      removeFileSync(file)
      throw new Error(`cannot write store key ${key} to ${this.location}: ${message(error)}`, {
        cause: error
      })
    }
    return { file, sha256: sha256 ?? sha256Hex(bytes), size: bytes.length }
  }

  private async writeTemp(key: string, body: Body, sync: boolean, keepHash?: boolean) {
    const small = this.smallFile(key, body)
    if (small) {
      // The same digest (and unfinished hash) as the stream's, from the bytes read.
      const hash = createHash('sha256').update(small)
      const hashed = keepHash ? hash.copy() : undefined
      return { ...(await this.writeBytes(key, small, hash.digest('hex'), sync)), hashed }
    }
    const file = this.tempName()
    const digest = new Sha256Stream(keepHash)
    try {
      this.tempFolder()
      // flush: fsync before close, so the rename never exposes a file whose bytes are not on disk.
      await pipeline(toStream(body), digest, createWriteStream(file, { flags: 'wx', flush: sync }))
    } catch (error) {
      removeFileSync(file)
      throw new Error(`cannot write store key ${key} to ${this.location}: ${message(error)}`, {
        cause: error
      })
    }
    return { file, sha256: digest.sha256, size: digest.size, hashed: digest.hashed }
  }

  /**
   * The bytes of a body that is a whole local file of up to READ_CHUNK, read in one go (its
   * stream closed unread): a stream's open, chunks, hashing transform and write stream cost more
   * than the copy of a package's few hundred bytes or a signature. Undefined for anything else,
   * which is streamed. A file that cannot be read fails as its stream would have.
   */
  private smallFile(key: string, body: Body): Buffer | undefined {
    const local = unreadFileOf(body)
    if (local === undefined) return undefined
    // Closed unread once its bytes are in hand; its own open of the file is not waited on, and
    // may still fail (a missing file): that error is this one's, reported below.
    const stream = body as Readable
    const close = (): void => {
      stream.on('error', () => {})
      stream.destroy()
    }
    let bytes: Buffer | undefined
    try {
      bytes = readSmallFile(local, READ_CHUNK)
    } catch (error) {
      close()
      throw new Error(`cannot write store key ${key} to ${this.location}: ${message(error)}`, {
        cause: error
      })
    }
    if (bytes === undefined) return undefined
    close()
    return bytes
  }

  /**
   * A fresh name for a temporary file, unique between processes and calls, naming its writer
   * (pid and host) so that the leftovers of a killed run can be told from writes under way.
   */
  private tempName(): string {
    return path.join(this.tmpDir, `${process.pid}@${hostname()}-${randomUUID()}.tmp`)
  }

  /**
   * Links `file` to the key's name, create-only (link() fails when the name exists, so exactly
   * one of several creators wins): false when an object holds the name already.
   */
  private linkNew(key: string, dest: string, file: string): boolean {
    let created = true
    this.intoPlace(key, dest, () => {
      try {
        linkSync(file, dest)
      } catch (error) {
        if (code(error) !== 'EEXIST' || !fileStats(dest)) throw error
        created = false
      }
    })
    return created
  }

  /**
   * Places a new immutable object (content-addressed: its name says its bytes) without syncing
   * it: false when an object holds the name already. `bytesPending`: `file` is itself waiting
   * for the barrier, synced under its own name, so only the new name's folder is noted. One
   * there that is shorter is the torn leftover of a crash that came before its bytes reached the
   * disk (a name journaled, its blocks not: empty on ext4 and XFS), never another version: it is
   * replaced, synced this time, under the key's lock.
   */
  private async createImmutable(
    key: string,
    dest: string,
    file: string,
    size: number,
    bytesPending = false
  ): Promise<boolean> {
    if (this.linkNew(key, dest, file)) {
      if (bytesPending) this.unsynced.folders.add(path.dirname(dest))
      else this.pending(dest)
      return true
    }
    const there = fileStats(dest)
    if (!there || !isTorn(there, size)) return false
    const temp = this.tempName()
    this.tempFolder()
    try {
      linkSync(file, temp)
      await fsyncPath(temp)
      await this.locks.withLock(key, async () => {
        const current = fileStats(dest)
        if (current && !isTorn(current, size)) return
        this.intoPlace(key, dest, () => renameSync(temp, dest))
      })
      await syncDirectory(path.dirname(dest))
    } finally {
      removeFileSync(temp)
    }
    return true
  }

  /** Notes an object placed without an fsync, for the next barrier. */
  private pending(dest: string): void {
    this.unsynced.files.add(dest)
    this.unsynced.folders.add(path.dirname(dest))
  }

  /**
   * Makes every object placed so far without an fsync durable, with its folder: the barrier that
   * comes before any write that may name them. It waits for the flushes before it (their files
   * may be what the caller's write names) and retries what a failed one left.
   */
  async flush(): Promise<void> {
    const run = this.flushed.catch(() => {}).then(() => this.syncPending())
    this.flushed = run
    return run
  }

  private async syncPending(): Promise<void> {
    const { files, folders } = this.unsynced
    if (files.size === 0 && folders.size === 0) return
    const batch = { files: [...files], folders: [...folders] }
    files.clear()
    folders.clear()
    try {
      // Bounded: one open file per sync in flight, whatever the number of packages.
      await forEachBounded(batch.files, SYNC_CONCURRENCY, fsyncPath)
      await forEachBounded(batch.folders, SYNC_CONCURRENCY, syncDirectory)
    } catch (error) {
      for (const file of batch.files) files.add(file)
      for (const folder of batch.folders) folders.add(folder)
      throw new Error(`cannot sync the new objects of ${this.location}: ${message(error)}`, {
        cause: error
      })
    }
  }

  /** Makes the folder of temporary files, once per store object, and collects what killed runs left there. */
  private tempFolder(): void {
    if (this.tempMade) return
    mkdirSync(this.tmpDir, { recursive: true })
    this.tempMade = true
    collectAbandoned(this.tmpDir)
  }

  /**
   * Runs `move` into a folder made first, again if a concurrent delete pruned it. A folder this
   * store made or saw is not made again until a move into it finds it gone.
   */
  private intoPlace(key: string, dest: string, move: () => void): void {
    const folder = path.dirname(dest)
    for (let attempt = 1; ; attempt++) {
      try {
        if (!this.folders.has(folder)) {
          mkdirSync(folder, { recursive: true })
          this.folders.add(folder)
        }
        move()
        return
      } catch (error) {
        if (error instanceof PreconditionFailed) throw error
        this.folders.delete(folder)
        if (code(error) === 'ENOENT' && attempt < 5) continue
        throw this.placeError(key, error)
      }
    }
  }

  /** Explains the one way a key can be valid and still not fit: files and folders share names. */
  private placeError(key: string, error: unknown): Error {
    const parts = key.split('/')
    for (let i = 1; i < parts.length; i++) {
      const above = parts.slice(0, i).join('/')
      if (fileStats(path.join(this.root, ...parts.slice(0, i)))) {
        return new Error(
          `cannot write store key ${key} to ${this.location}: ${above} is an object, so it cannot also hold keys below it`,
          { cause: error }
        )
      }
    }
    if (statSync(path.join(this.root, ...parts), { throwIfNoEntry: false })?.isDirectory()) {
      return new Error(
        `cannot write store key ${key} to ${this.location}: other keys live under ${key}/, so it cannot also be an object`,
        { cause: error }
      )
    }
    return new Error(`cannot write store key ${key} to ${this.location}: ${message(error)}`, {
      cause: error
    })
  }

  private *walk<T>(
    folder: string,
    prefix: string,
    read: (file: string, key: string) => T | undefined
  ): Generator<T> {
    const dir = path.join(this.root, ...(folder ? folder.split('/') : []))
    let entries: Dirent[]
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch (error) {
      if (isAbsent(error)) return
      throw error
    }
    const named = entries
      .filter((entry) => !(folder === '' && entry.name === STATE_DIR))
      .map((entry) => ({ entry, key: folder ? `${folder}/${entry.name}` : entry.name }))
      .filter(({ key }) => isKey(key))
      // Key order is the byte order of the keys, as S3 lists them. A folder sorts as its name
      // plus '/', which is where its keys fall among its siblings: 'a.txt' < 'a/b' < 'a0'.
      .map((item) => ({
        ...item,
        sortAs: Buffer.from(item.entry.isDirectory() ? `${item.key}/` : item.key)
      }))
      .sort((a, b) => Buffer.compare(a.sortAs, b.sortAs))
    // Keys come out in key order; a sub-folder's keys at its place in that order.
    for (const { entry, key } of named) {
      if (entry.isDirectory()) {
        const below = `${key}/`
        if (below.startsWith(prefix) || prefix.startsWith(below))
          yield* this.walk(key, prefix, read)
      } else if ((entry.isFile() || entry.isSymbolicLink()) && key.startsWith(prefix)) {
        // The folder's path once, then the name: path.join per file was a tenth of a listing.
        // Gone since readdir (a concurrent delete) or a link to a folder: not an object.
        const found = read(dir + path.sep + entry.name, key)
        if (found !== undefined) yield found
      }
    }
  }

  /** Removes folders left empty by a delete, up to (not including) the root. */
  private prune(folder: string): void {
    for (
      let dir = folder;
      dir !== this.root && dir.startsWith(this.root + path.sep);
      dir = path.dirname(dir)
    ) {
      try {
        rmdirSync(dir)
        this.folders.delete(dir)
      } catch (error) {
        if (code(error) === 'ENOENT') continue
        return // not empty (ENOTEMPTY, EEXIST): something else still lives there
      }
    }
  }
}

function info(key: string, stats: BigIntStats): ObjectInfo {
  return {
    key,
    size: Number(stats.size),
    etag: etagOf(stats),
    modified: new Date(Number(stats.mtimeNs / 1_000_000n))
  }
}

function etagOf(stats: BigIntStats): string {
  return `${stats.ino.toString(16)}-${stats.size.toString(16)}-${stats.mtimeNs.toString(16)}`
}

/**
 * Sets the new file's mtime (which the etag carries) before it takes the key's place, and
 * returns its final stats. Filesystem timestamps come from a coarse clock (milliseconds), and
 * a replaced file's inode number is free to be reused by the next write: two quick same-size
 * writes could otherwise produce the etag of an earlier version and let a stale ifMatch through.
 * So the mtime is the precise time now, and for a replacement at least 1 µs after the mtime of
 * the version it replaces (replacements happen under the key's lock, so this is ordered).
 */
function stamp(file: string, replacing: BigIntStats | undefined): BigIntStats {
  const now = (performance.timeOrigin + performance.now()) / 1000
  // Seconds as a double keep ~0.25 µs of precision today; 1 µs survives the rounding.
  const after = replacing ? Number(replacing.mtimeNs) / 1e9 + 1e-6 : 0
  const time = Math.max(now, after)
  utimesSync(file, time, time)
  return statSync(file, { bigint: true })
}

/** The stats of a regular file (following links), or undefined when there is none. */
function fileStats(file: string): BigIntStats | undefined {
  try {
    const stats = statSync(file, { bigint: true })
    return stats.isFile() ? stats : undefined
  } catch (error) {
    if (isAbsent(error)) return undefined
    throw error
  }
}

/**
 * A temporary file of another host, or of an older version that did not name its host, is judged
 * by its age alone: no write streams for this long.
 */
const ABANDONED_TEMP_MS = 6 * 60 * 60 * 1000

/**
 * Removes the temporary files of writers that are gone: those of this host whose process no
 * longer runs, and any not touched for ABANDONED_TEMP_MS. A run killed mid-write leaves its
 * temporary file behind; nothing else would ever remove it.
 */
export function collectAbandoned(tmpDir: string): void {
  let names: string[]
  try {
    names = readdirSync(tmpDir)
  } catch {
    return
  }
  const host = hostname()
  for (const name of names) {
    const writer = /^(\d+)@(.+)-[0-9a-f-]{36}\.tmp$/.exec(name)
    const file = path.join(tmpDir, name)
    let gone = writer !== null && writer[2] === host && !isAlive(Number(writer[1]))
    if (!gone) {
      const stats = statSync(file, { throwIfNoEntry: false })
      gone = stats !== undefined && Date.now() - stats.mtimeMs > ABANDONED_TEMP_MS
    }
    if (gone) removeFileSync(file)
  }
}

/** Per folder: how many syncs were asked for, how many of those a finished fsync covers, the one running. */
interface FolderSync {
  asked: number
  covered: number
  running?: Promise<void>
}
const folderSyncs = new Map<string, FolderSync>()

/**
 * Makes the renames and links made in `dir` durable (a filesystem that cannot sync folders is
 * left be). Concurrent callers share fsyncs: an fsync covers
 * every change made before it started, so a caller waits for the first one to start after its
 * own call, and a burst of puts into one folder (the by-hash copies of an index) costs one or two
 * fsyncs instead of one each, which the filesystem's journal would otherwise run one by one.
 */
async function syncDirectory(dir: string): Promise<void> {
  let state = folderSyncs.get(dir)
  if (!state) folderSyncs.set(dir, (state = { asked: 0, covered: 0 }))
  const mine = ++state.asked
  while (state.covered < mine) {
    if (state.running) {
      await state.running
      continue
    }
    const covers = state.asked
    const s = state
    s.running = fsyncFolder(dir).then(() => {
      s.covered = Math.max(s.covered, covers)
      s.running = undefined
    })
    await s.running
  }
  if (!state.running && state.covered === state.asked) folderSyncs.delete(dir)
}

async function fsyncFolder(dir: string): Promise<void> {
  let fd: number
  try {
    fd = openSync(dir, 'r')
  } catch {
    return
  }
  try {
    await fsyncAsync(fd)
  } catch {
    // EINVAL/EISDIR on filesystems that do not support syncing a directory.
  } finally {
    closeSync(fd)
  }
}

/** fsync on the thread pool: it waits on the disk. */
function fsyncAsync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())))
}

/**
 * Fsyncs in flight at once at a barrier: enough to keep the disk's queue and libuv's four
 * threads busy (the journal commits concurrent fsyncs together), few enough open files.
 */
const SYNC_CONCURRENCY = 16

/**
 * Whether a write may be placed without an fsync, synced at the next barrier: an immutable
 * object's name is never reused for other bytes, and only an index (written as a barrier) makes
 * it part of a repository; the caller says so of others (a package's signature).
 */
function deferred(options: PutOptions): boolean {
  return options.lifetime === 'immutable' || options.syncLater === true
}

/**
 * An immutable object shorter than the bytes its name stands for: torn by a crash that came before
 * its blocks reached the disk (one of another, larger size is another object, left as it is).
 */
function isTorn(stats: BigIntStats, size: number): boolean {
  return stats.size < BigInt(size)
}

function byteLength(parts: Buffer[]): number {
  return parts.reduce((sum, part) => sum + part.length, 0)
}

/** Fsyncs the file at `file`; one deleted meanwhile needs nothing. */
async function fsyncPath(file: string): Promise<void> {
  let handle
  try {
    handle = await open(file, 'r')
  } catch (error) {
    if (isAbsent(error)) return
    throw error
  }
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function forEachBounded<T>(
  items: T[],
  limit: number,
  run: (item: T) => Promise<void>
): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await run(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/** Writes all of `bytes` at `position` (a write may take fewer bytes than it was given). */
function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let at = 0; at < bytes.length;)
    at += writeSync(fd, bytes, at, bytes.length - at, position + at)
}

function toStream(body: Body): Readable {
  if (typeof body === 'string') return Readable.from([Buffer.from(body, 'utf8')])
  if (Buffer.isBuffer(body)) return Readable.from([body])
  return body
}

function isAbsent(error: unknown): boolean {
  return code(error) === 'ENOENT' || code(error) === 'ENOTDIR'
}

/** File names that are not valid keys (a backslash, a control character) cannot be addressed. */
function isKey(key: string): boolean {
  try {
    checkKey(key)
    return true
  } catch {
    return false
  }
}

function withSlash(baseUrl: string): string {
  let parsed: URL | undefined
  try {
    parsed = new URL(baseUrl)
  } catch {
    // fall through to the error below
  }
  if (parsed?.protocol !== 'https:' && parsed?.protocol !== 'http:') {
    // Whatever precedes an '@' could be a credential: keep it out of the message.
    const shown = baseUrl.replace(/^.*@/, '…@')
    throw new Error(
      `invalid base URL ${JSON.stringify(shown)} for the file store: expected an http(s) URL such as https://download.example.org/`
    )
  }
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`
}

/**
 * Percent-encodes what a URL path segment cannot hold, and '+': S3 and the CDNs in front of it read
 * a literal '+' in a path as a space, so the dev versions' build metadata (`0.41.0-15+8c4040b`) is
 * written `%2B`, as Falco's own links and falcoctl write it. Keeps '~', ':' and the like.
 */
function encodeSegment(segment: string): string {
  return segment.replace(/[^A-Za-z0-9\-._~!$&'()*,;=:@]/gu, (c) => encodeURIComponent(c))
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The unfinished hash of a streamed write, when asked for (PutOptions.keepHash). */
function kept(temp: { size: number; hashed?: Hash }): { hashed?: Hash } {
  return temp.hashed ? { hashed: temp.hashed } : {}
}
