import { MAX_TABLE_ROWS } from '../../report/summary.js'
import type { Store } from '../../store/store.js'
import type { AptCommit } from './apt-merge.js'
import type { DnfCommit } from './dnf-merge.js'
import { PUBLIC_KEY_KEY, type Repositories } from './layout.js'

/** What one publish did to the apt, dnf and tarball repositories: what the summary renders. */
export interface PublishOutcome {
  repos: Repositories
  channel: 'dev' | 'stable'
  deb?: AptCommit
  rpm?: DnfCommit
  bin?: { added: string[]; removed: string[] }
  added: string[]
  removed: string[]
  notes: string[]
}

/** The stage's job-summary section: per repository what was added and removed, and how to use it. */
export function renderPackagesSummary(o: PublishOutcome, store: Store): string {
  const url = (key: string): string => store.url(key) ?? key
  // Under the section report/summary.ts heads with the stage's name.
  const lines: string[] = []
  // A removal pattern or a smaller retention can drop thousands: the outputs list them all.
  const list = (title: string, items: string[]): void => {
    if (!items.length) return
    lines.push(`${title}:`, '', ...items.slice(0, MAX_TABLE_ROWS).map((i) => `- \`${i}\``))
    if (items.length > MAX_TABLE_ROWS)
      lines.push(
        `- …and ${items.length - MAX_TABLE_ROWS} more: the packages-${title.toLowerCase()} output lists them all`
      )
    lines.push('')
  }
  if (o.deb) {
    lines.push(`#### apt: \`${o.repos.deb}\``, '')
    list('Added', o.deb.added)
    list(
      'Removed',
      o.deb.removed.map((r) => `${r.name} ${r.version} (${r.architecture})`)
    )
    lines.push(
      '```',
      `deb [signed-by=/etc/apt/keyrings/falco-publish.asc] ${url(o.repos.deb)} stable main`,
      '```',
      ''
    )
  }
  if (o.rpm) {
    lines.push(`#### dnf: \`${o.repos.rpm}\``, '')
    list('Added', o.rpm.added)
    list('Removed', o.rpm.removed)
    lines.push(`Repository file: ${url(`${o.repos.rpm}/falco-publish.repo`)}`, '')
  }
  if (o.bin) {
    lines.push(`#### tarballs: \`${o.repos.bin}\``, '')
    list('Added', o.bin.added)
    list('Removed', o.bin.removed)
    lines.push(`Index: ${url(`${o.repos.bin}/index.html`)}`, '')
  }
  lines.push(`Signing key: ${url(PUBLIC_KEY_KEY)}`, '')
  return lines.join('\n')
}
