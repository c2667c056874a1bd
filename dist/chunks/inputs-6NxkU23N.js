import * as path from 'node:path';
import * as os from 'node:os';
import { s as splitArgs } from './plan-B03yyIo4.js';
import { g as parseShard } from './plan-DTSza9lo.js';

/** The OCI and Docker media types this project reads and writes. */
const MediaType = {
    ociIndex: 'application/vnd.oci.image.index.v1+json',
    ociManifest: 'application/vnd.oci.image.manifest.v1+json',
    ociConfig: 'application/vnd.oci.image.config.v1+json',
    ociLayer: 'application/vnd.oci.image.layer.v1.tar',
    ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    ociLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
    dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json'
};
const INDEX_TYPES = [MediaType.ociIndex, MediaType.dockerList];
const MANIFEST_TYPES = [MediaType.ociManifest, MediaType.dockerManifest];
function platformString(p) {
    return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
/** Parses `linux/arm64` or `linux/arm/v7`. */
function parsePlatform(text) {
    const parts = text.split('/');
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^[a-z0-9_.-]+$/i.test(p))) {
        return undefined;
    }
    return { os: parts[0], architecture: parts[1], ...(parts[2] ? { variant: parts[2] } : {}) };
}
/** The platform an image config declares (`os`, `architecture`, `variant`). */
function platformOfConfig(config, where) {
    const c = config;
    if (typeof c?.os !== 'string' || typeof c?.architecture !== 'string') {
        throw new Error(`${where}: the image config names no os/architecture; prefix the entry with one, e.g. linux/amd64=`);
    }
    return {
        os: c.os,
        architecture: c.architecture,
        ...(typeof c.variant === 'string' && c.variant ? { variant: c.variant } : {})
    };
}
/** The descriptors (config, then layers) an image manifest references, checked for shape. */
function manifestBlobs(manifest, where) {
    const m = manifest;
    if (!m?.config || !Array.isArray(m.layers)) {
        throw new Error(`${where}: not an image manifest (no config or layers)`);
    }
    for (const d of [m.config, ...m.layers]) {
        if (typeof d?.digest !== 'string' ||
            typeof d.size !== 'number' ||
            typeof d.mediaType !== 'string') {
            throw new Error(`${where}: a descriptor lacks mediaType, digest or size`);
        }
    }
    return [m.config, ...m.layers];
}

/**
 * Image repository names as users write them (`docker.io/falcosecurity/falco`,
 * `public.ecr.aws/falcosecurity/falco`, `127.0.0.1:5000/falco`), resolved to the registry host
 * the API lives on and the repository path inside it, with Docker's defaults.
 */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
/** Parses a repository name; throws naming it when it cannot be one (or carries a tag). */
function parseRepository(input) {
    const raw = input.trim();
    const fail = (why) => {
        throw new Error(`image repository ${JSON.stringify(input)}: ${why}`);
    };
    if (raw === '')
        fail('is empty');
    if (raw.includes('://'))
        fail('write it without a scheme, e.g. docker.io/falcosecurity/falco');
    if (raw.includes('@'))
        fail('a repository has no digest; tags come from the release');
    const parts = raw.split('/');
    const first = parts[0];
    const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
    let registry = hasHost ? first : 'docker.io';
    const rest = hasHost ? parts.slice(1) : parts;
    if (rest.length > 0 && rest[rest.length - 1].includes(':')) {
        fail('a repository has no tag; tags come from the release (image-dev-tag, image-extra-tags)');
    }
    if (registry === 'index.docker.io' || registry === 'registry-1.docker.io')
        registry = 'docker.io';
    if (registry === 'docker.io' && rest.length === 1)
        rest.unshift('library');
    for (const component of rest) {
        if (!PATH_COMPONENT.test(component)) {
            fail(`${JSON.stringify(component)} is not a valid path component (lower case letters, digits, . _ -)`);
        }
    }
    if (rest.length === 0)
        fail('names a registry but no repository');
    const path = rest.join('/');
    return {
        name: `${registry}/${path}`,
        registry,
        apiHost: registry === 'docker.io' ? 'registry-1.docker.io' : registry,
        path
    };
}
/** True when `tag` is a valid tag per the distribution spec. */
function isValidTag(tag) {
    return TAG.test(tag);
}
/** The registry host without its port, lower-cased. */
function hostname(registry) {
    const bracket = registry.match(/^\[([^\]]+)\]/);
    if (bracket)
        return bracket[1].toLowerCase();
    return registry.replace(/:\d+$/, '').toLowerCase();
}
/** Loopback hosts are always reached over plain HTTP, as Docker does. */
function isLoopback(registry) {
    const host = hostname(registry);
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
/** The API base URL: https unless the host is loopback or listed in insecure-registries. */
function apiBase(repository, insecure) {
    const plain = isLoopback(repository.apiHost) ||
        insecure.some((entry) => entry === repository.registry || entry === repository.apiHost);
    return `${plain ? 'http' : 'https'}://${repository.apiHost}`;
}
/** A page people can open for a repository, where the registry has one. */
function webUrl(repository) {
    if (repository.registry === 'docker.io') {
        const path = repository.path.startsWith('library/')
            ? `_/${repository.path.slice('library/'.length)}`
            : `r/${repository.path}`;
        return `https://hub.docker.com/${path}`;
    }
    if (repository.registry === 'public.ecr.aws')
        return `https://gallery.ecr.aws/${repository.path}`;
    if (repository.registry === 'ghcr.io')
        return `https://github.com/${repository.path.split('/')[0]}/packages`;
    return undefined;
}

const CONTAINER_INPUT_DEFAULTS = {
    images: '',
    'image-repositories': '',
    'image-dev-tag': 'master',
    'image-extra-tags': '',
    'insecure-registries': '',
    'image-concurrency': '4',
    'image-overwrite': 'false'
};
const TRANSPORTS = ['oci', 'oci-archive', 'docker-archive', 'docker-daemon'];
/** Parses one `images` line: `[<os>/<arch>[/<variant>]=]<transport>:<location>[:<ref>]`. */
function parseImageEntry(line) {
    const fail = (why) => {
        throw new InputError('images', `${JSON.stringify(line)}: ${why}`);
    };
    let rest = line.trim();
    let platform;
    const eq = rest.indexOf('=');
    const colon = rest.indexOf(':');
    if (eq > 0 && (colon < 0 || eq < colon)) {
        platform =
            parsePlatform(rest.slice(0, eq)) ??
                fail(`${JSON.stringify(rest.slice(0, eq))} is not a platform like linux/amd64`);
        rest = rest.slice(eq + 1);
    }
    const sep = rest.indexOf(':');
    const transport = rest.slice(0, sep);
    if (sep < 0 || !TRANSPORTS.includes(transport)) {
        fail(`start with one of ${TRANSPORTS.map((t) => `${t}:`).join(', ')} (skopeo's transport names)`);
    }
    const location = rest.slice(sep + 1);
    if (location === '')
        fail('names no location');
    if (transport === 'docker-daemon')
        return { raw: line, platform, transport, path: location };
    // As skopeo: the first colon after the transport separates the path from the reference.
    const refSep = location.indexOf(':');
    const path = refSep < 0 ? location : location.slice(0, refSep);
    const ref = refSep < 0 ? undefined : location.slice(refSep + 1);
    if (path === '')
        fail('names no path');
    if (ref === '')
        fail('has an empty reference after the path');
    return { raw: line, platform, transport, path, ...(ref !== undefined ? { ref } : {}) };
}
function readContainerInputs(get) {
    const value = (name) => {
        const raw = get(name).trim();
        return raw !== '' ? raw : CONTAINER_INPUT_DEFAULTS[name];
    };
    // `images` lines are split on newlines only: a path may contain a comma.
    const images = value('images')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'))
        .map(parseImageEntry);
    const repositories = list(value('image-repositories')).map((name) => {
        try {
            return parseRepository(name).name;
        }
        catch (error) {
            throw new InputError('image-repositories', error.message);
        }
    });
    if (new Set(repositories).size !== repositories.length) {
        throw new InputError('image-repositories', 'names the same repository twice');
    }
    if (images.length > 0 && repositories.length === 0) {
        throw new InputError('image-repositories', 'images are given but no repository to push them to');
    }
    if (repositories.length > 0 && images.length === 0) {
        throw new InputError('images', 'image-repositories are given but no images to push');
    }
    const devTag = value('image-dev-tag');
    if (!isValidTag(devTag))
        throw new InputError('image-dev-tag', `${JSON.stringify(devTag)} is not a valid tag`);
    const extraTags = list(value('image-extra-tags'));
    for (const template of extraTags) {
        if (!/^[A-Za-z0-9_.{}-]+$/.test(template)) {
            throw new InputError('image-extra-tags', `${JSON.stringify(template)} is not a tag template`);
        }
    }
    const concurrency = integer(value, 'image-concurrency', 1);
    return {
        images,
        repositories,
        devTag,
        extraTags,
        insecureRegistries: list(value('insecure-registries')),
        concurrency,
        overwrite: boolean(value, 'image-overwrite')
    };
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
    'driver-jobs': '16'
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
    return {
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

function readPackageInputs(get) {
    const remove = list(get('remove'));
    for (const pattern of remove)
        parseRemovePattern(pattern);
    return {
        gpgPrivateKey: get('gpg-private-key'),
        gpgPassphrase: get('gpg-passphrase'),
        devRetention: integer(get, 'dev-retention', 1),
        overwrite: boolean(get, 'overwrite'),
        remove
    };
}
/** `falco=0.39.*` or `falco` (every version); `*` matches anything. */
function parseRemovePattern(pattern) {
    const m = /^([^=\s]+)(?:=(\S+))?$/.exec(pattern);
    if (!m) {
        throw new Error(`input 'remove': ${JSON.stringify(pattern)} is not a name=version pattern`);
    }
    return { name: glob(m[1]), version: glob(m[2] ?? '*') };
}
function glob(text) {
    return new RegExp('^' +
        text
            .split('*')
            .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*') +
        '$');
}

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
    'cdn-invalidate': '',
    'store-username': '',
    'store-password': '',
    'store-token': '',
    'gpg-private-key': '',
    'gpg-passphrase': '',
    'dev-retention': '50',
    overwrite: 'false',
    remove: '',
    images: '',
    'image-repositories': '',
    'image-dev-tag': 'master',
    'image-extra-tags': '',
    'insecure-registries': '',
    'image-concurrency': '4',
    'image-overwrite': 'false',
    'drivers-config': '',
    'driver-versions': '',
    'driver-builder': 'driverkit docker --config {config} --driverversion {driverversion}',
    'driver-concurrency': '',
    'driver-timeout': '3600',
    shard: '',
    'driver-retention': '0',
    'fail-on-build-error': 'false',
    'driver-jobs': '16'
};
/** An input that cannot be used; the message names the input and says what it accepts. */
class InputError extends Error {
    input;
    constructor(input, message) {
        super(`input '${input}': ${message}`);
        this.input = input;
        this.name = 'InputError';
    }
}
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
        cdnInvalidate: cdnDistribution(get('cdn-invalidate')),
        storeUsername: get('store-username'),
        storePassword: get('store-password'),
        storeToken: get('store-token'),
        packaging: readPackageInputs(get),
        containers: readContainerInputs(get),
        drivers: readDriverInputs(get)
    };
}
/** Every secret among the inputs, to mask before anything is logged. */
function inputSecrets(inputs) {
    const secrets = [inputs.githubToken, inputs.storePassword, inputs.storeToken];
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
/** Newline- (or comma-) separated values, trimmed, without empty lines or `#` comments. */
function list(raw) {
    return raw
        .split(/\r?\n|,/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'));
}
function boolean(get, name) {
    const raw = get(name).toLowerCase();
    if (['true', 'yes', '1', 'on'].includes(raw))
        return true;
    if (['false', 'no', '0', 'off'].includes(raw))
        return false;
    throw new InputError(name, `expected true or false, got ${JSON.stringify(get(name))}`);
}
function oneOf(get, name, allowed) {
    const raw = get(name).toLowerCase();
    if (allowed.includes(raw))
        return raw;
    throw new InputError(name, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(get(name))}`);
}
function integer(get, name, min = 0) {
    const raw = get(name);
    if (!/^\d+$/.test(raw) || Number(raw) < min) {
        throw new InputError(name, `expected a whole number of at least ${min}, got ${JSON.stringify(raw)}`);
    }
    return Number(raw);
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
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(store))
        return new URL(store);
    const dir = path.resolve(workspace, store);
    const url = new URL('file://');
    url.pathname = dir;
    return url;
}

export { INPUT_DEFAULTS as I, MediaType as M, InputError as a, platformString as b, apiBase as c, parseRepository as d, INDEX_TYPES as e, MANIFEST_TYPES as f, platformOfConfig as g, isValidTag as h, inputSecrets as i, isLoopback as j, manifestBlobs as m, parseRemovePattern as p, readInputs as r, storeUrl as s, webUrl as w };
