/**
 * The reusable workflow `.github/workflows/publish.yml`, run as the runner runs its steps: the
 * caller's `with:` and `secrets:` evaluated into the publish step's inputs, the artifact placed in
 * the checkout, then `node dist/index.js` with INPUT_* variables. Shows that a key passed as a
 * secret reaches the action and signs what it publishes (gpgv checks the signatures), and that a
 * dry run without one prints the plan and succeeds.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { buildDeb } from './support/build-packages.js'
import { gitRepo, type GitRepo } from './support/git-repo.js'
import { generateTestKey, type TestKey } from './support/keys.js'
import { mustRun, requireTools, run } from './support/run.js'
import { tarGz } from './support/tarball.js'

requireTools({ 'dpkg-deb': 'dpkg', gpg: 'gnupg', gpgv: 'gpgv' })

const bundle = resolve('dist/index.js')

interface WorkflowInput {
  type: string
  default?: string | boolean
}
interface Workflow {
  on: {
    workflow_call: {
      inputs: Record<string, WorkflowInput>
      secrets?: Record<string, { required?: boolean }>
    }
  }
  jobs: { publish: { steps: Array<{ id?: string; uses: string; with?: Record<string, unknown> }> } }
}

const workflow = parse(readFileSync('.github/workflows/publish.yml', 'utf8')) as Workflow

/**
 * The publish step's inputs as GitHub evaluates them: `${{ inputs.x }}` from the caller's `with`
 * (or the input's default), `${{ secrets.X }}` from the caller's `secrets` ('' when not given).
 */
function stepInputs(
  withInputs: Record<string, string | boolean>,
  secrets: Record<string, string>
): Record<string, string> {
  const declared = workflow.on.workflow_call
  const step = workflow.jobs.publish.steps.find((s) => s.id === 'publish')
  if (!step?.with) throw new Error('publish.yml has no step with id publish')
  const value = (scope: string, name: string): string => {
    if (scope === 'inputs') {
      if (!(name in declared.inputs)) throw new Error(`publish.yml uses undeclared input ${name}`)
      return String(withInputs[name] ?? declared.inputs[name].default ?? '')
    }
    if (!(name in (declared.secrets ?? {})))
      throw new Error(`publish.yml uses undeclared secret ${name}`)
    return secrets[name] ?? ''
  }
  return Object.fromEntries(
    Object.entries(step.with).map(([name, raw]) => [
      name,
      String(raw).replace(/\$\{\{\s*(inputs|secrets)\.([\w-]+)\s*\}\}/g, (_, scope, key) =>
        value(scope as string, key as string)
      )
    ])
  )
}

let repo: GitRepo
let key: TestKey
let sha: string

beforeAll(async () => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run 'npm run package' first`)
  key = await generateTestKey('ecc')
  // actions/checkout: the caller's repository at the tag.
  repo = gitRepo()
  sha = repo.commit('release')
  repo.tag('0.40.0')
  // actions/download-artifact into the checkout (path: .).
  mkdirSync(join(repo.dir, 'build'), { recursive: true })
  await buildDeb(join(repo.dir, 'build'), { name: 'falco', version: '0.40.0', arch: 'amd64' })
  writeFileSync(join(repo.dir, 'build/falco-0.40.0-x86_64.tar.gz'), tarGz('falco 0.40.0\n'))
}, 60000)

/** `node dist/index.js` for the step, on a push of tag 0.40.0. */
async function runStep(inputs: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'publish-workflow-'))
  for (const file of ['event.json', 'output', 'summary']) writeFileSync(join(dir, file), '')
  writeFileSync(join(dir, 'event.json'), '{}')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/tags/0.40.0',
    GITHUB_SHA: sha,
    GITHUB_REPOSITORY: 'falcosecurity/sibling',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_WORKSPACE: repo.dir,
    RUNNER_TEMP: dir,
    // The runner sets an input the step's `with` gives, whatever its value; names upper-cased.
    ...Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])
    )
  }
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
    execFile(process.execPath, [bundle], { env, cwd: repo.dir }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code) : 0, stdout, stderr })
    )
  )
  return { ...result, output: readFileSync(join(dir, 'output'), 'utf8'), dir }
}

describe('the reusable workflow publish.yml', () => {
  it('declares the signing key as a secret and hands it to the action', () => {
    expect(workflow.on.workflow_call.secrets).toMatchObject({
      GPG_PRIVATE_KEY: { required: false },
      GPG_PASSPHRASE: { required: false }
    })
    expect(stepInputs({}, { GPG_PRIVATE_KEY: 'k', GPG_PASSPHRASE: 'p' })).toMatchObject({
      'gpg-private-key': 'k',
      'gpg-passphrase': 'p'
    })
  })

  it('publishes signed packages with the key passed in its secrets block', async () => {
    const inputs = stepInputs(
      {
        artifact: 'packages',
        packages: 'build/*.deb\nbuild/*.tar.gz',
        store: 'public',
        'require-checks': false
      },
      { GPG_PRIVATE_KEY: key.armoredPrivate }
    )
    const r = await runStep(inputs)
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error'))).toEqual([])
    expect(r.code).toBe(0)
    // `::add-mask::` lines tell the runner what to hide; anywhere else the key would be shown.
    const shown = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'))
    expect(shown.join('\n')).not.toContain(key.armoredPrivate.split('\n')[3])
    expect(r.output).toMatch(/^channel<<\S+\nstable\n/m)

    // The published key checks what was published: InRelease and the tarball's SHA256SUMS.
    const store = join(repo.dir, 'public/packages')
    const keyring = join(r.dir, 'key.gpg')
    await mustRun('gpg', [
      '--batch',
      '--yes',
      '-o',
      keyring,
      '--dearmor',
      join(store, 'repository-key.asc')
    ])
    const inRelease = await run('gpgv', [
      '--keyring',
      keyring,
      join(store, 'deb/dists/stable/InRelease')
    ])
    expect(inRelease.code).toBe(0)
    const sums = await run('gpgv', [
      '--keyring',
      keyring,
      join(store, 'bin/x86_64/SHA256SUMS.asc'),
      join(store, 'bin/x86_64/SHA256SUMS')
    ])
    expect(sums.code).toBe(0)
    expect(readFileSync(join(store, 'bin/x86_64/SHA256SUMS'), 'utf8')).toContain(
      'falco-0.40.0-x86_64.tar.gz'
    )
  })

  it('without the secret, a dry run prints the full plan with signing skipped and succeeds', async () => {
    const inputs = stepInputs(
      {
        artifact: 'packages',
        packages: 'build/*.deb\nbuild/*.tar.gz',
        store: 'preview',
        'dry-run': true,
        'require-checks': false
      },
      {}
    )
    expect(inputs['gpg-private-key']).toBe('')
    const r = await runStep(inputs)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('put    packages/deb/stable/falco-0.40.0-x86_64.deb')
    expect(r.stdout).toContain('put    packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz')
    expect(r.stdout).toContain(
      "skip   signatures (signing skipped: no 'gpg-private-key' (dry-run))"
    )
    expect(existsSync(join(repo.dir, 'preview'))).toBe(false)
  })
})
