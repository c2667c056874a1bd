import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { readInputs } from '../src/inputs.js'
import { publish, type PipelineDeps } from '../src/pipeline.js'
import { computeOutputs } from '../src/report/outputs.js'
import { renderSummary } from '../src/report/summary.js'
import { createContainersStage } from '../src/stages/containers.js'
import { openStore } from '../src/store/open.js'
import { dockerConfig } from './support/containers-context.js'
import { buildLayout, noise } from './support/images.js'
import { recordingLog, type RecordingLog } from './github/recording-log.js'
import { startRegistry, type RunningRegistry } from './support/registry.js'
import { tool } from './support/tools.js'

/** The container stage inside the whole pipeline: a tag push of 0.40.0, as main.ts runs it. */

const USER = 'ci'
const PASSWORD = 'pipeline-registry-password'
let dir: string
let registry: RunningRegistry
let config: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'containers-pipeline-'))
  registry = await startRegistry(path.join(dir, 'registry'), {
    htpasswd: { user: USER, password: PASSWORD }
  })
  config = await dockerConfig(dir, { [registry.host]: { user: USER, password: PASSWORD } })
  await buildLayout(path.join(dir, 'build'), 'amd64', [{ name: 'falco', bytes: noise(100_000) }])
  await buildLayout(path.join(dir, 'build'), 'arm64', [{ name: 'falco', bytes: noise(100_000) }])
})

afterAll(async () => {
  await registry?.stop()
  if (dir) await rm(dir, { recursive: true, force: true })
})

function deps(inputs: Record<string, string>, log: RecordingLog): PipelineDeps {
  return {
    inputs: readInputs(
      (name) => ({ 'require-checks': 'false', store: path.join(dir, 'public'), ...inputs })[name]
    ),
    event: {
      eventName: 'push',
      ref: 'refs/tags/0.40.0',
      sha: '8c4040b1f2e3d4c5b6a7980123456789abcdef01',
      payload: {}
    },
    workspace: dir,
    workdir: path.join(dir, 'work'),
    log,
    releaseSources: {
      describe: async () => ({ tag: '0.40.0', commits: 0, sha7: '8c4040b' }),
      stableTags: async () => ['0.39.0', '0.40.0']
    },
    openStore: (url) => openStore(url),
    stages: [createContainersStage({ dockerConfig: config })]
  }
}

const images =
  'linux/amd64=oci:build/layout-amd64:latest\nlinux/arm64=oci:build/layout-arm64:latest'
const creds = ['--tls-verify=false', '--creds', `${USER}:${PASSWORD}`]

describe('containers in the pipeline', () => {
  it('prints the plan and pushes nothing on a dry run', async () => {
    const repo = `${registry.host}/falcosecurity/falco-dry`
    const log = recordingLog()
    const report = await publish(
      deps({ images, 'image-repositories': repo, 'dry-run': 'true' }, log)
    )
    expect(report.error).toBeUndefined()
    expect(
      report.plans.find((p) => p.stage === 'containers')?.operations.map((o) => o.target)
    ).toEqual([`${repo}:0.40.0`, `${repo}:latest`])
    expect(report.results).toEqual([])
    await expect(tool('skopeo', ['list-tags', ...creds, `docker://${repo}`])).rejects.toThrow()
  })

  it('refuses a missing image source before pushing, naming the input', async () => {
    const repo = `${registry.host}/falcosecurity/falco-bad`
    const log = recordingLog()
    const report = await publish(
      deps({ images: 'oci:build/absent', 'image-repositories': repo }, log)
    )
    expect(report.error).toMatch(/images: "oci:build\/absent": no directory/)
    await expect(tool('skopeo', ['list-tags', ...creds, `docker://${repo}`])).rejects.toThrow()
  })

  it('publishes a tag push to the registry with outputs and a summary', async () => {
    const repo = `${registry.host}/falcosecurity/falco`
    const log = recordingLog()
    const report = await publish(deps({ images, 'image-repositories': repo }, log))
    expect(report.error).toBeUndefined()
    const outputs = computeOutputs(report)
    const pushed = JSON.parse(outputs.images)[repo]
    expect(pushed).toMatchObject({
      tags: ['0.40.0', 'latest'],
      platforms: ['linux/amd64', 'linux/arm64']
    })
    const published = JSON.parse(outputs.published) as {
      kind: string
      path: string
      digest: string
    }[]
    expect(published.filter((p) => p.kind === 'image')).toEqual([
      expect.objectContaining({ path: `${repo}:0.40.0`, digest: pushed.digest }),
      expect.objectContaining({ path: `${repo}:latest`, digest: pushed.digest })
    ])
    const summary = renderSummary(report)
    expect(summary).toContain(
      `| ${repo} | \`0.40.0\` | \`${pushed.digest}\` | linux/amd64, linux/arm64 |`
    )
    expect(summary + JSON.stringify(outputs) + log.lines.join('\n')).not.toContain(PASSWORD)
    expect(
      JSON.parse(await tool('skopeo', ['inspect', ...creds, '--raw', `docker://${repo}:latest`]))
        .manifests
    ).toHaveLength(2)
  })
})
