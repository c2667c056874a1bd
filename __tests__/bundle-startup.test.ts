import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { isBuiltin } from 'node:module'
import * as path from 'node:path'

/**
 * What every run of the bundle loads before it knows what it will publish: the entry point and
 * the chunks it imports statically. The large libraries must stay out of it, loaded by the
 * stage or store that needs them (stages/all.ts, store/open.ts): a pull request run publishes
 * nothing, and loading a library it does not use costs every run tens of milliseconds (openpgp
 * alone takes ~40 ms to import here). `yaml` once came in through the `shard` input's parser,
 * which shared a module with the driver config reader. (CI checks that dist/ is fresh first.)
 */
const LIBRARIES: Record<string, string> = {
  yaml: 'yaml.alias',
  openpgp: 'OpenPGP.js',
  'registry client': 'docker-content-digest',
  'AWS SDK': 'aws-sdk-js',
  'liblzma (xz)': "new URL('./liblzma.wasm'",
  'fast-xml-parser (the http store’s PROPFIND listing)': "Closing tag '"
}

/**
 * Every file reached from `entry` through static `import` statements, with its text. The entry
 * itself imports the rest with `await import()` once the compile cache is on (compile-cache.ts):
 * those imports are followed too, in the entry only; elsewhere `import()` is a lazy load.
 */
function staticGraph(entry: string): Map<string, string> {
  const files = new Map<string, string>()
  const visit = (file: string, followDynamic = false): void => {
    if (files.has(file)) return
    const text = readFileSync(file, 'utf8')
    files.set(file, text)
    // `export … from` too: without hoisted transitive imports, a chunk re-exports through them.
    for (const m of text.matchAll(
      /^(?:import|export)\s(?:[^;]*?\sfrom\s)?'(\.{1,2}\/[^']+)';?$/gm
    )) {
      visit(path.resolve(path.dirname(file), m[1]))
    }
    if (!followDynamic) return
    for (const m of text.matchAll(/\bawait import\('(\.{1,2}\/[^']+)'\)/g)) {
      visit(path.resolve(path.dirname(file), m[1]))
    }
  }
  visit(path.resolve(entry), true)
  return files
}

describe.each(['dist/index.js', 'dist/cli.js'])('%s at start-up', (entry) => {
  const graph = staticGraph(entry)

  it('follows the bundle’s imports (the walk reaches the chunk that reads the inputs)', () => {
    const chunks = [...graph].filter(([file]) => file.includes(`${path.sep}chunks${path.sep}`))
    expect(chunks.some(([, text]) => text.includes('function readInputs('))).toBe(true)
  })

  it.each(Object.entries(LIBRARIES))('does not load %s', (_name, marker) => {
    const holding = [...graph].filter(([, text]) => text.includes(marker)).map(([f]) => f)
    expect(holding.map((f) => path.relative(process.cwd(), f))).toEqual([])
  })
})

describe('Node built-ins in the bundle', () => {
  // An ESM import of a built-in builds its namespace, which reads every export, lazy getters
  // included: node:http's loads Node's undici (~40 ms of CPU on Node 24), node:crypto's WebCrypto,
  // node:fs's fs/promises. The bundle reads them as objects instead (scripts/rollup-builtins.js);
  // node:module is the one imported, for the helper's fallback on Nodes before 20.16.
  it('are never imported as modules, in any file', () => {
    const files = ['dist/index.js', 'dist/cli.js', ...readdirChunks()]
    const imported = files.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/^import\s(?:[^;]*?\sfrom\s)?'([^'.][^']*)';?$/gm)]
        .map((m) => m[1])
        .filter((id) => isBuiltin(id) && id !== 'node:module')
        .map((id) => `${path.basename(f)}: ${id}`)
    )
    expect(imported).toEqual([])
    const read = files.filter((f) =>
      readFileSync(f, 'utf8').includes("__nodeBuiltin('node:crypto')")
    )
    expect(read.length).toBeGreaterThan(0)
  })
})

describe('the markers', () => {
  it('each is found in the bundle, in a chunk loaded later', () => {
    const all = new Map([...staticGraph('dist/index.js'), ...staticGraph('dist/cli.js')])
    const chunks = readdirChunks().filter((f) => !all.has(f))
    for (const marker of Object.values(LIBRARIES)) {
      expect(chunks.some((f) => readFileSync(f, 'utf8').includes(marker))).toBe(true)
    }
  })
})

function readdirChunks(): string[] {
  const dir = path.resolve('dist/chunks')
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.join(dir, f))
}
