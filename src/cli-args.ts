import { INPUT_DEFAULTS } from './inputs.js'

/**
 * Command-line flags. Every action input is a flag of the same name (`--store`, `--dry-run`, …);
 * a few more give the workflow context that GitHub would otherwise provide.
 */
export const CONTEXT_FLAGS = [
  'event',
  'ref',
  'sha',
  'repository',
  'event-path',
  'workspace',
  'summary',
  'published-file'
] as const
const SWITCHES = ['verbose', 'help'] as const
export const INPUT_NAMES: readonly string[] = [...Object.keys(INPUT_DEFAULTS), 'github-token']

export interface CliArgs {
  command: string
  inputs: Map<string, string>
  context: Map<string, string>
  verbose: boolean
  help: boolean
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

/** Parses `[command] --name value --name=value --bool`; a boolean input may be given without a value. */
export function parseArgs(argv: string[], commands: readonly string[]): CliArgs {
  const args: CliArgs = {
    command: 'publish',
    inputs: new Map(),
    context: new Map(),
    verbose: false,
    help: false
  }
  let index = 0
  if (argv[0] !== undefined && !argv[0].startsWith('-')) {
    if (!commands.includes(argv[0])) {
      throw new UsageError(
        `unknown command ${JSON.stringify(argv[0])}; commands: ${commands.join(', ')}`
      )
    }
    args.command = argv[0]
    index = 1
  }
  for (; index < argv.length; index++) {
    const arg = argv[index]
    const match = /^--([a-z0-9-]+)(?:=(.*))?$/s.exec(arg)
    if (!match)
      throw new UsageError(
        `unexpected argument ${JSON.stringify(arg)}; flags look like --store public`
      )
    const [, name, inline] = match
    if ((SWITCHES as readonly string[]).includes(name)) {
      args[name as 'verbose' | 'help'] = inline === undefined || inline === 'true'
      continue
    }
    const isInput = INPUT_NAMES.includes(name)
    if (!isInput && !(CONTEXT_FLAGS as readonly string[]).includes(name)) {
      throw new UsageError(`unknown flag --${name}; see --help`)
    }
    let value = inline
    if (value === undefined) {
      const next = argv[index + 1]
      // A boolean input may stand alone: `--dry-run` means `--dry-run true`.
      if (next === undefined || next.startsWith('--')) {
        if (!isBooleanInput(name)) throw new UsageError(`--${name} needs a value`)
        value = 'true'
      } else {
        value = next
        index++
      }
    }
    const target = isInput ? args.inputs : args.context
    // A repeated list input adds lines, as a multi-line YAML value would.
    const previous = target.get(name)
    target.set(name, previous !== undefined && isInput ? `${previous}\n${value}` : value)
  }
  return args
}

function isBooleanInput(name: string): boolean {
  const value = (INPUT_DEFAULTS as Record<string, string>)[name]
  return value === 'true' || value === 'false'
}
