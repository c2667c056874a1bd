import { parseSums } from '../repo/bin/sums.js'
import { fetchAhead, parentOf, type Artifacts, type CheckContext } from './context.js'
import { type CheckResult, compareServed, type Finding } from './findings.js'
import { checkSignedIndex } from './signed-file.js'

/**
 * A tarball directory as `curl` + `gpg --verify SHA256SUMS.asc` + `sha256sum --check` use it:
 * SHA256SUMS is the one published and its signature verifies; every tarball to check is listed
 * and served with the listed SHA-256. `dirs` are the arch folders (`packages/bin/x86_64`).
 */
export async function checkBin(
  ctx: CheckContext,
  prefix: string,
  dirs: string[],
  artifacts: Artifacts
): Promise<CheckResult> {
  const findings: Finding[] = []
  const result: CheckResult = { kind: 'bin', target: prefix, checked: 0, findings }
  // The folders side by side, and in each the run's own tarballs fetched beside SHA256SUMS,
  // compared once it is read: on a store across a network, round trips saved.
  await Promise.all(
    dirs.map(async (dir) => {
      const sumsKey = `${dir}/SHA256SUMS`
      const servedTarball = fetchAhead(
        ctx,
        artifacts === 'all' ? 'all' : artifacts.filter((a) => parentOf(a.key) === dir)
      )
      const sums = await checkSignedIndex(ctx, result, sumsKey)
      if (!sums) return
      const listed = parseSums(sums.toString('utf8'), ctx.store.where(sumsKey))
      const wanted =
        artifacts === 'all'
          ? [...listed.keys()].map((name) => ({
              key: `${dir}/${name}`,
              sha256: undefined,
              size: undefined
            }))
          : artifacts.filter((a) => parentOf(a.key) === dir)
      await Promise.all(
        wanted.map(async (artifact) => {
          result.checked++
          const name = artifact.key.slice(dir.length + 1)
          const sha256 = listed.get(name)
          if (!sha256 || (artifact.sha256 && sha256 !== artifact.sha256)) {
            findings.push({
              kind: 'bin',
              file: ctx.served.where(sumsKey),
              problem: 'unlisted',
              served: sha256
                ? `lists ${name} with sha256 ${sha256.slice(0, 16)}…`
                : `does not list ${name}`,
              published: artifact.sha256 ? `sha256 ${artifact.sha256.slice(0, 16)}…` : 'listed'
            })
            return
          }
          const f = compareServed(
            'bin',
            ctx.served.where(artifact.key),
            await servedTarball(artifact.key),
            {
              sha256,
              size: artifact.size
            }
          )
          if (f) findings.push(f)
        })
      )
    })
  )
  return result
}
