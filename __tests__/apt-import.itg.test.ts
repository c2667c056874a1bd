import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { packagesStage } from '../src/stages/packages.js'
import { FileStore } from '../src/store/file.js'
import { buildDeb } from './support/build-packages.js'
import { generateTestKey } from './support/keys.js'
import { mustRun, requireTools } from './support/run.js'
import { context } from './support/stage-context.js'

/**
 * An apt repository another tool wrote with compressed indexes only (Packages.xz for amd64,
 * Packages.bz2 for arm64, as apt-ftparchive and reprepro can): one publish keeps every package
 * it listed, and the Release's own fields.
 */
requireTools({ 'apt-ftparchive': 'apt-utils', 'dpkg-deb': 'dpkg', xz: 'xz-utils', bzip2: 'bzip2' })

let tmp: string

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'apt-import-'))
})

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true })
})

describe('adopting an apt repository with compressed indexes only', () => {
  it('reads Packages.xz and Packages.bz2, keeps their packages and the Release fields', async () => {
    const repo = path.join(tmp, 'public/packages/deb')
    await fs.mkdir(path.join(repo, 'stable'), { recursive: true })
    for (const [arch, compress] of [
      ['amd64', 'xz'],
      ['arm64', 'bzip2']
    ] as const) {
      await buildDeb(path.join(repo, 'stable'), { name: 'old-tool', version: '1.0.0', arch })
      const dir = path.join(repo, `dists/stable/main/binary-${arch}`)
      await fs.mkdir(dir, { recursive: true })
      const falcoArch = arch === 'amd64' ? 'x86_64' : 'aarch64'
      const packages = await mustRun(
        'apt-ftparchive',
        ['packages', `stable/old-tool-1.0.0-${falcoArch}.deb`],
        { cwd: repo }
      )
      await fs.writeFile(path.join(dir, 'Packages'), packages)
      await mustRun(compress, ['-z', path.join(dir, 'Packages')])
    }
    const release = await mustRun(
      'apt-ftparchive',
      [
        'release',
        '-o',
        'APT::FTPArchive::Release::Origin=Example',
        '-o',
        'APT::FTPArchive::Release::Label=Example Tools',
        '-o',
        'APT::FTPArchive::Release::Suite=stable',
        '-o',
        'APT::FTPArchive::Release::Description=Tools by Example',
        'dists/stable'
      ],
      { cwd: repo }
    )
    await fs.writeFile(path.join(repo, 'dists/stable/Release'), release)

    const ws = path.join(tmp, 'ws')
    await buildDeb(path.join(ws, 'out'), { name: 'new-tool', version: '2.0.0', arch: 'amd64' })
    await buildDeb(path.join(ws, 'out'), { name: 'new-tool', version: '2.0.0', arch: 'arm64' })
    const key = await generateTestKey('ecc')
    const ctx = context({
      store: new FileStore(path.join(tmp, 'public')),
      workspace: ws,
      workdir: path.join(tmp, 'work'),
      channel: 'stable',
      inputs: { packages: 'out/*.deb', 'gpg-private-key': key.armoredPrivate }
    })
    const plan = await packagesStage.plan(ctx)
    expect(plan.operations.map((o) => o.reason)).toContain(
      'adopting packages/deb: 2 packages from the Packages indexes of a Release written by another tool (Origin: Example)'
    )
    await packagesStage.apply(plan, ctx)
    for (const arch of ['amd64', 'arm64']) {
      const index = await fs.readFile(
        path.join(repo, `dists/stable/main/binary-${arch}/Packages`),
        'utf8'
      )
      expect([...index.matchAll(/^Package: (.+)$/gm)].map((m) => m[1]).sort()).toEqual([
        'new-tool',
        'old-tool'
      ])
    }
    const ours = await fs.readFile(path.join(repo, 'dists/stable/Release'), 'utf8')
    expect(ours).toMatch(
      /^Origin: Example\nLabel: Example Tools\nSuite: stable\nCodename: stable\nDescription: Tools by Example\n/
    )
    // The Release listed a Packages.xz (amd64): the repository keeps xz, for every index.
    expect(ours).toMatch(/ main\/binary-arm64\/Packages\.xz$/m)
    // The stale .bz2 no Release lists any more is gone.
    await expect(
      fs.stat(path.join(repo, 'dists/stable/main/binary-arm64/Packages.bz2'))
    ).rejects.toThrow(/ENOENT/)
  }, 60000)
})
