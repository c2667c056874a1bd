import { createPrivateKey, privateEncrypt, constants, sign, randomBytes, createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { g as generateKey, b as readPrivateKey, d as decryptKey, e as createCleartextMessage, s as sign$1, f as armor, h as enums, c as createMessage } from './openpgp-BvP7edd7.js';
import 'module';

/**
 * Signing a digest with node:crypto, using the key material openpgp.js has already read and
 * decrypted: node's OpenSSL does the private-key operation, so nothing but the digest has to
 * be in memory (see `stream-signature.ts` for why).
 */
/** RFC 4880 §9.1 public-key algorithm ids. */
const RSA_ENCRYPT_SIGN = 1;
const RSA_SIGN = 3;
const EDDSA_LEGACY = 22;
/**
 * A node:crypto signer for a v4 RSA or legacy Ed25519 key, or undefined for anything else
 * (ECDSA, RFC 9580 Ed25519/Ed448, v6 keys), which the caller leaves to openpgp.js.
 */
function digestSigner(key) {
    if (key.version !== 4 || key.privateParams === null)
        return undefined;
    const fingerprint = key.getFingerprintBytes();
    if (fingerprint?.length !== 20)
        return undefined;
    const keyId = Buffer.from(key.getKeyID().toHex(), 'hex');
    const pub = key.publicParams;
    const priv = key.privateParams;
    if (key.algorithm === RSA_ENCRYPT_SIGN || key.algorithm === RSA_SIGN) {
        const [n, e, d, p, q] = [pub.n, pub.e, priv.d, priv.p, priv.q].map(bytes);
        if (!n || !e || !d || !p || !q)
            return undefined;
        const rsa = createPrivateKey({ format: 'jwk', key: rsaJwk(n, e, d, p, q) });
        return {
            algorithm: key.algorithm,
            fingerprint,
            keyId,
            sign: (digest) => [rsaSign(rsa, digest)]
        };
    }
    if (key.algorithm === EDDSA_LEGACY) {
        const [Q, seed] = [pub.Q, priv.seed].map(bytes);
        if (curveName(pub.oid) !== 'ed25519Legacy' || !Q || !seed)
            return undefined;
        // Q is the point with its 0x40 "native encoding" prefix (RFC 4880bis §13.2).
        if (Q.length !== 33 || Q[0] !== 0x40 || seed.length !== 32)
            return undefined;
        const ed = ed25519Key(Q.subarray(1), seed);
        return {
            algorithm: key.algorithm,
            fingerprint,
            keyId,
            sign: (digest) => ed25519Sign(ed, digest)
        };
    }
    return undefined;
}
function bytes(value) {
    return value instanceof Uint8Array ? value : undefined;
}
function curveName(oid) {
    const named = oid;
    return typeof named?.getName === 'function' ? named.getName() : undefined;
}
/**
 * OpenPGP stores n, e, d, p, q and u = p⁻¹ mod q; a JWK wants the CRT values OpenSSL uses,
 * with qi = q⁻¹ mod p (the other way round), so they are derived here from d, p and q rather
 * than taken from u. (OpenSSL checks each CRT result and silently falls back to d alone when the
 * values are wrong, so a mistake here would not show as a bad signature: the unit test compares
 * with a JWK that OpenSSL itself exports.)
 */
function rsaJwk(n, e, d, p, q) {
    const [D, P, Q] = [d, p, q].map(toBigInt);
    return {
        kty: 'RSA',
        n: b64url(n),
        e: b64url(e),
        d: b64url(d),
        p: b64url(p),
        q: b64url(q),
        dp: b64url(fromBigInt(D % (P - 1n))),
        dq: b64url(fromBigInt(D % (Q - 1n))),
        qi: b64url(fromBigInt(modInverse(Q, P)))
    };
}
/** DER of DigestInfo for SHA-256 up to the digest (RFC 8017 §9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');
/**
 * EMSA-PKCS1-v1_5 over a digest that is already computed: `crypto.sign` would hash it again,
 * so the DigestInfo is built here and OpenSSL pads it (block type 1) and applies d.
 */
function rsaSign(key, digest) {
    if (digest.length !== 32)
        throw new Error(`expected a SHA-256 digest, got ${digest.length} bytes`);
    return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest]));
}
function ed25519Key(publicPoint, seed) {
    return createPrivateKey({
        format: 'jwk',
        // Fixed-size octet strings, leading zero bytes included (unlike RSA's integers).
        key: {
            kty: 'OKP',
            crv: 'Ed25519',
            d: Buffer.from(seed).toString('base64url'),
            x: Buffer.from(publicPoint).toString('base64url')
        }
    });
}
/**
 * Legacy EdDSA in OpenPGP signs the digest itself as the Ed25519 message, and writes the 64-byte
 * signature as two MPIs, r and s.
 */
function ed25519Sign(key, digest) {
    const signature = sign(null, digest, key);
    return [signature.subarray(0, 32), signature.subarray(32)];
}
/** An RSA integer as JWK's Base64urlUInt: big-endian without leading zero bytes. */
function b64url(bytes) {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0)
        start++;
    return Buffer.from(bytes.subarray(start)).toString('base64url');
}
function toBigInt(bytes) {
    return bytes.length === 0 ? 0n : BigInt('0x' + Buffer.from(bytes).toString('hex'));
}
function fromBigInt(n) {
    const hex = n.toString(16);
    return Buffer.from(hex.length % 2 ? '0' + hex : hex, 'hex');
}
/** a⁻¹ mod m by the extended Euclidean algorithm (m prime here, so the inverse exists). */
function modInverse(a, m) {
    let [oldR, r] = [((a % m) + m) % m, m];
    let [oldS, s] = [1n, 0n];
    while (r !== 0n) {
        const quotient = oldR / r;
        [oldR, r] = [r, oldR - quotient * r];
        [oldS, s] = [s, oldS - quotient * s];
    }
    if (oldR !== 1n)
        throw new Error('RSA key: q has no inverse modulo p');
    return ((oldS % m) + m) % m;
}

/**
 * The bytes of an OpenPGP v4 detached signature packet over binary data (RFC 4880 §5.2.3,
 * RFC 9580 §5.2.3), built by hand so that the data can be hashed as it streams past: openpgp.js
 * reads a streamed message to its end in memory before it signs. Pure functions: the hashing
 * and the private-key operation happen elsewhere (see `node-keys.ts` and `openpgp.ts`).
 */
/** RFC 4880 §9.4: SHA-256, the one hash this project signs with (apt, rpm and FIPS hosts accept it). */
const HASH_SHA256 = 8;
/** RFC 4880 §5.2.1: "Signature of a binary document". */
const SIGNATURE_BINARY = 0x00;
const PACKET_SIGNATURE = 2;
const SUBPACKET_CREATION_TIME = 2;
const SUBPACKET_ISSUER_KEY_ID = 16;
const SUBPACKET_NOTATION = 20;
const SUBPACKET_ISSUER_FINGERPRINT = 33;
/** The notation openpgp.js uses for its salt; verifiers ignore it (it is not critical). */
const SALT_NOTATION = 'salt@notations.openpgpjs.org';
/**
 * The hashed part of the packet: version 4, type, algorithms and the hashed subpackets
 * (creation time, issuer fingerprint). It is both written into the packet and hashed after
 * the data, so one function builds it for both.
 */
function hashedPart(header) {
    if (header.fingerprint.length !== 20) {
        throw new Error(`a v4 key fingerprint has 20 bytes, not ${header.fingerprint.length}`);
    }
    const seconds = Math.floor(header.created.getTime() / 1000);
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > 0xffffffff) {
        throw new Error(`signature creation time out of range: ${header.created.toISOString()}`);
    }
    const subpackets = concat([
        // Critical, as openpgp.js marks it: a verifier that ignored the time could accept a
        // signature from before a key was valid.
        subpacket(SUBPACKET_CREATION_TIME, uint32(seconds), true),
        ...(header.salt ? [subpacket(SUBPACKET_NOTATION, notation(SALT_NOTATION, header.salt))] : []),
        subpacket(SUBPACKET_ISSUER_FINGERPRINT, concat([Uint8Array.of(4), header.fingerprint]))
    ]);
    return concat([
        Uint8Array.of(4, SIGNATURE_BINARY, header.algorithm, HASH_SHA256),
        uint16(subpackets.length),
        subpackets
    ]);
}
/**
 * What is hashed after the data and the hashed part (RFC 4880 §5.2.4): 0x04 0xFF and the
 * hashed part's length as four big-endian bytes.
 */
function hashTrailer(hashed) {
    return concat([Uint8Array.of(4, 0xff), uint32(hashed.length)]);
}
/**
 * The whole packet (new-format header, tag 2): the hashed part, the issuer key id as an
 * unhashed subpacket (older verifiers look it up there, as GnuPG writes it), the left 16 bits
 * of the digest, then the signature as MPIs.
 */
function signaturePacket(hashed, keyId, digest, mpis) {
    if (keyId.length !== 8)
        throw new Error(`a key id has 8 bytes, not ${keyId.length}`);
    const unhashed = subpacket(SUBPACKET_ISSUER_KEY_ID, keyId);
    const body = concat([
        hashed,
        uint16(unhashed.length),
        unhashed,
        digest.subarray(0, 2),
        ...mpis.map(mpi)
    ]);
    return concat([packetHeader(PACKET_SIGNATURE, body.length), body]);
}
/** RFC 4880 §3.2: two bytes of bit count, then the integer's bytes without leading zeros. */
function mpi(bigEndian) {
    let start = 0;
    while (start < bigEndian.length && bigEndian[start] === 0)
        start++;
    const digits = bigEndian.subarray(start);
    const bits = digits.length === 0 ? 0 : (digits.length - 1) * 8 + bitLength(digits[0]);
    return concat([uint16(bits), digits]);
}
/** RFC 4880 §5.2.3.16: flags (0: not human-readable), name and value lengths, name, value. */
function notation(name, value) {
    const nameBytes = new TextEncoder().encode(name);
    return concat([uint32(0), uint16(nameBytes.length), uint16(value.length), nameBytes, value]);
}
function bitLength(byte) {
    return 32 - Math.clz32(byte);
}
/** RFC 4880 §5.2.3.1: length (one byte here: our bodies are short), type, body. */
function subpacket(type, body, critical = false) {
    return concat([Uint8Array.of(body.length + 1, critical ? type | 0x80 : type), body]);
}
/** RFC 4880 §4.2.2: new-format tag and the one-, two- or five-byte body length. */
function packetHeader(tag, length) {
    const first = 0xc0 | tag;
    if (length < 192)
        return Uint8Array.of(first, length);
    if (length < 8384) {
        const rest = length - 192;
        return Uint8Array.of(first, (rest >> 8) + 192, rest & 0xff);
    }
    return concat([Uint8Array.of(first, 0xff), uint32(length)]);
}
function uint16(n) {
    return Uint8Array.of((n >>> 8) & 0xff, n & 0xff);
}
function uint32(n) {
    return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}
function concat(parts) {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
        out.set(p, at);
        at += p.length;
    }
    return out;
}

/**
 * Signing with openpgp.js: detached armoured signatures (`.asc`, `Release.gpg`,
 * `repomd.xml.asc`), clear-signed text (`InRelease`) and raw signature packets (RPM headers).
 * Several keys at once: during a key rotation metadata carries a signature from each, and a
 * client that trusts either key accepts it.
 */
/** SHA-256: what RHEL 9/FIPS hosts, rpm and apt all accept; never SHA-1 or MD5. */
const config = { preferredHashAlgorithm: enums.hash.sha256 };
/**
 * Reads armoured private keys and unlocks them. `armored` may hold several key blocks
 * concatenated (that is how the `gpg-private-key` input takes more than one key).
 * Errors never include the key material or the passphrase.
 */
async function loadSigningKeys(armored, passphrase = '') {
    const blocks = splitArmorBlocks(armored, 'PRIVATE KEY BLOCK');
    if (blocks.length === 0) {
        throw new Error('no armoured private key found (expected -----BEGIN PGP PRIVATE KEY BLOCK-----)');
    }
    const keys = [];
    for (const [i, block] of blocks.entries()) {
        let key;
        try {
            key = await readPrivateKey({ armoredKey: block });
        }
        catch (e) {
            throw new Error(`private key ${i + 1}: not a readable OpenPGP key (${firstLine(e)})`);
        }
        if (!key.isDecrypted()) {
            if (passphrase === '') {
                throw new Error(`private key ${i + 1} (${fpr(key)}) is protected: give its passphrase`);
            }
            try {
                key = await decryptKey({ privateKey: key, passphrase });
            }
            catch {
                throw new Error(`private key ${i + 1} (${fpr(key)}): the passphrase does not unlock it`);
            }
        }
        keys.push(key);
    }
    return {
        keys,
        publicArmored: keys.map((k) => k.toPublic().armor()),
        fingerprints: keys.map(fpr)
    };
}
function fpr(key) {
    return key.getFingerprint().toUpperCase();
}
function firstLine(e) {
    return String(e instanceof Error ? e.message : e).split('\n')[0];
}
/** Splits concatenated armoured blocks of one kind. */
function splitArmorBlocks(text, kind) {
    const re = new RegExp(`-----BEGIN PGP ${kind}-----[\\s\\S]*?-----END PGP ${kind}-----`, 'g');
    return text.match(re) ?? [];
}
function toMessageData(data) {
    if (typeof data === 'string')
        return new TextEncoder().encode(data);
    if (data instanceof Uint8Array)
        return data;
    return Readable.toWeb(data);
}
/**
 * A detached ASCII-armoured signature over binary data, one signature packet per key.
 *
 * The data is hashed as it streams (SHA-256, node:crypto) and only the digest is signed, so a
 * 1 GiB package costs no more memory than a small file: openpgp.js, given a stream, keeps the
 * whole message in memory before it signs. openpgp.js still reads and unlocks the keys and picks
 * the signing (sub)key, checking that it is valid now.
 */
async function detachSign(data, keys) {
    let packets;
    try {
        packets = await digestSignaturePackets(() => hashData(data), keys.keys);
    }
    catch (e) {
        // Not read, so close it: a file stream otherwise holds its descriptor until collected.
        if (data instanceof Readable)
            data.destroy();
        throw e;
    }
    return packets ? armorSignature(packets) : openpgpDetachSign(data, keys);
}
/**
 * A detached signature of a local file. `hashed`, when given, is a SHA-256 that has already
 * been fed every byte of the file and not finished (the planning pass, see `sha256FileState`):
 * a signature hashes the data and then its own trailer, so it continues from a copy of that
 * state and the file is not read again. Without it, or for a key only openpgp.js signs with,
 * the file is read here.
 */
async function detachSignFile(file, keys, hashed) {
    const read = () => createReadStream(file, { highWaterMark: READ_CHUNK });
    const packets = await digestSignaturePackets(() => (hashed ? Promise.resolve(hashed) : hashData(read())), keys.keys);
    return packets ? armorSignature(packets) : openpgpDetachSign(read(), keys);
}
/** Files are read 1 MiB at a time: 16 times fewer chunks through the hash than the default. */
const READ_CHUNK = 1 << 20;
function armorSignature(packets) {
    // The CRC24 line works around GnuPG failing on armour whose base64 ends without padding
    // (https://dev.gnupg.org/T7071); openpgp.js writes it for v4 signatures for the same reason.
    return armor(enums.armor.signature, packets, undefined, undefined, undefined, true);
}
/**
 * One signature packet per key over the data `hashOf` hashes (only called once the keys are
 * known to sign with node:crypto; the hash it returns is copied, never finished), or undefined
 * when a key needs openpgp.js (then the data is still unread).
 */
async function digestSignaturePackets(hashOf, keys) {
    // Whole seconds: the packet stores seconds, and the key checks should see the same instant.
    const created = new Date(Math.floor(Date.now() / 1000) * 1000);
    const signers = await digestSigners(keys, created);
    if (!signers)
        return undefined;
    const hash = await hashOf();
    return Buffer.concat(signers.map((signer) => {
        const hashed = hashedPart({
            algorithm: signer.algorithm,
            fingerprint: signer.fingerprint,
            created,
            // 16 bytes, the salt size RFC 9580 gives SHA-256.
            salt: randomBytes(16)
        });
        // Every key hashes the same data, then its own trailer: copy the state, not the data.
        const digest = hash.copy().update(hashed).update(hashTrailer(hashed)).digest();
        return signaturePacket(hashed, signer.keyId, digest, signer.sign(digest));
    }));
}
/**
 * A node:crypto signer for every key, or undefined when any key's signing key is of an
 * algorithm only openpgp.js signs with here (ECDSA, RFC 9580 Ed25519/Ed448, v6 keys): then all
 * keys take openpgp.js's path, since a stream can be read only once.
 */
async function digestSigners(keys, date) {
    const signers = [];
    for (const [i, key] of keys.entries()) {
        let signing;
        try {
            signing = await key.getSigningKey(undefined, date);
        }
        catch (e) {
            // Expired, revoked, too weak (RSA < 2048 bits), or no key with the signing flag.
            throw new Error(`private key ${i + 1} (${fpr(key)}) cannot sign now: ${firstLine(e)}`);
        }
        const packet = signing.keyPacket;
        if (!('privateParams' in packet) || !packet.isDecrypted())
            return undefined;
        const signer = signerOf(packet);
        if (!signer)
            return undefined;
        signers.push(signer);
    }
    return signers;
}
/**
 * The node:crypto signer of a decrypted key packet, made once: turning OpenPGP's key material
 * into a node key (deriving RSA's CRT values) costs more than a signature.
 */
const signers = new WeakMap();
function signerOf(packet) {
    let signer = signers.get(packet);
    if (signer === undefined)
        signers.set(packet, (signer = digestSigner(packet) ?? null));
    return signer ?? undefined;
}
async function hashData(data) {
    const hash = createHash('sha256');
    if (typeof data === 'string' || data instanceof Uint8Array)
        return hash.update(data);
    for await (const chunk of data)
        hash.update(chunk);
    return hash;
}
/**
 * openpgp.js's own detached signing, for keys `digestSigner` does not cover. Given a stream it
 * holds the whole message in memory (SignaturePacket.sign reads it to the end first).
 */
async function openpgpDetachSign(data, keys) {
    const message = await createMessage({ binary: toMessageData(data) });
    const signature = await sign$1({
        message,
        signingKeys: keys.keys,
        detached: true,
        format: 'armored',
        config
    });
    return typeof signature === 'string' ? signature : await readAll(signature);
}
/** The raw (binary) signature packet of one key, as an RPM header stores it. */
async function detachSignBinary(data, key) {
    const packets = await digestSignaturePackets(() => hashData(data), [key]);
    if (packets)
        return packets;
    const message = await createMessage({ binary: data });
    return (await sign$1({
        message,
        signingKeys: key,
        detached: true,
        format: 'binary',
        config
    }));
}
/** A clear-signed document (InRelease). */
async function clearSign(text, keys) {
    const message = await createCleartextMessage({ text });
    return sign$1({ message, signingKeys: keys.keys, config });
}
async function readAll(stream) {
    let out = '';
    const reader = stream.getReader();
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            return out;
        out += value;
    }
}
/**
 * A fresh Ed25519 signing key (armoured), for the demo and for trying the action locally: a
 * throwaway key, never one to publish real releases with.
 */
async function generateSigningKey(name = 'falco-publish demo') {
    const { privateKey, publicKey } = await generateKey({
        type: 'ecc',
        curve: 'ed25519Legacy',
        userIDs: [{ name }],
        format: 'armored'
    });
    return { privateKey, publicKey };
}

export { clearSign, detachSign, detachSignBinary, detachSignFile, generateSigningKey, loadSigningKeys, splitArmorBlocks };
