import type { InvalidConfig } from './grid.js'
import type { JobResult } from './publish.js'
import type { DriverCounts } from '../stages/drivers.js'

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
    for (const r of failed)
      lines.push(`| ${cell(r.job.config.file)} | ${cell(r.error ?? '')} | ${cell(r.logFile)} |`)
    for (const i of invalid) lines.push(`| ${cell(i.file)} | invalid config: ${cell(i.error)} | |`)
    lines.push('')
  }
  const published = results.flatMap((r) => r.published)
  if (published.length > 0) {
    lines.push('| driver | size | sha256 |', '|---|---|---|')
    for (const p of published) {
      const name = p.url ? `[${cell(p.path)}](${p.url})` : cell(p.path)
      lines.push(`| ${name} | ${p.size ?? ''} | \`${(p.sha256 ?? '').slice(0, 12)}\` |`)
    }
  }
  return lines.join('\n') + '\n'
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
}
