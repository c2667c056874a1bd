import { describe, expect, it } from '@jest/globals'
import { consoleLogger } from '../src/report/console-log.js'

describe('consoleLogger', () => {
  it('masks every registered secret in every kind of line', async () => {
    const lines: string[] = []
    const log = consoleLogger({ verbose: true, write: (line) => lines.push(line) })
    log.secret('hunter2')
    log.secret('hunter2-long')
    log.info('token hunter2 here')
    log.debug('long hunter2-long value')
    log.warning('w hunter2')
    log.error('e hunter2', { file: 'a.yaml' })
    await log.group('group hunter2', async () => log.info('inner'))
    expect(lines.join('\n')).not.toContain('hunter2')
    expect(lines).toEqual([
      'token *** here',
      'debug: long *** value',
      'warning: w ***',
      'error: a.yaml: e ***',
      '== group ***',
      '  inner'
    ])
  })

  it('hides debug lines unless verbose', () => {
    const lines: string[] = []
    const log = consoleLogger({ write: (line) => lines.push(line) })
    log.debug('detail')
    expect(lines).toEqual([])
  })
})
