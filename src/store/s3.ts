import type { ObjectCannedACL, S3Client } from '@aws-sdk/client-s3'
import { createHash, randomUUID } from 'node:crypto'
import { awaitedLater } from '../awaited-later.js'
import type { IncomingMessage } from 'node:http'
import { PassThrough, Readable } from 'node:stream'
import { hashBody } from '../net/node-http.js'
import { DEFAULT_RETRY, isTransient, retry, type RetryPolicy } from '../net/retry.js'
import type { Logger } from '../report/log.js'
import { sha256Hex, sha256Of } from './digest.js'
import { Leases, parseHolder, type LeaseHolder, type LeaseOptions } from './lease.js'
import { PolicyRetryStrategy } from './s3-retry.js'
import { partSource, uploadParts, type UploadTarget } from './s3-upload.js'
import {
  checkKey,
  PreconditionFailed,
  type Body,
  type ByteRange,
  type ObjectInfo,
  type CopyOptions,
  type Lifetime,
  type Precondition,
  type PutOptions,
  type PutResult,
  type Store,
  type Versioned,
  unreadFileOf
} from './store.js'

export interface S3StoreOptions {
  /** An S3-compatible service (R2, MinIO, GCS interop); AWS when absent. */
  endpoint?: string
  region?: string
  forcePathStyle?: boolean
  log?: Pick<Logger, 'debug' | 'warning' | 'info'>
  lease?: LeaseOptions
  /** The retry policy (default: the shared one): attempts, backoff, and the cap on Retry-After. */
  retry?: RetryPolicy
  /**
   * 'probe' (default): find out on the first conditional put whether the service honours
   * If-None-Match/If-Match, and take a lease where it does not. 'native' and 'lease' skip the probe.
   */
  conditionalWrites?: 'probe' | 'native' | 'lease'
  /** Where the bucket is served to users (public-url, e.g. a CDN): `url(key)` is this plus the key. */
  baseUrl?: string
  /** Multipart part size and how many parts are in flight: memory is about their product. */
  partBytes?: number
  partsInFlight?: number
  /** A canned ACL every object is written with (Falco's bucket: `public-read`). */
  acl?: string
  /** The Cache-Control each lifetime of object is written with (see Lifetime); none when absent. */
  cacheControl?: Partial<Record<Lifetime, string>>
}

/** An etag in quotes, as S3 returns it and the SDK sends it, or bare. */
type EtagSpelling = 'quoted' | 'bare'

function spell(etag: string, spelling: EtagSpelling): string {
  const bare = etag.replace(/^W\//, '').replace(/^"|"$/g, '')
  return spelling === 'quoted' ? `"${bare}"` : bare
}

const spellingName = (spelling: EtagSpelling): string =>
  spelling === 'quoted' ? 'in quotes' : 'without quotes'

/** The store's own objects (probe, leases) live under this folder of the prefix, never listed. */
export const S3_STATE_DIR = '.falco-publish'

/** A conditional put is sent as one PutObject, so its body is read into memory first: indexes. */
const CONDITIONAL_MAX = 64 * 1024 * 1024
const MIB = 1024 * 1024

/**
 * A Store in an S3 bucket (or an S3-compatible service), under an optional key prefix.
 *
 * Credentials come from the SDK's standard chain only (environment, web identity as
 * aws-actions/configure-aws-credentials sets it up, profiles): never from an input.
 * Uploads are one PutObject up to a part, else multipart with a bounded number of parts in flight,
 * read into reused buffers and hashed on the way (s3-upload.ts): memory does not grow with the
 * object. Downloads that are only checked are hashed as they arrive (`digest`).
 *
 * Requests are retried under the shared policy, Retry-After honoured up to its longest wait
 * (s3-retry.ts). The SDK never retries a request whose body is a stream, so every body sent is a
 * buffer: the upload's parts, and the conditional put's index read into memory.
 *
 * Conditional puts use If-None-Match: * and If-Match: <etag> (S3 since 2024, R2, MinIO). A
 * service that ignores them (s3rver, older gateways) is found out by a probe on the first
 * conditional put; the store then takes a lease object per key and compares etags under it. S3
 * offers no atomic create without conditional writes, so that lease is put, then read back after a
 * pause: it keeps concurrent publishes apart in practice, but is not a guarantee (the README
 * says so).
 */
export class S3Store implements Store {
  readonly location: string
  private readonly prefix: string
  private sdk: Promise<Sdk> | undefined
  private mode: Promise<'native' | 'lease'> | undefined
  /** How If-Match etags are spelt: as S3 returns them (quoted) unless the probe or a refusal says otherwise. */
  private spelling: EtagSpelling = 'quoted'
  private readonly leases: Leases
  private leaseFolder: Promise<void> | undefined

  constructor(
    private readonly bucket: string,
    prefix: string,
    private readonly options: S3StoreOptions = {}
  ) {
    this.prefix = prefix.replace(/^\/+|\/+$/g, '')
    if (this.prefix !== '') this.prefix += '/'
    this.location = `s3://${bucket}/${this.prefix}`.replace(/\/$/, '')
    if (options.conditionalWrites && options.conditionalWrites !== 'probe')
      this.mode = Promise.resolve(options.conditionalWrites)
    this.leases = new Leases(
      {
        create: (name, holder) => this.createLease(name, holder),
        read: (name) => this.readLease(name),
        remove: (name) => this.delete(`${S3_STATE_DIR}/leases/${name}`)
      },
      {
        ...options.lease,
        onBreak: (name, holder) =>
          options.log?.warning(
            `broke an expired lease ${name} in ${this.location}` +
              (holder ? ` (owner ${holder.owner}, pid ${holder.pid} on ${holder.host})` : '')
          )
      }
    )
  }

  /** The key in the bucket: the store's prefix and the key. */
  objectKey(key: string): string {
    return this.prefix + checkKey(key)
  }

  url(key: string): string {
    checkKey(key)
    if (this.options.baseUrl)
      return new URL(
        key.split('/').map(encodeURIComponent).join('/'),
        withSlash(new URL(this.options.baseUrl))
      ).href
    const path = (this.prefix + key).split('/').map(encodeURIComponent).join('/')
    if (!this.options.endpoint) {
      const region = this.options.region ?? 'us-east-1'
      return `https://${this.bucket}.s3.${region}.amazonaws.com/${path}`
    }
    const endpoint = new URL(this.options.endpoint)
    if (this.options.forcePathStyle)
      return new URL(`${this.bucket}/${path}`, withSlash(endpoint)).href
    endpoint.hostname = `${this.bucket}.${endpoint.hostname}`
    return new URL(path, withSlash(endpoint)).href
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    checkKey(key)
    const { s3, client } = await this.client()
    try {
      const out = await client.send(
        new s3.HeadObjectCommand({ Bucket: this.bucket, Key: this.prefix + key })
      )
      return {
        key,
        size: out.ContentLength ?? 0,
        etag: out.ETag ?? '',
        ...(out.LastModified ? { modified: out.LastModified } : {})
      }
    } catch (error) {
      if (isNotFound(error)) return undefined
      throw this.failure('HEAD', key, error)
    }
  }

  async get(key: string): Promise<Readable | undefined> {
    checkKey(key)
    const { s3, client } = await this.client()
    try {
      const out = await client.send(
        new s3.GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key })
      )
      return this.named(out.Body as Readable, key)
    } catch (error) {
      if (isNotFound(error)) return undefined
      throw this.failure('GET', key, error)
    }
  }

  /**
   * The object (or `range` of it) in memory. A body that breaks off once the SDK has handed it
   * over (the server resets the connection mid-answer: Node says only `aborted`) is out of the
   * SDK's retries; a read is safe to repeat, so the GET is sent again under the same policy.
   */
  async read(key: string, range?: ByteRange): Promise<Buffer | undefined> {
    checkKey(key)
    if (range && range.end <= range.start) return Buffer.alloc(0)
    return this.getAgainIfBroken(key, (body) => this.collect(body, key), range)
  }

  /** The object with the ETag its GET answered with: one request, where head() then read() take two. */
  async readVersioned(key: string): Promise<Versioned | undefined> {
    checkKey(key)
    return this.getAgainIfBroken(key, async (body, etag) => ({
      bytes: await this.collect(body, key),
      etag
    }))
  }

  private async collect(body: Readable, key: string): Promise<Buffer> {
    const chunks: Buffer[] = []
    for await (const chunk of this.named(body, key)) chunks.push(Buffer.from(chunk as Buffer))
    return Buffer.concat(chunks)
  }

  /**
   * Size and SHA-256 of an object, hashed as the GET's body arrives, each chunk freed once hashed
   * (hashBody): the verify stage's read of a 1 GiB package holds a few chunks, not the ~80 MiB
   * Node 24's collector lets pile up from a stream read to its end. A body that breaks off is
   * sent for again, as `read` does.
   */
  async digest(key: string): Promise<{ sha256: string; size: number } | undefined> {
    checkKey(key)
    return this.getAgainIfBroken(key, async (body) => {
      try {
        // node:http's answer as the SDK hands it over (no checksum stream around it: response
        // checksums are validated only when required); anything else is read as a stream.
        const answer = body as IncomingMessage
        return await (answer.socket ? hashBody(answer) : sha256Of(body))
      } catch (error) {
        throw new BrokenBody(
          `GET ${this.location}/${key}: the answer broke off (${causeText(error)})`,
          { cause: error }
        )
      }
    })
  }

  /**
   * A GET of `key` (or `range` of it) whose body `consume` reads, undefined when there is no such
   * object. A body that breaks off (`consume` throws BrokenBody) is out of the SDK's retries; a
   * GET is safe to repeat, so it is sent again under the store's policy.
   */
  private async getAgainIfBroken<T>(
    key: string,
    consume: (body: Readable, etag: string) => Promise<T>,
    range?: ByteRange
  ): Promise<T | undefined> {
    const { s3, client } = await this.client()
    const policy = this.options.retry ?? DEFAULT_RETRY
    return retry(
      async () => {
        let body: Readable
        let etag: string
        try {
          const out = await client.send(
            new s3.GetObjectCommand({
              Bucket: this.bucket,
              Key: this.prefix + key,
              ...(range ? { Range: `bytes=${range.start}-${range.end - 1}` } : {})
            })
          )
          body = out.Body as Readable
          etag = out.ETag ?? ''
        } catch (error) {
          if (isNotFound(error)) return undefined
          throw this.failure('GET', key, error)
        }
        return consume(body, etag)
      },
      {
        policy,
        retryable: (error) => error instanceof BrokenBody && isTransient(error),
        onRetry: (error, attempt, delayMs) =>
          this.options.log?.debug(
            `${(error as Error).message}; attempt ${attempt + 1} of ${policy.attempts} in ${delayMs} ms`
          )
      }
    )
  }

  /**
   * The body of a GET, whose errors name the operation and the object: a connection reset while
   * reading it otherwise surfaces as Node's bare `aborted`.
   */
  private named(body: Readable, key: string): Readable {
    const out = new PassThrough()
    body.once('error', (error) =>
      out.destroy(
        new BrokenBody(`GET ${this.location}/${key}: the answer broke off (${causeText(error)})`, {
          cause: error
        })
      )
    )
    // pipe() never destroys its source: a reader that stops early (a failed upload of a copy, a
    // `break` out of for await) would leave the SDK's body paused, the connection taken and the
    // rest of the answer unread until the server gave up on it.
    out.once('close', () => {
      if (!body.readableEnded) body.destroy()
    })
    body.pipe(out)
    return out
  }

  async put(key: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    checkKey(key)
    const precondition = options.precondition
    if (!precondition) return this.upload(key, body, options)
    if ((await this.conditionalMode()) === 'native')
      return this.putConditional(key, body, precondition, options.contentType, options.lifetime)
    return this.leases.conditionalPut(this, key, body, { ...options, precondition }, () =>
      this.upload(key, body, options)
    )
  }

  /** CopyObject: the service copies the bytes (up to 5 GiB, far above any index). */
  async copy(from: string, to: string, options: CopyOptions = {}): Promise<void> {
    checkKey(from)
    checkKey(to)
    const { s3, client } = await this.client()
    // A copy takes the source's metadata but never its ACL; with a Cache-Control of its own
    // (a plain index name copied from a by-hash one) the metadata is given anew.
    const cacheControl = this.cacheControl(options.lifetime)
    try {
      await client.send(
        new s3.CopyObjectCommand({
          Bucket: this.bucket,
          Key: this.prefix + to,
          // bucket/key URL-encoded. encodeURI keeps '/', '+' and '&' as they are, which every
          // reading of the header agrees on (s3rver decodes it with decodeURI); '?' and '#'
          // would start a query or fragment.
          CopySource: encodeURI(`${this.bucket}/${this.prefix}${from}`).replace(/[?#]/g, (c) =>
            c === '?' ? '%3F' : '%23'
          ),
          ...this.objectMetadata(options.lifetime),
          ...(cacheControl
            ? { MetadataDirective: 'REPLACE', ContentType: 'application/octet-stream' }
            : {})
        })
      )
    } catch (error) {
      if (isNotFound(error))
        throw new Error(`cannot copy ${from} to ${to} in ${this.location}: no object ${from}`, {
          cause: error
        })
      throw this.failure('COPY', to, error)
    }
  }

  async delete(key: string): Promise<void> {
    checkKey(key)
    const { s3, client } = await this.client()
    try {
      await client.send(new s3.DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }))
    } catch (error) {
      if (isNotFound(error)) return
      throw this.failure('DELETE', key, error)
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    // S3 lists in UTF-8 byte order; some compatible services (s3rver) walk their disk instead, so
    // the listing is gathered and sorted here (keys and sizes only: small even for large buckets).
    const all: ObjectInfo[] = []
    for await (const info of this.pages(prefix)) all.push(info)
    all.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)))
    yield* all
  }

  private async *pages(prefix: string): AsyncIterable<ObjectInfo> {
    const { s3, client } = await this.client()
    let token: string | undefined
    do {
      let out: import('@aws-sdk/client-s3').ListObjectsV2CommandOutput
      try {
        out = await client.send(
          new s3.ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.prefix + prefix,
            ContinuationToken: token
          })
        )
      } catch (error) {
        throw this.failure('LIST', prefix, error)
      }
      for (const item of out.Contents ?? []) {
        const key = (item.Key ?? '').slice(this.prefix.length)
        if (key.startsWith(`${S3_STATE_DIR}/`)) continue
        yield {
          key,
          size: item.Size ?? 0,
          etag: item.ETag ?? '',
          ...(item.LastModified ? { modified: item.LastModified } : {})
        }
      }
      token = out.IsTruncated ? out.NextContinuationToken : undefined
    } while (token)
  }

  /** The Cache-Control configured for a lifetime, if any. */
  private cacheControl(lifetime: Lifetime | undefined): string | undefined {
    return lifetime ? this.options.cacheControl?.[lifetime] : undefined
  }

  /** ACL and Cache-Control for a write, as the options configure them. */
  private objectMetadata(lifetime: Lifetime | undefined): {
    ACL?: ObjectCannedACL
    CacheControl?: string
  } {
    const cacheControl = this.cacheControl(lifetime)
    return {
      ...(this.options.acl ? { ACL: this.options.acl as ObjectCannedACL } : {}),
      ...(cacheControl ? { CacheControl: cacheControl } : {})
    }
  }

  /**
   * One PutObject up to a part, else a multipart upload from reused part buffers (s3-upload.ts):
   * the memory is partsInFlight x partBytes whatever the object's size. Each part is hashed as it
   * is read, in order, unless the caller gave the sha256 of bytes in memory or of a local file
   * (PutOptions.sha256) and wants no hash kept; the SDK retries a part's request with the same
   * buffer.
   */
  private async upload(key: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    const { contentType, lifetime, keepHash } = options
    const { s3, client } = await this.client()
    const trusted =
      options.sha256 !== undefined &&
      !keepHash &&
      (typeof body === 'string' || Buffer.isBuffer(body) || unreadFileOf(body) !== undefined)
    const hash = trusted ? undefined : createHash('sha256')
    const Bucket = this.bucket
    const Key = this.prefix + key
    const metadata = {
      ContentType: contentType ?? 'application/octet-stream',
      ...this.objectMetadata(lifetime)
    }
    const named = <T>(request: Promise<T>): Promise<T> =>
      request.catch((error: unknown) => {
        throw this.failure('PUT', key, error)
      })
    const target: UploadTarget = {
      put: async (bytes) =>
        (
          await named(
            client.send(
              new s3.PutObjectCommand({
                Bucket,
                Key,
                Body: bytes,
                ContentLength: bytes.length,
                ...metadata
              })
            )
          )
        ).ETag,
      create: async () => {
        const out = await named(
          client.send(new s3.CreateMultipartUploadCommand({ Bucket, Key, ...metadata }))
        )
        if (!out.UploadId) throw this.failure('PUT', key, new Error('no UploadId in the answer'))
        return out.UploadId
      },
      part: async (UploadId, PartNumber, bytes, abortSignal) =>
        (
          await named(
            client.send(
              new s3.UploadPartCommand({
                Bucket,
                Key,
                UploadId,
                PartNumber,
                Body: bytes,
                ContentLength: bytes.length
              }),
              { abortSignal }
            )
          )
        ).ETag ?? '',
      complete: async (UploadId, Parts) =>
        (
          await named(
            client.send(
              new s3.CompleteMultipartUploadCommand({
                Bucket,
                Key,
                UploadId,
                MultipartUpload: { Parts }
              })
            )
          )
        ).ETag,
      abort: async (UploadId) => {
        await client.send(new s3.AbortMultipartUploadCommand({ Bucket, Key, UploadId }))
      }
    }
    const sent = await uploadParts(
      await partSource(body),
      target,
      {
        partBytes: this.options.partBytes ?? 8 * 1024 * 1024,
        partsInFlight: this.options.partsInFlight ?? 4
      },
      (part) => hash?.update(part)
    )
    const hashed = keepHash && hash ? { hashed: hash.copy() } : {}
    const sha256 = hash ? hash.digest('hex') : (options.sha256 as string)
    const etag = sent.etag ?? (await this.head(key))?.etag ?? ''
    return { key, size: sent.size, sha256, etag, ...hashed }
  }

  private async putConditional(
    key: string,
    body: Body,
    precondition: Precondition,
    contentType?: string,
    lifetime?: Lifetime
  ): Promise<PutResult> {
    const { s3, client } = await this.client()
    const { bytes, sha256 } = await readAll(body, key)
    const send = (spelling: EtagSpelling) =>
      client.send(
        new s3.PutObjectCommand({
          Bucket: this.bucket,
          Key: this.prefix + key,
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: contentType ?? 'application/octet-stream',
          ...this.objectMetadata(lifetime),
          ...('ifNoneMatch' in precondition
            ? { IfNoneMatch: '*' }
            : { IfMatch: spell(precondition.ifMatch, spelling) })
        })
      )
    const refused = (error: unknown): boolean => {
      const status = statusOf(error)
      // 412: the precondition failed; 409: a concurrent conditional write won (S3 says retry).
      // 404: If-Match on an object that does not exist.
      return status === 412 || status === 409 || (status === 404 && 'ifMatch' in precondition)
    }
    const done = (etag: string | undefined): PutResult => ({
      key,
      size: bytes.length,
      sha256,
      etag: etag ?? ''
    })
    try {
      return done((await send(this.spelling)).ETag)
    } catch (error) {
      if (!refused(error)) throw this.failure('PUT', key, error)
      // Refused while the object still carries the etag asked for: the service reads If-Match
      // spelt the other way (RGW refuses quoted etags, R2 bare ones). Once with that spelling.
      if ('ifNoneMatch' in precondition || statusOf(error) !== 412)
        throw new PreconditionFailed(key, precondition)
      const now = await this.head(key)
      if (!now || spell(now.etag, 'bare') !== spell(precondition.ifMatch, 'bare'))
        throw new PreconditionFailed(key, precondition)
      const other: EtagSpelling = this.spelling === 'quoted' ? 'bare' : 'quoted'
      try {
        const out = await send(other)
        this.spelling = other
        this.options.log?.info(
          `store: ${this.location} refused a matching If-Match etag spelt ${spellingName(other === 'bare' ? 'quoted' : 'bare')}; sending them ${spellingName(other)} from now on`
        )
        return done(out.ETag)
      } catch (again) {
        if (refused(again)) throw new PreconditionFailed(key, precondition)
        throw this.failure('PUT', key, again)
      }
    }
  }

  /**
   * The probe of conditional writes starts now, beside the uploads that come before any index
   * commit, instead of holding the first commit for its round trips. A failure is the first
   * conditional write's to report, as it would have been.
   */
  prepareWrites(): void {
    awaitedLater(this.conditionalMode())
  }

  /** Whether the service honours conditional writes: asked once, by trying them on a probe key. */
  private conditionalMode(): Promise<'native' | 'lease'> {
    this.mode ??= this.probe()
    return this.mode
  }

  private async probe(): Promise<'native' | 'lease'> {
    const { s3, client } = await this.client()
    const key = `${this.prefix}${S3_STATE_DIR}/probe/${randomUUID()}`
    /** The new etag when the put was written, 'refused' when its condition failed. */
    const attempt = async (condition: { IfNoneMatch?: string; IfMatch?: string }) => {
      try {
        const out = await client.send(
          new s3.PutObjectCommand({ Bucket: this.bucket, Key: key, Body: 'probe', ...condition })
        )
        return out.ETag ?? (await this.head(key.slice(this.prefix.length)))?.etag ?? ''
      } catch (error) {
        const status = statusOf(error)
        if (status === 412 || status === 409) return 'refused'
        throw this.failure('PUT', `${S3_STATE_DIR}/probe`, error)
      }
    }
    try {
      const created = await attempt({ IfNoneMatch: '*' })
      // Both are refused by a service that honours conditions, and change nothing: side by side.
      const [again, stale] = await Promise.all([
        attempt({ IfNoneMatch: '*' }),
        attempt({ IfMatch: '"0123456789abcdef0123456789abcdef"' })
      ])
      // Refusing is not enough: a matching If-Match must also go through, and services differ
      // on how they read it (RGW refuses the quoted etag S3 returns and the SDK sends, R2 the
      // bare one). The first spelling that goes through is the one used.
      let spelling: EtagSpelling | undefined
      if (created !== 'refused' && again === 'refused' && stale === 'refused') {
        for (const s of ['quoted', 'bare'] as const) {
          if ((await attempt({ IfMatch: spell(created, s) })) !== 'refused') {
            spelling = s
            break
          }
        }
      }
      if (spelling) {
        this.spelling = spelling
        this.options.log?.info(
          `store: ${this.location} honours conditional writes; If-Match etags are sent ${spellingName(spelling)}`
        )
        return 'native'
      }
      this.options.log?.warning(
        `the S3 service behind ${this.location} ${again === 'refused' && stale === 'refused' ? 'refuses a matching If-Match in either spelling' : 'ignores conditional writes (If-None-Match/If-Match)'}; ` +
          `index updates take a lease object instead, which keeps concurrent publishes apart in ` +
          `practice but is not atomic. Use a service that honours them (AWS S3, R2, MinIO, Ceph RGW) for a guarantee.`
      )
      return 'lease'
    } finally {
      await client
        .send(new s3.DeleteObjectCommand({ Bucket: this.bucket, Key: key }))
        .catch(() => {})
    }
  }

  /**
   * Without conditional writes S3 has no atomic create. The lease is written only when absent,
   * then read back after a pause longer than a competing write takes: of several that wrote at
   * once, only the last one finds its own owner there.
   */
  private async createLease(name: string, holder: LeaseHolder): Promise<boolean> {
    const key = `${S3_STATE_DIR}/leases/${name}`
    await this.keepLeaseFolder()
    if (await this.head(key)) return false
    await this.upload(key, JSON.stringify(holder), { contentType: 'application/json' })
    await new Promise((resolve) => setTimeout(resolve, 250))
    return (await this.readLease(name))?.owner === holder.owner
  }

  /**
   * s3rver, a server the lease fallback exists for, removes a folder a delete leaves empty, and
   * a put into that folder racing the removal crashes it (its write stream's ENOENT goes
   * unhandled): leases come and go in one folder, so it keeps an object that is never deleted.
   */
  private keepLeaseFolder(): Promise<void> {
    this.leaseFolder ??= (async () => {
      const key = `${S3_STATE_DIR}/leases/.keep`
      if (!(await this.head(key)))
        await this.upload(key, 'Keeps the folder of the leases in place.\n', {
          contentType: 'text/plain'
        })
    })().catch((error: unknown) => {
      this.leaseFolder = undefined
      throw error
    })
    return this.leaseFolder
  }

  private async readLease(name: string): Promise<LeaseHolder | undefined> {
    const body = await this.read(`${S3_STATE_DIR}/leases/${name}`)
    return body && parseHolder(body.toString('utf8'))
  }

  /** The SDK is loaded on first use only: runs without an s3 store never load it. */
  private client(): Promise<Sdk> {
    this.sdk ??= (async () => {
      const s3 = await import('@aws-sdk/client-s3')
      const policy = this.options.retry ?? DEFAULT_RETRY
      // The shared policy instead of the SDK's standard strategy, which caps what Retry-After
      // asks at its own backoff plus 5 s (see s3-retry.ts).
      const retryStrategy = new PolicyRetryStrategy(policy, {
        onRetry: (request, cause, attempt, delayMs) =>
          this.options.log?.debug(
            `${request ?? this.location}: ${cause}; attempt ${attempt + 1} of ${policy.attempts} in ${delayMs} ms`
          )
      })
      const client: S3Client = new s3.S3Client({
        region: this.options.region || process.env.AWS_REGION || 'us-east-1',
        ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
        forcePathStyle: this.options.forcePathStyle ?? false,
        retryStrategy,
        // Only read for the amz-sdk-request header once a strategy is given: kept truthful.
        maxAttempts: policy.attempts,
        // Checksums in trailers (the SDK's default since 2025) are not understood by every
        // S3-compatible service; compute them only where S3 requires them.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED'
      })
      client.middlewareStack.add(retryStrategy.namer, {
        step: 'finalizeRequest',
        priority: 'low',
        name: 'falcoPublishRetryNamer'
      })
      return { s3, client }
    })()
    return this.sdk
  }

  private failure(operation: string, key: string, error: unknown): Error {
    const status = statusOf(error)
    const name = (error as Error).name
    const hint =
      status === 403 || name === 'CredentialsProviderError'
        ? ' (credentials come from the AWS environment: run aws-actions/configure-aws-credentials first)'
        : ''
    return new Error(
      `${operation} ${this.location}/${key} failed: ${name}${status ? ` (${status})` : ''}: ${(error as Error).message}${hint}`
    )
  }
}

interface Sdk {
  s3: typeof import('@aws-sdk/client-s3')
  client: S3Client
}

/**
 * A conditional put's body (an index, a driver) in memory, and its sha256; refuses large ones.
 * Bytes in memory are taken as they are and a local file is read once into a buffer of its size;
 * another stream is gathered 1 MiB at a time.
 */
async function readAll(body: Body, key: string): Promise<{ bytes: Buffer; sha256: string }> {
  const tooLarge = () =>
    new Error(`${key}: a conditional put to S3 is limited to ${CONDITIONAL_MAX} bytes`)
  const source = await partSource(body)
  try {
    const known = source.size
    if (known !== undefined && known > CONDITIONAL_MAX) throw tooLarge()
    let bytes: Buffer
    if (known !== undefined) {
      bytes = await source.read(known + 1, () => Buffer.allocUnsafeSlow(known + 1))
      if (bytes.length > known)
        throw new Error(`${key}: the body grew while it was read (${known} bytes before)`)
    } else {
      const chunks: Buffer[] = []
      let size = 0
      for (;;) {
        const chunk = await source.read(MIB, () => Buffer.allocUnsafe(MIB))
        size += chunk.length
        if (size > CONDITIONAL_MAX) throw tooLarge()
        chunks.push(chunk)
        if (chunk.length < MIB) break
      }
      bytes = Buffer.concat(chunks, size)
    }
    return { bytes, sha256: sha256Hex(bytes) }
  } finally {
    await source.close()
  }
}

/** A GET whose body failed after its answer began: see S3Store.named. */
class BrokenBody extends Error {
  override readonly name = 'BrokenBody'
}

/** `ECONNRESET: aborted`: a stream error's code and Node's message. */
function causeText(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  return [code, message].filter((x) => typeof x === 'string' && x !== '').join(': ') || 'error'
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
}

function isNotFound(error: unknown): boolean {
  const name = (error as Error).name
  return name === 'NotFound' || name === 'NoSuchKey' || statusOf(error) === 404
}

function withSlash(url: URL): URL {
  const copy = new URL(url.href)
  if (!copy.pathname.endsWith('/')) copy.pathname += '/'
  return copy
}
