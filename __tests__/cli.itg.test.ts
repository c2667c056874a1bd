/** The command line, run from the bundle as a user runs it (`npm start` is `node dist/cli.js demo`). */
import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import { AptClient } from './support/apt-client.js'
import { readActionYml } from '../scripts/readme-tables.js'
import { fixture } from './support/drivers-fixtures.js'
import { DnfClient } from './support/dnf-client.js'
import { serveDirectory } from './support/http-serve.js'
import { generateTestKey } from './support/keys.js'
import { run as runTool } from './support/run.js'

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
  it('runs the demo: signed apt, dnf and tarball repositories that the real clients accept', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'falco-publish-demo-'))
    const store = join(dir, 'public')
    const { code, stdout, stderr } = await run(['demo', '--store', store])
    expect(stderr).toContain('== Publish: packages')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^Published dev release \S+:$/m)
    for (const file of [
      'deb-dev/stable/falco-0.41.0-x86_64.deb',
      'deb-dev/stable/falco-0.41.0-aarch64.deb',
      'rpm-dev/falco-0.41.0-x86_64.rpm',
      'rpm-dev/falco-0.41.0-aarch64.rpm',
      'bin-dev/x86_64/falco-0.41.0-x86_64.tar.gz',
      'bin-dev/aarch64/falco-0.41.0-aarch64.tar.gz'
    ]) {
      expect(stdout).toContain(`packages/${file}`)
    }
    expect(stdout).toContain('deb-dev stable main')
    expect(stdout).toMatch(/^channel=dev$/m)

    const key = join(store, 'packages/repository-key.asc')
    const server = await serveDirectory(store)
    try {
      const apt = await AptClient.create(
        join(dir, 'apt'),
        `deb [signed-by=${key}] ${server.url}/packages/deb-dev stable main`
      )
      const update = await apt.update()
      expect([update.code, update.stderr]).toEqual([0, ''])
      expect((await apt.download('falco')).files).toEqual(['falco_0.41.0_amd64.deb'])

      const dnf = await DnfClient.create(join(dir, 'dnf'), `${server.url}/packages/rpm-dev`, key)
      const fetched = await dnf.download('falco')
      // dnf keeps the repository's file names, and fetches every arch the repository offers.
      expect([fetched.code, fetched.files.sort()]).toEqual([
        0,
        ['falco-0.41.0-aarch64.rpm', 'falco-0.41.0-x86_64.rpm']
      ])

      const sums = await runTool('sha256sum', ['--check', 'SHA256SUMS'], {
        cwd: join(store, 'packages/bin-dev/x86_64')
      })
      expect([sums.code, sums.stdout]).toEqual([0, 'falco-0.41.0-x86_64.tar.gz: OK\n'])
    } finally {
      await server.close()
    }
  })

  it('verify: a store published earlier, served by nginx, is OK; a tampered tarball exits 1 naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'falco-publish-verify-cli-'))
    const store = join(dir, 'public')
    const demo = await run(['demo', '--store', store])
    expect(demo.code).toBe(0)
    const publishedFile = /^published-file=(.+)$/m.exec(demo.stdout)?.[1] ?? ''
    const server = await serveDirectory(store)
    try {
      const ok = await run(['verify', '--store', store, '--public-url', `${server.url}/`])
      expect([ok.code, ok.stderr]).toEqual([0, expect.stringContaining('== verify')])
      expect(ok.stdout).toMatch(/^apt=OK \(\d+\)$/m)
      expect(ok.stdout).toMatch(/^dnf=OK \(\d+\)$/m)
      expect(ok.stdout).toMatch(/^bin=OK \(\d+\)$/m)

      // What one run published, from its published-file output.
      const run1 = await run([
        'verify',
        '--store',
        store,
        '--public-url',
        `${server.url}/`,
        '--published-file',
        publishedFile
      ])
      expect(run1.code).toBe(0)
      expect(run1.stdout).toMatch(/^apt=OK \(\d+\)\ndnf=OK \(\d+\)\nbin=OK \(\d+\)\n$/)

      // A published-file whose signer is not one a run writes: refused, naming the file and item.
      const items = JSON.parse(readFileSync(publishedFile, 'utf8')) as { path: string }[]
      const malformed = join(dir, 'malformed-published.json')
      writeFileSync(malformed, JSON.stringify([{ ...items[0], signer: 'someone' }]))
      const refused = await run(['verify', '--store', store, '--published-file', malformed])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain(
        `--published-file ${malformed}: ${items[0].path} has a signer that is neither`
      )

      const tarball = 'packages/bin-dev/x86_64/falco-0.41.0-x86_64.tar.gz'
      writeFileSync(join(store, tarball), 'not the published bytes')
      // One pass: no CDN is propagating here, so there is nothing to wait for.
      const bad = await run([
        'verify',
        '--store',
        store,
        '--public-url',
        `${server.url}/`,
        '--verify-timeout',
        '0'
      ])
      expect(bad.code).toBe(1)
      expect(bad.stdout).toMatch(/^bin=FAILED \(1 of \d+\)$/m)
      expect(bad.stderr).toContain(`${server.url}/${tarball}`)
    } finally {
      await server.close()
    }
  })

  it('writes the dnf .repo file for where the store is served, given --public-url', async () => {
    const store = join(mkdtempSync(join(tmpdir(), 'falco-publish-url-')), 'public')
    const { code } = await run([
      'demo',
      '--store',
      store,
      '--public-url',
      'https://download.example.org/'
    ])
    expect(code).toBe(0)
    const repo = readFileSync(join(store, 'packages/rpm-dev/falco-publish.repo'), 'utf8')
    expect(repo).toContain('baseurl=https://download.example.org/packages/rpm-dev')
    expect(repo).toContain('gpgkey=https://download.example.org/packages/repository-key.asc')
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
    expect(stderr).toContain('unknown flag --stroe (did you mean --store?)')
  })

  it('exits 1 naming the input on a bad value, and never prints the token', async () => {
    const token = 'ghp_cliTokenThatMustStaySecret42'
    const { code, stdout, stderr } = await run(['--channel', 'nightly'], { GITHUB_TOKEN: token })
    expect(code).toBe(1)
    expect(stderr).toContain("input 'channel'")
    expect(stdout + stderr).not.toContain(token)
  })

  it('prints its help, listing every input of action.yml and every command', async () => {
    const { code, stdout } = await run(['--help'])
    expect(code).toBe(0)
    expect(stdout).toContain('usage: falco-publish')
    const inputs = Object.keys(readActionYml().inputs)
    expect(inputs.filter((name) => !new RegExp(`^  --${name}\\b`, 'm').test(stdout))).toEqual([])
    for (const command of ['publish', 'demo', 'remove', 're-sign', 'drivers-check'])
      expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'))
    for (const ask of [['help'], ['-h']]) expect((await run(ask)).stdout).toBe(stdout)
  })

  it('prints its version', async () => {
    const { code, stdout } = await run(['--version'])
    expect(code).toBe(0)
    expect(stdout).toBe(`${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`)
  })
})

describe('falco-publish drivers-check', () => {
  const fixtures = fixture('driverkit-config')

  it('validates the real test-infra configs and writes nothing', async () => {
    const { code, stdout } = await run(['drivers-check', '--drivers-config', fixtures])
    expect(stdout).toMatch(/^32 configs valid, 0 invalid, \d+ warnings$/m)
    expect(code).toBe(0)
  })

  it('exits 1 naming an invalid config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'falco-publish-grid-'))
    mkdirSync(join(dir, '9.0.0+driver', 'x86_64'), { recursive: true })
    writeFileSync(
      join(dir, '9.0.0+driver', 'x86_64', 'ubuntu_5.15.0-1_1.yaml'),
      'kernelrelease: ../../etc\ntarget: ubuntu\n'
    )
    const { code, stderr } = await run(['drivers-check', '--drivers-config', dir])
    expect(code).toBe(1)
    expect(stderr).toContain('ubuntu_5.15.0-1_1.yaml')
  })
})

describe('falco-publish remove and re-sign', () => {
  it('unpublishes a package from every index, then re-signs with a new key that apt accepts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'falco-publish-maintain-'))
    const store = join(dir, 'public')
    expect((await run(['demo', '--store', store])).code).toBe(0)
    const demoKey = resolve('.falco-publish', 'demo-signing-key.asc')

    const removed = await run([
      'remove',
      '--store',
      store,
      '--channel',
      'dev',
      '--remove',
      'falco=0.41.0',
      '--gpg-private-key',
      `@${demoKey}`
    ])
    expect(removed.stderr).not.toContain('BEGIN PGP PRIVATE KEY')
    expect(removed.code).toBe(0)
    expect(removed.stdout).toContain('removed  packages/deb-dev/stable/falco-0.41.0-x86_64.deb')
    expect(existsSync(join(store, 'packages/deb-dev/stable/falco-0.41.0-x86_64.deb'))).toBe(false)
    const index = readFileSync(
      join(store, 'packages/deb-dev/dists/stable/main/binary-amd64/Packages'),
      'utf8'
    )
    expect(index).not.toContain('Package: falco')

    const newKey = await generateTestKey('ecc')
    writeFileSync(join(dir, 'new-key.asc'), newKey.armoredPrivate)
    const resigned = await run([
      're-sign',
      '--store',
      store,
      '--channel',
      'dev',
      '--gpg-private-key',
      `@${join(dir, 'new-key.asc')}`
    ])
    expect(resigned.code).toBe(0)
    const server = await serveDirectory(store)
    try {
      const newPublic = join(dir, 'new-public.asc')
      writeFileSync(newPublic, newKey.armoredPublic)
      const apt = await AptClient.create(
        join(dir, 'apt'),
        `deb [signed-by=${newPublic}] ${server.url}/packages/deb-dev stable main`
      )
      const update = await apt.update()
      expect([update.code, update.stderr]).toEqual([0, ''])
    } finally {
      await server.close()
    }
  })

  it('asks for an explicit channel', async () => {
    const { code, stderr } = await run(['re-sign', '--store', mkdtempSync(join(tmpdir(), 'x-'))])
    expect(code).toBe(1)
    expect(stderr).toContain('re-sign needs --channel dev or --channel stable')
  })
})
