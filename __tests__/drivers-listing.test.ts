import { describe, expect, it } from '@jest/globals'
import {
  mergeVersions,
  renderVersionHtml,
  renderVersionsHtml,
  splitName,
  versionListing
} from '../src/drivers/listing.js'

const obj = (key: string, size = 10) => ({
  key,
  size,
  etag: 'e',
  modified: new Date('2026-01-02T03:04:05Z')
})
const V = 'driver/7.0.0+driver'

describe('driver listing', () => {
  it('groups per arch and target, marks module and probe, in natural kernel order', () => {
    const listing = versionListing(
      '7.0.0+driver',
      [
        obj(`${V}/x86_64/falco_debian_6.1.10-1-amd64_1.ko`, 100),
        obj(`${V}/x86_64/falco_debian_6.1.9-1-amd64_1.ko`, 90),
        obj(`${V}/x86_64/falco_debian_6.1.9-1-amd64_1.o`, 50),
        obj(`${V}/aarch64/falco_centos_4.18.0-348.7.1.el8_5.aarch64_1.ko`),
        obj(`${V}/index.json`),
        obj('driver/8.0.0+driver/x86_64/falco_debian_6.1.9-1-amd64_1.ko')
      ],
      new Map()
    )
    expect(listing).toEqual({
      driverversion: '7.0.0+driver',
      arches: {
        aarch64: {
          centos: [
            {
              kernelrelease: '4.18.0-348.7.1.el8_5.aarch64',
              kernelversion: '1',
              module: { size: 10, modified: '2026-01-02T03:04:05.000Z' }
            }
          ]
        },
        x86_64: {
          debian: [
            {
              kernelrelease: '6.1.9-1-amd64',
              kernelversion: '1',
              module: { size: 90, modified: '2026-01-02T03:04:05.000Z' },
              probe: { size: 50, modified: '2026-01-02T03:04:05.000Z' }
            },
            {
              kernelrelease: '6.1.10-1-amd64',
              kernelversion: '1',
              module: { size: 100, modified: '2026-01-02T03:04:05.000Z' }
            }
          ]
        }
      }
    })
  })

  it('uses the config fields to split a kernel version containing _ (minikube 1_1.30.0)', () => {
    const key = `${V}/x86_64/falco_minikube_5.10.57_1_1.30.0.ko`
    expect(splitName('minikube_5.10.57_1_1.30.0')).toEqual({
      target: 'minikube',
      kernelRelease: '5.10.57_1',
      kernelVersion: '1.30.0'
    })
    const hints = new Map([
      [
        'falco_minikube_5.10.57_1_1.30.0',
        { target: 'minikube', kernelRelease: '5.10.57', kernelVersion: '1_1.30.0' }
      ]
    ])
    expect(
      versionListing('7.0.0+driver', [obj(key)], hints).arches.x86_64.minikube[0]
    ).toMatchObject({ kernelrelease: '5.10.57', kernelversion: '1_1.30.0' })
  })

  it('renders HTML with escaped names and links relative to the version folder', () => {
    const html = renderVersionHtml(
      versionListing(
        '7.0.0+driver',
        [obj(`${V}/x86_64/falco_ubuntu-azure_6.5.0-1018-azure_19~22.04.2.ko`, 2048)],
        new Map()
      )
    )
    expect(html).toContain('<title>Falco drivers 7.0.0+driver</title>')
    expect(html).toContain(
      'href="x86_64/falco_ubuntu-azure_6.5.0-1018-azure_19~22.04.2.ko">.ko</a> 2.0 KiB'
    )
    expect(html).toContain('<td>—</td>')
    const top = renderVersionsHtml(
      mergeVersions({ versions: [] }, ['<b>', '7.0.0+driver'], new Date('2026-01-01T00:00:00Z'))
    )
    expect(top).toContain('href="7.0.0%2Bdriver/"')
    expect(top).toContain('&#60;b&#62;')
    expect(top).not.toContain('<b>')
  })
})

describe('drivers summary', () => {
  it('gives the counts and the failures, and leaves the drivers to the stage table', async () => {
    const { renderDriversSummary } = await import('../src/drivers/summary.js')
    const job = (i: number) => ({
      config: { file: `7.0.0+driver/x86_64/k${i}.yaml` },
      name: `falco_k_${i}_1`,
      outputs: [],
      missing: []
    })
    const results = Array.from({ length: 150 }, (_, i) => ({
      job: job(i),
      built: true,
      published: [
        {
          kind: 'driver' as const,
          path: `driver/7.0.0+driver/x86_64/falco_k_${i}_1.ko`,
          size: 1,
          sha256: 'ab'.repeat(32),
          url: `https://x/driver/7.0.0%2Bdriver/x86_64/falco_k_${i}_1.ko`
        }
      ],
      logFile: `/l/${i}.log`,
      durationMs: 1
    }))
    results.push({
      ...results[0],
      job: job(999),
      built: false,
      published: [],
      error: 'builder exited with code 2'
    } as (typeof results)[0])
    const md = renderDriversSummary(
      { planned: 151, skipped: 0, built: 150, published: 150, failed: 1, invalid: 1 },
      results as never,
      [{ file: 'bad|x.yaml', error: 'missing field' }]
    )
    expect(
      md.indexOf('| 7.0.0+driver/x86_64/k999.yaml | builder exited with code 2 | /l/0.log |')
    ).toBeGreaterThan(0)
    expect(md).toContain('| bad\\|x.yaml | invalid config: missing field | |')
    expect(md).toContain('151 planned · 0 already published · 150 built · 150 files published')
    // Listed once, by report/summary.ts with every stage's artifacts (and cut short there).
    expect(md).not.toContain('driver/7.0.0+driver/x86_64/falco_k_')
  })
})
