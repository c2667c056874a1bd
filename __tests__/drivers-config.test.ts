import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { parseDriverConfig } from '../src/drivers/config.js'
import { readDriverGrid } from '../src/drivers/grid.js'
import { driverOutputs, falcoctlPath } from '../src/drivers/plan.js'
import { fixture } from './support/drivers-fixtures.js'

const fixtures = fixture('driverkit-config')

/**
 * What falcoctl requests for each real config: `<driverversion>/<arch>/falco_<target>_<kernelrelease>_<kernelversion>`,
 * the fields read by hand from each file (not from its file name or output paths).
 */
const FALCOCTL_NAMES = [
  '1.0.0-alpha2+driver/aarch64/falco_amazonlinux2_4.14.248-189.473.amzn2.aarch64_1',
  '2.0.0+driver/aarch64/falco_alinux_4.19.91-0.41.git.67a612f5f.al8.aarch64_1',
  // file name and output paths lack the kernel version; clients still ask for `_1`.
  '2.0.0+driver/aarch64/falco_amazonlinux2022_5.4.209-116.367.amzn2.aarch64_1',
  '2.0.0+driver/x86_64/falco_ubuntu-generic_5.4.0-136-generic_153',
  '3.0.1+driver/aarch64/falco_almalinux_5.14.0-284.25.1.el9_2.aarch64_1',
  '3.0.1+driver/aarch64/falco_amazonlinux2023_6.1.29-50.88.amzn2023.aarch64_1',
  '3.0.1+driver/x86_64/falco_flatcar_1745.3.1_1',
  '5.0.1+driver/aarch64/falco_amazonlinux2022_5.15.24-13.97.amzn2022.aarch64_1',
  '5.0.1+driver/x86_64/falco_amazonlinux2_5.10.102-99.473.amzn2.x86_64_1',
  // flat layout, git-SHA driver version, no architecture field: driverkit's default amd64.
  '5c0b863ddade7a45568c0ac97d037422c9efb750/x86_64/falco_amazonlinux2_4.14.101-91.76.amzn2.x86_64',
  '6.0.0+driver/aarch64/falco_alinux_4.19.91-27.6.al7.aarch64_1',
  '6.0.0+driver/x86_64/falco_centos_3.10.0-1160.el7.x86_64_1',
  '7.0.0+driver/aarch64/falco_centos_4.18.0-348.7.1.el8_5.aarch64_1',
  '7.0.0+driver/aarch64/falco_ubuntu-azure_6.5.0-1018-azure_19~22.04.2',
  '7.0.0+driver/aarch64/falco_ubuntu-gke_5.15.0-1023-gke_28~20.04.2',
  '7.0.0+driver/aarch64/falco_ubuntu-hwe_6.5.0-41-hwe_41~22.04.2',
  '7.0.0+driver/aarch64/falco_ubuntu-nvidia_6.8.0-1006-nvidia_6~22.04.2',
  '7.0.0+driver/x86_64/falco_amazonlinux_4.14.252-131.483.amzn1.x86_64_1',
  '7.0.0+driver/x86_64/falco_debian_6.1.76-1-amd64_1',
  '7.0.0+driver/x86_64/falco_fedora_6.5.6-300.fc39.x86_64_1',
  '7.0.0+driver/x86_64/falco_photon_5.10.212-3.ph4_1',
  '7.0.0+driver/x86_64/falco_ubuntu-aws_5.19.0-1029-aws_30~22.04.1',
  '7.0.0+driver/x86_64/falco_ubuntu-generic_5.4.0-136-generic_153',
  '7.0.0+driver/x86_64/falco_ubuntu-intel_5.15.0-1015-intel_20~20.04.2',
  '8.0.0+driver/aarch64/falco_almalinux_4.18.0-553.124.4.el8_10.aarch64_1',
  '8.0.0+driver/aarch64/falco_ubuntu-generic_6.8.0-45-generic_45',
  '8.0.0+driver/x86_64/falco_amazonlinux2023_6.1.109-118.189.amzn2023.x86_64_1',
  '8.0.0+driver/x86_64/falco_centos_3.10.0-1160.el7.x86_64_1',
  '8.0.0+driver/x86_64/falco_debian_6.1.112-1-amd64_1',
  '85c88952b018fdbce2464222c3303229f5bfcfad/x86_64/falco_ubuntu-generic_4.15.0-72-generic_81',
  '9.0.0+driver/aarch64/falco_photon_6.1.56-9.ph5_1',
  '9.0.0+driver/x86_64/falco_ubuntu-generic_5.4.0-136-generic_153'
]

/** Configs asking for no probe (`probe: ""` or no probe line at all). */
const MODULE_ONLY = new Set([
  '8.0.0+driver/aarch64/falco_almalinux_4.18.0-553.124.4.el8_10.aarch64_1',
  '8.0.0+driver/aarch64/falco_ubuntu-generic_6.8.0-45-generic_45',
  '8.0.0+driver/x86_64/falco_centos_3.10.0-1160.el7.x86_64_1',
  '9.0.0+driver/aarch64/falco_photon_6.1.56-9.ph5_1'
])

describe('the real test-infra configs', () => {
  it('all 32 parse, and the plan names exactly the files falcoctl requests', async () => {
    const grid = await readDriverGrid(fixtures, readdirSync(fixtures))
    expect(grid.invalid).toEqual([])
    expect(grid.configs).toHaveLength(32)
    const keys = grid.configs.flatMap((c) => driverOutputs(c)).map((o) => o.key)
    const expected = FALCOCTL_NAMES.flatMap((n) =>
      MODULE_ONLY.has(n) ? [`driver/${n}.ko`] : [`driver/${n}.ko`, `driver/${n}.o`]
    )
    expect(keys.sort()).toEqual(expected.sort())
  })

  it('warns, naming the file, where output paths disagree with the fields', async () => {
    const grid = await readDriverGrid(fixtures, ['2.0.0+driver'])
    expect(grid.warnings).toEqual([
      expect.stringMatching(
        /^2\.0\.0\+driver\/aarch64\/amazonlinux2022_5\.4\.209-116\.367\.amzn2\.aarch64\.yaml: output .*\.ko disagrees .*publishing as falco_amazonlinux2022_5\.4\.209-116\.367\.amzn2\.aarch64_1\.ko$/
      ),
      expect.stringMatching(/\.o disagrees .*_1\.o$/)
    ])
  })

  it('escapes only the driver version in falcoctl URLs', () => {
    expect(
      falcoctlPath('driver/7.0.0+driver/x86_64/falco_ubuntu-azure_6.5.0-1018-azure_19~22.04.2.ko')
    ).toBe('driver/7.0.0%2Bdriver/x86_64/falco_ubuntu-azure_6.5.0-1018-azure_19~22.04.2.ko')
  })

  it('reads only the requested driver versions, and names a version without a folder', async () => {
    const grid = await readDriverGrid(fixtures, ['8.0.0+driver'])
    expect(new Set(grid.configs.map((c) => c.driverVersion))).toEqual(new Set(['8.0.0+driver']))
    await expect(readDriverGrid(fixtures, ['10.0.0+driver'])).rejects.toThrow(
      /driver-versions: 10\.0\.0\+driver has no folder/
    )
  })
})

const at = (file: string, archFolder?: 'x86_64' | 'aarch64') => ({
  file,
  source: `/cfg/${file}`,
  driverVersion: file.split('/')[0],
  archFolder
})

describe('parseDriverConfig: the warts', () => {
  it('takes a minikube kernel version with underscores, quoted or not, as a string', () => {
    for (const kv of ['1_1.30.0', '"1_1.30.0"']) {
      const r = parseDriverConfig(
        `kernelversion: ${kv}\nkernelrelease: 5.10.57\ntarget: minikube\noutput:\n  module: output/x.ko\n`,
        at('7.0.0+driver/x86_64/minikube_5.10.57_1_1.30.0.yaml', 'x86_64')
      )
      expect(r).toMatchObject({
        ok: true,
        config: { kernelVersion: '1_1.30.0', module: true, probe: false }
      })
    }
  })

  it('keeps numbers-looking versions verbatim (1.10 is not 1.1)', () => {
    const r = parseDriverConfig(
      'kernelversion: 1.10\nkernelrelease: 5.4.0\ntarget: vanilla\noutput:\n  module: m.ko\n',
      at('1.0.0/vanilla_5.4.0_1.10.yaml')
    )
    expect(r).toMatchObject({ ok: true, config: { kernelVersion: '1.10' } })
  })

  it('trims a target with a trailing space and publishes under the trimmed name', () => {
    const r = parseDriverConfig(
      "kernelversion: 1\nkernelrelease: 6.1.0-9-amd64\ntarget: 'debian '\noutput:\n    module: output/falco_debian_6.1.0-9-amd64_1.ko\n    probe: ''\n",
      at('7.0.0+driver/x86_64/debian_6.1.0-9-amd64_1.yaml', 'x86_64')
    )
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.config.target).toBe('debian')
    expect(r.config.probe).toBe(false)
    expect(r.warnings).toEqual([])
    expect(driverOutputs(r.config).map((o) => o.key)).toEqual([
      'driver/7.0.0+driver/x86_64/falco_debian_6.1.0-9-amd64_1.ko'
    ])
  })

  it('parses 200 KB of base64 kernelconfigdata without keeping it', () => {
    const data = Buffer.alloc(160_000, 'CONFIG_X=y\n').toString('base64')
    const r = parseDriverConfig(
      `kernelversion: 1\nkernelrelease: 5.15.0\ntarget: vanilla\narchitecture: arm64\nkernelconfigdata: ${data}\noutput:\n  module: m.ko\n  probe: p.o\n`,
      at('7.0.0+driver/aarch64/vanilla_5.15.0_1.yaml', 'aarch64')
    )
    expect(data.length).toBeGreaterThan(200_000)
    expect(r).toMatchObject({ ok: true, config: { hasKernelConfigData: true, arch: 'aarch64' } })
    expect(JSON.stringify(r).length).toBeLessThan(2000)
  })

  it('warns about a file name that disagrees, naming the file, and uses the fields', () => {
    const r = parseDriverConfig(
      'kernelversion: 2\nkernelrelease: 5.4.0-1\ntarget: ubuntu-generic\noutput:\n  module: falco_ubuntu-generic_5.4.0-1_2.ko\n',
      at('7.0.0+driver/x86_64/ubuntu_5.4.0-1_1.yaml', 'x86_64')
    )
    expect(r.ok && r.warnings).toEqual([
      '7.0.0+driver/x86_64/ubuntu_5.4.0-1_1.yaml: file name disagrees with its fields; publishing as falco_ubuntu-generic_5.4.0-1_2'
    ])
  })

  it('warns when the architecture field disagrees with the folder, and trusts the field', () => {
    const r = parseDriverConfig(
      'kernelversion: 1\nkernelrelease: 5.4.0\ntarget: vanilla\narchitecture: amd64\noutput:\n  module: falco_vanilla_5.4.0_1.ko\n',
      at('7.0.0+driver/aarch64/vanilla_5.4.0_1.yaml', 'aarch64')
    )
    expect(r).toMatchObject({ ok: true, config: { arch: 'x86_64' } })
    expect(r.ok && r.warnings[0]).toMatch(
      /^7\.0\.0\+driver\/aarch64\/vanilla_5\.4\.0_1\.yaml: architecture amd64 disagrees/
    )
  })

  it.each([
    [
      'a missing target',
      'kernelversion: 1\nkernelrelease: 5.4.0\noutput:\n  module: m.ko\n',
      /missing field 'target'/
    ],
    [
      'a missing output',
      'kernelversion: 1\nkernelrelease: 5.4.0\ntarget: x\n',
      /missing field 'output'/
    ],
    [
      'no module nor probe',
      'kernelversion: 1\nkernelrelease: 5.4.0\ntarget: x\noutput:\n  probe: ""\n',
      /neither a module nor a probe/
    ],
    [
      'a slash',
      'kernelversion: 1\nkernelrelease: ../../etc/passwd\ntarget: x\noutput:\n  module: m.ko\n',
      /field 'kernelrelease'.*not allowed/
    ],
    [
      'dot-dot',
      'kernelversion: 1\nkernelrelease: 5.4..0\ntarget: x\noutput:\n  module: m.ko\n',
      /field 'kernelrelease'/
    ],
    [
      'a control character',
      'kernelversion: "1\\u0007"\nkernelrelease: 5.4.0\ntarget: x\noutput:\n  module: m.ko\n',
      /field 'kernelversion'/
    ],
    [
      'a backslash',
      'kernelversion: 1\nkernelrelease: 5.4.0\ntarget: "a\\\\b"\noutput:\n  module: m.ko\n',
      /field 'target'/
    ],
    [
      'an unknown architecture',
      'kernelversion: 1\nkernelrelease: 5.4.0\ntarget: x\narchitecture: s390x\noutput:\n  module: m.ko\n',
      /architecture/
    ],
    [
      'a mapping for a field',
      'kernelversion: {a: 1}\nkernelrelease: 5.4.0\ntarget: x\noutput:\n  module: m.ko\n',
      /'kernelversion' must be a string/
    ],
    ['broken YAML', 'kernelversion: [1\n', /not valid YAML/]
  ])('rejects %s, naming the file', (_what, text, message) => {
    const r = parseDriverConfig(text, at('7.0.0+driver/x86_64/bad.yaml', 'x86_64'))
    expect(r).toMatchObject({ ok: false, file: '7.0.0+driver/x86_64/bad.yaml' })
    expect(!r.ok && r.error).toMatch(message)
  })
})

describe('readDriverGrid', () => {
  it('goes on past a bad config and reports it by file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grid-'))
    mkdirSync(path.join(dir, '1.0.0+driver', 'x86_64'), { recursive: true })
    mkdirSync(path.join(dir, '1.0.0+driver', 'riscv'), { recursive: true })
    const good =
      'kernelversion: 1\nkernelrelease: 5.4.0\ntarget: vanilla\noutput:\n  module: falco_vanilla_5.4.0_1.ko\n'
    writeFileSync(path.join(dir, '1.0.0+driver', 'x86_64', 'vanilla_5.4.0_1.yaml'), good)
    writeFileSync(path.join(dir, '1.0.0+driver', 'x86_64', 'bad_1.yaml'), 'target: x\n')
    writeFileSync(path.join(dir, '1.0.0+driver', 'riscv', 'vanilla_5.4.0_1.yaml'), good)
    // A directory where a file should be: unreadable as a config, reported like the others.
    mkdirSync(path.join(dir, '1.0.0+driver', 'x86_64', 'dir.yaml'))
    const grid = await readDriverGrid(dir, ['1.0.0+driver'])
    rmSync(dir, { recursive: true, force: true })
    expect(grid.configs.map((c) => c.file)).toEqual(['1.0.0+driver/x86_64/vanilla_5.4.0_1.yaml'])
    expect(grid.invalid).toEqual([
      {
        file: '1.0.0+driver/riscv/vanilla_5.4.0_1.yaml',
        error: expect.stringMatching(/riscv is not an architecture/)
      },
      {
        file: '1.0.0+driver/x86_64/bad_1.yaml',
        error: expect.stringMatching(/missing field 'kernelrelease'/)
      },
      {
        file: '1.0.0+driver/x86_64/dir.yaml',
        error: expect.stringMatching(/^cannot be read: EISDIR/)
      }
    ])
  })

  it('reports a YAML bomb as one invalid config naming its file; the others are read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'grid-'))
    mkdirSync(path.join(dir, '1.0.0+driver', 'x86_64'), { recursive: true })
    writeFileSync(
      path.join(dir, '1.0.0+driver', 'x86_64', 'vanilla_5.4.0_1.yaml'),
      'kernelversion: 1\nkernelrelease: 5.4.0\ntarget: vanilla\noutput:\n  module: falco_vanilla_5.4.0_1.ko\n'
    )
    // Nine levels of nine aliases: 9^9 strings once expanded.
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i)
      const name = String.fromCharCode(97 + i)
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`)
    }
    writeFileSync(
      path.join(dir, '1.0.0+driver', 'x86_64', 'bomb_1.yaml'),
      `${levels.join('\n')}\ntarget: x\nkernelrelease: 1\nkernelversion: 1\n`
    )
    const grid = await readDriverGrid(dir, ['1.0.0+driver'])
    rmSync(dir, { recursive: true, force: true })
    expect(grid.configs.map((c) => c.file)).toEqual(['1.0.0+driver/x86_64/vanilla_5.4.0_1.yaml'])
    expect(grid.invalid).toEqual([
      {
        file: '1.0.0+driver/x86_64/bomb_1.yaml',
        error: expect.stringMatching(/^not a usable driverkit config: .*alias.*remove them\)$/)
      }
    ])
  })

  it('names the directory when drivers-config does not exist', async () => {
    await expect(readDriverGrid('/nonexistent/grid', ['1.0.0'])).rejects.toThrow(
      /drivers-config \/nonexistent\/grid is not a directory/
    )
  })
})

describe('checkDriverConfigs (CLI drivers-check)', () => {
  it('checks every driver version folder when none is named', async () => {
    const { checkDriverConfigs } = await import('../src/drivers/commands.js')
    const grid = await checkDriverConfigs(fixtures)
    expect(grid.configs).toHaveLength(32)
    expect(grid.invalid).toEqual([])
  })
})
