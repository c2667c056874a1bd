import { readFile } from 'node:fs/promises'
import { runCommand } from './exec.js'
import type { WorkflowEvent } from './release/classify.js'

async function git(cwd: string, ...args: string[]): Promise<string | undefined> {
  const { code, stdout } = await runCommand('git', args, { cwd })
  return code === 0 ? stdout.trim() : undefined
}

/**
 * The workflow context outside Actions: from flags when given, otherwise from the local checkout
 * (a push of the current branch, or of the tag HEAD sits on when HEAD is detached at one).
 */
export async function localEvent(
  workspace: string,
  flags: { event?: string; ref?: string; sha?: string; eventPath?: string }
): Promise<WorkflowEvent> {
  const payload = flags.eventPath
    ? (JSON.parse(
        await readFile(flags.eventPath, 'utf8').catch((error: Error) => {
          throw new Error(`--event-path ${flags.eventPath}: ${error.message}`)
        })
      ) as Record<string, unknown>)
    : {}
  let ref = flags.ref
  if (!ref) {
    const branch = await git(workspace, 'symbolic-ref', '-q', 'HEAD')
    const tag = branch
      ? undefined
      : await git(workspace, 'describe', '--tags', '--exact-match', 'HEAD')
    ref = branch || (tag ? `refs/tags/${tag}` : '')
  }
  const sha = flags.sha || (await git(workspace, 'rev-parse', 'HEAD')) || ''
  return { eventName: flags.event || 'push', ref, sha, payload }
}

/** `owner/repo` from a flag, GITHUB_REPOSITORY, or the origin remote's URL. */
export async function localRepository(
  workspace: string,
  flag: string | undefined
): Promise<{ owner: string; repo: string } | undefined> {
  const fromName = (name: string | undefined) => {
    const match = name ? /^([\w.-]+)\/([\w.-]+)$/.exec(name) : null
    return match ? { owner: match[1], repo: match[2] } : undefined
  }
  if (flag) {
    const parsed = fromName(flag)
    if (!parsed) throw new Error(`--repository ${JSON.stringify(flag)}: expected owner/name`)
    return parsed
  }
  if (process.env.GITHUB_REPOSITORY) return fromName(process.env.GITHUB_REPOSITORY)
  const origin = await git(workspace, 'remote', 'get-url', 'origin')
  const match = origin ? /[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(origin) : null
  return match ? { owner: match[1], repo: match[2] } : undefined
}

/** Whether the checkout has the history a dev version is computed from. */
export async function hasHistory(workspace: string): Promise<boolean> {
  return (await git(workspace, 'rev-parse', '--is-shallow-repository')) === 'false'
}
