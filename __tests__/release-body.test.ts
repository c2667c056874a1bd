import { describe, expect, it } from '@jest/globals'
import { mergeBody } from '../src/github-release/body.js'
import { checkTemplate, downloadOf, renderTemplate } from '../src/github-release/template.js'

const START = '<!-- falco-publish: start (this section is rewritten by each publish) -->'
const END = '<!-- falco-publish: end -->'

describe('mergeBody', () => {
  it.each([
    ['an empty body', '', `${START}\nfilled\n${END}`],
    ['a drafted text', 'Highlights.\r\n', `Highlights.\n\n${START}\nfilled\n${END}`],
    [
      'a body with our section',
      `Highlights.\n\n${START}\nold\n${END}\n\nA footer.`,
      `Highlights.\n\n${START}\nfilled\n${END}\n\nA footer.`
    ]
  ])('keeps the text of %s and rewrites only its section', (_name, existing, expected) => {
    expect(mergeBody(existing, 'filled\n', false)).toBe(expected)
    // Applied again it changes nothing: a re-run sends no update.
    expect(mergeBody(expected, 'filled\n', false)).toBe(expected)
  })

  it('replaces everything when told to', () => {
    expect(mergeBody('Highlights.', 'filled', true)).toBe(`${START}\nfilled\n${END}`)
  })
})

describe('the release body template', () => {
  const facts = {
    version: '0.40.0',
    tag: '0.40.0',
    driverVersion: '8.0.0+driver',
    downloads: [
      downloadOf('packages/bin/x86_64/falco-0.40.0-x86_64.tar.gz', 'https://d/x.tar.gz')!
    ],
    images: [],
    checks: []
  }

  it('fills every placeholder, spaces or not', () => {
    expect(
      renderTemplate('{{version}} {{ tag }} {{  driver_version }} {{ url:tgz-x86_64 }}', facts)
    ).toBe('0.40.0 0.40.0 8.0.0+driver https://d/x.tar.gz')
    expect(renderTemplate('{{ url:deb-aarch64 }}', facts)).toBe(
      '(no deb package for aarch64 in this release)'
    )
    expect(renderTemplate('{{ images }}\n{{ checks }}', facts)).toBe(
      '_No images in this release._\n_No checks gated this release._'
    )
  })

  it.each(['{{ versoin }}', '{{ url:zip-x86_64 }}', '{{ url:deb }}'])(
    'refuses %s, naming the file',
    (bad) => {
      expect(() => checkTemplate(`Falco ${bad}`, '.github/release.md')).toThrow(
        `input 'release-body': .github/release.md has an unknown placeholder ${bad}`
      )
    }
  )

  it.each([
    ['packages/deb/stable/falco-0.40.0-x86_64.deb', 'deb', 'x86_64'],
    ['packages/rpm/falco-0.40.0-aarch64.rpm', 'rpm', 'aarch64'],
    ['packages/deb/stable/falco_0.40.0-amd64.deb', 'deb', 'x86_64'],
    ['packages/bin/aarch64/falco-0.40.0-aarch64.tar.gz', 'tgz', 'aarch64']
  ])('reads the kind and arch of %s', (path, kind, arch) => {
    expect(downloadOf(path, 'u')).toMatchObject({ kind, arch })
  })
})
