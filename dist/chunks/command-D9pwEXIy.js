import { writeFile, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { s as storeUrl } from './inputs-Cga4zMSZ.js';
import { s as storeOpener } from './seams-CCXWn1f0.js';
import { t as targetsOfPublished, a as targetsOfStore, i as isEmpty, r as registryResolver, v as verify, h as httpServed, s as storeServed, l as logVerifyReport, b as renderVerifySummary, c as byKind, d as verifyError } from './targets-D2PCVmQX.js';
import './input-values-CHzpRL_X.js';
import './exec-BLr2h9g2.js';
import 'node:os';
import './timing-BO8NDuNk.js';
import './pending-BAWAtDoo.js';
import './compare-CsyMDCna.js';
import 'node:perf_hooks';
import 'node:fs';
import './_commonjsHelpers-BFTU3MAI.js';
import './valid-aSqTOyYQ.js';
import 'node:crypto';
import 'node:stream';
import 'node:stream/promises';
import './retry-CrDylnPN.js';
import './digest-Bdx7-BfA.js';
import './store-8-7XQPSH.js';
import 'node:url';
import 'node:events';
import './index-1_RgLtDn.js';
import 'node:module';
import './repodata-CbmTGqrF.js';
import 'node:zlib';
import './openpgp-xirzWpS_.js';
import './sums-DONxsmpd.js';

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
        : await targetsOfStore(store);
    if (isEmpty(targets)) {
        log.error(o.publishedFile
            ? `${o.publishedFile}: lists nothing to verify (no package, tarball, driver or image)`
            : `${store.location}: no apt, dnf or tarball repository found under packages/; give --store the store a publish wrote to`);
        return 1;
    }
    const registry = targets.images.length
        ? await registryResolver({ log, insecure: inputs.containers.insecureRegistries })
        : undefined;
    const where = inputs.publicUrl || store.location;
    if (!inputs.publicUrl)
        log.info(`No --public-url: checking the store itself (${store.location}), not what a CDN serves.`);
    const report = await log.group(`verify ${where}`, () => verify(targets, {
        served: inputs.publicUrl ? httpServed(inputs.publicUrl) : storeServed(store),
        store: storeServed(store),
        throughPublicUrl: inputs.publicUrl !== '',
        // Read from the store itself, nothing propagates: a second pass would see the same.
        deadlineMs: inputs.publicUrl ? inputs.verify.timeoutSeconds * 1000 : 0,
        resolveTag: registry?.resolve,
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
    return parsed;
}

export { verifyCommand };
