import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { decompressMember } from '../src/repo/decompress.js'

/**
 * Reading what other tools compress (createrepo_c's repodata, apt-ftparchive's indexes): each
 * file is made by the real tool here and read back.
 */
const text = Buffer.from(
  Array.from({ length: 3000 }, (_, i) => `Package: p${i}\nVersion: ${i}\n\n`).join('')
)
const tool = (cmd: string, args: string[], input: Buffer): Buffer =>
  execFileSync(cmd, args, { input, maxBuffer: 64 << 20 })

describe('decompressMember', () => {
  it.each([
    ['primary.xml.gz', 'gzip', ['-c']],
    ['primary.xml.xz', 'xz', ['-c']],
    ['primary.xml.zst', 'zstd', ['-q', '-c']],
    ['primary.xml.bz2', 'bzip2', ['-c']]
  ])('%s from %s', async (name, cmd, args) => {
    expect(Buffer.from(await decompressMember(name, tool(cmd, args, text))).equals(text)).toBe(true)
  })

  it('reads every stream of a multi-stream bzip2 file (pbzip2, cat a.bz2 b.bz2)', async () => {
    const half = text.length >> 1
    const joined = Buffer.concat([
      tool('bzip2', ['-c'], text.subarray(0, half)),
      tool('bzip2', ['-c'], Buffer.alloc(0)),
      tool('bzip2', ['-c', '-1'], text.subarray(half))
    ])
    expect(Buffer.from(await decompressMember('Packages.bz2', joined)).equals(text)).toBe(true)
  })

  it('names the file when its bytes are not what its suffix says', async () => {
    await expect(decompressMember('repodata/x-primary.xml.bz2', text)).rejects.toThrow(
      /repodata\/x-primary\.xml\.bz2: not a valid bzip2 file/
    )
    await expect(decompressMember('repodata/x-primary.xml.xz', text)).rejects.toThrow(
      /repodata\/x-primary\.xml\.xz: not a valid xz file/
    )
    await expect(decompressMember('x.zck', text)).rejects.toThrow(/x\.zck: unsupported compression/)
  })
})
