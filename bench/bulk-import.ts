/**
 * A first import of N .deb in one run, as the bundled CLI does it (`node dist/cli.js publish`),
 * under an open-file limit far below N (ulimit -n 1024), against reprepro including the same
 * files into an empty repository (Packages, .gz, .xz, signed). Prints wall time, CPU and peak RSS
 * of each, and the ratio; asserts nothing.
 *
 *   node --import tsx bench/bulk-import.ts [debs=50000]
 *
 * Needs `npm run package` first, reprepro, gnupg and GNU time. .rpm are not part of it yet.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { syntheticDeb } from '../__tests__/support/synthetic-deb.js'

const count = Number(process.argv[2] ?? 50_000)
const CLI = path.resolve('dist/cli.js')
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run package\` first`)

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-bulk-'))
const env = { ...process.env, GNUPGHOME: path.join(tmp, 'gnupg'), NODE_NO_WARNINGS: '1' }
mkdirSync(env.GNUPGHOME, { mode: 0o700 })
execFileSync(
  'gpg',
  ['--batch', '--passphrase', '', '--quick-gen-key', 'bench <bench@example.invalid>', 'rsa3072'],
  { env, stdio: 'ignore' }
)
const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(
  execFileSync('gpg', ['--with-colons', '--list-secret-keys'], { env, encoding: 'utf8' })
)![1]
const keyFile = path.join(tmp, 'key.asc')
await writeFile(
  keyFile,
  execFileSync('gpg', ['--batch', '--armor', '--export-secret-keys', fingerprint], { env }),
  { mode: 0o600 }
)

const ws = path.join(tmp, 'ws')
mkdirSync(ws)
for (let i = 0; i < count; i++) {
  const name = `bulk${String(i).padStart(6, '0')}`
  await writeFile(path.join(ws, `falco-${name}-1.0.0-x86_64.deb`), syntheticDeb(name, '1.0.0'))
}

interface Measure {
  wall: number
  cpu: number
  rssMiB: number
}

function timed(shellCommand: string, cwd: string): Measure {
  const run = spawnSync(
    'sh',
    ['-c', `ulimit -n 1024 && exec /usr/bin/time -f '%e %U %S %M' ${shellCommand}`],
    { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }
  )
  if (run.status !== 0)
    throw new Error(
      `${shellCommand} failed:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`
    )
  const [wall, user, sys, kib] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number)
  return { wall, cpu: user + sys, rssMiB: kib / 1024 }
}

execFileSync('sync')
const ours = timed(
  [
    process.execPath,
    CLI,
    'publish',
    ...['--store', path.join(tmp, 'store'), '--workspace', ws, '--packages', "'*.deb'"],
    ...['--gpg-private-key', `@${keyFile}`, '--dev-retention', String(count + 1)],
    ...['--event', 'push', '--ref', 'refs/heads/master', '--sha', '0'.repeat(40)],
    ...['--require-checks', 'false', '--version', '1.0.0']
  ].join(' '),
  ws
)

const repo = path.join(tmp, 'reprepro')
mkdirSync(path.join(repo, 'conf'), { recursive: true })
await writeFile(
  path.join(repo, 'conf', 'distributions'),
  `Origin: bench\nLabel: bench\nCodename: stable\nArchitectures: amd64\nComponents: main\n` +
    `DebIndices: Packages Release . .gz .xz\nSignWith: ${fingerprint}\n`
)
execFileSync('sync')
// One reprepro process for all files: xargs passes as many as the command line holds.
const files = readdirSync(ws).filter((f) => f.endsWith('.deb'))
await writeFile(path.join(tmp, 'list'), files.join('\n'))
const anchor = timed(
  `sh -c 'xargs reprepro -b ${repo} includedeb stable < ${path.join(tmp, 'list')}'`,
  ws
)

const line = (what: string, m: Measure) =>
  `${what.padEnd(36)} ${m.wall.toFixed(1).padStart(7)} s wall ${m.cpu.toFixed(1).padStart(7)} s cpu ${m.rssMiB.toFixed(0).padStart(6)} MiB peak RSS`
console.log(`bench/bulk-import: first import of ${count} .deb in one run, ulimit -n 1024`)
console.log(line('falco-publish CLI (one publish)', ours))
console.log(line('reprepro includedeb (xargs)', anchor))
console.log(
  `ratio ours/reprepro: wall ${(ours.wall / anchor.wall).toFixed(2)}x, cpu ${(ours.cpu / anchor.cpu).toFixed(2)}x`
)
rmSync(tmp, { recursive: true, force: true })
