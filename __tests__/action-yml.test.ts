import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { INPUT_DEFAULTS } from '../src/inputs.js'
import { computeOutputs } from '../src/report/outputs.js'
import {
  inputsTable,
  outputsTable,
  readActionYml,
  readmeSection
} from '../scripts/readme-tables.js'

const action = readActionYml()

describe('action.yml', () => {
  it('has a description the Marketplace shows whole (at most 125 characters)', () => {
    const { description } = action
    expect(description.length).toBeGreaterThan(20)
    expect(description.length).toBeLessThanOrEqual(125)
  })

  it('runs the bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('has the same defaults as the code applies when a runner gives none', () => {
    const fromYml = Object.fromEntries(
      Object.entries(action.inputs)
        .filter(([name]) => name !== 'github-token')
        .map(([name, input]) => [name, input.default ?? ''])
    )
    expect(fromYml).toEqual(INPUT_DEFAULTS)
    expect(action.inputs['github-token'].default).toBe('${{ github.token }}')
  })

  it('declares every output the action sets', () => {
    const set = Object.keys(
      computeOutputs({ dryRun: false, plans: [], results: [], notRun: [], durationMs: 0 })
    )
    for (const name of set) expect(Object.keys(action.outputs)).toContain(name)
  })

  it('documents every input and output', () => {
    for (const [name, input] of Object.entries({ ...action.inputs, ...action.outputs })) {
      expect([name, input.description.trim().length > 20]).toEqual([name, true])
    }
  })
})

describe('README.md', () => {
  const readme = readFileSync('README.md', 'utf8')

  it('has the inputs table of action.yml (npm run docs regenerates it)', () => {
    expect(readmeSection(readme, 'inputs')).toBe(inputsTable(action))
  })

  it('has the outputs table of action.yml (npm run docs regenerates it)', () => {
    expect(readmeSection(readme, 'outputs')).toBe(outputsTable(action))
  })

  it('gives the two commands: set up and run the demo, and test', () => {
    expect(readme).toContain('npm ci && npm start')
    expect(readme).toContain('npm test')
  })
})
