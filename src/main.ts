import * as core from '@actions/core'
import { mkdtemp } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { readWorkflowContext } from './context.js'
import { createOctokit } from './github.js'
import { inputSecrets, readInputs } from './inputs.js'
import { publish } from './pipeline.js'
import { gitSources } from './release/git.js'
import { remoteTags } from './release/remote-tags.js'
import { actionsLogger } from './report/actions-log.js'
import { computeOutputs } from './report/outputs.js'
import { renderSummary } from './report/summary.js'
import type { RunReport } from './report/report.js'
import { allStages } from './stages/all.js'
import { cloudFront } from './store/cdn.js'
import { openStore } from './store/open.js'

/** The action: read the inputs and the workflow context, publish, then report. */
export async function run(): Promise<void> {
  const log = actionsLogger()
  let report: RunReport | undefined
  try {
    const inputs = readInputs((name) => core.getInput(name))
    for (const secret of inputSecrets(inputs)) log.secret(secret)
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    const workdir = await mkdtemp(
      path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'falco-publish-')
    )
    const { event, repository, runId } = readWorkflowContext()
    const github = inputs.githubToken ? () => createOctokit(inputs.githubToken, { log }) : undefined
    report = await publish({
      inputs,
      event,
      repository,
      runId,
      workspace,
      workdir,
      log,
      releaseSources: gitSources(workspace, async () =>
        github && repository ? remoteTags(github(), repository.owner, repository.repo) : []
      ),
      github,
      openStore: (url) => openStore(url, { log, inputs, baseUrl: inputs.publicUrl || undefined }),
      cdn: inputs.cdnInvalidate ? cloudFront(inputs.cdnInvalidate, { log }) : undefined,
      stages: allStages
    })
    for (const [name, value] of Object.entries(computeOutputs(report))) core.setOutput(name, value)
    if (report.error) core.setFailed(report.error)
  } catch (error) {
    // Only reading the inputs or the context can get here: publish() reports its own failures.
    core.setFailed(error instanceof Error ? error.message : String(error))
  } finally {
    if (report) await writeSummary(report)
  }
}

async function writeSummary(report: RunReport): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(renderSummary(report)).write()
  } catch (error) {
    core.warning(
      `the job summary could not be written: ${error instanceof Error ? error.message : String(error)}`
    )
  }
}
