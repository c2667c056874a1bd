import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { parse } from 'yaml'
import { INPUT_DEFAULTS, InputError } from '../src/inputs.js'
import { RetryableStatus, backoffMs, isTransient, retry, retryAfterMs } from '../src/net/retry.js'
import { assemble } from '../src/oci/assemble.js'
import { parseChallenge } from '../src/oci/auth.js'
import { loadDockerCredentials } from '../src/oci/credentials.js'
import { MediaType, type LocalImage } from '../src/oci/image.js'
import {
  CONTAINER_INPUT_DEFAULTS,
  parseImageEntry,
  readContainerInputs
} from '../src/oci/inputs.js'
import { apiBase, parseRepository } from '../src/oci/repository.js'
import { archTags, imageTags } from '../src/oci/tags.js'
import { indexTar } from '../src/oci/tar-index.js'
import { release } from './support/containers-context.js'

const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 }

describe('retry policy', () => {
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['', undefined],
    ['soon', undefined]
  ])('reads Retry-After %j', (header, ms) => {
    expect(retryAfterMs(header)).toBe(ms)
  })

  it('reads an HTTP-date Retry-After against now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000)
  })

  it('honours Retry-After, capped at the longest wait', () => {
    expect(backoffMs(policy, 1, new RetryableStatus(429, 'u', '0'))).toBe(0)
    expect(backoffMs(policy, 1, new RetryableStatus(429, 'u', '3600'))).toBe(1000)
  })

  it('backs off exponentially with full jitter otherwise', () => {
    const top = () => 1
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(policy, a, new Error('x'), top))).toEqual([
      100, 200, 400, 800, 1000
    ])
    expect(backoffMs(policy, 3, new Error('x'), () => 0)).toBe(0)
  })

  it('knows which failures are worth another attempt', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })
    expect(isTransient(reset)).toBe(true)
    expect(isTransient(new Error('wrapped', { cause: reset }))).toBe(true)
    expect(isTransient(new RetryableStatus(503, 'u'))).toBe(true)
    expect(isTransient(new Error('manifest invalid'))).toBe(false)
  })

  it('retries transient failures and gives up after the attempts', async () => {
    const waits: number[] = []
    let calls = 0
    const flaky = retry(
      async () => {
        calls++
        if (calls < 3) throw new RetryableStatus(503, 'u', '0')
        return 'done'
      },
      { policy, sleep: async (ms) => void waits.push(ms) }
    )
    await expect(flaky).resolves.toBe('done')
    expect(waits).toEqual([0, 0])

    calls = 0
    const always = retry(
      async () => {
        calls++
        throw new RetryableStatus(502, 'u', '0')
      },
      { policy, sleep: async () => undefined }
    )
    await expect(always).rejects.toThrow(/502/)
    expect(calls).toBe(4)
  })

  it('does not retry a failure another attempt cannot cure', async () => {
    let calls = 0
    await expect(
      retry(
        async () => {
          calls++
          throw new Error('400 manifest invalid')
        },
        { policy, sleep: async () => undefined }
      )
    ).rejects.toThrow(/manifest invalid/)
    expect(calls).toBe(1)
  })

  it('gives up when aborted: the wait for the next attempt ends, and no attempt follows', async () => {
    const cancel = new AbortController()
    let calls = 0
    const retrying = retry(
      async () => {
        calls++
        // An hour's wait (Retry-After), cut short by the abort below.
        throw new RetryableStatus(503, 'u', '3600')
      },
      { policy: { ...policy, maxDelayMs: 3_600_000 }, signal: cancel.signal }
    )
    await new Promise((resolve) => setImmediate(resolve))
    cancel.abort(new Error('another check failed the run'))
    await expect(retrying).rejects.toThrow('another check failed the run')
    expect(calls).toBe(1)
    await expect(retry(async () => calls++, { policy, signal: cancel.signal })).rejects.toThrow(
      'another check failed the run'
    )
    expect(calls).toBe(1)
  })
})

describe('WWW-Authenticate challenges', () => {
  it('parses a Bearer challenge', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:falcosecurity/falco:pull,push"'
      )
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:falcosecurity/falco:pull,push'
      }
    })
  })

  it('parses a Basic challenge', () => {
    expect(parseChallenge('Basic realm="test-registry"')).toEqual({
      scheme: 'basic',
      params: { realm: 'test-registry' }
    })
  })
})

describe('repositories', () => {
  it.each([
    ['docker.io/falcosecurity/falco', 'docker.io', 'registry-1.docker.io', 'falcosecurity/falco'],
    ['falcosecurity/falco', 'docker.io', 'registry-1.docker.io', 'falcosecurity/falco'],
    ['alpine', 'docker.io', 'registry-1.docker.io', 'library/alpine'],
    [
      'index.docker.io/falcosecurity/falco',
      'docker.io',
      'registry-1.docker.io',
      'falcosecurity/falco'
    ],
    [
      'public.ecr.aws/falcosecurity/falco',
      'public.ecr.aws',
      'public.ecr.aws',
      'falcosecurity/falco'
    ],
    ['127.0.0.1:5000/falco', '127.0.0.1:5000', '127.0.0.1:5000', 'falco'],
    ['localhost/a/b/c', 'localhost', 'localhost', 'a/b/c']
  ])('%s', (input, registry, apiHost, repoPath) => {
    expect(parseRepository(input)).toMatchObject({ registry, apiHost, path: repoPath })
  })

  it.each([
    ['docker.io/falcosecurity/falco:latest', /no tag/],
    ['https://ghcr.io/x/y', /without a scheme/],
    ['ghcr.io/Falco/Falco', /not a valid path component/],
    ['docker.io/x@sha256:abc', /no digest/],
    ['', /empty/]
  ])('rejects %j', (input, message) => {
    expect(() => parseRepository(input)).toThrow(message)
  })

  it('speaks plain HTTP only to loopback and insecure registries', () => {
    expect(apiBase(parseRepository('127.0.0.1:5000/x'), [])).toBe('http://127.0.0.1:5000')
    expect(apiBase(parseRepository('localhost:5000/x'), [])).toBe('http://localhost:5000')
    expect(apiBase(parseRepository('registry.lan:5000/x'), [])).toBe('https://registry.lan:5000')
    expect(apiBase(parseRepository('registry.lan:5000/x'), ['registry.lan:5000'])).toBe(
      'http://registry.lan:5000'
    )
    expect(apiBase(parseRepository('falcosecurity/falco'), [])).toBe('https://registry-1.docker.io')
  })
})

describe('image tags from the release', () => {
  const options = { devTag: 'master', extraTags: [] as string[] }
  it.each([
    ['dev', options, ['master']],
    ['stable', options, ['0.40.0', 'latest']],
    ['stable-old', options, ['0.39.3']],
    ['prerelease', options, ['0.41.0-rc1']],
    ['none', options, []],
    [
      'stable',
      { devTag: 'master', extraTags: ['{{major}}.{{minor}}', '{{version}}'] },
      ['0.40.0', '0.40', 'latest']
    ],
    ['prerelease', { devTag: 'master', extraTags: ['{{major}}.{{minor}}'] }, ['0.41.0-rc1']],
    ['dev', { devTag: 'main', extraTags: ['{{major}}'] }, ['main']]
  ] as const)('%s with %j -> %j', (kind, opts, tags) => {
    expect(
      imageTags(release(kind), { devTag: opts.devTag, extraTags: [...opts.extraTags] })
    ).toEqual(tags)
  })

  const variant = { devTag: 'master', extraTags: ['{{major}}.{{minor}}'], variant: 'debian' }
  it.each([
    ['dev', ['master-debian']],
    ['stable', ['0.40.0-debian', '0.40-debian', 'latest-debian']],
    ['stable-old', ['0.39.3-debian', '0.39-debian']],
    ['prerelease', ['0.41.0-rc1-debian']],
    ['none', []]
  ] as const)('a debian variant of %s gets %j and never a bare tag', (kind, tags) => {
    expect(imageTags(release(kind), variant)).toEqual(tags)
  })

  it("names per-arch tags after Falco's architectures, from the primary tag only", () => {
    const platforms = [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm64' },
      { os: 'linux', architecture: 'arm', variant: 'v7' }
    ]
    expect(archTags('0.40.0-debian', platforms)).toEqual([
      'x86_64-0.40.0-debian',
      'aarch64-0.40.0-debian',
      'armv7-0.40.0-debian'
    ])
    expect(() =>
      archTags('master', [
        { os: 'linux', architecture: 'amd64' },
        { os: 'windows', architecture: 'amd64' }
      ])
    ).toThrow(/input 'image-arch-tags'.*x86_64-master/)
  })

  it('rejects a variant that cannot be part of a tag, naming the input', () => {
    const get = (values: Record<string, string>) => (name: string) => values[name] ?? ''
    expect(() => readContainerInputs(get({ 'image-variant': '-debian' }))).toThrow(
      /input 'image-variant'/
    )
    expect(readContainerInputs(get({ 'image-variant': 'buster' })).variant).toBe('buster')
  })

  it('rejects an unknown template field, naming the input', () => {
    expect(() =>
      imageTags(release('stable'), { devTag: 'master', extraTags: ['{{branch}}'] })
    ).toThrow(/input 'image-extra-tags'.*\{\{branch\}\}/)
  })
})

describe('container inputs', () => {
  it.each([
    ['oci:build/falco', { transport: 'oci', path: 'build/falco' }],
    ['oci:build/falco:0.40.0', { transport: 'oci', path: 'build/falco', ref: '0.40.0' }],
    [
      'linux/arm64=oci:out/arm64',
      { transport: 'oci', path: 'out/arm64', platform: { os: 'linux', architecture: 'arm64' } }
    ],
    [
      'linux/arm/v7=oci-archive:falco.tar',
      {
        transport: 'oci-archive',
        path: 'falco.tar',
        platform: { os: 'linux', architecture: 'arm', variant: 'v7' }
      }
    ],
    [
      'docker-archive:falco.tar:falcosecurity/falco:x',
      { transport: 'docker-archive', path: 'falco.tar', ref: 'falcosecurity/falco:x' }
    ],
    [
      'docker-daemon:falcosecurity/falco:master',
      { transport: 'docker-daemon', path: 'falcosecurity/falco:master' }
    ]
  ])('parses %j', (line, expected) => {
    expect(parseImageEntry(line)).toMatchObject(expected)
  })

  it.each([
    ['docker://falcosecurity/falco', /skopeo's transport names/],
    ['linux=oci:x', /not a platform/],
    ['oci:', /no location/],
    ['oci:dir:', /empty reference/]
  ])('rejects %j naming the input', (line, message) => {
    expect(() => parseImageEntry(line)).toThrow(InputError)
    expect(() => parseImageEntry(line)).toThrow(message)
  })

  const get = (values: Record<string, string>) => (name: string) => values[name] ?? ''

  it('reads nothing into an empty set of inputs', () => {
    expect(readContainerInputs(get({}))).toEqual({
      images: [],
      repositories: [],
      mountFrom: [],
      devTag: 'master',
      extraTags: [],
      insecureRegistries: [],
      concurrency: 4,
      overwrite: false,
      variant: '',
      archTags: false,
      cosignPrivateKey: '',
      cosignPassword: '',
      sign: 'auto'
    })
  })

  it('normalises image-mount-from and names it when a repository is malformed', () => {
    const inputs = readContainerInputs(
      get({
        images: 'oci:x',
        'image-repositories': 'falcosecurity/falco',
        'image-mount-from': 'falcosecurity/falco-no-driver\nquay.io/falco/base'
      })
    )
    expect(inputs.mountFrom).toEqual([
      'docker.io/falcosecurity/falco-no-driver',
      'quay.io/falco/base'
    ])
    expect(() =>
      readContainerInputs(
        get({
          images: 'oci:x',
          'image-repositories': 'falcosecurity/falco',
          'image-mount-from': 'Bad Name'
        })
      )
    ).toThrow(/input 'image-mount-from'/)
  })

  it('normalises repositories and rejects bad ones before anything runs', () => {
    const inputs = readContainerInputs(
      get({
        images: 'oci:x',
        'image-repositories': 'falcosecurity/falco\npublic.ecr.aws/falcosecurity/falco'
      })
    )
    expect(inputs.repositories).toEqual([
      'docker.io/falcosecurity/falco',
      'public.ecr.aws/falcosecurity/falco'
    ])
    expect(() =>
      readContainerInputs(get({ images: 'oci:x', 'image-repositories': 'x:latest' }))
    ).toThrow(/input 'image-repositories'/)
    expect(() => readContainerInputs(get({ images: 'oci:x' }))).toThrow(
      /input 'image-repositories'.*no repository/
    )
    expect(() => readContainerInputs(get({ 'image-repositories': 'a/b' }))).toThrow(
      /input 'images'/
    )
    expect(() => readContainerInputs(get({ 'image-dev-tag': 'not a tag' }))).toThrow(
      /input 'image-dev-tag'/
    )
    expect(() => readContainerInputs(get({ 'cosign-private-key': 'x' }))).toThrow(
      /input 'cosign-private-key'.*no image to sign/
    )
    expect(() => readContainerInputs(get({ 'image-concurrency': '0' }))).toThrow(
      /input 'image-concurrency'/
    )
  })

  it('has the same defaults as the action inputs', () => {
    for (const [name, value] of Object.entries(CONTAINER_INPUT_DEFAULTS)) {
      expect([name, (INPUT_DEFAULTS as Record<string, string>)[name]]).toEqual([name, value])
    }
  })

  it('declares every input, with its default, and the images output in action.yml', () => {
    const snippet = parse(
      readFileSync(path.join(import.meta.dirname, '../action.yml'), 'utf8')
    ) as {
      inputs: Record<string, { description: string; default?: string }>
      outputs: Record<string, { description: string }>
    }
    const defaults = Object.fromEntries(
      Object.entries(snippet.inputs)
        .filter(([name]) => name in CONTAINER_INPUT_DEFAULTS)
        .map(([name, input]) => [name, input.default ?? ''])
    )
    expect(defaults).toEqual(CONTAINER_INPUT_DEFAULTS)
    expect(Object.keys(snippet.outputs)).toContain('images')
  })
})

describe('Docker config credentials', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'docker-config-'))
  const file = path.join(dir, 'config.json')
  const b64 = (s: string) => Buffer.from(s).toString('base64')

  it('finds credentials as docker/login-action writes them, Docker Hub included', async () => {
    writeFileSync(
      file,
      JSON.stringify({
        auths: {
          'https://index.docker.io/v1/': { auth: b64('hubuser:hub:pass') },
          'public.ecr.aws': { auth: b64('AWS:token') },
          'https://ghcr.io': { username: 'gh', password: 'ghp' }
        }
      })
    )
    const lookup = await loadDockerCredentials(file)
    expect(lookup('docker.io')).toEqual({ username: 'hubuser', password: 'hub:pass' })
    expect(lookup('public.ecr.aws')).toEqual({ username: 'AWS', password: 'token' })
    expect(lookup('ghcr.io')).toEqual({ username: 'gh', password: 'ghp' })
    expect(lookup('quay.io')).toBeUndefined()
  })

  it('treats a missing config as no credentials, and a broken one as an error naming the file', async () => {
    expect(
      (await loadDockerCredentials(path.join(dir, 'absent.json')))('docker.io')
    ).toBeUndefined()
    writeFileSync(file, '{ not json')
    await expect(loadDockerCredentials(file)).rejects.toThrow(file)
  })
})

describe('multi-platform assembly', () => {
  const image = (arch: string, mediaType: string = MediaType.ociManifest): LocalImage => {
    const bytes = Buffer.from(JSON.stringify({ arch }))
    return {
      source: `oci:${arch}`,
      platform: { os: 'linux', architecture: arch },
      manifest: { bytes, mediaType, digest: `sha256:${arch.padEnd(64, '0')}` },
      blobs: [],
      open: () => () => {
        throw new Error('not opened in this test')
      }
    }
  }

  it('tags a single image directly', () => {
    const one = image('amd64')
    expect(assemble([one]).top).toBe(one.manifest)
  })

  it('joins platforms into an OCI index, or a Docker list when all are Docker manifests', () => {
    const oci = assemble([image('amd64'), image('arm64')])
    expect(oci.top.mediaType).toBe(MediaType.ociIndex)
    expect(
      JSON.parse(oci.top.bytes.toString()).manifests.map(
        (m: { platform: { architecture: string } }) => m.platform.architecture
      )
    ).toEqual(['amd64', 'arm64'])
    expect(
      assemble([image('amd64', MediaType.dockerManifest), image('arm64', MediaType.dockerManifest)])
        .top.mediaType
    ).toBe(MediaType.dockerList)
  })

  it('refuses two entries of the same platform', () => {
    expect(() => assemble([image('amd64'), image('amd64')])).toThrow(/both linux\/amd64/)
  })
})

describe('tar index', () => {
  it('locates every file, long names included, so ranges read their bytes', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tar-index-'))
    const long = `${'d'.repeat(60)}/${'e'.repeat(60)}/layer.tar`
    mkdirSync(path.join(dir, 'src', path.dirname(long)), { recursive: true })
    writeFileSync(path.join(dir, 'src', long), 'layer bytes')
    writeFileSync(path.join(dir, 'src', 'manifest.json'), '[]')
    writeFileSync(path.join(dir, 'src', 'empty'), '')
    for (const format of ['gnu', 'pax', 'ustar']) {
      const archive = path.join(dir, `${format}.tar`)
      execFileSync('tar', ['--format', format, '-cf', archive, '-C', path.join(dir, 'src'), '.'])
      const entries = await indexTar(archive)
      const bytes = readFileSync(archive)
      const read = (name: string) => {
        const e = entries.get(name)!
        return bytes.subarray(e.offset, e.offset + e.size).toString()
      }
      expect([format, read(long), read('manifest.json'), entries.get('empty')?.size]).toEqual([
        format,
        'layer bytes',
        '[]',
        0
      ])
    }
  })

  it('says a file is not a tar archive', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tar-index-')), 'x.tar')
    writeFileSync(file, Buffer.alloc(2048, 7))
    await expect(indexTar(file)).rejects.toThrow(`${file}: not a tar archive`)
  })
})
