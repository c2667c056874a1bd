import { l as list, b as boolean, i as integer } from './input-values-CHzpRL_X.js';
import { b as byCodeUnit } from './compare-CsyMDCna.js';
import { performance } from 'node:perf_hooks';

/** As long as a superseded index generation's by-hash files stay (see store-io.ts). */
const DEFAULT_DELETION_GRACE_MINUTES = 60;
/**
 * The pending list of the next generation: the previous one, plus what this change drops (from
 * `now`), less what the next index names again; files pending for `graceMs` or longer are due.
 */
function nextPending(previous, dropped, named, now, graceMs) {
    const pending = new Map();
    const due = [];
    const all = new Map(previous);
    for (const f of dropped)
        if (!all.has(f))
            all.set(f, now);
    for (const [file, since] of all) {
        if (named(file))
            continue;
        if (now.getTime() - since.getTime() >= graceMs)
            due.push(file);
        else
            pending.set(file, since);
    }
    return { pending, due: due.sort(byCodeUnit) };
}
/** By file name, so the same pending set always renders the same bytes. */
const sorted = (p) => [...p].sort(([a], [b]) => byCodeUnit(a, b));
/** For JSON state (index.json, the dnf manifest): file -> ISO time. */
function pendingToJson(p) {
    return Object.fromEntries(sorted(p).map(([f, d]) => [f, d.toISOString()]));
}
/** The inverse of pendingToJson; anything unreadable counts as dropped long ago (due at once). */
function pendingFromJson(raw) {
    const out = new Map();
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
        return out;
    for (const [file, when] of Object.entries(raw)) {
        const d = typeof when === 'string' ? new Date(when) : new Date(0);
        out.set(file, Number.isNaN(d.getTime()) ? new Date(0) : d);
    }
    return out;
}
/** The Release field apt ignores and a publish reads back: ` <ISO time> <file>` per line. */
const RELEASE_FIELD = 'Falco-Publish-Pending';
function renderPendingField(p) {
    if (p.size === 0)
        return '';
    const lines = sorted(p).map(([f, d]) => ` ${d.toISOString()} ${f}\n`);
    return `${RELEASE_FIELD}:\n${lines.join('')}`;
}
function parsePendingField(release) {
    const out = new Map();
    if (!release)
        return out;
    const m = new RegExp(`^${RELEASE_FIELD}:[^\\n]*\\n((?: [^\\n]*\\n?)*)`, 'm').exec(release);
    if (!m)
        return out;
    for (const line of m[1].split('\n')) {
        const l = /^ (\S+) (\S+)\s*$/.exec(line);
        if (!l)
            continue;
        const d = new Date(l[1]);
        out.set(l[2], Number.isNaN(d.getTime()) ? new Date(0) : d);
    }
    return out;
}

function readPackageInputs(get) {
    const remove = list(get('remove'));
    for (const pattern of remove)
        parseRemovePattern(pattern);
    return {
        gpgPrivateKey: get('gpg-private-key'),
        gpgPassphrase: get('gpg-passphrase'),
        devRetention: integer(get, 'dev-retention', 1),
        deletionGraceMinutes: get('package-deletion-grace') === ''
            ? DEFAULT_DELETION_GRACE_MINUTES
            : integer(get, 'package-deletion-grace', 0),
        overwrite: boolean(get, 'overwrite'),
        aptOrigin: get('apt-origin').trim(),
        aptLabel: get('apt-label').trim(),
        noarchRepository: repositoryPath(get, 'tarballs-noarch-repository', 'packages/wasm-dev'),
        remove
    };
}
/** `falco=0.39.*` or `falco` (every version); `*` matches anything. */
function parseRemovePattern(pattern) {
    const m = /^([^=\s]+)(?:=(\S+))?$/.exec(pattern);
    if (!m) {
        throw new Error(`input 'remove': ${JSON.stringify(pattern)} is not a name=version pattern`);
    }
    return { name: glob(m[1]), version: glob(m[2] ?? '*') };
}
function glob(text) {
    return new RegExp('^' +
        text
            .split('*')
            .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*') +
        '$');
}
/** A folder of the store, as an input gives it: relative, without `..`, no trailing slash. */
function repositoryPath(get, name, fallback) {
    const value = (get(name).trim() || fallback).replace(/\/+$/, '');
    if (!value || value.startsWith('/') || value.split('/').some((p) => p === '..' || p === '')) {
        throw new Error(`input '${name}': ${JSON.stringify(get(name))} is not a folder of the store; give a relative path such as packages/wasm-dev`);
    }
    return value;
}

const marks = [];
/** Ends a step: the time since the previous mark was spent on `step`. */
function mark(step) {
    const { user, system } = process.cpuUsage();
    marks.push({ step, wall: performance.now(), cpu: (user + system) / 1000 });
}
/**
 * `timing: node 41, modules 62/60, release 3/2, ... (ms wall/cpu)`: Node's start (wall only: its
 * CPU is not counted apart, so the first step's CPU includes it), then each marked step.
 */
function timingLine() {
    const boot = performance.nodeTiming.bootstrapComplete;
    // A step marked more than once (planning, around the stages it loads) is summed.
    const steps = new Map();
    let previous = { wall: boot, cpu: 0 };
    for (const m of marks) {
        const step = steps.get(m.step) ?? { wall: 0, cpu: 0 };
        step.wall += m.wall - previous.wall;
        step.cpu += m.cpu - previous.cpu;
        steps.set(m.step, step);
        previous = m;
    }
    const shown = [...steps].map(([name, t]) => `${name} ${t.wall.toFixed(0)}/${t.cpu.toFixed(0)}`);
    return `timing: ${[`node ${boot.toFixed(0)}`, ...shown].join(', ')} (ms wall/cpu)`;
}

export { parsePendingField as a, pendingFromJson as b, pendingToJson as c, readPackageInputs as d, mark as m, nextPending as n, parseRemovePattern as p, renderPendingField as r, timingLine as t };
