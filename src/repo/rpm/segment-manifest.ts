import {
  inlineSegments,
  lookupKeys,
  parseJson,
  segmentRef,
  segmentsOf,
  type EntryCodec,
  type StoredSegment
} from '../segment-entries.js'
import type { RpmRecord } from './repodata.js'

/**
 * How the repodata's primary, filelists and other `.xml.gz` are cut: each file is a gzip member
 * opening the XML (it carries the package count, so it is rewritten every time), one member per
 * segment, and a member closing it. The manifest gives the opening members' lengths, each
 * segment's member lengths and count, where the list of its packages is kept and a filter of
 * their names and files (see segment-entries.ts). It is a repomd.xml entry of our own type (dnf
 * fetches only the types it knows), so a publish reads the generation repomd.xml names.
 */
export const SEGMENTS_TYPE = 'falco-publish-segments'
/** The folder, in repodata/, of the objects listing each segment's packages. */
export const ENTRIES_DIR = 'repodata/falco-publish-segments'

const FORMAT = 'falco-publish rpm segments 2'
/** The first layout, entries inline: still read, so a repository it wrote goes on incrementally. */
const FORMAT_1 = 'falco-publish rpm segments 1'

export interface RepodataManifest {
  /** sha256 of the primary.xml.gz it describes: a mismatch means another tool rewrote it. */
  primarySha256: string
  /** Length of the opening member of primary, filelists and other. */
  heads: number[]
  /** The dev retention every package name satisfies (see the apt manifest), when known. */
  retention?: number
  /** Entries are absent until loaded, except in a manifest of the first layout. */
  segments: Array<StoredSegment<RpmRecord>>
}

type Row = [
  name: string,
  epoch: number,
  version: string,
  release: string,
  arch: string,
  location: string,
  sha256: string,
  size: number,
  sourceSha256: string
]

export const ENTRY_CODEC: EntryCodec<RpmRecord, Row> = {
  format: 'falco-publish rpm segment entries 1',
  toRow: (r) => [
    r.name,
    r.epoch,
    r.version,
    r.release,
    r.arch,
    r.location,
    r.sha256,
    r.size,
    r.sourceSha256 ?? r.sha256
  ],
  fromRow: ([name, epoch, version, release, arch, location, sha256, size, sourceSha256]) => ({
    name,
    epoch,
    version,
    release,
    arch,
    location,
    sha256,
    size,
    sourceSha256
  }),
  keys: (r) => lookupKeys(r.name, r.location)
}

export function renderManifest(m: RepodataManifest): string {
  return JSON.stringify({
    format: FORMAT,
    primarySha256: m.primarySha256,
    heads: m.heads,
    retention: m.retention ?? null,
    segments: m.segments.map(segmentRef)
  })
}

export function parseManifest(text: string, where: string): RepodataManifest {
  const raw = parseJson<{
    format?: string
    primarySha256?: string
    heads?: number[]
    retention?: number | null
    segments?: unknown
  }>(text, where)
  if (
    (raw.format !== FORMAT && raw.format !== FORMAT_1) ||
    !raw.primarySha256 ||
    raw.heads?.length !== 3
  ) {
    throw new Error(`${where}: not a segment manifest this version of falco-publish reads`)
  }
  if (!Array.isArray(raw.segments)) throw new Error(`${where}: no segment list`)
  return {
    primarySha256: raw.primarySha256,
    heads: raw.heads,
    retention: typeof raw.retention === 'number' ? raw.retention : undefined,
    segments:
      raw.format === FORMAT
        ? segmentsOf<RpmRecord>(raw.segments, where)
        : inlineSegments(raw.segments as Array<{ lengths: number[]; entries: Row[] }>, ENTRY_CODEC)
  }
}
