import * as http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A reverse proxy in front of a registry that fails a share of the requests it forwards:
 * it answers 503 (with Retry-After: 0) or drops the connection without answering. Faults
 * follow a fixed pattern over the request count, so a run is reproducible.
 */
export interface FaultProxy {
  host: string
  counts: { forwarded: number; unavailable: number; reset: number }
  stop(): Promise<void>
}

export async function startFaultProxy(
  target: { port: number },
  pattern: ('ok' | '503' | 'reset')[]
): Promise<FaultProxy> {
  const counts = { forwarded: 0, unavailable: 0, reset: 0 }
  let n = 0
  const agent = new http.Agent({ keepAlive: true })
  const server = http.createServer((req, res) => {
    const fault = pattern[n++ % pattern.length]
    if (fault === 'reset') {
      counts.reset++
      req.socket.destroy()
      return
    }
    if (fault === '503') {
      counts.unavailable++
      res.writeHead(503, { 'retry-after': '0', connection: 'close' }).end()
      req.resume()
      return
    }
    counts.forwarded++
    // The Host header is kept, so the registry's Location headers point back at the proxy.
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
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  const sockets = new Set<import('node:net').Socket>()
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    host: `127.0.0.1:${port}`,
    counts,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        agent.destroy()
        server.close(() => resolve())
      })
  }
}
