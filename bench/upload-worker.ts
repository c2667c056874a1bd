/**
 * One store upload in its own process, so that its peak resident set is its own:
 *
 *   node --import tsx bench/upload-worker.ts <store-url> <key> <file> [s3-endpoint]
 *
 * With BENCH_READ=digest, the object is read back instead, as the verify stage reads it
 * (`digest`: size and SHA-256 as the bytes arrive); with BENCH_READ=get, read to its end and
 * nothing hashed (`get`): the difference is what hashing adds to the read.
 *
 * Prints one JSON line: bytes, milliseconds, the put's own CPU seconds (the publish rows count
 * the whole process), and the kernel's peak RSS of this process (VmHWM), which includes tsx
 * compiling the sources (the bundle does not pay that); and the RSS just before the put (tsx and
 * the sources loaded, not yet the store's SDK), so the put's own share shows.
 */
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { openStore } from '../src/store/open.js'

const [storeUrl, key, file, endpoint] = process.argv.slice(2)
if (!storeUrl || !key || !file) {
  throw new Error('usage: upload-worker.ts <store-url> <key> <file> [s3-endpoint]')
}
const store = openStore(new URL(storeUrl), {
  inputs: { s3Endpoint: endpoint ?? '', s3ForcePathStyle: true, s3Region: 'us-east-1' }
})
async function transfer(): Promise<{ size: number }> {
  const read = process.env.BENCH_READ
  if (read === 'digest') {
    const digest = await store.digest!(key)
    if (!digest) throw new Error(`${key} is not in ${storeUrl}`)
    return digest
  }
  if (read === 'get') {
    const body = await store.get(key)
    if (!body) throw new Error(`${key} is not in ${storeUrl}`)
    let size = 0
    for await (const chunk of body) size += (chunk as Buffer).length
    return { size }
  }
  return store.put(key, createReadStream(file))
}
const status = (): Promise<string> => readFile('/proc/self/status', 'utf8')
const rssBeforeMiB = Number(/VmRSS:\s+(\d+)/.exec(await status())?.[1] ?? NaN) / 1024
const started = performance.now()
const cpuBefore = process.cpuUsage()
const result = await transfer()
const ms = performance.now() - started
const used = process.cpuUsage(cpuBefore)
const peakKiB = Number(/VmHWM:\s+(\d+)/.exec(await status())?.[1] ?? NaN)
console.log(
  JSON.stringify({
    bytes: result.size,
    ms,
    peakRssMiB: peakKiB / 1024,
    rssBeforeMiB,
    cpu: (used.user + used.system) / 1e6
  })
)
