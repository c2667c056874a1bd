import {
  constants,
  createPrivateKey,
  privateEncrypt,
  sign,
  type JsonWebKey,
  type KeyObject
} from 'node:crypto'

/**
 * Signing a digest with node:crypto, using the key material openpgp.js has already read and
 * decrypted: node's OpenSSL does the private-key operation, so nothing but the digest has to
 * be in memory (see `stream-signature.ts` for why).
 */

/** RFC 4880 §9.1 public-key algorithm ids. */
const RSA_ENCRYPT_SIGN = 1
const RSA_SIGN = 3
const EDDSA_LEGACY = 22

/**
 * The parts of an openpgp.js secret (sub)key packet this module reads. `publicParams` and
 * `privateParams` hold big-endian integers as Uint8Array (RSA: n, e / d, p, q, u; EdDSA legacy:
 * oid, Q / seed).
 */
export interface KeyMaterial {
  version: number
  algorithm: number
  publicParams: object
  privateParams: object | null
  getFingerprintBytes(): Uint8Array | null
  getKeyID(): { toHex(): string }
}

export interface DigestSigner {
  algorithm: number
  /** 20 bytes (v4). */
  fingerprint: Uint8Array
  /** 8 bytes. */
  keyId: Uint8Array
  /** Signs a SHA-256 digest; returns the signature as the integers the packet carries. */
  sign(digest: Uint8Array): Uint8Array[]
  /**
   * The node key `sign` uses (RSA or Ed25519), for the signing workers of a bulk publish
   * (`sign-workers.ts`): a KeyObject is handed to a worker thread as it is, never written out.
   */
  privateKey: KeyObject
}

/**
 * A node:crypto signer for a v4 RSA or legacy Ed25519 key, or undefined for anything else
 * (ECDSA, RFC 9580 Ed25519/Ed448, v6 keys), which the caller leaves to openpgp.js.
 */
export function digestSigner(key: KeyMaterial): DigestSigner | undefined {
  if (key.version !== 4 || key.privateParams === null) return undefined
  const fingerprint = key.getFingerprintBytes()
  if (fingerprint?.length !== 20) return undefined
  const keyId = Buffer.from(key.getKeyID().toHex(), 'hex')
  const pub = key.publicParams as Record<string, unknown>
  const priv = key.privateParams as Record<string, unknown>
  if (key.algorithm === RSA_ENCRYPT_SIGN || key.algorithm === RSA_SIGN) {
    const [n, e, d, p, q, u] = [pub.n, pub.e, priv.d, priv.p, priv.q, priv.u].map(bytes)
    if (!n || !e || !d || !p || !q) return undefined
    const rsa = createPrivateKey({ format: 'jwk', key: rsaJwk(n, e, d, p, q, u) })
    return {
      algorithm: key.algorithm,
      fingerprint,
      keyId,
      sign: (digest) => [rsaSign(rsa, digest)],
      privateKey: rsa
    }
  }
  if (key.algorithm === EDDSA_LEGACY) {
    const [Q, seed] = [pub.Q, priv.seed].map(bytes)
    if (curveName(pub.oid) !== 'ed25519Legacy' || !Q || !seed) return undefined
    // Q is the point with its 0x40 "native encoding" prefix (RFC 4880bis §13.2).
    if (Q.length !== 33 || Q[0] !== 0x40 || seed.length !== 32) return undefined
    const ed = ed25519Key(Q.subarray(1), seed)
    return {
      algorithm: key.algorithm,
      fingerprint,
      keyId,
      sign: (digest) => ed25519Sign(ed, digest),
      privateKey: ed
    }
  }
  return undefined
}

function bytes(value: unknown): Uint8Array | undefined {
  return value instanceof Uint8Array ? value : undefined
}

function curveName(oid: unknown): string | undefined {
  const named = oid as { getName?: () => string } | undefined
  return typeof named?.getName === 'function' ? named.getName() : undefined
}

/**
 * OpenPGP stores n, e, d, p, q and u = p⁻¹ mod q; a JWK wants the CRT values OpenSSL uses,
 * with qi = q⁻¹ mod p (the other way round). Given `u`, p and q are swapped in the JWK, which
 * makes its qi exactly u (OpenSSL takes the primes in either order), once u is checked to be
 * p's inverse: a 1024-bit modular inverse in BigInt arithmetic costs more than the RSA signature
 * itself in a process that signs three times. Without u, or with a wrong one, qi is derived.
 * (OpenSSL checks each CRT result and silently falls back to d alone when the values are wrong,
 * so a mistake here would not show as a bad signature: the unit test compares with a JWK that
 * OpenSSL itself exports.)
 */
export function rsaJwk(
  n: Uint8Array,
  e: Uint8Array,
  d: Uint8Array,
  p: Uint8Array,
  q: Uint8Array,
  u?: Uint8Array
): JsonWebKey {
  const [D, P, Q] = [d, p, q].map(toBigInt)
  // The JWK of the primes taken in the order (a, b), whose qi is b⁻¹ mod a.
  const jwk = (a: Uint8Array, A: bigint, b: Uint8Array, B: bigint, qi: Uint8Array) => ({
    kty: 'RSA',
    n: b64url(n),
    e: b64url(e),
    d: b64url(d),
    p: b64url(a),
    q: b64url(b),
    dp: b64url(fromBigInt(D % (A - 1n))),
    dq: b64url(fromBigInt(D % (B - 1n))),
    qi: b64url(qi)
  })
  const U = u && toBigInt(u)
  if (u && U && U < Q && (U * P) % Q === 1n) return jwk(q, Q, p, P, u)
  return jwk(p, P, q, Q, fromBigInt(modInverse(Q, P)))
}

/** DER of DigestInfo for SHA-256 up to the digest (RFC 8017 §9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex')

/**
 * EMSA-PKCS1-v1_5 over a digest that is already computed: `crypto.sign` would hash it again,
 * so the DigestInfo is built here and OpenSSL pads it (block type 1) and applies d.
 */
function rsaSign(key: KeyObject, digest: Uint8Array): Uint8Array {
  if (digest.length !== 32) throw new Error(`expected a SHA-256 digest, got ${digest.length} bytes`)
  return privateEncrypt(
    { key, padding: constants.RSA_PKCS1_PADDING },
    Buffer.concat([SHA256_DIGEST_INFO, digest])
  )
}

function ed25519Key(publicPoint: Uint8Array, seed: Uint8Array): KeyObject {
  return createPrivateKey({
    format: 'jwk',
    // Fixed-size octet strings, leading zero bytes included (unlike RSA's integers).
    key: {
      kty: 'OKP',
      crv: 'Ed25519',
      d: Buffer.from(seed).toString('base64url'),
      x: Buffer.from(publicPoint).toString('base64url')
    }
  })
}

/**
 * Legacy EdDSA in OpenPGP signs the digest itself as the Ed25519 message, and writes the 64-byte
 * signature as two MPIs, r and s.
 */
function ed25519Sign(key: KeyObject, digest: Uint8Array): Uint8Array[] {
  const signature = sign(null, digest, key)
  return [signature.subarray(0, 32), signature.subarray(32)]
}

/** An RSA integer as JWK's Base64urlUInt: big-endian without leading zero bytes. */
function b64url(bytes: Uint8Array): string {
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0) start++
  return Buffer.from(bytes.subarray(start)).toString('base64url')
}

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt('0x' + Buffer.from(bytes).toString('hex'))
}

function fromBigInt(n: bigint): Uint8Array {
  const hex = n.toString(16)
  return Buffer.from(hex.length % 2 ? '0' + hex : hex, 'hex')
}

/** a⁻¹ mod m by the extended Euclidean algorithm (m prime here, so the inverse exists). */
function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m]
  let [oldS, s] = [1n, 0n]
  while (r !== 0n) {
    const quotient = oldR / r
    ;[oldR, r] = [r, oldR - quotient * r]
    ;[oldS, s] = [s, oldS - quotient * s]
  }
  if (oldR !== 1n) throw new Error('RSA key: q has no inverse modulo p')
  return ((oldS % m) + m) % m
}
