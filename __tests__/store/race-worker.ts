/**
 * Several publishes in one OS process, started by the mixed-kind race (support/race.ts):
 *
 *   node --import tsx race-worker.ts <store-url> <key-file> <dev-retention> <workspace>...
 *
 * Each workspace holds one version's .deb, .rpm and tarball under out/; the worker runs the
 * action's real pipeline (release, plan, packages stage) on each, all at once, against the store
 * the URL names, with the store the CLI opens. The parent releases every worker at the same
 * moment (IPC 'go') and gets back, per workspace, the error or null.
 */
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { readInputs } from '../../src/inputs.js'
import { publish } from '../../src/pipeline.js'
import { packagesStage } from '../../src/stages/packages.js'
import { openStore } from '../../src/store/open.js'
import { recordingLog } from '../github/recording-log.js'

const [storeUrl, keyFile, retention, ...workspaces] = process.argv.slice(2)
if (!storeUrl || !keyFile || !retention || workspaces.length === 0)
  throw new Error('usage: race-worker.ts <store-url> <key-file> <dev-retention> <workspace>...')
if (!process.send) throw new Error('race-worker.ts must be started with an IPC channel')

const armoredPrivate = await readFile(keyFile, 'utf8')
const go = new Promise((resolve) => process.once('message', resolve))
process.send({ ready: true })
await go

const errors = await Promise.all(
  workspaces.map(async (workspace) => {
    const log = recordingLog()
    const report = await publish({
      inputs: readInputs(
        (name) =>
          ({
            'require-checks': 'false',
            store: storeUrl,
            channel: 'dev',
            version: `0.41.0-${path.basename(workspace)}+8c4040b`,
            packages: 'out/*.deb\nout/*.rpm\nout/*.tar.gz',
            'gpg-private-key': armoredPrivate,
            'dev-retention': retention
          })[name]
      ),
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
      openStore: (url) => openStore(url),
      stages: [packagesStage]
    })
    return report.error ? `${path.basename(workspace)}: ${report.error}` : null
  })
)
process.send({ done: true, errors }, () => process.disconnect())
