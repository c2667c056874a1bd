import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { createHash } = __nodeBuiltin('node:crypto');
const { createReadStream } = __nodeBuiltin('node:fs');
const { open } = __nodeBuiltin('node:fs/promises');
import { s as sha256Of } from './digest-BYxfGJno.js';

/** Hashes bytes as they pass, so a file is read once for all digests and the parser. */
class Digester {
    hashes = {
        md5: createHash('md5'),
        sha1: createHash('sha1'),
        sha256: createHash('sha256'),
        sha512: createHash('sha512')
    };
    size = 0;
    update(chunk) {
        this.size += chunk.length;
        for (const h of Object.values(this.hashes))
            h.update(chunk);
    }
    /** The unfinished SHA-256 of a large file, for its signature (see `keptState`); before `digest()`. */
    sha256State() {
        return keptState(this.size, this.hashes.sha256);
    }
    digest() {
        return {
            size: this.size,
            md5: this.hashes.md5.digest('hex'),
            sha1: this.hashes.sha1.digest('hex'),
            sha256: this.hashes.sha256.digest('hex'),
            sha512: this.hashes.sha512.digest('hex')
        };
    }
}
/** Just the digests an index lists (Release: MD5Sum, SHA256, SHA512; repomd: SHA256), skipping SHA1. */
function indexDigests(data) {
    const hash = (algo) => createHash(algo).update(data).digest('hex');
    return {
        size: data.length,
        md5: hash('md5'),
        sha1: '',
        sha256: hash('sha256'),
        sha512: hash('sha512')
    };
}
/**
 * Counts and SHA-256-hashes bytes as they pass. For RPMs and tarballs, which nothing lists by
 * MD5, SHA-1 or SHA-512: with those three as well, planning a 50 MB RPM took 230 ms, not 80.
 */
class Sha256Counter {
    hash = createHash('sha256');
    size = 0;
    update(chunk) {
        this.size += chunk.length;
        this.hash.update(chunk);
    }
    digest() {
        return { size: this.size, sha256: this.hash.digest('hex') };
    }
}
function sha256File(file) {
    return sha256Of(createReadStream(file, { highWaterMark: READ_CHUNK }));
}
/** Files are read 1 MiB at a time: 16 times fewer chunks through the hash than the default. */
const READ_CHUNK = 1 << 20;
/**
 * A copy of a SHA-256 fed a whole file and not finished, for a file of 1 MiB or more: a
 * detached OpenPGP signature hashes the same bytes then its own trailer, so it continues from
 * this copy instead of reading the file again (`detachSignFile`). A smaller file is read again:
 * that costs less than the state each copy holds (about 640 bytes, 64 MB for a bulk import of
 * 100k packages).
 */
function keptState(size, hash) {
    return size >= READ_CHUNK ? hash.copy() : undefined;
}
/**
 * A file's size and SHA-256, read once into one reused 1 MiB buffer, with the unfinished hash of
 * a large one (`keptState`). The reused buffer keeps a 1 GiB file's planning at ~55 MiB of peak
 * RSS on Node 24; a read stream's fresh buffer per chunk waits for the collector (~125 MiB).
 */
async function sha256FileState(file) {
    const hash = createHash('sha256');
    let size = 0;
    const handle = await open(file, 'r');
    try {
        const buffer = Buffer.allocUnsafe(READ_CHUNK);
        for (;;) {
            const { bytesRead } = await handle.read(buffer, 0, READ_CHUNK, null);
            if (bytesRead === 0)
                break;
            hash.update(buffer.subarray(0, bytesRead));
            size += bytesRead;
        }
    }
    finally {
        await handle.close();
    }
    const hashed = keptState(size, hash);
    return { digests: { size, sha256: hash.digest('hex') }, ...(hashed && { hashed }) };
}

export { Digester as D, Sha256Counter as S, sha256FileState as a, indexDigests as i, sha256File as s };
