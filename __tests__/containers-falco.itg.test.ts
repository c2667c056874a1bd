import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { readCosignKey, type CosignKey } from '../src/oci/cosign-key.js'
import {
  signatureManifest,
  signatureTag,
  simpleSigningPayload,
  SIGNATURE_ANNOTATION,
  SIMPLE_SIGNING
} from '../src/oci/cosign-signature.js'
import { sha256Digest } from '../src/oci/digest.js'
import { MediaType } from '../src/oci/image.js'
import { RegistryClient } from '../src/oci/registry.js'
import { parseRepository } from '../src/oci/repository.js'
import { sign } from 'node:crypto'
import { Readable } from 'node:stream'
import { createContainersStage } from '../src/stages/containers.js'
import { checkImages } from '../src/verify/images.js'
import { registryResolver } from '../src/verify/registry.js'
import { context, dockerConfig } from './support/containers-context.js'
import { noise } from './support/images.js'
import { startRegistry, type RunningRegistry } from './support/registry.js'
import { keyVerifier, type KeyVerifier } from './support/sigstore-verifiers.js'
import { tool } from './support/tools.js'
import { newKeyPair } from '../src/sign/key-pair.js'

/**
 * Falco's image publication, run the way Falco's release workflow runs it: four flavours
 * (falco, falco:*-debian, falco-driver-loader, falco-driver-loader:*-buster), two platforms
 * each, to two registries (Docker Hub and ECR Public in Falco; two docker-registry here), with
 * per-arch tags on the first one only, signed with a key cosign generated. skopeo reads back
 * what was pushed; the signatures are checked by the verifiers users run: skopeo's
 * `sigstoreSigned` policy (what podman and CRI-O enforce), cosign 2 and cosign 3.
 */

/** cosign's own test key (see __fixtures__/cosign/README.md), encrypted with `hello`. */
const COSIGN_KEY = path.join(import.meta.dirname, '../__fixtures__/cosign/sigstore.key')
let cosignKey: CosignKey
/** Another key, as PKCS#8 PEM: signatures made with it must not pass for ours. */
const other = newKeyPair({ type: 'ec', namedCurve: 'P-256' })

/** The runner's variables as Actions sets them for a release run of Falco's workflow. */
const RUNNER = {
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'falcosecurity/falco',
  GITHUB_WORKFLOW_REF: 'falcosecurity/falco/.github/workflows/release.yaml@refs/tags/0.40.0',
  GITHUB_RUN_ID: '12345678',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_REF: 'refs/tags/0.40.0',
  GITHUB_EVENT_NAME: 'release'
}

let dir: string
let hub: RunningRegistry
let ecr: RunningRegistry
let config: string
/** The verifiers with our public key, and with another one. */
let ours: KeyVerifier
let theirs: KeyVerifier
/** One umoci layout per architecture, one image per flavour in each (ref = flavour). */
const layouts: Record<string, string> = {}

const FLAVOURS = [
  { repo: 'falco', ref: 'falco', variant: '' },
  { repo: 'falco', ref: 'falco-debian', variant: 'debian' },
  { repo: 'falco-driver-loader', ref: 'loader', variant: '' },
  { repo: 'falco-driver-loader', ref: 'loader-buster', variant: 'buster' }
]

async function buildFlavours(arch: string): Promise<string> {
  const layout = path.join(dir, `layout-${arch}`)
  await tool('umoci', ['init', '--layout', layout])
  for (const { ref } of FLAVOURS) {
    const image = `${layout}:${ref}`
    await tool('umoci', ['new', '--image', image])
    await tool('umoci', ['config', '--image', image, '--os', 'linux', '--architecture', arch])
    const file = path.join(dir, `${ref}-${arch}.bin`)
    await writeFile(file, noise(20_000))
    await tool('umoci', ['insert', '--image', image, file, `/usr/bin/${ref}`])
  }
  return layout
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'containers-falco-'))
  hub = await startRegistry(path.join(dir, 'hub'), {})
  ecr = await startRegistry(path.join(dir, 'ecr'), {})
  config = await dockerConfig(dir, {})
  await mkdir(path.join(dir, 'work'), { recursive: true })
  layouts.amd64 = await buildFlavours('amd64')
  layouts.arm64 = await buildFlavours('arm64')
  cosignKey = await readCosignKey(await readFile(COSIGN_KEY, 'utf8'), 'hello')
  await writeFile(path.join(dir, 'cosign.pub'), cosignKey.publicKeyPem)
  await writeFile(
    path.join(dir, 'other.pub'),
    other.publicKey.export({ type: 'spki', format: 'pem' }).toString()
  )
  ours = await keyVerifier(dir, path.join(dir, 'cosign.pub'))
  theirs = await keyVerifier(dir, path.join(dir, 'other.pub'))
})

afterAll(async () => {
  await hub?.stop()
  await ecr?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const repos = (name: string) => [
  `${hub.host}/falcosecurity/${name}`,
  `${ecr.host}/falcosecurity/${name}`
]

/** One of Falco's four publish runs for a release. */
async function publish(
  kind: 'stable' | 'stable-old' | 'dev' | 'prerelease',
  flavour: (typeof FLAVOURS)[number],
  onClient?: (c: RegistryClient) => void
) {
  const ctx = await context(dir, kind, {
    images: ['amd64', 'arm64'].map((a) => `oci:${layouts[a]}:${flavour.ref}`).join('\n'),
    'image-repositories': repos(flavour.repo).join('\n'),
    'image-variant': flavour.variant,
    'image-arch-tags': 'true',
    'cosign-private-key': await readFile(COSIGN_KEY, 'utf8'),
    'cosign-password': 'hello'
  })
  const s = createContainersStage({ dockerConfig: config, onClient, env: RUNNER })
  const plan = await s.plan(ctx)
  return { plan, result: await s.apply(plan, ctx), ctx }
}

/**
 * The repository's image tags: cosign's signature tags (`sha256-<hex>.sig`) and the referrers
 * tag schema's listings (`sha256-<hex>`) apart.
 */
async function tagsOf(repo: string): Promise<string[]> {
  return (await allTags(repo)).filter((t) => !/^sha256-[0-9a-f]{64}(\.sig)?$/.test(t))
}

async function allTags(repo: string): Promise<string[]> {
  const out = JSON.parse(
    await tool('skopeo', ['list-tags', '--tls-verify=false', `docker://${repo}`])
  ) as { Tags: string[] }
  return out.Tags.sort()
}

async function digestOf(ref: string): Promise<string> {
  const raw = await tool('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${ref}`])
  return (await tool('skopeo', ['manifest-digest', await tempFile(raw)])).trim()
}

let temp = 0
async function tempFile(text: string): Promise<string> {
  const file = path.join(dir, `raw-${temp++}.json`)
  await writeFile(file, text)
  return file
}

async function snapshot(repo: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const tag of await tagsOf(repo)) out[tag] = await digestOf(`${repo}:${tag}`)
  return out
}

/** How skopeo (containers/image) and cosign refuse a signature made by another key. */
const REFUSED_BY_SKOPEO = /Source image rejected: cryptographic signature verification failed/
const REFUSED_BY_COSIGN =
  /no matching (signatures: invalid signature|attestations: failed to verify signature)/

/**
 * What a client verifies when it pulls `ref`: the tag itself, and for a multi-arch index each
 * platform manifest by digest (the one podman or CRI-O resolves to on that platform; each is
 * signed too, see signedTags).
 */
async function pulledRefs(ref: string): Promise<string[]> {
  const [repo] = ref.split(/:(?=[^/:]+$)/)
  const raw = JSON.parse(
    await tool('skopeo', ['inspect', '--tls-verify=false', '--raw', `docker://${ref}`])
  ) as { manifests?: { digest: string }[] }
  return [ref, ...(raw.manifests ?? []).map((m) => `${repo}@${m.digest}`)]
}

describe("Falco's four image flavours on two registries", () => {
  it('publishes exactly the tags Falco publishes, latest* only for the newest stable', async () => {
    let bare: Record<string, string> = {}
    for (const flavour of FLAVOURS) {
      const published = await publish('stable', flavour)
      const { plan } = published
      // A variant run plans only suffixed tags, and arch tags on the first registry only.
      const suffix = flavour.variant ? `-${flavour.variant}` : ''
      const [hubRepo, ecrRepo] = repos(flavour.repo)
      // Image tags; the signature and referrers tags follow in each repository's share.
      expect(plan.operations.filter((o) => !o.reason).map((o) => o.target)).toEqual([
        `${hubRepo}:0.40.0${suffix}`,
        `${hubRepo}:latest${suffix}`,
        `${hubRepo}:x86_64-0.40.0${suffix}`,
        `${hubRepo}:aarch64-0.40.0${suffix}`,
        `${ecrRepo}:0.40.0${suffix}`,
        `${ecrRepo}:latest${suffix}`
      ])
      const { result } = published
      // The commands users paste check the signature and the provenance (cosign 3).
      expect(result.summary).toContain(
        `cosign verify-attestation --type slsaprovenance1 --key cosign.pub --insecure-ignore-tlog ${hubRepo}@sha256:`
      )
      const outputs = JSON.parse(result.outputs!.images) as Record<
        string,
        { signatures: string[]; digest: string }
      >
      expect(plan.operations.filter((o) => o.reason).map((o) => o.target)).toEqual(
        [hubRepo, ecrRepo].flatMap((r) => [
          ...outputs[r].signatures,
          `${r}:${outputs[r].digest.replace(':', '-')}`
        ])
      )
      if (flavour.variant === '') bare = await snapshot(hubRepo)
      else {
        // The variant run left the bare tags exactly where the first run put them.
        const after = await snapshot(hubRepo)
        for (const [tag, digest] of Object.entries(bare))
          expect([tag, after[tag]]).toEqual([tag, digest])
      }
    }
    const falco = repos('falco')
    const loader = repos('falco-driver-loader')
    expect(await tagsOf(falco[0])).toEqual([
      '0.40.0',
      '0.40.0-debian',
      'aarch64-0.40.0',
      'aarch64-0.40.0-debian',
      'latest',
      'latest-debian',
      'x86_64-0.40.0',
      'x86_64-0.40.0-debian'
    ])
    expect(await tagsOf(falco[1])).toEqual(['0.40.0', '0.40.0-debian', 'latest', 'latest-debian'])
    expect(await tagsOf(loader[0])).toEqual([
      '0.40.0',
      '0.40.0-buster',
      'aarch64-0.40.0',
      'aarch64-0.40.0-buster',
      'latest',
      'latest-buster',
      'x86_64-0.40.0',
      'x86_64-0.40.0-buster'
    ])
    expect(await tagsOf(loader[1])).toEqual(['0.40.0', '0.40.0-buster', 'latest', 'latest-buster'])

    // Each per-arch tag names that platform's manifest inside the multi-arch index.
    const hub = await snapshot(falco[0])
    const index = JSON.parse(
      await tool('skopeo', [
        'inspect',
        '--tls-verify=false',
        '--raw',
        `docker://${falco[0]}:0.40.0-debian`
      ])
    ) as { manifests: { digest: string; platform: { architecture: string } }[] }
    const byArch = Object.fromEntries(
      index.manifests.map((m) => [m.platform.architecture, m.digest])
    )
    expect(hub['x86_64-0.40.0-debian']).toBe(byArch.amd64)
    expect(hub['aarch64-0.40.0-debian']).toBe(byArch.arm64)
    expect(hub['latest-debian']).toBe(hub['0.40.0-debian'])
    expect(hub['latest']).not.toBe(hub['latest-debian'])
    // Both registries hold the same index under the same tags.
    const mirror = await snapshot(falco[1])
    for (const tag of Object.keys(mirror)) expect([tag, mirror[tag]]).toEqual([tag, hub[tag]])
  })

  it('signs every tag in every repository, index and platforms, with the key cosign made', async () => {
    for (const name of ['falco', 'falco-driver-loader']) {
      for (const repo of repos(name)) {
        const tags = await tagsOf(repo)
        // skopeo's sigstoreSigned policy accepts every tag, and every platform by digest.
        const pulled = new Set<string>()
        for (const tag of tags)
          for (const ref of await pulledRefs(`${repo}:${tag}`)) pulled.add(ref)
        for (const ref of pulled) await ours.skopeoCopy(ref)
        // cosign 2 and 3 accept the key's signatures of the release's index and of a platform.
        // cosign 2 reads the .sig tags. cosign 3 reads sigstore bundle referrers first: the
        // index has one, the provenance (signed by the same key, naming the index), so it
        // accepts the index by that; a platform has none, and it reads the .sig tag.
        const index = await digestOf(`${repo}:0.40.0`)
        const platform = [...pulled].find((r) => r.includes('@'))!
        const verified = async (cosign: 'cosign2' | 'cosign3', ref: string) =>
          (
            JSON.parse(await ours.cosignVerify(cosign, ref)) as {
              critical: { type: string; image: { 'docker-manifest-digest': string } }
            }[]
          ).map((v) => [v.critical.type, v.critical.image['docker-manifest-digest']])
        const SIGNATURE = 'cosign container image signature'
        expect(await verified('cosign2', `${repo}:0.40.0`)).toEqual([[SIGNATURE, index]])
        expect(await verified('cosign3', `${repo}:0.40.0`)).toEqual([
          ['https://slsa.dev/provenance/v1', index]
        ])
        for (const cosign of ['cosign2', 'cosign3'] as const)
          expect(await verified(cosign, platform)).toEqual([[SIGNATURE, platform.split('@')[1]]])
        // By digest, as cosign stores them: each index and each platform manifest in it.
        const signed = new Set<string>()
        for (const tag of tags.filter((t) => !/^(x86_64|aarch64)-/.test(t))) {
          const raw = await tool('skopeo', [
            'inspect',
            '--tls-verify=false',
            '--raw',
            `docker://${repo}:${tag}`
          ])
          signed.add(await digestOf(`${repo}:${tag}`))
          for (const m of (JSON.parse(raw) as { manifests: { digest: string }[] }).manifests)
            signed.add(m.digest)
        }
        expect((await allTags(repo)).filter((t) => t.endsWith('.sig'))).toEqual(
          [...signed].map(signatureTag).sort()
        )
      }
    }
    // Another key is not ours: every verifier refuses the image under it.
    for (const repo of [...repos('falco'), ...repos('falco-driver-loader')])
      await expect(theirs.skopeoCopy(`${repo}:latest`)).rejects.toThrow(REFUSED_BY_SKOPEO)
    for (const cosign of ['cosign2', 'cosign3'] as const)
      await expect(theirs.cosignVerify(cosign, `${repos('falco')[1]}:latest`)).rejects.toThrow(
        REFUSED_BY_COSIGN
      )
  })

  it('refuses the image once its signature tag holds only another key’s signature', async () => {
    const repo = parseRepository(`${ecr.host}/falcosecurity/falco-driver-loader`)
    const digest = await digestOf(`${repo.name}:0.40.0-buster`)
    // The verify stage's check of what this publish signed (a re-run: it writes nothing), on
    // the mirror: every tag, and the signatures of the index and of each platform in it.
    const { result: published } = await publish('stable', FLAVOURS[3])
    const images = published.published.filter((p) => p.path.startsWith(`${repo.name}:`))
    expect(images.length).toBeGreaterThan(0)
    for (const image of images) expect(image.signer).toEqual({ publicKey: cosignKey.publicKeyPem })
    const resolver = await registryResolver({
      log: (await context(dir, 'stable', {})).log,
      insecure: [],
      dockerConfig: config
    })
    const verifyMirror = () =>
      checkImages(images, resolver.resolve, undefined, resolver.checkSignature)
    try {
      expect((await verifyMirror())[0].findings).toEqual([])
      const index = JSON.parse(
        await tool('skopeo', [
          'inspect',
          '--tls-verify=false',
          '--raw',
          `docker://${repo.name}@${digest}`
        ])
      ) as { manifests: { digest: string }[] }
      const client = new RegistryClient({
        credentials: () => undefined,
        log: (await context(dir, 'stable', {})).log
      })
      try {
        // What a forger with another key would write, for the index and each platform: cosign's
        // layout and a valid signature, by the wrong key.
        for (const signed of [digest, ...index.manifests.map((m) => m.digest)]) {
          const payload = simpleSigningPayload(repo.name, signed)
          const layer = {
            mediaType: SIMPLE_SIGNING,
            size: payload.length,
            digest: sha256Digest(payload),
            annotations: {
              [SIGNATURE_ANNOTATION]: sign('sha256', payload, other.privateKey).toString('base64')
            }
          }
          const { manifest, config } = signatureManifest([layer])
          for (const bytes of [payload, config])
            await client.uploadBlob(repo, sha256Digest(bytes), bytes.length, () =>
              Readable.from([bytes])
            )
          await client.putManifest(repo, signatureTag(signed), manifest, MediaType.ociManifest)
        }
      } finally {
        client.close()
      }
      // The forgery is well-formed (the other key's policy accepts it), and ours refuses it: the
      // index, each platform, and both cosigns.
      const pulled = await pulledRefs(`${repo.name}:0.40.0-buster`)
      expect(pulled).toHaveLength(3)
      // The verify stage refuses it too, naming each signature tag cosign and podman refuse.
      const [forged] = await verifyMirror()
      expect(forged.findings.map((f) => [f.file, f.problem, f.served])).toEqual(
        [digest, ...index.manifests.map((m) => m.digest)].map((d) => [
          `${repo.name}:${signatureTag(d)}`,
          'signature',
          'no signature of this digest by the signer that verifies'
        ])
      )
      for (const ref of pulled) {
        await theirs.skopeoCopy(ref)
        await expect(ours.skopeoCopy(ref)).rejects.toThrow(REFUSED_BY_SKOPEO)
      }
      // cosign 2 reads the .sig tags; cosign 3 too for the platforms (for the index it reads the
      // provenance bundle, which the forger did not touch).
      for (const [cosign, refs] of [
        ['cosign2', pulled],
        ['cosign3', pulled.slice(1)]
      ] as const)
        for (const ref of refs) {
          await theirs.cosignVerify(cosign, ref)
          await expect(ours.cosignVerify(cosign, ref)).rejects.toThrow(REFUSED_BY_COSIGN)
        }
      // Publishing again restores our signature beside the other one.
      const { result } = await publish('stable', FLAVOURS[3])
      expect(JSON.parse(result.outputs!.images)[repo.name].signature).toBe(
        `${repo.name}:${signatureTag(digest)}`
      )
      for (const ref of pulled) await ours.skopeoCopy(ref)
      for (const ref of pulled) await ours.cosignVerify('cosign2', ref)
      await ours.cosignVerify('cosign3', pulled[1])
      const [restored] = await verifyMirror()
      expect(restored.findings).toEqual([])
      // The tags, then the index's signature and each platform's.
      expect(restored.checked).toBe(images.length + 3)
    } finally {
      resolver.close()
    }
  })

  it('attaches SLSA provenance signed with the key as a referrer of each index, on both registries', async () => {
    for (const repo of repos('falco')) {
      const digest = await digestOf(`${repo}:0.40.0`)
      const api = `http://${repo.replace('/', '/v2/')}`
      // Distribution 2.8 has no referrers API: the referrers tag schema lists them.
      expect((await fetch(`${api}/referrers/${digest}`)).status).toBe(404)
      const listing = await fetch(`${api}/manifests/${digest.replace(':', '-')}`, {
        headers: { accept: 'application/vnd.oci.image.index.v1+json' }
      })
      expect(listing.status).toBe(200)
      const referrers = (
        (await listing.json()) as { manifests: { digest: string; artifactType: string }[] }
      ).manifests
      // A sigstore bundle holding the DSSE envelope, as `cosign attest --key` (v3) stores it.
      expect(referrers.map((r) => r.artifactType)).toEqual([
        'application/vnd.dev.sigstore.bundle.v0.3+json'
      ])
      const referrer = (await (
        await fetch(`${api}/manifests/${referrers[0].digest}`, {
          headers: { accept: 'application/vnd.oci.image.manifest.v1+json' }
        })
      ).json()) as { subject: { digest: string } }
      expect(referrer.subject.digest).toBe(digest)
      // cosign 3 finds it, checks the envelope's signature with the key, and hands the statement
      // back; another key's verification fails.
      const attested = JSON.parse(
        await ours.cosignVerifyAttestation(`${repo}:0.40.0`, 'slsaprovenance1')
      ) as { payloadType: string; payload: string }
      await expect(
        theirs.cosignVerifyAttestation(`${repo}:0.40.0`, 'slsaprovenance1')
      ).rejects.toThrow(/no matching attestations/)
      const payload = Buffer.from(attested.payload, 'base64')
      const type = attested.payloadType
      const statement = JSON.parse(payload.toString()) as {
        subject: { name: string; digest: { sha256: string } }[]
        predicateType: string
        predicate: {
          buildDefinition: { resolvedDependencies: { digest: { gitCommit: string } }[] }
          runDetails: { builder: { id: string }; metadata: { invocationId: string } }
        }
      }
      expect(type).toBe('application/vnd.in-toto+json')
      expect(statement.predicateType).toBe('https://slsa.dev/provenance/v1')
      expect(statement.subject).toEqual([{ name: repo, digest: { sha256: digest.slice(7) } }])
      expect(statement.predicate.runDetails.builder.id).toBe(
        'https://github.com/falcosecurity/falco/.github/workflows/release.yaml@refs/tags/0.40.0'
      )
      expect(statement.predicate.runDetails.metadata.invocationId).toBe(
        'https://github.com/falcosecurity/falco/actions/runs/12345678/attempts/1'
      )
      expect(statement.predicate.buildDefinition.resolvedDependencies[0].digest.gitCommit).toBe(
        '8c4040b1f2a3d4e5f60718293a4b5c6d7e8f9012'
      )
    }
  })

  it('tags a master build and a release candidate as Falco does, leaving the releases alone', async () => {
    const loader = repos('falco-driver-loader')
    const before = await snapshot(loader[0])
    for (const flavour of FLAVOURS.slice(2)) {
      await publish('dev', flavour)
      await publish('prerelease', flavour)
    }
    const after = await snapshot(loader[0])
    const added = Object.keys(after).filter((t) => !(t in before))
    expect(added.sort()).toEqual([
      '0.41.0-rc1',
      '0.41.0-rc1-buster',
      'aarch64-0.41.0-rc1',
      'aarch64-0.41.0-rc1-buster',
      'aarch64-master',
      'aarch64-master-buster',
      'master',
      'master-buster',
      'x86_64-0.41.0-rc1',
      'x86_64-0.41.0-rc1-buster',
      'x86_64-master',
      'x86_64-master-buster'
    ])
    for (const [tag, digest] of Object.entries(before))
      expect([tag, after[tag]]).toEqual([tag, digest])
    expect((await tagsOf(loader[1])).filter((t) => /master|rc1/.test(t))).toEqual([
      '0.41.0-rc1',
      '0.41.0-rc1-buster',
      'master',
      'master-buster'
    ])
    // Dev and prerelease images are signed as releases are: skopeo's policy accepts each new tag.
    for (const tag of added) await ours.skopeoCopy(`${loader[0]}:${tag}`)
    for (const tag of ['master-buster', '0.41.0-rc1']) await ours.skopeoCopy(`${loader[1]}:${tag}`)
  })

  it('a back-port release moves no latest tag', async () => {
    const falco = repos('falco')
    const before = await snapshot(falco[0])
    for (const flavour of FLAVOURS.slice(0, 2)) {
      const { plan } = await publish('stable-old', flavour)
      expect(plan.operations.map((o) => o.target).filter((t) => t.includes('latest'))).toEqual([])
    }
    const after = await snapshot(falco[0])
    for (const tag of ['latest', 'latest-debian', '0.40.0', '0.40.0-debian'])
      expect([tag, after[tag]]).toEqual([tag, before[tag]])
    expect(
      Object.keys(after)
        .filter((t) => t.includes('0.39.3'))
        .sort()
    ).toEqual([
      '0.39.3',
      '0.39.3-debian',
      'aarch64-0.39.3',
      'aarch64-0.39.3-debian',
      'x86_64-0.39.3',
      'x86_64-0.39.3-debian'
    ])
    // Signed like the newest release, on both registries.
    for (const repo of falco)
      for (const tag of (await tagsOf(repo)).filter((t) => t.includes('0.39.3')))
        await ours.skopeoCopy(`${repo}:${tag}`)
  })

  it('re-running the same publish pushes no blob and writes no new signature', async () => {
    for (const flavour of FLAVOURS) {
      const sigsBefore = await Promise.all(
        repos(flavour.repo).map(async (r) => (await allTags(r)).filter((t) => t.endsWith('.sig')))
      )
      const sigDigests = await Promise.all(
        repos(flavour.repo).flatMap((r, i) => sigsBefore[i].map((t) => digestOf(`${r}:${t}`)))
      )
      const referrersOf = async (r: string) => {
        const d = await digestOf(`${r}:0.40.0${flavour.variant ? `-${flavour.variant}` : ''}`)
        return tool('skopeo', [
          'inspect',
          '--tls-verify=false',
          '--raw',
          `docker://${r}:${d.replace(':', '-')}`
        ])
      }
      const referrersBefore = await Promise.all(repos(flavour.repo).map(referrersOf))
      let client: RegistryClient | undefined
      const { result } = await publish('stable', flavour, (c) => (client = c))
      // The provenance is found, not attached again.
      expect(await Promise.all(repos(flavour.repo).map(referrersOf))).toEqual(referrersBefore)
      expect(JSON.parse(referrersBefore[0]).manifests).toHaveLength(1)
      expect(result.summary).toContain('(0 new, 2 already signed)')
      // Per repository: the index's signature tag, then each platform's, all already there.
      const outputs = JSON.parse(result.outputs!.images) as Record<
        string,
        { digest: string; signatures: string[] }
      >
      for (const [n, repo] of repos(flavour.repo).entries()) {
        const listed = outputs[repo].signatures
        expect(listed).toHaveLength(3)
        expect(listed[0]).toBe(`${repo}:${signatureTag(outputs[repo].digest)}`)
        for (const ref of listed) expect(sigsBefore[n]).toContain(ref.slice(repo.length + 1))
      }
      const sigsAfter = await Promise.all(
        repos(flavour.repo).map(async (r) => (await allTags(r)).filter((t) => t.endsWith('.sig')))
      )
      expect(sigsAfter).toEqual(sigsBefore)
      expect(
        await Promise.all(
          repos(flavour.repo).flatMap((r, i) => sigsAfter[i].map((t) => digestOf(`${r}:${t}`)))
        )
      ).toEqual(sigDigests)
      // No upload session opened (POST) nor chunk sent (PATCH): blobs are only checked (HEAD).
      expect(client!.requests.POST).toBeUndefined()
      expect(client!.requests.PATCH).toBeUndefined()
      expect(result.summary).toContain('Blobs: 0 uploaded, 0 mounted')
    }
  })
})
