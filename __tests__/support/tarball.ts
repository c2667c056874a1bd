import { gzipSync } from 'node:zlib'

/**
 * A real gzip'd tar of small text files, written by hand (ustar headers, as tar(1) writes them):
 * what the package stage accepts as a tarball, for tests that publish one.
 */
export function tarGz(files: Record<string, string> | string): Buffer {
  return gzipSync(tarOf(typeof files === 'string' ? { 'falco/VERSION': files } : files))
}

export function tarOf(files: Record<string, string>): Buffer {
  const blocks: Buffer[] = []
  for (const [name, content] of Object.entries(files)) {
    const body = Buffer.from(content)
    blocks.push(tarHeader(name, body.length), body, Buffer.alloc((512 - (body.length % 512)) % 512))
  }
  blocks.push(Buffer.alloc(1024))
  return Buffer.concat(blocks)
}

/** The ustar header of a regular file of `size` bytes (its content follows, padded to 512). */
export function tarHeader(name: string, size: number): Buffer {
  const h = Buffer.alloc(512)
  h.write(name, 0)
  h.write('0000644\0', 100)
  h.write('0000000\0', 108)
  h.write('0000000\0', 116)
  h.write(size.toString(8).padStart(11, '0') + '\0', 124)
  h.write('00000000000\0', 136)
  h.write('        ', 148)
  h.write('0', 156)
  h.write('ustar\x0000', 257)
  let sum = 0
  for (const b of h) sum += b
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148)
  return h
}
