import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { promises } = __nodeBuiltin('node:fs');
const path = __nodeBuiltin('node:path');
import { k as byCodeUnit } from './publish-C_SEibVM.js';
import { a as archOf } from './config-B0QMYXjo.js';

/**
 * Reads `kernel-list` entries: a path (its arch is the `x86_64` or `aarch64` folder it sits in,
 * as in kernel-crawler's `kernels/<arch>/list.json`) or `<arch>=<path>`.
 */
async function readKernelLists(entries, workspace) {
    const kernels = [];
    for (const entry of entries) {
        const eq = entry.indexOf('=');
        const named = eq > 0 ? archOf(entry.slice(0, eq).trim()) : undefined;
        const file = eq > 0 && named ? entry.slice(eq + 1).trim() : entry;
        const arch = named ??
            file
                .split(/[\\/]/)
                .map(archOf)
                .find((a) => a !== undefined);
        if (arch === undefined) {
            throw new Error(`kernel-list: cannot tell the arch of ${file}; put it in an x86_64 or aarch64 folder, or write x86_64=${file}`);
        }
        const abs = path.resolve(workspace, file);
        let text;
        try {
            text = await promises.readFile(abs, 'utf8');
        }
        catch (e) {
            throw new Error(`kernel-list: cannot read ${file} (${e.message})`);
        }
        kernels.push(...parseKernelList(text, arch, file));
    }
    return kernels;
}
/** kernel-crawler's format: `{ "<Distro>": [{target, kernelrelease, kernelversion, headers}] }`. */
function parseKernelList(text, arch, file) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (e) {
        throw new Error(`kernel-list: ${file} is not valid JSON (${e.message})`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw new Error(`kernel-list: ${file} is not kernel-crawler's list.json (expected an object of distributions, each a list of kernels)`);
    }
    const kernels = [];
    for (const [distro, list] of Object.entries(data)) {
        if (!Array.isArray(list)) {
            throw new Error(`kernel-list: ${file}: ${distro} is not a list of kernels`);
        }
        for (const [i, k] of list.entries()) {
            const item = k;
            const text = (name) => {
                const v = item?.[name];
                if (typeof v === 'string' && v.trim() !== '')
                    return v.trim();
                // kernel-crawler writes kernelversion as a number for most distributions.
                if (typeof v === 'number' && Number.isFinite(v))
                    return String(v);
                throw new Error(`kernel-list: ${file}: ${distro}[${i}] has no ${name}`);
            };
            kernels.push({
                arch,
                distro,
                target: text('target'),
                kernelRelease: text('kernelrelease'),
                kernelVersion: text('kernelversion'),
                headers: Array.isArray(item.headers)
                    ? item.headers.filter((h) => typeof h === 'string')
                    : [],
                ...(typeof item.kernelconfigdata === 'string' && item.kernelconfigdata !== ''
                    ? { kernelConfigData: item.kernelconfigdata }
                    : {})
            });
        }
    }
    return kernels;
}
const id = (k) => `${k.arch}\u0000${k.target}\u0000${k.kernelRelease}\u0000${k.kernelVersion}`;
/**
 * Coverage of one driver version per target and arch. `published` are the kernels that have at
 * least one driver (module or probe) in the store.
 */
function coverage(lib, known, configs, published) {
    const configIds = new Set(configs.map(id));
    const publishedIds = new Set(published.map(id));
    const rows = new Map();
    const row = (k) => {
        const key = `${k.target}\u0000${k.arch}`;
        let r = rows.get(key);
        if (!r) {
            r = {
                lib,
                target: k.target,
                arch: k.arch,
                known: 0,
                configs: 0,
                published: 0,
                failed: 0,
                missing: []
            };
            rows.set(key, r);
        }
        return r;
    };
    const seen = new Set();
    for (const k of known) {
        if (seen.has(id(k)))
            continue;
        seen.add(id(k));
        const r = row(k);
        r.known++;
        if (!configIds.has(id(k)))
            r.missing.push(`${k.kernelRelease}_${k.kernelVersion}`);
    }
    for (const c of new Map(configs.map((c) => [id(c), c])).values()) {
        const r = row(c);
        r.configs++;
        if (publishedIds.has(id(c)))
            r.published++;
        else
            r.failed++;
    }
    const sorted = [...rows.values()].sort((a, b) => byCodeUnit(a.target, b.target) || byCodeUnit(a.arch, b.arch));
    for (const r of sorted)
        r.missing.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    return sorted;
}
const MAX_MISSING_ROWS = 200;
/** The coverage section of the job summary: one row per target and arch, then what is missing. */
function renderCoverage(rows) {
    if (rows.length === 0)
        return '';
    const lines = [
        '#### Coverage',
        '',
        '| driver version | target | arch | kernels known | configs | published | failed or not built | no config |',
        '|---|---|---|---|---|---|---|---|',
        ...rows.map((r) => `| ${r.lib} | ${r.target} | ${r.arch} | ${r.known} | ${r.configs} | ${r.published} | ${r.failed} | ${r.missing.length} |`),
        ''
    ];
    const missing = rows.flatMap((r) => r.missing.map((m) => `${r.lib} ${r.arch} ${r.target} ${m}`));
    if (missing.length > 0) {
        lines.push(`Kernels with no config (users of these get no prebuilt driver): ${missing.length}`, '', '```', ...missing.slice(0, MAX_MISSING_ROWS), ...(missing.length > MAX_MISSING_ROWS
            ? [`… ${missing.length - MAX_MISSING_ROWS} more in driver/site/coverage.json`]
            : []), '```', '');
    }
    return lines.join('\n');
}

export { coverage, parseKernelList, readKernelLists, renderCoverage };
