import { d as driverName } from './config-D-ebDiLr.js';

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
 * The URL path falcoctl requests: it escapes the driver version only (`+` becomes `%2B`);
 * the rest of the name is used as is.
 */
function falcoctlPath(key) {
    const [root, version, ...rest] = key.split('/');
    return [root, encodeURIComponent(version), ...rest].join('/');
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

export { falcoctlPath as a, clientUrl as c, driverMatrix as d, folders as f, planJobs as p };
