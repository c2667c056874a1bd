import { sha256Digest } from '../digest.js'
import {
  MediaType,
  platformOfConfig,
  type Descriptor,
  type LocalImage,
  type Platform
} from '../image.js'
import type { ImageFiles } from './files.js'

/**
 * Reads a `docker save` tarball (manifest.json naming a config and layer tars) and presents
 * each image as an OCI image manifest. Layers keep their bytes; their media type follows what
 * they are (plain tar, gzip or zstd), so nothing is recompressed on the way.
 */

interface SaveEntry {
  Config: string
  RepoTags?: string[] | null
  Layers: string[]
}

const GZIP = Buffer.from([0x1f, 0x8b])
const ZSTD = Buffer.from([0x28, 0xb5, 0x2f, 0xfd])

async function sniff(files: ImageFiles, name: string): Promise<string> {
  const head: Buffer[] = []
  for await (const chunk of files.open(name, { start: 0, end: 3 })) head.push(chunk as Buffer)
  const bytes = Buffer.concat(head)
  if (bytes.subarray(0, 2).equals(GZIP)) return MediaType.ociLayerGzip
  if (bytes.subarray(0, 4).equals(ZSTD)) return MediaType.ociLayerZstd
  return MediaType.ociLayer
}

function selectEntry(entries: SaveEntry[], ref: string | undefined, where: string): SaveEntry {
  if (ref !== undefined) {
    const wanted = ref.includes(':') ? ref : `${ref}:latest`
    const found = entries.find((e) => (e.RepoTags ?? []).some((t) => t === wanted || t === ref))
    if (!found) {
      const known = entries.flatMap((e) => e.RepoTags ?? [])
      throw new Error(
        `${where}: no image tagged ${JSON.stringify(ref)} (the archive has: ${known.join(', ') || 'untagged images'})`
      )
    }
    return found
  }
  if (entries.length !== 1) {
    throw new Error(
      `${where}: the archive holds ${entries.length} images; name one as <file>:<repo:tag>`
    )
  }
  return entries[0]
}

export async function loadDockerArchive(
  files: ImageFiles,
  ref: string | undefined,
  source: string,
  platform?: Platform
): Promise<LocalImage[]> {
  const raw = await files.read('manifest.json')
  if (!raw) throw new Error(`${files.where}: no manifest.json; not a docker save archive`)
  let entries: SaveEntry[]
  try {
    entries = JSON.parse(raw.toString('utf8')) as SaveEntry[]
  } catch {
    throw new Error(`${files.where}: manifest.json is not valid JSON`)
  }
  if (!Array.isArray(entries) || entries.length === 0)
    throw new Error(`${files.where}: manifest.json lists no images`)
  const entry = selectEntry(entries, ref, files.where)
  const configBytes = await files.read(entry.Config)
  if (!configBytes) throw new Error(`${files.where}: missing image config ${entry.Config}`)
  const config = JSON.parse(configBytes.toString('utf8')) as { rootfs?: { diff_ids?: string[] } }
  const diffIds = config.rootfs?.diff_ids ?? []
  if (diffIds.length !== entry.Layers.length) {
    throw new Error(
      `${files.where}: the config lists ${diffIds.length} layers, manifest.json ${entry.Layers.length}`
    )
  }
  const paths = new Map<string, string>()
  const configDigest = sha256Digest(configBytes)
  paths.set(configDigest, entry.Config)
  const layers: Descriptor[] = []
  for (const [i, name] of entry.Layers.entries()) {
    const size = await files.size(name)
    if (size === undefined) throw new Error(`${files.where}: missing layer ${name}`)
    const mediaType = await sniff(files, name)
    // An uncompressed layer's digest is its diff_id; a compressed one is named by its digest
    // in the OCI-style archives docker 25+ writes (blobs/sha256/<hex>).
    const named = name.match(/^blobs\/sha256\/([a-f0-9]{64})$/)
    const digest = named
      ? `sha256:${named[1]}`
      : mediaType === MediaType.ociLayer
        ? diffIds[i]
        : undefined
    if (!digest)
      throw new Error(`${files.where}: layer ${name} is compressed and not named by its digest`)
    paths.set(digest, name)
    layers.push({ mediaType, digest, size })
  }
  const manifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType: MediaType.ociConfig, digest: configDigest, size: configBytes.length },
    layers
  }
  const bytes = Buffer.from(JSON.stringify(manifest))
  return [
    {
      source,
      platform: platform ?? platformOfConfig(config, `${files.where}: ${entry.Config}`),
      manifest: { bytes, mediaType: MediaType.ociManifest, digest: sha256Digest(bytes) },
      blobs: [manifest.config, ...layers],
      open: (digest) => {
        const name = paths.get(digest)
        if (!name) throw new Error(`${files.where}: no blob ${digest}`)
        return (range) => files.open(name, range)
      }
    }
  ]
}
