/**
 * The bytes of an OpenPGP v4 detached signature packet over binary data (RFC 4880 §5.2.3,
 * RFC 9580 §5.2.3), built by hand so that the data can be hashed as it streams past: openpgp.js
 * reads a streamed message to its end in memory before it signs. Pure functions: the hashing
 * and the private-key operation happen elsewhere (see `node-keys.ts` and `openpgp.ts`).
 */

/** RFC 4880 §9.4: SHA-256, the one hash this project signs with (apt, rpm and FIPS hosts accept it). */
export const HASH_SHA256 = 8
/** RFC 4880 §5.2.1: "Signature of a binary document". */
const SIGNATURE_BINARY = 0x00
const PACKET_SIGNATURE = 2
const SUBPACKET_CREATION_TIME = 2
const SUBPACKET_ISSUER_KEY_ID = 16
const SUBPACKET_NOTATION = 20
const SUBPACKET_ISSUER_FINGERPRINT = 33

/** Who signs: what the hashed part of the packet names. */
export interface SignatureHeader {
  /** Public-key algorithm id (1 RSA, 22 EdDSA legacy). */
  algorithm: number
  /** The v4 fingerprint of the (sub)key that signs: 20 bytes. */
  fingerprint: Uint8Array
  /** Signature creation time; sub-second precision is dropped (the packet holds seconds). */
  created: Date
  /**
   * Random bytes hashed into the signature as a notation, so that signing the same data twice
   * never gives the same Ed25519 signature: a deterministic EdDSA signature computed with a
   * fault (a bit flip) can leak the key. openpgp.js adds the same notation by default.
   */
  salt?: Uint8Array
  /** Signature type: 0x00 over binary data (the default), 0x01 over canonical text (InRelease). */
  type?: number
}

/** The notation openpgp.js uses for its salt; verifiers ignore it (it is not critical). */
export const SALT_NOTATION = 'salt@notations.openpgpjs.org'

/**
 * The hashed part of the packet: version 4, type, algorithms and the hashed subpackets
 * (creation time, issuer fingerprint). It is both written into the packet and hashed after
 * the data, so one function builds it for both.
 */
export function hashedPart(header: SignatureHeader): Uint8Array {
  if (header.fingerprint.length !== 20) {
    throw new Error(`a v4 key fingerprint has 20 bytes, not ${header.fingerprint.length}`)
  }
  const seconds = Math.floor(header.created.getTime() / 1000)
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 0xffffffff) {
    throw new Error(`signature creation time out of range: ${header.created.toISOString()}`)
  }
  const subpackets = concat([
    // Critical, as openpgp.js marks it: a verifier that ignored the time could accept a
    // signature from before a key was valid.
    subpacket(SUBPACKET_CREATION_TIME, uint32(seconds), true),
    ...(header.salt ? [subpacket(SUBPACKET_NOTATION, notation(SALT_NOTATION, header.salt))] : []),
    subpacket(SUBPACKET_ISSUER_FINGERPRINT, concat([Uint8Array.of(4), header.fingerprint]))
  ])
  return concat([
    Uint8Array.of(4, header.type ?? SIGNATURE_BINARY, header.algorithm, HASH_SHA256),
    uint16(subpackets.length),
    subpackets
  ])
}

/**
 * What is hashed after the data and the hashed part (RFC 4880 §5.2.4): 0x04 0xFF and the
 * hashed part's length as four big-endian bytes.
 */
export function hashTrailer(hashed: Uint8Array): Uint8Array {
  return concat([Uint8Array.of(4, 0xff), uint32(hashed.length)])
}

/**
 * The whole packet (new-format header, tag 2): the hashed part, the issuer key id as an
 * unhashed subpacket (older verifiers look it up there, as GnuPG writes it), the left 16 bits
 * of the digest, then the signature as MPIs.
 */
export function signaturePacket(
  hashed: Uint8Array,
  keyId: Uint8Array,
  digest: Uint8Array,
  mpis: Uint8Array[]
): Uint8Array {
  if (keyId.length !== 8) throw new Error(`a key id has 8 bytes, not ${keyId.length}`)
  const unhashed = subpacket(SUBPACKET_ISSUER_KEY_ID, keyId)
  const body = concat([
    hashed,
    uint16(unhashed.length),
    unhashed,
    digest.subarray(0, 2),
    ...mpis.map(mpi)
  ])
  return concat([packetHeader(PACKET_SIGNATURE, body.length), body])
}

/** RFC 4880 §3.2: two bytes of bit count, then the integer's bytes without leading zeros. */
export function mpi(bigEndian: Uint8Array): Uint8Array {
  let start = 0
  while (start < bigEndian.length && bigEndian[start] === 0) start++
  const digits = bigEndian.subarray(start)
  const bits = digits.length === 0 ? 0 : (digits.length - 1) * 8 + bitLength(digits[0])
  return concat([uint16(bits), digits])
}

/** RFC 4880 §5.2.3.16: flags (0: not human-readable), name and value lengths, name, value. */
function notation(name: string, value: Uint8Array): Uint8Array {
  const nameBytes = new TextEncoder().encode(name)
  return concat([uint32(0), uint16(nameBytes.length), uint16(value.length), nameBytes, value])
}

function bitLength(byte: number): number {
  return 32 - Math.clz32(byte)
}

/** RFC 4880 §5.2.3.1: length (one byte here: our bodies are short), type, body. */
function subpacket(type: number, body: Uint8Array, critical = false): Uint8Array {
  return concat([Uint8Array.of(body.length + 1, critical ? type | 0x80 : type), body])
}

/** RFC 4880 §4.2.2: new-format tag and the one-, two- or five-byte body length. */
function packetHeader(tag: number, length: number): Uint8Array {
  const first = 0xc0 | tag
  if (length < 192) return Uint8Array.of(first, length)
  if (length < 8384) {
    const rest = length - 192
    return Uint8Array.of(first, (rest >> 8) + 192, rest & 0xff)
  }
  return concat([Uint8Array.of(first, 0xff), uint32(length)])
}

function uint16(n: number): Uint8Array {
  return Uint8Array.of((n >>> 8) & 0xff, n & 0xff)
}

function uint32(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff)
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
