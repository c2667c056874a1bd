import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { startNginx, type StaticServerOptions } from './static-server.js'

/**
 * A store's directory served by a real nginx on 127.0.0.1 (a free port), as the web server or CDN
 * in front of a bucket would serve it to apt, dnf and curl.
 */
export async function serveDirectory(
  root: string,
  options: StaticServerOptions = {}
): Promise<{ url: string; close: () => Promise<void>; accessLog?: string }> {
  const nginx = await startNginx(
    path.resolve(root),
    mkdtempSync(path.join(tmpdir(), 'nginx-')),
    options
  )
  return {
    url: nginx.url.replace(/\/+$/, ''),
    close: () => nginx.stop(),
    ...(nginx.accessLog && { accessLog: nginx.accessLog })
  }
}
