import { describe, expect, it } from '@jest/globals'
import {
  classify,
  developmentBranch,
  ReleaseError,
  type WorkflowEvent
} from '../src/release/classify.js'
import { decideRelease, type ReleaseSources } from '../src/release/decide.js'
import type { Release } from '../src/release/release.js'
import type { Describe } from '../src/release/version.js'

const SHA = '8c4040b2e1f5d6a7b8c9d0e1f2a3b4c5d6e7f8a9'

type InputsGiven = Partial<Parameters<typeof decideRelease>[1]>

function inputsOf(given: InputsGiven = {}): Parameters<typeof decideRelease>[1] {
  return { channel: 'auto', version: '', devBranch: '', latest: 'auto', ...given }
}

const push = (ref: string, payload: Record<string, unknown> = {}): WorkflowEvent => ({
  eventName: 'push',
  ref,
  sha: SHA,
  payload: { repository: { default_branch: 'master' }, ...payload }
})
const event = (
  eventName: string,
  ref: string,
  payload: Record<string, unknown> = {}
): WorkflowEvent => ({
  eventName,
  ref,
  sha: SHA,
  payload
})
const released = (
  tag: string,
  extra: Record<string, unknown> = {},
  action = 'published'
): WorkflowEvent =>
  event('release', `refs/tags/${tag}`, { action, release: { tag_name: tag, ...extra } })

/** Sources answered from data, counting what was asked, to check that decideRelease is lazy. */
function sources(
  tags: string[],
  described: Describe = { tag: '0.40.0', commits: 15, sha7: '8c4040b' }
) {
  const asked = { describe: 0, stableTags: 0 }
  const answers: ReleaseSources = {
    describe: async () => {
      asked.describe++
      return described
    },
    stableTags: async () => {
      asked.stableTags++
      return tags
    }
  }
  return { asked, answers }
}

const TAGS = ['0.38.0', '0.38.2', 'v0.39.0', '0.39.1', '0.40.0-rc1', 'nightly']

interface Case {
  name: string
  event: WorkflowEvent
  inputs?: InputsGiven
  tags?: string[]
  described?: Describe
  want: Partial<Release>
  /** Which sources decideRelease may ask; both false unless said. */
  asks?: { describe?: boolean; stableTags?: boolean }
  /** The reason must match. */
  reason?: RegExp
}

const cases: Case[] = [
  {
    name: 'tag 0.40.0 is stable and latest above every existing tag',
    event: push('refs/tags/0.40.0'),
    want: { channel: 'stable', version: '0.40.0', prerelease: false, latest: true, tag: '0.40.0' },
    asks: { stableTags: true }
  },
  {
    name: 'tag v0.40.0 drops the v from the version and keeps it in the tag',
    event: push('refs/tags/v0.40.0'),
    want: { channel: 'stable', version: '0.40.0', prerelease: false, latest: true, tag: 'v0.40.0' },
    asks: { stableTags: true }
  },
  {
    name: 'tag 0.41.0-rc1 is a prerelease on the dev channel, never latest',
    event: push('refs/tags/0.41.0-rc1'),
    want: {
      channel: 'dev',
      version: '0.41.0-rc1',
      prerelease: true,
      latest: false,
      tag: '0.41.0-rc1'
    },
    reason: /prerelease/
  },
  {
    name: 'tag v0.41.0-rc.2 is a prerelease too',
    event: push('refs/tags/v0.41.0-rc.2'),
    want: { channel: 'dev', version: '0.41.0-rc.2', prerelease: true, latest: false }
  },
  {
    name: 'tag with build metadata keeps it in the version',
    event: push('refs/tags/0.40.0+build.7'),
    want: { channel: 'stable', version: '0.40.0+build.7', latest: true },
    asks: { stableTags: true }
  },
  {
    name: 'a back-port patch 0.38.3 after 0.39.x does not take latest',
    event: push('refs/tags/0.38.3'),
    want: { channel: 'stable', version: '0.38.3', prerelease: false, latest: false },
    asks: { stableTags: true },
    reason: /not latest, 0\.39\.1 is higher/
  },
  {
    name: 're-publishing the highest tag keeps latest (equal counts)',
    event: push('refs/tags/0.39.1'),
    want: { channel: 'stable', latest: true },
    asks: { stableTags: true }
  },
  {
    name: 'a higher prerelease tag in the repository does not take latest from a stable one',
    event: push('refs/tags/0.39.2'),
    tags: ['0.39.1', '0.40.0-rc1', '1.0.0-alpha'],
    want: { channel: 'stable', latest: true },
    asks: { stableTags: true }
  },
  {
    name: 'a v-prefixed higher tag counts when comparing',
    event: push('refs/tags/0.39.0'),
    tags: ['v0.39.5'],
    want: { channel: 'stable', latest: false },
    asks: { stableTags: true }
  },
  {
    name: 'no tags in the repository: the first stable release is latest',
    event: push('refs/tags/0.1.0'),
    tags: [],
    want: { channel: 'stable', latest: true },
    asks: { stableTags: true }
  },
  {
    name: 'latest: true forces latest on a back-port without asking for tags',
    event: push('refs/tags/0.38.3'),
    inputs: { latest: 'true' },
    want: { channel: 'stable', version: '0.38.3', latest: true }
  },
  {
    name: 'latest: false keeps the highest release from latest',
    event: push('refs/tags/0.40.0'),
    inputs: { latest: 'false' },
    want: { channel: 'stable', version: '0.40.0', latest: false }
  },
  {
    name: 'release published is stable, with the tag from the payload',
    event: released('0.40.0'),
    want: { channel: 'stable', version: '0.40.0', latest: true, tag: '0.40.0' },
    asks: { stableTags: true },
    reason: /^release 0\.40\.0/
  },
  {
    name: 'release published with a prerelease tag is a dev prerelease',
    event: released('v0.41.0-rc1'),
    want: {
      channel: 'dev',
      version: '0.41.0-rc1',
      prerelease: true,
      latest: false,
      tag: 'v0.41.0-rc1'
    }
  },
  {
    name: 'release published that GitHub marks as a prerelease is one',
    event: released('0.41.0', { prerelease: true }),
    want: { channel: 'dev', version: '0.41.0', prerelease: true, latest: false },
    reason: /marked as a prerelease/
  },
  {
    name: 'release with another action (released) does not publish twice',
    event: released('0.40.0', {}, 'released'),
    want: { channel: 'none', version: '', latest: false },
    reason: /'released'/
  },
  {
    name: 'push to master (the default branch from the payload) is dev',
    event: push('refs/heads/master'),
    want: { channel: 'dev', version: '0.41.0-15+8c4040b', prerelease: false, latest: false },
    asks: { describe: true },
    reason: /development branch/
  },
  {
    name: 'push to main when the payload says main is the default branch is dev',
    event: push('refs/heads/main', { repository: { default_branch: 'main' } }),
    want: { channel: 'dev', version: '0.41.0-15+8c4040b' },
    asks: { describe: true }
  },
  {
    name: 'push to master when the payload says main is the default branch is none',
    event: push('refs/heads/master', { repository: { default_branch: 'main' } }),
    want: { channel: 'none', version: '' },
    reason: /not the development branch \(main\)/
  },
  {
    name: 'no default branch in the payload falls back to master',
    event: event('push', 'refs/heads/master', {}),
    want: { channel: 'dev', version: '0.41.0-15+8c4040b' },
    asks: { describe: true }
  },
  {
    name: 'the dev-branch input wins over the payload',
    event: push('refs/heads/develop'),
    inputs: { devBranch: 'develop' },
    want: { channel: 'dev' },
    asks: { describe: true }
  },
  {
    name: 'push to another branch is none with a reason',
    event: push('refs/heads/feature/ebpf'),
    want: { channel: 'none', version: '', prerelease: false, latest: false },
    reason: /feature\/ebpf: not the development branch \(master\)/
  },
  {
    name: 'push to another branch with channel dev is honoured',
    event: push('refs/heads/feature/ebpf'),
    inputs: { channel: 'dev' },
    want: { channel: 'dev', version: '0.41.0-15+8c4040b' },
    asks: { describe: true },
    reason: /channel input is dev/
  },
  {
    name: 'the version input overrides the derived dev version without asking git',
    event: push('refs/heads/master'),
    inputs: { version: '0.41.0-dev.3' },
    want: { channel: 'dev', version: '0.41.0-dev.3', prerelease: false, latest: false }
  },
  {
    name: 'the version input overrides a tag version',
    event: push('refs/tags/0.40.0'),
    inputs: { version: 'v0.40.1' },
    want: { channel: 'stable', version: '0.40.1', tag: '0.40.0', latest: true },
    asks: { stableTags: true },
    reason: /version input/
  },
  {
    name: 'no stable tag at all: dev version from 0.0.0 and the count of all commits',
    event: push('refs/heads/master'),
    described: { commits: 3, sha7: 'abcdef0' },
    want: { channel: 'dev', version: '0.1.0-3+abcdef0' },
    asks: { describe: true }
  },
  {
    name: 'pull_request is none',
    event: event('pull_request', 'refs/pull/12/merge'),
    want: { channel: 'none', version: '', latest: false },
    reason: /pull_request event never publishes\.$/
  },
  {
    name: 'pull_request_target is none',
    event: event('pull_request_target', 'refs/heads/master'),
    want: { channel: 'none' },
    reason: /pull_request_target event never publishes/
  },
  {
    name: 'pull_request with channel stable is still none, and says the input was ignored',
    event: event('pull_request', 'refs/pull/12/merge'),
    inputs: { channel: 'stable', version: '0.40.0' },
    want: { channel: 'none' },
    reason: /channel input 'stable' was ignored for a pull request/
  },
  {
    name: 'pull_request_target with channel dev is none',
    event: event('pull_request_target', 'refs/heads/master'),
    inputs: { channel: 'dev' },
    want: { channel: 'none' },
    reason: /'dev' was ignored for a pull request/
  },
  {
    name: 'schedule is none',
    event: event('schedule', 'refs/heads/master'),
    want: { channel: 'none' },
    reason: /schedule event does not publish\.$/
  },
  {
    name: 'schedule with channel dev is none, the input only applies to push, dispatch, release',
    event: event('schedule', 'refs/heads/master'),
    inputs: { channel: 'dev' },
    want: { channel: 'none' },
    reason: /honoured only for push, workflow_dispatch and release/
  },
  {
    name: 'workflow_dispatch with channel auto on master is dev',
    event: event('workflow_dispatch', 'refs/heads/master'),
    want: { channel: 'dev', version: '0.41.0-15+8c4040b' },
    asks: { describe: true }
  },
  {
    name: 'workflow_dispatch with channel auto on a tag is stable',
    event: event('workflow_dispatch', 'refs/tags/v0.40.0'),
    want: { channel: 'stable', version: '0.40.0', latest: true },
    asks: { stableTags: true }
  },
  {
    name: 'workflow_dispatch with channel auto on another branch is none',
    event: event('workflow_dispatch', 'refs/heads/release/0.39.x'),
    want: { channel: 'none' }
  },
  {
    name: 'workflow_dispatch with channel dev on another branch is dev',
    event: event('workflow_dispatch', 'refs/heads/release/0.39.x'),
    inputs: { channel: 'dev' },
    want: { channel: 'dev', version: '0.41.0-15+8c4040b' },
    asks: { describe: true }
  },
  {
    name: 'workflow_dispatch with channel stable on a branch, allowed by stable-from-branch, is stable and never latest',
    event: event('workflow_dispatch', 'refs/heads/release/0.39.x'),
    inputs: { channel: 'stable', version: '0.39.2', stableFromBranch: true },
    want: { channel: 'stable', version: '0.39.2', latest: false },
    reason: /never latest from a branch/
  },
  {
    name: 'channel dev with a version where there is neither branch nor tag (no git checkout) is dev',
    event: push(''),
    inputs: { channel: 'dev', version: '0.41.0-dev.1' },
    want: { channel: 'dev', version: '0.41.0-dev.1', latest: false }
  },
  {
    name: 'workflow_dispatch with channel stable on a tag takes the tag version',
    event: event('workflow_dispatch', 'refs/tags/0.38.3'),
    inputs: { channel: 'stable' },
    want: { channel: 'stable', version: '0.38.3', latest: false },
    asks: { stableTags: true }
  },
  {
    name: 'workflow_dispatch with channel none is none',
    event: event('workflow_dispatch', 'refs/heads/master'),
    inputs: { channel: 'none' },
    want: { channel: 'none' },
    reason: /channel input is none/
  },
  {
    name: 'channel none on a tag push publishes nothing',
    event: push('refs/tags/0.40.0'),
    inputs: { channel: 'none' },
    want: { channel: 'none', version: '', latest: false }
  },
  {
    name: 'channel none wins even over a tag that is not semver',
    event: push('refs/tags/not-a-version'),
    inputs: { channel: 'none' },
    want: { channel: 'none' }
  },
  {
    name: 'channel dev on a stable tag publishes the tag version to dev',
    event: push('refs/tags/0.40.0'),
    inputs: { channel: 'dev' },
    want: { channel: 'dev', version: '0.40.0', prerelease: false, latest: false }
  },
  {
    name: 'channel stable on a prerelease tag is stable but a prerelease, never latest',
    event: push('refs/tags/0.41.0-rc1'),
    inputs: { channel: 'stable' },
    want: { channel: 'stable', version: '0.41.0-rc1', prerelease: true, latest: false }
  },
  {
    name: 'channel stable on a release event is stable',
    event: released('0.40.0'),
    inputs: { channel: 'stable', latest: 'false' },
    want: { channel: 'stable', version: '0.40.0', latest: false }
  },
  {
    name: 'a push of a ref that is neither branch nor tag is none',
    event: push('refs/notes/commits'),
    want: { channel: 'none' },
    reason: /neither a branch nor a tag/
  },
  {
    name: 'latest: true on a pull request is not an error, nothing is published',
    event: event('pull_request', 'refs/pull/1/merge'),
    inputs: { latest: 'true' },
    want: { channel: 'none', latest: false }
  }
]

describe('decideRelease', () => {
  it.each(cases)('$name', async (c) => {
    const { asked, answers } = sources(c.tags ?? TAGS, c.described)
    const release = await decideRelease(c.event, inputsOf(c.inputs), answers)
    expect(release).toMatchObject({ sha: SHA, ...c.want })
    if (c.reason) expect(release.reason).toMatch(c.reason)
    expect(release.reason).not.toBe('')
    expect(asked.describe).toBe(c.asks?.describe ? 1 : 0)
    expect(asked.stableTags).toBe(c.asks?.stableTags ? 1 : 0)
    if (release.channel === 'none') expect(release.version).toBe('')
    if (release.prerelease || release.channel === 'dev') expect(release.latest).toBe(false)
  })
})

interface ErrorCase {
  name: string
  event: WorkflowEvent
  inputs?: InputsGiven
  message: RegExp
}

const errors: ErrorCase[] = [
  {
    name: 'a tag that is not semver names the tag',
    event: push('refs/tags/not-a-version'),
    message: /tag 'not-a-version' is not a semver version/
  },
  {
    name: 'a two-part tag is not semver',
    event: push('refs/tags/v0.40'),
    message: /tag 'v0\.40'/
  },
  {
    name: 'a release whose tag is not semver names the tag',
    event: released('falco-0.40.0'),
    message: /tag 'falco-0\.40\.0'/
  },
  {
    name: 'a release event without a tag name says so',
    event: event('release', '', { action: 'published', release: {} }),
    message: /release\.tag_name/
  },
  {
    name: 'channel stable on a branch without a version names the version input',
    event: push('refs/heads/master'),
    inputs: { channel: 'stable', stableFromBranch: true },
    message: /input 'version'.*stable/
  },
  {
    name: 'workflow_dispatch with channel stable on a branch needs a tag, or stable-from-branch',
    event: event('workflow_dispatch', 'refs/heads/release/0.39.x'),
    inputs: { channel: 'stable', version: '0.39.2' },
    message:
      /input 'channel': stable on workflow_dispatch on branch release\/0\.39\.x, which is not a tag.*stable-from-branch: true/
  },
  {
    name: 'latest: true never moves latest from a branch, even with stable-from-branch',
    event: event('workflow_dispatch', 'refs/heads/release/0.39.x'),
    inputs: { channel: 'stable', version: '0.39.2', stableFromBranch: true, latest: 'true' },
    message: /input 'latest': true, but workflow_dispatch on branch release\/0\.39\.x is not a tag/
  },
  {
    name: 'channel dev where there is neither branch nor tag, without a version, says how to give one',
    event: push(''),
    inputs: { channel: 'dev' },
    message: /input 'version': the channel input is dev.*--version/
  },
  {
    name: 'a version input that is not semver names the input',
    event: push('refs/heads/master'),
    inputs: { version: 'latest' },
    message: /input 'version': 'latest' is not a semver version/
  },
  {
    name: 'latest: true on a dev release names the latest input',
    event: push('refs/heads/master'),
    inputs: { latest: 'true' },
    message: /input 'latest'.*development release/
  },
  {
    name: 'latest: true on a prerelease tag names the latest input',
    event: push('refs/tags/0.41.0-rc1'),
    inputs: { latest: 'true' },
    message: /input 'latest'.*prerelease/
  },
  {
    name: 'latest: true with channel stable on a prerelease names the latest input',
    event: push('refs/tags/0.41.0-rc1'),
    inputs: { latest: 'true', channel: 'stable' },
    message: /input 'latest'.*0\.41\.0-rc1 is a prerelease/
  }
]

describe('decideRelease refuses', () => {
  it.each(errors)('$name', async (c) => {
    const { asked, answers } = sources(TAGS)
    const decision = decideRelease(c.event, inputsOf(c.inputs), answers)
    await expect(decision).rejects.toThrow(ReleaseError)
    await expect(decideRelease(c.event, inputsOf(c.inputs), answers)).rejects.toThrow(c.message)
    // Refused before asking git or GitHub anything.
    expect(asked).toEqual({ describe: 0, stableTags: 0 })
  })
})

describe('classify', () => {
  it('leaves the dev version and latest as questions when they need git or tags', () => {
    expect(classify(push('refs/heads/master'), inputsOf())).toEqual({
      channel: 'dev',
      version: undefined,
      prerelease: false,
      latest: false,
      reason: 'push to branch master: the development branch.'
    })
    expect(classify(push('refs/tags/0.40.0'), inputsOf())).toMatchObject({
      channel: 'stable',
      version: '0.40.0',
      latest: undefined
    })
  })
})

describe('developmentBranch', () => {
  it.each([
    ['', { repository: { default_branch: 'main' } }, 'main'],
    ['', {}, 'master'],
    ['', { repository: { default_branch: '' } }, 'master'],
    ['develop', { repository: { default_branch: 'main' } }, 'develop'],
    ['refs/heads/develop', {}, 'develop']
  ])('input %j with payload %j -> %s', (input, payload, want) => {
    expect(developmentBranch(input, payload)).toBe(want)
  })
})
