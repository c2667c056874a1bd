/**
 * Adopting a dnf repository createrepo_c wrote: 200 packages (one rpmbuild of a spec with 200
 * subpackages), `createrepo_c --no-database`, then one falco-publish run that adds one more
 * package, reading the repodata of the 200 in the same run. Prints, as medians over the rounds:
 * the import alone (reading and parsing repomd, primary, filelists, other), the whole publish
 * (plan + apply: the new package signed, the repodata rewritten in our layout and signed), and
 * the anchor, Falco's own step for the same change (`createrepo_c --update --no-database .` and
 * gpg --detach-sign of repomd.xml), with the ratio. Each round starts from a fresh copy of the
 * repository.
 *
 *   npx tsx bench/adopt-rpm.ts [packages=200] [rounds=5]
 *
 * Needs rpm (rpmbuild), createrepo-c and gnupg.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import * as openpgp from 'openpgp'
import { readInputs } from '../src/inputs.js'
import type { StageContext } from '../src/plan.js'
import { readDnfSnapshot } from '../src/stages/packages/dnf-snapshot.js'
import { packagesStage } from '../src/stages/packages.js'
import { FileStore } from '../src/store/file.js'
import { quietLogger } from '../__tests__/support/stage-context.js'

const count = Number(process.argv[2] ?? 200)
const rounds = Number(process.argv[3] ?? 5)
const quiet = quietLogger

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-adopt-rpm-'))
const run = (cmd: string, args: string[], cwd?: string): string =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

try {
  // 200 small packages from one spec (subpackages), and one more to publish.
  const top = path.join(tmp, 'rpmbuild')
  const spec = path.join(tmp, 'many.spec')
  let text =
    `Name: bench-base\nVersion: 1.0.0\nRelease: 1\nSummary: bench\nLicense: Apache-2.0\nBuildArch: noarch\n` +
    `%description\nbench\n%install\nmkdir -p %{buildroot}/usr/share/bench\n` +
    Array.from(
      { length: count + 1 },
      (_, i) => `echo ${i} > %{buildroot}/usr/share/bench/f${i}\n`
    ).join('')
  for (let i = 0; i <= count; i++)
    text += `%package -n bench-${i}\nSummary: bench package ${i}\n%description -n bench-${i}\nbench package ${i}\n%files -n bench-${i}\n/usr/share/bench/f${i}\n`
  writeFileSync(spec, text)
  run('rpmbuild', ['-bb', '--quiet', '--define', `_topdir ${top}`, spec])
  const built = path.join(top, 'RPMS/noarch')
  const seed = path.join(tmp, 'seed/packages/rpm')
  mkdirSync(seed, { recursive: true })
  const ws = path.join(tmp, 'ws/out')
  mkdirSync(ws, { recursive: true })
  for (const f of readdirSync(built)) {
    if (!f.startsWith('bench-') || f.startsWith('bench-base')) continue
    if (f.startsWith(`bench-${count}-`)) cpSync(path.join(built, f), path.join(ws, f))
    else cpSync(path.join(built, f), path.join(seed, f))
  }
  run('createrepo_c', ['--quiet', '--no-database', '.'], seed)

  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    userIDs: [{ name: 'bench', email: 'bench@example.invalid' }],
    format: 'armored'
  })
  const gnupg = path.join(tmp, 'gnupg')
  mkdirSync(gnupg, { mode: 0o700 })
  execFileSync('gpg', ['--homedir', gnupg, '--batch', '--import'], {
    input: privateKey,
    stdio: ['pipe', 'ignore', 'ignore']
  })
  void publicKey

  const imports: number[] = []
  const ours: number[] = []
  const anchor: number[] = []
  for (let r = 0; r < rounds; r++) {
    // Ours: one publish into a fresh copy.
    const root = path.join(tmp, `ours-${r}`)
    cpSync(path.join(tmp, 'seed'), root, { recursive: true })
    const store = new FileStore(root)
    let start = process.hrtime.bigint()
    const snapshot = await readDnfSnapshot(store, 'packages/rpm')
    imports.push(ms(start))
    if (snapshot.adopted?.packages !== count)
      throw new Error(`imported ${snapshot.adopted?.packages}`)
    const ctx: StageContext = {
      release: {
        channel: 'stable',
        version: '1.0.0',
        prerelease: false,
        latest: true,
        reason: 'bench',
        sha: '0'.repeat(40)
      },
      inputs: readInputs((n) => ({ packages: 'out/*.rpm', 'gpg-private-key': privateKey })[n]),
      store,
      log: quiet,
      workspace: path.join(tmp, 'ws'),
      workdir: path.join(tmp, `work-${r}`)
    }
    start = process.hrtime.bigint()
    await packagesStage.apply(await packagesStage.plan(ctx), ctx)
    ours.push(ms(start))
    rmSync(root, { recursive: true, force: true })

    // The anchor: Falco's step for the same change.
    const theirs = path.join(tmp, `anchor-${r}`)
    cpSync(path.join(tmp, 'seed'), theirs, { recursive: true })
    const repo = path.join(theirs, 'packages/rpm')
    start = process.hrtime.bigint()
    for (const f of readdirSync(ws)) cpSync(path.join(ws, f), path.join(repo, f))
    run('createrepo_c', ['--quiet', '--update', '--no-database', '.'], repo)
    run(
      'gpg',
      ['--homedir', gnupg, '--batch', '--yes', '--detach-sign', '--armor', 'repodata/repomd.xml'],
      repo
    )
    anchor.push(ms(start))
    rmSync(theirs, { recursive: true, force: true })
  }
  const fmt = (x: number): string => `${(x / 1000).toFixed(3)} s`
  console.log(
    `adopting a createrepo_c repository of ${count} packages, adding 1 (median of ${rounds})`
  )
  console.log(`  import (read + parse repodata): ${fmt(median(imports))}`)
  console.log(`  ours, whole publish (plan + apply): ${fmt(median(ours))}`)
  console.log(`  anchor, createrepo_c --update --no-database + gpg: ${fmt(median(anchor))}`)
  console.log(`  ratio ours/anchor: ${(median(ours) / median(anchor)).toFixed(2)}`)
} finally {
  execFileSync('gpgconf', ['--homedir', path.join(tmp, 'gnupg'), '--kill', 'gpg-agent'], {
    stdio: 'ignore'
  })
  rmSync(tmp, { recursive: true, force: true })
}
