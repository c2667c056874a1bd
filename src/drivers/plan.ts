import { driverName, type DriverConfig } from './config.js'

/** Pure planning for the drivers grid: names, shards, what to skip, the fan-out matrix. */

export type DriverKind = 'module' | 'probe'

export interface DriverOutput {
  kind: DriverKind
  /** Store key: `driver/<driverversion>/<arch>/falco_<target>_<kernelrelease>_<kernelversion>.ko|.o` */
  key: string
}

export interface DriverJob {
  config: DriverConfig
  name: string
  outputs: DriverOutput[]
  /** Outputs not yet in the store: a job with none is skipped. */
  missing: DriverOutput[]
}

/** The folder of one driver version and arch in the store. */
export function driverPrefix(driverVersion: string, arch: string): string {
  return `driver/${driverVersion}/${arch}/`
}

export function driverOutputs(c: DriverConfig): DriverOutput[] {
  const base = `${driverPrefix(c.driverVersion, c.arch)}${driverName(c)}`
  const outputs: DriverOutput[] = []
  if (c.module) outputs.push({ kind: 'module', key: `${base}.ko` })
  if (c.probe) outputs.push({ kind: 'probe', key: `${base}.o` })
  return outputs
}

/**
 * The URL path falcoctl requests: it escapes the driver version only (`+` becomes `%2B`);
 * the rest of the name is used as is.
 */
export function falcoctlPath(key: string): string {
  const [root, version, ...rest] = key.split('/')
  return [root, encodeURIComponent(version), ...rest].join('/')
}

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
  existing: ReadonlySet<string>
): DriverJob[] {
  return configs.map((config) => {
    const outputs = driverOutputs(config)
    return {
      config,
      name: driverName(config),
      outputs,
      missing: outputs.filter((o) => !existing.has(o.key))
    }
  })
}

/** The distinct (driver version, arch) folders that configs publish into: one listing each. */
export function folders(configs: readonly DriverConfig[]): string[] {
  return [...new Set(configs.map((c) => driverPrefix(c.driverVersion, c.arch)))].sort()
}

/**
 * The `strategy.matrix` a workflow fans out over: as many shards as there are builds to run, up
 * to `maxJobs`. `{"shard":[]}` when nothing needs building (the workflow skips the build jobs).
 */
export function driverMatrix(toBuild: number, maxJobs: number): { shard: string[] } {
  const n = Math.min(toBuild, Math.max(1, maxJobs))
  return { shard: Array.from({ length: n }, (_, i) => `${i + 1}/${n}`) }
}
