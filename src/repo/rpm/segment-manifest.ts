import type { Segment } from '../segments.js'
import type { RpmRecord } from './repodata.js'

/**
 * How the repodata's primary, filelists and other `.xml.gz` are cut: each file is a gzip member
 * opening the XML (it carries the package count, so it is rewritten every time), one member per
 * segment, and a member closing it. The manifest gives the opening members' lengths, each
 * segment's member lengths and the identity of its packages. It is a repomd.xml entry of our own
 * type (dnf fetches only the types it knows), so a publish reads the generation repomd.xml names.
 */
export const SEGMENTS_TYPE = 'falco-publish-segments'

const FORMAT = 'falco-publish rpm segments 1'

export interface RepodataManifest {
  /** sha256 of the primary.xml.gz it describes: a mismatch means another tool rewrote it. */
  primarySha256: string
  /** Length of the opening member of primary, filelists and other. */
  heads: number[]
  segments: Array<Segment<RpmRecord>>
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

export function renderManifest(m: RepodataManifest): string {
  return JSON.stringify({
    format: FORMAT,
    primarySha256: m.primarySha256,
    heads: m.heads,
    segments: m.segments.map((s) => ({
      lengths: s.lengths,
      entries: s.entries.map((r): Row => [
        r.name,
        r.epoch,
        r.version,
        r.release,
        r.arch,
        r.location,
        r.sha256,
        r.size,
        r.sourceSha256 ?? r.sha256
      ])
    }))
  })
}

export function parseManifest(text: string, where: string): RepodataManifest {
  let raw: {
    format?: string
    primarySha256?: string
    heads?: number[]
    segments?: Array<{ lengths: number[]; entries: Row[] }>
  }
  try {
    raw = JSON.parse(text)
  } catch (e) {
    throw new Error(`${where}: not JSON (${(e as Error).message})`)
  }
  if (raw.format !== FORMAT || !raw.primarySha256 || raw.heads?.length !== 3 || !raw.segments) {
    throw new Error(`${where}: not a segment manifest this version of falco-publish reads`)
  }
  return {
    primarySha256: raw.primarySha256,
    heads: raw.heads,
    segments: raw.segments.map((s) => ({
      lengths: s.lengths,
      entries: s.entries.map(
        ([name, epoch, version, release, arch, location, sha256, size, sourceSha256]) => ({
          name,
          epoch,
          version,
          release,
          arch,
          location,
          sha256,
          size,
          sourceSha256
        })
      )
    }))
  }
}
