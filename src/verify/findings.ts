import type { Fingerprint, Served } from './served.js'

/** What the verify stage checks, one row each in the summary. */
export type VerifyKind = 'apt' | 'dnf' | 'bin' | 'drivers' | 'images'

/** Why a file is wrong, which decides the hint people get. */
export type Problem = 'missing' | 'differs' | 'signature' | 'unlisted'

/** One thing a client would trip on: the file, what was served, what was published. */
export interface Finding {
  kind: VerifyKind
  /** The URL (or store location, or image reference) a client reads. */
  file: string
  problem: Problem
  served: string
  published: string
}

/** The outcome of checking one repository, driver folder or image. */
export interface CheckResult {
  kind: VerifyKind
  /** Repository prefix or image reference. */
  target: string
  /** Files or tags checked. */
  checked: number
  findings: Finding[]
}

/** What was published: its SHA-256, and its size when the index gives one (repomd.xml does not). */
export type Expected = Omit<Fingerprint, 'size'> & { size?: number }

export function describeFingerprint(f: Expected | undefined): string {
  if (!f) return 'nothing (not found)'
  return `${f.size === undefined ? '' : `${f.size} bytes, `}sha256 ${f.sha256.slice(0, 16)}…`
}

/** A signature a client would reject. */
export function signatureFinding(kind: VerifyKind, file: string, error: string): Finding {
  return {
    kind,
    file,
    problem: 'signature',
    served: `does not verify: ${error}`,
    published: 'signed'
  }
}

/** A finding when the served bytes are not the published ones; undefined when they are. */
export function compareServed(
  kind: VerifyKind,
  file: string,
  served: Fingerprint | undefined,
  published: Expected
): Finding | undefined {
  if (
    served &&
    served.sha256 === published.sha256 &&
    (published.size === undefined || served.size === published.size)
  )
    return undefined
  return {
    kind,
    file,
    problem: served ? 'differs' : 'missing',
    served: describeFingerprint(served),
    published: describeFingerprint(published)
  }
}

/** What to do about a finding, by what is wrong and whether a CDN can be to blame. */
export function hint(finding: Finding, throughPublicUrl: boolean): string {
  if (finding.kind === 'images') return imageHint(finding)
  const cache = throughPublicUrl
    ? 'a stale CDN or proxy copy (invalidate it: cdn-invalidate, or wait for its TTL)'
    : 'the store was changed after this run wrote it'
  switch (finding.problem) {
    case 'missing':
      return throughPublicUrl
        ? 'not served: check that public-url points at the store root, or the CDN has not caught up yet'
        : 'not in the store: another run removed it, or the publish did not finish'
    case 'differs':
      return `${cache}, or the file was replaced or tampered with`
    case 'signature':
      return `the signature does not verify with the published key: ${cache}, or the key changed without re-signing (re-sign)`
    case 'unlisted':
      return `the index does not list the file as published: ${cache}`
  }
}

/** Registries have no CDN in between: what they serve is what they hold. */
function imageHint(finding: Finding): string {
  if (finding.problem === 'signature' || finding.file.endsWith('.sig'))
    return 'cosign verify and signature policies (podman, CRI-O, policy-controller) reject the image: a mirror that copied the tags but not the signature tag, or the signature tag replaced since; a re-run of the push signs it again'
  return finding.problem === 'missing'
    ? 'the registry does not serve the tag: deleted since, or a mirror that has not synced yet'
    : 'the tag now points at another image: pushed again since this run'
}

/** The findings as a Markdown table: what the public URL served versus what was published. */
export function findingsTable(findings: Finding[], throughPublicUrl: boolean, max = 50): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')
  const rows = findings
    .slice(0, max)
    .map(
      (f) =>
        `| ${f.kind} | \`${cell(f.file)}\` | ${cell(f.served)} | ${cell(f.published)} | ${cell(hint(f, throughPublicUrl))} |`
    )
  const more =
    findings.length > max ? [`…and ${findings.length - max} more (the log names each one)`] : []
  return [
    `| Kind | File | Served | Published | Hint |`,
    `| --- | --- | --- | --- | --- |`,
    ...rows,
    ...more
  ].join('\n')
}

/** Fetches `key` (at `path`) the way clients do and compares it with what was published. */
export async function checkServed(
  served: Served,
  kind: VerifyKind,
  key: string,
  published: Expected,
  path?: string
): Promise<Finding | undefined> {
  return compareServed(
    kind,
    served.where(key, path),
    await served.fingerprint(key, path),
    published
  )
}
