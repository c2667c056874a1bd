import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { xz } from '../src/repo/compress.js'
import { decompressMember } from '../src/repo/decompress.js'
import {
  STORED_BELOW,
  storedXzBlock,
  xzBlock,
  xzFrame,
  type XzBlock
} from '../src/repo/segmented/xz-blocks.js'

// Every check below goes through the real `xz` command (xz-utils, in .ci/apt-packages): what apt
// and people do with a Packages.xz is what it must survive.
const found = spawnSync('xz', ['--version'], { encoding: 'utf8' })
if (found.error || found.status !== 0) {
  throw new Error(
    'the xz command (Debian package xz-utils) is needed by these tests and is missing'
  )
}

function xzCommand(args: string[], input: Buffer): { status: number | null; stdout: Buffer } {
  const run = spawnSync('xz', args, { input, maxBuffer: 64 * 1024 * 1024 })
  return { status: run.status, stdout: run.stdout }
}

/** A Packages index of `count` stanzas shaped like Falco's: names, versions, sizes, digests. */
function packagesText(count: number): string {
  const stanzas: string[] = []
  for (let i = 0; i < count; i++) {
    const version = `0.${30 + (i % 12)}.${i % 7}-${i}+${createHash('sha1').update(`c${i}`).digest('hex').slice(0, 7)}`
    const arch = i % 2 === 0 ? 'amd64' : 'arm64'
    const digest = (alg: string) => createHash(alg).update(`${i}`).digest('hex')
    stanzas.push(
      [
        `Package: falco${i % 3 === 0 ? '' : `-plugin-${i % 17}`}`,
        `Version: ${version}`,
        `Architecture: ${arch}`,
        'Maintainer: The Falco Authors <cncf-falco-dev@lists.cncf.io>',
        `Installed-Size: ${40000 + ((i * 7919) % 90000)}`,
        'Depends: dkms, make, dialog',
        'Section: utils',
        'Priority: optional',
        'Homepage: https://falco.org',
        'Description: Falco - Cloud Native Runtime Security',
        ` Runtime security for hosts, containers and Kubernetes; build ${i}.`,
        `Filename: deb/stable/falco-${version}-${arch === 'amd64' ? 'x86_64' : 'aarch64'}.deb`,
        `Size: ${10_000_000 + ((i * 104729) % 5_000_000)}`,
        `MD5sum: ${digest('md5')}`,
        `SHA1: ${digest('sha1')}`,
        `SHA256: ${digest('sha256')}`,
        `SHA512: ${digest('sha512')}`
      ].join('\n') + '\n'
    )
  }
  return stanzas.join('\n')
}

describe('xz', () => {
  const small = Buffer.from(packagesText(1))
  const large = Buffer.from(packagesText(7000)) // a little over 5 MB
  // Compressed once for the two cases that look at it: 5 MB at preset 6 takes seconds.
  let largePacked: Promise<Buffer> | undefined
  const packedLarge = () => (largePacked ??= xz(large))

  it('builds inputs of the sizes the cases name', () => {
    expect(small.length).toBeGreaterThan(600)
    expect(large.length).toBeGreaterThan(5_000_000)
  })

  it.each([
    ['empty', Buffer.alloc(0)],
    ['one stanza', small],
    ['5 MB index', large]
  ])(
    '%s: xz -t accepts it and xz -dc gives the input back',
    async (_name, input) => {
      const packed = await (input === large ? packedLarge() : xz(input))
      expect(xzCommand(['-t'], packed).status).toBe(0)
      const unpacked = xzCommand(['-dc'], packed)
      expect(unpacked.status).toBe(0)
      expect(unpacked.stdout.equals(input)).toBe(true)
    },
    60_000
  )

  it('compresses text: a one-stanza index and a 5 MB index both come out smaller', async () => {
    expect((await xz(small)).length).toBeLessThan(small.length)
    const packed = await packedLarge()
    // Digests are incompressible, the rest repeats: xz -6 gets such an index to about a fifth.
    expect(packed.length).toBeLessThan(large.length / 3)
  }, 60_000)

  it('writes streams that concatenate: xz -dc of a.xz + b.xz is a + b', async () => {
    const a = Buffer.from(packagesText(40))
    const b = Buffer.from('Package: falco-driver-loader\nVersion: 0.41.0\n')
    const both = Buffer.concat([await xz(a), await xz(b, 0)])
    expect(xzCommand(['-t'], both).status).toBe(0)
    const unpacked = xzCommand(['-dc'], both)
    expect(unpacked.status).toBe(0)
    expect(unpacked.stdout.equals(Buffer.concat([a, b]))).toBe(true)
  })

  it('takes strings as UTF-8 and writes a CRC64 check, as the xz command does', async () => {
    const text = 'Package: falco\nDescription: sécurité à l’exécution\n'
    const packed = await xz(text)
    expect(xzCommand(['-dc'], packed).stdout.toString('utf8')).toBe(text)
    // xz --list reads only files, not standard input.
    const dir = mkdtempSync(join(tmpdir(), 'xz-list-'))
    try {
      writeFileSync(join(dir, 'Packages.xz'), packed)
      const listing = execFileSync('xz', ['--robot', '--list', join(dir, 'Packages.xz')])
      expect(listing.toString()).toMatch(/^totals\t.*\tCRC64\t/m)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('gives the same bytes for the same input and preset (by-hash copies depend on it)', async () => {
    const input = Buffer.from(packagesText(200))
    expect((await xz(input)).equals(await xz(input))).toBe(true)
    expect((await xz(input, 0)).equals(await xz(input, 0))).toBe(true)
  })

  it('trades size for time by preset, every preset decoding to the input', async () => {
    const input = Buffer.from(packagesText(400))
    const fast = await xz(input, 0)
    const thorough = await xz(input, 7)
    expect(thorough.length).toBeLessThan(fast.length)
    for (const packed of [fast, thorough]) {
      expect(xzCommand(['-dc'], packed).stdout.equals(input)).toBe(true)
    }
  })

  it('cuts the dictionary to the input, compressing as well as the xz command at -6', async () => {
    // A hundred stanzas, Falco's scale: xz -6 would size its tables for an 8 MiB dictionary.
    const input = Buffer.from(packagesText(100))
    const dir = mkdtempSync(join(tmpdir(), 'xz-dict-'))
    try {
      const listed = (packed: Buffer) => {
        writeFileSync(join(dir, 'Packages.xz'), packed)
        const robot = execFileSync('xz', ['--robot', '--list', '-vv', join(dir, 'Packages.xz')])
        const block = robot
          .toString()
          .split('\n')
          .find((line) => line.startsWith('block\t'))
        const fields = block?.split('\t') ?? []
        return { memory: Number(fields.at(-2)), filter: fields.at(-1) }
      }
      const ours = listed(await xz(input))
      expect(input.length).toBeGreaterThan(64 * 1024)
      expect(input.length).toBeLessThan(96 * 1024)
      expect(ours.filter).toBe('--lzma2=dict=96KiB')
      const theirs = xzCommand(['-6', '-c'], input)
      expect(listed(theirs.stdout).filter).toBe('--lzma2=dict=8MiB')
      // What a client needs to decode it: a tenth of a megabyte rather than eight.
      expect(ours.memory).toBeLessThan(listed(theirs.stdout).memory / 32)
      const size = (await xz(input)).length
      expect(Math.abs(size - theirs.stdout.length)).toBeLessThan(theirs.stdout.length / 100)
      // A 5 MB index gets a dictionary of its own size too, which the header rounds up to 6 MiB.
      expect(listed(await packedLarge()).filter).toBe('--lzma2=dict=6MiB')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)

  it('refuses presets the WebAssembly build cannot hold, naming the preset', async () => {
    await expect(xz('x', 8)).rejects.toThrow('xz preset must be an integer from 0 to 7, got 8')
    await expect(xz('x', 2.5)).rejects.toThrow('got 2.5')
    await expect(xz('x', -1)).rejects.toThrow('got -1')
  })

  it("is read back by the action's own decoder", async () => {
    const packed = await xz(small)
    expect(Buffer.from(await decompressMember('Packages.xz', packed)).equals(small)).toBe(true)
  })
})

describe('xz blocks of a segmented index', () => {
  /** One xz stream of `blocks` as Packages.xz joins them. */
  const joined = (blocks: XzBlock[]): Buffer => {
    const frame = xzFrame(blocks)
    return Buffer.concat([frame.head, ...blocks.map((b) => b.bytes), frame.tail])
  }

  it('stores a block under STORED_BELOW bytes, which xz checks and decodes as it does liblzma’s', async () => {
    const texts = [
      Buffer.from(packagesText(1)),
      Buffer.alloc(0),
      Buffer.from('x'),
      Buffer.from(packagesText(200)), // compressed by liblzma
      Buffer.from(packagesText(3)).subarray(0, STORED_BELOW - 1),
      Buffer.from('é, UTF-8, and one byte more than 255: '.padEnd(300, '.'))
    ]
    const blocks = await Promise.all(texts.map((t) => xzBlock(t)))
    expect(blocks.map((b) => b.bytes.length >= b.uncompressedSize)).toEqual(
      texts.map((t) => t.length < STORED_BELOW)
    )
    const stream = joined(blocks)
    // -t checks every CRC (headers, index, and each block's CRC-64 of its data); -dc decodes.
    expect(xzCommand(['-t'], stream).status).toBe(0)
    const decoded = xzCommand(['-dc'], stream)
    expect(decoded.status).toBe(0)
    expect(decoded.stdout.equals(Buffer.concat(texts))).toBe(true)
    expect(
      Buffer.from(await decompressMember('Packages.xz', stream)).equals(Buffer.concat(texts))
    ).toBe(true)
    // The block list as xz reads it: six blocks, the stored ones at their own sizes.
    const dir = mkdtempSync(join(tmpdir(), 'xz-stored-'))
    try {
      writeFileSync(join(dir, 'Packages.xz'), stream)
      const listed = execFileSync('xz', ['--robot', '--list', '-vv', join(dir, 'Packages.xz')])
        .toString()
        .split('\n')
        .filter((line) => line.startsWith('block\t'))
        .map((line) => Number(line.split('\t')[7]))
      expect(listed).toEqual(texts.map((t) => t.length))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('finds a stored block whose data changed by its CRC-64', async () => {
    const block = storedXzBlock(Buffer.from(packagesText(1)))
    const tampered = Buffer.from(block.bytes)
    tampered[20] ^= 1
    expect(xzCommand(['-t'], joined([block])).status).toBe(0)
    expect(xzCommand(['-t'], joined([{ ...block, bytes: tampered }])).status).not.toBe(0)
  })
})
