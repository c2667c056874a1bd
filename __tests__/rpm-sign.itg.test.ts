import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { parseRpm } from '../src/repo/rpm/parse.js'
import { detachSignFile, loadSigningKeys } from '../src/sign/openpgp.js'
import { signRpmFile } from '../src/stages/packages/dnf-sign.js'
import { buildRpm } from './support/build-packages.js'
import { generateTestKey, gpgVerifyDetached } from './support/keys.js'
import { requireTools } from './support/run.js'

/**
 * signRpmFile describes the signed file without reading it back; what it says must be what a
 * parse of the written file finds. rpm's own check of the signatures is in
 * packages-clients.itg.test.ts.
 */
requireTools({ rpmbuild: 'rpm', gpg: 'gnupg' })

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

  it('keeps the hash of a large signed file: its detached signature needs no second read', async () => {
    const key = await generateTestKey('rsa')
    const keys = await loadSigningKeys(key.armoredPrivate)
    await fs.mkdir(path.join(tmp, 'big'))
    const big = await buildRpm(path.join(tmp, 'big'), {
      name: 'bigone',
      version: '1.0.0',
      arch: 'x86_64',
      payloadKiB: 1536
    })
    const signed = await signRpmFile(await parseRpm(big), keys, path.join(tmp, 'big-signed'))
    expect(signed.hashed?.copy().digest('hex')).toBe(signed.digests.sha256)
    // A path that does not exist: the signature comes from the kept state alone.
    const signature = await detachSignFile(path.join(tmp, 'not-there.rpm'), keys, signed.hashed)
    await fs.writeFile(`${signed.file}.asc`, signature)
    expect(await gpgVerifyDetached(key, `${signed.file}.asc`, signed.file)).toEqual({
      code: 0,
      valid: true
    })
    // A small package keeps none: reading it again costs less than holding the state.
    expect((await signRpmFile(await parseRpm(rpm), keys, path.join(tmp, 'small'))).hashed).toBe(
      undefined
    )
  })

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
