/**
 * xz framing for segmented indexes: apt reads Packages.xz as one xz stream, so each segment is
 * compressed as one block (cut from the stream liblzma writes) and the published file is the
 * blocks under a stream header and an index listing them all, as multi-threaded xz writes.
 */
import { crc32 } from 'node:zlib'
import { xz } from '../compress.js'

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

/** The xz stream header's length: magic, stream flags, their CRC32. */
export const XZ_HEADER_LENGTH = 12

/** The stream header, and the index and footer, that make `blocks` (in order) one xz stream. */
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
