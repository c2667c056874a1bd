/**
 * Starts streaming an object into a FileStore and dies mid-write (SIGKILL: no cleanup runs),
 * leaving its temporary file behind the way a killed publish would. Started by
 * file-store-concurrency.itg.test.ts:  node --import tsx stalled-writer.ts <root> <key>
 */
import { readdirSync } from 'node:fs'
import * as path from 'node:path'
import { PassThrough } from 'node:stream'
import { FileStore, STATE_DIR } from '../../src/store/file.js'

const [root, key] = process.argv.slice(2)
if (!root || !key) throw new Error('usage: stalled-writer.ts <root> <key>')

const body = new PassThrough()
const writing = new FileStore(root).put(key, body)
writing.catch(() => {})
body.write(Buffer.alloc(64 * 1024, 1))
// Killed once its temporary file exists, before the body ends.
const tmp = path.join(root, STATE_DIR, 'tmp')
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 5))
  if (readdirSync(tmp).length > 0) process.kill(process.pid, 'SIGKILL')
}
