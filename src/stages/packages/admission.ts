import type { Hash } from 'node:crypto'
import * as path from 'node:path'
import { awaitedLater } from '../../awaited-later.js'
import type { Operation, StageContext } from '../../plan.js'
import type { DebPackage } from '../../repo/deb/parse.js'
import type { FileDigest } from '../../repo/digest.js'
import { PackageFormatError } from '../../repo/format-error.js'
import type { RpmPackage } from '../../repo/rpm/parse.js'
import type { SigningKeys } from '../../sign/openpgp.js'
import type { Store } from '../../store/store.js'
import { mergeApt } from './apt-merge.js'
import { publishedFiles, readAptSnapshot, type AptSnapshot } from './apt-snapshot.js'
import { hashTarball, type PlannedFiles } from './checks.js'
import { mergeDnf } from './dnf-merge.js'
import { sameUnsignedRpm } from './dnf-same.js'
import { publishedSources, readDnfSnapshot, type DnfSnapshot } from './dnf-snapshot.js'
import type { Repositories } from './layout.js'
import { mergeTarballs, readTarballState, StoredDigests, type TarballState } from './tarballs.js'

/**
 * The package stage's plan, file by file: each checked file is put, skipped (published already
 * with the same bytes) or refused (a stable file with other bytes), each repository read once;
 * a repository that cannot be read is refused alone.
 */

export interface Upload<T> {
  pkg: T
  key: string
  size: number
}

/** What the plan hands to apply. */
export interface PackagesDetail {
  channel: 'dev' | 'stable'
  repos: Repositories
  debs: Array<Upload<DebPackage> & { filename: string }>
  debsUnchanged: DebPackage[]
  rpms: Array<Upload<RpmPackage>>
  rpmsUnchanged: RpmPackage[]
  /** `digests` only when the plan hashed the tarball (see hashTarball): else its upload does. */
  tarballs: Array<
    Upload<{ file: string; path: string; digests?: FileDigest; hashed?: Hash }> & { repo: string }
  >
  /** Digests of stored tarballs read at plan time, per tarball repository. */
  tarballDigests: Map<string, StoredDigests>
  /** Each tarball repository's state as the plan read it: apply's first attempt starts from it. */
  tarballStates: Map<string, TarballState>
  /** Tarball repositories where a tarball of the run was published already (a re-run finishes them). */
  tarballsUnchanged: Set<string>
  remove: string[]
  /** Repositories that could not be read at plan time: the others publish, then the stage fails. */
  refused: Array<{ target: string; error: string }>
  /** What the plan read, so apply does not read it again (a stale one loses the compare-and-swap and is re-read). */
  aptSnapshot?: AptSnapshot
  dnfSnapshot?: DnfSnapshot
  /** The signing keys, read and checked by the plan. */
  keys?: SigningKeys
}

/** A plan being made: what it will do so far, and the stable files it would replace. */
export interface Planning {
  overwrite: boolean
  /** The dev retention: a version it would drop as it arrives is not uploaded (see belowRetention). */
  retention?: number
  detail: PackagesDetail
  operations: Operation[]
  /** Published stable files a file of the run has other bytes for. */
  replacing: string[]
}

export function startPlanning(
  channel: 'dev' | 'stable',
  repos: Repositories,
  packaging: { remove: string[]; overwrite: boolean; devRetention?: number }
): Planning {
  return {
    overwrite: packaging.overwrite,
    retention: channel === 'dev' ? packaging.devRetention : undefined,
    operations: [],
    replacing: [],
    detail: {
      channel,
      repos,
      debs: [],
      debsUnchanged: [],
      rpms: [],
      rpmsUnchanged: [],
      tarballs: [],
      tarballDigests: new Map(),
      tarballStates: new Map(),
      tarballsUnchanged: new Set(),
      remove: packaging.remove,
      refused: []
    }
  }
}

/**
 * A file published with the same bytes is skipped; other bytes under a stable name are refused
 * unless `overwrite`; anything else is put. True when the file is to be put.
 */
function admit(
  p: Planning,
  key: string,
  published: string | undefined,
  file: { file: string; digests?: { sha256: string; size: number }; size?: number }
): boolean {
  if (published !== undefined && published === file.digests?.sha256) {
    p.operations.push({
      action: 'skip',
      target: key,
      reason: 'already published with the same bytes'
    })
    return false
  }
  if (published && p.detail.channel === 'stable' && !p.overwrite) p.replacing.push(key)
  p.operations.push({
    action: 'put',
    target: key,
    source: file.file,
    size: file.digests?.size ?? file.size
  })
  return true
}

/**
 * Plans one repository. One that cannot be read (its index is damaged, or a store error) is
 * refused on its own: the others of the run still publish, and the stage fails afterwards
 * naming it.
 */
export async function planRepository(
  p: Planning,
  prefix: string,
  fn: () => Promise<void>
): Promise<void> {
  const before = p.operations.length
  try {
    await fn()
  } catch (e) {
    if (e instanceof PackageFormatError) throw e
    p.operations.splice(before)
    p.detail.refused.push({ target: prefix, error: (e as Error).message })
    p.operations.push({
      action: 'skip',
      target: `${prefix}/`,
      reason: `refused: ${(e as Error).message}`
    })
  }
}

function adopting(
  p: Planning,
  prefix: string,
  adopted: { packages: number; from: string } | undefined
): void {
  if (adopted)
    p.operations.push({
      action: 'put',
      target: `${prefix}/`,
      reason: `adopting ${prefix}: ${adopted.packages} package${adopted.packages === 1 ? '' : 's'} from ${adopted.from}`
    })
}

/** The .deb files against the apt repository's signed generation, which apply then merges into. */
export async function admitDebs(
  p: Planning,
  store: Store,
  debs: DebPackage[],
  /** The repository's snapshot, when the plan started reading it already (see readAhead). */
  snapshot?: Promise<AptSnapshot>
): Promise<void> {
  const { detail } = p
  const prefix = detail.repos.deb
  detail.aptSnapshot = await (snapshot ?? readAptSnapshot(store, prefix))
  adopting(p, prefix, detail.aptSnapshot.adopted)
  const published = await publishedFiles(
    detail.aptSnapshot,
    debs.map((pkg) => `stable/${path.basename(pkg.file)}`)
  )
  for (const pkg of debs) {
    const filename = `stable/${path.basename(pkg.file)}`
    const key = `${prefix}/${filename}`
    if (admit(p, key, published.get(filename), pkg))
      detail.debs.push({ pkg, key, filename, size: pkg.digests.size })
    else detail.debsUnchanged.push(pkg)
  }
  const { retention } = p
  if (retention === undefined || !detail.debs.length) return
  const { commit } = await mergeApt(detail.aptSnapshot, {
    added: detail.debs.map((u) => ({ pkg: u.pkg, filename: u.filename })),
    retention
  })
  const kept = new Set(commit.added)
  detail.debs = belowRetention(p, detail.debs, (u) => kept.has(u.filename))
}

/**
 * The .rpm files against the dnf repository's generation. An RPM published with its header
 * signed by another tool is the same package: skipped.
 */
export async function admitRpms(
  p: Planning,
  ctx: Pick<StageContext, 'store' | 'workdir'>,
  rpms: RpmPackage[],
  /** The repository's snapshot, when the plan started reading it already (see readAhead). */
  snapshot?: Promise<DnfSnapshot>
): Promise<void> {
  const { detail } = p
  const prefix = detail.repos.rpm
  detail.dnfSnapshot = await (snapshot ?? readDnfSnapshot(ctx.store, prefix))
  adopting(p, prefix, detail.dnfSnapshot.adopted)
  const published = await publishedSources(
    detail.dnfSnapshot,
    rpms.map((pkg) => path.basename(pkg.file))
  )
  for (const pkg of rpms) {
    const key = `${prefix}/${path.basename(pkg.file)}`
    const sha = published.get(path.basename(pkg.file))
    if (
      sha !== undefined &&
      sha !== pkg.digests.sha256 &&
      (await sameUnsignedRpm(ctx.store, key, pkg, ctx.workdir))
    ) {
      p.operations.push({
        action: 'skip',
        target: key,
        reason: 'already published, its header signed by another tool'
      })
      detail.rpmsUnchanged.push(pkg)
      continue
    }
    if (admit(p, key, sha, pkg)) detail.rpms.push({ pkg, key, size: pkg.digests.size })
    else detail.rpmsUnchanged.push(pkg)
  }
  const { retention } = p
  if (retention === undefined || !detail.rpms.length) return
  const { commit } = await mergeDnf(detail.dnfSnapshot, {
    added: detail.rpms.map((u) => ({ ...u.pkg, sourceSha256: u.pkg.digests.sha256 })),
    retention
  })
  const kept = new Set(commit.added)
  detail.rpms = belowRetention(p, detail.rpms, (u) => kept.has(path.basename(u.pkg.file)))
}

/** Tarballs with an arch go to `bin`; arch-less ones (Falco's -wasm) to their own repository. */
export function tarballRepositories(
  tars: PlannedFiles['tars'],
  bin: string,
  noarch: string
): Map<string, PlannedFiles['tars']> {
  const out = new Map<string, PlannedFiles['tars']>()
  for (const t of tars) {
    const prefix = t.name.arch ? bin : noarch
    out.set(prefix, [...(out.get(prefix) ?? []), t])
  }
  return out
}

/** The tarballs of one tarball repository against its listing (and, for others' files, their bytes). */
export async function admitTarballs(
  p: Planning,
  store: Store,
  prefix: string,
  tarballs: PlannedFiles['tars'],
  /** The repository's listing, when the plan started reading it already (see readAhead). */
  listing?: ReturnType<typeof readTarballState>
): Promise<void> {
  const { detail } = p
  const first = detail.tarballs.length
  const state = await (listing ?? readTarballState(store, prefix))
  detail.tarballStates.set(prefix, state)
  const digests = new StoredDigests(store, prefix)
  detail.tarballDigests.set(prefix, digests)
  if (state.foreign.length)
    p.operations.push({
      action: 'put',
      target: `${prefix}/`,
      reason: `adopting ${prefix}: ${state.foreign.length} tarball${state.foreign.length === 1 ? '' : 's'} its listing and SHA256SUMS do not name yet`
    })
  const published = new Map(state.entries.map((e) => [e.path, e.sha256]))
  const foreign = new Set(state.foreign.map((f) => f.path))
  for (const t of tarballs) {
    const rel = t.name.arch ? `${t.name.arch}/${t.name.file}` : t.name.file
    const key = `${prefix}/${rel}`
    // A tarball another tool put there is compared by its bytes, like a listed one.
    const sha = published.get(rel) ?? (foreign.has(rel) ? await digests.of(rel) : undefined)
    // Only a name published already needs the file's hash now: to skip it or to refuse it.
    if (sha !== undefined) await hashTarball(t)
    if (admit(p, key, sha, t))
      detail.tarballs.push({
        pkg: { file: t.file, path: rel, digests: t.digests, hashed: t.hashed },
        repo: prefix,
        key,
        size: t.digests?.size ?? t.size
      })
    else detail.tarballsUnchanged.add(prefix)
  }
  // The arch-less repository takes stable releases too: no retention (see publish).
  const { retention } = p
  if (retention === undefined || prefix !== detail.repos.bin) return
  const mine = detail.tarballs.splice(first)
  const { removed } = mergeTarballs(state.entries, {
    // The retention goes by names and versions: a digest the plan did not need is not read.
    added: mine.map((u) => ({ path: u.pkg.path, sha256: u.pkg.digests?.sha256 ?? '' })),
    retention
  })
  const dropped = new Set(removed)
  detail.tarballs.push(...belowRetention(p, mine, (u) => !dropped.has(u.pkg.path)))
}

/**
 * The run's uploads the dev retention keeps (`kept`, from a merge into what the plan read); the
 * others, older than every version the channel keeps, are not uploaded: a file no index would
 * name. Their planned puts become skips. A racing publish can still push one below the window
 * before this one commits: the commit then records it as pending deletion (repo/pending.ts).
 */
function belowRetention<T extends { key: string }>(
  p: Planning,
  uploads: T[],
  kept: (u: T) => boolean
): T[] {
  for (const u of uploads) {
    if (kept(u)) continue
    const i = p.operations.findIndex((o) => o.action === 'put' && o.target === u.key)
    p.operations[i] = {
      action: 'skip',
      target: u.key,
      reason: `older than the ${p.retention} newest version(s) dev-retention keeps: not published`
    }
  }
  return uploads.filter(kept)
}

/**
 * Fails the plan when nothing but refused repositories is left, or when a stable file would be
 * replaced with other bytes.
 */
export function checkRefusals(p: Planning): void {
  const { refused } = p.detail
  if (refused.length && p.operations.every((o) => o.action === 'skip')) {
    throw new Error(refused.map((r) => `${r.target}: ${r.error}`).join('; '))
  }
  if (p.replacing.length) {
    throw new Error(
      `refusing to replace published stable file(s) with different bytes: ${p.replacing.join(', ')}. ` +
        `Stable packages are immutable; publish a new version, or set 'overwrite: true' if you really mean it.`
    )
  }
}

/**
 * The indexes, computed at apply time (merged into whatever is current then): the plan names
 * them without content, so a dry run still shows every file a publish rewrites.
 */
export function indexOperations(detail: PackagesDetail): Operation[] {
  const { repos } = detail
  const out: Operation[] = []
  if (detail.debs.length) {
    out.push({
      action: 'put',
      target: `${repos.deb}/dists/stable/`,
      reason: 'index: Packages (+ .gz, .xz, by-hash), then Release, InRelease, Release.gpg'
    })
  }
  if (detail.rpms.length) {
    out.push({
      action: 'put',
      target: `${repos.rpm}/repodata/`,
      reason: 'index: primary, filelists, other, then repomd.xml and repomd.xml.asc'
    })
  }
  for (const sums of new Set(
    detail.tarballs.map((t) => `${t.repo}/${t.pkg.path.replace(/[^/]+$/, '')}SHA256SUMS`)
  )) {
    out.push({
      action: 'put',
      target: sums,
      reason: 'index: SHA256SUMS and SHA256SUMS.asc, then the listing'
    })
  }
  for (const pattern of detail.remove) {
    out.push({
      action: 'delete',
      target: `${repos.deb}, ${repos.rpm}, ${repos.bin}: ${pattern}`,
      reason: "input 'remove'"
    })
  }
  return out
}

/**
 * Starts reading, all at once, the published state of every repository the run adds to: on a
 * store across a network each is a round trip or two, and read one repository after the other
 * they added up. Admission still goes one repository at a time, in order, with what was read.
 * A read that fails is reported where admission awaits it: that repository is refused alone.
 */
export function readAhead(
  store: Store,
  repos: Repositories,
  files: { debs: unknown[]; rpms: unknown[] },
  tarballRepos: Iterable<string>
): {
  apt?: Promise<AptSnapshot>
  dnf?: Promise<DnfSnapshot>
  tarballs: Map<string, ReturnType<typeof readTarballState>>
} {
  // Each is awaited, and its failure reported, by the repository's admission.
  return {
    apt: files.debs.length ? awaitedLater(readAptSnapshot(store, repos.deb)) : undefined,
    dnf: files.rpms.length ? awaitedLater(readDnfSnapshot(store, repos.rpm)) : undefined,
    tarballs: new Map(
      [...tarballRepos].map((prefix) => [prefix, awaitedLater(readTarballState(store, prefix))])
    )
  }
}
