import { promises } from 'node:fs';
import * as path from 'node:path';
import { p as pLimit } from './index-1_RgLtDn.js';
import { u as unsafe, a as archOf, p as parseDriverConfig, c as clientUrl } from './plan-C2d41SiH.js';
import { r as retryOnConflict } from './conflict-_4umj4mR.js';

/**
 * Reads the configs of the requested driver versions from a directory in test-infra's layout.
 * Files are read in parallel (a grid has thousands); the result is sorted by file so that
 * everything downstream (shards, plans, summaries) is deterministic.
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
    const parsed = await pLimit(32).map(locations, async (loc) => {
        let text;
        try {
            text = await promises.readFile(loc.source, 'utf8');
        }
        catch (e) {
            return { ok: false, file: loc.file, error: `cannot be read: ${e.message}` };
        }
        return parseDriverConfig(text, loc);
    });
    for (const result of parsed) {
        if (result.ok) {
            configs.push(result.config);
            warnings.push(...result.warnings);
        }
        else
            invalid.push({ file: result.file, error: result.error });
    }
    const byFile = (a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
    return { configs: configs.sort(byFile), invalid: invalid.sort(byFile), warnings };
}
function at(dir, version, name, folder, arch) {
    const file = folder === undefined ? `${version}/${name}` : `${version}/${folder}/${name}`;
    return { file, source: path.join(dir, file), driverVersion: version, archFolder: arch };
}
function isYaml(name) {
    return name.endsWith('.yaml') || name.endsWith('.yml');
}

const DRIVER_FILE = /^driver\/([^/]+)\/([^/]+)\/(falco_(.+))\.(ko|o)$/;
/** Builds one driver version's listing from the objects under `driver/<driverversion>/`. */
function versionListing(driverVersion, objects, hints) {
    const arches = {};
    const entries = new Map();
    for (const o of objects) {
        const m = DRIVER_FILE.exec(o.key);
        if (!m || m[1] !== driverVersion)
            continue;
        const [, , arch, stem, rest, ext] = m;
        const fields = hints.get(stem) ?? splitName(rest);
        const id = `${arch}/${stem}`;
        let entry = entries.get(id);
        if (!entry) {
            entry = { kernelrelease: fields.kernelRelease, kernelversion: fields.kernelVersion };
            entries.set(id, entry);
            ((arches[arch] ??= {})[fields.target] ??= []).push(entry);
        }
        entry[ext === 'ko' ? 'module' : 'probe'] = { size: o.size, modified: o.modified?.toISOString() };
    }
    for (const targets of Object.values(arches)) {
        for (const kernels of Object.values(targets)) {
            kernels.sort((a, b) => compare(a.kernelrelease, b.kernelrelease) || compare(a.kernelversion, b.kernelversion));
        }
    }
    return { driverversion: driverVersion, arches: sortKeys(arches) };
}
/**
 * Splits `<target>_<kernelrelease>_<kernelversion>` without the config at hand: targets never
 * contain `_`, kernel releases may (`el8_5`), so the kernel version is taken as the last part.
 */
function splitName(rest) {
    const first = rest.indexOf('_');
    const last = rest.lastIndexOf('_');
    if (first < 0 || last === first)
        return {
            target: rest.slice(0, Math.max(first, 0)) || rest,
            kernelRelease: rest.slice(first + 1),
            kernelVersion: ''
        };
    return {
        target: rest.slice(0, first),
        kernelRelease: rest.slice(first + 1, last),
        kernelVersion: rest.slice(last + 1)
    };
}
function renderVersionHtml(listing) {
    const v = escapeHtml(listing.driverversion);
    const sections = Object.entries(listing.arches).map(([arch, targets]) => {
        const rows = Object.entries(targets).flatMap(([target, kernels]) => kernels.map((k) => {
            const stem = `falco_${target}_${k.kernelrelease}_${k.kernelversion}`;
            const cell = (f, ext) => f
                ? `<a href="${escapeHtml(`${encodeURIComponent(arch)}/${encodeURIComponent(stem + ext)}`)}">${ext}</a> ${formatSize(f.size)}`
                : '—';
            const date = (k.module?.modified ?? k.probe?.modified ?? '').slice(0, 10);
            return `<tr><td>${escapeHtml(target)}</td><td>${escapeHtml(k.kernelrelease)}</td><td>${escapeHtml(k.kernelversion)}</td><td>${cell(k.module, '.ko')}</td><td>${cell(k.probe, '.o')}</td><td>${date}</td></tr>`;
        }));
        return `<h2>${escapeHtml(arch)}</h2>\n<table>\n<tr><th>target</th><th>kernel release</th><th>kernel version</th><th>module</th><th>eBPF probe</th><th>date</th></tr>\n${rows.join('\n')}\n</table>`;
    });
    return page(`Falco drivers ${v}`, `<p><a href="../">all driver versions</a> · <a href="index.json">index.json</a></p>\n${sections.join('\n')}`);
}
/** Adds or refreshes versions in the top index, newest update first. */
function mergeVersions(index, versions, now) {
    const byVersion = new Map(index.versions.map((v) => [v.driverversion, v]));
    for (const v of versions)
        byVersion.set(v, { driverversion: v, updated: now.toISOString() });
    return {
        versions: [...byVersion.values()].sort((a, b) => compare(b.driverversion, a.driverversion))
    };
}
function renderVersionsHtml(index) {
    const rows = index.versions.map((v) => `<tr><td><a href="${escapeHtml(encodeURIComponent(v.driverversion))}/">${escapeHtml(v.driverversion)}</a></td><td>${escapeHtml(v.updated.slice(0, 10))}</td></tr>`);
    return page('Falco drivers', `<table>\n<tr><th>driver version</th><th>updated</th></tr>\n${rows.join('\n')}\n</table>`);
}
function page(title, body) {
    return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${title}</title></head>\n<body><h1>${title}</h1>\n${body}\n</body></html>\n`;
}
function formatSize(bytes) {
    return bytes < 1024
        ? `${bytes} B`
        : bytes < 1024 * 1024
            ? `${(bytes / 1024).toFixed(1)} KiB`
            : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
function escapeHtml(s) {
    return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
/** Natural order, so 5.10 sorts after 5.4. */
function compare(a, b) {
    return a.localeCompare(b, 'en', { numeric: true });
}
function sortKeys(record) {
    return Object.fromEntries(Object.keys(record)
        .sort()
        .map((k) => [
        k,
        Object.fromEntries(Object.keys(record[k])
            .sort()
            .map((t) => [t, record[k][t]]))
    ]));
}

/**
 * Rewrites the listings of the given driver versions from what the store holds. Each index.json
 * is a compare-and-swap: its etag is read before listing, so a job that published meanwhile
 * makes our write fail and we list again. Unchanged listings are not rewritten, so a re-run
 * publishes nothing.
 */
async function refreshListings(store, versions, hintPairs, log) {
    const hints = new Map(hintPairs);
    const published = [];
    const changed = [];
    for (const version of versions) {
        const jsonKey = `driver/${version}/index.json`;
        const written = await casUpdate(store, jsonKey, async (current) => {
            const objects = [];
            for await (const o of store.list(`driver/${version}/`))
                objects.push(o);
            const next = `${JSON.stringify(versionListing(version, objects, hints), null, 2)}\n`;
            return next === current ? undefined : next;
        });
        if (written === undefined)
            continue;
        changed.push(version);
        published.push(written);
        const listing = JSON.parse(written.body);
        published.push(await put(store, `driver/${version}/index.html`, renderVersionHtml(listing), 'text/html'));
        log.info(`refreshed the listing of driver version ${version}`);
    }
    const top = await casUpdate(store, 'driver/index.json', async (current) => {
        const index = current ? JSON.parse(current) : { versions: [] };
        const known = new Set(index.versions.map((v) => v.driverversion));
        const touched = versions.filter((v) => changed.includes(v) || !known.has(v));
        if (touched.length === 0)
            return undefined;
        return `${JSON.stringify(mergeVersions(index, touched, new Date()), null, 2)}\n`;
    });
    if (top !== undefined) {
        published.push(top);
        const index = JSON.parse(top.body);
        published.push(await put(store, 'driver/index.html', renderVersionsHtml(index), 'text/html'));
    }
    return published.map(({ kind, path, sha256, size, url }) => ({ kind, path, sha256, size, url }));
}
/**
 * Reads `key`, computes its new content, and writes it only if nobody changed it in between;
 * retried from the read on a lost race. `next` returns undefined when nothing needs writing.
 */
async function casUpdate(store, key, next) {
    return retryOnConflict(async () => {
        const info = await store.head(key);
        const current = info ? await readText(await store.get(key)) : undefined;
        const body = await next(current);
        if (body === undefined)
            return undefined;
        const precondition = info ? { ifMatch: info.etag } : { ifNoneMatch: '*' };
        const r = await store.put(key, body, { precondition, contentType: 'application/json' });
        return {
            kind: 'listing',
            path: r.key,
            sha256: r.sha256,
            size: r.size,
            url: clientUrl(store.url(r.key)),
            body
        };
    });
}
async function put(store, key, body, contentType) {
    const r = await store.put(key, body, { contentType });
    return {
        kind: 'listing',
        path: r.key,
        sha256: r.sha256,
        size: r.size,
        url: clientUrl(store.url(r.key)),
        body
    };
}
async function readText(stream) {
    if (!stream)
        return undefined;
    const chunks = [];
    for await (const chunk of stream)
        chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
}

export { refreshListings as a, renderVersionsHtml as b, casUpdate as c, readDriverGrid as r };
