import { describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { crc64 } from '../src/repo/crc64.js'

/** CRC-64/XZ bit by bit in BigInt: the definition, against which the table is checked. */
function reference(data: Uint8Array): bigint {
  const poly = 0xc96c5795d7870f42n
  let crc = 0xffffffffffffffffn
  for (const byte of data) {
    crc ^= BigInt(byte)
    for (let k = 0; k < 8; k++) crc = crc & 1n ? (crc >> 1n) ^ poly : crc >> 1n
  }
  return crc ^ 0xffffffffffffffffn
}

describe('crc64 (the check of an xz block)', () => {
  it('gives the catalogued check value of CRC-64/XZ', () => {
    expect(crc64(Buffer.from('123456789')).readBigUInt64LE(0)).toBe(0x995dc9bbdf1939fan)
    expect(crc64(Buffer.alloc(0)).readBigUInt64LE(0)).toBe(0n)
  })

  it('agrees with the bit-by-bit definition on every byte value and random data', () => {
    const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i))
    for (const data of [everyByte, randomBytes(1), randomBytes(7), randomBytes(4099)]) {
      expect(crc64(data).readBigUInt64LE(0)).toBe(reference(data))
    }
  })
})
