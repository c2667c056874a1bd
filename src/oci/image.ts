import type { OpenBlob } from './registry.js'

/** The OCI and Docker media types this project reads and writes. */
export const MediaType = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json'
} as const

export const INDEX_TYPES: readonly string[] = [MediaType.ociIndex, MediaType.dockerList]
export const MANIFEST_TYPES: readonly string[] = [MediaType.ociManifest, MediaType.dockerManifest]

export interface Platform {
  os: string
  architecture: string
  variant?: string
}

export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  platform?: Platform
  annotations?: Record<string, string>
}

/**
 * A manifest attached to an image, pushed with it and listed beside it in the index: buildx's
 * attestation manifest (SBOM, provenance), whose descriptor carries
 * `vnd.docker.reference.type: attestation-manifest` and `vnd.docker.reference.digest: <image>`.
 */
export interface Attachment {
  /** The descriptor as the builder's index listed it: annotations and platform kept. */
  descriptor: Descriptor
  bytes: Buffer
  /** The config, then the layers (in-toto statements). */
  blobs: Descriptor[]
}

/** One platform's image, ready to push: its manifest bytes as stored, and where its blobs are. */
export interface LocalImage {
  /** The source entry it came from, for logs and errors (`oci:build/amd64`). */
  source: string
  platform: Platform
  manifest: { bytes: Buffer; mediaType: string; digest: string }
  /** The index this image was listed in, when it can be pushed as it is (see oci-layout.ts). */
  index?: { bytes: Buffer; mediaType: string; digest: string }
  /** The config first, then the layers. */
  blobs: Descriptor[]
  /** buildx's attestation manifest for this image, when the source had one. */
  attestation?: Attachment
  open(digest: string): OpenBlob
}

export function platformString(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/')
}

/** Parses `linux/arm64` or `linux/arm/v7`. */
export function parsePlatform(text: string): Platform | undefined {
  const parts = text.split('/')
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^[a-z0-9_.-]+$/i.test(p))) {
    return undefined
  }
  return { os: parts[0], architecture: parts[1], ...(parts[2] ? { variant: parts[2] } : {}) }
}

/** The platform an image config declares (`os`, `architecture`, `variant`). */
export function platformOfConfig(config: unknown, where: string): Platform {
  const c = config as { os?: unknown; architecture?: unknown; variant?: unknown }
  if (typeof c?.os !== 'string' || typeof c?.architecture !== 'string') {
    throw new Error(
      `${where}: the image config names no os/architecture; prefix the entry with one, e.g. linux/amd64=`
    )
  }
  return {
    os: c.os,
    architecture: c.architecture,
    ...(typeof c.variant === 'string' && c.variant ? { variant: c.variant } : {})
  }
}

/** The descriptors (config, then layers) an image manifest references, checked for shape. */
export function manifestBlobs(manifest: unknown, where: string): Descriptor[] {
  const m = manifest as { config?: Descriptor; layers?: Descriptor[] }
  if (!m?.config || !Array.isArray(m.layers)) {
    throw new Error(`${where}: not an image manifest (no config or layers)`)
  }
  for (const d of [m.config, ...m.layers]) {
    if (
      typeof d?.digest !== 'string' ||
      typeof d.size !== 'number' ||
      typeof d.mediaType !== 'string'
    ) {
      throw new Error(`${where}: a descriptor lacks mediaType, digest or size`)
    }
  }
  return [m.config, ...m.layers]
}
