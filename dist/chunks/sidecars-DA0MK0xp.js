import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
import { s as scan, a as sha256Hex } from './publish-C_SEibVM.js';
const path = __nodeBuiltin('node:path');

/**
 * The files that let users trust a driver: `<driver>.sha256` in `sha256sum -c` format (the
 * digest and the file name, so it checks the file downloaded beside it), and, when the packages'
 * OpenPGP keys are given, a detached ASCII-armoured signature `<driver>.asc` that `gpg --verify`
 * checks against `packages/repository-key.asc`.
 */
async function publishSidecars(store, bytes, driver, keys) {
    const written = [
        await store.put(`${driver.key}.sha256`, sha256Line(driver.sha256, driver.key), {
            contentType: 'text/plain'
        })
    ];
    if (keys) {
        // Loaded here: a run that signs nothing never compiles the OpenPGP library.
        const { detachSign } = await import('./publish-C_SEibVM.js').then(function (n) { return n.aT; });
        const signature = await detachSign(await bytes(), keys);
        written.push(await store.put(`${driver.key}.asc`, signature, { contentType: 'application/pgp-signature' }));
    }
    return written;
}
/** One `sha256sum` line: two spaces between the digest and the name (binary mode not marked). */
function sha256Line(sha256, key) {
    return `${sha256}  ${path.posix.basename(key)}\n`;
}
/**
 * Gives the drivers of a driver version that lack them (published before signing was set up, or
 * by another tool: Falco's own bucket) their `.sha256`, and their `.asc` when keys are given.
 * Run by `shard: index`; each driver missing something is read once. Returns the folder's listing
 * (with what it wrote), so the site is rebuilt without listing the folder again.
 */
async function backfillSidecars(store, version, keys) {
    const listing = [];
    for await (const o of scan(store, `driver/${version}/`))
        listing.push(o);
    const objects = new Set(listing.map((o) => o.key));
    const written = [];
    const digests = new Map();
    for (const key of objects) {
        if (!/\.(ko|o)$/.test(key) || key.includes(' '))
            continue;
        // Flat copies of git-SHA versions are aliases: their main key carries the checksum.
        const parts = key.split('/');
        if (parts.length === 3 && objects.has(`driver/${version}/x86_64/${parts[2]}`))
            continue;
        const needsSum = !objects.has(`${key}.sha256`);
        const needsSig = keys !== undefined && !objects.has(`${key}.asc`);
        if (!needsSum && !needsSig)
            continue;
        const body = await store.get(key);
        if (!body)
            continue;
        const chunks = [];
        for await (const c of body)
            chunks.push(Buffer.from(c));
        const bytes = Buffer.concat(chunks);
        const sha256 = sha256Hex(bytes);
        digests.set(key, sha256);
        if (needsSum)
            written.push(await store.put(`${key}.sha256`, sha256Line(sha256, key), { contentType: 'text/plain' }));
        if (needsSig && keys) {
            const { detachSign } = await import('./publish-C_SEibVM.js').then(function (n) { return n.aT; });
            written.push(await store.put(`${key}.asc`, await detachSign(bytes, keys), {
                contentType: 'application/pgp-signature'
            }));
        }
    }
    // The folder as it is now, for the site: what was listed and what was just written.
    for (const w of written)
        listing.push({ key: w.key, size: w.size, modified: new Date() });
    return { written, digests, listing };
}

export { backfillSidecars, publishSidecars, sha256Line };
