import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { S3Store } from '../src/store/s3.js'
import { startFaultProxy, type FaultProxy } from './support/fault-proxy.js'
import { startS3rver, type RunningServer } from './support/servers.js'

/**
 * A GET whose answer breaks off after its headers (the server, or something between, closes the
 * connection mid-body): the SDK has handed the body over by then, so its retries never see it,
 * and Node names the error only `aborted`. Through a proxy in front of s3rver that cuts chosen
 * answers: a whole-object read is sent again; a streamed body fails naming the operation and key.
 */
process.env.AWS_ACCESS_KEY_ID = 'S3RVER'
process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER'

const BUCKET = 'falco-broken'
let s3: RunningServer
let proxy: FaultProxy
/** GETs of keys ending so are cut: the first `cutFirst` of them, or all with Infinity. */
let cutFirst = 0
let cutSeen = 0

beforeAll(async () => {
  s3 = await startS3rver(BUCKET)
  proxy = await startFaultProxy({ port: Number(new URL(s3.url).port) }, (request) => {
    if (request.method !== 'GET' || !request.path.endsWith('/index')) return 'ok'
    return cutSeen++ < cutFirst ? 'cut' : 'ok'
  })
}, 60000)

afterAll(async () => {
  await proxy?.stop()
  await s3?.stop()
})

const store = (): S3Store =>
  new S3Store(BUCKET, 'broken', {
    endpoint: proxy.url,
    forcePathStyle: true,
    region: 'us-east-1',
    conditionalWrites: 'lease',
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 10 }
  })

const BODY = Buffer.from('Package: falco\nVersion: 0.41.0\n'.repeat(2000))

describe('an S3 answer that breaks off mid-body', () => {
  beforeAll(async () => {
    await store().put('index', BODY)
  })

  it('read() sends the GET again and returns the whole object', async () => {
    cutSeen = 0
    cutFirst = 1
    const gets = proxy.requests.length
    expect((await store().read('index'))?.equals(BODY)).toBe(true)
    const sent = proxy.requests.slice(gets).filter((r) => r.method === 'GET')
    expect(sent.map((r) => r.outcome)).toEqual(['reset', 'ok'])
  })

  it('read() gives up after the policy, naming GET and the key', async () => {
    cutSeen = 0
    cutFirst = Infinity
    await expect(store().read('index')).rejects.toThrow(
      `GET s3://${BUCKET}/broken/index: the answer broke off (ECONNRESET: aborted)`
    )
  })

  it('digest() sends the GET again and hashes the whole object', async () => {
    cutSeen = 0
    cutFirst = 1
    const gets = proxy.requests.length
    expect(await store().digest('index')).toEqual({
      sha256: createHash('sha256').update(BODY).digest('hex'),
      size: BODY.length
    })
    const sent = proxy.requests.slice(gets).filter((r) => r.method === 'GET')
    expect(sent.map((r) => r.outcome)).toEqual(['reset', 'ok'])
  })

  it('digest() gives up after the policy, naming GET and the key', async () => {
    cutSeen = 0
    cutFirst = Infinity
    await expect(store().digest('index')).rejects.toThrow(
      `GET s3://${BUCKET}/broken/index: the answer broke off (ECONNRESET: aborted)`
    )
  })

  it('a get() whose reader stops early closes its connection', async () => {
    // 8 MiB: far more than the socket buffers hold, so the server is still sending when the
    // reader stops. Left open, the connection would stay taken (the rest of the answer unread)
    // until the server gave up on it, which s3rver and the proxy never do.
    const large = Buffer.alloc(8 * 1024 * 1024, 1)
    await store().put('large', large)
    const gets = proxy.requests.length
    const body = (await store().get('large'))!
    for await (const chunk of body) {
      expect((chunk as Buffer).length).toBeGreaterThan(0)
      break // for await destroys the stream it stops reading
    }
    const sent = proxy.requests.slice(gets).filter((r) => r.method === 'GET')
    expect(sent).toHaveLength(1)
    let timer: NodeJS.Timeout | undefined
    const outcome = await Promise.race([
      sent[0].connectionClosed!.then(() => 'closed'),
      new Promise((resolve) => (timer = setTimeout(() => resolve('still open after 10 s'), 10000)))
    ])
    clearTimeout(timer)
    expect(outcome).toBe('closed')
  })

  it('a streamed get() fails naming GET and the key, not a bare "aborted"', async () => {
    cutSeen = 0
    cutFirst = Infinity
    const body = await store().get('index')
    const read = (async () => {
      for await (const chunk of body!) void chunk
    })()
    await expect(read).rejects.toThrow(
      `GET s3://${BUCKET}/broken/index: the answer broke off (ECONNRESET: aborted)`
    )
  })
})
