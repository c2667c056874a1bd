import type { Inputs } from '../inputs.js'
import { isPrerelease, tagVersion } from './version.js'

/**
 * Event -> what kind of release, before anything touches git or the network. Pure: the parts
 * that need git (a dev version) or the list of tags (`latest: auto`) are left as questions for
 * decide.ts, so that it asks them only when the answer matters.
 */

/** The parts of the workflow context (github.context) that decide the release. */
export interface WorkflowEvent {
  eventName: string
  ref: string
  sha: string
  payload: Record<string, unknown>
}

/** The event or inputs cannot make a release; the message names the tag or input and the fix. */
export class ReleaseError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ReleaseError'
  }
}

export type ClassifyInputs = Pick<Inputs, 'channel' | 'version' | 'devBranch' | 'latest'> &
  Partial<Pick<Inputs, 'stableFromBranch'>>

/** The decision, with what is still to be asked: a dev version from git, latest from the tags. */
export type Classification =
  | { channel: 'none'; reason: string; tag?: string }
  | {
      channel: 'dev' | 'stable'
      /** Undefined: derive a dev version from git describe. */
      version?: string
      prerelease: boolean
      /** Decided already (forced, or never for dev/prerelease); undefined: compare with the tags. */
      latest?: boolean
      reason: string
      tag?: string
    }

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target']
/** Events on which an explicit dev/stable channel input is honoured. */
const CHANNEL_EVENTS = ['push', 'workflow_dispatch', 'release']

export function classify(event: WorkflowEvent, inputs: ClassifyInputs): Classification {
  const versionInput = parseVersionInput(inputs.version)

  // `none` wins over everything, even a tag that is not semver: nothing will be published, so
  // nothing about the tag can be wrong for this run.
  if (inputs.channel === 'none') return { channel: 'none', reason: 'the channel input is none.' }

  // A pull request never publishes, whatever the channel input says: its code has not been
  // reviewed and pull_request_target runs with write tokens. Classifying it as `none` rather
  // than failing keeps a shared workflow (on: [push, pull_request]) green on pull requests.
  if (PULL_REQUEST_EVENTS.includes(event.eventName)) {
    const ignored =
      inputs.channel === 'auto'
        ? ''
        : ` (the channel input '${inputs.channel}' was ignored for a pull request)`
    return {
      channel: 'none',
      reason: `a ${event.eventName} event never publishes${ignored}.`
    }
  }

  if (!CHANNEL_EVENTS.includes(event.eventName)) {
    const ignored =
      inputs.channel === 'auto'
        ? ''
        : ` (the channel input '${inputs.channel}' is honoured only for push, workflow_dispatch and release events)`
    return { channel: 'none', reason: `a ${event.eventName} event does not publish${ignored}.` }
  }

  const source = eventSource(event)
  if (source.kind === 'none') {
    // A forced channel where there is neither branch nor tag (the CLI outside a git checkout):
    // publishing nothing would be a silent success; a dev release needs its version given.
    if (inputs.channel === 'dev') {
      if (versionInput === undefined) {
        throw new ReleaseError(
          `input 'version': the channel input is dev, but ${source.reason.replace(/\.$/, '')}, so ` +
            `no dev version can be computed from git. Give the version input (--version ` +
            `0.41.0-dev.1), or run inside a git checkout with its history (fetch-depth: 0).`
        )
      }
      return dev(inputs, {
        version: versionInput,
        prerelease: isPrerelease(versionInput),
        reason: `the channel input is dev, version from the version input (${source.reason.replace(/\.$/, '')}).`
      })
    }
    if (inputs.channel === 'stable') {
      throw new ReleaseError(
        `input 'channel': stable needs a tag to publish from, but ${source.reason.replace(/\.$/, '')}. ` +
          `Publish from a tag (--ref refs/tags/0.40.0), or use --channel dev with --version.`
      )
    }
    return { channel: 'none', reason: source.reason }
  }

  if (source.kind === 'tag') {
    const tagged = tagVersion(source.tag)
    if (tagged === undefined) {
      throw new ReleaseError(
        `tag '${source.tag}' is not a semver version: release tags look like 0.40.0, v0.40.0 or ` +
          `0.41.0-rc1. Push a semver tag, or set the channel input to none for this tag.`
      )
    }
    const version = versionInput ?? tagged
    const prerelease = isPrerelease(version) || source.githubPrerelease
    const via = versionInput === undefined ? '' : ` (version from the version input)`
    if (inputs.channel === 'dev' || (inputs.channel === 'auto' && prerelease)) {
      const why =
        inputs.channel === 'dev'
          ? `the channel input is dev`
          : isPrerelease(version)
            ? `${version} is a semver prerelease`
            : `the GitHub release is marked as a prerelease`
      return dev(inputs, {
        version,
        prerelease,
        tag: source.tag,
        reason: `${source.what} ${source.tag}: ${why}, published to the dev channel${via}.`
      })
    }
    return stable(inputs, {
      version,
      prerelease,
      tag: source.tag,
      reason: `${source.what} ${source.tag}: a stable release${via}.`
    })
  }

  // A branch.
  const devBranch = developmentBranch(inputs.devBranch, event.payload)
  const on = `${source.what} ${source.branch}`
  if (inputs.channel === 'stable') {
    // A stable release is a tag: a branch moves, so what it pointed at cannot be told later.
    if (!inputs.stableFromBranch) {
      throw new ReleaseError(
        `input 'channel': stable on ${on}, which is not a tag. Stable releases are published ` +
          `from a tag: push the tag (e.g. 0.40.0) and run on it, or set stable-from-branch: true ` +
          `(with the version input) to publish this branch as stable on purpose.`
      )
    }
    // Never from a branch: latest names the newest tagged release.
    if (inputs.latest === 'true') {
      throw new ReleaseError(
        `input 'latest': true, but ${on} is not a tag, and latest only moves to a tagged ` +
          `release. Use latest: auto (false here), or publish from a tag.`
      )
    }
    if (versionInput === undefined) {
      throw new ReleaseError(
        `input 'version': the channel input is stable but ${on} has no tag to take the version ` +
          `from. Give the version input (e.g. 0.40.0), or publish from a tag.`
      )
    }
    return stable(
      { ...inputs, latest: 'false' },
      {
        version: versionInput,
        prerelease: isPrerelease(versionInput),
        reason: `${on}: the channel input is stable (stable-from-branch), version from the version input; never latest from a branch.`
      }
    )
  }
  if (inputs.channel === 'dev' || source.branch === devBranch) {
    const why =
      source.branch === devBranch
        ? `the development branch`
        : `not the development branch (${devBranch}), but the channel input is dev`
    return dev(inputs, {
      version: versionInput,
      prerelease: false,
      reason: `${on}: ${why}.`
    })
  }
  return {
    channel: 'none',
    reason: `${on}: not the development branch (${devBranch}) and not a tag.`
  }
}

/** The dev-branch input, else the repository's default branch from the event, else master. */
export function developmentBranch(input: string, payload: Record<string, unknown>): string {
  const given = input.trim().replace(/^refs\/heads\//, '')
  if (given !== '') return given
  const repository = payload.repository as { default_branch?: unknown } | undefined
  const fromPayload = repository?.default_branch
  if (typeof fromPayload === 'string' && fromPayload !== '') return fromPayload
  return 'master'
}

type EventSource =
  | { kind: 'tag'; tag: string; what: string; githubPrerelease: boolean }
  | { kind: 'branch'; branch: string; what: string }
  | { kind: 'none'; reason: string }

/** What the event points at: a tag (push, release) or a branch (push, dispatch). */
function eventSource(event: WorkflowEvent): EventSource {
  if (event.eventName === 'release') {
    const action = event.payload.action
    if (action !== 'published') {
      // GitHub sends created/released/prereleased/... alongside published; acting on one of
      // them only keeps a release from being published twice.
      return {
        kind: 'none',
        reason: `a release event with action '${String(action)}' does not publish (only 'published' does).`
      }
    }
    const release = event.payload.release as
      { tag_name?: unknown; prerelease?: unknown } | undefined
    const tag = release?.tag_name
    if (typeof tag !== 'string' || tag === '') {
      throw new ReleaseError(
        `the release event payload has no release.tag_name; cannot tell which version was released.`
      )
    }
    // A release the maintainers marked as a prerelease on GitHub is one, whatever its tag says.
    return { kind: 'tag', tag, what: 'release', githubPrerelease: release?.prerelease === true }
  }
  const what = event.eventName === 'push' ? 'push to' : `${event.eventName} on`
  if (event.ref.startsWith('refs/tags/')) {
    const tag = event.ref.slice('refs/tags/'.length)
    return { kind: 'tag', tag, what: `${what} tag`, githubPrerelease: false }
  }
  if (event.ref.startsWith('refs/heads/')) {
    return { kind: 'branch', branch: event.ref.slice('refs/heads/'.length), what: `${what} branch` }
  }
  return {
    kind: 'none',
    reason: `${what} '${event.ref || '(no ref)'}', which is neither a branch nor a tag.`
  }
}

function parseVersionInput(raw: string): string | undefined {
  if (raw.trim() === '') return undefined
  const version = tagVersion(raw.trim())
  if (version === undefined) {
    throw new ReleaseError(
      `input 'version': '${raw}' is not a semver version (e.g. 0.40.0, 0.41.0-rc1, 0.41.0-15+8c4040b).`
    )
  }
  return version
}

function dev(
  inputs: ClassifyInputs,
  release: { version?: string; prerelease: boolean; tag?: string; reason: string }
): Classification {
  // Development builds and prereleases are never latest; asking for it is a mistake in the
  // workflow, not something to quietly drop.
  if (inputs.latest === 'true') {
    throw new ReleaseError(
      `input 'latest': true, but this is a ${release.prerelease ? 'prerelease' : 'development'} ` +
        `release, which is never latest. Use latest: auto, or set it to true only for stable tags.`
    )
  }
  return { channel: 'dev', latest: false, ...release }
}

function stable(
  inputs: ClassifyInputs,
  release: { version: string; prerelease: boolean; tag?: string; reason: string }
): Classification {
  if (release.prerelease) {
    if (inputs.latest === 'true') {
      throw new ReleaseError(
        `input 'latest': true, but ${release.version} is a prerelease, which is never latest. ` +
          `Use latest: auto, or publish a stable version.`
      )
    }
    return { channel: 'stable', latest: false, ...release }
  }
  const latest = inputs.latest === 'auto' ? undefined : inputs.latest === 'true'
  return { channel: 'stable', latest, ...release }
}
