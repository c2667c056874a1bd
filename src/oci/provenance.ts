import { createHash, createPublicKey, sign } from 'node:crypto'
import type { Logger } from '../report/log.js'
import type { CosignKey } from './cosign-key.js'
import { sha256Digest } from './digest.js'
import { BUNDLE_V03, type KeylessSigner } from './keyless.js'
import { short, type RegistryClient } from './registry.js'
import { attachReferrer, listedReferrers, referrersTag, type Referrer } from './referrers.js'
import type { Repository } from './repository.js'

/**
 * SLSA provenance for a pushed image (in-toto Statement v1, predicate SLSA v1): the subject
 * is the image's digest, the builder the workflow run, the resolved dependency the commit.
 * It is signed as a DSSE envelope (with the cosign key, or keyless) and attached in a sigstore
 * bundle as an OCI 1.1 referrer of the image, as cosign 3 attests: a manifest whose `subject`
 * names the image. Registries without the referrers API
 * (Distribution 2.8, older ECR) are served by the referrers tag schema of the distribution
 * spec: an index tagged `sha256-<hex>` listing the referrers, which clients (oras, cosign,
 * regclient) read when the API answers 404.
 */

export const IN_TOTO = 'application/vnd.in-toto+json'
export const SLSA_V1 = 'https://slsa.dev/provenance/v1'
/** On the referrer: the statement's digest, so a re-run finds the provenance it wrote. */
const STATEMENT_DIGEST = 'dev.falco-publish.statement.digest'
const PREDICATE_TYPE = 'in-toto.io/predicate-type'
/** cosign v3's annotations on a bundle referrer (its manifest and its layer). */
export const BUNDLE_CONTENT = 'dev.sigstore.bundle.content'
export const BUNDLE_PREDICATE = 'dev.sigstore.bundle.predicateType'

/** Where the build ran, from the runner's GITHUB_* variables. */
export interface BuildRun {
  server: string
  repository: string
  /** `owner/repo/.github/workflows/release.yaml@refs/tags/0.40.0` */
  workflowRef: string
  runId: string
  runAttempt: string
  ref: string
  sha: string
  eventName: string
}

export function buildRunFromEnv(env: NodeJS.ProcessEnv, sha: string): BuildRun {
  return {
    server: env.GITHUB_SERVER_URL || 'https://github.com',
    repository: env.GITHUB_REPOSITORY ?? '',
    workflowRef: env.GITHUB_WORKFLOW_REF ?? '',
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    ref: env.GITHUB_REF ?? '',
    sha,
    eventName: env.GITHUB_EVENT_NAME ?? ''
  }
}

/** The statement (pure): the same run and image give the same bytes. */
export function provenanceStatement(repository: string, digest: string, run: BuildRun): Buffer {
  const workflowPath = run.workflowRef.replace(/^[^/]+\/[^/]+\//, '').replace(/@.*$/, '')
  const source = `git+${run.server}/${run.repository}@${run.ref}`
  return Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: repository, digest: { sha256: digest.replace(/^sha256:/, '') } }],
      predicateType: SLSA_V1,
      predicate: {
        buildDefinition: {
          buildType: 'https://actions.github.io/buildtypes/workflow/v1',
          externalParameters: {
            workflow: {
              ref: run.ref,
              repository: `${run.server}/${run.repository}`,
              path: workflowPath
            }
          },
          internalParameters: { github: { event_name: run.eventName } },
          resolvedDependencies: [{ uri: source, digest: { gitCommit: run.sha } }]
        },
        runDetails: {
          builder: { id: `${run.server}/${run.workflowRef}` },
          metadata: {
            invocationId: `${run.server}/${run.repository}/actions/runs/${run.runId}/attempts/${run.runAttempt}`
          }
        }
      }
    })
  )
}

/** DSSE's pre-authentication encoding: what the signature covers. */
export function pae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType)
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `),
    type,
    Buffer.from(` ${payload.length} `),
    payload
  ])
}

export function dsseEnvelope(statement: Buffer, key: CosignKey): Buffer {
  const sig = sign('sha256', pae(IN_TOTO, statement), key.privateKey).toString('base64')
  return Buffer.from(
    JSON.stringify({
      payloadType: IN_TOTO,
      payload: statement.toString('base64'),
      signatures: [{ keyid: '', sig }]
    })
  )
}

/**
 * The envelope in a sigstore bundle v0.3, as `cosign attest --key` (v3) stores it: the public
 * key named by a hint (its SHA-256), no certificate and, as with `--tlog-upload=false`, no Rekor
 * entry. cosign 3 reads provenance only from bundles (`verify-attestation --key`).
 */
export function keySignedBundle(statement: Buffer, key: CosignKey): Buffer {
  const der = createPublicKey(key.privateKey).export({ type: 'spki', format: 'der' })
  return Buffer.from(
    JSON.stringify({
      mediaType: BUNDLE_V03,
      verificationMaterial: {
        publicKey: { hint: createHash('sha256').update(der).digest('base64') },
        tlogEntries: [],
        timestampVerificationData: {}
      },
      dsseEnvelope: JSON.parse(dsseEnvelope(statement, key).toString('utf8')) as object
    })
  )
}

export { referrersTag }

export interface ProvenanceResult {
  /** The referrer manifest's digest. */
  digest: string
  written: boolean
}

/**
 * Attaches the signed provenance of `subject` in `repo`, unless a referrer with the same
 * statement is already listed (a re-run). The referrer holds a sigstore bundle, as
 * `cosign attest` v3 stores it: the envelope and, with a key, the key's hint; keyless, the
 * certificate and the Rekor entry.
 */
export async function attachProvenance(
  client: RegistryClient,
  repo: Repository,
  subject: { digest: string; mediaType: string; size: number },
  run: BuildRun,
  signer: CosignKey | KeylessSigner,
  log: Logger
): Promise<ProvenanceResult> {
  const statement = provenanceStatement(repo.name, subject.digest, run)
  const statementDigest = sha256Digest(statement)
  const listed = await listedReferrers(client, repo, subject.digest)
  const found = listed.manifests.find((d) => d.annotations?.[STATEMENT_DIGEST] === statementDigest)
  if (found) {
    log.info(`${repo.name}: provenance of ${short(subject.digest)} already attached`)
    return { digest: found.digest, written: false }
  }
  const annotations = { [PREDICATE_TYPE]: SLSA_V1, [STATEMENT_DIGEST]: statementDigest }
  // Keyless, the bundle holds the certificate and the Rekor entry; with a key, its hint.
  const bundle =
    'signStatement' in signer
      ? (await signer.signStatement(statement)).json
      : keySignedBundle(statement, signer)
  const referrer: Referrer = {
    artifactType: BUNDLE_V03,
    layer: {
      mediaType: BUNDLE_V03,
      bytes: bundle,
      annotations: { [BUNDLE_CONTENT]: 'dsse-envelope', [BUNDLE_PREDICATE]: SLSA_V1 }
    },
    annotations: {
      ...annotations,
      [BUNDLE_CONTENT]: 'dsse-envelope',
      [BUNDLE_PREDICATE]: SLSA_V1
    }
  }
  const digest = await attachReferrer(client, repo, subject, referrer, listed)
  log.info(`${repo.name}: attached signed provenance to ${short(subject.digest)}`)
  return { digest, written: true }
}
