import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { parseRpm } from '../src/repo/rpm/parse.js'
import { XML_FILES } from '../src/repo/rpm/repodata.js'
import { loadSigningKeys, type SigningKeys } from '../src/sign/openpgp.js'
import { commitDnf } from '../src/stages/packages/dnf.js'
import type { DnfChange } from '../src/stages/packages/dnf-merge.js'
import { readDnfSnapshot } from '../src/stages/packages/dnf-snapshot.js'
import { Uploader } from '../src/stages/packages/store-io.js'
import { FileStore } from '../src/store/file.js'
import { buildRpm } from './support/build-packages.js'
import { generateTestKey } from './support/keys.js'
import { requireTools } from './support/run.js'
import { RecordingLogger } from './support/stage-context.js'

/** The repodata's digests after publishes that add, replace and remove packages. */
requireTools({ rpmbuild: 'rpm' })

let tmp: string
let keys: SigningKeys
let store: FileStore
let root: string
const prefix = 'packages/rpm-dev'
const rpms = new Map<string, string>()

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'dnf-segments-'))
  keys = await loadSigningKeys((await generateTestKey('ecc')).armoredPrivate)
  root = path.join(tmp, 'public')
  store = new FileStore(root)
  for (const [name, version] of [
    ['alpha', '1.0'],
    ['alpha', '1.1'],
    ['beta', '1.0'],
    ['gamma', '1.0'],
    ['delta', '1.0']
  ]) {
    const dir = path.join(tmp, `${name}-${version}`)
    await fs.mkdir(dir)
    rpms.set(`${name}-${version}`, await buildRpm(dir, { name, version, arch: 'noarch' }))
  }
}, 120000)

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true })
})

/** How many publishes read the old XML files whole (see `publish`). */
let bodiesRead = 0

/** Publishes as the packages stage does, counting whether the old XML files were read. */
async function publish(added: string[], change: Omit<DnfChange, 'added'> = {}) {
  const snapshot = await readDnfSnapshot(store, prefix)
  const layout = snapshot.layout
  if (layout) {
    const bodies = layout.bodies
    let counted = false
    layout.bodies = () => {
      if (!counted) bodiesRead++
      counted = true
      return bodies()
    }
  }
  const log = new RecordingLogger()
  const pkgs = await Promise.all(
    added.map(async (id) => {
      const file = path.join(root, prefix, path.basename(rpms.get(id)!))
      await fs.mkdir(path.dirname(file), { recursive: true })
      await fs.copyFile(rpms.get(id)!, file)
      const pkg = await parseRpm(file)
      return { ...pkg, sourceSha256: pkg.digests.sha256 }
    })
  )
  return commitDnf(
    { added: pkgs, ...change },
    { store, prefix, keys, log, uploader: new Uploader(store, log), snapshot }
  )
}

/** Every file repomd.xml lists has the size and SHA-256 it says, compressed and open. */
async function expectRepomdTrue(): Promise<string[]> {
  const xml = await fs.readFile(path.join(root, prefix, 'repodata/repomd.xml'), 'utf8')
  const repomd = [...xml.matchAll(/<data type="([^"]+)">([\s\S]*?)<\/data>/g)].map(
    ([, type, d]) => {
      const tag = (t: string) => new RegExp(`<${t}[^>]*>([^<]+)</${t}>`).exec(d)![1]
      return {
        type,
        location: /<location href="([^"]+)"/.exec(d)![1],
        sha256: tag('checksum'),
        size: Number(tag('size')),
        openSha256: tag('open-checksum'),
        openSize: Number(tag('open-size'))
      }
    }
  )
  expect(repomd.map((d) => d.type)).toEqual([
    'primary',
    'filelists',
    'other',
    'falco-publish-segments'
  ])
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
  for (const d of repomd) {
    const bytes = await fs.readFile(path.join(root, prefix, d.location))
    const open = d.location.endsWith('.gz') ? gunzipSync(bytes) : bytes
    expect({ type: d.type, size: d.size, sha256: d.sha256 }).toEqual({
      type: d.type,
      size: bytes.length,
      sha256: sha(bytes)
    })
    expect({ type: d.type, size: d.openSize, sha256: d.openSha256 }).toEqual({
      type: d.type,
      size: open.length,
      sha256: sha(open)
    })
  }
  const primary = gunzipSync(
    await fs.readFile(path.join(root, prefix, repomd[0].location))
  ).toString()
  return [...primary.matchAll(/<name>([^<]+)<\/name>/g)].map((m) => m[1])
}

/** The `.xml.gz` of one type that repomd.xml lists. */
async function xmlGz(type: string): Promise<Buffer> {
  const repomd = await fs.readFile(path.join(root, prefix, 'repodata/repomd.xml'), 'utf8')
  const href = new RegExp(`<data type="${type}">[\\s\\S]*?<location href="([^"]+)"`).exec(
    repomd
  )![1]
  return fs.readFile(path.join(root, prefix, href))
}

/** Where repomd.xml lists the segment manifest. */
async function manifestHref(): Promise<string> {
  const repomd = await fs.readFile(path.join(root, prefix, 'repodata/repomd.xml'), 'utf8')
  return /<data type="falco-publish-segments">[\s\S]*?<location href="([^"]+)"/.exec(repomd)![1]
}

/**
 * Stores `body` as the segment manifest and points repomd.xml's `falco-publish-segments` entry
 * at it, with its digests and sizes; returns its location.
 */
async function relistManifest(body: Buffer): Promise<string> {
  const repomdFile = path.join(root, prefix, 'repodata/repomd.xml')
  const sha256 = createHash('sha256').update(body).digest('hex')
  const href = `repodata/${sha256}-segments.json`
  await fs.writeFile(path.join(root, prefix, href), body)
  const repomd = await fs.readFile(repomdFile, 'utf8')
  await fs.writeFile(
    repomdFile,
    repomd.replace(/<data type="falco-publish-segments">[\s\S]*?<\/data>/, (d) =>
      d
        .replace(/(<(?:open-)?checksum[^>]*>)[0-9a-f]+/g, `$1${sha256}`)
        .replace(/(<(?:open-)?size>)\d+/g, `$1${body.length}`)
        .replace(/<location href="[^"]+"/, `<location href="${href}"`)
    )
  )
  return href
}

describe('dnf repodata digests', () => {
  it('adding packages one by one extends the old files and resumes their digests; they match the files', async () => {
    await publish(['alpha-1.0', 'beta-1.0', 'gamma-1.0'])
    expect(await expectRepomdTrue()).toEqual(['alpha', 'beta', 'gamma'])
    const first = await xmlGz('primary')
    bodiesRead = 0
    // One package after three: a segment of its own (see planSegments), after the kept one.
    await publish(['delta-1.0'])
    expect(await expectRepomdTrue()).toEqual(['alpha', 'beta', 'gamma', 'delta'])
    // The publish did not read the old files: the file store copied their kept bytes itself,
    // and the digests resumed from the manifest's states (which the check above holds true).
    expect(bodiesRead).toBe(0)
    const now = await xmlGz('primary')
    const keptBytes = first.length - gzipSync(XML_FILES[0].close).length
    expect(now.subarray(0, keptBytes).equals(first.subarray(0, keptBytes))).toBe(true)
    const manifest = JSON.parse(
      await fs.readFile(path.join(root, prefix, await manifestHref()), 'utf8')
    )
    expect(manifest.format).toBe('falco-publish rpm segments 3')
    for (const segment of manifest.segments) expect(segment.states).toHaveLength(6)
    // Every file opens the same way whatever it holds: no package count.
    expect(gunzipSync(now).toString()).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<metadata xmlns="[^"]+" xmlns:rpm="[^"]+">\n<package /
    )
  })

  it('when a segment is rebuilt (a version beyond retention, a removal) the files are hashed again', async () => {
    // alpha 1.1 pushes alpha 1.0 out: one package added, one dropped, the count unchanged.
    await publish(['alpha-1.1'], { retention: 1 })
    expect((await expectRepomdTrue()).sort()).toEqual(['alpha', 'beta', 'delta', 'gamma'])
    await publish([], { remove: (name) => name === 'beta' })
    expect((await expectRepomdTrue()).sort()).toEqual(['alpha', 'delta', 'gamma'])
    // Re-publishing the same file replaces its record in place.
    await publish(['gamma-1.0'])
    expect((await expectRepomdTrue()).sort()).toEqual(['alpha', 'delta', 'gamma'])
  })

  it('a repository of the second layout (no digest states, a package count heading the XML) goes on, and is rewritten in the current one', async () => {
    const repomdFile = path.join(root, prefix, 'repodata/repomd.xml')
    const href = await manifestHref()
    const v3 = JSON.parse(await fs.readFile(path.join(root, prefix, href), 'utf8'))
    const count = v3.segments.reduce((n: number, s: { count: number }) => n + s.count, 0)
    // Each file as the second layout wrote it: its first member opens the XML with the count.
    let repomd = await fs.readFile(repomdFile, 'utf8')
    const heads: number[] = []
    for (const [i, f] of XML_FILES.entries()) {
      const counted = f.open.replace(/">\n$/, `" packages="${count}">\n`)
      const head = gzipSync(counted)
      heads.push(head.length)
      const old = await xmlGz(f.type)
      const body = Buffer.concat([head, old.subarray(v3.heads[i])])
      const open = gunzipSync(body)
      expect(open.toString()).toContain(`packages="${count}"`)
      const sha = createHash('sha256').update(body).digest('hex')
      const location = `repodata/${sha}-${f.type}.xml.gz`
      await fs.writeFile(path.join(root, prefix, location), body)
      repomd = repomd.replace(new RegExp(`<data type="${f.type}">[\\s\\S]*?</data>`), (d) =>
        d
          .replace(/(<checksum[^>]*>)[0-9a-f]+/, `$1${sha}`)
          .replace(
            /(<open-checksum[^>]*>)[0-9a-f]+/,
            `$1${createHash('sha256').update(open).digest('hex')}`
          )
          .replace(/(<size>)\d+/, `$1${body.length}`)
          .replace(/(<open-size>)\d+/, `$1${open.length}`)
          .replace(/<location href="[^"]+"/, `<location href="${location}"`)
      )
      if (i === 0) v3.primarySha256 = sha
    }
    await fs.writeFile(repomdFile, repomd)
    const v2 = {
      ...v3,
      format: 'falco-publish rpm segments 2',
      heads,
      segments: v3.segments.map(({ states: _, ...s }: { states: unknown }) => s)
    }
    await relistManifest(Buffer.from(JSON.stringify(v2)))
    expect((await expectRepomdTrue()).sort()).toEqual(['alpha', 'delta', 'gamma'])
    bodiesRead = 0
    await publish(['beta-1.0'])
    expect((await expectRepomdTrue()).sort()).toEqual(['alpha', 'beta', 'delta', 'gamma'])
    // Written whole (the old files open with the count), from the old files' segments.
    expect(bodiesRead).toBe(1)
    expect(gunzipSync(await xmlGz('other')).toString()).not.toContain('packages=')
    const after = JSON.parse(
      await fs.readFile(path.join(root, prefix, await manifestHref()), 'utf8')
    )
    expect(after.format).toBe('falco-publish rpm segments 3')
    for (const segment of after.segments) expect(segment.states).toHaveLength(6)
  })

  it('a manifest of the first layout (entries inline) is read, and the next publish rewrites it', async () => {
    const repomdFile = path.join(root, prefix, 'repodata/repomd.xml')
    const href = await manifestHref()
    const v2 = JSON.parse(await fs.readFile(path.join(root, prefix, href), 'utf8'))
    const segments = await Promise.all(
      v2.segments.map(async (s: { lengths: number[]; entries: string }) => ({
        lengths: s.lengths,
        entries: JSON.parse(
          await fs.readFile(
            path.join(root, prefix, 'repodata/falco-publish-segments', `${s.entries}.json`),
            'utf8'
          )
        ).entries
      }))
    )
    const v1 = JSON.stringify({
      format: 'falco-publish rpm segments 1',
      primarySha256: v2.primarySha256,
      heads: v2.heads,
      segments
    })
    const v1Href = await relistManifest(Buffer.from(v1))
    await publish(['beta-1.0'])
    expect((await expectRepomdTrue()).sort()).toEqual(['alpha', 'beta', 'delta', 'gamma'])
    const after = await fs.readFile(repomdFile, 'utf8')
    expect(after).not.toContain(v1Href)
  })

  it('a manifest whose bytes differ from its repomd.xml checksum is refused, and nothing is written', async () => {
    const repomdFile = path.join(root, prefix, 'repodata/repomd.xml')
    const repomd = await fs.readFile(repomdFile, 'utf8')
    const href = await manifestHref()
    const manifest = path.join(root, prefix, href)
    const good = await fs.readFile(manifest)
    // Still a manifest this version reads, one byte longer: only its digest tells.
    await fs.writeFile(manifest, Buffer.concat([good, Buffer.from('\n')]))
    try {
      await expect(publish(['alpha-1.1'])).rejects.toThrow(
        `${href}: content does not match its sha256 in repomd.xml`
      )
      expect(await fs.readFile(repomdFile, 'utf8')).toBe(repomd)
    } finally {
      await fs.writeFile(manifest, good)
    }
  })
})
