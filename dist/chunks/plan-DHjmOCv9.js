var commonjsGlobal = typeof globalThis !== 'undefined' ? globalThis : typeof window !== 'undefined' ? window : typeof global !== 'undefined' ? global : typeof self !== 'undefined' ? self : {};

function getDefaultExportFromCjs (x) {
	return x && x.__esModule && Object.prototype.hasOwnProperty.call(x, 'default') ? x['default'] : x;
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

export { StageError as S, commonjsGlobal as c, getDefaultExportFromCjs as g, isMetadata as i };
