import { readFile, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { storeUrl, type Inputs } from '../inputs.js'
import type { Logger } from '../report/log.js'
import { storeOpener } from '../seams.js'
import { logVerifyReport, renderVerifySummary, verifyError } from './report.js'
import { httpServed, storeServed } from './served.js'
import type { Published } from '../plan.js'
import { registryResolver } from './registry.js'
import { isEmpty, targetsOfPublished, targetsOfStore } from './targets.js'
import { byKind, verify } from './verify.js'

/**
 * `falco-publish verify`: every repository in the store (both channels), with everything its
 * indexes list, checked through `--public-url` as clients fetch it; for a scheduled workflow that
 * watches the live server. With `--published-file`, what one run published instead (its drivers
 * and images too). Exit status 0 when all is served as published, 1 otherwise.
 */
export async function verifyCommand(
  inputs: Inputs,
  workspace: string,
  log: Logger & { mask: (text: string) => string },
  o: { summary?: string; publishedFile?: string }
): Promise<number> {
  const store = storeOpener(inputs, log)(storeUrl(inputs.store, workspace))
  const targets = o.publishedFile
    ? targetsOfPublished(await readPublished(path.resolve(workspace, o.publishedFile)))
    : await targetsOfStore(store, inputs.packaging.noarchRepository)
  if (isEmpty(targets)) {
    log.error(
      o.publishedFile
        ? `${o.publishedFile}: lists nothing to verify (no package, tarball, driver or image)`
        : `${store.location}: no apt, dnf or tarball repository found under packages/ (nor in ${inputs.packaging.noarchRepository}); give --store the store a publish wrote to`
    )
    return 1
  }
  const registry = targets.images.length
    ? await registryResolver({ log, insecure: inputs.containers.insecureRegistries })
    : undefined
  const where = inputs.publicUrl || store.location
  if (!inputs.publicUrl)
    log.info(
      `No --public-url: checking the store itself (${store.location}), not what a CDN serves.`
    )
  const published = storeServed(store)
  const report = await log.group(`verify ${where}`, () =>
    verify(targets, {
      served: inputs.publicUrl ? httpServed(inputs.publicUrl) : published,
      store: published,
      throughPublicUrl: inputs.publicUrl !== '',
      // Read from the store itself, nothing propagates: a second pass would see the same.
      deadlineMs: inputs.publicUrl ? inputs.verify.timeoutSeconds * 1000 : 0,
      resolveTag: registry?.resolve,
      checkSignature: registry?.checkSignature,
      log
    }).finally(() => registry?.close())
  )
  logVerifyReport(report, log)
  if (o.summary)
    await writeFile(
      o.summary,
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

/** A `signer` as a run writes it: `{"publicKey": PEM}` or `{"identity": URI}`. */
function isSigner(value: unknown): boolean {
  const signer = value as Record<string, unknown> | null
  return (
    typeof signer === 'object' &&
    signer !== null &&
    (typeof signer.publicKey === 'string' || typeof signer.identity === 'string')
  )
}

/** A run's `published-file`: the JSON array of every artifact it published. */
async function readPublished(file: string): Promise<Published[]> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'))
  } catch (e) {
    throw new Error(`--published-file ${file}: ${(e as Error).message}`)
  }
  if (!Array.isArray(parsed) || parsed.some((p) => typeof (p as Published)?.path !== 'string'))
    throw new Error(
      `--published-file ${file}: expected the JSON array a run's published-file output holds`
    )
  for (const item of parsed as Published[])
    if (item.signer !== undefined && !isSigner(item.signer))
      throw new Error(
        `--published-file ${file}: ${item.path} has a signer that is neither {"publicKey": PEM} nor {"identity": URI}`
      )
  return parsed as Published[]
}
