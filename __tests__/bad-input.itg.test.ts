/**
 * The bad-input corpus: every input a careless user or an attacker can hand the command line,
 * each refused with a non-zero exit, an error that names the file, input or field and says how
 * to fix it, and a store that is byte-for-byte what it was (every file hashed before and after).
 * The command line runs in-process (its `main`), against a store seeded by a real publish.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { gzipSync } from 'node:zlib'
import * as openpgp from 'openpgp'
import { main } from '../src/cli.js'
import { buildDeb, buildRpm } from './support/build-packages.js'
import { generateTestKey, type TestKey } from './support/keys.js'
import { controlWith, rawDeb } from './support/raw-deb.js'
import { mustRun, requireTools, run } from './support/run.js'
import { startNginx } from './support/servers.js'
import { tarGz } from './support/tarball.js'

requireTools({ 'dpkg-deb': 'dpkg', rpmbuild: 'rpm', gpg: 'gnupg' })

let tmp: string
let ws: string
let store: string
let keyA: TestKey
let keyB: TestKey
/** Files holding secrets, as `@file` arguments take them. */
const keyFiles: Record<string, string> = {}

/** Runs the command line in-process; what it printed, and its exit code. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk)
    return true
  })
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk)
    return true
  })
  try {
    const code = await main(args)
    return { code, out, err }
  } finally {
    stdout.mockRestore()
    stderr.mockRestore()
  }
}

/** Every file (and folder) of a tree with the sha256 of its bytes. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      const rel = path.relative(root, full)
      if (entry.isDirectory()) {
        out[rel + '/'] = 'dir'
        await walk(full)
      } else {
        out[rel] = createHash('sha256')
          .update(await fs.readFile(full))
          .digest('hex')
      }
    }
  }
  await walk(root)
  return out
}

const base = (ref = 'refs/tags/0.40.0', storeArg = store) => [
  '--workspace',
  ws,
  '--store',
  storeArg,
  '--require-checks',
  'false',
  '--event',
  'push',
  '--ref',
  ref
]
const withKey = (name = 'a') => ['--gpg-private-key', `@${keyFiles[name]}`]

/** Writes the files of one case under ws/<dir>/ and returns the glob for them. */
async function put(dir: string, files: Record<string, Buffer | string>): Promise<string> {
  await fs.mkdir(path.join(ws, dir), { recursive: true })
  for (const [name, bytes] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(ws, dir, name)), { recursive: true })
    await fs.writeFile(path.join(ws, dir, name), bytes)
  }
  return `${dir}/**/*`
}

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bad-input-'))
  ws = path.join(tmp, 'ws')
  store = path.join(tmp, 'store')
  await fs.mkdir(path.join(ws, 'good'), { recursive: true })
  ;[keyA, keyB] = await Promise.all([generateTestKey('ecc'), generateTestKey('ecc')])
  const expired = await openpgp.generateKey({
    type: 'ecc',
    userIDs: [{ name: 'expired' }],
    date: new Date(Date.now() - 7 * 86400_000),
    keyExpirationTime: 86400,
    format: 'armored'
  })
  const keys: Record<string, string> = {
    a: keyA.armoredPrivate,
    b: keyB.armoredPrivate,
    ab: keyA.armoredPrivate + '\n' + keyB.armoredPrivate,
    expired: expired.privateKey,
    'cert-only': await certifyOnlyKey(),
    garbage: 'not a key at all'
  }
  for (const [name, text] of Object.entries(keys)) {
    keyFiles[name] = path.join(tmp, `${name}.asc`)
    await fs.writeFile(keyFiles[name], text, { mode: 0o600 })
  }
  await buildDeb(path.join(ws, 'good'), { name: 'falco', version: '0.40.0', arch: 'amd64' })
  await buildRpm(path.join(ws, 'good'), { name: 'falco', version: '0.40.0', arch: 'x86_64' })
  await fs.writeFile(path.join(ws, 'good/falco-0.40.0-x86_64.tar.gz'), tarGz('falco 0.40.0\n'))
  // Not yet published: what the cases try to add.
  await put('new', { 'falco-0.40.0-aarch64.tar.gz': tarGz('new') })
  // The store every case must leave as it is: a stable and a dev release, published for real.
  const goods = [
    '--packages',
    'good/*.deb',
    '--packages',
    'good/*.rpm',
    '--packages',
    'good/*.tar.gz'
  ]
  const stable = await cli([...base(), ...withKey(), ...goods])
  expect([stable.code, stable.err]).toEqual([0, expect.stringContaining('== Publish: packages')])
  const dev = await cli([
    ...base('refs/heads/master'),
    ...withKey(),
    '--version',
    '0.41.0-1+abcdef0',
    '--packages',
    'good/*.tar.gz'
  ])
  expect(dev.code).toBe(0)
}, 120000)

afterAll(async () => {
  await fs.rm(tmp, { recursive: true, force: true })
})

/** An OpenPGP key whose only key can certify, not sign (gpg makes one; openpgp.js will not). */
async function certifyOnlyKey(): Promise<string> {
  const home = path.join(tmp, 'gnupg')
  await fs.mkdir(home, { mode: 0o700 })
  const gpg = ['--batch', '--homedir', home, '--pinentry-mode', 'loopback', '--passphrase', '']
  await mustRun('gpg', [
    ...gpg,
    '--quick-gen-key',
    'cert only <c@example.invalid>',
    'ed25519',
    'cert',
    'never'
  ])
  return mustRun('gpg', [...gpg, '--armor', '--export-secret-keys'])
}

interface BadCase {
  name: string
  /** The arguments after the command (publish unless given); files are written first. */
  args: () => Promise<string[]>
  /** What the error must say: the file, input or field, and how to fix it. */
  error: RegExp | (() => RegExp)
  /** The store that must stay unchanged, when the case runs on its own copy. */
  store?: () => string
}

const deb = (name: string, controlText: string) => async () => [
  ...base(),
  ...withKey(),
  '--packages',
  await put(name, { [`${name}.deb`]: rawDeb(controlText) })
]

const cases: BadCase[] = [
  // Debian control fields that break the index's syntax (Debian Policy 5.6.7, 5.6.12).
  {
    name: "a Package with '/'",
    args: deb('pkg-slash', controlWith('Package', 'falco/../../etc')),
    error:
      /pkg-slash\/pkg-slash\.deb: control file: field 'Package' is "falco\/\.\.\/\.\.\/etc": a package name holds lower-case letters/
  },
  {
    name: "a Package with '..'",
    args: deb('pkg-dots', controlWith('Package', 'falco..x')),
    error: /pkg-dots\.deb: control file: field 'Package' is "falco\.\.x".*\(no '\.\.'\)/
  },
  {
    name: 'a Package with a space',
    args: deb('pkg-space', controlWith('Package', 'falco evil')),
    error: /pkg-space\.deb: control file: field 'Package' is "falco evil"/
  },
  {
    name: 'a Package with a continuation line',
    args: deb('pkg-continued', controlWith('Package', 'falco\n evil')),
    error:
      /pkg-continued\.deb: control file: field 'Package' has a continuation line; it must be one line/
  },
  {
    name: 'two Package fields',
    args: deb('pkg-twice', controlWith('Package', 'evil', true)),
    error: /pkg-twice\.deb: control file: field 'Package' appears 2 times; dpkg and apt take one/
  },
  {
    name: 'an upper-case Package',
    args: deb('pkg-upper', controlWith('Package', 'Falco')),
    error:
      /pkg-upper\.deb: control file: field 'Package' is "Falco": a package name holds lower-case/
  },
  {
    name: 'a Version with a newline',
    args: deb('ver-newline', controlWith('Version', '0.40.0\n Filename: ../../x')),
    error: /ver-newline\.deb: control file: field 'Version' has a continuation line/
  },
  {
    name: "a Version with '..'",
    args: deb('ver-dots', controlWith('Version', '0.40..0')),
    error:
      /ver-dots\.deb: control file: field 'Version' is "0\.40\.\.0": a version is \[epoch:\]upstream\[-revision\]/
  },
  {
    name: 'a Version with a space',
    args: deb('ver-space', controlWith('Version', '0.40.0 1')),
    error: /ver-space\.deb: control file: field 'Version' is "0\.40\.0 1".*no spaces/
  },
  {
    name: 'a Version not starting with a digit',
    args: deb('ver-letter', controlWith('Version', 'v0.40.0')),
    error: /ver-letter\.deb: control file: field 'Version' is "v0\.40\.0".*starting with a digit/
  },
  {
    name: 'an Architecture the repository does not serve',
    args: deb('arch-i386', controlWith('Architecture', 'i386')),
    error:
      /arch-i386\.deb: field 'Architecture' is i386, which the apt repository does not serve \(it serves amd64, arm64, all\); build it for one of those/
  },
  // Tarballs that are not a gzip'd tar.
  {
    name: 'an empty tarball',
    args: async () => [
      ...base(),
      ...withKey(),
      '--packages',
      await put('tar-empty', { 'falco-0.40.0-aarch64.tar.gz': '' })
    ],
    error:
      /tar-empty\/falco-0\.40\.0-aarch64\.tar\.gz: the file is empty; a tarball is published as a gzip'd tar \(tar czf/
  },
  {
    name: 'a tarball of random bytes',
    args: async () => [
      ...base(),
      ...withKey(),
      '--packages',
      await put('tar-random', {
        'falco-0.40.0-aarch64.tar.gz': Buffer.from('random bytes, no gzip')
      })
    ],
    error: /tar-random\/falco-0\.40\.0-aarch64\.tar\.gz: not gzip-compressed.*tar czf/
  },
  {
    name: 'a gzip that holds no tar',
    args: async () => [
      ...base(),
      ...withKey(),
      '--packages',
      await put('tar-gzip', { 'falco-0.40.0-aarch64.tar.gz': gzipSync('just text, no tar') })
    ],
    error: /tar-gzip\/falco-0\.40\.0-aarch64\.tar\.gz: gzip holds no tar archive/
  },
  {
    name: 'an rpm whose Summary holds a character XML 1.0 forbids',
    args: async () => {
      const dir = path.join(ws, 'rpm-xml')
      await fs.mkdir(dir, { recursive: true })
      const built = await buildRpm(dir, { name: 'falco-xml', version: '0.40.0', arch: 'x86_64' })
      const bytes = await fs.readFile(built)
      const at = bytes.indexOf('test package falco-xml')
      bytes[at + 4] = 0x0b // "test\vpackage": a vertical tab, legal in rpm, not in XML 1.0
      await fs.writeFile(built, bytes)
      return [...base(), ...withKey(), '--packages', 'rpm-xml/*.rpm']
    },
    error:
      /rpm-xml\/falco-xml-0\.40\.0-1\.x86_64\.rpm: Summary holds the character U\+000B.*XML 1\.0 forbids.*Rebuild the package without it/
  },
  {
    name: 'two files with the same base name and different bytes',
    args: async () => [
      ...base(),
      ...withKey(),
      '--packages',
      await put('dup', {
        'a/other_0.40.0_amd64.deb': rawDeb(controlWith('Package', 'other')),
        'b/other_0.40.0_amd64.deb': rawDeb(controlWith('Description', 'another build'))
      })
    ],
    error:
      /dup\/b\/other_0\.40\.0_amd64\.deb: has the same file name as dup\/a\/other_0\.40\.0_amd64\.deb but other bytes.*Rename one/
  },
  {
    name: "a stable tag's version other than the packages', with require-version-match",
    args: async () => [
      ...base('refs/tags/0.40.1'),
      ...withKey(),
      '--require-version-match',
      '--packages',
      await put('mismatch', { 'falco-99.0.0-x86_64.tar.gz': tarGz('99') })
    ],
    error:
      /input 'require-version-match': the release is 0\.40\.1 \(tag 0\.40\.1\), but these packages carry another version: mismatch\/falco-99\.0\.0-x86_64\.tar\.gz \(version 99\.0\.0\)\. Build the packages from the tag's version/
  },
  {
    name: 'a symlink leading outside the workspace',
    args: async () => {
      await fs.mkdir(path.join(tmp, 'outside'), { recursive: true })
      await fs.writeFile(path.join(tmp, 'outside/falco-0.40.0-aarch64.tar.gz'), tarGz('secret'))
      await fs.mkdir(path.join(ws, 'link'), { recursive: true })
      await fs.symlink(
        path.join(tmp, 'outside/falco-0.40.0-aarch64.tar.gz'),
        path.join(ws, 'link/falco-0.40.0-aarch64.tar.gz')
      )
      return [...base(), ...withKey(), '--packages', 'link/*']
    },
    error:
      /link\/falco-0\.40\.0-aarch64\.tar\.gz: input 'packages': "link\/\*" leads outside the workspace.*set allow-outside-workspace: true/
  },
  {
    name: 'a glob leading outside the workspace',
    args: async () => [...base(), ...withKey(), '--packages', '../outside/*.tar.gz'],
    error:
      /input 'packages': "\.\.\/outside\/\*\.tar\.gz" leads outside the workspace.*copy the file into the workspace/
  },
  // Keys, checked before a byte is written.
  {
    name: 'an expired key',
    args: async () => [...base(), ...withKey('expired'), '--packages', 'new/*'],
    error:
      /input 'gpg-private-key': key 1 \([0-9A-F]{40}\) cannot sign: it expired on \d{4}-\d\d-\d\d; extend it \(gpg --quick-set-expire/
  },
  {
    name: 'a key with no signing-capable (sub)key',
    args: async () => [...base(), ...withKey('cert-only'), '--packages', 'new/*'],
    error:
      /input 'gpg-private-key': key 1 \([0-9A-F]{40}\) cannot sign: it has no \(sub\)key that can sign now.*gpg --quick-add-key [0-9A-F]{40} ed25519 sign/
  },
  {
    name: 'a valid key that is not the one the repositories are signed with',
    args: async () => [...base(), ...withKey('b'), '--packages', 'new/*'],
    error: () => keyMismatch()
  },
  {
    name: 'a valid key that did not sign the repositories, with no key file published',
    args: async () => {
      const copy = path.join(tmp, 'no-key-file')
      await fs.cp(store, copy, { recursive: true })
      await fs.rm(path.join(copy, 'packages/repository-key.asc'))
      return [
        ...base('refs/heads/master', copy),
        ...withKey('b'),
        '--version',
        '0.41.0-9',
        '--packages',
        'new/*'
      ]
    },
    store: () => path.join(tmp, 'no-key-file'),
    error: () =>
      new RegExp(
        `input 'gpg-private-key': file://.*/no-key-file/packages/deb/dists/stable/InRelease is signed by key id ${keyA.fingerprint.slice(-16)}, which the key given \\(${keyB.fingerprint}\\) does not hold.*give both keys.*re-sign`
      )
  },
  {
    name: 'a file that is not a key',
    args: async () => [...base(), ...withKey('garbage'), '--packages', 'new/*'],
    error:
      /input 'gpg-private-key': no armoured private key found \(expected -----BEGIN PGP PRIVATE KEY BLOCK-----\)/
  },
  {
    name: "a remove with a key that is not the repositories'",
    args: async () => [
      'remove',
      ...base(),
      ...withKey('b'),
      '--channel',
      'stable',
      '--remove',
      'falco=0.40.0'
    ],
    error: () => keyMismatch()
  },
  // Release: stable comes from a tag.
  {
    name: 'workflow_dispatch with channel stable on a branch',
    args: async () => [
      ...base('refs/heads/feature'),
      '--event',
      'workflow_dispatch',
      ...withKey(),
      '--channel',
      'stable',
      '--version',
      '0.40.0',
      '--packages',
      'new/*'
    ],
    error:
      /input 'channel': stable on workflow_dispatch on branch feature, which is not a tag.*set stable-from-branch: true/
  },
  {
    name: '--channel dev outside a git checkout without a version',
    args: async () => [
      '--workspace',
      ws,
      '--store',
      store,
      '--require-checks',
      'false',
      ...withKey(),
      '--channel',
      'dev',
      '--packages',
      'new/*'
    ],
    error:
      /input 'version': the channel input is dev, but push to '\(no ref\)'.*Give the version input \(--version/
  },
  // Stores.
  {
    name: '--store s3:/bucket/x (one slash)',
    args: async () => [...base(undefined, 's3:/bucket/x'), ...withKey(), '--packages', 'new/*'],
    error:
      /input 'store': "s3:\/bucket\/x" looks like a URL without '\/\/' after s3:; write s3:\/\/bucket\/x/
  },
  {
    name: 'a store leaving the workspace',
    args: async () => [...base(undefined, '../../elsewhere'), ...withKey(), '--packages', 'new/*'],
    error:
      /input 'store': "\.\.\/\.\.\/elsewhere" leads outside the workspace .* or file:\/\/\/.*elsewhere to publish there on purpose/
  },
  {
    name: 'a store in /proc',
    args: async () => [
      ...base(undefined, 'file:///proc/self'),
      ...withKey(),
      '--packages',
      'new/*'
    ],
    error:
      /input 'store': file:\/\/\/proc\/self is under \/proc\/\d+, a kernel file system.*give a directory on disk/
  },
  {
    name: 'two stores',
    args: async () => [...base(), ...withKey(), '--store', 'public', '--packages', 'new/*'],
    error: /input 'store': one store is published to, on one line; got 2 lines/
  },
  {
    name: 'a store that is a file',
    args: async () => [
      ...base(undefined, `file://${keyFiles.a}`),
      ...withKey(),
      '--packages',
      'new/*'
    ],
    error: /input 'store': file:\/\/.*a\.asc is a file, not a directory/
  },
  // Maintenance that would do nothing, or read a secret from the wrong place.
  {
    name: 'remove with a pattern matching nothing',
    args: async () => [
      'remove',
      ...base(),
      ...withKey(),
      '--channel',
      'stable',
      '--remove',
      'nothing=1.*'
    ],
    error:
      /input 'remove': no package of the stable repositories matches nothing=1\.\*; nothing was changed\. Check the name=version pattern/
  },
  {
    name: '--store-password @file that does not exist',
    args: async () => [...base(), '--store-password', '@no-such-file', '--packages', 'new/*'],
    error: /--store-password @no-such-file: ENOENT/
  }
]

let mismatch: RegExp
function keyMismatch(): RegExp {
  return mismatch
}

describe('bad input is refused, named, and writes nothing', () => {
  beforeAll(async () => {
    // Both fingerprints, and both ways out: rotate with both keys, or re-sign.
    mismatch = new RegExp(
      `input 'gpg-private-key': the repositories are signed with ${keyA.fingerprint} .*but the key given is ${keyB.fingerprint}.*give both keys.*re-sign`
    )
  })

  it.each(cases)('$name', async (c) => {
    const wsBefore = (await fs.readdir(ws)).sort()
    const args = await c.args()
    const target = c.store?.() ?? store
    const before = await snapshot(target)
    const r = await cli(args)
    const pattern = typeof c.error === 'function' ? c.error() : c.error
    expect(r.err).toMatch(pattern)
    expect(r.code).not.toBe(0)
    expect(await snapshot(target)).toEqual(before)
    // Nothing created in the workspace either (a folder named `s3:`, ...), beyond the case's files.
    expect((await fs.readdir(ws)).filter((f) => !wsBefore.includes(f))).toEqual(
      expect.not.arrayContaining(['s3:', 'public', 'elsewhere'])
    )
    // No key material in what was printed.
    expect(r.err + r.out).not.toContain(keyA.armoredPrivate.split('\n')[3])
  })
})

describe('what a dry run and the warnings print, with the store untouched', () => {
  it('remove --dry-run changes nothing and prints what it would remove, write and delete', async () => {
    const before = await snapshot(store)
    const r = await cli([
      'remove',
      ...base(),
      ...withKey(),
      '--channel',
      'stable',
      '--remove',
      'falco=0.40.0',
      '--dry-run'
    ])
    expect([r.code, r.err]).toEqual([0, expect.not.stringContaining('error')])
    expect(r.out).toContain('would remove  packages/deb/stable/falco-0.40.0-x86_64.deb')
    expect(r.out).toContain('would remove  packages/rpm/falco-0.40.0-1.x86_64.rpm')
    expect(r.out).toContain('would remove  packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz')
    expect(r.out).toContain('would delete  packages/deb/stable/falco-0.40.0-x86_64.deb')
    expect(r.out).toContain('would write   packages/deb/dists/stable/InRelease')
    expect(r.out).toMatch(/dry-run: \d+ files would be written, \d+ deleted; nothing was changed/)
    expect(await snapshot(store)).toEqual(before)
  })

  it('re-sign --dry-run changes nothing and prints every signature it would write', async () => {
    const before = await snapshot(store)
    const r = await cli([
      're-sign',
      ...base(),
      ...withKey('ab'),
      '--channel',
      'stable',
      '--dry-run'
    ])
    expect(r.code).toBe(0)
    for (const key of [
      'packages/repository-key.asc',
      'packages/deb/dists/stable/InRelease',
      'packages/deb/dists/stable/Release.gpg',
      'packages/rpm/repodata/repomd.xml.asc',
      'packages/bin/x86_64/SHA256SUMS.asc',
      'packages/deb/stable/falco-0.40.0-x86_64.deb.asc'
    ]) {
      expect(r.out).toContain(`would write   ${key}`)
    }
    expect(r.out).not.toContain('would delete')
    expect(await snapshot(store)).toEqual(before)
  })

  it('a dry run with packages and no key prints the full plan, signing skipped, and exits 0', async () => {
    const before = await snapshot(store)
    const r = await cli([...base('refs/tags/0.40.1'), '--dry-run', '--packages', 'new/*'])
    expect(r.code).toBe(0)
    expect(r.err).toContain('put    packages/bin/aarch64/falco-0.40.0-aarch64.tar.gz')
    expect(r.err).toContain('put    packages/bin/aarch64/SHA256SUMS')
    expect(r.err).toContain("skip   signatures (signing skipped: no 'gpg-private-key' (dry-run))")
    expect(r.out).toContain('Would publish stable release 0.40.1:')
    // And the version differs from the tag's: a warning naming both, not an error.
    expect(r.err).toMatch(
      /warning: the release is 0\.40\.1 \(tag 0\.40\.1\), but these packages carry another version: new\/falco-0\.40\.0-aarch64\.tar\.gz \(version 0\.40\.0\)\. Set require-version-match: true/
    )
    expect(await snapshot(store)).toEqual(before)
  })

  it('--store-password @file reads the password from the file (nginx with Basic auth)', async () => {
    const nginx = await startNginx({ auth: { username: 'publisher', password: 'pw-from-file' } })
    try {
      await fs.writeFile(path.join(tmp, 'password'), 'pw-from-file\n')
      const args = [
        ...base('refs/heads/master', `${nginx.url}/repo/`),
        ...withKey(),
        '--store-username',
        'publisher',
        '--version',
        '0.41.0-2+abcdef0',
        '--packages',
        'new/*'
      ]
      const r = await cli([...args, '--store-password', `@${path.join(tmp, 'password')}`])
      expect([r.err, r.code]).toEqual([expect.not.stringContaining('pw-from-file'), 0])
      await fs.access(
        path.join(nginx.root, 'repo/packages/bin-dev/aarch64/falco-0.40.0-aarch64.tar.gz')
      )
      // The literal `@file` as the password is refused by the server: it was not what was sent.
      await fs.writeFile(path.join(tmp, 'wrong'), 'not-the-password\n')
      const other = await put('new2', { 'falco-0.40.0-x86_64.tar.gz': tarGz('other') })
      const wrong = await cli([
        ...args,
        '--packages',
        other,
        '--store-password',
        `@${path.join(tmp, 'wrong')}`
      ])
      expect(wrong.code).toBe(1)
      expect(wrong.err).toMatch(/401/)
    } finally {
      await nginx.stop()
    }
  })
})

describe('re-sign keeps the public key file honest during a rotation', () => {
  /** The primary fingerprints gpg reads from a key file. */
  const fingerprints = async (file: string): Promise<string[]> =>
    (await mustRun('gpg', ['--batch', '--show-keys', '--with-colons', file]))
      .split('\n')
      // A primary key's fingerprint is the fpr record right after its pub record.
      .filter((l, i, all) => l.startsWith('fpr:') && all[i - 1]?.startsWith('pub:'))
      .map((l) => l.split(':')[9])

  /** gpg's verdict on a clear-signed InRelease, with only the published key file imported. */
  const verifies = async (root: string, channelDir: string): Promise<number> => {
    const home = await fs.mkdtemp(path.join(tmp, 'verify-'))
    await fs.chmod(home, 0o700)
    const gpg = ['--batch', '--homedir', home]
    await mustRun('gpg', [...gpg, '--import', path.join(root, 'packages/repository-key.asc')])
    const r = await run('gpg', [
      ...gpg,
      '--verify',
      path.join(root, `packages/${channelDir}/dists/stable/InRelease`)
    ])
    return r.code
  }

  it('keeps the old key while anything published is signed with it, and drops it after', async () => {
    const copy = path.join(tmp, 'rotated')
    await fs.cp(store, copy, { recursive: true })
    const keyFile = path.join(copy, 'packages/repository-key.asc')
    const resign = (channel: string) =>
      cli(['re-sign', ...base(undefined, copy), ...withKey('b'), '--channel', channel])
    const bothVerify = async () => {
      expect(await verifies(copy, 'deb')).toBe(0)
      expect(await verifies(copy, 'deb-dev')).toBe(0)
    }
    // dev gets an apt repository too (the copy has only a tarball there), signed by A.
    const dev = await cli([
      ...base('refs/heads/master', copy),
      ...withKey(),
      '--version',
      '0.41.0-3+abcdef0',
      '--packages',
      'good/*.deb'
    ])
    expect(dev.code).toBe(0)

    // stable re-signed with B: dev's metadata is still A's, so A stays.
    expect((await resign('stable')).code).toBe(0)
    expect(await fingerprints(keyFile)).toEqual([keyB.fingerprint, keyA.fingerprint])
    await bothVerify()

    // dev too: stable's RPM header is A's signature (part of the package, never re-signed).
    expect((await resign('dev')).code).toBe(0)
    expect(await fingerprints(keyFile)).toEqual([keyB.fingerprint, keyA.fingerprint])
    await bothVerify()

    // Once that RPM is gone and stable is re-signed by B alone, nothing needs A.
    const removed = await cli([
      'remove',
      ...base(undefined, copy),
      ...withKey('ab'),
      '--channel',
      'stable',
      '--remove',
      'falco=0.40.0'
    ])
    expect(removed.code).toBe(0)
    expect((await resign('stable')).code).toBe(0)
    expect(await fingerprints(keyFile)).toEqual([keyB.fingerprint])
    await bothVerify()
  })
})
