import type { InvalidConfig } from './grid.js'
import type { JobResult } from './publish.js'
import type { DriverCounts } from '../stages/drivers.js'

const MAX_ROWS = 100
const MAX_FAILURE_ROWS = 500

/** The drivers section of the job summary: failures first, then what was published. */
export function renderDriversSummary(
  c: DriverCounts,
  results: JobResult[],
  invalid: InvalidConfig[]
): string {
  const lines = [
    '### Drivers',
    '',
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
  const published = results.flatMap((r) => r.published)
  if (published.length > 0) {
    lines.push('| driver | size | sha256 |', '|---|---|---|')
    // A job summary is limited to 1 MiB: a large grid lists its first drivers, the listing has all.
    for (const p of published.slice(0, MAX_ROWS)) {
      const name = p.url ? `[${cell(p.path)}](${p.url})` : cell(p.path)
      lines.push(`| ${name} | ${p.size ?? ''} | \`${(p.sha256 ?? '').slice(0, 12)}\` |`)
    }
    if (published.length > MAX_ROWS) lines.push('', `… and ${published.length - MAX_ROWS} more.`)
  }
  return lines.join('\n') + '\n'
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}
