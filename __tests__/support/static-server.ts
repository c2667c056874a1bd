import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import * as path from 'node:path'

/** A plain static file server (Debian's nginx) over a directory, on a free 127.0.0.1 port. */
export interface StaticServer {
  url: string
  stop(): Promise<void>
  /** With `accessLog`: the file nginx logs each request to, as `METHOD /path status`. */
  accessLog?: string
}

export interface StaticServerOptions {
  /** Log every request (StaticServer.accessLog). */
  accessLog?: boolean
  /** More of nginx's server block, e.g. `location` blocks answering some paths otherwise. */
  locations?: string
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

export function requireTool(name: string, pkg: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${name}`]).status === 0
  if (!found) throw new Error(`${name} is not installed: apt-get install ${pkg}`)
}

export async function startNginx(
  root: string,
  workdir: string,
  options: StaticServerOptions = {}
): Promise<StaticServer> {
  requireTool('nginx', 'nginx')
  const port = await freePort()
  mkdirSync(path.join(workdir, 'temp'), { recursive: true })
  const conf = path.join(workdir, 'nginx.conf')
  const accessLog = options.accessLog ? path.join(workdir, 'access.log') : undefined
  const temp = (name: string) => `${name}_temp_path ${path.join(workdir, 'temp', name)};`
  // No master process: nginx stays in the foreground as our child and never switches user.
  writeFileSync(
    conf,
    `daemon off;
master_process off;
pid ${path.join(workdir, 'nginx.pid')};
error_log ${path.join(workdir, 'error.log')} warn;
events { worker_connections 64; }
http {
  log_format counted '$request_method $uri $status';
  access_log ${accessLog ? `${accessLog} counted` : 'off'};
  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}
  types { text/html html; application/json json; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    ${options.locations ?? ''}
  }
}
`
  )
  const child: ChildProcess = spawn('nginx', ['-c', conf, '-p', workdir], {
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr}`)
    const ok = await fetch(`${url}/`).then(
      () => true,
      () => false
    )
    if (ok) break
    if (i > 100) throw new Error(`nginx did not answer on ${url}: ${stderr}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    url,
    ...(accessLog && { accessLog }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
  }
}
