import { k as byCodeUnit, C as retryOnConflict, a0 as readWithEtag, s as scan } from './publish-C_SEibVM.js';
import { s as semver } from './derive-DaswkrbP.js';
import { d as driverName } from './config-B0QMYXjo.js';

/**
 * `driver/site/index.html`: the page people reach from Falco's docs and Helm chart
 * (`index.html?lib=<driverversion>&target=…&arch=…&kind=…&search=…`). It reads `index.json` and
 * `<driverversion>.json` beside it and filters them in the browser. Self-contained (no CDN, no
 * library): it must work from any bucket, offline mirror or air-gapped copy. The same text for
 * every publish, so it is only written when it differs from the stored one.
 */
const SITE_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Falco prebuilt drivers</title>
<style>
  :root { --fg: #1d2530; --muted: #5b6675; --line: #dde3ea; --accent: #00a3b4; --bg: #f7f9fb; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #fff; }
  header { padding: 16px 24px; border-bottom: 1px solid var(--line); display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
  header h1 { font-size: 20px; margin: 0; }
  header .date { color: var(--muted); margin-left: auto; }
  main { padding: 12px 24px 40px; }
  .row { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; margin: 6px 0; }
  .row > span.label { width: 64px; color: var(--muted); }
  button.chip { border: 1px solid var(--line); background: var(--bg); border-radius: 14px; padding: 3px 11px; cursor: pointer; font: inherit; color: inherit; }
  button.chip[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: #fff; }
  select, input[type=search] { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 6px; }
  input[type=search] { width: 380px; max-width: 100%; }
  #count { color: var(--muted); margin: 10px 0 6px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
  th { background: var(--bg); position: sticky; top: 0; }
  td.name { white-space: normal; word-break: break-all; font-family: ui-monospace, monospace; font-size: 12.5px; }
  .badge { display: inline-block; padding: 0 7px; border-radius: 9px; color: #fff; font-size: 12px; }
  .kmod { background: #e07b13; } .ebpf { background: #1c5ef5; } .x86_64 { background: #5d00f2; } .aarch64 { background: #0b912f; }
  .error { color: #b00020; }
  a { color: #0a66c2; }
</style>
</head>
<body>
<header><h1>Falco prebuilt drivers</h1><label>Driver version <select id="lib"></select></label><span class="date" id="date"></span></header>
<main>
  <div class="row" id="arch"><span class="label">Arch</span></div>
  <div class="row" id="kind"><span class="label">Kind</span></div>
  <div class="row" id="target"><span class="label">Target</span></div>
  <div class="row"><span class="label">Kernel</span><input type="search" id="search" placeholder="your kernel release: run uname -r"></div>
  <p id="count"></p>
  <table>
    <thead><tr><th>Target</th><th>Arch</th><th>Kind</th><th>Kernel</th><th>File</th><th>Size</th><th>Last modified</th><th>Verify</th></tr></thead>
    <tbody id="drivers"></tbody>
  </table>
</main>
<script>
(function () {
  'use strict';
  var MAX_ROWS = 1000;
  var FILTERS = ['arch', 'kind', 'target'];
  var params = new URLSearchParams(window.location.search);
  var data = null;

  function el(tag, props, children) {
    var e = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === 'text') e.textContent = props[k]; else e.setAttribute(k, props[k]);
    });
    (children || []).forEach(function (c) { e.appendChild(c); });
    return e;
  }
  function param(name) { var v = params.get(name); return v === null || v === '' ? 'all' : v; }
  function keepUrl() { window.history.replaceState(null, '', '?' + params.toString()); }
  function fail(message) {
    document.getElementById('count').replaceChildren(el('span', { 'class': 'error', text: message }));
  }
  function getJson(file) {
    return fetch(file).then(function (r) {
      if (!r.ok) throw new Error(file + ': HTTP ' + r.status);
      return r.json();
    });
  }

  function chips(name, values) {
    var row = document.getElementById(name);
    row.querySelectorAll('button').forEach(function (b) { b.remove(); });
    ['all'].concat(values).forEach(function (v) {
      var b = el('button', { type: 'button', 'class': 'chip', 'data-value': v, 'aria-pressed': String(param(name) === v), text: v });
      b.addEventListener('click', function () {
        if (v === 'all') params.delete(name); else params.set(name, v);
        keepUrl(); chips(name, values); render();
      });
      row.appendChild(b);
    });
  }

  function render() {
    var search = (params.get('search') || '').trim().toLowerCase();
    var rows = data.drivers.filter(function (d) {
      for (var i = 0; i < FILTERS.length; i++) {
        var f = FILTERS[i];
        if (param(f) !== 'all' && d[f] !== param(f)) return false;
      }
      return search === '' || d.kernel.toLowerCase().indexOf(search) >= 0 || d.name.toLowerCase().indexOf(search) >= 0;
    });
    var body = document.getElementById('drivers');
    body.replaceChildren.apply(body, rows.slice(0, MAX_ROWS).map(function (d) {
      var verify = [];
      if (d.signature) verify.push(el('a', { href: d.signature, text: '.asc' }));
      if (d.sha256) verify.push(el('a', { href: d.download + '.sha256', title: d.sha256, text: 'sha256' }));
      verify.forEach(function (a, i) { if (i > 0) a.style.marginLeft = '8px'; });
      return el('tr', { 'data-name': d.name }, [
        el('td', { text: d.target }),
        el('td', {}, [el('span', { 'class': 'badge ' + d.arch, text: d.arch })]),
        el('td', {}, [el('span', { 'class': 'badge ' + d.kind, text: d.kind })]),
        el('td', { text: d.kernel }),
        el('td', { 'class': 'name' }, [el('a', { href: d.download, download: d.name, text: d.name })]),
        el('td', { text: d.size }),
        el('td', { text: d.lastmodified.slice(0, 10) }),
        el('td', {}, verify)
      ]);
    }));
    var count = document.getElementById('count');
    count.setAttribute('data-matches', String(rows.length));
    count.textContent = rows.length + ' of ' + data.drivers.length + ' drivers match' +
      (rows.length > MAX_ROWS ? ' (showing the first ' + MAX_ROWS + ': narrow the filters)' : '');
  }

  getJson('index.json').then(function (libs) {
    if (!Array.isArray(libs) || libs.length === 0) throw new Error('index.json lists no driver versions');
    var lib = params.get('lib') || libs[0];
    var select = document.getElementById('lib');
    (libs.indexOf(lib) < 0 ? [lib].concat(libs) : libs).forEach(function (l) {
      select.appendChild(el('option', l === lib ? { value: l, text: l, selected: '' } : { value: l, text: l }));
    });
    select.addEventListener('change', function () { params.set('lib', select.value); keepUrl(); window.location.reload(); });
    var search = document.getElementById('search');
    search.value = params.get('search') || '';
    search.addEventListener('input', function () {
      if (search.value === '') params.delete('search'); else params.set('search', search.value);
      keepUrl(); if (data) render();
    });
    return getJson(encodeURIComponent(lib) + '.json').catch(function () {
      throw new Error('no drivers are published for driver version ' + lib + ': pick another one above');
    });
  }).then(function (json) {
    data = json;
    document.getElementById('date').textContent = 'Updated ' + data.date;
    FILTERS.forEach(function (f) { chips(f, data.index[f] || []); });
    render();
  }).catch(function (e) { fail('Cannot load the driver list: ' + e.message); });
})();
</script>
</body>
</html>
`;

const DRIVER_KEY = /^driver\/([^/]+)\/(?:([^/]+)\/)?(falco_([^/]+))\.(ko|o)$/;
/**
 * One driver's site entry, or undefined for a key that is not a driver. `url` maps a store key to
 * its download URL.
 */
function siteDriver(f, url) {
    const m = DRIVER_KEY.exec(f.key);
    if (!m)
        return undefined;
    const [, lib, archFolder, stem, rest, ext] = m;
    // The flat layout of git-SHA driver versions had no arch folder: those drivers are x86_64.
    const arch = archFolder ?? 'x86_64';
    const fields = f.fields ?? splitRest(rest);
    const entry = {
        lib,
        arch,
        kind: ext === 'ko' ? 'kmod' : 'ebpf',
        kernel: fields.kernelRelease,
        target: fields.target,
        name: `${stem}.${ext}`,
        download: url(f.key),
        sizebytes: f.size,
        size: humanSize(f.size),
        lastmodified: f.modified.toISOString()
    };
    if (f.sha256)
        entry.sha256 = f.sha256;
    if (f.signed)
        entry.signature = url(`${f.key}.asc`);
    return entry;
}
/** `<target>_<kernelrelease>_<kernelversion>` without the config: targets never contain `_`. */
function splitRest(rest) {
    const first = rest.indexOf('_');
    const last = rest.lastIndexOf('_');
    if (first < 0)
        return { target: rest, kernelRelease: '' };
    return {
        target: rest.slice(0, first),
        kernelRelease: last > first ? rest.slice(first + 1, last) : rest.slice(first + 1)
    };
}
/**
 * Merges drivers into one version's site file. Entries are keyed by arch and name, so a driver
 * published again (or the same driver seen in a listing) replaces its entry. Returns undefined
 * when nothing changed, so a re-run writes nothing.
 */
function mergeSiteVersion(current, lib, drivers, now) {
    const byId = new Map();
    for (const d of current?.drivers ?? [])
        byId.set(`${d.arch}/${d.name}`, d);
    let changed = current === undefined;
    for (const d of drivers) {
        if (d.lib !== lib)
            continue;
        const id = `${d.arch}/${d.name}`;
        const before = byId.get(id);
        // A listing knows no sha256: keep the one a publish recorded.
        const next = before?.sha256 && !d.sha256 ? { ...d, sha256: before.sha256 } : d;
        if (before && JSON.stringify(before) === JSON.stringify(next))
            continue;
        byId.set(id, next);
        changed = true;
    }
    if (!changed)
        return undefined;
    const list = [...byId.values()].sort((a, b) => byCodeUnit(a.arch, b.arch) ||
        byCodeUnit(a.target, b.target) ||
        naturally(a.kernel, b.kernel) ||
        byCodeUnit(a.name, b.name));
    return { date: rfc3339(now), index: siteIndex(lib, list), drivers: list };
}
function siteIndex(lib, drivers) {
    const distinct = (f) => [...new Set(drivers.map(f))].sort(byCodeUnit);
    return {
        lib: [lib],
        arch: distinct((d) => d.arch),
        kind: distinct((d) => d.kind),
        target: distinct((d) => d.target)
    };
}
/**
 * `driver/site/index.json`: the driver versions, newest first (semver versions by precedence,
 * then git-SHA versions in their order of arrival). undefined when `lib` is listed already.
 */
function addToSiteIndex(current, libs) {
    const missing = libs.filter((l) => !current.includes(l));
    if (missing.length === 0)
        return undefined;
    return orderVersions([...current, ...missing]);
}
/** Newest semver first, then the others (git SHAs) in the order given. */
function orderVersions(versions) {
    const sem = versions.filter((v) => semver.valid(v)).sort((a, b) => semver.rcompare(a, b));
    return [...sem, ...versions.filter((v) => !semver.valid(v))];
}
/** Reads a site file's JSON, saying which file and how to fix it when it is not one. */
function parseSiteVersion(text, where) {
    const data = parseJson(text, where);
    if (!data || !Array.isArray(data.drivers) || typeof data.index !== 'object') {
        throw new Error(`${where} is not a driver site file (expected {index, drivers}); delete it and run with shard: index to rebuild it`);
    }
    return data;
}
function parseSiteIndex(text, where) {
    const data = parseJson(text, where);
    if (!Array.isArray(data) || !data.every((v) => typeof v === 'string')) {
        throw new Error(`${where} is not a driver site index (expected a JSON list of driver versions); delete it and run with shard: index to rebuild it`);
    }
    return data;
}
function parseJson(text, where) {
    try {
        return JSON.parse(text);
    }
    catch (e) {
        throw new Error(`${where} is not valid JSON (${e.message})`);
    }
}
/**
 * Size text as Falco's site writes it: powers of 1024 with SI-looking suffixes (`kB`, `MB`), one
 * decimal below 10, none from 10 up, halves rounded to even (Go's `%.0f`).
 */
function humanSize(bytes) {
    const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
    if (bytes < 10)
        return `${bytes} B`;
    const e = Math.floor(Math.log(bytes) / Math.log(1024));
    const val = Math.floor((bytes / 1024 ** e) * 10 + 0.5) / 10;
    if (val < 10)
        return `${val.toFixed(1)} ${units[e]}`;
    const whole = Math.floor(val);
    const frac = val - whole;
    const rounded = Math.abs(frac - 0.5) < 1e-9 ? (whole % 2 === 0 ? whole : whole + 1) : Math.round(val);
    return `${rounded} ${units[e]}`;
}
/** Go's time.RFC3339 for a UTC instant: no fractional seconds. */
function rfc3339(d) {
    return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
// One collator for every comparison: `localeCompare` with options builds one per call, which was
// most of the time of sorting a site file of 100,000 drivers. Same order by definition.
const NATURAL = new Intl.Collator('en', { numeric: true });
function naturally(a, b) {
    return NATURAL.compare(a, b);
}

/**
 * Driver versions of Falco <= 0.32 were falcosecurity/libs commits; their loaders requested
 * `driver/<sha>/<name>` with no arch folder.
 */
function isGitShaVersion(version) {
    return /^[0-9a-f]{7,40}$/.test(version);
}
/** The folder of one driver version and arch in the store. */
function driverPrefix(driverVersion, arch) {
    return `driver/${driverVersion}/${arch}/`;
}
function driverOutputs(c, o = { spaceForPlus: false }) {
    const name = driverName(c);
    const base = `${driverPrefix(c.driverVersion, c.arch)}${name}`;
    // The flat layout served x86_64 only: test-infra's site generator reads it as x86_64, and a name
    // without an arch in its kernel release (Ubuntu's) could not serve two arches from one folder.
    const flat = isGitShaVersion(c.driverVersion) && c.arch === 'x86_64'
        ? `driver/${c.driverVersion}/${name}`
        : undefined;
    const output = (kind, ext) => {
        const keys = [`${base}${ext}`, ...(flat ? [`${flat}${ext}`] : [])];
        const spaced = o.spaceForPlus && name.includes('+') ? keys.map(spaceName) : [];
        return { kind, key: keys[0], aliases: [...keys.slice(1), ...spaced] };
    };
    const outputs = [];
    if (c.module)
        outputs.push(output('module', '.ko'));
    if (c.probe)
        outputs.push(output('probe', '.o'));
    return outputs;
}
/** The key S3 looks up for a request whose file name carries a literal `+`. */
function spaceName(key) {
    const slash = key.lastIndexOf('/');
    return key.slice(0, slash + 1) + key.slice(slash + 1).replace(/\+/g, ' ');
}
/**
 * The store's URL for a key, with every `+` in its path written `%2B`: what falcoctl requests,
 * and the only spelling S3 and CDNs in front of it resolve (they read a literal `+` as a space).
 */
function clientUrl(url) {
    if (url === undefined || !url.includes('+'))
        return url;
    const u = new URL(url);
    u.pathname = u.pathname.replace(/\+/g, '%2B');
    return u.href;
}
/** Pairs each config with its outputs and the ones the store lacks. */
function planJobs(configs, existing, o) {
    return configs.map((config) => {
        const outputs = driverOutputs(config, o);
        const missing = [];
        const copies = [];
        for (const out of outputs) {
            const keys = [out.key, ...out.aliases];
            const present = keys.find((k) => existing.has(k));
            if (present === undefined)
                missing.push(out);
            else
                for (const k of keys)
                    if (!existing.has(k))
                        copies.push({ from: present, to: k });
        }
        return { config, name: driverName(config), outputs, missing, copies };
    });
}
/**
 * The distinct folders that configs publish into: one listing each, per driver version and arch,
 * or the whole version for git-SHA versions (whose flat copies sit beside the arch folders).
 */
function folders(configs) {
    return [
        ...new Set(configs.map((c) => isGitShaVersion(c.driverVersion)
            ? `driver/${c.driverVersion}/`
            : driverPrefix(c.driverVersion, c.arch)))
    ].sort();
}
/**
 * The `strategy.matrix` a workflow fans out over: as many shards as there are builds to run, up
 * to `maxJobs`. `{"shard":[]}` when nothing needs building (the workflow skips the build jobs).
 */
function driverMatrix(toBuild, maxJobs) {
    const n = Math.min(toBuild, Math.max(1, maxJobs));
    return { shard: Array.from({ length: n }, (_, i) => `${i + 1}/${n}`) };
}

const SITE = 'driver/site';
/**
 * Brings Falco's driver site up to date: `driver/site/<driverversion>.json` of each version, then
 * `driver/site/index.json`, then the page. Each JSON file is a compare-and-swap (read with its
 * etag, merged, written only if unchanged meanwhile), so shards publishing at once never lose
 * each other's drivers; an unchanged file is not rewritten, so a re-run writes nothing.
 */
async function updateSite(store, versions, news, hintPairs, log, options) {
    const hints = new Map(hintPairs);
    const url = downloadUrl(store);
    const published = [];
    for (const version of versions) {
        const key = `${SITE}/${version}.json`;
        const mine = news.filter((f) => f.key.startsWith(`driver/${version}/`));
        let given = options.listings?.get(version);
        const written = await casUpdate(store, key, async (current) => {
            const stored = current === undefined ? undefined : parseSiteVersion(current, key);
            let facts = mine;
            let base = stored;
            if (options.relist || stored === undefined) {
                facts = [...(await listedDrivers(store, version, given)), ...mine];
                given = undefined;
                base = undefined;
            }
            const entries = facts
                .map((f) => siteDriver(withHints(f, hints), url))
                .filter((d) => d !== undefined);
            if (base === undefined && stored !== undefined)
                keepDigests(entries, stored.drivers);
            const merged = mergeSiteVersion(base, version, entries, new Date());
            if (merged === undefined)
                return undefined;
            if (stored && JSON.stringify(stored.drivers) === JSON.stringify(merged.drivers))
                return undefined;
            return `${JSON.stringify(merged)}\n`;
        });
        if (written === undefined)
            continue;
        published.push(written);
        log.info(`updated the driver site of ${version}`);
    }
    const index = await casUpdate(store, `${SITE}/index.json`, async (current) => {
        const libs = current === undefined ? [] : parseSiteIndex(current, `${SITE}/index.json`);
        const next = addToSiteIndex(libs, versions);
        return next && `${JSON.stringify(next)}\n`;
    });
    if (index)
        published.push(index);
    const page = await writeIfChanged(store, `${SITE}/index.html`, SITE_PAGE, 'text/html');
    if (page)
        published.push(page);
    return published.map(({ kind, path, sha256, size, url }) => ({ kind, path, sha256, size, url }));
}
/** The drivers (with whether each is signed) in one version's folder. */
async function listedDrivers(store, version, listed) {
    let objects = listed;
    if (objects === undefined) {
        objects = [];
        for await (const o of scan(store, `driver/${version}/`))
            objects.push(o);
    }
    const keys = new Set(objects.map((o) => o.key));
    const facts = [];
    for (const o of objects) {
        // Copies named with a space are what S3 resolves a literal `+` to: not drivers of their own.
        if ((!o.key.endsWith('.ko') && !o.key.endsWith('.o')) || o.key.includes(' '))
            continue;
        const parts = o.key.split('/');
        // The flat copy a git-SHA version keeps for old loaders is the x86_64 driver again.
        if (parts.length === 3 && keys.has(`driver/${version}/x86_64/${parts[2]}`))
            continue;
        facts.push({
            key: o.key,
            size: o.size,
            modified: o.modified ?? new Date(),
            signed: keys.has(`${o.key}.asc`)
        });
    }
    return facts;
}
function withHints(f, hints) {
    if (f.fields)
        return f;
    const stem = (f.key.split('/').at(-1) ?? '').replace(/\.(ko|o)$/, '');
    const fields = hints.get(stem);
    return fields ? { ...f, fields } : f;
}
/** A listing knows no digests: keep those a publish recorded. */
function keepDigests(entries, stored) {
    const digests = new Map(stored.map((d) => [`${d.arch}/${d.name}`, d.sha256]));
    for (const e of entries)
        e.sha256 ??= digests.get(`${e.arch}/${e.name}`);
    for (const e of entries)
        if (e.sha256 === undefined)
            delete e.sha256;
}
/**
 * The download URL of a key: the store's public URL with `+` written `%2B` (what every client
 * era and S3 resolve), or a path relative to the site folder when the store knows no URL.
 */
function downloadUrl(store) {
    return (key) => clientUrl(store.url(key)) ?? `../${key.split('/').slice(1).map(encodeURIComponent).join('/')}`;
}
/**
 * Reads `key`, computes its new content, and writes it only if nobody changed it in between;
 * retried from the read on a lost race. `next` returns undefined when nothing needs writing.
 */
async function casUpdate(store, key, next) {
    return retryOnConflict(async () => {
        const read = await readWithEtag(store, key);
        const current = read?.bytes.toString('utf8');
        const body = await next(current);
        if (body === undefined)
            return undefined;
        const precondition = read ? { ifMatch: read.etag } : { ifNoneMatch: '*' };
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
async function writeIfChanged(store, key, body, contentType) {
    if ((await readText(await store.get(key))) === body)
        return undefined;
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

export { SITE as S, casUpdate as a, rfc3339 as b, clientUrl as c, parseSiteIndex as d, planJobs as e, folders as f, driverMatrix as g, parseSiteVersion as p, readText as r, updateSite as u };
