import { parsePackagesIndex } from '../repo/deb/packages-index.js'
import { releaseFiles, releaseText } from '../repo/deb/release-file.js'
import { decompressMember } from '../repo/decompress.js'
import { verifyClearSigned, verifyDetached } from '../sign/verify.js'
import { fetchAhead, parentOf, type Artifacts, type CheckContext } from './context.js'
import {
  type CheckResult,
  checkServed,
  compareServed,
  describeFingerprint,
  type Finding,
  signatureFinding
} from './findings.js'
import { fingerprintBytes } from './served.js'

/**
 * An apt repository as `apt-get update` and `apt-get install` read it: InRelease and Release.gpg
 * verify with the published key and are the ones published; every index the Release lists is
 * served by hash (Acquire-By-Hash) and by name with the listed size and SHA-256; every package
 * to check is listed and served with the bytes the index gives.
 */
export async function checkApt(
  ctx: CheckContext,
  prefix: string,
  artifacts: Artifacts
): Promise<CheckResult> {
  const suite = `${prefix}/dists/stable`
  const findings: Finding[] = []
  const result: CheckResult = { kind: 'apt', target: prefix, checked: 0, findings }
  const push = (f: Finding | undefined): void => {
    if (f) findings.push(f)
  }

  const [inRelease, release, releaseGpg] = await Promise.all(
    ['InRelease', 'Release', 'Release.gpg'].map(async (name) => {
      const key = `${suite}/${name}`
      const [published, served] = await Promise.all([ctx.store.read(key), ctx.served.read(key)])
      result.checked++
      if (published)
        push(
          compareServed(
            'apt',
            ctx.served.where(key),
            served && fingerprintBytes(served),
            fingerprintBytes(published)
          )
        )
      return { key, published, served }
    })
  )
  if (!inRelease.published) {
    findings.push({
      kind: 'apt',
      file: ctx.store.where(inRelease.key),
      problem: 'missing',
      served: '-',
      published: 'nothing: the store has no InRelease to check against'
    })
    return result
  }
  if (inRelease.served) {
    const { error } = await verifyClearSigned(inRelease.served.toString('utf8'), await ctx.keys)
    if (error) push(signatureFinding('apt', ctx.served.where(inRelease.key), error))
  }
  if (release.served && releaseGpg.served) {
    const error = await verifyDetached(
      release.served,
      releaseGpg.served.toString('utf8'),
      await ctx.keys
    )
    if (error) push(signatureFinding('apt', ctx.served.where(releaseGpg.key), error))
  }

  // The indexes the published Release lists, fetched the two ways apt may ask for them. The
  // Packages files, read whole to find the packages, are asked for first: served by the store
  // itself, the fetch of each by name is then taken from those bytes instead of reading it again.
  // Every package to check is listed by the published index and served with its bytes.
  // Checking a run's few packages in an index of thousands, only stanzas naming one of them are
  // parsed (a stanza that merely mentions the name elsewhere is parsed too, and harmless).
  const listed = releaseFiles(releaseText(inRelease.published.toString('utf8')), inRelease.key)
  const names =
    artifacts === 'all' ? undefined : artifacts.map((a) => a.key.slice(prefix.length + 1))
  const naming = names && ((stanza: string) => names.some((name) => stanza.includes(name)))
  const entries = new Map<string, { sha256: string }>()
  const packagesFiles = [...listed.keys()].filter((path) => /(^|\/)Packages$/.test(path))
  // The run's own packages are fetched beside the indexes, compared once those are read.
  const servedPackage = fetchAhead(ctx, artifacts)
  await Promise.all([
    ...packagesFiles.map(async (path) => {
      const key = `${suite}/${path}`
      for (const e of parsePackagesIndex(await readIndex(ctx, key), ctx.store.where(key), naming))
        entries.set(`${prefix}/${e.filename}`, { sha256: e.sha256 })
    }),
    checkListed(ctx, result, suite, listed, push)
  ])
  const wanted =
    artifacts === 'all'
      ? [...entries.keys()].map((key) => ({ key, sha256: undefined, size: undefined }))
      : artifacts
  await Promise.all(
    wanted.map(async (artifact) => {
      result.checked++
      const entry = entries.get(artifact.key)
      const url = ctx.served.where(artifact.key)
      if (!entry || (artifact.sha256 && entry.sha256 !== artifact.sha256)) {
        findings.push({
          kind: 'apt',
          file: url,
          problem: 'unlisted',
          served: entry
            ? `listed with sha256 ${entry.sha256.slice(0, 16)}…`
            : 'not listed in Packages',
          published: artifact.sha256 ? `sha256 ${artifact.sha256.slice(0, 16)}…` : 'listed'
        })
        return
      }
      const fingerprint = await servedPackage(artifact.key)
      if (!fingerprint || fingerprint.sha256 !== entry.sha256)
        findings.push({
          kind: 'apt',
          file: url,
          problem: fingerprint ? 'differs' : 'missing',
          served: describeFingerprint(fingerprint),
          published: `sha256 ${entry.sha256.slice(0, 16)}… (Packages)`
        })
    })
  )
  return result
}

/** Each index the Release lists, served by hash (Acquire-By-Hash) and Packages also by name. */
async function checkListed(
  ctx: CheckContext,
  result: CheckResult,
  suite: string,
  listed: ReturnType<typeof releaseFiles>,
  push: (f: Finding | undefined) => void
): Promise<void> {
  // Only Packages files are also asked for by name (by apt without by-hash); files of our own
  // (the segment manifest) are served by hash alone. Each fetch waits for a slot of its own.
  const keys = [...listed].flatMap(([path, published]) => [
    { key: `${suite}/${parentOf(path)}/by-hash/SHA256/${published.sha256}`, published },
    ...(/(^|\/)Packages(\.gz|\.xz)?$/.test(path) ? [{ key: `${suite}/${path}`, published }] : [])
  ])
  await Promise.all(
    keys.map(({ key, published }) =>
      ctx.limit(async () => {
        result.checked++
        push(await checkServed(ctx.served, 'apt', key, published))
      })
    )
  )
}

/** A Packages index as published: the plain file, or its .gz when a repository keeps only that. */
async function readIndex(ctx: CheckContext, key: string): Promise<string> {
  const plain = await ctx.store.read(key)
  if (plain) return plain.toString('utf8')
  const gz = await ctx.store.read(`${key}.gz`)
  if (gz) return Buffer.from(await decompressMember(`${key}.gz`, gz)).toString('utf8')
  return ''
}
