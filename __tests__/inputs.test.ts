import { describe, expect, it } from '@jest/globals'
import { InputError, list, readInputs, storeUrl } from '../src/inputs.js'

const from =
  (values: Record<string, string>) =>
  (name: string): string | undefined =>
    values[name]

describe('readInputs', () => {
  it('applies the defaults when nothing is given', () => {
    const inputs = readInputs(from({}))
    expect(inputs).toMatchObject({
      store: 'public',
      channel: 'auto',
      latest: 'auto',
      dryRun: false,
      requireChecks: true,
      requiredChecks: [],
      packages: []
    })
  })

  it('rejects a channel it does not know, naming the input', () => {
    expect(() => readInputs(from({ channel: 'nightly' }))).toThrow(InputError)
    expect(() => readInputs(from({ channel: 'nightly' }))).toThrow(/input 'channel'.*nightly/)
  })

  it('rejects a boolean that is not one, naming the input', () => {
    expect(() => readInputs(from({ 'dry-run': 'maybe' }))).toThrow(/input 'dry-run'/)
  })

  it('drops a leading v from the version input', () => {
    expect(readInputs(from({ version: 'v0.40.0' })).version).toBe('0.40.0')
  })
})

describe('list', () => {
  it('splits lines and commas, drops blanks and comments', () => {
    expect(list('a\n\n # note\nb, c\r\n')).toEqual(['a', 'b', 'c'])
  })
})

describe('storeUrl', () => {
  it('puts a bare name under the workspace', () => {
    expect(storeUrl('public', '/ws').href).toBe('file:///ws/public')
  })
  it('keeps a URL as it is', () => {
    expect(storeUrl('file:///srv/repo', '/ws').href).toBe('file:///srv/repo')
  })
})

describe('public-url', () => {
  const read = (value: string) => readInputs(from({ 'public-url': value })).publicUrl

  it('ends with a slash, so store keys can follow it', () => {
    expect(read('https://download.falco.org')).toBe('https://download.falco.org/')
    expect(read('https://download.falco.org/')).toBe('https://download.falco.org/')
    expect(read('')).toBe('')
  })

  it.each([
    ['download.falco.org', /input 'public-url': "download\.falco\.org" is not a URL/],
    ['ftp://download.falco.org/', /input 'public-url': expected an http\(s\) URL/],
    ['https://user:hunter2@download.falco.org/', /input 'public-url': must not carry credentials/]
  ])('rejects %s, naming the input', (value, message) => {
    expect(() => read(value)).toThrow(message)
    expect(() => read(value)).not.toThrow(/hunter2/)
  })
})
