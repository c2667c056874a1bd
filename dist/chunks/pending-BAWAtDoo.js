import { b as byCodeUnit } from './compare-CsyMDCna.js';

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

export { DEFAULT_DELETION_GRACE_MINUTES as D, pendingFromJson as a, pendingToJson as b, nextPending as n, parsePendingField as p, renderPendingField as r };
