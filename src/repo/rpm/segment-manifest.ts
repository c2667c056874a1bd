import {
  inlineSegments,
  lookupKeys,
  parseJson,
  segmentRef,
  segmentsWithStates,
  type EntryCodec,
  type StoredSegment
} from '../segmented/entries.js'
import type { Resumable } from '../segmented/digest-state.js'
import { pendingFromJson, pendingToJson, type Pending } from '../pending.js'
import { XML_FILES, type RpmRecord } from './repodata.js'

/**
 * How the repodata's primary, filelists and other `.xml.gz` are cut: each file is a gzip member
 * opening the XML, one member per segment, and a member closing it. The manifest gives the
 * opening members' lengths, each segment's member lengths and count, the SHA-256 states after it
 * (see `RpmSegment`), where the list of its packages is kept and a filter of their names and
 * files (see segmented/entries.ts). It is a repomd.xml entry of our own type (dnf fetches only the
 * types it knows), so a publish reads the generation repomd.xml names.
 */
export const SEGMENTS_TYPE = 'falco-publish-segments'
/** The folder, in repodata/, of the objects listing each segment's packages. */
export const ENTRIES_DIR = 'repodata/falco-publish-segments'

const FORMAT = 'falco-publish rpm segments 3'
/**
 * Earlier layouts, still read so a repository they wrote goes on incrementally: 2 kept no digest
 * states and opened the XML with a package count; 1 also listed the entries inline.
 */
const FORMAT_2 = 'falco-publish rpm segments 2'
const FORMAT_1 = 'falco-publish rpm segments 1'

/**
 * The files a segment's `states` are given for, in order: the three `.xml.gz` (XML_FILES' order),
 * then the same three XML uncompressed (repomd.xml's open-checksum).
 */
export const DIGESTED_FILES = 2 * XML_FILES.length

/**
 * A segment of the repodata. `states` are the SHA-256 states of each of the DIGESTED_FILES after
 * this segment (and all before it), so a publish keeping it hashes only what follows.
 */
export type RpmSegment = StoredSegment<RpmRecord> & { states?: Resumable[] }

export interface RepodataManifest {
  /** sha256 of the primary.xml.gz it describes: a mismatch means another tool rewrote it. */
  primarySha256: string
  /** Length of the opening member of primary, filelists and other. */
  heads: number[]
  /** The dev retention every package name satisfies (see the apt manifest), when known. */
  retention?: number
  /** Package files pending deletion (see repo/pending.ts). */
  pending?: Pending
  /** Entries are absent until loaded, except in a manifest of the first layout. */
  segments: RpmSegment[]
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
    ...(m.pending?.size ? { pending: pendingToJson(m.pending) } : {}),
    segments: m.segments.map((s) => ({ ...segmentRef(s), states: s.states ?? null }))
  })
}

export function parseManifest(text: string, where: string): RepodataManifest {
  const raw = parseJson<{
    format?: string
    primarySha256?: string
    heads?: number[]
    retention?: number | null
    pending?: unknown
    segments?: unknown
  }>(text, where)
  if (
    (raw.format !== FORMAT && raw.format !== FORMAT_2 && raw.format !== FORMAT_1) ||
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
    pending: pendingFromJson(raw.pending),
    segments:
      raw.format === FORMAT_1
        ? inlineSegments(raw.segments as Array<{ lengths: number[]; entries: Row[] }>, ENTRY_CODEC)
        : segmentsWithStates<RpmRecord>(raw.segments, where, DIGESTED_FILES)
  }
}
