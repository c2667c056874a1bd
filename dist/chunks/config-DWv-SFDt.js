import * as path from 'node:path';
import { d as distExports } from './index-DJ0rjtrW.js';

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
    // The failsafe schema keeps every scalar a string: `kernelversion: 1.10` must stay "1.10",
    // not become the number 1.1.
    const doc = distExports.parseDocument(text, { schema: 'failsafe', prettyErrors: false });
    if (doc.errors.length > 0)
        return fail(`not valid YAML: ${doc.errors[0].message}`);
    let data;
    try {
        // Expanding aliases is where a YAML bomb (aliases of aliases) would take the memory: the
        // library refuses beyond a bound, and that refusal is this one file's error.
        data = doc.toJS({ maxAliasCount: 100 });
    }
    catch (e) {
        return fail(`not a usable driverkit config: ${e.message} (driverkit configs need no YAML aliases; remove them)`);
    }
    if (!isRecord(data))
        return fail('expected a YAML mapping of driverkit fields');
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
        return trimmed;
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
        moduleOut = typeof output.module === 'string' ? output.module.trim() : '';
        probeOut = typeof output.probe === 'string' ? output.probe.trim() : '';
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
        kernelUrls: kernelUrls ?? [],
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
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export { archOf as a, driverName as d, parseDriverConfig as p, unsafe as u };
