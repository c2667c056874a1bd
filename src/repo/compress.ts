import { crc32, gzipSync } from 'node:zlib'

/** Index compression for apt (`Packages.gz`, `Packages.xz`) and dnf (`*.xml.gz`). */
export function gzip(data: Uint8Array | string): Buffer {
  // mtime 0 in the gzip header (zlib's default): the same index always compresses to the same bytes.
  return gzipSync(typeof data === 'string' ? Buffer.from(data) : data, { level: 6 })
}

/**
 * An .xz container holding the data in LZMA2 *uncompressed* chunks. Node has no xz encoder and
 * the bundle takes no native code; apt (and every xz reader) accepts this valid .xz, it just is
 * not smaller than the input. Clients that care about size get Packages.gz.
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
