import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { AptClient } from './support/apt-client.js'
import { buildDeb, buildRpm } from './support/build-packages.js'
import { DnfClient } from './support/dnf-client.js'
import { generateTestKey, writePrivateKey, writePublicKey } from './support/keys.js'
import { requireTools } from './support/run.js'
import { startNginx, type RunningServer } from './support/servers.js'

/**
 * Eight publishes of eight versions (a .deb and an .rpm each), in two OS processes running the
 * real packages stage, released at the same moment against one repository: the local store
 * (compare-and-swap) and nginx WebDAV (lease). Afterwards the real apt and dnf, signatures
 * checked, see all eight versions. The control, without compare-and-swap or lease, loses some.
 */
requireTools({
  'dpkg-deb': 'dpkg',
  'apt-get': 'apt',
  rpmbuild: 'rpm',
  dnf: 'dnf dnf-plugins-core',
  gpg: 'gnupg'
})

const REPO = process.cwd()
const WORKER = path.join(REPO, '__tests__', 'store', 'packages-worker.ts')
const VERSIONS = Array.from({ length: 8 }, (_, i) => `1.${i}.0`)

let tmp: string
let keyFile: string
let privateFile: string
let nginx: RunningServer

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pkg-concurrent-'))
  const key = await generateTestKey('rsa')
  keyFile = await writePublicKey(tmp, key)
  privateFile = await writePrivateKey(tmp, key)
  for (const version of VERSIONS) {
    const out = path.join(tmp, 'builds', version, 'out')
    await fs.mkdir(out, { recursive: true })
    await buildDeb(out, { name: 'falco-test', version, arch: 'amd64', compression: 'xz' })
    await buildRpm(out, { name: 'falco-test', version, arch: 'x86_64' })
  }
  nginx = await startNginx()
})

afterAll(async () => {
  await nginx?.stop()
  if (tmp) await fs.rm(tmp, { recursive: true, force: true })
})

/**
 * Two OS processes of four publishes each: the processes race each other as well as the
 * publishes within them, at a quarter of the start-up cost of one process each (which made
 * this test's time depend on how loaded the machine was).
 */
const PROCESSES = 2

async function publishAtOnce(storeUrl: string, mode: 'cas' | 'blind'): Promise<void> {
  const run = `${mode}-${path.basename(storeUrl)}-${Math.random().toString(36).slice(2)}`
  const workspaces: string[] = []
  for (const version of VERSIONS) {
    // each publish gets its own copy of its workspace (the stage writes into workdir)
    const workspace = path.join(tmp, run, version)
    await fs.cp(path.join(tmp, 'builds', version), workspace, { recursive: true })
    workspaces.push(workspace)
  }
  const children: ChildProcess[] = []
  const ready: Promise<void>[] = []
  const finished: Promise<void>[] = []
  for (let p = 0; p < PROCESSES; p++) {
    const share = workspaces.filter((_, i) => i % PROCESSES === p)
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', WORKER, storeUrl, privateFile, mode, '300', ...share],
      { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] }
    )
    children.push(child)
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    ready.push(new Promise((resolve) => child.once('message', () => resolve())))
    finished.push(
      new Promise((resolve, reject) => {
        let errors: Array<string | null> | undefined
        child.on('message', (m) => {
          if ((m as { done?: boolean }).done)
            errors = (m as { errors: Array<string | null> }).errors
        })
        child.once('exit', (code) => {
          const failed = errors?.filter((e) => e !== null) ?? []
          if (code === 0 && errors && failed.length === 0) resolve()
          else reject(new Error(`publishes (${mode}) failed: ${failed.join('; ') || stderr}`))
        })
      })
    )
  }
  try {
    await Promise.race([
      Promise.all(ready),
      Promise.all(finished).then(() => Promise.reject(new Error('workers exited before ready')))
    ])
    for (const child of children) child.send('go')
    await Promise.all(finished)
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  }
}

/**
 * The versions apt and dnf see, each checked against the test key. `strict`: the repository must
 * read cleanly. Otherwise (the control) a client that cannot read the repository sees nothing, and
 * its error is returned, to be checked for what racing writers leave behind.
 */
async function versionsSeen(
  served: string,
  slug: string,
  strict = true
): Promise<{ apt: string[]; dnf: string[]; errors: string[] }> {
  const errors: string[] = []
  const apt = await AptClient.create(
    path.join(tmp, `apt-${slug}`),
    `deb [signed-by=${keyFile}] ${served}/packages/deb stable main`
  )
  const update = await apt.update()
  const aptReads = update.code === 0 && !/^E:/m.test(update.stderr)
  if (strict) {
    expect(update.stderr).not.toMatch(/^E:/m)
    expect(update.code).toBe(0)
  } else if (!aptReads) errors.push(`apt: ${update.stderr}`)
  const aptSeen: string[] = []
  if (aptReads)
    for (const version of VERSIONS)
      if ((await apt.download(`falco-test:amd64=${version}`)).code === 0) aptSeen.push(version)
  const dnf = await DnfClient.create(
    path.join(tmp, `dnf-${slug}`),
    `${served}/packages/rpm`,
    keyFile
  )
  const cache = await dnf.makecache()
  if (strict) expect(cache.code).toBe(0)
  else if (cache.code !== 0) errors.push(`dnf: ${cache.stdout}${cache.stderr}`)
  const dnfSeen: string[] = []
  if (cache.code === 0)
    for (const version of VERSIONS)
      if ((await dnf.download(`falco-test-${version}`)).code === 0) dnfSeen.push(version)
  return { apt: aptSeen, dnf: dnfSeen, errors }
}

const stores = [
  {
    name: 'local directory (compare-and-swap)',
    slug: 'file',
    url: (run: string) => pathToFileURL(path.join(nginx.root, run)).href
  },
  { name: 'nginx WebDAV (lease)', slug: 'dav', url: (run: string) => `${nginx.url}/${run}` }
]

describe.each(stores)('eight package publishes at once: $name', ({ slug, url }) => {
  it('apt and dnf see all eight versions', async () => {
    await publishAtOnce(url(`cas-${slug}`), 'cas')
    expect(await versionsSeen(`${nginx.url}/cas-${slug}`, `cas-${slug}`)).toEqual({
      apt: VERSIONS,
      dnf: VERSIONS,
      errors: []
    })
  })

  it('the control without compare-and-swap or lease loses versions', async () => {
    await publishAtOnce(url(`blind-${slug}`), 'blind')
    const seen = await versionsSeen(`${nginx.url}/blind-${slug}`, `blind-${slug}`, false)
    // Racing blind writers lose versions from the indexes, or leave indexes that no longer match
    // their signed Release/repomd (then the client reads nothing at all): either way, not all 8.
    expect(seen.apt.length + seen.dnf.length).toBeLessThan(2 * VERSIONS.length)
    for (const error of seen.errors) {
      expect(error).toMatch(
        /hash sum mismatch|unexpected size|checksum|signature|not signed|repomd|404|not found/i
      )
    }
  })
})
