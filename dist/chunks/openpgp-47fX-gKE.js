import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
const { createPrivateKey, privateEncrypt, constants, sign, createHash, publicDecrypt, verify, createPublicKey, createDecipheriv, randomBytes } = __nodeBuiltin('node:crypto');
const { createReadStream } = __nodeBuiltin('node:fs');
const { Readable } = __nodeBuiltin('node:stream');

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
            sign: (digest) => [rsaSign(rsa, digest)],
            privateKey: rsa
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
            sign: (digest) => ed25519Sign(ed, digest),
            privateKey: ed
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
 * The few OpenPGP v4 structures a small publish reads, by hand with node:crypto: armour, packet
 * framing, public key packets and their self-signatures, and checking a signature over a digest.
 *
 * Why by hand: loading openpgp.js costs about 40 ms of CPU per process (1.1 MB of code, and AES
 * and curve tables built when it is imported), a sixth of adding one .deb to a small repository,
 * while every key a release job really uses (gpg's RSA and legacy Ed25519 keys) needs only what
 * is here. Anything else (v5/v6 keys, other algorithms, signing subkeys, revocations, expiry,
 * several user ids, unknown critical subpackets) is not decided here: the caller gets undefined
 * and asks openpgp.js, which gives today's answers and error messages.
 */
const TAG = {
    signature: 2,
    secretKey: 5,
    publicKey: 6,
    secretSubkey: 7,
    userId: 13,
    publicSubkey: 14
};
const ALGO = { rsa: 1, rsaSign: 3, eddsaLegacy: 22 };
/** OID of Ed25519 in legacy EdDSA keys (1.3.6.1.4.1.11591.15.1). */
const ED25519_OID = Buffer.from('2b06010401da470f01', 'hex');
/** Hash ids (RFC 4880 §9.4) a signature checked here may use, with node's names. */
const HASHES = { 8: 'sha256', 9: 'sha384', 10: 'sha512', 11: 'sha224' };
/** DER of DigestInfo up to the digest (RFC 8017 §9.2, note 1), per hash. */
const DIGEST_INFO = {
    sha224: '302d300d06096086480165030402040500041c',
    sha256: '3031300d060960864801650304020105000420',
    sha384: '3041300d060960864801650304020205000430',
    sha512: '3051300d060960864801650304020305000440'
};
class Unsupported extends Error {
}
/** The bytes of every armoured block of `kind` in `text`; undefined if one is malformed. */
function dearmor(text, kind) {
    const re = new RegExp(`-----BEGIN PGP ${kind}-----\\r?\\n([\\s\\S]*?)-----END PGP ${kind}-----`, 'g');
    const out = [];
    for (const m of text.matchAll(re)) {
        const lines = m[1].split(/\r?\n/);
        const blank = lines.findIndex((l) => l.trim() === '');
        if (blank < 0)
            return undefined;
        const body = lines.slice(blank + 1).filter((l) => l.trim() !== '' && !l.startsWith('='));
        const crc = lines.find((l) => /^=[A-Za-z0-9+/]{4}$/.test(l.trim()));
        const encoded = body.join('').replace(/\s/g, '');
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded))
            return undefined;
        const bytes = Buffer.from(encoded, 'base64');
        if (crc && crc.trim().slice(1) !== crc24(bytes))
            return undefined;
        out.push(bytes);
    }
    return out;
}
/** The packets of the one armoured block of `kind` in `text`; Unsupported unless there is exactly one, readable. */
function armoredPackets(text, kind) {
    const blocks = dearmor(text, kind);
    if (blocks?.length !== 1)
        throw new Unsupported(`not one readable ${kind}`);
    return packets(blocks[0]);
}
/**
 * Armour as openpgp.js writes it (no header line, 60-character lines, a CRC24 line, which also
 * works around GnuPG failing on base64 that ends without padding, https://dev.gnupg.org/T7071).
 */
function armor(kind, bytes) {
    const b64 = Buffer.from(bytes).toString('base64');
    const lines = [];
    for (let i = 0; i < b64.length; i += 60)
        lines.push(b64.slice(i, i + 60));
    return (`-----BEGIN PGP ${kind}-----\n\n${lines.join('\n')}\n` +
        `=${crc24(bytes)}\n-----END PGP ${kind}-----\n`);
}
/** RFC 4880 §6.1's CRC-24, a byte at a time from a table (bit by bit it cost ~7 ms a run). */
function crc24(bytes) {
    const table = (crcTable ??= crc24Table());
    let crc = 0xb704ce;
    for (const byte of bytes)
        crc = ((crc << 8) ^ table[((crc >> 16) ^ byte) & 0xff]) & 0xffffff;
    return Buffer.from([(crc >> 16) & 0xff, (crc >> 8) & 0xff, crc & 0xff]).toString('base64');
}
let crcTable;
function crc24Table() {
    const table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
        let crc = n << 16;
        for (let i = 0; i < 8; i++) {
            crc <<= 1;
            if (crc & 0x1000000)
                crc ^= 0x1864cfb;
        }
        table[n] = crc & 0xffffff;
    }
    return table;
}
/** Splits a packet sequence (old and new framing; partial lengths are not used by keys). */
function packets(bytes) {
    const out = [];
    let at = 0;
    while (at < bytes.length) {
        const first = bytes[at++];
        if (!(first & 0x80))
            throw new Unsupported('not an OpenPGP packet');
        let tag;
        let length;
        if (first & 0x40) {
            tag = first & 0x3f;
            const b0 = bytes[at++];
            if (b0 < 192)
                length = b0;
            else if (b0 < 224)
                length = ((b0 - 192) << 8) + bytes[at++] + 192;
            else if (b0 === 255) {
                length = bytes.readUInt32BE(at);
                at += 4;
            }
            else
                throw new Unsupported('partial packet length');
        }
        else {
            tag = (first >> 2) & 0x0f;
            const type = first & 3;
            if (type === 3)
                throw new Unsupported('indeterminate packet length');
            const size = 1 << type;
            length = bytes.readUIntBE(at, size);
            at += size;
        }
        if (at + length > bytes.length)
            throw new Unsupported('truncated packet');
        out.push({ tag, body: bytes.subarray(at, at + length) });
        at += length;
    }
    return out;
}
/** A new-format packet header, as openpgp.js writes packets. */
function packetHeader$1(tag, length) {
    const first = 0xc0 | tag;
    if (length < 192)
        return Buffer.from([first, length]);
    if (length < 8384)
        return Buffer.from([first, ((length - 192) >> 8) + 192, (length - 192) & 0xff]);
    const out = Buffer.from([first, 0xff, 0, 0, 0, 0]);
    out.writeUInt32BE(length, 2);
    return out;
}
/** Reads an MPI at `at`: its big-endian bytes and where the next field starts. */
function readMpi(body, at) {
    if (at + 2 > body.length)
        throw new Unsupported('truncated key material');
    const bytes = (body.readUInt16BE(at) + 7) >> 3;
    if (at + 2 + bytes > body.length)
        throw new Unsupported('truncated key material');
    return [body.subarray(at + 2, at + 2 + bytes), at + 2 + bytes];
}
/** Parses the public part of a key packet; `end` is where the secret part (if any) starts. */
function publicKey(packet) {
    if (packet[0] !== 4)
        throw new Unsupported(`a v${packet[0]} key`);
    const created = packet.readUInt32BE(1);
    const algorithm = packet[5];
    let at = 6;
    const mpis = (n) => {
        const out = [];
        for (let i = 0; i < n; i++) {
            const [value, next] = readMpi(packet, at);
            out.push(value);
            at = next;
        }
        return out;
    };
    const oid = () => {
        const length = packet[at];
        const value = packet.subarray(at + 1, at + 1 + length);
        at += 1 + length;
        return value;
    };
    let rsa;
    let ed25519;
    if (algorithm === 1 || algorithm === 2 || algorithm === 3) {
        const [n, e] = mpis(2);
        rsa = { n, e };
    }
    else if (algorithm === 16)
        mpis(3);
    else if (algorithm === 17)
        mpis(4);
    else if (algorithm === 18) {
        oid();
        mpis(1);
        at += 1 + packet[at]; // KDF parameters
    }
    else if (algorithm === 19) {
        oid();
        mpis(1);
    }
    else if (algorithm === 22) {
        const curve = oid();
        const [q] = mpis(1);
        if (curve.equals(ED25519_OID) && q.length === 33 && q[0] === 0x40)
            ed25519 = q.subarray(1);
    }
    else if (algorithm === 25 || algorithm === 27)
        at += 32;
    else if (algorithm === 26)
        at += 56;
    else if (algorithm === 28)
        at += 57;
    else
        throw new Unsupported(`public-key algorithm ${algorithm}`);
    if (at > packet.length)
        throw new Unsupported('truncated key packet');
    const body = packet.subarray(0, at);
    const fingerprint = createHash('sha1')
        .update(framed(0x99, 2, body))
        .digest();
    const key = {
        algorithm,
        created,
        body,
        fingerprint,
        keyId: fingerprint.subarray(12),
        rsa,
        ed25519
    };
    return { key, end: at };
}
/** `prefix || length || body`, the framing key and user id packets are hashed with. */
function framed(prefix, lengthBytes, body) {
    const head = Buffer.alloc(1 + lengthBytes);
    head[0] = prefix;
    head.writeUIntBE(body.length, 1, lengthBytes);
    return Buffer.concat([head, body]);
}
/** Hashed subpacket types this reader understands (others are fine unless critical). */
const KNOWN = new Set([2, 9, 11, 16, 20, 21, 22, 23, 25, 27, 30, 33, 34, 39]);
/** A v4 signature packet; throws Unsupported for anything this module does not check. */
function signature(body) {
    if (body[0] !== 4)
        throw new Unsupported(`a v${body[0]} signature`);
    const [type, algorithm, hashId] = [body[1], body[2], body[3]];
    const hash = HASHES[hashId];
    if (!hash)
        throw new Unsupported(`hash algorithm ${hashId}`);
    const hashedLength = body.readUInt16BE(4);
    const hashed = body.subarray(0, 6 + hashedLength);
    const sig = { type, algorithm, hash, hashed };
    readSubpackets(body.subarray(6, 6 + hashedLength), true, sig);
    let at = 6 + hashedLength;
    const unhashedLength = body.readUInt16BE(at);
    readSubpackets(body.subarray(at + 2, at + 2 + unhashedLength), false, sig);
    at += 2 + unhashedLength;
    sig.left16 = body.subarray(at, at + 2);
    at += 2;
    const count = algorithm === ALGO.eddsaLegacy ? 2 : 1;
    sig.mpis = [];
    for (let i = 0; i < count; i++) {
        const [value, next] = readMpi(body, at);
        sig.mpis.push(value);
        at = next;
    }
    if (sig.created === undefined)
        throw new Unsupported('a signature without a creation time');
    return sig;
}
function readSubpackets(area, hashed, sig) {
    let at = 0;
    while (at < area.length) {
        let length = area[at++];
        if (length >= 192 && length < 255)
            length = ((length - 192) << 8) + area[at++] + 192;
        else if (length === 255) {
            length = area.readUInt32BE(at);
            at += 4;
        }
        const type = area[at] & 0x7f;
        const critical = (area[at] & 0x80) !== 0;
        const data = area.subarray(at + 1, at + length);
        at += length;
        if (!hashed) {
            if (type === 16)
                sig.issuer = data;
            continue;
        }
        // 3, signature expiry: left to openpgp.js whether or not it is critical.
        if (type === 3 || (!KNOWN.has(type) && critical))
            throw new Unsupported(`subpacket ${type}`);
        if (type === 2)
            sig.created = data.readUInt32BE(0);
        else if (type === 9)
            sig.keyExpiry = data.readUInt32BE(0);
        else if (type === 27)
            sig.keyFlags = data[0];
        else if (type === 16)
            sig.issuer = data;
        else if (type === 33 && data[0] === 4)
            sig.issuerFingerprint = data.subarray(1);
    }
}
/** The digest a v4 signature checks: `data` (already hashed, a copy is taken), then the trailer. */
function signedDigest(sig, feed) {
    const hash = createHash(sig.hash);
    feed(hash);
    const trailer = Buffer.from([4, 0xff, 0, 0, 0, 0]);
    trailer.writeUInt32BE(sig.hashed.length, 2);
    return hash.update(sig.hashed).update(trailer).digest();
}
/** True when the signature's integers are a valid signature of `digest` by `key`. */
function verifyDigest(key, sig, digest) {
    if (!digest.subarray(0, 2).equals(sig.left16))
        return false;
    if (key.rsa && (sig.algorithm === ALGO.rsa || sig.algorithm === ALGO.rsaSign)) {
        const size = stripped(key.rsa.n).length;
        const s = stripped(sig.mpis[0]);
        if (s.length > size)
            return false;
        const padded = Buffer.concat([Buffer.alloc(size - s.length), s]);
        let decoded;
        try {
            decoded = publicDecrypt({ key: rsaKey(key), padding: constants.RSA_PKCS1_PADDING }, padded);
        }
        catch {
            return false;
        }
        return decoded.equals(Buffer.concat([Buffer.from(DIGEST_INFO[sig.hash], 'hex'), digest]));
    }
    if (key.ed25519 && sig.algorithm === ALGO.eddsaLegacy) {
        const [r, s] = sig.mpis.map((m) => left(stripped(m), 32));
        if (!r || !s)
            return false;
        return verify(null, digest, edKey(key), Buffer.concat([r, s]));
    }
    return false;
}
const keyObjects = new WeakMap();
function rsaKey(key) {
    let made = keyObjects.get(key);
    if (!made) {
        const b64 = (b) => stripped(b).toString('base64url');
        made = createPublicKey({
            format: 'jwk',
            key: { kty: 'RSA', n: b64(key.rsa.n), e: b64(key.rsa.e) }
        });
        keyObjects.set(key, made);
    }
    return made;
}
function edKey(key) {
    let made = keyObjects.get(key);
    if (!made) {
        made = createPublicKey({
            format: 'jwk',
            key: { kty: 'OKP', crv: 'Ed25519', x: key.ed25519.toString('base64url') }
        });
        keyObjects.set(key, made);
    }
    return made;
}
function stripped(b) {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0)
        i++;
    return b.subarray(i);
}
/** Left-pads to `size` bytes (MPIs drop leading zeros), or undefined if longer. */
function left(b, size) {
    if (b.length > size)
        return undefined;
    return Buffer.concat([Buffer.alloc(size - b.length), b]);
}
/**
 * Reads a key's packets (secret or public) and checks, for the fast path only: a v4 primary key
 * of RSA (2048 bits or more) or legacy Ed25519 that signs itself, one user id whose latest
 * self-signature holds and lets it sign, no revocation nor direct-key signature, no subkey that
 * signs (openpgp.js would pick it), not expired at `now`. Anything else: Unsupported.
 */
function checkKey(list, now) {
    const [first, ...rest] = list;
    if (first?.tag !== TAG.secretKey && first?.tag !== TAG.publicKey)
        throw new Unsupported('no key packet');
    const { key: primary } = publicKey(first.body);
    if (!primary.rsa && !primary.ed25519)
        throw new Unsupported('primary key algorithm');
    if (primary.rsa && stripped(primary.rsa.n).length * 8 < 2048)
        throw new Unsupported('RSA key under 2048 bits');
    const out = [packetHeader$1(TAG.publicKey, primary.body.length), primary.body];
    const keyIds = [primary.keyId.toString('hex').toUpperCase()];
    let userId;
    let latest;
    let subkey;
    for (const p of rest) {
        if (p.tag === TAG.userId) {
            if (userId)
                throw new Unsupported('several user ids');
            userId = p.body;
            out.push(packetHeader$1(p.tag, p.body.length), p.body);
        }
        else if (p.tag === TAG.secretSubkey || p.tag === TAG.publicSubkey) {
            subkey = publicKey(p.body).key;
            keyIds.push(subkey.keyId.toString('hex').toUpperCase());
            out.push(packetHeader$1(TAG.publicSubkey, subkey.body.length), subkey.body);
        }
        else if (p.tag === TAG.signature) {
            const sig = signature(p.body);
            out.push(packetHeader$1(p.tag, p.body.length), p.body);
            if (subkey) {
                // A subkey binding: the subkey must not sign (openpgp.js would sign with it).
                if (sig.type !== 0x18 || (sig.keyFlags ?? 0) & 0x02)
                    throw new Unsupported('a signing subkey');
                continue;
            }
            if (!userId || sig.type < 0x10 || sig.type > 0x13)
                throw new Unsupported(`signature type ${sig.type}`);
            if (!issuedBy(sig, primary))
                continue; // a certification by someone else
            const digest = signedDigest(sig, (h) => h.update(framed(0x99, 2, primary.body)).update(framed(0xb4, 4, userId)));
            if (!verifyDigest(primary, sig, digest))
                throw new Unsupported('a self-signature that does not verify');
            if (!latest || sig.created >= latest.created)
                latest = sig;
        }
        else if (p.tag !== 12)
            throw new Unsupported(`packet ${p.tag}`); // 12: trust, dropped
    }
    if (!latest)
        throw new Unsupported('no self-signature');
    if (primary.created > now)
        throw new Unsupported('a key from the future');
    if (latest.created > now)
        throw new Unsupported('a self-signature from the future');
    if (latest.keyFlags !== undefined && !(latest.keyFlags & 0x02))
        throw new Unsupported('a primary key that does not sign');
    const expires = latest.keyExpiry ? primary.created + latest.keyExpiry : undefined;
    if (expires !== undefined && expires <= now)
        throw new Unsupported('expired');
    return {
        primary,
        publicPackets: Buffer.concat(out),
        keyIds,
        ...(expires !== undefined && { expires })
    };
}
function issuedBy(sig, key) {
    if (sig.issuerFingerprint)
        return sig.issuerFingerprint.equals(key.fingerprint);
    return sig.issuer?.equals(key.keyId) ?? false;
}
/**
 * Checks a signature packet over data already hashed by `feed`, by one of `keys`: true when it
 * holds, false when it does not, undefined when this module cannot tell (unsupported, a subkey
 * signed it, or the key had expired when it signed).
 */
function checkSignature(body, keys, feed, now = Math.floor(Date.now() / 1000), 
/** For a clear-signed text: the hashes its `Hash:` header names (SHA256...). */
hashes) {
    let sig;
    try {
        sig = signature(body);
    }
    catch (e) {
        if (e instanceof Unsupported)
            return undefined;
        throw e;
    }
    if (sig.type !== 0x00 && sig.type !== 0x01)
        return undefined;
    if (hashes && (sig.type !== 0x01 || !hashes.includes(sig.hash.toUpperCase())))
        return undefined;
    const key = keys.find((k) => issuedBy(sig, k.primary));
    if (!key)
        return undefined;
    if (sig.created < key.primary.created || sig.created > now)
        return undefined;
    if (key.expires !== undefined && sig.created >= key.expires)
        return undefined;
    return verifyDigest(key.primary, sig, signedDigest(sig, feed));
}

const AES_KEY_BYTES = { 7: 16, 8: 24, 9: 32 };
const S2K_HASHES = {
    2: 'sha1',
    8: 'sha256',
    9: 'sha384',
    10: 'sha512',
    11: 'sha224'
};
/** One armoured private key block's packets, read and unlocked; throws Unsupported otherwise. */
function readSecretKey(list, passphrase, now) {
    const checked = checkKey(list, now);
    if (list[0].tag !== 5)
        throw new Unsupported('not a secret key');
    const body = list[0].body;
    const { key, end } = publicKey(body);
    const secret = unlock(body.subarray(end), passphrase);
    let at = 0;
    const next = () => {
        const [value, after] = readMpi(secret, at);
        at = after;
        return value;
    };
    let privateParams;
    if (key.rsa) {
        const [d, p, q] = [next(), next(), next()];
        // A wrong passphrase passes a 16-bit checksum once in 65536 tries: check the key itself.
        if (toBig(p) * toBig(q) !== toBig(key.rsa.n))
            throw new Unsupported('inconsistent RSA key');
        privateParams = { d, p, q };
    }
    else {
        const seed = left(next(), 32);
        if (!seed || !ed25519Matches(seed, key.ed25519))
            throw new Unsupported('inconsistent Ed25519 key');
        privateParams = { seed };
    }
    const signer = digestSigner({
        version: 4,
        algorithm: key.algorithm,
        publicParams: key.rsa
            ? { n: key.rsa.n, e: key.rsa.e }
            : {
                oid: { getName: () => 'ed25519Legacy' },
                Q: Buffer.concat([Buffer.of(0x40), key.ed25519])
            },
        privateParams,
        getFingerprintBytes: () => key.fingerprint,
        getKeyID: () => ({ toHex: () => key.keyId.toString('hex') })
    });
    if (!signer)
        throw new Unsupported('no node:crypto signer');
    return {
        ...checked,
        fingerprint: key.fingerprint.toString('hex').toUpperCase(),
        publicArmored: armor('PUBLIC KEY BLOCK', checked.publicPackets),
        signer
    };
}
/** The secret MPIs of a key packet's secret part, decrypted and their checksum checked. */
function unlock(part, passphrase) {
    const usage = part[0];
    if (usage === 0) {
        const mpis = part.subarray(1, part.length - 2);
        if (sum16(mpis) !== part.readUInt16BE(part.length - 2))
            throw new Unsupported('checksum');
        return mpis;
    }
    if (usage !== 254 && usage !== 255)
        throw new Unsupported(`S2K usage ${usage}`);
    if (passphrase === '')
        throw new Unsupported('protected');
    const keyBytes = AES_KEY_BYTES[part[1]];
    const [type, hashId] = [part[2], part[3]];
    const hash = S2K_HASHES[hashId];
    if (!keyBytes || !hash || (type !== 0 && type !== 1 && type !== 3))
        throw new Unsupported('cipher or S2K');
    let at = 4;
    const salt = type === 0 ? Buffer.alloc(0) : part.subarray(at, (at += 8));
    const count = type === 3 ? part[at++] : 0;
    const iv = part.subarray(at, at + 16);
    const data = Buffer.concat([salt, Buffer.from(passphrase, 'utf8')]);
    const total = type === 3 ? Math.max((16 + (count & 15)) << ((count >> 4) + 6), data.length) : data.length;
    const key = s2k(hash, data, total, keyBytes);
    const decipher = createDecipheriv(`aes-${keyBytes * 8}-cfb`, key, iv);
    const plain = Buffer.concat([decipher.update(part.subarray(at + 16)), decipher.final()]);
    if (usage === 254) {
        const mpis = plain.subarray(0, plain.length - 20);
        if (!createHash('sha1')
            .update(mpis)
            .digest()
            .equals(plain.subarray(plain.length - 20)))
            throw new Unsupported('passphrase');
        return mpis;
    }
    const mpis = plain.subarray(0, plain.length - 2);
    if (sum16(mpis) !== plain.readUInt16BE(plain.length - 2))
        throw new Unsupported('passphrase');
    return mpis;
}
/** True when no key of `keys` has expired at `at` (seconds): the fast path may sign with them. */
function validAt(keys, at) {
    return keys.every((k) => k.expires === undefined || k.expires > at);
}
/** RFC 4880 §3.7.1: `total` bytes of `data` repeated, per hash context, preloaded with i zeros. */
function s2k(hash, data, total, keyBytes) {
    const copies = Math.max(1, Math.floor(65536 / Math.max(1, data.length)));
    const block = Buffer.concat(Array(copies).fill(data));
    const out = [];
    for (let i = 0, made = 0; made < keyBytes; i++) {
        const h = createHash(hash).update(Buffer.alloc(i));
        let rest = total;
        for (; rest >= block.length; rest -= block.length)
            h.update(block);
        const digest = h.update(block.subarray(0, rest)).digest();
        out.push(digest);
        made += digest.length;
    }
    return Buffer.concat(out).subarray(0, keyBytes);
}
function sum16(bytes) {
    let sum = 0;
    for (const b of bytes)
        sum = (sum + b) & 0xffff;
    return sum;
}
function toBig(bytes) {
    return bytes.length === 0 ? 0n : BigInt('0x' + Buffer.from(bytes).toString('hex'));
}
/** PKCS#8 DER of an Ed25519 private key up to its 32-byte seed (RFC 8410). */
const ED25519_PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');
function ed25519Matches(seed, point) {
    const priv = createPrivateKey({
        key: Buffer.concat([ED25519_PKCS8, seed]),
        format: 'der',
        type: 'pkcs8'
    });
    return createPublicKey(priv).export({ format: 'jwk' }).x === point.toString('base64url');
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
        Uint8Array.of(4, header.type ?? SIGNATURE_BINARY, header.algorithm, HASH_SHA256),
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
/**
 * openpgp.js, loaded on first use: its module costs about 40 ms of CPU to load, and a publish
 * whose keys `secret-key.ts` reads (gpg's RSA and Ed25519 keys) signs without it.
 */
const loadOpenpgp = () => import('./openpgp-DcMtA_fq.js');
/** SHA-256: what RHEL 9/FIPS hosts, rpm and apt all accept; never SHA-1 or MD5. */
const config = { preferredHashAlgorithm: 8 /* openpgp.enums.hash.sha256 */ };
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
    const fast = readFast(blocks, passphrase);
    if (fast) {
        let keys;
        return {
            fast,
            openpgpKeys: () => (keys ??= readWithOpenpgp(blocks, passphrase)),
            publicArmored: fast.map((k) => k.publicArmored),
            fingerprints: fast.map((k) => k.fingerprint),
            keyIds: fast.map((k) => k.keyIds)
        };
    }
    const keys = await readWithOpenpgp(blocks, passphrase);
    return {
        openpgpKeys: () => Promise.resolve(keys),
        publicArmored: keys.map((k) => k.toPublic().armor()),
        fingerprints: keys.map(fpr),
        keyIds: keys.map((k) => k.getKeyIDs().map((id) => id.toHex().toUpperCase()))
    };
}
/** Every block read by hand, or undefined if one cannot be (then openpgp.js reads them all). */
function readFast(blocks, passphrase) {
    const now = Math.floor(Date.now() / 1000);
    try {
        return blocks.map((block) => readSecretKey(armoredPackets(block, 'PRIVATE KEY BLOCK'), passphrase, now));
    }
    catch {
        // Unsupported, or malformed: openpgp.js decides, with its own error messages.
        return undefined;
    }
}
async function readWithOpenpgp(blocks, passphrase) {
    const openpgp = await loadOpenpgp();
    const keys = [];
    for (const [i, block] of blocks.entries()) {
        let key;
        try {
            key = await openpgp.readPrivateKey({ armoredKey: block });
        }
        catch (e) {
            throw new Error(`private key ${i + 1}: not a readable OpenPGP key (${firstLine(e)})`);
        }
        if (!key.isDecrypted()) {
            if (passphrase === '') {
                throw new Error(`private key ${i + 1} (${fpr(key)}) is protected: give its passphrase`);
            }
            try {
                key = await openpgp.decryptKey({ privateKey: key, passphrase });
            }
            catch {
                throw new Error(`private key ${i + 1} (${fpr(key)}): the passphrase does not unlock it`);
            }
        }
        keys.push(key);
    }
    return keys;
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
        packets = await digestSignaturePackets(() => hashData(data), keys);
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
    const packets = await digestSignaturePackets(() => (hashed ? Promise.resolve(hashed) : hashData(read())), keys);
    return packets ? armorSignature(packets) : openpgpDetachSign(read(), keys);
}
/** Files are read 1 MiB at a time: 16 times fewer chunks through the hash than the default. */
const READ_CHUNK = 1 << 20;
function armorSignature(packets) {
    // As openpgp.js writes v4 signatures, CRC24 line included (see `armor`).
    return armor('SIGNATURE', packets);
}
/**
 * One signature packet per key over the data `hashOf` hashes (only called once the keys are
 * known to sign with node:crypto; the hash it returns is copied, never finished), or undefined
 * when a key needs openpgp.js (then the data is still unread).
 */
async function digestSignaturePackets(hashOf, keys, type) {
    // Whole seconds: the packet stores seconds, and the key checks should see the same instant.
    const created = new Date(Math.floor(Date.now() / 1000) * 1000);
    const signers = Array.isArray(keys)
        ? await digestSigners(keys, created)
        : (fastSigners(keys, created) ?? (await digestSigners(await keys.openpgpKeys(), created)));
    return signers && signaturePackets(signers, created, await hashOf(), type);
}
/** One signature packet per signer over the data `hash` was fed (copied, never finished). */
async function signaturePackets(signers, created, hash, type) {
    const packets = signers.map(async (signer) => {
        const hashed = hashedPart({
            algorithm: signer.algorithm,
            fingerprint: signer.fingerprint,
            created,
            // 16 bytes, the salt size RFC 9580 gives SHA-256.
            salt: randomBytes(16),
            ...(type !== undefined && { type })
        });
        // Every key hashes the same data, then its own trailer: copy the state, not the data.
        const digest = hash.copy().update(hashed).update(hashTrailer(hashed)).digest();
        return signaturePacket(hashed, signer.keyId, digest, await signer.sign(digest));
    });
    return Buffer.concat(await Promise.all(packets));
}
/**
 * The hand-read keys' signers (in the signing workers when a bulk publish started them), while
 * every key is still valid (else openpgp.js says why not).
 */
function fastSigners(keys, created) {
    if (!keys.fast || !validAt(keys.fast, created.getTime() / 1000))
        return undefined;
    return keys.workerSigners ?? keys.fast.map((k) => k.signer);
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
    const openpgp = await loadOpenpgp();
    const message = await openpgp.createMessage({ binary: toMessageData(data) });
    const signature = await openpgp.sign({
        message,
        signingKeys: await keys.openpgpKeys(),
        detached: true,
        format: 'armored',
        config
    });
    return typeof signature === 'string' ? signature : await readAll(signature);
}
/**
 * The raw (binary) signature packet of the first key, as an RPM header stores it (rpm holds one
 * signature of each kind), and whether that key is RSA (rpm's tag 268, else 267). A hand-read
 * key signs without loading openpgp.js.
 */
async function headerSignature(data, keys) {
    const created = new Date(Math.floor(Date.now() / 1000) * 1000);
    const [fast] = fastSigners(keys, created) ?? [];
    if (fast) {
        const hash = createHash('sha256').update(data);
        return { packet: await signaturePackets([fast], created, hash), rsa: isRsa(fast.algorithm) };
    }
    const [key] = await keys.openpgpKeys();
    const rsa = String(key.getAlgorithmInfo().algorithm).startsWith('rsa');
    return { packet: await detachSignBinary(data, key), rsa };
}
/** RFC 4880 §9.1: RSA (Encrypt or Sign) and RSA Sign-Only. */
const isRsa = (algorithm) => algorithm === 1 || algorithm === 3;
/** The raw (binary) signature packet of one key read by openpgp.js. */
async function detachSignBinary(data, key) {
    const packets = await digestSignaturePackets(() => hashData(data), [key]);
    if (packets)
        return packets;
    const openpgp = await loadOpenpgp();
    const message = await openpgp.createMessage({ binary: data });
    return (await openpgp.sign({
        message,
        signingKeys: key,
        detached: true,
        format: 'binary',
        config
    }));
}
/**
 * A clear-signed document (InRelease), as openpgp.js writes one: trailing spaces and tabs cut
 * from each line, lines ended by CRLF (what a text signature hashes), dash-escaped.
 */
async function clearSign(text, keys) {
    const canonical = text
        .split('\n')
        .map((line) => line.replace(/[ \t\r]+$/, ''))
        .join('\n')
        .replace(/\r?\n/g, '\r\n');
    const packets = fastSigners(keys, new Date())
        ? await digestSignaturePackets(() => Promise.resolve(createHash('sha256').update(canonical, 'utf8')), keys, SIGNATURE_TEXT)
        : undefined;
    if (packets) {
        return (`-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n` +
            `${canonical.replace(/^-/gm, '- -')}\n${armorSignature(packets)}`);
    }
    const openpgp = await loadOpenpgp();
    const message = await openpgp.createCleartextMessage({ text });
    return openpgp.sign({ message, signingKeys: await keys.openpgpKeys(), config });
}
/** Signature type 0x01: over canonical text (RFC 4880 §5.2.1). */
const SIGNATURE_TEXT = 0x01;
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
    const openpgp = await loadOpenpgp();
    const { privateKey, publicKey } = await openpgp.generateKey({
        type: 'ecc',
        curve: 'ed25519Legacy',
        userIDs: [{ name }],
        format: 'armored'
    });
    return { privateKey, publicKey };
}

var openpgp = /*#__PURE__*/Object.freeze({
    __proto__: null,
    clearSign: clearSign,
    detachSign: detachSign,
    detachSignFile: detachSignFile,
    generateSigningKey: generateSigningKey,
    headerSignature: headerSignature,
    loadOpenpgp: loadOpenpgp,
    loadSigningKeys: loadSigningKeys,
    splitArmorBlocks: splitArmorBlocks
});

export { TAG as T, dearmor as a, checkKey as b, clearSign as c, detachSign as d, loadOpenpgp as e, armoredPackets as f, checkSignature as g, publicKey as h, signature as i, headerSignature as j, detachSignFile as k, loadSigningKeys as l, openpgp as o, packets as p, splitArmorBlocks as s, validAt as v };
