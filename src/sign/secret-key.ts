import { createDecipheriv, createHash, createPrivateKey, createPublicKey } from 'node:crypto'
import { digestSigner, type DigestSigner } from './node-keys.js'
import {
  armor,
  checkKey,
  publicKey,
  readMpi,
  left,
  Unsupported,
  type CheckedKey,
  type Packet
} from './pgp-packets.js'

/**
 * Reading a v4 secret key with node:crypto (see `pgp-packets.ts` for why not openpgp.js): RSA or
 * legacy Ed25519, unprotected or protected as gpg and openpgp.js protect keys (S2K usage 254 or
 * 255, simple, salted or iterated-and-salted S2K, AES-128/192/256 in CFB mode). Anything else,
 * a wrong passphrase included, is Unsupported: the caller then reads the key with openpgp.js,
 * which gives today's error messages.
 */

export interface FastKey extends CheckedKey {
  /** Upper-case hex. */
  fingerprint: string
  publicArmored: string
  signer: DigestSigner
}

const AES_KEY_BYTES: Record<number, number> = { 7: 16, 8: 24, 9: 32 }
const S2K_HASHES: Record<number, string> = {
  2: 'sha1',
  8: 'sha256',
  9: 'sha384',
  10: 'sha512',
  11: 'sha224'
}

/** One armoured private key block's packets, read and unlocked; throws Unsupported otherwise. */
export function readSecretKey(list: Packet[], passphrase: string, now: number): FastKey {
  const checked = checkKey(list, now)
  if (list[0].tag !== 5) throw new Unsupported('not a secret key')
  const body = list[0].body
  const { key, end } = publicKey(body)
  const secret = unlock(body.subarray(end), passphrase)
  let at = 0
  const next = (): Buffer => {
    const [value, after] = readMpi(secret, at)
    at = after
    return value
  }
  let privateParams: Record<string, Uint8Array>
  if (key.rsa) {
    const [d, p, q, u] = [next(), next(), next(), next()]
    // A wrong passphrase passes a 16-bit checksum once in 65536 tries: check the key itself.
    if (toBig(p) * toBig(q) !== toBig(key.rsa.n)) throw new Unsupported('inconsistent RSA key')
    privateParams = { d, p, q, u }
  } else {
    const seed = left(next(), 32)
    if (!seed || !ed25519Matches(seed, key.ed25519!))
      throw new Unsupported('inconsistent Ed25519 key')
    privateParams = { seed }
  }
  const signer = digestSigner({
    version: 4,
    algorithm: key.algorithm,
    publicParams: key.rsa
      ? { n: key.rsa.n, e: key.rsa.e }
      : {
          oid: { getName: () => 'ed25519Legacy' },
          Q: Buffer.concat([Buffer.of(0x40), key.ed25519!])
        },
    privateParams,
    getFingerprintBytes: () => key.fingerprint,
    getKeyID: () => ({ toHex: () => key.keyId.toString('hex') })
  })
  if (!signer) throw new Unsupported('no node:crypto signer')
  return {
    ...checked,
    fingerprint: key.fingerprint.toString('hex').toUpperCase(),
    publicArmored: armor('PUBLIC KEY BLOCK', checked.publicPackets),
    signer
  }
}

/** The secret MPIs of a key packet's secret part, decrypted and their checksum checked. */
function unlock(part: Buffer, passphrase: string): Buffer {
  const usage = part[0]
  if (usage === 0) {
    const mpis = part.subarray(1, part.length - 2)
    if (sum16(mpis) !== part.readUInt16BE(part.length - 2)) throw new Unsupported('checksum')
    return mpis
  }
  if (usage !== 254 && usage !== 255) throw new Unsupported(`S2K usage ${usage}`)
  if (passphrase === '') throw new Unsupported('protected')
  const keyBytes = AES_KEY_BYTES[part[1]]
  const [type, hashId] = [part[2], part[3]]
  const hash = S2K_HASHES[hashId]
  if (!keyBytes || !hash || (type !== 0 && type !== 1 && type !== 3))
    throw new Unsupported('cipher or S2K')
  let at = 4
  const salt = type === 0 ? Buffer.alloc(0) : part.subarray(at, (at += 8))
  const count = type === 3 ? part[at++] : 0
  const iv = part.subarray(at, at + 16)
  const data = Buffer.concat([salt, Buffer.from(passphrase, 'utf8')])
  const total =
    type === 3 ? Math.max((16 + (count & 15)) << ((count >> 4) + 6), data.length) : data.length
  const key = s2k(hash, data, total, keyBytes)
  const decipher = createDecipheriv(`aes-${keyBytes * 8}-cfb`, key, iv)
  const plain = Buffer.concat([decipher.update(part.subarray(at + 16)), decipher.final()])
  if (usage === 254) {
    const mpis = plain.subarray(0, plain.length - 20)
    if (
      !createHash('sha1')
        .update(mpis)
        .digest()
        .equals(plain.subarray(plain.length - 20))
    )
      throw new Unsupported('passphrase')
    return mpis
  }
  const mpis = plain.subarray(0, plain.length - 2)
  if (sum16(mpis) !== plain.readUInt16BE(plain.length - 2)) throw new Unsupported('passphrase')
  return mpis
}

/** True when no key of `keys` has expired at `at` (seconds): the fast path may sign with them. */
export function validAt(keys: FastKey[], at: number): boolean {
  return keys.every((k) => k.expires === undefined || k.expires > at)
}

/** RFC 4880 §3.7.1: `total` bytes of `data` repeated, per hash context, preloaded with i zeros. */
function s2k(hash: string, data: Buffer, total: number, keyBytes: number): Buffer {
  const copies = Math.max(1, Math.floor(65536 / Math.max(1, data.length)))
  const block = Buffer.concat(Array<Buffer>(copies).fill(data))
  const out: Buffer[] = []
  for (let i = 0, made = 0; made < keyBytes; i++) {
    const h = createHash(hash).update(Buffer.alloc(i))
    let rest = total
    for (; rest >= block.length; rest -= block.length) h.update(block)
    const digest = h.update(block.subarray(0, rest)).digest()
    out.push(digest)
    made += digest.length
  }
  return Buffer.concat(out).subarray(0, keyBytes)
}

/** An indexed loop: it runs once per process, unoptimised, where `for...of` is twice as slow. */
function sum16(bytes: Buffer): number {
  let sum = 0
  for (let i = 0, n = bytes.length; i < n; i++) sum += bytes[i]
  return sum & 0xffff
}

function toBig(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt('0x' + Buffer.from(bytes).toString('hex'))
}

/** PKCS#8 DER of an Ed25519 private key up to its 32-byte seed (RFC 8410). */
const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex')

function ed25519Matches(seed: Buffer, point: Buffer): boolean {
  const priv = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8, seed]),
    format: 'der',
    type: 'pkcs8'
  })
  return createPublicKey(priv).export({ format: 'jwk' }).x === point.toString('base64url')
}
