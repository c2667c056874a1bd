import { boolean, integer, list } from '../input-values.js'
import { DEFAULT_DELETION_GRACE_MINUTES } from './pending.js'

/** The package stage's inputs besides `packages` (the globs, in Inputs.packages). */
export interface PackageInputs {
  /** One or more armoured private keys, concatenated (key rotation: metadata is signed by each). */
  gpgPrivateKey: string
  gpgPassphrase: string
  /** How many versions of each package the dev repositories keep. */
  devRetention: number
  /** Minutes a package file the indexes stop naming stays in the store (see repo/pending.ts). */
  deletionGraceMinutes: number
  /** Allow replacing a stable package file with different bytes under the same name. */
  overwrite: boolean
  /** Origin and Label of a new apt repository ('' = derived from the repository owner). */
  aptOrigin: string
  aptLabel: string
  /** Where arch-less tarballs (`falco-<version>-wasm.tar.gz`) go, for every channel. */
  noarchRepository: string
  /** `name=version` patterns (`*` wildcards) of packages to unpublish from the channel's repositories. */
  remove: string[]
}

export function readPackageInputs(get: (name: string) => string): PackageInputs {
  const remove = list(get('remove'))
  for (const pattern of remove) parseRemovePattern(pattern)
  return {
    gpgPrivateKey: get('gpg-private-key'),
    gpgPassphrase: get('gpg-passphrase'),
    devRetention: integer(get, 'dev-retention', 1),
    deletionGraceMinutes:
      get('package-deletion-grace') === ''
        ? DEFAULT_DELETION_GRACE_MINUTES
        : integer(get, 'package-deletion-grace', 0),
    overwrite: boolean(get, 'overwrite'),
    aptOrigin: get('apt-origin').trim(),
    aptLabel: get('apt-label').trim(),
    noarchRepository: repositoryPath(get, 'tarballs-noarch-repository', 'packages/wasm-dev'),
    remove
  }
}

export interface RemovePattern {
  name: RegExp
  version: RegExp
}

/** `falco=0.39.*` or `falco` (every version); `*` matches anything. */
export function parseRemovePattern(pattern: string): RemovePattern {
  const m = /^([^=\s]+)(?:=(\S+))?$/.exec(pattern)
  if (!m) {
    throw new Error(`input 'remove': ${JSON.stringify(pattern)} is not a name=version pattern`)
  }
  return { name: glob(m[1]), version: glob(m[2] ?? '*') }
}

function glob(text: string): RegExp {
  return new RegExp(
    '^' +
      text
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$'
  )
}

/** A folder of the store, as an input gives it: relative, without `..`, no trailing slash. */
function repositoryPath(get: (name: string) => string, name: string, fallback: string): string {
  const value = (get(name).trim() || fallback).replace(/\/+$/, '')
  if (!value || value.startsWith('/') || value.split('/').some((p) => p === '..' || p === '')) {
    throw new Error(
      `input '${name}': ${JSON.stringify(get(name))} is not a folder of the store; give a relative path such as packages/wasm-dev`
    )
  }
  return value
}
