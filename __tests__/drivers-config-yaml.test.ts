import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'
import { parseDriverConfig, readWithLibrary } from '../src/drivers/config.js'
import { parseConfigYaml } from '../src/drivers/config-yaml.js'
import { configText } from '../src/drivers/generate.js'
import { fixture } from './support/drivers-fixtures.js'

/**
 * The direct reader of test-infra's config lines must give exactly what the YAML library gives,
 * or nothing (and then the library reads the file). Checked on every real config, on what
 * drivers-generate writes, and on a table of the YAML it must leave to the library.
 */

const fixtures = fixture('driverkit-config')

function realConfigs(): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = []
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.name.endsWith('.yaml'))
        out.push({ file: path.relative(fixtures, p), text: readFileSync(p, 'utf8') })
    }
  }
  walk(fixtures)
  return out.sort((a, b) => (a.file < b.file ? -1 : 1))
}

function library(text: string): unknown {
  const r = readWithLibrary(text)
  return 'value' in r ? r.value : { error: r.error }
}

/** Ways test-infra's files vary that must not change what is read. */
const VARIANTS: [string, (t: string) => string][] = [
  ['as is', (t) => t],
  ['comments between lines', (t) => t.replace(/\n/g, '\n# a comment\n')],
  ['indented comments', (t) => t.replace(/\n(\s+)/, '\n$1# note\n$1')],
  ['blank lines', (t) => t.replace(/\n/g, '\n\n')],
  ['trailing spaces', (t) => t.replace(/\n/g, '  \n')],
  ['no final newline', (t) => t.trimEnd()],
  ['single-quoted values', (t) => t.replace(/^(\w+): ([^"'[\n][^\n]*)$/gm, "$1: '$2'")],
  ['double-quoted values', (t) => t.replace(/^(\w+): ([^"'[\n][^\n]*)$/gm, '$1: "$2"')],
  ['four-space indents', (t) => t.replace(/^ {2}(?=\S)/gm, '    ')]
]

describe('the config fast path agrees with the YAML library', () => {
  const configs = realConfigs()

  it('reads every real test-infra config itself, exactly as the library does', () => {
    expect(configs).toHaveLength(32)
    for (const { file, text } of configs) {
      for (const [name, vary] of VARIANTS) {
        const varied = vary(text)
        const fast = parseConfigYaml(varied)
        expect({ file, name, fast }).toEqual({ file, name, fast: library(varied) })
      }
    }
  })

  it('reads what drivers-generate writes, with and without kernelconfigdata', () => {
    for (const k of [
      { kernelVersion: '1', kernelRelease: '6.1.0-1-amd64', headers: [] },
      { kernelVersion: '1.10', kernelRelease: '5.4.0', headers: ['https://x.example/a.deb'] },
      { kernelVersion: '28~20.04.2', kernelRelease: '5.15.0-1023-gke', headers: ['h1', 'h2'] }
    ]) {
      for (const kernelConfigData of [undefined, 'Q09ORklHXzY0QklUPXk='.repeat(10_000)]) {
        const text = configText('8.0.0+driver', {
          arch: 'x86_64',
          target: 'ubuntu-generic',
          distro: 'Ubuntu',
          kernelConfigData,
          ...k
        })
        const fast = parseConfigYaml(text)
        expect(fast).toBeDefined()
        expect(fast).toEqual(library(text))
      }
    }
  })

  // [yaml, whether the fast path reads it itself]
  const TABLE: [string, boolean][] = [
    ['kernelversion: 1.10\n', true],
    ['kernelversion: "1.10"\n', true],
    ["kernelversion: '1_1.30.0'\n", true],
    ['target: null\nkernelrelease: ~\n', true],
    ['target: x#y\n', true],
    ['target: b:c\n', true],
    ['output:\n  module: a.ko\n  probe: ""\n', true],
    ['kernelurls: []\n', true],
    ['kernelurls: [ "a" , "b" ]\n', true],
    ['kernelurls:\n  - a\n  - "b"\n', true],
    ['output:\n    module: a.ko\n    # no probe\n    probe: b.o\n', true],
    // Left to the library:
    ['target: x # a comment\n', false],
    ['target: "x" # a comment\n', false],
    ['target: x:\n', false],
    ['target: a: b\n', false],
    ['target: -x\n', false],
    ['target: %x\n', false],
    ['target:\n', false],
    ['target: x\n  continued\n', false],
    ['target: "a\\tb"\n', false],
    ["target: 'it''s'\n", false],
    ['target: "unclosed\n', false],
    ['target: x\ttab\n', false],
    ['target: x\r\nkernelrelease: y\r\n', false],
    ['target: ü\n', false],
    ['target: x\ntarget: y\n', false],
    ['---\ntarget: x\n', false],
    ['target: x\n...\n', false],
    ['target: &a x\nkernelrelease: *a\n', false],
    ['target: !!str x\n', false],
    ['target: |\n  x\n', false],
    ['target: >\n  x\n', false],
    ['output: {module: a.ko}\n', false],
    ['kernelurls: [a, b]\n', false],
    ['kernelurls: ["a",]\n', false],
    ['kernelurls: ["a"] # c\n', false],
    ['kernelurls:\n- a\n', false],
    ['kernelurls:\n  - a\n   - b\n', false],
    ['kernelurls:\n  -a\n', false],
    ['output:\n  module:\n    deeper: x\n', false],
    ['output:\n  module: a\n  module: b\n', false],
    ['output:\n  module: a\n    probe: b\n', false],
    [' target: x\n', false],
    ['Target: x\n', false],
    ['"target": x\n', false],
    ['__proto__: x\n', false],
    ['- a\n- b\n', false],
    ['just text\n', false],
    ['', false],
    ['# only a comment\n', false]
  ]

  it.each(TABLE)('%j: read directly %s, and the same as the library', (text, direct) => {
    const fast = parseConfigYaml(text)
    expect(fast !== undefined).toBe(direct)
    if (fast !== undefined) expect(fast).toEqual(library(text))
  })

  it('never reads a file the library rejects, so every YAML error is still reported per file', () => {
    const at = {
      file: '8.0.0+driver/x86_64/x_1_1.yaml',
      source: '/x',
      driverVersion: '8.0.0+driver'
    }
    const base = ['kernelversion: 1', 'kernelrelease: 1', 'target: x', 'architecture: amd64']
    let rejected = 0
    for (const [text] of TABLE) {
      // Each entry inside an otherwise valid config, its keys replacing the base's.
      const keys = new Set([...text.matchAll(/^(\w+):/gm)].map((m) => m[1]))
      const output = keys.has('output') ? '' : 'output:\n  module: a.ko\n'
      const merged = `${base.filter((l) => !keys.has(l.split(':')[0])).join('\n')}\n${output}${text}`
      const data = library(merged)
      if (data !== null && typeof data === 'object' && 'error' in data) {
        rejected++
        expect(parseConfigYaml(merged)).toBeUndefined()
        expect(parseDriverConfig(merged, at)).toEqual({
          ok: false,
          file: at.file,
          error: data.error
        })
      } else if (parseConfigYaml(merged) !== undefined) {
        expect(parseConfigYaml(merged)).toEqual(data)
      }
    }
    // The table holds real errors (duplicate keys, bad indentation, unclosed strings, ...).
    expect(rejected).toBeGreaterThan(5)
  })
})
