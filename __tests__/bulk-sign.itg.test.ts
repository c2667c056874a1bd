import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { WORKER_THRESHOLD } from '../src/sign/sign-workers.js'
import { AptClient } from './support/apt-client.js'
import { buildRpm } from './support/build-packages.js'
import { DnfClient } from './support/dnf-client.js'
import { serveDirectory } from './support/http-serve.js'
import { generateTestKey, writePrivateKey, type TestKey } from './support/keys.js'
import { mustRun, requireTools, run } from './support/run.js'
import { syntheticDeb } from './support/synthetic-deb.js'

/**
 * A bulk publish signs in worker threads, started from the bundle as a user runs it
 * (`dist/cli.js`, whose chunk starts dist/chunks/sign-worker.mjs): every signature the workers
 * made is checked by the real verifiers (gpgv for each .asc, rpmkeys for the .rpm headers, apt
 * and dnf for the repository metadata), a publish of one package signs without them, and a
 * bundle whose worker cannot start fails the publish with a clear error and changes no index.
 */
requireTools({
  gpgv: 'gnupg',
  gpg: 'gnupg',
  rpmbuild: 'rpm',
  rpmkeys: 'rpm',
  'apt-get': 'apt',
  dnf: 'dnf dnf-plugins-core'
})

const cli = path.resolve('dist/cli.js')
let tmp: string
let key: TestKey
let keyFile: string
let keyring: string
let store: string
let server: Awaited<ReturnType<typeof serveDirectory>>

function publish(
  ws: string,
  globs: string[],
  entry = cli
): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run 'npm run package' first`)
  const args = [
    ...['publish', '--store', store, '--workspace', ws, '--packages', globs.join('\n')],
    ...['--gpg-private-key', `@${keyFile}`, '--require-checks', 'false', '--version', '1.0.0'],
    ...['--event', 'push', '--ref', 'refs/heads/master', '--sha', '0'.repeat(40)]
  ]
  return new Promise((done) => {
    execFile(
      process.execPath,
      [entry, ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: tmpdir() }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr })
    )
  })
}

/** `count` synthetic .deb files named `<prefix>NNN` in a fresh workspace. */
async function debWorkspace(name: string, prefix: string, count: number): Promise<string> {
  const ws = path.join(tmp, name)
  await fs.mkdir(ws)
  for (let i = 0; i < count; i++) {
    const pkg = `${prefix}${String(i).padStart(3, '0')}`
    await fs.writeFile(path.join(ws, `${pkg}-1.0.0-x86_64.deb`), syntheticDeb(pkg, '1.0.0'))
  }
  return ws
}

const debs = (): string => path.join(store, 'packages/deb-dev/stable')
const rpms = (): string => path.join(store, 'packages/rpm-dev')

/** Every `.asc` in `dir` checked by gpgv against the file beside it. */
async function verifyAll(dir: string): Promise<number> {
  const signatures = (await fs.readdir(dir)).filter((f) => f.endsWith('.asc'))
  for (const asc of signatures) {
    const r = await run('gpgv', [
      '--keyring',
      keyring,
      path.join(dir, asc),
      path.join(dir, asc.slice(0, -4))
    ])
    expect({ asc, code: r.code }).toEqual({ asc, code: 0 })
  }
  return signatures.length
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(tmpdir(), 'falco-publish-bulk-sign-'))
  store = path.join(tmp, 'public')
  await fs.mkdir(store)
  key = await generateTestKey('rsa')
  keyFile = await writePrivateKey(tmp, key)
  await fs.writeFile(path.join(tmp, 'public.asc'), key.armoredPublic)
  keyring = path.join(tmp, 'keyring.gpg')
  await mustRun('gpg', [
    '--batch',
    '--yes',
    '--output',
    keyring,
    '--dearmor',
    path.join(tmp, 'public.asc')
  ])
  server = await serveDirectory(store)
})

afterAll(async () => {
  await server?.close()
  await fs.rm(tmp, { recursive: true, force: true })
})

describe('a bulk publish from the bundle', () => {
  it('signs in workers: gpgv, rpmkeys, apt and dnf accept every signature', async () => {
    const ws = await debWorkspace('ws-bulk', 'bulk', WORKER_THRESHOLD)
    for (const name of ['bulk-rpm-a', 'bulk-rpm-b'])
      await buildRpm(ws, { name, version: '1.0.0', arch: 'x86_64' })
    const r = await publish(ws, ['*.deb', '*.rpm'])
    expect({ code: r.code, stderr: r.code ? r.stderr : '' }).toEqual({ code: 0, stderr: '' })
    // A .asc per file, and a header signature per .rpm.
    const signatures = WORKER_THRESHOLD + 2 * 2
    expect(r.stderr).toMatch(
      new RegExp(`signing ${signatures} package signatures in \\d+ worker threads`)
    )

    expect(await verifyAll(debs())).toBe(WORKER_THRESHOLD)
    expect(await verifyAll(rpms())).toBe(2)
    const rpmdb = path.join(tmp, 'rpmdb')
    await fs.mkdir(rpmdb)
    await mustRun('rpmkeys', ['--dbpath', rpmdb, '--import', path.join(tmp, 'public.asc')])
    for (const f of ['bulk-rpm-a-1.0.0-1.x86_64.rpm', 'bulk-rpm-b-1.0.0-1.x86_64.rpm']) {
      const check = await run('rpmkeys', [
        '--dbpath',
        rpmdb,
        '--checksig',
        '-v',
        path.join(rpms(), f)
      ])
      expect({ f, code: check.code }).toEqual({ f, code: 0 })
      expect(check.stdout).toMatch(/Header V4 RSA\/SHA256 Signature, key ID [0-9a-f]+: OK/)
    }

    const published = path.join(store, 'packages/repository-key.asc')
    const apt = await AptClient.create(
      path.join(tmp, 'apt'),
      `deb [signed-by=${published}] ${server.url}/packages/deb-dev stable main`
    )
    const update = await apt.update()
    expect([update.code, update.stderr]).toEqual([0, ''])
    expect((await apt.download('bulk063')).files).toEqual(['bulk063_1.0.0_amd64.deb'])
    const dnf = await DnfClient.create(
      path.join(tmp, 'dnf'),
      `${server.url}/packages/rpm-dev`,
      published
    )
    const fetched = await dnf.download('bulk-rpm-b')
    expect([fetched.code, fetched.files]).toEqual([0, ['bulk-rpm-b-1.0.0-1.x86_64.rpm']])
  })

  it('signs one package on the main thread', async () => {
    const ws = await debWorkspace('ws-one', 'single', 1)
    const r = await publish(ws, ['*.deb'])
    expect({ code: r.code, stderr: r.code ? r.stderr : '' }).toEqual({ code: 0, stderr: '' })
    expect(r.stderr).not.toContain('worker threads')
    expect(await verifyAll(debs())).toBe(WORKER_THRESHOLD + 1)
  })

  it('fails, naming the worker, when its worker cannot start, and changes no index', async () => {
    // The bundle as a broken checkout would have it: the worker's file missing.
    const broken = path.join(tmp, 'broken-dist')
    await fs.cp(path.resolve('dist'), broken, { recursive: true })
    const workerFiles = (await fs.readdir(broken, { recursive: true })).filter((f) =>
      f.endsWith('sign-worker.mjs')
    )
    expect(workerFiles).toHaveLength(1)
    await fs.rm(path.join(broken, workerFiles[0]))
    const inRelease = path.join(store, 'packages/deb-dev/dists/stable/InRelease')
    const before = await fs.readFile(inRelease, 'utf8')

    const ws = await debWorkspace('ws-broken', 'late', WORKER_THRESHOLD)
    const r = await publish(ws, ['*.deb'], path.join(broken, 'cli.js'))
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/packages: a signing worker failed: .*sign-worker\.mjs/)
    // Nothing of the key is in what the run printed.
    const base64 = key.armoredPrivate.replace(/-----[^-]+-----|\s/g, '')
    expect(base64.length).toBeGreaterThan(1000)
    for (let at = 0; at + 24 <= base64.length; at += 24)
      expect(r.stdout + r.stderr).not.toContain(base64.slice(at, at + 24))

    expect(await fs.readFile(inRelease, 'utf8')).toBe(before)
    const apt = await AptClient.create(
      path.join(tmp, 'apt-after'),
      `deb [signed-by=${path.join(store, 'packages/repository-key.asc')}] ${server.url}/packages/deb-dev stable main`
    )
    expect((await apt.update()).code).toBe(0)
    expect((await apt.download('late000')).code).not.toBe(0)
  })
})
