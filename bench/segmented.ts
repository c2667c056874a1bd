/**
 * What each piece of the segmented index (src/repo/segmented/) buys when a publish adds one
 * package to an apt index of N packages, N = 100, 1k, 10k, 50k (or those given). Each row times
 * the piece against doing without it, on the same synthetic index, and prints both medians and
 * their ratio; asserts nothing:
 *
 *   npx tsx bench/segmented.ts [N...]        e.g. npx tsx bench/segmented.ts 100 1000 10000 50000
 *
 * - segments: compress the new segment (and whatever planSegments merges it with) to Packages,
 *   .gz and an .xz block, against compressing the whole index again (gzip, xz preset 1 as ours);
 * - digest states: MD5/SHA256/SHA512 of the three files resumed from the states of the kept
 *   segments, against node:crypto over the three whole files (what indexDigests would do);
 * - Bloom filters: load the entry lists of the segments whose filter may hold the new package's
 *   name or file (read from disk, sha256-checked, parsed), against loading every segment's list;
 * - entry objects: parse a manifest that names them (the current layout), against a manifest of
 *   the first layout with every entry inline;
 * - Store.extend: FileStore.extend of the three files (the kernel copies the kept bytes), against
 *   reading the old files back and FileStore.put of the whole new files.
 *
 * The index is built as a run of publishes of one package each would leave it (planSegments'
 * binary-counter merges, at most MAX_SEGMENT_ENTRIES per segment), with ~600-byte stanzas.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { gzip, xz } from '../src/repo/compress.js'
import { indexDigests } from '../src/repo/digest.js'
import type { IndexEntry } from '../src/repo/deb/packages-index.js'
import {
  ENTRY_CODEC,
  parseManifest,
  renderManifest,
  segmentText,
  type AptSegment
} from '../src/repo/deb/segment-manifest.js'
import { resumeDigests } from '../src/repo/segmented/digest-state.js'
import { segmentedDigests } from '../src/repo/segmented/digests.js'
import {
  fileKey,
  loadMatching,
  nameKey,
  parseSegmentEntries,
  storeSegment,
  type SegmentedIndex
} from '../src/repo/segmented/entries.js'
import {
  MAX_SEGMENT_ENTRIES,
  planSegments,
  type SegmentPlan
} from '../src/repo/segmented/segments.js'
import { xzBlock, xzFrame, type XzBlock } from '../src/repo/segmented/xz-blocks.js'
import { FileStore } from '../src/store/file.js'

const sizes = process.argv.slice(2).map(Number)
const Ns = sizes.length > 0 ? sizes : [100, 1000, 10000, 50000]
const XZ_PRESET = 1

const hex = (s: string): string => createHash('sha256').update(s).digest('hex')

/** A Falco-like stanza: a handful of names with many versions each, as dev repositories hold. */
function entry(i: number, names = 23): IndexEntry {
  const name = `falco-plugin-${i % names}`
  const version = `0.${40 + (i % 7)}.${i}`
  const filename = `pool/main/f/${name}/${name}_${version}_amd64.deb`
  const sha256 = hex(filename)
  const text =
    `Package: ${name}\nVersion: ${version}\nArchitecture: amd64\nMaintainer: The Falco Authors <cncf-falco-dev@lists.cncf.io>\n` +
    `Installed-Size: ${40000 + i}\nDepends: libc6 (>= 2.34), dkms\nSection: utils\nPriority: optional\n` +
    `Homepage: https://falco.org\nDescription: Falco plugin ${i}\n Cloud native runtime security, build ${i}.\n` +
    `Filename: ${filename}\nSize: ${1000000 + i}\nMD5sum: ${sha256.slice(0, 32)}\nSHA1: ${sha256.slice(0, 40)}\n` +
    `SHA256: ${sha256}\nSHA512: ${sha256}${sha256}\n`
  return { name, version, architecture: 'amd64', filename, sha256, text }
}

/** Segment sizes after `n` publishes of one package each (planSegments' merge rule). */
function segmentCounts(n: number): number[] {
  const counts: number[] = []
  for (let i = 0; i < n; i++) {
    counts.push(1)
    while (counts.length >= 2) {
      const [a, b] = counts.slice(-2)
      if (a > 2 * b || a + b > MAX_SEGMENT_ENTRIES) break
      counts.splice(-2, 2, a + b)
    }
  }
  return counts
}

interface Built {
  plain: Buffer
  gz: Buffer
  block: XzBlock
}

async function build(entries: IndexEntry[]): Promise<Built> {
  const plain = Buffer.from(segmentText(entries))
  return { plain, gz: gzip(plain), block: await xzBlock(plain, XZ_PRESET) }
}

function xzFile(built: Built[]): Buffer {
  const frame = xzFrame(built.map((b) => ({ ...b.block, bytes: undefined })))
  return Buffer.concat([frame.head, ...built.map((b) => b.block.bytes), frame.tail])
}

const ms = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

// A collection before each sample, so no sample pays for the garbage of the one before.
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

async function time(runs: number, run: () => Promise<unknown> | unknown): Promise<number> {
  await run() // warm-up: module loads, WebAssembly compilation, JIT
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    gc()
    const t = process.hrtime.bigint()
    await run()
    samples.push(ms(t))
  }
  return median(samples)
}

const rows: string[][] = []
function row(n: number, piece: string, ours: number, without: number, note = ''): void {
  rows.push([
    String(n),
    piece,
    ours.toFixed(2),
    without.toFixed(2),
    (without / ours).toFixed(1) + 'x',
    note
  ])
  console.error(`  N=${n} ${piece}: ${ours.toFixed(2)} ms with, ${without.toFixed(2)} ms without`)
}

async function benchN(n: number, dir: string): Promise<void> {
  const runs = n >= 10000 ? 5 : 15
  const entries = Array.from({ length: n }, (_, i) => entry(i))
  const counts = segmentCounts(n)
  console.error(`N=${n}: ${counts.length} segments (${counts.join(' ')})`)
  let at = 0
  const segEntries = counts.map((c) => entries.slice(at, (at += c)))
  const built = await Promise.all(segEntries.map(build))
  const head = (f: number): Buffer => (f === 2 ? xzFrame([]).head : Buffer.alloc(0))
  const oldFiles = [
    Buffer.concat(built.map((b) => b.plain)),
    Buffer.concat(built.map((b) => b.gz)),
    xzFile(built)
  ]
  // Digest states after each segment, as the manifest keeps them.
  const states = await Promise.all(
    [0, 1, 2].map(async (f) => {
      const parts = built.map((b) => [b.plain, b.gz, b.block.bytes][f])
      return (await resumeDigests(undefined, [head(f), ...parts])).states.slice(1)
    })
  )
  const old: AptSegment[] = built.map((b, i) => {
    const { segment } = storeSegment(
      {
        count: counts[i],
        lengths: [b.plain.length, b.gz.length, b.block.bytes.length, b.block.unpaddedSize],
        entries: segEntries[i]
      },
      ENTRY_CODEC
    )
    return { ...segment, entries: undefined, states: [0, 1, 2].map((f) => states[f][i]) }
  })
  const added = entry(n)
  const loadOld = async (i: number): Promise<IndexEntry[]> => segEntries[i]

  // 1. Segments: compress what the plan builds, against the whole index again.
  let plan: Array<SegmentPlan<IndexEntry>> = []
  const ours1 = await time(runs, async () => {
    plan = await planSegments(old, () => undefined, [added], loadOld)
    for (const p of plan) if ('build' in p) await build(p.build)
  })
  const rebuilt = plan
    .filter((p) => 'build' in p)
    .reduce((s, p) => s + (p as { build: unknown[] }).build.length, 0)
  const whole = Buffer.from(segmentText([...entries, added]))
  const without1 = await time(Math.min(runs, 5), async () => {
    gzip(whole)
    await xz(whole, XZ_PRESET)
  })
  row(n, 'segments (compress)', ours1, without1, `${rebuilt} of ${n + 1} entries compressed`)

  // 2. Digest states: resume after the kept segments, against hashing the three whole files.
  const builtPlan = await Promise.all(
    plan.map(async (p) => ('build' in p ? build(p.build) : undefined))
  )
  const partsOf = (i: number): Buffer[] => {
    const p = plan[i]
    const b = 'keep' in p ? built[p.keep] : builtPlan[i]!
    return [b.plain, b.gz, b.block.bytes]
  }
  const partsFrom = async (first: number): Promise<Buffer[][]> =>
    plan.slice(first).map((_, j) => partsOf(first + j))
  const allBlocks = plan.map((p, i) => ('keep' in p ? built[p.keep] : builtPlan[i]!))
  const frame = xzFrame(allBlocks.map((b) => ({ ...b.block, bytes: undefined })))
  const none = Buffer.alloc(0)
  const heads = [none, none, frame.head]
  const tails = [none, none, frame.tail]
  const ours2 = await time(runs, () => segmentedDigests(plan, old, partsFrom, { heads, tails }))
  const newFiles = [0, 1, 2].map((f) =>
    Buffer.concat([heads[f], ...plan.map((_, i) => partsOf(i)[f]), tails[f]])
  )
  const without2 = await time(runs, () => newFiles.map((b) => indexDigests(b)))
  row(
    n,
    'digest states',
    ours2,
    without2,
    `${(newFiles.reduce((s, b) => s + b.length, 0) / 1e6).toFixed(1)} MB hashed without`
  )

  // 3. Bloom filters: load the lists the new package's keys may be in, against all of them.
  // With Falco's few names (23 here), every segment holds every name; with many names (N/5,
  // five versions each, published apart) a name is in a few segments.
  for (const names of new Set([23, Math.max(23, Math.floor(n / 5))])) {
    const listed = counts.map((_, i) =>
      segEntries[i].map((_e, j) => entry(counts.slice(0, i).reduce((a, b) => a + b, 0) + j, names))
    )
    const segs = listed.map((es, i) => storeSegment({ ...old[i], entries: es }, ENTRY_CODEC))
    const listDir = path.join(dir, `lists-${n}-${names}`)
    await mkdir(listDir, { recursive: true })
    await Promise.all(
      segs.map((s) => writeFile(path.join(listDir, s.segment.entriesSha256), s.body))
    )
    const index = (): Array<SegmentedIndex<IndexEntry>> => [
      {
        segments: segs.map((s) => ({ ...s.segment, entries: undefined })),
        load: async (s) =>
          parseSegmentEntries(
            await readFile(path.join(listDir, s.entriesSha256)),
            s,
            ENTRY_CODEC,
            'bench'
          )
      }
    ]
    const cases: Array<[string, IndexEntry]> = [
      [`known name of ${names}`, entry(n, names)],
      ['new name', entry(n, n + 1)]
    ]
    if (names !== 23) cases.pop() // a new name is the same whatever the others are
    const without3 = await time(runs, () => loadMatching(index(), 'all'))
    for (const [label, e] of cases) {
      let loaded = 0
      const ours3 = await time(runs, async () => {
        const ix = index()
        await loadMatching(ix, [nameKey(e.name), fileKey(e.filename)])
        loaded = ix[0].segments.filter((s) => s.entries).length
      })
      row(
        n,
        `Bloom filters (${label})`,
        ours3,
        without3,
        `${loaded} of ${segs.length} lists loaded`
      )
    }
  }

  // 4. Entry objects: the manifest names them, against every entry inline (first layout).
  const manifest = renderManifest({ packagesSha256: hex('x'), segments: old })
  const inline = JSON.stringify({
    format: 'falco-publish apt segments 1',
    packagesSha256: hex('x'),
    segments: old.map((s, i) => ({
      lengths: s.lengths,
      entries: segEntries[i].map(ENTRY_CODEC.toRow)
    }))
  })
  const ours4 = await time(runs, () => parseManifest(manifest, 'bench'))
  const without4 = await time(runs, () => parseManifest(inline, 'bench'))
  row(
    n,
    'entry objects (manifest)',
    ours4,
    without4,
    `${(manifest.length / 1e3).toFixed(0)} kB vs ${(inline.length / 1e3).toFixed(0)} kB of JSON`
  )

  // 5. Store.extend: write only the bytes after the kept segments, against the whole files.
  const store = new FileStore(path.join(dir, `store-${n}`))
  await Promise.all(oldFiles.map((b, f) => store.put(`old-${f}`, b)))
  const leading = plan.findIndex((p, i) => !('keep' in p && p.keep === i))
  const kept = leading === -1 ? plan.length : leading
  let round = 0
  const keepOf = (f: number): number =>
    head(f).length + old.slice(0, kept).reduce((s, seg) => s + seg.lengths[f], 0)
  const appendOf = (f: number): Buffer[] => [
    ...plan.slice(kept).map((_, j) => partsOf(kept + j)[f]),
    tails[f]
  ]
  const ours5 = await time(runs, async () => {
    const r = round++
    await Promise.all(
      [0, 1, 2].map((f) => store.extend!(`old-${f}`, keepOf(f), appendOf(f), `e${r}-${f}`, ''))
    )
  })
  const without5 = await time(runs, async () => {
    const r = round++
    // Without extend, the kept segments' bytes come from reading the old files back.
    await Promise.all(
      [0, 1, 2].map(async (f) => {
        const kept = (await store.read(`old-${f}`))!.subarray(0, keepOf(f))
        await store.put(`w${r}-${f}`, Buffer.concat([kept, ...appendOf(f)]))
      })
    )
  })
  const appended = [0, 1, 2].reduce((s, f) => s + appendOf(f).reduce((t, b) => t + b.length, 0), 0)
  row(
    n,
    'Store.extend (file store)',
    ours5,
    without5,
    `${(appended / 1e3).toFixed(1)} kB written vs ${(newFiles.reduce((s, b) => s + b.length, 0) / 1e6).toFixed(1)} MB`
  )
}

const dir = mkdtempSync(path.join(tmpdir(), 'bench-segmented-'))
try {
  for (const n of Ns) await benchN(n, dir)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
const header = ['N', 'piece', 'with ms', 'without ms', 'without/with', 'note']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i])).join('  ')
console.log(line(header))
for (const r of rows) console.log(line(r))
