import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { packagesStage } from '../src/stages/packages.js'
import { FileStore } from '../src/store/file.js'
import { buildDeb, buildRpm } from './support/build-packages.js'
import { DnfClient } from './support/dnf-client.js'
import { serveDirectory } from './support/http-serve.js'
import { generateTestKey, writePublicKey, type TestKey } from './support/keys.js'
import { mustRun, requireTools } from './support/run.js'
import { context } from './support/stage-context.js'

/**
 * dnf repositories written by createrepo_c in its other shapes: xz, zstd or bzip2 XML, with the
 * sqlite databases, packages in sub-folders. One publish adopts each in place, and dnf lists the
 * old packages beside the new one. A repository that cannot be read is refused on its own: the
 * other repositories of the run still publish.
 */
requireTools({
  rpmbuild: 'rpm',
  createrepo_c: 'createrepo-c',
  dnf: 'dnf dnf-plugins-core',
  zstd: 'zstd'
})

let tmp: string
let key: TestKey
let keyFile: string
let server: Awaited<ReturnType<typeof serveDirectory>>
let oldRpms: string[]

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'rpm-import-'))
  key = await generateTestKey('rsa')
  keyFile = await writePublicKey(tmp, key)
  const built = path.join(tmp, 'built')
  await fs.mkdir(built)
  oldRpms = [
    await buildRpm(built, { name: 'old-tool', version: '1.0.0', arch: 'x86_64' }),
    await buildRpm(built, { name: 'old-doc', version: '2.0.0', arch: 'noarch' })
  ]
  await fs.mkdir(path.join(tmp, 'public'))
  server = await serveDirectory(path.join(tmp, 'public'))
}, 120000)

afterAll(async () => {
  await server?.close()
  await fs.rm(tmp, { recursive: true, force: true })
})

/** A repository createrepo_c writes with `args`, the old packages in `Packages/<letter>/`. */
async function foreignRepository(name: string, args: string[]): Promise<string> {
  const repo = path.join(tmp, 'public', name, 'packages/rpm')
  for (const rpm of oldRpms) {
    const dir = path.join(repo, 'Packages', path.basename(rpm)[0])
    await fs.mkdir(dir, { recursive: true })
    await fs.copyFile(rpm, path.join(dir, path.basename(rpm)))
  }
  await mustRun('createrepo_c', [...args.filter((a) => a !== 'zstd'), '.'], { cwd: repo })
  if (args.includes('zstd')) await recompressZstd(repo)
  return repo
}

/** Rewrites primary/filelists/other as .xml.zst (with the zstd tool) and repomd.xml to match. */
async function recompressZstd(repo: string): Promise<void> {
  const repomdFile = path.join(repo, 'repodata/repomd.xml')
  let repomd = await fs.readFile(repomdFile, 'utf8')
  for (const type of ['primary', 'filelists', 'other']) {
    const entry = new RegExp(`<data type="${type}">[\\s\\S]*?</data>`).exec(repomd)![0]
    const href = /href="([^"]+)"/.exec(entry)![1]
    const xml = path.join(repo, href.replace(/\.gz$/, ''))
    await mustRun('gzip', ['-d', path.join(repo, href)])
    await mustRun('zstd', ['-q', '--rm', xml])
    const body = await fs.readFile(`${xml}.zst`)
    const sha = createHash('sha256').update(body).digest('hex')
    const rel = `repodata/${sha}-${type}.xml.zst`
    await fs.rename(`${xml}.zst`, path.join(repo, rel))
    const updated = entry
      .replace(/<checksum type="sha256">[0-9a-f]+</, `<checksum type="sha256">${sha}<`)
      .replace(/href="[^"]+"/, `href="${rel}"`)
      .replace(/<size>\d+</, `<size>${body.length}<`)
    repomd = repomd.replace(entry, updated)
  }
  await fs.writeFile(repomdFile, repomd)
}

async function publishInto(name: string, packages: string) {
  const ws = path.join(tmp, `ws-${name}`)
  const out = path.join(ws, 'out')
  await fs.mkdir(out, { recursive: true })
  await buildRpm(out, { name: 'new-tool', version: '3.0.0', arch: 'x86_64' })
  await buildDeb(out, { name: 'new-tool', version: '3.0.0', arch: 'amd64' })
  const store = new FileStore(path.join(tmp, 'public', name), {
    baseUrl: `${server.url}/${name}`
  })
  const ctx = context({
    store,
    workspace: ws,
    workdir: path.join(tmp, 'work'),
    channel: 'stable',
    inputs: { packages, 'gpg-private-key': key.armoredPrivate }
  })
  return { ctx, plan: await packagesStage.plan(ctx) }
}

describe('adopting createrepo_c repodata of every shape', () => {
  it.each([
    ['xz with sqlite', ['--database', '--general-compress-type=xz']],
    // createrepo_c 1.x writes zstd by default; the 0.17 here cannot, so its gzip is recompressed.
    ['zstd', ['--no-database', 'zstd']],
    ['bzip2 with sqlite', ['--database', '--general-compress-type=bz2']]
  ])(
    '%s: the old packages stay where they are, beside the new one',
    async (name, args) => {
      const slug = name.replace(/\W+/g, '-')
      const repo = await foreignRepository(slug, args)
      const before = await fs.readFile(path.join(repo, 'Packages/o', path.basename(oldRpms[0])))
      const { ctx, plan } = await publishInto(slug, 'out/*.rpm')
      const ext = { 'xz with sqlite': 'xz', zstd: 'zst', 'bzip2 with sqlite': 'bz2' }[name]
      expect(plan.operations.map((o) => o.reason)).toContain(
        `adopting packages/rpm: 2 packages from createrepo_c repodata (primary.xml.${ext})`
      )
      await packagesStage.apply(plan, ctx)
      expect(
        (await fs.readFile(path.join(repo, 'Packages/o', path.basename(oldRpms[0])))).equals(before)
      ).toBe(true)
      const dnf = await DnfClient.create(
        path.join(tmp, `dnf-${slug}`),
        `${server.url}/${slug}/packages/rpm`,
        keyFile
      )
      // The old packages were never signed: the repository's metadata is, and dnf checks it.
      await fs.writeFile(
        path.join(dnf.dir, 'repos/test.repo'),
        (await fs.readFile(path.join(dnf.dir, 'repos/test.repo'), 'utf8')).replace(
          'gpgcheck=1\nrepo_gpgcheck=1',
          'gpgcheck=0\nrepo_gpgcheck=1'
        )
      )
      const list = await dnf.list()
      expect({ code: list.code, err: list.code ? list.stderr : '' }).toEqual({ code: 0, err: '' })
      const listed = [...list.stdout.matchAll(/^(\S+)\.(x86_64|noarch)\s+(\S+)/gm)].map(
        (m) => `${m[1]}-${m[3]}`
      )
      expect(listed.sort()).toEqual(['new-tool-3.0.0-1', 'old-doc-2.0.0-1', 'old-tool-1.0.0-1'])
      const r = await dnf.download('old-tool')
      expect({ code: r.code, files: r.files }).toEqual({
        code: 0,
        files: [path.basename(oldRpms[0])]
      })
    },
    60000
  )

  it('a repository whose repodata cannot be read is refused alone: the .deb still publishes', async () => {
    const repo = await foreignRepository('damaged', ['--no-database'])
    const repomd = await fs.readFile(path.join(repo, 'repodata/repomd.xml'), 'utf8')
    const primary = /href="(repodata\/[^"]+-primary\.xml\.gz)"/.exec(repomd)![1]
    await fs.rm(path.join(repo, primary))
    const { ctx, plan } = await publishInto('damaged', 'out/*.rpm\nout/*.deb')
    expect(plan.operations).toContainEqual(
      expect.objectContaining({
        action: 'skip',
        target: 'packages/rpm/',
        reason: expect.stringMatching(
          /^refused: .*primary\.xml\.gz: listed in repomd\.xml but missing/
        )
      })
    )
    await expect(packagesStage.apply(plan, ctx)).rejects.toThrow(
      /published the other repositories; refused packages\/rpm: .*primary\.xml\.gz/
    )
    const published = path.join(tmp, 'public/damaged/packages/deb/stable/new-tool-3.0.0-x86_64.deb')
    expect((await fs.stat(published)).isFile()).toBe(true)
    expect(await fs.readFile(path.join(repo, 'repodata/repomd.xml'), 'utf8')).toBe(repomd)
  }, 60000)
})
