import { createHash, sign } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  fulcioHandler,
  initializeCA,
  initializeCTLog,
  initializeTLog,
  rekorHandler
} from '@sigstore/mock'
import { HashAlgorithm, PublicKeyDetails, type TrustedRoot } from '@sigstore/protobuf-specs'
import { newKeyPair } from '../../src/sign/key-pair.js'

/**
 * Sigstore's own test doubles (@sigstore/mock: a Fulcio CA with a CT log, a Rekor log), served
 * over HTTP on 127.0.0.1, beside a fake of GitHub's OIDC token endpoint as the runner uses it
 * (GET ACTIONS_ID_TOKEN_REQUEST_URL&audience=..., bearer ACTIONS_ID_TOKEN_REQUEST_TOKEN,
 * answer `{"count":..,"value":"<jwt>"}`; the claims are those GitHub documents for its tokens).
 */

export interface SigstoreDoubles {
  url: string
  env: Record<string, string>
  claims: Record<string, unknown>
  /** The trust root a verifier needs: the mock CA, CT log and Rekor keys. */
  trustedRoot: TrustedRoot
  /** POSTs each service answered, by path. */
  calls: Record<string, number>
  stop(): Promise<void>
}

function jwt(claims: Record<string, unknown>): string {
  const { privateKey } = newKeyPair({ type: 'rsa', modulusLength: 2048 })
  const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url')
  const head = `${part({ alg: 'RS256', typ: 'JWT', kid: 'test' })}.${part(claims)}`
  return `${head}.${sign('sha256', Buffer.from(head), privateKey).toString('base64url')}`
}

export async function startSigstoreDoubles(
  claims: Record<string, unknown>
): Promise<SigstoreDoubles> {
  const key = () => newKeyPair({ type: 'ec', namedCurve: 'P-256' })
  const ctLog = await initializeCTLog(key())
  const ca = await initializeCA(key(), ctLog)
  // The log's checkpoints are signed under this origin; the trust root names the log by it.
  const rekorOrigin = 'https://rekor.sigstore.dev'
  const tlog = await initializeTLog(rekorOrigin, key())
  // Fulcio names GitHub workflows by job_workflow_ref; the mock takes the SAN from one claim.
  const handlers = [fulcioHandler(ca, { subjectClaim: 'job_workflow_ref' }), rekorHandler(tlog)]
  const requestToken = 'runner-request-token'
  const token = jwt(claims)
  const calls: Record<string, number> = {}
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    if (req.method === 'GET' && url.pathname === '/idtoken') {
      const ok =
        req.headers.authorization === `Bearer ${requestToken}` &&
        url.searchParams.get('audience') === 'sigstore' &&
        url.searchParams.get('api-version') === '2.0'
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
      res.end(ok ? JSON.stringify({ count: token.length, value: token }) : '{"message":"Bad"}')
      return
    }
    const handler = handlers.find((h) => h.path === url.pathname)
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if (!handler || req.method !== 'POST') {
        res.writeHead(404).end()
        return
      }
      calls[url.pathname] = (calls[url.pathname] ?? 0) + 1
      void handler.fn(Buffer.concat(chunks).toString('utf8')).then((r) => {
        res.writeHead(r.statusCode, { 'content-type': r.contentType ?? 'application/json' })
        res.end(r.response)
      })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const validFor = { start: new Date(Date.now() - 3_600_000) }
  const log = (baseUrl: string, publicKey: Buffer, logId: Buffer) => ({
    baseUrl,
    hashAlgorithm: HashAlgorithm.SHA2_256,
    publicKey: {
      rawBytes: publicKey,
      keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256,
      validFor
    },
    logId: { keyId: logId },
    checkpointKeyId: undefined,
    operator: 'sigstore.mock'
  })
  const trustedRoot: TrustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: url,
        certChain: { certificates: [{ rawBytes: Buffer.from(ca.rootCertificate.buffer) }] },
        validFor,
        operator: 'sigstore.mock'
      }
    ],
    tlogs: [log(rekorOrigin, tlog.publicKey, createHash('sha256').update(tlog.publicKey).digest())],
    ctlogs: [log(url, ctLog.publicKey, Buffer.from(ctLog.logID.buffer))],
    timestampAuthorities: []
  }
  return {
    url,
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${url}/idtoken?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken
    },
    claims,
    trustedRoot,
    calls,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
