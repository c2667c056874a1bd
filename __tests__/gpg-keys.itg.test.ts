import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as openpgp from 'openpgp'
import { parseDeb } from '../src/repo/deb/parse.js'
import { checkSigningKeys, publicKeyFingerprints, signerKeyIds } from '../src/sign/key-check.js'
import { clearSign, detachSign, loadSigningKeys, type SigningKeys } from '../src/sign/openpgp.js'
import { readPublicKeys, verifyClearSigned, verifyDetached } from '../src/sign/verify.js'
import { commitApt } from '../src/stages/packages/apt.js'
import { signedByAll } from '../src/stages/packages/finish.js'
import { Uploader } from '../src/stages/packages/store-io.js'
import { FileStore } from '../src/store/file.js'
import { AptClient } from './support/apt-client.js'
import { mustRun, requireTools, run } from './support/run.js'
import { quietLogger } from './support/stage-context.js'
import { syntheticDeb } from './support/synthetic-deb.js'

/**
 * Keys made by the real gpg, as release jobs hold them, are read and used without openpgp.js
 * (`secret-key.ts`, `pgp-packets.ts`): RSA and Ed25519, with and without a passphrase. What they
 * sign is checked by gpg and apt; what openpgp.js would have written (the public key file, the
 * clear-signed text) is written byte for byte; bad keys still fail with today's messages.
 */
requireTools({ gpg: 'gnupg', gpgv: 'gpgv', 'apt-get': 'apt' })

const PASSPHRASE = 'two words'
interface GpgKey {
  fingerprint: string
  armoredPrivate: string
  armoredPublic: string
  passphrase: string
}

let tmp: string
let home: string
const keys: Record<string, GpgKey> = {}
const loaded: Record<string, SigningKeys> = {}

async function gpg(...args: string[]): Promise<string> {
  return mustRun('gpg', ['--homedir', home, '--batch', ...args])
}

async function generate(
  name: string,
  algo: string,
  passphrase: string,
  expiry = 'never',
  /** gpg's --faked-system-time: a key made then. */
  madeAt?: string
): Promise<GpgKey> {
  await gpg(
    ...(madeAt ? ['--faked-system-time', madeAt] : []),
    '--pinentry-mode',
    'loopback',
    '--passphrase',
    passphrase,
    '--quick-gen-key',
    `${name} <${name}@example.invalid>`,
    algo,
    'sign',
    expiry
  )
  const listing = await gpg('--with-colons', '--list-secret-keys', `<${name}@example.invalid>`)
  const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(listing)![1]
  const secretArgs = ['--pinentry-mode', 'loopback', '--passphrase', passphrase]
  return {
    fingerprint,
    armoredPrivate: await gpg(...secretArgs, '--armor', '--export-secret-keys', fingerprint),
    armoredPublic: await gpg('--armor', '--export', fingerprint),
    passphrase
  }
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'gpg-keys-'))
  home = path.join(tmp, 'gnupg')
  await fs.mkdir(home, { mode: 0o700 })
  keys.rsa = await generate('rsa', 'rsa2048', '')
  keys.rsaProtected = await generate('rsaprotected', 'rsa3072', PASSPHRASE)
  keys.ed25519 = await generate('ed', 'ed25519', '')
  keys.ed25519Protected = await generate('edprotected', 'ed25519', PASSPHRASE)
  // An encryption subkey beside the primary key that signs, as gpg's default key has.
  const unprotected = ['--pinentry-mode', 'loopback', '--passphrase', '']
  await gpg(...unprotected, '--quick-add-key', keys.rsa.fingerprint, 'rsa2048', 'encr', 'never')
  keys.rsa.armoredPrivate = await gpg(
    ...unprotected,
    '--armor',
    '--export-secret-keys',
    keys.rsa.fingerprint
  )
  keys.rsa.armoredPublic = await gpg('--armor', '--export', keys.rsa.fingerprint)
  for (const [name, key] of Object.entries(keys))
    loaded[name] = await loadSigningKeys(key.armoredPrivate, key.passphrase)
}, 60_000)

afterAll(async () => {
  await run('gpgconf', ['--homedir', home, '--kill', 'all'])
  await fs.rm(tmp, { recursive: true, force: true })
})

describe('keys made by gpg, read without openpgp.js', () => {
  it('reads every one by hand, with the fingerprints, key ids and public key openpgp.js gives', async () => {
    for (const [name, key] of Object.entries(keys)) {
      const ours = loaded[name]
      expect({ name, fast: ours.fast?.length }).toEqual({ name, fast: 1 })
      let theirs = await openpgp.readPrivateKey({ armoredKey: key.armoredPrivate })
      if (!theirs.isDecrypted())
        theirs = await openpgp.decryptKey({ privateKey: theirs, passphrase: key.passphrase })
      expect(ours.fingerprints).toEqual([key.fingerprint])
      expect(ours.keyIds).toEqual([theirs.getKeyIDs().map((id) => id.toHex().toUpperCase())])
      // The published key file keeps its bytes whichever way the key was read.
      expect(ours.publicArmored).toEqual([theirs.toPublic().armor()])
      await expect(checkSigningKeys(ours)).resolves.toBeUndefined()
      expect(await publicKeyFingerprints(key.armoredPublic)).toEqual([key.fingerprint])
    }
    expect(loaded.rsa.keyIds[0]).toHaveLength(2) // the encryption subkey's id too
  })

  it('signs what gpg --verify accepts: detached, and clear-signed as openpgp.js writes it', async () => {
    const text = 'Origin: falco\nLabel: falco \n- dashed line\t\nSHA256:\n 0 1 main\n'
    const data = path.join(tmp, 'data.txt')
    await fs.writeFile(data, text)
    for (const [name, key] of Object.entries(keys)) {
      await gpg('--import', await write(`${name}.pub`, key.armoredPublic))
      const detached = await detachSign(text, loaded[name])
      const asc = await write(`${name}.asc`, detached)
      const verified = await run('gpg', ['--homedir', home, '--batch', '--verify', asc, data])
      expect({ name, code: verified.code }).toEqual({ name, code: 0 })
      expect(await signerKeyIds(detached)).toEqual([key.fingerprint.slice(24)])
      expect(await signedByAll(text, Buffer.from(detached), loaded[name])).toBe(true)
      expect(await signedByAll(`${text}x`, Buffer.from(detached), loaded[name])).toBe(false)

      const signed = await clearSign(text, loaded[name])
      const inRelease = await write(`${name}.InRelease`, signed)
      const clear = await run('gpg', ['--homedir', home, '--batch', '--verify', inRelease])
      expect({ name, code: clear.code, out: clear.stderr }).toMatchObject({ name, code: 0 })
      const reference = await openpgp.sign({
        message: await openpgp.createCleartextMessage({ text }),
        signingKeys: await loaded[name].openpgpKeys(),
        config: { preferredHashAlgorithm: openpgp.enums.hash.sha256 }
      })
      // The same text bytes (openpgp.js may pick a stronger hash from the key's preferences;
      // every signature here is SHA-256, as the detached ones always were).
      const body = (s: string) =>
        s.slice(s.indexOf('\n\n'), s.indexOf('-----BEGIN PGP SIGNATURE-----'))
      expect(signed).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n/)
      expect(body(signed)).toBe(body(reference))
    }
  })

  it('checks those signatures by hand as the verify stage reads them, and a bad one is refused', async () => {
    const text = 'Suite: stable\nCodename: stable\n'
    for (const [name, key] of Object.entries(keys)) {
      const published = await readPublicKeys(key.armoredPublic, 'repository-key.asc')
      expect(published.fast).toHaveLength(1)
      const signed = await clearSign(text, loaded[name])
      expect(await verifyClearSigned(signed, published)).toEqual({ text })
      const detached = await detachSign(text, loaded[name])
      expect(await verifyDetached(Buffer.from(text), detached, published)).toBeUndefined()
      // A changed byte: openpgp.js then gives the reason.
      const tampered = signed.replace('Codename: stable', 'Codename: stabl3')
      expect((await verifyClearSigned(tampered, published)).error).toMatch(/did not match/)
      expect(await verifyDetached(Buffer.from(`${text} `), detached, published)).toMatch(
        /did not match/
      )
      // Signed by another key than the published one.
      const other = name === 'rsa' ? loaded.ed25519 : loaded.rsa
      expect(
        await verifyDetached(Buffer.from(text), await detachSign(text, other), published)
      ).toMatch(/key/i)
    }
  })

  it('takes a signature by any key of a key file holding several blocks (a rotation)', async () => {
    // repository-key.asc during a rotation: one armoured block per key, as gpg --export writes
    // each. Metadata signed by the second key alone (a foreign file may order them either way).
    const file = [keys.rsa.armoredPublic, keys.ed25519.armoredPublic].join('\n')
    const text = 'Suite: stable\nCodename: stable\n'
    const viaOpenpgp = await readPublicKeys(file, 'repository-key.asc')
    expect(viaOpenpgp.fast).toHaveLength(2)
    expect(await verifyClearSigned(await clearSign(text, loaded.ed25519), viaOpenpgp)).toEqual({
      text
    })
    expect(
      await verifyDetached(Buffer.from(text), await detachSign(text, loaded.ed25519), viaOpenpgp)
    ).toBeUndefined()
    // openpgp.js reads every block too (it decides whenever a signature is not checked by hand).
    const keysOf = (await viaOpenpgp.openpgp()).map((k) => k.getFingerprint().toUpperCase())
    expect(keysOf).toEqual([keys.rsa.fingerprint, keys.ed25519.fingerprint])
    const foreign = loaded.rsaProtected
    expect(
      await verifyDetached(Buffer.from(text), await detachSign(text, foreign), viaOpenpgp)
    ).toMatch(/key/i)
  })

  it('still refuses a wrong or missing passphrase and a malformed key, with the same messages', async () => {
    const protectedKey = keys.rsaProtected
    await expect(loadSigningKeys(protectedKey.armoredPrivate, 'wrong')).rejects.toThrow(
      `private key 1 (${protectedKey.fingerprint}): the passphrase does not unlock it`
    )
    await expect(loadSigningKeys(keys.ed25519Protected.armoredPrivate, '')).rejects.toThrow(
      `private key 1 (${keys.ed25519Protected.fingerprint}) is protected: give its passphrase`
    )
    // Cut short: the key packet ends inside its key material.
    const lines = keys.rsa.armoredPrivate.split('\n')
    const crc = lines.findIndex((l) => l.startsWith('='))
    lines.splice(crc - 12, 12)
    await expect(loadSigningKeys(lines.join('\n'))).rejects.toThrow(
      /^private key 1: not a readable OpenPGP key/
    )
  })

  it('reads a key that expires later by hand; one that has expired goes to openpgp.js, which says so', async () => {
    const later = await generate('later', 'ed25519', '', '1y')
    const expiring = await loadSigningKeys(later.armoredPrivate)
    expect(expiring.fast?.[0].expires).toBeGreaterThan(Date.now() / 1000)
    await expect(checkSigningKeys(expiring)).resolves.toBeUndefined()

    const old = await generate('old', 'ed25519', '', '1d', '20200101T000000')
    const expired = await loadSigningKeys(old.armoredPrivate)
    expect(expired.fast).toBeUndefined()
    await expect(checkSigningKeys(expired)).rejects.toThrow(
      `input 'gpg-private-key': key 1 (${old.fingerprint}) cannot sign: it expired on 2020-01-02`
    )
  })

  it('publishes an apt repository apt accepts, signed with a protected gpg Ed25519 key', async () => {
    const root = path.join(tmp, 'repo')
    const store = new FileStore(root)
    const deb = path.join(tmp, 'falco-gpg-1.0.0-x86_64.deb')
    await fs.writeFile(deb, syntheticDeb('falcogpg', '1.0.0'))
    const pkg = await parseDeb(deb)
    const pool = path.join(root, 'deb/stable')
    await fs.mkdir(pool, { recursive: true })
    await fs.copyFile(deb, path.join(pool, path.basename(deb)))
    await commitApt(
      { added: [{ pkg, filename: `stable/${path.basename(deb)}` }] },
      {
        store,
        prefix: 'deb',
        keys: loaded.ed25519Protected,
        log: quietLogger,
        uploader: new Uploader(store, quietLogger)
      }
    )
    const keyFile = await write('apt-key.asc', keys.ed25519Protected.armoredPublic)
    const apt = await AptClient.create(
      path.join(tmp, 'apt'),
      `deb [signed-by=${keyFile}] file://${root}/deb stable main`
    )
    const update = await apt.update()
    expect({ code: update.code, out: update.stdout + update.stderr }).toMatchObject({ code: 0 })
    expect(update.stdout + update.stderr).not.toMatch(/NO_PUBKEY|not signed|BADSIG|W:/)
    expect(await apt.policy('falcogpg')).toContain('1.0.0')
  })
})

async function write(name: string, text: string): Promise<string> {
  const file = path.join(tmp, name)
  await fs.writeFile(file, text)
  return file
}
