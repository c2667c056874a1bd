import { gzipSync } from 'node:zlib'
import { tarOf } from './tarball.js'

/**
 * A .deb written by hand (ar of debian-binary, control.tar.gz, data.tar.gz) around any control
 * text: dpkg-deb refuses to build the broken control files a careless or hostile build can still
 * produce, and those are what the package stage must refuse.
 */
export function rawDeb(control: string): Buffer {
  return debOf(tarOf({ './control': control }))
}

/** A .deb around any control.tar (gzip'd here) and, when given, data.tar.gz bytes. */
export function debOf(controlTar: Buffer, dataTarGz?: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from('!<arch>\n'),
    arMember('debian-binary', Buffer.from('2.0\n')),
    arMember('control.tar.gz', gzipSync(controlTar)),
    arMember('data.tar.gz', dataTarGz ?? gzipSync(tarOf({ './usr/share/doc/x/README': 'x\n' })))
  ])
}

function arMember(name: string, data: Buffer): Buffer {
  const h = Buffer.alloc(60, ' ')
  h.write(name, 0)
  h.write('0', 16)
  h.write('0', 28)
  h.write('0', 34)
  h.write('100644', 40)
  h.write(String(data.length), 48)
  h.write('`\n', 58)
  return Buffer.concat([h, data, data.length % 2 ? Buffer.from('\n') : Buffer.alloc(0)])
}

/** A control file with these fields, in this order (a field may repeat). */
export function control(fields: Array<[string, string]>): string {
  return fields.map(([f, v]) => `${f}: ${v}\n`).join('')
}

export const GOOD_FIELDS: Array<[string, string]> = [
  ['Package', 'falco'],
  ['Version', '0.40.0'],
  ['Architecture', 'amd64'],
  ['Maintainer', 'Test <test@example.invalid>'],
  ['Description', 'test package']
]

/** The good fields with one replaced (or, with `extra`, another field added after it). */
export function controlWith(name: string, value: string, extra = false): string {
  const fields = GOOD_FIELDS.flatMap(([f, v]): Array<[string, string]> =>
    f !== name
      ? [[f, v]]
      : extra
        ? [
            [f, v],
            [f, value]
          ]
        : [[f, value]]
  )
  return control(fields)
}
