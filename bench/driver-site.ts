/**
 * Driver site benchmark: one publish adding a driver to a driver version that already has
 * N drivers in the store. Ours merges the new driver into `driver/site/<v>.json`; the anchor is
 * what test-infra's update-drivers-website does every two hours, rebuilding the files from a
 * listing of the store (run here as our own `relist`, the same work against the same store; the
 * Go tool itself needs Falco's bucket). Prints times, store requests and ratios; asserts nothing.
 *
 *   npx tsx bench/driver-site.ts [drivers=10000]
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { updateSite } from '../src/drivers/refresh.js'
import { FileStore } from '../src/store/file.js'
import { CountingStore } from '../__tests__/support/counting-store.js'
import { quietLogger } from '../__tests__/support/stage-context.js'

const total = Number(process.argv[2] ?? 10_000)
const V = '8.0.0+driver'
const work = mkdtempSync(path.join(os.tmpdir(), 'bench-driver-site-'))
const root = path.join(work, 'public')
const dir = path.join(root, 'driver', V, 'x86_64')
mkdirSync(dir, { recursive: true })
for (let i = 0; i < total; i++)
  writeFileSync(
    path.join(dir, `falco_ubuntu-generic_5.15.0-${i}-generic_${i}.${i % 2 ? 'o' : 'ko'}`),
    'x'
  )
const store = new CountingStore(new FileStore(root, { baseUrl: 'https://download.example.org' }))
const log = quietLogger
await updateSite(store, [V], [], [], log, { relist: true })

const rounds = 5
const time = async (fn: (i: number) => Promise<unknown>) => {
  const ms: number[] = []
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now()
    await fn(i)
    ms.push(performance.now() - t0)
  }
  return ms.sort((a, b) => a - b)[Math.floor(rounds / 2)]
}
const fresh = (i: number, tag: string) => {
  const key = `driver/${V}/x86_64/falco_debian_6.1.0-${tag}${i}-amd64_1.ko`
  writeFileSync(path.join(root, key), 'new driver')
  return {
    key,
    size: 10,
    modified: new Date(),
    sha256: 'a'.repeat(64),
    fields: { target: 'debian', kernelRelease: `6.1.0-${tag}${i}-amd64` }
  }
}

store.reset()
const ours = await time((i) => updateSite(store, [V], [fresh(i, 'o')], [], log, { relist: false }))
const oursRequests = { ...store.requests }
store.reset()
const anchor = await time((i) => updateSite(store, [V], [fresh(i, 'a')], [], log, { relist: true }))
const anchorRequests = { ...store.requests }
const size = statSync(path.join(root, 'driver', 'site', `${V}.json`)).size

console.log(`driver site, one new driver into a version of ${total} (median of ${rounds})`)
console.log(
  `  ours (merge what was published): ${ours.toFixed(1)} ms, per publish: ${JSON.stringify(Object.fromEntries(Object.entries(oursRequests).map(([k, v]) => [k, v / rounds])))}`
)
console.log(
  `  anchor (rebuild from a listing): ${anchor.toFixed(1)} ms, per publish: ${JSON.stringify(Object.fromEntries(Object.entries(anchorRequests).map(([k, v]) => [k, v / rounds])))}`
)
console.log(
  `  ratio anchor/ours: ${(anchor / ours).toFixed(1)}x; ${V}.json is ${(size / 1024 / 1024).toFixed(2)} MiB`
)
rmSync(work, { recursive: true, force: true })
