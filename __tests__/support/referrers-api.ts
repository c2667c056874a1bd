import { createHash } from 'node:crypto'
import * as http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/**
 * The OCI 1.1 referrers API (distribution-spec v1.1, "Listing Referrers"), added in front of a
 * Distribution 2.8 registry, which has none. Docker Hub, ECR, GHCR and Distribution 3 have it,
 * but no registry that serves it runs here (Debian ships Distribution 2.8 only), so this is a
 * fake of that one endpoint, built from the spec: everything is forwarded to the real registry;
 * a manifest pushed with a `subject` is indexed once the registry stored it (201), and the
 * answer carries `OCI-Subject`, as the spec asks; `GET /v2/<name>/referrers/<digest>` answers an
 * image index of their descriptors (artifactType, annotations), filtered by `artifactType`,
 * paged `pageSize` at a time with `Link: <...>; rel="next"`.
 */
export interface ReferrersApi {
  host: string
  /** The descriptors indexed for `name`'s `digest`, in push order. */
  listed(name: string, digest: string): Descriptor[]
  /** Manifests with a subject PUT through the proxy. */
  pushedWithSubject: number
  stop(): Promise<void>
}

interface Descriptor {
  mediaType: string
  digest: string
  size: number
  artifactType?: string
  annotations?: Record<string, string>
}

const INDEX = 'application/vnd.oci.image.index.v1+json'

export async function startReferrersApi(
  target: { port: number },
  options: { pageSize?: number } = {}
): Promise<ReferrersApi> {
  const pageSize = options.pageSize ?? 2
  const index = new Map<string, Descriptor[]>()
  const api: ReferrersApi = {
    host: '',
    listed: (name, digest) => index.get(`${name}@${digest}`) ?? [],
    pushedWithSubject: 0,
    stop: async () => {}
  }
  const agent = new http.Agent({ keepAlive: true })

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy')
    const listing = /^\/v2\/(.+)\/referrers\/(sha256:[0-9a-f]{64})$/.exec(url.pathname)
    if (req.method === 'GET' && listing) {
      req.resume()
      const [, name, digest] = listing
      const type = url.searchParams.get('artifactType')
      const all = api.listed(name, digest).filter((d) => !type || d.artifactType === type)
      const from = Number(url.searchParams.get('last') ?? '0')
      const page = all.slice(from, from + pageSize)
      const headers: Record<string, string> = { 'content-type': INDEX }
      if (type) headers['oci-filters-applied'] = 'artifactType'
      if (from + pageSize < all.length) {
        const next = new URLSearchParams(url.searchParams)
        next.set('last', String(from + pageSize))
        headers.link = `</v2/${name}/referrers/${digest}?${next}>; rel="next"`
      }
      res
        .writeHead(200, headers)
        .end(JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests: page }))
      return
    }
    const manifest = /^\/v2\/(.+)\/manifests\/[^/]+$/.exec(url.pathname)
    const chunks: Buffer[] = []
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
        const headers = { ...answer.headers }
        if (req.method === 'PUT' && manifest && answer.statusCode === 201) {
          const body = Buffer.concat(chunks)
          const parsed = JSON.parse(body.toString('utf8')) as {
            mediaType?: string
            artifactType?: string
            config?: { mediaType: string }
            subject?: { digest: string }
            annotations?: Record<string, string>
          }
          if (parsed.subject) {
            api.pushedWithSubject++
            const key = `${manifest[1]}@${parsed.subject.digest}`
            const digest = `sha256:${createHash('sha256').update(body).digest('hex')}`
            const known = index.get(key) ?? []
            if (!known.some((d) => d.digest === digest))
              index.set(key, [
                ...known,
                {
                  mediaType: parsed.mediaType ?? String(req.headers['content-type']),
                  digest,
                  size: body.length,
                  artifactType: parsed.artifactType ?? parsed.config?.mediaType,
                  ...(parsed.annotations ? { annotations: parsed.annotations } : {})
                }
              ])
            headers['oci-subject'] = parsed.subject.digest
          }
        }
        res.writeHead(answer.statusCode ?? 502, headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', () => res.destroy())
    if (req.method === 'PUT' && manifest) req.on('data', (c: Buffer) => chunks.push(c))
    req.pipe(upstream)
  })
  const sockets = new Set<Socket>()
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  api.host = `127.0.0.1:${(server.address() as AddressInfo).port}`
  api.stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      agent.destroy()
      server.close(() => resolve())
    })
  return api
}
