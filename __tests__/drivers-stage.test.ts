import { afterAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { readInputs } from '../src/inputs.js'
import { StageError, type StageContext } from '../src/plan.js'
import type { Release } from '../src/release/release.js'
import { driversStage } from '../src/stages/drivers.js'
import { FileStore } from '../src/store/file.js'
import type { Store } from '../src/store/store.js'
import { CountingStore } from './support/counting-store.js'
import { recordingLogger, repoRoot } from './support/drivers-fixtures.js'

const copyBuilder = path.join(repoRoot, '__tests__', 'support', 'copy-builder.sh')
const BUILDER = `${copyBuilder} {kernelrelease} {config} {module} {probe}`

const release: Release = {
  channel: 'dev',
  version: '0.41.0-3+abcdef0',
  prerelease: false,
  latest: false,
  reason: 'push to master',
  sha: 'abcdef0'
}

function config(kr: string, probe = true): string {
  return `kernelversion: 1\nkernelrelease: ${kr}\ntarget: debian\narchitecture: amd64\noutput:\n  module: output/falco_debian_${kr}_1.ko\n${probe ? `  probe: output/falco_debian_${kr}_1.o\n` : ''}`
}

/** A workspace with a drivers grid, a store and a context to run the stage in. */
function setup(
  grid: Record<string, string>,
  inputs: Record<string, string> = {},
  rel: Release = release
) {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'drivers-stage-'))
  workspaces.push(workspace)
  for (const [file, text] of Object.entries(grid)) {
    mkdirSync(path.dirname(path.join(workspace, 'grid', file)), { recursive: true })
    writeFileSync(path.join(workspace, 'grid', file), text)
  }
  const store = new CountingStore(
    new FileStore(path.join(workspace, 'public'), { baseUrl: 'https://download.example.org' })
  )
  const log = recordingLogger()
  const ctx = (over: Record<string, string> = {}): StageContext => ({
    release: rel,
    inputs: readInputs(
      (n) =>
        ({
          'drivers-config': 'grid',
          'driver-versions': '7.0.0+driver',
          'driver-builder': BUILDER,
          'driver-concurrency': '2',
          ...inputs,
          ...over
        })[n]
    ),
    store,
    log,
    workspace,
    workdir: path.join(workspace, 'tmp')
  })
  return { workspace, store, log, ctx, root: path.join(workspace, 'public') }
}

const GRID = {
  '7.0.0+driver/x86_64/debian_6.1.0-1-amd64_1.yaml': config('6.1.0-1-amd64'),
  '7.0.0+driver/x86_64/debian_6.1.0-2-amd64_1.yaml': config('6.1.0-2-amd64', false),
  '7.0.0+driver/x86_64/debian_6.1.0-3-broken_1.yaml': config('6.1.0-3-broken'),
  '7.0.0+driver/x86_64/debian_6.1.0-4-empty_1.yaml': config('6.1.0-4-empty', false),
  '7.0.0+driver/x86_64/bad.yaml': 'kernelrelease: 1\n'
}
const V = 'driver/7.0.0+driver/x86_64'

const workspaces: string[] = []
afterAll(() => workspaces.forEach((w) => rmSync(w, { recursive: true, force: true })))

describe('driversStage', () => {
  it('plans nothing for channel none or without driver versions', async () => {
    const none = setup(GRID, {}, { ...release, channel: 'none', version: '' })
    expect((await driversStage.plan(none.ctx())).operations).toEqual([])
    expect((await driversStage.plan(none.ctx({ 'driver-versions': '' }))).operations).toEqual([])
    const stable = setup(GRID, {}, { ...release, channel: 'stable' })
    expect((await driversStage.plan(stable.ctx({ 'driver-versions': '' }))).operations).toEqual([])
  })

  it('builds what is missing, publishes what built, reports what failed, and lists it all', async () => {
    const { ctx, root, store, log } = setup(GRID)
    const plan = await driversStage.plan(ctx())
    expect(log.lines).toContainEqual({
      level: 'warning',
      message: expect.stringMatching(
        /^7\.0\.0\+driver\/x86_64\/bad\.yaml: invalid config, not built: missing field 'target'/
      )
    })
    expect(plan.operations.filter((o) => o.action === 'build')).toHaveLength(4)
    expect(plan.operations.find((o) => o.target === '7.0.0+driver/x86_64/bad.yaml')).toMatchObject({
      action: 'skip',
      reason: expect.stringMatching(/invalid config/)
    })
    expect(existsSync(root)).toBe(false) // planning wrote nothing

    const result = await driversStage.apply(plan, ctx())
    // A start line, then one counted line per build, and the failures with their counter.
    const info = log.lines.filter((l) => l.level === 'info').map((l) => l.message)
    expect(info).toContain('building 4 driver config(s), 2 at a time')
    expect(info.filter((m) => /^\[[1-4]\/4\] building falco_debian_/.test(m))).toHaveLength(4)
    expect(new Set(info.map((m) => /^\[(\d)\/4\] building/.exec(m)?.[1]).filter(Boolean))).toEqual(
      new Set(['1', '2', '3', '4'])
    )
    expect(log.lines).toContainEqual({
      level: 'warning',
      message: expect.stringMatching(
        /^\[\d\/4\] 7\.0\.0\+driver\/x86_64\/debian_6\.1\.0-3-broken_1\.yaml: builder exited/
      )
    })
    expect(
      result.published
        .filter((p) => p.kind === 'driver')
        .map((p) => p.path)
        .sort()
    ).toEqual([
      `${V}/falco_debian_6.1.0-1-amd64_1.ko`,
      `${V}/falco_debian_6.1.0-1-amd64_1.o`,
      `${V}/falco_debian_6.1.0-2-amd64_1.ko`
    ])
    const ko = result.published.find((p) => p.path.endsWith('6.1.0-1-amd64_1.ko'))
    expect(ko).toMatchObject({
      url: 'https://download.example.org/driver/7.0.0%2Bdriver/x86_64/falco_debian_6.1.0-1-amd64_1.ko',
      size: expect.any(Number),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/)
    })
    // The builder got the config copy whose outputs point into the work directory.
    expect(readFileSync(path.join(root, V, 'falco_debian_6.1.0-1-amd64_1.ko'), 'utf8')).toMatch(
      /module: .*tmp\/drivers\/7\.0\.0\+driver\/x86_64\/falco_debian_6\.1\.0-1-amd64_1\/falco_debian_6\.1\.0-1-amd64_1\.ko/
    )

    expect(JSON.parse(result.outputs!.drivers)).toEqual({
      planned: 4,
      skipped: 0,
      built: 3,
      published: 3,
      failed: 2,
      invalid: 1
    })
    expect(JSON.parse(result.outputs!.failing)).toEqual([
      '7.0.0+driver/x86_64/debian_6.1.0-3-broken_1.yaml',
      '7.0.0+driver/x86_64/debian_6.1.0-4-empty_1.yaml',
      '7.0.0+driver/x86_64/bad.yaml'
    ])
    expect(result.failed[0].error).toBe('builder exited with code 1')
    expect(result.failed[1].error).toMatch(/left no module/)
    const logs = result.outputs!['driver-logs']
    expect(
      readFileSync(path.join(logs, '7.0.0+driver_x86_64_falco_debian_6.1.0-3-broken_1.log'), 'utf8')
    ).toMatch(/compiler error for 6\.1\.0-3-broken/)
    expect(readFileSync(path.join(path.dirname(logs), 'failing.txt'), 'utf8')).toMatch(
      /debian_6\.1\.0-3-broken_1\.yaml\tbuilder exited with code 1\t.*\.log/
    )
    expect(result.summary).toContain(
      '| 7.0.0+driver/x86_64/debian_6.1.0-3-broken_1.yaml | builder exited with code 1 |'
    )

    // Falco's driver site: one file for the version, the index of versions, the page.
    const site = JSON.parse(readFileSync(path.join(root, 'driver/site/7.0.0+driver.json'), 'utf8'))
    expect(site.index).toEqual({
      lib: ['7.0.0+driver'],
      arch: ['x86_64'],
      kind: ['ebpf', 'kmod'],
      target: ['debian']
    })
    expect(site.drivers.map((d: { name: string }) => d.name)).toEqual(
      [
        'falco_debian_6.1.0-1-amd64_1.o',
        'falco_debian_6.1.0-1-amd64_1.ko',
        'falco_debian_6.1.0-2-amd64_1.ko'
      ].sort()
    )
    expect(site.drivers.find((d: { kind: string }) => d.kind === 'ebpf')).toEqual({
      lib: '7.0.0+driver',
      arch: 'x86_64',
      kind: 'ebpf',
      kernel: '6.1.0-1-amd64',
      target: 'debian',
      name: 'falco_debian_6.1.0-1-amd64_1.o',
      download:
        'https://download.example.org/driver/7.0.0%2Bdriver/x86_64/falco_debian_6.1.0-1-amd64_1.o',
      sizebytes: expect.any(Number),
      size: expect.stringMatching(/^\d+ B$|^\d+(\.\d)? kB$/),
      lastmodified: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/)
    })
    expect(JSON.parse(readFileSync(path.join(root, 'driver/site/index.json'), 'utf8'))).toEqual([
      '7.0.0+driver'
    ])
    expect(readFileSync(path.join(root, 'driver/site/index.html'), 'utf8')).toContain(
      "getJson('index.json')"
    )

    // Re-running builds nothing new that exists and publishes nothing new.
    store.requests.put = 0
    const again = await driversStage.plan(ctx())
    expect(again.operations.filter((o) => o.action === 'build').map((o) => o.source)).toEqual([
      '7.0.0+driver/x86_64/debian_6.1.0-3-broken_1.yaml',
      '7.0.0+driver/x86_64/debian_6.1.0-4-empty_1.yaml'
    ])
    const second = await driversStage.apply(again, ctx())
    expect(second.published).toEqual([])
    expect(store.requests.put).toBe(0)
  })

  it('applies the stage when the only news is an invalid config, so that it is reported', async () => {
    const { ctx, store } = setup(
      {
        '7.0.0+driver/x86_64/debian_6.1.0-1-amd64_1.yaml': config('6.1.0-1-amd64'),
        '7.0.0+driver/x86_64/bad.yaml': 'target: x\n'
      },
      { 'fail-on-build-error': 'true' }
    )
    await driversStage.apply(await driversStage.plan(ctx()), ctx()).catch(() => undefined)
    const puts = store.requests.put
    const plan = await driversStage.plan(ctx())
    expect(JSON.parse(plan.outputs!.failing)).toEqual(['7.0.0+driver/x86_64/bad.yaml'])
    expect(plan.operations.some((o) => o.action !== 'skip')).toBe(true)
    const error = await driversStage.apply(plan, ctx()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StageError)
    expect((error as StageError).result.published).toEqual([])
    expect(store.requests.put).toBe(puts)
  })

  it('re-running a fully built grid builds nothing and writes nothing', async () => {
    const grid = { '7.0.0+driver/x86_64/debian_6.1.0-1-amd64_1.yaml': config('6.1.0-1-amd64') }
    const { ctx, store } = setup(grid)
    await driversStage.apply(await driversStage.plan(ctx()), ctx())
    const puts = store.requests.put
    const plan = await driversStage.plan(ctx())
    expect(plan.operations.map((o) => o.action)).toEqual(['skip'])
    const r = await driversStage.apply(plan, ctx())
    expect(r.published).toEqual([])
    expect(store.requests.put).toBe(puts)
    expect(JSON.parse(r.outputs!.drivers)).toMatchObject({
      planned: 1,
      skipped: 1,
      built: 0,
      published: 0
    })
  })

  it('fans out: shard plan outputs the matrix, n shards build everything once, shard index lists', async () => {
    const grid = Object.fromEntries(
      Array.from({ length: 7 }, (_, i) => [
        `7.0.0+driver/x86_64/debian_6.1.0-${i}-amd64_1.yaml`,
        config(`6.1.0-${i}-amd64`)
      ])
    )
    const { ctx, root, store } = setup(grid, { 'driver-jobs': '3' })
    const planned = await driversStage.plan(ctx({ shard: 'plan' }))
    expect(JSON.parse(planned.outputs!['driver-matrix'])).toEqual({ shard: ['1/3', '2/3', '3/3'] })
    expect((await driversStage.apply(planned, ctx({ shard: 'plan' }))).published).toEqual([])
    expect(existsSync(root)).toBe(false)

    const built: string[] = []
    for (const shard of JSON.parse(planned.outputs!['driver-matrix']).shard as string[]) {
      const r = await driversStage.apply(await driversStage.plan(ctx({ shard })), ctx({ shard }))
      built.push(...r.published.filter((p) => p.kind === 'driver').map((p) => p.path))
    }
    expect(built).toHaveLength(14)
    expect(new Set(built).size).toBe(14)

    const listed = await driversStage.apply(
      await driversStage.plan(ctx({ shard: 'index' })),
      ctx({ shard: 'index' })
    )
    expect(listed.published.filter((p) => p.kind === 'driver')).toEqual([])
    const site = JSON.parse(readFileSync(path.join(root, 'driver/site/7.0.0+driver.json'), 'utf8'))
    expect(site.drivers).toHaveLength(14)
    let objects = 0
    for await (const o of store.list(`${V}/`))
      objects += o.key.endsWith('.ko') || o.key.endsWith('.o') ? 1 : 0
    expect(objects).toBe(14)
  })

  it('updates the site from what it published: one listing to skip existing drivers, none for the site', async () => {
    const grid: Record<string, string> = {
      '7.0.0+driver/x86_64/debian_6.1.0-1-amd64_1.yaml': config('6.1.0-1-amd64')
    }
    const { ctx, root, store, workspace } = setup(grid)
    await driversStage.apply(await driversStage.plan(ctx()), ctx())
    // A new kernel arrives; the store holds the first one's drivers.
    const file = '7.0.0+driver/x86_64/debian_6.1.0-2-amd64_1.yaml'
    writeFileSync(path.join(workspace, 'grid', file), config('6.1.0-2-amd64'))
    store.reset()
    await driversStage.apply(await driversStage.plan(ctx()), ctx())
    expect(store.requests.list).toBe(1)
    const site = JSON.parse(readFileSync(path.join(root, 'driver/site/7.0.0+driver.json'), 'utf8'))
    expect(site.drivers.map((d: { kernel: string }) => d.kernel)).toEqual([
      '6.1.0-1-amd64',
      '6.1.0-1-amd64',
      '6.1.0-2-amd64',
      '6.1.0-2-amd64'
    ])
  })

  it("copies an old store's flat-layout git-SHA drivers into their arch folder instead of building them", async () => {
    const sha = '5c0b863ddade7a45568c0ac97d037422c9efb750'
    const { ctx, root } = setup({ [`${sha}/debian_6.1.0-1-amd64_1.yaml`]: config('6.1.0-1-amd64') })
    // What Falco's bucket holds for that era: the flat files only.
    mkdirSync(path.join(root, 'driver', sha), { recursive: true })
    for (const ext of ['ko', 'o'])
      writeFileSync(
        path.join(root, 'driver', sha, `falco_debian_6.1.0-1-amd64_1.${ext}`),
        `old ${ext}`
      )
    const c = ctx({ 'driver-versions': sha })
    const plan = await driversStage.plan(c)
    expect(plan.operations.filter((o) => o.action === 'build')).toEqual([])
    expect(plan.operations.filter((o) => o.action === 'put' && o.source)).toEqual([
      expect.objectContaining({
        target: `driver/${sha}/x86_64/falco_debian_6.1.0-1-amd64_1.ko`,
        source: `driver/${sha}/falco_debian_6.1.0-1-amd64_1.ko`
      }),
      expect.objectContaining({ target: `driver/${sha}/x86_64/falco_debian_6.1.0-1-amd64_1.o` })
    ])
    await driversStage.apply(plan, c)
    expect(
      readFileSync(
        path.join(root, 'driver', sha, 'x86_64', 'falco_debian_6.1.0-1-amd64_1.ko'),
        'utf8'
      )
    ).toBe('old ko')
    // Like every published driver, it has its checksum beside it.
    const { createHash } = await import('node:crypto')
    expect(
      readFileSync(
        path.join(root, 'driver', sha, 'x86_64', 'falco_debian_6.1.0-1-amd64_1.ko.sha256'),
        'utf8'
      )
    ).toBe(
      `${createHash('sha256').update('old ko').digest('hex')}  falco_debian_6.1.0-1-amd64_1.ko\n`
    )
    const site = JSON.parse(readFileSync(path.join(root, `driver/site/${sha}.json`), 'utf8'))
    expect(site.drivers.map((d: { arch: string; name: string }) => `${d.arch}/${d.name}`)).toEqual([
      'x86_64/falco_debian_6.1.0-1-amd64_1.ko',
      'x86_64/falco_debian_6.1.0-1-amd64_1.o'
    ])
  })

  it('stops a build at driver-timeout and goes on with the others', async () => {
    const { ctx } = setup(
      {
        '7.0.0+driver/x86_64/debian_6.1.0-1-slow_1.yaml': config('6.1.0-1-slow'),
        '7.0.0+driver/x86_64/debian_6.1.0-2-amd64_1.yaml': config('6.1.0-2-amd64')
      },
      { 'driver-timeout': '1' }
    )
    const r = await driversStage.apply(await driversStage.plan(ctx()), ctx())
    expect(r.failed).toEqual([
      {
        target: '7.0.0+driver/x86_64/debian_6.1.0-1-slow_1.yaml',
        error: 'build timed out after 1s'
      }
    ])
    expect(r.published.filter((p) => p.kind === 'driver')).toHaveLength(2)
  })

  it('with fail-on-build-error, fails the stage after publishing the others', async () => {
    const { ctx } = setup(GRID, { 'fail-on-build-error': 'true' })
    const plan = await driversStage.plan(ctx())
    const error = await driversStage.apply(plan, ctx()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StageError)
    const partial = (error as StageError).result
    expect(partial.published.filter((p) => p.kind === 'driver')).toHaveLength(3)
    expect(partial.failed).toHaveLength(3)
  })

  it('reports the drivers it published when the listing cannot be written', async () => {
    const { ctx, store } = setup({
      '7.0.0+driver/x86_64/debian_6.1.0-1-amd64_1.yaml': config('6.1.0-1-amd64')
    })
    const inner = store.inner
    // The same directory, but every index.json write fails (a full disk, a lost connection).
    const failing: Store = {
      location: inner.location,
      head: (key) => inner.head(key),
      get: (key) => inner.get(key),
      list: (prefix) => inner.list(prefix),
      delete: (key) => inner.delete(key),
      url: (key) => inner.url(key),
      put: (key, body, options) =>
        key.endsWith('index.json')
          ? Promise.reject(new Error('disk full'))
          : inner.put(key, body, options)
    }
    const c = { ...ctx(), store: failing }
    const error = await driversStage.apply(await driversStage.plan(c), c).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StageError)
    expect((error as StageError).message).toMatch(
      /listing could not be refreshed: disk full.*shard: index/
    )
    expect((error as StageError).result.published.map((p) => p.path)).toEqual([
      `${V}/falco_debian_6.1.0-1-amd64_1.ko`,
      `${V}/falco_debian_6.1.0-1-amd64_1.ko.sha256`,
      `${V}/falco_debian_6.1.0-1-amd64_1.o`,
      `${V}/falco_debian_6.1.0-1-amd64_1.o.sha256`
    ])
  })

  it('keeps the newest driver-retention driver versions', async () => {
    const grid: Record<string, string> = {}
    for (const v of ['1.0.0+driver', '2.0.0+driver', '10.0.0+driver'])
      grid[`${v}/x86_64/debian_6.1.0-1-amd64_1.yaml`] = config('6.1.0-1-amd64')
    const { ctx, root } = setup(grid)
    for (const v of ['1.0.0+driver', '2.0.0+driver', '10.0.0+driver']) {
      await driversStage.apply(
        await driversStage.plan(ctx({ 'driver-versions': v })),
        ctx({ 'driver-versions': v })
      )
    }
    await driversStage.apply(
      await driversStage.plan(ctx({ 'driver-versions': '10.0.0+driver', 'driver-retention': '2' })),
      ctx({ 'driver-versions': '10.0.0+driver', 'driver-retention': '2' })
    )
    expect(
      existsSync(path.join(root, 'driver/1.0.0+driver/x86_64/falco_debian_6.1.0-1-amd64_1.ko'))
    ).toBe(false)
    expect(
      existsSync(path.join(root, 'driver/2.0.0+driver/x86_64/falco_debian_6.1.0-1-amd64_1.ko'))
    ).toBe(true)
    const index = JSON.parse(readFileSync(path.join(root, 'driver/site/index.json'), 'utf8'))
    expect(index).toEqual(['10.0.0+driver', '2.0.0+driver'])
    expect(existsSync(path.join(root, 'driver/site/1.0.0+driver.json'))).toBe(false)
    expect(existsSync(path.join(root, 'driver/site/2.0.0+driver.json'))).toBe(true)
  })
})
