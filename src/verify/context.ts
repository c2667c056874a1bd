import pLimit from 'p-limit'
import { awaitedLater } from '../awaited-later.js'
import type { PublicKeys } from '../sign/verify.js'
import type { Fingerprint, Served } from './served.js'

/** What every repository check is handed. */
export interface CheckContext {
  /** What clients are served (the public URL, or the store itself). */
  served: Served
  /** What was published: the store, read directly. */
  store: Served
  /** The published public key(s) (`packages/repository-key.asc`), read beside the first fetches. */
  keys: Promise<PublicKeys>
  /** Bounds the downloads in flight: a repository can list thousands of packages. */
  limit: <T>(fn: () => Promise<T>) => Promise<T>
}

/**
 * The artifacts to check in a repository: those this run published (their store keys and, when
 * known, what was published), or `all` that its index lists (the `verify` command).
 */
export type Artifacts = Array<{ key: string } & Partial<Fingerprint>> | 'all'

/** At most `concurrency` at once; a task still queued when `signal` aborts never starts. */
export function limiter(concurrency = 8, signal?: AbortSignal): CheckContext['limit'] {
  const limit = pLimit(concurrency)
  return (fn) =>
    limit(() => {
      signal?.throwIfAborted()
      return fn()
    })
}

export function parentOf(path: string): string {
  const slash = path.lastIndexOf('/')
  return slash < 0 ? '' : path.slice(0, slash)
}

/**
 * The run's own artifacts, fetched as clients get them from the moment a check knows it will
 * compare them, beside the indexes that say what they should be (on a store across a network, a
 * round trip or more saved). `served(key)` is the fetch of one: the early one when there is one,
 * else a fetch now. Only the fetches hold a slot of `limit`; a comparison waiting for one holds
 * none, so the early fetches never wait behind the checks that wait for them.
 */
export function fetchAhead(
  ctx: CheckContext,
  artifacts: Artifacts
): (key: string) => Promise<Fingerprint | undefined> {
  const early = new Map(
    // Each awaited by its comparison, unless the check ends first.
    (artifacts === 'all' ? [] : artifacts).map((a) => [
      a.key,
      awaitedLater(ctx.limit(() => ctx.served.fingerprint(a.key)))
    ])
  )
  return (key) => early.get(key) ?? ctx.limit(() => ctx.served.fingerprint(key))
}
