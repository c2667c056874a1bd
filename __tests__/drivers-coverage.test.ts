import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { coverage, readKernelLists } from '../src/drivers/coverage.js'
import { readDriverGrid } from '../src/drivers/grid.js'
import { checkDriverConfigs } from '../src/drivers/commands.js'
import { driversGenerateCommand } from '../src/drivers/generate.js'
import { readInputs } from '../src/inputs.js'
import type { StageContext } from '../src/plan.js'
import { driversStage } from '../src/stages/drivers.js'
import { FileStore } from '../src/store/file.js'
import { recordingLogger, repoRoot } from './support/drivers-fixtures.js'

const workspaces: string[] = []
afterAll(() => workspaces.forEach((w) => rmSync(w, { recursive: true, force: true })))
function workspace(): string {
  const w = mkdtempSync(path.join(os.tmpdir(), 'drivers-coverage-'))
  workspaces.push(w)
  return w
}

/** kernel-crawler's list.json shape: distributions, each a list; kernelversion a number or string. */
function kernelList(kernels: { target: string; kr: string; kv: string | number }[]): string {
  const byDistro: Record<string, unknown[]> = {}
  for (const k of kernels) {
    ;(byDistro[k.target === 'ubuntu-generic' ? 'Ubuntu' : 'AmazonLinux2'] ??= []).push({
      kernelversion: k.kv,
      kernelrelease: k.kr,
      target: k.target,
      headers: [`https://mirror.example.invalid/${k.target}/${k.kr}.deb`]
    })
  }
  return JSON.stringify(byDistro, null, 2)
}

const config = (target: string, kr: string, kv: string) =>
  `kernelversion: "${kv}"\nkernelrelease: ${kr}\ntarget: ${target}\noutput:\n  module: falco_${target}_${kr}_${kv}.ko\n  probe: falco_${target}_${kr}_${kv}.o\n`

describe('coverage', () => {
  it('500 kernels known, configs for 400: names the 100 with no config', async () => {
    const w = workspace()
    const kernels = Array.from({ length: 500 }, (_, i) =>
      i % 2 === 0
        ? { target: 'ubuntu-generic', kr: `5.15.0-${i}-generic`, kv: String(i) }
        : { target: 'amazonlinux2', kr: `5.10.${i}-99.${i}.amzn2.x86_64`, kv: 1 }
    )
    mkdirSync(path.join(w, 'kernels', 'x86_64'), { recursive: true })
    writeFileSync(path.join(w, 'kernels', 'x86_64', 'list.json'), kernelList(kernels))
    // Configs for 400 of them: every fifth kernel has none.
    const grid = path.join(w, 'grid', '9.0.0+driver', 'x86_64')
    mkdirSync(grid, { recursive: true })
    const withConfig = kernels.filter((_, i) => i % 5 !== 4)
    for (const k of withConfig)
      writeFileSync(
        path.join(grid, `${k.target}_${k.kr}_${k.kv}.yaml`),
        config(k.target, k.kr, String(k.kv))
      )

    const known = await readKernelLists(['kernels/x86_64/list.json'], w)
    expect(known).toHaveLength(500)
    const { configs } = await readDriverGrid(path.join(w, 'grid'), ['9.0.0+driver'])
    expect(configs).toHaveLength(400)
    // Half of the configs' drivers are in the store.
    const published = configs.filter((_, i) => i % 2 === 0)
    const rows = coverage('9.0.0+driver', known, configs, published)
    expect(rows.map(({ missing, ...r }) => ({ ...r, missing: missing.length }))).toEqual([
      {
        lib: '9.0.0+driver',
        target: 'amazonlinux2',
        arch: 'x86_64',
        known: 250,
        configs: 200,
        published: 100,
        failed: 100,
        missing: 50
      },
      {
        lib: '9.0.0+driver',
        target: 'ubuntu-generic',
        arch: 'x86_64',
        known: 250,
        configs: 200,
        published: 100,
        failed: 100,
        missing: 50
      }
    ])
    const missing = rows.flatMap((r) => r.missing.map((m) => `${r.target}_${m}`)).sort()
    expect(missing).toEqual(
      kernels
        .filter((_, i) => i % 5 === 4)
        .map((k) => `${k.target}_${k.kr}_${k.kv}`)
        .sort()
    )
  })

  it('drivers-generate writes the 100 missing configs, which drivers-check accepts', async () => {
    const w = workspace()
    const kernels = Array.from({ length: 500 }, (_, i) => ({
      target: i % 2 === 0 ? 'ubuntu-generic' : 'amazonlinux2',
      kr: i % 2 === 0 ? `5.15.0-${i}-generic` : `5.10.${i}-99.${i}.amzn2.aarch64`,
      kv: i % 2 === 0 ? String(i) : 1
    }))
    mkdirSync(path.join(w, 'kernels', 'aarch64'), { recursive: true })
    writeFileSync(path.join(w, 'kernels', 'aarch64', 'list.json'), kernelList(kernels))
    const grid = path.join(w, 'grid', '9.0.0+driver', 'aarch64')
    mkdirSync(grid, { recursive: true })
    for (const k of kernels.filter((_, i) => i % 5 !== 4))
      writeFileSync(
        path.join(grid, `${k.target}_${k.kr}_${k.kv}.yaml`),
        config(k.target, k.kr, String(k.kv)).replace('output:', 'architecture: arm64\noutput:')
      )
    const before = readFileSync(path.join(grid, 'ubuntu-generic_5.15.0-0-generic_0.yaml'), 'utf8')
    const log = recordingLogger()
    const flags = new Map([
      ['drivers-config', 'grid'],
      ['driver-versions', '9.0.0+driver'],
      ['kernel-list', 'kernels/aarch64/list.json']
    ])
    expect(await driversGenerateCommand(flags, w, log)).toBe(0)
    expect(log.lines).toContainEqual({
      level: 'info',
      message: '9.0.0+driver: wrote 100 config(s) for kernels that had none'
    })
    // The existing ones are untouched; the grid now covers every kernel of the list.
    expect(readFileSync(path.join(grid, 'ubuntu-generic_5.15.0-0-generic_0.yaml'), 'utf8')).toBe(
      before
    )
    const checked = await checkDriverConfigs(path.join(w, 'grid'))
    expect(checked.invalid).toEqual([])
    expect(checked.warnings).toEqual([])
    expect(checked.configs).toHaveLength(500)
    const generated = checked.configs.find((c) => c.kernelRelease === '5.15.0-4-generic')!
    expect(generated).toMatchObject({
      arch: 'aarch64',
      target: 'ubuntu-generic',
      kernelVersion: '4',
      module: true,
      probe: true,
      kernelUrls: ['https://mirror.example.invalid/ubuntu-generic/5.15.0-4-generic.deb']
    })
    const known = await readKernelLists(['kernels/aarch64/list.json'], w)
    expect(coverage('9.0.0+driver', known, checked.configs, []).flatMap((r) => r.missing)).toEqual(
      []
    )
    // Running it again writes nothing.
    expect(await driversGenerateCommand(flags, w, log)).toBe(0)
    expect(log.lines.at(-1)).toEqual({
      level: 'info',
      message: '9.0.0+driver: wrote 0 config(s) for kernels that had none'
    })
  })

  it('rejects a kernel-list it cannot read, naming the file', async () => {
    const w = workspace()
    writeFileSync(path.join(w, 'list.json'), '{"Ubuntu": [{"target": "ubuntu-generic"}]}')
    await expect(readKernelLists(['list.json'], w)).rejects.toThrow(
      /cannot tell the arch of list\.json.*x86_64=list\.json/
    )
    await expect(readKernelLists(['x86_64=list.json'], w)).rejects.toThrow(
      /list\.json: Ubuntu\[0\] has no kernelrelease/
    )
    await expect(readKernelLists(['aarch64=nope.json'], w)).rejects.toThrow(
      /cannot read nope\.json/
    )
  })

  it('the stage writes driver/site/coverage.json and a summary naming the kernels with no config', async () => {
    const w = workspace()
    const kernels = [
      { target: 'debian', kr: '6.1.0-1-amd64', kv: 1 },
      { target: 'debian', kr: '6.1.0-2-broken', kv: 1 },
      { target: 'debian', kr: '6.1.0-3-amd64', kv: 1 }
    ]
    mkdirSync(path.join(w, 'kernels', 'x86_64'), { recursive: true })
    writeFileSync(path.join(w, 'kernels', 'x86_64', 'list.json'), kernelList(kernels))
    const grid = path.join(w, 'grid', '9.0.0+driver', 'x86_64')
    mkdirSync(grid, { recursive: true })
    for (const k of kernels.slice(0, 2))
      writeFileSync(path.join(grid, `debian_${k.kr}_1.yaml`), config('debian', k.kr, '1'))
    const builder = path.join(repoRoot, '__tests__', 'support', 'copy-builder.sh')
    const ctx: StageContext = {
      release: {
        channel: 'stable',
        version: '0.40.0',
        prerelease: false,
        latest: true,
        reason: 't',
        sha: 'a'
      },
      inputs: readInputs(
        (n) =>
          ({
            'drivers-config': 'grid',
            'driver-versions': '9.0.0+driver',
            'driver-builder': `${builder} {kernelrelease} {config} {module} {probe}`,
            'kernel-list': 'kernels/x86_64/list.json'
          })[n]
      ),
      store: new FileStore(path.join(w, 'public')),
      log: recordingLogger(),
      workspace: w,
      workdir: path.join(w, 'tmp')
    }
    const result = await driversStage.apply(await driversStage.plan(ctx), ctx)
    const file = JSON.parse(readFileSync(path.join(w, 'public/driver/site/coverage.json'), 'utf8'))
    expect(file.coverage).toEqual([
      {
        lib: '9.0.0+driver',
        target: 'debian',
        arch: 'x86_64',
        known: 3,
        configs: 2,
        published: 1,
        failed: 1,
        missing: ['6.1.0-3-amd64_1']
      }
    ])
    expect(result.summary).toContain('| 9.0.0+driver | debian | x86_64 | 3 | 2 | 1 | 1 | 1 |')
    expect(result.summary).toContain('9.0.0+driver x86_64 debian 6.1.0-3-amd64_1')
  })
})
