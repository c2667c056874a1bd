/**
 * One of several OS processes appending to the same JSON list in a FileStore, started by
 * file-store-concurrency.itg.test.ts:
 *
 *   node --import tsx cas-worker.ts <root> <id> <cas|blind> <appends> <delay-ms>
 *
 * `cas` reads the list with its etag and writes it back with a precondition, retrying when
 * another process won; `blind` writes without one (the control that must lose updates). Each
 * waits between reading and writing for `delay-ms`, to widen the window in which others write.
 * The parent releases all workers at once (IPC 'go') so that they really overlap.
 */
import { FileStore } from '../../src/store/file.js'
import { PreconditionFailed, type Precondition } from '../../src/store/store.js'

const [root, id, mode, appends, delayMs] = process.argv.slice(2)
if (!root || !id || (mode !== 'cas' && mode !== 'blind') || !appends || !delayMs) {
  throw new Error('usage: cas-worker.ts <root> <id> <cas|blind> <appends> <delay-ms>')
}
if (!process.send) throw new Error('cas-worker.ts must be started with an IPC channel')

const KEY = 'counter/appends.json'
const store = new FileStore(root)

const go = new Promise((resolve) => process.once('message', resolve))
process.send({ ready: id })
await go

let conflicts = 0
for (let n = 0; n < Number(appends); n++) {
  for (;;) {
    const info = await store.head(KEY)
    const body = info && (await store.get(KEY))
    const list: string[] = body ? JSON.parse(await text(body)) : []
    list.push(`${id}:${n}`)
    await new Promise((resolve) => setTimeout(resolve, Number(delayMs) * Math.random()))
    const precondition: Precondition = info ? { ifMatch: info.etag } : { ifNoneMatch: '*' }
    try {
      await store.put(KEY, JSON.stringify(list), mode === 'cas' ? { precondition } : {})
      break
    } catch (error) {
      if (!(error instanceof PreconditionFailed)) throw error
      conflicts++
    }
  }
}
process.send({ done: id, conflicts }, () => process.disconnect())

async function text(body: AsyncIterable<Buffer | string>): Promise<string> {
  let out = ''
  for await (const chunk of body) out += chunk.toString()
  return out
}
