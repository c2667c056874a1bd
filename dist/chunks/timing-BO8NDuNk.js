import { l as list, b as boolean, i as integer } from './input-values-CHzpRL_X.js';
import { D as DEFAULT_DELETION_GRACE_MINUTES } from './pending-BAWAtDoo.js';
import { performance } from 'node:perf_hooks';

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

/**
 * The one rule for what is masked of a secret: the value whole and, when it spans lines (an
 * armoured key), each line on its own too, since runners mask line by line. Armour lines
 * (`-----BEGIN ...`) are public, and lines under 8 characters would mask ordinary words: both
 * are left out.
 */
function secretParts(value) {
    if (value === '')
        return [];
    const lines = value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line.length >= 8 && !line.startsWith('-----'));
    return [value, ...lines.filter((line) => line !== value)];
}
/** Registers each of `values` with the logger, by `secretParts`, before anything may print it. */
function registerSecrets(log, ...values) {
    for (const value of values)
        for (const part of secretParts(value))
            log.secret(part);
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

export { readPackageInputs as a, mark as m, parseRemovePattern as p, registerSecrets as r, secretParts as s, timingLine as t };
