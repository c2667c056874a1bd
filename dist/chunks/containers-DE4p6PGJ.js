import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const path = __nodeBuiltin('node:path');
import { a1 as InputError, n as isValidTag, S as StageError, w as hasWork, p as parseRepository, a2 as isLoopback, a3 as webUrl } from './publish-C_SEibVM.js';
import { p as pushToRepositories, P as PushError, l as loadImageEntry, r as runExec, a as assemble, d as distinctBlobs } from './load-BNXW7JNg.js';
const { createPrivateKey, createPublicKey, scrypt } = __nodeBuiltin('node:crypto');
const { promisify } = __nodeBuiltin('node:util');
import { s as signatureTag, r as referrersTag } from './cosign-signature-V2JBaaMg.js';
import { h as hasOidcToken, c as createKeylessSigner, b as buildRunFromEnv } from './cosign-keyless-BzvYowM2.js';
import { loadDockerCredentials, dockerConfigPath } from './credentials-D5j5L5p-.js';
import { r as readWorkflowContext } from './context-DCPvELTA.js';
import { R as RegistryClient } from './registry-ChPOzDRT.js';

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
    const { secretbox } = await import('./package-IbF6SiE5.js').then(function (n) { return n.s; });
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

/** The repository's visibility from the event payload, when the event names it. */
function repositoryVisibility(payload) {
    const repo = payload.repository;
    if (repo?.visibility === 'public' || repo?.private === false)
        return 'public';
    if (repo?.private === true || repo?.visibility === 'private' || repo?.visibility === 'internal')
        return 'private';
    return undefined;
}
/**
 * How this run signs its images (image-sign). `auto`, the default: with cosign-private-key,
 * the key; else keyless when the job can get an OIDC token (it has `id-token: write`) and the
 * repository is public; else nothing. Keyless entries go to sigstore's public Rekor and name
 * the repository and workflow, and jobs grant `id-token: write` for other reasons too (cloud
 * logins): a private repository's name is published there only when `image-sign: keyless` asks.
 */
function signingMode(inputs, env, log, visibility) {
    if (inputs.repositories.length === 0 || inputs.sign === 'false')
        return undefined;
    if (inputs.sign === 'key')
        return 'key';
    if (inputs.sign === 'keyless') {
        if (!hasOidcToken(env)) {
            throw new InputError('image-sign', 'is keyless but the job has no OIDC token: add `permissions: id-token: write` to the job');
        }
        if (inputs.cosignPrivateKey !== '')
            log.warning('image-sign is keyless: cosign-private-key is not used');
        return 'keyless';
    }
    if (inputs.cosignPrivateKey !== '')
        return 'key';
    if (!hasOidcToken(env))
        return undefined;
    if (visibility === 'public')
        return 'keyless';
    log.info(`images are not signed: the repository is ${visibility ?? 'of unknown visibility'} and keyless ` +
        "signing would publish its name in sigstore's public log; set image-sign: keyless to sign anyway");
    return undefined;
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
                    exec: deps.exec ?? runExec
                })));
            }
            // A key that does not open fails the run here, before anything is pushed.
            const env = deps.env ?? process.env;
            const mode = signingMode(inputs, env, ctx.log, repositoryVisibility(readWorkflowContext(env).event.payload));
            const cosignKey = mode === 'key'
                ? await readCosignKey(inputs.cosignPrivateKey, inputs.cosignPassword)
                : undefined;
            const keyless = mode === 'keyless';
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
            const signed = cosignKey || keyless
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
                    reason: `cosign signature of ${digest}${keyless ? ' (keyless, with a sigstore bundle referrer)' : ''}`
                })),
                ...(cosignKey || keyless
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
                ...(cosignKey ? { cosignKey } : {}),
                ...(keyless ? { keyless } : {})
            };
            return { stage: 'containers', operations, detail };
        },
        async apply(plan, ctx) {
            const started = Date.now();
            const detail = plan.detail;
            if (!detail)
                return { stage: 'containers', published: [], failed: [], durationMs: 0 };
            const inputs = ctx.inputs.containers;
            // The token is asked for before any push, so a job that cannot sign changes nothing.
            const keyless = detail.keyless
                ? await createKeylessSigner({ env: deps.env ?? process.env, ...deps.sigstore })
                : undefined;
            if (keyless)
                ctx.log.info(`signing keyless as ${keyless.identity}`);
            const signer = detail.cosignKey
                ? { publicKey: detail.cosignKey.publicKeyPem }
                : keyless
                    ? { identity: keyless.identity }
                    : undefined;
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
                    keyless,
                    buildRun: buildRunFromEnv(deps.env ?? process.env, ctx.release.sha),
                    overwrite: inputs.overwrite,
                    mountFrom: inputs.mountFrom,
                    log: ctx.log
                });
                return result(pushed, [], started, signer);
            }
            catch (error) {
                if (error instanceof PushError) {
                    const partial = result(error.pushed, error.failed, started, signer);
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
/** What the run published; `signer` is on the images of each repository it signed in. */
function result(pushed, failed, started, signer) {
    const published = pushed.flatMap((p) => {
        // Each digest is signed (the index, then each platform manifest): arch tags name the latter.
        const shared = {
            url: webUrl(parseRepository(p.repository)),
            ...(signer && p.signatures?.length ? { signer } : {})
        };
        const kind = 'image';
        return [
            ...p.tags.map((tag) => ({
                kind,
                path: `${p.repository}:${tag}`,
                digest: p.digest,
                size: p.size,
                ...shared
            })),
            ...p.archTags.map((a) => ({
                kind,
                path: `${p.repository}:${a.tag}`,
                digest: a.digest,
                ...shared
            }))
        ];
    });
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
            ...(p.provenance ? { provenance: `${p.repository}@${p.provenance.digest}` } : {}),
            ...(p.signatureBundles
                ? { signatureBundles: p.signatureBundles.map((b) => `${p.repository}@${b.digest}`) }
                : {})
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
        const keyless = pushed.find((p) => p.signatureBundles)?.signatureBundles?.[0]?.identity;
        const signed = pushed.filter((p) => p.signatures);
        if (keyless) {
            const written = signed.filter((p) => p.signatures.some((s) => s.written)).length;
            lines.push('', `Signed keyless as \`${keyless}\` (Fulcio certificate, Rekor entry) in ${signed.length} repositories (${written} new, ${signed.length - written} already signed), the index and each platform, as a \`.sig\` tag and a sigstore bundle referrer, with SLSA provenance attached as a referrer.`);
        }
        else if (signed.length > 0) {
            const written = signed.filter((p) => p.signatures.some((s) => s.written)).length;
            lines.push('', `Signed with the cosign key in ${signed.length} repositories (${written} new, ${signed.length - written} already signed), the index and each platform, with SLSA provenance attached as a referrer.`);
        }
        // Commands to paste: by digest, so they check exactly what was pushed.
        lines.push('', '```sh');
        for (const p of pushed) {
            const ref = `${p.repository}@${p.digest}`;
            lines.push(`skopeo inspect --raw docker://${ref}`);
            // verify-attestation is cosign 3's: it reads attestations from sigstore bundle referrers.
            if (p.signatureBundles) {
                const who = `--certificate-identity '${p.signatureBundles[0].identity}' --certificate-oidc-issuer https://token.actions.githubusercontent.com`;
                lines.push(`cosign verify ${who} ${ref}`);
                if (p.provenance)
                    lines.push(`cosign verify-attestation --type slsaprovenance1 ${who} ${ref}`);
            }
            else if (p.signatures) {
                lines.push(`cosign verify --key cosign.pub ${ref}`);
                // A key's signatures are not in Rekor: cosign must be told not to look there.
                if (p.provenance)
                    lines.push(`cosign verify-attestation --type slsaprovenance1 --key cosign.pub --insecure-ignore-tlog ${ref}`);
            }
            if (p.attestations.length > 0)
                lines.push(`docker buildx imagetools inspect ${ref} --format '{{json .Provenance}}'`);
        }
        lines.push('```');
    }
    return lines.join('\n') + '\n';
}

export { containersStage, createContainersStage, imagesOutput };
