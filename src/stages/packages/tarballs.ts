import pLimit from 'p-limit'
import { digestObject, scan, statObject, type Store } from '../../store/store.js'
import { renderSums } from '../../repo/bin/sums.js'
import { parseTarballName, renderListing, type ListingEntry } from '../../repo/bin/tarball.js'
import { compareDebVersions } from '../../repo/deb/version.js'
import { versionsBeyond } from '../../repo/retention.js'
import { detachSign } from '../../sign/openpgp.js'
import { ensureSignature, ensureText, followCommitPoint } from './finish.js'
import {
  deletePackageFiles,
  logPending,
  mergingAgain,
  readVersioned,
  type Committed,
  type RepositoryWriter
} from './store-io.js'
import { retryOnConflict } from '../../store/conflict.js'
import { nextPending, pendingFromJson, type Pending } from '../../repo/pending.js'

/**
 * A tarball channel (`packages/bin` or `packages/bin-dev`): `<arch>/<file>` with `.asc`, a signed
 * `<arch>/SHA256SUMS` (bare file names, so `sha256sum -c` works in a folder of downloads), and
 * `index.json` + `index.html` for the whole channel. index.json is the state a publish merges
 * into (compare-and-swap on it); the SHA256SUMS files and the HTML are rendered from it.
 */
export const TARBALL_ARCHES = ['x86_64', 'aarch64']

/** The folder of a listed path: its arch, or '' for a tarball at the root (arch-less ones). */
export const folderOf = (p: string): string => (p.includes('/') ? p.split('/')[0] : '')

/** Where a folder's SHA256SUMS is. */
const sumsKey = (prefix: string, folder: string): string =>
  folder ? `${prefix}/${folder}/SHA256SUMS` : `${prefix}/SHA256SUMS`

/** `<arch>/SHA256SUMS` for every architecture (empty when it has no tarballs left); '' is the root. */
export function sumsByArch(entries: ListingEntry[]): Map<string, string> {
  const out = new Map<string, string>()
  const arches = new Set([...TARBALL_ARCHES, ...entries.map((e) => folderOf(e.path))])
  for (const arch of arches) {
    const sums = new Map(
      entries
        .filter((e) => folderOf(e.path) === arch)
        .map((e) => [e.path.slice(arch ? arch.length + 1 : 0), e.sha256])
    )
    out.set(arch, renderSums(sums))
  }
  return out
}
export interface TarballChange {
  added: ListingEntry[]
  remove?: (name: string, version: string) => boolean
  retention?: number
  /** How long a tarball the listing stops naming stays in the store (see repo/pending.ts); default 0. */
  graceMs?: number
  /** For tests: the clock pending deletions are dated by. */
  now?: () => Date
}

export function mergeTarballs(
  existing: ListingEntry[],
  change: TarballChange
): { entries: ListingEntry[]; removed: string[] } {
  const byPath = new Map(existing.map((e) => [e.path, e]))
  for (const e of change.added) byPath.set(e.path, e)
  let entries = [...byPath.values()]
  const meta = (e: ListingEntry): { name: string; version: string; arch: string } => {
    try {
      // A flavour (`-static`) keeps the version: retention counts it with the plain tarball.
      const n = parseTarballName(e.path)
      return { name: n.name, version: n.version, arch: n.arch ?? '' }
    } catch {
      return { name: e.path, version: '', arch: '' }
    }
  }
  entries = entries.filter((e) => !change.remove?.(meta(e).name, meta(e).version))
  if (change.retention !== undefined) {
    const group = (e: ListingEntry): string => `${meta(e).name} ${meta(e).arch}`
    const dropped = versionsBeyond(
      entries,
      change.retention,
      group,
      (e) => meta(e).version,
      (a, b) => compareDebVersions(meta(b).version, meta(a).version)
    )
    entries = entries.filter((e) => !dropped.get(group(e))?.has(meta(e).version))
  }
  const kept = new Set(entries.map((e) => e.path))
  // An added tarball the retention drops at once was uploaded for nothing: it goes too.
  const candidates = new Set([...existing, ...change.added].map((e) => e.path))
  return { entries, removed: [...candidates].filter((p) => !kept.has(p)) }
}

/** A tarball channel's state: index.json, and the tarballs it does not list yet. */
export interface TarballState {
  entries: ListingEntry[]
  etag?: string
  /**
   * Tarballs in the store that index.json does not list (put there by another tool, such as
   * Falco's publish-bin): they join SHA256SUMS and the listings on the next publish.
   */
  foreign: Array<{ path: string; size: number }>
  /**
   * Tarballs index.json says were taken out (retention, removal) whose files are still listed:
   * a racing publish's deletion may not have come yet, so they are never adopted back.
   */
  dropped: string[]
  /** Tarballs pending deletion (see repo/pending.ts): what index.json lists as dropped, and since when. */
  pending: Pending
}

export async function readTarballState(store: Store, prefix: string): Promise<TarballState> {
  const current = await readVersioned(store, `${prefix}/index.json`)
  const entries = current ? parseListing(store, prefix, current.text) : []
  const pending = current ? parseDropped(current.text) : new Map<string, Date>()
  const wasDropped = new Set(pending.keys())
  const known = new Set(entries.map((e) => e.path))
  const foreign: TarballState['foreign'] = []
  const dropped: string[] = []
  for await (const o of scan(store, `${prefix}/`)) {
    const rel = o.key.slice(prefix.length + 1)
    // `<arch>/<file>.tar.gz`, or `<file>.tar.gz` at the root (arch-less repositories).
    if (!/^(?:[^/]+\/)?[^/]+\.tar\.gz$/.test(rel) || known.has(rel)) continue
    if (wasDropped.has(rel)) dropped.push(rel)
    else foreign.push({ path: rel, size: o.size })
  }
  return { entries, etag: current?.etag, foreign, dropped, pending }
}

/** `dropped` with `droppedSince`; one without a time (an older index.json) is due at once. */
function parseDropped(text: string): Pending {
  try {
    const raw = JSON.parse(text) as { dropped?: unknown; droppedSince?: unknown }
    const since = pendingFromJson(raw.droppedSince)
    const dropped = Array.isArray(raw.dropped)
      ? raw.dropped.filter((d): d is string => typeof d === 'string')
      : []
    return new Map(dropped.map((d) => [d, since.get(d) ?? new Date(0)]))
  } catch {
    return new Map() // parseListing names the file
  }
}

function parseListing(store: Store, prefix: string, text: string): ListingEntry[] {
  try {
    return (JSON.parse(text) as { files?: ListingEntry[] }).files ?? []
  } catch (e) {
    throw new Error(
      `${store.location}/${prefix}/index.json is not valid JSON (${(e as Error).message})`
    )
  }
}

/** The sha256 of stored tarballs, read once per run (adoption hashes each foreign one once). */
export class StoredDigests {
  private readonly known = new Map<string, Promise<string | undefined>>()
  constructor(
    private readonly store: Store,
    private readonly prefix: string
  ) {}

  /** Undefined when the file went meanwhile (a racing publish's retention deleted it). */
  of(rel: string): Promise<string | undefined> {
    let found = this.known.get(rel)
    if (!found) {
      found = digestObject(this.store, `${this.prefix}/${rel}`).then((d) => d?.sha256)
      this.known.set(rel, found)
    }
    return found
  }

  /** Listing entries for the foreign tarballs of `state`, four read at a time. */
  async adopt(state: TarballState): Promise<ListingEntry[]> {
    const read = await pLimit(4).map(state.foreign, async (f) => ({
      path: f.path,
      sha256: await this.of(f.path),
      size: f.size
    }))
    return read.flatMap(({ path, sha256, size }) => (sha256 ? [{ path, sha256, size }] : []))
  }
}

export async function commitTarballs(
  change: TarballChange,
  o: RepositoryWriter & { title: string; digests?: StoredDigests; state?: TarballState }
): Promise<{ removed: string[]; adopted: number }> {
  const digests = o.digests ?? new StoredDigests(o.store, o.prefix)
  let adoptedCount = 0
  const { removed, committed } = await retryOnConflict(
    async (attempt) => {
      // The plan's read, the first time: a stale one loses the compare-and-swap and is read again.
      const state = attempt === 1 && o.state ? o.state : await readTarballState(o.store, o.prefix)
      // Added ones are listed from what was published; the others another tool put there.
      const addedPaths = new Set(change.added.map((e) => e.path))
      const adopted = await digests.adopt({
        ...state,
        foreign: state.foreign.filter((f) => !addedPaths.has(f.path))
      })
      adoptedCount = adopted.length
      const { entries, removed } = mergeTarballs([...state.entries, ...adopted], change)
      const listed = new Set(entries.map((e) => e.path))
      const { pending, due } = nextPending(
        state.pending,
        removed,
        (p) => listed.has(p),
        (change.now ?? (() => new Date()))(),
        change.graceMs ?? 0
      )
      const { json } = renderListing(o.title, entries, pending)
      // Due ones go before the listing that forgets them commits (see apt.ts).
      await deletePackageFiles(o.store, o.prefix, due, o.log)
      const committed = await o.uploader.commit(
        `${o.prefix}/index.json`,
        json,
        state.etag,
        'listing'
      )
      logPending(o.log, o.prefix, removed, pending)
      return { removed, committed }
    },
    mergingAgain(o.log, o.prefix)
  )
  await finishTarballs(o, committed)
  return { removed, adopted: adoptedCount }
}

/**
 * SHA256SUMS, its signature and index.html are derived from index.json, the commit point: each is
 * written when it does not match the current index.json (see finish.ts: a publish that committed
 * earlier can reach these writes after one that committed later, and a publish can stop between
 * the commit and these writes; whoever finishes last leaves the files of the current generation).
 */
export function finishTarballs(
  o: RepositoryWriter & { title: string },
  committed?: Committed
): Promise<void> {
  const key = `${o.prefix}/index.json`
  return followCommitPoint(o, key, (text) => finishListing(o, text), committed)
}

/** SHA256SUMS and its signature per arch, and index.html, of the listing `text`. */
async function finishListing(o: RepositoryWriter & { title: string }, text: string): Promise<void> {
  const entries = parseListing(o.store, o.prefix, text)
  await Promise.all([
    ...[...sumsByArch(entries)].map(async ([arch, sums]) => {
      const key = sumsKey(o.prefix, arch)
      // An architecture that never had a tarball gets no empty SHA256SUMS.
      if (sums === '' && !(await statObject(o.store, key))) return
      // SHA256SUMS just rewritten: its signature cannot be of these bytes, and is not read.
      const rewritten = await ensureText(o, key, sums)
      const presigned = rewritten
        ? { text: sums, signature: await detachSign(sums, o.keys) }
        : undefined
      await ensureSignature(o, `${key}.asc`, sums, presigned)
    }),
    ensureText(o, `${o.prefix}/index.html`, renderListing(o.title, entries).html, 'text/html')
  ])
}
