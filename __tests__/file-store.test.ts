import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { createReadStream } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import * as path from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { InputError, storeUrl } from '../src/inputs.js'
import { FileStore, STATE_DIR } from '../src/store/file.js'
import { openStore } from '../src/store/open.js'
import { PreconditionFailed } from '../src/store/store.js'
import { listKeys, read, storeConformance } from './store/conformance.js'

storeConformance(
  'file',
  async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'falco-publish-store-'))
    return { store: new FileStore(root), cleanup: () => rm(root, { recursive: true, force: true }) }
  },
  // The 1 GiB streaming case runs in file-store-large.itg.test.ts, out of the fast unit loop.
  { copy: true, extend: true, largeObjectBytes: 0 }
)

describe('FileStore', () => {
  let root: string
  let store: FileStore

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'falco-publish-file-'))
    store = new FileStore(root)
  })

  afterEach(async () => {
    await rm(root, { recursive: true, force: true })
  })

  /** Everything on disk under the root, folders with a trailing '/'. */
  async function onDisk(dir = root, prefix = ''): Promise<string[]> {
    const out: string[] = []
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const name = prefix + entry.name
      if (entry.isDirectory())
        out.push(`${name}/`, ...(await onDisk(path.join(dir, entry.name), `${name}/`)))
      else out.push(name)
    }
    return out.sort()
  }

  it('writes plain files at the key path, and keeps its own files out of sight', async () => {
    await store.put('packages/deb/falco.deb', 'deb bytes')
    expect(await readFile(path.join(root, 'packages', 'deb', 'falco.deb'), 'utf8')).toBe(
      'deb bytes'
    )
    expect(await listKeys(store, '')).toEqual(['packages/deb/falco.deb'])
    // After a write only empty working folders remain: no temp files, no locks.
    expect(await onDisk()).toEqual([
      `${STATE_DIR}/`,
      `${STATE_DIR}/locks/`,
      `${STATE_DIR}/tmp/`,
      'packages/',
      'packages/deb/',
      'packages/deb/falco.deb'
    ])
  })

  it('never shows a write in progress: not in list, head or get, and not at the key path', async () => {
    await store.put('other', 'x')
    const body = new PassThrough()
    const writing = store.put('slow/artifact.bin', body)
    body.write(Buffer.alloc(1024 * 1024, 1))
    // Wait until the first MiB has reached the temp file, so the write is truly half done.
    const tmp = path.join(root, STATE_DIR, 'tmp')
    await until(async () => {
      const files = await readdir(tmp).catch(() => [])
      return files.length === 1 && (await stat(path.join(tmp, files[0]))).size === 1024 * 1024
    })
    expect(await listKeys(store, '')).toEqual(['other'])
    expect(await store.head('slow/artifact.bin')).toBeUndefined()
    expect(await store.get('slow/artifact.bin')).toBeUndefined()
    expect(await onDisk()).not.toContain('slow/artifact.bin')

    body.end(Buffer.alloc(1024, 2))
    expect((await writing).size).toBe(1024 * 1024 + 1024)
    expect(await listKeys(store, '')).toEqual(['other', 'slow/artifact.bin'])
    expect(await readdir(tmp)).toEqual([])
  })

  it('replaces atomically: concurrent readers see the whole old or the whole new version', async () => {
    const size = 2 * 1024 * 1024
    const versions = [Buffer.alloc(size, 'a'), Buffer.alloc(size, 'b')]
    await store.put('swap.bin', versions[0])
    let writing = true
    const seen = [0, 0]
    const writer = (async () => {
      // Streamed in pieces so that the event loop lets readers in while a write is under way.
      for (let i = 1; i <= 40; i++) {
        const version = versions[i % 2]
        await store.put('swap.bin', Readable.from(chunksOf(version, 64 * 1024)))
      }
      writing = false
    })()
    const reader = async (): Promise<void> => {
      while (writing) {
        const got = await read(store, 'swap.bin')
        expect(got).toBeDefined()
        const which = versions.findIndex((version) => version.equals(got!))
        expect(which).not.toBe(-1) // never a mix, a part, or nothing
        seen[which]++
      }
    }
    await Promise.all([writer, reader(), reader(), reader()])
    // Both versions were observed: the readers really ran during the writes.
    expect(seen[0]).toBeGreaterThan(0)
    expect(seen[1]).toBeGreaterThan(0)
  })

  it('lets a reader that opened the old version read it to the end after a replacement', async () => {
    await store.put('index', Buffer.alloc(1024 * 1024, 'o'))
    const body = await store.get('index')
    await store.put('index', 'new')
    await store.delete('index')
    const chunks: Buffer[] = []
    for await (const chunk of body!) chunks.push(chunk as Buffer)
    expect(Buffer.concat(chunks).equals(Buffer.alloc(1024 * 1024, 'o'))).toBe(true)
  })

  it('digests a small file in one read and a large one as it streams, each as sha256 of its bytes', async () => {
    const small = Buffer.from('Package: falco\n')
    const large = Buffer.alloc(3 * (1 << 20) + 5, 'falco')
    await store.put('small', small)
    await store.put('large', large)
    await store.put('empty', Buffer.alloc(0))
    const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')
    expect(await store.digest('small')).toEqual({ sha256: sha256(small), size: small.length })
    expect(await store.digest('large')).toEqual({ sha256: sha256(large), size: large.length })
    expect(await store.digest('empty')).toEqual({ sha256: sha256(Buffer.alloc(0)), size: 0 })
    await store.put('folder/file', small)
    expect(await store.digest('missing')).toBeUndefined()
    expect(await store.digest('folder')).toBeUndefined()
  })

  it('stores a local file read whole when small and streamed when large, with the same digest and kept hash', async () => {
    const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')
    const source = await mkdtemp(path.join(tmpdir(), 'falco-publish-source-'))
    try {
      for (const [name, bytes] of [
        ['small.deb', Buffer.from('!<arch>\ndebian-binary ')],
        ['empty.deb', Buffer.alloc(0)],
        ['large.deb', Buffer.alloc((1 << 20) + 3, 'falco')]
      ] as const) {
        const file = path.join(source, name)
        await writeFile(file, bytes)
        const body = createReadStream(file)
        // Immutable, as a package is: not synced one by one (a disk's sync would slow the test).
        const put = await store.put(`pool/${name}`, body, { keepHash: true, lifetime: 'immutable' })
        expect({ size: put.size, sha256: put.sha256 }).toEqual({
          size: bytes.length,
          sha256: sha256(bytes)
        })
        expect(put.hashed?.copy().digest('hex')).toBe(sha256(bytes))
        expect(sha256(await readFile(path.join(root, 'pool', name)))).toBe(sha256(bytes))
        // Its stream is closed either way, not left holding a descriptor.
        await new Promise<void>((resolve) =>
          body.closed ? resolve() : body.once('close', () => resolve())
        )
      }
      await expect(
        store.put('pool/missing.deb', createReadStream(path.join(source, 'missing.deb')))
      ).rejects.toThrow(/cannot write store key pool\/missing\.deb to .*ENOENT/)
      expect(await onDisk()).not.toContain('pool/missing.deb')
    } finally {
      await rm(source, { recursive: true, force: true })
    }
  })

  it('reserves its working folder', async () => {
    await expect(store.put(`${STATE_DIR}/tmp/x`, 'x')).rejects.toThrow(/reserved/)
    await expect(store.head(STATE_DIR)).rejects.toThrow(/reserved/)
  })

  it('removes folders a delete leaves empty, but not the root or folders still in use', async () => {
    await store.put('a/b/c/one', '1')
    await store.put('a/two', '2')
    await store.delete('a/b/c/one')
    expect(await onDisk()).toEqual(expect.arrayContaining(['a/', 'a/two']))
    expect(await onDisk()).not.toContain('a/b/')
    await store.delete('a/two')
    expect((await onDisk()).filter((p) => !p.startsWith(STATE_DIR))).toEqual([])
    expect((await stat(root)).isDirectory()).toBe(true)
  })

  it('explains, and writes nothing, when a key collides with a folder or an object', async () => {
    await store.put('falco', 'an object')
    await store.put('drivers/x86_64/probe.ko', 'a driver')
    await expect(store.put('falco/0.40.0/falco.tar.gz', 'x')).rejects.toThrow(
      /falco\/0\.40\.0\/falco\.tar\.gz.*falco is an object/
    )
    await expect(store.put('drivers', 'x')).rejects.toThrow(/other keys live under drivers\//)
    await expect(store.put('drivers', 'x', { precondition: { ifNoneMatch: '*' } })).rejects.toThrow(
      /other keys live under drivers\//
    )
    expect(await listKeys(store, '')).toEqual(['drivers/x86_64/probe.ko', 'falco'])
    expect(await readdir(path.join(root, STATE_DIR, 'tmp'))).toEqual([])
  })

  it('treats a missing root as an empty store and creates it on the first write', async () => {
    const missing = new FileStore(path.join(root, 'not', 'yet'))
    expect(await missing.head('x')).toBeUndefined()
    expect(await missing.get('x')).toBeUndefined()
    expect(await listKeys(missing, '')).toEqual([])
    await missing.delete('x')
    await missing.put('x', 'now')
    expect(await readFile(path.join(root, 'not', 'yet', 'x'), 'utf8')).toBe('now')
  })

  it('lets other work run while it lists thousands of objects (its calls are synchronous)', async () => {
    const folder = path.join(root, 'drivers')
    await mkdir(folder)
    const count = 1000
    for (let i = 0; i < count; i++) await writeFile(path.join(folder, `d${i}.ko`), '')
    // A timer due at once fires during the listing, not after it: the listing yields.
    let listedWhenTimerFired: number | undefined
    let listed = 0
    setTimeout(() => (listedWhenTimerFired = listed), 0)
    for await (const object of store.list('drivers/')) {
      expect(object.key.startsWith('drivers/d')).toBe(true)
      listed++
    }
    expect(listed).toBe(count)
    expect(listedWhenTimerFired).toBeGreaterThan(0)
    expect(listedWhenTimerFired).toBeLessThan(count)
  })

  it('rejects a list prefix that would leave the root', async () => {
    await expect(listKeys(store, '../outside/')).rejects.toThrow(/invalid store key/)
  })

  it('names objects by file URL, or by the base URL it is served from', async () => {
    expect(store.location).toBe(pathToFileURL(root).href)
    await store.put('deb/falco_0.41.0-3+abc1234_amd64.deb', 'deb')
    const fileUrl = store.url('deb/falco_0.41.0-3+abc1234_amd64.deb')!
    expect(await readFile(fileURLToPath(fileUrl), 'utf8')).toBe('deb')

    const served = new FileStore(root, { baseUrl: 'https://download.falco.org/packages' })
    // '+' is spelled %2B: S3 and CDNs read a literal '+' in a path as a space.
    expect(served.url('deb/falco_0.41.0-3+abc1234_amd64.deb')).toBe(
      'https://download.falco.org/packages/deb/falco_0.41.0-3%2Babc1234_amd64.deb'
    )
    expect(served.url('with space/ü#?.txt')).toBe(
      'https://download.falco.org/packages/with%20space/%C3%BC%23%3F.txt'
    )
    expect(() => new FileStore(root, { baseUrl: 'user:secret@nowhere' })).toThrow(
      /invalid base URL/
    )
    expect(() => new FileStore(root, { baseUrl: 'user:secret@nowhere' })).not.toThrow(/secret/)
  })

  it('replaces the empty leftover a crash leaves at a content-addressed name, never another object', async () => {
    // What a power loss can leave of an object placed before its bytes were synced: the name,
    // and no blocks (see createImmutable). A later publish writes the same bytes under it.
    const torn = async (key: string) => {
      await mkdir(path.dirname(path.join(root, key)), { recursive: true })
      await writeFile(path.join(root, key), '')
    }
    const bytes = Buffer.from('Package: falco\n')
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const immutable = { lifetime: 'immutable', precondition: { ifNoneMatch: '*' } } as const
    await torn('by-hash/put')
    await store.put('by-hash/put', bytes, immutable)
    expect((await read(store, 'by-hash/put'))?.toString()).toBe(bytes.toString())
    await torn('by-hash/extend')
    await store.extend('by-hash/put', 9, [Buffer.from('falco\n')], 'by-hash/extend', sha256)
    expect((await read(store, 'by-hash/extend'))?.toString()).toBe(bytes.toString())
    await torn('by-hash/copy')
    await store.copy('by-hash/put', 'by-hash/copy', { createOnly: true })
    expect((await read(store, 'by-hash/copy'))?.toString()).toBe(bytes.toString())
    // A longer object is another object: create-only stays create-only.
    await store.put('by-hash/longer', 'Package: falco-driver\n')
    await expect(store.put('by-hash/longer', bytes, immutable)).rejects.toBeInstanceOf(
      PreconditionFailed
    )
    expect((await read(store, 'by-hash/longer'))?.toString()).toBe('Package: falco-driver\n')
    expect(await readdir(path.join(root, STATE_DIR, 'tmp'))).toEqual([])
  })

  describe('locks', () => {
    const lockFile = (key: string): string =>
      path.join(root, STATE_DIR, 'locks', `${createHash('sha256').update(key).digest('hex')}.lock`)

    async function leaveLock(key: string, holder: object): Promise<void> {
      await mkdir(path.dirname(lockFile(key)), { recursive: true })
      await writeFile(lockFile(key), JSON.stringify(holder))
    }

    it('breaks a lock whose owner process is gone, and says so', async () => {
      const { etag } = await store.put('index', 'v1')
      const dead = spawnSync(process.execPath, ['-e', '0']).pid
      await leaveLock('index', {
        pid: dead,
        host: hostname(),
        token: 'abandoned',
        since: Date.now()
      })
      const warnings: string[] = []
      const logged = new FileStore(root, {
        lock: { staleMs: 3_600_000, timeoutMs: 60_000 },
        log: { warning: (m) => warnings.push(m), debug: () => {} }
      })
      await logged.put('index', 'v2', { precondition: { ifMatch: etag } })
      expect((await read(logged, 'index'))?.toString()).toBe('v2')
      expect(warnings).toEqual([
        expect.stringMatching(new RegExp(`abandoned lock on store key index.*pid ${dead}`))
      ])
    })

    it('breaks a lock older than staleMs even when its owner looks alive', async () => {
      await leaveLock('index', {
        pid: process.pid,
        host: hostname(),
        token: 'old',
        since: Date.now() - 60_000
      })
      const impatient = new FileStore(root, { lock: { staleMs: 30_000, timeoutMs: 60_000 } })
      await impatient.put('index', 'written')
      expect((await read(impatient, 'index'))?.toString()).toBe('written')
    })

    it('waits for a live lock and gives up with an error naming the key and the holder', async () => {
      await leaveLock('index', {
        pid: process.pid,
        host: hostname(),
        token: 'busy',
        since: Date.now()
      })
      const waiting = new FileStore(root, { lock: { staleMs: 3_600_000, timeoutMs: 200 } })
      await expect(waiting.put('index', 'blocked')).rejects.toThrow(
        new RegExp(`waiting for the lock on store key index .*held by pid ${process.pid}`)
      )
      expect(await waiting.head('index')).toBeUndefined()
      // The temp file of the blocked write was removed too.
      expect(await readdir(path.join(root, STATE_DIR, 'tmp'))).toEqual([])
    })

    it('does not need the lock for a create-only put, and still never replaces', async () => {
      await leaveLock('fresh', {
        pid: process.pid,
        host: hostname(),
        token: 'busy',
        since: Date.now()
      })
      const waiting = new FileStore(root, { lock: { staleMs: 3_600_000, timeoutMs: 200 } })
      await waiting.put('fresh', 'created', { precondition: { ifNoneMatch: '*' } })
      await expect(
        waiting.put('fresh', 'again', { precondition: { ifNoneMatch: '*' } })
      ).rejects.toBeInstanceOf(PreconditionFailed)
      expect((await read(waiting, 'fresh'))?.toString()).toBe('created')
    })
  })
})

describe('openStore', () => {
  it('opens a file store for a file: URL, including the default workspace folder', () => {
    const store = openStore(storeUrl('public', '/work/space'))
    expect(store).toBeInstanceOf(FileStore)
    expect(store.location).toBe('file:///work/space/public')
    expect(openStore(new URL('file:///srv/www/download')).location).toBe('file:///srv/www/download')
  })

  it('rejects other schemes naming the store input and what it supports, without credentials', () => {
    const attempt = (): unknown =>
      openStore(new URL('ftp://AKIAEXAMPLE:topsecret@falco-bucket/packages'))
    expect(attempt).toThrow(InputError)
    expect(attempt).toThrow(/input 'store'.*unsupported scheme ftp .*supported: file:\/\//)
    expect(attempt).not.toThrow(/topsecret|AKIAEXAMPLE/)
  })

  it('rejects a file URL on another host', () => {
    expect(() => openStore(new URL('file://fileserver/share'))).toThrow(
      /input 'store'.*not a local directory/
    )
  })
})

function* chunksOf(bytes: Buffer, size: number): Iterable<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size)
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await condition()) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error('condition not reached')
}
