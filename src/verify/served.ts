import { isRetryableStatus, retry, RetryableStatus } from '../net/retry.js'
import { digestObject, readObject, type Store } from '../store/store.js'
import { sha256Hex } from '../store/digest.js'
import { hashBody, send, type Received } from '../net/node-http.js'

/** The size and SHA-256 of what was served or published. */
export interface Fingerprint {
  sha256: string
  size: number
}

/**
 * What the users' clients see: the bytes a key is served as. Through `public-url` that is the
 * web server or CDN in front of the store, fetched as apt, dnf and curl fetch it; without one, the
 * store itself.
 */
export interface Served {
  /**
   * Where the key is read from, for findings people act on (a URL, or a store location). `path`
   * spells the URL path as one client does (falcoctl's escaping), instead of `urlPath(key)`.
   */
  where(key: string, path?: string): string
  /**
   * The whole object (indexes, signatures), or undefined when it is not served. Aborting `signal`
   * ends the read and its retries (it rejects).
   */
  read(key: string, signal?: AbortSignal): Promise<Buffer | undefined>
  /** Size and SHA-256 of an object of any size, hashed as it streams, or undefined when not served. */
  fingerprint(key: string, path?: string, signal?: AbortSignal): Promise<Fingerprint | undefined>
}

/**
 * `served` with every read tied to `signal`: once one check has failed the run, the others stop
 * instead of retrying in the background until their attempts run out.
 */
export function cancelledBy(served: Served, signal: AbortSignal): Served {
  return {
    where: (key, path) => served.where(key, path),
    read: (key) => served.read(key, signal),
    fingerprint: (key, path) => served.fingerprint(key, path, signal)
  }
}

/**
 * One reader for both sides when what is served is the store itself (no public-url): each object
 * is read once per pass, not once as published and again as served, and the fingerprint of an
 * object already read whole is taken from its bytes, which are let go then (a Packages index of
 * 50k packages weighs tens of MiB: it is not kept for the rest of the pass once read to list the
 * packages and fingerprinted as served). `forget` drops what was read, for a pass that must see
 * the store anew.
 */
export function readOnce(served: Served): Served & { forget(): void } {
  const reads = new Map<string, Promise<Buffer | undefined>>()
  const prints = new Map<string, Promise<Fingerprint | undefined>>()
  const remember = <T>(map: Map<string, Promise<T>>, key: string, read: () => Promise<T>) => {
    const known = map.get(key)
    if (known) return known
    const reading = read()
    map.set(key, reading)
    return reading
  }
  return {
    where: (key, path) => served.where(key, path),
    read: (key, signal) => remember(reads, key, () => served.read(key, signal)),
    fingerprint: (key, path, signal) =>
      remember(prints, key, () => {
        const whole = reads.get(key)
        if (!whole) return served.fingerprint(key, path, signal)
        reads.delete(key)
        return whole.then((bytes) => bytes && fingerprintBytes(bytes))
      }),
    forget: () => {
      reads.clear()
      prints.clear()
    }
  }
}

/**
 * A key as a URL path. Every segment is percent-encoded, so a `+` goes out as `%2B`: what
 * falcoctl sends for driver versions, and the only spelling S3 and the CDNs in front of it read
 * as a plus (a literal one reads as a space).
 */
export function urlPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/')
}

/** Redirects followed before a read gives up, as fetch follows them (a bucket website redirects). */
const MAX_REDIRECTS = 5

/**
 * Reads through HTTP(S) under `base` (ends with `/`), retrying resets and 5xx like every client
 * here. Through node:http, not fetch: a 1 GiB package is hashed as it arrives, each chunk freed
 * once hashed (src/net/node-http.ts), and the run does not load undici. A connection silent for
 * five minutes fails the check instead of hanging until the job's own timeout.
 */
export function httpServed(base: string): Served {
  const where = (key: string, path = urlPath(key)): string => new URL(path, base).href
  const request = (
    key: string,
    path: string | undefined,
    signal: AbortSignal | undefined
  ): Promise<Received | undefined> =>
    retry(
      async () => {
        let url = new URL(where(key, path))
        for (let hop = 0; ; hop++) {
          const answer = await send(url, 'GET', {}, undefined, signal)
          const location = answer.headers.get('location')
          if (REDIRECTS.has(answer.status) && location && hop < MAX_REDIRECTS) {
            answer.discard()
            url = new URL(location, url)
            continue
          }
          if (answer.status === 404 || answer.status === 403 || answer.status === 410) {
            answer.discard()
            return undefined
          }
          if (isRetryableStatus(answer.status)) {
            answer.discard()
            throw new RetryableStatus(
              answer.status,
              where(key, path),
              answer.headers.get('retry-after') ?? undefined
            )
          }
          if (!answer.ok) {
            answer.discard()
            throw new Error(`${where(key, path)}: HTTP ${answer.status} ${answer.statusText}`)
          }
          return answer
        }
      },
      { signal }
    ).catch((error: unknown) => {
      // Given up for another check's failure: that one is the run's error, not this.
      if (signal?.aborted) throw error
      const message = messageOf(error)
      if (message.startsWith(where(key, path))) throw error
      const cause = (error as { cause?: unknown } | undefined)?.cause
      throw new Error(
        `${where(key, path)}: ${cause ? messageOf(cause) : message} ` +
          `(is public-url right, and the server reachable from here?)`
      )
    })
  return {
    where,
    read: async (key, signal) => {
      const answer = await request(key, undefined, signal)
      return answer?.bytes()
    },
    fingerprint: async (key, path, signal) => {
      const answer = await request(key, path, signal)
      return answer && hashBody(answer.body)
    }
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])

/** Reads the store itself: what was written, when no public URL says where it is served. */
export function storeServed(store: Store): Served {
  return {
    where: (key) => `${store.location.replace(/\/+$/, '')}/${key}`,
    // The store's own requests take no signal: an aborted check starts none, and one under way
    // ends with its store's retries.
    read: async (key, signal) => {
      signal?.throwIfAborted()
      return readObject(store, key)
    },
    // Hashed as it streams, by the store's own digest where it has one (the http store's).
    fingerprint: async (key, _path, signal) => {
      signal?.throwIfAborted()
      return digestObject(store, key)
    }
  }
}

export function fingerprintBytes(data: Uint8Array): Fingerprint {
  return { sha256: sha256Hex(data), size: data.byteLength }
}

/** An error's message, also for errors made in another realm (fetch's, under a test's VM). */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message
  return typeof message === 'string' ? message : String(error)
}
