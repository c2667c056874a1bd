import { promisify } from 'node:util'
import { gunzip as gunzipCallback } from 'node:zlib'
import type { Store } from '../../store/store.js'
import { gzip } from '../../repo/compress.js'
import { sha256Of } from '../../repo/digest.js'
import {
  splitFragments,
  XML_FILES,
  type RepomdData,
  type RpmRecord
} from '../../repo/rpm/repodata.js'
import { ENTRY_CODEC, renderManifest, SEGMENTS_TYPE } from '../../repo/rpm/segment-manifest.js'
import { storeSegments, type EntryObject, type StoredSegment } from '../../repo/segment-entries.js'
import {
  assemble,
  planSegments,
  segmentBytes,
  segmentsToRead,
  type BuiltSegment,
  type SegmentPlan
} from '../../repo/segments.js'
import { entriesKey, type DnfSnapshot } from './dnf-snapshot.js'
import type { DnfMerge } from './dnf-merge.js'
import { openDigest } from './dnf-open-digest.js'

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

/** A file of the next repodata: its repomd entry and bytes, under `repodata/`. */
export interface RepodataFile {
  data: RepomdData
  body: Buffer
}

/**
 * The files of the next repodata: primary/filelists/other, the manifest, and the objects
 * listing the packages of new segments; then the segments they are cut into.
 */
export async function nextRepodata(
  o: { store: Store; prefix: string },
  snapshot: DnfSnapshot,
  merge: DnfMerge
): Promise<{
  files: RepodataFile[]
  entryObjects: EntryObject[]
  segments: Array<StoredSegment<RpmRecord>>
  /** Settles when every file's open digest is set. */
  opened: Promise<unknown>
}> {
  const old = snapshot.segments
  const plan = await planSegments(
    old,
    merge.survivors,
    merge.added,
    async (i) => (old[i].entries ??= await snapshot.load(old[i]))
  )
  await loadFragments(snapshot, plan)
  const built: Array<BuiltSegment | undefined> = plan.map((p) =>
    'keep' in p
      ? undefined
      : { bytes: XML_FILES.map((f) => gzip(p.build.map((r) => f.fragment(r)!).join(''))) }
  )
  const count = plan.reduce((n, p) => n + ('keep' in p ? p.count : p.build.length), 0)
  const heads = XML_FILES.map((f) => gzip(f.open(count)))
  const { bodies: next, segments } = assemble(
    plan,
    built,
    {
      segments: old,
      // Kept segments exist only where there was a repository, hence a layout.
      bodies: plan.some((p) => 'keep' in p) ? await snapshot.layout!.bodies() : [],
      heads: snapshot.layout?.heads
    },
    { heads, tails: XML_FILES.map((f) => gzip(f.close)) }
  )
  const { segments: stored, objects: entryObjects } = storeSegments(segments, ENTRY_CODEC, (sha) =>
    entriesKey(o.prefix, sha)
  )
  const files: RepodataFile[] = XML_FILES.map((f, i) => {
    const sha256 = sha256Of(next[i])
    return {
      data: {
        type: f.type,
        location: `repodata/${sha256}-${f.type}.xml.gz`,
        sha256,
        size: next[i].length,
        // Set by `opened`, before repomd.xml is rendered.
        openSha256: '',
        openSize: 0
      },
      body: next[i]
    }
  })
  // repomd wants the digest of the uncompressed XML too, computed while the caller writes the
  // files: carried on from the hashes begun ahead when their guess holds (every old package
  // stays, in order, and the count is theirs), else all of it inflated (as a stream) and hashed.
  const ahead = snapshot.ahead
  const guessed = ahead?.count === count && old.every((_, i) => merge.survivors(i) === undefined)
  const opened = guessed
    ? ahead.hashes.then((hashes) =>
        XML_FILES.forEach((x, i) => {
          const added = Buffer.from(merge.added.map((r) => x.fragment(r)!).join('') + x.close)
          files[i].data.openSha256 = hashes[i].hash.copy().update(added).digest('hex')
          files[i].data.openSize = hashes[i].size + added.length
        })
      )
    : Promise.all(
        files.map(async (f) => {
          const open = await openDigest(f.body)
          f.data.openSha256 = open.sha256
          f.data.openSize = open.size
        })
      )
  const manifest = Buffer.from(
    renderManifest({
      primarySha256: files[0].data.sha256,
      heads: heads.map((h) => h.length),
      retention: merge.retention,
      segments: stored
    })
  )
  const sha256 = sha256Of(manifest)
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
  return { files, entryObjects, segments: stored, opened }
}
