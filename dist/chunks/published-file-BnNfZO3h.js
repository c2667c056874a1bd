import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { a as allPublished, p as publishedOutput, w as warnCut, c as computeOutputs } from './outputs-CMjxJFpB.js';
import './plan-CQATGyda.js';

/**
 * The outputs of a run, with every published artifact written to `<workdir>/published.json`
 * (the `published-file` output): the `published` output has a size limit, a later step or an
 * upload-artifact step can read the file whatever the run published.
 */
async function outputsWithPublishedFile(report, workdir, log) {
    const items = allPublished(report);
    // One JSON text serves the file and, when it fits, the output.
    const all = JSON.stringify(items);
    let file = path.join(workdir, 'published.json');
    try {
        await writeFile(file, all);
    }
    catch (error) {
        // What was published stays published: the run's outputs are set without the file.
        log.warning(`the published-file output is empty: ${file} could not be written: ${error.message}`);
        file = '';
    }
    const { json, left } = publishedOutput(items, all);
    if (left > 0) {
        const whole = file ? `published-file (${file}) lists them all` : undefined;
        warnCut(log, 'published', `${items.length - left} of ${items.length} artifacts`, whole);
    }
    return computeOutputs(report, file, json);
}

export { outputsWithPublishedFile };
