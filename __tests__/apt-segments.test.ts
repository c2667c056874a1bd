import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { parseStanzas } from '../src/repo/deb/control.js'
import { releaseDigests, releaseFiles, releaseText } from '../src/repo/deb/release-file.js'
import type { IndexEntry } from '../src/repo/deb/packages-index.js'
import {
  ENTRIES_DIR,
  ENTRY_CODEC,
  MANIFEST_FILE,
  parseManifest
} from '../src/repo/deb/segment-manifest.js'
import { parseSegmentEntries } from '../src/repo/segmented/entries.js'
import { digestBytes } from '../src/repo/digest.js'
import { loadSigningKeys, type SigningKeys } from '../src/sign/openpgp.js'
import { commitApt } from '../src/stages/packages/apt.js'
import { digestStates } from '../src/stages/packages/apt-index.js'
import { readAptSnapshot } from '../src/stages/packages/apt-snapshot.js'
import { Uploader } from '../src/stages/packages/store-io.js'
import { FileStore } from '../src/store/file.js'
import { generateTestKey } from './support/keys.js'
import { RecordingLogger } from './support/stage-context.js'
import { requireTools } from './support/run.js'

/** The segmented apt index on disk: what gzip, xz and our own reader see after many publishes. */
requireTools({ gzip: 'gzip', xz: 'xz-utils' })

let tmp: string
let keys: SigningKeys
let store: FileStore
let root: string
const prefix = 'packages/deb-dev'
const dir = (): string => path.join(root, prefix, 'dists/stable/main/binary-amd64')

const smallIndex = digestStates.fromBytes

beforeAll(async () => {
  // These indexes are small: saving and resuming digest states, as a large one does, is tested here.
  digestStates.fromBytes = 0
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'apt-segments-'))
  const key = await generateTestKey('ecc')
  keys = await loadSigningKeys(key.armoredPrivate)
  root = path.join(tmp, 'public')
  store = new FileStore(root)
}, 60000)

afterAll(async () => {
  digestStates.fromBytes = smallIndex
  await fs.rm(tmp, { recursive: true, force: true })
})

const pkg = (name: string, version: string) => ({
  pkg: {
    control: parseStanzas(
      `Package: ${name}\nVersion: ${version}\nArchitecture: amd64\nDescription: ${name}\n more text\n`,
      'control'
    )[0],
    digests: digestBytes(`${name} ${version}`),
    architecture: 'amd64'
  },
  filename: `stable/${name}-${version}-x86_64.deb`
})

async function publish(change: Parameters<typeof commitApt>[0]) {
  const log = new RecordingLogger()
  return commitApt(change, { store, prefix, keys, log, uploader: new Uploader(store, log) })
}

async function manifest() {
  const release = releaseText(
    await fs.readFile(path.join(root, prefix, 'dists/stable/InRelease'), 'utf8')
  )
  const sha256 = releaseFiles(release, 'InRelease').get(
    `main/binary-amd64/${MANIFEST_FILE}`
  )!.sha256
  const text = await fs.readFile(path.join(dir(), 'by-hash/SHA256', sha256), 'utf8')
  const m = parseManifest(text, MANIFEST_FILE)
  // Each segment's entries, from the object the manifest names (checked against its sha256).
  for (const s of m.segments) {
    const file = path.join(dir(), ENTRIES_DIR, `${s.entriesSha256}.json`)
    s.entries = parseSegmentEntries(await fs.readFile(file), s, ENTRY_CODEC, file)
  }
  return { ...m, segments: m.segments.map((s) => ({ ...s, entries: s.entries as IndexEntry[] })) }
}

/** Every file the Release lists has the size, MD5, SHA256 and SHA512 it says (what apt checks). */
async function expectReleaseTrue() {
  const release = releaseText(
    await fs.readFile(path.join(root, prefix, 'dists/stable/InRelease'), 'utf8')
  )
  const listed = releaseDigests(release, 'InRelease')
  expect(listed.size).toBe(8)
  for (const [file, d] of listed) {
    // The manifest has no plain name: it is read by hash only.
    const bytes = await fs.readFile(
      file.endsWith(MANIFEST_FILE)
        ? path.join(root, prefix, 'dists/stable', path.dirname(file), 'by-hash/SHA256', d.sha256)
        : path.join(root, prefix, 'dists/stable', file)
    )
    const real = digestBytes(bytes)
    expect({ file, ...d, sha1: '' }).toEqual({ file, ...real, sha1: '' })
  }
}

const names = (packages: string): string[] =>
  [...packages.matchAll(/^Package: (.+)$/gm)].map((m) => m[1])

describe('segmented apt indexes', () => {
  it('after many publishes, gzip and xz (one stream) decompress to Packages, as the manifest lists', async () => {
    for (let batch = 0; batch < 12; batch++) {
      await publish({ added: [0, 1, 2].map((i) => pkg(`p${batch}-${i}`, '1.0.0')) })
    }
    const packages = await fs.readFile(path.join(dir(), 'Packages'))
    expect(names(packages.toString())).toHaveLength(36)
    const gz = path.join(dir(), 'Packages.gz')
    const xzFile = path.join(dir(), 'Packages.xz')
    expect(execFileSync('gzip', ['-dc', gz])).toEqual(packages)
    expect(execFileSync('xz', ['-dc', xzFile])).toEqual(packages)
    const totals = execFileSync('xz', ['--robot', '--list', xzFile])
      .toString()
      .split('\n')
      .find((l) => l.startsWith('totals'))!
      .split('\t')
    const m = await manifest()
    expect(totals[1]).toBe('1') // one stream: apt reads no further
    expect(Number(totals[2])).toBe(m.segments.length)
    expect(m.segments.length).toBeGreaterThan(1)
    expect(m.segments.length).toBeLessThan(12) // the newest segments merged as they grew
    expect(m.segments.flatMap((s) => s.entries.map((e) => e.name))).toEqual(
      names(packages.toString())
    )
    expect(m.packagesSha256).toBe(createHash('sha256').update(packages).digest('hex'))
    await expectReleaseTrue()
  })

  it('removing a package drops it from its segment; the other segments keep their entries and bytes', async () => {
    const before = await manifest()
    const gzBefore = await fs.readFile(path.join(dir(), 'Packages.gz'))
    const victim = before.segments[0].entries[0]
    const commit = await publish({
      added: [],
      remove: (name) => name === victim.name
    })
    expect(commit.removedFiles).toEqual([victim.filename])
    const after = await manifest()
    expect(after.segments.flatMap((s) => s.entries.map((e) => e.name))).not.toContain(victim.name)
    // The same segments, but their digest states follow the first one's new length.
    const identity = (m: typeof before) => m.segments.map(({ states: _, ...rest }) => rest)
    expect(identity(after).slice(1)).toEqual(identity(before).slice(1))
    expect(after.segments[0].entries).toEqual(before.segments[0].entries.slice(1))
    // Every segment but the first is byte for byte where it was, shifted by the first's change.
    const gzAfter = await fs.readFile(path.join(dir(), 'Packages.gz'))
    const tail = (gz: Buffer, m: typeof before) => gz.subarray(m.segments[0].lengths[1])
    expect(tail(gzAfter, after)).toEqual(tail(gzBefore, before))
    expect(execFileSync('gzip', ['-dc', path.join(dir(), 'Packages.gz')]).toString()).not.toMatch(
      new RegExp(`^Package: ${victim.name}$`, 'm')
    )
    // The first segment changed, so no saved digest state applied: hashed from the first byte.
    await expectReleaseTrue()
    await publish({ added: [pkg('after-removal', '1.0.0')] })
    await expectReleaseTrue()
  })

  /** Replaces the amd64 manifest with `edit` of it, as the (unsigned) InRelease lists it. */
  async function editManifest(edit: (json: Record<string, unknown>) => unknown): Promise<void> {
    const inRelease = path.join(root, prefix, 'dists/stable/InRelease')
    const release = releaseText(await fs.readFile(inRelease, 'utf8'))
    const listed = releaseFiles(release, 'InRelease').get(`main/binary-amd64/${MANIFEST_FILE}`)!
    const text = await fs.readFile(path.join(dir(), 'by-hash/SHA256', listed.sha256), 'utf8')
    const edited = Buffer.from(JSON.stringify(edit(JSON.parse(text))))
    const sha = createHash('sha256').update(edited).digest('hex')
    await fs.writeFile(path.join(dir(), 'by-hash/SHA256', sha), edited)
    await fs.writeFile(inRelease, release.replace(listed.sha256, sha))
  }

  it('digest states that cannot be resumed are not trusted: the files are hashed whole', async () => {
    // Every state claims one byte more than it covers: the check in the state refuses it.
    await editManifest((json) => {
      for (const seg of json.segments as Array<{ states: Array<{ size: number }> }>)
        for (const st of seg.states) st.size += 1
      return json
    })
    await publish({ added: [pkg('after-bad-states', '1.0.0')] })
    await expectReleaseTrue()
    expect((await manifest()).segments.every((s) => s.states?.length === 3)).toBe(true)
  })

  it('a small index is hashed whole and saves no digest states; a larger one saves them again', async () => {
    digestStates.fromBytes = smallIndex
    try {
      await publish({ added: [pkg('small-1', '1.0.0')] })
      await expectReleaseTrue()
      expect((await manifest()).segments.some((s) => s.states)).toBe(false)
      await publish({ added: [pkg('small-2', '1.0.0')] })
      await expectReleaseTrue()
    } finally {
      digestStates.fromBytes = 0
    }
    await publish({ added: [pkg('large-again', '1.0.0')] })
    await expectReleaseTrue()
    expect((await manifest()).segments.every((s) => s.states?.length === 3)).toBe(true)
  })

  it('a manifest of the first layout (entries inline) is read, and the next publish rewrites it', async () => {
    const before = await manifest()
    await editManifest((json) => ({
      format: 'falco-publish apt segments 1',
      packagesSha256: json.packagesSha256,
      files: json.files,
      segments: before.segments.map((s) => ({
        lengths: s.lengths,
        entries: s.entries.map((e) => [e.name, e.version, e.architecture, e.filename, e.sha256])
      }))
    }))
    await publish({ added: [pkg('after-first-layout', '1.0.0')] })
    await expectReleaseTrue()
    const after = await manifest()
    expect(after.segments.flatMap((s) => s.entries.map((e) => e.name))).toEqual([
      ...before.segments.flatMap((s) => s.entries.map((e) => e.name)),
      'after-first-layout'
    ])
    expect(after.segments.every((s) => s.entriesSha256 !== '' && s.filter !== '')).toBe(true)
  })

  it('a manifest whose bytes differ from its sha256 in the Release is refused, and nothing is written', async () => {
    const inRelease = path.join(root, prefix, 'dists/stable/InRelease')
    const signed = await fs.readFile(inRelease, 'utf8')
    const listed = releaseFiles(releaseText(signed), 'InRelease').get(
      `main/binary-amd64/${MANIFEST_FILE}`
    )!
    const file = path.join(dir(), 'by-hash/SHA256', listed.sha256)
    const good = await fs.readFile(file)
    // Still a manifest this version reads, one byte longer: only its digest tells.
    await fs.writeFile(file, Buffer.concat([good, Buffer.from('\n')]))
    try {
      await expect(publish({ added: [pkg('after-bad-manifest', '1.0.0')] })).rejects.toThrow(
        `main/binary-amd64/${MANIFEST_FILE}: content does not match its sha256 in the Release`
      )
      expect(await fs.readFile(inRelease, 'utf8')).toBe(signed)
    } finally {
      await fs.writeFile(file, good)
    }
  })

  it('an index rewritten by another tool is read from Packages, not from a stale manifest', async () => {
    const inRelease = path.join(root, prefix, 'dists/stable/InRelease')
    const release = releaseText(await fs.readFile(inRelease, 'utf8'))
    const packages = await fs.readFile(path.join(dir(), 'Packages'), 'utf8')
    const edited = Buffer.from(
      packages +
        'Package: intruder\nVersion: 9\nArchitecture: amd64\nFilename: stable/intruder.deb\n\n'
    )
    const oldSha = releaseFiles(release, 'InRelease').get('main/binary-amd64/Packages')!.sha256
    const newSha = createHash('sha256').update(edited).digest('hex')
    await fs.writeFile(path.join(dir(), 'by-hash/SHA256', newSha), edited)
    // An unsigned InRelease is enough: reading a snapshot does not check signatures (apt does).
    await fs.writeFile(inRelease, release.replace(oldSha, newSha))
    const snapshot = await readAptSnapshot(store, prefix)
    const amd64 = snapshot.indexes.get('amd64')!
    expect(amd64.segmented).toBe(false)
    expect(amd64.segments.flatMap((s) => s.entries!).map((e) => e.name)).toContain('intruder')
  })
})
