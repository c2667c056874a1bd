/**
 * The mixed-kind race, as many rounds as asked: each round, `publishes` publishes of a .deb, an
 * .rpm and a tarball each (all different dev versions, `dev-retention` small so deletions race
 * too) start at the same moment against one local store; then apt (by-hash and plain), dnf and
 * SHA256SUMS are asked which versions they see, and the store is listed for package files no
 * index names. Prints one line per round and the totals; asserts nothing.
 *
 *   npx tsx bench/race.ts [rounds] [publishes] [retention] [processes] [store] [blind]
 *   (default 10 rounds of 16 publishes, retention 3, 4 processes, store `file`)
 *
 * `store`: `file` (a local folder, served by nginx), `s3rver` (the lease fallback: s3rver
 * ignores conditional writes) or `rgw` (Ceph's S3 gateway, conditional writes); each is listed
 * for package files no index names. `blind` runs the control: every precondition dropped.
 *
 * Needs dpkg-deb, rpmbuild, apt, dnf, gpg, curl, nginx; s3rver (npm) or ceph (rgw.ts) for those.
 */
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { generateTestKey, writePublicKey } from '../__tests__/support/keys.js'
import {
  buildRaceWorkspaces,
  byVersion,
  publishAtOnce,
  raceView
} from '../__tests__/support/race.js'
import { startNginx, startS3rver } from '../__tests__/support/servers.js'
import { startRgw } from '../__tests__/support/rgw.js'
import { S3Store } from '../src/store/s3.js'

const rounds = Number(process.argv[2] ?? 10)
const publishes = Number(process.argv[3] ?? 16)
const retention = Number(process.argv[4] ?? 3)
const processes = Number(process.argv[5] ?? 4)
const kind = process.argv[6] ?? 'file'
const blind = process.argv[7] === 'blind'

const BUCKET = 'falco-race'
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'falco-publish-race-'))
const nginx = await startNginx()
/** Where the race publishes, how clients read it, and the store's folder when it is local. */
async function openRaceStore(): Promise<{
  url: string
  served: string
  /** The local store's folder, or a listing of the remote store's keys (for unnamed files). */
  root: string | (() => Promise<string[]>)
  inputs?: Record<string, string>
  env?: NodeJS.ProcessEnv
  stop: () => Promise<void>
}> {
  if (kind === 'file') {
    const root = path.join(nginx.root, 'race')
    return {
      url: pathToFileURL(root).href,
      served: `${nginx.url}/race`,
      root,
      stop: async () => {}
    }
  }
  /** The keys under race/ of the bucket, listed as the publishes' own S3 store lists them. */
  const lister = (endpoint: string, env: NodeJS.ProcessEnv) => async (): Promise<string[]> => {
    Object.assign(process.env, env)
    const store = new S3Store(BUCKET, 'race', {
      endpoint,
      forcePathStyle: true,
      region: 'us-east-1'
    })
    const keys: string[] = []
    for await (const o of store.list('packages/')) keys.push(o.key)
    return keys
  }
  const inputs = (endpoint: string) => ({
    's3-endpoint': endpoint,
    's3-force-path-style': 'true',
    's3-region': 'us-east-1'
  })
  if (kind === 's3rver') {
    const s3rver = await startS3rver(BUCKET)
    const env = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' }
    return {
      root: lister(s3rver.url, env),
      url: `s3://${BUCKET}/race`,
      served: `${s3rver.url}/${BUCKET}/race`,
      inputs: inputs(s3rver.url),
      env,
      stop: () => s3rver.stop()
    }
  }
  if (kind === 'rgw') {
    const rgw = await startRgw()
    const { S3Client, CreateBucketCommand, PutBucketPolicyCommand } =
      await import('@aws-sdk/client-s3')
    const client = new S3Client({
      endpoint: rgw.url,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: rgw.accessKeyId, secretAccessKey: rgw.secretAccessKey }
    })
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }))
    // Read by apt and dnf as a public bucket is.
    await client.send(
      new PutBucketPolicyCommand({
        Bucket: BUCKET,
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: '*',
              Action: ['s3:GetObject'],
              Resource: [`arn:aws:s3:::${BUCKET}/*`]
            }
          ]
        })
      })
    )
    client.destroy()
    const env = { AWS_ACCESS_KEY_ID: rgw.accessKeyId, AWS_SECRET_ACCESS_KEY: rgw.secretAccessKey }
    return {
      root: lister(rgw.url, env),
      url: `s3://${BUCKET}/race`,
      served: `${rgw.url}/${BUCKET}/race`,
      inputs: inputs(rgw.url),
      env,
      stop: () => rgw.stop()
    }
  }
  throw new Error(`store ${JSON.stringify(kind)}: give file, s3rver or rgw`)
}
const target = await openRaceStore()
try {
  const key = await generateTestKey('ecc')
  const publicKey = await writePublicKey(tmp, key)
  const privateKey = path.join(tmp, 'private.asc')
  await fs.writeFile(privateKey, key.armoredPrivate)
  const published: string[] = []
  let failed = 0
  let wrongRounds = 0
  for (let r = 0; r < rounds; r++) {
    const versions = Array.from({ length: publishes }, (_, i) => `1.${r}.${i}`)
    const workspaces = await buildRaceWorkspaces(path.join(tmp, `round-${r}`), versions)
    const started = Date.now()
    const failures = await publishAtOnce(target.url, workspaces, {
      keyFile: privateKey,
      retention,
      processes,
      blind,
      inputs: target.inputs,
      env: target.env
    })
    const seconds = (Date.now() - started) / 1000
    published.push(...versions)
    const expected = [...published].sort(byVersion).slice(-retention)
    const view = await raceView(target.root, target.served, publicKey, path.join(tmp, `view-${r}`))
    const agree = [view.apt, view.aptNoByHash, view.dnf, view.sums].every(
      (seen) => seen.join(' ') === expected.join(' ')
    )
    const clean = agree && view.unnamed.length === 0 && view.errors.length === 0
    failed += failures.length
    if (!clean) wrongRounds++
    console.log(
      `round ${r + 1}: ${failures.length}/${publishes} publishes failed, ${seconds.toFixed(1)} s; ` +
        `expected ${expected.join(' ')}; apt ${view.apt.join(' ')} | apt no by-hash ${view.aptNoByHash.join(' ')} | ` +
        `dnf ${view.dnf.join(' ')} | SHA256SUMS ${view.sums.join(' ')}; unnamed files ${view.unnamed.length}, ` +
        `temporary files ${view.temporary.length}`
    )
    for (const f of new Set(failures.map((f) => f.replace(/^\S+: /, '').slice(0, 300))))
      console.log(`  failure: ${f}`)
    for (const e of view.errors) console.log(`  client: ${e.slice(0, 300)}`)
    if (view.unnamed.length) console.log(`  unnamed: ${view.unnamed.slice(0, 6).join(' ')}`)
  }
  console.log(
    `total (${kind}${blind ? ', control without preconditions' : ''}): ${rounds} rounds x ${publishes} publishes (retention ${retention}, ${processes} processes): ` +
      `${failed} of ${rounds * publishes} publishes failed; ${wrongRounds} of ${rounds} rounds left clients disagreeing or files unnamed`
  )
} finally {
  await target.stop()
  await nginx.stop()
  await fs.rm(tmp, { recursive: true, force: true })
}
