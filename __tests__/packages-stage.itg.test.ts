import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { packagesStage } from '../src/stages/packages.js'
import { metadataSignatures } from '../src/stages/packages/signing-plan.js'
import type { Store } from '../src/store/store.js'
import { buildDeb, buildRpm } from './support/build-packages.js'
import { FileStore } from '../src/store/file.js'
import { generateTestKey, type TestKey } from './support/keys.js'
import { requireTools } from './support/run.js'
import { context } from './support/stage-context.js'
import { syntheticDeb } from './support/synthetic-deb.js'
import { tarGz } from './support/tarball.js'
import { barrier } from './support/barrier.js'
import { CountingStore } from './support/counting-store.js'

/** The stage's plan and its refusals: bad input is named and nothing is written. */
requireTools({ 'dpkg-deb': 'dpkg', rpmbuild: 'rpm' })

let tmp: string
let ws: string
let key: TestKey
let deb: string
let rpm: string

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pkg-stage-'))
  ws = path.join(tmp, 'ws')
  await fs.mkdir(path.join(ws, 'good'), { recursive: true })
  await fs.mkdir(path.join(ws, 'bad'), { recursive: true })
  key = await generateTestKey('ecc', 's3cret-pass')
  deb = await buildDeb(path.join(ws, 'good'), {
    name: 'falco',
    version: '0.40.0',
    arch: 'amd64',
    compression: 'xz'
  })
  rpm = await buildRpm(path.join(ws, 'good'), { name: 'falco', version: '0.40.0', arch: 'x86_64' })
  const debBytes = await fs.readFile(deb)
  await fs.writeFile(
    path.join(ws, 'bad/truncated-1.0-x86_64.deb'),
    debBytes.subarray(0, Math.floor(debBytes.length / 2))
  )
  await fs.writeFile(path.join(ws, 'bad/garbage-1.0-x86_64.deb'), 'this is not a package')
  const rpmBytes = await fs.readFile(rpm)
  await fs.writeFile(
    path.join(ws, 'bad/truncated-1.0-1.x86_64.rpm'),
    rpmBytes.subarray(0, rpmBytes.length - 100)
  )
  await fs.writeFile(path.join(ws, 'bad/head-1.0-1.x86_64.rpm'), rpmBytes.subarray(0, 3000))
}, 120000)

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true })
})

async function freshStore(): Promise<{ store: FileStore; root: string }> {
  const root = await fs.mkdtemp(path.join(tmp, 'store-'))
  return { store: new FileStore(root, { baseUrl: 'https://download.example' }), root }
}

const ctxFor = async (inputs: Record<string, string>, channel: 'dev' | 'stable' = 'stable') => {
  const { store, root } = await freshStore()
  return {
    ctx: context({ store, workspace: ws, workdir: path.join(tmp, 'work'), channel, inputs }),
    root
  }
}

/**
 * `store`, each call of its `method` on one of `keys` held until all of them have been made (see
 * barrier): made one after the other, the first would wait forever, and the test fails.
 */
function holding(store: Store, method: 'read' | 'head', keys: Set<string>, failure: string) {
  const calls = barrier(keys, failure)
  const held = new Proxy(store, {
    get(target, name) {
      if (name === method)
        return async (key: string, ...rest: unknown[]) => {
          if (keys.has(key)) {
            calls.arrive(key)
            await calls.wait()
          }
          return (target[method] as (...args: unknown[]) => unknown).call(target, key, ...rest)
        }
      const value: unknown = Reflect.get(target, name, target)
      return typeof value === 'function' ? value.bind(target) : value
    }
  })
  return { store: held, calls }
}

describe('packages stage plan', () => {
  it('plans nothing without packages, and nothing for channel none', async () => {
    const { ctx } = await ctxFor({})
    expect((await packagesStage.plan(ctx)).operations).toEqual([])
    const none = await ctxFor({ packages: 'good/*.deb', 'gpg-private-key': key.armoredPrivate })
    none.ctx.release = { ...none.ctx.release, channel: 'none' }
    expect((await packagesStage.plan(none.ctx)).operations).toEqual([])
  })

  it('plans a put per package into the channel layout, then the indexes it rewrites', async () => {
    const { ctx } = await ctxFor(
      {
        packages: 'good/*.deb\ngood/*.rpm',
        'gpg-private-key': key.armoredPrivate,
        'gpg-passphrase': 's3cret-pass'
      },
      'dev'
    )
    const plan = await packagesStage.plan(ctx)
    expect(plan.operations.map((o) => [o.action, o.target])).toEqual([
      ['put', 'packages/deb-dev/stable/falco-0.40.0-x86_64.deb'],
      ['put', 'packages/rpm-dev/falco-0.40.0-1.x86_64.rpm'],
      ['put', 'packages/deb-dev/dists/stable/'],
      ['put', 'packages/rpm-dev/repodata/']
    ])
  })

  it('plans a file given twice (same name, same bytes) once, and says so', async () => {
    for (const dir of ['twice/a', 'twice/b']) {
      await fs.mkdir(path.join(ws, dir), { recursive: true })
      await fs.copyFile(
        path.join(ws, 'good/falco-0.40.0-x86_64.deb'),
        path.join(ws, dir, 'falco-0.40.0-x86_64.deb')
      )
    }
    const { ctx } = await ctxFor({
      packages: 'twice/**/*.deb',
      'gpg-private-key': key.armoredPrivate,
      'gpg-passphrase': 's3cret-pass'
    })
    const plan = await packagesStage.plan(ctx)
    expect(plan.operations.map((o) => [o.action, o.target])).toEqual([
      ['put', 'packages/deb/stable/falco-0.40.0-x86_64.deb'],
      ['put', 'packages/deb/dists/stable/']
    ])
    expect(ctx.log.lines).toContain(
      'twice/b/falco-0.40.0-x86_64.deb: the same file as twice/a/falco-0.40.0-x86_64.deb, published once'
    )
  })

  it.each([
    ['bad/truncated-1.0-x86_64.deb', /bad\/truncated-1\.0-x86_64\.deb: truncated/],
    ['bad/garbage-1.0-x86_64.deb', /bad\/garbage-1\.0-x86_64\.deb: not an ar archive/],
    [
      'bad/truncated-1.0-1.x86_64.rpm',
      /bad\/truncated-1\.0-1\.x86_64\.rpm: truncated: headers and payload should be \d+ bytes/
    ],
    [
      'bad/head-1.0-1.x86_64.rpm',
      /bad\/head-1\.0-1\.x86_64\.rpm: truncated: the file ends inside the main header/
    ],
    ['nothing/*.deb', /input 'packages': "nothing\/\*\.deb" matches no file/],
    // A plain path is looked up without a glob: missing, or a folder, it matches nothing too.
    ['nothing/falco.deb', /input 'packages': "nothing\/falco\.deb" matches no file/],
    ['good', /input 'packages': "good" matches no file/],
    ['good/*.spec', /\.spec: input 'packages' takes \.deb, \.rpm and \.tar\.gz files only/]
  ])('refuses %s, naming it, and writes nothing', async (glob, message) => {
    const { ctx, root } = await ctxFor({
      packages: `good/*.deb\n${glob}`,
      'gpg-private-key': key.armoredPrivate
    })
    await expect(packagesStage.plan(ctx)).rejects.toThrow(message)
    expect(await fs.readdir(root)).toEqual([])
  })

  it('reads the files the key checks look at side by side, not one round trip after another', async () => {
    const { ctx } = await ctxFor(
      {
        packages: 'good/*.deb\ngood/*.rpm',
        'gpg-private-key': key.armoredPrivate,
        'gpg-passphrase': 's3cret-pass'
      },
      'dev'
    )
    // Each read of these waits until all of them have been asked for: read one after the
    // other, the first would wait for the rest forever (a store across a network pays a round
    // trip for each).
    const watched = new Set([
      'packages/repository-key.asc',
      ...metadataSignatures('stable'),
      ...metadataSignatures('dev')
    ])
    const held = holding(ctx.store, 'read', watched, 'read one after the other')
    ctx.store = held.store
    const plan = await packagesStage.plan(ctx)
    expect(plan.detail?.keys).toBeDefined()
    expect(held.calls.arrived).toEqual(watched)
  })

  it('reads every repository it adds to at once, then admits them one after the other', async () => {
    await fs.mkdir(path.join(ws, 'ahead'), { recursive: true })
    for (const file of [deb, rpm])
      await fs.copyFile(file, path.join(ws, 'ahead', path.basename(file)))
    await fs.writeFile(path.join(ws, 'ahead', 'falco-0.40.0-x86_64.tar.gz'), tarGz('0.40.0'))
    await fs.writeFile(path.join(ws, 'ahead', 'falco-0.40.0-wasm.tar.gz'), tarGz('wasm'))
    const { ctx } = await ctxFor(
      {
        packages: 'ahead/*',
        'gpg-private-key': key.armoredPrivate,
        'gpg-passphrase': 's3cret-pass'
      },
      'dev'
    )
    // Each repository's commit point is asked for (head(), then its bytes) only once all four
    // have been: read one repository after the other, the first would wait forever.
    const points = new Set([
      'packages/deb-dev/dists/stable/InRelease',
      'packages/rpm-dev/repodata/repomd.xml',
      'packages/bin-dev/index.json',
      'packages/wasm-dev/index.json'
    ])
    const held = holding(ctx.store, 'head', points, 'read one repository after the other')
    ctx.store = held.store
    const plan = await packagesStage.plan(ctx)
    expect(held.calls.arrived).toEqual(points)
    // Admission kept its order: the operations read as they always did.
    expect(plan.operations.map((o) => [o.action, o.target])).toEqual([
      ['put', 'packages/deb-dev/stable/falco-0.40.0-x86_64.deb'],
      ['put', 'packages/rpm-dev/falco-0.40.0-1.x86_64.rpm'],
      ['put', 'packages/wasm-dev/falco-0.40.0-wasm.tar.gz'],
      ['put', 'packages/bin-dev/x86_64/falco-0.40.0-x86_64.tar.gz'],
      ['put', 'packages/deb-dev/dists/stable/'],
      ['put', 'packages/rpm-dev/repodata/'],
      ['put', 'packages/wasm-dev/SHA256SUMS'],
      ['put', 'packages/bin-dev/x86_64/SHA256SUMS']
    ])
  })

  it('requires a signing key to publish', async () => {
    const { ctx, root } = await ctxFor({ packages: 'good/*.deb' })
    await expect(packagesStage.plan(ctx)).rejects.toThrow(/input 'gpg-private-key': required/)
    expect(await fs.readdir(root)).toEqual([])
  })
})

describe('packages stage apply', () => {
  it('registers the key and passphrase as secrets and never prints them; reports every artifact', async () => {
    const { ctx } = await ctxFor({
      packages: 'good/*.deb\ngood/*.rpm',
      'gpg-private-key': key.armoredPrivate,
      'gpg-passphrase': 's3cret-pass'
    })
    const result = await packagesStage.apply(await packagesStage.plan(ctx), ctx)
    expect(ctx.log.registered).toEqual(
      expect.arrayContaining([key.armoredPrivate.trim(), 's3cret-pass'])
    )
    const keyLines = key.armoredPrivate
      .split('\n')
      .filter((l) => l.length > 20 && !l.startsWith('-----'))
    expect(ctx.log.registered).toEqual(expect.arrayContaining(keyLines))
    const everything = JSON.stringify(result) + ctx.log.lines.join('\n')
    expect(everything).not.toContain('s3cret-pass')
    expect(everything).not.toContain('PRIVATE KEY')
    const paths = result.published.map((p) => p.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        'packages/deb/stable/falco-0.40.0-x86_64.deb',
        'packages/deb/stable/falco-0.40.0-x86_64.deb.asc',
        'packages/deb/dists/stable/InRelease',
        'packages/deb/dists/stable/Release',
        'packages/deb/dists/stable/Release.gpg',
        'packages/deb/dists/stable/main/binary-amd64/Packages.xz',
        'packages/rpm/falco-0.40.0-1.x86_64.rpm',
        'packages/rpm/repodata/repomd.xml',
        'packages/rpm/repodata/repomd.xml.asc',
        'packages/rpm/falco-publish.repo',
        'packages/repository-key.asc'
      ])
    )
    for (const p of result.published) {
      expect(p).toEqual({
        kind: expect.any(String),
        path: p.path,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        size: expect.any(Number),
        url: `https://download.example/${p.path}`
      })
    }
    expect(result.summary).toContain(
      'deb [signed-by=/etc/apt/keyrings/falco-publish.asc] https://download.example/packages/deb stable main'
    )
    expect(result.summary).toContain('https://download.example/packages/rpm/falco-publish.repo')
    expect(JSON.parse(result.outputs!['packages-added'])).toEqual([
      'packages/deb/stable/falco-0.40.0-x86_64.deb',
      'packages/rpm/falco-0.40.0-1.x86_64.rpm'
    ])
    // One progress line per artifact, with size and rate.
    expect(
      ctx.log.lines.some((l) =>
        /put packages\/deb\/stable\/falco-0\.40\.0-x86_64\.deb [\d.]+ [KMG]?i?B in [\d.]+ m?s \(([\d.]+ [KMG]?i?B\/s|-)\)/.test(
          l
        )
      )
    ).toBe(true)
  })

  it('publishing debs only leaves other repositories alone, and remove does not create repositories', async () => {
    const { ctx, root } = await ctxFor({
      packages: 'good/*.deb',
      'gpg-private-key': key.armoredPrivate,
      'gpg-passphrase': 's3cret-pass',
      remove: 'nothing=1.*'
    })
    await packagesStage.apply(await packagesStage.plan(ctx), ctx)
    expect((await fs.readdir(path.join(root, 'packages'))).sort()).toEqual([
      'deb',
      'repository-key.asc'
    ])
  })

  it('finishes each repository from the commit point it wrote, reading it back once to see if another publish moved it', async () => {
    const { store: files } = await freshStore()
    const store = new CountingStore(files)
    const reads = (key: string) => store.got.filter((k) => k === key).length
    for (const version of ['0.40.0', '0.40.1']) {
      const folder = path.join(ws, `mixed-${version}`)
      await fs.mkdir(folder)
      await buildDeb(folder, { name: 'falco', version, arch: 'amd64' })
      await buildRpm(folder, { name: 'falco', version, arch: 'x86_64' })
      await fs.writeFile(path.join(folder, `falco-${version}-x86_64.tar.gz`), tarGz(version))
      const ctx = context({
        store,
        workspace: ws,
        workdir: path.join(tmp, 'work'),
        channel: 'dev',
        inputs: {
          packages: `mixed-${version}/*.deb\nmixed-${version}/*.rpm\nmixed-${version}/*.tar.gz`,
          'gpg-private-key': key.armoredPrivate,
          'gpg-passphrase': 's3cret-pass'
        }
      })
      const plan = await packagesStage.plan(ctx)
      store.reset()
      await packagesStage.apply(plan, ctx)
      // apt: the read after finishing, and the prune's look at the current generation (what a
      // publish that committed since names stays). Before, finishing began with a read as well.
      expect(reads('packages/deb-dev/dists/stable/InRelease')).toBe(2)
      // dnf: the same two, the prune's read being the one before finishing.
      expect(reads('packages/rpm-dev/repodata/repomd.xml')).toBe(2)
      // Tarballs: the read after finishing only; the commit starts from the plan's read.
      expect(reads('packages/bin-dev/index.json')).toBe(1)
      // SHA256SUMS rewritten: its old signature is not read, only replaced.
      expect(reads('packages/bin-dev/x86_64/SHA256SUMS.asc')).toBe(0)
      expect(store.putKeys).toContain('packages/bin-dev/x86_64/SHA256SUMS.asc')
    }
  })

  it('stops storing packages at the first that fails, and commits no index', async () => {
    const count = 60
    const name = (i: number) => `many${String(i).padStart(3, '0')}_1.0.0_amd64.deb`
    await fs.mkdir(path.join(ws, 'many'))
    for (let i = 0; i < count; i++)
      await fs.writeFile(path.join(ws, 'many', name(i)), syntheticDeb(`many${i}`, '1.0.0'))
    const { ctx, root } = await ctxFor({
      packages: 'many/*.deb',
      'gpg-private-key': key.armoredPrivate,
      'gpg-passphrase': 's3cret-pass'
    })
    const store = new CountingStore(ctx.store)
    const debPuts = () => store.putKeys.filter((k) => k.endsWith('.deb')).length
    ctx.store = store
    const plan = await packagesStage.plan(ctx)
    // The first package's place in the store is taken by a folder, so its put fails.
    const stable = path.join(root, 'packages', 'deb', 'stable')
    await fs.mkdir(path.join(stable, name(0), 'taken'), { recursive: true })
    await expect(packagesStage.apply(plan, ctx)).rejects.toThrow(/many000_1\.0\.0_amd64\.deb/)
    // Four are stored at a time: those under way when it failed may finish, none queued starts
    // (all 59 others were stored before), and none starts after the publish has failed.
    const atFailure = debPuts()
    expect(atFailure).toBeLessThan(count / 2)
    // Nothing names them: neither the index nor the release files were written.
    const release = path.join(root, 'packages', 'deb', 'dists', 'stable')
    for (const file of ['InRelease', 'Release', 'main/binary-amd64/Packages'])
      await expect(fs.stat(path.join(release, file))).rejects.toThrow(/ENOENT/)
    expect(debPuts()).toBe(atFailure)
  })

  it('a wrong passphrase fails at plan time, without writing and without printing the passphrase', async () => {
    const { ctx, root } = await ctxFor({
      packages: 'good/*.deb',
      'gpg-private-key': key.armoredPrivate,
      'gpg-passphrase': 'not-it'
    })
    const err = await packagesStage.plan(ctx).then(
      () => undefined,
      (e: Error) => e
    )
    expect(err?.message).toMatch(/passphrase does not unlock it/)
    expect(err?.message).not.toContain('not-it')
    expect(await fs.readdir(root)).toEqual([])
  })
})
