import * as openpgp from 'openpgp'

/**
 * Checking signatures as apt, dnf and `gpg --verify` do, with openpgp.js: a clear-signed document
 * (InRelease) or a detached armoured signature (Release.gpg, repomd.xml.asc, SHA256SUMS.asc) must
 * carry at least one valid signature by one of the published keys. Each returns undefined when
 * the signature holds, else why not, in words a finding can show.
 */

/** Reads the published public key file (one or several armoured blocks, as `repository-key.asc` holds). */
export async function readPublicKeys(armored: string, where: string): Promise<openpgp.Key[]> {
  try {
    const keys = await openpgp.readKeys({ armoredKeys: armored })
    if (keys.length === 0) throw new Error('no key in it')
    return keys
  } catch (e) {
    throw new Error(`${where}: not a readable OpenPGP public key (${firstLine(e)})`)
  }
}

/** Checks a clear-signed document; on success also returns its signed text. */
export async function verifyClearSigned(
  signed: string,
  keys: openpgp.Key[]
): Promise<{ error?: string; text?: string }> {
  let message: openpgp.CleartextMessage
  try {
    message = await openpgp.readCleartextMessage({ cleartextMessage: signed })
  } catch (e) {
    return { error: `not a clear-signed document (${firstLine(e)})` }
  }
  const error = await anyValid(openpgp.verify({ message, verificationKeys: keys }))
  return error ? { error } : { text: message.getText() }
}

/** Checks a detached armoured signature over `data`. */
export async function verifyDetached(
  data: Uint8Array,
  armoredSignature: string,
  keys: openpgp.Key[]
): Promise<string | undefined> {
  let signature: openpgp.Signature
  try {
    signature = await openpgp.readSignature({ armoredSignature })
  } catch (e) {
    return `not an armoured signature (${firstLine(e)})`
  }
  const message = await openpgp.createMessage({ binary: data })
  return anyValid(openpgp.verify({ message, signature, verificationKeys: keys }))
}

/** A client accepts a document when one of its signatures is by a trusted key and valid. */
async function anyValid(
  result: Promise<openpgp.VerifyMessageResult<string | Uint8Array>>
): Promise<string | undefined> {
  let signatures: openpgp.VerifyMessageResult['signatures']
  try {
    signatures = (await result).signatures
  } catch (e) {
    return firstLine(e)
  }
  const reasons: string[] = []
  for (const s of signatures) {
    try {
      await s.verified
      return undefined
    } catch (e) {
      reasons.push(`key ${s.keyID.toHex().toUpperCase()}: ${firstLine(e)}`)
    }
  }
  return reasons.length ? reasons.join('; ') : 'no signature in it'
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0]
}
