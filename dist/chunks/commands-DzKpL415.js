import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { promises } = __nodeBuiltin('node:fs');
import { d as driverName } from './config-B0QMYXjo.js';
import { r as readDriverGrid } from './grid-Bj4r0W5O.js';
import { u as updateSite } from './refresh-w5db918B.js';

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
 * `falco-publish drivers-index --store … --driver-versions … [--drivers-config dir]`: rebuilds
 * the driver site files of those versions from what the store holds, as `shard: index` does. The configs, when
 * given, split names whose kernel version contains `_` correctly.
 */
async function refreshDriverIndex(store, versions, log, configDir) {
    const grid = configDir ? await readDriverGrid(configDir, versions) : undefined;
    const hints = (grid?.configs ?? []).map((c) => [
        driverName(c),
        { target: c.target, kernelRelease: c.kernelRelease, kernelVersion: c.kernelVersion }
    ]);
    return updateSite(store, versions, [], hints, log, { relist: true });
}

export { checkDriverConfigs, refreshDriverIndex };
