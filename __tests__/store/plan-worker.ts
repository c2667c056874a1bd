/**
 * Plans the packages stage over every .deb in <workspace> in a process of its own, started by
 * packages-open-files.itg.test.ts under a low open-file limit (ulimit -n):
 *
 *   node --import tsx plan-worker.ts <store-dir> <workspace> <workdir>
 *
 * Prints one JSON line: how many puts the plan holds.
 */
import { packagesStage } from '../../src/stages/packages.js'
import { FileStore } from '../../src/store/file.js'
import { generateTestKey } from '../support/keys.js'
import { context } from '../support/stage-context.js'

const [storeDir, workspace, workdir] = process.argv.slice(2)
if (!storeDir || !workspace || !workdir)
  throw new Error('usage: plan-worker.ts <store-dir> <workspace> <workdir>')
const ctx = context({
  store: new FileStore(storeDir),
  workspace,
  workdir,
  channel: 'dev',
  inputs: { packages: '*.deb', 'gpg-private-key': (await generateTestKey('ecc')).armoredPrivate }
})
const plan = await packagesStage.plan(ctx)
console.log(JSON.stringify({ puts: plan.operations.filter((o) => o.action === 'put').length }))
