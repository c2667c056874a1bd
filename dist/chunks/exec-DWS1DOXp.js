import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
import { l as list, I as InputError, i as integer, c as boolean } from './package-m0x3kU6p.js';
const { constants } = __nodeBuiltin('node:os');

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

var repository = /*#__PURE__*/Object.freeze({
    __proto__: null,
    apiBase: apiBase,
    hostname: hostname,
    isLoopback: isLoopback,
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
        child.on('close', (code, signal) => settle({ code: code ?? 128 + (signal ? constants.signals[signal] : 0) }));
    });
}

export { CONTAINER_INPUT_DEFAULTS as C, INDEX_TYPES as I, MANIFEST_TYPES as M, parseImageEntry as a, readContainerInputs as b, isLoopback as c, apiBase as d, platformString as e, MediaType as f, platformOfConfig as g, image as h, isValidTag as i, repository as j, manifestBlobs as m, parseRepository as p, runCommand as r, webUrl as w };
