import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { HttpStore } from '../src/store/http.js'
import { read, storeConformance } from './store/conformance.js'
import { startFaultProxy } from './support/fault-proxy.js'
import { startNginx, type RunningServer } from './support/servers.js'

// One nginx for the suite; every test gets its own folder on it as the store's root.
let server: RunningServer
let n = 0
const auth = { username: 'publisher', password: 'p@ss:word/with?odd#chars' }

beforeAll(async () => {
  server = await startNginx({ auth })
})

afterAll(async () => {
  await server?.stop()
})

storeConformance('http (nginx WebDAV)', async () => {
  const store = new HttpStore(new URL(`${server.url}/t${++n}/`), auth)
  return { store, cleanup: async () => undefined }
})

describe('HttpStore against nginx', () => {
  it('is refused without credentials and says which inputs to check, without the password', async () => {
    const store = new HttpStore(new URL(`${server.url}/anon/`))
    await expect(store.put('x', 'y')).rejects.toThrow(/401.*store-username/)
    const wrong = new HttpStore(new URL(`${server.url}/anon/`), {
      username: 'publisher',
      password: 'nope-secret'
    })
    const error = await wrong.put('x', 'y').catch((e: Error) => e)
    expect(String(error)).toMatch(/401/)
    expect(String(error)).not.toContain('nope-secret')
  })

  it('takes credentials from the URL but never shows them in its location', async () => {
    const url = new URL(`${server.url}/userinfo/`)
    url.username = auth.username
    url.password = encodeURIComponent(auth.password)
    const store = new HttpStore(url)
    await store.put('a.txt', 'a')
    expect(store.location).not.toContain(auth.username)
    expect(store.location).not.toContain('with')
    expect(await store.head('a.txt')).toMatchObject({ size: 1 })
  })
})

describe('HttpStore requests', () => {
  it('sends a local file with its length and X-Checksum-Sha256/Sha1 headers, every time', async () => {
    // Artifactory deploys by these headers; nginx ignores them, so a recording server on
    // node:http checks what leaves the process.
    const { createServer } = await import('node:http')
    const { createHash } = await import('node:crypto')
    const { createReadStream } = await import('node:fs')
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const path = await import('node:path')
    const seen: { headers: Record<string, unknown>; bytes: Buffer }[] = []
    const recorder = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        if (request.method === 'PUT')
          seen.push({ headers: request.headers, bytes: Buffer.concat(chunks) })
        response.writeHead(request.method === 'PUT' ? 201 : 404).end()
      })
    })
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve))
    const dir = await mkdtemp(path.join(tmpdir(), 'falco-publish-http-'))
    try {
      const port = (recorder.address() as { port: number }).port
      const store = new HttpStore(new URL(`http://127.0.0.1:${port}/repo/`), { token: 'tok-123' })
      const file = path.join(dir, 'falco-0.41.0-x86_64.tar.gz')
      const bytes = Buffer.from('a tarball, say\n')
      await writeFile(file, bytes)
      for (let i = 0; i < 20; i++) {
        const result = await store.put(`bin/f${i}.tar.gz`, createReadStream(file))
        expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
      }
      expect(seen).toHaveLength(20)
      for (const { headers, bytes: received } of seen) {
        expect(received).toEqual(bytes)
        expect(headers).toMatchObject({
          'content-length': String(bytes.length),
          'x-checksum-sha256': createHash('sha256').update(bytes).digest('hex'),
          'x-checksum-sha1': createHash('sha1').update(bytes).digest('hex'),
          authorization: 'Bearer tok-123'
        })
      }
    } finally {
      recorder.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('HttpStore retries', () => {
  it('retries a replayable PUT on 503 with Retry-After, and sends a one-shot stream once', async () => {
    const { createServer } = await import('node:http')
    const { Readable } = await import('node:stream')
    let puts = 0
    let busy = 0
    const server = createServer((request, response) => {
      request.resume()
      request.on('end', () => {
        if (request.method !== 'PUT') return void response.writeHead(404).end()
        puts++
        if (busy > 0) {
          busy--
          return void response.writeHead(503, { 'retry-after': '0' }).end()
        }
        response.writeHead(201).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const port = (server.address() as { port: number }).port
      const store = new HttpStore(new URL(`http://127.0.0.1:${port}/`), {
        retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 10 }
      })
      busy = 2
      await expect(store.put('index', 'bytes in memory')).resolves.toMatchObject({ size: 15 })
      expect(puts).toBe(3)

      puts = 0
      busy = 1
      await expect(store.put('stream', Readable.from([Buffer.from('once')]))).rejects.toThrow(
        /PUT .*\/stream answered 503/
      )
      expect(puts).toBe(1)
    } finally {
      server.close()
    }
  })
})

describe('HttpStore leases on nginx', () => {
  const leaseOf = async (key: string) => {
    const { createHash } = await import('node:crypto')
    return createHash('sha256').update(key).digest('hex')
  }

  it('waits for a live lease, and breaks an expired one, saying whose it was', async () => {
    const warnings: string[] = []
    const store = new HttpStore(new URL(`${server.url}/leases-a/`), {
      ...auth,
      log: { debug: () => {}, warning: (m) => void warnings.push(m) },
      lease: { ttlMs: 60_000, timeoutMs: 1_500 }
    })
    await store.put('index', 'v1')
    const name = await leaseOf('index')
    const other = new HttpStore(new URL(`${server.url}/leases-a/`), auth)
    // Another publish holds the lease (a MKCOL'd collection with its holder), still valid.
    const holder = {
      owner: 'other-publish',
      host: 'runner-7',
      pid: 4242,
      since: Date.now(),
      expires: Date.now() + 60_000
    }
    await other.put(`.falco-publish/leases/${name}/holder.json`, JSON.stringify(holder))
    const { etag } = (await store.head('index'))!
    await expect(store.put('index', 'v2', { precondition: { ifMatch: etag } })).rejects.toThrow(
      /timed out .* waiting for the lease .* held by other-publish \(pid 4242 on runner-7\)/
    )
    expect((await read(store, 'index'))?.toString()).toBe('v1')

    // The same lease, expired: broken, and the write goes through.
    holder.expires = Date.now() - 1
    await other.put(`.falco-publish/leases/${name}/holder.json`, JSON.stringify(holder))
    await store.put('index', 'v2', { precondition: { ifMatch: etag } })
    expect((await read(store, 'index'))?.toString()).toBe('v2')
    expect(warnings.join('\n')).toMatch(
      /broke an expired lease .* \(owner other-publish, pid 4242 on runner-7\)/
    )
    // and the store released its own lease afterwards
    expect(await other.head(`.falco-publish/leases/${name}/holder.json`)).toBeUndefined()
  })

  it('breaks a lease left without a holder (its owner died right after MKCOL) after the ttl', async () => {
    const store = new HttpStore(new URL(`${server.url}/leases-b/`), {
      ...auth,
      lease: { ttlMs: 300, timeoutMs: 10_000 }
    })
    const name = await leaseOf('index')
    await store.put('.falco-publish/leases/parent-exists', '') // create_full_put_path makes the folders
    const mkcol = await fetch(`${server.url}/leases-b/.falco-publish/leases/${name}/`, {
      method: 'MKCOL',
      headers: {
        authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`
      }
    })
    expect(mkcol.status).toBe(201)
    await store.put('index', 'created', { precondition: { ifNoneMatch: '*' } })
    expect((await read(store, 'index'))?.toString()).toBe('created')
  })

  it('a lease whose MKCOL answer was lost is taken as its own, not waited on until it expires', async () => {
    const port = Number(new URL(server.url).port)
    let mkcols = 0
    const proxy = await startFaultProxy({ port }, (request) =>
      request.method === 'MKCOL' && /\/leases\/[0-9a-f]{64}\/$/.test(request.path) && mkcols++ === 0
        ? 'lost'
        : 'ok'
    )
    try {
      // An hour's ttl and a 30 s timeout: waiting for the lease to expire would time out.
      const store = new HttpStore(new URL(`${proxy.url}/leases-c/`), {
        ...auth,
        lease: { ttlMs: 3_600_000, timeoutMs: 30_000 }
      })
      await store.put('index', 'v1')
      const { etag } = (await store.head('index'))!
      await store.put('index', 'v2', { precondition: { ifMatch: etag } })
      expect((await read(store, 'index'))?.toString()).toBe('v2')
      // The lost MKCOL had made the collection: the second one was refused, and still it went on.
      expect(
        proxy.requests
          .filter((r) => r.method === 'MKCOL' && /\/leases\/[0-9a-f]{64}\/$/.test(r.path))
          .map((r) => r.outcome)
      ).toEqual(['reset', 'ok'])
      const name = await leaseOf('index')
      expect(await store.head(`.falco-publish/leases/${name}/holder.json`)).toBeUndefined()
    } finally {
      await proxy.stop()
    }
  })
})
