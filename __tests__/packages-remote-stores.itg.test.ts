import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { packagesStage } from '../src/stages/packages.js'
import { HttpStore } from '../src/store/http.js'
import { S3Store } from '../src/store/s3.js'
import { releaseFiles, releaseText } from '../src/repo/deb/release-file.js'
import { sha256Hex } from '../src/store/digest.js'
import { readObject, type Store } from '../src/store/store.js'
import { AptClient } from './support/apt-client.js'
import { buildDeb, buildRpm } from './support/build-packages.js'
import { DnfClient } from './support/dnf-client.js'
import { generateTestKey, writePublicKey, type TestKey } from './support/keys.js'
import { requireTools } from './support/run.js'
import { startNginx, startS3rver, type RunningServer } from './support/servers.js'
import { context } from './support/stage-context.js'

/**
 * The packages acceptance over the remote stores: two publishes (1.0.0, then 1.1.0, each a .deb
 * and an .rpm) into an S3 bucket (s3rver) and into nginx WebDAV, served by those servers' own
 * GET, then the real apt and dnf, signatures checked, see both versions.
 */
requireTools({
  'dpkg-deb': 'dpkg',
  'apt-get': 'apt',
  rpmbuild: 'rpm',
  dnf: 'dnf dnf-plugins-core',
  gpg: 'gnupg'
})

process.env.AWS_ACCESS_KEY_ID = 'S3RVER'
process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER'

const BUCKET = 'falco-distribution'
let tmp: string
let key: TestKey
let keyFile: string
let nginx: RunningServer
let s3: RunningServer
const auth = { username: 'publisher', password: 'webdav-secret' }

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pkg-remote-'))
  key = await generateTestKey('rsa')
  keyFile = await writePublicKey(tmp, key)
  for (const version of ['1.0.0', '1.1.0']) {
    const out = path.join(tmp, `ws-${version}`, 'out')
    await fs.mkdir(out, { recursive: true })
    await buildDeb(out, { name: 'falco-test', version, arch: 'amd64', compression: 'xz' })
    await buildRpm(out, { name: 'falco-test', version, arch: 'x86_64' })
  }
  nginx = await startNginx({ auth })
  s3 = await startS3rver(BUCKET)
}, 300000)

afterAll(async () => {
  await nginx?.stop()
  await s3?.stop()
  if (tmp) await fs.rm(tmp, { recursive: true, force: true })
})

const stores: { name: string; open: (root?: string) => { store: Store; served: string } }[] = [
  {
    name: 's3 (s3rver)',
    open: (root = 'mirror') => ({
      store: new S3Store(BUCKET, root, { endpoint: s3.url, forcePathStyle: true }),
      served: `${s3?.url}/${BUCKET}/${root}`
    })
  },
  {
    name: 'http (nginx WebDAV)',
    open: (root = 'mirror') => ({
      store: new HttpStore(new URL(`${nginx.url}/${root}/`), auth),
      served: `${nginx?.url}/${root}`
    })
  }
]

describe.each(stores)('packages published to the $name store', ({ name, open }) => {
  it('two publishes, then apt and dnf see both versions with signatures checked', async () => {
    const { store, served } = open()
    for (const version of ['1.0.0', '1.1.0']) {
      const ctx = context({
        store,
        workspace: path.join(tmp, `ws-${version}`),
        workdir: path.join(tmp, `work-${name}-${version}`),
        channel: 'stable',
        version,
        inputs: { packages: 'out/*.deb\nout/*.rpm', 'gpg-private-key': key.armoredPrivate }
      })
      const plan = await packagesStage.plan(ctx)
      const result = await packagesStage.apply(plan, ctx)
      expect(result.failed).toEqual([])
    }

    const slug = name.split(' ')[0]
    const apt = await AptClient.create(
      path.join(tmp, `apt-${slug}`),
      `deb [signed-by=${keyFile}] ${served}/packages/deb stable main`
    )
    const update = await apt.update()
    expect(update.stderr).not.toMatch(/^(W|E):/m)
    expect(update.code).toBe(0)
    for (const spec of ['falco-test:amd64=1.0.0', 'falco-test:amd64=1.1.0']) {
      const r = await apt.download(spec)
      expect({ spec, code: r.code, output: r.code ? r.output : '' }).toEqual({
        spec,
        code: 0,
        output: ''
      })
    }

    const dnf = await DnfClient.create(
      path.join(tmp, `dnf-${slug}`),
      `${served}/packages/rpm`,
      keyFile
    )
    const cache = await dnf.makecache()
    expect({ code: cache.code, out: cache.code ? cache.stdout + cache.stderr : '' }).toEqual({
      code: 0,
      out: ''
    })
    for (const spec of ['falco-test-1.0.0', 'falco-test-1.1.0']) {
      const d = await dnf.download(spec)
      expect({ spec, code: d.code, out: d.code ? d.output : '' }).toEqual({
        spec,
        code: 0,
        out: ''
      })
    }
    expect((await fs.readdir(path.join(dnf.dir, 'download'))).sort()).toEqual([
      'falco-test-1.0.0-1.x86_64.rpm',
      'falco-test-1.1.0-1.x86_64.rpm'
    ])
  })

  // apt without by-hash reads the plain names (Packages, .gz, .xz): a publish that changes no
  // package still mends one whose bytes are not those Release lists. On http (no server-side
  // copy) by reading the plain name once; on s3 by comparing etags, then copying.
  it('mends a plain index name whose bytes are not those Release lists', async () => {
    const root = `mended-${name.split(' ')[0]}`
    const { store } = open(root)
    const publish = async () => {
      const ctx = context({
        store,
        workspace: path.join(tmp, 'ws-1.0.0'),
        workdir: path.join(tmp, `work-${root}`),
        channel: 'stable',
        version: '1.0.0',
        inputs: { packages: 'out/*.deb', 'gpg-private-key': key.armoredPrivate }
      })
      const result = await packagesStage.apply(await packagesStage.plan(ctx), ctx)
      expect(result.failed).toEqual([])
    }
    await publish()
    const dists = 'packages/deb/dists/stable'
    const listed = async () =>
      releaseFiles(
        releaseText((await readObject(store, `${dists}/InRelease`))!.toString('utf8')),
        'InRelease'
      )
    const damaged = 'main/binary-amd64/Packages.xz'
    expect((await listed()).has(damaged)).toBe(true)
    await store.put(`${dists}/${damaged}`, 'not an xz file')
    await publish()
    const plain = [...(await listed())].filter(([file]) => /\/Packages(\.gz|\.xz)?$/.test(file))
    expect(plain.map(([file]) => file)).toContain(damaged)
    for (const [file, { sha256, size }] of plain) {
      const bytes = await readObject(store, `${dists}/${file}`)
      expect({ file, size: bytes?.length, sha256: bytes && sha256Hex(bytes) }).toEqual({
        file,
        size,
        sha256
      })
    }
  })
})
