import type { Hash } from 'node:crypto'
import * as path from 'node:path'
import type { StageContext } from '../../plan.js'
import { checkGzipTar } from '../../repo/bin/check-tarball.js'
import type { TarballName } from '../../repo/bin/tarball.js'
import type { DebPackage } from '../../repo/deb/parse.js'
import { sha256FileState, type FileDigest } from '../../repo/digest.js'
import { PackageFormatError } from '../../repo/format-error.js'
import type { RpmPackage } from '../../repo/rpm/parse.js'
import { ARCHITECTURES } from './apt-layout.js'

/**
 * What the package stage checks across the files of one run, at plan time, before a byte is
 * written: files the repositories would accept but never serve, or serve wrongly.
 */
export interface PlannedFiles {
  debs: DebPackage[]
  rpms: RpmPackage[]
  tars: PlannedTarball[]
}

export interface PlannedTarball {
  file: string
  name: TarballName
  size: number
  /** Its size and SHA-256, once the plan needed them (see `hashTarball`). */
  digests?: FileDigest
  /** The unfinished SHA-256 of a large one, for its signature (see sha256FileState). */
  hashed?: Hash
}

/**
 * A tarball's digests, read now (and kept) when the plan needs them: to compare it with a
 * published file of its name or with another file of the run. A tarball whose name is new to its
 * repository is hashed by its upload instead, so a large one is read once, not twice.
 */
export async function hashTarball(t: PlannedTarball): Promise<FileDigest> {
  if (!t.digests) Object.assign(t, await sha256FileState(t.file))
  return t.digests!
}

/** Checks the files; returns them with a file given twice (same name, same bytes) kept once. */
export async function checkPackageFiles(
  files: PlannedFiles,
  ctx: Pick<StageContext, 'workspace' | 'release' | 'inputs' | 'log'>
): Promise<PlannedFiles> {
  const shown = (file: string): string => path.relative(ctx.workspace, file)
  for (const t of files.tars) await checkGzipTar(t.file, shown(t.file))

  // An architecture without an index would be uploaded and never listed (apt-layout serves these).
  for (const deb of files.debs) {
    if (deb.architecture !== 'all' && !ARCHITECTURES.includes(deb.architecture)) {
      throw new PackageFormatError(
        shown(deb.file),
        `field 'Architecture' is ${deb.architecture}, which the apt repository does not serve ` +
          `(it serves ${[...ARCHITECTURES, 'all'].join(', ')}); build it for one of those, or leave it out of 'packages'`
      )
    }
  }

  // Two files stored under one name: one would silently win.
  const byName = new Map<string, { file: string; sha256: string }>()
  // Tarballs are hashed for this only when two share a name.
  const tarNames = new Map<string, number>()
  for (const t of files.tars)
    tarNames.set(path.basename(t.file), (tarNames.get(path.basename(t.file)) ?? 0) + 1)
  const shared = files.tars.filter((t) => tarNames.get(path.basename(t.file))! > 1)
  for (const t of shared) await hashTarball(t)
  const all = [
    ...files.debs.map((p) => ({ file: p.file, sha256: p.digests.sha256 })),
    ...files.rpms.map((p) => ({ file: p.file, sha256: p.digests.sha256 })),
    ...files.tars.map((t) => ({ file: t.file, sha256: t.digests?.sha256 ?? '' }))
  ]
  for (const f of all) {
    const first = byName.get(path.basename(f.file))
    if (first && first.sha256 !== f.sha256) {
      throw new PackageFormatError(
        shown(f.file),
        `has the same file name as ${shown(first.file)} but other bytes; both would be published ` +
          `as ${path.basename(f.file)} and one would be lost. Rename one, or leave one out of 'packages'`
      )
    }
    if (!first) byName.set(path.basename(f.file), f)
    else ctx.log.info(`${shown(f.file)}: the same file as ${shown(first.file)}, published once`)
  }
  const once = <T extends { file: string }>(list: T[]): T[] =>
    list.filter((f) => byName.get(path.basename(f.file))?.file === f.file)
  const unique = { debs: once(files.debs), rpms: once(files.rpms), tars: once(files.tars) }

  checkVersions(unique, ctx, shown)
  return unique
}

/**
 * A stable release publishes the packages of its version: a tag 0.40.1 publishing 99.0.0 is a
 * wrong artifact more often than a wish. A warning naming both, or an error with
 * `require-version-match`.
 */
function checkVersions(
  files: PlannedFiles,
  ctx: Pick<StageContext, 'release' | 'inputs' | 'log'>,
  shown: (file: string) => string
): void {
  const { release } = ctx
  if (release.channel !== 'stable') return
  const want = release.version
  // Build metadata (0.40.0+build.7) is not part of a package's version.
  const wants = [want, want.replace(/\+.*$/, '')]
  const mismatches: string[] = []
  for (const deb of files.debs) {
    if (!debMatches(deb.version, wants))
      mismatches.push(`${shown(deb.file)} (Version ${deb.version})`)
  }
  for (const rpm of files.rpms) {
    if (!rpmMatches(rpm, wants))
      mismatches.push(`${shown(rpm.file)} (version ${rpm.version}-${rpm.release})`)
  }
  for (const t of files.tars) {
    if (!wants.includes(t.name.version))
      mismatches.push(`${shown(t.file)} (version ${t.name.version})`)
  }
  if (mismatches.length === 0) return
  const message =
    `the release is ${want}${release.tag ? ` (tag ${release.tag})` : ''}, but these packages carry ` +
    `another version: ${mismatches.join(', ')}`
  if (ctx.inputs.requireVersionMatch) {
    throw new Error(
      `input 'require-version-match': ${message}. Build the packages from the tag's version, or tag the version they carry.`
    )
  }
  ctx.log.warning(`${message}. Set require-version-match: true to make this an error.`)
}

/** A Debian version `[epoch:]upstream[-revision]` matches when its upstream part is the release's. */
function debMatches(version: string, wants: string[]): boolean {
  const noEpoch = version.replace(/^\d+:/, '')
  const upstream = noEpoch.includes('-') ? noEpoch.slice(0, noEpoch.lastIndexOf('-')) : noEpoch
  // Debian writes a semver prerelease `-rc1` as `~rc1`, so that it sorts first.
  return [noEpoch, upstream].some((v) => wants.includes(v) || wants.includes(v.replace(/~/g, '-')))
}

function rpmMatches(rpm: RpmPackage, wants: string[]): boolean {
  return [rpm.version, `${rpm.version}-${rpm.release}`].some(
    (v) => wants.includes(v) || wants.includes(v.replace(/~/g, '-'))
  )
}
