import { afterAll, describe, expect, it } from '@jest/globals'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { builderEnv, execBuilder } from '../src/drivers/build.js'
import { readDriverInputs } from '../src/drivers/inputs.js'
import { InputError } from '../src/inputs.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'drivers-env-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe("the builder's environment", () => {
  it('holds PATH, HOME, the placeholders and the listed variables, never the action secrets', async () => {
    // What a runner's environment holds while the action runs.
    const source: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: '/home/runner',
      'INPUT_GPG-PRIVATE-KEY': '-----BEGIN PGP PRIVATE KEY BLOCK-----\nsecretkeymaterial',
      'INPUT_GPG-PASSPHRASE': 'passphrase-value',
      'INPUT_STORE-PASSWORD': 'store-password-value',
      GITHUB_TOKEN: 'ghs_tokenvalue',
      AWS_SECRET_ACCESS_KEY: 'aws-secret-value',
      DOCKER_HOST: 'unix:///run/docker.sock'
    }
    const env = builderEnv(source, ['DOCKER_HOST', 'NOT_SET'], {
      config: '/w/config.yaml',
      kernelrelease: '6.1.0-1-amd64'
    })
    expect(env).toEqual({
      PATH: process.env.PATH,
      HOME: '/home/runner',
      DOCKER_HOST: 'unix:///run/docker.sock',
      DRIVER_CONFIG: '/w/config.yaml',
      DRIVER_KERNELRELEASE: '6.1.0-1-amd64'
    })

    // A builder that prints its whole environment into the build log (driver-logs).
    const script = path.join(dir, 'print-env.sh')
    writeFileSync(script, '#!/bin/sh\nenv\n')
    chmodSync(script, 0o755)
    const logFile = path.join(dir, 'build.log')
    const outcome = await execBuilder.run({ argv: [script], cwd: dir, logFile, timeout: 0, env })
    expect(outcome.exitCode).toBe(0)
    const log = readFileSync(logFile, 'utf8')
    expect(log).toContain('DRIVER_KERNELRELEASE=6.1.0-1-amd64')
    expect(log).toContain('DOCKER_HOST=unix:///run/docker.sock')
    for (const secret of [
      'secretkeymaterial',
      'passphrase-value',
      'store-password-value',
      'ghs_tokenvalue',
      'aws-secret-value'
    ])
      expect(log).not.toContain(secret)
    // Nothing of the test process's own environment either.
    expect(log).not.toContain('JEST_WORKER_ID')
  })

  it('takes names only in driver-builder-env', () => {
    const read = (value: string) =>
      readDriverInputs((n) => (n === 'driver-builder-env' ? value : ''))
    expect(read('DOCKER_HOST, DOCKER_CONFIG').builderEnv).toEqual(['DOCKER_HOST', 'DOCKER_CONFIG'])
    expect(() => read('DOCKER_HOST=tcp://x')).toThrow(InputError)
    expect(() => read('DOCKER_HOST=tcp://x')).toThrow(/driver-builder-env.*never values/)
  })
})
