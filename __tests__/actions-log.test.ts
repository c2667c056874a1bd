import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { actionsLogger } from '../src/report/actions-log.js'
import { flatGroups, groupDepths } from './support/log-groups.js'

describe('actionsLogger', () => {
  let out: string[]

  beforeEach(() => {
    out = []
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk))
      return true
    })
  })

  afterEach(() => {
    jest.restoreAllMocks()
  })

  it('opens one group at a time: a group inside a group is a heading line', async () => {
    const log = actionsLogger()
    const value = await log.group('Publish: packages', async () => {
      log.info('uploading')
      const inner = await log.group('apt repository packages/deb', async () => {
        log.info('Packages: 1 added')
        return 7
      })
      await log.group('tarballs packages/bin', async () => log.info('SHA256SUMS'))
      return inner
    })
    await log.group('Publish: containers', async () => log.info('pushed'))
    expect(value).toBe(7)
    expect(out.join('').split('\n')).toEqual([
      '::group::Publish: packages',
      'uploading',
      '== apt repository packages/deb',
      'Packages: 1 added',
      '== tarballs packages/bin',
      'SHA256SUMS',
      '::endgroup::',
      '::group::Publish: containers',
      'pushed',
      '::endgroup::',
      ''
    ])
    expect(groupDepths(out.join(''))).toEqual(flatGroups(2))
  })

  it('closes the group when its work fails, so the next one opens at the top level', async () => {
    const log = actionsLogger()
    await expect(
      log.group('Publish: packages', () =>
        log.group('apt repository packages/deb', async () => {
          throw new Error('Release could not be signed')
        })
      )
    ).rejects.toThrow('Release could not be signed')
    await log.group('CDN', async () => undefined)
    expect(groupDepths(out.join(''))).toEqual(flatGroups(2))
  })
})
