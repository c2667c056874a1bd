import { existsSync, readFileSync } from 'node:fs'
import type { WorkflowEvent } from './release/classify.js'

/**
 * The workflow context as GitHub's runner gives it to every action: GITHUB_* variables and the event
 * payload in the file GITHUB_EVENT_PATH names. Read here rather than through @actions/github, whose
 * entry module builds a default Octokit at load time and would put 1 MB of HTTP client into the
 * bundle that this action never calls.
 */
export interface WorkflowContext {
  event: WorkflowEvent
  repository?: { owner: string; repo: string }
  runId?: number
}

export function readWorkflowContext(env: NodeJS.ProcessEnv = process.env): WorkflowContext {
  const file = env.GITHUB_EVENT_PATH
  let payload: Record<string, unknown> = {}
  if (file) {
    if (!existsSync(file)) throw new Error(`GITHUB_EVENT_PATH ${file} does not exist`)
    try {
      payload = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    } catch (error) {
      throw new Error(
        `GITHUB_EVENT_PATH ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`
      )
    }
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/')
  const runId = Number(env.GITHUB_RUN_ID)
  return {
    event: {
      eventName: env.GITHUB_EVENT_NAME ?? '',
      ref: env.GITHUB_REF ?? '',
      sha: env.GITHUB_SHA ?? '',
      payload
    },
    repository: owner && repo ? { owner, repo } : undefined,
    runId: Number.isSafeInteger(runId) && runId > 0 ? runId : undefined
  }
}
