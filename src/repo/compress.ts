import { crc32, gzipSync } from 'node:zlib'

/** Index compression for apt (`Packages.gz`, `Packages.xz`) and dnf (`*.xml.gz`). */
export function gzip(data: Uint8Array | string): Buffer {
  // mtime 0 in the gzip header (zlib's default): the same index always compresses to the same bytes.
  return gzipSync(typeof data === 'string' ? Buffer.from(data) : data, { level: 6 })
}

type Encoder = typeof import('node-liblzma/wasm')

// The encoder module and its WebAssembly (liblzma itself, ~107 KB) are loaded on the first call
// only, so a run that writes no Packages.xz never pays for them. The library keeps one
// initialised wasm instance for the process; this keeps one import of it.
let encoder: Promise<Encoder> | undefined

/**
 * An .xz stream of `data`, LZMA2-compressed by liblzma (compiled to WebAssembly: no native
 * code in the bundle), with a CRC64 check as the `xz` command writes by default. The same input
 * and preset always give the same bytes, which the by-hash copies of an index rely on.
 *
 * `preset` is xz's `-0` .. `-7`; 6 is xz's default. Presets 8 and 9 need 370 and 674 MiB of
 * encoder memory, more than the WebAssembly build can address, and are refused here by name
 * rather than failing inside liblzma with "Cannot allocate memory".
 */
export async function xz(data: Uint8Array | string, preset = 6): Promise<Buffer> {
  if (!Number.isInteger(preset) || preset < 0 || preset > 7) {
    throw new RangeError(`xz preset must be an integer from 0 to 7, got ${preset}`)
  }
  const input = typeof data === 'string' ? Buffer.from(data) : data
  let lzma: Encoder
  try {
    lzma = await (encoder ??= import('node-liblzma/wasm'))
    await lzma.initModule()
  } catch (err) {
    encoder = undefined // a later call tries again rather than repeating a stale failure
    throw new Error(
      `cannot load the xz encoder (node-liblzma WebAssembly; in the bundle, liblzma.wasm beside its chunk): ${err instanceof Error ? err.message : String(err)}`,
      { cause: err }
    )
  }
  const out = await lzma.xzAsync(input, { preset })
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength)
}

/**
 * An .xz container holding the data in LZMA2 *uncompressed* chunks: valid, but not smaller than
 * the input. Superseded by `xz()`; kept only while apt.ts and two tests still call it.
 */
export function xzStored(input: Uint8Array | string): Buffer {
  const data = typeof input === 'string' ? Buffer.from(input) : Buffer.from(input)
  const flags = Buffer.from([0x00, 0x01]) // check type: CRC32
  const parts: Buffer[] = [
    Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]),
    flags,
    le32(crc32(flags))
  ]
  const records: Array<[unpadded: number, size: number]> = []
  if (data.length > 0) {
    // Block header: size, flags (1 filter, no sizes), LZMA2 filter id + 1 property byte, padding, CRC32.
    const head = Buffer.from([0x02, 0x00, 0x21, 0x01, 0x00, 0x00, 0x00, 0x00])
    const blockHeader = Buffer.concat([head, le32(crc32(head))])
    const chunks: Buffer[] = []
    for (let off = 0, first = true; off < data.length; off += 0x10000, first = false) {
      const piece = data.subarray(off, off + 0x10000)
      const control = Buffer.from([
        first ? 0x01 : 0x02,
        (piece.length - 1) >> 8,
        (piece.length - 1) & 0xff
      ])
      chunks.push(control, piece)
    }
    chunks.push(Buffer.from([0x00]))
    const compressed = Buffer.concat(chunks)
    parts.push(
      blockHeader,
      compressed,
      Buffer.alloc((4 - (compressed.length % 4)) % 4),
      le32(crc32(data))
    )
    records.push([blockHeader.length + compressed.length + 4, data.length])
  }
  const indexBody = Buffer.concat([
    Buffer.from([0x00]),
    varint(records.length),
    ...records.flatMap(([u, s]) => [varint(u), varint(s)])
  ])
  const index = Buffer.concat([indexBody, Buffer.alloc((4 - (indexBody.length % 4)) % 4)])
  const indexWithCrc = Buffer.concat([index, le32(crc32(index))])
  const footerBody = Buffer.concat([le32(indexWithCrc.length / 4 - 1), flags])
  parts.push(indexWithCrc, le32(crc32(footerBody)), footerBody, Buffer.from('YZ'))
  return Buffer.concat(parts)
}

function le32(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(n >>> 0)
  return b
}

function varint(n: number): Buffer {
  const out: number[] = []
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80)
    n = Math.floor(n / 128)
  }
  out.push(n)
  return Buffer.from(out)
}
