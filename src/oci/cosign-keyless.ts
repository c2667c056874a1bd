import { verify, X509Certificate } from 'node:crypto'
import type { Logger } from '../report/log.js'
import { addSignature, SIGNATURE_ANNOTATION, type SignatureResult } from './cosign-signature.js'
import { sha256Digest } from './digest.js'
import type { Descriptor } from './image.js'
import { BUNDLE_V03, buildSignerUri, type KeylessSigner } from './keyless.js'
import { BUNDLE_CONTENT, BUNDLE_PREDICATE } from './provenance.js'
import { attachReferrer, listedReferrers } from './referrers.js'
import { short, type RegistryClient } from './registry.js'
import type { Repository } from './repository.js'

/**
 * Where keyless signatures go, so that both generations of clients find them:
 * - cosign's `sha256-<hex>.sig` tag (cosign 1-2, containers/image's `sigstoreSigned` with
 *   Fulcio, policy-controller): a simple-signing layer whose annotations carry the signature,
 *   the Fulcio certificate and chain, and the Rekor entry (`dev.sigstore.cosign/bundle`);
 * - an OCI 1.1 referrer holding a sigstore bundle v0.3 (cosign 3, `--new-bundle-format`): a
 *   DSSE envelope of an in-toto statement with cosign's signing predicate type.
 */

export const CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate'
export const CHAIN_ANNOTATION = 'dev.sigstore.cosign/chain'
export const BUNDLE_ANNOTATION = 'dev.sigstore.cosign/bundle'
/** The predicate type cosign v3 gives an image signature. */
export const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1'
/** On our bundle referrers: who signed, so a re-run with the same identity finds its own. */
const SIGNER_ANNOTATION = 'dev.falco-publish.signer'

/**
 * True when `layer` is a keyless signature of `payload` by `identity` that verifies with its
 * certificate's key (a re-run's check, and the verify stage's). The certificate's chain to
 * Fulcio's root and the Rekor entry are cosign's to check: they need sigstore's trust root.
 */
export async function isKeylessSignature(
  layer: Descriptor,
  payload: Buffer,
  identity: string
): Promise<boolean> {
  const pem = layer.annotations?.[CERTIFICATE_ANNOTATION]
  const signature = layer.annotations?.[SIGNATURE_ANNOTATION]
  if (!pem || !signature || layer.digest !== sha256Digest(payload)) return false
  if ((await buildSignerUri(pem)) !== identity) return false
  try {
    const key = new X509Certificate(pem).publicKey
    return verify('sha256', payload, key, Buffer.from(signature, 'base64'))
  } catch {
    return false
  }
}

/**
 * Signs `digest` in `repo` keylessly under its `.sig` tag, unless a signature of it by the
 * same identity is already there. Other signatures (a key, another identity) stay beside it.
 */
export async function signDigestKeyless(
  client: RegistryClient,
  repo: Repository,
  digest: string,
  signer: KeylessSigner,
  log: Logger
): Promise<SignatureResult> {
  return addSignature(
    client,
    repo,
    digest,
    {
      isOurs: (l, payload) => isKeylessSignature(l, payload, signer.identity),
      annotate: async (payload) => {
        const signed = await signer.signMessage(payload)
        return {
          [SIGNATURE_ANNOTATION]: signed.signature,
          [CERTIFICATE_ANNOTATION]: signed.certificate,
          [CHAIN_ANNOTATION]: signed.chain,
          [BUNDLE_ANNOTATION]: signed.rekorBundle
        }
      },
      already: `by ${signer.identity}`,
      as: `keyless as ${signer.identity} `
    },
    log
  )
}

/** The in-toto statement cosign v3 signs for an image (pure). */
export function signingStatement(repository: string, digest: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: repository, digest: { sha256: digest.replace(/^sha256:/, '') } }],
      predicateType: COSIGN_SIGN_PREDICATE,
      predicate: {}
    })
  )
}

export interface BundleResult {
  /** The referrer manifest's digest. */
  digest: string
  /** What it signs. */
  subject: string
  /** Who signed (the certificate's subject alternative name). */
  identity: string
  written: boolean
}

/**
 * Attaches a sigstore bundle signing `subject` as a referrer of it, as cosign v3 does, unless
 * one by the same identity is already listed.
 */
export async function attachSignatureBundle(
  client: RegistryClient,
  repo: Repository,
  subject: { digest: string; mediaType: string; size: number },
  signer: KeylessSigner,
  log: Logger
): Promise<BundleResult> {
  const listed = await listedReferrers(client, repo, subject.digest)
  const found = listed.manifests.find(
    (d) =>
      d.annotations?.[BUNDLE_PREDICATE] === COSIGN_SIGN_PREDICATE &&
      d.annotations?.[SIGNER_ANNOTATION] === signer.identity
  )
  if (found) {
    log.info(
      `${repo.name}: ${short(subject.digest)} already has a signature bundle by ${signer.identity}`
    )
    return {
      digest: found.digest,
      subject: subject.digest,
      identity: signer.identity,
      written: false
    }
  }
  const signed = await signer.signStatement(signingStatement(repo.name, subject.digest))
  const bundleAnnotations = {
    [BUNDLE_CONTENT]: 'dsse-envelope',
    [BUNDLE_PREDICATE]: COSIGN_SIGN_PREDICATE
  }
  const digest = await attachReferrer(
    client,
    repo,
    subject,
    {
      artifactType: BUNDLE_V03,
      layer: { mediaType: BUNDLE_V03, bytes: signed.json, annotations: bundleAnnotations },
      annotations: { ...bundleAnnotations, [SIGNER_ANNOTATION]: signer.identity }
    },
    listed
  )
  log.info(`${repo.name}: attached a signature bundle to ${short(subject.digest)}`)
  return { digest, subject: subject.digest, identity: signer.identity, written: true }
}
