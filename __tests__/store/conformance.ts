import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import pLimit from 'p-limit'
import { readVersioned } from '../../src/stages/packages/store-io.js'
import { sha256Of } from '../../src/store/digest.js'
import {
  PreconditionFailed,
  scan,
  statObject,
  type ObjectInfo,
  type Store
} from '../../src/store/store.js'

export interface StoreUnderTest {
  store: Store
  /** Removes everything the store wrote, and stops any server behind it. */
  cleanup(): Promise<void>
}

export interface ConformanceOptions {
  /**
   * Size of the object streamed through in the large-object test (default 1 GiB); 0 leaves that
   * test to an integration file calling `largeObjectConformance`.
   */
  largeObjectBytes?: number
  /** The store copies objects itself (`copy`); the others must not claim to. */
  copy?: boolean
  /** The store extends objects itself (`extend`); the others must not claim to. */
  extend?: boolean
}

const MiB = 1024 * 1024

/**
 * The behaviour every Store backend must show, declared as Jest tests. Each test gets a fresh,
 * empty store from `make` and cleans it up afterwards. Backends run it from their own test file:
 * `storeConformance('file', async () => ({ store: new FileStore(dir), cleanup }))`.
 *
 * The suite only uses keys that can coexist on a filesystem: no key is both an object and the
 * folder of other keys ('a' and 'a/b'), since a directory-backed store cannot hold both.
 */
export function storeConformance(
  name: string,
  make: () => Promise<StoreUnderTest>,
  options: ConformanceOptions = {}
): void {
  const largeObjectBytes = options.largeObjectBytes ?? 1024 * MiB

  describe(`Store conformance: ${name}`, () => {
    let subject: StoreUnderTest
    let store: Store

    beforeEach(async () => {
      subject = await make()
      store = subject.store
    })

    afterEach(async () => {
      await subject.cleanup()
    })

    describe('put, get, head', () => {
      it('stores a string, a Buffer and a stream and gives back the same bytes', async () => {
        const bodies = {
          'text/hello.txt': 'hello, falco\n',
          'bytes/all-values.bin': Buffer.from(Array.from({ length: 1024 }, (_, i) => i % 256)),
          'stream/chunks.txt': ['one ', 'two ', 'three'].join('')
        }
        const written = [
          await store.put('text/hello.txt', bodies['text/hello.txt']),
          await store.put('bytes/all-values.bin', bodies['bytes/all-values.bin']),
          await store.put(
            'stream/chunks.txt',
            Readable.from([Buffer.from('one '), Buffer.from('two '), Buffer.from('three')])
          )
        ]
        for (const result of written) {
          const expected = Buffer.from(bodies[result.key as keyof typeof bodies])
          expect(result.size).toBe(expected.length)
          expect(result.sha256).toBe(sha256(expected))
          expect(await read(store, result.key)).toEqual(expected)
          const info = await store.head(result.key)
          expect(info).toMatchObject({ key: result.key, size: expected.length, etag: result.etag })
          if (info?.modified !== undefined) expect(info.modified).toBeInstanceOf(Date)
        }
      })

      it('stores a local file opened whole, and only the range of one opened for a range', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'conformance-file-'))
        try {
          const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256))
          const file = join(dir, 'body.bin')
          writeFileSync(file, bytes)
          // Stores may read a freshly opened file themselves instead of taking its stream.
          const whole = await store.put('files/whole.bin', createReadStream(file))
          expect(whole).toMatchObject({ size: bytes.length, sha256: sha256(bytes) })
          expect(await read(store, 'files/whole.bin')).toEqual(bytes)
          const part = bytes.subarray(100, 2001)
          const ranged = await store.put(
            'files/range.bin',
            createReadStream(file, { start: 100, end: 2000 })
          )
          expect(ranged).toMatchObject({ size: part.length, sha256: sha256(part) })
          expect(await read(store, 'files/range.bin')).toEqual(part)
        } finally {
          rmSync(dir, { recursive: true, force: true })
        }
      })

      it('stores an empty object', async () => {
        const result = await store.put('empty', '')
        expect(result).toMatchObject({ key: 'empty', size: 0, sha256: sha256(Buffer.alloc(0)) })
        expect((await read(store, 'empty'))?.length).toBe(0)
        expect((await store.head('empty'))?.size).toBe(0)
      })

      it('answers undefined for objects that do not exist, including folders of other keys', async () => {
        await store.put('folder/inside.txt', 'x')
        for (const key of ['missing', 'no/such/folder/key', 'folder', 'folder/inside.txt/deeper']) {
          expect(await store.head(key)).toBeUndefined()
          expect(await store.get(key)).toBeUndefined()
        }
      })

      it('replaces an object, with a new etag, even when the size stays the same', async () => {
        const first = await store.put('index', 'version 1')
        const second = await store.put('index', 'version 2')
        expect(second.etag).not.toBe(first.etag)
        expect((await read(store, 'index'))?.toString()).toBe('version 2')
        expect((await store.head('index'))?.etag).toBe(second.etag)
      })

      it('gives every version a distinct etag, even many same-size writes in quick succession', async () => {
        const etags = new Set<string>()
        for (let i = 0; i < 100; i++) {
          etags.add((await store.put('busy', `v${String(i).padStart(3, '0')}`)).etag)
        }
        expect(etags.size).toBe(100)
      })

      it('keeps keys with characters that URLs and shells escape', async () => {
        const keys = [
          'with space/a+b~c@d=e.txt',
          'ünïcødé/falco_0.41.0-3+abc1234_amd64.deb',
          "q/it's"
        ]
        for (const key of keys) await store.put(key, key)
        for (const key of keys) expect((await read(store, key))?.toString()).toBe(key)
        expect(await listKeys(store, '')).toEqual(byteOrder(keys))
      })
    })

    describe('list', () => {
      // Byte order puts '-' and '.' before '/', and uppercase before lowercase: a store that
      // walks folders and sorts names alone gets these wrong.
      const tree = [
        'A',
        'a-b',
        'a.txt',
        'a/b-c',
        'a/b.txt',
        'a/b/c',
        'a/bc/d',
        'a/z',
        'a0',
        'b/deep/deeper/deepest.bin',
        'ü'
      ]

      it('lists every object under a prefix, recursively, in key order', async () => {
        for (const key of [...tree].reverse()) await store.put(key, `content of ${key}`)
        expect(await listKeys(store, '')).toEqual(tree)
        expect(await listKeys(store, 'a/')).toEqual(['a/b-c', 'a/b.txt', 'a/b/c', 'a/bc/d', 'a/z'])
        expect(await listKeys(store, 'a/b')).toEqual(['a/b-c', 'a/b.txt', 'a/b/c', 'a/bc/d'])
        expect(await listKeys(store, 'a/b/')).toEqual(['a/b/c'])
        expect(await listKeys(store, 'a')).toEqual(tree.filter((key) => key.startsWith('a')))
        expect(await listKeys(store, 'b/deep/')).toEqual(['b/deep/deeper/deepest.bin'])
        expect(await listKeys(store, 'a/b/c')).toEqual(['a/b/c'])
        expect(await listKeys(store, 'zzz')).toEqual([])
        expect(await listKeys(store, 'nothing/here/')).toEqual([])
      })

      it('reports the same size and etag as head', async () => {
        for (const key of tree) await store.put(key, `content of ${key}`)
        for await (const info of store.list('')) {
          const head = await store.head(info.key)
          expect({ size: info.size, etag: info.etag }).toEqual({
            size: head?.size,
            etag: head?.etag
          })
          expect(info.size).toBe(Buffer.byteLength(`content of ${info.key}`))
        }
      })

      it('scans (keys, sizes and dates, no etags) what it lists, in the same order', async () => {
        const before = Date.now() - 60_000
        for (const key of tree) await store.put(key, `content of ${key}`)
        for (const prefix of ['', 'a/', 'a/b', 'b/deep/', 'zzz']) {
          const listed: { key: string; size: number }[] = []
          for await (const o of store.list(prefix)) listed.push({ key: o.key, size: o.size })
          const scanned: { key: string; size: number }[] = []
          for await (const o of scan(store, prefix)) {
            expect(o.modified?.getTime()).toBeGreaterThan(before)
            scanned.push({ key: o.key, size: o.size })
          }
          expect(scanned).toEqual(listed)
        }
      })

      it('lists an empty store as empty', async () => {
        expect(await listKeys(store, '')).toEqual([])
      })

      it('lists many keys, each once, in order', async () => {
        const keys = Array.from({ length: 600 }, (_, i) => `many/${i % 7}/${i}.bin`)
        await pLimit(16).map(keys, (key) => store.put(key, key))
        await store.put('other/outside', 'x')
        expect(await listKeys(store, 'many/')).toEqual(byteOrder(keys))
      })
    })

    describe('delete', () => {
      it('removes an object and nothing else', async () => {
        await store.put('dir/gone', 'a')
        await store.put('dir/stays', 'b')
        await store.delete('dir/gone')
        expect(await store.head('dir/gone')).toBeUndefined()
        expect(await store.get('dir/gone')).toBeUndefined()
        expect(await listKeys(store, '')).toEqual(['dir/stays'])
        expect((await read(store, 'dir/stays'))?.toString()).toBe('b')
      })

      it('does not mind deleting what does not exist', async () => {
        await expect(store.delete('never/was')).resolves.toBeUndefined()
        await store.put('once', 'x')
        await store.delete('once')
        await expect(store.delete('once')).resolves.toBeUndefined()
        expect(await listKeys(store, '')).toEqual([])
      })

      it('lets a deleted key be created again, create-only', async () => {
        await store.put('again/key', 'first')
        await store.delete('again/key')
        await store.put('again/key', 'second', { precondition: { ifNoneMatch: '*' } })
        expect((await read(store, 'again/key'))?.toString()).toBe('second')
      })
    })

    describe('read and a known sha256', () => {
      it('read, when a store has it, gives what get gives, and undefined for a missing key', async () => {
        const bytes = Buffer.from(Array.from({ length: 3 * MiB + 7 }, (_, i) => (i * 7) % 251))
        await store.put('whole/index', bytes)
        if (store.read) {
          expect((await store.read('whole/index'))?.equals(bytes)).toBe(true)
          expect(await store.read('whole/missing')).toBeUndefined()
        }
        expect((await read(store, 'whole/index'))?.equals(bytes)).toBe(true)
      })

      it('reads an object with the etag head gives (its own readVersioned where it has one), which a compare-and-swap takes', async () => {
        const first = await store.put('versioned/index', 'first version\n')
        const read = await readVersioned(store, 'versioned/index')
        expect(read).toEqual({ text: 'first version\n', etag: first.etag })
        expect((await store.head('versioned/index'))?.etag).toBe(read?.etag)
        expect(await readVersioned(store, 'versioned/missing')).toBeUndefined()
        const second = await store.put('versioned/index', 'second version\n', {
          precondition: { ifMatch: read!.etag }
        })
        const stale = store.put('versioned/index', 'lost update\n', {
          precondition: { ifMatch: read!.etag }
        })
        await expect(stale).rejects.toBeInstanceOf(PreconditionFailed)
        expect(await readVersioned(store, 'versioned/index')).toEqual({
          text: 'second version\n',
          etag: second.etag
        })
      })

      it('states an object as head does, size and date without the etag (its own stat where it has one)', async () => {
        await store.put('stated/index', 'twenty-one bytes long')
        const [stated, head] = [
          await statObject(store, 'stated/index'),
          await store.head('stated/index')
        ]
        expect(stated).toMatchObject({ key: 'stated/index', size: 21 })
        expect(stated?.modified?.getTime()).toBe(head?.modified?.getTime())
        if (store.stat) expect(stated).not.toHaveProperty('etag')
        expect(await statObject(store, 'stated/missing')).toBeUndefined()
      })

      it('a put given the sha256 stores the same bytes and reports that sha256', async () => {
        const bytes = Buffer.from('an index the caller already hashed\n')
        const sha256 = createHash('sha256').update(bytes).digest('hex')
        const r = await store.put('known/sha', bytes, {
          precondition: { ifNoneMatch: '*' },
          sha256
        })
        expect(r.sha256).toBe(sha256)
        expect(r.size).toBe(bytes.length)
        expect((await read(store, 'known/sha'))?.equals(bytes)).toBe(true)
      })
    })

    if (!options.extend) {
      it('has no extend: its users put whole objects', () => {
        expect(store.extend).toBeUndefined()
      })
    } else
      describe('extend', () => {
        it('writes a prefix of an object then new bytes, create-only', async () => {
          if (!store.extend) throw new Error(`${name} was declared to extend but has no extend()`)
          const old = Buffer.from(Array.from({ length: 3 * MiB + 5 }, (_, i) => (i * 13) % 253))
          await store.put('grow/old', old)
          const append = [Buffer.from('new segment\n'), Buffer.from('tail')]
          const expected = Buffer.concat([old.subarray(0, 2 * MiB), ...append])
          const sha256 = createHash('sha256').update(expected).digest('hex')
          const r = await store.extend('grow/old', 2 * MiB, append, 'grow/new', sha256)
          expect(r).toMatchObject({ key: 'grow/new', size: expected.length, sha256 })
          expect((await read(store, 'grow/new'))?.equals(expected)).toBe(true)
          expect((await read(store, 'grow/old'))?.equals(old)).toBe(true)
          expect(
            (await store.read?.('grow/new', { start: 2 * MiB, end: 2 * MiB + 3 }))?.toString()
          ).toBe('new')
          await expect(store.extend('grow/old', 10, [], 'grow/new', sha256)).rejects.toBeInstanceOf(
            PreconditionFailed
          )
          await expect(store.extend('grow/none', 0, [], 'grow/x', sha256)).rejects.toThrow(
            /grow\/none/
          )
          await expect(
            store.extend('grow/old', old.length + 1, [], 'grow/y', sha256)
          ).rejects.toThrow(/shorter/)
          expect(await listKeys(store, 'grow/')).toEqual(['grow/new', 'grow/old'])
        })
      })

    if (!options.copy) {
      it('has no copy: its users put the bytes again', () => {
        expect(store.copy).toBeUndefined()
      })
    } else
      describe('copy', () => {
        it('copies an object inside the store, leaving the source, replacing the target', async () => {
          if (!store.copy) throw new Error(`${name} was declared to copy but has no copy()`)
          await store.put('from/source', 'the bytes')
          await store.put('to/target', 'older bytes')
          await store.copy('from/source', 'to/target')
          await store.copy('from/source', 'to/new/target')
          for (const key of ['from/source', 'to/target', 'to/new/target'])
            expect((await read(store, key))?.toString()).toBe('the bytes')
          // The copy is its own object: replacing the source leaves it alone.
          await store.put('from/source', 'changed')
          expect((await read(store, 'to/target'))?.toString()).toBe('the bytes')
          await store.copy('from/source', 'to/target')
          await store.copy('from/source', 'to/target')
          expect((await read(store, 'to/target'))?.toString()).toBe('changed')
          expect(await listKeys(store, '')).toEqual(['from/source', 'to/new/target', 'to/target'])
          // Keys that URLs escape, as the copy source is one.
          await store.put('odd/a b+c%2Bd', 'odd')
          await store.copy('odd/a b+c%2Bd', 'odd/é & ü')
          expect((await read(store, 'odd/é & ü'))?.toString()).toBe('odd')
        })

        it('fails naming the source when it does not exist, and writes nothing', async () => {
          if (!store.copy) throw new Error(`${name} was declared to copy but has no copy()`)
          await expect(store.copy('no/such', 'to/x')).rejects.toThrow(/no\/such/)
          await expect(store.copy('no/such', 'to/y', { createOnly: true })).rejects.toThrow(
            /no\/such/
          )
          expect(await listKeys(store, '')).toEqual([])
        })

        it('a create-only copy (content-addressed names) creates the target, or finds it there', async () => {
          if (!store.copy) throw new Error(`${name} was declared to copy but has no copy()`)
          await store.put('by-hash/a', 'content')
          // Several at once, as a publish copies one index under several names.
          await Promise.all(
            [1, 2, 3].map(() => store.copy!('by-hash/a', 'by-hash/b', { createOnly: true }))
          )
          await store.copy('by-hash/a', 'by-hash/b', { createOnly: true })
          expect((await read(store, 'by-hash/b'))?.toString()).toBe('content')
          expect(await listKeys(store, '')).toEqual(['by-hash/a', 'by-hash/b'])
        })
      })

    describe('preconditions', () => {
      it('ifNoneMatch * creates an object that does not exist', async () => {
        const result = await store.put('new', 'fresh', { precondition: { ifNoneMatch: '*' } })
        expect((await store.head('new'))?.etag).toBe(result.etag)
      })

      it('ifNoneMatch * on a content-addressed key creates it, and fails on one there, leaving it', async () => {
        const bytes = Buffer.from('an index, named by its digest\n')
        const key = `by-hash/SHA256/${createHash('sha256').update(bytes).digest('hex')}`
        const options = { precondition: { ifNoneMatch: '*' as const }, contentAddressed: true }
        const made = await store.put(key, bytes, options)
        expect((await read(store, key))?.equals(bytes)).toBe(true)
        const again = store.put(key, Readable.from([bytes]), options)
        await expect(again).rejects.toBeInstanceOf(PreconditionFailed)
        expect((await store.head(key))?.etag).toBe(made.etag)
      })

      it('ifNoneMatch * fails on an existing object and leaves it alone', async () => {
        const first = await store.put('taken', 'original')
        const attempt = store.put('taken', 'intruder', { precondition: { ifNoneMatch: '*' } })
        await expect(attempt).rejects.toBeInstanceOf(PreconditionFailed)
        await expect(attempt).rejects.toMatchObject({ key: 'taken' })
        expect((await read(store, 'taken'))?.toString()).toBe('original')
        expect((await store.head('taken'))?.etag).toBe(first.etag)
      })

      it('ifMatch with the current etag replaces the object', async () => {
        const first = await store.put('cas', 'one')
        const second = await store.put('cas', 'two', { precondition: { ifMatch: first.etag } })
        expect(second.etag).not.toBe(first.etag)
        expect((await read(store, 'cas'))?.toString()).toBe('two')
        expect((await store.head('cas'))?.etag).toBe(second.etag)
      })

      it('ifMatch with an etag that is no longer current fails and changes nothing', async () => {
        const first = await store.put('cas', 'one')
        const second = await store.put('cas', 'two')
        const attempt = store.put('cas', 'three', { precondition: { ifMatch: first.etag } })
        await expect(attempt).rejects.toBeInstanceOf(PreconditionFailed)
        expect((await read(store, 'cas'))?.toString()).toBe('two')
        expect((await store.head('cas'))?.etag).toBe(second.etag)
      })

      it('ifMatch fails on a missing object, and on one deleted and written again', async () => {
        const first = await store.put('cas', 'aaaa')
        await store.delete('cas')
        await expect(
          store.put('cas', 'cccc', { precondition: { ifMatch: first.etag } })
        ).rejects.toBeInstanceOf(PreconditionFailed)
        expect(await store.head('cas')).toBeUndefined()
        await store.put('cas', 'bbbb')
        await expect(
          store.put('cas', 'cccc', { precondition: { ifMatch: first.etag } })
        ).rejects.toBeInstanceOf(PreconditionFailed)
        expect((await read(store, 'cas'))?.toString()).toBe('bbbb')
      })

      it('a failed conditional put writes nothing, not even with a streamed body', async () => {
        await store.put('keep/a', 'a')
        const { etag } = await store.put('keep/b', 'b')
        await store.put('keep/b', 'b2')
        const before = await snapshot(store)
        const stream = (): Readable => Readable.from([Buffer.alloc(64 * 1024, 1)])
        const attempts = [
          store.put('keep/a', stream(), { precondition: { ifNoneMatch: '*' } }),
          store.put('keep/b', stream(), { precondition: { ifMatch: etag } }),
          store.put('keep/new', stream(), { precondition: { ifMatch: etag } })
        ]
        for (const attempt of attempts)
          await expect(attempt).rejects.toBeInstanceOf(PreconditionFailed)
        expect(await snapshot(store)).toEqual(before)
      })

      it('lets exactly one of many concurrent create-only puts win', async () => {
        const outcomes = await Promise.allSettled(
          Array.from({ length: 16 }, (_, i) =>
            store.put('race', `writer ${i}`, { precondition: { ifNoneMatch: '*' } })
          )
        )
        const winners = outcomes.filter((o) => o.status === 'fulfilled')
        const losers = outcomes.filter((o) => o.status === 'rejected')
        expect(winners).toHaveLength(1)
        for (const loser of losers) expect(loser.reason).toBeInstanceOf(PreconditionFailed)
        const won = (winners[0] as PromiseFulfilledResult<{ sha256: string; etag: string }>).value
        expect(sha256((await read(store, 'race')) ?? Buffer.alloc(0))).toBe(won.sha256)
        expect((await store.head('race'))?.etag).toBe(won.etag)
      })

      it('lets exactly one of many concurrent puts from the same etag win', async () => {
        const { etag } = await store.put('race', 'start')
        const outcomes = await Promise.allSettled(
          Array.from({ length: 16 }, (_, i) =>
            store.put('race', `writer ${i}`, { precondition: { ifMatch: etag } })
          )
        )
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected')
            expect(outcome.reason).toBeInstanceOf(PreconditionFailed)
        }
      })

      it('a compare-and-swap loop loses no update among concurrent writers', async () => {
        const writers = 6
        const rounds = 8
        let conflicts = 0
        const append = async (entry: string): Promise<void> => {
          for (;;) {
            const info = await store.head('log.json')
            const current = info
              ? (JSON.parse((await read(store, 'log.json'))!.toString()) as string[])
              : []
            try {
              await store.put('log.json', JSON.stringify([...current, entry]), {
                precondition: info ? { ifMatch: info.etag } : { ifNoneMatch: '*' }
              })
              return
            } catch (error) {
              if (!(error instanceof PreconditionFailed)) throw error
              conflicts++
            }
          }
        }
        await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            for (let r = 0; r < rounds; r++) await append(`${w}:${r}`)
          })
        )
        const log = JSON.parse((await read(store, 'log.json'))!.toString()) as string[]
        expect([...log].sort()).toEqual(
          Array.from({ length: writers }, (_, w) =>
            Array.from({ length: rounds }, (_, r) => `${w}:${r}`)
          )
            .flat()
            .sort()
        )
        // The writers did collide; otherwise this test would prove nothing about the precondition.
        expect(conflicts).toBeGreaterThan(0)
      })
    })

    describe('streaming', () => {
      if (largeObjectBytes > 0) streamsLargeObject(() => store, largeObjectBytes)

      it('a body that fails midway writes nothing and keeps the old version', async () => {
        await store.put('fragile', 'old version')
        const failing = (): Readable =>
          Readable.from(
            (async function* () {
              yield Buffer.alloc(256 * 1024, 7)
              throw new Error('the source broke')
            })()
          )
        await expect(store.put('fragile', failing())).rejects.toThrow(/the source broke/)
        await expect(store.put('fresh', failing())).rejects.toThrow(/the source broke/)
        expect((await read(store, 'fragile'))?.toString()).toBe('old version')
        expect(await listKeys(store, '')).toEqual(['fragile'])
      })
    })

    describe('keys', () => {
      const invalid = [
        '',
        '/abs',
        'trailing/',
        'a//b',
        './a',
        'a/./b',
        '../up',
        'a/../../b',
        'back\\slash',
        'nul\u0000',
        'tab\there'
      ]

      it.each(invalid.map((key) => [JSON.stringify(key), key]))(
        'rejects the key %s everywhere and writes nothing',
        async (_shown, key) => {
          await expect(store.put(key, 'x')).rejects.toThrow(/invalid store key/)
          await expect(store.head(key)).rejects.toThrow(/invalid store key/)
          await expect(store.get(key)).rejects.toThrow(/invalid store key/)
          await expect(store.delete(key)).rejects.toThrow(/invalid store key/)
          expect(() => store.url(key)).toThrow(/invalid store key/)
          expect(await listKeys(store, '')).toEqual([])
        }
      )
    })

    describe('url', () => {
      it('names each object with an absolute URL whose path ends with the key, or none', async () => {
        for (const key of [
          'plain.txt',
          'deb/stable/falco_0.40.0+abc_amd64.deb',
          'with space/ü.bin'
        ]) {
          await store.put(key, key)
          const url = store.url(key)
          if (url === undefined) continue
          const parsed = new URL(url)
          expect(decodeURIComponent(parsed.pathname).endsWith(`/${key}`)).toBe(true)
        }
        expect(store.location).not.toMatch(/\/\/[^/]*:[^/]*@/) // no credentials in the location
      })
    })
  })
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export async function read(store: Store, key: string): Promise<Buffer | undefined> {
  const body = await store.get(key)
  if (!body) return undefined
  const chunks: Buffer[] = []
  for await (const chunk of body) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export async function listKeys(store: Store, prefix: string): Promise<string[]> {
  const keys: string[] = []
  for await (const info of store.list(prefix)) keys.push(info.key)
  return keys
}

async function snapshot(store: Store): Promise<Pick<ObjectInfo, 'key' | 'size' | 'etag'>[]> {
  const all: Pick<ObjectInfo, 'key' | 'size' | 'etag'>[] = []
  for await (const { key, size, etag } of store.list('')) all.push({ key, size, etag })
  return all
}

/** Keys sorted the way stores list them: by their UTF-8 bytes. */
export function byteOrder(keys: string[]): string[] {
  return [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
}

/** The large-object case of the conformance suite: `bytes` streamed in and out in bounded memory. */
function streamsLargeObject(getStore: () => Store, bytes: number): void {
  it(`streams a ${bytes / MiB} MiB object in and out with its sha256, in bounded memory`, async () => {
    const store = getStore()
    const generated = generate(bytes)
    const baseline = process.memoryUsage().rss
    let peak = baseline
    const sample = (): void => {
      peak = Math.max(peak, process.memoryUsage().rss)
    }
    const result = await store.put('large/object.bin', Readable.from(tap(generated.chunks, sample)))
    expect(result.size).toBe(bytes)
    expect(result.sha256).toBe(generated.sha256())
    expect((await store.head('large/object.bin'))?.size).toBe(bytes)

    const body = await store.get('large/object.bin')
    expect(body).toBeDefined()
    const readBack = await sha256Of(tap(body as AsyncIterable<Buffer>, sample))
    expect(readBack).toEqual({ sha256: generated.sha256(), size: bytes })

    // Holding the object (or a large part of it) in memory would grow the resident set by
    // about its size; streaming needs a few buffers (S3 multipart: 4 parts of 8 MiB). The
    // bound is the one the project holds uploads to, and far below the object's size.
    const bound = Math.min(200 * MiB, Math.max(bytes / 2, 64 * MiB))
    expect(peak - baseline).toBeLessThan(bound)
  })
}

/**
 * The large-object case alone, for a backend whose unit file runs the rest of the suite with
 * `largeObjectBytes: 0`: a 1 GiB transfer belongs with the integration tests.
 */
export function largeObjectConformance(
  name: string,
  make: () => Promise<StoreUnderTest>,
  bytes = 1024 * MiB
): void {
  describe(`Store conformance: ${name}, large objects`, () => {
    let subject: StoreUnderTest
    beforeEach(async () => {
      subject = await make()
    })
    afterEach(async () => {
      await subject.cleanup()
    })
    streamsLargeObject(() => subject.store, bytes)
  })
}

/**
 * `total` bytes made on the fly, 1 MiB at a time, never all at once: each chunk repeats a
 * 32-byte pattern derived from its index, so every chunk differs and the digest means something.
 */
function generate(total: number): { chunks: Iterable<Buffer>; sha256(): string } {
  const hash = createHash('sha256')
  let digest: string | undefined
  function* chunks(): Iterable<Buffer> {
    for (let offset = 0, index = 0; offset < total; offset += MiB, index++) {
      const chunk = Buffer.allocUnsafe(Math.min(MiB, total - offset))
      chunk.fill(createHash('sha256').update(String(index)).digest())
      hash.update(chunk)
      yield chunk
    }
    digest = hash.digest('hex')
  }
  return {
    chunks: chunks(),
    sha256: () => {
      if (digest === undefined) throw new Error('the generated stream was not read to its end')
      return digest
    }
  }
}

/** Passes chunks through, calling `sample` between them (to watch memory while streaming). */
async function* tap(
  source: Iterable<Buffer> | AsyncIterable<Buffer>,
  sample: () => void
): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    sample()
    yield chunk
  }
  sample()
}
