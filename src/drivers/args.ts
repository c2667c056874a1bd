/**
 * The `driver-builder` template split into arguments as a shell would split words, with single
 * and double quotes and no expansion: the builder runs without a shell. A module of its own so
 * that reading the inputs does not load the builder (and the YAML library it uses).
 */
export function splitArgs(template: string): string[] {
  const args: string[] = []
  let current = ''
  let quote: '"' | "'" | undefined
  let started = false
  for (const ch of template) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined
      else current += ch
    } else if (ch === '"' || ch === "'") {
      quote = ch
      started = true
    } else if (/\s/.test(ch)) {
      if (started || current !== '') args.push(current)
      current = ''
      started = false
    } else current += ch
  }
  if (quote !== undefined) throw new Error(`unbalanced ${quote} in ${JSON.stringify(template)}`)
  if (started || current !== '') args.push(current)
  return args
}
