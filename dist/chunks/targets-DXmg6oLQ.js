import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
import { b as releaseFiles, a as releaseText, p as parsePackagesIndex, d as decompressMember, e as parseRepomd, P as PUBLIC_KEY_KEY } from './repodata-C4lrQv7T.js';
import { a as dearmor, p as packets, T as TAG, b as checkKey, e as loadOpenpgp, s as splitArmorBlocks, f as armoredPackets, g as checkSignature } from './openpgp-47fX-gKE.js';
import { b as retry, i as isRetryableStatus, R as RetryableStatus } from './retry-CU8D-t2X.js';
import { d as digestObject, r as readObject, s as scan } from './store-TuibcctJ.js';
import { a as sha256Hex } from './digest-BYxfGJno.js';
import { e as hashBody, f as send } from './seams-CSjTPMip.js';
import { a as pLimit, x as parseSums } from './package-m0x3kU6p.js';
const { gunzipSync } = __nodeBuiltin('node:zlib');

function describeFingerprint(f) {
    if (!f)
        return 'nothing (not found)';
    return `${f.size === undefined ? '' : `${f.size} bytes, `}sha256 ${f.sha256.slice(0, 16)}…`;
}
/** A signature a client would reject. */
function signatureFinding(kind, file, error) {
    return {
        kind,
        file,
        problem: 'signature',
        served: `does not verify: ${error}`,
        published: 'signed'
    };
}
/** A finding when the served bytes are not the published ones; undefined when they are. */
function compareServed(kind, file, served, published) {
    if (served &&
        served.sha256 === published.sha256 &&
        (published.size === undefined || served.size === published.size))
        return undefined;
    return {
        kind,
        file,
        problem: served ? 'differs' : 'missing',
        served: describeFingerprint(served),
        published: describeFingerprint(published)
    };
}
/** What to do about a finding, by what is wrong and whether a CDN can be to blame. */
function hint(finding, throughPublicUrl) {
    const cache = throughPublicUrl
        ? 'a stale CDN or proxy copy (invalidate it: cdn-invalidate, or wait for its TTL)'
        : 'the store was changed after this run wrote it';
    switch (finding.problem) {
        case 'missing':
            return throughPublicUrl
                ? 'not served: check that public-url points at the store root, or the CDN has not caught up yet'
                : 'not in the store: another run removed it, or the publish did not finish';
        case 'differs':
            return `${cache}, or the file was replaced or tampered with`;
        case 'signature':
            return `the signature does not verify with the published key: ${cache}, or the key changed without re-signing (re-sign)`;
        case 'unlisted':
            return `the index does not list the file as published: ${cache}`;
    }
}
/** The findings as a Markdown table: what the public URL served versus what was published. */
function findingsTable(findings, throughPublicUrl, max = 50) {
    const cell = (s) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const rows = findings
        .slice(0, max)
        .map((f) => `| ${f.kind} | \`${cell(f.file)}\` | ${cell(f.served)} | ${cell(f.published)} | ${cell(hint(f, throughPublicUrl))} |`);
    const more = findings.length > max ? [`…and ${findings.length - max} more (the log names each one)`] : [];
    return [
        `| Kind | File | Served | Published | Hint |`,
        `| --- | --- | --- | --- | --- |`,
        ...rows,
        ...more
    ].join('\n');
}
/** Fetches `key` (at `path`) the way clients do and compares it with what was published. */
async function checkServed(served, kind, key, published, path) {
    return compareServed(kind, served.where(key, path), await served.fingerprint(key, path), published);
}

/** Reads the published public key file (one or several armoured blocks, as `repository-key.asc` holds). */
async function readPublicKeys(armored, where) {
    let read;
    const withOpenpgp = () => (read ??= readWithOpenpgp(armored, where));
    const fast = readFast(armored);
    if (fast)
        return { fast, openpgp: withOpenpgp };
    await withOpenpgp(); // throws now when the file is unreadable, as before
    return { openpgp: withOpenpgp };
}
/**
 * openpgp.js reads one armoured block per call: during a key rotation the file holds one per key
 * (old and new), and a signature by any of them counts, as with apt's keyring.
 */
async function readWithOpenpgp(armored, where) {
    const openpgp = await loadOpenpgp();
    try {
        const blocks = splitArmorBlocks(armored, 'PUBLIC KEY BLOCK');
        const keys = [];
        for (const block of blocks.length ? blocks : [armored])
            keys.push(...(await openpgp.readKeys({ armoredKeys: block })));
        if (keys.length === 0)
            throw new Error('no key in it');
        return keys;
    }
    catch (e) {
        throw new Error(`${where}: not a readable OpenPGP public key (${firstLine(e)})`);
    }
}
/** The keys of every armoured block, each checked, or undefined if one cannot be read by hand. */
function readFast(armored) {
    try {
        const blocks = dearmor(armored, 'PUBLIC KEY BLOCK') ?? [];
        const keys = [];
        for (const bytes of blocks) {
            let inBlock = false;
            for (const p of packets(bytes)) {
                if (p.tag === TAG.publicKey) {
                    keys.push([]);
                    inBlock = true;
                }
                // A block must start with its primary key: else openpgp.js decides.
                if (!inBlock)
                    return undefined;
                keys[keys.length - 1].push(p);
            }
        }
        const now = Math.floor(Date.now() / 1000);
        return keys.length > 0 ? keys.map((k) => checkKey(k, now)) : undefined;
    }
    catch {
        return undefined;
    }
}
/** Checks a clear-signed document; on success also returns its signed text. */
async function verifyClearSigned(signed, keys) {
    const parsed = keys.fast && parseCleartext(signed);
    if (parsed && anyValidFast(parsed.signature, keys.fast, parsed.text, parsed.hashes))
        return { text: parsed.text.replace(/\r\n/g, '\n') };
    const openpgp = await loadOpenpgp();
    let message;
    try {
        message = await openpgp.readCleartextMessage({ cleartextMessage: signed });
    }
    catch (e) {
        return { error: `not a clear-signed document (${firstLine(e)})` };
    }
    const error = await anyValid(openpgp.verify({ message, verificationKeys: await keys.openpgp() }));
    return error ? { error } : { text: message.getText() };
}
/** Checks a detached armoured signature over `data`. */
async function verifyDetached(data, armoredSignature, keys) {
    if (keys.fast && anyValidFast(armoredSignature, keys.fast, data))
        return undefined;
    const openpgp = await loadOpenpgp();
    let signature;
    try {
        signature = await openpgp.readSignature({ armoredSignature });
    }
    catch (e) {
        return `not an armoured signature (${firstLine(e)})`;
    }
    const message = await openpgp.createMessage({ binary: data });
    return anyValid(openpgp.verify({ message, signature, verificationKeys: await keys.openpgp() }));
}
/**
 * True when one signature packet of the armoured signature is valid by one of the keys (and,
 * for a clear-signed text, of a hash its header names); false when this cannot tell.
 */
function anyValidFast(armoredSignature, keys, data, hashes) {
    try {
        return armoredPackets(armoredSignature, 'SIGNATURE').some((p) => p.tag === TAG.signature &&
            checkSignature(p.body, keys, (h) => h.update(data), undefined, hashes) === true);
    }
    catch {
        return false;
    }
}
/**
 * A clear-signed document's parts as openpgp.js reads them: the hashes its `Hash:` header names,
 * the text (trailing spaces cut, dash-escapes undone, lines joined by CRLF) and the signature.
 */
function parseCleartext(signed) {
    const lines = signed.split('\n').map((l) => l.replace(/\r/g, '').replace(/[ \t]+$/, ''));
    const begin = lines.indexOf('-----BEGIN PGP SIGNED MESSAGE-----');
    if (begin < 0)
        return undefined;
    const blank = lines.indexOf('', begin + 1);
    if (blank < 0)
        return undefined;
    const hashes = [];
    for (const header of lines.slice(begin + 1, blank)) {
        const m = /^Hash: ([A-Z0-9]+(?:,[A-Z0-9]+)*)$/.exec(header);
        if (!m)
            return undefined;
        hashes.push(...m[1].split(','));
    }
    const end = lines.findIndex((l, i) => i > blank && /^-----[^-]+-----$/.test(l));
    if (end < 0 || lines[end] !== '-----BEGIN PGP SIGNATURE-----')
        return undefined;
    const text = lines
        .slice(blank + 1, end)
        .map((l) => l.replace(/^- /, ''))
        .join('\r\n');
    return { hashes, text, signature: lines.slice(end).join('\n') };
}
/** A client accepts a document when one of its signatures is by a trusted key and valid. */
async function anyValid(result) {
    let signatures;
    try {
        signatures = (await result).signatures;
    }
    catch (e) {
        return firstLine(e);
    }
    const reasons = [];
    for (const s of signatures) {
        try {
            await s.verified;
            return undefined;
        }
        catch (e) {
            reasons.push(`key ${s.keyID.toHex().toUpperCase()}: ${firstLine(e)}`);
        }
    }
    return reasons.length ? reasons.join('; ') : 'no signature in it';
}
function firstLine(e) {
    return String(e instanceof Error ? e.message : e).split('\n')[0];
}

/** At most `concurrency` at once; a task still queued when `signal` aborts never starts. */
function limiter(concurrency = 8, signal) {
    const limit = pLimit(concurrency);
    return (fn) => limit(() => {
        signal?.throwIfAborted();
        return fn();
    });
}
function parentOf(path) {
    const slash = path.lastIndexOf('/');
    return slash < 0 ? '' : path.slice(0, slash);
}

/**
 * `served` with every read tied to `signal`: once one check has failed the run, the others stop
 * instead of retrying in the background until their attempts run out.
 */
function cancelledBy(served, signal) {
    return {
        where: (key, path) => served.where(key, path),
        read: (key) => served.read(key, signal),
        fingerprint: (key, path) => served.fingerprint(key, path, signal)
    };
}
/**
 * One reader for both sides when what is served is the store itself (no public-url): each object
 * is read once per pass, not once as published and again as served, and the fingerprint of an
 * object already read whole is taken from its bytes, which are let go then (a Packages index of
 * 50k packages weighs tens of MiB: it is not kept for the rest of the pass once read to list the
 * packages and fingerprinted as served). `forget` drops what was read, for a pass that must see
 * the store anew.
 */
function readOnce(served) {
    const reads = new Map();
    const prints = new Map();
    const remember = (map, key, read) => {
        const known = map.get(key);
        if (known)
            return known;
        const reading = read();
        map.set(key, reading);
        return reading;
    };
    return {
        where: (key, path) => served.where(key, path),
        read: (key, signal) => remember(reads, key, () => served.read(key, signal)),
        fingerprint: (key, path, signal) => remember(prints, key, () => {
            const whole = reads.get(key);
            if (!whole)
                return served.fingerprint(key, path, signal);
            reads.delete(key);
            return whole.then((bytes) => bytes && fingerprintBytes(bytes));
        }),
        forget: () => {
            reads.clear();
            prints.clear();
        }
    };
}
/**
 * A key as a URL path. Every segment is percent-encoded, so a `+` goes out as `%2B`: what
 * falcoctl sends for driver versions, and the only spelling S3 and the CDNs in front of it read
 * as a plus (a literal one reads as a space).
 */
function urlPath(key) {
    return key.split('/').map(encodeURIComponent).join('/');
}
/** Redirects followed before a read gives up, as fetch follows them (a bucket website redirects). */
const MAX_REDIRECTS = 5;
/**
 * Reads through HTTP(S) under `base` (ends with `/`), retrying resets and 5xx like every client
 * here. Through node:http, not fetch: a 1 GiB package is hashed as it arrives, each chunk freed
 * once hashed (src/net/node-http.ts), and the run does not load undici. A connection silent for
 * five minutes fails the check instead of hanging until the job's own timeout.
 */
function httpServed(base) {
    const where = (key, path = urlPath(key)) => new URL(path, base).href;
    const request = (key, path, signal) => retry(async () => {
        let url = new URL(where(key, path));
        for (let hop = 0;; hop++) {
            const answer = await send(url, 'GET', {}, undefined, signal);
            const location = answer.headers.get('location');
            if (REDIRECTS.has(answer.status) && location && hop < MAX_REDIRECTS) {
                answer.discard();
                url = new URL(location, url);
                continue;
            }
            if (answer.status === 404 || answer.status === 403 || answer.status === 410) {
                answer.discard();
                return undefined;
            }
            if (isRetryableStatus(answer.status)) {
                answer.discard();
                throw new RetryableStatus(answer.status, where(key, path), answer.headers.get('retry-after') ?? undefined);
            }
            if (!answer.ok) {
                answer.discard();
                throw new Error(`${where(key, path)}: HTTP ${answer.status} ${answer.statusText}`);
            }
            return answer;
        }
    }, { signal }).catch((error) => {
        // Given up for another check's failure: that one is the run's error, not this.
        if (signal?.aborted)
            throw error;
        const message = messageOf(error);
        if (message.startsWith(where(key, path)))
            throw error;
        const cause = error?.cause;
        throw new Error(`${where(key, path)}: ${cause ? messageOf(cause) : message} ` +
            `(is public-url right, and the server reachable from here?)`);
    });
    return {
        where,
        read: async (key, signal) => {
            const answer = await request(key, undefined, signal);
            return answer?.bytes();
        },
        fingerprint: async (key, path, signal) => {
            const answer = await request(key, path, signal);
            return answer && hashBody(answer.body);
        }
    };
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Reads the store itself: what was written, when no public URL says where it is served. */
function storeServed(store) {
    return {
        where: (key) => `${store.location.replace(/\/+$/, '')}/${key}`,
        // The store's own requests take no signal: an aborted check starts none, and one under way
        // ends with its store's retries.
        read: async (key, signal) => {
            signal?.throwIfAborted();
            return readObject(store, key);
        },
        // Hashed as it streams, by the store's own digest where it has one (the http store's).
        fingerprint: async (key, _path, signal) => {
            signal?.throwIfAborted();
            return digestObject(store, key);
        }
    };
}
function fingerprintBytes(data) {
    return { sha256: sha256Hex(data), size: data.byteLength };
}
/** An error's message, also for errors made in another realm (fetch's, under a test's VM). */
function messageOf(error) {
    const message = error?.message;
    return typeof message === 'string' ? message : String(error);
}

/**
 * An apt repository as `apt-get update` and `apt-get install` read it: InRelease and Release.gpg
 * verify with the published key and are the ones published; every index the Release lists is
 * served by hash (Acquire-By-Hash) and by name with the listed size and SHA-256; every package
 * to check is listed and served with the bytes the index gives.
 */
async function checkApt(ctx, prefix, artifacts) {
    const suite = `${prefix}/dists/stable`;
    const findings = [];
    const result = { kind: 'apt', target: prefix, checked: 0, findings };
    const push = (f) => {
        if (f)
            findings.push(f);
    };
    const [inRelease, release, releaseGpg] = await Promise.all(['InRelease', 'Release', 'Release.gpg'].map(async (name) => {
        const key = `${suite}/${name}`;
        const [published, served] = await Promise.all([ctx.store.read(key), ctx.served.read(key)]);
        result.checked++;
        if (published)
            push(compareServed('apt', ctx.served.where(key), served && fingerprintBytes(served), fingerprintBytes(published)));
        return { key, published, served };
    }));
    if (!inRelease.published) {
        findings.push({
            kind: 'apt',
            file: ctx.store.where(inRelease.key),
            problem: 'missing',
            served: '-',
            published: 'nothing: the store has no InRelease to check against'
        });
        return result;
    }
    if (inRelease.served) {
        const { error } = await verifyClearSigned(inRelease.served.toString('utf8'), ctx.keys);
        if (error)
            push(signatureFinding('apt', ctx.served.where(inRelease.key), error));
    }
    if (release.served && releaseGpg.served) {
        const error = await verifyDetached(release.served, releaseGpg.served.toString('utf8'), ctx.keys);
        if (error)
            push(signatureFinding('apt', ctx.served.where(releaseGpg.key), error));
    }
    // The indexes the published Release lists, fetched the two ways apt may ask for them. The
    // Packages files, read whole to find the packages, are asked for first: served by the store
    // itself, the fetch of each by name is then taken from those bytes instead of reading it again.
    // Every package to check is listed by the published index and served with its bytes.
    // Checking a run's few packages in an index of thousands, only stanzas naming one of them are
    // parsed (a stanza that merely mentions the name elsewhere is parsed too, and harmless).
    const listed = releaseFiles(releaseText(inRelease.published.toString('utf8')), inRelease.key);
    const names = artifacts === 'all' ? undefined : artifacts.map((a) => a.key.slice(prefix.length + 1));
    const naming = names && ((stanza) => names.some((name) => stanza.includes(name)));
    const entries = new Map();
    const packagesFiles = [...listed.keys()].filter((path) => /(^|\/)Packages$/.test(path));
    await Promise.all([
        ...packagesFiles.map(async (path) => {
            const key = `${suite}/${path}`;
            for (const e of parsePackagesIndex(await readIndex(ctx, key), ctx.store.where(key), naming))
                entries.set(`${prefix}/${e.filename}`, { sha256: e.sha256 });
        }),
        checkListed(ctx, result, suite, listed, push)
    ]);
    const wanted = artifacts === 'all'
        ? [...entries.keys()].map((key) => ({ key, sha256: undefined, size: undefined }))
        : artifacts;
    await Promise.all(wanted.map((artifact) => ctx.limit(async () => {
        result.checked++;
        const entry = entries.get(artifact.key);
        const url = ctx.served.where(artifact.key);
        if (!entry || (artifact.sha256 && entry.sha256 !== artifact.sha256)) {
            findings.push({
                kind: 'apt',
                file: url,
                problem: 'unlisted',
                served: entry
                    ? `listed with sha256 ${entry.sha256.slice(0, 16)}…`
                    : 'not listed in Packages',
                published: artifact.sha256 ? `sha256 ${artifact.sha256.slice(0, 16)}…` : 'listed'
            });
            return;
        }
        const served = await ctx.served.fingerprint(artifact.key);
        if (!served || served.sha256 !== entry.sha256)
            findings.push({
                kind: 'apt',
                file: url,
                problem: served ? 'differs' : 'missing',
                served: describeFingerprint(served),
                published: `sha256 ${entry.sha256.slice(0, 16)}… (Packages)`
            });
    })));
    return result;
}
/** Each index the Release lists, served by hash (Acquire-By-Hash) and Packages also by name. */
async function checkListed(ctx, result, suite, listed, push) {
    await Promise.all([...listed].map(([path, published]) => ctx.limit(async () => {
        const byHash = `${suite}/${parentOf(path)}/by-hash/SHA256/${published.sha256}`;
        result.checked++;
        push(await checkServed(ctx.served, 'apt', byHash, published));
        // Only Packages files are also asked for by name (by apt without by-hash); files of our
        // own (the segment manifest) are served by hash alone.
        if (/(^|\/)Packages(\.gz|\.xz)?$/.test(path)) {
            const key = `${suite}/${path}`;
            result.checked++;
            push(await checkServed(ctx.served, 'apt', key, published));
        }
    })));
}
/** A Packages index as published: the plain file, or its .gz when a repository keeps only that. */
async function readIndex(ctx, key) {
    const plain = await ctx.store.read(key);
    if (plain)
        return plain.toString('utf8');
    const gz = await ctx.store.read(`${key}.gz`);
    if (gz)
        return Buffer.from(await decompressMember(`${key}.gz`, gz)).toString('utf8');
    return '';
}

/**
 * An index and its detached signature (repomd.xml and .asc, SHA256SUMS and .asc): both served as
 * published, and the served signature verifies the served index with the published key. Returns
 * the published index, or undefined when the store has none.
 */
async function checkSignedIndex(ctx, result, key) {
    const [published, served, publishedSig, servedSig] = await Promise.all([
        ctx.store.read(key),
        ctx.served.read(key),
        ctx.store.read(`${key}.asc`),
        ctx.served.read(`${key}.asc`)
    ]);
    result.checked += 2;
    if (!published) {
        result.findings.push({
            kind: result.kind,
            file: ctx.store.where(key),
            problem: 'missing',
            served: '-',
            published: 'nothing: the store has no such index to check against'
        });
        return undefined;
    }
    const push = (f) => {
        if (f)
            result.findings.push(f);
    };
    push(compareServed(result.kind, ctx.served.where(key), served && fingerprintBytes(served), fingerprintBytes(published)));
    if (publishedSig)
        push(compareServed(result.kind, ctx.served.where(`${key}.asc`), servedSig && fingerprintBytes(servedSig), fingerprintBytes(publishedSig)));
    if (served && servedSig) {
        const error = await verifyDetached(served, servedSig.toString('utf8'), ctx.keys);
        if (error)
            push(signatureFinding(result.kind, ctx.served.where(`${key}.asc`), error));
    }
    return published;
}

/**
 * A tarball directory as `curl` + `gpg --verify SHA256SUMS.asc` + `sha256sum --check` use it:
 * SHA256SUMS is the one published and its signature verifies; every tarball to check is listed
 * and served with the listed SHA-256. `dirs` are the arch folders (`packages/bin/x86_64`).
 */
async function checkBin(ctx, prefix, dirs, artifacts) {
    const findings = [];
    const result = { kind: 'bin', target: prefix, checked: 0, findings };
    for (const dir of dirs) {
        const sumsKey = `${dir}/SHA256SUMS`;
        const sums = await checkSignedIndex(ctx, result, sumsKey);
        if (!sums)
            continue;
        const listed = parseSums(sums.toString('utf8'), ctx.store.where(sumsKey));
        const wanted = artifacts === 'all'
            ? [...listed.keys()].map((name) => ({
                key: `${dir}/${name}`,
                sha256: undefined,
                size: undefined
            }))
            : artifacts.filter((a) => parentOf(a.key) === dir);
        await Promise.all(wanted.map((artifact) => ctx.limit(async () => {
            result.checked++;
            const name = artifact.key.slice(dir.length + 1);
            const sha256 = listed.get(name);
            if (!sha256 || (artifact.sha256 && sha256 !== artifact.sha256)) {
                findings.push({
                    kind: 'bin',
                    file: ctx.served.where(sumsKey),
                    problem: 'unlisted',
                    served: sha256
                        ? `lists ${name} with sha256 ${sha256.slice(0, 16)}…`
                        : `does not list ${name}`,
                    published: artifact.sha256 ? `sha256 ${artifact.sha256.slice(0, 16)}…` : 'listed'
                });
                return;
            }
            const f = await checkServed(ctx.served, 'bin', artifact.key, {
                sha256,
                size: artifact.size
            });
            if (f)
                findings.push(f);
        })));
    }
    return result;
}

/**
 * A dnf repository as dnf with `repo_gpgcheck` reads it: repomd.xml is the one published and
 * repomd.xml.asc verifies it; every metadata file it lists is served with its checksum; every
 * package to check is served with the bytes published (the signed .rpm).
 */
async function checkDnf(ctx, prefix, artifacts) {
    const findings = [];
    const result = { kind: 'dnf', target: prefix, checked: 0, findings };
    const repomd = await checkSignedIndex(ctx, result, `${prefix}/repodata/repomd.xml`);
    if (!repomd)
        return result;
    const data = parseRepomd(repomd.toString('utf8'));
    // primary.xml, read whole to list the packages, first: served by the store itself, its fetch
    // among the metadata below is then taken from those bytes instead of reading it again.
    const [wanted] = await Promise.all([
        artifacts === 'all' ? listedPackages(ctx, prefix, data.get('primary')?.location) : artifacts,
        Promise.all([...data.values()].map(({ location, sha256 }) => ctx.limit(async () => {
            const key = `${prefix}/${location}`;
            result.checked++;
            const f = await checkServed(ctx.served, 'dnf', key, { sha256 });
            if (f)
                findings.push(f);
        })))
    ]);
    await Promise.all(wanted.map((artifact) => ctx.limit(async () => {
        result.checked++;
        const expected = artifact.sha256
            ? { sha256: artifact.sha256, size: artifact.size }
            : await ctx.store.fingerprint(artifact.key);
        if (!expected)
            return;
        const f = await checkServed(ctx.served, 'dnf', artifact.key, expected);
        if (f)
            findings.push(f);
    })));
    return result;
}
/** Every package primary.xml lists, with its checksum: what `dnf install` of each would fetch. */
async function listedPackages(ctx, prefix, primary) {
    if (!primary)
        return [];
    const gz = await ctx.store.read(`${prefix}/${primary}`);
    if (!gz)
        return [];
    const xml = gunzipSync(gz).toString('utf8');
    const out = [];
    for (const m of xml.matchAll(/<package[\s\S]*?<\/package>/g)) {
        const sum = /<checksum type="sha256"[^>]*>([0-9a-f]{64})</.exec(m[0]);
        const href = /<location href="([^"]+)"/.exec(m[0]);
        if (sum && href)
            out.push({ key: `${prefix}/${unescapeXml(href[1])}`, sha256: sum[1] });
    }
    return out;
}
function unescapeXml(s) {
    return s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');
}

/**
 * The URL path falcoctl requests: it escapes the driver version only (`+` becomes `%2B`);
 * the rest of the name is used as is. In a module of its own: the verify stage needs it, and
 * plan.ts would bring the driver config reader and its YAML library into every verify.
 */
function falcoctlPath(key) {
    const [root, version, ...rest] = key.split('/');
    return [root, encodeURIComponent(version), ...rest].join('/');
}

/**
 * Each published driver fetched as falcoctl fetches it: the driver version escaped (`+` as
 * `%2B`), the bytes those published.
 */
async function checkDrivers(ctx, drivers) {
    const findings = [];
    const result = { kind: 'drivers', target: 'driver', checked: 0, findings };
    await Promise.all(drivers.map((driver) => ctx.limit(async () => {
        result.checked++;
        const key = driver.path;
        const path = falcoctlPath(key);
        const expected = driver.sha256
            ? { sha256: driver.sha256, size: driver.size }
            : await ctx.store.fingerprint(key);
        if (!expected)
            return;
        const f = await checkServed(ctx.served, 'drivers', key, expected, path);
        if (f)
            findings.push(f);
    })));
    return result;
}

/** Every tag this run pushed resolves, on every repository, to the digest pushed. */
async function checkImages(images, resolve, signal) {
    const byRepository = new Map();
    for (const image of images) {
        const { repository } = splitReference(image.path);
        byRepository.set(repository, [...(byRepository.get(repository) ?? []), image]);
    }
    return Promise.all([...byRepository].map(async ([repository, tagged]) => {
        const findings = [];
        for (const image of tagged) {
            // Another check failed the run: no further tag is asked for.
            signal?.throwIfAborted();
            const { tag } = splitReference(image.path);
            let served;
            try {
                served = await resolve(repository, tag);
            }
            catch (e) {
                served = `error: ${e instanceof Error ? e.message : String(e)}`;
            }
            if (served !== image.digest)
                findings.push({
                    kind: 'images',
                    file: image.path,
                    problem: served === undefined ? 'missing' : 'differs',
                    served: served ?? 'no such tag',
                    published: image.digest ?? '?'
                });
        }
        return { kind: 'images', target: repository, checked: tagged.length, findings };
    }));
}
/** `registry/path:tag` split at the tag's colon (a registry's port has a colon too). */
function splitReference(reference) {
    const colon = reference.lastIndexOf(':');
    if (colon < reference.lastIndexOf('/') || colon < 0)
        return { repository: reference, tag: 'latest' };
    return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
}

/**
 * Checks the targets as clients see them. A CDN takes a while to serve what was just written, so
 * checks that fail are run again (only those) until they pass or the deadline comes: the findings
 * of the last pass are the verdict.
 */
async function verify(targets, o) {
    const deadline = Date.now() + o.deadlineMs;
    // The first check that throws fails the run; this stops the others' requests and retries.
    const cancel = new AbortController();
    // Served by the store itself: what is served is what was published, read once for both.
    const once = o.served === o.store ? readOnce(cancelledBy(o.store, cancel.signal)) : undefined;
    const store = once ?? cancelledBy(o.store, cancel.signal);
    const packages = targets.apt.size + targets.dnf.size + targets.bin.size > 0;
    const keyText = packages ? await store.read(PUBLIC_KEY_KEY) : undefined;
    if (packages && !keyText)
        throw new Error(`${o.store.where(PUBLIC_KEY_KEY)} is missing: the repositories' signatures cannot be checked without the published key`);
    const ctx = {
        served: once ?? cancelledBy(o.served, cancel.signal),
        store,
        keys: keyText
            ? await readPublicKeys(keyText.toString('utf8'), o.store.where(PUBLIC_KEY_KEY))
            : { openpgp: () => Promise.resolve([]) },
        limit: limiter(8, cancel.signal)
    };
    // Each job is one repository, folder set or image repository: re-run alone when it fails.
    const jobs = [];
    if (keyText) {
        const kind = targets.apt.size ? 'apt' : targets.dnf.size ? 'dnf' : 'bin';
        jobs.push(async () => [await checkKeyFile(ctx, kind, keyText)]);
    }
    for (const [prefix, artifacts] of targets.apt)
        jobs.push(async () => [await checkApt(ctx, prefix, artifacts)]);
    for (const [prefix, artifacts] of targets.dnf)
        jobs.push(async () => [await checkDnf(ctx, prefix, artifacts)]);
    for (const [prefix, { dirs, artifacts }] of targets.bin)
        jobs.push(async () => [await checkBin(ctx, prefix, dirs, artifacts)]);
    if (targets.drivers.length)
        jobs.push(async () => [await checkDrivers(ctx, targets.drivers)]);
    if (targets.images.length) {
        const resolve = o.resolveTag;
        if (!resolve)
            throw new Error('images to verify but no registry client');
        jobs.push(() => checkImages(targets.images, resolve, cancel.signal));
    }
    const run = (job) => job().catch((error) => {
        cancel.abort(error);
        throw error;
    });
    let outcome = await Promise.all(jobs.map(run));
    let passes = 1;
    let delay = o.retryDelayMs ?? 5000;
    for (;;) {
        const failing = outcome.flatMap((results, i) => results.some((r) => r.findings.length) ? [i] : []);
        if (failing.length === 0 || Date.now() + delay > deadline)
            break;
        const files = outcome.flat().reduce((n, r) => n + r.findings.length, 0);
        o.log.info(`${files} file(s) not yet served as published; checking again in ${Math.round(delay / 1000)} s (a CDN may still be propagating)`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 30_000);
        once?.forget();
        const again = await Promise.all(failing.map((i) => run(jobs[i])));
        outcome = outcome.map((results, i) => failing.includes(i) ? again[failing.indexOf(i)] : results);
        passes++;
    }
    const results = outcome.flat();
    return {
        throughPublicUrl: o.throughPublicUrl,
        results,
        passes,
        ok: results.every((r) => r.findings.length === 0)
    };
}
/** The key file users import is the one published (a stale copy rejects every new signature). */
async function checkKeyFile(ctx, kind, published) {
    const served = await ctx.served.read(PUBLIC_KEY_KEY);
    const f = compareServed(kind, ctx.served.where(PUBLIC_KEY_KEY), served && fingerprintBytes(served), fingerprintBytes(published));
    return { kind, target: PUBLIC_KEY_KEY, checked: 1, findings: f ? [f] : [] };
}
/** Per kind: how many files were checked and how many are wrong. */
function byKind(results) {
    const kinds = ['apt', 'dnf', 'bin', 'drivers', 'images'];
    return kinds.flatMap((kind) => {
        const of = results.filter((r) => r.kind === kind);
        if (of.length === 0)
            return [];
        return [
            {
                kind,
                checked: of.reduce((n, r) => n + r.checked, 0),
                failed: of.reduce((n, r) => n + r.findings.length, 0),
                targets: of.map((r) => r.target)
            }
        ];
    });
}

/** The summary section: green or red per kind, then what was served versus published. */
function renderVerifySummary(report, where) {
    const rows = byKind(report.results).map((k) => `| ${k.failed ? '🔴' : '🟢'} ${k.kind} | ${k.checked} | ${k.failed} | ${k.targets.map((t) => `\`${t}\``).join(', ')} |`);
    const lines = [
        report.throughPublicUrl
            ? `Checked through ${where} as apt, dnf, falcoctl and docker fetch it (${report.passes} pass${report.passes === 1 ? '' : 'es'}).`
            : `No public-url: checked the store itself (${where}), not what a CDN in front of it serves.`,
        '',
        '| Kind | Files checked | Wrong | Where |',
        '| --- | --- | --- | --- |',
        ...rows
    ];
    const findings = report.results.flatMap((r) => r.findings);
    if (findings.length)
        lines.push('', findingsTable(findings, report.throughPublicUrl));
    return lines.join('\n') + '\n';
}
/** One line per kind, and per wrong file what was served, what was published and what to do. */
function logVerifyReport(report, log) {
    for (const k of byKind(report.results))
        log.info(`${k.failed ? 'FAIL' : 'ok  '} ${k.kind.padEnd(7)} ${k.checked} checked, ${k.failed} wrong`);
    for (const f of report.results.flatMap((r) => r.findings)) {
        log.error(`${f.kind}: ${f.file}\n  served:    ${f.served}\n  published: ${f.published}\n  hint:      ${hint(f, report.throughPublicUrl)}`);
    }
}
/** The error that fails the step, naming the files (the log and summary carry the table). */
function verifyError(report, where) {
    const findings = report.results.flatMap((r) => r.findings);
    const names = findings.slice(0, 5).map((f) => f.file);
    const more = findings.length > names.length ? ` and ${findings.length - names.length} more` : '';
    return (`verify: ${findings.length} file(s) served by ${where} are not what was published: ${names.join(', ')}${more}. ` +
        (report.throughPublicUrl
            ? 'A stale CDN object (invalidate it, or set cdn-invalidate), a missing invalidation, or a public-url that does not point at the store root.'
            : 'The store changed after this run wrote it.'));
}

/**
 * Resolves tags as `docker pull` does, through the registry client and the Docker credentials
 * the containers stage pushed with (loaded only when images were pushed).
 */
async function registryResolver(o) {
    const [{ RegistryClient }, credentials, { parseRepository }, image] = await Promise.all([
        import('./registry-SAicwANC.js').then(function (n) { return n.r; }),
        import('./credentials-D5j5L5p-.js'),
        import('./exec-DWS1DOXp.js').then(function (n) { return n.j; }),
        import('./exec-DWS1DOXp.js').then(function (n) { return n.h; })
    ]);
    const client = new RegistryClient({
        credentials: await credentials.loadDockerCredentials(o.dockerConfig ?? credentials.dockerConfigPath()),
        log: o.log,
        insecure: o.insecure
    });
    return {
        resolve: (repository, tag) => client.headManifest(parseRepository(repository), tag, [
            ...image.INDEX_TYPES,
            ...image.MANIFEST_TYPES
        ]),
        close: () => client.close()
    };
}

const REPOSITORY = /^(packages\/(deb|rpm|bin)(?:-dev)?)\//;
const noTargets = () => ({
    apt: new Map(),
    dnf: new Map(),
    bin: new Map(),
    drivers: [],
    images: []
});
/** What a run published, from its stages' results (or a `published-file` it wrote). */
function targetsOfPublished(published) {
    const targets = noTargets();
    for (const item of published) {
        if (item.kind === 'driver')
            targets.drivers.push(item);
        if (item.kind === 'image')
            targets.images.push(item);
        const m = REPOSITORY.exec(item.path);
        if (!m)
            continue;
        const [, prefix, format] = m;
        const artifact = { key: item.path, sha256: item.sha256, size: item.size };
        const isArtifact = item.kind === 'package' || item.kind === 'tarball';
        if (format === 'deb' || format === 'rpm') {
            const map = format === 'deb' ? targets.apt : targets.dnf;
            const list = (map.get(prefix) ?? []);
            if (isArtifact)
                list.push(artifact);
            map.set(prefix, list);
        }
        else {
            const entry = targets.bin.get(prefix) ?? { dirs: [], artifacts: [] };
            const dir = parentOf(item.path);
            // Tarballs and SHA256SUMS sit in arch folders; the listing (index.html) sits above them.
            if (dir !== prefix && !entry.dirs.includes(dir))
                entry.dirs.push(dir);
            if (isArtifact)
                entry.artifacts.push(artifact);
            targets.bin.set(prefix, entry);
        }
    }
    return targets;
}
function targetsOfRun(results) {
    return targetsOfPublished(results.flatMap((r) => r.published));
}
/**
 * Every repository the store holds, with everything its indexes list (the `verify` command, for a
 * scheduled check of the live server). Drivers and images are not listed by the store: they are
 * checked from a run's `published-file`.
 */
async function targetsOfStore(store) {
    const targets = noTargets();
    for (const suffix of ['', '-dev']) {
        const deb = `packages/deb${suffix}`;
        const rpm = `packages/rpm${suffix}`;
        const bin = `packages/bin${suffix}`;
        if (await store.head(`${deb}/dists/stable/InRelease`))
            targets.apt.set(deb, 'all');
        if (await store.head(`${rpm}/repodata/repomd.xml`))
            targets.dnf.set(rpm, 'all');
        const dirs = [];
        for await (const object of scan(store, `${bin}/`))
            if (object.key.endsWith('/SHA256SUMS'))
                dirs.push(parentOf(object.key));
        if (dirs.length)
            targets.bin.set(bin, { dirs, artifacts: 'all' });
    }
    return targets;
}
function isEmpty(t) {
    return !t.apt.size && !t.dnf.size && !t.bin.size && !t.drivers.length && !t.images.length;
}

export { targetsOfStore as a, renderVerifySummary as b, byKind as c, verifyError as d, targetsOfRun as e, httpServed as h, isEmpty as i, logVerifyReport as l, registryResolver as r, storeServed as s, targetsOfPublished as t, verify as v };
