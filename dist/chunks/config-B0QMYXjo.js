import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const path = __nodeBuiltin('node:path');
import { d as distExports } from './index-CLLX3Qm8.js';

/**
 * A reader for the small, regular YAML that test-infra writes into driverkit configs, so that
 * planning 50,000 configs does not build 50,000 YAML syntax trees (the library's parse was most of
 * a plan's time and garbage).
 *
 * It understands only this subset, and returns undefined for anything else, in which case the
 * caller parses the file with the YAML library: the result is then always the library's.
 * - top-level `key: value` lines, keys of lower-case letters and `_`, each key once;
 * - a value that is a plain scalar on one line, a `"..."` string without escapes, a `'...'`
 *   string without quotes inside, or a flow list of such `"..."` strings;
 * - a key with no value followed by an indented block: either `key: scalar` lines (one level),
 *   or `- scalar` lines;
 * - blank lines and whole-line comments.
 * Everything is a string, as with the library's failsafe schema. Tabs, carriage returns, control
 * or non-ASCII characters, anchors, aliases, tags, block scalars, flow mappings, multi-line
 * scalars, documents markers and directives all go to the library.
 */
const KEY_LINE = /^([a-z_]+):(?: (.*))?$/;
// Printable ASCII and line feeds only: anything else is the library's to judge.
const PLAIN_TEXT = /^[\n\x20-\x7e]*$/;
function parseConfigYaml(text) {
    if (!PLAIN_TEXT.test(text))
        return undefined;
    const lines = text.split('\n');
    const data = Object.create(null);
    let keys = 0;
    let i = 0;
    while (i < lines.length) {
        const line = lines[i].trimEnd();
        if (skippable(line)) {
            i++;
            continue;
        }
        if (line.startsWith(' '))
            return undefined;
        const m = KEY_LINE.exec(line);
        if (!m || m[1] in data || m[1] === '__proto__')
            return undefined;
        const key = m[1];
        const rest = (m[2] ?? '').trim();
        i++;
        if (rest !== '') {
            const value = inlineValue(rest);
            if (value === undefined)
                return undefined;
            data[key] = value;
        }
        else {
            // A block: the indented lines that follow, all at one indentation.
            const block = [];
            let indent = -1;
            while (i < lines.length) {
                const next = lines[i].trimEnd();
                if (skippable(next)) {
                    i++;
                    continue;
                }
                if (!next.startsWith(' '))
                    break;
                const own = next.length - next.trimStart().length;
                if (indent === -1)
                    indent = own;
                else if (own !== indent)
                    return undefined;
                block.push(next.slice(own));
                i++;
            }
            const value = blockValue(block);
            if (value === undefined)
                return undefined;
            data[key] = value;
        }
        keys++;
    }
    if (keys === 0)
        return undefined;
    return { ...data };
}
function skippable(line) {
    return line === '' || line.trimStart().startsWith('#');
}
function blockValue(lines) {
    if (lines.length === 0)
        return undefined;
    if (lines[0].startsWith('-')) {
        const items = [];
        for (const line of lines) {
            if (!line.startsWith('- '))
                return undefined;
            const item = scalar(line.slice(2).trim());
            if (item === undefined)
                return undefined;
            items.push(item);
        }
        return items;
    }
    const map = Object.create(null);
    for (const line of lines) {
        const m = KEY_LINE.exec(line);
        if (!m || m[1] in map || m[1] === '__proto__')
            return undefined;
        const value = scalar((m[2] ?? '').trim());
        if (value === undefined)
            return undefined;
        map[m[1]] = value;
    }
    return { ...map };
}
function inlineValue(text) {
    return text.startsWith('[') ? flowList(text) : scalar(text);
}
/** `["a", "b"]`: double-quoted items only. */
function flowList(text) {
    if (!text.endsWith(']'))
        return undefined;
    const items = [];
    let at = 1;
    const skipSpaces = () => {
        while (text[at] === ' ')
            at++;
    };
    skipSpaces();
    if (text[at] === ']')
        return at === text.length - 1 ? items : undefined;
    for (;;) {
        skipSpaces();
        if (text[at] !== '"')
            return undefined;
        const close = text.indexOf('"', at + 1);
        if (close < 0)
            return undefined;
        const item = text.slice(at + 1, close);
        if (item.includes('\\'))
            return undefined;
        items.push(item);
        at = close + 1;
        skipSpaces();
        if (text[at] === ']')
            return at === text.length - 1 ? items : undefined;
        if (text[at] !== ',')
            return undefined;
        at++;
    }
}
/** One scalar on one line, or undefined when it is anything but the simple cases. */
function scalar(text) {
    if (text === '')
        return undefined;
    const first = text[0];
    if (first === '"' || first === "'") {
        // The whole value is one quoted string, with no escapes (double) or doubled quotes (single).
        const body = text.slice(1, -1);
        if (text.length < 2 || !text.endsWith(first) || body.includes(first))
            return undefined;
        if (first === '"' && body.includes('\\'))
            return undefined;
        return body;
    }
    // Indicators that give a plain scalar another meaning (or make it an error) at its start.
    if ('-?:,[]{}#&*!|>%@`'.includes(first))
        return undefined;
    // A comment, or a mapping inside the value: the library decides.
    if (text.includes(' #') || text.includes(': ') || text.endsWith(':'))
        return undefined;
    return text;
}

/** Falco's folder names and driverkit's `architecture` values, both accepted. */
const ARCHES = {
    x86_64: 'x86_64',
    amd64: 'x86_64',
    aarch64: 'aarch64',
    arm64: 'aarch64'
};
function archOf(name) {
    return ARCHES[name];
}
/** The published file name of a driver, without extension: what falcoctl asks for. */
function driverName(c) {
    return `falco_${c.target}_${c.kernelRelease}_${c.kernelVersion}`;
}
/**
 * Parses and validates one config. Names come from the fields (trimmed); a file name, output path
 * or arch folder that disagrees only earns a warning, because clients request the field-derived
 * name whatever test-infra called the file.
 */
function parseDriverConfig(text, at) {
    const fail = (error) => ({ ok: false, file: at.file, error });
    // test-infra's configs are a handful of flat lines: read those directly, and leave anything
    // else (and every error) to the YAML library.
    const read = parseConfigYaml(text);
    const parsed = read !== undefined ? { value: read } : readWithLibrary(text);
    if ('error' in parsed)
        return fail(parsed.error);
    if (!isRecord(parsed.value))
        return fail('expected a YAML mapping of driverkit fields');
    return validate(parsed.value, at);
}
/**
 * The YAML library's reading of a config, as the failsafe schema gives it (every scalar a string:
 * `kernelversion: 1.10` must stay "1.10", not become the number 1.1).
 */
function readWithLibrary(text) {
    const doc = distExports.parseDocument(text, { schema: 'failsafe', prettyErrors: false });
    if (doc.errors.length > 0)
        return { error: `not valid YAML: ${doc.errors[0].message}` };
    try {
        // Expanding aliases is where a YAML bomb (aliases of aliases) would take the memory: the
        // library refuses beyond a bound, and that refusal is this one file's error.
        return { value: doc.toJS({ maxAliasCount: 100 }) };
    }
    catch (e) {
        return {
            error: `not a usable driverkit config: ${e.message} (driverkit configs need no YAML aliases; remove them)`
        };
    }
}
function validate(data, at) {
    const fail = (error) => ({ ok: false, file: at.file, error });
    const problems = [];
    const field = (name) => {
        const value = data[name];
        if (value === undefined || value === null) {
            problems.push(`missing field '${name}'`);
            return '';
        }
        if (typeof value !== 'string') {
            problems.push(`field '${name}' must be a string`);
            return '';
        }
        const trimmed = value.trim();
        if (trimmed === '')
            problems.push(`field '${name}' is empty`);
        else if (unsafe(trimmed)) {
            problems.push(`field '${name}' is ${JSON.stringify(trimmed)}: '/', '\\', '..' and control characters are not allowed in driver names`);
        }
        return detach(trimmed);
    };
    const target = field('target');
    const kernelRelease = field('kernelrelease');
    const kernelVersion = field('kernelversion');
    const output = data.output;
    let moduleOut = '';
    let probeOut = '';
    if (output === undefined || output === null)
        problems.push("missing field 'output'");
    else if (!isRecord(output))
        problems.push("field 'output' must be a mapping with module and/or probe");
    else {
        moduleOut = typeof output.module === 'string' ? detach(output.module.trim()) : '';
        probeOut = typeof output.probe === 'string' ? detach(output.probe.trim()) : '';
        if (moduleOut === '' && probeOut === '') {
            problems.push("field 'output' names neither a module nor a probe");
        }
    }
    let arch = at.archFolder;
    const warnings = [];
    if (data.architecture !== undefined) {
        const declared = typeof data.architecture === 'string' ? archOf(data.architecture.trim()) : undefined;
        if (declared === undefined) {
            problems.push(`field 'architecture' is ${JSON.stringify(data.architecture)}: expected amd64 or arm64`);
        }
        else if (arch !== undefined && arch !== declared) {
            warnings.push(`${at.file}: architecture ${String(data.architecture)} disagrees with its folder ${arch}; publishing under ${declared}`);
            arch = declared;
        }
        else
            arch = declared;
    }
    // driverkit's default architecture is amd64.
    arch ??= 'x86_64';
    const kernelUrls = data.kernelurls;
    if (kernelUrls !== undefined &&
        !(Array.isArray(kernelUrls) && kernelUrls.every((u) => typeof u === 'string'))) {
        problems.push("field 'kernelurls' must be a list of URLs");
    }
    const configData = data.kernelconfigdata;
    if (configData !== undefined && typeof configData !== 'string') {
        problems.push("field 'kernelconfigdata' must be a base64 string");
    }
    if (problems.length > 0)
        return fail(problems.join('; '));
    const config = {
        file: at.file,
        source: at.source,
        driverVersion: at.driverVersion,
        arch,
        target,
        kernelRelease,
        kernelVersion,
        module: moduleOut !== '',
        probe: probeOut !== '',
        kernelUrls: (kernelUrls ?? []).map(detach),
        hasKernelConfigData: typeof configData === 'string' && configData.trim() !== ''
    };
    warnings.push(...nameWarnings(config, moduleOut, probeOut));
    return { ok: true, config, warnings };
}
/** Warnings for file names and output paths that disagree with the name clients will request. */
function nameWarnings(c, moduleOut, probeOut) {
    const warnings = [];
    const name = driverName(c);
    const base = path.posix.basename(c.file, '.yaml');
    // test-infra's own older files leave out the kernel version; both forms are accepted as is.
    const expected = [
        `${c.target}_${c.kernelRelease}_${c.kernelVersion}`,
        `${c.target}_${c.kernelRelease}`
    ];
    if (!expected.includes(base)) {
        warnings.push(`${c.file}: file name disagrees with its fields; publishing as ${name}`);
    }
    for (const [out, ext] of [
        [moduleOut, '.ko'],
        [probeOut, '.o']
    ]) {
        if (out !== '' && path.posix.basename(out) !== `${name}${ext}`) {
            warnings.push(`${c.file}: output ${out} disagrees with its fields; publishing as ${name}${ext}`);
        }
    }
    return warnings;
}
/** Characters that could take a published name out of its folder or break a URL or log line. */
function unsafe(value) {
    return (value.includes('/') ||
        value.includes('\\') ||
        value.includes('..') ||
        // eslint-disable-next-line no-control-regex
        /[\u0000-\u001f\u007f]/.test(value));
}
/**
 * A copy of a string that does not keep the file's whole text alive: V8 keeps a substring as a
 * view of the string it was cut from, so a kernel release cut from a config with 200 KB of
 * kernelconfigdata would hold all 200 KB for as long as the plan lives.
 */
function detach(value) {
    return Buffer.from(value, 'utf8').toString('utf8');
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export { archOf as a, driverName as d, parseDriverConfig as p, unsafe as u };
