import {
  createHash,
  createPublicKey,
  publicDecrypt,
  constants,
  verify,
  type KeyObject
} from 'node:crypto'

/**
 * The few OpenPGP v4 structures a small publish reads, by hand with node:crypto: armour, packet
 * framing, public key packets and their self-signatures, and checking a signature over a digest.
 *
 * Why by hand: loading openpgp.js costs about 40 ms of CPU per process (1.1 MB of code, and AES
 * and curve tables built when it is imported), a sixth of adding one .deb to a small repository,
 * while every key a release job really uses (gpg's RSA and legacy Ed25519 keys) needs only what
 * is here. Anything else (v5/v6 keys, other algorithms, signing subkeys, revocations, expiry,
 * several user ids, unknown critical subpackets) is not decided here: the caller gets undefined
 * and asks openpgp.js, which gives today's answers and error messages.
 */

export const TAG = {
  signature: 2,
  secretKey: 5,
  publicKey: 6,
  secretSubkey: 7,
  userId: 13,
  publicSubkey: 14
} as const

export const ALGO = { rsa: 1, rsaSign: 3, eddsaLegacy: 22 } as const

/** OID of Ed25519 in legacy EdDSA keys (1.3.6.1.4.1.11591.15.1). */
const ED25519_OID = Buffer.from('2b06010401da470f01', 'hex')

/** Hash ids (RFC 4880 §9.4) a signature checked here may use, with node's names. */
const HASHES: Record<number, string> = { 8: 'sha256', 9: 'sha384', 10: 'sha512', 11: 'sha224' }

/** DER of DigestInfo up to the digest (RFC 8017 §9.2, note 1), per hash. */
const DIGEST_INFO: Record<string, string> = {
  sha224: '302d300d06096086480165030402040500041c',
  sha256: '3031300d060960864801650304020105000420',
  sha384: '3041300d060960864801650304020205000430',
  sha512: '3051300d060960864801650304020305000440'
}

export class Unsupported extends Error {}

export interface Packet {
  tag: number
  body: Buffer
}

/** The bytes of every armoured block of `kind` in `text`; undefined if one is malformed. */
export function dearmor(text: string, kind: string): Buffer[] | undefined {
  const re = new RegExp(
    `-----BEGIN PGP ${kind}-----\\r?\\n([\\s\\S]*?)-----END PGP ${kind}-----`,
    'g'
  )
  const out: Buffer[] = []
  for (const m of text.matchAll(re)) {
    const known = armoured.get(m[0])
    if (known) {
      out.push(Buffer.from(known))
      continue
    }
    const lines = m[1].split(/\r?\n/)
    const blank = lines.findIndex((l) => l.trim() === '')
    if (blank < 0) return undefined
    const body = lines.slice(blank + 1).filter((l) => l.trim() !== '' && !l.startsWith('='))
    const crc = lines.find((l) => /^=[A-Za-z0-9+/]{4}$/.test(l.trim()))
    const encoded = body.join('').replace(/\s/g, '')
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded)) return undefined
    const bytes = Buffer.from(encoded, 'base64')
    if (crc && crc.trim().slice(1) !== crc24(bytes)) return undefined
    out.push(bytes)
  }
  return out
}

/**
 * The last few blocks `armor` wrote (each from its BEGIN line to its END line) and their bytes.
 * A run reads back what it has just armoured (the public key it compares with the published one,
 * the signatures the verify stage checks): the very same text decodes to the very same bytes and
 * CRC, so `dearmor` takes them from here instead of decoding and summing them again. A text that
 * differs in any character is decoded and checked in full. Bounded: a bulk publish armours a
 * signature per package.
 */
const armoured = new Map<string, Buffer>()
const ARMOURED_KEPT = 16

/** The packets of the one armoured block of `kind` in `text`; Unsupported unless there is exactly one, readable. */
export function armoredPackets(text: string, kind: string): Packet[] {
  const blocks = dearmor(text, kind)
  if (blocks?.length !== 1) throw new Unsupported(`not one readable ${kind}`)
  return packets(blocks[0])
}

/**
 * Armour as openpgp.js writes it (no header line, 60-character lines, a CRC24 line, which also
 * works around GnuPG failing on base64 that ends without padding, https://dev.gnupg.org/T7071).
 */
export function armor(kind: string, bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes).toString('base64')
  const lines: string[] = []
  for (let i = 0; i < b64.length; i += 60) lines.push(b64.slice(i, i + 60))
  const block =
    `-----BEGIN PGP ${kind}-----\n\n${lines.join('\n')}\n` +
    `=${crc24(bytes)}\n-----END PGP ${kind}-----`
  if (armoured.size >= ARMOURED_KEPT) armoured.delete(armoured.keys().next().value!)
  armoured.set(block, Buffer.from(bytes))
  return `${block}\n`
}

/**
 * RFC 4880 §6.1's CRC-24, four bytes at a time from four tables ("slicing by 4"). A run sums a
 * few kilobytes (its key, a public key, a few signatures): a byte-at-a-time loop over them was
 * hot enough for V8 to compile it with TurboFan, about 5 ms of CPU on a compiler thread, four
 * times what the sums themselves cost; a quarter of the iterations stays under that threshold.
 * The register is kept under 2^24, a small integer rather than a heap number.
 */
function crc24(bytes: Uint8Array): string {
  const t = (crcTables ??= crc24Tables())
  const n = bytes.length
  const whole = n - (n & 3)
  let crc = 0xb704ce
  let i = 0
  for (; i < whole; i += 4) {
    // The next three bytes meet the register's three; the fourth is shifted in after them.
    crc =
      t[768 + ((crc >> 16) ^ bytes[i])] ^
      t[512 + (((crc >> 8) & 0xff) ^ bytes[i + 1])] ^
      t[256 + ((crc & 0xff) ^ bytes[i + 2])] ^
      t[bytes[i + 3]]
  }
  for (; i < n; i++) crc = ((crc & 0xffff) << 8) ^ t[(crc >> 16) ^ bytes[i]]
  return Buffer.from([crc >> 16, (crc >> 8) & 0xff, crc & 0xff]).toString('base64')
}

let crcTables: Int32Array | undefined
/**
 * Four tables of 256: at 256·k + b, the CRC of byte b followed by k zero bytes. The first is
 * made from its eight single-bit entries (the CRC is linear), each next one from the one before.
 */
function crc24Tables(): Int32Array {
  const t = new Int32Array(1024)
  let crc = 0x864cfb // the generator without its x^24 term: the CRC of byte 0x01
  for (let bit = 1; bit < 256; bit <<= 1) {
    t[bit] = crc
    crc = crc & 0x800000 ? ((crc << 1) ^ 0x1864cfb) & 0xffffff : crc << 1
  }
  for (let b = 1; b < 256; b++) t[b] = t[b & -b] ^ t[b & (b - 1)]
  for (let i = 256; i < 1024; i++) {
    const before = t[i - 256]
    t[i] = ((before & 0xffff) << 8) ^ t[before >> 16]
  }
  return t
}

/** Splits a packet sequence (old and new framing; partial lengths are not used by keys). */
export function packets(bytes: Buffer): Packet[] {
  const out: Packet[] = []
  let at = 0
  while (at < bytes.length) {
    const first = bytes[at++]
    if (!(first & 0x80)) throw new Unsupported('not an OpenPGP packet')
    let tag: number
    let length: number
    if (first & 0x40) {
      tag = first & 0x3f
      const b0 = bytes[at++]
      if (b0 < 192) length = b0
      else if (b0 < 224) length = ((b0 - 192) << 8) + bytes[at++] + 192
      else if (b0 === 255) {
        length = bytes.readUInt32BE(at)
        at += 4
      } else throw new Unsupported('partial packet length')
    } else {
      tag = (first >> 2) & 0x0f
      const type = first & 3
      if (type === 3) throw new Unsupported('indeterminate packet length')
      const size = 1 << type
      length = bytes.readUIntBE(at, size)
      at += size
    }
    if (at + length > bytes.length) throw new Unsupported('truncated packet')
    out.push({ tag, body: bytes.subarray(at, at + length) })
    at += length
  }
  return out
}

/** A new-format packet header, as openpgp.js writes packets. */
export function packetHeader(tag: number, length: number): Buffer {
  const first = 0xc0 | tag
  if (length < 192) return Buffer.from([first, length])
  if (length < 8384) return Buffer.from([first, ((length - 192) >> 8) + 192, (length - 192) & 0xff])
  const out = Buffer.from([first, 0xff, 0, 0, 0, 0])
  out.writeUInt32BE(length, 2)
  return out
}

/** Reads an MPI at `at`: its big-endian bytes and where the next field starts. */
export function readMpi(body: Buffer, at: number): [Buffer, number] {
  if (at + 2 > body.length) throw new Unsupported('truncated key material')
  const bytes = (body.readUInt16BE(at) + 7) >> 3
  if (at + 2 + bytes > body.length) throw new Unsupported('truncated key material')
  return [body.subarray(at + 2, at + 2 + bytes), at + 2 + bytes]
}

/** A v4 public key (or the public part of a secret key packet). */
export interface PublicKey {
  algorithm: number
  created: number
  /** The public part of the packet: what the fingerprint hashes. */
  body: Buffer
  fingerprint: Buffer
  keyId: Buffer
  /** RSA: n, e; EdDSA legacy: the 32-byte point. Undefined for algorithms not signed with here. */
  rsa?: { n: Buffer; e: Buffer }
  ed25519?: Buffer
}

/** Parses the public part of a key packet; `end` is where the secret part (if any) starts. */
export function publicKey(packet: Buffer): { key: PublicKey; end: number } {
  if (packet[0] !== 4) throw new Unsupported(`a v${packet[0]} key`)
  const created = packet.readUInt32BE(1)
  const algorithm = packet[5]
  let at = 6
  const mpis = (n: number): Buffer[] => {
    const out: Buffer[] = []
    for (let i = 0; i < n; i++) {
      const [value, next] = readMpi(packet, at)
      out.push(value)
      at = next
    }
    return out
  }
  const oid = (): Buffer => {
    const length = packet[at]
    const value = packet.subarray(at + 1, at + 1 + length)
    at += 1 + length
    return value
  }
  let rsa: PublicKey['rsa']
  let ed25519: Buffer | undefined
  if (algorithm === 1 || algorithm === 2 || algorithm === 3) {
    const [n, e] = mpis(2)
    rsa = { n, e }
  } else if (algorithm === 16) mpis(3)
  else if (algorithm === 17) mpis(4)
  else if (algorithm === 18) {
    oid()
    mpis(1)
    at += 1 + packet[at] // KDF parameters
  } else if (algorithm === 19) {
    oid()
    mpis(1)
  } else if (algorithm === 22) {
    const curve = oid()
    const [q] = mpis(1)
    if (curve.equals(ED25519_OID) && q.length === 33 && q[0] === 0x40) ed25519 = q.subarray(1)
  } else if (algorithm === 25 || algorithm === 27) at += 32
  else if (algorithm === 26) at += 56
  else if (algorithm === 28) at += 57
  else throw new Unsupported(`public-key algorithm ${algorithm}`)
  if (at > packet.length) throw new Unsupported('truncated key packet')
  const body = packet.subarray(0, at)
  const fingerprint = createHash('sha1')
    .update(framed(0x99, 2, body))
    .digest()
  const key = {
    algorithm,
    created,
    body,
    fingerprint,
    keyId: fingerprint.subarray(12),
    rsa,
    ed25519
  }
  return { key, end: at }
}

/** `prefix || length || body`, the framing key and user id packets are hashed with. */
function framed(prefix: number, lengthBytes: number, body: Buffer): Buffer {
  const head = Buffer.alloc(1 + lengthBytes)
  head[0] = prefix
  head.writeUIntBE(body.length, 1, lengthBytes)
  return Buffer.concat([head, body])
}

export interface Signature {
  type: number
  algorithm: number
  hash: string
  /** From the version byte to the end of the hashed subpackets: what the trailer counts. */
  hashed: Buffer
  created: number
  issuer?: Buffer
  issuerFingerprint?: Buffer
  keyExpiry?: number
  keyFlags?: number
  left16: Buffer
  mpis: Buffer[]
}

/** Hashed subpacket types this reader understands (others are fine unless critical). */
const KNOWN = new Set([2, 9, 11, 16, 20, 21, 22, 23, 25, 27, 30, 33, 34, 39])

/** A v4 signature packet; throws Unsupported for anything this module does not check. */
export function signature(body: Buffer): Signature {
  if (body[0] !== 4) throw new Unsupported(`a v${body[0]} signature`)
  const [type, algorithm, hashId] = [body[1], body[2], body[3]]
  const hash = HASHES[hashId]
  if (!hash) throw new Unsupported(`hash algorithm ${hashId}`)
  const hashedLength = body.readUInt16BE(4)
  const hashed = body.subarray(0, 6 + hashedLength)
  const sig: Partial<Signature> = { type, algorithm, hash, hashed }
  readSubpackets(body.subarray(6, 6 + hashedLength), true, sig)
  let at = 6 + hashedLength
  const unhashedLength = body.readUInt16BE(at)
  readSubpackets(body.subarray(at + 2, at + 2 + unhashedLength), false, sig)
  at += 2 + unhashedLength
  sig.left16 = body.subarray(at, at + 2)
  at += 2
  const count = algorithm === ALGO.eddsaLegacy ? 2 : 1
  sig.mpis = []
  for (let i = 0; i < count; i++) {
    const [value, next] = readMpi(body, at)
    sig.mpis.push(value)
    at = next
  }
  if (sig.created === undefined) throw new Unsupported('a signature without a creation time')
  return sig as Signature
}

function readSubpackets(area: Buffer, hashed: boolean, sig: Partial<Signature>): void {
  let at = 0
  while (at < area.length) {
    let length = area[at++]
    if (length >= 192 && length < 255) length = ((length - 192) << 8) + area[at++] + 192
    else if (length === 255) {
      length = area.readUInt32BE(at)
      at += 4
    }
    const type = area[at] & 0x7f
    const critical = (area[at] & 0x80) !== 0
    const data = area.subarray(at + 1, at + length)
    at += length
    if (!hashed) {
      if (type === 16) sig.issuer = data
      continue
    }
    // 3, signature expiry: left to openpgp.js whether or not it is critical.
    if (type === 3 || (!KNOWN.has(type) && critical)) throw new Unsupported(`subpacket ${type}`)
    if (type === 2) sig.created = data.readUInt32BE(0)
    else if (type === 9) sig.keyExpiry = data.readUInt32BE(0)
    else if (type === 27) sig.keyFlags = data[0]
    else if (type === 16) sig.issuer = data
    else if (type === 33 && data[0] === 4) sig.issuerFingerprint = data.subarray(1)
  }
}

/** The digest a v4 signature checks: `data` (already hashed, a copy is taken), then the trailer. */
export function signedDigest(
  sig: Signature,
  feed: (hash: ReturnType<typeof createHash>) => void
): Buffer {
  const hash = createHash(sig.hash)
  feed(hash)
  const trailer = Buffer.from([4, 0xff, 0, 0, 0, 0])
  trailer.writeUInt32BE(sig.hashed.length, 2)
  return hash.update(sig.hashed).update(trailer).digest()
}

/** True when the signature's integers are a valid signature of `digest` by `key`. */
export function verifyDigest(key: PublicKey, sig: Signature, digest: Buffer): boolean {
  if (!digest.subarray(0, 2).equals(sig.left16)) return false
  if (key.rsa && (sig.algorithm === ALGO.rsa || sig.algorithm === ALGO.rsaSign)) {
    const size = stripped(key.rsa.n).length
    const s = stripped(sig.mpis[0])
    if (s.length > size) return false
    const padded = Buffer.concat([Buffer.alloc(size - s.length), s])
    let decoded: Buffer
    try {
      decoded = publicDecrypt({ key: rsaKey(key), padding: constants.RSA_PKCS1_PADDING }, padded)
    } catch {
      return false
    }
    return decoded.equals(Buffer.concat([Buffer.from(DIGEST_INFO[sig.hash], 'hex'), digest]))
  }
  if (key.ed25519 && sig.algorithm === ALGO.eddsaLegacy) {
    const [r, s] = sig.mpis.map((m) => left(stripped(m), 32))
    if (!r || !s) return false
    return verify(null, digest, edKey(key), Buffer.concat([r, s]))
  }
  return false
}

const keyObjects = new WeakMap<PublicKey, KeyObject>()
function rsaKey(key: PublicKey): KeyObject {
  let made = keyObjects.get(key)
  if (!made) {
    const b64 = (b: Buffer) => stripped(b).toString('base64url')
    made = createPublicKey({
      format: 'jwk',
      key: { kty: 'RSA', n: b64(key.rsa!.n), e: b64(key.rsa!.e) }
    })
    keyObjects.set(key, made)
  }
  return made
}
function edKey(key: PublicKey): KeyObject {
  let made = keyObjects.get(key)
  if (!made) {
    made = createPublicKey({
      format: 'jwk',
      key: { kty: 'OKP', crv: 'Ed25519', x: key.ed25519!.toString('base64url') }
    })
    keyObjects.set(key, made)
  }
  return made
}

function stripped(b: Buffer): Buffer {
  let i = 0
  while (i < b.length - 1 && b[i] === 0) i++
  return b.subarray(i)
}

/** Left-pads to `size` bytes (MPIs drop leading zeros), or undefined if longer. */
export function left(b: Buffer, size: number): Buffer | undefined {
  if (b.length > size) return undefined
  return Buffer.concat([Buffer.alloc(size - b.length), b])
}

/** A transferable key read from packets, once its one self-signature checks out. */
export interface CheckedKey {
  primary: PublicKey
  /** The packets of the public key, as openpgp.js writes `toPublic()` (no trust packets). */
  publicPackets: Buffer
  /** Upper-case hex: primary first, then subkeys. */
  keyIds: string[]
  /** When the primary key stops being valid (seconds), if it expires. */
  expires?: number
}

/**
 * Reads a key's packets (secret or public) and checks, for the fast path only: a v4 primary key
 * of RSA (2048 bits or more) or legacy Ed25519 that signs itself, one user id whose latest
 * self-signature holds and lets it sign, no revocation nor direct-key signature, no subkey that
 * signs (openpgp.js would pick it), not expired at `now`. Anything else: Unsupported.
 */
export function checkKey(list: Packet[], now: number): CheckedKey {
  const [first, ...rest] = list
  if (first?.tag !== TAG.secretKey && first?.tag !== TAG.publicKey)
    throw new Unsupported('no key packet')
  const { key: primary } = publicKey(first.body)
  if (!primary.rsa && !primary.ed25519) throw new Unsupported('primary key algorithm')
  if (primary.rsa && stripped(primary.rsa.n).length * 8 < 2048)
    throw new Unsupported('RSA key under 2048 bits')
  const out: Buffer[] = [packetHeader(TAG.publicKey, primary.body.length), primary.body]
  const keyIds = [primary.keyId.toString('hex').toUpperCase()]
  let userId: Buffer | undefined
  let latest: Signature | undefined
  let subkey: PublicKey | undefined
  for (const p of rest) {
    if (p.tag === TAG.userId) {
      if (userId) throw new Unsupported('several user ids')
      userId = p.body
      out.push(packetHeader(p.tag, p.body.length), p.body)
    } else if (p.tag === TAG.secretSubkey || p.tag === TAG.publicSubkey) {
      subkey = publicKey(p.body).key
      keyIds.push(subkey.keyId.toString('hex').toUpperCase())
      out.push(packetHeader(TAG.publicSubkey, subkey.body.length), subkey.body)
    } else if (p.tag === TAG.signature) {
      const sig = signature(p.body)
      out.push(packetHeader(p.tag, p.body.length), p.body)
      if (subkey) {
        // A subkey binding: the subkey must not sign (openpgp.js would sign with it).
        if (sig.type !== 0x18 || (sig.keyFlags ?? 0) & 0x02)
          throw new Unsupported('a signing subkey')
        continue
      }
      if (!userId || sig.type < 0x10 || sig.type > 0x13)
        throw new Unsupported(`signature type ${sig.type}`)
      if (!issuedBy(sig, primary)) continue // a certification by someone else
      const digest = signedDigest(sig, (h) =>
        h.update(framed(0x99, 2, primary.body)).update(framed(0xb4, 4, userId!))
      )
      if (!verifyDigest(primary, sig, digest))
        throw new Unsupported('a self-signature that does not verify')
      if (!latest || sig.created >= latest.created) latest = sig
    } else if (p.tag !== 12) throw new Unsupported(`packet ${p.tag}`) // 12: trust, dropped
  }
  if (!latest) throw new Unsupported('no self-signature')
  if (primary.created > now) throw new Unsupported('a key from the future')
  if (latest.created > now) throw new Unsupported('a self-signature from the future')
  if (latest.keyFlags !== undefined && !(latest.keyFlags & 0x02))
    throw new Unsupported('a primary key that does not sign')
  const expires = latest.keyExpiry ? primary.created + latest.keyExpiry : undefined
  if (expires !== undefined && expires <= now) throw new Unsupported('expired')
  return {
    primary,
    publicPackets: Buffer.concat(out),
    keyIds,
    ...(expires !== undefined && { expires })
  }
}

function issuedBy(sig: Signature, key: PublicKey): boolean {
  if (sig.issuerFingerprint) return sig.issuerFingerprint.equals(key.fingerprint)
  return sig.issuer?.equals(key.keyId) ?? false
}

/**
 * Checks a signature packet over data already hashed by `feed`, by one of `keys`: true when it
 * holds, false when it does not, undefined when this module cannot tell (unsupported, a subkey
 * signed it, or the key had expired when it signed).
 */
export function checkSignature(
  body: Buffer,
  keys: CheckedKey[],
  feed: (hash: ReturnType<typeof createHash>) => void,
  now = Math.floor(Date.now() / 1000),
  /** For a clear-signed text: the hashes its `Hash:` header names (SHA256...). */
  hashes?: string[]
): boolean | undefined {
  let sig: Signature
  try {
    sig = signature(body)
  } catch (e) {
    if (e instanceof Unsupported) return undefined
    throw e
  }
  if (sig.type !== 0x00 && sig.type !== 0x01) return undefined
  if (hashes && (sig.type !== 0x01 || !hashes.includes(sig.hash.toUpperCase()))) return undefined
  const key = keys.find((k) => issuedBy(sig, k.primary))
  if (!key) return undefined
  if (sig.created < key.primary.created || sig.created > now) return undefined
  if (key.expires !== undefined && sig.created >= key.expires) return undefined
  return verifyDigest(key.primary, sig, signedDigest(sig, feed))
}
