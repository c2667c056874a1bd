import { createReadStream } from 'node:fs'
import { realpath } from 'node:fs/promises'
import * as path from 'node:path'
import pLimit from 'p-limit'
import { glob } from 'tinyglobby'
import type { Operation, Published, Stage, StageContext, StagePlan, StageResult } from '../plan.js'
import { StageError } from '../plan.js'
import { parseTarballName } from '../repo/bin/tarball.js'
import { parseDeb, type DebPackage } from '../repo/deb/parse.js'
import { sha256File, type FileDigest } from '../repo/digest.js'
import { PackageFormatError } from '../repo/format-error.js'
import { listOutput } from '../report/outputs.js'
import { parseRemovePattern } from '../repo/inputs.js'
import { parseRpm, type RpmPackage } from '../repo/rpm/parse.js'
import { detachSign, loadSigningKeys, type SigningKeys } from '../sign/openpgp.js'
import type { Store } from '../store/store.js'
import { commitApt } from './packages/apt.js'
import { publishedFiles, readAptSnapshot, type AptSnapshot } from './packages/apt-snapshot.js'
import { commitDnf } from './packages/dnf.js'
import { sameUnsignedRpm } from './packages/dnf-same.js'
import { signRpmFile } from './packages/dnf-sign.js'
import { publishedSources, readDnfSnapshot, type DnfSnapshot } from './packages/dnf-snapshot.js'
import { PUBLIC_KEY_KEY, repositoriesFor, type Repositories } from './packages/layout.js'
import { readObject, Uploader } from './packages/store-io.js'
import {
  commitTarballs,
  finishTarballs,
  readTarballState,
  StoredDigests
} from './packages/tarballs.js'
import { finishApt, finishDnf } from './packages/finish.js'
import { checkPackageFiles } from './packages/checks.js'
import { planSigning } from './packages/signing-plan.js'
import { renderPackagesSummary, type PublishOutcome } from './packages/summary.js'
import { hasWork } from './work.js'

/**
 * The package stage: .deb files into an apt repository, .rpm files into a dnf repository,
 * .tar.gz files into a tarball listing, each for the release's channel (stable: `deb`, `rpm`,
 * `bin`; dev: `deb-dev`, `rpm-dev`, `bin-dev`). Every file is parsed and checked at plan time,
 * before anything is written.
 */

export { PUBLIC_KEY_KEY, repositoriesFor, type Repositories }

interface Upload<T> {
  pkg: T
  key: string
  size: number
}

interface PackagesDetail {
  channel: 'dev' | 'stable'
  repos: Repositories
  debs: Array<Upload<DebPackage> & { filename: string }>
  debsUnchanged: DebPackage[]
  rpms: Array<Upload<RpmPackage>>
  rpmsUnchanged: RpmPackage[]
  tarballs: Array<Upload<{ file: string; path: string; digests: FileDigest }> & { repo: string }>
  /** Digests of stored tarballs read at plan time, per tarball repository. */
  tarballDigests: Map<string, StoredDigests>
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

export const packagesStage: Stage<PackagesDetail> = {
  name: 'packages',
  plan: planPackages,
  apply: applyPackages
}

async function planPackages(ctx: StageContext): Promise<StagePlan<PackagesDetail>> {
  const { inputs, release } = ctx
  const packaging = inputs.packaging
  const empty: StagePlan<PackagesDetail> = { stage: 'packages', operations: [] }
  // hasWork tests the channel too; the second test only tells TypeScript.
  if (!hasWork.packages(ctx) || release.channel === 'none') return empty
  const channel = release.channel
  const repos = repositoriesFor(channel)
  const files = await resolvePackageFiles(
    inputs.packages,
    ctx.workspace,
    inputs.allowOutsideWorkspace
  )
  const detail: PackagesDetail = {
    channel,
    repos,
    debs: [],
    debsUnchanged: [],
    rpms: [],
    rpmsUnchanged: [],
    tarballs: [],
    tarballDigests: new Map(),
    tarballsUnchanged: new Set(),
    remove: packaging.remove,
    refused: []
  }
  const operations: Operation[] = []
  const refuse: string[] = []

  const debs = files.filter((f) => f.endsWith('.deb'))
  const rpms = files.filter((f) => f.endsWith('.rpm'))
  const tars = files.filter((f) => f.endsWith('.tar.gz'))
  // A few files open at a time: a bulk import of 100k packages would otherwise hit EMFILE.
  const parsedDebs = await fewAtATime(debs, (f) => parseDeb(f, path.relative(ctx.workspace, f)))
  const parsedRpms = await fewAtATime(rpms, (f) => parseRpm(f, path.relative(ctx.workspace, f)))
  const parsedTars = await fewAtATime(tars, async (f) => ({
    name: parseTarballName(f),
    digests: await sha256File(f),
    file: f
  }))
  const checked = await checkPackageFiles(
    { debs: parsedDebs, rpms: parsedRpms, tars: parsedTars },
    ctx
  )

  // A file published with the same bytes is skipped; other bytes under a stable name are
  // refused unless `overwrite`; anything else is put. True when the file is to be put.
  const admit = (
    key: string,
    published: string | undefined,
    file: { file: string; digests: { sha256: string; size: number } }
  ): boolean => {
    if (published === file.digests.sha256) {
      operations.push({
        action: 'skip',
        target: key,
        reason: 'already published with the same bytes'
      })
      return false
    }
    if (published && channel === 'stable' && !packaging.overwrite) refuse.push(key)
    operations.push({ action: 'put', target: key, source: file.file, size: file.digests.size })
    return true
  }

  // A repository that cannot be read (its index is damaged, or a store error) is refused on its
  // own: the others of the run still publish, and the stage fails afterwards naming it.
  const repository = async (prefix: string, fn: () => Promise<void>): Promise<void> => {
    const before = operations.length
    try {
      await fn()
    } catch (e) {
      if (e instanceof PackageFormatError) throw e
      operations.splice(before)
      detail.refused.push({ target: prefix, error: (e as Error).message })
      operations.push({
        action: 'skip',
        target: `${prefix}/`,
        reason: `refused: ${(e as Error).message}`
      })
    }
  }
  const adopting = (prefix: string, adopted: { packages: number; from: string } | undefined) => {
    if (adopted)
      operations.push({
        action: 'put',
        target: `${prefix}/`,
        reason: `adopting ${prefix}: ${adopted.packages} package${adopted.packages === 1 ? '' : 's'} from ${adopted.from}`
      })
  }

  if (checked.debs.length) {
    await repository(repos.deb, async () => {
      detail.aptSnapshot = await readAptSnapshot(ctx.store, repos.deb)
      adopting(repos.deb, detail.aptSnapshot.adopted)
      const published = await publishedFiles(
        detail.aptSnapshot,
        checked.debs.map((pkg) => `stable/${path.basename(pkg.file)}`)
      )
      for (const pkg of checked.debs) {
        const filename = `stable/${path.basename(pkg.file)}`
        const key = `${repos.deb}/${filename}`
        if (admit(key, published.get(filename), pkg))
          detail.debs.push({ pkg, key, filename, size: pkg.digests.size })
        else detail.debsUnchanged.push(pkg)
      }
    })
  }
  if (checked.rpms.length) {
    await repository(repos.rpm, async () => {
      detail.dnfSnapshot = await readDnfSnapshot(ctx.store, repos.rpm)
      adopting(repos.rpm, detail.dnfSnapshot.adopted)
      const published = await publishedSources(
        detail.dnfSnapshot,
        checked.rpms.map((pkg) => path.basename(pkg.file))
      )
      for (const pkg of checked.rpms) {
        const key = `${repos.rpm}/${path.basename(pkg.file)}`
        const sha = published.get(path.basename(pkg.file))
        if (
          sha !== undefined &&
          sha !== pkg.digests.sha256 &&
          (await sameUnsignedRpm(ctx.store, key, pkg, ctx.workdir))
        ) {
          operations.push({
            action: 'skip',
            target: key,
            reason: 'already published, its header signed by another tool'
          })
          detail.rpmsUnchanged.push(pkg)
          continue
        }
        if (admit(key, sha, pkg)) detail.rpms.push({ pkg, key, size: pkg.digests.size })
        else detail.rpmsUnchanged.push(pkg)
      }
    })
  }
  // Tarballs with an arch go to `bin`; arch-less ones (Falco's -wasm) to their own repository.
  const tarRepos = new Map<string, typeof checked.tars>()
  for (const t of checked.tars) {
    const prefix = t.name.arch ? repos.bin : packaging.noarchRepository
    tarRepos.set(prefix, [...(tarRepos.get(prefix) ?? []), t])
  }
  for (const [prefix, tarballs] of tarRepos) {
    await repository(prefix, async () => {
      const state = await readTarballState(ctx.store, prefix)
      const digests = new StoredDigests(ctx.store, prefix)
      detail.tarballDigests.set(prefix, digests)
      if (state.foreign.length)
        operations.push({
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
        if (admit(key, sha, t))
          detail.tarballs.push({
            pkg: { file: t.file, path: rel, digests: t.digests },
            repo: prefix,
            key,
            size: t.digests.size
          })
        else detail.tarballsUnchanged.add(prefix)
      }
    })
  }
  if (detail.refused.length && operations.every((o) => o.action === 'skip')) {
    throw new Error(detail.refused.map((r) => `${r.target}: ${r.error}`).join('; '))
  }
  if (refuse.length) {
    throw new Error(
      `refusing to replace published stable file(s) with different bytes: ${refuse.join(', ')}. ` +
        `Stable packages are immutable; publish a new version, or set 'overwrite: true' if you really mean it.`
    )
  }
  // The indexes are computed at apply time (merged into whatever is current then), so the plan
  // names them without content: a dry run still shows every file a publish rewrites.
  if (detail.debs.length) {
    operations.push({
      action: 'put',
      target: `${repos.deb}/dists/stable/`,
      reason: 'index: Packages (+ .gz, .xz, by-hash), then Release, InRelease, Release.gpg'
    })
  }
  if (detail.rpms.length) {
    operations.push({
      action: 'put',
      target: `${repos.rpm}/repodata/`,
      reason: 'index: primary, filelists, other, then repomd.xml and repomd.xml.asc'
    })
  }
  for (const sums of new Set(
    detail.tarballs.map((t) => `${t.repo}/${t.pkg.path.replace(/[^/]+$/, '')}SHA256SUMS`)
  )) {
    operations.push({
      action: 'put',
      target: sums,
      reason: 'index: SHA256SUMS and SHA256SUMS.asc, then the listing'
    })
  }
  for (const pattern of packaging.remove) {
    operations.push({
      action: 'delete',
      target: `${repos.deb}, ${repos.rpm}, ${repos.bin}: ${pattern}`,
      reason: "input 'remove'"
    })
  }
  registerKeySecrets(ctx.log, packaging.gpgPrivateKey, packaging.gpgPassphrase)
  detail.keys = await planSigning(ctx, operations)
  return { stage: 'packages', operations, detail }
}

/** Expands the `packages` globs; a glob matching nothing or a file of an unknown kind is an error. */
export async function resolvePackageFiles(
  globs: string[],
  workspace: string,
  allowOutside = false
): Promise<string[]> {
  const out = new Set<string>()
  const root = await realpath(workspace)
  for (const pattern of globs) {
    const matches = await glob(pattern, {
      cwd: workspace,
      absolute: true,
      onlyFiles: true,
      expandDirectories: false
    })
    if (matches.length === 0)
      throw new Error(
        `input 'packages': ${JSON.stringify(pattern)} matches no file under ${workspace}`
      )
    for (const m of matches.sort()) {
      // A glob climbing out (../), or a symlink pointing out, would publish a file nobody
      // meant to: the workspace holds what the build made.
      const real = await realpath(m)
      if (!allowOutside && path.relative(root, real).startsWith('..')) {
        throw new PackageFormatError(
          path.relative(workspace, m),
          `input 'packages': ${JSON.stringify(pattern)} leads outside the workspace (to ${real}); ` +
            `copy the file into the workspace, or set allow-outside-workspace: true`
        )
      }
      if (!/\.(deb|rpm|tar\.gz)$/.test(m)) {
        throw new PackageFormatError(
          path.relative(workspace, m),
          "input 'packages' takes .deb, .rpm and .tar.gz files only"
        )
      }
      out.add(m)
    }
  }
  return [...out]
}

async function applyPackages(
  plan: StagePlan<PackagesDetail>,
  ctx: StageContext
): Promise<StageResult> {
  const started = Date.now()
  const detail = plan.detail
  const uploader = new Uploader(ctx.store, ctx.log)
  const result = (): StageResult => ({
    stage: 'packages',
    published: uploader.published,
    failed: [],
    durationMs: Date.now() - started
  })
  const { packaging } = ctx.inputs
  // A re-run with nothing new still finishes what a stopped publish left half-committed (see
  // finish.ts), which takes the signing key; without one there is nothing it could sign.
  // The key's secrets were registered by the plan.
  if (
    !detail ||
    (plan.operations.every((o) => o.action === 'skip') && packaging.gpgPrivateKey === '')
  )
    return result()
  try {
    const keys =
      detail.keys ?? (await loadSigningKeys(packaging.gpgPrivateKey, packaging.gpgPassphrase))
    const outcome = await publish(detail, ctx, keys, uploader)
    const res = result()
    res.summary = renderPackagesSummary(outcome, ctx.store)
    res.outputs = {
      // A removal pattern can drop thousands of packages; each is logged as it goes.
      'packages-added': listOutput(
        'packages-added',
        outcome.added,
        'the log names each one',
        ctx.log
      ),
      'packages-removed': listOutput(
        'packages-removed',
        outcome.removed,
        'the log names each one',
        ctx.log
      )
    }
    res.notes = outcome.notes
    if (detail.refused.length) {
      res.failed.push(...detail.refused)
      throw new StageError(
        `packages: published the other repositories; refused ${detail.refused.map((r) => `${r.target}: ${r.error}`).join('; ')}`,
        res
      )
    }
    return res
  } catch (e) {
    if (e instanceof StageError) throw e
    const res = result()
    res.failed.push({ target: 'packages', error: (e as Error).message })
    throw new StageError(`packages: ${(e as Error).message}`, res)
  }
}

async function publish(
  d: PackagesDetail,
  ctx: StageContext,
  keys: SigningKeys,
  uploader: Uploader
): Promise<PublishOutcome> {
  const { store, log } = ctx
  const packaging = ctx.inputs.packaging
  const retention = d.channel === 'dev' ? ctx.inputs.packaging.devRetention : undefined
  const patterns = d.remove.map(parseRemovePattern)
  const remove = patterns.length
    ? (name: string, version: string): boolean =>
        patterns.some((p) => p.name.test(name) && p.version.test(version))
    : undefined
  const outcome: PublishOutcome = {
    repos: d.repos,
    channel: d.channel,
    added: [],
    removed: [],
    notes: []
  }

  // Removal patterns touch only repositories that exist; an unchanged repository is not rewritten.
  const refused = new Set(d.refused.map((r) => r.target))
  const exists = async (prefix: string, file: string): Promise<boolean> =>
    !refused.has(prefix) && (await store.head(`${prefix}/${file}`)) !== undefined
  if (d.debs.length || (remove && (await exists(d.repos.deb, 'dists/stable/Release')))) {
    await log.group(`apt repository ${d.repos.deb}`, async () => {
      const stored = fewAtATime(d.debs, (u) =>
        Promise.all([
          uploader.file(
            u.key,
            u.pkg.file,
            'package',
            'application/vnd.debian.binary-package',
            u.pkg.digests.sha256
          ),
          signFile(uploader, u.key, u.pkg.file, keys)
        ])
      )
      outcome.deb = await commitAfter(stored, (s) =>
        commitApt(
          { added: d.debs.map((u) => ({ pkg: u.pkg, filename: u.filename })), remove, retention },
          {
            store,
            prefix: d.repos.deb,
            keys,
            log,
            uploader,
            snapshot: d.aptSnapshot,
            stored: s,
            // Never the tool's name: a repository is its project's (apt shows it to users).
            origin: packaging.aptOrigin || ctx.repository?.owner || path.basename(ctx.workspace),
            label: packaging.aptLabel || undefined
          }
        )
      )
    })
  } else if (d.debsUnchanged.length) {
    await finishApt({ store, prefix: d.repos.deb, keys, log, uploader })
  }
  if (d.rpms.length || (remove && (await exists(d.repos.rpm, 'repodata/repomd.xml')))) {
    await log.group(`dnf repository ${d.repos.rpm}`, async () => {
      // Signing changes the header, so the index describes the signed files.
      const signed = await fewAtATime(d.rpms, async (u) => ({
        u,
        signed: await signRpmFile(u.pkg, keys, ctx.workdir)
      }))
      const stored = fewAtATime(signed, ({ u, signed }) =>
        Promise.all([
          uploader.file(u.key, signed.file, 'package', 'application/x-rpm'),
          signFile(uploader, u.key, signed.file, keys)
        ])
      )
      outcome.rpm = await commitAfter(stored, (s) =>
        commitDnf(
          { added: signed.map((x) => x.signed), remove, retention },
          { store, prefix: d.repos.rpm, keys, log, uploader, snapshot: d.dnfSnapshot, stored: s }
        )
      )
      await putIfChanged(
        store,
        uploader,
        `${d.repos.rpm}/falco-publish.repo`,
        dnfRepoFile(store, d.repos.rpm, d.channel)
      )
    })
  } else if (d.rpmsUnchanged.length) {
    await finishDnf({ store, prefix: d.repos.rpm, keys, log, uploader })
  }
  const tarRepos = new Set([
    ...d.tarballs.map((u) => u.repo),
    ...(remove ? [d.repos.bin, packaging.noarchRepository] : [])
  ])
  for (const prefix of tarRepos) {
    const uploads = d.tarballs.filter((u) => u.repo === prefix)
    if (!uploads.length && !(await exists(prefix, 'index.json'))) continue
    await log.group(`tarballs ${prefix}`, async () => {
      await fewAtATime(uploads, (u) =>
        Promise.all([
          uploader.file(u.key, u.pkg.file, 'tarball', 'application/gzip', u.pkg.digests.sha256),
          signFile(uploader, u.key, u.pkg.file, keys)
        ])
      )
      const r = await commitTarballs(
        {
          added: uploads.map((u) => ({
            path: u.pkg.path,
            sha256: u.pkg.digests.sha256,
            size: u.pkg.digests.size
          })),
          remove,
          // The arch-less repository takes stable releases too (Falco's wasm-dev): no retention.
          retention: prefix === d.repos.bin ? retention : undefined
        },
        {
          store,
          prefix,
          keys,
          log,
          uploader,
          title: prefix,
          digests: d.tarballDigests.get(prefix)
        }
      )
      if (r.adopted) log.info(`adopted ${r.adopted} tarball(s) already in ${prefix}`)
      outcome.bin = {
        // What the retention dropped at once was not added (and is deleted again).
        added: [
          ...(outcome.bin?.added ?? []),
          ...uploads.filter((u) => !r.removed.includes(u.pkg.path)).map((u) => u.key)
        ],
        removed: [...(outcome.bin?.removed ?? []), ...r.removed.map((p) => `${prefix}/${p}`)]
      }
    })
  }
  // A re-run with nothing new still finishes what an interrupted publish left half-committed.
  for (const prefix of d.tarballsUnchanged) {
    if (tarRepos.has(prefix) || refused.has(prefix)) continue
    await finishTarballs({ store, prefix, keys, log, uploader, title: prefix })
  }
  // Last: the public key users check with changes only once everything is signed by it.
  await publishPublicKeys(store, uploader, keys)
  outcome.added = [
    ...(outcome.deb?.added.map((f) => `${d.repos.deb}/${f}`) ?? []),
    ...(outcome.rpm?.added.map((f) => `${d.repos.rpm}/${f}`) ?? []),
    ...(outcome.bin?.added ?? [])
  ]
  outcome.removed = [
    ...(outcome.deb?.removedFiles.map((f) => `${d.repos.deb}/${f}`) ?? []),
    ...(outcome.rpm?.removedFiles.map((f) => `${d.repos.rpm}/${f}`) ?? []),
    ...(outcome.bin?.removed ?? [])
  ]
  return outcome
}

/**
 * Masks the key material before it is used. Runners mask line by line, so each line of the
 * armoured key is registered too (the BEGIN/END lines are public and would mask too much).
 */
export function registerKeySecrets(
  log: StageContext['log'],
  key: string,
  passphrase: string
): void {
  if (key) log.secret(key)
  for (const line of key.split(/\r?\n/)) {
    if (line.trim().length >= 8 && !line.startsWith('-----')) log.secret(line.trim())
  }
  if (passphrase) log.secret(passphrase)
}

/**
 * Commits an index while its packages are still being stored (`stored`, which the commit
 * awaits before naming them), and reports the first failure of either: a failed upload is
 * never left unobserved behind a failed commit.
 */
async function commitAfter<T>(
  stored: Promise<unknown>,
  commit: (stored: Promise<unknown>) => Promise<T>
): Promise<T> {
  const [uploads, committed] = await Promise.allSettled([stored, commit(stored)])
  if (uploads.status === 'rejected') throw uploads.reason
  if (committed.status === 'rejected') throw committed.reason
  return committed.value
}

/**
 * Signs or stores packages four at a time, results in input order: enough to overlap a remote
 * store's round trips, few enough to keep a runner's connections and open files in bounds.
 */
function fewAtATime<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  return pLimit(4).map(items, (item) => fn(item))
}

/** Writes a small file only when its bytes change (a rewrite would only cost a CDN invalidation). */
async function putIfChanged(
  store: Store,
  uploader: Uploader,
  key: string,
  text: string,
  kind: Published['kind'] = 'index',
  contentType?: string
): Promise<void> {
  const current = await readObject(store, key)
  if (current?.toString('utf8') === text) return
  await uploader.bytes(key, text, kind, contentType)
}

/** The public key file, rewritten only when the keys changed. */
function publishPublicKeys(store: Store, uploader: Uploader, keys: SigningKeys): Promise<void> {
  return putIfChanged(
    store,
    uploader,
    PUBLIC_KEY_KEY,
    keys.publicArmored.join('\n'),
    'signature',
    'application/pgp-keys'
  )
}

async function signFile(
  uploader: Uploader,
  key: string,
  file: string,
  keys: SigningKeys
): Promise<void> {
  await uploader.bytes(
    `${key}.asc`,
    await detachSign(createReadStream(file, { highWaterMark: 1 << 20 }), keys),
    'signature',
    'application/pgp-signature',
    true // no index names a package's signature: it is synced with the package
  )
}

/** The `.repo` file users drop in /etc/yum.repos.d. */
export function dnfRepoFile(store: Store, prefix: string, channel: 'dev' | 'stable'): string {
  const base = store.url(prefix) ?? prefix
  const key = store.url(PUBLIC_KEY_KEY) ?? PUBLIC_KEY_KEY
  const id = channel === 'dev' ? 'falco-publish-dev' : 'falco-publish'
  return (
    `[${id}]\nname=${id}\nbaseurl=${base}\nenabled=1\ngpgcheck=1\nrepo_gpgcheck=1\ngpgkey=${key}\n` +
    `metadata_expire=1h\n`
  )
}
