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

var commonjsGlobal = typeof globalThis !== 'undefined' ? globalThis : typeof window !== 'undefined' ? window : typeof global !== 'undefined' ? global : typeof self !== 'undefined' ? self : {};

function getDefaultExportFromCjs (x) {
	return x && x.__esModule && Object.prototype.hasOwnProperty.call(x, 'default') ? x['default'] : x;
}

/**
 * Whether a stage has anything to do in this run, read from the release and the inputs alone.
 * A stage without work plans nothing, so its code and libraries (OpenPGP for packages, the
 * registry's HTTP client for containers, YAML for drivers) are not loaded at all: a run that only
 * publishes packages does not compile the container client. Each stage's plan starts with the
 * same test, so the two cannot disagree.
 */
const hasWork = {
    packages: ({ release, inputs }) => release.channel !== 'none' &&
        (inputs.packages.length > 0 || inputs.packaging.remove.length > 0),
    containers: ({ inputs }) => inputs.containers.images.length > 0,
    drivers: ({ release, inputs: { drivers } }) => release.channel !== 'none' &&
        drivers.versions.length > 0 &&
        (drivers.config !== '' || drivers.shard.mode === 'index')
};

export { StageError as S, commonjsGlobal as c, getDefaultExportFromCjs as g, hasWork as h, isMetadata as i };
