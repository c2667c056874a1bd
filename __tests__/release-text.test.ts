import { describe, expect, it } from '@jest/globals'
import * as openpgp from 'openpgp'
import { releaseText } from '../src/repo/deb/release-file.js'

// The Release a publish keeps beside InRelease must hold exactly the text InRelease signs:
// openpgp.js writes clear-signed text with CRLF line ends, gpg --clearsign (Falco's scripts) with LF.
const RELEASE = 'Origin: Falco\nLabel: Falco\nSuite: stable\nCodename: stable\n'

describe('releaseText', () => {
  it('reads the text openpgp.js clear-signed, with LF line ends', async () => {
    const { privateKey } = await openpgp.generateKey({ userIDs: [{ name: 't' }], type: 'ecc' })
    const signed = await openpgp.sign({
      message: await openpgp.createCleartextMessage({ text: RELEASE }),
      signingKeys: await openpgp.readPrivateKey({ armoredKey: privateKey })
    })
    expect(signed).toContain('\r\n')
    expect(releaseText(signed)).toBe(RELEASE)
  })

  it('reads the text gpg --clearsign wrote, dash-escaped lines included', () => {
    // gpg's layout: the text's last line end is the separator's (RFC 4880 7.1).
    const signed =
      '-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n' +
      RELEASE +
      '- -dashed: line\n' +
      '-----BEGIN PGP SIGNATURE-----\n\nxx\n-----END PGP SIGNATURE-----\n'
    expect(releaseText(signed)).toBe(RELEASE + '-dashed: line\n')
  })

  it('returns a plain Release as it is', () => {
    expect(releaseText(RELEASE)).toBe(RELEASE)
  })
})
