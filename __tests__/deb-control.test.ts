import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { parseDeb } from '../src/repo/deb/parse.js'
import { control, debOf, GOOD_FIELDS } from './support/raw-deb.js'
import { tarHeader, tarOf } from './support/tarball.js'

/**
 * The control file of a .deb, read from its control.tar's headers: the entry named `./control`
 * (also through a PAX or GNU long-name header, as Go's archive/tar and GNU tar may write it),
 * and clear errors naming the member for a tar that is broken, cut short or without one.
 */
let dir: string
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'deb-control-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const good = control(GOOD_FIELDS)
async function parse(bytes: Buffer) {
  const file = path.join(dir, `${randomBytes(4).toString('hex')}.deb`)
  writeFileSync(file, bytes)
  return parseDeb(file)
}
const padded = (b: Buffer) => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)])

/** A header of `type` carrying `data` (a PAX record set, a GNU long name). */
function special(type: string, data: Buffer): Buffer {
  const h = tarHeader('././@LongLink', data.length)
  h.write(type, 156)
  h.write('        ', 148)
  let sum = 0
  for (const b of h) sum += b
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148)
  return Buffer.concat([h, padded(data)])
}

describe('parseDeb reading control.tar', () => {
  it('reads ./control among other entries', async () => {
    const tar = tarOf({ './': '', './md5sums': 'x  usr/x\n', './control': good })
    expect(await parse(debOf(tar))).toMatchObject({ name: 'falco', version: '0.40.0' })
  })

  it('reads a control file named by a PAX header or a GNU long name', async () => {
    const body = Buffer.from(good)
    const record = ' path=./control\n'
    const pax = Buffer.from(`${record.length + String(record.length + 2).length}${record}`)
    for (const [type, data] of [
      ['x', pax],
      ['L', Buffer.from('./control\0')]
    ] as const) {
      const tar = Buffer.concat([
        special(type, data),
        tarHeader('./elsewhere', body.length),
        padded(body),
        Buffer.alloc(1024)
      ])
      expect(await parse(debOf(tar))).toMatchObject({ name: 'falco' })
    }
  })

  it('refuses, naming the member, a tar with a broken header, one cut short, or one without ./control', async () => {
    const tar = tarOf({ './control': good })
    const broken = Buffer.from(tar)
    broken[0] ^= 0x01
    await expect(parse(debOf(broken))).rejects.toThrow(
      /control\.tar\.gz: not a tar archive \(bad header checksum at offset 0\)/
    )
    await expect(parse(debOf(tar.subarray(0, 520)))).rejects.toThrow(
      /control\.tar\.gz: not a tar archive \(control is cut short\)/
    )
    await expect(parse(debOf(tarOf({ './md5sums': 'x' })))).rejects.toThrow(
      /control\.tar\.gz has no \.\/control file/
    )
  })

  it('digests a package larger than one read as it streams', async () => {
    const deb = debOf(tarOf({ './control': good }), randomBytes((1 << 20) + 777))
    const parsed = await parse(deb)
    expect(parsed.digests).toMatchObject({
      size: deb.length,
      sha256: createHash('sha256').update(deb).digest('hex')
    })
    expect(parsed.name).toBe('falco')
  })
})
