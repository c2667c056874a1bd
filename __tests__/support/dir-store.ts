import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises'
import * as path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createWriteStream } from 'node:fs'
import {
  checkKey,
  PreconditionFailed,
  type Body,
  type ObjectInfo,
  type PutOptions,
  type PutResult,
  type Store
} from '../../src/store/store.js'

/**
 * A minimal local-directory Store for the container tests, which need a StageContext but
 * publish nothing to a store. Stands in until src/store/file.ts (FileStore) reaches this
 * branch; its preconditions are checked but not safe between processes.
 */
export class DirStore implements Store {
  readonly location: string
  constructor(private readonly root: string) {
    this.location = `file://${root}`
  }
  private file(key: string): string {
    return path.join(this.root, ...checkKey(key).split('/'))
  }
  async head(key: string): Promise<ObjectInfo | undefined> {
    const info = await stat(this.file(key)).catch(() => undefined)
    if (!info?.isFile()) return undefined
    return { key, size: info.size, etag: `${info.size}-${info.mtimeMs}`, modified: info.mtime }
  }
  async get(key: string): Promise<Readable | undefined> {
    return (await this.head(key)) ? createReadStream(this.file(key)) : undefined
  }
  async put(key: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    const existing = await this.head(key)
    const p = options.precondition
    if (p && ('ifNoneMatch' in p ? existing : existing?.etag !== p.ifMatch))
      throw new PreconditionFailed(key, p)
    const target = this.file(key)
    await mkdir(path.dirname(target), { recursive: true })
    const temp = `${target}.tmp-${process.pid}-${Date.now()}`
    const hash = createHash('sha256')
    let size = 0
    const source =
      typeof body === 'string' || Buffer.isBuffer(body) ? Readable.from([Buffer.from(body)]) : body
    source.on('data', (chunk: Buffer) => {
      hash.update(chunk)
      size += chunk.length
    })
    await pipeline(source, createWriteStream(temp))
    await rename(temp, target)
    const info = (await this.head(key))!
    return { key, size, sha256: hash.digest('hex'), etag: info.etag }
  }
  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const walk = async (dir: string, rel: string): Promise<string[]> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
      const out: string[] = []
      for (const e of entries) {
        const key = rel ? `${rel}/${e.name}` : e.name
        if (e.isDirectory()) out.push(...(await walk(path.join(dir, e.name), key)))
        else out.push(key)
      }
      return out
    }
    for (const key of (await walk(this.root, '')).filter((k) => k.startsWith(prefix)).sort()) {
      const info = await this.head(key)
      if (info) yield info
    }
  }
  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true })
  }
  url(key: string): string | undefined {
    return `file://${this.file(key)}`
  }
}
