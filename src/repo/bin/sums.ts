import { byCodeUnit } from '../../compare.js'

/**
 * SHA256SUMS, the index of a tarball directory, in the format `sha256sum --check` reads:
 * `<64 hex digits><space><space or *><file name>` per line.
 */
export type Sums = Map<string, string>

export function parseSums(text: string, where: string): Sums {
  const sums: Sums = new Map()
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line)
    if (!match)
      throw new Error(`${where} line ${index + 1}: not a sha256sum line: ${JSON.stringify(line)}`)
    sums.set(match[2], match[1])
  }
  return sums
}

/** Sorted by file name, so the same set of files always renders the same bytes. */
export function renderSums(sums: Sums): string {
  return [...sums.entries()]
    .sort(([a], [b]) => byCodeUnit(a, b))
    .map(([name, sha256]) => `${sha256}  ${name}\n`)
    .join('')
}
