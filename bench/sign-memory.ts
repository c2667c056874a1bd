/**
 * Peak memory of a detached signature over a large package, streamed from disk: `detachSign`
 * (SHA-256 as the data streams, the digest signed with node:crypto) against
 * `gpg --detach-sign --armor` on the same file (the anchor), and against openpgp.js signing the
 * stream itself (what `detachSign` did before) on a smaller file, since that one holds the whole
 * file in memory. Each signer runs in its own process under GNU time, which reports the
 * process's peak RSS as the kernel saw it. Prints, asserts nothing:
 *
 *   node --import tsx bench/sign-memory.ts [MiB=1024] [openpgp-MiB=128]
 *
 * gpg does the private-key operation in gpg-agent, whose memory is not counted; the hashing, which
 * is what grows with the file, happens in gpg itself. Needs gnupg and GNU time (package `time`).
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { once } from 'node:events'
import { Readable } from 'node:stream'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as openpgp from 'openpgp'
import { detachSign, loadSigningKeys } from '../src/sign/openpgp.js'

const MiB = 1024 * 1024
const self = fileURLToPath(import.meta.url)

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4], process.argv[5])
else await main()

/** One signing run, in a process of its own so that its peak RSS is its own. */
async function child(mode: string, file: string, keyFile: string): Promise<void> {
  const keys = await loadSigningKeys(await readFile(keyFile, 'utf8'))
  const start = process.hrtime.bigint()
  let signature = ''
  if (mode === 'stream') {
    signature = await detachSign(createReadStream(file), keys)
  } else if (mode === 'openpgp') {
    // What detachSign did before: openpgp.js given the stream.
    const message = await openpgp.createMessage({
      binary: Readable.toWeb(createReadStream(file)) as unknown as ReadableStream<Uint8Array>
    })
    const out = await openpgp.sign({
      message,
      signingKeys: await keys.openpgpKeys(),
      detached: true,
      format: 'armored',
      config: { preferredHashAlgorithm: openpgp.enums.hash.sha256 }
    })
    signature = typeof out === 'string' ? out : ''
    if (typeof out !== 'string') for await (const part of out) signature += part
  } else if (mode !== 'idle') {
    throw new Error(`unknown child mode ${mode}`)
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (signature) await writeFile(`${file}.${mode}.asc`, signature)
  console.log(JSON.stringify({ ms }))
}

interface Measured {
  rssMiB: number
  wallMs: number
  signMs?: number
}

/** Runs a command under GNU time -v; its peak RSS and wall time, and the child's own timing. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Measured {
  const r = spawnSync('/usr/bin/time', ['-v', command, ...args], { env, encoding: 'utf8' })
  if (r.error) throw new Error(`/usr/bin/time: ${r.error.message} (apt-get install time)`)
  if (r.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${r.status}:\n${r.stderr}`)
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(
    r.stderr
  )
  if (!rss || !wall) throw new Error(`no GNU time report in:\n${r.stderr}`)
  const wallMs = ((Number(wall[1] ?? 0) * 60 + Number(wall[2])) * 60 + Number(wall[3])) * 1000
  const own = /^\{.*\}$/m.exec(r.stdout)
  return {
    rssMiB: Number(rss[1]) / 1024,
    wallMs,
    signMs: own ? (JSON.parse(own[0]) as { ms: number }).ms : undefined
  }
}

function node(mode: string, file: string, keyFile: string): Measured {
  return timed(process.execPath, ['--import', 'tsx', self, '--child', mode, file, keyFile])
}

async function writeRandomFile(file: string, size: number): Promise<void> {
  const out = createWriteStream(file)
  for (let written = 0; written < size; written += MiB) {
    if (!out.write(randomBytes(MiB))) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

function mustRun(command: string, args: string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(command, args, { env, encoding: 'utf8' })
  if (r.error || r.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed: ${r.error?.message ?? r.stderr}`)
  }
  return r.stdout
}

function row(name: string, m: Measured, anchor?: Measured): string {
  const ratio = anchor ? `  time x${(m.wallMs / anchor.wallMs).toFixed(2)} of gpg` : ''
  const sign = m.signMs === undefined ? '' : `  (signing ${(m.signMs / 1000).toFixed(2)} s)`
  return (
    `${name.padEnd(44)} peak RSS ${m.rssMiB.toFixed(0).padStart(5)} MiB` +
    `  wall ${(m.wallMs / 1000).toFixed(2).padStart(6)} s${sign}${ratio}`
  )
}

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 1024) * MiB
  const openpgpSize = Number(process.argv[3] ?? 128) * MiB
  const dir = await mkdtemp(path.join(tmpdir(), 'falco-publish-sign-bench-'))
  const home = path.join(dir, 'gnupg')
  await mkdir(home, { mode: 0o700 })
  const env = { ...process.env, GNUPGHOME: home }
  try {
    const big = path.join(dir, 'falco-0.41.0-x86_64.tar.gz')
    const small = path.join(dir, 'falco-small.tar.gz')
    await writeRandomFile(big, size)
    await writeRandomFile(small, openpgpSize)
    console.log(
      `detached signature over ${size / MiB} MiB streamed from disk (openpgp.js: ${openpgpSize / MiB} MiB)`
    )
    for (const [label, options] of [
      ['RSA 4096', { type: 'rsa', rsaBits: 4096 }],
      ['Ed25519', { type: 'ecc', curve: 'ed25519Legacy' }]
    ] as const) {
      const { privateKey } = await openpgp.generateKey({
        ...options,
        userIDs: [{ name: 'falco-publish bench' }],
        format: 'armored'
      })
      const keyFile = path.join(dir, 'key.asc')
      await writeFile(keyFile, privateKey)
      const fpr = (await openpgp.readPrivateKey({ armoredKey: privateKey }))
        .getFingerprint()
        .toUpperCase()
      mustRun('gpg', ['--batch', '--import', keyFile], env)
      const gpg = timed(
        'gpg',
        [
          ...['--batch', '--yes', '--pinentry-mode', 'loopback', '--passphrase', ''],
          ...['--digest-algo', 'SHA256', '--local-user', fpr],
          ...['--detach-sign', '--armor', '--output', `${big}.gpg.asc`, big]
        ],
        env
      )
      const idle = node('idle', big, keyFile)
      const ours = node('stream', big, keyFile)
      const old = node('openpgp', small, keyFile)
      // Our signature must be one gpg accepts, or the numbers mean nothing.
      mustRun('gpg', ['--batch', '--verify', `${big}.stream.asc`, big], env)
      console.log(`\n${label}`)
      console.log(row('gpg --detach-sign --armor (anchor)', gpg))
      console.log(row('detachSign, streamed (node + tsx process)', ours, gpg))
      console.log(row('  same process, loading keys only (floor)', idle))
      console.log(row(`openpgp.js on a stream, ${openpgpSize / MiB} MiB (before)`, old))
    }
  } finally {
    spawnSync('gpgconf', ['--kill', 'all'], { env })
    await rm(dir, { recursive: true, force: true })
  }
}
