import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { generateTestKey, writePrivateKey } from './support/keys.js'
import { requireTool, startNginx, type RunningServer } from './support/servers.js'
import { syntheticDeb } from './support/synthetic-deb.js'
import { tarGz } from './support/tarball.js'

// Eight publishes of eight versions, each its own OS process running the real pipeline, released
// at the same moment against one repository. With the store's compare-and-swap (local directory)
// or lease (nginx WebDAV) every version ends up in the index; the control without either loses
// some. Tarball channels commit through index.json (compare-and-swap); the files it names are
// fetched the way users fetch them (curl) and checked with the real `sha256sum -c`. Each publish
// also adds a .deb: a tarball a lost update left out of index.json is found in its folder and
// adopted by the next publish, so only the apt index (which adopts nothing from the pool) shows
// what the control loses.
const REPO = process.cwd()
const WORKER = path.join(REPO, '__tests__', 'store', 'publish-worker.ts')
const VERSIONS = Array.from({ length: 8 }, (_, i) => `0.41.0-${i + 1}+8c4040b`)
const CHANNEL = 'packages/bin-dev'

let nginx: RunningServer
let scratch: string
let keyFile: string

beforeAll(async () => {
  requireTool('curl', 'curl')
  requireTool('sha256sum', 'coreutils')
  nginx = await startNginx()
  scratch = await mkdtemp(path.join(tmpdir(), 'falco-publish-concurrent-'))
  keyFile = await writePrivateKey(scratch, await generateTestKey('ecc'))
})

afterAll(async () => {
  await nginx?.stop()
  if (scratch) await rm(scratch, { recursive: true, force: true })
})

/** Starts the eight workers, waits until all are ready, releases them at once, waits for all. */
async function publishAtOnce(storeUrl: string, mode: 'cas' | 'blind'): Promise<void> {
  const children: ChildProcess[] = []
  const ready: Promise<void>[] = []
  const finished: Promise<void>[] = []
  for (const version of VERSIONS) {
    const workspace = path.join(scratch, `${mode}-${Math.random().toString(36).slice(2)}`)
    await mkdir(path.join(workspace, 'build'), { recursive: true })
    await writeFile(
      path.join(workspace, 'build', `falco-${version}-x86_64.tar.gz`),
      tarGz(`falco ${version}\n`)
    )
    await writeFile(
      path.join(workspace, 'build', `falco-${version}-x86_64.deb`),
      syntheticDeb('falco', version)
    )
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', WORKER, storeUrl, workspace, version, mode, '300', keyFile],
      { cwd: REPO, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] }
    )
    children.push(child)
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    ready.push(new Promise((resolve) => child.once('message', () => resolve())))
    finished.push(
      new Promise((resolve, reject) => {
        let error: string | null | undefined
        child.on('message', (m) => {
          if ((m as { done?: string }).done) error = (m as { error: string | null }).error
        })
        child.once('exit', (code) => {
          if (code === 0 && error === null) resolve()
          else reject(new Error(`publish of ${version} (${mode}) failed: ${error ?? stderr}`))
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

/** The versions the apt channel's plain amd64 Packages index lists, fetched as apt would. */
async function aptVersions(baseUrl: string): Promise<string[]> {
  const url = `${baseUrl}/packages/deb-dev/dists/stable/main/binary-amd64/Packages`
  const run = spawnSync('curl', ['-sSf', url], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`curl ${url}: ${run.stderr}`)
  return [...run.stdout.matchAll(/^Version: (.+)$/gm)].map((m) => m[1]).sort()
}

/**
 * Fetches the channel's index.json (the compare-and-swap point of the tarball repository) and
 * every tarball it names with curl, and checks each against its sha256 with `sha256sum -c`.
 */
async function versionsServed(baseUrl: string): Promise<string[]> {
  const dir = await mkdtemp(path.join(scratch, 'client-'))
  const curl = (url: string, out: string): void => {
    const run = spawnSync('curl', ['-sSf', '-o', out, url], { encoding: 'utf8' })
    if (run.status !== 0) throw new Error(`curl ${url}: ${run.stderr}`)
  }
  curl(`${baseUrl}/${CHANNEL}/index.json`, path.join(dir, 'index.json'))
  const files = (
    JSON.parse(await readFile(path.join(dir, 'index.json'), 'utf8')) as {
      files: { path: string; sha256: string }[]
    }
  ).files
  const sums: string[] = []
  for (const file of files) {
    const name = path.posix.basename(file.path)
    curl(
      `${baseUrl}/${CHANNEL}/${file.path.split('/').map(encodeURIComponent).join('/')}`,
      path.join(dir, name)
    )
    sums.push(`${file.sha256}  ${name}`)
  }
  // SHA256SUMS is derived from index.json after the commit: it must name the same files, not an
  // older generation that a slower publish wrote last.
  curl(`${baseUrl}/${CHANNEL}/x86_64/SHA256SUMS`, path.join(dir, 'SHA256SUMS'))
  const listed = (await readFile(path.join(dir, 'SHA256SUMS'), 'utf8')).trim().split('\n')
  expect([...listed].sort()).toEqual([...sums].sort())
  await writeFile(path.join(dir, 'CHECK'), `${sums.join('\n')}\n`)
  const check = spawnSync('sha256sum', ['-c', 'CHECK'], { cwd: dir, encoding: 'utf8' })
  expect(check.stderr).toBe('')
  expect(check.status).toBe(0)
  return files.map((file) => /falco-(.*)-x86_64\.tar\.gz$/.exec(file.path)?.[1] ?? file.path).sort()
}

describe('eight publishes at the same moment', () => {
  const stores = [
    {
      name: 'local directory (compare-and-swap)',
      // nginx serves the folder that the file store writes, so clients fetch it over HTTP too.
      open: async (run: string) => ({
        url: pathToFileURL(path.join(nginx.root, run)).href,
        served: `${nginx.url}/${run}`
      })
    },
    {
      name: 'nginx WebDAV (lease)',
      open: async (run: string) => ({ url: `${nginx.url}/${run}`, served: `${nginx.url}/${run}` })
    }
  ]

  for (const kind of stores) {
    it(`${kind.name}: every version is in the index and verifies`, async () => {
      const { url, served } = await kind.open(`cas-${kind.name.split(' ')[0]}`)
      await publishAtOnce(url, 'cas')
      expect(await versionsServed(served)).toEqual([...VERSIONS].sort())
      expect(await aptVersions(served)).toEqual([...VERSIONS].sort())
    })

    it(`${kind.name}: the control without compare-and-swap or lease loses publishes`, async () => {
      const { url, served } = await kind.open(`blind-${kind.name.split(' ')[0]}`)
      await publishAtOnce(url, 'blind')
      const seen = await aptVersions(served)
      expect(seen.length).toBeGreaterThan(0)
      expect(seen.length).toBeLessThan(VERSIONS.length)
    })
  }
})
