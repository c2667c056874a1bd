/**
 * The bundle publishes to the remote stores as GitHub's runner starts it (`node dist/index.js`,
 * INPUT_* variables, debug logging on), and users fetch and verify what it published: curl and
 * `sha256sum -c` against the SHA256SUMS index, over the servers' plain GET. No credential value
 * may appear in stdout (other than the runner's ::add-mask:: instructions), stderr, the outputs or
 * the job summary.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { generateTestKey } from './support/keys.js'
import { requireTool, startNginx, startS3rver, type RunningServer } from './support/servers.js'
import { tarGz } from './support/tarball.js'

const bundle = resolve('dist/index.js')
const secrets = {
  githubToken: 'ghs_remoteStoresTokenNeverPrinted0123456',
  storePassword: 'dav-Pa55word-never-printed',
  awsSecret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYnEverPrinted',
  awsSession: 'FwoGZXIvYXdzEBsessionTokenNeverPrinted'
}
const BUCKET = 'falco-distribution'
const INDEX = 'packages/bin-dev/x86_64/SHA256SUMS'

let nginx: RunningServer
let s3: RunningServer
let scratch: string
let signingKey: string

beforeAll(async () => {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run 'npm run package' first`)
  requireTool('curl', 'curl')
  requireTool('sha256sum', 'coreutils')
  nginx = await startNginx({ auth: { username: 'publisher', password: secrets.storePassword } })
  s3 = await startS3rver(BUCKET)
  scratch = mkdtempSync(join(tmpdir(), 'falco-publish-remote-'))
  signingKey = (await generateTestKey('ecc')).armoredPrivate
})

afterAll(async () => {
  await nginx?.stop()
  await s3?.stop()
  if (scratch) rmSync(scratch, { recursive: true, force: true })
})

interface Run {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
}

async function runAction(
  inputs: Record<string, string>,
  env: Record<string, string> = {}
): Promise<Run> {
  const dir = mkdtempSync(join(scratch, 'run-'))
  const workspace = join(dir, 'workspace')
  mkdirSync(join(workspace, 'build'), { recursive: true })
  writeFileSync(
    join(workspace, 'build', 'falco-0.41.0-7+8c4040b-x86_64.tar.gz'),
    tarGz('falco 0.41.0-7\n')
  )
  writeFileSync(join(dir, 'event.json'), '{}')
  writeFileSync(join(dir, 'output'), '')
  writeFileSync(join(dir, 'summary'), '')
  const fullEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/master',
    GITHUB_SHA: '8c4040b1f2e3d4c5b6a7980123456789abcdef01',
    GITHUB_REPOSITORY: 'falcosecurity/falco',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: dir,
    RUNNER_DEBUG: '1',
    'INPUT_GITHUB-TOKEN': secrets.githubToken,
    'INPUT_REQUIRE-CHECKS': 'false',
    INPUT_CHANNEL: 'dev',
    INPUT_VERSION: '0.41.0-7+8c4040b',
    INPUT_PACKAGES: 'build/*.tar.gz',
    'INPUT_GPG-PRIVATE-KEY': signingKey,
    ...env,
    ...Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])
    )
  }
  const { code, stdout, stderr } = await new Promise<{
    code: number | null
    stdout: string
    stderr: string
  }>((done) => {
    execFile(process.execPath, [bundle], { env: fullEnv, cwd: workspace }, (error, out, err) =>
      done({ code: error ? (error.code as number) : 0, stdout: out, stderr: err })
    )
  })
  const outputs: Record<string, string> = {}
  const block = /^(.+?)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const match of readFileSync(join(dir, 'output'), 'utf8').matchAll(block))
    outputs[match[1]] = match[3]
  return { code, stdout, stderr, outputs, summary: readFileSync(join(dir, 'summary'), 'utf8') }
}

/** What a user's client sees: the index and its files by plain GET, checked by sha256sum -c. */
function verifyServed(baseUrl: string): string[] {
  const dir = mkdtempSync(join(scratch, 'client-'))
  const curl = (url: string, out: string): void => {
    const run = spawnSync('curl', ['-sSf', '-o', out, url], { encoding: 'utf8' })
    if (run.status !== 0) throw new Error(`curl ${url}: ${run.stderr}`)
  }
  curl(`${baseUrl}/${INDEX}`, join(dir, 'SHA256SUMS'))
  const names = readFileSync(join(dir, 'SHA256SUMS'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(/\s+\*?/)[1])
  for (const name of names)
    curl(`${baseUrl}/packages/bin-dev/x86_64/${encodeURIComponent(name)}`, join(dir, name))
  const check = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir, encoding: 'utf8' })
  expect(check.status).toBe(0)
  return names
}

function expectNoSecret(run: Run, values: string[]): void {
  const shown = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'))
  for (const value of values) {
    expect(run.stdout).toContain(`::add-mask::${value}`)
    for (const text of [shown.join('\n'), run.stderr, run.summary, JSON.stringify(run.outputs)])
      expect(text).not.toContain(value)
  }
}

describe('publishing to remote stores with the bundle', () => {
  it('publishes to nginx WebDAV with Basic auth from store-username/store-password', async () => {
    const run = await runAction({
      store: `${nginx.url}/downloads`,
      'store-username': 'publisher',
      'store-password': secrets.storePassword
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('::debug::store: HTTP') // debug logging is on
    const published = JSON.parse(run.outputs.published) as {
      kind: string
      path: string
      url: string
    }[]
    expect(published.map((item) => item.kind)).toEqual(expect.arrayContaining(['tarball', 'index']))
    expect(published.find((item) => item.kind === 'tarball')?.url).toBe(
      `${nginx.url}/downloads/packages/bin-dev/x86_64/falco-0.41.0-7%2B8c4040b-x86_64.tar.gz`
    )
    expect(verifyServed(`${nginx.url}/downloads`)).toEqual(['falco-0.41.0-7+8c4040b-x86_64.tar.gz'])
    expectNoSecret(run, [secrets.githubToken, secrets.storePassword])
  })

  it('fails with a 401 naming the inputs to check, and still prints no password', async () => {
    const run = await runAction({
      store: `${nginx.url}/denied`,
      'store-username': 'publisher',
      'store-password': `${secrets.storePassword}-wrong`
    })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toMatch(/401.*store-username\/store-password/)
    expectNoSecret(run, [secrets.githubToken, `${secrets.storePassword}-wrong`])
  })

  it('publishes to S3 (s3rver) with credentials from the AWS environment', async () => {
    const run = await runAction(
      {
        store: `s3://${BUCKET}/downloads`,
        's3-endpoint': s3.url,
        's3-force-path-style': 'true',
        's3-region': 'eu-west-1'
      },
      {
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: secrets.awsSecret,
        AWS_SESSION_TOKEN: secrets.awsSession
      }
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('::debug::store: S3 s3://falco-distribution/downloads')
    // s3rver ignores conditional writes: the store says so and takes leases instead.
    expect(run.stdout).toMatch(/::warning::.*ignores conditional writes/)
    expect(verifyServed(`${s3.url}/${BUCKET}/downloads`)).toEqual([
      'falco-0.41.0-7+8c4040b-x86_64.tar.gz'
    ])
    expectNoSecret(run, [secrets.githubToken, secrets.awsSecret, secrets.awsSession])
  })
})
