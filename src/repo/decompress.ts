import { gunzipSync } from 'node:zlib'

/**
 * Decompresses a small file by the suffix of its name: a .deb's control.tar member, or the
 * repodata another tool wrote (createrepo_c writes gz, xz, zstd or bz2). Node has gzip; zstd
 * comes from a pure-JS decoder, xz from liblzma compiled to WebAssembly (the same module that
 * writes Packages.xz), bzip2 from a small pure-JS decoder (SheetJS's): the bundle needs no native code. The
 * decoders load on first use, so a run that meets none of them never pays for them.
 */
export async function decompressMember(name: string, data: Uint8Array): Promise<Uint8Array> {
  if (name.endsWith('.gz')) return gunzipSync(data)
  if (name.endsWith('.zst')) return (await import('fzstd')).decompress(data)
  if (name.endsWith('.xz')) return unxz(name, data)
  if (name.endsWith('.bz2')) return bunzip2(name, data)
  if (!/\.(lzma|zck)$/.test(name)) return data
  throw new Error(`${name}: unsupported compression (gz, xz, zst and bz2 are read)`)
}

async function unxz(name: string, data: Uint8Array): Promise<Uint8Array> {
  const lzma = await import('node-liblzma/wasm')
  await lzma.initModule()
  try {
    return await lzma.unxzAsync(data)
  } catch (e) {
    throw new Error(`${name}: not a valid xz file (${(e as Error).message})`, { cause: e })
  }
}

async function bunzip2(name: string, data: Uint8Array): Promise<Uint8Array> {
  const { decompress } = (await import('bz2')).default ?? (await import('bz2'))
  try {
    return Buffer.concat(bzip2Streams(data).map((stream) => decompress(stream, true)))
  } catch (e) {
    throw new Error(`${name}: not a valid bzip2 file (${(e as Error).message})`, { cause: e })
  }
}

/**
 * The streams of a bzip2 file, one after another (pbzip2 and `cat a.bz2 b.bz2` write several;
 * the decoder reads one). A stream opens with `BZh<level>` and the 48-bit magic of a block or
 * of the end of stream; ten bytes that, inside compressed data, match by chance about once in
 * 2^80 bytes.
 */
export function bzip2Streams(data: Uint8Array): Uint8Array[] {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  const opens = (at: number): boolean =>
    bytes[at] === 0x42 &&
    bytes[at + 1] === 0x5a &&
    bytes[at + 2] === 0x68 &&
    bytes[at + 3] >= 0x31 &&
    bytes[at + 3] <= 0x39 &&
    (bytes.subarray(at + 4, at + 10).equals(BLOCK_MAGIC) ||
      bytes.subarray(at + 4, at + 10).equals(END_MAGIC))
  const starts = [0]
  for (let at = bytes.indexOf('BZh', 1); at > 0; at = bytes.indexOf('BZh', at + 1))
    if (opens(at)) starts.push(at)
  return starts.map((start, i) => bytes.subarray(start, starts[i + 1] ?? bytes.length))
}

const BLOCK_MAGIC = Buffer.from([0x31, 0x41, 0x59, 0x26, 0x53, 0x59])
const END_MAGIC = Buffer.from([0x17, 0x72, 0x45, 0x38, 0x50, 0x90])
