import { describe, expect, it } from '@jest/globals'
import * as semver from 'semver'
import {
  highestStable,
  isLatest,
  isPrerelease,
  nextDevVersion,
  stableVersions,
  tagVersion
} from '../src/release/version.js'

describe('nextDevVersion', () => {
  it.each([
    [{ tag: '0.40.0', commits: 15, sha7: '8c4040b' }, '0.41.0-15+8c4040b'],
    [{ tag: 'v0.40.0', commits: 15, sha7: '8c4040b' }, '0.41.0-15+8c4040b'],
    [{ tag: '0.40.3', commits: 1, sha7: '0123abc' }, '0.41.0-1+0123abc'],
    [{ tag: '1.9.12', commits: 200, sha7: 'fffffff' }, '1.10.0-200+fffffff'],
    [{ tag: '0.40.0', commits: 0, sha7: '8c4040b' }, '0.41.0-0+8c4040b'],
    [{ tag: '0.40.0+build.1', commits: 2, sha7: '8c4040b' }, '0.41.0-2+8c4040b'],
    [{ commits: 7, sha7: 'abcdef0' }, '0.1.0-7+abcdef0']
  ])('%j -> %s', (describe, want) => {
    const version = nextDevVersion(describe)
    expect(version).toBe(want)
    expect(semver.valid(version)).not.toBeNull()
  })

  it('sorts successive dev builds in commit order, and below the release they lead to', () => {
    const builds = [2, 10, 9, 100].map((commits) =>
      nextDevVersion({ tag: '0.40.0', commits, sha7: '8c4040b' })
    )
    expect(semver.sort([...builds])).toEqual([
      '0.41.0-2+8c4040b',
      '0.41.0-9+8c4040b',
      '0.41.0-10+8c4040b',
      '0.41.0-100+8c4040b'
    ])
    for (const build of builds) {
      expect(semver.gt(build, '0.40.0')).toBe(true)
      expect(semver.lt(build, '0.41.0')).toBe(true)
    }
  })

  it('refuses a describe result that cannot make a version', () => {
    expect(() => nextDevVersion({ tag: 'nightly', commits: 1, sha7: '8c4040b' })).toThrow(
      /'nightly'/
    )
    expect(() => nextDevVersion({ tag: '0.41.0-rc1', commits: 1, sha7: '8c4040b' })).toThrow(
      /not a stable semver tag/
    )
    expect(() => nextDevVersion({ tag: '0.40.0', commits: -1, sha7: '8c4040b' })).toThrow(
      /commit count/
    )
    expect(() => nextDevVersion({ tag: '0.40.0', commits: 1, sha7: '8C4040' })).toThrow(/hex/)
  })
})

describe('tagVersion', () => {
  it.each([
    ['0.40.0', '0.40.0'],
    ['v0.40.0', '0.40.0'],
    ['0.41.0-rc1', '0.41.0-rc1'],
    ['v1.0.0-alpha.1+sha.8c4040b', '1.0.0-alpha.1+sha.8c4040b'],
    ['not-a-version', undefined],
    ['0.40', undefined],
    ['=0.40.0', undefined],
    ['V0.40.0', undefined],
    ['vv0.40.0', undefined],
    [' 0.40.0', undefined],
    ['00.40.0', undefined],
    ['falco-0.40.0', undefined]
  ])('%j -> %j', (tag, want) => {
    expect(tagVersion(tag)).toBe(want)
  })
})

describe('stable tags and latest', () => {
  const tags = ['0.38.0', 'v0.39.0', '0.39.1', '0.40.0-rc1', 'nightly', 'v1.0.0-alpha']

  it('keeps the stable semver tags only, without the v', () => {
    expect(stableVersions(tags)).toEqual(['0.38.0', '0.39.0', '0.39.1'])
    expect(highestStable(tags)).toBe('0.39.1')
    expect(highestStable(['nightly', '0.1.0-rc1'])).toBeUndefined()
  })

  it.each([
    ['0.40.0', true],
    ['0.39.1', true],
    ['0.39.2', true],
    ['0.38.3', false],
    ['0.39.0', false],
    ['0.40.0-rc2', false],
    ['1.0.0-beta', false],
    ['not-semver', false]
  ])('%s latest among the tags: %s', (version, want) => {
    expect(isLatest(version, tags)).toBe(want)
  })

  it('makes the first release latest when there are no tags', () => {
    expect(isLatest('0.1.0', [])).toBe(true)
    expect(isLatest('0.1.0-rc1', [])).toBe(false)
  })

  it('tells prereleases from build metadata', () => {
    expect(isPrerelease('0.41.0-rc1')).toBe(true)
    expect(isPrerelease('0.41.0-15+8c4040b')).toBe(true)
    expect(isPrerelease('0.40.0+build.1')).toBe(false)
  })
})
