import { sign, verify } from 'node:crypto'
import { Readable } from 'node:stream'
import type { Logger } from '../report/log.js'
import type { CosignKey } from './cosign-key.js'
import { sha256Digest } from './digest.js'
import { MANIFEST_TYPES, MediaType, type Descriptor } from './image.js'
import { short, type RegistryClient } from './registry.js'
import type { Repository } from './repository.js'

/**
 * Cosign signatures as cosign writes them and cosign, containers/image (podman, skopeo,
 * CRI-O) and policy-controller read them: an OCI manifest tagged `sha256-<hex>.sig` in the
 * image's repository, one layer per signature, each layer the "simple signing" payload naming
 * the image digest, its ECDSA signature (base64 DER over the payload's bytes) in the
 * `dev.cosignproject.cosign/signature` annotation. Signing is by digest: the tags all share it.
 */

export const SIMPLE_SIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json'
export const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature'

/** Where cosign looks for the signatures of `digest`: the tag `sha256-<hex>.sig`. */
export function signatureTag(digest: string): string {
  return `${digest.replace(':', '-')}.sig`
}

/**
 * The payload cosign signs (pure and deterministic, so a re-run recognises its own signature):
 * the repository as the identity, the manifest digest, cosign's type string.
 */
export function simpleSigningPayload(repository: string, digest: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': repository },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature'
      },
      optional: null
    })
  )
}

/** The signature manifest and its config for the given signature layers (pure). */
export function signatureManifest(layers: Descriptor[]): { manifest: Buffer; config: Buffer } {
  // As cosign's (go-containerregistry's empty image plus layers): the config lists the layers.
  const config = Buffer.from(
    JSON.stringify({
      architecture: '',
      config: {},
      created: '0001-01-01T00:00:00Z',
      history: layers.map(() => ({ created: '0001-01-01T00:00:00Z' })),
      os: '',
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) }
    })
  )
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      config: { mediaType: MediaType.ociConfig, size: config.length, digest: sha256Digest(config) },
      layers
    })
  )
  return { manifest, config }
}

/** True when `signature` (base64 DER) is the key's signature over `payload`. */
export function verifies(key: CosignKey, payload: Buffer, signature: string): boolean {
  try {
    return verify('sha256', payload, key.publicKeyPem, Buffer.from(signature, 'base64'))
  } catch {
    return false
  }
}

export interface SignatureResult {
  /** `sha256-<hex>.sig` */
  tag: string
  /** The digest of the signature manifest now under the tag. */
  digest: string
  /** False when the key's signature of this digest was already there (a re-run). */
  written: boolean
}

async function ensureBlob(client: RegistryClient, repo: Repository, bytes: Buffer) {
  const digest = sha256Digest(bytes)
  if (await client.hasBlob(repo, digest)) return digest
  await client.uploadBlob(repo, digest, bytes.length, (range) =>
    Readable.from([range ? bytes.subarray(range.start, range.end + 1) : bytes])
  )
  return digest
}

/**
 * Signs `digest` in `repo` with the key, unless the key's signature of it is already there.
 * Signatures others made (another key, keyless) stay: the new one is added beside them.
 */
export async function signDigest(
  client: RegistryClient,
  repo: Repository,
  digest: string,
  key: CosignKey,
  log: Logger
): Promise<SignatureResult> {
  const tag = signatureTag(digest)
  const payload = simpleSigningPayload(repo.name, digest)
  const payloadDigest = sha256Digest(payload)
  const existing = await client.getManifest(repo, tag, [...MANIFEST_TYPES])
  let layers: Descriptor[] = []
  if (existing) {
    const parsed = JSON.parse(existing.body.toString('utf8')) as { layers?: Descriptor[] }
    layers = (parsed.layers ?? []).filter((l) => l.mediaType === SIMPLE_SIGNING)
    const ours = layers.find(
      (l) =>
        l.digest === payloadDigest &&
        verifies(key, payload, l.annotations?.[SIGNATURE_ANNOTATION] ?? '')
    )
    if (ours) {
      log.info(`${repo.name}: ${short(digest)} is already signed with this key (${tag})`)
      return { tag, digest: existing.digest, written: false }
    }
  }
  const signature = sign('sha256', payload, key.privateKey).toString('base64')
  await ensureBlob(client, repo, payload)
  layers.push({
    mediaType: SIMPLE_SIGNING,
    size: payload.length,
    digest: payloadDigest,
    annotations: { [SIGNATURE_ANNOTATION]: signature }
  })
  const { manifest, config } = signatureManifest(layers)
  await ensureBlob(client, repo, config)
  const written = await client.putManifest(repo, tag, manifest, MediaType.ociManifest)
  log.info(`${repo.name}: signed ${short(digest)} (${tag})`)
  return { tag, digest: written, written: true }
}
