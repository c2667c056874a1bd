import { createReadStream, promises, createWriteStream } from 'node:fs';
import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { p as pLimit } from './index-1_RgLtDn.js';
import { D as Digester, S as Sha256Counter, i as indexDigests, g as glob, s as sha256File } from './digest-BrsFbb_5.js';
import { S as StageError } from './plan-CQATGyda.js';
import { b as byCodeUnit } from './compare-CsyMDCna.js';
import { Readable } from 'node:stream';
import { c as commonjsGlobal, g as getDefaultExportFromCjs } from './_commonjsHelpers-BFTU3MAI.js';
import events__default from 'events';
import { d as decompressMember, f as parseStanzas, g as field, a as releaseText, b as releaseFiles, h as releaseField, p as parsePackagesIndex, i as packageEntry, j as entryKey, e as parseRepomd, k as releaseDigests, l as keptReleaseFields, m as renderRelease, X as XML_FILES, n as recordOf, o as recordKey, s as splitFragments, q as renderRepomd, t as renderSums, r as repositoriesFor, P as PUBLIC_KEY_KEY } from './repodata-DdIVrUiw.js';
import { d as progressLine, l as listOutput } from './outputs-B4v-bkSu.js';
import { p as parseRemovePattern } from './inputs-B6P1AASU.js';
import { splitArmorBlocks, detachSign, clearSign, detachSignBinary, loadSigningKeys } from './openpgp-BeWcmE6o.js';
import { r as retryOnConflict } from './conflict-5okUj-Ng.js';
import { a as sha256Hex, s as sha256Of } from './digest-2PskgMwp.js';
import { P as PreconditionFailed, s as scan } from './store-CyjuNVzR.js';
import { gzipSync, crc32, gunzip as gunzip$1, createGunzip } from 'node:zlib';
import { createHash } from 'node:crypto';
import { r as readKeys, i as readCleartextMessage, a as readSignature, v as verify, c as createMessage } from './openpgp-OG2uvXna.js';
import { promisify } from 'node:util';
import { pipeline } from 'node:stream/promises';
import { M as MAX_TABLE_ROWS } from './summary-BdEabdes.js';
import { h as hasWork } from './work-DNABfhQ8.js';

/**
 * Checks on the signing keys made when a run is planned, before any byte is written: a key
 * that cannot sign, or one that is not the key the repositories are signed with, found only
 * after package files were uploaded would leave the repositories failing every client's check.
 */
/** Every key can sign now: not expired, not revoked, and holding a signing-capable (sub)key. */
async function checkSigningKeys(keys, now = new Date()) {
    for (const [i, key] of keys.keys.entries()) {
        const fingerprint = keys.fingerprints[i];
        try {
            await key.getSigningKey(undefined, now);
        }
        catch (e) {
            const expires = await key.getExpirationTime().catch(() => null);
            const why = expires instanceof Date && expires.getTime() <= now.getTime()
                ? `it expired on ${expires.toISOString().slice(0, 10)}; extend it ` +
                    `(gpg --quick-set-expire ${fingerprint} 1y '*') and export it again, or give another key`
                : `it has no (sub)key that can sign now (${firstLine(e)}); add one ` +
                    `(gpg --quick-add-key ${fingerprint} ed25519 sign) and export it again, or give another key`;
            throw new Error(`input 'gpg-private-key': key ${i + 1} (${fingerprint}) cannot sign: ${why}. Nothing was written.`);
        }
    }
}
/** The primary fingerprints (upper-case hex) of the armoured public keys in `armored`. */
async function publicKeyFingerprints(armored) {
    const out = [];
    for (const block of splitArmorBlocks(armored, 'PUBLIC KEY BLOCK')) {
        const keys = await readKeys({ armoredKeys: block }).catch(() => []);
        out.push(...keys.map((k) => k.getFingerprint().toUpperCase()));
    }
    return out;
}
/**
 * A run signs with `keys`; the repositories' published public key file holds `published`
 * (its fingerprints). Unless every published key is among the signing keys, the new key file
 * would drop a key the untouched parts of the repositories are still signed with, and apt and
 * dnf would then reject them: refused, naming both, unless this is a `re-sign`.
 */
function checkKeyContinuity(published, keys, keyFile) {
    const missing = published.filter((f) => !keys.fingerprints.includes(f));
    if (published.length === 0 || missing.length === 0)
        return;
    throw new Error(`input 'gpg-private-key': the repositories are signed with ${missing.join(', ')} ` +
        `(published in ${keyFile}), but the key given is ${keys.fingerprints.join(', ')}. ` +
        `Publishing would replace the public key that users check the existing packages with. ` +
        `To rotate keys, give both keys in gpg-private-key (old and new, one block after the other); ` +
        `to re-sign everything with the new key, run 'falco-publish re-sign' for each channel. Nothing was written.`);
}
/** The key ids (upper-case hex) that made the signatures of an armoured or clear-signed text. */
async function signerKeyIds(armored) {
    try {
        if (armored.includes('-----BEGIN PGP SIGNED MESSAGE-----')) {
            const message = await readCleartextMessage({ cleartextMessage: armored });
            return message.getSigningKeyIDs().map((id) => id.toHex().toUpperCase());
        }
        const signature = await readSignature({ armoredSignature: armored });
        return signature.getSigningKeyIDs().map((id) => id.toHex().toUpperCase());
    }
    catch {
        return [];
    }
}
/**
 * The armoured public keys among `armored` whose primary key or a subkey has one of `keyIds`
 * (or all of them): the published keys something still carries a signature of.
 */
async function keysSigning(armored, keyIds) {
    const out = [];
    for (const block of splitArmorBlocks(armored, 'PUBLIC KEY BLOCK')) {
        const keys = await readKeys({ armoredKeys: block }).catch(() => []);
        for (const key of keys) {
            const ids = key.getKeyIDs().map((id) => id.toHex().toUpperCase());
            if (keyIds === 'all' || ids.some((id) => keyIds.has(id)))
                out.push(key.armor());
        }
    }
    return out;
}
function firstLine(e) {
    return String(e instanceof Error ? e.message : e).split('\n')[0];
}

/** A package file that cannot be published: names the file and what is wrong with it. */
class PackageFormatError extends Error {
    file;
    constructor(file, problem) {
        super(`${file}: ${problem}`);
        this.file = file;
        this.name = 'PackageFormatError';
    }
}

/** The architectures tarballs are published for, each in its own folder. */
const TARBALL_ARCHES$1 = ['x86_64', 'aarch64'];
const ARCH_ALIASES = {
    x86_64: 'x86_64',
    amd64: 'x86_64',
    aarch64: 'aarch64',
    arm64: 'aarch64'
};
/** Flavours that run anywhere, so their tarballs name no architecture (Falco's `-wasm`). */
const ARCHLESS_FLAVOURS = new Set(['wasm', 'noarch', 'all']);
/** Words that end a semver prerelease (`0.40.0-rc`), never a flavour. */
const PRERELEASE_WORDS = new Set(['alpha', 'beta', 'rc', 'pre', 'dev']);
function parseTarballName(file) {
    const base = path.basename(file);
    const m = /^(.+?)-(\d[^-]*(?:-[^-]+)*?)(?:-(x86_64|amd64|aarch64|arm64))?\.tar\.gz$/.exec(base);
    if (!m) {
        throw new PackageFormatError(base, 'cannot tell the version; name tarballs <name>-<version>[-<flavour>]-<x86_64|aarch64>.tar.gz, ' +
            'or <name>-<version>-<flavour>.tar.gz for one without an architecture');
    }
    let version = m[2];
    let flavour;
    const cut = /^(.+)-([a-z]+)$/.exec(version);
    if (cut && !PRERELEASE_WORDS.has(cut[2])) {
        version = cut[1];
        flavour = cut[2];
    }
    const arch = m[3] ? ARCH_ALIASES[m[3]] : undefined;
    // Without an arch, only a flavour known to need none: `-sparc` is an arch we do not publish.
    if (!arch && !(flavour && ARCHLESS_FLAVOURS.has(flavour))) {
        throw new PackageFormatError(base, 'cannot tell the architecture; name tarballs <name>-<version>[-<flavour>]-<x86_64|aarch64>.tar.gz, ' +
            `or <name>-<version>-<${[...ARCHLESS_FLAVOURS].join('|')}>.tar.gz for one without an architecture`);
    }
    return { file: base, name: m[1], version, ...(flavour ? { flavour } : {}), arch };
}
/** The browsable index of a tarball channel, as JSON (for scripts) and HTML (for people). */
function renderListing(title, entries, dropped = []) {
    const sorted = [...entries].sort((a, b) => byCodeUnit(a.path, b.path));
    // `dropped`: tarballs the retention or a removal took out whose files may still be there
    // for a moment; a publish never adopts them back (see readTarballState).
    const json = JSON.stringify(dropped.length
        ? { title, files: sorted, dropped: [...dropped].sort(byCodeUnit) }
        : { title, files: sorted }, null, 2) + '\n';
    const esc = (s) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
    const rows = sorted
        .map((e) => `<tr><td><a href="${esc(e.path.split('/').map(encodeURIComponent).join('/'))}">${esc(e.path)}</a></td>` +
        `<td>${e.size ?? ''}</td><td><code>${e.sha256}</code></td></tr>`)
        .join('\n');
    const html = `<!doctype html>\n<html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>\n` +
        `<h1>${esc(title)}</h1>\n<p>Checksums: <code>&lt;arch&gt;/SHA256SUMS</code>, signed in <code>SHA256SUMS.asc</code>.</p>\n` +
        `<table><thead><tr><th>file</th><th>bytes</th><th>sha256</th></tr></thead><tbody>\n${rows}\n</tbody></table>\n</body></html>\n`;
    return { json, html };
}

var tarStream = {};

var _default;
var hasRequired_default;

function require_default () {
	if (hasRequired_default) return _default;
	hasRequired_default = 1;
	_default = events__default;
	return _default;
}

var fixedSize;
var hasRequiredFixedSize;

function requireFixedSize () {
	if (hasRequiredFixedSize) return fixedSize;
	hasRequiredFixedSize = 1;
	fixedSize = class FixedFIFO {
	  constructor (hwm) {
	    if (!(hwm > 0) || ((hwm - 1) & hwm) !== 0) throw new Error('Max size for a FixedFIFO should be a power of two')
	    this.buffer = new Array(hwm);
	    this.mask = hwm - 1;
	    this.top = 0;
	    this.btm = 0;
	    this.next = null;
	  }

	  clear () {
	    this.top = this.btm = 0;
	    this.next = null;
	    this.buffer.fill(undefined);
	  }

	  push (data) {
	    if (this.buffer[this.top] !== undefined) return false
	    this.buffer[this.top] = data;
	    this.top = (this.top + 1) & this.mask;
	    return true
	  }

	  shift () {
	    const last = this.buffer[this.btm];
	    if (last === undefined) return undefined
	    this.buffer[this.btm] = undefined;
	    this.btm = (this.btm + 1) & this.mask;
	    return last
	  }

	  peek () {
	    return this.buffer[this.btm]
	  }

	  isEmpty () {
	    return this.buffer[this.btm] === undefined
	  }
	};
	return fixedSize;
}

var fastFifo;
var hasRequiredFastFifo;

function requireFastFifo () {
	if (hasRequiredFastFifo) return fastFifo;
	hasRequiredFastFifo = 1;
	const FixedFIFO = requireFixedSize();

	fastFifo = class FastFIFO {
	  constructor (hwm) {
	    this.hwm = hwm || 16;
	    this.head = new FixedFIFO(this.hwm);
	    this.tail = this.head;
	    this.length = 0;
	  }

	  clear () {
	    this.head = this.tail;
	    this.head.clear();
	    this.length = 0;
	  }

	  push (val) {
	    this.length++;
	    if (!this.head.push(val)) {
	      const prev = this.head;
	      this.head = prev.next = new FixedFIFO(2 * this.head.buffer.length);
	      this.head.push(val);
	    }
	  }

	  shift () {
	    if (this.length !== 0) this.length--;
	    const val = this.tail.shift();
	    if (val === undefined && this.tail.next) {
	      const next = this.tail.next;
	      this.tail.next = null;
	      this.tail = next;
	      return this.tail.shift()
	    }

	    return val
	  }

	  peek () {
	    const val = this.tail.peek();
	    if (val === undefined && this.tail.next) return this.tail.next.peek()
	    return val
	  }

	  isEmpty () {
	    return this.length === 0
	  }
	};
	return fastFifo;
}

var b4a;
var hasRequiredB4a;

function requireB4a () {
	if (hasRequiredB4a) return b4a;
	hasRequiredB4a = 1;
	function isBuffer(value) {
	  return Buffer.isBuffer(value) || value instanceof Uint8Array
	}

	function isEncoding(encoding) {
	  return Buffer.isEncoding(encoding)
	}

	function alloc(size, fill, encoding) {
	  return Buffer.alloc(size, fill, encoding)
	}

	function allocUnsafe(size) {
	  return Buffer.allocUnsafe(size)
	}

	function allocUnsafeSlow(size) {
	  return Buffer.allocUnsafeSlow(size)
	}

	function byteLength(string, encoding) {
	  return Buffer.byteLength(string, encoding)
	}

	function compare(a, b) {
	  return Buffer.compare(a, b)
	}

	function concat(buffers, totalLength) {
	  return Buffer.concat(buffers, totalLength)
	}

	function copy(source, target, targetStart, start, end) {
	  return toBuffer(source).copy(target, targetStart, start, end)
	}

	function equals(a, b) {
	  return toBuffer(a).equals(b)
	}

	function fill(buffer, value, offset, end, encoding) {
	  return toBuffer(buffer).fill(value, offset, end, encoding)
	}

	function from(value, encodingOrOffset, length) {
	  return Buffer.from(value, encodingOrOffset, length)
	}

	function includes(buffer, value, byteOffset, encoding) {
	  return toBuffer(buffer).includes(value, byteOffset, encoding)
	}

	function indexOf(buffer, value, byfeOffset, encoding) {
	  return toBuffer(buffer).indexOf(value, byfeOffset, encoding)
	}

	function lastIndexOf(buffer, value, byteOffset, encoding) {
	  return toBuffer(buffer).lastIndexOf(value, byteOffset, encoding)
	}

	function swap16(buffer) {
	  return toBuffer(buffer).swap16()
	}

	function swap32(buffer) {
	  return toBuffer(buffer).swap32()
	}

	function swap64(buffer) {
	  return toBuffer(buffer).swap64()
	}

	function toBuffer(buffer) {
	  if (Buffer.isBuffer(buffer)) return buffer
	  return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength)
	}

	function toString(buffer, encoding, start, end) {
	  return toBuffer(buffer).toString(encoding, start, end)
	}

	function toHex(buffer, start, end) {
	  return toBuffer(buffer).toString('hex', start, end)
	}

	function write(buffer, string, offset, length, encoding) {
	  return toBuffer(buffer).write(string, offset, length, encoding)
	}

	function readDoubleBE(buffer, offset) {
	  return toBuffer(buffer).readDoubleBE(offset)
	}

	function readDoubleLE(buffer, offset) {
	  return toBuffer(buffer).readDoubleLE(offset)
	}

	function readFloatBE(buffer, offset) {
	  return toBuffer(buffer).readFloatBE(offset)
	}

	function readFloatLE(buffer, offset) {
	  return toBuffer(buffer).readFloatLE(offset)
	}

	function readInt32BE(buffer, offset) {
	  return toBuffer(buffer).readInt32BE(offset)
	}

	function readInt32LE(buffer, offset) {
	  return toBuffer(buffer).readInt32LE(offset)
	}

	function readUInt32BE(buffer, offset) {
	  return toBuffer(buffer).readUInt32BE(offset)
	}

	function readUInt32LE(buffer, offset) {
	  return toBuffer(buffer).readUInt32LE(offset)
	}

	function writeDoubleBE(buffer, value, offset) {
	  return toBuffer(buffer).writeDoubleBE(value, offset)
	}

	function writeDoubleLE(buffer, value, offset) {
	  return toBuffer(buffer).writeDoubleLE(value, offset)
	}

	function writeFloatBE(buffer, value, offset) {
	  return toBuffer(buffer).writeFloatBE(value, offset)
	}

	function writeFloatLE(buffer, value, offset) {
	  return toBuffer(buffer).writeFloatLE(value, offset)
	}

	function writeInt32BE(buffer, value, offset) {
	  return toBuffer(buffer).writeInt32BE(value, offset)
	}

	function writeInt32LE(buffer, value, offset) {
	  return toBuffer(buffer).writeInt32LE(value, offset)
	}

	function writeUInt32BE(buffer, value, offset) {
	  return toBuffer(buffer).writeUInt32BE(value, offset)
	}

	function writeUInt32LE(buffer, value, offset) {
	  return toBuffer(buffer).writeUInt32LE(value, offset)
	}

	b4a = {
	  isBuffer,
	  isEncoding,
	  alloc,
	  allocUnsafe,
	  allocUnsafeSlow,
	  byteLength,
	  compare,
	  concat,
	  copy,
	  equals,
	  fill,
	  from,
	  includes,
	  indexOf,
	  lastIndexOf,
	  swap16,
	  swap32,
	  swap64,
	  toBuffer,
	  toString,
	  toHex,
	  write,
	  readDoubleBE,
	  readDoubleLE,
	  readFloatBE,
	  readFloatLE,
	  readInt32BE,
	  readInt32LE,
	  readUInt32BE,
	  readUInt32LE,
	  writeDoubleBE,
	  writeDoubleLE,
	  writeFloatBE,
	  writeFloatLE,
	  writeInt32BE,
	  writeInt32LE,
	  writeUInt32BE,
	  writeUInt32LE
	};
	return b4a;
}

var passThroughDecoder;
var hasRequiredPassThroughDecoder;

function requirePassThroughDecoder () {
	if (hasRequiredPassThroughDecoder) return passThroughDecoder;
	hasRequiredPassThroughDecoder = 1;
	const b4a = requireB4a();

	passThroughDecoder = class PassThroughDecoder {
	  constructor(encoding) {
	    this.encoding = encoding;
	  }

	  get remaining() {
	    return 0
	  }

	  decode(data) {
	    return b4a.toString(data, this.encoding)
	  }

	  flush() {
	    return ''
	  }
	};
	return passThroughDecoder;
}

var utf8Decoder;
var hasRequiredUtf8Decoder;

function requireUtf8Decoder () {
	if (hasRequiredUtf8Decoder) return utf8Decoder;
	hasRequiredUtf8Decoder = 1;
	const b4a = requireB4a();

	/**
	 * https://encoding.spec.whatwg.org/#utf-8-decoder
	 */
	utf8Decoder = class UTF8Decoder {
	  constructor() {
	    this._reset();
	  }

	  get remaining() {
	    return this.bytesSeen
	  }

	  decode(data) {
	    if (data.byteLength === 0) return ''

	    if (this.bytesNeeded === 0 && trailingIncomplete(data, 0) === 0) {
	      this.bytesSeen = trailingBytesSeen(data);
	      return b4a.toString(data, 'utf8')
	    }

	    let result = '';
	    let start = 0;

	    if (this.bytesNeeded > 0) {
	      while (start < data.byteLength) {
	        const byte = data[start];

	        if (byte < this.lowerBoundary || byte > this.upperBoundary) {
	          result += '\ufffd';
	          this._reset();
	          break
	        }

	        this.lowerBoundary = 0x80;
	        this.upperBoundary = 0xbf;
	        this.codePoint = (this.codePoint << 6) | (byte & 0x3f);
	        this.bytesSeen++;
	        start++;

	        if (this.bytesSeen === this.bytesNeeded) {
	          result += String.fromCodePoint(this.codePoint);
	          this._reset();
	          break
	        }
	      }

	      if (this.bytesNeeded > 0) return result
	    }

	    const trailing = trailingIncomplete(data, start);
	    const end = data.byteLength - trailing;

	    if (end > start) result += b4a.toString(data, 'utf8', start, end);

	    for (let i = end; i < data.byteLength; i++) {
	      const byte = data[i];

	      if (this.bytesNeeded === 0) {
	        if (byte <= 0x7f) {
	          this.bytesSeen = 0;
	          result += String.fromCharCode(byte);
	        } else if (byte >= 0xc2 && byte <= 0xdf) {
	          this.bytesNeeded = 2;
	          this.bytesSeen = 1;
	          this.codePoint = byte & 0x1f;
	        } else if (byte >= 0xe0 && byte <= 0xef) {
	          if (byte === 0xe0) this.lowerBoundary = 0xa0;
	          else if (byte === 0xed) this.upperBoundary = 0x9f;
	          this.bytesNeeded = 3;
	          this.bytesSeen = 1;
	          this.codePoint = byte & 0xf;
	        } else if (byte >= 0xf0 && byte <= 0xf4) {
	          if (byte === 0xf0) this.lowerBoundary = 0x90;
	          else if (byte === 0xf4) this.upperBoundary = 0x8f;
	          this.bytesNeeded = 4;
	          this.bytesSeen = 1;
	          this.codePoint = byte & 0x7;
	        } else {
	          this.bytesSeen = 1;
	          result += '\ufffd';
	        }

	        continue
	      }

	      if (byte < this.lowerBoundary || byte > this.upperBoundary) {
	        result += '\ufffd';
	        i--;
	        this._reset();

	        continue
	      }

	      this.lowerBoundary = 0x80;
	      this.upperBoundary = 0xbf;

	      this.codePoint = (this.codePoint << 6) | (byte & 0x3f);
	      this.bytesSeen++;

	      if (this.bytesSeen === this.bytesNeeded) {
	        result += String.fromCodePoint(this.codePoint);
	        this._reset();
	      }
	    }

	    return result
	  }

	  flush() {
	    const result = this.bytesNeeded > 0 ? '\ufffd' : '';
	    this._reset();
	    return result
	  }

	  _reset() {
	    this.codePoint = 0;
	    this.bytesNeeded = 0;
	    this.bytesSeen = 0;
	    this.lowerBoundary = 0x80;
	    this.upperBoundary = 0xbf;
	  }
	};

	function trailingIncomplete(data, start) {
	  const len = data.byteLength;
	  if (len <= start) return 0

	  const limit = Math.max(start, len - 4);

	  let i = len - 1;
	  while (i > limit && (data[i] & 0xc0) === 0x80) i--;

	  if (i < start) return 0

	  const byte = data[i];

	  let needed;
	  if (byte <= 0x7f) return 0
	  if (byte >= 0xc2 && byte <= 0xdf) needed = 2;
	  else if (byte >= 0xe0 && byte <= 0xef) needed = 3;
	  else if (byte >= 0xf0 && byte <= 0xf4) needed = 4;
	  else return 0

	  const available = len - i;
	  return available < needed ? available : 0
	}

	function trailingBytesSeen(data) {
	  const len = data.byteLength;
	  if (len === 0) return 0

	  const last = data[len - 1];

	  if (last <= 0x7f) return 0
	  if ((last & 0xc0) !== 0x80) return 1

	  const limit = Math.max(0, len - 4);

	  let i = len - 2;
	  while (i >= limit && (data[i] & 0xc0) === 0x80) i--;

	  if (i < 0) return 1

	  const first = data[i];

	  let needed;
	  if (first >= 0xc2 && first <= 0xdf) needed = 2;
	  else if (first >= 0xe0 && first <= 0xef) needed = 3;
	  else if (first >= 0xf0 && first <= 0xf4) needed = 4;
	  else return 1

	  if (len - i !== needed) return 1

	  if (needed >= 3) {
	    const second = data[i + 1];
	    if (first === 0xe0 && second < 0xa0) return 1
	    if (first === 0xed && second > 0x9f) return 1
	    if (first === 0xf0 && second < 0x90) return 1
	    if (first === 0xf4 && second > 0x8f) return 1
	  }

	  return 0
	}
	return utf8Decoder;
}

var textDecoder;
var hasRequiredTextDecoder;

function requireTextDecoder () {
	if (hasRequiredTextDecoder) return textDecoder;
	hasRequiredTextDecoder = 1;
	const PassThroughDecoder = requirePassThroughDecoder();
	const UTF8Decoder = requireUtf8Decoder();

	textDecoder = class TextDecoder {
	  constructor(encoding = 'utf8') {
	    this.encoding = normalizeEncoding(encoding);

	    switch (this.encoding) {
	      case 'utf8':
	        this.decoder = new UTF8Decoder();
	        break
	      case 'utf16le':
	      case 'base64':
	        throw new Error('Unsupported encoding: ' + this.encoding)
	      default:
	        this.decoder = new PassThroughDecoder(this.encoding);
	    }
	  }

	  get remaining() {
	    return this.decoder.remaining
	  }

	  push(data) {
	    if (typeof data === 'string') return data
	    return this.decoder.decode(data)
	  }

	  // For Node.js compatibility
	  write(data) {
	    return this.push(data)
	  }

	  end(data) {
	    let result = '';
	    if (data) result = this.push(data);
	    result += this.decoder.flush();
	    return result
	  }
	};

	function normalizeEncoding(encoding) {
	  encoding = encoding.toLowerCase();

	  switch (encoding) {
	    case 'utf8':
	    case 'utf-8':
	      return 'utf8'
	    case 'ucs2':
	    case 'ucs-2':
	    case 'utf16le':
	    case 'utf-16le':
	      return 'utf16le'
	    case 'latin1':
	    case 'binary':
	      return 'latin1'
	    case 'base64':
	    case 'ascii':
	    case 'hex':
	      return encoding
	    default:
	      throw new Error('Unknown encoding: ' + encoding)
	  }
	}
	return textDecoder;
}

var errors;
var hasRequiredErrors;

function requireErrors () {
	if (hasRequiredErrors) return errors;
	hasRequiredErrors = 1;
	errors = class StreamError extends Error {
	  constructor(msg, code, fn = StreamError) {
	    super(msg);

	    this.code = code;

	    if (Error.captureStackTrace) {
	      Error.captureStackTrace(this, fn);
	    }
	  }

	  static isStreamDestroyed(err) {
	    return err && err.code === 'STREAM_DESTROYED'
	  }

	  static isPrematureClose(err) {
	    return err && err.code === 'PREMATURE_CLOSE'
	  }

	  static isAborted(err) {
	    return err && err.code === 'ABORTED'
	  }

	  static isBadArgument(err) {
	    return err && err.code === 'BAD_ARGUMENT'
	  }

	  get name() {
	    return 'StreamError'
	  }

	  static STREAM_DESTROYED() {
	    return new StreamError('Stream was destroyed', 'STREAM_DESTROYED', StreamError.STREAM_DESTROYED)
	  }

	  static PREMATURE_CLOSE(msg = 'Premature close') {
	    return new StreamError(msg, 'PREMATURE_CLOSE', StreamError.PREMATURE_CLOSE)
	  }

	  static ABORTED() {
	    return new StreamError('Stream aborted', 'ABORTED', StreamError.ABORTED)
	  }

	  static BAD_ARGUMENT(msg = 'Bad argument') {
	    return new StreamError(msg, 'BAD_ARGUMENT', StreamError.BAD_ARGUMENT)
	  }
	};
	return errors;
}

var streamx;
var hasRequiredStreamx;

function requireStreamx () {
	if (hasRequiredStreamx) return streamx;
	hasRequiredStreamx = 1;
	const { EventEmitter } = require_default();
	const FIFO = requireFastFifo();
	const TextDecoder = requireTextDecoder();

	const StreamError = requireErrors();

	// if we do a future major, expect queue microtask to be there always, for now a bit defensive
	const qmt =
	  typeof queueMicrotask === 'undefined' ? (fn) => commonjsGlobal.process.nextTick(fn) : queueMicrotask;

	// 29 bits used total (4 from shared, 14 from read, and 11 from write)
	const MAX = (1 << 29) - 1;

	// Shared state
	const OPENING = 0b0001;
	const PREDESTROYING = 0b0010;
	const DESTROYING = 0b0100;
	const DESTROYED = 0b1000;

	const NOT_OPENING = MAX ^ OPENING;
	const NOT_PREDESTROYING = MAX ^ PREDESTROYING;

	// Read state (4 bit offset from shared state)
	const READ_ACTIVE = 0b00000000000001 << 4;
	const READ_UPDATING = 0b00000000000010 << 4;
	const READ_PRIMARY = 0b00000000000100 << 4;
	const READ_QUEUED = 0b00000000001000 << 4;
	const READ_RESUMED = 0b00000000010000 << 4;
	const READ_PIPE_DRAINED = 0b00000000100000 << 4;
	const READ_ENDING = 0b00000001000000 << 4;
	const READ_EMIT_DATA = 0b00000010000000 << 4;
	const READ_EMIT_READABLE = 0b00000100000000 << 4;
	const READ_EMITTED_READABLE = 0b00001000000000 << 4;
	const READ_DONE = 0b00010000000000 << 4;
	const READ_NEXT_TICK = 0b00100000000000 << 4;
	const READ_NEEDS_PUSH = 0b01000000000000 << 4;
	const READ_READ_AHEAD = 0b10000000000000 << 4;

	// Combined read state
	const READ_FLOWING = READ_RESUMED | READ_PIPE_DRAINED;
	const READ_ACTIVE_AND_NEEDS_PUSH = READ_ACTIVE | READ_NEEDS_PUSH;
	const READ_PRIMARY_AND_ACTIVE = READ_PRIMARY | READ_ACTIVE;
	const READ_EMIT_READABLE_AND_QUEUED = READ_EMIT_READABLE | READ_QUEUED;
	const READ_RESUMED_READ_AHEAD = READ_RESUMED | READ_READ_AHEAD;

	const READ_NOT_ACTIVE = MAX ^ READ_ACTIVE;
	const READ_NON_PRIMARY = MAX ^ READ_PRIMARY;
	const READ_NON_PRIMARY_AND_PUSHED = MAX ^ (READ_PRIMARY | READ_NEEDS_PUSH);
	const READ_PUSHED = MAX ^ READ_NEEDS_PUSH;
	const READ_PAUSED = MAX ^ READ_RESUMED;
	const READ_NOT_QUEUED = MAX ^ (READ_QUEUED | READ_EMITTED_READABLE);
	const READ_NOT_ENDING = MAX ^ READ_ENDING;
	const READ_PIPE_NOT_DRAINED = MAX ^ READ_FLOWING;
	const READ_NOT_NEXT_TICK = MAX ^ READ_NEXT_TICK;
	const READ_NOT_UPDATING = MAX ^ READ_UPDATING;
	const READ_NO_READ_AHEAD = MAX ^ READ_READ_AHEAD;
	const READ_PAUSED_NO_READ_AHEAD = MAX ^ READ_RESUMED_READ_AHEAD;

	// Write state (18 bit offset, 4 bit offset from shared state and 14 from read state)
	const WRITE_ACTIVE = 0b00000000001 << 18;
	const WRITE_UPDATING = 0b00000000010 << 18;
	const WRITE_PRIMARY = 0b00000000100 << 18;
	const WRITE_QUEUED = 0b00000001000 << 18;
	const WRITE_UNDRAINED = 0b00000010000 << 18;
	const WRITE_DONE = 0b00000100000 << 18;
	const WRITE_EMIT_DRAIN = 0b00001000000 << 18;
	const WRITE_NEXT_TICK = 0b00010000000 << 18;
	const WRITE_WRITING = 0b00100000000 << 18;
	const WRITE_FINISHING = 0b01000000000 << 18;
	const WRITE_CORKED = 0b10000000000 << 18;

	const WRITE_NOT_ACTIVE = MAX ^ (WRITE_ACTIVE | WRITE_WRITING);
	const WRITE_NON_PRIMARY = MAX ^ WRITE_PRIMARY;
	const WRITE_NOT_FINISHING = MAX ^ (WRITE_ACTIVE | WRITE_FINISHING);
	const WRITE_DRAINED = MAX ^ WRITE_UNDRAINED;
	const WRITE_NOT_QUEUED = MAX ^ WRITE_QUEUED;
	const WRITE_NOT_NEXT_TICK = MAX ^ WRITE_NEXT_TICK;
	const WRITE_NOT_UPDATING = MAX ^ WRITE_UPDATING;
	const WRITE_NOT_CORKED = MAX ^ WRITE_CORKED;

	// Combined shared state
	const ACTIVE = READ_ACTIVE | WRITE_ACTIVE;
	const NOT_ACTIVE = MAX ^ ACTIVE;
	const DONE = READ_DONE | WRITE_DONE;
	const DESTROY_STATUS = DESTROYING | DESTROYED | PREDESTROYING;
	const OPEN_STATUS = DESTROY_STATUS | OPENING;
	const AUTO_DESTROY = DESTROY_STATUS | DONE;
	const NON_PRIMARY = WRITE_NON_PRIMARY & READ_NON_PRIMARY;
	const ACTIVE_OR_TICKING = WRITE_NEXT_TICK | READ_NEXT_TICK;
	const TICKING = ACTIVE_OR_TICKING & NOT_ACTIVE;
	const IS_OPENING = OPEN_STATUS | TICKING;

	// Combined shared state and read state
	const READ_PRIMARY_STATUS = OPEN_STATUS | READ_ENDING | READ_DONE;
	const READ_STATUS = OPEN_STATUS | READ_DONE | READ_QUEUED;
	const READ_ENDING_STATUS = OPEN_STATUS | READ_ENDING | READ_QUEUED;
	const READ_READABLE_STATUS = OPEN_STATUS | READ_EMIT_READABLE | READ_QUEUED | READ_EMITTED_READABLE;
	const SHOULD_NOT_READ =
	  OPEN_STATUS | READ_ACTIVE | READ_ENDING | READ_DONE | READ_NEEDS_PUSH | READ_READ_AHEAD;
	const READ_BACKPRESSURE_STATUS = DESTROY_STATUS | READ_ENDING | READ_DONE;
	const READ_UPDATE_SYNC_STATUS = READ_UPDATING | OPEN_STATUS | READ_NEXT_TICK | READ_PRIMARY;
	const READ_NEXT_TICK_OR_OPENING = READ_NEXT_TICK | OPENING;

	// Combined write state
	const WRITE_PRIMARY_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_DONE;
	const WRITE_QUEUED_AND_UNDRAINED = WRITE_QUEUED | WRITE_UNDRAINED;
	const WRITE_QUEUED_AND_ACTIVE = WRITE_QUEUED | WRITE_ACTIVE;
	const WRITE_DRAIN_STATUS = WRITE_QUEUED | WRITE_UNDRAINED | OPEN_STATUS | WRITE_ACTIVE;
	const WRITE_STATUS = OPEN_STATUS | WRITE_ACTIVE | WRITE_QUEUED | WRITE_CORKED;
	const WRITE_PRIMARY_AND_ACTIVE = WRITE_PRIMARY | WRITE_ACTIVE;
	const WRITE_ACTIVE_AND_WRITING = WRITE_ACTIVE | WRITE_WRITING;
	const WRITE_FINISHING_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_QUEUED_AND_ACTIVE | WRITE_DONE;
	const WRITE_BACKPRESSURE_STATUS = WRITE_UNDRAINED | DESTROY_STATUS | WRITE_FINISHING | WRITE_DONE;
	const WRITE_UPDATE_SYNC_STATUS = WRITE_UPDATING | OPEN_STATUS | WRITE_NEXT_TICK | WRITE_PRIMARY;
	const WRITE_DROP_DATA = WRITE_FINISHING | WRITE_DONE | DESTROY_STATUS;

	const asyncIterator = Symbol.asyncIterator || Symbol('asyncIterator');

	class WritableState {
	  constructor(
	    stream,
	    { highWaterMark = 16384, map = null, mapWritable, byteLength, byteLengthWritable } = {}
	  ) {
	    this.stream = stream;
	    this.queue = new FIFO();
	    this.highWaterMark = highWaterMark;
	    this.buffered = 0;
	    this.error = null;
	    this.pipeline = null;
	    this.drains = null; // if we add more seldomly used helpers we might them into a subobject so its a single ptr
	    this.byteLength = byteLengthWritable || byteLength || defaultByteLength;
	    this.map = mapWritable || map;
	    this.afterWrite = afterWrite.bind(this);
	    this.afterUpdateNextTick = updateWriteNT.bind(this);
	  }

	  get ending() {
	    return (this.stream._duplexState & WRITE_FINISHING) !== 0
	  }

	  get ended() {
	    return (this.stream._duplexState & WRITE_DONE) !== 0
	  }

	  push(data) {
	    if ((this.stream._duplexState & WRITE_DROP_DATA) !== 0) return false
	    if (this.map !== null) data = this.map(data);

	    this.buffered += this.byteLength(data);
	    this.queue.push(data);

	    if (this.buffered < this.highWaterMark) {
	      this.stream._duplexState |= WRITE_QUEUED;
	      return true
	    }

	    this.stream._duplexState |= WRITE_QUEUED_AND_UNDRAINED;
	    return false
	  }

	  shift() {
	    const data = this.queue.shift();

	    this.buffered -= this.byteLength(data);
	    if (this.buffered === 0) this.stream._duplexState &= WRITE_NOT_QUEUED;

	    return data
	  }

	  end(data) {
	    if (typeof data === 'function') {
	      this.stream.once('finish', data);
	    } else if (data !== undefined && data !== null) {
	      this.push(data);
	    }

	    this.stream._duplexState = (this.stream._duplexState | WRITE_FINISHING) & WRITE_NON_PRIMARY;
	  }

	  autoBatch(data, cb) {
	    const buffer = [];
	    const stream = this.stream;

	    buffer.push(data);
	    while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED_AND_ACTIVE) {
	      buffer.push(stream._writableState.shift());
	    }

	    if ((stream._duplexState & OPEN_STATUS) !== 0) return cb(null)
	    stream._writev(buffer, cb);
	  }

	  update() {
	    const stream = this.stream;

	    stream._duplexState |= WRITE_UPDATING;

	    do {
	      while ((stream._duplexState & WRITE_STATUS) === WRITE_QUEUED) {
	        const data = this.shift();
	        stream._duplexState |= WRITE_ACTIVE_AND_WRITING;
	        stream._write(data, this.afterWrite);
	      }

	      if ((stream._duplexState & WRITE_PRIMARY_AND_ACTIVE) === 0) this.updateNonPrimary();
	    } while (this.continueUpdate() === true)

	    stream._duplexState &= WRITE_NOT_UPDATING;
	  }

	  updateNonPrimary() {
	    const stream = this.stream;

	    if ((stream._duplexState & WRITE_FINISHING_STATUS) === WRITE_FINISHING) {
	      stream._duplexState = stream._duplexState | WRITE_ACTIVE;
	      stream._final(afterFinal.bind(this));
	      return
	    }

	    if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
	      if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
	        stream._duplexState |= ACTIVE;
	        stream._destroy(afterDestroy.bind(this));
	      }
	      return
	    }

	    if ((stream._duplexState & IS_OPENING) === OPENING) {
	      stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
	      stream._open(afterOpen.bind(this));
	    }
	  }

	  continueUpdate() {
	    if ((this.stream._duplexState & WRITE_NEXT_TICK) === 0) return false
	    this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
	    return true
	  }

	  updateCallback() {
	    if ((this.stream._duplexState & WRITE_UPDATE_SYNC_STATUS) === WRITE_PRIMARY) {
	      this.update();
	    } else {
	      this.updateNextTick();
	    }
	  }

	  updateNextTick() {
	    if ((this.stream._duplexState & WRITE_NEXT_TICK) !== 0) return
	    this.stream._duplexState |= WRITE_NEXT_TICK;
	    if ((this.stream._duplexState & WRITE_UPDATING) === 0) qmt(this.afterUpdateNextTick);
	  }
	}

	class ReadableState {
	  constructor(
	    stream,
	    { highWaterMark = 16384, map = null, mapReadable, byteLength, byteLengthReadable } = {}
	  ) {
	    this.stream = stream;
	    this.queue = new FIFO();
	    this.highWaterMark = highWaterMark === 0 ? 1 : highWaterMark;
	    this.buffered = 0;
	    this.readAhead = highWaterMark > 0;
	    this.error = null;
	    this.pipeline = null;
	    this.byteLength = byteLengthReadable || byteLength || defaultByteLength;
	    this.map = mapReadable || map;
	    this.pipeTo = null;
	    this.afterRead = afterRead.bind(this);
	    this.afterUpdateNextTick = updateReadNT.bind(this);
	  }

	  get ending() {
	    return (this.stream._duplexState & READ_ENDING) !== 0
	  }

	  get ended() {
	    return (this.stream._duplexState & READ_DONE) !== 0
	  }

	  pipe(pipeTo, cb) {
	    if (this.pipeTo !== null) throw StreamError.BAD_ARGUMENT('Can only pipe to one destination')
	    if (typeof cb !== 'function') cb = null;

	    this.stream._duplexState |= READ_PIPE_DRAINED;
	    this.pipeTo = pipeTo;
	    this.pipeline = new Pipeline(this.stream, pipeTo, cb);

	    if (cb) this.stream.on('error', noop); // We already error handle this so supress crashes

	    if (isStreamx(pipeTo)) {
	      pipeTo._writableState.pipeline = this.pipeline;
	      if (cb) pipeTo.on('error', noop); // We already error handle this so supress crashes
	      pipeTo.on('finish', this.pipeline.finished.bind(this.pipeline)); // TODO: just call finished from pipeTo itself
	    } else {
	      const onerror = this.pipeline.done.bind(this.pipeline, pipeTo);
	      const onclose = this.pipeline.done.bind(this.pipeline, pipeTo, null); // onclose has a weird bool arg
	      pipeTo.on('error', onerror);
	      pipeTo.on('close', onclose);
	      pipeTo.on('finish', this.pipeline.finished.bind(this.pipeline));
	    }

	    pipeTo.on('drain', afterDrain.bind(this));
	    this.stream.emit('piping', pipeTo);
	    pipeTo.emit('pipe', this.stream);
	  }

	  push(data) {
	    const stream = this.stream;

	    if (data === null) {
	      this.highWaterMark = 0;
	      stream._duplexState = (stream._duplexState | READ_ENDING) & READ_NON_PRIMARY_AND_PUSHED;
	      return false
	    }

	    if (this.map !== null) {
	      data = this.map(data);
	      if (data === null) {
	        stream._duplexState &= READ_PUSHED;
	        return this.buffered < this.highWaterMark
	      }
	    }

	    this.buffered += this.byteLength(data);
	    this.queue.push(data);

	    stream._duplexState = (stream._duplexState | READ_QUEUED) & READ_PUSHED;

	    return this.buffered < this.highWaterMark
	  }

	  shift() {
	    const data = this.queue.shift();

	    this.buffered -= this.byteLength(data);
	    if (this.buffered === 0) {
	      this.stream._duplexState &= READ_NOT_QUEUED;
	    }

	    return data
	  }

	  unshift(data) {
	    const pending = [this.map !== null ? this.map(data) : data];
	    while (this.buffered > 0) pending.push(this.shift());

	    for (let i = 0; i < pending.length - 1; i++) {
	      const data = pending[i];
	      this.buffered += this.byteLength(data);
	      this.queue.push(data);
	    }

	    this.push(pending[pending.length - 1]);
	  }

	  read() {
	    const stream = this.stream;

	    if ((stream._duplexState & READ_STATUS) === READ_QUEUED) {
	      const data = this.shift();

	      if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
	        stream._duplexState &= READ_PIPE_NOT_DRAINED;
	      }

	      if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
	        stream.emit('data', data);
	      }

	      return data
	    }

	    if (this.readAhead === false) {
	      stream._duplexState |= READ_READ_AHEAD;
	      this.updateNextTick();
	    }

	    return null
	  }

	  drain() {
	    const stream = this.stream;

	    while (
	      (stream._duplexState & READ_STATUS) === READ_QUEUED &&
	      (stream._duplexState & READ_FLOWING) !== 0
	    ) {
	      const data = this.shift();

	      if (this.pipeTo !== null && this.pipeTo.write(data) === false) {
	        stream._duplexState &= READ_PIPE_NOT_DRAINED;
	      }

	      if ((stream._duplexState & READ_EMIT_DATA) !== 0) {
	        stream.emit('data', data);
	      }
	    }
	  }

	  update() {
	    const stream = this.stream;

	    stream._duplexState |= READ_UPDATING;

	    do {
	      this.drain();

	      while (
	        this.buffered < this.highWaterMark &&
	        (stream._duplexState & SHOULD_NOT_READ) === READ_READ_AHEAD
	      ) {
	        stream._duplexState |= READ_ACTIVE_AND_NEEDS_PUSH;
	        stream._read(this.afterRead);
	        this.drain();
	      }

	      if ((stream._duplexState & READ_READABLE_STATUS) === READ_EMIT_READABLE_AND_QUEUED) {
	        stream._duplexState |= READ_EMITTED_READABLE;
	        stream.emit('readable');
	      }

	      if ((stream._duplexState & READ_PRIMARY_AND_ACTIVE) === 0) {
	        this.updateNonPrimary();
	      }
	    } while (this.continueUpdate() === true)

	    stream._duplexState &= READ_NOT_UPDATING;
	  }

	  updateNonPrimary() {
	    const stream = this.stream;

	    if ((stream._duplexState & READ_ENDING_STATUS) === READ_ENDING) {
	      stream._duplexState = (stream._duplexState | READ_DONE) & READ_NOT_ENDING;
	      stream.emit('end');

	      if ((stream._duplexState & AUTO_DESTROY) === DONE) {
	        stream._duplexState |= DESTROYING;
	      }

	      if (this.pipeTo !== null) {
	        this.pipeTo.end();
	      }
	    }

	    if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
	      if ((stream._duplexState & ACTIVE_OR_TICKING) === 0) {
	        stream._duplexState |= ACTIVE;
	        stream._destroy(afterDestroy.bind(this));
	      }
	      return
	    }

	    if ((stream._duplexState & IS_OPENING) === OPENING) {
	      stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING;
	      stream._open(afterOpen.bind(this));
	    }
	  }

	  continueUpdate() {
	    if ((this.stream._duplexState & READ_NEXT_TICK) === 0) return false
	    this.stream._duplexState &= READ_NOT_NEXT_TICK;
	    return true
	  }

	  updateCallback() {
	    if ((this.stream._duplexState & READ_UPDATE_SYNC_STATUS) === READ_PRIMARY) {
	      this.update();
	    } else {
	      this.updateNextTick();
	    }
	  }

	  updateNextTickIfOpen() {
	    if ((this.stream._duplexState & READ_NEXT_TICK_OR_OPENING) !== 0) return
	    this.stream._duplexState |= READ_NEXT_TICK;
	    if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
	  }

	  updateNextTick() {
	    if ((this.stream._duplexState & READ_NEXT_TICK) !== 0) return
	    this.stream._duplexState |= READ_NEXT_TICK;
	    if ((this.stream._duplexState & READ_UPDATING) === 0) qmt(this.afterUpdateNextTick);
	  }
	}

	class TransformState {
	  constructor(stream) {
	    this.data = null;
	    this.afterTransform = afterTransform.bind(stream);
	    this.afterFinal = null;
	  }
	}

	class Pipeline {
	  constructor(src, dst, cb) {
	    this.from = src;
	    this.to = dst;
	    this.afterPipe = cb;
	    this.error = null;
	    this.pipeToFinished = false;
	  }

	  finished() {
	    this.pipeToFinished = true;
	  }

	  done(stream, err) {
	    if (err) this.error = err;

	    if (stream === this.to) {
	      this.to = null;

	      if (this.from !== null) {
	        if ((this.from._duplexState & READ_DONE) === 0 || !this.pipeToFinished) {
	          this.from.destroy(this.error || StreamError.PREMATURE_CLOSE('Writable stream closed'));
	        }
	        return
	      }
	    }

	    if (stream === this.from) {
	      this.from = null;

	      if (this.to !== null) {
	        if ((stream._duplexState & READ_DONE) === 0) {
	          this.to.destroy(this.error || StreamError.PREMATURE_CLOSE('Readable stream closed'));
	        }
	        return
	      }
	    }

	    if (this.afterPipe !== null) this.afterPipe(this.error);
	    this.to = this.from = this.afterPipe = null;
	  }
	}

	function afterDrain() {
	  this.stream._duplexState |= READ_PIPE_DRAINED;
	  this.updateCallback();
	}

	function afterFinal(err) {
	  const stream = this.stream;
	  if (err) stream.destroy(err);

	  if ((stream._duplexState & DESTROY_STATUS) === 0) {
	    stream._duplexState |= WRITE_DONE;
	    stream.emit('finish');
	  }

	  if ((stream._duplexState & AUTO_DESTROY) === DONE) {
	    stream._duplexState |= DESTROYING;
	  }

	  stream._duplexState &= WRITE_NOT_FINISHING;

	  // no need to wait the extra tick here, so we short circuit that
	  if ((stream._duplexState & WRITE_UPDATING) === 0) {
	    this.update();
	  } else {
	    this.updateNextTick();
	  }
	}

	function afterDestroy(err) {
	  const stream = this.stream;

	  if (!err && !StreamError.isStreamDestroyed(this.error)) err = this.error;
	  if (err) stream.emit('error', err);

	  stream._duplexState |= DESTROYED;
	  stream.emit('close');

	  const rs = stream._readableState;
	  const ws = stream._writableState;

	  if (rs !== null && rs.pipeline !== null) {
	    rs.pipeline.done(stream, err);
	  }

	  if (ws !== null) {
	    while (ws.drains !== null && ws.drains.length > 0) {
	      ws.drains.shift().resolve(false);
	    }

	    if (ws.pipeline !== null) {
	      ws.pipeline.done(stream, err);
	    }
	  }
	}

	function afterWrite(err) {
	  const stream = this.stream;

	  if (err) stream.destroy(err);
	  stream._duplexState &= WRITE_NOT_ACTIVE;

	  if (this.drains !== null) tickDrains(this.drains);

	  if ((stream._duplexState & WRITE_DRAIN_STATUS) === WRITE_UNDRAINED) {
	    stream._duplexState &= WRITE_DRAINED;

	    if ((stream._duplexState & WRITE_EMIT_DRAIN) === WRITE_EMIT_DRAIN) {
	      stream.emit('drain');
	    }
	  }

	  this.updateCallback();
	}

	function afterRead(err) {
	  if (err) this.stream.destroy(err);
	  this.stream._duplexState &= READ_NOT_ACTIVE;

	  if (this.readAhead === false && (this.stream._duplexState & READ_RESUMED) === 0) {
	    this.stream._duplexState &= READ_NO_READ_AHEAD;
	  }

	  this.updateCallback();
	}

	function updateReadNT() {
	  if ((this.stream._duplexState & READ_UPDATING) === 0) {
	    this.stream._duplexState &= READ_NOT_NEXT_TICK;
	    this.update();
	  }
	}

	function updateWriteNT() {
	  if ((this.stream._duplexState & WRITE_UPDATING) === 0) {
	    this.stream._duplexState &= WRITE_NOT_NEXT_TICK;
	    this.update();
	  }
	}

	function tickDrains(drains) {
	  for (let i = 0; i < drains.length; i++) {
	    // drains.writes are monotonic, so if one is 0 its always the first one
	    if (--drains[i].writes === 0) {
	      drains.shift().resolve(true);
	      i--;
	    }
	  }
	}

	function afterOpen(err) {
	  const stream = this.stream;

	  if (err) stream.destroy(err);

	  if ((stream._duplexState & DESTROYING) === 0) {
	    if ((stream._duplexState & READ_PRIMARY_STATUS) === 0) {
	      stream._duplexState |= READ_PRIMARY;
	    }

	    if ((stream._duplexState & WRITE_PRIMARY_STATUS) === 0) {
	      stream._duplexState |= WRITE_PRIMARY;
	    }

	    stream.emit('open');
	  }

	  stream._duplexState &= NOT_ACTIVE;

	  if (stream._writableState !== null) {
	    stream._writableState.updateCallback();
	  }

	  if (stream._readableState !== null) {
	    stream._readableState.updateCallback();
	  }
	}

	function afterTransform(err, data) {
	  if (data !== undefined && data !== null) this.push(data);
	  this._writableState.afterWrite(err);
	}

	function newListener(name) {
	  if (this._readableState !== null) {
	    if (name === 'data') {
	      this._duplexState |= READ_EMIT_DATA | READ_RESUMED_READ_AHEAD;
	      this._readableState.updateNextTick();
	    }
	    if (name === 'readable') {
	      this._duplexState |= READ_EMIT_READABLE;
	      this._readableState.updateNextTick();
	    }
	  }

	  if (this._writableState !== null) {
	    if (name === 'drain') {
	      this._duplexState |= WRITE_EMIT_DRAIN;
	      this._writableState.updateNextTick();
	    }
	  }
	}

	class Stream extends EventEmitter {
	  constructor(opts) {
	    super();

	    this._duplexState = 0;
	    this._readableState = null;
	    this._writableState = null;

	    if (opts) {
	      if (opts.open) this._open = opts.open;
	      if (opts.destroy) this._destroy = opts.destroy;
	      if (opts.predestroy) this._predestroy = opts.predestroy;
	      if (opts.signal) opts.signal.addEventListener('abort', abort.bind(this));
	    }

	    this.on('newListener', newListener);
	  }

	  _open(cb) {
	    cb(null);
	  }

	  _destroy(cb) {
	    cb(null);
	  }

	  _predestroy() {
	    // does nothing
	  }

	  get readable() {
	    return this._readableState !== null ? true : undefined
	  }

	  get writable() {
	    return this._writableState !== null ? true : undefined
	  }

	  get destroyed() {
	    return (this._duplexState & DESTROYED) !== 0
	  }

	  get destroying() {
	    return (this._duplexState & DESTROY_STATUS) !== 0
	  }

	  destroy(err) {
	    if ((this._duplexState & DESTROY_STATUS) === 0) {
	      if (!err) err = StreamError.STREAM_DESTROYED();
	      this._duplexState = (this._duplexState | DESTROYING) & NON_PRIMARY;

	      if (this._readableState !== null) {
	        this._readableState.highWaterMark = 0;
	        this._readableState.error = err;
	      }

	      if (this._writableState !== null) {
	        this._writableState.highWaterMark = 0;
	        this._writableState.error = err;
	      }

	      this._duplexState |= PREDESTROYING;
	      this._predestroy();
	      this._duplexState &= NOT_PREDESTROYING;

	      if (this._readableState !== null) {
	        this._readableState.updateNextTick();
	      }

	      if (this._writableState !== null) {
	        this._writableState.updateNextTick();
	      }
	    }
	  }
	}

	class Readable extends Stream {
	  constructor(opts) {
	    super(opts);

	    this._duplexState |= OPENING | WRITE_DONE | READ_READ_AHEAD;
	    this._readableState = new ReadableState(this, opts);

	    if (opts) {
	      if (this._readableState.readAhead === false) this._duplexState &= READ_NO_READ_AHEAD;
	      if (opts.read) this._read = opts.read;
	      if (opts.eagerOpen) this._readableState.updateNextTick();
	      if (opts.encoding) this.setEncoding(opts.encoding);
	    }
	  }

	  static deferred(fn, opts) {
	    const out = new PassThrough(opts);

	    fn()
	      .then((src) => {
	        if (src === null) return out.end()
	        if (out.destroying) return
	        pipeline(src, out, noop);
	      })
	      .catch((err) => out.destroy(err));

	    return out
	  }

	  setEncoding(encoding) {
	    const dec = new TextDecoder(encoding);
	    const map = this._readableState.map || echo;
	    this._readableState.map = mapOrSkip;
	    return this

	    function mapOrSkip(data) {
	      const next = dec.push(data);
	      return next === '' && (data.byteLength !== 0 || dec.remaining > 0) ? null : map(next)
	    }
	  }

	  _read(cb) {
	    cb(null);
	  }

	  pipe(dest, cb) {
	    this._readableState.updateNextTick();
	    this._readableState.pipe(dest, cb);
	    return dest
	  }

	  read() {
	    this._readableState.updateNextTick();
	    return this._readableState.read()
	  }

	  push(data) {
	    this._readableState.updateNextTickIfOpen();
	    return this._readableState.push(data)
	  }

	  unshift(data) {
	    this._readableState.updateNextTickIfOpen();
	    return this._readableState.unshift(data)
	  }

	  resume() {
	    this._duplexState |= READ_RESUMED_READ_AHEAD;
	    this._readableState.updateNextTick();
	    return this
	  }

	  pause() {
	    this._duplexState &=
	      this._readableState.readAhead === false ? READ_PAUSED_NO_READ_AHEAD : READ_PAUSED;
	    return this
	  }

	  static _fromAsyncIterator(ite, opts) {
	    let destroy;

	    const rs = new Readable({
	      ...opts,
	      read(cb) {
	        ite.next().then(push).then(cb.bind(null, null)).catch(cb);
	      },
	      predestroy() {
	        destroy = ite.return();
	      },
	      destroy(cb) {
	        if (!destroy) return cb(null)
	        destroy.then(cb.bind(null, null)).catch(cb);
	      }
	    });

	    return rs

	    function push(data) {
	      if (data.done) rs.push(null);
	      else rs.push(data.value);
	    }
	  }

	  static from(data, opts) {
	    if (isReadStreamx(data)) return data
	    if (data[asyncIterator]) return this._fromAsyncIterator(data[asyncIterator](), opts)
	    if (!Array.isArray(data)) data = data === undefined ? [] : [data];

	    let i = 0;
	    return new Readable({
	      ...opts,
	      read(cb) {
	        this.push(i === data.length ? null : data[i++]);
	        cb(null);
	      }
	    })
	  }

	  static isBackpressured(rs) {
	    return (
	      (rs._duplexState & READ_BACKPRESSURE_STATUS) !== 0 ||
	      rs._readableState.buffered >= rs._readableState.highWaterMark
	    )
	  }

	  static isPaused(rs) {
	    return (rs._duplexState & READ_RESUMED) === 0
	  }

	  [asyncIterator]() {
	    const stream = this;

	    let error = null;
	    let promiseResolve = null;
	    let promiseReject = null;

	    this.on('error', (err) => {
	      error = err;
	    });
	    this.on('readable', onreadable);
	    this.on('close', onclose);

	    return {
	      [asyncIterator]() {
	        return this
	      },
	      next() {
	        return new Promise(function (resolve, reject) {
	          promiseResolve = resolve;
	          promiseReject = reject;
	          const data = stream.read();
	          if (data !== null) ondata(data);
	          else if ((stream._duplexState & DESTROYED) !== 0) ondata(null);
	        })
	      },
	      return() {
	        return destroy(null)
	      },
	      throw(err) {
	        return destroy(err)
	      }
	    }

	    function onreadable() {
	      if (promiseResolve !== null) ondata(stream.read());
	    }

	    function onclose() {
	      if (promiseResolve !== null) ondata(null);
	    }

	    function ondata(data) {
	      if (promiseReject === null) return
	      if (error) {
	        promiseReject(error);
	      } else if (data === null && (stream._duplexState & READ_DONE) === 0) {
	        promiseReject(StreamError.STREAM_DESTROYED());
	      } else {
	        promiseResolve({ value: data, done: data === null });
	      }
	      promiseReject = promiseResolve = null;
	    }

	    function destroy(err) {
	      stream.destroy(err);
	      return new Promise((resolve, reject) => {
	        if (stream._duplexState & DESTROYED) return resolve({ value: undefined, done: true })
	        stream.once('close', function () {
	          if (err) reject(err);
	          else resolve({ value: undefined, done: true });
	        });
	      })
	    }
	  }
	}

	class Writable extends Stream {
	  constructor(opts) {
	    super(opts);

	    this._duplexState |= OPENING | READ_DONE;
	    this._writableState = new WritableState(this, opts);

	    if (opts) {
	      if (opts.writev) this._writev = opts.writev;
	      if (opts.write) this._write = opts.write;
	      if (opts.final) this._final = opts.final;
	      if (opts.eagerOpen) this._writableState.updateNextTick();
	    }
	  }

	  cork() {
	    this._duplexState |= WRITE_CORKED;
	  }

	  uncork() {
	    this._duplexState &= WRITE_NOT_CORKED;
	    this._writableState.updateNextTick();
	  }

	  _writev(batch, cb) {
	    cb(null);
	  }

	  _write(data, cb) {
	    this._writableState.autoBatch(data, cb);
	  }

	  _final(cb) {
	    cb(null);
	  }

	  static isBackpressured(ws) {
	    return (ws._duplexState & WRITE_BACKPRESSURE_STATUS) !== 0
	  }

	  static drained(ws) {
	    if (ws.destroyed) return Promise.resolve(false)

	    const state = ws._writableState;
	    const pending = isWritev(ws) ? Math.min(1, state.queue.length) : state.queue.length;
	    const writes = pending + (ws._duplexState & WRITE_WRITING ? 1 : 0);
	    if (writes === 0) return Promise.resolve(true)

	    if (state.drains === null) state.drains = [];
	    return new Promise((resolve) => {
	      state.drains.push({ writes, resolve });
	    })
	  }

	  write(data) {
	    this._writableState.updateNextTick();
	    return this._writableState.push(data)
	  }

	  end(data) {
	    this._writableState.updateNextTick();
	    this._writableState.end(data);
	    return this
	  }
	}

	class Duplex extends Readable {
	  // and Writable
	  constructor(opts) {
	    super(opts);

	    this._duplexState = OPENING | (this._duplexState & READ_READ_AHEAD);
	    this._writableState = new WritableState(this, opts);

	    if (opts) {
	      if (opts.writev) this._writev = opts.writev;
	      if (opts.write) this._write = opts.write;
	      if (opts.final) this._final = opts.final;
	    }
	  }

	  cork() {
	    this._duplexState |= WRITE_CORKED;
	  }

	  uncork() {
	    this._duplexState &= WRITE_NOT_CORKED;
	    this._writableState.updateNextTick();
	  }

	  _writev(batch, cb) {
	    cb(null);
	  }

	  _write(data, cb) {
	    this._writableState.autoBatch(data, cb);
	  }

	  _final(cb) {
	    cb(null);
	  }

	  write(data) {
	    this._writableState.updateNextTick();
	    return this._writableState.push(data)
	  }

	  end(data) {
	    this._writableState.updateNextTick();
	    this._writableState.end(data);
	    return this
	  }
	}

	class Transform extends Duplex {
	  constructor(opts) {
	    super(opts);
	    this._transformState = new TransformState(this);

	    if (opts) {
	      if (opts.transform) this._transform = opts.transform;
	      if (opts.flush) this._flush = opts.flush;
	    }
	  }

	  _write(data, cb) {
	    if (this._readableState.buffered >= this._readableState.highWaterMark) {
	      this._transformState.data = data;
	    } else {
	      this._transform(data, this._transformState.afterTransform);
	    }
	  }

	  _read(cb) {
	    if (this._transformState.data !== null) {
	      const data = this._transformState.data;
	      this._transformState.data = null;
	      cb(null);
	      this._transform(data, this._transformState.afterTransform);
	    } else {
	      cb(null);
	    }
	  }

	  destroy(err) {
	    super.destroy(err);
	    if (this._transformState.data !== null) {
	      this._transformState.data = null;
	      this._transformState.afterTransform();
	    }
	  }

	  _transform(data, cb) {
	    cb(null, data);
	  }

	  _flush(cb) {
	    cb(null);
	  }

	  _final(cb) {
	    this._transformState.afterFinal = cb;
	    this._flush(transformAfterFlush.bind(this));
	  }
	}

	class PassThrough extends Transform {}

	function transformAfterFlush(err, data) {
	  const cb = this._transformState.afterFinal;
	  if (err) return cb(err)

	  if (data !== null && data !== undefined) this.push(data);
	  this.push(null);
	  cb(null);
	}

	function pipelinePromise(...streams) {
	  return new Promise((resolve, reject) => {
	    return pipeline(...streams, (err) => {
	      if (err) return reject(err)
	      resolve();
	    })
	  })
	}

	function pipeline(stream, ...streams) {
	  const all = Array.isArray(stream) ? [...stream, ...streams] : [stream, ...streams];
	  const done = all.length && typeof all[all.length - 1] === 'function' ? all.pop() : null;

	  if (all.length < 2) throw StreamError.BAD_ARGUMENT('Pipeline requires at least 2 streams')

	  let src = all[0];
	  let dest = null;
	  let error = null;

	  for (let i = 1; i < all.length; i++) {
	    dest = all[i];

	    if (isStreamx(src)) {
	      src.pipe(dest, onerror);
	    } else {
	      errorHandle(src, true, i > 1, onerror);
	      src.pipe(dest);
	    }

	    src = dest;
	  }

	  if (done) {
	    let fin = false;

	    const autoDestroy =
	      isStreamx(dest) || !!(dest._writableState && dest._writableState.autoDestroy);

	    dest.on('error', (err) => {
	      if (error === null) error = err;
	    });

	    dest.on('finish', () => {
	      fin = true;
	      if (!autoDestroy) done(error);
	    });

	    if (autoDestroy) {
	      dest.on('close', () => done(error || (fin ? null : StreamError.PREMATURE_CLOSE())));
	    }
	  }

	  return dest

	  function errorHandle(s, rd, wr, onerror) {
	    s.on('error', onerror);
	    s.on('close', onclose);

	    function onclose() {
	      if (s._readableState && !s._readableState.ended) {
	        return onerror(StreamError.PREMATURE_CLOSE())
	      }
	      if (wr && s._writableState && !s._writableState.ended) {
	        return onerror(StreamError.PREMATURE_CLOSE())
	      }
	    }
	  }

	  function onerror(err) {
	    if (!err || error) return
	    error = err;

	    for (const s of all) {
	      s.destroy(err);
	    }
	  }
	}

	function echo(s) {
	  return s
	}

	function isStream(stream) {
	  return !!stream._readableState || !!stream._writableState
	}

	function isStreamx(stream) {
	  return typeof stream._duplexState === 'number' && isStream(stream)
	}

	function isEnding(stream) {
	  return !!stream._readableState && stream._readableState.ending
	}

	function isEnded(stream) {
	  return !!stream._readableState && stream._readableState.ended
	}

	function isFinishing(stream) {
	  return !!stream._writableState && stream._writableState.ending
	}

	function isFinished(stream) {
	  return !!stream._writableState && stream._writableState.ended
	}

	function getStreamError(stream, opts = {}) {
	  const err =
	    (stream._readableState && stream._readableState.error) ||
	    (stream._writableState && stream._writableState.error);

	  // avoid implicit errors by default
	  return !opts.all && StreamError.isStreamDestroyed(err) ? null : err
	}

	function isReadStreamx(stream) {
	  return isStreamx(stream) && stream.readable
	}

	function isDisturbed(stream) {
	  return (
	    (stream._duplexState & OPENING) !== OPENING ||
	    (stream._duplexState & DESTROYING) === DESTROYING ||
	    (stream._duplexState & ACTIVE_OR_TICKING) !== 0
	  )
	}

	function isTypedArray(data) {
	  return typeof data === 'object' && data !== null && typeof data.byteLength === 'number'
	}

	function defaultByteLength(data) {
	  return isTypedArray(data) ? data.byteLength : 1024
	}

	function noop() {}

	function abort() {
	  this.destroy(StreamError.ABORTED());
	}

	function isWritev(s) {
	  return s._writev !== Writable.prototype._writev && s._writev !== Duplex.prototype._writev
	}

	streamx = {
	  pipeline,
	  pipelinePromise,
	  isStream,
	  isStreamx,
	  isEnding,
	  isEnded,
	  isFinishing,
	  isFinished,
	  isDisturbed,
	  getStreamError,
	  Stream,
	  Writable,
	  Readable,
	  Duplex,
	  Transform,
	  // Export PassThrough for compatibility with Node.js core's stream module
	  PassThrough
	};
	return streamx;
}

var headers = {};

var hasRequiredHeaders;

function requireHeaders () {
	if (hasRequiredHeaders) return headers;
	hasRequiredHeaders = 1;
	const b4a = requireB4a();

	const ZEROS = '0000000000000000000';
	const SEVENS = '7777777777777777777';
	const ZERO_OFFSET = '0'.charCodeAt(0);
	const USTAR_MAGIC = b4a.from([0x75, 0x73, 0x74, 0x61, 0x72, 0x00]); // ustar\x00
	const USTAR_VER = b4a.from([ZERO_OFFSET, ZERO_OFFSET]);
	const GNU_MAGIC = b4a.from([0x75, 0x73, 0x74, 0x61, 0x72, 0x20]); // ustar\x20
	const GNU_VER = b4a.from([0x20, 0x00]);
	const MASK = 0o7777;
	const MAGIC_OFFSET = 257;
	const VERSION_OFFSET = 263;

	headers.decodeLongPath = function decodeLongPath (buf, encoding) {
	  return decodeStr(buf, 0, buf.length, encoding)
	};

	headers.encodePax = function encodePax (opts) { // TODO: encode more stuff in pax
	  let result = '';
	  if (opts.name) result += addLength(' path=' + opts.name + '\n');
	  if (opts.linkname) result += addLength(' linkpath=' + opts.linkname + '\n');
	  const pax = opts.pax;
	  if (pax) {
	    for (const key in pax) {
	      result += addLength(' ' + key + '=' + pax[key] + '\n');
	    }
	  }
	  return b4a.from(result)
	};

	headers.decodePax = function decodePax (buf) {
	  const result = {};

	  while (buf.length) {
	    let i = 0;
	    while (i < buf.length && buf[i] !== 32) i++;
	    const len = parseInt(b4a.toString(buf.subarray(0, i)), 10);
	    if (!len) return result

	    const b = b4a.toString(buf.subarray(i + 1, len - 1));
	    const keyIndex = b.indexOf('=');
	    if (keyIndex === -1) return result
	    result[b.slice(0, keyIndex)] = b.slice(keyIndex + 1);

	    buf = buf.subarray(len);
	  }

	  return result
	};

	headers.encode = function encode (opts) {
	  const buf = b4a.alloc(512);
	  let name = opts.name;
	  let prefix = '';

	  if (opts.typeflag === 5 && name[name.length - 1] !== '/') name += '/';
	  if (b4a.byteLength(name) !== name.length) return null // utf-8

	  while (b4a.byteLength(name) > 100) {
	    const i = name.indexOf('/');
	    if (i === -1) return null
	    prefix += prefix ? '/' + name.slice(0, i) : name.slice(0, i);
	    name = name.slice(i + 1);
	  }

	  if (b4a.byteLength(name) > 100 || b4a.byteLength(prefix) > 155) return null
	  if (opts.linkname && b4a.byteLength(opts.linkname) > 100) return null

	  b4a.write(buf, name);
	  b4a.write(buf, encodeOct(opts.mode & MASK, 6), 100);
	  b4a.write(buf, encodeOct(opts.uid, 6), 108);
	  b4a.write(buf, encodeOct(opts.gid, 6), 116);
	  encodeSize(opts.size, buf, 124);
	  b4a.write(buf, encodeOct((opts.mtime.getTime() / 1000) | 0, 11), 136);

	  buf[156] = ZERO_OFFSET + toTypeflag(opts.type);

	  if (opts.linkname) b4a.write(buf, opts.linkname, 157);

	  b4a.copy(USTAR_MAGIC, buf, MAGIC_OFFSET);
	  b4a.copy(USTAR_VER, buf, VERSION_OFFSET);
	  if (opts.uname) b4a.write(buf, opts.uname, 265);
	  if (opts.gname) b4a.write(buf, opts.gname, 297);
	  b4a.write(buf, encodeOct(opts.devmajor || 0, 6), 329);
	  b4a.write(buf, encodeOct(opts.devminor || 0, 6), 337);

	  if (prefix) b4a.write(buf, prefix, 345);

	  b4a.write(buf, encodeOct(cksum(buf), 6), 148);

	  return buf
	};

	headers.decode = function decode (buf, filenameEncoding, allowUnknownFormat) {
	  let typeflag = buf[156] === 0 ? 0 : buf[156] - ZERO_OFFSET;

	  let name = decodeStr(buf, 0, 100, filenameEncoding);
	  const mode = decodeOct(buf, 100, 8);
	  const uid = decodeOct(buf, 108, 8);
	  const gid = decodeOct(buf, 116, 8);
	  const size = decodeOct(buf, 124, 12);
	  const mtime = decodeOct(buf, 136, 12);
	  const type = toType(typeflag);
	  const linkname = buf[157] === 0 ? null : decodeStr(buf, 157, 100, filenameEncoding);
	  const uname = decodeStr(buf, 265, 32);
	  const gname = decodeStr(buf, 297, 32);
	  const devmajor = decodeOct(buf, 329, 8);
	  const devminor = decodeOct(buf, 337, 8);

	  const c = cksum(buf);

	  // checksum is still initial value if header was null.
	  if (c === 8 * 32) return null

	  // valid checksum
	  if (c !== decodeOct(buf, 148, 8)) throw new Error('Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?')

	  if (isUSTAR(buf)) {
	    // ustar (posix) format.
	    // prepend prefix, if present.
	    if (buf[345]) name = decodeStr(buf, 345, 155, filenameEncoding) + '/' + name;
	  } else if (isGNU(buf)) ; else {
	    if (!allowUnknownFormat) {
	      throw new Error('Invalid tar header: unknown format.')
	    }
	  }

	  // to support old tar versions that use trailing / to indicate dirs
	  if (typeflag === 0 && name && name[name.length - 1] === '/') typeflag = 5;

	  return {
	    name,
	    mode,
	    uid,
	    gid,
	    size,
	    byteOffset: 0,
	    mtime: new Date(1000 * mtime),
	    type,
	    linkname,
	    uname,
	    gname,
	    devmajor,
	    devminor,
	    pax: null
	  }
	};

	function isUSTAR (buf) {
	  return b4a.equals(USTAR_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6))
	}

	function isGNU (buf) {
	  return b4a.equals(GNU_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6)) &&
	    b4a.equals(GNU_VER, buf.subarray(VERSION_OFFSET, VERSION_OFFSET + 2))
	}

	function clamp (index, len, defaultValue) {
	  if (typeof index !== 'number') return defaultValue
	  index = ~~index; // Coerce to integer.
	  if (index >= len) return len
	  if (index >= 0) return index
	  index += len;
	  if (index >= 0) return index
	  return 0
	}

	function toType (flag) {
	  switch (flag) {
	    case 0:
	      return 'file'
	    case 1:
	      return 'link'
	    case 2:
	      return 'symlink'
	    case 3:
	      return 'character-device'
	    case 4:
	      return 'block-device'
	    case 5:
	      return 'directory'
	    case 6:
	      return 'fifo'
	    case 7:
	      return 'contiguous-file'
	    case 72:
	      return 'pax-header'
	    case 55:
	      return 'pax-global-header'
	    case 27:
	      return 'gnu-long-link-path'
	    case 28:
	    case 30:
	      return 'gnu-long-path'
	  }

	  return null
	}

	function toTypeflag (flag) {
	  switch (flag) {
	    case 'file':
	      return 0
	    case 'link':
	      return 1
	    case 'symlink':
	      return 2
	    case 'character-device':
	      return 3
	    case 'block-device':
	      return 4
	    case 'directory':
	      return 5
	    case 'fifo':
	      return 6
	    case 'contiguous-file':
	      return 7
	    case 'pax-header':
	      return 72
	  }

	  return 0
	}

	function indexOf (block, num, offset, end) {
	  for (; offset < end; offset++) {
	    if (block[offset] === num) return offset
	  }
	  return end
	}

	function cksum (block) {
	  let sum = 8 * 32;
	  for (let i = 0; i < 148; i++) sum += block[i];
	  for (let j = 156; j < 512; j++) sum += block[j];
	  return sum
	}

	function encodeOct (val, n) {
	  val = val.toString(8);
	  if (val.length > n) return SEVENS.slice(0, n) + ' '
	  return ZEROS.slice(0, n - val.length) + val + ' '
	}

	function encodeSizeBin (num, buf, off) {
	  buf[off] = 0x80;
	  for (let i = 11; i > 0; i--) {
	    buf[off + i] = num & 0xff;
	    num = Math.floor(num / 0x100);
	  }
	}

	function encodeSize (num, buf, off) {
	  if (num.toString(8).length > 11) {
	    encodeSizeBin(num, buf, off);
	  } else {
	    b4a.write(buf, encodeOct(num, 11), off);
	  }
	}

	/* Copied from the node-tar repo and modified to meet
	 * tar-stream coding standard.
	 *
	 * Source: https://github.com/npm/node-tar/blob/51b6627a1f357d2eb433e7378e5f05e83b7aa6cd/lib/header.js#L349
	 */
	function parse256 (buf) {
	  // first byte MUST be either 80 or FF
	  // 80 for positive, FF for 2's comp
	  let positive;
	  if (buf[0] === 0x80) positive = true;
	  else if (buf[0] === 0xFF) positive = false;
	  else return null

	  // build up a base-256 tuple from the least sig to the highest
	  const tuple = [];
	  let i;
	  for (i = buf.length - 1; i > 0; i--) {
	    const byte = buf[i];
	    if (positive) tuple.push(byte);
	    else tuple.push(0xFF - byte);
	  }

	  let sum = 0;
	  const l = tuple.length;
	  for (i = 0; i < l; i++) {
	    sum += tuple[i] * Math.pow(256, i);
	  }

	  return positive ? sum : -1 * sum
	}

	function decodeOct (val, offset, length) {
	  val = val.subarray(offset, offset + length);
	  offset = 0;

	  // If prefixed with 0x80 then parse as a base-256 integer
	  if (val[offset] & 0x80) {
	    return parse256(val)
	  } else {
	    // Older versions of tar can prefix with spaces
	    while (offset < val.length && val[offset] === 32) offset++;
	    const end = clamp(indexOf(val, 32, offset, val.length), val.length, val.length);
	    while (offset < end && val[offset] === 0) offset++;
	    if (end === offset) return 0
	    return parseInt(b4a.toString(val.subarray(offset, end)), 8)
	  }
	}

	function decodeStr (val, offset, length, encoding) {
	  return b4a.toString(val.subarray(offset, indexOf(val, 0, offset, offset + length)), encoding)
	}

	function addLength (str) {
	  const len = b4a.byteLength(str);
	  let digits = Math.floor(Math.log(len) / Math.log(10)) + 1;
	  if (len + digits >= Math.pow(10, digits)) digits++;

	  return (len + digits) + str
	}
	return headers;
}

var extract;
var hasRequiredExtract;

function requireExtract () {
	if (hasRequiredExtract) return extract;
	hasRequiredExtract = 1;
	const { Writable, Readable, getStreamError } = requireStreamx();
	const FIFO = requireFastFifo();
	const b4a = requireB4a();
	const headers = requireHeaders();

	const EMPTY = b4a.alloc(0);
	const MAX_HEADER_SIZE = 4 * 1024 * 1024; // arbitrary big number

	class BufferList {
	  constructor () {
	    this.buffered = 0;
	    this.shifted = 0;
	    this.queue = new FIFO();

	    this._offset = 0;
	  }

	  push (buffer) {
	    this.buffered += buffer.byteLength;
	    this.queue.push(buffer);
	  }

	  shiftFirst (size) {
	    return this.buffered === 0 ? null : this._next(size)
	  }

	  shift (size) {
	    if (size > this.buffered) return null
	    if (size === 0) return EMPTY

	    let chunk = this._next(size);

	    if (size === chunk.byteLength) return chunk // likely case

	    const chunks = [chunk];

	    while ((size -= chunk.byteLength) > 0) {
	      chunk = this._next(size);
	      chunks.push(chunk);
	    }

	    return b4a.concat(chunks)
	  }

	  _next (size) {
	    const buf = this.queue.peek();
	    const rem = buf.byteLength - this._offset;

	    if (size >= rem) {
	      const sub = this._offset ? buf.subarray(this._offset, buf.byteLength) : buf;
	      this.queue.shift();
	      this._offset = 0;
	      this.buffered -= rem;
	      this.shifted += rem;
	      return sub
	    }

	    this.buffered -= size;
	    this.shifted += size;

	    return buf.subarray(this._offset, (this._offset += size))
	  }
	}

	class Source extends Readable {
	  constructor (self, header, offset) {
	    super();

	    this.header = header;
	    this.offset = offset;

	    this._parent = self;
	  }

	  _read (cb) {
	    if (this.header.size === 0) {
	      this.push(null);
	    }
	    if (this._parent._stream === this) {
	      this._parent._update();
	    }
	    cb(null);
	  }

	  _predestroy () {
	    this._parent.destroy(getStreamError(this));
	  }

	  _detach () {
	    if (this._parent._stream === this) {
	      this._parent._stream = null;
	      this._parent._missing = overflow(this.header.size);
	      this._parent._update();
	    }
	  }

	  _destroy (cb) {
	    this._detach();
	    cb(null);
	  }
	}

	class Extract extends Writable {
	  constructor (opts) {
	    super(opts);

	    if (!opts) opts = {};

	    this._buffer = new BufferList();
	    this._offset = 0;
	    this._header = null;
	    this._stream = null;
	    this._missing = 0;
	    this._longHeader = false;
	    this._callback = noop;
	    this._locked = false;
	    this._finished = false;
	    this._pax = null;
	    this._paxGlobal = null;
	    this._gnuLongPath = null;
	    this._gnuLongLinkPath = null;
	    this._filenameEncoding = opts.filenameEncoding || 'utf-8';
	    this._allowUnknownFormat = !!opts.allowUnknownFormat;
	    this._unlockBound = this._unlock.bind(this);
	  }

	  _unlock (err) {
	    this._locked = false;

	    if (err) {
	      this.destroy(err);
	      this._continueWrite(err);
	      return
	    }

	    this._update();
	  }

	  _consumeHeader () {
	    if (this._locked) return false

	    this._offset = this._buffer.shifted;

	    try {
	      this._header = headers.decode(this._buffer.shift(512), this._filenameEncoding, this._allowUnknownFormat);
	    } catch (err) {
	      this._continueWrite(err);
	      return false
	    }

	    if (!this._header) return true

	    this._header.byteOffset = this._buffer.shifted;

	    switch (this._header.type) {
	      case 'gnu-long-path':
	      case 'gnu-long-link-path':
	      case 'pax-global-header':
	      case 'pax-header':
	        this._longHeader = true;
	        this._missing = this._header.size;
	        if (this._missing > MAX_HEADER_SIZE) {
	          this._continueWrite(new Error('Header exceeds max size'));
	          return false
	        }
	        return true
	    }

	    this._locked = true;
	    this._applyLongHeaders();

	    if (!(this._header.size >= 0)) {
	      this._continueWrite(new Error('Invalid header'));
	      return false
	    }

	    if (this._header.size === 0 || this._header.type === 'directory') {
	      this.emit('entry', this._header, this._createStream(), this._unlockBound);
	      return true
	    }

	    this._stream = this._createStream();
	    this._missing = this._header.size;

	    this.emit('entry', this._header, this._stream, this._unlockBound);
	    return true
	  }

	  _applyLongHeaders () {
	    if (this._gnuLongPath) {
	      this._header.name = this._gnuLongPath;
	      this._gnuLongPath = null;
	    }

	    if (this._gnuLongLinkPath) {
	      this._header.linkname = this._gnuLongLinkPath;
	      this._gnuLongLinkPath = null;
	    }

	    if (this._pax) {
	      if (this._pax.path) this._header.name = this._pax.path;
	      if (this._pax.linkpath) this._header.linkname = this._pax.linkpath;
	      if (this._pax.size) this._header.size = parseInt(this._pax.size, 10);
	      this._header.pax = this._pax;
	      this._pax = null;
	    }
	  }

	  _decodeLongHeader (buf) {
	    switch (this._header.type) {
	      case 'gnu-long-path':
	        this._gnuLongPath = headers.decodeLongPath(buf, this._filenameEncoding);
	        break
	      case 'gnu-long-link-path':
	        this._gnuLongLinkPath = headers.decodeLongPath(buf, this._filenameEncoding);
	        break
	      case 'pax-global-header':
	        this._paxGlobal = headers.decodePax(buf);
	        break
	      case 'pax-header':
	        this._pax = this._paxGlobal === null
	          ? headers.decodePax(buf)
	          : Object.assign({}, this._paxGlobal, headers.decodePax(buf));
	        break
	    }
	  }

	  _consumeLongHeader () {
	    this._longHeader = false;
	    this._missing = overflow(this._header.size);

	    const buf = this._buffer.shift(this._header.size);

	    try {
	      this._decodeLongHeader(buf);
	    } catch (err) {
	      this._continueWrite(err);
	      return false
	    }

	    return true
	  }

	  _consumeStream () {
	    const buf = this._buffer.shiftFirst(this._missing);
	    if (buf === null) return false

	    this._missing -= buf.byteLength;
	    const drained = this._stream.push(buf);

	    if (this._missing === 0) {
	      this._stream.push(null);
	      if (drained) this._stream._detach();
	      return drained && this._locked === false
	    }

	    return drained
	  }

	  _createStream () {
	    return new Source(this, this._header, this._offset)
	  }

	  _update () {
	    while (this._buffer.buffered > 0 && !this.destroying) {
	      if (this._missing > 0) {
	        if (this._stream !== null) {
	          if (this._consumeStream() === false) return
	          continue
	        }

	        if (this._longHeader === true) {
	          if (this._missing > this._buffer.buffered) break
	          if (this._consumeLongHeader() === false) return false
	          continue
	        }

	        const ignore = this._buffer.shiftFirst(this._missing);
	        if (ignore !== null) this._missing -= ignore.byteLength;
	        continue
	      }

	      if (this._buffer.buffered < 512) break
	      if (this._stream !== null || this._consumeHeader() === false) return
	    }

	    this._continueWrite(null);
	  }

	  _continueWrite (err) {
	    const cb = this._callback;
	    this._callback = noop;
	    cb(err);
	  }

	  _write (data, cb) {
	    this._callback = cb;
	    this._buffer.push(data);
	    this._update();
	  }

	  _final (cb) {
	    this._finished = this._missing === 0 && this._buffer.buffered === 0;
	    cb(this._finished ? null : new Error('Unexpected end of data'));
	  }

	  _predestroy () {
	    this._continueWrite(null);
	  }

	  _destroy (cb) {
	    if (this._stream) this._stream.destroy(getStreamError(this));
	    cb(null);
	  }

	  [Symbol.asyncIterator] () {
	    let error = null;

	    let promiseResolve = null;
	    let promiseReject = null;

	    let entryStream = null;
	    let entryCallback = null;

	    const extract = this;

	    this.on('entry', onentry);
	    this.on('error', (err) => { error = err; });
	    this.on('close', onclose);

	    return {
	      [Symbol.asyncIterator] () {
	        return this
	      },
	      next () {
	        return new Promise(onnext)
	      },
	      return () {
	        return destroy(null)
	      },
	      throw (err) {
	        return destroy(err)
	      }
	    }

	    function consumeCallback (err) {
	      if (!entryCallback) return
	      const cb = entryCallback;
	      entryCallback = null;
	      cb(err);
	    }

	    function onnext (resolve, reject) {
	      if (error) {
	        return reject(error)
	      }

	      if (entryStream) {
	        resolve({ value: entryStream, done: false });
	        entryStream = null;
	        return
	      }

	      promiseResolve = resolve;
	      promiseReject = reject;

	      consumeCallback(null);

	      if (extract._finished && promiseResolve) {
	        promiseResolve({ value: undefined, done: true });
	        promiseResolve = promiseReject = null;
	      }
	    }

	    function onentry (header, stream, callback) {
	      entryCallback = callback;
	      stream.on('error', noop); // no way around this due to tick sillyness

	      if (promiseResolve) {
	        promiseResolve({ value: stream, done: false });
	        promiseResolve = promiseReject = null;
	      } else {
	        entryStream = stream;
	      }
	    }

	    function onclose () {
	      consumeCallback(error);
	      if (!promiseResolve) return
	      if (error) promiseReject(error);
	      else promiseResolve({ value: undefined, done: true });
	      promiseResolve = promiseReject = null;
	    }

	    function destroy (err) {
	      extract.destroy(err);
	      consumeCallback(err);
	      return new Promise((resolve, reject) => {
	        if (extract.destroyed) return resolve({ value: undefined, done: true })
	        extract.once('close', function () {
	          if (err) reject(err);
	          else resolve({ value: undefined, done: true });
	        });
	      })
	    }
	  }
	}

	extract = function extract (opts) {
	  return new Extract(opts)
	};

	function noop () {}

	function overflow (size) {
	  size &= 511;
	  return size && 512 - size
	}
	return extract;
}

var constants = {exports: {}};

var hasRequiredConstants;

function requireConstants () {
	if (hasRequiredConstants) return constants.exports;
	hasRequiredConstants = 1;
	const constants$1 = { // just for envs without fs
	  S_IFMT: 61440,
	  S_IFDIR: 16384,
	  S_IFCHR: 8192,
	  S_IFBLK: 24576,
	  S_IFIFO: 4096,
	  S_IFLNK: 40960
	};

	try {
	  constants.exports = require('fs').constants || constants$1;
	} catch {
	  constants.exports = constants$1;
	}
	return constants.exports;
}

var pack;
var hasRequiredPack;

function requirePack () {
	if (hasRequiredPack) return pack;
	hasRequiredPack = 1;
	const { Readable, Writable, getStreamError } = requireStreamx();
	const b4a = requireB4a();

	const constants = requireConstants();
	const headers = requireHeaders();

	const DMODE = 0o755;
	const FMODE = 0o644;

	const END_OF_TAR = b4a.alloc(1024);

	class Sink extends Writable {
	  constructor (pack, header, callback) {
	    super({ mapWritable, eagerOpen: true });

	    this.written = 0;
	    this.header = header;

	    this._callback = callback;
	    this._linkname = null;
	    this._isLinkname = header.type === 'symlink' && !header.linkname;
	    this._isVoid = header.type !== 'file' && header.type !== 'contiguous-file';
	    this._finished = false;
	    this._pack = pack;
	    this._openCallback = null;

	    if (this._pack._stream === null) this._pack._stream = this;
	    else this._pack._pending.push(this);
	  }

	  _open (cb) {
	    this._openCallback = cb;
	    if (this._pack._stream === this) this._continueOpen();
	  }

	  _continuePack (err) {
	    if (this._callback === null) return

	    const callback = this._callback;
	    this._callback = null;

	    callback(err);
	  }

	  _continueOpen () {
	    if (this._pack._stream === null) this._pack._stream = this;

	    const cb = this._openCallback;
	    this._openCallback = null;
	    if (cb === null) return

	    if (this._pack.destroying) return cb(new Error('pack stream destroyed'))
	    if (this._pack._finalized) return cb(new Error('pack stream is already finalized'))

	    this._pack._stream = this;

	    if (!this._isLinkname) {
	      this._pack._encode(this.header);
	    }

	    if (this._isVoid) {
	      this._finish();
	      this._continuePack(null);
	    }

	    cb(null);
	  }

	  _write (data, cb) {
	    if (this._isLinkname) {
	      this._linkname = this._linkname ? b4a.concat([this._linkname, data]) : data;
	      return cb(null)
	    }

	    if (this._isVoid) {
	      if (data.byteLength > 0) {
	        return cb(new Error('No body allowed for this entry'))
	      }
	      return cb()
	    }

	    this.written += data.byteLength;
	    if (this._pack.push(data)) return cb()
	    this._pack._drain = cb;
	  }

	  _finish () {
	    if (this._finished) return
	    this._finished = true;

	    if (this._isLinkname) {
	      this.header.linkname = this._linkname ? b4a.toString(this._linkname, 'utf-8') : '';
	      this._pack._encode(this.header);
	    }

	    overflow(this._pack, this.header.size);

	    this._pack._done(this);
	  }

	  _final (cb) {
	    if (this.written !== this.header.size) { // corrupting tar
	      return cb(new Error('Size mismatch'))
	    }

	    this._finish();
	    cb(null);
	  }

	  _getError () {
	    return getStreamError(this) || new Error('tar entry destroyed')
	  }

	  _predestroy () {
	    this._pack.destroy(this._getError());
	  }

	  _destroy (cb) {
	    this._pack._done(this);

	    this._continuePack(this._finished ? null : this._getError());

	    cb();
	  }
	}

	class Pack extends Readable {
	  constructor (opts) {
	    super(opts);
	    this._drain = noop;
	    this._finalized = false;
	    this._finalizing = false;
	    this._pending = [];
	    this._stream = null;
	  }

	  entry (header, buffer, callback) {
	    if (this._finalized || this.destroying) throw new Error('already finalized or destroyed')

	    if (typeof buffer === 'function') {
	      callback = buffer;
	      buffer = null;
	    }

	    if (!callback) callback = noop;

	    if (!header.size || header.type === 'symlink') header.size = 0;
	    if (!header.type) header.type = modeToType(header.mode);
	    if (!header.mode) header.mode = header.type === 'directory' ? DMODE : FMODE;
	    if (!header.uid) header.uid = 0;
	    if (!header.gid) header.gid = 0;
	    if (!header.mtime) header.mtime = new Date();

	    if (typeof buffer === 'string') buffer = b4a.from(buffer);

	    const sink = new Sink(this, header, callback);

	    if (b4a.isBuffer(buffer)) {
	      header.size = buffer.byteLength;
	      sink.write(buffer);
	      sink.end();
	      return sink
	    }

	    if (sink._isVoid) {
	      return sink
	    }

	    return sink
	  }

	  finalize () {
	    if (this._stream || this._pending.length > 0) {
	      this._finalizing = true;
	      return
	    }

	    if (this._finalized) return
	    this._finalized = true;

	    this.push(END_OF_TAR);
	    this.push(null);
	  }

	  _done (stream) {
	    if (stream !== this._stream) return

	    this._stream = null;

	    if (this._finalizing) this.finalize();
	    if (this._pending.length) this._pending.shift()._continueOpen();
	  }

	  _encode (header) {
	    if (!header.pax) {
	      const buf = headers.encode(header);
	      if (buf) {
	        this.push(buf);
	        return
	      }
	    }
	    this._encodePax(header);
	  }

	  _encodePax (header) {
	    const paxHeader = headers.encodePax({
	      name: header.name,
	      linkname: header.linkname,
	      pax: header.pax
	    });

	    const newHeader = {
	      name: 'PaxHeader',
	      mode: header.mode,
	      uid: header.uid,
	      gid: header.gid,
	      size: paxHeader.byteLength,
	      mtime: header.mtime,
	      type: 'pax-header',
	      linkname: header.linkname && 'PaxHeader',
	      uname: header.uname,
	      gname: header.gname,
	      devmajor: header.devmajor,
	      devminor: header.devminor
	    };

	    this.push(headers.encode(newHeader));
	    this.push(paxHeader);
	    overflow(this, paxHeader.byteLength);

	    newHeader.size = header.size;
	    newHeader.type = header.type;
	    this.push(headers.encode(newHeader));
	  }

	  _doDrain () {
	    const drain = this._drain;
	    this._drain = noop;
	    drain();
	  }

	  _predestroy () {
	    const err = getStreamError(this);

	    if (this._stream) this._stream.destroy(err);

	    while (this._pending.length) {
	      const stream = this._pending.shift();
	      stream.destroy(err);
	      stream._continueOpen();
	    }

	    this._doDrain();
	  }

	  _read (cb) {
	    this._doDrain();
	    cb();
	  }
	}

	pack = function pack (opts) {
	  return new Pack(opts)
	};

	function modeToType (mode) {
	  switch (mode & constants.S_IFMT) {
	    case constants.S_IFBLK: return 'block-device'
	    case constants.S_IFCHR: return 'character-device'
	    case constants.S_IFDIR: return 'directory'
	    case constants.S_IFIFO: return 'fifo'
	    case constants.S_IFLNK: return 'symlink'
	  }

	  return 'file'
	}

	function noop () {}

	function overflow (self, size) {
	  size &= 511;
	  if (size) self.push(END_OF_TAR.subarray(0, 512 - size));
	}

	function mapWritable (buf) {
	  return b4a.isBuffer(buf) ? buf : b4a.from(buf)
	}
	return pack;
}

var hasRequiredTarStream;

function requireTarStream () {
	if (hasRequiredTarStream) return tarStream;
	hasRequiredTarStream = 1;
	tarStream.extract = requireExtract();
	tarStream.pack = requirePack();
	return tarStream;
}

var tarStreamExports = requireTarStream();
var tar = /*@__PURE__*/getDefaultExportFromCjs(tarStreamExports);

const MAGIC = '!<arch>\n';
const HEADER = 60;
class ArReader {
    keep;
    maxKeep;
    pending = Buffer.alloc(0);
    magicSeen = false;
    current;
    padding = 0;
    members = [];
    constructor(keep, maxKeep = 64 * 1024 * 1024) {
        this.keep = keep;
        this.maxKeep = maxKeep;
    }
    push(chunk) {
        let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
        this.pending = Buffer.alloc(0);
        for (;;) {
            if (!this.magicSeen) {
                if (buf.length < MAGIC.length)
                    break;
                if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) {
                    throw new Error('not an ar archive (a .deb starts with "!<arch>")');
                }
                this.magicSeen = true;
                buf = buf.subarray(MAGIC.length);
            }
            if (this.padding > 0) {
                if (buf.length === 0)
                    break;
                buf = buf.subarray(1);
                this.padding = 0;
            }
            if (this.current) {
                const take = Math.min(this.current.left, buf.length);
                if (this.current.keep)
                    this.current.keep.push(Buffer.from(buf.subarray(0, take)));
                this.current.left -= take;
                buf = buf.subarray(take);
                if (this.current.left > 0)
                    break;
                const { name, size, keep } = this.current;
                this.members.push({ name, size, data: keep ? Buffer.concat(keep) : undefined });
                this.current = undefined;
                this.padding = size % 2;
                continue;
            }
            if (buf.length < HEADER)
                break;
            const header = buf.subarray(0, HEADER);
            if (header.toString('latin1', 58, 60) !== '`\n') {
                throw new Error(`corrupt ar member header after ${this.members.length} member(s)`);
            }
            const name = header.toString('latin1', 0, 16).trim().replace(/\/$/, '');
            const sizeText = header.toString('latin1', 48, 58).trim();
            if (!/^\d+$/.test(sizeText))
                throw new Error(`ar member ${name}: invalid size ${JSON.stringify(sizeText)}`);
            const size = Number(sizeText);
            const keep = this.keep(name);
            if (keep && size > this.maxKeep)
                throw new Error(`ar member ${name} is too large (${size} bytes)`);
            this.current = { name, size, left: size, keep: keep ? [] : undefined };
            buf = buf.subarray(HEADER);
        }
        if (buf.length)
            this.pending = Buffer.from(buf);
    }
    /** Call at the end of input: a member cut short means a truncated file. */
    end() {
        if (!this.magicSeen)
            throw new Error('empty or truncated file (no ar header)');
        if (this.current) {
            throw new Error(`truncated: member ${this.current.name} declares ${this.current.size} bytes, ${this.current.left} missing`);
        }
        if (this.pending.length) {
            throw new Error(`truncated: the file ends inside a member header (${this.pending.length} of 60 bytes)`);
        }
        return this.members;
    }
}

/**
 * The fields of a .deb's control file that end up in the Packages index and in file paths,
 * checked as dpkg checks them (Debian Policy 5.6.7 Package, 5.6.8 Architecture, 5.6.12 Version).
 * A value that breaks the index's syntax (a second Package field, a continuation line) would be
 * indexed under one name and installed by apt under another; one holding `/` or `..` could lead
 * outside the pool. Each problem names the field and says what it accepts.
 */
/** Fields that must appear once and hold one line. */
const SINGLE = ['Package', 'Version', 'Architecture'];
/** Policy 5.6.7: lower-case letters, digits, `+`, `-`, `.`; two characters at least; alphanumeric first. */
const PACKAGE = /^[a-z0-9][a-z0-9+.-]+$/;
/** Policy 5.6.12: [epoch:]upstream[-revision], upstream starting with a digit. */
const VERSION = /^(?:(\d+):)?(\d[A-Za-z0-9.+~:-]*?)(?:-([A-Za-z0-9.+~]+))?$/;
const ARCHITECTURE = /^[a-z0-9][a-z0-9-]*$/;
/** Returns the problems of a control stanza, each naming its field; empty when it is fine. */
function controlProblems(stanza) {
    const problems = [];
    const seen = new Map();
    for (const [name] of stanza)
        seen.set(name.toLowerCase(), (seen.get(name.toLowerCase()) ?? 0) + 1);
    for (const [name, count] of seen) {
        if (count > 1) {
            problems.push(`field '${stanza.find(([f]) => f.toLowerCase() === name)[0]}' appears ${count} times; dpkg and apt take one`);
        }
    }
    for (const name of SINGLE) {
        const value = stanza.find(([f]) => f.toLowerCase() === name.toLowerCase())?.[1];
        if (value === undefined)
            problems.push(`field '${name}' is missing`);
        else if (value.includes('\n'))
            problems.push(`field '${name}' has a continuation line; it must be one line`);
    }
    const value = (name) => {
        const found = stanza.find(([f]) => f.toLowerCase() === name.toLowerCase())?.[1];
        return found === undefined || found.includes('\n') ? undefined : found;
    };
    const pkg = value('Package');
    if (pkg !== undefined && (!PACKAGE.test(pkg) || pkg.includes('..'))) {
        problems.push(`field 'Package' is ${JSON.stringify(pkg)}: a package name holds lower-case letters, digits, ` +
            `'+', '-' and '.' (no '..'), starts with a letter or digit and is two characters at least`);
    }
    const version = value('Version');
    if (version !== undefined && (!VERSION.test(version) || version.includes('..'))) {
        problems.push(`field 'Version' is ${JSON.stringify(version)}: a version is [epoch:]upstream[-revision], ` +
            `upstream starting with a digit, of letters, digits and '.+~-:' (no spaces, no '..')`);
    }
    const arch = value('Architecture');
    if (arch !== undefined && !ARCHITECTURE.test(arch)) {
        problems.push(`field 'Architecture' is ${JSON.stringify(arch)}: one Debian architecture name (amd64, arm64, all)`);
    }
    return problems;
}

/**
 * Reads a .deb in one streaming pass: the digests of every byte, the `ar` members, and the
 * control member (gzip, xz, zstd or plain) decompressed in memory; data.tar is never buffered.
 */
async function parseDeb(file, display = path.basename(file)) {
    const digester = new Digester();
    const ar = new ArReader((name) => name.startsWith('control.tar'));
    try {
        for await (const chunk of createReadStream(file)) {
            digester.update(chunk);
            ar.push(chunk);
        }
        const members = ar.end();
        if (members[0]?.name !== 'debian-binary') {
            throw new Error('first ar member is not debian-binary: not a Debian package');
        }
        const control = members.find((m) => m.name.startsWith('control.tar'));
        if (!control?.data)
            throw new Error('no control.tar member');
        if (!members.some((m) => m.name.startsWith('data.tar')))
            throw new Error('no data.tar member');
        let tarBytes;
        try {
            tarBytes = await decompressMember(control.name, control.data);
        }
        catch (e) {
            throw new Error(`${control.name}: cannot decompress (${e.message})`);
        }
        const text = await controlFileOf(tarBytes, control.name);
        const stanzas = parseStanzas(text, `${control.name}/control`);
        if (stanzas.length !== 1)
            throw new Error(`control file has ${stanzas.length} stanzas, expected 1`);
        const stanza = stanzas[0];
        const problems = controlProblems(stanza);
        if (problems.length)
            throw new Error(`control file: ${problems.join('; ')}`);
        const name = field(stanza, 'Package');
        const version = field(stanza, 'Version');
        const architecture = field(stanza, 'Architecture');
        if (!name || !version || !architecture) {
            throw new Error('control file lacks Package, Version or Architecture');
        }
        return { file, name, version, architecture, control: stanza, digests: digester.digest() };
    }
    catch (e) {
        if (e instanceof PackageFormatError)
            throw e;
        throw new PackageFormatError(display, e.message);
    }
}
async function controlFileOf(tarBytes, member) {
    const extract = tar.extract();
    let found;
    const done = new Promise((resolve, reject) => {
        extract.on('entry', (header, stream, next) => {
            const chunks = [];
            const wanted = header.name.replace(/^\.?\//, '') === 'control';
            stream.on('data', (c) => {
                if (wanted)
                    chunks.push(c);
            });
            stream.on('end', () => {
                if (wanted)
                    found = Buffer.concat(chunks).toString('utf8');
                next();
            });
            stream.resume();
        });
        extract.on('finish', resolve);
        extract.on('error', (e) => reject(new Error(`${member}: not a valid tar (${e.message})`)));
    });
    Readable.from([Buffer.from(tarBytes)]).pipe(extract);
    await done;
    if (found === undefined)
        throw new Error(`${member} has no ./control file`);
    return found;
}

/**
 * RPM header structures: an 8-byte magic+reserved, the entry count and data size, 16-byte index
 * entries (tag, type, offset, count), then the data store. Used for the signature header and
 * the main header alike.
 */
const HEADER_MAGIC = Buffer.from([0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0]);
var RpmType;
(function (RpmType) {
    RpmType[RpmType["NULL"] = 0] = "NULL";
    RpmType[RpmType["CHAR"] = 1] = "CHAR";
    RpmType[RpmType["INT8"] = 2] = "INT8";
    RpmType[RpmType["INT16"] = 3] = "INT16";
    RpmType[RpmType["INT32"] = 4] = "INT32";
    RpmType[RpmType["INT64"] = 5] = "INT64";
    RpmType[RpmType["STRING"] = 6] = "STRING";
    RpmType[RpmType["BIN"] = 7] = "BIN";
    RpmType[RpmType["STRING_ARRAY"] = 8] = "STRING_ARRAY";
    RpmType[RpmType["I18NSTRING"] = 9] = "I18NSTRING";
})(RpmType || (RpmType = {}));
const SIZES = {
    [RpmType.CHAR]: 1,
    [RpmType.INT8]: 1,
    [RpmType.INT16]: 2,
    [RpmType.INT32]: 4,
    [RpmType.INT64]: 8,
    [RpmType.BIN]: 1
};
/** The size a header starting at `buf[0]` will have, once its 16-byte intro is available. */
function headerLength(intro, what) {
    if (intro.length < 16)
        throw new Error(`${what}: truncated header intro`);
    if (!intro.subarray(0, 4).equals(HEADER_MAGIC.subarray(0, 4)))
        throw new Error(`${what}: bad header magic`);
    const il = intro.readUInt32BE(8);
    const dl = intro.readUInt32BE(12);
    if (il > 0xffff || dl > 256 * 1024 * 1024)
        throw new Error(`${what}: implausible header size (${il} entries, ${dl} bytes)`);
    return 16 + il * 16 + dl;
}
function parseHeader(buf, what) {
    const length = headerLength(buf, what);
    if (buf.length < length)
        throw new Error(`${what}: truncated (header needs ${length} bytes, file has ${buf.length})`);
    const il = buf.readUInt32BE(8);
    const dl = buf.readUInt32BE(12);
    const store = buf.subarray(16 + il * 16, length);
    const entries = [];
    for (let i = 0; i < il; i++) {
        const at = 16 + i * 16;
        const tag = buf.readUInt32BE(at);
        const type = buf.readUInt32BE(at + 4);
        const offset = buf.readInt32BE(at + 8);
        const count = buf.readUInt32BE(at + 12);
        if (offset < 0 || offset > dl)
            throw new Error(`${what}: entry ${tag} points outside the data store`);
        let end;
        const size = SIZES[type];
        if (size !== undefined)
            end = offset + size * count;
        else if (type === RpmType.STRING ||
            type === RpmType.STRING_ARRAY ||
            type === RpmType.I18NSTRING) {
            end = offset;
            const n = type === RpmType.STRING ? 1 : count;
            for (let k = 0; k < n; k++) {
                const nul = store.indexOf(0, end);
                if (nul < 0)
                    throw new Error(`${what}: unterminated string in entry ${tag}`);
                end = nul + 1;
            }
        }
        else if (type === RpmType.NULL)
            end = offset;
        else
            throw new Error(`${what}: entry ${tag} has unknown type ${type}`);
        if (end > dl)
            throw new Error(`${what}: entry ${tag} runs past the data store`);
        entries.push({ tag, type, count, data: Buffer.from(store.subarray(offset, end)) });
    }
    return { entries, length };
}
/** Typed access to a parsed header's values. */
class HeaderValues {
    header;
    byTag;
    constructor(header) {
        this.header = header;
        this.byTag = new Map(header.entries.map((e) => [e.tag, e]));
    }
    has(tag) {
        return this.byTag.has(tag);
    }
    string(tag) {
        return this.strings(tag)[0];
    }
    strings(tag) {
        const e = this.byTag.get(tag);
        if (!e)
            return [];
        if (e.type !== RpmType.STRING &&
            e.type !== RpmType.STRING_ARRAY &&
            e.type !== RpmType.I18NSTRING)
            return [];
        const parts = e.data.toString('utf8').split('\0');
        return parts.slice(0, e.type === RpmType.STRING ? 1 : e.count);
    }
    numbers(tag) {
        const e = this.byTag.get(tag);
        if (!e)
            return [];
        const out = [];
        for (let i = 0; i < e.count; i++) {
            if (e.type === RpmType.INT32)
                out.push(e.data.readUInt32BE(i * 4));
            else if (e.type === RpmType.INT16)
                out.push(e.data.readUInt16BE(i * 2));
            else if (e.type === RpmType.INT64)
                out.push(Number(e.data.readBigUInt64BE(i * 8)));
            else if (e.type === RpmType.INT8 || e.type === RpmType.CHAR)
                out.push(e.data[i]);
        }
        return out;
    }
    number(tag) {
        return this.numbers(tag)[0];
    }
}
const ALIGN = {
    [RpmType.INT16]: 2,
    [RpmType.INT32]: 4,
    [RpmType.INT64]: 8
};
/** RPMTAG_HEADERSIGNATURES: the region tag that makes a signature header immutable. */
const REGION_SIGNATURES = 62;
/**
 * Serializes a signature header the way rpm writes one: a region entry (tag 62) first whose
 * trailer, at the end of the data store, covers every entry; entries sorted by tag and aligned.
 */
function serializeSignatureHeader(entries) {
    const sorted = entries.filter((e) => e.tag !== REGION_SIGNATURES).sort((a, b) => a.tag - b.tag);
    const il = sorted.length + 1;
    const index = [];
    const data = [];
    let dl = 0;
    const entry = (tag, type, offset, count) => {
        const b = Buffer.alloc(16);
        b.writeUInt32BE(tag, 0);
        b.writeUInt32BE(type, 4);
        b.writeInt32BE(offset, 8);
        b.writeUInt32BE(count, 12);
        return b;
    };
    for (const e of sorted) {
        const align = ALIGN[e.type] ?? 1;
        const pad = (align - (dl % align)) % align;
        if (pad) {
            data.push(Buffer.alloc(pad));
            dl += pad;
        }
        index.push(entry(e.tag, e.type, dl, e.count));
        data.push(e.data);
        dl += e.data.length;
    }
    const trailer = entry(REGION_SIGNATURES, RpmType.BIN, -(il * 16), 16);
    const region = entry(REGION_SIGNATURES, RpmType.BIN, dl, 16);
    data.push(trailer);
    dl += 16;
    const intro = Buffer.alloc(16);
    HEADER_MAGIC.copy(intro);
    intro.writeUInt32BE(il, 8);
    intro.writeUInt32BE(dl, 12);
    return Buffer.concat([intro, region, ...index, ...data]);
}

const LEAD = 96;
const TAG = {
    NAME: 1000,
    VERSION: 1001,
    RELEASE: 1002,
    EPOCH: 1003,
    SUMMARY: 1004,
    DESCRIPTION: 1005,
    BUILDTIME: 1006,
    BUILDHOST: 1007,
    SIZE: 1009,
    VENDOR: 1011,
    LICENSE: 1014,
    PACKAGER: 1015,
    GROUP: 1016,
    URL: 1020,
    ARCH: 1022,
    OLDFILENAMES: 1027,
    FILEMODES: 1030,
    FILEFLAGS: 1037,
    SOURCERPM: 1044,
    PROVIDENAME: 1047,
    REQUIREFLAGS: 1048,
    REQUIRENAME: 1049,
    REQUIREVERSION: 1050,
    CONFLICTFLAGS: 1053,
    CONFLICTNAME: 1054,
    CONFLICTVERSION: 1055,
    CHANGELOGTIME: 1080,
    CHANGELOGNAME: 1081,
    CHANGELOGTEXT: 1082,
    OBSOLETENAME: 1090,
    PROVIDEFLAGS: 1112,
    PROVIDEVERSION: 1113,
    OBSOLETEFLAGS: 1114,
    OBSOLETEVERSION: 1115,
    DIRINDEXES: 1116,
    BASENAMES: 1117,
    DIRNAMES: 1118,
    LONGSIZE: 5009
};
const SIGTAG = { LONGARCHIVESIZE: 271, SHA256: 273, PAYLOADSIZE: 1007 };
/**
 * Reads an .rpm in one streaming pass: lead, signature header (padded to 8 bytes), main header
 * are kept (they are small); the payload only goes through the SHA-256.
 */
async function parseRpm(file, display = path.basename(file)) {
    const digest = new Sha256Counter();
    let head = Buffer.alloc(0);
    let need = LEAD + 16;
    let stage = 'sig';
    let sigEnd = 0;
    let mainEnd = 0;
    try {
        for await (const c of createReadStream(file)) {
            const chunk = c;
            digest.update(chunk);
            if (stage === 'done')
                continue;
            head = Buffer.concat([head, chunk]);
            // Advance through the headers as soon as their intros are available.
            for (;;) {
                if (stage === 'sig' && head.length >= LEAD + 16) {
                    if (head.readUInt32BE(0) !== 0xedabeedb)
                        throw new Error('not an RPM (bad lead magic)');
                    const len = headerLength(head.subarray(LEAD), 'signature header');
                    sigEnd = LEAD + len + ((8 - (len % 8)) % 8);
                    need = sigEnd + 16;
                    stage = 'main';
                    continue;
                }
                if (stage === 'main' && head.length >= need) {
                    mainEnd = sigEnd + headerLength(head.subarray(sigEnd), 'main header');
                    need = mainEnd;
                    if (head.length >= mainEnd) {
                        stage = 'done';
                        continue;
                    }
                }
                break;
            }
        }
        if (stage !== 'done')
            throw new Error(`truncated: the file ends inside the ${stage === 'sig' ? 'lead or signature' : 'main'} header`);
        const signature = parseHeader(head.subarray(LEAD), 'signature header');
        const mainHeader = Buffer.from(head.subarray(sigEnd, mainEnd));
        const main = new HeaderValues(parseHeader(mainHeader, 'main header'));
        const sig = new HeaderValues(signature);
        const digests = digest.digest();
        const archiveSize = sig.number(SIGTAG.LONGARCHIVESIZE) ?? sig.number(SIGTAG.PAYLOADSIZE) ?? 0;
        const name = main.string(TAG.NAME);
        const version = main.string(TAG.VERSION);
        const release = main.string(TAG.RELEASE);
        const arch = main.string(TAG.ARCH);
        if (!name || !version || !release || !arch)
            throw new Error('main header lacks name, version, release or arch');
        if (!main.has(TAG.SOURCERPM)) {
            throw new Error('this is a source RPM; only binary RPMs can be published');
        }
        // The payload must be there: a cut-off download still has complete headers.
        if (sig.has(1000) && digests.size < sigEnd + (sig.number(1000) ?? 0)) {
            throw new Error(`truncated: headers and payload should be ${sigEnd + (sig.number(1000) ?? 0)} bytes, file has ${digests.size}`);
        }
        const pkg = {
            file,
            name,
            epoch: main.number(TAG.EPOCH) ?? 0,
            version,
            release,
            arch,
            summary: main.string(TAG.SUMMARY) ?? '',
            description: main.string(TAG.DESCRIPTION) ?? '',
            license: main.string(TAG.LICENSE) ?? '',
            vendor: main.string(TAG.VENDOR) ?? '',
            group: main.string(TAG.GROUP) ?? '',
            url: main.string(TAG.URL) ?? '',
            buildhost: main.string(TAG.BUILDHOST) ?? '',
            sourcerpm: main.string(TAG.SOURCERPM) ?? '',
            packager: main.string(TAG.PACKAGER) ?? '',
            buildtime: main.number(TAG.BUILDTIME) ?? 0,
            installedSize: main.number(TAG.LONGSIZE) ?? main.number(TAG.SIZE) ?? 0,
            archiveSize,
            headerRange: { start: sigEnd, end: mainEnd },
            provides: deps(main, TAG.PROVIDENAME, TAG.PROVIDEFLAGS, TAG.PROVIDEVERSION),
            requires: deps(main, TAG.REQUIRENAME, TAG.REQUIREFLAGS, TAG.REQUIREVERSION).filter((d) => !d.name.startsWith('rpmlib(')),
            conflicts: deps(main, TAG.CONFLICTNAME, TAG.CONFLICTFLAGS, TAG.CONFLICTVERSION),
            obsoletes: deps(main, TAG.OBSOLETENAME, TAG.OBSOLETEFLAGS, TAG.OBSOLETEVERSION),
            files: files(main),
            changelog: changelog(main),
            digests,
            signature,
            mainHeader,
            payloadOffset: mainEnd
        };
        checkXmlText(pkg);
        return pkg;
    }
    catch (e) {
        throw new PackageFormatError(display, e.message);
    }
}
/** Characters XML 1.0 does not allow (§2.2): one in primary.xml makes dnf reject the whole repository. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
/** Every text of the header that repodata carries must be XML 1.0 characters; names the tag. */
function checkXmlText(pkg) {
    const texts = [
        ['Name', pkg.name],
        ['Version', pkg.version],
        ['Release', pkg.release],
        ['Arch', pkg.arch],
        ['Summary', pkg.summary],
        ['Description', pkg.description],
        ['License', pkg.license],
        ['Vendor', pkg.vendor],
        ['Group', pkg.group],
        ['URL', pkg.url],
        ['BuildHost', pkg.buildhost],
        ['SourceRPM', pkg.sourcerpm],
        ['Packager', pkg.packager],
        ...pkg.changelog.flatMap((c) => [
            ['%changelog author', c.author],
            ['%changelog text', c.text]
        ]),
        ...pkg.files.map((f) => ['file name', f.path]),
        ...[pkg.provides, pkg.requires, pkg.conflicts, pkg.obsoletes].flatMap((list) => list.map((d) => ['dependency', `${d.name} ${d.ver ?? ''} ${d.rel ?? ''}`]))
    ];
    for (const [tag, text] of texts) {
        const bad = NOT_XML.exec(text);
        if (bad) {
            const code = bad[0].codePointAt(0).toString(16).padStart(4, '0');
            throw new Error(`${tag} holds the character U+${code.toUpperCase()} at offset ${bad.index}, which XML 1.0 ` +
                `forbids: dnf would reject the whole repository's metadata. Rebuild the package without it.`);
        }
    }
}
const SENSE_LESS = 2;
const SENSE_GREATER = 4;
const SENSE_EQUAL = 8;
const SENSE_PRE = (1 << 6) | (1 << 9) | (1 << 10);
function deps(h, nameTag, flagsTag, versionTag) {
    const names = h.strings(nameTag);
    const flags = h.numbers(flagsTag);
    const versions = h.strings(versionTag);
    return names.map((name, i) => {
        const f = flags[i] ?? 0;
        const d = { name };
        const cmp = f & (SENSE_LESS | SENSE_GREATER | SENSE_EQUAL);
        const v = versions[i] ?? '';
        if (cmp && v) {
            d.flags = {
                [SENSE_EQUAL]: 'EQ',
                [SENSE_LESS]: 'LT',
                [SENSE_GREATER]: 'GT',
                [SENSE_LESS | SENSE_EQUAL]: 'LE',
                [SENSE_GREATER | SENSE_EQUAL]: 'GE'
            }[cmp];
            const m = /^(?:(\d+):)?([^-]*)(?:-(.*))?$/.exec(v);
            d.epoch = m[1] ?? '0';
            d.ver = m[2];
            if (m[3] !== undefined)
                d.rel = m[3];
        }
        if (f & SENSE_PRE)
            d.pre = true;
        return d;
    });
}
function files(h) {
    const base = h.strings(TAG.BASENAMES);
    const dirs = h.strings(TAG.DIRNAMES);
    const idx = h.numbers(TAG.DIRINDEXES);
    const modes = h.numbers(TAG.FILEMODES);
    const flags = h.numbers(TAG.FILEFLAGS);
    const paths = base.length
        ? base.map((b, i) => (dirs[idx[i]] ?? '') + b)
        : h.strings(TAG.OLDFILENAMES);
    return paths.map((p, i) => ({
        path: p,
        type: (flags[i] ?? 0) & 64 ? 'ghost' : ((modes[i] ?? 0) & 0o170000) === 0o040000 ? 'dir' : 'file'
    }));
}
function changelog(h) {
    const times = h.numbers(TAG.CHANGELOGTIME);
    const names = h.strings(TAG.CHANGELOGNAME);
    const texts = h.strings(TAG.CHANGELOGTEXT);
    return names.map((author, i) => ({ author, date: times[i] ?? 0, text: texts[i] ?? '' }));
}

/**
 * A Bloom filter over strings, kept as base64 in a segment manifest: it answers "may this
 * segment hold key X?" without loading the segment's entries. A "no" is certain; a "yes" is
 * wrong about 1% of the time (10 bits and 7 probes per key), which costs only a needless load.
 *
 * Written by hand because it is this small and its bytes are part of a published format: the
 * hash (FNV-1a over UTF-16 code units, two seeds, double hashing) must never change under us.
 */
const BITS_PER_KEY = 10;
const PROBES = 7;
function fnv1a(key, seed) {
    let h = seed;
    for (let i = 0; i < key.length; i++) {
        h ^= key.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
}
function* probes(key, bits) {
    const h1 = fnv1a(key, 0x811c9dc5);
    // Odd, so the probes of a power-of-two filter visit distinct bits.
    const h2 = fnv1a(key, 0x050c5d1f) | 1;
    for (let i = 0; i < PROBES; i++)
        yield ((h1 + Math.imul(i, h2)) >>> 0) % bits;
}
/** A filter holding `keys`, as base64. */
function bloomOf(keys) {
    const list = [...keys];
    const bytes = Buffer.alloc(Math.max(8, Math.ceil((list.length * BITS_PER_KEY) / 8)));
    const bits = bytes.length * 8;
    for (const key of list) {
        for (const bit of probes(key, bits))
            bytes[bit >>> 3] |= 1 << (bit & 7);
    }
    return bytes.toString('base64');
}
/** A filter decoded once, to test many keys against it. */
function bloomTest(filter) {
    const bytes = Buffer.from(filter, 'base64');
    const bits = bytes.length * 8;
    if (bits === 0)
        return () => true; // unknown contents: assume anything may be there
    return (key) => {
        for (const bit of probes(key, bits))
            if ((bytes[bit >>> 3] & (1 << (bit & 7))) === 0)
                return false;
        return true;
    };
}

/** The lookup keys of an entry: its package name, and its file in the repository. */
const lookupKeys = (name, file) => [`name:${name}`, `file:${file}`];
const nameKey = (name) => `name:${name}`;
const fileKey = (file) => `file:${file}`;
/** The object listing a built segment's entries, and the manifest's description of the segment. */
function storeSegment(segment, codec) {
    const body = Buffer.from(JSON.stringify({ format: codec.format, entries: segment.entries.map(codec.toRow) }));
    return {
        body,
        segment: {
            ...segment,
            entriesSha256: sha256Hex(body),
            filter: bloomOf(segment.entries.flatMap(codec.keys))
        }
    };
}
/**
 * The segments of a next generation as its manifest describes them: kept ones as they were,
 * and new ones (or kept ones from a manifest of the first layout, which had none) with the
 * object listing their entries, stored under `keyOf(sha256)`.
 */
function storeSegments(segments, codec, keyOf) {
    const objects = [];
    const stored = segments.map((s) => {
        if ('entriesSha256' in s && s.entriesSha256 !== '')
            return s;
        const { segment, body } = storeSegment({ ...s, entries: s.entries }, codec);
        objects.push({ key: keyOf(segment.entriesSha256), body, sha256: segment.entriesSha256 });
        return segment;
    });
    return { segments: stored, objects };
}
/**
 * Whether a change must look at every entry rather than only those sharing a name or file with
 * what it adds: it removes by pattern, or keeps fewer versions than an index last satisfied.
 */
function needsEveryEntry(change, indexes) {
    if (change.remove !== undefined)
        return true;
    const keep = change.retention;
    if (keep === undefined)
        return false;
    return indexes.some((ix) => ix.segments.length > 0 && (ix.retention === undefined || ix.retention > keep));
}
/** The entries of a segment object, checked against the digest the manifest gives for it. */
function parseSegmentEntries(body, segment, codec, where) {
    if (sha256Hex(body) !== segment.entriesSha256)
        throw new Error(`${where}: content does not match its sha256 in the segment manifest`);
    const raw = parseJson(body.toString('utf8'), where);
    if (raw.format !== codec.format || !Array.isArray(raw.entries))
        throw new Error(`${where}: not a segment entry list this version of falco-publish reads`);
    if (raw.entries.length !== segment.count)
        throw new Error(`${where}: lists ${raw.entries.length} entries where the manifest says ${segment.count}`);
    return raw.entries.map(codec.fromRow);
}
/**
 * Loads, in each index, the entries of every segment whose filter may hold one of `keys`
 * ('all': every segment), unless already loaded.
 */
async function loadMatching(indexes, keys) {
    await Promise.all(indexes.flatMap((ix) => ix.segments.map(async (s) => {
        if (s.entries)
            return;
        if (keys !== 'all') {
            const test = bloomTest(s.filter);
            if (!keys.some(test))
                return;
        }
        s.entries = await ix.load(s);
    })));
}
/** Parses the JSON of a manifest or entry list, naming `where` when it is not JSON. */
function parseJson(text, where) {
    try {
        return JSON.parse(text);
    }
    catch (e) {
        throw new Error(`${where}: not JSON (${e.message})`);
    }
}
/**
 * Segments of a manifest of the first layout, their entries inline: they have no entry objects
 * yet (one is written when the segment is next kept) and no filter (they are loaded already).
 */
function inlineSegments(segments, codec) {
    return segments.map((s) => ({
        count: s.entries.length,
        lengths: s.lengths,
        entries: s.entries.map(codec.fromRow),
        entriesSha256: '',
        filter: ''
    }));
}
/**
 * For each of `files` some index lists, what `digestOf` says of its entry (the sha256 it was
 * published with). Loads only the segments whose filters may hold one of the files.
 */
async function publishedDigests(indexes, files, fileOf, digestOf) {
    await loadMatching(indexes, files.map(fileKey));
    const wanted = new Set(files);
    const out = new Map();
    for (const ix of indexes)
        for (const s of ix.segments)
            for (const e of s.entries ?? [])
                if (wanted.has(fileOf(e)))
                    out.set(fileOf(e), digestOf(e));
    return out;
}
const segmentRef = (s) => ({
    count: s.count,
    lengths: s.lengths,
    entries: s.entriesSha256,
    filter: s.filter
});
/** Reads a manifest's segment lines, failing on anything malformed (naming `where`). */
function segmentsOf(refs, where) {
    if (!Array.isArray(refs))
        throw new Error(`${where}: no segment list`);
    return refs.map((r, i) => {
        if (typeof r?.count !== 'number' ||
            !Array.isArray(r.lengths) ||
            typeof r.entries !== 'string' ||
            typeof r.filter !== 'string')
            throw new Error(`${where}: segment ${i} is malformed`);
        return { count: r.count, lengths: r.lengths, entriesSha256: r.entries, filter: r.filter };
    });
}
/**
 * The segments a manifest lists, each with the digest states it gives for the index's `files`
 * files; a segment whose states are missing or malformed has none (and is hashed again). The
 * states themselves are checked when resumed from.
 */
function segmentsWithStates(refs, where, files) {
    const segments = segmentsOf(refs, where);
    return segments.map((s, i) => {
        const states = refs[i].states;
        return isStates(states, files) ? { ...s, states } : s;
    });
}
function isStates(value, files) {
    return (Array.isArray(value) &&
        value.length === files &&
        value.every((v) => typeof v?.state === 'string' &&
            typeof v.size === 'number'));
}

/**
 * How a segmented `Packages` index is cut: for each segment, its byte lengths in Packages,
 * Packages.gz and Packages.xz, how many entries it holds, where the list of those entries is
 * kept and a filter of their names and files (see segment-entries.ts). It is listed in the
 * Release next to the index it describes (apt ignores files it does not know), so a publish
 * reads the exact generation InRelease signed, and never parses the whole index to learn what
 * it holds.
 */
const MANIFEST_FILE = 'falco-publish-segments.json';
/** The folder, beside the index, of the objects listing each segment's entries. */
const ENTRIES_DIR$1 = 'falco-publish-segments';
/** The files of one `binary-<arch>` index, in the order segment lengths are given. */
const INDEX_FILES = ['Packages', 'Packages.gz', 'Packages.xz'];
/**
 * Where each number sits in a segment's `lengths`: its bytes in each of INDEX_FILES, then the
 * unpadded size of its xz block, which the xz stream's index lists.
 */
const LENGTH = { plain: 0, xzUnpadded: 3 };
const FORMAT$1 = 'falco-publish apt segments 2';
/** The first layout, entries inline: still read, so a repository it wrote goes on incrementally. */
const FORMAT_1$1 = 'falco-publish apt segments 1';
const ENTRY_CODEC$1 = {
    format: 'falco-publish apt segment entries 1',
    toRow: (e) => [e.name, e.version, e.architecture, e.filename, e.sha256],
    fromRow: ([name, version, architecture, filename, sha256]) => ({
        name,
        version,
        architecture,
        filename,
        sha256
    }),
    keys: (e) => lookupKeys(e.name, e.filename)
};
function renderManifest$1(m) {
    return JSON.stringify({
        format: FORMAT$1,
        packagesSha256: m.packagesSha256,
        retention: m.retention ?? null,
        files: INDEX_FILES,
        segments: m.segments.map((s) => ({ ...segmentRef(s), states: s.states ?? null }))
    });
}
function parseManifest$1(text, where) {
    const raw = parseJson(text, where);
    if (typeof raw.packagesSha256 !== 'string' || (raw.format !== FORMAT$1 && raw.format !== FORMAT_1$1))
        throw new Error(`${where}: not a segment manifest this version of falco-publish reads`);
    if (!Array.isArray(raw.segments))
        throw new Error(`${where}: no segment list`);
    return {
        packagesSha256: raw.packagesSha256,
        retention: typeof raw.retention === 'number' ? raw.retention : undefined,
        segments: raw.format === FORMAT$1
            ? segmentsWithStates(raw.segments, where, INDEX_FILES.length)
            : inlineSegments(raw.segments, ENTRY_CODEC$1)
    };
}
/** The plain text of a segment: each stanza followed by the blank line that ends it. */
function segmentText(entries) {
    return entries.map((e) => e.text + '\n').join('');
}
/** The stanza texts of a segment, in order (the inverse of segmentText). */
function segmentStanzas(plain) {
    const parts = plain.toString('utf8').split('\n\n');
    parts.pop();
    return parts.map((p) => p + '\n');
}

/** Small store conveniences the package repositories share: read text, upload with a progress line. */
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
/**
 * Reads an object a signed index names (`listedIn`): its absence, or bytes other than the
 * `sha256` the index gives for it, mean a broken repository: an error naming `shown` (the name
 * people know it by; by default the key read).
 */
async function readListed(store, key, listedIn, check = {}) {
    const shown = check.shown ?? key;
    const body = await readObject(store, key);
    if (!body)
        throw new Error(`${store.location}/${shown}: listed in ${listedIn} but missing`);
    if (check.sha256 !== undefined && sha256Hex(body) !== check.sha256)
        throw new Error(`${store.location}/${shown}: content does not match its sha256 in ${listedIn}; refusing to merge into it`);
    return body;
}
/**
 * Bytes `range` of an object a signed index names, read alone where the store can (else sliced
 * from the whole object); its absence, or fewer bytes than asked, means a broken repository.
 */
async function readListedRange(store, key, range, listedIn) {
    const bytes = store.read
        ? await store.read(key, range)
        : (await readObject(store, key))?.subarray(range.start, range.end);
    if (!bytes)
        throw new Error(`${store.location}/${key}: listed in ${listedIn} but missing`);
    if (bytes.length !== range.end - range.start)
        throw new Error(`${store.location}/${key}: shorter than ${listedIn} says`);
    return bytes;
}
/** Reads an object with the etag it had before reading (a changed etag later means someone wrote in between). */
async function readVersioned(store, key) {
    const info = await store.head(key);
    if (!info)
        return undefined;
    const body = await readObject(store, key);
    if (!body)
        return undefined;
    return { text: body.toString('utf8'), etag: info.etag };
}
class Uploader {
    store;
    log;
    published = [];
    constructor(store, log) {
        this.store = store;
        this.log = log;
    }
    /**
     * Streams a local file into the store and logs one line with its size and rate; `sha256`, when
     * the file was hashed while planning, spares a store hashing it again.
     */
    async file(key, file, kind, contentType, sha256) {
        const start = process.hrtime.bigint();
        const r = await this.store.put(key, createReadStream(file), {
            contentType,
            sha256,
            lifetime: lifetimeOf(kind)
        });
        this.done(kind, key, r.sha256, r.size, start);
    }
    async bytes(key, body, kind, contentType) {
        const start = process.hrtime.bigint();
        const r = await this.store.put(key, body, { contentType, lifetime: lifetimeOf(kind) });
        this.done(kind, key, r.sha256, r.size, start);
    }
    /**
     * Content-addressed copies (by-hash): an existing one already holds these bytes. One old
     * enough that a collection may be about to take it (a generation named it long ago, then
     * none did) is written again, so its age says it is in use (see pruneSuperseded).
     */
    async immutable(key, body, kind, sha256) {
        await this.createOnce(key, kind, () => this.store.put(key, body, {
            precondition: { ifNoneMatch: '*' },
            sha256,
            lifetime: 'immutable'
        }), () => this.store.put(key, body, { sha256, lifetime: 'immutable' }));
    }
    /**
     * Writes `to` as a copy of `from`, which holds `body` (whose sha256 is known) already: inside
     * the store when it can copy (no bytes sent again), else by putting the bytes.
     */
    async copy(from, to, body, kind, options = {}) {
        if (!this.store.copy) {
            if (!body.bytes)
                throw new Error(`copying ${from} to ${to}: ${this.store.location} cannot copy`);
            return this.bytes(to, body.bytes, kind);
        }
        const start = process.hrtime.bigint();
        // A content-addressed copy never changes; a plain name (Packages) is rewritten by publishes.
        const lifetime = options.createOnly ? 'immutable' : 'short';
        if (options.createOnly) {
            // One there holds these bytes already; only an old one is copied again (see immutable).
            const there = await this.store.head(to);
            if (there && !nearCollection(there))
                return;
            if (there)
                options = { ...options, createOnly: false };
        }
        await this.store.copy(from, to, { ...options, lifetime });
        this.done(kind, to, body.sha256, body.size, start);
    }
    /**
     * Creates `to` as the first `keep` bytes of `from` then `append` (see Store.extend), whose
     * sha256 the caller computed; an existing `to` already holds them (content-addressed).
     */
    async extend(recipe, to, sha256, kind) {
        const store = this.store;
        if (!store.extend)
            throw new Error(`${store.location} cannot extend objects`);
        await this.createOnce(to, kind, () => store.extend(recipe.from, recipe.keep, recipe.append, to, sha256), async () => {
            const bytes = await readObject(store, to);
            if (!bytes)
                return store.extend(recipe.from, recipe.keep, recipe.append, to, sha256);
            return store.put(to, bytes, { sha256 });
        });
    }
    /**
     * Runs a create-only write of a content-addressed key: one already there holds its bytes,
     * and is written again (`rewrite`) only when it is old enough to be near its collection.
     */
    async createOnce(key, kind, write, rewrite) {
        const start = process.hrtime.bigint();
        let r;
        try {
            r = await write();
        }
        catch (e) {
            if (!(e instanceof PreconditionFailed))
                throw e;
            const there = await this.store.head(key);
            if (there && !nearCollection(there)) {
                this.log.debug(`${key} already present`);
                return;
            }
            r = await rewrite();
        }
        this.done(kind, key, r.sha256, r.size, start);
    }
    /** The compare-and-swap write that commits an index generation; PreconditionFailed when someone else won. */
    async commit(key, body, etag, kind) {
        const start = process.hrtime.bigint();
        const r = await this.store.put(key, body, {
            precondition: etag === undefined ? { ifNoneMatch: '*' } : { ifMatch: etag },
            lifetime: 'short'
        });
        this.done(kind, key, r.sha256, r.size, start);
    }
    done(kind, key, sha256, size, start) {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        this.log.info(progressLine('put', key, size, ms));
        const existing = this.published.findIndex((p) => p.path === key);
        const entry = { kind, path: key, sha256, size, url: this.store.url(key) };
        if (existing >= 0)
            this.published[existing] = entry;
        else
            this.published.push(entry);
    }
}
/**
 * How long a cache may keep what a publish writes: packages and tarballs never change under
 * their name (stable ones are immutable, dev ones carry their build in it); signatures, indexes
 * and listings are rewritten by later publishes (a re-sign rewrites every .asc).
 */
const lifetimeOf = (kind) => kind === 'package' || kind === 'tarball' ? 'immutable' : 'short';
/** The log line of a lost compare-and-swap race on a repository's index. */
function mergingAgain(log, prefix) {
    return (attempt) => log.info(`  another publish changed ${prefix} meanwhile; merging again (attempt ${attempt})`);
}
/**
 * Deletes in flight at once: a remote store answers each delete in a round trip, which one at a
 * time would add up over a retention's worth of packages or a generation's by-hash files.
 */
const DELETE_CONCURRENCY = 8;
/** Deletes package files that left every index, with their detached signatures. */
async function deletePackageFiles(store, prefix, files, log) {
    await pLimit(DELETE_CONCURRENCY).map(files, async (f) => {
        await store.delete(`${prefix}/${f}`);
        await store.delete(`${prefix}/${f}.asc`);
        log.info(`  deleted ${prefix}/${f}`);
    });
}
/**
 * How long a superseded index generation stays: a client that read the previous InRelease or
 * repomd.xml still finds the files it names.
 */
const SUPERSEDED_GRACE_MS = 60 * 60 * 1000;
/**
 * A content-addressed object a publish finds already there, and old enough that a collection
 * (which takes what is older than the grace period and named by no generation it read) could
 * come for it while the new generation that names it again is built: it is written again.
 * Half the grace period leaves a collection half an hour between its look and its delete.
 */
function nearCollection(info) {
    return (info.modified !== undefined && Date.now() - info.modified.getTime() >= SUPERSEDED_GRACE_MS / 2);
}
/**
 * The keys under `under` older than the grace period, listed from the start of a commit: the
 * listing (on a remote store, a round trip per thousand keys) runs while the new generation is
 * built and written, not after it. A file written since is too young to prune, so a listing
 * taken early misses nothing a prune could delete.
 */
function listSuperseded(store, under) {
    const listed = (async () => {
        const now = Date.now();
        const old = [];
        for await (const obj of scan(store, under)) {
            if (obj.modified && now - obj.modified.getTime() >= SUPERSEDED_GRACE_MS)
                old.push(obj.key);
        }
        return old;
    })();
    // Awaited by pruneSuperseded; a commit that fails before it leaves the listing unread.
    listed.catch(() => { });
    return listed;
}
/**
 * Deletes the listed keys (see listSuperseded) that `prunable` selects: generations that neither
 * the index this publish committed, nor the one before it, nor the one current when the prune
 * starts (another publish may have committed since) names. Each is looked at again just before
 * its delete: one a publish wrote again meanwhile (see Uploader.immutable) is young, and stays.
 */
async function pruneSuperseded(store, listed, prunable, log) {
    await pLimit(DELETE_CONCURRENCY).map((await listed).filter(prunable), async (key) => {
        const now = await store.head(key);
        if (!now?.modified || Date.now() - now.modified.getTime() < SUPERSEDED_GRACE_MS)
            return;
        await store.delete(key);
        log.debug(`pruned ${key}`);
    });
}

/**
 * Where an apt repository's files are: package files in `stable/`, suite `stable`, component
 * `main`, one `binary-<arch>` index per architecture, and beside each the objects listing its
 * segments' entries.
 */
const SUITE = 'stable';
const COMPONENT = 'main';
const ARCHITECTURES = ['amd64', 'arm64'];
const dists = (prefix) => `${prefix}/dists/${SUITE}`;
const indexDir = (arch) => `${COMPONENT}/binary-${arch}`;
const byHash = (prefix, arch, sha256) => `${dists(prefix)}/${indexDir(arch)}/by-hash/SHA256/${sha256}`;
const entriesKey$1 = (prefix, arch, sha256) => `${dists(prefix)}/${indexDir(arch)}/${ENTRIES_DIR$1}/${sha256}.json`;

const emptyIndex = () => ({
    segments: [],
    segmented: false,
    load: () => Promise.resolve([])
});
/** Reads the generation InRelease points to, through by-hash names: a consistent snapshot even mid-publish. */
async function readAptSnapshot(store, prefix) {
    const inRelease = await readVersioned(store, `${dists(prefix)}/InRelease`);
    if (!inRelease) {
        // A repository made by other tools may have only Release + Release.gpg: merge into it rather
        // than start over (InRelease, created on commit, then becomes the compare-and-swap point).
        const plain = await readVersioned(store, `${dists(prefix)}/Release`);
        if (!plain)
            return { indexes: new Map(ARCHITECTURES.map((a) => [a, emptyIndex()])) };
        return { ...(await readIndexes(store, prefix, plain.text)), etag: undefined };
    }
    return {
        ...(await readIndexes(store, prefix, releaseText(inRelease.text))),
        etag: inRelease.etag
    };
}
async function readIndexes(store, prefix, release) {
    const files = releaseFiles(release, `${dists(prefix)}/InRelease`);
    const indexes = new Map();
    await Promise.all(ARCHITECTURES.map(async (arch) => indexes.set(arch, await readIndex(store, prefix, arch, files))));
    const ordered = new Map(ARCHITECTURES.map((a) => [a, indexes.get(a)]));
    const foreign = [...ordered.values()].filter((ix) => ix.foreign && ix.segments.length > 0);
    const adopted = foreign.length
        ? {
            packages: foreign.reduce((n, ix) => n + ix.segments[0].count, 0),
            from: `the Packages indexes of a Release written by another tool (Origin: ${releaseField(release, 'Origin') ?? 'none'})`
        }
        : undefined;
    return { release, indexes: ordered, adopted };
}
async function readIndex(store, prefix, arch, files) {
    const rel = `${indexDir(arch)}/Packages`;
    const manifest = files.get(`${indexDir(arch)}/${MANIFEST_FILE}`);
    let ours;
    if (manifest) {
        const where = `${dists(prefix)}/${indexDir(arch)}/${MANIFEST_FILE}`;
        const body = await readListed(store, byHash(prefix, arch, manifest.sha256), 'the Release', {
            shown: where,
            sha256: manifest.sha256
        });
        const m = parseManifest$1(body.toString('utf8'), where);
        // Written by us with the index it describes; anything else rewrote the index: read it whole.
        // So is an index whose Release lists no Packages.xz (a repository that keeps the
        // compression set of another tool): its segments' xz bytes are nowhere to copy from.
        if (m.packagesSha256 === files.get(rel)?.sha256)
            ours = { retention: m.retention };
        if (ours && files.has(`${rel}.xz`)) {
            return {
                segments: m.segments,
                segmented: true,
                retention: m.retention,
                load: async (s) => {
                    const key = entriesKey$1(prefix, arch, s.entriesSha256);
                    const entries = await readListed(store, key, where);
                    return parseSegmentEntries(entries, s, ENTRY_CODEC$1, `${store.location}/${key}`);
                }
            };
        }
    }
    // Ours always lists the plain index; other tools may list only compressed ones.
    const name = [rel, `${rel}.gz`, `${rel}.xz`, `${rel}.bz2`].find((n) => files.has(n));
    if (!name)
        return emptyIndex();
    const raw = (await readObject(store, byHash(prefix, arch, files.get(name).sha256))) ??
        (await readObject(store, `${dists(prefix)}/${name}`));
    if (!raw)
        throw new Error(`${store.location}/${dists(prefix)}/${name}: index listed in the Release is missing`);
    const body = name === rel ? raw : Buffer.from(await decompressMember(name, raw));
    const entries = parsePackagesIndex(body.toString('utf8'), `${dists(prefix)}/${name}`);
    return {
        ...emptyIndex(),
        foreign: ours === undefined,
        retention: ours?.retention,
        segments: entries.length
            ? [{ count: entries.length, lengths: [], entries, entriesSha256: '', filter: '' }]
            : []
    };
}
/** Loads, in every architecture's index, the segments that may hold one of `keys`. */
async function loadApt(snapshot, keys) {
    await loadMatching([...snapshot.indexes.values()], keys);
}
/** The entries loaded so far, in every architecture's index. */
const loadedEntries = (snapshot) => [...snapshot.indexes.values()].flatMap((ix) => ix.segments.flatMap((s) => s.entries ?? []));
/** The SHA256 each of `filenames` is published with, for those some index lists. */
function publishedFiles(snapshot, filenames) {
    return publishedDigests([...snapshot.indexes.values()], filenames, (e) => e.filename, (e) => e.sha256);
}

/**
 * Debian version ordering (`[epoch:]upstream[-revision]`), as dpkg compares them: retention
 * keeps the newest versions, so `1.0~rc1` < `1.0` < `1.0-1` < `1:0.9` must come out right.
 */
function compareDebVersions(a, b) {
    const pa = split(a);
    const pb = split(b);
    return (pa.epoch - pb.epoch ||
        compareFragment(pa.upstream, pb.upstream) ||
        compareFragment(pa.revision, pb.revision));
}
function split(v) {
    const colon = v.indexOf(':');
    const epoch = colon > 0 ? Number(v.slice(0, colon)) || 0 : 0;
    const rest = colon > 0 ? v.slice(colon + 1) : v;
    const dash = rest.lastIndexOf('-');
    return dash > 0
        ? { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) }
        : { epoch, upstream: rest, revision: '' };
}
function order(c) {
    if (c === '~')
        return -1;
    if (/[0-9]/.test(c))
        return 0;
    if (c === '')
        return 0;
    if (/[A-Za-z]/.test(c))
        return c.charCodeAt(0);
    return c.charCodeAt(0) + 256;
}
function compareFragment(a, b) {
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
        let diff = 0;
        while ((i < a.length && !/[0-9]/.test(a[i])) || (j < b.length && !/[0-9]/.test(b[j]))) {
            const ac = order(i < a.length && !/[0-9]/.test(a[i]) ? a[i] : '');
            const bc = order(j < b.length && !/[0-9]/.test(b[j]) ? b[j] : '');
            if (ac !== bc)
                return ac - bc;
            if (i < a.length && !/[0-9]/.test(a[i]))
                i++;
            if (j < b.length && !/[0-9]/.test(b[j]))
                j++;
        }
        while (a[i] === '0')
            i++;
        while (b[j] === '0')
            j++;
        while (i < a.length && /[0-9]/.test(a[i]) && j < b.length && /[0-9]/.test(b[j])) {
            if (!diff)
                diff = a.charCodeAt(i) - b.charCodeAt(j);
            i++;
            j++;
        }
        if (i < a.length && /[0-9]/.test(a[i]))
            return 1;
        if (j < b.length && /[0-9]/.test(b[j]))
            return -1;
        if (diff)
            return diff;
    }
    return 0;
}

/**
 * Dev retention: in each group (a package name; for tarballs, a name and an architecture), the
 * versions beyond the newest `keep`, as group -> versions to drop. Only groups holding more
 * versions than kept are sorted, so a large repository costs one pass.
 */
function versionsBeyond(items, keep, groupOf, versionOf, newerFirst) {
    const groups = new Map();
    for (const item of items) {
        const group = groupOf(item);
        let versions = groups.get(group);
        if (!versions)
            groups.set(group, (versions = new Map()));
        if (!versions.has(versionOf(item)))
            versions.set(versionOf(item), item);
    }
    const beyond = new Map();
    for (const [group, versions] of groups) {
        if (versions.size <= keep)
            continue;
        const newest = [...versions.values()].sort(newerFirst);
        beyond.set(group, new Set(newest.slice(keep).map(versionOf)));
    }
    return beyond;
}

/**
 * Merges a change into a snapshot: per architecture, which entries of which segments stay and
 * the entries added (an added entry replaces one with the same name/version/architecture), and
 * what left the indexes. Only the segments that may hold an added name or file are loaded,
 * unless the change must look at every entry (removal patterns, or a smaller retention than
 * the index last satisfied).
 */
async function mergeApt(snapshot, change) {
    const addedByArch = new Map(ARCHITECTURES.map((a) => [a, []]));
    for (const { pkg, filename } of change.added) {
        const entry = packageEntry(pkg, filename);
        const archs = pkg.architecture === 'all' ? ARCHITECTURES : [pkg.architecture];
        for (const a of archs)
            addedByArch.get(a)?.push(entry);
    }
    const addedEntries = [...addedByArch.values()].flat();
    const everything = needsEveryEntry(change, [...snapshot.indexes.values()]);
    await loadApt(snapshot, everything ? 'all' : addedEntries.flatMap((e) => [nameKey(e.name), fileKey(e.filename)]));
    // Retention counts versions per package name across architectures.
    const dropVersion = change.retention === undefined
        ? new Map()
        : versionsBeyond([...loadedEntries(snapshot), ...addedEntries], change.retention, (e) => e.name, (e) => e.version, (a, b) => compareDebVersions(b.version, a.version));
    const drop = (e) => change.remove?.(e.name, e.version) === true || dropVersion.get(e.name)?.has(e.version) === true;
    const indexes = new Map();
    const removed = [];
    const gone = new Set();
    for (const arch of ARCHITECTURES) {
        const index = snapshot.indexes.get(arch) ?? emptyIndex();
        const adds = (addedByArch.get(arch) ?? []).filter((e) => !drop(e));
        const replaced = new Set(adds.map(entryKey));
        const stays = new Map();
        index.segments.forEach((s, i) => {
            if (!s.entries)
                return;
            const kept = s.entries.filter((e) => !drop(e) && !replaced.has(entryKey(e)));
            if (kept.length === s.entries.length)
                return;
            stays.set(i, kept);
            const left = new Set(kept);
            for (const e of s.entries) {
                if (left.has(e))
                    continue;
                gone.add(e.filename);
                // A replaced entry whose file is published again under the same name did not leave.
                if (!adds.some((a) => a.filename === e.filename))
                    removed.push({ name: e.name, version: e.version, architecture: arch });
            }
        });
        indexes.set(arch, {
            survivors: (i) => stays.get(i),
            added: adds,
            retention: change.retention ?? index.retention
        });
    }
    // An added package the retention (or a removal pattern) drops at once was uploaded for
    // nothing: it leaves the store like one that left the indexes.
    for (const e of addedEntries)
        if (drop(e))
            gone.add(e.filename);
    // A file leaves the store only when no index of any architecture lists it any more.
    await loadApt(snapshot, [...gone].map(fileKey));
    const stillUsed = new Set();
    for (const arch of ARCHITECTURES) {
        const index = snapshot.indexes.get(arch) ?? emptyIndex();
        const c = indexes.get(arch);
        index.segments.forEach((s, i) => {
            for (const e of c.survivors(i) ?? s.entries ?? [])
                stillUsed.add(e.filename);
        });
        for (const e of c.added)
            stillUsed.add(e.filename);
    }
    return {
        indexes,
        commit: {
            removedFiles: [...gone].filter((f) => f && !stillUsed.has(f)),
            // What the retention dropped at once was not added.
            added: change.added
                .map((a) => a.filename)
                .filter((f) => [...indexes.values()].some((c) => c.added.some((e) => e.filename === f))),
            removed
        }
    };
}

/** Index compression for apt (`Packages.gz`, `Packages.xz`) and dnf (`*.xml.gz`). */
function gzip(data) {
    // mtime 0 in the gzip header (zlib's default): the same index always compresses to the same bytes.
    return gzipSync(typeof data === 'string' ? Buffer.from(data) : data, { level: 6 });
}
// The encoder module and its WebAssembly (liblzma itself, ~107 KB) are loaded on the first call
// only, so a run that writes no Packages.xz never pays for them. The library keeps one
// initialised wasm instance for the process; this keeps one import of it.
let encoder;
/**
 * An .xz stream of `data`, LZMA2-compressed by liblzma (compiled to WebAssembly: no native
 * code in the bundle), with a CRC64 check as the `xz` command writes by default. The same input
 * and preset always give the same bytes, which the by-hash copies of an index rely on.
 *
 * `preset` is xz's `-0` .. `-7`; 6 is xz's default. Presets 8 and 9 need 370 and 674 MiB of
 * encoder memory, more than the WebAssembly build can address, and are refused here by name
 * rather than failing inside liblzma with "Cannot allocate memory".
 */
async function xz(data, preset = 6) {
    if (!Number.isInteger(preset) || preset < 0 || preset > 7) {
        throw new RangeError(`xz preset must be an integer from 0 to 7, got ${preset}`);
    }
    const input = typeof data === 'string' ? Buffer.from(data) : data;
    let lzma;
    try {
        lzma = await (encoder ??= import('./wasm-D9bucNpL.js'));
        await lzma.initModule();
    }
    catch (err) {
        encoder = undefined; // a later call tries again rather than repeating a stale failure
        throw new Error(`cannot load the xz encoder (node-liblzma WebAssembly; in the bundle, liblzma.wasm beside its chunk): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const out = await lzma.xzAsync(input, { preset });
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
/** xz stream flags: no reserved bits, CRC64 check (what liblzma writes by default, as we ask). */
const XZ_FLAGS = Buffer.from([0x00, 0x04]);
const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
/**
 * `data` compressed as a single xz block, cut out of the one-block stream liblzma writes. Blocks
 * compressed apart can be joined into one stream under a new index (`xzFrame`), as multi-threaded
 * xz does: apt reads one xz stream only, so concatenated streams would not do.
 */
async function xzBlock(data, preset = 6) {
    const stream = await xz(data, preset);
    const fail = (why) => {
        throw new Error(`xz encoder output: ${why}`);
    };
    if (!stream.subarray(0, 6).equals(XZ_MAGIC) || !stream.subarray(6, 8).equals(XZ_FLAGS))
        fail('not a CRC64 xz stream');
    const footer = stream.subarray(stream.length - 12);
    const indexSize = (footer.readUInt32LE(4) + 1) * 4;
    const indexStart = stream.length - 12 - indexSize;
    let at = 1; // the index indicator byte
    const read = () => {
        const [value, next] = readVarint(stream.subarray(indexStart), at);
        at = next;
        return value;
    };
    if (read() !== 1)
        fail('expected exactly one block');
    const unpaddedSize = read();
    const uncompressedSize = read();
    const bytes = stream.subarray(12, indexStart);
    if (bytes.length !== Math.ceil(unpaddedSize / 4) * 4)
        fail('block size disagrees with its index');
    return { bytes, unpaddedSize, uncompressedSize };
}
/** The stream header, and the index and footer, that make `blocks` (in order) one xz stream. */
/** The xz stream header's length: magic, stream flags, their CRC32. */
const XZ_HEADER_LENGTH = 12;
function xzFrame(blocks) {
    const head = Buffer.concat([XZ_MAGIC, XZ_FLAGS, le32(crc32(XZ_FLAGS))]);
    const indexBody = Buffer.concat([
        Buffer.from([0x00]),
        varint(blocks.length),
        ...blocks.flatMap((b) => [varint(b.unpaddedSize), varint(b.uncompressedSize)])
    ]);
    const index = Buffer.concat([indexBody, Buffer.alloc((4 - (indexBody.length % 4)) % 4)]);
    const indexWithCrc = Buffer.concat([index, le32(crc32(index))]);
    const footerBody = Buffer.concat([le32(indexWithCrc.length / 4 - 1), XZ_FLAGS]);
    const tail = Buffer.concat([indexWithCrc, le32(crc32(footerBody)), footerBody, Buffer.from('YZ')]);
    return { head, tail };
}
function readVarint(buf, at) {
    let value = 0;
    for (let shift = 1;; shift *= 128) {
        if (at >= buf.length)
            throw new Error('xz encoder output: truncated index');
        const byte = buf[at++];
        value += (byte & 0x7f) * shift;
        if (byte < 0x80)
            return [value, at];
    }
}
function le32(n) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n >>> 0);
    return b;
}
function varint(n) {
    const out = [];
    while (n >= 0x80) {
        out.push((n & 0x7f) | 0x80);
        n = Math.floor(n / 128);
    }
    out.push(n);
    return Buffer.from(out);
}

/**
 * Segmented index files. An index (apt's Packages, dnf's primary.xml.gz, ...) is written as a
 * run of segments, each compressed on its own, and the published file is their concatenation:
 * gzip readers decompress concatenated members as one stream (RFC 1952, 2.2) and xz readers
 * concatenated streams (the .xz format, 2.1.1), so the result is an ordinary index to apt and dnf.
 *
 * What it buys: a publish that adds one package compresses one small new segment and copies the
 * bytes of the others; only a segment that loses a package is re-compressed. Segments are kept
 * few by merging the newest ones, like the carries of a binary counter, so every entry is
 * re-compressed O(log n) times over its life, and never more than MAX_SEGMENT_ENTRIES at once.
 */
/** The most entries one merge re-compresses: bounds the worst case of a single publish. */
const MAX_SEGMENT_ENTRIES = 2048;
const countOf = (p) => ('keep' in p ? p.count : p.build.length);
/**
 * The segments of the next generation: old segments untouched by the change are kept byte for
 * byte; those that lost an entry are rebuilt from their survivors; the added entries form a new
 * segment; then the newest segments merge while the older one is at most twice the newer.
 *
 * `survivors(i)` gives the entries of old segment `i` that stay, or undefined when they all do
 * (then its entries need not be known). `load(i)` gives the entries of an old segment that is
 * merged into a new one.
 */
async function planSegments(old, survivors, added, load, maxEntries = MAX_SEGMENT_ENTRIES) {
    const out = [];
    for (const [i, s] of old.entries()) {
        const kept = survivors(i);
        if (kept === undefined && s.lengths.length > 0)
            out.push({ keep: i, count: s.count });
        else if (kept === undefined)
            out.push({ build: s.entries ?? (await load(i)) });
        else if (kept.length > 0)
            out.push({ build: kept });
    }
    if (added.length > 0)
        out.push({ build: added });
    while (out.length >= 2) {
        const b = out[out.length - 1];
        const a = out[out.length - 2];
        if (countOf(a) > 2 * countOf(b) || countOf(a) + countOf(b) > maxEntries)
            break;
        const entries = async (p) => 'build' in p ? p.build : (old[p.keep].entries ?? (await load(p.keep)));
        out.splice(out.length - 2, 2, { build: [...(await entries(a)), ...(await entries(b))] });
    }
    return out;
}
/**
 * The old segments whose text must be read back: those holding an entry the plan rebuilds and
 * whose text is not in memory (entries known only from a manifest carry none).
 */
function segmentsToRead(old, plan, hasText) {
    const building = new Set(plan.flatMap((p) => ('build' in p ? p.build : [])));
    return old.flatMap((s, i) => (s.entries?.some((e) => building.has(e) && !hasText(e)) ? [i] : []));
}
/** True when the plan is exactly the old segments, in order: nothing to write. */
function unchanged(old, plan) {
    return plan.length === old.length && keptInPlace(plan) === plan.length;
}
/** How many planned segments, from the first, are the old segments at the same places. */
function keptInPlace(plan) {
    let kept = 0;
    while (kept < plan.length && plan[kept].keep === kept)
        kept++;
    return kept;
}
/** Where each segment starts in file `file`, after a head of `head` bytes. */
function segmentOffsets(segments, file, head = 0) {
    const out = [];
    let at = head;
    for (const s of segments) {
        out.push(at);
        at += s.lengths[file];
    }
    return out;
}
/** The bytes of old segment `index` in each file. */
function segmentBytes(segments, bodies, index, heads = []) {
    return bodies.map((body, file) => {
        if (segments[index].lengths[file] === undefined)
            throw new Error(`segment ${index}: no length for file ${file}`);
        const start = segmentOffsets(segments, file, heads[file] ?? 0)[index];
        return body.subarray(start, start + segments[index].lengths[file]);
    });
}
/** The lengths each planned segment will have (kept ones as they were). */
function plannedLengths(plan, built, old) {
    return plan.map((p, i) => 'keep' in p
        ? old[p.keep].lengths
        : [...built[i].bytes.map((b) => b.length), ...(built[i].extra ?? [])]);
}

/**
 * Resumable index digests. apt's Release lists the MD5, SHA256 and SHA512 of each index file, and
 * dnf's repomd.xml the SHA256 of each repodata file, compressed and open; an index is written as
 * segments of which a publish usually keeps all but the last (see `segments.ts`). Saving the hash
 * states at each segment boundary lets the next publish resume from the last kept segment and
 * hash only the bytes after it, instead of the whole file.
 *
 * node:crypto cannot export a hash state, so this uses hash-wasm, whose MD5 and SHA-2 save and
 * load theirs. Only the digests of the whole file leave this module; the states stay opaque.
 */
/** The installed hash-wasm; a test checks it against node_modules, so an upgrade bumps it. */
const HASH_WASM_VERSION = '4.13.0';
const SETS = {
    apt: { tag: `d1.hw${HASH_WASM_VERSION}:`, names: ['md5', 'sha256', 'sha512'] },
    sha256: { tag: `s1.hw${HASH_WASM_VERSION}:`, names: ['sha256'] }
};
/**
 * The hash-wasm hashers are fed whole 128-byte blocks only (SHA-512's block; MD5's and SHA-256's
 * 64 divides it), the rest carried in the state by us. Fed that way their saved state is the
 * same for the same bytes however they were split; fed arbitrary pieces it also keeps leftovers
 * of earlier input in the unused end of its block buffer, and so depends on the splits.
 */
const BLOCK = 128;
const SIZE_BYTES = 8;
const CHECK_BYTES = 8;
// Loaded on the first call only, so a run that writes no apt index never loads hash-wasm; the
// hashers are created once per process and reset with load(), since creating one (instantiating
// its WebAssembly) costs more than hashing a small segment. Every use below is synchronous from
// load() to save()/digest(), so concurrent calls cannot interleave on a hasher.
let hashers;
async function loadHashers() {
    hashers ??= createHashers();
    try {
        return await hashers;
    }
    catch (err) {
        hashers = undefined; // a later call tries again rather than repeating a stale failure
        throw new Error(`cannot load the index hashers (hash-wasm): ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
}
// Outside any try block: rollup keeps everything a try block reaches (treeshake
// tryCatchDeoptimization), which would bundle all ~30 of hash-wasm's algorithms (272 KB, each an
// inlined WebAssembly binary). Destructured where imported, so only these three are kept (54 KB).
async function createHashers() {
    const { createMD5, createSHA256, createSHA512 } = await import('./index.esm-De9eORvV.js');
    const [md5, sha256, sha512] = await Promise.all([createMD5(), createSHA256(), createSHA512()]);
    // init() would not clear what a digest() left in the block buffer; load(clean) does.
    const entry = (hasher) => ({ hasher, clean: hasher.save() });
    return { md5: entry(md5), sha256: entry(sha256), sha512: entry(sha512) };
}
async function hashersOf(set) {
    const loaded = await loadHashers();
    const { tag, names } = SETS[set];
    return { tag, all: names.map((n) => loaded[n].hasher), clean: names.map((n) => loaded[n].clean) };
}
async function resumeDigests(from, parts, tail = new Uint8Array(0), set = 'apt') {
    const hashers = await hashersOf(set);
    const { all, clean } = hashers;
    let size = 0;
    let carry = new Uint8Array(0);
    if (from === undefined) {
        all.forEach((h, i) => h.load(clean[i]));
    }
    else {
        const loaded = loadState(hashers, from);
        if (!loaded)
            return undefined;
        ({ size, carry } = loaded);
    }
    const update = (bytes) => {
        if (bytes.length > 0)
            for (const h of all)
                h.update(bytes);
    };
    const states = [];
    for (const part of parts) {
        carry = feedBlocks(update, carry, part);
        size += part.length;
        states.push({ size, state: saveState(hashers, size, carry) });
    }
    update(carry);
    update(tail);
    size += tail.length;
    const digests = { size, md5: '', sha1: '', sha256: '', sha512: '' };
    SETS[set].names.forEach((name, i) => (digests[name] = all[i].digest('hex')));
    return { digests, states };
}
/**
 * Feeds the hashers the whole blocks of `carry + data` and returns what is left (under a block).
 * Only the first block is copied; the rest is hashed in place.
 */
function feedBlocks(update, carry, data) {
    let at = 0;
    if (carry.length > 0) {
        const need = BLOCK - carry.length;
        if (data.length < need)
            return concat(carry, data);
        update(concat(carry, data.subarray(0, need)));
        at = need;
    }
    const end = at + Math.floor((data.length - at) / BLOCK) * BLOCK;
    update(data.subarray(at, end));
    return data.subarray(end);
}
function concat(a, b) {
    const out = new Uint8Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
}
/** Layout after the tag, base64: size (u64 LE), the three hash-wasm states, the carry, a check. */
function saveState({ tag, all }, size, carry) {
    const head = Buffer.alloc(SIZE_BYTES);
    head.writeBigUInt64LE(BigInt(size));
    const body = Buffer.concat([head, ...all.map((h) => h.save()), carry]);
    return tag + Buffer.concat([body, check(tag, body)]).toString('base64');
}
/**
 * Loads a saved state into the hashers, or says it cannot. hash-wasm checks that a state is its
 * own build's and of the right length, but would load flipped bytes inside it and give wrong
 * digests; the check bytes (a truncated SHA-256 of the rest) catch that.
 */
function loadState({ tag, all, clean }, from) {
    if (typeof from.state !== 'string' || !from.state.startsWith(tag))
        return undefined;
    if (!Number.isSafeInteger(from.size) || from.size < 0)
        return undefined;
    const encoded = from.state.slice(tag.length);
    const bytes = Buffer.from(encoded, 'base64');
    // Node's decoder skips what is not base64 and stops at padding; only the exact string saved counts.
    if (bytes.toString('base64') !== encoded)
        return undefined;
    const statesLength = clean.reduce((n, s) => n + s.length, 0);
    const carryLength = from.size % BLOCK;
    if (bytes.length !== SIZE_BYTES + statesLength + carryLength + CHECK_BYTES)
        return undefined;
    const body = bytes.subarray(0, bytes.length - CHECK_BYTES);
    if (!check(tag, body).equals(bytes.subarray(body.length)))
        return undefined;
    if (body.readBigUInt64LE(0) !== BigInt(from.size))
        return undefined;
    let at = SIZE_BYTES;
    try {
        all.forEach((h, i) => {
            h.load(body.subarray(at, at + clean[i].length));
            at += clean[i].length;
        });
    }
    catch {
        return undefined; // another build of hash-wasm: its own check refused the state
    }
    return { size: from.size, carry: new Uint8Array(body.subarray(at)) };
}
function check(tag, body) {
    return createHash('sha256').update(tag).update(body).digest().subarray(0, CHECK_BYTES);
}

/**
 * The digests (`set`: apt's MD5, SHA256 and SHA512, or SHA256 alone) of each file of a segmented
 * index's next generation, and the digest state after each of its segments in each file.
 *
 * Hashing resumes after the old segments the plan keeps in place at the start of the index,
 * from the states saved with them, so adding a package hashes only the new segment and the
 * file's tail instead of the whole file. A file whose state cannot be resumed (none saved, or
 * saved by another version) is hashed from its first byte.
 *
 * `partsFrom(first)` gives the bytes of planned segments `first`.. in each file (`[i][f]`), so
 * a kept segment's old bytes are read only when hashing must start before it; `heads[f]` and
 * `tails[f]` frame file f.
 */
async function segmentedDigests(plan, old, partsFrom, frame, set = 'apt') {
    const files = frame.heads.length;
    // The old segments kept where they were, each with a state for every file.
    const inPlace = keptInPlace(plan);
    let kept = 0;
    while (kept < inPlace && old[kept].states?.length === files)
        kept++;
    const digests = [];
    const states = [];
    const after = kept > 0 ? await partsFrom(kept) : [];
    // Every file that cannot resume hashes the same parts: they are got once.
    let fromStart;
    for (let f = 0; f < files; f++) {
        const resumed = kept > 0
            ? await resumeDigests(old[kept - 1].states[f], after.map((p) => p[f]), frame.tails[f], set)
            : undefined;
        if (resumed) {
            digests.push(resumed.digests);
            states.push([...old.slice(0, kept).map((s) => s.states[f]), ...resumed.states]);
            continue;
        }
        // From the first byte: the head is a part of its own, whose state nobody needs.
        const bytes = (await (fromStart ??= partsFrom(0))).map((p) => p[f]);
        const whole = await resumeDigests(undefined, [frame.heads[f], ...bytes], frame.tails[f], set);
        digests.push(whole.digests);
        states.push(whole.states.slice(1));
    }
    // Per segment, then per file, as a manifest keeps them.
    return { digests, states: plan.map((_, i) => states.map((perFile) => perFile[i])) };
}

/**
 * Each segment's xz block is compressed once and copied from then on; preset 1 (1 MiB
 * dictionary) already spans a whole segment and keeps adding one package quick.
 */
const XZ_PRESET = 1;
/**
 * The files of one architecture's next index: Packages, Packages.gz, Packages.xz and the segment
 * manifest, or undefined when its segments stay as they are.
 *
 * A publish that appends keeps the old files' bytes up to its first new segment; a store that
 * can extend an object (the file store: a copy inside the kernel) writes only the new bytes
 * after them, and the old files are not read at all. Otherwise the files are put whole.
 */
async function nextIndex(o, arch, index, 
/** What the snapshot's Release lists: where the old index files are, by hash. */
listed, change) {
    const old = index.segments;
    const plan = await planSegments(old, change.survivors, change.added, async (i) => (old[i].entries ??= await index.load(old[i])));
    // Unchanged only when its files were written with a manifest (a first publish writes empty ones).
    if (index.segmented && change.added.length === 0 && unchanged(old, plan))
        return undefined;
    const oldKeys = INDEX_FILES.map((n) => {
        const sha256 = listed.get(`${indexDir(arch)}/${n}`)?.sha256;
        return sha256 === undefined ? undefined : byHash(o.prefix, arch, sha256);
    });
    const oldKey = (f) => {
        const key = oldKeys[f];
        const shown = `${dists(o.prefix)}/${indexDir(arch)}/${INDEX_FILES[f]}`;
        if (!key)
            throw new Error(`${o.store.location}/${shown}: not listed in the Release`);
        return key;
    };
    // The old files' bytes, read only when some must be copied by us.
    let oldBodies;
    const bodies = async () => (oldBodies ??= await Promise.all(INDEX_FILES.map((n, f) => readListed(o.store, oldKey(f), 'the Release', {
        shown: `${dists(o.prefix)}/${indexDir(arch)}/${n}`
    }))));
    // The old xz stream's header is the same as the new one's: its blocks begin after it.
    const heads = [0, 0, XZ_HEADER_LENGTH];
    // Texts of old entries being rebuilt come from their old segment's plain bytes.
    const toRead = segmentsToRead(old, plan, (e) => e.text !== undefined);
    await Promise.all(toRead.map(async (i) => {
        const start = segmentOffsets(old, LENGTH.plain)[i];
        const range = { start, end: start + old[i].lengths[LENGTH.plain] };
        const plain = await readListedRange(o.store, oldKey(LENGTH.plain), range, 'the Release');
        const texts = segmentStanzas(plain);
        old[i].entries.forEach((e, j) => (e.text = texts[j]));
    }));
    const built = await Promise.all(plan.map(async (p) => {
        if ('keep' in p)
            return undefined;
        const plain = Buffer.from(segmentText(p.build));
        const block = await xzBlock(plain, XZ_PRESET);
        return { bytes: [plain, gzip(plain), block.bytes], extra: [block.unpaddedSize] };
    }));
    // Packages.xz is one stream: its blocks (one per segment) under an index of them all.
    const lengths = plannedLengths(plan, built, old);
    const xzBlocks = lengths.map((l) => ({
        unpaddedSize: l[LENGTH.xzUnpadded],
        uncompressedSize: l[LENGTH.plain]
    }));
    const xz = xzFrame(xzBlocks);
    const none = Buffer.alloc(0);
    const frame = {
        heads: [none, none, xz.head],
        // An index with no package is still a valid (empty) compressed file.
        tails: [none, plan.length === 0 ? gzip('') : none, xz.tail]
    };
    const offsets = INDEX_FILES.map((_, f) => segmentOffsets(old, f, heads[f]));
    // The old segments kept in place at the start: their bytes stay where they are.
    const leading = keptInPlace(plan);
    const moved = plan.slice(leading).some((p) => 'keep' in p);
    /** Planned segment i's bytes in each file, from the old files when it is kept. */
    const bytesOf = async (i) => {
        const p = plan[i];
        if (!('keep' in p))
            return built[i].bytes;
        return segmentBytes(old, await bodies(), p.keep, heads);
    };
    const partsFrom = (first) => Promise.all(plan.slice(first).map((_, j) => bytesOf(first + j)));
    const { digests, states } = await segmentedDigests(plan, old, partsFrom, frame);
    // Only a store that also copies: the other names of a file it extends are copies of it.
    const extend = o.store.extend !== undefined && o.store.copy !== undefined && leading > 0 && !moved;
    // The bytes this publish writes: after the kept start when extending, else all of them.
    const parts = await partsFrom(extend ? leading : 0);
    const files = INDEX_FILES.map((name, f) => {
        const written = [...parts.map((b) => b[f]), frame.tails[f]];
        if (!extend)
            return { name, digests: digests[f], body: Buffer.concat([frame.heads[f], ...written]) };
        const keep = offsets[f][leading - 1] + old[leading - 1].lengths[f];
        return { name, digests: digests[f], extend: { from: oldKey(f), keep, append: written } };
    });
    const segments = plan.map((p, i) => 'keep' in p ? old[p.keep] : { count: p.build.length, lengths: lengths[i], entries: p.build });
    const { segments: described, objects: entryObjects } = storeSegments(segments, ENTRY_CODEC$1, (sha) => entriesKey$1(o.prefix, arch, sha));
    const stored = described.map((s, i) => ({ ...s, states: states[i] }));
    const manifest = Buffer.from(renderManifest$1({
        packagesSha256: files[0].digests.sha256,
        retention: change.retention,
        segments: stored
    }));
    files.push({ name: MANIFEST_FILE, body: manifest, digests: indexDigests(manifest) });
    return { files, segments: stored, entryObjects };
}
/** What a copy of an index file needs to know: its bytes, for a store that cannot copy. */
const copied = (file) => ({
    bytes: file.body,
    sha256: file.digests.sha256,
    size: file.digests.size
});

/**
 * Finishing a committed generation: the files that follow a repository's commit point (the
 * signed index) are brought in line with it. A commit point and what follows it cannot change
 * in one atomic step, so two things can leave them apart: a publish that stopped between them
 * (killed, or a store that failed mid-way), and racing publishes, where one that committed
 * earlier writes its followers after one that committed later. So every publish, after its own
 * commit and also when it has nothing to add (a re-run), looks at the current commit point,
 * writes only what does not match it, and looks again: when the commit point moved meanwhile,
 * it finishes the newer one. Whoever commits last finishes last, so the store settles on the
 * files of the current generation.
 */
/** How often the commit point may move under one finishing publish before it leaves the rest to the others. */
const ROUNDS = 20;
/**
 * Runs `finish` on the current version of `key` until that version no longer changes under it.
 * `finish` is handed the object's text; it returns nothing when the object is absent.
 */
async function followCommitPoint(o, key, finish) {
    let current = await readVersioned(o.store, key);
    for (let round = 1; current && round <= ROUNDS; round++) {
        await finish(current.text);
        const after = await readVersioned(o.store, key);
        if (after?.etag === current.etag)
            return;
        current = after;
    }
}
/** True when `signature` holds a valid detached signature over `data` by every signing key. */
async function signedByAll(data, signature, keys) {
    if (!signature)
        return false;
    try {
        const verified = await verify({
            message: await createMessage({ binary: Buffer.from(data, 'utf8') }),
            signature: await readSignature({ armoredSignature: signature.toString('utf8') }),
            verificationKeys: keys.keys.map((k) => k.toPublic()),
            expectSigned: false
        });
        const valid = await Promise.all(verified.signatures.map(async (s) => {
            try {
                await s.verified;
                return s.keyID.toHex();
            }
            catch {
                return undefined;
            }
        }));
        // Every key signs (a rotation signs with old and new): each one must have a valid signature.
        return keys.keys.every((k) => k
            .getKeys()
            .some((sub) => valid.some((id) => id !== undefined && sub.getKeyID().toHex() === id)));
    }
    catch {
        return false;
    }
}
/** Writes `key` = `text` unless it holds these bytes already. */
async function ensureText(o, key, text, contentType) {
    if ((await readObject(o.store, key))?.toString('utf8') === text)
        return;
    await o.uploader.bytes(key, text, contentType === 'text/html' ? 'listing' : 'index', contentType);
}
/**
 * Writes the detached signature `key` of `text` unless it holds a valid one already. The
 * publish that committed `text` signed it beforehand (`presigned`): it writes that at once.
 */
async function ensureSignature(o, key, text, presigned) {
    if (presigned?.text === text) {
        await o.uploader.bytes(key, presigned.signature, 'signature');
        return;
    }
    if (await signedByAll(text, await readObject(o.store, key), o.keys))
        return;
    o.log.debug(`${key} does not sign the current index: signing it`);
    await o.uploader.bytes(key, await detachSign(text, o.keys), 'signature');
}
/**
 * apt: Release and Release.gpg hold what InRelease signs, and every plain index file
 * (Packages, .gz, .xz) the bytes Release lists for it, copied from its by-hash name (which is
 * content-addressed, so always right): clients with by-hash turned off read the plain names.
 */
function finishApt(o, presigned) {
    const base = dists(o.prefix);
    return followCommitPoint(o, `${base}/InRelease`, async (inRelease) => {
        const release = releaseText(inRelease);
        const listed = releaseFiles(release, `${base}/InRelease`);
        const plain = [...listed].filter(([name]) => INDEX_FILES.includes(name.slice(name.lastIndexOf('/') + 1)));
        await Promise.all([
            ensureText(o, `${base}/Release`, release),
            ensureSignature(o, `${base}/Release.gpg`, release, presigned),
            ...plain.map(async ([name, { sha256, size }]) => {
                const dir = name.slice(0, name.lastIndexOf('/'));
                const from = `${base}/${dir}/by-hash/SHA256/${sha256}`;
                const to = `${base}/${name}`;
                const [source, target] = await Promise.all([o.store.head(from), o.store.head(to)]);
                // Copies share their source's etag (a hard link, a server-side copy): nothing to read.
                if (!source || (target && target.etag === source.etag))
                    return;
                if (target?.size === size) {
                    const bytes = await readObject(o.store, to);
                    if (bytes && sha256Hex(bytes) === sha256)
                        return;
                }
                const body = o.store.copy ? undefined : await readObject(o.store, from);
                await o.uploader.copy(from, to, { bytes: body, sha256, size }, 'index');
            })
        ]);
    });
}
/** dnf: repomd.xml.asc is a valid signature of the current repomd.xml. */
function finishDnf(o, presigned) {
    const key = `${o.prefix}/repodata/repomd.xml`;
    return followCommitPoint(o, key, async (repomd) => {
        parseRepomd(repomd);
        await ensureSignature(o, `${key}.asc`, repomd, presigned);
    });
}

/**
 * One apt repository in the store (`packages/deb` or `packages/deb-dev`): package files in
 * `stable/`, suite `stable`, component `main`. A publish is a transaction: packages first, then
 * content-addressed indexes (by-hash), then the plain indexes, and last InRelease, written with
 * a compare-and-swap on the generation it merged into, then Release and Release.gpg.
 *
 * Its parts: where the files are (apt-layout.ts), reading the signed generation
 * (apt-snapshot.ts), merging a change into it (apt-merge.ts), and the next index files
 * (apt-index.ts).
 */
/**
 * apt fetches by-hash under the strongest hash the Release lists (SHA512 here); SHA256 copies
 * serve older clients. MD5 stays listed in Release for completeness but has no by-hash copies.
 */
const HASH_DIRS = [
    ['SHA256', 'sha256'],
    ['SHA512', 'sha512']
];
/**
 * Writes a new generation of the indexes, retrying the merge when another publish committed
 * first. Returns what changed. Package files must already be in the store.
 */
async function commitApt(change, o) {
    const superseded = listSuperseded(o.store, `${dists(o.prefix)}/${COMPONENT}/`);
    const { snapshot, release, releaseGpg, commit, keepEntries, names } = await retryOnConflict(async (attempt) => {
        const snapshot = attempt === 1 && o.snapshot ? o.snapshot : await readAptSnapshot(o.store, o.prefix);
        const { indexes, commit } = await mergeApt(snapshot, change);
        const previous = snapshot.release
            ? releaseDigests(snapshot.release, `${dists(o.prefix)}/InRelease`)
            : new Map();
        // A repository keeps its compression set: Packages.xz only where the Release had it (a
        // new repository gets it), so another tool that lists every Packages* file it finds
        // never lists one that no one rewrites.
        const names = indexNames(snapshot.release, previous);
        const files = [];
        // Each new index file is written once, under its SHA256; its other names are copies.
        const written = [];
        const next = await Promise.all(ARCHITECTURES.map((arch) => nextIndex(o, arch, snapshot.indexes.get(arch), previous, indexes.get(arch))));
        // Entry objects this generation's manifests name, or the previous one's, stay (as long as
        // the by-hash files of both).
        const keepEntries = new Set(ARCHITECTURES.flatMap((arch, i) => [...(next[i]?.segments ?? []), ...snapshot.indexes.get(arch).segments].map((s) => entriesKey$1(o.prefix, arch, s.entriesSha256))));
        for (const [i, arch] of ARCHITECTURES.entries()) {
            const dir = indexDir(arch);
            const index = next[i];
            // An index that did not change keeps its files and their listing: nothing to write.
            if (!index) {
                for (const n of names) {
                    const listed = previous.get(`${dir}/${n}`);
                    if (!listed)
                        throw new Error(`${dists(o.prefix)}/Release does not list ${dir}/${n}`);
                    files.push({ path: `${dir}/${n}`, digests: listed });
                }
                continue;
            }
            for (const file of index.files) {
                const { name, digests } = file;
                if (!names.includes(name))
                    continue;
                files.push({ path: `${dir}/${name}`, digests });
                // Every file the Release lists is served under each of its hashes (the manifest is only
                // ever read that way; apt reads the indexes by either name).
                const [first, ...others] = HASH_DIRS.map(([hashDir, hash]) => `${dists(o.prefix)}/${dir}/by-hash/${hashDir}/${digests[hash]}`);
                written.push({
                    byHash: first,
                    copies: others,
                    plain: name === MANIFEST_FILE ? undefined : `${dists(o.prefix)}/${dir}/${name}`,
                    file
                });
            }
        }
        // The Release names only digests, known now: it is signed (below) while the files are
        // written, Release.gpg too, so the commit follows the last copy and Release.gpg follows it.
        const kept = snapshot.release ? keptReleaseFields(snapshot.release) : {};
        const release = renderRelease({
            origin: kept.origin ?? o.origin ?? o.prefix,
            label: kept.label ?? o.label ?? o.origin ?? o.prefix,
            suite: kept.suite ?? SUITE,
            codename: kept.codename ?? SUITE,
            description: kept.description,
            date: (o.now ?? (() => new Date()))(),
            architectures: kept.architectures ? [kept.architectures] : ARCHITECTURES,
            components: [COMPONENT],
            files
        });
        // Safe order: the packages and the content-addressed files (the entry objects the
        // manifests name, the indexes by hash) first, then the other names, then the signed Release.
        const writing = Promise.all([
            o.stored,
            ...next.flatMap((n) => (n?.entryObjects ?? []).map((e) => o.uploader.immutable(e.key, e.body, 'index', e.sha256))),
            ...written.map(({ byHash, file }) => file.extend
                ? o.uploader.extend(file.extend, byHash, file.digests.sha256, 'index')
                : o.uploader.immutable(byHash, file.body, 'index', file.digests.sha256))
        ]);
        // Started once the writes are under way: signing takes the event loop for a moment.
        const signed = Promise.all([clearSign(release, o.keys), detachSign(release, o.keys)]);
        signed.catch(() => { }); // awaited below; a write that fails first leaves it unread
        await writing;
        await Promise.all(written.flatMap((w) => [
            // Other by-hash names hold the same bytes if they exist; plain names are replaced.
            ...w.copies.map((to) => o.uploader.copy(w.byHash, to, copied(w.file), 'index', { createOnly: true })),
            ...(w.plain ? [o.uploader.copy(w.byHash, w.plain, copied(w.file), 'index')] : [])
        ]));
        const [inRelease, releaseGpg] = await signed;
        await o.uploader.commit(`${dists(o.prefix)}/InRelease`, inRelease, snapshot.etag, 'signature');
        return { snapshot, release, releaseGpg, commit, keepEntries, names };
    }, mergingAgain(o.log, o.prefix));
    // Release, Release.gpg and the plain indexes follow InRelease (the current one: a publish
    // that committed after this one is finished too); what no generation names goes meanwhile.
    await Promise.all([
        finishApt(o, { text: release, signature: releaseGpg }),
        pruneApt(o, superseded, [release, snapshot.release ?? ''], keepEntries),
        deleteUnlisted(o, names)
    ]);
    // Packages that left the indexes go once every signed index names the new generation.
    await deletePackageFiles(o.store, o.prefix, commit.removedFiles, o.log);
    return commit;
}
/** The files of each index this generation lists: INDEX_FILES, less Packages.xz where the Release had none. */
function indexNames(release, previous) {
    const xz = release === undefined || [...previous.keys()].some((p) => p.endsWith('/Packages.xz'));
    return [...INDEX_FILES, MANIFEST_FILE].filter((n) => xz || n !== 'Packages.xz');
}
/**
 * Deletes the compressed indexes another tool left beside ours that the new Release does not
 * list (Falco's Packages.bz2, a Packages.xz we no longer write): they would go stale, and a
 * tool listing every Packages* file it finds would publish them again. apt falls back to
 * another compression when one it read of in an older Release is gone.
 */
async function deleteUnlisted(o, names) {
    const stale = ['Packages.bz2', 'Packages.xz', 'Packages.lzma', 'Packages.zst'].filter((n) => !names.includes(n));
    await Promise.all(ARCHITECTURES.flatMap((arch) => stale.map(async (n) => {
        const key = `${dists(o.prefix)}/${indexDir(arch)}/${n}`;
        if (await o.store.head(key))
            await o.store.delete(key);
    })));
}
/**
 * Prunes what neither of `releases` (the generation committed and the one before it) nor the
 * current one (another publish may have committed since) names.
 */
async function pruneApt(o, superseded, releases, keepEntries) {
    const current = await readAptSnapshot(o.store, o.prefix);
    for (const [arch, index] of current.indexes)
        for (const s of index.segments)
            keepEntries.add(entriesKey$1(o.prefix, arch, s.entriesSha256));
    await pruneSuperseded(o.store, superseded, prunableIn([...releases, current.release ?? ''], keepEntries), o.log);
}
/**
 * What a publish may delete under `dists/<suite>/main/`: by-hash copies listed by neither the
 * current nor the previous Release, and entry objects neither generation's manifests name.
 */
function prunableIn(releases, keepEntries) {
    const keep = new Set(releases.flatMap(releaseFilesAllHashes));
    return (key) => key.includes('/by-hash/')
        ? !keep.has(path.posix.basename(key))
        : key.includes(`/${ENTRIES_DIR$1}/`) && !keepEntries.has(key);
}
function releaseFilesAllHashes(release) {
    return [...release.matchAll(/^ ([0-9a-f]{32,128}) +\d+ \S+$/gm)].map((m) => m[1]);
}

/**
 * How the repodata's primary, filelists and other `.xml.gz` are cut: each file is a gzip member
 * opening the XML, one member per segment, and a member closing it. The manifest gives the
 * opening members' lengths, each segment's member lengths and count, the SHA-256 states after it
 * (see `RpmSegment`), where the list of its packages is kept and a filter of their names and
 * files (see segment-entries.ts). It is a repomd.xml entry of our own type (dnf fetches only the
 * types it knows), so a publish reads the generation repomd.xml names.
 */
const SEGMENTS_TYPE = 'falco-publish-segments';
/** The folder, in repodata/, of the objects listing each segment's packages. */
const ENTRIES_DIR = 'repodata/falco-publish-segments';
const FORMAT = 'falco-publish rpm segments 3';
/**
 * Earlier layouts, still read so a repository they wrote goes on incrementally: 2 kept no digest
 * states and opened the XML with a package count; 1 also listed the entries inline.
 */
const FORMAT_2 = 'falco-publish rpm segments 2';
const FORMAT_1 = 'falco-publish rpm segments 1';
/**
 * The files a segment's `states` are given for, in order: the three `.xml.gz` (XML_FILES' order),
 * then the same three XML uncompressed (repomd.xml's open-checksum).
 */
const DIGESTED_FILES = 2 * XML_FILES.length;
const ENTRY_CODEC = {
    format: 'falco-publish rpm segment entries 1',
    toRow: (r) => [
        r.name,
        r.epoch,
        r.version,
        r.release,
        r.arch,
        r.location,
        r.sha256,
        r.size,
        r.sourceSha256 ?? r.sha256
    ],
    fromRow: ([name, epoch, version, release, arch, location, sha256, size, sourceSha256]) => ({
        name,
        epoch,
        version,
        release,
        arch,
        location,
        sha256,
        size,
        sourceSha256
    }),
    keys: (r) => lookupKeys(r.name, r.location)
};
function renderManifest(m) {
    return JSON.stringify({
        format: FORMAT,
        primarySha256: m.primarySha256,
        heads: m.heads,
        retention: m.retention ?? null,
        segments: m.segments.map((s) => ({ ...segmentRef(s), states: s.states ?? null }))
    });
}
function parseManifest(text, where) {
    const raw = parseJson(text, where);
    if ((raw.format !== FORMAT && raw.format !== FORMAT_2 && raw.format !== FORMAT_1) ||
        !raw.primarySha256 ||
        raw.heads?.length !== 3) {
        throw new Error(`${where}: not a segment manifest this version of falco-publish reads`);
    }
    if (!Array.isArray(raw.segments))
        throw new Error(`${where}: no segment list`);
    return {
        primarySha256: raw.primarySha256,
        heads: raw.heads,
        retention: typeof raw.retention === 'number' ? raw.retention : undefined,
        segments: raw.format === FORMAT_1
            ? inlineSegments(raw.segments, ENTRY_CODEC)
            : segmentsWithStates(raw.segments, where, DIGESTED_FILES)
    };
}

/**
 * Reading repodata another tool wrote (createrepo_c, createrepo) into records, so a publish
 * adopts the repository as it is: every package it lists stays listed with its XML exactly as
 * that tool rendered it, and no package file is read or rewritten.
 *
 * The XML is machine-written, one `<package>` element after another: each is cut out whole and
 * only the fields merging needs (name, EVR, arch, checksum, location, size) are read from it.
 */
const unescape = (s) => s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e) => {
    const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (named[e.toLowerCase()])
        return named[e.toLowerCase()];
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
});
/** The `<package ...>...</package>` elements of one XML file, each ending with a newline. */
function packageElements(xml) {
    const out = [];
    const close = '</package>';
    let at = 0;
    for (;;) {
        const start = xml.indexOf('<package', at);
        if (start < 0)
            return out;
        const end = xml.indexOf(close, start);
        if (end < 0)
            return out;
        out.push(xml.slice(start, end + close.length) + '\n');
        at = end + close.length;
    }
}
const attr = (tag, name) => {
    const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
    return m ? unescape(m[1]) : undefined;
};
const element = (xml, name) => {
    const m = new RegExp(`<${name}(?:\\s[^>]*)?>([^<]*)</${name}>`).exec(xml);
    return m ? unescape(m[1]) : undefined;
};
const tagOf = (xml, name) => new RegExp(`<${name}\\s[^>]*>`).exec(xml)?.[0];
/** The identity of a filelists/other element, to pair it with its primary element. */
const pairKey = (pkgid, name, arch, evr) => `${pkgid} ${name}.${arch} ${evr}`;
const evrOf = (version) => `${attr(version, 'epoch') ?? '0'}:${attr(version, 'ver') ?? ''}-${attr(version, 'rel') ?? ''}`;
/**
 * The records of a repository from its primary, filelists and other XML (decompressed). `where`
 * names the repodata in errors. Filelists and other are paired with primary by package id,
 * name, arch and EVR (their order is the same in createrepo_c's output, but nothing needs it).
 */
function importRepodata(xml, where) {
    const pairs = (text) => {
        const out = new Map();
        for (const el of packageElements(text)) {
            const open = /^<package\s[^>]*>/.exec(el)?.[0] ?? '';
            const version = tagOf(el, 'version') ?? '';
            const key = pairKey(attr(open, 'pkgid') ?? '', attr(open, 'name') ?? '', attr(open, 'arch') ?? '', evrOf(version));
            const list = out.get(key);
            if (list)
                list.push(el);
            else
                out.set(key, [el]);
        }
        return out;
    };
    const filelists = pairs(xml.filelists);
    const other = pairs(xml.other);
    return packageElements(xml.primary).map((el, i) => {
        const name = element(el, 'name');
        const arch = element(el, 'arch');
        const version = tagOf(el, 'version');
        const checksumTag = tagOf(el, 'checksum');
        const checksum = /<checksum\s[^>]*>([0-9a-fA-F]+)<\/checksum>/.exec(el)?.[1];
        const location = attr(tagOf(el, 'location') ?? '', 'href');
        const size = Number(attr(tagOf(el, 'size') ?? '', 'package'));
        if (!name || !arch || !version || !checksumTag || !checksum || !location) {
            throw new Error(`${where}: package ${i + 1} of primary.xml lacks its name, arch, version, checksum or location; ` +
                `regenerate the repodata with createrepo_c, or start the repository anew`);
        }
        const type = attr(checksumTag, 'type') ?? 'sha256';
        const evr = evrOf(version);
        const key = pairKey(checksum, name, arch, evr);
        const take = (from, file) => {
            const found = from.get(key)?.shift();
            if (found === undefined)
                throw new Error(`${where}: ${file}.xml does not list ${name}-${evr}.${arch} (pkgid ${checksum}), which primary.xml lists; ` +
                    `regenerate the repodata with createrepo_c`);
            return found;
        };
        return {
            name,
            epoch: Number(attr(version, 'epoch') ?? '0') || 0,
            version: attr(version, 'ver') ?? '',
            release: attr(version, 'rel') ?? '',
            arch,
            location,
            // A checksum of another type cannot equal a file's SHA-256: it is kept prefixed, so a
            // file published again under that name is compared, never taken for the same bytes.
            sha256: type === 'sha256' ? checksum.toLowerCase() : `${type}:${checksum}`,
            size: Number.isFinite(size) ? size : 0,
            primary: el,
            filelists: take(filelists, 'filelists'),
            other: take(other, 'other')
        };
    });
}
/** Which tool wrote a repomd.xml, as far as it shows: createrepo_c lists open sizes. */
function repodataWriter(repomd) {
    return /<open-size>/.test(repomd) ? 'createrepo_c' : 'createrepo';
}
/** Every data entry of a repomd.xml, whichever tool wrote it: type -> location and checksum. */
function repomdFiles(xml) {
    const out = new Map();
    for (const m of xml.matchAll(/<data\s+type="([^"]+)"\s*>([\s\S]*?)<\/data>/g)) {
        const href = attr(tagOf(m[2], 'location') ?? '', 'href');
        const sum = /<checksum\s+type="([^"]+)"\s*>\s*([0-9a-fA-F]+)\s*<\/checksum>/.exec(m[2]);
        if (href)
            out.set(m[1], {
                location: href,
                checksum: sum ? { type: sum[1], value: sum[2].toLowerCase() } : undefined
            });
    }
    return out;
}

const entriesKey = (prefix, sha256) => `${prefix}/${ENTRIES_DIR}/${sha256}.json`;
async function readDnfSnapshot(store, prefix) {
    const current = await readVersioned(store, `${prefix}/repodata/repomd.xml`);
    if (!current)
        return { segments: [], load: () => Promise.resolve([]) };
    const data = parseRepomd(current.text);
    const where = `${prefix}/repodata/repomd.xml`;
    const listed = data.get(SEGMENTS_TYPE);
    // Written by another tool: its packages are read from its XML.
    if (!listed)
        return adoptRepodata(store, prefix, current);
    const manifest = parseManifest((await readListed(store, `${prefix}/${listed.location}`, 'repomd.xml', {
        sha256: listed.sha256
    })).toString('utf8'), `${where} (${SEGMENTS_TYPE})`);
    // Rewritten by another tool since (createrepo --update keeps our entry): read its XML.
    if (manifest.primarySha256 !== data.get('primary')?.sha256)
        return adoptRepodata(store, prefix, current);
    const keys = XML_FILES.map((f) => `${prefix}/${data.get(f.type).location}`);
    let bodies;
    return {
        etag: current.etag,
        repomd: current.text,
        segments: manifest.segments,
        retention: manifest.retention,
        layout: {
            keys,
            heads: manifest.heads,
            bodies: () => (bodies ??= Promise.all(keys.map((key) => readListed(store, key, 'repomd.xml'))))
        },
        load: async (s) => {
            const key = entriesKey(prefix, s.entriesSha256);
            const body = await readListed(store, key, `${where} (${SEGMENTS_TYPE})`);
            return parseSegmentEntries(body, s, ENTRY_CODEC, `${store.location}/${key}`);
        }
    };
}
/**
 * The generation of repodata another tool wrote: its records, their XML as that tool rendered
 * it, one segment of them, which the next publish re-compresses in our layout. Each file is
 * checked against the checksum repomd.xml lists for it.
 */
async function adoptRepodata(store, prefix, current) {
    const where = `${store.location}/${prefix}/repodata/repomd.xml`;
    const files = repomdFiles(current.text);
    const xml = await Promise.all(XML_FILES.map(async (f) => {
        const listed = files.get(f.type);
        if (!listed)
            throw new Error(`${where} lists no ${f.type} file; regenerate the repodata with createrepo_c, or start the repository anew`);
        const key = `${prefix}/${listed.location}`;
        const body = await readListed(store, key, 'repomd.xml', {
            sha256: listed.checksum?.type === 'sha256' ? listed.checksum.value : undefined
        });
        return Buffer.from(await decompressMember(listed.location, body)).toString('utf8');
    }));
    const records = importRepodata({ primary: xml[0], filelists: xml[1], other: xml[2] }, where);
    const segments = records.length
        ? [{ count: records.length, lengths: [], entries: records, entriesSha256: '', filter: '' }]
        : [];
    return {
        etag: current.etag,
        repomd: current.text,
        segments,
        load: () => Promise.resolve(records),
        adopted: {
            packages: records.length,
            from: `${repodataWriter(current.text)} repodata (${path.posix.basename(files.get('primary').location).replace(/^[0-9a-f]{32,}-/, '')})`
        }
    };
}
/**
 * The sha256 each of `files` (names at the repository's root) was published from, for those
 * the repodata lists: the file as given, before its header was signed.
 */
function publishedSources(snapshot, files) {
    return publishedDigests([snapshot], files, (r) => r.location, (r) => r.sourceSha256 ?? r.sha256);
}

/** rpm's version ordering (rpmvercmp) over `epoch:version-release`: retention keeps the newest. */
function compareRpmEvr(a, b) {
    return a.epoch - b.epoch || rpmvercmp(a.version, b.version) || rpmvercmp(a.release, b.release);
}
function rpmvercmp(a, b) {
    if (a === b)
        return 0;
    const sa = a.match(/~|\^|[0-9]+|[A-Za-z]+/g) ?? [];
    const sb = b.match(/~|\^|[0-9]+|[A-Za-z]+/g) ?? [];
    let i = 0;
    for (; i < sa.length && i < sb.length; i++) {
        const x = sa[i];
        const y = sb[i];
        if (x === y)
            continue;
        if (x === '~' || y === '~')
            return x === '~' ? -1 : 1;
        if (x === '^' || y === '^')
            return x === '^' ? -1 : 1;
        const xn = /^\d/.test(x);
        const yn = /^\d/.test(y);
        if (xn !== yn)
            return xn ? 1 : -1;
        if (xn) {
            const xs = x.replace(/^0+/, '');
            const ys = y.replace(/^0+/, '');
            if (xs.length !== ys.length)
                return xs.length - ys.length;
            if (xs === ys)
                continue;
            return xs < ys ? -1 : 1;
        }
        return x < y ? -1 : 1;
    }
    const ra = sa[i];
    const rb = sb[i];
    if (ra === undefined && rb === undefined)
        return 0;
    if (ra === '~')
        return -1;
    if (rb === '~')
        return 1;
    if (ra === '^')
        return rb === undefined ? 1 : -1;
    if (rb === '^')
        return ra === undefined ? -1 : 1;
    return ra === undefined ? -1 : 1;
}

/**
 * Merges a change into a snapshot (an added package replaces one with the same name/EVR/arch or
 * the same file name). Only the segments that may hold an added name or file are loaded, unless
 * the change must look at every record (removal patterns, or a smaller retention than the
 * repodata last satisfied).
 */
async function mergeDnf(snapshot, change) {
    const added = new Map();
    for (const pkg of change.added) {
        const rec = { ...recordOf(pkg, path.basename(pkg.file)), sourceSha256: pkg.sourceSha256 };
        added.set(recordKey(rec), rec);
    }
    const everything = needsEveryEntry(change, [snapshot]);
    await loadMatching([snapshot], everything ? 'all' : [...added.values()].flatMap((r) => [nameKey(r.name), fileKey(r.location)]));
    const replacedFiles = new Set([...added.values()].map((r) => r.location));
    const removed = (r) => change.remove?.(r.name, `${r.version}-${r.release}`) === true ||
        change.remove?.(r.name, r.version) === true;
    const loaded = snapshot.segments.flatMap((s) => s.entries ?? []);
    let survivors = new Set(loaded.filter((r) => !added.has(recordKey(r)) && !replacedFiles.has(r.location) && !removed(r)));
    let adds = [...added.values()].filter((r) => !removed(r));
    if (change.retention !== undefined) {
        const evr = (r) => `${r.epoch}:${r.version}-${r.release}`;
        const dropped = versionsBeyond([...survivors, ...adds], change.retention, (r) => r.name, evr, (a, b) => compareRpmEvr(b, a));
        if (dropped.size > 0) {
            const stays = (r) => !dropped.get(r.name)?.has(evr(r));
            survivors = new Set([...survivors].filter(stays));
            adds = adds.filter(stays);
        }
    }
    const stays = new Map();
    const gone = [];
    snapshot.segments.forEach((s, i) => {
        if (!s.entries)
            return;
        const kept = s.entries.filter((r) => survivors.has(r));
        if (kept.length === s.entries.length)
            return;
        stays.set(i, kept);
        gone.push(...s.entries.filter((r) => !survivors.has(r)));
    });
    // A file published again under its name stays; the others leave with their records.
    const addedFiles = new Set(adds.map((r) => r.location));
    const left = gone.filter((r) => !addedFiles.has(r.location));
    // An added package the retention drops at once was uploaded for nothing: it leaves with them,
    // unless its file is named still (published again under the name of a record that stays).
    const kept = new Set([...survivors].map((r) => r.location));
    const unindexed = [...added.values()]
        .map((r) => r.location)
        .filter((f) => !addedFiles.has(f) && !kept.has(f));
    return {
        survivors: (i) => stays.get(i),
        added: adds,
        retention: change.retention ?? snapshot.retention,
        commit: {
            // What the retention dropped at once was not added.
            added: change.added.map((p) => path.basename(p.file)).filter((f) => addedFiles.has(f)),
            removed: left.map((r) => `${r.name}-${r.version}-${r.release}.${r.arch}`),
            removedFiles: [...new Set([...left.map((r) => r.location), ...unindexed])]
        }
    };
}

/**
 * The files of the next repodata: primary, filelists and other (`.xml.gz`), built from the
 * segments the merge keeps and the ones it adds, the segment manifest, and the objects listing
 * new segments' packages.
 */
const gunzip = promisify(gunzip$1);
/** Reads back the XML fragments of old records whose segment is being rebuilt. */
async function loadFragments(snapshot, plan) {
    const layout = snapshot.layout;
    if (!layout)
        return; // a new repository: every record is added, with its XML
    for (const i of segmentsToRead(snapshot.segments, plan, (r) => r.primary !== undefined)) {
        const members = segmentBytes(snapshot.segments, await layout.bodies(), i, layout.heads);
        const xml = await Promise.all(members.map(async (m) => splitFragments((await gunzip(m)).toString('utf8'))));
        snapshot.segments[i].entries.forEach((r, j) => {
            r.primary = xml[0][j];
            r.filelists = xml[1][j];
            r.other = xml[2][j];
        });
    }
}
/**
 * The files of the next repodata: primary/filelists/other, the manifest, and the objects
 * listing the packages of new segments; then the segments they are cut into.
 *
 * Each XML file opens the same way in every generation, so its digests, compressed and open,
 * resume from the states saved after the old segments it keeps at its start: adding a package
 * hashes its new segment and the closing tag, not the 13 MiB of XML of 10,000 packages. A store
 * that can extend an object (the file store) writes only the bytes after those segments, and the
 * old files are not read; another store gets whole files, assembled from the old ones.
 */
async function nextRepodata(o, snapshot, merge) {
    const old = snapshot.segments;
    const layout = snapshot.layout;
    const plan = await planSegments(old, merge.survivors, merge.added, async (i) => (old[i].entries ??= await snapshot.load(old[i])));
    await loadFragments(snapshot, plan);
    // A new segment: its XML in each file, and that compressed.
    const built = plan.map((p) => {
        if ('keep' in p)
            return undefined;
        const xml = XML_FILES.map((f) => Buffer.from(p.build.map((r) => f.fragment(r)).join('')));
        return { xml, bytes: xml.map((x) => gzip(x)) };
    });
    // The digested files: the three .xml.gz, then the same XML open (see DIGESTED_FILES).
    const opens = XML_FILES.map((f) => Buffer.from(f.open));
    const closes = XML_FILES.map((f) => Buffer.from(f.close));
    const frame = {
        heads: [...opens.map((x) => gzip(x)), ...opens],
        tails: [...closes.map((x) => gzip(x)), ...closes]
    };
    // Kept segments exist only where there was a repository, hence a layout.
    const oldHeads = layout?.heads ?? [];
    /** Planned segment i's compressed bytes in each file, from the old files when it is kept. */
    const compressed = async (i) => {
        const p = plan[i];
        if (!('keep' in p))
            return built[i].bytes;
        return segmentBytes(old, await layout.bodies(), p.keep, oldHeads);
    };
    /** The same in every digested file: a kept segment's XML is its members inflated. */
    const digested = async (i) => {
        const gz = await compressed(i);
        const xml = built[i]?.xml ?? (await Promise.all(gz.map((m) => gunzip(m))));
        return [...gz, ...xml];
    };
    const { digests, states } = await segmentedDigests(plan, old, (first) => Promise.all(plan.slice(first).map((_, j) => digested(first + j))), frame, 'sha256');
    // The old segments kept in place at the start: their bytes stay where they are. A manifest
    // with states was written with the openings of today, so its files can be extended.
    const leading = keptInPlace(plan);
    const extend = o.store.extend !== undefined &&
        leading > 0 &&
        !plan.slice(leading).some((p) => 'keep' in p) &&
        old[leading - 1].states !== undefined &&
        oldHeads.every((length, f) => length === frame.heads[f].length);
    const parts = await Promise.all(plan.slice(extend ? leading : 0).map((_, j) => compressed((extend ? leading : 0) + j)));
    const files = XML_FILES.map((f, i) => {
        const data = {
            type: f.type,
            location: `repodata/${digests[i].sha256}-${f.type}.xml.gz`,
            sha256: digests[i].sha256,
            size: digests[i].size,
            openSha256: digests[XML_FILES.length + i].sha256,
            openSize: digests[XML_FILES.length + i].size
        };
        const written = [...parts.map((b) => b[i]), frame.tails[i]];
        if (!extend)
            return { data, body: Buffer.concat([frame.heads[i], ...written]) };
        const keep = segmentOffsets(old, i, oldHeads[i])[leading - 1] + old[leading - 1].lengths[i];
        return { data, extend: { from: layout.keys[i], keep, append: written } };
    });
    const lengths = plannedLengths(plan, built, old);
    const segments = plan.map((p, i) => 'keep' in p ? old[p.keep] : { count: p.build.length, lengths: lengths[i], entries: p.build });
    const { segments: described, objects: entryObjects } = storeSegments(segments, ENTRY_CODEC, (sha) => entriesKey(o.prefix, sha));
    const stored = described.map((s, i) => ({ ...s, states: states[i] }));
    const manifest = Buffer.from(renderManifest({
        primarySha256: files[0].data.sha256,
        heads: frame.heads.slice(0, XML_FILES.length).map((h) => h.length),
        retention: merge.retention,
        segments: stored
    }));
    const sha256 = sha256Hex(manifest);
    files.push({
        data: {
            type: SEGMENTS_TYPE,
            location: `repodata/${sha256}-segments.json`,
            sha256,
            size: manifest.length,
            openSha256: sha256,
            openSize: manifest.length
        },
        body: manifest
    });
    return { files, entryObjects, segments: stored };
}

/**
 * One dnf repository in the store (`packages/rpm` or `packages/rpm-dev`): packages at the root,
 * `repodata/` with content-addressed `<sha256>-primary.xml.gz` & co. (older generations stay
 * readable while clients hold an older repomd.xml), and repomd.xml + repomd.xml.asc last,
 * repomd.xml written with a compare-and-swap.
 *
 * What the repodata holds is kept as an extra repomd entry of type `falco-publish-segments`
 * (dnf ignores types it does not know): a publish merges into it without downloading or
 * re-reading any package, and re-compresses only the segments that change.
 *
 * Its parts: reading the signed generation (dnf-snapshot.ts), signing packages (dnf-sign.ts),
 * merging a change (dnf-merge.ts) and the next repodata (dnf-repodata.ts).
 */
async function commitDnf(change, o) {
    const superseded = listSuperseded(o.store, `${o.prefix}/repodata/`);
    const { snapshot, repomd, signature, commit, segments } = await retryOnConflict(async (attempt) => {
        const snapshot = attempt === 1 && o.snapshot ? o.snapshot : await readDnfSnapshot(o.store, o.prefix);
        const merge = await mergeDnf(snapshot, change);
        const { files, entryObjects, segments } = await nextRepodata(o, snapshot, merge);
        // The packages, and the objects the manifest names, exist before repomd.xml names them.
        const writing = Promise.all([
            o.stored,
            ...entryObjects.map((e) => o.uploader.immutable(e.key, e.body, 'index', e.sha256)),
            ...files.map((f) => {
                const key = `${o.prefix}/${f.data.location}`;
                return f.extend
                    ? o.uploader.extend(f.extend, key, f.data.sha256, 'index')
                    : o.uploader.immutable(key, f.body, 'index', f.data.sha256);
            })
        ]);
        const revision = Math.floor((o.now ?? (() => new Date()))().getTime() / 1000);
        const data = files.map((f) => f.data);
        const repomd = renderRepomd(revision, data);
        // Signed while the files are written, before the commit, so the signature follows
        // repomd.xml as closely as it can.
        const signed = detachSign(repomd, o.keys);
        signed.catch(() => { }); // awaited below; a write that fails first leaves it unread
        await writing;
        const signature = await signed;
        await o.uploader.commit(`${o.prefix}/repodata/repomd.xml`, repomd, snapshot.etag, 'index');
        return { snapshot, repomd, signature, commit: merge.commit, segments };
    }, mergingAgain(o.log, o.prefix));
    const keep = new Set([...segments, ...snapshot.segments].map((s) => entriesKey(o.prefix, s.entriesSha256)));
    // Another publish may have committed since: what its generation names stays too.
    const current = await readDnfSnapshot(o.store, o.prefix);
    for (const s of current.segments)
        keep.add(entriesKey(o.prefix, s.entriesSha256));
    // The signature follows repomd.xml; what no generation names any more goes meanwhile.
    await Promise.all([
        finishDnf(o, { text: repomd, signature }),
        pruneRepodata(o, superseded, [repomd, snapshot.repomd ?? '', current.repomd ?? ''], keep)
    ]);
    // Packages that left the repodata go once its signature names the new generation.
    await deletePackageFiles(o.store, o.prefix, commit.removedFiles, o.log);
    return commit;
}
/**
 * Deletes repodata files named by neither the current nor the previous repomd.xml, nor by
 * their manifests.
 */
async function pruneRepodata(o, superseded, repomds, entryObjects) {
    const keep = new Set([
        ...repomds.flatMap((x) => [...parseRepomd(x).values()].map((d) => `${o.prefix}/${d.location}`)),
        ...entryObjects
    ]);
    await pruneSuperseded(o.store, superseded, (key) => !/repomd\.xml(\.asc)?$/.test(key) && !keep.has(key), o.log);
}

/**
 * Whether the rpm stored at `key` is `pkg` signed by another tool: its main header and payload
 * are the same bytes, only the signature header differs. Falco's scripts `rpmsign --resign`
 * each package before publishing it, so its build's own file never has the published bytes;
 * running the release's publish again must find it published, not refuse it as a different
 * package under a stable name. Reads the stored file once, into `workdir`.
 */
async function sameUnsignedRpm(store, key, pkg, workdir) {
    const body = await store.get(key);
    if (!body)
        return false;
    await promises.mkdir(workdir, { recursive: true });
    const local = path.join(workdir, `published-${path.basename(key)}`);
    try {
        await pipeline(body, (await promises.open(local, 'w')).createWriteStream());
        const published = await parseRpm(local, `${store.location}/${key}`);
        if (!published.mainHeader.equals(pkg.mainHeader))
            return false;
        const payload = (file, start) => sha256Of(createReadStream(file, { start, highWaterMark: 1 << 20 }));
        const [a, b] = await Promise.all([
            payload(local, published.payloadOffset),
            payload(pkg.file, pkg.payloadOffset)
        ]);
        return a.sha256 === b.sha256 && a.size === b.size;
    }
    finally {
        await promises.rm(local, { force: true });
    }
}

/**
 * Adds a header-only OpenPGP signature to an RPM, as `rpmsign --addsign` does: the signature
 * covers the main header (which itself carries the payload digest), goes into the signature
 * header (RSA keys in tag 268, EdDSA/ECDSA in tag 267), and the signature header is rewritten.
 * The main header and payload are copied unchanged. rpm can hold one signature of each kind:
 * the first key signs the header; every key signs the detached `.asc`.
 *
 * What the repodata needs of the signed file is known without reading it back: the headers
 * are the ones just written, and its SHA-256 is taken as it is written.
 */
async function signRpmFile(pkg, keys, workdir) {
    const key = keys.keys[0];
    const algo = key.getAlgorithmInfo().algorithm;
    const tag = String(algo).startsWith('rsa') ? 268 : 267;
    const signature = Buffer.from(await detachSignBinary(pkg.mainHeader, key));
    const kept = pkg.signature.entries.filter((e) => ![62, 267, 268, 1002, 1005, 1008].includes(e.tag));
    const entries = [
        ...kept,
        { tag, type: RpmType.BIN, count: signature.length, data: signature }
    ];
    const sigHeader = serializeSignatureHeader(entries);
    const pad = Buffer.alloc((8 - (sigHeader.length % 8)) % 8);
    const lead = Buffer.alloc(96);
    const handle = await promises.open(pkg.file, 'r');
    try {
        await handle.read(lead, 0, 96, 0);
    }
    finally {
        await handle.close();
    }
    await promises.mkdir(path.join(workdir, 'signed-rpms'), { recursive: true });
    const out = path.join(workdir, 'signed-rpms', path.basename(pkg.file));
    const digest = new Sha256Counter();
    await pipeline((async function* () {
        const headers = Buffer.concat([lead, sigHeader, pad, pkg.mainHeader]);
        digest.update(headers);
        yield headers;
        for await (const chunk of createReadStream(pkg.file, { start: pkg.payloadOffset })) {
            digest.update(chunk);
            yield chunk;
        }
    })(), createWriteStream(out));
    const start = lead.length + sigHeader.length + pad.length;
    const end = start + pkg.mainHeader.length;
    return {
        ...pkg,
        file: out,
        signature: parseHeader(sigHeader, 'signature header'),
        headerRange: { start, end },
        payloadOffset: end,
        digests: digest.digest(),
        sourceSha256: pkg.digests.sha256
    };
}

/**
 * A tarball channel (`packages/bin` or `packages/bin-dev`): `<arch>/<file>` with `.asc`, a signed
 * `<arch>/SHA256SUMS` (bare file names, so `sha256sum -c` works in a folder of downloads), and
 * `index.json` + `index.html` for the whole channel. index.json is the state a publish merges
 * into (compare-and-swap on it); the SHA256SUMS files and the HTML are rendered from it.
 */
const TARBALL_ARCHES = ['x86_64', 'aarch64'];
/** The folder of a listed path: its arch, or '' for a tarball at the root (arch-less ones). */
const folderOf = (p) => (p.includes('/') ? p.split('/')[0] : '');
/** Where a folder's SHA256SUMS is. */
const sumsKey = (prefix, folder) => folder ? `${prefix}/${folder}/SHA256SUMS` : `${prefix}/SHA256SUMS`;
/** `<arch>/SHA256SUMS` for every architecture (empty when it has no tarballs left); '' is the root. */
function sumsByArch(entries) {
    const out = new Map();
    const arches = new Set([...TARBALL_ARCHES, ...entries.map((e) => folderOf(e.path))]);
    for (const arch of arches) {
        const sums = new Map(entries
            .filter((e) => folderOf(e.path) === arch)
            .map((e) => [e.path.slice(arch ? arch.length + 1 : 0), e.sha256]));
        out.set(arch, renderSums(sums));
    }
    return out;
}
function mergeTarballs(existing, change) {
    const byPath = new Map(existing.map((e) => [e.path, e]));
    for (const e of change.added)
        byPath.set(e.path, e);
    let entries = [...byPath.values()];
    const meta = (e) => {
        try {
            // A flavour (`-static`) keeps the version: retention counts it with the plain tarball.
            const n = parseTarballName(e.path);
            return { name: n.name, version: n.version, arch: n.arch ?? '' };
        }
        catch {
            return { name: e.path, version: '', arch: '' };
        }
    };
    entries = entries.filter((e) => !change.remove?.(meta(e).name, meta(e).version));
    if (change.retention !== undefined) {
        const group = (e) => `${meta(e).name} ${meta(e).arch}`;
        const dropped = versionsBeyond(entries, change.retention, group, (e) => meta(e).version, (a, b) => compareDebVersions(meta(b).version, meta(a).version));
        entries = entries.filter((e) => !dropped.get(group(e))?.has(meta(e).version));
    }
    const kept = new Set(entries.map((e) => e.path));
    // An added tarball the retention drops at once was uploaded for nothing: it goes too.
    const candidates = new Set([...existing, ...change.added].map((e) => e.path));
    return { entries, removed: [...candidates].filter((p) => !kept.has(p)) };
}
async function readTarballState(store, prefix) {
    const current = await readVersioned(store, `${prefix}/index.json`);
    const entries = current ? parseListing(store, prefix, current.text) : [];
    const wasDropped = new Set(current ? parseDropped(current.text) : []);
    const known = new Set(entries.map((e) => e.path));
    const foreign = [];
    const dropped = [];
    for await (const o of store.list(`${prefix}/`)) {
        const rel = o.key.slice(prefix.length + 1);
        // `<arch>/<file>.tar.gz`, or `<file>.tar.gz` at the root (arch-less repositories).
        if (!/^(?:[^/]+\/)?[^/]+\.tar\.gz$/.test(rel) || known.has(rel))
            continue;
        if (wasDropped.has(rel))
            dropped.push(rel);
        else
            foreign.push({ path: rel, size: o.size });
    }
    return { entries, etag: current?.etag, foreign, dropped };
}
function parseDropped(text) {
    try {
        const dropped = JSON.parse(text).dropped;
        return Array.isArray(dropped) ? dropped.filter((d) => typeof d === 'string') : [];
    }
    catch {
        return []; // parseListing names the file
    }
}
function parseListing(store, prefix, text) {
    try {
        return JSON.parse(text).files ?? [];
    }
    catch (e) {
        throw new Error(`${store.location}/${prefix}/index.json is not valid JSON (${e.message})`);
    }
}
/** The sha256 of stored tarballs, read once per run (adoption hashes each foreign one once). */
class StoredDigests {
    store;
    prefix;
    known = new Map();
    constructor(store, prefix) {
        this.store = store;
        this.prefix = prefix;
    }
    /** Undefined when the file went meanwhile (a racing publish's retention deleted it). */
    of(rel) {
        let found = this.known.get(rel);
        if (!found) {
            found = (async () => {
                const body = await this.store.get(`${this.prefix}/${rel}`);
                return body ? (await sha256Of(body)).sha256 : undefined;
            })();
            this.known.set(rel, found);
        }
        return found;
    }
    /** Listing entries for the foreign tarballs of `state`, four read at a time. */
    async adopt(state) {
        const read = await pLimit(4).map(state.foreign, async (f) => ({
            path: f.path,
            sha256: await this.of(f.path),
            size: f.size
        }));
        return read.flatMap(({ path, sha256, size }) => (sha256 ? [{ path, sha256, size }] : []));
    }
}
async function commitTarballs(change, o) {
    const digests = o.digests ?? new StoredDigests(o.store, o.prefix);
    let adoptedCount = 0;
    const removed = await retryOnConflict(async () => {
        const state = await readTarballState(o.store, o.prefix);
        // Added ones are listed from what was published; the others another tool put there.
        const addedPaths = new Set(change.added.map((e) => e.path));
        const adopted = await digests.adopt({
            ...state,
            foreign: state.foreign.filter((f) => !addedPaths.has(f.path))
        });
        adoptedCount = adopted.length;
        const { entries, removed } = mergeTarballs([...state.entries, ...adopted], change);
        const { json } = renderListing(o.title, entries, [...state.dropped, ...removed]);
        await o.uploader.commit(`${o.prefix}/index.json`, json, state.etag, 'listing');
        return removed;
    }, mergingAgain(o.log, o.prefix));
    await finishTarballs(o);
    await deletePackageFiles(o.store, o.prefix, removed, o.log);
    return { removed, adopted: adoptedCount };
}
/**
 * SHA256SUMS, its signature and index.html are derived from index.json, the commit point: each is
 * written when it does not match the current index.json (see finish.ts: a publish that committed
 * earlier can reach these writes after one that committed later, and a publish can stop between
 * the commit and these writes; whoever finishes last leaves the files of the current generation).
 */
function finishTarballs(o) {
    return followCommitPoint(o, `${o.prefix}/index.json`, async (text) => {
        const entries = parseListing(o.store, o.prefix, text);
        await Promise.all([
            ...[...sumsByArch(entries)].map(async ([arch, sums]) => {
                const key = sumsKey(o.prefix, arch);
                // An architecture that never had a tarball gets no empty SHA256SUMS.
                if (sums === '' && !(await o.store.head(key)))
                    return;
                await ensureText(o, key, sums);
                await ensureSignature(o, `${key}.asc`, sums);
            }),
            ensureText(o, `${o.prefix}/index.html`, renderListing(o.title, entries).html, 'text/html')
        ]);
    });
}

/**
 * A file published as `<name>-<version>-<arch>.tar.gz` must be a gzip'd tar: an empty file, or
 * bytes of another kind, would be listed in SHA256SUMS and downloaded by users as a release.
 * Reads only what it needs: the gzip header and the first tar header (512 bytes) behind it.
 */
async function checkGzipTar(file, display = path.basename(file)) {
    const fail = (problem) => {
        throw new PackageFormatError(display, `${problem}; a tarball is published as a gzip'd tar (tar czf <name>-<version>-<arch>.tar.gz ...)`);
    };
    const head = await firstBytes(createReadStream(file, { start: 0, end: 1 }), 2);
    if (head.length === 0)
        fail('the file is empty');
    if (head[0] !== 0x1f || head[1] !== 0x8b)
        fail('not gzip-compressed (no gzip header)');
    let block;
    try {
        block = await firstBytes(createReadStream(file).pipe(createGunzip()), 512);
    }
    catch (e) {
        return fail(`the gzip data is damaged (${e.message})`);
    }
    if (block.length < 512 || !isTarHeader(block))
        fail('gzip holds no tar archive');
}
/** The first `n` bytes of a stream (fewer when it ends sooner), then stops reading it. */
async function firstBytes(stream, n) {
    const chunks = [];
    let size = 0;
    for await (const chunk of stream) {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= n)
            break;
    }
    stream.destroy?.();
    return Buffer.concat(chunks).subarray(0, n);
}
/** A tar header block: its checksum (bytes 148-155, octal) is the sum of its bytes, that field as spaces. */
function isTarHeader(block) {
    const field = block
        .subarray(148, 156)
        .toString('latin1')
        .replace(/[\0 ]+$/, '')
        .trim();
    if (!/^[0-7]+$/.test(field))
        return false;
    let sum = 0;
    for (let i = 0; i < 512; i++)
        sum += i >= 148 && i < 156 ? 0x20 : block[i];
    return sum === parseInt(field, 8);
}

/** Checks the files; returns them with a file given twice (same name, same bytes) kept once. */
async function checkPackageFiles(files, ctx) {
    const shown = (file) => path.relative(ctx.workspace, file);
    for (const t of files.tars)
        await checkGzipTar(t.file, shown(t.file));
    // An architecture without an index would be uploaded and never listed (apt-layout serves these).
    for (const deb of files.debs) {
        if (deb.architecture !== 'all' && !ARCHITECTURES.includes(deb.architecture)) {
            throw new PackageFormatError(shown(deb.file), `field 'Architecture' is ${deb.architecture}, which the apt repository does not serve ` +
                `(it serves ${[...ARCHITECTURES, 'all'].join(', ')}); build it for one of those, or leave it out of 'packages'`);
        }
    }
    // Two files stored under one name: one would silently win.
    const byName = new Map();
    const all = [
        ...files.debs.map((p) => ({ file: p.file, sha256: p.digests.sha256 })),
        ...files.rpms.map((p) => ({ file: p.file, sha256: p.digests.sha256 })),
        ...files.tars.map((t) => ({ file: t.file, sha256: t.digests.sha256 }))
    ];
    for (const f of all) {
        const first = byName.get(path.basename(f.file));
        if (first && first.sha256 !== f.sha256) {
            throw new PackageFormatError(shown(f.file), `has the same file name as ${shown(first.file)} but other bytes; both would be published ` +
                `as ${path.basename(f.file)} and one would be lost. Rename one, or leave one out of 'packages'`);
        }
        if (!first)
            byName.set(path.basename(f.file), f);
        else
            ctx.log.info(`${shown(f.file)}: the same file as ${shown(first.file)}, published once`);
    }
    const once = (list) => list.filter((f) => byName.get(path.basename(f.file))?.file === f.file);
    const unique = { debs: once(files.debs), rpms: once(files.rpms), tars: once(files.tars) };
    checkVersions(unique, ctx, shown);
    return unique;
}
/**
 * A stable release publishes the packages of its version: a tag 0.40.1 publishing 99.0.0 is a
 * wrong artifact more often than a wish. A warning naming both, or an error with
 * `require-version-match`.
 */
function checkVersions(files, ctx, shown) {
    const { release } = ctx;
    if (release.channel !== 'stable')
        return;
    const want = release.version;
    // Build metadata (0.40.0+build.7) is not part of a package's version.
    const wants = [want, want.replace(/\+.*$/, '')];
    const mismatches = [];
    for (const deb of files.debs) {
        if (!debMatches(deb.version, wants))
            mismatches.push(`${shown(deb.file)} (Version ${deb.version})`);
    }
    for (const rpm of files.rpms) {
        if (!rpmMatches(rpm, wants))
            mismatches.push(`${shown(rpm.file)} (version ${rpm.version}-${rpm.release})`);
    }
    for (const t of files.tars) {
        if (!wants.includes(t.name.version))
            mismatches.push(`${shown(t.file)} (version ${t.name.version})`);
    }
    if (mismatches.length === 0)
        return;
    const message = `the release is ${want}${release.tag ? ` (tag ${release.tag})` : ''}, but these packages carry ` +
        `another version: ${mismatches.join(', ')}`;
    if (ctx.inputs.requireVersionMatch) {
        throw new Error(`input 'require-version-match': ${message}. Build the packages from the tag's version, or tag the version they carry.`);
    }
    ctx.log.warning(`${message}. Set require-version-match: true to make this an error.`);
}
/** A Debian version `[epoch:]upstream[-revision]` matches when its upstream part is the release's. */
function debMatches(version, wants) {
    const noEpoch = version.replace(/^\d+:/, '');
    const upstream = noEpoch.includes('-') ? noEpoch.slice(0, noEpoch.lastIndexOf('-')) : noEpoch;
    // Debian writes a semver prerelease `-rc1` as `~rc1`, so that it sorts first.
    return [noEpoch, upstream].some((v) => wants.includes(v) || wants.includes(v.replace(/~/g, '-')));
}
function rpmMatches(rpm, wants) {
    return [rpm.version, `${rpm.version}-${rpm.release}`].some((v) => wants.includes(v) || wants.includes(v.replace(/~/g, '-')));
}

/**
 * The package stage's keys, read and checked at plan time: a key that cannot sign, or one that
 * is not the key the repositories are signed with, stops the run before a byte is written. A
 * dry run without a key still prints the whole plan, with signing marked as skipped.
 * Undefined when there is nothing to sign.
 */
async function planSigning(ctx, operations) {
    const { gpgPrivateKey, gpgPassphrase } = ctx.inputs.packaging;
    if (!operations.some((o) => o.action !== 'skip'))
        return undefined;
    if (gpgPrivateKey === '') {
        if (!ctx.inputs.dryRun) {
            throw new Error("input 'gpg-private-key': required to publish packages (the repositories and every " +
                'package are signed); give the armoured private key, from a secret');
        }
        ctx.log.warning("dry-run without 'gpg-private-key': signing is skipped in this plan; a real publish needs the key");
        operations.push({
            action: 'skip',
            target: 'signatures',
            reason: "signing skipped: no 'gpg-private-key' (dry-run)"
        });
        return undefined;
    }
    const keys = await loadSigningKeys(gpgPrivateKey, gpgPassphrase).catch((e) => {
        throw new Error(`input 'gpg-private-key': ${e.message}`);
    });
    await checkSigningKeys(keys);
    const published = await readObject(ctx.store, PUBLIC_KEY_KEY);
    if (published) {
        checkKeyContinuity(await publicKeyFingerprints(published.toString('utf8')), keys, `${ctx.store.location}/${PUBLIC_KEY_KEY}`);
    }
    // The key file is rewritten with these keys: every channel's metadata must be signed by one of
    // them, or the channel this run leaves alone would fail every client's check. This also holds
    // when no key file was published yet (a repository signed elsewhere).
    await checkSignedBy(ctx.store, keys);
    return keys;
}
/**
 * The signature files of a channel's metadata: InRelease, repomd.xml.asc and each tarball
 * architecture's SHA256SUMS.asc (named, not listed: a listing costs more, and an http store's
 * folder holding index.html answers with the page).
 */
function metadataSignatures(channel) {
    const repos = repositoriesFor(channel);
    return [
        `${repos.deb}/dists/stable/InRelease`,
        `${repos.rpm}/repodata/repomd.xml.asc`,
        ...TARBALL_ARCHES$1.map((arch) => `${repos.bin}/${arch}/SHA256SUMS.asc`)
    ];
}
async function checkSignedBy(store, keys) {
    const ours = new Set(keys.keys.flatMap((k) => k.getKeyIDs().map((id) => id.toHex().toUpperCase())));
    for (const channel of ['stable', 'dev']) {
        for (const key of metadataSignatures(channel)) {
            const text = (await readObject(store, key))?.toString('utf8');
            if (!text)
                continue;
            const ids = await signerKeyIds(text);
            if (ids.length === 0 || ids.some((id) => ours.has(id)))
                continue;
            throw new Error(`input 'gpg-private-key': ${store.location}/${key} is signed by key id ${ids.join(', ')}, ` +
                `which the key given (${keys.fingerprints.join(', ')}) does not hold. Publishing would ` +
                `replace the public key users check it with. To rotate keys, give both keys in ` +
                `gpg-private-key (old and new); to move to the new key, run 'falco-publish re-sign' ` +
                `for each channel. Nothing was written.`);
        }
    }
}

/** The stage's job-summary section: per repository what was added and removed, and how to use it. */
function renderPackagesSummary(o, store) {
    const url = (key) => store.url(key) ?? key;
    // Under the section report/summary.ts heads with the stage's name.
    const lines = [];
    // A removal pattern or a smaller retention can drop thousands: the outputs list them all.
    const list = (title, items) => {
        if (!items.length)
            return;
        lines.push(`${title}:`, '', ...items.slice(0, MAX_TABLE_ROWS).map((i) => `- \`${i}\``));
        if (items.length > MAX_TABLE_ROWS)
            lines.push(`- …and ${items.length - MAX_TABLE_ROWS} more: the packages-${title.toLowerCase()} output lists them all`);
        lines.push('');
    };
    if (o.deb) {
        lines.push(`#### apt: \`${o.repos.deb}\``, '');
        list('Added', o.deb.added);
        list('Removed', o.deb.removed.map((r) => `${r.name} ${r.version} (${r.architecture})`));
        lines.push('```', `deb [signed-by=/etc/apt/keyrings/falco-publish.asc] ${url(o.repos.deb)} stable main`, '```', '');
    }
    if (o.rpm) {
        lines.push(`#### dnf: \`${o.repos.rpm}\``, '');
        list('Added', o.rpm.added);
        list('Removed', o.rpm.removed);
        lines.push(`Repository file: ${url(`${o.repos.rpm}/falco-publish.repo`)}`, '');
    }
    if (o.bin) {
        lines.push(`#### tarballs: \`${o.repos.bin}\``, '');
        list('Added', o.bin.added);
        list('Removed', o.bin.removed);
        lines.push(`Index: ${url(`${o.repos.bin}/index.html`)}`, '');
    }
    lines.push(`Signing key: ${url(PUBLIC_KEY_KEY)}`, '');
    return lines.join('\n');
}

const packagesStage = {
    name: 'packages',
    plan: planPackages,
    apply: applyPackages
};
async function planPackages(ctx) {
    const { inputs, release } = ctx;
    const packaging = inputs.packaging;
    const empty = { stage: 'packages', operations: [] };
    // hasWork tests the channel too; the second test only tells TypeScript.
    if (!hasWork.packages(ctx) || release.channel === 'none')
        return empty;
    const channel = release.channel;
    const repos = repositoriesFor(channel);
    const files = await resolvePackageFiles(inputs.packages, ctx.workspace, inputs.allowOutsideWorkspace);
    const detail = {
        channel,
        repos,
        debs: [],
        debsUnchanged: [],
        rpms: [],
        rpmsUnchanged: [],
        tarballs: [],
        tarballDigests: new Map(),
        tarballsUnchanged: new Set(),
        remove: packaging.remove,
        refused: []
    };
    const operations = [];
    const refuse = [];
    const debs = files.filter((f) => f.endsWith('.deb'));
    const rpms = files.filter((f) => f.endsWith('.rpm'));
    const tars = files.filter((f) => f.endsWith('.tar.gz'));
    // A few files open at a time: a bulk import of 100k packages would otherwise hit EMFILE.
    const parsedDebs = await fewAtATime(debs, (f) => parseDeb(f, path.relative(ctx.workspace, f)));
    const parsedRpms = await fewAtATime(rpms, (f) => parseRpm(f, path.relative(ctx.workspace, f)));
    const parsedTars = await fewAtATime(tars, async (f) => ({
        name: parseTarballName(f),
        digests: await sha256File(f),
        file: f
    }));
    const checked = await checkPackageFiles({ debs: parsedDebs, rpms: parsedRpms, tars: parsedTars }, ctx);
    // A file published with the same bytes is skipped; other bytes under a stable name are
    // refused unless `overwrite`; anything else is put. True when the file is to be put.
    const admit = (key, published, file) => {
        if (published === file.digests.sha256) {
            operations.push({
                action: 'skip',
                target: key,
                reason: 'already published with the same bytes'
            });
            return false;
        }
        if (published && channel === 'stable' && !packaging.overwrite)
            refuse.push(key);
        operations.push({ action: 'put', target: key, source: file.file, size: file.digests.size });
        return true;
    };
    // A repository that cannot be read (its index is damaged, or a store error) is refused on its
    // own: the others of the run still publish, and the stage fails afterwards naming it.
    const repository = async (prefix, fn) => {
        const before = operations.length;
        try {
            await fn();
        }
        catch (e) {
            if (e instanceof PackageFormatError)
                throw e;
            operations.splice(before);
            detail.refused.push({ target: prefix, error: e.message });
            operations.push({
                action: 'skip',
                target: `${prefix}/`,
                reason: `refused: ${e.message}`
            });
        }
    };
    const adopting = (prefix, adopted) => {
        if (adopted)
            operations.push({
                action: 'put',
                target: `${prefix}/`,
                reason: `adopting ${prefix}: ${adopted.packages} package${adopted.packages === 1 ? '' : 's'} from ${adopted.from}`
            });
    };
    if (checked.debs.length) {
        await repository(repos.deb, async () => {
            detail.aptSnapshot = await readAptSnapshot(ctx.store, repos.deb);
            adopting(repos.deb, detail.aptSnapshot.adopted);
            const published = await publishedFiles(detail.aptSnapshot, checked.debs.map((pkg) => `stable/${path.basename(pkg.file)}`));
            for (const pkg of checked.debs) {
                const filename = `stable/${path.basename(pkg.file)}`;
                const key = `${repos.deb}/${filename}`;
                if (admit(key, published.get(filename), pkg))
                    detail.debs.push({ pkg, key, filename, size: pkg.digests.size });
                else
                    detail.debsUnchanged.push(pkg);
            }
        });
    }
    if (checked.rpms.length) {
        await repository(repos.rpm, async () => {
            detail.dnfSnapshot = await readDnfSnapshot(ctx.store, repos.rpm);
            adopting(repos.rpm, detail.dnfSnapshot.adopted);
            const published = await publishedSources(detail.dnfSnapshot, checked.rpms.map((pkg) => path.basename(pkg.file)));
            for (const pkg of checked.rpms) {
                const key = `${repos.rpm}/${path.basename(pkg.file)}`;
                const sha = published.get(path.basename(pkg.file));
                if (sha !== undefined &&
                    sha !== pkg.digests.sha256 &&
                    (await sameUnsignedRpm(ctx.store, key, pkg, ctx.workdir))) {
                    operations.push({
                        action: 'skip',
                        target: key,
                        reason: 'already published, its header signed by another tool'
                    });
                    detail.rpmsUnchanged.push(pkg);
                    continue;
                }
                if (admit(key, sha, pkg))
                    detail.rpms.push({ pkg, key, size: pkg.digests.size });
                else
                    detail.rpmsUnchanged.push(pkg);
            }
        });
    }
    // Tarballs with an arch go to `bin`; arch-less ones (Falco's -wasm) to their own repository.
    const tarRepos = new Map();
    for (const t of checked.tars) {
        const prefix = t.name.arch ? repos.bin : packaging.noarchRepository;
        tarRepos.set(prefix, [...(tarRepos.get(prefix) ?? []), t]);
    }
    for (const [prefix, tarballs] of tarRepos) {
        await repository(prefix, async () => {
            const state = await readTarballState(ctx.store, prefix);
            const digests = new StoredDigests(ctx.store, prefix);
            detail.tarballDigests.set(prefix, digests);
            if (state.foreign.length)
                operations.push({
                    action: 'put',
                    target: `${prefix}/`,
                    reason: `adopting ${prefix}: ${state.foreign.length} tarball${state.foreign.length === 1 ? '' : 's'} its listing and SHA256SUMS do not name yet`
                });
            const published = new Map(state.entries.map((e) => [e.path, e.sha256]));
            const foreign = new Set(state.foreign.map((f) => f.path));
            for (const t of tarballs) {
                const rel = t.name.arch ? `${t.name.arch}/${t.name.file}` : t.name.file;
                const key = `${prefix}/${rel}`;
                // A tarball another tool put there is compared by its bytes, like a listed one.
                const sha = published.get(rel) ?? (foreign.has(rel) ? await digests.of(rel) : undefined);
                if (admit(key, sha, t))
                    detail.tarballs.push({
                        pkg: { file: t.file, path: rel, digests: t.digests },
                        repo: prefix,
                        key,
                        size: t.digests.size
                    });
                else
                    detail.tarballsUnchanged.add(prefix);
            }
        });
    }
    if (detail.refused.length && operations.every((o) => o.action === 'skip')) {
        throw new Error(detail.refused.map((r) => `${r.target}: ${r.error}`).join('; '));
    }
    if (refuse.length) {
        throw new Error(`refusing to replace published stable file(s) with different bytes: ${refuse.join(', ')}. ` +
            `Stable packages are immutable; publish a new version, or set 'overwrite: true' if you really mean it.`);
    }
    // The indexes are computed at apply time (merged into whatever is current then), so the plan
    // names them without content: a dry run still shows every file a publish rewrites.
    if (detail.debs.length) {
        operations.push({
            action: 'put',
            target: `${repos.deb}/dists/stable/`,
            reason: 'index: Packages (+ .gz, .xz, by-hash), then Release, InRelease, Release.gpg'
        });
    }
    if (detail.rpms.length) {
        operations.push({
            action: 'put',
            target: `${repos.rpm}/repodata/`,
            reason: 'index: primary, filelists, other, then repomd.xml and repomd.xml.asc'
        });
    }
    for (const sums of new Set(detail.tarballs.map((t) => `${t.repo}/${t.pkg.path.replace(/[^/]+$/, '')}SHA256SUMS`))) {
        operations.push({
            action: 'put',
            target: sums,
            reason: 'index: SHA256SUMS and SHA256SUMS.asc, then the listing'
        });
    }
    for (const pattern of packaging.remove) {
        operations.push({
            action: 'delete',
            target: `${repos.deb}, ${repos.rpm}, ${repos.bin}: ${pattern}`,
            reason: "input 'remove'"
        });
    }
    registerKeySecrets(ctx.log, packaging.gpgPrivateKey, packaging.gpgPassphrase);
    detail.keys = await planSigning(ctx, operations);
    return { stage: 'packages', operations, detail };
}
/** Expands the `packages` globs; a glob matching nothing or a file of an unknown kind is an error. */
async function resolvePackageFiles(globs, workspace, allowOutside = false) {
    const out = new Set();
    const root = await realpath(workspace);
    for (const pattern of globs) {
        const matches = await glob(pattern, {
            cwd: workspace,
            absolute: true,
            onlyFiles: true,
            expandDirectories: false
        });
        if (matches.length === 0)
            throw new Error(`input 'packages': ${JSON.stringify(pattern)} matches no file under ${workspace}`);
        for (const m of matches.sort()) {
            // A glob climbing out (../), or a symlink pointing out, would publish a file nobody
            // meant to: the workspace holds what the build made.
            const real = await realpath(m);
            if (!allowOutside && path.relative(root, real).startsWith('..')) {
                throw new PackageFormatError(path.relative(workspace, m), `input 'packages': ${JSON.stringify(pattern)} leads outside the workspace (to ${real}); ` +
                    `copy the file into the workspace, or set allow-outside-workspace: true`);
            }
            if (!/\.(deb|rpm|tar\.gz)$/.test(m)) {
                throw new PackageFormatError(path.relative(workspace, m), "input 'packages' takes .deb, .rpm and .tar.gz files only");
            }
            out.add(m);
        }
    }
    return [...out];
}
async function applyPackages(plan, ctx) {
    const started = Date.now();
    const detail = plan.detail;
    const uploader = new Uploader(ctx.store, ctx.log);
    const result = () => ({
        stage: 'packages',
        published: uploader.published,
        failed: [],
        durationMs: Date.now() - started
    });
    const { packaging } = ctx.inputs;
    // A re-run with nothing new still finishes what a stopped publish left half-committed (see
    // finish.ts), which takes the signing key; without one there is nothing it could sign.
    // The key's secrets were registered by the plan.
    if (!detail ||
        (plan.operations.every((o) => o.action === 'skip') && packaging.gpgPrivateKey === ''))
        return result();
    try {
        const keys = detail.keys ?? (await loadSigningKeys(packaging.gpgPrivateKey, packaging.gpgPassphrase));
        const outcome = await publish(detail, ctx, keys, uploader);
        const res = result();
        res.summary = renderPackagesSummary(outcome, ctx.store);
        res.outputs = {
            // A removal pattern can drop thousands of packages; each is logged as it goes.
            'packages-added': listOutput('packages-added', outcome.added, 'the log names each one', ctx.log),
            'packages-removed': listOutput('packages-removed', outcome.removed, 'the log names each one', ctx.log)
        };
        res.notes = outcome.notes;
        if (detail.refused.length) {
            res.failed.push(...detail.refused);
            throw new StageError(`packages: published the other repositories; refused ${detail.refused.map((r) => `${r.target}: ${r.error}`).join('; ')}`, res);
        }
        return res;
    }
    catch (e) {
        if (e instanceof StageError)
            throw e;
        const res = result();
        res.failed.push({ target: 'packages', error: e.message });
        throw new StageError(`packages: ${e.message}`, res);
    }
}
async function publish(d, ctx, keys, uploader) {
    const { store, log } = ctx;
    const packaging = ctx.inputs.packaging;
    const retention = d.channel === 'dev' ? ctx.inputs.packaging.devRetention : undefined;
    const patterns = d.remove.map(parseRemovePattern);
    const remove = patterns.length
        ? (name, version) => patterns.some((p) => p.name.test(name) && p.version.test(version))
        : undefined;
    const outcome = {
        repos: d.repos,
        channel: d.channel,
        added: [],
        removed: [],
        notes: []
    };
    // Removal patterns touch only repositories that exist; an unchanged repository is not rewritten.
    const refused = new Set(d.refused.map((r) => r.target));
    const exists = async (prefix, file) => !refused.has(prefix) && (await store.head(`${prefix}/${file}`)) !== undefined;
    if (d.debs.length || (remove && (await exists(d.repos.deb, 'dists/stable/Release')))) {
        await log.group(`apt repository ${d.repos.deb}`, async () => {
            const stored = fewAtATime(d.debs, (u) => Promise.all([
                uploader.file(u.key, u.pkg.file, 'package', 'application/vnd.debian.binary-package', u.pkg.digests.sha256),
                signFile(uploader, u.key, u.pkg.file, keys)
            ]));
            outcome.deb = await commitAfter(stored, (s) => commitApt({ added: d.debs.map((u) => ({ pkg: u.pkg, filename: u.filename })), remove, retention }, {
                store,
                prefix: d.repos.deb,
                keys,
                log,
                uploader,
                snapshot: d.aptSnapshot,
                stored: s,
                // Never the tool's name: a repository is its project's (apt shows it to users).
                origin: packaging.aptOrigin || ctx.repository?.owner || path.basename(ctx.workspace),
                label: packaging.aptLabel || undefined
            }));
        });
    }
    else if (d.debsUnchanged.length) {
        await finishApt({ store, prefix: d.repos.deb, keys, log, uploader });
    }
    if (d.rpms.length || (remove && (await exists(d.repos.rpm, 'repodata/repomd.xml')))) {
        await log.group(`dnf repository ${d.repos.rpm}`, async () => {
            // Signing changes the header, so the index describes the signed files.
            const signed = await fewAtATime(d.rpms, async (u) => ({
                u,
                signed: await signRpmFile(u.pkg, keys, ctx.workdir)
            }));
            const stored = fewAtATime(signed, ({ u, signed }) => Promise.all([
                uploader.file(u.key, signed.file, 'package', 'application/x-rpm'),
                signFile(uploader, u.key, signed.file, keys)
            ]));
            outcome.rpm = await commitAfter(stored, (s) => commitDnf({ added: signed.map((x) => x.signed), remove, retention }, { store, prefix: d.repos.rpm, keys, log, uploader, snapshot: d.dnfSnapshot, stored: s }));
            await putIfChanged(store, uploader, `${d.repos.rpm}/falco-publish.repo`, dnfRepoFile(store, d.repos.rpm, d.channel));
        });
    }
    else if (d.rpmsUnchanged.length) {
        await finishDnf({ store, prefix: d.repos.rpm, keys, log, uploader });
    }
    const tarRepos = new Set([
        ...d.tarballs.map((u) => u.repo),
        ...(remove ? [d.repos.bin, packaging.noarchRepository] : [])
    ]);
    for (const prefix of tarRepos) {
        const uploads = d.tarballs.filter((u) => u.repo === prefix);
        if (!uploads.length && !(await exists(prefix, 'index.json')))
            continue;
        await log.group(`tarballs ${prefix}`, async () => {
            await fewAtATime(uploads, (u) => Promise.all([
                uploader.file(u.key, u.pkg.file, 'tarball', 'application/gzip', u.pkg.digests.sha256),
                signFile(uploader, u.key, u.pkg.file, keys)
            ]));
            const r = await commitTarballs({
                added: uploads.map((u) => ({
                    path: u.pkg.path,
                    sha256: u.pkg.digests.sha256,
                    size: u.pkg.digests.size
                })),
                remove,
                // The arch-less repository takes stable releases too (Falco's wasm-dev): no retention.
                retention: prefix === d.repos.bin ? retention : undefined
            }, {
                store,
                prefix,
                keys,
                log,
                uploader,
                title: prefix,
                digests: d.tarballDigests.get(prefix)
            });
            if (r.adopted)
                log.info(`adopted ${r.adopted} tarball(s) already in ${prefix}`);
            outcome.bin = {
                // What the retention dropped at once was not added (and is deleted again).
                added: [
                    ...(outcome.bin?.added ?? []),
                    ...uploads.filter((u) => !r.removed.includes(u.pkg.path)).map((u) => u.key)
                ],
                removed: [...(outcome.bin?.removed ?? []), ...r.removed.map((p) => `${prefix}/${p}`)]
            };
        });
    }
    // A re-run with nothing new still finishes what an interrupted publish left half-committed.
    for (const prefix of d.tarballsUnchanged) {
        if (tarRepos.has(prefix) || refused.has(prefix))
            continue;
        await finishTarballs({ store, prefix, keys, log, uploader, title: prefix });
    }
    // Last: the public key users check with changes only once everything is signed by it.
    await publishPublicKeys(store, uploader, keys);
    outcome.added = [
        ...(outcome.deb?.added.map((f) => `${d.repos.deb}/${f}`) ?? []),
        ...(outcome.rpm?.added.map((f) => `${d.repos.rpm}/${f}`) ?? []),
        ...(outcome.bin?.added ?? [])
    ];
    outcome.removed = [
        ...(outcome.deb?.removedFiles.map((f) => `${d.repos.deb}/${f}`) ?? []),
        ...(outcome.rpm?.removedFiles.map((f) => `${d.repos.rpm}/${f}`) ?? []),
        ...(outcome.bin?.removed ?? [])
    ];
    return outcome;
}
/**
 * Masks the key material before it is used. Runners mask line by line, so each line of the
 * armoured key is registered too (the BEGIN/END lines are public and would mask too much).
 */
function registerKeySecrets(log, key, passphrase) {
    if (key)
        log.secret(key);
    for (const line of key.split(/\r?\n/)) {
        if (line.trim().length >= 8 && !line.startsWith('-----'))
            log.secret(line.trim());
    }
    if (passphrase)
        log.secret(passphrase);
}
/**
 * Commits an index while its packages are still being stored (`stored`, which the commit
 * awaits before naming them), and reports the first failure of either: a failed upload is
 * never left unobserved behind a failed commit.
 */
async function commitAfter(stored, commit) {
    const [uploads, committed] = await Promise.allSettled([stored, commit(stored)]);
    if (uploads.status === 'rejected')
        throw uploads.reason;
    if (committed.status === 'rejected')
        throw committed.reason;
    return committed.value;
}
/**
 * Signs or stores packages four at a time, results in input order: enough to overlap a remote
 * store's round trips, few enough to keep a runner's connections and open files in bounds.
 */
function fewAtATime(items, fn) {
    return pLimit(4).map(items, (item) => fn(item));
}
/** Writes a small file only when its bytes change (a rewrite would only cost a CDN invalidation). */
async function putIfChanged(store, uploader, key, text, kind = 'index', contentType) {
    const current = await readObject(store, key);
    if (current?.toString('utf8') === text)
        return;
    await uploader.bytes(key, text, kind, contentType);
}
/** The public key file, rewritten only when the keys changed. */
function publishPublicKeys(store, uploader, keys) {
    return putIfChanged(store, uploader, PUBLIC_KEY_KEY, keys.publicArmored.join('\n'), 'signature', 'application/pgp-keys');
}
async function signFile(uploader, key, file, keys) {
    await uploader.bytes(`${key}.asc`, await detachSign(createReadStream(file, { highWaterMark: 1 << 20 }), keys), 'signature', 'application/pgp-signature');
}
/** The `.repo` file users drop in /etc/yum.repos.d. */
function dnfRepoFile(store, prefix, channel) {
    const base = store.url(prefix) ?? prefix;
    const key = store.url(PUBLIC_KEY_KEY) ?? PUBLIC_KEY_KEY;
    const id = channel === 'dev' ? 'falco-publish-dev' : 'falco-publish';
    return (`[${id}]\nname=${id}\nbaseurl=${base}\nenabled=1\ngpgcheck=1\nrepo_gpgcheck=1\ngpgkey=${key}\n` +
        `metadata_expire=1h\n`);
}

var packages = /*#__PURE__*/Object.freeze({
    __proto__: null,
    PUBLIC_KEY_KEY: PUBLIC_KEY_KEY,
    dnfRepoFile: dnfRepoFile,
    packagesStage: packagesStage,
    registerKeySecrets: registerKeySecrets,
    repositoriesFor: repositoriesFor,
    resolvePackageFiles: resolvePackageFiles
});

export { HeaderValues as H, RpmType as R, Uploader as U, commitDnf as a, commitTarballs as b, commitApt as c, registerKeySecrets as d, checkSigningKeys as e, readObject as f, publicKeyFingerprints as g, headerLength as h, checkKeyContinuity as i, packages as j, keysSigning as k, metadataSignatures as m, parseHeader as p, readVersioned as r, signerKeyIds as s };
