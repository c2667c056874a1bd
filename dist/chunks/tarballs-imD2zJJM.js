import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const path = __nodeBuiltin('node:path');
import { r as retryOnConflict } from './conflict-Dtwdfves.js';
import { A as ARCHITECTURES, n as needsEveryEntry, l as loadApt, e as nameKey, f as fileKey, a as loadedEntries, g as emptyIndex, s as storeSegments, I as INDEX_FILES, h as renderManifest, M as MANIFEST_FILE, L as LENGTH, i as readListedRange, j as segmentStanzas, k as segmentText, m as readListed, o as indexDir, p as byHash, q as dists, t as entriesKey, E as ENTRY_CODEC, d as readVersioned, u as listSuperseded, r as readAptSnapshot, v as deletePackageFiles, w as logPending, x as mergingAgain, y as pruneSuperseded, C as COMPONENT, z as ENTRIES_DIR, S as SUITE, c as loadMatching, B as renderManifest$1, D as SEGMENTS_TYPE, F as entriesKey$1, G as ENTRY_CODEC$1, b as readDnfSnapshot } from './dnf-snapshot-C-c07xi8.js';
import { f as packageEntry, g as entryKey, a as releaseText, b as releaseFiles, e as parseRepomd, h as releaseDigests, k as keptReleaseFields, i as renderRelease, j as recordOf, l as recordKey, X as XML_FILES, s as splitFragments, m as renderRepomd, r as repositoriesFor, P as PUBLIC_KEY_KEY } from './repodata-C4lrQv7T.js';
import { v as validAt, s as splitArmorBlocks, f as armoredPackets, T as TAG, h as publicKey, e as loadOpenpgp, i as signature, d as detachSign, g as checkSignature, c as clearSign, l as loadSigningKeys } from './openpgp-47fX-gKE.js';
import { p as parsePendingField, z as nextPending, A as renderPendingField, b as byCodeUnit, a as pLimit, u as pendingFromJson, B as renderSums } from './package-m0x3kU6p.js';
const { gzipSync, crc32, gunzip: gunzip$1 } = __nodeBuiltin('node:zlib');
import { i as indexDigests } from './digest-2G1TfEks.js';
const { promisify } = __nodeBuiltin('node:util');
import { a as sha256Hex } from './digest-BYxfGJno.js';
const { createHash } = __nodeBuiltin('node:crypto');
import { m as mark } from './retry-CU8D-t2X.js';
import { r as readObject, s as scan, d as digestObject } from './store-TuibcctJ.js';

/**
 * Checks on the signing keys made when a run is planned, before any byte is written: a key
 * that cannot sign, or one that is not the key the repositories are signed with, found only
 * after package files were uploaded would leave the repositories failing every client's check.
 */
/** Every key can sign now: not expired, not revoked, and holding a signing-capable (sub)key. */
async function checkSigningKeys(keys, now = new Date()) {
    // Keys read by hand were checked able to sign when read (see `checkKey`).
    if (keys.fast && validAt(keys.fast, now.getTime() / 1000))
        return;
    for (const [i, key] of (await keys.openpgpKeys()).entries()) {
        const fingerprint = keys.fingerprints[i];
        try {
            await key.getSigningKey(undefined, now);
        }
        catch (e) {
            const expires = await key.getExpirationTime().catch(() => null);
            const why = expires instanceof Date && expires.getTime() <= now.getTime()
                ? `it expired on ${expires.toISOString().slice(0, 10)}; extend it ` +
                    `(gpg --quick-set-expire ${fingerprint} 1y '*') and export it again, or give another key`
                : `it has no (sub)key that can sign now (${firstLine(e)}); add one ` +
                    `(gpg --quick-add-key ${fingerprint} ed25519 sign) and export it again, or give another key`;
            throw new Error(`input 'gpg-private-key': key ${i + 1} (${fingerprint}) cannot sign: ${why}. Nothing was written.`);
        }
    }
}
/** The primary fingerprints (upper-case hex) of the armoured public keys in `armored`. */
async function publicKeyFingerprints(armored) {
    try {
        return splitArmorBlocks(armored, 'PUBLIC KEY BLOCK').flatMap((block) => armoredPackets(block, 'PUBLIC KEY BLOCK')
            .filter((p) => p.tag === TAG.publicKey)
            .map((p) => publicKey(p.body).key.fingerprint.toString('hex').toUpperCase()));
    }
    catch {
        // Read by hand when it can be (no openpgp.js to load), else as openpgp.js reads it.
    }
    const openpgp = await loadOpenpgp();
    const out = [];
    for (const block of splitArmorBlocks(armored, 'PUBLIC KEY BLOCK')) {
        const keys = await openpgp.readKeys({ armoredKeys: block }).catch(() => []);
        out.push(...keys.map((k) => k.getFingerprint().toUpperCase()));
    }
    return out;
}
/**
 * A run signs with `keys`; the repositories' published public key file holds `published`
 * (its fingerprints). Unless every published key is among the signing keys, the new key file
 * would drop a key the untouched parts of the repositories are still signed with, and apt and
 * dnf would then reject them: refused, naming both, unless this is a `re-sign`.
 */
function checkKeyContinuity(published, keys, keyFile) {
    const missing = published.filter((f) => !keys.fingerprints.includes(f));
    if (published.length === 0 || missing.length === 0)
        return;
    throw new Error(`input 'gpg-private-key': the repositories are signed with ${missing.join(', ')} ` +
        `(published in ${keyFile}), but the key given is ${keys.fingerprints.join(', ')}. ` +
        `Publishing would replace the public key that users check the existing packages with. ` +
        `To rotate keys, give both keys in gpg-private-key (old and new, one block after the other); ` +
        `to re-sign everything with the new key, run 'falco-publish re-sign' for each channel. Nothing was written.`);
}
/** The key ids (upper-case hex) that made the signatures of an armoured or clear-signed text. */
async function signerKeyIds(armored) {
    try {
        return armoredPackets(armored, 'SIGNATURE').map((p) => {
            const sig = signature(p.body);
            const id = sig.issuerFingerprint?.subarray(12) ?? sig.issuer;
            if (p.tag !== TAG.signature || !id)
                throw new Error('not a signature packet');
            return id.toString('hex').toUpperCase();
        });
    }
    catch {
        // Read by hand when it can be, else as openpgp.js reads it.
    }
    const openpgp = await loadOpenpgp();
    try {
        if (armored.includes('-----BEGIN PGP SIGNED MESSAGE-----')) {
            const message = await openpgp.readCleartextMessage({ cleartextMessage: armored });
            return message.getSigningKeyIDs().map((id) => id.toHex().toUpperCase());
        }
        const signature = await openpgp.readSignature({ armoredSignature: armored });
        return signature.getSigningKeyIDs().map((id) => id.toHex().toUpperCase());
    }
    catch {
        return [];
    }
}
/**
 * The armoured public keys among `armored` whose primary key or a subkey has one of `keyIds`
 * (or all of them): the published keys something still carries a signature of.
 */
async function keysSigning(armored, keyIds) {
    const openpgp = await loadOpenpgp();
    const out = [];
    for (const block of splitArmorBlocks(armored, 'PUBLIC KEY BLOCK')) {
        const keys = await openpgp.readKeys({ armoredKeys: block }).catch(() => []);
        for (const key of keys) {
            const ids = key.getKeyIDs().map((id) => id.toHex().toUpperCase());
            if (keyIds === 'all' || ids.some((id) => keyIds.has(id)))
                out.push(key.armor());
        }
    }
    return out;
}
function firstLine(e) {
    return String(e instanceof Error ? e.message : e).split('\n')[0];
}

/**
 * Debian version ordering (`[epoch:]upstream[-revision]`), as dpkg compares them: retention
 * keeps the newest versions, so `1.0~rc1` < `1.0` < `1.0-1` < `1:0.9` must come out right.
 */
function compareDebVersions(a, b) {
    const pa = split(a);
    const pb = split(b);
    return (pa.epoch - pb.epoch ||
        compareFragment(pa.upstream, pb.upstream) ||
        compareFragment(pa.revision, pb.revision));
}
function split(v) {
    const colon = v.indexOf(':');
    const epoch = colon > 0 ? Number(v.slice(0, colon)) || 0 : 0;
    const rest = colon > 0 ? v.slice(colon + 1) : v;
    const dash = rest.lastIndexOf('-');
    return dash > 0
        ? { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) }
        : { epoch, upstream: rest, revision: '' };
}
function order(c) {
    if (c === '~')
        return -1;
    if (/[0-9]/.test(c))
        return 0;
    if (c === '')
        return 0;
    if (/[A-Za-z]/.test(c))
        return c.charCodeAt(0);
    return c.charCodeAt(0) + 256;
}
function compareFragment(a, b) {
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
        let diff = 0;
        while ((i < a.length && !/[0-9]/.test(a[i])) || (j < b.length && !/[0-9]/.test(b[j]))) {
            const ac = order(i < a.length && !/[0-9]/.test(a[i]) ? a[i] : '');
            const bc = order(j < b.length && !/[0-9]/.test(b[j]) ? b[j] : '');
            if (ac !== bc)
                return ac - bc;
            if (i < a.length && !/[0-9]/.test(a[i]))
                i++;
            if (j < b.length && !/[0-9]/.test(b[j]))
                j++;
        }
        while (a[i] === '0')
            i++;
        while (b[j] === '0')
            j++;
        while (i < a.length && /[0-9]/.test(a[i]) && j < b.length && /[0-9]/.test(b[j])) {
            if (!diff)
                diff = a.charCodeAt(i) - b.charCodeAt(j);
            i++;
            j++;
        }
        if (i < a.length && /[0-9]/.test(a[i]))
            return 1;
        if (j < b.length && /[0-9]/.test(b[j]))
            return -1;
        if (diff)
            return diff;
    }
    return 0;
}

/**
 * Dev retention: in each group (a package name; for tarballs, a name and an architecture), the
 * versions beyond the newest `keep`, as group -> versions to drop. Only groups holding more
 * versions than kept are sorted, so a large repository costs one pass.
 */
function versionsBeyond(items, keep, groupOf, versionOf, newerFirst) {
    const groups = new Map();
    for (const item of items) {
        const group = groupOf(item);
        let versions = groups.get(group);
        if (!versions)
            groups.set(group, (versions = new Map()));
        if (!versions.has(versionOf(item)))
            versions.set(versionOf(item), item);
    }
    const beyond = new Map();
    for (const [group, versions] of groups) {
        if (versions.size <= keep)
            continue;
        const newest = [...versions.values()].sort(newerFirst);
        beyond.set(group, new Set(newest.slice(keep).map(versionOf)));
    }
    return beyond;
}

/**
 * Merges a change into a snapshot: per architecture, which entries of which segments stay and
 * the entries added (an added entry replaces one with the same name/version/architecture), and
 * what left the indexes. Only the segments that may hold an added name or file are loaded,
 * unless the change must look at every entry (removal patterns, or a smaller retention than
 * the index last satisfied).
 */
async function mergeApt(snapshot, change) {
    const addedByArch = new Map(ARCHITECTURES.map((a) => [a, []]));
    for (const { pkg, filename } of change.added) {
        const entry = packageEntry(pkg, filename);
        const archs = pkg.architecture === 'all' ? ARCHITECTURES : [pkg.architecture];
        for (const a of archs)
            addedByArch.get(a)?.push(entry);
    }
    const addedEntries = [...addedByArch.values()].flat();
    const everything = needsEveryEntry(change, [...snapshot.indexes.values()]);
    await loadApt(snapshot, everything ? 'all' : addedEntries.flatMap((e) => [nameKey(e.name), fileKey(e.filename)]));
    // Retention counts versions per package name across architectures.
    const dropVersion = change.retention === undefined
        ? new Map()
        : versionsBeyond([...loadedEntries(snapshot), ...addedEntries], change.retention, (e) => e.name, (e) => e.version, (a, b) => compareDebVersions(b.version, a.version));
    const drop = (e) => change.remove?.(e.name, e.version) === true || dropVersion.get(e.name)?.has(e.version) === true;
    const indexes = new Map();
    const removed = [];
    const gone = new Set();
    for (const arch of ARCHITECTURES) {
        const index = snapshot.indexes.get(arch) ?? emptyIndex();
        const adds = (addedByArch.get(arch) ?? []).filter((e) => !drop(e));
        const replaced = new Set(adds.map(entryKey));
        const stays = new Map();
        index.segments.forEach((s, i) => {
            if (!s.entries)
                return;
            const kept = s.entries.filter((e) => !drop(e) && !replaced.has(entryKey(e)));
            if (kept.length === s.entries.length)
                return;
            stays.set(i, kept);
            const left = new Set(kept);
            for (const e of s.entries) {
                if (left.has(e))
                    continue;
                gone.add(e.filename);
                // A replaced entry whose file is published again under the same name did not leave.
                if (!adds.some((a) => a.filename === e.filename))
                    removed.push({ name: e.name, version: e.version, architecture: arch });
            }
        });
        indexes.set(arch, {
            survivors: (i) => stays.get(i),
            added: adds,
            retention: change.retention ?? index.retention
        });
    }
    // An added package the retention (or a removal pattern) drops at once was uploaded for
    // nothing: it leaves the store like one that left the indexes.
    for (const e of addedEntries)
        if (drop(e))
            gone.add(e.filename);
    // A file leaves the store only when no index of any architecture lists it any more; a pending
    // one published again leaves the pending list.
    const previous = parsePendingField(snapshot.release);
    await loadApt(snapshot, [...gone, ...previous.keys()].map(fileKey));
    const stillUsed = new Set();
    for (const arch of ARCHITECTURES) {
        const index = snapshot.indexes.get(arch) ?? emptyIndex();
        const c = indexes.get(arch);
        index.segments.forEach((s, i) => {
            for (const e of c.survivors(i) ?? s.entries ?? [])
                stillUsed.add(e.filename);
        });
        for (const e of c.added)
            stillUsed.add(e.filename);
    }
    const removedFiles = [...gone].filter((f) => f && !stillUsed.has(f));
    const { pending, due } = nextPending(previous, removedFiles, (f) => stillUsed.has(f), (change.now ?? (() => new Date()))(), change.graceMs ?? 0);
    return {
        indexes,
        commit: {
            removedFiles,
            pending,
            due,
            // What the retention dropped at once was not added.
            added: change.added
                .map((a) => a.filename)
                .filter((f) => [...indexes.values()].some((c) => c.added.some((e) => e.filename === f))),
            removed
        }
    };
}

/**
 * One xz stream from liblzma's WebAssembly build, with xz's preset settings but a dictionary no
 * larger than the input needs.
 *
 * Why not `lzma_easy_buffer_encode` (what `xzAsync` calls): a preset's dictionary is fixed (8 MiB
 * at -6), and liblzma sizes and zeroes its match finder's tables for it, about 94 MiB at -6, for
 * any input. A Packages index of a hundred packages is 60 KB: those tables cost more CPU than
 * compressing it, and the memory they take lingers for the rest of the run. With a dictionary
 * of the input's size the encoder finds the same matches (every byte is within reach either
 * way) and a decoder needs less memory too. Inputs larger than the preset's dictionary get the
 * preset unchanged.
 *
 * This calls `lzma_stream_buffer_encode` with one LZMA2 filter, so it writes `lzma_filter` and
 * `lzma_options_lzma` into the module's memory itself (wasm32: 4-byte pointers and size_t, the
 * 64-bit filter id aligned to 8). The values are those of liblzma's `lzma_lzma_preset`.
 */
const LZMA_OK = 0;
const LZMA_CHECK_CRC64 = 4;
const LZMA_FILTER_LZMA2 = 0x21n;
const LZMA_VLI_UNKNOWN = 0xffffffffffffffffn;
const LZMA_DICT_SIZE_MIN = 4096;
const MODE_FAST = 1;
const MODE_NORMAL = 2;
const MF_HC3 = 0x03;
const MF_HC4 = 0x04;
const MF_BT4 = 0x14;
/** sizeof(lzma_options_lzma) on wasm32: ten fields, then reserved ints, enums and pointers. */
const OPTIONS_SIZE = 80;
/** Two lzma_filter entries (id, options), the second the list's end. */
const FILTERS_SIZE = 32;
/** The LZMA2 settings of xz preset `level` (0..9, not extreme), as `lzma_lzma_preset` sets them. */
function presetOptions(level) {
    const dictPow2 = [18, 20, 21, 22, 22, 23, 23, 24, 25, 26][level];
    const fast = level <= 3;
    return {
        dictSize: 2 ** dictPow2,
        lc: 3,
        lp: 0,
        pb: 2,
        mode: fast ? MODE_FAST : MODE_NORMAL,
        niceLen: fast ? (level <= 1 ? 128 : 273) : level === 4 ? 16 : level === 5 ? 32 : 64,
        mf: fast ? (level === 0 ? MF_HC3 : MF_HC4) : MF_BT4,
        depth: fast ? [4, 8, 24, 48][level] : 0
    };
}
/** The dictionary `input` needs at `level`: the preset's, or the input's size if smaller. */
function dictionaryFor(inputSize, level) {
    return Math.min(presetOptions(level).dictSize, Math.max(LZMA_DICT_SIZE_MIN, inputSize));
}
function encodeXz(lzma, input, level) {
    const options = { ...presetOptions(level), dictSize: dictionaryFor(input.length, level) };
    // Enough for incompressible input: LZMA2 stores it in chunks of up to 64 KiB with a 3-byte
    // header each, plus the stream's and the block's headers, index and footer.
    const outSize = input.length + Math.ceil(input.length / 65536) * 3 + 1024;
    const block = lzma._malloc(OPTIONS_SIZE + FILTERS_SIZE + 8 + input.length + outSize);
    if (block === 0)
        throw new Error(`xz: cannot allocate ${input.length + outSize} bytes`);
    try {
        const filters = block; // 8-aligned (malloc)
        const opts = filters + FILTERS_SIZE;
        const outPos = opts + OPTIONS_SIZE;
        const inPtr = outPos + 8;
        const outPtr = inPtr + input.length;
        const heap = lzma.HEAPU8;
        heap.fill(0, block, inPtr);
        heap.set(input, inPtr);
        const view = new DataView(heap.buffer);
        view.setBigUint64(filters, LZMA_FILTER_LZMA2, true);
        view.setUint32(filters + 8, opts, true);
        view.setBigUint64(filters + 16, LZMA_VLI_UNKNOWN, true);
        const fields = [
            options.dictSize,
            0, // preset_dict
            0, // preset_dict_size
            options.lc,
            options.lp,
            options.pb,
            options.mode,
            options.niceLen,
            options.mf,
            options.depth
        ];
        fields.forEach((value, i) => view.setUint32(opts + i * 4, value, true));
        const ret = lzma._lzma_stream_buffer_encode(filters, LZMA_CHECK_CRC64, 0, // the default allocator
        inPtr, input.length, outPtr, outPos, outSize);
        if (ret !== LZMA_OK)
            throw new Error(`xz: liblzma's encoder failed (lzma_ret ${ret})`);
        // The heap may have grown (and its buffer been replaced) during the call: read it afresh.
        const written = new DataView(lzma.HEAPU8.buffer).getUint32(outPos, true);
        return lzma.HEAPU8.slice(outPtr, outPtr + written);
    }
    finally {
        lzma._free(block);
    }
}

/** Index compression for apt (`Packages.gz`, `Packages.xz`) and dnf (`*.xml.gz`). */
function gzip(data) {
    // mtime 0 in the gzip header (zlib's default): the same index always compresses to the same bytes.
    return gzipSync(typeof data === 'string' ? Buffer.from(data) : data, { level: 6 });
}
// The encoder module and its WebAssembly (liblzma itself, ~107 KB) are loaded on the first call
// only, so a run that writes no Packages.xz never pays for them. The library keeps one
// initialised wasm instance for the process; this keeps one import of it.
let encoder;
/**
 * Starts loading the encoder (its WebAssembly compiles on V8's background threads) while the
 * caller does other work, for a run that will write an .xz; a failure is left for `xz` to report.
 */
function preloadXz() {
    loadEncoder().catch(() => {
        encoder = undefined; // `xz` tries again, and reports its own failure
    });
}
function loadEncoder() {
    encoder ??= import('./wasm-BjLwJ5gl.js').then(async (lzma) => {
        await lzma.initModule();
        return lzma;
    });
    return encoder;
}
/**
 * An .xz stream of `data`, LZMA2-compressed by liblzma (compiled to WebAssembly: no native
 * code in the bundle), with a CRC64 check as the `xz` command writes by default, and the
 * preset's dictionary cut to the input's size (see xz-encode.ts). The same input and preset
 * always give the same bytes, which the by-hash copies of an index rely on.
 *
 * `preset` is xz's `-0` .. `-7`; 6 is xz's default. Presets 8 and 9 need 370 and 674 MiB of
 * encoder memory, more than the WebAssembly build can address, and are refused here by name
 * rather than failing inside liblzma with "Cannot allocate memory".
 */
async function xz(data, preset = 6) {
    if (!Number.isInteger(preset) || preset < 0 || preset > 7) {
        throw new RangeError(`xz preset must be an integer from 0 to 7, got ${preset}`);
    }
    const input = typeof data === 'string' ? Buffer.from(data) : data;
    let lzma;
    try {
        lzma = await loadEncoder();
    }
    catch (err) {
        encoder = undefined; // a later call tries again rather than repeating a stale failure
        throw new Error(`cannot load the xz encoder (node-liblzma WebAssembly; in the bundle, liblzma.wasm beside its chunk): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const out = encodeXz(lzma.getModule(), input, preset);
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * xz framing for segmented indexes: apt reads Packages.xz as one xz stream, so each segment is
 * compressed as one block (cut from the stream liblzma writes) and the published file is the
 * blocks under a stream header and an index listing them all, as multi-threaded xz writes.
 */
/** xz stream flags: no reserved bits, CRC64 check (what liblzma writes by default, as we ask). */
const XZ_FLAGS = Buffer.from([0x00, 0x04]);
const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
/**
 * `data` compressed as a single xz block, cut out of the one-block stream liblzma writes. Blocks
 * compressed apart can be joined into one stream under a new index (`xzFrame`), as multi-threaded
 * xz does: apt reads one xz stream only, so concatenated streams would not do.
 */
async function xzBlock(data, preset = 6) {
    const stream = await xz(data, preset);
    const fail = (why) => {
        throw new Error(`xz encoder output: ${why}`);
    };
    if (!stream.subarray(0, 6).equals(XZ_MAGIC) || !stream.subarray(6, 8).equals(XZ_FLAGS))
        fail('not a CRC64 xz stream');
    const footer = stream.subarray(stream.length - 12);
    const indexSize = (footer.readUInt32LE(4) + 1) * 4;
    const indexStart = stream.length - 12 - indexSize;
    let at = 1; // the index indicator byte
    const read = () => {
        const [value, next] = readVarint(stream.subarray(indexStart), at);
        at = next;
        return value;
    };
    if (read() !== 1)
        fail('expected exactly one block');
    const unpaddedSize = read();
    const uncompressedSize = read();
    const bytes = stream.subarray(12, indexStart);
    if (bytes.length !== Math.ceil(unpaddedSize / 4) * 4)
        fail('block size disagrees with its index');
    return { bytes, unpaddedSize, uncompressedSize };
}
/** The xz stream header's length: magic, stream flags, their CRC32. */
const XZ_HEADER_LENGTH = 12;
/** The stream header, and the index and footer, that make `blocks` (in order) one xz stream. */
function xzFrame(blocks) {
    const head = Buffer.concat([XZ_MAGIC, XZ_FLAGS, le32(crc32(XZ_FLAGS))]);
    const indexBody = Buffer.concat([
        Buffer.from([0x00]),
        varint(blocks.length),
        ...blocks.flatMap((b) => [varint(b.unpaddedSize), varint(b.uncompressedSize)])
    ]);
    const index = Buffer.concat([indexBody, Buffer.alloc((4 - (indexBody.length % 4)) % 4)]);
    const indexWithCrc = Buffer.concat([index, le32(crc32(index))]);
    const footerBody = Buffer.concat([le32(indexWithCrc.length / 4 - 1), XZ_FLAGS]);
    const tail = Buffer.concat([indexWithCrc, le32(crc32(footerBody)), footerBody, Buffer.from('YZ')]);
    return { head, tail };
}
function readVarint(buf, at) {
    let value = 0;
    for (let shift = 1;; shift *= 128) {
        if (at >= buf.length)
            throw new Error('xz encoder output: truncated index');
        const byte = buf[at++];
        value += (byte & 0x7f) * shift;
        if (byte < 0x80)
            return [value, at];
    }
}
function le32(n) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n >>> 0);
    return b;
}
function varint(n) {
    const out = [];
    while (n >= 0x80) {
        out.push((n & 0x7f) | 0x80);
        n = Math.floor(n / 128);
    }
    out.push(n);
    return Buffer.from(out);
}

/**
 * Segmented index files. An index (apt's Packages, dnf's primary.xml.gz, ...) is written as a
 * run of segments, each compressed on its own, and the published file is their concatenation:
 * gzip readers decompress concatenated members as one stream (RFC 1952, 2.2) and xz readers
 * concatenated streams (the .xz format, 2.1.1), so the result is an ordinary index to apt and dnf.
 *
 * What it buys: a publish that adds one package compresses one small new segment and copies the
 * bytes of the others; only a segment that loses a package is re-compressed. Segments are kept
 * few by merging the newest ones, like the carries of a binary counter, so every entry is
 * re-compressed O(log n) times over its life, and never more than MAX_SEGMENT_ENTRIES at once.
 */
/** The most entries one merge re-compresses: bounds the worst case of a single publish. */
const MAX_SEGMENT_ENTRIES = 2048;
const countOf = (p) => ('keep' in p ? p.count : p.build.length);
/**
 * The segments of the next generation: old segments untouched by the change are kept byte for
 * byte; those that lost an entry are rebuilt from their survivors; the added entries form a new
 * segment; then the newest segments merge while the older one is at most twice the newer.
 *
 * `survivors(i)` gives the entries of old segment `i` that stay, or undefined when they all do
 * (then its entries need not be known). `load(i)` gives the entries of an old segment that is
 * merged into a new one.
 */
async function planSegments(old, survivors, added, load, maxEntries = MAX_SEGMENT_ENTRIES) {
    const out = [];
    for (const [i, s] of old.entries()) {
        const kept = survivors(i);
        if (kept === undefined && s.lengths.length > 0)
            out.push({ keep: i, count: s.count });
        else if (kept === undefined)
            out.push({ build: s.entries ?? (await load(i)) });
        else if (kept.length > 0)
            out.push({ build: kept });
    }
    if (added.length > 0)
        out.push({ build: added });
    while (out.length >= 2) {
        const b = out[out.length - 1];
        const a = out[out.length - 2];
        if (countOf(a) > 2 * countOf(b) || countOf(a) + countOf(b) > maxEntries)
            break;
        const entries = async (p) => 'build' in p ? p.build : (old[p.keep].entries ?? (await load(p.keep)));
        out.splice(out.length - 2, 2, { build: [...(await entries(a)), ...(await entries(b))] });
    }
    return out;
}
/**
 * The old segments whose text must be read back: those holding an entry the plan rebuilds and
 * whose text is not in memory (entries known only from a manifest carry none).
 */
function segmentsToRead(old, plan, hasText) {
    const building = new Set(plan.flatMap((p) => ('build' in p ? p.build : [])));
    return old.flatMap((s, i) => (s.entries?.some((e) => building.has(e) && !hasText(e)) ? [i] : []));
}
/** True when the plan is exactly the old segments, in order: nothing to write. */
function unchanged(old, plan) {
    return plan.length === old.length && keptInPlace(plan) === plan.length;
}
/** How many planned segments, from the first, are the old segments at the same places. */
function keptInPlace(plan) {
    let kept = 0;
    while (kept < plan.length && plan[kept].keep === kept)
        kept++;
    return kept;
}
/** Where each segment starts in file `file`, after a head of `head` bytes. */
function segmentOffsets(segments, file, head = 0) {
    const out = [];
    let at = head;
    for (const s of segments) {
        out.push(at);
        at += s.lengths[file];
    }
    return out;
}
/** The bytes of old segment `index` in each file. */
function segmentBytes(segments, bodies, index, heads = []) {
    return bodies.map((body, file) => {
        if (segments[index].lengths[file] === undefined)
            throw new Error(`segment ${index}: no length for file ${file}`);
        const start = segmentOffsets(segments, file, heads[file] ?? 0)[index];
        return body.subarray(start, start + segments[index].lengths[file]);
    });
}
/** The lengths each planned segment will have (kept ones as they were). */
function plannedLengths(plan, built, old) {
    return plan.map((p, i) => 'keep' in p
        ? old[p.keep].lengths
        : [...built[i].bytes.map((b) => b.length), ...(built[i].extra ?? [])]);
}

/**
 * The steps apt's `nextIndex` and dnf's `nextRepodata` share once a plan is made: where each
 * planned segment's bytes come from, whether the old files can be extended, and how the next
 * generation's segments are described in its manifest.
 */
/**
 * The bytes of each planned segment in each file: a built segment's own, a kept one's cut from
 * the old files (`bodies`, read only when a kept segment is asked for; `heads[f]` bytes precede
 * the first segment of file f). `of(i)` gives segment i's, `from(first)` those of segments
 * `first`.. (`[i][f]`).
 */
function plannedBytes(plan, built, old, bodies, heads) {
    const of = async (i) => {
        const p = plan[i];
        if (!('keep' in p))
            return built[i].bytes;
        return segmentBytes(old, await bodies(), p.keep, heads);
    };
    return { of, from: (first) => Promise.all(plan.slice(first).map((_, j) => of(first + j))) };
}
/**
 * How many old segments at the start of the index the plan keeps where they are, when everything
 * after them is new (then the old files can be extended: their start stays, the rest is
 * appended); 0 when a kept segment moves or none stays in place.
 */
function appendsAfter(plan) {
    const leading = keptInPlace(plan);
    return plan.slice(leading).some((p) => 'keep' in p) ? 0 : leading;
}
/** The bytes of old file `file` that stay when it is extended: its head and first `leading` segments. */
function keptPrefix(old, leading, file, head) {
    return segmentOffsets(old, file, head)[leading - 1] + old[leading - 1].lengths[file];
}
/**
 * The next generation's segments as its manifest describes them, each with the digest states
 * after it (`states[i]`, per file): kept ones as they were, new ones with their lengths and
 * entries, and the objects listing the entries of new ones (stored under `keyOf(sha256)`).
 */
function nextSegments(plan, built, old, 
/** Per segment; undefined when none were saved (a small index is hashed whole). */
states, codec, keyOf) {
    const lengths = plannedLengths(plan, built, old);
    const segments = plan.map((p, i) => 'keep' in p ? old[p.keep] : { count: p.build.length, lengths: lengths[i], entries: p.build });
    const { segments: described, objects } = storeSegments(segments, codec, keyOf);
    return {
        // A kept segment's old states are dropped with the rest: they may describe bytes before it
        // that changed, so only this generation's hashing may give states.
        segments: described.map((s, i) => {
            const rest = { ...s };
            delete rest.states;
            return states[i] ? { ...rest, states: states[i] } : rest;
        }),
        entryObjects: objects
    };
}

/**
 * Resumable index digests. apt's Release lists the MD5, SHA256 and SHA512 of each index file, and
 * dnf's repomd.xml the SHA256 of each repodata file, compressed and open; an index is written as
 * segments of which a publish usually keeps all but the last (see `segments.ts`). Saving the hash
 * states at each segment boundary lets the next publish resume from the last kept segment and
 * hash only the bytes after it, instead of the whole file.
 *
 * node:crypto cannot export a hash state, so this uses hash-wasm, whose MD5 and SHA-2 save and
 * load theirs. Only the digests of the whole file leave this module; the states stay opaque.
 */
/** The installed hash-wasm; a test checks it against node_modules, so an upgrade bumps it. */
const HASH_WASM_VERSION = '4.13.0';
const SETS = {
    apt: { tag: `d1.hw${HASH_WASM_VERSION}:`, names: ['md5', 'sha256', 'sha512'] },
    sha256: { tag: `s1.hw${HASH_WASM_VERSION}:`, names: ['sha256'] }
};
/**
 * The hash-wasm hashers are fed whole 128-byte blocks only (SHA-512's block; MD5's and SHA-256's
 * 64 divides it), the rest carried in the state by us. Fed that way their saved state is the
 * same for the same bytes however they were split; fed arbitrary pieces it also keeps leftovers
 * of earlier input in the unused end of its block buffer, and so depends on the splits.
 */
const BLOCK = 128;
const SIZE_BYTES = 8;
const CHECK_BYTES = 8;
// Loaded on the first call only, so a run that writes no apt index never loads hash-wasm; the
// hashers are created once per process and reset with load(), since creating one (instantiating
// its WebAssembly) costs more than hashing a small segment. Every use below is synchronous from
// load() to save()/digest(), so concurrent calls cannot interleave on a hasher.
let hashers;
async function loadHashers() {
    hashers ??= createHashers();
    try {
        return await hashers;
    }
    catch (err) {
        hashers = undefined; // a later call tries again rather than repeating a stale failure
        throw new Error(`cannot load the index hashers (hash-wasm): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
}
// Outside any try block: rollup keeps everything a try block reaches (treeshake
// tryCatchDeoptimization), which would bundle all ~30 of hash-wasm's algorithms (272 KB, each an
// inlined WebAssembly binary). Destructured where imported, so only these three are kept (54 KB).
async function createHashers() {
    const { createMD5, createSHA256, createSHA512 } = await import('./index.esm-De9eORvV.js');
    const [md5, sha256, sha512] = await Promise.all([createMD5(), createSHA256(), createSHA512()]);
    // init() would not clear what a digest() left in the block buffer; load(clean) does.
    const entry = (hasher) => ({ hasher, clean: hasher.save() });
    return { md5: entry(md5), sha256: entry(sha256), sha512: entry(sha512) };
}
async function hashersOf(set) {
    const loaded = await loadHashers();
    const { tag, names } = SETS[set];
    return { tag, all: names.map((n) => loaded[n].hasher), clean: names.map((n) => loaded[n].clean) };
}
async function resumeDigests(from, parts, tail = new Uint8Array(0), set = 'apt') {
    const hashers = await hashersOf(set);
    const { all, clean } = hashers;
    let size = 0;
    let carry = new Uint8Array(0);
    if (from === undefined) {
        all.forEach((h, i) => h.load(clean[i]));
    }
    else {
        const loaded = loadState(hashers, from);
        if (!loaded)
            return undefined;
        ({ size, carry } = loaded);
    }
    const update = (bytes) => {
        if (bytes.length > 0)
            for (const h of all)
                h.update(bytes);
    };
    const states = [];
    for (const part of parts) {
        carry = feedBlocks(update, carry, part);
        size += part.length;
        states.push({ size, state: saveState(hashers, size, carry) });
    }
    update(carry);
    update(tail);
    size += tail.length;
    const digests = { size, md5: '', sha1: '', sha256: '', sha512: '' };
    SETS[set].names.forEach((name, i) => (digests[name] = all[i].digest('hex')));
    return { digests, states };
}
/**
 * Feeds the hashers the whole blocks of `carry + data` and returns what is left (under a block).
 * Only the first block is copied; the rest is hashed in place.
 */
function feedBlocks(update, carry, data) {
    let at = 0;
    if (carry.length > 0) {
        const need = BLOCK - carry.length;
        if (data.length < need)
            return concat(carry, data);
        update(concat(carry, data.subarray(0, need)));
        at = need;
    }
    const end = at + Math.floor((data.length - at) / BLOCK) * BLOCK;
    update(data.subarray(at, end));
    return data.subarray(end);
}
function concat(a, b) {
    const out = new Uint8Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
}
/** Layout after the tag, base64: size (u64 LE), the three hash-wasm states, the carry, a check. */
function saveState({ tag, all }, size, carry) {
    const head = Buffer.alloc(SIZE_BYTES);
    head.writeBigUInt64LE(BigInt(size));
    const body = Buffer.concat([head, ...all.map((h) => h.save()), carry]);
    return tag + Buffer.concat([body, check(tag, body)]).toString('base64');
}
/**
 * Loads a saved state into the hashers, or says it cannot. hash-wasm checks that a state is its
 * own build's and of the right length, but would load flipped bytes inside it and give wrong
 * digests; the check bytes (a truncated SHA-256 of the rest) catch that.
 */
function loadState({ tag, all, clean }, from) {
    if (typeof from.state !== 'string' || !from.state.startsWith(tag))
        return undefined;
    if (!Number.isSafeInteger(from.size) || from.size < 0)
        return undefined;
    const encoded = from.state.slice(tag.length);
    const bytes = Buffer.from(encoded, 'base64');
    // Node's decoder skips what is not base64 and stops at padding; only the exact string saved counts.
    if (bytes.toString('base64') !== encoded)
        return undefined;
    const statesLength = clean.reduce((n, s) => n + s.length, 0);
    const carryLength = from.size % BLOCK;
    if (bytes.length !== SIZE_BYTES + statesLength + carryLength + CHECK_BYTES)
        return undefined;
    const body = bytes.subarray(0, bytes.length - CHECK_BYTES);
    if (!check(tag, body).equals(bytes.subarray(body.length)))
        return undefined;
    if (body.readBigUInt64LE(0) !== BigInt(from.size))
        return undefined;
    let at = SIZE_BYTES;
    try {
        all.forEach((h, i) => {
            h.load(body.subarray(at, at + clean[i].length));
            at += clean[i].length;
        });
    }
    catch {
        return undefined; // another build of hash-wasm: its own check refused the state
    }
    return { size: from.size, carry: new Uint8Array(body.subarray(at)) };
}
function check(tag, body) {
    return createHash('sha256').update(tag).update(body).digest().subarray(0, CHECK_BYTES);
}

/**
 * The digests (`set`: apt's MD5, SHA256 and SHA512, or SHA256 alone) of each file of a segmented
 * index's next generation, and the digest state after each of its segments in each file.
 *
 * Hashing resumes after the old segments the plan keeps in place at the start of the index,
 * from the states saved with them, so adding a package hashes only the new segment and the
 * file's tail instead of the whole file. A file whose state cannot be resumed (none saved, or
 * saved by another version) is hashed from its first byte.
 *
 * `partsFrom(first)` gives the bytes of planned segments `first`.. in each file (`[i][f]`), so
 * a kept segment's old bytes are read only when hashing must start before it; `heads[f]` and
 * `tails[f]` frame file f.
 */
async function segmentedDigests(plan, old, partsFrom, frame, set = 'apt') {
    const files = frame.heads.length;
    // The old segments kept where they were, each with a state for every file.
    const inPlace = keptInPlace(plan);
    let kept = 0;
    while (kept < inPlace && old[kept].states?.length === files)
        kept++;
    const digests = [];
    const states = [];
    const after = kept > 0 ? await partsFrom(kept) : [];
    // Every file that cannot resume hashes the same parts: they are got once.
    let fromStart;
    for (let f = 0; f < files; f++) {
        const resumed = kept > 0
            ? await resumeDigests(old[kept - 1].states[f], after.map((p) => p[f]), frame.tails[f], set)
            : undefined;
        if (resumed) {
            digests.push(resumed.digests);
            states.push([...old.slice(0, kept).map((s) => s.states[f]), ...resumed.states]);
            continue;
        }
        // From the first byte: the head is a part of its own, whose state nobody needs.
        const bytes = (await (fromStart ??= partsFrom(0))).map((p) => p[f]);
        const whole = await resumeDigests(undefined, [frame.heads[f], ...bytes], frame.tails[f], set);
        digests.push(whole.digests);
        states.push(whole.states.slice(1));
    }
    // Per segment, then per file, as a manifest keeps them.
    return { digests, states: plan.map((_, i) => states.map((perFile) => perFile[i])) };
}

/**
 * Each segment's xz block is compressed once and copied from then on; preset 1 (1 MiB
 * dictionary) already spans a whole segment and keeps adding one package quick.
 */
const XZ_PRESET = 1;
/**
 * Below this many bytes (Packages, .gz and .xz together: about 2,000 packages), the index files
 * are hashed whole with node:crypto and no digest states are saved: that costs a few
 * milliseconds, less than loading hash-wasm, which resuming from saved states needs (see
 * `digest-state.ts`). A larger index saves states, and the next publish resumes from them.
 * A setting, not a constant, so tests of resuming can lower it to 0.
 */
const digestStates = { fromBytes: 2 << 20 };
/**
 * The files of one architecture's next index: Packages, Packages.gz, Packages.xz and the segment
 * manifest, or undefined when its segments stay as they are.
 *
 * A publish that appends keeps the old files' bytes up to its first new segment; a store that
 * can extend an object (the file store: a copy inside the kernel) writes only the new bytes
 * after them, and the old files are not read at all. Otherwise the files are put whole.
 */
async function nextIndex(o, arch, index, 
/** What the snapshot's Release lists: where the old index files are, by hash. */
listed, change) {
    const old = index.segments;
    const plan = await planSegments(old, change.survivors, change.added, async (i) => (old[i].entries ??= await index.load(old[i])));
    // Unchanged only when its files were written with a manifest (a first publish writes empty ones).
    if (index.segmented && change.added.length === 0 && unchanged(old, plan))
        return undefined;
    const oldFiles = oldIndexFiles(o, arch, listed);
    await readRebuiltTexts(o.store, old, plan, () => oldFiles.key(LENGTH.plain));
    const built = await Promise.all(plan.map((p) => ('keep' in p ? undefined : buildSegment$1(p.build))));
    const lengths = plannedLengths(plan, built, old);
    const frame = indexFrame(lengths);
    const bytes = plannedBytes(plan, built, old, oldFiles.bodies, OLD_HEADS);
    const size = [...lengths.flat(), ...[...frame.heads, ...frame.tails].map((b) => b.length)];
    const { digests, states } = sum(size) < digestStates.fromBytes
        ? await wholeDigests(await bytes.from(0), frame, plan.length)
        : await segmentedDigests(plan, old, bytes.from, frame);
    // Only a store that also copies: the other names of a file it extends are copies of it.
    const leading = o.store.extend && o.store.copy ? appendsAfter(plan) : 0;
    // The bytes this publish writes: after the kept start when extending, else all of them.
    const parts = await bytes.from(leading);
    const files = INDEX_FILES.map((name, f) => {
        const written = [...parts.map((b) => b[f]), frame.tails[f]];
        if (leading === 0)
            return { name, digests: digests[f], body: Buffer.concat([frame.heads[f], ...written]) };
        const keep = keptPrefix(old, leading, f, OLD_HEADS[f]);
        return { name, digests: digests[f], extend: { from: oldFiles.key(f), keep, append: written } };
    });
    const { segments, entryObjects } = nextSegments(plan, built, old, states, ENTRY_CODEC, (sha) => entriesKey(o.prefix, arch, sha));
    const manifest = Buffer.from(renderManifest({
        packagesSha256: files[0].digests.sha256,
        retention: change.retention,
        segments
    }));
    files.push({ name: MANIFEST_FILE, body: manifest, digests: indexDigests(manifest) });
    return { files, segments, entryObjects };
}
/** The digests of each whole file (`parts[segment][file]` between its head and tail); no states. */
function wholeDigests(parts, frame, segments) {
    const digests = frame.heads.map((head, f) => indexDigests(Buffer.concat([head, ...parts.map((p) => p[f]), frame.tails[f]])));
    return { digests, states: Array(segments).fill(undefined) };
}
function sum(values) {
    return values.reduce((a, b) => a + b, 0);
}
/** The old xz stream's header is the same as the new one's: its blocks begin after it. */
const OLD_HEADS = [0, 0, XZ_HEADER_LENGTH];
/**
 * The old index files of `arch`, by the hash the Release lists them under: their keys, and
 * their bytes, read once and only when some must be copied by us.
 */
function oldIndexFiles(o, arch, listed) {
    const shown = (f) => `${dists(o.prefix)}/${indexDir(arch)}/${INDEX_FILES[f]}`;
    const key = (f) => {
        const sha256 = listed.get(`${indexDir(arch)}/${INDEX_FILES[f]}`)?.sha256;
        if (sha256 === undefined)
            throw new Error(`${o.store.location}/${shown(f)}: not listed in the Release`);
        return byHash(o.prefix, arch, sha256);
    };
    let bodies;
    return {
        key,
        bodies: () => (bodies ??= Promise.all(INDEX_FILES.map((_, f) => readListed(o.store, key(f), 'the Release', { shown: shown(f) }))))
    };
}
/**
 * Old entries the plan rebuilds carry no text when known from a manifest: it is read back from
 * their old segment's range of Packages (`plainKey`).
 */
async function readRebuiltTexts(store, old, plan, plainKey) {
    await Promise.all(segmentsToRead(old, plan, (e) => e.text !== undefined).map(async (i) => {
        const start = segmentOffsets(old, LENGTH.plain)[i];
        const range = { start, end: start + old[i].lengths[LENGTH.plain] };
        const plain = await readListedRange(store, plainKey(), range, 'the Release');
        const texts = segmentStanzas(plain);
        old[i].entries.forEach((e, j) => (e.text = texts[j]));
    }));
}
/** A new segment: its Packages text, that gzip'd, and one xz block of it (with its unpadded size). */
async function buildSegment$1(entries) {
    const plain = Buffer.from(segmentText(entries));
    const block = await xzBlock(plain, XZ_PRESET);
    return { bytes: [plain, gzip(plain), block.bytes], extra: [block.unpaddedSize] };
}
/**
 * What frames the segments in each file: Packages.xz is one stream, its blocks (one per segment)
 * under a header and an index of them all; an index with no package is still a valid (empty)
 * compressed file.
 */
function indexFrame(lengths) {
    const xz = xzFrame(lengths.map((l) => ({ unpaddedSize: l[LENGTH.xzUnpadded], uncompressedSize: l[LENGTH.plain] })));
    const none = Buffer.alloc(0);
    return {
        heads: [none, none, xz.head],
        tails: [none, lengths.length === 0 ? gzip('') : none, xz.tail]
    };
}
/** What a copy of an index file needs to know: its bytes, for a store that cannot copy. */
const copied = (file) => ({
    bytes: file.body,
    sha256: file.digests.sha256,
    size: file.digests.size
});

/**
 * Finishing a committed generation: the files that follow a repository's commit point (the
 * signed index) are brought in line with it. A commit point and what follows it cannot change
 * in one atomic step, so two things can leave them apart: a publish that stopped between them
 * (killed, or a store that failed mid-way), and racing publishes, where one that committed
 * earlier writes its followers after one that committed later. So every publish, after its own
 * commit and also when it has nothing to add (a re-run), looks at the current commit point,
 * writes only what does not match it, and looks again: when the commit point moved meanwhile,
 * it finishes the newer one. Whoever commits last finishes last, so the store settles on the
 * files of the current generation.
 */
/** How often the commit point may move under one finishing publish before it leaves the rest to the others. */
const ROUNDS = 20;
/**
 * Runs `finish` on the current version of `key` until that version no longer changes under it.
 * `finish` is handed the object's text; it returns nothing when the object is absent.
 */
async function followCommitPoint(o, key, finish) {
    let current = await readVersioned(o.store, key);
    for (let round = 1; current && round <= ROUNDS; round++) {
        await finish(current.text);
        const after = await readVersioned(o.store, key);
        if (after?.etag === current.etag)
            return;
        current = after;
    }
}
/** True when `signature` holds a valid detached signature over `data` by every signing key. */
async function signedByAll(data, signature, keys) {
    if (!signature)
        return false;
    if (keys.fast) {
        // Keys read by hand check their own signatures by hand; one it cannot check is signed again.
        const fast = keys.fast;
        try {
            const sigs = armoredPackets(signature.toString('utf8'), 'SIGNATURE').filter((p) => p.tag === TAG.signature);
            return fast.every((key) => sigs.some((p) => checkSignature(p.body, [key], (h) => h.update(data, 'utf8')) === true));
        }
        catch {
            return false;
        }
    }
    const openpgp = await loadOpenpgp();
    const openpgpKeys = await keys.openpgpKeys();
    try {
        const verified = await openpgp.verify({
            message: await openpgp.createMessage({ binary: Buffer.from(data, 'utf8') }),
            signature: await openpgp.readSignature({ armoredSignature: signature.toString('utf8') }),
            verificationKeys: openpgpKeys.map((k) => k.toPublic()),
            expectSigned: false
        });
        const valid = await Promise.all(verified.signatures.map(async (s) => {
            try {
                await s.verified;
                return s.keyID.toHex();
            }
            catch {
                return undefined;
            }
        }));
        // Every key signs (a rotation signs with old and new): each one must have a valid signature.
        return openpgpKeys.every((k) => k
            .getKeys()
            .some((sub) => valid.some((id) => id !== undefined && sub.getKeyID().toHex() === id)));
    }
    catch {
        return false;
    }
}
/** Writes `key` = `text` unless it holds these bytes already. */
async function ensureText(o, key, text, contentType) {
    if ((await readObject(o.store, key))?.toString('utf8') === text)
        return;
    await o.uploader.bytes(key, text, contentType === 'text/html' ? 'listing' : 'index', contentType);
}
/**
 * Writes the detached signature `key` of `text` unless it holds a valid one already. The
 * publish that committed `text` signed it beforehand (`presigned`): it writes that at once.
 */
async function ensureSignature(o, key, text, presigned) {
    if (presigned?.text === text) {
        await o.uploader.bytes(key, presigned.signature, 'signature');
        return;
    }
    if (await signedByAll(text, await readObject(o.store, key), o.keys))
        return;
    o.log.debug(`${key} does not sign the current index: signing it`);
    await o.uploader.bytes(key, await detachSign(text, o.keys), 'signature');
}
/**
 * apt: Release and Release.gpg hold what InRelease signs, and every plain index file
 * (Packages, .gz, .xz) the bytes Release lists for it, copied from its by-hash name (which is
 * content-addressed, so always right): clients with by-hash turned off read the plain names.
 */
function finishApt(o, presigned) {
    const base = dists(o.prefix);
    return followCommitPoint(o, `${base}/InRelease`, async (inRelease) => {
        const release = releaseText(inRelease);
        const listed = releaseFiles(release, `${base}/InRelease`);
        const plain = [...listed].filter(([name]) => INDEX_FILES.includes(name.slice(name.lastIndexOf('/') + 1)));
        await Promise.all([
            ensureText(o, `${base}/Release`, release),
            ensureSignature(o, `${base}/Release.gpg`, release, presigned),
            ...plain.map(async ([name, { sha256, size }]) => {
                const dir = name.slice(0, name.lastIndexOf('/'));
                const from = `${base}/${dir}/by-hash/SHA256/${sha256}`;
                const to = `${base}/${name}`;
                const [source, target] = await Promise.all([o.store.head(from), o.store.head(to)]);
                // Copies share their source's etag (a hard link, a server-side copy): nothing to read.
                if (!source || (target && target.etag === source.etag))
                    return;
                if (target?.size === size) {
                    const bytes = await readObject(o.store, to);
                    if (bytes && sha256Hex(bytes) === sha256)
                        return;
                }
                const body = o.store.copy ? undefined : await readObject(o.store, from);
                await o.uploader.copy(from, to, { bytes: body, sha256, size }, 'index');
            })
        ]);
    });
}
/** dnf: repomd.xml.asc is a valid signature of the current repomd.xml. */
function finishDnf(o, presigned) {
    const key = `${o.prefix}/repodata/repomd.xml`;
    return followCommitPoint(o, key, async (repomd) => {
        parseRepomd(repomd);
        await ensureSignature(o, `${key}.asc`, repomd, presigned);
    });
}

/**
 * One apt repository in the store (`packages/deb` or `packages/deb-dev`): package files in
 * `stable/`, suite `stable`, component `main`. A publish is a transaction: packages first, then
 * content-addressed indexes (by-hash), then the plain indexes, and last InRelease, written with
 * a compare-and-swap on the generation it merged into, then Release and Release.gpg.
 *
 * Its parts: where the files are (apt-layout.ts), reading the signed generation
 * (apt-snapshot.ts), merging a change into it (apt-merge.ts), and the next index files
 * (apt-index.ts).
 */
/**
 * apt fetches by-hash under the strongest hash the Release lists (SHA512 here); SHA256 copies
 * serve older clients. MD5 stays listed in Release for completeness but has no by-hash copies.
 */
const HASH_DIRS = [
    ['SHA256', 'sha256'],
    ['SHA512', 'sha512']
];
/**
 * Writes a new generation of the indexes, retrying the merge when another publish committed
 * first. Returns what changed. Package files must already be in the store.
 */
async function commitApt(change, o) {
    const superseded = listSuperseded(o.store, `${dists(o.prefix)}/${COMPONENT}/`);
    const { snapshot, release, releaseGpg, commit, keepEntries, names } = await retryOnConflict(async (attempt) => {
        const snapshot = attempt === 1 && o.snapshot ? o.snapshot : await readAptSnapshot(o.store, o.prefix);
        const { indexes, commit } = await mergeApt(snapshot, change);
        const previous = snapshot.release
            ? releaseDigests(snapshot.release, `${dists(o.prefix)}/InRelease`)
            : new Map();
        // A repository keeps its compression set: Packages.xz only where the Release had it (a
        // new repository gets it), so another tool that lists every Packages* file it finds
        // never lists one that no one rewrites.
        const names = indexNames(snapshot.release, previous);
        const next = await Promise.all(ARCHITECTURES.map((arch) => nextIndex(o, arch, snapshot.indexes.get(arch), previous, indexes.get(arch))));
        const keepEntries = entryObjectsNamed(o.prefix, next, snapshot);
        const { files, written } = indexListing(o.prefix, next, previous, names);
        const release = nextRelease(o, snapshot.release, files, commit.pending);
        // Safe order: the packages and the content-addressed files first, then the other names,
        // then the signed Release. The Release names only digests, known now: it is signed while
        // the files are written, so the commit follows the last copy.
        const writing = writeContentAddressed(o, next, written);
        // Started once the writes are under way: signing takes the event loop for a moment.
        const signed = Promise.all([clearSign(release, o.keys), detachSign(release, o.keys)]);
        signed.catch(() => { }); // awaited below; a write that fails first leaves it unread
        await writing;
        await copyIndexNames(o, written);
        const [inRelease, releaseGpg] = await signed;
        // Files pending deletion whose grace has passed go before the generation that forgets
        // them commits: a publish stopped in between leaves them pending, never unnamed.
        await deletePackageFiles(o.store, o.prefix, commit.due, o.log);
        await o.uploader.commit(`${dists(o.prefix)}/InRelease`, inRelease, snapshot.etag, 'signature');
        return { snapshot, release, releaseGpg, commit, keepEntries, names };
    }, mergingAgain(o.log, o.prefix));
    // Release, Release.gpg and the plain indexes follow InRelease (the current one: a publish
    // that committed after this one is finished too); what no generation names goes meanwhile.
    await Promise.all([
        finishApt(o, { text: release, signature: releaseGpg }),
        pruneApt(o, superseded, [release, snapshot.release ?? ''], keepEntries),
        deleteUnlisted(o, names)
    ]);
    logPending(o.log, o.prefix, commit.removedFiles, commit.pending);
    return commit;
}
/**
 * What the next Release lists for each index (an unchanged index keeps its files and their
 * listing) and the files to write: every file the Release lists is served under each of its
 * hashes, and the indexes under their plain names too.
 */
function indexListing(prefix, next, previous, names) {
    const files = [];
    const written = [];
    for (const [i, arch] of ARCHITECTURES.entries()) {
        const dir = indexDir(arch);
        const index = next[i];
        if (!index) {
            for (const n of names) {
                const listed = previous.get(`${dir}/${n}`);
                if (!listed)
                    throw new Error(`${dists(prefix)}/Release does not list ${dir}/${n}`);
                files.push({ path: `${dir}/${n}`, digests: listed });
            }
            continue;
        }
        for (const file of index.files) {
            const { name, digests } = file;
            if (!names.includes(name))
                continue;
            files.push({ path: `${dir}/${name}`, digests });
            const [first, ...others] = HASH_DIRS.map(([hashDir, hash]) => `${dists(prefix)}/${dir}/by-hash/${hashDir}/${digests[hash]}`);
            written.push({
                byHash: first,
                copies: others,
                plain: name === MANIFEST_FILE ? undefined : `${dists(prefix)}/${dir}/${name}`,
                file
            });
        }
    }
    return { files, written };
}
/**
 * Entry objects this generation's manifests name, or the previous one's: they stay (as long as
 * the by-hash files of both).
 */
function entryObjectsNamed(prefix, next, snapshot) {
    return new Set(ARCHITECTURES.flatMap((arch, i) => [...(next[i]?.segments ?? []), ...snapshot.indexes.get(arch).segments].map((s) => entriesKey(prefix, arch, s.entriesSha256))));
}
/** The next Release: an existing repository keeps its own fields (see keptReleaseFields). */
function nextRelease(o, previous, files, pending) {
    const kept = previous ? keptReleaseFields(previous) : {};
    return renderRelease({
        origin: kept.origin ?? o.origin ?? o.prefix,
        label: kept.label ?? o.label ?? o.origin ?? o.prefix,
        suite: kept.suite ?? SUITE,
        codename: kept.codename ?? SUITE,
        description: kept.description,
        date: (o.now ?? (() => new Date()))(),
        architectures: kept.architectures ? [kept.architectures] : ARCHITECTURES,
        components: [COMPONENT],
        files,
        extra: renderPendingField(pending)
    });
}
/**
 * Writes what no reader finds before the Release names it: the packages (`o.stored`), the entry
 * objects the manifests name, and each index file under its SHA256 (extending the old one where
 * it can).
 */
async function writeContentAddressed(o, next, written) {
    await Promise.all([
        o.stored,
        ...next.flatMap((n) => (n?.entryObjects ?? []).map((e) => o.uploader.immutable(e.key, e.body, 'index', e.sha256))),
        ...written.map(({ byHash, file }) => file.extend
            ? o.uploader.extend(file.extend, byHash, file.digests.sha256, 'index')
            : o.uploader.immutable(byHash, file.body, 'index', file.digests.sha256))
    ]);
}
/** The other names of each file written: other by-hash names hold the same bytes if they exist; plain names are replaced. */
async function copyIndexNames(o, written) {
    await Promise.all(written.flatMap((w) => [
        ...w.copies.map((to) => o.uploader.copy(w.byHash, to, copied(w.file), 'index', { createOnly: true })),
        ...(w.plain ? [o.uploader.copy(w.byHash, w.plain, copied(w.file), 'index')] : [])
    ]));
}
/** The files of each index this generation lists: INDEX_FILES, less Packages.xz where the Release had none. */
function indexNames(release, previous) {
    const xz = release === undefined || [...previous.keys()].some((p) => p.endsWith('/Packages.xz'));
    return [...INDEX_FILES, MANIFEST_FILE].filter((n) => xz || n !== 'Packages.xz');
}
/**
 * Deletes the compressed indexes another tool left beside ours that the new Release does not
 * list (Falco's Packages.bz2, a Packages.xz we no longer write): they would go stale, and a
 * tool listing every Packages* file it finds would publish them again. apt falls back to
 * another compression when one it read of in an older Release is gone.
 */
async function deleteUnlisted(o, names) {
    const stale = ['Packages.bz2', 'Packages.xz', 'Packages.lzma', 'Packages.zst'].filter((n) => !names.includes(n));
    await Promise.all(ARCHITECTURES.flatMap((arch) => stale.map(async (n) => {
        const key = `${dists(o.prefix)}/${indexDir(arch)}/${n}`;
        if (await o.store.head(key))
            await o.store.delete(key);
    })));
}
/**
 * Prunes what neither of `releases` (the generation committed and the one before it) nor the
 * current one (another publish may have committed since) names.
 */
async function pruneApt(o, superseded, releases, keepEntries) {
    const current = await readAptSnapshot(o.store, o.prefix);
    for (const [arch, index] of current.indexes)
        for (const s of index.segments)
            keepEntries.add(entriesKey(o.prefix, arch, s.entriesSha256));
    await pruneSuperseded(o.store, superseded, prunableIn([...releases, current.release ?? ''], keepEntries), o.log);
}
/**
 * What a publish may delete under `dists/<suite>/main/`: by-hash copies listed by neither the
 * current nor the previous Release, and entry objects neither generation's manifests name.
 */
function prunableIn(releases, keepEntries) {
    const keep = new Set(releases.flatMap(releaseFilesAllHashes));
    return (key) => key.includes('/by-hash/')
        ? !keep.has(path.posix.basename(key))
        : key.includes(`/${ENTRIES_DIR}/`) && !keepEntries.has(key);
}
function releaseFilesAllHashes(release) {
    return [...release.matchAll(/^ ([0-9a-f]{32,128}) +\d+ \S+$/gm)].map((m) => m[1]);
}

/** rpm's version ordering (rpmvercmp) over `epoch:version-release`: retention keeps the newest. */
function compareRpmEvr(a, b) {
    return a.epoch - b.epoch || rpmvercmp(a.version, b.version) || rpmvercmp(a.release, b.release);
}
function rpmvercmp(a, b) {
    if (a === b)
        return 0;
    const sa = a.match(/~|\^|[0-9]+|[A-Za-z]+/g) ?? [];
    const sb = b.match(/~|\^|[0-9]+|[A-Za-z]+/g) ?? [];
    let i = 0;
    for (; i < sa.length && i < sb.length; i++) {
        const x = sa[i];
        const y = sb[i];
        if (x === y)
            continue;
        if (x === '~' || y === '~')
            return x === '~' ? -1 : 1;
        if (x === '^' || y === '^')
            return x === '^' ? -1 : 1;
        const xn = /^\d/.test(x);
        const yn = /^\d/.test(y);
        if (xn !== yn)
            return xn ? 1 : -1;
        if (xn) {
            const xs = x.replace(/^0+/, '');
            const ys = y.replace(/^0+/, '');
            if (xs.length !== ys.length)
                return xs.length - ys.length;
            if (xs === ys)
                continue;
            return xs < ys ? -1 : 1;
        }
        return x < y ? -1 : 1;
    }
    const ra = sa[i];
    const rb = sb[i];
    if (ra === undefined && rb === undefined)
        return 0;
    if (ra === '~')
        return -1;
    if (rb === '~')
        return 1;
    if (ra === '^')
        return rb === undefined ? 1 : -1;
    if (rb === '^')
        return ra === undefined ? -1 : 1;
    return ra === undefined ? -1 : 1;
}

/**
 * Merges a change into a snapshot (an added package replaces one with the same name/EVR/arch or
 * the same file name). Only the segments that may hold an added name or file are loaded, unless
 * the change must look at every record (removal patterns, or a smaller retention than the
 * repodata last satisfied).
 */
async function mergeDnf(snapshot, change) {
    const added = new Map();
    for (const pkg of change.added) {
        const rec = { ...recordOf(pkg, path.basename(pkg.file)), sourceSha256: pkg.sourceSha256 };
        added.set(recordKey(rec), rec);
    }
    const everything = needsEveryEntry(change, [snapshot]);
    // A pending file published again leaves the pending list: the segments naming it are read too.
    await loadMatching([snapshot], everything
        ? 'all'
        : [
            ...[...added.values()].flatMap((r) => [nameKey(r.name), fileKey(r.location)]),
            ...[...(snapshot.pending ?? new Map()).keys()].map(fileKey)
        ]);
    const replacedFiles = new Set([...added.values()].map((r) => r.location));
    const removed = (r) => change.remove?.(r.name, `${r.version}-${r.release}`) === true ||
        change.remove?.(r.name, r.version) === true;
    const loaded = snapshot.segments.flatMap((s) => s.entries ?? []);
    let survivors = new Set(loaded.filter((r) => !added.has(recordKey(r)) && !replacedFiles.has(r.location) && !removed(r)));
    let adds = [...added.values()].filter((r) => !removed(r));
    if (change.retention !== undefined) {
        const evr = (r) => `${r.epoch}:${r.version}-${r.release}`;
        const dropped = versionsBeyond([...survivors, ...adds], change.retention, (r) => r.name, evr, (a, b) => compareRpmEvr(b, a));
        if (dropped.size > 0) {
            const stays = (r) => !dropped.get(r.name)?.has(evr(r));
            survivors = new Set([...survivors].filter(stays));
            adds = adds.filter(stays);
        }
    }
    const stays = new Map();
    const gone = [];
    snapshot.segments.forEach((s, i) => {
        if (!s.entries)
            return;
        const kept = s.entries.filter((r) => survivors.has(r));
        if (kept.length === s.entries.length)
            return;
        stays.set(i, kept);
        gone.push(...s.entries.filter((r) => !survivors.has(r)));
    });
    // A file published again under its name stays; the others leave with their records.
    const addedFiles = new Set(adds.map((r) => r.location));
    const left = gone.filter((r) => !addedFiles.has(r.location));
    // An added package the retention drops at once was uploaded for nothing: it leaves with them,
    // unless its file is named still (published again under the name of a record that stays).
    const kept = new Set([...survivors].map((r) => r.location));
    const unindexed = [...added.values()]
        .map((r) => r.location)
        .filter((f) => !addedFiles.has(f) && !kept.has(f));
    const removedFiles = [...new Set([...left.map((r) => r.location), ...unindexed])];
    const { pending, due } = nextPending(snapshot.pending ?? new Map(), removedFiles, (f) => kept.has(f) || addedFiles.has(f), (change.now ?? (() => new Date()))(), change.graceMs ?? 0);
    return {
        survivors: (i) => stays.get(i),
        added: adds,
        retention: change.retention ?? snapshot.retention,
        pending,
        commit: {
            // What the retention dropped at once was not added.
            added: change.added.map((p) => path.basename(p.file)).filter((f) => addedFiles.has(f)),
            removed: left.map((r) => `${r.name}-${r.version}-${r.release}.${r.arch}`),
            removedFiles,
            pending,
            due
        }
    };
}

/**
 * The files of the next repodata: primary, filelists and other (`.xml.gz`), built from the
 * segments the merge keeps and the ones it adds, the segment manifest, and the objects listing
 * new segments' packages.
 */
const gunzip = promisify(gunzip$1);
/** Reads back the XML fragments of old records whose segment is being rebuilt. */
async function loadFragments(snapshot, plan) {
    const layout = snapshot.layout;
    if (!layout)
        return; // a new repository: every record is added, with its XML
    for (const i of segmentsToRead(snapshot.segments, plan, (r) => r.primary !== undefined)) {
        const members = segmentBytes(snapshot.segments, await layout.bodies(), i, layout.heads);
        const xml = await Promise.all(members.map(async (m) => splitFragments((await gunzip(m)).toString('utf8'))));
        snapshot.segments[i].entries.forEach((r, j) => {
            r.primary = xml[0][j];
            r.filelists = xml[1][j];
            r.other = xml[2][j];
        });
    }
}
/**
 * The files of the next repodata: primary/filelists/other, the manifest, and the objects
 * listing the packages of new segments; then the segments they are cut into.
 *
 * Each XML file opens the same way in every generation, so its digests, compressed and open,
 * resume from the states saved after the old segments it keeps at its start: adding a package
 * hashes its new segment and the closing tag, not the 13 MiB of XML of 10,000 packages. A store
 * that can extend an object (the file store) writes only the bytes after those segments, and the
 * old files are not read; another store gets whole files, assembled from the old ones.
 */
async function nextRepodata(o, snapshot, merge) {
    const old = snapshot.segments;
    const layout = snapshot.layout;
    const plan = await planSegments(old, merge.survivors, merge.added, async (i) => (old[i].entries ??= await snapshot.load(old[i])));
    await loadFragments(snapshot, plan);
    const built = plan.map((p) => ('keep' in p ? undefined : buildSegment(p.build)));
    const frame = repodataFrame();
    // Kept segments exist only where there was a repository, hence a layout.
    const oldHeads = layout?.heads ?? [];
    const compressed = plannedBytes(plan, built, old, () => layout.bodies(), oldHeads);
    const { digests, states } = await segmentedDigests(plan, old, (first) => Promise.all(plan.slice(first).map((_, j) => digestedBytes(compressed.of, built, first + j))), frame, 'sha256');
    const leading = o.store.extend ? extendable(plan, old, oldHeads, frame.heads) : 0;
    const parts = await compressed.from(leading);
    const files = XML_FILES.map((f, i) => {
        const data = repomdData(f.type, digests[i], digests[XML_FILES.length + i]);
        const written = [...parts.map((b) => b[i]), frame.tails[i]];
        if (leading === 0)
            return { data, body: Buffer.concat([frame.heads[i], ...written]) };
        const keep = keptPrefix(old, leading, i, oldHeads[i]);
        return { data, extend: { from: layout.keys[i], keep, append: written } };
    });
    const { segments, entryObjects } = nextSegments(plan, built, old, states, ENTRY_CODEC$1, (sha) => entriesKey$1(o.prefix, sha));
    const manifest = Buffer.from(renderManifest$1({
        primarySha256: files[0].data.sha256,
        heads: frame.heads.slice(0, XML_FILES.length).map((h) => h.length),
        retention: merge.retention,
        pending: merge.pending,
        segments
    }));
    files.push({ data: manifestData(manifest), body: manifest });
    return { files, entryObjects, segments };
}
/**
 * How many old segments at the start of each file stay where they are, when the old files can be
 * extended after them (else 0): only when a manifest with states was written, hence with the
 * openings of today, and those openings are as long as now.
 */
function extendable(plan, old, oldHeads, heads) {
    const leading = appendsAfter(plan);
    if (leading === 0 || old[leading - 1].states === undefined)
        return 0;
    return oldHeads.every((length, f) => length === heads[f].length) ? leading : 0;
}
/** A new segment: its XML in each file, and that compressed. */
function buildSegment(records) {
    const xml = XML_FILES.map((f) => Buffer.from(records.map((r) => f.fragment(r)).join('')));
    return { xml, bytes: xml.map((x) => gzip(x)) };
}
/**
 * What frames the segments of the digested files: the three .xml.gz, then the same XML open
 * (see DIGESTED_FILES). Each opens and closes the same way in every generation.
 */
function repodataFrame() {
    const opens = XML_FILES.map((f) => Buffer.from(f.open));
    const closes = XML_FILES.map((f) => Buffer.from(f.close));
    return {
        heads: [...opens.map((x) => gzip(x)), ...opens],
        tails: [...closes.map((x) => gzip(x)), ...closes]
    };
}
/** Planned segment i in every digested file: its gzip members, then its XML (a kept one's inflated). */
async function digestedBytes(compressed, built, i) {
    const gz = await compressed(i);
    const xml = built[i]?.xml ?? (await Promise.all(gz.map((m) => gunzip(m))));
    return [...gz, ...xml];
}
/** The repomd.xml entry of an XML file, from its digests compressed and open. */
function repomdData(type, gz, open) {
    return {
        type,
        location: `repodata/${gz.sha256}-${type}.xml.gz`,
        sha256: gz.sha256,
        size: gz.size,
        openSha256: open.sha256,
        openSize: open.size
    };
}
/** The repomd.xml entry of the segment manifest (stored as it is: open and compressed alike). */
function manifestData(manifest) {
    const sha256 = sha256Hex(manifest);
    return {
        type: SEGMENTS_TYPE,
        location: `repodata/${sha256}-segments.json`,
        sha256,
        size: manifest.length,
        openSha256: sha256,
        openSize: manifest.length
    };
}

/**
 * One dnf repository in the store (`packages/rpm` or `packages/rpm-dev`): packages at the root,
 * `repodata/` with content-addressed `<sha256>-primary.xml.gz` & co. (older generations stay
 * readable while clients hold an older repomd.xml), and repomd.xml + repomd.xml.asc last,
 * repomd.xml written with a compare-and-swap.
 *
 * What the repodata holds is kept as an extra repomd entry of type `falco-publish-segments`
 * (dnf ignores types it does not know): a publish merges into it without downloading or
 * re-reading any package, and re-compresses only the segments that change.
 *
 * Its parts: reading the signed generation (dnf-snapshot.ts), signing packages (dnf-sign.ts),
 * merging a change (dnf-merge.ts) and the next repodata (dnf-repodata.ts).
 */
async function commitDnf(change, o) {
    const superseded = listSuperseded(o.store, `${o.prefix}/repodata/`);
    const { snapshot, repomd, signature, commit, segments } = await retryOnConflict(async (attempt) => {
        const snapshot = attempt === 1 && o.snapshot ? o.snapshot : await readDnfSnapshot(o.store, o.prefix);
        const merge = await mergeDnf(snapshot, change);
        const { files, entryObjects, segments } = await nextRepodata(o, snapshot, merge);
        // The packages, and the objects the manifest names, exist before repomd.xml names them.
        const writing = Promise.all([
            o.stored,
            ...entryObjects.map((e) => o.uploader.immutable(e.key, e.body, 'index', e.sha256)),
            ...files.map((f) => {
                const key = `${o.prefix}/${f.data.location}`;
                return f.extend
                    ? o.uploader.extend(f.extend, key, f.data.sha256, 'index')
                    : o.uploader.immutable(key, f.body, 'index', f.data.sha256);
            })
        ]);
        const revision = Math.floor((o.now ?? (() => new Date()))().getTime() / 1000);
        const data = files.map((f) => f.data);
        const repomd = renderRepomd(revision, data);
        // Signed while the files are written, before the commit, so the signature follows
        // repomd.xml as closely as it can.
        const signed = detachSign(repomd, o.keys);
        signed.catch(() => { }); // awaited below; a write that fails first leaves it unread
        await writing;
        const signature = await signed;
        // Files pending deletion whose grace has passed go before the generation that forgets
        // them commits: a publish stopped in between leaves them pending, never unnamed.
        await deletePackageFiles(o.store, o.prefix, merge.commit.due, o.log);
        await o.uploader.commit(`${o.prefix}/repodata/repomd.xml`, repomd, snapshot.etag, 'index');
        return { snapshot, repomd, signature, commit: merge.commit, segments };
    }, mergingAgain(o.log, o.prefix));
    const keep = new Set([...segments, ...snapshot.segments].map((s) => entriesKey$1(o.prefix, s.entriesSha256)));
    // Another publish may have committed since: what its generation names stays too.
    const current = await readDnfSnapshot(o.store, o.prefix);
    for (const s of current.segments)
        keep.add(entriesKey$1(o.prefix, s.entriesSha256));
    // The signature follows repomd.xml; what no generation names any more goes meanwhile.
    await Promise.all([
        finishDnf(o, { text: repomd, signature }),
        pruneRepodata(o, superseded, [repomd, snapshot.repomd ?? '', current.repomd ?? ''], keep)
    ]);
    logPending(o.log, o.prefix, commit.removedFiles, commit.pending);
    return commit;
}
/**
 * Deletes repodata files named by neither the current nor the previous repomd.xml, nor by
 * their manifests.
 */
async function pruneRepodata(o, superseded, repomds, entryObjects) {
    const keep = new Set([
        ...repomds.flatMap((x) => [...parseRepomd(x).values()].map((d) => `${o.prefix}/${d.location}`)),
        ...entryObjects
    ]);
    await pruneSuperseded(o.store, superseded, (key) => !/repomd\.xml(\.asc)?$/.test(key) && !keep.has(key), o.log);
}

/**
 * RPM header structures: an 8-byte magic+reserved, the entry count and data size, 16-byte index
 * entries (tag, type, offset, count), then the data store. Used for the signature header and
 * the main header alike.
 */
const HEADER_MAGIC = Buffer.from([0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0]);
var RpmType;
(function (RpmType) {
    RpmType[RpmType["NULL"] = 0] = "NULL";
    RpmType[RpmType["CHAR"] = 1] = "CHAR";
    RpmType[RpmType["INT8"] = 2] = "INT8";
    RpmType[RpmType["INT16"] = 3] = "INT16";
    RpmType[RpmType["INT32"] = 4] = "INT32";
    RpmType[RpmType["INT64"] = 5] = "INT64";
    RpmType[RpmType["STRING"] = 6] = "STRING";
    RpmType[RpmType["BIN"] = 7] = "BIN";
    RpmType[RpmType["STRING_ARRAY"] = 8] = "STRING_ARRAY";
    RpmType[RpmType["I18NSTRING"] = 9] = "I18NSTRING";
})(RpmType || (RpmType = {}));
const SIZES = {
    [RpmType.CHAR]: 1,
    [RpmType.INT8]: 1,
    [RpmType.INT16]: 2,
    [RpmType.INT32]: 4,
    [RpmType.INT64]: 8,
    [RpmType.BIN]: 1
};
/** The size a header starting at `buf[0]` will have, once its 16-byte intro is available. */
function headerLength(intro, what) {
    if (intro.length < 16)
        throw new Error(`${what}: truncated header intro`);
    if (!intro.subarray(0, 4).equals(HEADER_MAGIC.subarray(0, 4)))
        throw new Error(`${what}: bad header magic`);
    const il = intro.readUInt32BE(8);
    const dl = intro.readUInt32BE(12);
    if (il > 0xffff || dl > 256 * 1024 * 1024)
        throw new Error(`${what}: implausible header size (${il} entries, ${dl} bytes)`);
    return 16 + il * 16 + dl;
}
function parseHeader(buf, what) {
    const length = headerLength(buf, what);
    if (buf.length < length)
        throw new Error(`${what}: truncated (header needs ${length} bytes, file has ${buf.length})`);
    const il = buf.readUInt32BE(8);
    const dl = buf.readUInt32BE(12);
    const store = buf.subarray(16 + il * 16, length);
    const entries = [];
    for (let i = 0; i < il; i++) {
        const at = 16 + i * 16;
        const tag = buf.readUInt32BE(at);
        const type = buf.readUInt32BE(at + 4);
        const offset = buf.readInt32BE(at + 8);
        const count = buf.readUInt32BE(at + 12);
        if (offset < 0 || offset > dl)
            throw new Error(`${what}: entry ${tag} points outside the data store`);
        let end;
        const size = SIZES[type];
        if (size !== undefined)
            end = offset + size * count;
        else if (type === RpmType.STRING ||
            type === RpmType.STRING_ARRAY ||
            type === RpmType.I18NSTRING) {
            end = offset;
            const n = type === RpmType.STRING ? 1 : count;
            for (let k = 0; k < n; k++) {
                const nul = store.indexOf(0, end);
                if (nul < 0)
                    throw new Error(`${what}: unterminated string in entry ${tag}`);
                end = nul + 1;
            }
        }
        else if (type === RpmType.NULL)
            end = offset;
        else
            throw new Error(`${what}: entry ${tag} has unknown type ${type}`);
        if (end > dl)
            throw new Error(`${what}: entry ${tag} runs past the data store`);
        entries.push({ tag, type, count, data: Buffer.from(store.subarray(offset, end)) });
    }
    return { entries, length };
}
/** Typed access to a parsed header's values. */
class HeaderValues {
    header;
    byTag;
    constructor(header) {
        this.header = header;
        this.byTag = new Map(header.entries.map((e) => [e.tag, e]));
    }
    has(tag) {
        return this.byTag.has(tag);
    }
    string(tag) {
        return this.strings(tag)[0];
    }
    strings(tag) {
        const e = this.byTag.get(tag);
        if (!e)
            return [];
        if (e.type !== RpmType.STRING &&
            e.type !== RpmType.STRING_ARRAY &&
            e.type !== RpmType.I18NSTRING)
            return [];
        const parts = e.data.toString('utf8').split('\0');
        return parts.slice(0, e.type === RpmType.STRING ? 1 : e.count);
    }
    numbers(tag) {
        const e = this.byTag.get(tag);
        if (!e)
            return [];
        const out = [];
        for (let i = 0; i < e.count; i++) {
            if (e.type === RpmType.INT32)
                out.push(e.data.readUInt32BE(i * 4));
            else if (e.type === RpmType.INT16)
                out.push(e.data.readUInt16BE(i * 2));
            else if (e.type === RpmType.INT64)
                out.push(Number(e.data.readBigUInt64BE(i * 8)));
            else if (e.type === RpmType.INT8 || e.type === RpmType.CHAR)
                out.push(e.data[i]);
        }
        return out;
    }
    number(tag) {
        return this.numbers(tag)[0];
    }
}
const ALIGN = {
    [RpmType.INT16]: 2,
    [RpmType.INT32]: 4,
    [RpmType.INT64]: 8
};
/** RPMTAG_HEADERSIGNATURES: the region tag that makes a signature header immutable. */
const REGION_SIGNATURES = 62;
/**
 * Serializes a signature header the way rpm writes one: a region entry (tag 62) first whose
 * trailer, at the end of the data store, covers every entry; entries sorted by tag and aligned.
 */
function serializeSignatureHeader(entries) {
    const sorted = entries.filter((e) => e.tag !== REGION_SIGNATURES).sort((a, b) => a.tag - b.tag);
    const il = sorted.length + 1;
    const index = [];
    const data = [];
    let dl = 0;
    const entry = (tag, type, offset, count) => {
        const b = Buffer.alloc(16);
        b.writeUInt32BE(tag, 0);
        b.writeUInt32BE(type, 4);
        b.writeInt32BE(offset, 8);
        b.writeUInt32BE(count, 12);
        return b;
    };
    for (const e of sorted) {
        const align = ALIGN[e.type] ?? 1;
        const pad = (align - (dl % align)) % align;
        if (pad) {
            data.push(Buffer.alloc(pad));
            dl += pad;
        }
        index.push(entry(e.tag, e.type, dl, e.count));
        data.push(e.data);
        dl += e.data.length;
    }
    const trailer = entry(REGION_SIGNATURES, RpmType.BIN, -(il * 16), 16);
    const region = entry(REGION_SIGNATURES, RpmType.BIN, dl, 16);
    data.push(trailer);
    dl += 16;
    const intro = Buffer.alloc(16);
    HEADER_MAGIC.copy(intro);
    intro.writeUInt32BE(il, 8);
    intro.writeUInt32BE(dl, 12);
    return Buffer.concat([intro, region, ...index, ...data]);
}

/** A package file that cannot be published: names the file and what is wrong with it. */
class PackageFormatError extends Error {
    file;
    constructor(file, problem) {
        super(`${file}: ${problem}`);
        this.file = file;
        this.name = 'PackageFormatError';
    }
}

/** The architectures tarballs are published for, each in its own folder. */
const TARBALL_ARCHES$1 = ['x86_64', 'aarch64'];
const ARCH_ALIASES = {
    x86_64: 'x86_64',
    amd64: 'x86_64',
    aarch64: 'aarch64',
    arm64: 'aarch64'
};
/** Flavours that run anywhere, so their tarballs name no architecture (Falco's `-wasm`). */
const ARCHLESS_FLAVOURS = new Set(['wasm', 'noarch', 'all']);
/** Words that end a semver prerelease (`0.40.0-rc`), never a flavour. */
const PRERELEASE_WORDS = new Set(['alpha', 'beta', 'rc', 'pre', 'dev']);
function parseTarballName(file) {
    const base = path.basename(file);
    const m = /^(.+?)-(\d[^-]*(?:-[^-]+)*?)(?:-(x86_64|amd64|aarch64|arm64))?\.tar\.gz$/.exec(base);
    if (!m) {
        throw new PackageFormatError(base, 'cannot tell the version; name tarballs <name>-<version>[-<flavour>]-<x86_64|aarch64>.tar.gz, ' +
            'or <name>-<version>-<flavour>.tar.gz for one without an architecture');
    }
    let version = m[2];
    let flavour;
    const cut = /^(.+)-([a-z]+)$/.exec(version);
    if (cut && !PRERELEASE_WORDS.has(cut[2])) {
        version = cut[1];
        flavour = cut[2];
    }
    const arch = m[3] ? ARCH_ALIASES[m[3]] : undefined;
    // Without an arch, only a flavour known to need none: `-sparc` is an arch we do not publish.
    if (!arch && !(flavour && ARCHLESS_FLAVOURS.has(flavour))) {
        throw new PackageFormatError(base, 'cannot tell the architecture; name tarballs <name>-<version>[-<flavour>]-<x86_64|aarch64>.tar.gz, ' +
            `or <name>-<version>-<${[...ARCHLESS_FLAVOURS].join('|')}>.tar.gz for one without an architecture`);
    }
    return { file: base, name: m[1], version, ...(flavour ? { flavour } : {}), arch };
}
/** The browsable index of a tarball channel, as JSON (for scripts) and HTML (for people). */
function renderListing(title, entries, pending = new Map()) {
    const sorted = [...entries].sort((a, b) => byCodeUnit(a.path, b.path));
    // `dropped`: tarballs the retention or a removal took out whose files stay until their grace
    // has passed (`droppedSince`, see repo/pending.ts); a publish never adopts them back.
    const dropped = [...pending.keys()].sort(byCodeUnit);
    const json = JSON.stringify(dropped.length
        ? {
            title,
            files: sorted,
            dropped,
            droppedSince: Object.fromEntries(dropped.map((d) => [d, pending.get(d).toISOString()]))
        }
        : { title, files: sorted }, null, 2) + '\n';
    const esc = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
    const rows = sorted
        .map((e) => `<tr><td><a href="${esc(e.path.split('/').map(encodeURIComponent).join('/'))}">${esc(e.path)}</a></td>` +
        `<td>${e.size ?? ''}</td><td><code>${e.sha256}</code></td></tr>`)
        .join('\n');
    const html = `<!doctype html>\n<html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>\n` +
        `<h1>${esc(title)}</h1>\n<p>Checksums: <code>&lt;arch&gt;/SHA256SUMS</code>, signed in <code>SHA256SUMS.asc</code>.</p>\n` +
        `<table><thead><tr><th>file</th><th>bytes</th><th>sha256</th></tr></thead><tbody>\n${rows}\n</tbody></table>\n</body></html>\n`;
    return { json, html };
}

/**
 * The package stage's keys, read and checked at plan time: a key that cannot sign, or one that
 * is not the key the repositories are signed with, stops the run before a byte is written. A
 * dry run without a key still prints the whole plan, with signing marked as skipped.
 * Undefined when there is nothing to sign.
 */
async function planSigning(ctx, operations) {
    const { gpgPrivateKey, gpgPassphrase } = ctx.inputs.packaging;
    if (!operations.some((o) => o.action !== 'skip'))
        return undefined;
    if (gpgPrivateKey === '') {
        if (!ctx.inputs.dryRun) {
            throw new Error("input 'gpg-private-key': required to publish packages (the repositories and every " +
                'package are signed); give the armoured private key, from a secret');
        }
        ctx.log.warning("dry-run without 'gpg-private-key': signing is skipped in this plan; a real publish needs the key");
        operations.push({
            action: 'skip',
            target: 'signatures',
            reason: "signing skipped: no 'gpg-private-key' (dry-run)"
        });
        return undefined;
    }
    mark('plan');
    const keys = await loadSigningKeys(gpgPrivateKey, gpgPassphrase).catch((e) => {
        throw new Error(`input 'gpg-private-key': ${e.message}`);
    });
    await checkSigningKeys(keys);
    const published = await readObject(ctx.store, PUBLIC_KEY_KEY);
    if (published) {
        checkKeyContinuity(await publicKeyFingerprints(published.toString('utf8')), keys, `${ctx.store.location}/${PUBLIC_KEY_KEY}`);
    }
    // The key file is rewritten with these keys: every channel's metadata must be signed by one of
    // them, or the channel this run leaves alone would fail every client's check. This also holds
    // when no key file was published yet (a repository signed elsewhere).
    await checkSignedBy(ctx.store, keys);
    mark('key');
    return keys;
}
/**
 * The signature files of a channel's metadata: InRelease, repomd.xml.asc and each tarball
 * architecture's SHA256SUMS.asc (named, not listed: a listing costs more, and an http store's
 * folder holding index.html answers with the page).
 */
function metadataSignatures(channel) {
    const repos = repositoriesFor(channel);
    return [
        `${repos.deb}/dists/stable/InRelease`,
        `${repos.rpm}/repodata/repomd.xml.asc`,
        ...TARBALL_ARCHES$1.map((arch) => `${repos.bin}/${arch}/SHA256SUMS.asc`)
    ];
}
async function checkSignedBy(store, keys) {
    const ours = new Set(keys.keyIds.flat());
    for (const channel of ['stable', 'dev']) {
        for (const key of metadataSignatures(channel)) {
            const text = (await readObject(store, key))?.toString('utf8');
            if (!text)
                continue;
            const ids = await signerKeyIds(text);
            if (ids.length === 0 || ids.some((id) => ours.has(id)))
                continue;
            throw new Error(`input 'gpg-private-key': ${store.location}/${key} is signed by key id ${ids.join(', ')}, ` +
                `which the key given (${keys.fingerprints.join(', ')}) does not hold. Publishing would ` +
                `replace the public key users check it with. To rotate keys, give both keys in ` +
                `gpg-private-key (old and new); to move to the new key, run 'falco-publish re-sign' ` +
                `for each channel. Nothing was written.`);
        }
    }
}

/**
 * A tarball channel (`packages/bin` or `packages/bin-dev`): `<arch>/<file>` with `.asc`, a signed
 * `<arch>/SHA256SUMS` (bare file names, so `sha256sum -c` works in a folder of downloads), and
 * `index.json` + `index.html` for the whole channel. index.json is the state a publish merges
 * into (compare-and-swap on it); the SHA256SUMS files and the HTML are rendered from it.
 */
const TARBALL_ARCHES = ['x86_64', 'aarch64'];
/** The folder of a listed path: its arch, or '' for a tarball at the root (arch-less ones). */
const folderOf = (p) => (p.includes('/') ? p.split('/')[0] : '');
/** Where a folder's SHA256SUMS is. */
const sumsKey = (prefix, folder) => folder ? `${prefix}/${folder}/SHA256SUMS` : `${prefix}/SHA256SUMS`;
/** `<arch>/SHA256SUMS` for every architecture (empty when it has no tarballs left); '' is the root. */
function sumsByArch(entries) {
    const out = new Map();
    const arches = new Set([...TARBALL_ARCHES, ...entries.map((e) => folderOf(e.path))]);
    for (const arch of arches) {
        const sums = new Map(entries
            .filter((e) => folderOf(e.path) === arch)
            .map((e) => [e.path.slice(arch ? arch.length + 1 : 0), e.sha256]));
        out.set(arch, renderSums(sums));
    }
    return out;
}
function mergeTarballs(existing, change) {
    const byPath = new Map(existing.map((e) => [e.path, e]));
    for (const e of change.added)
        byPath.set(e.path, e);
    let entries = [...byPath.values()];
    const meta = (e) => {
        try {
            // A flavour (`-static`) keeps the version: retention counts it with the plain tarball.
            const n = parseTarballName(e.path);
            return { name: n.name, version: n.version, arch: n.arch ?? '' };
        }
        catch {
            return { name: e.path, version: '', arch: '' };
        }
    };
    entries = entries.filter((e) => !change.remove?.(meta(e).name, meta(e).version));
    if (change.retention !== undefined) {
        const group = (e) => `${meta(e).name} ${meta(e).arch}`;
        const dropped = versionsBeyond(entries, change.retention, group, (e) => meta(e).version, (a, b) => compareDebVersions(meta(b).version, meta(a).version));
        entries = entries.filter((e) => !dropped.get(group(e))?.has(meta(e).version));
    }
    const kept = new Set(entries.map((e) => e.path));
    // An added tarball the retention drops at once was uploaded for nothing: it goes too.
    const candidates = new Set([...existing, ...change.added].map((e) => e.path));
    return { entries, removed: [...candidates].filter((p) => !kept.has(p)) };
}
async function readTarballState(store, prefix) {
    const current = await readVersioned(store, `${prefix}/index.json`);
    const entries = current ? parseListing(store, prefix, current.text) : [];
    const pending = current ? parseDropped(current.text) : new Map();
    const wasDropped = new Set(pending.keys());
    const known = new Set(entries.map((e) => e.path));
    const foreign = [];
    const dropped = [];
    for await (const o of scan(store, `${prefix}/`)) {
        const rel = o.key.slice(prefix.length + 1);
        // `<arch>/<file>.tar.gz`, or `<file>.tar.gz` at the root (arch-less repositories).
        if (!/^(?:[^/]+\/)?[^/]+\.tar\.gz$/.test(rel) || known.has(rel))
            continue;
        if (wasDropped.has(rel))
            dropped.push(rel);
        else
            foreign.push({ path: rel, size: o.size });
    }
    return { entries, etag: current?.etag, foreign, dropped, pending };
}
/** `dropped` with `droppedSince`; one without a time (an older index.json) is due at once. */
function parseDropped(text) {
    try {
        const raw = JSON.parse(text);
        const since = pendingFromJson(raw.droppedSince);
        const dropped = Array.isArray(raw.dropped)
            ? raw.dropped.filter((d) => typeof d === 'string')
            : [];
        return new Map(dropped.map((d) => [d, since.get(d) ?? new Date(0)]));
    }
    catch {
        return new Map(); // parseListing names the file
    }
}
function parseListing(store, prefix, text) {
    try {
        return JSON.parse(text).files ?? [];
    }
    catch (e) {
        throw new Error(`${store.location}/${prefix}/index.json is not valid JSON (${e.message})`);
    }
}
/** The sha256 of stored tarballs, read once per run (adoption hashes each foreign one once). */
class StoredDigests {
    store;
    prefix;
    known = new Map();
    constructor(store, prefix) {
        this.store = store;
        this.prefix = prefix;
    }
    /** Undefined when the file went meanwhile (a racing publish's retention deleted it). */
    of(rel) {
        let found = this.known.get(rel);
        if (!found) {
            found = digestObject(this.store, `${this.prefix}/${rel}`).then((d) => d?.sha256);
            this.known.set(rel, found);
        }
        return found;
    }
    /** Listing entries for the foreign tarballs of `state`, four read at a time. */
    async adopt(state) {
        const read = await pLimit(4).map(state.foreign, async (f) => ({
            path: f.path,
            sha256: await this.of(f.path),
            size: f.size
        }));
        return read.flatMap(({ path, sha256, size }) => (sha256 ? [{ path, sha256, size }] : []));
    }
}
async function commitTarballs(change, o) {
    const digests = o.digests ?? new StoredDigests(o.store, o.prefix);
    let adoptedCount = 0;
    const removed = await retryOnConflict(async () => {
        const state = await readTarballState(o.store, o.prefix);
        // Added ones are listed from what was published; the others another tool put there.
        const addedPaths = new Set(change.added.map((e) => e.path));
        const adopted = await digests.adopt({
            ...state,
            foreign: state.foreign.filter((f) => !addedPaths.has(f.path))
        });
        adoptedCount = adopted.length;
        const { entries, removed } = mergeTarballs([...state.entries, ...adopted], change);
        const listed = new Set(entries.map((e) => e.path));
        const { pending, due } = nextPending(state.pending, removed, (p) => listed.has(p), (change.now ?? (() => new Date()))(), change.graceMs ?? 0);
        const { json } = renderListing(o.title, entries, pending);
        // Due ones go before the listing that forgets them commits (see apt.ts).
        await deletePackageFiles(o.store, o.prefix, due, o.log);
        await o.uploader.commit(`${o.prefix}/index.json`, json, state.etag, 'listing');
        logPending(o.log, o.prefix, removed, pending);
        return removed;
    }, mergingAgain(o.log, o.prefix));
    await finishTarballs(o);
    return { removed, adopted: adoptedCount };
}
/**
 * SHA256SUMS, its signature and index.html are derived from index.json, the commit point: each is
 * written when it does not match the current index.json (see finish.ts: a publish that committed
 * earlier can reach these writes after one that committed later, and a publish can stop between
 * the commit and these writes; whoever finishes last leaves the files of the current generation).
 */
function finishTarballs(o) {
    return followCommitPoint(o, `${o.prefix}/index.json`, async (text) => {
        const entries = parseListing(o.store, o.prefix, text);
        await Promise.all([
            ...[...sumsByArch(entries)].map(async ([arch, sums]) => {
                const key = sumsKey(o.prefix, arch);
                // An architecture that never had a tarball gets no empty SHA256SUMS.
                if (sums === '' && !(await o.store.head(key)))
                    return;
                await ensureText(o, key, sums);
                await ensureSignature(o, `${key}.asc`, sums);
            }),
            ensureText(o, `${o.prefix}/index.html`, renderListing(o.title, entries).html, 'text/html')
        ]);
    });
}

export { HeaderValues as H, PackageFormatError as P, RpmType as R, StoredDigests as S, commitDnf as a, commitTarballs as b, commitApt as c, checkSigningKeys as d, publicKeyFingerprints as e, checkKeyContinuity as f, serializeSignatureHeader as g, headerLength as h, mergeApt as i, mergeDnf as j, keysSigning as k, mergeTarballs as l, metadataSignatures as m, preloadXz as n, planSigning as o, parseHeader as p, finishApt as q, readTarballState as r, signerKeyIds as s, finishDnf as t, finishTarballs as u, parseTarballName as v };
