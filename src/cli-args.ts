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
  version: boolean
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
    help: false,
    version: false
  }
  let index = 0
  if (argv[0] === 'help') {
    args.help = true
    return args
  }
  // `--version` is also the input naming the release's version: alone, it asks for ours.
  if ((argv.length === 1 && argv[0] === '--version') || argv.includes('-V')) {
    args.version = true
    return args
  }
  if (argv[0] !== undefined && !argv[0].startsWith('-')) {
    if (!commands.includes(argv[0])) {
      throw new UsageError(
        `unknown command ${JSON.stringify(argv[0])}${didYouMean(argv[0], commands, '')}; commands: ${commands.join(', ')}`
      )
    }
    args.command = argv[0]
    index = 1
  }
  for (; index < argv.length; index++) {
    const arg = argv[index]
    if (arg === '-h') {
      args.help = true
      continue
    }
    const match = /^--([a-z0-9-]+)(?:=(.*))?$/s.exec(arg)
    if (!match)
      throw new UsageError(
        `unexpected argument ${JSON.stringify(arg)}; flags look like --store public`
      )
    const [, name, inline] = match
    if ((SWITCHES as readonly string[]).includes(name)) {
      args[name as (typeof SWITCHES)[number]] = inline === undefined || inline === 'true'
      continue
    }
    const isInput = INPUT_NAMES.includes(name)
    if (!isInput && !(CONTEXT_FLAGS as readonly string[]).includes(name)) {
      const flags = [...INPUT_NAMES, ...CONTEXT_FLAGS, ...SWITCHES]
      throw new UsageError(`unknown flag --${name}${didYouMean(name, flags, '--')}; see --help`)
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

/** ` (did you mean --<closest>?)` when a known name is a typo away from `name`, else nothing. */
function didYouMean(name: string, known: readonly string[], prefix: string): string {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of known) {
    const d = editDistance(name, candidate)
    if (d < bestDistance) [best, bestDistance] = [candidate, d]
  }
  // A third of the name, at least one edit and at most three: `--dryrun` finds `--dry-run`,
  // `--foo` finds nothing.
  const allowed = Math.min(3, Math.max(1, Math.floor(name.length / 3)))
  return best !== undefined && bestDistance <= allowed ? ` (did you mean ${prefix}${best}?)` : ''
}

/** Edits from `a` to `b`: insertions, deletions, substitutions and swaps of two neighbours. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }
  return d[a.length][b.length]
}
