/**
 * The bundle, run exactly as GitHub's runner runs it: `node dist/index.js` with INPUT_* variables,
 * the GITHUB_* context, an event payload file, and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files. The
 * commit's checks are served by the schema-validated fake GitHub API.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startFakeGitHub, type FakeGitHub } from './github/fake-api.js'
import { checkRun, workflowRun } from './github/scenario.js'
import { gitRepo, type GitRepo } from './support/git-repo.js'
import { storeFiles as files } from './support/store-files.js'
import { generateTestKey, type TestKey } from './support/keys.js'
import { tarGz } from './support/tarball.js'
import { flatGroups, groupDepths } from './support/log-groups.js'

const bundle = resolve('dist/index.js')
const owner = 'falcosecurity'
const repo = 'falco'
const token = 'ghs_e2eTokenThatMustNeverBePrinted0123'
const runId = 19601234567
const ownSuite = 48_000_000_777

interface Run {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  store: string
}

let repoDir: GitRepo
let github: FakeGitHub
let key: TestKey
const sha: Record<string, string> = {}

beforeAll(async () => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run 'npm run package' first`)
  key = await generateTestKey('ecc')
  repoDir = gitRepo()
  sha.old = repoDir.commit('first release')
  repoDir.tag('0.39.0')
  // A back-port lives on its release branch, as in Falco, not in master's history.
  repoDir.git('checkout', '-q', '-b', 'release/0.39.x')
  sha.backport = repoDir.commit('back-port')
  repoDir.tag('0.39.1')
  repoDir.git('checkout', '-q', 'master')
  sha.release = repoDir.commit('second release')
  repoDir.tag('0.40.0')
  sha.rc = repoDir.commit('release candidate')
  repoDir.tag('0.41.0-rc1')
  sha.bad = repoDir.commit('tagged badly')
  repoDir.tag('not-a-version')
  sha.red = repoDir.commit('breaks the tests')

  const green = (commit: string) => ({
    checkRuns: [
      checkRun(owner, repo, commit, 'build-packages'),
      checkRun(owner, repo, commit, 'test-packages'),
      // This workflow's own job, still running: the gate must not wait for itself.
      checkRun(owner, repo, commit, 'publish', { status: 'in_progress', suiteId: ownSuite })
    ]
  })
  github = await startFakeGitHub({
    owner,
    repo,
    token,
    commits: {
      [sha.release]: green(sha.release),
      [sha.backport]: green(sha.backport),
      [sha.rc]: green(sha.rc),
      [sha.red]: {
        checkRuns: [
          checkRun(owner, repo, sha.red, 'build-packages'),
          checkRun(owner, repo, sha.red, 'test-unit', { conclusion: 'failure' })
        ]
      }
    },
    workflowRuns: { [runId]: workflowRun(owner, repo, sha.release, runId, ownSuite) }
  })
})

afterAll(async () => {
  await github?.close()
})

/** Runs the bundle for a push of `ref` at `commit`, with a tarball of `version` to publish. */
async function runAction(
  eventName: string,
  ref: string,
  commit: string,
  inputs: Record<string, string> = {},
  payload: Record<string, unknown> = {}
): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'falco-publish-action-'))
  const store = join(dir, 'public')
  const version = ref.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : '0.41.0-dev'
  mkdirSync(join(repoDir.dir, 'build'), { recursive: true })
  writeFileSync(
    join(repoDir.dir, 'build', `falco-${version}-x86_64.tar.gz`),
    tarGz(`falco ${version}\n`)
  )
  writeFileSync(join(dir, 'event.json'), JSON.stringify(payload))
  writeFileSync(join(dir, 'output'), '')
  writeFileSync(join(dir, 'summary'), '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_REF: ref,
    GITHUB_SHA: commit,
    GITHUB_REPOSITORY: `${owner}/${repo}`,
    GITHUB_RUN_ID: String(runId),
    GITHUB_API_URL: github.url,
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_WORKSPACE: repoDir.dir,
    RUNNER_TEMP: dir,
    RUNNER_DEBUG: '1',
    INPUT_STORE: store,
    'INPUT_GITHUB-TOKEN': token,
    'INPUT_GPG-PRIVATE-KEY': key.armoredPrivate,
    INPUT_PACKAGES: `build/falco-${version}-x86_64.tar.gz`,
    ...Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])
    )
  }
  const { code, stdout, stderr } = await new Promise<{
    code: number | null
    stdout: string
    stderr: string
  }>((done) => {
    execFile(process.execPath, [bundle], { env, cwd: repoDir.dir }, (error, out, err) =>
      done({ code: error ? (error.code as number) : 0, stdout: out, stderr: err })
    )
  })
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(join(dir, 'output'), 'utf8')),
    summary: readFileSync(join(dir, 'summary'), 'utf8'),
    store
  }
}

/** GITHUB_OUTPUT holds `name<<delimiter\nvalue\ndelimiter` blocks. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const block = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const match of text.matchAll(block)) outputs[match[1]] = match[3]
  return outputs
}

/** Exit 0 and no error annotation; on failure the annotations say why. */
function expectSuccess(run: Run): void {
  const errors = run.stdout.split('\n').filter((line) => line.startsWith('::error'))
  expect({ code: run.code, errors, stderr: run.stderr }).toEqual({
    code: 0,
    errors: [],
    stderr: ''
  })
}

function expectNoSecret(run: Run): void {
  // `::add-mask::` lines are instructions to the runner, which never shows them: it masks the value
  // in everything else. Any other appearance would reach the log.
  const shown = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'))
  expect(run.stdout).toContain(`::add-mask::${token}`)
  // One line of the private key's armour, enough to tell if any of it leaked.
  const keyLine = key.armoredPrivate.split('\n').find((line) => line.length >= 60) ?? ''
  expect(keyLine).not.toBe('')
  for (const text of [shown.join('\n'), run.stderr, run.summary, JSON.stringify(run.outputs)]) {
    expect(text).not.toContain(token)
    expect(text).not.toContain(keyLine)
  }
}

describe('node dist/index.js as the runner starts it', () => {
  it('publishes a stable release for a tag push 0.40.0, latest', async () => {
    const run = await runAction('push', 'refs/tags/0.40.0', sha.release, {
      'public-url': 'https://download.example.org',
      // Nothing serves that URL here: verify is tested against nginx in verify.itg.test.ts.
      verify: 'false'
    })
    expectSuccess(run)
    expect(run.outputs).toMatchObject({
      channel: 'stable',
      version: '0.40.0',
      prerelease: 'false',
      latest: 'true'
    })
    const published = JSON.parse(run.outputs.published) as {
      kind: string
      path: string
      sha256: string
    }[]
    // The same list, whole, in the file a later step can read whatever its size.
    expect(JSON.parse(readFileSync(run.outputs['published-file'], 'utf8'))).toEqual(published)
    expect(published.map((item) => [item.kind, item.path])).toEqual(
      expect.arrayContaining([
        ['tarball', 'packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz'],
        ['signature', 'packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz.asc'],
        ['index', 'packages/bin/x86_64/SHA256SUMS'],
        ['signature', 'packages/bin/x86_64/SHA256SUMS.asc']
      ])
    )
    expect(files(run.store)).toEqual(
      expect.arrayContaining([
        'packages/bin/x86_64/SHA256SUMS',
        'packages/bin/x86_64/SHA256SUMS.asc',
        'packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz',
        'packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz.asc',
        'packages/repository-key.asc'
      ])
    )
    expect(files(run.store).filter((file) => file.includes('-dev/'))).toEqual([])
    // Links point where users fetch from, not at the runner's directory.
    const tarball = (JSON.parse(run.outputs.published) as { path: string; url: string }[]).find(
      (item) => item.path === 'packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz'
    )
    expect(tarball?.url).toBe(
      'https://download.example.org/packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz'
    )
    expect(run.summary).toContain('](https://download.example.org/packages/bin/x86_64/')
    expect(run.stdout).toContain('::group::Checks')
    // Release, Checks, a plan and a publish: one group at a time (the packages stage's
    // `tarballs ...` inside `Publish: packages` is a heading, not a nested group).
    const depths = groupDepths(run.stdout)
    expect(depths.length).toBeGreaterThanOrEqual(8)
    expect(depths).toEqual(flatGroups(depths.length / 2))
    expect(run.stdout).toContain('== tarballs packages/bin')
    expect(run.summary).toContain('## falco-publish: stable release 0.40.0')
    expect(run.summary).toContain('| Checks | all 2 passed |')
    expect(github.errors).toEqual([])
    expectNoSecret(run)
  })

  it('does not make a back-port patch latest', async () => {
    const run = await runAction('push', 'refs/tags/0.39.1', sha.backport)
    expectSuccess(run)
    expect(run.outputs).toMatchObject({ channel: 'stable', version: '0.39.1', latest: 'false' })
  })

  it('publishes a prerelease tag 0.41.0-rc1 to the dev channel, never latest', async () => {
    const run = await runAction('push', 'refs/tags/0.41.0-rc1', sha.rc)
    expectSuccess(run)
    expect(run.outputs).toMatchObject({
      channel: 'dev',
      version: '0.41.0-rc1',
      prerelease: 'true',
      latest: 'false'
    })
    expect(files(run.store)).toEqual(
      expect.arrayContaining([
        'packages/bin-dev/x86_64/SHA256SUMS',
        'packages/bin-dev/x86_64/falco-0.41.0-rc1-x86_64.tar.gz'
      ])
    )
    expect(files(run.store).filter((file) => file.startsWith('packages/bin/'))).toEqual([])
  })

  it('publishes nothing for a pull request', async () => {
    const run = await runAction(
      'pull_request',
      'refs/pull/3/merge',
      sha.release,
      {},
      { pull_request: { number: 3 } }
    )
    expectSuccess(run)
    expect(run.outputs).toMatchObject({ channel: 'none', version: '', published: '[]' })
    expect(files(run.store)).toEqual([])
    expect(run.summary).toContain('nothing to publish')
  })

  it('fails naming the tag when the tag is not a version, and writes nothing', async () => {
    const run = await runAction('push', 'refs/tags/not-a-version', sha.bad)
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(/::error::.*not-a-version/)
    expect(files(run.store)).toEqual([])
  })

  it('refuses to publish when a check failed, naming it, and writes nothing', async () => {
    const run = await runAction('push', 'refs/heads/master', sha.red)
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(/::error::.*test-unit/)
    expect(files(run.store)).toEqual([])
    expect(run.summary).toContain('test-unit')
    expect(github.errors).toEqual([])
    expectNoSecret(run)
  })

  it('publishes a push to master as a dev version without reading checks when require-checks is false', async () => {
    const run = await runAction('push', 'refs/heads/master', sha.red, { 'require-checks': 'false' })
    expectSuccess(run)
    // Three commits since 0.40.0: the rc and the badly tagged one are not stable tags to count from.
    expect(run.outputs).toMatchObject({
      channel: 'dev',
      version: `0.41.0-3+${sha.red.slice(0, 7)}`,
      prerelease: 'false',
      latest: 'false'
    })
    expect(files(run.store)).toEqual(
      expect.arrayContaining([
        'packages/bin-dev/x86_64/SHA256SUMS',
        'packages/bin-dev/x86_64/falco-0.41.0-dev-x86_64.tar.gz'
      ])
    )
  })

  it('stops after the plan in a dry run', async () => {
    const run = await runAction('push', 'refs/tags/0.40.0', sha.release, { 'dry-run': 'true' })
    expectSuccess(run)
    expect(run.outputs.published).toBe('[]')
    expect(files(run.store)).toEqual([])
    expect(run.summary).toContain('### Plan (dry run: nothing was written)')
    expect(run.summary).toContain('packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz')
  })
})
