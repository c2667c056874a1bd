import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { xz } from '../src/repo/compress.js'
import { packagesStage } from '../src/stages/packages.js'
import { buildDeb, buildRpm } from './support/build-packages.js'
import { AptClient } from './support/apt-client.js'
import { DnfClient } from './support/dnf-client.js'
import { FileStore } from '../src/store/file.js'
import { serveDirectory } from './support/http-serve.js'
import { generateTestKey, writePublicKey, type TestKey } from './support/keys.js'
import { mustRun, requireTools, run } from './support/run.js'
import { context } from './support/stage-context.js'
import { tarGz } from './support/tarball.js'

/**
 * Publishes real packages (dpkg-deb and rpmbuild builds, plus a Debian package fetched with
 * apt-get download) into a local store served over HTTP, then checks them with the real apt,
 * dnf, rpmkeys and gpg.
 */
requireTools({
  'dpkg-deb': 'dpkg',
  'apt-get': 'apt',
  rpmbuild: 'rpm',
  rpmkeys: 'rpm',
  dnf: 'dnf dnf-plugins-core',
  gpg: 'gnupg'
})

let tmp: string
let store: FileStore
let key: TestKey
let keyFile: string
let server: Awaited<ReturnType<typeof serveDirectory>>
const debs: string[] = []
const rpms: string[] = []
let realDeb: string

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pkg-itg-'))
  const ws = path.join(tmp, 'ws')
  await fs.mkdir(path.join(ws, 'out'), { recursive: true })
  key = await generateTestKey('rsa')
  keyFile = await writePublicKey(tmp, key)
  debs.push(
    await buildDeb(path.join(ws, 'out'), {
      name: 'falco-test',
      version: '1.0.0',
      arch: 'amd64',
      compression: 'gzip'
    })
  )
  debs.push(
    await buildDeb(path.join(ws, 'out'), {
      name: 'falco-test',
      version: '1.0.0',
      arch: 'arm64',
      compression: 'xz'
    })
  )
  debs.push(
    await buildDeb(path.join(ws, 'out'), {
      name: 'falco-zst',
      version: '2.1',
      arch: 'amd64',
      compression: 'zstd'
    })
  )
  debs.push(
    await buildDeb(path.join(ws, 'out'), {
      name: 'falco-doc',
      version: '1.0.0',
      arch: 'all',
      compression: 'xz'
    })
  )
  // A real Debian package nobody here built (xz members).
  await mustRun('apt-get', ['download', '-q', 'hello'], { cwd: path.join(ws, 'out') })
  realDeb = (await fs.readdir(path.join(ws, 'out'))).find((f) => f.startsWith('hello_'))!
  rpms.push(
    await buildRpm(path.join(ws, 'out'), { name: 'falco-test', version: '1.0.0', arch: 'x86_64' })
  )
  rpms.push(
    await buildRpm(path.join(ws, 'out'), { name: 'falco-noarch', version: '1.0.0', arch: 'noarch' })
  )
  await fs.writeFile(path.join(ws, 'out', 'falco-1.0.0-x86_64.tar.gz'), tarGz('a small tarball'))

  server = await serveDirectory(path.join(tmp, 'public'))
  store = new FileStore(path.join(tmp, 'public'), { baseUrl: server.url })
  const ctx = context({
    store,
    workspace: ws,
    workdir: path.join(tmp, 'work'),
    channel: 'stable',
    inputs: {
      packages: 'out/*.deb\nout/*.rpm\nout/*.tar.gz',
      'gpg-private-key': key.armoredPrivate
    }
  })
  const plan = await packagesStage.plan(ctx)
  await packagesStage.apply(plan, ctx)
}, 300000)

afterAll(async () => {
  await server?.close()
  await fs.rm(tmp, { recursive: true, force: true })
})

describe('apt against the published repository', () => {
  it('updates with signed-by the test key and downloads every package for amd64 and arm64', async () => {
    const apt = await AptClient.create(
      path.join(tmp, 'apt'),
      `deb [signed-by=${keyFile}] ${server.url}/packages/deb stable main`
    )
    const update = await apt.update()
    expect(update.stderr).not.toMatch(/^(W|E):/m)
    expect(update.code).toBe(0)
    for (const spec of [
      'falco-test:amd64=1.0.0',
      'falco-test:arm64=1.0.0',
      'falco-zst:amd64',
      'falco-doc',
      'hello:amd64'
    ]) {
      const r = await apt.download(spec)
      expect({ spec, code: r.code, output: r.code ? r.output : '' }).toEqual({
        spec,
        code: 0,
        output: ''
      })
    }
    // Architecture: all is listed in both binary-amd64 and binary-arm64.
    const lists = await fs.readdir(path.join(apt.dir, 'lists'))
    for (const arch of ['amd64', 'arm64']) {
      const list = lists.find((f) => f.endsWith(`binary-${arch}_Packages`))!
      expect(await fs.readFile(path.join(apt.dir, 'lists', list), 'utf8')).toMatch(
        /^Package: falco-doc$/m
      )
    }
    const files = (await fs.readdir(path.join(apt.dir, 'download'))).sort()
    expect(files).toEqual(
      expect.arrayContaining([
        realDeb,
        'falco-test_1.0.0_amd64.deb',
        'falco-test_1.0.0_arm64.deb',
        'falco-zst_2.1_amd64.deb',
        'falco-doc_1.0.0_all.deb'
      ])
    )
  })

  it('fails (exit 100) with a wrong key', async () => {
    const other = await generateTestKey('ecc')
    const wrong = await writePublicKey(tmp, other, 'wrong.asc')
    const apt = await AptClient.create(
      path.join(tmp, 'apt-wrong'),
      `deb [signed-by=${wrong}] ${server.url}/packages/deb stable main`
    )
    const r = await apt.update()
    expect(r.code).toBe(100)
    expect(r.stdout + r.stderr).toMatch(/NO_PUBKEY|not signed|signature/i)
  })

  it('fails (exit 100) when an index was tampered with', async () => {
    const copy = path.join(tmp, 'tampered')
    await fs.cp(path.join(tmp, 'public'), copy, { recursive: true })
    const dir = path.join(copy, 'packages/deb/dists/stable/main/binary-amd64')
    // Rewrite every copy of the amd64 index (plain and by-hash, each in its own compression) so
    // that whichever name apt fetches, the content no longer matches the signed Release.
    for (const f of await listFiles(dir)) {
      const bytes = await fs.readFile(f)
      const kind = bytes[0] === 0x1f ? 'gz' : bytes[0] === 0xfd ? 'xz' : 'plain'
      const text =
        kind === 'gz'
          ? gunzipSync(bytes).toString()
          : kind === 'xz'
            ? await mustRun('xz', ['-dc', f])
            : bytes.toString()
      const evil = text.replace(/Maintainer: Test/g, 'Maintainer: Mallory')
      await fs.writeFile(f, kind === 'gz' ? gzipSync(evil) : kind === 'xz' ? await xz(evil) : evil)
    }
    const tampered = await serveDirectory(copy)
    try {
      const apt = await AptClient.create(
        path.join(tmp, 'apt-tampered'),
        `deb [signed-by=${keyFile}] ${tampered.url}/packages/deb stable main`
      )
      const r = await apt.update()
      expect(r.code).toBe(100)
      expect(r.stdout + r.stderr).toMatch(
        /Hash Sum mismatch|File has unexpected size|Failed to fetch/i
      )
    } finally {
      await tampered.close()
    }
  })
})

describe('dnf against the published repository', () => {
  it('makecache, download and install every published rpm with gpgcheck and repo_gpgcheck', async () => {
    const dnf = await DnfClient.create(path.join(tmp, 'dnf'), `${server.url}/packages/rpm`, keyFile)
    const cache = await dnf.makecache()
    expect({ code: cache.code, out: cache.code ? cache.stdout + cache.stderr : '' }).toEqual({
      code: 0,
      out: ''
    })
    for (const name of ['falco-test', 'falco-noarch']) {
      const d = await dnf.download(name)
      expect({ name, code: d.code, out: d.code ? d.output : '' }).toEqual({
        name,
        code: 0,
        out: ''
      })
    }
    const files = (await fs.readdir(path.join(dnf.dir, 'download'))).sort()
    expect(files).toEqual(['falco-noarch-1.0.0-1.noarch.rpm', 'falco-test-1.0.0-1.x86_64.rpm'])
    const inst = await dnf.install('falco-test')
    expect({ code: inst.code, out: inst.code ? inst.stdout + inst.stderr : '' }).toEqual({
      code: 0,
      out: ''
    })
    const inst2 = await dnf.install('falco-noarch')
    expect(inst2.code).toBe(0)
    expect(await fs.readFile(path.join(dnf.dir, 'root/usr/share/falco-test/VERSION'), 'utf8')).toBe(
      '1.0.0\n'
    )
    expect(
      await fs.readFile(path.join(dnf.dir, 'root/usr/share/falco-noarch/VERSION'), 'utf8')
    ).toBe('1.0.0\n')
  })

  it('rpmkeys --checksig reports the header signatures OK with the key imported', async () => {
    const dbpath = path.join(tmp, 'rpmdb')
    await fs.mkdir(dbpath, { recursive: true })
    await mustRun('rpmkeys', ['--dbpath', dbpath, '--import', keyFile])
    for (const f of ['falco-test-1.0.0-1.x86_64.rpm', 'falco-noarch-1.0.0-1.noarch.rpm']) {
      const r = await run('rpmkeys', [
        '--dbpath',
        dbpath,
        '--checksig',
        '-v',
        path.join(tmp, 'public/packages/rpm', f)
      ])
      expect({ f, code: r.code }).toEqual({ f, code: 0 })
      expect(r.stdout).toMatch(/Header V4 RSA\/SHA256 Signature, key ID [0-9a-f]+: OK/)
      expect(r.stdout).not.toMatch(/NOKEY|BAD|NOTFOUND/)
    }
  })

  it('an EdDSA key signs RPM headers that rpmkeys accepts too', async () => {
    const ed = await generateTestKey('ecc')
    const edFile = await writePublicKey(tmp, ed, 'ed.asc')
    const edStore = new FileStore(path.join(tmp, 'public-ed'))
    const ctx = context({
      store: edStore,
      workspace: path.join(tmp, 'ws'),
      workdir: path.join(tmp, 'work-ed'),
      channel: 'dev',
      inputs: { packages: 'out/*.rpm', 'gpg-private-key': ed.armoredPrivate }
    })
    await packagesStage.apply(await packagesStage.plan(ctx), ctx)
    const dbpath = path.join(tmp, 'rpmdb-ed')
    await fs.mkdir(dbpath, { recursive: true })
    await mustRun('rpmkeys', ['--dbpath', dbpath, '--import', edFile])
    const r = await run('rpmkeys', [
      '--dbpath',
      dbpath,
      '--checksig',
      '-v',
      path.join(tmp, 'public-ed/packages/rpm-dev/falco-test-1.0.0-1.x86_64.rpm')
    ])
    expect({ code: r.code, out: r.stdout }).toEqual({
      code: 0,
      out: expect.stringMatching(/Header V4 EdDSA\/SHA(256|512) Signature, key ID [0-9a-f]+: OK/)
    })
  })

  it('a tampered repomd.xml fails', async () => {
    const copy = path.join(tmp, 'tampered-rpm')
    await fs.cp(path.join(tmp, 'public'), copy, { recursive: true })
    const repomd = path.join(copy, 'packages/rpm/repodata/repomd.xml')
    await fs.writeFile(
      repomd,
      (await fs.readFile(repomd, 'utf8')).replace(/<revision>\d+/, '<revision>1')
    )
    const tampered = await serveDirectory(copy)
    try {
      const dnf = await DnfClient.create(
        path.join(tmp, 'dnf-tampered'),
        `${tampered.url}/packages/rpm`,
        keyFile
      )
      const r = await dnf.makecache()
      expect(r.code).not.toBe(0)
      expect(r.stdout + r.stderr).toMatch(/GPG|signature|repomd/i)
    } finally {
      await tampered.close()
    }
  })
})

describe('detached signatures', () => {
  it('gpg --verify accepts every .asc', async () => {
    const home = path.join(tmp, 'gnupg')
    await fs.mkdir(home, { recursive: true, mode: 0o700 })
    await mustRun('gpg', ['--homedir', home, '--batch', '--import', keyFile])
    const ascs = (await listFiles(path.join(tmp, 'public/packages'))).filter(
      (f) => f.endsWith('.asc') && !f.endsWith('repository-key.asc')
    )
    expect(ascs.length).toBeGreaterThanOrEqual(10)
    for (const asc of ascs) {
      const r = await run('gpg', ['--homedir', home, '--batch', '--verify', asc, asc.slice(0, -4)])
      expect({ asc, code: r.code, err: r.code ? r.stderr : '' }).toEqual({ asc, code: 0, err: '' })
    }
    const rel = path.join(tmp, 'public/packages/deb/dists/stable')
    expect(
      (
        await run('gpg', [
          '--homedir',
          home,
          '--batch',
          '--verify',
          `${rel}/Release.gpg`,
          `${rel}/Release`
        ])
      ).code
    ).toBe(0)
    expect(
      (await run('gpg', ['--homedir', home, '--batch', '--verify', `${rel}/InRelease`])).code
    ).toBe(0)
  })
})

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const e of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(path.join(e.parentPath, e.name))
  }
  return out
}
