/**
 * The requests one small publish sends to a remote store, as the bundled CLI runs it (`node
 * dist/cli.js publish`): an apt repository of N packages on nginx (WebDAV, JSON autoindex) or
 * s3rver is seeded by one publish, then one .deb is added (with `mix`, as Falco's builds do, a
 * .deb, an .rpm and a tarball, each into its own repository), `rounds` times, each in a fresh
 * process with the verify stage on. Every request goes through a proxy of ours, which records
 * them: the bench prints them by method, the paths asked for more than once and the wall time of
 * each run. Then the same addition runs `rounds` times more through a proxy that holds each
 * request for `rtt` ms, as a store across a network would: the time it adds, over `rtt`, is how
 * many round trips the publish waits for one after the other (requests sent side by side cost
 * one). On a network, those round trips, not loopback's milliseconds, set a publish's time.
 * Prints, asserts nothing.
 *
 *   node --import tsx bench/http-requests.ts [N=100] [rounds=3] [rtt ms=20] [http|s3] [deb|mix]
 *
 * BENCH_NODE=/path/to/node runs the CLI on another Node (the action runs on node24). Needs
 * `npm run package` first (dist/cli.js), and Debian's nginx for the http store (as the
 * integration tests do).
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { generateTestKey } from '../__tests__/support/keys.js'
import { startFaultProxy, type FaultProxy } from '../__tests__/support/fault-proxy.js'
import { startNginx, startS3rver, type RunningServer } from '../__tests__/support/servers.js'
import { syntheticDeb } from '../__tests__/support/synthetic-deb.js'
import { buildRpm } from '../__tests__/support/build-packages.js'
import { tarGz } from '../__tests__/support/tarball.js'

const count = Number(process.argv[2] ?? 100)
const rounds = Number(process.argv[3] ?? 3)
const rtt = Number(process.argv[4] ?? 20)
const kind = process.argv[5] ?? 'http'
if (kind !== 'http' && kind !== 's3') throw new Error(`store: http or s3, not ${kind}`)
const mix = (process.argv[6] ?? 'deb') === 'mix'
const CLI = path.resolve('dist/cli.js')
const NODE = process.env.BENCH_NODE ?? process.execPath
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run package\` first`)

const BUCKET = 'bench'
const dir = await mkdtemp(path.join(tmpdir(), 'falco-publish-bench-requests-'))
const server: RunningServer =
  kind === 'http' ? await startNginx({ accessLog: false }) : await startS3rver(BUCKET)
const port = Number(new URL(server.url).port)
const near = await startFaultProxy({ port }, ['ok'])
const far = await startFaultProxy({ port }, ['ok'], { delayMs: rtt })
try {
  const keyFile = path.join(dir, 'signing-key.asc')
  await writeFile(keyFile, (await generateTestKey('rsa')).armoredPrivate)
  const pad = (i: number) => String(i).padStart(6, '0')

  /** The store's flags for a publish through `proxy`. */
  const storeFlags = (proxy: FaultProxy): string[] =>
    kind === 'http'
      ? ['--store', `${proxy.url}/store`]
      : ['--store', `s3://${BUCKET}`, '--s3-endpoint', proxy.url, '--s3-force-path-style', 'true']

  /**
   * One publish of the .deb files in `folder`, in a fresh process; its wall time in ms. Not
   * spawnSync: the proxies run in this process, and must keep answering meanwhile.
   */
  const publish = async (folder: string, proxy: FaultProxy): Promise<number> => {
    const started = performance.now()
    const run = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        NODE,
        [
          CLI,
          'publish',
          ...storeFlags(proxy),
          '--workspace',
          folder,
          '--packages',
          mix ? '*.deb\n*.rpm\n*.tar.gz' : '*.deb',
          '--gpg-private-key',
          `@${keyFile}`,
          '--dev-retention',
          '1000000',
          '--event',
          'push',
          '--ref',
          'refs/heads/master',
          '--sha',
          '0'.repeat(40),
          '--require-checks',
          'false',
          '--version',
          '1.0.0',
          '--repository',
          'falcosecurity/falco'
        ],
        {
          encoding: 'utf8',
          cwd: folder,
          env: {
            ...process.env,
            NODE_NO_WARNINGS: '1',
            AWS_ACCESS_KEY_ID: 'S3RVER',
            AWS_SECRET_ACCESS_KEY: 'S3RVER',
            AWS_REGION: 'us-east-1'
          }
        },
        (error, stdout, stderr) =>
          resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr })
      )
    )
    if (run.status !== 0)
      throw new Error(`publish of ${folder} failed:\n${run.stdout}${run.stderr}`)
    return performance.now() - started
  }

  /** A folder holding one new .deb, `name` (and with `mix`, an .rpm and a tarball). */
  const newPackages = async (name: string): Promise<string> => {
    const folder = path.join(dir, name)
    await mkdir(folder)
    await writeFile(path.join(folder, `${name}.deb`), syntheticDeb(name, '1.0.0'))
    if (mix) {
      await buildRpm(folder, { name, version: '1.0.0', arch: 'x86_64' })
      await writeFile(path.join(folder, `${name}-1.0.0-x86_64.tar.gz`), tarGz(name))
    }
    return folder
  }

  const seed = path.join(dir, 'seed')
  await mkdir(seed)
  for (let i = 0; i < count; i++)
    await writeFile(path.join(seed, `bench${pad(i)}.deb`), syntheticDeb(`bench${pad(i)}`, '1.0.0'))
  if (mix) {
    await buildRpm(seed, { name: 'benchseed', version: '1.0.0', arch: 'x86_64' })
    await writeFile(path.join(seed, 'benchseed-1.0.0-x86_64.tar.gz'), tarGz('seed'))
  }
  await publish(seed, near)

  const where = kind === 'http' ? 'nginx WebDAV' : 's3rver'
  const added = mix ? 'a .deb, an .rpm and a tarball' : 'one .deb'
  console.log(
    `bench/http-requests: add ${added} to ${count} packages on ${where}, verify on, ${rounds} runs`
  )
  const loopback: number[] = []
  for (let round = 0; round < rounds; round++) {
    const before = near.requests.length
    const ms = await publish(await newPackages(`benchadd${pad(round)}`), near)
    loopback.push(ms)
    const requests = near.requests.slice(before)
    const byMethod = new Map<string, number>()
    const byPath = new Map<string, number>()
    for (const { method, path: url } of requests) {
      byMethod.set(method, (byMethod.get(method) ?? 0) + 1)
      // Leases and content-addressed names differ from run to run: counted as one path each.
      const shape = url
        .replace(/\/leases\/[0-9a-f]{64}\//, '/leases/…/')
        .replace(/\/(SHA256|SHA512)\/[0-9a-f]+$/, '/$1/…')
      byPath.set(`${method} ${shape}`, (byPath.get(`${method} ${shape}`) ?? 0) + 1)
    }
    const methods = [...byMethod].map(([m, n]) => `${m} ${n}`).join(', ')
    console.log(`run ${round + 1}: ${requests.length} requests (${methods}) in ${ms.toFixed(0)} ms`)
    if (round === rounds - 1) {
      console.log('asked for more than once in the last run:')
      for (const [shape, n] of [...byPath].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]))
        console.log(`  ${String(n).padStart(3)}  ${shape}`)
    }
  }

  const base = median(loopback)
  console.log(`through a proxy that holds each request ${rtt} ms (a store across a network):`)
  for (let round = 0; round < rounds; round++) {
    const before = far.requests.length
    const ms = await publish(await newPackages(`benchfar${pad(round)}`), far)
    const sent = far.requests.length - before
    const inTurn = (ms - base) / rtt
    console.log(
      `run ${round + 1}: ${ms.toFixed(0)} ms, ${sent} requests: about ${inTurn.toFixed(0)} ` +
        `round trips one after the other (the time over loopback's median ${base.toFixed(0)} ms, / ${rtt} ms)`
    )
    if (process.env.BENCH_TIMELINE && round === rounds - 1) {
      const first = far.requests[before].arrived
      for (const r of far.requests.slice(before))
        console.log(`  ${(r.arrived - first).toFixed(0).padStart(6)} ms  ${r.method} ${r.path}`)
    }
  }
} finally {
  await near.stop()
  await far.stop()
  await server.stop()
  await rm(dir, { recursive: true, force: true })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
