import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import * as http from 'node:http'
import * as https from 'node:https'
import type { AddressInfo } from 'node:net'
import * as os from 'node:os'
import * as path from 'node:path'
import { createHttp } from '../src/oci/http.js'
import { tool } from './support/tools.js'

/**
 * The registry client's HTTP over both schemes: node:https is loaded on the first https URL
 * only, and is then really used (a self-signed certificate is refused, as it must be).
 */

let dir: string
let plain: http.Server
let secure: https.Server

const listen = (server: http.Server | https.Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  )

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'oci-http-'))
  const key = path.join(dir, 'key.pem')
  const cert = path.join(dir, 'cert.pem')
  await tool('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1'
  ])
  const answer = (_req: http.IncomingMessage, res: http.ServerResponse) =>
    res.writeHead(200, { 'docker-distribution-api-version': 'registry/2.0' }).end('{}')
  plain = http.createServer(answer)
  secure = https.createServer({ key: await readFile(key), cert: await readFile(cert) }, answer)
})

afterAll(async () => {
  plain?.close()
  secure?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

it('speaks plain HTTP and HTTPS, and refuses a certificate nobody vouches for', async () => {
  const client = createHttp({})
  try {
    const response = await client.request(`http://127.0.0.1:${await listen(plain)}/v2/`, {
      method: 'GET'
    })
    expect(response.statusCode).toBe(200)
    expect(response.headers['docker-distribution-api-version']).toBe('registry/2.0')
    await expect(
      client.request(`https://127.0.0.1:${await listen(secure)}/v2/`, { method: 'GET' })
    ).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })
    await expect(client.request('ftp://127.0.0.1/v2/', { method: 'GET' })).rejects.toThrow(
      'unsupported URL ftp://127.0.0.1'
    )
  } finally {
    client.close()
  }
})
