import { describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { armor, dearmor } from '../src/sign/pgp-packets.js'

/** RFC 4880 §6.1's CRC-24 as the RFC spells it, bit by bit: the reference for the tabled one. */
function crc24Reference(bytes: Uint8Array): string {
  let crc = 0xb704ce
  for (const byte of bytes) {
    crc ^= byte << 16
    for (let i = 0; i < 8; i++) {
      crc <<= 1
      if (crc & 0x1000000) crc ^= 0x1864cfb
    }
  }
  crc &= 0xffffff
  return Buffer.from([crc >> 16, (crc >> 8) & 0xff, crc & 0xff]).toString('base64')
}

const crcLine = (armoured: string): string | undefined =>
  armoured.split('\n').find((l) => /^=[A-Za-z0-9+/]{4}$/.test(l))

describe('armor', () => {
  it('writes the CRC-24 of the bytes, for every length modulo 4 and for kilobytes', () => {
    const sizes = [...Array(70).keys(), 1374, 2676, 4099]
    for (const size of sizes) {
      const bytes = randomBytes(size)
      expect(crcLine(armor('SIGNATURE', bytes))).toBe(`=${crc24Reference(bytes)}`)
    }
  })
})

describe('dearmor', () => {
  it('decodes a block it did not write, and checks its CRC', () => {
    const bytes = randomBytes(300)
    // CRLF line ends: not the text armor wrote, so it is decoded and summed here.
    const crlf = armor('SIGNATURE', bytes).replace(/\n/g, '\r\n')
    expect(dearmor(crlf, 'SIGNATURE')).toEqual([bytes])
    const wrongCrc = crlf.replace(/^=.{4}/m, `=${crc24Reference(Buffer.from('other'))}`)
    expect(dearmor(wrongCrc, 'SIGNATURE')).toBeUndefined()
  })

  it('gives back the bytes of a block it wrote, and refuses it once one character changed', () => {
    const bytes = randomBytes(300)
    const text = armor('SIGNATURE', bytes)
    const [read] = dearmor(`Hash: SHA256\n\n${text}`, 'SIGNATURE') ?? []
    expect(read).toEqual(bytes)
    read[0] ^= 0xff // a copy: what the next reader gets is unchanged
    expect(dearmor(text, 'SIGNATURE')).toEqual([bytes])
    const lines = text.split('\n')
    const body = lines[2]
    lines[2] = (body[0] === 'A' ? 'B' : 'A') + body.slice(1)
    expect(dearmor(lines.join('\n'), 'SIGNATURE')).toBeUndefined()
  })
})
