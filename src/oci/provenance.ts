import { sign } from 'node:crypto'
import { Readable } from 'node:stream'
import type { Logger } from '../report/log.js'
import type { CosignKey } from './cosign-key.js'
import { sha256Digest } from './digest.js'
import { INDEX_TYPES, MediaType, type Descriptor } from './image.js'
import { short, type RegistryClient } from './registry.js'
import type { Repository } from './repository.js'

/**
 * SLSA provenance for a pushed image (in-toto Statement v1, predicate SLSA v1): the subject
 * is the image's digest, the builder the workflow run, the resolved dependency the commit.
 * It is signed as a DSSE envelope with the cosign key and attached as an OCI 1.1 referrer of
 * the image: a manifest whose `subject` names the image. Registries without the referrers API
 * (Distribution 2.8, older ECR) are served by the referrers tag schema of the distribution
 * spec: an index tagged `sha256-<hex>` listing the referrers, which clients (oras, cosign,
 * regclient) read when the API answers 404.
 */

export const DSSE_ENVELOPE = 'application/vnd.dsse.envelope.v1+json'
export const IN_TOTO = 'application/vnd.in-toto+json'
export const SLSA_V1 = 'https://slsa.dev/provenance/v1'
const EMPTY = { mediaType: 'application/vnd.oci.empty.v1+json', bytes: Buffer.from('{}') }
/** On the referrer: the statement's digest, so a re-run finds the provenance it wrote. */
const STATEMENT_DIGEST = 'dev.falco-publish.statement.digest'
const PREDICATE_TYPE = 'in-toto.io/predicate-type'

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

/** The tag the referrers tag schema uses for `digest`'s referrers. */
export function referrersTag(digest: string): string {
  return digest.replace(':', '-')
}

async function ensureBlob(client: RegistryClient, repo: Repository, bytes: Buffer) {
  const digest = sha256Digest(bytes)
  if (!(await client.hasBlob(repo, digest)))
    await client.uploadBlob(repo, digest, bytes.length, (range) =>
      Readable.from([range ? bytes.subarray(range.start, range.end + 1) : bytes])
    )
}

export interface ProvenanceResult {
  /** The referrer manifest's digest. */
  digest: string
  written: boolean
}

/**
 * Attaches the signed provenance of `subject` in `repo`, unless a referrer with the same
 * statement is already listed (a re-run).
 */
export async function attachProvenance(
  client: RegistryClient,
  repo: Repository,
  subject: { digest: string; mediaType: string; size: number },
  run: BuildRun,
  key: CosignKey,
  log: Logger
): Promise<ProvenanceResult> {
  const statement = provenanceStatement(repo.name, subject.digest, run)
  const statementDigest = sha256Digest(statement)
  const tag = referrersTag(subject.digest)
  const listing = await client.getManifest(repo, tag, [...INDEX_TYPES])
  const listed: Descriptor[] = listing
    ? ((JSON.parse(listing.body.toString('utf8')) as { manifests?: Descriptor[] }).manifests ?? [])
    : []
  const found = listed.find((d) => d.annotations?.[STATEMENT_DIGEST] === statementDigest)
  if (found) {
    log.info(`${repo.name}: provenance of ${short(subject.digest)} already attached`)
    return { digest: found.digest, written: false }
  }
  const envelope = dsseEnvelope(statement, key)
  await ensureBlob(client, repo, envelope)
  await ensureBlob(client, repo, EMPTY.bytes)
  const annotations = { [PREDICATE_TYPE]: SLSA_V1, [STATEMENT_DIGEST]: statementDigest }
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      artifactType: DSSE_ENVELOPE,
      config: {
        mediaType: EMPTY.mediaType,
        digest: sha256Digest(EMPTY.bytes),
        size: EMPTY.bytes.length
      },
      layers: [
        {
          mediaType: DSSE_ENVELOPE,
          digest: sha256Digest(envelope),
          size: envelope.length,
          annotations: { [PREDICATE_TYPE]: SLSA_V1 }
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
  // A registry with the referrers API indexes the subject itself; the others get the tag.
  if (!(await client.hasReferrersApi(repo, subject.digest))) {
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociIndex,
        manifests: [
          ...listed,
          {
            mediaType: MediaType.ociManifest,
            digest,
            size: manifest.length,
            artifactType: DSSE_ENVELOPE,
            annotations
          }
        ]
      })
    )
    await client.putManifest(repo, tag, index, MediaType.ociIndex)
  }
  log.info(`${repo.name}: attached signed provenance to ${short(subject.digest)}`)
  return { digest, written: true }
}
