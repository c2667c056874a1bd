import { r as runCommand } from './exec-DWS1DOXp.js';
import { s as semver } from './refresh-DH17R2bw.js';
import { t as tagVersion, i as isPrerelease } from './seams-CSjTPMip.js';

const LAYOUTS = [
    { file: 'cmake/modules/driver.cmake', variable: 'DRIVER_VERSION' },
    { file: 'cmake/modules/falcosecurity-libs.cmake', variable: 'FALCOSECURITY_LIBS_VERSION' },
    { file: 'cmake/modules/sysdig.cmake', variable: 'SYSDIG_VERSION' }
];
/** The pinned value of `variable` in a cmake file: literal, not the local-build placeholder. */
function pinnedVersion(cmake, variable) {
    const re = new RegExp(`set\\(\\s*${variable}\\s+"([^"]+)"`, 'g');
    for (const m of cmake.matchAll(re)) {
        const value = m[1].trim();
        if (value.includes('${') || value === 'local' || value.endsWith('-local'))
            continue;
        return value;
    }
    return undefined;
}
/** The highest stable semver tag (`0.44.1`; not `0.45.0-rc1`, not `agent/0.85.0`). */
function latestStableTag(tags) {
    const stable = tags.filter((t) => {
        const v = tagVersion(t);
        return v !== undefined && !isPrerelease(v);
    });
    return stable.sort((a, b) => semver.rcompare(tagVersion(a), tagVersion(b)))[0];
}
async function deriveDriverVersion(checkout) {
    const git = (...args) => run(checkout, args);
    let tags;
    try {
        tags = (await git('tag', '--list')).split('\n').filter((t) => t.trim() !== '');
    }
    catch (e) {
        throw new Error(`driver-versions: auto reads the driver version from the git checkout in ${checkout}, which git cannot read (${e.message.split('\n')[0]}); check out with actions/checkout and fetch-depth: 0, or list driver-versions`);
    }
    const tag = latestStableTag(tags);
    if (tag === undefined) {
        throw new Error(`driver-versions: auto found no stable release tag in ${checkout} (tags: ${tags.length}); check out with fetch-depth: 0 (tags included), or list driver-versions`);
    }
    for (const layout of LAYOUTS) {
        const text = await git('show', `refs/tags/${tag}:${layout.file}`).catch(() => undefined);
        if (text === undefined)
            continue;
        const driverVersion = pinnedVersion(text, layout.variable);
        if (driverVersion !== undefined)
            return { driverVersion, tag, file: layout.file };
    }
    throw new Error(`driver-versions: auto found no pinned driver version at tag ${tag} in ${checkout} (looked for ${LAYOUTS.map((l) => `${l.variable} in ${l.file}`).join(', ')}); list driver-versions`);
}
async function run(cwd, args) {
    const { code, stdout, stderr, startError } = await runCommand('git', args, { cwd });
    if (code === 0)
        return stdout;
    throw new Error(stderr.trim() || startError?.message || `git ${args.join(' ')} in ${cwd} exited with ${code}`);
}

export { deriveDriverVersion, latestStableTag, pinnedVersion };
