/**
 * Adding one .deb to an apt repository of N packages, each tool in a fresh process as a release
 * job runs it, at Falco's real scale and above: ours (the bundled CLI, `node dist/cli.js
 * publish`), reprepro (`includedeb`, writing Packages, .gz and .xz as we do, signing Release and
 * InRelease) and aptly (`repo add` then `publish update`, two processes, signed). Ours runs
 * twice a round: as the action does (reading back and checking what it published) and with
 * `--verify false`, the same work as the anchors, which check nothing. A floor runs too: bench/bare-apt-add.mjs,
 * the least a Node process does for the same addition (no OpenPGP framing, no xz, no lock, no
 * check), on a copy of our repository: what no Node program can avoid, against the anchors. Both are given the
 * repository, as the action always is (GITHUB_REPOSITORY), so neither starts git. Rounds
 * alternate between the three; medians of wall time, CPU (user + system, children included) and
 * peak RSS, from os.wait4 (a python3 wrapper, to the microsecond). Each of our runs logs where
 * its time went (`timing:`, src/report/timing.ts: Node's start, module loading, the release,
 * planning, the key, publishing, verifying), printed for the median run. Then the fixed cost of one of our runs at the smallest
 * N: cold (no compile cache) against warm, the log's timeline, fsync calls (strace) and where the
 * CPU goes (node --cpu-prof, self time by function). Prints, asserts nothing.
 *
 *   node --import tsx bench/small-repo.ts [N,...=100,1000,10000] [rounds=3]
 *
 * BENCH_NODE=/path/to/node runs our CLI on another Node than the bench's own (the action runs
 * on node24: V8's compile cache, src/compile-cache.ts, exists from Node 22.1). The cache is
 * this bench's own (NODE_COMPILE_CACHE in its temporary directory), warmed by one unmeasured
 * run before the rounds: a later run on the same machine starts that way.
 *
 * Needs: `npm run package` first (dist/cli.js), and the Debian packages reprepro, aptly, gnupg,
 * strace, python3 (apt-get install reprepro aptly strace python3); not in .ci/apt-packages,
 * since no test uses them. Seeding (not timed) indexes the N packages in one go with each tool.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync
} from 'node:fs'
import { writeFile } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { readInputs } from '../src/inputs.js'
import { parseDeb } from '../src/repo/deb/parse.js'
import { loadSigningKeys } from '../src/sign/openpgp.js'
import { commitApt } from '../src/stages/packages/apt.js'
import { Uploader } from '../src/stages/packages/store-io.js'
import { FileStore } from '../src/store/file.js'
import { syntheticDeb } from '../__tests__/support/synthetic-deb.js'
import { quietLogger } from '../__tests__/support/stage-context.js'

const sizes = (process.argv[2] ?? '100,1000,10000').split(',').map(Number)
const rounds = Number(process.argv[3] ?? 3)
const CLI = path.resolve('dist/cli.js')
const FLOOR = path.resolve('bench/bare-apt-add.mjs')
const NODE = process.env.BENCH_NODE ?? process.execPath
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run package\` first`)
for (const tool of ['reprepro', 'aptly', 'gpg', 'strace']) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
    throw new Error(`${tool} is missing: apt-get install ${tool === 'gpg' ? 'gnupg' : tool}`)
}
if (spawnSync('python3', ['-c', '0']).status !== 0)
  throw new Error('python3 is missing: apt-get install python3')

// GNU time prints seconds to two decimals: at 0.06-0.16 s a run, a ratio would move by 10-15 %
// with one tick. os.wait4 gives the same figures (the child and the processes it waited for:
// gpg-agent, a daemon, is in no tool's CPU) to the microsecond, and the wall time around them.
const WAIT4 = `import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
sys.stderr.write(f"\\n{wall:.6f} {usage.ru_utime:.6f} {usage.ru_stime:.6f} {usage.ru_maxrss}\\n")
sys.exit(os.waitstatus_to_exitcode(status))`

interface Measure {
  wall: number
  cpu: number
  rssMiB: number
  /** Our CLI's own `timing:` line (--verbose), when the command was ours. */
  timing?: string
}

const quiet = quietLogger

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-small-repo-'))
const gnupg = {
  ...process.env,
  GNUPGHOME: path.join(tmp, 'gnupg'),
  NODE_COMPILE_CACHE: path.join(tmp, 'compile-cache')
}
mkdirSync(gnupg.GNUPGHOME, { mode: 0o700 })

/** Runs a command under WAIT4; fails naming it when it fails. */
function timed(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}
): Measure {
  const run = spawnSync('python3', ['-c', WAIT4, command, ...args], {
    encoding: 'utf8',
    env: { ...gnupg, ...options.env },
    cwd: options.cwd,
    maxBuffer: 64 * 1024 * 1024
  })
  if (run.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`)
  const [wall, user, sys, kib] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number)
  const timing = /timing: (.*)$/m.exec(run.stdout + run.stderr)?.[1]
  return { wall, cpu: user + sys, rssMiB: kib / 1024, ...(timing && { timing }) }
}

function plus(a: Measure, b: Measure): Measure {
  return { wall: a.wall + b.wall, cpu: a.cpu + b.cpu, rssMiB: Math.max(a.rssMiB, b.rssMiB) }
}

function median(values: Measure[]): Measure {
  const of = (key: 'wall' | 'cpu' | 'rssMiB'): number => {
    const sorted = values.map((v) => v[key]).sort((a, b) => a - b)
    return sorted[Math.floor(sorted.length / 2)]
  }
  return { wall: of('wall'), cpu: of('cpu'), rssMiB: of('rssMiB') }
}

/** The `timing:` line of the round whose wall time is the median. */
function medianTiming(values: Measure[]): string | undefined {
  return [...values].sort((a, b) => a.wall - b.wall)[Math.floor(values.length / 2)].timing
}

// One signing key for all three: RSA 3072, unprotected, in a throwaway GNUPGHOME.
execFileSync(
  'gpg',
  ['--batch', '--passphrase', '', '--quick-gen-key', 'bench <bench@example.invalid>', 'rsa3072'],
  { env: gnupg, stdio: 'ignore' }
)
const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(
  execFileSync('gpg', ['--with-colons', '--list-secret-keys'], { env: gnupg, encoding: 'utf8' })
)![1]
const armored = execFileSync('gpg', ['--batch', '--armor', '--export-secret-keys', fingerprint], {
  env: gnupg,
  encoding: 'utf8'
})
const keyFile = path.join(tmp, 'key.asc')
await writeFile(keyFile, armored, { mode: 0o600 })
// The floor signs with a bare RSA 3072 key (PEM), as large as the OpenPGP one.
const floorKey = path.join(tmp, 'floor-key.pem')
await writeFile(
  floorKey,
  generateKeyPairSync('rsa', {
    modulusLength: 3072,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' }
  }).privateKey,
  { mode: 0o600 }
)

const pad = (i: number) => String(i).padStart(6, '0')
const debName = (tag: string) => `falco-bench${tag}-1.0.0-x86_64.deb`

console.log(
  `bench/small-repo: add one .deb to N, fresh process each, ${rounds} rounds alternating, medians ` +
    `(ours on node ${execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim()}, ` +
    `${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)})`
)
console.log(
  'reprepro: DebIndices Packages Release . .gz .xz, SignWith (InRelease, Release.gpg); aptly: repo add + publish update, signed (Packages, .gz, .bz2)'
)
const header = `${'N'.padStart(6)}  ${'tool'.padEnd(16)} ${'wall s'.padStart(8)} ${'cpu s'.padStart(8)} ${'RSS MiB'.padStart(8)}  ours/anchor (wall, cpu)`
console.log(header)

let smallest: { dir: string; ws: string; store: string; n: number } | undefined
for (const n of sizes) {
  const dir = path.join(tmp, `n${n}`)
  const seedDir = path.join(dir, 'seed')
  const store = path.join(dir, 'ours')
  const pool = path.join(store, 'packages/deb-dev/stable')
  mkdirSync(seedDir, { recursive: true })
  mkdirSync(pool, { recursive: true })
  for (let i = 0; i < n; i++) {
    const bytes = syntheticDeb(`bench${pad(i)}`, '1.0.0')
    await writeFile(path.join(seedDir, debName(pad(i))), bytes)
    await writeFile(path.join(pool, debName(pad(i))), bytes)
  }

  // Ours: indexed in this process, as the packages bench seeds.
  {
    const keys = await loadSigningKeys(armored)
    const fileStore = new FileStore(store)
    const parsed = []
    for (let i = 0; i < n; i++) parsed.push(await parseDeb(path.join(pool, debName(pad(i)))))
    await commitApt(
      { added: parsed.map((pkg) => ({ pkg, filename: `stable/${path.basename(pkg.file)}` })) },
      {
        store: fileStore,
        prefix: 'packages/deb-dev',
        keys,
        log: quiet,
        uploader: new Uploader(fileStore, quiet)
      }
    )
    void readInputs // the CLI reads its inputs itself
  }
  // The floor works on a copy of our repository as seeded.
  const floor = path.join(dir, 'floor')
  cpSync(path.join(store, 'packages/deb-dev'), floor, { recursive: true })

  // reprepro
  const reprepro = path.join(dir, 'reprepro')
  mkdirSync(path.join(reprepro, 'conf'), { recursive: true })
  await writeFile(
    path.join(reprepro, 'conf', 'distributions'),
    `Origin: bench\nLabel: bench\nCodename: stable\nArchitectures: amd64\nComponents: main\n` +
      `DebIndices: Packages Release . .gz .xz\nSignWith: ${fingerprint}\n`
  )
  const seeds = readdirSync(seedDir).map((f) => path.join(seedDir, f))
  for (let i = 0; i < seeds.length; i += 1000)
    execFileSync(
      'reprepro',
      ['-b', reprepro, 'includedeb', 'stable', ...seeds.slice(i, i + 1000)],
      {
        env: gnupg,
        stdio: 'ignore'
      }
    )

  // aptly
  const aptlyConf = path.join(dir, 'aptly.conf')
  await writeFile(
    aptlyConf,
    JSON.stringify({
      rootDir: path.join(dir, 'aptly'),
      gpgProvider: 'gpg',
      architectures: ['amd64']
    })
  )
  const aptly = (...args: string[]) => ['-config', aptlyConf, ...args]
  execFileSync(
    'aptly',
    aptly('repo', 'create', '-distribution=stable', '-component=main', 'bench'),
    {
      env: gnupg,
      stdio: 'ignore'
    }
  )
  execFileSync('aptly', aptly('repo', 'add', 'bench', seedDir), { env: gnupg, stdio: 'ignore' })
  execFileSync('aptly', aptly('publish', 'repo', '-batch', `-gpg-key=${fingerprint}`, 'bench'), {
    env: gnupg,
    stdio: 'ignore'
  })

  const ws = path.join(dir, 'ws')
  // `ours, no verify`: --verify false, the same work as the anchors, which read nothing back.
  const results: Record<string, Measure[]> = {
    ours: [],
    'ours, no verify': [],
    'bare node floor': [],
    reprepro: [],
    aptly: []
  }
  for (let r = -1; r < rounds; r++) {
    rmSync(ws, { recursive: true, force: true })
    mkdirSync(ws)
    const tag = r < 0 ? 'warm' : `new${pad(r)}`
    const file = path.join(ws, debName(tag))
    await writeFile(file, syntheticDeb(`bench${tag}`, '1.0.0'))
    execFileSync('sync')
    const ours = timed(NODE, [CLI, ...publishArgs(store, ws, debName(tag), n)], { cwd: ws })
    // The first run fills the compile cache, as the first run on a machine does: not measured.
    if (r < 0) continue
    results.ours.push(ours)
    execFileSync('sync')
    const bare = path.join(ws, debName(`${tag}nv`))
    await writeFile(bare, syntheticDeb(`bench${tag}nv`, '1.0.0'))
    results['ours, no verify'].push(
      timed(NODE, [CLI, ...publishArgs(store, ws, path.basename(bare), n, false)], { cwd: ws })
    )
    execFileSync('sync')
    results['bare node floor'].push(timed(NODE, [FLOOR, floor, file, floorKey]))
    execFileSync('sync')
    results.reprepro.push(timed('reprepro', ['-b', reprepro, 'includedeb', 'stable', file]))
    execFileSync('sync')
    results.aptly.push(
      plus(
        timed('aptly', aptly('repo', 'add', 'bench', file)),
        timed('aptly', aptly('publish', 'update', '-batch', `-gpg-key=${fingerprint}`, 'stable'))
      )
    )
  }
  const ours = median(results.ours)
  const bare = median(results['ours, no verify'])
  const [floorRun, repreproRun, aptlyRun] = [
    median(results['bare node floor']),
    median(results.reprepro),
    median(results.aptly)
  ]
  for (const tool of ['ours', 'ours, no verify', 'bare node floor', 'reprepro', 'aptly']) {
    const m = median(results[tool])
    const ratio = tool.startsWith('ours')
      ? ''
      : tool === 'bare node floor'
        ? `the floor: ${(m.wall / repreproRun.wall).toFixed(2)}x reprepro, ` +
          `${(m.wall / aptlyRun.wall).toFixed(2)}x aptly (wall); ours no verify ` +
          `${(bare.wall / floorRun.wall).toFixed(2)}x the floor`
        : `${(ours.wall / m.wall).toFixed(2)}x, ${(ours.cpu / m.cpu).toFixed(2)}x; ` +
          `no verify ${(bare.wall / m.wall).toFixed(2)}x, ${(bare.cpu / m.cpu).toFixed(2)}x`
    console.log(
      `${String(n).padStart(6)}  ${tool.padEnd(16)} ${m.wall.toFixed(3).padStart(8)} ${m.cpu.toFixed(3).padStart(8)} ${m.rssMiB.toFixed(0).padStart(8)}  ${ratio}`
    )
  }
  console.log(`        ours, median run: ${medianTiming(results.ours) ?? '(no timing line)'}`)
  console.log(
    `        ours, no verify, median run: ${medianTiming(results['ours, no verify']) ?? '(no timing line)'}`
  )
  console.log(
    `        rounds (wall s): ours ${results.ours.map((m) => m.wall.toFixed(3)).join(' ')}; no verify ${results['ours, no verify'].map((m) => m.wall.toFixed(3)).join(' ')}; floor ${results['bare node floor'].map((m) => m.wall.toFixed(3)).join(' ')}; reprepro ${results.reprepro.map((m) => m.wall.toFixed(3)).join(' ')}; aptly ${results.aptly.map((m) => m.wall.toFixed(3)).join(' ')}`
  )
  if (!smallest) smallest = { dir, ws, store, n }
  else rmSync(dir, { recursive: true, force: true })
}

function publishArgs(store: string, ws: string, file: string, n: number, verify = true): string[] {
  return [
    'publish',
    ...['--store', store, '--workspace', ws, '--packages', file],
    ...['--gpg-private-key', `@${keyFile}`, '--dev-retention', String(n * 2)],
    ...['--event', 'push', '--ref', 'refs/heads/master', '--sha', '0'.repeat(40)],
    ...['--require-checks', 'false', '--version', '1.0.0', '--verbose'],
    // The action always knows its repository (GITHUB_REPOSITORY); without it the CLI asks git.
    ...['--repository', 'falcosecurity/falco', ...(verify ? [] : ['--verify', 'false'])]
  ]
}

// ---- The fixed cost of one of our runs, at the smallest N ----
if (smallest) {
  const { ws, store, n } = smallest
  const fresh = async (tag: string) => {
    rmSync(ws, { recursive: true, force: true })
    mkdirSync(ws)
    await writeFile(path.join(ws, debName(tag)), syntheticDeb(`bench${tag}`, '1.0.0'))
    return debName(tag)
  }
  console.log(`\nfixed cost of one run (N=${n}):`)
  const bare = median([0, 1, 2].map(() => timed(NODE, ['-e', '0'])))
  console.log(
    `  node starting an empty script: ${bare.wall.toFixed(3)} s wall, ${bare.cpu.toFixed(3)} s cpu`
  )
  // The compile cache off and on, alternating, three each.
  const cache: Record<'cold' | 'warm', Measure[]> = { cold: [], warm: [] }
  for (let r = 0; r < 3; r++) {
    for (const state of ['cold', 'warm'] as const) {
      const file = await fresh(`${state}${r}`)
      cache[state].push(
        timed(NODE, [CLI, ...publishArgs(store, ws, file, n)], {
          cwd: ws,
          env: state === 'cold' ? { NODE_DISABLE_COMPILE_CACHE: '1' } : {}
        })
      )
    }
  }
  for (const state of ['cold', 'warm'] as const) {
    const m = median(cache[state])
    console.log(
      `  compile cache ${state === 'cold' ? 'off ' : 'warm'}: ${m.wall.toFixed(3)} s wall, ` +
        `${m.cpu.toFixed(3)} s cpu; median run: ${medianTiming(cache[state]) ?? '(no timing line)'}`
    )
  }

  // The timeline: when each log line arrives, from the spawn.
  const file = await fresh('timeline')
  const lines: string[] = []
  const started = process.hrtime.bigint()
  await new Promise<void>((resolve, reject) => {
    const child = spawn(NODE, [CLI, ...publishArgs(store, ws, file, n)], {
      cwd: ws,
      env: gnupg
    })
    const stamp = (chunk: Buffer) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(`  ${ms.toFixed(0).padStart(6)} ms  ${line.slice(0, 110)}`)
    }
    child.stdout.on('data', stamp)
    child.stderr.on('data', stamp)
    child.on('error', reject)
    child.on('exit', (code) => {
      lines.push(
        `  ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0).padStart(6)} ms  (exit ${code})`
      )
      if (code === 0) resolve()
      else reject(new Error(`publish exited ${code}:\n${lines.join('\n')}`))
    })
  })
  console.log('  timeline (ms since spawn, the CLI log lines):')
  console.log(lines.join('\n'))

  // fsync and friends, counted by strace over the whole process tree.
  const traced = await fresh('strace')
  const summary = path.join(tmp, 'strace.txt')
  execFileSync(
    'strace',
    [
      '-f',
      '-c',
      '-o',
      summary,
      '-e',
      'trace=fsync,fdatasync,rename,renameat,renameat2,openat,execve',
      NODE,
      CLI,
      ...publishArgs(store, ws, traced, n)
    ],
    { cwd: ws, env: gnupg, stdio: 'ignore' }
  )
  console.log('  system calls of one run (strace -f -c):')
  console.log(
    readFileSync(summary, 'utf8')
      .split('\n')
      .filter((l) => /\s(fsync|fdatasync|rename\w*|openat|execve|total)$/.test(l))
      .map((l) => `    ${l.trim()}`)
      .join('\n')
  )

  // Which of the bundle's chunks one run loads (named for what they hold: openpgp, hash-wasm's
  // index.esm, an SDK...): what a small apt publish should not load shows here.
  const opened = path.join(tmp, 'opened.txt')
  const chunksRun = await fresh('chunks')
  execFileSync(
    'strace',
    ['-f', '-e', 'trace=openat', '-o', opened, NODE, CLI, ...publishArgs(store, ws, chunksRun, n)],
    { cwd: ws, env: gnupg, stdio: 'ignore' }
  )
  const chunks = new Set(
    [...readFileSync(opened, 'utf8').matchAll(/dist\/(chunks\/[^"]+\.(?:js|wasm))"/g)].map(
      (m) => m[1]
    )
  )
  console.log(`  bundle files one run loads (${chunks.size}): ${[...chunks].sort().join(' ')}`)

  // CPU by function (self time), from node's own profiler.
  const profDir = path.join(tmp, 'prof')
  const profiled = await fresh('prof')
  execFileSync(
    NODE,
    ['--cpu-prof', '--cpu-prof-dir', profDir, CLI, ...publishArgs(store, ws, profiled, n)],
    {
      cwd: ws,
      env: gnupg,
      stdio: 'ignore'
    }
  )
  const profile = JSON.parse(readFileSync(path.join(profDir, readdirSync(profDir)[0]), 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]
    samples: number[]
    timeDeltas: number[]
  }
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]))
  const self = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)!.callFrame
    const where = frame.url ? path.basename(frame.url.replace(/^file:\/\//, '')) : ''
    const key = `${frame.functionName || '(anonymous)'} ${where}${where ? `:${frame.lineNumber + 1}` : ''}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  // By script: the bundle's chunks are named for what they hold (index, an SDK, openpgp...).
  const byScript = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)!.callFrame
    const where = frame.url
      ? path.basename(frame.url.replace(/^file:\/\//, ''))
      : frame.functionName || '(native)'
    byScript.set(where, (byScript.get(where) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  console.log('  CPU profile of one run, self time by script:')
  for (const [where, us] of [...byScript.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`    ${(us / 1000).toFixed(0).padStart(6)} ms  ${where}`)
  const totalUs = [...self.values()].reduce((a, b) => a + b, 0)
  console.log(`  CPU profile of one run: ${(totalUs / 1000).toFixed(0)} ms sampled; top self time:`)
  for (const [key, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`    ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`)
}
rmSync(tmp, { recursive: true, force: true })
