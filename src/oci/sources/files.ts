import { createReadStream } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import * as path from 'node:path'
import { Readable } from 'node:stream'
import { indexTar } from '../tar-index.js'

/**
 * The files of an image source, wherever they sit: a directory (an OCI layout) or a tar
 * archive (oci-archive, docker-archive). Blobs are opened as streams, byte ranges included,
 * so that layers go from disk to the registry without being held in memory or extracted.
 */
export interface ImageFiles {
  /** The directory or archive, for errors. */
  readonly where: string
  /** A small file read whole (index.json, manifests, configs); undefined when absent. */
  read(name: string): Promise<Buffer | undefined>
  /** A file's size, or undefined when absent. */
  size(name: string): Promise<number | undefined>
  /** A file's bytes, or a range of them (inclusive end). */
  open(name: string, range?: { start: number; end: number }): Readable
}

/** Files under a directory; names are '/'-separated and may not leave it. */
export function directoryFiles(dir: string): ImageFiles {
  const resolve = (name: string): string => {
    const full = path.resolve(dir, name)
    if (full !== dir && !full.startsWith(dir + path.sep)) {
      throw new Error(`${dir}: ${JSON.stringify(name)} points outside the image layout`)
    }
    return full
  }
  return {
    where: dir,
    async read(name) {
      try {
        return await readFile(resolve(name))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
    },
    async size(name) {
      try {
        const info = await stat(resolve(name))
        return info.isFile() ? info.size : undefined
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
    },
    open(name, range) {
      return createReadStream(resolve(name), range ? { start: range.start, end: range.end } : {})
    }
  }
}

/** Files inside a tar archive, located once by their headers and read as byte ranges. */
export async function archiveFiles(file: string): Promise<ImageFiles> {
  const entries = await indexTar(file)
  const find = (name: string) => entries.get(path.posix.normalize(name).replace(/^(\.\/)+/, ''))
  const rangeOf = (name: string, range?: { start: number; end: number }) => {
    const entry = find(name)
    if (!entry) throw new Error(`${file}: no ${name} in the archive`)
    if (entry.size === 0) return undefined
    const start = entry.offset + (range?.start ?? 0)
    const end = entry.offset + (range?.end ?? entry.size - 1)
    return { start, end }
  }
  return {
    where: file,
    async read(name) {
      const entry = find(name)
      if (!entry) return undefined
      const range = rangeOf(name)
      if (!range) return Buffer.alloc(0)
      const chunks: Buffer[] = []
      for await (const chunk of createReadStream(file, range)) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks)
    },
    async size(name) {
      return find(name)?.size
    },
    open(name, range) {
      const r = rangeOf(name, range)
      return r ? createReadStream(file, r) : Readable.from([])
    }
  }
}
