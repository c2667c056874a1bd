import * as http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { performance } from 'node:perf_hooks'

/**
 * A reverse proxy in front of a server (a registry, s3rver) that fails some of the requests it
 * forwards: it answers 503 (with Retry-After: 0), drops the connection without answering, or
 * gives an answer the test composes (a status, headers such as Retry-After, an error body).
 * Faults follow a fixed pattern over the request count, or a function of the request, so a run
 * is reproducible. Every request is recorded with when it arrived, so a test can measure the
 * gap between a fault and the client's next attempt.
 */
export interface FaultProxy {
  host: string
  /** The proxy's base URL, `http://host`. */
  url: string
  counts: { forwarded: number; unavailable: number; reset: number; answered: number }
  requests: ProxiedRequest[]
  stop(): Promise<void>
}

/** An answer the proxy gives instead of forwarding, once it has read the request's body. */
export interface Answer {
  status: number
  /** Computed when the answer is sent, so an HTTP-date can be relative to that moment. */
  headers?: Record<string, string> | (() => Record<string, string>)
  body?: string
}

/**
 * 'lost': forwarded, and the server's answer dropped (the connection closes instead). 'cut':
 * forwarded, and the answer's headers and the first half of its body passed on, then the
 * connection closes (the client reads a body that breaks off).
 */
export type Fault = 'ok' | '503' | 'reset' | 'lost' | 'cut' | Answer

/** The fault for each request: a pattern repeated over the request count, or a function. */
export type FaultPlan = Fault[] | ((request: { method: string; path: string }, n: number) => Fault)

export interface ProxiedRequest {
  method: string
  /** The path without the query. */
  path: string
  /** What the proxy did: 'ok' (forwarded), 'reset', or the status it answered with. */
  outcome: 'ok' | 'reset' | number
  /** performance.now() when the request's headers arrived. */
  arrived: number
  /** Date.now() when the request's headers arrived: for comparing with an HTTP-date. */
  arrivedAt: number
  /** The request's own headers (forwarded requests). */
  sent?: http.IncomingHttpHeaders
  /** performance.now() when a fault's answer was sent (absent for forwarded requests). */
  answered?: number
  /** The answer's headers as sent (faults only). */
  headers?: Record<string, string>
  /**
   * Settles when the client's connection that carried the request closes (forwarded requests):
   * a client that stops reading an answer early should close it, not leave it taken.
   */
  connectionClosed?: Promise<void>
}

export interface FaultProxyOptions {
  /**
   * Each forwarded request waits this long before it goes on: one round trip of a store across
   * a network, so that what a client waits for in sequence shows in its wall time.
   */
  delayMs?: number
  /** A forwarded request waits for the promise this returns, if any (after `delayMs`). */
  hold?: (request: { method: string; path: string }) => Promise<void> | undefined
}

/** Settles when `socket` closes: one listener per connection, however many requests it carries. */
const closes = new WeakMap<Socket, Promise<void>>()
function closed(socket: Socket): Promise<void> {
  let promise = closes.get(socket)
  if (!promise) {
    promise = socket.closed
      ? Promise.resolve()
      : new Promise<void>((resolve) => socket.once('close', () => resolve()))
    closes.set(socket, promise)
  }
  return promise
}

export async function startFaultProxy(
  target: { port: number },
  plan: FaultPlan,
  options: FaultProxyOptions = {}
): Promise<FaultProxy> {
  const counts = { forwarded: 0, unavailable: 0, reset: 0, answered: 0 }
  const requests: ProxiedRequest[] = []
  let n = 0
  const agent = new http.Agent({ keepAlive: true })
  const server = http.createServer((req, res) => {
    const arrived = performance.now()
    const arrivedAt = Date.now()
    const method = req.method ?? 'GET'
    const path = new URL(req.url ?? '/', 'http://proxy').pathname
    const fault = typeof plan === 'function' ? plan({ method, path }, n++) : plan[n++ % plan.length]
    if (fault === 'reset') {
      counts.reset++
      requests.push({ method, path, outcome: 'reset', arrived, arrivedAt })
      req.socket.destroy()
      return
    }
    if (fault === '503') {
      counts.unavailable++
      requests.push({ method, path, outcome: 503, arrived, arrivedAt, answered: arrived })
      res.writeHead(503, { 'retry-after': '0', connection: 'close' }).end()
      req.resume()
      return
    }
    if (typeof fault === 'object') {
      counts.answered++
      const record: ProxiedRequest = { method, path, outcome: fault.status, arrived, arrivedAt }
      requests.push(record)
      // Answer once the body is in, as a server would: answering mid-upload makes the client
      // see a broken pipe rather than the status.
      req.resume()
      req.on('end', () => {
        const headers = typeof fault.headers === 'function' ? fault.headers() : { ...fault.headers }
        record.headers = headers
        record.answered = performance.now()
        res
          .writeHead(fault.status, {
            ...headers,
            ...(fault.body ? { 'content-type': 'application/xml' } : {})
          })
          .end(fault.body ?? '')
      })
      return
    }
    counts.forwarded++
    requests.push({
      method,
      path,
      outcome: fault === 'lost' || fault === 'cut' ? 'reset' : 'ok',
      arrived,
      arrivedAt,
      sent: req.headers,
      connectionClosed: closed(req.socket)
    })
    // The Host header is kept, so the registry's Location headers point back at the proxy.
    const forward = (): void => {
      const upstream = http.request(
        {
          host: '127.0.0.1',
          port: target.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
          agent
        },
        (answer) => {
          if (fault === 'lost') {
            answer.resume()
            answer.on('end', () => req.socket.destroy())
            return
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          if (fault === 'cut') {
            const chunks: Buffer[] = []
            answer.on('data', (c: Buffer) => chunks.push(c))
            answer.on('end', () => {
              const body = Buffer.concat(chunks)
              res.write(body.subarray(0, Math.floor(body.length / 2)), () => req.socket.destroy())
            })
            return
          }
          answer.pipe(res)
        }
      )
      upstream.on('error', () => res.destroy())
      req.pipe(upstream)
    }
    const held = (): void => {
      const wait = options.hold?.({ method, path })
      if (wait) wait.then(forward, () => res.destroy())
      else forward()
    }
    if (options.delayMs) setTimeout(held, options.delayMs)
    else held()
  })
  const sockets = new Set<Socket>()
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    counts,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        agent.destroy()
        server.close(() => resolve())
      })
  }
}
