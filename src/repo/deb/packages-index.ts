import type { Digests } from '../digest.js'
import { field, parseStanzas, renderStanzas, setField, type Stanza } from './control.js'
import { compareDebVersions } from './version.js'
import type { DebPackage } from './parse.js'

/** A `Packages` index: one stanza per package file, keyed by name, version and architecture. */

/** The stanza apt reads for a package: its control fields, where it is, and its digests. */
export function packageStanza(pkg: { control: Stanza; digests: Digests }, filename: string): Stanza {
  let s = pkg.control.filter(([f]) => !/^(Filename|Size|MD5sum|SHA1|SHA256|SHA512)$/i.test(f))
  s = setField(s, 'Filename', filename)
  s = setField(s, 'Size', String(pkg.digests.size))
  s = setField(s, 'MD5sum', pkg.digests.md5)
  s = setField(s, 'SHA1', pkg.digests.sha1)
  s = setField(s, 'SHA256', pkg.digests.sha256)
  s = setField(s, 'SHA512', pkg.digests.sha512)
  return s
}

export function stanzaKey(s: Stanza): string {
  return `${field(s, 'Package')} ${field(s, 'Version')} ${field(s, 'Architecture')}`
}

export function parsePackagesIndex(text: string, where: string): Stanza[] {
  return parseStanzas(text, where)
}

/** The stanzas of `added` replace those with the same name/version/architecture; sorted by name then version. */
export function mergePackages(existing: Stanza[], added: Stanza[], drop: (s: Stanza) => boolean = () => false): Stanza[] {
  const byKey = new Map<string, Stanza>()
  for (const s of existing) if (!drop(s)) byKey.set(stanzaKey(s), s)
  for (const s of added) byKey.set(stanzaKey(s), s)
  return [...byKey.values()].sort(
    (a, b) =>
      (field(a, 'Package') ?? '').localeCompare(field(b, 'Package') ?? '') ||
      compareDebVersions(field(a, 'Version') ?? '', field(b, 'Version') ?? '') ||
      (field(a, 'Architecture') ?? '').localeCompare(field(b, 'Architecture') ?? '')
  )
}

export function renderPackagesIndex(stanzas: Stanza[]): string {
  return renderStanzas(stanzas)
}

/** Debian architecture of a package for the binary-<arch> indexes it belongs in (`all` goes in every one). */
export function indexArchitectures(pkg: Pick<DebPackage, 'architecture'>, architectures: string[]): string[] {
  return pkg.architecture === 'all' ? architectures : architectures.filter((a) => a === pkg.architecture)
}
