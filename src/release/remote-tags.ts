import type { Octokit } from '../github.js'

/**
 * The repository's tag names as GitHub lists them, every page. Used to find the highest stable
 * version when the checkout has no tags (a shallow clone), so `latest` can still be decided.
 */
export async function remoteTags(octokit: Octokit, owner: string, repo: string): Promise<string[]> {
  try {
    const tags = await octokit.paginate(octokit.rest.repos.listTags, { owner, repo, per_page: 100 })
    return tags.map((tag) => tag.name)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(
      `Could not list the tags of ${owner}/${repo} through the GitHub API: ${reason}. ` +
        `Check the github-token input (it needs contents: read), or check out with ` +
        `fetch-depth: 0 so the local git tags are used instead.`,
      { cause: error }
    )
  }
}
