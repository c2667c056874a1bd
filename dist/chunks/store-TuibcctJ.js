import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { ReadStream } = __nodeBuiltin('node:fs');
import { s as sha256Of } from './digest-BYxfGJno.js';

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
/** Bytes `start` (included) to `end` (excluded) of an object. */
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

export { PreconditionFailed as P, checkKey as c, digestObject as d, readObject as r, scan as s, unreadFileOf as u };
