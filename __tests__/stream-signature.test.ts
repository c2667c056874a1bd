import { describe, expect, it } from '@jest/globals'
import * as openpgp from 'openpgp'
import {
  HASH_SHA256,
  hashedPart,
  hashTrailer,
  mpi,
  SALT_NOTATION,
  signaturePacket
} from '../src/sign/stream-signature.js'

const fingerprint = Uint8Array.from({ length: 20 }, (_, i) => i + 1)
const keyId = fingerprint.subarray(12)
const created = new Date('2025-01-02T03:04:05.678Z')
const seconds = Math.floor(created.getTime() / 1000)

describe('hashedPart', () => {
  it('is version 4, binary, the algorithms, then creation time and issuer fingerprint', () => {
    const hashed = hashedPart({ algorithm: 1, fingerprint, created })
    expect(Buffer.from(hashed).toString('hex')).toBe(
      '04' + // version
        '00' + // binary document
        '01' + // RSA
        '08' + // SHA-256
        '001d' + // 29 bytes of subpackets
        '0582' + // creation time, critical
        seconds.toString(16).padStart(8, '0') +
        '1621' + // issuer fingerprint
        '04' +
        Buffer.from(fingerprint).toString('hex')
    )
    expect(HASH_SHA256).toBe(8)
  })

  it('hashes a salt, when given, as a non-critical notation before the issuer', () => {
    const salt = Uint8Array.from({ length: 16 }, (_, i) => 0xf0 + i)
    const hashed = Buffer.from(hashedPart({ algorithm: 22, fingerprint, created, salt }))
    const name = Buffer.from('salt@notations.openpgpjs.org').toString('hex')
    expect(hashed.subarray(0, 12).toString('hex')).toBe(
      '04' + '00' + '16' + '08' + '0053' + '0582' + seconds.toString(16).padStart(8, '0')
    )
    expect(hashed.subarray(12, 12 + 54).toString('hex')).toBe(
      '35' + '14' + '00000000' + '001c' + '0010' + name + Buffer.from(salt).toString('hex')
    )
    expect(hashed.subarray(12 + 54).toString('hex')).toBe(
      '1621' + '04' + Buffer.from(fingerprint).toString('hex')
    )
    expect(SALT_NOTATION).toBe('salt@notations.openpgpjs.org')
  })

  it('refuses a fingerprint that is not v4 and a time the packet cannot hold', () => {
    expect(() => hashedPart({ algorithm: 1, fingerprint: new Uint8Array(32), created })).toThrow(
      /20 bytes, not 32/
    )
    expect(() =>
      hashedPart({ algorithm: 1, fingerprint, created: new Date('2107-01-01T00:00:00Z') })
    ).toThrow(/out of range/)
  })
})

describe('hashTrailer', () => {
  it('is 0x04 0xFF and the hashed length in four big-endian bytes', () => {
    expect(Buffer.from(hashTrailer(new Uint8Array(0x123))).toString('hex')).toBe('04ff00000123')
  })
})

describe('mpi', () => {
  it('counts bits and drops leading zero bytes', () => {
    expect(Buffer.from(mpi(Uint8Array.of(0, 0, 1))).toString('hex')).toBe('000101')
    expect(Buffer.from(mpi(Uint8Array.of(0x80, 0))).toString('hex')).toBe('00108000')
    expect(Buffer.from(mpi(Uint8Array.of(0, 0x7f, 0xff))).toString('hex')).toBe('000f7fff')
    expect(Buffer.from(mpi(Uint8Array.of(0, 0))).toString('hex')).toBe('0000')
  })
})

describe('signaturePacket', () => {
  const hashed = hashedPart({ algorithm: 1, fingerprint, created })
  const digest = Uint8Array.of(0xab, 0xcd, 0xef)
  // Body without the MPIs: hashed part, unhashed length (2), key id subpacket (10), digest bits (2).
  const fixed = hashed.length + 2 + 10 + 2

  /** MPIs (each at most 8191 bytes of 0xff plus its two-byte bit count) summing to `size`. */
  function mpisOf(size: number): Uint8Array[] {
    const out: Uint8Array[] = []
    while (size > 0) {
      const chunk = Math.min(size, 8193)
      out.push(new Uint8Array(chunk - 2).fill(0xff))
      size -= chunk
    }
    return out
  }

  // RFC 4880 §4.2.3's examples of the three new-format body length forms.
  it.each([
    [100, 'c264'],
    [1723, 'c2c5fb'],
    [100000, 'c2ff000186a0']
  ])('frames a body of %i bytes as %s', (length, header) => {
    const packet = signaturePacket(hashed, keyId, digest, mpisOf(length - fixed))
    expect(Buffer.from(packet.subarray(0, header.length / 2)).toString('hex')).toBe(header)
    expect(packet.length).toBe(header.length / 2 + length)
  })

  it('carries the issuer key id unhashed and the left 16 bits of the digest', () => {
    const packet = signaturePacket(hashed, keyId, digest, [Uint8Array.of(5)])
    const body = Buffer.from(packet.subarray(2))
    expect(body.subarray(0, hashed.length)).toEqual(Buffer.from(hashed))
    expect(body.subarray(hashed.length).toString('hex')).toBe(
      '000a' + '0910' + Buffer.from(keyId).toString('hex') + 'abcd' + '000305'
    )
  })

  it('parses back with openpgp.js as the signature it describes', async () => {
    const packet = signaturePacket(hashed, keyId, digest, [new Uint8Array(256).fill(0x42)])
    const signature = await openpgp.readSignature({ binarySignature: packet })
    const [p] = signature.packets
    expect({
      version: p.version,
      type: p.signatureType,
      algorithm: p.publicKeyAlgorithm,
      hash: p.hashAlgorithm,
      created: p.created?.getTime(),
      issuer: p.issuerKeyID.toHex()
    }).toEqual({
      version: 4,
      type: openpgp.enums.signature.binary,
      algorithm: openpgp.enums.publicKey.rsaEncryptSign,
      hash: openpgp.enums.hash.sha256,
      created: seconds * 1000,
      issuer: Buffer.from(keyId).toString('hex')
    })
  })

  it('refuses a key id that is not 8 bytes', () => {
    expect(() => signaturePacket(hashed, fingerprint, digest, [])).toThrow(/8 bytes, not 20/)
  })
})
