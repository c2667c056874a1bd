import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash, verify, X509Certificate } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { bundleFromJSON } from '@sigstore/bundle'
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify'
import { createContainersStage } from '../src/stages/containers.js'
import { checkImages } from '../src/verify/images.js'
import { registryResolver } from '../src/verify/registry.js'
import { context, dockerConfig } from './support/containers-context.js'
import { buildLayout, noise } from './support/images.js'
import { TrustedRoot } from '@sigstore/protobuf-specs'
import { startReferrersApi } from './support/referrers-api.js'
import { runVerifier } from './support/sigstore-verifiers.js'
import { startRegistry, type RunningRegistry } from './support/registry.js'
import { startSigstoreDoubles, type SigstoreDoubles } from './support/sigstore-doubles.js'

/**
 * Keyless signing as a workflow with `id-token: write` does it, against sigstore's own mock
 * Fulcio and Rekor (@sigstore/mock) and a fake of the runner's OIDC token endpoint, pushing to
 * two real registries (docker-registry). What is stored is read back over the registry API and
 * checked as cosign and sigstore-js check it: the `.sig` tag's certificate, chain, signature and
 * Rekor bundle, and the bundle referrers verified by @sigstore/verify against the mock root;
 * then by cosign 2 (the `.sig` tag) and cosign 3 (the bundles, the provenance) themselves.
 */

const WORKFLOW = 'falcosecurity/falco/.github/workflows/release.yaml@refs/tags/0.40.0'
// The claims of a GitHub Actions OIDC token, as GitHub documents them.
const CLAIMS = {
  iss: 'https://token.actions.githubusercontent.com',
  aud: 'sigstore',
  sub: 'repo:falcosecurity/falco:ref:refs/tags/0.40.0',
  repository: 'falcosecurity/falco',
  repository_owner: 'falcosecurity',
  ref: 'refs/tags/0.40.0',
  sha: '8c4040b1f2a3d4e5f60718293a4b5c6d7e8f9012',
  workflow: 'Release',
  event_name: 'push',
  job_workflow_ref: WORKFLOW,
  runner_environment: 'github-hosted'
}
const BUILD_SIGNER_URI = '1.3.6.1.4.1.57264.1.9'
const BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json'

let dir: string
let registries: RunningRegistry[]
let sigstore: SigstoreDoubles
let config: string
let amd64: string
let arm64: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'containers-keyless-'))
  registries = [
    await startRegistry(path.join(dir, 'one'), {}),
    await startRegistry(path.join(dir, 'two'), {})
  ]
  sigstore = await startSigstoreDoubles(CLAIMS)
  config = await dockerConfig(dir, {})
  // A push event's payload, as GitHub writes it, for a public repository.
  await writeFile(
    path.join(dir, 'event.json'),
    JSON.stringify({
      ref: 'refs/tags/0.40.0',
      repository: { full_name: 'falcosecurity/falco', private: false, visibility: 'public' }
    })
  )
  amd64 = await buildLayout(dir, 'amd64', [{ name: 'falco', bytes: noise(20_000) }])
  arm64 = await buildLayout(dir, 'arm64', [{ name: 'falco', bytes: noise(20_000) }])
})

afterAll(async () => {
  for (const r of registries ?? []) await r.stop()
  await sigstore?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const ACCEPT = 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json'

async function get(host: string, repo: string, kind: 'blobs' | 'manifests', ref: string) {
  const res = await fetch(`http://${host}/v2/${repo}/${kind}/${ref}`, {
    headers: { accept: ACCEPT }
  })
  expect([ref, res.status]).toEqual([ref, 200])
  return Buffer.from(await res.arrayBuffer())
}

const json = <T>(b: Buffer) => JSON.parse(b.toString('utf8')) as T

interface Manifest {
  artifactType?: string
  layers: { digest: string; mediaType: string; annotations?: Record<string, string> }[]
  subject?: { digest: string }
  annotations?: Record<string, string>
}

function runEnv(extra: Record<string, string> = {}) {
  return {
    GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'falcosecurity/falco',
    GITHUB_WORKFLOW_REF: WORKFLOW,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_REF: 'refs/tags/0.40.0',
    GITHUB_EVENT_NAME: 'push',
    ...extra
  }
}

async function publish(
  repos: string[],
  inputs: Record<string, string>,
  env = runEnv(sigstore.env)
) {
  const ctx = await context(dir, 'stable', {
    images: `oci:${amd64}\noci:${arm64}`,
    'image-repositories': repos.join('\n'),
    ...inputs
  })
  const stage = createContainersStage({
    dockerConfig: config,
    env,
    sigstore: { fulcioURL: sigstore.url, rekorURL: sigstore.url }
  })
  const result = await stage.apply(await stage.plan(ctx), ctx)
  return { result, ctx }
}

/** Sorted-key JSON, as Rekor canonicalizes what its signed entry timestamp covers. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return JSON.stringify(value)
}

/** A certificate extension's value as Fulcio encodes it: a DER UTF8String. */
function utf8Der(text: string): Buffer {
  const bytes = Buffer.from(text)
  expect(bytes.length).toBeLessThan(128)
  return Buffer.concat([Buffer.from([0x0c, bytes.length]), bytes])
}

const verifier = () => new Verifier(toTrustMaterial(sigstore.trustedRoot))
const policy = {
  subjectAlternativeName: WORKFLOW,
  oids: [
    {
      oid: { id: BUILD_SIGNER_URI.split('.').map(Number) },
      value: utf8Der(`https://github.com/${WORKFLOW}`)
    }
  ]
}

/**
 * Checks the `.sig` tag of `digest` as cosign does: the certificate chains to the Fulcio root
 * and names the workflow, the signature covers the payload naming the digest, and the Rekor
 * bundle's signed entry timestamp is the log's. Then rebuilds a v0.3 bundle from the
 * annotations alone and verifies it with sigstore-js: they hold all a verifier needs.
 */
async function checkSigTag(host: string, repo: string, digest: string) {
  const sig = json<Manifest>(await get(host, repo, 'manifests', `${digest.replace(':', '-')}.sig`))
  expect(sig.layers).toHaveLength(1)
  const [layer] = sig.layers
  const a = layer.annotations!
  const payload = await get(host, repo, 'blobs', layer.digest)
  expect(json<{ critical: { image: Record<string, string> } }>(payload).critical.image).toEqual({
    'docker-manifest-digest': digest
  })
  const cert = new X509Certificate(a['dev.sigstore.cosign/certificate'])
  expect(cert.subjectAltName).toBe(`URI:${WORKFLOW}`)
  const root = new X509Certificate(a['dev.sigstore.cosign/chain'])
  expect(cert.verify(root.publicKey)).toBe(true)
  expect(
    root.raw.equals(
      sigstore.trustedRoot.certificateAuthorities[0].certChain!.certificates[0].rawBytes
    )
  ).toBe(true)
  const signature = Buffer.from(a['dev.cosignproject.cosign/signature'], 'base64')
  expect(verify('sha256', payload, cert.publicKey, signature)).toBe(true)
  const rekor = json<{
    SignedEntryTimestamp: string
    Payload: { body: string; integratedTime: number; logIndex: number; logID: string }
  }>(Buffer.from(a['dev.sigstore.cosign/bundle']))
  const tlog = sigstore.trustedRoot.tlogs[0]
  expect(rekor.Payload.logID).toBe(Buffer.from(tlog.logId!.keyId).toString('hex'))
  const logKey = {
    key: Buffer.from(tlog.publicKey!.rawBytes!),
    format: 'der' as const,
    type: 'spki' as const
  }
  expect(
    verify(
      'sha256',
      Buffer.from(canonical(rekor.Payload)),
      logKey,
      Buffer.from(rekor.SignedEntryTimestamp, 'base64')
    )
  ).toBe(true)
  const bundle = bundleFromJSON({
    // v0.1: a Rekor promise without an inclusion proof, as cosign's annotation holds.
    mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1',
    verificationMaterial: {
      x509CertificateChain: { certificates: [{ rawBytes: cert.raw.toString('base64') }] },
      tlogEntries: [
        {
          logIndex: String(rekor.Payload.logIndex),
          logId: { keyId: Buffer.from(rekor.Payload.logID, 'hex').toString('base64') },
          kindVersion: { kind: 'hashedrekord', version: '0.0.1' },
          integratedTime: String(rekor.Payload.integratedTime),
          inclusionPromise: { signedEntryTimestamp: rekor.SignedEntryTimestamp },
          canonicalizedBody: rekor.Payload.body
        }
      ]
    },
    messageSignature: {
      messageDigest: {
        algorithm: 'SHA2_256',
        digest: createHash('sha256').update(payload).digest('base64')
      },
      signature: signature.toString('base64')
    }
  })
  verifier().verify(toSignedEntity(bundle, payload), policy)
  return sig
}

/** The bundle referrers of `digest` (referrers tag schema: docker-registry has no API). */
async function referrers(host: string, repo: string, digest: string) {
  const index = json<{
    manifests: { digest: string; artifactType: string; annotations: Record<string, string> }[]
  }>(await get(host, repo, 'manifests', digest.replace(':', '-')))
  return Promise.all(
    index.manifests.map(async (d) => {
      const manifest = json<Manifest>(await get(host, repo, 'manifests', d.digest))
      const bundle = json<object>(await get(host, repo, 'blobs', manifest.layers[0].digest))
      return { descriptor: d, manifest, bundle }
    })
  )
}

/** Verifies a DSSE bundle against the mock root and returns its in-toto statement. */
function verifiedStatement(bundle: object) {
  const parsed = bundleFromJSON(bundle)
  verifier().verify(toSignedEntity(parsed), policy)
  const envelope = (bundle as { dsseEnvelope: { payload: string; payloadType: string } })
    .dsseEnvelope
  expect(envelope.payloadType).toBe('application/vnd.in-toto+json')
  return json<{ subject: { digest: { sha256: string } }[]; predicateType: string }>(
    Buffer.from(envelope.payload, 'base64')
  )
}

describe('keyless image signing (sigstore)', () => {
  it('signs with a Fulcio certificate naming the workflow, on every registry, once', async () => {
    const repos = registries.map((r) => `${r.host}/falcosecurity/falco`)
    const { result, ctx } = await publish(repos, { 'image-sign': 'keyless' })
    const out = json<
      Record<string, { digest: string; signatures: string[]; signatureBundles: string[] }>
    >(Buffer.from(result.outputs!.images))
    const { digest } = out[repos[0]]
    expect(out[repos[1]].digest).toBe(digest)
    expect(result.summary).toContain(`Signed keyless as \`https://github.com/${WORKFLOW}\``)
    expect(result.summary).toContain(
      `cosign verify --certificate-identity 'https://github.com/${WORKFLOW}'`
    )
    expect(result.summary).toContain(
      `cosign verify-attestation --type slsaprovenance1 --certificate-identity 'https://github.com/${WORKFLOW}'`
    )
    expect(ctx.log.lines.join('\n')).not.toContain('runner-request-token')
    const index = json<{ manifests: { digest: string }[] }>(
      await get(registries[0].host, 'falcosecurity/falco', 'manifests', digest)
    )
    const digests = [digest, ...index.manifests.map((m) => m.digest)]
    // The verify stage's check finds the signatures of this identity, index and platforms, on
    // both registries; as another workflow, none.
    const identity = `https://github.com/${WORKFLOW}`
    expect(result.published.filter((p) => p.kind === 'image').map((p) => p.signer)).toEqual(
      result.published.filter((p) => p.kind === 'image').map(() => ({ identity }))
    )
    const resolver = await registryResolver({ log: ctx.log, insecure: [], dockerConfig: config })
    try {
      const checked = await checkImages(
        result.published,
        resolver.resolve,
        undefined,
        resolver.checkSignature
      )
      expect(checked.map((r) => [r.target, r.findings])).toEqual(repos.map((r) => [r, []]))
      const other = await checkImages(
        result.published.map((p) => ({
          ...p,
          signer: {
            identity: `https://github.com/falcosecurity/falco/.github/workflows/other.yaml@refs/heads/master`
          }
        })),
        resolver.resolve,
        undefined,
        resolver.checkSignature
      )
      expect(other.flatMap((r) => r.findings).map((f) => [f.file, f.problem])).toEqual(
        repos.flatMap((r) => digests.map((d) => [`${r}:${d.replace(':', '-')}.sig`, 'signature']))
      )
    } finally {
      resolver.close()
    }
    // The index and each platform: a .sig tag and a bundle referrer each, on both registries.
    for (const [n, r] of registries.entries()) {
      expect(out[repos[n]].signatures).toHaveLength(3)
      expect(out[repos[n]].signatureBundles).toHaveLength(3)
      for (const d of digests) {
        await checkSigTag(r.host, 'falcosecurity/falco', d)
        const listed = await referrers(r.host, 'falcosecurity/falco', d)
        const signatures = listed.filter(
          (l) =>
            l.manifest.annotations?.['dev.sigstore.bundle.predicateType'] ===
            'https://sigstore.dev/cosign/sign/v1'
        )
        expect(signatures).toHaveLength(1)
        const [s] = signatures
        expect(s.manifest.artifactType).toBe(BUNDLE)
        expect(s.descriptor.artifactType).toBe(BUNDLE)
        expect(s.manifest.layers[0].mediaType).toBe(BUNDLE)
        expect(s.manifest.subject!.digest).toBe(d)
        expect(verifiedStatement(s.bundle).subject[0].digest.sha256).toBe(d.slice(7))
      }
      // The provenance of the index, signed with the same identity, as a bundle too.
      const provenance = (await referrers(r.host, 'falcosecurity/falco', digest)).filter(
        (l) =>
          l.manifest.annotations?.['dev.sigstore.bundle.predicateType'] ===
          'https://slsa.dev/provenance/v1'
      )
      expect(provenance).toHaveLength(1)
      const statement = verifiedStatement(provenance[0].bundle)
      expect(statement.predicateType).toBe('https://slsa.dev/provenance/v1')
      expect(statement.subject[0].digest.sha256).toBe(digest.slice(7))
    }
    // 2 registries x 3 digests x (.sig + bundle) + 2 provenance statements.
    expect(sigstore.calls['/api/v1/log/entries']).toBe(14)
    // One certificate for the whole run, as one cosign sign.
    expect(sigstore.calls['/api/v2/signingCert']).toBe(1)

    // A re-run: every signature is found, none is logged or written again.
    const sigTags = await Promise.all(
      digests.map((d) =>
        get(registries[1].host, 'falcosecurity/falco', 'manifests', `${d.replace(':', '-')}.sig`)
      )
    )
    const listing = await get(
      registries[1].host,
      'falcosecurity/falco',
      'manifests',
      digest.replace(':', '-')
    )
    const again = await publish(repos, { 'image-sign': 'keyless' })
    expect(sigstore.calls['/api/v1/log/entries']).toBe(14)
    // Nor is a certificate asked for: Fulcio's certificate log gets nothing either.
    expect(sigstore.calls['/api/v2/signingCert']).toBe(1)
    expect(again.result.summary).toContain('(0 new, 2 already signed)')
    for (const [n, d] of digests.entries())
      expect(
        (
          await get(
            registries[1].host,
            'falcosecurity/falco',
            'manifests',
            `${d.replace(':', '-')}.sig`
          )
        ).equals(sigTags[n])
      ).toBe(true)
    expect(
      (
        await get(registries[1].host, 'falcosecurity/falco', 'manifests', digest.replace(':', '-'))
      ).equals(listing)
    ).toBe(true)
  })

  it('cosign 2 and cosign 3 verify the signatures and the provenance against the mock trust root', async () => {
    // The mock's trust root, as each cosign takes one: cosign 3 the trusted_root.json, cosign 2
    // the PEM files of its SIGSTORE_* variables (else it fetches sigstore's TUF root).
    const tr = sigstore.trustedRoot
    const pem = (label: string, der: Uint8Array) =>
      `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64')}\n-----END ${label}-----\n`
    const file = async (name: string, text: string) => {
      await writeFile(path.join(dir, name), text)
      return path.join(dir, name)
    }
    const trustedRoot = await file('trusted_root.json', JSON.stringify(TrustedRoot.toJSON(tr)))
    const cosign2Env = {
      SIGSTORE_ROOT_FILE: await file(
        'fulcio.pem',
        pem('CERTIFICATE', tr.certificateAuthorities[0].certChain!.certificates[0].rawBytes)
      ),
      SIGSTORE_REKOR_PUBLIC_KEY: await file(
        'rekor.pub',
        pem('PUBLIC KEY', tr.tlogs[0].publicKey!.rawBytes!)
      ),
      SIGSTORE_CT_LOG_PUBLIC_KEY_FILE: await file(
        'ctlog.pub',
        pem('PUBLIC KEY', tr.ctlogs[0].publicKey!.rawBytes!)
      )
    }
    const home = path.join(dir, 'cosign-home')
    // The mock Fulcio writes the job_workflow_ref claim into the certificate as it is; GitHub's
    // Fulcio prefixes https://github.com/ (the identity the summary tells users to pass).
    const as = (identity: string) => [
      '--certificate-identity',
      identity,
      '--certificate-oidc-issuer',
      CLAIMS.iss,
      '--allow-http-registry',
      '--allow-insecure-registry'
    ]
    type Verified = { critical: { type: string; image: { 'docker-manifest-digest': string } } }
    for (const r of registries) {
      const ref = `${r.host}/falcosecurity/falco:0.40.0`
      const digest = `sha256:${createHash('sha256')
        .update(await get(r.host, 'falcosecurity/falco', 'manifests', '0.40.0'))
        .digest('hex')}`
      // cosign 2 reads the .sig tag: certificate, SCT, signature, Rekor bundle.
      const legacy = json<Verified[]>(
        Buffer.from(
          await runVerifier('cosign2', ['verify', ...as(WORKFLOW), ref], home, cosign2Env)
        )
      )
      expect(
        legacy.map((v) => [v.critical.type, v.critical.image['docker-manifest-digest']])
      ).toEqual([['cosign container image signature', digest]])
      // cosign 3 reads the sigstore bundle referrer.
      const bundled = json<Verified[]>(
        Buffer.from(
          await runVerifier(
            'cosign3',
            ['verify', '--trusted-root', trustedRoot, ...as(WORKFLOW), ref],
            home
          )
        )
      )
      // (cosign 3 counts every bundle whose statement names the image: the provenance too.)
      expect(
        bundled.map((v) => [v.critical.type, v.critical.image['docker-manifest-digest']])
      ).toEqual([
        ['https://sigstore.dev/cosign/sign/v1', digest],
        ['https://slsa.dev/provenance/v1', digest]
      ])
      // and the SLSA provenance attached beside it.
      const attested = json<{ payload: string }>(
        Buffer.from(
          await runVerifier(
            'cosign3',
            [
              'verify-attestation',
              '--type',
              'slsaprovenance1',
              '--trusted-root',
              trustedRoot,
              ...as(WORKFLOW),
              ref
            ],
            home
          )
        )
      )
      const statement = json<{ predicateType: string; subject: { digest: { sha256: string } }[] }>(
        Buffer.from(attested.payload, 'base64')
      )
      expect(statement.predicateType).toBe('https://slsa.dev/provenance/v1')
      expect(statement.subject[0].digest.sha256).toBe(digest.slice(7))
    }
    // Another workflow's identity is refused by both.
    const other = as('falcosecurity/falco/.github/workflows/other.yaml@refs/heads/master')
    const ref = `${registries[1].host}/falcosecurity/falco:0.40.0`
    await expect(
      runVerifier('cosign2', ['verify', ...other, ref], home, cosign2Env)
    ).rejects.toThrow(/none of the expected identities matched/)
    await expect(
      runVerifier('cosign3', ['verify', '--trusted-root', trustedRoot, ...other, ref], home)
    ).rejects.toThrow(/no matching CertificateIdentity found/)
  })

  it('on a registry with the referrers API, lists nothing under a tag, and a re-run finds every referrer there', async () => {
    // Docker Hub, ECR and GHCR index referrers themselves; one page per referrer, so the
    // index's provenance is on the second page.
    const registry = await startRegistry(path.join(dir, 'api'), {})
    const api = await startReferrersApi(registry, { pageSize: 1 })
    try {
      const repo = `${api.host}/falcosecurity/falco`
      const calls = () => ({ '/api/v1/log/entries': 0, ...sigstore.calls })
      const before = calls()
      const { result } = await publish([repo], { 'image-sign': 'keyless' })
      const { digest } = json<Record<string, { digest: string }>>(
        Buffer.from(result.outputs!.images)
      )[repo]
      const index = json<{ manifests: { digest: string }[] }>(
        await get(api.host, 'falcosecurity/falco', 'manifests', digest)
      )
      const digests = [digest, ...index.manifests.map((m) => m.digest)]
      // 3 digests x (.sig + bundle) + the provenance.
      expect(calls()['/api/v1/log/entries'] - before['/api/v1/log/entries']).toBe(7)
      const predicates = (d: string) =>
        api
          .listed('falcosecurity/falco', d)
          .map((r) => r.annotations?.['dev.sigstore.bundle.predicateType'])
      expect(predicates(digest)).toEqual([
        'https://sigstore.dev/cosign/sign/v1',
        'https://slsa.dev/provenance/v1'
      ])
      for (const d of digests.slice(1))
        expect(predicates(d)).toEqual(['https://sigstore.dev/cosign/sign/v1'])
      // The registry lists them: no referrers tag schema beside the .sig tags.
      const tags = json<{ tags: string[] }>(
        Buffer.from(
          await (await fetch(`http://${api.host}/v2/falcosecurity/falco/tags/list`)).arrayBuffer()
        )
      ).tags
      expect(tags.filter((t) => t.startsWith('sha256-')).sort()).toEqual(
        digests.map((d) => `${d.replace(':', '-')}.sig`).sort()
      )

      const pushed = api.pushedWithSubject
      const logged = calls()
      const again = await publish([repo], { 'image-sign': 'keyless' })
      expect(again.result.summary).toContain('(0 new, 1 already signed)')
      expect(calls()).toEqual(logged)
      expect(api.pushedWithSubject).toBe(pushed)
      expect(predicates(digest)).toHaveLength(2)
    } finally {
      await api.stop()
      await registry.stop()
    }
  })

  it('a bundle from another identity does not verify as this workflow', async () => {
    const repo = `${registries[0].host}/falcosecurity/falco`
    // image-sign left to auto: a public repository with the token signs keyless.
    const { result } = await publish([repo], {})
    expect(result.summary).toContain('(0 new, 1 already signed)')
    const { digest } = json<Record<string, { digest: string }>>(
      Buffer.from(result.outputs!.images)
    )[repo]
    const [listed] = (await referrers(registries[0].host, 'falcosecurity/falco', digest)).filter(
      (l) =>
        l.manifest.annotations?.['dev.sigstore.bundle.predicateType'] ===
        'https://sigstore.dev/cosign/sign/v1'
    )
    expect(() =>
      verifier().verify(toSignedEntity(bundleFromJSON(listed.bundle)), {
        subjectAlternativeName: 'falcosecurity/falco/.github/workflows/other.yaml@refs/heads/master'
      })
    ).toThrow(/certificate identity error/i)
  })

  it('a token endpoint that refuses fails before anything is pushed, naming it, quoting no secret', async () => {
    const repo = `${registries[0].host}/falcosecurity/refused`
    const env = runEnv({
      ...sigstore.env,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'a-revoked-request-token'
    })
    const error = await publish([repo], { 'image-sign': 'keyless' }, env).catch((e: Error) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(
      /OIDC token request to http:\/\/127\.0\.0\.1:\d+\/idtoken answered HTTP 401/
    )
    expect((error as Error).message).not.toContain('a-revoked-request-token')
    const res = await fetch(`http://${registries[0].host}/v2/falcosecurity/refused/tags/list`)
    expect(res.status).toBe(404)
  })

  it('keyless without the OIDC token fails at plan time, naming the input and the permission', async () => {
    const ctx = await context(dir, 'stable', {
      images: `oci:${amd64}`,
      'image-repositories': `${registries[0].host}/falcosecurity/nosign`,
      'image-sign': 'keyless'
    })
    const stage = createContainersStage({ dockerConfig: config, env: runEnv() })
    await expect(stage.plan(ctx)).rejects.toThrow(/image-sign.*id-token: write/)
  })
})
