/**
 * The writes of a small publish into a FileStore, in a publish's order, for
 * file-store-sync.itg.test.ts to watch under strace: new immutable objects (a package, its
 * signature, content-addressed indexes made by put, extend and copy), then the index copied to
 * its plain name and the commit, then a package put again over itself.
 *
 *   node --import tsx sync-worker.ts <store-dir>
 */
import { FileStore } from '../../src/store/file.js'

const [root] = process.argv.slice(2)
if (!root) throw new Error('usage: sync-worker.ts <store-dir>')

const store = new FileStore(root)
const deb = Buffer.alloc(4096, 7)
const immutable = { lifetime: 'immutable' } as const
// Written at once, as the packages stage uploads a package and its signature.
await Promise.all([
  store.put('pool/a.deb', deb, immutable),
  store.put('pool/a.deb.asc', 'signature', { syncLater: true })
])
await store.put('by-hash/one', 'Package: a\n', { ...immutable, precondition: { ifNoneMatch: '*' } })
await store.extend('by-hash/one', 11, [Buffer.from('Version: 1\n')], 'by-hash/two', '0'.repeat(64))
await store.copy('by-hash/two', 'by-hash/three', { createOnly: true, lifetime: 'immutable' })
await store.copy('by-hash/two', 'dists/Packages')
await store.put('dists/InRelease', 'signed', { precondition: { ifNoneMatch: '*' } })
await store.put('pool/a.deb', deb, immutable)
