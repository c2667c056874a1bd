import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
import { a as releaseText, b as releaseFiles, c as releaseField, d as decompressMember, p as parsePackagesIndex, X as XML_FILES, e as parseRepomd } from './repodata-C4lrQv7T.js';
import { r as readObject, P as PreconditionFailed, s as scan } from './store-TuibcctJ.js';
import { a as sha256Hex } from './digest-BYxfGJno.js';
import { q as progressLine, a as pLimit, u as pendingFromJson, v as pendingToJson } from './package-m0x3kU6p.js';
const path = __nodeBuiltin('node:path');
const { createReadStream } = __nodeBuiltin('node:fs');

/**
 * A Bloom filter over strings, kept as base64 in a segment manifest: it answers "may this
 * segment hold key X?" without loading the segment's entries. A "no" is certain; a "yes" is
 * wrong about 1% of the time (10 bits and 7 probes per key), which costs only a needless load.
 *
 * Written by hand because it is this small and its bytes are part of a published format: the
 * hash (FNV-1a over UTF-16 code units, two seeds, double hashing) must never change under us.
 */
const BITS_PER_KEY = 10;
const PROBES = 7;
function fnv1a(key, seed) {
    let h = seed;
    for (let i = 0; i < key.length; i++) {
        h ^= key.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
}
function* probes(key, bits) {
    const h1 = fnv1a(key, 0x811c9dc5);
    // Odd, so the probes of a power-of-two filter visit distinct bits.
    const h2 = fnv1a(key, 0x050c5d1f) | 1;
    for (let i = 0; i < PROBES; i++)
        yield ((h1 + Math.imul(i, h2)) >>> 0) % bits;
}
/** A filter holding `keys`, as base64. */
function bloomOf(keys) {
    const list = [...keys];
    const bytes = Buffer.alloc(Math.max(8, Math.ceil((list.length * BITS_PER_KEY) / 8)));
    const bits = bytes.length * 8;
    for (const key of list) {
        for (const bit of probes(key, bits))
            bytes[bit >>> 3] |= 1 << (bit & 7);
    }
    return bytes.toString('base64');
}
/** A filter decoded once, to test many keys against it. */
function bloomTest(filter) {
    const bytes = Buffer.from(filter, 'base64');
    const bits = bytes.length * 8;
    if (bits === 0)
        return () => true; // unknown contents: assume anything may be there
    return (key) => {
        for (const bit of probes(key, bits))
            if ((bytes[bit >>> 3] & (1 << (bit & 7))) === 0)
                return false;
        return true;
    };
}

/** The lookup keys of an entry: its package name, and its file in the repository. */
const lookupKeys = (name, file) => [`name:${name}`, `file:${file}`];
const nameKey = (name) => `name:${name}`;
const fileKey = (file) => `file:${file}`;
/** The object listing a built segment's entries, and the manifest's description of the segment. */
function storeSegment(segment, codec) {
    const body = Buffer.from(JSON.stringify({ format: codec.format, entries: segment.entries.map(codec.toRow) }));
    return {
        body,
        segment: {
            ...segment,
            entriesSha256: sha256Hex(body),
            filter: bloomOf(segment.entries.flatMap(codec.keys))
        }
    };
}
/**
 * The segments of a next generation as its manifest describes them: kept ones as they were,
 * and new ones (or kept ones from a manifest of the first layout, which had none) with the
 * object listing their entries, stored under `keyOf(sha256)`.
 */
function storeSegments(segments, codec, keyOf) {
    const objects = [];
    const stored = segments.map((s) => {
        if ('entriesSha256' in s && s.entriesSha256 !== '')
            return s;
        const { segment, body } = storeSegment({ ...s, entries: s.entries }, codec);
        objects.push({ key: keyOf(segment.entriesSha256), body, sha256: segment.entriesSha256 });
        return segment;
    });
    return { segments: stored, objects };
}
/**
 * Whether a change must look at every entry rather than only those sharing a name or file with
 * what it adds: it removes by pattern, or keeps fewer versions than an index last satisfied.
 */
function needsEveryEntry(change, indexes) {
    if (change.remove !== undefined)
        return true;
    const keep = change.retention;
    if (keep === undefined)
        return false;
    return indexes.some((ix) => ix.segments.length > 0 && (ix.retention === undefined || ix.retention > keep));
}
/** The entries of a segment object, checked against the digest the manifest gives for it. */
function parseSegmentEntries(body, segment, codec, where) {
    if (sha256Hex(body) !== segment.entriesSha256)
        throw new Error(`${where}: content does not match its sha256 in the segment manifest`);
    const raw = parseJson(body.toString('utf8'), where);
    if (raw.format !== codec.format || !Array.isArray(raw.entries))
        throw new Error(`${where}: not a segment entry list this version of falco-publish reads`);
    if (raw.entries.length !== segment.count)
        throw new Error(`${where}: lists ${raw.entries.length} entries where the manifest says ${segment.count}`);
    return raw.entries.map(codec.fromRow);
}
/**
 * Loads, in each index, the entries of every segment whose filter may hold one of `keys`
 * ('all': every segment), unless already loaded.
 */
async function loadMatching(indexes, keys) {
    await Promise.all(indexes.flatMap((ix) => ix.segments.map(async (s) => {
        if (s.entries)
            return;
        if (keys !== 'all') {
            const test = bloomTest(s.filter);
            if (!keys.some(test))
                return;
        }
        s.entries = await ix.load(s);
    })));
}
/** Parses the JSON of a manifest or entry list, naming `where` when it is not JSON. */
function parseJson(text, where) {
    try {
        return JSON.parse(text);
    }
    catch (e) {
        throw new Error(`${where}: not JSON (${e.message})`);
    }
}
/**
 * Segments of a manifest of the first layout, their entries inline: they have no entry objects
 * yet (one is written when the segment is next kept) and no filter (they are loaded already).
 */
function inlineSegments(segments, codec) {
    return segments.map((s) => ({
        count: s.entries.length,
        lengths: s.lengths,
        entries: s.entries.map(codec.fromRow),
        entriesSha256: '',
        filter: ''
    }));
}
/**
 * For each of `files` some index lists, what `digestOf` says of its entry (the sha256 it was
 * published with). Loads only the segments whose filters may hold one of the files.
 */
async function publishedDigests(indexes, files, fileOf, digestOf) {
    await loadMatching(indexes, files.map(fileKey));
    const wanted = new Set(files);
    const out = new Map();
    for (const ix of indexes)
        for (const s of ix.segments)
            for (const e of s.entries ?? [])
                if (wanted.has(fileOf(e)))
                    out.set(fileOf(e), digestOf(e));
    return out;
}
const segmentRef = (s) => ({
    count: s.count,
    lengths: s.lengths,
    entries: s.entriesSha256,
    filter: s.filter
});
/** Reads a manifest's segment lines, failing on anything malformed (naming `where`). */
function segmentsOf(refs, where) {
    if (!Array.isArray(refs))
        throw new Error(`${where}: no segment list`);
    return refs.map((r, i) => {
        if (typeof r?.count !== 'number' ||
            !Array.isArray(r.lengths) ||
            typeof r.entries !== 'string' ||
            typeof r.filter !== 'string')
            throw new Error(`${where}: segment ${i} is malformed`);
        return { count: r.count, lengths: r.lengths, entriesSha256: r.entries, filter: r.filter };
    });
}
/**
 * The segments a manifest lists, each with the digest states it gives for the index's `files`
 * files; a segment whose states are missing or malformed has none (and is hashed again). The
 * states themselves are checked when resumed from.
 */
function segmentsWithStates(refs, where, files) {
    const segments = segmentsOf(refs, where);
    return segments.map((s, i) => {
        const states = refs[i].states;
        return isStates(states, files) ? { ...s, states } : s;
    });
}
function isStates(value, files) {
    return (Array.isArray(value) &&
        value.length === files &&
        value.every((v) => typeof v?.state === 'string' &&
            typeof v.size === 'number'));
}

/**
 * How a segmented `Packages` index is cut: for each segment, its byte lengths in Packages,
 * Packages.gz and Packages.xz, how many entries it holds, where the list of those entries is
 * kept and a filter of their names and files (see segmented/entries.ts). It is listed in the
 * Release next to the index it describes (apt ignores files it does not know), so a publish
 * reads the exact generation InRelease signed, and never parses the whole index to learn what
 * it holds.
 */
const MANIFEST_FILE = 'falco-publish-segments.json';
/** The folder, beside the index, of the objects listing each segment's entries. */
const ENTRIES_DIR$1 = 'falco-publish-segments';
/** The files of one `binary-<arch>` index, in the order segment lengths are given. */
const INDEX_FILES = ['Packages', 'Packages.gz', 'Packages.xz'];
/**
 * Where each number sits in a segment's `lengths`: its bytes in each of INDEX_FILES, then the
 * unpadded size of its xz block, which the xz stream's index lists.
 */
const LENGTH = { plain: 0, xzUnpadded: 3 };
const FORMAT$1 = 'falco-publish apt segments 2';
/** The first layout, entries inline: still read, so a repository it wrote goes on incrementally. */
const FORMAT_1$1 = 'falco-publish apt segments 1';
const ENTRY_CODEC$1 = {
    format: 'falco-publish apt segment entries 1',
    toRow: (e) => [e.name, e.version, e.architecture, e.filename, e.sha256],
    fromRow: ([name, version, architecture, filename, sha256]) => ({
        name,
        version,
        architecture,
        filename,
        sha256
    }),
    keys: (e) => lookupKeys(e.name, e.filename)
};
function renderManifest$1(m) {
    return JSON.stringify({
        format: FORMAT$1,
        packagesSha256: m.packagesSha256,
        retention: m.retention ?? null,
        files: INDEX_FILES,
        segments: m.segments.map((s) => ({ ...segmentRef(s), states: s.states ?? null }))
    });
}
function parseManifest$1(text, where) {
    const raw = parseJson(text, where);
    if (typeof raw.packagesSha256 !== 'string' || (raw.format !== FORMAT$1 && raw.format !== FORMAT_1$1))
        throw new Error(`${where}: not a segment manifest this version of falco-publish reads`);
    if (!Array.isArray(raw.segments))
        throw new Error(`${where}: no segment list`);
    return {
        packagesSha256: raw.packagesSha256,
        retention: typeof raw.retention === 'number' ? raw.retention : undefined,
        segments: raw.format === FORMAT$1
            ? segmentsWithStates(raw.segments, where, INDEX_FILES.length)
            : inlineSegments(raw.segments, ENTRY_CODEC$1)
    };
}
/** The plain text of a segment: each stanza followed by the blank line that ends it. */
function segmentText(entries) {
    return entries.map((e) => e.text + '\n').join('');
}
/** The stanza texts of a segment, in order (the inverse of segmentText). */
function segmentStanzas(plain) {
    const parts = plain.toString('utf8').split('\n\n');
    parts.pop();
    return parts.map((p) => p + '\n');
}

/** Small store conveniences the package repositories share: read text, upload with a progress line. */
/**
 * Reads an object a signed index names (`listedIn`): its absence, or bytes other than the
 * `sha256` the index gives for it, mean a broken repository: an error naming `shown` (the name
 * people know it by; by default the key read).
 */
async function readListed(store, key, listedIn, check = {}) {
    const shown = check.shown ?? key;
    const body = await readObject(store, key);
    if (!body)
        throw new Error(`${store.location}/${shown}: listed in ${listedIn} but missing`);
    if (check.sha256 !== undefined && sha256Hex(body) !== check.sha256)
        throw new Error(`${store.location}/${shown}: content does not match its sha256 in ${listedIn}; refusing to merge into it`);
    return body;
}
/**
 * Bytes `range` of an object a signed index names, read alone where the store can (else sliced
 * from the whole object); its absence, or fewer bytes than asked, means a broken repository.
 */
async function readListedRange(store, key, range, listedIn) {
    const bytes = store.read
        ? await store.read(key, range)
        : (await readObject(store, key))?.subarray(range.start, range.end);
    if (!bytes)
        throw new Error(`${store.location}/${key}: listed in ${listedIn} but missing`);
    if (bytes.length !== range.end - range.start)
        throw new Error(`${store.location}/${key}: shorter than ${listedIn} says`);
    return bytes;
}
/** Reads an object with the etag it had before reading (a changed etag later means someone wrote in between). */
async function readVersioned(store, key) {
    const info = await store.head(key);
    if (!info)
        return undefined;
    const body = await readObject(store, key);
    if (!body)
        return undefined;
    return { text: body.toString('utf8'), etag: info.etag };
}
class Uploader {
    store;
    log;
    published = [];
    /** Where each key is in `published`: a search of the list per write was quadratic in a bulk import. */
    publishedAt = new Map();
    constructor(store, log) {
        this.store = store;
        this.log = log;
    }
    /**
     * Streams a local file into the store and logs one line with its size and rate; `sha256`, when
     * the file was hashed while planning, spares a store hashing it again; `keepHash` asks for the
     * store's hash unfinished (PutResult.hashed), for the file's signature.
     */
    async file(key, file, kind, contentType, sha256, keepHash) {
        const start = process.hrtime.bigint();
        const r = await this.store.put(key, createReadStream(file), {
            contentType,
            sha256,
            keepHash,
            lifetime: lifetimeOf(kind)
        });
        this.done(kind, key, r.sha256, r.size, start);
        return r;
    }
    /** `syncLater`: nothing names the object yet (see PutOptions.syncLater). */
    async bytes(key, body, kind, contentType, syncLater) {
        const start = process.hrtime.bigint();
        const r = await this.store.put(key, body, {
            contentType,
            lifetime: lifetimeOf(kind),
            syncLater
        });
        this.done(kind, key, r.sha256, r.size, start);
    }
    /**
     * Content-addressed copies (by-hash): an existing one already holds these bytes. One old
     * enough that a collection may be about to take it (a generation named it long ago, then
     * none did) is written again, so its age says it is in use (see pruneSuperseded).
     */
    async immutable(key, body, kind, sha256) {
        await this.createOnce(key, kind, () => this.store.put(key, body, {
            precondition: { ifNoneMatch: '*' },
            sha256,
            lifetime: 'immutable'
        }), () => this.store.put(key, body, { sha256, lifetime: 'immutable' }));
    }
    /**
     * Writes `to` as a copy of `from`, which holds `body` (whose sha256 is known) already: inside
     * the store when it can copy (no bytes sent again), else by putting the bytes.
     */
    async copy(from, to, body, kind, options = {}) {
        if (!this.store.copy) {
            if (!body.bytes)
                throw new Error(`copying ${from} to ${to}: ${this.store.location} cannot copy`);
            return this.bytes(to, body.bytes, kind);
        }
        const start = process.hrtime.bigint();
        // A content-addressed copy never changes; a plain name (Packages) is rewritten by publishes.
        const lifetime = options.createOnly ? 'immutable' : 'short';
        if (options.createOnly) {
            // One there holds these bytes already; only an old one is copied again (see immutable).
            const there = await this.store.head(to);
            if (there && !nearCollection(there))
                return;
            if (there)
                options = { ...options, createOnly: false };
        }
        await this.store.copy(from, to, { ...options, lifetime });
        this.done(kind, to, body.sha256, body.size, start);
    }
    /**
     * Creates `to` as the first `keep` bytes of `from` then `append` (see Store.extend), whose
     * sha256 the caller computed; an existing `to` already holds them (content-addressed).
     */
    async extend(recipe, to, sha256, kind) {
        const store = this.store;
        if (!store.extend)
            throw new Error(`${store.location} cannot extend objects`);
        await this.createOnce(to, kind, () => store.extend(recipe.from, recipe.keep, recipe.append, to, sha256), async () => {
            const bytes = await readObject(store, to);
            if (!bytes)
                return store.extend(recipe.from, recipe.keep, recipe.append, to, sha256);
            return store.put(to, bytes, { sha256 });
        });
    }
    /**
     * Runs a create-only write of a content-addressed key: one already there holds its bytes,
     * and is written again (`rewrite`) only when it is old enough to be near its collection.
     */
    async createOnce(key, kind, write, rewrite) {
        const start = process.hrtime.bigint();
        let r;
        try {
            r = await write();
        }
        catch (e) {
            if (!(e instanceof PreconditionFailed))
                throw e;
            const there = await this.store.head(key);
            if (there && !nearCollection(there)) {
                this.log.debug(`${key} already present`);
                return;
            }
            r = await rewrite();
        }
        this.done(kind, key, r.sha256, r.size, start);
    }
    /** The compare-and-swap write that commits an index generation; PreconditionFailed when someone else won. */
    async commit(key, body, etag, kind) {
        const start = process.hrtime.bigint();
        const r = await this.store.put(key, body, {
            precondition: etag === undefined ? { ifNoneMatch: '*' } : { ifMatch: etag },
            lifetime: 'short'
        });
        this.done(kind, key, r.sha256, r.size, start);
    }
    done(kind, key, sha256, size, start) {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        this.log.info(progressLine('put', key, size, ms));
        const existing = this.publishedAt.get(key);
        const entry = { kind, path: key, sha256, size, url: this.store.url(key) };
        if (existing !== undefined)
            this.published[existing] = entry;
        else
            this.publishedAt.set(key, this.published.push(entry) - 1);
    }
}
/**
 * How long a cache may keep what a publish writes: packages and tarballs never change under
 * their name (stable ones are immutable, dev ones carry their build in it); signatures, indexes
 * and listings are rewritten by later publishes (a re-sign rewrites every .asc).
 */
const lifetimeOf = (kind) => kind === 'package' || kind === 'tarball' ? 'immutable' : 'short';
/** The log line of a lost compare-and-swap race on a repository's index. */
function mergingAgain(log, prefix) {
    return (attempt) => log.info(`  another publish changed ${prefix} meanwhile; merging again (attempt ${attempt})`);
}
/**
 * Deletes in flight at once: a remote store answers each delete in a round trip, which one at a
 * time would add up over a retention's worth of packages or a generation's by-hash files.
 */
const DELETE_CONCURRENCY = 8;
/** Deletes package files that left every index, with their detached signatures. */
async function deletePackageFiles(store, prefix, files, log) {
    await pLimit(DELETE_CONCURRENCY).map(files, async (f) => {
        await store.delete(`${prefix}/${f}`);
        await store.delete(`${prefix}/${f}.asc`);
        log.info(`  deleted ${prefix}/${f}`);
    });
}
/** Logs the files a commit took out of the indexes, which stay pending deletion (see repo/pending.ts). */
function logPending(log, prefix, left, pending) {
    for (const f of left)
        if (pending.has(f))
            log.info(`  ${prefix}/${f}: no longer indexed; a later publish deletes it once its grace has passed`);
}
/**
 * How long a superseded index generation stays: a client that read the previous InRelease or
 * repomd.xml still finds the files it names.
 */
const SUPERSEDED_GRACE_MS = 60 * 60 * 1000;
/**
 * A content-addressed object a publish finds already there, and old enough that a collection
 * (which takes what is older than the grace period and named by no generation it read) could
 * come for it while the new generation that names it again is built: it is written again.
 * Half the grace period leaves a collection half an hour between its look and its delete.
 */
function nearCollection(info) {
    return (info.modified !== undefined && Date.now() - info.modified.getTime() >= SUPERSEDED_GRACE_MS / 2);
}
/**
 * The keys under `under` older than the grace period, listed from the start of a commit: the
 * listing (on a remote store, a round trip per thousand keys) runs while the new generation is
 * built and written, not after it. A file written since is too young to prune, so a listing
 * taken early misses nothing a prune could delete.
 */
function listSuperseded(store, under) {
    const listed = (async () => {
        const now = Date.now();
        const old = [];
        for await (const obj of scan(store, under)) {
            if (obj.modified && now - obj.modified.getTime() >= SUPERSEDED_GRACE_MS)
                old.push(obj.key);
        }
        return old;
    })();
    // Awaited by pruneSuperseded; a commit that fails before it leaves the listing unread.
    listed.catch(() => { });
    return listed;
}
/**
 * Deletes the listed keys (see listSuperseded) that `prunable` selects: generations that neither
 * the index this publish committed, nor the one before it, nor the one current when the prune
 * starts (another publish may have committed since) names. Each is looked at again just before
 * its delete: one a publish wrote again meanwhile (see Uploader.immutable) is young, and stays.
 */
async function pruneSuperseded(store, listed, prunable, log) {
    await pLimit(DELETE_CONCURRENCY).map((await listed).filter(prunable), async (key) => {
        const now = await store.head(key);
        if (!now?.modified || Date.now() - now.modified.getTime() < SUPERSEDED_GRACE_MS)
            return;
        await store.delete(key);
        log.debug(`pruned ${key}`);
    });
}

/**
 * Where an apt repository's files are: package files in `stable/`, suite `stable`, component
 * `main`, one `binary-<arch>` index per architecture, and beside each the objects listing its
 * segments' entries.
 */
const SUITE = 'stable';
const COMPONENT = 'main';
const ARCHITECTURES = ['amd64', 'arm64'];
const dists = (prefix) => `${prefix}/dists/${SUITE}`;
const indexDir = (arch) => `${COMPONENT}/binary-${arch}`;
const byHash = (prefix, arch, sha256) => `${dists(prefix)}/${indexDir(arch)}/by-hash/SHA256/${sha256}`;
const entriesKey$1 = (prefix, arch, sha256) => `${dists(prefix)}/${indexDir(arch)}/${ENTRIES_DIR$1}/${sha256}.json`;

const emptyIndex = () => ({
    segments: [],
    segmented: false,
    load: () => Promise.resolve([])
});
/** Reads the generation InRelease points to, through by-hash names: a consistent snapshot even mid-publish. */
async function readAptSnapshot(store, prefix) {
    const inRelease = await readVersioned(store, `${dists(prefix)}/InRelease`);
    if (!inRelease) {
        // A repository made by other tools may have only Release + Release.gpg: merge into it rather
        // than start over (InRelease, created on commit, then becomes the compare-and-swap point).
        const plain = await readVersioned(store, `${dists(prefix)}/Release`);
        if (!plain)
            return { indexes: new Map(ARCHITECTURES.map((a) => [a, emptyIndex()])) };
        return { ...(await readIndexes(store, prefix, plain.text)), etag: undefined };
    }
    return {
        ...(await readIndexes(store, prefix, releaseText(inRelease.text))),
        etag: inRelease.etag
    };
}
async function readIndexes(store, prefix, release) {
    const files = releaseFiles(release, `${dists(prefix)}/InRelease`);
    const indexes = new Map();
    await Promise.all(ARCHITECTURES.map(async (arch) => indexes.set(arch, await readIndex(store, prefix, arch, files))));
    const ordered = new Map(ARCHITECTURES.map((a) => [a, indexes.get(a)]));
    const foreign = [...ordered.values()].filter((ix) => ix.foreign && ix.segments.length > 0);
    const adopted = foreign.length
        ? {
            packages: foreign.reduce((n, ix) => n + ix.segments[0].count, 0),
            from: `the Packages indexes of a Release written by another tool (Origin: ${releaseField(release, 'Origin') ?? 'none'})`
        }
        : undefined;
    return { release, indexes: ordered, adopted };
}
async function readIndex(store, prefix, arch, files) {
    const rel = `${indexDir(arch)}/Packages`;
    const manifest = files.get(`${indexDir(arch)}/${MANIFEST_FILE}`);
    let ours;
    if (manifest) {
        const where = `${dists(prefix)}/${indexDir(arch)}/${MANIFEST_FILE}`;
        const body = await readListed(store, byHash(prefix, arch, manifest.sha256), 'the Release', {
            shown: where,
            sha256: manifest.sha256
        });
        const m = parseManifest$1(body.toString('utf8'), where);
        // Written by us with the index it describes; anything else rewrote the index: read it whole.
        // So is an index whose Release lists no Packages.xz (a repository that keeps the
        // compression set of another tool): its segments' xz bytes are nowhere to copy from.
        if (m.packagesSha256 === files.get(rel)?.sha256)
            ours = { retention: m.retention };
        if (ours && files.has(`${rel}.xz`)) {
            return {
                segments: m.segments,
                segmented: true,
                retention: m.retention,
                load: async (s) => {
                    const key = entriesKey$1(prefix, arch, s.entriesSha256);
                    const entries = await readListed(store, key, where);
                    return parseSegmentEntries(entries, s, ENTRY_CODEC$1, `${store.location}/${key}`);
                }
            };
        }
    }
    // Ours always lists the plain index; other tools may list only compressed ones.
    const name = [rel, `${rel}.gz`, `${rel}.xz`, `${rel}.bz2`].find((n) => files.has(n));
    if (!name)
        return emptyIndex();
    const raw = (await readObject(store, byHash(prefix, arch, files.get(name).sha256))) ??
        (await readObject(store, `${dists(prefix)}/${name}`));
    if (!raw)
        throw new Error(`${store.location}/${dists(prefix)}/${name}: index listed in the Release is missing`);
    const body = name === rel ? raw : Buffer.from(await decompressMember(name, raw));
    const entries = parsePackagesIndex(body.toString('utf8'), `${dists(prefix)}/${name}`);
    return {
        ...emptyIndex(),
        foreign: ours === undefined,
        retention: ours?.retention,
        segments: entries.length
            ? [{ count: entries.length, lengths: [], entries, entriesSha256: '', filter: '' }]
            : []
    };
}
/** Loads, in every architecture's index, the segments that may hold one of `keys`. */
async function loadApt(snapshot, keys) {
    await loadMatching([...snapshot.indexes.values()], keys);
}
/** The entries loaded so far, in every architecture's index. */
const loadedEntries = (snapshot) => [...snapshot.indexes.values()].flatMap((ix) => ix.segments.flatMap((s) => s.entries ?? []));
/** The SHA256 each of `filenames` is published with, for those some index lists. */
function publishedFiles(snapshot, filenames) {
    return publishedDigests([...snapshot.indexes.values()], filenames, (e) => e.filename, (e) => e.sha256);
}

/**
 * How the repodata's primary, filelists and other `.xml.gz` are cut: each file is a gzip member
 * opening the XML, one member per segment, and a member closing it. The manifest gives the
 * opening members' lengths, each segment's member lengths and count, the SHA-256 states after it
 * (see `RpmSegment`), where the list of its packages is kept and a filter of their names and
 * files (see segmented/entries.ts). It is a repomd.xml entry of our own type (dnf fetches only the
 * types it knows), so a publish reads the generation repomd.xml names.
 */
const SEGMENTS_TYPE = 'falco-publish-segments';
/** The folder, in repodata/, of the objects listing each segment's packages. */
const ENTRIES_DIR = 'repodata/falco-publish-segments';
const FORMAT = 'falco-publish rpm segments 3';
/**
 * Earlier layouts, still read so a repository they wrote goes on incrementally: 2 kept no digest
 * states and opened the XML with a package count; 1 also listed the entries inline.
 */
const FORMAT_2 = 'falco-publish rpm segments 2';
const FORMAT_1 = 'falco-publish rpm segments 1';
/**
 * The files a segment's `states` are given for, in order: the three `.xml.gz` (XML_FILES' order),
 * then the same three XML uncompressed (repomd.xml's open-checksum).
 */
const DIGESTED_FILES = 2 * XML_FILES.length;
const ENTRY_CODEC = {
    format: 'falco-publish rpm segment entries 1',
    toRow: (r) => [
        r.name,
        r.epoch,
        r.version,
        r.release,
        r.arch,
        r.location,
        r.sha256,
        r.size,
        r.sourceSha256 ?? r.sha256
    ],
    fromRow: ([name, epoch, version, release, arch, location, sha256, size, sourceSha256]) => ({
        name,
        epoch,
        version,
        release,
        arch,
        location,
        sha256,
        size,
        sourceSha256
    }),
    keys: (r) => lookupKeys(r.name, r.location)
};
function renderManifest(m) {
    return JSON.stringify({
        format: FORMAT,
        primarySha256: m.primarySha256,
        heads: m.heads,
        retention: m.retention ?? null,
        ...(m.pending?.size ? { pending: pendingToJson(m.pending) } : {}),
        segments: m.segments.map((s) => ({ ...segmentRef(s), states: s.states ?? null }))
    });
}
function parseManifest(text, where) {
    const raw = parseJson(text, where);
    if ((raw.format !== FORMAT && raw.format !== FORMAT_2 && raw.format !== FORMAT_1) ||
        !raw.primarySha256 ||
        raw.heads?.length !== 3) {
        throw new Error(`${where}: not a segment manifest this version of falco-publish reads`);
    }
    if (!Array.isArray(raw.segments))
        throw new Error(`${where}: no segment list`);
    return {
        primarySha256: raw.primarySha256,
        heads: raw.heads,
        retention: typeof raw.retention === 'number' ? raw.retention : undefined,
        pending: pendingFromJson(raw.pending),
        segments: raw.format === FORMAT_1
            ? inlineSegments(raw.segments, ENTRY_CODEC)
            : segmentsWithStates(raw.segments, where, DIGESTED_FILES)
    };
}

/**
 * Reading repodata another tool wrote (createrepo_c, createrepo) into records, so a publish
 * adopts the repository as it is: every package it lists stays listed with its XML exactly as
 * that tool rendered it, and no package file is read or rewritten.
 *
 * The XML is machine-written, one `<package>` element after another: each is cut out whole and
 * only the fields merging needs (name, EVR, arch, checksum, location, size) are read from it.
 */
const unescape = (s) => s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e) => {
    const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[e.toLowerCase()])
        return named[e.toLowerCase()];
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
});
/** The `<package ...>...</package>` elements of one XML file, each ending with a newline. */
function packageElements(xml) {
    const out = [];
    const close = '</package>';
    let at = 0;
    for (;;) {
        const start = xml.indexOf('<package', at);
        if (start < 0)
            return out;
        const end = xml.indexOf(close, start);
        if (end < 0)
            return out;
        out.push(xml.slice(start, end + close.length) + '\n');
        at = end + close.length;
    }
}
const attr = (tag, name) => {
    const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
    return m ? unescape(m[1]) : undefined;
};
const element = (xml, name) => {
    const m = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`).exec(xml);
    return m ? unescape(m[1]) : undefined;
};
const tagOf = (xml, name) => new RegExp(`<${name}\\s[^>]*>`).exec(xml)?.[0];
/** The identity of a filelists/other element, to pair it with its primary element. */
const pairKey = (pkgid, name, arch, evr) => `${pkgid} ${name}.${arch} ${evr}`;
const evrOf = (version) => `${attr(version, 'epoch') ?? '0'}:${attr(version, 'ver') ?? ''}-${attr(version, 'rel') ?? ''}`;
/**
 * The records of a repository from its primary, filelists and other XML (decompressed). `where`
 * names the repodata in errors. Filelists and other are paired with primary by package id,
 * name, arch and EVR (their order is the same in createrepo_c's output, but nothing needs it).
 */
function importRepodata(xml, where) {
    const pairs = (text) => {
        const out = new Map();
        for (const el of packageElements(text)) {
            const open = /^<package\s[^>]*>/.exec(el)?.[0] ?? '';
            const version = tagOf(el, 'version') ?? '';
            const key = pairKey(attr(open, 'pkgid') ?? '', attr(open, 'name') ?? '', attr(open, 'arch') ?? '', evrOf(version));
            const list = out.get(key);
            if (list)
                list.push(el);
            else
                out.set(key, [el]);
        }
        return out;
    };
    const filelists = pairs(xml.filelists);
    const other = pairs(xml.other);
    return packageElements(xml.primary).map((el, i) => {
        const name = element(el, 'name');
        const arch = element(el, 'arch');
        const version = tagOf(el, 'version');
        const checksumTag = tagOf(el, 'checksum');
        const checksum = /<checksum\s[^>]*>([0-9a-fA-F]+)<\/checksum>/.exec(el)?.[1];
        const location = attr(tagOf(el, 'location') ?? '', 'href');
        const size = Number(attr(tagOf(el, 'size') ?? '', 'package'));
        if (!name || !arch || !version || !checksumTag || !checksum || !location) {
            throw new Error(`${where}: package ${i + 1} of primary.xml lacks its name, arch, version, checksum or location; ` +
                `regenerate the repodata with createrepo_c, or start the repository anew`);
        }
        const type = attr(checksumTag, 'type') ?? 'sha256';
        const evr = evrOf(version);
        const key = pairKey(checksum, name, arch, evr);
        const take = (from, file) => {
            const found = from.get(key)?.shift();
            if (found === undefined)
                throw new Error(`${where}: ${file}.xml does not list ${name}-${evr}.${arch} (pkgid ${checksum}), which primary.xml lists; ` +
                    `regenerate the repodata with createrepo_c`);
            return found;
        };
        return {
            name,
            epoch: Number(attr(version, 'epoch') ?? '0') || 0,
            version: attr(version, 'ver') ?? '',
            release: attr(version, 'rel') ?? '',
            arch,
            location,
            // A checksum of another type cannot equal a file's SHA-256: it is kept prefixed, so a
            // file published again under that name is compared, never taken for the same bytes.
            sha256: type === 'sha256' ? checksum.toLowerCase() : `${type}:${checksum}`,
            size: Number.isFinite(size) ? size : 0,
            primary: el,
            filelists: take(filelists, 'filelists'),
            other: take(other, 'other')
        };
    });
}
/** Which tool wrote a repomd.xml, as far as it shows: createrepo_c lists open sizes. */
function repodataWriter(repomd) {
    return /<open-size>/.test(repomd) ? 'createrepo_c' : 'createrepo';
}
/** Every data entry of a repomd.xml, whichever tool wrote it: type -> location and checksum. */
function repomdFiles(xml) {
    const out = new Map();
    for (const m of xml.matchAll(/<data\s+type="([^"]+)"\s*>([\s\S]*?)<\/data>/g)) {
        const href = attr(tagOf(m[2], 'location') ?? '', 'href');
        const sum = /<checksum\s+type="([^"]+)"\s*>\s*([0-9a-fA-F]+)\s*<\/checksum>/.exec(m[2]);
        if (href)
            out.set(m[1], {
                location: href,
                checksum: sum ? { type: sum[1], value: sum[2].toLowerCase() } : undefined
            });
    }
    return out;
}

const entriesKey = (prefix, sha256) => `${prefix}/${ENTRIES_DIR}/${sha256}.json`;
async function readDnfSnapshot(store, prefix) {
    const current = await readVersioned(store, `${prefix}/repodata/repomd.xml`);
    if (!current)
        return { segments: [], load: () => Promise.resolve([]) };
    const data = parseRepomd(current.text);
    const where = `${prefix}/repodata/repomd.xml`;
    const listed = data.get(SEGMENTS_TYPE);
    // Written by another tool: its packages are read from its XML.
    if (!listed)
        return adoptRepodata(store, prefix, current);
    const manifest = parseManifest((await readListed(store, `${prefix}/${listed.location}`, 'repomd.xml', {
        sha256: listed.sha256
    })).toString('utf8'), `${where} (${SEGMENTS_TYPE})`);
    // Rewritten by another tool since (createrepo --update keeps our entry): read its XML.
    if (manifest.primarySha256 !== data.get('primary')?.sha256)
        return adoptRepodata(store, prefix, current);
    const keys = XML_FILES.map((f) => `${prefix}/${data.get(f.type).location}`);
    let bodies;
    return {
        etag: current.etag,
        repomd: current.text,
        segments: manifest.segments,
        retention: manifest.retention,
        pending: manifest.pending,
        layout: {
            keys,
            heads: manifest.heads,
            bodies: () => (bodies ??= Promise.all(keys.map((key) => readListed(store, key, 'repomd.xml'))))
        },
        load: async (s) => {
            const key = entriesKey(prefix, s.entriesSha256);
            const body = await readListed(store, key, `${where} (${SEGMENTS_TYPE})`);
            return parseSegmentEntries(body, s, ENTRY_CODEC, `${store.location}/${key}`);
        }
    };
}
/**
 * The generation of repodata another tool wrote: its records, their XML as that tool rendered
 * it, one segment of them, which the next publish re-compresses in our layout. Each file is
 * checked against the checksum repomd.xml lists for it.
 */
async function adoptRepodata(store, prefix, current) {
    const where = `${store.location}/${prefix}/repodata/repomd.xml`;
    const files = repomdFiles(current.text);
    const xml = await Promise.all(XML_FILES.map(async (f) => {
        const listed = files.get(f.type);
        if (!listed)
            throw new Error(`${where} lists no ${f.type} file; regenerate the repodata with createrepo_c, or start the repository anew`);
        const key = `${prefix}/${listed.location}`;
        const body = await readListed(store, key, 'repomd.xml', {
            sha256: listed.checksum?.type === 'sha256' ? listed.checksum.value : undefined
        });
        return Buffer.from(await decompressMember(listed.location, body)).toString('utf8');
    }));
    const records = importRepodata({ primary: xml[0], filelists: xml[1], other: xml[2] }, where);
    const segments = records.length
        ? [{ count: records.length, lengths: [], entries: records, entriesSha256: '', filter: '' }]
        : [];
    return {
        etag: current.etag,
        repomd: current.text,
        segments,
        load: () => Promise.resolve(records),
        adopted: {
            packages: records.length,
            from: `${repodataWriter(current.text)} repodata (${path.posix.basename(files.get('primary').location).replace(/^[0-9a-f]{32,}-/, '')})`
        }
    };
}
/**
 * The sha256 each of `files` (names at the repository's root) was published from, for those
 * the repodata lists: the file as given, before its header was signed.
 */
function publishedSources(snapshot, files) {
    return publishedDigests([snapshot], files, (r) => r.location, (r) => r.sourceSha256 ?? r.sha256);
}

export { ARCHITECTURES as A, renderManifest as B, COMPONENT as C, SEGMENTS_TYPE as D, ENTRY_CODEC$1 as E, entriesKey as F, ENTRY_CODEC as G, publishedFiles as H, INDEX_FILES as I, publishedSources as J, LENGTH as L, MANIFEST_FILE as M, SUITE as S, Uploader as U, loadedEntries as a, readDnfSnapshot as b, loadMatching as c, readVersioned as d, nameKey as e, fileKey as f, emptyIndex as g, renderManifest$1 as h, readListedRange as i, segmentStanzas as j, segmentText as k, loadApt as l, readListed as m, needsEveryEntry as n, indexDir as o, byHash as p, dists as q, readAptSnapshot as r, storeSegments as s, entriesKey$1 as t, listSuperseded as u, deletePackageFiles as v, logPending as w, mergingAgain as x, pruneSuperseded as y, ENTRIES_DIR$1 as z };
