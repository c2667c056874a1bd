/**
 * A reader for the small, regular YAML that test-infra writes into driverkit configs, so that
 * planning 50,000 configs does not build 50,000 YAML syntax trees (the library's parse was most of
 * a plan's time and garbage).
 *
 * It understands only this subset, and returns undefined for anything else, in which case the
 * caller parses the file with the YAML library: the result is then always the library's.
 * - top-level `key: value` lines, keys of lower-case letters and `_`, each key once;
 * - a value that is a plain scalar on one line, a `"..."` string without escapes, a `'...'`
 *   string without quotes inside, or a flow list of such `"..."` strings;
 * - a key with no value followed by an indented block: either `key: scalar` lines (one level),
 *   or `- scalar` lines;
 * - blank lines and whole-line comments.
 * Everything is a string, as with the library's failsafe schema. Tabs, carriage returns, control
 * or non-ASCII characters, anchors, aliases, tags, block scalars, flow mappings, multi-line
 * scalars, documents markers and directives all go to the library.
 */

type Value = string | string[] | Record<string, string>

const KEY_LINE = /^([a-z_]+):(?: (.*))?$/
// Printable ASCII and line feeds only: anything else is the library's to judge.
const PLAIN_TEXT = /^[\n\x20-\x7e]*$/

export function parseConfigYaml(text: string): Record<string, Value> | undefined {
  if (!PLAIN_TEXT.test(text)) return undefined
  const lines = text.split('\n')
  const data: Record<string, Value> = Object.create(null) as Record<string, Value>
  let keys = 0
  let i = 0
  while (i < lines.length) {
    const line = lines[i].trimEnd()
    if (skippable(line)) {
      i++
      continue
    }
    if (line.startsWith(' ')) return undefined
    const m = KEY_LINE.exec(line)
    if (!m || m[1] in data || m[1] === '__proto__') return undefined
    const key = m[1]
    const rest = (m[2] ?? '').trim()
    i++
    if (rest !== '') {
      const value = inlineValue(rest)
      if (value === undefined) return undefined
      data[key] = value
    } else {
      // A block: the indented lines that follow, all at one indentation.
      const block: string[] = []
      let indent = -1
      while (i < lines.length) {
        const next = lines[i].trimEnd()
        if (skippable(next)) {
          i++
          continue
        }
        if (!next.startsWith(' ')) break
        const own = next.length - next.trimStart().length
        if (indent === -1) indent = own
        else if (own !== indent) return undefined
        block.push(next.slice(own))
        i++
      }
      const value = blockValue(block)
      if (value === undefined) return undefined
      data[key] = value
    }
    keys++
  }
  if (keys === 0) return undefined
  return { ...data }
}

function skippable(line: string): boolean {
  return line === '' || line.trimStart().startsWith('#')
}

function blockValue(lines: string[]): Value | undefined {
  if (lines.length === 0) return undefined
  if (lines[0].startsWith('-')) {
    const items: string[] = []
    for (const line of lines) {
      if (!line.startsWith('- ')) return undefined
      const item = scalar(line.slice(2).trim())
      if (item === undefined) return undefined
      items.push(item)
    }
    return items
  }
  const map: Record<string, string> = Object.create(null) as Record<string, string>
  for (const line of lines) {
    const m = KEY_LINE.exec(line)
    if (!m || m[1] in map || m[1] === '__proto__') return undefined
    const value = scalar((m[2] ?? '').trim())
    if (value === undefined) return undefined
    map[m[1]] = value
  }
  return { ...map }
}

function inlineValue(text: string): Value | undefined {
  return text.startsWith('[') ? flowList(text) : scalar(text)
}

/** `["a", "b"]`: double-quoted items only. */
function flowList(text: string): string[] | undefined {
  if (!text.endsWith(']')) return undefined
  const items: string[] = []
  let at = 1
  const skipSpaces = () => {
    while (text[at] === ' ') at++
  }
  skipSpaces()
  if (text[at] === ']') return at === text.length - 1 ? items : undefined
  for (;;) {
    skipSpaces()
    if (text[at] !== '"') return undefined
    const close = text.indexOf('"', at + 1)
    if (close < 0) return undefined
    const item = text.slice(at + 1, close)
    if (item.includes('\\')) return undefined
    items.push(item)
    at = close + 1
    skipSpaces()
    if (text[at] === ']') return at === text.length - 1 ? items : undefined
    if (text[at] !== ',') return undefined
    at++
  }
}

/** One scalar on one line, or undefined when it is anything but the simple cases. */
function scalar(text: string): string | undefined {
  if (text === '') return undefined
  const first = text[0]
  if (first === '"' || first === "'") {
    // The whole value is one quoted string, with no escapes (double) or doubled quotes (single).
    const body = text.slice(1, -1)
    if (text.length < 2 || !text.endsWith(first) || body.includes(first)) return undefined
    if (first === '"' && body.includes('\\')) return undefined
    return body
  }
  // Indicators that give a plain scalar another meaning (or make it an error) at its start.
  if ('-?:,[]{}#&*!|>%@`'.includes(first)) return undefined
  // A comment, or a mapping inside the value: the library decides.
  if (text.includes(' #') || text.includes(': ') || text.endsWith(':')) return undefined
  return text
}
