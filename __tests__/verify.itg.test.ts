/**
 * The verify stage against a real nginx serving the store, and behind a caching proxy that plays
 * a CDN keeping old copies: what apt, dnf and curl would be served is checked against what was
 * published.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { readInputs, storeUrl } from '../src/inputs.js'
import { renderSummary } from '../src/report/summary.js'
import { publish, type PipelineDeps } from '../src/pipeline.js'
import type { StageContext, StageResult } from '../src/plan.js'
import { StageError } from '../src/plan.js'
import type { ReleaseSources } from '../src/release/decide.js'
import { packagesStage } from '../src/stages/packages.js'
import { verifyStage } from '../src/stages/verify.js'
import { openStore } from '../src/store/open.js'
import type { Store } from '../src/store/store.js'
import type { Artifacts } from '../src/verify/context.js'
import { httpServed, storeServed, type Served } from '../src/verify/served.js'
import { targetsOfRun, targetsOfStore, type VerifyTargets } from '../src/verify/targets.js'
import { registryResolver } from '../src/verify/registry.js'
import { verify, type VerifyOptions } from '../src/verify/verify.js'
import { hint } from '../src/verify/findings.js'
import { pushImages } from '../src/oci/commands.js'
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dockerConfig } from './support/containers-context.js'
import { buildLayout } from './support/images.js'
import { startRegistry } from './support/registry.js'
import { freePort } from './support/tools.js'
import { recordingLog } from './github/recording-log.js'
import { buildDeb } from './support/build-packages.js'
import { CountingStore } from './support/counting-store.js'
import { startCachingProxy, type CachingProxy } from './support/caching-proxy.js'
import { serveDirectory } from './support/http-serve.js'
import { generateTestKey, type TestKey } from './support/keys.js'
import { barrier } from './support/barrier.js'

const workspace = mkdtempSync(join(tmpdir(), 'falco-publish-verify-'))
const store = join(workspace, 'public')
let key: TestKey
let nginx: { url: string; close: () => Promise<void> }
let proxy: CachingProxy
/** The stage results of the first publish (the six example packages). */
let first: StageResult[]

const sources: ReleaseSources = {
  describe: async () => ({ tag: '0.40.0', commits: 15, sha7: '8c4040b' }),
  stableTags: async () => ['0.40.0']
}

function inputs(extra: Record<string, string>) {
  return readInputs(
    (name) =>
      ({
        'require-checks': 'false',
        store,
        'gpg-private-key': key.armoredPrivate,
        'verify-timeout': '0',
        ...extra
      })[name]
  )
}

function deps(extra: Record<string, string>): PipelineDeps {
  return {
    inputs: inputs(extra),
    event: {
      eventName: 'push',
      ref: 'refs/heads/master',
      sha: '8c4040b'.padEnd(40, '0'),
      payload: {}
    },
    workspace,
    workdir: workspace,
    log: recordingLog(),
    releaseSources: sources,
    openStore: (url) => openStore(url),
    stages: [packagesStage, verifyStage]
  }
}

/**
 * The verify stage alone, checking the given results through `publicUrl` (or, when it is '', the
 * store itself), reading the store through `through` when given.
 */
async function verifyAgain(
  results: StageResult[],
  publicUrl: string,
  through: Store = openStore(storeUrl(store, workspace))
): Promise<StageResult> {
  const ctx: StageContext = {
    release: { channel: 'dev', version: '0.41.0', latest: false, prerelease: false } as never,
    inputs: inputs({ 'public-url': publicUrl }),
    store: through,
    log: recordingLog(),
    workspace,
    workdir: workspace,
    results: results.filter((r) => r.stage !== 'verify')
  }
  const plan = await verifyStage.plan(ctx)
  return verifyStage.apply(plan, ctx)
}

async function failure(run: Promise<StageResult>): Promise<StageError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(StageError)
  return error as StageError
}

beforeAll(async () => {
  key = await generateTestKey('ecc')
  mkdirSync(join(workspace, 'build'))
  mkdirSync(store)
  for (const file of readdirSync('examples/packages'))
    copyFileSync(resolve('examples/packages', file), join(workspace, 'build', file))
  nginx = await serveDirectory(store)
  proxy = await startCachingProxy(`${nginx.url}/`)
})

afterAll(async () => {
  await proxy?.close()
  await nginx?.close()
  rmSync(workspace, { recursive: true, force: true })
})

/** Every signature the example publish makes, in key order. */
const SIGNATURES = [
  'packages/bin-dev/aarch64/SHA256SUMS.asc',
  'packages/bin-dev/x86_64/SHA256SUMS.asc',
  'packages/deb-dev/dists/stable/InRelease',
  'packages/deb-dev/dists/stable/Release.gpg',
  'packages/rpm-dev/repodata/repomd.xml.asc'
]

/** Runs `check` with another key published in place of the one that signed, then puts it back. */
async function withForeignKey(check: () => Promise<void>): Promise<void> {
  const file = join(store, 'packages/repository-key.asc')
  const original = readFileSync(file)
  writeFileSync(file, (await generateTestKey('ecc')).armoredPublic)
  try {
    await check()
  } finally {
    writeFileSync(file, original)
  }
}

describe('verify', () => {
  it('passes against nginx serving the store, checking every kind this run published', async () => {
    const report = await publish(deps({ packages: 'build/*', 'public-url': `${nginx.url}/` }))
    expect(report.error).toBeUndefined()
    const result = report.results.find((r) => r.stage === 'verify')
    expect(JSON.parse(result?.outputs?.verified ?? '{}')).toEqual({
      apt: true,
      dnf: true,
      bin: true
    })
    expect(result?.summary).toContain(`Checked through ${nginx.url}/`)
    expect(result?.summary).toMatch(/🟢 apt \| \d+ \| 0 \|/)
    expect(renderSummary(report)).toContain('| Verified | 🟢 apt 🟢 dnf 🟢 bin |')
    first = report.results
    // Every package the run added was fetched through nginx.
    const targets = targetsOfRun(first)
    expect([...targets.apt.values()].flat()).toHaveLength(2)
    expect([...targets.dnf.values()].flat()).toHaveLength(2)
  })

  it.each(['apt', 'dnf', 'bin'] as const)(
    "fetches the run's own packages beside the %s indexes that list them, not after",
    async (kind) => {
      const all = targetsOfRun(first)
      const targets: VerifyTargets = {
        apt: kind === 'apt' ? all.apt : new Map(),
        dnf: kind === 'dnf' ? all.dnf : new Map(),
        bin: kind === 'bin' ? all.bin : new Map(),
        drivers: [],
        images: []
      }
      const listed = (a: Artifacts) => (a === 'all' ? [] : a)
      const packages = new Set(
        [
          ...[...targets.apt.values(), ...targets.dnf.values()].flatMap(listed),
          ...[...targets.bin.values()].flatMap((b) => listed(b.artifacts))
        ].map((a) => a.key)
      )
      expect(packages.size).toBe(2)
      // Every index fetch waits until each package has been asked for: fetched after the
      // indexes, as before, the first package would wait for them forever (on a store across a
      // network, a round trip more). The signed files that say what to check go first.
      const fetches = barrier(packages, 'packages fetched after the indexes')
      const held = (key: string) =>
        /\/(by-hash\/|Packages|SHA256SUMS$)|\/repodata\/(?!repomd\.xml)/.test(key)
      const nginxServed = httpServed(`${nginx.url}/`)
      const served: Served = {
        where: (key, path) => nginxServed.where(key, path),
        read: async (key, signal) => {
          if (held(key)) await fetches.wait()
          return nginxServed.read(key, signal)
        },
        fingerprint: async (key, path, signal) => {
          if (packages.has(key)) fetches.arrive(key)
          else if (held(key)) await fetches.wait()
          return nginxServed.fingerprint(key, path, signal)
        }
      }
      const report = await verify(targets, {
        served,
        store: storeServed(openStore(storeUrl(store, workspace))),
        throughPublicUrl: true,
        deadlineMs: 0,
        log: recordingLog()
      })
      expect(report.results.flatMap((r) => r.findings)).toEqual([])
      expect(new Set(report.results.map((r) => r.kind))).toEqual(new Set([kind]))
      expect(fetches.arrived).toEqual(packages)
    }
  )

  it('reads the published key beside the first indexes it fetches, and fails first when it is missing', async () => {
    const targets = targetsOfRun(first)
    const published = storeServed(openStore(storeUrl(store, workspace)))
    // The key's read waits until an InRelease has been asked for: read first and awaited, as
    // before, it would wait forever.
    const inRelease = 'packages/deb-dev/dists/stable/InRelease'
    const reads = barrier([inRelease], 'the key read before any index')
    const nginxServed = httpServed(`${nginx.url}/`)
    const served: Served = {
      where: (key, path) => nginxServed.where(key, path),
      read: (key, signal) => {
        if (key === inRelease) reads.arrive(key)
        return nginxServed.read(key, signal)
      },
      fingerprint: (key, path, signal) => nginxServed.fingerprint(key, path, signal)
    }
    const holding: Served = {
      ...published,
      read: async (key, signal) => {
        if (key === 'packages/repository-key.asc') await reads.wait()
        return published.read(key, signal)
      }
    }
    const options = { served, throughPublicUrl: true, deadlineMs: 0, log: recordingLog() }
    const report = await verify(targets, { ...options, store: holding })
    expect(report.results.flatMap((r) => r.findings)).toEqual([])
    // Without the key nothing can be checked: the run fails naming it, and nothing else.
    const keyless: Served = {
      ...published,
      read: async (key, signal) =>
        key === 'packages/repository-key.asc' ? undefined : published.read(key, signal)
    }
    await expect(verify(targets, { ...options, store: keyless })).rejects.toThrow(
      /repository-key\.asc is missing: the repositories' signatures cannot be checked/
    )
  })

  it('fails naming the stale InRelease a caching proxy keeps serving, and passes once it is invalidated', async () => {
    // The proxy learns the first publish's indexes, as a CDN edge would.
    await verifyAgain(first, proxy.url)
    const deb = await buildDeb(join(workspace, 'build'), {
      name: 'falco',
      version: '0.41.1',
      arch: 'amd64'
    })
    const report = await publish(deps({ packages: deb, 'public-url': proxy.url }))
    expect(report.error).toMatch(/packages\/deb-dev\/dists\/stable\/InRelease/)
    const verifyResult = report.results.find((r) => r.stage === 'verify')
    expect(verifyResult?.failed.map((f) => f.target)).toContain(
      `${proxy.url}packages/deb-dev/dists/stable/InRelease`
    )
    expect(verifyResult?.summary).toContain('🔴 apt')
    expect(renderSummary(report)).toContain('| Verified | 🔴 apt |')
    expect(verifyResult?.summary).toContain('stale CDN or proxy copy')
    expect(proxy.hits).toContain('/packages/deb-dev/dists/stable/InRelease')

    // A CDN that expires its copy while verify waits: the next pass sees the new one.
    proxy.expireAfter(1)
    const targets = targetsOfRun(report.results)
    const retried = await verify(targets, {
      served: httpServed(proxy.url),
      store: storeServed(openStore(storeUrl(store, workspace))),
      throughPublicUrl: true,
      deadlineMs: 60_000,
      retryDelayMs: 10,
      log: recordingLog()
    })
    expect(retried.ok).toBe(true)
    expect(retried.passes).toBeGreaterThan(1)
    proxy.expireAfter(Infinity)

    proxy.invalidate()
    const passed = await verifyAgain(report.results, proxy.url)
    expect(passed.failed).toEqual([])
    expect(JSON.parse(passed.outputs?.verified ?? '{}')).toEqual({ apt: true })
  })

  it('fails naming a tampered package', async () => {
    const file = join(store, 'packages/deb-dev/stable/falco-0.41.0-x86_64.deb')
    const original = readFileSync(file)
    writeFileSync(file, Buffer.concat([original, Buffer.from('tampered')]))
    try {
      const error = await failure(verifyAgain(first, `${nginx.url}/`))
      expect(error.message).toContain(
        `${nginx.url}/packages/deb-dev/stable/falco-0.41.0-x86_64.deb`
      )
      expect(error.result.failed.map((f) => f.target)).toEqual([
        `${nginx.url}/packages/deb-dev/stable/falco-0.41.0-x86_64.deb`
      ])
    } finally {
      writeFileSync(file, original)
    }
  })

  it('fails naming a by-hash file that is not served', async () => {
    const release = readFileSync(join(store, 'packages/deb-dev/dists/stable/Release'), 'utf8')
    const sha = /^ ([0-9a-f]{64}) +\d+ main\/binary-arm64\/Packages\.xz$/m.exec(release)?.[1]
    expect(sha).toMatch(/^[0-9a-f]{64}$/)
    const byHash = `packages/deb-dev/dists/stable/main/binary-arm64/by-hash/SHA256/${sha}`
    const bytes = readFileSync(join(store, byHash))
    rmSync(join(store, byHash))
    try {
      const error = await failure(verifyAgain(first, `${nginx.url}/`))
      expect(error.message).toContain(`${nginx.url}/${byHash}`)
      expect(error.result.failed).toEqual([
        expect.objectContaining({
          target: `${nginx.url}/${byHash}`,
          error: expect.stringContaining('served nothing')
        })
      ])
    } finally {
      writeFileSync(join(store, byHash), bytes)
    }
    // Restored, the same check passes again: the failure was the missing file, nothing else.
    expect((await verifyAgain(first, `${nginx.url}/`)).failed).toEqual([])
  })

  it('follows a public URL that redirects (as a bucket website does), and names one that only loops', async () => {
    const hops: string[] = []
    const redirecting = createServer((request, response) => {
      hops.push(request.url ?? '')
      const loop = request.url?.startsWith('/loop/')
      response.writeHead(301, {
        location: loop ? request.url! : `${nginx.url}${request.url!.replace(/^\/moved/, '')}`
      })
      response.end()
    })
    await new Promise<void>((done) => redirecting.listen(0, '127.0.0.1', done))
    const { port } = redirecting.address() as AddressInfo
    try {
      expect((await verifyAgain(first, `http://127.0.0.1:${port}/moved/`)).failed).toEqual([])
      expect(hops).toContain('/moved/packages/deb-dev/dists/stable/InRelease')
      await expect(verifyAgain(first, `http://127.0.0.1:${port}/loop/`)).rejects.toThrow(
        /\/loop\/packages\/\S+: HTTP 301/
      )
    } finally {
      redirecting.close()
    }
  })

  it('fails naming the URL and public-url when nothing answers there', async () => {
    const port = await freePort()
    // The repositories are checked side by side: whichever request fails first is named.
    await expect(verifyAgain(first, `http://127.0.0.1:${port}/`)).rejects.toThrow(
      new RegExp(`http://127\\.0\\.0\\.1:${port}/packages/\\S+: connect ECONNREFUSED`)
    )
  })

  it('stops the other checks once one fails the run: none of them asks the server again', async () => {
    // apt's InRelease is refused outright; every dnf and tarball file answers "try again in a
    // second", which a check left running would ask for again and again until its attempts ran out.
    const server = await serveDirectory(store, {
      accessLog: true,
      locations: `
    location = /packages/deb-dev/dists/stable/InRelease { return 400; }
    location /packages/rpm-dev/ { add_header Retry-After 1 always; return 503; }
    location /packages/bin-dev/ { add_header Retry-After 1 always; return 503; }`
    })
    const requests = (): string[] => readFileSync(server.accessLog!, 'utf8').split('\n')
    try {
      await expect(verifyAgain(first, `${server.url}/`)).rejects.toThrow(
        `${server.url}/packages/deb-dev/dists/stable/InRelease: HTTP 400`
      )
      expect(requests()).toContain('GET /packages/deb-dev/dists/stable/InRelease 400')
      // Past the second a retry waits (Retry-After: 1), with room to spare: still one request at
      // most per file (the first, made before the failure), none retried.
      await new Promise((resolve) => setTimeout(resolve, 2500))
      const asked = requests().flatMap((line) => /^GET (\S+) /.exec(line)?.[1] ?? [])
      const retried = asked.filter((path, i) => asked.indexOf(path) !== i)
      expect(retried).toEqual([])
    } finally {
      await server.close()
    }
  })

  it('fails on every signature when the published key is not the one that signed', async () => {
    await withForeignKey(async () => {
      const error = await failure(verifyAgain(first, `${nginx.url}/`))
      expect(error.result.failed.map((f) => f.target).sort()).toEqual(
        SIGNATURES.map((key) => `${nginx.url}/${key}`)
      )
      expect(error.result.failed[0].error).toContain('does not verify')
    })
  })
})

describe('verify without a public URL: the store is what is served', () => {
  const storeAt = (key: string) => `${openStore(storeUrl(store, workspace)).location}/${key}`
  /** How many times each key was read. */
  const counted = (keys: string[]) =>
    keys.reduce((n, key) => n.set(key, (n.get(key) ?? 0) + 1), new Map<string, number>())
  const indexes = [
    'packages/repository-key.asc',
    'packages/deb-dev/dists/stable/InRelease',
    'packages/deb-dev/dists/stable/Release',
    'packages/deb-dev/dists/stable/Release.gpg',
    'packages/deb-dev/dists/stable/main/binary-amd64/Packages',
    'packages/rpm-dev/repodata/repomd.xml',
    'packages/rpm-dev/repodata/repomd.xml.asc',
    'packages/bin-dev/x86_64/SHA256SUMS',
    'packages/bin-dev/x86_64/SHA256SUMS.asc'
  ]

  it('reads each object once, where through a public URL it reads it once from each side', async () => {
    const alone = new CountingStore(openStore(storeUrl(store, workspace)))
    expect((await verifyAgain(first, '', alone)).failed).toEqual([])
    const once = counted(alone.got)
    expect([...once].filter(([, n]) => n > 1)).toEqual([])
    for (const key of indexes) expect([key, once.get(key)]).toEqual([key, 1])

    // Through nginx: the store for what was published, nginx for what is served; both read.
    const server = await serveDirectory(store, { accessLog: true })
    try {
      const published = new CountingStore(openStore(storeUrl(store, workspace)))
      expect((await verifyAgain(first, `${server.url}/`, published)).failed).toEqual([])
      const served = counted(
        readFileSync(server.accessLog!, 'utf8')
          .split('\n')
          .flatMap((line) => /^GET \/(\S+) 200$/.exec(line)?.[1] ?? [])
      )
      const fromStore = counted(published.got)
      for (const key of indexes.filter((key) => !key.endsWith('/Packages'))) {
        expect([key, fromStore.get(key)]).toEqual([key, 1])
        expect([key, served.get(key)]).toEqual([key, 1])
      }
    } finally {
      await server.close()
    }
  })

  it('still names a Packages file, a by-hash file and a package that are not what was published', async () => {
    const packages = 'packages/deb-dev/dists/stable/main/binary-amd64/Packages'
    const release = readFileSync(join(store, 'packages/deb-dev/dists/stable/Release'), 'utf8')
    const sha = /^ ([0-9a-f]{64}) +\d+ main\/binary-arm64\/Packages\.xz$/m.exec(release)?.[1]
    const byHash = `packages/deb-dev/dists/stable/main/binary-arm64/by-hash/SHA256/${sha}`
    const deb = 'packages/deb-dev/stable/falco-0.41.0-x86_64.deb'
    const originals = [packages, byHash, deb].map((key) => readFileSync(join(store, key)))
    // Packages by name gains a line (a new file: its by-hash copy, a hard link, stays right),
    // the by-hash file goes.
    writeFileSync(join(workspace, 'Packages'), Buffer.concat([originals[0], Buffer.from('\n')]))
    renameSync(join(workspace, 'Packages'), join(store, packages))
    rmSync(join(store, byHash))
    writeFileSync(join(store, deb), Buffer.concat([originals[2], Buffer.from('tampered')]))
    try {
      const error = await failure(verifyAgain(first, ''))
      expect(error.message).toContain('The store changed after this run wrote it')
      expect(error.result.failed.map((f) => f.target).sort()).toEqual(
        [packages, byHash, deb].map(storeAt).sort()
      )
    } finally {
      ;[packages, byHash, deb].forEach((key, i) => writeFileSync(join(store, key), originals[i]))
    }
    expect((await verifyAgain(first, '')).failed).toEqual([])
  })

  it('checks everything the store lists (the verify command) reading each object once, and names a changed .rpm', async () => {
    const check = async () => {
      const counting = new CountingStore(openStore(storeUrl(store, workspace)))
      const published = storeServed(counting)
      const report = await verify(await targetsOfStore(counting, 'packages/wasm-dev'), {
        served: published,
        store: published,
        throughPublicUrl: false,
        deadlineMs: 0,
        log: recordingLog()
      })
      return { report, reads: counted(counting.got) }
    }
    const { report, reads } = await check()
    expect(report.ok).toBe(true)
    expect([...reads].filter(([, n]) => n > 1)).toEqual([])
    // Every package the indexes list was read, primary.xml (which lists the .rpm) among them.
    const rpm = 'packages/rpm-dev/falco-0.41.0-x86_64.rpm'
    for (const key of [...indexes, rpm, 'packages/deb-dev/stable/falco-0.41.1-x86_64.deb'])
      expect([key, reads.get(key)]).toEqual([key, 1])
    expect([...reads.keys()].filter((key) => key.endsWith('-primary.xml.gz'))).toHaveLength(1)

    const original = readFileSync(join(store, rpm))
    writeFileSync(join(store, rpm), Buffer.concat([original, Buffer.from('tampered')]))
    try {
      const changed = (await check()).report
      expect(changed.results.flatMap((r) => r.findings)).toEqual([
        expect.objectContaining({ kind: 'dnf', file: storeAt(rpm), problem: 'differs' })
      ])
    } finally {
      writeFileSync(join(store, rpm), original)
    }
  })

  it('names every signature when the published key is not the one that signed', async () => {
    await withForeignKey(async () => {
      const error = await failure(verifyAgain(first, ''))
      expect(error.result.failed.map((f) => f.target).sort()).toEqual(SIGNATURES.map(storeAt))
    })
  })
})

describe('verify of drivers and images', () => {
  const options = (served: string): VerifyOptions => ({
    served: httpServed(served),
    store: storeServed(openStore(storeUrl(store, workspace))),
    throughPublicUrl: true,
    deadlineMs: 0,
    log: recordingLog()
  })

  it('fetches each driver at the URL falcoctl asks for (%2B), and names one with other bytes', async () => {
    const key = 'driver/8.0.0+driver/x86_64/falco_ubuntu-generic_5.15.0-1+deb_1.ko'
    const bytes = Buffer.from('a kernel module')
    mkdirSync(join(store, 'driver/8.0.0+driver/x86_64'), { recursive: true })
    writeFileSync(join(store, key), bytes)
    const driver = {
      kind: 'driver' as const,
      path: key,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length
    }
    const targets = targetsOfRun([
      { stage: 'drivers', published: [driver], failed: [], durationMs: 1 }
    ])
    const ok = await verify(targets, options(`${nginx.url}/`))
    expect(ok.results).toEqual([{ kind: 'drivers', target: 'driver', checked: 1, findings: [] }])

    writeFileSync(join(store, key), 'another module')
    const bad = await verify(targets, options(`${nginx.url}/`))
    expect(bad.results[0].findings).toEqual([
      expect.objectContaining({
        file: `${nginx.url}/driver/8.0.0%2Bdriver/x86_64/falco_ubuntu-generic_5.15.0-1+deb_1.ko`,
        problem: 'differs'
      })
    ])
  })

  it('resolves every pushed tag to the pushed digest, and names a tag that moved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'falco-publish-verify-images-'))
    const registry = await startRegistry(dir, {})
    const config = await dockerConfig(dir, {})
    const repository = `${registry.host}/falcosecurity/falco`
    const push = async (content: string) => {
      const layout = await buildLayout(join(dir, content), 'amd64', [
        { name: 'falco', bytes: content }
      ])
      const [pushed] = await pushImages({
        log: recordingLog(),
        dockerConfig: config,
        images: [`oci:${layout}:latest`],
        repositories: [repository],
        tags: ['0.40.0', 'latest'],
        exec: async () => ({ code: 1, stderr: 'not used' })
      })
      return pushed
    }
    const resolver = await registryResolver({
      log: recordingLog(),
      insecure: [],
      dockerConfig: config
    })
    try {
      const pushed = await push('falco 0.40.0')
      const images = pushed.tags.map((tag) => ({
        kind: 'image' as const,
        path: `${repository}:${tag}`,
        digest: pushed.digest
      }))
      const targets = targetsOfRun([
        { stage: 'containers', published: images, failed: [], durationMs: 1 }
      ])
      const ok = await verify(targets, {
        ...options(`${nginx.url}/`),
        resolveTag: resolver.resolve
      })
      expect(ok.results).toEqual([{ kind: 'images', target: repository, checked: 2, findings: [] }])

      // Said to be signed, but the registry holds no signature (a mirror that copied the tags
      // only): each digest cosign or podman would check is named, with what to do.
      const identity =
        'https://github.com/falcosecurity/falco/.github/workflows/release.yaml@refs/tags/0.40.0'
      const unsigned = await verify(
        targetsOfRun([
          {
            stage: 'containers',
            published: images.map((image) => ({ ...image, signer: { identity } })),
            failed: [],
            durationMs: 1
          }
        ]),
        {
          ...options(`${nginx.url}/`),
          resolveTag: resolver.resolve,
          checkSignature: resolver.checkSignature
        }
      )
      expect(unsigned.ok).toBe(false)
      const [missing] = unsigned.results[0].findings
      expect(missing).toEqual({
        kind: 'images',
        file: `${repository}:${pushed.digest.replace(':', '-')}.sig`,
        problem: 'signature',
        served: 'no signature tag',
        published: `signed keyless as ${identity}`
      })
      expect(hint(missing, true)).toMatch(
        /^cosign verify and signature policies .* reject the image/
      )

      const moved = await push('falco 0.40.0, rebuilt')
      const bad = await verify(targets, {
        ...options(`${nginx.url}/`),
        resolveTag: resolver.resolve
      })
      expect(bad.ok).toBe(false)
      expect(bad.results[0].findings).toEqual([
        {
          kind: 'images',
          file: `${repository}:0.40.0`,
          problem: 'differs',
          served: moved.digest,
          published: pushed.digest
        },
        {
          kind: 'images',
          file: `${repository}:latest`,
          problem: 'differs',
          served: moved.digest,
          published: pushed.digest
        }
      ])
    } finally {
      resolver.close()
      await registry.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe("verify of an arch-less tarball repository (Falco's wasm-dev)", () => {
  const wasm = 'packages/wasm-dev/falco-0.41.0-wasm.tar.gz'

  it('checks the -wasm tarball against its SHA256SUMS, in a run and from the store, and names one with other bytes', async () => {
    const build = join(workspace, 'wasm-build')
    mkdirSync(join(build, 'falco'), { recursive: true })
    writeFileSync(join(build, 'falco', 'falco.wasm'), 'a WebAssembly build of falco')
    execFileSync('tar', ['-czf', join(build, 'falco-0.41.0-wasm.tar.gz'), '-C', build, 'falco'])
    const report = await publish(deps({ packages: 'wasm-build/*.tar.gz' }))
    expect(report.error).toBeUndefined()
    const run = report.results.filter((r) => r.stage !== 'verify')
    expect(run.flatMap((r) => r.published).map((p) => p.path)).toContain(wasm)
    const verified = report.results.find((r) => r.stage === 'verify')
    expect(JSON.parse(verified?.outputs?.verified ?? '{}')).toEqual({ bin: true })
    expect(targetsOfRun(run).bin.get('packages/wasm-dev')).toEqual({
      dirs: ['packages/wasm-dev'],
      artifacts: [expect.objectContaining({ key: wasm })]
    })

    const fromStore = async () => {
      const published = storeServed(openStore(storeUrl(store, workspace)))
      const targets = await targetsOfStore(
        openStore(storeUrl(store, workspace)),
        'packages/wasm-dev'
      )
      expect(targets.bin.get('packages/wasm-dev')).toEqual({
        dirs: ['packages/wasm-dev'],
        artifacts: 'all'
      })
      return verify(targets, {
        served: published,
        store: published,
        throughPublicUrl: false,
        deadlineMs: 0,
        log: recordingLog()
      })
    }
    const all = await fromStore()
    expect(all.ok).toBe(true)
    // SHA256SUMS, its signature and the tarball.
    expect(all.results.find((r) => r.target === 'packages/wasm-dev')?.checked).toBe(3)

    const original = readFileSync(join(store, wasm))
    writeFileSync(join(store, wasm), Buffer.concat([original, Buffer.from('tampered')]))
    try {
      const error = await failure(verifyAgain(run, ''))
      expect(error.result.failed.map((f) => f.target)).toEqual([
        `${openStore(storeUrl(store, workspace)).location}/${wasm}`
      ])
      expect((await fromStore()).results.flatMap((r) => r.findings)).toEqual([
        expect.objectContaining({ kind: 'bin', problem: 'differs' })
      ])
    } finally {
      writeFileSync(join(store, wasm), original)
    }
  })
})
