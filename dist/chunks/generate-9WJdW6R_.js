import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { promises } = __nodeBuiltin('node:fs');
const path = __nodeBuiltin('node:path');
import { d as distExports } from './index-CLLX3Qm8.js';
import { d as driverName, u as unsafe } from './config-B0QMYXjo.js';
import { r as readDriverGrid } from './grid-Bj4r0W5O.js';

/**
 * `falco-publish drivers-generate`: writes a driverkit config, in test-infra's layout
 * (`<driverversion>/<arch>/<target>_<kernelrelease>_<kernelversion>.yaml`), for every kernel of
 * the kernel lists that has none yet, so the next build covers it. Existing configs are never
 * touched (people fix them by hand).
 */
const DRIVERKIT_ARCH = { x86_64: 'amd64', aarch64: 'arm64' };
function configText(version, k) {
    const name = driverName(k);
    const out = `output/${version}/${k.arch}/${name}`;
    return distExports.stringify({
        kernelversion: k.kernelVersion,
        kernelrelease: k.kernelRelease,
        target: k.target,
        architecture: DRIVERKIT_ARCH[k.arch],
        output: { module: `${out}.ko`, probe: `${out}.o` },
        ...(k.headers.length > 0 ? { kernelurls: k.headers } : {}),
        ...(k.kernelConfigData ? { kernelconfigdata: k.kernelConfigData } : {})
    }, { lineWidth: 0 });
}
async function generateConfigs(dir, version, kernels) {
    await promises.mkdir(path.join(dir, version), { recursive: true });
    const existing = await readDriverGrid(dir, [version]);
    const have = new Set(existing.configs.map((c) => `${c.arch}/${driverName(c)}`));
    // An invalid config still occupies its file name: never overwrite it.
    const files = new Set([...existing.configs, ...existing.invalid].map((c) => c.file));
    const result = { written: [], skipped: [] };
    for (const k of kernels) {
        const kernel = `${k.arch}/${driverName(k)}`;
        if (have.has(kernel))
            continue;
        const bad = [k.target, k.kernelRelease, k.kernelVersion].find(unsafe);
        if (bad !== undefined || k.target.includes('_')) {
            result.skipped.push({
                kernel,
                reason: `${JSON.stringify(bad ?? k.target)} cannot be part of a file name`
            });
            continue;
        }
        const file = `${version}/${k.arch}/${k.target}_${k.kernelRelease}_${k.kernelVersion}.yaml`;
        if (files.has(file))
            continue;
        await promises.mkdir(path.join(dir, version, k.arch), { recursive: true });
        try {
            await promises.writeFile(path.join(dir, file), configText(version, k), { flag: 'wx' });
        }
        catch (e) {
            if (e.code === 'EEXIST')
                continue;
            throw e;
        }
        have.add(kernel);
        files.add(file);
        result.written.push(file);
    }
    return result;
}
/** The command: `--drivers-config`, `--driver-versions`, `--kernel-list`, as the action's inputs. */
async function driversGenerateCommand(flags, workspace, log) {
    try {
        const { readDriverInputs } = await import('./publish-C_SEibVM.js').then(function (n) { return n.aS; });
        const inputs = readDriverInputs((name) => flags.get(name) ?? '');
        if (inputs.config === '' || inputs.versions.length === 0 || inputs.kernelList.length === 0)
            throw new Error('drivers-generate needs --drivers-config <dir>, --driver-versions <v> and --kernel-list <list.json>');
        const { readKernelLists } = await import('./coverage-DyAIpyb0.js');
        const kernels = await readKernelLists(inputs.kernelList, workspace);
        for (const version of inputs.versions) {
            const r = await generateConfigs(path.resolve(workspace, inputs.config), version, kernels);
            for (const s of r.skipped)
                log.warning(`${version} ${s.kernel}: not generated: ${s.reason}`);
            log.info(`${version}: wrote ${r.written.length} config(s) for kernels that had none`);
        }
        return 0;
    }
    catch (e) {
        log.error(e.message);
        return 1;
    }
}

export { configText, driversGenerateCommand, generateConfigs };
