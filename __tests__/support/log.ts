import type { Logger } from '../../src/report/log.js'

/** A Logger that keeps every line, so tests can check what was said (and what was not). */
export class RecordingLog implements Logger {
  readonly lines: string[] = []
  readonly secrets: string[] = []
  info(message: string): void {
    this.lines.push(`info: ${message}`)
  }
  debug(message: string): void {
    this.lines.push(`debug: ${message}`)
  }
  warning(message: string): void {
    this.lines.push(`warning: ${message}`)
  }
  error(message: string): void {
    this.lines.push(`error: ${message}`)
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.lines.push(`group: ${name}`)
    return fn()
  }
  secret(value: string): void {
    this.secrets.push(value)
  }
  get text(): string {
    return this.lines.join('\n')
  }
}
