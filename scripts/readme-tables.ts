/**
 * The README's inputs and outputs tables, rendered from action.yml. `npm run docs` rewrites them in
 * place; a test fails when the README and action.yml disagree.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'

interface ActionYml {
  description: string
  inputs: Record<string, { description: string; default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

export function readActionYml(file = 'action.yml'): ActionYml {
  return parse(readFileSync(file, 'utf8')) as ActionYml
}

const cell = (text: string): string =>
  text
    .trim()
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')

export function inputsTable(action: ActionYml): string {
  const rows = Object.entries(action.inputs).map(([name, input]) => {
    const value = input.default === undefined || input.default === '' ? '' : `\`${input.default}\``
    return `| \`${name}\` | ${value} | ${cell(input.description)} |`
  })
  return ['| Name | Default | Description |', '| --- | --- | --- |', ...rows].join('\n')
}

export function outputsTable(action: ActionYml): string {
  const rows = Object.entries(action.outputs).map(
    ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`
  )
  return ['| Name | Description |', '| --- | --- |', ...rows].join('\n')
}

/** The text between `<!-- <section>: … -->` and `<!-- end <section> -->`. */
export function readmeSection(readme: string, section: string): string {
  const match = new RegExp(
    `<!-- ${section}:[^>]*-->\\n([\\s\\S]*?)\\n<!-- end ${section} -->`
  ).exec(readme)
  if (!match) throw new Error(`README.md has no <!-- ${section}: --> section`)
  return match[1]
}

function replaceSection(readme: string, section: string, table: string): string {
  const current = readmeSection(readme, section)
  return readme.replace(current, () => table)
}

if (process.argv[1]?.endsWith('readme-tables.ts')) {
  const action = readActionYml()
  let readme = readFileSync('README.md', 'utf8')
  readme = replaceSection(readme, 'inputs', inputsTable(action))
  readme = replaceSection(readme, 'outputs', outputsTable(action))
  writeFileSync('README.md', readme)
  console.log('README.md tables updated from action.yml')
}
