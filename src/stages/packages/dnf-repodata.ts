import { promisify } from 'node:util'
import { gunzip as gunzipCallback } from 'node:zlib'
import type { Store } from '../../store/store.js'
import { gzip } from '../../repo/compress.js'
import { sha256Hex } from '../../store/digest.js'
import {
  splitFragments,
  XML_FILES,
  type RepomdData,
  type RpmRecord
} from '../../repo/rpm/repodata.js'
import {
  ENTRY_CODEC,
  renderManifest,
  SEGMENTS_TYPE,
  type RpmSegment
} from '../../repo/rpm/segment-manifest.js'
import { segmentedDigests } from '../../repo/segmented/digests.js'
import type { EntryObject } from '../../repo/segmented/entries.js'
import {
  planSegments,
  segmentBytes,
  segmentsToRead,
  type BuiltSegment,
  type SegmentPlan
} from '../../repo/segmented/segments.js'
import {
  appendsAfter,
  keptPrefix,
  nextSegments,
  plannedBytes
} from '../../repo/segmented/generation.js'
import type { FileDigest } from '../../repo/digest.js'
import { entriesKey, type DnfSnapshot } from './dnf-snapshot.js'
import type { DnfMerge } from './dnf-merge.js'

/**
 * The files of the next repodata: primary, filelists and other (`.xml.gz`), built from the
 * segments the merge keeps and the ones it adds, the segment manifest, and the objects listing
 * new segments' packages.
 */

const gunzip = promisify(gunzipCallback)

/** Reads back the XML fragments of old records whose segment is being rebuilt. */
async function loadFragments(
  snapshot: DnfSnapshot,
  plan: Array<SegmentPlan<RpmRecord>>
): Promise<void> {
  const layout = snapshot.layout
  if (!layout) return // a new repository: every record is added, with its XML
  for (const i of segmentsToRead(snapshot.segments, plan, (r) => r.primary !== undefined)) {
    const members = segmentBytes(snapshot.segments, await layout.bodies(), i, layout.heads)
    const xml = await Promise.all(
      members.map(async (m) => splitFragments((await gunzip(m)).toString('utf8')))
    )
    snapshot.segments[i].entries!.forEach((r, j) => {
      r.primary = xml[0][j]
      r.filelists = xml[1][j]
      r.other = xml[2][j]
    })
  }
}

/**
 * A file of the next repodata under `repodata/`: its repomd entry, and its bytes or the old file
 * it extends (its first `keep` bytes, then `append`).
 */
export type RepodataFile = { data: RepomdData } & (
  | { body: Buffer; extend?: undefined }
  | { body?: undefined; extend: { from: string; keep: number; append: Buffer[] } }
)

/**
 * The files of the next repodata: primary/filelists/other, the manifest, and the objects
 * listing the packages of new segments; then the segments they are cut into.
 *
 * Each XML file opens the same way in every generation, so its digests, compressed and open,
 * resume from the states saved after the old segments it keeps at its start: adding a package
 * hashes its new segment and the closing tag, not the 13 MiB of XML of 10,000 packages. A store
 * that can extend an object (the file store) writes only the bytes after those segments, and the
 * old files are not read; another store gets whole files, assembled from the old ones.
 */
export async function nextRepodata(
  o: { store: Store; prefix: string },
  snapshot: DnfSnapshot,
  merge: DnfMerge
): Promise<{
  files: RepodataFile[]
  entryObjects: EntryObject[]
  segments: RpmSegment[]
}> {
  const old = snapshot.segments
  const layout = snapshot.layout
  const plan = await planSegments(
    old,
    merge.survivors,
    merge.added,
    async (i) => (old[i].entries ??= await snapshot.load(old[i]))
  )
  await loadFragments(snapshot, plan)
  const built = plan.map((p) => ('keep' in p ? undefined : buildSegment(p.build)))
  const frame = repodataFrame()
  // Kept segments exist only where there was a repository, hence a layout.
  const oldHeads = layout?.heads ?? []
  const compressed = plannedBytes(plan, built, old, () => layout!.bodies(), oldHeads)
  const { digests, states } = await segmentedDigests(
    plan,
    old,
    (first) =>
      Promise.all(plan.slice(first).map((_, j) => digestedBytes(compressed.of, built, first + j))),
    frame,
    'sha256'
  )
  const leading = o.store.extend ? extendable(plan, old, oldHeads, frame.heads) : 0
  const parts = await compressed.from(leading)
  const files = XML_FILES.map((f, i): RepodataFile => {
    const data = repomdData(f.type, digests[i], digests[XML_FILES.length + i])
    const written = [...parts.map((b) => b[i]), frame.tails[i]]
    if (leading === 0) return { data, body: Buffer.concat([frame.heads[i], ...written]) }
    const keep = keptPrefix(old, leading, i, oldHeads[i])
    return { data, extend: { from: layout!.keys[i], keep, append: written } }
  })
  const { segments, entryObjects } = nextSegments(plan, built, old, states, ENTRY_CODEC, (sha) =>
    entriesKey(o.prefix, sha)
  )
  const manifest = Buffer.from(
    renderManifest({
      primarySha256: files[0].data.sha256,
      heads: frame.heads.slice(0, XML_FILES.length).map((h) => h.length),
      retention: merge.retention,
      pending: merge.pending,
      segments
    })
  )
  files.push({ data: manifestData(manifest), body: manifest })
  return { files, entryObjects, segments }
}

/**
 * How many old segments at the start of each file stay where they are, when the old files can be
 * extended after them (else 0): only when a manifest with states was written, hence with the
 * openings of today, and those openings are as long as now.
 */
function extendable(
  plan: Array<SegmentPlan<RpmRecord>>,
  old: RpmSegment[],
  oldHeads: number[],
  heads: Buffer[]
): number {
  const leading = appendsAfter(plan)
  if (leading === 0 || old[leading - 1].states === undefined) return 0
  return oldHeads.every((length, f) => length === heads[f].length) ? leading : 0
}

/** A new segment: its XML in each file, and that compressed. */
function buildSegment(records: RpmRecord[]): BuiltSegment & { xml: Buffer[] } {
  const xml = XML_FILES.map((f) => Buffer.from(records.map((r) => f.fragment(r)!).join('')))
  return { xml, bytes: xml.map((x) => gzip(x)) }
}

/**
 * What frames the segments of the digested files: the three .xml.gz, then the same XML open
 * (see DIGESTED_FILES). Each opens and closes the same way in every generation.
 */
function repodataFrame(): { heads: Buffer[]; tails: Buffer[] } {
  const opens = XML_FILES.map((f) => Buffer.from(f.open))
  const closes = XML_FILES.map((f) => Buffer.from(f.close))
  return {
    heads: [...opens.map((x) => gzip(x)), ...opens],
    tails: [...closes.map((x) => gzip(x)), ...closes]
  }
}

/** Planned segment i in every digested file: its gzip members, then its XML (a kept one's inflated). */
async function digestedBytes(
  compressed: (i: number) => Promise<Buffer[]>,
  built: Array<{ xml: Buffer[] } | undefined>,
  i: number
): Promise<Buffer[]> {
  const gz = await compressed(i)
  const xml = built[i]?.xml ?? (await Promise.all(gz.map((m) => gunzip(m))))
  return [...gz, ...xml]
}

/** The repomd.xml entry of an XML file, from its digests compressed and open. */
function repomdData(type: string, gz: FileDigest, open: FileDigest): RepomdData {
  return {
    type,
    location: `repodata/${gz.sha256}-${type}.xml.gz`,
    sha256: gz.sha256,
    size: gz.size,
    openSha256: open.sha256,
    openSize: open.size
  }
}

/** The repomd.xml entry of the segment manifest (stored as it is: open and compressed alike). */
function manifestData(manifest: Buffer): RepomdData {
  const sha256 = sha256Hex(manifest)
  return {
    type: SEGMENTS_TYPE,
    location: `repodata/${sha256}-segments.json`,
    sha256,
    size: manifest.length,
    openSha256: sha256,
    openSize: manifest.length
  }
}
