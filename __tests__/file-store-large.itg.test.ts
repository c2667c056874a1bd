import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { FileStore } from '../src/store/file.js'
import { largeObjectConformance } from './store/conformance.js'

// The file store's 1 GiB streaming case; file-store.test.ts runs the rest of the suite.
largeObjectConformance('file', async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'falco-publish-store-'))
  return { store: new FileStore(root), cleanup: () => rm(root, { recursive: true, force: true }) }
})
