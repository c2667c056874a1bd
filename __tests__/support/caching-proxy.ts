import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A small caching reverse proxy on 127.0.0.1, standing in for a CDN in front of the store: the
 * first answer for a path is kept and served again (whatever the origin holds now) until
 * `invalidate` drops it, as an edge does until its TTL or an invalidation.
 */
export interface CachingProxy {
  url: string
  /** Drops the cached copies (all, or those of the given paths), as a CDN invalidation does. */
  invalidate(paths?: string[]): void
  /** Paths answered from the cache rather than the origin. */
  hits: string[]
  /** After `n` more answers from the cache, a cached copy expires (its TTL, counted in requests). */
  expireAfter(n: number): void
  close(): Promise<void>
}

export async function startCachingProxy(origin: string): Promise<CachingProxy> {
  const cache = new Map<string, { status: number; type: string; body: Buffer; served: number }>()
  const hits: string[] = []
  let ttl = Infinity
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/'
    void (async () => {
      let entry = cache.get(path)
      if (entry && entry.served >= ttl) {
        cache.delete(path)
        entry = undefined
      }
      if (entry) {
        entry.served++
        hits.push(path)
      } else {
        const upstream = await fetch(new URL(path, origin))
        entry = {
          status: upstream.status,
          type: upstream.headers.get('content-type') ?? 'application/octet-stream',
          body: Buffer.from(await upstream.arrayBuffer()),
          served: 0
        }
        if (upstream.status === 200) cache.set(path, entry)
      }
      response.writeHead(entry.status, {
        'content-type': entry.type,
        'content-length': String(entry.body.length)
      })
      response.end(request.method === 'HEAD' ? undefined : entry.body)
    })().catch((error: Error) => {
      response.writeHead(502)
      response.end(error.message)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    invalidate: (paths) => {
      if (!paths) cache.clear()
      else for (const p of paths) cache.delete(p)
    },
    hits,
    expireAfter: (n) => {
      ttl = n
      for (const entry of cache.values()) entry.served = 0
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      })
  }
}
