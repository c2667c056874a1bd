import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import type { RetryPolicy } from '../src/net/retry.js'
import { S3Store } from '../src/store/s3.js'
import { startFaultProxy, type Answer, type FaultProxy } from './support/fault-proxy.js'
import { startS3rver, type RunningServer } from './support/servers.js'

/**
 * The S3 store behind a fault proxy in front of s3rver: the proxy answers one chosen request with
 * a 503 or 429 carrying Retry-After (or with a plain client error), then lets the client's next
 * attempt through to s3rver. Gaps are measured at the proxy, from the moment it sent the fault to
 * the moment the next attempt arrived: a lower bound the client must respect, not a benchmark.
 */

// s3rver checks no signatures, but the SDK will not sign without credentials. The secret is
// distinctive so that the tests can show it never reaches a log line or an error.
const SECRET = 'falco-publish-s3-retry-secret-3f9c'
process.env.AWS_ACCESS_KEY_ID = 'S3RVER'
process.env.AWS_SECRET_ACCESS_KEY = SECRET

const BUCKET = 'falco-retry'
let s3rver: RunningServer
let proxy: FaultProxy
let n = 0

/** Faults armed for the next matching request, each used once. */
let armed: { method: string; path: string; answer: Answer }[] = []
const debug: string[] = []
const log = {
  info: () => {},
  debug: (m: string) => void debug.push(m),
  warning: () => {}
}

beforeAll(async () => {
  s3rver = await startS3rver(BUCKET)
  proxy = await startFaultProxy({ port: Number(new URL(s3rver.url).port) }, (request) => {
    const i = armed.findIndex((f) => f.method === request.method && f.path === request.path)
    if (i < 0) return 'ok'
    return armed.splice(i, 1)[0].answer
  })
})

afterAll(async () => {
  await proxy?.stop()
  await s3rver?.stop()
})

beforeEach(() => {
  armed = []
  debug.length = 0
})

/** A store reached through the proxy, under its own prefix; and the same prefix reached directly. */
function stores(retry?: RetryPolicy): { proxied: S3Store; direct: S3Store; prefix: string } {
  const prefix = `t${++n}`
  const common = { forcePathStyle: true, region: 'us-east-1', log }
  return {
    proxied: new S3Store(BUCKET, prefix, {
      endpoint: proxy.url,
      ...common,
      ...(retry && { retry })
    }),
    direct: new S3Store(BUCKET, prefix, { endpoint: s3rver.url, ...common }),
    prefix
  }
}

/** The path s3rver is asked for (path-style) for a key under a prefix. */
function pathOf(prefix: string, key: string): string {
  return `/${BUCKET}/${prefix}/${key}`
}

/** S3's error document, as S3 and compatible services send it with an error status. */
function s3Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>0000</RequestId></Error>`
}

const slowDown = (retryAfter: string): Answer => ({
  status: 503,
  headers: { 'retry-after': retryAfter },
  body: s3Error('SlowDown', 'Please reduce your request rate.')
})

/** The requests the proxy saw for one path and method, in order. */
function seen(method: string, path: string) {
  return proxy.requests.filter((r) => r.method === method && r.path === path)
}

/** Milliseconds from the fault's answer to the next attempt's arrival, as the proxy saw them. */
function gapAfterFault(method: string, path: string): number {
  const [fault, retried] = seen(method, path)
  expect(fault?.answered).toBeDefined()
  expect(retried?.outcome).toBe('ok')
  return retried.arrived - (fault.answered as number)
}

async function bytesOf(body: Readable | undefined): Promise<Buffer> {
  expect(body).toBeDefined()
  const chunks: Buffer[] = []
  for await (const chunk of body as Readable) chunks.push(Buffer.from(chunk as Buffer))
  return Buffer.concat(chunks)
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')

describe('S3Store honours Retry-After through a fault proxy in front of s3rver', () => {
  it('sends a PUT again no earlier than a 503 Retry-After: 2 asks, and the object is intact', async () => {
    const { proxied, direct, prefix } = stores()
    const data = randomBytes(300_000)
    const key = 'pool/main/f/falco/falco_0.40.0_amd64.deb'
    armed.push({ method: 'PUT', path: pathOf(prefix, key), answer: slowDown('2') })

    const result = await proxied.put(key, Readable.from([data]))

    expect(result).toMatchObject({ key, size: data.length, sha256: sha256(data) })
    expect(sha256(await bytesOf(await direct.get(key)))).toBe(sha256(data))
    expect(seen('PUT', pathOf(prefix, key)).map((r) => r.outcome)).toEqual([503, 'ok'])
    expect(gapAfterFault('PUT', pathOf(prefix, key))).toBeGreaterThanOrEqual(2000)
    // one debug line names the object and the status, and nothing secret
    const retries = debug.filter((m) => m.includes(`s3://${BUCKET}/${prefix}/${key}`))
    expect(retries).toHaveLength(1)
    expect(retries[0]).toMatch(/PutObject .*: 503 SlowDown; attempt 2 of 6 in 2000 ms/)
    expect(debug.join('\n')).not.toContain(SECRET)
  })

  it('sends a GET again no earlier than a 503 Retry-After: 2 asks, and reads the whole object', async () => {
    const { proxied, direct, prefix } = stores()
    const data = randomBytes(500_000)
    const key = 'dists/stable/main/binary-amd64/Packages.gz'
    await direct.put(key, data)
    armed.push({ method: 'GET', path: pathOf(prefix, key), answer: slowDown('2') })

    const read = await bytesOf(await proxied.get(key))

    expect(sha256(read)).toBe(sha256(data))
    expect(seen('GET', pathOf(prefix, key)).map((r) => r.outcome)).toEqual([503, 'ok'])
    expect(gapAfterFault('GET', pathOf(prefix, key))).toBeGreaterThanOrEqual(2000)
  })

  it('waits for the HTTP-date a 429 Retry-After names before sending the PUT again', async () => {
    const { proxied, direct, prefix } = stores()
    const data = Buffer.from('Origin: falcosecurity\nLabel: falco\nSuite: stable\n')
    const key = 'dists/stable/Release'
    let until = 0
    armed.push({
      method: 'PUT',
      path: pathOf(prefix, key),
      answer: {
        status: 429,
        // a whole second (HTTP-dates have no fraction) at least 2 s ahead of the answer
        headers: () => {
          until = Math.ceil(Date.now() / 1000) * 1000 + 2000
          return { 'retry-after': new Date(until).toUTCString() }
        },
        body: s3Error('TooManyRequests', 'Too many requests, slow down.')
      }
    })

    await proxied.put(key, data, { contentType: 'text/plain' })

    expect(await bytesOf(await direct.get(key))).toEqual(data)
    const [fault, retried] = seen('PUT', pathOf(prefix, key))
    expect(fault.outcome).toBe(429)
    expect(fault.headers?.['retry-after']).toMatch(/^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/)
    expect(retried.outcome).toBe('ok')
    expect(retried.arrivedAt).toBeGreaterThanOrEqual(until)
  })

  it('waits out a Retry-After longer than the SDK alone would (8 s, under the 30 s cap)', async () => {
    // The SDK's standard strategy waits at most its own backoff plus 5 s, whatever the server asks.
    const { proxied, direct, prefix } = stores()
    const key = 'rpm/repodata/repomd.xml'
    armed.push({ method: 'PUT', path: pathOf(prefix, key), answer: slowDown('8') })

    await proxied.put(key, '<repomd/>')

    expect(await bytesOf(await direct.get(key))).toEqual(Buffer.from('<repomd/>'))
    expect(gapAfterFault('PUT', pathOf(prefix, key))).toBeGreaterThanOrEqual(8000)
  })

  it("caps a Retry-After longer than the policy's longest wait at that wait", async () => {
    const policy = { attempts: 3, baseDelayMs: 10, maxDelayMs: 1500 }
    const { proxied, direct, prefix } = stores(policy)
    const key = 'drivers/falco_ubuntu-generic_6.8.0-1_1.ko'
    armed.push({ method: 'PUT', path: pathOf(prefix, key), answer: slowDown('3600') })

    await proxied.put(key, 'driver')

    expect(await bytesOf(await direct.get(key))).toEqual(Buffer.from('driver'))
    const gap = gapAfterFault('PUT', pathOf(prefix, key))
    expect(gap).toBeGreaterThanOrEqual(policy.maxDelayMs)
    expect(gap).toBeLessThan(3_600_000)
    expect(debug.join('\n')).toMatch(/503 SlowDown; attempt 2 of 3 in 1500 ms/)
  })

  it('does not send a PUT again after a 400 that is not a rate limit', async () => {
    const { proxied, prefix } = stores()
    const key = 'bin/x86_64/falco-0.40.0-x86_64.tar.gz'
    armed.push({
      method: 'PUT',
      path: pathOf(prefix, key),
      answer: { status: 400, body: s3Error('InvalidArgument', 'Invalid Argument') }
    })

    const error = await proxied.put(key, 'tarball').then(
      () => new Error('the PUT succeeded'),
      (e: unknown) => e as Error
    )

    expect(error.message).toMatch(/^PUT s3:\/\/falco-retry\/t\d+\/bin\/.*tar\.gz failed: .*\(400\)/)
    expect(error.message).not.toContain(SECRET)
    expect(seen('PUT', pathOf(prefix, key)).map((r) => r.outcome)).toEqual([400])
    expect(debug).toEqual([])
  })

  it('does not send a GET again after a 403, and says where credentials come from', async () => {
    const { proxied, direct, prefix } = stores()
    const key = 'index.html'
    await direct.put(key, 'listing')
    armed.push({
      method: 'GET',
      path: pathOf(prefix, key),
      answer: { status: 403, body: s3Error('AccessDenied', 'Access Denied') }
    })

    await expect(proxied.get(key)).rejects.toThrow(
      /GET .*index\.html failed: .*\(403\).*credentials/
    )
    expect(seen('GET', pathOf(prefix, key)).map((r) => r.outcome)).toEqual([403])
  })

  it("stops after the policy's attempts and reports the last status", async () => {
    const { proxied, prefix } = stores({ attempts: 2, baseDelayMs: 10, maxDelayMs: 100 })
    const key = 'dists/stable/InRelease'
    for (let i = 0; i < 3; i++)
      armed.push({ method: 'PUT', path: pathOf(prefix, key), answer: slowDown('0') })

    await expect(proxied.put(key, 'signed')).rejects.toThrow(/PUT .*InRelease failed: .*\(503\)/)
    expect(seen('PUT', pathOf(prefix, key)).map((r) => r.outcome)).toEqual([503, 503])
  })
})
