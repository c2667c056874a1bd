import { getExecOutput } from '@actions/exec'
import * as path from 'node:path'
import type { Operation, Published, Stage, StageContext, StagePlan, StageResult } from '../plan.js'
import { StageError } from '../plan.js'
import type { RetryPolicy } from '../net/retry.js'
import { assemble, distinctBlobs, type ImageToPush } from '../oci/assemble.js'
import { dockerConfigPath, loadDockerCredentials } from '../oci/credentials.js'
import { RegistryClient } from '../oci/registry.js'
import { isLoopback, parseRepository, webUrl } from '../oci/repository.js'
import { PushError, pushToRepositories, type PushedRepository } from '../oci/push.js'
import { loadImageEntry, type Exec } from '../oci/sources/load.js'
import { imageTags } from '../oci/tags.js'
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
}

export interface ContainersDeps {
  exec?: Exec
  /** The Docker config holding registry credentials; $DOCKER_CONFIG or ~/.docker by default. */
  dockerConfig?: string
  retry?: RetryPolicy
  chunkThreshold?: number
  chunkSize?: number
  /** Lets tests read the client's counters after a push. */
  onClient?: (client: RegistryClient) => void
}

const defaultExec: Exec = async (command, args) => {
  const { exitCode, stderr } = await getExecOutput(command, args, {
    ignoreReturnCode: true,
    // DOCKER_HOST, DOCKER_CONFIG and friends as this process sees them.
    env: { ...process.env } as Record<string, string>
  })
  return { code: exitCode, stderr }
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
            exec: deps.exec ?? defaultExec
          }))
        )
      }
      const image = assemble(images)
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
      const operations: Operation[] = inputs.repositories.flatMap((repository) =>
        tags.map((tag) => ({
          action: 'push' as const,
          target: `${repository}:${tag}`,
          source,
          size
        }))
      )
      const detail: ContainersDetail = { image, repositories: inputs.repositories, tags }
      return { stage: 'containers', operations, detail }
    },

    async apply(plan: StagePlan<ContainersDetail>, ctx: StageContext): Promise<StageResult> {
      const started = Date.now()
      const detail = plan.detail
      if (!detail) return { stage: 'containers', published: [], failed: [], durationMs: 0 }
      const inputs = ctx.inputs.containers
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
            // The version tag names one release; latest, the dev tag and extra tags move.
            immutable: ctx.release.version ? [ctx.release.version] : [],
            overwrite: inputs.overwrite,
            log: ctx.log
          }
        )
        return result(pushed, [], started)
      } catch (error) {
        if (error instanceof PushError) {
          const partial = result(error.pushed, error.failed, started)
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

function result(
  pushed: PushedRepository[],
  failed: { repository: string; error: string }[],
  started: number
): StageResult {
  const published: Published[] = pushed.flatMap((p) =>
    p.tags.map((tag) => ({
      kind: 'image' as const,
      path: `${p.repository}:${tag}`,
      digest: p.digest,
      size: p.size,
      url: webUrl(parseRepository(p.repository))
    }))
  )
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
export function imagesOutput(
  pushed: PushedRepository[]
): Record<string, { tags: string[]; digest: string; platforms: string[] }> {
  return Object.fromEntries(
    pushed.map((p) => [p.repository, { tags: p.tags, digest: p.digest, platforms: p.platforms }])
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
    }
    const up = pushed.reduce((n, p) => n + p.blobs.uploaded, 0)
    const mounted = pushed.reduce((n, p) => n + p.blobs.mounted, 0)
    const existing = pushed.reduce((n, p) => n + p.blobs.existing, 0)
    lines.push('', `Blobs: ${up} uploaded, ${mounted} mounted, ${existing} already present.`)
  }
  return lines.join('\n') + '\n'
}
