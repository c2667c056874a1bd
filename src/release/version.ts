// The functions used, not the package's index: it loads every range and comparison module too
// (about 10 ms of CPU at every start, for nothing a release needs).
import SemVer from 'semver/classes/semver.js'
import gte from 'semver/functions/gte.js'
import prerelease from 'semver/functions/prerelease.js'
import rsort from 'semver/functions/rsort.js'
import valid from 'semver/functions/valid.js'

const semver = { SemVer, gte, prerelease, rsort, valid }

/**
 * Versions: reading tags as semver, the dev version arithmetic and the `latest` rule. Pure.
 */

/** What `git describe` says about HEAD relative to the last stable tag. */
export interface Describe {
  /** The last stable semver tag reachable from HEAD, as named in git; undefined when there is none. */
  tag?: string
  /** Commits since that tag, or every commit of HEAD when there is no tag. */
  commits: number
  /** The first seven hex digits of HEAD. */
  sha7: string
}

/**
 * The semver a tag names, without its optional leading `v`, or undefined when it names none.
 * Build metadata is kept (semver.parse would drop it from `.version`), and whitespace or a
 * second prefix (`=`, `vv`) is refused rather than quietly trimmed: a tag is a name, not prose.
 */
export function tagVersion(tag: string): string | undefined {
  const bare = tag.startsWith('v') ? tag.slice(1) : tag
  if (!/^[0-9]/.test(bare) || /\s/.test(bare)) return undefined
  return semver.valid(bare) === null ? undefined : bare
}

/** A semver with a prerelease part (`0.41.0-rc1`); build metadata alone does not make one. */
export function isPrerelease(version: string): boolean {
  return semver.prerelease(version) !== null
}

/** The stable (non-prerelease) semver versions among tag names; other tags are ignored. */
export function stableVersions(tags: readonly string[]): string[] {
  const versions: string[] = []
  for (const tag of tags) {
    const version = tagVersion(tag)
    if (version !== undefined && !isPrerelease(version)) versions.push(version)
  }
  return versions
}

/**
 * `<next minor>-<commits since the last stable tag>+<sha7>`: after 0.40.0, 15 commits at
 * 8c4040b... gives `0.41.0-15+8c4040b`. The next minor (not patch) because the development
 * branch is where the next feature release grows; a prerelease part makes it sort below that
 * release, and the commit count makes successive dev builds sort in order.
 */
export function nextDevVersion(describe: Describe): string {
  let base = new semver.SemVer('0.0.0')
  if (describe.tag !== undefined) {
    const version = tagVersion(describe.tag)
    if (version === undefined || isPrerelease(version)) {
      throw new Error(`git describe named tag '${describe.tag}', which is not a stable semver tag`)
    }
    base = new semver.SemVer(version)
  }
  if (!Number.isSafeInteger(describe.commits) || describe.commits < 0) {
    throw new Error(`commit count must be a whole number, got ${describe.commits}`)
  }
  if (!/^[0-9a-f]{7}$/.test(describe.sha7)) {
    throw new Error(`expected seven lowercase hex digits of the commit, got '${describe.sha7}'`)
  }
  return `${base.major}.${base.minor + 1}.0-${describe.commits}+${describe.sha7}`
}

/**
 * Whether a stable version takes `latest`: it is not a prerelease and no stable tag of the
 * repository is higher. A back-port (0.38.3 after 0.39.0) does not take it; re-publishing the
 * highest version does. Prerelease and non-semver tags do not count.
 */
export function isLatest(version: string, tags: readonly string[]): boolean {
  if (semver.valid(version) === null || isPrerelease(version)) return false
  return stableVersions(tags).every((tag) => semver.gte(version, tag))
}

/** The highest stable semver among tag names, or undefined when there is none. */
export function highestStable(tags: readonly string[]): string | undefined {
  const versions = stableVersions(tags)
  return versions.length === 0 ? undefined : semver.rsort(versions)[0]
}
