import { describe, expect, it } from '@jest/globals'
import { verify } from 'node:crypto'
import { readFileSync } from 'node:fs'
import * as path from 'node:path'
import { readCosignKey } from '../src/oci/cosign-key.js'
import {
  signatureManifest,
  signatureTag,
  simpleSigningPayload,
  SIMPLE_SIGNING
} from '../src/oci/cosign-signature.js'
import { inputSecrets, readInputs } from '../src/inputs.js'
import { newKeyPair } from '../src/sign/key-pair.js'

/** Keys cosign generated for its own tests: see __fixtures__/cosign/README.md. */
const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, '../__fixtures__/cosign', name), 'utf8')

describe('cosign keys', () => {
  it('opens the key cosign generate-key-pair writes, with its password', async () => {
    const key = await readCosignKey(fixture('sigstore.key'), 'hello')
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/)
    expect(key.privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1')
  })

  it('says the password is wrong, naming the input and never quoting the password', async () => {
    const error = await readCosignKey(fixture('sigstore.key'), 'not-the-password').catch(
      (e: Error) => e
    )
    expect(String(error)).toMatch(/input 'cosign-private-key'.*wrong password/)
    expect(String(error)).not.toContain('not-the-password')
  })

  it('refuses a key cosign itself refuses (SEC1 inside the encrypted box)', async () => {
    await expect(readCosignKey(fixture('cosign-sec1.key'), 'hello')).rejects.toThrow(
      /no PKCS#8 private key/
    )
  })

  it('reads a PKCS#8 PEM P-256 key, plain or encrypted, and refuses other algorithms', async () => {
    const ec = newKeyPair({ type: 'ec', namedCurve: 'P-256' })
    const plain = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const encrypted = ec.privateKey
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' })
      .toString()
    const expected = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString()
    expect((await readCosignKey(plain, '')).publicKeyPem).toBe(expected)
    expect((await readCosignKey(encrypted, 'pw')).publicKeyPem).toBe(expected)
    const rsa = newKeyPair({ type: 'rsa', modulusLength: 2048 })
    await expect(
      readCosignKey(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), '')
    ).rejects.toThrow(/input 'cosign-private-key': the key is rsa.*P-256/)
    await expect(readCosignKey('cosign.key', '')).rejects.toThrow(/PEM text .* not a file name/)
  })

  it('masks the key, each of its lines, and the password before anything is logged', () => {
    const key = fixture('sigstore.key')
    const inputs = readInputs(
      (name) =>
        ({
          images: 'oci:build/falco',
          'image-repositories': 'docker.io/falcosecurity/falco',
          'cosign-private-key': key,
          'cosign-password': 'hello'
        })[name] ?? ''
    )
    const secrets = inputSecrets(inputs)
    expect(secrets).toContain('hello')
    expect(secrets).toContain(key.trim())
    for (const line of key.split('\n').filter((l) => l !== '' && !l.startsWith('-----')))
      expect(secrets).toContain(line)
  })
})

describe("cosign's signature format", () => {
  const digest = `sha256:${'ab'.repeat(32)}`

  it('names the signature tag after the digest', () => {
    expect(signatureTag(digest)).toBe(`sha256-${'ab'.repeat(32)}.sig`)
  })

  it('signs the simple-signing payload cosign writes: identity, digest, type', async () => {
    const payload = simpleSigningPayload('docker.io/falcosecurity/falco', digest)
    expect(JSON.parse(payload.toString())).toEqual({
      critical: {
        identity: { 'docker-reference': 'docker.io/falcosecurity/falco' },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature'
      },
      optional: null
    })
    // The same input gives the same bytes, so a re-run recognises its own signature.
    expect(simpleSigningPayload('docker.io/falcosecurity/falco', digest)).toEqual(payload)
    const key = await readCosignKey(fixture('sigstore.key'), 'hello')
    const { sign } = await import('node:crypto')
    const signature = sign('sha256', payload, key.privateKey)
    expect(verify('sha256', payload, key.publicKeyPem, signature)).toBe(true)
  })

  it('lists each signature as a layer of an OCI manifest whose config names them', () => {
    const layer = { mediaType: SIMPLE_SIGNING, size: 3, digest }
    const { manifest, config } = signatureManifest([layer])
    const m = JSON.parse(manifest.toString()) as { layers: unknown[]; mediaType: string }
    expect(m.mediaType).toBe('application/vnd.oci.image.manifest.v1+json')
    expect(m.layers).toEqual([layer])
    expect(JSON.parse(config.toString()).rootfs.diff_ids).toEqual([digest])
  })
})
