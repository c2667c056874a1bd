/**
 * Several publishes in one OS process, started by the mixed-kind race (support/race.ts):
 *
 *   node --import tsx race-worker.ts <store-url> <key-file> <dev-retention> <workspace>...
 *
 * Each workspace holds one version's .deb, .rpm and tarball under out/; the worker runs the
 * action's real pipeline (release, plan, packages stage) on each, all at once, against the store
 * the URL names, with the store the CLI opens. The parent releases every worker at the same
 * moment (IPC 'go') and gets back, per workspace, the error or null.
 *
 * RACE_INPUTS (JSON) adds inputs (an S3 endpoint); RACE_BLIND=1 drops every precondition the
 * publishes ask the store for: the control, with no compare-and-swap, that must lose updates.
 */
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { readInputs } from '../../src/inputs.js'
import { publish } from '../../src/pipeline.js'
import { packagesStage } from '../../src/stages/packages.js'
import { openStore } from '../../src/store/open.js'
import type { Store } from '../../src/store/store.js'
import { recordingLog } from '../github/recording-log.js'

const [storeUrl, keyFile, retention, ...workspaces] = process.argv.slice(2)
if (!storeUrl || !keyFile || !retention || workspaces.length === 0)
  throw new Error('usage: race-worker.ts <store-url> <key-file> <dev-retention> <workspace>...')
if (!process.send) throw new Error('race-worker.ts must be started with an IPC channel')

const extra = JSON.parse(process.env.RACE_INPUTS ?? '{}') as Record<string, string>
const blind = process.env.RACE_BLIND === '1'

/** The store without its preconditions (for the control), or as it is. */
function guarded(store: Store): Store {
  if (!blind) return store
  return {
    location: store.location,
    head: (key) => store.head(key),
    get: (key) => store.get(key),
    list: (prefix) => store.list(prefix),
    delete: (key) => store.delete(key),
    url: (key) => store.url(key),
    copy: store.copy && ((from, to) => store.copy!(from, to)),
    put: (key, body, options = {}) => store.put(key, body, { ...options, precondition: undefined })
  }
}

const armoredPrivate = await readFile(keyFile, 'utf8')
const go = new Promise((resolve) => process.once('message', resolve))
process.send({ ready: true })
await go

const errors = await Promise.all(
  workspaces.map(async (workspace) => {
    const log = recordingLog()
    const inputs = readInputs(
      (name) =>
        ({
          ...extra,
          'require-checks': 'false',
          store: storeUrl,
          channel: 'dev',
          version: `0.41.0-${path.basename(workspace)}+8c4040b`,
          packages: 'out/*.deb\nout/*.rpm\nout/*.tar.gz',
          'gpg-private-key': armoredPrivate,
          'dev-retention': retention
        })[name]
    )
    const report = await publish({
      inputs,
      event: {
        eventName: 'push',
        ref: 'refs/heads/master',
        sha: '8c4040b1f2e3d4c5b6a7980123456789abcdef01',
        payload: {}
      },
      workspace,
      workdir: path.join(workspace, 'work'),
      log,
      releaseSources: {
        describe: async () => ({ tag: '0.40.0', commits: 1, sha7: '8c4040b' }),
        stableTags: async () => ['0.40.0']
      },
      openStore: (url) => guarded(openStore(url, { inputs })),
      stages: [packagesStage]
    })
    return report.error ? `${path.basename(workspace)}: ${report.error}` : null
  })
)
process.send({ done: true, errors }, () => process.disconnect())
