import { open } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { releaseChunk } from '../net/node-http.js'
import { unreadFileOf, type Body } from './store.js'

/*
 * How the S3 store sends an object: one PutObject when it fits in a part, else a multipart upload
 * whose parts are read, in order, into a fixed set of reused buffers (one per part in flight).
 * The AWS SDK's lib-storage gathered each part into a fresh buffer and copied it once more, so a
 * large upload left ~90 MiB of parts waiting for the collector; here the memory an upload holds is
 * partsInFlight x partBytes, whatever the object's size. A part's buffer is read into again only
 * once its request has settled (the SDK's retries of that part send the same buffer).
 */

/** Where the bytes come from: read in order, one part at a time. */
export interface PartSource {
  /** The body's length, when known before reading (a Buffer, a local file). */
  readonly size: number | undefined
  /**
   * The next `length` bytes, fewer only at the end (empty after it): read into the buffer
   * `into()` hands out (at least `length` long) by a source that copies, or a view of its own
   * bytes by one in memory (which never asks for a buffer).
   */
  read(length: number, into: () => Buffer): Promise<Buffer>
  /** Releases the file or stream (also when the upload stopped early). */
  close(): Promise<void>
}

/** The requests of an upload, bound to one bucket and key by the store. */
export interface UploadTarget {
  /** One PutObject of the whole body; its etag. */
  put(body: Buffer): Promise<string | undefined>
  /** CreateMultipartUpload; the upload's id. */
  create(): Promise<string>
  /** UploadPart; the part's etag. */
  part(uploadId: string, number: number, body: Buffer, signal: AbortSignal): Promise<string>
  /** CompleteMultipartUpload; the object's etag. */
  complete(
    uploadId: string,
    parts: { PartNumber: number; ETag: string }[]
  ): Promise<string | undefined>
  /** AbortMultipartUpload: the parts sent are dropped. */
  abort(uploadId: string): Promise<void>
}

export interface UploadShape {
  partBytes: number
  partsInFlight: number
}

/** S3 takes at most 10,000 parts; a known size beyond them gets larger parts. */
const MAX_PARTS = 10_000

/**
 * Sends `source` to `target`, handing each part to `seen` in order before it is sent (the
 * store's hash). Resolves with the object's etag (undefined when the service gave none) and its
 * size. A failure aborts the parts in flight and the multipart upload: nothing becomes visible.
 * The source's own errors come out as they are, the target's as the target threw them.
 */
export async function uploadParts(
  source: PartSource,
  target: UploadTarget,
  shape: UploadShape,
  seen: (part: Buffer) => void
): Promise<{ etag: string | undefined; size: number }> {
  try {
    const known = source.size
    const partBytes =
      known === undefined
        ? shape.partBytes
        : Math.max(shape.partBytes, Math.ceil(known / MAX_PARTS))
    // A known size that fits one part is read into a buffer one byte longer, so that its end
    // shows (a short read) without a second read.
    const firstLength = known !== undefined && known <= partBytes ? known + 1 : partBytes
    let firstBuffer: Buffer | undefined
    const first = await source.read(
      firstLength,
      () => (firstBuffer = Buffer.allocUnsafeSlow(firstLength))
    )
    if (first.length < firstLength) {
      seen(first)
      const size = first.length
      const etag = await target.put(first)
      if (firstBuffer) releaseChunk(firstBuffer)
      return { etag, size }
    }
    if (firstLength < partBytes)
      throw new Error(`the body grew while it was read (${known} bytes when the upload began)`)
    return await multipart(source, target, partBytes, shape.partsInFlight, seen, first, firstBuffer)
  } finally {
    await source.close()
  }
}

async function multipart(
  source: PartSource,
  target: UploadTarget,
  partBytes: number,
  partsInFlight: number,
  seen: (part: Buffer) => void,
  first: Buffer,
  firstBuffer: Buffer | undefined
): Promise<{ etag: string | undefined; size: number }> {
  const uploadId = await target.create()
  const stop = new AbortController()
  const parts: { PartNumber: number; ETag: string }[] = []
  const inFlight = new Set<Promise<void>>()
  /** Part buffers whose requests have settled, to be read into again. */
  const free: Buffer[] = []
  /** Every part buffer this upload made, freed at its end (see below). */
  const made: Buffer[] = firstBuffer ? [firstBuffer] : []
  let failure: { error: unknown } | undefined
  let size = 0
  /** `owned`: the buffer the part was read into (none when it is a view of the caller's bytes). */
  const send = (number: number, body: Buffer, owned: Buffer | undefined): void => {
    seen(body)
    size += body.length
    const sent: Promise<void> = target.part(uploadId, number, body, stop.signal).then((etag) => {
      parts.push({ PartNumber: number, ETag: etag })
      inFlight.delete(sent)
      if (owned) free.push(owned)
    })
    // Seen by Promise.race/all below; until then, a failure is only noted (never unhandled).
    sent.catch((error: unknown) => {
      failure ??= { error }
    })
    inFlight.add(sent)
  }
  try {
    send(1, first, firstBuffer)
    for (let number = 2; ; number++) {
      // A part is read only once fewer than partsInFlight are in flight: their buffers are all.
      while (inFlight.size >= partsInFlight) await Promise.race(inFlight)
      if (failure) throw failure.error
      let owned: Buffer | undefined
      const part = await source.read(
        partBytes,
        () => (owned = free.pop() ?? made[made.push(Buffer.allocUnsafeSlow(partBytes)) - 1])
      )
      if (part.length > 0) send(number, part, owned)
      if (part.length < partBytes) break
    }
    await Promise.all(inFlight)
    parts.sort((a, b) => a.PartNumber - b.PartNumber)
    const etag = await target.complete(uploadId, parts)
    // Every part's request has been answered, so none is still being sent: the buffers are freed
    // now (Node 22+; Node 20 cannot) rather than left to the collector, whose next run may come
    // only once the verify stage has downloaded tens of MiB more.
    for (const buffer of made) releaseChunk(buffer)
    return { etag, size }
  } catch (error) {
    // The parts still in flight are stopped and settled first, so that the abort drops them all.
    stop.abort()
    await Promise.allSettled(inFlight)
    await target.abort(uploadId).catch(() => undefined)
    throw error
  }
}

/**
 * The source for a put's body: bytes in memory as they are; a local file just opened
 * (`createReadStream(file)`, nothing read yet) by positional reads into the part buffers, with no
 * stream between; any other stream copied chunk by chunk into them.
 */
export async function partSource(body: Body): Promise<PartSource> {
  // A Buffer is sent as it is (views of it, never written into): no copy.
  if (typeof body === 'string' || Buffer.isBuffer(body))
    return memorySource(Buffer.isBuffer(body) ? body : Buffer.from(body))
  const file = unreadFileOf(body)
  if (file !== undefined) {
    body.destroy()
    return fileSource(file)
  }
  return streamSource(body)
}

function memorySource(bytes: Buffer): PartSource {
  let at = 0
  return {
    size: bytes.length,
    read: async (length) => {
      const part = bytes.subarray(at, at + length)
      at += part.length
      return part
    },
    close: async () => undefined
  }
}

async function fileSource(file: string): Promise<PartSource> {
  const handle = await open(file, 'r')
  let size: number
  try {
    size = (await handle.stat()).size
  } catch (error) {
    await handle.close()
    throw error
  }
  let position = 0
  let closed = false
  return {
    size,
    read: async (length, into) => {
      const buffer = into()
      let filled = 0
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, position)
        if (bytesRead === 0) break
        filled += bytesRead
        position += bytesRead
      }
      return buffer.subarray(0, filled)
    },
    close: async () => {
      if (closed) return
      closed = true
      await handle.close()
    }
  }
}

function streamSource(body: Readable): PartSource {
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>
  let rest: Buffer = Buffer.alloc(0)
  let ended = false
  return {
    size: undefined,
    read: async (length, into) => {
      const buffer = into()
      let filled = 0
      while (filled < length) {
        if (rest.length === 0) {
          if (ended) break
          const next = await chunks.next()
          if (next.done) {
            ended = true
            break
          }
          rest = typeof next.value === 'string' ? Buffer.from(next.value) : next.value
        }
        const copied = rest.copy(buffer, filled, 0, Math.min(rest.length, length - filled))
        filled += copied
        rest = rest.subarray(copied)
      }
      return buffer.subarray(0, filled)
    },
    close: async () => {
      // Stops (and destroys) the stream when the upload ended before it did.
      if (!ended) await chunks.return?.()
    }
  }
}
