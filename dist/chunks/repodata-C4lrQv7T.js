import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
import { b as byCodeUnit } from './package-m0x3kU6p.js';
const { gunzipSync } = __nodeBuiltin('node:zlib');

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
/**
 * The stanzas of a Packages index. `only`, when given, picks the stanzas to parse by their raw
 * text (a cheap `includes`), so a reader that wants a few entries of a large index does not
 * parse the thousands it does not want.
 */
function parsePackagesIndex(text, where, only) {
    const out = [];
    for (const chunk of text.replace(/\r\n/g, '\n').split(/\n{2,}/)) {
        const stanza = chunk.replace(/^\n+/, '');
        if (stanza.trim() === '' || (only && !only(stanza)))
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
        return (await import('./esm-DNEFO9GB.js')).decompress(data);
    if (name.endsWith('.xz'))
        return unxz(name, data);
    if (name.endsWith('.bz2'))
        return bunzip2(name, data);
    if (!/\.(lzma|zck)$/.test(name))
        return data;
    throw new Error(`${name}: unsupported compression (gz, xz, zst and bz2 are read)`);
}
async function unxz(name, data) {
    const lzma = await import('./wasm-BjLwJ5gl.js');
    await lzma.initModule();
    try {
        return await lzma.unxzAsync(data);
    }
    catch (e) {
        throw new Error(`${name}: not a valid xz file (${e.message})`, { cause: e });
    }
}
async function bunzip2(name, data) {
    const { decompress } = (await import('./index-p5d_UzUX.js').then(function (n) { return n.i; })).default ?? (await import('./index-p5d_UzUX.js').then(function (n) { return n.i; }));
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
