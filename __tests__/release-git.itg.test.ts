import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { ReleaseError, type WorkflowEvent } from '../src/release/classify.js'
import { decideRelease } from '../src/release/decide.js'
import { gitSources } from '../src/release/git.js'

// Real git repositories in a temp dir: commits, lightweight and annotated tags, a back-port
// branch, a shallow clone over file://, and a directory that is no checkout at all.

const gitEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Falco Publish Test',
  GIT_AUTHOR_EMAIL: 'test@falco-publish.invalid',
  GIT_COMMITTER_NAME: 'Falco Publish Test',
  GIT_COMMITTER_EMAIL: 'test@falco-publish.invalid'
}

function git(cwd: string, ...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8', stdio: 'pipe' }).trim()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(
        'git is not installed: these tests need the git command line (apt-get install git)'
      )
    }
    throw error
  }
}

let counter = 0
function commit(repo: string, n = 1): string {
  for (let i = 0; i < n; i++)
    git(repo, 'commit', '--allow-empty', '-q', '-m', `change ${++counter}`)
  return git(repo, 'rev-parse', 'HEAD')
}

const SHA = '0000000000000000000000000000000000000000'
const push = (ref: string): WorkflowEvent => ({
  eventName: 'push',
  ref,
  sha: SHA,
  payload: { repository: { default_branch: 'master' } }
})
const inputs = (given: Partial<Parameters<typeof decideRelease>[1]> = {}) => ({
  channel: 'auto' as const,
  version: '',
  devBranch: '',
  latest: 'auto' as const,
  ...given
})

/** A GitHub tag list stand-in that records whether it was asked. */
function remote(tags: string[]) {
  const calls = { count: 0 }
  return {
    calls,
    list: async () => {
      calls.count++
      return tags
    }
  }
}

let root: string
let repo: string
let head: string
let untagged: string
let shallow: string
let notGit: string

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'release-git-'))
  repo = path.join(root, 'falco')
  mkdirSync(repo)
  git(repo, 'init', '-q', '-b', 'master')
  commit(repo, 2)
  git(repo, 'tag', '-a', '0.39.0', '-m', 'Falco 0.39.0')
  commit(repo)
  git(repo, 'tag', 'v0.40.0') // lightweight, with a v
  commit(repo, 5)
  git(repo, 'tag', '0.41.0-rc1') // a prerelease: not a base for dev versions
  commit(repo, 3)
  git(repo, 'tag', 'nightly') // not semver: ignored
  head = commit(repo, 2)
  // A back-port on a maintenance branch, never merged into master.
  git(repo, 'checkout', '-q', '-b', 'release/0.39.x', '0.39.0')
  commit(repo)
  git(repo, 'tag', '0.39.1')
  git(repo, 'checkout', '-q', 'master')

  untagged = path.join(root, 'untagged')
  mkdirSync(untagged)
  git(untagged, 'init', '-q', '-b', 'master')
  commit(untagged, 4)

  shallow = path.join(root, 'shallow')
  git(root, 'clone', '-q', '--depth', '1', `file://${repo}`, shallow)

  notGit = path.join(root, 'not-a-checkout')
  mkdirSync(notGit)
})

afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

describe('gitSources on a full clone', () => {
  it('describes HEAD against the last stable tag, skipping prerelease and non-semver tags', async () => {
    const tags = remote([])
    expect(await gitSources(repo, tags.list).describe()).toEqual({
      tag: 'v0.40.0',
      commits: 10,
      sha7: head.slice(0, 7)
    })
    expect(git(repo, 'describe', '--tags', '--long')).toMatch(/^nightly-2-g/) // what plain describe says
  })

  it('makes the dev version from git for a push to master', async () => {
    const tags = remote(['9.9.9'])
    const release = await decideRelease(
      push('refs/heads/master'),
      inputs(),
      gitSources(repo, tags.list)
    )
    expect(release).toMatchObject({
      channel: 'dev',
      version: `0.41.0-10+${head.slice(0, 7)}`,
      prerelease: false,
      latest: false
    })
    expect(tags.calls.count).toBe(0)
  })

  it('lists the local stable tags, including unmerged back-ports, without asking GitHub', async () => {
    const tags = remote(['9.9.9'])
    const listed = await gitSources(repo, tags.list).stableTags()
    expect([...listed].sort()).toEqual(['0.39.0', '0.39.1', 'v0.40.0'])
    expect(tags.calls.count).toBe(0)
  })

  it('gives latest to a new highest tag but not to a back-port', async () => {
    const sources = gitSources(repo, remote([]).list)
    expect(await decideRelease(push('refs/tags/0.40.1'), inputs(), sources)).toMatchObject({
      channel: 'stable',
      version: '0.40.1',
      latest: true
    })
    const backport = await decideRelease(push('refs/tags/0.39.2'), inputs(), sources)
    expect(backport).toMatchObject({ channel: 'stable', version: '0.39.2', latest: false })
    expect(backport.reason).toMatch(/0\.40\.0 is higher/)
  })

  it('counts every commit from 0.0.0 when there is no tag', async () => {
    const sha = git(untagged, 'rev-parse', 'HEAD')
    const sources = gitSources(untagged, remote([]).list)
    expect(await sources.describe()).toEqual({ commits: 4, sha7: sha.slice(0, 7) })
    const release = await decideRelease(push('refs/heads/master'), inputs(), sources)
    expect(release.version).toBe(`0.1.0-4+${sha.slice(0, 7)}`)
  })

  it('asks GitHub for the tags when a full clone has none', async () => {
    const tags = remote(['0.39.0', '0.40.0', '0.41.0-rc1'])
    expect(await gitSources(untagged, tags.list).stableTags()).toEqual(['0.39.0', '0.40.0'])
    expect(tags.calls.count).toBe(1)
  })
})

describe('gitSources processes', () => {
  // A git on PATH that records each invocation and runs the real one: counts, not times.
  async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
    const { writeFileSync, readFileSync, chmodSync, existsSync } = await import('node:fs')
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()
    const bin = mkdtempSync(path.join(root, 'bin-'))
    const log = path.join(bin, 'calls')
    writeFileSync(path.join(bin, 'git'), `#!/bin/sh\necho "$*" >> ${log}\nexec ${real} "$@"\n`)
    chmodSync(path.join(bin, 'git'), 0o755)
    const saved = process.env.PATH
    process.env.PATH = `${bin}:${saved}`
    try {
      const result = await fn()
      const calls = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []
      return { result, calls }
    } finally {
      process.env.PATH = saved
    }
  }

  it('computes a dev version with one git process, and a stable release with one more', async () => {
    const dev = await counted(() =>
      decideRelease(push('refs/heads/master'), inputs(), gitSources(repo, remote([]).list))
    )
    expect(dev.result.version).toBe(`0.41.0-10+${head.slice(0, 7)}`)
    expect(dev.calls).toHaveLength(1)
    expect(dev.calls[0]).toMatch(/^describe /)

    const stable = await counted(() =>
      decideRelease(push('refs/tags/0.40.1'), inputs(), gitSources(repo, remote([]).list))
    )
    expect(stable.result).toMatchObject({ version: '0.40.1', latest: true })
    expect(stable.calls).toEqual(['tag --list'])
  })

  it('runs no git at all for a dev push that gives the version', async () => {
    const given = await counted(() =>
      decideRelease(
        push('refs/heads/master'),
        inputs({ version: '0.41.0-3+abcdef0' }),
        gitSources(repo, remote([]).list)
      )
    )
    expect(given.result.version).toBe('0.41.0-3+abcdef0')
    expect(given.calls).toEqual([])
  })

  it('takes the exact way when the nearest tag the globs let through is not semver', async () => {
    const odd = path.join(root, 'odd')
    git(root, 'clone', '-q', `file://${repo}`, odd)
    git(odd, 'tag', '1.2') // a digit first, no dash: the fast describe finds it, and must not use it
    const sha = commit(odd, 1)
    const { result, calls } = await counted(() => gitSources(odd, remote([]).list).describe())
    expect(result).toEqual({ tag: 'v0.40.0', commits: 11, sha7: sha.slice(0, 7) })
    expect(calls.length).toBeGreaterThan(1)
  })

  it('reads the shallowness of a worktree from its common git directory', async () => {
    const tree = path.join(root, 'worktree')
    git(repo, 'worktree', 'add', '-q', '--detach', tree, 'master')
    const { result, calls } = await counted(() => gitSources(tree, remote([]).list).describe())
    expect(result).toEqual({ tag: 'v0.40.0', commits: 10, sha7: head.slice(0, 7) })
    expect(calls).toHaveLength(1)
  })
})

describe('gitSources on a shallow clone', () => {
  it('is one', () => {
    expect(git(shallow, 'rev-parse', '--is-shallow-repository')).toBe('true')
  })

  it('refuses to describe, saying to use fetch-depth: 0 or the version input', async () => {
    const describe = gitSources(shallow, remote([]).list).describe()
    await expect(describe).rejects.toThrow(ReleaseError)
    await expect(gitSources(shallow, remote([]).list).describe()).rejects.toThrow(
      /shallow clone.*actions\/checkout.*fetch-depth: 0.*version input/
    )
  })

  it('fails a dev push with that message, but takes the version input instead', async () => {
    const sources = gitSources(shallow, remote([]).list)
    await expect(decideRelease(push('refs/heads/master'), inputs(), sources)).rejects.toThrow(
      /fetch-depth: 0/
    )
    const release = await decideRelease(
      push('refs/heads/master'),
      inputs({ version: '0.41.0-7+abcdef0' }),
      sources
    )
    expect(release).toMatchObject({ channel: 'dev', version: '0.41.0-7+abcdef0' })
  })

  it('decides a tag push from the GitHub tags, not the one tag the clone holds', async () => {
    const tags = remote(['0.39.0', '0.39.1', 'v0.40.0', 'nightly'])
    const sources = gitSources(shallow, tags.list)
    expect(await sources.stableTags()).toEqual(['0.39.0', '0.39.1', 'v0.40.0'])
    const backport = await decideRelease(push('refs/tags/0.39.2'), inputs(), sources)
    expect(backport).toMatchObject({ channel: 'stable', version: '0.39.2', latest: false })
    const newest = await decideRelease(push('refs/tags/0.40.1'), inputs(), sources)
    expect(newest).toMatchObject({ channel: 'stable', version: '0.40.1', latest: true })
    expect(tags.calls.count).toBe(3)
  })
})

describe('gitSources without a checkout', () => {
  it('says the directory is no git checkout and how to fix it', async () => {
    // The temp dir must not sit inside some other repository for this to mean anything.
    expect(() => git(notGit, 'rev-parse', '--git-dir')).toThrow(/not a git repository/)
    const describe = gitSources(notGit, remote([]).list).describe()
    await expect(describe).rejects.toThrow(ReleaseError)
    await expect(gitSources(notGit, remote([]).list).describe()).rejects.toThrow(
      new RegExp(
        `${notGit} is not a usable git checkout \\(.*not a git repository.*\\).*fetch-depth: 0`
      )
    )
  })

  it('still decides latest from the GitHub tags', async () => {
    const tags = remote(['0.40.0'])
    const release = await decideRelease(
      push('refs/tags/0.39.5'),
      inputs(),
      gitSources(notGit, tags.list)
    )
    expect(release).toMatchObject({ channel: 'stable', latest: false })
    expect(tags.calls.count).toBe(1)
  })

  it('names a directory that does not exist', async () => {
    const missing = path.join(root, 'missing')
    await expect(gitSources(missing, remote([]).list).describe()).rejects.toThrow(
      new RegExp(`cannot run git in ${missing}`)
    )
  })
})
