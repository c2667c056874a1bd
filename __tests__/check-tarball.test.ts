import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { gzipSync } from 'node:zlib'
import { checkGzipTar } from '../src/repo/bin/check-tarball.js'
import { tarOf } from './support/tarball.js'

/** Descriptors of this process open on `file` (Linux's /proc/self/fd). */
function openOn(file: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file
    } catch {
      return false // the descriptor readdir itself used, closed by now
    }
  }).length
}

let dir: string
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'check-tarball-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('checkGzipTar', () => {
  // Larger than a read (64 KiB): the check stops long before the end of the file.
  const payload = randomBytes(1 << 20).toString('base64')

  it('leaves no descriptor open on the tarball it checked, whatever it found', async () => {
    const good = path.join(dir, 'falco-0.41.0-x86_64.tar.gz')
    writeFileSync(good, gzipSync(tarOf({ 'falco/usr/bin/falco': payload })))
    await checkGzipTar(good)
    expect(openOn(good)).toBe(0)

    const notTar = path.join(dir, 'falco-0.41.0-aarch64.tar.gz')
    writeFileSync(notTar, gzipSync(Buffer.from(payload)))
    await expect(checkGzipTar(notTar)).rejects.toThrow(/gzip holds no tar archive/)
    expect(openOn(notTar)).toBe(0)

    const damaged = path.join(dir, 'falco-0.41.0-wasm.tar.gz')
    const bytes = gzipSync(tarOf({ 'falco/usr/bin/falco': payload }))
    bytes.fill(0xff, 10, 4096)
    writeFileSync(damaged, bytes)
    await expect(checkGzipTar(damaged)).rejects.toThrow(/the gzip data is damaged/)
    expect(openOn(damaged)).toBe(0)

    const plain = path.join(dir, 'falco-0.41.0-ppc64le.tar.gz')
    writeFileSync(plain, tarOf({ 'falco/usr/bin/falco': payload }))
    await expect(checkGzipTar(plain)).rejects.toThrow(/not gzip-compressed/)
    expect(openOn(plain)).toBe(0)
  })
})
