import { classify, type ClassifyInputs, type WorkflowEvent } from './classify.js'
import type { Release } from './release.js'
import { highestStable, isLatest, nextDevVersion, type Describe } from './version.js'

/** What the release decision may need from git or GitHub, asked lazily (see decideRelease). */
export interface ReleaseSources {
  /**
   * `git describe` against the last stable semver tag reachable from HEAD; `tag` is undefined
   * when there is none. Throws ReleaseError on a shallow clone or a directory without git.
   */
  describe(): Promise<Describe>
  /** The repository's tags (stable semver ones at least; others are ignored). */
  stableTags(): Promise<string[]>
}

/**
 * The Release for this run. git is asked only for a dev version that the version input does
 * not give, and the tags only when `latest` is auto on a stable release: a tag push with the
 * default shallow checkout never needs the history.
 */
export async function decideRelease(
  event: WorkflowEvent,
  inputs: ClassifyInputs,
  sources: ReleaseSources
): Promise<Release> {
  const decided = classify(event, inputs)
  if (decided.channel === 'none') {
    return {
      channel: 'none',
      version: '',
      prerelease: false,
      latest: false,
      reason: decided.reason,
      ...(decided.tag === undefined ? {} : { tag: decided.tag }),
      sha: event.sha
    }
  }
  const version = decided.version ?? nextDevVersion(await sources.describe())
  let latest = decided.latest
  let reason = decided.reason
  if (latest === undefined) {
    const tags = await sources.stableTags()
    latest = isLatest(version, tags)
    // A back-port that does not take latest surprises people; say which release holds it.
    const highest = highestStable(tags)
    if (!latest && highest !== undefined) {
      reason = `${reason.replace(/\.$/, '')}; not latest, ${highest} is higher.`
    }
  }
  return {
    channel: decided.channel,
    version,
    prerelease: decided.prerelease,
    latest,
    reason,
    ...(decided.tag === undefined ? {} : { tag: decided.tag }),
    sha: event.sha
  }
}
