import { createHash, randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { Readable } from 'node:stream'
import {
  PreconditionFailed,
  statObject,
  type Body,
  type Precondition,
  type PutOptions,
  type PutResult,
  type Store
} from './store.js'

/** Who holds a lease, written into the lease object so waiters can judge it and say who it is. */
export interface LeaseHolder {
  owner: string
  host: string
  pid: number
  /** When the holder took it and when it stops counting (milliseconds since the epoch). */
  since: number
  expires: number
}

/**
 * How a store creates, reads and removes a lease object. `create` must be the strongest
 * create-if-absent the store has: MKCOL on WebDAV (a collection that exists answers 405), or a
 * conditional put. It answers false when the lease is taken.
 */
export interface LeaseObjects {
  create(name: string, holder: LeaseHolder): Promise<boolean>
  read(name: string): Promise<LeaseHolder | undefined>
  remove(name: string): Promise<void>
}

export interface LeaseOptions {
  /** How long a lease counts before waiters may break it (the holder's crash leaves it behind). */
  ttlMs?: number
  /** Waiting longer than this is an error naming the lease and its holder. */
  timeoutMs?: number
  onBreak?: (name: string, holder: LeaseHolder | undefined) => void
}

/**
 * Mutual exclusion between publishes through lease objects in the store itself, for stores that
 * cannot compare-and-swap an object (a plain WebDAV server). A lease names its owner and an
 * expiry; an expired one is broken by a waiter, after checking that it is still the same lease.
 * Within one process, callers of the same lease also queue on a promise chain, so they do not
 * spend requests racing each other.
 *
 * The guarantee is as strong as `create` and the clocks: with an atomic create and clocks within
 * the ttl of each other, one holder at a time, as long as holders finish within the ttl (index
 * updates take milliseconds; the default ttl is a minute).
 */
export class Leases {
  private readonly ttlMs: number
  private readonly timeoutMs: number
  private readonly local = new Map<string, Promise<unknown>>()

  constructor(
    private readonly objects: LeaseObjects,
    private readonly options: LeaseOptions = {}
  ) {
    this.ttlMs = options.ttlMs ?? 60_000
    this.timeoutMs = options.timeoutMs ?? 180_000
  }

  /**
   * A conditional put on a store that cannot make one itself: under the key's lease, compare the
   * current object with the precondition, then write. A failed precondition writes nothing (and
   * discards a stream body). Create-only asks the store only whether the key exists (`stat`:
   * on http, no GET to hash it for an etag). A create-only put of a content-addressed key
   * (`options.contentAddressed`: every writer of it writes the same bytes) takes no lease.
   */
  async conditionalPut(
    store: Pick<Store, 'head' | 'stat' | 'readVersioned'>,
    key: string,
    body: Body,
    options: PutOptions & { precondition: Precondition },
    write: () => Promise<PutResult>
  ): Promise<PutResult> {
    const { precondition } = options
    const check = async (): Promise<PutResult> => {
      const holds =
        'ifNoneMatch' in precondition
          ? (await statObject(store, key)) === undefined
          : (await currentEtag(store, key)) === precondition.ifMatch
      if (!holds) {
        if (body instanceof Readable) body.destroy()
        throw new PreconditionFailed(key, precondition)
      }
      return write()
    }
    if (options.contentAddressed && 'ifNoneMatch' in precondition) return check()
    return this.withLease(createHash('sha256').update(key).digest('hex'), check)
  }

  async withLease<T>(name: string, critical: () => Promise<T>): Promise<T> {
    const previous = this.local.get(name) ?? Promise.resolve()
    const run = previous.catch(() => undefined).then(() => this.holding(name, critical))
    const settled = run.catch(() => undefined)
    this.local.set(name, settled)
    try {
      return await run
    } finally {
      if (this.local.get(name) === settled) this.local.delete(name)
    }
  }

  private async holding<T>(name: string, critical: () => Promise<T>): Promise<T> {
    const me = await this.acquire(name)
    try {
      return await critical()
    } finally {
      // Only remove the lease if it is still ours: a waiter may have broken it after the ttl.
      const now = await this.objects.read(name).catch(() => undefined)
      if (now?.owner === me.owner) await this.objects.remove(name)
    }
  }

  private async acquire(name: string): Promise<LeaseHolder> {
    const started = Date.now()
    let delay = 20
    // A lease whose holder file cannot be read (created, owner not written yet, or written by
    // something else) is judged by how long this waiter has seen it so, on its own clock.
    let unreadableSince: number | undefined
    for (;;) {
      const me: LeaseHolder = {
        owner: randomUUID(),
        host: hostname(),
        pid: process.pid,
        since: Date.now(),
        expires: Date.now() + this.ttlMs
      }
      if (await this.objects.create(name, me)) return me
      const holder = await this.objects.read(name)
      if (holder === undefined) unreadableSince ??= Date.now()
      else unreadableSince = undefined
      const expired =
        holder !== undefined
          ? Date.now() > holder.expires
          : Date.now() - (unreadableSince ?? Date.now()) > this.ttlMs
      if (expired) {
        const again = await this.objects.read(name)
        if (again?.owner === holder?.owner) {
          await this.objects.remove(name)
          this.options.onBreak?.(name, holder)
          unreadableSince = undefined
          continue
        }
      }
      if (Date.now() - started > this.timeoutMs) {
        const who = holder ? `held by ${holder.owner} (pid ${holder.pid} on ${holder.host})` : ''
        throw new Error(
          `timed out after ${this.timeoutMs} ms waiting for the lease ${name} ${who}; ` +
            `if no publish is running, remove it from the store`
        )
      }
      await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())))
      delay = Math.min(delay * 2, 500)
    }
  }
}

/** Parses a lease object's text; undefined when it is not one of ours. */
export function parseHolder(text: string): LeaseHolder | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<LeaseHolder>
    if (typeof parsed.owner === 'string' && typeof parsed.expires === 'number') {
      return {
        owner: parsed.owner,
        host: String(parsed.host ?? ''),
        pid: Number(parsed.pid ?? 0),
        since: Number(parsed.since ?? 0),
        expires: parsed.expires
      }
    }
  } catch {
    // not JSON: not ours
  }
  return undefined
}

/**
 * The etag a compare-and-swap compares: from one read where the store has readVersioned (an http
 * store's head() sends a HEAD, then a GET to hash the bytes), else from head(). The keys compared
 * are indexes, small enough to read whole.
 */
async function currentEtag(
  store: Pick<Store, 'head' | 'readVersioned'>,
  key: string
): Promise<string | undefined> {
  if (store.readVersioned) return (await store.readVersioned(key))?.etag
  return (await store.head(key))?.etag
}
