/**
 * A first import of N .deb and M .rpm in one run, as the bundled CLI does it (`node dist/cli.js
 * publish`), under an open-file limit far below N (ulimit -n 1024), against the anchors doing the
 * same from an empty repository: reprepro including the .deb (Packages, .gz, .xz, signed), and
 * createrepo_c indexing the .rpm plus gpg signing repomd.xml (the anchors together are what ours
 * does in one run). Prints wall time, CPU and peak RSS of each, and the ratio; asserts nothing.
 *
 *   node --import tsx bench/bulk-import.ts [debs=50000] [rpms=0] [--no-anchors] [--cpu-prof=<dir>]
 *
 * --no-anchors measures ours alone (at 50k the anchors add minutes and say nothing new).
 * Needs `npm run package` first, reprepro, createrepo-c, rpm (rpmbuild), gnupg and GNU time.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  linkSync,
  readFileSync,
  rmSync
} from 'node:fs'
import { writeFile } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { syntheticDeb } from '../__tests__/support/synthetic-deb.js'
import { parseRpm } from '../src/repo/rpm/parse.js'

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'))
const count = Number(positional[0] ?? 50_000)
const rpmCount = Number(positional[1] ?? 0)
const anchors = !process.argv.includes('--no-anchors')
/** `--cpu-prof=<dir>`: our run writes a CPU profile there (node --cpu-prof), to see where it goes. */
const profile = process.argv.find((a) => a.startsWith('--cpu-prof='))?.slice('--cpu-prof='.length)
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
if (rpmCount > 0) {
  // One rpmbuild, then same-length renames inside the header (our parser and createrepo_c read
  // headers, not digests), as bench/packages.ts does: rpmbuild per package would take hours.
  const top = path.join(tmp, 'rpmbuild')
  const spec = path.join(tmp, 't.spec')
  await writeFile(
    spec,
    'Name: rpmXXXXXX\nVersion: 1.0.0\nRelease: 1\nSummary: synthetic\nLicense: Apache-2.0\nAutoReq: no\n' +
      '%description\nsynthetic package for bench/bulk-import.ts\n%install\nmkdir -p %{buildroot}/usr/share/rpmXXXXXX\n' +
      'echo hi > %{buildroot}/usr/share/rpmXXXXXX/README\n%files\n/usr/share/rpmXXXXXX\n'
  )
  execFileSync('rpmbuild', [
    ...['-bb', '--quiet', '--define', `_topdir ${top}`, '--define', '_build_id_links none'],
    ...['--target', 'noarch', spec]
  ])
  const built = path.join(top, 'RPMS/noarch/rpmXXXXXX-1.0.0-1.noarch.rpm')
  const template = readFileSync(built)
  const { payloadOffset } = await parseRpm(built)
  for (let i = 0; i < rpmCount; i++) {
    const id = String(i).padStart(6, '0')
    const out = Buffer.from(template)
    const head = out.subarray(0, payloadOffset)
    for (let at = head.indexOf('XXXXXX'); at >= 0; at = head.indexOf('XXXXXX', at + 6))
      head.write(id, at)
    await writeFile(path.join(ws, `rpm${id}-1.0.0-1.noarch.rpm`), out)
  }
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

const globs = [count > 0 ? '*.deb' : '', rpmCount > 0 ? '*.rpm' : ''].filter(Boolean).join('\n')
execFileSync('sync')
const ours = timed(
  [
    process.execPath,
    ...(profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(profile)] : []),
    CLI,
    'publish',
    ...['--store', path.join(tmp, 'store'), '--workspace', ws, '--packages', `'${globs}'`],
    ...[
      '--gpg-private-key',
      `@${keyFile}`,
      '--dev-retention',
      String(Math.max(count, rpmCount) + 1)
    ],
    ...['--event', 'push', '--ref', 'refs/heads/master', '--sha', '0'.repeat(40)],
    ...['--require-checks', 'false', '--version', '1.0.0']
  ].join(' '),
  ws
)

const line = (what: string, m: Measure) =>
  `${what.padEnd(40)} ${m.wall.toFixed(1).padStart(7)} s wall ${m.cpu.toFixed(1).padStart(7)} s cpu ${m.rssMiB.toFixed(0).padStart(6)} MiB peak RSS`
console.log(
  `bench/bulk-import: first import of ${count} .deb and ${rpmCount} .rpm in one run, ulimit -n 1024`
)
console.log(line('falco-publish CLI (one publish)', ours))
if (anchors) {
  const sum = (a: Measure, b: Measure): Measure => ({
    wall: a.wall + b.wall,
    cpu: a.cpu + b.cpu,
    rssMiB: Math.max(a.rssMiB, b.rssMiB)
  })
  let total: Measure = { wall: 0, cpu: 0, rssMiB: 0 }
  if (count > 0) {
    const m = await reprepro()
    console.log(line('reprepro includedeb (xargs)', m))
    total = sum(total, m)
  }
  if (rpmCount > 0) {
    const m = await createrepo()
    console.log(line('createrepo_c + gpg --detach-sign', m))
    total = sum(total, m)
  }
  console.log(
    `ratio ours/anchors: wall ${(ours.wall / total.wall).toFixed(2)}x, cpu ${(ours.cpu / total.cpu).toFixed(2)}x`
  )
}

async function reprepro(): Promise<Measure> {
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
  return timed(
    `sh -c 'xargs reprepro -b ${repo} includedeb stable < ${path.join(tmp, 'list')}'`,
    ws
  )
}

async function createrepo(): Promise<Measure> {
  const repo = path.join(tmp, 'createrepo')
  mkdirSync(repo)
  for (const f of readdirSync(ws).filter((f) => f.endsWith('.rpm')))
    linkSync(path.join(ws, f), path.join(repo, f))
  execFileSync('sync')
  return timed(
    `sh -c 'createrepo_c --quiet --no-database ${repo} && gpg --batch --yes --detach-sign --armor -u ${fingerprint} ${repo}/repodata/repomd.xml'`,
    ws
  )
}
rmSync(tmp, { recursive: true, force: true })
