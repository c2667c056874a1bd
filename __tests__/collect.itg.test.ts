import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { main } from '../src/cli.js'
import { packagesStage } from '../src/stages/packages.js'
import { FileStore } from '../src/store/file.js'
import { AptClient } from './support/apt-client.js'
import { buildDeb, buildRpm } from './support/build-packages.js'
import { DnfClient } from './support/dnf-client.js'
import { serveDirectory } from './support/http-serve.js'
import { generateTestKey, writePublicKey, type TestKey } from './support/keys.js'
import { requireTools } from './support/run.js'
import { context } from './support/stage-context.js'
import { tarGz } from './support/tarball.js'

/**
 * `collect`: the package files a publish stopped before its commit leaves (named by no index
 * nor pending list) go once older than the grace, and nothing else does; apt and dnf still
 * install afterwards.
 */
requireTools({ 'dpkg-deb': 'dpkg', 'apt-get': 'apt', rpmbuild: 'rpm', dnf: 'dnf dnf-plugins-core' })

let tmp: string
let key: TestKey
let keyFile: string
let server: Awaited<ReturnType<typeof serveDirectory>>
const publicDir = (): string => path.join(tmp, 'public')

/** What a publish killed after its uploads, before its commits, left (store keys). */
const orphans = [
  'packages/deb-dev/stable/falco-test-1.2.0-x86_64.deb',
  'packages/deb-dev/stable/falco-test-1.2.0-x86_64.deb.asc',
  'packages/rpm-dev/falco-test-1.2.0-1.x86_64.rpm',
  'packages/rpm-dev/falco-test-1.2.0-1.x86_64.rpm.asc'
]

/** The tarball of that run: left for the next publish to adopt, never collected. */
const adoptable = [
  'packages/bin-dev/x86_64/falco-1.2.0-x86_64.tar.gz',
  'packages/bin-dev/x86_64/falco-1.2.0-x86_64.tar.gz.asc'
]

/** Version 1.0.0's files: the retention dropped them, the pending lists name them. */
const pending = [
  'packages/deb-dev/stable/falco-test-1.0.0-x86_64.deb',
  'packages/rpm-dev/falco-test-1.0.0-1.x86_64.rpm',
  'packages/bin-dev/x86_64/falco-1.0.0-x86_64.tar.gz'
]

async function publish(version: string): Promise<void> {
  const ws = path.join(tmp, `ws-${version}`)
  await fs.mkdir(ws, { recursive: true })
  await buildDeb(ws, { name: 'falco-test', version, arch: 'amd64' })
  await buildRpm(ws, { name: 'falco-test', version, arch: 'x86_64' })
  await fs.writeFile(path.join(ws, `falco-${version}-x86_64.tar.gz`), tarGz(`tarball ${version}`))
  const ctx = context({
    store: new FileStore(publicDir(), { baseUrl: server.url }),
    workspace: ws,
    workdir: path.join(ws, 'work'),
    channel: 'dev',
    version,
    inputs: {
      packages: '*.deb\n*.rpm\n*.tar.gz',
      'gpg-private-key': key.armoredPrivate,
      'dev-retention': '1'
    }
  })
  await packagesStage.apply(await packagesStage.plan(ctx), ctx)
}

/** Every file of the store with the sha256 of its bytes. */
async function storeFiles(): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const e of await fs.readdir(publicDir(), { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue
    const full = path.join(e.parentPath, e.name)
    const rel = path.relative(publicDir(), full).split(path.sep).join('/')
    out.set(
      rel,
      createHash('sha256')
        .update(await fs.readFile(full))
        .digest('hex')
    )
  }
  return out
}

/** Runs the command line in-process: its exit code and what it printed. */
async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = ''
  const write = (chunk: unknown): boolean => {
    out += String(chunk)
    return true
  }
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(write)
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(write)
  try {
    return { code: await main(args), out }
  } finally {
    stdout.mockRestore()
    stderr.mockRestore()
  }
}

const collect = (...extra: string[]) =>
  cli(['collect', '--store', pathToFileURL(publicDir()).href, '--channel', 'dev', ...extra])

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'collect-'))
  key = await generateTestKey('rsa')
  keyFile = await writePublicKey(tmp, key)
  server = await serveDirectory(publicDir())
  await publish('1.0.0')
  // Retention 1: 1.0.0 leaves the indexes and is pending deletion for the default grace (an hour).
  await publish('1.1.0')
  // A publish of 1.2.0 killed after its uploads: its files are there, no index names them.
  const killed = path.join(tmp, 'killed')
  await fs.mkdir(killed, { recursive: true })
  const deb = await buildDeb(killed, { name: 'falco-test', version: '1.2.0', arch: 'amd64' })
  const rpm = await buildRpm(killed, { name: 'falco-test', version: '1.2.0', arch: 'x86_64' })
  const bytes: Record<string, Buffer> = {
    [orphans[0]]: await fs.readFile(deb),
    [orphans[2]]: await fs.readFile(rpm),
    [adoptable[0]]: tarGz('tarball 1.2.0')
  }
  for (const k of [...orphans, ...adoptable]) {
    const body = bytes[k] ?? Buffer.from(`-----BEGIN PGP SIGNATURE-----\n${k}\n`)
    await fs.writeFile(path.join(publicDir(), k), body)
  }
}, 120000)

afterAll(async () => {
  await server?.close()
  await fs.rm(tmp, { recursive: true, force: true })
})

describe('collect', () => {
  it('--dry-run lists the unnamed package files and deletes nothing', async () => {
    const before = await storeFiles()
    const r = await collect('--dry-run', '--package-deletion-grace', '0')
    expect(r.code).toBe(0)
    const listed = [...r.out.matchAll(/^would delete {2}(\S+)$/gm)].map((m) => m[1])
    expect(listed.sort()).toEqual([...orphans].sort())
    expect(await storeFiles()).toEqual(before)
  })

  it('keeps them while younger than the default grace, and says so', async () => {
    const before = await storeFiles()
    const r = await collect()
    expect(r.code).toBe(0)
    const kept = [...r.out.matchAll(/^kept \(young\) {2}(\S+)$/gm)].map((m) => m[1])
    expect(kept.sort()).toEqual([...orphans].sort())
    expect(r.out).not.toMatch(/^deleted /m)
    expect(await storeFiles()).toEqual(before)
  })

  it('with a grace of 0 deletes them, and only them; apt and dnf still install', async () => {
    const before = await storeFiles()
    for (const k of [...orphans, ...adoptable, ...pending]) expect(before.has(k)).toBe(true)
    const r = await collect('--package-deletion-grace', '0')
    expect(r.code).toBe(0)
    const deleted = [...r.out.matchAll(/^deleted {2}(\S+)$/gm)].map((m) => m[1])
    expect(deleted.sort()).toEqual([...orphans].sort())
    // Everything else is as it was: indexes, by-hash files, named and pending packages, signatures.
    const expected = new Map(before)
    for (const k of orphans) expected.delete(k)
    expect(await storeFiles()).toEqual(expected)

    const apt = await AptClient.create(
      path.join(tmp, 'apt'),
      `deb [signed-by=${keyFile}] ${server.url}/packages/deb-dev stable main`
    )
    const update = await apt.update()
    expect({ code: update.code, err: update.code ? update.stderr : '' }).toEqual({
      code: 0,
      err: ''
    })
    const got = await apt.download('falco-test:amd64=1.1.0')
    expect({ code: got.code, files: got.files }).toEqual({
      code: 0,
      files: ['falco-test_1.1.0_amd64.deb']
    })
    const dnf = await DnfClient.create(
      path.join(tmp, 'dnf'),
      `${server.url}/packages/rpm-dev`,
      keyFile
    )
    const fetched = await dnf.download('falco-test-1.1.0')
    expect({ code: fetched.code, files: fetched.files }).toEqual({
      code: 0,
      files: ['falco-test-1.1.0-1.x86_64.rpm']
    })
  })
})
