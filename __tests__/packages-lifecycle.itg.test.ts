import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { packagesStage } from '../src/stages/packages.js'
import { AptClient } from './support/apt-client.js'
import { buildDeb, buildRpm } from './support/build-packages.js'
import { DnfClient } from './support/dnf-client.js'
import { FileStore } from '../src/store/file.js'
import { serveDirectory } from './support/http-serve.js'
import { generateTestKey, writePublicKey, type TestKey } from './support/keys.js'
import { requireTools } from './support/run.js'
import { context, RecordingLogger } from './support/stage-context.js'
import { tarGz } from './support/tarball.js'

/**
 * Several publishes into the same dev repositories: newer versions add to what is there,
 * retention drops the oldest from store and indexes, and an apt client updating in a loop
 * during ten publishes never sees a hash mismatch.
 */
requireTools({ 'dpkg-deb': 'dpkg', 'apt-get': 'apt', rpmbuild: 'rpm', dnf: 'dnf dnf-plugins-core' })

let tmp: string
let key: TestKey
let keyFile: string
let server: Awaited<ReturnType<typeof serveDirectory>>
let store: FileStore

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pkg-life-'))
  key = await generateTestKey('rsa')
  keyFile = await writePublicKey(tmp, key)
  server = await serveDirectory(path.join(tmp, 'public'))
  store = new FileStore(path.join(tmp, 'public'), { baseUrl: server.url })
}, 60000)

afterAll(async () => {
  await server?.close()
  await fs.rm(tmp, { recursive: true, force: true })
})

type VersionOptions = {
  rpm?: boolean
  retention?: string
  name?: string
  log?: RecordingLogger
  /** package-deletion-grace, in minutes (the default: an hour). */
  grace?: string
}

async function publishVersion(version: string, o: VersionOptions = {}): Promise<void> {
  const ctx = await prepareVersion(version, o)
  await packagesStage.apply(await packagesStage.plan(ctx), ctx)
}

/** Builds the version's packages in a workspace of its own; the stage context to publish them. */
async function prepareVersion(version: string, o: VersionOptions = {}) {
  const ws = path.join(tmp, `ws-${o.name ?? 'falco-test'}-${version}`)
  await fs.mkdir(ws, { recursive: true })
  await buildDeb(ws, { name: o.name ?? 'falco-test', version, arch: 'amd64' })
  if (o.rpm) await buildRpm(ws, { name: 'falco-test', version, arch: 'x86_64' })
  await fs.writeFile(
    path.join(ws, `${o.name ?? 'falco'}-${version}-x86_64.tar.gz`),
    tarGz(`tarball ${version}`)
  )
  const ctx = context({
    store,
    workspace: ws,
    workdir: path.join(ws, 'work'),
    log: o.log,
    channel: 'dev',
    version,
    inputs: {
      packages: '*.deb\n*.rpm\n*.tar.gz'
        .split('\n')
        .filter((g) => o.rpm || g !== '*.rpm')
        .join('\n'),
      'gpg-private-key': key.armoredPrivate,
      'dev-retention': o.retention ?? '2',
      ...(o.grace === undefined ? {} : { 'package-deletion-grace': o.grace })
    }
  })
  return ctx
}

async function aptVersions(name: string): Promise<string[]> {
  const apt = await AptClient.create(
    await fs.mkdtemp(path.join(tmp, 'apt-')),
    `deb [signed-by=${keyFile}] ${server.url}/packages/deb-dev stable main`
  )
  const r = await apt.update()
  expect({ code: r.code, err: r.code ? r.stdout + r.stderr : '' }).toEqual({ code: 0, err: '' })
  return (await apt.policy(name))
    .split('\n')
    .map((l) => l.split('|')[1]?.trim())
    .filter((v): v is string => !!v)
    .sort()
}

async function dnfVersions(): Promise<string[]> {
  const dnf = await DnfClient.create(
    await fs.mkdtemp(path.join(tmp, 'dnf-')),
    `${server.url}/packages/rpm-dev`,
    keyFile
  )
  const r = await dnf.list()
  expect({ code: r.code, err: r.code ? r.stdout + r.stderr : '' }).toEqual({ code: 0, err: '' })
  return [...r.stdout.matchAll(/^falco-test\.x86_64\s+(\S+)/gm)].map((m) => m[1]).sort()
}

const root = (): string => path.join(tmp, 'public/packages')

/** The files of version 1.0.0 the first test publishes (with their signatures). */
const oneZero = [
  'deb-dev/stable/falco-test-1.0.0-x86_64.deb',
  'deb-dev/stable/falco-test-1.0.0-x86_64.deb.asc',
  'rpm-dev/falco-test-1.0.0-1.x86_64.rpm',
  'rpm-dev/falco-test-1.0.0-1.x86_64.rpm.asc',
  'bin-dev/x86_64/falco-1.0.0-x86_64.tar.gz'
]

/** The files each dev repository's committed state records as pending deletion. */
async function pendingLists(): Promise<{ apt: string[]; dnf: string[]; tarballs: string[] }> {
  const read = (rel: string): Promise<string> => fs.readFile(path.join(root(), rel), 'utf8')
  const release = await read('deb-dev/dists/stable/InRelease')
  const field = /^Falco-Publish-Pending:\n((?: .*\n)*)/m.exec(release.replace(/\r\n/g, '\n'))
  const apt = field ? [...field[1].matchAll(/^ \S+ (\S+)$/gm)].map((m) => m[1]) : []
  const repomd = await read('rpm-dev/repodata/repomd.xml')
  const manifest = /<data type="falco-publish-segments">[\s\S]*?<location href="([^"]+)"/.exec(
    repomd
  )![1]
  const dnf = Object.keys(
    (JSON.parse(await read(`rpm-dev/${manifest}`)) as { pending?: object }).pending ?? {}
  )
  const listing = JSON.parse(await read('bin-dev/index.json')) as { droppedSince?: object }
  return { apt, dnf, tarballs: Object.keys(listing.droppedSince ?? {}) }
}

describe('dev repositories across publishes', () => {
  it('keeps both versions after a newer publish; the oldest beyond dev-retention leaves the indexes at once, the store after its grace', async () => {
    await publishVersion('1.0.0', { rpm: true })
    await publishVersion('1.1.0', { rpm: true })
    expect(await aptVersions('falco-test')).toEqual(['1.0.0', '1.1.0'])
    expect(await dnfVersions()).toEqual(['1.0.0-1', '1.1.0-1'])
    // A client that read the indexes naming 1.0.0 just before the next publish.
    const early = await AptClient.create(
      await fs.mkdtemp(path.join(tmp, 'apt-early-')),
      `deb [signed-by=${keyFile}] ${server.url}/packages/deb-dev stable main`
    )
    expect((await early.update()).code).toBe(0)

    await publishVersion('1.2.0', { rpm: true })
    expect(await aptVersions('falco-test')).toEqual(['1.1.0', '1.2.0'])
    expect(await dnfVersions()).toEqual(['1.1.0-1', '1.2.0-1'])
    const sums = await fs.readFile(path.join(root(), 'bin-dev/x86_64/SHA256SUMS'), 'utf8')
    expect(sums).toMatch(/^[0-9a-f]{64} {2}falco-1\.2\.0-x86_64\.tar\.gz$/m)
    expect(sums).not.toMatch(/1\.0\.0/)
    // Out of every index, but still in the store, each named in its repository's pending list:
    // the client holding the older index still downloads it.
    const fetched = await early.download('falco-test=1.0.0')
    expect({ code: fetched.code, files: fetched.files }).toEqual({
      code: 0,
      files: ['falco-test_1.0.0_amd64.deb']
    })
    expect(await pendingLists()).toEqual({
      apt: ['stable/falco-test-1.0.0-x86_64.deb'],
      dnf: ['falco-test-1.0.0-1.x86_64.rpm'],
      tarballs: ['x86_64/falco-1.0.0-x86_64.tar.gz']
    })
    for (const kept of oneZero) await expect(fs.stat(path.join(root(), kept))).resolves.toBeTruthy()

    // The first publish after the grace (here none) deletes them, with what it drops itself.
    await fs.rm(path.join(early.dir, 'download', 'falco-test_1.0.0_amd64.deb'))
    await publishVersion('1.3.0', { rpm: true, grace: '0' })
    for (const gone of [...oneZero, ...oneZero.map((f) => f.replaceAll('1.0.0', '1.1.0'))])
      await expect(fs.stat(path.join(root(), gone))).rejects.toThrow(/ENOENT/)
    expect(await pendingLists()).toEqual({ apt: [], dnf: [], tarballs: [] })
    const late = await early.download('falco-test=1.0.0')
    expect(late.code).not.toBe(0)
    expect(late.output).toMatch(/404/)
    await expect(
      fs.stat(path.join(root(), 'deb-dev/stable/falco-test-1.3.0-x86_64.deb'))
    ).resolves.toBeTruthy()
    expect(await aptVersions('falco-test')).toEqual(['1.2.0', '1.3.0'])
  })

  it('does not upload a version older than every version dev-retention keeps', async () => {
    const ctx = await prepareVersion('1.0.5', { rpm: true })
    const plan = await packagesStage.plan(ctx)
    const puts = plan.operations.filter((o) => o.action === 'put').map((o) => o.target)
    expect(puts.filter((t) => t.includes('1.0.5'))).toEqual([])
    const result = await packagesStage.apply(plan, ctx)
    expect(result.published.filter((p) => p.path.includes('1.0.5'))).toEqual([])
    for (const never of oneZero.map((f) => f.replaceAll('1.0.0', '1.0.5')))
      await expect(fs.stat(path.join(root(), never))).rejects.toThrow(/ENOENT/)
    expect(await aptVersions('falco-test')).toEqual(['1.2.0', '1.3.0'])
    expect(await dnfVersions()).toEqual(['1.2.0-1', '1.3.0-1'])
  })

  it('two publishes running at once both land in the indexes (compare-and-swap, then merge again)', async () => {
    const log = new RecordingLogger()
    // Both plan from the same generation before either applies (building the packages first,
    // so that one slower dpkg-deb cannot let the other publish finish before it plans).
    const ctxs = await Promise.all([
      prepareVersion('3.0.0', { retention: '50', name: 'falco-a', log }),
      prepareVersion('3.0.0', { retention: '50', name: 'falco-b', log })
    ])
    const plans = await Promise.all(ctxs.map((ctx) => packagesStage.plan(ctx)))
    await Promise.all(ctxs.map((ctx, i) => packagesStage.apply(plans[i], ctx)))
    expect(await aptVersions('falco-a')).toEqual(['3.0.0'])
    expect(await aptVersions('falco-b')).toEqual(['3.0.0'])
    const tarballs = JSON.parse(
      await fs.readFile(path.join(tmp, 'public/packages/bin-dev/index.json'), 'utf8')
    ) as {
      files: Array<{ path: string }>
    }
    expect(tarballs.files.map((f) => f.path)).toEqual(
      expect.arrayContaining([
        'x86_64/falco-a-3.0.0-x86_64.tar.gz',
        'x86_64/falco-b-3.0.0-x86_64.tar.gz'
      ])
    )
    // Both read the same generation, so one of them lost the race and merged again.
    expect(
      log.lines.some((l) => /another publish changed packages\/deb-dev meanwhile/.test(l))
    ).toBe(true)
  })

  it('an apt client updating in a loop during ten publishes never sees a hash mismatch', async () => {
    const apt = await AptClient.create(
      path.join(tmp, 'apt-loop'),
      `deb [signed-by=${keyFile}] ${server.url}/packages/deb-dev stable main`
    )
    let publishing = true
    const outcomes: Array<{ code: number; out: string }> = []
    const loop = (async () => {
      while (publishing) {
        const r = await apt.update()
        outcomes.push({ code: r.code, out: r.stdout + r.stderr })
      }
    })()
    for (let i = 0; i < 10; i++) await publishVersion(`2.0.${i}`, { retention: '3' })
    publishing = false
    await loop
    expect(outcomes.length).toBeGreaterThanOrEqual(3)
    const bad = outcomes.filter((o) => o.code !== 0 || /mismatch|^E:|^W:/m.test(o.out))
    expect(bad).toEqual([])
    expect(await aptVersions('falco-test')).toEqual(['2.0.7', '2.0.8', '2.0.9'])
  })

  it('after a publish, every index an older Release listed is still served under its hash', async () => {
    const dists = path.join(tmp, 'public/packages/deb-dev/dists/stable')
    const old = await fs.readFile(path.join(dists, 'Release'), 'utf8')
    await publishVersion('2.0.10', { retention: '3' })
    await publishVersion('2.0.11', { retention: '3' })
    expect(await fs.readFile(path.join(dists, 'Release'), 'utf8')).not.toBe(old)
    const listed = [...old.split('SHA512:')[1].matchAll(/^ ([0-9a-f]{128}) +(\d+) (\S+)$/gm)]
    // Packages, .gz, .xz and the segment manifest, for amd64 and arm64.
    expect(listed.length).toBe(8)
    for (const [, sha512, size, file] of listed) {
      const copy = path.join(dists, path.dirname(file), 'by-hash/SHA512', sha512)
      const bytes = await fs.readFile(copy)
      expect({
        file,
        size: bytes.length,
        sha512: createHash('sha512').update(bytes).digest('hex')
      }).toEqual({ file, size: Number(size), sha512 })
    }
  })

  it('prunes by-hash copies only once they are listed by neither the current nor the previous Release and are an hour old', async () => {
    const dists = path.join(tmp, 'public/packages/deb-dev/dists/stable')
    const byHash = path.join(dists, 'main/binary-amd64/by-hash/SHA512')
    const anHourAgo = new Date(Date.now() - 2 * 60 * 60 * 1000)
    for (const f of await fs.readdir(byHash))
      await fs.utimes(path.join(byHash, f), anHourAgo, anHourAgo)
    const before = await fs.readFile(path.join(dists, 'Release'), 'utf8')
    const generationsBefore = (await fs.readdir(byHash)).length
    await publishVersion('2.0.12', { retention: '3' })
    const after = await fs.readFile(path.join(dists, 'Release'), 'utf8')
    const amd64 = (release: string): string[] =>
      [
        ...release.split('SHA512:')[1].matchAll(/^ ([0-9a-f]{128}) +\d+ main\/binary-amd64\/\S+$/gm)
      ].map((m) => m[1])
    expect(generationsBefore).toBeGreaterThan(8)
    expect((await fs.readdir(byHash)).sort()).toEqual(
      [...new Set([...amd64(before), ...amd64(after)])].sort()
    )
  })
})
