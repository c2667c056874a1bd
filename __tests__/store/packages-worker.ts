/**
 * Package publishes in one OS process, started by concurrent-packages.itg.test.ts:
 *
 *   node --import tsx packages-worker.ts <store-url> <key-file> <cas|blind> <delay-ms> <workspace>...
 *
 * For each workspace, all at once, it plans and applies the real packages stage (the .deb and
 * .rpm under <workspace>/out) against the store the URL names. Every conditional write (an index generation's commit point) waits up
 * to <delay-ms> first, like a slow network; `blind` also drops the precondition, the control
 * that must lose publishes. The parent releases all workers at once (IPC 'go').
 */
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { packagesStage } from '../../src/stages/packages.js'
import { openStore } from '../../src/store/open.js'
import type { Store } from '../../src/store/store.js'
import { context } from '../support/stage-context.js'

const [storeUrl, keyFile, mode, delayMs, ...workspaces] = process.argv.slice(2)
if (
  !storeUrl ||
  !keyFile ||
  (mode !== 'cas' && mode !== 'blind') ||
  !delayMs ||
  !workspaces.length
) {
  throw new Error(
    'usage: packages-worker.ts <store-url> <key-file> <cas|blind> <delay-ms> <workspace>...'
  )
}
if (!process.send) throw new Error('packages-worker.ts must be started with an IPC channel')

function slowed(store: Store): Store {
  return {
    location: store.location,
    head: (key) => store.head(key),
    get: (key) => store.get(key),
    list: (prefix) => store.list(prefix),
    delete: (key) => store.delete(key),
    url: (key) => store.url(key),
    put: async (key, body, options = {}) => {
      if (!options.precondition) return store.put(key, body, options)
      await new Promise((resolve) => setTimeout(resolve, Number(delayMs) * Math.random()))
      return store.put(
        key,
        body,
        mode === 'cas' ? options : { ...options, precondition: undefined }
      )
    }
  }
}

const armoredPrivate = await readFile(keyFile, 'utf8')
const go = new Promise((resolve) => process.once('message', resolve))
process.send({ ready: true })
await go

const errors = await Promise.all(
  workspaces.map(async (workspace) => {
    try {
      const ctx = context({
        store: slowed(openStore(new URL(storeUrl))),
        workspace,
        workdir: path.join(workspace, 'work'),
        channel: 'stable',
        version: path.basename(workspace),
        inputs: { packages: 'out/*.deb\nout/*.rpm', 'gpg-private-key': armoredPrivate }
      })
      const plan = await packagesStage.plan(ctx)
      const result = await packagesStage.apply(plan, ctx)
      return result.failed.length > 0 ? JSON.stringify(result.failed) : null
    } catch (e) {
      return `${path.basename(workspace)}: ${e instanceof Error ? e.message : String(e)}`
    }
  })
)
process.send({ done: true, errors }, () => process.disconnect())
