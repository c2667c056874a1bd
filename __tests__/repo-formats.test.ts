import { describe, expect, it } from '@jest/globals'
import { gunzipSync } from 'node:zlib'
import { gzip, xz } from '../src/repo/compress.js'
import { decompressMember } from '../src/repo/decompress.js'
import { ArReader } from '../src/repo/deb/ar.js'
import { parseStanzas, renderStanzas, setField } from '../src/repo/deb/control.js'
import {
  packageStanza,
  parsePackagesIndex,
  type IndexEntry
} from '../src/repo/deb/packages-index.js'
import { ENTRY_CODEC, segmentStanzas, segmentText } from '../src/repo/deb/segment-manifest.js'
import { storeSegment } from '../src/repo/segmented/entries.js'
import { releaseFiles, releaseText, renderRelease } from '../src/repo/deb/release-file.js'
import { compareDebVersions } from '../src/repo/deb/version.js'
import { digestBytes } from '../src/repo/digest.js'
import { parseTarballName } from '../src/repo/bin/tarball.js'
import { mergeTarballs, sumsByArch } from '../src/stages/packages/tarballs.js'
import {
  HeaderValues,
  parseHeader,
  RpmType,
  serializeSignatureHeader
} from '../src/repo/rpm/header.js'
import { rpmvercmp } from '../src/repo/rpm/version.js'
import { parseRemovePattern, readPackageInputs } from '../src/repo/inputs.js'
import { mergeApt } from '../src/stages/packages/apt-merge.js'
import type { AptIndex, AptSnapshot } from '../src/stages/packages/apt-snapshot.js'

describe('Debian version order', () => {
  it.each([
    ['1.0', '1.0', 0],
    ['1.0', '1.1', -1],
    ['1.0~rc1', '1.0', -1],
    ['1.0', '1.0-1', -1],
    ['1:0.9', '1.0', 1],
    ['0.41.0-15+8c4040b', '0.41.0-16+aaaaaaa', -1],
    ['0.41.0-9+x', '0.41.0-10+x', -1],
    ['1.0a', '1.0', 1],
    ['1.0.0', '1.0', 1],
    ['2.0.10', '2.0.9', 1]
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareDebVersions(a, b))).toBe(sign)
  })
})

describe('rpm version order', () => {
  it.each([
    ['1.0', '1.0', 0],
    ['1.0', '1.1', -1],
    ['1.0~rc1', '1.0', -1],
    ['1.0^git1', '1.0', 1],
    ['1.10', '1.9', 1],
    ['1.0a', '1.0', 1],
    ['001', '1', 0]
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(rpmvercmp(a, b))).toBe(sign)
  })
})

describe('compression', () => {
  it('writes .xz files the decoder reads back (empty, small, several 64 KiB chunks)', async () => {
    for (const input of [
      Buffer.alloc(0),
      Buffer.from('Package: x\n'),
      Buffer.alloc(200_000, 'abc')
    ]) {
      expect(Buffer.from(await decompressMember('Packages.xz', await xz(input)))).toEqual(input)
    }
  })
  it('gzip is deterministic', () => {
    expect(gzip('same')).toEqual(gzip('same'))
    expect(gunzipSync(gzip('same')).toString()).toBe('same')
  })
})

describe('ar reader', () => {
  const member = (name: string, data: string): Buffer => {
    const h = Buffer.alloc(60, ' ')
    h.write(name, 0)
    h.write(String(data.length), 48)
    h.write('`\n', 58)
    return Buffer.concat([h, Buffer.from(data), Buffer.from(data.length % 2 ? '\n' : '')])
  }
  const archive = Buffer.concat([
    Buffer.from('!<arch>\n'),
    member('debian-binary', '2.0\n'),
    member('control.tar.gz', 'abc'),
    member('data.tar.xz', 'zz')
  ])

  it('reads members split across arbitrary chunks, keeping only the ones asked for', () => {
    for (const size of [1, 3, 7, 61, 1000]) {
      const ar = new ArReader((n) => n.startsWith('control'))
      for (let i = 0; i < archive.length; i += size) ar.push(archive.subarray(i, i + size))
      const members = ar.end()
      expect(members.map((m) => [m.name, m.size, m.data?.toString()])).toEqual([
        ['debian-binary', 4, undefined],
        ['control.tar.gz', 3, 'abc'],
        ['data.tar.xz', 2, undefined]
      ])
    }
  })
  it('says where a file is truncated', () => {
    const ar = new ArReader(() => false)
    ar.push(archive.subarray(0, archive.length - 1))
    expect(() => ar.end()).toThrow(/truncated: member data\.tar\.xz declares 2 bytes, 1 missing/)
    const cut = new ArReader(() => false)
    cut.push(archive.subarray(0, archive.length - 5))
    expect(() => cut.end()).toThrow(/truncated: the file ends inside a member header/)
  })
  it('rejects what is not an ar archive', () => {
    expect(() => new ArReader(() => false).push(Buffer.from('PK\x03\x04 zip file'))).toThrow(
      /not an ar archive/
    )
  })
})

describe('Packages index', () => {
  const control = parseStanzas(
    'Package: falco\nVersion: 0.40.0\nArchitecture: amd64\nDescription: x\n more\n',
    'control'
  )[0]
  const stanza = (version: string, arch = 'amd64') =>
    packageStanza(
      {
        control: control.map(([f, v]) => [
          f,
          f === 'Version' ? version : f === 'Architecture' ? arch : v
        ]),
        digests: digestBytes(version + arch)
      },
      `stable/falco-${version}-${arch}.deb`
    )

  const entry = (version: string, arch = 'amd64') =>
    parsePackagesIndex(renderStanzas([stanza(version, arch)]), 'test')[0]

  it('renders control fields, file name and all four digests, and parses back unchanged', () => {
    const text = renderStanzas([stanza('0.40.0'), stanza('0.41.0')])
    expect(text).toMatch(
      /^Package: falco\nVersion: 0\.40\.0\nArchitecture: amd64\nDescription: x\n more\nFilename: stable\/falco-0\.40\.0-amd64\.deb\nSize: \d+\nMD5sum: [0-9a-f]{32}\nSHA1: [0-9a-f]{40}\nSHA256: [0-9a-f]{64}\nSHA512: [0-9a-f]{128}\n\nPackage: falco\n/
    )
    const entries = parsePackagesIndex(text, 'Packages')
    expect(entries.map((e) => [e.name, e.version, e.architecture, e.filename])).toEqual([
      ['falco', '0.40.0', 'amd64', 'stable/falco-0.40.0-amd64.deb'],
      ['falco', '0.41.0', 'amd64', 'stable/falco-0.41.0-amd64.deb']
    ])
    expect(entries[0].sha256).toMatch(/^[0-9a-f]{64}$/)
    // A segment is the stanzas each followed by its blank line; splitting it gives them back.
    expect(segmentText(entries)).toBe(text + '\n')
    expect(segmentStanzas(Buffer.from(segmentText(entries)))).toEqual(entries.map((e) => e.text))
    expect(() => parsePackagesIndex('Package: x\nVersion: 1\n', 'dists/x/Packages')).toThrow(
      /dists\/x\/Packages: a stanza lacks/
    )
  })

  it('parses only the stanzas a filter picks, leaving a malformed one it skips unread', () => {
    const text =
      renderStanzas([stanza('0.40.0'), stanza('0.41.0')]) + '\nPackage: broken\nVersion: 1\n'
    const picked = parsePackagesIndex(text, 'Packages', (s) => s.includes('falco-0.41.0'))
    expect(picked.map((e) => e.version)).toEqual(['0.41.0'])
    expect(() => parsePackagesIndex(text, 'Packages')).toThrow(/a stanza lacks/)
  })

  /** A snapshot whose indexes are each one loaded segment, as an index read whole is. */
  const snapshotOf = (indexes: Record<string, IndexEntry[]>): AptSnapshot => ({
    indexes: new Map(
      Object.entries(indexes).map(([arch, entries]) => [
        arch,
        {
          segments: entries.length
            ? [{ count: entries.length, lengths: [], entries, entriesSha256: '', filter: '' }]
            : [],
          segmented: false,
          load: () => Promise.reject(new Error('a loaded segment is never loaded again'))
        }
      ])
    )
  })
  /** An index's entries after a merge: each segment's survivors, then the added entries. */
  const after = (
    snapshot: AptSnapshot,
    merged: Awaited<ReturnType<typeof mergeApt>>,
    arch: string
  ): IndexEntry[] => [
    ...snapshot.indexes
      .get(arch)!
      .segments.flatMap((s, i) => merged.indexes.get(arch)!.survivors(i) ?? s.entries ?? []),
    ...merged.indexes.get(arch)!.added
  ]
  const adding = (v: string, arch = 'amd64') => ({
    pkg: { control: stanza(v, arch), digests: digestBytes(`new ${v}`), architecture: arch },
    filename: `stable/falco-${v}-${arch}.deb`
  })

  it('merging replaces the same name/version/arch and keeps the rest in order', async () => {
    const snapshot = snapshotOf({ amd64: [entry('0.40.0'), entry('0.39.0')], arm64: [] })
    const merged = await mergeApt(snapshot, { added: ['0.40.0', '0.41.0'].map((v) => adding(v)) })
    const amd64 = after(snapshot, merged, 'amd64')
    expect(amd64.map((e) => e.version)).toEqual(['0.39.0', '0.40.0', '0.41.0'])
    expect(amd64[1].sha256).toBe(digestBytes('new 0.40.0').sha256)
    expect(merged.commit.removedFiles).toEqual([])
    expect(merged.commit.removed).toEqual([])
  })

  it('retention keeps the newest versions per name across architectures; removal drops by pattern', async () => {
    const snapshot = snapshotOf({
      amd64: [entry('1.0.0'), entry('1.1.0')],
      arm64: [entry('1.0.0', 'arm64')]
    })
    const merged = await mergeApt(snapshot, { added: [adding('1.2.0')], retention: 2 })
    expect(after(snapshot, merged, 'amd64').map((e) => e.version)).toEqual(['1.1.0', '1.2.0'])
    expect(after(snapshot, merged, 'arm64')).toEqual([])
    expect(merged.commit.removedFiles.sort()).toEqual([
      'stable/falco-1.0.0-amd64.deb',
      'stable/falco-1.0.0-arm64.deb'
    ])
    const p = parseRemovePattern('falco=1.1.*')
    const r = await mergeApt(snapshot, {
      added: [],
      remove: (n, v) => p.name.test(n) && p.version.test(v)
    })
    expect(after(snapshot, r, 'amd64').map((e) => e.version)).toEqual(['1.0.0'])
  })

  it('an Architecture: all package goes into every binary-<arch> index', async () => {
    const all = {
      control: stanza('1.0.0', 'all'),
      digests: digestBytes('all'),
      architecture: 'all'
    }
    const snapshot = snapshotOf({ amd64: [], arm64: [] })
    const merged = await mergeApt(snapshot, { added: [{ pkg: all, filename: 'stable/a.deb' }] })
    expect(after(snapshot, merged, 'amd64')).toHaveLength(1)
    expect(after(snapshot, merged, 'arm64')).toHaveLength(1)
  })

  it('loads only the segments that may hold an added name or file, unless retention shrank or packages are removed', async () => {
    // Three segments of other packages, known only by their manifest lines until loaded.
    const named = (name: string, v: string): IndexEntry => ({
      ...entry(v),
      name,
      filename: `stable/${name}-${v}.deb`
    })
    const contents = [
      [named('alpha', '1'), named('beta', '1')],
      [named('gamma', '1'), named('falco', '0.39.0')],
      [named('delta', '1')]
    ]
    const loads: number[] = []
    const lazy = (retention?: number): AptSnapshot => ({
      indexes: new Map<string, AptIndex>([
        [
          'amd64',
          {
            segmented: true,
            retention,
            segments: contents.map((entries, i) => ({
              ...storeSegment({ count: entries.length, lengths: [1], entries }, ENTRY_CODEC)
                .segment,
              entries: undefined,
              lengths: [i]
            })),
            load: async (s) => {
              loads.push(s.lengths[0])
              return contents[s.lengths[0]].map((e) => ({ ...e }))
            }
          }
        ],
        ['arm64', { segments: [], segmented: true, load: () => Promise.resolve([]) }]
      ])
    })
    // A new name: no segment is read.
    await mergeApt(lazy(5), {
      added: [{ ...adding('1.0.0'), filename: 'stable/new.deb' }].map((a) => ({
        ...a,
        pkg: { ...a.pkg, control: setField(a.pkg.control, 'Package', 'newcomer') }
      })),
      retention: 5
    })
    expect(loads).toEqual([])
    // Another version of falco: the segment holding falco, to count its versions.
    const m = await mergeApt(lazy(5), { added: [adding('0.40.0')], retention: 1 })
    expect(loads).toEqual([0, 1, 2]) // retention 1 < 5 the index satisfied: every segment
    loads.length = 0
    const n = await mergeApt(lazy(5), { added: [adding('0.40.0')], retention: 5 })
    expect(loads).toEqual([1])
    expect(n.indexes.get('amd64')!.survivors(1)).toBeUndefined()
    expect(m.commit.removed).toEqual([{ name: 'falco', version: '0.39.0', architecture: 'amd64' }])
    loads.length = 0
    await mergeApt(lazy(5), { added: [], remove: (name) => name === 'delta' })
    expect(loads.sort()).toEqual([0, 1, 2])
  })
})

describe('Release', () => {
  it('lists every index with MD5Sum, SHA256 and SHA512, declares Acquire-By-Hash, and parses back', () => {
    const d = digestBytes('Packages body')
    const text = renderRelease({
      origin: 'o',
      label: 'l',
      suite: 'stable',
      codename: 'stable',
      date: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
      architectures: ['amd64', 'arm64'],
      components: ['main'],
      files: [{ path: 'main/binary-amd64/Packages', digests: d }]
    })
    expect(text).toContain('Date: Fri, 02 Jan 2026 03:04:05 +0000\n')
    expect(text).toContain('Acquire-By-Hash: yes\n')
    for (const h of [d.md5, d.sha256, d.sha512]) expect(text).toContain(` ${h} `)
    expect(releaseFiles(text, 'Release').get('main/binary-amd64/Packages')).toEqual({
      sha256: d.sha256,
      size: d.size
    })
    const signed = `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n${text.replace(/^-/gm, '- -')}-----BEGIN PGP SIGNATURE-----\nxx\n-----END PGP SIGNATURE-----\n`
    expect(releaseText(signed)).toBe(text)
  })

  it('lists the files in code-unit order, whatever the locale would say', () => {
    const d = digestBytes('x')
    const paths = ['main/binary-arm64/Packages', 'main/Contents-all', 'main/binary-amd64/Packages']
    const text = renderRelease({
      origin: 'o',
      label: 'l',
      suite: 'stable',
      codename: 'stable',
      date: new Date(0),
      architectures: ['amd64', 'arm64'],
      components: ['main'],
      files: paths.map((path) => ({ path, digests: d }))
    })
    // A collator compares letters before case and would put "Contents" last; code units put
    // the capital C first.
    expect([...releaseFiles(text, 'Release').keys()]).toEqual([
      'main/Contents-all',
      'main/binary-amd64/Packages',
      'main/binary-arm64/Packages'
    ])
  })
})

describe('rpm signature header', () => {
  it('serializes a region-covered header that parses back with the same entries', () => {
    const entries = [
      { tag: 1000, type: RpmType.INT32, count: 1, data: Buffer.from([0, 0, 1, 0]) },
      { tag: 273, type: RpmType.STRING, count: 1, data: Buffer.from('abc\0') },
      { tag: 268, type: RpmType.BIN, count: 3, data: Buffer.from([1, 2, 3]) }
    ]
    const bytes = serializeSignatureHeader(entries)
    const parsed = parseHeader(bytes, 'sig')
    expect(parsed.entries.map((e) => e.tag)).toEqual([62, 268, 273, 1000])
    const v = new HeaderValues(parsed)
    expect(v.number(1000)).toBe(256)
    expect(v.string(273)).toBe('abc')
    // The region trailer sits at the end and points back over every entry.
    const trailer = bytes.subarray(bytes.length - 16)
    expect(trailer.readUInt32BE(0)).toBe(62)
    expect(trailer.readInt32BE(8)).toBe(-4 * 16)
  })
})

describe('tarballs', () => {
  it('parses Falco tarball names', () => {
    expect(parseTarballName('dir/falco-0.40.0-x86_64.tar.gz')).toEqual({
      file: 'falco-0.40.0-x86_64.tar.gz',
      name: 'falco',
      version: '0.40.0',
      arch: 'x86_64'
    })
    expect(parseTarballName('falco-0.41.0-15+8c4040b-aarch64.tar.gz').version).toBe(
      '0.41.0-15+8c4040b'
    )
    expect(() => parseTarballName('falco.tar.gz')).toThrow(
      /falco\.tar\.gz: cannot tell the version/
    )
    expect(() => parseTarballName('falco-0.40.0.tar.gz')).toThrow(
      /falco-0\.40\.0\.tar\.gz: cannot tell the architecture/
    )
  })
  it("reads Falco's flavours and arch-less tarballs, keeping the release version", () => {
    expect(parseTarballName('falco-0.40.0-static-x86_64.tar.gz')).toEqual({
      file: 'falco-0.40.0-static-x86_64.tar.gz',
      name: 'falco',
      version: '0.40.0',
      flavour: 'static',
      arch: 'x86_64'
    })
    expect(parseTarballName('falco-0.41.0-15+8c4040b-static-x86_64.tar.gz')).toMatchObject({
      version: '0.41.0-15+8c4040b',
      flavour: 'static'
    })
    expect(parseTarballName('falco-0.40.0-wasm.tar.gz')).toMatchObject({
      version: '0.40.0',
      flavour: 'wasm',
      arch: undefined
    })
    expect(() => parseTarballName('falco-0.40.0-sparc.tar.gz')).toThrow(
      /cannot tell the architecture/
    )
    // A prerelease word is part of the version, not a flavour.
    expect(parseTarballName('falco-0.40.0-rc-x86_64.tar.gz').version).toBe('0.40.0-rc')
  })
  it('SHA256SUMS per arch with bare names, and retention keeps the newest per name and arch', () => {
    expect(
      sumsByArch([{ path: 'x86_64/falco-1.0.0-x86_64.tar.gz', sha256: 'a'.repeat(64) }])
    ).toEqual(
      new Map([
        ['x86_64', `${'a'.repeat(64)}  falco-1.0.0-x86_64.tar.gz\n`],
        ['aarch64', '']
      ])
    )
    const e = (v: string, a = 'x86_64') => ({ path: `${a}/falco-${v}-${a}.tar.gz`, sha256: v })
    const r = mergeTarballs([e('1.0.0'), e('1.1.0'), e('1.0.0', 'aarch64')], {
      added: [e('1.2.0')],
      retention: 2
    })
    expect(r.entries.map((x) => x.path).sort()).toEqual([
      'aarch64/falco-1.0.0-aarch64.tar.gz',
      'x86_64/falco-1.1.0-x86_64.tar.gz',
      'x86_64/falco-1.2.0-x86_64.tar.gz'
    ])
    expect(r.removed).toEqual(['x86_64/falco-1.0.0-x86_64.tar.gz'])
  })
  it('retention counts a flavour with its version: 2 keeps the two newest versions, every flavour', () => {
    const e = (v: string, flavour = '') => ({
      path: `x86_64/falco-${v}${flavour}-x86_64.tar.gz`,
      sha256: v + flavour
    })
    const dev = ['0.40.0-1+aaaaaaa', '0.40.0-2+bbbbbbb', '0.40.0-3+ccccccc']
    const r = mergeTarballs([e(dev[0]), e(dev[0], '-static'), e(dev[1]), e(dev[1], '-static')], {
      added: [e(dev[2]), e(dev[2], '-static')],
      retention: 2
    })
    expect(r.entries.map((x) => x.path).sort()).toEqual(
      [e(dev[1]), e(dev[1], '-static'), e(dev[2]), e(dev[2], '-static')].map((x) => x.path).sort()
    )
    expect(r.removed.sort()).toEqual([e(dev[0]).path, e(dev[0], '-static').path].sort())
  })
  it('SHA256SUMS of an arch-less repository sits at its root', () => {
    expect(sumsByArch([{ path: 'falco-0.40.0-wasm.tar.gz', sha256: 'b'.repeat(64) }]).get('')).toBe(
      `${'b'.repeat(64)}  falco-0.40.0-wasm.tar.gz\n`
    )
  })
})

describe('package inputs', () => {
  const get = (values: Record<string, string>) => (name: string) =>
    values[name] ??
    ({ 'dev-retention': '50', overwrite: 'false' } as Record<string, string>)[name] ??
    ''
  it('defaults', () => {
    expect(readPackageInputs(get({}))).toEqual({
      gpgPrivateKey: '',
      gpgPassphrase: '',
      devRetention: 50,
      deletionGraceMinutes: 60,
      overwrite: false,
      aptOrigin: '',
      aptLabel: '',
      noarchRepository: 'packages/wasm-dev',
      remove: []
    })
  })
  it('rejects a bad retention and a bad remove pattern, naming the input', () => {
    expect(() => readPackageInputs(get({ 'dev-retention': '0' }))).toThrow(/input 'dev-retention'/)
    expect(() => readPackageInputs(get({ remove: 'a b=c' }))).toThrow(/input 'remove'/)
  })
  it('remove patterns use * wildcards', () => {
    const p = parseRemovePattern('falco=0.39.*')
    expect(p.name.test('falco') && p.version.test('0.39.1')).toBe(true)
    expect(p.version.test('0.40.0')).toBe(false)
    expect(parseRemovePattern('falco-*').version.test('anything')).toBe(true)
  })
})
