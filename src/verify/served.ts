import { isRetryableStatus, retry, RetryableStatus } from '../net/retry.js'
import { digestObject, readObject, type Store } from '../store/store.js'
import { sha256Hex, sha256Of } from '../store/digest.js'

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
  /** The whole object (indexes, signatures), or undefined when it is not served. */
  read(key: string): Promise<Buffer | undefined>
  /** Size and SHA-256 of an object of any size, hashed as it streams, or undefined when not served. */
  fingerprint(key: string, path?: string): Promise<Fingerprint | undefined>
}

/**
 * A key as a URL path. Every segment is percent-encoded, so a `+` goes out as `%2B`: what
 * falcoctl sends for driver versions, and the only spelling S3 and the CDNs in front of it read
 * as a plus (a literal one reads as a space).
 */
export function urlPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/')
}

/** One download, headers to last byte: packages are large, a stalled connection is not. */
const FETCH_TIMEOUT_MS = 10 * 60_000

/** Reads through HTTP(S) under `base` (ends with `/`), retrying resets and 5xx like every client here. */
export function httpServed(base: string): Served {
  const where = (key: string, path = urlPath(key)): string => new URL(path, base).href
  const request = (key: string, path?: string): Promise<Response | undefined> =>
    retry(async () => {
      // Bounded, so a stalled CDN fails the check instead of the job's own timeout.
      const response = await fetch(where(key, path), {
        redirect: 'follow',
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS)
      })
      if (response.status === 404 || response.status === 403 || response.status === 410) {
        await response.body?.cancel()
        return undefined
      }
      if (isRetryableStatus(response.status)) {
        await response.body?.cancel()
        throw new RetryableStatus(
          response.status,
          where(key, path),
          response.headers.get('retry-after') ?? undefined
        )
      }
      if (!response.ok) {
        await response.body?.cancel()
        throw new Error(`${where(key, path)}: HTTP ${response.status} ${response.statusText}`)
      }
      return response
    }).catch((error: unknown) => {
      const message = messageOf(error)
      if (message.startsWith(where(key, path))) throw error
      // fetch says "fetch failed" and puts the reason (ECONNREFUSED, a TLS error) in its cause.
      const cause = (error as { cause?: unknown } | undefined)?.cause
      throw new Error(
        `${where(key, path)}: ${cause ? messageOf(cause) : message} ` +
          `(is public-url right, and the server reachable from here?)`
      )
    })
  return {
    where,
    read: async (key) => {
      const response = await request(key)
      return response && Buffer.from(await response.arrayBuffer())
    },
    fingerprint: async (key, path) => {
      const response = await request(key, path)
      if (!response?.body) return undefined
      return sha256Of(response.body)
    }
  }
}

/** Reads the store itself: what was written, when no public URL says where it is served. */
export function storeServed(store: Store): Served {
  const read = (key: string): Promise<Buffer | undefined> => readObject(store, key)
  return {
    where: (key) => `${store.location.replace(/\/+$/, '')}/${key}`,
    read,
    // Hashed as it streams, by the store's own digest where it has one (the http store's).
    fingerprint: (key) => digestObject(store, key)
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
