import { sha256Hex } from './digest.js'
import { Readable } from 'node:stream'
import {
  checkKey,
  PreconditionFailed,
  readObject,
  scan,
  type Body,
  type ByteRange,
  type Listed,
  type ObjectInfo,
  type PutOptions,
  type PutResult,
  type Store
} from './store.js'

/**
 * A store that reads through to a real one and keeps every write in memory: `remove --dry-run`
 * and `re-sign --dry-run` run the very code a real run does against it, so what they print is
 * what a real run would write and delete, and the real store is never touched.
 */
export class DryRunStore implements Store {
  /** Keys written (in memory only), in the order they were first written. */
  readonly written = new Map<string, Buffer>()
  /** Keys deleted (from the view only). */
  readonly deleted = new Set<string>()
  private generation = 0
  private readonly etags = new Map<string, string>()
  /** When each key was written here: a listing dates this run's writes as a store would. */
  private readonly modified = new Map<string, Date>()

  constructor(private readonly base: Store) {}

  get location(): string {
    return this.base.location
  }

  url(key: string): string | undefined {
    return this.base.url(key)
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const own = this.written.get(key)
    if (own)
      return { key, size: own.length, etag: this.etags.get(key)!, modified: this.modified.get(key) }
    if (this.deleted.has(key)) return undefined
    return this.base.head(key)
  }

  async read(key: string, range?: ByteRange): Promise<Buffer | undefined> {
    const own = this.written.get(key)
    const whole = own ?? (this.deleted.has(key) ? undefined : await readObject(this.base, key))
    return range ? whole?.subarray(range.start, range.end) : whole
  }

  async get(key: string): Promise<Readable | undefined> {
    if (!this.written.has(key) && !this.deleted.has(key)) return this.base.get(key)
    const bytes = await this.read(key)
    return bytes ? Readable.from([bytes]) : undefined
  }

  async put(key: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    checkKey(key)
    const bytes = await toBuffer(body)
    // A conditional put reads then writes: one at a time per key, as a real store's is atomic.
    return this.oneAtATime(key, async () => {
      const current = await this.head(key)
      const pre = options.precondition
      if (pre && ('ifNoneMatch' in pre ? current !== undefined : current?.etag !== pre.ifMatch)) {
        throw new PreconditionFailed(key, pre)
      }
      return this.keep(key, bytes)
    })
  }

  async extend(from: string, keep: number, append: Buffer[], to: string): Promise<PutResult> {
    const whole = await this.read(from)
    if (!whole) throw new Error(`${from}: missing, cannot be extended`)
    if (whole.length < keep) throw new Error(`${from}: shorter than the ${keep} bytes to keep`)
    return this.put(to, Buffer.concat([whole.subarray(0, keep), ...append]), {
      precondition: { ifNoneMatch: '*' }
    })
  }

  private readonly queues = new Map<string, Promise<unknown>>()

  /** Runs `fn` after every earlier call for `key` has settled. */
  private oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(key) ?? Promise.resolve()).then(fn, fn)
    const settled = next.then(
      () => undefined,
      () => undefined
    )
    this.queues.set(key, settled)
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key)
    })
    return next
  }

  async copy(from: string, to: string): Promise<void> {
    const bytes = await this.read(from)
    if (!bytes) throw new Error(`${from}: missing, cannot be copied`)
    this.keep(to, bytes)
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    yield* await this.merged(this.base.list(prefix), prefix)
  }

  /** The base store's cheap listing (no etags) when it has one, merged with this run's writes. */
  async *scan(prefix: string): AsyncIterable<Listed> {
    yield* await this.merged(scan(this.base, prefix), prefix)
  }

  private async merged<T extends Listed>(base: AsyncIterable<T>, prefix: string) {
    const seen = new Map<string, T | ObjectInfo>()
    for await (const info of base) {
      if (!this.deleted.has(info.key) && !this.written.has(info.key)) seen.set(info.key, info)
    }
    for (const key of this.written.keys()) {
      if (key.startsWith(prefix)) seen.set(key, (await this.head(key))!)
    }
    return [...seen.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  }

  async delete(key: string): Promise<void> {
    this.written.delete(key)
    if ((await this.base.head(key)) !== undefined) this.deleted.add(key)
  }

  /** What a real run would have done: the keys it writes and the keys it deletes. */
  changes(): { written: string[]; deleted: string[] } {
    return { written: [...this.written.keys()], deleted: [...this.deleted] }
  }

  private keep(key: string, bytes: Buffer): PutResult {
    this.written.set(key, bytes)
    this.deleted.delete(key)
    const etag = `dry-run-${++this.generation}`
    this.etags.set(key, etag)
    this.modified.set(key, new Date())
    return {
      key,
      size: bytes.length,
      sha256: sha256Hex(bytes),
      etag
    }
  }
}

async function toBuffer(body: Body): Promise<Buffer> {
  if (typeof body === 'string') return Buffer.from(body)
  if (Buffer.isBuffer(body)) return body
  const chunks: Buffer[] = []
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks)
}
