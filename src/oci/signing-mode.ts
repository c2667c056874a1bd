import { InputError } from '../input-values.js'
import type { Logger } from '../report/log.js'
import type { ContainerInputs } from './inputs.js'
import { hasOidcToken } from './keyless.js'

/** The repository's visibility from the event payload, when the event names it. */
export function repositoryVisibility(
  payload: Record<string, unknown>
): 'public' | 'private' | undefined {
  const repo = payload.repository as { private?: unknown; visibility?: unknown } | undefined
  if (repo?.visibility === 'public' || repo?.private === false) return 'public'
  if (repo?.private === true || repo?.visibility === 'private' || repo?.visibility === 'internal')
    return 'private'
  return undefined
}

/**
 * How this run signs its images (image-sign). `auto`, the default: with cosign-private-key,
 * the key; else keyless when the job can get an OIDC token (it has `id-token: write`) and the
 * repository is public; else nothing. Keyless entries go to sigstore's public Rekor and name
 * the repository and workflow, and jobs grant `id-token: write` for other reasons too (cloud
 * logins): a private repository's name is published there only when `image-sign: keyless` asks.
 */
export function signingMode(
  inputs: Pick<ContainerInputs, 'sign' | 'cosignPrivateKey' | 'repositories'>,
  env: NodeJS.ProcessEnv,
  log: Logger,
  visibility?: 'public' | 'private'
): 'key' | 'keyless' | undefined {
  if (inputs.repositories.length === 0 || inputs.sign === 'false') return undefined
  if (inputs.sign === 'key') return 'key'
  if (inputs.sign === 'keyless') {
    if (!hasOidcToken(env)) {
      throw new InputError(
        'image-sign',
        'is keyless but the job has no OIDC token: add `permissions: id-token: write` to the job'
      )
    }
    if (inputs.cosignPrivateKey !== '')
      log.warning('image-sign is keyless: cosign-private-key is not used')
    return 'keyless'
  }
  if (inputs.cosignPrivateKey !== '') return 'key'
  if (!hasOidcToken(env)) return undefined
  if (visibility === 'public') return 'keyless'
  log.info(
    `images are not signed: the repository is ${visibility ?? 'of unknown visibility'} and keyless ` +
      "signing would publish its name in sigstore's public log; set image-sign: keyless to sign anyway"
  )
  return undefined
}
