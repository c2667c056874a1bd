import type { RpmRecord } from './repodata.js'

/**
 * Reading repodata another tool wrote (createrepo_c, createrepo) into records, so a publish
 * adopts the repository as it is: every package it lists stays listed with its XML exactly as
 * that tool rendered it, and no package file is read or rewritten.
 *
 * The XML is machine-written, one `<package>` element after another: each is cut out whole and
 * only the fields merging needs (name, EVR, arch, checksum, location, size) are read from it.
 */

const unescape = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
    if (named[e.toLowerCase()]) return named[e.toLowerCase()]
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
  })

/** The `<package ...>...</package>` elements of one XML file, each ending with a newline. */
export function packageElements(xml: string): string[] {
  const out: string[] = []
  const close = '</package>'
  let at = 0
  for (;;) {
    const start = xml.indexOf('<package', at)
    if (start < 0) return out
    const end = xml.indexOf(close, start)
    if (end < 0) return out
    out.push(xml.slice(start, end + close.length) + '\n')
    at = end + close.length
  }
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  return m ? unescape(m[1]) : undefined
}

const element = (xml: string, name: string): string | undefined => {
  const m = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`).exec(xml)
  return m ? unescape(m[1]) : undefined
}

const tagOf = (xml: string, name: string): string | undefined =>
  new RegExp(`<${name}\\s[^>]*>`).exec(xml)?.[0]

/** The identity of a filelists/other element, to pair it with its primary element. */
const pairKey = (pkgid: string, name: string, arch: string, evr: string): string =>
  `${pkgid} ${name}.${arch} ${evr}`

const evrOf = (version: string): string =>
  `${attr(version, 'epoch') ?? '0'}:${attr(version, 'ver') ?? ''}-${attr(version, 'rel') ?? ''}`

/**
 * The records of a repository from its primary, filelists and other XML (decompressed). `where`
 * names the repodata in errors. Filelists and other are paired with primary by package id,
 * name, arch and EVR (their order is the same in createrepo_c's output, but nothing needs it).
 */
export function importRepodata(
  xml: { primary: string; filelists: string; other: string },
  where: string
): RpmRecord[] {
  const pairs = (text: string): Map<string, string[]> => {
    const out = new Map<string, string[]>()
    for (const el of packageElements(text)) {
      const open = /^<package\s[^>]*>/.exec(el)?.[0] ?? ''
      const version = tagOf(el, 'version') ?? ''
      const key = pairKey(
        attr(open, 'pkgid') ?? '',
        attr(open, 'name') ?? '',
        attr(open, 'arch') ?? '',
        evrOf(version)
      )
      const list = out.get(key)
      if (list) list.push(el)
      else out.set(key, [el])
    }
    return out
  }
  const filelists = pairs(xml.filelists)
  const other = pairs(xml.other)
  return packageElements(xml.primary).map((el, i) => {
    const name = element(el, 'name')
    const arch = element(el, 'arch')
    const version = tagOf(el, 'version')
    const checksumTag = tagOf(el, 'checksum')
    const checksum = /<checksum\s[^>]*>([0-9a-fA-F]+)<\/checksum>/.exec(el)?.[1]
    const location = attr(tagOf(el, 'location') ?? '', 'href')
    const size = Number(attr(tagOf(el, 'size') ?? '', 'package'))
    if (!name || !arch || !version || !checksumTag || !checksum || !location) {
      throw new Error(
        `${where}: package ${i + 1} of primary.xml lacks its name, arch, version, checksum or location; ` +
          `regenerate the repodata with createrepo_c, or start the repository anew`
      )
    }
    const type = attr(checksumTag, 'type') ?? 'sha256'
    const evr = evrOf(version)
    const key = pairKey(checksum, name, arch, evr)
    const take = (from: Map<string, string[]>, file: string): string => {
      const found = from.get(key)?.shift()
      if (found === undefined)
        throw new Error(
          `${where}: ${file}.xml does not list ${name}-${evr}.${arch} (pkgid ${checksum}), which primary.xml lists; ` +
            `regenerate the repodata with createrepo_c`
        )
      return found
    }
    return {
      name,
      epoch: Number(attr(version, 'epoch') ?? '0') || 0,
      version: attr(version, 'ver') ?? '',
      release: attr(version, 'rel') ?? '',
      arch,
      location,
      // A checksum of another type cannot equal a file's SHA-256: it is kept prefixed, so a
      // file published again under that name is compared, never taken for the same bytes.
      sha256: type === 'sha256' ? checksum.toLowerCase() : `${type}:${checksum}`,
      size: Number.isFinite(size) ? size : 0,
      primary: el,
      filelists: take(filelists, 'filelists'),
      other: take(other, 'other')
    }
  })
}

/** Which tool wrote a repomd.xml, as far as it shows: createrepo_c lists open sizes. */
export function repodataWriter(repomd: string): string {
  return /<open-size>/.test(repomd) ? 'createrepo_c' : 'createrepo'
}

/** Every data entry of a repomd.xml, whichever tool wrote it: type -> location and checksum. */
export function repomdFiles(
  xml: string
): Map<string, { location: string; checksum?: { type: string; value: string } }> {
  const out = new Map<string, { location: string; checksum?: { type: string; value: string } }>()
  for (const m of xml.matchAll(/<data\s+type="([^"]+)"\s*>([\s\S]*?)<\/data>/g)) {
    const href = attr(tagOf(m[2], 'location') ?? '', 'href')
    const sum = /<checksum\s+type="([^"]+)"\s*>\s*([0-9a-fA-F]+)\s*<\/checksum>/.exec(m[2])
    if (href)
      out.set(m[1], {
        location: href,
        checksum: sum ? { type: sum[1], value: sum[2].toLowerCase() } : undefined
      })
  }
  return out
}
