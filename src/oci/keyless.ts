import { sign, type KeyObject } from 'node:crypto'
import { newKeyPair } from '../sign/key-pair.js'

/**
 * Keyless (sigstore) signing in GitHub Actions: the workflow's OIDC token buys a short-lived
 * certificate from Fulcio for an ephemeral key, every signature is logged in Rekor, and the
 * result is a sigstore bundle (v0.3) holding the certificate, the signature and the log entry.
 *
 * Fulcio is called here rather than through sigstore-js's FulcioSigner because cosign's `.sig`
 * tag stores the whole chain Fulcio returns (`dev.sigstore.cosign/chain`), which a bundle does
 * not keep; it also lets one certificate serve every signature of a run, as one `cosign sign`
 * does. Rekor and the bundle itself come from `@sigstore/sign`, loaded only when this runs.
 */

export const DEFAULT_FULCIO_URL = 'https://fulcio.sigstore.dev'
export const DEFAULT_REKOR_URL = 'https://rekor.sigstore.dev'
export const BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json'
/** Fulcio's "Build Signer URI" extension: the workflow file and ref that ran the job. */
export const BUILD_SIGNER_URI_OID = '1.3.6.1.4.1.57264.1.9'
// A certificate lives 10 minutes; a fresh one is fetched before that, for long pushes.
const CERT_REUSE_MS = 7 * 60_000

export class KeylessError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'KeylessError'
  }
}

/** True when the runner can hand out an OIDC token (the job has `id-token: write`). */
export function hasOidcToken(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
}

/** Asks the runner for an OIDC token with the `sigstore` audience, as Fulcio expects. */
export async function requestOidcToken(
  env: NodeJS.ProcessEnv,
  audience = 'sigstore'
): Promise<string> {
  if (!hasOidcToken(env)) {
    throw new KeylessError(
      'keyless signing needs the workflow OIDC token: give the job `permissions: id-token: write` ' +
        '(ACTIONS_ID_TOKEN_REQUEST_URL is not set), or sign with cosign-private-key'
    )
  }
  const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL!)
  url.searchParams.set('audience', audience)
  let response: Response
  try {
    response = await fetch(url, {
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`
      },
      signal: AbortSignal.timeout(30_000)
    })
  } catch (error) {
    throw new KeylessError(
      `the OIDC token request to ${url.origin}${url.pathname} failed: ${(error as Error).message}`
    )
  }
  const body = (await response.json().catch(() => ({}))) as { value?: unknown }
  if (!response.ok || typeof body.value !== 'string') {
    throw new KeylessError(
      `the OIDC token request to ${url.origin}${url.pathname} answered HTTP ${response.status} without a token`
    )
  }
  return body.value
}

/** The claims of a JWT (not verified: Fulcio verifies it; we only read who we will be). */
export function jwtClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1]
  try {
    return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >
  } catch {
    throw new KeylessError('the OIDC token is not a JWT')
  }
}

/** The sigstore bundle's JSON (protobuf-specs' serialization) and what cosign's tag needs. */
export interface SignedBundle {
  /** The bundle as JSON bytes, stored as the referrer's layer. */
  json: Buffer
  /** Leaf certificate, PEM. */
  certificate: string
  /** The rest of Fulcio's chain, PEM, as cosign's `dev.sigstore.cosign/chain`. */
  chain: string
  /** Base64 signature (over the payload for a message signature). */
  signature: string
  /** cosign's `dev.sigstore.cosign/bundle` annotation (the Rekor entry and its promise). */
  rekorBundle: string
}

export interface KeylessSigner {
  /** The workflow that signs (see workflowIdentity): a re-run finds its own signatures by it. */
  readonly identity: string
  /** Signs `payload` as a message signature (Rekor hashedrekord), as cosign's `.sig` does. */
  signMessage(payload: Buffer): Promise<SignedBundle>
  /** Signs an in-toto statement as a DSSE envelope (Rekor dsse), as cosign v3 and attest do. */
  signStatement(statement: Buffer): Promise<SignedBundle>
}

export interface KeylessOptions {
  env: NodeJS.ProcessEnv
  fulcioURL?: string
  rekorURL?: string
}

interface Certificate {
  leaf: string
  chain: string[]
  key: KeyObject
  at: number
}

async function requestCertificate(fulcioURL: string, token: string): Promise<Certificate> {
  const claims = jwtClaims(token)
  const { privateKey, publicKey } = newKeyPair({ type: 'ec', namedCurve: 'P-256' })
  // Fulcio's proof of possession: the key's signature over the token's subject.
  const subject = typeof claims.email === 'string' ? claims.email : String(claims.sub ?? '')
  const proof = sign('sha256', Buffer.from(subject), privateKey).toString('base64')
  const url = new URL('/api/v2/signingCert', fulcioURL)
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        credentials: { oidcIdentityToken: token },
        publicKeyRequest: {
          publicKey: {
            algorithm: 'ECDSA',
            content: publicKey.export({ type: 'spki', format: 'pem' }).toString()
          },
          proofOfPossession: proof
        }
      }),
      signal: AbortSignal.timeout(60_000)
    })
  } catch (error) {
    throw new KeylessError(
      `Fulcio at ${url.origin} could not be reached: ${(error as Error).message}`
    )
  }
  const text = await response.text()
  if (!response.ok) {
    throw new KeylessError(
      `Fulcio at ${url.origin} refused the certificate (HTTP ${response.status}): ${text.slice(0, 200)}`
    )
  }
  const parsed = JSON.parse(text) as {
    signedCertificateEmbeddedSct?: { chain?: { certificates?: string[] } }
    signedCertificateDetachedSct?: { chain?: { certificates?: string[] } }
  }
  const certs =
    parsed.signedCertificateEmbeddedSct?.chain?.certificates ??
    parsed.signedCertificateDetachedSct?.chain?.certificates ??
    []
  if (certs.length === 0) throw new KeylessError(`Fulcio at ${url.origin} returned no certificate`)
  const leaf = certs[0]
  return {
    leaf,
    chain: certs.slice(1),
    key: privateKey,
    at: Date.now()
  }
}

/**
 * Who signs, as Fulcio writes it for a GitHub Actions token: the Build Signer URI (and, for
 * github.com, the subject alternative name) is the server URL and the token's
 * `job_workflow_ref`, the workflow file and ref that ran the job. Read from the token's claims,
 * so a re-run can find its own signatures without asking Fulcio for a certificate.
 */
export function workflowIdentity(claims: Record<string, unknown>, env: NodeJS.ProcessEnv): string {
  const ref = claims.job_workflow_ref
  if (typeof ref !== 'string' || ref === '') {
    throw new KeylessError(
      'the OIDC token has no job_workflow_ref claim: keyless signing here expects a GitHub Actions token'
    )
  }
  return `${(env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')}/${ref}`
}

/** The Build Signer URI a Fulcio certificate (PEM) names, or undefined. */
export async function buildSignerUri(pem: string): Promise<string | undefined> {
  const { ASN1Obj, X509Certificate: Certificate } = await import('@sigstore/core')
  try {
    const ext = Certificate.parse(pem).extension(BUILD_SIGNER_URI_OID)
    // The extension's value is a DER UTF8String (Fulcio's v2 extensions).
    return ext
      ? ASN1Obj.parseBuffer(ext.value as Buffer<ArrayBuffer>).value.toString('utf8')
      : undefined
  } catch {
    return undefined
  }
}

/** cosign's bundle annotation from a v0.3 bundle's first Rekor entry. */
function rekorBundleAnnotation(entry: {
  logIndex: string
  logId: { keyId: string }
  integratedTime: string
  inclusionPromise?: { signedEntryTimestamp: string }
  canonicalizedBody: string
}): string {
  return JSON.stringify({
    SignedEntryTimestamp: entry.inclusionPromise?.signedEntryTimestamp ?? '',
    Payload: {
      body: entry.canonicalizedBody,
      integratedTime: Number(entry.integratedTime),
      logIndex: Number(entry.logIndex),
      logID: Buffer.from(entry.logId.keyId, 'base64').toString('hex')
    }
  })
}

/**
 * Makes a signer for this run. A token is asked for now, so a job without `id-token: write`
 * fails before anything is pushed; the certificate is fetched at the first signature.
 */
export async function createKeylessSigner(options: KeylessOptions): Promise<KeylessSigner> {
  const fulcioURL = options.fulcioURL ?? DEFAULT_FULCIO_URL
  const rekorURL = options.rekorURL ?? DEFAULT_REKOR_URL
  const identity = workflowIdentity(jwtClaims(await requestOidcToken(options.env)), options.env)
  // Loaded here only: sigstore-js and its dependencies are a separate chunk of the bundle.
  const sigstore = await import('@sigstore/sign')
  const { bundleToJSON } = await import('@sigstore/bundle')
  let cert: Certificate | undefined
  // Asked for at the first signature (a re-run that finds them all asks for none), with a
  // fresh token: the first may have expired during a long push.
  const current = async (): Promise<Certificate> => {
    if (!cert || Date.now() - cert.at > CERT_REUSE_MS) {
      cert = await requestCertificate(fulcioURL, await requestOidcToken(options.env))
    }
    return cert
  }
  const signer = {
    sign: async (data: Buffer) => {
      const c = await current()
      return {
        signature: sign('sha256', data, c.key),
        key: { $case: 'x509Certificate' as const, certificate: c.leaf }
      }
    }
  }
  const rekor = { rekorBaseURL: rekorURL, retry: 2, timeout: 60_000 }
  const messages = new sigstore.MessageSignatureBundleBuilder({
    signer,
    witnesses: [new sigstore.RekorWitness(rekor)]
  })
  // Statements are logged as `intoto` entries (v0.0.2), which every cosign and sigstore
  // verifier reads, older ones included; the newer `dsse` kind is not read by cosign before 2.2.
  const statements = new sigstore.DSSEBundleBuilder({
    signer,
    witnesses: [new sigstore.RekorWitness({ ...rekor, entryType: 'intoto' })]
  })
  const finish = async (bundle: Parameters<typeof bundleToJSON>[0]): Promise<SignedBundle> => {
    const c = await current()
    const json = bundleToJSON(bundle) as {
      verificationMaterial: { tlogEntries: Parameters<typeof rekorBundleAnnotation>[0][] }
      messageSignature?: { signature: string }
      dsseEnvelope?: { signatures: { sig: string }[] }
    }
    const entry = json.verificationMaterial.tlogEntries[0]
    if (!entry) throw new KeylessError(`Rekor at ${rekorURL} returned no log entry`)
    return {
      json: Buffer.from(JSON.stringify(json)),
      certificate: c.leaf,
      chain: c.chain.join(''),
      signature: json.messageSignature?.signature ?? json.dsseEnvelope?.signatures[0]?.sig ?? '',
      rekorBundle: rekorBundleAnnotation(entry)
    }
  }
  return {
    identity,
    signMessage: async (payload) => finish(await messages.create({ data: payload })),
    signStatement: async (statement) =>
      finish(await statements.create({ data: statement, type: 'application/vnd.in-toto+json' }))
  }
}
