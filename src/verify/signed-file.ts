import { verifyDetached } from '../sign/verify.js'
import type { CheckContext } from './context.js'
import { compareServed, signatureFinding, type CheckResult } from './findings.js'
import { fingerprintBytes } from './served.js'

/**
 * An index and its detached signature (repomd.xml and .asc, SHA256SUMS and .asc): both served as
 * published, and the served signature verifies the served index with the published key. Returns
 * the published index, or undefined when the store has none.
 */
export async function checkSignedIndex(
  ctx: CheckContext,
  result: CheckResult,
  key: string
): Promise<Buffer | undefined> {
  const [published, served, publishedSig, servedSig] = await Promise.all([
    ctx.store.read(key),
    ctx.served.read(key),
    ctx.store.read(`${key}.asc`),
    ctx.served.read(`${key}.asc`)
  ])
  result.checked += 2
  if (!published) {
    result.findings.push({
      kind: result.kind,
      file: ctx.store.where(key),
      problem: 'missing',
      served: '-',
      published: 'nothing: the store has no such index to check against'
    })
    return undefined
  }
  const push = (f: ReturnType<typeof compareServed>): void => {
    if (f) result.findings.push(f)
  }
  push(
    compareServed(
      result.kind,
      ctx.served.where(key),
      served && fingerprintBytes(served),
      fingerprintBytes(published)
    )
  )
  if (publishedSig)
    push(
      compareServed(
        result.kind,
        ctx.served.where(`${key}.asc`),
        servedSig && fingerprintBytes(servedSig),
        fingerprintBytes(publishedSig)
      )
    )
  if (served && servedSig) {
    const error = await verifyDetached(served, servedSig.toString('utf8'), await ctx.keys)
    if (error) push(signatureFinding(result.kind, ctx.served.where(`${key}.asc`), error))
  }
  return published
}
