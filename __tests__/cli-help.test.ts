import { describe, expect, it } from '@jest/globals'
import { readActionYml } from '../scripts/readme-tables.js'
import { CONTEXT_FLAGS } from '../src/cli-args.js'
import { CONTEXT_HELP, firstSentence, renderHelp } from '../src/cli-help.js'

const action = readActionYml()
const commands = [
  { name: 'publish', summary: "run the action's pipeline" },
  { name: 'verify', summary: 'a command added later is one more row' }
]
const help = renderHelp(action, commands)

describe('the command line help, from action.yml', () => {
  it.each(Object.keys(action.inputs))('lists the input --%s', (name) => {
    // The entry: its flag, then its text, wrapped (below the flag when the flag is long).
    const entry = new RegExp(`^  --${name}( <value>)?\\s+(.*(\\n {30}.*)*)`, 'm').exec(help)
    const text = entry?.[2].replace(/\s+/g, ' ')
    expect(text).toContain(firstSentence(action.inputs[name].description))
  })

  it('lists every command it is given', () => {
    for (const { name, summary } of commands)
      expect(help).toMatch(new RegExp(`^  ${name} +${summary}`, 'm'))
  })

  it('explains every workflow context flag', () => {
    expect(Object.keys(CONTEXT_HELP).sort()).toEqual([...CONTEXT_FLAGS].sort())
  })

  it('shows defaults, and a boolean input without a value', () => {
    expect(help).toMatch(/^ {2}--dry-run +Compute.*\n.*\(default: false\)$/m)
    expect(help).toMatch(/^ {2}--store <value> /m)
  })

  it('fits a terminal: no line over 100 columns', () => {
    expect(help.split('\n').filter((line) => line.length > 100)).toEqual([])
  })

  it('takes the first sentence, not stopping at e.g.', () => {
    expect(firstSentence('Where, e.g. `s3://b`.  More here.')).toBe('Where, e.g. `s3://b`.')
    expect(firstSentence('No full stop')).toBe('No full stop')
  })
})
