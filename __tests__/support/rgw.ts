import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { freePort } from './servers.js'
import { mustRun, requireTools } from './run.js'

/**
 * Ceph's S3 gateway (RGW) on a one-node cluster started for a test file: a monitor, one OSD that
 * keeps its objects in memory (memstore), and radosgw, all on 127.0.0.1 with cephx keys made for
 * the run, and an S3 user. RGW is a real S3 implementation: it checks SigV4 signatures, makes
 * `If-None-Match: *` atomic and refuses a failed `If-Match`, which s3rver does not.
 */
export interface RunningRgw {
  /** The S3 endpoint, `http://127.0.0.1:<port>`. */
  url: string
  accessKeyId: string
  secretAccessKey: string
  stop(): Promise<void>
}

export async function startRgw(): Promise<RunningRgw> {
  requireTools({
    'ceph-mon': 'ceph-mon',
    'ceph-osd': 'ceph-osd',
    radosgw: 'radosgw',
    'ceph-authtool': 'ceph-common',
    monmaptool: 'ceph-common',
    ceph: 'ceph-common',
    'radosgw-admin': 'radosgw'
  })
  const dir = await mkdtemp(path.join(tmpdir(), 'falco-publish-rgw-'))
  const children: ChildProcess[] = []
  const stop = async (): Promise<void> => {
    for (const child of children.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
    await rm(dir, { recursive: true, force: true })
  }
  try {
    const [v1, v2, port] = [await freePort(), await freePort(), await freePort()]
    // The OSD's messengers bind ports of this range.
    const low = 20000 + Math.floor(Math.random() * 400) * 100
    const fsid = randomUUID()
    const mon = `[v2:127.0.0.1:${v2},v1:127.0.0.1:${v1}]`
    for (const d of ['run', 'log', 'mon', 'osd/ceph-0', 'keys'])
      await mkdir(path.join(dir, d), { recursive: true })
    const conf = path.join(dir, 'ceph.conf')
    await writeFile(
      conf,
      [
        '[global]',
        `fsid = ${fsid}`,
        `mon host = ${mon}`,
        'auth cluster required = cephx',
        'auth service required = cephx',
        'auth client required = cephx',
        'osd objectstore = memstore',
        'memstore device bytes = 1073741824',
        'osd pool default size = 1',
        'osd pool default min size = 1',
        'osd pool default pg num = 8',
        'osd pool default pgp num = 8',
        'mon allow pool size one = true',
        'osd crush chooseleaf type = 0',
        `ms bind port min = ${low}`,
        `ms bind port max = ${low + 99}`,
        'public addr = 127.0.0.1',
        `run dir = ${dir}/run`,
        `log file = ${dir}/log/$name.log`,
        `admin socket = ${dir}/run/$name.asok`,
        `pid file = ${dir}/run/$name.pid`,
        `mon data = ${dir}/mon/$cluster-$id`,
        `osd data = ${dir}/osd/$cluster-$id`,
        `keyring = ${dir}/keys/$name.keyring`,
        '[client.rgw.a]',
        `rgw frontends = beast endpoint=127.0.0.1:${port}`,
        ''
      ].join('\n')
    )
    const keys = (name: string): string => path.join(dir, 'keys', `${name}.keyring`)
    const authtool = (...args: string[]): Promise<string> => mustRun('ceph-authtool', args)
    await authtool(
      '--create-keyring',
      keys('mon.a'),
      '--gen-key',
      '-n',
      'mon.',
      '--cap',
      'mon',
      'allow *'
    )
    await authtool(
      '--create-keyring',
      keys('client.admin'),
      '--gen-key',
      '-n',
      'client.admin',
      '--cap',
      'mon',
      'allow *',
      '--cap',
      'osd',
      'allow *',
      '--cap',
      'mgr',
      'allow *'
    )
    await authtool(
      '--create-keyring',
      keys('client.rgw.a'),
      '--gen-key',
      '-n',
      'client.rgw.a',
      '--cap',
      'mon',
      'allow rw',
      '--cap',
      'osd',
      'allow rwx'
    )
    await authtool(keys('mon.a'), '--import-keyring', keys('client.admin'))
    await authtool(keys('mon.a'), '--import-keyring', keys('client.rgw.a'))
    const monmap = path.join(dir, 'monmap')
    await mustRun('monmaptool', ['--create', '--addv', 'a', mon, '--fsid', fsid, monmap])
    await mustRun('ceph-mon', [
      '-c',
      conf,
      '--mkfs',
      '-i',
      'a',
      '--monmap',
      monmap,
      '--keyring',
      keys('mon.a')
    ])
    const daemon = (cmd: string, args: string[]): void => {
      children.push(spawn(cmd, ['-c', conf, ...args, '-f'], { stdio: 'ignore' }))
    }
    daemon('ceph-mon', ['-i', 'a'])
    const osdUuid = randomUUID()
    const secret = (await authtool('--gen-print-key')).trim()
    const osdJson = path.join(dir, 'osd.json')
    await writeFile(osdJson, JSON.stringify({ cephx_secret: secret }))
    const id = (await mustRun('ceph', ['-c', conf, 'osd', 'new', osdUuid, '-i', osdJson])).trim()
    await authtool(
      '--create-keyring',
      keys(`osd.${id}`),
      '--name',
      `osd.${id}`,
      '--add-key',
      secret
    )
    await mustRun('ceph-osd', ['-c', conf, '-i', id, '--mkfs', '--osd-uuid', osdUuid])
    daemon('ceph-osd', ['-i', id])
    daemon('radosgw', ['-n', 'client.rgw.a'])
    const url = `http://127.0.0.1:${port}`
    for (let i = 0; ; i++) {
      try {
        await fetch(url)
        break
      } catch (error) {
        if (i >= 240 || children.some((c) => c.exitCode !== null))
          throw new Error(`radosgw did not start (logs in ${dir}/log): ${String(error)}`)
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
    }
    const accessKeyId = `FP${randomUUID().replace(/-/g, '').slice(0, 18).toUpperCase()}`
    const secretAccessKey = randomUUID() + randomUUID()
    await mustRun('radosgw-admin', [
      '-c',
      conf,
      'user',
      'create',
      '--uid',
      'falco-publish',
      '--display-name',
      'falco-publish',
      '--access-key',
      accessKeyId,
      '--secret-key',
      secretAccessKey
    ])
    return { url, accessKeyId, secretAccessKey, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
