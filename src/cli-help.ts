/**
 * The command line's `--help`, rendered from action.yml as the README's tables are: every input
 * is a flag of the same name, so the help lists them all and cannot drift from the action.
 */

export interface ActionInputs {
  inputs: Record<string, { description: string; default?: string }>
}

export interface CommandHelp {
  name: string
  /** One or more lines; the first is the summary. */
  summary: string
}

/** The workflow context GitHub gives the action, as flags on the command line. */
export const CONTEXT_HELP: Record<string, string> = {
  event: 'push, release, workflow_dispatch, pull_request, ... (default: push)',
  ref: "refs/heads/master, refs/tags/0.40.0, ... (default: the checkout's branch or tag)",
  sha: 'the commit (default: HEAD)',
  'event-path': 'the event payload as JSON',
  repository: 'whose checks gate the publish (default: GITHUB_REPOSITORY or the origin remote)',
  workspace: 'where relative paths start (default: the current directory)',
  summary: 'also write the Markdown job summary there'
}

const WIDTH = 100
const COLUMN = 30

/** The first sentence of an input's description ("e.g." and "i.e." do not end one). */
export function firstSentence(text: string): string {
  const flat = text.trim().replace(/\s+/g, ' ')
  const end = /(?<!\be\.g|\bi\.e|\betc)\.(?=\s|$)/.exec(flat)
  return end ? flat.slice(0, end.index + 1) : flat
}

/** `text` wrapped to the help's width, its lines after the first indented to the column. */
function wrap(text: string, indent: number): string {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && indent + line.length + 1 + word.length > WIDTH) {
      lines.push(line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  lines.push(line)
  return lines.join(`\n${' '.repeat(indent)}`)
}

/** `  <left>  <text>`, the text wrapped at the column (below the left part when that is long). */
function row(left: string, text: string): string {
  const head = `  ${left}`
  const gap =
    head.length + 2 <= COLUMN ? ' '.repeat(COLUMN - head.length) : `\n${' '.repeat(COLUMN)}`
  return `${head}${gap}${wrap(text, COLUMN)}`
}

const isBoolean = (value: string | undefined): boolean => value === 'true' || value === 'false'

export function renderHelp(action: ActionInputs, commands: readonly CommandHelp[]): string {
  const inputs = Object.entries(action.inputs).map(([name, input]) => {
    const flag = isBoolean(input.default) ? `--${name}` : `--${name} <value>`
    // The token's default is the workflow's; on the command line it is GITHUB_TOKEN (said above).
    const value = input.default === undefined || name === 'github-token' ? '' : input.default
    const text = firstSentence(input.description)
    return row(flag, value === '' ? text : `${text} (default: ${value})`)
  })
  return [
    'usage: falco-publish [<command>] [--<input> <value> ...]',
    '       falco-publish help | --help | -h | --version (alone) | -V',
    '',
    'Commands:',
    ...commands.map((c) => row(c.name, c.summary.replace(/\s+/g, ' '))),
    '',
    'Inputs: every input of action.yml is a flag of the same name; a boolean flag alone means',
    'true, and a repeated list flag adds lines. A secret can be read from a file rather than the',
    'command line, where other users of the machine could see it: --gpg-private-key @key.asc.',
    '--github-token defaults to the GITHUB_TOKEN environment variable.',
    ...inputs,
    '',
    "Workflow context (default: a push of the local checkout's current branch or tag):",
    ...Object.entries(CONTEXT_HELP).map(([name, text]) => row(`--${name} <value>`, text)),
    row('--verbose', 'debug lines'),
    ''
  ].join('\n')
}
