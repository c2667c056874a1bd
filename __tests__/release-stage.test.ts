/**
 * The release stage against the fake GitHub (GitHub's API cannot run here; the fake validates
 * every request and answer against @octokit/openapi), its uploads on the second host as GitHub's
 * upload_url says.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createOctokit } from '../src/github.js'
import { readInputs, storeUrl } from '../src/inputs.js'
import type { StageContext, StageResult } from '../src/plan.js'
import type { Release } from '../src/release/release.js'
import { releaseStage } from '../src/stages/release.js'
import { packagesStage } from '../src/stages/packages.js'
import { publish } from '../src/pipeline.js'
import { storeOpener } from '../src/seams.js'
import { renderSummary } from '../src/report/summary.js'
import { gzipSync } from 'node:zlib'
import { generateTestKey } from './support/keys.js'
import { openStore } from '../src/store/open.js'
import { startFakeGitHub, type FakeGitHub } from './github/fake-api.js'
import { release as githubRelease, type ReleaseState } from './github/fake-releases.js'
import { recordingLog } from './github/recording-log.js'

const owner = 'falcosecurity'
const repo = 'falco'
const token = 'ghs_releaseStageToken0000000000000000'
let workspace: string
let github: FakeGitHub
let state: ReleaseState

const TEMPLATE = `[![DRIVER](https://img.shields.io/badge/DRIVER-{{ driver_version }}-yellow)](https://github.com/falcosecurity/libs/releases/tag/{{ driver_version }})

## Falco {{ version }}

{{ packages }}

deb for x86_64: {{ url:deb-x86_64 }}

{{ images }}

Gated by:
{{ checks }}
`

const published: StageResult[] = [
  {
    stage: 'packages',
    durationMs: 1,
    failed: [],
    published: [
      {
        kind: 'package',
        path: 'packages/deb/stable/falco-0.40.0-x86_64.deb',
        sha256: 'a'.repeat(64),
        url: 'https://download.falco.org/packages/deb/stable/falco-0.40.0-x86_64.deb'
      },
      {
        kind: 'package',
        path: 'packages/rpm/falco-0.40.0-aarch64.rpm',
        sha256: 'b'.repeat(64),
        url: 'https://download.falco.org/packages/rpm/falco-0.40.0-aarch64.rpm'
      },
      { kind: 'index', path: 'packages/rpm/repodata/repomd.xml' }
    ]
  },
  {
    stage: 'containers',
    durationMs: 1,
    failed: [],
    published: [
      {
        kind: 'image',
        path: 'docker.io/falcosecurity/falco:0.40.0',
        digest: `sha256:${'c'.repeat(64)}`
      }
    ]
  }
]

function stable(version: string, extra: Partial<Release> = {}): Release {
  return {
    channel: 'stable',
    version,
    prerelease: false,
    latest: true,
    reason: 'tag',
    tag: version,
    sha: 'f'.repeat(40),
    ...extra
  }
}

function context(release: Release, inputs: Record<string, string>): StageContext {
  return {
    release,
    inputs: readInputs((name) => ({ 'driver-versions': '8.0.0+driver', ...inputs })[name]),
    store: openStore(storeUrl('public', workspace)),
    log: recordingLog(),
    workspace,
    workdir: workspace,
    results: published,
    github: () => createOctokit(token, { baseUrl: github.url }),
    repository: { owner, repo },
    checks: [{ name: 'build-packages', source: 'check-run', state: 'success' }]
  }
}

async function run(ctx: StageContext): Promise<StageResult> {
  return releaseStage.apply(await releaseStage.plan(ctx), ctx)
}

/** What changed something: everything but reads (generate-notes only reads). Octokit ends an upload's query with `&`. */
const changes = (requests: string[]): string[] =>
  requests
    .filter((r) => !r.startsWith('GET ') && !r.includes('/releases/generate-notes'))
    .map((r) => r.replace(/&$/, ''))

beforeEach(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'falco-publish-release-'))
  mkdirSync(join(workspace, 'build'))
  writeFileSync(join(workspace, 'release.md'), TEMPLATE)
  writeFileSync(join(workspace, 'build/falco-x86_64.debug'), 'debug symbols x86_64')
  writeFileSync(join(workspace, 'build/falco-aarch64.debug'), 'debug symbols aarch64')
  state = {
    releases: [],
    notes: { '0.40.0': "## What's Changed\n* new: a rule by @someone" }
  }
  github = await startFakeGitHub({ owner, repo, token, releases: state })
})

afterEach(async () => {
  await github.close()
})

describe('the release stage', () => {
  it('fills a drafted release from the template, attaches the assets once, and a re-run changes nothing', async () => {
    state.releases.push(
      githubRelease(
        owner,
        repo,
        {
          tag_name: '0.40.0',
          name: 'Falco 0.40.0',
          body: 'Highlights written by a maintainer.',
          draft: true
        },
        github.uploadsUrl
      )
    )
    const inputs = {
      'release-body': 'release.md',
      'release-assets': 'build/*.debug',
      'release-notes': 'github'
    }
    const result = await run(context(stable('0.40.0'), inputs))
    expect(github.errors).toEqual([])

    const [created] = state.releases
    expect(state.releases).toHaveLength(1)
    expect(created).toMatchObject({ draft: false, prerelease: false, name: 'Falco 0.40.0' })
    expect(state.latestId).toBe(created.id)
    const body = created.body ?? ''
    expect(body.startsWith('Highlights written by a maintainer.\n')).toBe(true)
    expect(body).toContain('## Falco 0.40.0')
    expect(body).toContain('badge/DRIVER-8.0.0+driver-yellow')
    expect(body).toContain(
      'deb for x86_64: https://download.falco.org/packages/deb/stable/falco-0.40.0-x86_64.deb'
    )
    expect(body).toContain(
      '| rpm-aarch64 | [falco-0.40.0-aarch64.rpm](https://download.falco.org/packages/rpm/falco-0.40.0-aarch64.rpm) |'
    )
    expect(body).toContain(
      `docker pull docker.io/falcosecurity/falco:0.40.0 # sha256:${'c'.repeat(64)}`
    )
    expect(body).toContain('- ✅ build-packages')
    expect(body).toContain('* new: a rule by @someone')
    expect(created.assets.map((a) => [a.name, a.bytes?.toString()])).toEqual([
      ['falco-aarch64.debug', 'debug symbols aarch64'],
      ['falco-x86_64.debug', 'debug symbols x86_64']
    ])
    // Uploads went to the uploads host, never to the API host.
    expect(changes(github.requests).filter((r) => r.includes('/assets?'))).toEqual([
      `POST uploads:/repos/${owner}/${repo}/releases/${created.id}/assets?name=falco-aarch64.debug`,
      `POST uploads:/repos/${owner}/${repo}/releases/${created.id}/assets?name=falco-x86_64.debug`
    ])
    expect(result.outputs?.['release-url']).toBe(created.html_url)
    expect(result.summary).toContain('updated')

    github.requests.length = 0
    const again = await run(context(stable('0.40.0'), inputs))
    expect(github.errors).toEqual([])
    expect(changes(github.requests)).toEqual([])
    expect(state.releases[0].body).toBe(body)
    expect(again.summary).toContain(
      'unchanged, latest. Assets: 0 uploaded, 0 replaced, 2 unchanged'
    )

    // A person edits their text afterwards; a new asset build replaces only the one that changed.
    state.releases[0].body = body.replace(
      'Highlights written by a maintainer.',
      'Edited highlights.'
    )
    writeFileSync(join(workspace, 'build/falco-x86_64.debug'), 'rebuilt debug symbols x86_64')
    github.requests.length = 0
    await run(context(stable('0.40.0'), inputs))
    expect(github.errors).toEqual([])
    const [asset] = changes(github.requests).filter((r) => r.startsWith('DELETE'))
    expect(asset).toMatch(/^DELETE \/repos\/falcosecurity\/falco\/releases\/assets\/\d+$/)
    expect(changes(github.requests).filter((r) => r.startsWith('POST uploads:'))).toEqual([
      `POST uploads:/repos/${owner}/${repo}/releases/${created.id}/assets?name=falco-x86_64.debug`
    ])
    expect(state.releases[0].body?.startsWith('Edited highlights.')).toBe(true)
    expect(
      state.releases[0].assets.find((a) => a.name === 'falco-x86_64.debug')?.bytes?.toString()
    ).toBe('rebuilt debug symbols x86_64')
  })

  it('creates a prerelease marked as such, never latest', async () => {
    state.releases.push(
      githubRelease(
        owner,
        repo,
        { tag_name: '0.40.0', name: '0.40.0', body: 'stable' },
        github.uploadsUrl
      )
    )
    state.latestId = state.releases[0].id
    const rc = stable('0.41.0-rc1', { channel: 'dev', prerelease: true, latest: false })
    await run(context(rc, { 'release-body': 'release.md', 'release-latest': 'true' }))
    expect(github.errors).toEqual([])
    const created = state.releases.find((r) => r.tag_name === '0.41.0-rc1')
    expect(created).toMatchObject({ prerelease: true, draft: false })
    expect(state.latestId).toBe(state.releases.find((r) => r.tag_name === '0.40.0')?.id)
    expect(github.requests).toContain(`POST /repos/${owner}/${repo}/releases`)
  })

  it('replaces the whole body when told to', async () => {
    state.releases.push(
      githubRelease(owner, repo, { tag_name: '0.40.0', body: 'Old text.' }, github.uploadsUrl)
    )
    await run(
      context(stable('0.40.0'), { 'release-body': 'release.md', 'release-replace-body': 'true' })
    )
    expect(github.errors).toEqual([])
    expect(state.releases[0].body).not.toContain('Old text.')
    expect(state.releases[0].body).toContain('## Falco 0.40.0')
  })

  it('refuses a template with an unknown placeholder before any request, naming the file', async () => {
    writeFileSync(join(workspace, 'release.md'), 'Falco {{ versoin }}')
    await expect(
      releaseStage.plan(context(stable('0.40.0'), { 'release-body': 'release.md' }))
    ).rejects.toThrow("input 'release-body': release.md has an unknown placeholder {{ versoin }}")
    expect(github.requests).toEqual([])
  })

  it('has nothing to do for a dev build or without release inputs', async () => {
    const dev = stable('0.41.0-15+8c4040b', { channel: 'dev', tag: undefined, latest: false })
    expect(
      (await releaseStage.plan(context(dev, { 'release-body': 'release.md' }))).operations
    ).toEqual([])
    expect((await releaseStage.plan(context(stable('0.40.0'), {}))).operations).toEqual([])
  })

  it('runs in the pipeline after packages, with the public URLs they were published at', async () => {
    writeFileSync(join(workspace, 'build/falco-0.40.0-x86_64.tar.gz'), gzipSync('falco 0.40.0'))
    const key = await generateTestKey('ecc')
    const log = recordingLog()
    const inputs = readInputs(
      (name) =>
        ({
          store: 'public',
          'public-url': 'https://download.falco.org/',
          packages: 'build/*.tar.gz',
          'gpg-private-key': key.armoredPrivate,
          'require-checks': 'false',
          'release-body': 'release.md',
          'release-assets': 'build/*.debug'
        })[name]
    )
    const report = await publish({
      inputs,
      event: { eventName: 'push', ref: 'refs/tags/0.40.0', sha: 'f'.repeat(40), payload: {} },
      repository: { owner, repo },
      workspace,
      workdir: workspace,
      log,
      releaseSources: {
        describe: async () => ({ tag: '0.40.0', commits: 0, sha7: 'fffffff' }),
        stableTags: async () => ['0.40.0']
      },
      github: () => createOctokit(token, { baseUrl: github.url }),
      openStore: storeOpener(inputs, log),
      stages: [packagesStage, releaseStage]
    })
    expect(report.error).toBeUndefined()
    expect(github.errors).toEqual([])
    expect(report.results.map((r) => r.stage)).toEqual(['packages', 'release'])
    const [created] = state.releases
    expect(created).toMatchObject({ tag_name: '0.40.0', draft: false, prerelease: false })
    expect(created.body).toContain(
      '| tgz-x86_64 | [falco-0.40.0-x86_64.tar.gz](https://download.falco.org/packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz) |'
    )
    expect(created.assets).toHaveLength(2)
    expect(renderSummary(report)).toContain(`| GitHub release | [0.40.0](${created.html_url}) |`)
  })
})
