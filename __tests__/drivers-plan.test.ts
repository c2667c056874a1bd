import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parseDocument } from 'yaml'
import type { DriverConfig } from '../src/drivers/config.js'
import { splitArgs } from '../src/drivers/args.js'
import { builderArgv, jobPaths, placeholders, rewriteConfig } from '../src/drivers/build.js'
import { DRIVER_INPUT_DEFAULTS, readDriverInputs } from '../src/drivers/inputs.js'
import { driverMatrix, driverOutputs, folders, planJobs } from '../src/drivers/plan.js'
import { parseShard, selectShard } from '../src/drivers/shard.js'
import { INPUT_DEFAULTS, InputError, readInputs } from '../src/inputs.js'
import { fixture } from './support/drivers-fixtures.js'

const config = (over: Partial<DriverConfig> = {}): DriverConfig => ({
  file: '7.0.0+driver/x86_64/debian_6.1.0-9-amd64_1.yaml',
  source: '/nonexistent',
  driverVersion: '7.0.0+driver',
  arch: 'x86_64',
  target: 'debian',
  kernelRelease: '6.1.0-9-amd64',
  kernelVersion: '1',
  module: true,
  probe: true,
  kernelUrls: [],
  hasKernelConfigData: false,
  ...over
})

/** A small deterministic PRNG, so a failing case can be replayed from its seed. */
function prng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }
}

describe('shards', () => {
  it('i/n over n jobs covers every config exactly once, in slices that differ by at most one (property)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rand = prng(seed)
      const size = Math.floor(rand() * 400)
      const n = 1 + Math.floor(rand() * 40)
      const items = Array.from({ length: size }, (_, i) => `cfg-${i}-${Math.floor(rand() * 1e6)}`)
      const seen = new Map<string, number>()
      const sizes: number[] = []
      for (let i = 1; i <= n; i++) {
        const slice = selectShard(items, parseShard(`${i}/${n}`))
        sizes.push(slice.length)
        for (const x of slice) seen.set(x, (seen.get(x) ?? 0) + 1)
        // Deterministic: the same input gives the same slice.
        expect(selectShard(items, parseShard(`${i}/${n}`))).toEqual(slice)
      }
      expect(seen.size).toBe(new Set(items).size)
      expect([...seen.values()].every((count) => count === 1)).toBe(true)
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
    }
  })

  it.each(['0/3', '4/3', '1/0', 'x', '1/', '-1/2'])('rejects shard %s', (raw) => {
    expect(() => parseShard(raw)).toThrow(/<i>\/<n>/)
  })

  it('reads plan, index and empty', () => {
    expect(parseShard('')).toEqual({ mode: 'all' })
    expect(parseShard('plan')).toEqual({ mode: 'plan' })
    expect(parseShard('index')).toEqual({ mode: 'index' })
    expect(parseShard(' 2/8 ')).toEqual({ mode: 'slice', index: 2, count: 8 })
  })

  it('fans out into at most driver-jobs shards, none when nothing is missing', () => {
    expect(driverMatrix(0, 16)).toEqual({ shard: [] })
    expect(driverMatrix(3, 16)).toEqual({ shard: ['1/3', '2/3', '3/3'] })
    expect(driverMatrix(1000, 4)).toEqual({ shard: ['1/4', '2/4', '3/4', '4/4'] })
  })
})

describe('planJobs', () => {
  it('skips a config whose outputs all exist and keeps only the missing ones of the others', () => {
    const a = config()
    const b = config({ kernelRelease: '6.1.0-10-amd64', file: 'b.yaml' })
    const c = config({ kernelRelease: '6.1.0-11-amd64', probe: false, file: 'c.yaml' })
    const existing = new Set([
      'driver/7.0.0+driver/x86_64/falco_debian_6.1.0-9-amd64_1.ko',
      'driver/7.0.0+driver/x86_64/falco_debian_6.1.0-9-amd64_1.o',
      'driver/7.0.0+driver/x86_64/falco_debian_6.1.0-10-amd64_1.ko'
    ])
    const jobs = planJobs([a, b, c], existing)
    expect(jobs.map((j) => j.missing.map((o) => o.key))).toEqual([
      [],
      ['driver/7.0.0+driver/x86_64/falco_debian_6.1.0-10-amd64_1.o'],
      ['driver/7.0.0+driver/x86_64/falco_debian_6.1.0-11-amd64_1.ko']
    ])
  })

  it('copies git-SHA x86_64 drivers to the flat layout, and on S3 names a + with a space', () => {
    const sha = '39ae7d40496793cf3d3e7890c9bbdc202263836b'
    expect(driverOutputs(config({ driverVersion: sha, probe: false }))).toEqual([
      {
        kind: 'module',
        key: `driver/${sha}/x86_64/falco_debian_6.1.0-9-amd64_1.ko`,
        aliases: [`driver/${sha}/falco_debian_6.1.0-9-amd64_1.ko`]
      }
    ])
    // aarch64 had no flat layout; semver versions neither.
    expect(driverOutputs(config({ driverVersion: sha, arch: 'aarch64' }))[0].aliases).toEqual([])
    expect(driverOutputs(config())[0].aliases).toEqual([])
    const cos = config({ target: 'cos', kernelRelease: '5.15.133+', probe: false })
    expect(driverOutputs(cos, { spaceForPlus: false })[0].aliases).toEqual([])
    expect(driverOutputs(cos, { spaceForPlus: true })[0]).toEqual({
      kind: 'module',
      key: 'driver/7.0.0+driver/x86_64/falco_cos_5.15.133+_1.ko',
      // The driver version keeps its +: falcoctl sends it as %2B, which S3 decodes to +.
      aliases: ['driver/7.0.0+driver/x86_64/falco_cos_5.15.133 _1.ko']
    })
    // A driver the store holds under one of its keys is copied to the others, not built again.
    const key = `driver/${sha}/x86_64/falco_debian_6.1.0-9-amd64_1.ko`
    const flat = `driver/${sha}/falco_debian_6.1.0-9-amd64_1.ko`
    const one = (existing: string[]) =>
      planJobs([config({ driverVersion: sha, probe: false })], new Set(existing))[0]
    expect(one([key])).toMatchObject({ missing: [], copies: [{ from: key, to: flat }] })
    expect(one([flat])).toMatchObject({ missing: [], copies: [{ from: flat, to: key }] })
    expect(one([key, flat])).toMatchObject({ missing: [], copies: [] })
    expect(one([]).missing).toHaveLength(1)
    expect(folders([config({ driverVersion: sha })])).toEqual([`driver/${sha}/`])
  })

  it('lists one folder per driver version and arch', () => {
    expect(
      folders([
        config(),
        config({ kernelRelease: 'x' }),
        config({ arch: 'aarch64' }),
        config({ driverVersion: '8.0.0+driver' })
      ])
    ).toEqual([
      'driver/7.0.0+driver/aarch64/',
      'driver/7.0.0+driver/x86_64/',
      'driver/8.0.0+driver/x86_64/'
    ])
  })
})

describe('the builder command', () => {
  const job = {
    config: config({ probe: false }),
    name: 'falco_debian_6.1.0-9-amd64_1',
    outputs: [],
    missing: [],
    copies: []
  }
  const paths = jobPaths('/work/drivers', job)

  it('fills placeholders per argument; an unwanted probe is one empty argument', () => {
    const argv = builderArgv(
      'build.sh --config {config} --kr {kernelrelease} {module} {probe} "{target} x" --dv={driverversion}',
      placeholders(job.config, paths, '/work/drivers')
    )
    expect(argv).toEqual([
      'build.sh',
      '--config',
      '/work/drivers/7.0.0+driver/x86_64/falco_debian_6.1.0-9-amd64_1/config.yaml',
      '--kr',
      '6.1.0-9-amd64',
      '/work/drivers/7.0.0+driver/x86_64/falco_debian_6.1.0-9-amd64_1/falco_debian_6.1.0-9-amd64_1.ko',
      '',
      'debian x',
      '--dv=7.0.0+driver'
    ])
  })

  it('keeps quoted empty arguments and rejects unbalanced quotes', () => {
    expect(splitArgs(`a '' "b c"`)).toEqual(['a', '', 'b c'])
    expect(() => splitArgs('a "b')).toThrow(/unbalanced/)
  })

  it("rewrites a real config's outputs into the work directory and keeps everything else", () => {
    const file = fixture(
      'driverkit-config/8.0.0+driver/x86_64/centos_3.10.0-1160.el7.x86_64_1.yaml'
    )
    const text = readFileSync(file, 'utf8')
    const c = config({ target: 'centos', kernelRelease: '3.10.0-1160.el7.x86_64', probe: false })
    const out = parseDocument(rewriteConfig(text, c, paths)).toJS()
    expect(out.output).toEqual({ module: paths.module })
    expect(out.kernelurls).toEqual(parseDocument(text).toJS().kernelurls)
    expect(out.kernelversion).toBe('1')
  })
})

describe('readDriverInputs', () => {
  const from = (values: Record<string, string>) => (name: string) => values[name] ?? ''

  it('defaults: nothing to build, driverkit as builder, concurrency from the CPUs, keep all', () => {
    const d = readDriverInputs(from({}))
    expect(d).toMatchObject({
      config: '',
      versions: [],
      builder: 'driverkit docker --config {config} --driverversion {driverversion}',
      timeout: 3600,
      shard: { mode: 'all' },
      retention: 0,
      failOnBuildError: false,
      jobs: 16
    })
    expect(d.concurrency).toBeGreaterThanOrEqual(1)
  })

  it('reads lists and numbers', () => {
    const d = readDriverInputs(
      from({
        'driver-versions': '7.0.0+driver, 8.0.0+driver',
        'driver-concurrency': '3',
        shard: '2/4',
        'driver-retention': '2'
      })
    )
    expect(d).toMatchObject({
      versions: ['7.0.0+driver', '8.0.0+driver'],
      concurrency: 3,
      shard: { mode: 'slice', index: 2, count: 4 },
      retention: 2
    })
  })

  it.each([
    ['shard', '5/4', /input 'shard'/],
    ['driver-concurrency', '0', /input 'driver-concurrency'/],
    ['driver-timeout', '1h', /input 'driver-timeout'/],
    ['driver-builder', 'driverkit docker', /input 'driver-builder'.*\{config\}/],
    ['driver-builder', 'b "{config}', /input 'driver-builder'.*unbalanced/],
    ['fail-on-build-error', 'perhaps', /input 'fail-on-build-error'/]
  ])('rejects %s=%s naming the input', (name, value, message) => {
    expect(() => readDriverInputs(from({ [name]: value }))).toThrow(InputError)
    expect(() => readDriverInputs(from({ [name]: value }))).toThrow(message)
  })

  it('is part of the one Inputs object', () => {
    expect(readInputs((n) => ({ 'driver-versions': '9.0.0+driver' })[n]).drivers.versions).toEqual([
      '9.0.0+driver'
    ])
  })
})

describe('the drivers inputs and outputs in action.yml', () => {
  const snippet = parseDocument(readFileSync('action.yml', 'utf8'), {
    schema: 'failsafe'
  })

  it('parses, and its defaults are the ones the code applies', () => {
    expect(snippet.errors).toEqual([])
    const { inputs } = snippet.toJS() as {
      inputs: Record<string, { default: string; description: string }>
    }
    const drivers = Object.entries(inputs).filter(([name]) => name in DRIVER_INPUT_DEFAULTS)
    expect(Object.fromEntries(drivers.map(([k, v]) => [k, v.default]))).toEqual(
      DRIVER_INPUT_DEFAULTS
    )
    for (const [name, value] of Object.entries(DRIVER_INPUT_DEFAULTS)) {
      expect([name, (INPUT_DEFAULTS as Record<string, string>)[name]]).toEqual([name, value])
    }
  })

  it('declares every output the stage sets', async () => {
    const { outputs } = snippet.toJS() as { outputs: Record<string, { description: string }> }
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['driver-logs', 'driver-matrix', 'drivers', 'failing'])
    )
  })
})
