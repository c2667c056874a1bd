import { describe, expect, it } from '@jest/globals'
import { registerSecrets, secretParts } from '../src/report/secrets.js'

describe('the one masking rule (secretParts)', () => {
  const key = [
    '-----BEGIN PGP PRIVATE KEY BLOCK-----',
    '',
    'lQdGBGaabcdefghijklmnopqrstuv',
    '=ab12',
    '  xK9mVqLr3TnBw  ',
    '-----END PGP PRIVATE KEY BLOCK-----'
  ].join('\r\n')

  it('masks a multi-line key whole and each of its long lines, leaving out armour and short lines', () => {
    expect(secretParts(key)).toEqual([key, 'lQdGBGaabcdefghijklmnopqrstuv', 'xK9mVqLr3TnBw'])
  })

  it('masks a one-line secret as it is, short or long, and nothing for an empty one', () => {
    expect(secretParts('hello')).toEqual(['hello'])
    expect(secretParts('ghs_0123456789abcdef')).toEqual(['ghs_0123456789abcdef'])
    expect(secretParts('')).toEqual([])
  })

  it('registers the parts of every value with the logger', () => {
    const seen: string[] = []
    registerSecrets({ secret: (v) => seen.push(v) }, key, 'pass', '')
    expect(seen).toEqual([...secretParts(key), 'pass'])
  })
})
