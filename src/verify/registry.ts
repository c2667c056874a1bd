import type { Logger } from '../report/log.js'
import type { ResolveTag } from './images.js'

/**
 * Resolves tags as `docker pull` does, through the registry client and the Docker credentials
 * the containers stage pushed with (loaded only when images were pushed).
 */
export async function registryResolver(o: {
  log: Logger
  insecure: string[]
  dockerConfig?: string
}): Promise<{ resolve: ResolveTag; close: () => void }> {
  const [{ RegistryClient }, credentials, { parseRepository }, image] = await Promise.all([
    import('../oci/registry.js'),
    import('../oci/credentials.js'),
    import('../oci/repository.js'),
    import('../oci/image.js')
  ])
  const client = new RegistryClient({
    credentials: await credentials.loadDockerCredentials(
      o.dockerConfig ?? credentials.dockerConfigPath()
    ),
    log: o.log,
    insecure: o.insecure
  })
  return {
    resolve: (repository, tag) =>
      client.headManifest(parseRepository(repository), tag, [
        ...image.INDEX_TYPES,
        ...image.MANIFEST_TYPES
      ]),
    close: () => client.close()
  }
}
