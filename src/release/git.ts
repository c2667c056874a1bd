import { execFile } from 'node:child_process'
import { ReleaseError } from './classify.js'
import type { ReleaseSources } from './decide.js'
import { stableVersions, type Describe } from './version.js'

/**
 * ReleaseSources from the git checkout in `cwd`, with the GitHub API as the fallback for tags.
 * git runs through execFile (no shell, no output in the logs); what it prints is parsed here.
 */
export function gitSources(cwd: string, remoteTags: () => Promise<string[]>): ReleaseSources {
  const git = (...args: string[]): Promise<string> => run(cwd, args)

  return {
    async describe(): Promise<Describe> {
      await requireFullHistory(cwd, git)
      const head = (await git('rev-parse', '--verify', 'HEAD^{commit}')).trim()
      const sha7 = head.slice(0, 7)
      // Only stable semver tags count: `--match` with each such tag's exact name (semver names
      // hold no glob characters) makes describe skip rc, nightly and other tags.
      const reachable = stableTagNames(lines(await git('tag', '--merged', 'HEAD')))
      if (reachable.length === 0) {
        const commits = Number((await git('rev-list', '--count', 'HEAD')).trim())
        return { commits, sha7 }
      }
      const matches = reachable.flatMap((tag) => ['--match', tag])
      const described = (await git('describe', '--tags', '--long', ...matches, 'HEAD')).trim()
      const parsed = /^(.+)-(\d+)-g[0-9a-f]+$/.exec(described)
      if (parsed === null) {
        throw new ReleaseError(
          `git describe in ${cwd} printed '${described}', which is not <tag>-<n>-g<sha>.`
        )
      }
      return { tag: parsed[1], commits: Number(parsed[2]), sha7 }
    },

    async stableTags(): Promise<string[]> {
      // A shallow checkout of a tag push holds just that one tag, which would always look like
      // the highest; only a full clone's tags are the repository's tags.
      if ((await shallowness(git)).state === 'full') {
        const local = lines(await git('tag', '--list'))
        if (local.length > 0) return stableTagNames(local)
      }
      return stableTagNames(await remoteTags())
    }
  }
}

const FETCH_DEPTH_FIX =
  'A development version is derived from the git history: check out with actions/checkout and ' +
  '`fetch-depth: 0`, or give the version input.'

async function requireFullHistory(
  cwd: string,
  git: (...args: string[]) => Promise<string>
): Promise<void> {
  const { state, detail } = await shallowness(git)
  // git's own words are kept: "not a git repository" and "dubious ownership" need different fixes.
  if (state === 'no-git') {
    throw new ReleaseError(`${cwd} is not a usable git checkout (${detail}). ${FETCH_DEPTH_FIX}`)
  }
  if (state === 'shallow') {
    throw new ReleaseError(
      `${cwd} is a shallow clone, so the commits since the last tag cannot be counted. ${FETCH_DEPTH_FIX}`
    )
  }
}

async function shallowness(
  git: (...args: string[]) => Promise<string>
): Promise<{ state: 'full' | 'shallow' | 'no-git'; detail?: string }> {
  try {
    const shallow = (await git('rev-parse', '--is-shallow-repository')).trim() === 'true'
    return { state: shallow ? 'shallow' : 'full' }
  } catch (error) {
    if (error instanceof GitFailed) return { state: 'no-git', detail: error.detail }
    throw error
  }
}

/** Tag names that are stable semver, as git names them (a `v` prefix kept). */
function stableTagNames(tags: readonly string[]): string[] {
  return tags.filter((tag) => stableVersions([tag]).length === 1)
}

function lines(output: string): string[] {
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

/** git exited non-zero; the message carries its stderr, which names the problem. */
class GitFailed extends ReleaseError {
  constructor(
    message: string,
    readonly detail: string
  ) {
    super(message)
  }
}

function run(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      // LC_ALL=C: messages are quoted in errors and must read the same on every runner.
      { cwd, env: { ...process.env, LC_ALL: 'C' }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error === null) return resolve(stdout)
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          // spawn says ENOENT both when git is not installed and when cwd does not exist.
          return reject(
            new ReleaseError(
              `cannot run git in ${cwd}: ${error.message}. Install git, or check out the repository into that directory.`
            )
          )
        }
        const detail = stderr.trim() || error.message
        reject(
          new GitFailed(`git ${args.slice(0, 2).join(' ')} in ${cwd} failed: ${detail}`, detail)
        )
      }
    )
  })
}
