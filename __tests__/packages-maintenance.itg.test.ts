import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { gzipSync } from 'node:zlib'
import { packagesStage } from '../src/stages/packages.js'
import { removePackages, resignRepositories } from '../src/stages/packages/maintenance.js'
import { AptClient } from './support/apt-client.js'
import { buildDeb, buildRpm } from './support/build-packages.js'
import { DnfClient } from './support/dnf-client.js'
import { FileStore } from '../src/store/file.js'
import { serveDirectory } from './support/http-serve.js'
import { generateTestKey, writePublicKey, type TestKey } from './support/keys.js'
import { mustRun, requireTools, run } from './support/run.js'
import { context, RecordingLogger } from './support/stage-context.js'
import { tarGz } from './support/tarball.js'

/** Stable immutability, re-publishing, `remove` and `re-sign` (key rotation) against the real clients. */
requireTools({
  'dpkg-deb': 'dpkg',
  'apt-get': 'apt',
  rpmbuild: 'rpm',
  dnf: 'dnf dnf-plugins-core',
  gpg: 'gnupg'
})

let tmp: string
let ws: string
let keyA: TestKey
let keyB: TestKey
let server: Awaited<ReturnType<typeof serveDirectory>>
let store: FileStore

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pkg-maint-'))
  ws = path.join(tmp, 'ws')
  await fs.mkdir(ws, { recursive: true })
  keyA = await generateTestKey('rsa')
  keyB = await generateTestKey('ecc', 'correct horse')
  server = await serveDirectory(path.join(tmp, 'public'))
  store = new FileStore(path.join(tmp, 'public'), { baseUrl: server.url })
  for (const v of ['1.0.0', '1.1.0']) {
    await buildDeb(ws, { name: 'falco-test', version: v, arch: 'amd64' })
    await buildRpm(ws, { name: 'falco-test', version: v, arch: 'x86_64' })
    await fs.writeFile(path.join(ws, `falco-${v}-x86_64.tar.gz`), tarGz(`tarball ${v}`))
  }
}, 120000)

afterAll(async () => {
  await server?.close()
  await fs.rm(tmp, { recursive: true, force: true })
})

const stableCtx = (extra: Record<string, string> = {}) =>
  context({
    store,
    workspace: ws,
    workdir: path.join(tmp, 'work'),
    channel: 'stable',
    inputs: { packages: '*.deb\n*.rpm\n*.tar.gz', 'gpg-private-key': keyA.armoredPrivate, ...extra }
  })

async function aptSees(
  keyFile: string
): Promise<{ code: number; versions: string[]; out: string }> {
  const apt = await AptClient.create(
    await fs.mkdtemp(path.join(tmp, 'apt-')),
    `deb [signed-by=${keyFile}] ${server.url}/packages/deb stable main`
  )
  const r = await apt.update()
  const versions = (await apt.policy('falco-test'))
    .split('\n')
    .map((l) => l.split('|')[1]?.trim())
    .filter((v): v is string => !!v)
    .sort()
  return { code: r.code, versions, out: r.stdout + r.stderr }
}

describe('a repository made by apt-ftparchive (Release and Packages.gz only)', () => {
  it('is merged into, keeping the packages it already had', async () => {
    const root = path.join(tmp, 'legacy')
    const repo = path.join(root, 'packages/deb')
    await fs.mkdir(path.join(repo, 'stable'), { recursive: true })
    await fs.mkdir(path.join(repo, 'dists/stable/main/binary-amd64'), { recursive: true })
    await buildDeb(path.join(repo, 'stable'), { name: 'legacy', version: '0.1.0', arch: 'amd64' })
    const packages = await mustRun('apt-ftparchive', ['packages', 'stable'], { cwd: repo })
    await fs.writeFile(
      path.join(repo, 'dists/stable/main/binary-amd64/Packages.gz'),
      gzipSync(packages)
    )
    const release = await mustRun(
      'apt-ftparchive',
      ['release', '-o', 'APT::FTPArchive::Release::Suite=stable', 'dists/stable'],
      { cwd: repo }
    )
    await fs.writeFile(path.join(repo, 'dists/stable/Release'), release)
    const legacyStore = new FileStore(root)
    const other = path.join(tmp, 'legacy-ws')
    await fs.mkdir(other, { recursive: true })
    await buildDeb(other, { name: 'falco-test', version: '3.0.0', arch: 'amd64' })
    const ctx = context({
      store: legacyStore,
      workspace: other,
      workdir: path.join(tmp, 'work'),
      channel: 'stable',
      inputs: { packages: '*.deb', 'gpg-private-key': keyA.armoredPrivate }
    })
    await packagesStage.apply(await packagesStage.plan(ctx), ctx)
    const index = await fs.readFile(
      path.join(repo, 'dists/stable/main/binary-amd64/Packages'),
      'utf8'
    )
    // The packages it had first, then the one added.
    expect([...index.matchAll(/^Package: (.+)$/gm)].map((m) => m[1])).toEqual([
      'legacy',
      'falco-test'
    ])
    expect(index).toContain('Filename: stable/legacy-0.1.0-x86_64.deb')
  })
})

describe('stable publishing, remove and re-sign', () => {
  it('publishes, then re-publishing the same files is a no-op', async () => {
    const ctx = stableCtx()
    await packagesStage.apply(await packagesStage.plan(ctx), ctx)
    const again = await packagesStage.plan(stableCtx())
    expect(again.operations.length).toBe(6)
    expect(again.operations.every((o) => o.action === 'skip')).toBe(true)
    const before = await fs.stat(path.join(tmp, 'public/packages/deb/dists/stable/InRelease'))
    const ctx2 = stableCtx()
    const result = await packagesStage.apply(again, ctx2)
    expect(result.published).toEqual([])
    expect(
      (await fs.stat(path.join(tmp, 'public/packages/deb/dists/stable/InRelease'))).mtimeMs
    ).toBe(before.mtimeMs)
  })

  it('refuses different bytes under a published stable name unless overwrite is true, before writing anything', async () => {
    const other = path.join(tmp, 'other')
    await fs.mkdir(other, { recursive: true })
    await buildDeb(other, {
      name: 'falco-test',
      version: '1.0.0',
      arch: 'amd64',
      compression: 'xz'
    })
    const ctx = context({
      store,
      workspace: other,
      workdir: path.join(tmp, 'work'),
      channel: 'stable',
      inputs: { packages: '*.deb', 'gpg-private-key': keyA.armoredPrivate }
    })
    await expect(packagesStage.plan(ctx)).rejects.toThrow(
      /refusing to replace .*packages\/deb\/stable\/falco-test-1\.0\.0-x86_64\.deb.*overwrite: true/
    )
    const ok = context({
      store,
      workspace: other,
      workdir: path.join(tmp, 'work'),
      channel: 'stable',
      inputs: { packages: '*.deb', 'gpg-private-key': keyA.armoredPrivate, overwrite: 'true' }
    })
    const plan = await packagesStage.plan(ok)
    expect(plan.operations.map((o) => `${o.action} ${o.target}`)).toEqual([
      'put packages/deb/stable/falco-test-1.0.0-x86_64.deb',
      'put packages/deb/dists/stable/'
    ])
  })

  it('remove unpublishes matching packages from apt, dnf and tarballs and regenerates the metadata', async () => {
    const log = new RecordingLogger()
    const r = await removePackages({
      store,
      channel: 'stable',
      patterns: ['falco-test=1.0.*', 'falco=1.0.0'],
      gpgPrivateKey: keyA.armoredPrivate,
      log
    })
    expect(r.removed.sort()).toEqual([
      'packages/bin/x86_64/falco-1.0.0-x86_64.tar.gz',
      'packages/deb/stable/falco-test-1.0.0-x86_64.deb',
      'packages/rpm/falco-test-1.0.0-1.x86_64.rpm'
    ])
    const keyFile = await writePublicKey(tmp, keyA, 'a.asc')
    const apt = await aptSees(keyFile)
    expect(apt.code).toBe(0)
    expect(apt.versions).toEqual(['1.1.0'])
    const dnf = await DnfClient.create(
      await fs.mkdtemp(path.join(tmp, 'dnf-')),
      `${server.url}/packages/rpm`,
      keyFile
    )
    const list = await dnf.list()
    expect(list.code).toBe(0)
    expect([...list.stdout.matchAll(/^falco-test\.x86_64\s+(\S+)/gm)].map((m) => m[1])).toEqual([
      '1.1.0-1'
    ])
    await expect(
      fs.stat(path.join(tmp, 'public/packages/deb/stable/falco-test-1.0.0-x86_64.deb'))
    ).rejects.toThrow(/ENOENT/)
  })

  it('re-sign with old and new keys: clients trusting only the new key accept the repositories', async () => {
    const log = new RecordingLogger()
    const r = await resignRepositories({
      store,
      channel: 'stable',
      gpgPrivateKey: keyA.armoredPrivate + '\n' + keyB.armoredPrivate,
      gpgPassphrase: 'correct horse',
      log
    })
    // Signatures and indexes only: no package was uploaded again.
    expect(r.published.filter((p) => /\.(deb|rpm|tar\.gz)$/.test(p.path))).toEqual([])
    expect(log.lines.join('\n')).not.toContain('correct horse')
    const onlyB = await writePublicKey(tmp, keyB, 'b.asc')
    const apt = await aptSees(onlyB)
    expect({ code: apt.code, out: apt.code ? apt.out : '' }).toEqual({ code: 0, out: '' })
    expect(apt.versions).toEqual(['1.1.0'])
    const dnf = await DnfClient.create(
      await fs.mkdtemp(path.join(tmp, 'dnf-')),
      `${server.url}/packages/rpm`,
      onlyB
    )
    const cache = await dnf.makecache()
    expect({ code: cache.code, out: cache.code ? cache.stdout + cache.stderr : '' }).toEqual({
      code: 0,
      out: ''
    })
    const home = path.join(tmp, 'gnupg-b')
    await fs.mkdir(home, { recursive: true, mode: 0o700 })
    await mustRun('gpg', ['--homedir', home, '--batch', '--import', onlyB])
    for (const f of [
      'deb/stable/falco-test-1.1.0-x86_64.deb',
      'rpm/falco-test-1.1.0-1.x86_64.rpm',
      'bin/x86_64/SHA256SUMS',
      'rpm/repodata/repomd.xml'
    ]) {
      const file = path.join(tmp, 'public/packages', f)
      // gpg exits 2 when any signature's key is unknown (key A here); the new key's must be good.
      const v = await run('gpg', [
        '--homedir',
        home,
        '--batch',
        '--status-fd',
        '1',
        '--verify',
        `${file}.asc`,
        file
      ])
      expect({
        f,
        good: v.stdout.includes(`[GNUPG:] GOODSIG ${keyB.fingerprint.slice(-16)}`)
      }).toEqual({ f, good: true })
      expect(v.stdout).not.toMatch(/BADSIG/)
    }
    // The published key file carries both keys.
    const published = await fs.readFile(
      path.join(tmp, 'public/packages/repository-key.asc'),
      'utf8'
    )
    expect(published.match(/BEGIN PGP PUBLIC KEY BLOCK/g)).toHaveLength(2)
  })
})
