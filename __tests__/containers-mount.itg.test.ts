import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { pushImagesCommand } from '../src/oci/commands.js'
import { createContainersStage } from '../src/stages/containers.js'
import { recordingLog } from './github/recording-log.js'
import { context, dockerConfig } from './support/containers-context.js'
import { buildLayout, noise } from './support/images.js'
import { startRegistry, type RunningRegistry } from './support/registry.js'
import { startTokenIssuer, type TokenIssuer } from './support/token-issuer.js'
import { tool } from './support/tools.js'

/**
 * Later runs against a real docker-registry with token auth, read through the registry's own
 * access log: a push to a new repository mounts every blob from one that already holds the
 * image (another of image-repositories, or one of image-mount-from), a re-push where everything
 * is present sends nothing but HEADs, and a source the credentials cannot read is skipped.
 */

const USER = 'publisher'
const PASSWORD = 'mount-test-password'

let dir: string
let issuer: TokenIssuer
let registry: RunningRegistry
let config: string
let images: string
/** Every blob of the two platform images (configs and layers), as skopeo reports them. */
let blobCount: number

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'containers-mount-'))
  issuer = await startTokenIssuer(dir, { user: USER, password: PASSWORD }, ['private/base'])
  registry = await startRegistry(path.join(dir, 'registry'), { token: issuer }, { accessLog: true })
  config = await dockerConfig(dir, { [registry.host]: { user: USER, password: PASSWORD } })
  const base = noise(120_000)
  const amd64 = await buildLayout(dir, 'amd64', [
    { name: 'base', bytes: base },
    { name: 'app', bytes: noise(300_000) }
  ])
  const arm64 = await buildLayout(dir, 'arm64', [
    { name: 'base', bytes: base },
    { name: 'app', bytes: noise(250_000) }
  ])
  images = `linux/amd64=oci:${amd64}:latest\nlinux/arm64=oci:${arm64}:latest`
  const blobs = new Set<string>()
  for (const layout of [amd64, arm64]) {
    const out = JSON.parse(await tool('skopeo', ['inspect', '--raw', `oci:${layout}:latest`])) as {
      config: { digest: string }
      layers: { digest: string }[]
    }
    blobs.add(out.config.digest)
    for (const layer of out.layers) blobs.add(layer.digest)
  }
  blobCount = blobs.size
})

afterAll(async () => {
  await registry?.stop()
  await issuer?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

interface Logged {
  method: string
  path: string
  query: URLSearchParams
  status: number
}

/** Parses the combined-format lines: `host - user [date] "METHOD /path HTTP/1.1" status size …`. */
function parse(lines: string[]): Logged[] {
  return lines.flatMap((line) => {
    const m = line.match(/"([A-Z]+) (\S+) HTTP\/[\d.]+" (\d{3}) /)
    if (!m) return []
    const url = new URL(m[2], 'http://registry')
    return [{ method: m[1], path: url.pathname, query: url.searchParams, status: Number(m[3]) }]
  })
}

let marks = 0

/** Runs the stage once, as one workflow run does; returns what the registry logged meanwhile. */
async function publish(inputs: Record<string, string>): Promise<Logged[]> {
  const before = registry.accessLog().length
  const ctx = await context(dir, 'stable', { images, ...inputs })
  const stage = createContainersStage({ dockerConfig: config })
  await stage.apply(await stage.plan(ctx), ctx)
  return logSince(before)
}

/** What the registry logged after its first `before` lines. */
async function logSince(before: number): Promise<Logged[]> {
  // The log is written as each answer goes out: a request of our own, logged, marks the end.
  const mark = `/v2/?end=${++marks}`
  await fetch(`http://${registry.host}${mark}`)
  while (!registry.accessLog().some((l) => l.includes(mark))) {
    await new Promise((r) => setTimeout(r, 20))
  }
  return parse(registry.accessLog().slice(before)).filter((r) => r.path !== '/v2/')
}

const uploads = (requests: Logged[], repo: string) =>
  requests.filter(
    (r) =>
      r.path.startsWith(`/v2/${repo}/blobs/uploads/`) &&
      (r.method === 'PATCH' || r.method === 'PUT' || (r.method === 'POST' && !r.query.has('mount')))
  )

describe('cross-repository mounts and HEAD-only re-pushes', () => {
  it('mounts every blob into a second repository in a later run; the first gets HEADs only', async () => {
    const first = `${registry.host}/falcosecurity/falco`
    const second = `${registry.host}/falcosecurity/falco-mirror`
    const run1 = await publish({ 'image-repositories': first })
    expect(uploads(run1, 'falcosecurity/falco').filter((r) => r.method === 'PUT')).toHaveLength(
      blobCount
    )

    // A later run adds a repository, listed first: it mounts from the one that holds the image.
    const run2 = await publish({ 'image-repositories': `${second}\n${first}` })
    const toSecond = run2.filter((r) => r.path.startsWith('/v2/falcosecurity/falco-mirror/'))
    expect(uploads(run2, 'falcosecurity/falco-mirror')).toEqual([])
    const mounts = toSecond.filter((r) => r.method === 'POST')
    expect(mounts).toHaveLength(blobCount)
    for (const mount of mounts) {
      expect(mount.status).toBe(201)
      expect(mount.query.get('from')).toBe('falcosecurity/falco')
    }
    expect(new Set(mounts.map((m) => m.query.get('mount'))).size).toBe(blobCount)
    // The repository that holds everything: not one request but HEAD (and the 401 that asks
    // for a token, also a HEAD).
    const toFirst = run2.filter((r) => r.path.startsWith('/v2/falcosecurity/falco/'))
    expect(toFirst.length).toBeGreaterThan(0)
    expect(toFirst.filter((r) => r.method !== 'HEAD')).toEqual([])
    // The mount's token asked for push on the target and pull on the source in one request.
    expect(
      issuer.requests.some(
        (r) =>
          r.scopes.includes('repository:falcosecurity/falco-mirror:pull,push') &&
          r.scopes.includes('repository:falcosecurity/falco:pull')
      )
    ).toBe(true)

    // Both now serve the same image to a real client.
    const creds = ['--tls-verify=false', '--creds', `${USER}:${PASSWORD}`]
    const raw = JSON.parse(
      await tool('skopeo', ['inspect', ...creds, '--raw', `docker://${second}:0.40.0`])
    ) as { manifests: unknown[] }
    expect(raw.manifests).toHaveLength(2)
    await tool('skopeo', [
      'copy',
      '--all',
      '--src-tls-verify=false',
      '--src-creds',
      `${USER}:${PASSWORD}`,
      `docker://${second}:0.40.0`,
      `oci:${path.join(dir, 'pulled')}:x`
    ])
  })

  it('mounts from image-mount-from, skipping a source the credentials cannot read', async () => {
    const target = `${registry.host}/falcosecurity/falco-no-driver`
    const run = await publish({
      'image-repositories': target,
      // The token issuer grants nothing on private/base: its mounts are refused, not fatal.
      'image-mount-from': `${registry.host}/private/base\n${registry.host}/falcosecurity/falco`
    })
    const posts = run.filter(
      (r) => r.path.startsWith('/v2/falcosecurity/falco-no-driver/') && r.method === 'POST'
    )
    expect(uploads(run, 'falcosecurity/falco-no-driver')).toEqual([])
    const mounted = posts.filter((r) => r.status === 201)
    expect(mounted).toHaveLength(blobCount)
    expect(mounted.every((r) => r.query.get('from') === 'falcosecurity/falco')).toBe(true)
    // Whatever went to private/base was refused by the registry, never answered with a mount.
    const denied = posts.filter((r) => r.query.get('from') === 'private/base')
    expect(denied.length).toBeGreaterThan(0)
    expect(denied.every((r) => r.status === 401)).toBe(true)
  })

  it('push-images on the command line mounts from --image-mount-from, or says what is wrong', async () => {
    const target = `${registry.host}/cli/falco`
    const before = registry.accessLog().length
    const log = recordingLog()
    const saved = process.env.DOCKER_CONFIG
    process.env.DOCKER_CONFIG = path.dirname(config)
    try {
      const [amd64] = images.split('\n')
      const args = ['--images', amd64, '--image-repositories', target, '--tag', '0.40.0']
      expect(
        await pushImagesCommand(
          [...args, '--image-mount-from', `${registry.host}/falcosecurity/falco`],
          log
        )
      ).toBe(0)
      expect(await pushImagesCommand(['--tag', '1'], log)).toBe(1)
      expect(log.lines.join('\n')).toContain('--images: give at least one image')
      expect(await pushImagesCommand([...args, '--image-concurrency', '0'], log)).toBe(1)
      expect(log.lines.join('\n')).toContain('--image-concurrency')
    } finally {
      if (saved === undefined) delete process.env.DOCKER_CONFIG
      else process.env.DOCKER_CONFIG = saved
    }
    const requests = await logSince(before)
    expect(uploads(requests, 'cli/falco')).toEqual([])
    const mounts = requests.filter(
      (r) => r.path.startsWith('/v2/cli/falco/') && r.method === 'POST'
    )
    expect(mounts.length).toBeGreaterThan(0)
    expect(mounts.every((r) => r.status === 201)).toBe(true)
  })
})
