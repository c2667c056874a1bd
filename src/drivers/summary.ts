import type { DerivedVersion } from './derive.js'
import type { InvalidConfig } from './grid.js'
import type { JobResult } from './publish.js'

/** What the drivers stage did, by outcome: the summary's first line. */
export interface DriverCounts {
  planned: number
  skipped: number
  built: number
  published: number
  failed: number
  invalid: number
}

const MAX_FAILURE_ROWS = 500

/**
 * The drivers section of the job summary: the counts and the failures. The drivers published
 * are listed with every stage's artifacts (report/summary.ts).
 */
export function renderDriversSummary(
  c: DriverCounts,
  results: JobResult[],
  invalid: InvalidConfig[],
  derived?: DerivedVersion
): string {
  // Under the section report/summary.ts heads with the stage's name.
  const lines = [
    ...(derived
      ? [
          `Driver version ${derived.driverVersion}: pinned in ${derived.file} at tag ${derived.tag} (driver-versions: auto).`,
          ''
        ]
      : []),
    `${c.planned} planned · ${c.skipped} already published · ${c.built} built · ${c.published} files published · ${c.failed} failed · ${c.invalid} invalid configs`,
    ''
  ]
  const failed = results.filter((r) => r.error !== undefined)
  if (failed.length + invalid.length > 0) {
    lines.push('| failed config | reason | log |', '|---|---|---|')
    const rows = [
      ...failed.map(
        (r) => `| ${cell(r.job.config.file)} | ${cell(r.error ?? '')} | ${cell(r.logFile)} |`
      ),
      ...invalid.map((i) => `| ${cell(i.file)} | invalid config: ${cell(i.error)} | |`)
    ]
    lines.push(...rows.slice(0, MAX_FAILURE_ROWS))
    if (rows.length > MAX_FAILURE_ROWS) {
      lines.push(
        '',
        `… and ${rows.length - MAX_FAILURE_ROWS} more (all in the failing output and failing.txt).`
      )
    }
    lines.push('')
  }
  return lines.join('\n') + '\n'
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}
