import { l as list, b as boolean, i as integer } from './input-values-CHzpRL_X.js';

function readPackageInputs(get) {
    const remove = list(get('remove'));
    for (const pattern of remove)
        parseRemovePattern(pattern);
    return {
        gpgPrivateKey: get('gpg-private-key'),
        gpgPassphrase: get('gpg-passphrase'),
        devRetention: integer(get, 'dev-retention', 1),
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

export { parseRemovePattern as p, readPackageInputs as r };
