/**
 * One publish in its own OS process, started by concurrent-publishes.itg.test.ts:
 *
 *   node --import tsx publish-worker.ts <store-url> <workspace> <version> <cas|blind> <delay-ms> <key-file>
 *
 * It runs the action's real pipeline (release, plan, packages stage) on the tarball of
 * <workspace>/build, against the store the URL names. Every conditional write (an index
 * generation's commit point) waits up to <delay-ms> first, like a slow network between reading
 * and writing the index. `blind` also drops the
 * store's preconditions: the control, with neither compare-and-swap nor lease, that must lose
 * publishes. The parent releases all workers at once (IPC 'go') so that they really overlap.
 */
import { readFile } from 'node:fs/promises'
import { readInputs } from '../../src/inputs.js'
import { publish } from '../../src/pipeline.js'
import { packagesStage } from '../../src/stages/packages.js'
import { openStore } from '../../src/store/open.js'
import type { Store } from '../../src/store/store.js'
import { recordingLog } from '../github/recording-log.js'

const [storeUrl, workspace, version, mode, delayMs, keyFile] = process.argv.slice(2)
if (
  !storeUrl ||
  !workspace ||
  !version ||
  (mode !== 'cas' && mode !== 'blind') ||
  !delayMs ||
  !keyFile
) {
  throw new Error(
    'usage: publish-worker.ts <store-url> <workspace> <version> <cas|blind> <delay-ms> <key-file>'
  )
}
if (!process.send) throw new Error('publish-worker.ts must be started with an IPC channel')

function slowed(store: Store): Store {
  return {
    location: store.location,
    head: (key) => store.head(key),
    get: (key) => store.get(key),
    list: (prefix) => store.list(prefix),
    delete: (key) => store.delete(key),
    url: (key) => store.url(key),
    put: async (key, body, options = {}) => {
      // The commit point of an index generation: the write the compare-and-swap protects.
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

const log = recordingLog()
const armoredPrivate = await readFile(keyFile, 'utf8')
const go = new Promise((resolve) => process.once('message', resolve))
process.send({ ready: version })
await go

const report = await publish({
  inputs: readInputs(
    (name) =>
      ({
        'require-checks': 'false',
        store: storeUrl,
        channel: 'dev',
        version,
        packages: 'build/*',
        'gpg-private-key': armoredPrivate
      })[name]
  ),
  event: {
    eventName: 'push',
    ref: 'refs/heads/master',
    sha: '8c4040b1f2e3d4c5b6a7980123456789abcdef01',
    payload: {}
  },
  workspace,
  workdir: workspace,
  log,
  releaseSources: {
    describe: async () => ({ tag: '0.40.0', commits: 1, sha7: '8c4040b' }),
    stableTags: async () => ['0.40.0']
  },
  openStore: (url) => slowed(openStore(url)),
  stages: [packagesStage]
})
process.send({ done: version, error: report.error ?? null }, () => process.disconnect())
