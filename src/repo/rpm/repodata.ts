import type { RpmDependency, RpmFile, RpmPackage } from './parse.js'

/**
 * The repodata dnf reads: primary, filelists and other XML, and repomd.xml naming them.
 *
 * A package's record keeps the identity merging needs and its three XML fragments, rendered once
 * when the package is added. A publish learns the records from a segment manifest of our own
 * (see `segmented/segments.ts`) and reads a record's fragments back only when its segment is rebuilt.
 */
export interface RpmRecord {
  name: string
  epoch: number
  version: string
  release: string
  arch: string
  /** Path relative to the repository root. */
  location: string
  sha256: string
  size: number
  /** sha256 of the file as given, before we signed its header: re-publishing it is a no-op. */
  sourceSha256?: string
  /** The XML fragments, ending with `</package>\n`; absent until read back from the index. */
  primary?: string
  filelists?: string
  other?: string
}

type PackageInfo = Omit<
  RpmPackage,
  'file' | 'signature' | 'mainHeader' | 'payloadOffset' | 'digests'
> & {
  location: string
  sha256: string
  size: number
}

export function recordOf(pkg: RpmPackage, location: string): RpmRecord {
  const info: PackageInfo = { ...pkg, location, sha256: pkg.digests.sha256, size: pkg.digests.size }
  return {
    name: pkg.name,
    epoch: pkg.epoch,
    version: pkg.version,
    release: pkg.release,
    arch: pkg.arch,
    location,
    sha256: info.sha256,
    size: info.size,
    primary: primaryPackage(info),
    filelists: filelistsPackage(info),
    other: otherPackage(info)
  }
}

export function recordKey(
  r: Pick<RpmRecord, 'name' | 'epoch' | 'version' | 'release' | 'arch'>
): string {
  return `${r.name}-${r.epoch}:${r.version}-${r.release}.${r.arch}`
}

const esc = (s: string | number): string =>
  String(s).replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!
  )

const version = (r: PackageInfo): string =>
  `<version epoch="${r.epoch}" ver="${esc(r.version)}" rel="${esc(r.release)}"/>`

function entries(tag: string, list: RpmDependency[]): string {
  const seen = new Set<string>()
  const items: string[] = []
  for (const d of list) {
    let attrs = `name="${esc(d.name)}"`
    if (d.flags)
      attrs += ` flags="${d.flags}" epoch="${esc(d.epoch ?? '0')}" ver="${esc(d.ver ?? '')}"`
    if (d.flags && d.rel !== undefined) attrs += ` rel="${esc(d.rel)}"`
    if (d.pre) attrs += ` pre="1"`
    if (seen.has(attrs)) continue
    seen.add(attrs)
    items.push(`      <rpm:entry ${attrs}/>`)
  }
  return items.length ? `    <rpm:${tag}>\n${items.join('\n')}\n    </rpm:${tag}>\n` : ''
}

/** Files dnf needs in primary to resolve file dependencies (the rest is in filelists). */
const isPrimaryFile = (f: RpmFile): boolean =>
  f.path.startsWith('/etc/') || f.path.includes('bin/') || f.path === '/usr/lib/sendmail'

const fileLine = (f: RpmFile, indent: string): string =>
  `${indent}<file${f.type === 'file' ? '' : ` type="${f.type}"`}>${esc(f.path)}</file>\n`

function primaryPackage(r: PackageInfo): string {
  return (
    `<package type="rpm">\n  <name>${esc(r.name)}</name>\n  <arch>${esc(r.arch)}</arch>\n  ${version(r)}\n` +
    `  <checksum type="sha256" pkgid="YES">${r.sha256}</checksum>\n` +
    `  <summary>${esc(r.summary)}</summary>\n  <description>${esc(r.description)}</description>\n` +
    `  <packager>${esc(r.packager)}</packager>\n  <url>${esc(r.url)}</url>\n` +
    `  <time file="${r.buildtime}" build="${r.buildtime}"/>\n` +
    `  <size package="${r.size}" installed="${r.installedSize}" archive="${r.archiveSize}"/>\n` +
    `  <location href="${esc(r.location)}"/>\n  <format>\n` +
    `    <rpm:license>${esc(r.license)}</rpm:license>\n    <rpm:vendor>${esc(r.vendor)}</rpm:vendor>\n` +
    `    <rpm:group>${esc(r.group)}</rpm:group>\n    <rpm:buildhost>${esc(r.buildhost)}</rpm:buildhost>\n` +
    `    <rpm:sourcerpm>${esc(r.sourcerpm)}</rpm:sourcerpm>\n` +
    `    <rpm:header-range start="${r.headerRange.start}" end="${r.headerRange.end}"/>\n` +
    entries('provides', r.provides) +
    entries('requires', r.requires) +
    entries('conflicts', r.conflicts) +
    entries('obsoletes', r.obsoletes) +
    r.files
      .filter(isPrimaryFile)
      .map((f) => fileLine(f, '    '))
      .join('') +
    `  </format>\n</package>\n`
  )
}

function filelistsPackage(r: PackageInfo): string {
  return (
    `<package pkgid="${r.sha256}" name="${esc(r.name)}" arch="${esc(r.arch)}">\n  ${version(r)}\n` +
    r.files.map((f) => fileLine(f, '  ')).join('') +
    `</package>\n`
  )
}

function otherPackage(r: PackageInfo): string {
  return (
    `<package pkgid="${r.sha256}" name="${esc(r.name)}" arch="${esc(r.arch)}">\n  ${version(r)}\n` +
    r.changelog
      .map(
        (c) =>
          `  <changelog author="${esc(c.author)}" date="${c.date}">${esc(c.text)}</changelog>\n`
      )
      .join('') +
    `</package>\n`
  )
}

/**
 * The three XML files of the repodata: how each opens and closes around its package fragments.
 *
 * The opening carries no `packages="N"` count. With it, every publish changed the first bytes of
 * every file, so each file's open SHA-256 (which repomd.xml lists) had to be taken again over all
 * of it, inflated, and the file could not grow from the one before. Without it, a publish hashes
 * only the segments it adds, from the states the manifest keeps, and the file store extends the
 * old files. The readers ignore the count: libsolv (dnf, zypper) and createrepo_c never read it,
 * and yum's parser only reports it as progress when it is there.
 */
export const XML_FILES = [
  {
    type: 'primary',
    open:
      `<?xml version="1.0" encoding="UTF-8"?>\n` +
      `<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm">\n`,
    close: `</metadata>\n`,
    fragment: (r: RpmRecord): string | undefined => r.primary
  },
  {
    type: 'filelists',
    open: `<?xml version="1.0" encoding="UTF-8"?>\n<filelists xmlns="http://linux.duke.edu/metadata/filelists">\n`,
    close: `</filelists>\n`,
    fragment: (r: RpmRecord): string | undefined => r.filelists
  },
  {
    type: 'other',
    open: `<?xml version="1.0" encoding="UTF-8"?>\n<otherdata xmlns="http://linux.duke.edu/metadata/other">\n`,
    close: `</otherdata>\n`,
    fragment: (r: RpmRecord): string | undefined => r.other
  }
] as const

/** The package fragments of a run of XML (the inverse of joining them). */
export function splitFragments(xml: string): string[] {
  const parts = xml.split('</package>\n')
  parts.pop()
  return parts.map((p) => p + '</package>\n')
}

export interface RepomdData {
  type: string
  location: string
  sha256: string
  size: number
  openSha256: string
  openSize: number
}

export function renderRepomd(revision: number, data: RepomdData[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<repomd xmlns="http://linux.duke.edu/metadata/repo" xmlns:rpm="http://linux.duke.edu/metadata/rpm">\n` +
    `  <revision>${revision}</revision>\n` +
    data
      .map(
        (d) =>
          `  <data type="${esc(d.type)}">\n    <checksum type="sha256">${d.sha256}</checksum>\n` +
          `    <open-checksum type="sha256">${d.openSha256}</open-checksum>\n    <location href="${esc(d.location)}"/>\n` +
          `    <timestamp>${revision}</timestamp>\n    <size>${d.size}</size>\n    <open-size>${d.openSize}</open-size>\n  </data>\n`
      )
      .join('') +
    `</repomd>\n`
  )
}

/** The data entries of a repomd.xml we wrote: type -> location and checksum. */
export function parseRepomd(xml: string): Map<string, { location: string; sha256: string }> {
  const out = new Map<string, { location: string; sha256: string }>()
  for (const m of xml.matchAll(/<data type="([^"]+)">([\s\S]*?)<\/data>/g)) {
    const loc = /<location href="([^"]+)"/.exec(m[2])
    const sum = /<checksum type="sha256">([0-9a-f]{64})<\/checksum>/.exec(m[2])
    if (loc && sum) out.set(m[1], { location: loc[1], sha256: sum[1] })
  }
  return out
}
