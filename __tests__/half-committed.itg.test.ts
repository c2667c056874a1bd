import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { packagesStage } from '../src/stages/packages.js'
import { FileStore } from '../src/store/file.js'
import type { Body, CopyOptions, PutOptions, Store } from '../src/store/store.js'
import { AptClient } from './support/apt-client.js'
import { buildDeb, buildRpm } from './support/build-packages.js'
import { DnfClient } from './support/dnf-client.js'
import { serveDirectory } from './support/http-serve.js'
import { generateTestKey, writePublicKey, type TestKey } from './support/keys.js'
import { mustRun, requireTools, run } from './support/run.js'
import { context } from './support/stage-context.js'
import { tarGz } from './support/tarball.js'

/**
 * A publish that stops after a repository's commit point (InRelease, repomd.xml, index.json) and
 * before what follows it (Release and Release.gpg, repomd.xml.asc, SHA256SUMS and its signature)
 * leaves clients failing to verify. Re-running the same publish, which has no package to add,
 * must find that and finish it: afterwards apt, dnf and gpg verify again.
 */
requireTools({
  'dpkg-deb': 'dpkg',
  'apt-get': 'apt',
  rpmbuild: 'rpm',
  dnf: 'dnf dnf-plugins-core',
  gpg: 'gnupg'
})

/** The store of a publish whose writes to the keys `stop` matches fail (a store gone mid-way). */
class StoppingStore implements Store {
  readonly location: string
  constructor(
    private readonly inner: FileStore,
    private readonly stop: RegExp
  ) {
    this.location = inner.location
  }
  head = (key: string) => this.inner.head(key)
  get = (key: string) => this.inner.get(key)
  read = (key: string, range?: { start: number; end: number }) => this.inner.read(key, range)
  list = (prefix: string) => this.inner.list(prefix)
  delete = (key: string) => this.inner.delete(key)
  url = (key: string) => this.inner.url(key)
  extend = (from: string, keep: number, append: Buffer[], to: string, sha256: string) =>
    this.inner.extend(from, keep, append, to, sha256)
  put = async (key: string, body: Body, options?: PutOptions) => {
    if (this.stop.test(key)) throw new Error(`connection reset while writing ${key}`)
    return this.inner.put(key, body, options)
  }
  copy = async (from: string, to: string, options?: CopyOptions) => {
    if (this.stop.test(to)) throw new Error(`connection reset while copying to ${to}`)
    return this.inner.copy(from, to, options)
  }
}

let tmp: string
let key: TestKey
let keyFile: string
let gnupg: string
let server: Awaited<ReturnType<typeof serveDirectory>>
let store: FileStore

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'falco-publish-half-'))
  key = await generateTestKey('ecc')
  keyFile = await writePublicKey(tmp, key)
  gnupg = path.join(tmp, 'gnupg')
  await fs.mkdir(gnupg, { mode: 0o700 })
  await mustRun('gpg', ['--homedir', gnupg, '--batch', '--import', keyFile])
  server = await serveDirectory(path.join(tmp, 'public'))
  store = new FileStore(path.join(tmp, 'public'), { baseUrl: server.url })
})

afterAll(async () => {
  await server?.close()
  if (tmp) await fs.rm(tmp, { recursive: true, force: true })
})

/** A workspace holding `version` of one kind of package. */
async function workspace(kind: string, version: string): Promise<string> {
  const ws = path.join(tmp, `${kind}-${version}`)
  await fs.mkdir(ws, { recursive: true })
  if (kind === 'deb') await buildDeb(ws, { name: 'falco-test', version, arch: 'amd64' })
  if (kind === 'rpm') await buildRpm(ws, { name: 'falco-test', version, arch: 'x86_64' })
  if (kind === 'tarball')
    await fs.writeFile(path.join(ws, `falco-${version}-x86_64.tar.gz`), tarGz(version))
  return ws
}

const PATTERN: Record<string, string> = { deb: '*.deb', rpm: '*.rpm', tarball: '*.tar.gz' }

async function publishWith(s: Store, ws: string): Promise<void> {
  const ctx = context({
    store: s,
    workspace: ws,
    workdir: path.join(ws, 'work'),
    channel: 'stable',
    inputs: {
      packages: PATTERN[path.basename(ws).split('-')[0]],
      'gpg-private-key': key.armoredPrivate
    }
  })
  await packagesStage.apply(await packagesStage.plan(ctx), ctx)
}

const gpgVerifies = async (signature: string, data: string): Promise<boolean> =>
  (
    await run('gpg', [
      '--homedir',
      gnupg,
      '--batch',
      '--verify',
      path.join(tmp, 'public', signature),
      path.join(tmp, 'public', data)
    ])
  ).code === 0

/** Whether each client verifies the repository of `kind` and sees `version` in it. */
const verifiesWith: Record<string, (version: string, slug: string) => Promise<boolean>> = {
  deb: async (version, slug) => {
    const dists = 'packages/deb/dists/stable'
    if (!(await gpgVerifies(`${dists}/Release.gpg`, `${dists}/Release`))) return false
    // Release is the file InRelease signs: the same text (clear-signed with CRLF line ends).
    const inRelease = (
      await fs.readFile(path.join(tmp, 'public', dists, 'InRelease'), 'utf8')
    ).replace(/\r\n/g, '\n')
    const release = await fs.readFile(path.join(tmp, 'public', dists, 'Release'), 'utf8')
    if (!inRelease.includes(release.trim())) return false
    const apt = await AptClient.create(
      path.join(tmp, `apt-${slug}`),
      `deb [signed-by=${keyFile}] ${server.url}/packages/deb stable main`
    )
    await fs.appendFile(path.join(apt.dir, 'apt.conf'), 'Acquire::By-Hash "no";\n')
    const update = await apt.update()
    if (update.code !== 0 || /^(E|W):/m.test(update.stderr)) return false
    return (await apt.policy('falco-test')).includes(version)
  },
  rpm: async (version, slug) => {
    const dnf = await DnfClient.create(
      path.join(tmp, `dnf-${slug}`),
      `${server.url}/packages/rpm`,
      keyFile
    )
    if ((await dnf.makecache()).code !== 0) return false
    return (await dnf.list()).stdout.includes(`${version}-1`)
  },
  tarball: async (version) => {
    const sums = 'packages/bin/x86_64/SHA256SUMS'
    if (!(await gpgVerifies(`${sums}.asc`, sums))) return false
    const text = await fs.readFile(path.join(tmp, 'public', sums), 'utf8')
    const check = await run('sha256sum', ['-c', 'SHA256SUMS'], {
      cwd: path.join(tmp, 'public', 'packages/bin/x86_64')
    })
    return check.code === 0 && text.includes(`falco-${version}-x86_64.tar.gz`)
  }
}

describe('a publish stopped between a commit point and what follows it, then re-run', () => {
  it.each([
    ['deb', /dists\/stable\/Release(\.gpg)?$/],
    ['rpm', /repomd\.xml\.asc$/],
    ['tarball', /SHA256SUMS(\.asc)?$|index\.html$/]
  ])('%s: clients verify again after the re-run', async (kind, stop) => {
    await publishWith(store, await workspace(kind, '1.0.0'))
    expect(await verifiesWith[kind]('1.0.0', `${kind}-first`)).toBe(true)
    const next = await workspace(kind, '1.1.0')
    await expect(publishWith(new StoppingStore(store, stop), next)).rejects.toThrow(
      /connection reset/
    )
    // Committed but not finished: clients no longer verify the repository.
    expect(await verifiesWith[kind]('1.1.0', `${kind}-stopped`)).toBe(false)
    await publishWith(store, next)
    expect(await verifiesWith[kind]('1.1.0', `${kind}-rerun`)).toBe(true)
  })
})
