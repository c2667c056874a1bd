import { createReadStream, promises as fs } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as path from 'node:path'

/** A static file server on 127.0.0.1 (a free port) over a store's directory, as a CDN would serve it. */
export async function serveDirectory(
  root: string
): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
  const server = createServer((req, res) => {
    void (async () => {
      const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
      const file = path.join(root, path.normalize(rel))
      if (!file.startsWith(root)) {
        res.writeHead(403).end()
        return
      }
      try {
        const st = await fs.stat(file)
        if (!st.isFile()) throw new Error('not a file')
        res.writeHead(200, { 'content-length': st.size })
        if (req.method === 'HEAD') res.end()
        else createReadStream(file).pipe(res)
      } catch {
        res.writeHead(404).end()
      }
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
