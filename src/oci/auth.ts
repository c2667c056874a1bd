import type { Logger } from '../report/log.js'
import { RetryableStatus, isRetryableStatus, retry, type RetryPolicy } from '../net/retry.js'
import type { CredentialLookup, Credentials } from './credentials.js'
import type { Http } from './http.js'

/**
 * The one place that knows registry credentials. It learns each registry's scheme from its
 * first 401 (`WWW-Authenticate: Basic` or `Bearer realm=…,service=…`), fetches Bearer tokens
 * from the realm with the Docker config's credentials, caches them per scope until shortly
 * before they expire, and hands out ready Authorization headers. Every secret it sees is
 * registered with the logger before anything could print it.
 */

export interface Challenge {
  scheme: string
  params: Record<string, string>
}

/** Parses a WWW-Authenticate header: `Bearer realm="…",service="…",scope="…"`. */
export function parseChallenge(header: string): Challenge | undefined {
  const match = header.trim().match(/^(\S+)\s*(.*)$/s)
  if (!match) return undefined
  const params: Record<string, string> = {}
  const pair = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g
  for (const m of match[2].matchAll(pair)) {
    params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]
  }
  return { scheme: match[1].toLowerCase(), params }
}

interface CachedToken {
  value: string
  /** Epoch ms after which the token is not used again. */
  expiresAt: number
}

/** Tokens are refreshed this long before the expiry the issuer announced. */
const EXPIRY_MARGIN_MS = 30_000

export class RegistryAuth {
  private readonly challenges = new Map<string, Challenge>()
  private readonly tokens = new Map<string, Promise<CachedToken>>()
  private readonly registered = new Set<string>()

  constructor(
    private readonly http: Http,
    private readonly credentials: CredentialLookup,
    private readonly log: Logger,
    private readonly policy?: RetryPolicy
  ) {}

  /** How many tokens were fetched from issuers so far (tokens served from cache do not count). */
  tokensFetched = 0

  /**
   * The Authorization header for a request to `apiHost` needing `scopes`, or undefined when
   * the registry has not asked for credentials yet.
   */
  async header(apiHost: string, registry: string, scopes: string[]): Promise<string | undefined> {
    const challenge = this.challenges.get(apiHost)
    if (!challenge) return undefined
    if (challenge.scheme === 'basic') {
      const creds = this.lookup(registry)
      if (!creds) return undefined
      return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`
    }
    if (challenge.scheme === 'bearer') {
      const token = await this.token(apiHost, registry, challenge, scopes)
      return `Bearer ${token}`
    }
    return undefined
  }

  /**
   * Records a 401's challenge. Returns false when retrying cannot help (the request already
   * carried what the registry asked for and was refused), so the caller reports the 401.
   */
  challenged(
    apiHost: string,
    header: string | undefined,
    scopes: string[],
    sentAuth: boolean
  ): boolean {
    const challenge = header ? parseChallenge(header) : undefined
    if (!challenge || (challenge.scheme !== 'basic' && challenge.scheme !== 'bearer')) return false
    const known = this.challenges.get(apiHost)
    this.challenges.set(apiHost, challenge)
    // Requests sent in parallel before the first 401 was understood all come back 401: retry each.
    if (!sentAuth || !known || known.scheme !== challenge.scheme) return true
    if (challenge.scheme === 'bearer') {
      // A cached token may have been revoked or expired early: drop it and try once more.
      const key = this.tokenKey(apiHost, scopes)
      if (this.tokens.has(key)) {
        this.tokens.delete(key)
        return true
      }
    }
    return false
  }

  private lookup(registry: string): Credentials | undefined {
    const creds = this.credentials(registry)
    if (creds && !this.registered.has(registry)) {
      this.registered.add(registry)
      this.log.secret(creds.password)
      this.log.secret(Buffer.from(`${creds.username}:${creds.password}`).toString('base64'))
    }
    return creds
  }

  private tokenKey(apiHost: string, scopes: string[]): string {
    return `${apiHost} ${[...scopes].sort().join(' ')}`
  }

  private async token(
    apiHost: string,
    registry: string,
    challenge: Challenge,
    scopes: string[]
  ): Promise<string> {
    const key = this.tokenKey(apiHost, scopes)
    const cached = this.tokens.get(key)
    if (cached) {
      const token = await cached.catch(() => undefined)
      if (token && token.expiresAt > Date.now()) return token.value
      if (this.tokens.get(key) === cached) this.tokens.delete(key)
      else return this.token(apiHost, registry, challenge, scopes)
    }
    const pending = this.fetchToken(registry, challenge, scopes)
    this.tokens.set(key, pending)
    pending.catch(() => this.tokens.get(key) === pending && this.tokens.delete(key))
    return (await pending).value
  }

  private async fetchToken(
    registry: string,
    challenge: Challenge,
    scopes: string[]
  ): Promise<CachedToken> {
    const realm = challenge.params.realm
    if (!realm) throw new Error(`registry ${registry} asked for a Bearer token without a realm`)
    const url = new URL(realm)
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service)
    for (const scope of scopes) url.searchParams.append('scope', scope)
    const creds = this.lookup(registry)
    const headers: Record<string, string> = {}
    if (creds) {
      headers.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`
    }
    const started = Date.now()
    const response = await retry(
      async () => {
        const res = await this.http(url, { method: 'GET', headers })
        if (isRetryableStatus(res.statusCode)) {
          throw new RetryableStatus(
            res.statusCode,
            url.origin + url.pathname,
            res.headers['retry-after']
          )
        }
        return res
      },
      { policy: this.policy }
    )
    const where = `${url.origin}${url.pathname}`
    if (response.statusCode !== 200) {
      const hint = creds
        ? 'the credentials in the Docker config were refused; log in again (docker/login-action)'
        : `no credentials for ${registry} in the Docker config; log in first (docker/login-action)`
      throw new Error(
        `token issuer ${where} answered ${response.statusCode} for ${scopes.join(' ')}: ${hint}`
      )
    }
    let body: { token?: string; access_token?: string; expires_in?: number; issued_at?: string }
    try {
      body = JSON.parse(response.body.toString('utf8'))
    } catch {
      throw new Error(`token issuer ${where} answered with something that is not JSON`)
    }
    const value = body.token ?? body.access_token
    if (!value) throw new Error(`token issuer ${where} answered without a token`)
    this.log.secret(value)
    this.tokensFetched++
    // The spec's default lifetime is 60 s when the issuer does not say.
    const lifetimeMs = (body.expires_in && body.expires_in > 0 ? body.expires_in : 60) * 1000
    return { value, expiresAt: started + Math.max(lifetimeMs - EXPIRY_MARGIN_MS, lifetimeMs / 2) }
  }
}
