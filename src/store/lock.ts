import { createHash, randomUUID } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import * as path from 'node:path'

export interface LockOptions {
  /**
   * A lock older than this is broken even when its owner looks alive: the pid may have been
   * reused, or the owner runs on another machine sharing the directory. Locks are held only for
   * a stat and a rename, so anything near this age is an abandoned lock.
   */
  staleMs?: number
  /** Waiting longer than this for a lock is an error naming the key and the holder. */
  timeoutMs?: number
  /** Called after a stale lock was removed, to say so in the log. */
  onBreak?: (key: string, holder: { pid: number; host: string }) => void
}

/** What a lock file says about its holder. */
export interface Holder {
  pid: number
  host: string
  token: string
  since: number
}

/**
 * Per-key mutual exclusion between processes sharing one directory, built on the one primitive
 * every local filesystem makes atomic: `link()` fails with EEXIST when the name is taken.
 *
 * A lock is a file `<dir>/<sha256 of key>.lock` holding its owner's pid, host and a random token.
 * It is written completely under a private name first and then linked into place, so nobody ever
 * reads a half-written lock. A lock whose owner is dead (same host, pid gone) or that is older
 * than `staleMs` is broken, but only by one waiter at a time: breaking needs the `.break` file,
 * also create-only, and under it the waiter checks that the lock is still the very one it judged
 * stale before removing it. Without that, two waiters that both saw the same dead lock could
 * remove each other's fresh one. (The remaining hole: a process dying inside those few lines
 * leaves a `.break` file that is itself broken by age or dead pid, without a second guard.)
 *
 * The lock files are written, linked, read and removed with synchronous calls. Each is a few
 * microseconds of kernel work on a tiny file, while handing it to libuv's thread pool costs tens
 * of microseconds of thread wake-ups: measured on a 2-core runner, a lock taken and released
 * cost ~650 µs of CPU asynchronously, and a publish takes one for every object it writes.
 * Only the waiting between attempts is asynchronous.
 */
export class KeyLocks {
  private readonly staleMs: number
  private readonly timeoutMs: number
  private readonly onBreak: NonNullable<LockOptions['onBreak']>

  constructor(
    private readonly dir: string,
    options: LockOptions = {}
  ) {
    this.staleMs = options.staleMs ?? 30_000
    this.timeoutMs = options.timeoutMs ?? 120_000
    this.onBreak = options.onBreak ?? (() => {})
  }

  /** Runs `critical` while holding the lock of `key`; the lock is released even when it throws. */
  async withLock<T>(key: string, critical: () => Promise<T>): Promise<T> {
    const lockPath = this.pathOf(key)
    const token = await this.acquire(key, lockPath)
    try {
      return await critical()
    } finally {
      this.release(lockPath, token)
    }
  }

  private pathOf(key: string): string {
    return path.join(this.dir, `${createHash('sha256').update(key).digest('hex')}.lock`)
  }

  private async acquire(key: string, lockPath: string): Promise<string> {
    const me: Holder = {
      pid: process.pid,
      host: hostname(),
      token: randomUUID(),
      since: Date.now()
    }
    const started = Date.now()
    let delay = 1
    for (;;) {
      if (place(lockPath, me)) return me.token
      const holder = readHolder(lockPath)
      if (holder === undefined) continue // released between our attempt and our look: try again now
      if (this.isStale(holder)) {
        const outcome = this.breakStale(lockPath, holder)
        if (outcome === 'broken') this.onBreak(key, holder)
        if (outcome !== 'wait') continue
      }
      if (Date.now() - started > this.timeoutMs) {
        throw new Error(
          `timed out after ${this.timeoutMs} ms waiting for the lock on store key ${key} ` +
            `(${lockPath}, held by pid ${holder.pid} on ${holder.host}); ` +
            `if that process is gone, delete the lock file`
        )
      }
      // Exponential backoff with jitter, capped low: locks are held for a stat and a rename.
      await sleep(delay * (0.5 + Math.random()))
      delay = Math.min(delay * 2, 50)
    }
  }

  private release(lockPath: string, token: string): void {
    // Only remove the lock if it is still ours. It is not when we held it past `staleMs` and a
    // waiter broke it; removing the new holder's lock would let a third process in beside it.
    const holder = readHolder(lockPath)
    if (holder?.token === token) removeFileSync(lockPath)
  }

  private isStale(holder: Holder): boolean {
    if (Date.now() - holder.since > this.staleMs) return true
    return holder.host === hostname() && !isAlive(holder.pid)
  }

  /**
   * Removes `lockPath` if it still is `stale`. 'broken': it was removed; 'retry': something
   * changed (another waiter broke it first, or an abandoned breaker was cleared), look again
   * now; 'wait': another waiter is breaking it, back off.
   */
  private breakStale(lockPath: string, stale: Holder): 'broken' | 'retry' | 'wait' {
    const breakPath = `${lockPath}.break`
    const breaker: Holder = {
      pid: process.pid,
      host: hostname(),
      token: randomUUID(),
      since: Date.now()
    }
    if (!place(breakPath, breaker)) {
      const other = readHolder(breakPath)
      if (other === undefined) return 'retry'
      if (!this.isStale(other)) return 'wait'
      removeFileSync(breakPath)
      return 'retry'
    }
    try {
      const now = readHolder(lockPath)
      if (now?.token !== stale.token) return 'retry'
      removeFileSync(lockPath)
      return 'broken'
    } finally {
      removeFileSync(breakPath)
    }
  }
}

/** Creates `file` holding `holder`, atomically and only if it does not exist yet. */
function place(file: string, holder: Holder): boolean {
  const draft = `${file}.${holder.token}.draft`
  try {
    writeFileSync(draft, JSON.stringify(holder), { flag: 'wx' })
  } catch (error) {
    if (code(error) !== 'ENOENT') throw error
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(draft, JSON.stringify(holder), { flag: 'wx' })
  }
  try {
    linkSync(draft, file)
    return true
  } catch (error) {
    if (code(error) === 'EEXIST') return false
    throw error
  } finally {
    removeFileSync(draft)
  }
}

function readHolder(file: string): Holder | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined
    throw error
  }
  try {
    const parsed = JSON.parse(text) as Partial<Holder>
    if (typeof parsed.pid === 'number' && typeof parsed.token === 'string') {
      return {
        pid: parsed.pid,
        host: String(parsed.host ?? ''),
        token: parsed.token,
        since: Number(parsed.since ?? 0)
      }
    }
  } catch {
    // Not ours (a lock file written by hand or by something else): judge it by its age alone.
  }
  let since = 0
  try {
    since = statSync(file).mtimeMs
  } catch {
    // gone or unreadable: as old as can be
  }
  return { pid: 0, host: '', token: `foreign:${text}`, since }
}

/** Whether process `pid` on this host is still running. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return code(error) === 'EPERM'
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Deletes a file, one already gone included: a single unlink, where rm() looks first. */
export function removeFileSync(file: string): void {
  try {
    unlinkSync(file)
  } catch (error) {
    if (code(error) !== 'ENOENT') throw error
  }
}

export function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}
