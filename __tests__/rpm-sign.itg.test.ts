import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { parseRpm } from '../src/repo/rpm/parse.js'
import { loadSigningKeys } from '../src/sign/openpgp.js'
import { signRpmFile } from '../src/stages/packages/dnf-sign.js'
import { buildRpm } from './support/build-packages.js'
import { generateTestKey } from './support/keys.js'
import { requireTools } from './support/run.js'

/**
 * signRpmFile describes the signed file without reading it back; what it says must be what a
 * parse of the written file finds. rpm's own check of the signatures is in
 * packages-clients.itg.test.ts.
 */
requireTools({ rpmbuild: 'rpm' })

let tmp: string
let rpm: string

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'rpm-sign-'))
  rpm = await buildRpm(tmp, { name: 'signme', version: '1.2.3', arch: 'x86_64' })
}, 120000)

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true })
})

describe('signRpmFile', () => {
  it.each(['rsa', 'ecc'] as const)(
    'returns what parsing the signed file finds (%s key)',
    async (type) => {
      const keys = await loadSigningKeys((await generateTestKey(type)).armoredPrivate)
      const source = await parseRpm(rpm)
      const { sourceSha256, ...signed } = await signRpmFile(source, keys, path.join(tmp, type))

      expect(signed).toEqual(await parseRpm(signed.file))
      const bytes = await fs.readFile(signed.file)
      expect(signed.digests).toEqual({
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex')
      })
      expect(sourceSha256).toBe(source.digests.sha256)
      expect(signed.digests.sha256).not.toBe(source.digests.sha256)
      // The header signature is the one a key of this type goes in (268 RSA, 267 EdDSA).
      const tags = signed.signature.entries.map((e) => e.tag)
      expect(tags).toContain(type === 'rsa' ? 268 : 267)
    }
  )

  it('re-signs a signed package, replacing its header signature', async () => {
    const rsa = await loadSigningKeys((await generateTestKey('rsa')).armoredPrivate)
    const ecc = await loadSigningKeys((await generateTestKey('ecc')).armoredPrivate)
    const once = await signRpmFile(await parseRpm(rpm), rsa, path.join(tmp, 'once'))
    const { sourceSha256, ...twice } = await signRpmFile(once, ecc, path.join(tmp, 'twice'))

    expect(twice).toEqual(await parseRpm(twice.file))
    expect(sourceSha256).toBe(once.digests.sha256)
    const tags = twice.signature.entries.map((e) => e.tag)
    expect(tags).toContain(267)
    expect(tags).not.toContain(268)
  })
})
