import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const nc = __nodeBuiltin('node:crypto');
const { createHash } = __nodeBuiltin('node:crypto');
const { Transform } = __nodeBuiltin('node:stream');

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

export { Sha256Stream as S, sha256Hex as a, sha256Of as s };
