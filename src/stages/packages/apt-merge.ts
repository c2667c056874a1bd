import { entryKey, packageEntry, type IndexEntry } from '../../repo/deb/packages-index.js'
import { fileKey, nameKey, needsEveryEntry } from '../../repo/segmented/entries.js'
import type { DebPackage } from '../../repo/deb/parse.js'
import { compareDebVersions } from '../../repo/deb/version.js'
import { versionsBeyond } from '../../repo/retention.js'
import { nextPending, parsePendingField, type Pending } from '../../repo/pending.js'
import { ARCHITECTURES } from './apt-layout.js'
import { emptyIndex, loadApt, loadedEntries, type AptSnapshot } from './apt-snapshot.js'

/** Merging a change (packages added, removed, retention) into an apt repository's indexes. */

export interface AptChange {
  /** Packages to add (already uploaded, or about to be), with their store file name relative to the repo. */
  added: Array<{ pkg: Pick<DebPackage, 'control' | 'digests' | 'architecture'>; filename: string }>
  /** Drop stanzas matching this (removal patterns). */
  remove?: (name: string, version: string) => boolean
  /** Dev retention: keep the newest N versions of each package. */
  retention?: number
  /** How long a file the indexes stop naming stays in the store (see repo/pending.ts); default 0. */
  graceMs?: number
  /** For tests: the clock pending deletions are dated by. */
  now?: () => Date
}

export interface AptCommit {
  /** Files that left the indexes (deleted once their grace has passed, see `pending`). */
  removedFiles: string[]
  /** What the next Release records as pending deletion. */
  pending: Pending
  /** Pending files whose grace has passed: deleted before the commit that forgets them. */
  due: string[]
  added: string[]
  removed: Array<{ name: string; version: string; architecture: string }>
}

/** What a change does to one architecture's index. */
export interface AptIndexChange {
  /** The entries of old segment i that stay, or undefined when all of them do. */
  survivors: (index: number) => IndexEntry[] | undefined
  added: IndexEntry[]
  /** The dev retention every name satisfies after the change. */
  retention?: number
}

/**
 * Merges a change into a snapshot: per architecture, which entries of which segments stay and
 * the entries added (an added entry replaces one with the same name/version/architecture), and
 * what left the indexes. Only the segments that may hold an added name or file are loaded,
 * unless the change must look at every entry (removal patterns, or a smaller retention than
 * the index last satisfied).
 */
export async function mergeApt(
  snapshot: AptSnapshot,
  change: AptChange
): Promise<{ indexes: Map<string, AptIndexChange>; commit: AptCommit }> {
  const addedByArch = new Map<string, IndexEntry[]>(ARCHITECTURES.map((a) => [a, []]))
  for (const { pkg, filename } of change.added) {
    const entry = packageEntry(pkg, filename)
    const archs = pkg.architecture === 'all' ? ARCHITECTURES : [pkg.architecture]
    for (const a of archs) addedByArch.get(a)?.push(entry)
  }
  const addedEntries = [...addedByArch.values()].flat()
  const everything = needsEveryEntry(change, [...snapshot.indexes.values()])
  await loadApt(
    snapshot,
    everything ? 'all' : addedEntries.flatMap((e) => [nameKey(e.name), fileKey(e.filename)])
  )
  // Retention counts versions per package name across architectures.
  const dropVersion =
    change.retention === undefined
      ? new Map<string, Set<string>>()
      : versionsBeyond(
          [...loadedEntries(snapshot), ...addedEntries],
          change.retention,
          (e) => e.name,
          (e) => e.version,
          (a, b) => compareDebVersions(b.version, a.version)
        )
  const drop = (e: IndexEntry): boolean =>
    change.remove?.(e.name, e.version) === true || dropVersion.get(e.name)?.has(e.version) === true
  const indexes = new Map<string, AptIndexChange>()
  const removed: AptCommit['removed'] = []
  const gone = new Set<string>()
  for (const arch of ARCHITECTURES) {
    const index = snapshot.indexes.get(arch) ?? emptyIndex()
    const adds = (addedByArch.get(arch) ?? []).filter((e) => !drop(e))
    const replaced = new Set(adds.map(entryKey))
    const stays = new Map<number, IndexEntry[]>()
    index.segments.forEach((s, i) => {
      if (!s.entries) return
      const kept = s.entries.filter((e) => !drop(e) && !replaced.has(entryKey(e)))
      if (kept.length === s.entries.length) return
      stays.set(i, kept)
      const left = new Set(kept)
      for (const e of s.entries) {
        if (left.has(e)) continue
        gone.add(e.filename)
        // A replaced entry whose file is published again under the same name did not leave.
        if (!adds.some((a) => a.filename === e.filename))
          removed.push({ name: e.name, version: e.version, architecture: arch })
      }
    })
    indexes.set(arch, {
      survivors: (i) => stays.get(i),
      added: adds,
      retention: change.retention ?? index.retention
    })
  }
  // An added package the retention (or a removal pattern) drops at once was uploaded for
  // nothing: it leaves the store like one that left the indexes.
  for (const e of addedEntries) if (drop(e)) gone.add(e.filename)
  // A file leaves the store only when no index of any architecture lists it any more; a pending
  // one published again leaves the pending list.
  const previous = parsePendingField(snapshot.release)
  await loadApt(snapshot, [...gone, ...previous.keys()].map(fileKey))
  const stillUsed = new Set<string>()
  for (const arch of ARCHITECTURES) {
    const index = snapshot.indexes.get(arch) ?? emptyIndex()
    const c = indexes.get(arch)!
    index.segments.forEach((s, i) => {
      for (const e of c.survivors(i) ?? s.entries ?? []) stillUsed.add(e.filename)
    })
    for (const e of c.added) stillUsed.add(e.filename)
  }
  const removedFiles = [...gone].filter((f) => f && !stillUsed.has(f))
  const { pending, due } = nextPending(
    previous,
    removedFiles,
    (f) => stillUsed.has(f),
    (change.now ?? (() => new Date()))(),
    change.graceMs ?? 0
  )
  return {
    indexes,
    commit: {
      removedFiles,
      pending,
      due,
      // What the retention dropped at once was not added.
      added: change.added
        .map((a) => a.filename)
        .filter((f) => [...indexes.values()].some((c) => c.added.some((e) => e.filename === f))),
      removed
    }
  }
}
