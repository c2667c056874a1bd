import { afterAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { readInputs } from '../src/inputs.js'
import { publish, type PipelineDeps } from '../src/pipeline.js'
import { computeOutputs } from '../src/report/outputs.js'
import { driversStage } from '../src/stages/drivers.js'
import { openStore } from '../src/store/open.js'
import { recordingLogger, repoRoot } from './support/drivers-fixtures.js'

/** The drivers stage inside the real pipeline: release, plan, dry-run, apply, outputs. */

const builder = `${path.join(repoRoot, '__tests__', 'support', 'copy-builder.sh')} {kernelrelease} {config} {module} {probe}`

const workspaces: string[] = []
afterAll(() => workspaces.forEach((w) => rmSync(w, { recursive: true, force: true })))

function workspaceWithGrid(): string {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'drivers-pipeline-'))
  workspaces.push(ws)
  const dir = path.join(ws, 'grid', '8.0.0+driver', 'x86_64')
  mkdirSync(dir, { recursive: true })
  for (const kr of ['6.1.0-1-amd64', '6.1.0-2-amd64', '6.1.0-3-amd64']) {
    writeFileSync(
      path.join(dir, `debian_${kr}_1.yaml`),
      `kernelversion: 1\nkernelrelease: ${kr}\ntarget: debian\noutput:\n  module: m.ko\n  probe: p.o\n`
    )
  }
  return ws
}

function deps(ws: string, inputs: Record<string, string>, ref = 'refs/tags/0.40.0'): PipelineDeps {
  return {
    inputs: readInputs(
      (n) =>
        ({
          'require-checks': 'false',
          store: 'public',
          'drivers-config': 'grid',
          'driver-versions': '8.0.0+driver',
          'driver-builder': builder,
          'driver-jobs': '2',
          ...inputs
        })[n]
    ),
    event: { eventName: 'push', ref, sha: '8c4040b1f2e3d4c5b6a7980123456789abcdef01', payload: {} },
    workspace: ws,
    workdir: path.join(ws, 'tmp'),
    log: recordingLogger(),
    releaseSources: {
      describe: async () => ({ tag: '0.40.0', commits: 0, sha7: '8c4040b' }),
      stableTags: async () => ['0.40.0']
    },
    openStore: (url) => openStore(url),
    stages: [driversStage]
  }
}

describe('drivers in the pipeline', () => {
  it('dry-run prints the plan, outputs driver-matrix and writes nothing', async () => {
    const ws = workspaceWithGrid()
    const report = await publish(deps(ws, { 'dry-run': 'true' }))
    expect(report.error).toBeUndefined()
    const outputs = computeOutputs(report)
    expect(JSON.parse(outputs['driver-matrix'])).toEqual({ shard: ['1/2', '2/2'] })
    expect(JSON.parse(outputs.drivers)).toMatchObject({ planned: 3, skipped: 0 })
    expect(existsSync(path.join(ws, 'public', 'driver'))).toBe(false)
  })

  it('publishes for a tag, then a re-run applies nothing; a pull request publishes nothing', async () => {
    const ws = workspaceWithGrid()
    const first = computeOutputs(await publish(deps(ws, {})))
    expect(JSON.parse(first.drivers)).toEqual({
      planned: 3,
      skipped: 0,
      built: 3,
      published: 6,
      failed: 0,
      invalid: 0
    })
    expect(
      JSON.parse(first.published).filter((p: { kind: string }) => p.kind === 'driver')
    ).toHaveLength(6)

    const again = await publish(deps(ws, {}))
    expect(again.results).toEqual([]) // every operation is a skip: the stage is not applied
    expect(JSON.parse(computeOutputs(again).drivers)).toMatchObject({
      planned: 3,
      skipped: 3,
      built: 0
    })

    const pr = await publish({
      ...deps(ws, {}),
      event: { eventName: 'pull_request', ref: 'refs/pull/1/merge', sha: 'abc', payload: {} }
    })
    expect(pr.release?.channel).toBe('none')
    expect(pr.plans).toEqual([])
  })
})
