import type { Digests } from '../digest.js'
import { renderStanza, setField, type Stanza } from './control.js'

/**
 * A `Packages` index: one stanza per package file, keyed by name, version and architecture.
 * An entry keeps the few fields merging needs, and its stanza as text once it has been read
 * (entries known from a segment manifest have no text until their segment is rebuilt).
 */
export interface IndexEntry {
  name: string
  version: string
  architecture: string
  filename: string
  sha256: string
  /** The stanza as it appears in the index, ending with a newline. */
  text?: string
}

/** The stanza apt reads for a package: its control fields, where it is, and its digests. */
export function packageStanza(
  pkg: { control: Stanza; digests: Digests },
  filename: string
): Stanza {
  let s = pkg.control.filter(([f]) => !/^(Filename|Size|MD5sum|SHA1|SHA256|SHA512)$/i.test(f))
  s = setField(s, 'Filename', filename)
  s = setField(s, 'Size', String(pkg.digests.size))
  s = setField(s, 'MD5sum', pkg.digests.md5)
  s = setField(s, 'SHA1', pkg.digests.sha1)
  s = setField(s, 'SHA256', pkg.digests.sha256)
  s = setField(s, 'SHA512', pkg.digests.sha512)
  return s
}

export function packageEntry(
  pkg: { control: Stanza; digests: Digests },
  filename: string
): IndexEntry {
  return entryOf(renderStanza(packageStanza(pkg, filename)), 'new package')
}

const FIELDS = {
  package: 'name',
  version: 'version',
  architecture: 'architecture',
  filename: 'filename',
  sha256: 'sha256'
} as const

function entryOf(text: string, where: string): IndexEntry {
  const e: Partial<IndexEntry> = { text }
  let start = 0
  while (start < text.length) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    const c = text.charCodeAt(start)
    if (c !== 32 && c !== 9) {
      const colon = text.indexOf(':', start)
      if (colon > start && colon < end) {
        const key = FIELDS[text.slice(start, colon).toLowerCase() as keyof typeof FIELDS]
        if (key) e[key] = text.slice(colon + 1, end).trim()
      }
    }
    start = end + 1
  }
  if (!e.name || !e.version || !e.architecture || !e.filename) {
    throw new Error(`${where}: a stanza lacks Package, Version, Architecture or Filename`)
  }
  return { sha256: '', ...e } as IndexEntry
}

/**
 * The stanzas of a Packages index. `only`, when given, picks the stanzas to parse by their raw
 * text (a cheap `includes`), so a reader that wants a few entries of a large index does not
 * parse the thousands it does not want.
 */
export function parsePackagesIndex(
  text: string,
  where: string,
  only?: (stanza: string) => boolean
): IndexEntry[] {
  const out: IndexEntry[] = []
  for (const chunk of text.replace(/\r\n/g, '\n').split(/\n{2,}/)) {
    const stanza = chunk.replace(/^\n+/, '')
    if (stanza.trim() === '' || (only && !only(stanza))) continue
    out.push(entryOf(stanza.endsWith('\n') ? stanza : stanza + '\n', where))
  }
  return out
}

export function entryKey(e: IndexEntry): string {
  return `${e.name} ${e.version} ${e.architecture}`
}
