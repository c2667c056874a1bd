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
import { segmentedDigests } from '../../repo/segment-digests.js'
import { storeSegments, type EntryObject } from '../../repo/segment-entries.js'
import {
  keptInPlace,
  plannedLengths,
  planSegments,
  segmentBytes,
  segmentOffsets,
  segmentsToRead,
  type Segment,
  type SegmentPlan
} from '../../repo/segments.js'
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
  // A new segment: its XML in each file, and that compressed.
  const built = plan.map((p) => {
    if ('keep' in p) return undefined
    const xml = XML_FILES.map((f) => Buffer.from(p.build.map((r) => f.fragment(r)!).join('')))
    return { xml, bytes: xml.map((x) => gzip(x)) }
  })
  // The digested files: the three .xml.gz, then the same XML open (see DIGESTED_FILES).
  const opens = XML_FILES.map((f) => Buffer.from(f.open))
  const closes = XML_FILES.map((f) => Buffer.from(f.close))
  const frame = {
    heads: [...opens.map((x) => gzip(x)), ...opens],
    tails: [...closes.map((x) => gzip(x)), ...closes]
  }
  // Kept segments exist only where there was a repository, hence a layout.
  const oldHeads = layout?.heads ?? []
  /** Planned segment i's compressed bytes in each file, from the old files when it is kept. */
  const compressed = async (i: number): Promise<Buffer[]> => {
    const p = plan[i]
    if (!('keep' in p)) return built[i]!.bytes
    return segmentBytes(old, await layout!.bodies(), p.keep, oldHeads)
  }
  /** The same in every digested file: a kept segment's XML is its members inflated. */
  const digested = async (i: number): Promise<Buffer[]> => {
    const gz = await compressed(i)
    const xml = built[i]?.xml ?? (await Promise.all(gz.map((m) => gunzip(m))))
    return [...gz, ...xml]
  }
  const { digests, states } = await segmentedDigests(
    plan,
    old,
    (first) => Promise.all(plan.slice(first).map((_, j) => digested(first + j))),
    frame,
    'sha256'
  )
  // The old segments kept in place at the start: their bytes stay where they are. A manifest
  // with states was written with the openings of today, so its files can be extended.
  const leading = keptInPlace(plan)
  const extend =
    o.store.extend !== undefined &&
    leading > 0 &&
    !plan.slice(leading).some((p) => 'keep' in p) &&
    old[leading - 1].states !== undefined &&
    oldHeads.every((length, f) => length === frame.heads[f].length)
  const parts = await Promise.all(
    plan.slice(extend ? leading : 0).map((_, j) => compressed((extend ? leading : 0) + j))
  )
  const files: RepodataFile[] = XML_FILES.map((f, i): RepodataFile => {
    const data = {
      type: f.type,
      location: `repodata/${digests[i].sha256}-${f.type}.xml.gz`,
      sha256: digests[i].sha256,
      size: digests[i].size,
      openSha256: digests[XML_FILES.length + i].sha256,
      openSize: digests[XML_FILES.length + i].size
    }
    const written = [...parts.map((b) => b[i]), frame.tails[i]]
    if (!extend) return { data, body: Buffer.concat([frame.heads[i], ...written]) }
    const keep = segmentOffsets(old, i, oldHeads[i])[leading - 1] + old[leading - 1].lengths[i]
    return { data, extend: { from: layout!.keys[i], keep, append: written } }
  })
  const lengths = plannedLengths(plan, built, old)
  const segments = plan.map((p, i): Segment<RpmRecord> | RpmSegment =>
    'keep' in p ? old[p.keep] : { count: p.build.length, lengths: lengths[i], entries: p.build }
  )
  const { segments: described, objects: entryObjects } = storeSegments(
    segments,
    ENTRY_CODEC,
    (sha) => entriesKey(o.prefix, sha)
  )
  const stored = described.map((s, i): RpmSegment => ({ ...s, states: states[i] }))
  const manifest = Buffer.from(
    renderManifest({
      primarySha256: files[0].data.sha256,
      heads: frame.heads.slice(0, XML_FILES.length).map((h) => h.length),
      retention: merge.retention,
      pending: merge.pending,
      segments: stored
    })
  )
  const sha256 = sha256Hex(manifest)
  files.push({
    data: {
      type: SEGMENTS_TYPE,
      location: `repodata/${sha256}-segments.json`,
      sha256,
      size: manifest.length,
      openSha256: sha256,
      openSize: manifest.length
    },
    body: manifest
  })
  return { files, entryObjects, segments: stored }
}
