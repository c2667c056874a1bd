import { InputError } from '../input-values.js'
import type { Release } from '../release/release.js'
import { isValidTag } from './repository.js'

/**
 * The tags a release's images get (pure): dev -> the dev tag; a prerelease -> its version only;
 * stable -> its version, the extra tags rendered from their templates, and `latest` when the
 * release is the newest stable one. Extra tags are for stable releases only: a moving `0.40`
 * must never point at a development build.
 */
export function imageTags(
  release: Release,
  options: { devTag: string; extraTags: string[] }
): string[] {
  if (release.channel === 'none') return []
  if (release.prerelease) return [checkTag(release.version, 'version')]
  if (release.channel === 'dev') return [options.devTag]
  const tags = [checkTag(release.version, 'version')]
  for (const template of options.extraTags)
    tags.push(checkTag(renderTag(template, release), 'image-extra-tags'))
  if (release.latest) tags.push('latest')
  return [...new Set(tags)]
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
