import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { gzip } from '../src/repo/compress.js'
import { xzBlock, xzFrame } from '../src/repo/segmented/xz-blocks.js'
import {
  MAX_SEGMENT_ENTRIES,
  plannedLengths,
  planSegments,
  segmentBytes,
  unchanged,
  type BuiltSegment,
  type Segment,
  type SegmentPlan
} from '../src/repo/segmented/segments.js'

/**
 * The files of the next generation, whole, as a store that cannot extend gets them: for each
 * file, its head, every planned segment's bytes (kept ones sliced from the old files, built ones
 * as given), and its tail. A kept segment
 * is the old segment object itself, with whatever else the format keeps on it.
 */
function assemble<E, S extends Segment<E>>(
  plan: Array<SegmentPlan<E>>,
  built: Array<BuiltSegment | undefined>,
  old: { segments: S[]; bodies: Buffer[]; heads?: number[] },
  frame: { heads: Buffer[]; tails: Buffer[] }
): { bodies: Buffer[]; segments: Array<S | Segment<E>> } {
  const files = frame.heads.length
  const parts: Buffer[][] = Array.from({ length: files }, (_, f) => [frame.heads[f]])
  const segments: Array<S | Segment<E>> = []
  const lengths = plannedLengths(plan, built, old.segments)
  plan.forEach((p, i) => {
    const bytes =
      'keep' in p ? segmentBytes(old.segments, old.bodies, p.keep, old.heads) : built[i]!.bytes
    for (let f = 0; f < files; f++) parts[f].push(bytes[f])
    segments.push(
      'keep' in p
        ? old.segments[p.keep]
        : { count: p.build.length, lengths: lengths[i], entries: p.build }
    )
  })
  for (let f = 0; f < files; f++) parts[f].push(frame.tails[f])
  return { bodies: parts.map((p) => Buffer.concat(p)), segments }
}

/** Builds a segment's files (plain, gz, xz block) from its entries, as the apt index does. */
const build = async (entries: string[]): Promise<BuiltSegment> => {
  const plain = Buffer.from(entries.map((e) => `${e}\n`).join(''))
  const block = await xzBlock(plain, 0)
  return { bytes: [plain, gzip(plain), block.bytes], extra: [block.unpaddedSize] }
}

/** What stays of each old segment: undefined when all its entries do (as the indexes say). */
const survivors =
  <E>(segments: Array<Segment<E>>, keep: (e: E) => boolean) =>
  (i: number): E[] | undefined => {
    const kept = segments[i].entries!.filter(keep)
    return kept.length === segments[i].count ? undefined : kept
  }
const noLoad = (): Promise<never> => Promise.reject(new Error('entries are all in memory'))

/** Publishes one batch at a time, dropping what `drop` says; returns the final files. */
async function publishAll(batches: string[][], drop: (e: string) => boolean = () => false) {
  let segments: Array<Segment<string>> = []
  let bodies: Buffer[] = []
  let rebuilt = 0
  let maxSegments = 0
  for (const batch of batches) {
    const plan = await planSegments(
      segments,
      survivors(segments, (e) => !drop(e)),
      batch,
      noLoad
    )
    const built = await Promise.all(
      plan.map((p) => {
        if ('keep' in p) return undefined
        rebuilt += p.build.length
        return build(p.build)
      })
    )
    const frame = xzFrame(
      plannedLengths(plan, built, segments).map((l) => ({
        unpaddedSize: l[3],
        uncompressedSize: l[0]
      }))
    )
    const none = Buffer.alloc(0)
    ;({ bodies, segments } = assemble(
      plan,
      built,
      { segments, bodies, heads: [0, 0, 12] },
      { heads: [none, none, frame.head], tails: [none, none, frame.tail] }
    ))
    maxSegments = Math.max(maxSegments, segments.length)
  }
  return { segments, bodies, rebuilt, maxSegments }
}

describe('segmented index files', () => {
  it('gzip members and xz blocks joined under one xz index decompress, with the real tools, to the plain file', async () => {
    const batches = Array.from({ length: 40 }, (_, i) => [`package ${i} a`, `package ${i} b`])
    const { bodies, segments } = await publishAll(batches)
    const expected = batches
      .flat()
      .map((e) => `${e}\n`)
      .join('')
    expect(bodies[0].toString()).toBe(expected)
    expect(gunzipSync(bodies[1]).toString()).toBe(expected)
    expect(execFileSync('gzip', ['-dc'], { input: bodies[1] }).toString()).toBe(expected)
    expect(execFileSync('xz', ['-dc'], { input: bodies[2] }).toString()).toBe(expected)
    // One stream (apt reads no further than the first) holding one block per segment.
    const xzFile = path.join(os.tmpdir(), `segments-${process.pid}.xz`)
    writeFileSync(xzFile, bodies[2])
    const totals = execFileSync('xz', ['--robot', '--list', xzFile])
      .toString()
      .split('\n')
      .find((l) => l.startsWith('totals'))!
      .split('\t')
    rmSync(xzFile)
    expect([totals[1], totals[2]]).toEqual(['1', String(segments.length)])
    expect(segments.flatMap((s) => s.entries)).toEqual(batches.flat())
    expect(segments.length).toBeGreaterThan(1)
  })

  it('one package at a time stays a few segments, each entry re-compressed O(log n) times', async () => {
    const n = 3000
    let rebuilt = 0
    let maxSegments = 0
    let segments: Array<Segment<string>> = []
    for (let i = 0; i < n; i++) {
      // Entries of kept segments are never asked for, only those merged into a new one.
      const loaded = new Set<number>()
      const plan = await planSegments(
        segments,
        () => undefined,
        [`p${i}`],
        (j) => {
          loaded.add(j)
          return Promise.resolve(segments[j].entries!)
        }
      )
      expect(plan.filter((p) => 'keep' in p && loaded.has(p.keep))).toEqual([])
      segments = plan.map((p) => {
        if ('build' in p) rebuilt += p.build.length
        return 'keep' in p
          ? segments[p.keep]
          : { count: p.build.length, entries: p.build, lengths: [1] }
      })
      maxSegments = Math.max(maxSegments, segments.length)
    }
    expect(segments.flatMap((s) => s.entries!)).toHaveLength(n)
    // Segments grow geometrically up to the cap, so there are about n / cap + log2(cap) of them.
    expect(maxSegments).toBeLessThanOrEqual(Math.ceil(n / (MAX_SEGMENT_ENTRIES / 2)) + 12)
    expect(rebuilt / n).toBeLessThan(Math.log2(n) + 2)
    expect(segments.every((s) => s.count <= MAX_SEGMENT_ENTRIES)).toBe(true)
  })

  it('a removed entry rebuilds only its segment; the others are copied byte for byte', async () => {
    const first = { count: 4, entries: ['a', 'b', 'c', 'd'], lengths: [8, 30, 60, 57] }
    const second = await planSegments([first], () => undefined, ['e'], noLoad)
    expect(second).toEqual([{ keep: 0, count: 4 }, { build: ['e'] }])
    const both = [first, { count: 1, entries: ['e'], lengths: [2, 21, 60, 57] }]
    const third = await planSegments(
      both,
      survivors(both, (e) => e !== 'b'),
      [],
      noLoad
    )
    expect(third).toEqual([{ build: ['a', 'c', 'd'] }, { keep: 1, count: 1 }])
    expect(unchanged([first], await planSegments([first], () => undefined, [], noLoad))).toBe(true)
    // A segment written before segments existed (no lengths) is always rebuilt.
    expect(
      await planSegments([{ count: 1, entries: ['x'], lengths: [] }], () => undefined, [], noLoad)
    ).toEqual([{ build: ['x'] }])
  })
})
