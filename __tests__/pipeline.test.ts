import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { readInputs } from '../src/inputs.js'
import { publish, type PipelineDeps } from '../src/pipeline.js'
import { StageError, type Stage, type StageName } from '../src/plan.js'
import type { ReleaseSources } from '../src/release/decide.js'
import { packagesStage } from '../src/stages/packages.js'
import { openStore } from '../src/store/open.js'
import { recordingLog } from './github/recording-log.js'
import { storeFiles as listStore } from './support/store-files.js'
import { generateTestKey, type TestKey } from './support/keys.js'
import { tarGz } from './support/tarball.js'

let workspace: string
let store: string
let key: TestKey

beforeAll(async () => {
  key = await generateTestKey('ecc')
})

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'falco-publish-pipeline-'))
  store = join(workspace, 'public')
  mkdirSync(join(workspace, 'build'))
})

const sources: ReleaseSources = {
  describe: async () => ({ tag: '0.40.0', commits: 15, sha7: '8c4040b' }),
  stableTags: async () => ['0.39.0', '0.40.0']
}

function tarball(name: string, content = name): string {
  const bytes = tarGz(content)
  writeFileSync(join(workspace, 'build', name), bytes)
  return createHash('sha256').update(bytes).digest('hex')
}

function deps(inputs: Record<string, string>, extra: Partial<PipelineDeps> = {}): PipelineDeps {
  return {
    inputs: readInputs(
      (name) =>
        ({ 'require-checks': 'false', store, 'gpg-private-key': key.armoredPrivate, ...inputs })[
          name
        ]
    ),
    event: {
      eventName: 'push',
      ref: 'refs/heads/master',
      sha: '8c4040b1f2e3d4c5b6a7980123456789abcdef01',
      payload: {}
    },
    workspace,
    workdir: workspace,
    log: recordingLog(),
    releaseSources: sources,
    openStore: (url) => openStore(url),
    stages: [packagesStage],
    ...extra
  }
}

const storeFiles = (): string[] => listStore(store)

/** A stage of our own interface that records what the pipeline asks of it. */
function recordingStage(
  name: StageName,
  calls: string[],
  behaviour: 'ok' | 'fail-plan' | 'fail-apply' = 'ok'
): Stage {
  return {
    name,
    plan: async () => {
      calls.push(`plan ${name}`)
      if (behaviour === 'fail-plan') throw new Error(`${name}: bad input`)
      return { stage: name, operations: [{ action: 'put', target: `${name}/thing` }] }
    },
    apply: async () => {
      calls.push(`apply ${name}`)
      const result = {
        stage: name,
        published: [],
        failed: [{ target: `${name}/thing`, error: 'boom' }],
        durationMs: 1
      }
      if (behaviour === 'fail-apply') throw new StageError(`${name}: boom`, result)
      return { ...result, failed: [] }
    }
  }
}

describe('publish', () => {
  it('publishes tarballs of a dev release into bin-dev with a SHA256SUMS index', async () => {
    const x86 = tarball('falco-0.41.0-x86_64.tar.gz')
    const arm = tarball('falco-0.41.0-aarch64.tar.gz')
    const report = await publish(deps({ packages: 'build/*.tar.gz' }))
    expect(report.error).toBeUndefined()
    expect(report.release).toMatchObject({ channel: 'dev', version: '0.41.0-15+8c4040b' })
    expect(storeFiles()).toEqual([
      'packages/bin-dev/aarch64/SHA256SUMS',
      'packages/bin-dev/aarch64/SHA256SUMS.asc',
      'packages/bin-dev/aarch64/falco-0.41.0-aarch64.tar.gz',
      'packages/bin-dev/aarch64/falco-0.41.0-aarch64.tar.gz.asc',
      'packages/bin-dev/index.html',
      'packages/bin-dev/index.json',
      'packages/bin-dev/x86_64/SHA256SUMS',
      'packages/bin-dev/x86_64/SHA256SUMS.asc',
      'packages/bin-dev/x86_64/falco-0.41.0-x86_64.tar.gz',
      'packages/bin-dev/x86_64/falco-0.41.0-x86_64.tar.gz.asc',
      'packages/repository-key.asc'
    ])
    expect(readFileSync(join(store, 'packages/bin-dev/x86_64/SHA256SUMS'), 'utf8')).toBe(
      `${x86}  falco-0.41.0-x86_64.tar.gz\n`
    )
    const published = report.results[0].published
    expect(published.find((item) => item.path.endsWith('aarch64.tar.gz'))).toMatchObject({
      kind: 'tarball',
      sha256: arm
    })
  })

  it('keeps earlier files in SHA256SUMS when a second release is published', async () => {
    const first = tarball('falco-0.41.0-x86_64.tar.gz')
    await publish(deps({ packages: 'build/falco-0.41.0-x86_64.tar.gz' }))
    const second = tarball('falco-0.41.1-x86_64.tar.gz')
    await publish(deps({ packages: 'build/falco-0.41.1-x86_64.tar.gz' }))
    expect(readFileSync(join(store, 'packages/bin-dev/x86_64/SHA256SUMS'), 'utf8')).toBe(
      `${first}  falco-0.41.0-x86_64.tar.gz\n${second}  falco-0.41.1-x86_64.tar.gz\n`
    )
  })

  it('skips what is already published: a second identical run writes nothing', async () => {
    tarball('falco-0.40.0-x86_64.tar.gz')
    const tag = { eventName: 'push', ref: 'refs/tags/0.40.0', sha: 'a'.repeat(40), payload: {} }
    await publish(deps({ packages: 'build/*.tar.gz' }, { event: tag }))
    const again = await publish(deps({ packages: 'build/*.tar.gz' }, { event: tag }))
    expect(again.error).toBeUndefined()
    expect(again.plans[0].operations.map((op) => op.action)).toEqual(['skip'])
    expect(again.results).toEqual([])
  })

  it('refuses different bytes under a published stable name, and writes nothing', async () => {
    tarball('falco-0.40.0-x86_64.tar.gz', 'first build')
    const tag = { eventName: 'push', ref: 'refs/tags/0.40.0', sha: 'a'.repeat(40), payload: {} }
    await publish(deps({ packages: 'build/*.tar.gz' }, { event: tag }))
    const before = readFileSync(join(store, 'packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz'))
    tarball('falco-0.40.0-x86_64.tar.gz', 'another build')
    const report = await publish(deps({ packages: 'build/*.tar.gz' }, { event: tag }))
    expect(report.error).toMatch(
      /refusing to replace published stable file.*packages\/bin\/x86_64\/falco-0\.40\.0-x86_64\.tar\.gz.*'overwrite: true'/
    )
    expect(readFileSync(join(store, 'packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz'))).toEqual(
      before
    )
  })

  it('names the glob that matched nothing, and writes nothing', async () => {
    const report = await publish(deps({ packages: 'build/*.tar.gz\nmissing/*.deb' }))
    expect(report.error).toMatch(/input 'packages': "build\/\*\.tar\.gz" matches no file/)
    expect(storeFiles()).toEqual([])
  })

  it('names a tarball whose architecture it cannot tell', async () => {
    tarball('falco-0.41.0-x86_64.tar.gz')
    tarball('falco-0.41.0-sparc.tar.gz')
    const report = await publish(deps({ packages: 'build/*.tar.gz' }))
    expect(report.error).toMatch(/falco-0\.41\.0-sparc\.tar\.gz: cannot tell the architecture/)
    expect(storeFiles()).toEqual([])
  })

  it('plans every stage before applying any, so a bad input anywhere writes nothing', async () => {
    tarball('falco-0.41.0-x86_64.tar.gz')
    const calls: string[] = []
    const report = await publish(
      deps(
        { packages: 'build/*.tar.gz' },
        {
          stages: [
            packagesStage,
            recordingStage('containers', calls),
            recordingStage('drivers', calls, 'fail-plan')
          ]
        }
      )
    )
    expect(report.error).toBe('drivers: bad input')
    expect(calls).toEqual(['plan containers', 'plan drivers'])
    expect(storeFiles()).toEqual([])
  })

  it('stops at a failing stage, keeps what it published, and names the stages not run', async () => {
    const calls: string[] = []
    const report = await publish(
      deps(
        {},
        {
          stages: [
            recordingStage('packages', calls),
            recordingStage('containers', calls, 'fail-apply'),
            recordingStage('drivers', calls)
          ]
        }
      )
    )
    expect(calls).toEqual([
      'plan packages',
      'plan containers',
      'plan drivers',
      'apply packages',
      'apply containers'
    ])
    expect(report.error).toBe('containers: boom')
    expect(report.results.map((result) => [result.stage, result.failed.length])).toEqual([
      ['packages', 0],
      ['containers', 1]
    ])
    expect(report.notRun).toEqual(['drivers'])
  })

  it('tells the store once, before the first stage that writes to it applies, and never in a dry run', async () => {
    /** The run's store, reporting when it is told writes are coming (S3 starts its probe). */
    const told = (calls: string[]) => (url: URL) =>
      Object.assign(openStore(url), { prepareWrites: () => calls.push('prepare writes') })
    const run = async (stages: StageName[], inputs: Record<string, string> = {}) => {
      const calls: string[] = []
      const report = await publish(
        deps(inputs, {
          openStore: told(calls),
          stages: stages.map((name) => recordingStage(name, calls))
        })
      )
      expect(report.error).toBeUndefined()
      return calls
    }
    expect(await run(['packages', 'containers', 'drivers'])).toEqual([
      'plan packages',
      'plan containers',
      'plan drivers',
      'prepare writes',
      'apply packages',
      'apply containers',
      'apply drivers'
    ])
    expect(await run(['containers', 'drivers'])).toEqual([
      'plan containers',
      'plan drivers',
      'prepare writes',
      'apply containers',
      'apply drivers'
    ])
    // Images and the GitHub release go elsewhere: the store is not written.
    expect(await run(['containers', 'release'])).toEqual([
      'plan containers',
      'plan release',
      'apply containers',
      'apply release'
    ])
    expect(await run(['packages'], { 'dry-run': 'true' })).toEqual(['plan packages'])
  })

  it('plans but writes nothing in a dry run', async () => {
    tarball('falco-0.41.0-x86_64.tar.gz')
    const report = await publish(deps({ packages: 'build/*.tar.gz', 'dry-run': 'true' }))
    expect(report.error).toBeUndefined()
    expect(report.plans[0].operations.map((op) => `${op.action} ${op.target}`)).toEqual([
      'put packages/bin-dev/x86_64/falco-0.41.0-x86_64.tar.gz',
      'put packages/bin-dev/x86_64/SHA256SUMS'
    ])
    expect(storeFiles()).toEqual([])
  })

  it('does not plan or read checks when there is nothing to publish', async () => {
    const calls: string[] = []
    const report = await publish(
      deps(
        { 'require-checks': 'true' },
        {
          event: {
            eventName: 'pull_request',
            ref: 'refs/pull/1/merge',
            sha: 'a'.repeat(40),
            payload: {}
          },
          stages: [recordingStage('packages', calls)]
        }
      )
    )
    expect(report.error).toBeUndefined()
    expect(report.release?.channel).toBe('none')
    expect(report.gate).toBeUndefined()
    expect(calls).toEqual([])
  })

  it('asks for a token when checks are required and none was given, before writing', async () => {
    tarball('falco-0.41.0-x86_64.tar.gz')
    const report = await publish(deps({ packages: 'build/*.tar.gz', 'require-checks': 'true' }))
    expect(report.error).toMatch(
      /input 'github-token': a token is needed .* or set require-checks to false/
    )
    expect(storeFiles()).toEqual([])
  })
})
