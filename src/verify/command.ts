import { writeFile } from 'node:fs/promises'
import { storeUrl, type Inputs } from '../inputs.js'
import type { Logger } from '../report/log.js'
import { storeOpener } from '../seams.js'
import { logVerifyReport, renderVerifySummary, verifyError } from './report.js'
import { httpServed, storeServed } from './served.js'
import { isEmpty, targetsOfStore } from './targets.js'
import { byKind, verify } from './verify.js'

/**
 * `falco-publish verify`: every repository in the store (both channels), with everything its
 * indexes list, checked through `--public-url` as clients fetch it; for a scheduled workflow that
 * watches the live server. Exit status 0 when all is served as published, 1 otherwise.
 */
export async function verifyCommand(
  inputs: Inputs,
  workspace: string,
  log: Logger & { mask: (text: string) => string },
  summaryFile: string | undefined
): Promise<number> {
  const store = storeOpener(inputs, log)(storeUrl(inputs.store, workspace))
  const targets = await targetsOfStore(store)
  if (isEmpty(targets)) {
    log.error(
      `${store.location}: no apt, dnf or tarball repository found under packages/; give --store the store a publish wrote to`
    )
    return 1
  }
  const where = inputs.publicUrl || store.location
  if (!inputs.publicUrl)
    log.info(
      `No --public-url: checking the store itself (${store.location}), not what a CDN serves.`
    )
  const report = await log.group(`verify ${where}`, () =>
    verify(targets, {
      served: inputs.publicUrl ? httpServed(inputs.publicUrl) : storeServed(store),
      store: storeServed(store),
      throughPublicUrl: inputs.publicUrl !== '',
      // Read from the store itself, nothing propagates: a second pass would see the same.
      deadlineMs: inputs.publicUrl ? inputs.verify.timeoutSeconds * 1000 : 0,
      log
    })
  )
  logVerifyReport(report, log)
  if (summaryFile)
    await writeFile(
      summaryFile,
      log.mask(`## falco-publish verify\n\n${renderVerifySummary(report, where)}`)
    )
  for (const k of byKind(report.results))
    process.stdout.write(
      `${k.kind}=${k.failed ? `FAILED (${k.failed} of ${k.checked})` : `OK (${k.checked})`}\n`
    )
  if (!report.ok) {
    process.stderr.write(log.mask(`falco-publish: ${verifyError(report, where)}\n`))
    return 1
  }
  return 0
}
