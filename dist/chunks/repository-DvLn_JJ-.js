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

export { INDEX_TYPES as I, MediaType as M, apiBase as a, MANIFEST_TYPES as b, parseRepository as c, platformOfConfig as d, isLoopback as e, parsePlatform as f, image as g, isValidTag as i, manifestBlobs as m, platformString as p, repository as r, webUrl as w };
