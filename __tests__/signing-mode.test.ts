import { describe, expect, it } from '@jest/globals'
import { readContainerInputs } from '../src/oci/inputs.js'
import { jwtClaims, workflowIdentity } from '../src/oci/keyless.js'
import { repositoryVisibility, signingMode } from '../src/oci/signing-mode.js'
import { recordingLog } from './github/recording-log.js'

/** image-sign: which signer a run uses, from the inputs and whether the job has an OIDC token. */

const get = (values: Record<string, string>) => (name: string) => values[name] ?? ''
const base = { images: 'oci:x', 'image-repositories': 'falcosecurity/falco' }
const KEY = '-----BEGIN PRIVATE KEY-----\nMIGHAgEA\n-----END PRIVATE KEY-----\n'
const TOKEN = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/t',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x'
}

function mode(
  values: Record<string, string>,
  env: NodeJS.ProcessEnv = {},
  visibility: 'public' | 'private' | 'unknown' = 'public'
) {
  const log = recordingLog()
  const inputs = readContainerInputs(get({ ...base, ...values }))
  return {
    mode: signingMode(inputs, env, log, visibility === 'unknown' ? undefined : visibility),
    log
  }
}

describe('image-sign', () => {
  it.each([
    ['auto, no key, no token: unsigned', {}, {}, undefined],
    ['auto with a key: the key, token or not', { 'cosign-private-key': KEY }, TOKEN, 'key'],
    ['auto with the token and no key: keyless', {}, TOKEN, 'keyless'],
    [
      'false: nothing, even with both',
      { 'image-sign': 'false', 'cosign-private-key': KEY },
      TOKEN,
      undefined
    ],
    [
      'keyless with a key given too: keyless',
      { 'image-sign': 'keyless', 'cosign-private-key': KEY },
      TOKEN,
      'keyless'
    ],
    ['key', { 'image-sign': 'key', 'cosign-private-key': KEY }, TOKEN, 'key']
  ] as const)('%s', (_name, values, env, expected) => {
    expect(mode(values, env).mode).toBe(expected)
  })

  it('auto signs keyless for a public repository only; keyless says so for a private one', () => {
    for (const visibility of ['private', 'unknown'] as const) {
      const { mode: m, log } = mode({}, TOKEN, visibility)
      expect(m).toBeUndefined()
      expect(log.lines.join('\n')).toMatch(/set image-sign: keyless to sign anyway/)
      expect(mode({ 'image-sign': 'keyless' }, TOKEN, visibility).mode).toBe('keyless')
    }
  })

  it('reads the visibility from the event payload', () => {
    expect(repositoryVisibility({ repository: { private: false, visibility: 'public' } })).toBe(
      'public'
    )
    expect(repositoryVisibility({ repository: { private: true } })).toBe('private')
    expect(repositoryVisibility({ repository: { visibility: 'internal' } })).toBe('private')
    expect(repositoryVisibility({})).toBeUndefined()
  })

  it('warns when a given key is not used', () => {
    const { log } = mode({ 'image-sign': 'keyless', 'cosign-private-key': KEY }, TOKEN)
    expect(log.lines.join('\n')).toMatch(/cosign-private-key is not used/)
  })

  it('refuses what it cannot do, naming the input', () => {
    expect(() => mode({ 'image-sign': 'sigstore' })).toThrow(
      /input 'image-sign'.*auto, key, keyless, false/
    )
    expect(() => mode({ 'image-sign': 'key' })).toThrow(
      /input 'image-sign'.*cosign-private-key is empty/
    )
    expect(() => mode({ 'image-sign': 'keyless' }, {})).toThrow(
      /input 'image-sign'.*id-token: write/
    )
  })
})

describe('keyless helpers', () => {
  it('reads the claims of a JWT and refuses what is not one', () => {
    const part = Buffer.from(JSON.stringify({ sub: 'repo:o/r:ref:refs/tags/1.0.0' })).toString(
      'base64url'
    )
    expect(jwtClaims(`e30.${part}.sig`).sub).toBe('repo:o/r:ref:refs/tags/1.0.0')
    expect(() => jwtClaims('not-a-token')).toThrow(/not a JWT/)
  })

  it('names the workflow as Fulcio does, on github.com or a GitHub Enterprise server', () => {
    const claims = { job_workflow_ref: 'o/r/.github/workflows/release.yaml@refs/tags/1.0.0' }
    expect(workflowIdentity(claims, {})).toBe(
      'https://github.com/o/r/.github/workflows/release.yaml@refs/tags/1.0.0'
    )
    expect(workflowIdentity(claims, { GITHUB_SERVER_URL: 'https://ghe.example/' })).toBe(
      'https://ghe.example/o/r/.github/workflows/release.yaml@refs/tags/1.0.0'
    )
    expect(() => workflowIdentity({ sub: 'x' }, {})).toThrow(/no job_workflow_ref claim/)
  })
})
