import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import type { RegistryClient } from '../src/oci/registry.js'
import { createContainersStage } from '../src/stages/containers.js'
import { StageError } from '../src/plan.js'
import { context, dockerConfig } from './support/containers-context.js'
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.js'
import { buildLayout, noise } from './support/images.js'
import { startRegistry, type RunningRegistry } from './support/registry.js'
import { startTokenIssuer, type TokenIssuer } from './support/token-issuer.js'
import { tool } from './support/tools.js'

/**
 * Bearer token auth against docker-registry configured with a token issuer started here, and
 * pushes through a proxy that answers 503 or drops the connection on a share of requests.
 */

const USER = 'publisher'
const PASSWORD = 'token-issuer-password'
const FAST_RETRY = { attempts: 8, baseDelayMs: 5, maxDelayMs: 50 }

let dir: string
let issuer: TokenIssuer
let tokenRegistry: RunningRegistry
let plainRegistry: RunningRegistry
let proxy: FaultProxy
let config: string
let images: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'containers-auth-'))
  issuer = await startTokenIssuer(dir, { user: USER, password: PASSWORD })
  tokenRegistry = await startRegistry(path.join(dir, 'token'), { token: issuer })
  plainRegistry = await startRegistry(path.join(dir, 'plain'), {
    htpasswd: { user: USER, password: PASSWORD }
  })
  proxy = await startFaultProxy(plainRegistry, ['ok', '503', 'ok', 'ok', 'reset', 'ok', 'ok'])
  config = await dockerConfig(dir, {
    [tokenRegistry.host]: { user: USER, password: PASSWORD },
    [plainRegistry.host]: { user: USER, password: PASSWORD },
    [proxy.host]: { user: USER, password: PASSWORD }
  })
  const base = noise(150_000)
  const amd64 = await buildLayout(dir, 'amd64', [
    { name: 'base', bytes: base },
    { name: 'app', bytes: noise(400_000) }
  ])
  const arm64 = await buildLayout(dir, 'arm64', [
    { name: 'base', bytes: base },
    { name: 'app', bytes: noise(350_000) }
  ])
  images = `linux/amd64=oci:${amd64}:latest\nlinux/arm64=oci:${arm64}:latest`
})

afterAll(async () => {
  await proxy?.stop()
  await tokenRegistry?.stop()
  await plainRegistry?.stop()
  await issuer?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const creds = ['--tls-verify=false', '--creds', `${USER}:${PASSWORD}`]

async function inspectLayers(ref: string, arch: string): Promise<string[]> {
  const out = JSON.parse(
    await tool('skopeo', ['inspect', ...creds, '--override-arch', arch, `docker://${ref}`])
  ) as {
    Layers: string[]
  }
  return out.Layers
}

describe('Bearer token auth', () => {
  it('obtains tokens from the realm with the Docker config credentials and reuses them', async () => {
    const repos = [
      `${tokenRegistry.host}/falcosecurity/falco`,
      `${tokenRegistry.host}/falcosecurity/falco-mirror`
    ]
    const ctx = await context(dir, 'stable', { images, 'image-repositories': repos.join('\n') })
    let client: RegistryClient | undefined
    const s = createContainersStage({ dockerConfig: config, onClient: (c) => (client = c) })
    const before = issuer.requests.length
    const result = await s.apply(await s.plan(ctx), ctx)
    const ours = issuer.requests.slice(before)

    // One token per scope set: push to the first repository, push to the second, and the
    // second's mounts (push there + pull from the first). Many registry requests, few tokens.
    const registryRequests = Object.values(client!.requests).reduce((a, b) => a + b, 0)
    expect(client!.auth.tokensFetched).toBe(ours.length)
    expect(ours.length).toBeLessThanOrEqual(3)
    expect(registryRequests).toBeGreaterThan(4 * ours.length)
    expect(ours.every((r) => r.user === USER)).toBe(true)
    expect(ours[0].scopes).toEqual(['repository:falcosecurity/falco:pull,push'])
    expect(ours.some((r) => r.scopes.includes('repository:falcosecurity/falco:pull'))).toBe(true)
    expect(ctx.log.lines.filter((l) => l.includes(`${repos[1]}: mounted`)).length).toBeGreaterThan(
      0
    )

    const digest = JSON.parse(result.outputs!.images)[repos[1]].digest
    const raw = JSON.parse(
      await tool('skopeo', ['inspect', ...creds, '--raw', `docker://${repos[1]}:latest`])
    )
    expect(raw.manifests).toHaveLength(2)
    expect(digest).toMatch(/^sha256:/)
    expect(ctx.log.lines.join('\n') + JSON.stringify(result)).not.toContain(PASSWORD)
    for (const token of ctx.log.secrets.filter((s) => s.split('.').length === 3)) {
      expect(ctx.log.lines.join('\n')).not.toContain(token)
    }
  })

  it('says the issuer refused the credentials, without printing them', async () => {
    const wrong = await dockerConfig(path.join(dir, 'wrong'), {
      [tokenRegistry.host]: { user: USER, password: 'wrong-password' }
    })
    const repo = `${tokenRegistry.host}/falcosecurity/denied`
    const ctx = await context(dir, 'stable', { images, 'image-repositories': repo })
    const s = createContainersStage({ dockerConfig: wrong, retry: FAST_RETRY })
    const error = (await s.apply(await s.plan(ctx), ctx).catch((e: unknown) => e)) as StageError
    expect(error).toBeInstanceOf(StageError)
    expect(error.message).toMatch(
      /token issuer http:\/\/127\.0\.0\.1:\d+\/token answered 401.*refused/
    )
    expect(error.message + ctx.log.lines.join('\n')).not.toContain('wrong-password')
  })
})

describe('faults between the client and the registry', () => {
  async function pushThroughProxy(
    repoName: string,
    deps: { chunkThreshold?: number; chunkSize?: number }
  ) {
    const direct = `${plainRegistry.host}/${repoName}-direct`
    const viaProxy = `${proxy.host}/${repoName}`
    const clean = await context(dir, 'stable', { images, 'image-repositories': direct })
    const cleanStage = createContainersStage({ dockerConfig: config, ...deps })
    const cleanResult = await cleanStage.apply(await cleanStage.plan(clean), clean)

    const before = { ...proxy.counts }
    const ctx = await context(dir, 'stable', { images, 'image-repositories': viaProxy })
    let client: RegistryClient | undefined
    const s = createContainersStage({
      dockerConfig: config,
      retry: FAST_RETRY,
      onClient: (c) => (client = c),
      ...deps
    })
    const result = await s.apply(await s.plan(ctx), ctx)
    expect(proxy.counts.unavailable).toBeGreaterThan(before.unavailable)
    expect(proxy.counts.reset).toBeGreaterThan(before.reset)

    const digest = JSON.parse(result.outputs!.images)[viaProxy].digest
    expect(digest).toBe(JSON.parse(cleanResult.outputs!.images)[direct].digest)
    // Checked past the proxy, straight at the registry.
    const stored = `${plainRegistry.host}/${repoName}`
    for (const arch of ['amd64', 'arm64']) {
      expect(await inspectLayers(`${stored}:0.40.0`, arch)).toEqual(
        await inspectLayers(`${direct}:0.40.0`, arch)
      )
    }
    return { client: client!, log: ctx.log }
  }

  it('completes a push with identical digests when requests fail with 503 or resets', async () => {
    const { client, log } = await pushThroughProxy('faults/monolithic', {})
    expect(client.requests.PATCH ?? 0).toBe(0)
    expect(log.lines.join('\n')).toMatch(/upload of [0-9a-f]{12} interrupted/)
  })

  it('completes a chunked push with identical digests under the same faults', async () => {
    const { client, log } = await pushThroughProxy('faults/chunked', {
      chunkThreshold: 100_000,
      chunkSize: 64 * 1024
    })
    expect(client.requests.PATCH).toBeGreaterThan(10)
    // Failed chunks resumed from the registry's Range rather than restarting the layer.
    expect(log.lines.join('\n')).toMatch(/chunk \d+-\d+ of [0-9a-f]{12}: .*resuming/)
  })
})
