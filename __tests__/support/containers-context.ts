import { mkdir, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { readInputs } from '../../src/inputs.js'
import type { StageContext } from '../../src/plan.js'
import type { Release } from '../../src/release/release.js'
import { FileStore } from '../../src/store/file.js'
import { recordingLog, type RecordingLog } from '../github/recording-log.js'

export function release(kind: 'stable' | 'stable-old' | 'dev' | 'prerelease' | 'none'): Release {
  const sha = '8c4040b1f2a3d4e5f60718293a4b5c6d7e8f9012'
  switch (kind) {
    case 'stable':
      return {
        channel: 'stable',
        version: '0.40.0',
        prerelease: false,
        latest: true,
        reason: 'tag 0.40.0',
        tag: '0.40.0',
        sha
      }
    case 'stable-old':
      return {
        channel: 'stable',
        version: '0.39.3',
        prerelease: false,
        latest: false,
        reason: 'tag 0.39.3',
        tag: '0.39.3',
        sha
      }
    case 'dev':
      return {
        channel: 'dev',
        version: '0.41.0-15+8c4040b',
        prerelease: false,
        latest: false,
        reason: 'push to master',
        sha
      }
    case 'prerelease':
      return {
        channel: 'dev',
        version: '0.41.0-rc1',
        prerelease: true,
        latest: false,
        reason: 'tag 0.41.0-rc1',
        tag: '0.41.0-rc1',
        sha
      }
    case 'none':
      return {
        channel: 'none',
        version: '',
        prerelease: false,
        latest: false,
        reason: 'pull_request',
        sha
      }
  }
}

/** A StageContext as main.ts builds it, from raw action inputs. */
export async function context(
  dir: string,
  kind: Parameters<typeof release>[0],
  inputs: Record<string, string>
): Promise<StageContext & { log: RecordingLog }> {
  await mkdir(path.join(dir, 'store'), { recursive: true })
  return {
    release: release(kind),
    inputs: readInputs((name) => inputs[name]),
    store: new FileStore(path.join(dir, 'store')),
    log: recordingLog(),
    workspace: dir,
    workdir: path.join(dir, 'work')
  }
}

/** A Docker config as docker/login-action writes it. */
export async function dockerConfig(
  dir: string,
  logins: Record<string, { user: string; password: string }>
): Promise<string> {
  const auths = Object.fromEntries(
    Object.entries(logins).map(([host, l]) => [
      host,
      { auth: Buffer.from(`${l.user}:${l.password}`).toString('base64') }
    ])
  )
  const file = path.join(dir, 'docker', 'config.json')
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, JSON.stringify({ auths }, null, 2))
  return file
}
