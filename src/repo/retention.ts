/**
 * Dev retention: in each group (a package name; for tarballs, a name and an architecture), the
 * versions beyond the newest `keep`, as group -> versions to drop. Only groups holding more
 * versions than kept are sorted, so a large repository costs one pass.
 */
export function versionsBeyond<T>(
  items: Iterable<T>,
  keep: number,
  groupOf: (item: T) => string,
  versionOf: (item: T) => string,
  newerFirst: (a: T, b: T) => number
): Map<string, Set<string>> {
  const groups = new Map<string, Map<string, T>>()
  for (const item of items) {
    const group = groupOf(item)
    let versions = groups.get(group)
    if (!versions) groups.set(group, (versions = new Map()))
    if (!versions.has(versionOf(item))) versions.set(versionOf(item), item)
  }
  const beyond = new Map<string, Set<string>>()
  for (const [group, versions] of groups) {
    if (versions.size <= keep) continue
    const newest = [...versions.values()].sort(newerFirst)
    beyond.set(group, new Set(newest.slice(keep).map(versionOf)))
  }
  return beyond
}
