/**
 * Reading one input's value: lists, booleans, enums, numbers, and the error that names the input.
 * Kept apart from inputs.ts, which composes every stage's inputs, so that a stage's own input
 * module can use these without importing the composition (and its defaults) back in a cycle.
 */

/** An input that cannot be used; the message names the input and says what it accepts. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string
  ) {
    super(`input '${input}': ${message}`)
    this.name = 'InputError'
  }
}

/** Newline- (or comma-) separated values, trimmed, without empty lines or `#` comments. */
export function list(raw: string): string[] {
  return raw
    .split(/\r?\n|,/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
}

export function boolean(get: (name: string) => string, name: string): boolean {
  const raw = get(name).toLowerCase()
  if (['true', 'yes', '1', 'on'].includes(raw)) return true
  if (['false', 'no', '0', 'off'].includes(raw)) return false
  throw new InputError(name, `expected true or false, got ${JSON.stringify(get(name))}`)
}

export function oneOf<T extends string>(
  get: (name: string) => string,
  name: string,
  allowed: readonly T[]
): T {
  const raw = get(name).toLowerCase()
  if ((allowed as readonly string[]).includes(raw)) return raw as T
  throw new InputError(
    name,
    `expected one of ${allowed.join(', ')}, got ${JSON.stringify(get(name))}`
  )
}

export function integer(get: (name: string) => string, name: string, min = 0): number {
  const raw = get(name)
  if (!/^\d+$/.test(raw) || Number(raw) < min) {
    throw new InputError(
      name,
      `expected a whole number of at least ${min}, got ${JSON.stringify(raw)}`
    )
  }
  return Number(raw)
}
