import * as openpgp from 'openpgp'
import { headerLength, HeaderValues, parseHeader, RpmType } from './header.js'

/** The lead before the signature header (RPM v3 lead). */
const LEAD = 96
/** RPMSIGTAG_RSA (268, RSA keys) and RPMSIGTAG_DSA (267, DSA/EdDSA/ECDSA keys): header signatures. */
const HEADER_SIGNATURE_TAGS = [268, 267]

/** How much of an .rpm holds its lead and signature header, read to find who signed it. */
export const SIGNATURE_HEADER_BYTES = 64 * 1024

/**
 * The OpenPGP key ids (upper-case hex) that signed an RPM's header, read from the file's first
 * bytes (`head`). An RPM's header signature cannot be re-signed without changing the package,
 * so its key must stay in the published key file for dnf to install it. Empty when unsigned or
 * unreadable.
 */
export async function rpmHeaderSigners(head: Buffer): Promise<string[]> {
  try {
    if (head.length < LEAD + 16) return []
    headerLength(head.subarray(LEAD), 'signature header')
    const values = new HeaderValues(parseHeader(head.subarray(LEAD), 'signature header'))
    const ids: string[] = []
    for (const tag of HEADER_SIGNATURE_TAGS) {
      const entry = values.header.entries.find((e) => e.tag === tag && e.type === RpmType.BIN)
      if (!values.has(tag) || !entry) continue
      const signature = await openpgp.readSignature({ binarySignature: entry.data })
      ids.push(...signature.getSigningKeyIDs().map((id) => id.toHex().toUpperCase()))
    }
    return ids
  } catch {
    return []
  }
}
