import { driverName, type DriverConfig } from './config.js'

/** Pure planning for the drivers grid: names, shards, what to skip, the fan-out matrix. */

export type DriverKind = 'module' | 'probe'

export interface DriverOutput {
  kind: DriverKind
  /** Store key: `driver/<driverversion>/<arch>/falco_<target>_<kernelrelease>_<kernelversion>.ko|.o` */
  key: string
  /**
   * Copies of the same bytes under the other keys some clients request: the flat layout of
   * git-SHA versions (Falco <= 0.32), and on S3 the name with `+` read as a space.
   */
  aliases: string[]
}

export interface AliasOptions {
  /**
   * The store is S3 (or a CDN in front of it), which reads a literal `+` in a request path as a
   * space: falcoctl sends the kernel release's `+` literally, so a copy named with a space is
   * what S3 finds for it.
   */
  spaceForPlus: boolean
}

/**
 * Driver versions of Falco <= 0.32 were falcosecurity/libs commits; their loaders requested
 * `driver/<sha>/<name>` with no arch folder.
 */
export function isGitShaVersion(version: string): boolean {
  return /^[0-9a-f]{7,40}$/.test(version)
}

export interface DriverJob {
  config: DriverConfig
  name: string
  outputs: DriverOutput[]
  /** Outputs none of whose keys is in the store: a job with none is not built. */
  missing: DriverOutput[]
  /**
   * Keys to fill from a copy of the same driver under another of its keys (a flat-layout driver
   * of an old store gains its arch folder, or the reverse), instead of building it again.
   */
  copies: { from: string; to: string }[]
}

/** The folder of one driver version and arch in the store. */
export function driverPrefix(driverVersion: string, arch: string): string {
  return `driver/${driverVersion}/${arch}/`
}

export function driverOutputs(
  c: DriverConfig,
  o: AliasOptions = { spaceForPlus: false }
): DriverOutput[] {
  const name = driverName(c)
  const base = `${driverPrefix(c.driverVersion, c.arch)}${name}`
  // The flat layout served x86_64 only: test-infra's site generator reads it as x86_64, and a name
  // without an arch in its kernel release (Ubuntu's) could not serve two arches from one folder.
  const flat =
    isGitShaVersion(c.driverVersion) && c.arch === 'x86_64'
      ? `driver/${c.driverVersion}/${name}`
      : undefined
  const output = (kind: DriverKind, ext: string): DriverOutput => {
    const keys = [`${base}${ext}`, ...(flat ? [`${flat}${ext}`] : [])]
    const spaced = o.spaceForPlus && name.includes('+') ? keys.map(spaceName) : []
    return { kind, key: keys[0], aliases: [...keys.slice(1), ...spaced] }
  }
  const outputs: DriverOutput[] = []
  if (c.module) outputs.push(output('module', '.ko'))
  if (c.probe) outputs.push(output('probe', '.o'))
  return outputs
}

/** The key S3 looks up for a request whose file name carries a literal `+`. */
function spaceName(key: string): string {
  const slash = key.lastIndexOf('/')
  return key.slice(0, slash + 1) + key.slice(slash + 1).replace(/\+/g, ' ')
}

export { falcoctlPath } from './falcoctl-path.js'

/**
 * The store's URL for a key, with every `+` in its path written `%2B`: what falcoctl requests,
 * and the only spelling S3 and CDNs in front of it resolve (they read a literal `+` as a space).
 */
export function clientUrl(url: string | undefined): string | undefined {
  if (url === undefined || !url.includes('+')) return url
  const u = new URL(url)
  u.pathname = u.pathname.replace(/\+/g, '%2B')
  return u.href
}

/** Pairs each config with its outputs and the ones the store lacks. */
export function planJobs(
  configs: readonly DriverConfig[],
  existing: ReadonlySet<string>,
  o?: AliasOptions
): DriverJob[] {
  return configs.map((config) => {
    const outputs = driverOutputs(config, o)
    const missing: DriverOutput[] = []
    const copies: DriverJob['copies'] = []
    for (const out of outputs) {
      const keys = [out.key, ...out.aliases]
      const present = keys.find((k) => existing.has(k))
      if (present === undefined) missing.push(out)
      else for (const k of keys) if (!existing.has(k)) copies.push({ from: present, to: k })
    }
    return { config, name: driverName(config), outputs, missing, copies }
  })
}

/**
 * The distinct folders that configs publish into: one listing each, per driver version and arch,
 * or the whole version for git-SHA versions (whose flat copies sit beside the arch folders).
 */
export function folders(configs: readonly DriverConfig[]): string[] {
  return [
    ...new Set(
      configs.map((c) =>
        isGitShaVersion(c.driverVersion)
          ? `driver/${c.driverVersion}/`
          : driverPrefix(c.driverVersion, c.arch)
      )
    )
  ].sort()
}

/**
 * The `strategy.matrix` a workflow fans out over: as many shards as there are builds to run, up
 * to `maxJobs`. `{"shard":[]}` when nothing needs building (the workflow skips the build jobs).
 */
export function driverMatrix(toBuild: number, maxJobs: number): { shard: string[] } {
  const n = Math.min(toBuild, Math.max(1, maxJobs))
  return { shard: Array.from({ length: n }, (_, i) => `${i + 1}/${n}`) }
}
