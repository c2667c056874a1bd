import { Transform, type Readable } from 'node:stream'
import pLimit from 'p-limit'
import type { Logger } from '../report/log.js'
import { distinctBlobs, type ImageToPush } from './assemble.js'
import type { CosignKey } from './cosign-key.js'
import { signDigest, type SignatureResult } from './cosign-signature.js'
import { attachSignatureBundle, signDigestKeyless, type BundleResult } from './cosign-keyless.js'
import type { KeylessSigner } from './keyless.js'
import { attachProvenance, type BuildRun, type ProvenanceResult } from './provenance.js'
import { INDEX_TYPES, MANIFEST_TYPES } from './image.js'
import { RegistryClient, short } from './registry.js'
import { parseRepository, type Repository } from './repository.js'
import { formatBytes, formatRate } from '../report/format.js'

/**
 * Pushes one (possibly multi-platform) image to several repositories under several tags.
 * Per repository: blobs first (HEAD; else a cross-repository mount from another repository of
 * the same registry: one this run completed, the other `image-repositories` as a previous run
 * left them, then `image-mount-from`; else a streamed upload, a bounded number at once), then
 * each platform manifest by digest, then the index under each tag, so that a tag never names
 * something incomplete. A manifest or tag the registry already holds with the same digest is
 * not sent again: a re-push of what is there is HEAD requests only.
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
  /** Keyless: the sigstore bundles attached as referrers, one per signed digest. */
  signatureBundles?: BundleResult[]
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
  /** Sign keyless instead (sigstore): the `.sig` tag and a bundle referrer per digest. */
  keyless?: KeylessSigner
  /** With a signer: attach SLSA provenance naming this run, signed with the same identity. */
  buildRun?: BuildRun
  /**
   * More repositories to mount blobs from (image-mount-from), tried after those being pushed
   * to; only those on the same registry host as the target count.
   */
  mountFrom?: string[]
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
  const targets = repositories.map(parseRepository)
  const extra = (options.mountFrom ?? []).map(parseRepository)
  // A repository that holds the image's top manifest holds everything it names (a registry
  // refuses a manifest whose blobs or children it lacks): nothing goes there but HEADs, and
  // it is a mount source for the others from the start, as an earlier run left it.
  const accept = [image.top.mediaType, ...INDEX_TYPES, ...MANIFEST_TYPES]
  const holds: boolean[] = []
  for (const repo of targets) {
    holds.push(
      await client.headManifest(repo, image.top.digest, accept).then(
        (digest) => digest === image.top.digest,
        // Reported by the push itself, with the repository's name.
        () => false
      )
    )
  }
  /** Repositories that hold every blob of the image: before this run, or after it pushed there. */
  const complete: Repository[] = targets.filter((_, n) => holds[n])
  for (const [n, repo] of targets.entries()) {
    // Sources known to hold the blobs first, then those named by image-mount-from.
    const sources = uniqueByName([...complete, ...extra]).filter(
      (s) => s.name !== repo.name && s.apiHost === repo.apiHost
    )
    try {
      const archTags = n === 0 ? (options.archTags ?? []) : []
      const result = await pushOne(client, repo, image, tags, sources, holds[n], {
        ...options,
        archTags
      })
      pushed.push(result)
      if (!complete.includes(repo)) complete.push(repo)
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

function uniqueByName(repos: Repository[]): Repository[] {
  const seen = new Set<string>()
  return repos.filter((r) => !seen.has(r.name) && seen.add(r.name))
}

async function pushOne(
  client: RegistryClient,
  repo: Repository,
  image: ImageToPush,
  tags: string[],
  mountable: Repository[],
  /** The repository already holds the top manifest, hence every blob and child manifest. */
  present: boolean,
  {
    concurrency,
    log,
    immutable = [],
    overwrite = false,
    archTags = [],
    cosignKey,
    keyless,
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
  // What each tag names now: asked once, for the release-tag check and to skip a PUT that
  // would change nothing.
  const accept = [...INDEX_TYPES, ...MANIFEST_TYPES]
  const current = new Map<string, Promise<string | undefined>>()
  const named = (tag: string) => {
    if (!current.has(tag)) current.set(tag, client.headManifest(repo, tag, accept))
    return current.get(tag)!
  }
  // Checked before any byte moves, so a refused release leaves the repository as it was.
  for (const { tag, digest } of targets.filter((t) => immutable.includes(t.tag))) {
    const now = await named(tag)
    if (now === undefined || now === digest) continue
    if (!overwrite) {
      throw new Error(
        `${repo.name}:${tag} already points at ${now}, not at this image (${digest}); ` +
          'release tags are not moved. Set image-overwrite: true to replace it.'
      )
    }
    log.warning(`${repo.name}:${tag} moves from ${now} to ${digest} (image-overwrite)`)
  }
  const stats = { uploaded: 0, mounted: 0, existing: 0, bytesUploaded: 0 }
  const limit = pLimit(concurrency)
  // Sources that refused a mount (no pull access, no such repository) are not asked again.
  const refused = new Set<string>()
  const blobs = distinctBlobs(image.images)
  if (present) {
    stats.existing = blobs.length
    log.debug(`${repo.name}: holds ${short(image.top.digest)} and all it names already`)
  }
  await Promise.all(
    (present ? [] : blobs).map(({ blob, image: owner }) =>
      limit(async () => {
        if (await client.hasBlob(repo, blob.digest)) {
          stats.existing++
          log.debug(`${repo.name}: ${short(blob.digest)} already there`)
          return
        }
        for (const from of mountable) {
          if (refused.has(from.name)) continue
          const outcome = await client.mountBlob(repo, blob.digest, from)
          if (outcome === 'refused') refused.add(from.name)
          if (outcome !== 'mounted') continue
          stats.mounted++
          log.info(
            `${repo.name}: mounted ${short(blob.digest)} (${formatBytes(blob.size)}) from ${from.path}`
          )
          return
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
          `${repo.name}: pushed ${short(blob.digest)} ${formatBytes(blob.size)} in ${seconds.toFixed(1)} s (${formatRate(blob.size, seconds * 1000)})` +
            (sent > blob.size ? `, ${formatBytes(sent - blob.size)} re-sent after retries` : '')
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
  // A manifest is sent only when the registry lacks it (by digest) or the tag names another.
  const absent = async (reference: string, digest: string, mediaType: string) =>
    (await (reference === digest
      ? client.headManifest(repo, reference, [mediaType, ...accept])
      : named(reference))) !== digest
  await Promise.all(
    (present ? [] : children).map((m) =>
      limit(async () => {
        if (await absent(m.digest, m.digest, m.mediaType))
          await client.putManifest(repo, m.digest, m.bytes, m.mediaType)
      })
    )
  )
  for (const { tag, manifest, platform } of perArch) {
    if (await absent(tag, manifest.digest, manifest.mediaType)) {
      await client.putManifest(repo, tag, manifest.bytes, manifest.mediaType)
      log.info(`${repo.name}:${tag} -> ${manifest.digest} (${platform})`)
    } else log.info(`${repo.name}:${tag} already -> ${manifest.digest} (${platform})`)
  }
  for (const tag of tags) {
    const where = `${image.top.digest} (${image.platforms.join(', ')})`
    if (await absent(tag, image.top.digest, image.top.mediaType)) {
      await client.putManifest(repo, tag, image.top.bytes, image.top.mediaType)
      log.info(`${repo.name}:${tag} -> ${where}`)
    } else log.info(`${repo.name}:${tag} already -> ${where}`)
  }
  // Signatures last: what they vouch for is complete and tagged by now. The index and each
  // platform manifest: podman, CRI-O and skopeo check the platform they pull, cosign the index.
  const signatures: SignatureResult[] = []
  const signatureBundles: BundleResult[] = []
  const top = {
    digest: image.top.digest,
    mediaType: image.top.mediaType,
    size: image.top.bytes.length
  }
  const signed = [
    top,
    ...image.images.map(({ manifest: m }) => ({
      digest: m.digest,
      mediaType: m.mediaType,
      size: m.bytes.length
    }))
  ].filter((d, n, all) => all.findIndex((o) => o.digest === d.digest) === n)
  for (const subject of signed) {
    if (keyless) {
      signatures.push(await signDigestKeyless(client, repo, subject.digest, keyless, log))
      signatureBundles.push(await attachSignatureBundle(client, repo, subject, keyless, log))
    } else if (cosignKey)
      signatures.push(await signDigest(client, repo, subject.digest, cosignKey, log))
  }
  const signer = keyless ?? cosignKey
  const provenance =
    signer && buildRun
      ? await attachProvenance(client, repo, top, buildRun, signer, log)
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
    ...(signatureBundles.length > 0 ? { signatureBundles } : {}),
    blobs: stats
  }
}
