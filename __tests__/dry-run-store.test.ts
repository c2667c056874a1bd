import { describe, expect, it } from '@jest/globals'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { DryRunStore } from '../src/store/dry-run.js'
import { FileStore } from '../src/store/file.js'
import { listKeys, read, storeConformance } from './store/conformance.js'

/**
 * The store `remove --dry-run` and `re-sign --dry-run` run against: it must behave as a store
 * (the same suite every backend passes) while the real store under it receives nothing.
 */
storeConformance(
  'dry-run over a file store',
  async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'falco-publish-dry-'))
    return {
      store: new DryRunStore(new FileStore(root)),
      cleanup: async () => {
        // Whatever the test wrote stayed in memory.
        expect(await readdir(root)).toEqual([])
        await rm(root, { recursive: true, force: true })
      }
    }
  },
  // Writes are held in memory: a smaller large object than the backends stream.
  { largeObjectBytes: 16 * 1024 * 1024, copy: true, extend: true }
)

describe('DryRunStore', () => {
  it('reads through to the real store, hides what it deletes, and reports its changes', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'falco-publish-dry-'))
    try {
      await writeFile(path.join(root, 'kept'), 'kept\n')
      await writeFile(path.join(root, 'gone'), 'gone\n')
      const dry = new DryRunStore(new FileStore(root))
      await dry.delete('gone')
      await dry.put('new/file', 'new\n')
      await dry.put('kept', 'changed\n')
      expect(await listKeys(dry, '')).toEqual(['kept', 'new/file'])
      expect((await read(dry, 'kept'))?.toString()).toBe('changed\n')
      expect(await dry.head('gone')).toBeUndefined()
      expect(dry.changes()).toEqual({ written: ['new/file', 'kept'], deleted: ['gone'] })
      // The real store is as it was.
      expect((await readdir(root)).sort()).toEqual(['gone', 'kept'])
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
