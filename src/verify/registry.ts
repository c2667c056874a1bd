import type { Descriptor } from '../oci/image.js'
import type { ImageSigner } from '../plan.js'
import type { Logger } from '../report/log.js'
import type { CheckSignature, ResolveTag } from './images.js'

/**
 * Reads the registries as clients do, through the registry client and the Docker credentials the
 * containers stage pushed with (loaded only when images were pushed): tags resolved as `docker
 * pull` resolves them, cosign signatures found as `cosign verify` finds them.
 */
export async function registryResolver(o: {
  log: Logger
  insecure: string[]
  dockerConfig?: string
}): Promise<{ resolve: ResolveTag; checkSignature: CheckSignature; close: () => void }> {
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
  // What `docker pull` accepts under a tag or digest: a multi-arch index or one image.
  const anyManifest = [...image.INDEX_TYPES, ...image.MANIFEST_TYPES]
  return {
    resolve: (repository, tag) =>
      client.headManifest(parseRepository(repository), tag, anyManifest),
    checkSignature: async (repository, digest, signer) => {
      const [cosign, isBy] = await Promise.all([
        import('../oci/cosign-signature.js'),
        signatureCheck(signer)
      ])
      const repo = parseRepository(repository)
      /** One digest's signature, as cosign finds it under its `.sig` tag. */
      const signatureOf = async (signed: string) => {
        const tag = cosign.signatureTag(signed)
        const file = `${repository}:${tag}`
        const manifest = await client.getManifest(repo, tag, [...image.MANIFEST_TYPES])
        if (!manifest) return { file, status: 'no-tag' as const }
        const { layers = [] } = JSON.parse(manifest.body.toString('utf8')) as {
          layers?: Descriptor[]
        }
        const payload = cosign.simpleSigningPayload(repo.name, signed)
        for (const layer of layers) {
          if (!(await isBy(layer, payload))) continue
          // cosign reads the payload it verifies from the layer's blob.
          const served = await client.hasBlob(repo, layer.digest)
          return { file, status: served ? ('signed' as const) : ('no-payload' as const) }
        }
        return { file, status: 'not-by-signer' as const }
      }
      // An index's platforms are signed too: podman and CRI-O check the one they pull.
      const top = await client.getManifest(repo, digest, anyManifest)
      const platforms = top
        ? ((JSON.parse(top.body.toString('utf8')) as { manifests?: Descriptor[] }).manifests ?? [])
        : []
      return Promise.all([digest, ...platforms.map((m) => m.digest)].map(signatureOf))
    },
    close: () => client.close()
  }
}

/** Whether a layer is `signer`'s signature of a payload, by the check a re-run uses. */
async function signatureCheck(
  signer: ImageSigner
): Promise<(layer: Descriptor, payload: Buffer) => boolean | Promise<boolean>> {
  if ('publicKey' in signer) {
    const { isKeySignature } = await import('../oci/cosign-signature.js')
    return (layer, payload) => isKeySignature(layer, payload, signer.publicKey)
  }
  const { isKeylessSignature } = await import('../oci/cosign-keyless.js')
  return (layer, payload) => isKeylessSignature(layer, payload, signer.identity)
}
