import { sign, verify } from 'node:crypto'
import type { Logger } from '../report/log.js'
import type { CosignKey } from './cosign-key.js'
import { sha256Digest } from './digest.js'
import { MANIFEST_TYPES, MediaType, type Descriptor } from './image.js'
import { ensureBlob } from './referrers.js'
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

/**
 * True when `layer` of a `.sig` manifest is a signature of `payload` by the key whose public half
 * is `publicKeyPem`: what `cosign verify --key` accepts (a re-run's check, and the verify stage's).
 */
export function isKeySignature(layer: Descriptor, payload: Buffer, publicKeyPem: string): boolean {
  if (layer.digest !== sha256Digest(payload)) return false
  const signature = layer.annotations?.[SIGNATURE_ANNOTATION] ?? ''
  try {
    return verify('sha256', payload, publicKeyPem, Buffer.from(signature, 'base64'))
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
  return addSignature(
    client,
    repo,
    digest,
    {
      isOurs: (l, payload) => isKeySignature(l, payload, key.publicKeyPem),
      annotate: async (payload) => ({
        [SIGNATURE_ANNOTATION]: sign('sha256', payload, key.privateKey).toString('base64')
      }),
      already: 'with this key',
      as: ''
    },
    log
  )
}

/** Who adds a signature to a `.sig` manifest: how it knows its own, and how it signs. */
export interface SignatureLayerSigner {
  /** True when `layer` is this signer's signature of `payload`. */
  isOurs(layer: Descriptor, payload: Buffer): boolean | Promise<boolean>
  /** The annotations of a new signature of `payload` (the signature, and a certificate if any). */
  annotate(payload: Buffer): Promise<Record<string, string>>
  /** For the log: "is already signed <already>", "signed <digest> <as>(<tag>)". */
  already: string
  as: string
}

/**
 * Adds a signature of `digest` to its `.sig` manifest in `repo`, unless `signer` finds one of
 * its own there already (a re-run). Signatures others made stay beside the new one.
 */
export async function addSignature(
  client: RegistryClient,
  repo: Repository,
  digest: string,
  signer: SignatureLayerSigner,
  log: Logger
): Promise<SignatureResult> {
  const tag = signatureTag(digest)
  const payload = simpleSigningPayload(repo.name, digest)
  const existing = await client.getManifest(repo, tag, [...MANIFEST_TYPES])
  let layers: Descriptor[] = []
  if (existing) {
    const parsed = JSON.parse(existing.body.toString('utf8')) as { layers?: Descriptor[] }
    layers = (parsed.layers ?? []).filter((l) => l.mediaType === SIMPLE_SIGNING)
    const ours = await Promise.all(layers.map((l) => signer.isOurs(l, payload)))
    if (ours.includes(true)) {
      log.info(`${repo.name}: ${short(digest)} is already signed ${signer.already} (${tag})`)
      return { tag, digest: existing.digest, written: false }
    }
  }
  const annotations = await signer.annotate(payload)
  await ensureBlob(client, repo, payload)
  layers.push({
    mediaType: SIMPLE_SIGNING,
    size: payload.length,
    digest: sha256Digest(payload),
    annotations
  })
  const { manifest, config } = signatureManifest(layers)
  await ensureBlob(client, repo, config)
  const written = await client.putManifest(repo, tag, manifest, MediaType.ociManifest)
  log.info(`${repo.name}: signed ${short(digest)} ${signer.as}(${tag})`)
  return { tag, digest: written, written: true }
}
