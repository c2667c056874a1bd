import { w as waitAtLeast, i as isRetryableStatus, a as isTransient, c as retryAfterMs, d as waitMs, D as DEFAULT_RETRY$1, r as retry, R as RetryableStatus } from './retry-CrDylnPN.js';
import { r as runCommand } from './exec-CH9qn1qv.js';
import { existsSync, unlinkSync, writeFileSync, mkdirSync, linkSync, readFileSync, statSync, openSync, fstatSync, readSync, closeSync, constants, ftruncateSync, renameSync, createWriteStream, readdirSync, rmdirSync, writeSync, utimesSync, fsync, ReadStream, createReadStream, realpathSync } from 'node:fs';
import { stat, readFile, open, copyFile } from 'node:fs/promises';
import * as path from 'node:path';
import { a as semverExports } from './index-7w9L8cVj.js';
import { r as readPackageInputs, m as mark } from './timing-Du7GpSV5.js';
import { h as hasWork } from './work-DNABfhQ8.js';
import { createHash, randomUUID } from 'node:crypto';
import { Readable, PassThrough, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { S as Sha256Stream, s as sha256Hex, a as sha256Of } from './digest-CnZIrXl9.js';
import * as os from 'node:os';
import { hostname } from 'node:os';
import { P as PreconditionFailed, c as checkKey } from './store-DhPgn_g5.js';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { I as InputError, l as list, i as integer, b as boolean, o as oneOf } from './input-values-CHzpRL_X.js';
import { r as readContainerInputs, C as CONTAINER_INPUT_DEFAULTS } from './inputs-BfT5BIJn.js';
import { s as splitArgs, p as parseShard } from './shard-Dc6kUnCX.js';
import { s as secretParts } from './secrets-VXsyj3pe.js';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { p as pLimit } from './index-1_RgLtDn.js';

const DRIVER_INPUT_DEFAULTS = {
    'drivers-config': '',
    'driver-versions': '',
    'driver-builder': 'driverkit docker --config {config} --driverversion {driverversion}',
    'driver-concurrency': '',
    'driver-timeout': '3600',
    shard: '',
    'driver-retention': '0',
    'fail-on-build-error': 'false',
    'driver-jobs': '16',
    'driver-builder-env': '',
    'kernel-list': ''
};
function readDriverInputs(get) {
    const value = (name) => {
        const raw = get(name).trim();
        return raw !== '' ? raw : DRIVER_INPUT_DEFAULTS[name];
    };
    const withDefaults = (name) => value(name);
    const builder = value('driver-builder');
    if (!builder.includes('{config}')) {
        throw new InputError('driver-builder', `the command must pass {config} to the builder, got ${JSON.stringify(builder)}`);
    }
    try {
        splitArgs(builder);
    }
    catch (e) {
        throw new InputError('driver-builder', e.message);
    }
    let shard;
    try {
        shard = parseShard(value('shard'));
    }
    catch (e) {
        throw new InputError('shard', e.message);
    }
    const builderEnv = list(value('driver-builder-env'));
    const badName = builderEnv.find((n) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
    if (badName !== undefined) {
        throw new InputError('driver-builder-env', `${JSON.stringify(badName)} is not an environment variable name; list names only (DOCKER_HOST), never values`);
    }
    return {
        builderEnv,
        kernelList: list(value('kernel-list')),
        config: value('drivers-config'),
        versions: list(value('driver-versions')),
        builder,
        concurrency: value('driver-concurrency') === ''
            ? os.availableParallelism()
            : integer(withDefaults, 'driver-concurrency', 1),
        timeout: integer(withDefaults, 'driver-timeout', 0),
        shard,
        retention: integer(withDefaults, 'driver-retention', 0),
        failOnBuildError: boolean(withDefaults, 'fail-on-build-error'),
        jobs: integer(withDefaults, 'driver-jobs', 1)
    };
}

var inputs = /*#__PURE__*/Object.freeze({
    __proto__: null,
    DRIVER_INPUT_DEFAULTS: DRIVER_INPUT_DEFAULTS,
    readDriverInputs: readDriverInputs
});

const INPUT_DEFAULTS = {
    store: 'public',
    'public-url': '',
    channel: 'auto',
    version: '',
    'dev-branch': '',
    latest: 'auto',
    'dry-run': 'false',
    'require-checks': 'true',
    'required-checks': '',
    packages: '',
    's3-endpoint': '',
    's3-region': '',
    's3-force-path-style': 'false',
    's3-acl': '',
    's3-cache-control-immutable': 'public, max-age=31536000, immutable',
    's3-cache-control-short': 'public, max-age=60',
    'cdn-invalidate': '',
    'store-username': '',
    'store-password': '',
    'store-token': '',
    'store-checksum-headers': 'auto',
    'gpg-private-key': '',
    'gpg-passphrase': '',
    'dev-retention': '50',
    'package-deletion-grace': '60',
    overwrite: 'false',
    'apt-origin': '',
    'apt-label': '',
    'tarballs-noarch-repository': 'packages/wasm-dev',
    remove: '',
    verify: 'true',
    'verify-timeout': '300',
    'release-body': '',
    'release-replace-body': 'false',
    'release-assets': '',
    'release-notes': '',
    'release-latest': 'auto',
    'stable-from-branch': 'false',
    'require-version-match': 'false',
    'allow-outside-workspace': 'false',
    // Each stage's module owns its defaults; they are repeated in action.yml, which a test checks.
    ...CONTAINER_INPUT_DEFAULTS,
    ...DRIVER_INPUT_DEFAULTS
};
function readInputs(source) {
    const get = (name) => {
        const raw = source(name)?.trim() ?? '';
        if (raw !== '')
            return raw;
        return INPUT_DEFAULTS[name] ?? '';
    };
    return {
        store: get('store'),
        publicUrl: publicUrl(get('public-url')),
        channel: oneOf(get, 'channel', ['auto', 'dev', 'stable', 'none']),
        version: parseVersionInput$1(get('version')),
        devBranch: get('dev-branch'),
        latest: oneOf(get, 'latest', ['auto', 'true', 'false']),
        dryRun: boolean(get, 'dry-run'),
        requireChecks: boolean(get, 'require-checks'),
        requiredChecks: list(get('required-checks')),
        githubToken: get('github-token'),
        packages: list(get('packages')),
        s3Endpoint: url(get, 's3-endpoint'),
        s3Region: get('s3-region'),
        s3ForcePathStyle: boolean(get, 's3-force-path-style'),
        s3Acl: oneOf(get, 's3-acl', S3_ACLS),
        s3CacheControl: {
            immutable: cacheControl(get, 's3-cache-control-immutable'),
            short: cacheControl(get, 's3-cache-control-short')
        },
        cdnInvalidate: cdnDistribution(get('cdn-invalidate')),
        storeUsername: get('store-username'),
        storePassword: get('store-password'),
        storeToken: get('store-token'),
        storeChecksumHeaders: oneOf(get, 'store-checksum-headers', ['auto', 'true', 'false']),
        stableFromBranch: boolean(get, 'stable-from-branch'),
        requireVersionMatch: boolean(get, 'require-version-match'),
        allowOutsideWorkspace: boolean(get, 'allow-outside-workspace'),
        packaging: readPackageInputs(get),
        containers: readContainerInputs(get),
        drivers: readDriverInputs(get),
        verify: { enabled: boolean(get, 'verify'), timeoutSeconds: integer(get, 'verify-timeout', 0) },
        release: {
            body: get('release-body'),
            replaceBody: boolean(get, 'release-replace-body'),
            assets: list(get('release-assets')),
            notes: get('release-notes'),
            latest: oneOf(get, 'release-latest', ['auto', 'true', 'false'])
        }
    };
}
/** Every secret among the inputs, to mask before anything is logged. */
function inputSecrets(inputs) {
    const secrets = [inputs.githubToken, inputs.storePassword, inputs.storeToken];
    // The keys whole and line by line (see secretParts), and their passwords.
    const { cosignPrivateKey, cosignPassword } = inputs.containers;
    const { gpgPrivateKey, gpgPassphrase } = inputs.packaging;
    secrets.push(...secretParts(cosignPrivateKey), cosignPassword);
    secrets.push(...secretParts(gpgPrivateKey), gpgPassphrase);
    // A password written into the store URL itself (https://user:pass@host/...).
    const inUrl = /^[a-z][a-z0-9+.-]*:\/\/[^/@]*:([^/@]+)@/i.exec(inputs.store)?.[1];
    if (inUrl)
        secrets.push(inUrl, decodeURIComponent(inUrl));
    return secrets.filter((secret) => secret !== '');
}
/** An http(s) URL, or '' when not given. */
function url(get, name) {
    const raw = get(name);
    if (raw === '')
        return '';
    let parsed;
    try {
        parsed = new URL(raw);
    }
    catch {
        parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password) {
        throw new InputError(name, 'expected an http(s) URL without credentials, like https://<account>.r2.cloudflarestorage.com');
    }
    return parsed.href;
}
function cdnDistribution(raw) {
    if (raw !== '' && !/^[A-Z0-9]{8,32}$/.test(raw)) {
        throw new InputError('cdn-invalidate', `expected a CloudFront distribution id (upper-case letters and digits), got ${JSON.stringify(raw)}`);
    }
    return raw;
}
function parseVersionInput$1(raw) {
    return raw.replace(/^v(?=\d)/, '');
}
function publicUrl(raw) {
    if (raw === '')
        return '';
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        throw new InputError('public-url', `${JSON.stringify(raw)} is not a URL; expected https://host/path/`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new InputError('public-url', `expected an http(s) URL, got ${url.protocol}`);
    }
    if (url.username || url.password) {
        throw new InputError('public-url', 'must not carry credentials: it is printed and published');
    }
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
}
/** Resolves the `store` input to a URL: bare names and relative paths live under the workspace. */
function storeUrl(store, workspace) {
    if (/[\r\n]/.test(store)) {
        throw new InputError('store', `one store is published to, on one line; got ${store.split(/\r?\n/).length} lines`);
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(store))
        return new URL(store);
    // `s3:/bucket/x` or `https:host/x` is a URL missing a slash, not a folder named `s3:`.
    const scheme = /^([a-z][a-z0-9+.-]+):\/?/i.exec(store);
    if (scheme) {
        throw new InputError('store', `${JSON.stringify(store)} looks like a URL without '//' after ${scheme[1]}:; write ` +
            `${scheme[1]}://${store.slice(scheme[0].length)} (or ./${store} for a folder of that name)`);
    }
    const dir = path.resolve(workspace, store);
    // A relative path means a folder of the workspace; one that climbs out of it is a mistake
    // more often than a wish (an absolute path or file:// URL says so explicitly).
    const inside = path.relative(workspace, dir);
    if (!path.isAbsolute(store) && (inside.startsWith('..') || path.isAbsolute(inside))) {
        throw new InputError('store', `${JSON.stringify(store)} leads outside the workspace (${workspace}) to ${dir}; ` +
            `give a folder under the workspace, or file://${dir} to publish there on purpose`);
    }
    const url = new URL('file://');
    url.pathname = dir;
    return url;
}
/** S3's canned ACLs ('' = none sent: the bucket's default, and the only choice where ACLs are off). */
const S3_ACLS = [
    '',
    'private',
    'public-read',
    'public-read-write',
    'authenticated-read',
    'aws-exec-read',
    'bucket-owner-read',
    'bucket-owner-full-control'
];
/** A Cache-Control value, or 'none' for no header; one line of printable ASCII. */
function cacheControl(get, name) {
    const value = get(name);
    if (value === 'none')
        return '';
    if (!/^[\x20-\x7e]+$/.test(value))
        throw new InputError(name, `${JSON.stringify(value)} is not a Cache-Control value (one line, e.g. "public, max-age=60"), or 'none'`);
    return value;
}

/**
 * The semver a tag names, without its optional leading `v`, or undefined when it names none.
 * Build metadata is kept (semver.parse would drop it from `.version`), and whitespace or a
 * second prefix (`=`, `vv`) is refused rather than quietly trimmed: a tag is a name, not prose.
 */
function tagVersion(tag) {
    const bare = tag.startsWith('v') ? tag.slice(1) : tag;
    if (!/^[0-9]/.test(bare) || /\s/.test(bare))
        return undefined;
    return semverExports.valid(bare) === null ? undefined : bare;
}
/** A semver with a prerelease part (`0.41.0-rc1`); build metadata alone does not make one. */
function isPrerelease(version) {
    return semverExports.prerelease(version) !== null;
}
/** The stable (non-prerelease) semver versions among tag names; other tags are ignored. */
function stableVersions(tags) {
    const versions = [];
    for (const tag of tags) {
        const version = tagVersion(tag);
        if (version !== undefined && !isPrerelease(version))
            versions.push(version);
    }
    return versions;
}
/**
 * `<next minor>-<commits since the last stable tag>+<sha7>`: after 0.40.0, 15 commits at
 * 8c4040b... gives `0.41.0-15+8c4040b`. The next minor (not patch) because the development
 * branch is where the next feature release grows; a prerelease part makes it sort below that
 * release, and the commit count makes successive dev builds sort in order.
 */
function nextDevVersion(describe) {
    let base = new semverExports.SemVer('0.0.0');
    if (describe.tag !== undefined) {
        const version = tagVersion(describe.tag);
        if (version === undefined || isPrerelease(version)) {
            throw new Error(`git describe named tag '${describe.tag}', which is not a stable semver tag`);
        }
        base = new semverExports.SemVer(version);
    }
    if (!Number.isSafeInteger(describe.commits) || describe.commits < 0) {
        throw new Error(`commit count must be a whole number, got ${describe.commits}`);
    }
    if (!/^[0-9a-f]{7}$/.test(describe.sha7)) {
        throw new Error(`expected seven lowercase hex digits of the commit, got '${describe.sha7}'`);
    }
    return `${base.major}.${base.minor + 1}.0-${describe.commits}+${describe.sha7}`;
}
/**
 * Whether a stable version takes `latest`: it is not a prerelease and no stable tag of the
 * repository is higher. A back-port (0.38.3 after 0.39.0) does not take it; re-publishing the
 * highest version does. Prerelease and non-semver tags do not count.
 */
function isLatest(version, tags) {
    if (semverExports.valid(version) === null || isPrerelease(version))
        return false;
    return stableVersions(tags).every((tag) => semverExports.gte(version, tag));
}
/** The highest stable semver among tag names, or undefined when there is none. */
function highestStable(tags) {
    const versions = stableVersions(tags);
    return versions.length === 0 ? undefined : semverExports.rsort(versions)[0];
}

/** The event or inputs cannot make a release; the message names the tag or input and the fix. */
class ReleaseError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ReleaseError';
    }
}
const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];
/** Events on which an explicit dev/stable channel input is honoured. */
const CHANNEL_EVENTS = ['push', 'workflow_dispatch', 'release'];
function classify(event, inputs) {
    const versionInput = parseVersionInput(inputs.version);
    // `none` wins over everything, even a tag that is not semver: nothing will be published, so
    // nothing about the tag can be wrong for this run.
    if (inputs.channel === 'none')
        return { channel: 'none', reason: 'the channel input is none.' };
    // A pull request never publishes, whatever the channel input says: its code has not been
    // reviewed and pull_request_target runs with write tokens. Classifying it as `none` rather
    // than failing keeps a shared workflow (on: [push, pull_request]) green on pull requests.
    if (PULL_REQUEST_EVENTS.includes(event.eventName)) {
        const ignored = inputs.channel === 'auto'
            ? ''
            : ` (the channel input '${inputs.channel}' was ignored for a pull request)`;
        return {
            channel: 'none',
            reason: `a ${event.eventName} event never publishes${ignored}.`
        };
    }
    if (!CHANNEL_EVENTS.includes(event.eventName)) {
        const ignored = inputs.channel === 'auto'
            ? ''
            : ` (the channel input '${inputs.channel}' is honoured only for push, workflow_dispatch and release events)`;
        return { channel: 'none', reason: `a ${event.eventName} event does not publish${ignored}.` };
    }
    const source = eventSource(event);
    if (source.kind === 'none') {
        // A forced channel where there is neither branch nor tag (the CLI outside a git checkout):
        // publishing nothing would be a silent success; a dev release needs its version given.
        if (inputs.channel === 'dev') {
            if (versionInput === undefined) {
                throw new ReleaseError(`input 'version': the channel input is dev, but ${source.reason.replace(/\.$/, '')}, so ` +
                    `no dev version can be computed from git. Give the version input (--version ` +
                    `0.41.0-dev.1), or run inside a git checkout with its history (fetch-depth: 0).`);
            }
            return dev(inputs, {
                version: versionInput,
                prerelease: isPrerelease(versionInput),
                reason: `the channel input is dev, version from the version input (${source.reason.replace(/\.$/, '')}).`
            });
        }
        if (inputs.channel === 'stable') {
            throw new ReleaseError(`input 'channel': stable needs a tag to publish from, but ${source.reason.replace(/\.$/, '')}. ` +
                `Publish from a tag (--ref refs/tags/0.40.0), or use --channel dev with --version.`);
        }
        return { channel: 'none', reason: source.reason };
    }
    if (source.kind === 'tag') {
        const tagged = tagVersion(source.tag);
        if (tagged === undefined) {
            throw new ReleaseError(`tag '${source.tag}' is not a semver version: release tags look like 0.40.0, v0.40.0 or ` +
                `0.41.0-rc1. Push a semver tag, or set the channel input to none for this tag.`);
        }
        const version = versionInput ?? tagged;
        const prerelease = isPrerelease(version) || source.githubPrerelease;
        const via = versionInput === undefined ? '' : ` (version from the version input)`;
        if (inputs.channel === 'dev' || (inputs.channel === 'auto' && prerelease)) {
            const why = inputs.channel === 'dev'
                ? `the channel input is dev`
                : isPrerelease(version)
                    ? `${version} is a semver prerelease`
                    : `the GitHub release is marked as a prerelease`;
            return dev(inputs, {
                version,
                prerelease,
                tag: source.tag,
                reason: `${source.what} ${source.tag}: ${why}, published to the dev channel${via}.`
            });
        }
        return stable(inputs, {
            version,
            prerelease,
            tag: source.tag,
            reason: `${source.what} ${source.tag}: a stable release${via}.`
        });
    }
    // A branch.
    const devBranch = developmentBranch(inputs.devBranch, event.payload);
    const on = `${source.what} ${source.branch}`;
    if (inputs.channel === 'stable') {
        // A stable release is a tag: a branch moves, so what it pointed at cannot be told later.
        if (!inputs.stableFromBranch) {
            throw new ReleaseError(`input 'channel': stable on ${on}, which is not a tag. Stable releases are published ` +
                `from a tag: push the tag (e.g. 0.40.0) and run on it, or set stable-from-branch: true ` +
                `(with the version input) to publish this branch as stable on purpose.`);
        }
        // Never from a branch: latest names the newest tagged release.
        if (inputs.latest === 'true') {
            throw new ReleaseError(`input 'latest': true, but ${on} is not a tag, and latest only moves to a tagged ` +
                `release. Use latest: auto (false here), or publish from a tag.`);
        }
        if (versionInput === undefined) {
            throw new ReleaseError(`input 'version': the channel input is stable but ${on} has no tag to take the version ` +
                `from. Give the version input (e.g. 0.40.0), or publish from a tag.`);
        }
        return stable({ ...inputs, latest: 'false' }, {
            version: versionInput,
            prerelease: isPrerelease(versionInput),
            reason: `${on}: the channel input is stable (stable-from-branch), version from the version input; never latest from a branch.`
        });
    }
    if (inputs.channel === 'dev' || source.branch === devBranch) {
        const why = source.branch === devBranch
            ? `the development branch`
            : `not the development branch (${devBranch}), but the channel input is dev`;
        return dev(inputs, {
            version: versionInput,
            prerelease: false,
            reason: `${on}: ${why}.`
        });
    }
    return {
        channel: 'none',
        reason: `${on}: not the development branch (${devBranch}) and not a tag.`
    };
}
/** The dev-branch input, else the repository's default branch from the event, else master. */
function developmentBranch(input, payload) {
    const given = input.trim().replace(/^refs\/heads\//, '');
    if (given !== '')
        return given;
    const repository = payload.repository;
    const fromPayload = repository?.default_branch;
    if (typeof fromPayload === 'string' && fromPayload !== '')
        return fromPayload;
    return 'master';
}
/** What the event points at: a tag (push, release) or a branch (push, dispatch). */
function eventSource(event) {
    if (event.eventName === 'release') {
        const action = event.payload.action;
        if (action !== 'published') {
            // GitHub sends created/released/prereleased/... alongside published; acting on one of
            // them only keeps a release from being published twice.
            return {
                kind: 'none',
                reason: `a release event with action '${String(action)}' does not publish (only 'published' does).`
            };
        }
        const release = event.payload.release;
        const tag = release?.tag_name;
        if (typeof tag !== 'string' || tag === '') {
            throw new ReleaseError(`the release event payload has no release.tag_name; cannot tell which version was released.`);
        }
        // A release the maintainers marked as a prerelease on GitHub is one, whatever its tag says.
        return { kind: 'tag', tag, what: 'release', githubPrerelease: release?.prerelease === true };
    }
    const what = event.eventName === 'push' ? 'push to' : `${event.eventName} on`;
    if (event.ref.startsWith('refs/tags/')) {
        const tag = event.ref.slice('refs/tags/'.length);
        return { kind: 'tag', tag, what: `${what} tag`, githubPrerelease: false };
    }
    if (event.ref.startsWith('refs/heads/')) {
        return { kind: 'branch', branch: event.ref.slice('refs/heads/'.length), what: `${what} branch` };
    }
    return {
        kind: 'none',
        reason: `${what} '${event.ref || '(no ref)'}', which is neither a branch nor a tag.`
    };
}
function parseVersionInput(raw) {
    if (raw.trim() === '')
        return undefined;
    const version = tagVersion(raw.trim());
    if (version === undefined) {
        throw new ReleaseError(`input 'version': '${raw}' is not a semver version (e.g. 0.40.0, 0.41.0-rc1, 0.41.0-15+8c4040b).`);
    }
    return version;
}
function dev(inputs, release) {
    // Development builds and prereleases are never latest; asking for it is a mistake in the
    // workflow, not something to quietly drop.
    if (inputs.latest === 'true') {
        throw new ReleaseError(`input 'latest': true, but this is a ${release.prerelease ? 'prerelease' : 'development'} ` +
            `release, which is never latest. Use latest: auto, or set it to true only for stable tags.`);
    }
    return { channel: 'dev', latest: false, ...release };
}
function stable(inputs, release) {
    if (release.prerelease) {
        if (inputs.latest === 'true') {
            throw new ReleaseError(`input 'latest': true, but ${release.version} is a prerelease, which is never latest. ` +
                `Use latest: auto, or publish a stable version.`);
        }
        return { channel: 'stable', latest: false, ...release };
    }
    const latest = inputs.latest === 'auto' ? undefined : inputs.latest === 'true';
    return { channel: 'stable', latest, ...release };
}

/**
 * Mutual exclusion between publishes through lease objects in the store itself, for stores that
 * cannot compare-and-swap an object (a plain WebDAV server). A lease names its owner and an
 * expiry; an expired one is broken by a waiter, after checking that it is still the same lease.
 * Within one process, callers of the same lease also queue on a promise chain, so they do not
 * spend requests racing each other.
 *
 * The guarantee is as strong as `create` and the clocks: with an atomic create and clocks within
 * the ttl of each other, one holder at a time, as long as holders finish within the ttl (index
 * updates take milliseconds; the default ttl is a minute).
 */
class Leases {
    objects;
    options;
    ttlMs;
    timeoutMs;
    local = new Map();
    constructor(objects, options = {}) {
        this.objects = objects;
        this.options = options;
        this.ttlMs = options.ttlMs ?? 60_000;
        this.timeoutMs = options.timeoutMs ?? 180_000;
    }
    /**
     * A conditional put on a store that cannot make one itself: under the key's lease, compare the
     * current object with the precondition, then write. A failed precondition writes nothing (and
     * discards a stream body).
     */
    async conditionalPut(key, body, precondition, head, write) {
        const name = createHash('sha256').update(key).digest('hex');
        return this.withLease(name, async () => {
            const current = await head(key);
            const holds = 'ifNoneMatch' in precondition
                ? current === undefined
                : current !== undefined && current.etag === precondition.ifMatch;
            if (!holds) {
                if (body instanceof Readable)
                    body.destroy();
                throw new PreconditionFailed(key, precondition);
            }
            return write();
        });
    }
    async withLease(name, critical) {
        const previous = this.local.get(name) ?? Promise.resolve();
        const run = previous.catch(() => undefined).then(() => this.holding(name, critical));
        const settled = run.catch(() => undefined);
        this.local.set(name, settled);
        try {
            return await run;
        }
        finally {
            if (this.local.get(name) === settled)
                this.local.delete(name);
        }
    }
    async holding(name, critical) {
        const me = await this.acquire(name);
        try {
            return await critical();
        }
        finally {
            // Only remove the lease if it is still ours: a waiter may have broken it after the ttl.
            const now = await this.objects.read(name).catch(() => undefined);
            if (now?.owner === me.owner)
                await this.objects.remove(name);
        }
    }
    async acquire(name) {
        const started = Date.now();
        let delay = 20;
        // A lease whose holder file cannot be read (created, owner not written yet, or written by
        // something else) is judged by how long this waiter has seen it so, on its own clock.
        let unreadableSince;
        for (;;) {
            const me = {
                owner: randomUUID(),
                host: hostname(),
                pid: process.pid,
                since: Date.now(),
                expires: Date.now() + this.ttlMs
            };
            if (await this.objects.create(name, me))
                return me;
            const holder = await this.objects.read(name);
            if (holder === undefined)
                unreadableSince ??= Date.now();
            else
                unreadableSince = undefined;
            const expired = holder !== undefined
                ? Date.now() > holder.expires
                : Date.now() - (unreadableSince ?? Date.now()) > this.ttlMs;
            if (expired) {
                const again = await this.objects.read(name);
                if (again?.owner === holder?.owner) {
                    await this.objects.remove(name);
                    this.options.onBreak?.(name, holder);
                    unreadableSince = undefined;
                    continue;
                }
            }
            if (Date.now() - started > this.timeoutMs) {
                const who = holder ? `held by ${holder.owner} (pid ${holder.pid} on ${holder.host})` : '';
                throw new Error(`timed out after ${this.timeoutMs} ms waiting for the lease ${name} ${who}; ` +
                    `if no publish is running, remove it from the store`);
            }
            await new Promise((resolve) => setTimeout(resolve, delay * (0.5 + Math.random())));
            delay = Math.min(delay * 2, 500);
        }
    }
}
/** Parses a lease object's text; undefined when it is not one of ours. */
function parseHolder(text) {
    try {
        const parsed = JSON.parse(text);
        if (typeof parsed.owner === 'string' && typeof parsed.expires === 'number') {
            return {
                owner: parsed.owner,
                host: String(parsed.host ?? ''),
                pid: Number(parsed.pid ?? 0),
                since: Number(parsed.since ?? 0),
                expires: parsed.expires
            };
        }
    }
    catch {
        // not JSON: not ours
    }
    return undefined;
}

/**
 * Whether an attempt is worth repeating: what the SDK calls throttling or transient (429, 500,
 * 502-504, S3's RequestTimeout and SlowDown, timeouts, resets), what the shared policy retries
 * (408, other 5xx but 501), and dropped connections. Other client errors (400, 403, 404, 412)
 * are answers, not accidents.
 */
function isRetryableAttempt(info) {
    if (info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT')
        return true;
    const status = info.error?.$metadata?.httpStatusCode;
    if (status !== undefined)
        return isRetryableStatus(status);
    return isTransient(info.error);
}
/**
 * The wait before the next attempt (`attempt` counts the ones made, from 1): what Retry-After
 * asks, read as every other client here reads it (delta-seconds or an HTTP-date); else the
 * SDK's hint (it also reads AWS's x-amz-retry-after); else the policy's backoff with jitter.
 * Never longer than the policy's `maxDelayMs`.
 */
function retryDelayMs(policy, attempt, info, now = Date.now(), random = Math.random) {
    const asked = retryAfterMs(headerOf(info.error, 'retry-after'), now) ??
        (info.retryAfterHint ? Math.max(0, info.retryAfterHint.getTime() - now) : undefined);
    return waitMs(policy, attempt, asked, random);
}
/**
 * A RetryStrategyV2 for the S3 client that follows the shared retry policy. The SDK's retry
 * middleware calls it after each failed attempt; it waits there and then allows the next one.
 * It keeps no retry quota across requests (the standard strategy's circuit breaker): like the
 * other clients, each request gets the policy's attempts.
 */
class PolicyRetryStrategy {
    policy;
    options;
    /** Failed attempts' errors, named by the middleware that saw their request. */
    requests = new WeakMap();
    constructor(policy, options = {}) {
        this.policy = policy;
        this.options = options;
    }
    async acquireInitialRetryToken() {
        return token(0, 0);
    }
    async refreshRetryTokenForRetry(previous, info) {
        const attempt = previous.getRetryCount() + 1;
        if (attempt >= this.policy.attempts || !isRetryableAttempt(info))
            throw info.error ?? new Error('not retried');
        const delay = retryDelayMs(this.policy, attempt, info, Date.now(), this.options.random);
        const request = info.error ? this.requests.get(info.error) : undefined;
        this.options.onRetry?.(request, causeOf$1(info.error), attempt, delay);
        // The strategy sleeps itself and hands back a token with no delay, as the SDK's own do (the
        // SDK's middleware would sleep a token's delay with a plain timer, which can fire early).
        await waitAtLeast(delay);
        return token(attempt, 0);
    }
    recordSuccess() { }
    /**
     * A client middleware to add at `finalizeRequest` with low priority, so that it runs inside
     * the retry loop once per attempt: it names each failed attempt's request (operation and
     * object, never credentials) for the retry's log line.
     */
    namer = (next, context) => {
        return async (args) => {
            try {
                return await next(args);
            }
            catch (error) {
                if (error !== null && typeof error === 'object')
                    this.requests.set(error, requestName(context.commandName, args.input));
                throw error;
            }
        };
    };
}
function token(retries, delayMs) {
    return { getRetryCount: () => retries, getRetryDelay: () => delayMs };
}
/** "PutObject s3://bucket/key": the operation and the object (or listed prefix) it was about. */
function requestName(command, input) {
    const { Bucket, Key, Prefix } = input;
    const operation = (command ?? 'request').replace(/Command$/, '');
    return `${operation} s3://${Bucket ?? ''}/${Key ?? Prefix ?? ''}`;
}
/** "503 SlowDown", or a connection error's code: the status and S3's error code, no message. */
function causeOf$1(error) {
    const e = (error ?? {});
    const status = e.$metadata?.httpStatusCode;
    if (status !== undefined)
        return `${status} ${e.name ?? ''}`.trim();
    return e.code ?? e.name ?? 'error';
}
function headerOf(error, name) {
    const headers = error?.$response?.headers;
    if (!headers)
        return undefined;
    for (const [header, value] of Object.entries(headers))
        if (header.toLowerCase() === name)
            return value;
    return undefined;
}

function spell(etag, spelling) {
    const bare = etag.replace(/^W\//, '').replace(/^"|"$/g, '');
    return spelling === 'quoted' ? `"${bare}"` : bare;
}
const spellingName = (spelling) => spelling === 'quoted' ? 'in quotes' : 'without quotes';
/** The store's own objects (probe, leases) live under this folder of the prefix, never listed. */
const S3_STATE_DIR = '.falco-publish';
/** A conditional put is sent as one PutObject, so its body is read into memory first: indexes. */
const CONDITIONAL_MAX = 64 * 1024 * 1024;
/**
 * A Store in an S3 bucket (or an S3-compatible service), under an optional key prefix.
 *
 * Credentials come from the SDK's standard chain only (environment, web identity as
 * aws-actions/configure-aws-credentials sets it up, profiles): never from an input.
 * Uploads stream through lib-storage (multipart above one part, a bounded number of parts in
 * flight) and are hashed on the way.
 *
 * Requests are retried under the shared policy, Retry-After honoured up to its longest wait
 * (s3-retry.ts). The SDK never retries a request whose body is a stream, so every body sent is a
 * buffer: lib-storage's parts, and the conditional put's index read into memory.
 *
 * Conditional puts use If-None-Match: * and If-Match: <etag> (S3 since 2024, R2, MinIO). A
 * service that ignores them (s3rver, older gateways) is found out by a probe on the first
 * conditional put; the store then takes a lease object per key and compares etags under it. S3
 * offers no atomic create without conditional writes, so that lease is put, then read back after a
 * pause: it keeps concurrent publishes apart in practice, but is not a guarantee (the README
 * says so).
 */
class S3Store {
    bucket;
    options;
    location;
    prefix;
    sdk;
    mode;
    /** How If-Match etags are spelt: as S3 returns them (quoted) unless the probe or a refusal says otherwise. */
    spelling = 'quoted';
    leases;
    leaseFolder;
    constructor(bucket, prefix, options = {}) {
        this.bucket = bucket;
        this.options = options;
        this.prefix = prefix.replace(/^\/+|\/+$/g, '');
        if (this.prefix !== '')
            this.prefix += '/';
        this.location = `s3://${bucket}/${this.prefix}`.replace(/\/$/, '');
        if (options.conditionalWrites && options.conditionalWrites !== 'probe')
            this.mode = Promise.resolve(options.conditionalWrites);
        this.leases = new Leases({
            create: (name, holder) => this.createLease(name, holder),
            read: (name) => this.readLease(name),
            remove: (name) => this.delete(`${S3_STATE_DIR}/leases/${name}`)
        }, {
            ...options.lease,
            onBreak: (name, holder) => options.log?.warning(`broke an expired lease ${name} in ${this.location}` +
                (holder ? ` (owner ${holder.owner}, pid ${holder.pid} on ${holder.host})` : ''))
        });
    }
    /** The key in the bucket: the store's prefix and the key. */
    objectKey(key) {
        return this.prefix + checkKey(key);
    }
    url(key) {
        checkKey(key);
        if (this.options.baseUrl)
            return new URL(key.split('/').map(encodeURIComponent).join('/'), withSlash$1(new URL(this.options.baseUrl))).href;
        const path = (this.prefix + key).split('/').map(encodeURIComponent).join('/');
        if (!this.options.endpoint) {
            const region = this.options.region ?? 'us-east-1';
            return `https://${this.bucket}.s3.${region}.amazonaws.com/${path}`;
        }
        const endpoint = new URL(this.options.endpoint);
        if (this.options.forcePathStyle)
            return new URL(`${this.bucket}/${path}`, withSlash$1(endpoint)).href;
        endpoint.hostname = `${this.bucket}.${endpoint.hostname}`;
        return new URL(path, withSlash$1(endpoint)).href;
    }
    async head(key) {
        checkKey(key);
        const { s3, client } = await this.client();
        try {
            const out = await client.send(new s3.HeadObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
            return {
                key,
                size: out.ContentLength ?? 0,
                etag: out.ETag ?? '',
                ...(out.LastModified ? { modified: out.LastModified } : {})
            };
        }
        catch (error) {
            if (isNotFound(error))
                return undefined;
            throw this.failure('HEAD', key, error);
        }
    }
    async get(key) {
        checkKey(key);
        const { s3, client } = await this.client();
        try {
            const out = await client.send(new s3.GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
            return this.named(out.Body, key);
        }
        catch (error) {
            if (isNotFound(error))
                return undefined;
            throw this.failure('GET', key, error);
        }
    }
    /**
     * The object (or `range` of it) in memory. A body that breaks off once the SDK has handed it
     * over (the server resets the connection mid-answer: Node says only `aborted`) is out of the
     * SDK's retries; a read is safe to repeat, so the GET is sent again under the same policy.
     */
    async read(key, range) {
        checkKey(key);
        if (range && range.end <= range.start)
            return Buffer.alloc(0);
        const { s3, client } = await this.client();
        const policy = this.options.retry ?? DEFAULT_RETRY$1;
        return retry(async () => {
            let body;
            try {
                const out = await client.send(new s3.GetObjectCommand({
                    Bucket: this.bucket,
                    Key: this.prefix + key,
                    ...(range ? { Range: `bytes=${range.start}-${range.end - 1}` } : {})
                }));
                body = out.Body;
            }
            catch (error) {
                if (isNotFound(error))
                    return undefined;
                throw this.failure('GET', key, error);
            }
            const chunks = [];
            for await (const chunk of this.named(body, key))
                chunks.push(Buffer.from(chunk));
            return Buffer.concat(chunks);
        }, {
            policy,
            retryable: (error) => error instanceof BrokenBody && isTransient(error),
            onRetry: (error, attempt, delayMs) => this.options.log?.debug(`${error.message}; attempt ${attempt + 1} of ${policy.attempts} in ${delayMs} ms`)
        });
    }
    /**
     * The body of a GET, whose errors name the operation and the object: a connection reset while
     * reading it otherwise surfaces as Node's bare `aborted`.
     */
    named(body, key) {
        const out = new PassThrough();
        body.once('error', (error) => out.destroy(new BrokenBody(`GET ${this.location}/${key}: the answer broke off (${causeText(error)})`, {
            cause: error
        })));
        body.pipe(out);
        return out;
    }
    async put(key, body, options = {}) {
        checkKey(key);
        const precondition = options.precondition;
        if (!precondition)
            return this.upload(key, body, options.contentType, options.lifetime);
        if ((await this.conditionalMode()) === 'native')
            return this.putConditional(key, body, precondition, options.contentType, options.lifetime);
        return this.leases.conditionalPut(key, body, precondition, (k) => this.head(k), () => this.upload(key, body, options.contentType, options.lifetime));
    }
    /** CopyObject: the service copies the bytes (up to 5 GiB, far above any index). */
    async copy(from, to, options = {}) {
        checkKey(from);
        checkKey(to);
        const { s3, client } = await this.client();
        // A copy takes the source's metadata but never its ACL; with a Cache-Control of its own
        // (a plain index name copied from a by-hash one) the metadata is given anew.
        const cacheControl = this.cacheControl(options.lifetime);
        try {
            await client.send(new s3.CopyObjectCommand({
                Bucket: this.bucket,
                Key: this.prefix + to,
                // bucket/key URL-encoded. encodeURI keeps '/', '+' and '&' as they are, which every
                // reading of the header agrees on (s3rver decodes it with decodeURI); '?' and '#'
                // would start a query or fragment.
                CopySource: encodeURI(`${this.bucket}/${this.prefix}${from}`).replace(/[?#]/g, (c) => c === '?' ? '%3F' : '%23'),
                ...this.objectMetadata(options.lifetime),
                ...(cacheControl
                    ? { MetadataDirective: 'REPLACE', ContentType: 'application/octet-stream' }
                    : {})
            }));
        }
        catch (error) {
            if (isNotFound(error))
                throw new Error(`cannot copy ${from} to ${to} in ${this.location}: no object ${from}`, {
                    cause: error
                });
            throw this.failure('COPY', to, error);
        }
    }
    async delete(key) {
        checkKey(key);
        const { s3, client } = await this.client();
        try {
            await client.send(new s3.DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
        }
        catch (error) {
            if (isNotFound(error))
                return;
            throw this.failure('DELETE', key, error);
        }
    }
    async *list(prefix) {
        // S3 lists in UTF-8 byte order; some compatible services (s3rver) walk their disk instead, so
        // the listing is gathered and sorted here (keys and sizes only: small even for large buckets).
        const all = [];
        for await (const info of this.pages(prefix))
            all.push(info);
        all.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
        yield* all;
    }
    async *pages(prefix) {
        const { s3, client } = await this.client();
        let token;
        do {
            let out;
            try {
                out = await client.send(new s3.ListObjectsV2Command({
                    Bucket: this.bucket,
                    Prefix: this.prefix + prefix,
                    ContinuationToken: token
                }));
            }
            catch (error) {
                throw this.failure('LIST', prefix, error);
            }
            for (const item of out.Contents ?? []) {
                const key = (item.Key ?? '').slice(this.prefix.length);
                if (key.startsWith(`${S3_STATE_DIR}/`))
                    continue;
                yield {
                    key,
                    size: item.Size ?? 0,
                    etag: item.ETag ?? '',
                    ...(item.LastModified ? { modified: item.LastModified } : {})
                };
            }
            token = out.IsTruncated ? out.NextContinuationToken : undefined;
        } while (token);
    }
    /** Streams the body through lib-storage: multipart above one part, parts in flight bounded. */
    /** The Cache-Control configured for a lifetime, if any. */
    cacheControl(lifetime) {
        return lifetime ? this.options.cacheControl?.[lifetime] : undefined;
    }
    /** ACL and Cache-Control for a write, as the options configure them. */
    objectMetadata(lifetime) {
        const cacheControl = this.cacheControl(lifetime);
        return {
            ...(this.options.acl ? { ACL: this.options.acl } : {}),
            ...(cacheControl ? { CacheControl: cacheControl } : {})
        };
    }
    async upload(key, body, contentType, lifetime) {
        const { storage, client } = await this.client();
        const digest = new Sha256Stream();
        const source = typeof body === 'string' || Buffer.isBuffer(body) ? Readable.from([Buffer.from(body)]) : body;
        // lib-storage reads `Body.size` as the length, and Sha256Stream has a `size` (bytes so far):
        // hand it a plain stream after the digest instead.
        const body$ = new PassThrough();
        let broken;
        const piped = pipeline(source, digest, body$).catch((error) => {
            broken = error;
        });
        const upload = new storage.Upload({
            client,
            params: {
                Bucket: this.bucket,
                Key: this.prefix + key,
                Body: body$,
                ContentType: contentType ?? 'application/octet-stream',
                ...this.objectMetadata(lifetime)
            },
            partSize: this.options.partBytes ?? 8 * 1024 * 1024,
            queueSize: this.options.partsInFlight ?? 4,
            leavePartsOnError: false
        });
        let etag;
        try {
            etag = (await upload.done()).ETag;
        }
        catch (error) {
            await piped;
            if (broken)
                throw broken;
            throw this.failure('PUT', key, error);
        }
        await piped;
        if (broken)
            throw broken;
        if (!etag)
            etag = (await this.head(key))?.etag ?? '';
        return { key, size: digest.size, sha256: digest.sha256, etag };
    }
    async putConditional(key, body, precondition, contentType, lifetime) {
        const { s3, client } = await this.client();
        const digest = new Sha256Stream();
        const bytes = await readAll(body, digest, key);
        const send = (spelling) => client.send(new s3.PutObjectCommand({
            Bucket: this.bucket,
            Key: this.prefix + key,
            Body: bytes,
            ContentLength: bytes.length,
            ContentType: contentType ?? 'application/octet-stream',
            ...this.objectMetadata(lifetime),
            ...('ifNoneMatch' in precondition
                ? { IfNoneMatch: '*' }
                : { IfMatch: spell(precondition.ifMatch, spelling) })
        }));
        const refused = (error) => {
            const status = statusOf(error);
            // 412: the precondition failed; 409: a concurrent conditional write won (S3 says retry).
            // 404: If-Match on an object that does not exist.
            return status === 412 || status === 409 || (status === 404 && 'ifMatch' in precondition);
        };
        const done = (etag) => ({
            key,
            size: digest.size,
            sha256: digest.sha256,
            etag: etag ?? ''
        });
        try {
            return done((await send(this.spelling)).ETag);
        }
        catch (error) {
            if (!refused(error))
                throw this.failure('PUT', key, error);
            // Refused while the object still carries the etag asked for: the service reads If-Match
            // spelt the other way (RGW refuses quoted etags, R2 bare ones). Once with that spelling.
            if ('ifNoneMatch' in precondition || statusOf(error) !== 412)
                throw new PreconditionFailed(key, precondition);
            const now = await this.head(key);
            if (!now || spell(now.etag, 'bare') !== spell(precondition.ifMatch, 'bare'))
                throw new PreconditionFailed(key, precondition);
            const other = this.spelling === 'quoted' ? 'bare' : 'quoted';
            try {
                const out = await send(other);
                this.spelling = other;
                this.options.log?.info(`store: ${this.location} refused a matching If-Match etag spelt ${spellingName(other === 'bare' ? 'quoted' : 'bare')}; sending them ${spellingName(other)} from now on`);
                return done(out.ETag);
            }
            catch (again) {
                if (refused(again))
                    throw new PreconditionFailed(key, precondition);
                throw this.failure('PUT', key, again);
            }
        }
    }
    /** Whether the service honours conditional writes: asked once, by trying them on a probe key. */
    conditionalMode() {
        this.mode ??= this.probe();
        return this.mode;
    }
    async probe() {
        const { s3, client } = await this.client();
        const key = `${this.prefix}${S3_STATE_DIR}/probe/${randomUUID()}`;
        /** The new etag when the put was written, 'refused' when its condition failed. */
        const attempt = async (condition) => {
            try {
                const out = await client.send(new s3.PutObjectCommand({ Bucket: this.bucket, Key: key, Body: 'probe', ...condition }));
                return out.ETag ?? (await this.head(key.slice(this.prefix.length)))?.etag ?? '';
            }
            catch (error) {
                const status = statusOf(error);
                if (status === 412 || status === 409)
                    return 'refused';
                throw this.failure('PUT', `${S3_STATE_DIR}/probe`, error);
            }
        };
        try {
            const created = await attempt({ IfNoneMatch: '*' });
            const again = await attempt({ IfNoneMatch: '*' });
            const stale = await attempt({ IfMatch: '"0123456789abcdef0123456789abcdef"' });
            // Refusing is not enough: a matching If-Match must also go through, and services differ
            // on how they read it (RGW refuses the quoted etag S3 returns and the SDK sends, R2 the
            // bare one). The first spelling that goes through is the one used.
            let spelling;
            if (created !== 'refused' && again === 'refused' && stale === 'refused') {
                for (const s of ['quoted', 'bare']) {
                    if ((await attempt({ IfMatch: spell(created, s) })) !== 'refused') {
                        spelling = s;
                        break;
                    }
                }
            }
            if (spelling) {
                this.spelling = spelling;
                this.options.log?.info(`store: ${this.location} honours conditional writes; If-Match etags are sent ${spellingName(spelling)}`);
                return 'native';
            }
            this.options.log?.warning(`the S3 service behind ${this.location} ${again === 'refused' && stale === 'refused' ? 'refuses a matching If-Match in either spelling' : 'ignores conditional writes (If-None-Match/If-Match)'}; ` +
                `index updates take a lease object instead, which keeps concurrent publishes apart in ` +
                `practice but is not atomic. Use a service that honours them (AWS S3, R2, MinIO, Ceph RGW) for a guarantee.`);
            return 'lease';
        }
        finally {
            await client
                .send(new s3.DeleteObjectCommand({ Bucket: this.bucket, Key: key }))
                .catch(() => { });
        }
    }
    /**
     * Without conditional writes S3 has no atomic create. The lease is written only when absent,
     * then read back after a pause longer than a competing write takes: of several that wrote at
     * once, only the last one finds its own owner there.
     */
    async createLease(name, holder) {
        const key = `${S3_STATE_DIR}/leases/${name}`;
        await this.keepLeaseFolder();
        if (await this.head(key))
            return false;
        await this.upload(key, JSON.stringify(holder), 'application/json');
        await new Promise((resolve) => setTimeout(resolve, 250));
        return (await this.readLease(name))?.owner === holder.owner;
    }
    /**
     * s3rver, a server the lease fallback exists for, removes a folder a delete leaves empty, and
     * a put into that folder racing the removal crashes it (its write stream's ENOENT goes
     * unhandled): leases come and go in one folder, so it keeps an object that is never deleted.
     */
    keepLeaseFolder() {
        this.leaseFolder ??= (async () => {
            const key = `${S3_STATE_DIR}/leases/.keep`;
            if (!(await this.head(key)))
                await this.upload(key, 'Keeps the folder of the leases in place.\n', 'text/plain');
        })().catch((error) => {
            this.leaseFolder = undefined;
            throw error;
        });
        return this.leaseFolder;
    }
    async readLease(name) {
        const body = await this.read(`${S3_STATE_DIR}/leases/${name}`);
        return body && parseHolder(body.toString('utf8'));
    }
    /** The SDK is loaded on first use only: runs without an s3 store never load it. */
    client() {
        this.sdk ??= (async () => {
            const [s3, storage] = await Promise.all([
                import('./dist-es-BNITxiAj.js'),
                import('./dist-es-C-SJEGWR.js')
            ]);
            const policy = this.options.retry ?? DEFAULT_RETRY$1;
            // The shared policy instead of the SDK's standard strategy, which caps what Retry-After
            // asks at its own backoff plus 5 s (see s3-retry.ts).
            const retryStrategy = new PolicyRetryStrategy(policy, {
                onRetry: (request, cause, attempt, delayMs) => this.options.log?.debug(`${request ?? this.location}: ${cause}; attempt ${attempt + 1} of ${policy.attempts} in ${delayMs} ms`)
            });
            const client = new s3.S3Client({
                region: this.options.region || process.env.AWS_REGION || 'us-east-1',
                ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
                forcePathStyle: this.options.forcePathStyle ?? false,
                retryStrategy,
                // Only read for the amz-sdk-request header once a strategy is given: kept truthful.
                maxAttempts: policy.attempts,
                // Checksums in trailers (the SDK's default since 2025) are not understood by every
                // S3-compatible service; compute them only where S3 requires them.
                requestChecksumCalculation: 'WHEN_REQUIRED',
                responseChecksumValidation: 'WHEN_REQUIRED'
            });
            client.middlewareStack.add(retryStrategy.namer, {
                step: 'finalizeRequest',
                priority: 'low',
                name: 'falcoPublishRetryNamer'
            });
            return { s3, storage, client };
        })();
        return this.sdk;
    }
    failure(operation, key, error) {
        const status = statusOf(error);
        const name = error.name;
        const hint = status === 403 || name === 'CredentialsProviderError'
            ? ' (credentials come from the AWS environment: run aws-actions/configure-aws-credentials first)'
            : '';
        return new Error(`${operation} ${this.location}/${key} failed: ${name}${status ? ` (${status})` : ''}: ${error.message}${hint}`);
    }
}
/** Reads a conditional put's body (an index) into memory, hashing it; refuses large ones. */
async function readAll(body, digest, key) {
    const source = typeof body === 'string' || Buffer.isBuffer(body) ? Readable.from([Buffer.from(body)]) : body;
    const chunks = [];
    let size = 0;
    const collect = async function* (input) {
        for await (const chunk of input) {
            size += chunk.length;
            if (size > CONDITIONAL_MAX)
                throw new Error(`${key}: a conditional put to S3 is limited to ${CONDITIONAL_MAX} bytes`);
            chunks.push(chunk);
        }
        yield Buffer.alloc(0);
    };
    await pipeline(source, digest, collect);
    return Buffer.concat(chunks);
}
/** A GET whose body failed after its answer began: see S3Store.named. */
class BrokenBody extends Error {
    name = 'BrokenBody';
}
/** `ECONNRESET: aborted`: a stream error's code and Node's message. */
function causeText(error) {
    const { code, message } = (error ?? {});
    return [code, message].filter((x) => typeof x === 'string' && x !== '').join(': ') || 'error';
}
function statusOf(error) {
    return error.$metadata?.httpStatusCode;
}
function isNotFound(error) {
    const name = error.name;
    return name === 'NotFound' || name === 'NoSuchKey' || statusOf(error) === 404;
}
function withSlash$1(url) {
    const copy = new URL(url.href);
    if (!copy.pathname.endsWith('/'))
        copy.pathname += '/';
    return copy;
}

/**
 * What changes in place when a publish succeeds: indexes, listings, and the signatures of those
 * (InRelease, repomd.xml.asc, SHA256SUMS.asc). Packages, tarballs and drivers, and the detached
 * signatures beside them, are published once under their own names and need no invalidation.
 */
const MUTABLE = ['index', 'listing'];
/** The CDN paths of the objects this run changed in place, each once, sorted. */
function changedPaths(results, store) {
    const published = results.flatMap((result) => result.published);
    const immutable = new Set(published
        .filter((item) => !MUTABLE.includes(item.kind) && item.kind !== 'signature')
        .map((item) => item.path));
    const paths = new Set();
    for (const item of published) {
        const changed = MUTABLE.includes(item.kind) ||
            (item.kind === 'signature' && !immutable.has(item.path.replace(/\.(asc|sig)$/, '')));
        if (changed)
            paths.add(cdnPath(store, item.path));
    }
    return [...paths].sort();
}
/** The path the CDN serves a key under: the key in the bucket (with the store's prefix). */
function cdnPath(store, key) {
    const objectKey = store instanceof S3Store ? store.objectKey(key) : key;
    return `/${objectKey.split('/').map(encodeURIComponent).join('/')}`;
}
/**
 * CloudFront, through the SDK (loaded on first use); credentials from the AWS environment like the
 * s3 store's. `endpoint` is for tests only.
 */
function cloudFront(distributionId, options = {}) {
    let client;
    return {
        name: `CloudFront distribution ${distributionId}`,
        async invalidate(paths) {
            client ??= import('./dist-es-nWoQHfct.js').then((cf) => ({
                cf,
                client: new cf.CloudFrontClient({
                    region: 'us-east-1',
                    maxAttempts: 5,
                    ...(options.endpoint ? { endpoint: options.endpoint } : {})
                })
            }));
            const { cf, client: cloudfront } = await client;
            const out = await cloudfront.send(new cf.CreateInvalidationCommand({
                DistributionId: distributionId,
                InvalidationBatch: {
                    CallerReference: `falco-publish-${randomUUID()}`,
                    Paths: { Quantity: paths.length, Items: paths }
                }
            }));
            options.log?.debug(`CloudFront invalidation ${out.Invalidation?.Id}: ${paths.join(' ')}`);
            return out.Invalidation?.Id ?? '';
        }
    };
}

function getUserAgent() {
  if (typeof navigator === "object" && "userAgent" in navigator) {
    return navigator.userAgent;
  }

  if (typeof process === "object" && process.version !== undefined) {
    return `Node.js/${process.version.substr(1)} (${process.platform}; ${
      process.arch
    })`;
  }

  return "<environment undetectable>";
}

// @ts-check

function register(state, name, method, options) {
  if (typeof method !== "function") {
    throw new Error("method for before hook must be a function");
  }

  if (!options) {
    options = {};
  }

  if (Array.isArray(name)) {
    return name.reverse().reduce((callback, name) => {
      return register.bind(null, state, name, callback, options);
    }, method)();
  }

  return Promise.resolve().then(() => {
    if (!state.registry[name]) {
      return method(options);
    }

    return state.registry[name].reduce((method, registered) => {
      return registered.hook.bind(null, method, options);
    }, method)();
  });
}

// @ts-check

function addHook(state, kind, name, hook) {
  const orig = hook;
  if (!state.registry[name]) {
    state.registry[name] = [];
  }

  if (kind === "before") {
    hook = (method, options) => {
      return Promise.resolve()
        .then(orig.bind(null, options))
        .then(method.bind(null, options));
    };
  }

  if (kind === "after") {
    hook = (method, options) => {
      let result;
      return Promise.resolve()
        .then(method.bind(null, options))
        .then((result_) => {
          result = result_;
          return orig(result, options);
        })
        .then(() => {
          return result;
        });
    };
  }

  if (kind === "error") {
    hook = (method, options) => {
      return Promise.resolve()
        .then(method.bind(null, options))
        .catch((error) => {
          return orig(error, options);
        });
    };
  }

  state.registry[name].push({
    hook: hook,
    orig: orig,
  });
}

// @ts-check

function removeHook(state, name, method) {
  if (!state.registry[name]) {
    return;
  }

  const index = state.registry[name]
    .map((registered) => {
      return registered.orig;
    })
    .indexOf(method);

  if (index === -1) {
    return;
  }

  state.registry[name].splice(index, 1);
}

// @ts-check


// bind with array of arguments: https://stackoverflow.com/a/21792913
const bind = Function.bind;
const bindable = bind.bind(bind);

function bindApi(hook, state, name) {
  const removeHookRef = bindable(removeHook, null).apply(
    null,
    [state]
  );
  hook.api = { remove: removeHookRef };
  hook.remove = removeHookRef;
  ["before", "error", "after", "wrap"].forEach((kind) => {
    const args = [state, kind];
    hook[kind] = hook.api[kind] = bindable(addHook, null).apply(null, args);
  });
}

function Collection() {
  const state = {
    registry: {},
  };

  const hook = register.bind(null, state);
  bindApi(hook, state);

  return hook;
}

var Hook = { Collection };

// pkg/dist-src/defaults.js

// pkg/dist-src/version.js
var VERSION$7 = "0.0.0-development";

// pkg/dist-src/defaults.js
var userAgent = `octokit-endpoint.js/${VERSION$7} ${getUserAgent()}`;
var DEFAULTS = {
  method: "GET",
  baseUrl: "https://api.github.com",
  headers: {
    accept: "application/vnd.github.v3+json",
    "user-agent": userAgent
  },
  mediaType: {
    format: ""
  }
};

// pkg/dist-src/util/lowercase-keys.js
function lowercaseKeys(object) {
  if (!object) {
    return {};
  }
  return Object.keys(object).reduce((newObj, key) => {
    newObj[key.toLowerCase()] = object[key];
    return newObj;
  }, {});
}

// pkg/dist-src/util/is-plain-object.js
function isPlainObject$1(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}

// pkg/dist-src/util/merge-deep.js
function mergeDeep(defaults, options) {
  const result = Object.assign({}, defaults);
  Object.keys(options).forEach((key) => {
    if (isPlainObject$1(options[key])) {
      if (!(key in defaults)) Object.assign(result, { [key]: options[key] });
      else result[key] = mergeDeep(defaults[key], options[key]);
    } else {
      Object.assign(result, { [key]: options[key] });
    }
  });
  return result;
}

// pkg/dist-src/util/remove-undefined-properties.js
function removeUndefinedProperties(obj) {
  for (const key in obj) {
    if (obj[key] === void 0) {
      delete obj[key];
    }
  }
  return obj;
}

// pkg/dist-src/merge.js
function merge(defaults, route, options) {
  if (typeof route === "string") {
    let [method, url] = route.split(" ");
    options = Object.assign(url ? { method, url } : { url: method }, options);
  } else {
    options = Object.assign({}, route);
  }
  options.headers = lowercaseKeys(options.headers);
  removeUndefinedProperties(options);
  removeUndefinedProperties(options.headers);
  const mergedOptions = mergeDeep(defaults || {}, options);
  if (options.url === "/graphql") {
    if (defaults && defaults.mediaType.previews?.length) {
      mergedOptions.mediaType.previews = defaults.mediaType.previews.filter(
        (preview) => !mergedOptions.mediaType.previews.includes(preview)
      ).concat(mergedOptions.mediaType.previews);
    }
    mergedOptions.mediaType.previews = (mergedOptions.mediaType.previews || []).map((preview) => preview.replace(/-preview/, ""));
  }
  return mergedOptions;
}

// pkg/dist-src/util/add-query-parameters.js
function addQueryParameters(url, parameters) {
  const separator = /\?/.test(url) ? "&" : "?";
  const names = Object.keys(parameters);
  if (names.length === 0) {
    return url;
  }
  return url + separator + names.map((name) => {
    if (name === "q") {
      return "q=" + parameters.q.split("+").map(encodeURIComponent).join("+");
    }
    return `${name}=${encodeURIComponent(parameters[name])}`;
  }).join("&");
}

// pkg/dist-src/util/extract-url-variable-names.js
var urlVariableRegex = /\{[^{}}]+\}/g;
function removeNonChars(variableName) {
  return variableName.replace(/(?:^\W+)|(?:(?<!\W)\W+$)/g, "").split(/,/);
}
function extractUrlVariableNames(url) {
  const matches = url.match(urlVariableRegex);
  if (!matches) {
    return [];
  }
  return matches.map(removeNonChars).reduce((a, b) => a.concat(b), []);
}

// pkg/dist-src/util/omit.js
function omit(object, keysToOmit) {
  const result = { __proto__: null };
  for (const key of Object.keys(object)) {
    if (keysToOmit.indexOf(key) === -1) {
      result[key] = object[key];
    }
  }
  return result;
}

// pkg/dist-src/util/url-template.js
function encodeReserved(str) {
  return str.split(/(%[0-9A-Fa-f]{2})/g).map(function(part) {
    if (!/%[0-9A-Fa-f]/.test(part)) {
      part = encodeURI(part).replace(/%5B/g, "[").replace(/%5D/g, "]");
    }
    return part;
  }).join("");
}
function encodeUnreserved(str) {
  return encodeURIComponent(str).replace(/[!'()*]/g, function(c) {
    return "%" + c.charCodeAt(0).toString(16).toUpperCase();
  });
}
function encodeValue(operator, value, key) {
  value = operator === "+" || operator === "#" ? encodeReserved(value) : encodeUnreserved(value);
  if (key) {
    return encodeUnreserved(key) + "=" + value;
  } else {
    return value;
  }
}
function isDefined(value) {
  return value !== void 0 && value !== null;
}
function isKeyOperator(operator) {
  return operator === ";" || operator === "&" || operator === "?";
}
function getValues(context, operator, key, modifier) {
  var value = context[key], result = [];
  if (isDefined(value) && value !== "") {
    if (typeof value === "string" || typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
      value = value.toString();
      if (modifier && modifier !== "*") {
        value = value.substring(0, parseInt(modifier, 10));
      }
      result.push(
        encodeValue(operator, value, isKeyOperator(operator) ? key : "")
      );
    } else {
      if (modifier === "*") {
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            result.push(
              encodeValue(operator, value2, isKeyOperator(operator) ? key : "")
            );
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              result.push(encodeValue(operator, value[k], k));
            }
          });
        }
      } else {
        const tmp = [];
        if (Array.isArray(value)) {
          value.filter(isDefined).forEach(function(value2) {
            tmp.push(encodeValue(operator, value2));
          });
        } else {
          Object.keys(value).forEach(function(k) {
            if (isDefined(value[k])) {
              tmp.push(encodeUnreserved(k));
              tmp.push(encodeValue(operator, value[k].toString()));
            }
          });
        }
        if (isKeyOperator(operator)) {
          result.push(encodeUnreserved(key) + "=" + tmp.join(","));
        } else if (tmp.length !== 0) {
          result.push(tmp.join(","));
        }
      }
    }
  } else {
    if (operator === ";") {
      if (isDefined(value)) {
        result.push(encodeUnreserved(key));
      }
    } else if (value === "" && (operator === "&" || operator === "?")) {
      result.push(encodeUnreserved(key) + "=");
    } else if (value === "") {
      result.push("");
    }
  }
  return result;
}
function parseUrl(template) {
  return {
    expand: expand.bind(null, template)
  };
}
function expand(template, context) {
  var operators = ["+", "#", ".", "/", ";", "?", "&"];
  template = template.replace(
    /\{([^\{\}]+)\}|([^\{\}]+)/g,
    function(_, expression, literal) {
      if (expression) {
        let operator = "";
        const values = [];
        if (operators.indexOf(expression.charAt(0)) !== -1) {
          operator = expression.charAt(0);
          expression = expression.substr(1);
        }
        expression.split(/,/g).forEach(function(variable) {
          var tmp = /([^:\*]*)(?::(\d+)|(\*))?/.exec(variable);
          values.push(getValues(context, operator, tmp[1], tmp[2] || tmp[3]));
        });
        if (operator && operator !== "+") {
          var separator = ",";
          if (operator === "?") {
            separator = "&";
          } else if (operator !== "#") {
            separator = operator;
          }
          return (values.length !== 0 ? operator : "") + values.join(separator);
        } else {
          return values.join(",");
        }
      } else {
        return encodeReserved(literal);
      }
    }
  );
  if (template === "/") {
    return template;
  } else {
    return template.replace(/\/$/, "");
  }
}

// pkg/dist-src/parse.js
function parse$1(options) {
  let method = options.method.toUpperCase();
  let url = (options.url || "/").replace(/:([a-z]\w+)/g, "{$1}");
  let headers = Object.assign({}, options.headers);
  let body;
  let parameters = omit(options, [
    "method",
    "baseUrl",
    "url",
    "headers",
    "request",
    "mediaType"
  ]);
  const urlVariableNames = extractUrlVariableNames(url);
  url = parseUrl(url).expand(parameters);
  if (!/^http/.test(url)) {
    url = options.baseUrl + url;
  }
  const omittedParameters = Object.keys(options).filter((option) => urlVariableNames.includes(option)).concat("baseUrl");
  const remainingParameters = omit(parameters, omittedParameters);
  const isBinaryRequest = /application\/octet-stream/i.test(headers.accept);
  if (!isBinaryRequest) {
    if (options.mediaType.format) {
      headers.accept = headers.accept.split(/,/).map(
        (format) => format.replace(
          /application\/vnd(\.\w+)(\.v3)?(\.\w+)?(\+json)?$/,
          `application/vnd$1$2.${options.mediaType.format}`
        )
      ).join(",");
    }
    if (url.endsWith("/graphql")) {
      if (options.mediaType.previews?.length) {
        const previewsFromAcceptHeader = headers.accept.match(/(?<![\w-])[\w-]+(?=-preview)/g) || [];
        headers.accept = previewsFromAcceptHeader.concat(options.mediaType.previews).map((preview) => {
          const format = options.mediaType.format ? `.${options.mediaType.format}` : "+json";
          return `application/vnd.github.${preview}-preview${format}`;
        }).join(",");
      }
    }
  }
  if (["GET", "HEAD"].includes(method)) {
    url = addQueryParameters(url, remainingParameters);
  } else {
    if ("data" in remainingParameters) {
      body = remainingParameters.data;
    } else {
      if (Object.keys(remainingParameters).length) {
        body = remainingParameters;
      }
    }
  }
  if (!headers["content-type"] && typeof body !== "undefined") {
    headers["content-type"] = "application/json; charset=utf-8";
  }
  if (["PATCH", "PUT"].includes(method) && typeof body === "undefined") {
    body = "";
  }
  return Object.assign(
    { method, url, headers },
    typeof body !== "undefined" ? { body } : null,
    options.request ? { request: options.request } : null
  );
}

// pkg/dist-src/endpoint-with-defaults.js
function endpointWithDefaults(defaults, route, options) {
  return parse$1(merge(defaults, route, options));
}

// pkg/dist-src/with-defaults.js
function withDefaults$2(oldDefaults, newDefaults) {
  const DEFAULTS2 = merge(oldDefaults, newDefaults);
  const endpoint2 = endpointWithDefaults.bind(null, DEFAULTS2);
  return Object.assign(endpoint2, {
    DEFAULTS: DEFAULTS2,
    defaults: withDefaults$2.bind(null, DEFAULTS2),
    merge: merge.bind(null, DEFAULTS2),
    parse: parse$1
  });
}

// pkg/dist-src/index.js
var endpoint = withDefaults$2(null, DEFAULTS);

/*!
 * content-type
 * Copyright(c) 2015 Douglas Christopher Wilson
 * MIT Licensed
 */
const SP = 32; // " "
const HTAB = 9; // "\t"
const SEMI = 59; // ";"
const EQ = 61; // "="
const DQUOTE = 34; // '"'
const BSLASH = 92; // "\\"
const COMMA = 44; // ","
const LOWER_CASE = 1;
const OWS = 2;
const SEMI_FLAG = 4;
const COMMA_FLAG = 8;
const TOKEN_FLAG = 16;
const NON_ASCII = 0xff00;
const CASE_FLAGS = LOWER_CASE | NON_ASCII;
/**
 * Character flags used to normalize HTTP field values while scanning.
 * Out-of-range reads intentionally coerce to zero in bitwise expressions.
 */
const CHAR_MAP = new Uint8Array(0x100);
CHAR_MAP[HTAB] |= OWS;
CHAR_MAP[SP] |= OWS;
CHAR_MAP[SEMI] |= SEMI_FLAG;
CHAR_MAP[COMMA] |= COMMA_FLAG;
for (let code = 0x80 /* non-ASCII */; code <= 0xff; code++) {
    CHAR_MAP[code] |= LOWER_CASE;
}
for (const char of "!#$%&'*+-.^_`|~") {
    CHAR_MAP[char.charCodeAt(0)] |= TOKEN_FLAG;
}
for (let code = 0x30 /* 0 */; code <= 0x39 /* 9 */; code++) {
    CHAR_MAP[code] |= TOKEN_FLAG;
}
for (let code = 0x41 /* A */; code <= 0x5a /* Z */; code++) {
    CHAR_MAP[code] |= LOWER_CASE | TOKEN_FLAG;
}
for (let code = 0x61 /* a */; code <= 0x7a /* z */; code++) {
    CHAR_MAP[code] |= TOKEN_FLAG;
}
/**
 * Null object perf optimization. Faster than `Object.create(null)` and `{ __proto__: null }`.
 */
const NullObject = /* @__PURE__ */ (() => {
    const C = function () { };
    C.prototype = Object.create(null);
    return C;
})();
/**
 * Parse a `Content-Type` header.
 */
function parse(header, options) {
    const stopFlags = SEMI_FLAG | (0);
    const len = header.length;
    let valueStart = 0;
    while ((CHAR_MAP[header.charCodeAt(valueStart)] & OWS) !== 0) {
        valueStart++;
    }
    let index = valueStart;
    let typeFlags = 0;
    let whitespace = -1;
    let stop = 0;
    while (index < len) {
        const code = header.charCodeAt(index);
        const flags = CHAR_MAP[code];
        if ((flags & stopFlags) !== 0) {
            stop |= flags & COMMA_FLAG;
            break;
        }
        if ((flags & OWS) !== 0) {
            if (whitespace === -1)
                whitespace = index;
        }
        else {
            whitespace = -1;
        }
        typeFlags |= (code & NON_ASCII) | flags;
        index++;
    }
    const valueEnd = whitespace === -1 ? index : whitespace;
    const value = header.slice(valueStart, valueEnd);
    const type = (typeFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
    if (index === len || stop !== 0) {
        return { type, index, parameters: new NullObject() };
    }
    return parseParameters(header, type, index, len, stopFlags);
}
/**
 * Parses the parameters of a `Content-Type` header starting at the given index.
 */
function parseParameters(header, type, index, len, stopFlags) {
    const parameters = new NullObject();
    parameter: while (index < len) {
        index++; // Skip over ;
        while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
            index++;
        }
        const keyStart = index;
        let keyFlags = 0;
        let keyWhitespace = -1;
        while (index < len) {
            const code = header.charCodeAt(index);
            const flags = CHAR_MAP[code];
            if ((flags & stopFlags) !== 0) {
                if ((flags & COMMA_FLAG) !== 0)
                    break parameter;
                continue parameter;
            }
            if (code === EQ) {
                const keyEnd = keyWhitespace === -1 ? index : keyWhitespace;
                const value = header.slice(keyStart, keyEnd);
                const key = (keyFlags & CASE_FLAGS) === 0 ? value : value.toLowerCase();
                index++;
                while ((CHAR_MAP[header.charCodeAt(index)] & OWS) !== 0) {
                    index++;
                }
                if (index < len && header.charCodeAt(index) === DQUOTE) {
                    const quotedStart = ++index;
                    let escaped = false;
                    while (index < len) {
                        const code = header.charCodeAt(index);
                        if (code === DQUOTE) {
                            if (parameters[key] === undefined) {
                                parameters[key] = escaped
                                    ? unescapeQuotedPairs(header, quotedStart, index)
                                    : header.slice(quotedStart, index);
                            }
                            index++;
                            let stop = 0;
                            // Discard characters between quote and delimiter.
                            while (index < len) {
                                const code = header.charCodeAt(index);
                                const flags = CHAR_MAP[code];
                                if ((flags & stopFlags) !== 0) {
                                    stop = flags & COMMA_FLAG;
                                    break;
                                }
                                index++;
                            }
                            if (stop !== 0)
                                break parameter;
                            continue parameter;
                        }
                        if (code === BSLASH && index + 1 < len) {
                            escaped = true;
                            index += 2;
                            continue;
                        }
                        index++;
                    }
                    continue parameter;
                }
                const valueStart = index;
                let stop = 0;
                let valueWhitespace = -1;
                while (index < len) {
                    const code = header.charCodeAt(index);
                    const flags = CHAR_MAP[code];
                    if ((flags & stopFlags) !== 0) {
                        stop = flags & COMMA_FLAG;
                        break;
                    }
                    if ((flags & OWS) !== 0) {
                        if (valueWhitespace === -1)
                            valueWhitespace = index;
                    }
                    else {
                        valueWhitespace = -1;
                    }
                    index++;
                }
                if (parameters[key] === undefined) {
                    const valueEnd = valueWhitespace === -1 ? index : valueWhitespace;
                    parameters[key] = header.slice(valueStart, valueEnd);
                }
                if (stop !== 0)
                    break parameter;
                continue parameter;
            }
            if ((flags & OWS) !== 0) {
                if (keyWhitespace === -1)
                    keyWhitespace = index;
            }
            else {
                keyWhitespace = -1;
            }
            keyFlags |= (code & NON_ASCII) | flags;
            index++;
        }
    }
    return { type, index, parameters };
}
/**
 * Remove backslashes from quoted pairs in a known-terminated quoted string body.
 */
function unescapeQuotedPairs(str, start, end) {
    let result = "";
    for (let index = start; index < end; index++) {
        if (str.charCodeAt(index) === BSLASH) {
            result += str.slice(start, index);
            start = ++index;
        }
    }
    return result + str.slice(start, end);
}

const intRegex = /^-?\d+$/;
const noiseValue = /^-?\d+n+$/; // Noise - strings that match the custom format before being converted to it
const originalStringify = JSON.stringify;
const originalParse = JSON.parse;
const customFormat = /^-?\d+n$/;

const bigIntsStringify = /([\[:])?"(-?\d+)n"($|\s*[,\}\]])/g;
const noiseStringify = /([\[:])?("-?\d+n+)n("$|"\s*[,\}\]])/g;

/**
 * @typedef {(this: any, key: string | number | undefined, value: any) => any} Replacer
 * @typedef {(key: string | number | undefined, value: any, context?: { source: string }) => any} Reviver
 */

/**
 * Checks if a value is unstringifiable according to native JSON.stringify rules.
 *
 * @param {any} val The value to check.
 * @returns {boolean} True if the value is undefined, a function, or a symbol.
 */
const isUnstringifiable = (val) =>
  val === undefined || typeof val === "function" || typeof val === "symbol";

/**
 * Checks if a value is a native JSON.rawJSON object (Node.js 22+).
 *
 * @param {any} val The value to check.
 * @returns {boolean} True if the value is a RawJSON instance.
 */
const isRawJSON = (val) =>
  val !== null &&
  typeof val === "object" &&
  val.constructor &&
  val.constructor.name === "RawJSON";

/**
 * Iteratively converts a JS value to a JSON string.
 * Used as a fallback when the native JSON.stringify hits the Maximum Call Stack size.
 * Fully compliant with JSON formatting (space), replacers, and toJSON behaviors.
 *
 * @param {any} rootValue The value to stringify.
 * @param {Replacer | Array<string | number> | null} [replacer] User's custom replacer function.
 * @param {string | number} [spaceParam] Indentation for pretty-printing.
 * @returns {string | undefined} The generated JSON string.
 */
const stringifyIteratively = (rootValue, replacer, spaceParam) => {
  let space = "";
  const propertyList = Array.isArray(replacer)
    ? new Set(replacer.map(String))
    : null;

  /**
   * Prepares a value for stringification by resolving toJSON, handling BigInts,
   * applying custom replacers, and unwrapping primitive objects.
   *
   * @param {object|Array} parent The parent object or array holding the value.
   * @param {string} key The key associated with the value.
   * @param {any} val The raw value to process.
   * @returns {any} The processed value ready for stringification.
   */
  const prepareVal = (parent, key, val) => {
    const isObject = val !== null && typeof val === "object";
    const hasToJSON = isObject && typeof val.toJSON === "function";

    if (hasToJSON) {
      val = val.toJSON(key);
    }

    const isNoise = typeof val === "string" && noiseValue.test(val);

    if (isNoise) return val + "n";

    const isBigInt = typeof val === "bigint";

    if (isBigInt) {
      const supportsRawJSON = "rawJSON" in JSON;

      if (supportsRawJSON) return JSON.rawJSON(val.toString());

      return val.toString() + "n";
    }

    const isPostReplacerObject = val !== null && typeof val === "object";

    if (isPostReplacerObject) {
      const isPrimitiveWrapper =
        val instanceof Number ||
        val instanceof String ||
        val instanceof Boolean;

      if (isPrimitiveWrapper) {
        val = val.valueOf();
      }
    }

    return val;
  };

  const rootProcessed = prepareVal({ }, "", rootValue);

  if (isUnstringifiable(rootProcessed)) {
    return undefined;
  }

  const isRootPrimitive =
    rootProcessed === null || typeof rootProcessed !== "object";
  const isRootNativeRawJSON = isRawJSON(rootProcessed);

  if (isRootPrimitive || isRootNativeRawJSON) {
    return originalStringify(rootProcessed);
  }

  const chunks = [];

  const stack = [
    {
      parent: { "": rootProcessed },
      key: "",
      val: rootProcessed,
      isArray: Array.isArray(rootProcessed),
      keys: Array.isArray(rootProcessed) ? null : Object.keys(rootProcessed),
      index: 0,
      first: true,
    },
  ];

  const visited = new WeakSet([rootProcessed]);

  while (stack.length > 0) {
    const node = stack[stack.length - 1];

    if (node.index === 0) {
      chunks.push(node.isArray ? "[" : "{");
    }

    let isDone = false;

    if (node.isArray) {
      if (node.index < node.val.length) {
        if (!node.first) chunks.push(",");

        const childRaw = node.val[node.index];
        const childVal = prepareVal(node.val, String(node.index), childRaw);

        if (isUnstringifiable(childVal)) {
          chunks.push("null");
          node.first = false;
          node.index++;
        } else {
          const isComplexObject =
            childVal !== null && typeof childVal === "object";
          const isNativeRaw = isRawJSON(childVal);

          if (isComplexObject && !isNativeRaw) {
            if (visited.has(childVal)) {
              throw new TypeError("Converting circular structure to JSON");
            }

            visited.add(childVal);

            stack.push({
              parent: node.val,
              key: String(node.index),
              val: childVal,
              isArray: Array.isArray(childVal),
              keys: Array.isArray(childVal) ? null : Object.keys(childVal),
              index: 0,
              first: true,
            });

            node.first = false;
            node.index++;
          } else {
            chunks.push(originalStringify(childVal));
            node.first = false;
            node.index++;
          }
        }
      } else {
        isDone = true;
      }
    } else {
      while (node.index < node.keys.length) {
        const k = node.keys[node.index++];

        const isFilteredOutByArray = propertyList && !propertyList.has(k);

        if (isFilteredOutByArray) continue;

        const childRaw = node.val[k];
        const childVal = prepareVal(node.val, k, childRaw);

        if (isUnstringifiable(childVal)) continue;

        if (!node.first) chunks.push(",");

        {
          chunks.push(originalStringify(k) + ":");
        }

        const isComplexObject =
          childVal !== null && typeof childVal === "object";
        const isNativeRaw = isRawJSON(childVal);

        if (isComplexObject && !isNativeRaw) {
          if (visited.has(childVal)) {
            throw new TypeError("Converting circular structure to JSON");
          }

          visited.add(childVal);

          stack.push({
            parent: node.val,
            key: k,
            val: childVal,
            isArray: Array.isArray(childVal),
            keys: Array.isArray(childVal) ? null : Object.keys(childVal),
            index: 0,
            first: true,
          });

          node.first = false;

          break; // Stop current loop level to process the newly pushed stack node
        } else {
          chunks.push(originalStringify(childVal));
          node.first = false;
        }
      }

      const isNodeFullyProcessed =
        node.index >= node.keys.length && stack[stack.length - 1] === node;

      if (isNodeFullyProcessed) {
        isDone = true;
      }
    }

    if (isDone) {

      if (!node.first && space) ;

      chunks.push(node.isArray ? "]" : "}");
      visited.delete(node.val);
      stack.pop();
    }
  }

  return chunks.join("");
};

/**
 * Converts a JavaScript value to a JSON string.
 *
 * Supports serialization of BigInt values using two strategies:
 * 1. Custom format "123n" → "123" (universal fallback)
 * 2. Native JSON.rawJSON() (Node.js 22+, fastest) when available
 *
 * All other values are serialized exactly like native JSON.stringify().
 *
 * @param {*} value The value to convert to a JSON string.
 * @param {Replacer | Array<string | number> | null} [replacer]
 * A function that alters the behavior of the stringification process,
 * or an array of strings/numbers to indicate properties to exclude.
 * @param {string | number} [space]
 * A string or number to specify indentation or pretty-printing.
 * @returns {string} The JSON string representation.
 */
const JSONStringify = (value, replacer, space) => {
  try {
    const supportsRawJSON = "rawJSON" in JSON;

    if (supportsRawJSON) {
      return originalStringify(
        value,
        (key, val) => {
          if (typeof val === "bigint") return JSON.rawJSON(val.toString());

          const hasFunctionReplacer = typeof replacer === "function";

          if (hasFunctionReplacer) ;

          const isKeyInArrayReplacer =
            Array.isArray(replacer) && replacer.includes(key);

          if (isKeyInArrayReplacer) return val;

          return val;
        },
        space,
      );
    }

    if (!value) return originalStringify(value, replacer, space);

    const convertedToCustomJSON = originalStringify(
      value,
      (key, val) => {
        const isNoise = typeof val === "string" && noiseValue.test(val);

        if (isNoise) return val.toString() + "n"; // Mark noise values with additional "n" to offset the deletion of one "n" during the processing

        if (typeof val === "bigint") return val.toString() + "n";

        const hasFunctionReplacer = typeof replacer === "function";

        if (hasFunctionReplacer) ;

        const isKeyInArrayReplacer =
          Array.isArray(replacer) && replacer.includes(key);

        if (isKeyInArrayReplacer) return val;

        return val;
      },
      space,
    );

    const processedJSON = convertedToCustomJSON.replace(
      bigIntsStringify,
      "$1$2$3",
    ); // Delete one "n" off the end of every BigInt value

    const denoisedJSON = processedJSON.replace(noiseStringify, "$1$2$3"); // Remove one "n" off the end of every noisy string

    return denoisedJSON;
  } catch (error) {
    if (error instanceof RangeError) {
      const convertedJSON = stringifyIteratively(value, replacer);

      if (convertedJSON === undefined) return undefined;

      const supportsRawJSON = "rawJSON" in JSON;

      if (supportsRawJSON) return convertedJSON;

      const processedJSON = convertedJSON.replace(bigIntsStringify, "$1$2$3");

      return processedJSON.replace(noiseStringify, "$1$2$3");
    }

    throw error;
  }
};

const featureCache = new Map();

/**
 * Detects if the current JSON.parse implementation supports the context.source feature.
 *
 * Uses toString() fingerprinting to cache results and automatically detect runtime
 * replacements of JSON.parse (polyfills, mocks, etc.).
 *
 * @returns {boolean} true if context.source is supported, false otherwise.
 */
const isContextSourceSupported = () => {
  const parseFingerprint = JSON.parse.toString();

  if (featureCache.has(parseFingerprint)) {
    return featureCache.get(parseFingerprint);
  }

  try {
    const result = JSON.parse(
      "1",
      (_, __, context) => !!context?.source && context.source === "1",
    );
    featureCache.set(parseFingerprint, result);

    return result;
  } catch {
    featureCache.set(parseFingerprint, false);

    return false;
  }
};

/**
 * Reviver function that converts custom-format BigInt strings back to BigInt values.
 * Also handles "noise" strings that accidentally match the BigInt format.
 *
 * @param {string | number | undefined} key The object key.
 * @param {*} value The value being parsed.
 * @param {object} [context] Parse context (if supported by JSON.parse).
 * @param {Reviver} [userReviver] User's custom reviver function.
 * @returns {any} The transformed value.
 */
const convertMarkedBigIntsReviver = (key, value, context, userReviver) => {
  const isCustomFormatBigInt =
    typeof value === "string" && customFormat.test(value);

  if (isCustomFormatBigInt) return BigInt(value.slice(0, -1));

  const isNoiseValue = typeof value === "string" && noiseValue.test(value);
  if (isNoiseValue) return value.slice(0, -1);

  return value;
};

/**
 * Fast JSON.parse implementation (~2x faster than classic fallback).
 * Uses JSON.parse's context.source feature to detect integers and convert
 * large numbers directly to BigInt without string manipulation.
 *
 * Does not support legacy custom format from v1 of this library.
 *
 * @param {string} text JSON string to parse.
 * @param {Reviver} [reviver] Transform function to apply to each value.
 * @returns {any} Parsed JavaScript value.
 */
const JSONParseV2 = (text, reviver) => {
  return JSON.parse(text, (key, value, context) => {
    const isNumber = typeof value === "number";
    const isOutOfBounds =
      value > Number.MAX_SAFE_INTEGER || value < Number.MIN_SAFE_INTEGER;
    const isBigNumber = isNumber && isOutOfBounds;
    const isInt = context && intRegex.test(context.source);
    const isBigInt = isBigNumber && isInt;

    if (isBigInt) return BigInt(context.source);

    return value;
  });
};

const MAX_INT = Number.MAX_SAFE_INTEGER.toString();
const MAX_DIGITS = MAX_INT.length;
const stringsOrLargeNumbers =
  /"(?:[^"\\]|\\.)*"|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/g;
const noiseValueWithQuotes = /^"-?\d+n+"$/; // Noise - strings that match the custom format before being converted to it

/**
 * Iteratively traverses the parsed object bottom-up (post-order),
 * emulating the native JSON.parse reviver behavior.
 * This avoids Call Stack overflows (RangeError) on deeply nested structures.
 *
 * @param {any} parsed The natively parsed JSON object.
 * @param {Reviver} [userReviver] User's custom reviver function.
 * @returns {any} The fully processed object.
 */
const applyReviverIteratively = (parsed, userReviver) => {
  const rootHolder = { "": parsed };
  const stack = [{ parent: rootHolder, key: "", visited: false }];

  while (stack.length > 0) {
    const node = stack[stack.length - 1];

    if (!node.visited) {
      node.visited = true;

      const value = node.parent[node.key];
      const isComplexObject = value !== null && typeof value === "object";

      if (isComplexObject) {
        const keys = Object.keys(value);

        for (let i = keys.length - 1; i >= 0; i--) {
          stack.push({ parent: value, key: keys[i], visited: false });
        }
      }
    } else {
      const { parent, key } = node;
      let value = parent[key];

      if (typeof value === "string") {
        const isCustomFormatBigInt = customFormat.test(value);

        if (isCustomFormatBigInt) {
          value = BigInt(value.slice(0, -1));
        } else {
          const isNoise = noiseValue.test(value);

          if (isNoise) value = value.slice(0, -1);
        }
      }

      const isDeleted = value === undefined;

      if (isDeleted) {
        delete parent[key];
      } else {
        parent[key] = value;
      }

      stack.pop();
    }
  }

  return rootHolder[""];
};

/**
 * Pre-processes the JSON string to mark large numbers with an 'n' suffix.
 *
 * @param {string} text The raw JSON string.
 * @returns {string} The serialized string with marked BigInts.
 */
const serializeBigInts = (text) => {
  return text.replace(
    stringsOrLargeNumbers,
    (match, digits, fractional, exponential) => {
      const isString = match[0] === '"';
      const isNoise = isString && noiseValueWithQuotes.test(match);

      if (isNoise) return match.substring(0, match.length - 1) + 'n"'; // Mark noise values with additional "n" to offset the deletion of one "n" during the processing

      const hasFractionalOrExponential = fractional || exponential;

      // With a fixed number of digits, we can correctly use lexicographical comparison to do a numeric comparison
      const isLessThanMaxSafeInt =
        digits &&
        (digits.length < MAX_DIGITS ||
          (digits.length === MAX_DIGITS && digits <= MAX_INT));

      const isStandardValue =
        isString || hasFractionalOrExponential || isLessThanMaxSafeInt;

      if (isStandardValue) return match;

      return '"' + match + 'n"';
    },
  );
};

/**
 * Converts a JSON string into a JavaScript value.
 *
 * Supports parsing of large integers using two strategies:
 * 1. Classic fallback: Marks large numbers with "123n" format, then converts to BigInt
 * 2. Fast path (JSONParseV2): Uses context.source feature (~2x faster) when available
 *
 * All other JSON values are parsed exactly like native JSON.parse().
 *
 * @param {string} text A valid JSON string.
 * @param {Reviver} [reviver]
 * A function that transforms the results. This function is called for each member
 * of the object. If a member contains nested objects, the nested objects are
 * transformed before the parent object is.
 * @returns {any} The parsed JavaScript value.
 * @throws {SyntaxError} If text is not valid JSON.
 */
const JSONParse = (text, reviver) => {
  if (!text) return originalParse(text, reviver);

  try {
    if (isContextSourceSupported()) return JSONParseV2(text, reviver); // Shortcut to a faster (2x) and simpler version

    // Find and mark big numbers with "n"
    const serializedData = serializeBigInts(text);

    return originalParse(serializedData, (key, value, context) =>
      convertMarkedBigIntsReviver(key, value, context, reviver),
    );
  } catch (error) {
    if (error instanceof RangeError) {
      const serializedData = serializeBigInts(text);
      const parsed = originalParse(serializedData);

      return applyReviverIteratively(parsed);
    }

    throw error;
  }
};

class RequestError extends Error {
  name;
  /**
   * http status code
   */
  status;
  /**
   * Request options that lead to the error.
   */
  request;
  /**
   * Response object if a response was received
   */
  response;
  constructor(message, statusCode, options) {
    super(message, { cause: options.cause });
    this.name = "HttpError";
    this.status = Number.parseInt(statusCode);
    if (Number.isNaN(this.status)) {
      this.status = 0;
    }
    /* v8 ignore else -- @preserve -- Bug with vitest coverage where it sees an else branch that doesn't exist */
    if ("response" in options) {
      this.response = options.response;
    }
    const requestCopy = Object.assign({}, options.request);
    if (options.request.headers.authorization) {
      requestCopy.headers = Object.assign({}, options.request.headers, {
        authorization: options.request.headers.authorization.replace(
          /(?<! ) .*$/,
          " [REDACTED]"
        )
      });
    }
    requestCopy.url = requestCopy.url.replace(/\bclient_secret=\w+/g, "client_secret=[REDACTED]").replace(/\baccess_token=\w+/g, "access_token=[REDACTED]");
    this.request = requestCopy;
  }
}

// pkg/dist-src/index.js

// pkg/dist-src/version.js
var VERSION$6 = "10.0.16";

// pkg/dist-src/defaults.js
var defaults_default = {
  headers: {
    "user-agent": `octokit-request.js/${VERSION$6} ${getUserAgent()}`
  }
};

// pkg/dist-src/is-plain-object.js
function isPlainObject(value) {
  if (typeof value !== "object" || value === null) return false;
  if (Object.prototype.toString.call(value) !== "[object Object]") return false;
  const proto = Object.getPrototypeOf(value);
  if (proto === null) return true;
  const Ctor = Object.prototype.hasOwnProperty.call(proto, "constructor") && proto.constructor;
  return typeof Ctor === "function" && Ctor instanceof Ctor && Function.prototype.call(Ctor) === Function.prototype.call(value);
}
var noop$1 = () => "";
async function fetchWrapper(requestOptions) {
  const fetch = requestOptions.request?.fetch || globalThis.fetch;
  if (!fetch) {
    throw new Error(
      "fetch is not set. Please pass a fetch implementation as new Octokit({ request: { fetch }}). Learn more at https://github.com/octokit/octokit.js/#fetch-missing"
    );
  }
  const log = requestOptions.request?.log || console;
  const parseSuccessResponseBody = requestOptions.request?.parseSuccessResponseBody !== false;
  const body = isPlainObject(requestOptions.body) || Array.isArray(requestOptions.body) ? JSONStringify(requestOptions.body) : requestOptions.body;
  const requestHeaders = Object.fromEntries(
    Object.entries(requestOptions.headers).map(([name, value]) => [
      name,
      String(value)
    ])
  );
  let fetchResponse;
  try {
    fetchResponse = await fetch(requestOptions.url, {
      method: requestOptions.method,
      body,
      redirect: requestOptions.request?.redirect,
      headers: requestHeaders,
      signal: requestOptions.request?.signal,
      // duplex must be set if request.body is ReadableStream or Async Iterables.
      // See https://fetch.spec.whatwg.org/#dom-requestinit-duplex.
      ...requestOptions.body && { duplex: "half" }
    });
  } catch (error) {
    let message = "Unknown Error";
    if (error instanceof Error) {
      if (error.name === "AbortError") {
        error.status = 500;
        throw error;
      }
      message = error.message;
      if (error.name === "TypeError" && "cause" in error) {
        if (error.cause instanceof Error) {
          message = error.cause.message;
        } else if (typeof error.cause === "string") {
          message = error.cause;
        }
      }
    }
    const requestError = new RequestError(message, 500, {
      request: requestOptions
    });
    requestError.cause = error;
    throw requestError;
  }
  const status = fetchResponse.status;
  const url = fetchResponse.url;
  const responseHeaders = {};
  for (const [key, value] of fetchResponse.headers) {
    responseHeaders[key] = value;
  }
  const octokitResponse = {
    url,
    status,
    headers: responseHeaders,
    data: ""
  };
  if ("deprecation" in responseHeaders) {
    const matches = responseHeaders.link && responseHeaders.link.match(/<([^<>]+)>; rel="deprecation"/);
    const deprecationLink = matches && matches.pop();
    log.warn(
      `[@octokit/request] "${requestOptions.method} ${requestOptions.url}" is deprecated. It is scheduled to be removed on ${responseHeaders.sunset}${deprecationLink ? `. See ${deprecationLink}` : ""}`
    );
  }
  if (status === 204 || status === 205) {
    return octokitResponse;
  }
  if (requestOptions.method === "HEAD") {
    if (status < 400) {
      return octokitResponse;
    }
    throw new RequestError(fetchResponse.statusText, status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status === 304) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError("Not modified", status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  if (status >= 400) {
    octokitResponse.data = await getResponseData(fetchResponse);
    throw new RequestError(toErrorMessage(octokitResponse.data), status, {
      response: octokitResponse,
      request: requestOptions
    });
  }
  octokitResponse.data = parseSuccessResponseBody ? await getResponseData(fetchResponse) : fetchResponse.body;
  return octokitResponse;
}
async function getResponseData(response) {
  const contentType = response.headers.get("content-type");
  if (!contentType) {
    return response.text().catch(noop$1);
  }
  const mimetype = parse(contentType);
  if (isJSONResponse(mimetype)) {
    let text = "";
    try {
      text = await response.text();
      return JSONParse(text);
    } catch (err) {
      return text;
    }
  } else if (mimetype.type.startsWith("text/") || // `application/octet-stream` is the canonical "arbitrary binary" type
  // (RFC 2046) and must never be decoded as text, even when the response
  // carries a (misleading) `charset=utf-8` parameter — see #751.
  mimetype.parameters.charset?.toLowerCase() === "utf-8" && mimetype.type !== "application/octet-stream") {
    return response.text().catch(noop$1);
  } else {
    return response.arrayBuffer().catch(
      /* v8 ignore next -- @preserve */
      () => new ArrayBuffer(0)
    );
  }
}
function isJSONResponse(mimetype) {
  return mimetype.type === "application/json" || mimetype.type === "application/scim+json";
}
function toErrorMessage(data) {
  if (typeof data === "string") {
    return data;
  }
  if (data instanceof ArrayBuffer) {
    return "Unknown error";
  }
  if (typeof data === "object" && data !== null && "message" in data) {
    const objectData = data;
    const suffix = "documentation_url" in objectData ? ` - ${objectData.documentation_url}` : "";
    return Array.isArray(objectData.errors) ? `${objectData.message}: ${objectData.errors.map((v) => JSON.stringify(v)).join(", ")}${suffix}` : `${objectData.message}${suffix}`;
  }
  return `Unknown error: ${JSON.stringify(data)}`;
}

// pkg/dist-src/with-defaults.js
function withDefaults$1(oldEndpoint, newDefaults) {
  const endpoint2 = oldEndpoint.defaults(newDefaults);
  const newApi = function(route, parameters) {
    const endpointOptions = endpoint2.merge(route, parameters);
    if (!endpointOptions.request || !endpointOptions.request.hook) {
      return fetchWrapper(endpoint2.parse(endpointOptions));
    }
    const request2 = (route2, parameters2) => {
      return fetchWrapper(
        endpoint2.parse(endpoint2.merge(route2, parameters2))
      );
    };
    Object.assign(request2, {
      endpoint: endpoint2,
      defaults: withDefaults$1.bind(null, endpoint2)
    });
    return endpointOptions.request.hook(request2, endpointOptions);
  };
  return Object.assign(newApi, {
    endpoint: endpoint2,
    defaults: withDefaults$1.bind(null, endpoint2)
  });
}

// pkg/dist-src/index.js
var request = withDefaults$1(endpoint, defaults_default);
/* v8 ignore next -- @preserve */
/* v8 ignore else -- @preserve */

// pkg/dist-src/index.js

// pkg/dist-src/version.js
var VERSION$5 = "0.0.0-development";

// pkg/dist-src/error.js
function _buildMessageForResponseErrors(data) {
  return `Request failed due to following response errors:
` + data.errors.map((e) => ` - ${e.message}`).join("\n");
}
var GraphqlResponseError = class extends Error {
  constructor(request2, headers, response) {
    super(_buildMessageForResponseErrors(response));
    this.request = request2;
    this.headers = headers;
    this.response = response;
    this.errors = response.errors;
    this.data = response.data;
    if (Error.captureStackTrace) {
      Error.captureStackTrace(this, this.constructor);
    }
  }
  request;
  headers;
  response;
  name = "GraphqlResponseError";
  errors;
  data;
};

// pkg/dist-src/graphql.js
var NON_VARIABLE_OPTIONS = [
  "method",
  "baseUrl",
  "url",
  "headers",
  "request",
  "query",
  "mediaType",
  "operationName"
];
var FORBIDDEN_VARIABLE_OPTIONS = ["query", "method", "url"];
var GHES_V3_SUFFIX_REGEX = /\/api\/v3\/?$/;
function graphql(request2, query, options) {
  if (options) {
    if (typeof query === "string" && "query" in options) {
      return Promise.reject(
        new Error(`[@octokit/graphql] "query" cannot be used as variable name`)
      );
    }
    for (const key in options) {
      if (!FORBIDDEN_VARIABLE_OPTIONS.includes(key)) continue;
      return Promise.reject(
        new Error(
          `[@octokit/graphql] "${key}" cannot be used as variable name`
        )
      );
    }
  }
  const parsedOptions = typeof query === "string" ? Object.assign({ query }, options) : query;
  const requestOptions = Object.keys(
    parsedOptions
  ).reduce((result, key) => {
    if (NON_VARIABLE_OPTIONS.includes(key)) {
      result[key] = parsedOptions[key];
      return result;
    }
    if (!result.variables) {
      result.variables = {};
    }
    result.variables[key] = parsedOptions[key];
    return result;
  }, {});
  const baseUrl = parsedOptions.baseUrl || request2.endpoint.DEFAULTS.baseUrl;
  if (GHES_V3_SUFFIX_REGEX.test(baseUrl)) {
    requestOptions.url = baseUrl.replace(GHES_V3_SUFFIX_REGEX, "/api/graphql");
  }
  return request2(requestOptions).then((response) => {
    if (response.data.errors) {
      const headers = {};
      for (const key of Object.keys(response.headers)) {
        headers[key] = response.headers[key];
      }
      throw new GraphqlResponseError(
        requestOptions,
        headers,
        response.data
      );
    }
    return response.data.data;
  });
}

// pkg/dist-src/with-defaults.js
function withDefaults(request2, newDefaults) {
  const newRequest = request2.defaults(newDefaults);
  const newApi = (query, options) => {
    return graphql(newRequest, query, options);
  };
  return Object.assign(newApi, {
    defaults: withDefaults.bind(null, newRequest),
    endpoint: newRequest.endpoint
  });
}

// pkg/dist-src/index.js
withDefaults(request, {
  headers: {
    "user-agent": `octokit-graphql.js/${VERSION$5} ${getUserAgent()}`
  },
  method: "POST",
  url: "/graphql"
});
function withCustomRequest(customRequest) {
  return withDefaults(customRequest, {
    method: "POST",
    url: "/graphql"
  });
}
/* v8 ignore if -- @preserve */

// pkg/dist-src/is-jwt.js
var b64url = "(?:[a-zA-Z0-9_-]+)";
var sep = "\\.";
var jwtRE = new RegExp(`^${b64url}${sep}${b64url}${sep}${b64url}$`);
var isJWT = jwtRE.test.bind(jwtRE);

// pkg/dist-src/auth.js
async function auth(token) {
  const isApp = isJWT(token);
  const isInstallation = token.startsWith("v1.") || token.startsWith("ghs_");
  const isUserToServer = token.startsWith("ghu_");
  const tokenType = isApp ? "app" : isInstallation ? "installation" : isUserToServer ? "user-to-server" : "oauth";
  return {
    type: "token",
    token,
    tokenType
  };
}

// pkg/dist-src/with-authorization-prefix.js
function withAuthorizationPrefix(token) {
  if (token.split(/\./).length === 3) {
    return `bearer ${token}`;
  }
  return `token ${token}`;
}

// pkg/dist-src/hook.js
async function hook(token, request, route, parameters) {
  const endpoint = request.endpoint.merge(
    route,
    parameters
  );
  endpoint.headers.authorization = withAuthorizationPrefix(token);
  return request(endpoint);
}

// pkg/dist-src/index.js
var createTokenAuth = function createTokenAuth2(token) {
  if (!token) {
    throw new Error("[@octokit/auth-token] No token passed to createTokenAuth");
  }
  if (typeof token !== "string") {
    throw new Error(
      "[@octokit/auth-token] Token passed to createTokenAuth is not a string"
    );
  }
  token = token.replace(/^(token|bearer) +/i, "");
  return Object.assign(auth.bind(null, token), {
    hook: hook.bind(null, token)
  });
};

const VERSION$4 = "7.0.8";

const noop = () => {
};
const consoleWarn = console.warn.bind(console);
const consoleError = console.error.bind(console);
function createLogger(logger = {}) {
  if (typeof logger.debug !== "function") {
    logger.debug = noop;
  }
  if (typeof logger.info !== "function") {
    logger.info = noop;
  }
  if (typeof logger.warn !== "function") {
    logger.warn = consoleWarn;
  }
  if (typeof logger.error !== "function") {
    logger.error = consoleError;
  }
  return logger;
}
const userAgentTrail = `octokit-core.js/${VERSION$4} ${getUserAgent()}`;
let Octokit$1 = class Octokit {
  static VERSION = VERSION$4;
  static defaults(defaults) {
    const OctokitWithDefaults = class extends this {
      constructor(...args) {
        const options = args[0] || {};
        if (typeof defaults === "function") {
          super(defaults(options));
          return;
        }
        super(
          Object.assign(
            {},
            defaults,
            options,
            options.userAgent && defaults.userAgent ? {
              userAgent: `${options.userAgent} ${defaults.userAgent}`
            } : null
          )
        );
      }
    };
    return OctokitWithDefaults;
  }
  static plugins = [];
  /**
   * Attach a plugin (or many) to your Octokit instance.
   *
   * @example
   * const API = Octokit.plugin(plugin1, plugin2, plugin3, ...)
   */
  static plugin(...newPlugins) {
    const currentPlugins = this.plugins;
    const NewOctokit = class extends this {
      static plugins = currentPlugins.concat(
        newPlugins.filter((plugin) => !currentPlugins.includes(plugin))
      );
    };
    return NewOctokit;
  }
  constructor(options = {}) {
    const hook = new Hook.Collection();
    const requestDefaults = {
      baseUrl: request.endpoint.DEFAULTS.baseUrl,
      headers: {},
      request: Object.assign({}, options.request, {
        // @ts-ignore internal usage only, no need to type
        hook: hook.bind(null, "request")
      }),
      mediaType: {
        previews: [],
        format: ""
      }
    };
    requestDefaults.headers["user-agent"] = options.userAgent ? `${options.userAgent} ${userAgentTrail}` : userAgentTrail;
    if (options.baseUrl) {
      requestDefaults.baseUrl = options.baseUrl;
    }
    if (options.previews) {
      requestDefaults.mediaType.previews = options.previews;
    }
    if (options.timeZone) {
      requestDefaults.headers["time-zone"] = options.timeZone;
    }
    this.request = request.defaults(requestDefaults);
    this.graphql = withCustomRequest(this.request).defaults(requestDefaults);
    this.log = createLogger(options.log);
    this.hook = hook;
    if (!options.authStrategy) {
      if (!options.auth) {
        this.auth = async () => ({
          type: "unauthenticated"
        });
      } else {
        const auth = createTokenAuth(options.auth);
        hook.wrap("request", auth.hook);
        this.auth = auth;
      }
    } else {
      const { authStrategy, ...otherOptions } = options;
      const auth = authStrategy(
        Object.assign(
          {
            request: this.request,
            log: this.log,
            // we pass the current octokit instance as well as its constructor options
            // to allow for authentication strategies that return a new octokit instance
            // that shares the same internal state as the current one. The original
            // requirement for this was the "event-octokit" authentication strategy
            // of https://github.com/probot/octokit-auth-probot.
            octokit: this,
            octokitOptions: otherOptions
          },
          options.auth
        )
      );
      hook.wrap("request", auth.hook);
      this.auth = auth;
    }
    const classConstructor = this.constructor;
    for (let i = 0; i < classConstructor.plugins.length; ++i) {
      Object.assign(this, classConstructor.plugins[i](this, options));
    }
  }
  // assigned during constructor
  request;
  graphql;
  log;
  hook;
  // TODO: type `octokit.auth` based on passed options.authStrategy
  auth;
};

const VERSION$3 = "6.0.0";

function requestLog(octokit) {
  octokit.hook.wrap("request", (request, options) => {
    octokit.log.debug("request", options);
    const start = Date.now();
    const requestOptions = octokit.request.endpoint.parse(options);
    const path = requestOptions.url.replace(options.baseUrl, "");
    return request(options).then((response) => {
      const requestId = response.headers["x-github-request-id"];
      octokit.log.info(
        `${requestOptions.method} ${path} - ${response.status} with id ${requestId} in ${Date.now() - start}ms`
      );
      return response;
    }).catch((error) => {
      const requestId = error.response?.headers["x-github-request-id"] || "UNKNOWN";
      octokit.log.error(
        `${requestOptions.method} ${path} - ${error.status} with id ${requestId} in ${Date.now() - start}ms`
      );
      throw error;
    });
  });
}
requestLog.VERSION = VERSION$3;

// pkg/dist-src/version.js
var VERSION$2 = "0.0.0-development";

// pkg/dist-src/normalize-paginated-list-response.js
function normalizePaginatedListResponse(response) {
  if (!response.data) {
    return {
      ...response,
      data: []
    };
  }
  const responseNeedsNormalization = ("total_count" in response.data || "total_commits" in response.data) && !("url" in response.data);
  if (!responseNeedsNormalization) return response;
  const incompleteResults = response.data.incomplete_results;
  const repositorySelection = response.data.repository_selection;
  const totalCount = response.data.total_count;
  const totalCommits = response.data.total_commits;
  delete response.data.incomplete_results;
  delete response.data.repository_selection;
  delete response.data.total_count;
  delete response.data.total_commits;
  const namespaceKey = Object.keys(response.data)[0];
  const data = response.data[namespaceKey];
  response.data = data;
  if (typeof incompleteResults !== "undefined") {
    response.data.incomplete_results = incompleteResults;
  }
  if (typeof repositorySelection !== "undefined") {
    response.data.repository_selection = repositorySelection;
  }
  response.data.total_count = totalCount;
  response.data.total_commits = totalCommits;
  return response;
}

// pkg/dist-src/iterator.js
function iterator(octokit, route, parameters) {
  const options = typeof route === "function" ? route.endpoint(parameters) : octokit.request.endpoint(route, parameters);
  const requestMethod = typeof route === "function" ? route : octokit.request;
  const method = options.method;
  const headers = options.headers;
  let url = options.url;
  return {
    [Symbol.asyncIterator]: () => ({
      async next() {
        if (!url) return { done: true };
        try {
          const response = await requestMethod({ method, url, headers });
          const normalizedResponse = normalizePaginatedListResponse(response);
          url = ((normalizedResponse.headers.link || "").match(
            /<([^<>]+)>;\s*rel="next"/
          ) || [])[1];
          if (!url && "total_commits" in normalizedResponse.data) {
            const parsedUrl = new URL(normalizedResponse.url);
            const params = parsedUrl.searchParams;
            const page = parseInt(params.get("page") || "1", 10);
            const per_page = parseInt(params.get("per_page") || "250", 10);
            if (page * per_page < normalizedResponse.data.total_commits) {
              params.set("page", String(page + 1));
              url = parsedUrl.toString();
            }
          }
          return { value: normalizedResponse };
        } catch (error) {
          if (error.status !== 409) throw error;
          url = "";
          return {
            value: {
              status: 200,
              headers: {},
              data: []
            }
          };
        }
      }
    })
  };
}

// pkg/dist-src/paginate.js
function paginate(octokit, route, parameters, mapFn) {
  if (typeof parameters === "function") {
    mapFn = parameters;
    parameters = void 0;
  }
  return gather(
    octokit,
    [],
    iterator(octokit, route, parameters)[Symbol.asyncIterator](),
    mapFn
  );
}
function gather(octokit, results, iterator2, mapFn) {
  return iterator2.next().then((result) => {
    if (result.done) {
      return results;
    }
    let earlyExit = false;
    function done() {
      earlyExit = true;
    }
    results = results.concat(
      mapFn ? mapFn(result.value, done) : result.value.data
    );
    if (earlyExit) {
      return results;
    }
    return gather(octokit, results, iterator2, mapFn);
  });
}

// pkg/dist-src/compose-paginate.js
Object.assign(paginate, {
  iterator
});

// pkg/dist-src/index.js
function paginateRest(octokit) {
  return {
    paginate: Object.assign(paginate.bind(null, octokit), {
      iterator: iterator.bind(null, octokit)
    })
  };
}
paginateRest.VERSION = VERSION$2;

const VERSION$1 = "17.0.0";

const Endpoints = {
  actions: {
    addCustomLabelsToSelfHostedRunnerForOrg: [
      "POST /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    addCustomLabelsToSelfHostedRunnerForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    addRepoAccessToSelfHostedRunnerGroupInOrg: [
      "PUT /orgs/{org}/actions/runner-groups/{runner_group_id}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgVariable: [
      "PUT /orgs/{org}/actions/variables/{name}/repositories/{repository_id}"
    ],
    approveWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/approve"
    ],
    cancelWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/cancel"
    ],
    createEnvironmentVariable: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/variables"
    ],
    createHostedRunnerForOrg: ["POST /orgs/{org}/actions/hosted-runners"],
    createOrUpdateEnvironmentSecret: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    createOrUpdateOrgSecret: ["PUT /orgs/{org}/actions/secrets/{secret_name}"],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/actions/secrets/{secret_name}"
    ],
    createOrgVariable: ["POST /orgs/{org}/actions/variables"],
    createRegistrationTokenForOrg: [
      "POST /orgs/{org}/actions/runners/registration-token"
    ],
    createRegistrationTokenForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/registration-token"
    ],
    createRemoveTokenForOrg: ["POST /orgs/{org}/actions/runners/remove-token"],
    createRemoveTokenForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/remove-token"
    ],
    createRepoVariable: ["POST /repos/{owner}/{repo}/actions/variables"],
    createWorkflowDispatch: [
      "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches"
    ],
    deleteActionsCacheById: [
      "DELETE /repos/{owner}/{repo}/actions/caches/{cache_id}"
    ],
    deleteActionsCacheByKey: [
      "DELETE /repos/{owner}/{repo}/actions/caches{?key,ref}"
    ],
    deleteArtifact: [
      "DELETE /repos/{owner}/{repo}/actions/artifacts/{artifact_id}"
    ],
    deleteCustomImageFromOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}"
    ],
    deleteCustomImageVersionFromOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}"
    ],
    deleteEnvironmentSecret: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    deleteEnvironmentVariable: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    deleteHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/actions/secrets/{secret_name}"],
    deleteOrgVariable: ["DELETE /orgs/{org}/actions/variables/{name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/actions/secrets/{secret_name}"
    ],
    deleteRepoVariable: [
      "DELETE /repos/{owner}/{repo}/actions/variables/{name}"
    ],
    deleteSelfHostedRunnerFromOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}"
    ],
    deleteSelfHostedRunnerFromRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}"
    ],
    deleteWorkflowRun: ["DELETE /repos/{owner}/{repo}/actions/runs/{run_id}"],
    deleteWorkflowRunLogs: [
      "DELETE /repos/{owner}/{repo}/actions/runs/{run_id}/logs"
    ],
    disableSelectedRepositoryGithubActionsOrganization: [
      "DELETE /orgs/{org}/actions/permissions/repositories/{repository_id}"
    ],
    disableWorkflow: [
      "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/disable"
    ],
    downloadArtifact: [
      "GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}"
    ],
    downloadJobLogsForWorkflowRun: [
      "GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs"
    ],
    downloadWorkflowRunAttemptLogs: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/logs"
    ],
    downloadWorkflowRunLogs: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/logs"
    ],
    enableSelectedRepositoryGithubActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/repositories/{repository_id}"
    ],
    enableWorkflow: [
      "PUT /repos/{owner}/{repo}/actions/workflows/{workflow_id}/enable"
    ],
    forceCancelWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/force-cancel"
    ],
    generateRunnerJitconfigForOrg: [
      "POST /orgs/{org}/actions/runners/generate-jitconfig"
    ],
    generateRunnerJitconfigForRepo: [
      "POST /repos/{owner}/{repo}/actions/runners/generate-jitconfig"
    ],
    getActionsCacheList: ["GET /repos/{owner}/{repo}/actions/caches"],
    getActionsCacheUsage: ["GET /repos/{owner}/{repo}/actions/cache/usage"],
    getActionsCacheUsageByRepoForOrg: [
      "GET /orgs/{org}/actions/cache/usage-by-repository"
    ],
    getActionsCacheUsageForOrg: ["GET /orgs/{org}/actions/cache/usage"],
    getAllowedActionsOrganization: [
      "GET /orgs/{org}/actions/permissions/selected-actions"
    ],
    getAllowedActionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/selected-actions"
    ],
    getArtifact: ["GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}"],
    getCustomImageForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}"
    ],
    getCustomImageVersionForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions/{version}"
    ],
    getCustomOidcSubClaimForRepo: [
      "GET /repos/{owner}/{repo}/actions/oidc/customization/sub"
    ],
    getEnvironmentPublicKey: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key"
    ],
    getEnvironmentSecret: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}"
    ],
    getEnvironmentVariable: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    getGithubActionsDefaultWorkflowPermissionsOrganization: [
      "GET /orgs/{org}/actions/permissions/workflow"
    ],
    getGithubActionsDefaultWorkflowPermissionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/workflow"
    ],
    getGithubActionsPermissionsOrganization: [
      "GET /orgs/{org}/actions/permissions"
    ],
    getGithubActionsPermissionsRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions"
    ],
    getHostedRunnerForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    getHostedRunnersGithubOwnedImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/github-owned"
    ],
    getHostedRunnersLimitsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/limits"
    ],
    getHostedRunnersMachineSpecsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/machine-sizes"
    ],
    getHostedRunnersPartnerImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/partner"
    ],
    getHostedRunnersPlatformsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/platforms"
    ],
    getJobForWorkflowRun: ["GET /repos/{owner}/{repo}/actions/jobs/{job_id}"],
    getOrgPublicKey: ["GET /orgs/{org}/actions/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/actions/secrets/{secret_name}"],
    getOrgVariable: ["GET /orgs/{org}/actions/variables/{name}"],
    getPendingDeploymentsForRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"
    ],
    getRepoPermissions: [
      "GET /repos/{owner}/{repo}/actions/permissions",
      {},
      { renamed: ["actions", "getGithubActionsPermissionsRepository"] }
    ],
    getRepoPublicKey: ["GET /repos/{owner}/{repo}/actions/secrets/public-key"],
    getRepoSecret: ["GET /repos/{owner}/{repo}/actions/secrets/{secret_name}"],
    getRepoVariable: ["GET /repos/{owner}/{repo}/actions/variables/{name}"],
    getReviewsForRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals"
    ],
    getSelfHostedRunnerForOrg: ["GET /orgs/{org}/actions/runners/{runner_id}"],
    getSelfHostedRunnerForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/{runner_id}"
    ],
    getWorkflow: ["GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}"],
    getWorkflowAccessToRepository: [
      "GET /repos/{owner}/{repo}/actions/permissions/access"
    ],
    getWorkflowRun: ["GET /repos/{owner}/{repo}/actions/runs/{run_id}"],
    getWorkflowRunAttempt: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}"
    ],
    getWorkflowRunUsage: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/timing"
    ],
    getWorkflowUsage: [
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/timing"
    ],
    listArtifactsForRepo: ["GET /repos/{owner}/{repo}/actions/artifacts"],
    listCustomImageVersionsForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom/{image_definition_id}/versions"
    ],
    listCustomImagesForOrg: [
      "GET /orgs/{org}/actions/hosted-runners/images/custom"
    ],
    listEnvironmentSecrets: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets"
    ],
    listEnvironmentVariables: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/variables"
    ],
    listGithubHostedRunnersInGroupForOrg: [
      "GET /orgs/{org}/actions/runner-groups/{runner_group_id}/hosted-runners"
    ],
    listHostedRunnersForOrg: ["GET /orgs/{org}/actions/hosted-runners"],
    listJobsForWorkflowRun: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs"
    ],
    listJobsForWorkflowRunAttempt: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs"
    ],
    listLabelsForSelfHostedRunnerForOrg: [
      "GET /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    listLabelsForSelfHostedRunnerForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    listOrgSecrets: ["GET /orgs/{org}/actions/secrets"],
    listOrgVariables: ["GET /orgs/{org}/actions/variables"],
    listRepoOrganizationSecrets: [
      "GET /repos/{owner}/{repo}/actions/organization-secrets"
    ],
    listRepoOrganizationVariables: [
      "GET /repos/{owner}/{repo}/actions/organization-variables"
    ],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/actions/secrets"],
    listRepoVariables: ["GET /repos/{owner}/{repo}/actions/variables"],
    listRepoWorkflows: ["GET /repos/{owner}/{repo}/actions/workflows"],
    listRunnerApplicationsForOrg: ["GET /orgs/{org}/actions/runners/downloads"],
    listRunnerApplicationsForRepo: [
      "GET /repos/{owner}/{repo}/actions/runners/downloads"
    ],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/actions/secrets/{secret_name}/repositories"
    ],
    listSelectedReposForOrgVariable: [
      "GET /orgs/{org}/actions/variables/{name}/repositories"
    ],
    listSelectedRepositoriesEnabledGithubActionsOrganization: [
      "GET /orgs/{org}/actions/permissions/repositories"
    ],
    listSelfHostedRunnersForOrg: ["GET /orgs/{org}/actions/runners"],
    listSelfHostedRunnersForRepo: ["GET /repos/{owner}/{repo}/actions/runners"],
    listWorkflowRunArtifacts: [
      "GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts"
    ],
    listWorkflowRuns: [
      "GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs"
    ],
    listWorkflowRunsForRepo: ["GET /repos/{owner}/{repo}/actions/runs"],
    reRunJobForWorkflowRun: [
      "POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun"
    ],
    reRunWorkflow: ["POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun"],
    reRunWorkflowFailedJobs: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs"
    ],
    removeAllCustomLabelsFromSelfHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    removeAllCustomLabelsFromSelfHostedRunnerForRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    removeCustomLabelFromSelfHostedRunnerForOrg: [
      "DELETE /orgs/{org}/actions/runners/{runner_id}/labels/{name}"
    ],
    removeCustomLabelFromSelfHostedRunnerForRepo: [
      "DELETE /repos/{owner}/{repo}/actions/runners/{runner_id}/labels/{name}"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}"
    ],
    removeSelectedRepoFromOrgVariable: [
      "DELETE /orgs/{org}/actions/variables/{name}/repositories/{repository_id}"
    ],
    reviewCustomGatesForRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule"
    ],
    reviewPendingDeploymentsForRun: [
      "POST /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments"
    ],
    setAllowedActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/selected-actions"
    ],
    setAllowedActionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/selected-actions"
    ],
    setCustomLabelsForSelfHostedRunnerForOrg: [
      "PUT /orgs/{org}/actions/runners/{runner_id}/labels"
    ],
    setCustomLabelsForSelfHostedRunnerForRepo: [
      "PUT /repos/{owner}/{repo}/actions/runners/{runner_id}/labels"
    ],
    setCustomOidcSubClaimForRepo: [
      "PUT /repos/{owner}/{repo}/actions/oidc/customization/sub"
    ],
    setGithubActionsDefaultWorkflowPermissionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/workflow"
    ],
    setGithubActionsDefaultWorkflowPermissionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/workflow"
    ],
    setGithubActionsPermissionsOrganization: [
      "PUT /orgs/{org}/actions/permissions"
    ],
    setGithubActionsPermissionsRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/actions/secrets/{secret_name}/repositories"
    ],
    setSelectedReposForOrgVariable: [
      "PUT /orgs/{org}/actions/variables/{name}/repositories"
    ],
    setSelectedRepositoriesEnabledGithubActionsOrganization: [
      "PUT /orgs/{org}/actions/permissions/repositories"
    ],
    setWorkflowAccessToRepository: [
      "PUT /repos/{owner}/{repo}/actions/permissions/access"
    ],
    updateEnvironmentVariable: [
      "PATCH /repos/{owner}/{repo}/environments/{environment_name}/variables/{name}"
    ],
    updateHostedRunnerForOrg: [
      "PATCH /orgs/{org}/actions/hosted-runners/{hosted_runner_id}"
    ],
    updateOrgVariable: ["PATCH /orgs/{org}/actions/variables/{name}"],
    updateRepoVariable: [
      "PATCH /repos/{owner}/{repo}/actions/variables/{name}"
    ]
  },
  activity: {
    checkRepoIsStarredByAuthenticatedUser: ["GET /user/starred/{owner}/{repo}"],
    deleteRepoSubscription: ["DELETE /repos/{owner}/{repo}/subscription"],
    deleteThreadSubscription: [
      "DELETE /notifications/threads/{thread_id}/subscription"
    ],
    getFeeds: ["GET /feeds"],
    getRepoSubscription: ["GET /repos/{owner}/{repo}/subscription"],
    getThread: ["GET /notifications/threads/{thread_id}"],
    getThreadSubscriptionForAuthenticatedUser: [
      "GET /notifications/threads/{thread_id}/subscription"
    ],
    listEventsForAuthenticatedUser: ["GET /users/{username}/events"],
    listNotificationsForAuthenticatedUser: ["GET /notifications"],
    listOrgEventsForAuthenticatedUser: [
      "GET /users/{username}/events/orgs/{org}"
    ],
    listPublicEvents: ["GET /events"],
    listPublicEventsForRepoNetwork: ["GET /networks/{owner}/{repo}/events"],
    listPublicEventsForUser: ["GET /users/{username}/events/public"],
    listPublicOrgEvents: ["GET /orgs/{org}/events"],
    listReceivedEventsForUser: ["GET /users/{username}/received_events"],
    listReceivedPublicEventsForUser: [
      "GET /users/{username}/received_events/public"
    ],
    listRepoEvents: ["GET /repos/{owner}/{repo}/events"],
    listRepoNotificationsForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/notifications"
    ],
    listReposStarredByAuthenticatedUser: ["GET /user/starred"],
    listReposStarredByUser: ["GET /users/{username}/starred"],
    listReposWatchedByUser: ["GET /users/{username}/subscriptions"],
    listStargazersForRepo: ["GET /repos/{owner}/{repo}/stargazers"],
    listWatchedReposForAuthenticatedUser: ["GET /user/subscriptions"],
    listWatchersForRepo: ["GET /repos/{owner}/{repo}/subscribers"],
    markNotificationsAsRead: ["PUT /notifications"],
    markRepoNotificationsAsRead: ["PUT /repos/{owner}/{repo}/notifications"],
    markThreadAsDone: ["DELETE /notifications/threads/{thread_id}"],
    markThreadAsRead: ["PATCH /notifications/threads/{thread_id}"],
    setRepoSubscription: ["PUT /repos/{owner}/{repo}/subscription"],
    setThreadSubscription: [
      "PUT /notifications/threads/{thread_id}/subscription"
    ],
    starRepoForAuthenticatedUser: ["PUT /user/starred/{owner}/{repo}"],
    unstarRepoForAuthenticatedUser: ["DELETE /user/starred/{owner}/{repo}"]
  },
  apps: {
    addRepoToInstallation: [
      "PUT /user/installations/{installation_id}/repositories/{repository_id}",
      {},
      { renamed: ["apps", "addRepoToInstallationForAuthenticatedUser"] }
    ],
    addRepoToInstallationForAuthenticatedUser: [
      "PUT /user/installations/{installation_id}/repositories/{repository_id}"
    ],
    checkToken: ["POST /applications/{client_id}/token"],
    createFromManifest: ["POST /app-manifests/{code}/conversions"],
    createInstallationAccessToken: [
      "POST /app/installations/{installation_id}/access_tokens"
    ],
    deleteAuthorization: ["DELETE /applications/{client_id}/grant"],
    deleteInstallation: ["DELETE /app/installations/{installation_id}"],
    deleteToken: ["DELETE /applications/{client_id}/token"],
    getAuthenticated: ["GET /app"],
    getBySlug: ["GET /apps/{app_slug}"],
    getInstallation: ["GET /app/installations/{installation_id}"],
    getOrgInstallation: ["GET /orgs/{org}/installation"],
    getRepoInstallation: ["GET /repos/{owner}/{repo}/installation"],
    getSubscriptionPlanForAccount: [
      "GET /marketplace_listing/accounts/{account_id}"
    ],
    getSubscriptionPlanForAccountStubbed: [
      "GET /marketplace_listing/stubbed/accounts/{account_id}"
    ],
    getUserInstallation: ["GET /users/{username}/installation"],
    getWebhookConfigForApp: ["GET /app/hook/config"],
    getWebhookDelivery: ["GET /app/hook/deliveries/{delivery_id}"],
    listAccountsForPlan: ["GET /marketplace_listing/plans/{plan_id}/accounts"],
    listAccountsForPlanStubbed: [
      "GET /marketplace_listing/stubbed/plans/{plan_id}/accounts"
    ],
    listInstallationReposForAuthenticatedUser: [
      "GET /user/installations/{installation_id}/repositories"
    ],
    listInstallationRequestsForAuthenticatedApp: [
      "GET /app/installation-requests"
    ],
    listInstallations: ["GET /app/installations"],
    listInstallationsForAuthenticatedUser: ["GET /user/installations"],
    listPlans: ["GET /marketplace_listing/plans"],
    listPlansStubbed: ["GET /marketplace_listing/stubbed/plans"],
    listReposAccessibleToInstallation: ["GET /installation/repositories"],
    listSubscriptionsForAuthenticatedUser: ["GET /user/marketplace_purchases"],
    listSubscriptionsForAuthenticatedUserStubbed: [
      "GET /user/marketplace_purchases/stubbed"
    ],
    listWebhookDeliveries: ["GET /app/hook/deliveries"],
    redeliverWebhookDelivery: [
      "POST /app/hook/deliveries/{delivery_id}/attempts"
    ],
    removeRepoFromInstallation: [
      "DELETE /user/installations/{installation_id}/repositories/{repository_id}",
      {},
      { renamed: ["apps", "removeRepoFromInstallationForAuthenticatedUser"] }
    ],
    removeRepoFromInstallationForAuthenticatedUser: [
      "DELETE /user/installations/{installation_id}/repositories/{repository_id}"
    ],
    resetToken: ["PATCH /applications/{client_id}/token"],
    revokeInstallationAccessToken: ["DELETE /installation/token"],
    scopeToken: ["POST /applications/{client_id}/token/scoped"],
    suspendInstallation: ["PUT /app/installations/{installation_id}/suspended"],
    unsuspendInstallation: [
      "DELETE /app/installations/{installation_id}/suspended"
    ],
    updateWebhookConfigForApp: ["PATCH /app/hook/config"]
  },
  billing: {
    getGithubActionsBillingOrg: ["GET /orgs/{org}/settings/billing/actions"],
    getGithubActionsBillingUser: [
      "GET /users/{username}/settings/billing/actions"
    ],
    getGithubBillingPremiumRequestUsageReportOrg: [
      "GET /organizations/{org}/settings/billing/premium_request/usage"
    ],
    getGithubBillingPremiumRequestUsageReportUser: [
      "GET /users/{username}/settings/billing/premium_request/usage"
    ],
    getGithubBillingUsageReportOrg: [
      "GET /organizations/{org}/settings/billing/usage"
    ],
    getGithubBillingUsageReportUser: [
      "GET /users/{username}/settings/billing/usage"
    ],
    getGithubPackagesBillingOrg: ["GET /orgs/{org}/settings/billing/packages"],
    getGithubPackagesBillingUser: [
      "GET /users/{username}/settings/billing/packages"
    ],
    getSharedStorageBillingOrg: [
      "GET /orgs/{org}/settings/billing/shared-storage"
    ],
    getSharedStorageBillingUser: [
      "GET /users/{username}/settings/billing/shared-storage"
    ]
  },
  campaigns: {
    createCampaign: ["POST /orgs/{org}/campaigns"],
    deleteCampaign: ["DELETE /orgs/{org}/campaigns/{campaign_number}"],
    getCampaignSummary: ["GET /orgs/{org}/campaigns/{campaign_number}"],
    listOrgCampaigns: ["GET /orgs/{org}/campaigns"],
    updateCampaign: ["PATCH /orgs/{org}/campaigns/{campaign_number}"]
  },
  checks: {
    create: ["POST /repos/{owner}/{repo}/check-runs"],
    createSuite: ["POST /repos/{owner}/{repo}/check-suites"],
    get: ["GET /repos/{owner}/{repo}/check-runs/{check_run_id}"],
    getSuite: ["GET /repos/{owner}/{repo}/check-suites/{check_suite_id}"],
    listAnnotations: [
      "GET /repos/{owner}/{repo}/check-runs/{check_run_id}/annotations"
    ],
    listForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/check-runs"],
    listForSuite: [
      "GET /repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs"
    ],
    listSuitesForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/check-suites"],
    rerequestRun: [
      "POST /repos/{owner}/{repo}/check-runs/{check_run_id}/rerequest"
    ],
    rerequestSuite: [
      "POST /repos/{owner}/{repo}/check-suites/{check_suite_id}/rerequest"
    ],
    setSuitesPreferences: [
      "PATCH /repos/{owner}/{repo}/check-suites/preferences"
    ],
    update: ["PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}"]
  },
  codeScanning: {
    commitAutofix: [
      "POST /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix/commits"
    ],
    createAutofix: [
      "POST /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix"
    ],
    createVariantAnalysis: [
      "POST /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses"
    ],
    deleteAnalysis: [
      "DELETE /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}{?confirm_delete}"
    ],
    deleteCodeqlDatabase: [
      "DELETE /repos/{owner}/{repo}/code-scanning/codeql/databases/{language}"
    ],
    getAlert: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}",
      {},
      { renamedParameters: { alert_id: "alert_number" } }
    ],
    getAnalysis: [
      "GET /repos/{owner}/{repo}/code-scanning/analyses/{analysis_id}"
    ],
    getAutofix: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/autofix"
    ],
    getCodeqlDatabase: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/databases/{language}"
    ],
    getDefaultSetup: ["GET /repos/{owner}/{repo}/code-scanning/default-setup"],
    getSarif: ["GET /repos/{owner}/{repo}/code-scanning/sarifs/{sarif_id}"],
    getVariantAnalysis: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses/{codeql_variant_analysis_id}"
    ],
    getVariantAnalysisRepoTask: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/variant-analyses/{codeql_variant_analysis_id}/repos/{repo_owner}/{repo_name}"
    ],
    listAlertInstances: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances"
    ],
    listAlertsForOrg: ["GET /orgs/{org}/code-scanning/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/code-scanning/alerts"],
    listAlertsInstances: [
      "GET /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}/instances",
      {},
      { renamed: ["codeScanning", "listAlertInstances"] }
    ],
    listCodeqlDatabases: [
      "GET /repos/{owner}/{repo}/code-scanning/codeql/databases"
    ],
    listRecentAnalyses: ["GET /repos/{owner}/{repo}/code-scanning/analyses"],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}"
    ],
    updateDefaultSetup: [
      "PATCH /repos/{owner}/{repo}/code-scanning/default-setup"
    ],
    uploadSarif: ["POST /repos/{owner}/{repo}/code-scanning/sarifs"]
  },
  codeSecurity: {
    attachConfiguration: [
      "POST /orgs/{org}/code-security/configurations/{configuration_id}/attach"
    ],
    attachEnterpriseConfiguration: [
      "POST /enterprises/{enterprise}/code-security/configurations/{configuration_id}/attach"
    ],
    createConfiguration: ["POST /orgs/{org}/code-security/configurations"],
    createConfigurationForEnterprise: [
      "POST /enterprises/{enterprise}/code-security/configurations"
    ],
    deleteConfiguration: [
      "DELETE /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    deleteConfigurationForEnterprise: [
      "DELETE /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ],
    detachConfiguration: [
      "DELETE /orgs/{org}/code-security/configurations/detach"
    ],
    getConfiguration: [
      "GET /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    getConfigurationForRepository: [
      "GET /repos/{owner}/{repo}/code-security-configuration"
    ],
    getConfigurationsForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations"
    ],
    getConfigurationsForOrg: ["GET /orgs/{org}/code-security/configurations"],
    getDefaultConfigurations: [
      "GET /orgs/{org}/code-security/configurations/defaults"
    ],
    getDefaultConfigurationsForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations/defaults"
    ],
    getRepositoriesForConfiguration: [
      "GET /orgs/{org}/code-security/configurations/{configuration_id}/repositories"
    ],
    getRepositoriesForEnterpriseConfiguration: [
      "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}/repositories"
    ],
    getSingleConfigurationForEnterprise: [
      "GET /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ],
    setConfigurationAsDefault: [
      "PUT /orgs/{org}/code-security/configurations/{configuration_id}/defaults"
    ],
    setConfigurationAsDefaultForEnterprise: [
      "PUT /enterprises/{enterprise}/code-security/configurations/{configuration_id}/defaults"
    ],
    updateConfiguration: [
      "PATCH /orgs/{org}/code-security/configurations/{configuration_id}"
    ],
    updateEnterpriseConfiguration: [
      "PATCH /enterprises/{enterprise}/code-security/configurations/{configuration_id}"
    ]
  },
  codesOfConduct: {
    getAllCodesOfConduct: ["GET /codes_of_conduct"],
    getConductCode: ["GET /codes_of_conduct/{key}"]
  },
  codespaces: {
    addRepositoryForSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    checkPermissionsForDevcontainer: [
      "GET /repos/{owner}/{repo}/codespaces/permissions_check"
    ],
    codespaceMachinesForAuthenticatedUser: [
      "GET /user/codespaces/{codespace_name}/machines"
    ],
    createForAuthenticatedUser: ["POST /user/codespaces"],
    createOrUpdateOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}"
    ],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    createOrUpdateSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}"
    ],
    createWithPrForAuthenticatedUser: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/codespaces"
    ],
    createWithRepoForAuthenticatedUser: [
      "POST /repos/{owner}/{repo}/codespaces"
    ],
    deleteForAuthenticatedUser: ["DELETE /user/codespaces/{codespace_name}"],
    deleteFromOrganization: [
      "DELETE /orgs/{org}/members/{username}/codespaces/{codespace_name}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/codespaces/secrets/{secret_name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    deleteSecretForAuthenticatedUser: [
      "DELETE /user/codespaces/secrets/{secret_name}"
    ],
    exportForAuthenticatedUser: [
      "POST /user/codespaces/{codespace_name}/exports"
    ],
    getCodespacesForUserInOrg: [
      "GET /orgs/{org}/members/{username}/codespaces"
    ],
    getExportDetailsForAuthenticatedUser: [
      "GET /user/codespaces/{codespace_name}/exports/{export_id}"
    ],
    getForAuthenticatedUser: ["GET /user/codespaces/{codespace_name}"],
    getOrgPublicKey: ["GET /orgs/{org}/codespaces/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/codespaces/secrets/{secret_name}"],
    getPublicKeyForAuthenticatedUser: [
      "GET /user/codespaces/secrets/public-key"
    ],
    getRepoPublicKey: [
      "GET /repos/{owner}/{repo}/codespaces/secrets/public-key"
    ],
    getRepoSecret: [
      "GET /repos/{owner}/{repo}/codespaces/secrets/{secret_name}"
    ],
    getSecretForAuthenticatedUser: [
      "GET /user/codespaces/secrets/{secret_name}"
    ],
    listDevcontainersInRepositoryForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/devcontainers"
    ],
    listForAuthenticatedUser: ["GET /user/codespaces"],
    listInOrganization: [
      "GET /orgs/{org}/codespaces",
      {},
      { renamedParameters: { org_id: "org" } }
    ],
    listInRepositoryForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces"
    ],
    listOrgSecrets: ["GET /orgs/{org}/codespaces/secrets"],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/codespaces/secrets"],
    listRepositoriesForSecretForAuthenticatedUser: [
      "GET /user/codespaces/secrets/{secret_name}/repositories"
    ],
    listSecretsForAuthenticatedUser: ["GET /user/codespaces/secrets"],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/codespaces/secrets/{secret_name}/repositories"
    ],
    preFlightWithRepoForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/new"
    ],
    publishForAuthenticatedUser: [
      "POST /user/codespaces/{codespace_name}/publish"
    ],
    removeRepositoryForSecretForAuthenticatedUser: [
      "DELETE /user/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/codespaces/secrets/{secret_name}/repositories/{repository_id}"
    ],
    repoMachinesForAuthenticatedUser: [
      "GET /repos/{owner}/{repo}/codespaces/machines"
    ],
    setRepositoriesForSecretForAuthenticatedUser: [
      "PUT /user/codespaces/secrets/{secret_name}/repositories"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/codespaces/secrets/{secret_name}/repositories"
    ],
    startForAuthenticatedUser: ["POST /user/codespaces/{codespace_name}/start"],
    stopForAuthenticatedUser: ["POST /user/codespaces/{codespace_name}/stop"],
    stopInOrganization: [
      "POST /orgs/{org}/members/{username}/codespaces/{codespace_name}/stop"
    ],
    updateForAuthenticatedUser: ["PATCH /user/codespaces/{codespace_name}"]
  },
  copilot: {
    addCopilotSeatsForTeams: [
      "POST /orgs/{org}/copilot/billing/selected_teams"
    ],
    addCopilotSeatsForUsers: [
      "POST /orgs/{org}/copilot/billing/selected_users"
    ],
    cancelCopilotSeatAssignmentForTeams: [
      "DELETE /orgs/{org}/copilot/billing/selected_teams"
    ],
    cancelCopilotSeatAssignmentForUsers: [
      "DELETE /orgs/{org}/copilot/billing/selected_users"
    ],
    copilotMetricsForOrganization: ["GET /orgs/{org}/copilot/metrics"],
    copilotMetricsForTeam: ["GET /orgs/{org}/team/{team_slug}/copilot/metrics"],
    getCopilotOrganizationDetails: ["GET /orgs/{org}/copilot/billing"],
    getCopilotSeatDetailsForUser: [
      "GET /orgs/{org}/members/{username}/copilot"
    ],
    listCopilotSeats: ["GET /orgs/{org}/copilot/billing/seats"]
  },
  credentials: { revoke: ["POST /credentials/revoke"] },
  dependabot: {
    addSelectedRepoToOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}"
    ],
    createOrUpdateOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}"
    ],
    createOrUpdateRepoSecret: [
      "PUT /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    deleteOrgSecret: ["DELETE /orgs/{org}/dependabot/secrets/{secret_name}"],
    deleteRepoSecret: [
      "DELETE /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    getAlert: ["GET /repos/{owner}/{repo}/dependabot/alerts/{alert_number}"],
    getOrgPublicKey: ["GET /orgs/{org}/dependabot/secrets/public-key"],
    getOrgSecret: ["GET /orgs/{org}/dependabot/secrets/{secret_name}"],
    getRepoPublicKey: [
      "GET /repos/{owner}/{repo}/dependabot/secrets/public-key"
    ],
    getRepoSecret: [
      "GET /repos/{owner}/{repo}/dependabot/secrets/{secret_name}"
    ],
    listAlertsForEnterprise: [
      "GET /enterprises/{enterprise}/dependabot/alerts"
    ],
    listAlertsForOrg: ["GET /orgs/{org}/dependabot/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/dependabot/alerts"],
    listOrgSecrets: ["GET /orgs/{org}/dependabot/secrets"],
    listRepoSecrets: ["GET /repos/{owner}/{repo}/dependabot/secrets"],
    listSelectedReposForOrgSecret: [
      "GET /orgs/{org}/dependabot/secrets/{secret_name}/repositories"
    ],
    removeSelectedRepoFromOrgSecret: [
      "DELETE /orgs/{org}/dependabot/secrets/{secret_name}/repositories/{repository_id}"
    ],
    repositoryAccessForOrg: [
      "GET /organizations/{org}/dependabot/repository-access"
    ],
    setRepositoryAccessDefaultLevel: [
      "PUT /organizations/{org}/dependabot/repository-access/default-level"
    ],
    setSelectedReposForOrgSecret: [
      "PUT /orgs/{org}/dependabot/secrets/{secret_name}/repositories"
    ],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/dependabot/alerts/{alert_number}"
    ],
    updateRepositoryAccessForOrg: [
      "PATCH /organizations/{org}/dependabot/repository-access"
    ]
  },
  dependencyGraph: {
    createRepositorySnapshot: [
      "POST /repos/{owner}/{repo}/dependency-graph/snapshots"
    ],
    diffRange: [
      "GET /repos/{owner}/{repo}/dependency-graph/compare/{basehead}"
    ],
    exportSbom: ["GET /repos/{owner}/{repo}/dependency-graph/sbom"]
  },
  emojis: { get: ["GET /emojis"] },
  enterpriseTeamMemberships: {
    add: [
      "PUT /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ],
    bulkAdd: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/add"
    ],
    bulkRemove: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/memberships/remove"
    ],
    get: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ],
    list: ["GET /enterprises/{enterprise}/teams/{enterprise-team}/memberships"],
    remove: [
      "DELETE /enterprises/{enterprise}/teams/{enterprise-team}/memberships/{username}"
    ]
  },
  enterpriseTeamOrganizations: {
    add: [
      "PUT /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    bulkAdd: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/organizations/add"
    ],
    bulkRemove: [
      "POST /enterprises/{enterprise}/teams/{enterprise-team}/organizations/remove"
    ],
    delete: [
      "DELETE /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    getAssignment: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations/{org}"
    ],
    getAssignments: [
      "GET /enterprises/{enterprise}/teams/{enterprise-team}/organizations"
    ]
  },
  enterpriseTeams: {
    create: ["POST /enterprises/{enterprise}/teams"],
    delete: ["DELETE /enterprises/{enterprise}/teams/{team_slug}"],
    get: ["GET /enterprises/{enterprise}/teams/{team_slug}"],
    list: ["GET /enterprises/{enterprise}/teams"],
    update: ["PATCH /enterprises/{enterprise}/teams/{team_slug}"]
  },
  gists: {
    checkIsStarred: ["GET /gists/{gist_id}/star"],
    create: ["POST /gists"],
    createComment: ["POST /gists/{gist_id}/comments"],
    delete: ["DELETE /gists/{gist_id}"],
    deleteComment: ["DELETE /gists/{gist_id}/comments/{comment_id}"],
    fork: ["POST /gists/{gist_id}/forks"],
    get: ["GET /gists/{gist_id}"],
    getComment: ["GET /gists/{gist_id}/comments/{comment_id}"],
    getRevision: ["GET /gists/{gist_id}/{sha}"],
    list: ["GET /gists"],
    listComments: ["GET /gists/{gist_id}/comments"],
    listCommits: ["GET /gists/{gist_id}/commits"],
    listForUser: ["GET /users/{username}/gists"],
    listForks: ["GET /gists/{gist_id}/forks"],
    listPublic: ["GET /gists/public"],
    listStarred: ["GET /gists/starred"],
    star: ["PUT /gists/{gist_id}/star"],
    unstar: ["DELETE /gists/{gist_id}/star"],
    update: ["PATCH /gists/{gist_id}"],
    updateComment: ["PATCH /gists/{gist_id}/comments/{comment_id}"]
  },
  git: {
    createBlob: ["POST /repos/{owner}/{repo}/git/blobs"],
    createCommit: ["POST /repos/{owner}/{repo}/git/commits"],
    createRef: ["POST /repos/{owner}/{repo}/git/refs"],
    createTag: ["POST /repos/{owner}/{repo}/git/tags"],
    createTree: ["POST /repos/{owner}/{repo}/git/trees"],
    deleteRef: ["DELETE /repos/{owner}/{repo}/git/refs/{ref}"],
    getBlob: ["GET /repos/{owner}/{repo}/git/blobs/{file_sha}"],
    getCommit: ["GET /repos/{owner}/{repo}/git/commits/{commit_sha}"],
    getRef: ["GET /repos/{owner}/{repo}/git/ref/{ref}"],
    getTag: ["GET /repos/{owner}/{repo}/git/tags/{tag_sha}"],
    getTree: ["GET /repos/{owner}/{repo}/git/trees/{tree_sha}"],
    listMatchingRefs: ["GET /repos/{owner}/{repo}/git/matching-refs/{ref}"],
    updateRef: ["PATCH /repos/{owner}/{repo}/git/refs/{ref}"]
  },
  gitignore: {
    getAllTemplates: ["GET /gitignore/templates"],
    getTemplate: ["GET /gitignore/templates/{name}"]
  },
  hostedCompute: {
    createNetworkConfigurationForOrg: [
      "POST /orgs/{org}/settings/network-configurations"
    ],
    deleteNetworkConfigurationFromOrg: [
      "DELETE /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ],
    getNetworkConfigurationForOrg: [
      "GET /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ],
    getNetworkSettingsForOrg: [
      "GET /orgs/{org}/settings/network-settings/{network_settings_id}"
    ],
    listNetworkConfigurationsForOrg: [
      "GET /orgs/{org}/settings/network-configurations"
    ],
    updateNetworkConfigurationForOrg: [
      "PATCH /orgs/{org}/settings/network-configurations/{network_configuration_id}"
    ]
  },
  interactions: {
    getRestrictionsForAuthenticatedUser: ["GET /user/interaction-limits"],
    getRestrictionsForOrg: ["GET /orgs/{org}/interaction-limits"],
    getRestrictionsForRepo: ["GET /repos/{owner}/{repo}/interaction-limits"],
    getRestrictionsForYourPublicRepos: [
      "GET /user/interaction-limits",
      {},
      { renamed: ["interactions", "getRestrictionsForAuthenticatedUser"] }
    ],
    removeRestrictionsForAuthenticatedUser: ["DELETE /user/interaction-limits"],
    removeRestrictionsForOrg: ["DELETE /orgs/{org}/interaction-limits"],
    removeRestrictionsForRepo: [
      "DELETE /repos/{owner}/{repo}/interaction-limits"
    ],
    removeRestrictionsForYourPublicRepos: [
      "DELETE /user/interaction-limits",
      {},
      { renamed: ["interactions", "removeRestrictionsForAuthenticatedUser"] }
    ],
    setRestrictionsForAuthenticatedUser: ["PUT /user/interaction-limits"],
    setRestrictionsForOrg: ["PUT /orgs/{org}/interaction-limits"],
    setRestrictionsForRepo: ["PUT /repos/{owner}/{repo}/interaction-limits"],
    setRestrictionsForYourPublicRepos: [
      "PUT /user/interaction-limits",
      {},
      { renamed: ["interactions", "setRestrictionsForAuthenticatedUser"] }
    ]
  },
  issues: {
    addAssignees: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/assignees"
    ],
    addBlockedByDependency: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by"
    ],
    addLabels: ["POST /repos/{owner}/{repo}/issues/{issue_number}/labels"],
    addSubIssue: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues"
    ],
    checkUserCanBeAssigned: ["GET /repos/{owner}/{repo}/assignees/{assignee}"],
    checkUserCanBeAssignedToIssue: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/assignees/{assignee}"
    ],
    create: ["POST /repos/{owner}/{repo}/issues"],
    createComment: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments"
    ],
    createLabel: ["POST /repos/{owner}/{repo}/labels"],
    createMilestone: ["POST /repos/{owner}/{repo}/milestones"],
    deleteComment: [
      "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}"
    ],
    deleteLabel: ["DELETE /repos/{owner}/{repo}/labels/{name}"],
    deleteMilestone: [
      "DELETE /repos/{owner}/{repo}/milestones/{milestone_number}"
    ],
    get: ["GET /repos/{owner}/{repo}/issues/{issue_number}"],
    getComment: ["GET /repos/{owner}/{repo}/issues/comments/{comment_id}"],
    getEvent: ["GET /repos/{owner}/{repo}/issues/events/{event_id}"],
    getLabel: ["GET /repos/{owner}/{repo}/labels/{name}"],
    getMilestone: ["GET /repos/{owner}/{repo}/milestones/{milestone_number}"],
    getParent: ["GET /repos/{owner}/{repo}/issues/{issue_number}/parent"],
    list: ["GET /issues"],
    listAssignees: ["GET /repos/{owner}/{repo}/assignees"],
    listComments: ["GET /repos/{owner}/{repo}/issues/{issue_number}/comments"],
    listCommentsForRepo: ["GET /repos/{owner}/{repo}/issues/comments"],
    listDependenciesBlockedBy: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by"
    ],
    listDependenciesBlocking: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocking"
    ],
    listEvents: ["GET /repos/{owner}/{repo}/issues/{issue_number}/events"],
    listEventsForRepo: ["GET /repos/{owner}/{repo}/issues/events"],
    listEventsForTimeline: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/timeline"
    ],
    listForAuthenticatedUser: ["GET /user/issues"],
    listForOrg: ["GET /orgs/{org}/issues"],
    listForRepo: ["GET /repos/{owner}/{repo}/issues"],
    listLabelsForMilestone: [
      "GET /repos/{owner}/{repo}/milestones/{milestone_number}/labels"
    ],
    listLabelsForRepo: ["GET /repos/{owner}/{repo}/labels"],
    listLabelsOnIssue: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/labels"
    ],
    listMilestones: ["GET /repos/{owner}/{repo}/milestones"],
    listSubIssues: [
      "GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues"
    ],
    lock: ["PUT /repos/{owner}/{repo}/issues/{issue_number}/lock"],
    removeAllLabels: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels"
    ],
    removeAssignees: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees"
    ],
    removeDependencyBlockedBy: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}"
    ],
    removeLabel: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}"
    ],
    removeSubIssue: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/sub_issue"
    ],
    reprioritizeSubIssue: [
      "PATCH /repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority"
    ],
    setLabels: ["PUT /repos/{owner}/{repo}/issues/{issue_number}/labels"],
    unlock: ["DELETE /repos/{owner}/{repo}/issues/{issue_number}/lock"],
    update: ["PATCH /repos/{owner}/{repo}/issues/{issue_number}"],
    updateComment: ["PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}"],
    updateLabel: ["PATCH /repos/{owner}/{repo}/labels/{name}"],
    updateMilestone: [
      "PATCH /repos/{owner}/{repo}/milestones/{milestone_number}"
    ]
  },
  licenses: {
    get: ["GET /licenses/{license}"],
    getAllCommonlyUsed: ["GET /licenses"],
    getForRepo: ["GET /repos/{owner}/{repo}/license"]
  },
  markdown: {
    render: ["POST /markdown"],
    renderRaw: [
      "POST /markdown/raw",
      { headers: { "content-type": "text/plain; charset=utf-8" } }
    ]
  },
  meta: {
    get: ["GET /meta"],
    getAllVersions: ["GET /versions"],
    getOctocat: ["GET /octocat"],
    getZen: ["GET /zen"],
    root: ["GET /"]
  },
  migrations: {
    deleteArchiveForAuthenticatedUser: [
      "DELETE /user/migrations/{migration_id}/archive"
    ],
    deleteArchiveForOrg: [
      "DELETE /orgs/{org}/migrations/{migration_id}/archive"
    ],
    downloadArchiveForOrg: [
      "GET /orgs/{org}/migrations/{migration_id}/archive"
    ],
    getArchiveForAuthenticatedUser: [
      "GET /user/migrations/{migration_id}/archive"
    ],
    getStatusForAuthenticatedUser: ["GET /user/migrations/{migration_id}"],
    getStatusForOrg: ["GET /orgs/{org}/migrations/{migration_id}"],
    listForAuthenticatedUser: ["GET /user/migrations"],
    listForOrg: ["GET /orgs/{org}/migrations"],
    listReposForAuthenticatedUser: [
      "GET /user/migrations/{migration_id}/repositories"
    ],
    listReposForOrg: ["GET /orgs/{org}/migrations/{migration_id}/repositories"],
    listReposForUser: [
      "GET /user/migrations/{migration_id}/repositories",
      {},
      { renamed: ["migrations", "listReposForAuthenticatedUser"] }
    ],
    startForAuthenticatedUser: ["POST /user/migrations"],
    startForOrg: ["POST /orgs/{org}/migrations"],
    unlockRepoForAuthenticatedUser: [
      "DELETE /user/migrations/{migration_id}/repos/{repo_name}/lock"
    ],
    unlockRepoForOrg: [
      "DELETE /orgs/{org}/migrations/{migration_id}/repos/{repo_name}/lock"
    ]
  },
  oidc: {
    getOidcCustomSubTemplateForOrg: [
      "GET /orgs/{org}/actions/oidc/customization/sub"
    ],
    updateOidcCustomSubTemplateForOrg: [
      "PUT /orgs/{org}/actions/oidc/customization/sub"
    ]
  },
  orgs: {
    addSecurityManagerTeam: [
      "PUT /orgs/{org}/security-managers/teams/{team_slug}",
      {},
      {
        deprecated: "octokit.rest.orgs.addSecurityManagerTeam() is deprecated, see https://docs.github.com/rest/orgs/security-managers#add-a-security-manager-team"
      }
    ],
    assignTeamToOrgRole: [
      "PUT /orgs/{org}/organization-roles/teams/{team_slug}/{role_id}"
    ],
    assignUserToOrgRole: [
      "PUT /orgs/{org}/organization-roles/users/{username}/{role_id}"
    ],
    blockUser: ["PUT /orgs/{org}/blocks/{username}"],
    cancelInvitation: ["DELETE /orgs/{org}/invitations/{invitation_id}"],
    checkBlockedUser: ["GET /orgs/{org}/blocks/{username}"],
    checkMembershipForUser: ["GET /orgs/{org}/members/{username}"],
    checkPublicMembershipForUser: ["GET /orgs/{org}/public_members/{username}"],
    convertMemberToOutsideCollaborator: [
      "PUT /orgs/{org}/outside_collaborators/{username}"
    ],
    createArtifactStorageRecord: [
      "POST /orgs/{org}/artifacts/metadata/storage-record"
    ],
    createInvitation: ["POST /orgs/{org}/invitations"],
    createIssueType: ["POST /orgs/{org}/issue-types"],
    createWebhook: ["POST /orgs/{org}/hooks"],
    customPropertiesForOrgsCreateOrUpdateOrganizationValues: [
      "PATCH /organizations/{org}/org-properties/values"
    ],
    customPropertiesForOrgsGetOrganizationValues: [
      "GET /organizations/{org}/org-properties/values"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationDefinition: [
      "PUT /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationDefinitions: [
      "PATCH /orgs/{org}/properties/schema"
    ],
    customPropertiesForReposCreateOrUpdateOrganizationValues: [
      "PATCH /orgs/{org}/properties/values"
    ],
    customPropertiesForReposDeleteOrganizationDefinition: [
      "DELETE /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposGetOrganizationDefinition: [
      "GET /orgs/{org}/properties/schema/{custom_property_name}"
    ],
    customPropertiesForReposGetOrganizationDefinitions: [
      "GET /orgs/{org}/properties/schema"
    ],
    customPropertiesForReposGetOrganizationValues: [
      "GET /orgs/{org}/properties/values"
    ],
    delete: ["DELETE /orgs/{org}"],
    deleteAttestationsBulk: ["POST /orgs/{org}/attestations/delete-request"],
    deleteAttestationsById: [
      "DELETE /orgs/{org}/attestations/{attestation_id}"
    ],
    deleteAttestationsBySubjectDigest: [
      "DELETE /orgs/{org}/attestations/digest/{subject_digest}"
    ],
    deleteIssueType: ["DELETE /orgs/{org}/issue-types/{issue_type_id}"],
    deleteWebhook: ["DELETE /orgs/{org}/hooks/{hook_id}"],
    disableSelectedRepositoryImmutableReleasesOrganization: [
      "DELETE /orgs/{org}/settings/immutable-releases/repositories/{repository_id}"
    ],
    enableSelectedRepositoryImmutableReleasesOrganization: [
      "PUT /orgs/{org}/settings/immutable-releases/repositories/{repository_id}"
    ],
    get: ["GET /orgs/{org}"],
    getImmutableReleasesSettings: [
      "GET /orgs/{org}/settings/immutable-releases"
    ],
    getImmutableReleasesSettingsRepositories: [
      "GET /orgs/{org}/settings/immutable-releases/repositories"
    ],
    getMembershipForAuthenticatedUser: ["GET /user/memberships/orgs/{org}"],
    getMembershipForUser: ["GET /orgs/{org}/memberships/{username}"],
    getOrgRole: ["GET /orgs/{org}/organization-roles/{role_id}"],
    getOrgRulesetHistory: ["GET /orgs/{org}/rulesets/{ruleset_id}/history"],
    getOrgRulesetVersion: [
      "GET /orgs/{org}/rulesets/{ruleset_id}/history/{version_id}"
    ],
    getWebhook: ["GET /orgs/{org}/hooks/{hook_id}"],
    getWebhookConfigForOrg: ["GET /orgs/{org}/hooks/{hook_id}/config"],
    getWebhookDelivery: [
      "GET /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}"
    ],
    list: ["GET /organizations"],
    listAppInstallations: ["GET /orgs/{org}/installations"],
    listArtifactStorageRecords: [
      "GET /orgs/{org}/artifacts/{subject_digest}/metadata/storage-records"
    ],
    listAttestationRepositories: ["GET /orgs/{org}/attestations/repositories"],
    listAttestations: ["GET /orgs/{org}/attestations/{subject_digest}"],
    listAttestationsBulk: [
      "POST /orgs/{org}/attestations/bulk-list{?per_page,before,after}"
    ],
    listBlockedUsers: ["GET /orgs/{org}/blocks"],
    listFailedInvitations: ["GET /orgs/{org}/failed_invitations"],
    listForAuthenticatedUser: ["GET /user/orgs"],
    listForUser: ["GET /users/{username}/orgs"],
    listInvitationTeams: ["GET /orgs/{org}/invitations/{invitation_id}/teams"],
    listIssueTypes: ["GET /orgs/{org}/issue-types"],
    listMembers: ["GET /orgs/{org}/members"],
    listMembershipsForAuthenticatedUser: ["GET /user/memberships/orgs"],
    listOrgRoleTeams: ["GET /orgs/{org}/organization-roles/{role_id}/teams"],
    listOrgRoleUsers: ["GET /orgs/{org}/organization-roles/{role_id}/users"],
    listOrgRoles: ["GET /orgs/{org}/organization-roles"],
    listOrganizationFineGrainedPermissions: [
      "GET /orgs/{org}/organization-fine-grained-permissions"
    ],
    listOutsideCollaborators: ["GET /orgs/{org}/outside_collaborators"],
    listPatGrantRepositories: [
      "GET /orgs/{org}/personal-access-tokens/{pat_id}/repositories"
    ],
    listPatGrantRequestRepositories: [
      "GET /orgs/{org}/personal-access-token-requests/{pat_request_id}/repositories"
    ],
    listPatGrantRequests: ["GET /orgs/{org}/personal-access-token-requests"],
    listPatGrants: ["GET /orgs/{org}/personal-access-tokens"],
    listPendingInvitations: ["GET /orgs/{org}/invitations"],
    listPublicMembers: ["GET /orgs/{org}/public_members"],
    listSecurityManagerTeams: [
      "GET /orgs/{org}/security-managers",
      {},
      {
        deprecated: "octokit.rest.orgs.listSecurityManagerTeams() is deprecated, see https://docs.github.com/rest/orgs/security-managers#list-security-manager-teams"
      }
    ],
    listWebhookDeliveries: ["GET /orgs/{org}/hooks/{hook_id}/deliveries"],
    listWebhooks: ["GET /orgs/{org}/hooks"],
    pingWebhook: ["POST /orgs/{org}/hooks/{hook_id}/pings"],
    redeliverWebhookDelivery: [
      "POST /orgs/{org}/hooks/{hook_id}/deliveries/{delivery_id}/attempts"
    ],
    removeMember: ["DELETE /orgs/{org}/members/{username}"],
    removeMembershipForUser: ["DELETE /orgs/{org}/memberships/{username}"],
    removeOutsideCollaborator: [
      "DELETE /orgs/{org}/outside_collaborators/{username}"
    ],
    removePublicMembershipForAuthenticatedUser: [
      "DELETE /orgs/{org}/public_members/{username}"
    ],
    removeSecurityManagerTeam: [
      "DELETE /orgs/{org}/security-managers/teams/{team_slug}",
      {},
      {
        deprecated: "octokit.rest.orgs.removeSecurityManagerTeam() is deprecated, see https://docs.github.com/rest/orgs/security-managers#remove-a-security-manager-team"
      }
    ],
    reviewPatGrantRequest: [
      "POST /orgs/{org}/personal-access-token-requests/{pat_request_id}"
    ],
    reviewPatGrantRequestsInBulk: [
      "POST /orgs/{org}/personal-access-token-requests"
    ],
    revokeAllOrgRolesTeam: [
      "DELETE /orgs/{org}/organization-roles/teams/{team_slug}"
    ],
    revokeAllOrgRolesUser: [
      "DELETE /orgs/{org}/organization-roles/users/{username}"
    ],
    revokeOrgRoleTeam: [
      "DELETE /orgs/{org}/organization-roles/teams/{team_slug}/{role_id}"
    ],
    revokeOrgRoleUser: [
      "DELETE /orgs/{org}/organization-roles/users/{username}/{role_id}"
    ],
    setImmutableReleasesSettings: [
      "PUT /orgs/{org}/settings/immutable-releases"
    ],
    setImmutableReleasesSettingsRepositories: [
      "PUT /orgs/{org}/settings/immutable-releases/repositories"
    ],
    setMembershipForUser: ["PUT /orgs/{org}/memberships/{username}"],
    setPublicMembershipForAuthenticatedUser: [
      "PUT /orgs/{org}/public_members/{username}"
    ],
    unblockUser: ["DELETE /orgs/{org}/blocks/{username}"],
    update: ["PATCH /orgs/{org}"],
    updateIssueType: ["PUT /orgs/{org}/issue-types/{issue_type_id}"],
    updateMembershipForAuthenticatedUser: [
      "PATCH /user/memberships/orgs/{org}"
    ],
    updatePatAccess: ["POST /orgs/{org}/personal-access-tokens/{pat_id}"],
    updatePatAccesses: ["POST /orgs/{org}/personal-access-tokens"],
    updateWebhook: ["PATCH /orgs/{org}/hooks/{hook_id}"],
    updateWebhookConfigForOrg: ["PATCH /orgs/{org}/hooks/{hook_id}/config"]
  },
  packages: {
    deletePackageForAuthenticatedUser: [
      "DELETE /user/packages/{package_type}/{package_name}"
    ],
    deletePackageForOrg: [
      "DELETE /orgs/{org}/packages/{package_type}/{package_name}"
    ],
    deletePackageForUser: [
      "DELETE /users/{username}/packages/{package_type}/{package_name}"
    ],
    deletePackageVersionForAuthenticatedUser: [
      "DELETE /user/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    deletePackageVersionForOrg: [
      "DELETE /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    deletePackageVersionForUser: [
      "DELETE /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getAllPackageVersionsForAPackageOwnedByAnOrg: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions",
      {},
      { renamed: ["packages", "getAllPackageVersionsForPackageOwnedByOrg"] }
    ],
    getAllPackageVersionsForAPackageOwnedByTheAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions",
      {},
      {
        renamed: [
          "packages",
          "getAllPackageVersionsForPackageOwnedByAuthenticatedUser"
        ]
      }
    ],
    getAllPackageVersionsForPackageOwnedByAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions"
    ],
    getAllPackageVersionsForPackageOwnedByOrg: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions"
    ],
    getAllPackageVersionsForPackageOwnedByUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}/versions"
    ],
    getPackageForAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}"
    ],
    getPackageForOrganization: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}"
    ],
    getPackageForUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}"
    ],
    getPackageVersionForAuthenticatedUser: [
      "GET /user/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getPackageVersionForOrganization: [
      "GET /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    getPackageVersionForUser: [
      "GET /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}"
    ],
    listDockerMigrationConflictingPackagesForAuthenticatedUser: [
      "GET /user/docker/conflicts"
    ],
    listDockerMigrationConflictingPackagesForOrganization: [
      "GET /orgs/{org}/docker/conflicts"
    ],
    listDockerMigrationConflictingPackagesForUser: [
      "GET /users/{username}/docker/conflicts"
    ],
    listPackagesForAuthenticatedUser: ["GET /user/packages"],
    listPackagesForOrganization: ["GET /orgs/{org}/packages"],
    listPackagesForUser: ["GET /users/{username}/packages"],
    restorePackageForAuthenticatedUser: [
      "POST /user/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageForOrg: [
      "POST /orgs/{org}/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageForUser: [
      "POST /users/{username}/packages/{package_type}/{package_name}/restore{?token}"
    ],
    restorePackageVersionForAuthenticatedUser: [
      "POST /user/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ],
    restorePackageVersionForOrg: [
      "POST /orgs/{org}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ],
    restorePackageVersionForUser: [
      "POST /users/{username}/packages/{package_type}/{package_name}/versions/{package_version_id}/restore"
    ]
  },
  privateRegistries: {
    createOrgPrivateRegistry: ["POST /orgs/{org}/private-registries"],
    deleteOrgPrivateRegistry: [
      "DELETE /orgs/{org}/private-registries/{secret_name}"
    ],
    getOrgPrivateRegistry: ["GET /orgs/{org}/private-registries/{secret_name}"],
    getOrgPublicKey: ["GET /orgs/{org}/private-registries/public-key"],
    listOrgPrivateRegistries: ["GET /orgs/{org}/private-registries"],
    updateOrgPrivateRegistry: [
      "PATCH /orgs/{org}/private-registries/{secret_name}"
    ]
  },
  projects: {
    addItemForOrg: ["POST /orgs/{org}/projectsV2/{project_number}/items"],
    addItemForUser: [
      "POST /users/{username}/projectsV2/{project_number}/items"
    ],
    deleteItemForOrg: [
      "DELETE /orgs/{org}/projectsV2/{project_number}/items/{item_id}"
    ],
    deleteItemForUser: [
      "DELETE /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ],
    getFieldForOrg: [
      "GET /orgs/{org}/projectsV2/{project_number}/fields/{field_id}"
    ],
    getFieldForUser: [
      "GET /users/{username}/projectsV2/{project_number}/fields/{field_id}"
    ],
    getForOrg: ["GET /orgs/{org}/projectsV2/{project_number}"],
    getForUser: ["GET /users/{username}/projectsV2/{project_number}"],
    getOrgItem: ["GET /orgs/{org}/projectsV2/{project_number}/items/{item_id}"],
    getUserItem: [
      "GET /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ],
    listFieldsForOrg: ["GET /orgs/{org}/projectsV2/{project_number}/fields"],
    listFieldsForUser: [
      "GET /users/{username}/projectsV2/{project_number}/fields"
    ],
    listForOrg: ["GET /orgs/{org}/projectsV2"],
    listForUser: ["GET /users/{username}/projectsV2"],
    listItemsForOrg: ["GET /orgs/{org}/projectsV2/{project_number}/items"],
    listItemsForUser: [
      "GET /users/{username}/projectsV2/{project_number}/items"
    ],
    updateItemForOrg: [
      "PATCH /orgs/{org}/projectsV2/{project_number}/items/{item_id}"
    ],
    updateItemForUser: [
      "PATCH /users/{username}/projectsV2/{project_number}/items/{item_id}"
    ]
  },
  pulls: {
    checkIfMerged: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/merge"],
    create: ["POST /repos/{owner}/{repo}/pulls"],
    createReplyForReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies"
    ],
    createReview: ["POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews"],
    createReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments"
    ],
    deletePendingReview: [
      "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    deleteReviewComment: [
      "DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}"
    ],
    dismissReview: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/dismissals"
    ],
    get: ["GET /repos/{owner}/{repo}/pulls/{pull_number}"],
    getReview: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    getReviewComment: ["GET /repos/{owner}/{repo}/pulls/comments/{comment_id}"],
    list: ["GET /repos/{owner}/{repo}/pulls"],
    listCommentsForReview: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/comments"
    ],
    listCommits: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/commits"],
    listFiles: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/files"],
    listRequestedReviewers: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    listReviewComments: [
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments"
    ],
    listReviewCommentsForRepo: ["GET /repos/{owner}/{repo}/pulls/comments"],
    listReviews: ["GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews"],
    merge: ["PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge"],
    removeRequestedReviewers: [
      "DELETE /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    requestReviewers: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"
    ],
    submitReview: [
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}/events"
    ],
    update: ["PATCH /repos/{owner}/{repo}/pulls/{pull_number}"],
    updateBranch: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/update-branch"
    ],
    updateReview: [
      "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}"
    ],
    updateReviewComment: [
      "PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}"
    ]
  },
  rateLimit: { get: ["GET /rate_limit"] },
  reactions: {
    createForCommitComment: [
      "POST /repos/{owner}/{repo}/comments/{comment_id}/reactions"
    ],
    createForIssue: [
      "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions"
    ],
    createForIssueComment: [
      "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"
    ],
    createForPullRequestReviewComment: [
      "POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions"
    ],
    createForRelease: [
      "POST /repos/{owner}/{repo}/releases/{release_id}/reactions"
    ],
    createForTeamDiscussionCommentInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions"
    ],
    createForTeamDiscussionInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions"
    ],
    deleteForCommitComment: [
      "DELETE /repos/{owner}/{repo}/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForIssue: [
      "DELETE /repos/{owner}/{repo}/issues/{issue_number}/reactions/{reaction_id}"
    ],
    deleteForIssueComment: [
      "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForPullRequestComment: [
      "DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions/{reaction_id}"
    ],
    deleteForRelease: [
      "DELETE /repos/{owner}/{repo}/releases/{release_id}/reactions/{reaction_id}"
    ],
    deleteForTeamDiscussion: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions/{reaction_id}"
    ],
    deleteForTeamDiscussionComment: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions/{reaction_id}"
    ],
    listForCommitComment: [
      "GET /repos/{owner}/{repo}/comments/{comment_id}/reactions"
    ],
    listForIssue: ["GET /repos/{owner}/{repo}/issues/{issue_number}/reactions"],
    listForIssueComment: [
      "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"
    ],
    listForPullRequestReviewComment: [
      "GET /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions"
    ],
    listForRelease: [
      "GET /repos/{owner}/{repo}/releases/{release_id}/reactions"
    ],
    listForTeamDiscussionCommentInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}/reactions"
    ],
    listForTeamDiscussionInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions"
    ]
  },
  repos: {
    acceptInvitation: [
      "PATCH /user/repository_invitations/{invitation_id}",
      {},
      { renamed: ["repos", "acceptInvitationForAuthenticatedUser"] }
    ],
    acceptInvitationForAuthenticatedUser: [
      "PATCH /user/repository_invitations/{invitation_id}"
    ],
    addAppAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    addCollaborator: ["PUT /repos/{owner}/{repo}/collaborators/{username}"],
    addStatusCheckContexts: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    addTeamAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    addUserAccessRestrictions: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    cancelPagesDeployment: [
      "POST /repos/{owner}/{repo}/pages/deployments/{pages_deployment_id}/cancel"
    ],
    checkAutomatedSecurityFixes: [
      "GET /repos/{owner}/{repo}/automated-security-fixes"
    ],
    checkCollaborator: ["GET /repos/{owner}/{repo}/collaborators/{username}"],
    checkImmutableReleases: ["GET /repos/{owner}/{repo}/immutable-releases"],
    checkPrivateVulnerabilityReporting: [
      "GET /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    checkVulnerabilityAlerts: [
      "GET /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    codeownersErrors: ["GET /repos/{owner}/{repo}/codeowners/errors"],
    compareCommits: ["GET /repos/{owner}/{repo}/compare/{base}...{head}"],
    compareCommitsWithBasehead: [
      "GET /repos/{owner}/{repo}/compare/{basehead}"
    ],
    createAttestation: ["POST /repos/{owner}/{repo}/attestations"],
    createAutolink: ["POST /repos/{owner}/{repo}/autolinks"],
    createCommitComment: [
      "POST /repos/{owner}/{repo}/commits/{commit_sha}/comments"
    ],
    createCommitSignatureProtection: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    createCommitStatus: ["POST /repos/{owner}/{repo}/statuses/{sha}"],
    createDeployKey: ["POST /repos/{owner}/{repo}/keys"],
    createDeployment: ["POST /repos/{owner}/{repo}/deployments"],
    createDeploymentBranchPolicy: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies"
    ],
    createDeploymentProtectionRule: [
      "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules"
    ],
    createDeploymentStatus: [
      "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses"
    ],
    createDispatchEvent: ["POST /repos/{owner}/{repo}/dispatches"],
    createForAuthenticatedUser: ["POST /user/repos"],
    createFork: ["POST /repos/{owner}/{repo}/forks"],
    createInOrg: ["POST /orgs/{org}/repos"],
    createOrUpdateEnvironment: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    createOrUpdateFileContents: ["PUT /repos/{owner}/{repo}/contents/{path}"],
    createOrgRuleset: ["POST /orgs/{org}/rulesets"],
    createPagesDeployment: ["POST /repos/{owner}/{repo}/pages/deployments"],
    createPagesSite: ["POST /repos/{owner}/{repo}/pages"],
    createRelease: ["POST /repos/{owner}/{repo}/releases"],
    createRepoRuleset: ["POST /repos/{owner}/{repo}/rulesets"],
    createUsingTemplate: [
      "POST /repos/{template_owner}/{template_repo}/generate"
    ],
    createWebhook: ["POST /repos/{owner}/{repo}/hooks"],
    customPropertiesForReposCreateOrUpdateRepositoryValues: [
      "PATCH /repos/{owner}/{repo}/properties/values"
    ],
    customPropertiesForReposGetRepositoryValues: [
      "GET /repos/{owner}/{repo}/properties/values"
    ],
    declineInvitation: [
      "DELETE /user/repository_invitations/{invitation_id}",
      {},
      { renamed: ["repos", "declineInvitationForAuthenticatedUser"] }
    ],
    declineInvitationForAuthenticatedUser: [
      "DELETE /user/repository_invitations/{invitation_id}"
    ],
    delete: ["DELETE /repos/{owner}/{repo}"],
    deleteAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions"
    ],
    deleteAdminBranchProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    deleteAnEnvironment: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    deleteAutolink: ["DELETE /repos/{owner}/{repo}/autolinks/{autolink_id}"],
    deleteBranchProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    deleteCommitComment: ["DELETE /repos/{owner}/{repo}/comments/{comment_id}"],
    deleteCommitSignatureProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    deleteDeployKey: ["DELETE /repos/{owner}/{repo}/keys/{key_id}"],
    deleteDeployment: [
      "DELETE /repos/{owner}/{repo}/deployments/{deployment_id}"
    ],
    deleteDeploymentBranchPolicy: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    deleteFile: ["DELETE /repos/{owner}/{repo}/contents/{path}"],
    deleteInvitation: [
      "DELETE /repos/{owner}/{repo}/invitations/{invitation_id}"
    ],
    deleteOrgRuleset: ["DELETE /orgs/{org}/rulesets/{ruleset_id}"],
    deletePagesSite: ["DELETE /repos/{owner}/{repo}/pages"],
    deletePullRequestReviewProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    deleteRelease: ["DELETE /repos/{owner}/{repo}/releases/{release_id}"],
    deleteReleaseAsset: [
      "DELETE /repos/{owner}/{repo}/releases/assets/{asset_id}"
    ],
    deleteRepoRuleset: ["DELETE /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    deleteWebhook: ["DELETE /repos/{owner}/{repo}/hooks/{hook_id}"],
    disableAutomatedSecurityFixes: [
      "DELETE /repos/{owner}/{repo}/automated-security-fixes"
    ],
    disableDeploymentProtectionRule: [
      "DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/{protection_rule_id}"
    ],
    disableImmutableReleases: [
      "DELETE /repos/{owner}/{repo}/immutable-releases"
    ],
    disablePrivateVulnerabilityReporting: [
      "DELETE /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    disableVulnerabilityAlerts: [
      "DELETE /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    downloadArchive: [
      "GET /repos/{owner}/{repo}/zipball/{ref}",
      {},
      { renamed: ["repos", "downloadZipballArchive"] }
    ],
    downloadTarballArchive: ["GET /repos/{owner}/{repo}/tarball/{ref}"],
    downloadZipballArchive: ["GET /repos/{owner}/{repo}/zipball/{ref}"],
    enableAutomatedSecurityFixes: [
      "PUT /repos/{owner}/{repo}/automated-security-fixes"
    ],
    enableImmutableReleases: ["PUT /repos/{owner}/{repo}/immutable-releases"],
    enablePrivateVulnerabilityReporting: [
      "PUT /repos/{owner}/{repo}/private-vulnerability-reporting"
    ],
    enableVulnerabilityAlerts: [
      "PUT /repos/{owner}/{repo}/vulnerability-alerts"
    ],
    generateReleaseNotes: [
      "POST /repos/{owner}/{repo}/releases/generate-notes"
    ],
    get: ["GET /repos/{owner}/{repo}"],
    getAccessRestrictions: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions"
    ],
    getAdminBranchProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    getAllDeploymentProtectionRules: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules"
    ],
    getAllEnvironments: ["GET /repos/{owner}/{repo}/environments"],
    getAllStatusCheckContexts: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts"
    ],
    getAllTopics: ["GET /repos/{owner}/{repo}/topics"],
    getAppsWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps"
    ],
    getAutolink: ["GET /repos/{owner}/{repo}/autolinks/{autolink_id}"],
    getBranch: ["GET /repos/{owner}/{repo}/branches/{branch}"],
    getBranchProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    getBranchRules: ["GET /repos/{owner}/{repo}/rules/branches/{branch}"],
    getClones: ["GET /repos/{owner}/{repo}/traffic/clones"],
    getCodeFrequencyStats: ["GET /repos/{owner}/{repo}/stats/code_frequency"],
    getCollaboratorPermissionLevel: [
      "GET /repos/{owner}/{repo}/collaborators/{username}/permission"
    ],
    getCombinedStatusForRef: ["GET /repos/{owner}/{repo}/commits/{ref}/status"],
    getCommit: ["GET /repos/{owner}/{repo}/commits/{ref}"],
    getCommitActivityStats: ["GET /repos/{owner}/{repo}/stats/commit_activity"],
    getCommitComment: ["GET /repos/{owner}/{repo}/comments/{comment_id}"],
    getCommitSignatureProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures"
    ],
    getCommunityProfileMetrics: ["GET /repos/{owner}/{repo}/community/profile"],
    getContent: ["GET /repos/{owner}/{repo}/contents/{path}"],
    getContributorsStats: ["GET /repos/{owner}/{repo}/stats/contributors"],
    getCustomDeploymentProtectionRule: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/{protection_rule_id}"
    ],
    getDeployKey: ["GET /repos/{owner}/{repo}/keys/{key_id}"],
    getDeployment: ["GET /repos/{owner}/{repo}/deployments/{deployment_id}"],
    getDeploymentBranchPolicy: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    getDeploymentStatus: [
      "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}"
    ],
    getEnvironment: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}"
    ],
    getLatestPagesBuild: ["GET /repos/{owner}/{repo}/pages/builds/latest"],
    getLatestRelease: ["GET /repos/{owner}/{repo}/releases/latest"],
    getOrgRuleSuite: ["GET /orgs/{org}/rulesets/rule-suites/{rule_suite_id}"],
    getOrgRuleSuites: ["GET /orgs/{org}/rulesets/rule-suites"],
    getOrgRuleset: ["GET /orgs/{org}/rulesets/{ruleset_id}"],
    getOrgRulesets: ["GET /orgs/{org}/rulesets"],
    getPages: ["GET /repos/{owner}/{repo}/pages"],
    getPagesBuild: ["GET /repos/{owner}/{repo}/pages/builds/{build_id}"],
    getPagesDeployment: [
      "GET /repos/{owner}/{repo}/pages/deployments/{pages_deployment_id}"
    ],
    getPagesHealthCheck: ["GET /repos/{owner}/{repo}/pages/health"],
    getParticipationStats: ["GET /repos/{owner}/{repo}/stats/participation"],
    getPullRequestReviewProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    getPunchCardStats: ["GET /repos/{owner}/{repo}/stats/punch_card"],
    getReadme: ["GET /repos/{owner}/{repo}/readme"],
    getReadmeInDirectory: ["GET /repos/{owner}/{repo}/readme/{dir}"],
    getRelease: ["GET /repos/{owner}/{repo}/releases/{release_id}"],
    getReleaseAsset: ["GET /repos/{owner}/{repo}/releases/assets/{asset_id}"],
    getReleaseByTag: ["GET /repos/{owner}/{repo}/releases/tags/{tag}"],
    getRepoRuleSuite: [
      "GET /repos/{owner}/{repo}/rulesets/rule-suites/{rule_suite_id}"
    ],
    getRepoRuleSuites: ["GET /repos/{owner}/{repo}/rulesets/rule-suites"],
    getRepoRuleset: ["GET /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    getRepoRulesetHistory: [
      "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history"
    ],
    getRepoRulesetVersion: [
      "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}/history/{version_id}"
    ],
    getRepoRulesets: ["GET /repos/{owner}/{repo}/rulesets"],
    getStatusChecksProtection: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    getTeamsWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams"
    ],
    getTopPaths: ["GET /repos/{owner}/{repo}/traffic/popular/paths"],
    getTopReferrers: ["GET /repos/{owner}/{repo}/traffic/popular/referrers"],
    getUsersWithAccessToProtectedBranch: [
      "GET /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users"
    ],
    getViews: ["GET /repos/{owner}/{repo}/traffic/views"],
    getWebhook: ["GET /repos/{owner}/{repo}/hooks/{hook_id}"],
    getWebhookConfigForRepo: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/config"
    ],
    getWebhookDelivery: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}"
    ],
    listActivities: ["GET /repos/{owner}/{repo}/activity"],
    listAttestations: [
      "GET /repos/{owner}/{repo}/attestations/{subject_digest}"
    ],
    listAutolinks: ["GET /repos/{owner}/{repo}/autolinks"],
    listBranches: ["GET /repos/{owner}/{repo}/branches"],
    listBranchesForHeadCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/branches-where-head"
    ],
    listCollaborators: ["GET /repos/{owner}/{repo}/collaborators"],
    listCommentsForCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/comments"
    ],
    listCommitCommentsForRepo: ["GET /repos/{owner}/{repo}/comments"],
    listCommitStatusesForRef: [
      "GET /repos/{owner}/{repo}/commits/{ref}/statuses"
    ],
    listCommits: ["GET /repos/{owner}/{repo}/commits"],
    listContributors: ["GET /repos/{owner}/{repo}/contributors"],
    listCustomDeploymentRuleIntegrations: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules/apps"
    ],
    listDeployKeys: ["GET /repos/{owner}/{repo}/keys"],
    listDeploymentBranchPolicies: [
      "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies"
    ],
    listDeploymentStatuses: [
      "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses"
    ],
    listDeployments: ["GET /repos/{owner}/{repo}/deployments"],
    listForAuthenticatedUser: ["GET /user/repos"],
    listForOrg: ["GET /orgs/{org}/repos"],
    listForUser: ["GET /users/{username}/repos"],
    listForks: ["GET /repos/{owner}/{repo}/forks"],
    listInvitations: ["GET /repos/{owner}/{repo}/invitations"],
    listInvitationsForAuthenticatedUser: ["GET /user/repository_invitations"],
    listLanguages: ["GET /repos/{owner}/{repo}/languages"],
    listPagesBuilds: ["GET /repos/{owner}/{repo}/pages/builds"],
    listPublic: ["GET /repositories"],
    listPullRequestsAssociatedWithCommit: [
      "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls"
    ],
    listReleaseAssets: [
      "GET /repos/{owner}/{repo}/releases/{release_id}/assets"
    ],
    listReleases: ["GET /repos/{owner}/{repo}/releases"],
    listTags: ["GET /repos/{owner}/{repo}/tags"],
    listTeams: ["GET /repos/{owner}/{repo}/teams"],
    listWebhookDeliveries: [
      "GET /repos/{owner}/{repo}/hooks/{hook_id}/deliveries"
    ],
    listWebhooks: ["GET /repos/{owner}/{repo}/hooks"],
    merge: ["POST /repos/{owner}/{repo}/merges"],
    mergeUpstream: ["POST /repos/{owner}/{repo}/merge-upstream"],
    pingWebhook: ["POST /repos/{owner}/{repo}/hooks/{hook_id}/pings"],
    redeliverWebhookDelivery: [
      "POST /repos/{owner}/{repo}/hooks/{hook_id}/deliveries/{delivery_id}/attempts"
    ],
    removeAppAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    removeCollaborator: [
      "DELETE /repos/{owner}/{repo}/collaborators/{username}"
    ],
    removeStatusCheckContexts: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    removeStatusCheckProtection: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    removeTeamAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    removeUserAccessRestrictions: [
      "DELETE /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    renameBranch: ["POST /repos/{owner}/{repo}/branches/{branch}/rename"],
    replaceAllTopics: ["PUT /repos/{owner}/{repo}/topics"],
    requestPagesBuild: ["POST /repos/{owner}/{repo}/pages/builds"],
    setAdminBranchProtection: [
      "POST /repos/{owner}/{repo}/branches/{branch}/protection/enforce_admins"
    ],
    setAppAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/apps",
      {},
      { mapToData: "apps" }
    ],
    setStatusCheckContexts: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks/contexts",
      {},
      { mapToData: "contexts" }
    ],
    setTeamAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/teams",
      {},
      { mapToData: "teams" }
    ],
    setUserAccessRestrictions: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection/restrictions/users",
      {},
      { mapToData: "users" }
    ],
    testPushWebhook: ["POST /repos/{owner}/{repo}/hooks/{hook_id}/tests"],
    transfer: ["POST /repos/{owner}/{repo}/transfer"],
    update: ["PATCH /repos/{owner}/{repo}"],
    updateBranchProtection: [
      "PUT /repos/{owner}/{repo}/branches/{branch}/protection"
    ],
    updateCommitComment: ["PATCH /repos/{owner}/{repo}/comments/{comment_id}"],
    updateDeploymentBranchPolicy: [
      "PUT /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}"
    ],
    updateInformationAboutPagesSite: ["PUT /repos/{owner}/{repo}/pages"],
    updateInvitation: [
      "PATCH /repos/{owner}/{repo}/invitations/{invitation_id}"
    ],
    updateOrgRuleset: ["PUT /orgs/{org}/rulesets/{ruleset_id}"],
    updatePullRequestReviewProtection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_pull_request_reviews"
    ],
    updateRelease: ["PATCH /repos/{owner}/{repo}/releases/{release_id}"],
    updateReleaseAsset: [
      "PATCH /repos/{owner}/{repo}/releases/assets/{asset_id}"
    ],
    updateRepoRuleset: ["PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}"],
    updateStatusCheckPotection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks",
      {},
      { renamed: ["repos", "updateStatusCheckProtection"] }
    ],
    updateStatusCheckProtection: [
      "PATCH /repos/{owner}/{repo}/branches/{branch}/protection/required_status_checks"
    ],
    updateWebhook: ["PATCH /repos/{owner}/{repo}/hooks/{hook_id}"],
    updateWebhookConfigForRepo: [
      "PATCH /repos/{owner}/{repo}/hooks/{hook_id}/config"
    ],
    uploadReleaseAsset: [
      "POST /repos/{owner}/{repo}/releases/{release_id}/assets{?name,label}",
      { baseUrl: "https://uploads.github.com" }
    ]
  },
  search: {
    code: ["GET /search/code"],
    commits: ["GET /search/commits"],
    issuesAndPullRequests: ["GET /search/issues"],
    labels: ["GET /search/labels"],
    repos: ["GET /search/repositories"],
    topics: ["GET /search/topics"],
    users: ["GET /search/users"]
  },
  secretScanning: {
    createPushProtectionBypass: [
      "POST /repos/{owner}/{repo}/secret-scanning/push-protection-bypasses"
    ],
    getAlert: [
      "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}"
    ],
    getScanHistory: ["GET /repos/{owner}/{repo}/secret-scanning/scan-history"],
    listAlertsForOrg: ["GET /orgs/{org}/secret-scanning/alerts"],
    listAlertsForRepo: ["GET /repos/{owner}/{repo}/secret-scanning/alerts"],
    listLocationsForAlert: [
      "GET /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}/locations"
    ],
    listOrgPatternConfigs: [
      "GET /orgs/{org}/secret-scanning/pattern-configurations"
    ],
    updateAlert: [
      "PATCH /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}"
    ],
    updateOrgPatternConfigs: [
      "PATCH /orgs/{org}/secret-scanning/pattern-configurations"
    ]
  },
  securityAdvisories: {
    createFork: [
      "POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/forks"
    ],
    createPrivateVulnerabilityReport: [
      "POST /repos/{owner}/{repo}/security-advisories/reports"
    ],
    createRepositoryAdvisory: [
      "POST /repos/{owner}/{repo}/security-advisories"
    ],
    createRepositoryAdvisoryCveRequest: [
      "POST /repos/{owner}/{repo}/security-advisories/{ghsa_id}/cve"
    ],
    getGlobalAdvisory: ["GET /advisories/{ghsa_id}"],
    getRepositoryAdvisory: [
      "GET /repos/{owner}/{repo}/security-advisories/{ghsa_id}"
    ],
    listGlobalAdvisories: ["GET /advisories"],
    listOrgRepositoryAdvisories: ["GET /orgs/{org}/security-advisories"],
    listRepositoryAdvisories: ["GET /repos/{owner}/{repo}/security-advisories"],
    updateRepositoryAdvisory: [
      "PATCH /repos/{owner}/{repo}/security-advisories/{ghsa_id}"
    ]
  },
  teams: {
    addOrUpdateMembershipForUserInOrg: [
      "PUT /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    addOrUpdateRepoPermissionsInOrg: [
      "PUT /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    checkPermissionsForRepoInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    create: ["POST /orgs/{org}/teams"],
    createDiscussionCommentInOrg: [
      "POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments"
    ],
    createDiscussionInOrg: ["POST /orgs/{org}/teams/{team_slug}/discussions"],
    deleteDiscussionCommentInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    deleteDiscussionInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    deleteInOrg: ["DELETE /orgs/{org}/teams/{team_slug}"],
    getByName: ["GET /orgs/{org}/teams/{team_slug}"],
    getDiscussionCommentInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    getDiscussionInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    getMembershipForUserInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    list: ["GET /orgs/{org}/teams"],
    listChildInOrg: ["GET /orgs/{org}/teams/{team_slug}/teams"],
    listDiscussionCommentsInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments"
    ],
    listDiscussionsInOrg: ["GET /orgs/{org}/teams/{team_slug}/discussions"],
    listForAuthenticatedUser: ["GET /user/teams"],
    listMembersInOrg: ["GET /orgs/{org}/teams/{team_slug}/members"],
    listPendingInvitationsInOrg: [
      "GET /orgs/{org}/teams/{team_slug}/invitations"
    ],
    listReposInOrg: ["GET /orgs/{org}/teams/{team_slug}/repos"],
    removeMembershipForUserInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/memberships/{username}"
    ],
    removeRepoInOrg: [
      "DELETE /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}"
    ],
    updateDiscussionCommentInOrg: [
      "PATCH /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/comments/{comment_number}"
    ],
    updateDiscussionInOrg: [
      "PATCH /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}"
    ],
    updateInOrg: ["PATCH /orgs/{org}/teams/{team_slug}"]
  },
  users: {
    addEmailForAuthenticated: [
      "POST /user/emails",
      {},
      { renamed: ["users", "addEmailForAuthenticatedUser"] }
    ],
    addEmailForAuthenticatedUser: ["POST /user/emails"],
    addSocialAccountForAuthenticatedUser: ["POST /user/social_accounts"],
    block: ["PUT /user/blocks/{username}"],
    checkBlocked: ["GET /user/blocks/{username}"],
    checkFollowingForUser: ["GET /users/{username}/following/{target_user}"],
    checkPersonIsFollowedByAuthenticated: ["GET /user/following/{username}"],
    createGpgKeyForAuthenticated: [
      "POST /user/gpg_keys",
      {},
      { renamed: ["users", "createGpgKeyForAuthenticatedUser"] }
    ],
    createGpgKeyForAuthenticatedUser: ["POST /user/gpg_keys"],
    createPublicSshKeyForAuthenticated: [
      "POST /user/keys",
      {},
      { renamed: ["users", "createPublicSshKeyForAuthenticatedUser"] }
    ],
    createPublicSshKeyForAuthenticatedUser: ["POST /user/keys"],
    createSshSigningKeyForAuthenticatedUser: ["POST /user/ssh_signing_keys"],
    deleteAttestationsBulk: [
      "POST /users/{username}/attestations/delete-request"
    ],
    deleteAttestationsById: [
      "DELETE /users/{username}/attestations/{attestation_id}"
    ],
    deleteAttestationsBySubjectDigest: [
      "DELETE /users/{username}/attestations/digest/{subject_digest}"
    ],
    deleteEmailForAuthenticated: [
      "DELETE /user/emails",
      {},
      { renamed: ["users", "deleteEmailForAuthenticatedUser"] }
    ],
    deleteEmailForAuthenticatedUser: ["DELETE /user/emails"],
    deleteGpgKeyForAuthenticated: [
      "DELETE /user/gpg_keys/{gpg_key_id}",
      {},
      { renamed: ["users", "deleteGpgKeyForAuthenticatedUser"] }
    ],
    deleteGpgKeyForAuthenticatedUser: ["DELETE /user/gpg_keys/{gpg_key_id}"],
    deletePublicSshKeyForAuthenticated: [
      "DELETE /user/keys/{key_id}",
      {},
      { renamed: ["users", "deletePublicSshKeyForAuthenticatedUser"] }
    ],
    deletePublicSshKeyForAuthenticatedUser: ["DELETE /user/keys/{key_id}"],
    deleteSocialAccountForAuthenticatedUser: ["DELETE /user/social_accounts"],
    deleteSshSigningKeyForAuthenticatedUser: [
      "DELETE /user/ssh_signing_keys/{ssh_signing_key_id}"
    ],
    follow: ["PUT /user/following/{username}"],
    getAuthenticated: ["GET /user"],
    getById: ["GET /user/{account_id}"],
    getByUsername: ["GET /users/{username}"],
    getContextForUser: ["GET /users/{username}/hovercard"],
    getGpgKeyForAuthenticated: [
      "GET /user/gpg_keys/{gpg_key_id}",
      {},
      { renamed: ["users", "getGpgKeyForAuthenticatedUser"] }
    ],
    getGpgKeyForAuthenticatedUser: ["GET /user/gpg_keys/{gpg_key_id}"],
    getPublicSshKeyForAuthenticated: [
      "GET /user/keys/{key_id}",
      {},
      { renamed: ["users", "getPublicSshKeyForAuthenticatedUser"] }
    ],
    getPublicSshKeyForAuthenticatedUser: ["GET /user/keys/{key_id}"],
    getSshSigningKeyForAuthenticatedUser: [
      "GET /user/ssh_signing_keys/{ssh_signing_key_id}"
    ],
    list: ["GET /users"],
    listAttestations: ["GET /users/{username}/attestations/{subject_digest}"],
    listAttestationsBulk: [
      "POST /users/{username}/attestations/bulk-list{?per_page,before,after}"
    ],
    listBlockedByAuthenticated: [
      "GET /user/blocks",
      {},
      { renamed: ["users", "listBlockedByAuthenticatedUser"] }
    ],
    listBlockedByAuthenticatedUser: ["GET /user/blocks"],
    listEmailsForAuthenticated: [
      "GET /user/emails",
      {},
      { renamed: ["users", "listEmailsForAuthenticatedUser"] }
    ],
    listEmailsForAuthenticatedUser: ["GET /user/emails"],
    listFollowedByAuthenticated: [
      "GET /user/following",
      {},
      { renamed: ["users", "listFollowedByAuthenticatedUser"] }
    ],
    listFollowedByAuthenticatedUser: ["GET /user/following"],
    listFollowersForAuthenticatedUser: ["GET /user/followers"],
    listFollowersForUser: ["GET /users/{username}/followers"],
    listFollowingForUser: ["GET /users/{username}/following"],
    listGpgKeysForAuthenticated: [
      "GET /user/gpg_keys",
      {},
      { renamed: ["users", "listGpgKeysForAuthenticatedUser"] }
    ],
    listGpgKeysForAuthenticatedUser: ["GET /user/gpg_keys"],
    listGpgKeysForUser: ["GET /users/{username}/gpg_keys"],
    listPublicEmailsForAuthenticated: [
      "GET /user/public_emails",
      {},
      { renamed: ["users", "listPublicEmailsForAuthenticatedUser"] }
    ],
    listPublicEmailsForAuthenticatedUser: ["GET /user/public_emails"],
    listPublicKeysForUser: ["GET /users/{username}/keys"],
    listPublicSshKeysForAuthenticated: [
      "GET /user/keys",
      {},
      { renamed: ["users", "listPublicSshKeysForAuthenticatedUser"] }
    ],
    listPublicSshKeysForAuthenticatedUser: ["GET /user/keys"],
    listSocialAccountsForAuthenticatedUser: ["GET /user/social_accounts"],
    listSocialAccountsForUser: ["GET /users/{username}/social_accounts"],
    listSshSigningKeysForAuthenticatedUser: ["GET /user/ssh_signing_keys"],
    listSshSigningKeysForUser: ["GET /users/{username}/ssh_signing_keys"],
    setPrimaryEmailVisibilityForAuthenticated: [
      "PATCH /user/email/visibility",
      {},
      { renamed: ["users", "setPrimaryEmailVisibilityForAuthenticatedUser"] }
    ],
    setPrimaryEmailVisibilityForAuthenticatedUser: [
      "PATCH /user/email/visibility"
    ],
    unblock: ["DELETE /user/blocks/{username}"],
    unfollow: ["DELETE /user/following/{username}"],
    updateAuthenticated: ["PATCH /user"]
  }
};
var endpoints_default = Endpoints;

const endpointMethodsMap = /* @__PURE__ */ new Map();
for (const [scope, endpoints] of Object.entries(endpoints_default)) {
  for (const [methodName, endpoint] of Object.entries(endpoints)) {
    const [route, defaults, decorations] = endpoint;
    const [method, url] = route.split(/ /);
    const endpointDefaults = Object.assign(
      {
        method,
        url
      },
      defaults
    );
    if (!endpointMethodsMap.has(scope)) {
      endpointMethodsMap.set(scope, /* @__PURE__ */ new Map());
    }
    endpointMethodsMap.get(scope).set(methodName, {
      scope,
      methodName,
      endpointDefaults,
      decorations
    });
  }
}
const handler = {
  has({ scope }, methodName) {
    return endpointMethodsMap.get(scope).has(methodName);
  },
  getOwnPropertyDescriptor(target, methodName) {
    return {
      value: this.get(target, methodName),
      // ensures method is in the cache
      configurable: true,
      writable: true,
      enumerable: true
    };
  },
  defineProperty(target, methodName, descriptor) {
    Object.defineProperty(target.cache, methodName, descriptor);
    return true;
  },
  deleteProperty(target, methodName) {
    delete target.cache[methodName];
    return true;
  },
  ownKeys({ scope }) {
    return [...endpointMethodsMap.get(scope).keys()];
  },
  set(target, methodName, value) {
    return target.cache[methodName] = value;
  },
  get({ octokit, scope, cache }, methodName) {
    if (cache[methodName]) {
      return cache[methodName];
    }
    const method = endpointMethodsMap.get(scope).get(methodName);
    if (!method) {
      return void 0;
    }
    const { endpointDefaults, decorations } = method;
    if (decorations) {
      cache[methodName] = decorate(
        octokit,
        scope,
        methodName,
        endpointDefaults,
        decorations
      );
    } else {
      cache[methodName] = octokit.request.defaults(endpointDefaults);
    }
    return cache[methodName];
  }
};
function endpointsToMethods(octokit) {
  const newMethods = {};
  for (const scope of endpointMethodsMap.keys()) {
    newMethods[scope] = new Proxy({ octokit, scope, cache: {} }, handler);
  }
  return newMethods;
}
function decorate(octokit, scope, methodName, defaults, decorations) {
  const requestWithDefaults = octokit.request.defaults(defaults);
  function withDecorations(...args) {
    let options = requestWithDefaults.endpoint.merge(...args);
    if (decorations.mapToData) {
      options = Object.assign({}, options, {
        data: options[decorations.mapToData],
        [decorations.mapToData]: void 0
      });
      return requestWithDefaults(options);
    }
    if (decorations.renamed) {
      const [newScope, newMethodName] = decorations.renamed;
      octokit.log.warn(
        `octokit.${scope}.${methodName}() has been renamed to octokit.${newScope}.${newMethodName}()`
      );
    }
    if (decorations.deprecated) {
      octokit.log.warn(decorations.deprecated);
    }
    if (decorations.renamedParameters) {
      const options2 = requestWithDefaults.endpoint.merge(...args);
      for (const [name, alias] of Object.entries(
        decorations.renamedParameters
      )) {
        if (name in options2) {
          octokit.log.warn(
            `"${name}" parameter is deprecated for "octokit.${scope}.${methodName}()". Use "${alias}" instead`
          );
          if (!(alias in options2)) {
            options2[alias] = options2[name];
          }
          delete options2[name];
        }
      }
      return requestWithDefaults(options2);
    }
    return requestWithDefaults(...args);
  }
  return Object.assign(withDecorations, requestWithDefaults);
}

function legacyRestEndpointMethods(octokit) {
  const api = endpointsToMethods(octokit);
  return {
    ...api,
    rest: api
  };
}
legacyRestEndpointMethods.VERSION = VERSION$1;

const VERSION = "22.0.1";

const Octokit = Octokit$1.plugin(requestLog, legacyRestEndpointMethods, paginateRest).defaults(
  {
    userAgent: `octokit-rest.js/${VERSION}`
  }
);

const DEFAULT_RETRY = {
    attempts: 4,
    baseDelayMs: 1000,
    maxDelayMs: 60_000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms))
};
/**
 * The one Octokit the action uses. The token is registered as a secret before anything can
 * print it, and Octokit's own logging goes to debug: a request that is retried is not an error
 * the user has to look at, and failures surface as the caller's own error with remediation.
 */
function createOctokit(token, options = {}) {
    const log = options.log;
    if (token !== '')
        log?.secret(token);
    const policy = { ...DEFAULT_RETRY, ...options.retry };
    const octokit = new Octokit({
        auth: token === '' ? undefined : token,
        baseUrl: (options.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
        userAgent: 'falco-publish',
        log: {
            debug: (message) => log?.debug(message),
            info: (message) => log?.debug(message),
            warn: (message) => log?.warning(message),
            error: (message) => log?.debug(message)
        }
    });
    octokit.hook.wrap('request', async (request, requestOptions) => {
        for (let attempt = 1;; attempt++) {
            try {
                return await request(requestOptions);
            }
            catch (error) {
                const wait = retryDelay(error, requestOptions.method, attempt, policy);
                if (wait === undefined)
                    throw error;
                log?.info(`GitHub API ${requestOptions.method} ${String(requestOptions.url)} answered ` +
                    `${describe(error)}; retrying in ${(wait / 1000).toFixed(1)}s ` +
                    `(attempt ${attempt + 1} of ${policy.attempts})`);
                await policy.sleep(wait);
            }
        }
    });
    return octokit;
}
function describe(error) {
    const failure = error;
    return failure.status ? `HTTP ${failure.status}` : String(failure.message ?? error);
}
/**
 * The wait before the next try, or undefined when the failure is final. Server errors and
 * connection failures (which @octokit/request reports as status 500) are retried for reads
 * only, since a write may have happened; rate limits are retried for every method, because
 * GitHub rejected the request before acting on it.
 */
function retryDelay(error, method, attempt, policy, now = Date.now()) {
    if (attempt >= policy.attempts)
        return undefined;
    const failure = error;
    const status = failure.status ?? 0;
    const headers = failure.response?.headers ?? {};
    const rateLimited = status === 429 ||
        (status === 403 &&
            (headers['retry-after'] !== undefined ||
                String(headers['x-ratelimit-remaining']) === '0' ||
                /secondary rate limit/i.test(failure.message ?? '')));
    const idempotent = ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
    if (!rateLimited && !(status >= 500 && idempotent))
        return undefined;
    const demanded = demandedWait(headers, now);
    if (demanded !== undefined)
        return demanded <= policy.maxDelayMs ? demanded : undefined;
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    // Full jitter, but never less than half the step, so retries do not hammer the server.
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
/** What the server asked for: Retry-After (seconds or a date), else the rate limit's reset time. */
function demandedWait(headers, now) {
    const retryAfter = headers['retry-after'];
    const asked = retryAfterMs(retryAfter === undefined ? undefined : String(retryAfter), now);
    if (asked !== undefined)
        return asked;
    if (String(headers['x-ratelimit-remaining']) === '0' &&
        headers['x-ratelimit-reset'] !== undefined) {
        return Math.max(0, Number(headers['x-ratelimit-reset']) * 1000 - now);
    }
    return undefined;
}

/**
 * ReleaseSources from the git checkout in `cwd`, with the GitHub API as the fallback for tags.
 * git runs through execFile (no shell, no output in the logs); what it prints is parsed here.
 */
function gitSources(cwd, remoteTags) {
    const git = (...args) => run(cwd, args);
    // Asked at most once per run, and answered from the checkout's files when they say.
    let shallow;
    const history = () => (shallow ??= shallowness(cwd, git));
    return {
        async describe() {
            await requireFullHistory(cwd, history);
            // One process in the common case: describe against the tags that can be stable semver
            // (a digit, or v and a digit, and no '-', which starts a prerelease), HEAD's full sha
            // in its answer. Whatever that cannot settle goes the exact, slower way below.
            const fast = await git('describe', '--tags', '--long', '--abbrev=40', '--match', '[0-9]*', '--match', 'v[0-9]*', '--exclude', '*-*', 'HEAD').catch((error) => {
                if (error instanceof GitFailed && NO_TAG.test(error.detail))
                    return undefined;
                throw error;
            });
            const parsed = fast === undefined ? null : /^(.+)-(\d+)-g([0-9a-f]{40})$/.exec(fast.trim());
            if (parsed && stableTagNames([parsed[1]]).length === 1) {
                return { tag: parsed[1], commits: Number(parsed[2]), sha7: parsed[3].slice(0, 7) };
            }
            return exactDescribe(cwd, git);
        },
        async stableTags() {
            // A shallow checkout of a tag push holds just that one tag, which would always look like
            // the highest; only a full clone's tags are the repository's tags.
            if ((await history()).state === 'full') {
                const local = lines(await git('tag', '--list'));
                if (local.length > 0)
                    return stableTagNames(local);
            }
            return stableTagNames(await remoteTags());
        }
    };
}
/** git describe's words when no tag matches (no tags at all, or none reachable). */
const NO_TAG = /No names found|No tags can describe|cannot describe/i;
/**
 * describe with each reachable stable tag's exact name (semver names hold no glob characters),
 * so rc, nightly and other tags are skipped: three processes, for what the fast path cannot
 * settle (no such tag at all, or a name the globs let through that is not stable semver).
 */
async function exactDescribe(cwd, git) {
    const head = (await git('rev-parse', '--verify', 'HEAD^{commit}')).trim();
    const sha7 = head.slice(0, 7);
    const reachable = stableTagNames(lines(await git('tag', '--merged', 'HEAD')));
    if (reachable.length === 0) {
        const commits = Number((await git('rev-list', '--count', 'HEAD')).trim());
        return { commits, sha7 };
    }
    const matches = reachable.flatMap((tag) => ['--match', tag]);
    const described = (await git('describe', '--tags', '--long', ...matches, 'HEAD')).trim();
    const parsed = /^(.+)-(\d+)-g[0-9a-f]+$/.exec(described);
    if (parsed === null) {
        throw new ReleaseError(`git describe in ${cwd} printed '${described}', which is not <tag>-<n>-g<sha>.`);
    }
    return { tag: parsed[1], commits: Number(parsed[2]), sha7 };
}
const FETCH_DEPTH_FIX = 'A development version is derived from the git history: check out with actions/checkout and ' +
    '`fetch-depth: 0`, or give the version input.';
async function requireFullHistory(cwd, history) {
    const { state, detail } = await history();
    // git's own words are kept: "not a git repository" and "dubious ownership" need different fixes.
    if (state === 'no-git') {
        throw new ReleaseError(`${cwd} is not a usable git checkout (${detail}). ${FETCH_DEPTH_FIX}`);
    }
    if (state === 'shallow') {
        throw new ReleaseError(`${cwd} is a shallow clone, so the commits since the last tag cannot be counted. ${FETCH_DEPTH_FIX}`);
    }
}
/**
 * Whether the checkout has its whole history. At the top of a checkout, git's own files say it
 * without a process: a repository is shallow exactly when its (common) git directory holds a
 * `shallow` file. Anywhere else (a subdirectory, GIT_DIR set), git is asked.
 */
async function shallowness(cwd, git) {
    const common = process.env.GIT_DIR === undefined ? await commonGitDir(cwd) : undefined;
    if (common !== undefined) {
        return { state: existsSync(path.join(common, 'shallow')) ? 'shallow' : 'full' };
    }
    try {
        const shallow = (await git('rev-parse', '--is-shallow-repository')).trim() === 'true';
        return { state: shallow ? 'shallow' : 'full' };
    }
    catch (error) {
        if (error instanceof GitFailed)
            return { state: 'no-git', detail: error.detail };
        throw error;
    }
}
/**
 * The git directory shared by all worktrees of the checkout at `cwd`: `.git` itself, or for a
 * worktree (`.git` a file saying `gitdir: ...`) the directory its `commondir` names. Undefined
 * when `cwd` is not the top of a checkout or the layout is not one of these.
 */
async function commonGitDir(cwd) {
    const dotGit = path.join(cwd, '.git');
    const info = await stat(dotGit).catch(() => undefined);
    if (info === undefined)
        return undefined;
    let gitDir = dotGit;
    if (info.isFile()) {
        const pointer = /^gitdir: (.+)$/m.exec(await readFile(dotGit, 'utf8'));
        if (pointer === null)
            return undefined;
        gitDir = path.resolve(cwd, pointer[1].trim());
    }
    if (!existsSync(path.join(gitDir, 'HEAD')))
        return undefined;
    const commondir = await readFile(path.join(gitDir, 'commondir'), 'utf8').catch(() => undefined);
    return commondir === undefined ? gitDir : path.resolve(gitDir, commondir.trim());
}
/** Tag names that are stable semver, as git names them (a `v` prefix kept). */
function stableTagNames(tags) {
    return tags.filter((tag) => stableVersions([tag]).length === 1);
}
function lines(output) {
    return output
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
}
/** git exited non-zero; the message carries its stderr, which names the problem. */
class GitFailed extends ReleaseError {
    detail;
    constructor(message, detail) {
        super(message);
        this.detail = detail;
    }
}
async function run(cwd, args) {
    // LC_ALL=C: messages are quoted in errors and must read the same on every runner.
    const { code, stdout, stderr, startError } = await runCommand('git', args, {
        cwd,
        env: { ...process.env, LC_ALL: 'C' }
    });
    if (code === 0)
        return stdout;
    if (startError)
        // spawn says ENOENT both when git is not installed and when cwd does not exist.
        throw new ReleaseError(`cannot run git in ${cwd}: ${startError.message}. Install git, or check out the repository into that directory.`);
    const detail = stderr.trim() || `exit code ${code}`;
    throw new GitFailed(`git ${args.slice(0, 2).join(' ')} in ${cwd} failed: ${detail}`, detail);
}

/**
 * The repository's tag names as GitHub lists them, every page. Used to find the highest stable
 * version when the checkout has no tags (a shallow clone), so `latest` can still be decided.
 */
async function remoteTags(octokit, owner, repo) {
    try {
        const tags = await octokit.paginate(octokit.rest.repos.listTags, { owner, repo, per_page: 100 });
        return tags.map((tag) => tag.name);
    }
    catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Could not list the tags of ${owner}/${repo} through the GitHub API: ${reason}. ` +
            `Check the github-token input (it needs contents: read), or check out with ` +
            `fetch-depth: 0 so the local git tags are used instead.`, { cause: error });
    }
}

/**
 * A stage whose code, and the libraries it needs (OpenPGP, the registry client, YAML), is loaded
 * the first time it plans with work to do (see work.ts): a run that publishes nothing (a pull
 * request) never pays for it, nor a run for the stages it has no inputs for, and the action's
 * first log line comes sooner.
 */
function lazy(name, load) {
    let stage;
    const loaded = () => (stage ??= (async () => {
        mark('plan');
        const code = await load();
        mark(`load ${name}`);
        return code;
    })());
    return {
        name,
        plan: async (ctx) => hasWork[name](ctx) ? (await loaded()).plan(ctx) : { stage: name, operations: [] },
        apply: async (plan, ctx) => (await loaded()).apply(plan, ctx)
    };
}
/** The stages, in the order they are applied: packages, containers, drivers, the GitHub release, then verify. */
const allStages = [
    lazy('packages', async () => (await import('./packages-cpPQRx6c.js')).packagesStage),
    lazy('containers', async () => (await import('./containers-c0qToJj9.js')).containersStage),
    lazy('drivers', async () => (await import('./drivers-T9TsTVrR.js')).driversStage),
    lazy('release', async () => (await import('./release-C44Hm8KK.js')).releaseStage),
    lazy('verify', async () => (await import('./verify-CsiDzefi.js')).verifyStage)
];

/**
 * Per-key mutual exclusion between processes sharing one directory, built on the one primitive
 * every local filesystem makes atomic: `link()` fails with EEXIST when the name is taken.
 *
 * A lock is a file `<dir>/<sha256 of key>.lock` holding its owner's pid, host and a random token.
 * It is written completely under a private name first and then linked into place, so nobody ever
 * reads a half-written lock. A lock whose owner is dead (same host, pid gone) or that is older
 * than `staleMs` is broken, but only by one waiter at a time: breaking needs the `.break` file,
 * also create-only, and under it the waiter checks that the lock is still the very one it judged
 * stale before removing it. Without that, two waiters that both saw the same dead lock could
 * remove each other's fresh one. (The remaining hole: a process dying inside those few lines
 * leaves a `.break` file that is itself broken by age or dead pid, without a second guard.)
 *
 * The lock files are written, linked, read and removed with synchronous calls. Each is a few
 * microseconds of kernel work on a tiny file, while handing it to libuv's thread pool costs tens
 * of microseconds of thread wake-ups: measured on a 2-core runner, a lock taken and released
 * cost ~650 µs of CPU asynchronously, and a publish takes one for every object it writes.
 * Only the waiting between attempts is asynchronous.
 */
class KeyLocks {
    dir;
    staleMs;
    timeoutMs;
    onBreak;
    constructor(dir, options = {}) {
        this.dir = dir;
        this.staleMs = options.staleMs ?? 30_000;
        this.timeoutMs = options.timeoutMs ?? 120_000;
        this.onBreak = options.onBreak ?? (() => { });
    }
    /** Runs `critical` while holding the lock of `key`; the lock is released even when it throws. */
    async withLock(key, critical) {
        const lockPath = this.pathOf(key);
        const token = await this.acquire(key, lockPath);
        try {
            return await critical();
        }
        finally {
            this.release(lockPath, token);
        }
    }
    pathOf(key) {
        return path.join(this.dir, `${createHash('sha256').update(key).digest('hex')}.lock`);
    }
    async acquire(key, lockPath) {
        const me = {
            pid: process.pid,
            host: hostname(),
            token: randomUUID(),
            since: Date.now()
        };
        const started = Date.now();
        let delay = 1;
        for (;;) {
            if (place(lockPath, me))
                return me.token;
            const holder = readHolder(lockPath);
            if (holder === undefined)
                continue; // released between our attempt and our look: try again now
            if (this.isStale(holder)) {
                const outcome = this.breakStale(lockPath, holder);
                if (outcome === 'broken')
                    this.onBreak(key, holder);
                if (outcome !== 'wait')
                    continue;
            }
            if (Date.now() - started > this.timeoutMs) {
                throw new Error(`timed out after ${this.timeoutMs} ms waiting for the lock on store key ${key} ` +
                    `(${lockPath}, held by pid ${holder.pid} on ${holder.host}); ` +
                    `if that process is gone, delete the lock file`);
            }
            // Exponential backoff with jitter, capped low: locks are held for a stat and a rename.
            await sleep(delay * (0.5 + Math.random()));
            delay = Math.min(delay * 2, 50);
        }
    }
    release(lockPath, token) {
        // Only remove the lock if it is still ours. It is not when we held it past `staleMs` and a
        // waiter broke it; removing the new holder's lock would let a third process in beside it.
        const holder = readHolder(lockPath);
        if (holder?.token === token)
            removeFileSync(lockPath);
    }
    isStale(holder) {
        if (Date.now() - holder.since > this.staleMs)
            return true;
        return holder.host === hostname() && !isAlive(holder.pid);
    }
    /**
     * Removes `lockPath` if it still is `stale`. 'broken': it was removed; 'retry': something
     * changed (another waiter broke it first, or an abandoned breaker was cleared), look again
     * now; 'wait': another waiter is breaking it, back off.
     */
    breakStale(lockPath, stale) {
        const breakPath = `${lockPath}.break`;
        const breaker = {
            pid: process.pid,
            host: hostname(),
            token: randomUUID(),
            since: Date.now()
        };
        if (!place(breakPath, breaker)) {
            const other = readHolder(breakPath);
            if (other === undefined)
                return 'retry';
            if (!this.isStale(other))
                return 'wait';
            removeFileSync(breakPath);
            return 'retry';
        }
        try {
            const now = readHolder(lockPath);
            if (now?.token !== stale.token)
                return 'retry';
            removeFileSync(lockPath);
            return 'broken';
        }
        finally {
            removeFileSync(breakPath);
        }
    }
}
/** Creates `file` holding `holder`, atomically and only if it does not exist yet. */
function place(file, holder) {
    const draft = `${file}.${holder.token}.draft`;
    try {
        writeFileSync(draft, JSON.stringify(holder), { flag: 'wx' });
    }
    catch (error) {
        if (code(error) !== 'ENOENT')
            throw error;
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(draft, JSON.stringify(holder), { flag: 'wx' });
    }
    try {
        linkSync(draft, file);
        return true;
    }
    catch (error) {
        if (code(error) === 'EEXIST')
            return false;
        throw error;
    }
    finally {
        removeFileSync(draft);
    }
}
function readHolder(file) {
    let text;
    try {
        text = readFileSync(file, 'utf8');
    }
    catch (error) {
        if (code(error) === 'ENOENT')
            return undefined;
        throw error;
    }
    try {
        const parsed = JSON.parse(text);
        if (typeof parsed.pid === 'number' && typeof parsed.token === 'string') {
            return {
                pid: parsed.pid,
                host: String(parsed.host ?? ''),
                token: parsed.token,
                since: Number(parsed.since ?? 0)
            };
        }
    }
    catch {
        // Not ours (a lock file written by hand or by something else): judge it by its age alone.
    }
    let since = 0;
    try {
        since = statSync(file).mtimeMs;
    }
    catch {
        // gone or unreadable: as old as can be
    }
    return { pid: 0, host: '', token: `foreign:${text}`, since };
}
/** Whether process `pid` on this host is still running. */
function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        // EPERM: the process exists but belongs to someone else.
        return code(error) === 'EPERM';
    }
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
/** Deletes a file, one already gone included: a single unlink, where rm() looks first. */
function removeFileSync(file) {
    try {
        unlinkSync(file);
    }
    catch (error) {
        if (code(error) !== 'ENOENT')
            throw error;
    }
}
function code(error) {
    return error?.code;
}

/** Objects are read 1 MiB at a time: an index of megabytes in a few chunks, not hundreds. */
const READ_CHUNK$1 = 1 << 20;
/** Objects listed between turns of the event loop. */
const LIST_BATCH = 256;
/** The store's own files (temporary writes, locks) live here, inside the root, never listed. */
const STATE_DIR = '.falco-publish';
/**
 * A Store on a local directory: the embedded default, and what a web server serves from.
 *
 * Writes stream into a temporary file under `<root>/.falco-publish/tmp/` (same filesystem, so
 * the final rename is atomic), hashing on the way, then rename into place: a reader sees the old
 * object or the new one, never a part. When the bytes reach the disk depends on the object (see
 * `deferred`). A new immutable object (a package, its signature, a content-addressed index) is
 * placed without an fsync; every other write is a barrier: it first syncs every object placed so
 * far without one (16 at a time) and their folders, then fsyncs its own bytes before its rename
 * and its folder after, as every write did before. An index (InRelease, repomd.xml, a listing, a
 * commit) is never on disk before the files it names, and a publish of N packages syncs them in
 * one bounded burst before its commit instead of one after the other.
 *
 * The etag is the file's inode, size and mtime in nanoseconds: a replacement is a new inode, and
 * the mtime is set so that it always moves forward (see `stamp`), so the etag changes on every
 * replacement without reading any content.
 *
 * Preconditions hold between processes on one machine (and on filesystems with atomic link and
 * rename):
 * - `ifNoneMatch: '*'` links the finished temp file to the key; link() fails when the name
 *   exists, so exactly one of several creators wins, and no existing object is ever replaced.
 * - every other change to a key (plain put, `ifMatch` put, delete) happens under the key's lock
 *   (see KeyLocks): `ifMatch` compares the etag and renames while nobody else can change the key,
 *   and a create-only link cannot slip in because the object exists for the whole time.
 * So a compare-and-swap loop never loses an update, and a failed conditional put changes nothing.
 *
 * Metadata calls (stat, link, rename, unlink, mkdir, readdir, utimes) and reads and writes of
 * bytes already in memory are synchronous; fsync, the kernel's copy of kept bytes and streamed
 * bodies are not. A metadata call is microseconds of kernel work, and handing it to libuv's
 * thread pool costs far more than that in thread wake-ups (on a 2-core runner: ~85 µs for an
 * asynchronous stat, ~10 µs for a synchronous one), and a publish makes hundreds of them. What
 * waits on the disk stays off the event loop.
 */
class FileStore {
    location;
    root;
    tmpDir;
    locks;
    baseUrl;
    /** Folders known to exist (see intoPlace). */
    folders = new Set();
    tempMade = false;
    /** New immutable objects placed without an fsync, and their folders: synced by `flush`. */
    unsynced = { files: new Set(), folders: new Set() };
    /** The last flush: a barrier waits for every flush before it (see flush). */
    flushed = Promise.resolve();
    constructor(rootDir, options = {}) {
        this.root = path.resolve(rootDir);
        this.location = pathToFileURL(this.root).href;
        this.tmpDir = path.join(this.root, STATE_DIR, 'tmp');
        this.locks = new KeyLocks(path.join(this.root, STATE_DIR, 'locks'), {
            ...options.lock,
            onBreak: (key, holder) => options.log?.warning(`broke an abandoned lock on store key ${key} in ${this.location} (pid ${holder.pid} on ${holder.host})`)
        });
        this.baseUrl = options.baseUrl === undefined ? undefined : withSlash(options.baseUrl);
    }
    async head(key) {
        const stats = fileStats(this.pathOf(key));
        return stats && info(key, stats);
    }
    async get(key) {
        const file = this.pathOf(key);
        let handle;
        try {
            handle = await open(file, 'r');
        }
        catch (error) {
            if (isAbsent(error))
                return undefined;
            throw error;
        }
        // The open handle keeps reading this version even if the key is replaced meanwhile.
        if (!(await handle.stat()).isFile()) {
            await handle.close();
            return undefined;
        }
        return handle.createReadStream({ highWaterMark: READ_CHUNK$1 });
    }
    /** One read into a buffer of the file's size: a few times quicker than a stream's chunks. */
    async read(key, range) {
        let fd;
        try {
            fd = openSync(this.pathOf(key), 'r');
        }
        catch (error) {
            if (isAbsent(error))
                return undefined;
            throw error;
        }
        try {
            const stats = fstatSync(fd);
            if (!stats.isFile())
                return undefined;
            const start = range?.start ?? 0;
            const end = Math.min(range?.end ?? stats.size, stats.size);
            const bytes = Buffer.allocUnsafe(Math.max(0, end - start));
            let at = 0;
            while (at < bytes.length) {
                const bytesRead = readSync(fd, bytes, at, bytes.length - at, start + at);
                if (bytesRead === 0)
                    break;
                at += bytesRead;
            }
            return bytes.subarray(0, at);
        }
        finally {
            closeSync(fd);
        }
    }
    /**
     * The kept bytes are copied by the kernel (copy_file_range, or a reflink where the filesystem
     * shares blocks), never through this process; then the appended bytes are written after them,
     * the file is linked into place, create-only; its bytes are synced at the next barrier (the
     * result is content-addressed: see `deferred`).
     */
    async extend(from, keep, append, to, sha256) {
        const source = this.pathOf(from);
        const dest = this.pathOf(to);
        const precondition = { ifNoneMatch: '*' };
        const existing = fileStats(dest);
        if (existing && !isTorn(existing, keep + byteLength(append)))
            throw new PreconditionFailed(to, precondition);
        const file = this.tempName();
        this.tempFolder();
        try {
            try {
                await copyFile(source, file, constants.COPYFILE_FICLONE);
            }
            catch (error) {
                throw new Error(`cannot extend ${from} into ${to} in ${this.location}: ${isAbsent(error) ? `no object ${from}` : message(error)}`, { cause: error });
            }
            const fd = openSync(file, 'r+');
            let size = keep;
            try {
                if (fstatSync(fd).size < keep)
                    throw new Error(`cannot extend ${from} into ${to} in ${this.location}: ${from} is shorter than ${keep} bytes`);
                ftruncateSync(fd, keep);
                for (const part of append) {
                    writeAll(fd, part, size);
                    size += part.length;
                }
            }
            finally {
                closeSync(fd);
            }
            const stats = stamp(file, undefined);
            const placed = await this.createImmutable(to, dest, file, size);
            if (!placed)
                throw new PreconditionFailed(to, precondition);
            return { key: to, size, sha256, etag: etagOf(stats) };
        }
        finally {
            removeFileSync(file);
        }
    }
    async put(key, body, options = {}) {
        const dest = this.pathOf(key);
        const precondition = options.precondition;
        // contentType is not kept: a file server derives it from the file name.
        if (precondition && !this.holds(dest, precondition) && !this.mayHeal(dest, body, options)) {
            // Fail before streaming a possibly large body that could not be written anyway.
            if (body instanceof Readable)
                body.destroy();
            throw new PreconditionFailed(key, precondition);
        }
        const createOnly = precondition !== undefined && 'ifNoneMatch' in precondition;
        // Advisory: a plain put that finds the key taken is synced after all (under its lock, below).
        const defer = deferred(options) && (createOnly || (!precondition && !fileStats(dest)));
        // Bytes are written as they are: Buffer.from() of a Buffer would copy them first.
        const temp = Buffer.isBuffer(body)
            ? await this.writeBytes(key, body, options.sha256, !defer)
            : typeof body === 'string'
                ? await this.writeBytes(key, Buffer.from(body), options.sha256, !defer)
                : await this.writeTemp(key, body, !defer);
        // A rename moves the temporary file into place; a link leaves it to be removed.
        let moved = false;
        try {
            let stats;
            if (createOnly && defer) {
                stats = stamp(temp.file, undefined);
                if (!(await this.createImmutable(key, dest, temp.file, temp.size)))
                    throw new PreconditionFailed(key, precondition);
                return { key, size: temp.size, sha256: temp.sha256, etag: etagOf(stats) };
            }
            // A barrier: what this write may name (packages, by-hash indexes) is on disk before it.
            if (!defer)
                await this.flush();
            if (createOnly) {
                stats = stamp(temp.file, undefined);
                if (!this.linkNew(key, dest, temp.file))
                    throw new PreconditionFailed(key, precondition);
            }
            else {
                stats = await this.locks.withLock(key, async () => {
                    const current = fileStats(dest);
                    if (precondition && (!current || etagOf(current) !== precondition.ifMatch)) {
                        throw new PreconditionFailed(key, precondition);
                    }
                    // Replacing a file an index may name: never with bytes not yet on disk.
                    if (current && defer)
                        await fsyncPath(temp.file);
                    const stamped = stamp(temp.file, current);
                    this.intoPlace(key, dest, () => renameSync(temp.file, dest));
                    moved = true;
                    return stamped;
                });
            }
            if (defer)
                this.pending(dest);
            else
                await syncDirectory(path.dirname(dest));
            return { key, size: temp.size, sha256: temp.sha256, etag: etagOf(stats) };
        }
        finally {
            if (!moved)
                removeFileSync(temp.file);
        }
    }
    /**
     * A hard link, taking the key's place like any write (link to a temp name, then rename); a
     * create-only copy links straight to the name, and leaves one that exists as it is.
     */
    async copy(from, to, options = {}) {
        const source = this.pathOf(from);
        const dest = this.pathOf(to);
        if (options.createOnly) {
            const stats = fileStats(source);
            if (!stats)
                throw new Error(`cannot copy ${from} to ${to} in ${this.location}: no object ${from}`);
            // One that exists holds these bytes (the name is content-addressed). A new link names
            // bytes that may still wait for the next barrier (a by-hash index): so does the link,
            // and when they wait under the source's name, only the link's folder needs syncing.
            await this.createImmutable(to, dest, source, Number(stats.size), this.unsynced.files.has(source));
            return;
        }
        // A barrier: the copied bytes, and what the copy may name, are on disk before it.
        await this.flush();
        const temp = this.tempName();
        this.tempFolder();
        try {
            try {
                linkSync(source, temp);
            }
            catch (error) {
                throw new Error(`cannot copy ${from} to ${to} in ${this.location}: ${isAbsent(error) ? `no object ${from}` : message(error)}`, { cause: error });
            }
            await this.locks.withLock(to, async () => this.intoPlace(to, dest, () => renameSync(temp, dest)));
            await syncDirectory(path.dirname(dest));
        }
        finally {
            // Left behind when `to` already was a link to the same file (rename then does nothing).
            removeFileSync(temp);
        }
    }
    async *list(prefix) {
        // Only the folder the prefix ends in is read, then everything below it that can match.
        const slash = prefix.lastIndexOf('/');
        const folder = slash <= 0 ? '' : checkKey(prefix.slice(0, slash));
        // A driver folder holds thousands of files: other work gets the event loop between batches.
        let listed = 0;
        for (const object of this.walk(folder, prefix)) {
            yield object;
            if (++listed % LIST_BATCH === 0)
                await new Promise((resolve) => setImmediate(resolve));
        }
    }
    async delete(key) {
        const file = this.pathOf(key);
        await this.locks.withLock(key, async () => {
            try {
                unlinkSync(file);
            }
            catch (error) {
                if (isAbsent(error) || code(error) === 'EISDIR')
                    return;
                throw error;
            }
        });
        this.prune(path.dirname(file));
    }
    url(key) {
        const file = this.pathOf(key);
        if (this.baseUrl === undefined)
            return pathToFileURL(file).href;
        return this.baseUrl + key.split('/').map(encodeSegment).join('/');
    }
    pathOf(key) {
        checkKey(key);
        if (key === STATE_DIR || key.startsWith(`${STATE_DIR}/`)) {
            throw new Error(`invalid store key ${JSON.stringify(key)}: ${STATE_DIR}/ is reserved for the temporary and lock files of ${this.location}`);
        }
        return path.join(this.root, ...key.split('/'));
    }
    /** An early, advisory look at the precondition; the binding check happens when renaming. */
    holds(dest, precondition) {
        const current = fileStats(dest);
        return 'ifNoneMatch' in precondition
            ? current === undefined
            : current !== undefined && etagOf(current) === precondition.ifMatch;
    }
    /** A create-only immutable put of bytes in memory over a torn leftover (see createImmutable). */
    mayHeal(dest, body, options) {
        if (!deferred(options) || (typeof body !== 'string' && !Buffer.isBuffer(body)))
            return false;
        const there = fileStats(dest);
        return there !== undefined && isTorn(there, Buffer.byteLength(body));
    }
    /** Bytes in memory: one write (an fsync when `sync`), hashed unless the caller gave the sha256. */
    async writeBytes(key, bytes, sha256, sync) {
        const file = this.tempName();
        try {
            this.tempFolder();
            const fd = openSync(file, 'wx');
            try {
                writeAll(fd, bytes, 0);
                if (sync)
                    await fsyncAsync(fd);
            }
            finally {
                closeSync(fd);
            }
        }
        catch (error) {
            removeFileSync(file);
            throw new Error(`cannot write store key ${key} to ${this.location}: ${message(error)}`, {
                cause: error
            });
        }
        return { file, sha256: sha256 ?? sha256Hex(bytes), size: bytes.length };
    }
    async writeTemp(key, body, sync) {
        const file = this.tempName();
        const digest = new Sha256Stream();
        try {
            this.tempFolder();
            // flush: fsync before close, so the rename never exposes a file whose bytes are not on disk.
            await pipeline(toStream(body), digest, createWriteStream(file, { flags: 'wx', flush: sync }));
        }
        catch (error) {
            removeFileSync(file);
            throw new Error(`cannot write store key ${key} to ${this.location}: ${message(error)}`, {
                cause: error
            });
        }
        return { file, sha256: digest.sha256, size: digest.size };
    }
    /**
     * A fresh name for a temporary file, unique between processes and calls, naming its writer
     * (pid and host) so that the leftovers of a killed run can be told from writes under way.
     */
    tempName() {
        return path.join(this.tmpDir, `${process.pid}@${hostname()}-${randomUUID()}.tmp`);
    }
    /**
     * Links `file` to the key's name, create-only (link() fails when the name exists, so exactly
     * one of several creators wins): false when an object holds the name already.
     */
    linkNew(key, dest, file) {
        let created = true;
        this.intoPlace(key, dest, () => {
            try {
                linkSync(file, dest);
            }
            catch (error) {
                if (code(error) !== 'EEXIST' || !fileStats(dest))
                    throw error;
                created = false;
            }
        });
        return created;
    }
    /**
     * Places a new immutable object (content-addressed: its name says its bytes) without syncing
     * it: false when an object holds the name already. `bytesPending`: `file` is itself waiting
     * for the barrier, synced under its own name, so only the new name's folder is noted. One
     * there that is shorter is the torn leftover of a crash that came before its bytes reached the
     * disk (a name journaled, its blocks not: empty on ext4 and XFS), never another version: it is
     * replaced, synced this time, under the key's lock.
     */
    async createImmutable(key, dest, file, size, bytesPending = false) {
        if (this.linkNew(key, dest, file)) {
            if (bytesPending)
                this.unsynced.folders.add(path.dirname(dest));
            else
                this.pending(dest);
            return true;
        }
        const there = fileStats(dest);
        if (!there || !isTorn(there, size))
            return false;
        const temp = this.tempName();
        this.tempFolder();
        try {
            linkSync(file, temp);
            await fsyncPath(temp);
            await this.locks.withLock(key, async () => {
                const current = fileStats(dest);
                if (current && !isTorn(current, size))
                    return;
                this.intoPlace(key, dest, () => renameSync(temp, dest));
            });
            await syncDirectory(path.dirname(dest));
        }
        finally {
            removeFileSync(temp);
        }
        return true;
    }
    /** Notes an object placed without an fsync, for the next barrier. */
    pending(dest) {
        this.unsynced.files.add(dest);
        this.unsynced.folders.add(path.dirname(dest));
    }
    /**
     * Makes every object placed so far without an fsync durable, with its folder: the barrier that
     * comes before any write that may name them. It waits for the flushes before it (their files
     * may be what the caller's write names) and retries what a failed one left.
     */
    async flush() {
        const run = this.flushed.catch(() => { }).then(() => this.syncPending());
        this.flushed = run;
        return run;
    }
    async syncPending() {
        const { files, folders } = this.unsynced;
        if (files.size === 0 && folders.size === 0)
            return;
        const batch = { files: [...files], folders: [...folders] };
        files.clear();
        folders.clear();
        try {
            // Bounded: one open file per sync in flight, whatever the number of packages.
            await forEachBounded(batch.files, SYNC_CONCURRENCY, fsyncPath);
            await forEachBounded(batch.folders, SYNC_CONCURRENCY, syncDirectory);
        }
        catch (error) {
            for (const file of batch.files)
                files.add(file);
            for (const folder of batch.folders)
                folders.add(folder);
            throw new Error(`cannot sync the new objects of ${this.location}: ${message(error)}`, {
                cause: error
            });
        }
    }
    /** Makes the folder of temporary files, once per store object, and collects what killed runs left there. */
    tempFolder() {
        if (this.tempMade)
            return;
        mkdirSync(this.tmpDir, { recursive: true });
        this.tempMade = true;
        collectAbandoned(this.tmpDir);
    }
    /**
     * Runs `move` into a folder made first, again if a concurrent delete pruned it. A folder this
     * store made or saw is not made again until a move into it finds it gone.
     */
    intoPlace(key, dest, move) {
        const folder = path.dirname(dest);
        for (let attempt = 1;; attempt++) {
            try {
                if (!this.folders.has(folder)) {
                    mkdirSync(folder, { recursive: true });
                    this.folders.add(folder);
                }
                move();
                return;
            }
            catch (error) {
                if (error instanceof PreconditionFailed)
                    throw error;
                this.folders.delete(folder);
                if (code(error) === 'ENOENT' && attempt < 5)
                    continue;
                throw this.placeError(key, error);
            }
        }
    }
    /** Explains the one way a key can be valid and still not fit: files and folders share names. */
    placeError(key, error) {
        const parts = key.split('/');
        for (let i = 1; i < parts.length; i++) {
            const above = parts.slice(0, i).join('/');
            if (fileStats(path.join(this.root, ...parts.slice(0, i)))) {
                return new Error(`cannot write store key ${key} to ${this.location}: ${above} is an object, so it cannot also hold keys below it`, { cause: error });
            }
        }
        if (statSync(path.join(this.root, ...parts), { throwIfNoEntry: false })?.isDirectory()) {
            return new Error(`cannot write store key ${key} to ${this.location}: other keys live under ${key}/, so it cannot also be an object`, { cause: error });
        }
        return new Error(`cannot write store key ${key} to ${this.location}: ${message(error)}`, {
            cause: error
        });
    }
    *walk(folder, prefix) {
        let entries;
        try {
            entries = readdirSync(path.join(this.root, ...(folder ? folder.split('/') : [])), {
                withFileTypes: true
            });
        }
        catch (error) {
            if (isAbsent(error))
                return;
            throw error;
        }
        const named = entries
            .filter((entry) => !(folder === '' && entry.name === STATE_DIR))
            .map((entry) => ({ entry, key: folder ? `${folder}/${entry.name}` : entry.name }))
            .filter(({ key }) => isKey(key))
            // Key order is the byte order of the keys, as S3 lists them. A folder sorts as its name
            // plus '/', which is where its keys fall among its siblings: 'a.txt' < 'a/b' < 'a0'.
            .map((item) => ({
            ...item,
            sortAs: Buffer.from(item.entry.isDirectory() ? `${item.key}/` : item.key)
        }))
            .sort((a, b) => Buffer.compare(a.sortAs, b.sortAs));
        // Keys come out in key order; a sub-folder's keys at its place in that order.
        for (const { entry, key } of named) {
            if (entry.isDirectory()) {
                const below = `${key}/`;
                if (below.startsWith(prefix) || prefix.startsWith(below))
                    yield* this.walk(key, prefix);
            }
            else if ((entry.isFile() || entry.isSymbolicLink()) && key.startsWith(prefix)) {
                const stats = fileStats(path.join(this.root, ...key.split('/')));
                // Gone since readdir (a concurrent delete) or a link to a folder: not an object.
                if (stats)
                    yield info(key, stats);
            }
        }
    }
    /** Removes folders left empty by a delete, up to (not including) the root. */
    prune(folder) {
        for (let dir = folder; dir !== this.root && dir.startsWith(this.root + path.sep); dir = path.dirname(dir)) {
            try {
                rmdirSync(dir);
                this.folders.delete(dir);
            }
            catch (error) {
                if (code(error) === 'ENOENT')
                    continue;
                return; // not empty (ENOTEMPTY, EEXIST): something else still lives there
            }
        }
    }
}
function info(key, stats) {
    return {
        key,
        size: Number(stats.size),
        etag: etagOf(stats),
        modified: new Date(Number(stats.mtimeNs / 1000000n))
    };
}
function etagOf(stats) {
    return `${stats.ino.toString(16)}-${stats.size.toString(16)}-${stats.mtimeNs.toString(16)}`;
}
/**
 * Sets the new file's mtime (which the etag carries) before it takes the key's place, and
 * returns its final stats. Filesystem timestamps come from a coarse clock (milliseconds), and
 * a replaced file's inode number is free to be reused by the next write: two quick same-size
 * writes could otherwise produce the etag of an earlier version and let a stale ifMatch through.
 * So the mtime is the precise time now, and for a replacement at least 1 µs after the mtime of
 * the version it replaces (replacements happen under the key's lock, so this is ordered).
 */
function stamp(file, replacing) {
    const now = (performance.timeOrigin + performance.now()) / 1000;
    // Seconds as a double keep ~0.25 µs of precision today; 1 µs survives the rounding.
    const after = replacing ? Number(replacing.mtimeNs) / 1e9 + 1e-6 : 0;
    const time = Math.max(now, after);
    utimesSync(file, time, time);
    return statSync(file, { bigint: true });
}
/** The stats of a regular file (following links), or undefined when there is none. */
function fileStats(file) {
    try {
        const stats = statSync(file, { bigint: true });
        return stats.isFile() ? stats : undefined;
    }
    catch (error) {
        if (isAbsent(error))
            return undefined;
        throw error;
    }
}
/**
 * A temporary file of another host, or of an older version that did not name its host, is judged
 * by its age alone: no write streams for this long.
 */
const ABANDONED_TEMP_MS = 6 * 60 * 60 * 1000;
/**
 * Removes the temporary files of writers that are gone: those of this host whose process no
 * longer runs, and any not touched for ABANDONED_TEMP_MS. A run killed mid-write leaves its
 * temporary file behind; nothing else would ever remove it.
 */
function collectAbandoned(tmpDir) {
    let names;
    try {
        names = readdirSync(tmpDir);
    }
    catch {
        return;
    }
    const host = hostname();
    for (const name of names) {
        const writer = /^(\d+)@(.+)-[0-9a-f-]{36}\.tmp$/.exec(name);
        const file = path.join(tmpDir, name);
        let gone = writer !== null && writer[2] === host && !isAlive(Number(writer[1]));
        if (!gone) {
            const stats = statSync(file, { throwIfNoEntry: false });
            gone = stats !== undefined && Date.now() - stats.mtimeMs > ABANDONED_TEMP_MS;
        }
        if (gone)
            removeFileSync(file);
    }
}
const folderSyncs = new Map();
/**
 * Makes the renames and links made in `dir` durable (a filesystem that cannot sync folders is
 * left be). Concurrent callers share fsyncs: an fsync covers
 * every change made before it started, so a caller waits for the first one to start after its
 * own call, and a burst of puts into one folder (the by-hash copies of an index) costs one or two
 * fsyncs instead of one each, which the filesystem's journal would otherwise run one by one.
 */
async function syncDirectory(dir) {
    let state = folderSyncs.get(dir);
    if (!state)
        folderSyncs.set(dir, (state = { asked: 0, covered: 0 }));
    const mine = ++state.asked;
    while (state.covered < mine) {
        if (state.running) {
            await state.running;
            continue;
        }
        const covers = state.asked;
        const s = state;
        s.running = fsyncFolder(dir).then(() => {
            s.covered = Math.max(s.covered, covers);
            s.running = undefined;
        });
        await s.running;
    }
    if (!state.running && state.covered === state.asked)
        folderSyncs.delete(dir);
}
async function fsyncFolder(dir) {
    let fd;
    try {
        fd = openSync(dir, 'r');
    }
    catch {
        return;
    }
    try {
        await fsyncAsync(fd);
    }
    catch {
        // EINVAL/EISDIR on filesystems that do not support syncing a directory.
    }
    finally {
        closeSync(fd);
    }
}
/** fsync on the thread pool: it waits on the disk. */
function fsyncAsync(fd) {
    return new Promise((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
}
/**
 * Fsyncs in flight at once at a barrier: enough to keep the disk's queue and libuv's four
 * threads busy (the journal commits concurrent fsyncs together), few enough open files.
 */
const SYNC_CONCURRENCY = 16;
/**
 * Whether a write may be placed without an fsync, synced at the next barrier: an immutable
 * object's name is never reused for other bytes, and only an index (written as a barrier) makes
 * it part of a repository; the caller says so of others (a package's signature).
 */
function deferred(options) {
    return options.lifetime === 'immutable' || options.syncLater === true;
}
/**
 * An immutable object shorter than the bytes its name stands for: torn by a crash that came before
 * its blocks reached the disk (one of another, larger size is another object, left as it is).
 */
function isTorn(stats, size) {
    return stats.size < BigInt(size);
}
function byteLength(parts) {
    return parts.reduce((sum, part) => sum + part.length, 0);
}
/** Fsyncs the file at `file`; one deleted meanwhile needs nothing. */
async function fsyncPath(file) {
    let handle;
    try {
        handle = await open(file, 'r');
    }
    catch (error) {
        if (isAbsent(error))
            return;
        throw error;
    }
    try {
        await handle.sync();
    }
    finally {
        await handle.close();
    }
}
async function forEachBounded(items, limit, run) {
    let next = 0;
    const worker = async () => {
        while (next < items.length)
            await run(items[next++]);
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
/** Writes all of `bytes` at `position` (a write may take fewer bytes than it was given). */
function writeAll(fd, bytes, position) {
    for (let at = 0; at < bytes.length;)
        at += writeSync(fd, bytes, at, bytes.length - at, position + at);
}
function toStream(body) {
    if (typeof body === 'string')
        return Readable.from([Buffer.from(body, 'utf8')]);
    if (Buffer.isBuffer(body))
        return Readable.from([body]);
    return body;
}
function isAbsent(error) {
    return code(error) === 'ENOENT' || code(error) === 'ENOTDIR';
}
/** File names that are not valid keys (a backslash, a control character) cannot be addressed. */
function isKey(key) {
    try {
        checkKey(key);
        return true;
    }
    catch {
        return false;
    }
}
function withSlash(baseUrl) {
    let parsed;
    try {
        parsed = new URL(baseUrl);
    }
    catch {
        // fall through to the error below
    }
    if (parsed?.protocol !== 'https:' && parsed?.protocol !== 'http:') {
        // Whatever precedes an '@' could be a credential: keep it out of the message.
        const shown = baseUrl.replace(/^.*@/, '…@');
        throw new Error(`invalid base URL ${JSON.stringify(shown)} for the file store: expected an http(s) URL such as https://download.example.org/`);
    }
    return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
}
/**
 * Percent-encodes what a URL path segment cannot hold, and '+': S3 and the CDNs in front of it read
 * a literal '+' in a path as a space, so the dev versions' build metadata (`0.41.0-15+8c4040b`) is
 * written `%2B`, as Falco's own links and falcoctl write it. Keeps '~', ':' and the like.
 */
function encodeSegment(segment) {
    return segment.replace(/[^A-Za-z0-9\-._~!$&'()*,;=:@]/gu, (c) => encodeURIComponent(c));
}
function message(error) {
    return error instanceof Error ? error.message : String(error);
}

/**
 * nginx's JSON autoindex (`autoindex on; autoindex_format json;`):
 * `[{"name":"a.deb","type":"file","mtime":"Mon, 07 Dec 2026 08:00:00 GMT","size":123}, ...]`.
 * Undefined when the text is not such a listing (an HTML autoindex, an error page).
 */
function parseAutoindex(text) {
    let entries;
    try {
        entries = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (!Array.isArray(entries))
        return undefined;
    return entries.map((raw) => {
        const entry = raw;
        return {
            name: String(entry.name),
            folder: entry.type === 'directory',
            size: typeof entry.size === 'number' ? entry.size : 0,
            ...dateOf(entry.mtime)
        };
    });
}
/** The body of a PROPFIND (Depth: 1) asking for what a listing needs, nothing more. */
const PROPFIND_BODY = '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<D:propfind xmlns:D="DAV:"><D:prop>' +
    '<D:resourcetype/><D:getcontentlength/><D:getlastmodified/>' +
    '</D:prop></D:propfind>\n';
/** The XML parser, loaded the first time a server answers PROPFIND: most runs never list that way. */
let parser;
function xmlParser() {
    parser ??= import('./fxp-BUkbEXL4.js').then(({ XMLParser }) => new XMLParser({
        removeNSPrefix: true,
        ignoreAttributes: true,
        parseTagValue: false,
        isArray: (name) => name === 'response' || name === 'propstat'
    }));
    return parser;
}
/**
 * A WebDAV multistatus answer to PROPFIND with Depth: 1 on `folderPath` (the URL path, ending in
 * '/'): the folder's children, the folder itself left out. Hrefs may be absolute URLs or paths,
 * percent-encoded; a collection is a folder. Undefined when the text is not a multistatus.
 */
async function parseMultistatus(text, folderPath) {
    const xml = await xmlParser();
    let doc;
    try {
        doc = xml.parse(text);
    }
    catch {
        return undefined;
    }
    if (!doc.multistatus)
        return undefined;
    const self = decodeURIComponent(folderPath).replace(/\/+$/, '');
    const entries = [];
    for (const response of doc.multistatus.response ?? []) {
        const href = String(response.href ?? '');
        const pathOf = decodeURIComponent(new URL(href, 'http://listing.invalid/').pathname);
        const trimmed = pathOf.replace(/\/+$/, '');
        if (trimmed === self || !trimmed.startsWith(`${self}/`))
            continue;
        const name = trimmed.slice(self.length + 1);
        if (name.includes('/'))
            continue; // a server that answered deeper than asked
        const props = {};
        for (const propstat of response.propstat ?? []) {
            if (!/\s200\s/.test(` ${String(propstat.status ?? '')} `))
                continue;
            Object.assign(props, propstat.prop ?? {});
        }
        const folder = typeof props.resourcetype === 'object' &&
            props.resourcetype !== null &&
            'collection' in props.resourcetype;
        entries.push({
            name,
            folder,
            size: Number(props.getcontentlength ?? 0) || 0,
            ...dateOf(props.getlastmodified)
        });
    }
    return entries;
}
function dateOf(value) {
    if (typeof value !== 'string')
        return {};
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? {} : { modified: date };
}

/**
 * How long a lease collection found without a holder, after our own MKCOL's answer was lost, is
 * given for another publish's holder to appear before the lease is taken as ours.
 */
const LOST_ANSWER_PAUSE_MS = 1_000;
/** The store's own objects (leases) live under this folder of the root and are never listed. */
const HTTP_STATE_DIR = '.falco-publish';
/** Folders listed at once while walking a prefix. */
const LISTING_CONCURRENCY = 8;
/** Objects up to this size have their sha256 as etag (see HttpStore). */
const SMALL_OBJECT = 16 * 1024 * 1024;
/**
 * A Store on a plain HTTP server that takes PUT and DELETE: a WebDAV server (nginx's dav module),
 * an Artifactory or Nexus raw repository.
 *
 * - Uploads stream (chunked when the size is unknown), hashed on the way: a local file is read
 *   once. X-Checksum-Sha256 and X-Checksum-Sha1 (which Artifactory and Nexus check and deploy
 *   by) need the digests before the first byte, so a file is read a second time for them: that
 *   happens only for servers that identify as Artifactory or Nexus (see `checksumHeaders`).
 * - A server answering 409 to a PUT lacks the parent collection: the store creates it with MKCOL
 *   and tries again.
 * - Listing reads nginx's autoindex in JSON (`autoindex on; autoindex_format json;`), else WebDAV
 *   PROPFIND, walking the folders under the prefix: `scan()` returns that alone (keys, sizes,
 *   dates; one request per folder), `list()` also asks head() for each object's etag, so list and
 *   head agree (and may GET small objects, see below).
 * - Etags: nginx's ETag is the mtime in seconds and the size, so two versions of an index written
 *   within a second can share one, and a compare-and-swap on it would lose an update. So the
 *   etag of an object up to SMALL_OBJECT bytes (every index) is its sha256: the server's
 *   X-Checksum-Sha256 when it sends one (Artifactory), else hashed from a GET. Larger objects
 *   (packages, immutable once published) keep the server's ETag.
 * - Conditional puts: such servers ignore If-None-Match and If-Match on PUT, so the store takes a
 *   lease on the key first (a collection under `.falco-publish/leases/`, created with MKCOL,
 *   which fails on an existing collection: an atomic create), compares the etag under it, and
 *   writes. Plain puts take no lease.
 */
class HttpStore {
    options;
    location;
    base;
    headers;
    leases;
    policy;
    collections = new Set();
    /** Whether this server wants checksum headers: settled by the first answer that says. */
    checksums;
    /** How this server lists a folder, once known. */
    listing;
    constructor(base, options = {}) {
        this.options = options;
        const clean = new URL(base.href);
        const username = options.username ?? decodeURIComponent(clean.username);
        const password = options.password ?? decodeURIComponent(clean.password);
        clean.username = '';
        clean.password = '';
        clean.search = '';
        clean.hash = '';
        if (!clean.pathname.endsWith('/'))
            clean.pathname += '/';
        this.base = clean;
        this.location = clean.href.replace(/\/$/, '');
        this.headers = {};
        if (options.token)
            this.headers.authorization = `Bearer ${options.token}`;
        else if (username || password)
            this.headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
        this.policy = options.retry ?? DEFAULT_RETRY$1;
        this.leases = new Leases({
            create: (name, holder) => this.createLease(name, holder),
            read: (name) => this.readLease(name),
            remove: (name) => this.removeLease(name)
        }, {
            ...options.lease,
            onBreak: (name, holder) => options.log?.warning(`broke an expired lease ${name} in ${this.location}` +
                (holder ? ` (owner ${holder.owner}, pid ${holder.pid} on ${holder.host})` : ''))
        });
    }
    url(key) {
        checkKey(key);
        if (!this.options.baseUrl)
            return this.objectUrl(key).href;
        const base = new URL(this.options.baseUrl);
        if (!base.pathname.endsWith('/'))
            base.pathname += '/';
        return new URL(key.split('/').map(encodeURIComponent).join('/'), base).href;
    }
    async head(key) {
        const response = await this.request('HEAD', this.objectUrl(checkKey(key)));
        if (!isObject(response))
            return undefined;
        const info = infoOf(key, response);
        if (info.size > SMALL_OBJECT)
            return info;
        const sha256 = response.headers.get('x-checksum-sha256');
        if (sha256 && /^[0-9a-f]{64}$/i.test(sha256))
            return { ...info, etag: contentEtag(sha256) };
        const body = await this.get(key);
        if (!body)
            return undefined;
        const read = await sha256Of(body);
        // Size and digest from the same read: the object may have changed since the HEAD.
        return { ...info, size: read.size, etag: contentEtag(read.sha256) };
    }
    async get(key) {
        const response = await this.request('GET', this.objectUrl(checkKey(key)));
        if (!isObject(response)) {
            await response.body?.cancel();
            return undefined;
        }
        if (!response.body)
            return Readable.from([]);
        return Readable.fromWeb(response.body);
    }
    async put(key, body, options = {}) {
        checkKey(key);
        const precondition = options.precondition;
        if (!precondition)
            return this.write(key, body, options.contentType, options.sha256);
        return this.leases.conditionalPut(key, body, precondition, (k) => this.head(k), () => this.write(key, body, options.contentType, options.sha256));
    }
    async delete(key) {
        const response = await this.request('DELETE', this.objectUrl(checkKey(key)));
        await response.body?.cancel();
        if (response.ok || response.status === 404 || response.status === 410)
            return;
        throw this.failure('DELETE', key, response);
    }
    async *list(prefix) {
        const keys = (await this.listed(prefix)).map((entry) => entry.key);
        // HEAD in small batches, in order: the etag comes from the same place as head()'s.
        for (let i = 0; i < keys.length; i += 8) {
            const infos = await Promise.all(keys.slice(i, i + 8).map((key) => this.head(key)));
            for (const info of infos)
                if (info)
                    yield info;
        }
    }
    /** The server's folder listings alone: one request per folder, none per object. */
    async *scan(prefix) {
        yield* await this.listed(prefix);
    }
    async listed(prefix) {
        const slash = prefix.lastIndexOf('/');
        const start = slash < 0 ? '' : prefix.slice(0, slash + 1);
        const found = [];
        const limit = pLimit(LISTING_CONCURRENCY);
        const walk = async (folder) => {
            const entries = await limit(() => this.folderEntries(folder));
            const folders = [];
            for (const entry of entries) {
                const key = folder + entry.name;
                if (folder === '' && entry.name === HTTP_STATE_DIR)
                    continue;
                if (entry.folder) {
                    const sub = `${key}/`;
                    if (sub.startsWith(prefix) || prefix.startsWith(sub))
                        folders.push(sub);
                }
                else if (key.startsWith(prefix)) {
                    found.push({
                        key,
                        size: entry.size,
                        ...(entry.modified ? { modified: entry.modified } : {})
                    });
                }
            }
            await Promise.all(folders.map(walk));
        };
        await walk(start);
        return found.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
    }
    /**
     * A folder's children: nginx's JSON autoindex, else WebDAV PROPFIND (Depth: 1), which Apache
     * mod_dav, nginx's dav-ext module, Artifactory and Nexus answer. The first answer settles which
     * one this server speaks.
     */
    async folderEntries(folder) {
        const url = folder === '' ? new URL(this.base.href) : this.objectUrl(folder.slice(0, -1));
        if (folder !== '')
            url.pathname += '/';
        if (this.listing !== 'propfind') {
            const response = await this.request('GET', url, { accept: 'application/json' });
            if (response.status === 404) {
                await response.body?.cancel();
                return [];
            }
            const entries = response.ok ? parseAutoindex(await response.text()) : undefined;
            if (!response.ok)
                await response.body?.cancel();
            if (entries) {
                this.listing = 'autoindex';
                return entries;
            }
            // A folder holding an index page (index.html) answers the page: PROPFIND may list it.
            if (this.listing === 'autoindex' && !response.ok) {
                throw this.failure('GET', folder || '/', response);
            }
        }
        const response = await this.request('PROPFIND', url, {
            depth: '1',
            'content-type': 'application/xml; charset=utf-8'
        });
        if (response.status === 404) {
            await response.body?.cancel();
            return [];
        }
        const entries = response.status === 207
            ? await parseMultistatus(await response.text(), url.pathname)
            : undefined;
        if (response.status !== 207)
            await response.body?.cancel();
        if (!entries) {
            throw new Error(`${this.shown(url)} answered neither a JSON listing nor PROPFIND (${response.status}); ` +
                `the http store lists folders through nginx's autoindex (autoindex on; ` +
                `autoindex_format json;) or WebDAV PROPFIND (nginx: dav_ext_methods PROPFIND;), and ` +
                `a folder holding an index page (index.html) only through PROPFIND`);
        }
        // A server that lists by autoindex keeps doing so: PROPFIND served one folder's index page.
        this.listing ??= 'propfind';
        return entries;
    }
    /**
     * Streams `body` to the key, hashing on the way, unless the caller gives the sha256 of a local
     * file it has just read (then the file is read once here, for sending only).
     */
    async write(key, body, contentType, known) {
        const url = this.objectUrl(key);
        const source = await replayable(body);
        const headers = {
            'content-type': contentType ?? 'application/octet-stream'
        };
        if (source.size !== undefined)
            headers['content-length'] = String(source.size);
        if (source.sums && (await this.wantsChecksums())) {
            const sums = await source.sums();
            headers['x-checksum-sha256'] = sums.sha256;
            headers['x-checksum-sha1'] = sums.sha1;
        }
        if (!source.replay)
            await this.ensureParents(key); // a one-shot stream cannot be sent twice
        const trusted = known !== undefined && source.file !== undefined;
        for (let created = false;; created = true) {
            let digest = trusted ? new SizeStream(known) : new Sha256Stream();
            const response = await this.retrying('PUT', url, source.replay, async () => {
                digest = trusted ? new SizeStream(known) : new Sha256Stream();
                return upload(url, { ...this.headers, ...headers }, source.open(), digest);
            });
            if (response.status === 409 && !created) {
                await this.ensureParents(key);
                if (source.replay)
                    continue;
            }
            if (response.status < 200 || response.status > 299)
                throw this.failure('PUT', key, response);
            if (digest.size <= SMALL_OBJECT) {
                return { key, size: digest.size, sha256: digest.sha256, etag: contentEtag(digest.sha256) };
            }
            const info = await this.head(key);
            if (!info)
                throw new Error(`${this.shown(url)} answered ${response.status} to PUT but is not there`);
            return { key, size: digest.size, sha256: digest.sha256, etag: info.etag };
        }
    }
    /**
     * Artifactory and Nexus name themselves in their answers (X-Artifactory-Id, Server: Nexus);
     * with 'auto' one HEAD of the store's root asks, once per store.
     */
    wantsChecksums() {
        const setting = this.options.checksumHeaders ?? 'auto';
        if (setting !== 'auto')
            return Promise.resolve(setting);
        this.checksums ??= this.request('HEAD', new URL(this.base.href)).then(async (response) => {
            await response.body?.cancel();
            return isArtifactoryOrNexus(response.headers);
        }, () => false // the PUT that follows reports an unreachable server
        );
        return this.checksums;
    }
    /** MKCOL every folder above `key`, from the server's root down (405: it exists already). */
    async ensureParents(key) {
        const segments = this.objectUrl(key).pathname.split('/').slice(1, -1);
        for (let i = 1; i <= segments.length; i++) {
            const url = new URL(this.base.href);
            url.pathname = `/${segments.slice(0, i).join('/')}/`;
            if (this.collections.has(url.pathname))
                continue;
            const response = await this.request('MKCOL', url);
            await response.body?.cancel();
            if (!response.ok && response.status !== 405)
                throw this.failure('MKCOL', url.pathname, response);
            this.collections.add(url.pathname);
        }
    }
    leaseUrl(name) {
        const url = this.objectUrl(`${HTTP_STATE_DIR}/leases/${name}`);
        url.pathname += '/';
        return url;
    }
    async createLease(name, holder) {
        await this.ensureParents(`${HTTP_STATE_DIR}/leases/${name}`);
        const url = this.leaseUrl(name);
        let sent = 0;
        const response = await this.retrying('MKCOL', url, true, () => {
            sent++;
            return fetch(url, { method: 'MKCOL', headers: this.headers, redirect: 'manual' });
        });
        await response.body?.cancel();
        const holderKey = `${HTTP_STATE_DIR}/leases/${name}/holder.json`;
        if (response.status === 405 || response.status === 409) {
            // Sent again after an attempt whose answer was lost: that attempt may have made the
            // collection, and then the lease is ours, without a holder, and waiting for it to expire
            // would wait on ourselves. Another publish's lease gets its holder written right after
            // its MKCOL; one still without a holder a moment later is taken as ours.
            if (sent < 2 || (await this.readLease(name)) !== undefined)
                return false;
            await new Promise((resolve) => setTimeout(resolve, LOST_ANSWER_PAUSE_MS));
            if ((await this.head(holderKey)) !== undefined)
                return false;
            this.options.log?.debug(`lease ${name}: MKCOL answered 405 after a lost answer; taking it`);
        }
        else if (!response.ok)
            throw this.failure('MKCOL', `lease ${name}`, response);
        await this.write(holderKey, JSON.stringify(holder));
        return true;
    }
    async readLease(name) {
        const body = await this.get(`${HTTP_STATE_DIR}/leases/${name}/holder.json`);
        if (!body)
            return undefined;
        const chunks = [];
        for await (const chunk of body)
            chunks.push(Buffer.from(chunk));
        return parseHolder(Buffer.concat(chunks).toString('utf8'));
    }
    async removeLease(name) {
        const response = await this.request('DELETE', this.leaseUrl(name));
        await response.body?.cancel();
        if (!response.ok && response.status !== 404)
            throw this.failure('DELETE', `lease ${name}`, response);
    }
    objectUrl(key) {
        const url = new URL(this.base.href);
        url.pathname += key.split('/').map(encodeURIComponent).join('/');
        return url;
    }
    /** One fetch without an object's body (HEAD, GET, DELETE, MKCOL, PROPFIND), retried (see `retrying`). */
    async request(method, url, extra = {}) {
        const body = method === 'PROPFIND' ? PROPFIND_BODY : undefined;
        return this.retrying(method, url, true, () => fetch(url, { method, body, headers: { ...this.headers, ...extra }, redirect: 'manual' }));
    }
    /**
     * Sends through the shared retry policy (backoff with jitter on 429/5xx and dropped
     * connections, honouring Retry-After) when the request can be sent again; a one-shot stream
     * gets one attempt. The last retryable answer is returned as it is, for the caller to report.
     */
    async retrying(method, url, replay, send) {
        const policy = replay ? this.policy : { ...this.policy, attempts: 1 };
        try {
            return await retry(async (attempt) => {
                const response = await send();
                if (isRetryableStatus(response.status) && attempt < policy.attempts) {
                    if (response instanceof Response)
                        await response.body?.cancel();
                    throw new RetryableStatus(response.status, this.shown(url), response.headers.get('retry-after') ?? undefined);
                }
                return response;
            }, {
                policy,
                onRetry: (error, attempt, delayMs) => this.options.log?.debug(`${method} ${this.shown(url)}: ${causeOf(error)}; attempt ${attempt + 1} in ${delayMs} ms`),
                // The body's own failure is never cured by sending it again.
                retryable: (error) => !(error instanceof BodyError) && isTransient(error)
            });
        }
        catch (error) {
            if (error instanceof BodyError)
                throw error.cause;
            throw new Error(`${method} ${this.shown(url)} failed: ${causeOf(error)}`);
        }
    }
    failure(method, key, response) {
        const hint = response.status === 401 || response.status === 403
            ? ' (check store-username/store-password or store-token)'
            : '';
        return new Error(`${method} ${this.location}/${key} answered ${response.status} ${response.statusText ?? ''}${hint}`);
    }
    shown(url) {
        const copy = new URL(url.href);
        copy.username = '';
        copy.password = '';
        return copy.href;
    }
}
/** The body's own failure while uploading: not retried, and reported as itself. */
class BodyError extends Error {
    cause;
    constructor(cause) {
        super('the body failed');
        this.cause = cause;
    }
}
/**
 * node:http's or node:https's `request`, required rather than imported: an ESM import of
 * node:http builds a namespace of all its exports, whose WebSocket getters load Node's bundled
 * undici: ~40 ms of CPU at every start on Node 24 (bench/small-repo.ts), for a module only an
 * upload to an HTTP store uses.
 */
function requestOf(protocol) {
    const require = createRequire(import.meta.url);
    return require(protocol === 'https:' ? 'node:https' : 'node:http').request;
}
/**
 * PUTs a stream through node:http, hashing it on the way, with the socket's backpressure all the
 * way to the source: memory stays a few buffers whatever the size.
 */
function upload(url, headers, body, digest) {
    const send = requestOf(url.protocol);
    const request = send(url, { method: 'PUT', headers });
    const answered = new Promise((resolve, reject) => {
        request.once('response', (response) => {
            response.resume();
            response.once('end', () => resolve(response));
            response.once('error', reject);
        });
        request.once('error', reject);
    });
    // The server may answer before the digest has flushed (it has all the bytes by then): wait for
    // both, and when the body broke, report the body's error, never retried.
    const sent = pipeline(body, digest, request).catch((error) => {
        request.destroy();
        throw body.errored || digest.errored ? new BodyError(body.errored ?? error) : error;
    });
    return Promise.all([answered, sent]).then(([response]) => ({
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? '',
        headers: {
            get: (name) => {
                const value = response.headers[name.toLowerCase()];
                return value === undefined ? null : String(value);
            }
        }
    }), async (error) => {
        // Prefer the body's own error over the connection error it caused.
        const reason = await sent.then(() => error, (sentError) => sentError);
        answered.catch(() => undefined);
        throw reason;
    });
}
function contentEtag(sha256) {
    return `"sha256:${sha256.toLowerCase()}"`;
}
function isObject(response) {
    // A folder answers with a redirect to its slash form (nginx) or a listing; neither is an object.
    return response.status === 200 && !response.url.endsWith('/');
}
function infoOf(key, response) {
    const modified = response.headers.get('last-modified');
    return {
        key,
        size: Number(response.headers.get('content-length') ?? 0),
        etag: response.headers.get('etag') ?? '',
        ...(modified ? { modified: new Date(modified) } : {})
    };
}
/** Artifactory answers with X-Artifactory-Id (and -Node-Id); Nexus names itself in Server. */
function isArtifactoryOrNexus(headers) {
    return (headers.get('x-artifactory-id') !== null ||
        headers.get('x-artifactory-node-id') !== null ||
        /\b(Artifactory|Nexus)\b/i.test(headers.get('server') ?? ''));
}
/** Counts the bytes of a file whose sha256 the caller has (see `write`), without hashing them. */
class SizeStream extends Transform {
    sha256;
    bytes = 0;
    constructor(sha256) {
        super();
        this.sha256 = sha256;
    }
    _transform(chunk, _encoding, done) {
        this.bytes += chunk.length;
        done(null, chunk);
    }
    get size() {
        return this.bytes;
    }
}
/** Local files are read 1 MiB at a time: 16 times fewer chunks through hashes and the socket than the default 64 KiB. */
const READ_CHUNK = 1 << 20;
/** What can be sent again after a failure: bytes in memory and local files; other streams once. */
async function replayable(body) {
    if (typeof body === 'string' || Buffer.isBuffer(body)) {
        const bytes = Buffer.from(body);
        return {
            open: () => Readable.from([bytes]),
            replay: true,
            size: bytes.length,
            sums: () => Promise.resolve({
                sha256: createHash('sha256').update(bytes).digest('hex'),
                sha1: createHash('sha1').update(bytes).digest('hex')
            })
        };
    }
    if (body instanceof ReadStream && typeof body.path === 'string' && body.bytesRead === 0) {
        const file = body.path;
        body.destroy();
        const { size } = await stat(file);
        return {
            open: () => createReadStream(file, { highWaterMark: READ_CHUNK }),
            replay: true,
            file,
            size,
            sums: () => fileSums(file)
        };
    }
    let used = false;
    return {
        open: () => {
            if (used)
                throw new Error('a streamed body cannot be sent twice');
            used = true;
            return body;
        },
        replay: false
    };
}
async function fileSums(file) {
    const sha256 = createHash('sha256');
    const sha1 = createHash('sha1');
    for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK })) {
        sha256.update(chunk);
        sha1.update(chunk);
    }
    return { sha256: sha256.digest('hex'), sha1: sha1.digest('hex') };
}
function causeOf(error) {
    const cause = error.cause;
    return cause?.code ?? cause?.message ?? error.message;
}

const SUPPORTED = ['file://', 's3://', 'https://', 'http:// (loopback only)'];
/** The AWS SDK's credential variables: masked whenever an s3 store is opened. */
const AWS_SECRETS = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_WEB_IDENTITY_TOKEN'];
/** Opens the Store a `store` URL names (see `storeUrl` in inputs.ts for how the input becomes one). */
function openStore(url, options = {}) {
    const { log, inputs = {} } = options;
    if (url.protocol === 'file:') {
        let dir;
        try {
            dir = fileURLToPath(url);
        }
        catch (error) {
            throw new InputError('store', `${shown(url)} is not a local directory (${error.message}); use file:///absolute/path`);
        }
        checkLocalDirectory(dir, url);
        const store = new FileStore(dir, options);
        log?.debug(`store: local directory ${store.location}`);
        return store;
    }
    if (url.protocol === 's3:') {
        if (url.username || url.password) {
            throw new InputError('store', `${shown(url)}: credentials do not belong in the URL; they come from the AWS environment (aws-actions/configure-aws-credentials)`);
        }
        if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(url.hostname)) {
            throw new InputError('store', `${shown(url)}: ${url.hostname} is not an S3 bucket name`);
        }
        for (const name of AWS_SECRETS)
            if (process.env[name])
                log?.secret(process.env[name]);
        const store = new S3Store(url.hostname, decodeURIComponent(url.pathname), {
            endpoint: inputs.s3Endpoint || undefined,
            region: inputs.s3Region || undefined,
            forcePathStyle: inputs.s3ForcePathStyle ?? false,
            acl: inputs.s3Acl || undefined,
            cacheControl: inputs.s3CacheControl && {
                immutable: inputs.s3CacheControl.immutable || undefined,
                short: inputs.s3CacheControl.short || undefined
            },
            baseUrl: options.baseUrl,
            log
        });
        log?.debug(`store: S3 ${store.location}${inputs.s3Endpoint ? ` at ${inputs.s3Endpoint}` : ''}`);
        return store;
    }
    if (url.protocol === 'https:' || url.protocol === 'http:') {
        const username = inputs.storeUsername || decodeURIComponent(url.username);
        const password = inputs.storePassword || decodeURIComponent(url.password);
        const token = inputs.storeToken ?? '';
        for (const secret of [password, token])
            if (secret)
                log?.secret(secret);
        if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
            throw new InputError('store', `${shown(url)}: plain http sends credentials and packages unprotected; use https:// (http:// is for 127.0.0.1 and localhost)`);
        }
        const store = new HttpStore(url, {
            username: username || undefined,
            password: password || undefined,
            token: token || undefined,
            checksumHeaders: checksumHeaders(inputs.storeChecksumHeaders),
            baseUrl: options.baseUrl,
            log
        });
        log?.debug(`store: HTTP ${store.location}`);
        return store;
    }
    throw new InputError('store', `unsupported scheme ${url.protocol.replace(/:$/, '')} in ${shown(url)}; supported: ${SUPPORTED.join(', ')}`);
}
function checksumHeaders(input) {
    return input === 'true' ? true : input === 'false' ? false : 'auto';
}
/** Kernel and device file systems: not a place for a repository, and walking them never ends. */
const PSEUDO_FILESYSTEMS = ['/proc', '/sys', '/dev'];
/**
 * A local store is a directory (or will be created as one) outside the kernel's pseudo file
 * systems; the nearest existing ancestor is resolved, so a symlink cannot lead there either.
 */
function checkLocalDirectory(dir, url) {
    let existing = dir;
    while (!existsSync(existing) && path.dirname(existing) !== existing) {
        existing = path.dirname(existing);
    }
    const real = realpathSync(existing);
    if (PSEUDO_FILESYSTEMS.some((root) => real === root || real.startsWith(`${root}/`))) {
        throw new InputError('store', `${shown(url)} is under ${real}, a kernel file system, not a place to publish; give a directory on disk`);
    }
    if (existing === dir && !statSync(real).isDirectory()) {
        throw new InputError('store', `${shown(url)} is a file, not a directory; give a directory (it is created when missing)`);
    }
}
function isLoopback(host) {
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
/** The URL without user name and password, fit for an error message. */
function shown(url) {
    const copy = new URL(url.href);
    copy.username = '';
    copy.password = '';
    copy.search = '';
    return copy.href;
}

/**
 * The side effects the pipeline is handed, built from the inputs in one place, so the action and the
 * command line cannot drift apart: the GitHub client, the release's git and tag sources, the store
 * (with its credentials and public URL), the CDN and the stages.
 */
function pipelineSeams(inputs, workspace, repository, log) {
    const github = inputs.githubToken ? () => createOctokit(inputs.githubToken, { log }) : undefined;
    return {
        github,
        releaseSources: gitSources(workspace, async () => github && repository ? remoteTags(github(), repository.owner, repository.repo) : []),
        openStore: storeOpener(inputs, log),
        cdn: inputs.cdnInvalidate ? cloudFront(inputs.cdnInvalidate, { log }) : undefined,
        stages: allStages
    };
}
/** Opens the store a URL names with the inputs' credentials, endpoint and public URL. */
function storeOpener(inputs, log) {
    return (url) => openStore(url, { log, inputs, baseUrl: inputs.publicUrl || undefined });
}

export { INPUT_DEFAULTS as I, storeUrl as a, isLatest as b, classify as c, changedPaths as d, inputSecrets as e, inputs as f, highestStable as h, isPrerelease as i, nextDevVersion as n, pipelineSeams as p, readInputs as r, storeOpener as s, tagVersion as t };
