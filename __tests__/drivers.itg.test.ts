import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { falcoctlPath } from '../src/drivers/plan.js'
import { readInputs } from '../src/inputs.js'
import type { StageContext } from '../src/plan.js'
import type { Release } from '../src/release/release.js'
import { driversStage } from '../src/stages/drivers.js'
import { FileStore } from '../src/store/file.js'
import { CountingStore } from './support/counting-store.js'
import { recordingLogger, repoRoot } from './support/drivers-fixtures.js'
import { requireTool, startNginx, type StaticServer } from './support/static-server.js'

/**
 * The drivers grid with a real toolchain: kbuild against the installed kernel headers and
 * clang -target bpf build the artifacts, the stage publishes them into a store directory, and
 * nginx serves that directory to falcoctl-style URLs.
 */

const builder = path.join(repoRoot, '__fixtures__', 'driver-builder', 'build.sh')
const DRIVER_VERSION = '9.9.9+driver'
const SHA_VERSION = '39ae7d40496793cf3d3e7890c9bbdc202263836b'

/**
 * The release of installed kernel headers that kbuild can build against: the running kernel's
 * when installed (Ubuntu runners: linux-headers-$(uname -r)), else any with a `.config`
 * (Debian: linux-headers-amd64 installs `6.1.0-56-amd64`, beside a `-common` folder without one).
 */
function installedKernelRelease(): string {
  const running = os.release()
  if (existsSync(`/usr/src/linux-headers-${running}/.config`)) return running
  const found = readdirSync('/usr/src')
    .filter((d) => d.startsWith('linux-headers-') && existsSync(`/usr/src/${d}/.config`))
    .map((d) => d.replace(/^linux-headers-/, ''))
  if (found.length === 0)
    throw new Error(
      'no kernel headers in /usr/src: apt-get install linux-headers-amd64 (Debian) or linux-headers-$(uname -r) (Ubuntu)'
    )
  return found.sort().at(-1)!
}

const config = (kr: string, kv: string, probe: boolean) =>
  `kernelversion: "${kv}"\nkernelrelease: ${kr}\ntarget: debian\narchitecture: amd64\noutput:\n    module: output/${DRIVER_VERSION}/x86_64/falco_debian_${kr}_${kv}.ko\n    probe: ${probe ? `output/${DRIVER_VERSION}/x86_64/falco_debian_${kr}_${kv}.o` : '""'}\n`

describe('drivers grid with a real toolchain', () => {
  let server: StaticServer
  let workspace: string
  let store: CountingStore
  let kr: string
  const log = recordingLogger()

  beforeAll(async () => {
    for (const [tool, pkg] of [
      ['make', 'make'],
      ['clang', 'clang'],
      ['modinfo', 'kmod'],
      ['readelf', 'binutils'],
      ['timeout', 'coreutils']
    ]) {
      requireTool(tool, pkg)
    }
    kr = installedKernelRelease()
    workspace = mkdtempSync(path.join(os.tmpdir(), 'drivers-itg-'))
    const dir = path.join(workspace, 'grid', DRIVER_VERSION, 'x86_64')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, `debian_${kr}_1.yaml`), config(kr, '1', true))
    // The same headers under another kernel version: a module only (`probe: ""`).
    writeFileSync(path.join(dir, `debian_${kr}_2.yaml`), config(kr, '2', false))
    // Headers that are not installed: this build fails and must not stop the others.
    writeFileSync(
      path.join(dir, 'debian_6.1.0-0-missing-amd64_1.yaml'),
      config('6.1.0-0-missing-amd64', '1', true)
    )
    // A git-SHA driver version in the flat layout (no arch folder), as Falco <= 0.32 used.
    mkdirSync(path.join(workspace, 'grid', SHA_VERSION))
    writeFileSync(
      path.join(workspace, 'grid', SHA_VERSION, `debian_${kr}_1.yaml`),
      config(kr, '1', true)
    )
    mkdirSync(path.join(workspace, 'public'))
    server = await startNginx(path.join(workspace, 'public'), path.join(workspace, 'nginx'))
    store = new CountingStore(
      new FileStore(path.join(workspace, 'public'), { baseUrl: server.url })
    )
  })

  afterAll(async () => {
    await server?.stop()
    if (workspace) rmSync(workspace, { recursive: true, force: true })
  })

  const release: Release = {
    channel: 'stable',
    version: '0.40.0',
    prerelease: false,
    latest: true,
    reason: 'tag 0.40.0',
    sha: 'abc'
  }
  const ctx = (version = DRIVER_VERSION): StageContext => ({
    release,
    inputs: readInputs(
      (n) =>
        ({
          'drivers-config': 'grid',
          'driver-versions': version,
          'driver-builder': `${builder} {kernelrelease} {module} {probe} {config}`,
          'driver-concurrency': '2',
          'driver-timeout': '600'
        })[n]
    ),
    store,
    log,
    workspace,
    workdir: path.join(workspace, 'tmp')
  })

  const fetchBytes = async (urlPath: string): Promise<Buffer> => {
    const res = await fetch(`${server.url}/${urlPath}`)
    if (!res.ok) throw new Error(`GET ${urlPath}: ${res.status}`)
    return Buffer.from(await res.arrayBuffer())
  }

  it('builds, publishes and serves real drivers; a failing build is reported and the others published', async () => {
    const plan = await driversStage.plan(ctx())
    expect(plan.operations.filter((o) => o.action === 'build')).toHaveLength(3)
    const result = await driversStage.apply(plan, ctx())

    const ko1 = `driver/${DRIVER_VERSION}/x86_64/falco_debian_${kr}_1.ko`
    const o1 = `driver/${DRIVER_VERSION}/x86_64/falco_debian_${kr}_1.o`
    const ko2 = `driver/${DRIVER_VERSION}/x86_64/falco_debian_${kr}_2.ko`
    const drivers = result.published.filter((p) => p.kind === 'driver')
    expect(drivers.map((p) => p.path).sort()).toEqual([ko1, o1, ko2].sort())
    expect(result.failed).toEqual([
      {
        target: `${DRIVER_VERSION}/x86_64/debian_6.1.0-0-missing-amd64_1.yaml`,
        error: 'builder exited with code 3'
      }
    ])
    expect(JSON.parse(result.outputs!.failing)).toEqual([
      `${DRIVER_VERSION}/x86_64/debian_6.1.0-0-missing-amd64_1.yaml`
    ])
    expect(JSON.parse(result.outputs!.drivers)).toEqual({
      planned: 3,
      skipped: 0,
      built: 2,
      published: 3,
      failed: 1,
      invalid: 0
    })
    const failedLog = readdirSync(result.outputs!['driver-logs']).find((f) =>
      f.includes('missing')
    )!
    expect(readFileSync(path.join(result.outputs!['driver-logs'], failedLog), 'utf8')).toMatch(
      /no kernel headers for 6\.1\.0-0-missing-amd64/
    )
    expect(
      log.lines.some(
        (l) =>
          l.level === 'info' &&
          /^published .*_1\.ko [\d.]+ KiB in [\d.]+ m?s \(([\d.]+ [KMG]?i?B\/s|-)\)$/.test(
            l.message
          )
      )
    ).toBe(true)

    // Fetched the way falcoctl does (driver version escaped) and the way a browser or older
    // loader may (a literal +): both reach the same bytes from a plain static server.
    const dir = mkdtempSync(path.join(workspace, 'fetched-'))
    for (const p of drivers) {
      const escaped = await fetchBytes(falcoctlPath(p.path))
      expect(falcoctlPath(p.path)).toContain('9.9.9%2Bdriver')
      expect(createHash('sha256').update(escaped).digest('hex')).toBe(p.sha256)
      expect((await fetchBytes(p.path)).equals(escaped)).toBe(true)
      writeFileSync(path.join(dir, path.basename(p.path)), escaped)
    }
    const vermagic = (f: string) =>
      execFileSync('modinfo', ['-F', 'vermagic', path.join(dir, path.basename(f))], {
        encoding: 'utf8'
      })
    expect(vermagic(ko1)).toMatch(new RegExp(`^${kr.replace(/\./g, '\\.')} SMP`))
    expect(vermagic(ko2)).toMatch(new RegExp(`^${kr.replace(/\./g, '\\.')} `))
    const elf = execFileSync('readelf', ['-h', path.join(dir, path.basename(o1))], {
      encoding: 'utf8'
    })
    expect(elf).toMatch(/Machine:\s+Linux BPF/)
    expect(elf).toMatch(/Type:\s+REL/)

    // Falco's driver site, over HTTP too (the page asks for `<lib>.json` with the + escaped).
    const site = JSON.parse((await fetchBytes(`driver/site/9.9.9%2Bdriver.json`)).toString())
    expect(site.drivers.map((d: { name: string; kind: string }) => [d.name, d.kind])).toEqual([
      [path.basename(ko1), 'kmod'],
      [path.basename(o1), 'ebpf'],
      [path.basename(ko2), 'kmod']
    ])
    expect(JSON.parse((await fetchBytes('driver/site/index.json')).toString())).toEqual([
      DRIVER_VERSION
    ])
    for (const d of site.drivers as { download: string; sizebytes: number }[])
      expect((await fetch(d.download).then((r) => r.arrayBuffer())).byteLength).toBe(d.sizebytes)
  })

  it('re-running builds nothing that exists and publishes nothing new', async () => {
    const puts = store.requests.put
    const plan = await driversStage.plan(ctx())
    // Only the config that failed is tried again.
    expect(plan.operations.filter((o) => o.action === 'build').map((o) => o.source)).toEqual([
      `${DRIVER_VERSION}/x86_64/debian_6.1.0-0-missing-amd64_1.yaml`
    ])
    expect(plan.operations.filter((o) => o.action === 'skip')).toHaveLength(2)
    const result = await driversStage.apply(plan, ctx())
    expect(result.published).toEqual([])
    expect(store.requests.put).toBe(puts)
    expect(JSON.parse(result.outputs!.drivers)).toMatchObject({
      skipped: 2,
      built: 0,
      published: 0,
      failed: 1
    })
  })

  it('serves a git-SHA driver version at the URLs of every client era', async () => {
    const result = await driversStage.apply(
      await driversStage.plan(ctx(SHA_VERSION)),
      ctx(SHA_VERSION)
    )
    const name = `falco_debian_${kr}_1`
    const ko = `driver/${SHA_VERSION}/x86_64/${name}.ko`
    const built = result.published.find((p) => p.path === ko)!
    expect(built.sha256).toMatch(/^[0-9a-f]{64}$/)
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')
    // Falco <= 0.32 (bash loader): <repo>/<driver version>/<name>, every + written %2B.
    expect(sha(await fetchBytes(`driver/${SHA_VERSION}/${name}.ko`))).toBe(built.sha256)
    expect(sha(await fetchBytes(`driver/${SHA_VERSION}/${name}.o`))).toBe(
      result.published.find((p) => p.path.endsWith(`x86_64/${name}.o`))!.sha256
    )
    // Falco 0.33 to 0.35 (bash loader) and falcoctl (0.36 on): with the arch folder.
    expect(sha(await fetchBytes(falcoctlPath(ko)))).toBe(built.sha256)
    // The site lists each driver once, under its arch.
    const site = JSON.parse((await fetchBytes(`driver/site/${SHA_VERSION}.json`)).toString())
    expect(site.drivers.map((d: { arch: string; name: string }) => `${d.arch}/${d.name}`)).toEqual([
      `x86_64/${name}.ko`,
      `x86_64/${name}.o`
    ])
  })
})
