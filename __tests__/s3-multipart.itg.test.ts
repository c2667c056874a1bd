import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { createReadStream, promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { Readable } from 'node:stream'
import { S3Store } from '../src/store/s3.js'
import { digestObject } from '../src/store/store.js'
import { startFaultProxy, type Fault, type FaultProxy } from './support/fault-proxy.js'
import { startS3rver, type RunningServer } from './support/servers.js'

/**
 * The S3 store's own multipart upload (s3-upload.ts) against s3rver, with parts of S3's smallest
 * size (5 MiB) so that a few parts cross boundaries in a small object: the bytes arrive intact
 * from a file, a Buffer and a stream of odd-sized chunks; the hash kept unfinished
 * (keepHash) is that of every byte; a part whose request fails is sent again with its own bytes,
 * and a part that keeps failing aborts the upload, leaving nothing at the key. Reached through a
 * fault proxy; `direct` reads what s3rver holds.
 */
process.env.AWS_ACCESS_KEY_ID = 'S3RVER'
process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER'

const BUCKET = 'falco-multipart'
const MiB = 1024 * 1024
const PART = 5 * MiB
let s3: RunningServer
let proxy: FaultProxy
let tmp: string
let n = 0
/** Faults for the PUTs (UploadPart) of one object, by their order of arrival from 1. */
let partFaults: { path: string; faults: Map<number, Fault> } | undefined
let putsSeen = 0

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'falco-publish-multipart-'))
  s3 = await startS3rver(BUCKET)
  proxy = await startFaultProxy({ port: Number(new URL(s3.url).port) }, (request) => {
    if (!partFaults || request.method !== 'PUT' || request.path !== partFaults.path) return 'ok'
    return partFaults.faults.get(++putsSeen) ?? 'ok'
  })
}, 60000)

afterAll(async () => {
  await proxy?.stop()
  await s3?.stop()
  if (tmp) await fs.rm(tmp, { recursive: true, force: true })
})

beforeEach(() => {
  partFaults = undefined
  putsSeen = 0
})

function stores(partsInFlight = 2): { proxied: S3Store; direct: S3Store; prefix: string } {
  const prefix = `t${++n}`
  const common = { forcePathStyle: true, region: 'us-east-1', partBytes: PART, partsInFlight }
  return {
    proxied: new S3Store(BUCKET, prefix, {
      endpoint: proxy.url,
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 20 },
      ...common
    }),
    direct: new S3Store(BUCKET, prefix, { endpoint: s3.url, ...common }),
    prefix
  }
}

/** Bytes that differ in every part and at every offset (a repeated pattern would hide a swap). */
function bytesOf(size: number, seed: string): Buffer {
  const out = Buffer.allocUnsafe(size)
  let block = createHash('sha512').update(seed).digest()
  for (let at = 0; at < size; at += block.length) {
    block.copy(out, at)
    block = createHash('sha512').update(block).digest()
  }
  return out
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex')

/** The requests the proxy saw for one object, as `METHOD outcome`, in order. */
function requestsFor(objectPath: string): string[] {
  return proxy.requests
    .filter((r) => r.path === objectPath)
    .map((r) => `${r.method} ${String(r.outcome)}`)
}

describe('S3 multipart uploads from reused part buffers', () => {
  // 3 whole parts and 1,234 bytes: four parts, the last one short.
  const size = 3 * PART + 1234

  it('sends a file, a Buffer and a stream of odd-sized chunks intact across part boundaries', async () => {
    const { proxied, direct, prefix } = stores()
    const data = bytesOf(size, 'parts')
    const file = path.join(tmp, 'falco-0.41.0-x86_64.tar.gz')
    await fs.writeFile(file, data)
    // 1 MiB + 7 bytes: chunks straddle every part boundary.
    const chunks = Array.from({ length: Math.ceil(size / (MiB + 7)) }, (_, i) =>
      data.subarray(i * (MiB + 7), (i + 1) * (MiB + 7))
    )
    const bodies = {
      file: createReadStream(file),
      buffer: data,
      stream: Readable.from(chunks)
    }
    for (const [name, body] of Object.entries(bodies)) {
      const key = `bin/${name}.tar.gz`
      const result = await proxied.put(key, body, { keepHash: true })
      expect(result).toMatchObject({ key, size, sha256: sha256(data) })
      expect(result.hashed?.digest('hex')).toBe(sha256(data))
      expect(await digestObject(direct, key)).toEqual({ sha256: sha256(data), size })
      expect((await direct.read(key))?.equals(data)).toBe(true)
      // One CreateMultipartUpload, four UploadParts, one CompleteMultipartUpload.
      expect(requestsFor(`/${BUCKET}/${prefix}/${key}`)).toEqual([
        'POST ok',
        'PUT ok',
        'PUT ok',
        'PUT ok',
        'PUT ok',
        'POST ok'
      ])
    }
  })

  it('sends an object of exactly one part, and a smaller one, as one PutObject', async () => {
    const { proxied, direct, prefix } = stores()
    for (const [key, bytes] of [
      ['exact.bin', bytesOf(PART, 'exact')],
      ['small.bin', bytesOf(1000, 'small')]
    ] as const) {
      const file = path.join(tmp, key)
      await fs.writeFile(file, bytes)
      expect(await proxied.put(key, createReadStream(file))).toMatchObject({
        size: bytes.length,
        sha256: sha256(bytes)
      })
      expect((await direct.read(key))?.equals(bytes)).toBe(true)
      expect(requestsFor(`/${BUCKET}/${prefix}/${key}`)).toEqual(['PUT ok'])
    }
  })

  it('takes the sha256 a caller gives for a local file, and still sends every part', async () => {
    const { proxied, direct } = stores()
    const data = bytesOf(size, 'known')
    const file = path.join(tmp, 'falco_0.41.0_amd64.deb')
    await fs.writeFile(file, data)
    const result = await proxied.put('deb/falco_0.41.0_amd64.deb', createReadStream(file), {
      sha256: sha256(data)
    })
    expect(result).toMatchObject({ size, sha256: sha256(data) })
    expect(await digestObject(direct, 'deb/falco_0.41.0_amd64.deb')).toEqual({
      sha256: sha256(data),
      size
    })
  })

  it('reads a conditional put of a local file once, and refuses one above 64 MiB before reading it', async () => {
    // s3rver ignores the condition: 'native' only makes the store send it as one PutObject.
    const { direct, prefix } = stores()
    const native = new S3Store(BUCKET, prefix, {
      endpoint: s3.url,
      forcePathStyle: true,
      region: 'us-east-1',
      conditionalWrites: 'native'
    })
    const data = bytesOf(PART + 77, 'driver')
    const driver = path.join(tmp, 'falco_ubuntu-generic_6.8.0-1_1.ko')
    await fs.writeFile(driver, data)
    const created = await native.put('driver/falco.ko', createReadStream(driver), {
      precondition: { ifNoneMatch: '*' }
    })
    expect(created).toMatchObject({ size: data.length, sha256: sha256(data) })
    expect((await direct.read('driver/falco.ko'))?.equals(data)).toBe(true)

    const huge = path.join(tmp, 'huge.ko')
    await fs.writeFile(huge, '')
    await fs.truncate(huge, 64 * MiB + 1)
    await expect(
      native.put('driver/huge.ko', createReadStream(huge), { precondition: { ifNoneMatch: '*' } })
    ).rejects.toThrow('driver/huge.ko: a conditional put to S3 is limited to 67108864 bytes')
    expect(await direct.head('driver/huge.ko')).toBeUndefined()
  })

  it('digests an empty object and a small one as they arrive, and answers undefined for a missing one', async () => {
    const { direct } = stores()
    await direct.put('empty', '')
    await direct.put('small', 'Package: falco\n')
    expect(await direct.digest('empty')).toEqual({ sha256: sha256(Buffer.alloc(0)), size: 0 })
    expect(await direct.digest('small')).toEqual({
      sha256: sha256(Buffer.from('Package: falco\n')),
      size: 15
    })
    expect(await direct.digest('missing')).toBeUndefined()
  })

  it('sends a part again with its own bytes after a 503 and after an answer lost on the way back', async () => {
    const { proxied, direct, prefix } = stores()
    const data = bytesOf(size, 'retried')
    const key = 'bin/retried.tar.gz'
    const objectPath = `/${BUCKET}/${prefix}/${key}`
    // The second part to arrive gets a 503; the third reaches s3rver, whose answer is dropped.
    partFaults = {
      path: objectPath,
      faults: new Map<number, Fault>([
        [2, '503'],
        [3, 'lost']
      ])
    }

    const result = await proxied.put(key, Readable.from([data]))

    expect(result).toMatchObject({ size, sha256: sha256(data) })
    expect(await digestObject(direct, key)).toEqual({ sha256: sha256(data), size })
    const puts = requestsFor(objectPath).filter((r) => r.startsWith('PUT'))
    expect(puts).toHaveLength(6)
    expect(puts.filter((r) => r !== 'PUT ok').sort()).toEqual(['PUT 503', 'PUT reset'])
  })

  it('aborts the upload when the body breaks after parts were sent, and says what broke', async () => {
    const { proxied, direct, prefix } = stores()
    const key = 'bin/broken-source.tar.gz'
    const objectPath = `/${BUCKET}/${prefix}/${key}`
    await direct.put(key, 'old version')
    const data = bytesOf(2 * PART + MiB, 'broken')
    const breaking = Readable.from(
      (async function* () {
        yield data
        throw new Error('the build output was truncated')
      })()
    )

    await expect(proxied.put(key, breaking)).rejects.toThrow('the build output was truncated')

    expect((await direct.read(key))?.toString()).toBe('old version')
    const seen = requestsFor(objectPath)
    expect(seen[0]).toBe('POST ok')
    expect(seen.filter((r) => r === 'PUT ok').length).toBeGreaterThanOrEqual(1)
    expect(seen.at(-1)).toBe('DELETE ok')
    expect(seen.filter((r) => r.startsWith('POST'))).toHaveLength(1)
  })

  it('aborts the upload when a part keeps failing: nothing is visible, the old object stays', async () => {
    const { proxied, direct, prefix } = stores(1)
    const key = 'bin/failing.tar.gz'
    const objectPath = `/${BUCKET}/${prefix}/${key}`
    await direct.put(key, 'old version')
    // The second part fails on every attempt (three).
    partFaults = {
      path: objectPath,
      faults: new Map<number, Fault>([
        [2, '503'],
        [3, '503'],
        [4, '503']
      ])
    }

    await expect(proxied.put(key, bytesOf(size, 'failing'))).rejects.toThrow(
      new RegExp(`^PUT s3://${BUCKET}/${prefix}/bin/failing\\.tar\\.gz failed: .*\\(503\\)`)
    )

    expect((await direct.read(key))?.toString()).toBe('old version')
    // Create, part 1, part 2 three times, then AbortMultipartUpload; no Complete.
    expect(requestsFor(objectPath)).toEqual([
      'POST ok',
      'PUT ok',
      'PUT 503',
      'PUT 503',
      'PUT 503',
      'DELETE ok'
    ])
  })
})
