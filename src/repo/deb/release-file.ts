import { byCodeUnit } from '../../compare.js'
import type { Digests } from '../digest.js'
import { field, parseStanzas } from './control.js'

/** The `Release` file of a suite: what apt checks every index against. */
export interface ReleaseInfo {
  origin: string
  label: string
  suite: string
  codename: string
  /** Written only when given (Falco's Release has none). */
  description?: string
  date: Date
  architectures: string[]
  components: string[]
  /** Index files relative to `dists/<suite>/`. */
  files: Array<{ path: string; digests: Digests }>
  /** Fields of ours apt ignores (the pending deletions, see repo/pending.ts), rendered. */
  extra?: string
}

export function renderRelease(r: ReleaseInfo): string {
  const files = [...r.files].sort((a, b) => byCodeUnit(a.path, b.path))
  const list = (hash: keyof Digests): string =>
    files
      .map((f) => ` ${f.digests[hash]} ${String(f.digests.size).padStart(16)} ${f.path}\n`)
      .join('')
  return (
    `Origin: ${r.origin}\n` +
    `Label: ${r.label}\n` +
    `Suite: ${r.suite}\n` +
    `Codename: ${r.codename}\n` +
    (r.description ? `Description: ${r.description}\n` : '') +
    `Date: ${r.date.toUTCString().replace('GMT', '+0000')}\n` +
    `Architectures: ${r.architectures.join(' ')}\n` +
    `Components: ${r.components.join(' ')}\n` +
    `Acquire-By-Hash: yes\n` +
    (r.extra ?? '') +
    `MD5Sum:\n${list('md5')}` +
    `SHA256:\n${list('sha256')}` +
    `SHA512:\n${list('sha512')}`
  )
}

/** The cleartext of an InRelease (or a plain Release): the signature is apt's business, not ours. */
export function releaseText(signedOrPlain: string): string {
  const m =
    /-----BEGIN PGP SIGNED MESSAGE-----\r?\n(?:[^\n]+\n)*?\r?\n([\s\S]*?)\r?\n-----BEGIN PGP SIGNATURE-----/.exec(
      signedOrPlain
    )
  if (!m) return signedOrPlain
  const text = m[1].replace(/^- /gm, '')
  // openpgp.js writes the text with CRLF line ends, its last one included, then the separator's
  // own line end; gpg writes LF, and the separator's line end is the text's last. Release has LF.
  return text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text + '\n'
}

/** The files a Release lists, with their SHA256 and size. */
export function releaseFiles(
  text: string,
  where: string
): Map<string, { sha256: string; size: number }> {
  const [stanza] = parseStanzas(text, where)
  const out = new Map<string, { sha256: string; size: number }>()
  const list = stanza ? field(stanza, 'SHA256') : undefined
  for (const line of (list ?? '').split('\n')) {
    const m = /^\s*([0-9a-f]{64})\s+(\d+)\s+(\S+)\s*$/.exec(line)
    if (m) out.set(m[3], { sha256: m[1], size: Number(m[2]) })
  }
  return out
}

/** Every file a Release lists, with all the digests it gives (so unchanged indexes can be listed again as they are). */
export function releaseDigests(text: string, where: string): Map<string, Digests> {
  const [stanza] = parseStanzas(text, where)
  const out = new Map<string, Digests>()
  const sections: Array<[string, keyof Digests]> = [
    ['MD5Sum', 'md5'],
    ['SHA1', 'sha1'],
    ['SHA256', 'sha256'],
    ['SHA512', 'sha512']
  ]
  for (const [name, hash] of sections) {
    for (const line of ((stanza && field(stanza, name)) ?? '').split('\n')) {
      const m = /^\s*([0-9a-f]+)\s+(\d+)\s+(\S+)\s*$/.exec(line)
      if (!m) continue
      const d = out.get(m[3]) ?? { size: Number(m[2]), md5: '', sha1: '', sha256: '', sha512: '' }
      d[hash as 'md5'] = m[1]
      out.set(m[3], d)
    }
  }
  return out
}

/** One single-line field of a Release (Origin, Label, ...), as written; undefined when absent. */
export function releaseField(text: string, name: string): string | undefined {
  const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'mi').exec(text.split(/\n(?=MD5Sum:|SHA)/)[0])
  return m ? m[1].trim() : undefined
}

/** What a repository's users have learnt from its Release: apt refuses an update that changes it. */
export interface KeptReleaseFields {
  origin?: string
  label?: string
  suite?: string
  codename?: string
  description?: string
  /** As written: apt-ftparchive writes what it is told, e.g. Falco's `amd64,arm64`. */
  architectures?: string
}

/**
 * The fields of an existing Release a new one keeps. apt remembers Origin, Label, Suite and
 * Codename and stops (`changed its 'Origin' value`) when they change; the others are kept so
 * the repository reads as it did.
 */
export function keptReleaseFields(text: string): KeptReleaseFields {
  return {
    origin: releaseField(text, 'Origin'),
    label: releaseField(text, 'Label'),
    suite: releaseField(text, 'Suite'),
    codename: releaseField(text, 'Codename'),
    description: releaseField(text, 'Description'),
    architectures: releaseField(text, 'Architectures')
  }
}
