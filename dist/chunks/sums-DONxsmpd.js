import { b as byCodeUnit } from './compare-CsyMDCna.js';

function parseSums(text, where) {
    const sums = new Map();
    for (const [index, line] of text.split('\n').entries()) {
        if (line.trim() === '')
            continue;
        const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
        if (!match)
            throw new Error(`${where} line ${index + 1}: not a sha256sum line: ${JSON.stringify(line)}`);
        sums.set(match[2], match[1]);
    }
    return sums;
}
/** Sorted by file name, so the same set of files always renders the same bytes. */
function renderSums(sums) {
    return [...sums.entries()]
        .sort(([a], [b]) => byCodeUnit(a, b))
        .map(([name, sha256]) => `${sha256}  ${name}\n`)
        .join('');
}

export { parseSums as p, renderSums as r };
