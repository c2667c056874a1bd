/**
 * Drivers planning benchmark: N configs against a store already holding most of them.
 *
 *   npx tsx bench/drivers.ts [configs=10000] [existing=90% of configs]
 *   BENCH_CPU_PROF=dir npx tsx bench/drivers.ts 50000   # also writes a .cpuprofile per phase
 *   BENCH_KEEP=1 npx tsx bench/drivers.ts 50000         # keeps the grid and store for reruns
 *
 * Each measured phase runs in a process of its own, so its peak RSS is its own:
 * - plan: `planDrivers` as a publish runs it (read and validate every config, one listing per
 *   driver version and arch, the operations);
 * - refresh: `shard: index`, the listing refresh (read the grid for the names, list each driver
 *   version, rebuild `driver/site/<v>.json`), against a store whose drivers all have their
 *   `.sha256` already, as after any publish of ours;
 * - read: reading and validating the configs alone.
 * The anchor is test-infra's way of skipping existing drivers: the same grid, then one existence
 * request per driver output. Prints times, peak RSS, store requests and ratios; asserts nothing.
 *
 * The grid is seeded from __fixtures__/driverkit-paths.txt, the paths of Falco's test-infra
 * `driverkit/config/` tree (1,305 real config paths, copied from the shared fixtures): real
 * targets, kernel releases and versions, multiplied into more kernel releases. Each file has the
 * fields test-infra writes (kernelurls included), in its two styles (block lists and flow lists).
 */
import { fork } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readDriverInputs } from '../src/drivers/inputs.js'
import { readDriverGrid } from '../src/drivers/grid.js'
import { driverOutputs } from '../src/drivers/plan.js'
import { sha256Line } from '../src/drivers/sidecars.js'
import { applyDrivers, planDrivers } from '../src/stages/drivers.js'
import type { StageContext } from '../src/plan.js'
import { FileStore } from '../src/store/file.js'
import { CountingStore } from '../__tests__/support/counting-store.js'

const self = fileURLToPath(import.meta.url)
const repoRoot = path.resolve(path.dirname(self), '..')

interface PhaseResult {
  ms: number
  maxRssMiB: number
  requests: Record<string, number>
  toBuild?: number
  configs?: number
}

function context(work: string, versions: string[], shard: string): StageContext {
  const noop = () => undefined
  return {
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
        (n) => ({ 'drivers-config': 'grid', 'driver-versions': versions.join(','), shard })[n] ?? ''
      ),
      packaging: { gpgPrivateKey: '', gpgPassphrase: '' }
    } as StageContext['inputs'],
    store: new CountingStore(
      new FileStore(path.join(work, 'public'), { baseUrl: 'https://download.example.org/' })
    ),
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
}

/** One measured phase, in this (child) process. */
async function phase(name: string, work: string, versions: string[]): Promise<PhaseResult> {
  const gridDir = path.join(work, 'grid')
  const t0 = performance.now()
  let extra: Partial<PhaseResult> = {}
  let store: CountingStore | undefined
  if (name === 'plan') {
    const ctx = context(work, versions, 'all')
    store = ctx.store as CountingStore
    const plan = await planDrivers(ctx)
    extra = { toBuild: plan.operations.filter((o) => o.action === 'build').length }
  } else if (name === 'refresh') {
    const ctx = context(work, versions, 'index')
    store = ctx.store as CountingStore
    const plan = await planDrivers(ctx)
    await applyDrivers(plan, ctx, {
      run: () => Promise.reject(new Error('the index shard builds nothing'))
    })
  } else if (name === 'read') {
    const g = await readDriverGrid(gridDir, versions)
    extra = { configs: g.configs.length }
  } else if (name === 'per-driver') {
    const ctx = context(work, versions, 'all')
    store = ctx.store as CountingStore
    const g = await readDriverGrid(gridDir, versions)
    let missing = 0
    for (const c of g.configs) {
      let all = true
      for (const o of driverOutputs(c)) if (!(await store.head(o.key))) all = false
      if (!all) missing++
    }
    extra = { toBuild: missing }
  } else throw new Error(`unknown phase ${name}`)
  return {
    ms: performance.now() - t0,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    requests: { ...(store?.requests ?? {}) },
    ...extra
  }
}

function runPhase(name: string, work: string, versions: string[]): Promise<PhaseResult> {
  const prof = process.env.BENCH_CPU_PROF
  const execArgv = [
    ...process.execArgv,
    ...(prof
      ? ['--cpu-prof', `--cpu-prof-dir=${prof}`, `--cpu-prof-name=drivers-${name}.cpuprofile`]
      : [])
  ]
  return new Promise((resolve, reject) => {
    const child = fork(self, ['--phase', name, work, versions.join(',')], { execArgv })
    let result: PhaseResult | undefined
    child.on('message', (m) => (result = m as PhaseResult))
    child.on('error', reject)
    child.on('exit', (code) =>
      result ? resolve(result) : reject(new Error(`phase ${name} exited with ${code}`))
    )
  })
}

function seed(total: number) {
  const seeds = readFileSync(path.join(repoRoot, '__fixtures__', 'driverkit-paths.txt'), 'utf8')
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
  const made = new Set<string>()
  for (let i = 0; i < total; i++) {
    const s = seeds[i % seeds.length]
    const round = Math.floor(i / seeds.length)
    const kr = round === 0 ? s.kr : `${s.kr}.b${round}`
    const dir = path.join(gridDir, s.version, s.arch)
    if (!made.has(dir)) mkdirSync(dir, { recursive: true })
    made.add(dir)
    versions.add(s.version)
    const base = `falco_${s.target}_${kr}_${s.kv}`
    const out = `output/${s.version}/${s.arch}/${base}`
    const url = `https://mirrors.example.org/${s.target}/kernel-devel-${kr}.rpm`
    // test-infra's two styles: the older flow list with 2-space indents, the newer block style.
    const body =
      i % 2 === 0
        ? `kernelversion: "${s.kv}"\nkernelrelease: ${kr}\ntarget: ${s.target}\narchitecture: ${s.arch === 'x86_64' ? 'amd64' : 'arm64'}\noutput:\n    module: ${out}.ko\n    probe: ${out}.o\nkernelurls:\n    - ${url}\n    - ${url.replace('devel', 'headers')}\n`
        : `kernelversion: ${s.kv}\nkernelrelease: ${kr}\ntarget: ${s.target}\narchitecture: ${s.arch === 'x86_64' ? 'amd64' : 'arm64'}\noutput:\n  module: ${out}.ko\n  probe: ${out}.o\nkernelurls: ["${url}"]\n`
    writeFileSync(path.join(dir, `${s.target}_${kr}_${s.kv}.yaml`), body)
  }
  return { work, versions: [...versions] }
}

async function main() {
  const total = Number(process.argv[2] ?? 10_000)
  const existingCount = Number(process.argv[3] ?? Math.round(total * 0.9))
  const { work, versions } = seed(total)
  const storeRoot = path.join(work, 'public')
  const grid = await readDriverGrid(path.join(work, 'grid'), versions)
  const made = new Set<string>()
  for (const c of grid.configs.slice(0, existingCount)) {
    for (const o of driverOutputs(c)) {
      const file = path.join(storeRoot, o.key)
      const dir = path.dirname(file)
      if (!made.has(dir)) mkdirSync(dir, { recursive: true })
      made.add(dir)
      writeFileSync(file, 'x')
      writeFileSync(`${file}.sha256`, sha256Line('0'.repeat(64), o.key))
    }
  }
  const configs = grid.configs.length
  // Warm the page cache (configs and the store's folders) so every phase reads the same warm files.
  await runPhase('plan', work, versions)
  const plan = await runPhase('plan', work, versions)
  const read = await runPhase('read', work, versions)
  const refresh = await runPhase('refresh', work, versions)
  const anchor = await runPhase('per-driver', work, versions)
  const total_ = (r: PhaseResult) => Object.values(r.requests).reduce((a, b) => a + b, 0)
  const line = (label: string, r: PhaseResult) =>
    `${label.padEnd(44)} ${(r.ms / 1000).toFixed(2).padStart(7)} s  peak RSS ${r.maxRssMiB.toFixed(0).padStart(4)} MiB  ${total_(r)} store requests ${JSON.stringify(r.requests)}`

  console.log(
    `configs: ${configs} in ${versions.length} driver versions; already published: ${existingCount}; invalid: ${grid.invalid.length}`
  )
  console.log(`to build: ours ${plan.toBuild}, per-driver requests ${anchor.toBuild}`)
  console.log(line('plan (ours, one listing per version/arch):', plan))
  console.log(line('plan (test-infra, one HEAD per output):', anchor))
  console.log(line('of which reading and validating the configs:', read))
  console.log(line('listing refresh (shard: index):', refresh))
  console.log(
    `ratio per-driver/ours: time ${(anchor.ms / plan.ms).toFixed(2)}x, requests ${(total_(anchor) / Math.max(total_(plan), 1)).toFixed(0)}x`
  )
  console.log(`throughput: plan ${((configs / plan.ms) * 1000).toFixed(0)} configs/s`)
  if (process.env.BENCH_KEEP)
    console.log(`kept ${work}: rerun a phase with --phase <name> ${work} ${versions.join(',')}`)
  else rmSync(work, { recursive: true, force: true })
}

if (process.argv[2] === '--phase') {
  const [, , , name, work, versions] = process.argv
  const r = await phase(name, work, versions.split(','))
  if (process.send) process.send(r)
  else console.log(JSON.stringify(r))
} else await main()
