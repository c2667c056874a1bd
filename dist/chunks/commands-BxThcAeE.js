import { promises } from 'node:fs';
import { r as readDriverGrid, d as driverName, a as refreshListings } from './refresh-3xp48_dm.js';
import 'node:path';
import './index-1_RgLtDn.js';
import './conflict-DsPQJoFG.js';
import './store-CbTX16qn.js';
import 'process';
import 'buffer';

/**
 * Operations the command line offers besides the full pipeline (the lead wires them into cli.ts).
 */
/**
 * `falco-publish drivers-check <dir> [versions…]`: parses and validates every config of the given
 * driver versions (all folders when none are given) and writes nothing. Exit non-zero when
 * `invalid` is not empty.
 */
async function checkDriverConfigs(dir, versions = []) {
    const all = versions.length > 0
        ? versions
        : (await promises.readdir(dir, { withFileTypes: true }))
            .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
            .map((e) => e.name)
            .sort();
    return readDriverGrid(dir, all);
}
/**
 * `falco-publish drivers-index --store … --driver-versions … [--drivers-config dir]`: rewrites
 * the driver listings from what the store holds, as `shard: index` does. The configs, when
 * given, split names whose kernel version contains `_` correctly.
 */
async function refreshDriverIndex(store, versions, log, configDir) {
    const grid = configDir ? await readDriverGrid(configDir, versions) : undefined;
    const hints = (grid?.configs ?? []).map((c) => [
        driverName(c),
        { target: c.target, kernelRelease: c.kernelRelease, kernelVersion: c.kernelVersion }
    ]);
    return refreshListings(store, versions, hints, log);
}

export { checkDriverConfigs, refreshDriverIndex };
