/** The objects under `prefix`, in key order, as cheaply as the store can list them (no etags). */
function scan(store, prefix) {
    return store.scan ? store.scan(prefix) : store.list(prefix);
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
/** Rejects keys that could escape the store's root or that no backend can hold. */
function checkKey(key) {
    if (key === '' ||
        key.startsWith('/') ||
        key.endsWith('/') ||
        key.split('/').some((part) => part === '' || part === '.' || part === '..') ||
        // eslint-disable-next-line no-control-regex
        /[\u0000-\u001f\u007f\\]/.test(key)) {
        throw new Error(`invalid store key ${JSON.stringify(key)}: keys are relative '/'-separated paths`);
    }
    return key;
}

export { PreconditionFailed as P, checkKey as c, scan as s };
