import { sha256Digest, checkDigest } from '../digest.js'
import {
  INDEX_TYPES,
  MANIFEST_TYPES,
  manifestBlobs,
  platformOfConfig,
  type Attachment,
  type Descriptor,
  type LocalImage,
  type Platform
} from '../image.js'
import type { ImageFiles } from './files.js'

/**
 * Reads an OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/…`), as
 * `docker buildx build --output type=oci`, umoci and skopeo write it, from a directory or an
 * oci-archive. Every manifest is checked against its digest, and every blob it names must be
 * present with the right size, before anything is pushed.
 */

const REF_NAME = 'org.opencontainers.image.ref.name'
/** buildx: the image manifest an attestation manifest speaks about. */
const REFERENCE_DIGEST = 'vnd.docker.reference.digest'

export function blobPath(digest: string, where: string): string {
  checkDigest(digest, where)
  return `blobs/sha256/${digest.slice('sha256:'.length)}`
}

async function readJson(files: ImageFiles, name: string, what: string): Promise<unknown> {
  const bytes = await files.read(name)
  if (!bytes) throw new Error(`${files.where}: missing ${name} (${what})`)
  try {
    return JSON.parse(bytes.toString('utf8'))
  } catch {
    throw new Error(`${files.where}: ${name} is not valid JSON`)
  }
}

/** Reads a blob the layout holds, checking it against its descriptor. */
async function readBlob(files: ImageFiles, d: Descriptor): Promise<Buffer> {
  const name = blobPath(d.digest, files.where)
  const bytes = await files.read(name)
  if (!bytes) throw new Error(`${files.where}: missing blob ${d.digest}`)
  if (sha256Digest(bytes) !== d.digest)
    throw new Error(`${files.where}: blob ${d.digest} does not match its digest`)
  return bytes
}

/** True for buildx's attestation manifests, which carry no runnable platform. */
function isAttestation(d: Descriptor): boolean {
  return (
    d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
    (d.platform?.os === 'unknown' && d.platform?.architecture === 'unknown')
  )
}

function selectEntry(
  index: { manifests?: Descriptor[] },
  ref: string | undefined,
  where: string
): Descriptor {
  const manifests = index.manifests ?? []
  if (manifests.length === 0) throw new Error(`${where}: index.json lists no images`)
  if (ref !== undefined) {
    const found = manifests.filter((m) => m.annotations?.[REF_NAME] === ref)
    if (found.length === 1) return found[0]
    const known = manifests.map((m) => m.annotations?.[REF_NAME]).filter(Boolean)
    throw new Error(
      `${where}: ${found.length === 0 ? 'no' : 'more than one'} image named ${JSON.stringify(ref)}` +
        (known.length > 0 ? ` (the layout has: ${known.join(', ')})` : '')
    )
  }
  if (manifests.length === 1) return manifests[0]
  const known = manifests.map((m) => m.annotations?.[REF_NAME] ?? m.digest)
  throw new Error(
    `${where}: the layout holds several images; name one as <dir>:<ref> (${known.join(', ')})`
  )
}

/**
 * The images of one layout entry: one, or one per platform when the entry is an index.
 * `platform` (from the `os/arch=` prefix) overrides what the config declares.
 */
export async function loadOciLayout(
  files: ImageFiles,
  ref: string | undefined,
  source: string,
  platform?: Platform
): Promise<LocalImage[]> {
  const layout = (await readJson(files, 'oci-layout', 'not an OCI image layout')) as {
    imageLayoutVersion?: string
  }
  if (layout?.imageLayoutVersion !== '1.0.0') {
    throw new Error(
      `${files.where}: oci-layout version ${JSON.stringify(layout?.imageLayoutVersion)} is not 1.0.0`
    )
  }
  const index = (await readJson(files, 'index.json', 'the layout index')) as {
    manifests?: Descriptor[]
  }
  const entry = selectEntry(index, ref, files.where)
  const images: LocalImage[] = []
  const attestations: Descriptor[] = []
  const visit = async (d: Descriptor, depth: number): Promise<void> => {
    if (INDEX_TYPES.includes(d.mediaType)) {
      if (depth > 2) throw new Error(`${files.where}: image indexes nested too deep`)
      const nested = JSON.parse((await readBlob(files, d)).toString('utf8')) as {
        manifests?: Descriptor[]
      }
      for (const child of nested.manifests ?? []) {
        if (isAttestation(child)) attestations.push(child)
        else await visit(child, depth + 1)
      }
      return
    }
    if (!MANIFEST_TYPES.includes(d.mediaType)) {
      throw new Error(
        `${files.where}: ${d.digest} has media type ${d.mediaType}, not an image manifest or index`
      )
    }
    images.push(await loadManifest(files, d, source, platform))
  }
  await visit(entry, 0)
  // Each attestation goes with the image it names; one naming no image read here is left out.
  let attached = 0
  for (const d of attestations) {
    const owner = images.find((i) => i.manifest.digest === d.annotations?.[REFERENCE_DIGEST])
    if (!owner || owner.attestation) continue
    owner.attestation = await loadAttestation(files, d)
    attached++
  }
  if (INDEX_TYPES.includes(entry.mediaType) && !platform) {
    // Keep the builder's own index (its digest, its annotations) when every entry in it is one
    // of the images or attestations read here; an index with nested indexes is rebuilt.
    const bytes = await readBlob(files, entry)
    const listed =
      (JSON.parse(bytes.toString('utf8')) as { manifests?: Descriptor[] }).manifests ?? []
    const known = new Set([
      ...images.map((i) => i.manifest.digest),
      ...images.flatMap((i) => (i.attestation ? [i.attestation.descriptor.digest] : []))
    ])
    const same =
      listed.length === images.length + attached &&
      listed.every((d) => known.has(d.digest) && d.platform !== undefined)
    if (same) {
      const original = { bytes, mediaType: entry.mediaType, digest: entry.digest }
      for (const image of images) image.index = original
    }
  }
  if (platform && images.length > 1) {
    throw new Error(
      `${source}: names one platform but the layout entry holds ${images.length} images`
    )
  }
  return images
}

/** The blobs a manifest names, each checked to be in the layout with the size it says. */
async function presentBlobs(files: ImageFiles, manifest: unknown, where: string) {
  const blobs = manifestBlobs(manifest, where)
  for (const blob of blobs) {
    const size = await files.size(blobPath(blob.digest, where))
    if (size === undefined)
      throw new Error(`${where}: blob ${blob.digest} is missing from the layout`)
    if (size !== blob.size) {
      throw new Error(
        `${where}: blob ${blob.digest} is ${size} bytes, the manifest says ${blob.size}`
      )
    }
  }
  return blobs
}

/** An attestation manifest, kept byte for byte with the descriptor buildx gave it. */
async function loadAttestation(files: ImageFiles, d: Descriptor): Promise<Attachment> {
  const bytes = await readBlob(files, d)
  const where = `${files.where}: attestation manifest ${d.digest}`
  const blobs = await presentBlobs(files, JSON.parse(bytes.toString('utf8')), where)
  return { descriptor: d, bytes, blobs }
}

async function loadManifest(
  files: ImageFiles,
  d: Descriptor,
  source: string,
  platform?: Platform
): Promise<LocalImage> {
  const bytes = await readBlob(files, d)
  const where = `${files.where}: manifest ${d.digest}`
  const manifest = JSON.parse(bytes.toString('utf8')) as { mediaType?: string }
  const blobs = await presentBlobs(files, manifest, where)
  const resolved =
    platform ??
    d.platform ??
    platformOfConfig(JSON.parse((await readBlob(files, blobs[0])).toString('utf8')), where)
  return {
    source,
    platform: resolved,
    manifest: { bytes, mediaType: manifest.mediaType ?? d.mediaType, digest: d.digest },
    blobs,
    open: (digest) => (range) => files.open(blobPath(digest, where), range)
  }
}
