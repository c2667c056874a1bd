import { loadOpenpgp, splitArmorBlocks, type SigningKeys } from './openpgp.js'
import { armoredPackets, publicKey, signature, TAG } from './pgp-packets.js'
import { validAt } from './secret-key.js'

/**
 * Checks on the signing keys made when a run is planned, before any byte is written: a key
 * that cannot sign, or one that is not the key the repositories are signed with, found only
 * after package files were uploaded would leave the repositories failing every client's check.
 */

/** Every key can sign now: not expired, not revoked, and holding a signing-capable (sub)key. */
export async function checkSigningKeys(keys: SigningKeys, now = new Date()): Promise<void> {
  // Keys read by hand were checked able to sign when read (see `checkKey`).
  if (keys.fast && validAt(keys.fast, now.getTime() / 1000)) return
  for (const [i, key] of (await keys.openpgpKeys()).entries()) {
    const fingerprint = keys.fingerprints[i]
    try {
      await key.getSigningKey(undefined, now)
    } catch (e) {
      const expires = await key.getExpirationTime().catch(() => null)
      const why =
        expires instanceof Date && expires.getTime() <= now.getTime()
          ? `it expired on ${expires.toISOString().slice(0, 10)}; extend it ` +
            `(gpg --quick-set-expire ${fingerprint} 1y '*') and export it again, or give another key`
          : `it has no (sub)key that can sign now (${firstLine(e)}); add one ` +
            `(gpg --quick-add-key ${fingerprint} ed25519 sign) and export it again, or give another key`
      throw new Error(
        `input 'gpg-private-key': key ${i + 1} (${fingerprint}) cannot sign: ${why}. Nothing was written.`
      )
    }
  }
}

/** The primary fingerprints (upper-case hex) of the armoured public keys in `armored`. */
export async function publicKeyFingerprints(armored: string): Promise<string[]> {
  try {
    return splitArmorBlocks(armored, 'PUBLIC KEY BLOCK').flatMap((block) =>
      armoredPackets(block, 'PUBLIC KEY BLOCK')
        .filter((p) => p.tag === TAG.publicKey)
        .map((p) => publicKey(p.body).key.fingerprint.toString('hex').toUpperCase())
    )
  } catch {
    // Read by hand when it can be (no openpgp.js to load), else as openpgp.js reads it.
  }
  const openpgp = await loadOpenpgp()
  const out: string[] = []
  for (const block of splitArmorBlocks(armored, 'PUBLIC KEY BLOCK')) {
    const keys = await openpgp.readKeys({ armoredKeys: block }).catch(() => [])
    out.push(...keys.map((k) => k.getFingerprint().toUpperCase()))
  }
  return out
}

/**
 * A run signs with `keys`; the repositories' published public key file holds `published`
 * (its fingerprints). Unless every published key is among the signing keys, the new key file
 * would drop a key the untouched parts of the repositories are still signed with, and apt and
 * dnf would then reject them: refused, naming both, unless this is a `re-sign`.
 */
export function checkKeyContinuity(published: string[], keys: SigningKeys, keyFile: string): void {
  const missing = published.filter((f) => !keys.fingerprints.includes(f))
  if (published.length === 0 || missing.length === 0) return
  throw new Error(
    `input 'gpg-private-key': the repositories are signed with ${missing.join(', ')} ` +
      `(published in ${keyFile}), but the key given is ${keys.fingerprints.join(', ')}. ` +
      `Publishing would replace the public key that users check the existing packages with. ` +
      `To rotate keys, give both keys in gpg-private-key (old and new, one block after the other); ` +
      `to re-sign everything with the new key, run 'falco-publish re-sign' for each channel. Nothing was written.`
  )
}

/** The key ids (upper-case hex) that made the signatures of an armoured or clear-signed text. */
export async function signerKeyIds(armored: string): Promise<string[]> {
  try {
    return armoredPackets(armored, 'SIGNATURE').map((p) => {
      const sig = signature(p.body)
      const id = sig.issuerFingerprint?.subarray(12) ?? sig.issuer
      if (p.tag !== TAG.signature || !id) throw new Error('not a signature packet')
      return id.toString('hex').toUpperCase()
    })
  } catch {
    // Read by hand when it can be, else as openpgp.js reads it.
  }
  const openpgp = await loadOpenpgp()
  try {
    if (armored.includes('-----BEGIN PGP SIGNED MESSAGE-----')) {
      const message = await openpgp.readCleartextMessage({ cleartextMessage: armored })
      return message.getSigningKeyIDs().map((id) => id.toHex().toUpperCase())
    }
    const signature = await openpgp.readSignature({ armoredSignature: armored })
    return signature.getSigningKeyIDs().map((id) => id.toHex().toUpperCase())
  } catch {
    return []
  }
}

/**
 * The armoured public keys among `armored` whose primary key or a subkey has one of `keyIds`
 * (or all of them): the published keys something still carries a signature of.
 */
export async function keysSigning(armored: string, keyIds: Set<string> | 'all'): Promise<string[]> {
  const openpgp = await loadOpenpgp()
  const out: string[] = []
  for (const block of splitArmorBlocks(armored, 'PUBLIC KEY BLOCK')) {
    const keys = await openpgp.readKeys({ armoredKeys: block }).catch(() => [])
    for (const key of keys) {
      const ids = key.getKeyIDs().map((id) => id.toHex().toUpperCase())
      if (keyIds === 'all' || ids.some((id) => keyIds.has(id))) out.push(key.armor())
    }
  }
  return out
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0]
}
