import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import { HttpStore } from '../src/store/http.js'
import { PreconditionFailed, scan } from '../src/store/store.js'
import { read, storeConformance } from './store/conformance.js'
import { barrier } from './support/barrier.js'
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

describe('HttpStore with a known sha256', () => {
  it('sends a local file the caller has hashed without hashing it again, and takes its sha256', async () => {
    const { createReadStream } = await import('node:fs')
    const { mkdtemp, writeFile: write, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const path = await import('node:path')
    const dir = await mkdtemp(path.join(tmpdir(), 'falco-publish-http-'))
    try {
      const file = path.join(dir, 'falco.tar.gz')
      await write(file, 'tarball bytes')
      const store = new HttpStore(new URL(`${server.url}/known/`), auth)
      // A sha256 that is not the file's shows it was taken as given, not computed.
      const given = 'ab'.repeat(32)
      const result = await store.put('bin/falco.tar.gz', createReadStream(file), { sha256: given })
      expect(result).toMatchObject({ sha256: given, size: 13 })
      expect((await read(store, 'bin/falco.tar.gz'))?.toString()).toBe('tarball bytes')
      // A stream that is not a local file is always hashed.
      const { Readable } = await import('node:stream')
      const streamed = await store.put('bin/other', Readable.from([Buffer.from('abc')]), {
        sha256: given
      })
      expect(streamed.sha256).toBe(
        'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('HttpStore requests', () => {
  // Artifactory deploys by X-Checksum-* headers and nginx ignores them, so a recording server on
  // node:http checks what leaves the process; it answers like Artifactory (X-Artifactory-Id) or
  // like a plain WebDAV server.
  async function recordPuts(
    serverHeaders: Record<string, string>,
    options: { checksumHeaders?: boolean | 'auto' },
    run: (store: HttpStore, file: string) => Promise<void>
  ) {
    const { createServer } = await import('node:http')
    const { mkdtemp, rm } = await import('node:fs/promises')
    const { tmpdir } = await import('node:os')
    const path = await import('node:path')
    const seen: { method: string; headers: Record<string, unknown>; bytes: Buffer }[] = []
    const recorder = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        seen.push({
          method: request.method ?? '',
          headers: request.headers,
          bytes: Buffer.concat(chunks)
        })
        const status = request.method === 'PUT' ? 201 : request.method === 'HEAD' ? 200 : 404
        response.writeHead(status, serverHeaders).end()
      })
    })
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve))
    const dir = await mkdtemp(path.join(tmpdir(), 'falco-publish-http-'))
    try {
      const port = (recorder.address() as { port: number }).port
      const store = new HttpStore(new URL(`http://127.0.0.1:${port}/repo/`), {
        token: 'tok-123',
        ...options
      })
      await run(store, path.join(dir, 'falco-0.41.0-x86_64.tar.gz'))
    } finally {
      recorder.close()
      await rm(dir, { recursive: true, force: true })
    }
    return seen
  }

  const bytes = Buffer.from('a tarball, say\n')
  const putFile = async (store: HttpStore, file: string, times: number) => {
    const { createHash } = await import('node:crypto')
    const { createReadStream } = await import('node:fs')
    const { writeFile } = await import('node:fs/promises')
    await writeFile(file, bytes)
    for (let i = 0; i < times; i++) {
      const result = await store.put(`bin/f${i}.tar.gz`, createReadStream(file))
      expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    }
  }

  it('sends a local file with its length and X-Checksum-Sha256/Sha1 to Artifactory, every time', async () => {
    const { createHash } = await import('node:crypto')
    const seen = await recordPuts({ 'x-artifactory-id': 'abc123' }, {}, (store, file) =>
      putFile(store, file, 20)
    )
    const puts = seen.filter((r) => r.method === 'PUT')
    expect(puts).toHaveLength(20)
    // One probe of the root for the whole store, not one per upload.
    expect(seen.filter((r) => r.method === 'HEAD')).toHaveLength(1)
    for (const { headers, bytes: received } of puts) {
      expect(received).toEqual(bytes)
      expect(headers).toMatchObject({
        'content-length': String(bytes.length),
        'x-checksum-sha256': createHash('sha256').update(bytes).digest('hex'),
        'x-checksum-sha1': createHash('sha1').update(bytes).digest('hex'),
        authorization: 'Bearer tok-123'
      })
    }
  })

  it('sends no checksum headers to a plain WebDAV server, nor when told not to', async () => {
    for (const [serverHeaders, options] of [
      [{ server: 'nginx/1.26.3' }, {}],
      [{ 'x-artifactory-id': 'abc123' }, { checksumHeaders: false }]
    ] as const) {
      const seen = await recordPuts(serverHeaders, options, (store, file) =>
        putFile(store, file, 3)
      )
      const puts = seen.filter((r) => r.method === 'PUT')
      expect(puts).toHaveLength(3)
      for (const { headers, bytes: received } of puts) {
        expect(received).toEqual(bytes)
        expect(headers['content-length']).toBe(String(bytes.length))
        expect(headers).not.toHaveProperty('x-checksum-sha256')
        expect(headers).not.toHaveProperty('x-checksum-sha1')
      }
    }
  })

  it('sends them to any server when told to, and recognises Nexus by its Server header', async () => {
    for (const [serverHeaders, options] of [
      [{ server: 'nginx/1.26.3' }, { checksumHeaders: true }],
      [{ server: 'Nexus/3.70.1-02 (OSS)' }, {}]
    ] as const) {
      const seen = await recordPuts(serverHeaders, options, (store, file) =>
        putFile(store, file, 2)
      )
      const puts = seen.filter((r) => r.method === 'PUT')
      expect(puts).toHaveLength(2)
      for (const { headers } of puts) expect(headers).toHaveProperty('x-checksum-sha1')
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

describe('HttpStore listing without downloads', () => {
  // A tree written straight into the server's root, as another publish would have left it.
  const tree: Record<string, string> = {
    'driver/8.0.0/x86_64/falco_ubuntu_5.15.0-1_1.ko': 'module bytes',
    'driver/8.0.0/x86_64/falco_ubuntu_5.15.0-1_1.o': 'probe',
    'driver/8.0.0/aarch64/falco_amazonlinux2_4.14_1.o': 'arm probe!',
    'driver/8.0.0/index.json': '{}',
    'driver/9.0.0/x86_64/falco_debian_6.1.0-1_1.ko': 'other version',
    'packages/deb/stable/falco.deb': 'a package'
  }
  const writeTree = async (root: string) => {
    const { mkdir } = await import('node:fs/promises')
    const path = await import('node:path')
    for (const [key, body] of Object.entries(tree)) {
      await mkdir(path.dirname(path.join(root, 's', key)), { recursive: true })
      await writeFile(path.join(root, 's', key), body)
    }
  }
  const expected = (prefix: string) =>
    Object.entries(tree)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, body]) => ({ key, size: body.length }))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
  const scanned = async (store: HttpStore, prefix: string) => {
    const found: { key: string; size: number }[] = []
    for await (const o of scan(store, prefix)) {
      expect(o.modified?.getTime()).toBeGreaterThan(Date.now() - 3_600_000)
      found.push({ key: o.key, size: o.size })
    }
    return found
  }
  const requests = async (log: string) =>
    (await readFile(log, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [method, uri, status, bytes] = line.split(' ')
        return { method, uri, status, bytes: Number(bytes) }
      })

  for (const listing of ['autoindex', 'propfind'] as const) {
    it(`scans keys and sizes from the folder listings alone (${listing}), never an object`, async () => {
      const nginx = await startNginx({ auth, listing, accessLog: true })
      try {
        await writeTree(nginx.root)
        const store = new HttpStore(new URL(`${nginx.url}/s/`), auth)
        await writeFile(nginx.accessLog!, '') // forget the readiness probe
        const method = listing === 'autoindex' ? 'GET' : 'PROPFIND'
        const ok = listing === 'autoindex' ? '200' : '207'
        // One request per folder walked: this prefix is one folder. Without a JSON autoindex,
        // the store learns it once (a GET answered 403) and uses PROPFIND from then on.
        expect(await scanned(store, 'driver/8.0.0/x86_64/')).toEqual(
          expected('driver/8.0.0/x86_64/')
        )
        const uri = '/s/driver/8.0.0/x86_64/'
        expect(await requests(nginx.accessLog!)).toEqual([
          ...(listing === 'propfind'
            ? [{ method: 'GET', uri, status: '403', bytes: expect.any(Number) }]
            : []),
          { method, uri, status: ok, bytes: expect.any(Number) }
        ])
        await writeFile(nginx.accessLog!, '')
        for (const prefix of ['driver/8.0.0/', 'driver/', 'pack', '']) {
          expect(await scanned(store, prefix)).toEqual(expected(prefix))
        }
        expect(await scanned(store, 'driver/7.0.0/')).toEqual([])
        // Every request was a folder's listing: no HEAD, no GET of an object, no byte of one.
        // nginx logs a request after answering it: the last line may come a moment later.
        let log = await requests(nginx.accessLog!)
        for (let i = 0; i < 50 && !log.some((r) => r.status === '404'); i++) {
          await new Promise((resolve) => setTimeout(resolve, 20))
          log = await requests(nginx.accessLog!)
        }
        expect(log.length).toBeGreaterThan(10)
        for (const r of log) expect([r.method, r.uri.endsWith('/')]).toEqual([method, true])
        expect(log.filter((r) => r.status !== ok)).toEqual([
          { method, uri: '/s/driver/7.0.0/', status: '404', bytes: expect.any(Number) }
        ])

        // list() agrees with scan() and with head() (its etags may cost requests of their own).
        const listed: { key: string; size: number }[] = []
        for await (const o of store.list('driver/')) {
          expect(o.etag).toBe((await store.head(o.key))?.etag)
          listed.push({ key: o.key, size: o.size })
        }
        expect(listed).toEqual(expected('driver/'))
      } finally {
        await nginx.stop()
      }
    })
  }

  it('says how to configure the server when it answers neither a JSON listing nor PROPFIND', async () => {
    const { createServer } = await import('node:http')
    const methods: string[] = []
    const server = createServer((request, response) => {
      methods.push(request.method ?? '')
      request.resume()
      response.writeHead(request.method === 'GET' ? 200 : 405, { 'content-type': 'text/html' })
      response.end('<html>an index page</html>')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const port = (server.address() as { port: number }).port
      const store = new HttpStore(new URL(`http://127.0.0.1:${port}/repo/`))
      await expect(scan(store, 'driver/')[Symbol.asyncIterator]().next()).rejects.toThrow(
        /127\.0\.0\.1:\d+\/repo\/driver\/ answered neither a JSON listing nor PROPFIND \(405\).*autoindex_format json.*dav_ext_methods PROPFIND/
      )
      expect(methods).toEqual(['GET', 'PROPFIND'])
    } finally {
      server.close()
    }
  })
})

describe('Walks of published folders on an HTTP store', () => {
  // Drivers are megabytes and a dev bin folder holds hundreds of tarballs: the driver shards'
  // backfill, site rebuild and retention, and a publish's tarball listing, need only keys and
  // sizes. They must read the folder listings, never HEAD or GET the objects themselves.
  it('read no driver or tarball, by HEAD or GET, to list them', async () => {
    const { mkdir } = await import('node:fs/promises')
    const path = await import('node:path')
    const { backfillSidecars } = await import('../src/drivers/sidecars.js')
    const { updateSite, SITE } = await import('../src/drivers/refresh.js')
    const { applyRetention } = await import('../src/drivers/retention.js')
    const { readTarballState } = await import('../src/stages/packages/tarballs.js')
    const { quietLogger } = await import('./support/stage-context.js')
    const nginx = await startNginx({ auth, accessLog: true })
    try {
      const drivers = [
        'driver/8.0.0+driver/x86_64/falco_ubuntu-generic_5.15.0-91-generic_101.ko',
        'driver/8.0.0+driver/x86_64/falco_ubuntu-generic_5.15.0-91-generic_101.o',
        'driver/8.0.0+driver/aarch64/falco_amazonlinux2_4.14.355-275.582.amzn2.aarch64_1.o',
        'driver/7.0.0+driver/x86_64/falco_debian_6.1.0-13-amd64_1.ko'
      ]
      const files: Record<string, string> = {
        'packages/bin-dev/x86_64/falco-0.39.0-1+dev-x86_64.tar.gz': 'tarball',
        'packages/bin-dev/x86_64/falco-0.39.0-2+dev-x86_64.tar.gz': 'another tarball',
        [`${SITE}/index.json`]: '["7.0.0+driver","8.0.0+driver"]\n'
      }
      for (const key of drivers) {
        files[key] = `driver ${key}`
        files[`${key}.sha256`] = `checksum of ${key}\n`
      }
      for (const [key, body] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(nginx.root, 's', key)), { recursive: true })
        await writeFile(path.join(nginx.root, 's', key), body)
      }
      const store = new HttpStore(new URL(`${nginx.url}/s/`), auth)
      await writeFile(nginx.accessLog!, '') // forget the readiness probe

      // Every driver already has its checksum: the backfill lists and writes nothing.
      const backfill = await backfillSidecars(store, '8.0.0+driver', undefined)
      expect(backfill.written).toEqual([])
      expect(backfill.listing.map((o) => o.key).sort()).toEqual(
        Object.keys(files)
          .filter((k) => k.startsWith('driver/8.0.0+driver/'))
          .sort()
      )
      const site = await updateSite(store, ['8.0.0+driver'], [], [], quietLogger, {
        relist: true
      })
      expect(site.map((p) => p.path)).toContain(`${SITE}/8.0.0+driver.json`)
      const state = await readTarballState(store, 'packages/bin-dev')
      expect(state.foreign.map((f) => f.path).sort()).toEqual([
        'x86_64/falco-0.39.0-1+dev-x86_64.tar.gz',
        'x86_64/falco-0.39.0-2+dev-x86_64.tar.gz'
      ])
      expect(await applyRetention(store, 1, [], quietLogger)).toEqual(['7.0.0+driver'])
      expect(await store.head(drivers[3])).toBeUndefined()

      // nginx logs a request after answering it: wait for the last one (the HEAD just above).
      const logged = async () => (await readFile(nginx.accessLog!, 'utf8')).split('\n')
      let log = await logged()
      for (
        let i = 0;
        i < 50 && !log.some((l) => l.startsWith('HEAD ') && l.includes('7.0.0'));
        i++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 20))
        log = await logged()
      }
      const reads = log.filter((l) => /^(GET|HEAD) \S+\.(ko|o|tar\.gz) /.test(l))
      // The one read of an object is the test's own HEAD of the deleted driver.
      expect(reads).toEqual([
        expect.stringMatching(/^HEAD \S+falco_debian_6\.1\.0-13-amd64_1\.ko 404 /)
      ])
      expect(log.filter((l) => l.startsWith('DELETE ')).length).toBeGreaterThanOrEqual(2)
    } finally {
      await nginx.stop()
    }
  })
})

describe('Requests an HTTP store sends for a publish', () => {
  let nginx: RunningServer
  beforeAll(async () => {
    nginx = await startNginx({ auth, accessLog: true })
  })
  afterAll(async () => {
    await nginx?.stop()
  })

  /**
   * What nginx logged of the requests `run` sent: the lines between two marker requests of the
   * test's own, one sent before and one after. nginx logs a request once it has answered it, so
   * the line of a request answered just before may be written after the client moved on; one
   * worker logs in the order it answers, so the first marker's line follows it.
   */
  async function logOf(run: () => Promise<void>): Promise<string[]> {
    const start = await mark()
    await run()
    const end = await mark()
    const lines = (await readFile(nginx.accessLog!, 'utf8')).trim().split('\n')
    return lines.slice(
      lines.findIndex((l) => l.includes(start)) + 1,
      lines.findIndex((l) => l.includes(end))
    )
  }

  /** Sends a request of its own and waits until nginx has logged it; its path. */
  async function mark(): Promise<string> {
    const marker = `/marker-${Math.random().toString(36).slice(2)}`
    const { send } = await import('../src/net/node-http.js')
    ;(await send(new URL(nginx.url + marker), 'GET', {})).discard()
    for (let i = 0; i < 100; i++) {
      if ((await readFile(nginx.accessLog!, 'utf8')).includes(marker)) return marker
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    throw new Error(`nginx never logged ${marker}`)
  }

  it('reads an index with its etag in one GET, the etag head() gives', async () => {
    const store = new HttpStore(new URL(`${nginx.url}/versioned/`), auth)
    const put = await store.put('dists/stable/InRelease', 'a signed index\n')
    let read: Awaited<ReturnType<HttpStore['readVersioned']>>
    let missing: Awaited<ReturnType<HttpStore['readVersioned']>> = {
      bytes: Buffer.alloc(0),
      etag: ''
    }
    const log = await logOf(async () => {
      read = await store.readVersioned('dists/stable/InRelease')
      missing = await store.readVersioned('dists/stable/Release')
    })
    expect(read!.bytes.toString()).toBe('a signed index\n')
    expect(read!.etag).toBe(put.etag)
    expect(read!.etag).toBe((await store.head('dists/stable/InRelease'))?.etag)
    expect(missing).toBeUndefined()
    expect(log.map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      'GET /versioned/dists/stable/InRelease 200',
      'GET /versioned/dists/stable/Release 404'
    ])
  })

  it('compares an index under its lease from one GET, and writes only while it matches', async () => {
    const store = new HttpStore(new URL(`${nginx.url}/swapped/`), auth)
    const first = await store.put('dists/stable/InRelease', 'generation 1\n')
    const lease = (l: string) => l.replace(/\/leases\/[0-9a-f]{64}\//, '/leases/…/')
    const log = await logOf(async () => {
      await store.put('dists/stable/InRelease', 'generation 2\n', {
        precondition: { ifMatch: first.etag }
      })
      await expect(
        store.put('dists/stable/InRelease', 'generation 3\n', {
          precondition: { ifMatch: first.etag }
        })
      ).rejects.toThrow(PreconditionFailed)
    })
    // Under the lease, the current bytes and their etag come from one GET (head() would send a
    // HEAD first): a round trip less for every commit on a store across a network.
    const compared = log
      .map((l) => lease(l.split(' ').slice(0, 3).join(' ')))
      .filter((l) => l.includes('/dists/'))
    expect(compared).toEqual([
      'GET /swapped/dists/stable/InRelease 200',
      'PUT /swapped/dists/stable/InRelease 204',
      'GET /swapped/dists/stable/InRelease 200'
    ])
    expect((await store.readVersioned('dists/stable/InRelease'))?.bytes.toString()).toBe(
      'generation 2\n'
    )
  })

  it('asks for the folders above a lease all at once, on a store whose folders exist', async () => {
    await new HttpStore(new URL(`${nginx.url}/known/store/`), auth).put('repo/InRelease', '1\n', {
      precondition: { ifNoneMatch: '*' }
    })
    // A later publish (a new store object) finds them there: every MKCOL of a folder waits
    // here until all three have arrived, which they never would one after the other.
    const folders = ['/known/', '/known/store/', '/known/store/.falco-publish/']
    const mkcols = barrier(folders, 'one after the other')
    const proxy = await startFaultProxy({ port: Number(new URL(nginx.url).port) }, ['ok'], {
      hold: ({ method, path }) => {
        if (method !== 'MKCOL' || !folders.includes(path)) return undefined
        mkcols.arrive(path)
        return mkcols.wait()
      }
    })
    try {
      const store = new HttpStore(new URL(`${proxy.url}/known/store/`), auth)
      const current = await store.readVersioned('repo/InRelease')
      await store.put('repo/InRelease', '2\n', { precondition: { ifMatch: current!.etag } })
      expect((await store.readVersioned('repo/InRelease'))?.bytes.toString()).toBe('2\n')
      expect(mkcols.arrived).toEqual(new Set(folders))
    } finally {
      await proxy.stop()
    }
  })

  it('creates a content-addressed key with a HEAD and a PUT, no lease', async () => {
    const store = new HttpStore(new URL(`${nginx.url}/addressed/`), auth)
    const options = { precondition: { ifNoneMatch: '*' as const }, contentAddressed: true }
    const log = await logOf(async () => {
      await store.put('by-hash/SHA256/e3b0c442', 'bytes', options)
      await expect(store.put('by-hash/SHA256/e3b0c442', 'bytes', options)).rejects.toThrow(
        /already exists/
      )
    })
    // The store's first put also asks once (HEAD of its root) whether the server wants checksums.
    const requests = log
      .map((l) => l.split(' ').slice(0, 3).join(' '))
      .filter((l) => l !== 'HEAD /addressed/ 404')
    expect(requests).toEqual([
      'HEAD /addressed/by-hash/SHA256/e3b0c442 404',
      'PUT /addressed/by-hash/SHA256/e3b0c442 201',
      'HEAD /addressed/by-hash/SHA256/e3b0c442 200'
    ])
  })

  it('states an object (is it there, how old) with one HEAD, never reading it', async () => {
    const store = new HttpStore(new URL(`${nginx.url}/stated/`), auth)
    await store.put('driver/8.0.0+driver/x86_64/falco_ubuntu_5.15.0-91_1.ko', 'a driver')
    let stated: Awaited<ReturnType<HttpStore['stat']>>
    const log = await logOf(async () => {
      stated = await store.stat('driver/8.0.0+driver/x86_64/falco_ubuntu_5.15.0-91_1.ko')
    })
    expect(stated!).toMatchObject({ size: 8, modified: expect.any(Date) })
    expect(log.map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      'HEAD /stated/driver/8.0.0+driver/x86_64/falco_ubuntu_5.15.0-91_1.ko 200'
    ])
  })

  it('asks for each folder once (again only after a 409), however many leases it takes at once', async () => {
    const store = new HttpStore(new URL(`${nginx.url}/fresh/store/`), auth)
    const keys = ['InRelease', 'Release', 'Release.gpg', 'index.json', 'repomd.xml']
    const log = await logOf(async () => {
      await Promise.all(
        keys.map((k) => store.put(`repo/${k}`, k, { precondition: { ifNoneMatch: '*' } }))
      )
    })
    const mkcols = log.filter((l) => l.startsWith('MKCOL ')).map((l) => l.split(' ').slice(1, 3))
    // The folders above the leases, asked for together, once each, and once more only when the
    // first answer was 409 (its parent was not made yet); then one lease per key (its own MKCOL).
    const leases = mkcols.filter(([p]) => /\/leases\/[0-9a-f]{64}\/$/.test(p))
    const folders = mkcols.filter((m) => !leases.includes(m))
    expect(leases).toHaveLength(keys.length)
    for (const folder of new Set(folders.map(([p]) => p))) {
      const answers = folders.filter(([p]) => p === folder).map(([, status]) => status)
      expect(answers.slice(0, -1).every((status) => status === '409')).toBe(true)
      expect(answers.length).toBeLessThanOrEqual(2)
    }
    expect(folders.map(([p]) => p)).toEqual(
      expect.arrayContaining(['/fresh/', '/fresh/store/', '/fresh/store/.falco-publish/'])
    )
    for (const k of keys) expect((await store.readVersioned(`repo/${k}`))?.bytes.toString()).toBe(k)
  })
})

describe('HttpStore reads that are refused', () => {
  // A server that refuses reads (wrong credentials on a private repository, an outage that
  // outlasts the retries) must fail the read: taken as absent, a publish would start anew.
  async function refusing(status: number, run: (store: HttpStore) => Promise<void>) {
    const { createServer } = await import('node:http')
    let requests = 0
    const server = createServer((request, response) => {
      requests++
      request.resume()
      response.writeHead(status, { 'content-type': 'text/plain' }).end('refused\n')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const port = (server.address() as { port: number }).port
      await run(
        new HttpStore(new URL(`http://127.0.0.1:${port}/repo/`), {
          username: 'publisher',
          password: 'wrong-secret',
          retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 }
        })
      )
    } finally {
      server.close()
    }
    return requests
  }

  it('fails a read answered 401 or 403, naming the inputs to check, never taking it as absent', async () => {
    for (const status of [401, 403]) {
      await refusing(status, async (store) => {
        for (const read of [
          () => store.head('dists/stable/InRelease'),
          () => store.get('dists/stable/InRelease'),
          () => store.readVersioned('dists/stable/InRelease'),
          () => store.digest('stable/falco-0.41.0-x86_64.deb')
        ]) {
          const error = await read().then(
            () => undefined,
            (e: Error) => e
          )
          expect(String(error)).toMatch(new RegExp(`${status}.*store-username/store-password`))
          expect(String(error)).not.toContain('wrong-secret')
        }
      })
    }
  })

  it('fails a read still answered 503 once its retries are spent', async () => {
    const requests = await refusing(503, async (store) => {
      await expect(store.head('dists/stable/InRelease')).rejects.toThrow(
        /HEAD .*dists\/stable\/InRelease answered 503/
      )
      await expect(store.readVersioned('repodata/repomd.xml')).rejects.toThrow(/GET .*answered 503/)
    })
    expect(requests).toBe(4) // two attempts each
  })
})
