import type { Hash } from 'node:crypto'
import { realpath, stat } from 'node:fs/promises'
import * as path from 'node:path'
import pLimit from 'p-limit'
import { awaitedLater } from '../awaited-later.js'
import type { Published, Stage, StageContext, StagePlan, StageResult } from '../plan.js'
import { StageError } from '../plan.js'
import { parseTarballName } from '../repo/bin/tarball.js'
import { parseDeb } from '../repo/deb/parse.js'
import type { FileDigest } from '../repo/digest.js'
import { PackageFormatError } from '../repo/format-error.js'
import { listOutput } from '../report/outputs.js'
import { registerSecrets } from '../report/secrets.js'
import { parseRemovePattern } from '../repo/inputs.js'
import { parseRpm } from '../repo/rpm/parse.js'
import { detachSignFile, loadSigningKeys, type SigningKeys } from '../sign/openpgp.js'
import { startSigningWorkers } from '../sign/sign-workers.js'
import type { Store } from '../store/store.js'
import { commitApt } from './packages/apt.js'
import { commitDnf } from './packages/dnf.js'
import { signRpmFile } from './packages/dnf-sign.js'
import { PUBLIC_KEY_KEY, repositoriesFor, type Repositories } from './packages/layout.js'
import { readObject, statObject } from '../store/store.js'
import { Uploader } from './packages/store-io.js'
import { commitTarballs, finishTarballs } from './packages/tarballs.js'
import { finishApt, finishDnf } from './packages/finish.js'
import { checkPackageFiles, type PlannedFiles } from './packages/checks.js'
import {
  admitDebs,
  admitRpms,
  admitTarballs,
  readAhead,
  checkRefusals,
  indexOperations,
  planRepository,
  startPlanning,
  tarballRepositories,
  type PackagesDetail
} from './packages/admission.js'
import { planSigning, readPublishedSigning } from './packages/signing-plan.js'
import { renderPackagesSummary, type PublishOutcome } from './packages/summary.js'
import { hasWork } from './work.js'

/**
 * The package stage: .deb files into an apt repository, .rpm files into a dnf repository,
 * .tar.gz files into a tarball listing, each for the release's channel (stable: `deb`, `rpm`,
 * `bin`; dev: `deb-dev`, `rpm-dev`, `bin-dev`). Every file is parsed and checked at plan time,
 * before anything is written.
 */

export { PUBLIC_KEY_KEY, repositoriesFor, type Repositories }

export const packagesStage: Stage<PackagesDetail> = {
  name: 'packages',
  plan: planPackages,
  apply: applyPackages
}

async function planPackages(ctx: StageContext): Promise<StagePlan<PackagesDetail>> {
  const { inputs, release } = ctx
  const packaging = inputs.packaging
  // hasWork tests the channel too; the second test only tells TypeScript.
  if (!hasWork.packages(ctx) || release.channel === 'none')
    return { stage: 'packages', operations: [] }
  const repos = repositoriesFor(release.channel)
  // Read while the files are parsed and the repositories planned (see readPublishedSigning).
  const published = packaging.gpgPrivateKey === '' ? undefined : readPublishedSigning(ctx.store)
  const files = await resolvePackageFiles(
    inputs.packages,
    ctx.workspace,
    inputs.allowOutsideWorkspace
  )
  const checked = await checkPackageFiles(await parsePackageFiles(files, ctx.workspace), ctx)
  const p = startPlanning(release.channel, repos, packaging)
  const tarRepos = tarballRepositories(checked.tars, repos.bin, packaging.noarchRepository)
  const ahead = readAhead(ctx.store, repos, checked, tarRepos.keys())
  if (checked.debs.length)
    await planRepository(p, repos.deb, () => admitDebs(p, ctx.store, checked.debs, ahead.apt))
  if (checked.rpms.length)
    await planRepository(p, repos.rpm, () => admitRpms(p, ctx, checked.rpms, ahead.dnf))
  for (const [prefix, tarballs] of tarRepos)
    await planRepository(p, prefix, () =>
      admitTarballs(p, ctx.store, prefix, tarballs, ahead.tarballs.get(prefix))
    )
  checkRefusals(p)
  p.operations.push(...indexOperations(p.detail))
  registerSecrets(ctx.log, packaging.gpgPrivateKey, packaging.gpgPassphrase)
  p.detail.keys = await planSigning(ctx, p.operations, published)
  return { stage: 'packages', operations: p.operations, detail: p.detail }
}

/** Parses every file, a few open at a time: a bulk import of 100k packages would otherwise hit EMFILE. */
async function parsePackageFiles(files: string[], workspace: string): Promise<PlannedFiles> {
  const shown = (f: string): string => path.relative(workspace, f)
  return {
    debs: await fewAtATime(
      files.filter((f) => f.endsWith('.deb')),
      (f) => parseDeb(f, shown(f))
    ),
    rpms: await fewAtATime(
      files.filter((f) => f.endsWith('.rpm')),
      (f) => parseRpm(f, shown(f))
    ),
    tars: await fewAtATime(
      files.filter((f) => f.endsWith('.tar.gz')),
      // Not hashed yet: only a tarball whose name is published already needs it at plan time.
      async (f) => ({ name: parseTarballName(f), size: (await stat(f)).size, file: f })
    )
  }
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
    const matches = await matchFiles(pattern, workspace)
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

/**
 * The files a pattern names. A plain path (no glob character, no part starting with a dot,
 * which a glob would skip) is looked up directly: tinyglobby, loaded only for a real glob, costs
 * about 10 ms of a small publish's start.
 */
async function matchFiles(pattern: string, workspace: string): Promise<string[]> {
  if (!/[*?[\]{}()!+@\\]/.test(pattern) && !pattern.split('/').some((p) => p.startsWith('.'))) {
    const file = path.resolve(workspace, pattern)
    const found = await stat(file).catch(() => undefined)
    return found?.isFile() ? [file] : []
  }
  const { glob } = await import('tinyglobby')
  return glob(pattern, {
    cwd: workspace,
    absolute: true,
    onlyFiles: true,
    expandDirectories: false
  })
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
    // A bulk import signs in worker threads; a worker's failure fails the publish here, before
    // any index names what it would have signed.
    const signatures = signatureCount(detail)
    const workers = await startSigningWorkers(keys, signatures)
    if (workers)
      ctx.log.info(`signing ${signatures} package signatures in ${workers.count} worker threads`)
    const outcome = await publish(detail, ctx, workers?.keys ?? keys, uploader).finally(() =>
      workers?.close()
    )
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

/** The package signatures a publish makes: a .asc per file, and an .rpm's header signature. */
function signatureCount(d: PackagesDetail): number {
  return d.debs.length + 2 * d.rpms.length + d.tarballs.length
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
  const graceMs = packaging.deletionGraceMinutes * 60_000
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
    !refused.has(prefix) && (await statObject(store, `${prefix}/${file}`)) !== undefined
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
          signFile(uploader, u.key, u.pkg.file, keys, u.pkg.hashed)
        ])
      )
      outcome.deb = await commitAfter(stored, (s) =>
        commitApt(
          {
            added: d.debs.map((u) => ({ pkg: u.pkg, filename: u.filename })),
            remove,
            retention,
            graceMs
          },
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
          signFile(uploader, u.key, signed.file, keys, signed.hashed)
        ])
      )
      // The .repo file is read beside the commit, and written after it only if it changed.
      const repoFile = `${d.repos.rpm}/falco-publish.repo`
      const currentRepoFile = awaitedLater(readObject(store, repoFile)) // once the commit is done
      outcome.rpm = await commitAfter(stored, (s) =>
        commitDnf(
          { added: signed.map((x) => x.signed), remove, retention, graceMs },
          { store, prefix: d.repos.rpm, keys, log, uploader, snapshot: d.dnfSnapshot, stored: s }
        )
      )
      await putIfChanged(
        store,
        uploader,
        repoFile,
        dnfRepoFile(store, d.repos.rpm, d.channel),
        'index',
        undefined,
        currentRepoFile
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
      const stored = await fewAtATime(uploads, (u) => storeTarball(uploader, u, keys))
      const r = await commitTarballs(
        {
          added: uploads.map((u, i) => ({ path: u.pkg.path, ...stored[i] })),
          remove,
          // The arch-less repository takes stable releases too (Falco's wasm-dev): no retention.
          retention: prefix === d.repos.bin ? retention : undefined,
          graceMs
        },
        {
          store,
          prefix,
          keys,
          log,
          uploader,
          title: prefix,
          digests: d.tarballDigests.get(prefix),
          state: d.tarballStates.get(prefix)
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
 * store's round trips, few enough to keep a runner's connections and open files in bounds. The
 * first failure fails them all: none still queued starts (it would only leave a file no index
 * names, and on a bulk import spend minutes doing it), and those under way are waited for, so
 * that nothing is still writing once the publish has failed.
 */
async function fewAtATime<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const limit = pLimit(4)
  let failed: { error: unknown } | undefined
  const settled = await Promise.allSettled(
    items.map((item) =>
      limit(async () => {
        if (failed) throw failed.error
        try {
          return await fn(item)
        } catch (error) {
          failed ??= { error }
          throw error
        }
      })
    )
  )
  if (failed) throw failed.error
  return settled.map((s) => (s as PromiseFulfilledResult<R>).value)
}

/** Writes a small file only when its bytes change (a rewrite would only cost a CDN invalidation). */
async function putIfChanged(
  store: Store,
  uploader: Uploader,
  key: string,
  text: string,
  kind: Published['kind'] = 'index',
  contentType?: string,
  /** What `key` holds, when the caller has started reading it already. */
  read: Promise<Buffer | undefined> = readObject(store, key)
): Promise<void> {
  const current = await read
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

/**
 * Uploads a tarball and its signature, and says what was uploaded. One the plan hashed is sent
 * and signed at once from that hash; one it did not is hashed as it is sent, then signed from
 * that hash (kept unfinished by the store): either way the file is read once here.
 */
async function storeTarball(
  uploader: Uploader,
  u: PackagesDetail['tarballs'][number],
  keys: SigningKeys
): Promise<FileDigest> {
  const { file, digests, hashed } = u.pkg
  if (digests) {
    await Promise.all([
      uploader.file(u.key, file, 'tarball', 'application/gzip', digests.sha256),
      signFile(uploader, u.key, file, keys, hashed)
    ])
    return digests
  }
  const r = await uploader.file(u.key, file, 'tarball', 'application/gzip', undefined, true)
  await signFile(uploader, u.key, file, keys, r.hashed)
  return { size: r.size, sha256: r.sha256 }
}

/** The file's detached signature; `hashed` continues the planning's SHA-256 (not read again). */
async function signFile(
  uploader: Uploader,
  key: string,
  file: string,
  keys: SigningKeys,
  hashed?: Hash
): Promise<void> {
  await uploader.bytes(
    `${key}.asc`,
    await detachSignFile(file, keys, hashed),
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
