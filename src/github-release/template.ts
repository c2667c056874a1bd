import type { CheckState } from '../gate.js'

/**
 * The release body template (`release-body`): Markdown with `{{ name }}` placeholders, filled
 * from what the run published. Pure: the stage reads the file and gathers the facts.
 *
 *   {{ version }} {{ tag }} {{ driver_version }}      the release's names
 *   {{ packages }}                                    a table of every package and tarball by kind and arch
 *   {{ url:deb-x86_64 }} {{ url:tgz-aarch64 }} …      one download URL (kinds deb, rpm, tgz)
 *   {{ images }}                                      `docker pull repo@digest` lines, one per tag
 *   {{ checks }}                                      the checks that gated the publish
 */

export interface Download {
  kind: 'deb' | 'rpm' | 'tgz'
  arch: string
  url: string
  sha256?: string
}

export interface ReleaseFacts {
  version: string
  tag: string
  driverVersion: string
  downloads: Download[]
  images: Array<{ reference: string; digest: string }>
  checks: CheckState[]
}

const PLACEHOLDER = /\{\{\s*([a-z_]+(?::[a-z0-9_-]+)?)\s*\}\}/g
const NAMES = ['version', 'tag', 'driver_version', 'packages', 'images', 'checks']

/**
 * Refuses a template with a placeholder nobody fills (a typo would otherwise reach the release
 * page), naming the file and the placeholder.
 */
export function checkTemplate(template: string, file: string): void {
  for (const m of template.matchAll(PLACEHOLDER)) {
    const name = m[1]
    if (NAMES.includes(name)) continue
    if (/^url:(deb|rpm|tgz)-[a-z0-9_]+$/.test(name)) continue
    throw new Error(
      `input 'release-body': ${file} has an unknown placeholder ${m[0]}; ` +
        `use ${NAMES.map((n) => `{{ ${n} }}`).join(', ')} or {{ url:<deb|rpm|tgz>-<arch> }}`
    )
  }
}

/** Fills the placeholders. A `url:` placeholder whose package was not published says so in the text. */
export function renderTemplate(template: string, facts: ReleaseFacts): string {
  return template.replace(PLACEHOLDER, (_all, name: string) => {
    switch (name) {
      case 'version':
        return facts.version
      case 'tag':
        return facts.tag
      case 'driver_version':
        return facts.driverVersion
      case 'packages':
        return packagesTable(facts.downloads)
      case 'images':
        return imagesBlock(facts.images)
      case 'checks':
        return checksList(facts.checks)
    }
    const [kind, arch] = name.slice('url:'.length).split('-', 2)
    const found = facts.downloads.find((d) => d.kind === kind && d.arch === arch)
    return found ? found.url : `(no ${kind} package for ${arch} in this release)`
  })
}

function packagesTable(downloads: Download[]): string {
  if (downloads.length === 0) return '_No packages in this release._'
  const rows = [...downloads]
    .sort((a, b) => `${a.kind}-${a.arch}`.localeCompare(`${b.kind}-${b.arch}`))
    .map((d) => {
      const name = d.url.slice(d.url.lastIndexOf('/') + 1)
      return `| ${d.kind}-${d.arch} | [${name}](${d.url}) | ${d.sha256 ? `\`${d.sha256}\`` : ''} |`
    })
  return ['| Package | Download | SHA-256 |', '| --- | --- | --- |', ...rows].join('\n')
}

function imagesBlock(images: ReleaseFacts['images']): string {
  if (images.length === 0) return '_No images in this release._'
  const lines = images.map((i) => `docker pull ${i.reference} # ${i.digest}`)
  return ['```sh', ...lines, '```'].join('\n')
}

function checksList(checks: CheckState[]): string {
  if (checks.length === 0) return '_No checks gated this release._'
  return checks
    .map(
      (c) => `- ${c.state === 'success' ? '✅' : '❌'} ${c.url ? `[${c.name}](${c.url})` : c.name}`
    )
    .join('\n')
}

/** The kind and arch of a published package or tarball, from Falco's file names. */
export function downloadOf(path: string, url: string, sha256?: string): Download | undefined {
  const m = /-(x86_64|aarch64|amd64|arm64|noarch)\.(deb|rpm|tar\.gz)$/.exec(path)
  if (!m) return undefined
  const arch = m[1] === 'amd64' ? 'x86_64' : m[1] === 'arm64' ? 'aarch64' : m[1]
  const kind = m[2] === 'tar.gz' ? 'tgz' : (m[2] as 'deb' | 'rpm')
  return { kind, arch, url, sha256 }
}
