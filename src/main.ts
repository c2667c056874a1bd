import * as core from '@actions/core'
import { context } from '@actions/github'
import { mkdtemp } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { createOctokit } from './github.js'
import { readInputs } from './inputs.js'
import { publish } from './pipeline.js'
import { gitSources } from './release/git.js'
import { remoteTags } from './release/remote-tags.js'
import { actionsLogger } from './report/actions-log.js'
import { computeOutputs } from './report/outputs.js'
import { renderSummary } from './report/summary.js'
import type { RunReport } from './report/report.js'
import { allStages } from './stages/all.js'
import { openStore } from './store/open.js'

/** The action: read the inputs and the workflow context, publish, then report. */
export async function run(): Promise<void> {
  const log = actionsLogger()
  let report: RunReport | undefined
  try {
    const inputs = readInputs((name) => core.getInput(name))
    log.secret(inputs.githubToken)
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    const workdir = await mkdtemp(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'falco-publish-'))
    const { owner, repo } = repository()
    const github = inputs.githubToken ? () => createOctokit(inputs.githubToken, { log }) : undefined
    report = await publish({
      inputs,
      event: { eventName: context.eventName, ref: context.ref, sha: context.sha, payload: context.payload },
      repository: owner ? { owner, repo } : undefined,
      runId: context.runId || undefined,
      workspace,
      workdir,
      log,
      releaseSources: gitSources(workspace, async () =>
        github && owner ? remoteTags(github(), owner, repo) : []
      ),
      github,
      openStore: (url) => openStore(url, { log }),
      stages: allStages
    })
    for (const [name, value] of Object.entries(computeOutputs(report))) core.setOutput(name, value)
    if (report.error) core.setFailed(report.error)
  } catch (error) {
    // Only reading the inputs can get here: publish() reports its own failures.
    core.setFailed(error instanceof Error ? error.message : String(error))
  } finally {
    if (report) await writeSummary(report)
  }
}

/** GITHUB_REPOSITORY may be absent when the action is run by hand; the gate then says so. */
function repository(): { owner: string; repo: string } {
  return process.env.GITHUB_REPOSITORY ? context.repo : { owner: '', repo: '' }
}

async function writeSummary(report: RunReport): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(renderSummary(report)).write()
  } catch (error) {
    core.warning(`the job summary could not be written: ${error instanceof Error ? error.message : String(error)}`)
  }
}
