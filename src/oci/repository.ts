/**
 * Image repository names as users write them (`docker.io/falcosecurity/falco`,
 * `public.ecr.aws/falcosecurity/falco`, `127.0.0.1:5000/falco`), resolved to the registry host
 * the API lives on and the repository path inside it, with Docker's defaults.
 */

export interface Repository {
  /** As the user wrote it, normalised: `docker.io/falcosecurity/falco`. Safe to log. */
  name: string
  /** The host (and port) users name: `docker.io`, `127.0.0.1:5000`. Key of the Docker config. */
  registry: string
  /** Where the API answers: `registry-1.docker.io` for Docker Hub, else `registry`. */
  apiHost: string
  /** The path inside the registry: `falcosecurity/falco`, `library/alpine`. */
  path: string
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/

/** Parses a repository name; throws naming it when it cannot be one (or carries a tag). */
export function parseRepository(input: string): Repository {
  const raw = input.trim()
  const fail = (why: string): never => {
    throw new Error(`image repository ${JSON.stringify(input)}: ${why}`)
  }
  if (raw === '') fail('is empty')
  if (raw.includes('://')) fail('write it without a scheme, e.g. docker.io/falcosecurity/falco')
  if (raw.includes('@')) fail('a repository has no digest; tags come from the release')
  const parts = raw.split('/')
  const first = parts[0]
  const hasHost =
    parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')
  let registry = hasHost ? first : 'docker.io'
  const rest = hasHost ? parts.slice(1) : parts
  if (rest.length > 0 && rest[rest.length - 1].includes(':')) {
    fail('a repository has no tag; tags come from the release (image-dev-tag, image-extra-tags)')
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io'
  if (registry === 'docker.io' && rest.length === 1) rest.unshift('library')
  for (const component of rest) {
    if (!PATH_COMPONENT.test(component)) {
      fail(
        `${JSON.stringify(component)} is not a valid path component (lower case letters, digits, . _ -)`
      )
    }
  }
  if (rest.length === 0) fail('names a registry but no repository')
  const path = rest.join('/')
  return {
    name: `${registry}/${path}`,
    registry,
    apiHost: registry === 'docker.io' ? 'registry-1.docker.io' : registry,
    path
  }
}

/** True when `tag` is a valid tag per the distribution spec. */
export function isValidTag(tag: string): boolean {
  return TAG.test(tag)
}

/** The registry host without its port, lower-cased. */
export function hostname(registry: string): string {
  const bracket = registry.match(/^\[([^\]]+)\]/)
  if (bracket) return bracket[1].toLowerCase()
  return registry.replace(/:\d+$/, '').toLowerCase()
}

/** Loopback hosts are always reached over plain HTTP, as Docker does. */
export function isLoopback(registry: string): boolean {
  const host = hostname(registry)
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** The API base URL: https unless the host is loopback or listed in insecure-registries. */
export function apiBase(repository: Repository, insecure: readonly string[]): string {
  const plain =
    isLoopback(repository.apiHost) ||
    insecure.some((entry) => entry === repository.registry || entry === repository.apiHost)
  return `${plain ? 'http' : 'https'}://${repository.apiHost}`
}

/** A page people can open for a repository, where the registry has one. */
export function webUrl(repository: Repository): string | undefined {
  if (repository.registry === 'docker.io') {
    const path = repository.path.startsWith('library/')
      ? `_/${repository.path.slice('library/'.length)}`
      : `r/${repository.path}`
    return `https://hub.docker.com/${path}`
  }
  if (repository.registry === 'public.ecr.aws') return `https://gallery.ecr.aws/${repository.path}`
  if (repository.registry === 'ghcr.io')
    return `https://github.com/${repository.path.split('/')[0]}/packages`
  return undefined
}
