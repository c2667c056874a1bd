import { spawn, type ChildProcess } from 'node:child_process'
import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { AptClient } from './apt-client.js'
import { buildDeb, buildRpm } from './build-packages.js'
import { DnfClient } from './dnf-client.js'
import { run } from './run.js'
import { tarGz } from './tarball.js'

/**
 * The mixed-kind race of the concurrency acceptance: many publishes of a .deb, an .rpm and a
 * tarball each (every one a different dev version) released at the same moment into one store,
 * then every client checks what it sees. Shared by concurrent-mixed.itg.test.ts (a few rounds)
 * and bench/race.ts (as many rounds as asked, with counts).
 */

export const RACE_NAME = 'falco-race'
const REPO = process.cwd()
const WORKER = path.join(REPO, '__tests__', 'store', 'race-worker.ts')

/** Builds one workspace per version: out/ holds its .deb (amd64), .rpm (x86_64) and tarball. */
export async function buildRaceWorkspaces(dir: string, versions: string[]): Promise<string[]> {
  const made: string[] = []
  for (const version of versions) {
    const workspace = path.join(dir, version)
    const out = path.join(workspace, 'out')
    await fs.mkdir(out, { recursive: true })
    const build = path.join(workspace, 'build')
    await fs.mkdir(build, { recursive: true })
    const deb = await buildDeb(build, {
      name: RACE_NAME,
      version,
      arch: 'amd64',
      compression: 'xz'
    })
    const rpm = await buildRpm(build, { name: RACE_NAME, version, arch: 'x86_64' })
    await fs.rename(deb, path.join(out, path.basename(deb)))
    await fs.rename(rpm, path.join(out, path.basename(rpm)))
    await fs.writeFile(
      path.join(out, `${RACE_NAME}-${version}-x86_64.tar.gz`),
      tarGz(`${RACE_NAME} ${version}\n`)
    )
    await fs.rm(build, { recursive: true, force: true })
    made.push(workspace)
  }
  return made
}

/**
 * Publishes every workspace at once: `processes` OS processes, the workspaces dealt among them,
 * each process running its share concurrently once all are ready. Returns each failure's text.
 */
export async function publishAtOnce(
  storeUrl: string,
  workspaces: string[],
  o: {
    keyFile: string
    retention: number
    processes: number
    /** More inputs for every publish (an S3 endpoint). */
    inputs?: Record<string, string>
    /** The control: publishes whose store ignores every precondition. */
    blind?: boolean
    env?: NodeJS.ProcessEnv
  }
): Promise<string[]> {
  const shares = Array.from({ length: o.processes }, (_, p) =>
    workspaces.filter((_, i) => i % o.processes === p)
  ).filter((s) => s.length > 0)
  const children: ChildProcess[] = []
  const ready: Array<Promise<void>> = []
  const finished: Array<Promise<string[]>> = []
  for (const share of shares) {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', WORKER, storeUrl, o.keyFile, String(o.retention), ...share],
      {
        cwd: REPO,
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        env: {
          ...process.env,
          ...o.env,
          RACE_INPUTS: JSON.stringify(o.inputs ?? {}),
          RACE_BLIND: o.blind ? '1' : ''
        }
      }
    )
    children.push(child)
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    ready.push(new Promise((resolve) => child.once('message', () => resolve())))
    finished.push(
      new Promise((resolve) => {
        let errors: Array<string | null> | undefined
        child.on('message', (m) => {
          if ((m as { done?: boolean }).done)
            errors = (m as { errors: Array<string | null> }).errors
        })
        child.once('exit', (code) => {
          if (code === 0 && errors) resolve(errors.filter((e): e is string => e !== null))
          else
            resolve([
              `worker for ${share.map((w) => path.basename(w)).join(', ')} exited ${code}: ${stderr}`
            ])
        })
      })
    )
  }
  try {
    await Promise.race([
      Promise.all(ready),
      Promise.all(finished).then((e) =>
        Promise.reject(new Error(`workers exited before ready: ${e.flat().join('\n')}`))
      )
    ])
    for (const child of children) child.send('go')
    return (await Promise.all(finished)).flat()
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  }
}

/** What each client sees of the race's package, and what the store holds that nothing names. */
export interface RaceView {
  apt: string[]
  aptNoByHash: string[]
  dnf: string[]
  sums: string[]
  /**
   * Package files (and their signatures) in the store that no index names, nor its pending
   * deletions (files the indexes stopped naming, kept for clients holding an older index).
   */
  unnamed: string[]
  /** Temporary files the store left behind. */
  temporary: string[]
  errors: string[]
}

/**
 * Asks the real clients, through `served` (the store's folder over HTTP): apt (by-hash, and with
 * `Acquire::By-Hash "no"` so the plain indexes must match InRelease too), dnf (signatures
 * checked), and the tarball channel's SHA256SUMS (whose files must match it); then lists the
 * store for files no index names: `root` is a local store's folder, or a function listing a
 * remote store's keys (`undefined`: not listed).
 */
export async function raceView(
  root: string | (() => Promise<string[]>) | undefined,
  served: string,
  publicKey: string,
  scratch: string
): Promise<RaceView> {
  const errors: string[] = []
  const aptVersions = async (slug: string, byHash: boolean): Promise<string[]> => {
    const apt = await AptClient.create(
      path.join(scratch, slug),
      `deb [signed-by=${publicKey}] ${served}/packages/deb-dev stable main`
    )
    if (!byHash) await fs.appendFile(path.join(apt.dir, 'apt.conf'), 'Acquire::By-Hash "no";\n')
    const update = await apt.update()
    if (update.code !== 0 || /^(E|W):/m.test(update.stderr)) {
      errors.push(`apt (${slug}): ${update.stderr}`)
      return []
    }
    return versionsIn(await apt.policy(RACE_NAME), /\|\s*(\S+)\s*\|/g)
  }
  const apt = await aptVersions('apt', true)
  const aptNoByHash = await aptVersions('apt-no-by-hash', false)
  const dnf = await DnfClient.create(
    path.join(scratch, 'dnf'),
    `${served}/packages/rpm-dev`,
    publicKey
  )
  const cache = await dnf.makecache()
  let dnfSeen: string[] = []
  if (cache.code !== 0) errors.push(`dnf: ${cache.stdout}${cache.stderr}`)
  else {
    const list = await dnf.list()
    dnfSeen = versionsIn(list.stdout, new RegExp(`^${RACE_NAME}\\.x86_64\\s+(\\S+)-1\\s`, 'gm'))
  }
  const sums = await tarballSums(served, scratch, errors)
  const { unnamed, temporary } = root
    ? await unnamedFiles(root, served, scratch, errors)
    : { unnamed: [], temporary: [] }
  return { apt, aptNoByHash, dnf: dnfSeen, sums, unnamed, temporary, errors }
}

function versionsIn(text: string, pattern: RegExp): string[] {
  return [...new Set([...text.matchAll(pattern)].map((m) => m[1]))].sort(byVersion)
}

/** Orders 1.2.10 after 1.2.9. */
export function byVersion(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++)
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0)
  return 0
}

/** The versions SHA256SUMS names, after every file it names was fetched and checked by `sha256sum -c`. */
async function tarballSums(served: string, scratch: string, errors: string[]): Promise<string[]> {
  const dir = path.join(scratch, 'sums')
  await fs.mkdir(dir, { recursive: true })
  const base = `${served}/packages/bin-dev/x86_64`
  const got = await run('curl', ['-sSf', '-o', 'SHA256SUMS', `${base}/SHA256SUMS`], { cwd: dir })
  if (got.code !== 0) {
    errors.push(`SHA256SUMS: ${got.stderr}`)
    return []
  }
  const names = (await fs.readFile(path.join(dir, 'SHA256SUMS'), 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(/\s+\*?/)[1])
  for (const name of names) {
    const r = await run('curl', ['-sSf', '-o', name, `${base}/${encodeURIComponent(name)}`], {
      cwd: dir
    })
    if (r.code !== 0) errors.push(`${name}: ${r.stderr}`)
  }
  const check = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir })
  if (check.code !== 0) errors.push(`sha256sum -c: ${check.stdout}${check.stderr}`)
  return versionsIn(names.join('\n'), new RegExp(`${RACE_NAME}-(\\S+)-x86_64\\.tar\\.gz`, 'g'))
}

/**
 * Package files and signatures under the channel's folders that neither apt's Packages, dnf's
 * primary nor the tarball listing names, and temporary files left in the store's own folder.
 */
async function unnamedFiles(
  root: string | (() => Promise<string[]>),
  served: string,
  scratch: string,
  errors: string[]
): Promise<{ unnamed: string[]; temporary: string[] }> {
  const named = new Set<string>()
  const fetchText = async (url: string, gunzip = false): Promise<string> => {
    const out = path.join(scratch, 'fetched')
    const r = await run('curl', ['-sSf', '-o', out, url])
    if (r.code !== 0) {
      errors.push(`${url}: ${r.stderr}`)
      return ''
    }
    const bytes = await fs.readFile(out)
    return (gunzip ? (await import('node:zlib')).gunzipSync(bytes) : bytes).toString('utf8')
  }
  const packages = await fetchText(
    `${served}/packages/deb-dev/dists/stable/main/binary-amd64/Packages`
  )
  for (const m of packages.matchAll(/^Filename: (\S+)$/gm)) named.add(`packages/deb-dev/${m[1]}`)
  // Pending deletions: the Release's Falco-Publish-Pending lines, ` <time> <file>`.
  const inRelease = (await fetchText(`${served}/packages/deb-dev/dists/stable/InRelease`)).replace(
    /\r\n/g,
    '\n'
  )
  const field = /^Falco-Publish-Pending:\n((?: .*\n)*)/m.exec(inRelease)
  for (const m of (field?.[1] ?? '').matchAll(/^ \S+ (\S+)$/gm))
    named.add(`packages/deb-dev/${m[1]}`)
  const repomd = await fetchText(`${served}/packages/rpm-dev/repodata/repomd.xml`)
  const location = (type: string): string | undefined =>
    new RegExp(`<data type="${type}">[\\s\\S]*?<location href="([^"]+)"`).exec(repomd)?.[1]
  const primary = location('primary')
  if (primary) {
    const xml = await fetchText(`${served}/packages/rpm-dev/${primary}`, true)
    for (const m of xml.matchAll(/<location href="([^"]+)"/g)) named.add(`packages/rpm-dev/${m[1]}`)
  }
  const manifest = location('falco-publish-segments')
  if (manifest) {
    const m = JSON.parse(await fetchText(`${served}/packages/rpm-dev/${manifest}`)) as {
      pending?: Record<string, string>
    }
    for (const f of Object.keys(m.pending ?? {})) named.add(`packages/rpm-dev/${f}`)
  }
  const listing = await fetchText(`${served}/packages/bin-dev/index.json`)
  if (listing) {
    const l = JSON.parse(listing) as { files: Array<{ path: string }>; dropped?: string[] }
    for (const f of [...l.files.map((f) => f.path), ...(l.dropped ?? [])])
      named.add(`packages/bin-dev/${f}`)
  }
  const keys =
    typeof root === 'string'
      ? (await filesUnder(path.join(root, 'packages'))).map((f) =>
          path.relative(root, f).split(path.sep).join('/')
        )
      : await root()
  const unnamed: string[] = []
  for (const key of keys) {
    if (!/^packages\/(deb|rpm|bin)-dev\//.test(key)) continue
    if (!/\.(deb|rpm|tar\.gz)(\.asc)?$/.test(key)) continue
    if (!named.has(key.replace(/\.asc$/, ''))) unnamed.push(key)
  }
  // A remote store keeps no temporary files of its own.
  const temporary =
    typeof root === 'string'
      ? (await filesUnder(path.join(root, '.falco-publish', 'tmp'))).map((f) =>
          path.relative(root, f)
        )
      : []
  return { unnamed: unnamed.sort(), temporary }
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true })
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name))
  } catch {
    return []
  }
}
