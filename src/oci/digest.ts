import { sha256Hex } from '../store/digest.js'

/** `sha256:<hex>` of some bytes: manifests and configs are small enough to hash in memory. */
export function sha256Digest(bytes: Buffer | string): string {
  return `sha256:${sha256Hex(bytes)}`
}

const DIGEST = /^sha256:[a-f0-9]{64}$/

/** Only sha256 digests are accepted: what every registry and every builder produces. */
export function checkDigest(digest: string, where: string): string {
  if (!DIGEST.test(digest))
    throw new Error(`${where}: unsupported or malformed digest ${JSON.stringify(digest)}`)
  return digest
}
