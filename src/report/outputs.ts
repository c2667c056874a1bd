import { isMetadata, type Published } from '../plan.js'
import type { Logger } from './log.js'
import type { RunReport } from './report.js'

/**
 * Bytes a JSON list output (`published`, `failing`) may take. GitHub refuses a step output over
 * 1 MiB, and a job's outputs over 1 MiB together; a drivers grid has thousands of configs.
 */
export const MAX_LIST_OUTPUT = 512 * 1024

/**
 * The action's outputs, computed from the report. Every output is always set (empty when unknown) so a
 * later step can rely on `steps.<id>.outputs.<name>` existing. `publishedFile` is where the
 * caller wrote every published artifact; `published`, the output it already computed for them.
 */
export function computeOutputs(
  report: RunReport,
  publishedFile = '',
  published = publishedOutput(allPublished(report)).json
): Record<string, string> {
  const release = report.release
  const outputs: Record<string, string> = {
    channel: release?.channel ?? '',
    version: release?.version ?? '',
    prerelease: String(release?.prerelease ?? false),
    latest: String(release?.latest ?? false),
    published,
    'published-file': publishedFile
  }
  // Stage outputs known at plan time (e.g. a build matrix) first, then what apply produced.
  for (const plan of report.plans) Object.assign(outputs, plan.outputs)
  for (const result of report.results) Object.assign(outputs, result.outputs)
  return outputs
}

/** Every artifact the run published, stage after stage. */
export function allPublished(report: RunReport): Published[] {
  return report.results.flatMap((result) => result.published)
}

/**
 * The `published` output: every artifact as a JSON array when it fits MAX_LIST_OUTPUT;
 * otherwise, in order, as many of the artifacts themselves as fit, without their indexes,
 * signatures and listings. `left` counts what it leaves out (the published file has all).
 */
export function publishedOutput(
  items: Published[],
  all = JSON.stringify(items)
): { json: string; left: number } {
  if (Buffer.byteLength(all) <= MAX_LIST_OUTPUT) return { json: all, left: 0 }
  const fitted = fitJsonArray(items.filter((i) => !isMetadata(i)))
  return { json: fitted.json, left: items.length - fitted.kept }
}

/**
 * A list output within MAX_LIST_OUTPUT (see fitJsonArray); when it had to be cut, a warning
 * says so and where the whole list is (`whole`).
 */
export function listOutput(
  name: string,
  items: unknown[],
  whole: string,
  log: Pick<Logger, 'warning'>
): string {
  const fitted = fitJsonArray(items)
  if (fitted.left > 0) warnCut(log, name, `${fitted.kept} of ${items.length} entries`, whole)
  return fitted.json
}

/** Says that a list output was cut (`kept`: "3 of 10 entries") and, if known, where all of it is. */
export function warnCut(
  log: Pick<Logger, 'warning'>,
  name: string,
  kept: string,
  whole?: string
): void {
  log.warning(
    `the ${name} output lists ${kept} (GitHub limits an output to 1 MiB)` +
      (whole ? `; ${whole}` : '')
  )
}

/** A JSON array of as many of `items` as fit in MAX_LIST_OUTPUT bytes, in order. */
export function fitJsonArray(items: unknown[]): { json: string; kept: number; left: number } {
  const kept: string[] = []
  let size = 2 // the brackets
  for (const item of items) {
    const entry = JSON.stringify(item)
    const grown = size + Buffer.byteLength(entry) + (kept.length > 0 ? 1 : 0)
    if (grown > MAX_LIST_OUTPUT) break
    kept.push(entry)
    size = grown
  }
  return { json: `[${kept.join(',')}]`, kept: kept.length, left: items.length - kept.length }
}
