import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3'
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { falcoctlPath } from '../src/drivers/plan.js'
import { readInputs } from '../src/inputs.js'
import type { StageContext } from '../src/plan.js'
import { driversStage } from '../src/stages/drivers.js'
import { S3Store } from '../src/store/s3.js'
import { storeConformance } from './store/conformance.js'
import { recordingLogger, repoRoot } from './support/drivers-fixtures.js'
import { generateTestKey, writePrivateKey, writePublicKey } from './support/keys.js'
import { buildRaceWorkspaces, byVersion, publishAtOnce, raceView } from './support/race.js'
import { startRgw, type RunningRgw } from './support/rgw.js'

/**
 * The S3 store against Ceph's S3 gateway (RGW), a real S3 implementation started for this file:
 * SigV4 checked, `If-None-Match: *` atomic, a failed `If-Match` refused, and `If-Match` read only
 * without quotes. The conformance suite; the probe choosing the spelling RGW takes; sixteen
 * publishes of .deb, .rpm and tarballs at once losing nothing, read back by apt, dnf and
 * sha256sum through RGW; and the control with conditions dropped, which loses updates.
 */
const BUCKET = 'falco-artifacts'
const MiB = 1024 * 1024

let rgw: RunningRgw
let tmp: string
let n = 0
const lines: string[] = []
const log = {
  info: (m: string) => void lines.push(m),
  debug: () => {},
  warning: (m: string) => void lines.push(`warning: ${m}`)
}

beforeAll(async () => {
  rgw = await startRgw()
  process.env.AWS_ACCESS_KEY_ID = rgw.accessKeyId
  process.env.AWS_SECRET_ACCESS_KEY = rgw.secretAccessKey
  const client = new S3Client({ endpoint: rgw.url, forcePathStyle: true, region: 'us-east-1' })
  await client.send(new CreateBucketCommand({ Bucket: BUCKET }))
  // Served to apt and dnf as a public bucket is, behind its website or CDN.
  await client.send(
    new PutBucketPolicyCommand({
      Bucket: BUCKET,
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: ['s3:GetObject'],
            Resource: [`arn:aws:s3:::${BUCKET}/*`]
          }
        ]
      })
    })
  )
  client.destroy()
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'falco-publish-rgw-test-'))
})

afterAll(async () => {
  await rgw?.stop()
  if (tmp) await fs.rm(tmp, { recursive: true, force: true })
})

function storeAt(prefix: string): S3Store {
  return new S3Store(BUCKET, prefix, {
    endpoint: rgw.url,
    forcePathStyle: true,
    region: 'us-east-1',
    log
  })
}

storeConformance(
  's3 (Ceph RGW, conditional writes)',
  async () => ({ store: storeAt(`t${++n}/packages`), cleanup: async () => undefined }),
  // RGW's OSD keeps objects in memory here: a multipart object, not a gigabyte. Large enough
  // that the memory bound (half the object) stays clear of the upload's own part buffers.
  { copy: true, largeObjectBytes: 256 * MiB }
)

describe('S3Store against Ceph RGW', () => {
  it('finds that RGW honours conditional writes with If-Match etags without quotes, and says so', async () => {
    lines.length = 0
    const store = storeAt('probe-test')
    const created = await store.put('index', 'one', { precondition: { ifNoneMatch: '*' } })
    const replaced = await store.put('index', 'two', { precondition: { ifMatch: created.etag } })
    await expect(
      store.put('index', 'three', { precondition: { ifMatch: created.etag } })
    ).rejects.toMatchObject({ name: 'PreconditionFailed' })
    await store.put('index', 'four', { precondition: { ifMatch: replaced.etag } })
    expect(lines).toEqual([
      `store: ${store.location} honours conditional writes; If-Match etags are sent without quotes`
    ])
    const keys: string[] = []
    for await (const info of store.list('')) keys.push(info.key)
    expect(keys).toEqual(['index'])
  })

  describe('sixteen publishes of .deb, .rpm and tarballs at once, dev retention 3', () => {
    let publicKey: string
    let privateKey: string
    let workspaces: string[]
    const versions = Array.from({ length: 16 }, (_, i) => `2.0.${i}`)

    beforeAll(async () => {
      const key = await generateTestKey('ecc')
      publicKey = await writePublicKey(tmp, key)
      privateKey = await writePrivateKey(tmp, key)
      workspaces = await buildRaceWorkspaces(path.join(tmp, 'ws'), versions)
    })

    const race = (prefix: string, blind: boolean) =>
      publishAtOnce(`s3://${BUCKET}/${prefix}`, workspaces, {
        keyFile: privateKey,
        retention: 3,
        processes: 4,
        blind,
        inputs: { 's3-endpoint': rgw.url, 's3-force-path-style': 'true', 's3-region': 'us-east-1' },
        env: { AWS_ACCESS_KEY_ID: rgw.accessKeyId, AWS_SECRET_ACCESS_KEY: rgw.secretAccessKey }
      })
    const newest = [...versions].sort(byVersion).slice(-3)

    it('every publish exits 0, and apt, dnf and SHA256SUMS see the newest three', async () => {
      expect(await race('race', false)).toEqual([])
      const keys = async (): Promise<string[]> => {
        const listed: string[] = []
        for await (const o of storeAt('race').list('packages/')) listed.push(o.key)
        return listed
      }
      const view = await raceView(
        keys,
        `${rgw.url}/${BUCKET}/race`,
        publicKey,
        path.join(tmp, 'view')
      )
      expect(view).toMatchObject({
        apt: newest,
        aptNoByHash: newest,
        dnf: newest,
        sums: newest,
        unnamed: [],
        errors: []
      })
    })

    it('the control, its conditions dropped, loses updates', async () => {
      const failures = await race('blind', true)
      const view = await raceView(
        undefined,
        `${rgw.url}/${BUCKET}/blind`,
        publicKey,
        path.join(tmp, 'view-blind')
      )
      // Racing blind writers leave indexes missing versions, or not matching their signed
      // Release or repomd (then a client reads nothing), or publishes that fail.
      const lost = [view.apt, view.dnf, view.sums].some((seen) => seen.join() !== newest.join())
      expect(lost || failures.length > 0).toBe(true)
    })
  })
})

// RGW reads a literal + in a path as a +, not as a space the way AWS S3 does (tried: it serves
// falcoctl's URL with or without the space-named copy). So this shows a real S3 serving the
// layout to falcoctl and the bash loaders; AWS's own rule is checked in drivers-s3.itg.test.ts.
describe('drivers on RGW: a + in the kernel release', () => {
  it("is served at falcoctl's URL (a literal +) and at the %2B spelling", async () => {
    const version = '9.9.9+driver'
    const workspace = await fs.mkdtemp(path.join(tmp, 'drivers-'))
    const dir = path.join(workspace, 'grid', version, 'x86_64')
    await fs.mkdir(dir, { recursive: true })
    for (const kr of ['5.15.133+', '6.1.58+']) {
      await fs.writeFile(
        path.join(dir, `cos_${kr}_1.yaml`),
        `kernelversion: 1\nkernelrelease: ${kr}\ntarget: cos\narchitecture: amd64\noutput:\n  module: output/falco_cos_${kr}_1.ko\n`
      )
    }
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
        (name) =>
          ({
            'drivers-config': 'grid',
            'driver-versions': version,
            'driver-builder': `${builder} {kernelrelease} {config} {module} {probe}`,
            'driver-concurrency': '2'
          })[name]
      ),
      store: storeAt('drivers'),
      log: recordingLogger(),
      workspace,
      workdir: path.join(workspace, 'tmp')
    }
    const result = await driversStage.apply(await driversStage.plan(ctx), ctx)
    expect(result.failed).toEqual([])
    // Fetched as falcoctl and the bash loaders do: unsigned, through the bucket's public read.
    const served = async (urlPath: string): Promise<[string, number, string]> => {
      const res = await fetch(`${rgw.url}/${BUCKET}/drivers/${urlPath}`)
      const sha256 = createHash('sha256')
        .update(Buffer.from(await res.arrayBuffer()))
        .digest('hex')
      return [urlPath, res.status, sha256]
    }
    for (const kr of ['5.15.133+', '6.1.58+']) {
      const key = `driver/${version}/x86_64/falco_cos_${kr}_1.ko`
      const driver = result.published.find((p) => p.path === key)
      expect(driver).toBeDefined()
      const falcoctl = falcoctlPath(key)
      expect(falcoctl).toContain(`${kr}_1.ko`) // the + goes as it is
      for (const urlPath of [falcoctl, key.replace(/\+/g, '%2B')]) {
        expect(await served(urlPath)).toEqual([urlPath, 200, driver!.sha256])
      }
    }
  })
})
