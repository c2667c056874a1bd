import * as path from 'node:path'
import type { Logger } from '../report/log.js'
import { assemble } from './assemble.js'
import { dockerConfigPath, loadDockerCredentials } from './credentials.js'
import { INDEX_TYPES, MANIFEST_TYPES } from './image.js'
import { parseImageEntry } from './inputs.js'
import { pushToRepositories, type PushedRepository } from './push.js'
import { RegistryClient } from './registry.js'
import { isValidTag, parseRepository } from './repository.js'
import { loadImageEntry, type Exec } from './sources/load.js'

/**
 * Container operations for the command line, outside a release: push local images under
 * explicit tags (what `docker push` + `docker manifest` did), and add tags to an image already
 * in a registry (what `crane tag` did). Plain async functions; src/cli.ts maps flags onto them.
 */

export interface RegistryAccess {
  log: Logger
  /** Docker config with the credentials; $DOCKER_CONFIG/config.json or ~/.docker/config.json. */
  dockerConfig?: string
  insecureRegistries?: string[]
}

function checkTags(tags: string[]): void {
  if (tags.length === 0) throw new Error('--tag: give at least one tag')
  for (const tag of tags)
    if (!isValidTag(tag)) throw new Error(`--tag: ${JSON.stringify(tag)} is not a valid image tag`)
}

async function client(access: RegistryAccess): Promise<RegistryClient> {
  return new RegistryClient({
    credentials: await loadDockerCredentials(access.dockerConfig ?? dockerConfigPath()),
    log: access.log,
    insecure: access.insecureRegistries ?? []
  })
}

/**
 * `falco-publish push-images --images <entry>... --image-repositories <repo>... --tag <tag>...`:
 * pushes the entries (one multi-arch index when several) to every repository under the tags.
 */
export async function pushImages(
  options: RegistryAccess & {
    images: string[]
    repositories: string[]
    tags: string[]
    concurrency?: number
    workspace?: string
    workdir?: string
    exec: Exec
  }
): Promise<PushedRepository[]> {
  checkTags(options.tags)
  const repositories = options.repositories.map((r) => parseRepository(r).name)
  if (repositories.length === 0)
    throw new Error('--image-repositories: give at least one repository')
  const workspace = options.workspace ?? process.cwd()
  const loaded = []
  for (const line of options.images) {
    loaded.push(
      ...(await loadImageEntry(parseImageEntry(line), {
        workspace,
        workdir: options.workdir ?? path.join(workspace, '.falco-publish'),
        exec: options.exec
      }))
    )
  }
  const registry = await client(options)
  try {
    return await pushToRepositories(registry, repositories, assemble(loaded), options.tags, {
      concurrency: options.concurrency ?? 4,
      log: options.log
    })
  } finally {
    registry.close()
  }
}

/**
 * `falco-publish tag-image <repository>:<existing-tag> --tag <tag>...`: points more tags at the
 * manifest or index an existing tag names, without moving any blob. Returns its digest.
 */
export async function tagImage(
  options: RegistryAccess & { repository: string; from: string; tags: string[] }
): Promise<string> {
  checkTags(options.tags)
  const repo = parseRepository(options.repository)
  const registry = await client(options)
  try {
    const found = await registry.getManifest(repo, options.from, [
      ...INDEX_TYPES,
      ...MANIFEST_TYPES
    ])
    if (!found) throw new Error(`${repo.name}:${options.from} does not exist`)
    const mediaType = found.mediaType.split(';')[0].trim()
    for (const tag of options.tags) {
      await registry.putManifest(repo, tag, found.body, mediaType)
      options.log.info(`${repo.name}:${tag} -> ${found.digest}`)
    }
    return found.digest
  } finally {
    registry.close()
  }
}
