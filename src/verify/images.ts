import type { ImageSigner, Published } from '../plan.js'
import type { CheckResult, Finding } from './findings.js'

/** The digest a registry resolves `repository:tag` to now, as `docker pull` would; undefined when unknown. */
export type ResolveTag = (repository: string, tag: string) => Promise<string | undefined>

/**
 * Whether `repository` serves `signer`'s cosign signature of `digest`, and of each platform
 * manifest when `digest` is an index, as `cosign verify` and podman read them: each
 * `sha256-<hex>.sig` tag (`file`) holds a layer signing it that verifies, its payload blob served.
 */
export type CheckSignature = (
  repository: string,
  digest: string,
  signer: ImageSigner
) => Promise<SignatureCheck[]>

export interface SignatureCheck {
  file: string
  status: 'signed' | 'no-tag' | 'not-by-signer' | 'no-payload'
}

/**
 * Every tag this run pushed resolves, on every repository, to the digest pushed; and every digest
 * it signed is signed there (with `checkSignature`): a mirror that copies tags but not signatures
 * serves images that signature policies reject.
 */
export async function checkImages(
  images: Published[],
  resolve: ResolveTag,
  signal?: AbortSignal,
  checkSignature?: CheckSignature
): Promise<CheckResult[]> {
  const byRepository = new Map<string, Published[]>()
  for (const image of images) {
    const { repository } = splitReference(image.path)
    byRepository.set(repository, [...(byRepository.get(repository) ?? []), image])
  }
  return Promise.all(
    [...byRepository].map(async ([repository, tagged]) => {
      const findings: Finding[] = []
      for (const image of tagged) {
        // Another check failed the run: no further tag is asked for.
        signal?.throwIfAborted()
        const { tag } = splitReference(image.path)
        let served: string | undefined
        try {
          served = await resolve(repository, tag)
        } catch (e) {
          served = `error: ${e instanceof Error ? e.message : String(e)}`
        }
        if (served !== image.digest)
          findings.push({
            kind: 'images',
            file: image.path,
            problem: served === undefined ? 'missing' : 'differs',
            served: served ?? 'no such tag',
            published: image.digest ?? '?'
          })
      }
      // Each signed digest once (the tags of one push share it; arch tags name platforms).
      const signed = new Map<string, ImageSigner>()
      for (const image of tagged)
        if (image.signer && image.digest) signed.set(image.digest, image.signer)
      // A platform's signature is checked once, under the index or its own arch tag.
      const seen = new Set<string>()
      let checked = tagged.length
      if (checkSignature)
        for (const [digest, signer] of signed) {
          signal?.throwIfAborted()
          for (const { file, status } of await checkSignature(repository, digest, signer)) {
            if (seen.has(file)) continue
            seen.add(file)
            checked++
            if (status !== 'signed')
              findings.push({
                kind: 'images',
                file,
                problem: status === 'no-payload' ? 'missing' : 'signature',
                served: SERVED[status],
                published: signedBy(signer)
              })
          }
        }
      return { kind: 'images' as const, target: repository, checked, findings }
    })
  )
}

/** `registry/path:tag` split at the tag's colon (a registry's port has a colon too). */
export function splitReference(reference: string): { repository: string; tag: string } {
  const colon = reference.lastIndexOf(':')
  if (colon < reference.lastIndexOf('/') || colon < 0)
    return { repository: reference, tag: 'latest' }
  return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) }
}

const SERVED = {
  'no-tag': 'no signature tag',
  'not-by-signer': 'no signature of this digest by the signer that verifies',
  'no-payload': 'the signature, but not the payload blob it signs'
} as const

function signedBy(signer: ImageSigner): string {
  return 'publicKey' in signer
    ? 'signed with cosign-private-key'
    : `signed keyless as ${signer.identity}`
}
