import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import * as openpgp from 'openpgp'

/** A signing key generated for the test (never a committed private key). */
export interface TestKey {
  armoredPrivate: string
  armoredPublic: string
  fingerprint: string
}

export async function generateTestKey(
  type: 'rsa' | 'ecc' = 'rsa',
  passphrase?: string
): Promise<TestKey> {
  const { privateKey, publicKey } = await openpgp.generateKey({
    type,
    ...(type === 'rsa' ? { rsaBits: 2048 } : {}),
    userIDs: [{ name: 'falco-publish test', email: 'test@example.invalid' }],
    passphrase,
    format: 'armored'
  })
  const key = await openpgp.readKey({ armoredKey: publicKey })
  return {
    armoredPrivate: privateKey,
    armoredPublic: publicKey,
    fingerprint: key.getFingerprint().toUpperCase()
  }
}

/** Writes the public key where apt's signed-by, dnf's gpgkey and gpg can read it. */
export async function writePublicKey(dir: string, key: TestKey, name = 'key.asc'): Promise<string> {
  const file = path.join(dir, name)
  await fs.writeFile(file, key.armoredPublic)
  return file
}

/** Writes the armoured private key to `dir/private.asc` (what `--gpg-private-key @file` reads). */
export async function writePrivateKey(dir: string, key: TestKey): Promise<string> {
  const file = path.join(dir, 'private.asc')
  await fs.writeFile(file, key.armoredPrivate)
  return file
}
