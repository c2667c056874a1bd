import { PUBLIC_KEY_KEY } from '../stages/packages/layout.js'
import { awaitedLater } from '../awaited-later.js'
import type { Logger } from '../report/log.js'
import { readPublicKeys } from '../sign/verify.js'
import { checkApt } from './apt.js'
import { checkBin } from './bin.js'
import { limiter, type CheckContext } from './context.js'
import { checkDnf } from './dnf.js'
import { checkDrivers } from './drivers.js'
import { compareServed, type CheckResult, type VerifyKind } from './findings.js'
import { checkImages, type CheckSignature, type ResolveTag } from './images.js'
import { cancelledBy, fingerprintBytes, readOnce, type Served } from './served.js'
import type { VerifyTargets } from './targets.js'

export interface VerifyOptions {
  /** What clients are served; the very object given as `store` when that is the store itself. */
  served: Served
  /** The store, read directly: what was published. */
  store: Served
  /** True when `served` is the public URL (a CDN may be stale), false when it is the store. */
  throughPublicUrl: boolean
  resolveTag?: ResolveTag
  /** Checks the cosign signatures of signed images; without it only their tags are checked. */
  checkSignature?: CheckSignature
  /** How long a CDN may take to serve what was published before the check fails, in ms (0: one pass). */
  deadlineMs: number
  /** The first wait between passes; it doubles, up to 30 s. */
  retryDelayMs?: number
  log: Logger
}

export interface VerifyReport {
  throughPublicUrl: boolean
  results: CheckResult[]
  passes: number
  ok: boolean
}

/**
 * Checks the targets as clients see them. A CDN takes a while to serve what was just written, so
 * checks that fail are run again (only those) until they pass or the deadline comes: the findings
 * of the last pass are the verdict.
 */
export async function verify(targets: VerifyTargets, o: VerifyOptions): Promise<VerifyReport> {
  const deadline = Date.now() + o.deadlineMs
  // The first check that throws fails the run; this stops the others' requests and retries.
  const cancel = new AbortController()
  // Served by the store itself: what is served is what was published, read once for both.
  const once = o.served === o.store ? readOnce(cancelledBy(o.store, cancel.signal)) : undefined
  const store = once ?? cancelledBy(o.store, cancel.signal)
  const packages = targets.apt.size + targets.dnf.size + targets.bin.size > 0
  // The published key is read beside the checks' first fetches, which need it only once they
  // have a signature to check: on a store across a network, a round trip less.
  const keyText = packages ? store.read(PUBLIC_KEY_KEY) : Promise.resolve(undefined)
  // Awaited below, before any check's outcome.
  const keys = awaitedLater(
    keyText.then((text) => {
      if (packages && !text)
        throw new Error(
          `${o.store.where(PUBLIC_KEY_KEY)} is missing: the repositories' signatures cannot be checked without the published key`
        )
      return text
        ? readPublicKeys(text.toString('utf8'), o.store.where(PUBLIC_KEY_KEY))
        : { openpgp: () => Promise.resolve([]) }
    })
  )
  const ctx: CheckContext = {
    served: once ?? cancelledBy(o.served, cancel.signal),
    store,
    keys,
    limit: limiter(8, cancel.signal)
  }

  // Each job is one repository, folder set or image repository: re-run alone when it fails.
  const jobs: Array<() => Promise<CheckResult[]>> = []
  if (packages) {
    const kind = targets.apt.size ? 'apt' : targets.dnf.size ? 'dnf' : 'bin'
    jobs.push(async () => {
      await keys
      return [await checkKeyFile(ctx, kind, (await keyText)!)]
    })
  }
  for (const [prefix, artifacts] of targets.apt)
    jobs.push(async () => [await checkApt(ctx, prefix, artifacts)])
  for (const [prefix, artifacts] of targets.dnf)
    jobs.push(async () => [await checkDnf(ctx, prefix, artifacts)])
  for (const [prefix, { dirs, artifacts }] of targets.bin)
    jobs.push(async () => [await checkBin(ctx, prefix, dirs, artifacts)])
  if (targets.drivers.length) jobs.push(async () => [await checkDrivers(ctx, targets.drivers)])
  if (targets.images.length) {
    const resolve = o.resolveTag
    if (!resolve) throw new Error('images to verify but no registry client')
    jobs.push(() => checkImages(targets.images, resolve, cancel.signal, o.checkSignature))
  }
  const run = (job: () => Promise<CheckResult[]>): Promise<CheckResult[]> =>
    job().catch((error: unknown) => {
      cancel.abort(error)
      throw error
    })

  // Awaited below, unless the key is missing.
  const started = jobs.map((job) => awaitedLater(run(job)))
  // A missing key fails the run before any finding: the checks that wait for it stop too.
  await keys.catch((error: unknown) => {
    cancel.abort(error)
    throw error
  })
  let outcome = await Promise.all(started)
  let passes = 1
  let delay = o.retryDelayMs ?? 5000
  for (;;) {
    const failing = outcome.flatMap((results, i) =>
      results.some((r) => r.findings.length) ? [i] : []
    )
    if (failing.length === 0 || Date.now() + delay > deadline) break
    const files = outcome.flat().reduce((n, r) => n + r.findings.length, 0)
    o.log.info(
      `${files} file(s) not yet served as published; checking again in ${Math.round(delay / 1000)} s (a CDN may still be propagating)`
    )
    await new Promise((resolve) => setTimeout(resolve, delay))
    delay = Math.min(delay * 2, 30_000)
    once?.forget()
    const again = await Promise.all(failing.map((i) => run(jobs[i])))
    outcome = outcome.map((results, i) =>
      failing.includes(i) ? again[failing.indexOf(i)] : results
    )
    passes++
  }
  const results = outcome.flat()
  return {
    throughPublicUrl: o.throughPublicUrl,
    results,
    passes,
    ok: results.every((r) => r.findings.length === 0)
  }
}

/** The key file users import is the one published (a stale copy rejects every new signature). */
async function checkKeyFile(
  ctx: CheckContext,
  kind: VerifyKind,
  published: Buffer
): Promise<CheckResult> {
  const served = await ctx.served.read(PUBLIC_KEY_KEY)
  const f = compareServed(
    kind,
    ctx.served.where(PUBLIC_KEY_KEY),
    served && fingerprintBytes(served),
    fingerprintBytes(published)
  )
  return { kind, target: PUBLIC_KEY_KEY, checked: 1, findings: f ? [f] : [] }
}

/** Per kind: how many files were checked and how many are wrong. */
export function byKind(
  results: CheckResult[]
): Array<{ kind: VerifyKind; checked: number; failed: number; targets: string[] }> {
  const kinds: VerifyKind[] = ['apt', 'dnf', 'bin', 'drivers', 'images']
  return kinds.flatMap((kind) => {
    const of = results.filter((r) => r.kind === kind)
    if (of.length === 0) return []
    return [
      {
        kind,
        checked: of.reduce((n, r) => n + r.checked, 0),
        failed: of.reduce((n, r) => n + r.findings.length, 0),
        targets: of.map((r) => r.target)
      }
    ]
  })
}
