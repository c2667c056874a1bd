import { p as parseRemovePattern } from './summary-CDjaKqhs.js';
import { r as repositoriesFor, U as Uploader, c as commitApt, a as commitDnf, b as commitTarballs, P as PUBLIC_KEY_KEY, d as readVersioned, e as registerKeySecrets, f as releaseText } from './packages-CxQXDnAU.js';
import { detachSign, loadSigningKeys, clearSign } from './openpgp-CRjueVWG.js';
import { r as retryOnConflict } from './conflict-DsPQJoFG.js';
import './input-values-CHzpRL_X.js';
import 'node:crypto';
import 'node:stream';
import './work-DIV6r4xq.js';
import './outputs-BN3EaEv4.js';
import 'node:fs';
import 'node:path';
import './index-1_RgLtDn.js';
import 'fs';
import 'path';
import 'url';
import 'module';
import 'events';
import 'node:zlib';
import 'stream/web';
import './store-CbTX16qn.js';
import 'node:util';
import 'node:stream/promises';

async function keysFor(o) {
    registerKeySecrets(o.log, o.gpgPrivateKey, o.gpgPassphrase ?? '');
    return loadSigningKeys(o.gpgPrivateKey, o.gpgPassphrase);
}
/** `remove`: drops every package matching a `name=version` pattern from the channel's apt, dnf and tarball repositories. */
async function removePackages(o) {
    if (o.patterns.length === 0)
        throw new Error('remove: give at least one name=version pattern');
    const parsed = o.patterns.map(parseRemovePattern);
    const remove = (name, version) => parsed.some((p) => p.name.test(name) && p.version.test(version));
    const keys = await keysFor(o);
    const repos = repositoriesFor(o.channel);
    const uploader = new Uploader(o.store, o.log);
    const removed = [];
    const exists = async (key) => (await o.store.head(key)) !== undefined;
    if (await exists(`${repos.deb}/dists/stable/InRelease`)) {
        const c = await commitApt({ added: [], remove }, { store: o.store, prefix: repos.deb, keys, log: o.log, uploader });
        removed.push(...c.removedFiles.map((f) => `${repos.deb}/${f}`));
    }
    if (await exists(`${repos.rpm}/repodata/repomd.xml`)) {
        const c = await commitDnf({ added: [], remove }, { store: o.store, prefix: repos.rpm, keys, log: o.log, uploader });
        removed.push(...c.removedFiles.map((f) => `${repos.rpm}/${f}`));
    }
    if (await exists(`${repos.bin}/index.json`)) {
        const c = await commitTarballs({ added: [], remove }, { store: o.store, prefix: repos.bin, keys, log: o.log, uploader, title: repos.bin });
        removed.push(...c.removed.map((f) => `${repos.bin}/${f}`));
    }
    return { published: uploader.published, removed };
}
/**
 * `re-sign`: new InRelease/Release.gpg, repomd.xml.asc, SHA256SUMS.asc and every package's
 * `.asc`, signed by all the given keys (old and new during a rotation), and the published public
 * key file. Packages are read from the store to sign them, never re-uploaded; an RPM's header
 * signature is part of the package's bytes and stays as it was.
 */
async function resignRepositories(o) {
    const keys = await keysFor(o);
    const repos = repositoriesFor(o.channel);
    const uploader = new Uploader(o.store, o.log);
    await uploader.bytes(PUBLIC_KEY_KEY, keys.publicArmored.join('\n'), 'signature', 'application/pgp-keys');
    const dists = `${repos.deb}/dists/stable`;
    // Re-signs the generation InRelease names; a publish committing meanwhile means sign its one.
    const release = await retryOnConflict(async () => {
        const current = await readVersioned(o.store, `${dists}/InRelease`);
        if (!current)
            return undefined;
        const text = releaseText(current.text);
        await uploader.commit(`${dists}/InRelease`, await clearSign(text, keys), current.etag, 'signature');
        return text;
    });
    if (release !== undefined) {
        await uploader.bytes(`${dists}/Release`, release, 'index');
        await uploader.bytes(`${dists}/Release.gpg`, await detachSign(release, keys), 'signature');
    }
    const repomd = await readVersioned(o.store, `${repos.rpm}/repodata/repomd.xml`);
    if (repomd)
        await uploader.bytes(`${repos.rpm}/repodata/repomd.xml.asc`, await detachSign(repomd.text, keys), 'signature');
    for await (const obj of o.store.list(`${repos.bin}/`)) {
        if (!obj.key.endsWith('/SHA256SUMS'))
            continue;
        const sums = await readVersioned(o.store, obj.key);
        if (sums)
            await uploader.bytes(`${obj.key}.asc`, await detachSign(sums.text, keys), 'signature');
    }
    for (const prefix of [repos.deb, repos.rpm, repos.bin]) {
        for await (const obj of o.store.list(`${prefix}/`)) {
            if (!/\.(deb|rpm|tar\.gz)$/.test(obj.key))
                continue;
            const body = await o.store.get(obj.key);
            if (!body)
                continue;
            await uploader.bytes(`${obj.key}.asc`, await detachSign(body, keys), 'signature', 'application/pgp-signature');
        }
    }
    return { published: uploader.published, removed: [] };
}

export { removePackages, resignRepositories };
