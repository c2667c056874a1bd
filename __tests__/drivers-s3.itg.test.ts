import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { falcoctlPath } from '../src/drivers/plan.js'
import { readInputs } from '../src/inputs.js'
import type { StageContext } from '../src/plan.js'
import { driversStage } from '../src/stages/drivers.js'
import { S3Store } from '../src/store/s3.js'
import { recordingLogger, repoRoot } from './support/drivers-fixtures.js'
import { startS3rver, type RunningServer } from './support/servers.js'

process.env.AWS_ACCESS_KEY_ID = 'S3RVER'
process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER'

/**
 * AWS S3 reads a request path the way HTML forms are read: a literal `+` is a space, `%2B` is a
 * `+`. falcoctl escapes only the driver version, so for `falco_cos_5.15.133+_1.ko` S3 looks up
 * the key `…/falco_cos_5.15.133 _1.ko`. s3rver decodes paths without that rule, so the test asks
 * it for the key AWS S3 resolves (this function), as well as for the literal URL.
 */
function keyS3Resolves(urlPath: string): string {
  return decodeURIComponent(urlPath.replace(/\+/g, ' '))
}

const BUCKET = 'falco-drivers'
const VERSION = '9.9.9+driver'

describe('drivers on S3: a + in the kernel release', () => {
  let server: RunningServer
  let workspace: string

  beforeAll(async () => {
    server = await startS3rver(BUCKET)
    workspace = mkdtempSync(path.join(os.tmpdir(), 'drivers-s3-'))
    const dir = path.join(workspace, 'grid', VERSION, 'x86_64')
    mkdirSync(dir, { recursive: true })
    for (const kr of ['5.15.133+', '6.1.58+']) {
      writeFileSync(
        path.join(dir, `cos_${kr}_1.yaml`),
        `kernelversion: 1\nkernelrelease: ${kr}\ntarget: cos\narchitecture: amd64\noutput:\n  module: output/falco_cos_${kr}_1.ko\n`
      )
    }
  })

  afterAll(async () => {
    await server?.stop()
    if (workspace) rmSync(workspace, { recursive: true, force: true })
  })

  it("is reachable by falcoctl's URL, the %2B spelling and the key S3 resolves", async () => {
    const store = new S3Store(BUCKET, '', {
      endpoint: server.url,
      forcePathStyle: true,
      region: 'us-east-1',
      log: { info: () => {}, debug: () => {}, warning: () => {} }
    })
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
            'driver-concurrency': '2'
          })[n]
      ),
      store,
      log: recordingLogger(),
      workspace,
      workdir: path.join(workspace, 'tmp')
    }
    const result = await driversStage.apply(await driversStage.plan(ctx), ctx)
    const get = async (urlPath: string) => {
      const res = await fetch(`${server.url}/${BUCKET}/${urlPath}`)
      expect([urlPath, res.status]).toEqual([urlPath, 200])
      return createHash('sha256')
        .update(Buffer.from(await res.arrayBuffer()))
        .digest('hex')
    }
    for (const kr of ['5.15.133+', '6.1.58+']) {
      const key = `driver/${VERSION}/x86_64/falco_cos_${kr}_1.ko`
      const driver = result.published.find((p) => p.path === key)!
      const falcoctl = falcoctlPath(key)
      expect(falcoctl).toBe(`driver/9.9.9%2Bdriver/x86_64/falco_cos_${kr}_1.ko`)
      // What AWS S3 looks up for falcoctl's request holds the driver's bytes.
      expect(keyS3Resolves(falcoctl)).toBe(
        `driver/9.9.9+driver/x86_64/falco_cos_${kr.replace('+', ' ')}_1.ko`
      )
      expect(await get(keyS3Resolves(falcoctl).split('/').map(encodeURIComponent).join('/'))).toBe(
        driver.sha256
      )
      // The spellings other clients send: every + escaped (bash loaders), or literal.
      expect(await get(key.replace(/\+/g, '%2B'))).toBe(driver.sha256)
      expect(await get(falcoctl)).toBe(driver.sha256)
    }
    // The copies are not drivers of their own on the site.
    const site = JSON.parse(
      (await (await fetch(`${server.url}/${BUCKET}/driver/site/9.9.9%2Bdriver.json`)).text()) ||
        '{}'
    )
    expect(site.drivers.map((d: { name: string }) => d.name)).toEqual([
      'falco_cos_5.15.133+_1.ko',
      'falco_cos_6.1.58+_1.ko'
    ])
  })
})
