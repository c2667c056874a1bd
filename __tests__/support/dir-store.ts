import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream, promises as fs } from 'node:fs'
import * as path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { checkKey, PreconditionFailed, type Body, type ObjectInfo, type PutOptions, type PutResult, type Store } from '../../src/store/store.js'

/**
 * A local-directory Store for this branch's tests until src/store/file.ts lands: atomic writes
 * (temp file + rename), sha256 while writing, etag = inode/mtime/size (a rename always makes a
 * new inode), and preconditions checked under an in-process lock (tests run one process).
 */
export class DirStore implements Store {
  readonly location: string
  private lock: Promise<unknown> = Promise.resolve()

  constructor(
    readonly root: string,
    private readonly baseUrl?: string
  ) {
    this.location = `file://${root}`
  }

  private file(key: string): string {
    return path.join(this.root, checkKey(key))
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const st = await fs.stat(this.file(key))
      if (!st.isFile()) return undefined
      return { key, size: st.size, etag: `${st.ino}-${st.mtimeMs}-${st.size}`, modified: st.mtime }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw e
    }
  }

  async get(key: string): Promise<Readable | undefined> {
    const file = this.file(key)
    try {
      const handle = await fs.open(file, 'r')
      return handle.createReadStream()
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw e
    }
  }

  async put(key: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    const file = this.file(key)
    await fs.mkdir(path.dirname(file), { recursive: true })
    const tmp = `${file}.tmp-${randomBytes(6).toString('hex')}`
    const hash = createHash('sha256')
    let size = 0
    const source = typeof body === 'string' || Buffer.isBuffer(body) ? Readable.from([Buffer.from(body)]) : body
    await pipeline(
      source,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const c of chunks) {
          hash.update(c)
          size += c.length
          yield c
        }
      },
      createWriteStream(tmp)
    )
    const commit = async (): Promise<PutResult> => {
      const p = options.precondition
      if (p) {
        const current = await this.head(key)
        const ok = 'ifNoneMatch' in p ? current === undefined : current?.etag === p.ifMatch
        if (!ok) {
          await fs.rm(tmp, { force: true })
          throw new PreconditionFailed(key, p)
        }
      }
      await fs.rename(tmp, file)
      const info = await this.head(key)
      return { key, size, sha256: hash.digest('hex'), etag: info!.etag }
    }
    const result = this.lock.then(commit, commit)
    this.lock = result.catch(() => undefined)
    return result
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const keys: string[] = []
    const walk = async (dir: string): Promise<void> => {
      let entries
      try {
        entries = await fs.readdir(dir, { withFileTypes: true })
      } catch {
        return
      }
      for (const e of entries) {
        const full = path.join(dir, e.name)
        if (e.isDirectory()) await walk(full)
        else if (!e.name.includes('.tmp-')) keys.push(path.relative(this.root, full).split(path.sep).join('/'))
      }
    }
    await walk(this.root)
    for (const key of keys.filter((k) => k.startsWith(prefix)).sort()) {
      const info = await this.head(key)
      if (info) yield info
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.file(key), { force: true })
  }

  url(key: string): string | undefined {
    return this.baseUrl ? `${this.baseUrl}/${key.split('/').map(encodeURIComponent).join('/')}` : undefined
  }
}

export async function readText(store: Store, key: string): Promise<string | undefined> {
  const s = await store.get(key)
  if (!s) return undefined
  const chunks: Buffer[] = []
  for await (const c of s) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

