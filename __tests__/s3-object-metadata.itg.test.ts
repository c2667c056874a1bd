import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { readInputs } from '../src/inputs.js'
import { packagesStage } from '../src/stages/packages.js'
import { openStore } from '../src/store/open.js'
import { buildDeb } from './support/build-packages.js'
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.js'
import { generateTestKey } from './support/keys.js'
import { requireTools } from './support/run.js'
import { startS3rver, type RunningServer } from './support/servers.js'
import { context } from './support/stage-context.js'

/**
 * The object metadata Falco's bucket relies on: every object written with the ACL `s3-acl`
 * names (Falco: public-read), and a Cache-Control by kind: long for packages and
 * content-addressed indexes, short for what a publish rewrites. Published through the inputs
 * (openStore) into s3rver behind a recording proxy: s3rver keeps Cache-Control, and the proxy
 * shows the ACL each write sent (s3rver does not keep ACLs).
 */
requireTools({ 'dpkg-deb': 'dpkg' })

process.env.AWS_ACCESS_KEY_ID = 'S3RVER'
process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER'

const BUCKET = 'falco-distribution'
const LONG = 'public, max-age=31536000, immutable'
const SHORT = 'public, max-age=30'
let tmp: string
let s3: RunningServer
let proxy: FaultProxy

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 's3-meta-'))
  s3 = await startS3rver(BUCKET)
  proxy = await startFaultProxy({ port: Number(new URL(s3.url).port) }, ['ok'])
}, 60000)

afterAll(async () => {
  await proxy?.stop()
  await s3?.stop()
  if (tmp) await fs.rm(tmp, { recursive: true, force: true })
})

describe('s3-acl and Cache-Control', () => {
  it('every object carries the ACL and the Cache-Control of its kind', async () => {
    const key = await generateTestKey('ecc')
    const ws = path.join(tmp, 'ws')
    await fs.mkdir(path.join(ws, 'out'), { recursive: true })
    await buildDeb(path.join(ws, 'out'), { name: 'falco', version: '0.40.0', arch: 'amd64' })
    await fs.writeFile(path.join(ws, 'out', 'falco-0.40.0-x86_64.tar.gz'), 'tarball\n')
    const raw: Record<string, string> = {
      packages: 'out/*.deb\nout/*.tar.gz',
      'gpg-private-key': key.armoredPrivate,
      'apt-origin': 'falcosecurity',
      's3-endpoint': proxy.url,
      's3-region': 'us-east-1',
      's3-force-path-style': 'true',
      's3-acl': 'public-read',
      's3-cache-control-short': SHORT
    }
    const inputs = readInputs((name) => raw[name])
    const store = openStore(new URL(`s3://${BUCKET}/`), { inputs })
    const ctx = context({
      store,
      workspace: ws,
      workdir: path.join(tmp, 'work'),
      channel: 'stable',
      version: '0.40.0',
      inputs: raw
    })
    await packagesStage.apply(await packagesStage.plan(ctx), ctx)

    const client = new S3Client({ endpoint: s3.url, forcePathStyle: true, region: 'us-east-1' })
    const cacheControl = async (k: string) =>
      (await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: k }))).CacheControl
    const dists = 'packages/deb/dists/stable'
    const expected: Record<string, string> = {
      'packages/deb/stable/falco-0.40.0-x86_64.deb': LONG,
      'packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz': LONG,
      'packages/deb/stable/falco-0.40.0-x86_64.deb.asc': SHORT,
      [`${dists}/InRelease`]: SHORT,
      [`${dists}/Release`]: SHORT,
      [`${dists}/Release.gpg`]: SHORT,
      [`${dists}/main/binary-amd64/Packages.gz`]: SHORT,
      'packages/bin/x86_64/SHA256SUMS': SHORT,
      'packages/bin/index.json': SHORT,
      'packages/repository-key.asc': SHORT
    }
    const byHash: string[] = []
    for await (const o of store.list(`${dists}/main/binary-amd64/by-hash/SHA256/`))
      byHash.push(o.key)
    expect(byHash.length).toBeGreaterThan(0)
    const actual: Record<string, string | undefined> = {}
    for (const k of Object.keys(expected)) actual[k] = await cacheControl(k)
    expect(actual).toEqual(expected)
    for (const k of byHash) expect(await cacheControl(k)).toBe(LONG)

    // Every write of a published object (PutObject, CopyObject, CreateMultipartUpload) sent
    // the ACL; the store's own lease objects are not published.
    const writes = proxy.requests.filter(
      (r) => (r.method === 'PUT' || r.method === 'POST') && !r.path.includes('/.falco-publish/')
    )
    expect(writes.length).toBeGreaterThan(10)
    expect(
      writes.filter((r) => r.sent?.['x-amz-acl'] !== 'public-read').map((r) => r.path)
    ).toEqual([])
    expect(writes.some((r) => r.sent?.['x-amz-copy-source'])).toBe(true)
  }, 60000)

  it('rejects an ACL S3 does not know and a Cache-Control that is not one line, naming the input', () => {
    expect(() => readInputs((n) => ({ 's3-acl': 'public' })[n])).toThrow(/input 's3-acl'/)
    expect(() => readInputs((n) => ({ 's3-cache-control-short': 'max-age=1\nx' })[n])).toThrow(
      /input 's3-cache-control-short'/
    )
  })
})
