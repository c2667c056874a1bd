import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { writeFile, readFile } = __nodeBuiltin('node:fs/promises');
const path = __nodeBuiltin('node:path');
import { b as storeOpener, c as storeUrl, t as targetsOfPublished, d as targetsOfStore, i as isEmpty, r as registryResolver, v as verify, h as httpServed, l as logVerifyReport, e as renderVerifySummary, f as byKind, g as verifyError, j as storeServed } from './publish-C_SEibVM.js';

/**
 * `falco-publish verify`: every repository in the store (both channels), with everything its
 * indexes list, checked through `--public-url` as clients fetch it; for a scheduled workflow that
 * watches the live server. With `--published-file`, what one run published instead (its drivers
 * and images too). Exit status 0 when all is served as published, 1 otherwise.
 */
async function verifyCommand(inputs, workspace, log, o) {
    const store = storeOpener(inputs, log)(storeUrl(inputs.store, workspace));
    const targets = o.publishedFile
        ? targetsOfPublished(await readPublished(path.resolve(workspace, o.publishedFile)))
        : await targetsOfStore(store, inputs.packaging.noarchRepository);
    if (isEmpty(targets)) {
        log.error(o.publishedFile
            ? `${o.publishedFile}: lists nothing to verify (no package, tarball, driver or image)`
            : `${store.location}: no apt, dnf or tarball repository found under packages/ (nor in ${inputs.packaging.noarchRepository}); give --store the store a publish wrote to`);
        return 1;
    }
    const registry = targets.images.length
        ? await registryResolver({ log, insecure: inputs.containers.insecureRegistries })
        : undefined;
    const where = inputs.publicUrl || store.location;
    if (!inputs.publicUrl)
        log.info(`No --public-url: checking the store itself (${store.location}), not what a CDN serves.`);
    const published = storeServed(store);
    const report = await log.group(`verify ${where}`, () => verify(targets, {
        served: inputs.publicUrl ? httpServed(inputs.publicUrl) : published,
        store: published,
        throughPublicUrl: inputs.publicUrl !== '',
        // Read from the store itself, nothing propagates: a second pass would see the same.
        deadlineMs: inputs.publicUrl ? inputs.verify.timeoutSeconds * 1000 : 0,
        resolveTag: registry?.resolve,
        checkSignature: registry?.checkSignature,
        log
    }).finally(() => registry?.close()));
    logVerifyReport(report, log);
    if (o.summary)
        await writeFile(o.summary, log.mask(`## falco-publish verify\n\n${renderVerifySummary(report, where)}`));
    for (const k of byKind(report.results))
        process.stdout.write(`${k.kind}=${k.failed ? `FAILED (${k.failed} of ${k.checked})` : `OK (${k.checked})`}\n`);
    if (!report.ok) {
        process.stderr.write(log.mask(`falco-publish: ${verifyError(report, where)}\n`));
        return 1;
    }
    return 0;
}
/** A `signer` as a run writes it: `{"publicKey": PEM}` or `{"identity": URI}`. */
function isSigner(value) {
    const signer = value;
    return (typeof signer === 'object' &&
        signer !== null &&
        (typeof signer.publicKey === 'string' || typeof signer.identity === 'string'));
}
/** A run's `published-file`: the JSON array of every artifact it published. */
async function readPublished(file) {
    let parsed;
    try {
        parsed = JSON.parse(await readFile(file, 'utf8'));
    }
    catch (e) {
        throw new Error(`--published-file ${file}: ${e.message}`);
    }
    if (!Array.isArray(parsed) || parsed.some((p) => typeof p?.path !== 'string'))
        throw new Error(`--published-file ${file}: expected the JSON array a run's published-file output holds`);
    for (const item of parsed)
        if (item.signer !== undefined && !isSigner(item.signer))
            throw new Error(`--published-file ${file}: ${item.path} has a signer that is neither {"publicKey": PEM} nor {"identity": URI}`);
    return parsed;
}

export { verifyCommand };
