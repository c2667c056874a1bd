import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import * as net from 'node:net'

const run = promisify(execFile)

/** Runs a real tool; a missing tool fails the test loudly, naming the Debian package. */
export async function tool(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}
): Promise<string> {
  try {
    const { stdout } = await run(command, args, { ...options, maxBuffer: 64 * 1024 * 1024 })
    return stdout
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string }
    if (e.code === 'ENOENT') {
      throw new Error(
        `${command} is not installed; install the Debian package that provides it (${PACKAGES[command] ?? command})`
      )
    }
    throw new Error(`${command} ${args.join(' ')} failed: ${e.stderr ?? e.message}`)
  }
}

const PACKAGES: Record<string, string> = {
  'docker-registry': 'docker-registry',
  skopeo: 'skopeo',
  umoci: 'umoci',
  htpasswd: 'apache2-utils',
  openssl: 'openssl',
  docker: 'docker.io, for the docker CLI; no daemon is needed'
}

/** A port nobody listens on right now, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}
