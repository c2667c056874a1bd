import type { Logger } from '../../src/report/log.js'

/** A Logger that keeps every line, to assert on what users would read (and that no secret is in it). */
export interface RecordingLog extends Logger {
  lines: string[]
  secrets: string[]
}

export function recordingLog(): RecordingLog {
  const lines: string[] = []
  const secrets: string[] = []
  return {
    lines,
    secrets,
    info: (message) => void lines.push(`info: ${message}`),
    debug: (message) => void lines.push(`debug: ${message}`),
    warning: (message) => void lines.push(`warning: ${message}`),
    error: (message) => void lines.push(`error: ${message}`),
    group: async (name, fn) => {
      lines.push(`group: ${name}`)
      return fn()
    },
    secret: (value) => void secrets.push(value)
  }
}
