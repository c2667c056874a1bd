import type { Hash } from 'node:crypto'
import { ReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import { sha256Of } from './digest.js'

/**
 * Where published bytes go. Every backend (local directory, S3, HTTP/WebDAV) implements this
 * small interface; stages never know which one they talk to.
 *
 * Keys are '/'-separated paths relative to the store's root, without a leading slash
 * (`packages/deb-dev/dists/stable/InRelease`).
 */
export interface Store {
  /** A human-readable location, safe to log (no credentials): `file:///…`, `s3://…`, `https://…`. */
  readonly location: string

  /** Metadata of one object, or undefined when it does not exist. */
  head(key: string): Promise<ObjectInfo | undefined>

  /** The object's bytes as a stream, or undefined when it does not exist. */
  get(key: string): Promise<Readable | undefined>

  /**
   * Optional: the whole object in memory, or undefined when it does not exist. For what is read
   * whole anyway (indexes), where a store does better than collecting a stream's chunks; callers
   * fall back to `get`.
   */
  read?(key: string, range?: ByteRange): Promise<Buffer | undefined>

  /**
   * Optional: the whole object with the etag of those very bytes, or undefined when it does not
   * exist, in one request where a read answers with the version (S3's GetObject carries the
   * ETag; an http store's etag of an index is the SHA-256 of its bytes). Callers go through
   * `readWithEtag` below, which falls back to head, then read.
   */
  readVersioned?(key: string): Promise<Versioned | undefined>

  /**
   * Optional: an object's size and date without its etag, or undefined when it does not exist,
   * for callers asking only whether it is there or how old it is: where an etag costs a read of
   * the bytes (http), one HEAD. Callers go through `statObject`, which falls back to head.
   */
  stat?(key: string): Promise<Listed | undefined>

  /**
   * Optional: creates `to` (only if absent, like a put with `ifNoneMatch: '*'`) as the first
   * `keep` bytes of the object `from` followed by `append`, sending only the appended bytes: an
   * index that grows at its end is not written whole again. `sha256` is that of the result.
   */
  extend?(
    from: string,
    keep: number,
    append: Buffer[],
    to: string,
    sha256: string
  ): Promise<PutResult>

  /**
   * Writes an object, streaming. The sha256 is computed while the bytes pass through.
   * With a precondition the write is a compare-and-swap: it fails with PreconditionFailed
   * (and writes nothing) unless the object is absent (`ifNoneMatch: '*'`) or still carries
   * the etag read before (`ifMatch`).
   */
  put(key: string, body: Body, options?: PutOptions): Promise<PutResult>

  /**
   * Optional: makes `to` a copy of the object `from` without sending its bytes again (a hard link
   * on disk, CopyObject on S3), replacing what `to` held. Copies of one version of `from` may
   * share an etag (they are the same bytes). Stores without it get the bytes put again.
   */
  copy?(from: string, to: string, options?: CopyOptions): Promise<void>
  /** Every object whose key starts with `prefix`, in key order. */
  list(prefix: string): AsyncIterable<ObjectInfo>

  /**
   * Optional: told once, when a run has planned and is about to write, so that a store can start
   * now what its first conditional write would otherwise wait for (S3's probe of conditional
   * writes), overlapping the run's uploads. Never called by a dry run: it may write.
   */
  prepareWrites?(): void

  /**
   * Optional: like `list` but without etags, for callers that need only keys, sizes or dates (what
   * exists, what is old): a store whose etags cost a request per object (http) answers from its
   * folder listings alone. Callers go through `scan()` below, which falls back to `list`.
   */
  scan?(prefix: string): AsyncIterable<Listed>

  /**
   * Optional: an object's size and SHA-256, hashed as its bytes arrive and kept nowhere, or
   * undefined when it does not exist. For what is read only to be checked (a 1 GiB package), where
   * a store does better than handing out a stream; callers go through `digestObject`.
   */
  digest?(key: string): Promise<{ sha256: string; size: number } | undefined>

  /** Removes an object; removing one that does not exist is not an error. */
  delete(key: string): Promise<void>

  /** The URL a client would fetch the object from, when the store knows one. */
  url(key: string): string | undefined
}

export type Body = Readable | Buffer | string

/**
 * The path of a body that is a whole local file just opened (`createReadStream(file)`, nothing
 * read yet, no start or end): a store may then read the file itself (positional reads into its
 * own buffers, a length known up front) rather than take the stream's chunks. A range of a file,
 * or a stream already read from, is undefined: it is taken as a stream.
 */
export function unreadFileOf(body: Body): string | undefined {
  if (!(body instanceof ReadStream) || typeof body.path !== 'string' || body.bytesRead !== 0)
    return undefined
  const { start, end } = body as unknown as { start?: number; end?: number }
  return (start === undefined || start === 0) && (end === undefined || end === Infinity)
    ? body.path
    : undefined
}

export interface ObjectInfo {
  key: string
  size: number
  /** Opaque version tag: changes whenever the object's content is replaced. */
  etag: string
  modified?: Date
}

/** An object's bytes and the etag they carry. */
export interface Versioned {
  bytes: Buffer
  etag: string
}

/** An object as a listing shows it: no etag. */
export type Listed = Omit<ObjectInfo, 'etag'>

/** The objects under `prefix`, in key order, as cheaply as the store can list them (no etags). */
export function scan(store: Store, prefix: string): AsyncIterable<Listed> {
  return store.scan ? store.scan(prefix) : store.list(prefix)
}

/** An object's whole bytes (by the store's own read when it has one), or undefined when absent. */
export async function readObject(store: Store, key: string): Promise<Buffer | undefined> {
  if (store.read) return store.read(key)
  const stream = await store.get(key)
  if (!stream) return undefined
  const chunks: Buffer[] = []
  for await (const c of stream) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

/**
 * An object's bytes with their etag (by the store's own readVersioned, one request, when it has
 * one; else head, then read), or undefined when absent.
 */
export async function readWithEtag(store: Store, key: string): Promise<Versioned | undefined> {
  if (store.readVersioned) return store.readVersioned(key)
  const info = await store.head(key)
  if (!info) return undefined
  const bytes = await readObject(store, key)
  return bytes && { bytes, etag: info.etag }
}

/** An object's size and date (by the store's own stat when it has one), or undefined when absent. */
export function statObject(
  store: Pick<Store, 'head' | 'stat'>,
  key: string
): Promise<Listed | undefined> {
  return store.stat ? store.stat(key) : store.head(key)
}

/** An object's size and SHA-256 (by the store's own digest when it has one), or undefined when absent. */
export async function digestObject(
  store: Store,
  key: string
): Promise<{ sha256: string; size: number } | undefined> {
  if (store.digest) return store.digest(key)
  const stream = await store.get(key)
  return stream ? sha256Of(stream) : undefined
}

/** Bytes `start` (included) to `end` (excluded) of an object. */
export interface ByteRange {
  start: number
  end: number
}

export interface CopyOptions {
  /**
   * `to` is content-addressed (a by-hash name): when it exists it holds these bytes already and
   * is left as it is, so the copy needs no lock against a concurrent writer.
   */
  createOnly?: boolean
  /** How long a cache may keep `to` (see PutOptions.lifetime). */
  lifetime?: Lifetime
}

/**
 * How long a CDN or browser may cache an object: `immutable` for bytes that never change under
 * their name (packages, tarballs, content-addressed indexes), `short` for what a publish
 * rewrites (InRelease, repomd.xml, SHA256SUMS, signatures, listings). A store that serves
 * through HTTP metadata (S3) turns it into Cache-Control; the others ignore it.
 */
export type Lifetime = 'immutable' | 'short'

export type Precondition = { ifNoneMatch: '*' } | { ifMatch: string }

export interface PutOptions {
  precondition?: Precondition
  contentType?: string
  lifetime?: Lifetime
  /**
   * Nothing names this object yet, and the write that will (an index's commit, written without
   * this) comes later: a store that syncs each write to disk may make this one durable at that
   * later write, with the others, instead of on its own (see FileStore). Objects whose lifetime is
   * `immutable` are taken as such. A package's detached signature is one.
   */
  syncLater?: boolean
  /**
   * The body's sha256, when the caller has it already (an index it just hashed, a package file it
   * read while planning): a store may take it instead of hashing the bytes again. For a Buffer or
   * string body, or a local file stream (`createReadStream`) unchanged since it was hashed.
   */
  sha256?: string
  /**
   * Keep the body's SHA-256 unfinished too (PutResult.hashed), for a detached signature that
   * continues from it instead of reading a large file again (see detachSignFile). A store that
   * takes `sha256` instead of hashing, or cannot, leaves it out: the caller reads the file then.
   */
  keepHash?: boolean
  /**
   * The key names its bytes (by-hash/SHA256/<digest>): whoever creates it writes the same bytes.
   * With `ifNoneMatch: '*'`, a store whose conditional puts are dear (http: a lease of four
   * requests) may then check the key is absent and write it, without keeping out another writer
   * doing the same at that moment: both write one content. PreconditionFailed still says it was
   * there before.
   */
  contentAddressed?: boolean
}

export interface PutResult {
  key: string
  size: number
  sha256: string
  etag: string
  /** A copy of the SHA-256 fed every byte written and not finished, when asked (PutOptions.keepHash). */
  hashed?: Hash
}

/** A conditional put lost the race: somebody else created or changed the object first. */
export class PreconditionFailed extends Error {
  constructor(
    readonly key: string,
    readonly precondition: Precondition
  ) {
    super(
      'ifNoneMatch' in precondition
        ? `${key} already exists`
        : `${key} changed since it was read (expected etag ${precondition.ifMatch})`
    )
    this.name = 'PreconditionFailed'
  }
}

/**
 * What no key may hold: nothing at all, a leading or trailing '/', an empty, '.' or '..' segment,
 * a control character or a backslash. One regular expression (native code) rather than splitting
 * every key into segments: a publish checks hundreds of keys, mostly before V8 optimises anything.
 */
// eslint-disable-next-line no-control-regex
const INVALID_KEY = /^$|^\/|\/$|\/\/|(?:^|\/)\.\.?(?:\/|$)|[\u0000-\u001f\u007f\\]/

/** Rejects keys that could escape the store's root or that no backend can hold. */
export function checkKey(key: string): string {
  if (INVALID_KEY.test(key)) {
    throw new Error(
      `invalid store key ${JSON.stringify(key)}: keys are relative '/'-separated paths`
    )
  }
  return key
}
