import { fileURLToPath } from 'node:url'
import { InputError } from '../inputs.js'
import { FileStore, type FileStoreOptions } from './file.js'
import type { Store } from './store.js'

export type OpenStoreOptions = FileStoreOptions

/** The schemes the `store` input accepts today; s3:// and http(s):// arrive with their stores. */
const SUPPORTED = ['file://']

/** Opens the Store a `store` URL names (see `storeUrl` in inputs.ts for how the input becomes one). */
export function openStore(url: URL, options: OpenStoreOptions = {}): Store {
  if (url.protocol === 'file:') {
    let dir: string
    try {
      dir = fileURLToPath(url)
    } catch (error) {
      throw new InputError(
        'store',
        `${shown(url)} is not a local directory (${(error as Error).message}); use file:///absolute/path`
      )
    }
    const store = new FileStore(dir, options)
    options.log?.debug(`store: local directory ${store.location}`)
    return store
  }
  throw new InputError(
    'store',
    `unsupported scheme ${url.protocol.replace(/:$/, '')} in ${shown(url)}; supported: ${SUPPORTED.join(', ')}`
  )
}

/** The URL without user name and password, fit for an error message. */
function shown(url: URL): string {
  const copy = new URL(url.href)
  copy.username = ''
  copy.password = ''
  copy.search = ''
  return copy.href
}
