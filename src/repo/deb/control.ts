/**
 * Debian control data (deb822): the `control` file of a package, the stanzas of a `Packages`
 * index. A stanza keeps its fields in order with their values verbatim (multi-line values keep
 * their continuation lines), so re-rendering an index we read changes nothing.
 */
export type Stanza = Array<[field: string, value: string]>

export function parseStanzas(text: string, where: string): Stanza[] {
  const stanzas: Stanza[] = []
  let current: Stanza = []
  const lines = text.replace(/\r\n/g, '\n').split('\n')
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') {
      if (current.length) stanzas.push(current)
      current = []
      continue
    }
    if (line.startsWith('#')) continue
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (!current.length) throw new Error(`${where}:${i + 1}: continuation line outside a field`)
      current[current.length - 1][1] += '\n' + line
      continue
    }
    const m = /^([!-9;-~][!-9;-~]*):[ \t]*(.*)$/.exec(line)
    if (!m)
      throw new Error(
        `${where}:${i + 1}: not a "Field: value" line: ${JSON.stringify(line.slice(0, 80))}`
      )
    current.push([m[1], m[2].trimEnd()])
  }
  if (current.length) stanzas.push(current)
  return stanzas
}

export function field(stanza: Stanza, name: string): string | undefined {
  const lower = name.toLowerCase()
  return stanza.find(([f]) => f.toLowerCase() === lower)?.[1]
}

/** Sets (replacing, or appending at the end) a field. */
export function setField(stanza: Stanza, name: string, value: string): Stanza {
  const lower = name.toLowerCase()
  const out = stanza.filter(([f]) => f.toLowerCase() !== lower)
  out.push([name, value])
  return out
}

export function renderStanza(stanza: Stanza): string {
  return stanza.map(([f, v]) => `${f}: ${v}\n`).join('')
}

export function renderStanzas(stanzas: Stanza[]): string {
  return stanzas.map(renderStanza).join('\n')
}
