import { readInputs } from '../../src/inputs.js'
import type { StageContext } from '../../src/plan.js'
import type { Release } from '../../src/release/release.js'
import type { Logger } from '../../src/report/log.js'
import type { Store } from '../../src/store/store.js'

/** A Logger that records what it was told, and masks registered secrets as the real ones do. */
export class RecordingLogger implements Logger {
  readonly lines: string[] = []
  private readonly secrets: string[] = []
  private mask(s: string): string {
    return this.secrets.reduce((acc, secret) => acc.split(secret).join('***'), s)
  }
  info(m: string): void {
    this.lines.push(this.mask(m))
  }
  debug(m: string): void {
    this.lines.push('debug: ' + this.mask(m))
  }
  warning(m: string): void {
    this.lines.push('warning: ' + this.mask(m))
  }
  error(m: string): void {
    this.lines.push('error: ' + this.mask(m))
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.lines.push(`[group] ${name}`)
    return fn()
  }
  secret(v: string): void {
    if (v) this.secrets.push(v)
  }
  get registered(): string[] {
    return this.secrets
  }
}

/** A Logger that says nothing, for benches that time a stage without its log. */
export const quietLogger: Logger = {
  info: () => {},
  debug: () => {},
  warning: () => {},
  error: () => {},
  group: (_name, fn) => fn(),
  secret: () => {}
}

export function release(channel: 'dev' | 'stable', version: string): Release {
  return {
    channel,
    version,
    prerelease: false,
    latest: channel === 'stable',
    reason: 'test',
    sha: '0'.repeat(40)
  }
}

export function context(o: {
  store: Store
  workspace: string
  workdir: string
  channel: 'dev' | 'stable'
  version?: string
  inputs: Record<string, string>
  log?: RecordingLogger
}): StageContext & { log: RecordingLogger } {
  const log = o.log ?? new RecordingLogger()
  return {
    release: release(o.channel, o.version ?? '1.0.0'),
    inputs: readInputs((name) => o.inputs[name]),
    store: o.store,
    log,
    workspace: o.workspace,
    workdir: o.workdir
  }
}
