import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, utimes } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import {
  deletePackageFiles,
  listSuperseded,
  pruneSuperseded,
  Uploader
} from '../src/stages/packages/store-io.js'
import { FileStore } from '../src/store/file.js'
import type { Store } from '../src/store/store.js'
import { listKeys } from './store/conformance.js'
import { RecordingLogger } from './support/stage-context.js'

/** Pruning superseded index files: listed when a commit starts, deleted after it. */
describe('pruning superseded generations', () => {
  let root: string
  let store: FileStore
  const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000)

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'falco-publish-prune-'))
    store = new FileStore(root)
  })
  afterEach(async () => {
    await rm(root, { recursive: true, force: true })
  })

  async function putAged(key: string): Promise<void> {
    await store.put(key, key)
    await utimes(path.join(root, key), twoHoursAgo, twoHoursAgo)
  }

  it('deletes what was an hour old when listed and is prunable; keeps the young, the kept and what came after the listing', async () => {
    const dir = 'repo/dists/stable/main/binary-amd64/by-hash/SHA256'
    for (const name of ['old-1', 'old-2', 'old-3', 'named']) await putAged(`${dir}/${name}`)
    await store.put(`${dir}/young`, 'young')
    const listed = listSuperseded(store, 'repo/dists/stable/main/')
    await listed
    // Written while the commit ran: not in the listing, whatever its age by then.
    await putAged(`${dir}/after`)
    const log = new RecordingLogger()
    await pruneSuperseded(store, listed, (key) => !key.endsWith('/named'), log)
    expect(await listKeys(store, 'repo/')).toEqual(
      ['after', 'named', 'young'].map((n) => `${dir}/${n}`)
    )
    expect(log.lines.filter((l) => l.startsWith('debug: pruned')).sort()).toEqual(
      ['old-1', 'old-2', 'old-3'].map((n) => `debug: pruned ${dir}/${n}`)
    )
  })

  it('a listing that fails is reported where the prune awaits it, not as an unhandled rejection', async () => {
    const failing = {
      list: async function* (): AsyncGenerator<never> {
        yield* []
        throw new Error('listing refused')
      }
    } as unknown as Store
    const listed = listSuperseded(failing, 'repo/')
    await new Promise((resolve) => setImmediate(resolve))
    await expect(pruneSuperseded(store, listed, () => true, new RecordingLogger())).rejects.toThrow(
      'listing refused'
    )
  })

  it('deletes every package file that left the indexes, with its signature', async () => {
    const files = Array.from({ length: 20 }, (_, i) => `falco-0.${i}.0-x86_64.deb`)
    for (const f of files) {
      await store.put(`repo/stable/${f}`, f)
      await store.put(`repo/stable/${f}.asc`, 'sig')
    }
    await store.put('repo/stable/falco-1.0.0-x86_64.deb', 'stays')
    const log = new RecordingLogger()
    await deletePackageFiles(
      store,
      'repo',
      files.map((f) => `stable/${f}`),
      log
    )
    expect(await listKeys(store, 'repo/')).toEqual(['repo/stable/falco-1.0.0-x86_64.deb'])
    expect(log.lines.sort()).toEqual(files.map((f) => `  deleted repo/stable/${f}`).sort())
  })

  it('an old content-addressed object a publish finds again is written again, and a prune that listed it old keeps it', async () => {
    const dir = 'repo/repodata/falco-publish-segments'
    await putAged(`${dir}/resurrected.json`)
    await putAged(`${dir}/copied`)
    await putAged(`${dir}/forgotten.json`)
    const listed = listSuperseded(store, 'repo/repodata/')
    await listed
    // A concurrent publish builds a generation naming two of them again (same bytes, same keys).
    const log = new RecordingLogger()
    const uploader = new Uploader(store, log)
    await uploader.immutable(
      `${dir}/resurrected.json`,
      Buffer.from(`${dir}/resurrected.json`),
      'index'
    )
    await uploader.copy(
      `${dir}/resurrected.json`,
      `${dir}/copied`,
      { sha256: 'unused', size: 0 },
      'index',
      { createOnly: true }
    )
    const young = Date.now() - 60_000
    for (const key of [`${dir}/resurrected.json`, `${dir}/copied`])
      expect((await store.head(key))!.modified!.getTime()).toBeGreaterThan(young)
    await pruneSuperseded(store, listed, () => true, log)
    expect(await listKeys(store, 'repo/')).toEqual([`${dir}/copied`, `${dir}/resurrected.json`])
    expect((await store.read(`${dir}/resurrected.json`))!.toString()).toBe(
      `${dir}/resurrected.json`
    )
  })

  it('a young content-addressed object found again is left as it is', async () => {
    const key = 'repo/repodata/x.json'
    await store.put(key, 'x')
    const before = await store.head(key)
    await new Uploader(store, new RecordingLogger()).immutable(key, Buffer.from('x'), 'index')
    expect((await store.head(key))!.etag).toBe(before!.etag)
  })
})
