/**
 * The requests one small publish sends to an HTTP store, as the bundled CLI runs it (`node
 * dist/cli.js publish`): an apt repository of N packages on nginx (WebDAV, JSON autoindex) is
 * seeded by one publish, then one .deb is added, `rounds` times, each in a fresh process with
 * the verify stage on. Prints the requests by method (from nginx's access log), the paths asked
 * for more than once and the wall time of each run. On a network every request is a round trip:
 * the count, not loopback's milliseconds, is what this measures. Then the same addition runs
 * `rounds` times more through a proxy that holds each request for `rtt` ms, as a store across a
 * network would: the time it adds, over `rtt`, is how many round trips the publish waits for one
 * after the other (requests sent side by side cost one). Prints, asserts nothing.
 *
 *   node --import tsx bench/http-requests.ts [N=100] [rounds=3] [rtt ms=20]
 *
 * BENCH_NODE=/path/to/node runs the CLI on another Node (the action runs on node24). Needs
 * `npm run package` first (dist/cli.js) and Debian's nginx (as the integration tests do).
 */
import { execFile, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { generateTestKey } from '../__tests__/support/keys.js'
import { startFaultProxy } from '../__tests__/support/fault-proxy.js'
import { startNginx } from '../__tests__/support/servers.js'
import { syntheticDeb } from '../__tests__/support/synthetic-deb.js'

const count = Number(process.argv[2] ?? 100)
const rounds = Number(process.argv[3] ?? 3)
const rtt = Number(process.argv[4] ?? 20)
const CLI = path.resolve('dist/cli.js')
const NODE = process.env.BENCH_NODE ?? process.execPath
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run package\` first`)

const dir = await mkdtemp(path.join(tmpdir(), 'falco-publish-bench-requests-'))
const nginx = await startNginx({ accessLog: true })
try {
  const keyFile = path.join(dir, 'signing-key.asc')
  await writeFile(keyFile, (await generateTestKey('rsa')).armoredPrivate)
  const pad = (i: number) => String(i).padStart(6, '0')

  /**
   * One publish of the .deb files in `folder`, in a fresh process; its wall time in ms. Not
   * spawnSync: the proxy below runs in this process, and must keep answering meanwhile.
   */
  const publish = async (folder: string, server = nginx.url): Promise<number> => {
    const started = performance.now()
    const run = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        NODE,
        [
          CLI,
          'publish',
          '--store',
          `${server}/store`,
          '--workspace',
          folder,
          '--packages',
          '*.deb',
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
        { encoding: 'utf8', cwd: folder, env: { ...process.env, NODE_NO_WARNINGS: '1' } },
        (error, stdout, stderr) =>
          resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr })
      )
    )
    if (run.status !== 0)
      throw new Error(`publish of ${folder} failed:\n${run.stdout}${run.stderr}`)
    return performance.now() - started
  }

  /** Sends a request of our own and waits until nginx has logged it; its path. */
  const mark = async (name: string): Promise<string> => {
    const marker = `/${name}`
    spawnSync('curl', ['-s', '-o', '/dev/null', `${nginx.url}${marker}`])
    for (let i = 0; i < 100; i++) {
      if ((await readFile(nginx.accessLog!, 'utf8')).includes(marker)) return marker
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    throw new Error(`nginx never logged ${marker}`)
  }

  const seed = path.join(dir, 'seed')
  await mkdir(seed)
  for (let i = 0; i < count; i++)
    await writeFile(path.join(seed, `bench${pad(i)}.deb`), syntheticDeb(`bench${pad(i)}`, '1.0.0'))
  await publish(seed)

  console.log(
    `bench/http-requests: add one .deb to ${count} on nginx WebDAV, verify on, ${rounds} runs`
  )
  const loopback: number[] = []
  for (let round = 0; round < rounds; round++) {
    const folder = path.join(dir, `add${round}`)
    await mkdir(folder)
    const name = `benchadd${pad(round)}`
    await writeFile(path.join(folder, `${name}.deb`), syntheticDeb(name, '1.0.0'))
    // nginx logs a request once answered: requests of our own before and after the run mark
    // where its lines start and end (one worker logs in the order it answers).
    const start = await mark(`start-of-run-${round}`)
    const ms = await publish(folder)
    loopback.push(ms)
    const end = await mark(`end-of-run-${round}`)
    const log = (await readFile(nginx.accessLog!, 'utf8')).trim().split('\n')
    const lines = log.slice(
      log.findIndex((l) => l.includes(start)) + 1,
      log.findIndex((l) => l.includes(end))
    )
    const byMethod = new Map<string, number>()
    const byPath = new Map<string, number>()
    for (const l of lines) {
      const [method, url] = l.split(' ')
      byMethod.set(method, (byMethod.get(method) ?? 0) + 1)
      // Leases and content-addressed names differ from run to run: counted as one path each.
      const shape = url
        .replace(/\/leases\/[0-9a-f]{64}\//, '/leases/…/')
        .replace(/\/(SHA256|SHA512)\/[0-9a-f]+$/, '/$1/…')
      byPath.set(`${method} ${shape}`, (byPath.get(`${method} ${shape}`) ?? 0) + 1)
    }
    const methods = [...byMethod].map(([m, n]) => `${m} ${n}`).join(', ')
    console.log(`run ${round + 1}: ${lines.length} requests (${methods}) in ${ms.toFixed(0)} ms`)
    if (round === rounds - 1) {
      console.log('asked for more than once in the last run:')
      for (const [shape, n] of [...byPath].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]))
        console.log(`  ${String(n).padStart(3)}  ${shape}`)
    }
  }

  const proxy = await startFaultProxy({ port: Number(new URL(nginx.url).port) }, ['ok'], {
    delayMs: rtt
  })
  try {
    const base = median(loopback)
    console.log(`through a proxy that holds each request ${rtt} ms (a store across a network):`)
    for (let round = 0; round < rounds; round++) {
      const folder = path.join(dir, `far${round}`)
      await mkdir(folder)
      const name = `benchfar${pad(round)}`
      await writeFile(path.join(folder, `${name}.deb`), syntheticDeb(name, '1.0.0'))
      const before = proxy.requests.length
      const ms = await publish(folder, proxy.url)
      const sent = proxy.requests.length - before
      const inTurn = (ms - base) / rtt
      console.log(
        `run ${round + 1}: ${ms.toFixed(0)} ms, ${sent} requests: about ${inTurn.toFixed(0)} ` +
          `round trips one after the other (the time over loopback's median ${base.toFixed(0)} ms, / ${rtt} ms)`
      )
    }
  } finally {
    await proxy.stop()
  }
} finally {
  await nginx.stop()
  await rm(dir, { recursive: true, force: true })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
