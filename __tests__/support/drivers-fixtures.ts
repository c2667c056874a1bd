import { existsSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root: CI clones the repository with shared/ beside it. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** `../shared/fixtures/<name>` relative to the repository root; fails loudly when absent. */
export function sharedFixture(name: string): string {
  const file = path.resolve(repoRoot, '..', 'shared', 'fixtures', name)
  if (!existsSync(file)) {
    throw new Error(
      `shared fixture ${file} is missing: clone the shared fixtures beside the repository (../shared/fixtures)`
    )
  }
  return file
}

/** A logger that records, for assertions. */
export function recordingLogger() {
  const lines: { level: string; message: string }[] = []
  return {
    lines,
    info: (m: string) => void lines.push({ level: 'info', message: m }),
    debug: (m: string) => void lines.push({ level: 'debug', message: m }),
    warning: (m: string) => void lines.push({ level: 'warning', message: m }),
    error: (m: string) => void lines.push({ level: 'error', message: m }),
    group: <T>(_name: string, fn: () => Promise<T>) => fn(),
    secret: () => undefined
  }
}
