// Push of a multi-layer, two-platform image (hundreds of MB) to a local docker-registry with the
// container stage, compared in the same run with `skopeo copy --all` of the same OCI layout; then a
// re-push where every blob exists. Each cold push gets a fresh registry. Then the same as fresh
// processes (`node dist/cli.js push-images`, build dist first with `npm run package`): a re-push
// where everything is present, and a push to a second repository of the same registry in a later
// process (ours mounts from the first, named by --image-mount-from; skopeo mounts from where its
// blob-info cache, in its default place, saw the blobs go), with the fixed cost of a process broken down. Prints medians
// and the ratios (skopeo time / ours: above 1 means faster than skopeo); asserts nothing.
//   npx tsx bench/containers.ts [runs] [MiB per platform] [image-concurrency]
//   (FALCO_PUBLISH_CLI=<file> times that CLI instead of dist/cli.js; BENCH_NODE=<node> runs it on
//   another Node: the action runs on node24, whose compile cache the CLI turns on)
import { execFile } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { readInputs } from '../src/inputs.js'
import { sha256Digest } from '../src/oci/digest.js'
import type { Logger } from '../src/report/log.js'
import { createContainersStage } from '../src/stages/containers.js'
import { release } from '../__tests__/support/containers-context.js'
import { FileStore } from '../src/store/file.js'
import { buildLayout, noise } from '../__tests__/support/images.js'
import { startRegistry } from '../__tests__/support/registry.js'

const run = promisify(execFile)
const runs = Number(process.argv[2] ?? 3)
const mibPerPlatform = Number(process.argv[3] ?? 160)
const concurrency = process.argv[4] ?? '4'
const MiB = 1024 * 1024

const quiet: Logger = {
  info: () => undefined,
  debug: () => undefined,
  warning: (m) => console.error(m),
  error: (m) => console.error(m),
  group: (_n, fn) => fn(),
  secret: () => undefined
}

/** Joins two single-platform layouts into one layout whose `latest` is a two-platform index. */
async function multiPlatformLayout(dir: string, layouts: Record<string, string>): Promise<string> {
  const out = path.join(dir, 'multi')
  await mkdir(path.join(out, 'blobs/sha256'), { recursive: true })
  const manifests = []
  for (const [arch, layout] of Object.entries(layouts)) {
    for (const blob of await readdir(path.join(layout, 'blobs/sha256'))) {
      await copyFile(path.join(layout, 'blobs/sha256', blob), path.join(out, 'blobs/sha256', blob))
    }
    const index = JSON.parse(await readFile(path.join(layout, 'index.json'), 'utf8'))
    const { digest, size, mediaType } = index.manifests[0]
    manifests.push({ mediaType, digest, size, platform: { os: 'linux', architecture: arch } })
  }
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests
    })
  )
  const digest = sha256Digest(bytes)
  await writeFile(path.join(out, 'blobs/sha256', digest.slice(7)), bytes)
  await writeFile(path.join(out, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }))
  await writeFile(
    path.join(out, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.index.v1+json',
          digest,
          size: bytes.length,
          annotations: { 'org.opencontainers.image.ref.name': 'latest' }
        }
      ]
    })
  )
  return out
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - start) / 1e9
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-containers-'))
  try {
    // Four layers per platform (40%, 30%, 20%, 10% of the size) plus one shared base layer.
    const shared = noise(8 * MiB)
    const layouts: Record<string, string> = {}
    for (const arch of ['amd64', 'arm64']) {
      const layers = [{ name: 'base', bytes: shared }]
      for (const [i, share] of [0.4, 0.3, 0.2, 0.1].entries()) {
        layers.push({ name: `layer${i}`, bytes: noise(Math.round(mibPerPlatform * share * MiB)) })
      }
      layouts[arch] = await buildLayout(dir, arch, layers)
    }
    const layout = await multiPlatformLayout(dir, layouts)
    const { stdout: du } = await run('du', ['-sm', layout])
    console.log(
      `image: 2 platforms x 5 layers, layout ${du.split('\t')[0]} MiB, ${runs} runs, image-concurrency ${concurrency}`
    )

    const ours = { cold: [] as number[], warm: [] as number[] }
    const skopeo = { cold: [] as number[], warm: [] as number[] }
    for (let i = 0; i < runs; i++) {
      for (const tool of i % 2 === 0 ? ['ours', 'skopeo'] : ['skopeo', 'ours']) {
        const registry = await startRegistry(path.join(dir, `registry-${tool}-${i}`), {})
        try {
          const repo = `${registry.host}/bench/falco`
          if (tool === 'ours') {
            const ctx = {
              release: release('stable'),
              inputs: readInputs(
                (name) =>
                  ({
                    images: `oci:${layout}:latest`,
                    'image-repositories': repo,
                    'image-concurrency': concurrency
                  })[name]
              ),
              store: new FileStore(path.join(dir, 'store')),
              log: quiet,
              workspace: dir,
              workdir: path.join(dir, 'work')
            }
            const stage = createContainersStage({ dockerConfig: path.join(dir, 'no-config.json') })
            // The same plan as the action would make; the tags (0.40.0 + latest) are part of the push.
            const push = async () => stage.apply(await stage.plan(ctx), ctx)
            ours.cold.push(await timed(push))
            ours.warm.push(await timed(push))
          } else {
            const copy = () =>
              run('skopeo', [
                'copy',
                '--all',
                '--quiet',
                '--dest-tls-verify=false',
                `oci:${layout}:latest`,
                `docker://${repo}:0.40.0`
              ])
            skopeo.cold.push(await timed(copy))
            skopeo.warm.push(await timed(copy))
          }
        } finally {
          await registry.stop()
        }
      }
    }
    const row = (name: string, a: number[], b: number[]) =>
      console.log(
        `${name.padEnd(26)} ours ${median(a).toFixed(2)} s   skopeo copy --all ${median(b).toFixed(2)} s   ratio ${(median(b) / median(a)).toFixed(2)}x`
      )
    row('push (all blobs new)', ours.cold, skopeo.cold)
    row('re-push (all blobs exist)', ours.warm, skopeo.warm)
    console.log('ratio = skopeo / ours: above 1 means the container stage is faster')
    await freshProcesses(dir, layout)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** `node dist/cli.js push-images` against `skopeo copy`, each a new process, alternating. */
async function freshProcesses(dir: string, layout: string): Promise<void> {
  // FALCO_PUBLISH_CLI: another build of the CLI to compare (same arguments as dist/cli.js).
  const cli = path.resolve(process.env.FALCO_PUBLISH_CLI ?? 'dist/cli.js')
  // BENCH_NODE: the Node that runs our CLI (the action runs on node24, with its compile cache).
  const NODE = process.env.BENCH_NODE ?? 'node'
  try {
    await run(NODE, [cli, 'push-images', '--help'])
  } catch {
    console.log(
      `fresh processes: skipped, ${cli} is missing or does not know push-images (npm run package)`
    )
    return
  }
  /** Wall and CPU (user + sys) seconds of one process, from GNU time. */
  // Wall time by the clock around the process (GNU time's %e counts in 10 ms steps, too coarse
  // for runs of 40-100 ms); CPU time from GNU time.
  const measure = async (command: string, args: string[]): Promise<Sample> => {
    const started = process.hrtime.bigint()
    const { stderr } = await run('/usr/bin/time', ['-f', 'TIME %U %S', command, ...args])
    const wall = Number(process.hrtime.bigint() - started) / 1e9
    const [user, sys] = stderr.trim().split('\n').pop()!.split(' ').slice(1).map(Number)
    return { wall, cpu: user + sys }
  }
  const ours = (repo: string, mountFrom?: string) =>
    measure(NODE, [
      cli,
      'push-images',
      '--images',
      `oci:${layout}:latest`,
      '--image-repositories',
      repo,
      '--tag',
      '0.40.0',
      '--image-concurrency',
      concurrency,
      ...(mountFrom ? ['--image-mount-from', mountFrom] : [])
    ])
  const skopeo = (repo: string) =>
    measure('skopeo', [
      'copy',
      '--all',
      '--quiet',
      '--dest-tls-verify=false',
      `oci:${layout}:latest`,
      `docker://${repo}:0.40.0`
    ])
  const samples = {
    nodeStart: [] as Sample[],
    cliLoad: [] as Sample[],
    ours: { repush: [] as Sample[], second: [] as Sample[] },
    skopeo: { repush: [] as Sample[], second: [] as Sample[] }
  }
  // Each registry gets a first push, then REPEAT re-pushes and pushes to new repositories, with
  // node's own start and the CLI's loading timed in between, so all see the same machine load.
  const REPEAT = 3
  for (let i = 0; i < runs; i++) {
    for (const tool of i % 2 === 0 ? ['ours', 'skopeo'] : ['skopeo', 'ours']) {
      const registry = await startRegistry(path.join(dir, `fresh-${tool}-${i}`), {})
      try {
        const first = `${registry.host}/bench/falco`
        await (tool === 'ours' ? ours(first) : skopeo(first))
        for (let k = 0; k < REPEAT; k++) {
          const second = `${registry.host}/bench/falco-no-driver-${k}`
          if (tool === 'ours') {
            samples.nodeStart.push(await measure(NODE, ['-e', '0']))
            samples.cliLoad.push(await measure(NODE, [cli, 'push-images', '--help']))
            samples.ours.repush.push(await ours(first))
            samples.ours.second.push(await ours(second, first))
          } else {
            samples.skopeo.repush.push(await skopeo(first))
            samples.skopeo.second.push(await skopeo(second))
          }
        }
      } finally {
        await registry.stop()
      }
    }
  }
  const m = (list: Sample[], key: keyof Sample) => median(list.map((x) => x[key]))
  const row = (name: string, a: Sample[], b: Sample[]) =>
    console.log(
      `${name.padEnd(34)} wall: ours ${m(a, 'wall').toFixed(3)} s, skopeo ${m(b, 'wall').toFixed(3)} s, ours/skopeo ${(m(a, 'wall') / m(b, 'wall')).toFixed(2)}x` +
        `   cpu: ours ${m(a, 'cpu').toFixed(2)} s, skopeo ${m(b, 'cpu').toFixed(2)} s, ${(m(a, 'cpu') / m(b, 'cpu')).toFixed(2)}x`
    )
  console.log(
    `fresh processes (${path.relative(process.cwd(), cli)} push-images vs skopeo copy --all), medians of ${runs * REPEAT}:`
  )
  row('re-push, everything present', samples.ours.repush, samples.skopeo.repush)
  row('second repository, later process', samples.ours.second, samples.skopeo.second)
  for (const key of ['wall', 'cpu'] as const) {
    const node = m(samples.nodeStart, key)
    const load = m(samples.cliLoad, key)
    console.log(
      `fixed cost of ours (${key}): node start ${node.toFixed(3)} s (node -e 0), loading the CLI ` +
        `${(load - node).toFixed(3)} s (push-images --help minus node start), the re-push itself ` +
        `${(m(samples.ours.repush, key) - load).toFixed(3)} s`
    )
  }
}

interface Sample {
  wall: number
  cpu: number
}

await main()
