import type { Logger } from '../report/log.js'
import { findingsTable, hint } from './findings.js'
import { byKind, type VerifyReport } from './verify.js'

/** The summary section: green or red per kind, then what was served versus published. */
export function renderVerifySummary(report: VerifyReport, where: string): string {
  const rows = byKind(report.results).map(
    (k) =>
      `| ${k.failed ? '🔴' : '🟢'} ${k.kind} | ${k.checked} | ${k.failed} | ${k.targets.map((t) => `\`${t}\``).join(', ')} |`
  )
  const lines = [
    report.throughPublicUrl
      ? `Checked through ${where} as apt, dnf, falcoctl and docker fetch it (${report.passes} pass${report.passes === 1 ? '' : 'es'}).`
      : `No public-url: checked the store itself (${where}), not what a CDN in front of it serves.`,
    '',
    '| Kind | Files checked | Wrong | Where |',
    '| --- | --- | --- | --- |',
    ...rows
  ]
  const findings = report.results.flatMap((r) => r.findings)
  if (findings.length) lines.push('', findingsTable(findings, report.throughPublicUrl))
  return lines.join('\n') + '\n'
}

/** One line per kind, and per wrong file what was served, what was published and what to do. */
export function logVerifyReport(report: VerifyReport, log: Logger): void {
  for (const k of byKind(report.results))
    log.info(
      `${k.failed ? 'FAIL' : 'ok  '} ${k.kind.padEnd(7)} ${k.checked} checked, ${k.failed} wrong`
    )
  for (const f of report.results.flatMap((r) => r.findings)) {
    log.error(
      `${f.kind}: ${f.file}\n  served:    ${f.served}\n  published: ${f.published}\n  hint:      ${hint(f, report.throughPublicUrl)}`
    )
  }
}

/** The error that fails the step, naming the files (the log and summary carry the table). */
export function verifyError(report: VerifyReport, where: string): string {
  const findings = report.results.flatMap((r) => r.findings)
  const names = findings.slice(0, 5).map((f) => f.file)
  const more = findings.length > names.length ? ` and ${findings.length - names.length} more` : ''
  return (
    `verify: ${findings.length} file(s) served by ${where} are not what was published: ${names.join(', ')}${more}. ` +
    (report.throughPublicUrl
      ? 'A stale CDN object (invalidate it, or set cdn-invalidate), a missing invalidation, or a public-url that does not point at the store root.'
      : 'The store changed after this run wrote it.')
  )
}
