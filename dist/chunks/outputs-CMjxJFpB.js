import { i as isMetadata } from './plan-CQATGyda.js';

/**
 * Bytes a JSON list output (`published`, `failing`) may take. GitHub refuses a step output over
 * 1 MiB, and a job's outputs over 1 MiB together; a drivers grid has thousands of configs.
 */
const MAX_LIST_OUTPUT = 512 * 1024;
/**
 * The action's outputs, computed from the report. Every output is always set (empty when unknown) so a
 * later step can rely on `steps.<id>.outputs.<name>` existing. `publishedFile` is where the
 * caller wrote every published artifact; `published`, the output it already computed for them.
 */
function computeOutputs(report, publishedFile = '', published = publishedOutput(allPublished(report)).json) {
    const release = report.release;
    const outputs = {
        channel: release?.channel ?? '',
        version: release?.version ?? '',
        prerelease: String(release?.prerelease ?? false),
        latest: String(release?.latest ?? false),
        published,
        'published-file': publishedFile
    };
    // Stage outputs known at plan time (e.g. a build matrix) first, then what apply produced.
    for (const plan of report.plans)
        Object.assign(outputs, plan.outputs);
    for (const result of report.results)
        Object.assign(outputs, result.outputs);
    return outputs;
}
/** Every artifact the run published, stage after stage. */
function allPublished(report) {
    return report.results.flatMap((result) => result.published);
}
/**
 * The `published` output: every artifact as a JSON array when it fits MAX_LIST_OUTPUT;
 * otherwise, in order, as many of the artifacts themselves as fit, without their indexes,
 * signatures and listings. `left` counts what it leaves out (the published file has all).
 */
function publishedOutput(items, all = JSON.stringify(items)) {
    if (Buffer.byteLength(all) <= MAX_LIST_OUTPUT)
        return { json: all, left: 0 };
    const fitted = fitJsonArray(items.filter((i) => !isMetadata(i)));
    return { json: fitted.json, left: items.length - fitted.kept };
}
/**
 * A list output within MAX_LIST_OUTPUT (see fitJsonArray); when it had to be cut, a warning
 * says so and where the whole list is (`whole`).
 */
function listOutput(name, items, whole, log) {
    const fitted = fitJsonArray(items);
    if (fitted.left > 0)
        warnCut(log, name, `${fitted.kept} of ${items.length} entries`, whole);
    return fitted.json;
}
/** Says that a list output was cut (`kept`: "3 of 10 entries") and, if known, where all of it is. */
function warnCut(log, name, kept, whole) {
    log.warning(`the ${name} output lists ${kept} (GitHub limits an output to 1 MiB)` +
        (whole ? `; ${whole}` : ''));
}
/** A JSON array of as many of `items` as fit in MAX_LIST_OUTPUT bytes, in order. */
function fitJsonArray(items) {
    const kept = [];
    let size = 2; // the brackets
    for (const item of items) {
        const entry = JSON.stringify(item);
        const grown = size + Buffer.byteLength(entry) + (kept.length > 0 ? 1 : 0);
        if (grown > MAX_LIST_OUTPUT)
            break;
        kept.push(entry);
        size = grown;
    }
    return { json: `[${kept.join(',')}]`, kept: kept.length, left: items.length - kept.length };
}

export { allPublished as a, computeOutputs as c, fitJsonArray as f, listOutput as l, publishedOutput as p, warnCut as w };
