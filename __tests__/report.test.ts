import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {
  computeOutputs,
  fitJsonArray,
  listOutput,
  MAX_LIST_OUTPUT,
  publishedOutput
} from '../src/report/outputs.js'
import { outputsWithPublishedFile } from '../src/report/published-file.js'
import { renderPackagesSummary } from '../src/stages/packages/summary.js'
import { repositoriesFor } from '../src/stages/packages/layout.js'
import type { Store } from '../src/store/store.js'
import { MAX_TABLE_ROWS, renderSummary } from '../src/report/summary.js'
import { formatBytes, formatDuration, progressLine } from '../src/report/format.js'
import type { RunReport } from '../src/report/report.js'
import type { Release } from '../src/release/release.js'
import type { Published } from '../src/plan.js'

const release: Release = {
  channel: 'stable',
  version: '0.40.0',
  prerelease: false,
  latest: true,
  reason: 'push of tag 0.40.0',
  tag: '0.40.0',
  sha: '8c4040b1f2e3d4c5b6a7980123456789abcdef01'
}

const report = (extra: Partial<RunReport>): RunReport => ({
  release,
  dryRun: false,
  plans: [],
  results: [],
  notRun: [],
  durationMs: 1500,
  ...extra
})

describe('renderSummary', () => {
  it('puts failures before everything else and names the stages that did not run', () => {
    const markdown = renderSummary(
      report({
        error:
          'packages: packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz could not be published: disk full',
        results: [
          {
            stage: 'packages',
            published: [
              {
                kind: 'tarball',
                path: 'packages/bin/aarch64/falco-0.40.0-aarch64.tar.gz',
                size: 2048,
                sha256: 'ab'.repeat(32)
              }
            ],
            failed: [
              { target: 'packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz', error: 'disk full' }
            ],
            durationMs: 20
          }
        ],
        notRun: ['containers', 'drivers']
      })
    )
    const caution = markdown.indexOf('[!CAUTION]')
    const failedTable = markdown.indexOf('### Failed')
    const overview = markdown.indexOf('| Channel |')
    expect(caution).toBeGreaterThan(0)
    expect(failedTable).toBeGreaterThan(caution)
    expect(overview).toBeGreaterThan(failedTable)
    expect(markdown).toContain('Not run because an earlier stage failed: containers, drivers')
    expect(markdown).toContain(
      '| packages | `packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz` | disk full |'
    )
    expect(markdown).toContain('### packages: 1 published, 2.00 KiB, 1 failed')
  })

  it('links published artifacts and shows their digests', () => {
    const markdown = renderSummary(
      report({
        results: [
          {
            stage: 'packages',
            published: [
              {
                kind: 'tarball',
                path: 'packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz',
                size: 10,
                sha256: 'cd'.repeat(32),
                url: 'https://download.example/packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz'
              }
            ],
            failed: [],
            durationMs: 5
          }
        ]
      })
    )
    expect(markdown).toMatch(/^## falco-publish: stable release 0\.40\.0$/m)
    expect(markdown).toContain(
      '[packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz](https://download.example/packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz)'
    )
    expect(markdown).toContain('`sha256:cdcdcdcdcdcd…`')
    expect(markdown).not.toContain('### Failed')
  })

  it('lists the checks, unsuccessful ones first', () => {
    const markdown = renderSummary(
      report({
        gate: {
          passed: false,
          ignored: [],
          checks: [
            { name: 'build', source: 'check-run', state: 'success' },
            { name: 'test', source: 'check-run', state: 'failure', conclusion: 'failure' }
          ]
        }
      })
    )
    expect(markdown).toContain('| Checks | 1 of 2 not successful |')
    expect(markdown.indexOf('❌ failure | test')).toBeLessThan(
      markdown.indexOf('✅ success | build')
    )
  })

  it('shows the plan in a dry run and says nothing was written', () => {
    const markdown = renderSummary(
      report({
        dryRun: true,
        plans: [
          {
            stage: 'packages',
            operations: [{ action: 'put', target: 'packages/bin/x86_64/a.tar.gz', reason: 'new' }]
          }
        ]
      })
    )
    expect(markdown).toContain('(dry run)')
    expect(markdown).toContain('### Plan (dry run: nothing was written)')
    expect(markdown).toContain('| put | `packages/bin/x86_64/a.tar.gz` | new |')
  })

  it('says when there is nothing to publish', () => {
    const markdown = renderSummary(
      report({
        release: {
          ...release,
          channel: 'none',
          version: '',
          latest: false,
          reason: 'pull_request events do not publish'
        }
      })
    )
    expect(markdown).toContain('## falco-publish: nothing to publish')
    expect(markdown).toContain('none — pull_request events do not publish')
    expect(markdown).not.toContain('| Version |')
  })

  it('shows the artifacts and folds their indexes, signatures and listings away', () => {
    const item = (kind: Published['kind'], path: string): Published => ({ kind, path, size: 1 })
    const markdown = renderSummary(
      report({
        results: [
          {
            stage: 'packages',
            published: [
              item('package', 'packages/deb/stable/falco-0.40.0-x86_64.deb'),
              item('signature', 'packages/deb/stable/falco-0.40.0-x86_64.deb.asc'),
              item('index', 'packages/deb/dists/stable/InRelease'),
              item('listing', 'packages/bin/index.html'),
              item('tarball', 'packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz')
            ],
            failed: [],
            durationMs: 5,
            summary: '#### apt: `packages/deb`'
          }
        ]
      })
    )
    const folded = markdown.indexOf('<details><summary>3 indexes, signatures and listings')
    expect(folded).toBeGreaterThan(0)
    for (const artifact of ['falco-0.40.0-x86_64.deb`', 'falco-0.40.0-x86_64.tar.gz`'])
      expect(markdown.indexOf(artifact)).toBeLessThan(folded)
    for (const meta of ['.deb.asc`', 'InRelease`', 'index.html`'])
      expect(markdown.indexOf(meta)).toBeGreaterThan(folded)
    expect(markdown).toContain('### packages: 5 published')
    // The stage's own account comes before the lists.
    expect(markdown.indexOf('#### apt: `packages/deb`')).toBeLessThan(
      markdown.indexOf('| Kind | Artifact |')
    )
  })

  it('keeps a run of thousands of drivers well under the job summary size limit', () => {
    const drivers = Array.from({ length: 5000 }, (_, i): Published => ({
      kind: 'driver',
      path: `driver/8.0.0+driver/x86_64/falco_ubuntu-generic_5.15.0-${i}-generic_1.ko`,
      size: 4_000_000,
      sha256: 'ef'.repeat(32),
      url: `https://download.example/driver/8.0.0%2Bdriver/x86_64/falco_ubuntu-generic_5.15.0-${i}-generic_1.ko`
    }))
    const markdown = renderSummary(
      report({
        dryRun: true,
        plans: [
          {
            stage: 'drivers',
            operations: drivers.map((d) => ({ action: 'put' as const, target: d.path }))
          }
        ],
        results: [
          {
            stage: 'drivers',
            published: drivers,
            failed: drivers.map((d) => ({ target: d.path, error: 'builder exited with code 2' })),
            durationMs: 5
          }
        ]
      })
    )
    expect(markdown).toContain('### drivers: 5000 published')
    expect(markdown).toContain('_5.15.0-99-generic_1.ko`')
    expect(markdown).not.toContain(`_5.15.0-${MAX_TABLE_ROWS}-generic_1.ko`)
    expect(markdown).toContain(
      `…and ${5000 - MAX_TABLE_ROWS} more: the \`published-file\` output lists them all.`
    )
    expect(markdown).toContain(`…and ${5000 - MAX_TABLE_ROWS} more operations.`)
    expect(markdown).toContain(
      `…and ${5000 - MAX_TABLE_ROWS} more failures: the log names each one.`
    )
    expect(Buffer.byteLength(markdown)).toBeLessThan(128 * 1024)
  })

  it('links the GitHub release and shows green or red per kind verify checked', () => {
    const markdown = renderSummary(
      report({
        results: [
          {
            stage: 'release',
            published: [],
            failed: [],
            durationMs: 5,
            outputs: { 'release-url': 'https://github.com/falcosecurity/falco/releases/tag/0.40.0' }
          },
          {
            stage: 'verify',
            published: [],
            failed: [],
            durationMs: 5,
            outputs: { verified: '{"apt":true,"dnf":false,"bin":true}' }
          }
        ]
      })
    )
    expect(markdown).toContain(
      '| GitHub release | [0.40.0](https://github.com/falcosecurity/falco/releases/tag/0.40.0) |'
    )
    expect(markdown).toContain('| Verified | 🟢 apt 🔴 dnf 🟢 bin |')
    // Neither writes to the store: their headings give no count of 0 published.
    expect(markdown).toMatch(/^### verify in /m)
    expect(markdown).toMatch(/^### release in /m)
    expect(markdown).not.toContain('0 published')
  })

  it('says the commit is unknown rather than showing an empty one', () => {
    const markdown = renderSummary(report({ release: { ...release, sha: '' } }))
    expect(markdown).toContain('| Commit | unknown |')
  })

  it('keeps a pipe in a value inside its table cell', () => {
    const markdown = renderSummary(report({ release: { ...release, reason: 'a | b' } }))
    expect(markdown).toContain('a \\| b')
  })
})

/** `n` drivers with their signatures, as a large drivers run publishes them. */
function driversRun(n: number): Published[] {
  return Array.from({ length: n }, (_, i): Published[] => [
    {
      kind: 'driver',
      path: `driver/8.0.0+driver/x86_64/falco_ubuntu-generic_5.15.0-${i}-generic_1.ko`,
      size: 4_000_000,
      sha256: 'ef'.repeat(32),
      url: `https://download.example/driver/8.0.0%2Bdriver/x86_64/falco_ubuntu-generic_5.15.0-${i}-generic_1.ko`
    },
    { kind: 'listing', path: `driver/8.0.0+driver/index-${i}.json`, size: 10 }
  ]).flat()
}

describe('publishedOutput', () => {
  it('holds every artifact when they fit', () => {
    const items = driversRun(10)
    expect(publishedOutput(items)).toEqual({ json: JSON.stringify(items), left: 0 })
  })

  it("keeps under GitHub's output limit: the artifacts first, without their metadata", () => {
    const items = driversRun(5000)
    expect(Buffer.byteLength(JSON.stringify(items))).toBeGreaterThan(MAX_LIST_OUTPUT)
    const { json, left } = publishedOutput(items)
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(MAX_LIST_OUTPUT)
    const kept = JSON.parse(json) as Published[]
    expect(kept.every((item) => item.kind === 'driver')).toBe(true)
    expect(kept[0]).toEqual(items[0])
    expect(kept.length).toBeGreaterThan(1000)
    expect(left).toBe(items.length - kept.length)
  })
})

describe('fitJsonArray', () => {
  it('keeps the first entries that fit, as valid JSON, and counts the rest', () => {
    const configs = Array.from(
      { length: 20000 },
      (_, i) => `8.0.0+driver/x86_64/ubuntu-generic_5.15.0-${i}-generic_1.yaml`
    )
    const { json, kept, left } = fitJsonArray(configs)
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(MAX_LIST_OUTPUT)
    expect(JSON.parse(json)).toEqual(configs.slice(0, kept))
    expect(kept + left).toBe(20000)
    expect(left).toBeGreaterThan(0)
    expect(fitJsonArray(configs.slice(0, 3))).toEqual({
      json: JSON.stringify(configs.slice(0, 3)),
      kept: 3,
      left: 0
    })
  })
})

describe('listOutput', () => {
  it('warns, naming where the whole list is, only when it cut the list', () => {
    const warnings: string[] = []
    const log = { warning: (m: string) => warnings.push(m) }
    const many = Array.from({ length: 30000 }, (_, i) => `packages/rpm-dev/falco-${i}.rpm`)
    const json = listOutput('packages-removed', many, 'the log names each one', log)
    const kept = (JSON.parse(json) as string[]).length
    expect(warnings).toEqual([
      `the packages-removed output lists ${kept} of 30000 entries (GitHub limits an output to 1 MiB); the log names each one`
    ])
    expect(listOutput('packages-added', many.slice(0, 2), 'unused', log)).toBe(
      JSON.stringify(many.slice(0, 2))
    )
    expect(warnings).toHaveLength(1)
  })
})

describe('outputsWithPublishedFile', () => {
  /** The outputs of a drivers run that published `items`, and the warnings logged. */
  async function outputsOf(items: Published[], workdir: string) {
    const warnings: string[] = []
    const outputs = await outputsWithPublishedFile(
      report({ results: [{ stage: 'drivers', published: items, failed: [], durationMs: 1 }] }),
      workdir,
      { warning: (m: string) => warnings.push(m) }
    )
    return { outputs, warnings }
  }
  const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'outputs-'))

  it('writes every artifact to published-file and says when the output holds fewer', async () => {
    const workdir = tempDir()
    const items = driversRun(5000)
    const { outputs, warnings } = await outputsOf(items, workdir)
    expect(outputs['published-file']).toBe(path.join(workdir, 'published.json'))
    expect(JSON.parse(readFileSync(outputs['published-file'], 'utf8'))).toEqual(items)
    const shown = (JSON.parse(outputs.published) as Published[]).length
    expect(warnings).toEqual([
      `the published output lists ${shown} of 10000 artifacts (GitHub limits an output to 1 MiB); ` +
        `published-file (${outputs['published-file']}) lists them all`
    ])
  })

  it('still sets the outputs when the file cannot be written', async () => {
    const workdir = path.join(tempDir(), 'gone')
    const { outputs, warnings } = await outputsOf(driversRun(3), workdir)
    expect(outputs['published-file']).toBe('')
    expect(JSON.parse(outputs.published)).toEqual(driversRun(3))
    expect(warnings).toEqual([
      expect.stringContaining(
        `the published-file output is empty: ${workdir}/published.json could not be written: ENOENT`
      )
    ])
  })

  it('says nothing when every artifact fits', async () => {
    const { outputs, warnings } = await outputsOf(driversRun(3), tempDir())
    expect(JSON.parse(outputs.published)).toEqual(driversRun(3))
    expect(warnings).toEqual([])
  })
})

describe('computeOutputs', () => {
  it('sets every output, with published as JSON', () => {
    const outputs = computeOutputs(
      report({
        results: [
          {
            stage: 'packages',
            published: [{ kind: 'tarball', path: 'p/a.tar.gz', size: 1 }],
            failed: [],
            durationMs: 1
          }
        ]
      })
    )
    expect(outputs).toEqual({
      channel: 'stable',
      version: '0.40.0',
      prerelease: 'false',
      latest: 'true',
      published: '[{"kind":"tarball","path":"p/a.tar.gz","size":1}]',
      'published-file': ''
    })
  })

  it('sets empty values when the run stopped before the release was known', () => {
    const outputs = computeOutputs({
      dryRun: false,
      plans: [],
      results: [],
      notRun: [],
      durationMs: 0
    })
    expect(outputs).toEqual({
      channel: '',
      version: '',
      prerelease: 'false',
      latest: 'false',
      published: '[]',
      'published-file': ''
    })
  })

  it('adds the outputs stages set, at plan time and at apply time', () => {
    const outputs = computeOutputs(
      report({
        plans: [{ stage: 'drivers', operations: [], outputs: { 'driver-matrix': '[]' } }],
        results: [
          { stage: 'drivers', published: [], failed: [], durationMs: 1, outputs: { drivers: '{}' } }
        ]
      })
    )
    expect(outputs['driver-matrix']).toBe('[]')
    expect(outputs.drivers).toBe('{}')
  })
})

describe('format', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.00 KiB'],
    [10 * 1024 * 1024, '10.0 MiB'],
    [3 * 1024 ** 3, '3.00 GiB']
  ])('formatBytes(%d) = %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text))

  it.each([
    [12, '12 ms'],
    [1500, '1.5 s'],
    [125_000, '2 min 5 s']
  ])('formatDuration(%d) = %s', (ms, text) => expect(formatDuration(ms)).toBe(text))

  it('writes one progress line with size and rate', () => {
    expect(progressLine('put', 'a/b', 2 * 1024 * 1024, 1000)).toBe(
      'put a/b 2.00 MiB in 1.0 s (2.00 MiB/s)'
    )
  })
})

describe('renderPackagesSummary', () => {
  it('lists at most a table of removed packages, and where the rest are', () => {
    const removed = Array.from({ length: 250 }, (_, i) => `falco-0.40.0-${i}.x86_64.rpm`)
    const markdown = renderPackagesSummary(
      {
        repos: repositoriesFor('dev'),
        channel: 'dev',
        rpm: {
          added: ['falco-0.41.0.x86_64.rpm'],
          removed,
          removedFiles: removed,
          pending: new Map(),
          due: []
        },
        added: [],
        removed: [],
        notes: []
      },
      { url: (key: string) => `https://download.example/${key}` } as unknown as Store
    )
    expect(markdown).toContain('- `falco-0.41.0.x86_64.rpm`')
    expect(markdown).toContain(`- \`falco-0.40.0-${MAX_TABLE_ROWS - 1}.x86_64.rpm\``)
    expect(markdown).not.toContain(`falco-0.40.0-${MAX_TABLE_ROWS}.x86_64.rpm`)
    expect(markdown).toContain(
      `- …and ${250 - MAX_TABLE_ROWS} more: the packages-removed output lists them all`
    )
    expect(markdown).toContain(
      'Repository file: https://download.example/packages/rpm-dev/falco-publish.repo'
    )
  })
})
