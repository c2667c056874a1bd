import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { tool } from './tools.js'

/**
 * The real verifiers of cosign signatures, as `.ci/sigstore-verifiers` fetches them from
 * Debian: skopeo 1.22 (whose `sigstoreSigned` policy works, unlike bookworm's and trixie's
 * builds), cosign 2.5 and cosign 3.1. Each is run against a registry on 127.0.0.1 only: the
 * proxy variables point at a closed local port, so a verifier that tried to reach sigstore's
 * public services (TUF, Rekor) would fail instead of sending traffic out (Go never proxies
 * loopback requests, so the registries are reached directly).
 */
const DIR =
  process.env.SIGSTORE_VERIFIERS ??
  path.resolve(import.meta.dirname, '../../node_modules/.cache/sigstore-verifiers')

export type Verifier = 'skopeo' | 'cosign2' | 'cosign3'

function binary(name: Verifier): string {
  const file = path.join(DIR, 'bin', name)
  if (!existsSync(file))
    throw new Error(
      `${file} is missing: run 'bash .ci/sigstore-verifiers' (it fetches skopeo 1.22 and cosign from Debian's archive)`
    )
  return file
}

/** Runs a verifier in `home` (its caches and TUF root), reaching nothing but 127.0.0.1. */
export async function runVerifier(
  name: Verifier,
  args: string[],
  home: string,
  env: Record<string, string> = {}
): Promise<string> {
  const closed = 'http://127.0.0.1:9'
  return tool(binary(name), args, {
    env: {
      ...env,
      PATH: process.env.PATH,
      HOME: home,
      TUF_ROOT: path.join(home, 'tuf'),
      HTTP_PROXY: closed,
      HTTPS_PROXY: closed,
      http_proxy: closed,
      https_proxy: closed,
      NO_PROXY: '',
      no_proxy: ''
    }
  })
}

/** One public key's view: a containers policy requiring its sigstore signature, and cosign. */
export interface KeyVerifier {
  /**
   * `skopeo copy` of `ref` (a tag or `repo@digest`, on a plain-HTTP registry) under a policy.json
   * that accepts only images signed by the key (`sigstoreSigned`, `keyPath`, the signature's
   * identity matching the repository), reading cosign's `.sig` tags (registries.d
   * `use-sigstore-attachments: true`). Resolves when skopeo accepts it, rejects with skopeo's
   * error otherwise.
   */
  skopeoCopy(ref: string): Promise<void>
  /** `cosign verify --key` (no transparency log: key signatures are not logged in Rekor). */
  cosignVerify(cosign: 'cosign2' | 'cosign3', ref: string): Promise<string>
  /**
   * cosign 3's `verify-attestation --key --type <type>`: the attestations of `ref` held in
   * sigstore bundle referrers (cosign 2 reads only its own `.att` tags).
   */
  cosignVerifyAttestation(ref: string, type: string): Promise<string>
}

let copies = 0

export async function keyVerifier(dir: string, publicKeyFile: string): Promise<KeyVerifier> {
  const home = path.join(dir, `verifier-${path.basename(publicKeyFile)}`)
  const registriesD = path.join(home, 'registries.d')
  await mkdir(registriesD, { recursive: true })
  await writeFile(
    path.join(registriesD, 'default.yaml'),
    'default-docker:\n  use-sigstore-attachments: true\n'
  )
  const policy = path.join(home, 'policy.json')
  await writeFile(
    policy,
    JSON.stringify({
      default: [{ type: 'reject' }],
      transports: {
        docker: {
          '': [
            {
              type: 'sigstoreSigned',
              keyPath: publicKeyFile,
              signedIdentity: { type: 'matchRepository' }
            }
          ]
        }
      }
    })
  )
  return {
    async skopeoCopy(ref) {
      const to = path.join(home, `copy-${copies++}`)
      await runVerifier(
        'skopeo',
        [
          'copy',
          '--quiet',
          '--policy',
          policy,
          '--registries.d',
          registriesD,
          '--src-tls-verify=false',
          `docker://${ref}`,
          `dir:${to}`
        ],
        home
      )
    },
    cosignVerifyAttestation(ref, type) {
      return runVerifier(
        'cosign3',
        [
          'verify-attestation',
          '--type',
          type,
          '--key',
          publicKeyFile,
          '--insecure-ignore-tlog',
          '--allow-http-registry',
          '--allow-insecure-registry',
          ref
        ],
        home
      )
    },
    cosignVerify(cosign, ref) {
      return runVerifier(
        cosign,
        [
          'verify',
          '--key',
          publicKeyFile,
          '--insecure-ignore-tlog',
          '--allow-http-registry',
          '--allow-insecure-registry',
          '--output',
          'json',
          ref
        ],
        home
      )
    }
  }
}
