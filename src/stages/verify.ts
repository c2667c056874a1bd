import type { Stage, StageContext, StagePlan, StageResult } from '../plan.js'
import { StageError } from '../plan.js'
import { registryResolver } from '../verify/registry.js'
import { logVerifyReport, renderVerifySummary, verifyError } from '../verify/report.js'
import { httpServed, storeServed } from '../verify/served.js'
import { isEmpty, targetsOfRun } from '../verify/targets.js'
import { byKind, verify } from '../verify/verify.js'
import { hasWork } from './work.js'

/**
 * The verify stage, applied last: what the other stages published, fetched through `public-url`
 * (or each registry) the way apt, dnf, falcoctl and docker fetch it. A CDN that keeps serving an
 * old InRelease, a by-hash file that never arrived or a package with other bytes fails the run
 * here, before a user meets it.
 */
export const verifyStage: Stage = {
  name: 'verify',
  plan: async (ctx: StageContext): Promise<StagePlan> => {
    if (!hasWork.verify(ctx)) return { stage: 'verify', operations: [] }
    const where = ctx.inputs.publicUrl || ctx.store.location
    return {
      stage: 'verify',
      operations: [
        {
          action: 'check',
          target: where,
          reason: ctx.inputs.publicUrl
            ? `what this run publishes, as clients fetch it (up to ${ctx.inputs.verify.timeoutSeconds} s for a CDN to catch up)`
            : 'what this run publishes, read back from the store (no public-url)'
        }
      ]
    }
  },
  apply: applyVerify
}

async function applyVerify(_plan: StagePlan, ctx: StageContext): Promise<StageResult> {
  const started = Date.now()
  const targets = targetsOfRun(ctx.results ?? [])
  const result: StageResult = { stage: 'verify', published: [], failed: [], durationMs: 0 }
  if (isEmpty(targets)) {
    ctx.log.info('Nothing was published in this run: nothing to verify.')
    return { ...result, durationMs: Date.now() - started }
  }
  const publicUrl = ctx.inputs.publicUrl
  const where = publicUrl || ctx.store.location
  if (!publicUrl)
    ctx.log.info(
      `No public-url: checking the store itself (${ctx.store.location}), not what a CDN serves.`
    )
  const registry = targets.images.length
    ? await registryResolver({ log: ctx.log, insecure: ctx.inputs.containers.insecureRegistries })
    : undefined
  const store = storeServed(ctx.store)
  try {
    const report = await verify(targets, {
      served: publicUrl ? httpServed(publicUrl) : store,
      store,
      throughPublicUrl: publicUrl !== '',
      resolveTag: registry?.resolve,
      checkSignature: registry?.checkSignature,
      // Read from the store itself, nothing propagates: a second pass would see the same.
      deadlineMs: publicUrl ? ctx.inputs.verify.timeoutSeconds * 1000 : 0,
      log: ctx.log
    })
    logVerifyReport(report, ctx.log)
    result.summary = renderVerifySummary(report, where)
    result.outputs = {
      verified: JSON.stringify(
        Object.fromEntries(byKind(report.results).map((k) => [k.kind, k.failed === 0]))
      )
    }
    result.notes = byKind(report.results).map(
      (k) =>
        `verify ${k.kind}: ${k.failed ? `${k.failed} wrong of ${k.checked}` : `${k.checked} ok`}`
    )
    result.durationMs = Date.now() - started
    if (!report.ok) {
      result.failed = report.results.flatMap((r) =>
        r.findings.map((f) => ({
          target: f.file,
          error: `served ${f.served}; published ${f.published}`
        }))
      )
      throw new StageError(verifyError(report, where), result)
    }
    return result
  } finally {
    registry?.close()
  }
}
