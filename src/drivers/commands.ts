import { promises as fs } from 'node:fs'
import type { Published } from '../plan.js'
import type { Logger } from '../report/log.js'
import type { Store } from '../store/store.js'
import { driverName } from './config.js'
import { readDriverGrid, type DriverGrid } from './grid.js'
import { updateSite } from './refresh.js'

/**
 * Operations the command line offers besides the full pipeline (the lead wires them into cli.ts).
 */

/**
 * `falco-publish drivers-check <dir> [versions…]`: parses and validates every config of the given
 * driver versions (all folders when none are given) and writes nothing. Exit non-zero when
 * `invalid` is not empty.
 */
export async function checkDriverConfigs(
  dir: string,
  versions: string[] = []
): Promise<DriverGrid> {
  const all =
    versions.length > 0
      ? versions
      : (await fs.readdir(dir, { withFileTypes: true }))
          .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
          .map((e) => e.name)
          .sort()
  return readDriverGrid(dir, all)
}

/**
 * `falco-publish drivers-index --store … --driver-versions … [--drivers-config dir]`: rebuilds
 * the driver site files of those versions from what the store holds, as `shard: index` does. The configs, when
 * given, split names whose kernel version contains `_` correctly.
 */
export async function refreshDriverIndex(
  store: Store,
  versions: string[],
  log: Logger,
  configDir?: string
): Promise<Published[]> {
  const grid = configDir ? await readDriverGrid(configDir, versions) : undefined
  const hints = (grid?.configs ?? []).map(
    (c) =>
      [
        driverName(c),
        { target: c.target, kernelRelease: c.kernelRelease, kernelVersion: c.kernelVersion }
      ] as [string, { target: string; kernelRelease: string; kernelVersion: string }]
  )
  return updateSite(store, versions, [], hints, log, { relist: true })
}
