import { l as list, I as InputError, i as integer, b as boolean } from './input-values-CHzpRL_X.js';
import { a as parsePlatform, p as parseRepository, i as isValidTag } from './repository-GbOF8_D3.js';

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

export { CONTAINER_INPUT_DEFAULTS as C, parseImageEntry as p, readContainerInputs as r };
