import { Transform, type Readable } from 'node:stream'
import pLimit from 'p-limit'
import type { Logger } from '../report/log.js'
import { distinctBlobs, type ImageToPush } from './assemble.js'
import type { CosignKey } from './cosign-key.js'
import { signDigest, type SignatureResult } from './cosign-signature.js'
import { attachProvenance, type BuildRun, type ProvenanceResult } from './provenance.js'
import { INDEX_TYPES, MANIFEST_TYPES } from './image.js'
import { RegistryClient, short } from './registry.js'
import { parseRepository, type Repository } from './repository.js'

/**
 * Pushes one (possibly multi-platform) image to several repositories under several tags.
 * Per repository: blobs first (HEAD; else mount from a repository of the same registry that
 * got it earlier in this run; else a streamed upload, a bounded number at once), then each
 * platform manifest by digest, then the index under each tag, so that a tag never names
 * something incomplete.
 */

export interface PushedRepository {
  repository: string
  tags: string[]
  /** Per-arch tags and the platform manifest each names. */
  archTags: { tag: string; digest: string; platform: string }[]
  digest: string
  mediaType: string
  size: number
  platforms: string[]
  /** buildx attestation manifests pushed with the image: which platform manifest each describes. */
  attestations: { digest: string; describes: string; platform: string }[]
  /** Cosign signatures, when a key was given: of `digest` first, then of each platform manifest. */
  signatures?: SignatureResult[]
  /** The signed provenance attached as a referrer of `digest`. */
  provenance?: ProvenanceResult
  blobs: { uploaded: number; mounted: number; existing: number; bytesUploaded: number }
}

export class PushError extends Error {
  constructor(
    message: string,
    readonly pushed: PushedRepository[],
    readonly failed: { repository: string; error: string }[]
  ) {
    super(message)
    this.name = 'PushError'
  }
}

export interface PushOptions {
  concurrency: number
  log: Logger
  /**
   * Tags that name a release (`0.40.0`): pushed only where absent or already pointing at this
   * image, unless `overwrite`. Moving tags (`latest`, `master`, `0.40`) are not listed here.
   */
  immutable?: string[]
  overwrite?: boolean
  /**
   * Per-arch tags (`x86_64-0.40.0`), one per image in order, pushed to the first repository
   * only (see image-arch-tags in action.yml).
   */
  archTags?: string[]
  /** Sign the pushed digest with this key (cosign's format), after the tags are in place. */
  cosignKey?: CosignKey
  /** With cosignKey: attach SLSA provenance naming this run, signed with the same key. */
  buildRun?: BuildRun
}

function humanBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB']
  let value = n
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`
}

/** Counts bytes as they pass, for the progress line. */
function counting(stream: Readable, add: (n: number) => void): Readable {
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      add(chunk.length)
      done(null, chunk)
    }
  })
  stream.on('error', (error) => meter.destroy(error))
  // When the upload is abandoned, the file behind it is closed too.
  meter.on('close', () => stream.destroy())
  return stream.pipe(meter)
}

export async function pushToRepositories(
  client: RegistryClient,
  repositories: string[],
  image: ImageToPush,
  tags: string[],
  options: PushOptions
): Promise<PushedRepository[]> {
  const pushed: PushedRepository[] = []
  const failed: { repository: string; error: string }[] = []
  /** Repositories that hold every blob of the image after this run pushed to them. */
  const complete: Repository[] = []
  for (const [n, name] of repositories.entries()) {
    const repo = parseRepository(name)
    try {
      const archTags = n === 0 ? (options.archTags ?? []) : []
      const result = await pushOne(client, repo, image, tags, complete, { ...options, archTags })
      pushed.push(result)
      complete.push(repo)
    } catch (error) {
      failed.push({ repository: repo.name, error: (error as Error).message })
      options.log.error(`${repo.name}: ${(error as Error).message}`)
    }
  }
  if (failed.length > 0) {
    throw new PushError(
      `pushing to ${failed.map((f) => f.repository).join(', ')} failed: ${failed.map((f) => f.error).join('; ')}`,
      pushed,
      failed
    )
  }
  return pushed
}

async function pushOne(
  client: RegistryClient,
  repo: Repository,
  image: ImageToPush,
  tags: string[],
  mountable: Repository[],
  {
    concurrency,
    log,
    immutable = [],
    overwrite = false,
    archTags = [],
    cosignKey,
    buildRun
  }: PushOptions
): Promise<PushedRepository> {
  const perArch = archTags.map((tag, i) => ({
    tag,
    digest: image.images[i].manifest.digest,
    platform: image.platforms[i],
    manifest: image.images[i].manifest
  }))
  const targets = [
    ...tags.map((tag) => ({ tag, digest: image.top.digest })),
    ...perArch.map(({ tag, digest }) => ({ tag, digest }))
  ]
  // Checked before any byte moves, so a refused release leaves the repository as it was.
  for (const { tag, digest } of targets.filter((t) => immutable.includes(t.tag))) {
    const current = await client.headManifest(repo, tag, [...INDEX_TYPES, ...MANIFEST_TYPES])
    if (current === undefined || current === digest) continue
    if (!overwrite) {
      throw new Error(
        `${repo.name}:${tag} already points at ${current}, not at this image (${digest}); ` +
          'release tags are not moved. Set image-overwrite: true to replace it.'
      )
    }
    log.warning(`${repo.name}:${tag} moves from ${current} to ${digest} (image-overwrite)`)
  }
  const stats = { uploaded: 0, mounted: 0, existing: 0, bytesUploaded: 0 }
  const limit = pLimit(concurrency)
  const sameRegistry = mountable.filter((m) => m.apiHost === repo.apiHost)
  await Promise.all(
    distinctBlobs(image.images).map(({ blob, image: owner }) =>
      limit(async () => {
        if (await client.hasBlob(repo, blob.digest)) {
          stats.existing++
          log.debug(`${repo.name}: ${short(blob.digest)} already there`)
          return
        }
        for (const from of sameRegistry) {
          if (await client.mountBlob(repo, blob.digest, from)) {
            stats.mounted++
            log.info(
              `${repo.name}: mounted ${short(blob.digest)} (${humanBytes(blob.size)}) from ${from.path}`
            )
            return
          }
        }
        const started = Date.now()
        const open = owner.open(blob.digest)
        let sent = 0
        await client.uploadBlob(repo, blob.digest, blob.size, (range) =>
          counting(open(range), (n) => (sent += n))
        )
        stats.uploaded++
        stats.bytesUploaded += blob.size
        const seconds = Math.max((Date.now() - started) / 1000, 0.001)
        log.info(
          `${repo.name}: pushed ${short(blob.digest)} ${humanBytes(blob.size)} in ${seconds.toFixed(1)} s (${humanBytes(blob.size / seconds)}/s)` +
            (sent > blob.size ? `, ${humanBytes(sent - blob.size)} re-sent after retries` : '')
        )
      })
    )
  )
  // What the index names goes first, by digest: platform manifests and their attestations.
  const children = image.images.flatMap((i) => [
    ...(i.manifest.digest !== image.top.digest ? [i.manifest] : []),
    ...(i.attestation
      ? [
          {
            bytes: i.attestation.bytes,
            mediaType: i.attestation.descriptor.mediaType,
            digest: i.attestation.descriptor.digest
          }
        ]
      : [])
  ])
  await Promise.all(
    children.map((m) => limit(() => client.putManifest(repo, m.digest, m.bytes, m.mediaType)))
  )
  for (const { tag, manifest, platform } of perArch) {
    await client.putManifest(repo, tag, manifest.bytes, manifest.mediaType)
    log.info(`${repo.name}:${tag} -> ${manifest.digest} (${platform})`)
  }
  for (const tag of tags) {
    await client.putManifest(repo, tag, image.top.bytes, image.top.mediaType)
    log.info(`${repo.name}:${tag} -> ${image.top.digest} (${image.platforms.join(', ')})`)
  }
  // Signatures last: what they vouch for is complete and tagged by now. The index and each
  // platform manifest: podman, CRI-O and skopeo check the platform they pull, cosign the index.
  const signatures: SignatureResult[] = []
  if (cosignKey) {
    const digests = new Set([image.top.digest, ...image.images.map((i) => i.manifest.digest)])
    for (const digest of digests)
      signatures.push(await signDigest(client, repo, digest, cosignKey, log))
  }
  const top = {
    digest: image.top.digest,
    mediaType: image.top.mediaType,
    size: image.top.bytes.length
  }
  const provenance =
    cosignKey && buildRun
      ? await attachProvenance(client, repo, top, buildRun, cosignKey, log)
      : undefined
  return {
    repository: repo.name,
    tags,
    archTags: perArch.map(({ tag, digest, platform }) => ({ tag, digest, platform })),
    attestations: image.images.flatMap((i, n) =>
      i.attestation
        ? [
            {
              digest: i.attestation.descriptor.digest,
              describes: i.manifest.digest,
              platform: image.platforms[n]
            }
          ]
        : []
    ),
    digest: image.top.digest,
    mediaType: image.top.mediaType,
    size: image.top.bytes.length,
    platforms: image.platforms,
    ...(signatures.length > 0 ? { signatures } : {}),
    ...(provenance ? { provenance } : {}),
    blobs: stats
  }
}
