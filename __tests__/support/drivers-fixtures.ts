import { existsSync } from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** `__fixtures__/<name>` in the repository (see `__fixtures__/README.md` for where each came from). */
export function fixture(name: string): string {
  const file = path.resolve(repoRoot, '__fixtures__', name)
  if (!existsSync(file)) throw new Error(`fixture ${file} is missing from the repository`)
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
