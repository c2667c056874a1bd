import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { createReadStream, promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as openpgp from 'openpgp'
import { sha256FileState } from '../src/repo/digest.js'
import {
  detachSign,
  detachSignFile,
  loadSigningKeys,
  type SigningKeys
} from '../src/sign/openpgp.js'
import { digestSigner, type KeyMaterial } from '../src/sign/node-keys.js'
import { mustRun, requireTools, run } from './support/run.js'

/**
 * Detached signatures made by hashing the data as it streams and signing the digest with
 * node:crypto, checked by two independent verifiers: the real gpg and openpgp.js.
 */
requireTools({ gpg: 'gnupg', gpgconf: 'gnupg' })

interface Generated {
  armoredPrivate: string
  armoredPublic: string
  /** Fingerprint of the (sub)key expected to sign. */
  signingFingerprint: string
  primaryFingerprint: string
}

const PASSPHRASE = 'correct horse battery staple'

/** generateKey's options without the ones every key here shares (the type is not exported). */
type KeyOptions = Omit<Parameters<typeof openpgp.generateKey>[0], 'userIDs' | 'format'>

async function generate(options: KeyOptions): Promise<Generated> {
  const { privateKey, publicKey } = await openpgp.generateKey({
    ...options,
    userIDs: [{ name: 'falco-publish signing test', email: 'sign@example.invalid' }],
    format: 'armored'
  })
  const pub = await openpgp.readKey({ armoredKey: publicKey })
  const signing = await pub.getSigningKey()
  return {
    armoredPrivate: privateKey,
    armoredPublic: publicKey,
    signingFingerprint: signing.getFingerprint().toUpperCase(),
    primaryFingerprint: pub.getFingerprint().toUpperCase()
  }
}

let tmp: string
let home: string
let bigFile: string
const generated: Record<string, Generated> = {}
const loaded: Record<string, SigningKeys> = {}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'detached-sign-'))
  home = path.join(tmp, 'gnupg')
  await fs.mkdir(home, { mode: 0o700 })
  generated.rsa2048 = await generate({ type: 'rsa', rsaBits: 2048 })
  generated.rsa4096 = await generate({ type: 'rsa', rsaBits: 4096 })
  generated.ed25519 = await generate({ type: 'ecc', curve: 'ed25519Legacy' })
  // An RSA primary key with an Ed25519 signing subkey: openpgp.js picks the subkey to sign.
  generated.subkey = await generate({
    type: 'rsa',
    rsaBits: 2048,
    subkeys: [{ type: 'ecc', curve: 'ed25519Legacy', sign: true }]
  })
  generated.protected = await generate({ type: 'rsa', rsaBits: 2048, passphrase: PASSPHRASE })
  // ECDSA stays on openpgp.js's path: it must keep working.
  generated.ecdsa = await generate({ type: 'ecc', curve: 'nistP256' })
  for (const [name, g] of Object.entries(generated)) {
    loaded[name] = await loadSigningKeys(g.armoredPrivate, name === 'protected' ? PASSPHRASE : '')
    const file = path.join(tmp, `${name}.pub.asc`)
    await fs.writeFile(file, g.armoredPublic)
    await mustRun('gpg', ['--homedir', home, '--batch', '--import', file])
  }
  bigFile = path.join(tmp, 'package.bin')
  // Several MiB, written in pieces, so that the signer sees many stream chunks.
  const handle = await fs.open(bigFile, 'w')
  for (let i = 0; i < 6; i++) await handle.write(randomBytes(1024 * 1024 + 7))
  await handle.close()
})

afterAll(async () => {
  // Only the agent of this test's own GnuPG home, if verifying started one.
  if (home) await run('gpgconf', ['--homedir', home, '--kill', 'all'])
  if (tmp) await fs.rm(tmp, { recursive: true, force: true })
})

/** Runs gpg --verify; returns its exit code and the fingerprints of good signatures. */
async function gpgVerify(
  signature: string,
  file: string
): Promise<{ code: number; good: string[]; primaries: string[]; stderr: string }> {
  const sigFile = `${file}.${Math.random().toString(36).slice(2)}.asc`
  await fs.writeFile(sigFile, signature)
  const r = await run('gpg', [
    '--homedir',
    home,
    '--batch',
    '--status-fd',
    '1',
    '--verify',
    sigFile,
    file
  ])
  // [GNUPG:] VALIDSIG <signing key fpr> <date> <created> <expires> ... <primary key fpr>
  const valid = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('[GNUPG:] VALIDSIG '))
    .map((l) => l.split(' '))
  return {
    code: r.code,
    good: valid.map((f) => f[2]),
    primaries: valid.map((f) => f[f.length - 1]),
    stderr: r.stderr
  }
}

/** openpgp.js's verdict on each signature packet, by signing key id. */
async function openpgpVerify(
  signature: string,
  data: Uint8Array,
  publicKeys: string[]
): Promise<Record<string, boolean>> {
  const result = await openpgp.verify({
    message: await openpgp.createMessage({ binary: data }),
    signature: await openpgp.readSignature({ armoredSignature: signature }),
    verificationKeys: await Promise.all(publicKeys.map((k) => openpgp.readKey({ armoredKey: k })))
  })
  const verdicts: Record<string, boolean> = {}
  for (const s of result.signatures) {
    verdicts[s.keyID.toHex().toUpperCase()] = await s.verified.then(
      () => true,
      () => false
    )
  }
  return verdicts
}

/** Whether each packet carries the issuer key id unhashed, as the node:crypto path writes it. */
async function unhashedIssuer(signature: string): Promise<boolean[]> {
  const file = path.join(tmp, `packets.${Math.random().toString(36).slice(2)}.asc`)
  await fs.writeFile(file, signature)
  const listing = await mustRun('gpg', ['--homedir', home, '--batch', '--list-packets', file])
  return listing
    .split(':signature packet:')
    .slice(1)
    .map((packet) => /^\s+subpkt 16 len 8/m.test(packet))
}

function keyIdOf(fingerprint: string): string {
  return fingerprint.slice(-16)
}

describe('detached signatures hashed as the data streams', () => {
  it('signs a string with an RSA 2048 key', async () => {
    const text = 'Origin: falco-publish\nSuite: stable\n'
    const file = path.join(tmp, 'Release')
    await fs.writeFile(file, text)
    const signature = await detachSign(text, loaded.rsa2048)
    expect(await unhashedIssuer(signature)).toEqual([true])
    const g = await gpgVerify(signature, file)
    expect({ code: g.code, good: g.good }).toEqual({
      code: 0,
      good: [generated.rsa2048.signingFingerprint]
    })
    expect(
      await openpgpVerify(signature, new TextEncoder().encode(text), [
        generated.rsa2048.armoredPublic
      ])
    ).toEqual({ [keyIdOf(generated.rsa2048.signingFingerprint)]: true })
  })

  it('signs a buffer with an RSA 4096 key', async () => {
    const data = randomBytes(100_003)
    const file = path.join(tmp, 'buffer.bin')
    await fs.writeFile(file, data)
    const signature = await detachSign(data, loaded.rsa4096)
    expect(await unhashedIssuer(signature)).toEqual([true])
    const g = await gpgVerify(signature, file)
    expect({ code: g.code, good: g.good }).toEqual({
      code: 0,
      good: [generated.rsa4096.signingFingerprint]
    })
    expect(await openpgpVerify(signature, data, [generated.rsa4096.armoredPublic])).toEqual({
      [keyIdOf(generated.rsa4096.signingFingerprint)]: true
    })
  })

  it('signs a stream of several MiB with an Ed25519 (legacy) key', async () => {
    const signature = await detachSign(
      createReadStream(bigFile, { highWaterMark: 64 * 1024 }),
      loaded.ed25519
    )
    expect(await unhashedIssuer(signature)).toEqual([true])
    const g = await gpgVerify(signature, bigFile)
    expect({ code: g.code, good: g.good }).toEqual({
      code: 0,
      good: [generated.ed25519.signingFingerprint]
    })
    expect(
      await openpgpVerify(signature, await fs.readFile(bigFile), [generated.ed25519.armoredPublic])
    ).toEqual({ [keyIdOf(generated.ed25519.signingFingerprint)]: true })
  })

  it('salts Ed25519 signatures: the same data signed twice gives two signatures', async () => {
    const data = new TextEncoder().encode('same bytes')
    const file = path.join(tmp, 'same.txt')
    await fs.writeFile(file, data)
    const first = await detachSign(data, loaded.ed25519)
    const second = await detachSign(data, loaded.ed25519)
    expect(first).not.toBe(second)
    for (const signature of [first, second]) {
      expect((await gpgVerify(signature, file)).good).toEqual([
        generated.ed25519.signingFingerprint
      ])
    }
    const listing = await mustRun('gpg', ['--homedir', home, '--batch', '--list-packets'], {
      input: first
    })
    expect(listing).toMatch(/hashed subpkt 20 len 52 \(notation: salt@notations\.openpgpjs\.org=/)
  })

  it('signs with the signing subkey when the primary key does not sign', async () => {
    const { signingFingerprint, primaryFingerprint } = generated.subkey
    expect(signingFingerprint).not.toBe(primaryFingerprint)
    const signature = await detachSign(createReadStream(bigFile), loaded.subkey)
    expect(await unhashedIssuer(signature)).toEqual([true])
    const g = await gpgVerify(signature, bigFile)
    expect(g).toEqual({
      code: 0,
      good: [signingFingerprint],
      primaries: [primaryFingerprint],
      stderr: expect.any(String)
    })
    expect(
      await openpgpVerify(signature, await fs.readFile(bigFile), [generated.subkey.armoredPublic])
    ).toEqual({ [keyIdOf(signingFingerprint)]: true })
  })

  it('signs with a passphrase-protected key once it is unlocked', async () => {
    const signature = await detachSign(createReadStream(bigFile), loaded.protected)
    const g = await gpgVerify(signature, bigFile)
    expect({ code: g.code, good: g.good }).toEqual({
      code: 0,
      good: [generated.protected.signingFingerprint]
    })
    expect(
      await openpgpVerify(signature, await fs.readFile(bigFile), [
        generated.protected.armoredPublic
      ])
    ).toEqual({ [keyIdOf(generated.protected.signingFingerprint)]: true })
  })

  it('writes one packet per key when two keys sign (key rotation)', async () => {
    const both = await loadSigningKeys(
      `${generated.rsa2048.armoredPrivate}\n${generated.ed25519.armoredPrivate}`
    )
    const signature = await detachSign(createReadStream(bigFile), both)
    expect(await unhashedIssuer(signature)).toEqual([true, true])
    const g = await gpgVerify(signature, bigFile)
    expect(g.code).toBe(0)
    expect(g.good.sort()).toEqual(
      [generated.rsa2048.signingFingerprint, generated.ed25519.signingFingerprint].sort()
    )
    expect(
      await openpgpVerify(signature, await fs.readFile(bigFile), [
        generated.rsa2048.armoredPublic,
        generated.ed25519.armoredPublic
      ])
    ).toEqual({
      [keyIdOf(generated.rsa2048.signingFingerprint)]: true,
      [keyIdOf(generated.ed25519.signingFingerprint)]: true
    })
  })

  it('signs a file from the planning pass hash state, without reading it again', async () => {
    const planned = await sha256FileState(bigFile)
    expect(planned.hashed).toBeDefined()
    // The state is copied, never finished: the same one signs twice, for two key sets.
    const both = await loadSigningKeys(
      `${generated.rsa2048.armoredPrivate}\n${generated.ed25519.armoredPrivate}`
    )
    const moved = path.join(tmp, 'moved.bin')
    await fs.copyFile(bigFile, moved)
    for (const keys of [loaded.ed25519, both]) {
      // A path that does not exist: the signature must come from the state alone.
      const signature = await detachSignFile(path.join(tmp, 'not-there.bin'), keys, planned.hashed)
      const g = await gpgVerify(signature, moved)
      expect({ code: g.code, good: g.good.sort() }).toEqual({
        code: 0,
        good: keys.fingerprints
          .map((f) =>
            f === generated.rsa2048.primaryFingerprint ? generated.rsa2048 : generated.ed25519
          )
          .map((k) => k.signingFingerprint)
          .sort()
      })
    }
    expect(planned.hashed!.copy().digest('hex')).toBe(planned.digests.sha256)
  })

  it('reads a file to sign it when there is no state (small) or the key needs openpgp.js', async () => {
    const small = path.join(tmp, 'small.bin')
    await fs.writeFile(small, randomBytes(4096))
    expect((await sha256FileState(small)).hashed).toBeUndefined()
    const cases: [string, SigningKeys, Generated][] = [
      [small, loaded.rsa2048, generated.rsa2048],
      [bigFile, loaded.ecdsa, generated.ecdsa]
    ]
    for (const [file, keys, key] of cases) {
      const { hashed } = await sha256FileState(file)
      const signature = await detachSignFile(file, keys, hashed)
      const g = await gpgVerify(signature, file)
      expect({ code: g.code, good: g.good }).toEqual({ code: 0, good: [key.signingFingerprint] })
    }
  })

  it('a signature over a tampered file fails gpg --verify and openpgp.js', async () => {
    const signature = await detachSign(createReadStream(bigFile), loaded.rsa2048)
    const tampered = path.join(tmp, 'tampered.bin')
    const bytes = await fs.readFile(bigFile)
    bytes[3 * 1024 * 1024] ^= 0x01
    await fs.writeFile(tampered, bytes)
    const g = await gpgVerify(signature, tampered)
    expect(g.code).not.toBe(0)
    expect(g.good).toEqual([])
    expect(g.stderr).toMatch(/BAD signature/)
    expect(await openpgpVerify(signature, bytes, [generated.rsa2048.armoredPublic])).toEqual({
      [keyIdOf(generated.rsa2048.signingFingerprint)]: false
    })
  })

  it('refuses an expired key, naming it, and closes the stream it did not read', async () => {
    // Made an hour ago, valid for a minute.
    const { privateKey } = await openpgp.generateKey({
      type: 'ecc',
      curve: 'ed25519Legacy',
      userIDs: [{ name: 'expired' }],
      date: new Date(Date.now() - 3600_000),
      keyExpirationTime: 60,
      format: 'armored'
    })
    const keys = await loadSigningKeys(privateKey)
    const stream = createReadStream(bigFile)
    await expect(detachSign(stream, keys)).rejects.toThrow(
      new RegExp(`private key 1 \\(${keys.fingerprints[0]}\\) cannot sign now: .*expired`, 'i')
    )
    expect(stream.destroyed).toBe(true)
  })

  it('keeps openpgp.js for an ECDSA key, alone or next to a key node:crypto signs', async () => {
    const ecdsaPacket = (await (await loaded.ecdsa.openpgpKeys())[0].getSigningKey()).keyPacket
    expect(digestSigner(ecdsaPacket as unknown as KeyMaterial)).toBeUndefined()
    const mixed = await loadSigningKeys(
      `${generated.ecdsa.armoredPrivate}\n${generated.ed25519.armoredPrivate}`
    )
    expect(mixed.fast).toBeUndefined()
    const cases: [SigningKeys, string[]][] = [
      [loaded.ecdsa, [generated.ecdsa.signingFingerprint]],
      [mixed, [generated.ecdsa.signingFingerprint, generated.ed25519.signingFingerprint]]
    ]
    for (const [keys, expected] of cases) {
      const signature = await detachSign(createReadStream(bigFile), keys)
      // openpgp.js writes the issuer key id into the hashed area, never unhashed.
      expect(await unhashedIssuer(signature)).toEqual(expected.map(() => false))
      const g = await gpgVerify(signature, bigFile)
      expect(g.code).toBe(0)
      expect(g.good.sort()).toEqual([...expected].sort())
    }
  })
})
