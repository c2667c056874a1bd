import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { packagesStage } from '../src/stages/packages.js'
import { FileStore } from '../src/store/file.js'
import { AptClient } from './support/apt-client.js'
import { buildDeb, buildRpm } from './support/build-packages.js'
import { DnfClient } from './support/dnf-client.js'
import { FalcoSteps } from './support/falco-steps.js'
import { serveDirectory } from './support/http-serve.js'
import { generateTestKey, writePublicKey, type TestKey } from './support/keys.js'
import { mustRun, requireTools, run } from './support/run.js'
import { context } from './support/stage-context.js'
import { tarGz } from './support/tarball.js'

/**
 * Adoption: a store built by Falco's own steps (apt-ftparchive, gzip, bzip2, gpg, rpmsign,
 * createrepo_c --update --no-database, tarballs with `.asc` only), several old versions for
 * x86_64 and aarch64, then one falco-publish run adding a version of every kind. Users who knew
 * the repositories before (apt lists, dnf caches) and new ones see and fetch every version with
 * no extra flag; every old file keeps its bytes. Then Falco's steps publish once more, and
 * falco-publish after them: nobody sees an error.
 */
requireTools({
  'dpkg-deb': 'dpkg',
  'apt-ftparchive': 'apt-utils',
  'apt-get': 'apt',
  rpmbuild: 'rpm',
  rpmsign: 'rpm',
  createrepo_c: 'createrepo-c',
  dnf: 'dnf dnf-plugins-core',
  gpg: 'gnupg',
  bzip2: 'bzip2'
})

let tmp: string
let root: string
let key: TestKey
let keyFile: string
let steps: FalcoSteps
let server: Awaited<ReturnType<typeof serveDirectory>>
let store: FileStore
const ARCHES = [
  { falco: 'x86_64', deb: 'amd64' },
  { falco: 'aarch64', deb: 'arm64' }
] as const

/** Builds one Falco release's packages (`falco-<v>-<arch>.{deb,rpm,tar.gz}`) into `dir`. */
async function release(dir: string, version: string) {
  await fs.mkdir(dir, { recursive: true })
  const out = { debs: [] as string[], rpms: [] as string[], tarballs: [] as string[] }
  for (const a of ARCHES) {
    out.debs.push(await buildDeb(dir, { name: 'falco', version, arch: a.deb }))
    out.rpms.push(
      await buildRpm(dir, {
        name: 'falco',
        version,
        arch: a.falco,
        file: `falco-${version}-${a.falco}.rpm`
      })
    )
    const tarball = path.join(dir, `falco-${version}-${a.falco}.tar.gz`)
    await fs.writeFile(tarball, tarGz(`falco ${version} for ${a.falco}\n`))
    out.tarballs.push(tarball)
  }
  return out
}

async function falcoPublishes(version: string) {
  const r = await release(path.join(tmp, `old-${version}`), version)
  await steps.publishDeb(path.join(root, 'packages/deb'), r.debs)
  await steps.publishRpm(path.join(root, 'packages/rpm'), r.rpms)
  for (const [i, a] of ARCHES.entries())
    await steps.publishBin(path.join(root, 'packages/bin'), a.falco, r.tarballs[i])
}

async function ourPublish(version: string, inputs: Record<string, string> = {}) {
  const ws = path.join(tmp, `ws-${version}`)
  await release(path.join(ws, 'out'), version)
  // Falco's other tarballs: the static build (x86_64 only) and the arch-less wasm build.
  for (const flavour of ['static-x86_64', 'wasm'])
    await fs.writeFile(
      path.join(ws, 'out', `falco-${version}-${flavour}.tar.gz`),
      tarGz(`${flavour}\n`)
    )
  const ctx = context({
    store,
    workspace: ws,
    workdir: path.join(tmp, 'work'),
    channel: 'stable',
    version,
    inputs: {
      packages: 'out/*.deb\nout/*.rpm\nout/*.tar.gz',
      'gpg-private-key': key.armoredPrivate,
      ...inputs
    }
  })
  const plan = await packagesStage.plan(ctx)
  return { plan, apply: () => packagesStage.apply(plan, ctx), log: ctx.log }
}

/** sha256 of every file under the store's packages/ folder. */
async function fileDigests(): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const e of await fs.readdir(path.join(root, 'packages'), {
    recursive: true,
    withFileTypes: true
  })) {
    if (!e.isFile()) continue
    const file = path.join(e.parentPath, e.name)
    out.set(
      path.relative(root, file),
      createHash('sha256')
        .update(await fs.readFile(file))
        .digest('hex')
    )
  }
  return out
}

const users: { aptOld?: AptClient; dnfFalco?: DnfClient; dnfStrict?: DnfClient } = {}

async function dnfClient(dir: string, strict: boolean): Promise<DnfClient> {
  const client = await DnfClient.create(dir, `${server.url}/packages/rpm`, keyFile)
  // Falco's documented .repo checks packages, not repomd.xml; the strict one checks both.
  const repo = path.join(dir, 'repos/test.repo')
  const text = await fs.readFile(repo, 'utf8')
  await fs.writeFile(repo, text.replace('repo_gpgcheck=1', `repo_gpgcheck=${strict ? 1 : 0}`))
  return client
}

const newAptUser = (name: string): Promise<AptClient> =>
  AptClient.create(
    path.join(tmp, name),
    `deb [signed-by=${keyFile}] ${server.url}/packages/deb stable main`
  )

async function expectAptSees(apt: AptClient, versions: string[]) {
  const update = await apt.update()
  expect({ code: update.code, errors: update.stderr.match(/^(W|E):.*$/gm) ?? [] }).toEqual({
    code: 0,
    errors: []
  })
  for (const v of versions)
    for (const a of ARCHES) {
      const r = await apt.download(`falco:${a.deb}=${v}`)
      expect({ spec: `${v} ${a.deb}`, code: r.code, output: r.code ? r.output : '' }).toEqual({
        spec: `${v} ${a.deb}`,
        code: 0,
        output: ''
      })
    }
}

async function expectDnfInstalls(dnf: DnfClient, versions: string[]) {
  const cache = await dnf.makecache()
  expect({ code: cache.code, err: cache.code ? cache.stderr : '' }).toEqual({ code: 0, err: '' })
  const list = await dnf.list()
  for (const v of versions)
    expect(list.stdout).toMatch(new RegExp(`falco\\.x86_64\\s+${v.replace(/\./g, '\\.')}-1`))
  for (const v of versions) {
    const r = await dnf.install(`falco-${v}`)
    expect({ v, code: r.code, err: r.code ? r.stdout + r.stderr : '' }).toEqual({
      v,
      code: 0,
      err: ''
    })
  }
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'adoption-'))
  root = path.join(tmp, 'public')
  await fs.mkdir(root)
  key = await generateTestKey('rsa')
  keyFile = await writePublicKey(tmp, key)
  steps = await FalcoSteps.create(tmp, key)
  server = await serveDirectory(root)
  store = new FileStore(root, { baseUrl: server.url })
  for (const v of ['0.38.0', '0.39.0']) await falcoPublishes(v)
}, 120000)

afterAll(async () => {
  await run('gpgconf', ['--homedir', steps?.gnupgHome ?? '/nonexistent', '--kill', 'gpg-agent'])
  await server?.close()
  await fs.rm(tmp, { recursive: true, force: true })
})

describe("adopting Falco's repositories", () => {
  let before: Map<string, string>

  it('users know the repositories as Falco published them', async () => {
    users.aptOld = await AptClient.create(
      path.join(tmp, 'apt-old'),
      `deb [signed-by=${keyFile}] ${server.url}/packages/deb stable main`
    )
    await expectAptSees(users.aptOld, ['0.38.0', '0.39.0'])
    users.dnfFalco = await dnfClient(path.join(tmp, 'dnf-falco'), false)
    users.dnfStrict = await dnfClient(path.join(tmp, 'dnf-strict'), true)
    for (const dnf of [users.dnfFalco, users.dnfStrict])
      expect((await dnf.makecache()).code).toBe(0)
    before = await fileDigests()
  }, 120000)

  it('the plan says what it adopts, and a dry run writes nothing', async () => {
    const { plan } = await ourPublish('0.40.0')
    const reasons = plan.operations.map((o) => o.reason ?? '')
    expect(reasons).toContain(
      'adopting packages/rpm: 4 packages from createrepo_c repodata (primary.xml.gz)'
    )
    expect(reasons.some((r) => r.startsWith('adopting packages/deb: 4 packages'))).toBe(true)
    expect(reasons.some((r) => r.startsWith('adopting packages/bin: 4 tarballs'))).toBe(true)
    expect(await fileDigests()).toEqual(before)
  }, 120000)

  it('one falco-publish run adds a version of every kind; every old file keeps its bytes', async () => {
    const { apply } = await ourPublish('0.40.0')
    await apply()
    const after = await fileDigests()
    const changed = [...before]
      .filter(([file, sha]) => after.get(file) !== sha)
      .map(([file]) => file)
      .filter((f) => !/(\/dists\/|\/repodata\/)/.test(f))
    expect(changed).toEqual([])
    for (const a of ARCHES)
      for (const f of [
        `packages/rpm/falco-0.40.0-${a.falco}.rpm`,
        `packages/deb/stable/falco-0.40.0-${a.falco}.deb`
      ])
        expect(after.has(f) && after.has(`${f}.asc`)).toBe(true)
  }, 120000)

  it('apt users, old and new, and dnf users, lax and strict, see and fetch every version', async () => {
    const versions = ['0.38.0', '0.39.0', '0.40.0']
    await expectAptSees(users.aptOld!, versions)
    await expectAptSees(await newAptUser('apt-new'), versions)
    await expectDnfInstalls(users.dnfFalco!, versions)
    await expectDnfInstalls(users.dnfStrict!, versions)
  }, 120000)

  it("SHA256SUMS and the listing name Falco's old tarballs as well as the new ones, signed", async () => {
    for (const a of ARCHES) {
      const dir = path.join(root, 'packages/bin', a.falco)
      const check = await run('sha256sum', ['--check', '--strict', 'SHA256SUMS'], { cwd: dir })
      expect({ code: check.code, err: check.stderr }).toEqual({ code: 0, err: '' })
      const names = check.stdout.split('\n').filter(Boolean).sort()
      const expected = ['0.38.0', '0.39.0', '0.40.0'].map((v) => `falco-${v}-${a.falco}.tar.gz: OK`)
      if (a.falco === 'x86_64') expected.push('falco-0.40.0-static-x86_64.tar.gz: OK')
      expect(names).toEqual(expected.sort())
      const verify = await run('gpg', [
        '--homedir',
        steps.gnupgHome,
        '--verify',
        path.join(dir, 'SHA256SUMS.asc'),
        path.join(dir, 'SHA256SUMS')
      ])
      expect(verify.code).toBe(0)
    }
    const listing = JSON.parse(
      await fs.readFile(path.join(root, 'packages/bin/index.json'), 'utf8')
    ) as { files: Array<{ path: string }> }
    expect(listing.files.map((f) => f.path)).toContain('aarch64/falco-0.38.0-aarch64.tar.gz')
  })

  it('a stable tarball with other bytes under a published name is refused, naming it; the store is unchanged', async () => {
    const snapshot = await fileDigests()
    const ws = path.join(tmp, 'ws-tampered')
    await fs.mkdir(path.join(ws, 'out'), { recursive: true })
    await fs.writeFile(path.join(ws, 'out', 'falco-0.39.0-x86_64.tar.gz'), tarGz('other bytes\n'))
    const ctx = context({
      store,
      workspace: ws,
      workdir: path.join(tmp, 'work'),
      channel: 'stable',
      version: '0.39.0',
      inputs: { packages: 'out/*.tar.gz', 'gpg-private-key': key.armoredPrivate }
    })
    await expect(packagesStage.plan(ctx)).rejects.toThrow(
      /refusing to replace published stable file\(s\) with different bytes: packages\/bin\/x86_64\/falco-0\.39\.0-x86_64\.tar\.gz/
    )
    expect(await fileDigests()).toEqual(snapshot)
  })

  it('publishing a release Falco published again, from its own build files, is a no-op', async () => {
    // The build's rpms are unsigned; Falco's steps published them rpmsign'ed.
    const ctx = context({
      store,
      workspace: path.join(tmp, 'old-0.39.0'),
      workdir: path.join(tmp, 'work'),
      channel: 'stable',
      version: '0.39.0',
      inputs: { packages: '*.deb\n*.rpm\n*.tar.gz', 'gpg-private-key': key.armoredPrivate }
    })
    const plan = await packagesStage.plan(ctx)
    expect(plan.operations.filter((o) => o.action !== 'skip')).toEqual([])
    expect(plan.operations.map((o) => o.reason)).toContain(
      'already published, its header signed by another tool'
    )
  })

  it('dists/ holds no file apt-ftparchive release would list that our Release does not', async () => {
    const listed = (text: string): string[] =>
      [...new Set([...text.matchAll(/^ [0-9a-f]{64} +\d+ (\S+)$/gm)].map((m) => m[1]))].sort()
    // What it lists besides the Release it writes itself.
    const theirs = await mustRun('apt-ftparchive', ['release', 'dists/stable'], {
      cwd: path.join(root, 'packages/deb')
    }).then((t) => t.replace(/^ \S+ +\d+ Release\n/gm, ''))
    const ours = await fs.readFile(path.join(root, 'packages/deb/dists/stable/Release'), 'utf8')
    expect(listed(theirs).filter((f) => !listed(ours).includes(f))).toEqual([])
    expect(ours).toMatch(/^Origin: Falco\nLabel: Falco\nSuite: stable\nCodename: stable\n/)
    expect(ours).toMatch(/^Architectures: amd64,arm64$/m)
    expect(listed(ours).filter((f) => f.endsWith('.xz'))).toEqual([])
  })

  it("Falco's steps publish once more, and every user still updates and fetches", async () => {
    await falcoPublishes('0.41.0')
    const versions = ['0.38.0', '0.39.0', '0.40.0', '0.41.0']
    await expectAptSees(users.aptOld!, versions)
    await expectAptSees(await newAptUser('apt-new-2'), versions)
    await expectDnfInstalls(users.dnfFalco!, ['0.41.0'])
    await expectDnfInstalls(users.dnfStrict!, ['0.41.0'])
  }, 120000)

  it('then falco-publish publishes again, and every user updates and fetches', async () => {
    const { apply } = await ourPublish('0.42.0')
    await apply()
    const versions = ['0.38.0', '0.39.0', '0.40.0', '0.41.0', '0.42.0']
    await expectAptSees(users.aptOld!, versions)
    await expectAptSees(await newAptUser('apt-new-3'), versions)
    await expectDnfInstalls(users.dnfFalco!, ['0.42.0'])
    await expectDnfInstalls(users.dnfStrict!, ['0.42.0'])
    const after = await fileDigests()
    const changed = [...before]
      .filter(([file, sha]) => after.get(file) !== sha)
      .map(([file]) => file)
      .filter((f) => !/(\/dists\/|\/repodata\/)/.test(f))
    expect(changed).toEqual([])
  }, 120000)
})

describe("Falco's dev names", () => {
  /** One dev build's files as CPack names them: Version 0.40.0_<build> in the rpm. */
  async function devBuild(out: string, build: string) {
    await fs.mkdir(out, { recursive: true })
    const deb = await buildDeb(out, { name: 'falco', version: `0.40.0-${build}`, arch: 'amd64' })
    const rpm = await buildRpm(out, {
      name: 'falco',
      version: `0.40.0_${build}`,
      arch: 'x86_64',
      file: `falco-0.40.0-${build}-x86_64.rpm`
    })
    const tarballs = []
    for (const flavour of ['x86_64', 'static-x86_64']) {
      const tarball = path.join(out, `falco-0.40.0-${build}-${flavour}.tar.gz`)
      await fs.writeFile(tarball, tarGz(build))
      tarballs.push(tarball)
    }
    return { deb, rpm, tarballs }
  }

  it('CPack dev RPMs (`_` in Version), static tarballs and the dev builds Falco published are retained by version', async () => {
    // The dev repositories (packages/*-dev) beside the stable ones, served as they are.
    const devRoot = root
    const devStore = store
    // A dev build Falco's steps published, then three of ours with a retention of 2.
    const old = await devBuild(path.join(tmp, 'old-dev'), '9+0000000')
    await steps.publishDeb(path.join(root, 'packages/deb-dev'), [old.deb])
    await steps.publishRpm(path.join(root, 'packages/rpm-dev'), [old.rpm])
    for (const t of old.tarballs)
      await steps.publishBin(path.join(root, 'packages/bin-dev'), 'x86_64', t)
    const builds = ['9+0000000', '10+aaaaaaa', '11+bbbbbbb', '12+ccccccc']
    for (const build of builds.slice(1)) {
      const ws = path.join(tmp, `ws-dev-${build}`)
      await devBuild(path.join(ws, 'out'), build)
      const ctx = context({
        store: devStore,
        workspace: ws,
        workdir: path.join(tmp, 'work'),
        channel: 'dev',
        version: `0.40.0-${build}`,
        inputs: {
          packages: 'out/*.deb\nout/*.rpm\nout/*.tar.gz',
          'gpg-private-key': key.armoredPrivate,
          'dev-retention': '2',
          // What the retention drops leaves the store at once (the grace is packages-lifecycle's).
          'package-deletion-grace': '0'
        }
      })
      await packagesStage.apply(await packagesStage.plan(ctx), ctx)
    }
    const kept = builds.slice(2)
    const debs = (await fs.readdir(path.join(devRoot, 'packages/deb-dev/stable'))).sort()
    expect(debs).toEqual(
      kept.flatMap((b) => [`falco-0.40.0-${b}-x86_64.deb`, `falco-0.40.0-${b}-x86_64.deb.asc`])
    )
    const apt = await newAptUser('apt-dev')
    await fs.writeFile(
      path.join(apt.dir, 'etc/sources.list'),
      `deb [signed-by=${keyFile}] ${server.url}/packages/deb-dev stable main\n`
    )
    expect((await apt.update()).code).toBe(0)
    expect(
      [...(await apt.policy('falco')).matchAll(/falco \| (\S+) \|/g)].map((m) => m[1]).sort()
    ).toEqual(kept.map((b) => `0.40.0-${b}`))
    const rpms = (await fs.readdir(path.join(devRoot, 'packages/rpm-dev'))).filter((f) =>
      f.endsWith('.rpm')
    )
    expect(rpms.sort()).toEqual(kept.map((b) => `falco-0.40.0-${b}-x86_64.rpm`))
    const repodata = path.join(devRoot, 'packages/rpm-dev/repodata')
    const repomd = await fs.readFile(path.join(repodata, 'repomd.xml'), 'utf8')
    const primary = /<location href="(repodata\/[^"]+-primary\.xml\.gz)"/.exec(repomd)![1]
    const xml = (
      await mustRunBytes('gzip', ['-dc', path.join(devRoot, 'packages/rpm-dev', primary)])
    ).toString()
    expect([...xml.matchAll(/<version epoch="0" ver="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(
      kept.map((b) => `0.40.0_${b}`)
    )
    expect([...xml.matchAll(/<location href="([^"]+)"/g)].map((m) => m[1]).sort()).toEqual(
      rpms.sort()
    )
    const dnf = await DnfClient.create(
      path.join(tmp, 'dnf-dev'),
      `${server.url}/packages/rpm-dev`,
      keyFile
    )
    const list = await dnf.list()
    expect({ code: list.code, err: list.code ? list.stderr : '' }).toEqual({ code: 0, err: '' })
    expect([...list.stdout.matchAll(/^falco\.x86_64\s+(\S+)/gm)].map((m) => m[1]).sort()).toEqual(
      kept.map((b) => `0.40.0_${b}-1`)
    )
    const tarballs = (await fs.readdir(path.join(devRoot, 'packages/bin-dev/x86_64'))).filter((f) =>
      f.endsWith('.tar.gz')
    )
    expect(tarballs.sort()).toEqual(
      kept
        .flatMap((b) => [
          `falco-0.40.0-${b}-static-x86_64.tar.gz`,
          `falco-0.40.0-${b}-x86_64.tar.gz`
        ])
        .sort()
    )
  }, 120000)
})

function mustRunBytes(cmd: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { encoding: 'buffer', maxBuffer: 64 << 20 }, (e, out) =>
      e ? reject(e) : resolve(out)
    )
  )
}
