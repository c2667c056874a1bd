import { g as getExecOutput } from './exec-BmD6LFMY.js';
import * as path from 'node:path';
import { S as StageError } from './plan-CQATGyda.js';
import { s as sha256Digest, a as short, c as checkDigest, R as RegistryClient } from './registry-DltJKSHU.js';
import { p as platformString, M as MediaType, b as MANIFEST_TYPES, I as INDEX_TYPES, c as parseRepository, d as platformOfConfig, m as manifestBlobs, i as isValidTag, e as isLoopback, w as webUrl } from './repository-DvLn_JJ-.js';
import { createPrivateKey, createPublicKey, scrypt, sign, verify } from 'node:crypto';
import { promisify } from 'node:util';
import { I as InputError } from './input-values-CHzpRL_X.js';
import { Readable, Transform } from 'node:stream';
import { loadDockerCredentials, dockerConfigPath } from './credentials-CewVJq7P.js';
import { p as pLimit } from './index-1_RgLtDn.js';
import { open, stat, readFile, mkdir } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { h as hasWork } from './work-DNABfhQ8.js';
import 'string_decoder';
import 'os';
import 'events';
import 'child_process';
import 'path';
import 'assert';
import 'fs';
import 'timers';
import './retry-CrDylnPN.js';
import 'node:perf_hooks';
import 'node:http';
import 'node:https';
import 'node:stream/promises';
import 'node:os';

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

/**
 * Reads the key `cosign-private-key` names: what `cosign generate-key-pair` writes (PEM
 * `ENCRYPTED SIGSTORE PRIVATE KEY`, or `ENCRYPTED COSIGN PRIVATE KEY` from older cosign), or a
 * PKCS#8 PEM key (`PRIVATE KEY`, or `ENCRYPTED PRIVATE KEY` with the password). Only ECDSA
 * P-256 is accepted: cosign's default, and what containers/image and cosign verify with
 * SHA-256.
 *
 * cosign's encrypted format (pkg/cosign/keys.go, through go-securesystemslib's `encrypted`
 * package): the PEM body is JSON naming the KDF (scrypt with N, r, p and a salt) and the
 * cipher (NaCl secretbox, XSalsa20-Poly1305, with a nonce); the ciphertext opens to the
 * PKCS#8 DER of the private key under the 32-byte key scrypt derives from the password.
 */
const INPUT = 'cosign-private-key';
const COSIGN_TYPES = ['ENCRYPTED SIGSTORE PRIVATE KEY', 'ENCRYPTED COSIGN PRIVATE KEY'];
function pemBlock(text) {
    const match = text.match(/-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/);
    if (!match)
        return undefined;
    return { type: match[1], body: Buffer.from(match[2].replace(/\s+/g, ''), 'base64') };
}
const scryptAsync = promisify(scrypt);
async function decryptCosign(body, password) {
    let parsed;
    try {
        parsed = JSON.parse(body.toString('utf8'));
    }
    catch {
        throw new InputError(INPUT, 'the encrypted key is not in the format cosign writes (no JSON body)');
    }
    const { kdf, cipher, ciphertext } = parsed;
    const { N, r, p } = kdf?.params ?? {};
    if (kdf?.name !== 'scrypt' ||
        cipher?.name !== 'nacl/secretbox' ||
        !Number.isInteger(N) ||
        !Number.isInteger(r) ||
        !Number.isInteger(p) ||
        typeof kdf.salt !== 'string' ||
        typeof cipher.nonce !== 'string' ||
        typeof ciphertext !== 'string') {
        throw new InputError(INPUT, 'the encrypted key is not scrypt + nacl/secretbox as cosign generate-key-pair writes it');
    }
    // Bound the work a key can ask for: cosign writes N = 32768 (older: 65536), r = 8, p = 1.
    if (N > 1 << 20 || r > 32 || p > 16) {
        throw new InputError(INPUT, `the key asks for scrypt parameters too costly (N=${N}, r=${r}, p=${p})`);
    }
    const secret = await scryptAsync(Buffer.from(password, 'utf8'), Buffer.from(kdf.salt, 'base64'), 32, {
        N: N,
        r: r,
        p: p,
        maxmem: 256 * N * r * p
    });
    // Loaded only when a cosign key is used.
    const { secretbox } = await import('./salsa-BtKKVTps.js');
    try {
        return Buffer.from(secretbox(secret, Buffer.from(cipher.nonce, 'base64')).open(Buffer.from(ciphertext, 'base64')));
    }
    catch {
        throw new InputError(INPUT, 'cosign-password does not open the key (wrong password?)');
    }
}
/** Reads and checks the key; errors name the input and never quote the key or the password. */
async function readCosignKey(text, password) {
    const block = pemBlock(text);
    if (!block) {
        throw new InputError(INPUT, 'expected the PEM text of the key (cosign.key from cosign generate-key-pair, or a PKCS#8 PEM key), not a file name');
    }
    let privateKey;
    try {
        if (COSIGN_TYPES.includes(block.type)) {
            const der = await decryptCosign(block.body, password);
            try {
                privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
            }
            catch {
                // Keys some old cosign versions wrote (SEC1 inside): cosign itself refuses them.
                throw new InputError(INPUT, 'the key opens but holds no PKCS#8 private key; cosign cannot use it either: make a new one with cosign generate-key-pair');
            }
        }
        else if (block.type === 'PRIVATE KEY' || block.type === 'ENCRYPTED PRIVATE KEY') {
            privateKey = createPrivateKey({
                key: text,
                format: 'pem',
                ...(block.type === 'ENCRYPTED PRIVATE KEY' ? { passphrase: password } : {})
            });
        }
        else {
            throw new InputError(INPUT, `a ${block.type} block is not supported; give cosign.key or a PKCS#8 PEM key (openssl pkcs8 -topk8)`);
        }
    }
    catch (error) {
        if (error instanceof InputError)
            throw error;
        throw new InputError(INPUT, 'the key could not be read (a damaged key, or the wrong cosign-password)');
    }
    const details = privateKey.asymmetricKeyDetails;
    if (privateKey.asymmetricKeyType !== 'ec' || details?.namedCurve !== 'prime256v1') {
        throw new InputError(INPUT, `the key is ${privateKey.asymmetricKeyType}${details?.namedCurve ? ` ${details.namedCurve}` : ''}; cosign signatures here use ECDSA P-256 (cosign generate-key-pair makes one)`);
    }
    const publicKeyPem = createPublicKey(privateKey)
        .export({ type: 'spki', format: 'pem' })
        .toString();
    return { privateKey, publicKeyPem };
}

/**
 * Cosign signatures as cosign writes them and cosign, containers/image (podman, skopeo,
 * CRI-O) and policy-controller read them: an OCI manifest tagged `sha256-<hex>.sig` in the
 * image's repository, one layer per signature, each layer the "simple signing" payload naming
 * the image digest, its ECDSA signature (base64 DER over the payload's bytes) in the
 * `dev.cosignproject.cosign/signature` annotation. Signing is by digest: the tags all share it.
 */
const SIMPLE_SIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json';
const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
/** Where cosign looks for the signatures of `digest`: the tag `sha256-<hex>.sig`. */
function signatureTag(digest) {
    return `${digest.replace(':', '-')}.sig`;
}
/**
 * The payload cosign signs (pure and deterministic, so a re-run recognises its own signature):
 * the repository as the identity, the manifest digest, cosign's type string.
 */
function simpleSigningPayload(repository, digest) {
    return Buffer.from(JSON.stringify({
        critical: {
            identity: { 'docker-reference': repository },
            image: { 'docker-manifest-digest': digest },
            type: 'cosign container image signature'
        },
        optional: null
    }));
}
/** The signature manifest and its config for the given signature layers (pure). */
function signatureManifest(layers) {
    // As cosign's (go-containerregistry's empty image plus layers): the config lists the layers.
    const config = Buffer.from(JSON.stringify({
        architecture: '',
        config: {},
        created: '0001-01-01T00:00:00Z',
        history: layers.map(() => ({ created: '0001-01-01T00:00:00Z' })),
        os: '',
        rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) }
    }));
    const manifest = Buffer.from(JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociManifest,
        config: { mediaType: MediaType.ociConfig, size: config.length, digest: sha256Digest(config) },
        layers
    }));
    return { manifest, config };
}
/** True when `signature` (base64 DER) is the key's signature over `payload`. */
function verifies(key, payload, signature) {
    try {
        return verify('sha256', payload, key.publicKeyPem, Buffer.from(signature, 'base64'));
    }
    catch {
        return false;
    }
}
async function ensureBlob$1(client, repo, bytes) {
    const digest = sha256Digest(bytes);
    if (await client.hasBlob(repo, digest))
        return digest;
    await client.uploadBlob(repo, digest, bytes.length, (range) => Readable.from([range ? bytes.subarray(range.start, range.end + 1) : bytes]));
    return digest;
}
/**
 * Signs `digest` in `repo` with the key, unless the key's signature of it is already there.
 * Signatures others made (another key, keyless) stay: the new one is added beside them.
 */
async function signDigest(client, repo, digest, key, log) {
    const tag = signatureTag(digest);
    const payload = simpleSigningPayload(repo.name, digest);
    const payloadDigest = sha256Digest(payload);
    const existing = await client.getManifest(repo, tag, [...MANIFEST_TYPES]);
    let layers = [];
    if (existing) {
        const parsed = JSON.parse(existing.body.toString('utf8'));
        layers = (parsed.layers ?? []).filter((l) => l.mediaType === SIMPLE_SIGNING);
        const ours = layers.find((l) => l.digest === payloadDigest &&
            verifies(key, payload, l.annotations?.[SIGNATURE_ANNOTATION] ?? ''));
        if (ours) {
            log.info(`${repo.name}: ${short(digest)} is already signed with this key (${tag})`);
            return { tag, digest: existing.digest, written: false };
        }
    }
    const signature = sign('sha256', payload, key.privateKey).toString('base64');
    await ensureBlob$1(client, repo, payload);
    layers.push({
        mediaType: SIMPLE_SIGNING,
        size: payload.length,
        digest: payloadDigest,
        annotations: { [SIGNATURE_ANNOTATION]: signature }
    });
    const { manifest, config } = signatureManifest(layers);
    await ensureBlob$1(client, repo, config);
    const written = await client.putManifest(repo, tag, manifest, MediaType.ociManifest);
    log.info(`${repo.name}: signed ${short(digest)} (${tag})`);
    return { tag, digest: written, written: true };
}

/**
 * SLSA provenance for a pushed image (in-toto Statement v1, predicate SLSA v1): the subject
 * is the image's digest, the builder the workflow run, the resolved dependency the commit.
 * It is signed as a DSSE envelope with the cosign key and attached as an OCI 1.1 referrer of
 * the image: a manifest whose `subject` names the image. Registries without the referrers API
 * (Distribution 2.8, older ECR) are served by the referrers tag schema of the distribution
 * spec: an index tagged `sha256-<hex>` listing the referrers, which clients (oras, cosign,
 * regclient) read when the API answers 404.
 */
const DSSE_ENVELOPE = 'application/vnd.dsse.envelope.v1+json';
const IN_TOTO = 'application/vnd.in-toto+json';
const SLSA_V1 = 'https://slsa.dev/provenance/v1';
const EMPTY = { mediaType: 'application/vnd.oci.empty.v1+json', bytes: Buffer.from('{}') };
/** On the referrer: the statement's digest, so a re-run finds the provenance it wrote. */
const STATEMENT_DIGEST = 'dev.falco-publish.statement.digest';
const PREDICATE_TYPE = 'in-toto.io/predicate-type';
function buildRunFromEnv(env, sha) {
    return {
        server: env.GITHUB_SERVER_URL || 'https://github.com',
        repository: env.GITHUB_REPOSITORY ?? '',
        workflowRef: env.GITHUB_WORKFLOW_REF ?? '',
        runId: env.GITHUB_RUN_ID ?? '',
        runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
        ref: env.GITHUB_REF ?? '',
        sha,
        eventName: env.GITHUB_EVENT_NAME ?? ''
    };
}
/** The statement (pure): the same run and image give the same bytes. */
function provenanceStatement(repository, digest, run) {
    const workflowPath = run.workflowRef.replace(/^[^/]+\/[^/]+\//, '').replace(/@.*$/, '');
    const source = `git+${run.server}/${run.repository}@${run.ref}`;
    return Buffer.from(JSON.stringify({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ name: repository, digest: { sha256: digest.replace(/^sha256:/, '') } }],
        predicateType: SLSA_V1,
        predicate: {
            buildDefinition: {
                buildType: 'https://actions.github.io/buildtypes/workflow/v1',
                externalParameters: {
                    workflow: {
                        ref: run.ref,
                        repository: `${run.server}/${run.repository}`,
                        path: workflowPath
                    }
                },
                internalParameters: { github: { event_name: run.eventName } },
                resolvedDependencies: [{ uri: source, digest: { gitCommit: run.sha } }]
            },
            runDetails: {
                builder: { id: `${run.server}/${run.workflowRef}` },
                metadata: {
                    invocationId: `${run.server}/${run.repository}/actions/runs/${run.runId}/attempts/${run.runAttempt}`
                }
            }
        }
    }));
}
/** DSSE's pre-authentication encoding: what the signature covers. */
function pae(payloadType, payload) {
    const type = Buffer.from(payloadType);
    return Buffer.concat([
        Buffer.from(`DSSEv1 ${type.length} `),
        type,
        Buffer.from(` ${payload.length} `),
        payload
    ]);
}
function dsseEnvelope(statement, key) {
    const sig = sign('sha256', pae(IN_TOTO, statement), key.privateKey).toString('base64');
    return Buffer.from(JSON.stringify({
        payloadType: IN_TOTO,
        payload: statement.toString('base64'),
        signatures: [{ keyid: '', sig }]
    }));
}
/** The tag the referrers tag schema uses for `digest`'s referrers. */
function referrersTag(digest) {
    return digest.replace(':', '-');
}
async function ensureBlob(client, repo, bytes) {
    const digest = sha256Digest(bytes);
    if (!(await client.hasBlob(repo, digest)))
        await client.uploadBlob(repo, digest, bytes.length, (range) => Readable.from([range ? bytes.subarray(range.start, range.end + 1) : bytes]));
}
/**
 * Attaches the signed provenance of `subject` in `repo`, unless a referrer with the same
 * statement is already listed (a re-run).
 */
async function attachProvenance(client, repo, subject, run, key, log) {
    const statement = provenanceStatement(repo.name, subject.digest, run);
    const statementDigest = sha256Digest(statement);
    const tag = referrersTag(subject.digest);
    const listing = await client.getManifest(repo, tag, [...INDEX_TYPES]);
    const listed = listing
        ? (JSON.parse(listing.body.toString('utf8')).manifests ?? [])
        : [];
    const found = listed.find((d) => d.annotations?.[STATEMENT_DIGEST] === statementDigest);
    if (found) {
        log.info(`${repo.name}: provenance of ${short(subject.digest)} already attached`);
        return { digest: found.digest, written: false };
    }
    const envelope = dsseEnvelope(statement, key);
    await ensureBlob(client, repo, envelope);
    await ensureBlob(client, repo, EMPTY.bytes);
    const annotations = { [PREDICATE_TYPE]: SLSA_V1, [STATEMENT_DIGEST]: statementDigest };
    const manifest = Buffer.from(JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociManifest,
        artifactType: DSSE_ENVELOPE,
        config: {
            mediaType: EMPTY.mediaType,
            digest: sha256Digest(EMPTY.bytes),
            size: EMPTY.bytes.length
        },
        layers: [
            {
                mediaType: DSSE_ENVELOPE,
                digest: sha256Digest(envelope),
                size: envelope.length,
                annotations: { [PREDICATE_TYPE]: SLSA_V1 }
            }
        ],
        subject,
        annotations
    }));
    const digest = await client.putManifest(repo, sha256Digest(manifest), manifest, MediaType.ociManifest);
    // A registry with the referrers API indexes the subject itself; the others get the tag.
    if (!(await client.hasReferrersApi(repo, subject.digest))) {
        const index = Buffer.from(JSON.stringify({
            schemaVersion: 2,
            mediaType: MediaType.ociIndex,
            manifests: [
                ...listed,
                {
                    mediaType: MediaType.ociManifest,
                    digest,
                    size: manifest.length,
                    artifactType: DSSE_ENVELOPE,
                    annotations
                }
            ]
        }));
        await client.putManifest(repo, tag, index, MediaType.ociIndex);
    }
    log.info(`${repo.name}: attached signed provenance to ${short(subject.digest)}`);
    return { digest, written: true };
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
function humanBytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB'];
    let value = n;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
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
    /** Repositories that hold every blob of the image after this run pushed to them. */
    const complete = [];
    for (const [n, name] of repositories.entries()) {
        const repo = parseRepository(name);
        try {
            const archTags = n === 0 ? (options.archTags ?? []) : [];
            const result = await pushOne(client, repo, image, tags, complete, { ...options, archTags });
            pushed.push(result);
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
async function pushOne(client, repo, image, tags, mountable, { concurrency, log, immutable = [], overwrite = false, archTags = [], cosignKey, buildRun }) {
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
    // Checked before any byte moves, so a refused release leaves the repository as it was.
    for (const { tag, digest } of targets.filter((t) => immutable.includes(t.tag))) {
        const current = await client.headManifest(repo, tag, [...INDEX_TYPES, ...MANIFEST_TYPES]);
        if (current === undefined || current === digest)
            continue;
        if (!overwrite) {
            throw new Error(`${repo.name}:${tag} already points at ${current}, not at this image (${digest}); ` +
                'release tags are not moved. Set image-overwrite: true to replace it.');
        }
        log.warning(`${repo.name}:${tag} moves from ${current} to ${digest} (image-overwrite)`);
    }
    const stats = { uploaded: 0, mounted: 0, existing: 0, bytesUploaded: 0 };
    const limit = pLimit(concurrency);
    const sameRegistry = mountable.filter((m) => m.apiHost === repo.apiHost);
    await Promise.all(distinctBlobs(image.images).map(({ blob, image: owner }) => limit(async () => {
        if (await client.hasBlob(repo, blob.digest)) {
            stats.existing++;
            log.debug(`${repo.name}: ${short(blob.digest)} already there`);
            return;
        }
        for (const from of sameRegistry) {
            if (await client.mountBlob(repo, blob.digest, from)) {
                stats.mounted++;
                log.info(`${repo.name}: mounted ${short(blob.digest)} (${humanBytes(blob.size)}) from ${from.path}`);
                return;
            }
        }
        const started = Date.now();
        const open = owner.open(blob.digest);
        let sent = 0;
        await client.uploadBlob(repo, blob.digest, blob.size, (range) => counting(open(range), (n) => (sent += n)));
        stats.uploaded++;
        stats.bytesUploaded += blob.size;
        const seconds = Math.max((Date.now() - started) / 1000, 0.001);
        log.info(`${repo.name}: pushed ${short(blob.digest)} ${humanBytes(blob.size)} in ${seconds.toFixed(1)} s (${humanBytes(blob.size / seconds)}/s)` +
            (sent > blob.size ? `, ${humanBytes(sent - blob.size)} re-sent after retries` : ''));
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
    await Promise.all(children.map((m) => limit(() => client.putManifest(repo, m.digest, m.bytes, m.mediaType))));
    for (const { tag, manifest, platform } of perArch) {
        await client.putManifest(repo, tag, manifest.bytes, manifest.mediaType);
        log.info(`${repo.name}:${tag} -> ${manifest.digest} (${platform})`);
    }
    for (const tag of tags) {
        await client.putManifest(repo, tag, image.top.bytes, image.top.mediaType);
        log.info(`${repo.name}:${tag} -> ${image.top.digest} (${image.platforms.join(', ')})`);
    }
    // Signatures last: what they vouch for is complete and tagged by now. The index and each
    // platform manifest: podman, CRI-O and skopeo check the platform they pull, cosign the index.
    const signatures = [];
    if (cosignKey) {
        const digests = new Set([image.top.digest, ...image.images.map((i) => i.manifest.digest)]);
        for (const digest of digests)
            signatures.push(await signDigest(client, repo, digest, cosignKey, log));
    }
    const top = {
        digest: image.top.digest,
        mediaType: image.top.mediaType,
        size: image.top.bytes.length
    };
    const provenance = cosignKey && buildRun
        ? await attachProvenance(client, repo, top, buildRun, cosignKey, log)
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

const BLOCK = 512;
function text(block, start, length) {
    const field = block.subarray(start, start + length);
    const end = field.indexOf(0);
    return field.subarray(0, end < 0 ? field.length : end).toString('utf8');
}
function numeric(block, start, length) {
    const field = block.subarray(start, start + length);
    if (field[0] & 0x80) {
        // GNU base-256 for sizes beyond the 8 GiB that 11 octal digits hold.
        let value = field[0] & 0x7f;
        for (let i = 1; i < field.length; i++)
            value = value * 256 + field[i];
        return value;
    }
    const digits = text(block, start, length).trim();
    return digits === '' ? 0 : parseInt(digits, 8);
}
function checksumOk(block) {
    let sum = 0;
    for (let i = 0; i < BLOCK; i++)
        sum += i >= 148 && i < 156 ? 32 : block[i];
    return sum === numeric(block, 148, 8);
}
/** Paxes and GNU long names can override the next header's path. */
function paxPath(data) {
    let rest = data.toString('utf8');
    while (rest.length > 0) {
        const space = rest.indexOf(' ');
        const length = parseInt(rest.slice(0, space), 10);
        if (!(length > 0))
            break;
        const record = rest.slice(space + 1, length - 1);
        const eq = record.indexOf('=');
        if (record.slice(0, eq) === 'path')
            return record.slice(eq + 1);
        rest = rest.slice(length);
    }
    return undefined;
}
function clean(name) {
    return name.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}
/** Indexes a tar archive; throws naming the file when it is not one. */
async function indexTar(file) {
    const entries = new Map();
    const handle = await open(file, 'r');
    try {
        const { size: total } = await handle.stat();
        const block = Buffer.alloc(BLOCK);
        let position = 0;
        let longName;
        while (position + BLOCK <= total) {
            await handle.read(block, 0, BLOCK, position);
            if (block.every((b) => b === 0))
                break;
            if (!checksumOk(block)) {
                throw new Error(`${file}: not a tar archive (bad header checksum at offset ${position})`);
            }
            const size = numeric(block, 124, 12);
            const type = String.fromCharCode(block[156] || 48);
            const prefix = block.subarray(257, 263).toString('latin1').startsWith('ustar')
                ? text(block, 345, 155)
                : '';
            const base = text(block, 0, 100);
            const dataStart = position + BLOCK;
            if (type === 'L' || type === 'x') {
                const data = Buffer.alloc(size);
                await handle.read(data, 0, size, dataStart);
                longName = type === 'L' ? text(data, 0, size) : (paxPath(data) ?? longName);
            }
            else {
                if (type === '0' || type === '7') {
                    const name = clean(longName ?? (prefix ? `${prefix}/${base}` : base));
                    entries.set(name, { name, offset: dataStart, size });
                }
                longName = undefined;
            }
            position = dataStart + Math.ceil(size / BLOCK) * BLOCK;
        }
        if (position + BLOCK > total && entries.size === 0) {
            throw new Error(`${file}: not a tar archive (no entries)`);
        }
        return entries;
    }
    finally {
        await handle.close();
    }
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

/**
 * The tags a release's images get (pure): dev -> the dev tag; a prerelease -> its version only;
 * stable -> its version, the extra tags rendered from their templates, and `latest` when the
 * release is the newest stable one. Extra tags are for stable releases only: a moving `0.40`
 * must never point at a development build.
 *
 * A variant (`debian`) is appended to every tag, `latest` included (`0.40.0-debian`,
 * `latest-debian`, `master-debian`), so a variant run never names a bare tag: Falco's
 * `falco:latest` and `falco:latest-debian` are moved by two runs that cannot overwrite each other.
 * The first tag is the primary one (the version, or the dev tag): per-arch tags derive from it.
 */
function imageTags(release, options) {
    const suffix = options.variant ? `-${options.variant}` : '';
    const tag = (t, input) => checkTag(`${t}${suffix}`, input);
    if (release.channel === 'none')
        return [];
    if (release.prerelease)
        return [tag(release.version, 'version')];
    if (release.channel === 'dev')
        return [tag(options.devTag, 'image-dev-tag')];
    const tags = [tag(release.version, 'version')];
    for (const template of options.extraTags)
        tags.push(tag(renderTag(template, release), 'image-extra-tags'));
    if (release.latest)
        tags.push(tag('latest', 'image-variant'));
    return [...new Set(tags)];
}
/**
 * Falco's names for architectures in per-arch tags (`x86_64-0.40.0`, `aarch64-0.40.0`): the
 * kernel's names, as its packages and driver builds use them. Others keep the OCI name, with
 * the variant appended (`armv7`).
 */
const ARCH_NAMES = { amd64: 'x86_64', arm64: 'aarch64', '386': 'i386' };
function archName(platform) {
    return ARCH_NAMES[platform.architecture] ?? `${platform.architecture}${platform.variant ?? ''}`;
}
/**
 * Per-arch tags (pure), as Falco pushes them before joining the platforms into one index:
 * `<arch>-<primary tag>` for each platform (`x86_64-0.40.0-debian`). Only the primary tag gets
 * them, never `latest` or the extra tags, as in Falco's publish workflow. Two platforms that
 * share an arch name (linux/arm/v6 and v7 would not; two OSes could) are refused.
 */
function archTags(primary, platforms) {
    const tags = platforms.map((p) => checkTag(`${archName(p)}-${primary}`, 'image-arch-tags'));
    const twice = tags.find((t, i) => tags.indexOf(t) !== i);
    if (twice) {
        throw new InputError('image-arch-tags', `two platforms would both be tagged ${JSON.stringify(twice)}; per-arch tags need one image per architecture`);
    }
    return tags;
}
const FIELDS = ['version', 'major', 'minor', 'patch', 'sha'];
/** Renders `{{major}}.{{minor}}` and friends against the release. */
function renderTag(template, release) {
    const match = release.version.match(/^(\d+)\.(\d+)\.(\d+)/);
    const values = {
        version: release.version,
        major: match?.[1] ?? '',
        minor: match?.[2] ?? '',
        patch: match?.[3] ?? '',
        sha: release.sha.slice(0, 7)
    };
    return template.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (_, name) => {
        if (!FIELDS.includes(name)) {
            throw new InputError('image-extra-tags', `unknown field {{${name}}} in ${JSON.stringify(template)}; use ${FIELDS.map((f) => `{{${f}}}`).join(', ')}`);
        }
        return values[name];
    });
}
function checkTag(tag, input) {
    if (!isValidTag(tag))
        throw new InputError(input, `${JSON.stringify(tag)} is not a valid image tag`);
    return tag;
}

const defaultExec = async (command, args) => {
    const { exitCode, stderr } = await getExecOutput(command, args, {
        ignoreReturnCode: true,
        // DOCKER_HOST, DOCKER_CONFIG and friends as this process sees them.
        env: { ...process.env }
    });
    return { code: exitCode, stderr };
};
function createContainersStage(deps = {}) {
    return {
        name: 'containers',
        async plan(ctx) {
            const inputs = ctx.inputs.containers;
            const empty = { stage: 'containers', operations: [] };
            if (!hasWork.containers(ctx))
                return empty;
            const tags = imageTags(ctx.release, inputs);
            if (tags.length === 0) {
                return {
                    stage: 'containers',
                    operations: inputs.repositories.map((target) => ({
                        action: 'skip',
                        target,
                        reason: ctx.release.reason
                    }))
                };
            }
            const images = [];
            for (const entry of inputs.images) {
                images.push(...(await loadImageEntry(entry, {
                    workspace: ctx.workspace,
                    workdir: path.join(ctx.workdir, 'containers'),
                    exec: deps.exec ?? defaultExec
                })));
            }
            // A key that does not open fails the run here, before anything is pushed.
            const cosignKey = inputs.cosignPrivateKey
                ? await readCosignKey(inputs.cosignPrivateKey, inputs.cosignPassword)
                : undefined;
            const image = assemble(images);
            const archTags$1 = inputs.archTags
                ? archTags(tags[0], image.images.map((i) => i.platform))
                : [];
            // The version tag (and its per-arch tags) name one release; latest, the dev tag and
            // extra tags move.
            const immutable = ctx.release.channel === 'dev' && !ctx.release.prerelease ? [] : [tags[0]];
            if (immutable.length > 0)
                immutable.push(...archTags$1);
            // Pushing to a public registry without a login fails late, after packages went out: say so now.
            const credentials = await loadDockerCredentials(deps.dockerConfig ?? dockerConfigPath());
            for (const name of inputs.repositories) {
                const repo = parseRepository(name);
                if (!isLoopback(repo.apiHost) && !credentials(repo.registry)) {
                    ctx.log.warning(`no credentials for ${repo.registry} in ${deps.dockerConfig ?? dockerConfigPath()}; ` +
                        'pushing there will fail unless it accepts anonymous pushes (log in with docker/login-action first)');
                }
            }
            const size = distinctBlobs(image.images).reduce((sum, { blob }) => sum + blob.size, 0);
            const source = inputs.images.map((e) => e.raw).join(', ');
            // With a key: cosign's signature tags (the index, each platform) and the provenance's
            // referrers listing, so a dry run shows every tag the run may write.
            const signed = cosignKey
                ? [...new Set([image.top.digest, ...image.images.map((i) => i.manifest.digest)])]
                : [];
            const operations = inputs.repositories.flatMap((repository, n) => [
                ...[...tags, ...(n === 0 ? archTags$1 : [])].map((tag) => ({
                    action: 'push',
                    target: `${repository}:${tag}`,
                    source,
                    size
                })),
                ...signed.map((digest) => ({
                    action: 'push',
                    target: `${repository}:${signatureTag(digest)}`,
                    reason: `cosign signature of ${digest}`
                })),
                ...(cosignKey
                    ? [
                        {
                            action: 'push',
                            target: `${repository}:${referrersTag(image.top.digest)}`,
                            reason: `signed SLSA provenance of ${image.top.digest}, listed as a referrer`
                        }
                    ]
                    : [])
            ]);
            const detail = {
                image,
                repositories: inputs.repositories,
                tags,
                archTags: archTags$1,
                immutable,
                ...(cosignKey ? { cosignKey } : {})
            };
            return { stage: 'containers', operations, detail };
        },
        async apply(plan, ctx) {
            const started = Date.now();
            const detail = plan.detail;
            if (!detail)
                return { stage: 'containers', published: [], failed: [], durationMs: 0 };
            const inputs = ctx.inputs.containers;
            const client = new RegistryClient({
                credentials: await loadDockerCredentials(deps.dockerConfig ?? dockerConfigPath()),
                log: ctx.log,
                insecure: inputs.insecureRegistries,
                retry: deps.retry,
                chunkThreshold: deps.chunkThreshold,
                chunkSize: deps.chunkSize
            });
            deps.onClient?.(client);
            try {
                const pushed = await pushToRepositories(client, detail.repositories, detail.image, detail.tags, {
                    concurrency: inputs.concurrency,
                    immutable: detail.immutable,
                    archTags: detail.archTags,
                    cosignKey: detail.cosignKey,
                    buildRun: buildRunFromEnv(deps.env ?? process.env, ctx.release.sha),
                    overwrite: inputs.overwrite,
                    log: ctx.log
                });
                return result(pushed, [], started);
            }
            catch (error) {
                if (error instanceof PushError) {
                    const partial = result(error.pushed, error.failed, started);
                    throw new StageError(error.message, partial);
                }
                throw error;
            }
            finally {
                client.close();
            }
        }
    };
}
const containersStage = createContainersStage();
function result(pushed, failed, started) {
    const published = pushed.flatMap((p) => [
        ...p.tags.map((tag) => ({
            kind: 'image',
            path: `${p.repository}:${tag}`,
            digest: p.digest,
            size: p.size,
            url: webUrl(parseRepository(p.repository))
        })),
        ...p.archTags.map((a) => ({
            kind: 'image',
            path: `${p.repository}:${a.tag}`,
            digest: a.digest,
            url: webUrl(parseRepository(p.repository))
        }))
    ]);
    return {
        stage: 'containers',
        published,
        failed: failed.map((f) => ({ target: f.repository, error: f.error })),
        durationMs: Date.now() - started,
        summary: summary(pushed, failed),
        outputs: { images: JSON.stringify(imagesOutput(pushed)) }
    };
}
/** The `images` output: per repository, the tags and the digest they point at. */
function imagesOutput(pushed) {
    return Object.fromEntries(pushed.map((p) => [
        p.repository,
        {
            tags: p.tags,
            digest: p.digest,
            platforms: p.platforms,
            ...(p.archTags.length > 0
                ? { archTags: Object.fromEntries(p.archTags.map((a) => [a.tag, a.digest])) }
                : {}),
            ...(p.signatures
                ? {
                    signature: `${p.repository}:${p.signatures[0].tag}`,
                    signatures: p.signatures.map((sig) => `${p.repository}:${sig.tag}`)
                }
                : {}),
            ...(p.attestations.length > 0
                ? {
                    attestations: Object.fromEntries(p.attestations.map((a) => [a.platform, a.digest]))
                }
                : {}),
            ...(p.provenance ? { provenance: `${p.repository}@${p.provenance.digest}` } : {})
        }
    ]));
}
function summary(pushed, failed) {
    // Under the section report/summary.ts heads with the stage's name.
    const lines = [];
    for (const f of failed)
        lines.push(`> [!CAUTION]`, `> **${f.repository}** was not pushed: ${f.error.replace(/\n/g, ' ')}`, '');
    if (pushed.length > 0) {
        lines.push('| Repository | Tag | Digest | Platforms |', '|---|---|---|---|');
        for (const p of pushed) {
            const url = webUrl(parseRepository(p.repository));
            const name = url ? `[${p.repository}](${url})` : p.repository;
            for (const tag of p.tags)
                lines.push(`| ${name} | \`${tag}\` | \`${p.digest}\` | ${p.platforms.join(', ')} |`);
            for (const a of p.archTags)
                lines.push(`| ${name} | \`${a.tag}\` | \`${a.digest}\` | ${a.platform} |`);
        }
        const up = pushed.reduce((n, p) => n + p.blobs.uploaded, 0);
        const mounted = pushed.reduce((n, p) => n + p.blobs.mounted, 0);
        const existing = pushed.reduce((n, p) => n + p.blobs.existing, 0);
        lines.push('', `Blobs: ${up} uploaded, ${mounted} mounted, ${existing} already present.`);
        const attested = pushed.filter((p) => p.attestations.length > 0);
        if (attested.length > 0) {
            const platforms = attested[0].attestations.map((a) => a.platform).join(', ');
            lines.push('', `Build attestations (SBOM, provenance) kept for ${platforms} in ${attested.length} repositories.`);
        }
        const signed = pushed.filter((p) => p.signatures);
        if (signed.length > 0) {
            const written = signed.filter((p) => p.signatures.some((s) => s.written)).length;
            lines.push('', `Signed with the cosign key in ${signed.length} repositories (${written} new, ${signed.length - written} already signed), the index and each platform, with SLSA provenance attached as a referrer.`);
        }
        // Commands to paste: by digest, so they check exactly what was pushed.
        lines.push('', '```sh');
        for (const p of pushed) {
            const ref = `${p.repository}@${p.digest}`;
            lines.push(`skopeo inspect --raw docker://${ref}`);
            if (p.signatures)
                lines.push(`cosign verify --key cosign.pub ${ref}`);
            if (p.attestations.length > 0)
                lines.push(`docker buildx imagetools inspect ${ref} --format '{{json .Provenance}}'`);
        }
        lines.push('```');
    }
    return lines.join('\n') + '\n';
}

export { containersStage, createContainersStage, imagesOutput };
