/**
 * A meeting point for requests that must be in flight together: `wait()` resolves once every
 * expected name has `arrive`d. Sent one after the other, the first to wait would wait forever, so
 * after `timeoutMs` the wait fails, naming the ones that never came. When they do come together,
 * nothing depends on the machine's speed.
 */
export interface Barrier {
  /** The names that arrived so far. */
  arrived: Set<string>
  /** Marks `name` as arrived (without waiting). */
  arrive(name: string): void
  /** Resolves when all have arrived; rejects after the timeout, naming the missing ones. */
  wait(): Promise<void>
}

export function barrier(expected: Iterable<string>, failure: string, timeoutMs = 30_000): Barrier {
  const names = new Set(expected)
  const arrived = new Set<string>()
  let open!: () => void
  const together = new Promise<void>((resolve) => (open = resolve))
  let timer: NodeJS.Timeout | undefined
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const missing = [...names].filter((n) => !arrived.has(n))
      reject(new Error(`${failure}: ${missing.join(', ')} never asked for`))
    }, timeoutMs)
    timer.unref()
  })
  stuck.catch(() => {}) // only a wait reports it
  return {
    arrived,
    arrive(name) {
      arrived.add(name)
      if ([...names].every((n) => arrived.has(n))) {
        clearTimeout(timer)
        open()
      }
    },
    wait: () => Promise.race([together, stuck])
  }
}
