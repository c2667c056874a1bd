import { createHash, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, stat, type FileHandle } from 'node:fs/promises'
import type * as Http from 'node:http'
import { Readable, Transform, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import {
  DEFAULT_RETRY,
  isRetryableStatus,
  isTransient,
  retry,
  RetryableStatus,
  type RetryPolicy
} from '../net/retry.js'
import pLimit from 'p-limit'
import type { Logger } from '../report/log.js'
import {
  answerOf,
  hashBody,
  openRequest,
  send,
  type Answer,
  type Received
} from '../net/node-http.js'
import {
  parseAutoindex,
  parseMultistatus,
  PROPFIND_BODY,
  type FolderEntry
} from './http-listing.js'
import { sha256Hex, sha256Of } from './digest.js'
import { Leases, parseHolder, type LeaseHolder, type LeaseOptions } from './lease.js'
import {
  checkKey,
  unreadFileOf,
  type Body,
  type Listed,
  type ObjectInfo,
  type PutOptions,
  type PutResult,
  type Store,
  type Versioned
} from './store.js'

export interface HttpStoreOptions {
  username?: string
  password?: string
  token?: string
  log?: Pick<Logger, 'debug' | 'warning'>
  /** Where users fetch from when it is not the upload URL (public-url): `url(key)` is this plus the key. */
  baseUrl?: string
  lease?: LeaseOptions
  /** The retry policy (default: the shared one); bodies that cannot be replayed get one attempt. */
  retry?: RetryPolicy
  /**
   * Whether uploads carry X-Checksum-Sha256/Sha1 (input store-checksum-headers): true, false, or
   * 'auto' (default): only when the server says it is Artifactory or Nexus, which deploy by them.
   * Filling them costs a whole read of the file before sending it.
   */
  checksumHeaders?: boolean | 'auto'
}

/**
 * How long a lease collection found without a holder, after our own MKCOL's answer was lost, is
 * given for another publish's holder to appear before the lease is taken as ours.
 */
const LOST_ANSWER_PAUSE_MS = 1_000

/** The store's own objects (leases) live under this folder of the root and are never listed. */
export const HTTP_STATE_DIR = '.falco-publish'

/** Folders listed at once while walking a prefix. */
const LISTING_CONCURRENCY = 8

/** Objects up to this size have their sha256 as etag (see HttpStore). */
export const SMALL_OBJECT = 16 * 1024 * 1024

/**
 * A Store on a plain HTTP server that takes PUT and DELETE: a WebDAV server (nginx's dav module),
 * an Artifactory or Nexus raw repository.
 *
 * - Uploads stream (chunked when the size is unknown), hashed on the way: a local file is read
 *   once. X-Checksum-Sha256 and X-Checksum-Sha1 (which Artifactory and Nexus check and deploy
 *   by) need the digests before the first byte, so a file is read a second time for them: that
 *   happens only for servers that identify as Artifactory or Nexus (see `checksumHeaders`).
 * - A server answering 409 to a PUT lacks the parent collection: the store creates it with MKCOL
 *   and tries again.
 * - Listing reads nginx's autoindex in JSON (`autoindex on; autoindex_format json;`), else WebDAV
 *   PROPFIND, walking the folders under the prefix: `scan()` returns that alone (keys, sizes,
 *   dates; one request per folder), `list()` also asks head() for each object's etag, so list and
 *   head agree (and may GET small objects, see below).
 * - Etags: nginx's ETag is the mtime in seconds and the size, so two versions of an index written
 *   within a second can share one, and a compare-and-swap on it would lose an update. So the
 *   etag of an object up to SMALL_OBJECT bytes (every index) is its sha256: the server's
 *   X-Checksum-Sha256 when it sends one (Artifactory), else hashed from a GET. Larger objects
 *   (packages, immutable once published) keep the server's ETag.
 * - Conditional puts: such servers ignore If-None-Match and If-Match on PUT, so the store takes a
 *   lease on the key first (a collection under `.falco-publish/leases/`, created with MKCOL,
 *   which fails on an existing collection: an atomic create), compares the etag under it, and
 *   writes. Plain puts take no lease, nor does a create-only put of a content-addressed key
 *   (`contentAddressed`: every writer of it writes the same bytes), which is a HEAD, then a PUT.
 * - A read answered anything but 200, 404, 410 or a redirect (refused credentials, a 5xx that
 *   outlasts the retries) fails: taken as an absent object, it would start a repository anew.
 */
export class HttpStore implements Store {
  readonly location: string
  private readonly base: URL
  private readonly headers: Record<string, string>
  private readonly leases: Leases
  private readonly policy: RetryPolicy
  /** Folders made (or found) by MKCOL, by path: each asked for once. */
  private readonly collections = new Map<string, Promise<boolean>>()
  /** Whether this server wants checksum headers: settled by the first answer that says. */
  private checksums: Promise<boolean> | undefined
  /** How this server lists a folder, once known. */
  private listing: 'autoindex' | 'propfind' | undefined

  constructor(
    base: URL,
    private readonly options: HttpStoreOptions = {}
  ) {
    const clean = new URL(base.href)
    const username = options.username ?? decodeURIComponent(clean.username)
    const password = options.password ?? decodeURIComponent(clean.password)
    clean.username = ''
    clean.password = ''
    clean.search = ''
    clean.hash = ''
    if (!clean.pathname.endsWith('/')) clean.pathname += '/'
    this.base = clean
    this.location = clean.href.replace(/\/$/, '')
    this.headers = {}
    if (options.token) this.headers.authorization = `Bearer ${options.token}`
    else if (username || password)
      this.headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
    this.policy = options.retry ?? DEFAULT_RETRY
    this.leases = new Leases(
      {
        create: (name, holder) => this.createLease(name, holder),
        read: (name) => this.readLease(name),
        remove: (name) => this.removeLease(name)
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

  url(key: string): string {
    checkKey(key)
    if (!this.options.baseUrl) return this.objectUrl(key).href
    const base = new URL(this.options.baseUrl)
    if (!base.pathname.endsWith('/')) base.pathname += '/'
    return new URL(key.split('/').map(encodeURIComponent).join('/'), base).href
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const response = await this.request('HEAD', this.objectUrl(checkKey(key)))
    response.discard()
    if (!this.found('HEAD', key, response)) return undefined
    const info = infoOf(key, response)
    if (info.size > SMALL_OBJECT) return info
    const sha256 = response.headers.get('x-checksum-sha256')
    if (sha256 && /^[0-9a-f]{64}$/i.test(sha256)) return { ...info, etag: contentEtag(sha256) }
    const body = await this.get(key)
    if (!body) return undefined
    const read = await sha256Of(body)
    // Size and digest from the same read: the object may have changed since the HEAD.
    return { ...info, size: read.size, etag: contentEtag(read.sha256) }
  }

  /** Size and date from one HEAD: none of the GET head() adds to hash a small object for its etag. */
  async stat(key: string): Promise<Listed | undefined> {
    const response = await this.request('HEAD', this.objectUrl(checkKey(key)))
    response.discard()
    if (!this.found('HEAD', key, response)) return undefined
    const { size, modified } = infoOf(key, response)
    return { key, size, ...(modified ? { modified } : {}) }
  }

  /**
   * The object's bytes as node:http receives them: a 1 GiB package read back (the verify stage,
   * a foreign tarball's adoption) costs half the CPU and memory of fetch's web stream.
   */
  async get(key: string): Promise<Readable | undefined> {
    const url = this.objectUrl(checkKey(key))
    const response = await this.request('GET', url)
    return this.found('GET', key, response) ? response.body : undefined
  }

  /**
   * The object with its etag from one GET, where head() then a read take three requests (HEAD,
   * then a GET to hash the bytes, then the GET of the read). The etag is the one head() gives:
   * the SHA-256 of the bytes up to SMALL_OBJECT, else the server's ETag.
   */
  async readVersioned(key: string): Promise<Versioned | undefined> {
    const response = await this.request('GET', this.objectUrl(checkKey(key)))
    if (!this.found('GET', key, response)) return undefined
    const bytes = await response.bytes()
    const etag =
      bytes.length > SMALL_OBJECT ? infoOf(key, response).etag : contentEtag(sha256Hex(bytes))
    return { bytes, etag }
  }

  /**
   * Size and SHA-256 of an object, hashed as node:http receives it (the verify stage's read of a
   * published package). Each chunk is freed as soon as it is hashed (see `releaseChunk`), so a
   * 1 GiB download holds a few of them, not the ~70 MiB the collector lets pile up on Node 24.
   */
  async digest(key: string): Promise<{ sha256: string; size: number } | undefined> {
    const response = await this.request('GET', this.objectUrl(checkKey(key)))
    if (!this.found('GET', key, response)) return undefined
    return hashBody(response.body)
  }

  async put(key: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    checkKey(key)
    const precondition = options.precondition
    if (!precondition) return this.write(key, body, options)
    return this.leases.conditionalPut(this, key, body, { ...options, precondition }, () =>
      this.write(key, body, options)
    )
  }

  async delete(key: string): Promise<void> {
    const response = await this.request('DELETE', this.objectUrl(checkKey(key)))
    response.discard()
    if (response.ok || response.status === 404 || response.status === 410) return
    throw this.failure('DELETE', key, response)
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const keys = (await this.listed(prefix)).map((entry) => entry.key)
    // HEAD in small batches, in order: the etag comes from the same place as head()'s.
    for (let i = 0; i < keys.length; i += 8) {
      const infos = await Promise.all(keys.slice(i, i + 8).map((key) => this.head(key)))
      for (const info of infos) if (info) yield info
    }
  }

  /** The server's folder listings alone: one request per folder, none per object. */
  async *scan(prefix: string): AsyncIterable<Listed> {
    yield* await this.listed(prefix)
  }

  private async listed(prefix: string): Promise<Listed[]> {
    const slash = prefix.lastIndexOf('/')
    const start = slash < 0 ? '' : prefix.slice(0, slash + 1)
    const found: Listed[] = []
    const limit = pLimit(LISTING_CONCURRENCY)
    const walk = async (folder: string): Promise<void> => {
      const entries = await limit(() => this.folderEntries(folder))
      const folders: string[] = []
      for (const entry of entries) {
        const key = folder + entry.name
        if (folder === '' && entry.name === HTTP_STATE_DIR) continue
        if (entry.folder) {
          const sub = `${key}/`
          if (sub.startsWith(prefix) || prefix.startsWith(sub)) folders.push(sub)
        } else if (key.startsWith(prefix)) {
          found.push({
            key,
            size: entry.size,
            ...(entry.modified ? { modified: entry.modified } : {})
          })
        }
      }
      await Promise.all(folders.map(walk))
    }
    await walk(start)
    return found.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)))
  }

  /**
   * A folder's children: nginx's JSON autoindex, else WebDAV PROPFIND (Depth: 1), which Apache
   * mod_dav, nginx's dav-ext module, Artifactory and Nexus answer. The first answer settles which
   * one this server speaks.
   */
  private async folderEntries(folder: string): Promise<FolderEntry[]> {
    const url = folder === '' ? new URL(this.base.href) : this.objectUrl(folder.slice(0, -1))
    if (folder !== '') url.pathname += '/'
    if (this.listing !== 'propfind') {
      const response = await this.request('GET', url, { accept: 'application/json' })
      if (response.status === 404) {
        response.discard()
        return []
      }
      const entries = response.ok ? parseAutoindex(await response.text()) : undefined
      if (!response.ok) response.discard()
      if (entries) {
        this.listing = 'autoindex'
        return entries
      }
      // A folder holding an index page (index.html) answers the page: PROPFIND may list it.
      if (this.listing === 'autoindex' && !response.ok) {
        throw this.failure('GET', folder || '/', response)
      }
    }
    const response = await this.request('PROPFIND', url, {
      depth: '1',
      'content-type': 'application/xml; charset=utf-8'
    })
    if (response.status === 404) {
      response.discard()
      return []
    }
    const entries =
      response.status === 207
        ? await parseMultistatus(await response.text(), url.pathname)
        : undefined
    if (response.status !== 207) response.discard()
    if (!entries) {
      throw new Error(
        `${this.shown(url)} answered neither a JSON listing nor PROPFIND (${response.status}); ` +
          `the http store lists folders through nginx's autoindex (autoindex on; ` +
          `autoindex_format json;) or WebDAV PROPFIND (nginx: dav_ext_methods PROPFIND;), and ` +
          `a folder holding an index page (index.html) only through PROPFIND`
      )
    }
    // A server that lists by autoindex keeps doing so: PROPFIND served one folder's index page.
    this.listing ??= 'propfind'
    return entries
  }

  /**
   * Streams `body` to the key, hashing on the way, unless the caller gives the sha256 of a local
   * file it has just read (then the file is read once here, for sending only).
   */
  private async write(key: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    const url = this.objectUrl(key)
    const source = await replayable(body)
    const headers: Record<string, string> = {
      'content-type': options.contentType ?? 'application/octet-stream'
    }
    if (source.size !== undefined) headers['content-length'] = String(source.size)
    if (source.sums && (await this.wantsChecksums())) {
      const sums = await source.sums()
      headers['x-checksum-sha256'] = sums.sha256
      headers['x-checksum-sha1'] = sums.sha1
    }
    if (!source.replay) await this.ensureParents(key) // a one-shot stream cannot be sent twice
    const known = source.file !== undefined ? options.sha256 : undefined
    for (let created = false; ; created = true) {
      let tally = new Tally(known, options.keepHash)
      const response = await this.retrying('PUT', url, source.replay, async () => {
        tally = new Tally(known, options.keepHash)
        return upload(url, { ...this.headers, ...headers }, source, tally)
      })
      if (response.status === 409 && !created) {
        await this.ensureParents(key)
        if (source.replay) continue
      }
      if (response.status < 200 || response.status > 299) throw this.failure('PUT', key, response)
      const { size, sha256, hashed } = tally
      const kept = hashed ? { hashed } : {}
      if (size <= SMALL_OBJECT) return { key, size, sha256, etag: contentEtag(sha256), ...kept }
      const info = await this.head(key)
      if (!info)
        throw new Error(`${this.shown(url)} answered ${response.status} to PUT but is not there`)
      return { key, size, sha256, etag: info.etag, ...kept }
    }
  }

  /**
   * Artifactory and Nexus name themselves in their answers (X-Artifactory-Id, Server: Nexus);
   * with 'auto' one HEAD of the store's root asks, once per store.
   */
  private wantsChecksums(): Promise<boolean> {
    const setting = this.options.checksumHeaders ?? 'auto'
    if (setting !== 'auto') return Promise.resolve(setting)
    this.checksums ??= this.request('HEAD', new URL(this.base.href)).then(
      async (response) => {
        response.discard()
        return isArtifactoryOrNexus(response.headers)
      },
      () => false // the PUT that follows reports an unreachable server
    )
    return this.checksums
  }

  /**
   * MKCOL every folder above `key` (405: it exists already). All are asked for at once: on a
   * store used before they all exist, and that is one round trip instead of one per level. A
   * folder whose parent was missing (409) is asked for again, from the server's root down. Each
   * folder made is asked for once per store: the leases a publish takes at the same moment all
   * live under one folder, and would each send the same MKCOLs otherwise.
   */
  private async ensureParents(key: string): Promise<void> {
    const segments = this.objectUrl(key).pathname.split('/').slice(1, -1)
    const folders = segments.map((_, i) => `/${segments.slice(0, i + 1).join('/')}/`)
    const made = await Promise.all(folders.map((pathname) => this.collection(pathname)))
    if (made.every(Boolean)) return
    for (const pathname of folders) {
      if (await this.collection(pathname)) continue
      // Its parents exist now: a 409 again is an error, reported with the server's answer.
      await this.makeCollection(pathname, true)
      this.collections.set(pathname, Promise.resolve(true))
    }
  }

  /** A folder, made or found (true), or not made because its parent is missing (false). */
  private collection(pathname: string): Promise<boolean> {
    let made = this.collections.get(pathname)
    if (!made) {
      made = this.makeCollection(pathname)
      this.collections.set(pathname, made)
      // Only a folder made is kept: after a failure or a 409, the next put asks again.
      made.then(
        (ok) => ok || this.collections.delete(pathname),
        () => this.collections.delete(pathname)
      )
    }
    return made
  }

  private async makeCollection(pathname: string, strict = false): Promise<boolean> {
    const url = new URL(this.base.href)
    url.pathname = pathname
    const response = await this.request('MKCOL', url)
    response.discard()
    // 409 Conflict: a folder above it does not exist yet (RFC 4918, 9.3.1).
    if (response.status === 409 && !strict) return false
    if (!response.ok && response.status !== 405) throw this.failure('MKCOL', pathname, response)
    return true
  }

  private leaseUrl(name: string): URL {
    const url = this.objectUrl(`${HTTP_STATE_DIR}/leases/${name}`)
    url.pathname += '/'
    return url
  }

  private async createLease(name: string, holder: LeaseHolder): Promise<boolean> {
    await this.ensureParents(`${HTTP_STATE_DIR}/leases/${name}`)
    const url = this.leaseUrl(name)
    let sent = 0
    const response = await this.retrying('MKCOL', url, true, () => {
      sent++
      return send(url, 'MKCOL', this.headers)
    })
    response.discard()
    const holderKey = `${HTTP_STATE_DIR}/leases/${name}/holder.json`
    if (response.status === 405 || response.status === 409) {
      // Sent again after an attempt whose answer was lost: that attempt may have made the
      // collection, and then the lease is ours, without a holder, and waiting for it to expire
      // would wait on ourselves. Another publish's lease gets its holder written right after
      // its MKCOL; one still without a holder a moment later is taken as ours.
      if (sent < 2 || (await this.readLease(name)) !== undefined) return false
      await new Promise((resolve) => setTimeout(resolve, LOST_ANSWER_PAUSE_MS))
      if ((await this.head(holderKey)) !== undefined) return false
      this.options.log?.debug(`lease ${name}: MKCOL answered 405 after a lost answer; taking it`)
    } else if (!response.ok) throw this.failure('MKCOL', `lease ${name}`, response)
    await this.write(holderKey, JSON.stringify(holder))
    return true
  }

  private async readLease(name: string): Promise<LeaseHolder | undefined> {
    const body = await this.get(`${HTTP_STATE_DIR}/leases/${name}/holder.json`)
    if (!body) return undefined
    const chunks: Buffer[] = []
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer))
    return parseHolder(Buffer.concat(chunks).toString('utf8'))
  }

  private async removeLease(name: string): Promise<void> {
    const response = await this.request('DELETE', this.leaseUrl(name))
    response.discard()
    if (!response.ok && response.status !== 404)
      throw this.failure('DELETE', `lease ${name}`, response)
  }

  private objectUrl(key: string): URL {
    const url = new URL(this.base.href)
    url.pathname += key.split('/').map(encodeURIComponent).join('/')
    return url
  }

  /** One request without an object's body (HEAD, GET, DELETE, MKCOL, PROPFIND), retried (see `retrying`). */
  private async request(
    method: string,
    url: URL,
    extra: Record<string, string> = {}
  ): Promise<Answer & Received> {
    const body = method === 'PROPFIND' ? PROPFIND_BODY : undefined
    return this.retrying(method, url, true, () =>
      send(url, method, { ...this.headers, ...extra }, body)
    )
  }

  /**
   * Sends through the shared retry policy (backoff with jitter on 429/5xx and dropped
   * connections, honouring Retry-After) when the request can be sent again; a one-shot stream
   * gets one attempt. The last retryable answer is returned as it is, for the caller to report.
   */
  private async retrying<
    R extends { status: number; headers: { get(name: string): string | null }; discard?(): void }
  >(method: string, url: URL, replay: boolean, send: () => Promise<R>): Promise<R> {
    const policy = replay ? this.policy : { ...this.policy, attempts: 1 }
    try {
      return await retry(
        async (attempt) => {
          const response = await send()
          if (isRetryableStatus(response.status) && attempt < policy.attempts) {
            response.discard?.()
            throw new RetryableStatus(
              response.status,
              this.shown(url),
              response.headers.get('retry-after') ?? undefined
            )
          }
          return response
        },
        {
          policy,
          onRetry: (error, attempt, delayMs) =>
            this.options.log?.debug(
              `${method} ${this.shown(url)}: ${causeOf(error)}; attempt ${attempt + 1} in ${delayMs} ms`
            ),
          // The body's own failure is never cured by sending it again.
          retryable: (error) => !(error instanceof BodyError) && isTransient(error)
        }
      )
    } catch (error) {
      if (error instanceof BodyError) throw error.cause
      throw new Error(`${method} ${this.shown(url)} failed: ${causeOf(error)}`)
    }
  }

  /**
   * Whether a read found the object: 200 yes; 404 and 410 no, nor a redirect (nginx sends a
   * folder's to its slash form). Anything else (refused credentials, a 5xx still there after the
   * retries) fails the read: taken as absent, it would make a publish start a repository anew.
   * The body of an answer that is no object is read to its end unseen.
   */
  private found(method: string, key: string, response: Answer & Received): boolean {
    if (response.status === 200) return true
    response.discard()
    const { status } = response
    if (status === 404 || status === 410 || (status >= 300 && status < 400)) return false
    throw this.failure(method, key, response)
  }

  private failure(
    method: string,
    key: string,
    response: { status: number; statusText?: string }
  ): Error {
    const hint =
      response.status === 401 || response.status === 403
        ? ' (check store-username/store-password or store-token)'
        : ''
    return new Error(
      `${method} ${this.location}/${key} answered ${response.status} ${response.statusText ?? ''}${hint}`
    )
  }

  private shown(url: URL): string {
    const copy = new URL(url.href)
    copy.username = ''
    copy.password = ''
    return copy.href
  }
}

/** The body's own failure while uploading: not retried, and reported as itself. */
class BodyError extends Error {
  constructor(override readonly cause: unknown) {
    super('the body failed')
  }
}

/**
 * PUTs a body through node:http, hashing it on the way, with the socket's backpressure all the
 * way to the source: memory stays a few buffers whatever the size.
 */
function upload(
  url: URL,
  headers: Record<string, string>,
  source: Source,
  tally: Tally
): Promise<Answer> {
  const request = openRequest(url, 'PUT', headers)
  const answered = new Promise<Http.IncomingMessage>((resolve, reject) => {
    request.once('response', (response) => {
      response.resume()
      response.once('end', () => resolve(response))
      response.once('error', reject)
    })
    // Not once: a socket error after the first is emitted here too.
    request.on('error', reject)
  })
  // The server may answer before the digest has flushed (it has all the bytes by then): wait for
  // both, and when the body broke, report the body's error, never retried.
  const sent = (
    source.file !== undefined
      ? sendFile(source.file, request, tally)
      : sendStream(source.open(), request, tally)
  ).catch((error: unknown) => {
    request.destroy()
    throw error
  })
  return Promise.all([answered, sent]).then(
    ([response]) => answerOf(response),
    async (error: unknown) => {
      // Prefer the body's own error over the connection error it caused.
      const reason = await sent.then(
        () => error,
        (sentError: unknown) => sentError
      )
      answered.catch(() => undefined)
      throw reason
    }
  )
}

async function sendStream(body: Readable, request: Http.ClientRequest, tally: Tally) {
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      tally.update(chunk)
      done(null, chunk)
    },
    flush(done: TransformCallback) {
      tally.end()
      done()
    }
  })
  await pipeline(body, counted, request).catch((error: unknown) => {
    throw body.errored || counted.errored ? new BodyError(body.errored ?? error) : error
  })
}

/**
 * Sends a local file, read into a few reused buffers: a read stream's fresh 1 MiB buffer per chunk
 * waits for the collector (a 1 GiB upload: ~40 full collections and 170+ MiB of RSS on Node 24).
 * A buffer is read into again only once the socket's write callback for it has fired: until then
 * the socket may still be sending it, and reading into it sooner would send other bytes.
 */
async function sendFile(file: string, request: Http.ClientRequest, tally: Tally): Promise<void> {
  let handle: FileHandle
  try {
    handle = await open(file, 'r')
  } catch (error) {
    throw new BodyError(error)
  }
  const free: Buffer[] = []
  const readNext = async (): Promise<{ buffer: Buffer; bytesRead: number }> => {
    const buffer = free.pop() ?? Buffer.allocUnsafe(READ_CHUNK)
    try {
      return { buffer, bytesRead: (await handle.read(buffer, 0, READ_CHUNK, null)).bytesRead }
    } catch (error) {
      throw new BodyError(error)
    }
  }
  // One read ahead: the next chunk is read while this one is hashed and sent.
  let next = readNext()
  try {
    for (;;) {
      const { buffer, bytesRead } = await next
      if (bytesRead === 0) break
      next = readNext()
      const chunk = buffer.subarray(0, bytesRead)
      tally.update(chunk)
      const room = request.write(chunk, (error) => {
        if (!error) free.push(buffer)
      })
      if (!room) await until(request, 'drain')
    }
    tally.end()
    request.end()
    await until(request, 'finish')
  } finally {
    await next.catch(() => undefined)
    await handle.close()
  }
}

/**
 * Resolves on `event`; rejects on an error, or when the request closes before it. Plain
 * listeners, taken off once settled: a 1 GiB upload waits for 'drain' about once per 1 MiB
 * chunk, and an AbortController per wait (events.once with a signal) cost 30-50 ms of CPU in
 * the DOMExceptions its aborts build.
 */
function until(request: Http.ClientRequest, event: 'drain' | 'finish'): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error): void => {
      request.off(event, reached)
      request.off('close', closed)
      request.off('error', settle)
      if (error) reject(error)
      else resolve()
    }
    const reached = (): void => settle()
    const closed = (): void => settle(new Error('the connection closed while sending'))
    request.once(event, reached)
    request.once('close', closed)
    request.once('error', settle)
  })
}

function contentEtag(sha256: string): string {
  return `"sha256:${sha256.toLowerCase()}"`
}

function infoOf(key: string, response: Answer): ObjectInfo {
  const modified = response.headers.get('last-modified')
  return {
    key,
    size: Number(response.headers.get('content-length') ?? 0),
    etag: response.headers.get('etag') ?? '',
    ...(modified ? { modified: new Date(modified) } : {})
  }
}

/** Artifactory answers with X-Artifactory-Id (and -Node-Id); Nexus names itself in Server. */
export function isArtifactoryOrNexus(headers: { get(name: string): string | null }): boolean {
  return (
    headers.get('x-artifactory-id') !== null ||
    headers.get('x-artifactory-node-id') !== null ||
    /\b(Artifactory|Nexus)\b/i.test(headers.get('server') ?? '')
  )
}

/**
 * The size of the bytes sent and their SHA-256, unless the caller knows it already (see `write`);
 * with `keep`, a copy of the unfinished hash too (PutOptions.keepHash).
 */
class Tally {
  size = 0
  hashed: Hash | undefined
  private readonly hash: Hash | undefined
  private digest: string | undefined

  constructor(
    private readonly known: string | undefined,
    private readonly keep = false
  ) {
    this.hash = known === undefined ? createHash('sha256') : undefined
  }

  update(chunk: Buffer): void {
    this.size += chunk.length
    this.hash?.update(chunk)
  }

  end(): void {
    if (!this.hash || this.digest !== undefined) return
    if (this.keep) this.hashed = this.hash.copy()
    this.digest = this.hash.digest('hex')
  }

  get sha256(): string {
    const sha256 = this.known ?? this.digest
    if (sha256 === undefined) throw new Error('sha256 asked for before the body ended')
    return sha256
  }
}

interface Source {
  open(): Readable
  replay: boolean
  /** The local file the body reads, when it is one. */
  file?: string
  size?: number
  /** The digests for the checksum headers, computed only when asked (a file: one more read). */
  sums?: () => Promise<{ sha256: string; sha1: string }>
}

/** Local files are read 1 MiB at a time: 16 times fewer chunks through hashes and the socket than the default 64 KiB. */
const READ_CHUNK = 1 << 20

/** What can be sent again after a failure: bytes in memory and local files; other streams once. */
async function replayable(body: Body): Promise<Source> {
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    const bytes = Buffer.from(body)
    return {
      open: () => Readable.from([bytes]),
      replay: true,
      size: bytes.length,
      sums: () =>
        Promise.resolve({
          sha256: createHash('sha256').update(bytes).digest('hex'),
          sha1: createHash('sha1').update(bytes).digest('hex')
        })
    }
  }
  const file = unreadFileOf(body)
  if (file !== undefined) {
    body.destroy()
    const { size } = await stat(file)
    return {
      open: () => createReadStream(file, { highWaterMark: READ_CHUNK }),
      replay: true,
      file,
      size,
      sums: () => fileSums(file)
    }
  }
  let used = false
  return {
    open: () => {
      if (used) throw new Error('a streamed body cannot be sent twice')
      used = true
      return body
    },
    replay: false
  }
}

async function fileSums(file: string): Promise<{ sha256: string; sha1: string }> {
  const sha256 = createHash('sha256')
  const sha1 = createHash('sha1')
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK })) {
    sha256.update(chunk as Buffer)
    sha1.update(chunk as Buffer)
  }
  return { sha256: sha256.digest('hex'), sha1: sha1.digest('hex') }
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (error as Error).message
}
