/**
 * One package publish into a local store that dies (SIGKILL: nothing runs after it) right after
 * its <kill-after>-th write to the store (a put, copy, extend or delete), the way a runner that
 * is cancelled or loses its machine stops a release. Started by crash-publish.itg.test.ts:
 *
 *   node --import tsx crash-worker.ts <store-dir> <key-file> <workspace> <kill-after> [<snapshots>]
 *
 * With <kill-after> 0 it runs to the end and sends the key of each write it made, in order (IPC). With a
 * <snapshots> folder it also copies the store there after each write (`cp -al`, synchronously:
 * nothing else in the process moves meanwhile), as a kill at that point would have left it: the
 * store never changes a file in place (every write is a new file renamed or linked into place),
 * so hard links keep each state as it was.
 */
import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { packagesStage } from '../../src/stages/packages.js'
import { FileStore } from '../../src/store/file.js'
import type { Store } from '../../src/store/store.js'
import { context } from '../support/stage-context.js'

const [root, keyFile, workspace, killAfter, snapshots] = process.argv.slice(2)
if (!root || !keyFile || !workspace || killAfter === undefined)
  throw new Error('usage: crash-worker.ts <store-dir> <key-file> <workspace> <kill-after>')
if (!process.send) throw new Error('crash-worker.ts must be started with an IPC channel')

/** The store methods that write, and which of their arguments is the key they write. */
const WRITES = new Map([
  ['put', 0],
  ['delete', 0],
  ['copy', 1],
  ['extend', 3]
])
/** The key of each write, in order. */
const written: string[] = []

/** The store as it is (every optional method kept), counting writes and dying after the chosen one. */
function dying(store: FileStore): Store {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver)
      if (typeof value !== 'function') return value
      const keyAt = WRITES.get(String(name))
      if (keyAt === undefined) return value.bind(target)
      return async (...args: unknown[]) => {
        const result: unknown = await value.apply(target, args)
        const writes = written.push(String(args[keyAt]))
        if (writes === Number(killAfter)) process.kill(process.pid, 'SIGKILL')
        if (snapshots) execFileSync('cp', ['-al', root, path.join(snapshots, `after-${writes}`)])
        return result
      }
    }
  })
}

const ctx = context({
  store: dying(new FileStore(root)),
  workspace,
  workdir: path.join(workspace, 'work'),
  channel: 'stable',
  version: path.basename(workspace),
  inputs: { packages: 'out/*.deb\nout/*.rpm', 'gpg-private-key': await readFile(keyFile, 'utf8') }
})
const plan = await packagesStage.plan(ctx)
const result = await packagesStage.apply(plan, ctx)
if (result.failed.length > 0) throw new Error(JSON.stringify(result.failed))
process.send({ written }, () => process.disconnect())
