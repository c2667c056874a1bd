import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const nc = __nodeBuiltin('node:crypto');
const { createHash, randomUUID, createPrivateKey, privateEncrypt, constants: constants$3, sign, publicDecrypt, verify: verify$3, createPublicKey, createDecipheriv, randomBytes } = __nodeBuiltin('node:crypto');
const { Transform, Readable, PassThrough } = __nodeBuiltin('node:stream');
const os = __nodeBuiltin('node:os');
const { constants: constants$1, hostname: hostname$1, availableParallelism } = __nodeBuiltin('node:os');
const { readFile, open, stat, copyFile, writeFile, mkdtemp, mkdir, realpath } = __nodeBuiltin('node:fs/promises');
const { existsSync, ReadStream, readSync, openSync, fstatSync, closeSync, unlinkSync, writeFileSync, mkdirSync, linkSync, readFileSync, statSync, constants: constants$2, ftruncateSync, renameSync, createWriteStream, readdirSync, rmdirSync, writeSync, utimesSync, fsync, createReadStream, realpathSync, promises } = __nodeBuiltin('node:fs');
const path = __nodeBuiltin('node:path');
const { pathToFileURL, fileURLToPath } = __nodeBuiltin('node:url');
const { performance } = __nodeBuiltin('node:perf_hooks');
const { pipeline } = __nodeBuiltin('node:stream/promises');
const { gunzipSync, gzipSync, crc32, gunzip: gunzip$1, createGunzip } = __nodeBuiltin('node:zlib');
const { promisify } = __nodeBuiltin('node:util');
const { createRequire } = __nodeBuiltin('node:module');

/**
 * Reading one input's value: lists, booleans, enums, numbers, and the error that names the input.
 * Kept apart from inputs.ts, which composes every stage's inputs, so that a stage's own input
 * module can use these without importing the composition (and its defaults) back in a cycle.
 */
/** An input that cannot be used; the message names the input and says what it accepts. */
class InputError extends Error {
    input;
    constructor(input, message) {
        super(`input '${input}': ${message}`);
        this.input = input;
        this.name = 'InputError';
    }
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

var image = /*#__PURE__*/Object.freeze({
    __proto__: null,
    INDEX_TYPES: INDEX_TYPES,
    MANIFEST_TYPES: MANIFEST_TYPES,
    MediaType: MediaType,
    manifestBlobs: manifestBlobs,
    parsePlatform: parsePlatform,
    platformOfConfig: platformOfConfig,
    platformString: platformString
});

/**
 * Image repository names as users write them (`docker.io/falcosecurity/falco`,
 * `public.ecr.aws/falcosecurity/falco`, `127.0.0.1:5000/falco`), resolved to the registry host
 * the API lives on and the repository path inside it, with Docker's defaults.
 */
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG$2 = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
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
    return TAG$2.test(tag);
}
/** The registry host without its port, lower-cased. */
function hostname(registry) {
    const bracket = registry.match(/^\[([^\]]+)\]/);
    if (bracket)
        return bracket[1].toLowerCase();
    return registry.replace(/:\d+$/, '').toLowerCase();
}
/** Loopback hosts are always reached over plain HTTP, as Docker does. */
function isLoopback$1(registry) {
    const host = hostname(registry);
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
/** The API base URL: https unless the host is loopback or listed in insecure-registries. */
function apiBase(repository, insecure) {
    const plain = isLoopback$1(repository.apiHost) ||
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

var repository = /*#__PURE__*/Object.freeze({
    __proto__: null,
    apiBase: apiBase,
    hostname: hostname,
    isLoopback: isLoopback$1,
    isValidTag: isValidTag,
    parseRepository: parseRepository,
    webUrl: webUrl
});

const SIGN_MODES = ['auto', 'key', 'keyless', 'false'];
const CONTAINER_INPUT_DEFAULTS = {
    images: '',
    'image-repositories': '',
    'image-mount-from': '',
    'image-dev-tag': 'master',
    'image-extra-tags': '',
    'insecure-registries': '',
    'image-concurrency': '4',
    'image-overwrite': 'false',
    'image-variant': '',
    'image-arch-tags': 'false',
    'cosign-private-key': '',
    'cosign-password': '',
    'image-sign': 'auto'
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
    const mountFrom = list(value('image-mount-from')).map((name) => {
        try {
            return parseRepository(name).name;
        }
        catch (error) {
            throw new InputError('image-mount-from', error.message);
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
    const variant = value('image-variant');
    if (variant !== '' && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(variant)) {
        throw new InputError('image-variant', `${JSON.stringify(variant)} is not a tag suffix; use letters, digits, '.', '_' or '-', e.g. debian`);
    }
    const cosignPrivateKey = get('cosign-private-key').trim();
    if (cosignPrivateKey !== '' && repositories.length === 0) {
        throw new InputError('cosign-private-key', 'is given but image-repositories is empty: there is no image to sign');
    }
    const sign = (value('image-sign') || 'auto').toLowerCase();
    if (!SIGN_MODES.includes(sign)) {
        throw new InputError('image-sign', `${JSON.stringify(value('image-sign'))} is not one of auto, key, keyless, false`);
    }
    if (sign === 'key' && cosignPrivateKey === '') {
        throw new InputError('image-sign', 'is key but cosign-private-key is empty: pass the key as a secret');
    }
    const concurrency = integer(value, 'image-concurrency', 1);
    return {
        images,
        repositories,
        mountFrom,
        devTag,
        extraTags,
        insecureRegistries: list(value('insecure-registries')),
        concurrency,
        overwrite: boolean(value, 'image-overwrite'),
        variant,
        archTags: boolean(value, 'image-arch-tags'),
        cosignPrivateKey,
        // Not trimmed: a password may end in a space.
        cosignPassword: get('cosign-password'),
        sign
    };
}

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

/**
 * The code-unit order of two strings, as `<` compares them: the same on every machine whatever
 * its locale, unlike localeCompare (whose first call also sets up ICU's collator, 9 ms of a cold
 * publish). Indexes and listings sort with it, so the same content renders the same bytes.
 */
function byCodeUnit(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

/** As long as a superseded index generation's by-hash files stay (see store-io.ts). */
const DEFAULT_DELETION_GRACE_MINUTES = 60;
/**
 * The pending list of the next generation: the previous one, plus what this change drops (from
 * `now`), less what the next index names again; files pending for `graceMs` or longer are due.
 */
function nextPending(previous, dropped, named, now, graceMs) {
    const pending = new Map();
    const due = [];
    const all = new Map(previous);
    for (const f of dropped)
        if (!all.has(f))
            all.set(f, now);
    for (const [file, since] of all) {
        if (named(file))
            continue;
        if (now.getTime() - since.getTime() >= graceMs)
            due.push(file);
        else
            pending.set(file, since);
    }
    return { pending, due: due.sort(byCodeUnit) };
}
/** By file name, so the same pending set always renders the same bytes. */
const sorted = (p) => [...p].sort(([a], [b]) => byCodeUnit(a, b));
/** For JSON state (index.json, the dnf manifest): file -> ISO time. */
function pendingToJson(p) {
    return Object.fromEntries(sorted(p).map(([f, d]) => [f, d.toISOString()]));
}
/** The inverse of pendingToJson; anything unreadable counts as dropped long ago (due at once). */
function pendingFromJson(raw) {
    const out = new Map();
    if (!raw || typeof raw !== 'object' || Array.isArray(raw))
        return out;
    for (const [file, when] of Object.entries(raw)) {
        const d = typeof when === 'string' ? new Date(when) : new Date(0);
        out.set(file, Number.isNaN(d.getTime()) ? new Date(0) : d);
    }
    return out;
}
/** The Release field apt ignores and a publish reads back: ` <ISO time> <file>` per line. */
const RELEASE_FIELD = 'Falco-Publish-Pending';
function renderPendingField(p) {
    if (p.size === 0)
        return '';
    const lines = sorted(p).map(([f, d]) => ` ${d.toISOString()} ${f}\n`);
    return `${RELEASE_FIELD}:\n${lines.join('')}`;
}
function parsePendingField(release) {
    const out = new Map();
    if (!release)
        return out;
    const m = new RegExp(`^${RELEASE_FIELD}:[^\\n]*\\n((?: [^\\n]*\\n?)*)`, 'm').exec(release);
    if (!m)
        return out;
    for (const line of m[1].split('\n')) {
        const l = /^ (\S+) (\S+)\s*$/.exec(line);
        if (!l)
            continue;
        const d = new Date(l[1]);
        out.set(l[2], Number.isNaN(d.getTime()) ? new Date(0) : d);
    }
    return out;
}

function readPackageInputs(get) {
    const remove = list(get('remove'));
    for (const pattern of remove)
        parseRemovePattern(pattern);
    return {
        gpgPrivateKey: get('gpg-private-key'),
        gpgPassphrase: get('gpg-passphrase'),
        devRetention: integer(get, 'dev-retention', 1),
        deletionGraceMinutes: get('package-deletion-grace') === ''
            ? DEFAULT_DELETION_GRACE_MINUTES
            : integer(get, 'package-deletion-grace', 0),
        overwrite: boolean(get, 'overwrite'),
        aptOrigin: get('apt-origin').trim(),
        aptLabel: get('apt-label').trim(),
        noarchRepository: repositoryPath(get, 'tarballs-noarch-repository', 'packages/wasm-dev'),
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
/** A folder of the store, as an input gives it: relative, without `..`, no trailing slash. */
function repositoryPath(get, name, fallback) {
    const value = (get(name).trim() || fallback).replace(/\/+$/, '');
    if (!value || value.startsWith('/') || value.split('/').some((p) => p === '..' || p === '')) {
        throw new Error(`input '${name}': ${JSON.stringify(get(name))} is not a folder of the store; give a relative path such as packages/wasm-dev`);
    }
    return value;
}

/**
 * The one rule for what is masked of a secret: the value whole and, when it spans lines (an
 * armoured key), each line on its own too, since runners mask line by line. Armour lines
 * (`-----BEGIN ...`) are public, and lines under 8 characters would mask ordinary words: both
 * are left out.
 */
function secretParts(value) {
    if (value === '')
        return [];
    const lines = value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line.length >= 8 && !line.startsWith('-----'));
    return [value, ...lines.filter((line) => line !== value)];
}
/** Registers each of `values` with the logger, by `secretParts`, before anything may print it. */
function registerSecrets(log, ...values) {
    for (const value of values)
        for (const part of secretParts(value))
            log.secret(part);
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
 * Command-line flags. Every action input is a flag of the same name (`--store`, `--dry-run`, …);
 * a few more give the workflow context that GitHub would otherwise provide.
 */
const CONTEXT_FLAGS = [
    'event',
    'ref',
    'sha',
    'repository',
    'event-path',
    'workspace',
    'summary',
    'published-file'
];
const SWITCHES = ['verbose', 'help'];
const INPUT_NAMES = [...Object.keys(INPUT_DEFAULTS), 'github-token'];
class UsageError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UsageError';
    }
}
/** Parses `[command] --name value --name=value --bool`; a boolean input may be given without a value. */
function parseArgs(argv, commands) {
    const args = {
        command: 'publish',
        inputs: new Map(),
        context: new Map(),
        verbose: false,
        help: false,
        version: false
    };
    let index = 0;
    if (argv[0] === 'help') {
        args.help = true;
        return args;
    }
    // `--version` is also the input naming the release's version: alone, it asks for ours.
    if ((argv.length === 1 && argv[0] === '--version') || argv.includes('-V')) {
        args.version = true;
        return args;
    }
    if (argv[0] !== undefined && !argv[0].startsWith('-')) {
        if (!commands.includes(argv[0])) {
            throw new UsageError(`unknown command ${JSON.stringify(argv[0])}${didYouMean(argv[0], commands, '')}; commands: ${commands.join(', ')}`);
        }
        args.command = argv[0];
        index = 1;
    }
    for (; index < argv.length; index++) {
        const arg = argv[index];
        if (arg === '-h') {
            args.help = true;
            continue;
        }
        const match = /^--([a-z0-9-]+)(?:=(.*))?$/s.exec(arg);
        if (!match)
            throw new UsageError(`unexpected argument ${JSON.stringify(arg)}; flags look like --store public`);
        const [, name, inline] = match;
        if (SWITCHES.includes(name)) {
            args[name] = inline === undefined || inline === 'true';
            continue;
        }
        const isInput = INPUT_NAMES.includes(name);
        if (!isInput && !CONTEXT_FLAGS.includes(name)) {
            const flags = [...INPUT_NAMES, ...CONTEXT_FLAGS, ...SWITCHES];
            throw new UsageError(`unknown flag --${name}${didYouMean(name, flags, '--')}; see --help`);
        }
        let value = inline;
        if (value === undefined) {
            const next = argv[index + 1];
            // A boolean input may stand alone: `--dry-run` means `--dry-run true`.
            if (next === undefined || next.startsWith('--')) {
                if (!isBooleanInput(name))
                    throw new UsageError(`--${name} needs a value`);
                value = 'true';
            }
            else {
                value = next;
                index++;
            }
        }
        const target = isInput ? args.inputs : args.context;
        // A repeated list input adds lines, as a multi-line YAML value would.
        const previous = target.get(name);
        target.set(name, previous !== undefined && isInput ? `${previous}\n${value}` : value);
    }
    return args;
}
function isBooleanInput(name) {
    const value = INPUT_DEFAULTS[name];
    return value === 'true' || value === 'false';
}
/** ` (did you mean --<closest>?)` when a known name is a typo away from `name`, else nothing. */
function didYouMean(name, known, prefix) {
    let best;
    let bestDistance = Infinity;
    for (const candidate of known) {
        const d = editDistance(name, candidate);
        if (d < bestDistance)
            [best, bestDistance] = [candidate, d];
    }
    // A third of the name, at least one edit and at most three: `--dryrun` finds `--dry-run`,
    // `--foo` finds nothing.
    const allowed = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
    return best !== undefined && bestDistance <= allowed ? ` (did you mean ${prefix}${best}?)` : '';
}
/** Edits from `a` to `b`: insertions, deletions, substitutions and swaps of two neighbours. */
function editDistance(a, b) {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}

/**
 * The command line's `--help`, rendered from action.yml as the README's tables are: every input
 * is a flag of the same name, so the help lists them all and cannot drift from the action.
 */
/** The workflow context GitHub gives the action, as flags on the command line. */
const CONTEXT_HELP = {
    event: 'push, release, workflow_dispatch, pull_request, ... (default: push)',
    ref: "refs/heads/master, refs/tags/0.40.0, ... (default: the checkout's branch or tag)",
    sha: 'the commit (default: HEAD)',
    'event-path': 'the event payload as JSON',
    repository: 'whose checks gate the publish (default: GITHUB_REPOSITORY or the origin remote)',
    workspace: 'where relative paths start (default: the current directory)',
    summary: 'also write the Markdown job summary there',
    'published-file': 'verify: check what one run published (its published-file output)'
};
const WIDTH = 100;
const COLUMN = 30;
/** The first sentence of an input's description ("e.g." and "i.e." do not end one). */
function firstSentence(text) {
    const flat = text.trim().replace(/\s+/g, ' ');
    const end = /(?<!\be\.g|\bi\.e|\betc)\.(?=\s|$)/.exec(flat);
    return end ? flat.slice(0, end.index + 1) : flat;
}
/** `text` wrapped to the help's width, its lines after the first indented to the column. */
function wrap(text, indent) {
    const lines = [];
    let line = '';
    for (const word of text.split(' ')) {
        if (line !== '' && indent + line.length + 1 + word.length > WIDTH) {
            lines.push(line);
            line = word;
        }
        else
            line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(line);
    return lines.join(`\n${' '.repeat(indent)}`);
}
/** `  <left>  <text>`, the text wrapped at the column (below the left part when that is long). */
function row(left, text) {
    const head = `  ${left}`;
    const gap = head.length + 2 <= COLUMN ? ' '.repeat(COLUMN - head.length) : `\n${' '.repeat(COLUMN)}`;
    return `${head}${gap}${wrap(text, COLUMN)}`;
}
const isBoolean = (value) => value === 'true' || value === 'false';
function renderHelp(action, commands) {
    const inputs = Object.entries(action.inputs).map(([name, input]) => {
        const flag = isBoolean(input.default) ? `--${name}` : `--${name} <value>`;
        // The token's default is the workflow's; on the command line it is GITHUB_TOKEN (said above).
        const value = input.default === undefined || name === 'github-token' ? '' : input.default;
        const text = firstSentence(input.description);
        return row(flag, value === '' ? text : `${text} (default: ${value})`);
    });
    return [
        'usage: falco-publish [<command>] [--<input> <value> ...]',
        '       falco-publish help | --help | -h | --version (alone) | -V',
        '',
        'Commands:',
        ...commands.map((c) => row(c.name, c.summary.replace(/\s+/g, ' '))),
        '',
        'Inputs: every input of action.yml is a flag of the same name; a boolean flag alone means',
        'true, and a repeated list flag adds lines. A secret can be read from a file rather than the',
        'command line, where other users of the machine could see it: --gpg-private-key @key.asc.',
        '--github-token defaults to the GITHUB_TOKEN environment variable.',
        ...inputs,
        '',
        "Workflow context (default: a push of the local checkout's current branch or tag):",
        ...Object.entries(CONTEXT_HELP).map(([name, text]) => row(`--${name} <value>`, text)),
        row('--verbose', 'debug lines'),
        ''
    ].join('\n');
}

// Loaded on the first command: a publish given its version and repository runs none, and
// node:child_process (with net and dgram) costs about 2 ms of every start.
const childProcess = () => import('node:child_process');
/**
 * The one way falco-publish runs a program (git, docker, skopeo, driverkit...): an argument
 * list that no shell sees, its exit status returned rather than thrown, so each caller says
 * what a failure means in its own words.
 */
function runCommand(command, args, options = {}) {
    return childProcess().then(({ spawn }) => runWith(spawn, command, args, options));
}
function runWith(spawn, command, args, options) {
    return new Promise((resolve) => {
        const child = spawn(command, args, {
            cwd: options.cwd,
            env: options.env ?? process.env,
            stdio: ['ignore', 'pipe', 'pipe']
        });
        const out = [];
        const err = [];
        child.stdout.on('data', (b) => (options.output ? options.output(b) : out.push(b)));
        child.stderr.on('data', (b) => (options.output ? options.output(b) : err.push(b)));
        let settled = false;
        const settle = (result) => {
            if (settled)
                return;
            settled = true;
            resolve({
                ...result,
                stdout: Buffer.concat(out).toString('utf8'),
                stderr: Buffer.concat(err).toString('utf8')
            });
        };
        child.on('error', (error) => settle({ code: 127, startError: error }));
        child.on('close', (code, signal) => settle({ code: code ?? 128 + (signal ? constants$1.signals[signal] : 0) }));
    });
}

async function git(cwd, ...args) {
    const { code, stdout } = await runCommand('git', args, { cwd });
    return code === 0 ? stdout.trim() : undefined;
}
/**
 * The workflow context outside Actions: from flags when given, otherwise from the local checkout
 * (a push of the current branch, or of the tag HEAD sits on when HEAD is detached at one).
 */
async function localEvent(workspace, flags) {
    const payload = flags.eventPath
        ? JSON.parse(await readFile(flags.eventPath, 'utf8').catch((error) => {
            throw new Error(`--event-path ${flags.eventPath}: ${error.message}`);
        }))
        : {};
    let ref = flags.ref;
    if (!ref) {
        const branch = await git(workspace, 'symbolic-ref', '-q', 'HEAD');
        const tag = branch
            ? undefined
            : await git(workspace, 'describe', '--tags', '--exact-match', 'HEAD');
        ref = branch || (tag ? `refs/tags/${tag}` : '');
    }
    const sha = flags.sha || (await git(workspace, 'rev-parse', 'HEAD')) || '';
    return { eventName: flags.event || 'push', ref, sha, payload };
}
/** `owner/repo` from a flag, GITHUB_REPOSITORY, or the origin remote's URL. */
async function localRepository(workspace, flag) {
    const fromName = (name) => {
        const match = name ? /^([\w.-]+)\/([\w.-]+)$/.exec(name) : null;
        return match ? { owner: match[1], repo: match[2] } : undefined;
    };
    if (flag) {
        const parsed = fromName(flag);
        if (!parsed)
            throw new Error(`--repository ${JSON.stringify(flag)}: expected owner/name`);
        return parsed;
    }
    if (process.env.GITHUB_REPOSITORY)
        return fromName(process.env.GITHUB_REPOSITORY);
    const origin = await git(workspace, 'remote', 'get-url', 'origin');
    const match = origin ? /[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?$/.exec(origin) : null;
    return match ? { owner: match[1], repo: match[2] } : undefined;
}
/** Whether the checkout has the history a dev version is computed from. */
async function hasHistory(workspace) {
    return (await git(workspace, 'rev-parse', '--is-shallow-repository')) === 'false';
}

/**
 * What a repository publishes about its artifacts (indexes, their signatures, listings): counted
 * or folded away where a person reads the artifacts themselves.
 */
function isMetadata(item) {
    return item.kind === 'index' || item.kind === 'signature' || item.kind === 'listing';
}
/** A stage that failed after publishing part of its work: the report says which part. */
class StageError extends Error {
    result;
    constructor(message, result) {
        super(message);
        this.result = result;
        this.name = 'StageError';
    }
}

/**
 * The Logger on the command line. Secrets are masked here, since no runner does it for us: every
 * registered value is replaced by *** in every line before it is written.
 */
function consoleLogger(options = {}) {
    const write = options.write ?? ((line) => process.stderr.write(line + '\n'));
    const secrets = new Set();
    // Longest first, so a secret that contains another is masked whole. Sorted when a line is
    // masked after new secrets came, neither per line nor per secret: an armoured key registers
    // each of its ~50 lines at once.
    let longestFirst = [];
    const mask = (text) => {
        longestFirst ??= [...secrets].sort((a, b) => b.length - a.length);
        let masked = text;
        for (const secret of longestFirst) {
            if (masked.includes(secret))
                masked = masked.split(secret).join('***');
        }
        return masked;
    };
    const emit = (prefix, message) => {
        for (const line of mask(message).split('\n'))
            write(prefix + line);
    };
    let depth = 0;
    const indent = () => '  '.repeat(depth);
    return {
        mask,
        info: (message) => emit(indent(), message),
        debug: (message) => {
            if (options.verbose)
                emit(`${indent()}debug: `, message);
        },
        warning: (message, where) => emit(`${indent()}warning: `, where?.file ? `${where.file}: ${message}` : message),
        error: (message, where) => emit(`${indent()}error: `, where?.file ? `${where.file}: ${message}` : message),
        group: async (name, fn) => {
            emit(indent(), `== ${name}`);
            depth++;
            try {
                return await fn();
            }
            finally {
                depth--;
            }
        },
        secret: (value) => {
            if (value.length === 0 || secrets.has(value))
                return;
            secrets.add(value);
            longestFirst = undefined;
        }
    };
}

/** Human-readable sizes, rates and durations for logs and the job summary. */
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
function formatBytes(bytes) {
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < UNITS.length - 1) {
        value /= 1024;
        unit++;
    }
    return unit === 0 ? `${bytes} B` : `${value.toFixed(value < 10 ? 2 : 1)} ${UNITS[unit]}`;
}
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    if (ms < 60_000)
        return `${(ms / 1000).toFixed(1)} s`;
    const minutes = Math.floor(ms / 60_000);
    return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
function formatRate(bytes, ms) {
    if (ms <= 0)
        return '-';
    return `${formatBytes(Math.round((bytes * 1000) / ms))}/s`;
}
/** One progress line per artifact: `put packages/bin/x86_64/falco.tar.gz 12.0 MiB in 1.2 s (10.0 MiB/s)`. */
function progressLine(verb, target, bytes, ms) {
    return `${verb} ${target} ${formatBytes(bytes)} in ${formatDuration(ms)} (${formatRate(bytes, ms)})`;
}

const marks = [];
/** Ends a step: the time since the previous mark was spent on `step`. */
function mark(step) {
    const { user, system } = process.cpuUsage();
    marks.push({ step, wall: performance.now(), cpu: (user + system) / 1000 });
}
/**
 * `timing: node 41, modules 62/60, release 3/2, ... (ms wall/cpu)`: Node's start (wall only: its
 * CPU is not counted apart, so the first step's CPU includes it), then each marked step.
 */
function timingLine() {
    const boot = performance.nodeTiming.bootstrapComplete;
    // A step marked more than once (planning, around the stages it loads) is summed.
    const steps = new Map();
    let previous = { wall: boot, cpu: 0 };
    for (const m of marks) {
        const step = steps.get(m.step) ?? { wall: 0, cpu: 0 };
        step.wall += m.wall - previous.wall;
        step.cpu += m.cpu - previous.cpu;
        steps.set(m.step, step);
        previous = m;
    }
    const shown = [...steps].map(([name, t]) => `${name} ${t.wall.toFixed(0)}/${t.cpu.toFixed(0)}`);
    return `timing: ${[`node ${boot.toFixed(0)}`, ...shown].join(', ')} (ms wall/cpu)`;
}

function getDefaultExportFromCjs (x) {
	return x && x.__esModule && Object.prototype.hasOwnProperty.call(x, 'default') ? x['default'] : x;
}

/**
 * A pass-through stream that computes the sha256 and the size of the bytes flowing through it,
 * so an artifact is hashed while it is written and never has to be read twice or held in memory.
 */
class Sha256Stream extends Transform {
    keep;
    hash = createHash('sha256');
    bytes = 0;
    hex;
    /** With `keep`, a copy of the hash before it was finished (see PutOptions.keepHash). */
    hashed;
    constructor(keep = false) {
        super();
        this.keep = keep;
    }
    _transform(chunk, _encoding, done) {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        done(null, chunk);
    }
    _flush(done) {
        if (this.keep)
            this.hashed = this.hash.copy();
        this.hex = this.hash.digest('hex');
        done();
    }
    /** The digest of everything that passed through; only known once the stream has ended. */
    get sha256() {
        if (this.hex === undefined)
            throw new Error('sha256 asked for before the stream ended');
        return this.hex;
    }
    get size() {
        return this.bytes;
    }
}
/**
 * The sha256 of bytes in memory, as lowercase hex: the one helper for that, beside the stream's.
 * By Node's one-shot `crypto.hash` where it has one (20.12, 21.7 and later): no Hash object to
 * build, half the time of createHash for the few-KiB indexes and signatures verify hashes.
 */
function sha256Hex(data) {
    return oneShot ? oneShot('sha256', data) : createHash('sha256').update(data).digest('hex');
}
const oneShot = nc.hash;
/** Reads a stream to its end and returns its sha256 and size, holding one chunk at a time. */
async function sha256Of(source) {
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of source) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        hash.update(bytes);
        size += bytes.length;
    }
    return { sha256: hash.digest('hex'), size };
}

/*
How it works:
`this.#head` is an instance of `Node` which keeps track of its current value and nests another instance of `Node` that keeps the value that comes after it. When a value is provided to `.enqueue()`, the code needs to iterate through `this.#head`, going deeper and deeper to find the last value. However, iterating through every single item is slow. This problem is solved by saving a reference to the last value as `this.#tail` so that it can reference it to add a new value.
*/

class Node {
	value;
	next;

	constructor(value) {
		this.value = value;
	}
}

class Queue {
	#head;
	#tail;
	#size;

	constructor() {
		this.clear();
	}

	enqueue(value) {
		const node = new Node(value);

		if (this.#head) {
			this.#tail.next = node;
			this.#tail = node;
		} else {
			this.#head = node;
			this.#tail = node;
		}

		this.#size++;
	}

	dequeue() {
		const current = this.#head;
		if (!current) {
			return;
		}

		this.#head = this.#head.next;
		this.#size--;

		// Clean up tail reference when queue becomes empty
		if (!this.#head) {
			this.#tail = undefined;
		}

		return current.value;
	}

	peek() {
		if (!this.#head) {
			return;
		}

		return this.#head.value;

		// TODO: Node.js 18.
		// return this.#head?.value;
	}

	clear() {
		this.#head = undefined;
		this.#tail = undefined;
		this.#size = 0;
	}

	get size() {
		return this.#size;
	}

	* [Symbol.iterator]() {
		let current = this.#head;

		while (current) {
			yield current.value;
			current = current.next;
		}
	}

	* drain() {
		while (this.#head) {
			yield this.dequeue();
		}
	}
}

function pLimit(concurrency) {
	let rejectOnClear = false;

	if (typeof concurrency === 'object') {
		({concurrency, rejectOnClear = false} = concurrency);
	}

	validateConcurrency(concurrency);

	if (typeof rejectOnClear !== 'boolean') {
		throw new TypeError('Expected `rejectOnClear` to be a boolean');
	}

	const queue = new Queue();
	let activeCount = 0;

	const resumeNext = () => {
		// Process the next queued function if we're under the concurrency limit
		if (activeCount < concurrency && queue.size > 0) {
			activeCount++;
			queue.dequeue().run();
		}
	};

	const next = () => {
		activeCount--;
		resumeNext();
	};

	const run = async (function_, resolve, arguments_) => {
		// Execute the function and capture the result promise
		const result = (async () => function_(...arguments_))();

		// Resolve immediately with the promise (don't wait for completion)
		resolve(result);

		// Wait for the function to complete (success or failure)
		// We catch errors here to prevent unhandled rejections,
		// but the original promise rejection is preserved for the caller
		try {
			await result;
		} catch {}

		// Decrement active count and process next queued function
		next();
	};

	const enqueue = (function_, resolve, reject, arguments_) => {
		const queueItem = {reject};

		// Queue the internal resolve function instead of the run function
		// to preserve the asynchronous execution context.
		new Promise(internalResolve => { // eslint-disable-line promise/param-names
			queueItem.run = internalResolve;
			queue.enqueue(queueItem);
		}).then(run.bind(undefined, function_, resolve, arguments_)); // eslint-disable-line promise/prefer-await-to-then

		// Start processing immediately if we haven't reached the concurrency limit
		if (activeCount < concurrency) {
			resumeNext();
		}
	};

	const generator = (function_, ...arguments_) => new Promise((resolve, reject) => {
		enqueue(function_, resolve, reject, arguments_);
	});

	Object.defineProperties(generator, {
		activeCount: {
			get: () => activeCount,
		},
		pendingCount: {
			get: () => queue.size,
		},
		clearQueue: {
			value() {
				if (!rejectOnClear) {
					queue.clear();
					return;
				}

				const abortError = AbortSignal.abort().reason;

				while (queue.size > 0) {
					queue.dequeue().reject(abortError);
				}
			},
		},
		concurrency: {
			get: () => concurrency,

			set(newConcurrency) {
				validateConcurrency(newConcurrency);
				concurrency = newConcurrency;

				queueMicrotask(() => {
					// eslint-disable-next-line no-unmodified-loop-condition
					while (activeCount < concurrency && queue.size > 0) {
						resumeNext();
					}
				});
			},
		},
		map: {
			async value(iterable, function_) {
				const promises = [];

				try {
					Array.from(iterable, (value, index) => {
						const promise = generator(function_, value, index);
						promises.push(promise);
						return promise;
					});
				} catch (error) {
					// The iterable threw, so `Promise.all` never observes the already scheduled promises. Observe them here to avoid unhandled rejections.
					for (const promise of promises) {
						promise.catch(() => {}); // eslint-disable-line promise/prefer-await-to-then
					}

					throw error;
				}

				return Promise.all(promises);
			},
		},
	});

	return generator;
}

function validateConcurrency(concurrency) {
	if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
		throw new TypeError('Expected `concurrency` to be a number from 1 and up');
	}
}

const DEFAULT_RETRY = { attempts: 6, baseDelayMs: 250, maxDelayMs: 30_000 };
/** An HTTP answer worth another attempt. Thrown by clients so that retry() can see the status. */
class RetryableStatus extends Error {
    status;
    url;
    retryAfter;
    constructor(status, url, 
    /** The Retry-After header as received, when there was one. */
    retryAfter) {
        super(`${url} answered ${status}`);
        this.status = status;
        this.url = url;
        this.retryAfter = retryAfter;
        this.name = 'RetryableStatus';
    }
}
/** Statuses that say "not now" rather than "no": rate limits, timeouts and server trouble. */
function isRetryableStatus(status) {
    return status === 408 || status === 429 || (status >= 500 && status <= 599 && status !== 501);
}
const CONNECTION_ERRORS = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'EPIPE',
    'ETIMEDOUT',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'EAI_AGAIN',
    'ERR_STREAM_PREMATURE_CLOSE'
]);
/** True for errors another attempt may cure: retryable statuses and dropped or refused connections. */
function isTransient(error) {
    if (error instanceof RetryableStatus)
        return true;
    let cause = error;
    // Not `instanceof Error`: fetch's errors come from another realm under a test runner's VM.
    for (let depth = 0; depth < 5 && typeof cause === 'object' && cause !== null; depth++) {
        const { code, message } = cause;
        if (typeof code === 'string' && CONNECTION_ERRORS.has(code))
            return true;
        if (/socket hang up|other side closed|premature close/i.test(String(message ?? '')))
            return true;
        cause = cause.cause;
    }
    return false;
}
/**
 * Milliseconds a Retry-After header asks for (delta-seconds or an HTTP date), or undefined
 * when there is none or it cannot be read.
 */
function retryAfterMs(header, now = Date.now()) {
    if (header === undefined || header.trim() === '')
        return undefined;
    const value = header.trim();
    if (/^\d+$/.test(value))
        return Number(value) * 1000;
    const date = Date.parse(value);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - now);
}
/** The wait before attempt `attempt + 1` (attempt counts from 1), for an error from retry(). */
function backoffMs(policy, attempt, error, random = Math.random) {
    const asked = error instanceof RetryableStatus ? retryAfterMs(error.retryAfter) : undefined;
    return waitMs(policy, attempt, asked, random);
}
/**
 * The wait before attempt `attempt + 1`: what the server asked for (`askedMs`, from Retry-After
 * or the like) when it did, else exponential backoff with full jitter; never over `maxDelayMs`.
 */
function waitMs(policy, attempt, askedMs, random = Math.random) {
    if (askedMs !== undefined)
        return Math.min(Math.ceil(askedMs), policy.maxDelayMs);
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(random() * ceiling);
}
/**
 * Waits at least `ms` by the monotonic clock. A Node timer counts from the event loop's cached
 * time, so it can fire a few milliseconds early; a wait a server asked for (Retry-After) is a
 * lower bound, so this goes on until it has really passed.
 */
async function waitAtLeast(ms, signal) {
    const deadline = performance.now() + ms;
    for (let left = ms; left > 0; left = deadline - performance.now()) {
        signal?.throwIfAborted();
        await new Promise((resolve, reject) => {
            const abort = () => {
                clearTimeout(timer);
                reject(signal?.reason);
            };
            const timer = setTimeout(() => {
                signal?.removeEventListener('abort', abort);
                resolve();
            }, Math.ceil(left));
            signal?.addEventListener('abort', abort, { once: true });
        });
    }
}
/**
 * Runs `operation` until it succeeds, fails with a non-transient error, or the attempts are
 * spent. The operation must be safe to repeat: callers re-create request bodies on each attempt.
 */
async function retry(operation, options = {}) {
    const policy = options.policy ?? DEFAULT_RETRY;
    const retryable = options.retryable ?? isTransient;
    const signal = options.signal;
    const sleep = options.sleep ?? ((ms) => waitAtLeast(ms, signal));
    for (let attempt = 1;; attempt++) {
        signal?.throwIfAborted();
        try {
            return await operation(attempt);
        }
        catch (error) {
            if (attempt >= policy.attempts || !retryable(error) || signal?.aborted)
                throw error;
            const delay = backoffMs(policy, attempt, error);
            options.onRetry?.(error, attempt, delay);
            await sleep(delay);
        }
    }
}

const BLOCK$1 = 512;
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
    for (let i = 0; i < BLOCK$1; i++)
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
    const handle = await open(file, 'r');
    try {
        const { size: total } = await handle.stat();
        return await walkTar(file, total, async (position, length) => {
            const bytes = Buffer.alloc(length);
            await handle.read(bytes, 0, length, position);
            return bytes;
        });
    }
    finally {
        await handle.close();
    }
}
/**
 * Indexes a tar archive held in memory (a .deb's control.tar, a few kilobytes): the same reading
 * as `indexTar`; `where` names it in errors. Each entry lies within `bytes`, or this throws.
 */
async function indexTarBytes(bytes, where) {
    const entries = await walkTar(where, bytes.length, (position, length) => Promise.resolve(bytes.subarray(position, position + length)));
    for (const e of entries.values()) {
        if (e.offset + e.size > bytes.length) {
            throw new Error(`${where}: not a tar archive (${e.name} is cut short)`);
        }
    }
    return entries;
}
async function walkTar(where, total, read) {
    const entries = new Map();
    let position = 0;
    let longName;
    while (position + BLOCK$1 <= total) {
        const block = await read(position, BLOCK$1);
        if (block.every((b) => b === 0))
            break;
        if (!checksumOk(block)) {
            throw new Error(`${where}: not a tar archive (bad header checksum at offset ${position})`);
        }
        const size = numeric(block, 124, 12);
        const type = String.fromCharCode(block[156] || 48);
        const prefix = block.subarray(257, 263).toString('latin1').startsWith('ustar')
            ? text(block, 345, 155)
            : '';
        const base = text(block, 0, 100);
        const dataStart = position + BLOCK$1;
        if (type === 'L' || type === 'x') {
            const data = await read(dataStart, size);
            longName = type === 'L' ? text(data, 0, size) : (paxPath(data) ?? longName);
        }
        else {
            if (type === '0' || type === '7') {
                const name = clean(longName ?? (prefix ? `${prefix}/${base}` : base));
                entries.set(name, { name, offset: dataStart, size });
            }
            longName = undefined;
        }
        position = dataStart + Math.ceil(size / BLOCK$1) * BLOCK$1;
    }
    if (position + BLOCK$1 > total && entries.size === 0) {
        throw new Error(`${where}: not a tar archive (no entries)`);
    }
    return entries;
}

var debug_1;
var hasRequiredDebug;

function requireDebug () {
	if (hasRequiredDebug) return debug_1;
	hasRequiredDebug = 1;

	const debug = (
	  typeof process === 'object' &&
	  process.env &&
	  process.env.NODE_DEBUG &&
	  /\bsemver\b/i.test(process.env.NODE_DEBUG)
	) ? (...args) => console.error('SEMVER', ...args)
	  : () => {};

	debug_1 = debug;
	return debug_1;
}

var constants;
var hasRequiredConstants;

function requireConstants () {
	if (hasRequiredConstants) return constants;
	hasRequiredConstants = 1;

	// Note: this is the semver.org version of the spec that it implements
	// Not necessarily the package version of this code.
	const SEMVER_SPEC_VERSION = '2.0.0';

	const MAX_LENGTH = 256;
	const MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER ||
	/* istanbul ignore next */ 9007199254740991;

	// Max safe segment length for coercion.
	const MAX_SAFE_COMPONENT_LENGTH = 16;

	// Max safe length for a build identifier. The max length minus 6 characters for
	// the shortest version with a build 0.0.0+BUILD.
	const MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6;

	// ECMAScript whitespace and line terminators matched by \s.
	const WHITESPACE_CHARACTERS = [
	  '\t',
	  '\n',
	  '\v',
	  '\f',
	  '\r',
	  ' ',
	  '\u00a0',
	  '\u1680',
	  '\u2000',
	  '\u2001',
	  '\u2002',
	  '\u2003',
	  '\u2004',
	  '\u2005',
	  '\u2006',
	  '\u2007',
	  '\u2008',
	  '\u2009',
	  '\u200a',
	  '\u2028',
	  '\u2029',
	  '\u202f',
	  '\u205f',
	  '\u3000',
	  '\ufeff',
	];

	const RELEASE_TYPES = [
	  'major',
	  'premajor',
	  'minor',
	  'preminor',
	  'patch',
	  'prepatch',
	  'prerelease',
	];

	constants = {
	  MAX_LENGTH,
	  MAX_SAFE_COMPONENT_LENGTH,
	  MAX_SAFE_BUILD_LENGTH,
	  MAX_SAFE_INTEGER,
	  WHITESPACE_CHARACTERS,
	  RELEASE_TYPES,
	  SEMVER_SPEC_VERSION,
	  FLAG_INCLUDE_PRERELEASE: 0b001,
	  FLAG_LOOSE: 0b010,
	};
	return constants;
}

var re = {exports: {}};

var hasRequiredRe;

function requireRe () {
	if (hasRequiredRe) return re.exports;
	hasRequiredRe = 1;
	(function (module, exports) {

		const {
		  MAX_SAFE_COMPONENT_LENGTH,
		  MAX_SAFE_BUILD_LENGTH,
		  MAX_LENGTH,
		} = requireConstants();
		const debug = requireDebug();
		exports = module.exports = {};

		// The actual regexps go on exports.re
		const re = exports.re = [];
		const safeRe = exports.safeRe = [];
		const src = exports.src = [];
		const safeSrc = exports.safeSrc = [];
		const t = exports.t = {};
		let R = 0;

		const LETTERDASHNUMBER = '[a-zA-Z0-9-]';

		// Replace some greedy regex tokens to prevent regex dos issues. These regex are
		// used internally via the safeRe object since all inputs in this library get
		// normalized first to trim and collapse all extra whitespace. The original
		// regexes are exported for userland consumption and lower level usage. A
		// future breaking change could export the safer regex only with a note that
		// all input should have extra whitespace removed.
		const safeRegexReplacements = [
		  ['\\s', 1],
		  ['\\d', MAX_LENGTH],
		  [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH],
		];

		const makeSafeRegex = (value) => {
		  for (const [token, max] of safeRegexReplacements) {
		    value = value
		      .split(`${token}*`).join(`${token}{0,${max}}`)
		      .split(`${token}+`).join(`${token}{1,${max}}`);
		  }
		  return value
		};

		const createToken = (name, value, isGlobal) => {
		  const safe = makeSafeRegex(value);
		  const index = R++;
		  debug(name, index, value);
		  t[name] = index;
		  src[index] = value;
		  safeSrc[index] = safe;
		  re[index] = new RegExp(value, isGlobal ? 'g' : undefined);
		  safeRe[index] = new RegExp(safe, isGlobal ? 'g' : undefined);
		};

		// The following Regular Expressions can be used for tokenizing,
		// validating, and parsing SemVer version strings.

		// ## Numeric Identifier
		// A single `0`, or a non-zero digit followed by zero or more digits.

		createToken('NUMERICIDENTIFIER', '0|[1-9]\\d*');
		createToken('NUMERICIDENTIFIERLOOSE', '\\d+');

		// ## Non-numeric Identifier
		// Zero or more digits, followed by a letter or hyphen, and then zero or
		// more letters, digits, or hyphens.

		createToken('NONNUMERICIDENTIFIER', `\\d*[a-zA-Z-]${LETTERDASHNUMBER}*`);

		// ## Main Version
		// Three dot-separated numeric identifiers.

		createToken('MAINVERSION', `(${src[t.NUMERICIDENTIFIER]})\\.` +
		                   `(${src[t.NUMERICIDENTIFIER]})\\.` +
		                   `(${src[t.NUMERICIDENTIFIER]})`);

		createToken('MAINVERSIONLOOSE', `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.` +
		                        `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.` +
		                        `(${src[t.NUMERICIDENTIFIERLOOSE]})`);

		// ## Pre-release Version Identifier
		// A numeric identifier, or a non-numeric identifier.
		// Non-numeric identifiers include numeric identifiers but can be longer.
		// Therefore non-numeric identifiers must go first.

		createToken('PRERELEASEIDENTIFIER', `(?:${src[t.NONNUMERICIDENTIFIER]
		}|${src[t.NUMERICIDENTIFIER]})`);

		createToken('PRERELEASEIDENTIFIERLOOSE', `(?:${src[t.NONNUMERICIDENTIFIER]
		}|${src[t.NUMERICIDENTIFIERLOOSE]})`);

		// ## Pre-release Version
		// Hyphen, followed by one or more dot-separated pre-release version
		// identifiers.

		createToken('PRERELEASE', `(?:-(${src[t.PRERELEASEIDENTIFIER]
		}(?:\\.${src[t.PRERELEASEIDENTIFIER]})*))`);

		createToken('PRERELEASELOOSE', `(?:-?(${src[t.PRERELEASEIDENTIFIERLOOSE]
		}(?:\\.${src[t.PRERELEASEIDENTIFIERLOOSE]})*))`);

		// ## Build Metadata Identifier
		// Any combination of digits, letters, or hyphens.

		createToken('BUILDIDENTIFIER', `${LETTERDASHNUMBER}+`);

		// ## Build Metadata
		// Plus sign, followed by one or more period-separated build metadata
		// identifiers.

		createToken('BUILD', `(?:\\+(${src[t.BUILDIDENTIFIER]
		}(?:\\.${src[t.BUILDIDENTIFIER]})*))`);

		// ## Full Version String
		// A main version, followed optionally by a pre-release version and
		// build metadata.

		// Note that the only major, minor, patch, and pre-release sections of
		// the version string are capturing groups.  The build metadata is not a
		// capturing group, because it should not ever be used in version
		// comparison.

		createToken('FULLPLAIN', `v?${src[t.MAINVERSION]
		}${src[t.PRERELEASE]}?${
		  src[t.BUILD]}?`);

		createToken('FULL', `^${src[t.FULLPLAIN]}$`);

		// like full, but allows v1.2.3 and =1.2.3, which people do sometimes.
		// also, 1.0.0alpha1 (prerelease without the hyphen) which is pretty
		// common in the npm registry.
		createToken('LOOSEPLAIN', `[v=\\s]*${src[t.MAINVERSIONLOOSE]
		}${src[t.PRERELEASELOOSE]}?${
		  src[t.BUILD]}?`);

		createToken('LOOSE', `^${src[t.LOOSEPLAIN]}$`);

		createToken('GTLT', '((?:<|>)?=?)');

		// Something like "2.*" or "1.2.x".
		// Note that "x.x" is a valid xRange identifier, meaning "any version"
		// Only the first item is strictly required.
		createToken('XRANGEIDENTIFIERLOOSE', `${src[t.NUMERICIDENTIFIERLOOSE]}|x|X|\\*`);
		createToken('XRANGEIDENTIFIER', `${src[t.NUMERICIDENTIFIER]}|x|X|\\*`);

		createToken('XRANGEPLAIN', `[v=\\s]*(${src[t.XRANGEIDENTIFIER]})` +
		                   `(?:\\.(${src[t.XRANGEIDENTIFIER]})` +
		                   `(?:\\.(${src[t.XRANGEIDENTIFIER]})` +
		                   `(?:${src[t.PRERELEASE]})?${
		                     src[t.BUILD]}?` +
		                   `)?)?`);

		createToken('XRANGEPLAINLOOSE', `[v=\\s]*(${src[t.XRANGEIDENTIFIERLOOSE]})` +
		                        `(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})` +
		                        `(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})` +
		                        `(?:${src[t.PRERELEASELOOSE]})?${
		                          src[t.BUILD]}?` +
		                        `)?)?`);

		createToken('XRANGE', `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAIN]}$`);
		createToken('XRANGELOOSE', `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAINLOOSE]}$`);

		// Coercion.
		// Extract anything that could conceivably be a part of a valid semver
		createToken('COERCEPLAIN', `${'(^|[^\\d])' +
		              '(\\d{1,'}${MAX_SAFE_COMPONENT_LENGTH}})` +
		              `(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?` +
		              `(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?`);
		createToken('COERCE', `${src[t.COERCEPLAIN]}(?:$|[^\\d])`);
		createToken('COERCEFULL', src[t.COERCEPLAIN] +
		              `(?:${src[t.PRERELEASE]})?` +
		              `(?:${src[t.BUILD]})?` +
		              `(?:$|[^\\d])`);
		createToken('COERCERTL', src[t.COERCE], true);
		createToken('COERCERTLFULL', src[t.COERCEFULL], true);

		// Tilde ranges.
		// Meaning is "reasonably at or greater than"
		createToken('LONETILDE', '(?:~>?)');

		createToken('TILDETRIM', `(\\s*)${src[t.LONETILDE]}\\s+`, true);
		exports.tildeTrimReplace = '$1~';

		createToken('TILDE', `^${src[t.LONETILDE]}${src[t.XRANGEPLAIN]}$`);
		createToken('TILDELOOSE', `^${src[t.LONETILDE]}${src[t.XRANGEPLAINLOOSE]}$`);

		// Caret ranges.
		// Meaning is "at least and backwards compatible with"
		createToken('LONECARET', '(?:\\^)');

		createToken('CARETTRIM', `(\\s*)${src[t.LONECARET]}\\s+`, true);
		exports.caretTrimReplace = '$1^';

		createToken('CARET', `^${src[t.LONECARET]}${src[t.XRANGEPLAIN]}$`);
		createToken('CARETLOOSE', `^${src[t.LONECARET]}${src[t.XRANGEPLAINLOOSE]}$`);

		// A simple gt/lt/eq thing, or just "" to indicate "any version"
		createToken('COMPARATORLOOSE', `^${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]})$|^$`);
		createToken('COMPARATOR', `^${src[t.GTLT]}\\s*(${src[t.FULLPLAIN]})$|^$`);

		// An expression to strip any whitespace between the gtlt and the thing
		// it modifies, so that `> 1.2.3` ==> `>1.2.3`
		createToken('COMPARATORTRIM', `(\\s*)${src[t.GTLT]
		}\\s*(${src[t.LOOSEPLAIN]}|${src[t.XRANGEPLAIN]})`, true);
		exports.comparatorTrimReplace = '$1$2$3';

		// Something like `1.2.3 - 1.2.4`
		// Note that these all use the loose form, because they'll be
		// checked against either the strict or loose comparator form
		// later.
		createToken('HYPHENRANGE', `^\\s*(${src[t.XRANGEPLAIN]})` +
		                   `\\s+-\\s+` +
		                   `(${src[t.XRANGEPLAIN]})` +
		                   `\\s*$`);

		createToken('HYPHENRANGELOOSE', `^\\s*(${src[t.XRANGEPLAINLOOSE]})` +
		                        `\\s+-\\s+` +
		                        `(${src[t.XRANGEPLAINLOOSE]})` +
		                        `\\s*$`);

		// Star ranges basically just allow anything at all.
		createToken('STAR', '(<|>)?=?\\s*\\*');
		// >=0.0.0 is like a star
		createToken('GTE0', '^\\s*>=\\s*0\\.0\\.0\\s*$');
		createToken('GTE0PRE', '^\\s*>=\\s*0\\.0\\.0-0\\s*$'); 
	} (re, re.exports));
	return re.exports;
}

var parseOptions_1;
var hasRequiredParseOptions;

function requireParseOptions () {
	if (hasRequiredParseOptions) return parseOptions_1;
	hasRequiredParseOptions = 1;

	// parse out just the options we care about
	const looseOption = Object.freeze({ loose: true });
	const emptyOpts = Object.freeze({ });
	const parseOptions = options => {
	  if (!options) {
	    return emptyOpts
	  }

	  if (typeof options !== 'object') {
	    return looseOption
	  }

	  return options
	};
	parseOptions_1 = parseOptions;
	return parseOptions_1;
}

var identifiers;
var hasRequiredIdentifiers;

function requireIdentifiers () {
	if (hasRequiredIdentifiers) return identifiers;
	hasRequiredIdentifiers = 1;

	const numeric = /^[0-9]+$/;
	const compareIdentifiers = (a, b) => {
	  if (typeof a === 'number' && typeof b === 'number') {
	    return a === b ? 0 : a < b ? -1 : 1
	  }

	  const anum = numeric.test(a);
	  const bnum = numeric.test(b);

	  if (anum && bnum) {
	    a = +a;
	    b = +b;
	  }

	  return a === b ? 0
	    : (anum && !bnum) ? -1
	    : (bnum && !anum) ? 1
	    : a < b ? -1
	    : 1
	};

	const rcompareIdentifiers = (a, b) => compareIdentifiers(b, a);

	identifiers = {
	  compareIdentifiers,
	  rcompareIdentifiers,
	};
	return identifiers;
}

var semver$1;
var hasRequiredSemver;

function requireSemver () {
	if (hasRequiredSemver) return semver$1;
	hasRequiredSemver = 1;

	const debug = requireDebug();
	const { MAX_LENGTH, MAX_SAFE_INTEGER } = requireConstants();
	const { safeRe: re, t } = requireRe();

	const parseOptions = requireParseOptions();
	const { compareIdentifiers } = requireIdentifiers();

	const isPrereleaseIdentifier = (prerelease, identifier) => {
	  const identifiers = identifier.split('.');
	  if (identifiers.length > prerelease.length) {
	    return false
	  }

	  for (let i = 0; i < identifiers.length; i++) {
	    if (compareIdentifiers(prerelease[i], identifiers[i]) !== 0) {
	      return false
	    }
	  }

	  return true
	};

	class SemVer {
	  constructor (version, options) {
	    options = parseOptions(options);

	    if (version instanceof SemVer) {
	      if (version.loose === !!options.loose &&
	        version.includePrerelease === !!options.includePrerelease) {
	        return version
	      } else {
	        version = version.version;
	      }
	    } else if (typeof version !== 'string') {
	      throw new TypeError(`Invalid version. Must be a string. Got type "${typeof version}".`)
	    }

	    if (version.length > MAX_LENGTH) {
	      throw new TypeError(
	        `version is longer than ${MAX_LENGTH} characters`
	      )
	    }

	    debug('SemVer', version, options);
	    this.options = options;
	    this.loose = !!options.loose;
	    // this isn't actually relevant for versions, but keep it so that we
	    // don't run into trouble passing this.options around.
	    this.includePrerelease = !!options.includePrerelease;

	    const m = version.trim().match(options.loose ? re[t.LOOSE] : re[t.FULL]);

	    if (!m) {
	      throw new TypeError(`Invalid Version: ${version}`)
	    }

	    this.raw = version;

	    // these are actually numbers
	    this.major = +m[1];
	    this.minor = +m[2];
	    this.patch = +m[3];

	    if (this.major > MAX_SAFE_INTEGER || this.major < 0) {
	      throw new TypeError('Invalid major version')
	    }

	    if (this.minor > MAX_SAFE_INTEGER || this.minor < 0) {
	      throw new TypeError('Invalid minor version')
	    }

	    if (this.patch > MAX_SAFE_INTEGER || this.patch < 0) {
	      throw new TypeError('Invalid patch version')
	    }

	    // numberify any prerelease numeric ids
	    if (!m[4]) {
	      this.prerelease = [];
	    } else {
	      this.prerelease = m[4].split('.').map((id) => {
	        if (/^[0-9]+$/.test(id)) {
	          const num = +id;
	          if (num >= 0 && num < MAX_SAFE_INTEGER) {
	            return num
	          }
	        }
	        return id
	      });
	    }

	    this.build = m[5] ? m[5].split('.') : [];
	    this.format();
	  }

	  format () {
	    this.version = `${this.major}.${this.minor}.${this.patch}`;
	    if (this.prerelease.length) {
	      this.version += `-${this.prerelease.join('.')}`;
	    }
	    return this.version
	  }

	  toString () {
	    return this.version
	  }

	  compare (other) {
	    debug('SemVer.compare', this.version, this.options, other);
	    if (!(other instanceof SemVer)) {
	      if (typeof other === 'string' && other === this.version) {
	        return 0
	      }
	      other = new SemVer(other, this.options);
	    }

	    if (other.version === this.version) {
	      return 0
	    }

	    return this.compareMain(other) || this.comparePre(other)
	  }

	  compareMain (other) {
	    if (!(other instanceof SemVer)) {
	      other = new SemVer(other, this.options);
	    }

	    if (this.major < other.major) {
	      return -1
	    }
	    if (this.major > other.major) {
	      return 1
	    }
	    if (this.minor < other.minor) {
	      return -1
	    }
	    if (this.minor > other.minor) {
	      return 1
	    }
	    if (this.patch < other.patch) {
	      return -1
	    }
	    if (this.patch > other.patch) {
	      return 1
	    }
	    return 0
	  }

	  comparePre (other) {
	    if (!(other instanceof SemVer)) {
	      other = new SemVer(other, this.options);
	    }

	    // NOT having a prerelease is > having one
	    if (this.prerelease.length && !other.prerelease.length) {
	      return -1
	    } else if (!this.prerelease.length && other.prerelease.length) {
	      return 1
	    } else if (!this.prerelease.length && !other.prerelease.length) {
	      return 0
	    }

	    let i = 0;
	    do {
	      const a = this.prerelease[i];
	      const b = other.prerelease[i];
	      debug('prerelease compare', i, a, b);
	      if (a === undefined && b === undefined) {
	        return 0
	      } else if (b === undefined) {
	        return 1
	      } else if (a === undefined) {
	        return -1
	      } else if (a === b) {
	        continue
	      } else {
	        return compareIdentifiers(a, b)
	      }
	    } while (++i)
	  }

	  compareBuild (other) {
	    if (!(other instanceof SemVer)) {
	      other = new SemVer(other, this.options);
	    }

	    let i = 0;
	    do {
	      const a = this.build[i];
	      const b = other.build[i];
	      debug('build compare', i, a, b);
	      if (a === undefined && b === undefined) {
	        return 0
	      } else if (b === undefined) {
	        return 1
	      } else if (a === undefined) {
	        return -1
	      } else if (a === b) {
	        continue
	      } else {
	        return compareIdentifiers(a, b)
	      }
	    } while (++i)
	  }

	  // preminor will bump the version up to the next minor release, and immediately
	  // down to pre-release. premajor and prepatch work the same way.
	  inc (release, identifier, identifierBase) {
	    if (release.startsWith('pre')) {
	      if (!identifier && identifierBase === false) {
	        throw new Error('invalid increment argument: identifier is empty')
	      }
	      // Avoid an invalid semver results
	      if (identifier) {
	        const match = `-${identifier}`.match(this.options.loose ? re[t.PRERELEASELOOSE] : re[t.PRERELEASE]);
	        if (!match || match[1] !== identifier) {
	          throw new Error(`invalid identifier: ${identifier}`)
	        }
	      }
	    }

	    switch (release) {
	      case 'premajor':
	        this.prerelease.length = 0;
	        this.patch = 0;
	        this.minor = 0;
	        this.major++;
	        this.inc('pre', identifier, identifierBase);
	        break
	      case 'preminor':
	        this.prerelease.length = 0;
	        this.patch = 0;
	        this.minor++;
	        this.inc('pre', identifier, identifierBase);
	        break
	      case 'prepatch':
	        // If this is already a prerelease, it will bump to the next version
	        // drop any prereleases that might already exist, since they are not
	        // relevant at this point.
	        this.prerelease.length = 0;
	        this.inc('patch', identifier, identifierBase);
	        this.inc('pre', identifier, identifierBase);
	        break
	      // If the input is a non-prerelease version, this acts the same as
	      // prepatch.
	      case 'prerelease':
	        if (this.prerelease.length === 0) {
	          this.inc('patch', identifier, identifierBase);
	        }
	        this.inc('pre', identifier, identifierBase);
	        break
	      case 'release':
	        if (this.prerelease.length === 0) {
	          throw new Error(`version ${this.raw} is not a prerelease`)
	        }
	        this.prerelease.length = 0;
	        break

	      case 'major':
	        // If this is a pre-major version, bump up to the same major version.
	        // Otherwise increment major.
	        // 1.0.0-5 bumps to 1.0.0
	        // 1.1.0 bumps to 2.0.0
	        if (
	          this.minor !== 0 ||
	          this.patch !== 0 ||
	          this.prerelease.length === 0
	        ) {
	          this.major++;
	        }
	        this.minor = 0;
	        this.patch = 0;
	        this.prerelease = [];
	        break
	      case 'minor':
	        // If this is a pre-minor version, bump up to the same minor version.
	        // Otherwise increment minor.
	        // 1.2.0-5 bumps to 1.2.0
	        // 1.2.1 bumps to 1.3.0
	        if (this.patch !== 0 || this.prerelease.length === 0) {
	          this.minor++;
	        }
	        this.patch = 0;
	        this.prerelease = [];
	        break
	      case 'patch':
	        // If this is not a pre-release version, it will increment the patch.
	        // If it is a pre-release it will bump up to the same patch version.
	        // 1.2.0-5 patches to 1.2.0
	        // 1.2.0 patches to 1.2.1
	        if (this.prerelease.length === 0) {
	          this.patch++;
	        }
	        this.prerelease = [];
	        break
	      // This probably shouldn't be used publicly.
	      // 1.0.0 'pre' would become 1.0.0-0 which is the wrong direction.
	      case 'pre': {
	        const base = Number(identifierBase) ? 1 : 0;

	        if (this.prerelease.length === 0) {
	          this.prerelease = [base];
	        } else {
	          let i = this.prerelease.length;
	          while (--i >= 0) {
	            if (typeof this.prerelease[i] === 'number') {
	              this.prerelease[i]++;
	              i = -2;
	            }
	          }
	          if (i === -1) {
	            // didn't increment anything
	            if (identifier === this.prerelease.join('.') && identifierBase === false) {
	              throw new Error('invalid increment argument: identifier already exists')
	            }
	            this.prerelease.push(base);
	          }
	        }
	        if (identifier) {
	          // 1.2.0-beta.1 bumps to 1.2.0-beta.2,
	          // 1.2.0-beta.fooblz or 1.2.0-beta bumps to 1.2.0-beta.0
	          let prerelease = [identifier, base];
	          if (identifierBase === false) {
	            prerelease = [identifier];
	          }
	          if (isPrereleaseIdentifier(this.prerelease, identifier)) {
	            const prereleaseBase = this.prerelease[identifier.split('.').length];
	            if (isNaN(prereleaseBase)) {
	              this.prerelease = prerelease;
	            }
	          } else {
	            this.prerelease = prerelease;
	          }
	        }
	        break
	      }
	      default:
	        throw new Error(`invalid increment argument: ${release}`)
	    }
	    this.raw = this.format();
	    if (this.build.length) {
	      this.raw += `+${this.build.join('.')}`;
	    }
	    return this
	  }
	}

	semver$1 = SemVer;
	return semver$1;
}

var semverExports = requireSemver();
var SemVer = /*@__PURE__*/getDefaultExportFromCjs(semverExports);

var compare_1;
var hasRequiredCompare;

function requireCompare () {
	if (hasRequiredCompare) return compare_1;
	hasRequiredCompare = 1;

	const SemVer = requireSemver();
	const compare = (a, b, loose) =>
	  new SemVer(a, loose).compare(new SemVer(b, loose));

	compare_1 = compare;
	return compare_1;
}

var gte_1;
var hasRequiredGte;

function requireGte () {
	if (hasRequiredGte) return gte_1;
	hasRequiredGte = 1;

	const compare = requireCompare();
	const gte = (a, b, loose) => compare(a, b, loose) >= 0;
	gte_1 = gte;
	return gte_1;
}

var gteExports = requireGte();
var gte = /*@__PURE__*/getDefaultExportFromCjs(gteExports);

var parse_1;
var hasRequiredParse;

function requireParse () {
	if (hasRequiredParse) return parse_1;
	hasRequiredParse = 1;

	const SemVer = requireSemver();
	const parse = (version, options, throwErrors = false) => {
	  if (version instanceof SemVer) {
	    return version
	  }
	  try {
	    return new SemVer(version, options)
	  } catch (er) {
	    if (!throwErrors) {
	      return null
	    }
	    throw er
	  }
	};

	parse_1 = parse;
	return parse_1;
}

var prerelease_1;
var hasRequiredPrerelease;

function requirePrerelease () {
	if (hasRequiredPrerelease) return prerelease_1;
	hasRequiredPrerelease = 1;

	const parse = requireParse();
	const prerelease = (version, options) => {
	  const parsed = parse(version, options);
	  return (parsed && parsed.prerelease.length) ? parsed.prerelease : null
	};
	prerelease_1 = prerelease;
	return prerelease_1;
}

var prereleaseExports = requirePrerelease();
var prerelease = /*@__PURE__*/getDefaultExportFromCjs(prereleaseExports);

var compareBuild_1;
var hasRequiredCompareBuild;

function requireCompareBuild () {
	if (hasRequiredCompareBuild) return compareBuild_1;
	hasRequiredCompareBuild = 1;

	const SemVer = requireSemver();
	const compareBuild = (a, b, loose) => {
	  const versionA = new SemVer(a, loose);
	  const versionB = new SemVer(b, loose);
	  return versionA.compare(versionB) || versionA.compareBuild(versionB)
	};
	compareBuild_1 = compareBuild;
	return compareBuild_1;
}

var rsort_1;
var hasRequiredRsort;

function requireRsort () {
	if (hasRequiredRsort) return rsort_1;
	hasRequiredRsort = 1;

	const compareBuild = requireCompareBuild();
	const rsort = (list, loose) => list.sort((a, b) => compareBuild(b, a, loose));
	rsort_1 = rsort;
	return rsort_1;
}

var rsortExports = requireRsort();
var rsort = /*@__PURE__*/getDefaultExportFromCjs(rsortExports);

var valid_1;
var hasRequiredValid;

function requireValid () {
	if (hasRequiredValid) return valid_1;
	hasRequiredValid = 1;

	const parse = requireParse();
	const valid = (version, options) => {
	  const v = parse(version, options);
	  return v ? v.version : null
	};
	valid_1 = valid;
	return valid_1;
}

var validExports = requireValid();
var valid = /*@__PURE__*/getDefaultExportFromCjs(validExports);

// The functions used, not the package's index: it loads every range and comparison module too
// (about 10 ms of CPU at every start, for nothing a release needs).
const semver = { SemVer, gte, prerelease, rsort, valid };
/**
 * The semver a tag names, without its optional leading `v`, or undefined when it names none.
 * Build metadata is kept (semver.parse would drop it from `.version`), and whitespace or a
 * second prefix (`=`, `vv`) is refused rather than quietly trimmed: a tag is a name, not prose.
 */
function tagVersion(tag) {
    const bare = tag.startsWith('v') ? tag.slice(1) : tag;
    if (!/^[0-9]/.test(bare) || /\s/.test(bare))
        return undefined;
    return semver.valid(bare) === null ? undefined : bare;
}
/** A semver with a prerelease part (`0.41.0-rc1`); build metadata alone does not make one. */
function isPrerelease(version) {
    return semver.prerelease(version) !== null;
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
    let base = new semver.SemVer('0.0.0');
    if (describe.tag !== undefined) {
        const version = tagVersion(describe.tag);
        if (version === undefined || isPrerelease(version)) {
            throw new Error(`git describe named tag '${describe.tag}', which is not a stable semver tag`);
        }
        base = new semver.SemVer(version);
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
    if (semver.valid(version) === null || isPrerelease(version))
        return false;
    return stableVersions(tags).every((tag) => semver.gte(version, tag));
}
/** The highest stable semver among tag names, or undefined when there is none. */
function highestStable(tags) {
    const versions = stableVersions(tags);
    return versions.length === 0 ? undefined : semver.rsort(versions)[0];
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
 * Whether a stage has anything to do in this run, read from the release and the inputs alone.
 * A stage without work plans nothing, so its code and libraries (OpenPGP for packages, the
 * registry's HTTP client for containers, YAML for drivers) are not loaded at all: a run that only
 * publishes packages does not compile the container client. Each stage's plan starts with the
 * same test, so the two cannot disagree.
 */
const hasWork = {
    // The GitHub release of a tag: for stable releases and prereleases, when asked for.
    release: ({ release, inputs }) => release.tag !== undefined &&
        (release.channel === 'stable' || release.prerelease) &&
        (inputs.release.body !== '' || inputs.release.assets.length > 0 || inputs.release.notes !== ''),
    // Verify checks what the others publish: it has work when they do, unless turned off.
    verify: (ctx) => ctx.inputs.verify.enabled &&
        (hasWork.packages(ctx) || hasWork.containers(ctx) || hasWork.drivers(ctx)),
    packages: ({ release, inputs }) => release.channel !== 'none' &&
        (inputs.packages.length > 0 || inputs.packaging.remove.length > 0),
    containers: ({ inputs }) => inputs.containers.images.length > 0,
    drivers: ({ release, inputs: { drivers } }) => release.channel !== 'none' &&
        drivers.versions.length > 0 &&
        (drivers.config !== '' || drivers.shard.mode === 'index')
};

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
    lazy('packages', async () => (await Promise.resolve().then(function () { return packages; })).packagesStage),
    lazy('containers', async () => (await import('./containers-DE4p6PGJ.js')).containersStage),
    lazy('drivers', async () => (await import('./drivers-7g85MFt7.js')).driversStage),
    lazy('release', async () => (await import('./release-CF6U-KLE.js')).releaseStage),
    lazy('verify', async () => (await Promise.resolve().then(function () { return verify; })).verifyStage)
];

/**
 * `promise`, started now so that it runs beside other work, and awaited later. Its rejection is
 * marked handled at once: one that comes before the await, or where the await never comes (the
 * run failed first), is not reported as unhandled. Whoever awaits it still gets the rejection.
 */
function awaitedLater(promise) {
    promise.catch(() => { });
    return promise;
}

/**
 * Requests through node:http(s), for the HTTP store and for reading what a public URL serves:
 * fetch would load Node's bundled undici at its first call (~40 ms of CPU and 16-40 MiB of RSS
 * at every start on Node 24), and its web streams cost a gigabyte download twice the CPU.
 */
/**
 * node:http's or node:https's `request`, required rather than imported: an ESM import of
 * node:http builds a namespace of all its exports, whose WebSocket getters load Node's bundled
 * undici: ~40 ms of CPU at every start on Node 24 (bench/small-repo.ts), for a module only an
 * upload to an HTTP store uses.
 */
function requestOf(protocol) {
    const module = protocol === 'https:' ? 'node:https' : 'node:http';
    // Required once, then kept: a retry still running after its caller gave up must not require
    // again (under a test runner that has torn its module registry down, that throws).
    return (loaded[module] ??= createRequire(import.meta.url)(module).request);
}
const loaded = {};
function answerOf(response) {
    return {
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? '',
        headers: {
            get: (name) => {
                const value = response.headers[name.toLowerCase()];
                return value === undefined ? null : String(value);
            }
        }
    };
}
/**
 * A request whose connection fails after IDLE_MS of silence, as fetch's did. Aborting `signal`
 * destroys it, its answer's body included.
 */
function openRequest(url, method, headers, signal) {
    const request = requestOf(url.protocol)(url, { method, headers, ...(signal && { signal }) });
    request.setTimeout(IDLE_MS, () => request.destroy(new Error(`no answer for ${IDLE_MS / 1000} s (socket hang up)`)));
    return request;
}
/**
 * One request through node:http, no redirect followed: the store's requests other than a PUT's
 * (fetch would load Node's bundled undici at the first: ~40 ms and 16-40 MiB at every start).
 * A connection silent for IDLE_MS fails, as fetch's did. An answer that stops short of its
 * Content-Length fails the body's stream (node:http checks it).
 */
function send(url, method, headers, body, signal) {
    const request = openRequest(url, method, headers, signal);
    return new Promise((resolve, reject) => {
        request.once('response', (response) => {
            const bytes = async () => {
                const chunks = [];
                for await (const chunk of response)
                    chunks.push(chunk);
                return Buffer.concat(chunks);
            };
            resolve({
                ...answerOf(response),
                ok: response.statusCode !== undefined &&
                    response.statusCode >= 200 &&
                    response.statusCode < 300,
                body: response,
                bytes,
                text: async () => (await bytes()).toString('utf8'),
                discard: () => {
                    response.resume();
                }
            });
        });
        // Kept after the answer: a socket error mid-body is emitted here too (the body fails with it).
        request.on('error', reject);
        request.end(body);
    });
}
/**
 * Hashes an answer's body as it arrives, freeing each chunk once hashed: node:http allocates a
 * fresh 64 KiB buffer for every read from the socket, and copies the body out of it into another,
 * and Node 24's collector lets ~70 MiB of them pile up before it frees any. The body's chunks never
 * leave this function; a socket read is freed after node:http has parsed it, only while no body
 * chunk waits unread (node:http copies the body out, but should one ever be a view of the read,
 * it has been hashed by then).
 */
function hashBody(response) {
    const hash = createHash('sha256');
    let size = 0;
    const socket = response.socket;
    const afterParse = (read) => {
        if (response.readableLength === 0)
            releaseChunk(read);
    };
    // Registered after node:http's own listener, so it runs once the read is parsed. Plain TCP
    // only: a TLS socket's reads are left to the collector (their bodies' copies are still freed).
    if (!socket.encrypted)
        socket.on('data', afterParse);
    const done = () => {
        socket.off('data', afterParse);
    };
    return new Promise((resolve, reject) => {
        response.on('data', (chunk) => {
            hash.update(chunk);
            size += chunk.length;
            releaseChunk(chunk);
        });
        response.once('end', () => {
            done();
            resolve({ sha256: hash.digest('hex'), size });
        });
        response.once('error', (error) => {
            done();
            reject(error);
        });
        response.once('close', () => {
            done();
            if (!response.complete)
                reject(new Error('the connection closed before the whole body'));
        });
    });
}
/** ArrayBuffer.prototype.transfer, where Node has it (22 and later). */
const transfer = ArrayBuffer.prototype.transfer;
/**
 * Frees a chunk's memory now instead of at the next collection, by moving it into an empty
 * buffer (detaching it): only a chunk that is a whole allocation of its own, never a view into a
 * shared pool (Buffer's small-allocation pool is 8 KiB).
 */
function releaseChunk(chunk) {
    if (!transfer || chunk.length <= 8192)
        return;
    if (chunk.byteOffset !== 0 || chunk.buffer.byteLength !== chunk.length)
        return;
    transfer.call(chunk.buffer, 0);
}
/** How long a connection may stay silent mid-request (undici's default, which fetch had). */
const IDLE_MS = 300_000;

/**
 * The path of a body that is a whole local file just opened (`createReadStream(file)`, nothing
 * read yet, no start or end): a store may then read the file itself (positional reads into its
 * own buffers, a length known up front) rather than take the stream's chunks. A range of a file,
 * or a stream already read from, is undefined: it is taken as a stream.
 */
function unreadFileOf(body) {
    if (!(body instanceof ReadStream) || typeof body.path !== 'string' || body.bytesRead !== 0)
        return undefined;
    const { start, end } = body;
    return (start === undefined || start === 0) && (end === undefined || end === Infinity)
        ? body.path
        : undefined;
}
/** The objects under `prefix`, in key order, as cheaply as the store can list them (no etags). */
function scan(store, prefix) {
    return store.scan ? store.scan(prefix) : store.list(prefix);
}
/** An object's whole bytes (by the store's own read when it has one), or undefined when absent. */
async function readObject(store, key) {
    if (store.read)
        return store.read(key);
    const stream = await store.get(key);
    if (!stream)
        return undefined;
    const chunks = [];
    for await (const c of stream)
        chunks.push(c);
    return Buffer.concat(chunks);
}
/**
 * An object's bytes with their etag (by the store's own readVersioned, one request, when it has
 * one; else head, then read), or undefined when absent.
 */
async function readWithEtag(store, key) {
    if (store.readVersioned)
        return store.readVersioned(key);
    const info = await store.head(key);
    if (!info)
        return undefined;
    const bytes = await readObject(store, key);
    return bytes && { bytes, etag: info.etag };
}
/** An object's size and date (by the store's own stat when it has one), or undefined when absent. */
function statObject(store, key) {
    return store.stat ? store.stat(key) : store.head(key);
}
/** An object's size and SHA-256 (by the store's own digest when it has one), or undefined when absent. */
async function digestObject(store, key) {
    if (store.digest)
        return store.digest(key);
    const stream = await store.get(key);
    return stream ? sha256Of(stream) : undefined;
}
/** A conditional put lost the race: somebody else created or changed the object first. */
class PreconditionFailed extends Error {
    key;
    precondition;
    constructor(key, precondition) {
        super('ifNoneMatch' in precondition
            ? `${key} already exists`
            : `${key} changed since it was read (expected etag ${precondition.ifMatch})`);
        this.key = key;
        this.precondition = precondition;
        this.name = 'PreconditionFailed';
    }
}
/**
 * What no key may hold: nothing at all, a leading or trailing '/', an empty, '.' or '..' segment,
 * a control character or a backslash. One regular expression (native code) rather than splitting
 * every key into segments: a publish checks hundreds of keys, mostly before V8 optimises anything.
 */
// eslint-disable-next-line no-control-regex
const INVALID_KEY = /^$|^\/|\/$|\/\/|(?:^|\/)\.\.?(?:\/|$)|[\u0000-\u001f\u007f\\]/;
/** Rejects keys that could escape the store's root or that no backend can hold. */
function checkKey$1(key) {
    if (INVALID_KEY.test(key)) {
        throw new Error(`invalid store key ${JSON.stringify(key)}: keys are relative '/'-separated paths`);
    }
    return key;
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
     * discards a stream body). Create-only asks the store only whether the key exists (`stat`:
     * on http, no GET to hash it for an etag). A create-only put of a content-addressed key
     * (`options.contentAddressed`: every writer of it writes the same bytes) takes no lease.
     */
    async conditionalPut(store, key, body, options, write) {
        const { precondition } = options;
        const check = async () => {
            const holds = 'ifNoneMatch' in precondition
                ? (await statObject(store, key)) === undefined
                : (await currentEtag(store, key)) === precondition.ifMatch;
            if (!holds) {
                if (body instanceof Readable)
                    body.destroy();
                throw new PreconditionFailed(key, precondition);
            }
            return write();
        };
        if (options.contentAddressed && 'ifNoneMatch' in precondition)
            return check();
        return this.withLease(createHash('sha256').update(key).digest('hex'), check);
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
                host: hostname$1(),
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
 * The etag a compare-and-swap compares: from one read where the store has readVersioned (an http
 * store's head() sends a HEAD, then a GET to hash the bytes), else from head(). The keys compared
 * are indexes, small enough to read whole.
 */
async function currentEtag(store, key) {
    if (store.readVersioned)
        return (await store.readVersioned(key))?.etag;
    return (await store.head(key))?.etag;
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

/** S3 takes at most 10,000 parts; a known size beyond them gets larger parts. */
const MAX_PARTS = 10_000;
/**
 * Sends `source` to `target`, handing each part to `seen` in order before it is sent (the
 * store's hash). Resolves with the object's etag (undefined when the service gave none) and its
 * size. A failure aborts the parts in flight and the multipart upload: nothing becomes visible.
 * The source's own errors come out as they are, the target's as the target threw them.
 */
async function uploadParts(source, target, shape, seen) {
    try {
        const known = source.size;
        const partBytes = known === undefined
            ? shape.partBytes
            : Math.max(shape.partBytes, Math.ceil(known / MAX_PARTS));
        // A known size that fits one part is read into a buffer one byte longer, so that its end
        // shows (a short read) without a second read.
        const firstLength = known !== undefined && known <= partBytes ? known + 1 : partBytes;
        let firstBuffer;
        const first = await source.read(firstLength, () => (firstBuffer = Buffer.allocUnsafeSlow(firstLength)));
        if (first.length < firstLength) {
            seen(first);
            const size = first.length;
            const etag = await target.put(first);
            if (firstBuffer)
                releaseChunk(firstBuffer);
            return { etag, size };
        }
        if (firstLength < partBytes)
            throw new Error(`the body grew while it was read (${known} bytes when the upload began)`);
        return await multipart(source, target, partBytes, shape.partsInFlight, seen, first, firstBuffer);
    }
    finally {
        await source.close();
    }
}
async function multipart(source, target, partBytes, partsInFlight, seen, first, firstBuffer) {
    const uploadId = await target.create();
    const stop = new AbortController();
    const parts = [];
    const inFlight = new Set();
    /** Part buffers whose requests have settled, to be read into again. */
    const free = [];
    /** Every part buffer this upload made, freed at its end (see below). */
    const made = firstBuffer ? [firstBuffer] : [];
    let failure;
    let size = 0;
    /** `owned`: the buffer the part was read into (none when it is a view of the caller's bytes). */
    const send = (number, body, owned) => {
        seen(body);
        size += body.length;
        const sent = target.part(uploadId, number, body, stop.signal).then((etag) => {
            parts.push({ PartNumber: number, ETag: etag });
            inFlight.delete(sent);
            if (owned)
                free.push(owned);
        });
        // Seen by Promise.race/all below; until then, a failure is only noted (never unhandled).
        sent.catch((error) => {
            failure ??= { error };
        });
        inFlight.add(sent);
    };
    try {
        send(1, first, firstBuffer);
        for (let number = 2;; number++) {
            // A part is read only once fewer than partsInFlight are in flight: their buffers are all.
            while (inFlight.size >= partsInFlight)
                await Promise.race(inFlight);
            if (failure)
                throw failure.error;
            let owned;
            const part = await source.read(partBytes, () => (owned = free.pop() ?? made[made.push(Buffer.allocUnsafeSlow(partBytes)) - 1]));
            if (part.length > 0)
                send(number, part, owned);
            if (part.length < partBytes)
                break;
        }
        await Promise.all(inFlight);
        parts.sort((a, b) => a.PartNumber - b.PartNumber);
        const etag = await target.complete(uploadId, parts);
        // Every part's request has been answered, so none is still being sent: the buffers are freed
        // now (Node 22+; Node 20 cannot) rather than left to the collector, whose next run may come
        // only once the verify stage has downloaded tens of MiB more.
        for (const buffer of made)
            releaseChunk(buffer);
        return { etag, size };
    }
    catch (error) {
        // The parts still in flight are stopped and settled first, so that the abort drops them all.
        stop.abort();
        await Promise.allSettled(inFlight);
        await target.abort(uploadId).catch(() => undefined);
        throw error;
    }
}
/**
 * The source for a put's body: bytes in memory as they are; a local file just opened
 * (`createReadStream(file)`, nothing read yet) by positional reads into the part buffers, with no
 * stream between; any other stream copied chunk by chunk into them.
 */
async function partSource(body) {
    // A Buffer is sent as it is (views of it, never written into): no copy.
    if (typeof body === 'string' || Buffer.isBuffer(body))
        return memorySource(Buffer.isBuffer(body) ? body : Buffer.from(body));
    const file = unreadFileOf(body);
    if (file !== undefined) {
        body.destroy();
        return fileSource(file);
    }
    return streamSource(body);
}
function memorySource(bytes) {
    let at = 0;
    return {
        size: bytes.length,
        read: async (length) => {
            const part = bytes.subarray(at, at + length);
            at += part.length;
            return part;
        },
        close: async () => undefined
    };
}
async function fileSource(file) {
    const handle = await open(file, 'r');
    let size;
    try {
        size = (await handle.stat()).size;
    }
    catch (error) {
        await handle.close();
        throw error;
    }
    let position = 0;
    let closed = false;
    return {
        size,
        read: async (length, into) => {
            const buffer = into();
            let filled = 0;
            while (filled < length) {
                const { bytesRead } = await handle.read(buffer, filled, length - filled, position);
                if (bytesRead === 0)
                    break;
                filled += bytesRead;
                position += bytesRead;
            }
            return buffer.subarray(0, filled);
        },
        close: async () => {
            if (closed)
                return;
            closed = true;
            await handle.close();
        }
    };
}
function streamSource(body) {
    const chunks = body[Symbol.asyncIterator]();
    let rest = Buffer.alloc(0);
    let ended = false;
    return {
        size: undefined,
        read: async (length, into) => {
            const buffer = into();
            let filled = 0;
            while (filled < length) {
                if (rest.length === 0) {
                    if (ended)
                        break;
                    const next = await chunks.next();
                    if (next.done) {
                        ended = true;
                        break;
                    }
                    rest = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
                }
                const copied = rest.copy(buffer, filled, 0, Math.min(rest.length, length - filled));
                filled += copied;
                rest = rest.subarray(copied);
            }
            return buffer.subarray(0, filled);
        },
        close: async () => {
            // Stops (and destroys) the stream when the upload ended before it did.
            if (!ended)
                await chunks.return?.();
        }
    };
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
const MIB = 1024 * 1024;
/**
 * A Store in an S3 bucket (or an S3-compatible service), under an optional key prefix.
 *
 * Credentials come from the SDK's standard chain only (environment, web identity as
 * aws-actions/configure-aws-credentials sets it up, profiles): never from an input.
 * Uploads are one PutObject up to a part, else multipart with a bounded number of parts in flight,
 * read into reused buffers and hashed on the way (s3-upload.ts): memory does not grow with the
 * object. Downloads that are only checked are hashed as they arrive (`digest`).
 *
 * Requests are retried under the shared policy, Retry-After honoured up to its longest wait
 * (s3-retry.ts). The SDK never retries a request whose body is a stream, so every body sent is a
 * buffer: the upload's parts, and the conditional put's index read into memory.
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
        return this.prefix + checkKey$1(key);
    }
    url(key) {
        checkKey$1(key);
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
        checkKey$1(key);
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
        checkKey$1(key);
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
        checkKey$1(key);
        if (range && range.end <= range.start)
            return Buffer.alloc(0);
        return this.getAgainIfBroken(key, (body) => this.collect(body, key), range);
    }
    /** The object with the ETag its GET answered with: one request, where head() then read() take two. */
    async readVersioned(key) {
        checkKey$1(key);
        return this.getAgainIfBroken(key, async (body, etag) => ({
            bytes: await this.collect(body, key),
            etag
        }));
    }
    async collect(body, key) {
        const chunks = [];
        for await (const chunk of this.named(body, key))
            chunks.push(Buffer.from(chunk));
        return Buffer.concat(chunks);
    }
    /**
     * Size and SHA-256 of an object, hashed as the GET's body arrives, each chunk freed once hashed
     * (hashBody): the verify stage's read of a 1 GiB package holds a few chunks, not the ~80 MiB
     * Node 24's collector lets pile up from a stream read to its end. A body that breaks off is
     * sent for again, as `read` does.
     */
    async digest(key) {
        checkKey$1(key);
        return this.getAgainIfBroken(key, async (body) => {
            try {
                // node:http's answer as the SDK hands it over (no checksum stream around it: response
                // checksums are validated only when required); anything else is read as a stream.
                const answer = body;
                return await (answer.socket ? hashBody(answer) : sha256Of(body));
            }
            catch (error) {
                throw new BrokenBody(`GET ${this.location}/${key}: the answer broke off (${causeText(error)})`, { cause: error });
            }
        });
    }
    /**
     * A GET of `key` (or `range` of it) whose body `consume` reads, undefined when there is no such
     * object. A body that breaks off (`consume` throws BrokenBody) is out of the SDK's retries; a
     * GET is safe to repeat, so it is sent again under the store's policy.
     */
    async getAgainIfBroken(key, consume, range) {
        const { s3, client } = await this.client();
        const policy = this.options.retry ?? DEFAULT_RETRY;
        return retry(async () => {
            let body;
            let etag;
            try {
                const out = await client.send(new s3.GetObjectCommand({
                    Bucket: this.bucket,
                    Key: this.prefix + key,
                    ...(range ? { Range: `bytes=${range.start}-${range.end - 1}` } : {})
                }));
                body = out.Body;
                etag = out.ETag ?? '';
            }
            catch (error) {
                if (isNotFound(error))
                    return undefined;
                throw this.failure('GET', key, error);
            }
            return consume(body, etag);
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
        // pipe() never destroys its source: a reader that stops early (a failed upload of a copy, a
        // `break` out of for await) would leave the SDK's body paused, the connection taken and the
        // rest of the answer unread until the server gave up on it.
        out.once('close', () => {
            if (!body.readableEnded)
                body.destroy();
        });
        body.pipe(out);
        return out;
    }
    async put(key, body, options = {}) {
        checkKey$1(key);
        const precondition = options.precondition;
        if (!precondition)
            return this.upload(key, body, options);
        if ((await this.conditionalMode()) === 'native')
            return this.putConditional(key, body, precondition, options.contentType, options.lifetime);
        return this.leases.conditionalPut(this, key, body, { ...options, precondition }, () => this.upload(key, body, options));
    }
    /** CopyObject: the service copies the bytes (up to 5 GiB, far above any index). */
    async copy(from, to, options = {}) {
        checkKey$1(from);
        checkKey$1(to);
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
        checkKey$1(key);
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
    /**
     * One PutObject up to a part, else a multipart upload from reused part buffers (s3-upload.ts):
     * the memory is partsInFlight x partBytes whatever the object's size. Each part is hashed as it
     * is read, in order, unless the caller gave the sha256 of bytes in memory or of a local file
     * (PutOptions.sha256) and wants no hash kept; the SDK retries a part's request with the same
     * buffer.
     */
    async upload(key, body, options = {}) {
        const { contentType, lifetime, keepHash } = options;
        const { s3, client } = await this.client();
        const trusted = options.sha256 !== undefined &&
            !keepHash &&
            (typeof body === 'string' || Buffer.isBuffer(body) || unreadFileOf(body) !== undefined);
        const hash = trusted ? undefined : createHash('sha256');
        const Bucket = this.bucket;
        const Key = this.prefix + key;
        const metadata = {
            ContentType: contentType ?? 'application/octet-stream',
            ...this.objectMetadata(lifetime)
        };
        const named = (request) => request.catch((error) => {
            throw this.failure('PUT', key, error);
        });
        const target = {
            put: async (bytes) => (await named(client.send(new s3.PutObjectCommand({
                Bucket,
                Key,
                Body: bytes,
                ContentLength: bytes.length,
                ...metadata
            })))).ETag,
            create: async () => {
                const out = await named(client.send(new s3.CreateMultipartUploadCommand({ Bucket, Key, ...metadata })));
                if (!out.UploadId)
                    throw this.failure('PUT', key, new Error('no UploadId in the answer'));
                return out.UploadId;
            },
            part: async (UploadId, PartNumber, bytes, abortSignal) => (await named(client.send(new s3.UploadPartCommand({
                Bucket,
                Key,
                UploadId,
                PartNumber,
                Body: bytes,
                ContentLength: bytes.length
            }), { abortSignal }))).ETag ?? '',
            complete: async (UploadId, Parts) => (await named(client.send(new s3.CompleteMultipartUploadCommand({
                Bucket,
                Key,
                UploadId,
                MultipartUpload: { Parts }
            })))).ETag,
            abort: async (UploadId) => {
                await client.send(new s3.AbortMultipartUploadCommand({ Bucket, Key, UploadId }));
            }
        };
        const sent = await uploadParts(await partSource(body), target, {
            partBytes: this.options.partBytes ?? 8 * 1024 * 1024,
            partsInFlight: this.options.partsInFlight ?? 4
        }, (part) => hash?.update(part));
        const hashed = keepHash && hash ? { hashed: hash.copy() } : {};
        const sha256 = hash ? hash.digest('hex') : options.sha256;
        const etag = sent.etag ?? (await this.head(key))?.etag ?? '';
        return { key, size: sent.size, sha256, etag, ...hashed };
    }
    async putConditional(key, body, precondition, contentType, lifetime) {
        const { s3, client } = await this.client();
        const { bytes, sha256 } = await readAll$1(body, key);
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
            size: bytes.length,
            sha256,
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
    /**
     * The probe of conditional writes starts now, beside the uploads that come before any index
     * commit, instead of holding the first commit for its round trips. A failure is the first
     * conditional write's to report, as it would have been.
     */
    prepareWrites() {
        awaitedLater(this.conditionalMode());
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
            // Both are refused by a service that honours conditions, and change nothing: side by side.
            const [again, stale] = await Promise.all([
                attempt({ IfNoneMatch: '*' }),
                attempt({ IfMatch: '"0123456789abcdef0123456789abcdef"' })
            ]);
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
        await this.upload(key, JSON.stringify(holder), { contentType: 'application/json' });
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
                await this.upload(key, 'Keeps the folder of the leases in place.\n', {
                    contentType: 'text/plain'
                });
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
            const s3 = await import('./dist-es-D4v4l7IF.js');
            const policy = this.options.retry ?? DEFAULT_RETRY;
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
            return { s3, client };
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
/**
 * A conditional put's body (an index, a driver) in memory, and its sha256; refuses large ones.
 * Bytes in memory are taken as they are and a local file is read once into a buffer of its size;
 * another stream is gathered 1 MiB at a time.
 */
async function readAll$1(body, key) {
    const tooLarge = () => new Error(`${key}: a conditional put to S3 is limited to ${CONDITIONAL_MAX} bytes`);
    const source = await partSource(body);
    try {
        const known = source.size;
        if (known !== undefined && known > CONDITIONAL_MAX)
            throw tooLarge();
        let bytes;
        if (known !== undefined) {
            bytes = await source.read(known + 1, () => Buffer.allocUnsafeSlow(known + 1));
            if (bytes.length > known)
                throw new Error(`${key}: the body grew while it was read (${known} bytes before)`);
        }
        else {
            const chunks = [];
            let size = 0;
            for (;;) {
                const chunk = await source.read(MIB, () => Buffer.allocUnsafe(MIB));
                size += chunk.length;
                if (size > CONDITIONAL_MAX)
                    throw tooLarge();
                chunks.push(chunk);
                if (chunk.length < MIB)
                    break;
            }
            bytes = Buffer.concat(chunks, size);
        }
        return { bytes, sha256: sha256Hex(bytes) };
    }
    finally {
        await source.close();
    }
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
            client ??= import('./dist-es-BC1BpGzT.js').then((cf) => ({
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

/**
 * Local files are read 1 MiB at a time (16 times fewer chunks through a hash than a stream's
 * default), and one of up to that size in a single read (`readSmallFile`).
 */
const READ_CHUNK$2 = 1 << 20;
/**
 * The bytes of a local file of at most `limit` bytes, in one read; undefined when it is larger
 * (the caller streams it then). For the few-hundred-byte packages and signatures of a small
 * publish, a read stream's open, chunks and close cost more than the bytes themselves. Errors
 * (a missing file) are thrown with the messages a stream would give.
 */
function readSmallFile(file, limit) {
    const fd = openSync(file, 'r');
    try {
        const size = fstatSync(fd).size;
        if (size > limit)
            return undefined;
        return readInto(fd, Buffer.allocUnsafe(size), 0);
    }
    finally {
        closeSync(fd);
    }
}
/**
 * `bytes` filled from `fd` at `position`, as far as the file goes: the bytes read (a file that
 * shrank since its size was taken gives fewer).
 */
function readInto(fd, bytes, position) {
    let at = 0;
    while (at < bytes.length) {
        const read = readSync(fd, bytes, at, bytes.length - at, position + at);
        if (read === 0)
            break;
        at += read;
    }
    return bytes.subarray(0, at);
}

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
            host: hostname$1(),
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
        return holder.host === hostname$1() && !isAlive(holder.pid);
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
            host: hostname$1(),
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
    /** `root` ending with a separator: the prefix of every object's path. */
    rootSlash;
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
        this.rootSlash = this.root.endsWith(path.sep) ? this.root : this.root + path.sep;
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
        return handle.createReadStream({ highWaterMark: READ_CHUNK$2 });
    }
    /**
     * Size and SHA-256: a file of up to READ_CHUNK in one read (a stream's open, stat, chunks and
     * close cost more than hashing it; verify hashes a dozen indexes after each publish), a larger
     * one as it streams, so a big package neither sits whole in memory nor holds the event loop.
     */
    async digest(key) {
        const stats = fileStats(this.pathOf(key));
        if (!stats)
            return undefined;
        if (stats.size > BigInt(READ_CHUNK$2)) {
            const stream = await this.get(key);
            return stream && sha256Of(stream);
        }
        const bytes = await this.read(key);
        return bytes && { sha256: sha256Hex(bytes), size: bytes.length };
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
            return readInto(fd, Buffer.allocUnsafe(Math.max(0, end - start)), start);
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
                await copyFile(source, file, constants$2.COPYFILE_FICLONE);
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
                : await this.writeTemp(key, body, !defer, options.keepHash);
        // A rename moves the temporary file into place; a link leaves it to be removed.
        let moved = false;
        try {
            let stats;
            if (createOnly && defer) {
                stats = stamp(temp.file, undefined);
                if (!(await this.createImmutable(key, dest, temp.file, temp.size)))
                    throw new PreconditionFailed(key, precondition);
                return { key, size: temp.size, sha256: temp.sha256, etag: etagOf(stats), ...kept(temp) };
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
            return { key, size: temp.size, sha256: temp.sha256, etag: etagOf(stats), ...kept(temp) };
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
        yield* this.listed(prefix, (file, key) => {
            const stats = fileStats(file);
            return stats && info(key, stats);
        });
    }
    /**
     * Keys, sizes and dates without etags: a plain stat per file, where list() reads bigint stats
     * and spells out the etag. Pruning old index generations lists a repository's whole component
     * folder on every publish (hundreds of by-hash files while they wait out the grace period).
     */
    async *scan(prefix) {
        yield* this.listed(prefix, (file, key) => {
            const stats = statSync(file, { throwIfNoEntry: false });
            return stats?.isFile() ? { key, size: stats.size, modified: stats.mtime } : undefined;
        });
    }
    async *listed(prefix, read) {
        // Only the folder the prefix ends in is read, then everything below it that can match.
        const slash = prefix.lastIndexOf('/');
        const folder = slash <= 0 ? '' : checkKey$1(prefix.slice(0, slash));
        // A driver folder holds thousands of files: other work gets the event loop between batches.
        let listed = 0;
        for (const object of this.walk(folder, prefix, read)) {
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
        checkKey$1(key);
        if (key === STATE_DIR || key.startsWith(`${STATE_DIR}/`)) {
            throw new Error(`invalid store key ${JSON.stringify(key)}: ${STATE_DIR}/ is reserved for the temporary and lock files of ${this.location}`);
        }
        // A checked key has no empty, '.' or '..' segment, and the root is resolved: joined as is,
        // it is already what path.join gives, without normalising it again for every call.
        return path.sep === '/' ? this.rootSlash + key : path.join(this.root, ...key.split('/'));
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
    async writeTemp(key, body, sync, keepHash) {
        const small = this.smallFile(key, body);
        if (small) {
            // The same digest (and unfinished hash) as the stream's, from the bytes read.
            const hash = createHash('sha256').update(small);
            const hashed = keepHash ? hash.copy() : undefined;
            return { ...(await this.writeBytes(key, small, hash.digest('hex'), sync)), hashed };
        }
        const file = this.tempName();
        const digest = new Sha256Stream(keepHash);
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
        return { file, sha256: digest.sha256, size: digest.size, hashed: digest.hashed };
    }
    /**
     * The bytes of a body that is a whole local file of up to READ_CHUNK, read in one go (its
     * stream closed unread): a stream's open, chunks, hashing transform and write stream cost more
     * than the copy of a package's few hundred bytes or a signature. Undefined for anything else,
     * which is streamed. A file that cannot be read fails as its stream would have.
     */
    smallFile(key, body) {
        const local = unreadFileOf(body);
        if (local === undefined)
            return undefined;
        // Closed unread once its bytes are in hand; its own open of the file is not waited on, and
        // may still fail (a missing file): that error is this one's, reported below.
        const stream = body;
        const close = () => {
            stream.on('error', () => { });
            stream.destroy();
        };
        let bytes;
        try {
            bytes = readSmallFile(local, READ_CHUNK$2);
        }
        catch (error) {
            close();
            throw new Error(`cannot write store key ${key} to ${this.location}: ${message(error)}`, {
                cause: error
            });
        }
        if (bytes === undefined)
            return undefined;
        close();
        return bytes;
    }
    /**
     * A fresh name for a temporary file, unique between processes and calls, naming its writer
     * (pid and host) so that the leftovers of a killed run can be told from writes under way.
     */
    tempName() {
        return path.join(this.tmpDir, `${process.pid}@${hostname$1()}-${randomUUID()}.tmp`);
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
    *walk(folder, prefix, read) {
        const dir = path.join(this.root, ...(folder ? folder.split('/') : []));
        let entries;
        try {
            entries = readdirSync(dir, { withFileTypes: true });
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
                    yield* this.walk(key, prefix, read);
            }
            else if ((entry.isFile() || entry.isSymbolicLink()) && key.startsWith(prefix)) {
                // The folder's path once, then the name: path.join per file was a tenth of a listing.
                // Gone since readdir (a concurrent delete) or a link to a folder: not an object.
                const found = read(dir + path.sep + entry.name, key);
                if (found !== undefined)
                    yield found;
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
    const host = hostname$1();
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
        checkKey$1(key);
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
/** The unfinished hash of a streamed write, when asked for (PutOptions.keepHash). */
function kept(temp) {
    return temp.hashed ? { hashed: temp.hashed } : {};
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
 *   writes. Plain puts take no lease, nor does a create-only put of a content-addressed key
 *   (`contentAddressed`: every writer of it writes the same bytes), which is a HEAD, then a PUT.
 * - A read answered anything but 200, 404, 410 or a redirect (refused credentials, a 5xx that
 *   outlasts the retries) fails: taken as an absent object, it would start a repository anew.
 */
class HttpStore {
    options;
    location;
    base;
    headers;
    leases;
    policy;
    /** Folders made (or found) by MKCOL, by path: each asked for once. */
    collections = new Map();
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
        this.policy = options.retry ?? DEFAULT_RETRY;
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
        checkKey$1(key);
        if (!this.options.baseUrl)
            return this.objectUrl(key).href;
        const base = new URL(this.options.baseUrl);
        if (!base.pathname.endsWith('/'))
            base.pathname += '/';
        return new URL(key.split('/').map(encodeURIComponent).join('/'), base).href;
    }
    async head(key) {
        const response = await this.request('HEAD', this.objectUrl(checkKey$1(key)));
        response.discard();
        if (!this.found('HEAD', key, response))
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
    /** Size and date from one HEAD: none of the GET head() adds to hash a small object for its etag. */
    async stat(key) {
        const response = await this.request('HEAD', this.objectUrl(checkKey$1(key)));
        response.discard();
        if (!this.found('HEAD', key, response))
            return undefined;
        const { size, modified } = infoOf(key, response);
        return { key, size, ...(modified ? { modified } : {}) };
    }
    /**
     * The object's bytes as node:http receives them: a 1 GiB package read back (the verify stage,
     * a foreign tarball's adoption) costs half the CPU and memory of fetch's web stream.
     */
    async get(key) {
        const url = this.objectUrl(checkKey$1(key));
        const response = await this.request('GET', url);
        return this.found('GET', key, response) ? response.body : undefined;
    }
    /**
     * The object with its etag from one GET, where head() then a read take three requests (HEAD,
     * then a GET to hash the bytes, then the GET of the read). The etag is the one head() gives:
     * the SHA-256 of the bytes up to SMALL_OBJECT, else the server's ETag.
     */
    async readVersioned(key) {
        const response = await this.request('GET', this.objectUrl(checkKey$1(key)));
        if (!this.found('GET', key, response))
            return undefined;
        const bytes = await response.bytes();
        const etag = bytes.length > SMALL_OBJECT ? infoOf(key, response).etag : contentEtag(sha256Hex(bytes));
        return { bytes, etag };
    }
    /**
     * Size and SHA-256 of an object, hashed as node:http receives it (the verify stage's read of a
     * published package). Each chunk is freed as soon as it is hashed (see `releaseChunk`), so a
     * 1 GiB download holds a few of them, not the ~70 MiB the collector lets pile up on Node 24.
     */
    async digest(key) {
        const response = await this.request('GET', this.objectUrl(checkKey$1(key)));
        if (!this.found('GET', key, response))
            return undefined;
        return hashBody(response.body);
    }
    async put(key, body, options = {}) {
        checkKey$1(key);
        const precondition = options.precondition;
        if (!precondition)
            return this.write(key, body, options);
        return this.leases.conditionalPut(this, key, body, { ...options, precondition }, () => this.write(key, body, options));
    }
    async delete(key) {
        const response = await this.request('DELETE', this.objectUrl(checkKey$1(key)));
        response.discard();
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
                response.discard();
                return [];
            }
            const entries = response.ok ? parseAutoindex(await response.text()) : undefined;
            if (!response.ok)
                response.discard();
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
            response.discard();
            return [];
        }
        const entries = response.status === 207
            ? await parseMultistatus(await response.text(), url.pathname)
            : undefined;
        if (response.status !== 207)
            response.discard();
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
    async write(key, body, options = {}) {
        const url = this.objectUrl(key);
        const source = await replayable(body);
        const headers = {
            'content-type': options.contentType ?? 'application/octet-stream'
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
        const known = source.file !== undefined ? options.sha256 : undefined;
        for (let created = false;; created = true) {
            let tally = new Tally(known, options.keepHash);
            const response = await this.retrying('PUT', url, source.replay, async () => {
                tally = new Tally(known, options.keepHash);
                return upload(url, { ...this.headers, ...headers }, source, tally);
            });
            if (response.status === 409 && !created) {
                await this.ensureParents(key);
                if (source.replay)
                    continue;
            }
            if (response.status < 200 || response.status > 299)
                throw this.failure('PUT', key, response);
            const { size, sha256, hashed } = tally;
            const kept = hashed ? { hashed } : {};
            if (size <= SMALL_OBJECT)
                return { key, size, sha256, etag: contentEtag(sha256), ...kept };
            const info = await this.head(key);
            if (!info)
                throw new Error(`${this.shown(url)} answered ${response.status} to PUT but is not there`);
            return { key, size, sha256, etag: info.etag, ...kept };
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
            response.discard();
            return isArtifactoryOrNexus(response.headers);
        }, () => false // the PUT that follows reports an unreachable server
        );
        return this.checksums;
    }
    /**
     * MKCOL every folder above `key` (405: it exists already). All are asked for at once: on a
     * store used before they all exist, and that is one round trip instead of one per level. A
     * folder whose parent was missing (409) is asked for again, from the server's root down. Each
     * folder made is asked for once per store: the leases a publish takes at the same moment all
     * live under one folder, and would each send the same MKCOLs otherwise.
     */
    async ensureParents(key) {
        const segments = this.objectUrl(key).pathname.split('/').slice(1, -1);
        const folders = segments.map((_, i) => `/${segments.slice(0, i + 1).join('/')}/`);
        const made = await Promise.all(folders.map((pathname) => this.collection(pathname)));
        if (made.every(Boolean))
            return;
        for (const pathname of folders) {
            if (await this.collection(pathname))
                continue;
            // Its parents exist now: a 409 again is an error, reported with the server's answer.
            await this.makeCollection(pathname, true);
            this.collections.set(pathname, Promise.resolve(true));
        }
    }
    /** A folder, made or found (true), or not made because its parent is missing (false). */
    collection(pathname) {
        let made = this.collections.get(pathname);
        if (!made) {
            made = this.makeCollection(pathname);
            this.collections.set(pathname, made);
            // Only a folder made is kept: after a failure or a 409, the next put asks again.
            made.then((ok) => ok || this.collections.delete(pathname), () => this.collections.delete(pathname));
        }
        return made;
    }
    async makeCollection(pathname, strict = false) {
        const url = new URL(this.base.href);
        url.pathname = pathname;
        const response = await this.request('MKCOL', url);
        response.discard();
        // 409 Conflict: a folder above it does not exist yet (RFC 4918, 9.3.1).
        if (response.status === 409 && !strict)
            return false;
        if (!response.ok && response.status !== 405)
            throw this.failure('MKCOL', pathname, response);
        return true;
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
            return send(url, 'MKCOL', this.headers);
        });
        response.discard();
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
        response.discard();
        if (!response.ok && response.status !== 404)
            throw this.failure('DELETE', `lease ${name}`, response);
    }
    objectUrl(key) {
        const url = new URL(this.base.href);
        url.pathname += key.split('/').map(encodeURIComponent).join('/');
        return url;
    }
    /** One request without an object's body (HEAD, GET, DELETE, MKCOL, PROPFIND), retried (see `retrying`). */
    async request(method, url, extra = {}) {
        const body = method === 'PROPFIND' ? PROPFIND_BODY : undefined;
        return this.retrying(method, url, true, () => send(url, method, { ...this.headers, ...extra }, body));
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
                    response.discard?.();
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
    /**
     * Whether a read found the object: 200 yes; 404 and 410 no, nor a redirect (nginx sends a
     * folder's to its slash form). Anything else (refused credentials, a 5xx still there after the
     * retries) fails the read: taken as absent, it would make a publish start a repository anew.
     * The body of an answer that is no object is read to its end unseen.
     */
    found(method, key, response) {
        if (response.status === 200)
            return true;
        response.discard();
        const { status } = response;
        if (status === 404 || status === 410 || (status >= 300 && status < 400))
            return false;
        throw this.failure(method, key, response);
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
 * PUTs a body through node:http, hashing it on the way, with the socket's backpressure all the
 * way to the source: memory stays a few buffers whatever the size.
 */
function upload(url, headers, source, tally) {
    const request = openRequest(url, 'PUT', headers);
    const answered = new Promise((resolve, reject) => {
        request.once('response', (response) => {
            response.resume();
            response.once('end', () => resolve(response));
            response.once('error', reject);
        });
        // Not once: a socket error after the first is emitted here too.
        request.on('error', reject);
    });
    // The server may answer before the digest has flushed (it has all the bytes by then): wait for
    // both, and when the body broke, report the body's error, never retried.
    const sent = (source.file !== undefined
        ? sendFile(source.file, request, tally)
        : sendStream(source.open(), request, tally)).catch((error) => {
        request.destroy();
        throw error;
    });
    return Promise.all([answered, sent]).then(([response]) => answerOf(response), async (error) => {
        // Prefer the body's own error over the connection error it caused.
        const reason = await sent.then(() => error, (sentError) => sentError);
        answered.catch(() => undefined);
        throw reason;
    });
}
async function sendStream(body, request, tally) {
    const counted = new Transform({
        transform(chunk, _encoding, done) {
            tally.update(chunk);
            done(null, chunk);
        },
        flush(done) {
            tally.end();
            done();
        }
    });
    await pipeline(body, counted, request).catch((error) => {
        throw body.errored || counted.errored ? new BodyError(body.errored ?? error) : error;
    });
}
/**
 * Sends a local file, read into a few reused buffers: a read stream's fresh 1 MiB buffer per chunk
 * waits for the collector (a 1 GiB upload: ~40 full collections and 170+ MiB of RSS on Node 24).
 * A buffer is read into again only once the socket's write callback for it has fired: until then
 * the socket may still be sending it, and reading into it sooner would send other bytes.
 */
async function sendFile(file, request, tally) {
    let handle;
    try {
        handle = await open(file, 'r');
    }
    catch (error) {
        throw new BodyError(error);
    }
    const free = [];
    const readNext = async () => {
        const buffer = free.pop() ?? Buffer.allocUnsafe(READ_CHUNK$1);
        try {
            return { buffer, bytesRead: (await handle.read(buffer, 0, READ_CHUNK$1, null)).bytesRead };
        }
        catch (error) {
            throw new BodyError(error);
        }
    };
    // One read ahead: the next chunk is read while this one is hashed and sent.
    let next = readNext();
    try {
        for (;;) {
            const { buffer, bytesRead } = await next;
            if (bytesRead === 0)
                break;
            next = readNext();
            const chunk = buffer.subarray(0, bytesRead);
            tally.update(chunk);
            const room = request.write(chunk, (error) => {
                if (!error)
                    free.push(buffer);
            });
            if (!room)
                await until(request, 'drain');
        }
        tally.end();
        request.end();
        await until(request, 'finish');
    }
    finally {
        await next.catch(() => undefined);
        await handle.close();
    }
}
/**
 * Resolves on `event`; rejects on an error, or when the request closes before it. Plain
 * listeners, taken off once settled: a 1 GiB upload waits for 'drain' about once per 1 MiB
 * chunk, and an AbortController per wait (events.once with a signal) cost 30-50 ms of CPU in
 * the DOMExceptions its aborts build.
 */
function until(request, event) {
    return new Promise((resolve, reject) => {
        const settle = (error) => {
            request.off(event, reached);
            request.off('close', closed);
            request.off('error', settle);
            if (error)
                reject(error);
            else
                resolve();
        };
        const reached = () => settle();
        const closed = () => settle(new Error('the connection closed while sending'));
        request.once(event, reached);
        request.once('close', closed);
        request.once('error', settle);
    });
}
function contentEtag(sha256) {
    return `"sha256:${sha256.toLowerCase()}"`;
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
/**
 * The size of the bytes sent and their SHA-256, unless the caller knows it already (see `write`);
 * with `keep`, a copy of the unfinished hash too (PutOptions.keepHash).
 */
class Tally {
    known;
    keep;
    size = 0;
    hashed;
    hash;
    digest;
    constructor(known, keep = false) {
        this.known = known;
        this.keep = keep;
        this.hash = known === undefined ? createHash('sha256') : undefined;
    }
    update(chunk) {
        this.size += chunk.length;
        this.hash?.update(chunk);
    }
    end() {
        if (!this.hash || this.digest !== undefined)
            return;
        if (this.keep)
            this.hashed = this.hash.copy();
        this.digest = this.hash.digest('hex');
    }
    get sha256() {
        const sha256 = this.known ?? this.digest;
        if (sha256 === undefined)
            throw new Error('sha256 asked for before the body ended');
        return sha256;
    }
}
/** Local files are read 1 MiB at a time: 16 times fewer chunks through hashes and the socket than the default 64 KiB. */
const READ_CHUNK$1 = 1 << 20;
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
    const file = unreadFileOf(body);
    if (file !== undefined) {
        body.destroy();
        const { size } = await stat(file);
        return {
            open: () => createReadStream(file, { highWaterMark: READ_CHUNK$1 }),
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
    for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK$1 })) {
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
    // Octokit is loaded when first asked for: a run that reads no checks and makes no GitHub
    // release (the CLI, a workflow gating by `needs:`) does not pay its ~10 ms of loading.
    let octokit;
    const github = inputs.githubToken
        ? () => (octokit ??= import('./github-SSV4TvAi.js').then(({ createOctokit }) => createOctokit(inputs.githubToken, { log })))
        : undefined;
    return {
        github,
        releaseSources: gitSources(workspace, async () => github && repository ? remoteTags(await github(), repository.owner, repository.repo) : []),
        openStore: storeOpener(inputs, log),
        cdn: inputs.cdnInvalidate ? cloudFront(inputs.cdnInvalidate, { log }) : undefined,
        stages: allStages
    };
}
/** Opens the store a URL names with the inputs' credentials, endpoint and public URL. */
function storeOpener(inputs, log) {
    return (url) => openStore(url, { log, inputs, baseUrl: inputs.publicUrl || undefined });
}

var seams = /*#__PURE__*/Object.freeze({
    __proto__: null,
    pipelineSeams: pipelineSeams,
    storeOpener: storeOpener
});

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
    if (finding.kind === 'images')
        return imageHint(finding);
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
/** Registries have no CDN in between: what they serve is what they hold. */
function imageHint(finding) {
    if (finding.problem === 'signature' || finding.file.endsWith('.sig'))
        return 'cosign verify and signature policies (podman, CRI-O, policy-controller) reject the image: a mirror that copied the tags but not the signature tag, or the signature tag replaced since; a re-run of the push signs it again';
    return finding.problem === 'missing'
        ? 'the registry does not serve the tag: deleted since, or a mirror that has not synced yet'
        : 'the tag now points at another image: pushed again since this run';
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

function repositoriesFor(channel) {
    const suffix = channel === 'dev' ? '-dev' : '';
    return {
        deb: `packages/deb${suffix}`,
        rpm: `packages/rpm${suffix}`,
        bin: `packages/bin${suffix}`
    };
}
/** The armoured public key(s) users import, next to the repositories. */
const PUBLIC_KEY_KEY = 'packages/repository-key.asc';

/**
 * Signing a digest with node:crypto, using the key material openpgp.js has already read and
 * decrypted: node's OpenSSL does the private-key operation, so nothing but the digest has to
 * be in memory (see `stream-signature.ts` for why).
 */
/** RFC 4880 §9.1 public-key algorithm ids. */
const RSA_ENCRYPT_SIGN = 1;
const RSA_SIGN = 3;
const EDDSA_LEGACY = 22;
/**
 * A node:crypto signer for a v4 RSA or legacy Ed25519 key, or undefined for anything else
 * (ECDSA, RFC 9580 Ed25519/Ed448, v6 keys), which the caller leaves to openpgp.js.
 */
function digestSigner(key) {
    if (key.version !== 4 || key.privateParams === null)
        return undefined;
    const fingerprint = key.getFingerprintBytes();
    if (fingerprint?.length !== 20)
        return undefined;
    const keyId = Buffer.from(key.getKeyID().toHex(), 'hex');
    const pub = key.publicParams;
    const priv = key.privateParams;
    if (key.algorithm === RSA_ENCRYPT_SIGN || key.algorithm === RSA_SIGN) {
        const [n, e, d, p, q, u] = [pub.n, pub.e, priv.d, priv.p, priv.q, priv.u].map(bytes);
        if (!n || !e || !d || !p || !q)
            return undefined;
        const rsa = createPrivateKey({ format: 'jwk', key: rsaJwk(n, e, d, p, q, u) });
        return {
            algorithm: key.algorithm,
            fingerprint,
            keyId,
            sign: (digest) => [rsaSign(rsa, digest)],
            privateKey: rsa
        };
    }
    if (key.algorithm === EDDSA_LEGACY) {
        const [Q, seed] = [pub.Q, priv.seed].map(bytes);
        if (curveName(pub.oid) !== 'ed25519Legacy' || !Q || !seed)
            return undefined;
        // Q is the point with its 0x40 "native encoding" prefix (RFC 4880bis §13.2).
        if (Q.length !== 33 || Q[0] !== 0x40 || seed.length !== 32)
            return undefined;
        const ed = ed25519Key(Q.subarray(1), seed);
        return {
            algorithm: key.algorithm,
            fingerprint,
            keyId,
            sign: (digest) => ed25519Sign(ed, digest),
            privateKey: ed
        };
    }
    return undefined;
}
function bytes(value) {
    return value instanceof Uint8Array ? value : undefined;
}
function curveName(oid) {
    const named = oid;
    return typeof named?.getName === 'function' ? named.getName() : undefined;
}
/**
 * OpenPGP stores n, e, d, p, q and u = p⁻¹ mod q; a JWK wants the CRT values OpenSSL uses,
 * with qi = q⁻¹ mod p (the other way round). Given `u`, p and q are swapped in the JWK, which
 * makes its qi exactly u (OpenSSL takes the primes in either order), once u is checked to be
 * p's inverse: a 1024-bit modular inverse in BigInt arithmetic costs more than the RSA signature
 * itself in a process that signs three times. Without u, or with a wrong one, qi is derived.
 * (OpenSSL checks each CRT result and silently falls back to d alone when the values are wrong,
 * so a mistake here would not show as a bad signature: the unit test compares with a JWK that
 * OpenSSL itself exports.)
 */
function rsaJwk(n, e, d, p, q, u) {
    const [D, P, Q] = [d, p, q].map(toBigInt);
    // The JWK of the primes taken in the order (a, b), whose qi is b⁻¹ mod a.
    const jwk = (a, A, b, B, qi) => ({
        kty: 'RSA',
        n: b64url(n),
        e: b64url(e),
        d: b64url(d),
        p: b64url(a),
        q: b64url(b),
        dp: b64url(fromBigInt(D % (A - 1n))),
        dq: b64url(fromBigInt(D % (B - 1n))),
        qi: b64url(qi)
    });
    const U = u && toBigInt(u);
    if (u && U && U < Q && (U * P) % Q === 1n)
        return jwk(q, Q, p, P, u);
    return jwk(p, P, q, Q, fromBigInt(modInverse(Q, P)));
}
/** DER of DigestInfo for SHA-256 up to the digest (RFC 8017 §9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
/**
 * EMSA-PKCS1-v1_5 over a digest that is already computed: `crypto.sign` would hash it again,
 * so the DigestInfo is built here and OpenSSL pads it (block type 1) and applies d.
 */
function rsaSign(key, digest) {
    if (digest.length !== 32)
        throw new Error(`expected a SHA-256 digest, got ${digest.length} bytes`);
    return privateEncrypt({ key, padding: constants$3.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest]));
}
function ed25519Key(publicPoint, seed) {
    return createPrivateKey({
        format: 'jwk',
        // Fixed-size octet strings, leading zero bytes included (unlike RSA's integers).
        key: {
            kty: 'OKP',
            crv: 'Ed25519',
            d: Buffer.from(seed).toString('base64url'),
            x: Buffer.from(publicPoint).toString('base64url')
        }
    });
}
/**
 * Legacy EdDSA in OpenPGP signs the digest itself as the Ed25519 message, and writes the 64-byte
 * signature as two MPIs, r and s.
 */
function ed25519Sign(key, digest) {
    const signature = sign(null, digest, key);
    return [signature.subarray(0, 32), signature.subarray(32)];
}
/** An RSA integer as JWK's Base64urlUInt: big-endian without leading zero bytes. */
function b64url(bytes) {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0)
        start++;
    return Buffer.from(bytes.subarray(start)).toString('base64url');
}
function toBigInt(bytes) {
    return bytes.length === 0 ? 0n : BigInt('0x' + Buffer.from(bytes).toString('hex'));
}
function fromBigInt(n) {
    const hex = n.toString(16);
    return Buffer.from(hex.length % 2 ? '0' + hex : hex, 'hex');
}
/** a⁻¹ mod m by the extended Euclidean algorithm (m prime here, so the inverse exists). */
function modInverse(a, m) {
    let [oldR, r] = [((a % m) + m) % m, m];
    let [oldS, s] = [1n, 0n];
    while (r !== 0n) {
        const quotient = oldR / r;
        [oldR, r] = [r, oldR - quotient * r];
        [oldS, s] = [s, oldS - quotient * s];
    }
    if (oldR !== 1n)
        throw new Error('RSA key: q has no inverse modulo p');
    return ((oldS % m) + m) % m;
}

/**
 * The few OpenPGP v4 structures a small publish reads, by hand with node:crypto: armour, packet
 * framing, public key packets and their self-signatures, and checking a signature over a digest.
 *
 * Why by hand: loading openpgp.js costs about 40 ms of CPU per process (1.1 MB of code, and AES
 * and curve tables built when it is imported), a sixth of adding one .deb to a small repository,
 * while every key a release job really uses (gpg's RSA and legacy Ed25519 keys) needs only what
 * is here. Anything else (v5/v6 keys, other algorithms, signing subkeys, revocations, expiry,
 * several user ids, unknown critical subpackets) is not decided here: the caller gets undefined
 * and asks openpgp.js, which gives today's answers and error messages.
 */
const TAG$1 = {
    signature: 2,
    secretKey: 5,
    publicKey: 6,
    secretSubkey: 7,
    userId: 13,
    publicSubkey: 14
};
const ALGO = { rsa: 1, rsaSign: 3, eddsaLegacy: 22 };
/** OID of Ed25519 in legacy EdDSA keys (1.3.6.1.4.1.11591.15.1). */
const ED25519_OID = Buffer.from('2b06010401da470f01', 'hex');
/** Hash ids (RFC 4880 §9.4) a signature checked here may use, with node's names. */
const HASHES = { 8: 'sha256', 9: 'sha384', 10: 'sha512', 11: 'sha224' };
/** DER of DigestInfo up to the digest (RFC 8017 §9.2, note 1), per hash. */
const DIGEST_INFO = {
    sha224: '302d300d06096086480165030402040500041c',
    sha256: '3031300d060960864801650304020105000420',
    sha384: '3041300d060960864801650304020205000430',
    sha512: '3051300d060960864801650304020305000440'
};
class Unsupported extends Error {
}
/** The bytes of every armoured block of `kind` in `text`; undefined if one is malformed. */
function dearmor(text, kind) {
    const re = new RegExp(`-----BEGIN PGP ${kind}-----\\r?\\n([\\s\\S]*?)-----END PGP ${kind}-----`, 'g');
    const out = [];
    for (const m of text.matchAll(re)) {
        const known = armoured.get(m[0]);
        if (known) {
            out.push(Buffer.from(known));
            continue;
        }
        const lines = m[1].split(/\r?\n/);
        const blank = lines.findIndex((l) => l.trim() === '');
        if (blank < 0)
            return undefined;
        const body = lines.slice(blank + 1).filter((l) => l.trim() !== '' && !l.startsWith('='));
        const crc = lines.find((l) => /^=[A-Za-z0-9+/]{4}$/.test(l.trim()));
        const encoded = body.join('').replace(/\s/g, '');
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded))
            return undefined;
        const bytes = Buffer.from(encoded, 'base64');
        if (crc && crc.trim().slice(1) !== crc24(bytes))
            return undefined;
        out.push(bytes);
    }
    return out;
}
/**
 * The last few blocks `armor` wrote (each from its BEGIN line to its END line) and their bytes.
 * A run reads back what it has just armoured (the public key it compares with the published one,
 * the signatures the verify stage checks): the very same text decodes to the very same bytes and
 * CRC, so `dearmor` takes them from here instead of decoding and summing them again. A text that
 * differs in any character is decoded and checked in full. Bounded: a bulk publish armours a
 * signature per package.
 */
const armoured = new Map();
const ARMOURED_KEPT = 16;
/** The packets of the one armoured block of `kind` in `text`; Unsupported unless there is exactly one, readable. */
function armoredPackets(text, kind) {
    const blocks = dearmor(text, kind);
    if (blocks?.length !== 1)
        throw new Unsupported(`not one readable ${kind}`);
    return packets(blocks[0]);
}
/**
 * Armour as openpgp.js writes it (no header line, 60-character lines, a CRC24 line, which also
 * works around GnuPG failing on base64 that ends without padding, https://dev.gnupg.org/T7071).
 */
function armor(kind, bytes) {
    const b64 = Buffer.from(bytes).toString('base64');
    const lines = [];
    for (let i = 0; i < b64.length; i += 60)
        lines.push(b64.slice(i, i + 60));
    const block = `-----BEGIN PGP ${kind}-----\n\n${lines.join('\n')}\n` +
        `=${crc24(bytes)}\n-----END PGP ${kind}-----`;
    if (armoured.size >= ARMOURED_KEPT)
        armoured.delete(armoured.keys().next().value);
    armoured.set(block, Buffer.from(bytes));
    return `${block}\n`;
}
/**
 * RFC 4880 §6.1's CRC-24, four bytes at a time from four tables ("slicing by 4"). A run sums a
 * few kilobytes (its key, a public key, a few signatures): a byte-at-a-time loop over them was
 * hot enough for V8 to compile it with TurboFan, about 5 ms of CPU on a compiler thread, four
 * times what the sums themselves cost; a quarter of the iterations stays under that threshold.
 * The register is kept under 2^24, a small integer rather than a heap number.
 */
function crc24(bytes) {
    const t = (crcTables ??= crc24Tables());
    const n = bytes.length;
    const whole = n - (n & 3);
    let crc = 0xb704ce;
    let i = 0;
    for (; i < whole; i += 4) {
        // The next three bytes meet the register's three; the fourth is shifted in after them.
        crc =
            t[768 + ((crc >> 16) ^ bytes[i])] ^
                t[512 + (((crc >> 8) & 0xff) ^ bytes[i + 1])] ^
                t[256 + ((crc & 0xff) ^ bytes[i + 2])] ^
                t[bytes[i + 3]];
    }
    for (; i < n; i++)
        crc = ((crc & 0xffff) << 8) ^ t[(crc >> 16) ^ bytes[i]];
    return Buffer.from([crc >> 16, (crc >> 8) & 0xff, crc & 0xff]).toString('base64');
}
let crcTables;
/**
 * Four tables of 256: at 256·k + b, the CRC of byte b followed by k zero bytes. The first is
 * made from its eight single-bit entries (the CRC is linear), each next one from the one before.
 */
function crc24Tables() {
    const t = new Int32Array(1024);
    let crc = 0x864cfb; // the generator without its x^24 term: the CRC of byte 0x01
    for (let bit = 1; bit < 256; bit <<= 1) {
        t[bit] = crc;
        crc = crc & 0x800000 ? ((crc << 1) ^ 0x1864cfb) & 0xffffff : crc << 1;
    }
    for (let b = 1; b < 256; b++)
        t[b] = t[b & -b] ^ t[b & (b - 1)];
    for (let i = 256; i < 1024; i++) {
        const before = t[i - 256];
        t[i] = ((before & 0xffff) << 8) ^ t[before >> 16];
    }
    return t;
}
/** Splits a packet sequence (old and new framing; partial lengths are not used by keys). */
function packets(bytes) {
    const out = [];
    let at = 0;
    while (at < bytes.length) {
        const first = bytes[at++];
        if (!(first & 0x80))
            throw new Unsupported('not an OpenPGP packet');
        let tag;
        let length;
        if (first & 0x40) {
            tag = first & 0x3f;
            const b0 = bytes[at++];
            if (b0 < 192)
                length = b0;
            else if (b0 < 224)
                length = ((b0 - 192) << 8) + bytes[at++] + 192;
            else if (b0 === 255) {
                length = bytes.readUInt32BE(at);
                at += 4;
            }
            else
                throw new Unsupported('partial packet length');
        }
        else {
            tag = (first >> 2) & 0x0f;
            const type = first & 3;
            if (type === 3)
                throw new Unsupported('indeterminate packet length');
            const size = 1 << type;
            length = bytes.readUIntBE(at, size);
            at += size;
        }
        if (at + length > bytes.length)
            throw new Unsupported('truncated packet');
        out.push({ tag, body: bytes.subarray(at, at + length) });
        at += length;
    }
    return out;
}
/** A new-format packet header, as openpgp.js writes packets. */
function packetHeader$1(tag, length) {
    const first = 0xc0 | tag;
    if (length < 192)
        return Buffer.from([first, length]);
    if (length < 8384)
        return Buffer.from([first, ((length - 192) >> 8) + 192, (length - 192) & 0xff]);
    const out = Buffer.from([first, 0xff, 0, 0, 0, 0]);
    out.writeUInt32BE(length, 2);
    return out;
}
/** Reads an MPI at `at`: its big-endian bytes and where the next field starts. */
function readMpi(body, at) {
    if (at + 2 > body.length)
        throw new Unsupported('truncated key material');
    const bytes = (body.readUInt16BE(at) + 7) >> 3;
    if (at + 2 + bytes > body.length)
        throw new Unsupported('truncated key material');
    return [body.subarray(at + 2, at + 2 + bytes), at + 2 + bytes];
}
/** Parses the public part of a key packet; `end` is where the secret part (if any) starts. */
function publicKey(packet) {
    if (packet[0] !== 4)
        throw new Unsupported(`a v${packet[0]} key`);
    const created = packet.readUInt32BE(1);
    const algorithm = packet[5];
    let at = 6;
    const mpis = (n) => {
        const out = [];
        for (let i = 0; i < n; i++) {
            const [value, next] = readMpi(packet, at);
            out.push(value);
            at = next;
        }
        return out;
    };
    const oid = () => {
        const length = packet[at];
        const value = packet.subarray(at + 1, at + 1 + length);
        at += 1 + length;
        return value;
    };
    let rsa;
    let ed25519;
    if (algorithm === 1 || algorithm === 2 || algorithm === 3) {
        const [n, e] = mpis(2);
        rsa = { n, e };
    }
    else if (algorithm === 16)
        mpis(3);
    else if (algorithm === 17)
        mpis(4);
    else if (algorithm === 18) {
        oid();
        mpis(1);
        at += 1 + packet[at]; // KDF parameters
    }
    else if (algorithm === 19) {
        oid();
        mpis(1);
    }
    else if (algorithm === 22) {
        const curve = oid();
        const [q] = mpis(1);
        if (curve.equals(ED25519_OID) && q.length === 33 && q[0] === 0x40)
            ed25519 = q.subarray(1);
    }
    else if (algorithm === 25 || algorithm === 27)
        at += 32;
    else if (algorithm === 26)
        at += 56;
    else if (algorithm === 28)
        at += 57;
    else
        throw new Unsupported(`public-key algorithm ${algorithm}`);
    if (at > packet.length)
        throw new Unsupported('truncated key packet');
    const body = packet.subarray(0, at);
    const fingerprint = createHash('sha1')
        .update(framed(0x99, 2, body))
        .digest();
    const key = {
        algorithm,
        created,
        body,
        fingerprint,
        keyId: fingerprint.subarray(12),
        rsa,
        ed25519
    };
    return { key, end: at };
}
/** `prefix || length || body`, the framing key and user id packets are hashed with. */
function framed(prefix, lengthBytes, body) {
    const head = Buffer.alloc(1 + lengthBytes);
    head[0] = prefix;
    head.writeUIntBE(body.length, 1, lengthBytes);
    return Buffer.concat([head, body]);
}
/** Hashed subpacket types this reader understands (others are fine unless critical). */
const KNOWN = new Set([2, 9, 11, 16, 20, 21, 22, 23, 25, 27, 30, 33, 34, 39]);
/** A v4 signature packet; throws Unsupported for anything this module does not check. */
function signature(body) {
    if (body[0] !== 4)
        throw new Unsupported(`a v${body[0]} signature`);
    const [type, algorithm, hashId] = [body[1], body[2], body[3]];
    const hash = HASHES[hashId];
    if (!hash)
        throw new Unsupported(`hash algorithm ${hashId}`);
    const hashedLength = body.readUInt16BE(4);
    const hashed = body.subarray(0, 6 + hashedLength);
    const sig = { type, algorithm, hash, hashed };
    readSubpackets(body.subarray(6, 6 + hashedLength), true, sig);
    let at = 6 + hashedLength;
    const unhashedLength = body.readUInt16BE(at);
    readSubpackets(body.subarray(at + 2, at + 2 + unhashedLength), false, sig);
    at += 2 + unhashedLength;
    sig.left16 = body.subarray(at, at + 2);
    at += 2;
    const count = algorithm === ALGO.eddsaLegacy ? 2 : 1;
    sig.mpis = [];
    for (let i = 0; i < count; i++) {
        const [value, next] = readMpi(body, at);
        sig.mpis.push(value);
        at = next;
    }
    if (sig.created === undefined)
        throw new Unsupported('a signature without a creation time');
    return sig;
}
function readSubpackets(area, hashed, sig) {
    let at = 0;
    while (at < area.length) {
        let length = area[at++];
        if (length >= 192 && length < 255)
            length = ((length - 192) << 8) + area[at++] + 192;
        else if (length === 255) {
            length = area.readUInt32BE(at);
            at += 4;
        }
        const type = area[at] & 0x7f;
        const critical = (area[at] & 0x80) !== 0;
        const data = area.subarray(at + 1, at + length);
        at += length;
        if (!hashed) {
            if (type === 16)
                sig.issuer = data;
            continue;
        }
        // 3, signature expiry: left to openpgp.js whether or not it is critical.
        if (type === 3 || (!KNOWN.has(type) && critical))
            throw new Unsupported(`subpacket ${type}`);
        if (type === 2)
            sig.created = data.readUInt32BE(0);
        else if (type === 9)
            sig.keyExpiry = data.readUInt32BE(0);
        else if (type === 27)
            sig.keyFlags = data[0];
        else if (type === 16)
            sig.issuer = data;
        else if (type === 33 && data[0] === 4)
            sig.issuerFingerprint = data.subarray(1);
    }
}
/** The digest a v4 signature checks: `data` (already hashed, a copy is taken), then the trailer. */
function signedDigest(sig, feed) {
    const hash = createHash(sig.hash);
    feed(hash);
    const trailer = Buffer.from([4, 0xff, 0, 0, 0, 0]);
    trailer.writeUInt32BE(sig.hashed.length, 2);
    return hash.update(sig.hashed).update(trailer).digest();
}
/** True when the signature's integers are a valid signature of `digest` by `key`. */
function verifyDigest(key, sig, digest) {
    if (!digest.subarray(0, 2).equals(sig.left16))
        return false;
    if (key.rsa && (sig.algorithm === ALGO.rsa || sig.algorithm === ALGO.rsaSign)) {
        const size = stripped(key.rsa.n).length;
        const s = stripped(sig.mpis[0]);
        if (s.length > size)
            return false;
        const padded = Buffer.concat([Buffer.alloc(size - s.length), s]);
        let decoded;
        try {
            decoded = publicDecrypt({ key: rsaKey(key), padding: constants$3.RSA_PKCS1_PADDING }, padded);
        }
        catch {
            return false;
        }
        return decoded.equals(Buffer.concat([Buffer.from(DIGEST_INFO[sig.hash], 'hex'), digest]));
    }
    if (key.ed25519 && sig.algorithm === ALGO.eddsaLegacy) {
        const [r, s] = sig.mpis.map((m) => left(stripped(m), 32));
        if (!r || !s)
            return false;
        return verify$3(null, digest, edKey(key), Buffer.concat([r, s]));
    }
    return false;
}
const keyObjects = new WeakMap();
function rsaKey(key) {
    let made = keyObjects.get(key);
    if (!made) {
        const b64 = (b) => stripped(b).toString('base64url');
        made = createPublicKey({
            format: 'jwk',
            key: { kty: 'RSA', n: b64(key.rsa.n), e: b64(key.rsa.e) }
        });
        keyObjects.set(key, made);
    }
    return made;
}
function edKey(key) {
    let made = keyObjects.get(key);
    if (!made) {
        made = createPublicKey({
            format: 'jwk',
            key: { kty: 'OKP', crv: 'Ed25519', x: key.ed25519.toString('base64url') }
        });
        keyObjects.set(key, made);
    }
    return made;
}
function stripped(b) {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0)
        i++;
    return b.subarray(i);
}
/** Left-pads to `size` bytes (MPIs drop leading zeros), or undefined if longer. */
function left(b, size) {
    if (b.length > size)
        return undefined;
    return Buffer.concat([Buffer.alloc(size - b.length), b]);
}
/**
 * Reads a key's packets (secret or public) and checks, for the fast path only: a v4 primary key
 * of RSA (2048 bits or more) or legacy Ed25519 that signs itself, one user id whose latest
 * self-signature holds and lets it sign, no revocation nor direct-key signature, no subkey that
 * signs (openpgp.js would pick it), not expired at `now`. Anything else: Unsupported.
 */
function checkKey(list, now) {
    const [first, ...rest] = list;
    if (first?.tag !== TAG$1.secretKey && first?.tag !== TAG$1.publicKey)
        throw new Unsupported('no key packet');
    const { key: primary } = publicKey(first.body);
    if (!primary.rsa && !primary.ed25519)
        throw new Unsupported('primary key algorithm');
    if (primary.rsa && stripped(primary.rsa.n).length * 8 < 2048)
        throw new Unsupported('RSA key under 2048 bits');
    const out = [packetHeader$1(TAG$1.publicKey, primary.body.length), primary.body];
    const keyIds = [primary.keyId.toString('hex').toUpperCase()];
    let userId;
    let latest;
    let subkey;
    for (const p of rest) {
        if (p.tag === TAG$1.userId) {
            if (userId)
                throw new Unsupported('several user ids');
            userId = p.body;
            out.push(packetHeader$1(p.tag, p.body.length), p.body);
        }
        else if (p.tag === TAG$1.secretSubkey || p.tag === TAG$1.publicSubkey) {
            subkey = publicKey(p.body).key;
            keyIds.push(subkey.keyId.toString('hex').toUpperCase());
            out.push(packetHeader$1(TAG$1.publicSubkey, subkey.body.length), subkey.body);
        }
        else if (p.tag === TAG$1.signature) {
            const sig = signature(p.body);
            out.push(packetHeader$1(p.tag, p.body.length), p.body);
            if (subkey) {
                // A subkey binding: the subkey must not sign (openpgp.js would sign with it).
                if (sig.type !== 0x18 || (sig.keyFlags ?? 0) & 0x02)
                    throw new Unsupported('a signing subkey');
                continue;
            }
            if (!userId || sig.type < 0x10 || sig.type > 0x13)
                throw new Unsupported(`signature type ${sig.type}`);
            if (!issuedBy(sig, primary))
                continue; // a certification by someone else
            const digest = signedDigest(sig, (h) => h.update(framed(0x99, 2, primary.body)).update(framed(0xb4, 4, userId)));
            if (!verifyDigest(primary, sig, digest))
                throw new Unsupported('a self-signature that does not verify');
            if (!latest || sig.created >= latest.created)
                latest = sig;
        }
        else if (p.tag !== 12)
            throw new Unsupported(`packet ${p.tag}`); // 12: trust, dropped
    }
    if (!latest)
        throw new Unsupported('no self-signature');
    if (primary.created > now)
        throw new Unsupported('a key from the future');
    if (latest.created > now)
        throw new Unsupported('a self-signature from the future');
    if (latest.keyFlags !== undefined && !(latest.keyFlags & 0x02))
        throw new Unsupported('a primary key that does not sign');
    const expires = latest.keyExpiry ? primary.created + latest.keyExpiry : undefined;
    if (expires !== undefined && expires <= now)
        throw new Unsupported('expired');
    return {
        primary,
        publicPackets: Buffer.concat(out),
        keyIds,
        ...(expires !== undefined && { expires })
    };
}
function issuedBy(sig, key) {
    if (sig.issuerFingerprint)
        return sig.issuerFingerprint.equals(key.fingerprint);
    return sig.issuer?.equals(key.keyId) ?? false;
}
/**
 * Checks a signature packet over data already hashed by `feed`, by one of `keys`: true when it
 * holds, false when it does not, undefined when this module cannot tell (unsupported, a subkey
 * signed it, or the key had expired when it signed).
 */
function checkSignature(body, keys, feed, now = Math.floor(Date.now() / 1000), 
/** For a clear-signed text: the hashes its `Hash:` header names (SHA256...). */
hashes) {
    let sig;
    try {
        sig = signature(body);
    }
    catch (e) {
        if (e instanceof Unsupported)
            return undefined;
        throw e;
    }
    if (sig.type !== 0x00 && sig.type !== 0x01)
        return undefined;
    if (hashes && (sig.type !== 0x01 || !hashes.includes(sig.hash.toUpperCase())))
        return undefined;
    const key = keys.find((k) => issuedBy(sig, k.primary));
    if (!key)
        return undefined;
    if (sig.created < key.primary.created || sig.created > now)
        return undefined;
    if (key.expires !== undefined && sig.created >= key.expires)
        return undefined;
    return verifyDigest(key.primary, sig, signedDigest(sig, feed));
}

const AES_KEY_BYTES = { 7: 16, 8: 24, 9: 32 };
const S2K_HASHES = {
    2: 'sha1',
    8: 'sha256',
    9: 'sha384',
    10: 'sha512',
    11: 'sha224'
};
/** One armoured private key block's packets, read and unlocked; throws Unsupported otherwise. */
function readSecretKey(list, passphrase, now) {
    const checked = checkKey(list, now);
    if (list[0].tag !== 5)
        throw new Unsupported('not a secret key');
    const body = list[0].body;
    const { key, end } = publicKey(body);
    const secret = unlock(body.subarray(end), passphrase);
    let at = 0;
    const next = () => {
        const [value, after] = readMpi(secret, at);
        at = after;
        return value;
    };
    let privateParams;
    if (key.rsa) {
        const [d, p, q, u] = [next(), next(), next(), next()];
        // A wrong passphrase passes a 16-bit checksum once in 65536 tries: check the key itself.
        if (toBig(p) * toBig(q) !== toBig(key.rsa.n))
            throw new Unsupported('inconsistent RSA key');
        privateParams = { d, p, q, u };
    }
    else {
        const seed = left(next(), 32);
        if (!seed || !ed25519Matches(seed, key.ed25519))
            throw new Unsupported('inconsistent Ed25519 key');
        privateParams = { seed };
    }
    const signer = digestSigner({
        version: 4,
        algorithm: key.algorithm,
        publicParams: key.rsa
            ? { n: key.rsa.n, e: key.rsa.e }
            : {
                oid: { getName: () => 'ed25519Legacy' },
                Q: Buffer.concat([Buffer.of(0x40), key.ed25519])
            },
        privateParams,
        getFingerprintBytes: () => key.fingerprint,
        getKeyID: () => ({ toHex: () => key.keyId.toString('hex') })
    });
    if (!signer)
        throw new Unsupported('no node:crypto signer');
    return {
        ...checked,
        fingerprint: key.fingerprint.toString('hex').toUpperCase(),
        publicArmored: armor('PUBLIC KEY BLOCK', checked.publicPackets),
        signer
    };
}
/** The secret MPIs of a key packet's secret part, decrypted and their checksum checked. */
function unlock(part, passphrase) {
    const usage = part[0];
    if (usage === 0) {
        const mpis = part.subarray(1, part.length - 2);
        if (sum16(mpis) !== part.readUInt16BE(part.length - 2))
            throw new Unsupported('checksum');
        return mpis;
    }
    if (usage !== 254 && usage !== 255)
        throw new Unsupported(`S2K usage ${usage}`);
    if (passphrase === '')
        throw new Unsupported('protected');
    const keyBytes = AES_KEY_BYTES[part[1]];
    const [type, hashId] = [part[2], part[3]];
    const hash = S2K_HASHES[hashId];
    if (!keyBytes || !hash || (type !== 0 && type !== 1 && type !== 3))
        throw new Unsupported('cipher or S2K');
    let at = 4;
    const salt = type === 0 ? Buffer.alloc(0) : part.subarray(at, (at += 8));
    const count = type === 3 ? part[at++] : 0;
    const iv = part.subarray(at, at + 16);
    const data = Buffer.concat([salt, Buffer.from(passphrase, 'utf8')]);
    const total = type === 3 ? Math.max((16 + (count & 15)) << ((count >> 4) + 6), data.length) : data.length;
    const key = s2k(hash, data, total, keyBytes);
    const decipher = createDecipheriv(`aes-${keyBytes * 8}-cfb`, key, iv);
    const plain = Buffer.concat([decipher.update(part.subarray(at + 16)), decipher.final()]);
    if (usage === 254) {
        const mpis = plain.subarray(0, plain.length - 20);
        if (!createHash('sha1')
            .update(mpis)
            .digest()
            .equals(plain.subarray(plain.length - 20)))
            throw new Unsupported('passphrase');
        return mpis;
    }
    const mpis = plain.subarray(0, plain.length - 2);
    if (sum16(mpis) !== plain.readUInt16BE(plain.length - 2))
        throw new Unsupported('passphrase');
    return mpis;
}
/** True when no key of `keys` has expired at `at` (seconds): the fast path may sign with them. */
function validAt(keys, at) {
    return keys.every((k) => k.expires === undefined || k.expires > at);
}
/** RFC 4880 §3.7.1: `total` bytes of `data` repeated, per hash context, preloaded with i zeros. */
function s2k(hash, data, total, keyBytes) {
    const copies = Math.max(1, Math.floor(65536 / Math.max(1, data.length)));
    const block = Buffer.concat(Array(copies).fill(data));
    const out = [];
    for (let i = 0, made = 0; made < keyBytes; i++) {
        const h = createHash(hash).update(Buffer.alloc(i));
        let rest = total;
        for (; rest >= block.length; rest -= block.length)
            h.update(block);
        const digest = h.update(block.subarray(0, rest)).digest();
        out.push(digest);
        made += digest.length;
    }
    return Buffer.concat(out).subarray(0, keyBytes);
}
/** An indexed loop: it runs once per process, unoptimised, where `for...of` is twice as slow. */
function sum16(bytes) {
    let sum = 0;
    for (let i = 0, n = bytes.length; i < n; i++)
        sum += bytes[i];
    return sum & 0xffff;
}
function toBig(bytes) {
    return bytes.length === 0 ? 0n : BigInt('0x' + Buffer.from(bytes).toString('hex'));
}
/** PKCS#8 DER of an Ed25519 private key up to its 32-byte seed (RFC 8410). */
const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');
function ed25519Matches(seed, point) {
    const priv = createPrivateKey({
        key: Buffer.concat([ED25519_PKCS8, seed]),
        format: 'der',
        type: 'pkcs8'
    });
    return createPublicKey(priv).export({ format: 'jwk' }).x === point.toString('base64url');
}

/**
 * The bytes of an OpenPGP v4 detached signature packet over binary data (RFC 4880 §5.2.3,
 * RFC 9580 §5.2.3), built by hand so that the data can be hashed as it streams past: openpgp.js
 * reads a streamed message to its end in memory before it signs. Pure functions: the hashing
 * and the private-key operation happen elsewhere (see `node-keys.ts` and `openpgp.ts`).
 */
/** RFC 4880 §9.4: SHA-256, the one hash this project signs with (apt, rpm and FIPS hosts accept it). */
const HASH_SHA256 = 8;
/** RFC 4880 §5.2.1: "Signature of a binary document". */
const SIGNATURE_BINARY = 0x00;
const PACKET_SIGNATURE = 2;
const SUBPACKET_CREATION_TIME = 2;
const SUBPACKET_ISSUER_KEY_ID = 16;
const SUBPACKET_NOTATION = 20;
const SUBPACKET_ISSUER_FINGERPRINT = 33;
/** The notation openpgp.js uses for its salt; verifiers ignore it (it is not critical). */
const SALT_NOTATION = 'salt@notations.openpgpjs.org';
/**
 * The hashed part of the packet: version 4, type, algorithms and the hashed subpackets
 * (creation time, issuer fingerprint). It is both written into the packet and hashed after
 * the data, so one function builds it for both.
 */
function hashedPart(header) {
    if (header.fingerprint.length !== 20) {
        throw new Error(`a v4 key fingerprint has 20 bytes, not ${header.fingerprint.length}`);
    }
    const seconds = Math.floor(header.created.getTime() / 1000);
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > 0xffffffff) {
        throw new Error(`signature creation time out of range: ${header.created.toISOString()}`);
    }
    const subpackets = concat$1([
        // Critical, as openpgp.js marks it: a verifier that ignored the time could accept a
        // signature from before a key was valid.
        subpacket(SUBPACKET_CREATION_TIME, uint32(seconds), true),
        ...(header.salt ? [subpacket(SUBPACKET_NOTATION, notation(SALT_NOTATION, header.salt))] : []),
        subpacket(SUBPACKET_ISSUER_FINGERPRINT, concat$1([Uint8Array.of(4), header.fingerprint]))
    ]);
    return concat$1([
        Uint8Array.of(4, header.type ?? SIGNATURE_BINARY, header.algorithm, HASH_SHA256),
        uint16(subpackets.length),
        subpackets
    ]);
}
/**
 * What is hashed after the data and the hashed part (RFC 4880 §5.2.4): 0x04 0xFF and the
 * hashed part's length as four big-endian bytes.
 */
function hashTrailer(hashed) {
    return concat$1([Uint8Array.of(4, 0xff), uint32(hashed.length)]);
}
/**
 * The whole packet (new-format header, tag 2): the hashed part, the issuer key id as an
 * unhashed subpacket (older verifiers look it up there, as GnuPG writes it), the left 16 bits
 * of the digest, then the signature as MPIs.
 */
function signaturePacket(hashed, keyId, digest, mpis) {
    if (keyId.length !== 8)
        throw new Error(`a key id has 8 bytes, not ${keyId.length}`);
    const unhashed = subpacket(SUBPACKET_ISSUER_KEY_ID, keyId);
    const body = concat$1([
        hashed,
        uint16(unhashed.length),
        unhashed,
        digest.subarray(0, 2),
        ...mpis.map(mpi)
    ]);
    return concat$1([packetHeader(PACKET_SIGNATURE, body.length), body]);
}
/** RFC 4880 §3.2: two bytes of bit count, then the integer's bytes without leading zeros. */
function mpi(bigEndian) {
    let start = 0;
    while (start < bigEndian.length && bigEndian[start] === 0)
        start++;
    const digits = bigEndian.subarray(start);
    const bits = digits.length === 0 ? 0 : (digits.length - 1) * 8 + bitLength(digits[0]);
    return concat$1([uint16(bits), digits]);
}
/** RFC 4880 §5.2.3.16: flags (0: not human-readable), name and value lengths, name, value. */
function notation(name, value) {
    const nameBytes = new TextEncoder().encode(name);
    return concat$1([uint32(0), uint16(nameBytes.length), uint16(value.length), nameBytes, value]);
}
function bitLength(byte) {
    return 32 - Math.clz32(byte);
}
/** RFC 4880 §5.2.3.1: length (one byte here: our bodies are short), type, body. */
function subpacket(type, body, critical = false) {
    return concat$1([Uint8Array.of(body.length + 1, critical ? type | 0x80 : type), body]);
}
/** RFC 4880 §4.2.2: new-format tag and the one-, two- or five-byte body length. */
function packetHeader(tag, length) {
    const first = 0xc0 | tag;
    if (length < 192)
        return Uint8Array.of(first, length);
    if (length < 8384) {
        const rest = length - 192;
        return Uint8Array.of(first, (rest >> 8) + 192, rest & 0xff);
    }
    return concat$1([Uint8Array.of(first, 0xff), uint32(length)]);
}
function uint16(n) {
    return Uint8Array.of((n >>> 8) & 0xff, n & 0xff);
}
function uint32(n) {
    return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}
function concat$1(parts) {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
        out.set(p, at);
        at += p.length;
    }
    return out;
}

/**
 * Signing with openpgp.js: detached armoured signatures (`.asc`, `Release.gpg`,
 * `repomd.xml.asc`), clear-signed text (`InRelease`) and raw signature packets (RPM headers).
 * Several keys at once: during a key rotation metadata carries a signature from each, and a
 * client that trusts either key accepts it.
 */
/**
 * openpgp.js, loaded on first use: its module costs about 40 ms of CPU to load, and a publish
 * whose keys `secret-key.ts` reads (gpg's RSA and Ed25519 keys) signs without it.
 */
const loadOpenpgp = () => import('./openpgp-DcMtA_fq.js');
/** SHA-256: what RHEL 9/FIPS hosts, rpm and apt all accept; never SHA-1 or MD5. */
const config = { preferredHashAlgorithm: 8 /* openpgp.enums.hash.sha256 */ };
/**
 * Reads armoured private keys and unlocks them. `armored` may hold several key blocks
 * concatenated (that is how the `gpg-private-key` input takes more than one key).
 * Errors never include the key material or the passphrase.
 */
async function loadSigningKeys(armored, passphrase = '') {
    const blocks = splitArmorBlocks(armored, 'PRIVATE KEY BLOCK');
    if (blocks.length === 0) {
        throw new Error('no armoured private key found (expected -----BEGIN PGP PRIVATE KEY BLOCK-----)');
    }
    const fast = readFast$1(blocks, passphrase);
    if (fast) {
        let keys;
        return {
            fast,
            openpgpKeys: () => (keys ??= readWithOpenpgp$1(blocks, passphrase)),
            publicArmored: fast.map((k) => k.publicArmored),
            fingerprints: fast.map((k) => k.fingerprint),
            keyIds: fast.map((k) => k.keyIds)
        };
    }
    const keys = await readWithOpenpgp$1(blocks, passphrase);
    return {
        openpgpKeys: () => Promise.resolve(keys),
        publicArmored: keys.map((k) => k.toPublic().armor()),
        fingerprints: keys.map(fpr),
        keyIds: keys.map((k) => k.getKeyIDs().map((id) => id.toHex().toUpperCase()))
    };
}
/** Every block read by hand, or undefined if one cannot be (then openpgp.js reads them all). */
function readFast$1(blocks, passphrase) {
    const now = Math.floor(Date.now() / 1000);
    try {
        return blocks.map((block) => readSecretKey(armoredPackets(block, 'PRIVATE KEY BLOCK'), passphrase, now));
    }
    catch {
        // Unsupported, or malformed: openpgp.js decides, with its own error messages.
        return undefined;
    }
}
async function readWithOpenpgp$1(blocks, passphrase) {
    const openpgp = await loadOpenpgp();
    const keys = [];
    for (const [i, block] of blocks.entries()) {
        let key;
        try {
            key = await openpgp.readPrivateKey({ armoredKey: block });
        }
        catch (e) {
            throw new Error(`private key ${i + 1}: not a readable OpenPGP key (${firstLine$2(e)})`);
        }
        if (!key.isDecrypted()) {
            if (passphrase === '') {
                throw new Error(`private key ${i + 1} (${fpr(key)}) is protected: give its passphrase`);
            }
            try {
                key = await openpgp.decryptKey({ privateKey: key, passphrase });
            }
            catch {
                throw new Error(`private key ${i + 1} (${fpr(key)}): the passphrase does not unlock it`);
            }
        }
        keys.push(key);
    }
    return keys;
}
function fpr(key) {
    return key.getFingerprint().toUpperCase();
}
function firstLine$2(e) {
    return String(e instanceof Error ? e.message : e).split('\n')[0];
}
/** Splits concatenated armoured blocks of one kind. */
function splitArmorBlocks(text, kind) {
    const re = new RegExp(`-----BEGIN PGP ${kind}-----[\\s\\S]*?-----END PGP ${kind}-----`, 'g');
    return text.match(re) ?? [];
}
function toMessageData(data) {
    if (typeof data === 'string')
        return new TextEncoder().encode(data);
    if (data instanceof Uint8Array)
        return data;
    return Readable.toWeb(data);
}
/**
 * A detached ASCII-armoured signature over binary data, one signature packet per key.
 *
 * The data is hashed as it streams (SHA-256, node:crypto) and only the digest is signed, so a
 * 1 GiB package costs no more memory than a small file: openpgp.js, given a stream, keeps the
 * whole message in memory before it signs. openpgp.js still reads and unlocks the keys and picks
 * the signing (sub)key, checking that it is valid now.
 */
async function detachSign(data, keys) {
    let packets;
    try {
        packets = await digestSignaturePackets(() => hashData(data), keys);
    }
    catch (e) {
        // Not read, so close it: a file stream otherwise holds its descriptor until collected.
        if (data instanceof Readable)
            data.destroy();
        throw e;
    }
    return packets ? armorSignature(packets) : openpgpDetachSign(data, keys);
}
/**
 * A detached signature of a local file. `hashed`, when given, is a SHA-256 that has already
 * been fed every byte of the file and not finished (the planning pass, see `sha256FileState`):
 * a signature hashes the data and then its own trailer, so it continues from a copy of that
 * state and the file is not read again. Without it, or for a key only openpgp.js signs with,
 * the file is read here.
 */
async function detachSignFile(file, keys, hashed) {
    const read = () => createReadStream(file, { highWaterMark: READ_CHUNK$2 });
    // A small file (the plan keeps no hash of one) is read in one go rather than through a stream.
    const packets = await digestSignaturePackets(() => (hashed ? Promise.resolve(hashed) : hashData(readSmallFile(file, READ_CHUNK$2) ?? read())), keys);
    return packets ? armorSignature(packets) : openpgpDetachSign(read(), keys);
}
function armorSignature(packets) {
    // As openpgp.js writes v4 signatures, CRC24 line included (see `armor`).
    return armor('SIGNATURE', packets);
}
/**
 * One signature packet per key over the data `hashOf` hashes (only called once the keys are
 * known to sign with node:crypto; the hash it returns is copied, never finished), or undefined
 * when a key needs openpgp.js (then the data is still unread).
 */
async function digestSignaturePackets(hashOf, keys, type) {
    // Whole seconds: the packet stores seconds, and the key checks should see the same instant.
    const created = new Date(Math.floor(Date.now() / 1000) * 1000);
    const signers = Array.isArray(keys)
        ? await digestSigners(keys, created)
        : (fastSigners(keys, created) ?? (await digestSigners(await keys.openpgpKeys(), created)));
    return signers && signaturePackets(signers, created, await hashOf(), type);
}
/** One signature packet per signer over the data `hash` was fed (copied, never finished). */
async function signaturePackets(signers, created, hash, type) {
    const packets = signers.map(async (signer) => {
        const hashed = hashedPart({
            algorithm: signer.algorithm,
            fingerprint: signer.fingerprint,
            created,
            // 16 bytes, the salt size RFC 9580 gives SHA-256.
            salt: randomBytes(16),
            ...(type !== undefined && { type })
        });
        // Every key hashes the same data, then its own trailer: copy the state, not the data.
        const digest = hash.copy().update(hashed).update(hashTrailer(hashed)).digest();
        return signaturePacket(hashed, signer.keyId, digest, await signer.sign(digest));
    });
    return Buffer.concat(await Promise.all(packets));
}
/**
 * The hand-read keys' signers (in the signing workers when a bulk publish started them), while
 * every key is still valid (else openpgp.js says why not).
 */
function fastSigners(keys, created) {
    if (!keys.fast || !validAt(keys.fast, created.getTime() / 1000))
        return undefined;
    return keys.workerSigners ?? keys.fast.map((k) => k.signer);
}
/**
 * A node:crypto signer for every key, or undefined when any key's signing key is of an
 * algorithm only openpgp.js signs with here (ECDSA, RFC 9580 Ed25519/Ed448, v6 keys): then all
 * keys take openpgp.js's path, since a stream can be read only once.
 */
async function digestSigners(keys, date) {
    const signers = [];
    for (const [i, key] of keys.entries()) {
        let signing;
        try {
            signing = await key.getSigningKey(undefined, date);
        }
        catch (e) {
            // Expired, revoked, too weak (RSA < 2048 bits), or no key with the signing flag.
            throw new Error(`private key ${i + 1} (${fpr(key)}) cannot sign now: ${firstLine$2(e)}`);
        }
        const packet = signing.keyPacket;
        if (!('privateParams' in packet) || !packet.isDecrypted())
            return undefined;
        const signer = signerOf(packet);
        if (!signer)
            return undefined;
        signers.push(signer);
    }
    return signers;
}
/**
 * The node:crypto signer of a decrypted key packet, made once: turning OpenPGP's key material
 * into a node key (deriving RSA's CRT values) costs more than a signature.
 */
const signers = new WeakMap();
function signerOf(packet) {
    let signer = signers.get(packet);
    if (signer === undefined)
        signers.set(packet, (signer = digestSigner(packet) ?? null));
    return signer ?? undefined;
}
async function hashData(data) {
    const hash = createHash('sha256');
    if (typeof data === 'string' || data instanceof Uint8Array)
        return hash.update(data);
    for await (const chunk of data)
        hash.update(chunk);
    return hash;
}
/**
 * openpgp.js's own detached signing, for keys `digestSigner` does not cover. Given a stream it
 * holds the whole message in memory (SignaturePacket.sign reads it to the end first).
 */
async function openpgpDetachSign(data, keys) {
    const openpgp = await loadOpenpgp();
    const message = await openpgp.createMessage({ binary: toMessageData(data) });
    const signature = await openpgp.sign({
        message,
        signingKeys: await keys.openpgpKeys(),
        detached: true,
        format: 'armored',
        config
    });
    return typeof signature === 'string' ? signature : await readAll(signature);
}
/**
 * The raw (binary) signature packet of the first key, as an RPM header stores it (rpm holds one
 * signature of each kind), and whether that key is RSA (rpm's tag 268, else 267). A hand-read
 * key signs without loading openpgp.js.
 */
async function headerSignature(data, keys) {
    const created = new Date(Math.floor(Date.now() / 1000) * 1000);
    const [fast] = fastSigners(keys, created) ?? [];
    if (fast) {
        const hash = createHash('sha256').update(data);
        return { packet: await signaturePackets([fast], created, hash), rsa: isRsa(fast.algorithm) };
    }
    const [key] = await keys.openpgpKeys();
    const rsa = String(key.getAlgorithmInfo().algorithm).startsWith('rsa');
    return { packet: await detachSignBinary(data, key), rsa };
}
/** RFC 4880 §9.1: RSA (Encrypt or Sign) and RSA Sign-Only. */
const isRsa = (algorithm) => algorithm === 1 || algorithm === 3;
/** The raw (binary) signature packet of one key read by openpgp.js. */
async function detachSignBinary(data, key) {
    const packets = await digestSignaturePackets(() => hashData(data), [key]);
    if (packets)
        return packets;
    const openpgp = await loadOpenpgp();
    const message = await openpgp.createMessage({ binary: data });
    return (await openpgp.sign({
        message,
        signingKeys: key,
        detached: true,
        format: 'binary',
        config
    }));
}
/**
 * A clear-signed document (InRelease), as openpgp.js writes one: trailing spaces and tabs cut
 * from each line, lines ended by CRLF (what a text signature hashes), dash-escaped.
 */
async function clearSign(text, keys) {
    const canonical = text
        .split('\n')
        .map((line) => line.replace(/[ \t\r]+$/, ''))
        .join('\n')
        .replace(/\r?\n/g, '\r\n');
    const packets = fastSigners(keys, new Date())
        ? await digestSignaturePackets(() => Promise.resolve(createHash('sha256').update(canonical, 'utf8')), keys, SIGNATURE_TEXT)
        : undefined;
    if (packets) {
        return (`-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n` +
            `${canonical.replace(/^-/gm, '- -')}\n${armorSignature(packets)}`);
    }
    const openpgp = await loadOpenpgp();
    const message = await openpgp.createCleartextMessage({ text });
    return openpgp.sign({ message, signingKeys: await keys.openpgpKeys(), config });
}
/** Signature type 0x01: over canonical text (RFC 4880 §5.2.1). */
const SIGNATURE_TEXT = 0x01;
async function readAll(stream) {
    let out = '';
    const reader = stream.getReader();
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            return out;
        out += value;
    }
}
/**
 * A fresh Ed25519 signing key (armoured), for the demo and for trying the action locally: a
 * throwaway key, never one to publish real releases with.
 */
async function generateSigningKey(name = 'falco-publish demo') {
    const openpgp = await loadOpenpgp();
    const { privateKey, publicKey } = await openpgp.generateKey({
        type: 'ecc',
        curve: 'ed25519Legacy',
        userIDs: [{ name }],
        format: 'armored'
    });
    return { privateKey, publicKey };
}

var openpgp = /*#__PURE__*/Object.freeze({
    __proto__: null,
    clearSign: clearSign,
    detachSign: detachSign,
    detachSignFile: detachSignFile,
    generateSigningKey: generateSigningKey,
    headerSignature: headerSignature,
    loadOpenpgp: loadOpenpgp,
    loadSigningKeys: loadSigningKeys,
    splitArmorBlocks: splitArmorBlocks
});

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
        throw new Error(`${where}: not a readable OpenPGP public key (${firstLine$1(e)})`);
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
                if (p.tag === TAG$1.publicKey) {
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
        return { error: `not a clear-signed document (${firstLine$1(e)})` };
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
        return `not an armoured signature (${firstLine$1(e)})`;
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
        return armoredPackets(armoredSignature, 'SIGNATURE').some((p) => p.tag === TAG$1.signature &&
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
        return firstLine$1(e);
    }
    const reasons = [];
    for (const s of signatures) {
        try {
            await s.verified;
            return undefined;
        }
        catch (e) {
            reasons.push(`key ${s.keyID.toHex().toUpperCase()}: ${firstLine$1(e)}`);
        }
    }
    return reasons.length ? reasons.join('; ') : 'no signature in it';
}
function firstLine$1(e) {
    return String(e instanceof Error ? e.message : e).split('\n')[0];
}

function parseStanzas(text, where) {
    const stanzas = [];
    let current = [];
    const lines = text.replace(/\r\n/g, '\n').split('\n');
    for (const [i, line] of lines.entries()) {
        if (line.trim() === '') {
            if (current.length)
                stanzas.push(current);
            current = [];
            continue;
        }
        if (line.startsWith('#'))
            continue;
        if (line.startsWith(' ') || line.startsWith('\t')) {
            if (!current.length)
                throw new Error(`${where}:${i + 1}: continuation line outside a field`);
            current[current.length - 1][1] += '\n' + line;
            continue;
        }
        const m = /^([!-9;-~][!-9;-~]*):[ \t]*(.*)$/.exec(line);
        if (!m)
            throw new Error(`${where}:${i + 1}: not a "Field: value" line: ${JSON.stringify(line.slice(0, 80))}`);
        current.push([m[1], m[2].trimEnd()]);
    }
    if (current.length)
        stanzas.push(current);
    return stanzas;
}
function field(stanza, name) {
    const lower = name.toLowerCase();
    return stanza.find(([f]) => f.toLowerCase() === lower)?.[1];
}
/** Sets (replacing, or appending at the end) a field. */
function setField(stanza, name, value) {
    const lower = name.toLowerCase();
    const out = stanza.filter(([f]) => f.toLowerCase() !== lower);
    out.push([name, value]);
    return out;
}
function renderStanza(stanza) {
    return stanza.map(([f, v]) => `${f}: ${v}\n`).join('');
}

/** The stanza apt reads for a package: its control fields, where it is, and its digests. */
function packageStanza(pkg, filename) {
    let s = pkg.control.filter(([f]) => !/^(Filename|Size|MD5sum|SHA1|SHA256|SHA512)$/i.test(f));
    s = setField(s, 'Filename', filename);
    s = setField(s, 'Size', String(pkg.digests.size));
    s = setField(s, 'MD5sum', pkg.digests.md5);
    s = setField(s, 'SHA1', pkg.digests.sha1);
    s = setField(s, 'SHA256', pkg.digests.sha256);
    s = setField(s, 'SHA512', pkg.digests.sha512);
    return s;
}
function packageEntry(pkg, filename) {
    return entryOf(renderStanza(packageStanza(pkg, filename)), 'new package');
}
const FIELDS = {
    package: 'name',
    version: 'version',
    architecture: 'architecture',
    filename: 'filename',
    sha256: 'sha256'
};
function entryOf(text, where) {
    const e = { text };
    let start = 0;
    while (start < text.length) {
        let end = text.indexOf('\n', start);
        if (end < 0)
            end = text.length;
        const c = text.charCodeAt(start);
        if (c !== 32 && c !== 9) {
            const colon = text.indexOf(':', start);
            if (colon > start && colon < end) {
                const key = FIELDS[text.slice(start, colon).toLowerCase()];
                if (key)
                    e[key] = text.slice(colon + 1, end).trim();
            }
        }
        start = end + 1;
    }
    if (!e.name || !e.version || !e.architecture || !e.filename) {
        throw new Error(`${where}: a stanza lacks Package, Version, Architecture or Filename`);
    }
    return { sha256: '', ...e };
}
/**
 * The stanzas of a Packages index. `only`, when given, picks the stanzas to parse by their raw
 * text (a cheap `includes`), so a reader that wants a few entries of a large index does not
 * parse the thousands it does not want.
 */
function parsePackagesIndex(text, where, only) {
    const out = [];
    for (const chunk of text.replace(/\r\n/g, '\n').split(/\n{2,}/)) {
        const stanza = chunk.replace(/^\n+/, '');
        if (stanza.trim() === '' || (only && !only(stanza)))
            continue;
        out.push(entryOf(stanza.endsWith('\n') ? stanza : stanza + '\n', where));
    }
    return out;
}
function entryKey(e) {
    return `${e.name} ${e.version} ${e.architecture}`;
}

function renderRelease(r) {
    const files = [...r.files].sort((a, b) => byCodeUnit(a.path, b.path));
    const list = (hash) => files
        .map((f) => ` ${f.digests[hash]} ${String(f.digests.size).padStart(16)} ${f.path}\n`)
        .join('');
    return (`Origin: ${r.origin}\n` +
        `Label: ${r.label}\n` +
        `Suite: ${r.suite}\n` +
        `Codename: ${r.codename}\n` +
        (r.description ? `Description: ${r.description}\n` : '') +
        `Date: ${r.date.toUTCString().replace('GMT', '+0000')}\n` +
        `Architectures: ${r.architectures.join(' ')}\n` +
        `Components: ${r.components.join(' ')}\n` +
        `Acquire-By-Hash: yes\n` +
        (r.extra ?? '') +
        `MD5Sum:\n${list('md5')}` +
        `SHA256:\n${list('sha256')}` +
        `SHA512:\n${list('sha512')}`);
}
/** The cleartext of an InRelease (or a plain Release): the signature is apt's business, not ours. */
function releaseText(signedOrPlain) {
    const m = /-----BEGIN PGP SIGNED MESSAGE-----\r?\n(?:[^\n]+\n)*?\r?\n([\s\S]*?)\r?\n-----BEGIN PGP SIGNATURE-----/.exec(signedOrPlain);
    if (!m)
        return signedOrPlain;
    const text = m[1].replace(/^- /gm, '');
    // openpgp.js writes the text with CRLF line ends, its last one included, then the separator's
    // own line end; gpg writes LF, and the separator's line end is the text's last. Release has LF.
    return text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text + '\n';
}
/** The files a Release lists, with their SHA256 and size. */
function releaseFiles(text, where) {
    const [stanza] = parseStanzas(text, where);
    const out = new Map();
    const list = stanza ? field(stanza, 'SHA256') : undefined;
    for (const line of (list ?? '').split('\n')) {
        const m = /^\s*([0-9a-f]{64})\s+(\d+)\s+(\S+)\s*$/.exec(line);
        if (m)
            out.set(m[3], { sha256: m[1], size: Number(m[2]) });
    }
    return out;
}
/** Every file a Release lists, with all the digests it gives (so unchanged indexes can be listed again as they are). */
function releaseDigests(text, where) {
    const [stanza] = parseStanzas(text, where);
    const out = new Map();
    const sections = [
        ['MD5Sum', 'md5'],
        ['SHA1', 'sha1'],
        ['SHA256', 'sha256'],
        ['SHA512', 'sha512']
    ];
    for (const [name, hash] of sections) {
        for (const line of ((stanza && field(stanza, name)) ?? '').split('\n')) {
            const m = /^\s*([0-9a-f]+)\s+(\d+)\s+(\S+)\s*$/.exec(line);
            if (!m)
                continue;
            const d = out.get(m[3]) ?? { size: Number(m[2]), md5: '', sha1: '', sha256: '', sha512: '' };
            d[hash] = m[1];
            out.set(m[3], d);
        }
    }
    return out;
}
/** One single-line field of a Release (Origin, Label, ...), as written; undefined when absent. */
function releaseField(text, name) {
    const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'mi').exec(text.split(/\n(?=MD5Sum:|SHA)/)[0]);
    return m ? m[1].trim() : undefined;
}
/**
 * The fields of an existing Release a new one keeps. apt remembers Origin, Label, Suite and
 * Codename and stops (`changed its 'Origin' value`) when they change; the others are kept so
 * the repository reads as it did.
 */
function keptReleaseFields(text) {
    return {
        origin: releaseField(text, 'Origin'),
        label: releaseField(text, 'Label'),
        suite: releaseField(text, 'Suite'),
        codename: releaseField(text, 'Codename'),
        description: releaseField(text, 'Description'),
        architectures: releaseField(text, 'Architectures')
    };
}

/**
 * Decompresses a small file by the suffix of its name: a .deb's control.tar member, or the
 * repodata another tool wrote (createrepo_c writes gz, xz, zstd or bz2). Node has gzip; zstd
 * comes from a pure-JS decoder, xz from liblzma compiled to WebAssembly (the same module that
 * writes Packages.xz), bzip2 from a small pure-JS decoder (SheetJS's): the bundle needs no native code. The
 * decoders load on first use, so a run that meets none of them never pays for them.
 */
async function decompressMember(name, data) {
    if (name.endsWith('.gz'))
        return gunzipSync(data);
    if (name.endsWith('.zst'))
        return (await import('./esm-DNEFO9GB.js')).decompress(data);
    if (name.endsWith('.xz'))
        return unxz(name, data);
    if (name.endsWith('.bz2'))
        return bunzip2(name, data);
    if (!/\.(lzma|zck)$/.test(name))
        return data;
    throw new Error(`${name}: unsupported compression (gz, xz, zst and bz2 are read)`);
}
async function unxz(name, data) {
    const lzma = await import('./wasm-BjLwJ5gl.js');
    await lzma.initModule();
    try {
        return await lzma.unxzAsync(data);
    }
    catch (e) {
        throw new Error(`${name}: not a valid xz file (${e.message})`, { cause: e });
    }
}
async function bunzip2(name, data) {
    const { decompress } = (await import('./index-CxDQOHUh.js').then(function (n) { return n.i; })).default ?? (await import('./index-CxDQOHUh.js').then(function (n) { return n.i; }));
    try {
        return Buffer.concat(bzip2Streams(data).map((stream) => decompress(stream, true)));
    }
    catch (e) {
        throw new Error(`${name}: not a valid bzip2 file (${e.message})`, { cause: e });
    }
}
/**
 * The streams of a bzip2 file, one after another (pbzip2 and `cat a.bz2 b.bz2` write several;
 * the decoder reads one). A stream opens with `BZh<level>` and the 48-bit magic of a block or
 * of the end of stream; ten bytes that, inside compressed data, match by chance about once in
 * 2^80 bytes.
 */
function bzip2Streams(data) {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const opens = (at) => bytes[at] === 0x42 &&
        bytes[at + 1] === 0x5a &&
        bytes[at + 2] === 0x68 &&
        bytes[at + 3] >= 0x31 &&
        bytes[at + 3] <= 0x39 &&
        (bytes.subarray(at + 4, at + 10).equals(BLOCK_MAGIC) ||
            bytes.subarray(at + 4, at + 10).equals(END_MAGIC));
    const starts = [0];
    for (let at = bytes.indexOf('BZh', 1); at > 0; at = bytes.indexOf('BZh', at + 1))
        if (opens(at))
            starts.push(at);
    return starts.map((start, i) => bytes.subarray(start, starts[i + 1] ?? bytes.length));
}
const BLOCK_MAGIC = Buffer.from([0x31, 0x41, 0x59, 0x26, 0x53, 0x59]);
const END_MAGIC = Buffer.from([0x17, 0x72, 0x45, 0x38, 0x50, 0x90]);

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
 * The run's own artifacts, fetched as clients get them from the moment a check knows it will
 * compare them, beside the indexes that say what they should be (on a store across a network, a
 * round trip or more saved). `served(key)` is the fetch of one: the early one when there is one,
 * else a fetch now. Only the fetches hold a slot of `limit`; a comparison waiting for one holds
 * none, so the early fetches never wait behind the checks that wait for them.
 */
function fetchAhead(ctx, artifacts) {
    const early = new Map(
    // Each awaited by its comparison, unless the check ends first.
    (artifacts === 'all' ? [] : artifacts).map((a) => [
        a.key,
        awaitedLater(ctx.limit(() => ctx.served.fingerprint(a.key)))
    ]));
    return (key) => early.get(key) ?? ctx.limit(() => ctx.served.fingerprint(key));
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
        const { error } = await verifyClearSigned(inRelease.served.toString('utf8'), await ctx.keys);
        if (error)
            push(signatureFinding('apt', ctx.served.where(inRelease.key), error));
    }
    if (release.served && releaseGpg.served) {
        const error = await verifyDetached(release.served, releaseGpg.served.toString('utf8'), await ctx.keys);
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
    // The run's own packages are fetched beside the indexes, compared once those are read.
    const servedPackage = fetchAhead(ctx, artifacts);
    await Promise.all([
        ...packagesFiles.map(async (path) => {
            const key = `${suite}/${path}`;
            for (const e of parsePackagesIndex(await readIndex$1(ctx, key), ctx.store.where(key), naming))
                entries.set(`${prefix}/${e.filename}`, { sha256: e.sha256 });
        }),
        checkListed(ctx, result, suite, listed, push)
    ]);
    const wanted = artifacts === 'all'
        ? [...entries.keys()].map((key) => ({ key, sha256: undefined, size: undefined }))
        : artifacts;
    await Promise.all(wanted.map(async (artifact) => {
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
        const fingerprint = await servedPackage(artifact.key);
        if (!fingerprint || fingerprint.sha256 !== entry.sha256)
            findings.push({
                kind: 'apt',
                file: url,
                problem: fingerprint ? 'differs' : 'missing',
                served: describeFingerprint(fingerprint),
                published: `sha256 ${entry.sha256.slice(0, 16)}… (Packages)`
            });
    }));
    return result;
}
/** Each index the Release lists, served by hash (Acquire-By-Hash) and Packages also by name. */
async function checkListed(ctx, result, suite, listed, push) {
    // Only Packages files are also asked for by name (by apt without by-hash); files of our own
    // (the segment manifest) are served by hash alone. Each fetch waits for a slot of its own.
    const keys = [...listed].flatMap(([path, published]) => [
        { key: `${suite}/${parentOf(path)}/by-hash/SHA256/${published.sha256}`, published },
        ...(/(^|\/)Packages(\.gz|\.xz)?$/.test(path) ? [{ key: `${suite}/${path}`, published }] : [])
    ]);
    await Promise.all(keys.map(({ key, published }) => ctx.limit(async () => {
        result.checked++;
        push(await checkServed(ctx.served, 'apt', key, published));
    })));
}
/** A Packages index as published: the plain file, or its .gz when a repository keeps only that. */
async function readIndex$1(ctx, key) {
    const plain = await ctx.store.read(key);
    if (plain)
        return plain.toString('utf8');
    const gz = await ctx.store.read(`${key}.gz`);
    if (gz)
        return Buffer.from(await decompressMember(`${key}.gz`, gz)).toString('utf8');
    return '';
}

function parseSums(text, where) {
    const sums = new Map();
    for (const [index, line] of text.split('\n').entries()) {
        if (line.trim() === '')
            continue;
        const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
        if (!match)
            throw new Error(`${where} line ${index + 1}: not a sha256sum line: ${JSON.stringify(line)}`);
        sums.set(match[2], match[1]);
    }
    return sums;
}
/** Sorted by file name, so the same set of files always renders the same bytes. */
function renderSums(sums) {
    return [...sums.entries()]
        .sort(([a], [b]) => byCodeUnit(a, b))
        .map(([name, sha256]) => `${sha256}  ${name}\n`)
        .join('');
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
        const error = await verifyDetached(served, servedSig.toString('utf8'), await ctx.keys);
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
    // The folders side by side, and in each the run's own tarballs fetched beside SHA256SUMS,
    // compared once it is read: on a store across a network, round trips saved.
    await Promise.all(dirs.map(async (dir) => {
        const sumsKey = `${dir}/SHA256SUMS`;
        const servedTarball = fetchAhead(ctx, artifacts === 'all' ? 'all' : artifacts.filter((a) => parentOf(a.key) === dir));
        const sums = await checkSignedIndex(ctx, result, sumsKey);
        if (!sums)
            return;
        const listed = parseSums(sums.toString('utf8'), ctx.store.where(sumsKey));
        const wanted = artifacts === 'all'
            ? [...listed.keys()].map((name) => ({
                key: `${dir}/${name}`,
                sha256: undefined,
                size: undefined
            }))
            : artifacts.filter((a) => parentOf(a.key) === dir);
        await Promise.all(wanted.map(async (artifact) => {
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
            const f = compareServed('bin', ctx.served.where(artifact.key), await servedTarball(artifact.key), {
                sha256,
                size: artifact.size
            });
            if (f)
                findings.push(f);
        }));
    }));
    return result;
}

function recordOf(pkg, location) {
    const info = { ...pkg, location, sha256: pkg.digests.sha256, size: pkg.digests.size };
    return {
        name: pkg.name,
        epoch: pkg.epoch,
        version: pkg.version,
        release: pkg.release,
        arch: pkg.arch,
        location,
        sha256: info.sha256,
        size: info.size,
        primary: primaryPackage(info),
        filelists: filelistsPackage(info),
        other: otherPackage(info)
    };
}
function recordKey(r) {
    return `${r.name}-${r.epoch}:${r.version}-${r.release}.${r.arch}`;
}
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const version = (r) => `<version epoch="${r.epoch}" ver="${esc(r.version)}" rel="${esc(r.release)}"/>`;
function entries(tag, list) {
    const seen = new Set();
    const items = [];
    for (const d of list) {
        let attrs = `name="${esc(d.name)}"`;
        if (d.flags)
            attrs += ` flags="${d.flags}" epoch="${esc(d.epoch ?? '0')}" ver="${esc(d.ver ?? '')}"`;
        if (d.flags && d.rel !== undefined)
            attrs += ` rel="${esc(d.rel)}"`;
        if (d.pre)
            attrs += ` pre="1"`;
        if (seen.has(attrs))
            continue;
        seen.add(attrs);
        items.push(`      <rpm:entry ${attrs}/>`);
    }
    return items.length ? `    <rpm:${tag}>\n${items.join('\n')}\n    </rpm:${tag}>\n` : '';
}
/** Files dnf needs in primary to resolve file dependencies (the rest is in filelists). */
const isPrimaryFile = (f) => f.path.startsWith('/etc/') || f.path.includes('bin/') || f.path === '/usr/lib/sendmail';
const fileLine = (f, indent) => `${indent}<file${f.type === 'file' ? '' : ` type="${f.type}"`}>${esc(f.path)}</file>\n`;
function primaryPackage(r) {
    return (`<package type="rpm">\n  <name>${esc(r.name)}</name>\n  <arch>${esc(r.arch)}</arch>\n  ${version(r)}\n` +
        `  <checksum type="sha256" pkgid="YES">${r.sha256}</checksum>\n` +
        `  <summary>${esc(r.summary)}</summary>\n  <description>${esc(r.description)}</description>\n` +
        `  <packager>${esc(r.packager)}</packager>\n  <url>${esc(r.url)}</url>\n` +
        `  <time file="${r.buildtime}" build="${r.buildtime}"/>\n` +
        `  <size package="${r.size}" installed="${r.installedSize}" archive="${r.archiveSize}"/>\n` +
        `  <location href="${esc(r.location)}"/>\n  <format>\n` +
        `    <rpm:license>${esc(r.license)}</rpm:license>\n    <rpm:vendor>${esc(r.vendor)}</rpm:vendor>\n` +
        `    <rpm:group>${esc(r.group)}</rpm:group>\n    <rpm:buildhost>${esc(r.buildhost)}</rpm:buildhost>\n` +
        `    <rpm:sourcerpm>${esc(r.sourcerpm)}</rpm:sourcerpm>\n` +
        `    <rpm:header-range start="${r.headerRange.start}" end="${r.headerRange.end}"/>\n` +
        entries('provides', r.provides) +
        entries('requires', r.requires) +
        entries('conflicts', r.conflicts) +
        entries('obsoletes', r.obsoletes) +
        r.files
            .filter(isPrimaryFile)
            .map((f) => fileLine(f, '    '))
            .join('') +
        `  </format>\n</package>\n`);
}
function filelistsPackage(r) {
    return (`<package pkgid="${r.sha256}" name="${esc(r.name)}" arch="${esc(r.arch)}">\n  ${version(r)}\n` +
        r.files.map((f) => fileLine(f, '  ')).join('') +
        `</package>\n`);
}
function otherPackage(r) {
    return (`<package pkgid="${r.sha256}" name="${esc(r.name)}" arch="${esc(r.arch)}">\n  ${version(r)}\n` +
        r.changelog
            .map((c) => `  <changelog author="${esc(c.author)}" date="${c.date}">${esc(c.text)}</changelog>\n`)
            .join('') +
        `</package>\n`);
}
/**
 * The three XML files of the repodata: how each opens and closes around its package fragments.
 *
 * The opening carries no `packages="N"` count. With it, every publish changed the first bytes of
 * every file, so each file's open SHA-256 (which repomd.xml lists) had to be taken again over all
 * of it, inflated, and the file could not grow from the one before. Without it, a publish hashes
 * only the segments it adds, from the states the manifest keeps, and the file store extends the
 * old files. The readers ignore the count: libsolv (dnf, zypper) and createrepo_c never read it,
 * and yum's parser only reports it as progress when it is there.
 */
const XML_FILES = [
    {
        type: 'primary',
        open: `<?xml version="1.0" encoding="UTF-8"?>\n` +
            `<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm">\n`,
        close: `</metadata>\n`,
        fragment: (r) => r.primary
    },
    {
        type: 'filelists',
        open: `<?xml version="1.0" encoding="UTF-8"?>\n<filelists xmlns="http://linux.duke.edu/metadata/filelists">\n`,
        close: `</filelists>\n`,
        fragment: (r) => r.filelists
    },
    {
        type: 'other',
        open: `<?xml version="1.0" encoding="UTF-8"?>\n<otherdata xmlns="http://linux.duke.edu/metadata/other">\n`,
        close: `</otherdata>\n`,
        fragment: (r) => r.other
    }
];
/** The package fragments of a run of XML (the inverse of joining them). */
function splitFragments(xml) {
    const parts = xml.split('</package>\n');
    parts.pop();
    return parts.map((p) => p + '</package>\n');
}
function renderRepomd(revision, data) {
    return (`<?xml version="1.0" encoding="UTF-8"?>\n<repomd xmlns="http://linux.duke.edu/metadata/repo" xmlns:rpm="http://linux.duke.edu/metadata/rpm">\n` +
        `  <revision>${revision}</revision>\n` +
        data
            .map((d) => `  <data type="${esc(d.type)}">\n    <checksum type="sha256">${d.sha256}</checksum>\n` +
            `    <open-checksum type="sha256">${d.openSha256}</open-checksum>\n    <location href="${esc(d.location)}"/>\n` +
            `    <timestamp>${revision}</timestamp>\n    <size>${d.size}</size>\n    <open-size>${d.openSize}</open-size>\n  </data>\n`)
            .join('') +
        `</repomd>\n`);
}
/** The data entries of a repomd.xml we wrote: type -> location and checksum. */
function parseRepomd(xml) {
    const out = new Map();
    for (const m of xml.matchAll(/<data type="([^"]+)">([\s\S]*?)<\/data>/g)) {
        const loc = /<location href="([^"]+)"/.exec(m[2]);
        const sum = /<checksum type="sha256">([0-9a-f]{64})<\/checksum>/.exec(m[2]);
        if (loc && sum)
            out.set(m[1], { location: loc[1], sha256: sum[1] });
    }
    return out;
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
    // among the metadata below is then taken from those bytes instead of reading it again. The
    // packages are checked as soon as they are known (the run's own at once), beside the
    // metadata, not after it: on a store across a network, a round trip less.
    const wanted = artifacts === 'all' ? listedPackages(ctx, prefix, data.get('primary')?.location) : artifacts;
    const servedPackage = fetchAhead(ctx, artifacts);
    await Promise.all([
        ...[...data.values()].map(({ location, sha256 }) => ctx.limit(async () => {
            const key = `${prefix}/${location}`;
            result.checked++;
            const f = await checkServed(ctx.served, 'dnf', key, { sha256 });
            if (f)
                findings.push(f);
        })),
        Promise.resolve(wanted).then((packages) => Promise.all(packages.map(async (artifact) => {
            result.checked++;
            const expected = artifact.sha256
                ? { sha256: artifact.sha256, size: artifact.size }
                : await ctx.limit(() => ctx.store.fingerprint(artifact.key));
            if (!expected)
                return;
            const f = compareServed('dnf', ctx.served.where(artifact.key), await servedPackage(artifact.key), expected);
            if (f)
                findings.push(f);
        })))
    ]);
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

/**
 * Every tag this run pushed resolves, on every repository, to the digest pushed; and every digest
 * it signed is signed there (with `checkSignature`): a mirror that copies tags but not signatures
 * serves images that signature policies reject.
 */
async function checkImages(images, resolve, signal, checkSignature) {
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
        // Each signed digest once (the tags of one push share it; arch tags name platforms).
        const signed = new Map();
        for (const image of tagged)
            if (image.signer && image.digest)
                signed.set(image.digest, image.signer);
        // A platform's signature is checked once, under the index or its own arch tag.
        const seen = new Set();
        let checked = tagged.length;
        if (checkSignature)
            for (const [digest, signer] of signed) {
                signal?.throwIfAborted();
                for (const { file, status } of await checkSignature(repository, digest, signer)) {
                    if (seen.has(file))
                        continue;
                    seen.add(file);
                    checked++;
                    if (status !== 'signed')
                        findings.push({
                            kind: 'images',
                            file,
                            problem: status === 'no-payload' ? 'missing' : 'signature',
                            served: SERVED[status],
                            published: signedBy(signer)
                        });
                }
            }
        return { kind: 'images', target: repository, checked, findings };
    }));
}
/** `registry/path:tag` split at the tag's colon (a registry's port has a colon too). */
function splitReference(reference) {
    const colon = reference.lastIndexOf(':');
    if (colon < reference.lastIndexOf('/') || colon < 0)
        return { repository: reference, tag: 'latest' };
    return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) };
}
const SERVED = {
    'no-tag': 'no signature tag',
    'not-by-signer': 'no signature of this digest by the signer that verifies',
    'no-payload': 'the signature, but not the payload blob it signs'
};
function signedBy(signer) {
    return 'publicKey' in signer
        ? 'signed with cosign-private-key'
        : `signed keyless as ${signer.identity}`;
}

/**
 * Checks the targets as clients see them. A CDN takes a while to serve what was just written, so
 * checks that fail are run again (only those) until they pass or the deadline comes: the findings
 * of the last pass are the verdict.
 */
async function verify$2(targets, o) {
    const deadline = Date.now() + o.deadlineMs;
    // The first check that throws fails the run; this stops the others' requests and retries.
    const cancel = new AbortController();
    // Served by the store itself: what is served is what was published, read once for both.
    const once = o.served === o.store ? readOnce(cancelledBy(o.store, cancel.signal)) : undefined;
    const store = once ?? cancelledBy(o.store, cancel.signal);
    const packages = targets.apt.size + targets.dnf.size + targets.bin.size > 0;
    // The published key is read beside the checks' first fetches, which need it only once they
    // have a signature to check: on a store across a network, a round trip less.
    const keyText = packages ? store.read(PUBLIC_KEY_KEY) : Promise.resolve(undefined);
    // Awaited below, before any check's outcome.
    const keys = awaitedLater(keyText.then((text) => {
        if (packages && !text)
            throw new Error(`${o.store.where(PUBLIC_KEY_KEY)} is missing: the repositories' signatures cannot be checked without the published key`);
        return text
            ? readPublicKeys(text.toString('utf8'), o.store.where(PUBLIC_KEY_KEY))
            : { openpgp: () => Promise.resolve([]) };
    }));
    const ctx = {
        served: once ?? cancelledBy(o.served, cancel.signal),
        store,
        keys,
        limit: limiter(8, cancel.signal)
    };
    // Each job is one repository, folder set or image repository: re-run alone when it fails.
    const jobs = [];
    if (packages) {
        const kind = targets.apt.size ? 'apt' : targets.dnf.size ? 'dnf' : 'bin';
        jobs.push(async () => {
            await keys;
            return [await checkKeyFile(ctx, kind, (await keyText))];
        });
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
        jobs.push(() => checkImages(targets.images, resolve, cancel.signal, o.checkSignature));
    }
    const run = (job) => job().catch((error) => {
        cancel.abort(error);
        throw error;
    });
    // Awaited below, unless the key is missing.
    const started = jobs.map((job) => awaitedLater(run(job)));
    // A missing key fails the run before any finding: the checks that wait for it stop too.
    await keys.catch((error) => {
        cancel.abort(error);
        throw error;
    });
    let outcome = await Promise.all(started);
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
 * Reads the registries as clients do, through the registry client and the Docker credentials the
 * containers stage pushed with (loaded only when images were pushed): tags resolved as `docker
 * pull` resolves them, cosign signatures found as `cosign verify` finds them.
 */
async function registryResolver(o) {
    const [{ RegistryClient }, credentials, { parseRepository }, image$1] = await Promise.all([
        import('./registry-ChPOzDRT.js').then(function (n) { return n.r; }),
        import('./credentials-D5j5L5p-.js'),
        Promise.resolve().then(function () { return repository; }),
        Promise.resolve().then(function () { return image; })
    ]);
    const client = new RegistryClient({
        credentials: await credentials.loadDockerCredentials(o.dockerConfig ?? credentials.dockerConfigPath()),
        log: o.log,
        insecure: o.insecure
    });
    // What `docker pull` accepts under a tag or digest: a multi-arch index or one image.
    const anyManifest = [...image$1.INDEX_TYPES, ...image$1.MANIFEST_TYPES];
    return {
        resolve: (repository, tag) => client.headManifest(parseRepository(repository), tag, anyManifest),
        checkSignature: async (repository, digest, signer) => {
            const [cosign, isBy] = await Promise.all([
                import('./cosign-signature-V2JBaaMg.js').then(function (n) { return n.d; }),
                signatureCheck(signer)
            ]);
            const repo = parseRepository(repository);
            /** One digest's signature, as cosign finds it under its `.sig` tag. */
            const signatureOf = async (signed) => {
                const tag = cosign.signatureTag(signed);
                const file = `${repository}:${tag}`;
                const manifest = await client.getManifest(repo, tag, [...image$1.MANIFEST_TYPES]);
                if (!manifest)
                    return { file, status: 'no-tag' };
                const { layers = [] } = JSON.parse(manifest.body.toString('utf8'));
                const payload = cosign.simpleSigningPayload(repo.name, signed);
                for (const layer of layers) {
                    if (!(await isBy(layer, payload)))
                        continue;
                    // cosign reads the payload it verifies from the layer's blob.
                    const served = await client.hasBlob(repo, layer.digest);
                    return { file, status: served ? 'signed' : 'no-payload' };
                }
                return { file, status: 'not-by-signer' };
            };
            // An index's platforms are signed too: podman and CRI-O check the one they pull.
            const top = await client.getManifest(repo, digest, anyManifest);
            const platforms = top
                ? (JSON.parse(top.body.toString('utf8')).manifests ?? [])
                : [];
            return Promise.all([digest, ...platforms.map((m) => m.digest)].map(signatureOf));
        },
        close: () => client.close()
    };
}
/** Whether a layer is `signer`'s signature of a payload, by the check a re-run uses. */
async function signatureCheck(signer) {
    if ('publicKey' in signer) {
        const { isKeySignature } = await import('./cosign-signature-V2JBaaMg.js').then(function (n) { return n.d; });
        return (layer, payload) => isKeySignature(layer, payload, signer.publicKey);
    }
    const { isKeylessSignature } = await import('./cosign-keyless-BzvYowM2.js').then(function (n) { return n.e; });
    return (layer, payload) => isKeylessSignature(layer, payload, signer.identity);
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
        if (item.kind === 'tarball' && m?.[2] !== 'bin') {
            // An arch-less tarball (Falco's -wasm) sits at the root of its own repository
            // (tarballs-noarch-repository, packages/wasm-dev by default), beside its SHA256SUMS.
            addTarball(targets, parentOf(item.path), item);
            continue;
        }
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
            const dir = parentOf(item.path);
            // Tarballs and SHA256SUMS sit in arch folders; the listing (index.html) sits above them.
            if (isArtifact)
                addTarball(targets, prefix, item);
            else if (dir !== prefix)
                addFolder(targets, prefix, dir);
        }
    }
    return targets;
}
/** `dir` (an arch folder, or the root of an arch-less repository) among `prefix`'s SHA256SUMS. */
function addFolder(targets, prefix, dir) {
    const entry = targets.bin.get(prefix) ?? { dirs: [], artifacts: [] };
    if (!entry.dirs.includes(dir))
        entry.dirs.push(dir);
    targets.bin.set(prefix, entry);
}
function addTarball(targets, prefix, item) {
    addFolder(targets, prefix, parentOf(item.path));
    const artifacts = targets.bin.get(prefix).artifacts;
    artifacts.push({ key: item.path, sha256: item.sha256, size: item.size });
}
function targetsOfRun(results) {
    return targetsOfPublished(results.flatMap((r) => r.published));
}
/**
 * Every repository the store holds, with everything its indexes list (the `verify` command, for a
 * scheduled check of the live server), the arch-less tarball repository `noarch` among them.
 * Drivers and images are not listed by the store: they are checked from a run's `published-file`.
 */
async function targetsOfStore(store, noarch) {
    const targets = noTargets();
    for (const suffix of ['', '-dev']) {
        const deb = `packages/deb${suffix}`;
        const rpm = `packages/rpm${suffix}`;
        const bin = `packages/bin${suffix}`;
        if (await statObject(store, `${deb}/dists/stable/InRelease`))
            targets.apt.set(deb, 'all');
        if (await statObject(store, `${rpm}/repodata/repomd.xml`))
            targets.dnf.set(rpm, 'all');
        const dirs = [];
        for await (const object of scan(store, `${bin}/`))
            if (object.key.endsWith('/SHA256SUMS'))
                dirs.push(parentOf(object.key));
        if (dirs.length)
            targets.bin.set(bin, { dirs, artifacts: 'all' });
    }
    // Unless it is a folder of packages/bin(-dev), which the scan above found already.
    const found = [...targets.bin.values()].some((entry) => entry.dirs.includes(noarch));
    if (!found && (await statObject(store, `${noarch}/SHA256SUMS`)))
        targets.bin.set(noarch, { dirs: [noarch], artifacts: 'all' });
    return targets;
}
function isEmpty(t) {
    return !t.apt.size && !t.dnf.size && !t.bin.size && !t.drivers.length && !t.images.length;
}

class GateError extends Error {
    result;
    constructor(result) {
        super(gateMessage(result));
        this.result = result;
        this.name = 'GateError';
    }
}
/** Thrown when GitHub cannot be read at all; the message says which permission to grant. */
class GateAccessError extends Error {
    constructor(message) {
        super(message);
        this.name = 'GateAccessError';
    }
}
const PASSING = new Set(['success', 'neutral', 'skipped']);
const FAILING = new Set([
    'failure',
    'cancelled',
    'timed_out',
    'action_required',
    'stale',
    'startup_failure'
]);
/** A check run's state from its status and conclusion; unknown conclusions count as failures. */
function checkRunState(status, conclusion) {
    if (status !== 'completed')
        return 'pending';
    if (conclusion === null || conclusion === undefined)
        return 'pending';
    if (PASSING.has(conclusion))
        return 'success';
    if (FAILING.has(conclusion))
        return 'failure';
    return 'failure';
}
/** A commit status's state: error and failure fail, pending waits. */
function statusState(state) {
    if (state === 'success')
        return 'success';
    if (state === 'pending')
        return 'pending';
    return 'failure';
}
async function checkGate(octokit, options, log) {
    const { owner, repo, sha } = options;
    const where = `${owner}/${repo}@${sha.slice(0, 12)}`;
    const ownSuite = options.runId === undefined
        ? undefined
        : await read(`the workflow run ${options.runId}`, 'actions: read', async () => {
            const { data } = await octokit.rest.actions.getWorkflowRun({
                owner,
                repo,
                run_id: options.runId
            });
            return data.check_suite_id;
        });
    const runs = await read(`the check runs of ${where}`, 'checks: read', () => octokit.paginate(octokit.rest.checks.listForRef, {
        owner,
        repo,
        ref: sha,
        filter: 'latest',
        per_page: 100
    }));
    const statuses = await read(`the commit statuses of ${where}`, 'statuses: read', () => combinedStatuses(octokit, owner, repo, sha));
    const found = [
        ...runs.map((run) => ({
            name: run.name,
            source: 'check-run',
            state: checkRunState(run.status, run.conclusion),
            conclusion: run.status === 'completed' ? (run.conclusion ?? run.status) : run.status,
            url: run.html_url ?? run.details_url ?? undefined,
            suiteId: run.check_suite?.id
        })),
        ...statuses.map((status) => ({
            name: status.context,
            source: 'status',
            state: statusState(status.state),
            conclusion: status.state,
            url: status.target_url ?? undefined
        }))
    ];
    log.debug(`gate: ${runs.length} check runs and ${statuses.length} statuses on ${where}`);
    const result = judge(found, options.required, ownSuite);
    for (const check of result.checks) {
        log.debug(`gate: ${check.name} (${check.source}) is ${check.state} [${check.conclusion ?? ''}]`);
    }
    if (result.checks.length === 0) {
        log.info(`Gate: no checks found on ${where}; nothing to wait for`);
    }
    else {
        const failed = result.checks.filter((check) => check.state !== 'success').length;
        log.info(`Gate: ${result.checks.length - failed} of ${result.checks.length} checks on ${where} ` +
            `succeeded` +
            (result.ignored.length > 0 ? `; ignored ${result.ignored.join(', ')}` : ''));
    }
    return result;
}
/** Throws GateError unless the gate passed. main calls checkGate, reports, then asserts. */
function assertGate(result) {
    if (!result.passed)
        throw new GateError(result);
}
/** Which checks count, and whether they all succeeded. Pure: the tests drive it with data. */
function judge(found, required, ownSuite) {
    if (required.length === 0) {
        // This run's own jobs (the one running the gate among them) cannot be finished yet.
        const own = (check) => ownSuite !== undefined && check.source === 'check-run' && check.suiteId === ownSuite;
        const checks = found.filter((check) => !own(check)).map(strip);
        const ignored = unique(found.filter(own).map((check) => check.name));
        return { passed: checks.every((check) => check.state === 'success'), checks, ignored };
    }
    const wanted = new Set(required);
    const checks = [];
    for (const name of unique(required)) {
        const matches = found.filter((check) => check.name === name);
        if (matches.length === 0)
            checks.push({ name, source: 'check-run', state: 'missing' });
        for (const match of matches) {
            const own = ownSuite !== undefined && match.source === 'check-run' && match.suiteId === ownSuite;
            checks.push(own ? { ...strip(match), thisRun: true } : strip(match));
        }
    }
    const ignored = unique(found.filter((check) => !wanted.has(check.name)).map((c) => c.name));
    return { passed: checks.every((check) => check.state === 'success'), checks, ignored };
}
function strip(check) {
    const { suiteId: _suite, ...state } = check;
    return state;
}
function unique(names) {
    return [...new Set(names)];
}
/**
 * The latest status per context. The combined-status endpoint already keeps only the newest
 * status of each context; its `statuses` list is paginated by `page` without a Link header, so
 * it is walked until `total_count` is reached.
 */
async function combinedStatuses(octokit, owner, repo, ref) {
    const perPage = 100;
    const all = [];
    for (let page = 1;; page++) {
        const { data } = await octokit.rest.repos.getCombinedStatusForRef({
            owner,
            repo,
            ref,
            per_page: perPage,
            page
        });
        all.push(...data.statuses);
        if (data.statuses.length < perPage || all.length >= data.total_count)
            return all;
    }
}
/** Runs one read; turns GitHub's 401/403/404 into an error that says what to grant. */
async function read(what, permission, fn) {
    try {
        return await fn();
    }
    catch (error) {
        const status = error.status;
        const reason = error instanceof Error ? error.message : String(error);
        if (status === 401) {
            throw new GateAccessError(`The gate could not read ${what}: GitHub answered 401 (${reason}). ` +
                `Check the github-token input; it must be a valid token for this repository.`);
        }
        if (status === 403 || status === 404) {
            throw new GateAccessError(`The gate could not read ${what}: GitHub answered ${status} (${reason}). ` +
                `Give the workflow's token \`permissions: ${permission}\` (the gate needs checks: read, ` +
                `statuses: read and actions: read), or set require-checks: false to publish without the gate.`);
        }
        throw new GateAccessError(`The gate could not read ${what}: ${reason}`);
    }
}
function gateMessage(result) {
    const bad = result.checks.filter((check) => check.state !== 'success');
    const line = (check) => {
        const kind = check.state === 'missing' ? 'required, not reported' : check.source;
        const detail = check.conclusion && check.conclusion !== check.state ? `, ${check.conclusion}` : '';
        const own = check.thisRun && check.state === 'pending'
            ? ' - a job of this workflow run: it cannot finish before this step; make this job `needs:` it instead'
            : '';
        return `  ${check.state}: ${check.name} (${kind}${detail})${check.url ? ` ${check.url}` : ''}${own}`;
    };
    const order = ['failure', 'pending', 'missing'];
    const lines = order.flatMap((state) => bad.filter((check) => check.state === state).map(line));
    const hints = [];
    if (bad.some((check) => check.state === 'failure'))
        hints.push('fix the failing checks');
    if (bad.some((check) => check.state === 'pending')) {
        hints.push('let the pending checks finish (or make this job `needs:` them) and re-run this job');
    }
    if (bad.some((check) => check.state === 'missing')) {
        hints.push('correct the names in required-checks (they must equal the check or status names)');
    }
    return [
        `The gate refused to publish: ${bad.length} of ${result.checks.length} required checks did not succeed.`,
        ...lines,
        `To publish, ${hints.join('; ')}. To publish without the gate, set require-checks: false.`
    ].join('\n');
}

/**
 * The Release for this run. git is asked only for a dev version that the version input does
 * not give, and the tags only when `latest` is auto on a stable release: a tag push with the
 * default shallow checkout never needs the history.
 */
async function decideRelease(event, inputs, sources) {
    const decided = classify(event, inputs);
    if (decided.channel === 'none') {
        return {
            channel: 'none',
            version: '',
            prerelease: false,
            latest: false,
            reason: decided.reason,
            ...(decided.tag === undefined ? {} : { tag: decided.tag }),
            sha: event.sha
        };
    }
    const version = decided.version ?? nextDevVersion(await sources.describe());
    let latest = decided.latest;
    let reason = decided.reason;
    if (latest === undefined) {
        const tags = await sources.stableTags();
        latest = isLatest(version, tags);
        // A back-port that does not take latest surprises people; say which release holds it.
        const highest = highestStable(tags);
        if (!latest && highest !== undefined) {
            reason = `${reason.replace(/\.$/, '')}; not latest, ${highest} is higher.`;
        }
    }
    return {
        channel: decided.channel,
        version,
        prerelease: decided.prerelease,
        latest,
        reason,
        ...(decided.tag === undefined ? {} : { tag: decided.tag }),
        sha: event.sha
    };
}

/** The stages that write to the store (the others write to registries and GitHub, or read). */
const WRITES_STORE = new Set(['packages', 'drivers']);
/**
 * inputs -> release -> gate -> plans -> apply. Never throws: whatever happens ends up in the returned
 * report (with `error` set when the run failed), so the caller can always write outputs and a summary.
 */
async function publish$1(deps) {
    const { inputs, log } = deps;
    const started = Date.now();
    const report = {
        dryRun: inputs.dryRun,
        plans: [],
        results: [],
        notRun: [],
        durationMs: 0
    };
    try {
        const release = await log.group('Release', async () => {
            const decided = await decideRelease(deps.event, inputs, deps.releaseSources);
            log.info(`channel: ${decided.channel} (${decided.reason})`);
            if (decided.channel !== 'none') {
                log.info(`version: ${decided.version}${decided.prerelease ? ' (prerelease)' : ''}`);
                log.info(`latest: ${decided.latest}`);
            }
            return decided;
        });
        report.release = release;
        if (release.channel === 'none') {
            log.info('Nothing to publish for this event.');
            return report;
        }
        // The result is kept before it is judged, so the summary lists the checks that stopped the run.
        report.gate = await log.group('Checks', () => readGate(deps, release.sha));
        if ('checks' in report.gate)
            assertGate(report.gate);
        const store = deps.openStore(storeUrl(inputs.store, deps.workspace));
        report.store = store.location;
        mark('release');
        const ctx = {
            release,
            inputs,
            store,
            log,
            workspace: deps.workspace,
            workdir: deps.workdir,
            // Filled as stages apply: the verify stage checks what the ones before it published.
            results: report.results,
            github: deps.github,
            repository: deps.repository,
            checks: 'checks' in report.gate ? report.gate.checks : undefined
        };
        // Every stage plans before any stage writes, so bad input anywhere stops the run with nothing written.
        for (const stage of deps.stages) {
            const plan = await log.group(`Plan: ${stage.name}`, async () => {
                const planned = await stage.plan(ctx);
                logPlan(planned, log);
                return planned;
            });
            report.plans.push(plan);
        }
        mark('plan');
        if (inputs.dryRun) {
            log.info('dry-run: the plan above was not applied.');
            return report;
        }
        const todo = deps.stages
            .map((stage, index) => ({ stage, plan: report.plans[index] }))
            .filter(({ plan }) => plan.operations.some((op) => op.action !== 'skip'));
        if (todo.some(({ stage }) => WRITES_STORE.has(stage.name)))
            store.prepareWrites?.();
        let invalidated = false;
        for (const [index, { stage, plan }] of todo.entries()) {
            try {
                // Verify reads through the CDN: it must see what this run changed, not cached copies.
                if (stage.name === 'verify' && !invalidated) {
                    invalidated = true;
                    await invalidateChanged(deps, report, store);
                }
                const result = await log.group(`Publish: ${stage.name}`, () => stage.apply(plan, ctx));
                report.results.push(result);
                mark(`publish ${stage.name}`);
                log.info(`${stage.name}: ${result.published.length} published in ${formatDuration(result.durationMs)}`);
            }
            catch (error) {
                if (error instanceof StageError)
                    report.results.push(error.result);
                report.notRun = todo.slice(index + 1).map(({ stage: later }) => later.name);
                // What did change is served fresh even when a later part failed.
                if (!invalidated)
                    await invalidateChanged(deps, report, store);
                throw error;
            }
        }
        if (!invalidated)
            await invalidateChanged(deps, report, store);
        return report;
    }
    catch (error) {
        report.error = error instanceof Error ? error.message : String(error);
        return report;
    }
    finally {
        report.durationMs = Date.now() - started;
    }
}
/** Drops the CDN's cached copies of the indexes and listings this run changed. */
async function invalidateChanged(deps, report, store) {
    if (!deps.cdn)
        return;
    const paths = changedPaths(report.results, store);
    if (paths.length === 0)
        return;
    const cdn = deps.cdn;
    await deps.log.group('CDN', async () => {
        try {
            const id = await cdn.invalidate(paths);
            deps.log.info(`${cdn.name}: invalidated ${paths.length} path(s) (invalidation ${id})`);
        }
        catch (error) {
            // The publish itself succeeded; a stale cache expires on its own, so this is a warning
            // that says what to invalidate by hand.
            deps.log.warning(`${cdn.name}: the invalidation failed (${error instanceof Error ? error.message : String(error)}); ` +
                `invalidate these paths by hand: ${paths.join(' ')}`);
        }
    });
}
async function readGate(deps, sha) {
    const { inputs, log } = deps;
    if (!inputs.requireChecks) {
        log.info('require-checks is false: the checks of the commit are not read.');
        return { skipped: 'require-checks is false' };
    }
    if (!deps.github) {
        throw new InputError('github-token', 'a token is needed to read the checks of the commit; give one, or set require-checks to false');
    }
    if (!deps.repository) {
        throw new Error('the repository is unknown, so its checks cannot be read (set GITHUB_REPOSITORY or --repository)');
    }
    const result = await checkGate(await deps.github(), { ...deps.repository, sha, required: inputs.requiredChecks, runId: deps.runId }, log);
    for (const check of result.checks)
        log.info(`${check.state.padEnd(7)} ${check.name} (${check.source})`);
    if (result.checks.length === 0)
        log.info('No checks found on the commit.');
    return result;
}
function logPlan(plan, log) {
    if (plan.operations.length === 0) {
        log.info('nothing to do');
        return;
    }
    for (const op of plan.operations) {
        log.info(`${op.action.padEnd(6)} ${op.target}${op.reason ? ` (${op.reason})` : ''}`);
    }
}

/**
 * Rows a table of artifacts or planned operations shows: GitHub refuses a job summary over 1 MiB,
 * and a drivers run can publish thousands of files. The `published-file` output lists every one.
 */
const MAX_TABLE_ROWS = 100;
/**
 * The job summary, as Markdown: failures first, then the release, the gate, and per stage what was
 * published where (with links, sizes and digests) and how long it took. Pure: the action writes the
 * string with core.summary, the CLI prints it.
 */
function renderSummary(report) {
    const parts = [heading(report), failures(report), overview(report)];
    for (const result of report.results)
        parts.push(stageSection(result));
    if (report.dryRun)
        parts.push(planSection(report));
    return parts.filter((part) => part !== '').join('\n\n') + '\n';
}
function heading(report) {
    const release = report.release;
    if (!release)
        return '## falco-publish: no release';
    if (release.channel === 'none')
        return '## falco-publish: nothing to publish';
    const kind = release.prerelease ? 'prerelease' : `${release.channel} release`;
    const mode = report.dryRun ? ' (dry run)' : '';
    return `## falco-publish: ${kind} ${release.version}${mode}`;
}
function failures(report) {
    const lines = [];
    if (report.error)
        lines.push(`> [!CAUTION]\n> ${escapeLines(report.error)}`);
    const failed = report.results.flatMap((result) => result.failed.map((failure) => `| ${result.stage} | \`${cell(failure.target)}\` | ${cell(failure.error)} |`));
    if (failed.length > 0) {
        const shown = failed.slice(0, MAX_TABLE_ROWS);
        lines.push(['### Failed', '', '| Stage | What | Error |', '| --- | --- | --- |', ...shown].join('\n'));
        if (failed.length > shown.length)
            lines.push(`…and ${failed.length - shown.length} more failures: the log names each one.`);
    }
    if (report.notRun.length > 0) {
        lines.push(`Not run because an earlier stage failed: ${report.notRun.join(', ')}. Nothing of theirs was published.`);
    }
    return lines.join('\n\n');
}
function overview(report) {
    const release = report.release;
    const rows = [];
    if (release) {
        rows.push(['Channel', `${release.channel} — ${release.reason}`]);
        if (release.channel !== 'none') {
            rows.push(['Version', `\`${release.version}\`${release.prerelease ? ' (prerelease)' : ''}`]);
            rows.push(['Latest', release.latest ? 'yes' : 'no']);
        }
        rows.push(['Commit', release.sha ? `\`${release.sha.slice(0, 12)}\`` : 'unknown']);
    }
    if (report.gate)
        rows.push(['Checks', gateLine(report.gate)]);
    if (report.store)
        rows.push(['Store', `\`${report.store}\``]);
    rows.push(...releaseAndVerifyRows(report));
    rows.push(['Duration', formatDuration(report.durationMs)]);
    const table = [
        '| | |',
        '| --- | --- |',
        ...rows.map(([key, value]) => `| ${key} | ${cell(value)} |`)
    ];
    const gate = report.gate && 'checks' in report.gate ? gateDetails(report.gate) : '';
    return [table.join('\n'), gate].filter((part) => part !== '').join('\n\n');
}
/** The GitHub release's link, and green or red per kind that verify checked. */
function releaseAndVerifyRows(report) {
    const rows = [];
    const outputs = Object.assign({}, ...report.results.map((r) => r.outputs));
    const url = outputs['release-url'];
    if (url)
        rows.push(['GitHub release', `[${report.release?.tag ?? url}](${url})`]);
    const verified = outputs.verified;
    if (verified) {
        const kinds = Object.entries(JSON.parse(verified));
        rows.push([
            'Verified',
            kinds.map(([kind, ok]) => `${ok ? '🟢' : '🔴'} ${kind}`).join(' ') || 'nothing to check'
        ]);
    }
    return rows;
}
function gateLine(gate) {
    if ('skipped' in gate)
        return `not checked: ${gate.skipped}`;
    if (gate.checks.length === 0)
        return 'no checks found on the commit';
    const bad = gate.checks.filter((check) => check.state !== 'success');
    return gate.passed
        ? `all ${gate.checks.length} passed`
        : `${bad.length} of ${gate.checks.length} not successful`;
}
function gateDetails(gate) {
    if (gate.checks.length === 0)
        return '';
    const icon = { success: '✅', failure: '❌', pending: '⏳', missing: '❔' };
    const rows = [...gate.checks]
        .sort((a, b) => Number(a.state === 'success') - Number(b.state === 'success'))
        .map((check) => {
        const name = check.url ? `[${cell(check.name)}](${check.url})` : cell(check.name);
        return `| ${icon[check.state]} ${check.state} | ${name} | ${check.source} |`;
    });
    return [
        '<details><summary>Checks on the commit</summary>',
        '',
        '| State | Check | Kind |',
        '| --- | --- | --- |',
        ...rows,
        '',
        '</details>'
    ].join('\n');
}
/** Stages that publish nothing to the store themselves. */
const STORELESS_STAGES = new Set(['release', 'verify']);
function stageSection(result) {
    const total = result.published.reduce((sum, item) => sum + (item.size ?? 0), 0);
    // The release and verify stages write nothing to the store (the release's own account says
    // what it did on GitHub): a count of 0 published would mislead.
    const counted = result.published.length > 0 || !STORELESS_STAGES.has(result.stage);
    const title = `### ${result.stage}${counted ? `: ${result.published.length} published` : ''}` +
        (total > 0 ? `, ${formatBytes(total)}` : '') +
        (result.failed.length > 0 ? `, ${result.failed.length} failed` : '') +
        ` in ${formatDuration(result.durationMs)}`;
    const lines = [title];
    if (result.notes?.length)
        lines.push(result.notes.map((note) => `- ${note}`).join('\n'));
    // The stage's own account (what changed, how to use it, what failed) before the long lists.
    if (result.summary)
        lines.push(result.summary);
    const artifacts = result.published.filter((item) => !isMetadata(item));
    const metadata = result.published.filter(isMetadata);
    if (artifacts.length > 0)
        lines.push(publishedTable(artifacts));
    // What a client reads about the artifacts matters when something goes wrong: folded away.
    if (metadata.length > 0) {
        lines.push([
            `<details><summary>${metadata.length} indexes, signatures and listings</summary>`,
            '',
            publishedTable(metadata),
            '',
            '</details>'
        ].join('\n'));
    }
    return lines.join('\n\n');
}
function publishedTable(published) {
    const rows = published.slice(0, MAX_TABLE_ROWS).map((item) => {
        const name = item.url ? `[${cell(item.path)}](${item.url})` : `\`${cell(item.path)}\``;
        const digest = item.digest ?? (item.sha256 ? `sha256:${item.sha256}` : '');
        const shortDigest = digest ? `\`${digest.slice(0, 19)}…\`` : '';
        return `| ${item.kind} | ${name} | ${item.size !== undefined ? formatBytes(item.size) : ''} | ${shortDigest} |`;
    });
    const table = ['| Kind | Artifact | Size | Digest |', '| --- | --- | --- | --- |', ...rows].join('\n');
    const more = published.length - rows.length;
    return more > 0
        ? `${table}\n\n…and ${more} more: the \`published-file\` output lists them all.`
        : table;
}
function planSection(report) {
    const lines = ['### Plan (dry run: nothing was written)'];
    for (const plan of report.plans) {
        lines.push(`**${plan.stage}**: ${plan.operations.length} operations`);
        if (plan.operations.length === 0)
            continue;
        const shown = plan.operations.slice(0, MAX_TABLE_ROWS);
        lines.push([
            '| Action | Target | Why |',
            '| --- | --- | --- |',
            ...shown.map((op) => `| ${op.action} | \`${cell(op.target)}\` | ${cell(op.reason ?? '')} |`)
        ].join('\n'));
        if (plan.operations.length > shown.length)
            lines.push(`…and ${plan.operations.length - shown.length} more operations.`);
    }
    return lines.join('\n\n');
}
/** Keeps a value inside one table cell. */
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
function escapeLines(text) {
    return text.replace(/\r?\n/g, '\n> ');
}

/**
 * Bytes a JSON list output (`published`, `failing`) may take. GitHub refuses a step output over
 * 1 MiB, and a job's outputs over 1 MiB together; a drivers grid has thousands of configs.
 */
const MAX_LIST_OUTPUT = 512 * 1024;
/**
 * The action's outputs, computed from the report. Every output is always set (empty when unknown) so a
 * later step can rely on `steps.<id>.outputs.<name>` existing. `publishedFile` is where the
 * caller wrote every published artifact; `published`, the output it already computed for them.
 */
function computeOutputs(report, publishedFile = '', published = publishedOutput(allPublished(report)).json) {
    const release = report.release;
    const outputs = {
        channel: release?.channel ?? '',
        version: release?.version ?? '',
        prerelease: String(release?.prerelease ?? false),
        latest: String(release?.latest ?? false),
        published,
        'published-file': publishedFile
    };
    // Stage outputs known at plan time (e.g. a build matrix) first, then what apply produced.
    for (const plan of report.plans)
        Object.assign(outputs, plan.outputs);
    for (const result of report.results)
        Object.assign(outputs, result.outputs);
    return outputs;
}
/** Every artifact the run published, stage after stage. */
function allPublished(report) {
    return report.results.flatMap((result) => result.published);
}
/**
 * The `published` output: every artifact as a JSON array when it fits MAX_LIST_OUTPUT;
 * otherwise, in order, as many of the artifacts themselves as fit, without their indexes,
 * signatures and listings. `left` counts what it leaves out (the published file has all).
 */
function publishedOutput(items, all = JSON.stringify(items)) {
    if (Buffer.byteLength(all) <= MAX_LIST_OUTPUT)
        return { json: all, left: 0 };
    const fitted = fitJsonArray(items.filter((i) => !isMetadata(i)));
    return { json: fitted.json, left: items.length - fitted.kept };
}
/**
 * A list output within MAX_LIST_OUTPUT (see fitJsonArray); when it had to be cut, a warning
 * says so and where the whole list is (`whole`).
 */
function listOutput(name, items, whole, log) {
    const fitted = fitJsonArray(items);
    if (fitted.left > 0)
        warnCut(log, name, `${fitted.kept} of ${items.length} entries`, whole);
    return fitted.json;
}
/** Says that a list output was cut (`kept`: "3 of 10 entries") and, if known, where all of it is. */
function warnCut(log, name, kept, whole) {
    log.warning(`the ${name} output lists ${kept} (GitHub limits an output to 1 MiB)` +
        (whole ? `; ${whole}` : ''));
}
/** A JSON array of as many of `items` as fit in MAX_LIST_OUTPUT bytes, in order. */
function fitJsonArray(items) {
    const kept = [];
    let size = 2; // the brackets
    for (const item of items) {
        const entry = JSON.stringify(item);
        const grown = size + Buffer.byteLength(entry) + (kept.length > 0 ? 1 : 0);
        if (grown > MAX_LIST_OUTPUT)
            break;
        kept.push(entry);
        size = grown;
    }
    return { json: `[${kept.join(',')}]`, kept: kept.length, left: items.length - kept.length };
}

/**
 * The outputs of a run, with every published artifact written to `<workdir>/published.json`
 * (the `published-file` output): the `published` output has a size limit, a later step or an
 * upload-artifact step can read the file whatever the run published.
 */
async function outputsWithPublishedFile(report, workdir, log) {
    const items = allPublished(report);
    // One JSON text serves the file and, when it fits, the output.
    const all = JSON.stringify(items);
    let file = path.join(workdir, 'published.json');
    try {
        await writeFile(file, all);
    }
    catch (error) {
        // What was published stays published: the run's outputs are set without the file.
        log.warning(`the published-file output is empty: ${file} could not be written: ${error.message}`);
        file = '';
    }
    const { json, left } = publishedOutput(items, all);
    if (left > 0) {
        const whole = file ? `published-file (${file}) lists them all` : undefined;
        warnCut(log, 'published', `${items.length - left} of ${items.length} artifacts`, whole);
    }
    return computeOutputs(report, file, json);
}

/**
 * What `publish` and `demo` need beyond the command line itself, in one module so that the CLI
 * loads it with one dynamic import (the other commands never load it). One import, not several
 * side by side: Jest's ESM loader races when parallel imports share modules ("not in cache").
 */

var cliPipeline = /*#__PURE__*/Object.freeze({
    __proto__: null,
    outputsWithPublishedFile: outputsWithPublishedFile,
    pipelineSeams: pipelineSeams,
    publish: publish$1,
    renderSummary: renderSummary
});

/**
 * Checks on the signing keys made when a run is planned, before any byte is written: a key
 * that cannot sign, or one that is not the key the repositories are signed with, found only
 * after package files were uploaded would leave the repositories failing every client's check.
 */
/** Every key can sign now: not expired, not revoked, and holding a signing-capable (sub)key. */
async function checkSigningKeys(keys, now = new Date()) {
    // Keys read by hand were checked able to sign when read (see `checkKey`).
    if (keys.fast && validAt(keys.fast, now.getTime() / 1000))
        return;
    for (const [i, key] of (await keys.openpgpKeys()).entries()) {
        const fingerprint = keys.fingerprints[i];
        try {
            await key.getSigningKey(undefined, now);
        }
        catch (e) {
            const expires = await key.getExpirationTime().catch(() => null);
            const why = expires instanceof Date && expires.getTime() <= now.getTime()
                ? `it expired on ${expires.toISOString().slice(0, 10)}; extend it ` +
                    `(gpg --quick-set-expire ${fingerprint} 1y '*') and export it again, or give another key`
                : `it has no (sub)key that can sign now (${firstLine(e)}); add one ` +
                    `(gpg --quick-add-key ${fingerprint} ed25519 sign) and export it again, or give another key`;
            throw new Error(`input 'gpg-private-key': key ${i + 1} (${fingerprint}) cannot sign: ${why}. Nothing was written.`);
        }
    }
}
/** The primary fingerprints (upper-case hex) of the armoured public keys in `armored`. */
async function publicKeyFingerprints(armored) {
    try {
        return splitArmorBlocks(armored, 'PUBLIC KEY BLOCK').flatMap((block) => armoredPackets(block, 'PUBLIC KEY BLOCK')
            .filter((p) => p.tag === TAG$1.publicKey)
            .map((p) => publicKey(p.body).key.fingerprint.toString('hex').toUpperCase()));
    }
    catch {
        // Read by hand when it can be (no openpgp.js to load), else as openpgp.js reads it.
    }
    const openpgp = await loadOpenpgp();
    const out = [];
    for (const block of splitArmorBlocks(armored, 'PUBLIC KEY BLOCK')) {
        const keys = await openpgp.readKeys({ armoredKeys: block }).catch(() => []);
        out.push(...keys.map((k) => k.getFingerprint().toUpperCase()));
    }
    return out;
}
/**
 * A run signs with `keys`; the repositories' published public key file holds `published`
 * (its fingerprints). Unless every published key is among the signing keys, the new key file
 * would drop a key the untouched parts of the repositories are still signed with, and apt and
 * dnf would then reject them: refused, naming both, unless this is a `re-sign`.
 */
function checkKeyContinuity(published, keys, keyFile) {
    const missing = published.filter((f) => !keys.fingerprints.includes(f));
    if (published.length === 0 || missing.length === 0)
        return;
    throw new Error(`input 'gpg-private-key': the repositories are signed with ${missing.join(', ')} ` +
        `(published in ${keyFile}), but the key given is ${keys.fingerprints.join(', ')}. ` +
        `Publishing would replace the public key that users check the existing packages with. ` +
        `To rotate keys, give both keys in gpg-private-key (old and new, one block after the other); ` +
        `to re-sign everything with the new key, run 'falco-publish re-sign' for each channel. Nothing was written.`);
}
/** The key ids (upper-case hex) that made the signatures of an armoured or clear-signed text. */
async function signerKeyIds(armored) {
    try {
        return armoredPackets(armored, 'SIGNATURE').map((p) => {
            const sig = signature(p.body);
            const id = sig.issuerFingerprint?.subarray(12) ?? sig.issuer;
            if (p.tag !== TAG$1.signature || !id)
                throw new Error('not a signature packet');
            return id.toString('hex').toUpperCase();
        });
    }
    catch {
        // Read by hand when it can be, else as openpgp.js reads it.
    }
    const openpgp = await loadOpenpgp();
    try {
        if (armored.includes('-----BEGIN PGP SIGNED MESSAGE-----')) {
            const message = await openpgp.readCleartextMessage({ cleartextMessage: armored });
            return message.getSigningKeyIDs().map((id) => id.toHex().toUpperCase());
        }
        const signature = await openpgp.readSignature({ armoredSignature: armored });
        return signature.getSigningKeyIDs().map((id) => id.toHex().toUpperCase());
    }
    catch {
        return [];
    }
}
/**
 * The armoured public keys among `armored` whose primary key or a subkey has one of `keyIds`
 * (or all of them): the published keys something still carries a signature of.
 */
async function keysSigning(armored, keyIds) {
    const openpgp = await loadOpenpgp();
    const out = [];
    for (const block of splitArmorBlocks(armored, 'PUBLIC KEY BLOCK')) {
        const keys = await openpgp.readKeys({ armoredKeys: block }).catch(() => []);
        for (const key of keys) {
            const ids = key.getKeyIDs().map((id) => id.toHex().toUpperCase());
            if (keyIds === 'all' || ids.some((id) => keyIds.has(id)))
                out.push(key.armor());
        }
    }
    return out;
}
function firstLine(e) {
    return String(e instanceof Error ? e.message : e).split('\n')[0];
}

/** How many times a read-merge-write is tried before losing the race is an error. */
const CONFLICT_ATTEMPTS = 20;
/** The longest pause between two attempts of a read-merge-write (see retryOnConflict). */
const CONFLICT_PAUSE_CAP_MS = 1_000;
/**
 * Runs a read-merge-write until its conditional write holds. `attempt` reads the current state,
 * merges its change and writes with a precondition; when another writer got there first
 * (PreconditionFailed) it runs again from the read, so both changes end up in the result.
 * Anything else, or losing `CONFLICT_ATTEMPTS` times in a row, is thrown.
 */
async function retryOnConflict(attempt, onConflict) {
    for (let n = 1;; n++) {
        try {
            return await attempt(n);
        }
        catch (e) {
            if (!(e instanceof PreconditionFailed) || n >= CONFLICT_ATTEMPTS)
                throw e;
            onConflict?.(n + 1);
            // Writers that lost together would read and write again together, and most would lose
            // again: a random pause, growing with each loss, spreads them out.
            await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(CONFLICT_PAUSE_CAP_MS, 10 * 2 ** n)));
        }
    }
}

/**
 * A Bloom filter over strings, kept as base64 in a segment manifest: it answers "may this
 * segment hold key X?" without loading the segment's entries. A "no" is certain; a "yes" is
 * wrong about 1% of the time (10 bits and 7 probes per key), which costs only a needless load.
 *
 * Written by hand because it is this small and its bytes are part of a published format: the
 * hash (FNV-1a over UTF-16 code units, two seeds, double hashing) must never change under us.
 */
const BITS_PER_KEY = 10;
const PROBES = 7;
function fnv1a(key, seed) {
    let h = seed;
    for (let i = 0; i < key.length; i++) {
        h ^= key.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
}
function* probes(key, bits) {
    const h1 = fnv1a(key, 0x811c9dc5);
    // Odd, so the probes of a power-of-two filter visit distinct bits.
    const h2 = fnv1a(key, 0x050c5d1f) | 1;
    for (let i = 0; i < PROBES; i++)
        yield ((h1 + Math.imul(i, h2)) >>> 0) % bits;
}
/** A filter holding `keys`, as base64. */
function bloomOf(keys) {
    const list = [...keys];
    const bytes = Buffer.alloc(Math.max(8, Math.ceil((list.length * BITS_PER_KEY) / 8)));
    const bits = bytes.length * 8;
    for (const key of list) {
        for (const bit of probes(key, bits))
            bytes[bit >>> 3] |= 1 << (bit & 7);
    }
    return bytes.toString('base64');
}
/** A filter decoded once, to test many keys against it. */
function bloomTest(filter) {
    const bytes = Buffer.from(filter, 'base64');
    const bits = bytes.length * 8;
    if (bits === 0)
        return () => true; // unknown contents: assume anything may be there
    return (key) => {
        for (const bit of probes(key, bits))
            if ((bytes[bit >>> 3] & (1 << (bit & 7))) === 0)
                return false;
        return true;
    };
}

/** The lookup keys of an entry: its package name, and its file in the repository. */
const lookupKeys = (name, file) => [`name:${name}`, `file:${file}`];
const nameKey = (name) => `name:${name}`;
const fileKey = (file) => `file:${file}`;
/** The object listing a built segment's entries, and the manifest's description of the segment. */
function storeSegment(segment, codec) {
    const body = Buffer.from(JSON.stringify({ format: codec.format, entries: segment.entries.map(codec.toRow) }));
    return {
        body,
        segment: {
            ...segment,
            entriesSha256: sha256Hex(body),
            filter: bloomOf(segment.entries.flatMap(codec.keys))
        }
    };
}
/**
 * The segments of a next generation as its manifest describes them: kept ones as they were,
 * and new ones (or kept ones from a manifest of the first layout, which had none) with the
 * object listing their entries, stored under `keyOf(sha256)`.
 */
function storeSegments(segments, codec, keyOf) {
    const objects = [];
    const stored = segments.map((s) => {
        if ('entriesSha256' in s && s.entriesSha256 !== '')
            return s;
        const { segment, body } = storeSegment({ ...s, entries: s.entries }, codec);
        objects.push({ key: keyOf(segment.entriesSha256), body, sha256: segment.entriesSha256 });
        return segment;
    });
    return { segments: stored, objects };
}
/**
 * Whether a change must look at every entry rather than only those sharing a name or file with
 * what it adds: it removes by pattern, or keeps fewer versions than an index last satisfied.
 */
function needsEveryEntry(change, indexes) {
    if (change.remove !== undefined)
        return true;
    const keep = change.retention;
    if (keep === undefined)
        return false;
    return indexes.some((ix) => ix.segments.length > 0 && (ix.retention === undefined || ix.retention > keep));
}
/** The entries of a segment object, checked against the digest the manifest gives for it. */
function parseSegmentEntries(body, segment, codec, where) {
    if (sha256Hex(body) !== segment.entriesSha256)
        throw new Error(`${where}: content does not match its sha256 in the segment manifest`);
    const raw = parseJson(body.toString('utf8'), where);
    if (raw.format !== codec.format || !Array.isArray(raw.entries))
        throw new Error(`${where}: not a segment entry list this version of falco-publish reads`);
    if (raw.entries.length !== segment.count)
        throw new Error(`${where}: lists ${raw.entries.length} entries where the manifest says ${segment.count}`);
    return raw.entries.map(codec.fromRow);
}
/**
 * Loads, in each index, the entries of every segment whose filter may hold one of `keys`
 * ('all': every segment), unless already loaded.
 */
async function loadMatching(indexes, keys) {
    await Promise.all(indexes.flatMap((ix) => ix.segments.map(async (s) => {
        if (s.entries)
            return;
        if (keys !== 'all') {
            const test = bloomTest(s.filter);
            if (!keys.some(test))
                return;
        }
        s.entries = await ix.load(s);
    })));
}
/** Parses the JSON of a manifest or entry list, naming `where` when it is not JSON. */
function parseJson(text, where) {
    try {
        return JSON.parse(text);
    }
    catch (e) {
        throw new Error(`${where}: not JSON (${e.message})`);
    }
}
/**
 * Segments of a manifest of the first layout, their entries inline: they have no entry objects
 * yet (one is written when the segment is next kept) and no filter (they are loaded already).
 */
function inlineSegments(segments, codec) {
    return segments.map((s) => ({
        count: s.entries.length,
        lengths: s.lengths,
        entries: s.entries.map(codec.fromRow),
        entriesSha256: '',
        filter: ''
    }));
}
/**
 * For each of `files` some index lists, what `digestOf` says of its entry (the sha256 it was
 * published with). Loads only the segments whose filters may hold one of the files.
 */
async function publishedDigests(indexes, files, fileOf, digestOf) {
    await loadMatching(indexes, files.map(fileKey));
    const wanted = new Set(files);
    const out = new Map();
    for (const ix of indexes)
        for (const s of ix.segments)
            for (const e of s.entries ?? [])
                if (wanted.has(fileOf(e)))
                    out.set(fileOf(e), digestOf(e));
    return out;
}
const segmentRef = (s) => ({
    count: s.count,
    lengths: s.lengths,
    entries: s.entriesSha256,
    filter: s.filter
});
/** Reads a manifest's segment lines, failing on anything malformed (naming `where`). */
function segmentsOf(refs, where) {
    if (!Array.isArray(refs))
        throw new Error(`${where}: no segment list`);
    return refs.map((r, i) => {
        if (typeof r?.count !== 'number' ||
            !Array.isArray(r.lengths) ||
            typeof r.entries !== 'string' ||
            typeof r.filter !== 'string')
            throw new Error(`${where}: segment ${i} is malformed`);
        return { count: r.count, lengths: r.lengths, entriesSha256: r.entries, filter: r.filter };
    });
}
/**
 * The segments a manifest lists, each with the digest states it gives for the index's `files`
 * files; a segment whose states are missing or malformed has none (and is hashed again). The
 * states themselves are checked when resumed from.
 */
function segmentsWithStates(refs, where, files) {
    const segments = segmentsOf(refs, where);
    return segments.map((s, i) => {
        const states = refs[i].states;
        return isStates(states, files) ? { ...s, states } : s;
    });
}
function isStates(value, files) {
    return (Array.isArray(value) &&
        value.length === files &&
        value.every((v) => typeof v?.state === 'string' &&
            typeof v.size === 'number'));
}

/**
 * How a segmented `Packages` index is cut: for each segment, its byte lengths in Packages,
 * Packages.gz and Packages.xz, how many entries it holds, where the list of those entries is
 * kept and a filter of their names and files (see segmented/entries.ts). It is listed in the
 * Release next to the index it describes (apt ignores files it does not know), so a publish
 * reads the exact generation InRelease signed, and never parses the whole index to learn what
 * it holds.
 */
const MANIFEST_FILE = 'falco-publish-segments.json';
/** The folder, beside the index, of the objects listing each segment's entries. */
const ENTRIES_DIR$1 = 'falco-publish-segments';
/** The files of one `binary-<arch>` index, in the order segment lengths are given. */
const INDEX_FILES = ['Packages', 'Packages.gz', 'Packages.xz'];
/**
 * Where each number sits in a segment's `lengths`: its bytes in each of INDEX_FILES, then the
 * unpadded size of its xz block, which the xz stream's index lists.
 */
const LENGTH = { plain: 0, xzUnpadded: 3 };
const FORMAT$1 = 'falco-publish apt segments 2';
/** The first layout, entries inline: still read, so a repository it wrote goes on incrementally. */
const FORMAT_1$1 = 'falco-publish apt segments 1';
const ENTRY_CODEC$1 = {
    format: 'falco-publish apt segment entries 1',
    toRow: (e) => [e.name, e.version, e.architecture, e.filename, e.sha256],
    fromRow: ([name, version, architecture, filename, sha256]) => ({
        name,
        version,
        architecture,
        filename,
        sha256
    }),
    keys: (e) => lookupKeys(e.name, e.filename)
};
function renderManifest$1(m) {
    return JSON.stringify({
        format: FORMAT$1,
        packagesSha256: m.packagesSha256,
        retention: m.retention ?? null,
        files: INDEX_FILES,
        segments: m.segments.map((s) => ({ ...segmentRef(s), states: s.states ?? null }))
    });
}
function parseManifest$1(text, where) {
    const raw = parseJson(text, where);
    if (typeof raw.packagesSha256 !== 'string' || (raw.format !== FORMAT$1 && raw.format !== FORMAT_1$1))
        throw new Error(`${where}: not a segment manifest this version of falco-publish reads`);
    if (!Array.isArray(raw.segments))
        throw new Error(`${where}: no segment list`);
    return {
        packagesSha256: raw.packagesSha256,
        retention: typeof raw.retention === 'number' ? raw.retention : undefined,
        segments: raw.format === FORMAT$1
            ? segmentsWithStates(raw.segments, where, INDEX_FILES.length)
            : inlineSegments(raw.segments, ENTRY_CODEC$1)
    };
}
/** The plain text of a segment: each stanza followed by the blank line that ends it. */
function segmentText(entries) {
    return entries.map((e) => e.text + '\n').join('');
}
/** The stanza texts of a segment, in order (the inverse of segmentText). */
function segmentStanzas(plain) {
    const parts = plain.toString('utf8').split('\n\n');
    parts.pop();
    return parts.map((p) => p + '\n');
}

/** Small store conveniences the package repositories share: read text, upload with a progress line. */
/**
 * Reads an object a signed index names (`listedIn`): its absence, or bytes other than the
 * `sha256` the index gives for it, mean a broken repository: an error naming `shown` (the name
 * people know it by; by default the key read).
 */
async function readListed(store, key, listedIn, check = {}) {
    const shown = check.shown ?? key;
    const body = await readObject(store, key);
    if (!body)
        throw new Error(`${store.location}/${shown}: listed in ${listedIn} but missing`);
    if (check.sha256 !== undefined && sha256Hex(body) !== check.sha256)
        throw new Error(`${store.location}/${shown}: content does not match its sha256 in ${listedIn}; refusing to merge into it`);
    return body;
}
/**
 * Bytes `range` of an object a signed index names, read alone where the store can (else sliced
 * from the whole object); its absence, or fewer bytes than asked, means a broken repository.
 */
async function readListedRange(store, key, range, listedIn) {
    const bytes = store.read
        ? await store.read(key, range)
        : (await readObject(store, key))?.subarray(range.start, range.end);
    if (!bytes)
        throw new Error(`${store.location}/${key}: listed in ${listedIn} but missing`);
    if (bytes.length !== range.end - range.start)
        throw new Error(`${store.location}/${key}: shorter than ${listedIn} says`);
    return bytes;
}
async function readVersioned(store, key) {
    const read = await readWithEtag(store, key);
    return read && { text: read.bytes.toString('utf8'), etag: read.etag };
}
class Uploader {
    store;
    log;
    published = [];
    /** Where each key is in `published`: a search of the list per write was quadratic in a bulk import. */
    publishedAt = new Map();
    constructor(store, log) {
        this.store = store;
        this.log = log;
    }
    /**
     * Streams a local file into the store and logs one line with its size and rate; `sha256`, when
     * the file was hashed while planning, spares a store hashing it again; `keepHash` asks for the
     * store's hash unfinished (PutResult.hashed), for the file's signature.
     */
    async file(key, file, kind, contentType, sha256, keepHash) {
        const start = process.hrtime.bigint();
        const r = await this.store.put(key, createReadStream(file), {
            contentType,
            sha256,
            keepHash,
            lifetime: lifetimeOf(kind)
        });
        this.done(kind, key, r.sha256, r.size, start);
        return r;
    }
    /** `syncLater`: nothing names the object yet (see PutOptions.syncLater). */
    async bytes(key, body, kind, contentType, syncLater) {
        const start = process.hrtime.bigint();
        const r = await this.store.put(key, body, {
            contentType,
            lifetime: lifetimeOf(kind),
            syncLater
        });
        this.done(kind, key, r.sha256, r.size, start);
    }
    /**
     * Content-addressed copies (by-hash): an existing one already holds these bytes. One old
     * enough that a collection may be about to take it (a generation named it long ago, then
     * none did) is written again, so its age says it is in use (see pruneSuperseded).
     */
    async immutable(key, body, kind, sha256) {
        await this.createOnce(key, kind, () => this.store.put(key, body, {
            precondition: { ifNoneMatch: '*' },
            sha256,
            lifetime: 'immutable',
            contentAddressed: true
        }), () => this.store.put(key, body, { sha256, lifetime: 'immutable' }));
    }
    /**
     * Writes `to` as a copy of `from`, which holds `body` (whose sha256 is known) already: inside
     * the store when it can copy (no bytes sent again), else by putting the bytes.
     */
    async copy(from, to, body, kind, options = {}) {
        if (!this.store.copy) {
            if (!body.bytes)
                throw new Error(`copying ${from} to ${to}: ${this.store.location} cannot copy`);
            return this.bytes(to, body.bytes, kind);
        }
        const start = process.hrtime.bigint();
        // A content-addressed copy never changes; a plain name (Packages) is rewritten by publishes.
        const lifetime = options.createOnly ? 'immutable' : 'short';
        if (options.createOnly) {
            // One there holds these bytes already; only an old one is copied again (see immutable).
            const there = await statObject(this.store, to);
            if (there && !nearCollection(there))
                return;
            if (there)
                options = { ...options, createOnly: false };
        }
        await this.store.copy(from, to, { ...options, lifetime });
        this.done(kind, to, body.sha256, body.size, start);
    }
    /**
     * Creates `to` as the first `keep` bytes of `from` then `append` (see Store.extend), whose
     * sha256 the caller computed; an existing `to` already holds them (content-addressed).
     */
    async extend(recipe, to, sha256, kind) {
        const store = this.store;
        if (!store.extend)
            throw new Error(`${store.location} cannot extend objects`);
        await this.createOnce(to, kind, () => store.extend(recipe.from, recipe.keep, recipe.append, to, sha256), async () => {
            const bytes = await readObject(store, to);
            if (!bytes)
                return store.extend(recipe.from, recipe.keep, recipe.append, to, sha256);
            return store.put(to, bytes, { sha256 });
        });
    }
    /**
     * Runs a create-only write of a content-addressed key: one already there holds its bytes,
     * and is written again (`rewrite`) only when it is old enough to be near its collection.
     */
    async createOnce(key, kind, write, rewrite) {
        const start = process.hrtime.bigint();
        let r;
        try {
            r = await write();
        }
        catch (e) {
            if (!(e instanceof PreconditionFailed))
                throw e;
            const there = await statObject(this.store, key);
            if (there && !nearCollection(there)) {
                this.log.debug(`${key} already present`);
                return;
            }
            r = await rewrite();
        }
        this.done(kind, key, r.sha256, r.size, start);
    }
    /** The compare-and-swap write that commits an index generation; PreconditionFailed when someone else won. */
    async commit(key, body, etag, kind) {
        const start = process.hrtime.bigint();
        const r = await this.store.put(key, body, {
            precondition: etag === undefined ? { ifNoneMatch: '*' } : { ifMatch: etag },
            lifetime: 'short'
        });
        this.done(kind, key, r.sha256, r.size, start);
        return { text: body, etag: r.etag };
    }
    done(kind, key, sha256, size, start) {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        this.log.info(progressLine('put', key, size, ms));
        const existing = this.publishedAt.get(key);
        const entry = { kind, path: key, sha256, size, url: this.store.url(key) };
        if (existing !== undefined)
            this.published[existing] = entry;
        else
            this.publishedAt.set(key, this.published.push(entry) - 1);
    }
}
/**
 * How long a cache may keep what a publish writes: packages and tarballs never change under
 * their name (stable ones are immutable, dev ones carry their build in it); signatures, indexes
 * and listings are rewritten by later publishes (a re-sign rewrites every .asc).
 */
const lifetimeOf = (kind) => kind === 'package' || kind === 'tarball' ? 'immutable' : 'short';
/** The log line of a lost compare-and-swap race on a repository's index. */
function mergingAgain(log, prefix) {
    return (attempt) => log.info(`  another publish changed ${prefix} meanwhile; merging again (attempt ${attempt})`);
}
/**
 * Deletes in flight at once: a remote store answers each delete in a round trip, which one at a
 * time would add up over a retention's worth of packages or a generation's by-hash files.
 */
const DELETE_CONCURRENCY = 8;
/** Deletes package files that left every index, with their detached signatures. */
async function deletePackageFiles(store, prefix, files, log) {
    await pLimit(DELETE_CONCURRENCY).map(files, async (f) => {
        await store.delete(`${prefix}/${f}`);
        await store.delete(`${prefix}/${f}.asc`);
        log.info(`  deleted ${prefix}/${f}`);
    });
}
/** Logs the files a commit took out of the indexes, which stay pending deletion (see repo/pending.ts). */
function logPending(log, prefix, left, pending) {
    for (const f of left)
        if (pending.has(f))
            log.info(`  ${prefix}/${f}: no longer indexed; a later publish deletes it once its grace has passed`);
}
/**
 * How long a superseded index generation stays: a client that read the previous InRelease or
 * repomd.xml still finds the files it names.
 */
const SUPERSEDED_GRACE_MS = 60 * 60 * 1000;
/**
 * A content-addressed object a publish finds already there, and old enough that a collection
 * (which takes what is older than the grace period and named by no generation it read) could
 * come for it while the new generation that names it again is built: it is written again.
 * Half the grace period leaves a collection half an hour between its look and its delete.
 */
function nearCollection(info) {
    return (info.modified !== undefined && Date.now() - info.modified.getTime() >= SUPERSEDED_GRACE_MS / 2);
}
/**
 * The keys under `under` older than the grace period, listed from the start of a commit: the
 * listing (on a remote store, a round trip per thousand keys) runs while the new generation is
 * built and written, not after it. A file written since is too young to prune, so a listing
 * taken early misses nothing a prune could delete.
 */
function listSuperseded(store, under) {
    // Awaited by pruneSuperseded; a commit that fails before it leaves the listing unread.
    return awaitedLater((async () => {
        const now = Date.now();
        const old = [];
        for await (const obj of scan(store, under)) {
            if (obj.modified && now - obj.modified.getTime() >= SUPERSEDED_GRACE_MS)
                old.push(obj.key);
        }
        return old;
    })());
}
/**
 * Deletes the listed keys (see listSuperseded) that `prunable` selects: generations that neither
 * the index this publish committed, nor the one before it, nor the one current when the prune
 * starts (another publish may have committed since) names. Each is looked at again just before
 * its delete: one a publish wrote again meanwhile (see Uploader.immutable) is young, and stays.
 */
async function pruneSuperseded(store, listed, prunable, log) {
    await pLimit(DELETE_CONCURRENCY).map((await listed).filter(prunable), async (key) => {
        const now = await store.head(key);
        if (!now?.modified || Date.now() - now.modified.getTime() < SUPERSEDED_GRACE_MS)
            return;
        await store.delete(key);
        log.debug(`pruned ${key}`);
    });
}

/**
 * Where an apt repository's files are: package files in `stable/`, suite `stable`, component
 * `main`, one `binary-<arch>` index per architecture, and beside each the objects listing its
 * segments' entries.
 */
const SUITE = 'stable';
const COMPONENT = 'main';
const ARCHITECTURES = ['amd64', 'arm64'];
const dists = (prefix) => `${prefix}/dists/${SUITE}`;
const indexDir = (arch) => `${COMPONENT}/binary-${arch}`;
const byHash = (prefix, arch, sha256) => `${dists(prefix)}/${indexDir(arch)}/by-hash/SHA256/${sha256}`;
const entriesKey$1 = (prefix, arch, sha256) => `${dists(prefix)}/${indexDir(arch)}/${ENTRIES_DIR$1}/${sha256}.json`;

const emptyIndex = () => ({
    segments: [],
    segmented: false,
    load: () => Promise.resolve([])
});
/** Reads the generation InRelease points to, through by-hash names: a consistent snapshot even mid-publish. */
async function readAptSnapshot(store, prefix) {
    const inRelease = await readVersioned(store, `${dists(prefix)}/InRelease`);
    if (!inRelease) {
        // A repository made by other tools may have only Release + Release.gpg: merge into it rather
        // than start over (InRelease, created on commit, then becomes the compare-and-swap point).
        const plain = await readVersioned(store, `${dists(prefix)}/Release`);
        if (!plain)
            return { indexes: new Map(ARCHITECTURES.map((a) => [a, emptyIndex()])) };
        return { ...(await readIndexes(store, prefix, plain.text)), etag: undefined };
    }
    return {
        ...(await readIndexes(store, prefix, releaseText(inRelease.text))),
        etag: inRelease.etag
    };
}
async function readIndexes(store, prefix, release) {
    const files = releaseFiles(release, `${dists(prefix)}/InRelease`);
    const indexes = new Map();
    await Promise.all(ARCHITECTURES.map(async (arch) => indexes.set(arch, await readIndex(store, prefix, arch, files))));
    const ordered = new Map(ARCHITECTURES.map((a) => [a, indexes.get(a)]));
    const foreign = [...ordered.values()].filter((ix) => ix.foreign && ix.segments.length > 0);
    const adopted = foreign.length
        ? {
            packages: foreign.reduce((n, ix) => n + ix.segments[0].count, 0),
            from: `the Packages indexes of a Release written by another tool (Origin: ${releaseField(release, 'Origin') ?? 'none'})`
        }
        : undefined;
    return { release, indexes: ordered, adopted };
}
async function readIndex(store, prefix, arch, files) {
    const rel = `${indexDir(arch)}/Packages`;
    const manifest = files.get(`${indexDir(arch)}/${MANIFEST_FILE}`);
    let ours;
    if (manifest) {
        const where = `${dists(prefix)}/${indexDir(arch)}/${MANIFEST_FILE}`;
        const body = await readListed(store, byHash(prefix, arch, manifest.sha256), 'the Release', {
            shown: where,
            sha256: manifest.sha256
        });
        const m = parseManifest$1(body.toString('utf8'), where);
        // Written by us with the index it describes; anything else rewrote the index: read it whole.
        // So is an index whose Release lists no Packages.xz (a repository that keeps the
        // compression set of another tool): its segments' xz bytes are nowhere to copy from.
        if (m.packagesSha256 === files.get(rel)?.sha256)
            ours = { retention: m.retention };
        if (ours && files.has(`${rel}.xz`)) {
            return {
                segments: m.segments,
                segmented: true,
                retention: m.retention,
                load: async (s) => {
                    const key = entriesKey$1(prefix, arch, s.entriesSha256);
                    const entries = await readListed(store, key, where);
                    return parseSegmentEntries(entries, s, ENTRY_CODEC$1, `${store.location}/${key}`);
                }
            };
        }
    }
    // Ours always lists the plain index; other tools may list only compressed ones.
    const name = [rel, `${rel}.gz`, `${rel}.xz`, `${rel}.bz2`].find((n) => files.has(n));
    if (!name)
        return emptyIndex();
    const raw = (await readObject(store, byHash(prefix, arch, files.get(name).sha256))) ??
        (await readObject(store, `${dists(prefix)}/${name}`));
    if (!raw)
        throw new Error(`${store.location}/${dists(prefix)}/${name}: index listed in the Release is missing`);
    const body = name === rel ? raw : Buffer.from(await decompressMember(name, raw));
    const entries = parsePackagesIndex(body.toString('utf8'), `${dists(prefix)}/${name}`);
    return {
        ...emptyIndex(),
        foreign: ours === undefined,
        retention: ours?.retention,
        segments: entries.length
            ? [{ count: entries.length, lengths: [], entries, entriesSha256: '', filter: '' }]
            : []
    };
}
/** Loads, in every architecture's index, the segments that may hold one of `keys`. */
async function loadApt(snapshot, keys) {
    await loadMatching([...snapshot.indexes.values()], keys);
}
/** The entries loaded so far, in every architecture's index. */
const loadedEntries = (snapshot) => [...snapshot.indexes.values()].flatMap((ix) => ix.segments.flatMap((s) => s.entries ?? []));
/** The SHA256 each of `filenames` is published with, for those some index lists. */
function publishedFiles(snapshot, filenames) {
    return publishedDigests([...snapshot.indexes.values()], filenames, (e) => e.filename, (e) => e.sha256);
}

/**
 * Debian version ordering (`[epoch:]upstream[-revision]`), as dpkg compares them: retention
 * keeps the newest versions, so `1.0~rc1` < `1.0` < `1.0-1` < `1:0.9` must come out right.
 */
function compareDebVersions(a, b) {
    const pa = split(a);
    const pb = split(b);
    return (pa.epoch - pb.epoch ||
        compareFragment(pa.upstream, pb.upstream) ||
        compareFragment(pa.revision, pb.revision));
}
function split(v) {
    const colon = v.indexOf(':');
    const epoch = colon > 0 ? Number(v.slice(0, colon)) || 0 : 0;
    const rest = colon > 0 ? v.slice(colon + 1) : v;
    const dash = rest.lastIndexOf('-');
    return dash > 0
        ? { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) }
        : { epoch, upstream: rest, revision: '' };
}
function order(c) {
    if (c === '~')
        return -1;
    if (/[0-9]/.test(c))
        return 0;
    if (c === '')
        return 0;
    if (/[A-Za-z]/.test(c))
        return c.charCodeAt(0);
    return c.charCodeAt(0) + 256;
}
function compareFragment(a, b) {
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
        let diff = 0;
        while ((i < a.length && !/[0-9]/.test(a[i])) || (j < b.length && !/[0-9]/.test(b[j]))) {
            const ac = order(i < a.length && !/[0-9]/.test(a[i]) ? a[i] : '');
            const bc = order(j < b.length && !/[0-9]/.test(b[j]) ? b[j] : '');
            if (ac !== bc)
                return ac - bc;
            if (i < a.length && !/[0-9]/.test(a[i]))
                i++;
            if (j < b.length && !/[0-9]/.test(b[j]))
                j++;
        }
        while (a[i] === '0')
            i++;
        while (b[j] === '0')
            j++;
        while (i < a.length && /[0-9]/.test(a[i]) && j < b.length && /[0-9]/.test(b[j])) {
            if (!diff)
                diff = a.charCodeAt(i) - b.charCodeAt(j);
            i++;
            j++;
        }
        if (i < a.length && /[0-9]/.test(a[i]))
            return 1;
        if (j < b.length && /[0-9]/.test(b[j]))
            return -1;
        if (diff)
            return diff;
    }
    return 0;
}

/**
 * Dev retention: in each group (a package name; for tarballs, a name and an architecture), the
 * versions beyond the newest `keep`, as group -> versions to drop. Only groups holding more
 * versions than kept are sorted, so a large repository costs one pass.
 */
function versionsBeyond(items, keep, groupOf, versionOf, newerFirst) {
    const groups = new Map();
    for (const item of items) {
        const group = groupOf(item);
        let versions = groups.get(group);
        if (!versions)
            groups.set(group, (versions = new Map()));
        if (!versions.has(versionOf(item)))
            versions.set(versionOf(item), item);
    }
    const beyond = new Map();
    for (const [group, versions] of groups) {
        if (versions.size <= keep)
            continue;
        const newest = [...versions.values()].sort(newerFirst);
        beyond.set(group, new Set(newest.slice(keep).map(versionOf)));
    }
    return beyond;
}

/**
 * Merges a change into a snapshot: per architecture, which entries of which segments stay and
 * the entries added (an added entry replaces one with the same name/version/architecture), and
 * what left the indexes. Only the segments that may hold an added name or file are loaded,
 * unless the change must look at every entry (removal patterns, or a smaller retention than
 * the index last satisfied).
 */
async function mergeApt(snapshot, change) {
    const addedByArch = new Map(ARCHITECTURES.map((a) => [a, []]));
    for (const { pkg, filename } of change.added) {
        const entry = packageEntry(pkg, filename);
        const archs = pkg.architecture === 'all' ? ARCHITECTURES : [pkg.architecture];
        for (const a of archs)
            addedByArch.get(a)?.push(entry);
    }
    const addedEntries = [...addedByArch.values()].flat();
    const everything = needsEveryEntry(change, [...snapshot.indexes.values()]);
    await loadApt(snapshot, everything ? 'all' : addedEntries.flatMap((e) => [nameKey(e.name), fileKey(e.filename)]));
    // Retention counts versions per package name across architectures.
    const dropVersion = change.retention === undefined
        ? new Map()
        : versionsBeyond([...loadedEntries(snapshot), ...addedEntries], change.retention, (e) => e.name, (e) => e.version, (a, b) => compareDebVersions(b.version, a.version));
    const drop = (e) => change.remove?.(e.name, e.version) === true || dropVersion.get(e.name)?.has(e.version) === true;
    const indexes = new Map();
    const removed = [];
    const gone = new Set();
    for (const arch of ARCHITECTURES) {
        const index = snapshot.indexes.get(arch) ?? emptyIndex();
        const adds = (addedByArch.get(arch) ?? []).filter((e) => !drop(e));
        const replaced = new Set(adds.map(entryKey));
        const stays = new Map();
        index.segments.forEach((s, i) => {
            if (!s.entries)
                return;
            const kept = s.entries.filter((e) => !drop(e) && !replaced.has(entryKey(e)));
            if (kept.length === s.entries.length)
                return;
            stays.set(i, kept);
            const left = new Set(kept);
            for (const e of s.entries) {
                if (left.has(e))
                    continue;
                gone.add(e.filename);
                // A replaced entry whose file is published again under the same name did not leave.
                if (!adds.some((a) => a.filename === e.filename))
                    removed.push({ name: e.name, version: e.version, architecture: arch });
            }
        });
        indexes.set(arch, {
            survivors: (i) => stays.get(i),
            added: adds,
            retention: change.retention ?? index.retention
        });
    }
    // An added package the retention (or a removal pattern) drops at once was uploaded for
    // nothing: it leaves the store like one that left the indexes.
    for (const e of addedEntries)
        if (drop(e))
            gone.add(e.filename);
    // A file leaves the store only when no index of any architecture lists it any more; a pending
    // one published again leaves the pending list.
    const previous = parsePendingField(snapshot.release);
    await loadApt(snapshot, [...gone, ...previous.keys()].map(fileKey));
    const stillUsed = new Set();
    for (const arch of ARCHITECTURES) {
        const index = snapshot.indexes.get(arch) ?? emptyIndex();
        const c = indexes.get(arch);
        index.segments.forEach((s, i) => {
            for (const e of c.survivors(i) ?? s.entries ?? [])
                stillUsed.add(e.filename);
        });
        for (const e of c.added)
            stillUsed.add(e.filename);
    }
    const removedFiles = [...gone].filter((f) => f && !stillUsed.has(f));
    const { pending, due } = nextPending(previous, removedFiles, (f) => stillUsed.has(f), (change.now ?? (() => new Date()))(), change.graceMs ?? 0);
    return {
        indexes,
        commit: {
            removedFiles,
            pending,
            due,
            // What the retention dropped at once was not added.
            added: change.added
                .map((a) => a.filename)
                .filter((f) => [...indexes.values()].some((c) => c.added.some((e) => e.filename === f))),
            removed
        }
    };
}

/**
 * One xz stream from liblzma's WebAssembly build, with xz's preset settings but a dictionary no
 * larger than the input needs.
 *
 * Why not `lzma_easy_buffer_encode` (what `xzAsync` calls): a preset's dictionary is fixed (8 MiB
 * at -6), and liblzma sizes and zeroes its match finder's tables for it, about 94 MiB at -6, for
 * any input. A Packages index of a hundred packages is 60 KB: those tables cost more CPU than
 * compressing it, and the memory they take lingers for the rest of the run. With a dictionary
 * of the input's size the encoder finds the same matches (every byte is within reach either
 * way) and a decoder needs less memory too. Inputs larger than the preset's dictionary get the
 * preset unchanged.
 *
 * This calls `lzma_stream_buffer_encode` with one LZMA2 filter, so it writes `lzma_filter` and
 * `lzma_options_lzma` into the module's memory itself (wasm32: 4-byte pointers and size_t, the
 * 64-bit filter id aligned to 8). The values are those of liblzma's `lzma_lzma_preset`.
 */
const LZMA_OK = 0;
const LZMA_CHECK_CRC64 = 4;
const LZMA_FILTER_LZMA2 = 0x21n;
const LZMA_VLI_UNKNOWN = 0xffffffffffffffffn;
const LZMA_DICT_SIZE_MIN = 4096;
const MODE_FAST = 1;
const MODE_NORMAL = 2;
const MF_HC3 = 0x03;
const MF_HC4 = 0x04;
const MF_BT4 = 0x14;
/** sizeof(lzma_options_lzma) on wasm32: ten fields, then reserved ints, enums and pointers. */
const OPTIONS_SIZE = 80;
/** Two lzma_filter entries (id, options), the second the list's end. */
const FILTERS_SIZE = 32;
/** The LZMA2 settings of xz preset `level` (0..9, not extreme), as `lzma_lzma_preset` sets them. */
function presetOptions(level) {
    const dictPow2 = [18, 20, 21, 22, 22, 23, 23, 24, 25, 26][level];
    const fast = level <= 3;
    return {
        dictSize: 2 ** dictPow2,
        lc: 3,
        lp: 0,
        pb: 2,
        mode: fast ? MODE_FAST : MODE_NORMAL,
        niceLen: fast ? (level <= 1 ? 128 : 273) : level === 4 ? 16 : level === 5 ? 32 : 64,
        mf: fast ? (level === 0 ? MF_HC3 : MF_HC4) : MF_BT4,
        depth: fast ? [4, 8, 24, 48][level] : 0
    };
}
/** The dictionary `input` needs at `level`: the preset's, or the input's size if smaller. */
function dictionaryFor(inputSize, level) {
    return Math.min(presetOptions(level).dictSize, Math.max(LZMA_DICT_SIZE_MIN, inputSize));
}
function encodeXz(lzma, input, level) {
    const options = { ...presetOptions(level), dictSize: dictionaryFor(input.length, level) };
    // Enough for incompressible input: LZMA2 stores it in chunks of up to 64 KiB with a 3-byte
    // header each, plus the stream's and the block's headers, index and footer.
    const outSize = input.length + Math.ceil(input.length / 65536) * 3 + 1024;
    const block = lzma._malloc(OPTIONS_SIZE + FILTERS_SIZE + 8 + input.length + outSize);
    if (block === 0)
        throw new Error(`xz: cannot allocate ${input.length + outSize} bytes`);
    try {
        const filters = block; // 8-aligned (malloc)
        const opts = filters + FILTERS_SIZE;
        const outPos = opts + OPTIONS_SIZE;
        const inPtr = outPos + 8;
        const outPtr = inPtr + input.length;
        const heap = lzma.HEAPU8;
        heap.fill(0, block, inPtr);
        heap.set(input, inPtr);
        const view = new DataView(heap.buffer);
        view.setBigUint64(filters, LZMA_FILTER_LZMA2, true);
        view.setUint32(filters + 8, opts, true);
        view.setBigUint64(filters + 16, LZMA_VLI_UNKNOWN, true);
        const fields = [
            options.dictSize,
            0, // preset_dict
            0, // preset_dict_size
            options.lc,
            options.lp,
            options.pb,
            options.mode,
            options.niceLen,
            options.mf,
            options.depth
        ];
        fields.forEach((value, i) => view.setUint32(opts + i * 4, value, true));
        const ret = lzma._lzma_stream_buffer_encode(filters, LZMA_CHECK_CRC64, 0, // the default allocator
        inPtr, input.length, outPtr, outPos, outSize);
        if (ret !== LZMA_OK)
            throw new Error(`xz: liblzma's encoder failed (lzma_ret ${ret})`);
        // The heap may have grown (and its buffer been replaced) during the call: read it afresh.
        const written = new DataView(lzma.HEAPU8.buffer).getUint32(outPos, true);
        return lzma.HEAPU8.slice(outPtr, outPtr + written);
    }
    finally {
        lzma._free(block);
    }
}

/** Index compression for apt (`Packages.gz`, `Packages.xz`) and dnf (`*.xml.gz`). */
function gzip(data) {
    // mtime 0 in the gzip header (zlib's default): the same index always compresses to the same bytes.
    return gzipSync(typeof data === 'string' ? Buffer.from(data) : data, { level: 6 });
}
// The encoder module and its WebAssembly (liblzma itself, ~107 KB) are loaded on the first call
// only, so a run that writes no Packages.xz never pays for them. The library keeps one
// initialised wasm instance for the process; this keeps one import of it.
let encoder;
/**
 * Starts loading the encoder (its WebAssembly compiles on V8's background threads) while the
 * caller does other work, for a run that will write an .xz; a failure is left for `xz` to report.
 */
function preloadXz() {
    loadEncoder().catch(() => {
        encoder = undefined; // `xz` tries again, and reports its own failure
    });
}
function loadEncoder() {
    encoder ??= import('./wasm-BjLwJ5gl.js').then(async (lzma) => {
        await lzma.initModule();
        return lzma;
    });
    return encoder;
}
/**
 * An .xz stream of `data`, LZMA2-compressed by liblzma (compiled to WebAssembly: no native
 * code in the bundle), with a CRC64 check as the `xz` command writes by default, and the
 * preset's dictionary cut to the input's size (see xz-encode.ts). The same input and preset
 * always give the same bytes, which the by-hash copies of an index rely on.
 *
 * `preset` is xz's `-0` .. `-7`; 6 is xz's default. Presets 8 and 9 need 370 and 674 MiB of
 * encoder memory, more than the WebAssembly build can address, and are refused here by name
 * rather than failing inside liblzma with "Cannot allocate memory".
 */
async function xz(data, preset = 6) {
    if (!Number.isInteger(preset) || preset < 0 || preset > 7) {
        throw new RangeError(`xz preset must be an integer from 0 to 7, got ${preset}`);
    }
    const input = typeof data === 'string' ? Buffer.from(data) : data;
    let lzma;
    try {
        lzma = await loadEncoder();
    }
    catch (err) {
        encoder = undefined; // a later call tries again rather than repeating a stale failure
        throw new Error(`cannot load the xz encoder (node-liblzma WebAssembly; in the bundle, liblzma.wasm beside its chunk): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const out = encodeXz(lzma.getModule(), input, preset);
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * CRC-64 as xz checks blocks with it (ECMA-182, reflected, as liblzma's lzma_crc64): Node's zlib
 * has CRC-32 only. Kept in two 32-bit halves, so each byte costs a few integer operations and
 * no BigInt.
 */
let table;
function crcTable() {
    // The reflected polynomial 0xC96C5795D7870F42, high and low halves.
    const polyHi = 0xc96c5795;
    const polyLo = 0xd7870f42;
    const lo = new Uint32Array(256);
    const hi = new Uint32Array(256);
    // The eight single-bit entries bit by bit; every other entry is the XOR of those of its bits
    // (a CRC is linear): 256 XORs rather than 2048 shifts, which matters in code run once, before
    // V8 compiles it.
    for (let bit = 1; bit < 256; bit <<= 1) {
        let l = bit;
        let h = 0;
        for (let k = 0; k < 8; k++) {
            const odd = l & 1;
            l = ((l >>> 1) | (h << 31)) >>> 0;
            h = h >>> 1;
            if (odd) {
                l = (l ^ polyLo) >>> 0;
                h = (h ^ polyHi) >>> 0;
            }
        }
        lo[bit] = l;
        hi[bit] = h;
    }
    for (let n = 3; n < 256; n++) {
        const low = n & -n;
        if (low === n)
            continue;
        lo[n] = lo[n ^ low] ^ lo[low];
        hi[n] = hi[n ^ low] ^ hi[low];
    }
    return { lo, hi };
}
/** The CRC-64 of `data`, as the 8 little-endian bytes an xz block's check holds. */
function crc64(data) {
    const t = (table ??= crcTable());
    let lo = 0xffffffff;
    let hi = 0xffffffff;
    for (let i = 0; i < data.length; i++) {
        const n = (lo ^ data[i]) & 0xff;
        lo = (((lo >>> 8) | (hi << 24)) ^ t.lo[n]) >>> 0;
        hi = ((hi >>> 8) ^ t.hi[n]) >>> 0;
    }
    const out = Buffer.alloc(8);
    out.writeUInt32LE(~lo >>> 0, 0);
    out.writeUInt32LE(~hi >>> 0, 4);
    return out;
}

/**
 * xz framing for segmented indexes: apt reads Packages.xz as one xz stream, so each segment is
 * compressed as one block (cut from the stream liblzma writes) and the published file is the
 * blocks under a stream header and an index listing them all, as multi-threaded xz writes.
 */
/** xz stream flags: no reserved bits, CRC64 check (what liblzma writes by default, as we ask). */
const XZ_FLAGS = Buffer.from([0x00, 0x04]);
const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
/**
 * Below this many bytes a block is stored, not compressed (`storedXzBlock`). A publish that adds
 * a package or two builds one such segment: compressing its 1-3 KB would save a kilobyte or two,
 * and loading liblzma's WebAssembly to do it costs 10-17 ms of CPU, a tenth of adding one
 * package to a hundred. Segments this small are the newest ones, merged into larger (and then
 * compressed) segments by the next publishes, so the bytes they add to Packages.xz stay a few
 * kilobytes at most.
 */
const STORED_BELOW = 4096;
/**
 * `data` as a single xz block: compressed by liblzma (cut out of the one-block stream it
 * writes), or stored when it is under STORED_BELOW bytes. Blocks made apart can be joined into
 * one stream under a new index (`xzFrame`), as multi-threaded xz does: apt reads one xz stream
 * only, so concatenated streams would not do.
 */
async function xzBlock(data, preset = 6) {
    const input = typeof data === 'string' ? Buffer.from(data) : data;
    if (input.length < STORED_BELOW)
        return storedXzBlock(input);
    const stream = await xz(input, preset);
    const fail = (why) => {
        throw new Error(`xz encoder output: ${why}`);
    };
    if (!stream.subarray(0, 6).equals(XZ_MAGIC) || !stream.subarray(6, 8).equals(XZ_FLAGS))
        fail('not a CRC64 xz stream');
    const footer = stream.subarray(stream.length - 12);
    const indexSize = (footer.readUInt32LE(4) + 1) * 4;
    const indexStart = stream.length - 12 - indexSize;
    let at = 1; // the index indicator byte
    const read = () => {
        const [value, next] = readVarint(stream.subarray(indexStart), at);
        at = next;
        return value;
    };
    if (read() !== 1)
        fail('expected exactly one block');
    const unpaddedSize = read();
    const uncompressedSize = read();
    const bytes = stream.subarray(12, indexStart);
    if (bytes.length !== Math.ceil(unpaddedSize / 4) * 4)
        fail('block size disagrees with its index');
    return { bytes, unpaddedSize, uncompressedSize };
}
/**
 * `data` (at most 64 KiB) as an xz block whose LZMA2 data is one uncompressed chunk, which every
 * xz decoder reads (the .xz and LZMA2 formats: a block header naming the LZMA2 filter, chunk
 * control byte 1 = "uncompressed, dictionary reset", its size less one, the bytes, the end
 * marker 0), padded to four bytes and followed by the CRC-64 of the data (the stream's check).
 */
function storedXzBlock(data) {
    if (data.length > 0x10000)
        throw new RangeError(`a stored xz block holds at most 64 KiB`);
    // Block header: its size in 4-byte units less one, flags (one filter, no sizes given), the
    // LZMA2 filter (id 0x21, one byte of properties: the smallest dictionary, 4 KiB, which holds
    // what a stored chunk needs), padding to the next 4 bytes with its CRC32.
    const header = Buffer.from([0x02, 0x00, 0x21, 0x01, 0x00, 0x00, 0x00, 0x00]);
    let dict = 0;
    while (dictionarySize(dict) < data.length)
        dict++;
    header[4] = dict;
    const chunk = data.length === 0
        ? Buffer.from([0x00])
        : Buffer.concat([
            Buffer.from([0x01, (data.length - 1) >> 8, (data.length - 1) & 0xff]),
            data,
            Buffer.from([0x00])
        ]);
    const unpadded = header.length + 4 + chunk.length;
    const padding = Buffer.alloc((4 - (unpadded % 4)) % 4);
    const bytes = Buffer.concat([header, le32(crc32(header)), chunk, padding, crc64(data)]);
    return { bytes, unpaddedSize: unpadded + 8, uncompressedSize: data.length };
}
/** LZMA2's dictionary size for its one property byte (the LZMA2 format: 2 or 3, shifted). */
function dictionarySize(bits) {
    return (2 | (bits & 1)) * 2 ** (Math.floor(bits / 2) + 11);
}
/** The xz stream header's length: magic, stream flags, their CRC32. */
const XZ_HEADER_LENGTH = 12;
/** The stream header, and the index and footer, that make `blocks` (in order) one xz stream. */
function xzFrame(blocks) {
    const head = Buffer.concat([XZ_MAGIC, XZ_FLAGS, le32(crc32(XZ_FLAGS))]);
    const indexBody = Buffer.concat([
        Buffer.from([0x00]),
        varint(blocks.length),
        ...blocks.flatMap((b) => [varint(b.unpaddedSize), varint(b.uncompressedSize)])
    ]);
    const index = Buffer.concat([indexBody, Buffer.alloc((4 - (indexBody.length % 4)) % 4)]);
    const indexWithCrc = Buffer.concat([index, le32(crc32(index))]);
    const footerBody = Buffer.concat([le32(indexWithCrc.length / 4 - 1), XZ_FLAGS]);
    const tail = Buffer.concat([indexWithCrc, le32(crc32(footerBody)), footerBody, Buffer.from('YZ')]);
    return { head, tail };
}
function readVarint(buf, at) {
    let value = 0;
    for (let shift = 1;; shift *= 128) {
        if (at >= buf.length)
            throw new Error('xz encoder output: truncated index');
        const byte = buf[at++];
        value += (byte & 0x7f) * shift;
        if (byte < 0x80)
            return [value, at];
    }
}
function le32(n) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n >>> 0);
    return b;
}
function varint(n) {
    const out = [];
    while (n >= 0x80) {
        out.push((n & 0x7f) | 0x80);
        n = Math.floor(n / 128);
    }
    out.push(n);
    return Buffer.from(out);
}

/**
 * Segmented index files. An index (apt's Packages, dnf's primary.xml.gz, ...) is written as a
 * run of segments, each compressed on its own, and the published file is their concatenation:
 * gzip readers decompress concatenated members as one stream (RFC 1952, 2.2) and xz readers
 * concatenated streams (the .xz format, 2.1.1), so the result is an ordinary index to apt and dnf.
 *
 * What it buys: a publish that adds one package compresses one small new segment and copies the
 * bytes of the others; only a segment that loses a package is re-compressed. Segments are kept
 * few by merging the newest ones, like the carries of a binary counter, so every entry is
 * re-compressed O(log n) times over its life, and never more than MAX_SEGMENT_ENTRIES at once.
 */
/** The most entries one merge re-compresses: bounds the worst case of a single publish. */
const MAX_SEGMENT_ENTRIES = 2048;
const countOf = (p) => ('keep' in p ? p.count : p.build.length);
/**
 * The segments of the next generation: old segments untouched by the change are kept byte for
 * byte; those that lost an entry are rebuilt from their survivors; the added entries form a new
 * segment; then the newest segments merge while the older one is at most twice the newer.
 *
 * `survivors(i)` gives the entries of old segment `i` that stay, or undefined when they all do
 * (then its entries need not be known). `load(i)` gives the entries of an old segment that is
 * merged into a new one.
 */
async function planSegments(old, survivors, added, load, maxEntries = MAX_SEGMENT_ENTRIES) {
    const out = [];
    for (const [i, s] of old.entries()) {
        const kept = survivors(i);
        if (kept === undefined && s.lengths.length > 0)
            out.push({ keep: i, count: s.count });
        else if (kept === undefined)
            out.push({ build: s.entries ?? (await load(i)) });
        else if (kept.length > 0)
            out.push({ build: kept });
    }
    if (added.length > 0)
        out.push({ build: added });
    while (out.length >= 2) {
        const b = out[out.length - 1];
        const a = out[out.length - 2];
        if (countOf(a) > 2 * countOf(b) || countOf(a) + countOf(b) > maxEntries)
            break;
        const entries = async (p) => 'build' in p ? p.build : (old[p.keep].entries ?? (await load(p.keep)));
        out.splice(out.length - 2, 2, { build: [...(await entries(a)), ...(await entries(b))] });
    }
    return out;
}
/**
 * The old segments whose text must be read back: those holding an entry the plan rebuilds and
 * whose text is not in memory (entries known only from a manifest carry none).
 */
function segmentsToRead(old, plan, hasText) {
    const building = new Set(plan.flatMap((p) => ('build' in p ? p.build : [])));
    return old.flatMap((s, i) => (s.entries?.some((e) => building.has(e) && !hasText(e)) ? [i] : []));
}
/** True when the plan is exactly the old segments, in order: nothing to write. */
function unchanged(old, plan) {
    return plan.length === old.length && keptInPlace(plan) === plan.length;
}
/** How many planned segments, from the first, are the old segments at the same places. */
function keptInPlace(plan) {
    let kept = 0;
    while (kept < plan.length && plan[kept].keep === kept)
        kept++;
    return kept;
}
/** Where each segment starts in file `file`, after a head of `head` bytes. */
function segmentOffsets(segments, file, head = 0) {
    const out = [];
    let at = head;
    for (const s of segments) {
        out.push(at);
        at += s.lengths[file];
    }
    return out;
}
/** The bytes of old segment `index` in each file. */
function segmentBytes(segments, bodies, index, heads = []) {
    return bodies.map((body, file) => {
        if (segments[index].lengths[file] === undefined)
            throw new Error(`segment ${index}: no length for file ${file}`);
        const start = segmentOffsets(segments, file, heads[file] ?? 0)[index];
        return body.subarray(start, start + segments[index].lengths[file]);
    });
}
/** The lengths each planned segment will have (kept ones as they were). */
function plannedLengths(plan, built, old) {
    return plan.map((p, i) => 'keep' in p
        ? old[p.keep].lengths
        : [...built[i].bytes.map((b) => b.length), ...(built[i].extra ?? [])]);
}

/**
 * The steps apt's `nextIndex` and dnf's `nextRepodata` share once a plan is made: where each
 * planned segment's bytes come from, whether the old files can be extended, and how the next
 * generation's segments are described in its manifest.
 */
/**
 * The bytes of each planned segment in each file: a built segment's own, a kept one's cut from
 * the old files (`bodies`, read only when a kept segment is asked for; `heads[f]` bytes precede
 * the first segment of file f). `of(i)` gives segment i's, `from(first)` those of segments
 * `first`.. (`[i][f]`).
 */
function plannedBytes(plan, built, old, bodies, heads) {
    const of = async (i) => {
        const p = plan[i];
        if (!('keep' in p))
            return built[i].bytes;
        return segmentBytes(old, await bodies(), p.keep, heads);
    };
    return { of, from: (first) => Promise.all(plan.slice(first).map((_, j) => of(first + j))) };
}
/**
 * How many old segments at the start of the index the plan keeps where they are, when everything
 * after them is new (then the old files can be extended: their start stays, the rest is
 * appended); 0 when a kept segment moves or none stays in place.
 */
function appendsAfter(plan) {
    const leading = keptInPlace(plan);
    return plan.slice(leading).some((p) => 'keep' in p) ? 0 : leading;
}
/** The bytes of old file `file` that stay when it is extended: its head and first `leading` segments. */
function keptPrefix(old, leading, file, head) {
    return segmentOffsets(old, file, head)[leading - 1] + old[leading - 1].lengths[file];
}
/**
 * The next generation's segments as its manifest describes them, each with the digest states
 * after it (`states[i]`, per file): kept ones as they were, new ones with their lengths and
 * entries, and the objects listing the entries of new ones (stored under `keyOf(sha256)`).
 */
function nextSegments(plan, built, old, 
/** Per segment; undefined when none were saved (a small index is hashed whole). */
states, codec, keyOf) {
    const lengths = plannedLengths(plan, built, old);
    const segments = plan.map((p, i) => 'keep' in p ? old[p.keep] : { count: p.build.length, lengths: lengths[i], entries: p.build });
    const { segments: described, objects } = storeSegments(segments, codec, keyOf);
    return {
        // A kept segment's old states are dropped with the rest: they may describe bytes before it
        // that changed, so only this generation's hashing may give states.
        segments: described.map((s, i) => {
            const rest = { ...s };
            delete rest.states;
            return states[i] ? { ...rest, states: states[i] } : rest;
        }),
        entryObjects: objects
    };
}

/** Hashes bytes as they pass, so a file is read once for all digests and the parser. */
class Digester {
    hashes = {
        md5: createHash('md5'),
        sha1: createHash('sha1'),
        sha256: createHash('sha256'),
        sha512: createHash('sha512')
    };
    size = 0;
    update(chunk) {
        this.size += chunk.length;
        for (const h of Object.values(this.hashes))
            h.update(chunk);
    }
    /** The unfinished SHA-256 of a large file, for its signature (see `keptState`); before `digest()`. */
    sha256State() {
        return keptState(this.size, this.hashes.sha256);
    }
    digest() {
        return {
            size: this.size,
            md5: this.hashes.md5.digest('hex'),
            sha1: this.hashes.sha1.digest('hex'),
            sha256: this.hashes.sha256.digest('hex'),
            sha512: this.hashes.sha512.digest('hex')
        };
    }
}
/** Just the digests an index lists (Release: MD5Sum, SHA256, SHA512; repomd: SHA256), skipping SHA1. */
function indexDigests(data) {
    const hash = (algo) => createHash(algo).update(data).digest('hex');
    return {
        size: data.length,
        md5: hash('md5'),
        sha1: '',
        sha256: hash('sha256'),
        sha512: hash('sha512')
    };
}
/**
 * Counts and SHA-256-hashes bytes as they pass. For RPMs and tarballs, which nothing lists by
 * MD5, SHA-1 or SHA-512: with those three as well, planning a 50 MB RPM took 230 ms, not 80.
 */
class Sha256Counter {
    hash = createHash('sha256');
    size = 0;
    update(chunk) {
        this.size += chunk.length;
        this.hash.update(chunk);
    }
    digest() {
        return { size: this.size, sha256: this.hash.digest('hex') };
    }
    /** The state so far, unfinished, for a detached signature (`keptState`): call before digest(). */
    kept() {
        return keptState(this.size, this.hash);
    }
}
function sha256File(file) {
    return sha256Of(createReadStream(file, { highWaterMark: READ_CHUNK }));
}
/** Files are read 1 MiB at a time: 16 times fewer chunks through the hash than the default. */
const READ_CHUNK = 1 << 20;
/**
 * A copy of a SHA-256 fed a whole file and not finished, for a file of 1 MiB or more: a
 * detached OpenPGP signature hashes the same bytes then its own trailer, so it continues from
 * this copy instead of reading the file again (`detachSignFile`). A smaller file is read again:
 * that costs less than the state each copy holds (about 640 bytes, 64 MB for a bulk import of
 * 100k packages).
 */
function keptState(size, hash) {
    return size >= READ_CHUNK ? hash.copy() : undefined;
}
/**
 * A file's size and SHA-256, read once into one reused 1 MiB buffer, with the unfinished hash of
 * a large one (`keptState`). The reused buffer keeps a 1 GiB file's planning at ~55 MiB of peak
 * RSS on Node 24; a read stream's fresh buffer per chunk waits for the collector (~125 MiB).
 */
async function sha256FileState(file) {
    const hash = createHash('sha256');
    let size = 0;
    const handle = await open(file, 'r');
    try {
        const buffer = Buffer.allocUnsafe(READ_CHUNK);
        for (;;) {
            const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, null);
            if (bytesRead === 0)
                break;
            hash.update(buffer.subarray(0, bytesRead));
            size += bytesRead;
        }
    }
    finally {
        await handle.close();
    }
    const hashed = keptState(size, hash);
    return { digests: { size, sha256: hash.digest('hex') }, ...(hashed && { hashed }) };
}

/**
 * Resumable index digests. apt's Release lists the MD5, SHA256 and SHA512 of each index file, and
 * dnf's repomd.xml the SHA256 of each repodata file, compressed and open; an index is written as
 * segments of which a publish usually keeps all but the last (see `segments.ts`). Saving the hash
 * states at each segment boundary lets the next publish resume from the last kept segment and
 * hash only the bytes after it, instead of the whole file.
 *
 * node:crypto cannot export a hash state, so this uses hash-wasm, whose MD5 and SHA-2 save and
 * load theirs. Only the digests of the whole file leave this module; the states stay opaque.
 */
/** The installed hash-wasm; a test checks it against node_modules, so an upgrade bumps it. */
const HASH_WASM_VERSION = '4.13.0';
const SETS = {
    apt: { tag: `d1.hw${HASH_WASM_VERSION}:`, names: ['md5', 'sha256', 'sha512'] },
    sha256: { tag: `s1.hw${HASH_WASM_VERSION}:`, names: ['sha256'] }
};
/**
 * The hash-wasm hashers are fed whole 128-byte blocks only (SHA-512's block; MD5's and SHA-256's
 * 64 divides it), the rest carried in the state by us. Fed that way their saved state is the
 * same for the same bytes however they were split; fed arbitrary pieces it also keeps leftovers
 * of earlier input in the unused end of its block buffer, and so depends on the splits.
 */
const BLOCK = 128;
const SIZE_BYTES = 8;
const CHECK_BYTES = 8;
// Loaded on the first call only, so a run that writes no apt index never loads hash-wasm; the
// hashers are created once per process and reset with load(), since creating one (instantiating
// its WebAssembly) costs more than hashing a small segment. Every use below is synchronous from
// load() to save()/digest(), so concurrent calls cannot interleave on a hasher.
let hashers;
async function loadHashers() {
    hashers ??= createHashers();
    try {
        return await hashers;
    }
    catch (err) {
        hashers = undefined; // a later call tries again rather than repeating a stale failure
        throw new Error(`cannot load the index hashers (hash-wasm): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
}
// Outside any try block: rollup keeps everything a try block reaches (treeshake
// tryCatchDeoptimization), which would bundle all ~30 of hash-wasm's algorithms (272 KB, each an
// inlined WebAssembly binary). Destructured where imported, so only these three are kept (54 KB).
async function createHashers() {
    const { createMD5, createSHA256, createSHA512 } = await import('./index.esm-De9eORvV.js');
    const [md5, sha256, sha512] = await Promise.all([createMD5(), createSHA256(), createSHA512()]);
    // init() would not clear what a digest() left in the block buffer; load(clean) does.
    const entry = (hasher) => ({ hasher, clean: hasher.save() });
    return { md5: entry(md5), sha256: entry(sha256), sha512: entry(sha512) };
}
async function hashersOf(set) {
    const loaded = await loadHashers();
    const { tag, names } = SETS[set];
    return { tag, all: names.map((n) => loaded[n].hasher), clean: names.map((n) => loaded[n].clean) };
}
async function resumeDigests(from, parts, tail = new Uint8Array(0), set = 'apt') {
    const hashers = await hashersOf(set);
    const { all, clean } = hashers;
    let size = 0;
    let carry = new Uint8Array(0);
    if (from === undefined) {
        all.forEach((h, i) => h.load(clean[i]));
    }
    else {
        const loaded = loadState(hashers, from);
        if (!loaded)
            return undefined;
        ({ size, carry } = loaded);
    }
    const update = (bytes) => {
        if (bytes.length > 0)
            for (const h of all)
                h.update(bytes);
    };
    const states = [];
    for (const part of parts) {
        carry = feedBlocks(update, carry, part);
        size += part.length;
        states.push({ size, state: saveState(hashers, size, carry) });
    }
    update(carry);
    update(tail);
    size += tail.length;
    const digests = { size, md5: '', sha1: '', sha256: '', sha512: '' };
    SETS[set].names.forEach((name, i) => (digests[name] = all[i].digest('hex')));
    return { digests, states };
}
/**
 * Feeds the hashers the whole blocks of `carry + data` and returns what is left (under a block).
 * Only the first block is copied; the rest is hashed in place.
 */
function feedBlocks(update, carry, data) {
    let at = 0;
    if (carry.length > 0) {
        const need = BLOCK - carry.length;
        if (data.length < need)
            return concat(carry, data);
        update(concat(carry, data.subarray(0, need)));
        at = need;
    }
    const end = at + Math.floor((data.length - at) / BLOCK) * BLOCK;
    update(data.subarray(at, end));
    return data.subarray(end);
}
function concat(a, b) {
    const out = new Uint8Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
}
/** Layout after the tag, base64: size (u64 LE), the three hash-wasm states, the carry, a check. */
function saveState({ tag, all }, size, carry) {
    const head = Buffer.alloc(SIZE_BYTES);
    head.writeBigUInt64LE(BigInt(size));
    const body = Buffer.concat([head, ...all.map((h) => h.save()), carry]);
    return tag + Buffer.concat([body, check(tag, body)]).toString('base64');
}
/**
 * Loads a saved state into the hashers, or says it cannot. hash-wasm checks that a state is its
 * own build's and of the right length, but would load flipped bytes inside it and give wrong
 * digests; the check bytes (a truncated SHA-256 of the rest) catch that.
 */
function loadState({ tag, all, clean }, from) {
    if (typeof from.state !== 'string' || !from.state.startsWith(tag))
        return undefined;
    if (!Number.isSafeInteger(from.size) || from.size < 0)
        return undefined;
    const encoded = from.state.slice(tag.length);
    const bytes = Buffer.from(encoded, 'base64');
    // Node's decoder skips what is not base64 and stops at padding; only the exact string saved counts.
    if (bytes.toString('base64') !== encoded)
        return undefined;
    const statesLength = clean.reduce((n, s) => n + s.length, 0);
    const carryLength = from.size % BLOCK;
    if (bytes.length !== SIZE_BYTES + statesLength + carryLength + CHECK_BYTES)
        return undefined;
    const body = bytes.subarray(0, bytes.length - CHECK_BYTES);
    if (!check(tag, body).equals(bytes.subarray(body.length)))
        return undefined;
    if (body.readBigUInt64LE(0) !== BigInt(from.size))
        return undefined;
    let at = SIZE_BYTES;
    try {
        all.forEach((h, i) => {
            h.load(body.subarray(at, at + clean[i].length));
            at += clean[i].length;
        });
    }
    catch {
        return undefined; // another build of hash-wasm: its own check refused the state
    }
    return { size: from.size, carry: new Uint8Array(body.subarray(at)) };
}
function check(tag, body) {
    return createHash('sha256').update(tag).update(body).digest().subarray(0, CHECK_BYTES);
}

/**
 * The digests (`set`: apt's MD5, SHA256 and SHA512, or SHA256 alone) of each file of a segmented
 * index's next generation, and the digest state after each of its segments in each file.
 *
 * Hashing resumes after the old segments the plan keeps in place at the start of the index,
 * from the states saved with them, so adding a package hashes only the new segment and the
 * file's tail instead of the whole file. A file whose state cannot be resumed (none saved, or
 * saved by another version) is hashed from its first byte.
 *
 * `partsFrom(first)` gives the bytes of planned segments `first`.. in each file (`[i][f]`), so
 * a kept segment's old bytes are read only when hashing must start before it; `heads[f]` and
 * `tails[f]` frame file f.
 */
async function segmentedDigests(plan, old, partsFrom, frame, set = 'apt') {
    const files = frame.heads.length;
    // The old segments kept where they were, each with a state for every file.
    const inPlace = keptInPlace(plan);
    let kept = 0;
    while (kept < inPlace && old[kept].states?.length === files)
        kept++;
    const digests = [];
    const states = [];
    const after = kept > 0 ? await partsFrom(kept) : [];
    // Every file that cannot resume hashes the same parts: they are got once.
    let fromStart;
    for (let f = 0; f < files; f++) {
        const resumed = kept > 0
            ? await resumeDigests(old[kept - 1].states[f], after.map((p) => p[f]), frame.tails[f], set)
            : undefined;
        if (resumed) {
            digests.push(resumed.digests);
            states.push([...old.slice(0, kept).map((s) => s.states[f]), ...resumed.states]);
            continue;
        }
        // From the first byte: the head is a part of its own, whose state nobody needs.
        const bytes = (await (fromStart ??= partsFrom(0))).map((p) => p[f]);
        const whole = await resumeDigests(undefined, [frame.heads[f], ...bytes], frame.tails[f], set);
        digests.push(whole.digests);
        states.push(whole.states.slice(1));
    }
    // Per segment, then per file, as a manifest keeps them.
    return { digests, states: plan.map((_, i) => states.map((perFile) => perFile[i])) };
}

/**
 * Each segment's xz block is compressed once and copied from then on; preset 1 (1 MiB
 * dictionary) already spans a whole segment and keeps adding one package quick.
 */
const XZ_PRESET = 1;
/**
 * Below this many bytes (Packages, .gz and .xz together: about 2,000 packages), the index files
 * are hashed whole with node:crypto and no digest states are saved: that costs a few
 * milliseconds, less than loading hash-wasm, which resuming from saved states needs (see
 * `digest-state.ts`). A larger index saves states, and the next publish resumes from them.
 * A setting, not a constant, so tests of resuming can lower it to 0.
 */
const digestStates = { fromBytes: 2 << 20 };
/**
 * The files of one architecture's next index: Packages, Packages.gz, Packages.xz and the segment
 * manifest, or undefined when its segments stay as they are.
 *
 * A publish that appends keeps the old files' bytes up to its first new segment; a store that
 * can extend an object (the file store: a copy inside the kernel) writes only the new bytes
 * after them, and the old files are not read at all. Otherwise the files are put whole.
 */
async function nextIndex(o, arch, index, 
/** What the snapshot's Release lists: where the old index files are, by hash. */
listed, change) {
    const old = index.segments;
    const plan = await planSegments(old, change.survivors, change.added, async (i) => (old[i].entries ??= await index.load(old[i])));
    // A segment that needs liblzma (xz-blocks.ts): its encoder compiles off the main thread while
    // old texts are read back. Not for a small one of new packages only, stored uncompressed.
    if (plan.some((p) => 'build' in p && compressesWithLiblzma(p.build)))
        preloadXz();
    // Unchanged only when its files were written with a manifest (a first publish writes empty ones).
    if (index.segmented && change.added.length === 0 && unchanged(old, plan))
        return undefined;
    const oldFiles = oldIndexFiles(o, arch, listed);
    await readRebuiltTexts(o.store, old, plan, () => oldFiles.key(LENGTH.plain));
    const built = await Promise.all(plan.map((p) => ('keep' in p ? undefined : buildSegment$1(p.build))));
    const lengths = plannedLengths(plan, built, old);
    const frame = indexFrame(lengths);
    const bytes = plannedBytes(plan, built, old, oldFiles.bodies, OLD_HEADS);
    const size = [...lengths.flat(), ...[...frame.heads, ...frame.tails].map((b) => b.length)];
    const { digests, states } = sum(size) < digestStates.fromBytes
        ? await wholeDigests(await bytes.from(0), frame, plan.length)
        : await segmentedDigests(plan, old, bytes.from, frame);
    // Only a store that also copies: the other names of a file it extends are copies of it.
    const leading = o.store.extend && o.store.copy ? appendsAfter(plan) : 0;
    // The bytes this publish writes: after the kept start when extending, else all of them.
    const parts = await bytes.from(leading);
    const files = INDEX_FILES.map((name, f) => {
        const written = [...parts.map((b) => b[f]), frame.tails[f]];
        if (leading === 0)
            return { name, digests: digests[f], body: Buffer.concat([frame.heads[f], ...written]) };
        const keep = keptPrefix(old, leading, f, OLD_HEADS[f]);
        return { name, digests: digests[f], extend: { from: oldFiles.key(f), keep, append: written } };
    });
    const { segments, entryObjects } = nextSegments(plan, built, old, states, ENTRY_CODEC$1, (sha) => entriesKey$1(o.prefix, arch, sha));
    const manifest = Buffer.from(renderManifest$1({
        packagesSha256: files[0].digests.sha256,
        retention: change.retention,
        segments
    }));
    files.push({ name: MANIFEST_FILE, body: manifest, digests: indexDigests(manifest) });
    return { files, segments, entryObjects };
}
/** The digests of each whole file (`parts[segment][file]` between its head and tail); no states. */
function wholeDigests(parts, frame, segments) {
    const digests = frame.heads.map((head, f) => indexDigests(Buffer.concat([head, ...parts.map((p) => p[f]), frame.tails[f]])));
    return { digests, states: Array(segments).fill(undefined) };
}
function sum(values) {
    return values.reduce((a, b) => a + b, 0);
}
/** The old xz stream's header is the same as the new one's: its blocks begin after it. */
const OLD_HEADS = [0, 0, XZ_HEADER_LENGTH];
/**
 * The old index files of `arch`, by the hash the Release lists them under: their keys, and
 * their bytes, read once and only when some must be copied by us.
 */
function oldIndexFiles(o, arch, listed) {
    const shown = (f) => `${dists(o.prefix)}/${indexDir(arch)}/${INDEX_FILES[f]}`;
    const key = (f) => {
        const sha256 = listed.get(`${indexDir(arch)}/${INDEX_FILES[f]}`)?.sha256;
        if (sha256 === undefined)
            throw new Error(`${o.store.location}/${shown(f)}: not listed in the Release`);
        return byHash(o.prefix, arch, sha256);
    };
    let bodies;
    return {
        key,
        bodies: () => (bodies ??= Promise.all(INDEX_FILES.map((_, f) => readListed(o.store, key(f), 'the Release', { shown: shown(f) }))))
    };
}
/**
 * Old entries the plan rebuilds carry no text when known from a manifest: it is read back from
 * their old segment's range of Packages (`plainKey`).
 */
async function readRebuiltTexts(store, old, plan, plainKey) {
    await Promise.all(segmentsToRead(old, plan, (e) => e.text !== undefined).map(async (i) => {
        const start = segmentOffsets(old, LENGTH.plain)[i];
        const range = { start, end: start + old[i].lengths[LENGTH.plain] };
        const plain = await readListedRange(store, plainKey(), range, 'the Release');
        const texts = segmentStanzas(plain);
        old[i].entries.forEach((e, j) => (e.text = texts[j]));
    }));
}
/**
 * Whether building a segment of `entries` will load liblzma: its text reaches STORED_BELOW, or
 * it re-compresses old entries whose text is not read yet (most often a merge that does).
 */
function compressesWithLiblzma(entries) {
    let bytes = 0;
    for (const e of entries) {
        if (e.text === undefined)
            return true;
        bytes += e.text.length;
    }
    return bytes >= STORED_BELOW;
}
/** A new segment: its Packages text, that gzip'd, and one xz block of it (with its unpadded size). */
async function buildSegment$1(entries) {
    const plain = Buffer.from(segmentText(entries));
    const block = await xzBlock(plain, XZ_PRESET);
    return { bytes: [plain, gzip(plain), block.bytes], extra: [block.unpaddedSize] };
}
/**
 * What frames the segments in each file: Packages.xz is one stream, its blocks (one per segment)
 * under a header and an index of them all; an index with no package is still a valid (empty)
 * compressed file.
 */
function indexFrame(lengths) {
    const xz = xzFrame(lengths.map((l) => ({ unpaddedSize: l[LENGTH.xzUnpadded], uncompressedSize: l[LENGTH.plain] })));
    const none = Buffer.alloc(0);
    return {
        heads: [none, none, xz.head],
        tails: [none, lengths.length === 0 ? gzip('') : none, xz.tail]
    };
}
/** What a copy of an index file needs to know: its bytes, for a store that cannot copy. */
const copied = (file) => ({
    bytes: file.body,
    sha256: file.digests.sha256,
    size: file.digests.size
});

/**
 * Finishing a committed generation: the files that follow a repository's commit point (the
 * signed index) are brought in line with it. A commit point and what follows it cannot change
 * in one atomic step, so two things can leave them apart: a publish that stopped between them
 * (killed, or a store that failed mid-way), and racing publishes, where one that committed
 * earlier writes its followers after one that committed later. So every publish, after its own
 * commit and also when it has nothing to add (a re-run), looks at the current commit point,
 * writes only what does not match it, and looks again: when the commit point moved meanwhile,
 * it finishes the newer one. Whoever commits last finishes last, so the store settles on the
 * files of the current generation.
 */
/** How often the commit point may move under one finishing publish before it leaves the rest to the others. */
const ROUNDS = 20;
/**
 * Runs `finish` on the current version of `key` until that version no longer changes under it.
 * `finish` is handed the object's text; it returns nothing when the object is absent. The
 * publish that has just committed `key` starts from what it wrote (`committed`), not from a
 * read of it: the read after the first round finds a commit made since, as it finds one made
 * during that round, and the files follow the newer one then.
 */
async function followCommitPoint(o, key, finish, committed) {
    let current = committed ?? (await readVersioned(o.store, key));
    for (let round = 1; current && round <= ROUNDS; round++) {
        await finish(current.text);
        const after = await readVersioned(o.store, key);
        if (after?.etag === current.etag)
            return;
        current = after;
    }
}
/** True when `signature` holds a valid detached signature over `data` by every signing key. */
async function signedByAll(data, signature, keys) {
    if (!signature)
        return false;
    if (keys.fast) {
        // Keys read by hand check their own signatures by hand; one it cannot check is signed again.
        const fast = keys.fast;
        try {
            const sigs = armoredPackets(signature.toString('utf8'), 'SIGNATURE').filter((p) => p.tag === TAG$1.signature);
            return fast.every((key) => sigs.some((p) => checkSignature(p.body, [key], (h) => h.update(data, 'utf8')) === true));
        }
        catch {
            return false;
        }
    }
    const openpgp = await loadOpenpgp();
    const openpgpKeys = await keys.openpgpKeys();
    try {
        const verified = await openpgp.verify({
            message: await openpgp.createMessage({ binary: Buffer.from(data, 'utf8') }),
            signature: await openpgp.readSignature({ armoredSignature: signature.toString('utf8') }),
            verificationKeys: openpgpKeys.map((k) => k.toPublic()),
            expectSigned: false
        });
        const valid = await Promise.all(verified.signatures.map(async (s) => {
            try {
                await s.verified;
                return s.keyID.toHex();
            }
            catch {
                return undefined;
            }
        }));
        // Every key signs (a rotation signs with old and new): each one must have a valid signature.
        return openpgpKeys.every((k) => k
            .getKeys()
            .some((sub) => valid.some((id) => id !== undefined && sub.getKeyID().toHex() === id)));
    }
    catch {
        return false;
    }
}
/** Writes `key` = `text` unless it holds these bytes already; true when it wrote them. */
async function ensureText(o, key, text, contentType) {
    if ((await readObject(o.store, key))?.toString('utf8') === text)
        return false;
    await o.uploader.bytes(key, text, contentType === 'text/html' ? 'listing' : 'index', contentType);
    return true;
}
/**
 * Writes the detached signature `key` of `text` unless it holds a valid one already. The
 * publish that committed `text` signed it beforehand (`presigned`): it writes that at once.
 */
async function ensureSignature(o, key, text, presigned) {
    if (presigned?.text === text) {
        await o.uploader.bytes(key, presigned.signature, 'signature');
        return;
    }
    if (await signedByAll(text, await readObject(o.store, key), o.keys))
        return;
    o.log.debug(`${key} does not sign the current index: signing it`);
    await o.uploader.bytes(key, await detachSign(text, o.keys), 'signature');
}
/**
 * apt: Release and Release.gpg hold what InRelease signs, and every plain index file
 * (Packages, .gz, .xz) the bytes Release lists for it, copied from its by-hash name (which is
 * content-addressed, so always right): clients with by-hash turned off read the plain names.
 */
function finishApt(o, presigned, committed) {
    const key = `${dists(o.prefix)}/InRelease`;
    return followCommitPoint(o, key, (text) => finishAptGeneration(o, text, presigned), committed);
}
/** Release, Release.gpg and the plain indexes of the generation `inRelease` signs. */
async function finishAptGeneration(o, inRelease, presigned) {
    const base = dists(o.prefix);
    const release = releaseText(inRelease);
    const listed = releaseFiles(release, `${base}/InRelease`);
    const plain = [...listed].filter(([name]) => INDEX_FILES.includes(name.slice(name.lastIndexOf('/') + 1)));
    await Promise.all([
        ensureText(o, `${base}/Release`, release),
        ensureSignature(o, `${base}/Release.gpg`, release, presigned),
        ...plain.map(async ([name, { sha256, size }]) => {
            const dir = name.slice(0, name.lastIndexOf('/'));
            const from = `${base}/${dir}/by-hash/SHA256/${sha256}`;
            const to = `${base}/${name}`;
            if (!o.store.copy)
                return putAgainUnlessSame(o, from, to, { sha256, size });
            const [source, target] = await Promise.all([o.store.head(from), o.store.head(to)]);
            // Copies share their source's etag (a hard link, a server-side copy): nothing to read.
            if (!source || (target && target.etag === source.etag))
                return;
            if (target?.size === size) {
                const bytes = await readObject(o.store, to);
                if (bytes && sha256Hex(bytes) === sha256)
                    return;
            }
            await o.uploader.copy(from, to, { sha256, size }, 'index');
        })
    ]);
}
/**
 * For a store that cannot copy (http): the plain name is read once and compared with what Release
 * lists, instead of asking both names for their etags (on http, a HEAD and a GET each: the etag
 * of an index is its SHA-256); the by-hash bytes are read only when they must be put again.
 */
async function putAgainUnlessSame(o, from, to, listed) {
    const target = await readObject(o.store, to);
    if (target?.length === listed.size && sha256Hex(target) === listed.sha256)
        return;
    const bytes = await readObject(o.store, from);
    if (!bytes)
        return;
    await o.uploader.copy(from, to, { bytes, ...listed }, 'index');
}
/** dnf: repomd.xml.asc is a valid signature of the current repomd.xml. */
function finishDnf(o, presigned, committed) {
    const key = `${o.prefix}/repodata/repomd.xml`;
    return followCommitPoint(o, key, async (repomd) => {
        parseRepomd(repomd);
        await ensureSignature(o, `${key}.asc`, repomd, presigned);
    }, committed);
}

/**
 * One apt repository in the store (`packages/deb` or `packages/deb-dev`): package files in
 * `stable/`, suite `stable`, component `main`. A publish is a transaction: packages first, then
 * content-addressed indexes (by-hash), then the plain indexes, and last InRelease, written with
 * a compare-and-swap on the generation it merged into, then Release and Release.gpg.
 *
 * Its parts: where the files are (apt-layout.ts), reading the signed generation
 * (apt-snapshot.ts), merging a change into it (apt-merge.ts), and the next index files
 * (apt-index.ts).
 */
/**
 * apt fetches by-hash under the strongest hash the Release lists (SHA512 here); SHA256 copies
 * serve older clients. MD5 stays listed in Release for completeness but has no by-hash copies.
 */
const HASH_DIRS = [
    ['SHA256', 'sha256'],
    ['SHA512', 'sha512']
];
/**
 * Writes a new generation of the indexes, retrying the merge when another publish committed
 * first. Returns what changed. Package files must already be in the store.
 */
async function commitApt(change, o) {
    const superseded = listSuperseded(o.store, `${dists(o.prefix)}/${COMPONENT}/`);
    const generation = await retryOnConflict(async (attempt) => {
        const snapshot = attempt === 1 && o.snapshot ? o.snapshot : await readAptSnapshot(o.store, o.prefix);
        const { indexes, commit } = await mergeApt(snapshot, change);
        const previous = snapshot.release
            ? releaseDigests(snapshot.release, `${dists(o.prefix)}/InRelease`)
            : new Map();
        // A repository keeps its compression set: Packages.xz only where the Release had it (a
        // new repository gets it), so another tool that lists every Packages* file it finds
        // never lists one that no one rewrites.
        const names = indexNames(snapshot.release, previous);
        const next = await Promise.all(ARCHITECTURES.map((arch) => nextIndex(o, arch, snapshot.indexes.get(arch), previous, indexes.get(arch))));
        const keepEntries = entryObjectsNamed(o.prefix, next, snapshot);
        const { files, written } = indexListing(o.prefix, next, previous, names);
        const release = nextRelease(o, snapshot.release, files, commit.pending);
        // Safe order: the packages and the content-addressed files first, then the other names,
        // then the signed Release. The Release names only digests, known now: it is signed while
        // the files are written, so the commit follows the last copy.
        const writing = writeContentAddressed(o, next, written);
        // Started once the writes are under way: signing takes the event loop for a moment.
        // Awaited below; a write that fails first leaves it unread.
        const signed = awaitedLater(Promise.all([clearSign(release, o.keys), detachSign(release, o.keys)]));
        await writing;
        await copyIndexNames(o, written);
        const [inRelease, releaseGpg] = await signed;
        // Files pending deletion whose grace has passed go before the generation that forgets
        // them commits: a publish stopped in between leaves them pending, never unnamed.
        await deletePackageFiles(o.store, o.prefix, commit.due, o.log);
        const committed = await o.uploader.commit(`${dists(o.prefix)}/InRelease`, inRelease, snapshot.etag, 'signature');
        return { snapshot, release, releaseGpg, commit, keepEntries, names, committed };
    }, mergingAgain(o.log, o.prefix));
    const { snapshot, release, releaseGpg, commit, keepEntries, names, committed } = generation;
    // Release, Release.gpg and the plain indexes follow InRelease (the current one: a publish
    // that committed after this one is finished too); what no generation names goes meanwhile.
    await Promise.all([
        finishApt(o, { text: release, signature: releaseGpg }, committed),
        pruneApt(o, superseded, [release, snapshot.release ?? ''], keepEntries),
        deleteUnlisted(o, names)
    ]);
    logPending(o.log, o.prefix, commit.removedFiles, commit.pending);
    return commit;
}
/**
 * What the next Release lists for each index (an unchanged index keeps its files and their
 * listing) and the files to write: every file the Release lists is served under each of its
 * hashes, and the indexes under their plain names too.
 */
function indexListing(prefix, next, previous, names) {
    const files = [];
    const written = [];
    for (const [i, arch] of ARCHITECTURES.entries()) {
        const dir = indexDir(arch);
        const index = next[i];
        if (!index) {
            for (const n of names) {
                const listed = previous.get(`${dir}/${n}`);
                if (!listed)
                    throw new Error(`${dists(prefix)}/Release does not list ${dir}/${n}`);
                files.push({ path: `${dir}/${n}`, digests: listed });
            }
            continue;
        }
        for (const file of index.files) {
            const { name, digests } = file;
            if (!names.includes(name))
                continue;
            files.push({ path: `${dir}/${name}`, digests });
            const [first, ...others] = HASH_DIRS.map(([hashDir, hash]) => `${dists(prefix)}/${dir}/by-hash/${hashDir}/${digests[hash]}`);
            written.push({
                byHash: first,
                copies: others,
                plain: name === MANIFEST_FILE ? undefined : `${dists(prefix)}/${dir}/${name}`,
                file
            });
        }
    }
    return { files, written };
}
/**
 * Entry objects this generation's manifests name, or the previous one's: they stay (as long as
 * the by-hash files of both).
 */
function entryObjectsNamed(prefix, next, snapshot) {
    return new Set(ARCHITECTURES.flatMap((arch, i) => [...(next[i]?.segments ?? []), ...snapshot.indexes.get(arch).segments].map((s) => entriesKey$1(prefix, arch, s.entriesSha256))));
}
/** The next Release: an existing repository keeps its own fields (see keptReleaseFields). */
function nextRelease(o, previous, files, pending) {
    const kept = previous ? keptReleaseFields(previous) : {};
    return renderRelease({
        origin: kept.origin ?? o.origin ?? o.prefix,
        label: kept.label ?? o.label ?? o.origin ?? o.prefix,
        suite: kept.suite ?? SUITE,
        codename: kept.codename ?? SUITE,
        description: kept.description,
        date: (o.now ?? (() => new Date()))(),
        architectures: kept.architectures ? [kept.architectures] : ARCHITECTURES,
        components: [COMPONENT],
        files,
        extra: renderPendingField(pending)
    });
}
/**
 * Writes what no reader finds before the Release names it: the packages (`o.stored`), the entry
 * objects the manifests name, and each index file under its SHA256 (extending the old one where
 * it can).
 */
async function writeContentAddressed(o, next, written) {
    await Promise.all([
        o.stored,
        ...next.flatMap((n) => (n?.entryObjects ?? []).map((e) => o.uploader.immutable(e.key, e.body, 'index', e.sha256))),
        ...written.map(({ byHash, file }) => file.extend
            ? o.uploader.extend(file.extend, byHash, file.digests.sha256, 'index')
            : o.uploader.immutable(byHash, file.body, 'index', file.digests.sha256))
    ]);
}
/** The other names of each file written: other by-hash names hold the same bytes if they exist; plain names are replaced. */
async function copyIndexNames(o, written) {
    await Promise.all(written.flatMap((w) => [
        ...w.copies.map((to) => o.uploader.copy(w.byHash, to, copied(w.file), 'index', { createOnly: true })),
        ...(w.plain ? [o.uploader.copy(w.byHash, w.plain, copied(w.file), 'index')] : [])
    ]));
}
/** The files of each index this generation lists: INDEX_FILES, less Packages.xz where the Release had none. */
function indexNames(release, previous) {
    const xz = release === undefined || [...previous.keys()].some((p) => p.endsWith('/Packages.xz'));
    return [...INDEX_FILES, MANIFEST_FILE].filter((n) => xz || n !== 'Packages.xz');
}
/**
 * Deletes the compressed indexes another tool left beside ours that the new Release does not
 * list (Falco's Packages.bz2, a Packages.xz we no longer write): they would go stale, and a
 * tool listing every Packages* file it finds would publish them again. apt falls back to
 * another compression when one it read of in an older Release is gone.
 */
async function deleteUnlisted(o, names) {
    const stale = ['Packages.bz2', 'Packages.xz', 'Packages.lzma', 'Packages.zst'].filter((n) => !names.includes(n));
    await Promise.all(ARCHITECTURES.flatMap((arch) => stale.map(async (n) => {
        const key = `${dists(o.prefix)}/${indexDir(arch)}/${n}`;
        if (await statObject(o.store, key))
            await o.store.delete(key);
    })));
}
/**
 * Prunes what neither of `releases` (the generation committed and the one before it) nor the
 * current one (another publish may have committed since) names.
 */
async function pruneApt(o, superseded, releases, keepEntries) {
    const current = await readAptSnapshot(o.store, o.prefix);
    for (const [arch, index] of current.indexes)
        for (const s of index.segments)
            keepEntries.add(entriesKey$1(o.prefix, arch, s.entriesSha256));
    await pruneSuperseded(o.store, superseded, prunableIn([...releases, current.release ?? ''], keepEntries), o.log);
}
/**
 * What a publish may delete under `dists/<suite>/main/`: by-hash copies listed by neither the
 * current nor the previous Release, and entry objects neither generation's manifests name.
 */
function prunableIn(releases, keepEntries) {
    const keep = new Set(releases.flatMap(releaseFilesAllHashes));
    return (key) => key.includes('/by-hash/')
        ? !keep.has(path.posix.basename(key))
        : key.includes(`/${ENTRIES_DIR$1}/`) && !keepEntries.has(key);
}
function releaseFilesAllHashes(release) {
    return [...release.matchAll(/^ ([0-9a-f]{32,128}) +\d+ \S+$/gm)].map((m) => m[1]);
}

/**
 * How the repodata's primary, filelists and other `.xml.gz` are cut: each file is a gzip member
 * opening the XML, one member per segment, and a member closing it. The manifest gives the
 * opening members' lengths, each segment's member lengths and count, the SHA-256 states after it
 * (see `RpmSegment`), where the list of its packages is kept and a filter of their names and
 * files (see segmented/entries.ts). It is a repomd.xml entry of our own type (dnf fetches only the
 * types it knows), so a publish reads the generation repomd.xml names.
 */
const SEGMENTS_TYPE = 'falco-publish-segments';
/** The folder, in repodata/, of the objects listing each segment's packages. */
const ENTRIES_DIR = 'repodata/falco-publish-segments';
const FORMAT = 'falco-publish rpm segments 3';
/**
 * Earlier layouts, still read so a repository they wrote goes on incrementally: 2 kept no digest
 * states and opened the XML with a package count; 1 also listed the entries inline.
 */
const FORMAT_2 = 'falco-publish rpm segments 2';
const FORMAT_1 = 'falco-publish rpm segments 1';
/**
 * The files a segment's `states` are given for, in order: the three `.xml.gz` (XML_FILES' order),
 * then the same three XML uncompressed (repomd.xml's open-checksum).
 */
const DIGESTED_FILES = 2 * XML_FILES.length;
const ENTRY_CODEC = {
    format: 'falco-publish rpm segment entries 1',
    toRow: (r) => [
        r.name,
        r.epoch,
        r.version,
        r.release,
        r.arch,
        r.location,
        r.sha256,
        r.size,
        r.sourceSha256 ?? r.sha256
    ],
    fromRow: ([name, epoch, version, release, arch, location, sha256, size, sourceSha256]) => ({
        name,
        epoch,
        version,
        release,
        arch,
        location,
        sha256,
        size,
        sourceSha256
    }),
    keys: (r) => lookupKeys(r.name, r.location)
};
function renderManifest(m) {
    return JSON.stringify({
        format: FORMAT,
        primarySha256: m.primarySha256,
        heads: m.heads,
        retention: m.retention ?? null,
        ...(m.pending?.size ? { pending: pendingToJson(m.pending) } : {}),
        segments: m.segments.map((s) => ({ ...segmentRef(s), states: s.states ?? null }))
    });
}
function parseManifest(text, where) {
    const raw = parseJson(text, where);
    if ((raw.format !== FORMAT && raw.format !== FORMAT_2 && raw.format !== FORMAT_1) ||
        !raw.primarySha256 ||
        raw.heads?.length !== 3) {
        throw new Error(`${where}: not a segment manifest this version of falco-publish reads`);
    }
    if (!Array.isArray(raw.segments))
        throw new Error(`${where}: no segment list`);
    return {
        primarySha256: raw.primarySha256,
        heads: raw.heads,
        retention: typeof raw.retention === 'number' ? raw.retention : undefined,
        pending: pendingFromJson(raw.pending),
        segments: raw.format === FORMAT_1
            ? inlineSegments(raw.segments, ENTRY_CODEC)
            : segmentsWithStates(raw.segments, where, DIGESTED_FILES)
    };
}

/**
 * Reading repodata another tool wrote (createrepo_c, createrepo) into records, so a publish
 * adopts the repository as it is: every package it lists stays listed with its XML exactly as
 * that tool rendered it, and no package file is read or rewritten.
 *
 * The XML is machine-written, one `<package>` element after another: each is cut out whole and
 * only the fields merging needs (name, EVR, arch, checksum, location, size) are read from it.
 */
const unescape = (s) => s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e) => {
    const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[e.toLowerCase()])
        return named[e.toLowerCase()];
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
});
/** The `<package ...>...</package>` elements of one XML file, each ending with a newline. */
function packageElements(xml) {
    const out = [];
    const close = '</package>';
    let at = 0;
    for (;;) {
        const start = xml.indexOf('<package', at);
        if (start < 0)
            return out;
        const end = xml.indexOf(close, start);
        if (end < 0)
            return out;
        out.push(xml.slice(start, end + close.length) + '\n');
        at = end + close.length;
    }
}
const attr = (tag, name) => {
    const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
    return m ? unescape(m[1]) : undefined;
};
const element = (xml, name) => {
    const m = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`).exec(xml);
    return m ? unescape(m[1]) : undefined;
};
const tagOf = (xml, name) => new RegExp(`<${name}\\s[^>]*>`).exec(xml)?.[0];
/** The identity of a filelists/other element, to pair it with its primary element. */
const pairKey = (pkgid, name, arch, evr) => `${pkgid} ${name}.${arch} ${evr}`;
const evrOf = (version) => `${attr(version, 'epoch') ?? '0'}:${attr(version, 'ver') ?? ''}-${attr(version, 'rel') ?? ''}`;
/**
 * The records of a repository from its primary, filelists and other XML (decompressed). `where`
 * names the repodata in errors. Filelists and other are paired with primary by package id,
 * name, arch and EVR (their order is the same in createrepo_c's output, but nothing needs it).
 */
function importRepodata(xml, where) {
    const pairs = (text) => {
        const out = new Map();
        for (const el of packageElements(text)) {
            const open = /^<package\s[^>]*>/.exec(el)?.[0] ?? '';
            const version = tagOf(el, 'version') ?? '';
            const key = pairKey(attr(open, 'pkgid') ?? '', attr(open, 'name') ?? '', attr(open, 'arch') ?? '', evrOf(version));
            const list = out.get(key);
            if (list)
                list.push(el);
            else
                out.set(key, [el]);
        }
        return out;
    };
    const filelists = pairs(xml.filelists);
    const other = pairs(xml.other);
    return packageElements(xml.primary).map((el, i) => {
        const name = element(el, 'name');
        const arch = element(el, 'arch');
        const version = tagOf(el, 'version');
        const checksumTag = tagOf(el, 'checksum');
        const checksum = /<checksum\s[^>]*>([0-9a-fA-F]+)<\/checksum>/.exec(el)?.[1];
        const location = attr(tagOf(el, 'location') ?? '', 'href');
        const size = Number(attr(tagOf(el, 'size') ?? '', 'package'));
        if (!name || !arch || !version || !checksumTag || !checksum || !location) {
            throw new Error(`${where}: package ${i + 1} of primary.xml lacks its name, arch, version, checksum or location; ` +
                `regenerate the repodata with createrepo_c, or start the repository anew`);
        }
        const type = attr(checksumTag, 'type') ?? 'sha256';
        const evr = evrOf(version);
        const key = pairKey(checksum, name, arch, evr);
        const take = (from, file) => {
            const found = from.get(key)?.shift();
            if (found === undefined)
                throw new Error(`${where}: ${file}.xml does not list ${name}-${evr}.${arch} (pkgid ${checksum}), which primary.xml lists; ` +
                    `regenerate the repodata with createrepo_c`);
            return found;
        };
        return {
            name,
            epoch: Number(attr(version, 'epoch') ?? '0') || 0,
            version: attr(version, 'ver') ?? '',
            release: attr(version, 'rel') ?? '',
            arch,
            location,
            // A checksum of another type cannot equal a file's SHA-256: it is kept prefixed, so a
            // file published again under that name is compared, never taken for the same bytes.
            sha256: type === 'sha256' ? checksum.toLowerCase() : `${type}:${checksum}`,
            size: Number.isFinite(size) ? size : 0,
            primary: el,
            filelists: take(filelists, 'filelists'),
            other: take(other, 'other')
        };
    });
}
/** Which tool wrote a repomd.xml, as far as it shows: createrepo_c lists open sizes. */
function repodataWriter(repomd) {
    return /<open-size>/.test(repomd) ? 'createrepo_c' : 'createrepo';
}
/** Every data entry of a repomd.xml, whichever tool wrote it: type -> location and checksum. */
function repomdFiles(xml) {
    const out = new Map();
    for (const m of xml.matchAll(/<data\s+type="([^"]+)"\s*>([\s\S]*?)<\/data>/g)) {
        const href = attr(tagOf(m[2], 'location') ?? '', 'href');
        const sum = /<checksum\s+type="([^"]+)"\s*>\s*([0-9a-fA-F]+)\s*<\/checksum>/.exec(m[2]);
        if (href)
            out.set(m[1], {
                location: href,
                checksum: sum ? { type: sum[1], value: sum[2].toLowerCase() } : undefined
            });
    }
    return out;
}

const entriesKey = (prefix, sha256) => `${prefix}/${ENTRIES_DIR}/${sha256}.json`;
async function readDnfSnapshot(store, prefix) {
    const current = await readVersioned(store, `${prefix}/repodata/repomd.xml`);
    if (!current)
        return { segments: [], load: () => Promise.resolve([]) };
    const data = parseRepomd(current.text);
    const where = `${prefix}/repodata/repomd.xml`;
    const listed = data.get(SEGMENTS_TYPE);
    // Written by another tool: its packages are read from its XML.
    if (!listed)
        return adoptRepodata(store, prefix, current);
    const manifest = parseManifest((await readListed(store, `${prefix}/${listed.location}`, 'repomd.xml', {
        sha256: listed.sha256
    })).toString('utf8'), `${where} (${SEGMENTS_TYPE})`);
    // Rewritten by another tool since (createrepo --update keeps our entry): read its XML.
    if (manifest.primarySha256 !== data.get('primary')?.sha256)
        return adoptRepodata(store, prefix, current);
    const keys = XML_FILES.map((f) => `${prefix}/${data.get(f.type).location}`);
    let bodies;
    return {
        etag: current.etag,
        repomd: current.text,
        segments: manifest.segments,
        retention: manifest.retention,
        pending: manifest.pending,
        layout: {
            keys,
            heads: manifest.heads,
            bodies: () => (bodies ??= Promise.all(keys.map((key) => readListed(store, key, 'repomd.xml'))))
        },
        load: async (s) => {
            const key = entriesKey(prefix, s.entriesSha256);
            const body = await readListed(store, key, `${where} (${SEGMENTS_TYPE})`);
            return parseSegmentEntries(body, s, ENTRY_CODEC, `${store.location}/${key}`);
        }
    };
}
/**
 * The generation of repodata another tool wrote: its records, their XML as that tool rendered
 * it, one segment of them, which the next publish re-compresses in our layout. Each file is
 * checked against the checksum repomd.xml lists for it.
 */
async function adoptRepodata(store, prefix, current) {
    const where = `${store.location}/${prefix}/repodata/repomd.xml`;
    const files = repomdFiles(current.text);
    const xml = await Promise.all(XML_FILES.map(async (f) => {
        const listed = files.get(f.type);
        if (!listed)
            throw new Error(`${where} lists no ${f.type} file; regenerate the repodata with createrepo_c, or start the repository anew`);
        const key = `${prefix}/${listed.location}`;
        const body = await readListed(store, key, 'repomd.xml', {
            sha256: listed.checksum?.type === 'sha256' ? listed.checksum.value : undefined
        });
        return Buffer.from(await decompressMember(listed.location, body)).toString('utf8');
    }));
    const records = importRepodata({ primary: xml[0], filelists: xml[1], other: xml[2] }, where);
    const segments = records.length
        ? [{ count: records.length, lengths: [], entries: records, entriesSha256: '', filter: '' }]
        : [];
    return {
        etag: current.etag,
        repomd: current.text,
        segments,
        load: () => Promise.resolve(records),
        adopted: {
            packages: records.length,
            from: `${repodataWriter(current.text)} repodata (${path.posix.basename(files.get('primary').location).replace(/^[0-9a-f]{32,}-/, '')})`
        }
    };
}
/**
 * The sha256 each of `files` (names at the repository's root) was published from, for those
 * the repodata lists: the file as given, before its header was signed.
 */
function publishedSources(snapshot, files) {
    return publishedDigests([snapshot], files, (r) => r.location, (r) => r.sourceSha256 ?? r.sha256);
}

/** rpm's version ordering (rpmvercmp) over `epoch:version-release`: retention keeps the newest. */
function compareRpmEvr(a, b) {
    return a.epoch - b.epoch || rpmvercmp(a.version, b.version) || rpmvercmp(a.release, b.release);
}
function rpmvercmp(a, b) {
    if (a === b)
        return 0;
    const sa = a.match(/~|\^|[0-9]+|[A-Za-z]+/g) ?? [];
    const sb = b.match(/~|\^|[0-9]+|[A-Za-z]+/g) ?? [];
    let i = 0;
    for (; i < sa.length && i < sb.length; i++) {
        const x = sa[i];
        const y = sb[i];
        if (x === y)
            continue;
        if (x === '~' || y === '~')
            return x === '~' ? -1 : 1;
        if (x === '^' || y === '^')
            return x === '^' ? -1 : 1;
        const xn = /^\d/.test(x);
        const yn = /^\d/.test(y);
        if (xn !== yn)
            return xn ? 1 : -1;
        if (xn) {
            const xs = x.replace(/^0+/, '');
            const ys = y.replace(/^0+/, '');
            if (xs.length !== ys.length)
                return xs.length - ys.length;
            if (xs === ys)
                continue;
            return xs < ys ? -1 : 1;
        }
        return x < y ? -1 : 1;
    }
    const ra = sa[i];
    const rb = sb[i];
    if (ra === undefined && rb === undefined)
        return 0;
    if (ra === '~')
        return -1;
    if (rb === '~')
        return 1;
    if (ra === '^')
        return rb === undefined ? 1 : -1;
    if (rb === '^')
        return ra === undefined ? -1 : 1;
    return ra === undefined ? -1 : 1;
}

/**
 * Merges a change into a snapshot (an added package replaces one with the same name/EVR/arch or
 * the same file name). Only the segments that may hold an added name or file are loaded, unless
 * the change must look at every record (removal patterns, or a smaller retention than the
 * repodata last satisfied).
 */
async function mergeDnf(snapshot, change) {
    const added = new Map();
    for (const pkg of change.added) {
        const rec = { ...recordOf(pkg, path.basename(pkg.file)), sourceSha256: pkg.sourceSha256 };
        added.set(recordKey(rec), rec);
    }
    const everything = needsEveryEntry(change, [snapshot]);
    // A pending file published again leaves the pending list: the segments naming it are read too.
    await loadMatching([snapshot], everything
        ? 'all'
        : [
            ...[...added.values()].flatMap((r) => [nameKey(r.name), fileKey(r.location)]),
            ...[...(snapshot.pending ?? new Map()).keys()].map(fileKey)
        ]);
    const replacedFiles = new Set([...added.values()].map((r) => r.location));
    const removed = (r) => change.remove?.(r.name, `${r.version}-${r.release}`) === true ||
        change.remove?.(r.name, r.version) === true;
    const loaded = snapshot.segments.flatMap((s) => s.entries ?? []);
    let survivors = new Set(loaded.filter((r) => !added.has(recordKey(r)) && !replacedFiles.has(r.location) && !removed(r)));
    let adds = [...added.values()].filter((r) => !removed(r));
    if (change.retention !== undefined) {
        const evr = (r) => `${r.epoch}:${r.version}-${r.release}`;
        const dropped = versionsBeyond([...survivors, ...adds], change.retention, (r) => r.name, evr, (a, b) => compareRpmEvr(b, a));
        if (dropped.size > 0) {
            const stays = (r) => !dropped.get(r.name)?.has(evr(r));
            survivors = new Set([...survivors].filter(stays));
            adds = adds.filter(stays);
        }
    }
    const stays = new Map();
    const gone = [];
    snapshot.segments.forEach((s, i) => {
        if (!s.entries)
            return;
        const kept = s.entries.filter((r) => survivors.has(r));
        if (kept.length === s.entries.length)
            return;
        stays.set(i, kept);
        gone.push(...s.entries.filter((r) => !survivors.has(r)));
    });
    // A file published again under its name stays; the others leave with their records.
    const addedFiles = new Set(adds.map((r) => r.location));
    const left = gone.filter((r) => !addedFiles.has(r.location));
    // An added package the retention drops at once was uploaded for nothing: it leaves with them,
    // unless its file is named still (published again under the name of a record that stays).
    const kept = new Set([...survivors].map((r) => r.location));
    const unindexed = [...added.values()]
        .map((r) => r.location)
        .filter((f) => !addedFiles.has(f) && !kept.has(f));
    const removedFiles = [...new Set([...left.map((r) => r.location), ...unindexed])];
    const { pending, due } = nextPending(snapshot.pending ?? new Map(), removedFiles, (f) => kept.has(f) || addedFiles.has(f), (change.now ?? (() => new Date()))(), change.graceMs ?? 0);
    return {
        survivors: (i) => stays.get(i),
        added: adds,
        retention: change.retention ?? snapshot.retention,
        pending,
        commit: {
            // What the retention dropped at once was not added.
            added: change.added.map((p) => path.basename(p.file)).filter((f) => addedFiles.has(f)),
            removed: left.map((r) => `${r.name}-${r.version}-${r.release}.${r.arch}`),
            removedFiles,
            pending,
            due
        }
    };
}

/**
 * The files of the next repodata: primary, filelists and other (`.xml.gz`), built from the
 * segments the merge keeps and the ones it adds, the segment manifest, and the objects listing
 * new segments' packages.
 */
const gunzip = promisify(gunzip$1);
/** Reads back the XML fragments of old records whose segment is being rebuilt. */
async function loadFragments(snapshot, plan) {
    const layout = snapshot.layout;
    if (!layout)
        return; // a new repository: every record is added, with its XML
    for (const i of segmentsToRead(snapshot.segments, plan, (r) => r.primary !== undefined)) {
        const members = segmentBytes(snapshot.segments, await layout.bodies(), i, layout.heads);
        const xml = await Promise.all(members.map(async (m) => splitFragments((await gunzip(m)).toString('utf8'))));
        snapshot.segments[i].entries.forEach((r, j) => {
            r.primary = xml[0][j];
            r.filelists = xml[1][j];
            r.other = xml[2][j];
        });
    }
}
/**
 * The files of the next repodata: primary/filelists/other, the manifest, and the objects
 * listing the packages of new segments; then the segments they are cut into.
 *
 * Each XML file opens the same way in every generation, so its digests, compressed and open,
 * resume from the states saved after the old segments it keeps at its start: adding a package
 * hashes its new segment and the closing tag, not the 13 MiB of XML of 10,000 packages. A store
 * that can extend an object (the file store) writes only the bytes after those segments, and the
 * old files are not read; another store gets whole files, assembled from the old ones.
 */
async function nextRepodata(o, snapshot, merge) {
    const old = snapshot.segments;
    const layout = snapshot.layout;
    const plan = await planSegments(old, merge.survivors, merge.added, async (i) => (old[i].entries ??= await snapshot.load(old[i])));
    await loadFragments(snapshot, plan);
    const built = plan.map((p) => ('keep' in p ? undefined : buildSegment(p.build)));
    const frame = repodataFrame();
    // Kept segments exist only where there was a repository, hence a layout.
    const oldHeads = layout?.heads ?? [];
    const compressed = plannedBytes(plan, built, old, () => layout.bodies(), oldHeads);
    const { digests, states } = await segmentedDigests(plan, old, (first) => Promise.all(plan.slice(first).map((_, j) => digestedBytes(compressed.of, built, first + j))), frame, 'sha256');
    const leading = o.store.extend ? extendable(plan, old, oldHeads, frame.heads) : 0;
    const parts = await compressed.from(leading);
    const files = XML_FILES.map((f, i) => {
        const data = repomdData(f.type, digests[i], digests[XML_FILES.length + i]);
        const written = [...parts.map((b) => b[i]), frame.tails[i]];
        if (leading === 0)
            return { data, body: Buffer.concat([frame.heads[i], ...written]) };
        const keep = keptPrefix(old, leading, i, oldHeads[i]);
        return { data, extend: { from: layout.keys[i], keep, append: written } };
    });
    const { segments, entryObjects } = nextSegments(plan, built, old, states, ENTRY_CODEC, (sha) => entriesKey(o.prefix, sha));
    const manifest = Buffer.from(renderManifest({
        primarySha256: files[0].data.sha256,
        heads: frame.heads.slice(0, XML_FILES.length).map((h) => h.length),
        retention: merge.retention,
        pending: merge.pending,
        segments
    }));
    files.push({ data: manifestData(manifest), body: manifest });
    return { files, entryObjects, segments };
}
/**
 * How many old segments at the start of each file stay where they are, when the old files can be
 * extended after them (else 0): only when a manifest with states was written, hence with the
 * openings of today, and those openings are as long as now.
 */
function extendable(plan, old, oldHeads, heads) {
    const leading = appendsAfter(plan);
    if (leading === 0 || old[leading - 1].states === undefined)
        return 0;
    return oldHeads.every((length, f) => length === heads[f].length) ? leading : 0;
}
/** A new segment: its XML in each file, and that compressed. */
function buildSegment(records) {
    const xml = XML_FILES.map((f) => Buffer.from(records.map((r) => f.fragment(r)).join('')));
    return { xml, bytes: xml.map((x) => gzip(x)) };
}
/**
 * What frames the segments of the digested files: the three .xml.gz, then the same XML open
 * (see DIGESTED_FILES). Each opens and closes the same way in every generation.
 */
function repodataFrame() {
    const opens = XML_FILES.map((f) => Buffer.from(f.open));
    const closes = XML_FILES.map((f) => Buffer.from(f.close));
    return {
        heads: [...opens.map((x) => gzip(x)), ...opens],
        tails: [...closes.map((x) => gzip(x)), ...closes]
    };
}
/** Planned segment i in every digested file: its gzip members, then its XML (a kept one's inflated). */
async function digestedBytes(compressed, built, i) {
    const gz = await compressed(i);
    const xml = built[i]?.xml ?? (await Promise.all(gz.map((m) => gunzip(m))));
    return [...gz, ...xml];
}
/** The repomd.xml entry of an XML file, from its digests compressed and open. */
function repomdData(type, gz, open) {
    return {
        type,
        location: `repodata/${gz.sha256}-${type}.xml.gz`,
        sha256: gz.sha256,
        size: gz.size,
        openSha256: open.sha256,
        openSize: open.size
    };
}
/** The repomd.xml entry of the segment manifest (stored as it is: open and compressed alike). */
function manifestData(manifest) {
    const sha256 = sha256Hex(manifest);
    return {
        type: SEGMENTS_TYPE,
        location: `repodata/${sha256}-segments.json`,
        sha256,
        size: manifest.length,
        openSha256: sha256,
        openSize: manifest.length
    };
}

/**
 * One dnf repository in the store (`packages/rpm` or `packages/rpm-dev`): packages at the root,
 * `repodata/` with content-addressed `<sha256>-primary.xml.gz` & co. (older generations stay
 * readable while clients hold an older repomd.xml), and repomd.xml + repomd.xml.asc last,
 * repomd.xml written with a compare-and-swap.
 *
 * What the repodata holds is kept as an extra repomd entry of type `falco-publish-segments`
 * (dnf ignores types it does not know): a publish merges into it without downloading or
 * re-reading any package, and re-compresses only the segments that change.
 *
 * Its parts: reading the signed generation (dnf-snapshot.ts), signing packages (dnf-sign.ts),
 * merging a change (dnf-merge.ts) and the next repodata (dnf-repodata.ts).
 */
async function commitDnf(change, o) {
    const superseded = listSuperseded(o.store, `${o.prefix}/repodata/`);
    const { snapshot, repomd, signature, commit, segments, committed } = await retryOnConflict(async (attempt) => {
        const snapshot = attempt === 1 && o.snapshot ? o.snapshot : await readDnfSnapshot(o.store, o.prefix);
        const merge = await mergeDnf(snapshot, change);
        const { files, entryObjects, segments } = await nextRepodata(o, snapshot, merge);
        // The packages, and the objects the manifest names, exist before repomd.xml names them.
        const writing = Promise.all([
            o.stored,
            ...entryObjects.map((e) => o.uploader.immutable(e.key, e.body, 'index', e.sha256)),
            ...files.map((f) => {
                const key = `${o.prefix}/${f.data.location}`;
                return f.extend
                    ? o.uploader.extend(f.extend, key, f.data.sha256, 'index')
                    : o.uploader.immutable(key, f.body, 'index', f.data.sha256);
            })
        ]);
        const revision = Math.floor((o.now ?? (() => new Date()))().getTime() / 1000);
        const data = files.map((f) => f.data);
        const repomd = renderRepomd(revision, data);
        // Signed while the files are written, before the commit, so the signature follows
        // repomd.xml as closely as it can.
        // Awaited below; a write that fails first leaves it unread.
        const signed = awaitedLater(detachSign(repomd, o.keys));
        await writing;
        const signature = await signed;
        // Files pending deletion whose grace has passed go before the generation that forgets
        // them commits: a publish stopped in between leaves them pending, never unnamed.
        await deletePackageFiles(o.store, o.prefix, merge.commit.due, o.log);
        const committed = await o.uploader.commit(`${o.prefix}/repodata/repomd.xml`, repomd, snapshot.etag, 'index');
        return { snapshot, repomd, signature, commit: merge.commit, segments, committed };
    }, mergingAgain(o.log, o.prefix));
    const keep = new Set([...segments, ...snapshot.segments].map((s) => entriesKey(o.prefix, s.entriesSha256)));
    // The signature follows repomd.xml; what no generation names any more goes meanwhile.
    await Promise.all([
        finishDnf(o, { text: repomd, signature }, committed),
        // Another publish may have committed since: what its generation names stays too.
        readDnfSnapshot(o.store, o.prefix).then((current) => {
            for (const s of current.segments)
                keep.add(entriesKey(o.prefix, s.entriesSha256));
            return pruneRepodata(o, superseded, [repomd, snapshot.repomd ?? '', current.repomd ?? ''], keep);
        })
    ]);
    logPending(o.log, o.prefix, commit.removedFiles, commit.pending);
    return commit;
}
/**
 * Deletes repodata files named by neither the current nor the previous repomd.xml, nor by
 * their manifests.
 */
async function pruneRepodata(o, superseded, repomds, entryObjects) {
    const keep = new Set([
        ...repomds.flatMap((x) => [...parseRepomd(x).values()].map((d) => `${o.prefix}/${d.location}`)),
        ...entryObjects
    ]);
    await pruneSuperseded(o.store, superseded, (key) => !/repomd\.xml(\.asc)?$/.test(key) && !keep.has(key), o.log);
}

/**
 * RPM header structures: an 8-byte magic+reserved, the entry count and data size, 16-byte index
 * entries (tag, type, offset, count), then the data store. Used for the signature header and
 * the main header alike.
 */
const HEADER_MAGIC = Buffer.from([0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0]);
var RpmType;
(function (RpmType) {
    RpmType[RpmType["NULL"] = 0] = "NULL";
    RpmType[RpmType["CHAR"] = 1] = "CHAR";
    RpmType[RpmType["INT8"] = 2] = "INT8";
    RpmType[RpmType["INT16"] = 3] = "INT16";
    RpmType[RpmType["INT32"] = 4] = "INT32";
    RpmType[RpmType["INT64"] = 5] = "INT64";
    RpmType[RpmType["STRING"] = 6] = "STRING";
    RpmType[RpmType["BIN"] = 7] = "BIN";
    RpmType[RpmType["STRING_ARRAY"] = 8] = "STRING_ARRAY";
    RpmType[RpmType["I18NSTRING"] = 9] = "I18NSTRING";
})(RpmType || (RpmType = {}));
const SIZES = {
    [RpmType.CHAR]: 1,
    [RpmType.INT8]: 1,
    [RpmType.INT16]: 2,
    [RpmType.INT32]: 4,
    [RpmType.INT64]: 8,
    [RpmType.BIN]: 1
};
/** The size a header starting at `buf[0]` will have, once its 16-byte intro is available. */
function headerLength(intro, what) {
    if (intro.length < 16)
        throw new Error(`${what}: truncated header intro`);
    if (!intro.subarray(0, 4).equals(HEADER_MAGIC.subarray(0, 4)))
        throw new Error(`${what}: bad header magic`);
    const il = intro.readUInt32BE(8);
    const dl = intro.readUInt32BE(12);
    if (il > 0xffff || dl > 256 * 1024 * 1024)
        throw new Error(`${what}: implausible header size (${il} entries, ${dl} bytes)`);
    return 16 + il * 16 + dl;
}
function parseHeader(buf, what) {
    const length = headerLength(buf, what);
    if (buf.length < length)
        throw new Error(`${what}: truncated (header needs ${length} bytes, file has ${buf.length})`);
    const il = buf.readUInt32BE(8);
    const dl = buf.readUInt32BE(12);
    const store = buf.subarray(16 + il * 16, length);
    const entries = [];
    for (let i = 0; i < il; i++) {
        const at = 16 + i * 16;
        const tag = buf.readUInt32BE(at);
        const type = buf.readUInt32BE(at + 4);
        const offset = buf.readInt32BE(at + 8);
        const count = buf.readUInt32BE(at + 12);
        if (offset < 0 || offset > dl)
            throw new Error(`${what}: entry ${tag} points outside the data store`);
        let end;
        const size = SIZES[type];
        if (size !== undefined)
            end = offset + size * count;
        else if (type === RpmType.STRING ||
            type === RpmType.STRING_ARRAY ||
            type === RpmType.I18NSTRING) {
            end = offset;
            const n = type === RpmType.STRING ? 1 : count;
            for (let k = 0; k < n; k++) {
                const nul = store.indexOf(0, end);
                if (nul < 0)
                    throw new Error(`${what}: unterminated string in entry ${tag}`);
                end = nul + 1;
            }
        }
        else if (type === RpmType.NULL)
            end = offset;
        else
            throw new Error(`${what}: entry ${tag} has unknown type ${type}`);
        if (end > dl)
            throw new Error(`${what}: entry ${tag} runs past the data store`);
        entries.push({ tag, type, count, data: Buffer.from(store.subarray(offset, end)) });
    }
    return { entries, length };
}
/** Typed access to a parsed header's values. */
class HeaderValues {
    header;
    byTag;
    constructor(header) {
        this.header = header;
        this.byTag = new Map(header.entries.map((e) => [e.tag, e]));
    }
    has(tag) {
        return this.byTag.has(tag);
    }
    string(tag) {
        return this.strings(tag)[0];
    }
    strings(tag) {
        const e = this.byTag.get(tag);
        if (!e)
            return [];
        if (e.type !== RpmType.STRING &&
            e.type !== RpmType.STRING_ARRAY &&
            e.type !== RpmType.I18NSTRING)
            return [];
        const parts = e.data.toString('utf8').split('\0');
        return parts.slice(0, e.type === RpmType.STRING ? 1 : e.count);
    }
    numbers(tag) {
        const e = this.byTag.get(tag);
        if (!e)
            return [];
        const out = [];
        for (let i = 0; i < e.count; i++) {
            if (e.type === RpmType.INT32)
                out.push(e.data.readUInt32BE(i * 4));
            else if (e.type === RpmType.INT16)
                out.push(e.data.readUInt16BE(i * 2));
            else if (e.type === RpmType.INT64)
                out.push(Number(e.data.readBigUInt64BE(i * 8)));
            else if (e.type === RpmType.INT8 || e.type === RpmType.CHAR)
                out.push(e.data[i]);
        }
        return out;
    }
    number(tag) {
        return this.numbers(tag)[0];
    }
}
const ALIGN = {
    [RpmType.INT16]: 2,
    [RpmType.INT32]: 4,
    [RpmType.INT64]: 8
};
/** RPMTAG_HEADERSIGNATURES: the region tag that makes a signature header immutable. */
const REGION_SIGNATURES = 62;
/**
 * Serializes a signature header the way rpm writes one: a region entry (tag 62) first whose
 * trailer, at the end of the data store, covers every entry; entries sorted by tag and aligned.
 */
function serializeSignatureHeader(entries) {
    const sorted = entries.filter((e) => e.tag !== REGION_SIGNATURES).sort((a, b) => a.tag - b.tag);
    const il = sorted.length + 1;
    const index = [];
    const data = [];
    let dl = 0;
    const entry = (tag, type, offset, count) => {
        const b = Buffer.alloc(16);
        b.writeUInt32BE(tag, 0);
        b.writeUInt32BE(type, 4);
        b.writeInt32BE(offset, 8);
        b.writeUInt32BE(count, 12);
        return b;
    };
    for (const e of sorted) {
        const align = ALIGN[e.type] ?? 1;
        const pad = (align - (dl % align)) % align;
        if (pad) {
            data.push(Buffer.alloc(pad));
            dl += pad;
        }
        index.push(entry(e.tag, e.type, dl, e.count));
        data.push(e.data);
        dl += e.data.length;
    }
    const trailer = entry(REGION_SIGNATURES, RpmType.BIN, -(il * 16), 16);
    const region = entry(REGION_SIGNATURES, RpmType.BIN, dl, 16);
    data.push(trailer);
    dl += 16;
    const intro = Buffer.alloc(16);
    HEADER_MAGIC.copy(intro);
    intro.writeUInt32BE(il, 8);
    intro.writeUInt32BE(dl, 12);
    return Buffer.concat([intro, region, ...index, ...data]);
}

/** A package file that cannot be published: names the file and what is wrong with it. */
class PackageFormatError extends Error {
    file;
    constructor(file, problem) {
        super(`${file}: ${problem}`);
        this.file = file;
        this.name = 'PackageFormatError';
    }
}

/** The architectures tarballs are published for, each in its own folder. */
const TARBALL_ARCHES$1 = ['x86_64', 'aarch64'];
const ARCH_ALIASES = {
    x86_64: 'x86_64',
    amd64: 'x86_64',
    aarch64: 'aarch64',
    arm64: 'aarch64'
};
/** Flavours that run anywhere, so their tarballs name no architecture (Falco's `-wasm`). */
const ARCHLESS_FLAVOURS = new Set(['wasm', 'noarch', 'all']);
/** Words that end a semver prerelease (`0.40.0-rc`), never a flavour. */
const PRERELEASE_WORDS = new Set(['alpha', 'beta', 'rc', 'pre', 'dev']);
function parseTarballName(file) {
    const base = path.basename(file);
    const m = /^(.+?)-(\d[^-]*(?:-[^-]+)*?)(?:-(x86_64|amd64|aarch64|arm64))?\.tar\.gz$/.exec(base);
    if (!m) {
        throw new PackageFormatError(base, 'cannot tell the version; name tarballs <name>-<version>[-<flavour>]-<x86_64|aarch64>.tar.gz, ' +
            'or <name>-<version>-<flavour>.tar.gz for one without an architecture');
    }
    let version = m[2];
    let flavour;
    const cut = /^(.+)-([a-z]+)$/.exec(version);
    if (cut && !PRERELEASE_WORDS.has(cut[2])) {
        version = cut[1];
        flavour = cut[2];
    }
    const arch = m[3] ? ARCH_ALIASES[m[3]] : undefined;
    // Without an arch, only a flavour known to need none: `-sparc` is an arch we do not publish.
    if (!arch && !(flavour && ARCHLESS_FLAVOURS.has(flavour))) {
        throw new PackageFormatError(base, 'cannot tell the architecture; name tarballs <name>-<version>[-<flavour>]-<x86_64|aarch64>.tar.gz, ' +
            `or <name>-<version>-<${[...ARCHLESS_FLAVOURS].join('|')}>.tar.gz for one without an architecture`);
    }
    return { file: base, name: m[1], version, ...(flavour ? { flavour } : {}), arch };
}
/** The browsable index of a tarball channel, as JSON (for scripts) and HTML (for people). */
function renderListing(title, entries, pending = new Map()) {
    const sorted = [...entries].sort((a, b) => byCodeUnit(a.path, b.path));
    // `dropped`: tarballs the retention or a removal took out whose files stay until their grace
    // has passed (`droppedSince`, see repo/pending.ts); a publish never adopts them back.
    const dropped = [...pending.keys()].sort(byCodeUnit);
    const json = JSON.stringify(dropped.length
        ? {
            title,
            files: sorted,
            dropped,
            droppedSince: Object.fromEntries(dropped.map((d) => [d, pending.get(d).toISOString()]))
        }
        : { title, files: sorted }, null, 2) + '\n';
    const esc = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
    const rows = sorted
        .map((e) => `<tr><td><a href="${esc(e.path.split('/').map(encodeURIComponent).join('/'))}">${esc(e.path)}</a></td>` +
        `<td>${e.size ?? ''}</td><td><code>${e.sha256}</code></td></tr>`)
        .join('\n');
    const html = `<!doctype html>\n<html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>\n` +
        `<h1>${esc(title)}</h1>\n<p>Checksums: <code>&lt;arch&gt;/SHA256SUMS</code>, signed in <code>SHA256SUMS.asc</code>.</p>\n` +
        `<table><thead><tr><th>file</th><th>bytes</th><th>sha256</th></tr></thead><tbody>\n${rows}\n</tbody></table>\n</body></html>\n`;
    return { json, html };
}

/**
 * The package stage's keys, read and checked at plan time: a key that cannot sign, or one that
 * is not the key the repositories are signed with, stops the run before a byte is written. A
 * dry run without a key still prints the whole plan, with signing marked as skipped.
 * Undefined when there is nothing to sign.
 */
async function planSigning(ctx, operations, 
/** Started early by the caller (readPublishedSigning), or read here. */
published) {
    const { gpgPrivateKey, gpgPassphrase } = ctx.inputs.packaging;
    if (!operations.some((o) => o.action !== 'skip'))
        return undefined;
    if (gpgPrivateKey === '') {
        if (!ctx.inputs.dryRun) {
            throw new Error("input 'gpg-private-key': required to publish packages (the repositories and every " +
                'package are signed); give the armoured private key, from a secret');
        }
        ctx.log.warning("dry-run without 'gpg-private-key': signing is skipped in this plan; a real publish needs the key");
        operations.push({
            action: 'skip',
            target: 'signatures',
            reason: "signing skipped: no 'gpg-private-key' (dry-run)"
        });
        return undefined;
    }
    mark('plan');
    published ??= readPublishedSigning(ctx.store);
    const keys = await loadSigningKeys(gpgPrivateKey, gpgPassphrase).catch((e) => {
        throw new Error(`input 'gpg-private-key': ${e.message}`);
    });
    await checkSigningKeys(keys);
    const publicKey = await published.publicKey;
    if (publicKey) {
        checkKeyContinuity(await publicKeyFingerprints(publicKey.toString('utf8')), keys, `${ctx.store.location}/${PUBLIC_KEY_KEY}`);
    }
    // The key file is rewritten with these keys: every channel's metadata must be signed by one of
    // them, or the channel this run leaves alone would fail every client's check. This also holds
    // when no key file was published yet (a repository signed elsewhere).
    await checkSignedBy(ctx.store, published.signatures, keys);
    mark('key');
    return keys;
}
/**
 * Starts reading, all at once, the files the key checks look at: on a remote store each is a
 * round trip, and read one after the other they were nine in a row before a plan could end. The
 * plan starts this before its own reads, so that they overlap. A read that fails is reported by
 * the check that awaits it (and only then: a plan that signs nothing never looks).
 */
function readPublishedSigning(store) {
    // Each is awaited, and its failure reported, by the check, if it runs.
    return {
        publicKey: awaitedLater(readObject(store, PUBLIC_KEY_KEY)),
        signatures: ['stable', 'dev']
            .flatMap((channel) => metadataSignatures(channel))
            .map((key) => [key, awaitedLater(readObject(store, key).then((b) => b?.toString('utf8')))])
    };
}
/**
 * The signature files of a channel's metadata: InRelease, repomd.xml.asc and each tarball
 * architecture's SHA256SUMS.asc (named, not listed: a listing costs more, and an http store's
 * folder holding index.html answers with the page).
 */
function metadataSignatures(channel) {
    const repos = repositoriesFor(channel);
    return [
        `${repos.deb}/dists/stable/InRelease`,
        `${repos.rpm}/repodata/repomd.xml.asc`,
        ...TARBALL_ARCHES$1.map((arch) => `${repos.bin}/${arch}/SHA256SUMS.asc`)
    ];
}
async function checkSignedBy(store, signatures, keys) {
    const ours = new Set(keys.keyIds.flat());
    for (const [key, read] of signatures) {
        const text = await read;
        if (!text)
            continue;
        const ids = await signerKeyIds(text);
        if (ids.length === 0 || ids.some((id) => ours.has(id)))
            continue;
        throw new Error(`input 'gpg-private-key': ${store.location}/${key} is signed by key id ${ids.join(', ')}, ` +
            `which the key given (${keys.fingerprints.join(', ')}) does not hold. Publishing would ` +
            `replace the public key users check it with. To rotate keys, give both keys in ` +
            `gpg-private-key (old and new); to move to the new key, run 'falco-publish re-sign' ` +
            `for each channel. Nothing was written.`);
    }
}

/**
 * A tarball channel (`packages/bin` or `packages/bin-dev`): `<arch>/<file>` with `.asc`, a signed
 * `<arch>/SHA256SUMS` (bare file names, so `sha256sum -c` works in a folder of downloads), and
 * `index.json` + `index.html` for the whole channel. index.json is the state a publish merges
 * into (compare-and-swap on it); the SHA256SUMS files and the HTML are rendered from it.
 */
const TARBALL_ARCHES = ['x86_64', 'aarch64'];
/** The folder of a listed path: its arch, or '' for a tarball at the root (arch-less ones). */
const folderOf = (p) => (p.includes('/') ? p.split('/')[0] : '');
/** Where a folder's SHA256SUMS is. */
const sumsKey = (prefix, folder) => folder ? `${prefix}/${folder}/SHA256SUMS` : `${prefix}/SHA256SUMS`;
/** `<arch>/SHA256SUMS` for every architecture (empty when it has no tarballs left); '' is the root. */
function sumsByArch(entries) {
    const out = new Map();
    const arches = new Set([...TARBALL_ARCHES, ...entries.map((e) => folderOf(e.path))]);
    for (const arch of arches) {
        const sums = new Map(entries
            .filter((e) => folderOf(e.path) === arch)
            .map((e) => [e.path.slice(arch ? arch.length + 1 : 0), e.sha256]));
        out.set(arch, renderSums(sums));
    }
    return out;
}
function mergeTarballs(existing, change) {
    const byPath = new Map(existing.map((e) => [e.path, e]));
    for (const e of change.added)
        byPath.set(e.path, e);
    let entries = [...byPath.values()];
    const meta = (e) => {
        try {
            // A flavour (`-static`) keeps the version: retention counts it with the plain tarball.
            const n = parseTarballName(e.path);
            return { name: n.name, version: n.version, arch: n.arch ?? '' };
        }
        catch {
            return { name: e.path, version: '', arch: '' };
        }
    };
    entries = entries.filter((e) => !change.remove?.(meta(e).name, meta(e).version));
    if (change.retention !== undefined) {
        const group = (e) => `${meta(e).name} ${meta(e).arch}`;
        const dropped = versionsBeyond(entries, change.retention, group, (e) => meta(e).version, (a, b) => compareDebVersions(meta(b).version, meta(a).version));
        entries = entries.filter((e) => !dropped.get(group(e))?.has(meta(e).version));
    }
    const kept = new Set(entries.map((e) => e.path));
    // An added tarball the retention drops at once was uploaded for nothing: it goes too.
    const candidates = new Set([...existing, ...change.added].map((e) => e.path));
    return { entries, removed: [...candidates].filter((p) => !kept.has(p)) };
}
async function readTarballState(store, prefix) {
    const current = await readVersioned(store, `${prefix}/index.json`);
    const entries = current ? parseListing(store, prefix, current.text) : [];
    const pending = current ? parseDropped(current.text) : new Map();
    const wasDropped = new Set(pending.keys());
    const known = new Set(entries.map((e) => e.path));
    const foreign = [];
    const dropped = [];
    for await (const o of scan(store, `${prefix}/`)) {
        const rel = o.key.slice(prefix.length + 1);
        // `<arch>/<file>.tar.gz`, or `<file>.tar.gz` at the root (arch-less repositories).
        if (!/^(?:[^/]+\/)?[^/]+\.tar\.gz$/.test(rel) || known.has(rel))
            continue;
        if (wasDropped.has(rel))
            dropped.push(rel);
        else
            foreign.push({ path: rel, size: o.size });
    }
    return { entries, etag: current?.etag, foreign, dropped, pending };
}
/** `dropped` with `droppedSince`; one without a time (an older index.json) is due at once. */
function parseDropped(text) {
    try {
        const raw = JSON.parse(text);
        const since = pendingFromJson(raw.droppedSince);
        const dropped = Array.isArray(raw.dropped)
            ? raw.dropped.filter((d) => typeof d === 'string')
            : [];
        return new Map(dropped.map((d) => [d, since.get(d) ?? new Date(0)]));
    }
    catch {
        return new Map(); // parseListing names the file
    }
}
function parseListing(store, prefix, text) {
    try {
        return JSON.parse(text).files ?? [];
    }
    catch (e) {
        throw new Error(`${store.location}/${prefix}/index.json is not valid JSON (${e.message})`);
    }
}
/** The sha256 of stored tarballs, read once per run (adoption hashes each foreign one once). */
class StoredDigests {
    store;
    prefix;
    known = new Map();
    constructor(store, prefix) {
        this.store = store;
        this.prefix = prefix;
    }
    /** Undefined when the file went meanwhile (a racing publish's retention deleted it). */
    of(rel) {
        let found = this.known.get(rel);
        if (!found) {
            found = digestObject(this.store, `${this.prefix}/${rel}`).then((d) => d?.sha256);
            this.known.set(rel, found);
        }
        return found;
    }
    /** Listing entries for the foreign tarballs of `state`, four read at a time. */
    async adopt(state) {
        const read = await pLimit(4).map(state.foreign, async (f) => ({
            path: f.path,
            sha256: await this.of(f.path),
            size: f.size
        }));
        return read.flatMap(({ path, sha256, size }) => (sha256 ? [{ path, sha256, size }] : []));
    }
}
async function commitTarballs(change, o) {
    const digests = o.digests ?? new StoredDigests(o.store, o.prefix);
    let adoptedCount = 0;
    const { removed, committed } = await retryOnConflict(async (attempt) => {
        // The plan's read, the first time: a stale one loses the compare-and-swap and is read again.
        const state = attempt === 1 && o.state ? o.state : await readTarballState(o.store, o.prefix);
        // Added ones are listed from what was published; the others another tool put there.
        const addedPaths = new Set(change.added.map((e) => e.path));
        const adopted = await digests.adopt({
            ...state,
            foreign: state.foreign.filter((f) => !addedPaths.has(f.path))
        });
        adoptedCount = adopted.length;
        const { entries, removed } = mergeTarballs([...state.entries, ...adopted], change);
        const listed = new Set(entries.map((e) => e.path));
        const { pending, due } = nextPending(state.pending, removed, (p) => listed.has(p), (change.now ?? (() => new Date()))(), change.graceMs ?? 0);
        const { json } = renderListing(o.title, entries, pending);
        // Due ones go before the listing that forgets them commits (see apt.ts).
        await deletePackageFiles(o.store, o.prefix, due, o.log);
        const committed = await o.uploader.commit(`${o.prefix}/index.json`, json, state.etag, 'listing');
        logPending(o.log, o.prefix, removed, pending);
        return { removed, committed };
    }, mergingAgain(o.log, o.prefix));
    await finishTarballs(o, committed);
    return { removed, adopted: adoptedCount };
}
/**
 * SHA256SUMS, its signature and index.html are derived from index.json, the commit point: each is
 * written when it does not match the current index.json (see finish.ts: a publish that committed
 * earlier can reach these writes after one that committed later, and a publish can stop between
 * the commit and these writes; whoever finishes last leaves the files of the current generation).
 */
function finishTarballs(o, committed) {
    const key = `${o.prefix}/index.json`;
    return followCommitPoint(o, key, (text) => finishListing(o, text), committed);
}
/** SHA256SUMS and its signature per arch, and index.html, of the listing `text`. */
async function finishListing(o, text) {
    const entries = parseListing(o.store, o.prefix, text);
    await Promise.all([
        ...[...sumsByArch(entries)].map(async ([arch, sums]) => {
            const key = sumsKey(o.prefix, arch);
            // An architecture that never had a tarball gets no empty SHA256SUMS.
            if (sums === '' && !(await statObject(o.store, key)))
                return;
            // SHA256SUMS just rewritten: its signature cannot be of these bytes, and is not read.
            const rewritten = await ensureText(o, key, sums);
            const presigned = rewritten
                ? { text: sums, signature: await detachSign(sums, o.keys) }
                : undefined;
            await ensureSignature(o, `${key}.asc`, sums, presigned);
        }),
        ensureText(o, `${o.prefix}/index.html`, renderListing(o.title, entries).html, 'text/html')
    ]);
}

/**
 * falco-publish on the command line: the action's pipeline, with inputs as flags and the workflow
 * context from flags or the local git checkout.
 */
/** The commands, in the order `--help` lists them; a new one is one more row. */
const COMMANDS = [
    { name: 'publish', summary: "run the action's pipeline (the default)", run: runPipeline },
    {
        name: 'demo',
        summary: 'publish the sample artifacts of examples/ into ./public as a development release',
        run: async (args, workspace, log) => {
            await demoDefaults(args, workspace, log);
            return runPipeline(args, workspace, log);
        }
    },
    {
        name: 'remove',
        summary: `unpublish the packages matching --remove name=version patterns (wildcards: *) from
      the --channel (dev or stable) apt, dnf and tarball repositories, and re-sign them`,
        run: (args, workspace, log) => maintain('remove', args, workspace, log)
    },
    {
        name: 're-sign',
        summary: `sign every index and package signature of the --channel repositories again with
      --gpg-private-key (several keys during a rotation); no package is uploaded again`,
        run: (args, workspace, log) => maintain('re-sign', args, workspace, log)
    },
    {
        name: 'collect',
        summary: `delete the .deb and .rpm files (and their .asc) of the --channel repositories that
      no index nor pending deletion names (left by a publish stopped before its commit), once older
      than --package-deletion-grace minutes; --dry-run prints them and deletes nothing (unlisted
      tarballs are left for the next publish to adopt)`,
        run: collect
    },
    {
        name: 'drivers-check',
        summary: `parse and validate the driverkit configs of --drivers-config (the folders of
      --driver-versions, or all), write nothing; exit 1 when one is invalid. (To refresh the
      driver listings only, run publish with --shard index.)`,
        run: driversCheck
    },
    {
        name: 'drivers-generate',
        summary: `write a driverkit config into --drivers-config for every kernel of --kernel-list
      that has none, for each of --driver-versions`,
        run: async (args, workspace, log) => (await import('./generate-9WJdW6R_.js')).driversGenerateCommand(args.inputs, workspace, log)
    },
    {
        name: 'drivers-verify',
        summary: `download a driver by falcoctl's URL and check its .sha256 and .asc (flags of its
      own: drivers-verify --help)`,
        own: async (argv) => (await import('./verify-BUWIiZoZ.js')).driversVerifyCommand(argv)
    },
    {
        name: 'push-images',
        summary: `push local images to registries under given tags, outside a release (flags of its
      own: push-images --help)`,
        own: async (argv) => (await import('./commands-DwBDXSR6.js')).pushImagesCommand(argv, consoleLogger({ verbose: argv.includes('--verbose') }))
    },
    {
        name: 'verify',
        summary: `check every repository in --store as clients fetch it through --public-url
      (signatures, index hashes, by-hash files, every listed package); exit 1 on a mismatch.
      --published-file <file> (a run's published-file output) checks what that run published
      instead, its drivers and images included`,
        run: verify$1
    }
];
/**
 * A file of the action's own folder (action.yml, package.json): the folder above src/ when this
 * runs from the sources, two above when it runs from the bundle (dist/chunks/, see cli-start.ts).
 */
async function ownFile(name) {
    const beside = new URL(`../${name}`, import.meta.url);
    return readFile(beside, 'utf8').catch((error) => {
        if (error.code !== 'ENOENT')
            throw error;
        return readFile(new URL(`../../${name}`, import.meta.url), 'utf8');
    });
}
async function help() {
    const { parse } = await import('./index-CLLX3Qm8.js').then(function (n) { return n.i; });
    return renderHelp(parse(await ownFile('action.yml')), COMMANDS);
}
/** Runs one command line; the exit code is returned, not set (tests run it in-process). */
async function main(argv) {
    mark('modules');
    const own = COMMANDS.find((c) => c.name === argv[0])?.own;
    if (own)
        return own(argv.slice(1));
    let args;
    try {
        args = parseArgs(argv, COMMANDS.map((c) => c.name));
    }
    catch (error) {
        if (error instanceof UsageError) {
            process.stderr.write(`falco-publish: ${error.message}\n`);
            return 2;
        }
        throw error;
    }
    if (args.help) {
        process.stdout.write(await help());
        return 0;
    }
    if (args.version) {
        process.stdout.write(`${JSON.parse(await ownFile('package.json')).version}\n`);
        return 0;
    }
    const log = consoleLogger({ verbose: args.verbose || process.env.RUNNER_DEBUG === '1' });
    const workspace = path.resolve(args.context.get('workspace') ?? process.cwd());
    try {
        await readSecretFiles(args, workspace);
    }
    catch (error) {
        log.error(error instanceof Error ? error.message : String(error));
        return 1;
    }
    const command = COMMANDS.find((c) => c.name === args.command);
    return command.run ? command.run(args, workspace, log) : command.own(argv.slice(1));
}
/** `verify`: the repositories of --store (or what one run published) as clients see them. */
async function verify$1(args, workspace, log) {
    try {
        const { verifyCommand } = await import('./command-DuoPSlCB.js');
        const inputs = readInputs((name) => args.inputs.get(name));
        return await verifyCommand(inputs, workspace, log, {
            summary: args.context.get('summary'),
            publishedFile: args.context.get('published-file')
        });
    }
    catch (error) {
        log.error(error instanceof Error ? error.message : String(error));
        return 1;
    }
}
/** `publish` (and `demo`, after its defaults): the action's pipeline, run from the command line. */
async function runPipeline(args, workspace, log) {
    // The pipeline's modules load while the inputs are read and git answers; the other commands
    // (push-images, verify, drivers-verify) never load them.
    const modules = Promise.resolve().then(function () { return cliPipeline; });
    modules.catch(() => undefined); // awaited below; a failed load is reported there
    try {
        const inputs = readInputs((name) => args.inputs.get(name) ?? (name === 'github-token' ? process.env.GITHUB_TOKEN : undefined));
        for (const secret of inputSecrets(inputs))
            log.secret(secret);
        // Both at once: each may wait on a git process (the remote's URL; the branch, the commit).
        const [repository, event] = await Promise.all([
            localRepository(workspace, args.context.get('repository')),
            localEvent(workspace, {
                event: args.context.get('event'),
                ref: args.context.get('ref'),
                sha: args.context.get('sha'),
                eventPath: args.context.get('event-path')
            })
        ]);
        const workdir = await mkdtemp(path.join(os.tmpdir(), 'falco-publish-'));
        const { publish, pipelineSeams, renderSummary, outputsWithPublishedFile } = await modules;
        mark('load pipeline');
        const report = await publish({
            inputs,
            event,
            repository,
            workspace,
            workdir,
            log,
            ...pipelineSeams(inputs, workspace, repository, log)
        });
        const summaryFile = args.context.get('summary');
        if (summaryFile)
            await writeFile(summaryFile, log.mask(renderSummary(report)));
        printResult(report, args.command === 'demo', log.mask, await outputsWithPublishedFile(report, workdir, log));
        mark('report');
        log.debug(timingLine());
        return report.error ? 1 : 0;
    }
    catch (error) {
        log.error(error instanceof Error ? error.message : String(error));
        return 1;
    }
}
/** The store the inputs name, opened as the pipeline opens it. */
async function openStoreOf(inputs, workspace, log) {
    const { storeOpener } = await Promise.resolve().then(function () { return seams; });
    return storeOpener(inputs, log)(storeUrl(inputs.store, workspace));
}
/** Inputs whose value `@<file>` means the file's content. */
const SECRET_INPUTS = [
    'gpg-private-key',
    'gpg-passphrase',
    'github-token',
    'store-password',
    'store-token'
];
async function readSecretFiles(args, workspace) {
    for (const name of SECRET_INPUTS) {
        const value = args.inputs.get(name);
        if (!value?.startsWith('@'))
            continue;
        const file = path.resolve(workspace, value.slice(1));
        const content = await readFile(file, 'utf8').catch((error) => {
            throw new Error(`--${name} ${value}: ${error.message}`);
        });
        args.inputs.set(name, content.trim());
    }
}
/** `remove` and `re-sign`: repository maintenance on one channel, outside a release. */
async function maintain(command, args, workspace, log) {
    try {
        const inputs = readInputs((name) => args.inputs.get(name));
        for (const secret of inputSecrets(inputs))
            log.secret(secret);
        const { gpgPrivateKey, gpgPassphrase, remove } = inputs.packaging;
        if (inputs.channel !== 'dev' && inputs.channel !== 'stable') {
            throw new Error(`${command} needs --channel dev or --channel stable`);
        }
        if (gpgPrivateKey === '')
            throw new Error(`${command} needs --gpg-private-key (the metadata is signed again)`);
        const options = {
            store: await openStoreOf(inputs, workspace, log),
            channel: inputs.channel,
            gpgPrivateKey,
            gpgPassphrase,
            log,
            dryRun: inputs.dryRun
        };
        const { removePackages, resignRepositories } = await import('./maintenance-BrZO8qjI.js');
        const result = await log.group(`${command} (${inputs.channel})`, () => command === 'remove'
            ? removePackages({ ...options, patterns: remove })
            : resignRepositories(options));
        if (result.changes) {
            // A dry run: what a real run writes and deletes; the store was not touched.
            for (const key of result.removed)
                process.stdout.write(`would remove  ${key}\n`);
            for (const key of result.changes.written)
                process.stdout.write(`would write   ${key}\n`);
            for (const key of result.changes.deleted)
                process.stdout.write(`would delete  ${key}\n`);
            process.stdout.write(`dry-run: ${result.changes.written.length} files would be written, ` +
                `${result.changes.deleted.length} deleted; nothing was changed\n`);
            return 0;
        }
        for (const key of result.removed)
            process.stdout.write(`removed  ${key}\n`);
        process.stdout.write(`${result.published.length} files written, ${result.removed.length} removed\n`);
        return 0;
    }
    catch (error) {
        log.error(error instanceof Error ? error.message : String(error));
        return 1;
    }
}
/** `collect`: package files no index names, older than the grace, leave the channel's repositories. */
async function collect(args, workspace, log) {
    try {
        const inputs = readInputs((name) => args.inputs.get(name));
        for (const secret of inputSecrets(inputs))
            log.secret(secret);
        if (inputs.channel !== 'dev' && inputs.channel !== 'stable') {
            throw new Error('collect needs --channel dev or --channel stable');
        }
        const { collectOrphans } = await import('./package-IbF6SiE5.js').then(function (n) { return n.d; });
        const channel = inputs.channel;
        const store = await openStoreOf(inputs, workspace, log);
        const result = await log.group(`collect (${channel})`, () => collectOrphans({
            store,
            channel,
            graceMs: inputs.packaging.deletionGraceMinutes * 60_000,
            log,
            dryRun: inputs.dryRun
        }));
        const verb = inputs.dryRun ? 'would delete' : 'deleted';
        for (const key of result.deleted)
            process.stdout.write(`${verb}  ${key}\n`);
        for (const key of result.young)
            process.stdout.write(`kept (young)  ${key}\n`);
        process.stdout.write(`${result.deleted.length} files ${inputs.dryRun ? 'would be deleted' : 'deleted'}, ` +
            `${result.young.length} kept as younger than ${inputs.packaging.deletionGraceMinutes} minutes` +
            `${inputs.dryRun ? '; nothing was changed' : ''}\n`);
        return 0;
    }
    catch (error) {
        log.error(error instanceof Error ? error.message : String(error));
        return 1;
    }
}
/** Validates a drivers build grid without building or writing anything. */
async function driversCheck(args, workspace, log) {
    try {
        const { drivers } = readInputs((name) => args.inputs.get(name));
        if (drivers.config === '')
            throw new Error('drivers-check needs --drivers-config <dir>');
        const { checkDriverConfigs } = await import('./commands-DzKpL415.js');
        const grid = await checkDriverConfigs(path.resolve(workspace, drivers.config), drivers.versions);
        for (const warning of grid.warnings)
            log.warning(warning);
        for (const invalid of grid.invalid)
            log.error(invalid.error, { file: invalid.file });
        process.stdout.write(`${grid.configs.length} configs valid, ${grid.invalid.length} invalid, ${grid.warnings.length} warnings\n`);
        return grid.invalid.length > 0 ? 1 : 0;
    }
    catch (error) {
        log.error(error instanceof Error ? error.message : String(error));
        return 1;
    }
}
/** The demo is a dev release of examples/ into ./public, with no GitHub checks to read. */
async function demoDefaults(args, workspace, log) {
    const defaults = {
        store: 'public',
        packages: 'examples/packages/*',
        'require-checks': 'false'
    };
    // The demo's --public-url names where it will be served later: nothing serves it yet to verify.
    if (args.inputs.has('public-url'))
        defaults.verify = 'false';
    for (const [name, value] of Object.entries(defaults))
        if (!args.inputs.has(name))
            args.inputs.set(name, value);
    if (!args.inputs.has('gpg-private-key')) {
        args.inputs.set('gpg-private-key', await demoKey(workspace, log));
    }
    if (!args.context.has('event'))
        args.context.set('event', 'push');
    if (!args.context.has('ref'))
        args.context.set('ref', 'refs/heads/master');
    // A dev version is computed from git history; a checkout without it (a tarball of the sources, a
    // shallow clone) gets a fixed demo version instead of an error.
    if (!args.inputs.has('version') && !(await hasHistory(workspace))) {
        log.info('No git history here: the demo uses version 0.0.0-demo.');
        args.inputs.set('version', '0.0.0-demo');
    }
}
async function demoKey(workspace, log) {
    const file = path.join(workspace, '.falco-publish', 'demo-signing-key.asc');
    const existing = await readFile(file, 'utf8').catch(() => undefined);
    if (existing)
        return existing;
    log.info(`Making a throwaway signing key for the demo: ${path.relative(workspace, file)}`);
    const { generateSigningKey } = await Promise.resolve().then(function () { return openpgp; });
    const { privateKey } = await generateSigningKey('falco-publish demo');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, privateKey, { mode: 0o600 });
    return privateKey;
}
/** What a person reads: the artifacts themselves, a count of the metadata, and (for the demo) how to use it. */
function printResult(report, demo, mask, outputs) {
    const out = (line = '') => process.stdout.write(mask(line) + '\n');
    if (report.error) {
        process.stderr.write(mask(`falco-publish: ${report.error}\n`));
        if (report.results.some((result) => result.published.length > 0)) {
            out('Published before the failure:');
        }
    }
    const published = report.results.flatMap((result) => result.published);
    if (!report.error && report.release?.channel !== 'none') {
        out(`${report.dryRun ? 'Would publish' : 'Published'} ${report.release?.channel} release ${report.release?.version}:`);
    }
    for (const item of published.filter((item) => !isMetadata(item))) {
        out(`  ${item.kind.padEnd(8)} ${item.path} (${formatBytes(item.size ?? 0)})`);
    }
    const signed = published.filter(isMetadata).length;
    if (signed > 0)
        out(`  and ${signed} indexes, signatures and listings`);
    const skipped = report.plans
        .flatMap((plan) => plan.operations)
        .filter((op) => op.action === 'skip');
    if (!report.error && !report.dryRun && published.length === 0 && skipped.length > 0) {
        out(`  nothing new: ${skipped.length} artifacts were already published with the same bytes`);
    }
    if (demo && !report.error && report.store)
        demoInstructions(new URL(report.store).pathname, out);
    // The outputs, as a later step would read them; `published` is long JSON: see --summary for it.
    out();
    for (const [name, value] of Object.entries(outputs)) {
        out(`${name}=${name === 'published' && !process.env.GITHUB_ACTIONS ? `[${published.length} artifacts]` : value}`);
    }
}
function demoInstructions(root, out) {
    const url = 'http://127.0.0.1:8080/packages';
    out();
    out('Serve it:');
    out(`  python3 -m http.server --directory ${root} 8080`);
    out('apt (as root):');
    out(`  curl -fsSo /etc/apt/keyrings/falco-demo.asc ${url}/repository-key.asc`);
    out(`  echo "deb [signed-by=/etc/apt/keyrings/falco-demo.asc] ${url}/deb-dev stable main" > /etc/apt/sources.list.d/falco-demo.list`);
    out('  apt-get update && apt-get install falco');
    out('dnf (as root; the .repo file reads the directory itself, no server needed):');
    out(`  cp ${root}/packages/rpm-dev/falco-publish.repo /etc/yum.repos.d/ && dnf install falco`);
    out('tarballs:');
    out(`  curl -s ${url}/bin-dev/x86_64/SHA256SUMS`);
}
// Run when this module is the program (node dist/cli.js, or npx through the bin link), not
// when a test imports it.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
    process.exitCode = await main(process.argv.slice(2));
}

var cli = /*#__PURE__*/Object.freeze({
    __proto__: null,
    main: main
});

const MAGIC = '!<arch>\n';
const HEADER = 60;
class ArReader {
    keep;
    maxKeep;
    pending = Buffer.alloc(0);
    magicSeen = false;
    current;
    padding = 0;
    members = [];
    constructor(keep, maxKeep = 64 * 1024 * 1024) {
        this.keep = keep;
        this.maxKeep = maxKeep;
    }
    push(chunk) {
        let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
        this.pending = Buffer.alloc(0);
        for (;;) {
            if (!this.magicSeen) {
                if (buf.length < MAGIC.length)
                    break;
                if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) {
                    throw new Error('not an ar archive (a .deb starts with "!<arch>")');
                }
                this.magicSeen = true;
                buf = buf.subarray(MAGIC.length);
            }
            if (this.padding > 0) {
                if (buf.length === 0)
                    break;
                buf = buf.subarray(1);
                this.padding = 0;
            }
            if (this.current) {
                const take = Math.min(this.current.left, buf.length);
                if (this.current.keep)
                    this.current.keep.push(Buffer.from(buf.subarray(0, take)));
                this.current.left -= take;
                buf = buf.subarray(take);
                if (this.current.left > 0)
                    break;
                const { name, size, keep } = this.current;
                this.members.push({ name, size, data: keep ? Buffer.concat(keep) : undefined });
                this.current = undefined;
                this.padding = size % 2;
                continue;
            }
            if (buf.length < HEADER)
                break;
            const header = buf.subarray(0, HEADER);
            if (header.toString('latin1', 58, 60) !== '`\n') {
                throw new Error(`corrupt ar member header after ${this.members.length} member(s)`);
            }
            const name = header.toString('latin1', 0, 16).trim().replace(/\/$/, '');
            const sizeText = header.toString('latin1', 48, 58).trim();
            if (!/^\d+$/.test(sizeText))
                throw new Error(`ar member ${name}: invalid size ${JSON.stringify(sizeText)}`);
            const size = Number(sizeText);
            const keep = this.keep(name);
            if (keep && size > this.maxKeep)
                throw new Error(`ar member ${name} is too large (${size} bytes)`);
            this.current = { name, size, left: size, keep: keep ? [] : undefined };
            buf = buf.subarray(HEADER);
        }
        if (buf.length)
            this.pending = Buffer.from(buf);
    }
    /** Call at the end of input: a member cut short means a truncated file. */
    end() {
        if (!this.magicSeen)
            throw new Error('empty or truncated file (no ar header)');
        if (this.current) {
            throw new Error(`truncated: member ${this.current.name} declares ${this.current.size} bytes, ${this.current.left} missing`);
        }
        if (this.pending.length) {
            throw new Error(`truncated: the file ends inside a member header (${this.pending.length} of 60 bytes)`);
        }
        return this.members;
    }
}

/**
 * The fields of a .deb's control file that end up in the Packages index and in file paths,
 * checked as dpkg checks them (Debian Policy 5.6.7 Package, 5.6.8 Architecture, 5.6.12 Version).
 * A value that breaks the index's syntax (a second Package field, a continuation line) would be
 * indexed under one name and installed by apt under another; one holding `/` or `..` could lead
 * outside the pool. Each problem names the field and says what it accepts.
 */
/** Fields that must appear once and hold one line. */
const SINGLE = ['Package', 'Version', 'Architecture'];
/** Policy 5.6.7: lower-case letters, digits, `+`, `-`, `.`; two characters at least; alphanumeric first. */
const PACKAGE = /^[a-z0-9][a-z0-9+.-]+$/;
/** Policy 5.6.12: [epoch:]upstream[-revision], upstream starting with a digit. */
const VERSION = /^(?:(\d+):)?(\d[A-Za-z0-9.+~:-]*?)(?:-([A-Za-z0-9.+~]+))?$/;
const ARCHITECTURE = /^[a-z0-9][a-z0-9-]*$/;
/** Returns the problems of a control stanza, each naming its field; empty when it is fine. */
function controlProblems(stanza) {
    const problems = [];
    const seen = new Map();
    for (const [name] of stanza)
        seen.set(name.toLowerCase(), (seen.get(name.toLowerCase()) ?? 0) + 1);
    for (const [name, count] of seen) {
        if (count > 1) {
            problems.push(`field '${stanza.find(([f]) => f.toLowerCase() === name)[0]}' appears ${count} times; dpkg and apt take one`);
        }
    }
    for (const name of SINGLE) {
        const value = stanza.find(([f]) => f.toLowerCase() === name.toLowerCase())?.[1];
        if (value === undefined)
            problems.push(`field '${name}' is missing`);
        else if (value.includes('\n'))
            problems.push(`field '${name}' has a continuation line; it must be one line`);
    }
    const value = (name) => {
        const found = stanza.find(([f]) => f.toLowerCase() === name.toLowerCase())?.[1];
        return found === undefined || found.includes('\n') ? undefined : found;
    };
    const pkg = value('Package');
    if (pkg !== undefined && (!PACKAGE.test(pkg) || pkg.includes('..'))) {
        problems.push(`field 'Package' is ${JSON.stringify(pkg)}: a package name holds lower-case letters, digits, ` +
            `'+', '-' and '.' (no '..'), starts with a letter or digit and is two characters at least`);
    }
    const version = value('Version');
    if (version !== undefined && (!VERSION.test(version) || version.includes('..'))) {
        problems.push(`field 'Version' is ${JSON.stringify(version)}: a version is [epoch:]upstream[-revision], ` +
            `upstream starting with a digit, of letters, digits and '.+~-:' (no spaces, no '..')`);
    }
    const arch = value('Architecture');
    if (arch !== undefined && !ARCHITECTURE.test(arch)) {
        problems.push(`field 'Architecture' is ${JSON.stringify(arch)}: one Debian architecture name (amd64, arm64, all)`);
    }
    return problems;
}

/**
 * Reads a .deb in one streaming pass: the digests of every byte, the `ar` members, and the
 * control member (gzip, xz, zstd or plain) decompressed in memory; data.tar is never buffered.
 */
async function parseDeb(file, display = path.basename(file)) {
    const digester = new Digester();
    const ar = new ArReader((name) => name.startsWith('control.tar'));
    try {
        // A package of up to a chunk in one read; a larger one streams, never whole in memory.
        const small = readSmallFile(file, READ_CHUNK$2);
        const source = small ? [small] : createReadStream(file, { highWaterMark: READ_CHUNK$2 });
        for await (const chunk of source) {
            digester.update(chunk);
            ar.push(chunk);
        }
        const members = ar.end();
        if (members[0]?.name !== 'debian-binary') {
            throw new Error('first ar member is not debian-binary: not a Debian package');
        }
        const control = members.find((m) => m.name.startsWith('control.tar'));
        if (!control?.data)
            throw new Error('no control.tar member');
        if (!members.some((m) => m.name.startsWith('data.tar')))
            throw new Error('no data.tar member');
        let tarBytes;
        try {
            tarBytes = await decompressMember(control.name, control.data);
        }
        catch (e) {
            throw new Error(`${control.name}: cannot decompress (${e.message})`);
        }
        const text = await controlFileOf(tarBytes, control.name);
        const stanzas = parseStanzas(text, `${control.name}/control`);
        if (stanzas.length !== 1)
            throw new Error(`control file has ${stanzas.length} stanzas, expected 1`);
        const stanza = stanzas[0];
        const problems = controlProblems(stanza);
        if (problems.length)
            throw new Error(`control file: ${problems.join('; ')}`);
        const name = field(stanza, 'Package');
        const version = field(stanza, 'Version');
        const architecture = field(stanza, 'Architecture');
        if (!name || !version || !architecture) {
            throw new Error('control file lacks Package, Version or Architecture');
        }
        const hashed = digester.sha256State();
        const digests = digester.digest();
        return {
            file,
            name,
            version,
            architecture,
            control: stanza,
            digests,
            ...(hashed && { hashed })
        };
    }
    catch (e) {
        if (e instanceof PackageFormatError)
            throw e;
        throw new PackageFormatError(display, e.message);
    }
}
/**
 * The `./control` file of a control.tar, read from its headers in memory (the reader container
 * image tarballs use, `indexTar`): a tar-stream extraction, with its streams, cost a few
 * milliseconds of a small publish for a member of a few hundred bytes.
 */
async function controlFileOf(tarBytes, member) {
    const bytes = Buffer.from(tarBytes.buffer, tarBytes.byteOffset, tarBytes.byteLength);
    // Errors name the member: `control.tar.gz: not a tar archive (bad header checksum ...)`.
    const entries = await indexTarBytes(bytes, member);
    const control = entries.get('control');
    if (control === undefined)
        throw new Error(`${member} has no ./control file`);
    return bytes.toString('utf8', control.offset, control.offset + control.size);
}

const LEAD = 96;
const TAG = {
    NAME: 1000,
    VERSION: 1001,
    RELEASE: 1002,
    EPOCH: 1003,
    SUMMARY: 1004,
    DESCRIPTION: 1005,
    BUILDTIME: 1006,
    BUILDHOST: 1007,
    SIZE: 1009,
    VENDOR: 1011,
    LICENSE: 1014,
    PACKAGER: 1015,
    GROUP: 1016,
    URL: 1020,
    ARCH: 1022,
    OLDFILENAMES: 1027,
    FILEMODES: 1030,
    FILEFLAGS: 1037,
    SOURCERPM: 1044,
    PROVIDENAME: 1047,
    REQUIREFLAGS: 1048,
    REQUIRENAME: 1049,
    REQUIREVERSION: 1050,
    CONFLICTFLAGS: 1053,
    CONFLICTNAME: 1054,
    CONFLICTVERSION: 1055,
    CHANGELOGTIME: 1080,
    CHANGELOGNAME: 1081,
    CHANGELOGTEXT: 1082,
    OBSOLETENAME: 1090,
    PROVIDEFLAGS: 1112,
    PROVIDEVERSION: 1113,
    OBSOLETEFLAGS: 1114,
    OBSOLETEVERSION: 1115,
    DIRINDEXES: 1116,
    BASENAMES: 1117,
    DIRNAMES: 1118,
    LONGSIZE: 5009
};
const SIGTAG = { LONGARCHIVESIZE: 271, SHA256: 273, PAYLOADSIZE: 1007 };
/**
 * Reads an .rpm in one streaming pass: lead, signature header (padded to 8 bytes), main header
 * are kept (they are small); the payload only goes through the SHA-256.
 */
async function parseRpm(file, display = path.basename(file)) {
    const digest = new Sha256Counter();
    let head = Buffer.alloc(0);
    let need = LEAD + 16;
    let stage = 'sig';
    let sigEnd = 0;
    let mainEnd = 0;
    try {
        for await (const c of createReadStream(file)) {
            const chunk = c;
            digest.update(chunk);
            if (stage === 'done')
                continue;
            head = Buffer.concat([head, chunk]);
            // Advance through the headers as soon as their intros are available.
            for (;;) {
                if (stage === 'sig' && head.length >= LEAD + 16) {
                    if (head.readUInt32BE(0) !== 0xedabeedb)
                        throw new Error('not an RPM (bad lead magic)');
                    const len = headerLength(head.subarray(LEAD), 'signature header');
                    sigEnd = LEAD + len + ((8 - (len % 8)) % 8);
                    need = sigEnd + 16;
                    stage = 'main';
                    continue;
                }
                if (stage === 'main' && head.length >= need) {
                    mainEnd = sigEnd + headerLength(head.subarray(sigEnd), 'main header');
                    need = mainEnd;
                    if (head.length >= mainEnd) {
                        stage = 'done';
                        continue;
                    }
                }
                break;
            }
        }
        if (stage !== 'done')
            throw new Error(`truncated: the file ends inside the ${stage === 'sig' ? 'lead or signature' : 'main'} header`);
        const signature = parseHeader(head.subarray(LEAD), 'signature header');
        const mainHeader = Buffer.from(head.subarray(sigEnd, mainEnd));
        const main = new HeaderValues(parseHeader(mainHeader, 'main header'));
        const sig = new HeaderValues(signature);
        const digests = digest.digest();
        const archiveSize = sig.number(SIGTAG.LONGARCHIVESIZE) ?? sig.number(SIGTAG.PAYLOADSIZE) ?? 0;
        const name = main.string(TAG.NAME);
        const version = main.string(TAG.VERSION);
        const release = main.string(TAG.RELEASE);
        const arch = main.string(TAG.ARCH);
        if (!name || !version || !release || !arch)
            throw new Error('main header lacks name, version, release or arch');
        if (!main.has(TAG.SOURCERPM)) {
            throw new Error('this is a source RPM; only binary RPMs can be published');
        }
        // The payload must be there: a cut-off download still has complete headers.
        if (sig.has(1000) && digests.size < sigEnd + (sig.number(1000) ?? 0)) {
            throw new Error(`truncated: headers and payload should be ${sigEnd + (sig.number(1000) ?? 0)} bytes, file has ${digests.size}`);
        }
        const pkg = {
            file,
            name,
            epoch: main.number(TAG.EPOCH) ?? 0,
            version,
            release,
            arch,
            summary: main.string(TAG.SUMMARY) ?? '',
            description: main.string(TAG.DESCRIPTION) ?? '',
            license: main.string(TAG.LICENSE) ?? '',
            vendor: main.string(TAG.VENDOR) ?? '',
            group: main.string(TAG.GROUP) ?? '',
            url: main.string(TAG.URL) ?? '',
            buildhost: main.string(TAG.BUILDHOST) ?? '',
            sourcerpm: main.string(TAG.SOURCERPM) ?? '',
            packager: main.string(TAG.PACKAGER) ?? '',
            buildtime: main.number(TAG.BUILDTIME) ?? 0,
            installedSize: main.number(TAG.LONGSIZE) ?? main.number(TAG.SIZE) ?? 0,
            archiveSize,
            headerRange: { start: sigEnd, end: mainEnd },
            provides: deps(main, TAG.PROVIDENAME, TAG.PROVIDEFLAGS, TAG.PROVIDEVERSION),
            requires: deps(main, TAG.REQUIRENAME, TAG.REQUIREFLAGS, TAG.REQUIREVERSION).filter((d) => !d.name.startsWith('rpmlib(')),
            conflicts: deps(main, TAG.CONFLICTNAME, TAG.CONFLICTFLAGS, TAG.CONFLICTVERSION),
            obsoletes: deps(main, TAG.OBSOLETENAME, TAG.OBSOLETEFLAGS, TAG.OBSOLETEVERSION),
            files: files(main),
            changelog: changelog(main),
            digests,
            signature,
            mainHeader,
            payloadOffset: mainEnd
        };
        checkXmlText(pkg);
        return pkg;
    }
    catch (e) {
        throw new PackageFormatError(display, e.message);
    }
}
/** Characters XML 1.0 does not allow (§2.2): one in primary.xml makes dnf reject the whole repository. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
/** Every text of the header that repodata carries must be XML 1.0 characters; names the tag. */
function checkXmlText(pkg) {
    const texts = [
        ['Name', pkg.name],
        ['Version', pkg.version],
        ['Release', pkg.release],
        ['Arch', pkg.arch],
        ['Summary', pkg.summary],
        ['Description', pkg.description],
        ['License', pkg.license],
        ['Vendor', pkg.vendor],
        ['Group', pkg.group],
        ['URL', pkg.url],
        ['BuildHost', pkg.buildhost],
        ['SourceRPM', pkg.sourcerpm],
        ['Packager', pkg.packager],
        ...pkg.changelog.flatMap((c) => [
            ['%changelog author', c.author],
            ['%changelog text', c.text]
        ]),
        ...pkg.files.map((f) => ['file name', f.path]),
        ...[pkg.provides, pkg.requires, pkg.conflicts, pkg.obsoletes].flatMap((list) => list.map((d) => ['dependency', `${d.name} ${d.ver ?? ''} ${d.rel ?? ''}`]))
    ];
    for (const [tag, text] of texts) {
        const bad = NOT_XML.exec(text);
        if (bad) {
            const code = bad[0].codePointAt(0).toString(16).padStart(4, '0');
            throw new Error(`${tag} holds the character U+${code.toUpperCase()} at offset ${bad.index}, which XML 1.0 ` +
                `forbids: dnf would reject the whole repository's metadata. Rebuild the package without it.`);
        }
    }
}
const SENSE_LESS = 2;
const SENSE_GREATER = 4;
const SENSE_EQUAL = 8;
const SENSE_PRE = (1 << 6) | (1 << 9) | (1 << 10);
function deps(h, nameTag, flagsTag, versionTag) {
    const names = h.strings(nameTag);
    const flags = h.numbers(flagsTag);
    const versions = h.strings(versionTag);
    return names.map((name, i) => {
        const f = flags[i] ?? 0;
        const d = { name };
        const cmp = f & (SENSE_LESS | SENSE_GREATER | SENSE_EQUAL);
        const v = versions[i] ?? '';
        if (cmp && v) {
            d.flags = {
                [SENSE_EQUAL]: 'EQ',
                [SENSE_LESS]: 'LT',
                [SENSE_GREATER]: 'GT',
                [SENSE_LESS | SENSE_EQUAL]: 'LE',
                [SENSE_GREATER | SENSE_EQUAL]: 'GE'
            }[cmp];
            const m = /^(?:(\d+):)?([^-]*)(?:-(.*))?$/.exec(v);
            d.epoch = m[1] ?? '0';
            d.ver = m[2];
            if (m[3] !== undefined)
                d.rel = m[3];
        }
        if (f & SENSE_PRE)
            d.pre = true;
        return d;
    });
}
function files(h) {
    const base = h.strings(TAG.BASENAMES);
    const dirs = h.strings(TAG.DIRNAMES);
    const idx = h.numbers(TAG.DIRINDEXES);
    const modes = h.numbers(TAG.FILEMODES);
    const flags = h.numbers(TAG.FILEFLAGS);
    const paths = base.length
        ? base.map((b, i) => (dirs[idx[i]] ?? '') + b)
        : h.strings(TAG.OLDFILENAMES);
    return paths.map((p, i) => ({
        path: p,
        type: (flags[i] ?? 0) & 64 ? 'ghost' : ((modes[i] ?? 0) & 0o170000) === 0o040000 ? 'dir' : 'file'
    }));
}
function changelog(h) {
    const times = h.numbers(TAG.CHANGELOGTIME);
    const names = h.strings(TAG.CHANGELOGNAME);
    const texts = h.strings(TAG.CHANGELOGTEXT);
    return names.map((author, i) => ({ author, date: times[i] ?? 0, text: texts[i] ?? '' }));
}

/**
 * Signing in worker threads for a bulk publish. The private-key operation is most of a
 * signature's cost (RSA-3072: about 2 ms, 45% of the CPU of a 10k .deb + 10k .rpm import, which
 * makes 30k signatures), and it needs nothing but a digest: the main thread goes on parsing,
 * hashing and storing packages while workers sign (`sign-worker.mjs`). The keys are handed over
 * as node KeyObjects, never as text, and never appear in a message or an error.
 *
 * Only keys read by hand (`secret-key.ts`, gpg's RSA and legacy Ed25519 keys) sign in workers:
 * the keys only openpgp.js handles are its objects, which cannot cross to another thread, and
 * keep signing on the main thread.
 */
/**
 * Fewer signatures than this are made on the main thread: a worker costs 30-50 ms of CPU to
 * start (a V8 isolate and Node's bootstrap), the time of 15-25 RSA-3072 signatures, so a release
 * of a few packages (Falco's: a dozen files, a signature each, two per .rpm) would pay more
 * for the worker than it saves. At 64 and more, the signatures taken off the main thread pay
 * for the start.
 */
const WORKER_THRESHOLD = 64;
/**
 * A worker per core, at most four; none on one core, where a worker only takes turns with the
 * main thread. As many as cores, not one fewer: while packages are stored the main thread mostly
 * waits for signatures (an RSA-3072 signature costs more than storing a small package), and in
 * the index-writing that follows, the workers have nothing left to do. Beyond four, the main
 * thread cannot hash and store fast enough to keep more busy.
 */
function defaultWorkerCount() {
    const cores = availableParallelism();
    return cores < 2 ? 0 : Math.min(4, cores);
}
/**
 * Workers for a publish that will make `signatures` signatures, or undefined when it signs on
 * its main thread: too few signatures, or keys only openpgp.js signs with.
 */
async function startSigningWorkers(keys, signatures, { workers = defaultWorkerCount(), file = WORKER_FILE } = {}) {
    if (signatures < WORKER_THRESHOLD || !keys.fast || workers < 1)
        return undefined;
    // Loaded here: node:worker_threads costs a small publish 3-10 ms to import (Node 24).
    const { Worker } = await import('node:worker_threads');
    const pool = new SignerPool(keys.fast.map((k) => k.signer.privateKey), workers, (options) => new Worker(file, options));
    const workerSigners = keys.fast.map(({ signer }, index) => ({
        algorithm: signer.algorithm,
        fingerprint: signer.fingerprint,
        keyId: signer.keyId,
        sign: (digest) => pool.sign(index, digest)
    }));
    return { keys: { ...keys, workerSigners }, count: workers, close: () => pool.close() };
}
/**
 * Started from a file beside this module: src/sign/ under the tests, and beside the bundle's
 * chunk holding this module in dist/ (rollup.config.js copies it there).
 */
const WORKER_FILE = new URL('./sign-worker.mjs', import.meta.url);
class SignerPool {
    slots = [];
    waiting = new Map();
    nextId = 0;
    /** Set once a worker failed or the pool was closed: every signature then fails with it. */
    stopped;
    constructor(keys, count, start) {
        for (let i = 0; i < count; i++) {
            const worker = start({ workerData: { keys } });
            const slot = { worker, pending: 0 };
            worker.on('message', (answer) => this.answer(answer));
            // The worker's own error: no key material is in it (see sign-worker.mjs).
            worker.on('error', (e) => this.fail(new Error(`a signing worker failed: ${e.message}`)));
            worker.on('messageerror', (e) => this.fail(new Error(`a signing worker's answer could not be read: ${e.message}`)));
            worker.on('exit', (code) => this.fail(new Error(`a signing worker stopped (exit code ${code}) before the publish ended`)));
            this.slots.push(slot);
        }
    }
    sign(key, digest) {
        if (this.stopped)
            return Promise.reject(this.stopped);
        const slot = this.slots.reduce((a, b) => (b.pending < a.pending ? b : a));
        const id = this.nextId++;
        slot.pending++;
        return new Promise((resolve, reject) => {
            this.waiting.set(id, { resolve, reject, slot });
            slot.worker.postMessage({ id, key, digest });
        });
    }
    answer(answer) {
        const waiting = this.waiting.get(answer.id);
        if (!waiting)
            return;
        this.waiting.delete(answer.id);
        waiting.slot.pending--;
        if ('error' in answer)
            waiting.reject(new Error(`signing worker: ${answer.error}`));
        else
            waiting.resolve(answer.mpis);
    }
    /**
     * The first failure stops the pool: what waits fails with it, and so does the publish (which
     * then commits nothing: see the package stage). The other workers are stopped too.
     */
    fail(error) {
        if (this.stopped)
            return;
        this.stopped = error;
        for (const waiting of this.waiting.values())
            waiting.reject(error);
        this.waiting.clear();
        for (const slot of this.slots)
            void slot.worker.terminate();
    }
    async close() {
        this.fail(new Error('the signing workers were stopped'));
        await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    }
}

/**
 * Adds a header-only OpenPGP signature to an RPM, as `rpmsign --addsign` does: the signature
 * covers the main header (which itself carries the payload digest), goes into the signature
 * header (RSA keys in tag 268, EdDSA/ECDSA in tag 267), and the signature header is rewritten.
 * The main header and payload are copied unchanged. rpm can hold one signature of each kind:
 * the first key signs the header; every key signs the detached `.asc`.
 *
 * What the repodata needs of the signed file is known without reading it back: the headers
 * are the ones just written, and its SHA-256 is taken as it is written.
 */
async function signRpmFile(pkg, keys, workdir) {
    const { packet, rsa } = await headerSignature(pkg.mainHeader, keys);
    const tag = rsa ? 268 : 267;
    const signature = Buffer.from(packet);
    const kept = pkg.signature.entries.filter((e) => ![62, 267, 268, 1002, 1005, 1008].includes(e.tag));
    const entries = [
        ...kept,
        { tag, type: RpmType.BIN, count: signature.length, data: signature }
    ];
    const sigHeader = serializeSignatureHeader(entries);
    const pad = Buffer.alloc((8 - (sigHeader.length % 8)) % 8);
    const lead = Buffer.alloc(96);
    const handle = await promises.open(pkg.file, 'r');
    try {
        await handle.read(lead, 0, 96, 0);
    }
    finally {
        await handle.close();
    }
    await promises.mkdir(path.join(workdir, 'signed-rpms'), { recursive: true });
    const out = path.join(workdir, 'signed-rpms', path.basename(pkg.file));
    const digest = new Sha256Counter();
    await pipeline((async function* () {
        const headers = Buffer.concat([lead, sigHeader, pad, pkg.mainHeader]);
        digest.update(headers);
        yield headers;
        for await (const chunk of createReadStream(pkg.file, { start: pkg.payloadOffset })) {
            digest.update(chunk);
            yield chunk;
        }
    })(), createWriteStream(out));
    const start = lead.length + sigHeader.length + pad.length;
    const end = start + pkg.mainHeader.length;
    const hashed = digest.kept();
    return {
        ...pkg,
        file: out,
        signature: parseHeader(sigHeader, 'signature header'),
        headerRange: { start, end },
        payloadOffset: end,
        digests: digest.digest(),
        sourceSha256: pkg.digests.sha256,
        ...(hashed && { hashed })
    };
}

/**
 * A file published as `<name>-<version>-<arch>.tar.gz` must be a gzip'd tar: an empty file, or
 * bytes of another kind, would be listed in SHA256SUMS and downloaded by users as a release.
 * Reads only what it needs: the gzip header and the first tar header (512 bytes) behind it.
 */
async function checkGzipTar(file, display = path.basename(file)) {
    const fail = (problem) => {
        throw new PackageFormatError(display, `${problem}; a tarball is published as a gzip'd tar (tar czf <name>-<version>-<arch>.tar.gz ...)`);
    };
    const first = createReadStream(file, { start: 0, end: 1 });
    const head = await firstBytes(first, 2).finally(() => closed(first));
    if (head.length === 0)
        fail('the file is empty');
    if (head[0] !== 0x1f || head[1] !== 0x8b)
        fail('not gzip-compressed (no gzip header)');
    let block;
    // Closed here, once read or failed: ending the gunzip stream does not close the file piped
    // into it, which would stay open until the process exits (a descriptor per tarball).
    const source = createReadStream(file);
    try {
        block = await firstBytes(source.pipe(createGunzip()), 512);
    }
    catch (e) {
        return fail(`the gzip data is damaged (${e.message})`);
    }
    finally {
        await closed(source);
    }
    if (block.length < 512 || !isTarHeader(block))
        fail('gzip holds no tar archive');
}
/** Destroys a file stream and waits until its descriptor is closed. */
async function closed(stream) {
    if (stream.closed)
        return;
    const done = new Promise((resolve) => stream.once('close', () => resolve()));
    stream.on('error', () => { }); // an open that fails ends it too; its error is reported already
    stream.destroy();
    await done;
}
/** The first `n` bytes of a stream (fewer when it ends sooner), then stops reading it. */
async function firstBytes(stream, n) {
    const chunks = [];
    let size = 0;
    for await (const chunk of stream) {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= n)
            break;
    }
    stream.destroy?.();
    return Buffer.concat(chunks).subarray(0, n);
}
/** A tar header block: its checksum (bytes 148-155, octal) is the sum of its bytes, that field as spaces. */
function isTarHeader(block) {
    const field = block
        .subarray(148, 156)
        .toString('latin1')
        .replace(/[\0 ]+$/, '')
        .trim();
    if (!/^[0-7]+$/.test(field))
        return false;
    let sum = 0;
    for (let i = 0; i < 512; i++)
        sum += i >= 148 && i < 156 ? 0x20 : block[i];
    return sum === parseInt(field, 8);
}

/**
 * A tarball's digests, read now (and kept) when the plan needs them: to compare it with a
 * published file of its name or with another file of the run. A tarball whose name is new to its
 * repository is hashed by its upload instead, so a large one is read once, not twice.
 */
async function hashTarball(t) {
    if (!t.digests)
        Object.assign(t, await sha256FileState(t.file));
    return t.digests;
}
/** Checks the files; returns them with a file given twice (same name, same bytes) kept once. */
async function checkPackageFiles(files, ctx) {
    const shown = (file) => path.relative(ctx.workspace, file);
    for (const t of files.tars)
        await checkGzipTar(t.file, shown(t.file));
    // An architecture without an index would be uploaded and never listed (apt-layout serves these).
    for (const deb of files.debs) {
        if (deb.architecture !== 'all' && !ARCHITECTURES.includes(deb.architecture)) {
            throw new PackageFormatError(shown(deb.file), `field 'Architecture' is ${deb.architecture}, which the apt repository does not serve ` +
                `(it serves ${[...ARCHITECTURES, 'all'].join(', ')}); build it for one of those, or leave it out of 'packages'`);
        }
    }
    // Two files stored under one name: one would silently win.
    const byName = new Map();
    // Tarballs are hashed for this only when two share a name.
    const tarNames = new Map();
    for (const t of files.tars)
        tarNames.set(path.basename(t.file), (tarNames.get(path.basename(t.file)) ?? 0) + 1);
    const shared = files.tars.filter((t) => tarNames.get(path.basename(t.file)) > 1);
    for (const t of shared)
        await hashTarball(t);
    const all = [
        ...files.debs.map((p) => ({ file: p.file, sha256: p.digests.sha256 })),
        ...files.rpms.map((p) => ({ file: p.file, sha256: p.digests.sha256 })),
        ...files.tars.map((t) => ({ file: t.file, sha256: t.digests?.sha256 ?? '' }))
    ];
    for (const f of all) {
        const first = byName.get(path.basename(f.file));
        if (first && first.sha256 !== f.sha256) {
            throw new PackageFormatError(shown(f.file), `has the same file name as ${shown(first.file)} but other bytes; both would be published ` +
                `as ${path.basename(f.file)} and one would be lost. Rename one, or leave one out of 'packages'`);
        }
        if (!first)
            byName.set(path.basename(f.file), f);
        else
            ctx.log.info(`${shown(f.file)}: the same file as ${shown(first.file)}, published once`);
    }
    const once = (list) => list.filter((f) => byName.get(path.basename(f.file))?.file === f.file);
    const unique = { debs: once(files.debs), rpms: once(files.rpms), tars: once(files.tars) };
    checkVersions(unique, ctx, shown);
    return unique;
}
/**
 * A stable release publishes the packages of its version: a tag 0.40.1 publishing 99.0.0 is a
 * wrong artifact more often than a wish. A warning naming both, or an error with
 * `require-version-match`.
 */
function checkVersions(files, ctx, shown) {
    const { release } = ctx;
    if (release.channel !== 'stable')
        return;
    const want = release.version;
    // Build metadata (0.40.0+build.7) is not part of a package's version.
    const wants = [want, want.replace(/\+.*$/, '')];
    const mismatches = [];
    for (const deb of files.debs) {
        if (!debMatches(deb.version, wants))
            mismatches.push(`${shown(deb.file)} (Version ${deb.version})`);
    }
    for (const rpm of files.rpms) {
        if (!rpmMatches(rpm, wants))
            mismatches.push(`${shown(rpm.file)} (version ${rpm.version}-${rpm.release})`);
    }
    for (const t of files.tars) {
        if (!wants.includes(t.name.version))
            mismatches.push(`${shown(t.file)} (version ${t.name.version})`);
    }
    if (mismatches.length === 0)
        return;
    const message = `the release is ${want}${release.tag ? ` (tag ${release.tag})` : ''}, but these packages carry ` +
        `another version: ${mismatches.join(', ')}`;
    if (ctx.inputs.requireVersionMatch) {
        throw new Error(`input 'require-version-match': ${message}. Build the packages from the tag's version, or tag the version they carry.`);
    }
    ctx.log.warning(`${message}. Set require-version-match: true to make this an error.`);
}
/** A Debian version `[epoch:]upstream[-revision]` matches when its upstream part is the release's. */
function debMatches(version, wants) {
    const noEpoch = version.replace(/^\d+:/, '');
    const upstream = noEpoch.includes('-') ? noEpoch.slice(0, noEpoch.lastIndexOf('-')) : noEpoch;
    // Debian writes a semver prerelease `-rc1` as `~rc1`, so that it sorts first.
    return [noEpoch, upstream].some((v) => wants.includes(v) || wants.includes(v.replace(/~/g, '-')));
}
function rpmMatches(rpm, wants) {
    return [rpm.version, `${rpm.version}-${rpm.release}`].some((v) => wants.includes(v) || wants.includes(v.replace(/~/g, '-')));
}

/**
 * Whether the rpm stored at `key` is `pkg` signed by another tool: its main header and payload
 * are the same bytes, only the signature header differs. Falco's scripts `rpmsign --resign`
 * each package before publishing it, so its build's own file never has the published bytes;
 * running the release's publish again must find it published, not refuse it as a different
 * package under a stable name. Reads the stored file once, into `workdir`.
 */
async function sameUnsignedRpm(store, key, pkg, workdir) {
    const body = await store.get(key);
    if (!body)
        return false;
    await promises.mkdir(workdir, { recursive: true });
    const local = path.join(workdir, `published-${path.basename(key)}`);
    try {
        await pipeline(body, (await promises.open(local, 'w')).createWriteStream());
        const published = await parseRpm(local, `${store.location}/${key}`);
        if (!published.mainHeader.equals(pkg.mainHeader))
            return false;
        const payload = (file, start) => sha256Of(createReadStream(file, { start, highWaterMark: 1 << 20 }));
        const [a, b] = await Promise.all([
            payload(local, published.payloadOffset),
            payload(pkg.file, pkg.payloadOffset)
        ]);
        return a.sha256 === b.sha256 && a.size === b.size;
    }
    finally {
        await promises.rm(local, { force: true });
    }
}

function startPlanning(channel, repos, packaging) {
    return {
        overwrite: packaging.overwrite,
        retention: channel === 'dev' ? packaging.devRetention : undefined,
        operations: [],
        replacing: [],
        detail: {
            channel,
            repos,
            debs: [],
            debsUnchanged: [],
            rpms: [],
            rpmsUnchanged: [],
            tarballs: [],
            tarballDigests: new Map(),
            tarballStates: new Map(),
            tarballsUnchanged: new Set(),
            remove: packaging.remove,
            refused: []
        }
    };
}
/**
 * A file published with the same bytes is skipped; other bytes under a stable name are refused
 * unless `overwrite`; anything else is put. True when the file is to be put.
 */
function admit(p, key, published, file) {
    if (published !== undefined && published === file.digests?.sha256) {
        p.operations.push({
            action: 'skip',
            target: key,
            reason: 'already published with the same bytes'
        });
        return false;
    }
    if (published && p.detail.channel === 'stable' && !p.overwrite)
        p.replacing.push(key);
    p.operations.push({
        action: 'put',
        target: key,
        source: file.file,
        size: file.digests?.size ?? file.size
    });
    return true;
}
/**
 * Plans one repository. One that cannot be read (its index is damaged, or a store error) is
 * refused on its own: the others of the run still publish, and the stage fails afterwards
 * naming it.
 */
async function planRepository(p, prefix, fn) {
    const before = p.operations.length;
    try {
        await fn();
    }
    catch (e) {
        if (e instanceof PackageFormatError)
            throw e;
        p.operations.splice(before);
        p.detail.refused.push({ target: prefix, error: e.message });
        p.operations.push({
            action: 'skip',
            target: `${prefix}/`,
            reason: `refused: ${e.message}`
        });
    }
}
function adopting(p, prefix, adopted) {
    if (adopted)
        p.operations.push({
            action: 'put',
            target: `${prefix}/`,
            reason: `adopting ${prefix}: ${adopted.packages} package${adopted.packages === 1 ? '' : 's'} from ${adopted.from}`
        });
}
/** The .deb files against the apt repository's signed generation, which apply then merges into. */
async function admitDebs(p, store, debs, 
/** The repository's snapshot, when the plan started reading it already (see readAhead). */
snapshot) {
    const { detail } = p;
    const prefix = detail.repos.deb;
    detail.aptSnapshot = await (snapshot ?? readAptSnapshot(store, prefix));
    adopting(p, prefix, detail.aptSnapshot.adopted);
    const published = await publishedFiles(detail.aptSnapshot, debs.map((pkg) => `stable/${path.basename(pkg.file)}`));
    for (const pkg of debs) {
        const filename = `stable/${path.basename(pkg.file)}`;
        const key = `${prefix}/${filename}`;
        if (admit(p, key, published.get(filename), pkg))
            detail.debs.push({ pkg, key, filename, size: pkg.digests.size });
        else
            detail.debsUnchanged.push(pkg);
    }
    const { retention } = p;
    if (retention === undefined || !detail.debs.length)
        return;
    const { commit } = await mergeApt(detail.aptSnapshot, {
        added: detail.debs.map((u) => ({ pkg: u.pkg, filename: u.filename })),
        retention
    });
    const kept = new Set(commit.added);
    detail.debs = belowRetention(p, detail.debs, (u) => kept.has(u.filename));
}
/**
 * The .rpm files against the dnf repository's generation. An RPM published with its header
 * signed by another tool is the same package: skipped.
 */
async function admitRpms(p, ctx, rpms, 
/** The repository's snapshot, when the plan started reading it already (see readAhead). */
snapshot) {
    const { detail } = p;
    const prefix = detail.repos.rpm;
    detail.dnfSnapshot = await (snapshot ?? readDnfSnapshot(ctx.store, prefix));
    adopting(p, prefix, detail.dnfSnapshot.adopted);
    const published = await publishedSources(detail.dnfSnapshot, rpms.map((pkg) => path.basename(pkg.file)));
    for (const pkg of rpms) {
        const key = `${prefix}/${path.basename(pkg.file)}`;
        const sha = published.get(path.basename(pkg.file));
        if (sha !== undefined &&
            sha !== pkg.digests.sha256 &&
            (await sameUnsignedRpm(ctx.store, key, pkg, ctx.workdir))) {
            p.operations.push({
                action: 'skip',
                target: key,
                reason: 'already published, its header signed by another tool'
            });
            detail.rpmsUnchanged.push(pkg);
            continue;
        }
        if (admit(p, key, sha, pkg))
            detail.rpms.push({ pkg, key, size: pkg.digests.size });
        else
            detail.rpmsUnchanged.push(pkg);
    }
    const { retention } = p;
    if (retention === undefined || !detail.rpms.length)
        return;
    const { commit } = await mergeDnf(detail.dnfSnapshot, {
        added: detail.rpms.map((u) => ({ ...u.pkg, sourceSha256: u.pkg.digests.sha256 })),
        retention
    });
    const kept = new Set(commit.added);
    detail.rpms = belowRetention(p, detail.rpms, (u) => kept.has(path.basename(u.pkg.file)));
}
/** Tarballs with an arch go to `bin`; arch-less ones (Falco's -wasm) to their own repository. */
function tarballRepositories(tars, bin, noarch) {
    const out = new Map();
    for (const t of tars) {
        const prefix = t.name.arch ? bin : noarch;
        out.set(prefix, [...(out.get(prefix) ?? []), t]);
    }
    return out;
}
/** The tarballs of one tarball repository against its listing (and, for others' files, their bytes). */
async function admitTarballs(p, store, prefix, tarballs, 
/** The repository's listing, when the plan started reading it already (see readAhead). */
listing) {
    const { detail } = p;
    const first = detail.tarballs.length;
    const state = await (listing ?? readTarballState(store, prefix));
    detail.tarballStates.set(prefix, state);
    const digests = new StoredDigests(store, prefix);
    detail.tarballDigests.set(prefix, digests);
    if (state.foreign.length)
        p.operations.push({
            action: 'put',
            target: `${prefix}/`,
            reason: `adopting ${prefix}: ${state.foreign.length} tarball${state.foreign.length === 1 ? '' : 's'} its listing and SHA256SUMS do not name yet`
        });
    const published = new Map(state.entries.map((e) => [e.path, e.sha256]));
    const foreign = new Set(state.foreign.map((f) => f.path));
    for (const t of tarballs) {
        const rel = t.name.arch ? `${t.name.arch}/${t.name.file}` : t.name.file;
        const key = `${prefix}/${rel}`;
        // A tarball another tool put there is compared by its bytes, like a listed one.
        const sha = published.get(rel) ?? (foreign.has(rel) ? await digests.of(rel) : undefined);
        // Only a name published already needs the file's hash now: to skip it or to refuse it.
        if (sha !== undefined)
            await hashTarball(t);
        if (admit(p, key, sha, t))
            detail.tarballs.push({
                pkg: { file: t.file, path: rel, digests: t.digests, hashed: t.hashed },
                repo: prefix,
                key,
                size: t.digests?.size ?? t.size
            });
        else
            detail.tarballsUnchanged.add(prefix);
    }
    // The arch-less repository takes stable releases too: no retention (see publish).
    const { retention } = p;
    if (retention === undefined || prefix !== detail.repos.bin)
        return;
    const mine = detail.tarballs.splice(first);
    const { removed } = mergeTarballs(state.entries, {
        // The retention goes by names and versions: a digest the plan did not need is not read.
        added: mine.map((u) => ({ path: u.pkg.path, sha256: u.pkg.digests?.sha256 ?? '' })),
        retention
    });
    const dropped = new Set(removed);
    detail.tarballs.push(...belowRetention(p, mine, (u) => !dropped.has(u.pkg.path)));
}
/**
 * The run's uploads the dev retention keeps (`kept`, from a merge into what the plan read); the
 * others, older than every version the channel keeps, are not uploaded: a file no index would
 * name. Their planned puts become skips. A racing publish can still push one below the window
 * before this one commits: the commit then records it as pending deletion (repo/pending.ts).
 */
function belowRetention(p, uploads, kept) {
    for (const u of uploads) {
        if (kept(u))
            continue;
        const i = p.operations.findIndex((o) => o.action === 'put' && o.target === u.key);
        p.operations[i] = {
            action: 'skip',
            target: u.key,
            reason: `older than the ${p.retention} newest version(s) dev-retention keeps: not published`
        };
    }
    return uploads.filter(kept);
}
/**
 * Fails the plan when nothing but refused repositories is left, or when a stable file would be
 * replaced with other bytes.
 */
function checkRefusals(p) {
    const { refused } = p.detail;
    if (refused.length && p.operations.every((o) => o.action === 'skip')) {
        throw new Error(refused.map((r) => `${r.target}: ${r.error}`).join('; '));
    }
    if (p.replacing.length) {
        throw new Error(`refusing to replace published stable file(s) with different bytes: ${p.replacing.join(', ')}. ` +
            `Stable packages are immutable; publish a new version, or set 'overwrite: true' if you really mean it.`);
    }
}
/**
 * The indexes, computed at apply time (merged into whatever is current then): the plan names
 * them without content, so a dry run still shows every file a publish rewrites.
 */
function indexOperations(detail) {
    const { repos } = detail;
    const out = [];
    if (detail.debs.length) {
        out.push({
            action: 'put',
            target: `${repos.deb}/dists/stable/`,
            reason: 'index: Packages (+ .gz, .xz, by-hash), then Release, InRelease, Release.gpg'
        });
    }
    if (detail.rpms.length) {
        out.push({
            action: 'put',
            target: `${repos.rpm}/repodata/`,
            reason: 'index: primary, filelists, other, then repomd.xml and repomd.xml.asc'
        });
    }
    for (const sums of new Set(detail.tarballs.map((t) => `${t.repo}/${t.pkg.path.replace(/[^/]+$/, '')}SHA256SUMS`))) {
        out.push({
            action: 'put',
            target: sums,
            reason: 'index: SHA256SUMS and SHA256SUMS.asc, then the listing'
        });
    }
    for (const pattern of detail.remove) {
        out.push({
            action: 'delete',
            target: `${repos.deb}, ${repos.rpm}, ${repos.bin}: ${pattern}`,
            reason: "input 'remove'"
        });
    }
    return out;
}
/**
 * Starts reading, all at once, the published state of every repository the run adds to: on a
 * store across a network each is a round trip or two, and read one repository after the other
 * they added up. Admission still goes one repository at a time, in order, with what was read.
 * A read that fails is reported where admission awaits it: that repository is refused alone.
 */
function readAhead(store, repos, files, tarballRepos) {
    // Each is awaited, and its failure reported, by the repository's admission.
    return {
        apt: files.debs.length ? awaitedLater(readAptSnapshot(store, repos.deb)) : undefined,
        dnf: files.rpms.length ? awaitedLater(readDnfSnapshot(store, repos.rpm)) : undefined,
        tarballs: new Map([...tarballRepos].map((prefix) => [prefix, awaitedLater(readTarballState(store, prefix))]))
    };
}

/** The stage's job-summary section: per repository what was added and removed, and how to use it. */
function renderPackagesSummary(o, store) {
    const url = (key) => store.url(key) ?? key;
    // Under the section report/summary.ts heads with the stage's name.
    const lines = [];
    // A removal pattern or a smaller retention can drop thousands: the outputs list them all.
    const list = (title, items) => {
        if (!items.length)
            return;
        lines.push(`${title}:`, '', ...items.slice(0, MAX_TABLE_ROWS).map((i) => `- \`${i}\``));
        if (items.length > MAX_TABLE_ROWS)
            lines.push(`- …and ${items.length - MAX_TABLE_ROWS} more: the packages-${title.toLowerCase()} output lists them all`);
        lines.push('');
    };
    if (o.deb) {
        lines.push(`#### apt: \`${o.repos.deb}\``, '');
        list('Added', o.deb.added);
        list('Removed', o.deb.removed.map((r) => `${r.name} ${r.version} (${r.architecture})`));
        lines.push('```', `deb [signed-by=/etc/apt/keyrings/falco-publish.asc] ${url(o.repos.deb)} stable main`, '```', '');
    }
    if (o.rpm) {
        lines.push(`#### dnf: \`${o.repos.rpm}\``, '');
        list('Added', o.rpm.added);
        list('Removed', o.rpm.removed);
        lines.push(`Repository file: ${url(`${o.repos.rpm}/falco-publish.repo`)}`, '');
    }
    if (o.bin) {
        lines.push(`#### tarballs: \`${o.repos.bin}\``, '');
        list('Added', o.bin.added);
        list('Removed', o.bin.removed);
        lines.push(`Index: ${url(`${o.repos.bin}/index.html`)}`, '');
    }
    lines.push(`Signing key: ${url(PUBLIC_KEY_KEY)}`, '');
    return lines.join('\n');
}

const packagesStage = {
    name: 'packages',
    plan: planPackages,
    apply: applyPackages
};
async function planPackages(ctx) {
    const { inputs, release } = ctx;
    const packaging = inputs.packaging;
    // hasWork tests the channel too; the second test only tells TypeScript.
    if (!hasWork.packages(ctx) || release.channel === 'none')
        return { stage: 'packages', operations: [] };
    const repos = repositoriesFor(release.channel);
    // Read while the files are parsed and the repositories planned (see readPublishedSigning).
    const published = packaging.gpgPrivateKey === '' ? undefined : readPublishedSigning(ctx.store);
    const files = await resolvePackageFiles(inputs.packages, ctx.workspace, inputs.allowOutsideWorkspace);
    const checked = await checkPackageFiles(await parsePackageFiles(files, ctx.workspace), ctx);
    const p = startPlanning(release.channel, repos, packaging);
    const tarRepos = tarballRepositories(checked.tars, repos.bin, packaging.noarchRepository);
    const ahead = readAhead(ctx.store, repos, checked, tarRepos.keys());
    if (checked.debs.length)
        await planRepository(p, repos.deb, () => admitDebs(p, ctx.store, checked.debs, ahead.apt));
    if (checked.rpms.length)
        await planRepository(p, repos.rpm, () => admitRpms(p, ctx, checked.rpms, ahead.dnf));
    for (const [prefix, tarballs] of tarRepos)
        await planRepository(p, prefix, () => admitTarballs(p, ctx.store, prefix, tarballs, ahead.tarballs.get(prefix)));
    checkRefusals(p);
    p.operations.push(...indexOperations(p.detail));
    registerSecrets(ctx.log, packaging.gpgPrivateKey, packaging.gpgPassphrase);
    p.detail.keys = await planSigning(ctx, p.operations, published);
    return { stage: 'packages', operations: p.operations, detail: p.detail };
}
/** Parses every file, a few open at a time: a bulk import of 100k packages would otherwise hit EMFILE. */
async function parsePackageFiles(files, workspace) {
    const shown = (f) => path.relative(workspace, f);
    return {
        debs: await fewAtATime(files.filter((f) => f.endsWith('.deb')), (f) => parseDeb(f, shown(f))),
        rpms: await fewAtATime(files.filter((f) => f.endsWith('.rpm')), (f) => parseRpm(f, shown(f))),
        tars: await fewAtATime(files.filter((f) => f.endsWith('.tar.gz')), 
        // Not hashed yet: only a tarball whose name is published already needs it at plan time.
        async (f) => ({ name: parseTarballName(f), size: (await stat(f)).size, file: f }))
    };
}
/** Expands the `packages` globs; a glob matching nothing or a file of an unknown kind is an error. */
async function resolvePackageFiles(globs, workspace, allowOutside = false) {
    const out = new Set();
    const root = await realpath(workspace);
    for (const pattern of globs) {
        const matches = await matchFiles(pattern, workspace);
        if (matches.length === 0)
            throw new Error(`input 'packages': ${JSON.stringify(pattern)} matches no file under ${workspace}`);
        for (const m of matches.sort()) {
            // A glob climbing out (../), or a symlink pointing out, would publish a file nobody
            // meant to: the workspace holds what the build made.
            const real = await realpath(m);
            if (!allowOutside && path.relative(root, real).startsWith('..')) {
                throw new PackageFormatError(path.relative(workspace, m), `input 'packages': ${JSON.stringify(pattern)} leads outside the workspace (to ${real}); ` +
                    `copy the file into the workspace, or set allow-outside-workspace: true`);
            }
            if (!/\.(deb|rpm|tar\.gz)$/.test(m)) {
                throw new PackageFormatError(path.relative(workspace, m), "input 'packages' takes .deb, .rpm and .tar.gz files only");
            }
            out.add(m);
        }
    }
    return [...out];
}
/**
 * The files a pattern names. A plain path (no glob character, no part starting with a dot,
 * which a glob would skip) is looked up directly: tinyglobby, loaded only for a real glob, costs
 * about 10 ms of a small publish's start.
 */
async function matchFiles(pattern, workspace) {
    if (!/[*?[\]{}()!+@\\]/.test(pattern) && !pattern.split('/').some((p) => p.startsWith('.'))) {
        const file = path.resolve(workspace, pattern);
        const found = await stat(file).catch(() => undefined);
        return found?.isFile() ? [file] : [];
    }
    const { glob } = await import('./dist-DaUy1nud.js');
    return glob(pattern, {
        cwd: workspace,
        absolute: true,
        onlyFiles: true,
        expandDirectories: false
    });
}
async function applyPackages(plan, ctx) {
    const started = Date.now();
    const detail = plan.detail;
    const uploader = new Uploader(ctx.store, ctx.log);
    const result = () => ({
        stage: 'packages',
        published: uploader.published,
        failed: [],
        durationMs: Date.now() - started
    });
    const { packaging } = ctx.inputs;
    // A re-run with nothing new still finishes what a stopped publish left half-committed (see
    // finish.ts), which takes the signing key; without one there is nothing it could sign.
    // The key's secrets were registered by the plan.
    if (!detail ||
        (plan.operations.every((o) => o.action === 'skip') && packaging.gpgPrivateKey === ''))
        return result();
    try {
        const keys = detail.keys ?? (await loadSigningKeys(packaging.gpgPrivateKey, packaging.gpgPassphrase));
        // A bulk import signs in worker threads; a worker's failure fails the publish here, before
        // any index names what it would have signed.
        const signatures = signatureCount(detail);
        const workers = await startSigningWorkers(keys, signatures);
        if (workers)
            ctx.log.info(`signing ${signatures} package signatures in ${workers.count} worker threads`);
        const outcome = await publish(detail, ctx, workers?.keys ?? keys, uploader).finally(() => workers?.close());
        const res = result();
        res.summary = renderPackagesSummary(outcome, ctx.store);
        res.outputs = {
            // A removal pattern can drop thousands of packages; each is logged as it goes.
            'packages-added': listOutput('packages-added', outcome.added, 'the log names each one', ctx.log),
            'packages-removed': listOutput('packages-removed', outcome.removed, 'the log names each one', ctx.log)
        };
        res.notes = outcome.notes;
        if (detail.refused.length) {
            res.failed.push(...detail.refused);
            throw new StageError(`packages: published the other repositories; refused ${detail.refused.map((r) => `${r.target}: ${r.error}`).join('; ')}`, res);
        }
        return res;
    }
    catch (e) {
        if (e instanceof StageError)
            throw e;
        const res = result();
        res.failed.push({ target: 'packages', error: e.message });
        throw new StageError(`packages: ${e.message}`, res);
    }
}
/** The package signatures a publish makes: a .asc per file, and an .rpm's header signature. */
function signatureCount(d) {
    return d.debs.length + 2 * d.rpms.length + d.tarballs.length;
}
async function publish(d, ctx, keys, uploader) {
    const { store, log } = ctx;
    const packaging = ctx.inputs.packaging;
    const retention = d.channel === 'dev' ? ctx.inputs.packaging.devRetention : undefined;
    const graceMs = packaging.deletionGraceMinutes * 60_000;
    const patterns = d.remove.map(parseRemovePattern);
    const remove = patterns.length
        ? (name, version) => patterns.some((p) => p.name.test(name) && p.version.test(version))
        : undefined;
    const outcome = {
        repos: d.repos,
        channel: d.channel,
        added: [],
        removed: [],
        notes: []
    };
    // Removal patterns touch only repositories that exist; an unchanged repository is not rewritten.
    const refused = new Set(d.refused.map((r) => r.target));
    const exists = async (prefix, file) => !refused.has(prefix) && (await statObject(store, `${prefix}/${file}`)) !== undefined;
    if (d.debs.length || (remove && (await exists(d.repos.deb, 'dists/stable/Release')))) {
        await log.group(`apt repository ${d.repos.deb}`, async () => {
            const stored = fewAtATime(d.debs, (u) => Promise.all([
                uploader.file(u.key, u.pkg.file, 'package', 'application/vnd.debian.binary-package', u.pkg.digests.sha256),
                signFile(uploader, u.key, u.pkg.file, keys, u.pkg.hashed)
            ]));
            outcome.deb = await commitAfter(stored, (s) => commitApt({
                added: d.debs.map((u) => ({ pkg: u.pkg, filename: u.filename })),
                remove,
                retention,
                graceMs
            }, {
                store,
                prefix: d.repos.deb,
                keys,
                log,
                uploader,
                snapshot: d.aptSnapshot,
                stored: s,
                // Never the tool's name: a repository is its project's (apt shows it to users).
                origin: packaging.aptOrigin || ctx.repository?.owner || path.basename(ctx.workspace),
                label: packaging.aptLabel || undefined
            }));
        });
    }
    else if (d.debsUnchanged.length) {
        await finishApt({ store, prefix: d.repos.deb, keys, log, uploader });
    }
    if (d.rpms.length || (remove && (await exists(d.repos.rpm, 'repodata/repomd.xml')))) {
        await log.group(`dnf repository ${d.repos.rpm}`, async () => {
            // Signing changes the header, so the index describes the signed files.
            const signed = await fewAtATime(d.rpms, async (u) => ({
                u,
                signed: await signRpmFile(u.pkg, keys, ctx.workdir)
            }));
            const stored = fewAtATime(signed, ({ u, signed }) => Promise.all([
                uploader.file(u.key, signed.file, 'package', 'application/x-rpm'),
                signFile(uploader, u.key, signed.file, keys, signed.hashed)
            ]));
            // The .repo file is read beside the commit, and written after it only if it changed.
            const repoFile = `${d.repos.rpm}/falco-publish.repo`;
            const currentRepoFile = awaitedLater(readObject(store, repoFile)); // once the commit is done
            outcome.rpm = await commitAfter(stored, (s) => commitDnf({ added: signed.map((x) => x.signed), remove, retention, graceMs }, { store, prefix: d.repos.rpm, keys, log, uploader, snapshot: d.dnfSnapshot, stored: s }));
            await putIfChanged(store, uploader, repoFile, dnfRepoFile(store, d.repos.rpm, d.channel), 'index', undefined, currentRepoFile);
        });
    }
    else if (d.rpmsUnchanged.length) {
        await finishDnf({ store, prefix: d.repos.rpm, keys, log, uploader });
    }
    const tarRepos = new Set([
        ...d.tarballs.map((u) => u.repo),
        ...(remove ? [d.repos.bin, packaging.noarchRepository] : [])
    ]);
    for (const prefix of tarRepos) {
        const uploads = d.tarballs.filter((u) => u.repo === prefix);
        if (!uploads.length && !(await exists(prefix, 'index.json')))
            continue;
        await log.group(`tarballs ${prefix}`, async () => {
            const stored = await fewAtATime(uploads, (u) => storeTarball(uploader, u, keys));
            const r = await commitTarballs({
                added: uploads.map((u, i) => ({ path: u.pkg.path, ...stored[i] })),
                remove,
                // The arch-less repository takes stable releases too (Falco's wasm-dev): no retention.
                retention: prefix === d.repos.bin ? retention : undefined,
                graceMs
            }, {
                store,
                prefix,
                keys,
                log,
                uploader,
                title: prefix,
                digests: d.tarballDigests.get(prefix),
                state: d.tarballStates.get(prefix)
            });
            if (r.adopted)
                log.info(`adopted ${r.adopted} tarball(s) already in ${prefix}`);
            outcome.bin = {
                // What the retention dropped at once was not added (and is deleted again).
                added: [
                    ...(outcome.bin?.added ?? []),
                    ...uploads.filter((u) => !r.removed.includes(u.pkg.path)).map((u) => u.key)
                ],
                removed: [...(outcome.bin?.removed ?? []), ...r.removed.map((p) => `${prefix}/${p}`)]
            };
        });
    }
    // A re-run with nothing new still finishes what an interrupted publish left half-committed.
    for (const prefix of d.tarballsUnchanged) {
        if (tarRepos.has(prefix) || refused.has(prefix))
            continue;
        await finishTarballs({ store, prefix, keys, log, uploader, title: prefix });
    }
    // Last: the public key users check with changes only once everything is signed by it.
    await publishPublicKeys(store, uploader, keys);
    outcome.added = [
        ...(outcome.deb?.added.map((f) => `${d.repos.deb}/${f}`) ?? []),
        ...(outcome.rpm?.added.map((f) => `${d.repos.rpm}/${f}`) ?? []),
        ...(outcome.bin?.added ?? [])
    ];
    outcome.removed = [
        ...(outcome.deb?.removedFiles.map((f) => `${d.repos.deb}/${f}`) ?? []),
        ...(outcome.rpm?.removedFiles.map((f) => `${d.repos.rpm}/${f}`) ?? []),
        ...(outcome.bin?.removed ?? [])
    ];
    return outcome;
}
/**
 * Commits an index while its packages are still being stored (`stored`, which the commit
 * awaits before naming them), and reports the first failure of either: a failed upload is
 * never left unobserved behind a failed commit.
 */
async function commitAfter(stored, commit) {
    const [uploads, committed] = await Promise.allSettled([stored, commit(stored)]);
    if (uploads.status === 'rejected')
        throw uploads.reason;
    if (committed.status === 'rejected')
        throw committed.reason;
    return committed.value;
}
/**
 * Signs or stores packages four at a time, results in input order: enough to overlap a remote
 * store's round trips, few enough to keep a runner's connections and open files in bounds. The
 * first failure fails them all: none still queued starts (it would only leave a file no index
 * names, and on a bulk import spend minutes doing it), and those under way are waited for, so
 * that nothing is still writing once the publish has failed.
 */
async function fewAtATime(items, fn) {
    const limit = pLimit(4);
    let failed;
    const settled = await Promise.allSettled(items.map((item) => limit(async () => {
        if (failed)
            throw failed.error;
        try {
            return await fn(item);
        }
        catch (error) {
            failed ??= { error };
            throw error;
        }
    })));
    if (failed)
        throw failed.error;
    return settled.map((s) => s.value);
}
/** Writes a small file only when its bytes change (a rewrite would only cost a CDN invalidation). */
async function putIfChanged(store, uploader, key, text, kind = 'index', contentType, 
/** What `key` holds, when the caller has started reading it already. */
read = readObject(store, key)) {
    const current = await read;
    if (current?.toString('utf8') === text)
        return;
    await uploader.bytes(key, text, kind, contentType);
}
/** The public key file, rewritten only when the keys changed. */
function publishPublicKeys(store, uploader, keys) {
    return putIfChanged(store, uploader, PUBLIC_KEY_KEY, keys.publicArmored.join('\n'), 'signature', 'application/pgp-keys');
}
/**
 * Uploads a tarball and its signature, and says what was uploaded. One the plan hashed is sent
 * and signed at once from that hash; one it did not is hashed as it is sent, then signed from
 * that hash (kept unfinished by the store): either way the file is read once here.
 */
async function storeTarball(uploader, u, keys) {
    const { file, digests, hashed } = u.pkg;
    if (digests) {
        await Promise.all([
            uploader.file(u.key, file, 'tarball', 'application/gzip', digests.sha256),
            signFile(uploader, u.key, file, keys, hashed)
        ]);
        return digests;
    }
    const r = await uploader.file(u.key, file, 'tarball', 'application/gzip', undefined, true);
    await signFile(uploader, u.key, file, keys, r.hashed);
    return { size: r.size, sha256: r.sha256 };
}
/** The file's detached signature; `hashed` continues the planning's SHA-256 (not read again). */
async function signFile(uploader, key, file, keys, hashed) {
    await uploader.bytes(`${key}.asc`, await detachSignFile(file, keys, hashed), 'signature', 'application/pgp-signature', true // no index names a package's signature: it is synced with the package
    );
}
/** The `.repo` file users drop in /etc/yum.repos.d. */
function dnfRepoFile(store, prefix, channel) {
    const base = store.url(prefix) ?? prefix;
    const key = store.url(PUBLIC_KEY_KEY) ?? PUBLIC_KEY_KEY;
    const id = channel === 'dev' ? 'falco-publish-dev' : 'falco-publish';
    return (`[${id}]\nname=${id}\nbaseurl=${base}\nenabled=1\ngpgcheck=1\nrepo_gpgcheck=1\ngpgkey=${key}\n` +
        `metadata_expire=1h\n`);
}

var packages = /*#__PURE__*/Object.freeze({
    __proto__: null,
    PUBLIC_KEY_KEY: PUBLIC_KEY_KEY,
    dnfRepoFile: dnfRepoFile,
    packagesStage: packagesStage,
    repositoriesFor: repositoriesFor,
    resolvePackageFiles: resolvePackageFiles
});

/**
 * The verify stage, applied last: what the other stages published, fetched through `public-url`
 * (or each registry) the way apt, dnf, falcoctl and docker fetch it. A CDN that keeps serving an
 * old InRelease, a by-hash file that never arrived or a package with other bytes fails the run
 * here, before a user meets it.
 */
const verifyStage = {
    name: 'verify',
    plan: async (ctx) => {
        if (!hasWork.verify(ctx))
            return { stage: 'verify', operations: [] };
        const where = ctx.inputs.publicUrl || ctx.store.location;
        return {
            stage: 'verify',
            operations: [
                {
                    action: 'check',
                    target: where,
                    reason: ctx.inputs.publicUrl
                        ? `what this run publishes, as clients fetch it (up to ${ctx.inputs.verify.timeoutSeconds} s for a CDN to catch up)`
                        : 'what this run publishes, read back from the store (no public-url)'
                }
            ]
        };
    },
    apply: applyVerify
};
async function applyVerify(_plan, ctx) {
    const started = Date.now();
    const targets = targetsOfRun(ctx.results ?? []);
    const result = { stage: 'verify', published: [], failed: [], durationMs: 0 };
    if (isEmpty(targets)) {
        ctx.log.info('Nothing was published in this run: nothing to verify.');
        return { ...result, durationMs: Date.now() - started };
    }
    const publicUrl = ctx.inputs.publicUrl;
    const where = publicUrl || ctx.store.location;
    if (!publicUrl)
        ctx.log.info(`No public-url: checking the store itself (${ctx.store.location}), not what a CDN serves.`);
    const registry = targets.images.length
        ? await registryResolver({ log: ctx.log, insecure: ctx.inputs.containers.insecureRegistries })
        : undefined;
    const store = storeServed(ctx.store);
    try {
        const report = await verify$2(targets, {
            served: publicUrl ? httpServed(publicUrl) : store,
            store,
            throughPublicUrl: publicUrl !== '',
            resolveTag: registry?.resolve,
            checkSignature: registry?.checkSignature,
            // Read from the store itself, nothing propagates: a second pass would see the same.
            deadlineMs: publicUrl ? ctx.inputs.verify.timeoutSeconds * 1000 : 0,
            log: ctx.log
        });
        logVerifyReport(report, ctx.log);
        result.summary = renderVerifySummary(report, where);
        result.outputs = {
            verified: JSON.stringify(Object.fromEntries(byKind(report.results).map((k) => [k.kind, k.failed === 0])))
        };
        result.notes = byKind(report.results).map((k) => `verify ${k.kind}: ${k.failed ? `${k.failed} wrong of ${k.checked}` : `${k.checked} ok`}`);
        result.durationMs = Date.now() - started;
        if (!report.ok) {
            result.failed = report.results.flatMap((r) => r.findings.map((f) => ({
                target: f.file,
                error: `served ${f.served}; published ${f.published}`
            })));
            throw new StageError(verifyError(report, where), result);
        }
        return result;
    }
    finally {
        registry?.close();
    }
}

var verify = /*#__PURE__*/Object.freeze({
    __proto__: null,
    verifyStage: verifyStage
});

export { metadataSignatures as $, parseHeader as A, repositoriesFor as B, retryOnConflict as C, detachSign as D, readVersioned as E, PUBLIC_KEY_KEY as F, parseRemovePattern as G, HeaderValues as H, INDEX_TYPES as I, commitApt as J, commitDnf as K, commitTarballs as L, MANIFEST_TYPES as M, registerSecrets as N, loadSigningKeys as O, PreconditionFailed as P, checkSigningKeys as Q, RpmType as R, StageError as S, publicKeyFingerprints as T, Uploader as U, checkKeyContinuity as V, releaseText as W, clearSign as X, signerKeyIds as Y, keysSigning as Z, statObject as _, sha256Hex as a, readWithEtag as a0, InputError as a1, isLoopback$1 as a2, webUrl as a3, mark as a4, readInputs as a5, inputSecrets as a6, publish$1 as a7, pipelineSeams as a8, outputsWithPublishedFile as a9, requireCompareBuild as aA, requireGte as aB, requireRe as aC, requireConstants as aD, requireParseOptions as aE, requireDebug as aF, requireIdentifiers as aG, requireValid as aH, requirePrerelease as aI, requireRsort as aJ, tagVersion as aK, isPrerelease as aL, readAptSnapshot as aM, loadApt as aN, loadedEntries as aO, parsePendingField as aP, readDnfSnapshot as aQ, loadMatching as aR, inputs as aS, openpgp as aT, cli as aU, timingLine as aa, renderSummary as ab, runCommand as ac, splitArgs as ad, pLimit as ae, progressLine as af, listOutput as ag, selectShard as ah, fitJsonArray as ai, platformString as aj, formatBytes as ak, formatRate as al, platformOfConfig as am, indexTar as an, manifestBlobs as ao, retry as ap, isRetryableStatus as aq, RetryableStatus as ar, apiBase as as, DEFAULT_RETRY as at, isTransient as au, backoffMs as av, retryAfterMs as aw, requireParse as ax, requireSemver as ay, requireCompare as az, storeOpener as b, storeUrl as c, targetsOfStore as d, renderVerifySummary as e, byKind as f, verifyError as g, httpServed as h, isEmpty as i, storeServed as j, byCodeUnit as k, logVerifyReport as l, parseImageEntry as m, isValidTag as n, MediaType as o, parseRepository as p, getDefaultExportFromCjs as q, registryResolver as r, scan as s, targetsOfPublished as t, sha256File as u, verify$2 as v, hasWork as w, readObject as x, checkKey$1 as y, headerLength as z };
