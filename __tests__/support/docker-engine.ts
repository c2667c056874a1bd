import { createReadStream } from 'node:fs'
import * as http from 'node:http'
import * as path from 'node:path'

/**
 * Stands in for a Docker daemon, which cannot run here: the real `docker` CLI talks to it over
 * a unix socket (DOCKER_HOST). It answers the two Engine API calls `docker save` makes, as the
 * Engine API documents them: `/_ping` (API version negotiation) and `GET /images/get?names=`
 * (a `docker save` tarball, here one skopeo wrote in docker-archive format).
 */
export interface FakeEngine {
  host: string
  saved: string[]
  stop(): Promise<void>
}

export async function startDockerEngine(
  dir: string,
  images: Record<string, string>
): Promise<FakeEngine> {
  const socket = path.join(dir, 'docker.sock')
  const saved: string[] = []
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://docker')
    if (url.pathname.endsWith('/_ping')) {
      res.writeHead(200, { 'api-version': '1.50', 'content-type': 'text/plain' })
      res.end(req.method === 'HEAD' ? undefined : 'OK')
      return
    }
    if (req.method === 'GET' && /^\/v[\d.]+\/images\/get$/.test(url.pathname)) {
      const name = url.searchParams.get('names') ?? ''
      const file = images[name]
      if (!file) {
        res.writeHead(404, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ message: `reference does not exist: ${name}` }))
        return
      }
      saved.push(name)
      res.writeHead(200, { 'content-type': 'application/x-tar' })
      createReadStream(file).pipe(res)
      return
    }
    res.writeHead(404, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ message: `page not found: ${url.pathname}` }))
  })
  await new Promise<void>((resolve) => server.listen(socket, resolve))
  return {
    host: `unix://${socket}`,
    saved,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
