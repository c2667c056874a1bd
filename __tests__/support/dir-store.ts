import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, promises as fs } from 'node:fs'
import * as path from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
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
 * A local-directory Store for the drivers tests until src/store/file.ts reaches this branch.
 * Honest to the interface: streaming writes hashed on the way, temp file + rename, create-only
 * and if-match preconditions (serialised in-process), sorted listings. It also counts requests,
 * which the benchmark reports.
 */
export class DirStore implements Store {
  readonly location: string
  readonly requests = { head: 0, get: 0, put: 0, list: 0, delete: 0 }
  private lock: Promise<unknown> = Promise.resolve()

  constructor(
    readonly root: string,
    private readonly baseUrl?: string
  ) {
    this.location = `file://${root}`
  }

  private file(key: string): string {
    return path.join(this.root, ...checkKey(key).split('/'))
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    this.requests.head++
    const st = await fs.stat(this.file(key)).catch(() => undefined)
    if (!st?.isFile()) return undefined
    return { key, size: st.size, etag: etagOf(st), modified: st.mtime }
  }

  async get(key: string): Promise<Readable | undefined> {
    this.requests.get++
    const file = this.file(key)
    const st = await fs.stat(file).catch(() => undefined)
    return st?.isFile() ? createReadStream(file) : undefined
  }

  async put(key: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    this.requests.put++
    const file = this.file(key)
    await fs.mkdir(path.dirname(file), { recursive: true })
    const tmp = `${file}.tmp-${randomBytes(6).toString('hex')}`
    const hash = createHash('sha256')
    let size = 0
    const source =
      typeof body === 'string' || Buffer.isBuffer(body) ? Readable.from([Buffer.from(body)]) : body
    await pipeline(
      source,
      new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk)
          size += chunk.length
          done(null, chunk)
        }
      }),
      createWriteStream(tmp)
    )
    const commit = async (): Promise<PutResult> => {
      const p = options.precondition
      if (p) {
        const st = await fs.stat(file).catch(() => undefined)
        const ok =
          'ifNoneMatch' in p ? st === undefined : st !== undefined && etagOf(st) === p.ifMatch
        if (!ok) {
          await fs.rm(tmp, { force: true })
          throw new PreconditionFailed(key, p)
        }
      }
      await fs.rename(tmp, file)
      const st = await fs.stat(file)
      return { key, size, sha256: hash.digest('hex'), etag: etagOf(st) }
    }
    const result = this.lock.then(commit, commit)
    this.lock = result.catch(() => undefined)
    return result
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    this.requests.list++
    const keys: ObjectInfo[] = []
    const walk = async (dir: string, rel: string): Promise<void> => {
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => [])
      for (const e of entries) {
        if (e.name.includes('.tmp-')) continue
        const key = rel === '' ? e.name : `${rel}/${e.name}`
        if (e.isDirectory()) await walk(path.join(dir, e.name), key)
        else if (key.startsWith(prefix)) {
          const st = await fs.stat(path.join(dir, e.name))
          keys.push({ key, size: st.size, etag: etagOf(st), modified: st.mtime })
        }
      }
    }
    // Walk only the deepest folder the prefix names.
    const folder = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : ''
    await walk(folder === '' ? this.root : path.join(this.root, ...folder.split('/')), folder)
    keys.sort((a, b) => (a.key < b.key ? -1 : 1))
    yield* keys
  }

  async delete(key: string): Promise<void> {
    this.requests.delete++
    await fs.rm(this.file(key), { force: true })
  }

  url(key: string): string | undefined {
    return this.baseUrl ? `${this.baseUrl.replace(/\/$/, '')}/${key}` : undefined
  }
}

function etagOf(st: { mtimeMs: number; size: number; ino: number }): string {
  return `${st.ino.toString(16)}-${st.size.toString(16)}-${Math.round(st.mtimeMs * 1000).toString(16)}`
}
