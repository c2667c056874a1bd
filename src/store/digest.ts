import * as crypto from 'node:crypto'
import { createHash, type Hash } from 'node:crypto'
import { Transform, type TransformCallback } from 'node:stream'

/**
 * A pass-through stream that computes the sha256 and the size of the bytes flowing through it,
 * so an artifact is hashed while it is written and never has to be read twice or held in memory.
 */
export class Sha256Stream extends Transform {
  private readonly hash: Hash = createHash('sha256')
  private bytes = 0
  private hex: string | undefined
  /** With `keep`, a copy of the hash before it was finished (see PutOptions.keepHash). */
  hashed: Hash | undefined

  constructor(private readonly keep = false) {
    super()
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk)
    this.bytes += chunk.length
    done(null, chunk)
  }

  override _flush(done: TransformCallback): void {
    if (this.keep) this.hashed = this.hash.copy()
    this.hex = this.hash.digest('hex')
    done()
  }

  /** The digest of everything that passed through; only known once the stream has ended. */
  get sha256(): string {
    if (this.hex === undefined) throw new Error('sha256 asked for before the stream ended')
    return this.hex
  }

  get size(): number {
    return this.bytes
  }
}

/**
 * The sha256 of bytes in memory, as lowercase hex: the one helper for that, beside the stream's.
 * By Node's one-shot `crypto.hash` where it has one (20.12, 21.7 and later): no Hash object to
 * build, half the time of createHash for the few-KiB indexes and signatures verify hashes.
 */
export function sha256Hex(data: Uint8Array | string): string {
  return oneShot ? oneShot('sha256', data) : createHash('sha256').update(data).digest('hex')
}

const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array | string) => string }).hash

/** Reads a stream to its end and returns its sha256 and size, holding one chunk at a time. */
export async function sha256Of(
  source: AsyncIterable<Uint8Array | string>
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    hash.update(bytes)
    size += bytes.length
  }
  return { sha256: hash.digest('hex'), size }
}
