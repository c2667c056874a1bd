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

/** xz stream flags: no reserved bits, CRC64 check (what liblzma writes by default, as we ask). */
const XZ_FLAGS = Buffer.from([0x00, 0x04])
const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])

/** One xz block: its bytes (header, LZMA2 data, padding, check) and the sizes a stream index lists. */
export interface XzBlock {
  bytes: Buffer
  unpaddedSize: number
  uncompressedSize: number
}

/**
 * `data` compressed as a single xz block, cut out of the one-block stream liblzma writes. Blocks
 * compressed apart can be joined into one stream under a new index (`xzFrame`), as multi-threaded
 * xz does: apt reads one xz stream only, so concatenated streams would not do.
 */
export async function xzBlock(data: Uint8Array | string, preset = 6): Promise<XzBlock> {
  const stream = await xz(data, preset)
  const fail = (why: string): never => {
    throw new Error(`xz encoder output: ${why}`)
  }
  if (!stream.subarray(0, 6).equals(XZ_MAGIC) || !stream.subarray(6, 8).equals(XZ_FLAGS))
    fail('not a CRC64 xz stream')
  const footer = stream.subarray(stream.length - 12)
  const indexSize = (footer.readUInt32LE(4) + 1) * 4
  const indexStart = stream.length - 12 - indexSize
  let at = 1 // the index indicator byte
  const read = (): number => {
    const [value, next] = readVarint(stream.subarray(indexStart), at)
    at = next
    return value
  }
  if (read() !== 1) fail('expected exactly one block')
  const unpaddedSize = read()
  const uncompressedSize = read()
  const bytes = stream.subarray(12, indexStart)
  if (bytes.length !== Math.ceil(unpaddedSize / 4) * 4) fail('block size disagrees with its index')
  return { bytes, unpaddedSize, uncompressedSize }
}

/** The stream header, and the index and footer, that make `blocks` (in order) one xz stream. */
/** The xz stream header's length: magic, stream flags, their CRC32. */
export const XZ_HEADER_LENGTH = 12

export function xzFrame(blocks: Array<Omit<XzBlock, 'bytes'>>): { head: Buffer; tail: Buffer } {
  const head = Buffer.concat([XZ_MAGIC, XZ_FLAGS, le32(crc32(XZ_FLAGS))])
  const indexBody = Buffer.concat([
    Buffer.from([0x00]),
    varint(blocks.length),
    ...blocks.flatMap((b) => [varint(b.unpaddedSize), varint(b.uncompressedSize)])
  ])
  const index = Buffer.concat([indexBody, Buffer.alloc((4 - (indexBody.length % 4)) % 4)])
  const indexWithCrc = Buffer.concat([index, le32(crc32(index))])
  const footerBody = Buffer.concat([le32(indexWithCrc.length / 4 - 1), XZ_FLAGS])
  const tail = Buffer.concat([indexWithCrc, le32(crc32(footerBody)), footerBody, Buffer.from('YZ')])
  return { head, tail }
}

function readVarint(buf: Buffer, at: number): [value: number, next: number] {
  let value = 0
  for (let shift = 1; ; shift *= 128) {
    if (at >= buf.length) throw new Error('xz encoder output: truncated index')
    const byte = buf[at++]
    value += (byte & 0x7f) * shift
    if (byte < 0x80) return [value, at]
  }
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
