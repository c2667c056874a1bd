import type * as openpgp from 'openpgp'
import { loadOpenpgp, splitArmorBlocks } from './openpgp.js'
import {
  armoredPackets,
  checkKey,
  checkSignature,
  dearmor,
  packets,
  TAG,
  type CheckedKey,
  type Packet
} from './pgp-packets.js'

/**
 * Checking signatures as apt, dnf and `gpg --verify` do: a clear-signed document (InRelease) or
 * a detached armoured signature (Release.gpg, repomd.xml.asc, SHA256SUMS.asc) must carry at
 * least one valid signature by one of the published keys. Each returns undefined when the
 * signature holds, else why not, in words a finding can show.
 *
 * A signature `pgp-packets.ts` can check by hand (gpg's RSA and Ed25519 keys, as a publish signs)
 * and finds valid is taken as valid without loading openpgp.js; every other case, a failure
 * included, is decided by openpgp.js, which gives the reasons.
 */

export interface PublicKeys {
  /** The keys read by hand, when every key could be. */
  fast?: CheckedKey[]
  /** openpgp.js's reading of the same keys, made on first call. */
  openpgp(): Promise<openpgp.Key[]>
}

/** Reads the published public key file (one or several armoured blocks, as `repository-key.asc` holds). */
export async function readPublicKeys(armored: string, where: string): Promise<PublicKeys> {
  let read: Promise<openpgp.Key[]> | undefined
  const withOpenpgp = () => (read ??= readWithOpenpgp(armored, where))
  const fast = readFast(armored)
  if (fast) return { fast, openpgp: withOpenpgp }
  await withOpenpgp() // throws now when the file is unreadable, as before
  return { openpgp: withOpenpgp }
}

/**
 * openpgp.js reads one armoured block per call: during a key rotation the file holds one per key
 * (old and new), and a signature by any of them counts, as with apt's keyring.
 */
async function readWithOpenpgp(armored: string, where: string): Promise<openpgp.Key[]> {
  const openpgp = await loadOpenpgp()
  try {
    const blocks = splitArmorBlocks(armored, 'PUBLIC KEY BLOCK')
    const keys: openpgp.Key[] = []
    for (const block of blocks.length ? blocks : [armored])
      keys.push(...(await openpgp.readKeys({ armoredKeys: block })))
    if (keys.length === 0) throw new Error('no key in it')
    return keys
  } catch (e) {
    throw new Error(`${where}: not a readable OpenPGP public key (${firstLine(e)})`)
  }
}

/** The keys of every armoured block, each checked, or undefined if one cannot be read by hand. */
function readFast(armored: string): CheckedKey[] | undefined {
  try {
    const blocks = dearmor(armored, 'PUBLIC KEY BLOCK') ?? []
    const keys: Packet[][] = []
    for (const bytes of blocks) {
      let inBlock = false
      for (const p of packets(bytes)) {
        if (p.tag === TAG.publicKey) {
          keys.push([])
          inBlock = true
        }
        // A block must start with its primary key: else openpgp.js decides.
        if (!inBlock) return undefined
        keys[keys.length - 1].push(p)
      }
    }
    const now = Math.floor(Date.now() / 1000)
    return keys.length > 0 ? keys.map((k) => checkKey(k, now)) : undefined
  } catch {
    return undefined
  }
}

/** Checks a clear-signed document; on success also returns its signed text. */
export async function verifyClearSigned(
  signed: string,
  keys: PublicKeys
): Promise<{ error?: string; text?: string }> {
  const parsed = keys.fast && parseCleartext(signed)
  if (parsed && anyValidFast(parsed.signature, keys.fast!, parsed.text, parsed.hashes))
    return { text: parsed.text.replace(/\r\n/g, '\n') }
  const openpgp = await loadOpenpgp()
  let message: openpgp.CleartextMessage
  try {
    message = await openpgp.readCleartextMessage({ cleartextMessage: signed })
  } catch (e) {
    return { error: `not a clear-signed document (${firstLine(e)})` }
  }
  const error = await anyValid(openpgp.verify({ message, verificationKeys: await keys.openpgp() }))
  return error ? { error } : { text: message.getText() }
}

/** Checks a detached armoured signature over `data`. */
export async function verifyDetached(
  data: Uint8Array,
  armoredSignature: string,
  keys: PublicKeys
): Promise<string | undefined> {
  if (keys.fast && anyValidFast(armoredSignature, keys.fast, data)) return undefined
  const openpgp = await loadOpenpgp()
  let signature: openpgp.Signature
  try {
    signature = await openpgp.readSignature({ armoredSignature })
  } catch (e) {
    return `not an armoured signature (${firstLine(e)})`
  }
  const message = await openpgp.createMessage({ binary: data })
  return anyValid(openpgp.verify({ message, signature, verificationKeys: await keys.openpgp() }))
}

/**
 * True when one signature packet of the armoured signature is valid by one of the keys (and,
 * for a clear-signed text, of a hash its header names); false when this cannot tell.
 */
function anyValidFast(
  armoredSignature: string,
  keys: CheckedKey[],
  data: Uint8Array | string,
  hashes?: string[]
): boolean {
  try {
    return armoredPackets(armoredSignature, 'SIGNATURE').some(
      (p) =>
        p.tag === TAG.signature &&
        checkSignature(p.body, keys, (h) => h.update(data), undefined, hashes) === true
    )
  } catch {
    return false
  }
}

/**
 * A clear-signed document's parts as openpgp.js reads them: the hashes its `Hash:` header names,
 * the text (trailing spaces cut, dash-escapes undone, lines joined by CRLF) and the signature.
 */
function parseCleartext(
  signed: string
): { hashes: string[]; text: string; signature: string } | undefined {
  const lines = signed.split('\n').map((l) => l.replace(/\r/g, '').replace(/[ \t]+$/, ''))
  const begin = lines.indexOf('-----BEGIN PGP SIGNED MESSAGE-----')
  if (begin < 0) return undefined
  const blank = lines.indexOf('', begin + 1)
  if (blank < 0) return undefined
  const hashes: string[] = []
  for (const header of lines.slice(begin + 1, blank)) {
    const m = /^Hash: ([A-Z0-9]+(?:,[A-Z0-9]+)*)$/.exec(header)
    if (!m) return undefined
    hashes.push(...m[1].split(','))
  }
  const end = lines.findIndex((l, i) => i > blank && /^-----[^-]+-----$/.test(l))
  if (end < 0 || lines[end] !== '-----BEGIN PGP SIGNATURE-----') return undefined
  const text = lines
    .slice(blank + 1, end)
    .map((l) => l.replace(/^- /, ''))
    .join('\r\n')
  return { hashes, text, signature: lines.slice(end).join('\n') }
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
