import * as core from '@actions/core'
import { mkdtemp } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { readWorkflowContext } from './context.js'
import { inputSecrets, readInputs } from './inputs.js'
import { publish } from './pipeline.js'
import { pipelineSeams } from './seams.js'
import { actionsLogger } from './report/actions-log.js'
import { outputsWithPublishedFile } from './report/published-file.js'
import { renderSummary } from './report/summary.js'
import { mark, timingLine } from './report/timing.js'
import type { RunReport } from './report/report.js'

/** The action: read the inputs and the workflow context, publish, then report. */
export async function run(): Promise<void> {
  mark('modules')
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
    report = await publish({
      inputs,
      event,
      repository,
      runId,
      workspace,
      workdir,
      log,
      ...pipelineSeams(inputs, workspace, repository, log)
    })
    const outputs = await outputsWithPublishedFile(report, workdir, log)
    for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
    if (report.error) core.setFailed(report.error)
    mark('report')
    log.debug(timingLine())
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
