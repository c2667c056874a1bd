/**
 * Takes the FileStore lock of one key and dies holding it (SIGKILL: no cleanup runs), leaving
 * the lock file behind the way a crashed publish would. Started by
 * file-store-concurrency.itg.test.ts:  node --import tsx lock-holder.ts <root> <key>
 */
import * as path from 'node:path'
import { STATE_DIR } from '../../src/store/file.js'
import { KeyLocks } from '../../src/store/lock.js'

const [root, key] = process.argv.slice(2)
if (!root || !key) throw new Error('usage: lock-holder.ts <root> <key>')

const locks = new KeyLocks(path.join(root, STATE_DIR, 'locks'))
await locks.withLock(key, async () => {
  process.kill(process.pid, 'SIGKILL')
  await new Promise(() => {}) // never reached: the signal ends the process inside the lock
})
