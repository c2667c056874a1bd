import pLimit from 'p-limit'
import { byCodeUnit } from '../../compare.js'
import type { Logger } from '../../report/log.js'
import { parsePendingField } from '../../repo/pending.js'
import { loadMatching } from '../../repo/segmented/entries.js'
import { scan, type Store } from '../../store/store.js'
import { loadApt, loadedEntries, readAptSnapshot } from './apt-snapshot.js'
import { readDnfSnapshot } from './dnf-snapshot.js'
import { repositoriesFor } from './layout.js'

/**
 * `collect`: package files no index names. A publish stopped after uploading its packages (and
 * their `.asc`) but before committing the index leaves them in the store, named by nothing; the
 * pending lists (repo/pending.ts) cover only what an index stopped naming. This finds the others
 * in the folders packages live in and deletes those older than the grace: a racing publish's
 * upload not yet committed is young (a publish always writes its package files anew), so it is
 * kept. Index files, by-hash files and signatures of named packages are never candidates.
 *
 * Tarball repositories are left out on purpose: a tarball their listing does not name is adopted
 * by the next publish (another tool's, like Falco's own upload script, or one of a stopped run),
 * so it is not an orphan; what a listing stops naming is pending deletion like the rest.
 */
export interface CollectOptions {
  store: Store
  channel: 'dev' | 'stable'
  /** How old (by the store's last-modified time) an unnamed file must be to go. */
  graceMs: number
  log: Logger
  /** Find and report, delete nothing. */
  dryRun?: boolean
  /** For tests: the clock ages are measured by. */
  now?: () => Date
}

export interface CollectResult {
  /** Store keys deleted (in a dry run: that would be), packages and their signatures. */
  deleted: string[]
  /** Unnamed keys kept because they are younger than the grace (or of unknown age). */
  young: string[]
}

/** One repository: which of its keys are package files, and what its current state names. */
interface Repository {
  prefix: string
  /** A key relative to the prefix that holds a package file (`.asc` stripped first). */
  isPackage: (rel: string) => boolean
  /** Files (relative to the prefix) the index or its pending list names; undefined: no index. */
  named: () => Promise<Set<string> | undefined>
}

const DELETE_CONCURRENCY = 8

export async function collectOrphans(o: CollectOptions): Promise<CollectResult> {
  const result: CollectResult = { deleted: [], young: [] }
  for (const repo of repositoriesOf(o.store, o.channel)) {
    const r = await collectRepository(o, repo)
    result.deleted.push(...r.deleted)
    result.young.push(...r.young)
  }
  return result
}

function repositoriesOf(store: Store, channel: 'dev' | 'stable'): Repository[] {
  const repos = repositoriesFor(channel)
  return [
    {
      // Our apt repositories keep every package in `stable/` (see admission.ts).
      prefix: repos.deb,
      isPackage: (rel) => /^stable\/[^/]+\.deb$/.test(rel),
      named: async () => {
        const snapshot = await readAptSnapshot(store, repos.deb)
        if (snapshot.release === undefined) return undefined
        await loadApt(snapshot, 'all')
        return new Set([
          ...loadedEntries(snapshot).map((e) => e.filename),
          ...parsePendingField(snapshot.release).keys()
        ])
      }
    },
    {
      // RPMs sit at the repository's root, beside repodata/.
      prefix: repos.rpm,
      isPackage: (rel) => /^[^/]+\.rpm$/.test(rel),
      named: async () => {
        const snapshot = await readDnfSnapshot(store, repos.rpm)
        if (snapshot.repomd === undefined) return undefined
        await loadMatching([snapshot], 'all')
        return new Set([
          ...snapshot.segments.flatMap((s) => (s.entries ?? []).map((r) => r.location)),
          ...(snapshot.pending?.keys() ?? [])
        ])
      }
    }
  ]
}

async function collectRepository(o: CollectOptions, repo: Repository): Promise<CollectResult> {
  // Listed before the index is read: a file a publish names meanwhile is named by what is read.
  const groups = new Map<string, Array<{ key: string; modified?: Date }>>()
  for await (const obj of scan(o.store, `${repo.prefix}/`)) {
    const rel = obj.key.slice(repo.prefix.length + 1)
    const file = rel.replace(/\.asc$/, '')
    if (!repo.isPackage(file)) continue
    const group = groups.get(file) ?? []
    group.push({ key: obj.key, modified: obj.modified })
    groups.set(file, group)
  }
  const result: CollectResult = { deleted: [], young: [] }
  if (groups.size === 0) return result
  const named = await repo.named()
  if (!named) {
    // Files and no index: another tool's repository, or a first publish under way. Not ours to judge.
    o.log.info(`${repo.prefix}: no index; its ${groups.size} package files are left as they are`)
    return result
  }
  const now = (o.now ?? (() => new Date()))().getTime()
  // A package and its signature go together, once the younger of the two is old enough.
  const oldEnough = (dates: Array<Date | undefined>): boolean =>
    dates.every((d) => d !== undefined && now - d.getTime() >= o.graceMs)
  const due: string[][] = []
  for (const [file, group] of [...groups].sort(([a], [b]) => byCodeUnit(a, b))) {
    if (named.has(file)) continue
    const keys = group.map((g) => g.key).sort(byCodeUnit)
    if (oldEnough(group.map((g) => g.modified))) due.push(keys)
    else {
      result.young.push(...keys)
      const unknown = group.some((g) => g.modified === undefined)
      o.log.info(
        `kept ${keys.join(', ')}: no index names it, but ` +
          (unknown ? 'the store gives no last-modified time' : 'it is younger than the grace')
      )
    }
  }
  await pLimit(DELETE_CONCURRENCY).map(due, async (keys) => {
    if (o.dryRun) {
      result.deleted.push(...keys)
      o.log.info(`would delete ${keys.join(', ')}: no index names it`)
      return
    }
    // Looked at again just before its delete: one a publish wrote again meanwhile is young.
    const infos = await Promise.all(keys.map((k) => o.store.head(k)))
    if (!oldEnough(infos.filter((i) => i !== undefined).map((i) => i.modified))) {
      result.young.push(...keys)
      o.log.info(`kept ${keys.join(', ')}: written again meanwhile`)
      return
    }
    for (const key of keys) await o.store.delete(key)
    result.deleted.push(...keys)
    o.log.info(`deleted ${keys.join(', ')}: no index names it`)
  })
  result.deleted.sort(byCodeUnit)
  result.young.sort(byCodeUnit)
  return result
}
