import * as path from 'node:path'
import { InputError, boolean, integer, list, oneOf } from './input-values.js'
import {
  CONTAINER_INPUT_DEFAULTS,
  readContainerInputs,
  type ContainerInputs
} from './oci/inputs.js'
import { DRIVER_INPUT_DEFAULTS, readDriverInputs, type DriverInputs } from './drivers/inputs.js'
import { readPackageInputs, type PackageInputs } from './repo/inputs.js'
import { secretParts } from './report/secrets.js'

/**
 * The one typed Inputs object: read, defaulted and validated here, before anything runs.
 *
 * Defaults live in INPUT_DEFAULTS and are repeated in action.yml for the marketplace page; a
 * test keeps the two equal. They are applied here too because a runner that starts
 * `node dist/index.js` without action.yml (tests, local-action, the CLI) sets no defaults.
 */

export { InputError, boolean, integer, list, oneOf } from './input-values.js'

/** Reads one raw input by its action.yml name; '' or undefined means "not given". */
export type InputSource = (name: string) => string | undefined

export const INPUT_DEFAULTS = {
  store: 'public',
  'public-url': '',
  channel: 'auto',
  version: '',
  'dev-branch': '',
  latest: 'auto',
  'dry-run': 'false',
  'require-checks': 'true',
  'required-checks': '',
  packages: '',
  's3-endpoint': '',
  's3-region': '',
  's3-force-path-style': 'false',
  's3-acl': '',
  's3-cache-control-immutable': 'public, max-age=31536000, immutable',
  's3-cache-control-short': 'public, max-age=60',
  'cdn-invalidate': '',
  'store-username': '',
  'store-password': '',
  'store-token': '',
  'store-checksum-headers': 'auto',
  'gpg-private-key': '',
  'gpg-passphrase': '',
  'dev-retention': '50',
  'package-deletion-grace': '60',
  overwrite: 'false',
  'apt-origin': '',
  'apt-label': '',
  'tarballs-noarch-repository': 'packages/wasm-dev',
  remove: '',
  verify: 'true',
  'verify-timeout': '300',
  'release-body': '',
  'release-replace-body': 'false',
  'release-assets': '',
  'release-notes': '',
  'release-latest': 'auto',
  'stable-from-branch': 'false',
  'require-version-match': 'false',
  'allow-outside-workspace': 'false',
  // Each stage's module owns its defaults; they are repeated in action.yml, which a test checks.
  ...CONTAINER_INPUT_DEFAULTS,
  ...DRIVER_INPUT_DEFAULTS
} as const satisfies Record<string, string>

export type ChannelInput = 'auto' | 'dev' | 'stable' | 'none'
export type LatestInput = 'auto' | 'true' | 'false'

export interface Inputs {
  /** `public`, a directory relative to the workspace, or `file:///abs/dir`. */
  store: string
  /** Where the store is served from (https://download.falco.org/); empty: the store's own location. */
  publicUrl: string
  channel: ChannelInput
  version: string
  /** Empty: the repository's default branch from the event payload, else `master`. */
  devBranch: string
  latest: LatestInput
  dryRun: boolean
  requireChecks: boolean
  /** Empty: every check on the commit except this workflow run's own. */
  requiredChecks: string[]
  githubToken: string
  /** Globs of .deb, .rpm and .tar.gz files, relative to the workspace. */
  packages: string[]
  /** For `s3://` stores: an S3-compatible endpoint (empty: AWS), the region, path-style URLs. */
  s3Endpoint: string
  s3Region: string
  s3ForcePathStyle: boolean
  /** For `s3://` stores: a canned ACL for every object written (empty: the bucket's default). */
  s3Acl: string
  /** Cache-Control of objects that never change under their name, and of those a publish rewrites ('' = none). */
  s3CacheControl: { immutable: string; short: string }
  /** A CloudFront distribution id whose changed index paths are invalidated after a publish. */
  cdnInvalidate: string
  /** For `https://` stores: Basic credentials or a Bearer token (secrets, masked on read). */
  storeUsername: string
  storePassword: string
  storeToken: string
  /** For `https://` stores: send X-Checksum-Sha256/Sha1 on uploads (auto: to Artifactory and Nexus). */
  storeChecksumHeaders: 'auto' | 'true' | 'false'
  /** Signing keys, dev retention, overwrite and removals for the package stage. */
  packaging: PackageInputs
  /** Allow channel: stable on a branch (never latest); otherwise stable needs a tag. */
  stableFromBranch: boolean
  /** A stable package whose version is not the release's is an error, not a warning. */
  requireVersionMatch: boolean
  /** Allow package files (globs, symlinks) that lead outside the workspace. */
  allowOutsideWorkspace: boolean
  /** Container images and where to push them (src/oci/inputs.ts). */
  containers: ContainerInputs
  /** The drivers grid (drivers-config, driver-versions, shard, …). */
  drivers: DriverInputs
  /** Checking what was published as clients fetch it (`verify`, `verify-timeout` in seconds). */
  verify: { enabled: boolean; timeoutSeconds: number }
  /** The GitHub release of the tag (`release-*`). */
  release: {
    /** A template file, relative to the workspace; empty: no body of ours. */
    body: string
    replaceBody: boolean
    assets: string[]
    /** '' (none), 'github' (GitHub's generated notes) or a file to append. */
    notes: string
    latest: LatestInput
  }
}

export function readInputs(source: InputSource): Inputs {
  const get = (name: string): string => {
    const raw = source(name)?.trim() ?? ''
    if (raw !== '') return raw
    return (INPUT_DEFAULTS as Record<string, string>)[name] ?? ''
  }
  return {
    store: get('store'),
    publicUrl: publicUrl(get('public-url')),
    channel: oneOf(get, 'channel', ['auto', 'dev', 'stable', 'none'] as const),
    version: parseVersionInput(get('version')),
    devBranch: get('dev-branch'),
    latest: oneOf(get, 'latest', ['auto', 'true', 'false'] as const),
    dryRun: boolean(get, 'dry-run'),
    requireChecks: boolean(get, 'require-checks'),
    requiredChecks: list(get('required-checks')),
    githubToken: get('github-token'),
    packages: list(get('packages')),
    s3Endpoint: url(get, 's3-endpoint'),
    s3Region: get('s3-region'),
    s3ForcePathStyle: boolean(get, 's3-force-path-style'),
    s3Acl: oneOf(get, 's3-acl', S3_ACLS),
    s3CacheControl: {
      immutable: cacheControl(get, 's3-cache-control-immutable'),
      short: cacheControl(get, 's3-cache-control-short')
    },
    cdnInvalidate: cdnDistribution(get('cdn-invalidate')),
    storeUsername: get('store-username'),
    storePassword: get('store-password'),
    storeToken: get('store-token'),
    storeChecksumHeaders: oneOf(get, 'store-checksum-headers', ['auto', 'true', 'false'] as const),
    stableFromBranch: boolean(get, 'stable-from-branch'),
    requireVersionMatch: boolean(get, 'require-version-match'),
    allowOutsideWorkspace: boolean(get, 'allow-outside-workspace'),
    packaging: readPackageInputs(get),
    containers: readContainerInputs(get),
    drivers: readDriverInputs(get),
    verify: { enabled: boolean(get, 'verify'), timeoutSeconds: integer(get, 'verify-timeout', 0) },
    release: {
      body: get('release-body'),
      replaceBody: boolean(get, 'release-replace-body'),
      assets: list(get('release-assets')),
      notes: get('release-notes'),
      latest: oneOf(get, 'release-latest', ['auto', 'true', 'false'] as const)
    }
  }
}

/** Every secret among the inputs, to mask before anything is logged. */
export function inputSecrets(inputs: Inputs): string[] {
  const secrets = [inputs.githubToken, inputs.storePassword, inputs.storeToken]
  // The keys whole and line by line (see secretParts), and their passwords.
  const { cosignPrivateKey, cosignPassword } = inputs.containers
  const { gpgPrivateKey, gpgPassphrase } = inputs.packaging
  secrets.push(...secretParts(cosignPrivateKey), cosignPassword)
  secrets.push(...secretParts(gpgPrivateKey), gpgPassphrase)
  // A password written into the store URL itself (https://user:pass@host/...).
  const inUrl = /^[a-z][a-z0-9+.-]*:\/\/[^/@]*:([^/@]+)@/i.exec(inputs.store)?.[1]
  if (inUrl) secrets.push(inUrl, decodeURIComponent(inUrl))
  return secrets.filter((secret) => secret !== '')
}

/** An http(s) URL, or '' when not given. */
function url(get: (name: string) => string, name: string): string {
  const raw = get(name)
  if (raw === '') return ''
  let parsed: URL | undefined
  try {
    parsed = new URL(raw)
  } catch {
    parsed = undefined
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password) {
    throw new InputError(
      name,
      'expected an http(s) URL without credentials, like https://<account>.r2.cloudflarestorage.com'
    )
  }
  return parsed.href
}

function cdnDistribution(raw: string): string {
  if (raw !== '' && !/^[A-Z0-9]{8,32}$/.test(raw)) {
    throw new InputError(
      'cdn-invalidate',
      `expected a CloudFront distribution id (upper-case letters and digits), got ${JSON.stringify(raw)}`
    )
  }
  return raw
}

function parseVersionInput(raw: string): string {
  return raw.replace(/^v(?=\d)/, '')
}

function publicUrl(raw: string): string {
  if (raw === '') return ''
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new InputError(
      'public-url',
      `${JSON.stringify(raw)} is not a URL; expected https://host/path/`
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError('public-url', `expected an http(s) URL, got ${url.protocol}`)
  }
  if (url.username || url.password) {
    throw new InputError('public-url', 'must not carry credentials: it is printed and published')
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`
}

/** Resolves the `store` input to a URL: bare names and relative paths live under the workspace. */
export function storeUrl(store: string, workspace: string): URL {
  if (/[\r\n]/.test(store)) {
    throw new InputError(
      'store',
      `one store is published to, on one line; got ${store.split(/\r?\n/).length} lines`
    )
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(store)) return new URL(store)
  // `s3:/bucket/x` or `https:host/x` is a URL missing a slash, not a folder named `s3:`.
  const scheme = /^([a-z][a-z0-9+.-]+):\/?/i.exec(store)
  if (scheme) {
    throw new InputError(
      'store',
      `${JSON.stringify(store)} looks like a URL without '//' after ${scheme[1]}:; write ` +
        `${scheme[1]}://${store.slice(scheme[0].length)} (or ./${store} for a folder of that name)`
    )
  }
  const dir = path.resolve(workspace, store)
  // A relative path means a folder of the workspace; one that climbs out of it is a mistake
  // more often than a wish (an absolute path or file:// URL says so explicitly).
  const inside = path.relative(workspace, dir)
  if (!path.isAbsolute(store) && (inside.startsWith('..') || path.isAbsolute(inside))) {
    throw new InputError(
      'store',
      `${JSON.stringify(store)} leads outside the workspace (${workspace}) to ${dir}; ` +
        `give a folder under the workspace, or file://${dir} to publish there on purpose`
    )
  }
  const url = new URL('file://')
  url.pathname = dir
  return url
}

/** S3's canned ACLs ('' = none sent: the bucket's default, and the only choice where ACLs are off). */
const S3_ACLS = [
  '',
  'private',
  'public-read',
  'public-read-write',
  'authenticated-read',
  'aws-exec-read',
  'bucket-owner-read',
  'bucket-owner-full-control'
] as const

/** A Cache-Control value, or 'none' for no header; one line of printable ASCII. */
function cacheControl(get: (name: string) => string, name: string): string {
  const value = get(name)
  if (value === 'none') return ''
  if (!/^[\x20-\x7e]+$/.test(value))
    throw new InputError(
      name,
      `${JSON.stringify(value)} is not a Cache-Control value (one line, e.g. "public, max-age=60"), or 'none'`
    )
  return value
}
