/**
 * Drivers planning benchmark: 10,000 configs against a store already holding 9,000 of them.
 * Our plan (one listing per driver version and arch) against test-infra's way (one existence
 * request per driver output). Prints times, store requests and ratios; asserts nothing.
 *
 *   npx tsx bench/drivers.ts [configs=10000] [existing=9000]
 *
 * The grid is seeded from __fixtures__/driverkit-paths.txt (1,305 real config paths):
 * real targets, kernel releases and versions, multiplied into more kernel releases.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readDriverInputs } from '../src/drivers/inputs.js'
import { readDriverGrid } from '../src/drivers/grid.js'
import { driverOutputs } from '../src/drivers/plan.js'
import { planDrivers } from '../src/stages/drivers.js'
import type { StageContext } from '../src/plan.js'
import { FileStore } from '../src/store/file.js'
import { CountingStore } from '../__tests__/support/counting-store.js'

const total = Number(process.argv[2] ?? 10_000)
const existingCount = Number(process.argv[3] ?? 9_000)
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const pathsFile = path.resolve(repoRoot, '__fixtures__', 'driverkit-paths.txt')

const seeds = readFileSync(pathsFile, 'utf8')
  .split('\n')
  .filter((l) => l.endsWith('.yaml'))
  .map((l) => {
    const [, , version, arch, file] = l.split('/')
    const stem = file.replace(/\.yaml$/, '')
    const target = stem.slice(0, stem.indexOf('_'))
    const rest = stem.slice(target.length + 1)
    const kv = rest.slice(rest.lastIndexOf('_') + 1)
    return { version, arch, target, kr: rest.slice(0, rest.lastIndexOf('_')), kv }
  })

const work = mkdtempSync(path.join(os.tmpdir(), 'bench-drivers-'))
const gridDir = path.join(work, 'grid')
const versions = new Set<string>()
for (let i = 0; i < total; i++) {
  const s = seeds[i % seeds.length]
  const round = Math.floor(i / seeds.length)
  const kr = round === 0 ? s.kr : `${s.kr}.b${round}`
  const dir = path.join(gridDir, s.version, s.arch)
  mkdirSync(dir, { recursive: true })
  versions.add(s.version)
  const base = `falco_${s.target}_${kr}_${s.kv}`
  writeFileSync(
    path.join(dir, `${s.target}_${kr}_${s.kv}.yaml`),
    `kernelversion: "${s.kv}"\nkernelrelease: ${kr}\ntarget: ${s.target}\narchitecture: ${s.arch === 'x86_64' ? 'amd64' : 'arm64'}\noutput:\n    module: output/${s.version}/${s.arch}/${base}.ko\n    probe: output/${s.version}/${s.arch}/${base}.o\n`
  )
}

const storeRoot = path.join(work, 'public')
const store = new CountingStore(new FileStore(storeRoot))
const grid = await readDriverGrid(gridDir, [...versions])
for (const c of grid.configs.slice(0, existingCount)) {
  for (const o of driverOutputs(c)) {
    const file = path.join(storeRoot, o.key)
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, 'x')
  }
}

const noop = () => undefined
const ctx: StageContext = {
  release: {
    channel: 'stable',
    version: '0.40.0',
    prerelease: false,
    latest: true,
    reason: 'bench',
    sha: 'x'
  },
  inputs: {
    drivers: readDriverInputs(
      (n) => ({ 'drivers-config': 'grid', 'driver-versions': [...versions].join(',') })[n] ?? ''
    )
  } as StageContext['inputs'],
  store,
  log: {
    info: noop,
    debug: noop,
    warning: noop,
    error: noop,
    group: (_n, fn) => fn(),
    secret: noop
  },
  workspace: work,
  workdir: path.join(work, 'tmp')
}

const requests = () => store.total()
const reset = () => store.reset()

// Warm the page cache so both sides read the same warm files.
await planDrivers(ctx)

reset()
let t0 = performance.now()
const plan = await planDrivers(ctx)
const oursMs = performance.now() - t0
const oursRequests = requests()
const toBuild = plan.operations.filter((o) => o.action === 'build').length

// The part both ways share: reading and validating 10,000 YAML files.
t0 = performance.now()
await readDriverGrid(gridDir, [...versions])
const readMs = performance.now() - t0

// An S3-style store pages listings by 1,000 keys: count the pages ours would need there.
let pages = 0
for (const prefix of new Set(grid.configs.map((c) => `driver/${c.driverVersion}/${c.arch}/`))) {
  let n = 0
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  for await (const _ of store.list(prefix)) n++
  pages += Math.max(1, Math.ceil(n / 1000))
}

// test-infra's way: read the same grid, then one existence request per driver output.
reset()
t0 = performance.now()
const g = await readDriverGrid(gridDir, [...versions])
let missing = 0
for (const c of g.configs) {
  let all = true
  for (const o of driverOutputs(c)) if (!(await store.head(o.key))) all = false
  if (!all) missing++
}
const theirsMs = performance.now() - t0
const theirsRequests = requests()

console.log(
  `configs: ${grid.configs.length} in ${versions.size} driver versions; already published: ${existingCount}`
)
console.log(`to build: ours ${toBuild}, per-driver requests ${missing}`)
console.log(
  `plan with one listing per driver version/arch: ${oursMs.toFixed(0)} ms, ${oursRequests} store requests`
)
console.log(
  `one existence request per driver output:       ${theirsMs.toFixed(0)} ms, ${theirsRequests} store requests`
)
console.log(
  `of which reading and validating the ${grid.configs.length} YAML configs: ${readMs.toFixed(0)} ms`
)
console.log(
  `existence checks alone: ours ${(oursMs - readMs).toFixed(0)} ms, per-driver ${(theirsMs - readMs).toFixed(0)} ms (${((theirsMs - readMs) / Math.max(oursMs - readMs, 1)).toFixed(1)}x)`
)
console.log(
  `test-infra checked one file per driver: ${grid.configs.length} requests, ${(grid.configs.length / pages).toFixed(0)}x ours on S3 (${theirsRequests} when both .ko and .o are checked)`
)
console.log(
  `on an S3-style store (1,000 keys per listing page): ours ${pages} list requests vs ${theirsRequests} HEAD requests (${(theirsRequests / pages).toFixed(0)}x)`
)
console.log(
  `ratio (per-driver / ours): time ${(theirsMs / oursMs).toFixed(2)}x, requests ${(theirsRequests / oursRequests).toFixed(0)}x`
)
console.log(
  `at 20 ms per remote request: ours ~${((pages * 20) / 1000).toFixed(1)} s of round trips, per-driver ~${((theirsRequests * 20) / 1000).toFixed(0)} s`
)
rmSync(work, { recursive: true, force: true })
