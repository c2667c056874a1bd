import { createReadStream, promises as fs } from 'node:fs'
import * as path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { parseRpm, type RpmPackage } from '../../repo/rpm/parse.js'
import { sha256Of } from '../../store/digest.js'
import type { Store } from '../../store/store.js'

/**
 * Whether the rpm stored at `key` is `pkg` signed by another tool: its main header and payload
 * are the same bytes, only the signature header differs. Falco's scripts `rpmsign --resign`
 * each package before publishing it, so its build's own file never has the published bytes;
 * running the release's publish again must find it published, not refuse it as a different
 * package under a stable name. Reads the stored file once, into `workdir`.
 */
export async function sameUnsignedRpm(
  store: Store,
  key: string,
  pkg: RpmPackage,
  workdir: string
): Promise<boolean> {
  const body = await store.get(key)
  if (!body) return false
  await fs.mkdir(workdir, { recursive: true })
  const local = path.join(workdir, `published-${path.basename(key)}`)
  try {
    await pipeline(body, (await fs.open(local, 'w')).createWriteStream())
    const published = await parseRpm(local, `${store.location}/${key}`)
    if (!published.mainHeader.equals(pkg.mainHeader)) return false
    const payload = (file: string, start: number) =>
      sha256Of(createReadStream(file, { start, highWaterMark: 1 << 20 }))
    const [a, b] = await Promise.all([
      payload(local, published.payloadOffset),
      payload(pkg.file, pkg.payloadOffset)
    ])
    return a.sha256 === b.sha256 && a.size === b.size
  } finally {
    await fs.rm(local, { force: true })
  }
}
