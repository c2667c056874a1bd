// Push of a multi-layer, two-platform image (hundreds of MB) to a local docker-registry with the
// container stage, compared in the same run with `skopeo copy --all` of the same OCI layout; then a
// re-push where every blob exists. Each cold push gets a fresh registry. Prints medians and the
// ratios (skopeo time / ours: above 1 means faster than skopeo); asserts nothing.
//   npx tsx bench/containers.ts [runs] [MiB per platform] [image-concurrency]
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
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

await main()
