import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
import { x as readObject, y as checkKey, P as PreconditionFailed, s as scan, a as sha256Hex, z as headerLength, H as HeaderValues, A as parseHeader, R as RpmType, B as repositoriesFor, U as Uploader, C as retryOnConflict, D as detachSign, E as readVersioned, F as PUBLIC_KEY_KEY, G as parseRemovePattern, J as commitApt, K as commitDnf, L as commitTarballs, N as registerSecrets, O as loadSigningKeys, Q as checkSigningKeys, T as publicKeyFingerprints, V as checkKeyContinuity, W as releaseText, X as clearSign, Y as signerKeyIds, Z as keysSigning, _ as statObject, $ as metadataSignatures } from './publish-C_SEibVM.js';
const { Readable } = __nodeBuiltin('node:stream');
import { readSignature } from './openpgp-DcMtA_fq.js';

/**
 * A store that reads through to a real one and keeps every write in memory: `remove --dry-run`
 * and `re-sign --dry-run` run the very code a real run does against it, so what they print is
 * what a real run would write and delete, and the real store is never touched.
 */
class DryRunStore {
    base;
    /** Keys written (in memory only), in the order they were first written. */
    written = new Map();
    /** Keys deleted (from the view only). */
    deleted = new Set();
    generation = 0;
    etags = new Map();
    /** When each key was written here: a listing dates this run's writes as a store would. */
    modified = new Map();
    constructor(base) {
        this.base = base;
    }
    get location() {
        return this.base.location;
    }
    url(key) {
        return this.base.url(key);
    }
    async head(key) {
        const own = this.written.get(key);
        if (own)
            return { key, size: own.length, etag: this.etags.get(key), modified: this.modified.get(key) };
        if (this.deleted.has(key))
            return undefined;
        return this.base.head(key);
    }
    async read(key, range) {
        const own = this.written.get(key);
        const whole = own ?? (this.deleted.has(key) ? undefined : await readObject(this.base, key));
        return range ? whole?.subarray(range.start, range.end) : whole;
    }
    async get(key) {
        if (!this.written.has(key) && !this.deleted.has(key))
            return this.base.get(key);
        const bytes = await this.read(key);
        return bytes ? Readable.from([bytes]) : undefined;
    }
    async put(key, body, options = {}) {
        checkKey(key);
        const bytes = await toBuffer(body);
        // A conditional put reads then writes: one at a time per key, as a real store's is atomic.
        return this.oneAtATime(key, async () => {
            const current = await this.head(key);
            const pre = options.precondition;
            if (pre && ('ifNoneMatch' in pre ? current !== undefined : current?.etag !== pre.ifMatch)) {
                throw new PreconditionFailed(key, pre);
            }
            return this.keep(key, bytes);
        });
    }
    async extend(from, keep, append, to) {
        const whole = await this.read(from);
        if (!whole)
            throw new Error(`${from}: missing, cannot be extended`);
        if (whole.length < keep)
            throw new Error(`${from}: shorter than the ${keep} bytes to keep`);
        return this.put(to, Buffer.concat([whole.subarray(0, keep), ...append]), {
            precondition: { ifNoneMatch: '*' }
        });
    }
    queues = new Map();
    /** Runs `fn` after every earlier call for `key` has settled. */
    oneAtATime(key, fn) {
        const next = (this.queues.get(key) ?? Promise.resolve()).then(fn, fn);
        const settled = next.then(() => undefined, () => undefined);
        this.queues.set(key, settled);
        void settled.then(() => {
            if (this.queues.get(key) === settled)
                this.queues.delete(key);
        });
        return next;
    }
    async copy(from, to) {
        const bytes = await this.read(from);
        if (!bytes)
            throw new Error(`${from}: missing, cannot be copied`);
        this.keep(to, bytes);
    }
    async *list(prefix) {
        yield* await this.merged(this.base.list(prefix), prefix);
    }
    /** The base store's cheap listing (no etags) when it has one, merged with this run's writes. */
    async *scan(prefix) {
        yield* await this.merged(scan(this.base, prefix), prefix);
    }
    async merged(base, prefix) {
        const seen = new Map();
        for await (const info of base) {
            if (!this.deleted.has(info.key) && !this.written.has(info.key))
                seen.set(info.key, info);
        }
        for (const key of this.written.keys()) {
            if (key.startsWith(prefix))
                seen.set(key, (await this.head(key)));
        }
        return [...seen.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }
    async delete(key) {
        this.written.delete(key);
        if ((await this.base.head(key)) !== undefined)
            this.deleted.add(key);
    }
    /** What a real run would have done: the keys it writes and the keys it deletes. */
    changes() {
        return { written: [...this.written.keys()], deleted: [...this.deleted] };
    }
    keep(key, bytes) {
        this.written.set(key, bytes);
        this.deleted.delete(key);
        const etag = `dry-run-${++this.generation}`;
        this.etags.set(key, etag);
        this.modified.set(key, new Date());
        return {
            key,
            size: bytes.length,
            sha256: sha256Hex(bytes),
            etag
        };
    }
}
async function toBuffer(body) {
    if (typeof body === 'string')
        return Buffer.from(body);
    if (Buffer.isBuffer(body))
        return body;
    const chunks = [];
    for await (const chunk of body)
        chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
}

/** The lead before the signature header (RPM v3 lead). */
const LEAD = 96;
/** RPMSIGTAG_RSA (268, RSA keys) and RPMSIGTAG_DSA (267, DSA/EdDSA/ECDSA keys): header signatures. */
const HEADER_SIGNATURE_TAGS = [268, 267];
/** How much of an .rpm holds its lead and signature header, read to find who signed it. */
const SIGNATURE_HEADER_BYTES = 64 * 1024;
/**
 * The OpenPGP key ids (upper-case hex) that signed an RPM's header, read from the file's first
 * bytes (`head`). An RPM's header signature cannot be re-signed without changing the package,
 * so its key must stay in the published key file for dnf to install it. Empty when unsigned or
 * unreadable.
 */
async function rpmHeaderSigners(head) {
    try {
        if (head.length < LEAD + 16)
            return [];
        headerLength(head.subarray(LEAD), 'signature header');
        const values = new HeaderValues(parseHeader(head.subarray(LEAD), 'signature header'));
        const ids = [];
        for (const tag of HEADER_SIGNATURE_TAGS) {
            const entry = values.header.entries.find((e) => e.tag === tag && e.type === RpmType.BIN);
            if (!values.has(tag) || !entry)
                continue;
            const signature = await readSignature({ binarySignature: entry.data });
            ids.push(...signature.getSigningKeyIDs().map((id) => id.toHex().toUpperCase()));
        }
        return ids;
    }
    catch {
        return [];
    }
}

/**
 * The keys, checked before anything is written: they can sign now, and (unless re-signing,
 * whose job is to change them) they include every key the published key file holds.
 */
async function keysFor(o, resign = false) {
    registerSecrets(o.log, o.gpgPrivateKey, o.gpgPassphrase ?? '');
    const keys = await loadSigningKeys(o.gpgPrivateKey, o.gpgPassphrase).catch((e) => {
        throw new Error(`input 'gpg-private-key': ${e.message}`);
    });
    await checkSigningKeys(keys);
    const published = (await readObject(o.store, PUBLIC_KEY_KEY))?.toString('utf8');
    if (published) {
        const fingerprints = await publicKeyFingerprints(published);
        if (!resign) {
            checkKeyContinuity(fingerprints, keys, `${o.store.location}/${PUBLIC_KEY_KEY}`);
        }
        else if (fingerprints.some((f) => !keys.fingerprints.includes(f))) {
            o.log.info(`re-sign: the repositories were signed with ${fingerprints.join(', ')}; ` +
                `the ${o.channel} ones are now signed with ${keys.fingerprints.join(', ')}`);
        }
    }
    return keys;
}
/**
 * The public key file after re-signing one channel: the keys given, and the published keys that
 * still sign the other channel's metadata (it was not re-signed), so that channel keeps passing
 * apt's and dnf's checks. Re-signing both channels with the new key alone retires the old one.
 */
async function keyFileAfterResign(store, channel, keys) {
    const published = (await readObject(store, PUBLIC_KEY_KEY))?.toString('utf8');
    if (!published)
        return keys.publicArmored.join('\n');
    const signatures = metadataSignatures(channel === 'dev' ? 'stable' : 'dev');
    const ids = new Set();
    for (const key of signatures) {
        const text = (await readObject(store, key))?.toString('utf8');
        if (text)
            for (const id of await signerKeyIds(text))
                ids.add(id);
    }
    // An RPM's header signature is part of its bytes and is not re-signed: dnf checks it with
    // this key file for as long as the package is published, in either channel. One that cannot
    // be read keeps every published key: dropping one that still signs would break installs.
    let keepAll = false;
    for (const c of ['stable', 'dev']) {
        for await (const obj of scan(store, `${repositoriesFor(c).rpm}/`)) {
            if (!obj.key.endsWith('.rpm'))
                continue;
            const head = await readHead(store, obj.key, obj.size).catch(() => undefined);
            const signers = head ? await rpmHeaderSigners(head) : [];
            if (signers.length === 0)
                keepAll = true;
            for (const id of signers)
                ids.add(id);
        }
    }
    const given = new Set(keys.fingerprints);
    const kept = [];
    for (const armored of await keysSigning(published, keepAll ? 'all' : ids)) {
        const [fingerprint] = await publicKeyFingerprints(armored);
        if (!given.has(fingerprint))
            kept.push(armored);
    }
    return [...keys.publicArmored, ...kept].join('\n');
}
/** The first bytes of an object (where an RPM keeps its signature header). */
async function readHead(store, key, size) {
    const range = { start: 0, end: Math.min(size, SIGNATURE_HEADER_BYTES) };
    if (store.read)
        return (await store.read(key, range)) ?? Buffer.alloc(0);
    const stream = await store.get(key);
    const chunks = [];
    let got = 0;
    for await (const chunk of stream ?? []) {
        chunks.push(chunk);
        got += chunk.length;
        if (got >= SIGNATURE_HEADER_BYTES)
            break;
    }
    stream?.destroy();
    return Buffer.concat(chunks);
}
/** `remove`: drops every package matching a `name=version` pattern from the channel's apt, dnf and tarball repositories. */
async function removePackages(o) {
    if (o.patterns.length === 0)
        throw new Error('remove: give at least one name=version pattern');
    // First in memory: a pattern that matches nothing must not re-sign every repository, and a
    // dry run stops here, having touched nothing.
    const dry = new DryRunStore(o.store);
    const planned = await removeFrom({ ...o, store: dry });
    if (planned.removed.length === 0) {
        throw new Error(`input 'remove': no package of the ${o.channel} repositories matches ${o.patterns.join(', ')}; ` +
            `nothing was changed. Check the name=version pattern (e.g. falco=0.39.*) and the --channel.`);
    }
    if (o.dryRun)
        return { ...planned, changes: dry.changes() };
    return removeFrom(o);
}
async function removeFrom(o) {
    const parsed = o.patterns.map(parseRemovePattern);
    const remove = (name, version) => parsed.some((p) => p.name.test(name) && p.version.test(version));
    const keys = await keysFor(o);
    const repos = repositoriesFor(o.channel);
    const uploader = new Uploader(o.store, o.log);
    const removed = [];
    const exists = async (key) => (await statObject(o.store, key)) !== undefined;
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
    if (o.dryRun) {
        const dry = new DryRunStore(o.store);
        const result = await resignRepositories({ ...o, store: dry, dryRun: false });
        return { ...result, changes: dry.changes() };
    }
    const keys = await keysFor(o, true);
    const repos = repositoriesFor(o.channel);
    const uploader = new Uploader(o.store, o.log);
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
    for await (const obj of scan(o.store, `${repos.bin}/`)) {
        if (!obj.key.endsWith('/SHA256SUMS'))
            continue;
        const sums = await readVersioned(o.store, obj.key);
        if (sums)
            await uploader.bytes(`${obj.key}.asc`, await detachSign(sums.text, keys), 'signature');
    }
    for (const prefix of [repos.deb, repos.rpm, repos.bin]) {
        for await (const obj of scan(o.store, `${prefix}/`)) {
            if (!/\.(deb|rpm|tar\.gz)$/.test(obj.key))
                continue;
            const body = await o.store.get(obj.key);
            if (!body)
                continue;
            await uploader.bytes(`${obj.key}.asc`, await detachSign(body, keys), 'signature', 'application/pgp-signature');
        }
    }
    // Last: users' key file changes once everything of this channel is signed with the new key.
    await uploader.bytes(PUBLIC_KEY_KEY, await keyFileAfterResign(o.store, o.channel, keys), 'signature', 'application/pgp-keys');
    return { published: uploader.published, removed: [] };
}

export { removePackages, resignRepositories };
