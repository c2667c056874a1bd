import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import type { Octokit } from '@octokit/rest'
import type { Logger } from '../report/log.js'
import { sha256File } from '../repo/digest.js'

export interface ReleaseRequest {
  owner: string
  repo: string
  tag: string
  name: string
  /** The body for a new release, and how to make the body of an existing one from its text. */
  body: (existing: string) => string
  prerelease: boolean
  /** make_latest: never true for a prerelease. */
  latest: boolean
  /** Local files to attach. */
  assets: string[]
}

export interface ReleaseOutcome {
  id: number
  url: string
  created: boolean
  updated: boolean
  uploaded: string[]
  replaced: string[]
  unchanged: string[]
}

type GitHubRelease = Awaited<ReturnType<Octokit['rest']['repos']['createRelease']>>['data']

/**
 * Creates the GitHub release of a tag, or brings the existing one (a person may have drafted it)
 * to what is asked: body, prerelease, latest, published rather than draft, and the assets, each
 * uploaded only when missing or when its bytes (the asset's SHA-256 digest) differ. A re-run with
 * the same inputs reads and changes nothing.
 */
export async function publishRelease(
  octokit: Octokit,
  r: ReleaseRequest,
  log: Logger
): Promise<ReleaseOutcome> {
  const { owner, repo } = r
  // Drafts have no tag yet as far as getReleaseByTag knows: they are found in the list.
  const releases = await octokit.paginate(octokit.rest.repos.listReleases, {
    owner,
    repo,
    per_page: 100
  })
  let release = releases.find((x) => x.tag_name === r.tag) as GitHubRelease | undefined
  const outcome: ReleaseOutcome = {
    id: 0,
    url: '',
    created: false,
    updated: false,
    uploaded: [],
    replaced: [],
    unchanged: []
  }
  const latest = r.latest && !r.prerelease ? 'true' : 'false'
  if (!release) {
    release = (
      await octokit.rest.repos.createRelease({
        owner,
        repo,
        tag_name: r.tag,
        name: r.name,
        body: r.body(''),
        prerelease: r.prerelease,
        draft: false,
        make_latest: latest
      })
    ).data
    outcome.created = true
    log.info(`created release ${r.tag}: ${release.html_url}`)
  } else {
    const body = r.body(release.body ?? '')
    // make_latest cannot be read back; GitHub's latest is asked for only when it would change.
    const currentLatest = await isLatest(octokit, owner, repo, release.id)
    const changes =
      body !== (release.body ?? '') ||
      release.draft ||
      release.prerelease !== r.prerelease ||
      (release.name ?? '') === '' ||
      currentLatest !== (latest === 'true')
    if (changes) {
      release = (
        await octokit.rest.repos.updateRelease({
          owner,
          repo,
          release_id: release.id,
          name: release.name || r.name,
          body,
          draft: false,
          prerelease: r.prerelease,
          make_latest: latest
        })
      ).data
      outcome.updated = true
      log.info(`updated release ${r.tag}: ${release.html_url}`)
    } else log.info(`release ${r.tag} is up to date: ${release.html_url}`)
  }
  outcome.id = release.id
  outcome.url = release.html_url
  await syncAssets(octokit, r, release, outcome, log)
  return outcome
}

async function isLatest(
  octokit: Octokit,
  owner: string,
  repo: string,
  id: number
): Promise<boolean> {
  try {
    return (await octokit.rest.repos.getLatestRelease({ owner, repo })).data.id === id
  } catch (e) {
    if ((e as { status?: number }).status === 404) return false
    throw e
  }
}

async function syncAssets(
  octokit: Octokit,
  r: ReleaseRequest,
  release: GitHubRelease,
  outcome: ReleaseOutcome,
  log: Logger
): Promise<void> {
  const existing = new Map(release.assets.map((a) => [a.name, a]))
  // upload_url is a URI template on another host (uploads.github.com): its origin is where to send.
  const origin = new URL(release.upload_url.replace(/\{.*\}$/, '')).origin
  for (const file of r.assets) {
    const name = path.basename(file)
    const { sha256, size } = await sha256File(file)
    const asset = existing.get(name)
    if (asset && asset.digest === `sha256:${sha256}` && asset.size === size) {
      outcome.unchanged.push(name)
      continue
    }
    if (asset) {
      await octokit.rest.repos.deleteReleaseAsset({
        owner: r.owner,
        repo: r.repo,
        asset_id: asset.id
      })
      outcome.replaced.push(name)
    } else outcome.uploaded.push(name)
    await octokit.rest.repos.uploadReleaseAsset({
      owner: r.owner,
      repo: r.repo,
      release_id: release.id,
      name,
      baseUrl: origin,
      // Octokit sends a Buffer as is; its type says string. (In memory: Octokit's fetch does not
      // send a stream body, and assets are debug symbols and the like, not packages.)
      data: (await readFile(file)) as unknown as string,
      headers: { 'content-type': 'application/octet-stream', 'content-length': size }
    })
    log.info(`${asset ? 'replaced' : 'uploaded'} asset ${name} (${size} bytes)`)
  }
}

/** The notes GitHub generates for the tag (from the previous release to it). */
export async function generatedNotes(
  octokit: Octokit,
  owner: string,
  repo: string,
  tag: string
): Promise<string> {
  const { data } = await octokit.rest.repos.generateReleaseNotes({ owner, repo, tag_name: tag })
  return data.body
}
