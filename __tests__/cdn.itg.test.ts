import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readInputs } from '../src/inputs.js'
import { publish } from '../src/pipeline.js'
import type { StageResult } from '../src/plan.js'
import { packagesStage } from '../src/stages/packages.js'
import { changedPaths, cloudFront, type Cdn } from '../src/store/cdn.js'
import { FileStore } from '../src/store/file.js'
import { openStore } from '../src/store/open.js'
import { S3Store } from '../src/store/s3.js'
import { recordingLog } from './github/recording-log.js'
import { generateTestKey } from './support/keys.js'
import { tarGz } from './support/tarball.js'

const result = (items: [string, string][]): StageResult => ({
  stage: 'packages',
  published: items.map(([kind, path]) => ({ kind, path, sha256: '', size: 0 }) as never),
  failed: [],
  durationMs: 0
})

describe('changedPaths', () => {
  it('names the indexes, signatures and listings a run changed, under the bucket prefix', () => {
    const store = new S3Store('falco-distribution', 'packages-root', { region: 'eu-west-1' })
    const results = [
      result([
        ['tarball', 'packages/bin/x86_64/falco-0.41.0-x86_64.tar.gz'],
        ['index', 'packages/bin/x86_64/SHA256SUMS'],
        ['package', 'packages/deb/stable/falco_0.41.0_amd64.deb'],
        ['index', 'packages/deb/dists/stable/main/binary-amd64/Packages'],
        ['signature', 'packages/deb/dists/stable/InRelease'],
        ['signature', 'packages/bin/x86_64/falco-0.41.0-x86_64.tar.gz.asc']
      ]),
      result([
        ['driver', 'driver/8.0.0+driver/x86_64/falco_ubuntu_5.15.ko'],
        ['listing', 'driver/index.html'],
        ['index', 'packages/bin/x86_64/SHA256SUMS']
      ])
    ]
    expect(changedPaths(results, store)).toEqual([
      '/packages-root/driver/index.html',
      '/packages-root/packages/bin/x86_64/SHA256SUMS',
      '/packages-root/packages/deb/dists/stable/InRelease',
      '/packages-root/packages/deb/dists/stable/main/binary-amd64/Packages'
    ])
    expect(changedPaths(results.slice(0, 1), new FileStore('/tmp/none'))).toContain(
      '/packages/bin/x86_64/SHA256SUMS'
    )
  })
})

describe('cloudFront', () => {
  // CloudFront cannot run here: a server on 127.0.0.1 records the request the SDK (which is
  // generated from CloudFront's published API model) sends, and answers with the documented shape.
  let server: Server
  let url: string
  const requests: { method: string; path: string; body: string }[] = []
  let fail = false

  beforeAll(async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE'
    process.env.AWS_SECRET_ACCESS_KEY = 'cdn-test-secret'
    server = createServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => (body += chunk.toString()))
      request.on('end', () => {
        requests.push({ method: request.method ?? '', path: request.url ?? '', body })
        if (fail) {
          response.writeHead(403, { 'content-type': 'text/xml' })
          response.end(
            '<?xml version="1.0"?><ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message></Error></ErrorResponse>'
          )
          return
        }
        const id = 'I2J0I21PCUYOIK'
        response.writeHead(201, {
          'content-type': 'text/xml',
          location: `${url}/2020-05-31/distribution/EDFDVBD6EXAMPLE/invalidation/${id}`
        })
        response.end(
          `<?xml version="1.0" encoding="UTF-8"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>${id}</Id><Status>InProgress</Status><CreateTime>2026-11-24T21:00:00Z</CreateTime><InvalidationBatch><Paths><Quantity>1</Quantity><Items><Path>/x</Path></Items></Paths><CallerReference>r</CallerReference></InvalidationBatch></Invalidation>`
        )
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  })

  afterAll(() => {
    server?.close()
    delete process.env.AWS_ACCESS_KEY_ID
    delete process.env.AWS_SECRET_ACCESS_KEY
  })

  it('creates one invalidation with exactly the paths given', async () => {
    requests.length = 0
    const cdn = cloudFront('EDFDVBD6EXAMPLE', { endpoint: url })
    const id = await cdn.invalidate(['/packages/bin/x86_64/SHA256SUMS', '/driver/index.html'])
    expect(id).toBe('I2J0I21PCUYOIK')
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/2020-05-31/distribution/EDFDVBD6EXAMPLE/invalidation'
    })
    const items = [...requests[0].body.matchAll(/<Path>([^<]*)<\/Path>/g)].map((m) => m[1])
    expect(items).toEqual(['/packages/bin/x86_64/SHA256SUMS', '/driver/index.html'])
    expect(requests[0].body).toMatch(/<Quantity>2<\/Quantity>/)
    expect(requests[0].body).toMatch(
      /<CallerReference>falco-publish-[0-9a-f-]{36}<\/CallerReference>/
    )
  })

  it('after a real publish, invalidates the changed index only, and warns when that fails', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'falco-publish-cdn-'))
    try {
      mkdirSync(join(workspace, 'build'))
      writeFileSync(join(workspace, 'build', 'falco-0.41.0-x86_64.tar.gz'), tarGz('falco\n'))
      const key = await generateTestKey('ecc')
      const run = async (cdn: Cdn, version: string) => {
        const log = recordingLog()
        const report = await publish({
          inputs: readInputs(
            (name) =>
              ({
                'require-checks': 'false',
                store: join(workspace, 'public'),
                channel: 'dev',
                version,
                packages: 'build/*.tar.gz',
                'gpg-private-key': key.armoredPrivate
              })[name]
          ),
          event: { eventName: 'push', ref: 'refs/heads/master', sha: 'a'.repeat(40), payload: {} },
          workspace,
          workdir: workspace,
          log,
          releaseSources: {
            describe: async () => ({ tag: '0.40.0', commits: 1, sha7: 'aaaaaaa' }),
            stableTags: async () => []
          },
          openStore: (u) => openStore(u),
          cdn,
          stages: [packagesStage]
        })
        return { report, log }
      }
      requests.length = 0
      fail = false
      const ok = await run(cloudFront('EDFDVBD6EXAMPLE', { endpoint: url }), '0.41.0-1')
      expect(ok.report.error).toBeUndefined()
      expect(requests).toHaveLength(1)
      const invalidated = [...requests[0].body.matchAll(/<Path>([^<]*)<\/Path>/g)].map((m) => m[1])
      // The indexes and signatures that changed; never the tarball, which is immutable.
      expect(invalidated).toContain('/packages/bin-dev/x86_64/SHA256SUMS')
      expect(invalidated).toEqual(changedPaths(ok.report.results, new FileStore(workspace)))
      expect(invalidated.filter((p) => /\.tar\.gz(\.asc)?$/.test(p))).toEqual([])
      expect(invalidated).toContain('/packages/bin-dev/x86_64/SHA256SUMS.asc')
      expect(ok.log.lines.join('\n')).toContain(
        `invalidated ${invalidated.length} path(s) (invalidation I2J0I21PCUYOIK)`
      )

      fail = true
      writeFileSync(join(workspace, 'build', 'falco-0.41.0-x86_64.tar.gz'), tarGz('falco 2\n'))
      const denied = await run(cloudFront('EDFDVBD6EXAMPLE', { endpoint: url }), '0.41.0-2')
      expect(denied.report.error).toBeUndefined()
      expect(denied.log.lines.join('\n')).toMatch(
        /invalidation failed.*invalidate these paths by hand: .*\/packages\/bin-dev\/x86_64\/SHA256SUMS/
      )
      expect(denied.log.lines.join('\n')).not.toContain('cdn-test-secret')
    } finally {
      rmSync(workspace, { recursive: true, force: true })
    }
  })
})
