import { createRequire as __nodeBuiltinRequire } from 'node:module';
const __nodeBuiltin = process.getBuiltinModule?.bind(process) ?? __nodeBuiltinRequire(import.meta.url);
import { a as sha256Hex } from './publish-C_SEibVM.js';
const { writeFile } = __nodeBuiltin('node:fs/promises');
import { readKeys, readSignature, verify, createMessage } from './openpgp-DcMtA_fq.js';

/** falcoctl's URL: the driver version query-escaped (`+` as `%2B`), the rest as is. */
function falcoctlUrl(r) {
    const name = `falco_${r.target}_${r.kernelRelease}_${r.kernelVersion}.${r.kind === 'kmod' ? 'ko' : 'o'}`;
    return `${r.repo.replace(/\/+$/, '')}/${encodeURIComponent(r.driverVersion)}/${r.arch}/${name}`;
}
class VerificationError extends Error {
    constructor(message) {
        super(message);
        this.name = 'VerificationError';
    }
}
/**
 * Checks a driver's bytes against its `.sha256` line and its detached signature. Throws a
 * VerificationError that says which check failed and on which URL.
 */
async function verifyDriver(url, bytes, sha256Text, armoredSignature, armoredKeys) {
    const name = decodeURIComponent(url.slice(url.lastIndexOf('/') + 1));
    const sha256 = sha256Hex(bytes);
    const line = /^([0-9a-f]{64}) [ *](.+)$/m.exec(sha256Text.trim());
    if (!line)
        throw new VerificationError(`${url}.sha256 is not a sha256sum line`);
    if (line[2] !== name)
        throw new VerificationError(`${url}.sha256 names ${line[2]}, not the driver ${name}`);
    if (line[1] !== sha256)
        throw new VerificationError(`${url}: sha256 ${sha256} does not match ${line[1]} in its .sha256: the download is corrupt or tampered with`);
    let keys;
    try {
        keys = await readKeys({ armoredKeys });
    }
    catch (e) {
        throw new VerificationError(`the public key is not a readable OpenPGP key (${firstLine(e)})`);
    }
    let signature;
    try {
        signature = await readSignature({ armoredSignature });
    }
    catch (e) {
        throw new VerificationError(`${url}.asc is not an OpenPGP signature (${firstLine(e)})`);
    }
    const result = await verify({
        message: await createMessage({ binary: bytes }),
        signature,
        verificationKeys: keys
    });
    const signedBy = [];
    for (const s of result.signatures) {
        const ok = await s.verified.then(() => true, () => false);
        const key = keys.find((k) => k.getKeys(s.keyID).length > 0);
        if (ok && key)
            signedBy.push(key.getFingerprint().toUpperCase());
    }
    if (signedBy.length === 0)
        throw new VerificationError(`${url}: its signature (${url}.asc) does not verify with the given key: the driver is tampered with or signed by another key`);
    return { url, bytes, sha256, signedBy };
}
/** Downloads and verifies; `key` is the armoured public key text. */
async function downloadAndVerify(r, key) {
    const url = falcoctlUrl(r);
    const [bytes, sha, asc] = await Promise.all([
        download(url),
        download(`${url}.sha256`),
        download(`${url}.asc`)
    ]);
    return verifyDriver(url, bytes, sha.toString('utf8'), asc.toString('utf8'), key);
}
async function download(url) {
    let res;
    try {
        res = await fetch(url);
    }
    catch (e) {
        throw new VerificationError(`GET ${url}: ${e.message}`);
    }
    if (!res.ok)
        throw new VerificationError(`GET ${url}: HTTP ${res.status}${res.status === 404 ? ' (no such driver, or it was published unsigned)' : ''}`);
    return Buffer.from(await res.arrayBuffer());
}
function firstLine(e) {
    return String(e instanceof Error ? e.message : e).split('\n')[0];
}
const USAGE = `usage: falco-publish drivers-verify --driver-version <v> --target <t> --kernel-release <r>
         --kernel-version <n> [--arch x86_64|aarch64] [--kind kmod|ebpf]
         [--repo https://download.falco.org/driver] [--key <public key file or URL>] [--output <file>]
Downloads the driver by falcoctl's URL with its .sha256 and .asc, and checks both.
--key defaults to <repo>/../packages/repository-key.asc. Exit 0: verified; 1: not.
`;
/** The command: flags in, one line out, exit status. */
async function driversVerifyCommand(argv, out = process.stdout, err = process.stderr) {
    if (argv.includes('--help')) {
        out.write(USAGE);
        return 0;
    }
    const { parseArgs } = await import('node:util');
    let values;
    try {
        values = parseArgs({
            args: argv,
            options: Object.fromEntries([
                'repo',
                'driver-version',
                'arch',
                'target',
                'kernel-release',
                'kernel-version',
                'kind',
                'key',
                'output'
            ].map((n) => [n, { type: 'string' }])),
            strict: true
        }).values;
    }
    catch (e) {
        err.write(`falco-publish: ${e.message}\n${USAGE}`);
        return 2;
    }
    const missing = ['driver-version', 'target', 'kernel-release', 'kernel-version'].filter((n) => !values[n]);
    const kind = values.kind ?? 'kmod';
    if (missing.length > 0 || (kind !== 'kmod' && kind !== 'ebpf')) {
        err.write(`falco-publish: drivers-verify needs ${missing.map((n) => `--${n}`).join(', ') || '--kind kmod or ebpf'}\n${USAGE}`);
        return 2;
    }
    const repo = values.repo ?? 'https://download.falco.org/driver';
    const request = {
        repo,
        driverVersion: values['driver-version'],
        arch: values.arch ?? (process.arch === 'arm64' ? 'aarch64' : 'x86_64'),
        target: values.target,
        kernelRelease: values['kernel-release'],
        kernelVersion: values['kernel-version'],
        kind
    };
    try {
        const keyRef = values.key ?? new URL('../packages/repository-key.asc', `${repo.replace(/\/+$/, '')}/`).href;
        const key = /^https?:\/\//.test(keyRef)
            ? (await download(keyRef)).toString('utf8')
            : await (await import('node:fs/promises')).readFile(keyRef, 'utf8');
        const v = await downloadAndVerify(request, key);
        if (values.output)
            await writeFile(values.output, v.bytes);
        out.write(`verified ${v.url}\n  sha256 ${v.sha256}\n  signed by ${v.signedBy.join(', ')}\n`);
        return 0;
    }
    catch (e) {
        err.write(`falco-publish: ${e.message}\n`);
        return 1;
    }
}

export { VerificationError, downloadAndVerify, driversVerifyCommand, falcoctlUrl, verifyDriver };
