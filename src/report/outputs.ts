import type { Published } from '../plan.js'
import type { RunReport } from './report.js'

/**
 * The action's outputs, computed from the report. Every output is always set (empty when unknown) so a
 * later step can rely on `steps.<id>.outputs.<name>` existing.
 */
export function computeOutputs(report: RunReport): Record<string, string> {
  const release = report.release
  const published: Published[] = report.results.flatMap((result) => result.published)
  const outputs: Record<string, string> = {
    channel: release?.channel ?? '',
    version: release?.version ?? '',
    prerelease: String(release?.prerelease ?? false),
    latest: String(release?.latest ?? false),
    published: JSON.stringify(published)
  }
  // Stage outputs known at plan time (e.g. a build matrix) first, then what apply produced.
  for (const plan of report.plans) Object.assign(outputs, plan.outputs)
  for (const result of report.results) Object.assign(outputs, result.outputs)
  return outputs
}
