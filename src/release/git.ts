import { runCommand } from '../exec.js'
import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import * as path from 'node:path'
import { ReleaseError } from './classify.js'
import type { ReleaseSources } from './decide.js'
import { stableVersions, type Describe } from './version.js'

/**
 * ReleaseSources from the git checkout in `cwd`, with the GitHub API as the fallback for tags.
 * git runs through execFile (no shell, no output in the logs); what it prints is parsed here.
 */
export function gitSources(cwd: string, remoteTags: () => Promise<string[]>): ReleaseSources {
  const git = (...args: string[]): Promise<string> => run(cwd, args)
  // Asked at most once per run, and answered from the checkout's files when they say.
  let shallow: ReturnType<typeof shallowness> | undefined
  const history = () => (shallow ??= shallowness(cwd, git))

  return {
    async describe(): Promise<Describe> {
      await requireFullHistory(cwd, history)
      // One process in the common case: describe against the tags that can be stable semver
      // (a digit, or v and a digit, and no '-', which starts a prerelease), HEAD's full sha
      // in its answer. Whatever that cannot settle goes the exact, slower way below.
      const fast = await git(
        'describe',
        '--tags',
        '--long',
        '--abbrev=40',
        '--match',
        '[0-9]*',
        '--match',
        'v[0-9]*',
        '--exclude',
        '*-*',
        'HEAD'
      ).catch((error: unknown) => {
        if (error instanceof GitFailed && NO_TAG.test(error.detail)) return undefined
        throw error
      })
      const parsed = fast === undefined ? null : /^(.+)-(\d+)-g([0-9a-f]{40})$/.exec(fast.trim())
      if (parsed && stableTagNames([parsed[1]]).length === 1) {
        return { tag: parsed[1], commits: Number(parsed[2]), sha7: parsed[3].slice(0, 7) }
      }
      return exactDescribe(cwd, git)
    },

    async stableTags(): Promise<string[]> {
      // A shallow checkout of a tag push holds just that one tag, which would always look like
      // the highest; only a full clone's tags are the repository's tags.
      if ((await history()).state === 'full') {
        const local = lines(await git('tag', '--list'))
        if (local.length > 0) return stableTagNames(local)
      }
      return stableTagNames(await remoteTags())
    }
  }
}

/** git describe's words when no tag matches (no tags at all, or none reachable). */
const NO_TAG = /No names found|No tags can describe|cannot describe/i

/**
 * describe with each reachable stable tag's exact name (semver names hold no glob characters),
 * so rc, nightly and other tags are skipped: three processes, for what the fast path cannot
 * settle (no such tag at all, or a name the globs let through that is not stable semver).
 */
async function exactDescribe(
  cwd: string,
  git: (...args: string[]) => Promise<string>
): Promise<Describe> {
  const head = (await git('rev-parse', '--verify', 'HEAD^{commit}')).trim()
  const sha7 = head.slice(0, 7)
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
}

const FETCH_DEPTH_FIX =
  'A development version is derived from the git history: check out with actions/checkout and ' +
  '`fetch-depth: 0`, or give the version input.'

async function requireFullHistory(
  cwd: string,
  history: () => ReturnType<typeof shallowness>
): Promise<void> {
  const { state, detail } = await history()
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

type History = { state: 'full' | 'shallow' | 'no-git'; detail?: string }

/**
 * Whether the checkout has its whole history. At the top of a checkout, git's own files say it
 * without a process: a repository is shallow exactly when its (common) git directory holds a
 * `shallow` file. Anywhere else (a subdirectory, GIT_DIR set), git is asked.
 */
async function shallowness(
  cwd: string,
  git: (...args: string[]) => Promise<string>
): Promise<History> {
  const common = process.env.GIT_DIR === undefined ? await commonGitDir(cwd) : undefined
  if (common !== undefined) {
    return { state: existsSync(path.join(common, 'shallow')) ? 'shallow' : 'full' }
  }
  try {
    const shallow = (await git('rev-parse', '--is-shallow-repository')).trim() === 'true'
    return { state: shallow ? 'shallow' : 'full' }
  } catch (error) {
    if (error instanceof GitFailed) return { state: 'no-git', detail: error.detail }
    throw error
  }
}

/**
 * The git directory shared by all worktrees of the checkout at `cwd`: `.git` itself, or for a
 * worktree (`.git` a file saying `gitdir: ...`) the directory its `commondir` names. Undefined
 * when `cwd` is not the top of a checkout or the layout is not one of these.
 */
async function commonGitDir(cwd: string): Promise<string | undefined> {
  const dotGit = path.join(cwd, '.git')
  const info = await stat(dotGit).catch(() => undefined)
  if (info === undefined) return undefined
  let gitDir = dotGit
  if (info.isFile()) {
    const pointer = /^gitdir: (.+)$/m.exec(await readFile(dotGit, 'utf8'))
    if (pointer === null) return undefined
    gitDir = path.resolve(cwd, pointer[1].trim())
  }
  if (!existsSync(path.join(gitDir, 'HEAD'))) return undefined
  const commondir = await readFile(path.join(gitDir, 'commondir'), 'utf8').catch(() => undefined)
  return commondir === undefined ? gitDir : path.resolve(gitDir, commondir.trim())
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

async function run(cwd: string, args: string[]): Promise<string> {
  // LC_ALL=C: messages are quoted in errors and must read the same on every runner.
  const { code, stdout, stderr, startError } = await runCommand('git', args, {
    cwd,
    env: { ...process.env, LC_ALL: 'C' }
  })
  if (code === 0) return stdout
  if (startError)
    // spawn says ENOENT both when git is not installed and when cwd does not exist.
    throw new ReleaseError(
      `cannot run git in ${cwd}: ${startError.message}. Install git, or check out the repository into that directory.`
    )
  const detail = stderr.trim() || `exit code ${code}`
  throw new GitFailed(`git ${args.slice(0, 2).join(' ')} in ${cwd} failed: ${detail}`, detail)
}
