import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { verify, sign } = __nodeBuiltin('node:crypto');
import { s as sha256Digest, a as short } from './registry-ChPOzDRT.js';
import { I as INDEX_TYPES, o as MediaType, M as MANIFEST_TYPES } from './publish-C_SEibVM.js';
const { Readable } = __nodeBuiltin('node:stream');

/**
 * OCI 1.1 referrers: an artifact manifest whose `subject` names the image. Registries with the
 * referrers API index it themselves; for the others (Distribution 2.8, older ECR) the referrers
 * tag schema of the distribution spec lists it under the tag `sha256-<hex>`, which oras,
 * cosign and regclient read when the API answers 404.
 */
const EMPTY_CONFIG = {
    mediaType: 'application/vnd.oci.empty.v1+json',
    bytes: Buffer.from('{}')
};
/** The tag the referrers tag schema uses for `digest`'s referrers. */
function referrersTag(digest) {
    return digest.replace(':', '-');
}
async function ensureBlob(client, repo, bytes) {
    const digest = sha256Digest(bytes);
    if (!(await client.hasBlob(repo, digest)))
        await client.uploadBlob(repo, digest, bytes.length, (range) => Readable.from([range ? bytes.subarray(range.start, range.end + 1) : bytes]));
    return digest;
}
/**
 * The referrers of `digest`, as clients find them: through the referrers API where the registry
 * has it (then nothing is kept under the tag schema: a re-run must look there to find what it
 * attached), else under the tag schema (empty when there is no such tag).
 */
async function listedReferrers(client, repo, digest) {
    const viaApi = await client.referrers(repo, digest);
    if (viaApi)
        return { api: true, manifests: viaApi };
    const listing = await client.getManifest(repo, referrersTag(digest), [...INDEX_TYPES]);
    return {
        api: false,
        manifests: listing
            ? (JSON.parse(listing.body.toString('utf8')).manifests ??
                [])
            : []
    };
}
/**
 * Pushes `referrer` as a manifest of `subject` (by digest) and, where the registry has no
 * referrers API, adds it to the tag-schema listing `listed` that was read before.
 */
async function attachReferrer(client, repo, subject, referrer, listed) {
    const { artifactType, layer, annotations } = referrer;
    await ensureBlob(client, repo, layer.bytes);
    await ensureBlob(client, repo, EMPTY_CONFIG.bytes);
    const manifest = Buffer.from(JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociManifest,
        artifactType,
        config: {
            mediaType: EMPTY_CONFIG.mediaType,
            digest: sha256Digest(EMPTY_CONFIG.bytes),
            size: EMPTY_CONFIG.bytes.length
        },
        layers: [
            {
                mediaType: layer.mediaType,
                digest: sha256Digest(layer.bytes),
                size: layer.bytes.length,
                ...(layer.annotations ? { annotations: layer.annotations } : {})
            }
        ],
        subject,
        annotations
    }));
    const digest = await client.putManifest(repo, sha256Digest(manifest), manifest, MediaType.ociManifest);
    if (!listed.api) {
        const index = Buffer.from(JSON.stringify({
            schemaVersion: 2,
            mediaType: MediaType.ociIndex,
            manifests: [
                ...listed.manifests,
                {
                    mediaType: MediaType.ociManifest,
                    digest,
                    size: manifest.length,
                    artifactType,
                    annotations
                }
            ]
        }));
        await client.putManifest(repo, referrersTag(subject.digest), index, MediaType.ociIndex);
    }
    return digest;
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
/**
 * True when `layer` of a `.sig` manifest is a signature of `payload` by the key whose public half
 * is `publicKeyPem`: what `cosign verify --key` accepts (a re-run's check, and the verify stage's).
 */
function isKeySignature(layer, payload, publicKeyPem) {
    if (layer.digest !== sha256Digest(payload))
        return false;
    const signature = layer.annotations?.[SIGNATURE_ANNOTATION] ?? '';
    try {
        return verify('sha256', payload, publicKeyPem, Buffer.from(signature, 'base64'));
    }
    catch {
        return false;
    }
}
/**
 * Signs `digest` in `repo` with the key, unless the key's signature of it is already there.
 * Signatures others made (another key, keyless) stay: the new one is added beside them.
 */
async function signDigest(client, repo, digest, key, log) {
    return addSignature(client, repo, digest, {
        isOurs: (l, payload) => isKeySignature(l, payload, key.publicKeyPem),
        annotate: async (payload) => ({
            [SIGNATURE_ANNOTATION]: sign('sha256', payload, key.privateKey).toString('base64')
        }),
        already: 'with this key',
        as: ''
    }, log);
}
/**
 * Adds a signature of `digest` to its `.sig` manifest in `repo`, unless `signer` finds one of
 * its own there already (a re-run). Signatures others made stay beside the new one.
 */
async function addSignature(client, repo, digest, signer, log) {
    const tag = signatureTag(digest);
    const payload = simpleSigningPayload(repo.name, digest);
    const existing = await client.getManifest(repo, tag, [...MANIFEST_TYPES]);
    let layers = [];
    if (existing) {
        const parsed = JSON.parse(existing.body.toString('utf8'));
        layers = (parsed.layers ?? []).filter((l) => l.mediaType === SIMPLE_SIGNING);
        const ours = await Promise.all(layers.map((l) => signer.isOurs(l, payload)));
        if (ours.includes(true)) {
            log.info(`${repo.name}: ${short(digest)} is already signed ${signer.already} (${tag})`);
            return { tag, digest: existing.digest, written: false };
        }
    }
    const annotations = await signer.annotate(payload);
    await ensureBlob(client, repo, payload);
    layers.push({
        mediaType: SIMPLE_SIGNING,
        size: payload.length,
        digest: sha256Digest(payload),
        annotations
    });
    const { manifest, config } = signatureManifest(layers);
    await ensureBlob(client, repo, config);
    const written = await client.putManifest(repo, tag, manifest, MediaType.ociManifest);
    log.info(`${repo.name}: signed ${short(digest)} ${signer.as}(${tag})`);
    return { tag, digest: written, written: true };
}

var cosignSignature = /*#__PURE__*/Object.freeze({
    __proto__: null,
    SIGNATURE_ANNOTATION: SIGNATURE_ANNOTATION,
    SIMPLE_SIGNING: SIMPLE_SIGNING,
    addSignature: addSignature,
    isKeySignature: isKeySignature,
    signDigest: signDigest,
    signatureManifest: signatureManifest,
    signatureTag: signatureTag,
    simpleSigningPayload: simpleSigningPayload
});

export { SIGNATURE_ANNOTATION as S, attachReferrer as a, addSignature as b, signDigest as c, cosignSignature as d, listedReferrers as l, referrersTag as r, signatureTag as s };
