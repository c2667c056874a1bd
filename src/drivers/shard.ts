/**
 * The `shard` input and the slice of the grid it selects. A module of its own, without the
 * driver config parser: the inputs are read on every run, and the YAML library should load
 * only with the drivers stage.
 */

/** `shard` input: every config, the i-th of n slices, plan only, or listings only. */
export type Shard =
  | { mode: 'all' }
  | { mode: 'slice'; index: number; count: number }
  | { mode: 'plan' }
  | { mode: 'index' }

export function parseShard(raw: string): Shard {
  const value = raw.trim()
  if (value === '' || value === 'all') return { mode: 'all' }
  if (value === 'plan' || value === 'index') return { mode: value }
  const m = /^(\d+)\/(\d+)$/.exec(value)
  if (m) {
    const index = Number(m[1])
    const count = Number(m[2])
    if (count >= 1 && index >= 1 && index <= count) return { mode: 'slice', index, count }
  }
  throw new Error(
    `expected <i>/<n> with 1 <= i <= n (e.g. 2/8), plan or index; got ${JSON.stringify(raw)}`
  )
}

/**
 * The i-th of n slices. The configs are taken in file order (the grid is sorted) and dealt out
 * round-robin: slices differ by at most one config, every config lands in exactly one slice, and
 * the new kernels of a release (which sort together) spread over all jobs instead of one.
 * It depends only on the config list, never on the store, so jobs that plan at different moments
 * still agree.
 */
export function selectShard<T>(items: readonly T[], shard: Shard): T[] {
  if (shard.mode !== 'slice') return [...items]
  return items.filter((_, i) => i % shard.count === shard.index - 1)
}
