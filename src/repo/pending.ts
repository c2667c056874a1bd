import { byCodeUnit } from '../compare.js'

/**
 * Deferred deletion of package files. A file the indexes stop naming (dev retention, a removal,
 * a version the retention drops as it arrives in a race) is not deleted by the publish that
 * drops it: a client that read the previous index a moment before (`apt-get update`, then a
 * download; a CDN still serving it) would get a 404. The committed state records it as pending,
 * with the time it was dropped, and a later publish deletes it once the grace period has passed
 * and no index names it again.
 *
 * The grace is an age, not a number of generations: what a client may hold is bounded by time
 * (the gap between its update and its download, the indexes' cache lifetime), while generations
 * can come sixteen in a second when publishes race.
 */

/** File (relative to its repository) -> when an index stopped naming it. */
export type Pending = Map<string, Date>

/** As long as a superseded index generation's by-hash files stay (see store-io.ts). */
export const DEFAULT_DELETION_GRACE_MINUTES = 60

export interface PendingStep {
  /** What the next generation records as pending. */
  pending: Pending
  /** Pending files whose grace has passed: deleted before the generation that forgets them commits. */
  due: string[]
}

/**
 * The pending list of the next generation: the previous one, plus what this change drops (from
 * `now`), less what the next index names again; files pending for `graceMs` or longer are due.
 */
export function nextPending(
  previous: Pending,
  dropped: Iterable<string>,
  named: (file: string) => boolean,
  now: Date,
  graceMs: number
): PendingStep {
  const pending: Pending = new Map()
  const due: string[] = []
  const all = new Map(previous)
  for (const f of dropped) if (!all.has(f)) all.set(f, now)
  for (const [file, since] of all) {
    if (named(file)) continue
    if (now.getTime() - since.getTime() >= graceMs) due.push(file)
    else pending.set(file, since)
  }
  return { pending, due: due.sort(byCodeUnit) }
}

/** By file name, so the same pending set always renders the same bytes. */
const sorted = (p: Pending): Array<[string, Date]> => [...p].sort(([a], [b]) => byCodeUnit(a, b))

/** For JSON state (index.json, the dnf manifest): file -> ISO time. */
export function pendingToJson(p: Pending): Record<string, string> {
  return Object.fromEntries(sorted(p).map(([f, d]) => [f, d.toISOString()]))
}

/** The inverse of pendingToJson; anything unreadable counts as dropped long ago (due at once). */
export function pendingFromJson(raw: unknown): Pending {
  const out: Pending = new Map()
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out
  for (const [file, when] of Object.entries(raw as Record<string, unknown>)) {
    const d = typeof when === 'string' ? new Date(when) : new Date(0)
    out.set(file, Number.isNaN(d.getTime()) ? new Date(0) : d)
  }
  return out
}

/** The Release field apt ignores and a publish reads back: ` <ISO time> <file>` per line. */
export const RELEASE_FIELD = 'Falco-Publish-Pending'

export function renderPendingField(p: Pending): string {
  if (p.size === 0) return ''
  const lines = sorted(p).map(([f, d]) => ` ${d.toISOString()} ${f}\n`)
  return `${RELEASE_FIELD}:\n${lines.join('')}`
}

export function parsePendingField(release: string | undefined): Pending {
  const out: Pending = new Map()
  if (!release) return out
  const m = new RegExp(`^${RELEASE_FIELD}:[^\\n]*\\n((?: [^\\n]*\\n?)*)`, 'm').exec(release)
  if (!m) return out
  for (const line of m[1].split('\n')) {
    const l = /^ (\S+) (\S+)\s*$/.exec(line)
    if (!l) continue
    const d = new Date(l[1])
    out.set(l[2], Number.isNaN(d.getTime()) ? new Date(0) : d)
  }
  return out
}
