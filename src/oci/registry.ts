import { Readable } from 'node:stream'
import type { Logger } from '../report/log.js'
import {
  DEFAULT_RETRY,
  RetryableStatus,
  backoffMs,
  isRetryableStatus,
  isTransient,
  retry,
  type RetryPolicy
} from '../net/retry.js'
import { RegistryAuth } from './auth.js'
import type { CredentialLookup } from './credentials.js'
import { sha256Digest } from './digest.js'
import { createHttp, type Http, type HttpResponse as Response } from './http.js'
import { apiBase, type Repository } from './repository.js'

/**
 * A client of the OCI distribution API (v1.1, and what Distribution 2.8 and Docker Hub accept):
 * blob existence checks, cross-repository mounts, streamed monolithic or chunked uploads, and
 * manifests. Every request goes through the retry policy and RegistryAuth; bodies are given as
 * factories so that a retry re-opens the stream instead of holding a layer in memory.
 */

export interface RegistryOptions {
  credentials: CredentialLookup
  log: Logger
  /** Hosts reached over plain HTTP (loopback always is). */
  insecure?: readonly string[]
  retry?: RetryPolicy
  /** Blobs larger than this are sent in PATCH chunks of `chunkSize`; smaller ones in one PUT. */
  chunkThreshold?: number
  chunkSize?: number
  /** Open connections per registry host. */
  maxSockets?: number
}

/** Reopens a blob's bytes, optionally a byte range (inclusive end). */
export type OpenBlob = (range?: { start: number; end: number }) => Readable

type BodyFactory = () => Readable | Buffer | undefined

interface Call {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  url: string
  scopes: string[]
  headers?: Record<string, string>
  body?: BodyFactory
}

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message)
    this.name = 'RegistryError'
  }
}

const MiB = 1024 * 1024

export class RegistryClient {
  readonly auth: RegistryAuth
  private readonly http: Http
  private readonly closeHttp: () => void
  private readonly insecure: readonly string[]
  private readonly chunkThreshold: number
  private readonly chunkSize: number
  /** Counts of requests by method, for logs and tests (HEAD-only re-pushes). */
  readonly requests: Record<string, number> = {}

  constructor(private readonly options: RegistryOptions) {
    const http = createHttp({ maxSockets: options.maxSockets })
    this.http = http.request
    this.closeHttp = http.close
    this.auth = new RegistryAuth(this.http, options.credentials, options.log, options.retry)
    this.insecure = options.insecure ?? []
    this.chunkThreshold = options.chunkThreshold ?? 512 * MiB
    this.chunkSize = options.chunkSize ?? 64 * MiB
  }

  /** Closes the kept-alive connections so the process can exit. */
  close(): void {
    this.closeHttp()
  }

  private base(repo: Repository): string {
    return `${apiBase(repo, this.insecure)}/v2/${repo.path}`
  }

  private pushScopes(repo: Repository): string[] {
    return [`repository:${repo.path}:pull,push`]
  }

  /** One request with auth: a 401 teaches the scheme and the request is made again once. */
  private async send(repo: Repository, call: Call): Promise<Response> {
    for (let round = 0; ; round++) {
      const authorization = await this.auth.header(repo.apiHost, repo.registry, call.scopes)
      const headers: Record<string, string> = { ...call.headers }
      if (authorization) headers.authorization = authorization
      const body = call.body?.()
      if (body === undefined && ['POST', 'PUT', 'PATCH'].includes(call.method)) {
        headers['content-length'] ??= '0'
      }
      this.requests[call.method] = (this.requests[call.method] ?? 0) + 1
      let response: Response
      try {
        response = await this.http(call.url, { method: call.method, headers, body })
      } finally {
        // A registry may answer before reading the whole body (401, 503): close the file behind it.
        if (body instanceof Readable && !body.readableEnded) body.destroy()
      }
      if (response.statusCode === 401 && round === 0) {
        const challenge = response.headers['www-authenticate']
        if (this.auth.challenged(repo.apiHost, challenge, call.scopes, authorization !== undefined))
          continue
      }
      if (response.statusCode === 401 || response.statusCode === 403) {
        const creds = this.options.credentials(repo.registry)
        throw new RegistryError(
          `${repo.name}: ${call.method} ${redact(call.url)} answered ${response.statusCode}: ` +
            (creds
              ? 'the registry refused the credentials from the Docker config (are they allowed to push here?)'
              : `no credentials for ${repo.registry} in the Docker config; log in first (docker/login-action)`),
          response.statusCode
        )
      }
      if (isRetryableStatus(response.statusCode)) {
        throw new RetryableStatus(
          response.statusCode,
          redact(call.url),
          response.headers['retry-after']
        )
      }
      return response
    }
  }

  /** send() under the retry policy: for requests whose body (if any) can be sent again. */
  private async call(repo: Repository, call: Call): Promise<Response> {
    return retry(() => this.send(repo, call), {
      policy: this.options.retry,
      onRetry: (error, attempt, delay) =>
        this.options.log.debug(
          `${call.method} ${redact(call.url)}: ${describe(error)}; attempt ${attempt + 1} in ${delay} ms`
        )
    })
  }

  private fail(repo: Repository, what: string, response: Response): never {
    throw new RegistryError(
      `${repo.name}: ${what} failed with ${response.statusCode}${errorDetail(response.body)}`,
      response.statusCode
    )
  }

  /** True when the repository already holds the blob. */
  async hasBlob(repo: Repository, digest: string): Promise<boolean> {
    const response = await this.call(repo, {
      method: 'HEAD',
      url: `${this.base(repo)}/blobs/${digest}`,
      scopes: this.pushScopes(repo)
    })
    if (response.statusCode === 200 || response.statusCode === 307) return true
    if (response.statusCode === 404) return false
    return this.fail(repo, `HEAD blob ${digest}`, response)
  }

  /**
   * Asks the registry to link a blob it holds in `from` into `repo` without sending bytes (the
   * OCI distribution spec's cross-repository mount). The token asks for push on `repo` and pull
   * on `from` in one request, as the registry checks both. 'mounted' on 201; 'absent' on 202
   * (`from` lacks the blob: upload it); 'refused' when `from` cannot be read with these
   * credentials or does not exist, so the caller stops asking it.
   */
  async mountBlob(
    repo: Repository,
    digest: string,
    from: Repository
  ): Promise<'mounted' | 'absent' | 'refused'> {
    if (from.apiHost !== repo.apiHost) return 'refused'
    const url = new URL(`${this.base(repo)}/blobs/uploads/`)
    url.searchParams.set('mount', digest)
    url.searchParams.set('from', from.path)
    let response: Response
    try {
      response = await this.call(repo, {
        method: 'POST',
        url: url.toString(),
        scopes: [...this.pushScopes(repo), `repository:${from.path}:pull`]
      })
    } catch (error) {
      // No pull on `from` (401/403 from the registry, or an issuer that will not grant it).
      const status = (error as RegistryError).status
      if (status === 401 || status === 403 || /^token issuer /.test((error as Error).message)) {
        this.options.log.debug(`${repo.name}: cannot mount from ${from.path}: ${describe(error)}`)
        return 'refused'
      }
      throw error
    }
    if (response.statusCode === 201) return 'mounted'
    if (response.statusCode === 202) {
      // The registry opened an upload session instead; close it so it does not linger.
      const location = response.headers.location
      if (location) await this.cancel(repo, new URL(location, url).toString())
      return 'absent'
    }
    if ([400, 403, 404].includes(response.statusCode)) {
      this.options.log.debug(
        `${repo.name}: mount from ${from.path} answered ${response.statusCode}${errorDetail(response.body)}`
      )
      return 'refused'
    }
    return this.fail(repo, `mount of ${digest} from ${from.path}`, response)
  }

  private async cancel(repo: Repository, location: string): Promise<void> {
    try {
      await this.send(repo, { method: 'DELETE', url: location, scopes: this.pushScopes(repo) })
    } catch (error) {
      this.options.log.debug(`closing upload ${redact(location)}: ${describe(error)}`)
    }
  }

  /**
   * Streams one blob into the repository: a single PUT, or PATCH chunks for large blobs. A
   * failure restarts the upload in a new session (bytes are re-read from the source), under
   * the retry policy; the registry checks the digest.
   */
  async uploadBlob(repo: Repository, digest: string, size: number, open: OpenBlob): Promise<void> {
    await retry(() => this.uploadOnce(repo, digest, size, open), {
      policy: this.options.retry,
      onRetry: (error, attempt, delay) =>
        this.options.log.info(
          `${repo.name}: upload of ${short(digest)} interrupted (${describe(error)}); attempt ${attempt + 1} in ${delay} ms`
        )
    })
  }

  private async startUpload(repo: Repository): Promise<string> {
    const url = `${this.base(repo)}/blobs/uploads/`
    const response = await this.send(repo, { method: 'POST', url, scopes: this.pushScopes(repo) })
    if (response.statusCode !== 202) this.fail(repo, 'starting a blob upload', response)
    const location = response.headers.location
    if (!location)
      throw new RegistryError(`${repo.name}: the registry started an upload without a Location`)
    return new URL(location, url).toString()
  }

  private async uploadOnce(
    repo: Repository,
    digest: string,
    size: number,
    open: OpenBlob
  ): Promise<void> {
    const location = await this.startUpload(repo)
    if (size > this.chunkThreshold) return this.uploadChunks(repo, digest, size, open, location)
    const response = await this.send(repo, {
      method: 'PUT',
      url: withDigest(location, digest),
      scopes: this.pushScopes(repo),
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      body: () => open()
    })
    if (response.statusCode !== 201) this.fail(repo, `upload of ${digest}`, response)
  }

  /**
   * PATCH chunks with Content-Range. When a chunk fails, the upload's status (GET on the
   * session: `Range: 0-<last byte>`) says how far the registry got, and the upload resumes
   * from there: a dropped connection costs one chunk, not the whole layer.
   */
  private async uploadChunks(
    repo: Repository,
    digest: string,
    size: number,
    open: OpenBlob,
    first: string
  ): Promise<void> {
    const scopes = this.pushScopes(repo)
    const policy = this.options.retry ?? DEFAULT_RETRY
    let location = first
    let offset = 0
    let failures = 0
    while (offset < size) {
      const start = offset
      const end = Math.min(size, start + this.chunkSize) - 1
      try {
        const response = await this.send(repo, {
          method: 'PATCH',
          url: location,
          scopes,
          headers: {
            'content-type': 'application/octet-stream',
            'content-length': String(end - start + 1),
            'content-range': `${start}-${end}`
          },
          body: () => open({ start, end })
        })
        if (response.statusCode !== 202)
          this.fail(repo, `chunk ${start}-${end} of ${digest}`, response)
        const next = response.headers.location
        if (next) location = new URL(next, location).toString()
        offset = end + 1
        failures = 0
      } catch (error) {
        if (!isTransient(error) || ++failures >= policy.attempts) throw error
        const delay = backoffMs(policy, failures, error)
        this.options.log.debug(
          `${repo.name}: chunk ${start}-${end} of ${short(digest)}: ${describe(error)}; resuming in ${delay} ms`
        )
        await new Promise((r) => setTimeout(r, delay))
        const status = await this.call(repo, { method: 'GET', url: location, scopes })
        if (status.statusCode !== 204) this.fail(repo, `status of the upload of ${digest}`, status)
        const range = String(status.headers.range ?? '').match(/^(?:bytes=)?0-(\d+)$/)
        // "0-0" cannot tell one byte from none: start the whole upload again instead.
        if (!range || range[1] === '0') throw new RetryableStatus(409, redact(location))
        offset = Number(range[1]) + 1
        const next = status.headers.location
        if (next) location = new URL(next, location).toString()
      }
    }
    const done = withDigest(location, digest)
    const response = await this.call(repo, { method: 'PUT', url: done, scopes })
    if (response.statusCode === 201) return
    // The close went through but its answer was lost: a retry finds no session, the blob is there.
    if (response.statusCode === 404 && (await this.hasBlob(repo, digest))) return
    this.fail(repo, `closing the upload of ${digest}`, response)
  }

  /** Puts a manifest or index under a tag or digest; returns the digest the registry reports. */
  async putManifest(
    repo: Repository,
    reference: string,
    body: Buffer,
    mediaType: string
  ): Promise<string> {
    const response = await this.call(repo, {
      method: 'PUT',
      url: `${this.base(repo)}/manifests/${reference}`,
      scopes: this.pushScopes(repo),
      headers: { 'content-type': mediaType, 'content-length': String(body.length) },
      body: () => body
    })
    if (response.statusCode !== 201) this.fail(repo, `PUT manifest ${reference}`, response)
    const expected = sha256Digest(body)
    const reported = response.headers['docker-content-digest']
    if (typeof reported === 'string' && reported !== '' && reported !== expected) {
      throw new RegistryError(
        `${repo.name}: manifest ${reference} stored as ${reported}, expected ${expected}`
      )
    }
    return expected
  }

  /** The digest a tag points at, or undefined when the repository has no such tag. */
  async headManifest(
    repo: Repository,
    reference: string,
    accept: string[]
  ): Promise<string | undefined> {
    const response = await this.call(repo, {
      method: 'HEAD',
      url: `${this.base(repo)}/manifests/${reference}`,
      scopes: this.pushScopes(repo),
      headers: { accept: accept.join(', ') }
    })
    if (response.statusCode === 404) return undefined
    if (response.statusCode !== 200) this.fail(repo, `HEAD manifest ${reference}`, response)
    const digest = response.headers['docker-content-digest']
    if (typeof digest === 'string' && digest !== '') return digest
    // No digest header: read the manifest to learn it.
    return (await this.getManifest(repo, reference, accept))?.digest
  }

  /**
   * The referrers of `digest` from the OCI 1.1 referrers API (every page, following `Link`
   * rel="next"), or undefined when the registry has no such API (Distribution 2.8 answers 404):
   * then referrers are listed under the referrers tag schema instead. A registry with the API
   * indexes manifests with a `subject` itself.
   */
  async referrers(repo: Repository, digest: string): Promise<ReferrerDescriptor[] | undefined> {
    const found: ReferrerDescriptor[] = []
    let url: string | undefined = `${this.base(repo)}/referrers/${digest}`
    // A bound on pages, so a registry that links a page to itself cannot loop a publish.
    for (let page = 0; url && page < 100; page++) {
      const response = await this.call(repo, {
        method: 'GET',
        url,
        scopes: [`repository:${repo.path}:pull`],
        headers: { accept: OCI_INDEX }
      })
      const type = String(response.headers['content-type'] ?? '')
      if (response.statusCode !== 200 || !type.startsWith(OCI_INDEX)) {
        if (page === 0) return undefined
        this.fail(repo, `GET referrers of ${digest}`, response)
      }
      const index = JSON.parse(response.body.toString('utf8')) as {
        manifests?: ReferrerDescriptor[]
      }
      found.push(...(index.manifests ?? []))
      url = nextPage(url, response.headers.link)
    }
    return found
  }

  /** Reads a manifest (tag or digest); undefined when the repository has none by that name. */
  async getManifest(
    repo: Repository,
    reference: string,
    accept: string[]
  ): Promise<{ body: Buffer; mediaType: string; digest: string } | undefined> {
    const response = await this.call(repo, {
      method: 'GET',
      url: `${this.base(repo)}/manifests/${reference}`,
      scopes: [`repository:${repo.path}:pull`],
      headers: { accept: accept.join(', ') }
    })
    if (response.statusCode === 404) return undefined
    if (response.statusCode !== 200) this.fail(repo, `GET manifest ${reference}`, response)
    return {
      body: response.body,
      mediaType: String(response.headers['content-type'] ?? ''),
      digest: sha256Digest(response.body)
    }
  }
}

/** What the referrers API lists for each referrer (image.ts's Descriptor, with its type). */
export interface ReferrerDescriptor {
  mediaType: string
  digest: string
  size: number
  artifactType?: string
  annotations?: Record<string, string>
}

/** The referrers API answers an OCI image index (written here: image.ts imports this file). */
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

/** The `Link: <url>; rel="next"` of a paginated answer, resolved against the page's URL. */
function nextPage(current: string, link: string | string[] | undefined): string | undefined {
  for (const value of [link ?? []].flat()) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(value)
    if (match) return new URL(match[1], current).toString()
  }
  return undefined
}

function withDigest(location: string, digest: string): string {
  const url = new URL(location)
  url.searchParams.set('digest', digest)
  return url.toString()
}

/** Upload URLs carry opaque state; logs and errors show only the path. */
function redact(url: string): string {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return '(url)'
  }
}

function errorDetail(body: Buffer | undefined): string {
  if (!body || body.length === 0) return ''
  try {
    const parsed = JSON.parse(body.toString('utf8')) as {
      errors?: { code?: string; message?: string }[]
    }
    const errors = parsed.errors?.map((e) => [e.code, e.message].filter(Boolean).join(': '))
    if (errors && errors.length > 0) return `: ${errors.join('; ')}`
  } catch {
    // Not the spec's error body: show nothing rather than a page of HTML.
  }
  return ''
}

export function short(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12)
}

export function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code
    return typeof code === 'string' && !error.message.includes(code)
      ? `${code} ${error.message}`
      : error.message
  }
  return String(error)
}
