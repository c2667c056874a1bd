import { createHash, type Hash } from 'node:crypto'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { XML_FILES } from '../../repo/rpm/repodata.js'
import type { DnfSnapshot } from './dnf-snapshot.js'

/**
 * repomd.xml's open digests: the SHA-256 and size of each XML file uncompressed, which the
 * package count heading each file makes a pass over all of it.
 */

/** A SHA-256 over the start of an uncompressed XML file, and how many bytes it has seen. */
export interface OpenHash {
  hash: Hash
  size: number
}

/**
 * Starts the open digests of the next repodata before the change is merged, on the likely
 * guess that it adds `adding` packages and drops none: each XML file opens with the package
 * count, so its uncompressed SHA-256 must be taken from the first byte, over every package,
 * inflated. Begun while the packages are signed and stored, it is off the publish's critical
 * path; the commit adds the new packages' XML to a copy of each hash, or, when the guess was
 * wrong (packages replaced or removed), hashes the files it writes.
 */
export function hashAhead(snapshot: DnfSnapshot, adding: number): void {
  const layout = snapshot.layout
  if (!layout || snapshot.ahead) return
  const count = snapshot.segments.reduce((n, s) => n + s.count, 0) + adding
  const hashes = layout.bodies().then((gz) =>
    Promise.all(
      XML_FILES.map(async (f, i) => {
        const hash = createHash('sha256')
        const head = Buffer.from(f.open(count))
        hash.update(head)
        const end = snapshot.segments.reduce((at, s) => at + s.lengths[i], layout.heads[i])
        const opened = await inflateInto(hash, gz[i].subarray(layout.heads[i], end))
        return { hash, size: head.length + opened }
      })
    )
  )
  hashes.catch(() => {}) // a failure shows where it is used, or the guess goes unused
  snapshot.ahead = { count, hashes }
}

/** Inflates gzip members into a hash as they stream; returns the uncompressed length. */
async function inflateInto(hash: Hash, gz: Buffer): Promise<number> {
  let size = 0
  if (gz.length === 0) return size
  await pipeline(Readable.from([gz]), createGunzip({ chunkSize: 1 << 20 }), async (source) => {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      hash.update(chunk)
      size += chunk.length
    }
  })
  return size
}

/** SHA-256 and size of what a gzip file decompresses to. */
export async function openDigest(gz: Buffer): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256')
  const size = await inflateInto(hash, gz)
  return { sha256: hash.digest('hex'), size }
}
