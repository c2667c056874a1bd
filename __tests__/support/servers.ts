import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import * as path from 'node:path'

/** A real server started by a test on 127.0.0.1 and stopped by it. */
export interface RunningServer {
  url: string
  /** The directory the server keeps its objects in. */
  root: string
  stop(): Promise<void>
  /** With `accessLog`: the file nginx logs each request to, as `METHOD /path status bytes-sent`. */
  accessLog?: string
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Fails loudly when a tool the test needs is not installed, naming the package to install. */
export function requireTool(command: string, pkg: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' })
  if (found.status !== 0 || !found.stdout.trim()) {
    throw new Error(
      `${command} is not installed: apt-get install ${pkg} (listed in .ci/apt-packages)`
    )
  }
  return found.stdout.trim()
}

async function waitForPort(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode}: ${stderr()}`)
    try {
      await fetch(url, { method: 'HEAD' })
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  throw new Error(`server at ${url} did not start: ${stderr()}`)
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited
  clearTimeout(timer)
}

/**
 * Debian's nginx as a WebDAV server: PUT/DELETE/MKCOL, full PUT paths, JSON autoindex for listing
 * (or, with `listing: 'propfind'`, no autoindex but PROPFIND from the dav-ext module), with
 * `auth` Basic authentication on everything but GET and HEAD, with `accessLog` every request
 * logged.
 */
export async function startNginx(
  options: {
    auth?: { username: string; password: string }
    listing?: 'autoindex' | 'propfind'
    accessLog?: boolean
  } = {}
): Promise<RunningServer> {
  const nginx = requireTool('nginx', 'nginx')
  const dir = await mkdtemp(path.join(tmpdir(), 'falco-publish-nginx-'))
  const root = path.join(dir, 'root')
  await mkdir(root)
  await mkdir(path.join(dir, 'tmp'))
  const port = await freePort()
  let auth = ''
  if (options.auth) {
    requireTool('htpasswd', 'apache2-utils')
    const line = execFileSync('htpasswd', ['-nbB', options.auth.username, options.auth.password], {
      encoding: 'utf8'
    })
    await writeFile(path.join(dir, 'htpasswd'), line)
    auth = `limit_except GET HEAD { auth_basic "publish"; auth_basic_user_file ${dir}/htpasswd; }`
  }
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};` : ''
  const propfind = options.listing === 'propfind'
  if (propfind && !existsSync(DAV_EXT)) {
    throw new Error(`${DAV_EXT} is missing: apt-get install libnginx-mod-http-dav-ext`)
  }
  const accessLog = options.accessLog ? path.join(dir, 'access.log') : undefined
  await writeFile(
    path.join(dir, 'nginx.conf'),
    `${user}
${propfind ? `load_module ${DAV_EXT};` : ''}
daemon off;
master_process on;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  log_format counted '$request_method $uri $status $body_bytes_sent';
  access_log ${accessLog ? `${accessLog} counted` : 'off'};
  client_body_temp_path ${dir}/tmp;
  proxy_temp_path ${dir}/tmp;
  fastcgi_temp_path ${dir}/tmp;
  uwsgi_temp_path ${dir}/tmp;
  scgi_temp_path ${dir}/tmp;
  client_max_body_size 0;
  types { application/octet-stream bin; }
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / {
      dav_methods PUT DELETE MKCOL;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
      ${propfind ? 'dav_ext_methods PROPFIND;' : 'autoindex on;\n      autoindex_format json;'}
      ${auth}
    }
  }
}
`
  )
  let stderr = ''
  const child = spawn(
    nginx,
    ['-c', path.join(dir, 'nginx.conf'), '-p', dir, '-e', `${dir}/error.log`],
    {
      stdio: ['ignore', 'ignore', 'pipe']
    }
  )
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const url = `http://127.0.0.1:${port}`
  await waitForPort(url, child, () => stderr)
  return {
    url,
    root,
    ...(accessLog ? { accessLog } : {}),
    stop: async () => {
      await stopChild(child)
      await rm(dir, { recursive: true, force: true })
    }
  }
}

/** Debian's libnginx-mod-http-dav-ext: PROPFIND for nginx. */
const DAV_EXT = '/usr/lib/nginx/modules/ngx_http_dav_ext_module.so'

/**
 * s3rver in its own Node process (its paginated listing needs --openssl-legacy-provider, which
 * the test process does not run with), with one bucket.
 */
export async function startS3rver(bucket: string): Promise<RunningServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'falco-publish-s3rver-'))
  const port = await freePort()
  const bin = path.join(process.cwd(), 'node_modules', 's3rver', 'bin', 's3rver.js')
  let stderr = ''
  const child = spawn(
    process.execPath,
    [
      '--openssl-legacy-provider',
      bin,
      '--address',
      '127.0.0.1',
      '--port',
      String(port),
      '--directory',
      dir,
      '--configure-bucket',
      bucket,
      '--silent'
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } }
  )
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const url = `http://127.0.0.1:${port}`
  await waitForPort(url, child, () => stderr)
  return {
    url,
    root: dir,
    stop: async () => {
      await stopChild(child)
      await rm(dir, { recursive: true, force: true })
    }
  }
}
