import { afterEach, describe, expect, it } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import * as openpgp from 'openpgp'
import { detachSign, loadSigningKeys, type SigningKeys } from '../src/sign/openpgp.js'
import {
  startSigningWorkers,
  WORKER_THRESHOLD,
  type SigningWorkers
} from '../src/sign/sign-workers.js'
import { generateTestKey } from './support/keys.js'

/**
 * The signing workers of a bulk publish, started from src/sign/sign-worker.mjs as the bundle
 * starts its copy: what they sign must be what the main thread signs, byte for byte (RSA
 * PKCS#1 v1.5 and Ed25519 are deterministic), and a worker that dies must fail every signature
 * waiting on it with an error that says so. gpg, rpm, apt and dnf check the signatures of a
 * bulk publish through the bundle in bulk-sign.itg.test.ts.
 */

const started: SigningWorkers[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((w) => w.close()))
})

async function workersFor(
  keys: SigningKeys,
  options?: Parameters<typeof startSigningWorkers>[2]
): Promise<SigningWorkers> {
  const workers = await startSigningWorkers(keys, WORKER_THRESHOLD, options)
  if (!workers) throw new Error('no signing workers started')
  started.push(workers)
  return workers
}

const digest = (i: number): Buffer => createHash('sha256').update(`package ${i}`).digest()

describe.each(['rsa', 'ecc'] as const)('signing workers, %s key', (type) => {
  it('sign every digest as the main thread does, byte for byte', async () => {
    const key = await generateTestKey(type)
    const keys = await loadSigningKeys(key.armoredPrivate)
    expect(keys.fast).toHaveLength(1)
    const workers = await workersFor(keys, { workers: 2 })
    expect(workers.count).toBe(2)
    const digests = Array.from({ length: 8 }, (_, i) => digest(i))
    const inWorkers = await Promise.all(digests.map((d) => workers.keys.workerSigners![0].sign(d)))
    const here = digests.map((d) => keys.fast![0].signer.sign(d))
    expect(inWorkers.map((mpis) => mpis.map((m) => Buffer.from(m).toString('hex')))).toEqual(
      here.map((mpis) => mpis.map((m) => Buffer.from(m).toString('hex')))
    )
  })

  it('make detached signatures openpgp.js verifies', async () => {
    const key = await generateTestKey(type)
    const workers = await workersFor(await loadSigningKeys(key.armoredPrivate))
    const data = randomBytes(4096)
    const armored = await detachSign(data, workers.keys)
    const result = await openpgp.verify({
      message: await openpgp.createMessage({ binary: data }),
      signature: await openpgp.readSignature({ armoredSignature: armored }),
      verificationKeys: await openpgp.readKey({ armoredKey: key.armoredPublic }),
      expectSigned: true
    })
    expect(result.signatures).toHaveLength(1)
  })
})

describe('signing workers, two keys (a key rotation)', () => {
  it('sign with each key: a signature packet per key, each verified', async () => {
    const [rsa, ecc] = [await generateTestKey('rsa'), await generateTestKey('ecc')]
    const keys = await loadSigningKeys(`${rsa.armoredPrivate}\n${ecc.armoredPrivate}`)
    const workers = await workersFor(keys, { workers: 2 })
    const data = randomBytes(1000)
    const result = await openpgp.verify({
      message: await openpgp.createMessage({ binary: data }),
      signature: await openpgp.readSignature({
        armoredSignature: await detachSign(data, workers.keys)
      }),
      verificationKeys: await Promise.all(
        [rsa, ecc].map((k) => openpgp.readKey({ armoredKey: k.armoredPublic }))
      )
    })
    const verified = await Promise.all(
      result.signatures.map((s) => s.verified.then(() => s.keyID.toHex().toUpperCase()))
    )
    expect(verified).toEqual(
      keys.fast!.map((k) => Buffer.from(k.signer.keyId).toString('hex').toUpperCase())
    )
  })
})

describe('startSigningWorkers', () => {
  it('starts none for fewer signatures than the threshold, or on one core', async () => {
    const keys = await loadSigningKeys((await generateTestKey('ecc')).armoredPrivate)
    expect(await startSigningWorkers(keys, WORKER_THRESHOLD - 1)).toBeUndefined()
    expect(await startSigningWorkers(keys, 100_000, { workers: 0 })).toBeUndefined()
  })

  it('starts none for keys only openpgp.js signs with (they stay on the main thread)', async () => {
    const { privateKey } = await openpgp.generateKey({
      type: 'curve25519',
      userIDs: [{ name: 'v6 test' }],
      config: { v6Keys: true },
      format: 'armored'
    })
    const keys = await loadSigningKeys(privateKey)
    expect(keys.fast).toBeUndefined()
    expect(await startSigningWorkers(keys, 100_000)).toBeUndefined()
    // ...and they still sign, there.
    expect(await detachSign('data', keys)).toMatch(/^-----BEGIN PGP SIGNATURE-----/)
  })

  it('fails what waits on a worker that dies, and every signature after, naming no key', async () => {
    const key = await generateTestKey('rsa')
    const keys = await loadSigningKeys(key.armoredPrivate)
    const workers = await workersFor(keys, {
      workers: 1,
      file: new URL('./support/dying-sign-worker.mjs', import.meta.url)
    })
    const signer = workers.keys.workerSigners![0]
    const waiting = [0, 1, 2].map((i) => Promise.resolve(signer.sign(digest(i))))
    const stopped = 'a signing worker stopped (exit code 7) before the publish ended'
    for (const w of waiting) await expect(w).rejects.toThrow(stopped)
    await expect(Promise.resolve(signer.sign(digest(3)))).rejects.toThrow(stopped)
    // The same failure through a whole detached signature.
    const failure = await detachSign('data', workers.keys).catch((e: Error) => e.message)
    expect(failure).toBe(stopped)
  })

  it('answers a request it cannot sign with an error, and goes on signing', async () => {
    const keys = await loadSigningKeys((await generateTestKey('ecc')).armoredPrivate)
    const signer = (await workersFor(keys, { workers: 1 })).keys.workerSigners![0]
    await expect(Promise.resolve(signer.sign(new Uint8Array(20)))).rejects.toThrow(
      'signing worker: expected a SHA-256 digest, got 20 bytes'
    )
    expect(await signer.sign(digest(0))).toHaveLength(2)
  })

  it('fails signatures asked after close', async () => {
    const keys = await loadSigningKeys((await generateTestKey('ecc')).armoredPrivate)
    const workers = await startSigningWorkers(keys, WORKER_THRESHOLD, { workers: 1 })
    await workers!.close()
    await expect(Promise.resolve(workers!.keys.workerSigners![0].sign(digest(0)))).rejects.toThrow(
      'the signing workers were stopped'
    )
  })
})
