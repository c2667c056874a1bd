import { closeSync, fstatSync, openSync, readSync } from 'node:fs'

/**
 * Local files are read 1 MiB at a time (16 times fewer chunks through a hash than a stream's
 * default), and one of up to that size in a single read (`readSmallFile`).
 */
export const READ_CHUNK = 1 << 20

/**
 * The bytes of a local file of at most `limit` bytes, in one read; undefined when it is larger
 * (the caller streams it then). For the few-hundred-byte packages and signatures of a small
 * publish, a read stream's open, chunks and close cost more than the bytes themselves. Errors
 * (a missing file) are thrown with the messages a stream would give.
 */
export function readSmallFile(file: string, limit: number): Buffer | undefined {
  const fd = openSync(file, 'r')
  try {
    const size = fstatSync(fd).size
    if (size > limit) return undefined
    return readInto(fd, Buffer.allocUnsafe(size), 0)
  } finally {
    closeSync(fd)
  }
}

/**
 * `bytes` filled from `fd` at `position`, as far as the file goes: the bytes read (a file that
 * shrank since its size was taken gives fewer).
 */
export function readInto(fd: number, bytes: Buffer, position: number): Buffer {
  let at = 0
  while (at < bytes.length) {
    const read = readSync(fd, bytes, at, bytes.length - at, position + at)
    if (read === 0) break
    at += read
  }
  return bytes.subarray(0, at)
}
