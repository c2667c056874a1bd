import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readWorkflowContext } from '../src/context.js'

describe('readWorkflowContext', () => {
  it('reads the event, the payload file, the repository and the run id', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ctx-')), 'event.json')
    writeFileSync(file, JSON.stringify({ repository: { default_branch: 'master' } }))
    const context = readWorkflowContext({
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/tags/0.40.0',
      GITHUB_SHA: 'abc',
      GITHUB_EVENT_PATH: file,
      GITHUB_REPOSITORY: 'falcosecurity/falco',
      GITHUB_RUN_ID: '42'
    })
    expect(context).toEqual({
      event: {
        eventName: 'push',
        ref: 'refs/tags/0.40.0',
        sha: 'abc',
        payload: { repository: { default_branch: 'master' } }
      },
      repository: { owner: 'falcosecurity', repo: 'falco' },
      runId: 42
    })
  })

  it('leaves out what the environment does not give', () => {
    expect(readWorkflowContext({})).toEqual({
      event: { eventName: '', ref: '', sha: '', payload: {} },
      repository: undefined,
      runId: undefined
    })
  })

  it('names a payload file that is missing or not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctx-'))
    expect(() => readWorkflowContext({ GITHUB_EVENT_PATH: join(dir, 'nope.json') })).toThrow(
      /GITHUB_EVENT_PATH .*nope\.json does not exist/
    )
    writeFileSync(join(dir, 'bad.json'), '{')
    expect(() => readWorkflowContext({ GITHUB_EVENT_PATH: join(dir, 'bad.json') })).toThrow(
      /bad\.json is not JSON/
    )
  })
})
