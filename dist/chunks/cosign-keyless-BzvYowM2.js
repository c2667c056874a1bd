import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { generateKeyPairSync, createPrivateKey, createPublicKey, sign, createHash, X509Certificate, verify } = __nodeBuiltin('node:crypto');
import { l as listedReferrers, a as attachReferrer, b as addSignature, S as SIGNATURE_ANNOTATION } from './cosign-signature-V2JBaaMg.js';
import { s as sha256Digest, a as short } from './registry-ChPOzDRT.js';

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
    const sigstore = await import('./index-Bbtb7QUg.js').then(function (n) { return n.i; });
    const { bundleToJSON } = await import('./index-DoCJYkVZ.js').then(function (n) { return n.i; });
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
/**
 * True when `layer` is a keyless signature of `payload` by `identity` that verifies with its
 * certificate's key (a re-run's check, and the verify stage's). The certificate's chain to
 * Fulcio's root and the Rekor entry are cosign's to check: they need sigstore's trust root.
 */
async function isKeylessSignature(layer, payload, identity) {
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
        isOurs: (l, payload) => isKeylessSignature(l, payload, signer.identity),
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

var cosignKeyless = /*#__PURE__*/Object.freeze({
    __proto__: null,
    BUNDLE_ANNOTATION: BUNDLE_ANNOTATION,
    CERTIFICATE_ANNOTATION: CERTIFICATE_ANNOTATION,
    CHAIN_ANNOTATION: CHAIN_ANNOTATION,
    COSIGN_SIGN_PREDICATE: COSIGN_SIGN_PREDICATE,
    attachSignatureBundle: attachSignatureBundle,
    isKeylessSignature: isKeylessSignature,
    signDigestKeyless: signDigestKeyless,
    signingStatement: signingStatement
});

export { attachSignatureBundle as a, buildRunFromEnv as b, createKeylessSigner as c, attachProvenance as d, cosignKeyless as e, hasOidcToken as h, signDigestKeyless as s };
