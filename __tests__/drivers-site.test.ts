import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { readInputs } from '../src/inputs.js'
import type { StageContext } from '../src/plan.js'
import {
  addToSiteIndex,
  humanSize,
  mergeSiteVersion,
  rfc3339,
  siteDriver,
  type SiteDriver
} from '../src/drivers/site.js'
import { driversStage } from '../src/stages/drivers.js'
import { FileStore } from '../src/store/file.js'
import { recordingLogger, repoRoot, fixture } from './support/drivers-fixtures.js'

const V = 'driver/7.0.0+driver'
const url = (key: string) => `https://download.example.org/${key}`

describe("Falco's driver site format", () => {
  it("writes sizes as test-infra's generator does (1024-based, kB/MB, halves to even)", () => {
    // Expected texts worked out from tools/update-drivers-website's humaneteBytes.
    expect(
      [5, 9, 10, 1000, 1024, 10752, 11776, 3355443, 12700000, 1073741824].map(humanSize)
    ).toEqual([
      '5 B',
      '9 B',
      '10 B',
      '1000 B',
      '1.0 kB',
      '10 kB',
      '12 kB',
      '3.2 MB',
      '12 MB',
      '1.0 GB'
    ])
  })

  it('dates: lastmodified as S3 lists it, the file date as Go RFC 3339', () => {
    const d = new Date('2026-01-02T03:04:05.678Z')
    expect(rfc3339(d)).toBe('2026-01-02T03:04:05Z')
    const e = siteDriver(
      { key: `${V}/x86_64/falco_debian_6.1.0-1-amd64_1.o`, size: 2048, modified: d },
      url
    )
    expect(e).toEqual({
      lib: '7.0.0+driver',
      arch: 'x86_64',
      kind: 'ebpf',
      kernel: '6.1.0-1-amd64',
      target: 'debian',
      name: 'falco_debian_6.1.0-1-amd64_1.o',
      download: `https://download.example.org/${V}/x86_64/falco_debian_6.1.0-1-amd64_1.o`,
      sizebytes: 2048,
      size: '2.0 kB',
      lastmodified: '2026-01-02T03:04:05.678Z'
    })
  })

  it('takes names from the config when given, and the flat layout as x86_64', () => {
    const d = new Date(0)
    expect(
      siteDriver(
        {
          key: `${V}/x86_64/falco_minikube_5.10.57_1_1.30.0.ko`,
          size: 1,
          modified: d,
          fields: { target: 'minikube', kernelRelease: '5.10.57' }
        },
        url
      )
    ).toMatchObject({ kernel: '5.10.57', target: 'minikube', kind: 'kmod' })
    expect(
      siteDriver({ key: 'driver/abc123/falco_amazonlinux2_4.14.1_1.ko', size: 1, modified: d }, url)
    ).toMatchObject({ lib: 'abc123', arch: 'x86_64', name: 'falco_amazonlinux2_4.14.1_1.ko' })
    expect(siteDriver({ key: `${V}/index.json`, size: 1, modified: d }, url)).toBeUndefined()
    expect(
      siteDriver(
        { key: `${V}/x86_64/falco_a_1_1.ko`, size: 1, modified: d, signed: true, sha256: 'ab' },
        url
      )
    ).toMatchObject({
      sha256: 'ab',
      signature: `https://download.example.org/${V}/x86_64/falco_a_1_1.ko.asc`
    })
  })

  it('merges drivers into a version file; an unchanged merge writes nothing', () => {
    const at = (k: string) =>
      siteDriver({ key: `${V}/${k}`, size: 100, modified: new Date(0) }, url) as SiteDriver
    const first = mergeSiteVersion(
      undefined,
      '7.0.0+driver',
      [at('x86_64/falco_b_5.10_1.ko')],
      new Date(0)
    )!
    const second = mergeSiteVersion(
      first,
      '7.0.0+driver',
      [at('aarch64/falco_a_5.4_1.o'), at('x86_64/falco_b_5.9_1.ko')],
      new Date(1000)
    )!
    expect(second.drivers.map((d) => `${d.arch}/${d.kernel}`)).toEqual([
      'aarch64/5.4',
      'x86_64/5.9',
      'x86_64/5.10'
    ])
    expect(second.index).toEqual({
      lib: ['7.0.0+driver'],
      arch: ['aarch64', 'x86_64'],
      kind: ['ebpf', 'kmod'],
      target: ['a', 'b']
    })
    expect(
      mergeSiteVersion(second, '7.0.0+driver', [at('x86_64/falco_b_5.9_1.ko')], new Date())
    ).toBe(undefined)
  })

  it('lists driver versions newest first, git SHAs after', () => {
    expect(addToSiteIndex(['6.0.0+driver'], ['10.0.0+driver', 'abc'])).toEqual([
      '10.0.0+driver',
      '6.0.0+driver',
      'abc'
    ])
    expect(addToSiteIndex(['6.0.0+driver'], ['6.0.0+driver'])).toBeUndefined()
  })
})

const workspaces: string[] = []
afterAll(() => workspaces.forEach((w) => rmSync(w, { recursive: true, force: true })))

/** The field list of Falco's site files, with each field's JSON type. */
const DRIVER_FIELDS: Record<string, string> = {
  lib: 'string',
  arch: 'string',
  kind: 'string',
  kernel: 'string',
  target: 'string',
  name: 'string',
  download: 'string',
  sizebytes: 'number',
  size: 'string',
  lastmodified: 'string'
}
const OURS: Record<string, string> = { sha256: 'string', signature: 'string' }

describe('the driver site of the fixture configs', () => {
  it('validates against the field list for every driver version of the fixtures', async () => {
    const grid = fixture('driverkit-config')
    const versions = readdirSync(grid).sort()
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'drivers-site-'))
    workspaces.push(workspace)
    const store = new FileStore(path.join(workspace, 'public'), {
      baseUrl: 'https://download.example.org'
    })
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
            'drivers-config': grid,
            'driver-versions': versions.join(','),
            'driver-builder': `${builder} {kernelrelease} {config} {module} {probe}`,
            'driver-concurrency': '4'
          })[n]
      ),
      store,
      log: recordingLogger(),
      workspace,
      workdir: path.join(workspace, 'tmp')
    }
    const result = await driversStage.apply(await driversStage.plan(ctx), ctx)
    const drivers = result.published.filter((p) => p.kind === 'driver' && /\.(ko|o)$/.test(p.path))
    expect(drivers.length).toBeGreaterThan(20)

    const site = path.join(workspace, 'public', 'driver', 'site')
    const libs = JSON.parse(readFileSync(path.join(site, 'index.json'), 'utf8')) as unknown
    expect(Array.isArray(libs)).toBe(true)
    expect([...(libs as string[])].sort()).toEqual(versions)
    let listed = 0
    for (const lib of libs as string[]) {
      const file = JSON.parse(readFileSync(path.join(site, `${lib}.json`), 'utf8'))
      expect(Object.keys(file).sort()).toEqual(['date', 'drivers', 'index'])
      expect(file.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      expect(Object.keys(file.index).sort()).toEqual(['arch', 'kind', 'lib', 'target'])
      expect(file.index.lib).toEqual([lib])
      for (const d of file.drivers as Record<string, unknown>[]) {
        for (const [field, type] of Object.entries(DRIVER_FIELDS))
          expect([field, typeof d[field]]).toEqual([field, type])
        for (const field of Object.keys(d))
          expect(DRIVER_FIELDS[field] ?? OURS[field]).toBeDefined()
        expect(d.lib).toBe(lib)
        expect(['x86_64', 'aarch64']).toContain(d.arch)
        expect(['kmod', 'ebpf']).toContain(d.kind)
        expect(d.size).toMatch(/^\d+(\.\d)? (B|kB|MB)$/)
        expect(d.lastmodified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
        expect(file.index.arch).toContain(d.arch)
        expect(file.index.kind).toContain(d.kind)
        expect(file.index.target).toContain(d.target)
        // The download URL is a published driver, in falcoctl's spelling (%2B).
        const p = drivers.find((x) => x.url === d.download)
        expect(p?.size).toBe(d.sizebytes)
        expect(d.download).not.toContain('+')
        listed++
      }
    }
    // Every driver listed exactly once (the flat copies of git-SHA versions are not listed twice).
    expect(listed).toBe(
      new Set(
        drivers
          .map((d) => d.path.split('/').slice(1).join('/'))
          .filter((k) => k.split('/').length === 3)
      ).size
    )
  })
})
