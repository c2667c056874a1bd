import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { createContainersStage } from '../src/stages/containers.js'
import { buildxLayout, type BuildxLayout } from './support/buildx-layout.js'
import { context, dockerConfig } from './support/containers-context.js'
import { buildLayout, noise } from './support/images.js'
import { startRegistry, type RunningRegistry } from './support/registry.js'
import { tool } from './support/tools.js'

/**
 * What buildx made stays: a layout with SBOM and provenance attestation manifests is pushed
 * to two registries (docker-registry), and the attestations come back from both, byte for byte,
 * still listed beside the platform manifest they describe.
 */

let dir: string
let registries: RunningRegistry[]
let config: string
let amd64: string
let arm64: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'containers-att-'))
  registries = [
    await startRegistry(path.join(dir, 'one'), {}),
    await startRegistry(path.join(dir, 'two'), {})
  ]
  config = await dockerConfig(dir, {})
  amd64 = await buildLayout(dir, 'amd64', [{ name: 'falco', bytes: noise(30_000) }])
  arm64 = await buildLayout(dir, 'arm64', [{ name: 'falco', bytes: noise(30_000) }])
})

afterAll(async () => {
  for (const r of registries ?? []) await r.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** GETs a blob or manifest straight from the registry API, as any client would. */
async function pull(host: string, repo: string, kind: 'blobs' | 'manifests', digest: string) {
  const res = await fetch(`http://${host}/v2/${repo}/${kind}/${digest}`, {
    headers: {
      accept: 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json'
    }
  })
  expect([digest, res.status]).toEqual([digest, 200])
  return Buffer.from(await res.arrayBuffer())
}

async function local(layout: string, digest: string): Promise<Buffer> {
  return readFile(path.join(layout, 'blobs', 'sha256', digest.slice(7)))
}

interface Index {
  manifests: {
    digest: string
    platform: { architecture: string }
    annotations?: Record<string, string>
  }[]
}

async function push(images: string, name: string) {
  const repos = registries.map((r) => `${r.host}/falcosecurity/${name}`)
  const ctx = await context(dir, 'stable', { images, 'image-repositories': repos.join('\n') })
  const s = createContainersStage({ dockerConfig: config })
  const result = await s.apply(await s.plan(ctx), ctx)
  expect(result.summary).toContain(
    'Build attestations (SBOM, provenance) kept for linux/amd64, linux/arm64 in 2 repositories.'
  )
  return JSON.parse(result.outputs!.images) as Record<
    string,
    { digest: string; attestations: Record<string, string> }
  >
}

/** Every attestation, its manifest and blobs, is on both registries exactly as the layout has it. */
async function expectAttestations(name: string, layouts: BuildxLayout[], digest: string) {
  for (const r of registries) {
    const index = JSON.parse(
      (await pull(r.host, `falcosecurity/${name}`, 'manifests', digest)).toString()
    ) as Index
    // Platforms first, then the attestation manifests, as buildx lists them.
    expect(index.manifests.map((m) => m.platform.architecture)).toEqual([
      'amd64',
      'arm64',
      'unknown',
      'unknown'
    ])
    const [amd, arm] = index.manifests
    const attestations = layouts.flatMap((l) => l.attestations)
    expect(index.manifests.slice(2).map((m) => m.annotations)).toEqual([
      {
        'vnd.docker.reference.digest': amd.digest,
        'vnd.docker.reference.type': 'attestation-manifest'
      },
      {
        'vnd.docker.reference.digest': arm.digest,
        'vnd.docker.reference.type': 'attestation-manifest'
      }
    ])
    for (const [i, attestation] of attestations.entries()) {
      const layout = layouts[Math.min(i, layouts.length - 1)].dir
      expect(index.manifests[2 + i].digest).toBe(attestation.descriptor.digest)
      const manifest = await pull(
        r.host,
        `falcosecurity/${name}`,
        'manifests',
        attestation.descriptor.digest
      )
      expect(manifest.equals(await local(layout, attestation.descriptor.digest))).toBe(true)
      for (const blob of attestation.blobs) {
        const bytes = await pull(r.host, `falcosecurity/${name}`, 'blobs', blob)
        expect(bytes.equals(await local(layout, blob))).toBe(true)
      }
    }
  }
}

describe('buildx attestation manifests', () => {
  it('pushes a multi-platform buildx layout as it is, attestations included, to every registry', async () => {
    const layout = await buildxLayout(path.join(dir, 'buildx'), [
      { layout: amd64, ref: 'latest' },
      { layout: arm64, ref: 'latest' }
    ])
    const pushed = await push(`oci:${layout.dir}:latest`, 'falco')
    const digests = Object.values(pushed).map((p) => p.digest)
    // The builder's own index, not a rebuilt one: same digest on both registries.
    expect(digests).toEqual([layout.index.digest, layout.index.digest])
    // The output names each platform's attestation manifest.
    for (const p of Object.values(pushed))
      expect(p.attestations).toEqual({
        'linux/amd64': layout.attestations[0].descriptor.digest,
        'linux/arm64': layout.attestations[1].descriptor.digest
      })
    await expectAttestations('falco', [layout], layout.index.digest)
  })

  it('reads the same attestations from an oci-archive (buildx --output type=oci,dest=x.tar)', async () => {
    const layout = await buildxLayout(path.join(dir, 'buildx-for-archive'), [
      { layout: amd64, ref: 'latest' },
      { layout: arm64, ref: 'latest' }
    ])
    const archive = path.join(dir, 'falco-oci.tar')
    await tool('tar', ['-cf', archive, '-C', layout.dir, '.'])
    const pushed = await push(`oci-archive:${archive}:latest`, 'falco-archive')
    expect(Object.values(pushed).map((p) => p.digest)).toEqual([
      layout.index.digest,
      layout.index.digest
    ])
    await expectAttestations('falco-archive', [layout], layout.index.digest)
  })

  it('joins per-arch buildx layouts into one index that keeps each platform its attestation', async () => {
    const one = await buildxLayout(path.join(dir, 'buildx-amd64'), [
      { layout: amd64, ref: 'latest' }
    ])
    const two = await buildxLayout(path.join(dir, 'buildx-arm64'), [
      { layout: arm64, ref: 'latest' }
    ])
    const pushed = await push(`oci:${one.dir}:latest\noci:${two.dir}:latest`, 'falco-joined')
    const [digest, other] = Object.values(pushed).map((p) => p.digest)
    expect(other).toBe(digest)
    await expectAttestations('falco-joined', [one, two], digest)
  })
})
