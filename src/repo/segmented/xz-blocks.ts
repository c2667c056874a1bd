/**
 * xz framing for segmented indexes: apt reads Packages.xz as one xz stream, so each segment is
 * compressed as one block (cut from the stream liblzma writes) and the published file is the
 * blocks under a stream header and an index listing them all, as multi-threaded xz writes.
 */
import { crc32 } from 'node:zlib'
import { xz } from '../compress.js'
import { crc64 } from '../crc64.js'

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
 * Below this many bytes a block is stored, not compressed (`storedXzBlock`). A publish that adds
 * a package or two builds one such segment: compressing its 1-3 KB would save a kilobyte or two,
 * and loading liblzma's WebAssembly to do it costs 10-17 ms of CPU, a tenth of adding one
 * package to a hundred. Segments this small are the newest ones, merged into larger (and then
 * compressed) segments by the next publishes, so the bytes they add to Packages.xz stay a few
 * kilobytes at most.
 */
export const STORED_BELOW = 4096

/**
 * `data` as a single xz block: compressed by liblzma (cut out of the one-block stream it
 * writes), or stored when it is under STORED_BELOW bytes. Blocks made apart can be joined into
 * one stream under a new index (`xzFrame`), as multi-threaded xz does: apt reads one xz stream
 * only, so concatenated streams would not do.
 */
export async function xzBlock(data: Uint8Array | string, preset = 6): Promise<XzBlock> {
  const input = typeof data === 'string' ? Buffer.from(data) : data
  if (input.length < STORED_BELOW) return storedXzBlock(input)
  const stream = await xz(input, preset)
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

/**
 * `data` (at most 64 KiB) as an xz block whose LZMA2 data is one uncompressed chunk, which every
 * xz decoder reads (the .xz and LZMA2 formats: a block header naming the LZMA2 filter, chunk
 * control byte 1 = "uncompressed, dictionary reset", its size less one, the bytes, the end
 * marker 0), padded to four bytes and followed by the CRC-64 of the data (the stream's check).
 */
export function storedXzBlock(data: Uint8Array): XzBlock {
  if (data.length > 0x10000) throw new RangeError(`a stored xz block holds at most 64 KiB`)
  // Block header: its size in 4-byte units less one, flags (one filter, no sizes given), the
  // LZMA2 filter (id 0x21, one byte of properties: the smallest dictionary, 4 KiB, which holds
  // what a stored chunk needs), padding to the next 4 bytes with its CRC32.
  const header = Buffer.from([0x02, 0x00, 0x21, 0x01, 0x00, 0x00, 0x00, 0x00])
  let dict = 0
  while (dictionarySize(dict) < data.length) dict++
  header[4] = dict
  const chunk =
    data.length === 0
      ? Buffer.from([0x00])
      : Buffer.concat([
          Buffer.from([0x01, (data.length - 1) >> 8, (data.length - 1) & 0xff]),
          data,
          Buffer.from([0x00])
        ])
  const unpadded = header.length + 4 + chunk.length
  const padding = Buffer.alloc((4 - (unpadded % 4)) % 4)
  const bytes = Buffer.concat([header, le32(crc32(header)), chunk, padding, crc64(data)])
  return { bytes, unpaddedSize: unpadded + 8, uncompressedSize: data.length }
}

/** LZMA2's dictionary size for its one property byte (the LZMA2 format: 2 or 3, shifted). */
function dictionarySize(bits: number): number {
  return (2 | (bits & 1)) * 2 ** (Math.floor(bits / 2) + 11)
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
