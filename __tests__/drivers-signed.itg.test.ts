import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { driversVerifyCommand } from '../src/drivers/verify.js'
import { readInputs } from '../src/inputs.js'
import type { Published, StageContext } from '../src/plan.js'
import { driversStage } from '../src/stages/drivers.js'
import { FileStore } from '../src/store/file.js'
import { recordingLogger, repoRoot } from './support/drivers-fixtures.js'
import { generateTestKey, type TestKey } from './support/keys.js'
import { requireTool, startNginx, type StaticServer } from './support/static-server.js'

/**
 * Signed drivers as users check them: real gpg and sha256sum on every published driver fetched
 * over HTTP from nginx, and `drivers-verify` downloading by falcoctl's URL, before and after the
 * module is tampered with.
 */

const VERSION = '9.9.9+driver'
const config = (kr: string, probe: boolean) =>
  `kernelversion: 1\nkernelrelease: ${kr}\ntarget: debian\narchitecture: amd64\noutput:\n  module: output/falco_debian_${kr}_1.ko\n${probe ? `  probe: output/falco_debian_${kr}_1.o\n` : ''}`

describe('signed drivers', () => {
  let server: StaticServer
  let workspace: string
  let key: TestKey
  let drivers: Published[]
  let keyFile: string

  beforeAll(async () => {
    requireTool('gpg', 'gnupg')
    requireTool('sha256sum', 'coreutils')
    workspace = mkdtempSync(path.join(os.tmpdir(), 'drivers-signed-'))
    const dir = path.join(workspace, 'grid', VERSION, 'x86_64')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'debian_6.1.0-1-amd64_1.yaml'), config('6.1.0-1-amd64', true))
    writeFileSync(path.join(dir, 'debian_6.1.0-2-amd64_1.yaml'), config('6.1.0-2-amd64', false))
    mkdirSync(path.join(workspace, 'public'))
    server = await startNginx(path.join(workspace, 'public'), path.join(workspace, 'nginx'))
    key = await generateTestKey('ecc')
    keyFile = path.join(workspace, 'key.asc')
    writeFileSync(keyFile, key.armoredPublic)
    const builder = path.join(repoRoot, '__tests__', 'support', 'copy-builder.sh')
    const ctx: StageContext = {
      release: {
        channel: 'stable',
        version: '0.40.0',
        prerelease: false,
        latest: true,
        reason: 't',
        sha: 'a'
      },
      inputs: readInputs(
        (n) =>
          ({
            'drivers-config': 'grid',
            'driver-versions': VERSION,
            'driver-builder': `${builder} {kernelrelease} {config} {module} {probe}`,
            'gpg-private-key': key.armoredPrivate
          })[n]
      ),
      store: new FileStore(path.join(workspace, 'public'), { baseUrl: server.url }),
      log: recordingLogger(),
      workspace,
      workdir: path.join(workspace, 'tmp')
    }
    const result = await driversStage.apply(await driversStage.plan(ctx), ctx)
    drivers = result.published.filter((p) => p.kind === 'driver')
  })

  afterAll(async () => {
    await server?.stop()
    if (workspace) rmSync(workspace, { recursive: true, force: true })
  })

  const download = async (url: string, file: string) => {
    const res = await fetch(url)
    expect([url, res.status]).toEqual([url, 200])
    writeFileSync(file, Buffer.from(await res.arrayBuffer()))
  }

  it('gpg --verify and sha256sum -c accept every published driver, and the site lists both', async () => {
    expect(drivers.map((d) => path.basename(d.path)).sort()).toEqual([
      'falco_debian_6.1.0-1-amd64_1.ko',
      'falco_debian_6.1.0-1-amd64_1.o',
      'falco_debian_6.1.0-2-amd64_1.ko'
    ])
    const gnupg = mkdtempSync(path.join(workspace, 'gnupg-'))
    const env = { ...process.env, GNUPGHOME: gnupg }
    execFileSync('gpg', ['--batch', '--quiet', '--import', keyFile], { env, stdio: 'pipe' })
    const dir = mkdtempSync(path.join(workspace, 'fetched-'))
    for (const d of drivers) {
      const name = path.basename(d.path)
      for (const suffix of ['', '.sha256', '.asc'])
        await download(`${d.url}${suffix}`, path.join(dir, `${name}${suffix}`))
      const gpg = spawnSync(
        'gpg',
        ['--batch', '--status-fd', '1', '--verify', `${name}.asc`, name],
        { cwd: dir, env, encoding: 'utf8' }
      )
      expect([name, gpg.status]).toEqual([name, 0])
      expect(gpg.stdout).toContain(`[GNUPG:] VALIDSIG ${key.fingerprint}`)
      const sum = spawnSync('sha256sum', ['-c', `${name}.sha256`], { cwd: dir, encoding: 'utf8' })
      expect([name, sum.status, sum.stdout.trim()]).toEqual([name, 0, `${name}: OK`])
    }
    const site = JSON.parse(
      readFileSync(path.join(workspace, 'public/driver/site/9.9.9+driver.json'), 'utf8')
    )
    for (const entry of site.drivers) {
      const d = drivers.find((x) => x.url === entry.download)!
      expect(entry.sha256).toBe(d.sha256)
      expect(entry.signature).toBe(`${d.url}.asc`)
    }
  })

  const verify = async (kernelRelease: string, kind = 'kmod') => {
    const out: string[] = []
    const err: string[] = []
    const status = await driversVerifyCommand(
      [
        '--repo',
        `${server.url}/driver`,
        '--driver-version',
        VERSION,
        '--arch',
        'x86_64',
        '--target',
        'debian',
        '--kernel-release',
        kernelRelease,
        '--kernel-version',
        '1',
        '--kind',
        kind,
        '--key',
        keyFile
      ],
      { write: (t: string) => out.push(t) },
      { write: (t: string) => err.push(t) }
    )
    return { status, out: out.join(''), err: err.join('') }
  }

  it('drivers-verify accepts a published driver and refuses it once tampered with', async () => {
    const ok = await verify('6.1.0-1-amd64')
    expect(ok).toMatchObject({ status: 0, err: '' })
    expect(ok.out).toContain(
      `verified ${server.url}/driver/9.9.9%2Bdriver/x86_64/falco_debian_6.1.0-1-amd64_1.ko`
    )
    expect(ok.out).toContain(`signed by ${key.fingerprint}`)
    expect((await verify('6.1.0-1-amd64', 'ebpf')).status).toBe(0)

    const ko = path.join(
      workspace,
      'public/driver/9.9.9+driver/x86_64/falco_debian_6.1.0-2-amd64_1.ko'
    )
    const tampered = Buffer.concat([readFileSync(ko), Buffer.from('\nrootkit')])
    writeFileSync(ko, tampered)
    const bad = await verify('6.1.0-2-amd64')
    expect(bad.status).toBe(1)
    expect(bad.err).toMatch(
      /falco_debian_6\.1\.0-2-amd64_1\.ko: sha256 [0-9a-f]{64} does not match .*tampered/
    )

    // An attacker who also rewrites the .sha256 still lacks the key.
    const { createHash } = await import('node:crypto')
    writeFileSync(
      `${ko}.sha256`,
      `${createHash('sha256').update(tampered).digest('hex')}  falco_debian_6.1.0-2-amd64_1.ko\n`
    )
    const forged = await verify('6.1.0-2-amd64')
    expect(forged.status).toBe(1)
    expect(forged.err).toMatch(/signature .* does not verify with the given key/)

    const missing = await verify('6.1.0-9-amd64')
    expect(missing.status).toBe(1)
    expect(missing.err).toMatch(/HTTP 404/)
  })

  it('shard: index gives drivers published unsigned their .sha256 and .asc, which gpg accepts', async () => {
    const version = '8.8.8+driver'
    const dir = path.join(workspace, 'grid', version, 'x86_64')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'debian_6.1.0-1-amd64_1.yaml'), config('6.1.0-1-amd64', true))
    const builder = path.join(repoRoot, '__tests__', 'support', 'copy-builder.sh')
    const ctx = (over: Record<string, string>): StageContext => ({
      release: {
        channel: 'stable',
        version: '0.40.0',
        prerelease: false,
        latest: true,
        reason: 't',
        sha: 'a'
      },
      inputs: readInputs(
        (n) =>
          ({
            'drivers-config': 'grid',
            'driver-versions': version,
            'driver-builder': `${builder} {kernelrelease} {config} {module} {probe}`,
            ...over
          })[n]
      ),
      store: new FileStore(path.join(workspace, 'public'), { baseUrl: server.url }),
      log: recordingLogger(),
      workspace,
      workdir: path.join(workspace, 'tmp-index')
    })
    // Published by a run without a key (or another tool), then its .sha256 removed too.
    await driversStage.apply(await driversStage.plan(ctx({})), ctx({}))
    const base = path.join(
      workspace,
      'public/driver/8.8.8+driver/x86_64/falco_debian_6.1.0-1-amd64_1'
    )
    rmSync(`${base}.ko.sha256`)
    const index = ctx({ shard: 'index', 'gpg-private-key': key.armoredPrivate })
    await driversStage.apply(await driversStage.plan(index), index)

    const gnupg = mkdtempSync(path.join(workspace, 'gnupg-'))
    const env = { ...process.env, GNUPGHOME: gnupg }
    execFileSync('gpg', ['--batch', '--quiet', '--import', keyFile], { env, stdio: 'pipe' })
    for (const ext of ['ko', 'o']) {
      const file = `${base}.${ext}`
      expect(spawnSync('gpg', ['--batch', '--verify', `${file}.asc`, file], { env }).status).toBe(0)
      expect(
        spawnSync('sha256sum', ['-c', `${file}.sha256`], { cwd: path.dirname(file) }).status
      ).toBe(0)
    }
    const site = JSON.parse(
      readFileSync(path.join(workspace, 'public/driver/site/8.8.8+driver.json'), 'utf8')
    )
    for (const d of site.drivers) {
      expect(d.signature).toBe(`${d.download}.asc`)
      expect(d.sha256).toMatch(/^[0-9a-f]{64}$/)
    }
  })
})
