import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { Transform, Readable } = __nodeBuiltin('node:stream');
import { aj as platformString, o as MediaType, p as parseRepository, I as INDEX_TYPES, M as MANIFEST_TYPES, ae as pLimit, ak as formatBytes, al as formatRate, am as platformOfConfig, an as indexTar, ao as manifestBlobs, ac as runCommand } from './publish-C_SEibVM.js';
import { s as sha256Digest, a as short, c as checkDigest } from './registry-ChPOzDRT.js';
import { c as signDigest } from './cosign-signature-V2JBaaMg.js';
import { s as signDigestKeyless, a as attachSignatureBundle, d as attachProvenance } from './cosign-keyless-BzvYowM2.js';
const { stat, readFile, mkdir } = __nodeBuiltin('node:fs/promises');
const path = __nodeBuiltin('node:path');
const { createReadStream } = __nodeBuiltin('node:fs');

function assemble(images) {
    if (images.length === 0)
        throw new Error('images: no image to push');
    const platforms = images.map((i) => platformString(i.platform));
    const seen = new Map();
    for (const image of images) {
        const p = platformString(image.platform);
        const other = seen.get(p);
        if (other !== undefined) {
            throw new Error(`images: ${JSON.stringify(other)} and ${JSON.stringify(image.source)} are both ${p}; give each entry its own platform`);
        }
        seen.set(p, image.source);
    }
    const attested = images.some((i) => i.attestation);
    // A single image is tagged directly, unless it carries an attestation: only an index can list both.
    if (images.length === 1 && !attested)
        return { images, top: images[0].manifest, platforms };
    const original = images[0].index;
    if (original && images.every((i) => i.index === original))
        return { images, top: original, platforms };
    const docker = !attested && images.every((i) => i.manifest.mediaType === MediaType.dockerManifest);
    const mediaType = docker ? MediaType.dockerList : MediaType.ociIndex;
    const manifests = images.map((i) => ({
        mediaType: i.manifest.mediaType,
        digest: i.manifest.digest,
        size: i.manifest.bytes.length,
        platform: i.platform
    }));
    // As buildx lists them: the platforms first, then each one's attestation manifest.
    for (const image of images)
        if (image.attestation)
            manifests.push(image.attestation.descriptor);
    const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, manifests }));
    return { images, top: { bytes, mediaType, digest: sha256Digest(bytes) }, platforms };
}
/** Every distinct blob of the images and their attestations, with the image that can open it. */
function distinctBlobs(images) {
    const seen = new Map();
    for (const image of images) {
        for (const blob of [...image.blobs, ...(image.attestation?.blobs ?? [])])
            if (!seen.has(blob.digest))
                seen.set(blob.digest, { blob, image });
    }
    return [...seen.values()];
}

class PushError extends Error {
    pushed;
    failed;
    constructor(message, pushed, failed) {
        super(message);
        this.pushed = pushed;
        this.failed = failed;
        this.name = 'PushError';
    }
}
/** Counts bytes as they pass, for the progress line. */
function counting(stream, add) {
    const meter = new Transform({
        transform(chunk, _encoding, done) {
            add(chunk.length);
            done(null, chunk);
        }
    });
    stream.on('error', (error) => meter.destroy(error));
    // When the upload is abandoned, the file behind it is closed too.
    meter.on('close', () => stream.destroy());
    return stream.pipe(meter);
}
async function pushToRepositories(client, repositories, image, tags, options) {
    const pushed = [];
    const failed = [];
    const targets = repositories.map(parseRepository);
    const extra = (options.mountFrom ?? []).map(parseRepository);
    // A repository that holds the image's top manifest holds everything it names (a registry
    // refuses a manifest whose blobs or children it lacks): nothing goes there but HEADs, and
    // it is a mount source for the others from the start, as an earlier run left it.
    const accept = [image.top.mediaType, ...INDEX_TYPES, ...MANIFEST_TYPES];
    const holds = [];
    for (const repo of targets) {
        holds.push(await client.headManifest(repo, image.top.digest, accept).then((digest) => digest === image.top.digest, 
        // Reported by the push itself, with the repository's name.
        () => false));
    }
    /** Repositories that hold every blob of the image: before this run, or after it pushed there. */
    const complete = targets.filter((_, n) => holds[n]);
    for (const [n, repo] of targets.entries()) {
        // Sources known to hold the blobs first, then those named by image-mount-from.
        const sources = uniqueByName([...complete, ...extra]).filter((s) => s.name !== repo.name && s.apiHost === repo.apiHost);
        try {
            const archTags = n === 0 ? (options.archTags ?? []) : [];
            const result = await pushOne(client, repo, image, tags, sources, holds[n], {
                ...options,
                archTags
            });
            pushed.push(result);
            if (!complete.includes(repo))
                complete.push(repo);
        }
        catch (error) {
            failed.push({ repository: repo.name, error: error.message });
            options.log.error(`${repo.name}: ${error.message}`);
        }
    }
    if (failed.length > 0) {
        throw new PushError(`pushing to ${failed.map((f) => f.repository).join(', ')} failed: ${failed.map((f) => f.error).join('; ')}`, pushed, failed);
    }
    return pushed;
}
function uniqueByName(repos) {
    const seen = new Set();
    return repos.filter((r) => !seen.has(r.name) && seen.add(r.name));
}
async function pushOne(client, repo, image, tags, mountable, 
/** The repository already holds the top manifest, hence every blob and child manifest. */
present, { concurrency, log, immutable = [], overwrite = false, archTags = [], cosignKey, keyless, buildRun }) {
    const perArch = archTags.map((tag, i) => ({
        tag,
        digest: image.images[i].manifest.digest,
        platform: image.platforms[i],
        manifest: image.images[i].manifest
    }));
    const targets = [
        ...tags.map((tag) => ({ tag, digest: image.top.digest })),
        ...perArch.map(({ tag, digest }) => ({ tag, digest }))
    ];
    // What each tag names now: asked once, for the release-tag check and to skip a PUT that
    // would change nothing.
    const accept = [...INDEX_TYPES, ...MANIFEST_TYPES];
    const current = new Map();
    const named = (tag) => {
        if (!current.has(tag))
            current.set(tag, client.headManifest(repo, tag, accept));
        return current.get(tag);
    };
    // Checked before any byte moves, so a refused release leaves the repository as it was.
    for (const { tag, digest } of targets.filter((t) => immutable.includes(t.tag))) {
        const now = await named(tag);
        if (now === undefined || now === digest)
            continue;
        if (!overwrite) {
            throw new Error(`${repo.name}:${tag} already points at ${now}, not at this image (${digest}); ` +
                'release tags are not moved. Set image-overwrite: true to replace it.');
        }
        log.warning(`${repo.name}:${tag} moves from ${now} to ${digest} (image-overwrite)`);
    }
    const stats = { uploaded: 0, mounted: 0, existing: 0, bytesUploaded: 0 };
    const limit = pLimit(concurrency);
    // Sources that refused a mount (no pull access, no such repository) are not asked again.
    const refused = new Set();
    const blobs = distinctBlobs(image.images);
    if (present) {
        stats.existing = blobs.length;
        log.debug(`${repo.name}: holds ${short(image.top.digest)} and all it names already`);
    }
    await Promise.all((present ? [] : blobs).map(({ blob, image: owner }) => limit(async () => {
        if (await client.hasBlob(repo, blob.digest)) {
            stats.existing++;
            log.debug(`${repo.name}: ${short(blob.digest)} already there`);
            return;
        }
        for (const from of mountable) {
            if (refused.has(from.name))
                continue;
            const outcome = await client.mountBlob(repo, blob.digest, from);
            if (outcome === 'refused')
                refused.add(from.name);
            if (outcome !== 'mounted')
                continue;
            stats.mounted++;
            log.info(`${repo.name}: mounted ${short(blob.digest)} (${formatBytes(blob.size)}) from ${from.path}`);
            return;
        }
        const started = Date.now();
        const open = owner.open(blob.digest);
        let sent = 0;
        await client.uploadBlob(repo, blob.digest, blob.size, (range) => counting(open(range), (n) => (sent += n)));
        stats.uploaded++;
        stats.bytesUploaded += blob.size;
        const seconds = Math.max((Date.now() - started) / 1000, 0.001);
        log.info(`${repo.name}: pushed ${short(blob.digest)} ${formatBytes(blob.size)} in ${seconds.toFixed(1)} s (${formatRate(blob.size, seconds * 1000)})` +
            (sent > blob.size ? `, ${formatBytes(sent - blob.size)} re-sent after retries` : ''));
    })));
    // What the index names goes first, by digest: platform manifests and their attestations.
    const children = image.images.flatMap((i) => [
        ...(i.manifest.digest !== image.top.digest ? [i.manifest] : []),
        ...(i.attestation
            ? [
                {
                    bytes: i.attestation.bytes,
                    mediaType: i.attestation.descriptor.mediaType,
                    digest: i.attestation.descriptor.digest
                }
            ]
            : [])
    ]);
    // A manifest is sent only when the registry lacks it (by digest) or the tag names another.
    const absent = async (reference, digest, mediaType) => (await (reference === digest
        ? client.headManifest(repo, reference, [mediaType, ...accept])
        : named(reference))) !== digest;
    await Promise.all((present ? [] : children).map((m) => limit(async () => {
        if (await absent(m.digest, m.digest, m.mediaType))
            await client.putManifest(repo, m.digest, m.bytes, m.mediaType);
    })));
    for (const { tag, manifest, platform } of perArch) {
        if (await absent(tag, manifest.digest, manifest.mediaType)) {
            await client.putManifest(repo, tag, manifest.bytes, manifest.mediaType);
            log.info(`${repo.name}:${tag} -> ${manifest.digest} (${platform})`);
        }
        else
            log.info(`${repo.name}:${tag} already -> ${manifest.digest} (${platform})`);
    }
    for (const tag of tags) {
        const where = `${image.top.digest} (${image.platforms.join(', ')})`;
        if (await absent(tag, image.top.digest, image.top.mediaType)) {
            await client.putManifest(repo, tag, image.top.bytes, image.top.mediaType);
            log.info(`${repo.name}:${tag} -> ${where}`);
        }
        else
            log.info(`${repo.name}:${tag} already -> ${where}`);
    }
    // Signatures last: what they vouch for is complete and tagged by now. The index and each
    // platform manifest: podman, CRI-O and skopeo check the platform they pull, cosign the index.
    const signatures = [];
    const signatureBundles = [];
    const top = {
        digest: image.top.digest,
        mediaType: image.top.mediaType,
        size: image.top.bytes.length
    };
    const signed = [
        top,
        ...image.images.map(({ manifest: m }) => ({
            digest: m.digest,
            mediaType: m.mediaType,
            size: m.bytes.length
        }))
    ].filter((d, n, all) => all.findIndex((o) => o.digest === d.digest) === n);
    for (const subject of signed) {
        if (keyless) {
            signatures.push(await signDigestKeyless(client, repo, subject.digest, keyless, log));
            signatureBundles.push(await attachSignatureBundle(client, repo, subject, keyless, log));
        }
        else if (cosignKey)
            signatures.push(await signDigest(client, repo, subject.digest, cosignKey, log));
    }
    const signer = keyless ?? cosignKey;
    const provenance = signer && buildRun
        ? await attachProvenance(client, repo, top, buildRun, signer, log)
        : undefined;
    return {
        repository: repo.name,
        tags,
        archTags: perArch.map(({ tag, digest, platform }) => ({ tag, digest, platform })),
        attestations: image.images.flatMap((i, n) => i.attestation
            ? [
                {
                    digest: i.attestation.descriptor.digest,
                    describes: i.manifest.digest,
                    platform: image.platforms[n]
                }
            ]
            : []),
        digest: image.top.digest,
        mediaType: image.top.mediaType,
        size: image.top.bytes.length,
        platforms: image.platforms,
        ...(signatures.length > 0 ? { signatures } : {}),
        ...(provenance ? { provenance } : {}),
        ...(signatureBundles.length > 0 ? { signatureBundles } : {}),
        blobs: stats
    };
}

const GZIP = Buffer.from([0x1f, 0x8b]);
const ZSTD = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
async function sniff(files, name) {
    const head = [];
    for await (const chunk of files.open(name, { start: 0, end: 3 }))
        head.push(chunk);
    const bytes = Buffer.concat(head);
    if (bytes.subarray(0, 2).equals(GZIP))
        return MediaType.ociLayerGzip;
    if (bytes.subarray(0, 4).equals(ZSTD))
        return MediaType.ociLayerZstd;
    return MediaType.ociLayer;
}
function selectEntry$1(entries, ref, where) {
    if (ref !== undefined) {
        const wanted = ref.includes(':') ? ref : `${ref}:latest`;
        const found = entries.find((e) => (e.RepoTags ?? []).some((t) => t === wanted || t === ref));
        if (!found) {
            const known = entries.flatMap((e) => e.RepoTags ?? []);
            throw new Error(`${where}: no image tagged ${JSON.stringify(ref)} (the archive has: ${known.join(', ') || 'untagged images'})`);
        }
        return found;
    }
    if (entries.length !== 1) {
        throw new Error(`${where}: the archive holds ${entries.length} images; name one as <file>:<repo:tag>`);
    }
    return entries[0];
}
async function loadDockerArchive(files, ref, source, platform) {
    const raw = await files.read('manifest.json');
    if (!raw)
        throw new Error(`${files.where}: no manifest.json; not a docker save archive`);
    let entries;
    try {
        entries = JSON.parse(raw.toString('utf8'));
    }
    catch {
        throw new Error(`${files.where}: manifest.json is not valid JSON`);
    }
    if (!Array.isArray(entries) || entries.length === 0)
        throw new Error(`${files.where}: manifest.json lists no images`);
    const entry = selectEntry$1(entries, ref, files.where);
    const configBytes = await files.read(entry.Config);
    if (!configBytes)
        throw new Error(`${files.where}: missing image config ${entry.Config}`);
    const config = JSON.parse(configBytes.toString('utf8'));
    const diffIds = config.rootfs?.diff_ids ?? [];
    if (diffIds.length !== entry.Layers.length) {
        throw new Error(`${files.where}: the config lists ${diffIds.length} layers, manifest.json ${entry.Layers.length}`);
    }
    const paths = new Map();
    const configDigest = sha256Digest(configBytes);
    paths.set(configDigest, entry.Config);
    const layers = [];
    for (const [i, name] of entry.Layers.entries()) {
        const size = await files.size(name);
        if (size === undefined)
            throw new Error(`${files.where}: missing layer ${name}`);
        const mediaType = await sniff(files, name);
        // An uncompressed layer's digest is its diff_id; a compressed one is named by its digest
        // in the OCI-style archives docker 25+ writes (blobs/sha256/<hex>).
        const named = name.match(/^blobs\/sha256\/([a-f0-9]{64})$/);
        const digest = named
            ? `sha256:${named[1]}`
            : mediaType === MediaType.ociLayer
                ? diffIds[i]
                : undefined;
        if (!digest)
            throw new Error(`${files.where}: layer ${name} is compressed and not named by its digest`);
        paths.set(digest, name);
        layers.push({ mediaType, digest, size });
    }
    const manifest = {
        schemaVersion: 2,
        mediaType: MediaType.ociManifest,
        config: { mediaType: MediaType.ociConfig, digest: configDigest, size: configBytes.length },
        layers
    };
    const bytes = Buffer.from(JSON.stringify(manifest));
    return [
        {
            source,
            platform: platform ?? platformOfConfig(config, `${files.where}: ${entry.Config}`),
            manifest: { bytes, mediaType: MediaType.ociManifest, digest: sha256Digest(bytes) },
            blobs: [manifest.config, ...layers],
            open: (digest) => {
                const name = paths.get(digest);
                if (!name)
                    throw new Error(`${files.where}: no blob ${digest}`);
                return (range) => files.open(name, range);
            }
        }
    ];
}

/** Files under a directory; names are '/'-separated and may not leave it. */
function directoryFiles(dir) {
    const resolve = (name) => {
        const full = path.resolve(dir, name);
        if (full !== dir && !full.startsWith(dir + path.sep)) {
            throw new Error(`${dir}: ${JSON.stringify(name)} points outside the image layout`);
        }
        return full;
    };
    return {
        where: dir,
        async read(name) {
            try {
                return await readFile(resolve(name));
            }
            catch (error) {
                if (error.code === 'ENOENT')
                    return undefined;
                throw error;
            }
        },
        async size(name) {
            try {
                const info = await stat(resolve(name));
                return info.isFile() ? info.size : undefined;
            }
            catch (error) {
                if (error.code === 'ENOENT')
                    return undefined;
                throw error;
            }
        },
        open(name, range) {
            return createReadStream(resolve(name), range ? { start: range.start, end: range.end } : {});
        }
    };
}
/** Files inside a tar archive, located once by their headers and read as byte ranges. */
async function archiveFiles(file) {
    const entries = await indexTar(file);
    const find = (name) => entries.get(path.posix.normalize(name).replace(/^(\.\/)+/, ''));
    const rangeOf = (name, range) => {
        const entry = find(name);
        if (!entry)
            throw new Error(`${file}: no ${name} in the archive`);
        if (entry.size === 0)
            return undefined;
        const start = entry.offset + (range?.start ?? 0);
        const end = entry.offset + (range?.end ?? entry.size - 1);
        return { start, end };
    };
    return {
        where: file,
        async read(name) {
            const entry = find(name);
            if (!entry)
                return undefined;
            const range = rangeOf(name);
            if (!range)
                return Buffer.alloc(0);
            const chunks = [];
            for await (const chunk of createReadStream(file, range))
                chunks.push(chunk);
            return Buffer.concat(chunks);
        },
        async size(name) {
            return find(name)?.size;
        },
        open(name, range) {
            const r = rangeOf(name, range);
            return r ? createReadStream(file, r) : Readable.from([]);
        }
    };
}

/**
 * Reads an OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/…`), as
 * `docker buildx build --output type=oci`, umoci and skopeo write it, from a directory or an
 * oci-archive. Every manifest is checked against its digest, and every blob it names must be
 * present with the right size, before anything is pushed.
 */
const REF_NAME = 'org.opencontainers.image.ref.name';
/** buildx: the image manifest an attestation manifest speaks about. */
const REFERENCE_DIGEST = 'vnd.docker.reference.digest';
function blobPath(digest, where) {
    checkDigest(digest, where);
    return `blobs/sha256/${digest.slice('sha256:'.length)}`;
}
async function readJson(files, name, what) {
    const bytes = await files.read(name);
    if (!bytes)
        throw new Error(`${files.where}: missing ${name} (${what})`);
    try {
        return JSON.parse(bytes.toString('utf8'));
    }
    catch {
        throw new Error(`${files.where}: ${name} is not valid JSON`);
    }
}
/** Reads a blob the layout holds, checking it against its descriptor. */
async function readBlob(files, d) {
    const name = blobPath(d.digest, files.where);
    const bytes = await files.read(name);
    if (!bytes)
        throw new Error(`${files.where}: missing blob ${d.digest}`);
    if (sha256Digest(bytes) !== d.digest)
        throw new Error(`${files.where}: blob ${d.digest} does not match its digest`);
    return bytes;
}
/** True for buildx's attestation manifests, which carry no runnable platform. */
function isAttestation(d) {
    return (d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ||
        (d.platform?.os === 'unknown' && d.platform?.architecture === 'unknown'));
}
function selectEntry(index, ref, where) {
    const manifests = index.manifests ?? [];
    if (manifests.length === 0)
        throw new Error(`${where}: index.json lists no images`);
    if (ref !== undefined) {
        const found = manifests.filter((m) => m.annotations?.[REF_NAME] === ref);
        if (found.length === 1)
            return found[0];
        const known = manifests.map((m) => m.annotations?.[REF_NAME]).filter(Boolean);
        throw new Error(`${where}: ${found.length === 0 ? 'no' : 'more than one'} image named ${JSON.stringify(ref)}` +
            (known.length > 0 ? ` (the layout has: ${known.join(', ')})` : ''));
    }
    if (manifests.length === 1)
        return manifests[0];
    const known = manifests.map((m) => m.annotations?.[REF_NAME] ?? m.digest);
    throw new Error(`${where}: the layout holds several images; name one as <dir>:<ref> (${known.join(', ')})`);
}
/**
 * The images of one layout entry: one, or one per platform when the entry is an index.
 * `platform` (from the `os/arch=` prefix) overrides what the config declares.
 */
async function loadOciLayout(files, ref, source, platform) {
    const layout = (await readJson(files, 'oci-layout', 'not an OCI image layout'));
    if (layout?.imageLayoutVersion !== '1.0.0') {
        throw new Error(`${files.where}: oci-layout version ${JSON.stringify(layout?.imageLayoutVersion)} is not 1.0.0`);
    }
    const index = (await readJson(files, 'index.json', 'the layout index'));
    const entry = selectEntry(index, ref, files.where);
    const images = [];
    const attestations = [];
    const visit = async (d, depth) => {
        if (INDEX_TYPES.includes(d.mediaType)) {
            if (depth > 2)
                throw new Error(`${files.where}: image indexes nested too deep`);
            const nested = JSON.parse((await readBlob(files, d)).toString('utf8'));
            for (const child of nested.manifests ?? []) {
                if (isAttestation(child))
                    attestations.push(child);
                else
                    await visit(child, depth + 1);
            }
            return;
        }
        if (!MANIFEST_TYPES.includes(d.mediaType)) {
            throw new Error(`${files.where}: ${d.digest} has media type ${d.mediaType}, not an image manifest or index`);
        }
        images.push(await loadManifest(files, d, source, platform));
    };
    await visit(entry, 0);
    // Each attestation goes with the image it names; one naming no image read here is left out.
    let attached = 0;
    for (const d of attestations) {
        const owner = images.find((i) => i.manifest.digest === d.annotations?.[REFERENCE_DIGEST]);
        if (!owner || owner.attestation)
            continue;
        owner.attestation = await loadAttestation(files, d);
        attached++;
    }
    if (INDEX_TYPES.includes(entry.mediaType) && !platform) {
        // Keep the builder's own index (its digest, its annotations) when every entry in it is one
        // of the images or attestations read here; an index with nested indexes is rebuilt.
        const bytes = await readBlob(files, entry);
        const listed = JSON.parse(bytes.toString('utf8')).manifests ?? [];
        const known = new Set([
            ...images.map((i) => i.manifest.digest),
            ...images.flatMap((i) => (i.attestation ? [i.attestation.descriptor.digest] : []))
        ]);
        const same = listed.length === images.length + attached &&
            listed.every((d) => known.has(d.digest) && d.platform !== undefined);
        if (same) {
            const original = { bytes, mediaType: entry.mediaType, digest: entry.digest };
            for (const image of images)
                image.index = original;
        }
    }
    if (platform && images.length > 1) {
        throw new Error(`${source}: names one platform but the layout entry holds ${images.length} images`);
    }
    return images;
}
/** The blobs a manifest names, each checked to be in the layout with the size it says. */
async function presentBlobs(files, manifest, where) {
    const blobs = manifestBlobs(manifest, where);
    for (const blob of blobs) {
        const size = await files.size(blobPath(blob.digest, where));
        if (size === undefined)
            throw new Error(`${where}: blob ${blob.digest} is missing from the layout`);
        if (size !== blob.size) {
            throw new Error(`${where}: blob ${blob.digest} is ${size} bytes, the manifest says ${blob.size}`);
        }
    }
    return blobs;
}
/** An attestation manifest, kept byte for byte with the descriptor buildx gave it. */
async function loadAttestation(files, d) {
    const bytes = await readBlob(files, d);
    const where = `${files.where}: attestation manifest ${d.digest}`;
    const blobs = await presentBlobs(files, JSON.parse(bytes.toString('utf8')), where);
    return { descriptor: d, bytes, blobs };
}
async function loadManifest(files, d, source, platform) {
    const bytes = await readBlob(files, d);
    const where = `${files.where}: manifest ${d.digest}`;
    const manifest = JSON.parse(bytes.toString('utf8'));
    const blobs = await presentBlobs(files, manifest, where);
    const resolved = platform ??
        d.platform ??
        platformOfConfig(JSON.parse((await readBlob(files, blobs[0])).toString('utf8')), where);
    return {
        source,
        platform: resolved,
        manifest: { bytes, mediaType: manifest.mediaType ?? d.mediaType, digest: d.digest },
        blobs,
        open: (digest) => (range) => files.open(blobPath(digest, where), range)
    };
}

/** Exec by runCommand, with the environment this process has (DOCKER_HOST, DOCKER_CONFIG...). */
const runExec = async (command, args) => {
    const { code, stderr, startError } = await runCommand(command, args);
    return { code, stderr: stderr || (startError?.message ?? '') };
};
async function mustExist(file, kind, entry) {
    const info = await stat(file).catch(() => undefined);
    const ok = info && (kind === 'file' ? info.isFile() : info.isDirectory());
    if (!ok)
        throw new Error(`images: ${JSON.stringify(entry.raw)}: no ${kind} ${file}`);
}
/** Reads one `images` entry into the images (one per platform) it holds. */
async function loadImageEntry(entry, options) {
    const resolved = path.resolve(options.workspace, entry.path);
    switch (entry.transport) {
        case 'oci':
            await mustExist(resolved, 'directory', entry);
            return loadOciLayout(directoryFiles(resolved), entry.ref, entry.raw, entry.platform);
        case 'oci-archive':
            await mustExist(resolved, 'file', entry);
            return loadOciLayout(await archiveFiles(resolved), entry.ref, entry.raw, entry.platform);
        case 'docker-archive':
            await mustExist(resolved, 'file', entry);
            return loadDockerArchive(await archiveFiles(resolved), entry.ref, entry.raw, entry.platform);
        case 'docker-daemon': {
            await mkdir(options.workdir, { recursive: true });
            const file = path.join(options.workdir, `docker-save-${entry.path.replace(/[^A-Za-z0-9_.-]+/g, '_')}.tar`);
            const { code, stderr } = await options.exec('docker', ['save', '--output', file, entry.path]);
            if (code !== 0) {
                throw new Error(`images: ${JSON.stringify(entry.raw)}: docker save ${entry.path} exited with ${code}: ${stderr.trim() || 'no message'}; is the image built and the daemon running?`);
            }
            return loadDockerArchive(await archiveFiles(file), undefined, entry.raw, entry.platform);
        }
    }
}

export { PushError as P, assemble as a, distinctBlobs as d, loadImageEntry as l, pushToRepositories as p, runExec as r };
