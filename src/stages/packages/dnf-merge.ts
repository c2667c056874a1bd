import * as path from 'node:path'
import { recordKey, recordOf, type RpmRecord } from '../../repo/rpm/repodata.js'
import { fileKey, loadMatching, nameKey, needsEveryEntry } from '../../repo/segmented/entries.js'
import { compareRpmEvr } from '../../repo/rpm/version.js'
import { versionsBeyond } from '../../repo/retention.js'
import { nextPending, type Pending } from '../../repo/pending.js'
import type { DnfSnapshot } from './dnf-snapshot.js'
import type { SignedRpm } from './dnf-sign.js'

/** Merging a change (packages added, removed, retention) into a dnf repository's records. */

export interface DnfChange {
  added: SignedRpm[]
  remove?: (name: string, version: string) => boolean
  retention?: number
  /** How long a file the repodata stops naming stays in the store (see repo/pending.ts); default 0. */
  graceMs?: number
  /** For tests: the clock pending deletions are dated by. */
  now?: () => Date
}

export interface DnfCommit {
  added: string[]
  removed: string[]
  /** Files that left the repodata (deleted once their grace has passed, see `pending`). */
  removedFiles: string[]
  /** What the next manifest records as pending deletion. */
  pending: Pending
  /** Pending files whose grace has passed: deleted before the commit that forgets them. */
  due: string[]
}

type Rec = RpmRecord

/** What a change does to the repodata: which records of which segments stay, and those added. */
export interface DnfMerge {
  /** The records of old segment i that stay, or undefined when all of them do. */
  survivors: (index: number) => Rec[] | undefined
  added: Rec[]
  /** The dev retention every name satisfies after the change. */
  retention?: number
  /** What the next manifest records as pending deletion (the same as commit.pending). */
  pending: Pending
  commit: DnfCommit
}

/**
 * Merges a change into a snapshot (an added package replaces one with the same name/EVR/arch or
 * the same file name). Only the segments that may hold an added name or file are loaded, unless
 * the change must look at every record (removal patterns, or a smaller retention than the
 * repodata last satisfied).
 */
export async function mergeDnf(snapshot: DnfSnapshot, change: DnfChange): Promise<DnfMerge> {
  const added = new Map<string, Rec>()
  for (const pkg of change.added) {
    const rec: Rec = { ...recordOf(pkg, path.basename(pkg.file)), sourceSha256: pkg.sourceSha256 }
    added.set(recordKey(rec), rec)
  }
  const everything = needsEveryEntry(change, [snapshot])
  // A pending file published again leaves the pending list: the segments naming it are read too.
  await loadMatching(
    [snapshot],
    everything
      ? 'all'
      : [
          ...[...added.values()].flatMap((r) => [nameKey(r.name), fileKey(r.location)]),
          ...[...(snapshot.pending ?? new Map()).keys()].map(fileKey)
        ]
  )
  const replacedFiles = new Set([...added.values()].map((r) => r.location))
  const removed = (r: Rec): boolean =>
    change.remove?.(r.name, `${r.version}-${r.release}`) === true ||
    change.remove?.(r.name, r.version) === true
  const loaded = snapshot.segments.flatMap((s) => s.entries ?? [])
  let survivors = new Set(
    loaded.filter((r) => !added.has(recordKey(r)) && !replacedFiles.has(r.location) && !removed(r))
  )
  let adds = [...added.values()].filter((r) => !removed(r))
  if (change.retention !== undefined) {
    const evr = (r: Rec): string => `${r.epoch}:${r.version}-${r.release}`
    const dropped = versionsBeyond(
      [...survivors, ...adds],
      change.retention,
      (r) => r.name,
      evr,
      (a, b) => compareRpmEvr(b, a)
    )
    if (dropped.size > 0) {
      const stays = (r: Rec): boolean => !dropped.get(r.name)?.has(evr(r))
      survivors = new Set([...survivors].filter(stays))
      adds = adds.filter(stays)
    }
  }
  const stays = new Map<number, Rec[]>()
  const gone: Rec[] = []
  snapshot.segments.forEach((s, i) => {
    if (!s.entries) return
    const kept = s.entries.filter((r) => survivors.has(r))
    if (kept.length === s.entries.length) return
    stays.set(i, kept)
    gone.push(...s.entries.filter((r) => !survivors.has(r)))
  })
  // A file published again under its name stays; the others leave with their records.
  const addedFiles = new Set(adds.map((r) => r.location))
  const left = gone.filter((r) => !addedFiles.has(r.location))
  // An added package the retention drops at once was uploaded for nothing: it leaves with them,
  // unless its file is named still (published again under the name of a record that stays).
  const kept = new Set([...survivors].map((r) => r.location))
  const unindexed = [...added.values()]
    .map((r) => r.location)
    .filter((f) => !addedFiles.has(f) && !kept.has(f))
  const removedFiles = [...new Set([...left.map((r) => r.location), ...unindexed])]
  const { pending, due } = nextPending(
    snapshot.pending ?? new Map(),
    removedFiles,
    (f) => kept.has(f) || addedFiles.has(f),
    (change.now ?? (() => new Date()))(),
    change.graceMs ?? 0
  )
  return {
    survivors: (i) => stays.get(i),
    added: adds,
    retention: change.retention ?? snapshot.retention,
    pending,
    commit: {
      // What the retention dropped at once was not added.
      added: change.added.map((p) => path.basename(p.file)).filter((f) => addedFiles.has(f)),
      removed: left.map((r) => `${r.name}-${r.version}-${r.release}.${r.arch}`),
      removedFiles,
      pending,
      due
    }
  }
}
