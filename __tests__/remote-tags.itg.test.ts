import { afterEach, describe, expect, it } from '@jest/globals'
import { createOctokit } from '../src/github.js'
import { remoteTags } from '../src/release/remote-tags.js'
import { startFakeGitHub, type FakeGitHub } from './github/fake-api.js'
import { tag } from './github/scenario.js'

const owner = 'falcosecurity'
const repo = 'falco'

let fake: FakeGitHub | undefined

afterEach(async () => {
  await fake?.close()
  fake = undefined
})

describe('remoteTags through a fake GitHub validated by its OpenAPI description', () => {
  it('lists every tag across pages, in the order GitHub gives them', async () => {
    // Falco's history: 0.1.0 .. 0.40.0 with patch releases and release candidates, 230 tags.
    const names: string[] = []
    for (let minor = 40; minor >= 0 && names.length < 230; minor--) {
      for (let patch = 5; patch >= 0; patch--) names.push(`0.${minor}.${patch}`)
      names.push(`0.${minor}.0-rc1`)
    }
    const tags = names
      .slice(0, 230)
      .map((name, i) => tag(owner, repo, name, (0x1000000 + i).toString(16).padStart(40, 'a')))
    fake = await startFakeGitHub({ owner, repo, tags })

    const listed = await remoteTags(createOctokit('', { baseUrl: fake.url }), owner, repo)

    expect(listed).toEqual(names.slice(0, 230))
    expect(fake.requests).toEqual([
      `GET /repos/${owner}/${repo}/tags?per_page=100`,
      `GET /repos/${owner}/${repo}/tags?per_page=100&page=2`,
      `GET /repos/${owner}/${repo}/tags?per_page=100&page=3`
    ])
    expect(fake.errors).toEqual([])
  })

  it('returns an empty list for a repository without tags', async () => {
    fake = await startFakeGitHub({ owner, repo, tags: [] })
    await expect(
      remoteTags(createOctokit('', { baseUrl: fake.url }), owner, repo)
    ).resolves.toEqual([])
    expect(fake.errors).toEqual([])
  })

  it('names the repository and the remedy when the tags cannot be read', async () => {
    fake = await startFakeGitHub({ owner, repo, tags: [] })
    const octokit = createOctokit('', { baseUrl: fake.url })
    await expect(remoteTags(octokit, owner, 'no-such-repo')).rejects.toThrow(
      /Could not list the tags of falcosecurity\/no-such-repo through the GitHub API: Not Found.*fetch-depth: 0/
    )
    expect(fake.errors).toEqual([])
  })
})
