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

export { StageError as S, isMetadata as i };
