import { InputError, boolean, integer, list } from '../input-values.js'
import { parsePlatform, type Platform } from './image.js'
import { isValidTag, parseRepository } from './repository.js'

/** The container inputs, read and validated before anything is pushed. */

export type Transport = 'oci' | 'oci-archive' | 'docker-archive' | 'docker-daemon'

export interface ImageEntry {
  /** The line as written, for logs and errors. */
  raw: string
  /** From the `os/arch[/variant]=` prefix; otherwise the image's own config decides. */
  platform?: Platform
  transport: Transport
  /** Directory, archive file, or (docker-daemon) the image name. */
  path: string
  /** `oci:<dir>:<ref>` / `docker-archive:<file>:<repo:tag>`: which image inside. */
  ref?: string
}

export interface ContainerInputs {
  images: ImageEntry[]
  /** Normalised repository names (`docker.io/falcosecurity/falco`). */
  repositories: string[]
  devTag: string
  extraTags: string[]
  insecureRegistries: string[]
  /** Blob uploads in flight at once, per repository. */
  concurrency: number
  /** Allow a release tag (`0.40.0`) that points at another image to be moved. */
  overwrite: boolean
  /** Appended to every tag (`debian` -> `0.40.0-debian`, `latest-debian`); empty: none. */
  variant: string
  /** Also tag each platform's manifest `<arch>-<tag>` on the first repository. */
  archTags: boolean
  /** PEM text of the cosign key that signs every pushed digest; empty: no signing. Secret. */
  cosignPrivateKey: string
  /** Opens an encrypted cosign key. Secret. */
  cosignPassword: string
}

export const CONTAINER_INPUT_DEFAULTS = {
  images: '',
  'image-repositories': '',
  'image-dev-tag': 'master',
  'image-extra-tags': '',
  'insecure-registries': '',
  'image-concurrency': '4',
  'image-overwrite': 'false',
  'image-variant': '',
  'image-arch-tags': 'false',
  'cosign-private-key': '',
  'cosign-password': ''
} as const satisfies Record<string, string>

const TRANSPORTS: readonly Transport[] = ['oci', 'oci-archive', 'docker-archive', 'docker-daemon']

/** Parses one `images` line: `[<os>/<arch>[/<variant>]=]<transport>:<location>[:<ref>]`. */
export function parseImageEntry(line: string): ImageEntry {
  const fail = (why: string): never => {
    throw new InputError('images', `${JSON.stringify(line)}: ${why}`)
  }
  let rest = line.trim()
  let platform: Platform | undefined
  const eq = rest.indexOf('=')
  const colon = rest.indexOf(':')
  if (eq > 0 && (colon < 0 || eq < colon)) {
    platform =
      parsePlatform(rest.slice(0, eq)) ??
      fail(`${JSON.stringify(rest.slice(0, eq))} is not a platform like linux/amd64`)
    rest = rest.slice(eq + 1)
  }
  const sep = rest.indexOf(':')
  const transport = rest.slice(0, sep) as Transport
  if (sep < 0 || !TRANSPORTS.includes(transport)) {
    fail(
      `start with one of ${TRANSPORTS.map((t) => `${t}:`).join(', ')} (skopeo's transport names)`
    )
  }
  const location = rest.slice(sep + 1)
  if (location === '') fail('names no location')
  if (transport === 'docker-daemon') return { raw: line, platform, transport, path: location }
  // As skopeo: the first colon after the transport separates the path from the reference.
  const refSep = location.indexOf(':')
  const path = refSep < 0 ? location : location.slice(0, refSep)
  const ref = refSep < 0 ? undefined : location.slice(refSep + 1)
  if (path === '') fail('names no path')
  if (ref === '') fail('has an empty reference after the path')
  return { raw: line, platform, transport, path, ...(ref !== undefined ? { ref } : {}) }
}

export function readContainerInputs(get: (name: string) => string): ContainerInputs {
  const value = (name: keyof typeof CONTAINER_INPUT_DEFAULTS): string => {
    const raw = get(name).trim()
    return raw !== '' ? raw : CONTAINER_INPUT_DEFAULTS[name]
  }
  // `images` lines are split on newlines only: a path may contain a comma.
  const images = value('images')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map(parseImageEntry)
  const repositories = list(value('image-repositories')).map((name) => {
    try {
      return parseRepository(name).name
    } catch (error) {
      throw new InputError('image-repositories', (error as Error).message)
    }
  })
  if (new Set(repositories).size !== repositories.length) {
    throw new InputError('image-repositories', 'names the same repository twice')
  }
  if (images.length > 0 && repositories.length === 0) {
    throw new InputError('image-repositories', 'images are given but no repository to push them to')
  }
  if (repositories.length > 0 && images.length === 0) {
    throw new InputError('images', 'image-repositories are given but no images to push')
  }
  const devTag = value('image-dev-tag')
  if (!isValidTag(devTag))
    throw new InputError('image-dev-tag', `${JSON.stringify(devTag)} is not a valid tag`)
  const extraTags = list(value('image-extra-tags'))
  for (const template of extraTags) {
    if (!/^[A-Za-z0-9_.{}-]+$/.test(template)) {
      throw new InputError('image-extra-tags', `${JSON.stringify(template)} is not a tag template`)
    }
  }
  const variant = value('image-variant')
  if (variant !== '' && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(variant)) {
    throw new InputError(
      'image-variant',
      `${JSON.stringify(variant)} is not a tag suffix; use letters, digits, '.', '_' or '-', e.g. debian`
    )
  }
  const cosignPrivateKey = get('cosign-private-key').trim()
  if (cosignPrivateKey !== '' && repositories.length === 0) {
    throw new InputError(
      'cosign-private-key',
      'is given but image-repositories is empty: there is no image to sign'
    )
  }
  const concurrency = integer(value as (name: string) => string, 'image-concurrency', 1)
  return {
    images,
    repositories,
    devTag,
    extraTags,
    insecureRegistries: list(value('insecure-registries')),
    concurrency,
    overwrite: boolean(value as (name: string) => string, 'image-overwrite'),
    variant,
    archTags: boolean(value as (name: string) => string, 'image-arch-tags'),
    cosignPrivateKey,
    // Not trimmed: a password may end in a space.
    cosignPassword: get('cosign-password')
  }
}
