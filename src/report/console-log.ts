import type { Logger } from './log.js'

export interface ConsoleLoggerOptions {
  verbose?: boolean
  /** Where lines go; the terminal's stderr by default so that stdout stays for results. */
  write?: (line: string) => void
}

/**
 * The Logger on the command line. Secrets are masked here, since no runner does it for us: every
 * registered value is replaced by *** in every line before it is written.
 */
export function consoleLogger(
  options: ConsoleLoggerOptions = {}
): Logger & { mask(text: string): string } {
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'))
  const secrets = new Set<string>()
  // Longest first, so a secret that contains another is masked whole. Sorted when a line is
  // masked after new secrets came, neither per line nor per secret: an armoured key registers
  // each of its ~50 lines at once.
  let longestFirst: string[] | undefined = []
  const mask = (text: string): string => {
    longestFirst ??= [...secrets].sort((a, b) => b.length - a.length)
    let masked = text
    for (const secret of longestFirst) {
      if (masked.includes(secret)) masked = masked.split(secret).join('***')
    }
    return masked
  }
  const emit = (prefix: string, message: string): void => {
    for (const line of mask(message).split('\n')) write(prefix + line)
  }
  let depth = 0
  const indent = (): string => '  '.repeat(depth)
  return {
    mask,
    info: (message) => emit(indent(), message),
    debug: (message) => {
      if (options.verbose) emit(`${indent()}debug: `, message)
    },
    warning: (message, where) =>
      emit(`${indent()}warning: `, where?.file ? `${where.file}: ${message}` : message),
    error: (message, where) =>
      emit(`${indent()}error: `, where?.file ? `${where.file}: ${message}` : message),
    group: async (name, fn) => {
      emit(indent(), `== ${name}`)
      depth++
      try {
        return await fn()
      } finally {
        depth--
      }
    },
    secret: (value) => {
      if (value.length === 0 || secrets.has(value)) return
      secrets.add(value)
      longestFirst = undefined
    }
  }
}
