import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import * as openpgp from 'openpgp'
import { run } from './run.js'

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

/**
 * gpg's verdict on a detached signature, in a keyring of its own that holds only `key`'s public
 * key: its exit code, and whether it reported a good signature (VALIDSIG).
 */
export async function gpgVerifyDetached(
  key: TestKey,
  signatureFile: string,
  file: string
): Promise<{ code: number; valid: boolean }> {
  const home = await fs.mkdtemp(path.join(path.dirname(signatureFile), 'gnupg-'))
  try {
    await run('gpg', ['--homedir', home, '--batch', '--import', await writePublicKey(home, key)])
    const gpg = await run('gpg', [
      ...['--homedir', home, '--batch', '--status-fd', '1'],
      ...['--verify', signatureFile, file]
    ])
    return { code: gpg.code, valid: /^\[GNUPG:\] VALIDSIG /m.test(gpg.stdout) }
  } finally {
    await fs.rm(home, { recursive: true, force: true })
  }
}
