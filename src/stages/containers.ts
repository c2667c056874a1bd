import * as path from 'node:path'
import type {
  ImageSigner,
  Operation,
  Published,
  Stage,
  StageContext,
  StagePlan,
  StageResult
} from '../plan.js'
import { StageError } from '../plan.js'
import type { RetryPolicy } from '../net/retry.js'
import { assemble, distinctBlobs, type ImageToPush } from '../oci/assemble.js'
import { readCosignKey, type CosignKey } from '../oci/cosign-key.js'
import { signatureTag } from '../oci/cosign-signature.js'
import { buildRunFromEnv, referrersTag } from '../oci/provenance.js'
import { dockerConfigPath, loadDockerCredentials } from '../oci/credentials.js'
import { repositoryVisibility, signingMode } from '../oci/signing-mode.js'
import { readWorkflowContext } from '../context.js'
import { createKeylessSigner } from '../oci/keyless.js'
import { RegistryClient } from '../oci/registry.js'
import { isLoopback, parseRepository, webUrl } from '../oci/repository.js'
import { PushError, pushToRepositories, type PushedRepository } from '../oci/push.js'
import { loadImageEntry, runExec, type Exec } from '../oci/sources/load.js'
import { archTags as archTagsFor, imageTags } from '../oci/tags.js'
import { hasWork } from './work.js'

/**
 * The container stage: reads the image sources and computes the tags at plan time (so bad
 * input fails before anything is pushed), then pushes the image, or the multi-platform index,
 * to every repository in `image-repositories`.
 */

interface ContainersDetail {
  image: ImageToPush
  repositories: string[]
  tags: string[]
  /** `<arch>-<primary tag>` per image, for the first repository (image-arch-tags). */
  archTags: string[]
  /** Tags that name one release and are not moved without image-overwrite. */
  immutable: string[]
  /** Signs every pushed digest (cosign-private-key), read at plan time. */
  cosignKey?: CosignKey
  /** Sign keyless (sigstore) at apply time, with the workflow's OIDC token. */
  keyless?: boolean
}

export interface ContainersDeps {
  exec?: Exec
  /** The Docker config holding registry credentials; $DOCKER_CONFIG or ~/.docker by default. */
  dockerConfig?: string
  retry?: RetryPolicy
  chunkThreshold?: number
  chunkSize?: number
  /** The runner's variables (GITHUB_RUN_ID...) the provenance names; process.env by default. */
  env?: NodeJS.ProcessEnv
  /** Lets tests read the client's counters after a push. */
  onClient?: (client: RegistryClient) => void
  /** Fulcio and Rekor for keyless signing; sigstore's public instances by default. */
  sigstore?: { fulcioURL?: string; rekorURL?: string }
}

export function createContainersStage(deps: ContainersDeps = {}): Stage<ContainersDetail> {
  return {
    name: 'containers',

    async plan(ctx: StageContext): Promise<StagePlan<ContainersDetail>> {
      const inputs = ctx.inputs.containers
      const empty: StagePlan<ContainersDetail> = { stage: 'containers', operations: [] }
      if (!hasWork.containers(ctx)) return empty
      const tags = imageTags(ctx.release, inputs)
      if (tags.length === 0) {
        return {
          stage: 'containers',
          operations: inputs.repositories.map((target) => ({
            action: 'skip',
            target,
            reason: ctx.release.reason
          }))
        }
      }
      const images = []
      for (const entry of inputs.images) {
        images.push(
          ...(await loadImageEntry(entry, {
            workspace: ctx.workspace,
            workdir: path.join(ctx.workdir, 'containers'),
            exec: deps.exec ?? runExec
          }))
        )
      }
      // A key that does not open fails the run here, before anything is pushed.
      const env = deps.env ?? process.env
      const mode = signingMode(
        inputs,
        env,
        ctx.log,
        repositoryVisibility(readWorkflowContext(env).event.payload)
      )
      const cosignKey =
        mode === 'key'
          ? await readCosignKey(inputs.cosignPrivateKey, inputs.cosignPassword)
          : undefined
      const keyless = mode === 'keyless'
      const image = assemble(images)
      const archTags = inputs.archTags
        ? archTagsFor(
            tags[0],
            image.images.map((i) => i.platform)
          )
        : []
      // The version tag (and its per-arch tags) name one release; latest, the dev tag and
      // extra tags move.
      const immutable = ctx.release.channel === 'dev' && !ctx.release.prerelease ? [] : [tags[0]]
      if (immutable.length > 0) immutable.push(...archTags)
      // Pushing to a public registry without a login fails late, after packages went out: say so now.
      const credentials = await loadDockerCredentials(deps.dockerConfig ?? dockerConfigPath())
      for (const name of inputs.repositories) {
        const repo = parseRepository(name)
        if (!isLoopback(repo.apiHost) && !credentials(repo.registry)) {
          ctx.log.warning(
            `no credentials for ${repo.registry} in ${deps.dockerConfig ?? dockerConfigPath()}; ` +
              'pushing there will fail unless it accepts anonymous pushes (log in with docker/login-action first)'
          )
        }
      }
      const size = distinctBlobs(image.images).reduce((sum, { blob }) => sum + blob.size, 0)
      const source = inputs.images.map((e) => e.raw).join(', ')
      // With a key: cosign's signature tags (the index, each platform) and the provenance's
      // referrers listing, so a dry run shows every tag the run may write.
      const signed =
        cosignKey || keyless
          ? [...new Set([image.top.digest, ...image.images.map((i) => i.manifest.digest)])]
          : []
      const operations: Operation[] = inputs.repositories.flatMap((repository, n) => [
        ...[...tags, ...(n === 0 ? archTags : [])].map((tag) => ({
          action: 'push' as const,
          target: `${repository}:${tag}`,
          source,
          size
        })),
        ...signed.map((digest) => ({
          action: 'push' as const,
          target: `${repository}:${signatureTag(digest)}`,
          reason: `cosign signature of ${digest}${keyless ? ' (keyless, with a sigstore bundle referrer)' : ''}`
        })),
        ...(cosignKey || keyless
          ? [
              {
                action: 'push' as const,
                target: `${repository}:${referrersTag(image.top.digest)}`,
                reason: `signed SLSA provenance of ${image.top.digest}, listed as a referrer`
              }
            ]
          : [])
      ])
      const detail: ContainersDetail = {
        image,
        repositories: inputs.repositories,
        tags,
        archTags,
        immutable,
        ...(cosignKey ? { cosignKey } : {}),
        ...(keyless ? { keyless } : {})
      }
      return { stage: 'containers', operations, detail }
    },

    async apply(plan: StagePlan<ContainersDetail>, ctx: StageContext): Promise<StageResult> {
      const started = Date.now()
      const detail = plan.detail
      if (!detail) return { stage: 'containers', published: [], failed: [], durationMs: 0 }
      const inputs = ctx.inputs.containers
      // The token is asked for before any push, so a job that cannot sign changes nothing.
      const keyless = detail.keyless
        ? await createKeylessSigner({ env: deps.env ?? process.env, ...deps.sigstore })
        : undefined
      if (keyless) ctx.log.info(`signing keyless as ${keyless.identity}`)
      const signer: ImageSigner | undefined = detail.cosignKey
        ? { publicKey: detail.cosignKey.publicKeyPem }
        : keyless
          ? { identity: keyless.identity }
          : undefined
      const client = new RegistryClient({
        credentials: await loadDockerCredentials(deps.dockerConfig ?? dockerConfigPath()),
        log: ctx.log,
        insecure: inputs.insecureRegistries,
        retry: deps.retry,
        chunkThreshold: deps.chunkThreshold,
        chunkSize: deps.chunkSize
      })
      deps.onClient?.(client)
      try {
        const pushed = await pushToRepositories(
          client,
          detail.repositories,
          detail.image,
          detail.tags,
          {
            concurrency: inputs.concurrency,
            immutable: detail.immutable,
            archTags: detail.archTags,
            cosignKey: detail.cosignKey,
            keyless,
            buildRun: buildRunFromEnv(deps.env ?? process.env, ctx.release.sha),
            overwrite: inputs.overwrite,
            mountFrom: inputs.mountFrom,
            log: ctx.log
          }
        )
        return result(pushed, [], started, signer)
      } catch (error) {
        if (error instanceof PushError) {
          const partial = result(error.pushed, error.failed, started, signer)
          throw new StageError(error.message, partial)
        }
        throw error
      } finally {
        client.close()
      }
    }
  }
}

export const containersStage: Stage = createContainersStage()

/** What the run published; `signer` is on the images of each repository it signed in. */
function result(
  pushed: PushedRepository[],
  failed: { repository: string; error: string }[],
  started: number,
  signer?: ImageSigner
): StageResult {
  const published: Published[] = pushed.flatMap((p) => {
    // Each digest is signed (the index, then each platform manifest): arch tags name the latter.
    const shared = {
      url: webUrl(parseRepository(p.repository)),
      ...(signer && p.signatures?.length ? { signer } : {})
    }
    const kind = 'image' as const
    return [
      ...p.tags.map((tag) => ({
        kind,
        path: `${p.repository}:${tag}`,
        digest: p.digest,
        size: p.size,
        ...shared
      })),
      ...p.archTags.map((a) => ({
        kind,
        path: `${p.repository}:${a.tag}`,
        digest: a.digest,
        ...shared
      }))
    ]
  })
  return {
    stage: 'containers',
    published,
    failed: failed.map((f) => ({ target: f.repository, error: f.error })),
    durationMs: Date.now() - started,
    summary: summary(pushed, failed),
    outputs: { images: JSON.stringify(imagesOutput(pushed)) }
  }
}

/** The `images` output: per repository, the tags and the digest they point at. */
export function imagesOutput(pushed: PushedRepository[]): Record<
  string,
  {
    tags: string[]
    digest: string
    platforms: string[]
    archTags?: Record<string, string>
    /** `<repository>:sha256-<hex>.sig`, where cosign finds the index's signature. */
    signature?: string
    /** Every signature tag written or found: the index's, then each platform's. */
    signatures?: string[]
    /** buildx attestation manifests (SBOM, provenance) by platform. */
    attestations?: Record<string, string>
    /** `<repository>@<digest>` of the signed SLSA provenance referring to the image. */
    provenance?: string
    /** Keyless: `<repository>@<digest>` of each sigstore bundle referrer (index first). */
    signatureBundles?: string[]
  }
> {
  return Object.fromEntries(
    pushed.map((p) => [
      p.repository,
      {
        tags: p.tags,
        digest: p.digest,
        platforms: p.platforms,
        ...(p.archTags.length > 0
          ? { archTags: Object.fromEntries(p.archTags.map((a) => [a.tag, a.digest])) }
          : {}),
        ...(p.signatures
          ? {
              signature: `${p.repository}:${p.signatures[0].tag}`,
              signatures: p.signatures.map((sig) => `${p.repository}:${sig.tag}`)
            }
          : {}),
        ...(p.attestations.length > 0
          ? {
              attestations: Object.fromEntries(p.attestations.map((a) => [a.platform, a.digest]))
            }
          : {}),
        ...(p.provenance ? { provenance: `${p.repository}@${p.provenance.digest}` } : {}),
        ...(p.signatureBundles
          ? { signatureBundles: p.signatureBundles.map((b) => `${p.repository}@${b.digest}`) }
          : {})
      }
    ])
  )
}

function summary(
  pushed: PushedRepository[],
  failed: { repository: string; error: string }[]
): string {
  // Under the section report/summary.ts heads with the stage's name.
  const lines: string[] = []
  for (const f of failed)
    lines.push(
      `> [!CAUTION]`,
      `> **${f.repository}** was not pushed: ${f.error.replace(/\n/g, ' ')}`,
      ''
    )
  if (pushed.length > 0) {
    lines.push('| Repository | Tag | Digest | Platforms |', '|---|---|---|---|')
    for (const p of pushed) {
      const url = webUrl(parseRepository(p.repository))
      const name = url ? `[${p.repository}](${url})` : p.repository
      for (const tag of p.tags)
        lines.push(`| ${name} | \`${tag}\` | \`${p.digest}\` | ${p.platforms.join(', ')} |`)
      for (const a of p.archTags)
        lines.push(`| ${name} | \`${a.tag}\` | \`${a.digest}\` | ${a.platform} |`)
    }
    const up = pushed.reduce((n, p) => n + p.blobs.uploaded, 0)
    const mounted = pushed.reduce((n, p) => n + p.blobs.mounted, 0)
    const existing = pushed.reduce((n, p) => n + p.blobs.existing, 0)
    lines.push('', `Blobs: ${up} uploaded, ${mounted} mounted, ${existing} already present.`)
    const attested = pushed.filter((p) => p.attestations.length > 0)
    if (attested.length > 0) {
      const platforms = attested[0].attestations.map((a) => a.platform).join(', ')
      lines.push(
        '',
        `Build attestations (SBOM, provenance) kept for ${platforms} in ${attested.length} repositories.`
      )
    }
    const keyless = pushed.find((p) => p.signatureBundles)?.signatureBundles?.[0]?.identity
    const signed = pushed.filter((p) => p.signatures)
    if (keyless) {
      const written = signed.filter((p) => p.signatures!.some((s) => s.written)).length
      lines.push(
        '',
        `Signed keyless as \`${keyless}\` (Fulcio certificate, Rekor entry) in ${signed.length} repositories (${written} new, ${signed.length - written} already signed), the index and each platform, as a \`.sig\` tag and a sigstore bundle referrer, with SLSA provenance attached as a referrer.`
      )
    } else if (signed.length > 0) {
      const written = signed.filter((p) => p.signatures!.some((s) => s.written)).length
      lines.push(
        '',
        `Signed with the cosign key in ${signed.length} repositories (${written} new, ${signed.length - written} already signed), the index and each platform, with SLSA provenance attached as a referrer.`
      )
    }
    // Commands to paste: by digest, so they check exactly what was pushed.
    lines.push('', '```sh')
    for (const p of pushed) {
      const ref = `${p.repository}@${p.digest}`
      lines.push(`skopeo inspect --raw docker://${ref}`)
      // verify-attestation is cosign 3's: it reads attestations from sigstore bundle referrers.
      if (p.signatureBundles) {
        const who = `--certificate-identity '${p.signatureBundles[0].identity}' --certificate-oidc-issuer https://token.actions.githubusercontent.com`
        lines.push(`cosign verify ${who} ${ref}`)
        if (p.provenance)
          lines.push(`cosign verify-attestation --type slsaprovenance1 ${who} ${ref}`)
      } else if (p.signatures) {
        lines.push(`cosign verify --key cosign.pub ${ref}`)
        // A key's signatures are not in Rekor: cosign must be told not to look there.
        if (p.provenance)
          lines.push(
            `cosign verify-attestation --type slsaprovenance1 --key cosign.pub --insecure-ignore-tlog ${ref}`
          )
      }
      if (p.attestations.length > 0)
        lines.push(`docker buildx imagetools inspect ${ref} --format '{{json .Provenance}}'`)
    }
    lines.push('```')
  }
  return lines.join('\n') + '\n'
}
