import pLimit from 'p-limit'
import type { PublicKeys } from '../sign/verify.js'
import type { Fingerprint, Served } from './served.js'

/** What every repository check is handed. */
export interface CheckContext {
  /** What clients are served (the public URL, or the store itself). */
  served: Served
  /** What was published: the store, read directly. */
  store: Served
  /** The published public key(s) (`packages/repository-key.asc`). */
  keys: PublicKeys
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
