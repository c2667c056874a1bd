import { gunzipSync } from 'node:zlib'
import { decompress as zstdDecompress } from 'fzstd'
import xz from 'xz-decompress'

/**
 * Decompresses a small archive member (a control.tar, an rpm header never needs it) by the
 * suffix of its name. Node 20 has gzip only; xz (Debian) and zstd (Ubuntu) come from pure-JS /
 * WebAssembly decoders so the bundle needs no native code.
 */
export async function decompressMember(name: string, data: Uint8Array): Promise<Uint8Array> {
  if (name.endsWith('.gz')) return gunzipSync(data)
  if (name.endsWith('.zst')) return zstdDecompress(data)
  if (name.endsWith('.xz')) return readWebStream(new xz.XzReadableStream(webStreamOf(data)))
  if (!/\.(bz2|lzma)$/.test(name)) return data
  throw new Error(`unsupported compression for ${name}`)
}

function webStreamOf(data: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(data)
      controller.close()
    }
  })
}

async function readWebStream(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return Buffer.concat(chunks)
    chunks.push(value)
  }
}
