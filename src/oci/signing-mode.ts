import { InputError } from '../input-values.js'
import type { Logger } from '../report/log.js'
import type { ContainerInputs } from './inputs.js'
import { hasOidcToken } from './keyless.js'

/**
 * How this run signs its images (image-sign). `auto`, the default: with cosign-private-key,
 * the key; else keyless when the job can get an OIDC token (it has `id-token: write`, which a
 * workflow grants for signing or attesting); else nothing. A user who grants the token but
 * wants no signature says `image-sign: false`.
 */
export function signingMode(
  inputs: Pick<ContainerInputs, 'sign' | 'cosignPrivateKey' | 'repositories'>,
  env: NodeJS.ProcessEnv,
  log: Logger
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
  return hasOidcToken(env) ? 'keyless' : undefined
}
