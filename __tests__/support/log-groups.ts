/**
 * The depth after each `::group::` and `::endgroup::` line of a workflow log. GitHub shows one
 * level of groups: a flat log reads 1, 0, 1, 0, ...
 */
export function groupDepths(log: string): number[] {
  let depth = 0
  const depths: number[] = []
  for (const line of log.split('\n')) {
    if (line.startsWith('::group::')) depths.push(++depth)
    else if (line.startsWith('::endgroup::')) depths.push(--depth)
  }
  return depths
}

/** What `groupDepths` gives for `count` groups opened and closed one after the other. */
export const flatGroups = (count: number): number[] =>
  Array.from({ length: count * 2 }, (_, i) => 1 - (i % 2))
