/**
 * A tarball is read once on its way to an HTTP store: the plan hashes only one whose name is
 * published already (to skip or refuse it); a new one is hashed as it is sent, from a few reused
 * buffers, and signed from that hash. What nginx stores and serves is checked as users check it:
 * curl, `sha256sum -c SHA256SUMS`, `gpg --verify`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { gzipSync } from 'node:zlib'
import { packagesStage } from '../src/stages/packages.js'
import { verifyStage } from '../src/stages/verify.js'
import { StageError } from '../src/plan.js'
import type { PackagesDetail } from '../src/stages/packages/admission.js'
import { HttpStore } from '../src/store/http.js'
import { generateTestKey, type TestKey } from './support/keys.js'
import { mustRun, requireTools, run } from './support/run.js'
import { startNginx, type RunningServer } from './support/servers.js'
import { context } from './support/stage-context.js'
import { tarHeader } from './support/tarball.js'

requireTools({ curl: 'curl', gpg: 'gnupg', sha256sum: 'coreutils' })

const MiB = 1024 * 1024
const NAME = 'falco-0.41.0-1-x86_64.tar.gz'
const DIR = 'packages/bin-dev/x86_64'

let nginx: RunningServer
let tmp: string
let gpgHome: string
let key: TestKey

beforeAll(async () => {
  nginx = await startNginx()
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tarball-upload-'))
  gpgHome = path.join(tmp, 'gnupg')
  await fs.mkdir(gpgHome, { mode: 0o700 })
  key = await generateTestKey('ecc')
  await fs.writeFile(path.join(tmp, 'key.asc'), key.armoredPublic)
  await mustRun('gpg', ['--homedir', gpgHome, '--batch', '--import', path.join(tmp, 'key.asc')])
})

afterAll(async () => {
  await nginx?.stop()
  if (tmp) await fs.rm(tmp, { recursive: true, force: true })
})

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

/** A gzip'd tar (stored, not compressed) of `size` random bytes: several 1 MiB reads. */
function tarball(size: number): Buffer {
  const body = randomBytes(size)
  const pad = Buffer.alloc((512 - (size % 512)) % 512)
  return gzipSync(
    Buffer.concat([tarHeader('falco/payload', size), body, pad, Buffer.alloc(1024)]),
    {
      level: 0
    }
  )
}

/** Downloads what nginx serves under `prefix` into a fresh folder, as a user would. */
async function download(prefix: string, names: string[]): Promise<string> {
  const dir = await fs.mkdtemp(path.join(tmp, 'client-'))
  for (const name of names)
    await mustRun('curl', ['-sSf', '-o', path.join(dir, name), `${nginx.url}/${prefix}/${name}`])
  return dir
}

async function gpgVerifies(dir: string, file: string): Promise<boolean> {
  const r = await run('gpg', ['--homedir', gpgHome, '--batch', '--verify', `${file}.asc`, file], {
    cwd: dir
  })
  return r.code === 0
}

describe('HttpStore sending a local file', () => {
  it('sends many chunks through reused buffers intact, and keeps the hash unfinished when asked', async () => {
    // Larger than what the socket and nginx take in at once, so buffers are read into again;
    // not a whole number of chunks, so the last read is short.
    const bytes = randomBytes(24 * MiB + 12_345)
    const file = path.join(tmp, 'chunks.bin')
    await fs.writeFile(file, bytes)
    const store = new HttpStore(new URL(`${nginx.url}/chunks/`))
    const put = await store.put('a/chunks.bin', createReadStream(file), { keepHash: true })
    expect({ size: put.size, sha256: put.sha256 }).toEqual({
      size: bytes.length,
      sha256: sha256(bytes)
    })
    expect(put.hashed!.copy().digest('hex')).toBe(sha256(bytes))
    // What nginx wrote to its disk, and what it serves back.
    expect(sha256(await fs.readFile(path.join(nginx.root, 'chunks/a/chunks.bin')))).toBe(
      sha256(bytes)
    )
    const served = await download('chunks/a', ['chunks.bin'])
    expect(sha256(await fs.readFile(path.join(served, 'chunks.bin')))).toBe(sha256(bytes))
    // The store's own read streams the same bytes back.
    const back = createHash('sha256')
    for await (const chunk of (await store.get('a/chunks.bin'))!) back.update(chunk as Buffer)
    expect(back.digest('hex')).toBe(sha256(bytes))
    // So does its digest, which keeps no chunk (the verify stage's read).
    expect(await store.digest('a/chunks.bin')).toEqual({
      sha256: sha256(bytes),
      size: bytes.length
    })
    expect(await store.digest('a/missing.bin')).toBeUndefined()

    // Given the sha256 (the plan read the file), the store does not hash: nothing to keep.
    const given = await store.put('a/given.bin', createReadStream(file), {
      sha256: sha256(bytes),
      keepHash: true
    })
    expect(given.hashed).toBeUndefined()
    expect(sha256(await fs.readFile(path.join(nginx.root, 'chunks/a/given.bin')))).toBe(
      sha256(bytes)
    )
  })
})

describe('a tarball published to nginx WebDAV', () => {
  const ws = (): string => path.join(tmp, 'ws')
  const ctxFor = async (channel: 'dev' | 'stable', inputs: Record<string, string> = {}) =>
    context({
      store: new HttpStore(new URL(`${nginx.url}/site/`)),
      workspace: ws(),
      workdir: path.join(tmp, 'work'),
      channel,
      version: '0.41.0-1',
      inputs: { packages: '**/*.tar.gz', 'gpg-private-key': key.armoredPrivate, ...inputs }
    })

  /** What users check: SHA256SUMS lists the served tarball, both signatures verify. */
  async function expectServedAsPublished(bytes: Buffer): Promise<void> {
    const names = ['SHA256SUMS', 'SHA256SUMS.asc', NAME, `${NAME}.asc`]
    const dir = await download(`site/${DIR}`, names)
    expect(sha256(await fs.readFile(path.join(dir, NAME)))).toBe(sha256(bytes))
    const check = await run('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir })
    expect(check).toMatchObject({ code: 0, stdout: `${NAME}: OK\n` })
    expect(await gpgVerifies(dir, NAME)).toBe(true)
    expect(await gpgVerifies(dir, 'SHA256SUMS')).toBe(true)
    const listing = JSON.parse(
      await fs.readFile(path.join(nginx.root, 'site/packages/bin-dev/index.json'), 'utf8')
    ) as { files: Array<{ path: string; sha256: string; size: number }> }
    expect(listing.files).toEqual([
      expect.objectContaining({
        path: `x86_64/${NAME}`,
        sha256: sha256(bytes),
        size: bytes.length
      })
    ])
  }

  it('a new name is hashed by its upload, not by the plan; an other build of it by the plan', async () => {
    await fs.mkdir(path.join(ws(), 'build'), { recursive: true })
    const first = tarball(3 * MiB + 1000)
    await fs.writeFile(path.join(ws(), 'build', NAME), first)

    const ctx = await ctxFor('dev')
    const plan = await packagesStage.plan(ctx)
    expect(plan.operations[0]).toMatchObject({
      action: 'put',
      target: `${DIR}/${NAME}`,
      size: first.length
    })
    const planned = (plan.detail as PackagesDetail).tarballs
    expect(planned.map((t) => t.pkg.digests)).toEqual([undefined])
    const result = await packagesStage.apply(plan, ctx)
    expect(result.published.find((p) => p.path === `${DIR}/${NAME}`)).toMatchObject({
      kind: 'tarball',
      sha256: sha256(first),
      size: first.length
    })
    await expectServedAsPublished(first)

    // The same bytes again: the name is published, so the plan hashes it, and skips it.
    const again = await ctxFor('dev')
    const same = await packagesStage.plan(again)
    expect(same.operations[0]).toMatchObject({ action: 'skip', target: `${DIR}/${NAME}` })

    // Another build under the name (dev): hashed by the plan, sent and signed from that hash.
    const second = tarball(2 * MiB + 7)
    await fs.writeFile(path.join(ws(), 'build', NAME), second)
    const other = await ctxFor('dev')
    const replan = await packagesStage.plan(other)
    expect(replan.operations[0]).toMatchObject({ action: 'put', size: second.length })
    expect((replan.detail as PackagesDetail).tarballs[0].pkg.digests).toEqual({
      size: second.length,
      sha256: sha256(second)
    })
    await packagesStage.apply(replan, other)
    await expectServedAsPublished(second)
  })

  it('the verify stage reads the tarball back from nginx, and fails on one byte served otherwise', async () => {
    const work = path.join(tmp, 'flip')
    await fs.mkdir(path.join(work, 'build'), { recursive: true })
    // Several mebibytes and a part of one: many reads of the answer, the last one short.
    const bytes = tarball(4 * MiB + 333)
    await fs.writeFile(path.join(work, 'build', NAME), bytes)
    const at = (inputs: Record<string, string>) =>
      context({
        store: new HttpStore(new URL(`${nginx.url}/flip/`)),
        workspace: work,
        workdir: path.join(tmp, 'work'),
        channel: 'dev',
        version: '0.41.0-1',
        inputs: {
          packages: 'build/*.tar.gz',
          'gpg-private-key': key.armoredPrivate,
          'verify-timeout': '0',
          ...inputs
        }
      })
    const ctx = at({})
    const published = await packagesStage.apply(await packagesStage.plan(ctx), ctx)
    // Read back from the store itself (no public-url), and through nginx as a web server.
    const verifyThrough = async (publicUrl: string) => {
      const check = { ...at(publicUrl ? { 'public-url': publicUrl } : {}), results: [published] }
      return verifyStage.apply(await verifyStage.plan(check), check)
    }
    const urls = ['', `${nginx.url}/flip/`]
    for (const url of urls) expect((await verifyThrough(url)).failed).toEqual([])

    const file = path.join(nginx.root, 'flip', DIR, NAME)
    for (const offset of [bytes.length >> 1, bytes.length - 1]) {
      const flipped = Buffer.from(bytes)
      flipped[offset] ^= 0x80
      await fs.writeFile(file, flipped)
      for (const url of urls) {
        const error = await verifyThrough(url).then(
          () => undefined,
          (e: unknown) => e
        )
        expect(error).toBeInstanceOf(StageError)
        expect((error as StageError).result.failed.map((f) => f.target)).toEqual([
          `${nginx.url}/flip/${DIR}/${NAME}`
        ])
      }
    }
    await fs.writeFile(file, bytes)
    for (const url of urls) expect((await verifyThrough(url)).failed).toEqual([])
  })

  it('two tarballs of one name in a run are compared by their bytes', async () => {
    const dup = path.join(tmp, 'dup')
    for (const [dir, bytes] of [
      ['a', tarball(1000)],
      ['b', tarball(1000)]
    ] as const) {
      await fs.mkdir(path.join(dup, dir), { recursive: true })
      await fs.writeFile(path.join(dup, dir, NAME), bytes)
    }
    const ctx = context({
      store: new HttpStore(new URL(`${nginx.url}/dup/`)),
      workspace: dup,
      workdir: path.join(tmp, 'work'),
      channel: 'dev',
      version: '0.41.0-1',
      inputs: { packages: '*/*.tar.gz', 'gpg-private-key': key.armoredPrivate }
    })
    await expect(packagesStage.plan(ctx)).rejects.toThrow(
      `b/${NAME}: has the same file name as a/${NAME} but other bytes`
    )
    await fs.copyFile(path.join(dup, 'a', NAME), path.join(dup, 'b', NAME))
    const plan = await packagesStage.plan(ctx)
    expect(plan.operations.filter((o) => o.action === 'put' && o.target.endsWith(NAME))).toEqual([
      expect.objectContaining({ target: `${DIR}/${NAME}` })
    ])
    expect(ctx.log.lines).toContain(`b/${NAME}: the same file as a/${NAME}, published once`)
  })
})
