import { Readable } from 'node:stream'
import { sha256Digest } from './digest.js'
import { INDEX_TYPES, MediaType, type Descriptor } from './image.js'
import type { RegistryClient } from './registry.js'
import type { Repository } from './repository.js'

/**
 * OCI 1.1 referrers: an artifact manifest whose `subject` names the image. Registries with the
 * referrers API index it themselves; for the others (Distribution 2.8, older ECR) the referrers
 * tag schema of the distribution spec lists it under the tag `sha256-<hex>`, which oras,
 * cosign and regclient read when the API answers 404.
 */

export const EMPTY_CONFIG = {
  mediaType: 'application/vnd.oci.empty.v1+json',
  bytes: Buffer.from('{}')
}

/** The tag the referrers tag schema uses for `digest`'s referrers. */
export function referrersTag(digest: string): string {
  return digest.replace(':', '-')
}

export async function ensureBlob(client: RegistryClient, repo: Repository, bytes: Buffer) {
  const digest = sha256Digest(bytes)
  if (!(await client.hasBlob(repo, digest)))
    await client.uploadBlob(repo, digest, bytes.length, (range) =>
      Readable.from([range ? bytes.subarray(range.start, range.end + 1) : bytes])
    )
  return digest
}

/** An image's referrers, and whether the registry lists them itself (the referrers API). */
export interface ReferrersListing {
  /** True: the registry has the referrers API, and indexes what is pushed. */
  api: boolean
  manifests: Descriptor[]
}

/**
 * The referrers of `digest`, as clients find them: through the referrers API where the registry
 * has it (then nothing is kept under the tag schema: a re-run must look there to find what it
 * attached), else under the tag schema (empty when there is no such tag).
 */
export async function listedReferrers(
  client: RegistryClient,
  repo: Repository,
  digest: string
): Promise<ReferrersListing> {
  const viaApi = await client.referrers(repo, digest)
  if (viaApi) return { api: true, manifests: viaApi }
  const listing = await client.getManifest(repo, referrersTag(digest), [...INDEX_TYPES])
  return {
    api: false,
    manifests: listing
      ? ((JSON.parse(listing.body.toString('utf8')) as { manifests?: Descriptor[] }).manifests ??
        [])
      : []
  }
}

export interface Referrer {
  artifactType: string
  layer: { mediaType: string; bytes: Buffer; annotations?: Record<string, string> }
  annotations: Record<string, string>
}

/**
 * Pushes `referrer` as a manifest of `subject` (by digest) and, where the registry has no
 * referrers API, adds it to the tag-schema listing `listed` that was read before.
 */
export async function attachReferrer(
  client: RegistryClient,
  repo: Repository,
  subject: { digest: string; mediaType: string; size: number },
  referrer: Referrer,
  listed: ReferrersListing
): Promise<string> {
  const { artifactType, layer, annotations } = referrer
  await ensureBlob(client, repo, layer.bytes)
  await ensureBlob(client, repo, EMPTY_CONFIG.bytes)
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      artifactType,
      config: {
        mediaType: EMPTY_CONFIG.mediaType,
        digest: sha256Digest(EMPTY_CONFIG.bytes),
        size: EMPTY_CONFIG.bytes.length
      },
      layers: [
        {
          mediaType: layer.mediaType,
          digest: sha256Digest(layer.bytes),
          size: layer.bytes.length,
          ...(layer.annotations ? { annotations: layer.annotations } : {})
        }
      ],
      subject,
      annotations
    })
  )
  const digest = await client.putManifest(
    repo,
    sha256Digest(manifest),
    manifest,
    MediaType.ociManifest
  )
  if (!listed.api) {
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociIndex,
        manifests: [
          ...listed.manifests,
          {
            mediaType: MediaType.ociManifest,
            digest,
            size: manifest.length,
            artifactType,
            annotations
          }
        ]
      })
    )
    await client.putManifest(repo, referrersTag(subject.digest), index, MediaType.ociIndex)
  }
  return digest
}
