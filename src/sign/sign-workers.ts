import type { KeyObject } from 'node:crypto'
import { availableParallelism } from 'node:os'
import type { Worker } from 'node:worker_threads'
import type { Signer, SigningKeys } from './openpgp.js'

/**
 * Signing in worker threads for a bulk publish. The private-key operation is most of a
 * signature's cost (RSA-3072: about 2 ms, 45% of the CPU of a 10k .deb + 10k .rpm import, which
 * makes 30k signatures), and it needs nothing but a digest: the main thread goes on parsing,
 * hashing and storing packages while workers sign (`sign-worker.mjs`). The keys are handed over
 * as node KeyObjects, never as text, and never appear in a message or an error.
 *
 * Only keys read by hand (`secret-key.ts`, gpg's RSA and legacy Ed25519 keys) sign in workers:
 * the keys only openpgp.js handles are its objects, which cannot cross to another thread, and
 * keep signing on the main thread.
 */

/**
 * Fewer signatures than this are made on the main thread: a worker costs 30-50 ms of CPU to
 * start (a V8 isolate and Node's bootstrap), the time of 15-25 RSA-3072 signatures, so a release
 * of a few packages (Falco's: a dozen files, a signature each, two per .rpm) would pay more
 * for the worker than it saves. At 64 and more, the signatures taken off the main thread pay
 * for the start.
 */
export const WORKER_THRESHOLD = 64

/**
 * A worker per core, at most four; none on one core, where a worker only takes turns with the
 * main thread. As many as cores, not one fewer: while packages are stored the main thread mostly
 * waits for signatures (an RSA-3072 signature costs more than storing a small package), and in
 * the index-writing that follows, the workers have nothing left to do. Beyond four, the main
 * thread cannot hash and store fast enough to keep more busy.
 */
export function defaultWorkerCount(): number {
  const cores = availableParallelism()
  return cores < 2 ? 0 : Math.min(4, cores)
}

export interface SigningWorkers {
  /** The same keys, signing in the workers. */
  keys: SigningKeys
  /** How many workers sign. */
  count: number
  /** Stops the workers (a signature still waiting fails). */
  close(): Promise<void>
}

/**
 * Workers for a publish that will make `signatures` signatures, or undefined when it signs on
 * its main thread: too few signatures, or keys only openpgp.js signs with.
 */
export async function startSigningWorkers(
  keys: SigningKeys,
  signatures: number,
  {
    workers = defaultWorkerCount(),
    file = WORKER_FILE
  }: {
    workers?: number
    /** The worker's file; tests give one that fails. */
    file?: URL
  } = {}
): Promise<SigningWorkers | undefined> {
  if (signatures < WORKER_THRESHOLD || !keys.fast || workers < 1) return undefined
  // Loaded here: node:worker_threads costs a small publish 3-10 ms to import (Node 24).
  const { Worker } = await import('node:worker_threads')
  const pool = new SignerPool(
    keys.fast.map((k) => k.signer.privateKey),
    workers,
    (options) => new Worker(file, options)
  )
  const workerSigners: Signer[] = keys.fast.map(({ signer }, index) => ({
    algorithm: signer.algorithm,
    fingerprint: signer.fingerprint,
    keyId: signer.keyId,
    sign: (digest) => pool.sign(index, digest)
  }))
  return { keys: { ...keys, workerSigners }, count: workers, close: () => pool.close() }
}

interface Waiting {
  resolve(mpis: Uint8Array[]): void
  reject(error: Error): void
  slot: Slot
}

interface Slot {
  worker: Worker
  /** Signatures asked of it and not answered yet: a request goes to the least busy worker. */
  pending: number
}

type Answer = { id: number; mpis: Uint8Array[] } | { id: number; error: string }

/**
 * Started from a file beside this module: src/sign/ under the tests, and beside the bundle's
 * chunk holding this module in dist/ (rollup.config.js copies it there).
 */
const WORKER_FILE = new URL('./sign-worker.mjs', import.meta.url)

class SignerPool {
  private readonly slots: Slot[] = []
  private readonly waiting = new Map<number, Waiting>()
  private nextId = 0
  /** Set once a worker failed or the pool was closed: every signature then fails with it. */
  private stopped?: Error

  constructor(
    keys: KeyObject[],
    count: number,
    start: (options: { workerData: unknown }) => Worker
  ) {
    for (let i = 0; i < count; i++) {
      const worker = start({ workerData: { keys } })
      const slot: Slot = { worker, pending: 0 }
      worker.on('message', (answer: Answer) => this.answer(answer))
      // The worker's own error: no key material is in it (see sign-worker.mjs).
      worker.on('error', (e) => this.fail(new Error(`a signing worker failed: ${e.message}`)))
      worker.on('messageerror', (e) =>
        this.fail(new Error(`a signing worker's answer could not be read: ${e.message}`))
      )
      worker.on('exit', (code) =>
        this.fail(
          new Error(`a signing worker stopped (exit code ${code}) before the publish ended`)
        )
      )
      this.slots.push(slot)
    }
  }

  sign(key: number, digest: Uint8Array): Promise<Uint8Array[]> {
    if (this.stopped) return Promise.reject(this.stopped)
    const slot = this.slots.reduce((a, b) => (b.pending < a.pending ? b : a))
    const id = this.nextId++
    slot.pending++
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, slot })
      slot.worker.postMessage({ id, key, digest })
    })
  }

  private answer(answer: Answer): void {
    const waiting = this.waiting.get(answer.id)
    if (!waiting) return
    this.waiting.delete(answer.id)
    waiting.slot.pending--
    if ('error' in answer) waiting.reject(new Error(`signing worker: ${answer.error}`))
    else waiting.resolve(answer.mpis)
  }

  /**
   * The first failure stops the pool: what waits fails with it, and so does the publish (which
   * then commits nothing: see the package stage). The other workers are stopped too.
   */
  private fail(error: Error): void {
    if (this.stopped) return
    this.stopped = error
    for (const waiting of this.waiting.values()) waiting.reject(error)
    this.waiting.clear()
    for (const slot of this.slots) void slot.worker.terminate()
  }

  async close(): Promise<void> {
    this.fail(new Error('the signing workers were stopped'))
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()))
  }
}
