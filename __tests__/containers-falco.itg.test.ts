import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import type { RegistryClient } from '../src/oci/registry.js'
import { createContainersStage } from '../src/stages/containers.js'
import { context, dockerConfig } from './support/containers-context.js'
import { noise } from './support/images.js'
import { startRegistry, type RunningRegistry } from './support/registry.js'
import { tool } from './support/tools.js'

/**
 * Falco's image publication, run the way Falco's release workflow runs it: four flavours
 * (falco, falco:*-debian, falco-driver-loader, falco-driver-loader:*-buster), two platforms
 * each, to two registries (Docker Hub and ECR Public in Falco; two docker-registry here), with
 * per-arch tags on the first one only. skopeo reads back what was pushed.
 */

let dir: string
let hub: RunningRegistry
let ecr: RunningRegistry
let config: string
/** One umoci layout per architecture, one image per flavour in each (ref = flavour). */
const layouts: Record<string, string> = {}

const FLAVOURS = [
  { repo: 'falco', ref: 'falco', variant: '' },
  { repo: 'falco', ref: 'falco-debian', variant: 'debian' },
  { repo: 'falco-driver-loader', ref: 'loader', variant: '' },
  { repo: 'falco-driver-loader', ref: 'loader-buster', variant: 'buster' }
]

async function buildFlavours(arch: string): Promise<string> {
  const layout = path.join(dir, `layout-${arch}`)
  await tool('umoci', ['init', '--layout', layout])
  for (const { ref } of FLAVOURS) {
    const image = `${layout}:${ref}`
    await tool('umoci', ['new', '--image', image])
    await tool('umoci', ['config', '--image', image, '--os', 'linux', '--architecture', arch])
    const file = path.join(dir, `${ref}-${arch}.bin`)
    await writeFile(file, noise(20_000))
    await tool('umoci', ['insert', '--image', image, file, `/usr/bin/${ref}`])
  }
  return layout
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'containers-falco-'))
  hub = await startRegistry(path.join(dir, 'hub'), {})
  ecr = await startRegistry(path.join(dir, 'ecr'), {})
  config = await dockerConfig(dir, {})
  await mkdir(path.join(dir, 'work'), { recursive: true })
  layouts.amd64 = await buildFlavours('amd64')
  layouts.arm64 = await buildFlavours('arm64')
})

afterAll(async () => {
  await hub?.stop()
  await ecr?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const repos = (name: string) => [
  `${hub.host}/falcosecurity/${name}`,
  `${ecr.host}/falcosecurity/${name}`
]

/** One of Falco's four publish runs for a release. */
async function publish(
  kind: 'stable' | 'stable-old' | 'dev' | 'prerelease',
  flavour: (typeof FLAVOURS)[number],
  onClient?: (c: RegistryClient) => void
) {
  const ctx = await context(dir, kind, {
    images: ['amd64', 'arm64'].map((a) => `oci:${layouts[a]}:${flavour.ref}`).join('\n'),
    'image-repositories': repos(flavour.repo).join('\n'),
    'image-variant': flavour.variant,
    'image-arch-tags': 'true'
  })
  const s = createContainersStage({ dockerConfig: config, onClient })
  const plan = await s.plan(ctx)
  return { plan, result: await s.apply(plan, ctx), ctx }
}

async function tagsOf(repo: string): Promise<string[]> {
  const out = JSON.parse(
    await tool('skopeo', ['list-tags', '--tls-verify=false', `docker://${repo}`])
  ) as { Tags: string[] }
  return out.Tags.sort()
}

async function digestOf(ref: string): Promise<string> {
  const raw = await tool('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${ref}`])
  return (await tool('skopeo', ['manifest-digest', await tempFile(raw)])).trim()
}

let temp = 0
async function tempFile(text: string): Promise<string> {
  const file = path.join(dir, `raw-${temp++}.json`)
  await writeFile(file, text)
  return file
}

async function snapshot(repo: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const tag of (await tagsOf(repo)).filter((t) => !t.startsWith('sha256-')))
    out[tag] = await digestOf(`${repo}:${tag}`)
  return out
}

describe("Falco's four image flavours on two registries", () => {
  it('publishes exactly the tags Falco publishes, latest* only for the newest stable', async () => {
    let bare: Record<string, string> = {}
    for (const flavour of FLAVOURS) {
      const { plan } = await publish('stable', flavour)
      // A variant run plans only suffixed tags, and arch tags on the first registry only.
      const suffix = flavour.variant ? `-${flavour.variant}` : ''
      const [hubRepo, ecrRepo] = repos(flavour.repo)
      expect(plan.operations.map((o) => o.target)).toEqual([
        `${hubRepo}:0.40.0${suffix}`,
        `${hubRepo}:latest${suffix}`,
        `${hubRepo}:x86_64-0.40.0${suffix}`,
        `${hubRepo}:aarch64-0.40.0${suffix}`,
        `${ecrRepo}:0.40.0${suffix}`,
        `${ecrRepo}:latest${suffix}`
      ])
      if (flavour.variant === '') bare = await snapshot(hubRepo)
      else {
        // The variant run left the bare tags exactly where the first run put them.
        const after = await snapshot(hubRepo)
        for (const [tag, digest] of Object.entries(bare))
          expect([tag, after[tag]]).toEqual([tag, digest])
      }
    }
    const falco = repos('falco')
    const loader = repos('falco-driver-loader')
    expect(await tagsOf(falco[0])).toEqual([
      '0.40.0',
      '0.40.0-debian',
      'aarch64-0.40.0',
      'aarch64-0.40.0-debian',
      'latest',
      'latest-debian',
      'x86_64-0.40.0',
      'x86_64-0.40.0-debian'
    ])
    expect(await tagsOf(falco[1])).toEqual(['0.40.0', '0.40.0-debian', 'latest', 'latest-debian'])
    expect(await tagsOf(loader[0])).toEqual([
      '0.40.0',
      '0.40.0-buster',
      'aarch64-0.40.0',
      'aarch64-0.40.0-buster',
      'latest',
      'latest-buster',
      'x86_64-0.40.0',
      'x86_64-0.40.0-buster'
    ])
    expect(await tagsOf(loader[1])).toEqual(['0.40.0', '0.40.0-buster', 'latest', 'latest-buster'])

    // Each per-arch tag names that platform's manifest inside the multi-arch index.
    const hub = await snapshot(falco[0])
    const index = JSON.parse(
      await tool('skopeo', [
        'inspect',
        '--tls-verify=false',
        '--raw',
        `docker://${falco[0]}:0.40.0-debian`
      ])
    ) as { manifests: { digest: string; platform: { architecture: string } }[] }
    const byArch = Object.fromEntries(
      index.manifests.map((m) => [m.platform.architecture, m.digest])
    )
    expect(hub['x86_64-0.40.0-debian']).toBe(byArch.amd64)
    expect(hub['aarch64-0.40.0-debian']).toBe(byArch.arm64)
    expect(hub['latest-debian']).toBe(hub['0.40.0-debian'])
    expect(hub['latest']).not.toBe(hub['latest-debian'])
    // Both registries hold the same index under the same tags.
    const mirror = await snapshot(falco[1])
    for (const tag of Object.keys(mirror)) expect([tag, mirror[tag]]).toEqual([tag, hub[tag]])
  })

  it('a back-port release moves no latest tag', async () => {
    const falco = repos('falco')
    const before = await snapshot(falco[0])
    for (const flavour of FLAVOURS.slice(0, 2)) {
      const { plan } = await publish('stable-old', flavour)
      expect(plan.operations.map((o) => o.target).filter((t) => t.includes('latest'))).toEqual([])
    }
    const after = await snapshot(falco[0])
    for (const tag of ['latest', 'latest-debian', '0.40.0', '0.40.0-debian'])
      expect([tag, after[tag]]).toEqual([tag, before[tag]])
    expect(
      Object.keys(after)
        .filter((t) => t.includes('0.39.3'))
        .sort()
    ).toEqual([
      '0.39.3',
      '0.39.3-debian',
      'aarch64-0.39.3',
      'aarch64-0.39.3-debian',
      'x86_64-0.39.3',
      'x86_64-0.39.3-debian'
    ])
  })

  it('re-running the same publish pushes no blob', async () => {
    for (const flavour of FLAVOURS) {
      let client: RegistryClient | undefined
      const { result } = await publish('stable', flavour, (c) => (client = c))
      // No upload session opened (POST) nor chunk sent (PATCH): blobs are only checked (HEAD).
      expect(client!.requests.POST).toBeUndefined()
      expect(client!.requests.PATCH).toBeUndefined()
      expect(result.summary).toContain('Blobs: 0 uploaded, 0 mounted')
    }
  })
})
