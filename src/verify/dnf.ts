import { gunzipSync } from 'node:zlib'
import { parseRepomd } from '../repo/rpm/repodata.js'
import { fetchAhead, type Artifacts, type CheckContext } from './context.js'
import { type CheckResult, checkServed, compareServed, type Finding } from './findings.js'
import { checkSignedIndex } from './signed-file.js'

/**
 * A dnf repository as dnf with `repo_gpgcheck` reads it: repomd.xml is the one published and
 * repomd.xml.asc verifies it; every metadata file it lists is served with its checksum; every
 * package to check is served with the bytes published (the signed .rpm).
 */
export async function checkDnf(
  ctx: CheckContext,
  prefix: string,
  artifacts: Artifacts
): Promise<CheckResult> {
  const findings: Finding[] = []
  const result: CheckResult = { kind: 'dnf', target: prefix, checked: 0, findings }
  const repomd = await checkSignedIndex(ctx, result, `${prefix}/repodata/repomd.xml`)
  if (!repomd) return result
  const data = parseRepomd(repomd.toString('utf8'))
  // primary.xml, read whole to list the packages, first: served by the store itself, its fetch
  // among the metadata below is then taken from those bytes instead of reading it again. The
  // packages are checked as soon as they are known (the run's own at once), beside the
  // metadata, not after it: on a store across a network, a round trip less.
  const wanted =
    artifacts === 'all' ? listedPackages(ctx, prefix, data.get('primary')?.location) : artifacts
  const servedPackage = fetchAhead(ctx, artifacts)
  await Promise.all([
    ...[...data.values()].map(({ location, sha256 }) =>
      ctx.limit(async () => {
        const key = `${prefix}/${location}`
        result.checked++
        const f = await checkServed(ctx.served, 'dnf', key, { sha256 })
        if (f) findings.push(f)
      })
    ),
    Promise.resolve(wanted).then((packages) =>
      Promise.all(
        packages.map(async (artifact) => {
          result.checked++
          const expected = artifact.sha256
            ? { sha256: artifact.sha256, size: artifact.size }
            : await ctx.limit(() => ctx.store.fingerprint(artifact.key))
          if (!expected) return
          const f = compareServed(
            'dnf',
            ctx.served.where(artifact.key),
            await servedPackage(artifact.key),
            expected
          )
          if (f) findings.push(f)
        })
      )
    )
  ])
  return result
}

/** Every package primary.xml lists, with its checksum: what `dnf install` of each would fetch. */
async function listedPackages(
  ctx: CheckContext,
  prefix: string,
  primary: string | undefined
): Promise<Array<{ key: string; sha256: string; size?: number }>> {
  if (!primary) return []
  const gz = await ctx.store.read(`${prefix}/${primary}`)
  if (!gz) return []
  const xml = gunzipSync(gz).toString('utf8')
  const out: Array<{ key: string; sha256: string; size?: number }> = []
  for (const m of xml.matchAll(/<package[\s\S]*?<\/package>/g)) {
    const sum = /<checksum type="sha256"[^>]*>([0-9a-f]{64})</.exec(m[0])
    const href = /<location href="([^"]+)"/.exec(m[0])
    if (sum && href) out.push({ key: `${prefix}/${unescapeXml(href[1])}`, sha256: sum[1] })
  }
  return out
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}
