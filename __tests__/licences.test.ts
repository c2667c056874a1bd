import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'

/**
 * dist/licenses.txt, written by rollup-plugin-license at bundle time (rollup.config.js), which
 * also fails the bundle on a package with no licence or one outside the allowed list. This
 * checks the other half: every runtime dependency that the bundle carries has its notice there.
 * (CI checks that dist/ is fresh first.)
 */
if (!existsSync('dist/licenses.txt'))
  throw new Error("dist/licenses.txt is missing: run 'npm run package' (rollup writes it)")
const notices = readFileSync('dist/licenses.txt', 'utf8')
const entries = new Map(
  notices
    .split(/^={78}\n/m)
    .slice(1)
    .map((entry) => {
      const [title, licence] = entry.split('\n')
      return [title, { licence: licence.replace(/^License: /, ''), text: entry }]
    })
)
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies: Record<string, string>
}
const installed = (name: string): string =>
  (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string })
    .version

describe('dist/licenses.txt', () => {
  it.each(Object.keys(pkg.dependencies))('carries the notice of %s', (name) => {
    const entry = entries.get(`${name} ${installed(name)}`)
    expect(entry?.licence).toMatch(/\S/)
  })

  it('carries the LGPL-3.0 text of openpgp.js and node-liblzma', () => {
    for (const name of ['openpgp', 'node-liblzma']) {
      const entry = entries.get(`${name} ${installed(name)}`)
      expect(entry?.licence).toMatch(/^LGPL-3\.0/)
      expect(entry?.text).toContain('GNU LESSER GENERAL PUBLIC LICENSE')
    }
  })
})
