/**
 * Publishing a large artifact to the remote stores, as a user runs it: the bundled CLI
 * (`node dist/cli.js publish`, run `npm run package` first) publishes one tarball; the peak RSS of
 * that whole process (the kernel's, from GNU time), its CPU time and its throughput are compared
 * with `curl -T` of the same file to the same server (the anchor). Prints, asserts nothing:
 *
 *   node --import tsx bench/store-upload.ts [MiB=1024] [stores=http,s3] [rounds=1]
 *
 * With rounds > 1, the http runs are repeated in turn and each row shows its fastest round (on a
 * shared machine the others are slowed by whatever else runs), after every round's own ratio of
 * the publish to curl -T.
 *
 * BENCH_NODE=/path/to/node runs the CLI, and the store's put, on another Node (the action runs on
 * node24).
 *
 * The publish reads the file once: the plan does not hash a tarball whose name its repository
 * does not publish yet (nothing to compare it with), the upload hashes it as it sends it, from a
 * few reused 1 MiB buffers, and keeps that SHA-256 unfinished for the detached signature
 * (detachSignFile continues from it); SHA256SUMS and index.json take the digests of what was
 * sent. nginx gets no X-Checksum headers (only Artifactory and Nexus are sent them, which costs a
 * read more). Every request goes through node:http (fetch would load undici: 16-40 MiB). curl
 * reads the file once and hashes nothing. Then the verify stage (on by default) downloads what was
 * published and hashes it as it arrives, as a client would, through node:http (each chunk freed
 * once hashed); the publish is measured with it and without it (--verify false), and with
 * `--public-url` (Falco's setup: verify reads what the web server serves, not the store). The
 * store's read back alone is measured too, as the verify stage reads it (`digest`) and with
 * nothing hashed (`get`): node:http's receive, not the SHA-256, sets the pace of that read.
 * A publish that verifies is also compared with the like-for-like anchor: `curl -T`, then `curl |
 * openssl dgst -sha256` of the same URL (coreutils 9.1's sha256sum takes 3 s a GiB here,
 * OpenSSL 0.6 s: the faster one). Last, the floor of a publish that verifies: `curl -T`'s time
 * plus one SHA-256 pass over as many bytes in memory, since what is read back can only be hashed
 * once the upload has ended.
 * Servers: Debian's nginx (WebDAV PUT) for the http store, s3rver in its own process for the s3
 * store (multipart, 8 MiB parts, 4 in flight).
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { once } from 'node:events'
import { generateTestKey } from '../__tests__/support/keys.js'
import { startNginx, startS3rver, type RunningServer } from '../__tests__/support/servers.js'
import { tarHeader } from '../__tests__/support/tarball.js'

const MiB = 1024 * 1024
const size = Number(process.argv[2] ?? 1024) * MiB
const stores = (process.argv[3] ?? 'http,s3').split(',')
// The http runs are repeated, alternating, this many times; each row shows its fastest.
const rounds = Math.max(1, Number(process.argv[4] ?? 1))
const dir = await mkdtemp(path.join(tmpdir(), 'falco-publish-bench-'))
const file = path.join(dir, 'build', 'falco-0.41.0-1-x86_64.tar.gz')
// Packages are signed: a throwaway key, read by the CLI from a file (@file).
const keyFile = path.join(dir, 'signing-key.asc')
await writeFile(keyFile, (await generateTestKey('ecc')).armoredPrivate)
await mkdir(path.dirname(file))

// A gzip'd tar (the package stage accepts no other tarball) of one file of pseudo-random bytes
// (compressible data would flatter nothing here, but be honest), gzip'd without compression.
{
  const out = createGzip({ level: 0 })
  const done = pipeline(out, createWriteStream(file))
  out.write(tarHeader('falco/payload', size))
  let block = createHash('sha512').update('seed').digest()
  const chunk = Buffer.alloc(MiB)
  for (let written = 0; written < size; written += MiB) {
    for (let i = 0; i < MiB; i += block.length) {
      block = createHash('sha512').update(block).digest()
      block.copy(chunk, i)
    }
    if (!out.write(chunk)) await once(out, 'drain')
  }
  out.end(Buffer.alloc(1024))
  await done
  // Written to disk now: else the kernel writes the gigabyte back ~30 s later, while the runs
  // below are measured (they then took twice as long, the first ones most).
  const written = await open(file, 'r+')
  await written.datasync()
  await written.close()
}

interface Measure {
  bytes: number
  ms: number
  peakRssMiB: number
  /** The RSS before the upload began, when the worker measured it (tsx and the sources loaded). */
  rssBeforeMiB?: number
  /** CPU seconds (user + system): the whole process by GNU time, or the put alone (the worker). */
  cpu?: number
}

const cli = path.resolve('dist', 'cli.js')
const NODE = process.env.BENCH_NODE ?? process.execPath

/** The bundled CLI publishes the file as a dev release; GNU time reports its peak RSS. */
function viaPublish(storeUrl: string, extra: string[] = []): Measure {
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M %e %U %S',
      NODE,
      cli,
      'publish',
      '--store',
      storeUrl,
      '--packages',
      'build/*.tar.gz',
      '--channel',
      'dev',
      '--version',
      '0.41.0-1',
      '--require-checks',
      'false',
      '--event',
      'push',
      '--ref',
      'refs/heads/master',
      '--sha',
      '8c4040b1f2e3d4c5b6a7980123456789abcdef01',
      '--workspace',
      dir,
      '--gpg-private-key',
      `@${keyFile}`,
      ...extra
    ],
    {
      encoding: 'utf8',
      cwd: dir,
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        NODE_NO_WARNINGS: '1'
      }
    }
  )
  if (run.status !== 0)
    throw new Error(`publish to ${storeUrl} failed: ${run.stdout}\n${run.stderr}`)
  const [peakKiB, seconds, user, system] = run.stderr
    .trim()
    .split('\n')
    .pop()!
    .split(' ')
    .map(Number)
  return { bytes: size, ms: seconds * 1000, peakRssMiB: peakKiB / 1024, cpu: user + system }
}

/**
 * The store's put alone (bench/upload-worker.ts), without the packages stage around it; with
 * `read`, the object read back instead: as the verify stage reads it (digest), or only read.
 */
function viaStore(storeUrl: string, key: string, endpoint = '', read?: 'digest' | 'get'): Measure {
  const run = spawnSync(
    NODE,
    ['--import', 'tsx', path.join('bench', 'upload-worker.ts'), storeUrl, key, file, endpoint],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        ...(read ? { BENCH_READ: read } : {}),
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        NODE_NO_WARNINGS: '1'
      }
    }
  )
  if (run.status !== 0) throw new Error(`upload to ${storeUrl} failed: ${run.stderr}`)
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Measure
}

/** `curl -T` of the file to `url`: the anchor of the upload. */
const viaCurl = (url: string): Measure => timedCurl(['-T', file], url)

/** `curl` downloading the object to /dev/null: the anchor of the store's read back. */
const viaCurlGet = (url: string): Measure => timedCurl([], url)

/** One curl run, its time as curl reports it, its peak RSS and CPU from GNU time. */
function timedCurl(args: string[], url: string): Measure {
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', '%M %U %S', 'curl', '-sS', '-f', ...args, '-o', '/dev/null', '-w', '%{time_total}', url],
    { encoding: 'utf8' }
  )
  if (run.status !== 0) throw new Error(`curl ${args.join(' ')} ${url}: ${run.stderr}`)
  const [peakKiB, user, system] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number)
  return {
    bytes: size,
    ms: Number(run.stdout) * 1000,
    peakRssMiB: peakKiB / 1024,
    cpu: user + system
  }
}

/**
 * One SHA-256 pass over as many bytes, in memory (node:crypto, OpenSSL's SHA-NI code, no I/O):
 * what a publish that checks its upload spends at least once the upload has ended.
 */
function viaHash(): Measure {
  const chunk = Buffer.alloc(MiB, 1)
  const hash = createHash('sha256')
  const started = process.hrtime.bigint()
  for (let done = 0; done < size; done += MiB) hash.update(chunk)
  hash.digest()
  return { bytes: size, ms: Number(process.hrtime.bigint() - started) / 1e6, peakRssMiB: 0 }
}

/**
 * The anchor for a publish that checks what it published: `curl -T`, then the file downloaded
 * again and hashed (`curl | openssl dgst -sha256`), as a script that verifies its upload would.
 */
function viaCurlAndCheck(url: string): Measure {
  const started = process.hrtime.bigint()
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M %U %S',
      'sh',
      '-c',
      'curl -sS -f -T "$1" -o /dev/null "$2" && curl -sS -f "$2" | openssl dgst -sha256',
      'sh',
      file,
      url
    ],
    { encoding: 'utf8' }
  )
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (run.status !== 0)
    throw new Error(`curl -T ${url}, then curl | openssl dgst -sha256: ${run.stderr}`)
  const [peakKiB, user, system] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number)
  return { bytes: size, ms, peakRssMiB: peakKiB / 1024, cpu: user + system }
}

function line(name: string, m: Measure, anchor?: Measure, anchorName = "curl's"): string {
  const rate = m.bytes / MiB / (m.ms / 1000)
  const ratio = anchor ? `  ${(anchor.ms / m.ms).toFixed(2)}x ${anchorName} throughput` : ''
  const cpu = m.cpu === undefined ? '' : `, ${m.cpu.toFixed(2)} s cpu`
  const before =
    m.rssBeforeMiB === undefined ? '' : ` (${m.rssBeforeMiB.toFixed(0)} before the put)`
  return `${name.padEnd(36)} ${(m.bytes / MiB).toFixed(0)} MiB in ${(m.ms / 1000).toFixed(2)} s = ${rate.toFixed(0)} MiB/s${cpu}, peak RSS ${m.peakRssMiB.toFixed(0)} MiB${before}${ratio}`
}

const servers: RunningServer[] = []
const peaks = { put: 0, whole: 0 }
const peak = (put: Measure, whole: Measure[]): void => {
  peaks.put = Math.max(peaks.put, put.peakRssMiB)
  peaks.whole = Math.max(peaks.whole, ...whole.map((m) => m.peakRssMiB))
}

/** The fastest of a row's rounds: the closest to what the machine does when nothing else runs. */
const best = (runs: Measure[]): Measure => runs.reduce((a, b) => (b.ms < a.ms ? b : a))

async function benchHttp(): Promise<void> {
  const nginx = await startNginx()
  servers.push(nginx)
  // Each upload is deleted once measured: a gigabyte left dirty in the page cache would be
  // written back to disk while the next one is measured.
  const forget = (folder: string) =>
    rm(path.join(nginx.root, folder), { recursive: true, force: true })
  const rows = {
    curl: [] as Measure[],
    put: [] as Measure[],
    digest: [] as Measure[],
    get: [] as Measure[],
    curlGet: [] as Measure[],
    publish: [] as Measure[],
    unverified: [] as Measure[],
    curlAgain: [] as Measure[],
    served: [] as Measure[],
    checked: [] as Measure[],
    hash: [] as Measure[]
  }
  for (let round = 0; round < rounds; round++) {
    rows.curl.push(viaCurl(`${nginx.url}/curl/artifact.bin`))
    await forget('curl')
    rows.put.push(viaStore(`${nginx.url}/put`, 'artifact.bin'))
    rows.digest.push(viaStore(`${nginx.url}/put`, 'artifact.bin', '', 'digest'))
    rows.get.push(viaStore(`${nginx.url}/put`, 'artifact.bin', '', 'get'))
    rows.curlGet.push(viaCurlGet(`${nginx.url}/put/artifact.bin`))
    await forget('put')
    rows.publish.push(viaPublish(`${nginx.url}/store`))
    await forget('store')
    rows.unverified.push(viaPublish(`${nginx.url}/unverified`, ['--verify', 'false']))
    await forget('unverified')
    rows.curlAgain.push(viaCurl(`${nginx.url}/curl/again.bin`))
    await forget('curl')
    // Falco's own setup: verify reads what the public URL serves (here nginx itself), not the store.
    rows.served.push(viaPublish(`${nginx.url}/served`, ['--public-url', `${nginx.url}/served/`]))
    await forget('served')
    rows.checked.push(viaCurlAndCheck(`${nginx.url}/checked/artifact.bin`))
    await forget('checked')
    rows.hash.push(viaHash())
  }
  if (rounds > 1) {
    // Every round's own ratio, so the spread shows beside the best of each row.
    const ratios = rows.publish.map((p, i) => (rows.curl[i].ms / p.ms).toFixed(2)).join(' ')
    console.log(`publish (verify on) / curl -T, each of ${rounds} rounds: ${ratios}`)
    console.log(`fastest of ${rounds} rounds for each row:`)
  }
  const curlHttp = best(rows.curl)
  const curlAgain = best(rows.curlAgain)
  const checked = best(rows.checked)
  const [putHttp, storeHttp, unverified, served, digestHttp, getHttp] = [
    rows.put,
    rows.publish,
    rows.unverified,
    rows.served,
    rows.digest,
    rows.get
  ].map(best)
  console.log(line('curl -T (nginx WebDAV)', curlHttp))
  console.log(line('put, http store (nginx)', putHttp, curlHttp))
  console.log(line('publish, http store (nginx)', storeHttp, curlHttp))
  console.log(line('publish --verify false (nginx)', unverified, curlAgain))
  console.log(line('curl -T again (nginx WebDAV)', curlAgain))
  console.log(line('curl -T, then curl | openssl sha256', checked))
  console.log(line('publish, verify on (as above)', storeHttp, checked, "upload-and-check's"))
  console.log(line('publish, verify via public-url', served, checked, "upload-and-check's"))
  // The floor of a publish that verifies: the upload at curl's speed, then one SHA-256 pass over
  // what is read back (it can only start once the upload has ended), start-up not counted.
  const hash = best(rows.hash)
  const floor = curlHttp.ms + hash.ms
  // Where the verify's read goes: node:http receiving the bytes costs about what the same read
  // with SHA-256 on top does (the hash keeps pace with the socket), so the read is bounded by
  // the receive, not by the hash.
  const curlGet = best(rows.curlGet)
  console.log(line('curl GET (nginx), to /dev/null', curlGet))
  console.log(line('read back as verify does (digest)', digestHttp, curlGet, "curl GET's"))
  console.log(line('read back, nothing hashed (get)', getHttp, curlGet, "curl GET's"))
  console.log(
    `floor with verify on: curl -T ${(curlHttp.ms / 1000).toFixed(2)} s + one SHA-256 pass ` +
      `${(hash.ms / 1000).toFixed(2)} s = ${(floor / 1000).toFixed(2)} s, ` +
      `${(curlHttp.ms / floor).toFixed(2)}x curl's throughput at best; ` +
      `the publish is ${(storeHttp.ms / floor).toFixed(2)}x that floor's time`
  )
  peak(putHttp, [storeHttp, unverified, served])
}

async function benchS3(): Promise<void> {
  const s3 = await startS3rver('bench')
  servers.push(s3)
  const curlS3 = viaCurl(`${s3.url}/bench/curl/artifact.bin`)
  const putS3 = viaStore('s3://bench/put', 'artifact.bin', s3.url)
  const storeS3 = viaPublish('s3://bench/store', [
    '--s3-endpoint',
    s3.url,
    '--s3-force-path-style',
    'true'
  ])
  console.log(line('curl -T (s3rver)', curlS3))
  console.log(line('put, s3 store (s3rver)', putS3, curlS3))
  console.log(line('publish, s3 store (s3rver)', storeS3, curlS3))
  peak(putS3, [storeS3])
}

try {
  if (stores.includes('http')) await benchHttp()
  if (stores.includes('s3')) await benchS3()
  console.log(
    `peak RSS for ${size / MiB} MiB (bound 150 MiB): store upload at most ${peaks.put.toFixed(0)} MiB, ` +
      `whole publish at most ${peaks.whole.toFixed(0)} MiB`
  )
} finally {
  for (const server of servers) await server.stop()
  await rm(dir, { recursive: true, force: true })
}
