import { describe, expect, it } from '@jest/globals'
import { InputError, inputSecrets, readInputs } from '../src/inputs.js'
import { HttpStore } from '../src/store/http.js'
import { openStore } from '../src/store/open.js'
import { S3Store } from '../src/store/s3.js'

function recordingLog() {
  const secrets: string[] = []
  const lines: string[] = []
  return {
    secrets,
    lines,
    log: {
      info: (m: string) => void lines.push(m),
      debug: (m: string) => void lines.push(m),
      warning: (m: string) => void lines.push(m),
      secret: (s: string) => void secrets.push(s)
    }
  }
}

describe('openStore for remote stores', () => {
  it('opens an S3 store with its bucket and prefix, and masks the AWS secrets of the environment', () => {
    const { log, secrets, lines } = recordingLog()
    const saved = process.env.AWS_SECRET_ACCESS_KEY
    process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    try {
      const store = openStore(new URL('s3://falco-distribution/packages'), {
        log,
        inputs: { s3Region: 'eu-west-1', s3Endpoint: '', s3ForcePathStyle: false }
      })
      expect(store).toBeInstanceOf(S3Store)
      expect(store.location).toBe('s3://falco-distribution/packages')
      expect(store.url('deb/stable/falco.deb')).toBe(
        'https://falco-distribution.s3.eu-west-1.amazonaws.com/packages/deb/stable/falco.deb'
      )
      expect(secrets).toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')
      expect(lines.join('\n')).not.toContain('wJalrXUtnFEMI')
    } finally {
      if (saved === undefined) delete process.env.AWS_SECRET_ACCESS_KEY
      else process.env.AWS_SECRET_ACCESS_KEY = saved
    }
  })

  it('refuses credentials written into an s3 URL, without repeating them', () => {
    const attempt = (): unknown => openStore(new URL('s3://AKIAEXAMPLE:topsecret@bucket/p'))
    expect(attempt).toThrow(InputError)
    expect(attempt).toThrow(/input 'store'.*AWS environment/)
    expect(attempt).not.toThrow(/topsecret|AKIAEXAMPLE/)
  })

  it('opens an https store with Basic or Bearer credentials, masked, and a clean location', () => {
    const { log, secrets } = recordingLog()
    const store = openStore(new URL('https://repo.example.org/artifactory/falco/'), {
      log,
      inputs: { storeUsername: 'ci', storePassword: 'hunter2-long', storeToken: '' }
    })
    expect(store).toBeInstanceOf(HttpStore)
    expect(store.location).toBe('https://repo.example.org/artifactory/falco')
    expect(secrets).toEqual(['hunter2-long'])
    const inUrl = openStore(new URL('https://ci:pa%2Fss@repo.example.org/raw/'), { log })
    expect(inUrl.location).toBe('https://repo.example.org/raw')
    expect(secrets).toContain('pa/ss')
  })

  it('accepts http only on loopback, where nothing crosses a network', () => {
    expect(openStore(new URL('http://127.0.0.1:8080/dav/'))).toBeInstanceOf(HttpStore)
    expect(() => openStore(new URL('http://repo.example.org/dav/'))).toThrow(
      /input 'store'.*use https:\/\//
    )
  })
})

describe('remote store inputs', () => {
  const source = (values: Record<string, string>) => (name: string) => values[name]

  it('reads the s3 and http store inputs with their defaults', () => {
    const inputs = readInputs(source({}))
    expect(inputs).toMatchObject({
      s3Endpoint: '',
      s3Region: '',
      s3ForcePathStyle: false,
      cdnInvalidate: '',
      storeUsername: '',
      storePassword: '',
      storeToken: ''
    })
    expect(
      readInputs(
        source({
          's3-endpoint': 'http://127.0.0.1:9000',
          's3-force-path-style': 'true',
          'cdn-invalidate': 'E2QWRUHAPOMQZL'
        })
      )
    ).toMatchObject({
      s3Endpoint: 'http://127.0.0.1:9000/',
      s3ForcePathStyle: true,
      cdnInvalidate: 'E2QWRUHAPOMQZL'
    })
  })

  it('rejects a bad endpoint or distribution id naming the input', () => {
    expect(() => readInputs(source({ 's3-endpoint': 'minio:9000' }))).toThrow(/input 's3-endpoint'/)
    expect(() => readInputs(source({ 's3-endpoint': 'https://key:secret@r2.example' }))).toThrow(
      /input 's3-endpoint'.*without credentials/
    )
    expect(() => readInputs(source({ 'cdn-invalidate': 'my distribution' }))).toThrow(
      /input 'cdn-invalidate'/
    )
  })

  it('lists every secret input, and a password inside the store URL', () => {
    const inputs = readInputs(
      source({
        'github-token': 'ghs_token',
        'store-password': 'pw',
        'store-token': 'tok',
        store: 'https://u:p%40ss@host/x'
      })
    )
    expect(inputSecrets(inputs)).toEqual(['ghs_token', 'pw', 'tok', 'p%40ss', 'p@ss'])
  })
})

describe('public-url with remote stores', () => {
  it('names published objects by the public URL when one is given', () => {
    const s3 = openStore(new URL('s3://falco-distribution/root'), {
      baseUrl: 'https://download.falco.org/'
    })
    expect(s3.url('packages/bin/x86_64/falco-0.41.0+1-x86_64.tar.gz')).toBe(
      'https://download.falco.org/packages/bin/x86_64/falco-0.41.0%2B1-x86_64.tar.gz'
    )
    const dav = openStore(new URL('https://upload.example.org/dav/falco/'), {
      baseUrl: 'https://download.example.org/falco'
    })
    expect(dav.url('packages/rpm/falco.repo')).toBe(
      'https://download.example.org/falco/packages/rpm/falco.repo'
    )
  })
})
