/**
 * Publishing one package into a repository that already holds 10,000, against anchors that
 * re-index everything. Prints wall and CPU times and anchor/ours ratios; asserts nothing.
 *
 *   npx tsx bench/packages.ts [count] [kib] [rounds]
 *   (default 10000 packages, 0 KiB of payload, 9 rounds of one more package each)
 *
 * Anchors, each on its own copy of the same files, in the same run:
 * - the lower bound of any full re-index: one `apt-ftparchive packages` over the pool, and
 *   `createrepo_c --update --no-database`;
 * - Falco's re-index steps, as falcosecurity/falco `scripts/publish-deb` and `publish-rpm` run
 *   them once the repository is downloaded. deb: copy and sign the new package, `dpkg --info`
 *   for its architecture, `find stable -name "falco-*-x86_64.deb" -exec apt-ftparchive packages`
 *   (one process per package) into Packages, gzip and bzip2 of Packages, `apt-ftparchive
 *   release` with Falco's options, then Release.gpg and InRelease. rpm: copy and sign the new
 *   package, `createrepo --update --no-database .` (createrepo_c here), sign repomd.xml.
 *   The synthetic files are named `falco-<name>-<version>-x86_64.deb` so Falco's pattern
 *   matches them. Signing uses gpg with a throwaway GNUPGHOME and an RSA 2048 key generated
 *   for the run. Not included: the S3 download and upload (`aws s3 cp --recursive`,
 *   `aws s3 sync`) and the CloudFront invalidations, nor the second architecture Falco indexes.
 *
 * `kib` adds that much incompressible payload to every synthetic .deb: the anchors re-read
 * every package on each publish, so their cost grows with package size; ours does not (Falco's
 * real packages are tens of MB).
 *
 * BENCH_TRACE=1 prints every log line and anchor step with the time since start.
 *
 * Needs apt-utils (apt-ftparchive), dpkg, gzip, bzip2, gnupg, createrepo-c and rpm (rpmbuild
 * builds the RPM template), and the bundle (`npm run package`) for the fresh-process row.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import {
  closeSync,
  mkdirSync,
  openSync,
  promises as fs,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { gunzipSync } from 'node:zlib'
import * as openpgp from 'openpgp'
import { readInputs } from '../src/inputs.js'
import type { StageContext } from '../src/plan.js'
import type { Logger } from '../src/report/log.js'
import { parseDeb } from '../src/repo/deb/parse.js'
import { parseRpm } from '../src/repo/rpm/parse.js'
import { loadSigningKeys } from '../src/sign/openpgp.js'
import { commitApt } from '../src/stages/packages/apt.js'
import { commitDnf } from '../src/stages/packages/dnf.js'
import { Uploader } from '../src/stages/packages/store-io.js'
import { packagesStage } from '../src/stages/packages.js'
import { FileStore } from '../src/store/file.js'
import { syntheticDeb as makeDeb } from '../__tests__/support/synthetic-deb.js'

const count = Number(process.argv[2] ?? 10000)
const payloadKiB = Number(process.argv[3] ?? 0)
// Nine rounds: on a shared 2-core VM single rounds of ours vary twofold, and five medians drifted.
const runs = Number(process.argv[4] ?? 9)
// BENCH_TRACE=1 prints every log line with the time since start, to see where time goes.
const t0 = process.hrtime.bigint()
const trace = process.env.BENCH_TRACE === '1'
const quiet: Logger = {
  info: (m) => {
    if (trace)
      console.error(
        `${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0).padStart(7)} ms ${m}`
      )
  },
  debug: () => {},
  warning: () => {},
  error: () => {},
  group: (_name, fn) => fn(),
  secret: () => {}
}

/** A small but real .deb (dpkg-deb reads it), with `payloadKiB` of incompressible payload. */
function syntheticDeb(name: string, version: string): Buffer {
  return makeDeb(name, version, payloadKiB)
}

/**
 * Times one contender. Each starts with nothing dirty in the page cache (`sync` first): writing
 * the 10,000 seed files leaves the disk busy flushing them, which would otherwise slow whoever
 * runs next, and most of all a writer that fsyncs what it publishes, as ours does.
 */
async function time<T>(fn: () => Promise<T> | T): Promise<[Timing, T]> {
  execFileSync('sync')
  collectGarbage()
  const cpu = cpuSeconds()
  const start = process.hrtime.bigint()
  const value = await fn()
  const wall = Number(process.hrtime.bigint() - start) / 1e9
  return [{ wall, cpu: cpuSeconds() - cpu }, value]
}

/**
 * A full collection before each timing, so that no round pays for the garbage of the bench
 * itself: ours runs in this process, and the seeding left ~45 MB of parsed packages that V8
 * otherwise collected during our third and sixth rounds (seen with --trace-gc), doubling their
 * CPU time. A publish in a fresh process has no such garbage. `gc` is exposed here rather than
 * by a node flag, so the command stays `npx tsx bench/packages.ts`.
 */
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

/**
 * Wall time, and CPU time: ours spreads over threads (V8's collector, libuv's pool) and the
 * anchors over processes, and on a busy machine CPU time varies far less than wall time.
 */
interface Timing {
  wall: number
  cpu: number
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString())

/**
 * CPU seconds used so far by every thread of this process and by the children it has waited
 * for (and theirs): `/proc/self/stat`'s cutime and cstime, in clock ticks (10 ms, fine for
 * anchors that take a second).
 */
function cpuSeconds(): number {
  const own = process.cpuUsage()
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
  const children = (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS
  return (own.user + own.system) / 1e6 + children
}

/** Times each anchor step and, under BENCH_TRACE, says how long it took. */
function stepper(anchor: string): <T>(name: string, fn: () => T) => T {
  return (name, fn) => {
    const start = process.hrtime.bigint()
    const value = fn()
    quiet.info(
      `${anchor}: ${name} (${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(3)} s)`
    )
    return value
  }
}

/**
 * Runs one command of an anchor, as the shell would in Falco's scripts: `out` stands for
 * `> file`, or `>> file` with `append`. A missing tool or a failing step stops the bench,
 * naming the command, so an anchor never looks fast because it did nothing.
 */
function run(
  cmd: string,
  args: string[],
  o: { cwd: string; env?: NodeJS.ProcessEnv; out?: string; append?: boolean }
): string {
  const fd = o.out === undefined ? undefined : openSync(o.out, o.append ? 'a' : 'w')
  try {
    const r = spawnSync(cmd, args, {
      cwd: o.cwd,
      env: o.env ?? process.env,
      stdio: ['ignore', fd ?? 'pipe', 'pipe'],
      maxBuffer: 1 << 30
    })
    if (r.error)
      throw new Error(
        `bench/packages: cannot run ${cmd} in ${o.cwd} (${r.error.message}); ` +
          'the tools this bench needs are listed at the top of bench/packages.ts'
      )
    if (r.status !== 0)
      throw new Error(
        `bench/packages: \`${cmd} ${args.join(' ')}\` in ${o.cwd} exited with ` +
          `${r.status ?? r.signal}: ${r.stderr.toString().trim()}`
      )
    return r.stdout?.toString() ?? ''
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

// Falco's CI signs from a key imported without a passphrase; loopback keeps gpg off any tty.
const GPG = ['--batch', '--pinentry-mode', 'loopback']

/** A throwaway GNUPGHOME with one RSA 2048 signing key, made for this run. */
async function throwawayGnupg(home: string): Promise<NodeJS.ProcessEnv> {
  await fs.mkdir(home, { mode: 0o700 })
  const env = { ...process.env, GNUPGHOME: home }
  run(
    'gpg',
    [
      ...GPG,
      '--passphrase',
      '',
      '--quick-generate-key',
      'falco-publish bench <bench@example.invalid>',
      'rsa2048',
      'sign',
      'never'
    ],
    { cwd: home, env }
  )
  return env
}

const FALCO_ARCH: Record<string, string> = { amd64: 'x86_64', arm64: 'aarch64' }

/**
 * What falcosecurity/falco `scripts/publish-deb` does once it has downloaded the repository
 * into `repo`: add the new package (copy, sign, read its architecture), re-index the suite with
 * one `apt-ftparchive packages` per package file, compress, write and sign Release. The shell's
 * own mkdir/truncate/rm/mv are done in-process (a few milliseconds of the total).
 */
function falcoDebSteps(repo: string, newDeb: string, env: NodeJS.ProcessEnv): void {
  const step = stepper("anchor Falco's deb steps")
  const suite = 'stable'
  const pool = path.join(repo, suite)
  const name = path.basename(newDeb)
  step('cp -f the new .deb', () => run('cp', ['-f', newDeb, pool], { cwd: repo }))
  step('gpg --detach-sign the new .deb', () => {
    rmSync(path.join(pool, `${name}.asc`), { force: true })
    run('gpg', [...GPG, '--detach-sign', '--digest-algo', 'SHA256', '--armor', name], {
      cwd: pool,
      env
    })
  })
  const arch = step(
    'dpkg --info for the architecture',
    () => /^\s*Architecture:\s*(\S+)/m.exec(run('dpkg', ['--info', newDeb], { cwd: repo }))?.[1]
  )
  const falcoArch = arch === undefined ? undefined : FALCO_ARCH[arch]
  if (arch === undefined || falcoArch === undefined)
    throw new Error(`bench/packages: ${newDeb} has architecture ${arch}, not amd64 or arm64`)
  const dists = `dists/${suite}`
  const binary = path.join(repo, dists, 'main', `binary-${arch}`)
  step(
    `find ${suite} -name "falco-*-${falcoArch}.deb" -exec apt-ftparchive packages {} \\;`,
    () => {
      mkdirSync(binary, { recursive: true })
      writeFileSync(path.join(binary, 'Packages'), '')
      run(
        'find',
        [
          suite,
          '-name',
          `falco-*-${falcoArch}.deb`,
          '-exec',
          'apt-ftparchive',
          'packages',
          '{}',
          ';'
        ],
        { cwd: repo, out: path.join(binary, 'Packages'), append: true }
      )
    }
  )
  step('gzip -c Packages', () =>
    run('gzip', ['-c', path.join(binary, 'Packages')], {
      cwd: repo,
      out: path.join(binary, 'Packages.gz')
    })
  )
  step('bzip2 -z -c Packages', () =>
    run('bzip2', ['-z', '-c', path.join(binary, 'Packages')], {
      cwd: repo,
      out: path.join(binary, 'Packages.bz2')
    })
  )
  const release = `${dists}/Release`
  step('apt-ftparchive release', () =>
    run(
      'apt-ftparchive',
      [
        'release',
        ...['Origin=Falco', 'Label=Falco', `Suite=${suite}`, `Codename=${suite}`]
          .concat(['Components=main', `Architectures=${arch}`])
          .flatMap((o) => ['-o', `APT::FTPArchive::Release::${o}`]),
        dists
      ],
      { cwd: repo, out: path.join(repo, release) }
    )
  )
  step('gpg --detach-sign Release (Release.gpg)', () => {
    run('gpg', [...GPG, '--detach-sign', '--digest-algo', 'SHA256', '--armor', release], {
      cwd: repo,
      env
    })
    rmSync(path.join(repo, dists, 'Release.gpg'), { force: true })
    renameSync(path.join(repo, `${release}.asc`), path.join(repo, dists, 'Release.gpg'))
  })
  step('gpg --clearsign Release (InRelease)', () => {
    run('gpg', [...GPG, '--armor', '--sign', '--clearsign', '--digest-algo', 'SHA256', release], {
      cwd: repo,
      env
    })
    rmSync(path.join(repo, dists, 'InRelease'), { force: true })
    renameSync(path.join(repo, `${release}.asc`), path.join(repo, dists, 'InRelease'))
  })
}

/**
 * What falcosecurity/falco `scripts/publish-rpm` does once it has downloaded the repository
 * into `repo`: copy and sign the new package, `createrepo --update --no-database .` (with
 * createrepo_c, which this machine has), sign repomd.xml.
 */
function falcoRpmSteps(repo: string, newRpm: string, env: NodeJS.ProcessEnv): void {
  const step = stepper("anchor Falco's rpm steps")
  const name = path.basename(newRpm)
  step('cp -f the new .rpm', () => run('cp', ['-f', newRpm, repo], { cwd: repo }))
  step('gpg --detach-sign the new .rpm', () => {
    rmSync(path.join(repo, `${name}.asc`), { force: true })
    run('gpg', [...GPG, '--detach-sign', '--digest-algo', 'SHA256', '--armor', name], {
      cwd: repo,
      env
    })
  })
  step('createrepo_c --update --no-database .', () =>
    run('createrepo_c', ['--update', '--no-database', '.'], { cwd: repo })
  )
  step('gpg --detach-sign repodata/repomd.xml', () => {
    rmSync(path.join(repo, 'repodata/repomd.xml.asc'), { force: true })
    run(
      'gpg',
      [...GPG, '--detach-sign', '--digest-algo', 'SHA256', '--armor', 'repodata/repomd.xml'],
      { cwd: repo, env }
    )
  })
}

const entries = (packages: string): number => (packages.match(/^Package: /gm) ?? []).length

/** How many packages a repodata/ lists in its primary index. */
async function primaryCount(repo: string): Promise<number> {
  const repomd = await fs.readFile(path.join(repo, 'repodata/repomd.xml'), 'utf8')
  const href = /<data type="primary">[\s\S]*?<location href="([^"]+)"/.exec(repomd)?.[1]
  if (href === undefined)
    throw new Error(`bench/packages: no primary index in ${repo}/repodata/repomd.xml`)
  const raw = await fs.readFile(path.join(repo, href))
  if (!href.endsWith('.gz') && !href.endsWith('.xml'))
    throw new Error(`bench/packages: ${repo}/${href}: only gzip or plain primary is read here`)
  const xml = href.endsWith('.gz') ? gunzipSync(raw) : raw
  // Counted, not read from a packages="N" attribute: ours does not write one.
  return xml.toString('utf8').split('<package type="rpm">').length - 1
}

/** Every anchor must have indexed what ours did, or its time means nothing. */
function sameCount(what: string, got: number | undefined, want: number): void {
  if (got !== want)
    throw new Error(`bench/packages: ${what} lists ${got} packages, expected ${want}`)
}

async function main(): Promise<void> {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-packages-'))
  let gnupg: NodeJS.ProcessEnv | undefined
  try {
    gnupg = await throwawayGnupg(path.join(tmp, 'gnupg'))
    await bench(tmp, gnupg)
  } finally {
    // The gpg-agent this run started for its GNUPGHOME, and nothing else.
    if (gnupg) run('gpgconf', ['--kill', 'gpg-agent'], { cwd: tmp, env: gnupg })
    await fs.rm(tmp, { recursive: true, force: true })
  }
}

async function bench(tmp: string, gnupg: NodeJS.ProcessEnv): Promise<void> {
  const { privateKey } = await openpgp.generateKey({
    type: 'rsa',
    rsaBits: 2048,
    userIDs: [{ name: 'bench' }],
    format: 'armored'
  })
  const keys = await loadSigningKeys(privateKey)
  const storeRoot = path.join(tmp, 'public')
  const store = new FileStore(storeRoot)
  const uploader = new Uploader(store, quiet)
  const pad = (i: number): string => String(i).padStart(6, '0')
  // Falco's file names, so its `find -name "falco-*-x86_64.deb"` picks them up.
  const debName = (i: number): string => `falco-bench${pad(i)}-1.0.0-x86_64.deb`

  // ---- apt ----
  const pool = path.join(storeRoot, 'packages/deb-dev/stable')
  // Falco's steps get their own copy of the downloaded repository (hard links: same bytes).
  const falcoDeb = path.join(tmp, 'falco-deb-dev')
  await fs.mkdir(pool, { recursive: true })
  await fs.mkdir(path.join(falcoDeb, 'stable'), { recursive: true })
  for (let i = 0; i < count; i++) {
    await fs.writeFile(path.join(pool, debName(i)), syntheticDeb(`bench${pad(i)}`, '1.0.0'))
    await fs.link(path.join(pool, debName(i)), path.join(falcoDeb, 'stable', debName(i)))
  }
  // Seeded in a function of its own, so nothing keeps the parsed packages alive (and the
  // collector busy) while the contenders are timed.
  const seedApt = async (): Promise<[Timing, Timing]> => {
    const [parse, parsed] = await time(async () => {
      const out = []
      for (let i = 0; i < count; i++) out.push(await parseDeb(path.join(pool, debName(i))))
      return out
    })
    const [index] = await time(() =>
      commitApt(
        { added: parsed.map((pkg) => ({ pkg, filename: `stable/${path.basename(pkg.file)}` })) },
        { store, prefix: 'packages/deb-dev', keys, log: quiet, uploader }
      )
    )
    return [parse, index]
  }
  const [seedParse, seedIndex] = await seedApt()
  const ws = path.join(tmp, 'ws')
  await fs.mkdir(ws, { recursive: true })
  const ctx = (packages: string): StageContext => ({
    release: {
      channel: 'dev',
      version: '1.0.0',
      prerelease: false,
      latest: false,
      reason: 'bench',
      sha: '0'.repeat(40)
    },
    inputs: readInputs(
      (n) => ({ packages, 'gpg-private-key': privateKey, 'dev-retention': String(count * 2) })[n]
    ),
    store,
    log: quiet,
    workspace: ws,
    workdir: path.join(tmp, 'work')
  })
  /** Ours: plan and apply one publish of whatever `pattern` finds in the workspace. */
  const publishOne = async (file: string, bytes: Buffer, pattern: string): Promise<Timing> => {
    await intoWorkspace(ws, file, bytes)
    const [timing] = await time(async () => {
      quiet.info(`falco-publish: publish ${file}`)
      const c = ctx(pattern)
      await packagesStage.apply(await packagesStage.plan(c), c)
    })
    return timing
  }

  // Each round adds one package to every contender's repository, so every contender indexes
  // the same count in the same round.
  const deb = { ours: [] as Timing[], anchor: [] as Timing[] }
  // Written to a file, as Falco's scripts do: piped into this process, reading the output
  // took node a quarter of a second, which the anchor would have been charged for.
  const anchorPackages = path.join(tmp, 'apt-ftparchive-Packages')
  for (let r = 0; r < runs; r++) {
    const name = `falco-benchnew${r}-1.0.0-x86_64.deb`
    deb.ours.push(await publishOne(name, syntheticDeb(`benchnew${r}`, '1.0.0'), '*.deb'))
    // Lower bound: the pool ours just published into, one process over the directory.
    const [timing] = await time(() =>
      run('apt-ftparchive', ['packages', 'stable'], {
        cwd: path.dirname(pool),
        out: anchorPackages
      })
    )
    deb.anchor.push(timing)
    // Falco's copy gets every new package but the last; its steps add that one below.
    if (r < runs - 1) await fs.link(path.join(pool, name), path.join(falcoDeb, 'stable', name))
  }
  const lastDeb = path.join(ws, `falco-benchnew${runs - 1}-1.0.0-x86_64.deb`)
  const [falcoDebTime] = await time(() => falcoDebSteps(falcoDeb, lastDeb, gnupg))
  const n = count + runs
  const binary = 'dists/stable/main/binary-amd64/Packages'
  sameCount(
    'our Packages',
    entries(await fs.readFile(path.join(storeRoot, 'packages/deb-dev', binary), 'utf8')),
    n
  )
  sameCount('apt-ftparchive packages stable', entries(await fs.readFile(anchorPackages, 'utf8')), n)
  sameCount("Falco's Packages", entries(await fs.readFile(path.join(falcoDeb, binary), 'utf8')), n)
  run('gpg', ['--batch', '--verify', 'dists/stable/InRelease'], { cwd: falcoDeb, env: gnupg })

  // ---- rpm ----
  const specDir = path.join(tmp, 'rpmbuild')
  await fs.mkdir(specDir, { recursive: true })
  const spec = path.join(specDir, 't.spec')
  await fs.writeFile(
    spec,
    'Name: benchXXXXXX\nVersion: 1.0.0\nRelease: 1\nSummary: synthetic\nLicense: Apache-2.0\nAutoReq: no\n' +
      '%description\nsynthetic package for bench/packages.ts\n%install\nmkdir -p %{buildroot}/usr/share/benchXXXXXX\n' +
      'echo hi > %{buildroot}/usr/share/benchXXXXXX/README\n%files\n/usr/share/benchXXXXXX\n'
  )
  execFileSync('rpmbuild', [
    '-bb',
    '--quiet',
    '--define',
    `_topdir ${specDir}`,
    '--define',
    '_build_id_links none',
    '--target',
    'noarch',
    spec
  ])
  const template = await fs.readFile(
    path.join(specDir, 'RPMS/noarch/benchXXXXXX-1.0.0-1.noarch.rpm')
  )
  const templateInfo = await parseRpm(
    path.join(specDir, 'RPMS/noarch/benchXXXXXX-1.0.0-1.noarch.rpm')
  )
  // Same-length renames inside the headers only: createrepo_c and our parser read headers, not digests.
  const variant = (id: string): Buffer => {
    const out = Buffer.from(template)
    const head = out.subarray(0, templateInfo.payloadOffset)
    let at = head.indexOf('XXXXXX')
    while (at >= 0) {
      head.write(id, at)
      at = head.indexOf('XXXXXX', at + 6)
    }
    return out
  }
  const rpmRepo = path.join(storeRoot, 'packages/rpm-dev')
  await fs.mkdir(rpmRepo, { recursive: true })
  // One copy per anchor (hard links), so neither sees the other's update.
  const anchorRepo = path.join(tmp, 'createrepo')
  const falcoRpm = path.join(tmp, 'falco-rpm-dev')
  await fs.mkdir(anchorRepo, { recursive: true })
  await fs.mkdir(falcoRpm, { recursive: true })
  for (let i = 0; i < count; i++) {
    const name = `bench${pad(i)}-1.0.0-1.noarch.rpm`
    await fs.writeFile(path.join(rpmRepo, name), variant(pad(i)))
    await fs.link(path.join(rpmRepo, name), path.join(anchorRepo, name))
    await fs.link(path.join(rpmRepo, name), path.join(falcoRpm, name))
  }
  const seedDnf = async (): Promise<void> => {
    const rpms = []
    for (let i = 0; i < count; i++) {
      const p = await parseRpm(path.join(rpmRepo, `bench${pad(i)}-1.0.0-1.noarch.rpm`))
      rpms.push({ ...p, sourceSha256: p.digests.sha256 })
    }
    await commitDnf(
      { added: rpms },
      { store, prefix: 'packages/rpm-dev', keys, log: quiet, uploader }
    )
  }
  await seedDnf()
  // The repository as Falco's scripts left it: made without the sqlite databases.
  execFileSync('createrepo_c', ['--quiet', '--no-database', anchorRepo])
  await fs.cp(path.join(anchorRepo, 'repodata'), path.join(falcoRpm, 'repodata'), {
    recursive: true,
    preserveTimestamps: true
  })
  const rpm = { ours: [] as Timing[], anchor: [] as Timing[], falco: [] as Timing[] }
  for (let r = 0; r < runs; r++) {
    const id = `new${String(r).padStart(3, '0')}`
    const name = `bench${id}-1.0.0-1.noarch.rpm`
    rpm.ours.push(await publishOne(name, variant(id), '*.rpm'))
    await fs.copyFile(path.join(ws, name), path.join(anchorRepo, name))
    const [anchor] = await time(() =>
      execFileSync('createrepo_c', ['--quiet', '--update', '--no-database', anchorRepo])
    )
    rpm.anchor.push(anchor)
    const [falco] = await time(() => falcoRpmSteps(falcoRpm, path.join(ws, name), gnupg))
    rpm.falco.push(falco)
  }
  // For scale: what `--update` saves, a whole re-index that reads every package again.
  await fs.rm(path.join(anchorRepo, 'repodata'), { recursive: true })
  const [fullRpm] = await time(() =>
    execFileSync('createrepo_c', ['--quiet', '--no-database', anchorRepo])
  )
  sameCount('our repodata', await primaryCount(rpmRepo), n)
  sameCount('createrepo_c', await primaryCount(anchorRepo), n)
  sameCount("Falco's repodata", await primaryCount(falcoRpm), n)
  run('gpg', ['--batch', '--verify', 'repodata/repomd.xml.asc', 'repodata/repomd.xml'], {
    cwd: falcoRpm,
    env: gnupg
  })

  // Ours as a workflow runs it: a fresh node process, its modules loaded, one publish. After
  // the rounds (the repositories hold a package or three more than the anchors indexed).
  const keyFile = path.join(tmp, 'key.asc')
  await fs.writeFile(keyFile, privateKey, { mode: 0o600 })
  const cli = { deb: [] as Timing[], rpm: [] as Timing[] }
  for (let r = 0; r < CLI_RUNS; r++) {
    const deb = `falco-benchcli${r}-1.0.0-x86_64.deb`
    cli.deb.push(
      await publishFresh(ws, deb, syntheticDeb(`benchcli${r}`, '1.0.0'), storeRoot, keyFile, n)
    )
    const id = `cli${String(r).padStart(3, '0')}`
    const rpmName = `bench${id}-1.0.0-1.noarch.rpm`
    cli.rpm.push(await publishFresh(ws, rpmName, variant(id), storeRoot, keyFile, n))
  }

  const ratio = (anchor: number, ours?: number): string =>
    ours === undefined ? '' : `${(anchor / ours).toFixed(1)}x`
  // `anchor`: a row of ours compared with the first anchor, as anchor/ours like the others.
  const row = (what: string, t: Timing, ours?: Timing, anchor?: Timing): string =>
    `${what.padEnd(76)} ${`${t.wall.toFixed(3)} s`.padStart(9)} ` +
    `${(anchor ? ratio(anchor.wall, t.wall) : ratio(t.wall, ours?.wall)).padStart(11)} ` +
    `${`${t.cpu.toFixed(3)} s`.padStart(9)} ` +
    (anchor ? ratio(anchor.cpu, t.cpu) : ratio(t.cpu, ours?.cpu)).padStart(11)
  console.log(
    `bench/packages: ${count} packages already published, then ${runs} more, one publish each ` +
      `(${payloadKiB} KiB payload per .deb, node ${process.version})`
  )
  console.log(
    "Anchors run on local copies: Falco's S3 download and upload (aws s3 cp --recursive, aws s3 sync)\n" +
      'and CloudFront invalidations are not included, nor its second architecture. Every index below\n' +
      `ends listing ${n} packages; Falco's InRelease and repomd.xml.asc verify. Times are medians of\n` +
      `the ${runs} rounds (ours also: its first publish in this process, every module loaded but\n` +
      `nothing yet run), except what runs once: Falco's deb steps (in round ${runs}) and a whole\n` +
      `createrepo_c (after it). CPU time is every thread's and every child process's; its median\n` +
      `is taken on its own, not necessarily from the round of the median time. The fresh-process\n` +
      `row is the bundled CLI as a workflow step runs it, node's start and module loading included,\n` +
      `after the rounds; its ratio is against the first anchor.\n`
  )
  console.log(
    `${''.padEnd(76)} ${'time'.padStart(9)} ${'anchor/ours'.padStart(11)} ` +
      `${'cpu'.padStart(9)} ${'anchor/ours'.padStart(11)}`
  )
  console.log(row(`seed (not compared): parse ${count} .deb`, seedParse))
  console.log(row(`seed (not compared): first index of ${count} .deb`, seedIndex))
  const ourDeb = median(deb.ours)
  const ourRpm = median(rpm.ours)
  console.log('deb')
  console.log(row('  falco-publish: publish one more .deb (plan + sign + apply)', ourDeb))
  console.log(row('  falco-publish: the same, its first publish in the process', deb.ours[0]))
  console.log(
    row('  anchor: one apt-ftparchive packages over the pool', median(deb.anchor), ourDeb)
  )
  console.log(
    row(
      `  anchor: Falco's re-index steps (${n} apt-ftparchive, gzip, bzip2, 3 gpg)`,
      falcoDebTime,
      ourDeb
    )
  )
  console.log(row(`  ${FRESH_ROW}`, median(cli.deb), undefined, median(deb.anchor)))
  console.log(rounds('ours', deb.ours))
  console.log(rounds('apt-ftparchive', deb.anchor))
  console.log(rounds('ours in a fresh process', cli.deb))
  console.log('rpm')
  console.log(row('  falco-publish: publish one more .rpm (plan + sign + apply)', ourRpm))
  console.log(row('  falco-publish: the same, its first publish in the process', rpm.ours[0]))
  console.log(row('  anchor: createrepo_c --update --no-database', median(rpm.anchor), ourRpm))
  console.log(
    row(`  anchor: createrepo_c --no-database, every package read again (once)`, fullRpm, ourRpm)
  )
  console.log(
    row(
      `  anchor: Falco's re-index steps (createrepo_c --update, 2 gpg)`,
      median(rpm.falco),
      ourRpm
    )
  )
  console.log(row(`  ${FRESH_ROW}`, median(cli.rpm), undefined, median(rpm.anchor)))
  console.log(rounds('ours', rpm.ours))
  console.log(rounds('createrepo_c --update', rpm.anchor))
  console.log(rounds('ours in a fresh process', cli.rpm))
}

/** The workspace holding `file` alone: what a publish of `*.deb` or `*.rpm` finds. */
async function intoWorkspace(ws: string, file: string, bytes: Buffer): Promise<void> {
  for (const f of await fs.readdir(ws)) await fs.rm(path.join(ws, f))
  await fs.writeFile(path.join(ws, file), bytes)
}

const CLI_RUNS = 3
const FRESH_ROW = `falco-publish CLI in a fresh process (node, modules, publish; ${CLI_RUNS} runs)`
const CLI = path.resolve('dist/cli.js')

/**
 * One publish by the bundled CLI in a process of its own, as a workflow step runs the action:
 * node's start and the loading of the bundle count, which the in-process rounds leave out.
 * Needs `npm run package` first. Fails, naming the command, when the publish does.
 */
async function publishFresh(
  ws: string,
  file: string,
  bytes: Buffer,
  store: string,
  keyFile: string,
  retention: number
): Promise<Timing> {
  if (!(await fs.stat(CLI).catch(() => undefined)))
    throw new Error(`bench/packages: ${CLI} is missing; run \`npm run package\` first`)
  await intoWorkspace(ws, file, bytes)
  const args = [
    CLI,
    'publish',
    ...['--store', store, '--workspace', ws, '--packages', file],
    ...['--gpg-private-key', `@${keyFile}`, '--dev-retention', String(retention * 2)],
    ...['--event', 'push', '--ref', 'refs/heads/master', '--sha', '0'.repeat(40)],
    ...['--require-checks', 'false', '--version', '1.0.0'],
    // The anchors publish without reading anything back: verify (on by default) is left out of
    // the comparison, which times the publish itself.
    ...['--verify', 'false']
  ]
  const [timing] = await time(() => run(process.execPath, args, { cwd: ws }))
  return timing
}

/** Every round's times, in order: how far apart they are says how much a median can be trusted. */
function rounds(label: string, values: Timing[]): string {
  const list = (key: keyof Timing): string => values.map((v) => v[key].toFixed(3)).join(' ')
  return `    rounds, ${label}: ${list('wall')} s; cpu ${list('cpu')} s`
}

/** The median wall time and the median CPU time, each of its own. */
function median(values: Timing[]): Timing {
  const of = (key: keyof Timing): number => {
    const sorted = values.map((v) => v[key]).sort((a, b) => a - b)
    const mid = Math.floor(sorted.length / 2)
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  }
  return { wall: of('wall'), cpu: of('cpu') }
}

await main()
