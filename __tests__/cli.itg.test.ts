/** The command line, run from the bundle as a user runs it (`npm start` is `node dist/cli.js demo`). */
import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const cli = resolve('dist/cli.js')

function run(
  args: string[],
  env: Record<string, string> = {}
): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run 'npm run package' first`)
  return new Promise((done) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...env } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr })
    )
  })
}

describe('falco-publish on the command line', () => {
  it('runs the demo: a dev release of examples/ into the store, and says how to serve it', async () => {
    const store = join(mkdtempSync(join(tmpdir(), 'falco-publish-demo-')), 'public')
    const { code, stdout, stderr } = await run(['demo', '--store', store])
    expect(stderr).toContain('== Publish: packages')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Published dev release \S+:$/m)
    expect(stdout).toContain(`python3 -m http.server --directory ${store} 8080`)
    expect(stdout).toMatch(/^channel=dev$/m)
    const files = readdirSync(join(store, 'packages/bin-dev'), { recursive: true })
      .map(String)
      .sort()
    expect(files).toEqual([
      'aarch64',
      'aarch64/SHA256SUMS',
      'aarch64/falco-0.41.0-aarch64.tar.gz',
      'x86_64',
      'x86_64/SHA256SUMS',
      'x86_64/falco-0.41.0-x86_64.tar.gz'
    ])
    const sums = readFileSync(join(store, 'packages/bin-dev/x86_64/SHA256SUMS'), 'utf8')
    expect(sums).toMatch(/^[0-9a-f]{64} {2}falco-0\.41\.0-x86_64\.tar\.gz\n$/)
  })

  it('takes the workflow context from flags', async () => {
    const { code, stdout } = await run([
      '--event',
      'push',
      '--ref',
      'refs/tags/v0.40.0',
      '--sha',
      'a'.repeat(40),
      '--require-checks',
      'false',
      '--latest',
      'true',
      '--dry-run'
    ])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^channel=stable$/m)
    expect(stdout).toMatch(/^version=0\.40\.0$/m)
    expect(stdout).toMatch(/^latest=true$/m)
  })

  it('writes the job summary where --summary says', async () => {
    const summary = join(mkdtempSync(join(tmpdir(), 'falco-publish-summary-')), 'summary.md')
    await run([
      '--event',
      'pull_request',
      '--ref',
      'refs/pull/1/merge',
      '--sha',
      'a'.repeat(40),
      '--summary',
      summary
    ])
    expect(readFileSync(summary, 'utf8')).toContain('## falco-publish: nothing to publish')
  })

  it('exits 2 with a usage message on an unknown flag', async () => {
    const { code, stderr } = await run(['--stroe', 'x'])
    expect(code).toBe(2)
    expect(stderr).toContain('unknown flag --stroe')
  })

  it('exits 1 naming the input on a bad value, and never prints the token', async () => {
    const token = 'ghp_cliTokenThatMustStaySecret42'
    const { code, stdout, stderr } = await run(['--channel', 'nightly'], { GITHUB_TOKEN: token })
    expect(code).toBe(1)
    expect(stderr).toContain("input 'channel'")
    expect(stdout + stderr).not.toContain(token)
  })

  it('prints its help', async () => {
    const { code, stdout } = await run(['--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('usage: falco-publish')
    expect(stdout).toContain('--dry-run')
  })
})
