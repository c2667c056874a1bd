import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import * as path from 'node:path'

/**
 * No two modules of src/ import each other, directly or around a loop, counting type-only
 * imports (which the bundle's own cycle check cannot see, since they are erased): a loop means
 * the modules are one, or a type sits in the wrong one.
 */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    return entry.isDirectory() ? sources(file) : file.endsWith('.ts') ? [file] : []
  })
}

/** Each module's imports of other modules of src/, by resolved path. */
function importGraph(files: string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of files) {
    const text = readFileSync(file, 'utf8')
    const targets = [
      ...text.matchAll(/(?:^|\s)(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g)
    ]
      .map((m) => path.resolve(path.dirname(file), m[1].replace(/\.js$/, '.ts')))
      .filter((target) => files.includes(target))
    graph.set(file, targets)
  }
  return graph
}

/** Every loop found by a depth-first walk, as the list of files around it. */
export function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = []
  const state = new Map<string, 'open' | 'done'>()
  const stack: string[] = []
  const visit = (file: string): void => {
    state.set(file, 'open')
    stack.push(file)
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push(stack.slice(stack.indexOf(next)))
      else if (!state.has(next)) visit(next)
    }
    stack.pop()
    state.set(file, 'done')
  }
  for (const file of graph.keys()) if (!state.has(file)) visit(file)
  return found
}

describe('imports in src/', () => {
  const files = sources(path.resolve('src'))
  const graph = importGraph(files)

  it('reads the import graph', () => {
    expect(graph.size).toBe(files.length)
    expect(graph.get(path.resolve('src/main.ts'))).toContain(path.resolve('src/pipeline.ts'))
  })

  it('has no loop, counting type-only imports', () => {
    const relative = cycles(graph).map((loop) => loop.map((f) => path.relative('src', f)))
    expect(relative).toEqual([])
  })

  it('finds a loop when there is one', () => {
    const loop = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']]
    ])
    expect(cycles(loop)).toEqual([['a', 'b', 'c']])
  })
})
