import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { pushImages, tagImage } from '../src/oci/commands.js'
import { StageError } from '../src/plan.js'
import type { RegistryClient } from '../src/oci/registry.js'
import { createContainersStage } from '../src/stages/containers.js'
import { context, dockerConfig } from './support/containers-context.js'
import { startDockerEngine } from './support/docker-engine.js'
import { recordingLog } from './github/recording-log.js'
import { buildLayout, noise } from './support/images.js'
import { startRegistry, type RunningRegistry } from './support/registry.js'
import { tool } from './support/tools.js'

/**
 * The container stage against two real registries (Debian's docker-registry with htpasswd),
 * images built with umoci, and skopeo as the independent client that checks the result.
 */

const USER = 'publisher'
const PASSWORD = 's3cret-registry-password'

let dir: string
let primary: RunningRegistry
let mirror: RunningRegistry
let config: string
let amd64: string
let arm64: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'containers-itg-'))
  primary = await startRegistry(path.join(dir, 'primary'), {
    htpasswd: { user: USER, password: PASSWORD }
  })
  mirror = await startRegistry(path.join(dir, 'mirror'), {
    htpasswd: { user: USER, password: PASSWORD }
  })
  config = await dockerConfig(dir, {
    [primary.host]: { user: USER, password: PASSWORD },
    [mirror.host]: { user: USER, password: PASSWORD }
  })
  const shared = noise(200_000)
  amd64 = await buildLayout(dir, 'amd64', [
    { name: 'base.bin', bytes: shared },
    { name: 'falco-amd64', bytes: noise(300_000) }
  ])
  arm64 = await buildLayout(dir, 'arm64', [
    { name: 'base.bin', bytes: shared },
    { name: 'falco-arm64', bytes: noise(250_000) }
  ])
})

afterAll(async () => {
  await primary?.stop()
  await mirror?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const creds = ['--tls-verify=false', '--creds', `${USER}:${PASSWORD}`]

async function rawManifest(ref: string): Promise<{
  mediaType: string
  manifests?: { digest: string; platform: { architecture: string } }[]
  config?: { digest: string }
  layers?: { digest: string }[]
}> {
  return JSON.parse(await tool('skopeo', ['inspect', ...creds, '--raw', `docker://${ref}`]))
}

async function tagsOf(ref: string): Promise<string[]> {
  const out = JSON.parse(await tool('skopeo', ['list-tags', ...creds, `docker://${ref}`])) as {
    Tags: string[]
  }
  return out.Tags.sort()
}

async function layerDigests(layout: string, ref = 'latest'): Promise<string[]> {
  const out = JSON.parse(await tool('skopeo', ['inspect', `oci:${layout}:${ref}`])) as {
    Layers: string[]
  }
  return out.Layers
}

function stage(onClient?: (c: RegistryClient) => void) {
  return createContainersStage({ dockerConfig: config, onClient })
}

function inputs(repos: string[], extra: Record<string, string> = {}): Record<string, string> {
  return {
    images: `linux/amd64=oci:${amd64}:latest\nlinux/arm64=oci:${arm64}:latest`,
    'image-repositories': repos.join('\n'),
    ...extra
  }
}

describe('containers stage against docker-registry', () => {
  it('pushes a two-platform index for 0.40.0 and latest to a registry and its mirror', async () => {
    const repos = [`${primary.host}/falcosecurity/falco`, `${mirror.host}/falcosecurity/falco`]
    const ctx = await context(dir, 'stable', inputs(repos))
    const s = stage()
    const plan = await s.plan(ctx)
    expect(plan.operations.map((o) => o.target)).toEqual([
      `${repos[0]}:0.40.0`,
      `${repos[0]}:latest`,
      `${repos[1]}:0.40.0`,
      `${repos[1]}:latest`
    ])
    const result = await s.apply(plan, ctx)
    const images = JSON.parse(result.outputs!.images) as Record<
      string,
      { tags: string[]; digest: string; platforms: string[] }
    >
    expect(Object.keys(images)).toEqual(repos)

    for (const repo of repos) {
      for (const tag of ['0.40.0', 'latest']) {
        const index = await rawManifest(`${repo}:${tag}`)
        expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json')
        expect(index.manifests!.map((m) => m.platform.architecture).sort()).toEqual([
          'amd64',
          'arm64'
        ])
      }
      expect(images[repo]).toMatchObject({
        tags: ['0.40.0', 'latest'],
        platforms: ['linux/amd64', 'linux/arm64']
      })
      expect(await tagsOf(repo)).toEqual(['0.40.0', 'latest'])

      // skopeo resolves the arm64 manifest through the index...
      const arm = JSON.parse(
        await tool('skopeo', [
          'inspect',
          ...creds,
          '--override-arch',
          'arm64',
          `docker://${repo}:0.40.0`
        ])
      ) as { Architecture: string; Layers: string[] }
      expect(arm.Architecture).toBe('arm64')
      expect(arm.Layers).toEqual(await layerDigests(arm64))

      // ...and copying the pushed image back reproduces the source's layers, byte for byte.
      const back = path.join(dir, `back-${repo === repos[0] ? 'primary' : 'mirror'}`)
      await tool('skopeo', [
        'copy',
        '--src-tls-verify=false',
        '--src-creds',
        `${USER}:${PASSWORD}`,
        '--override-arch',
        'amd64',
        `docker://${repo}:latest`,
        `oci:${back}:copy`
      ])
      expect(await layerDigests(back, 'copy')).toEqual(await layerDigests(amd64))
    }
    expect(images[repos[0]].digest).toBe(images[repos[1]].digest)
    expect(result.published).toHaveLength(4)
    expect(result.published[0]).toMatchObject({
      kind: 'image',
      path: `${repos[0]}:0.40.0`,
      digest: images[repos[0]].digest
    })
    expect(result.summary).toContain(
      `| ${repos[1]} | \`latest\` | \`${images[repos[1]].digest}\` | linux/amd64, linux/arm64 |`
    )

    // One progress line per uploaded blob; the password never reaches a log line or an output.
    expect(
      ctx.log.lines.filter((l) => / pushed [0-9a-f]{12} .* in .* s \(/.test(l)).length
    ).toBeGreaterThan(0)
    expect(ctx.log.secrets).toContain(PASSWORD)
    expect(ctx.log.lines.join('\n') + JSON.stringify(result)).not.toContain(PASSWORD)
  })

  it('re-pushing an image whose blobs and manifests all exist sends nothing but HEADs', async () => {
    const repos = [`${primary.host}/falcosecurity/falco`, `${mirror.host}/falcosecurity/falco`]
    const ctx = await context(dir, 'stable', inputs(repos))
    let client: RegistryClient | undefined
    const s = stage((c) => (client = c))
    await s.apply(await s.plan(ctx), ctx)
    const { HEAD, ...others } = client!.requests
    // Per repository: the index by digest (present: so is all it names), then each tag.
    expect(HEAD).toBeGreaterThan(0)
    expect(others).toEqual({})
    expect(ctx.log.lines.filter((l) => / already -> /.test(l))).toHaveLength(4)
  })

  it('mounts blobs into a second repository on the same registry instead of uploading them', async () => {
    const repos = [`${primary.host}/mount/source`, `${primary.host}/mount/target`]
    const ctx = await context(dir, 'stable', inputs(repos))
    const s = stage()
    await s.apply(await s.plan(ctx), ctx)
    const mounted = ctx.log.lines.filter((l) => l.includes(`${repos[1]}: mounted`))
    const uploadedToSecond = ctx.log.lines.filter((l) => l.includes(`${repos[1]}: pushed`))
    // Every distinct blob of the two platform images (configs and layers) was mounted, none
    // uploaded. umoci stamps layers with the time, so whether the platforms share their base layer
    // byte for byte depends on the second they were built in: count from the image itself.
    const index = await rawManifest(`${repos[1]}:0.40.0`)
    expect(index.manifests).toHaveLength(2)
    const blobs = new Set<string>()
    for (const platform of index.manifests ?? []) {
      const manifest = await rawManifest(`${repos[1]}@${platform.digest}`)
      blobs.add(manifest.config!.digest)
      for (const layer of manifest.layers ?? []) blobs.add(layer.digest)
    }
    expect(blobs.size).toBeGreaterThanOrEqual(5)
    expect(mounted).toHaveLength(blobs.size)
    expect(uploadedToSecond).toHaveLength(0)
  })

  it('tags a dev push with the dev tag only', async () => {
    const repo = `${primary.host}/falcosecurity/falco-dev`
    const ctx = await context(dir, 'dev', inputs([repo]))
    const s = stage()
    await s.apply(await s.plan(ctx), ctx)
    expect(await tagsOf(repo)).toEqual(['master'])
  })

  it('never touches latest with a prerelease, nor with a back-port release', async () => {
    const repo = `${primary.host}/falcosecurity/falco-rc`
    const s = stage()
    const stable = await context(dir, 'stable', inputs([repo]))
    await s.apply(await s.plan(stable), stable)
    const latest = (await rawManifest(`${repo}:latest`)) as unknown

    // A different image (amd64 only) as the release candidate.
    const rc = await context(dir, 'prerelease', {
      images: `oci:${amd64}:latest`,
      'image-repositories': repo
    })
    const rcPlan = await s.plan(rc)
    expect(rcPlan.operations.map((o) => o.target)).toEqual([`${repo}:0.41.0-rc1`])
    await s.apply(rcPlan, rc)
    const old = await context(dir, 'stable-old', {
      images: `oci:${amd64}:latest`,
      'image-repositories': repo
    })
    await s.apply(await s.plan(old), old)

    expect(await tagsOf(repo)).toEqual(['0.39.3', '0.40.0', '0.41.0-rc1', 'latest'])
    expect(await rawManifest(`${repo}:latest`)).toEqual(latest)
    const rcManifest = await rawManifest(`${repo}:0.41.0-rc1`)
    expect(rcManifest.manifests).toBeUndefined()
    expect(rcManifest.layers).toHaveLength(2)
  })

  it('does not move a release tag to another image unless image-overwrite is set', async () => {
    const repo = `${primary.host}/falcosecurity/falco-immutable`
    const s = stage()
    const first = await context(dir, 'stable', inputs([repo]))
    const firstResult = await s.apply(await s.plan(first), first)
    const digest = JSON.parse(firstResult.outputs!.images)[repo].digest

    // A rebuild (here: another image) of the same release is refused before any blob moves.
    const rebuild = await context(dir, 'stable', {
      images: `oci:${arm64}:latest`,
      'image-repositories': repo
    })
    const error = (await s
      .apply(await s.plan(rebuild), rebuild)
      .catch((e: unknown) => e)) as StageError
    expect(error).toBeInstanceOf(StageError)
    expect(error.message).toContain(`${repo}:0.40.0 already points at ${digest}`)
    expect(error.message).toContain('image-overwrite')
    expect(rebuild.log.lines.filter((l) => l.includes(' pushed '))).toEqual([])
    expect(
      JSON.parse(await tool('skopeo', ['inspect', ...creds, '--raw', `docker://${repo}:0.40.0`]))
        .manifests
    ).toHaveLength(2)

    const allowed = await context(dir, 'stable', {
      images: `oci:${arm64}:latest`,
      'image-repositories': repo,
      'image-overwrite': 'true'
    })
    await s.apply(await s.plan(allowed), allowed)
    expect(allowed.log.lines).toContainEqual(
      expect.stringMatching(new RegExp(`warning: ${repo}:0.40.0 moves from ${digest}`))
    )
    expect(
      JSON.parse(await tool('skopeo', ['inspect', ...creds, '--raw', `docker://${repo}:0.40.0`]))
        .manifests
    ).toBeUndefined()
  })

  it('pushes a docker-archive (docker save format) source', async () => {
    const archive = path.join(dir, 'saved.tar')
    await tool('skopeo', ['copy', `oci:${arm64}:latest`, `docker-archive:${archive}:falco:saved`])
    const repo = `${primary.host}/falcosecurity/falco-saved`
    const ctx = await context(dir, 'stable', {
      images: `docker-archive:${archive}`,
      'image-repositories': repo
    })
    const s = stage()
    await s.apply(await s.plan(ctx), ctx)
    const pulled = JSON.parse(
      await tool('skopeo', ['inspect', ...creds, `docker://${repo}:0.40.0`])
    ) as {
      Architecture: string
      Layers: string[]
    }
    expect(pulled.Architecture).toBe('arm64')
    // docker save holds uncompressed layers: each is named by its diff_id, as in the source config.
    const savedConfig = JSON.parse(
      await tool('skopeo', ['inspect', '--config', `docker-archive:${archive}`])
    ) as {
      rootfs: { diff_ids: string[] }
    }
    expect(pulled.Layers).toEqual(savedConfig.rootfs.diff_ids)
    const back = path.join(dir, 'back-saved')
    await tool('skopeo', [
      'copy',
      '--src-tls-verify=false',
      '--src-creds',
      `${USER}:${PASSWORD}`,
      `docker://${repo}:0.40.0`,
      `oci:${back}:x`
    ])
    expect((await layerDigests(back, 'x')).length).toBe(2)
  })

  it('pushes an oci-archive source', async () => {
    const archive = path.join(dir, 'falco-oci.tar')
    await tool('skopeo', ['copy', `oci:${arm64}:latest`, `oci-archive:${archive}:falco`])
    const repo = `${primary.host}/falcosecurity/falco-ociarchive`
    const ctx = await context(dir, 'dev', {
      images: `oci-archive:${archive}:falco`,
      'image-repositories': repo
    })
    const s = stage()
    await s.apply(await s.plan(ctx), ctx)
    const pulled = JSON.parse(
      await tool('skopeo', ['inspect', ...creds, `docker://${repo}:master`])
    ) as {
      Architecture: string
      Layers: string[]
    }
    expect(pulled.Architecture).toBe('arm64')
    expect(pulled.Layers).toEqual(await layerDigests(arm64))
  })

  it('pushes a layout whose entry is already a multi-platform index, keeping its digest', async () => {
    const source = `${primary.host}/falcosecurity/falco:0.40.0`
    const multi = path.join(dir, 'multi-layout')
    await tool('skopeo', [
      'copy',
      '--all',
      '--src-tls-verify=false',
      '--src-creds',
      `${USER}:${PASSWORD}`,
      `docker://${source}`,
      `oci:${multi}:all`
    ])
    const original = await tool('skopeo', ['inspect', ...creds, '--raw', `docker://${source}`])
    const repo = `${mirror.host}/falcosecurity/falco-relayed`
    const ctx = await context(dir, 'stable', {
      images: `oci:${multi}:all`,
      'image-repositories': repo
    })
    const s = stage()
    const result = await s.apply(await s.plan(ctx), ctx)
    expect(JSON.parse(result.outputs!.images)[repo].platforms).toEqual([
      'linux/amd64',
      'linux/arm64'
    ])
    expect(await tool('skopeo', ['inspect', ...creds, '--raw', `docker://${repo}:0.40.0`])).toBe(
      original
    )
  })

  it('pushes a builder-made index as it is: same bytes, annotations kept', async () => {
    const layout = path.join(dir, 'annotated-layout')
    await tool('skopeo', [
      'copy',
      '--all',
      '--src-tls-verify=false',
      '--src-creds',
      `${USER}:${PASSWORD}`,
      `docker://${primary.host}/falcosecurity/falco:0.40.0`,
      `oci:${layout}:all`
    ])
    const indexFile = path.join(layout, 'index.json')
    const top = JSON.parse(await readFile(indexFile, 'utf8')) as {
      manifests: { digest: string; size: number }[]
    }
    const inner = JSON.parse(
      await readFile(path.join(layout, 'blobs/sha256', top.manifests[0].digest.slice(7)), 'utf8')
    )
    inner.annotations = {
      'org.opencontainers.image.source': 'https://github.com/falcosecurity/falco'
    }
    const bytes = Buffer.from(JSON.stringify(inner, null, 2))
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`
    await writeFile(path.join(layout, 'blobs/sha256', digest.slice(7)), bytes)
    top.manifests[0] = { ...top.manifests[0], digest, size: bytes.length }
    await writeFile(indexFile, JSON.stringify(top))

    const repo = `${primary.host}/falcosecurity/falco-annotated`
    const ctx = await context(dir, 'stable', {
      images: `oci:${layout}:all`,
      'image-repositories': repo
    })
    const s = stage()
    const result = await s.apply(await s.plan(ctx), ctx)
    expect(JSON.parse(result.outputs!.images)[repo].digest).toBe(digest)
    expect(await tool('skopeo', ['inspect', ...creds, '--raw', `docker://${repo}:latest`])).toBe(
      bytes.toString()
    )
  })

  it('warns at plan time when a remote registry has no credentials in the Docker config', async () => {
    const ctx = await context(
      dir,
      'stable',
      inputs([`${primary.host}/local/ok`, 'registry.example.org/falcosecurity/falco'])
    )
    await stage().plan(ctx)
    const warnings = ctx.log.lines.filter((l) => l.startsWith('warning:'))
    expect(warnings).toEqual([
      expect.stringContaining(`no credentials for registry.example.org in ${config}`)
    ])
  })

  it('pushes nothing for a pull request', async () => {
    const repo = `${primary.host}/falcosecurity/falco-pr`
    const ctx = await context(dir, 'none', inputs([repo]))
    const plan = await stage().plan(ctx)
    expect(plan.operations.every((o) => o.action === 'skip')).toBe(true)
    await expect(tool('skopeo', ['list-tags', ...creds, `docker://${repo}`])).rejects.toThrow()
  })

  it('fails with a clear error, without the password, when the credentials are refused', async () => {
    const wrong = await dockerConfig(path.join(dir, 'wrong'), {
      [primary.host]: { user: USER, password: 'not-the-password' }
    })
    const repo = `${primary.host}/falcosecurity/falco-denied`
    const ctx = await context(dir, 'stable', inputs([repo]))
    const s = createContainersStage({ dockerConfig: wrong })
    const error = await s.apply(await s.plan(ctx), ctx).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StageError)
    expect((error as StageError).message).toMatch(/refused the credentials/)
    expect((error as StageError).result.published).toEqual([])
    expect((error as StageError).result.failed.map((f) => f.target)).toEqual([repo])
    expect(JSON.stringify((error as StageError).result) + ctx.log.lines.join('\n')).not.toContain(
      'not-the-password'
    )
  })

  it('rejects a layout that lacks a blob before pushing anything', async () => {
    const broken = path.join(dir, 'broken')
    await tool('cp', ['-r', amd64, broken])
    const index = JSON.parse(await readFile(path.join(broken, 'index.json'), 'utf8')) as {
      manifests: { digest: string }[]
    }
    const manifest = JSON.parse(
      await readFile(path.join(broken, 'blobs/sha256', index.manifests[0].digest.slice(7)), 'utf8')
    ) as { layers: { digest: string }[] }
    await rm(path.join(broken, 'blobs/sha256', manifest.layers[1].digest.slice(7)))
    const ctx = await context(dir, 'stable', {
      images: `oci:${broken}`,
      'image-repositories': `${primary.host}/x/broken`
    })
    await expect(stage().plan(ctx)).rejects.toThrow(
      new RegExp(`${broken}.*${manifest.layers[1].digest}.*missing`)
    )
  })

  it('pushes a docker-daemon source through the real docker CLI (docker save)', async () => {
    await tool('docker', ['--version'])
    const archive = path.join(dir, 'daemon-image.tar')
    await tool('skopeo', ['copy', `oci:${amd64}:latest`, `docker-archive:${archive}:falco:built`])
    const engine = await startDockerEngine(dir, { 'falco:built': archive })
    const saved = process.env.DOCKER_HOST
    process.env.DOCKER_HOST = engine.host
    try {
      const repo = `${primary.host}/falcosecurity/falco-daemon`
      const ctx = await context(dir, 'dev', {
        images: 'docker-daemon:falco:built',
        'image-repositories': repo
      })
      const s = stage()
      await s.apply(await s.plan(ctx), ctx)
      expect(engine.saved).toEqual(['falco:built'])
      const pulled = JSON.parse(
        await tool('skopeo', ['inspect', ...creds, `docker://${repo}:master`])
      ) as {
        Architecture: string
        Layers: string[]
      }
      expect(pulled.Architecture).toBe('amd64')
      expect(pulled.Layers).toHaveLength(2)

      const missing = await context(dir, 'dev', {
        images: 'docker-daemon:falco:absent',
        'image-repositories': repo
      })
      await expect(stage().plan(missing)).rejects.toThrow(/docker save falco:absent exited with 1/)
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST
      else process.env.DOCKER_HOST = saved
      await engine.stop()
    }
  })
})

describe('command-line operations', () => {
  it('pushes images under explicit tags and adds a tag to an existing image', async () => {
    const log = recordingLog()
    const repo = `${primary.host}/cli/falco`
    const [pushed] = await pushImages({
      log,
      dockerConfig: config,
      images: [`linux/amd64=oci:${amd64}:latest`, `linux/arm64=oci:${arm64}:latest`],
      repositories: [repo],
      tags: ['0.40.0'],
      exec: async () => ({ code: 1, stderr: 'not used' })
    })
    const digest = await tagImage({
      log,
      dockerConfig: config,
      repository: repo,
      from: '0.40.0',
      tags: ['0.40', 'stable']
    })
    expect(digest).toBe(pushed.digest)
    expect(await tagsOf(repo)).toEqual(['0.40', '0.40.0', 'stable'])
    expect((await rawManifest(`${repo}:stable`)).manifests).toHaveLength(2)
    await expect(
      tagImage({ log, dockerConfig: config, repository: repo, from: 'absent', tags: ['x'] })
    ).rejects.toThrow(`${repo}:absent does not exist`)
  })
})
