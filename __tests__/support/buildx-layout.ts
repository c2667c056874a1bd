import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import * as path from 'node:path'

/**
 * Turns umoci-built single-platform layouts into the OCI layout `docker buildx build
 * --output type=oci --sbom=true --provenance=true` writes: one image index listing each
 * platform's manifest, then one attestation manifest per platform. The format follows Docker's
 * "Image attestation storage" page (docs.docker.com/build/metadata/attestations/attestation-storage)
 * and buildkit's util/attestation constants: the attestation manifest is an OCI manifest with
 * an `unknown/unknown` config and one `application/vnd.in-toto+json` layer per statement
 * (annotated `in-toto.io/predicate-type`), listed in the index with platform unknown/unknown
 * and `vnd.docker.reference.type: attestation-manifest`, `vnd.docker.reference.digest: <image>`.
 */

const INDEX = 'application/vnd.oci.image.index.v1+json'
const MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const CONFIG = 'application/vnd.oci.image.config.v1+json'
const IN_TOTO = 'application/vnd.in-toto+json'

interface Descriptor {
  mediaType: string
  digest: string
  size: number
  platform?: { os: string; architecture: string }
  annotations?: Record<string, string>
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

async function putBlob(layout: string, bytes: Buffer, mediaType: string): Promise<Descriptor> {
  const digest = sha256(bytes)
  await writeFile(path.join(layout, 'blobs', 'sha256', digest.slice(7)), bytes)
  return { mediaType, digest, size: bytes.length }
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value))

export interface BuildxLayout {
  dir: string
  /** The index blob as written: what a registry should hold byte for byte. */
  index: Descriptor
  /** Each attestation manifest's descriptor and every blob it names. */
  attestations: { descriptor: Descriptor; blobs: string[] }[]
}

/** Builds the layout under `dir` from umoci layouts (each holding one image under `ref`). */
export async function buildxLayout(
  dir: string,
  sources: { layout: string; ref: string }[],
  ref = 'latest'
): Promise<BuildxLayout> {
  await mkdir(path.join(dir, 'blobs', 'sha256'), { recursive: true })
  await writeFile(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }))
  const images: Descriptor[] = []
  for (const source of sources) {
    for (const name of await readdir(path.join(source.layout, 'blobs', 'sha256')))
      await copyFile(
        path.join(source.layout, 'blobs', 'sha256', name),
        path.join(dir, 'blobs', 'sha256', name)
      )
    const listed = JSON.parse(await readFile(path.join(source.layout, 'index.json'), 'utf8')) as {
      manifests: Descriptor[]
    }
    const entry = listed.manifests.find(
      (m) => m.annotations?.['org.opencontainers.image.ref.name'] === source.ref
    )!
    const manifest = JSON.parse(
      await readFile(path.join(dir, 'blobs', 'sha256', entry.digest.slice(7)), 'utf8')
    ) as { config: Descriptor }
    const config = JSON.parse(
      await readFile(path.join(dir, 'blobs', 'sha256', manifest.config.digest.slice(7)), 'utf8')
    ) as { os: string; architecture: string }
    images.push({
      mediaType: MANIFEST,
      digest: entry.digest,
      size: entry.size,
      platform: { os: config.os, architecture: config.architecture }
    })
  }
  const attestations: BuildxLayout['attestations'] = []
  const attestationDescriptors: Descriptor[] = []
  for (const image of images) {
    const subject = [{ name: 'pkg:docker/falco', digest: { sha256: image.digest.slice(7) } }]
    const sbom = await putBlob(
      dir,
      json({
        _type: 'https://in-toto.io/Statement/v0.1',
        predicateType: 'https://spdx.dev/Document',
        subject,
        predicate: { spdxVersion: 'SPDX-2.3', name: `sbom-${image.platform!.architecture}` }
      }),
      IN_TOTO
    )
    sbom.annotations = { 'in-toto.io/predicate-type': 'https://spdx.dev/Document' }
    const provenance = await putBlob(
      dir,
      json({
        _type: 'https://in-toto.io/Statement/v0.1',
        predicateType: 'https://slsa.dev/provenance/v0.2',
        subject,
        predicate: { builder: { id: '' }, buildType: 'https://mobyproject.org/buildkit@v1' }
      }),
      IN_TOTO
    )
    provenance.annotations = { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' }
    const config = await putBlob(
      dir,
      json({
        architecture: 'unknown',
        os: 'unknown',
        config: {},
        rootfs: { type: 'layers', diff_ids: [sbom.digest, provenance.digest] }
      }),
      CONFIG
    )
    const manifest = await putBlob(
      dir,
      json({ schemaVersion: 2, mediaType: MANIFEST, config, layers: [sbom, provenance] }),
      MANIFEST
    )
    const descriptor = {
      ...manifest,
      annotations: {
        'vnd.docker.reference.digest': image.digest,
        'vnd.docker.reference.type': 'attestation-manifest'
      },
      platform: { architecture: 'unknown', os: 'unknown' }
    }
    attestationDescriptors.push(descriptor)
    attestations.push({ descriptor, blobs: [config.digest, sbom.digest, provenance.digest] })
  }
  const index = await putBlob(
    dir,
    json({ schemaVersion: 2, mediaType: INDEX, manifests: [...images, ...attestationDescriptors] }),
    INDEX
  )
  await writeFile(
    path.join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: INDEX,
      manifests: [{ ...index, annotations: { 'org.opencontainers.image.ref.name': ref } }]
    })
  )
  return { dir, index, attestations }
}
