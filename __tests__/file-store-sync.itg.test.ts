import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { requireTools, run } from './support/run.js'

/**
 * The order in which the local store makes a publish's writes durable, read from the system
 * calls it makes (strace): what a power loss can leave depends on it, and no kill -9 can show it
 * (the page cache survives a killed process). New packages, signatures and content-addressed
 * indexes are placed without an fsync of their own; the first write that may name them (an
 * index at its plain name, the commit) first fsyncs every one of them and their folders; a file
 * replaced in place is fsynced before its rename, as is every index.
 */
requireTools({ strace: 'strace' })

const WORKER = path.join(process.cwd(), '__tests__', 'store', 'sync-worker.ts')

interface Call {
  name: string
  /** The file an fsync synced (strace -y), or where a rename or link put a file. */
  target: string
  /** What a rename or link moved. */
  source?: string
}

let tmp: string
let root: string
let calls: Call[]

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'file-store-sync-'))
  root = path.join(tmp, 'store')
  const log = path.join(tmp, 'strace.log')
  const traced = await run('strace', [
    ...['-f', '-y', '-qq', '-o', log],
    ...['-e', 'trace=fsync,fdatasync,rename,renameat,renameat2,link,linkat'],
    ...[process.execPath, '--import', 'tsx', WORKER, root]
  ])
  if (traced.code !== 0) throw new Error(`sync-worker failed: ${traced.stderr}`)
  calls = parse(await readFile(log, 'utf8'))
})

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true })
})

/**
 * The store's fsyncs, renames and links, in the order they finished, with paths from the root. A
 * call another thread interrupts is logged in two lines (`fsync(19</a> <unfinished ...>`, then
 * `<... fsync resumed>) = 0` under the same pid): it counts where it finished.
 */
function parse(text: string): Call[] {
  const inStore = (p: string) => (p.startsWith(root) ? path.relative(root, p) || '.' : undefined)
  const found: Call[] = []
  const unfinished = new Map<string, string>()
  const synced = (file: string) => {
    const target = inStore(file)
    if (target !== undefined) found.push({ name: 'fsync', target })
  }
  for (const line of text.split('\n')) {
    const [pid] = line.split(' ', 1)
    const started = /\b(?:fsync|fdatasync)\(\d+<([^>]*)> <unfinished \.\.\.>$/.exec(line)
    const resumed = /<\.\.\. (?:fsync|fdatasync) resumed>.*\) += 0$/.test(line)
    const sync = /\b(?:fsync|fdatasync)\(\d+<([^>]*)>\) += 0$/.exec(line)
    const move = /\b(rename|renameat2?|link|linkat)\([^"]*"([^"]+)"[^"]*"([^"]+)".*\) += 0$/.exec(
      line
    )
    if (started) unfinished.set(pid, started[1])
    else if (resumed && unfinished.has(pid)) synced(unfinished.get(pid)!)
    else if (sync) synced(sync[1])
    else if (move && inStore(move[3]) !== undefined)
      found.push({
        name: move[1].replace(/at2?$/, ''),
        target: inStore(move[3])!,
        source: inStore(move[2])
      })
  }
  return found
}

const at = (pred: (c: Call) => boolean): number => calls.findIndex(pred)
const placed = (key: string) => at((c) => c.name !== 'fsync' && c.target === key)
const synced = (target: string) => at((c) => c.name === 'fsync' && c.target === target)
const isTemp = (p?: string) => p?.startsWith('.falco-publish/tmp/') ?? false

describe('FileStore durability order', () => {
  it('places new immutable objects without an fsync of their own', () => {
    for (const key of ['pool/a.deb', 'pool/a.deb.asc', 'by-hash/one', 'by-hash/two']) {
      const where = placed(key)
      expect(where).toBeGreaterThanOrEqual(0)
      // The first write of each: nothing synced its temporary file before it was placed.
      const source = calls[where].source
      if (isTemp(source))
        expect(calls.slice(0, where).some((c) => c.name === 'fsync' && c.target === source)).toBe(
          false
        )
      expect(synced(key)).toBeGreaterThan(where)
    }
    // A link to bytes that wait under their first name: those are synced once, by that name.
    const link = placed('by-hash/three')
    expect(calls[link]).toMatchObject({ name: 'link', source: 'by-hash/two' })
    expect(synced('by-hash/three')).toBe(-1)
  })

  it('syncs every one of them, and their folders, before the first write that may name them', () => {
    const barrier = placed('dists/Packages')
    expect(barrier).toBeGreaterThan(0)
    for (const target of [
      'pool/a.deb',
      'pool/a.deb.asc',
      'by-hash/one',
      'by-hash/two',
      'pool',
      'by-hash'
    ]) {
      const where = synced(target)
      expect({ target, synced: where >= 0 && where < barrier }).toEqual({ target, synced: true })
    }
  })

  it('syncs an index before its rename, and its folder after', () => {
    const commit = placed('dists/InRelease')
    const source = calls[commit].source
    expect(isTemp(source)).toBe(true)
    expect(synced(source!)).toBeGreaterThanOrEqual(0)
    expect(synced(source!)).toBeLessThan(commit)
    expect(calls.slice(commit).some((c) => c.name === 'fsync' && c.target === 'dists')).toBe(true)
  })

  it('syncs a replacement before its rename: a file an index names is never swapped for bytes not on disk', () => {
    const replaced = calls.findLastIndex((c) => c.name === 'rename' && c.target === 'pool/a.deb')
    expect(replaced).toBeGreaterThan(placed('dists/InRelease'))
    const source = calls[replaced].source!
    expect(isTemp(source)).toBe(true)
    expect(synced(source)).toBeGreaterThanOrEqual(0)
    expect(synced(source)).toBeLessThan(replaced)
  })
})
