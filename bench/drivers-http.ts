/**
 * Drivers planning against an HTTP store (Debian's nginx, WebDAV with the JSON autoindex, or
 * PROPFIND with `propfind`): N configs of which M are published. Ours (planDrivers, which lists
 * each driver version/arch folder) against the anchor, test-infra's way: one HEAD per driver
 * output. Requests and the bytes of objects downloaded come from nginx's access log. Prints,
 * asserts nothing:
 *
 *   node --import tsx bench/drivers-http.ts [configs=10000] [published=9000] [propfind] [before]
 *
 * `before` also times the plan through `list()` (what planning did before it used `scan()`: a
 * HEAD, and a GET of every object up to 16 MiB, per published driver). Drivers are written
 * straight into nginx's root as 4 KiB files (DRIVER_KIB to change): real ones are megabytes, so
 * every byte downloaded during planning would be multiplied by about a thousand.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { readDriverInputs } from '../src/drivers/inputs.js'
import { readDriverGrid } from '../src/drivers/grid.js'
import { driverOutputs } from '../src/drivers/plan.js'
import { planDrivers } from '../src/stages/drivers.js'
import type { StageContext } from '../src/plan.js'
import { HttpStore } from '../src/store/http.js'
import type { Store } from '../src/store/store.js'
import { startNginx } from '../__tests__/support/servers.js'

const args = process.argv.slice(2)
const numbers = args.filter((a) => /^\d+$/.test(a)).map(Number)
const total = numbers[0] ?? 10_000
const publishedCount = numbers[1] ?? 9_000
const listing = args.includes('propfind') ? 'propfind' : 'autoindex'
const driverBytes = Number(process.env.DRIVER_KIB ?? 4) * 1024

// A synthetic grid shaped like Falco's: 3 driver versions, 2 architectures, real targets, many
// kernel releases each; the config format is driverkit's.
const targets = ['ubuntu-generic', 'amazonlinux2', 'debian', 'centos', 'fedora', 'flatcar']
const driverVersions = ['7.0.0+driver', '7.2.1+driver', '8.0.0+driver']
const work = path.join(os.tmpdir(), `bench-drivers-http-${process.pid}`)
const gridDir = path.join(work, 'grid')
for (let i = 0; i < total; i++) {
  const version = driverVersions[i % driverVersions.length]
  const arch = Math.floor(i / driverVersions.length) % 2 === 0 ? 'x86_64' : 'aarch64'
  const target = targets[Math.floor(i / 6) % targets.length]
  const kr = `5.${i % 20}.${Math.floor(i / 36)}-${i % 97}-generic`
  const kv = String(1 + (i % 3))
  const dir = path.join(gridDir, version, arch)
  mkdirSync(dir, { recursive: true })
  const base = `falco_${target}_${kr}_${kv}`
  writeFileSync(
    path.join(dir, `${target}_${kr}_${kv}.yaml`),
    `kernelversion: "${kv}"\nkernelrelease: ${kr}\ntarget: ${target}\narchitecture: ${arch === 'x86_64' ? 'amd64' : 'arm64'}\noutput:\n    module: output/${version}/${arch}/${base}.ko\n    probe: output/${version}/${arch}/${base}.o\n`
  )
}

const nginx = await startNginx({ listing, accessLog: true })
try {
  const grid = await readDriverGrid(gridDir, driverVersions)
  const body = Buffer.alloc(driverBytes, 7)
  for (const c of grid.configs.slice(0, publishedCount)) {
    for (const o of driverOutputs(c)) {
      const file = path.join(nginx.root, 'store', o.key)
      mkdirSync(path.dirname(file), { recursive: true })
      writeFileSync(file, body)
    }
  }
  const store = new HttpStore(new URL(`${nginx.url}/store/`))
  const log = nginx.accessLog!

  /** The requests nginx logged since the last call, and the bytes of objects (not listings) sent. */
  const traffic = () => {
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean)
    writeFileSync(log, '')
    let objectBytes = 0
    const byMethod: Record<string, number> = {}
    for (const line of lines) {
      const [method, uri, , bytes] = line.split(' ')
      byMethod[method] = (byMethod[method] ?? 0) + 1
      if (method === 'GET' && !uri.endsWith('/')) objectBytes += Number(bytes)
    }
    return { requests: lines.length, objectBytes, byMethod }
  }

  const noop = () => undefined
  const ctxFor = (s: Store): StageContext => ({
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
        (n) => ({ 'drivers-config': 'grid', 'driver-versions': driverVersions.join(',') })[n] ?? ''
      )
    } as StageContext['inputs'],
    store: s,
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
  })

  // Warm the page cache and the server once, then measure.
  await planDrivers(ctxFor(store))
  traffic()
  let t0 = performance.now()
  const plan = await planDrivers(ctxFor(store))
  const oursMs = performance.now() - t0
  const ours = traffic()
  const toBuild = plan.operations.filter((o) => o.action === 'build').length

  // The anchor: read the same grid, then one HEAD per driver output (keep-alive, in sequence).
  t0 = performance.now()
  const g = await readDriverGrid(gridDir, driverVersions)
  let missing = 0
  for (const c of g.configs) {
    let all = true
    for (const o of driverOutputs(c)) {
      const response = await fetch(`${nginx.url}/store/${o.key}`, { method: 'HEAD' })
      if (response.status !== 200) all = false
    }
    if (!all) missing++
  }
  const theirsMs = performance.now() - t0
  const theirs = traffic()

  const shown = (t: ReturnType<typeof traffic>) =>
    `${t.requests} requests (${Object.entries(t.byMethod)
      .map(([m, n]) => `${n} ${m}`)
      .join(', ')}), ${t.objectBytes} bytes of objects downloaded`
  console.log(
    `nginx ${listing}: ${grid.configs.length} configs, ${publishedCount} published (${driverBytes} B per driver)`
  )
  console.log(`to build: ours ${toBuild}, HEAD per driver ${missing}`)
  console.log(`ours (scan of each version/arch folder): ${oursMs.toFixed(0)} ms, ${shown(ours)}`)
  console.log(
    `anchor (HEAD per driver output):         ${theirsMs.toFixed(0)} ms, ${shown(theirs)}`
  )
  console.log(
    `ratio ours/anchor: time ${(oursMs / theirsMs).toFixed(2)}x, requests ${(ours.requests / theirs.requests).toFixed(4)}x; requests per config ${(ours.requests / grid.configs.length).toFixed(4)}`
  )

  if (args.includes('before')) {
    // The same plan through list(): no scan() on this wrapper, so the stage falls back to list.
    const listOnly: Store = {
      location: store.location,
      head: (k) => store.head(k),
      get: (k) => store.get(k),
      put: (k, b, o) => store.put(k, b, o),
      list: (p) => store.list(p),
      delete: (k) => store.delete(k),
      url: (k) => store.url(k)
    }
    t0 = performance.now()
    await planDrivers(ctxFor(listOnly))
    const beforeMs = performance.now() - t0
    console.log(
      `before (plan through list()):            ${beforeMs.toFixed(0)} ms, ${shown(traffic())}`
    )
  }
} finally {
  await nginx.stop()
  rmSync(work, { recursive: true, force: true })
}
