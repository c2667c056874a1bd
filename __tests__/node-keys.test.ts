import { describe, expect, it } from '@jest/globals'
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  sign,
  verify,
  type JsonWebKey
} from 'node:crypto'
import { readFileSync } from 'node:fs'
import * as openpgp from 'openpgp'
import { digestSigner, rsaJwk, type KeyMaterial } from '../src/sign/node-keys.js'
import { newKeyPair } from '../src/sign/key-pair.js'

/**
 * The key conversion checked against node:crypto's own verifiers: a signature over the digest
 * must be exactly the standard signature over the message (RSA: the digest is not hashed twice;
 * Ed25519 legacy: the digest is the message).
 */
async function signingPacket(
  options: Omit<Parameters<typeof openpgp.generateKey>[0], 'userIDs' | 'format'>
): Promise<KeyMaterial> {
  const { privateKey } = await openpgp.generateKey({
    ...options,
    userIDs: [{ name: 'node-keys test' }],
    format: 'object'
  })
  return (await privateKey.getSigningKey()).keyPacket as unknown as KeyMaterial
}

function bytesOf(params: object, name: string): Uint8Array {
  return (params as Record<string, Uint8Array>)[name]
}

/**
 * digestSigner reads openpgp.js's internal key fields (publicParams, privateParams, oid): only the
 * exact version package.json names is known to keep them where this module looks. The cases
 * below generate keys with the installed openpgp.js and fail when the fast path is lost, so an
 * update that moves those fields fails here rather than silently signing through the slow path.
 */
describe('openpgp.js, whose internals the fast path reads', () => {
  it('is pinned to one exact version, the one installed', () => {
    const pinned = (
      JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }
    ).dependencies.openpgp
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/)
    const installed = (
      JSON.parse(readFileSync('node_modules/openpgp/package.json', 'utf8')) as { version: string }
    ).version
    expect(installed).toBe(pinned)
  })
})

describe('rsaJwk', () => {
  it('derives the CRT values OpenSSL itself exports for the same key', () => {
    for (const modulusLength of [2048, 3072]) {
      const jwk = newKeyPair({ type: 'rsa', modulusLength }).privateKey.export({ format: 'jwk' })
      const int = (b64?: string) => Buffer.from(b64 ?? '', 'base64url')
      expect(rsaJwk(int(jwk.n), int(jwk.e), int(jwk.d), int(jwk.p), int(jwk.q))).toEqual({
        kty: 'RSA',
        n: jwk.n,
        e: jwk.e,
        d: jwk.d,
        p: jwk.p,
        q: jwk.q,
        dp: jwk.dp,
        dq: jwk.dq,
        qi: jwk.qi
      })
    }
  })

  it("takes OpenPGP's u (p⁻¹ mod q) as the JWK's qi, the primes swapped, and derives qi when u is wrong", () => {
    const jwk = newKeyPair({ type: 'rsa', modulusLength: 2048 }).privateKey.export({
      format: 'jwk'
    })
    const int = (b64?: string) => Buffer.from(b64 ?? '', 'base64url')
    // OpenPGP's p and q are OpenSSL's q and p here, so that its u is OpenSSL's qi.
    const [n, e, d, p, q, u] = [jwk.n, jwk.e, jwk.d, jwk.q, jwk.p, jwk.qi].map(int)
    expect(rsaJwk(n, e, d, p, q, u)).toEqual(jwk)
    const derived = rsaJwk(n, e, d, p, q)
    expect(derived.p).toBe(jwk.q)
    for (const wrong of [Buffer.from([2]), Buffer.concat([Buffer.from([1]), u]), Buffer.alloc(0)])
      expect(rsaJwk(n, e, d, p, q, wrong)).toEqual(derived)
    // Either way, OpenSSL signs with it as with its own key.
    const message = randomBytes(100)
    const expected = sign('sha256', message, createPrivateKey({ format: 'jwk', key: jwk }))
    for (const key of [rsaJwk(n, e, d, p, q, u), derived])
      expect(sign('sha256', message, createPrivateKey({ format: 'jwk', key }))).toEqual(expected)
  })
})

describe('digestSigner', () => {
  it('signs an RSA digest as PKCS#1 v1.5 over SHA-256 of the message', async () => {
    const packet = await signingPacket({ type: 'rsa', rsaBits: 2048 })
    const signer = digestSigner(packet)
    expect(signer).toBeDefined()
    expect(signer?.algorithm).toBe(openpgp.enums.publicKey.rsaEncryptSign)
    // A v4 key id is the low 64 bits of the fingerprint.
    expect(Buffer.from(signer!.fingerprint).toString('hex')).toMatch(
      new RegExp(`^[0-9a-f]{24}${packet.getKeyID().toHex()}$`)
    )
    expect(Buffer.from(signer!.keyId).toString('hex')).toBe(packet.getKeyID().toHex())
    const message = randomBytes(1000)
    const [s] = signer!.sign(createHash('sha256').update(message).digest())
    const publicKey = createPublicKey({
      format: 'jwk',
      key: {
        kty: 'RSA',
        n: Buffer.from(bytesOf(packet.publicParams, 'n')).toString('base64url'),
        e: Buffer.from(bytesOf(packet.publicParams, 'e')).toString('base64url')
      }
    })
    expect(verify('sha256', message, publicKey, s)).toBe(true)
    expect(verify('sha256', randomBytes(1000), publicKey, s)).toBe(false)
  })

  it('signs a legacy Ed25519 digest as the Ed25519 message, split into r and s', async () => {
    const packet = await signingPacket({ type: 'ecc', curve: 'ed25519Legacy' })
    const signer = digestSigner(packet)
    expect(signer?.algorithm).toBe(openpgp.enums.publicKey.eddsaLegacy)
    const digest = createHash('sha256').update('Release').digest()
    const [r, s] = signer!.sign(digest)
    expect([r.length, s.length]).toEqual([32, 32])
    const publicKey = createPublicKey({
      format: 'jwk',
      key: {
        kty: 'OKP',
        crv: 'Ed25519',
        x: Buffer.from(bytesOf(packet.publicParams, 'Q').subarray(1)).toString('base64url')
      }
    })
    expect(verify(null, digest, publicKey, Buffer.concat([r, s]))).toBe(true)
  })

  it('keeps the leading zero bytes of an Ed25519 seed or public key (1 key in 128 has one)', async () => {
    const packet = await signingPacket({ type: 'ecc', curve: 'ed25519Legacy' })
    for (const part of ['d', 'x'] as const) {
      // A node key whose seed (d) or public key (x) starts with 0x00, put into the packet.
      let jwk: JsonWebKey
      do jwk = newKeyPair({ type: 'ed25519' }).privateKey.export({ format: 'jwk' })
      while (Buffer.from(jwk[part]!, 'base64url')[0] !== 0)
      const x = Buffer.from(jwk.x!, 'base64url')
      const withZero: KeyMaterial = {
        ...packet,
        getFingerprintBytes: () => packet.getFingerprintBytes(),
        getKeyID: () => packet.getKeyID(),
        publicParams: { ...packet.publicParams, Q: Buffer.concat([Buffer.from([0x40]), x]) },
        privateParams: { seed: Buffer.from(jwk.d!, 'base64url') }
      }
      const digest = createHash('sha256').update(`leading zero in ${part}`).digest()
      const [r, s] = digestSigner(withZero)!.sign(digest)
      const publicKey = createPublicKey({
        format: 'jwk',
        key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }
      })
      expect(verify(null, digest, publicKey, Buffer.concat([r, s]))).toBe(true)
    }
  })

  it('leaves ECDSA and RFC 9580 Ed25519 keys to openpgp.js', async () => {
    expect(digestSigner(await signingPacket({ type: 'ecc', curve: 'nistP256' }))).toBeUndefined()
    expect(digestSigner(await signingPacket({ type: 'curve25519' }))).toBeUndefined()
  })

  it('leaves a key without secret material alone', async () => {
    const packet = await signingPacket({ type: 'ecc', curve: 'ed25519Legacy' })
    const locked = Object.assign(Object.create(Object.getPrototypeOf(packet)), packet, {
      privateParams: null
    }) as KeyMaterial
    expect(digestSigner(locked)).toBeUndefined()
  })
})
