import type { Segment } from '../segments.js'
import type { IndexEntry } from './packages-index.js'

/**
 * How a segmented `Packages` index is cut: for each segment, its byte lengths in Packages,
 * Packages.gz and Packages.xz, and the identity of its entries. It is listed in the Release next
 * to the index it describes (apt ignores files it does not know), so a publish reads the exact
 * generation InRelease signed, and never parses the whole index to learn what it holds.
 */
export const MANIFEST_FILE = 'falco-publish-segments.json'
/** The files of one `binary-<arch>` index, in the order segment lengths are given. */
export const INDEX_FILES = ['Packages', 'Packages.gz', 'Packages.xz'] as const

/**
 * Where each number sits in a segment's `lengths`: its bytes in each of INDEX_FILES, then the
 * unpadded size of its xz block, which the xz stream's index lists.
 */
export const LENGTH = { plain: 0, gz: 1, xz: 2, xzUnpadded: 3 } as const

const FORMAT = 'falco-publish apt segments 1'

export interface PackagesManifest {
  /** SHA256 of the Packages this manifest describes: a mismatch means another tool rewrote it. */
  packagesSha256: string
  segments: Array<Segment<IndexEntry>>
}

type Row = [name: string, version: string, architecture: string, filename: string, sha256: string]

export function renderManifest(m: PackagesManifest): string {
  return JSON.stringify({
    format: FORMAT,
    packagesSha256: m.packagesSha256,
    files: INDEX_FILES,
    segments: m.segments.map((s) => ({
      lengths: s.lengths,
      entries: s.entries.map((e): Row => [e.name, e.version, e.architecture, e.filename, e.sha256])
    }))
  })
}

export function parseManifest(text: string, where: string): PackagesManifest {
  let raw: {
    format?: string
    packagesSha256?: string
    segments?: Array<{ lengths: number[]; entries: Row[] }>
  }
  try {
    raw = JSON.parse(text)
  } catch (e) {
    throw new Error(`${where}: not JSON (${(e as Error).message})`)
  }
  if (raw.format !== FORMAT || typeof raw.packagesSha256 !== 'string' || !raw.segments) {
    throw new Error(`${where}: not a segment manifest this version of falco-publish reads`)
  }
  return {
    packagesSha256: raw.packagesSha256,
    segments: raw.segments.map((s) => ({
      lengths: s.lengths,
      entries: s.entries.map(([name, version, architecture, filename, sha256]) => ({
        name,
        version,
        architecture,
        filename,
        sha256
      }))
    }))
  }
}

/** The plain text of a segment: each stanza followed by the blank line that ends it. */
export function segmentText(entries: IndexEntry[]): string {
  return entries.map((e) => e.text + '\n').join('')
}

/** The stanza texts of a segment, in order (the inverse of segmentText). */
export function segmentStanzas(plain: Buffer): string[] {
  const parts = plain.toString('utf8').split('\n\n')
  parts.pop()
  return parts.map((p) => p + '\n')
}
