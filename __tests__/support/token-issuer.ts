import { createSign, randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import * as path from 'node:path'
import { tool } from './tools.js'

/**
 * A token issuer for the registry's `auth.token` config, as Docker Hub's auth.docker.io is one:
 * it checks Basic credentials and signs a JWT (RS256, the signing certificate in `x5c`) whose
 * `access` claim grants the requested scopes. The key and certificate come from openssl.
 */
export interface TokenIssuer {
  realm: string
  service: string
  issuer: string
  /** The certificate bundle the registry verifies tokens with. */
  rootcertbundle: string
  /** Every token request, with its scopes, in order. */
  requests: { scopes: string[]; user?: string }[]
  stop(): Promise<void>
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url')
}

export async function startTokenIssuer(
  dir: string,
  login: { user: string; password: string },
  /** Repositories this login may not touch: left out of the token, as Docker Hub does. */
  denied: string[] = []
): Promise<TokenIssuer> {
  const key = path.join(dir, 'issuer-key.pem')
  const cert = path.join(dir, 'issuer-cert.pem')
  await tool('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=test-token-issuer'
  ])
  const keyPem = await readFile(key, 'utf8')
  const certDer = (await readFile(cert, 'utf8')).replace(/-----[^-]+-----|\s/g, '')
  const service = 'test-registry'
  const issuer = 'test-issuer'
  const requests: TokenIssuer['requests'] = []

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://issuer')
    const scopes = url.searchParams.getAll('scope')
    const header = req.headers.authorization ?? ''
    const decoded = header.startsWith('Basic ')
      ? Buffer.from(header.slice(6), 'base64').toString()
      : ''
    const user = decoded.slice(0, decoded.indexOf(':'))
    requests.push({ scopes, user: user || undefined })
    if (url.pathname !== '/token' || url.searchParams.get('service') !== service) {
      res.writeHead(400).end()
      return
    }
    if (decoded !== `${login.user}:${login.password}`) {
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"details":"bad credentials"}')
      return
    }
    const now = Math.floor(Date.now() / 1000)
    const access = scopes
      .map((scope) => {
        const [type, ...rest] = scope.split(':')
        const actions = rest.pop() ?? ''
        return { type, name: rest.join(':'), actions: actions.split(',') }
      })
      .filter((a) => !denied.includes(a.name))
    const head = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [certDer] }))
    const claims = base64url(
      JSON.stringify({
        iss: issuer,
        sub: user,
        aud: service,
        exp: now + 300,
        nbf: now - 10,
        iat: now,
        jti: randomUUID(),
        access
      })
    )
    const signature = createSign('RSA-SHA256').update(`${head}.${claims}`).sign(keyPem)
    const token = `${head}.${claims}.${base64url(signature)}`
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        token,
        access_token: token,
        expires_in: 300,
        issued_at: new Date().toISOString()
      })
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    rootcertbundle: cert,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
