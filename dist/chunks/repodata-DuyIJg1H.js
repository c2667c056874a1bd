import { b as byCodeUnit } from './compare-CsyMDCna.js';
import { gunzipSync } from 'node:zlib';

function repositoriesFor(channel) {
    const suffix = channel === 'dev' ? '-dev' : '';
    return {
        deb: `packages/deb${suffix}`,
        rpm: `packages/rpm${suffix}`,
        bin: `packages/bin${suffix}`
    };
}
/** The armoured public key(s) users import, next to the repositories. */
const PUBLIC_KEY_KEY = 'packages/repository-key.asc';

function parseStanzas(text, where) {
    const stanzas = [];
    let current = [];
    const lines = text.replace(/\r\n/g, '\n').split('\n');
    for (const [i, line] of lines.entries()) {
        if (line.trim() === '') {
            if (current.length)
                stanzas.push(current);
            current = [];
            continue;
        }
        if (line.startsWith('#'))
            continue;
        if (line.startsWith(' ') || line.startsWith('\t')) {
            if (!current.length)
                throw new Error(`${where}:${i + 1}: continuation line outside a field`);
            current[current.length - 1][1] += '\n' + line;
            continue;
        }
        const m = /^([!-9;-~][!-9;-~]*):[ \t]*(.*)$/.exec(line);
        if (!m)
            throw new Error(`${where}:${i + 1}: not a "Field: value" line: ${JSON.stringify(line.slice(0, 80))}`);
        current.push([m[1], m[2].trimEnd()]);
    }
    if (current.length)
        stanzas.push(current);
    return stanzas;
}
function field(stanza, name) {
    const lower = name.toLowerCase();
    return stanza.find(([f]) => f.toLowerCase() === lower)?.[1];
}
/** Sets (replacing, or appending at the end) a field. */
function setField(stanza, name, value) {
    const lower = name.toLowerCase();
    const out = stanza.filter(([f]) => f.toLowerCase() !== lower);
    out.push([name, value]);
    return out;
}
function renderStanza(stanza) {
    return stanza.map(([f, v]) => `${f}: ${v}\n`).join('');
}

/** The stanza apt reads for a package: its control fields, where it is, and its digests. */
function packageStanza(pkg, filename) {
    let s = pkg.control.filter(([f]) => !/^(Filename|Size|MD5sum|SHA1|SHA256|SHA512)$/i.test(f));
    s = setField(s, 'Filename', filename);
    s = setField(s, 'Size', String(pkg.digests.size));
    s = setField(s, 'MD5sum', pkg.digests.md5);
    s = setField(s, 'SHA1', pkg.digests.sha1);
    s = setField(s, 'SHA256', pkg.digests.sha256);
    s = setField(s, 'SHA512', pkg.digests.sha512);
    return s;
}
function packageEntry(pkg, filename) {
    return entryOf(renderStanza(packageStanza(pkg, filename)), 'new package');
}
const FIELDS = {
    package: 'name',
    version: 'version',
    architecture: 'architecture',
    filename: 'filename',
    sha256: 'sha256'
};
function entryOf(text, where) {
    const e = { text };
    let start = 0;
    while (start < text.length) {
        let end = text.indexOf('\n', start);
        if (end < 0)
            end = text.length;
        const c = text.charCodeAt(start);
        if (c !== 32 && c !== 9) {
            const colon = text.indexOf(':', start);
            if (colon > start && colon < end) {
                const key = FIELDS[text.slice(start, colon).toLowerCase()];
                if (key)
                    e[key] = text.slice(colon + 1, end).trim();
            }
        }
        start = end + 1;
    }
    if (!e.name || !e.version || !e.architecture || !e.filename) {
        throw new Error(`${where}: a stanza lacks Package, Version, Architecture or Filename`);
    }
    return { sha256: '', ...e };
}
function parsePackagesIndex(text, where) {
    const out = [];
    for (const chunk of text.replace(/\r\n/g, '\n').split(/\n{2,}/)) {
        const stanza = chunk.replace(/^\n+/, '');
        if (stanza.trim() === '')
            continue;
        out.push(entryOf(stanza.endsWith('\n') ? stanza : stanza + '\n', where));
    }
    return out;
}
function entryKey(e) {
    return `${e.name} ${e.version} ${e.architecture}`;
}

function renderRelease(r) {
    const files = [...r.files].sort((a, b) => byCodeUnit(a.path, b.path));
    const list = (hash) => files
        .map((f) => ` ${f.digests[hash]} ${String(f.digests.size).padStart(16)} ${f.path}\n`)
        .join('');
    return (`Origin: ${r.origin}\n` +
        `Label: ${r.label}\n` +
        `Suite: ${r.suite}\n` +
        `Codename: ${r.codename}\n` +
        (r.description ? `Description: ${r.description}\n` : '') +
        `Date: ${r.date.toUTCString().replace('GMT', '+0000')}\n` +
        `Architectures: ${r.architectures.join(' ')}\n` +
        `Components: ${r.components.join(' ')}\n` +
        `Acquire-By-Hash: yes\n` +
        (r.extra ?? '') +
        `MD5Sum:\n${list('md5')}` +
        `SHA256:\n${list('sha256')}` +
        `SHA512:\n${list('sha512')}`);
}
/** The cleartext of an InRelease (or a plain Release): the signature is apt's business, not ours. */
function releaseText(signedOrPlain) {
    const m = /-----BEGIN PGP SIGNED MESSAGE-----\r?\n(?:[^\n]+\n)*?\r?\n([\s\S]*?)\r?\n-----BEGIN PGP SIGNATURE-----/.exec(signedOrPlain);
    if (!m)
        return signedOrPlain;
    const text = m[1].replace(/^- /gm, '');
    // openpgp.js writes the text with CRLF line ends, its last one included, then the separator's
    // own line end; gpg writes LF, and the separator's line end is the text's last. Release has LF.
    return text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text + '\n';
}
/** The files a Release lists, with their SHA256 and size. */
function releaseFiles(text, where) {
    const [stanza] = parseStanzas(text, where);
    const out = new Map();
    const list = stanza ? field(stanza, 'SHA256') : undefined;
    for (const line of (list ?? '').split('\n')) {
        const m = /^\s*([0-9a-f]{64})\s+(\d+)\s+(\S+)\s*$/.exec(line);
        if (m)
            out.set(m[3], { sha256: m[1], size: Number(m[2]) });
    }
    return out;
}
/** Every file a Release lists, with all the digests it gives (so unchanged indexes can be listed again as they are). */
function releaseDigests(text, where) {
    const [stanza] = parseStanzas(text, where);
    const out = new Map();
    const sections = [
        ['MD5Sum', 'md5'],
        ['SHA1', 'sha1'],
        ['SHA256', 'sha256'],
        ['SHA512', 'sha512']
    ];
    for (const [name, hash] of sections) {
        for (const line of ((stanza && field(stanza, name)) ?? '').split('\n')) {
            const m = /^\s*([0-9a-f]+)\s+(\d+)\s+(\S+)\s*$/.exec(line);
            if (!m)
                continue;
            const d = out.get(m[3]) ?? { size: Number(m[2]), md5: '', sha1: '', sha256: '', sha512: '' };
            d[hash] = m[1];
            out.set(m[3], d);
        }
    }
    return out;
}
/** One single-line field of a Release (Origin, Label, ...), as written; undefined when absent. */
function releaseField(text, name) {
    const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'mi').exec(text.split(/\n(?=MD5Sum:|SHA)/)[0]);
    return m ? m[1].trim() : undefined;
}
/**
 * The fields of an existing Release a new one keeps. apt remembers Origin, Label, Suite and
 * Codename and stops (`changed its 'Origin' value`) when they change; the others are kept so
 * the repository reads as it did.
 */
function keptReleaseFields(text) {
    return {
        origin: releaseField(text, 'Origin'),
        label: releaseField(text, 'Label'),
        suite: releaseField(text, 'Suite'),
        codename: releaseField(text, 'Codename'),
        description: releaseField(text, 'Description'),
        architectures: releaseField(text, 'Architectures')
    };
}

// Some numerical data is initialized as -1 even when it doesn't need initialization to help the JIT infer types
// aliases for shorter compressed code (most minifers don't do this)
var ab = ArrayBuffer, u8 = Uint8Array, u16 = Uint16Array, i16 = Int16Array, i32 = Int32Array;
var slc = function (v, s, e) {
    if (u8.prototype.slice)
        return u8.prototype.slice.call(v, s, e);
    if (s == null || s < 0)
        s = 0;
    if (e == null || e > v.length)
        e = v.length;
    var n = new u8(e - s);
    n.set(v.subarray(s, e));
    return n;
};
var fill = function (v, n, s, e) {
    if (u8.prototype.fill)
        return u8.prototype.fill.call(v, n, s, e);
    if (s == null || s < 0)
        s = 0;
    if (e == null || e > v.length)
        e = v.length;
    for (; s < e; ++s)
        v[s] = n;
    return v;
};
var cpw = function (v, t, s, e) {
    if (u8.prototype.copyWithin)
        return u8.prototype.copyWithin.call(v, t, s, e);
    if (s == null || s < 0)
        s = 0;
    if (e == null || e > v.length)
        e = v.length;
    while (s < e) {
        v[t++] = v[s++];
    }
};
// error codes
var ec = [
    'invalid zstd data',
    'window size too large (>2046MB)',
    'invalid block type',
    'FSE accuracy too high',
    'match distance too far back',
    'unexpected EOF'
];
var err = function (ind, msg, nt) {
    var e = new Error(msg || ec[ind]);
    e.code = ind;
    if (Error.captureStackTrace)
        Error.captureStackTrace(e, err);
    if (!nt)
        throw e;
    return e;
};
var rb = function (d, b, n) {
    var i = 0, o = 0;
    for (; i < n; ++i)
        o |= d[b++] << (i << 3);
    return o;
};
var b4 = function (d, b) { return (d[b] | (d[b + 1] << 8) | (d[b + 2] << 16) | (d[b + 3] << 24)) >>> 0; };
// read Zstandard frame header
var rzfh = function (dat, w) {
    var n3 = dat[0] | (dat[1] << 8) | (dat[2] << 16);
    if (n3 == 0x2FB528 && dat[3] == 253) {
        // Zstandard
        var flg = dat[4];
        //    single segment       checksum             dict flag     frame content flag
        var ss = (flg >> 5) & 1, cc = (flg >> 2) & 1, df = flg & 3, fcf = flg >> 6;
        if (flg & 8)
            err(0);
        // byte
        var bt = 6 - ss;
        // dict bytes
        var db = df == 3 ? 4 : df;
        // dictionary id
        var di = rb(dat, bt, db);
        bt += db;
        // frame size bytes
        var fsb = fcf ? (1 << fcf) : ss;
        // frame source size
        var fss = rb(dat, bt, fsb) + ((fcf == 1) && 256);
        // window size
        var ws = fss;
        if (!ss) {
            // window descriptor
            var wb = 1 << (10 + (dat[5] >> 3));
            ws = wb + (wb >> 3) * (dat[5] & 7);
        }
        if (ws > 2145386496)
            err(1);
        var buf = new u8((w == 1 ? (fss || ws) : w ? 0 : ws) + 12);
        buf[0] = 1, buf[4] = 4, buf[8] = 8;
        return {
            b: bt + fsb,
            y: 0,
            l: 0,
            d: di,
            w: (w && w != 1) ? w : buf.subarray(12),
            e: ws,
            o: new i32(buf.buffer, 0, 3),
            u: fss,
            c: cc,
            m: Math.min(131072, ws)
        };
    }
    else if (((n3 >> 4) | (dat[3] << 20)) == 0x184D2A5) {
        // skippable
        return b4(dat, 4) + 8;
    }
    err(0);
};
// most significant bit for nonzero
var msb = function (val) {
    var bits = 0;
    for (; (1 << bits) <= val; ++bits)
        ;
    return bits - 1;
};
// read finite state entropy
var rfse = function (dat, bt, mal) {
    // table pos
    var tpos = (bt << 3) + 4;
    // accuracy log
    var al = (dat[bt] & 15) + 5;
    if (al > mal)
        err(3);
    // size
    var sz = 1 << al;
    // probabilities symbols  repeat   index   high threshold
    var probs = sz, sym = -1, re = -1, i = -1, ht = sz;
    // optimization: single allocation is much faster
    var buf = new ab(512 + (sz << 2));
    var freq = new i16(buf, 0, 256);
    // same view as freq
    var dstate = new u16(buf, 0, 256);
    var nstate = new u16(buf, 512, sz);
    var bb1 = 512 + (sz << 1);
    var syms = new u8(buf, bb1, sz);
    var nbits = new u8(buf, bb1 + sz);
    while (sym < 255 && probs > 0) {
        var bits = msb(probs + 1);
        var cbt = tpos >> 3;
        // mask
        var msk = (1 << (bits + 1)) - 1;
        var val = ((dat[cbt] | (dat[cbt + 1] << 8) | (dat[cbt + 2] << 16)) >> (tpos & 7)) & msk;
        // mask (1 fewer bit)
        var msk1fb = (1 << bits) - 1;
        // max small value
        var msv = msk - probs - 1;
        // small value
        var sval = val & msk1fb;
        if (sval < msv)
            tpos += bits, val = sval;
        else {
            tpos += bits + 1;
            if (val > msk1fb)
                val -= msv;
        }
        freq[++sym] = --val;
        if (val == -1) {
            probs += val;
            syms[--ht] = sym;
        }
        else
            probs -= val;
        if (!val) {
            do {
                // repeat byte
                var rbt = tpos >> 3;
                re = ((dat[rbt] | (dat[rbt + 1] << 8)) >> (tpos & 7)) & 3;
                tpos += 2;
                sym += re;
            } while (re == 3);
        }
    }
    if (sym > 255 || probs)
        err(0);
    var sympos = 0;
    // sym step (coprime with sz - formula from zstd source)
    var sstep = (sz >> 1) + (sz >> 3) + 3;
    // sym mask
    var smask = sz - 1;
    for (var s = 0; s <= sym; ++s) {
        var sf = freq[s];
        if (sf < 1) {
            dstate[s] = -sf;
            continue;
        }
        // This is split into two loops in zstd to avoid branching, but as JS is higher-level that is unnecessary
        for (i = 0; i < sf; ++i) {
            syms[sympos] = s;
            do {
                sympos = (sympos + sstep) & smask;
            } while (sympos >= ht);
        }
    }
    // After spreading symbols, should be zero again
    if (sympos)
        err(0);
    for (i = 0; i < sz; ++i) {
        // next state
        var ns = dstate[syms[i]]++;
        // num bits
        var nb = nbits[i] = al - msb(ns);
        nstate[i] = (ns << nb) - sz;
    }
    return [(tpos + 7) >> 3, {
            b: al,
            s: syms,
            n: nbits,
            t: nstate
        }];
};
// read huffman
var rhu = function (dat, bt) {
    //  index  weight count
    var i = 0, wc = -1;
    //    buffer             header byte
    var buf = new u8(292), hb = dat[bt];
    // huffman weights
    var hw = buf.subarray(0, 256);
    // rank count
    var rc = buf.subarray(256, 268);
    // rank index
    var ri = new u16(buf.buffer, 268);
    // NOTE: at this point bt is 1 less than expected
    if (hb < 128) {
        // end byte, fse decode table
        var _a = rfse(dat, bt + 1, 6), ebt = _a[0], fdt = _a[1];
        bt += hb;
        var epos = ebt << 3;
        // last byte
        var lb = dat[bt];
        if (!lb)
            err(0);
        //  state1   state2   state1 bits   state2 bits
        var st1 = 0, st2 = 0, btr1 = fdt.b, btr2 = btr1;
        // fse pos
        // pre-increment to account for original deficit of 1
        var fpos = (++bt << 3) - 8 + msb(lb);
        for (;;) {
            fpos -= btr1;
            if (fpos < epos)
                break;
            var cbt = fpos >> 3;
            st1 += ((dat[cbt] | (dat[cbt + 1] << 8)) >> (fpos & 7)) & ((1 << btr1) - 1);
            hw[++wc] = fdt.s[st1];
            fpos -= btr2;
            if (fpos < epos)
                break;
            cbt = fpos >> 3;
            st2 += ((dat[cbt] | (dat[cbt + 1] << 8)) >> (fpos & 7)) & ((1 << btr2) - 1);
            hw[++wc] = fdt.s[st2];
            btr1 = fdt.n[st1];
            st1 = fdt.t[st1];
            btr2 = fdt.n[st2];
            st2 = fdt.t[st2];
        }
        if (++wc > 255)
            err(0);
    }
    else {
        wc = hb - 127;
        for (; i < wc; i += 2) {
            var byte = dat[++bt];
            hw[i] = byte >> 4;
            hw[i + 1] = byte & 15;
        }
        ++bt;
    }
    // weight exponential sum
    var wes = 0;
    for (i = 0; i < wc; ++i) {
        var wt = hw[i];
        // bits must be at most 11, same as weight
        if (wt > 11)
            err(0);
        wes += wt && (1 << (wt - 1));
    }
    // max bits
    var mb = msb(wes) + 1;
    // table size
    var ts = 1 << mb;
    // remaining sum
    var rem = ts - wes;
    // must be power of 2
    if (rem & (rem - 1))
        err(0);
    hw[wc++] = msb(rem) + 1;
    for (i = 0; i < wc; ++i) {
        var wt = hw[i];
        ++rc[hw[i] = wt && (mb + 1 - wt)];
    }
    // huf buf
    var hbuf = new u8(ts << 1);
    //    symbols                      num bits
    var syms = hbuf.subarray(0, ts), nb = hbuf.subarray(ts);
    ri[mb] = 0;
    for (i = mb; i > 0; --i) {
        var pv = ri[i];
        fill(nb, i, pv, ri[i - 1] = pv + rc[i] * (1 << (mb - i)));
    }
    if (ri[0] != ts)
        err(0);
    for (i = 0; i < wc; ++i) {
        var bits = hw[i];
        if (bits) {
            var code = ri[bits];
            fill(syms, i, code, ri[bits] = code + (1 << (mb - bits)));
        }
    }
    return [bt, {
            n: nb,
            b: mb,
            s: syms
        }];
};
// Tables generated using this:
// https://gist.github.com/101arrowz/a979452d4355992cbf8f257cbffc9edd
// default literal length table
var dllt = /*#__PURE__*/ rfse(/*#__PURE__*/ new u8([
    81, 16, 99, 140, 49, 198, 24, 99, 12, 33, 196, 24, 99, 102, 102, 134, 70, 146, 4
]), 0, 6)[1];
// default match length table
var dmlt = /*#__PURE__*/ rfse(/*#__PURE__*/ new u8([
    33, 20, 196, 24, 99, 140, 33, 132, 16, 66, 8, 33, 132, 16, 66, 8, 33, 68, 68, 68, 68, 68, 68, 68, 68, 36, 9
]), 0, 6)[1];
// default offset code table
var doct = /*#__PURE__ */ rfse(/*#__PURE__*/ new u8([
    32, 132, 16, 66, 102, 70, 68, 68, 68, 68, 36, 73, 2
]), 0, 5)[1];
// bits to baseline
var b2bl = function (b, s) {
    var len = b.length, bl = new i32(len);
    for (var i = 0; i < len; ++i) {
        bl[i] = s;
        s += 1 << b[i];
    }
    return bl;
};
// literal length bits
var llb = /*#__PURE__ */ new u8(( /*#__PURE__ */new i32([
    0, 0, 0, 0, 16843009, 50528770, 134678020, 202050057, 269422093
])).buffer, 0, 36);
// literal length baseline
var llbl = /*#__PURE__ */ b2bl(llb, 0);
// match length bits
var mlb = /*#__PURE__ */ new u8(( /*#__PURE__ */new i32([
    0, 0, 0, 0, 0, 0, 0, 0, 16843009, 50528770, 117769220, 185207048, 252579084, 16
])).buffer, 0, 53);
// match length baseline
var mlbl = /*#__PURE__ */ b2bl(mlb, 3);
// decode huffman stream
var dhu = function (dat, out, hu) {
    var len = dat.length, ss = out.length, lb = dat[len - 1], msk = (1 << hu.b) - 1, eb = -hu.b;
    if (!lb)
        err(0);
    var st = 0, btr = hu.b, pos = (len << 3) - 8 + msb(lb) - btr, i = -1;
    for (; pos > eb && i < ss;) {
        var cbt = pos >> 3;
        var val = (dat[cbt] | (dat[cbt + 1] << 8) | (dat[cbt + 2] << 16)) >> (pos & 7);
        st = ((st << btr) | val) & msk;
        out[++i] = hu.s[st];
        pos -= (btr = hu.n[st]);
    }
    if (pos != eb || i + 1 != ss)
        err(0);
};
// decode huffman stream 4x
// TODO: use workers to parallelize
var dhu4 = function (dat, out, hu) {
    var bt = 6;
    var ss = out.length, sz1 = (ss + 3) >> 2, sz2 = sz1 << 1, sz3 = sz1 + sz2;
    dhu(dat.subarray(bt, bt += dat[0] | (dat[1] << 8)), out.subarray(0, sz1), hu);
    dhu(dat.subarray(bt, bt += dat[2] | (dat[3] << 8)), out.subarray(sz1, sz2), hu);
    dhu(dat.subarray(bt, bt += dat[4] | (dat[5] << 8)), out.subarray(sz2, sz3), hu);
    dhu(dat.subarray(bt), out.subarray(sz3), hu);
};
// read Zstandard block
var rzb = function (dat, st, out) {
    var _a;
    var bt = st.b;
    //    byte 0        block type
    var b0 = dat[bt], btype = (b0 >> 1) & 3;
    st.l = b0 & 1;
    var sz = (b0 >> 3) | (dat[bt + 1] << 5) | (dat[bt + 2] << 13);
    // end byte for block
    var ebt = (bt += 3) + sz;
    if (btype == 1) {
        if (bt >= dat.length)
            return;
        st.b = bt + 1;
        if (out) {
            fill(out, dat[bt], st.y, st.y += sz);
            return out;
        }
        return fill(new u8(sz), dat[bt]);
    }
    if (ebt > dat.length)
        return;
    if (btype == 0) {
        st.b = ebt;
        if (out) {
            out.set(dat.subarray(bt, ebt), st.y);
            st.y += sz;
            return out;
        }
        return slc(dat, bt, ebt);
    }
    if (btype == 2) {
        //    byte 3        lit btype     size format
        var b3 = dat[bt], lbt = b3 & 3, sf = (b3 >> 2) & 3;
        // lit src size  lit cmp sz 4 streams
        var lss = b3 >> 4, lcs = 0, s4 = 0;
        if (lbt < 2) {
            if (sf & 1)
                lss |= (dat[++bt] << 4) | ((sf & 2) && (dat[++bt] << 12));
            else
                lss = b3 >> 3;
        }
        else {
            s4 = sf;
            if (sf < 2)
                lss |= ((dat[++bt] & 63) << 4), lcs = (dat[bt] >> 6) | (dat[++bt] << 2);
            else if (sf == 2)
                lss |= (dat[++bt] << 4) | ((dat[++bt] & 3) << 12), lcs = (dat[bt] >> 2) | (dat[++bt] << 6);
            else
                lss |= (dat[++bt] << 4) | ((dat[++bt] & 63) << 12), lcs = (dat[bt] >> 6) | (dat[++bt] << 2) | (dat[++bt] << 10);
        }
        ++bt;
        // add literals to end - can never overlap with backreferences because unused literals always appended
        var buf = out ? out.subarray(st.y, st.y + st.m) : new u8(st.m);
        // starting point for literals
        var spl = buf.length - lss;
        if (lbt == 0)
            buf.set(dat.subarray(bt, bt += lss), spl);
        else if (lbt == 1)
            fill(buf, dat[bt++], spl);
        else {
            // huffman table
            var hu = st.h;
            if (lbt == 2) {
                var hud = rhu(dat, bt);
                // subtract description length
                lcs += bt - (bt = hud[0]);
                st.h = hu = hud[1];
            }
            else if (!hu)
                err(0);
            (s4 ? dhu4 : dhu)(dat.subarray(bt, bt += lcs), buf.subarray(spl), hu);
        }
        // num sequences
        var ns = dat[bt++];
        if (ns) {
            if (ns == 255)
                ns = (dat[bt++] | (dat[bt++] << 8)) + 0x7F00;
            else if (ns > 127)
                ns = ((ns - 128) << 8) | dat[bt++];
            // symbol compression modes
            var scm = dat[bt++];
            if (scm & 3)
                err(0);
            var dts = [dmlt, doct, dllt];
            for (var i = 2; i > -1; --i) {
                var md = (scm >> ((i << 1) + 2)) & 3;
                if (md == 1) {
                    // rle buf
                    var rbuf = new u8([0, 0, dat[bt++]]);
                    dts[i] = {
                        s: rbuf.subarray(2, 3),
                        n: rbuf.subarray(0, 1),
                        t: new u16(rbuf.buffer, 0, 1),
                        b: 0
                    };
                }
                else if (md == 2) {
                    // accuracy log 8 for offsets, 9 for others
                    _a = rfse(dat, bt, 9 - (i & 1)), bt = _a[0], dts[i] = _a[1];
                }
                else if (md == 3) {
                    if (!st.t)
                        err(0);
                    dts[i] = st.t[i];
                }
            }
            var _b = st.t = dts, mlt = _b[0], oct = _b[1], llt = _b[2];
            var lb = dat[ebt - 1];
            if (!lb)
                err(0);
            var spos = (ebt << 3) - 8 + msb(lb) - llt.b, cbt = spos >> 3, oubt = 0;
            var lst = ((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << llt.b) - 1);
            cbt = (spos -= oct.b) >> 3;
            var ost = ((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << oct.b) - 1);
            cbt = (spos -= mlt.b) >> 3;
            var mst = ((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << mlt.b) - 1);
            for (++ns; --ns;) {
                var llc = llt.s[lst];
                var lbtr = llt.n[lst];
                var mlc = mlt.s[mst];
                var mbtr = mlt.n[mst];
                var ofc = oct.s[ost];
                var obtr = oct.n[ost];
                cbt = (spos -= ofc) >> 3;
                var ofp = 1 << ofc;
                var off = ofp + (((dat[cbt] | (dat[cbt + 1] << 8) | (dat[cbt + 2] << 16) | (dat[cbt + 3] << 24)) >>> (spos & 7)) & (ofp - 1));
                cbt = (spos -= mlb[mlc]) >> 3;
                var ml = mlbl[mlc] + (((dat[cbt] | (dat[cbt + 1] << 8) | (dat[cbt + 2] << 16)) >> (spos & 7)) & ((1 << mlb[mlc]) - 1));
                cbt = (spos -= llb[llc]) >> 3;
                var ll = llbl[llc] + (((dat[cbt] | (dat[cbt + 1] << 8) | (dat[cbt + 2] << 16)) >> (spos & 7)) & ((1 << llb[llc]) - 1));
                cbt = (spos -= lbtr) >> 3;
                lst = llt.t[lst] + (((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << lbtr) - 1));
                cbt = (spos -= mbtr) >> 3;
                mst = mlt.t[mst] + (((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << mbtr) - 1));
                cbt = (spos -= obtr) >> 3;
                ost = oct.t[ost] + (((dat[cbt] | (dat[cbt + 1] << 8)) >> (spos & 7)) & ((1 << obtr) - 1));
                if (off > 3) {
                    st.o[2] = st.o[1];
                    st.o[1] = st.o[0];
                    st.o[0] = off -= 3;
                }
                else {
                    var idx = off - (ll != 0);
                    if (idx) {
                        off = idx == 3 ? st.o[0] - 1 : st.o[idx];
                        if (idx > 1)
                            st.o[2] = st.o[1];
                        st.o[1] = st.o[0];
                        st.o[0] = off;
                    }
                    else
                        off = st.o[0];
                }
                for (var i = 0; i < ll; ++i) {
                    buf[oubt + i] = buf[spl + i];
                }
                oubt += ll, spl += ll;
                var stin = oubt - off;
                if (stin < 0) {
                    var len = -stin;
                    var bs = st.e + stin;
                    if (len > ml)
                        len = ml;
                    for (var i = 0; i < len; ++i) {
                        buf[oubt + i] = st.w[bs + i];
                    }
                    oubt += len, ml -= len, stin = 0;
                }
                for (var i = 0; i < ml; ++i) {
                    buf[oubt + i] = buf[stin + i];
                }
                oubt += ml;
            }
            if (oubt != spl) {
                while (spl < buf.length) {
                    buf[oubt++] = buf[spl++];
                }
            }
            else
                oubt = buf.length;
            if (out)
                st.y += oubt;
            else
                buf = slc(buf, 0, oubt);
        }
        else if (out) {
            st.y += lss;
            if (spl) {
                for (var i = 0; i < lss; ++i) {
                    buf[i] = buf[spl + i];
                }
            }
        }
        else if (spl)
            buf = slc(buf, spl);
        st.b = ebt;
        return buf;
    }
    err(2);
};
// concat
var cct = function (bufs, ol) {
    if (bufs.length == 1)
        return bufs[0];
    var buf = new u8(ol);
    for (var i = 0, b = 0; i < bufs.length; ++i) {
        var chk = bufs[i];
        buf.set(chk, b);
        b += chk.length;
    }
    return buf;
};
/**
 * Decompresses Zstandard data
 * @param dat The input data
 * @param buf The output buffer. If unspecified, the function will allocate
 *            exactly enough memory to fit the decompressed data. If your
 *            data has multiple frames and you know the output size, specifying
 *            it will yield better performance.
 * @returns The decompressed data
 */
function decompress(dat, buf) {
    var bufs = [], nb = +!buf;
    var bt = 0, ol = 0;
    for (; dat.length;) {
        var st = rzfh(dat, nb || buf);
        if (typeof st == 'object') {
            if (nb) {
                buf = null;
                if (st.w.length == st.u) {
                    bufs.push(buf = st.w);
                    ol += st.u;
                }
            }
            else {
                bufs.push(buf);
                st.e = 0;
            }
            for (; !st.l;) {
                var blk = rzb(dat, st, buf);
                if (!blk)
                    err(5);
                if (buf)
                    st.e = st.y;
                else {
                    bufs.push(blk);
                    ol += blk.length;
                    cpw(st.w, 0, blk.length);
                    st.w.set(blk, st.w.length - blk.length);
                }
            }
            bt = st.b + (st.c * 4);
        }
        else
            bt = st;
        dat = dat.subarray(bt);
    }
    return cct(bufs, ol);
}

/**
 * Decompresses a small file by the suffix of its name: a .deb's control.tar member, or the
 * repodata another tool wrote (createrepo_c writes gz, xz, zstd or bz2). Node has gzip; zstd
 * comes from a pure-JS decoder, xz from liblzma compiled to WebAssembly (the same module that
 * writes Packages.xz), bzip2 from a small pure-JS decoder (SheetJS's): the bundle needs no native code. The
 * decoders load on first use, so a run that meets none of them never pays for them.
 */
async function decompressMember(name, data) {
    if (name.endsWith('.gz'))
        return gunzipSync(data);
    if (name.endsWith('.zst'))
        return decompress(data);
    if (name.endsWith('.xz'))
        return unxz(name, data);
    if (name.endsWith('.bz2'))
        return bunzip2(name, data);
    if (!/\.(lzma|zck)$/.test(name))
        return data;
    throw new Error(`${name}: unsupported compression (gz, xz, zst and bz2 are read)`);
}
async function unxz(name, data) {
    const lzma = await import('./wasm-D9bucNpL.js');
    await lzma.initModule();
    try {
        return await lzma.unxzAsync(data);
    }
    catch (e) {
        throw new Error(`${name}: not a valid xz file (${e.message})`, { cause: e });
    }
}
async function bunzip2(name, data) {
    const { decompress } = (await import('./index-CF69HDYd.js').then(function (n) { return n.i; })).default ?? (await import('./index-CF69HDYd.js').then(function (n) { return n.i; }));
    try {
        return Buffer.concat(bzip2Streams(data).map((stream) => decompress(stream, true)));
    }
    catch (e) {
        throw new Error(`${name}: not a valid bzip2 file (${e.message})`, { cause: e });
    }
}
/**
 * The streams of a bzip2 file, one after another (pbzip2 and `cat a.bz2 b.bz2` write several;
 * the decoder reads one). A stream opens with `BZh<level>` and the 48-bit magic of a block or
 * of the end of stream; ten bytes that, inside compressed data, match by chance about once in
 * 2^80 bytes.
 */
function bzip2Streams(data) {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const opens = (at) => bytes[at] === 0x42 &&
        bytes[at + 1] === 0x5a &&
        bytes[at + 2] === 0x68 &&
        bytes[at + 3] >= 0x31 &&
        bytes[at + 3] <= 0x39 &&
        (bytes.subarray(at + 4, at + 10).equals(BLOCK_MAGIC) ||
            bytes.subarray(at + 4, at + 10).equals(END_MAGIC));
    const starts = [0];
    for (let at = bytes.indexOf('BZh', 1); at > 0; at = bytes.indexOf('BZh', at + 1))
        if (opens(at))
            starts.push(at);
    return starts.map((start, i) => bytes.subarray(start, starts[i + 1] ?? bytes.length));
}
const BLOCK_MAGIC = Buffer.from([0x31, 0x41, 0x59, 0x26, 0x53, 0x59]);
const END_MAGIC = Buffer.from([0x17, 0x72, 0x45, 0x38, 0x50, 0x90]);

function recordOf(pkg, location) {
    const info = { ...pkg, location, sha256: pkg.digests.sha256, size: pkg.digests.size };
    return {
        name: pkg.name,
        epoch: pkg.epoch,
        version: pkg.version,
        release: pkg.release,
        arch: pkg.arch,
        location,
        sha256: info.sha256,
        size: info.size,
        primary: primaryPackage(info),
        filelists: filelistsPackage(info),
        other: otherPackage(info)
    };
}
function recordKey(r) {
    return `${r.name}-${r.epoch}:${r.version}-${r.release}.${r.arch}`;
}
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const version = (r) => `<version epoch="${r.epoch}" ver="${esc(r.version)}" rel="${esc(r.release)}"/>`;
function entries(tag, list) {
    const seen = new Set();
    const items = [];
    for (const d of list) {
        let attrs = `name="${esc(d.name)}"`;
        if (d.flags)
            attrs += ` flags="${d.flags}" epoch="${esc(d.epoch ?? '0')}" ver="${esc(d.ver ?? '')}"`;
        if (d.flags && d.rel !== undefined)
            attrs += ` rel="${esc(d.rel)}"`;
        if (d.pre)
            attrs += ` pre="1"`;
        if (seen.has(attrs))
            continue;
        seen.add(attrs);
        items.push(`      <rpm:entry ${attrs}/>`);
    }
    return items.length ? `    <rpm:${tag}>\n${items.join('\n')}\n    </rpm:${tag}>\n` : '';
}
/** Files dnf needs in primary to resolve file dependencies (the rest is in filelists). */
const isPrimaryFile = (f) => f.path.startsWith('/etc/') || f.path.includes('bin/') || f.path === '/usr/lib/sendmail';
const fileLine = (f, indent) => `${indent}<file${f.type === 'file' ? '' : ` type="${f.type}"`}>${esc(f.path)}</file>\n`;
function primaryPackage(r) {
    return (`<package type="rpm">\n  <name>${esc(r.name)}</name>\n  <arch>${esc(r.arch)}</arch>\n  ${version(r)}\n` +
        `  <checksum type="sha256" pkgid="YES">${r.sha256}</checksum>\n` +
        `  <summary>${esc(r.summary)}</summary>\n  <description>${esc(r.description)}</description>\n` +
        `  <packager>${esc(r.packager)}</packager>\n  <url>${esc(r.url)}</url>\n` +
        `  <time file="${r.buildtime}" build="${r.buildtime}"/>\n` +
        `  <size package="${r.size}" installed="${r.installedSize}" archive="${r.archiveSize}"/>\n` +
        `  <location href="${esc(r.location)}"/>\n  <format>\n` +
        `    <rpm:license>${esc(r.license)}</rpm:license>\n    <rpm:vendor>${esc(r.vendor)}</rpm:vendor>\n` +
        `    <rpm:group>${esc(r.group)}</rpm:group>\n    <rpm:buildhost>${esc(r.buildhost)}</rpm:buildhost>\n` +
        `    <rpm:sourcerpm>${esc(r.sourcerpm)}</rpm:sourcerpm>\n` +
        `    <rpm:header-range start="${r.headerRange.start}" end="${r.headerRange.end}"/>\n` +
        entries('provides', r.provides) +
        entries('requires', r.requires) +
        entries('conflicts', r.conflicts) +
        entries('obsoletes', r.obsoletes) +
        r.files
            .filter(isPrimaryFile)
            .map((f) => fileLine(f, '    '))
            .join('') +
        `  </format>\n</package>\n`);
}
function filelistsPackage(r) {
    return (`<package pkgid="${r.sha256}" name="${esc(r.name)}" arch="${esc(r.arch)}">\n  ${version(r)}\n` +
        r.files.map((f) => fileLine(f, '  ')).join('') +
        `</package>\n`);
}
function otherPackage(r) {
    return (`<package pkgid="${r.sha256}" name="${esc(r.name)}" arch="${esc(r.arch)}">\n  ${version(r)}\n` +
        r.changelog
            .map((c) => `  <changelog author="${esc(c.author)}" date="${c.date}">${esc(c.text)}</changelog>\n`)
            .join('') +
        `</package>\n`);
}
/**
 * The three XML files of the repodata: how each opens and closes around its package fragments.
 *
 * The opening carries no `packages="N"` count. With it, every publish changed the first bytes of
 * every file, so each file's open SHA-256 (which repomd.xml lists) had to be taken again over all
 * of it, inflated, and the file could not grow from the one before. Without it, a publish hashes
 * only the segments it adds, from the states the manifest keeps, and the file store extends the
 * old files. The readers ignore the count: libsolv (dnf, zypper) and createrepo_c never read it,
 * and yum's parser only reports it as progress when it is there.
 */
const XML_FILES = [
    {
        type: 'primary',
        open: `<?xml version="1.0" encoding="UTF-8"?>\n` +
            `<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm">\n`,
        close: `</metadata>\n`,
        fragment: (r) => r.primary
    },
    {
        type: 'filelists',
        open: `<?xml version="1.0" encoding="UTF-8"?>\n<filelists xmlns="http://linux.duke.edu/metadata/filelists">\n`,
        close: `</filelists>\n`,
        fragment: (r) => r.filelists
    },
    {
        type: 'other',
        open: `<?xml version="1.0" encoding="UTF-8"?>\n<otherdata xmlns="http://linux.duke.edu/metadata/other">\n`,
        close: `</otherdata>\n`,
        fragment: (r) => r.other
    }
];
/** The package fragments of a run of XML (the inverse of joining them). */
function splitFragments(xml) {
    const parts = xml.split('</package>\n');
    parts.pop();
    return parts.map((p) => p + '</package>\n');
}
function renderRepomd(revision, data) {
    return (`<?xml version="1.0" encoding="UTF-8"?>\n<repomd xmlns="http://linux.duke.edu/metadata/repo" xmlns:rpm="http://linux.duke.edu/metadata/rpm">\n` +
        `  <revision>${revision}</revision>\n` +
        data
            .map((d) => `  <data type="${esc(d.type)}">\n    <checksum type="sha256">${d.sha256}</checksum>\n` +
            `    <open-checksum type="sha256">${d.openSha256}</open-checksum>\n    <location href="${esc(d.location)}"/>\n` +
            `    <timestamp>${revision}</timestamp>\n    <size>${d.size}</size>\n    <open-size>${d.openSize}</open-size>\n  </data>\n`)
            .join('') +
        `</repomd>\n`);
}
/** The data entries of a repomd.xml we wrote: type -> location and checksum. */
function parseRepomd(xml) {
    const out = new Map();
    for (const m of xml.matchAll(/<data type="([^"]+)">([\s\S]*?)<\/data>/g)) {
        const loc = /<location href="([^"]+)"/.exec(m[2]);
        const sum = /<checksum type="sha256">([0-9a-f]{64})<\/checksum>/.exec(m[2]);
        if (loc && sum)
            out.set(m[1], { location: loc[1], sha256: sum[1] });
    }
    return out;
}

export { PUBLIC_KEY_KEY as P, XML_FILES as X, releaseText as a, releaseFiles as b, releaseField as c, decompressMember as d, parseRepomd as e, packageEntry as f, entryKey as g, releaseDigests as h, renderRelease as i, recordOf as j, keptReleaseFields as k, recordKey as l, renderRepomd as m, parseStanzas as n, field as o, parsePackagesIndex as p, repositoriesFor as r, splitFragments as s };
