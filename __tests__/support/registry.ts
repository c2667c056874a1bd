import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import * as path from 'node:path'
import { freePort, tool } from './tools.js'

/**
 * Debian's docker-registry (Distribution 2.8) on 127.0.0.1 with htpasswd or token auth,
 * started for a test and stopped by it.
 */
export interface RunningRegistry {
  host: string
  port: number
  root: string
  /** The registry's own access log (combined format), when started with `accessLog`. */
  accessLog(): string[]
  stop(): Promise<void>
}

export type RegistryAuthConfig =
  | { htpasswd: { user: string; password: string } }
  | { token: { realm: string; service: string; issuer: string; rootcertbundle: string } }
  | Record<string, never>

export async function startRegistry(
  dir: string,
  auth: RegistryAuthConfig,
  options: { accessLog?: boolean } = {}
): Promise<RunningRegistry> {
  const port = await freePort()
  const root = path.join(dir, 'storage')
  await mkdir(root, { recursive: true })
  let authYaml = ''
  if ('htpasswd' in auth) {
    const line = await tool('htpasswd', ['-Bbn', auth.htpasswd.user, auth.htpasswd.password])
    const file = path.join(dir, 'htpasswd')
    await writeFile(file, line.trim() + '\n')
    authYaml = `auth:\n  htpasswd:\n    realm: test-registry\n    path: ${file}\n`
  } else if ('token' in auth) {
    const t = auth.token
    authYaml =
      `auth:\n  token:\n    realm: ${t.realm}\n    service: ${t.service}\n    issuer: ${t.issuer}\n` +
      `    rootcertbundle: ${t.rootcertbundle}\n`
  }
  const config = path.join(dir, 'config.yml')
  await writeFile(
    config,
    `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: ${options.accessLog ? 'false' : 'true'}\nstorage:\n  filesystem:\n    rootdirectory: ${root}\n  delete:\n    enabled: true\n` +
      `http:\n  addr: 127.0.0.1:${port}\n${authYaml}`
  )
  const child: ChildProcess = spawn('docker-registry', ['serve', config], {
    stdio: ['ignore', options.accessLog ? 'pipe' : 'ignore', 'pipe']
  })
  // Distribution writes its access log to stdout, one request a line.
  let stdout = ''
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()))
  const accessLog = () => stdout.split('\n').filter((l) => l !== '')
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.once('error', (error) => {
    stderr += `\n${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'docker-registry is not installed (Debian package docker-registry)' : error.message}`
  })
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      await exited
    }
  }
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null || child.signalCode !== null) break
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v2/`)
      if (res.status === 200 || res.status === 401)
        return { host: `127.0.0.1:${port}`, port, root, accessLog, stop }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  await stop()
  throw new Error(`docker-registry did not start on 127.0.0.1:${port}: ${stderr}`)
}
