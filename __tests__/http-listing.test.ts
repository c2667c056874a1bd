import { describe, expect, it } from '@jest/globals'
import { parseAutoindex, parseMultistatus } from '../src/store/http-listing.js'

// The nginx shapes are checked against a real nginx in http-store.itg.test.ts; these are the
// other servers' shapes, written after their documented answers: Apache mod_dav (lp1: and D:
// prefixes, absolute hrefs, a propstat per status) and an answer from behind a proxy (full URLs).

describe('parseAutoindex', () => {
  it('reads names, kinds, sizes and dates, and refuses what is not a JSON listing', () => {
    expect(
      parseAutoindex(
        '[{ "name":"stable", "type":"directory", "mtime":"Mon, 07 Dec 2026 08:00:00 GMT" },' +
          '{ "name":"a b.deb", "type":"file", "mtime":"Mon, 07 Dec 2026 08:00:01 GMT", "size":42 }]'
      )
    ).toEqual([
      { name: 'stable', folder: true, size: 0, modified: new Date('2026-12-07T08:00:00Z') },
      { name: 'a b.deb', folder: false, size: 42, modified: new Date('2026-12-07T08:00:01Z') }
    ])
    expect(parseAutoindex('<html><body>Index of /</body></html>')).toBeUndefined()
    expect(parseAutoindex('{"errors":[]}')).toBeUndefined()
  })
})

describe('parseMultistatus', () => {
  const apache = `<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:" xmlns:ns0="DAV:">
<D:response xmlns:lp1="DAV:">
<D:href>/repo/driver/8.0.0%2Bdriver/</D:href>
<D:propstat><D:prop><lp1:resourcetype><D:collection/></lp1:resourcetype>
<lp1:getlastmodified>Mon, 07 Dec 2026 08:00:00 GMT</lp1:getlastmodified></D:prop>
<D:status>HTTP/1.1 200 OK</D:status></D:propstat>
<D:propstat><D:prop><D:getcontentlength/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>
</D:response>
<D:response xmlns:lp1="DAV:">
<D:href>/repo/driver/8.0.0%2Bdriver/x86_64/</D:href>
<D:propstat><D:prop><lp1:resourcetype><D:collection/></lp1:resourcetype></D:prop>
<D:status>HTTP/1.1 200 OK</D:status></D:propstat>
</D:response>
<D:response xmlns:lp1="DAV:">
<D:href>/repo/driver/8.0.0%2Bdriver/index.json</D:href>
<D:propstat><D:prop><lp1:resourcetype/><lp1:getcontentlength>1234</lp1:getcontentlength>
<lp1:getlastmodified>Mon, 07 Dec 2026 08:00:02 GMT</lp1:getlastmodified></D:prop>
<D:status>HTTP/1.1 200 OK</D:status></D:propstat>
</D:response>
</D:multistatus>`

  it("lists a folder's children from Apache's answer, leaving the folder itself out", async () => {
    expect(await parseMultistatus(apache, '/repo/driver/8.0.0%2Bdriver/')).toEqual([
      { name: 'x86_64', folder: true, size: 0 },
      {
        name: 'index.json',
        folder: false,
        size: 1234,
        modified: new Date('2026-12-07T08:00:02Z')
      }
    ])
  })

  it('takes absolute URLs as hrefs and skips entries deeper than asked', async () => {
    const proxied = `<?xml version="1.0"?>
<multistatus xmlns="DAV:">
<response><href>https://dl.example.org/repo/bin/</href>
<propstat><prop><resourcetype><collection/></resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat></response>
<response><href>https://dl.example.org/repo/bin/falco-0.41.0.tar.gz</href>
<propstat><prop><getcontentlength>7</getcontentlength><resourcetype/></prop><status>HTTP/1.1 200 OK</status></propstat></response>
<response><href>https://dl.example.org/repo/bin/x86_64/deeper.tar.gz</href>
<propstat><prop><getcontentlength>9</getcontentlength></prop><status>HTTP/1.1 200 OK</status></propstat></response>
</multistatus>`
    expect(await parseMultistatus(proxied, '/repo/bin/')).toEqual([
      { name: 'falco-0.41.0.tar.gz', folder: false, size: 7 }
    ])
  })

  it('refuses what is not a multistatus', async () => {
    expect(await parseMultistatus('<html><body>Forbidden</body></html>', '/')).toBeUndefined()
    expect(await parseMultistatus('not xml at all <<<', '/')).toBeUndefined()
  })
})
