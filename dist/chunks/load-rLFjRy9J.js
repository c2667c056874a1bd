import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { Readable, Transform } = __nodeBuiltin('node:stream');
import { ap as platformString, aq as MediaType, I as INDEX_TYPES, M as MANIFEST_TYPES, p as parseRepository, ad as pLimit, ar as formatBytes, as as formatRate, at as platformOfConfig, au as indexTar, av as manifestBlobs, ab as runCommand } from './publish-B-70ukoZ.js';
import { s as sha256Digest, a as short, c as checkDigest } from './registry-DSu5r-Qh.js';
const { sign, verify, generateKeyPairSync, createPrivateKey, createPublicKey, createHash, X509Certificate } = __nodeBuiltin('node:crypto');
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
/** True when `signature` (base64 DER) is the key's signature over `payload`. */
function verifies(key, payload, signature) {
    try {
        return verify('sha256', payload, key.publicKeyPem, Buffer.from(signature, 'base64'));
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
        isOurs: (l, payload) => l.digest === sha256Digest(payload) &&
            verifies(key, payload, l.annotations?.[SIGNATURE_ANNOTATION] ?? ''),
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

/**
 * A new key pair whose KeyObjects are read back from the generated DER. On Node 20 a key that
 * generateKeyPairSync hands out shares a lock with the job that made it, and when the collector
 * frees that job while the key is being exported (an allocation during export runs it), the
 * thread waits on itself forever: a keyless signing, or a test, hangs. A key parsed anew has no
 * job behind it. (Node 24 does not hang; this costs one parse of a key.)
 */
function newKeyPair(spec) {
    const { type, ...options } = spec;
    const { privateKey } = generateKeyPairSync(type, {
        ...options,
        privateKeyEncoding: { type: 'pkcs8', format: 'der' },
        publicKeyEncoding: { type: 'spki', format: 'der' }
    });
    const key = createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' });
    return { privateKey: key, publicKey: createPublicKey(key) };
}

/**
 * Keyless (sigstore) signing in GitHub Actions: the workflow's OIDC token buys a short-lived
 * certificate from Fulcio for an ephemeral key, every signature is logged in Rekor, and the
 * result is a sigstore bundle (v0.3) holding the certificate, the signature and the log entry.
 *
 * Fulcio is called here rather than through sigstore-js's FulcioSigner because cosign's `.sig`
 * tag stores the whole chain Fulcio returns (`dev.sigstore.cosign/chain`), which a bundle does
 * not keep; it also lets one certificate serve every signature of a run, as one `cosign sign`
 * does. Rekor and the bundle itself come from `@sigstore/sign`, loaded only when this runs.
 */
const DEFAULT_FULCIO_URL = 'https://fulcio.sigstore.dev';
const DEFAULT_REKOR_URL = 'https://rekor.sigstore.dev';
const BUNDLE_V03 = 'application/vnd.dev.sigstore.bundle.v0.3+json';
/** Fulcio's "Build Signer URI" extension: the workflow file and ref that ran the job. */
const BUILD_SIGNER_URI_OID = '1.3.6.1.4.1.57264.1.9';
// A certificate lives 10 minutes; a fresh one is fetched before that, for long pushes.
const CERT_REUSE_MS = 7 * 60_000;
class KeylessError extends Error {
    constructor(message) {
        super(message);
        this.name = 'KeylessError';
    }
}
/** True when the runner can hand out an OIDC token (the job has `id-token: write`). */
function hasOidcToken(env) {
    return Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
}
/** Asks the runner for an OIDC token with the `sigstore` audience, as Fulcio expects. */
async function requestOidcToken(env, audience = 'sigstore') {
    if (!hasOidcToken(env)) {
        throw new KeylessError('keyless signing needs the workflow OIDC token: give the job `permissions: id-token: write` ' +
            '(ACTIONS_ID_TOKEN_REQUEST_URL is not set), or sign with cosign-private-key');
    }
    const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL);
    url.searchParams.set('audience', audience);
    let response;
    try {
        response = await fetch(url, {
            headers: {
                accept: 'application/json',
                authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`
            },
            signal: AbortSignal.timeout(30_000)
        });
    }
    catch (error) {
        throw new KeylessError(`the OIDC token request to ${url.origin}${url.pathname} failed: ${error.message}`);
    }
    const body = (await response.json().catch(() => ({})));
    if (!response.ok || typeof body.value !== 'string') {
        throw new KeylessError(`the OIDC token request to ${url.origin}${url.pathname} answered HTTP ${response.status} without a token`);
    }
    return body.value;
}
/** The claims of a JWT (not verified: Fulcio verifies it; we only read who we will be). */
function jwtClaims(token) {
    const part = token.split('.')[1];
    try {
        return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
    }
    catch {
        throw new KeylessError('the OIDC token is not a JWT');
    }
}
async function requestCertificate(fulcioURL, token) {
    const claims = jwtClaims(token);
    const { privateKey, publicKey } = newKeyPair({ type: 'ec', namedCurve: 'P-256' });
    // Fulcio's proof of possession: the key's signature over the token's subject.
    const subject = typeof claims.email === 'string' ? claims.email : String(claims.sub ?? '');
    const proof = sign('sha256', Buffer.from(subject), privateKey).toString('base64');
    const url = new URL('/api/v2/signingCert', fulcioURL);
    let response;
    try {
        response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({
                credentials: { oidcIdentityToken: token },
                publicKeyRequest: {
                    publicKey: {
                        algorithm: 'ECDSA',
                        content: publicKey.export({ type: 'spki', format: 'pem' }).toString()
                    },
                    proofOfPossession: proof
                }
            }),
            signal: AbortSignal.timeout(60_000)
        });
    }
    catch (error) {
        throw new KeylessError(`Fulcio at ${url.origin} could not be reached: ${error.message}`);
    }
    const text = await response.text();
    if (!response.ok) {
        throw new KeylessError(`Fulcio at ${url.origin} refused the certificate (HTTP ${response.status}): ${text.slice(0, 200)}`);
    }
    const parsed = JSON.parse(text);
    const certs = parsed.signedCertificateEmbeddedSct?.chain?.certificates ??
        parsed.signedCertificateDetachedSct?.chain?.certificates ??
        [];
    if (certs.length === 0)
        throw new KeylessError(`Fulcio at ${url.origin} returned no certificate`);
    const leaf = certs[0];
    return {
        leaf,
        chain: certs.slice(1),
        key: privateKey,
        at: Date.now()
    };
}
/**
 * Who signs, as Fulcio writes it for a GitHub Actions token: the Build Signer URI (and, for
 * github.com, the subject alternative name) is the server URL and the token's
 * `job_workflow_ref`, the workflow file and ref that ran the job. Read from the token's claims,
 * so a re-run can find its own signatures without asking Fulcio for a certificate.
 */
function workflowIdentity(claims, env) {
    const ref = claims.job_workflow_ref;
    if (typeof ref !== 'string' || ref === '') {
        throw new KeylessError('the OIDC token has no job_workflow_ref claim: keyless signing here expects a GitHub Actions token');
    }
    return `${(env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')}/${ref}`;
}
/** The Build Signer URI a Fulcio certificate (PEM) names, or undefined. */
async function buildSignerUri(pem) {
    const { ASN1Obj, X509Certificate: Certificate } = await import('./index-CcTdaTZz.js').then(function (n) { return n.i; });
    try {
        const ext = Certificate.parse(pem).extension(BUILD_SIGNER_URI_OID);
        // The extension's value is a DER UTF8String (Fulcio's v2 extensions).
        return ext
            ? ASN1Obj.parseBuffer(ext.value).value.toString('utf8')
            : undefined;
    }
    catch {
        return undefined;
    }
}
/** cosign's bundle annotation from a v0.3 bundle's first Rekor entry. */
function rekorBundleAnnotation(entry) {
    return JSON.stringify({
        SignedEntryTimestamp: entry.inclusionPromise?.signedEntryTimestamp ?? '',
        Payload: {
            body: entry.canonicalizedBody,
            integratedTime: Number(entry.integratedTime),
            logIndex: Number(entry.logIndex),
            logID: Buffer.from(entry.logId.keyId, 'base64').toString('hex')
        }
    });
}
/**
 * Makes a signer for this run. A token is asked for now, so a job without `id-token: write`
 * fails before anything is pushed; the certificate is fetched at the first signature.
 */
async function createKeylessSigner(options) {
    const fulcioURL = options.fulcioURL ?? DEFAULT_FULCIO_URL;
    const rekorURL = options.rekorURL ?? DEFAULT_REKOR_URL;
    const identity = workflowIdentity(jwtClaims(await requestOidcToken(options.env)), options.env);
    // Loaded here only: sigstore-js and its dependencies are a separate chunk of the bundle.
    const sigstore = await import('./index-C4INHURA.js').then(function (n) { return n.i; });
    const { bundleToJSON } = await import('./index-DDjwXmOF.js').then(function (n) { return n.i; });
    let cert;
    // Asked for at the first signature (a re-run that finds them all asks for none), with a
    // fresh token: the first may have expired during a long push.
    const current = async () => {
        if (!cert || Date.now() - cert.at > CERT_REUSE_MS) {
            cert = await requestCertificate(fulcioURL, await requestOidcToken(options.env));
        }
        return cert;
    };
    const signer = {
        sign: async (data) => {
            const c = await current();
            return {
                signature: sign('sha256', data, c.key),
                key: { $case: 'x509Certificate', certificate: c.leaf }
            };
        }
    };
    const rekor = { rekorBaseURL: rekorURL, retry: 2, timeout: 60_000 };
    const messages = new sigstore.MessageSignatureBundleBuilder({
        signer,
        witnesses: [new sigstore.RekorWitness(rekor)]
    });
    // Statements are logged as `intoto` entries (v0.0.2), which every cosign and sigstore
    // verifier reads, older ones included; the newer `dsse` kind is not read by cosign before 2.2.
    const statements = new sigstore.DSSEBundleBuilder({
        signer,
        witnesses: [new sigstore.RekorWitness({ ...rekor, entryType: 'intoto' })]
    });
    const finish = async (bundle) => {
        const c = await current();
        const json = bundleToJSON(bundle);
        const entry = json.verificationMaterial.tlogEntries[0];
        if (!entry)
            throw new KeylessError(`Rekor at ${rekorURL} returned no log entry`);
        return {
            json: Buffer.from(JSON.stringify(json)),
            certificate: c.leaf,
            chain: c.chain.join(''),
            signature: json.messageSignature?.signature ?? json.dsseEnvelope?.signatures[0]?.sig ?? '',
            rekorBundle: rekorBundleAnnotation(entry)
        };
    };
    return {
        identity,
        signMessage: async (payload) => finish(await messages.create({ data: payload })),
        signStatement: async (statement) => finish(await statements.create({ data: statement, type: 'application/vnd.in-toto+json' }))
    };
}

/**
 * SLSA provenance for a pushed image (in-toto Statement v1, predicate SLSA v1): the subject
 * is the image's digest, the builder the workflow run, the resolved dependency the commit.
 * It is signed as a DSSE envelope (with the cosign key, or keyless) and attached in a sigstore
 * bundle as an OCI 1.1 referrer of the image, as cosign 3 attests: a manifest whose `subject`
 * names the image. Registries without the referrers API
 * (Distribution 2.8, older ECR) are served by the referrers tag schema of the distribution
 * spec: an index tagged `sha256-<hex>` listing the referrers, which clients (oras, cosign,
 * regclient) read when the API answers 404.
 */
const IN_TOTO = 'application/vnd.in-toto+json';
const SLSA_V1 = 'https://slsa.dev/provenance/v1';
/** On the referrer: the statement's digest, so a re-run finds the provenance it wrote. */
const STATEMENT_DIGEST = 'dev.falco-publish.statement.digest';
const PREDICATE_TYPE = 'in-toto.io/predicate-type';
/** cosign v3's annotations on a bundle referrer (its manifest and its layer). */
const BUNDLE_CONTENT = 'dev.sigstore.bundle.content';
const BUNDLE_PREDICATE = 'dev.sigstore.bundle.predicateType';
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
/**
 * The envelope in a sigstore bundle v0.3, as `cosign attest --key` (v3) stores it: the public
 * key named by a hint (its SHA-256), no certificate and, as with `--tlog-upload=false`, no Rekor
 * entry. cosign 3 reads provenance only from bundles (`verify-attestation --key`).
 */
function keySignedBundle(statement, key) {
    const der = createPublicKey(key.privateKey).export({ type: 'spki', format: 'der' });
    return Buffer.from(JSON.stringify({
        mediaType: BUNDLE_V03,
        verificationMaterial: {
            publicKey: { hint: createHash('sha256').update(der).digest('base64') },
            tlogEntries: [],
            timestampVerificationData: {}
        },
        dsseEnvelope: JSON.parse(dsseEnvelope(statement, key).toString('utf8'))
    }));
}
/**
 * Attaches the signed provenance of `subject` in `repo`, unless a referrer with the same
 * statement is already listed (a re-run). The referrer holds a sigstore bundle, as
 * `cosign attest` v3 stores it: the envelope and, with a key, the key's hint; keyless, the
 * certificate and the Rekor entry.
 */
async function attachProvenance(client, repo, subject, run, signer, log) {
    const statement = provenanceStatement(repo.name, subject.digest, run);
    const statementDigest = sha256Digest(statement);
    const listed = await listedReferrers(client, repo, subject.digest);
    const found = listed.manifests.find((d) => d.annotations?.[STATEMENT_DIGEST] === statementDigest);
    if (found) {
        log.info(`${repo.name}: provenance of ${short(subject.digest)} already attached`);
        return { digest: found.digest, written: false };
    }
    const annotations = { [PREDICATE_TYPE]: SLSA_V1, [STATEMENT_DIGEST]: statementDigest };
    // Keyless, the bundle holds the certificate and the Rekor entry; with a key, its hint.
    const bundle = 'signStatement' in signer
        ? (await signer.signStatement(statement)).json
        : keySignedBundle(statement, signer);
    const referrer = {
        artifactType: BUNDLE_V03,
        layer: {
            mediaType: BUNDLE_V03,
            bytes: bundle,
            annotations: { [BUNDLE_CONTENT]: 'dsse-envelope', [BUNDLE_PREDICATE]: SLSA_V1 }
        },
        annotations: {
            ...annotations,
            [BUNDLE_CONTENT]: 'dsse-envelope',
            [BUNDLE_PREDICATE]: SLSA_V1
        }
    };
    const digest = await attachReferrer(client, repo, subject, referrer, listed);
    log.info(`${repo.name}: attached signed provenance to ${short(subject.digest)}`);
    return { digest, written: true };
}

/**
 * Where keyless signatures go, so that both generations of clients find them:
 * - cosign's `sha256-<hex>.sig` tag (cosign 1-2, containers/image's `sigstoreSigned` with
 *   Fulcio, policy-controller): a simple-signing layer whose annotations carry the signature,
 *   the Fulcio certificate and chain, and the Rekor entry (`dev.sigstore.cosign/bundle`);
 * - an OCI 1.1 referrer holding a sigstore bundle v0.3 (cosign 3, `--new-bundle-format`): a
 *   DSSE envelope of an in-toto statement with cosign's signing predicate type.
 */
const CERTIFICATE_ANNOTATION = 'dev.sigstore.cosign/certificate';
const CHAIN_ANNOTATION = 'dev.sigstore.cosign/chain';
const BUNDLE_ANNOTATION = 'dev.sigstore.cosign/bundle';
/** The predicate type cosign v3 gives an image signature. */
const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
/** On our bundle referrers: who signed, so a re-run with the same identity finds its own. */
const SIGNER_ANNOTATION = 'dev.falco-publish.signer';
/** True when `layer` is a keyless signature of `payload` by `identity` that verifies. */
async function isOurs(layer, payload, identity) {
    const pem = layer.annotations?.[CERTIFICATE_ANNOTATION];
    const signature = layer.annotations?.[SIGNATURE_ANNOTATION];
    if (!pem || !signature || layer.digest !== sha256Digest(payload))
        return false;
    if ((await buildSignerUri(pem)) !== identity)
        return false;
    try {
        const key = new X509Certificate(pem).publicKey;
        return verify('sha256', payload, key, Buffer.from(signature, 'base64'));
    }
    catch {
        return false;
    }
}
/**
 * Signs `digest` in `repo` keylessly under its `.sig` tag, unless a signature of it by the
 * same identity is already there. Other signatures (a key, another identity) stay beside it.
 */
async function signDigestKeyless(client, repo, digest, signer, log) {
    return addSignature(client, repo, digest, {
        isOurs: (l, payload) => isOurs(l, payload, signer.identity),
        annotate: async (payload) => {
            const signed = await signer.signMessage(payload);
            return {
                [SIGNATURE_ANNOTATION]: signed.signature,
                [CERTIFICATE_ANNOTATION]: signed.certificate,
                [CHAIN_ANNOTATION]: signed.chain,
                [BUNDLE_ANNOTATION]: signed.rekorBundle
            };
        },
        already: `by ${signer.identity}`,
        as: `keyless as ${signer.identity} `
    }, log);
}
/** The in-toto statement cosign v3 signs for an image (pure). */
function signingStatement(repository, digest) {
    return Buffer.from(JSON.stringify({
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ name: repository, digest: { sha256: digest.replace(/^sha256:/, '') } }],
        predicateType: COSIGN_SIGN_PREDICATE,
        predicate: {}
    }));
}
/**
 * Attaches a sigstore bundle signing `subject` as a referrer of it, as cosign v3 does, unless
 * one by the same identity is already listed.
 */
async function attachSignatureBundle(client, repo, subject, signer, log) {
    const listed = await listedReferrers(client, repo, subject.digest);
    const found = listed.manifests.find((d) => d.annotations?.[BUNDLE_PREDICATE] === COSIGN_SIGN_PREDICATE &&
        d.annotations?.[SIGNER_ANNOTATION] === signer.identity);
    if (found) {
        log.info(`${repo.name}: ${short(subject.digest)} already has a signature bundle by ${signer.identity}`);
        return {
            digest: found.digest,
            subject: subject.digest,
            identity: signer.identity,
            written: false
        };
    }
    const signed = await signer.signStatement(signingStatement(repo.name, subject.digest));
    const bundleAnnotations = {
        [BUNDLE_CONTENT]: 'dsse-envelope',
        [BUNDLE_PREDICATE]: COSIGN_SIGN_PREDICATE
    };
    const digest = await attachReferrer(client, repo, subject, {
        artifactType: BUNDLE_V03,
        layer: { mediaType: BUNDLE_V03, bytes: signed.json, annotations: bundleAnnotations },
        annotations: { ...bundleAnnotations, [SIGNER_ANNOTATION]: signer.identity }
    }, listed);
    log.info(`${repo.name}: attached a signature bundle to ${short(subject.digest)}`);
    return { digest, subject: subject.digest, identity: signer.identity, written: true };
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

export { PushError as P, assemble as a, buildRunFromEnv as b, createKeylessSigner as c, distinctBlobs as d, referrersTag as e, hasOidcToken as h, loadImageEntry as l, pushToRepositories as p, runExec as r, signatureTag as s };
