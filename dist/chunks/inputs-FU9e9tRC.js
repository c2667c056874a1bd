import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const path = __nodeBuiltin('node:path');
import { I as InputError, l as list, i as integer, c as boolean, o as oneOf } from './package-m0x3kU6p.js';
import { b as readContainerInputs, C as CONTAINER_INPUT_DEFAULTS } from './exec-DWS1DOXp.js';
const os = __nodeBuiltin('node:os');
import { r as readPackageInputs, s as secretParts } from './retry-CU8D-t2X.js';

/**
 * The `driver-builder` template split into arguments as a shell would split words, with single
 * and double quotes and no expansion: the builder runs without a shell. A module of its own so
 * that reading the inputs does not load the builder (and the YAML library it uses).
 */
function splitArgs(template) {
    const args = [];
    let current = '';
    let quote;
    let started = false;
    for (const ch of template) {
        if (quote !== undefined) {
            if (ch === quote)
                quote = undefined;
            else
                current += ch;
        }
        else if (ch === '"' || ch === "'") {
            quote = ch;
            started = true;
        }
        else if (/\s/.test(ch)) {
            if (started || current !== '')
                args.push(current);
            current = '';
            started = false;
        }
        else
            current += ch;
    }
    if (quote !== undefined)
        throw new Error(`unbalanced ${quote} in ${JSON.stringify(template)}`);
    if (started || current !== '')
        args.push(current);
    return args;
}

/**
 * The `shard` input and the slice of the grid it selects. A module of its own, without the
 * driver config parser: the inputs are read on every run, and the YAML library should load
 * only with the drivers stage.
 */
function parseShard(raw) {
    const value = raw.trim();
    if (value === '' || value === 'all')
        return { mode: 'all' };
    if (value === 'plan' || value === 'index')
        return { mode: value };
    const m = /^(\d+)\/(\d+)$/.exec(value);
    if (m) {
        const index = Number(m[1]);
        const count = Number(m[2]);
        if (count >= 1 && index >= 1 && index <= count)
            return { mode: 'slice', index, count };
    }
    throw new Error(`expected <i>/<n> with 1 <= i <= n (e.g. 2/8), plan or index; got ${JSON.stringify(raw)}`);
}
/**
 * The i-th of n slices. The configs are taken in file order (the grid is sorted) and dealt out
 * round-robin: slices differ by at most one config, every config lands in exactly one slice, and
 * the new kernels of a release (which sort together) spread over all jobs instead of one.
 * It depends only on the config list, never on the store, so jobs that plan at different moments
 * still agree.
 */
function selectShard(items, shard) {
    if (shard.mode !== 'slice')
        return [...items];
    return items.filter((_, i) => i % shard.count === shard.index - 1);
}

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
        version: parseVersionInput(get('version')),
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
function parseVersionInput(raw) {
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

export { INPUT_DEFAULTS as I, splitArgs as a, selectShard as b, inputs as c, inputSecrets as i, readInputs as r, storeUrl as s };
