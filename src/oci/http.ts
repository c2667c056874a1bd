import type * as Http from 'node:http'
import type * as Https from 'node:https'
import { createRequire } from 'node:module'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/**
 * The registry client's HTTP, on node:http: one request, no redirects followed, no
 * decompression, no retries (the callers own those: RegistryClient and RegistryAuth run every
 * request under src/net/retry.ts). Bodies are streamed in, responses read whole: registry
 * answers are manifests, tokens and errors, never layers.
 */

export interface HttpResponse {
  statusCode: number
  headers: Http.IncomingHttpHeaders
  body: Buffer
}

export interface HttpRequest {
  method: string
  headers?: Record<string, string>
  body?: Readable | Buffer
}

export type Http = (url: string | URL, request: HttpRequest) => Promise<HttpResponse>

/** Kept-alive connections per host; `close()` lets the process exit. */
export function createHttp(options: {
  maxSockets?: number
  /** Milliseconds to establish a connection. */
  connectTimeout?: number
  /** Milliseconds a connection may stay silent mid-request. */
  idleTimeout?: number
}): { request: Http; close(): void } {
  const maxSockets = options.maxSockets ?? 16
  // Required, not imported: an ESM import of node:http builds a namespace of all its exports,
  // whose WebSocket getters load Node's bundled undici (~40 ms of CPU at start on Node 24).
  const http = createRequire(import.meta.url)('node:http') as typeof Http
  const plain = new http.Agent({ keepAlive: true, maxSockets })
  // node:https (and TLS with it) is loaded on the first https URL only: a short run against a
  // plain-HTTP registry (loopback, a mirror) does not pay for it.
  let secure: Promise<{ https: typeof Https; agent: Https.Agent }> | undefined
  const tls = () =>
    (secure ??= import('node:https').then((https) => ({
      https,
      agent: new https.Agent({ keepAlive: true, maxSockets })
    })))
  const connectTimeout = options.connectTimeout ?? 30_000
  const idleTimeout = options.idleTimeout ?? 300_000
  const request: Http = async (target, { method, headers = {}, body }) => {
    const url = new URL(target)
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`unsupported URL ${url.origin}`)
    const { https, agent } =
      url.protocol === 'https:' ? await tls() : { https: undefined, agent: plain }
    return new Promise<HttpResponse>((resolve, reject) => {
      const req = (https ?? http).request(url, {
        method,
        agent,
        headers: { 'user-agent': 'falco-publish', ...headers }
      })
      let connected = false
      const connectTimer = setTimeout(() => {
        if (!connected) req.destroy(timeoutError('connect', connectTimeout, url))
      }, connectTimeout)
      req.on('socket', (socket) => {
        // A reused socket is already connected; a new one says so when it is.
        if (!socket.connecting) connected = true
        else socket.once('connect', () => (connected = true))
      })
      req.setTimeout(idleTimeout, () => req.destroy(timeoutError('idle', idleTimeout, url)))
      req.once('error', (error) => {
        clearTimeout(connectTimer)
        reject(ours(error))
      })
      req.once('response', (res) => {
        clearTimeout(connectTimer)
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.once('error', (error) => reject(ours(error)))
        res.once('aborted', () =>
          reject(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' }))
        )
        res.once('end', () =>
          resolve({
            statusCode: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks)
          })
        )
      })
      if (body === undefined) req.end()
      else if (Buffer.isBuffer(body)) req.end(body)
      else {
        // The registry may answer (401, 413) before reading the whole body: the answer wins.
        pipeline(body, req).catch((error: Error) => req.destroy(error))
      }
    })
  }
  return {
    request,
    close() {
      plain.destroy()
      void secure?.then(({ agent }) => agent.destroy())
    }
  }
}

/**
 * The error as this module's own Error, its code kept: the retry policy recognises transient
 * failures by `instanceof Error` and the code, and errors made inside node:http belong to
 * another realm when the client runs in a VM context (Jest's ESM runner).
 */
function ours(error: Error): Error {
  if (error instanceof Error) return error
  const { message, code } = error as { message?: unknown; code?: unknown }
  return Object.assign(new Error(String(message), { cause: error }), {
    ...(typeof code === 'string' ? { code } : {})
  })
}

function timeoutError(kind: 'connect' | 'idle', ms: number, url: URL): Error {
  const what = kind === 'connect' ? 'connecting to' : 'waiting for'
  return Object.assign(new Error(`timed out after ${ms} ms ${what} ${url.origin}`), {
    code: 'ETIMEDOUT'
  })
}
