import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { promisify } from 'node:util'
import { readInputs } from '../src/inputs.js'
import type { StageContext } from '../src/plan.js'
import { driversStage } from '../src/stages/drivers.js'
import { FileStore } from '../src/store/file.js'
import { recordingLogger, repoRoot, fixture } from './support/drivers-fixtures.js'
import { requireTool, startNginx, type StaticServer } from './support/static-server.js'

/**
 * Falco's driver site as people use it: the fixture configs published into a store, nginx serving
 * it, and Debian's Chromium (headless) opening the page with the query parameters Falco's chart
 * links carry. The page's DOM after its scripts ran is what is asserted on.
 */

const run = promisify(execFile)

/** Chromium without a sandbox (root in CI), a GPU, or any connection of its own beyond 127.0.0.1. */
function chromiumArgs(profile: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    `--user-data-dir=${profile}`,
    // Lets the page's fetches finish before the DOM is dumped, however slow the machine.
    '--virtual-time-budget=15000'
  ]
}

describe('driver site page in headless Chromium', () => {
  let server: StaticServer
  let workspace: string

  beforeAll(async () => {
    requireTool('chromium', 'chromium')
    workspace = mkdtempSync(path.join(os.tmpdir(), 'drivers-site-itg-'))
    const grid = fixture('driverkit-config')
    server = await startNginx(path.join(workspace, 'public'), path.join(workspace, 'nginx'))
    const store = new FileStore(path.join(workspace, 'public'), { baseUrl: server.url })
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
            'driver-versions': readdirSync(grid).join(','),
            'driver-builder': `${builder} {kernelrelease} {config} {module} {probe}`,
            'driver-concurrency': '4'
          })[n]
      ),
      store,
      log: recordingLogger(),
      workspace,
      workdir: path.join(workspace, 'tmp')
    }
    await driversStage.apply(await driversStage.plan(ctx), ctx)
  })

  afterAll(async () => {
    await server?.stop()
    if (workspace) rmSync(workspace, { recursive: true, force: true })
  })

  const page = (query: string) => `${server.url}/driver/site/index.html?${query}`
  const dumpDom = async (query: string): Promise<string> =>
    (
      await run(
        'chromium',
        [...chromiumArgs(mkdtempSync(path.join(workspace, 'profile-'))), '--dump-dom', page(query)],
        {
          maxBuffer: 32 << 20
        }
      )
    ).stdout
  const rows = (dom: string) =>
    [...dom.matchAll(/<tr data-name="([^"]+)">(.*?)<\/tr>/g)].map((m) => ({
      name: m[1],
      cells: m[2]
    }))
  const pressed = (dom: string, id: string) =>
    [...dom.matchAll(new RegExp(`<div class="row" id="${id}">(.*?)</div>`, 'g'))][0]?.[1].match(
      /data-value="([^"]+)" aria-pressed="true"/
    )?.[1]

  it("applies the chart link's lib, target, arch and kind", async () => {
    const dom = await dumpDom('lib=7.0.0%2Bdriver&target=ubuntu-hwe&arch=aarch64&kind=kmod')
    expect(rows(dom).map((r) => r.name)).toEqual(['falco_ubuntu-hwe_6.5.0-41-hwe_41~22.04.2.ko'])
    expect(pressed(dom, 'arch')).toBe('aarch64')
    expect(pressed(dom, 'kind')).toBe('kmod')
    expect(pressed(dom, 'target')).toBe('ubuntu-hwe')
    expect(dom).toMatch(/<option value="7\.0\.0\+driver" selected="">/)
    expect(dom).toContain('data-matches="1"')
    // The download link is the published driver in falcoctl's spelling.
    expect(dom).toContain(
      `href="${server.url}/driver/7.0.0%2Bdriver/aarch64/falco_ubuntu-hwe_6.5.0-41-hwe_41~22.04.2.ko"`
    )
  })

  it('filters on kernel text, with every other filter at all', async () => {
    const all = rows(await dumpDom('lib=7.0.0%2Bdriver'))
    expect(all.length).toBeGreaterThan(10)
    const dom = await dumpDom('lib=7.0.0%2Bdriver&target=all&arch=all&kind=all&search=6.5.0')
    const found = rows(dom)
    expect(found.map((r) => r.name).sort()).toEqual(
      all
        .filter((r) => r.name.includes('6.5.0'))
        .map((r) => r.name)
        .sort()
    )
    expect(found.length).toBeGreaterThan(0)
    expect(found.length).toBeLessThan(all.length)
  })

  it('says so when the link names a driver version this store has no drivers for', async () => {
    const dom = await dumpDom('lib=3.0.2%2Bdriver&target=all&arch=all&kind=all')
    expect(dom).toContain('no drivers are published for driver version 3.0.2+driver')
    expect(rows(dom)).toEqual([])
  })

  it('opens the newest driver version without parameters, and a screenshot shows the page', async () => {
    const dom = await dumpDom('')
    expect(dom).toMatch(/<option value="9\.0\.0\+driver" selected="">/)
    expect(rows(dom).length).toBeGreaterThan(0)
    expect(rows(dom).every((r) => r.cells.includes('9.0.0%2Bdriver'))).toBe(true)
    const shot = path.join(process.env.DRIVER_SITE_SCREENSHOT_DIR ?? workspace, 'driver-site.png')
    await run('chromium', [
      ...chromiumArgs(mkdtempSync(path.join(workspace, 'profile-'))),
      '--window-size=1280,900',
      `--screenshot=${shot}`,
      page('lib=7.0.0%2Bdriver&arch=aarch64&target=all&kind=all')
    ])
    expect(existsSync(shot)).toBe(true)
  })
})
