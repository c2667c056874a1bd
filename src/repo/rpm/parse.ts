import { createReadStream } from 'node:fs'
import * as path from 'node:path'
import { Sha256Counter, type FileDigest } from '../digest.js'
import { PackageFormatError } from '../format-error.js'
import { headerLength, HeaderValues, parseHeader, type Header } from './header.js'

/** What an .rpm tells the repodata, plus the raw headers needed to sign it. */
export interface RpmDependency {
  name: string
  flags?: 'EQ' | 'LT' | 'GT' | 'LE' | 'GE'
  epoch?: string
  ver?: string
  rel?: string
  pre?: boolean
}

export interface RpmFile {
  path: string
  type: 'file' | 'dir' | 'ghost'
}

export interface RpmPackage {
  file: string
  name: string
  epoch: number
  version: string
  release: string
  arch: string
  summary: string
  description: string
  license: string
  vendor: string
  group: string
  url: string
  buildhost: string
  sourcerpm: string
  packager: string
  buildtime: number
  installedSize: number
  archiveSize: number
  headerRange: { start: number; end: number }
  provides: RpmDependency[]
  requires: RpmDependency[]
  conflicts: RpmDependency[]
  obsoletes: RpmDependency[]
  files: RpmFile[]
  changelog: Array<{ author: string; date: number; text: string }>
  digests: FileDigest
  /** The signature header as found, and the main header's bytes (what a header signature covers). */
  signature: Header
  mainHeader: Buffer
  /** Where the payload starts in the file. */
  payloadOffset: number
}

const LEAD = 96
export const TAG = {
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  SUMMARY: 1004,
  DESCRIPTION: 1005,
  BUILDTIME: 1006,
  BUILDHOST: 1007,
  SIZE: 1009,
  VENDOR: 1011,
  LICENSE: 1014,
  PACKAGER: 1015,
  GROUP: 1016,
  URL: 1020,
  ARCH: 1022,
  OLDFILENAMES: 1027,
  FILEMODES: 1030,
  FILEFLAGS: 1037,
  SOURCERPM: 1044,
  PROVIDENAME: 1047,
  REQUIREFLAGS: 1048,
  REQUIRENAME: 1049,
  REQUIREVERSION: 1050,
  CONFLICTFLAGS: 1053,
  CONFLICTNAME: 1054,
  CONFLICTVERSION: 1055,
  CHANGELOGTIME: 1080,
  CHANGELOGNAME: 1081,
  CHANGELOGTEXT: 1082,
  OBSOLETENAME: 1090,
  PROVIDEFLAGS: 1112,
  PROVIDEVERSION: 1113,
  OBSOLETEFLAGS: 1114,
  OBSOLETEVERSION: 1115,
  DIRINDEXES: 1116,
  BASENAMES: 1117,
  DIRNAMES: 1118,
  LONGSIZE: 5009
} as const
export const SIGTAG = { LONGARCHIVESIZE: 271, SHA256: 273, PAYLOADSIZE: 1007 } as const

/**
 * Reads an .rpm in one streaming pass: lead, signature header (padded to 8 bytes), main header
 * are kept (they are small); the payload only goes through the SHA-256.
 */
export async function parseRpm(file: string, display = path.basename(file)): Promise<RpmPackage> {
  const digest = new Sha256Counter()
  let head = Buffer.alloc(0)
  let need = LEAD + 16
  let stage: 'sig' | 'main' | 'done' = 'sig'
  let sigEnd = 0
  let mainEnd = 0
  try {
    for await (const c of createReadStream(file)) {
      const chunk = c as Buffer
      digest.update(chunk)
      if (stage === 'done') continue
      head = Buffer.concat([head, chunk])
      // Advance through the headers as soon as their intros are available.
      for (;;) {
        if (stage === 'sig' && head.length >= LEAD + 16) {
          if (head.readUInt32BE(0) !== 0xedabeedb) throw new Error('not an RPM (bad lead magic)')
          const len = headerLength(head.subarray(LEAD), 'signature header')
          sigEnd = LEAD + len + ((8 - (len % 8)) % 8)
          need = sigEnd + 16
          stage = 'main'
          continue
        }
        if (stage === 'main' && head.length >= need) {
          mainEnd = sigEnd + headerLength(head.subarray(sigEnd), 'main header')
          need = mainEnd
          if (head.length >= mainEnd) {
            stage = 'done'
            continue
          }
        }
        break
      }
    }
    if (stage !== 'done')
      throw new Error(
        `truncated: the file ends inside the ${stage === 'sig' ? 'lead or signature' : 'main'} header`
      )
    const signature = parseHeader(head.subarray(LEAD), 'signature header')
    const mainHeader = Buffer.from(head.subarray(sigEnd, mainEnd))
    const main = new HeaderValues(parseHeader(mainHeader, 'main header'))
    const sig = new HeaderValues(signature)
    const digests = digest.digest()
    const archiveSize = sig.number(SIGTAG.LONGARCHIVESIZE) ?? sig.number(SIGTAG.PAYLOADSIZE) ?? 0
    const name = main.string(TAG.NAME)
    const version = main.string(TAG.VERSION)
    const release = main.string(TAG.RELEASE)
    const arch = main.string(TAG.ARCH)
    if (!name || !version || !release || !arch)
      throw new Error('main header lacks name, version, release or arch')
    if (!main.has(TAG.SOURCERPM)) {
      throw new Error('this is a source RPM; only binary RPMs can be published')
    }
    // The payload must be there: a cut-off download still has complete headers.
    if (sig.has(1000) && digests.size < sigEnd + (sig.number(1000) ?? 0)) {
      throw new Error(
        `truncated: headers and payload should be ${sigEnd + (sig.number(1000) ?? 0)} bytes, file has ${digests.size}`
      )
    }
    const pkg: RpmPackage = {
      file,
      name,
      epoch: main.number(TAG.EPOCH) ?? 0,
      version,
      release,
      arch,
      summary: main.string(TAG.SUMMARY) ?? '',
      description: main.string(TAG.DESCRIPTION) ?? '',
      license: main.string(TAG.LICENSE) ?? '',
      vendor: main.string(TAG.VENDOR) ?? '',
      group: main.string(TAG.GROUP) ?? '',
      url: main.string(TAG.URL) ?? '',
      buildhost: main.string(TAG.BUILDHOST) ?? '',
      sourcerpm: main.string(TAG.SOURCERPM) ?? '',
      packager: main.string(TAG.PACKAGER) ?? '',
      buildtime: main.number(TAG.BUILDTIME) ?? 0,
      installedSize: main.number(TAG.LONGSIZE) ?? main.number(TAG.SIZE) ?? 0,
      archiveSize,
      headerRange: { start: sigEnd, end: mainEnd },
      provides: deps(main, TAG.PROVIDENAME, TAG.PROVIDEFLAGS, TAG.PROVIDEVERSION),
      requires: deps(main, TAG.REQUIRENAME, TAG.REQUIREFLAGS, TAG.REQUIREVERSION).filter(
        (d) => !d.name.startsWith('rpmlib(')
      ),
      conflicts: deps(main, TAG.CONFLICTNAME, TAG.CONFLICTFLAGS, TAG.CONFLICTVERSION),
      obsoletes: deps(main, TAG.OBSOLETENAME, TAG.OBSOLETEFLAGS, TAG.OBSOLETEVERSION),
      files: files(main),
      changelog: changelog(main),
      digests,
      signature,
      mainHeader,
      payloadOffset: mainEnd
    }
    checkXmlText(pkg)
    return pkg
  } catch (e) {
    throw new PackageFormatError(display, (e as Error).message)
  }
}

/** Characters XML 1.0 does not allow (§2.2): one in primary.xml makes dnf reject the whole repository. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u

/** Every text of the header that repodata carries must be XML 1.0 characters; names the tag. */
function checkXmlText(pkg: RpmPackage): void {
  const texts: Array<[string, string]> = [
    ['Name', pkg.name],
    ['Version', pkg.version],
    ['Release', pkg.release],
    ['Arch', pkg.arch],
    ['Summary', pkg.summary],
    ['Description', pkg.description],
    ['License', pkg.license],
    ['Vendor', pkg.vendor],
    ['Group', pkg.group],
    ['URL', pkg.url],
    ['BuildHost', pkg.buildhost],
    ['SourceRPM', pkg.sourcerpm],
    ['Packager', pkg.packager],
    ...pkg.changelog.flatMap((c): Array<[string, string]> => [
      ['%changelog author', c.author],
      ['%changelog text', c.text]
    ]),
    ...pkg.files.map((f): [string, string] => ['file name', f.path]),
    ...[pkg.provides, pkg.requires, pkg.conflicts, pkg.obsoletes].flatMap((list) =>
      list.map((d): [string, string] => ['dependency', `${d.name} ${d.ver ?? ''} ${d.rel ?? ''}`])
    )
  ]
  for (const [tag, text] of texts) {
    const bad = NOT_XML.exec(text)
    if (bad) {
      const code = bad[0].codePointAt(0)!.toString(16).padStart(4, '0')
      throw new Error(
        `${tag} holds the character U+${code.toUpperCase()} at offset ${bad.index}, which XML 1.0 ` +
          `forbids: dnf would reject the whole repository's metadata. Rebuild the package without it.`
      )
    }
  }
}

const SENSE_LESS = 2
const SENSE_GREATER = 4
const SENSE_EQUAL = 8
const SENSE_PRE = (1 << 6) | (1 << 9) | (1 << 10)

function deps(
  h: HeaderValues,
  nameTag: number,
  flagsTag: number,
  versionTag: number
): RpmDependency[] {
  const names = h.strings(nameTag)
  const flags = h.numbers(flagsTag)
  const versions = h.strings(versionTag)
  return names.map((name, i) => {
    const f = flags[i] ?? 0
    const d: RpmDependency = { name }
    const cmp = f & (SENSE_LESS | SENSE_GREATER | SENSE_EQUAL)
    const v = versions[i] ?? ''
    if (cmp && v) {
      d.flags = (
        {
          [SENSE_EQUAL]: 'EQ',
          [SENSE_LESS]: 'LT',
          [SENSE_GREATER]: 'GT',
          [SENSE_LESS | SENSE_EQUAL]: 'LE',
          [SENSE_GREATER | SENSE_EQUAL]: 'GE'
        } as const
      )[cmp as 8]
      const m = /^(?:(\d+):)?([^-]*)(?:-(.*))?$/.exec(v)!
      d.epoch = m[1] ?? '0'
      d.ver = m[2]
      if (m[3] !== undefined) d.rel = m[3]
    }
    if (f & SENSE_PRE) d.pre = true
    return d
  })
}

function files(h: HeaderValues): RpmFile[] {
  const base = h.strings(TAG.BASENAMES)
  const dirs = h.strings(TAG.DIRNAMES)
  const idx = h.numbers(TAG.DIRINDEXES)
  const modes = h.numbers(TAG.FILEMODES)
  const flags = h.numbers(TAG.FILEFLAGS)
  const paths = base.length
    ? base.map((b, i) => (dirs[idx[i]] ?? '') + b)
    : h.strings(TAG.OLDFILENAMES)
  return paths.map((p, i) => ({
    path: p,
    type:
      (flags[i] ?? 0) & 64 ? 'ghost' : ((modes[i] ?? 0) & 0o170000) === 0o040000 ? 'dir' : 'file'
  }))
}

function changelog(h: HeaderValues): RpmPackage['changelog'] {
  const times = h.numbers(TAG.CHANGELOGTIME)
  const names = h.strings(TAG.CHANGELOGNAME)
  const texts = h.strings(TAG.CHANGELOGTEXT)
  return names.map((author, i) => ({ author, date: times[i] ?? 0, text: texts[i] ?? '' }))
}
