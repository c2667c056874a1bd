import { InputError } from '../input-values.js'
import type { Release } from '../release/release.js'
import type { Platform } from './image.js'
import { isValidTag } from './repository.js'

/**
 * The tags a release's images get (pure): dev -> the dev tag; a prerelease -> its version only;
 * stable -> its version, the extra tags rendered from their templates, and `latest` when the
 * release is the newest stable one. Extra tags are for stable releases only: a moving `0.40`
 * must never point at a development build.
 *
 * A variant (`debian`) is appended to every tag, `latest` included (`0.40.0-debian`,
 * `latest-debian`, `master-debian`), so a variant run never names a bare tag: Falco's
 * `falco:latest` and `falco:latest-debian` are moved by two runs that cannot overwrite each other.
 * The first tag is the primary one (the version, or the dev tag): per-arch tags derive from it.
 */
export function imageTags(
  release: Release,
  options: { devTag: string; extraTags: string[]; variant?: string }
): string[] {
  const suffix = options.variant ? `-${options.variant}` : ''
  const tag = (t: string, input: string) => checkTag(`${t}${suffix}`, input)
  if (release.channel === 'none') return []
  if (release.prerelease) return [tag(release.version, 'version')]
  if (release.channel === 'dev') return [tag(options.devTag, 'image-dev-tag')]
  const tags = [tag(release.version, 'version')]
  for (const template of options.extraTags)
    tags.push(tag(renderTag(template, release), 'image-extra-tags'))
  if (release.latest) tags.push(tag('latest', 'image-variant'))
  return [...new Set(tags)]
}

/**
 * Falco's names for architectures in per-arch tags (`x86_64-0.40.0`, `aarch64-0.40.0`): the
 * kernel's names, as its packages and driver builds use them. Others keep the OCI name, with
 * the variant appended (`armv7`).
 */
const ARCH_NAMES: Record<string, string> = { amd64: 'x86_64', arm64: 'aarch64', '386': 'i386' }

export function archName(platform: Platform): string {
  return ARCH_NAMES[platform.architecture] ?? `${platform.architecture}${platform.variant ?? ''}`
}

/**
 * Per-arch tags (pure), as Falco pushes them before joining the platforms into one index:
 * `<arch>-<primary tag>` for each platform (`x86_64-0.40.0-debian`). Only the primary tag gets
 * them, never `latest` or the extra tags, as in Falco's publish workflow. Two platforms that
 * share an arch name (linux/arm/v6 and v7 would not; two OSes could) are refused.
 */
export function archTags(primary: string, platforms: Platform[]): string[] {
  const tags = platforms.map((p) => checkTag(`${archName(p)}-${primary}`, 'image-arch-tags'))
  const twice = tags.find((t, i) => tags.indexOf(t) !== i)
  if (twice) {
    throw new InputError(
      'image-arch-tags',
      `two platforms would both be tagged ${JSON.stringify(twice)}; per-arch tags need one image per architecture`
    )
  }
  return tags
}

const FIELDS = ['version', 'major', 'minor', 'patch', 'sha'] as const

/** Renders `{{major}}.{{minor}}` and friends against the release. */
export function renderTag(template: string, release: Release): string {
  const match = release.version.match(/^(\d+)\.(\d+)\.(\d+)/)
  const values: Record<(typeof FIELDS)[number], string> = {
    version: release.version,
    major: match?.[1] ?? '',
    minor: match?.[2] ?? '',
    patch: match?.[3] ?? '',
    sha: release.sha.slice(0, 7)
  }
  return template.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (_, name: string) => {
    if (!(FIELDS as readonly string[]).includes(name)) {
      throw new InputError(
        'image-extra-tags',
        `unknown field {{${name}}} in ${JSON.stringify(template)}; use ${FIELDS.map((f) => `{{${f}}}`).join(', ')}`
      )
    }
    return values[name as (typeof FIELDS)[number]]
  })
}

function checkTag(tag: string, input: string): string {
  if (!isValidTag(tag))
    throw new InputError(input, `${JSON.stringify(tag)} is not a valid image tag`)
  return tag
}
