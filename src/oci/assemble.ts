import { sha256Digest } from './digest.js'
import { MediaType, platformString, type Descriptor, type LocalImage } from './image.js'

/**
 * What gets tagged (pure): a single image's own manifest, or, for several platforms, an image
 * index naming each platform's manifest by digest. The index is an OCI index unless every
 * platform manifest is a Docker one (then a Docker manifest list, which old clients read).
 */
export interface ImageToPush {
  images: LocalImage[]
  /** The manifest or index the tags point at. */
  top: { bytes: Buffer; mediaType: string; digest: string }
  platforms: string[]
}

export function assemble(images: LocalImage[]): ImageToPush {
  if (images.length === 0) throw new Error('images: no image to push')
  const platforms = images.map((i) => platformString(i.platform))
  const seen = new Map<string, string>()
  for (const image of images) {
    const p = platformString(image.platform)
    const other = seen.get(p)
    if (other !== undefined) {
      throw new Error(
        `images: ${JSON.stringify(other)} and ${JSON.stringify(image.source)} are both ${p}; give each entry its own platform`
      )
    }
    seen.set(p, image.source)
  }
  const attested = images.some((i) => i.attestation)
  // A single image is tagged directly, unless it carries an attestation: only an index can list both.
  if (images.length === 1 && !attested) return { images, top: images[0].manifest, platforms }
  const original = images[0].index
  if (original && images.every((i) => i.index === original))
    return { images, top: original, platforms }
  const docker = !attested && images.every((i) => i.manifest.mediaType === MediaType.dockerManifest)
  const mediaType = docker ? MediaType.dockerList : MediaType.ociIndex
  const manifests: Descriptor[] = images.map((i) => ({
    mediaType: i.manifest.mediaType,
    digest: i.manifest.digest,
    size: i.manifest.bytes.length,
    platform: i.platform
  }))
  // As buildx lists them: the platforms first, then each one's attestation manifest.
  for (const image of images) if (image.attestation) manifests.push(image.attestation.descriptor)
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, manifests }))
  return { images, top: { bytes, mediaType, digest: sha256Digest(bytes) }, platforms }
}

/** Every distinct blob of the images and their attestations, with the image that can open it. */
export function distinctBlobs(images: LocalImage[]): { blob: Descriptor; image: LocalImage }[] {
  const seen = new Map<string, { blob: Descriptor; image: LocalImage }>()
  for (const image of images) {
    for (const blob of [...image.blobs, ...(image.attestation?.blobs ?? [])])
      if (!seen.has(blob.digest)) seen.set(blob.digest, { blob, image })
  }
  return [...seen.values()]
}
