import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import {
  HASH_WASM_VERSION,
  resumeDigests,
  type Resumable,
  type Resumed
} from '../src/repo/segmented/digest-state.js'
import type { Digests } from '../src/repo/digest.js'

// Every expectation is node:crypto over the whole file in one go: resuming must agree with it.
function expected(file: Uint8Array): Digests {
  const hex = (algo: string): string => createHash(algo).update(file).digest('hex')
  return {
    size: file.length,
    md5: hex('md5'),
    sha1: '',
    sha256: hex('sha256'),
    sha512: hex('sha512')
  }
}

/** A small seeded generator (mulberry32), so a failing case can be run again from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function bytes(next: () => number, length: number): Uint8Array {
  const words = new Uint32Array(Math.ceil(length / 4))
  for (let i = 0; i < words.length; i++) words[i] = next() * 4294967296
  return new Uint8Array(words.buffer, 0, length)
}

/** `file` cut at `count` random points (repeats allowed, so some parts are empty). */
function split(next: () => number, file: Uint8Array, count: number): Uint8Array[] {
  const cuts = Array.from({ length: count }, () => Math.floor(next() * (file.length + 1)))
  cuts.sort((a, b) => a - b)
  const parts: Uint8Array[] = []
  let at = 0
  for (const cut of [...cuts, file.length]) {
    parts.push(file.subarray(at, cut))
    at = cut
  }
  return parts
}

const concat = (parts: Uint8Array[]): Uint8Array => Buffer.concat(parts)

/**
 * The property: hashed from the start, and resumed at every boundary, the digests are those of
 * the whole file, and a resumed run saves the same states as the run from the start.
 */
async function checkEveryBoundary(parts: Uint8Array[], tail: Uint8Array): Promise<void> {
  const want = expected(concat([...parts, tail]))
  const first = await resumeDigests(undefined, parts, tail)
  expect(first.digests).toEqual(want)
  expect(first.states.map((s) => s.size)).toEqual(
    parts.map((_, i) => concat(parts.slice(0, i + 1)).length)
  )
  for (const [k, from] of first.states.entries()) {
    const resumed = await resumeDigests(from, parts.slice(k + 1), tail)
    expect(resumed?.digests).toEqual(want)
    expect(resumed?.states).toEqual(first.states.slice(k + 1))
  }
}

const MiB = 1024 * 1024
const unicode = Buffer.from(
  Array.from(
    { length: 400 },
    (_, i) =>
      `Package: falco-plugin-${i}\nDescription: café — 日本語のプラグイン 🦅 ${'ß'.repeat(i % 7)}\n\n`
  ).join('')
)

describe('resumeDigests', () => {
  it('matches node:crypto for a 0-byte file, with no parts, empty parts or an empty tail', async () => {
    const empty = new Uint8Array(0)
    const none = await resumeDigests(undefined, [], empty)
    expect(none).toEqual({ digests: expected(empty), states: [] })
    await checkEveryBoundary([empty], empty)
    await checkEveryBoundary([empty, empty, empty], empty)
    // The tail may be left out.
    expect((await resumeDigests(undefined, [Buffer.from('abc')])).digests).toEqual(
      expected(Buffer.from('abc'))
    )
    const [state] = (await resumeDigests(undefined, [empty])).states
    expect(state.size).toBe(0)
    expect((await resumeDigests(state, [], unicode))?.digests).toEqual(expected(unicode))
  })

  it('matches node:crypto resumed at every boundary of random splits (sizes around the 64- and 128-byte blocks)', async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const next = random(seed)
      // Lengths near block multiples, where an off-by-one in the carried bytes would show.
      const length = [0, 1, 63, 64, 65, 127, 128, 129, 255, 256, 1000, 5000][seed % 12]
      const file = bytes(next, length + Math.floor(next() * 3))
      const parts = split(next, file, 1 + Math.floor(next() * 8))
      const tail = bytes(next, [0, 1, 100, 129][seed % 4])
      await checkEveryBoundary(parts, tail)
    }
  })

  it('matches node:crypto with parts over 1 MiB, cut off the block grid', async () => {
    const next = random(4242)
    const file = bytes(next, 3 * MiB + 77)
    const parts = [
      file.subarray(0, 1.5 * MiB + 3),
      file.subarray(1.5 * MiB + 3, 1.5 * MiB + 3),
      file.subarray(1.5 * MiB + 3, 3 * MiB + 5),
      file.subarray(3 * MiB + 5)
    ]
    await checkEveryBoundary(parts, bytes(next, 100))
  })

  it('matches node:crypto over UTF-8 text with multi-byte characters split inside them', async () => {
    const next = random(7)
    for (let round = 0; round < 10; round++) {
      await checkEveryBoundary(split(next, unicode, 5), Buffer.from('Größe: 🦅\n'))
    }
  })

  it('resumes a chain: each publish resumes from the last state the one before saved', async () => {
    const next = random(99)
    let file: Uint8Array = new Uint8Array(0)
    let from: Resumable | undefined
    for (let publish = 0; publish < 12; publish++) {
      const segment = bytes(next, Math.floor(next() * 700))
      const tail = bytes(next, 12 + publish) // like the xz index and footer: rewritten each time
      const result: Resumed | undefined = await resumeDigests(from, [segment], tail)
      file = concat([file, segment])
      expect(result?.digests).toEqual(expected(concat([file, tail])))
      from = result?.states[0]
      expect(from?.size).toBe(file.length)
    }
  })

  it('runs concurrent calls on the shared hashers without mixing them up', async () => {
    const next = random(5)
    const files = Array.from({ length: 16 }, (_, i) => bytes(next, 200 * i + 31))
    const firsts = await Promise.all(files.map((f) => resumeDigests(undefined, split(next, f, 3))))
    firsts.forEach((r, i) => expect(r.digests).toEqual(expected(files[i])))
    const resumed = await Promise.all(
      firsts.map((r) => resumeDigests(r.states[1], [Buffer.from('more')]))
    )
    resumed.forEach((r, i) => {
      const kept = files[i].subarray(0, firsts[i].states[1].size)
      expect(r?.digests).toEqual(expected(concat([kept, Buffer.from('more')])))
    })
  })
})

describe('DigestState', () => {
  it('is the same string for the same bytes, however split and whatever was hashed before', async () => {
    const next = random(11)
    const file = bytes(next, 10_000)
    const whole = (await resumeDigests(undefined, [file])).states[0]
    for (let round = 0; round < 20; round++) {
      // Leave the shared hashers in some other state first, and digest something odd-sized.
      await resumeDigests(undefined, [bytes(next, Math.floor(next() * 500))], bytes(next, 3))
      const parts = split(next, file, 1 + Math.floor(next() * 6))
      const states = (await resumeDigests(undefined, parts, bytes(next, 9))).states
      expect(states[states.length - 1]).toEqual(whole)
      // And resumed from a boundary of a different split, still the same string.
      const mid = states[Math.floor(states.length / 2)]
      const resumed = await resumeDigests(mid, [file.subarray(mid.size)])
      expect(resumed?.states[0]).toEqual(whole)
    }
  })

  it('is a compact tagged base64 string that survives a JSON manifest', async () => {
    const { states } = await resumeDigests(undefined, [unicode.subarray(0, 1000), unicode])
    for (const s of states) {
      expect(s.state).toMatch(/^d1\.hw4\.13\.0:[A-Za-z0-9+/]+={0,2}$/)
      expect(s.state.length).toBeLessThan(900)
    }
    const kept = JSON.parse(JSON.stringify({ states }))
    expect((await resumeDigests(kept.states[0], [unicode]))?.digests).toEqual(
      expected(concat([unicode.subarray(0, 1000), unicode]))
    )
  })

  it('loads hash-wasm on the first call, not when the module is imported', () => {
    // A process of its own, since this one has loaded hash-wasm already. hash-wasm's entry for
    // node is CommonJS, so once loaded it shows in the require cache.
    const module = new URL('../src/repo/segmented/digest-state.ts', import.meta.url).href
    const script = `
      import { createRequire } from 'node:module'
      const cache = createRequire(import.meta.url).cache
      const loaded = () => Object.keys(cache).some((k) => k.includes('/hash-wasm/'))
      const { resumeDigests } = await import(${JSON.stringify(module)})
      const before = loaded()
      await resumeDigests(undefined, [new Uint8Array(3)])
      console.log(JSON.stringify({ before, after: loaded() }))`
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' }
    )
    expect(run.error).toBeUndefined()
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toEqual({ before: false, after: true })
  })

  it('names the hash-wasm version that is installed', () => {
    const require = createRequire(import.meta.url)
    const pkg = JSON.parse(readFileSync(require.resolve('hash-wasm/package.json'), 'utf8')) as {
      version: string
    }
    expect(HASH_WASM_VERSION).toBe(pkg.version)
  })
})

describe("resumeDigests with the 'sha256' set (dnf's repodata)", () => {
  it('gives the SHA256 alone, resumed at every boundary, with states of its own', async () => {
    const next = random(7)
    const file = bytes(next, 5000)
    const parts = split(next, file, 5)
    const tail = bytes(next, 129)
    const want = { ...expected(concat([...parts, tail])), md5: '', sha512: '' }
    const first = await resumeDigests(undefined, parts, tail, 'sha256')
    expect(first.digests).toEqual(want)
    for (const [k, from] of first.states.entries()) {
      const resumed = await resumeDigests(from, parts.slice(k + 1), tail, 'sha256')
      expect(resumed?.digests).toEqual(want)
      expect(resumed?.states).toEqual(first.states.slice(k + 1))
      // A state of one set is refused by the other: neither can take it for its own.
      await expect(resumeDigests(from, parts.slice(k + 1), tail)).resolves.toBeUndefined()
    }
    // About a quarter of apt's state: one hash state instead of three.
    const apt = await resumeDigests(undefined, parts, tail)
    expect(first.states[0].state.length).toBeLessThan(apt.states[0].state.length / 2)
    await expect(
      resumeDigests(apt.states[0], parts.slice(1), tail, 'sha256')
    ).resolves.toBeUndefined()
  })
})

describe('a state that cannot be resumed', () => {
  const text = Buffer.from('Package: falco\nVersion: 0.41.0\n\n'.repeat(50))

  async function saved(): Promise<Resumable> {
    return (await resumeDigests(undefined, [text.subarray(0, 1111)])).states[0]
  }

  /** Refused: undefined, no throw; and the hashers still give right digests afterwards. */
  async function refused(from: Resumable): Promise<void> {
    await expect(resumeDigests(from, [text], Buffer.from('tail'))).resolves.toBeUndefined()
    expect((await resumeDigests(undefined, [text])).digests).toEqual(expected(text))
  }

  it('is refused when another version or layout wrote it', async () => {
    const good = await saved()
    const body = good.state.slice(good.state.indexOf(':'))
    for (const tag of ['d1.hw4.12.0', 'd1.hw4.13.1', 'd2.hw4.13.0', 'hw4.13', '']) {
      await refused({ size: good.size, state: tag + body })
    }
  })

  it('is refused when garbage, truncated, or with one byte changed', async () => {
    const good = await saved()
    const tag = good.state.slice(0, good.state.indexOf(':') + 1)
    const raw = Buffer.from(good.state.slice(tag.length), 'base64')
    for (const state of [
      '',
      tag,
      `${tag}not base64 at all!`,
      `${tag}${Buffer.alloc(raw.length).toString('base64')}`,
      good.state.slice(0, -8),
      `${good.state}AAAA`,
      `${good.state}\n`,
      `${tag} ${good.state.slice(tag.length)}`
    ]) {
      await refused({ size: good.size, state })
    }
    // Every single-byte change inside (sizes, hash states, carried bytes, check) is caught.
    for (let i = 0; i < raw.length; i++) {
      const flipped = Buffer.from(raw)
      flipped[i] ^= 0x01
      await refused({ size: good.size, state: tag + flipped.toString('base64') })
    }
    await refused({ size: good.size, state: 42 as unknown as string })
  })

  it('is refused when its size is not the size given with it', async () => {
    const good = await saved()
    for (const size of [0, good.size - 1, good.size + 1, good.size + 128, -1, 1.5, NaN]) {
      await refused({ size, state: good.state })
    }
  })

  it('is refused when hash-wasm itself rejects it (a build with other WebAssembly)', async () => {
    // Layout knowledge, to reach hash-wasm's own check past ours: after the tag come the size
    // (8 bytes), the MD5 state, which starts with 4 bytes naming hash-wasm's WebAssembly build,
    // ..., then 8 check bytes: a truncated SHA-256 of the tag and what precedes them.
    const good = await saved()
    const tag = good.state.slice(0, good.state.indexOf(':') + 1)
    const raw = Buffer.from(good.state.slice(tag.length), 'base64')
    const body = Buffer.from(raw.subarray(0, raw.length - 8))
    body[8] ^= 0xff
    const check = createHash('sha256').update(tag).update(body).digest().subarray(0, 8)
    await refused({ size: good.size, state: tag + Buffer.concat([body, check]).toString('base64') })
  })
})
