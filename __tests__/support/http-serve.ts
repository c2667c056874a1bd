import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { startNginx } from './static-server.js'

/**
 * A store's directory served by a real nginx on 127.0.0.1 (a free port), as the web server or CDN
 * in front of a bucket would serve it to apt, dnf and curl.
 */
export async function serveDirectory(
  root: string
): Promise<{ url: string; close: () => Promise<void> }> {
  const nginx = await startNginx(path.resolve(root), mkdtempSync(path.join(tmpdir(), 'nginx-')))
  return { url: nginx.url.replace(/\/+$/, ''), close: () => nginx.stop() }
}
