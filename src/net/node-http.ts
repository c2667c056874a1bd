import { createHash } from 'node:crypto'
import type * as Http from 'node:http'
import { createRequire } from 'node:module'

/**
 * Requests through node:http(s), for the HTTP store and for reading what a public URL serves:
 * fetch would load Node's bundled undici at its first call (~40 ms of CPU and 16-40 MiB of RSS
 * at every start on Node 24), and its web streams cost a gigabyte download twice the CPU.
 */

/**
 * node:http's or node:https's `request`, required rather than imported: an ESM import of
 * node:http builds a namespace of all its exports, whose WebSocket getters load Node's bundled
 * undici: ~40 ms of CPU at every start on Node 24 (bench/small-repo.ts), for a module only an
 * upload to an HTTP store uses.
 */
export function requestOf(protocol: string): typeof Http.request {
  const module = protocol === 'https:' ? 'node:https' : 'node:http'
  // Required once, then kept: a retry still running after its caller gave up must not require
  // again (under a test runner that has torn its module registry down, that throws).
  return (loaded[module] ??= (createRequire(import.meta.url)(module) as typeof Http).request)
}

const loaded: Partial<Record<'node:http' | 'node:https', typeof Http.request>> = {}

/** An answer of node:http, read as the rest of the store reads fetch's. */
export interface Answer {
  status: number
  statusText: string
  headers: { get(name: string): string | null }
}

export function answerOf(response: Http.IncomingMessage): Answer {
  return {
    status: response.statusCode ?? 0,
    statusText: response.statusMessage ?? '',
    headers: {
      get: (name: string) => {
        const value = response.headers[name.toLowerCase()]
        return value === undefined ? null : String(value)
      }
    }
  }
}

/** An answer whose body is still to read. */
export interface Received {
  ok: boolean
  /** The body as node:http receives it, never whole in memory. */
  body: Http.IncomingMessage
  /** The whole body, for what is small (indexes, signatures, listings). */
  bytes(): Promise<Buffer>
  text(): Promise<string>
  /** Reads the body to its end unseen, so that the connection serves the next request. */
  discard(): void
}

/**
 * A request whose connection fails after IDLE_MS of silence, as fetch's did. Aborting `signal`
 * destroys it, its answer's body included.
 */
export function openRequest(
  url: URL,
  method: string,
  headers: Record<string, string>,
  signal?: AbortSignal
): Http.ClientRequest {
  const request = requestOf(url.protocol)(url, { method, headers, ...(signal && { signal }) })
  request.setTimeout(IDLE_MS, () =>
    request.destroy(new Error(`no answer for ${IDLE_MS / 1000} s (socket hang up)`))
  )
  return request
}

/**
 * One request through node:http, no redirect followed: the store's requests other than a PUT's
 * (fetch would load Node's bundled undici at the first: ~40 ms and 16-40 MiB at every start).
 * A connection silent for IDLE_MS fails, as fetch's did. An answer that stops short of its
 * Content-Length fails the body's stream (node:http checks it).
 */
export function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body?: string,
  signal?: AbortSignal
): Promise<Answer & Received> {
  const request = openRequest(url, method, headers, signal)
  return new Promise((resolve, reject) => {
    request.once('response', (response) => {
      const bytes = async (): Promise<Buffer> => {
        const chunks: Buffer[] = []
        for await (const chunk of response) chunks.push(chunk as Buffer)
        return Buffer.concat(chunks)
      }
      resolve({
        ...answerOf(response),
        ok:
          response.statusCode !== undefined &&
          response.statusCode >= 200 &&
          response.statusCode < 300,
        body: response,
        bytes,
        text: async () => (await bytes()).toString('utf8'),
        discard: () => {
          response.resume()
        }
      })
    })
    // Kept after the answer: a socket error mid-body is emitted here too (the body fails with it).
    request.on('error', reject)
    request.end(body)
  })
}

/**
 * Hashes an answer's body as it arrives, freeing each chunk once hashed: node:http allocates a
 * fresh 64 KiB buffer for every read from the socket, and copies the body out of it into another,
 * and Node 24's collector lets ~70 MiB of them pile up before it frees any. The body's chunks never
 * leave this function; a socket read is freed after node:http has parsed it, only while no body
 * chunk waits unread (node:http copies the body out, but should one ever be a view of the read,
 * it has been hashed by then).
 */
export function hashBody(
  response: Http.IncomingMessage
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256')
  let size = 0
  const socket = response.socket
  const afterParse = (read: Buffer): void => {
    if (response.readableLength === 0) releaseChunk(read)
  }
  // Registered after node:http's own listener, so it runs once the read is parsed. Plain TCP
  // only: a TLS socket's reads are left to the collector (their bodies' copies are still freed).
  if (!(socket as { encrypted?: boolean }).encrypted) socket.on('data', afterParse)
  const done = (): void => {
    socket.off('data', afterParse)
  }
  return new Promise((resolve, reject) => {
    response.on('data', (chunk: Buffer) => {
      hash.update(chunk)
      size += chunk.length
      releaseChunk(chunk)
    })
    response.once('end', () => {
      done()
      resolve({ sha256: hash.digest('hex'), size })
    })
    response.once('error', (error) => {
      done()
      reject(error)
    })
    response.once('close', () => {
      done()
      if (!response.complete) reject(new Error('the connection closed before the whole body'))
    })
  })
}

/** ArrayBuffer.prototype.transfer, where Node has it (22 and later). */
const transfer = (
  ArrayBuffer.prototype as unknown as { transfer?: (this: ArrayBuffer, length: number) => unknown }
).transfer

/**
 * Frees a chunk's memory now instead of at the next collection, by moving it into an empty
 * buffer (detaching it): only a chunk that is a whole allocation of its own, never a view into a
 * shared pool (Buffer's small-allocation pool is 8 KiB).
 */
export function releaseChunk(chunk: Buffer): void {
  if (!transfer || chunk.length <= 8192) return
  if (chunk.byteOffset !== 0 || chunk.buffer.byteLength !== chunk.length) return
  transfer.call(chunk.buffer as ArrayBuffer, 0)
}

/** How long a connection may stay silent mid-request (undici's default, which fetch had). */
const IDLE_MS = 300_000
