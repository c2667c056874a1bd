import { gunzipSync } from 'node:zlib'
import { decompress as zstdDecompress } from 'fzstd'

/**
 * Decompresses a small file by the suffix of its name: a .deb's control.tar member, or the
 * repodata another tool wrote (createrepo_c writes gz, xz, zstd or bz2). Node has gzip; zstd
 * comes from a pure-JS decoder, xz from liblzma compiled to WebAssembly (the same module that
 * writes Packages.xz), bzip2 from a pure-JS decoder: the bundle needs no native code. The
 * decoders load on first use, so a run that meets none of them never pays for them.
 */
export async function decompressMember(name: string, data: Uint8Array): Promise<Uint8Array> {
  if (name.endsWith('.gz')) return gunzipSync(data)
  if (name.endsWith('.zst')) return zstdDecompress(data)
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
  const { default: Bunzip } = await import('seek-bzip')
  try {
    // Multistream: `pbzip2` and `cat a.bz2 b.bz2` write several streams, read as one file.
    return Bunzip.decode(
      Buffer.from(data.buffer, data.byteOffset, data.byteLength),
      undefined,
      true
    )
  } catch (e) {
    throw new Error(`${name}: not a valid bzip2 file (${String(e)})`, { cause: e })
  }
}
