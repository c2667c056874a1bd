import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { promises, readFileSync } = __nodeBuiltin('node:fs');
const path = __nodeBuiltin('node:path');
import { k as byCodeUnit } from './publish-C_SEibVM.js';
import { u as unsafe, a as archOf, p as parseDriverConfig } from './config-B0QMYXjo.js';

/**
 * Reads the configs of the requested driver versions from a directory in test-infra's layout.
 * The result is sorted by file so that everything downstream (shards, plans, summaries) is
 * deterministic.
 */
async function readDriverGrid(dir, driverVersions) {
    const stat = await promises.stat(dir).catch(() => undefined);
    if (!stat?.isDirectory()) {
        throw new Error(`drivers-config ${dir} is not a directory (expected <driverversion>/<arch>/*.yaml)`);
    }
    const locations = [];
    const invalid = [];
    for (const version of driverVersions) {
        if (unsafe(version) || version === '.') {
            throw new Error(`driver-versions: ${JSON.stringify(version)} is not a driver version folder name`);
        }
        const versionDir = path.join(dir, version);
        const entries = await promises.readdir(versionDir, { withFileTypes: true }).catch(() => undefined);
        if (entries === undefined) {
            throw new Error(`driver-versions: ${version} has no folder in drivers-config (${versionDir} not found)`);
        }
        for (const entry of entries) {
            if (entry.name.startsWith('.'))
                continue;
            if (entry.isFile() && isYaml(entry.name)) {
                // The oldest layout: no arch folder; the arch comes from the `architecture` field.
                locations.push(at(dir, version, entry.name));
            }
            else if (entry.isDirectory()) {
                const arch = archOf(entry.name);
                const files = await promises.readdir(path.join(versionDir, entry.name));
                if (arch === undefined) {
                    for (const name of files.filter(isYaml)) {
                        invalid.push({
                            file: `${version}/${entry.name}/${name}`,
                            error: `folder ${entry.name} is not an architecture (expected x86_64 or aarch64)`
                        });
                    }
                    continue;
                }
                for (const name of files.filter(isYaml))
                    locations.push(at(dir, version, name, entry.name, arch));
            }
        }
    }
    const configs = [];
    const warnings = [];
    // Read one after the other, synchronously: a config is a few hundred bytes, in the page cache
    // right after the checkout, and one readFileSync costs less than the four round trips to the
    // thread pool (open, stat, read, close) of an asynchronous read, which on a 2-core runner was
    // most of the time of reading 50,000 of them. The event loop gets a turn between batches.
    const parsed = [];
    for (const loc of locations) {
        parsed.push(readConfig(loc));
        if (parsed.length % READ_BATCH === 0)
            await new Promise((resolve) => setImmediate(resolve));
    }
    for (const result of parsed) {
        if (result.ok) {
            configs.push(result.config);
            warnings.push(...result.warnings);
        }
        else
            invalid.push({ file: result.file, error: result.error });
    }
    const byFile = (a, b) => byCodeUnit(a.file, b.file);
    return { configs: configs.sort(byFile), invalid: invalid.sort(byFile), warnings };
}
/** Configs read between turns of the event loop. */
const READ_BATCH = 256;
function readConfig(loc) {
    let text;
    try {
        text = readFileSync(loc.source, 'utf8');
    }
    catch (e) {
        return { ok: false, file: loc.file, error: `cannot be read: ${e.message}` };
    }
    return parseDriverConfig(text, loc);
}
function at(dir, version, name, folder, arch) {
    const file = folder === undefined ? `${version}/${name}` : `${version}/${folder}/${name}`;
    return { file, source: path.join(dir, file), driverVersion: version, archFolder: arch };
}
function isYaml(name) {
    return name.endsWith('.yaml') || name.endsWith('.yml');
}

export { readDriverGrid as r };
