import { createReadStream, type ReadStream } from 'node:fs'
import { createGunzip } from 'node:zlib'
import * as path from 'node:path'
import { PackageFormatError } from '../format-error.js'

/**
 * A file published as `<name>-<version>-<arch>.tar.gz` must be a gzip'd tar: an empty file, or
 * bytes of another kind, would be listed in SHA256SUMS and downloaded by users as a release.
 * Reads only what it needs: the gzip header and the first tar header (512 bytes) behind it.
 */
export async function checkGzipTar(file: string, display = path.basename(file)): Promise<void> {
  const fail = (problem: string): never => {
    throw new PackageFormatError(
      display,
      `${problem}; a tarball is published as a gzip'd tar (tar czf <name>-<version>-<arch>.tar.gz ...)`
    )
  }
  const first = createReadStream(file, { start: 0, end: 1 })
  const head = await firstBytes(first, 2).finally(() => closed(first))
  if (head.length === 0) fail('the file is empty')
  if (head[0] !== 0x1f || head[1] !== 0x8b) fail('not gzip-compressed (no gzip header)')
  let block: Buffer
  // Closed here, once read or failed: ending the gunzip stream does not close the file piped
  // into it, which would stay open until the process exits (a descriptor per tarball).
  const source = createReadStream(file)
  try {
    block = await firstBytes(source.pipe(createGunzip()), 512)
  } catch (e) {
    return fail(`the gzip data is damaged (${(e as Error).message})`)
  } finally {
    await closed(source)
  }
  if (block.length < 512 || !isTarHeader(block)) fail('gzip holds no tar archive')
}

/** Destroys a file stream and waits until its descriptor is closed. */
async function closed(stream: ReadStream): Promise<void> {
  if (stream.closed) return
  const done = new Promise<void>((resolve) => stream.once('close', () => resolve()))
  stream.on('error', () => {}) // an open that fails ends it too; its error is reported already
  stream.destroy()
  await done
}

/** The first `n` bytes of a stream (fewer when it ends sooner), then stops reading it. */
async function firstBytes(stream: NodeJS.ReadableStream, n: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer)
    size += (chunk as Buffer).length
    if (size >= n) break
  }
  ;(stream as unknown as { destroy?: () => void }).destroy?.()
  return Buffer.concat(chunks).subarray(0, n)
}

/** A tar header block: its checksum (bytes 148-155, octal) is the sum of its bytes, that field as spaces. */
function isTarHeader(block: Buffer): boolean {
  const field = block
    .subarray(148, 156)
    .toString('latin1')
    .replace(/[\0 ]+$/, '')
    .trim()
  if (!/^[0-7]+$/.test(field)) return false
  let sum = 0
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]
  return sum === parseInt(field, 8)
}
