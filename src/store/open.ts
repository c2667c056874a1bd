import { existsSync, realpathSync, statSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { InputError, type Inputs } from '../inputs.js'
import type { Logger } from '../report/log.js'
import { FileStore, type FileStoreOptions } from './file.js'
import { HttpStore } from './http.js'
import { S3Store } from './s3.js'
import type { Store } from './store.js'

/** The inputs that configure remote stores. */
export type StoreInputs = Pick<
  Inputs,
  | 's3Endpoint'
  | 's3Region'
  | 's3ForcePathStyle'
  | 's3Acl'
  | 's3CacheControl'
  | 'storeUsername'
  | 'storePassword'
  | 'storeToken'
  | 'storeChecksumHeaders'
>

export type OpenStoreOptions = Omit<FileStoreOptions, 'log'> & {
  log?: Pick<Logger, 'debug' | 'warning' | 'info' | 'secret'>
  inputs?: Partial<StoreInputs>
}

const SUPPORTED = ['file://', 's3://', 'https://', 'http:// (loopback only)']

/** The AWS SDK's credential variables: masked whenever an s3 store is opened. */
const AWS_SECRETS = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_WEB_IDENTITY_TOKEN']

/** Opens the Store a `store` URL names (see `storeUrl` in inputs.ts for how the input becomes one). */
export function openStore(url: URL, options: OpenStoreOptions = {}): Store {
  const { log, inputs = {} } = options
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
    checkLocalDirectory(dir, url)
    const store = new FileStore(dir, options)
    log?.debug(`store: local directory ${store.location}`)
    return store
  }
  if (url.protocol === 's3:') {
    if (url.username || url.password) {
      throw new InputError(
        'store',
        `${shown(url)}: credentials do not belong in the URL; they come from the AWS environment (aws-actions/configure-aws-credentials)`
      )
    }
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(url.hostname)) {
      throw new InputError('store', `${shown(url)}: ${url.hostname} is not an S3 bucket name`)
    }
    for (const name of AWS_SECRETS) if (process.env[name]) log?.secret(process.env[name] as string)
    const store = new S3Store(url.hostname, decodeURIComponent(url.pathname), {
      endpoint: inputs.s3Endpoint || undefined,
      region: inputs.s3Region || undefined,
      forcePathStyle: inputs.s3ForcePathStyle ?? false,
      acl: inputs.s3Acl || undefined,
      cacheControl: inputs.s3CacheControl && {
        immutable: inputs.s3CacheControl.immutable || undefined,
        short: inputs.s3CacheControl.short || undefined
      },
      baseUrl: options.baseUrl,
      log
    })
    log?.debug(`store: S3 ${store.location}${inputs.s3Endpoint ? ` at ${inputs.s3Endpoint}` : ''}`)
    return store
  }
  if (url.protocol === 'https:' || url.protocol === 'http:') {
    const username = inputs.storeUsername || decodeURIComponent(url.username)
    const password = inputs.storePassword || decodeURIComponent(url.password)
    const token = inputs.storeToken ?? ''
    for (const secret of [password, token]) if (secret) log?.secret(secret)
    if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
      throw new InputError(
        'store',
        `${shown(url)}: plain http sends credentials and packages unprotected; use https:// (http:// is for 127.0.0.1 and localhost)`
      )
    }
    const store = new HttpStore(url, {
      username: username || undefined,
      password: password || undefined,
      token: token || undefined,
      checksumHeaders: checksumHeaders(inputs.storeChecksumHeaders),
      baseUrl: options.baseUrl,
      log
    })
    log?.debug(`store: HTTP ${store.location}`)
    return store
  }
  throw new InputError(
    'store',
    `unsupported scheme ${url.protocol.replace(/:$/, '')} in ${shown(url)}; supported: ${SUPPORTED.join(', ')}`
  )
}

function checksumHeaders(input: StoreInputs['storeChecksumHeaders'] | undefined): boolean | 'auto' {
  return input === 'true' ? true : input === 'false' ? false : 'auto'
}

/** Kernel and device file systems: not a place for a repository, and walking them never ends. */
const PSEUDO_FILESYSTEMS = ['/proc', '/sys', '/dev']

/**
 * A local store is a directory (or will be created as one) outside the kernel's pseudo file
 * systems; the nearest existing ancestor is resolved, so a symlink cannot lead there either.
 */
function checkLocalDirectory(dir: string, url: URL): void {
  let existing = dir
  while (!existsSync(existing) && path.dirname(existing) !== existing) {
    existing = path.dirname(existing)
  }
  const real = realpathSync(existing)
  if (PSEUDO_FILESYSTEMS.some((root) => real === root || real.startsWith(`${root}/`))) {
    throw new InputError(
      'store',
      `${shown(url)} is under ${real}, a kernel file system, not a place to publish; give a directory on disk`
    )
  }
  if (existing === dir && !statSync(real).isDirectory()) {
    throw new InputError(
      'store',
      `${shown(url)} is a file, not a directory; give a directory (it is created when missing)`
    )
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** The URL without user name and password, fit for an error message. */
function shown(url: URL): string {
  const copy = new URL(url.href)
  copy.username = ''
  copy.password = ''
  copy.search = ''
  return copy.href
}
