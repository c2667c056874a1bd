import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { PassThrough } from 'node:stream'
import { FileStore, STATE_DIR } from '../src/store/file.js'
import { read } from './store/conformance.js'

// Real OS processes on one FileStore directory: the precondition must hold between them, not
// only between promises of one process.
const REPO = process.cwd()
const WORKER = path.join(REPO, '__tests__', 'store', 'cas-worker.ts')
const LOCK_HOLDER = path.join(REPO, '__tests__', 'store', 'lock-holder.ts')
const STALLED_WRITER = path.join(REPO, '__tests__', 'store', 'stalled-writer.ts')
const KEY = 'counter/appends.json'

const WORKERS = 8
const APPENDS = 10

interface Done {
  done: string
  conflicts: number
}

describe('FileStore between processes', () => {
  let root: string

  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'falco-publish-procs-'))
  })

  afterEach(async () => {
    await rm(root, { recursive: true, force: true })
  })

  /** Starts the workers, waits until all are ready, releases them at once, and waits for all. */
  async function race(mode: 'cas' | 'blind', delayMs: number): Promise<Done[]> {
    const children: ChildProcess[] = []
    const finished: Promise<Done>[] = []
    const ready: Promise<void>[] = []
    for (let i = 0; i < WORKERS; i++) {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', WORKER, root, `w${i}`, mode, String(APPENDS), String(delayMs)],
        { cwd: REPO, stdio: ['ignore', 'inherit', 'pipe', 'ipc'] }
      )
      children.push(child)
      let stderr = ''
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      ready.push(
        new Promise((resolve) =>
          child.once('message', (m) => (m as { ready?: string }).ready && resolve())
        )
      )
      finished.push(
        new Promise((resolve, reject) => {
          let done: Done | undefined
          child.on('message', (m) => {
            if ((m as Done).done) done = m as Done
          })
          child.once('error', reject)
          child.once('exit', (code, signal) => {
            if (code === 0 && done) resolve(done)
            else
              reject(new Error(`worker w${i} (${mode}) exited with ${code ?? signal}: ${stderr}`))
          })
        })
      )
    }
    try {
      await Promise.race([
        Promise.all(ready),
        // A worker that dies before it is ready (tsx missing, a syntax error) fails the test here.
        Promise.all(finished).then(() =>
          Promise.reject(new Error('workers exited before they were ready'))
        )
      ])
      for (const child of children) child.send('go')
      return await Promise.all(finished)
    } finally {
      for (const child of children)
        if (child.exitCode === null && child.signalCode === null) child.kill()
    }
  }

  async function appended(): Promise<string[]> {
    const bytes = await read(new FileStore(root), KEY)
    if (!bytes) throw new Error(`${KEY} was never written`)
    return JSON.parse(bytes.toString()) as string[]
  }

  const everyAppend = Array.from({ length: WORKERS }, (_, w) =>
    Array.from({ length: APPENDS }, (_, n) => `w${w}:${n}`)
  ).flat()

  it('8 processes appending with compare-and-swap lose no update', async () => {
    const reports = await race('cas', 5)
    const list = await appended()
    expect([...list].sort()).toEqual([...everyAppend].sort())
    // Each process's own appends stay in its order.
    for (let w = 0; w < WORKERS; w++) {
      expect(list.filter((entry) => entry.startsWith(`w${w}:`))).toEqual(
        everyAppend.filter((entry) => entry.startsWith(`w${w}:`))
      )
    }
    // The processes did collide: without conflicts this test would not exercise the precondition.
    expect(reports.reduce((sum, report) => sum + report.conflicts, 0)).toBeGreaterThan(0)
    // Nothing left behind: no temp files, no locks, no drafts.
    expect(await readdir(path.join(root, STATE_DIR, 'tmp'))).toEqual([])
    expect(await readdir(path.join(root, STATE_DIR, 'locks'))).toEqual([])
  })

  it('control: the same processes without the precondition lose updates', async () => {
    // The window between read and write is widened so that losing is certain, not lucky.
    await race('blind', 20)
    const list = await appended()
    expect(list.length).toBeLessThan(everyAppend.length)
    // What remains is still well-formed: whole writes, never interleaved bytes.
    for (const entry of list) expect(everyAppend).toContain(entry)
  })

  it('a lock left by a process that died holding it does not block the next publish', async () => {
    const store = new FileStore(root, { lock: { staleMs: 3_600_000, timeoutMs: 60_000 } })
    const { etag } = await store.put(KEY, '[]')
    const holder = spawn(process.execPath, ['--import', 'tsx', LOCK_HOLDER, root, KEY], {
      cwd: REPO,
      stdio: ['ignore', 'inherit', 'inherit']
    })
    const signal = await new Promise((resolve) => holder.once('exit', (_code, sig) => resolve(sig)))
    expect(signal).toBe('SIGKILL')
    const locks = await readdir(path.join(root, STATE_DIR, 'locks'))
    expect(locks.filter((name) => name.endsWith('.lock'))).toHaveLength(1)
    // staleMs is an hour: only noticing that the owner pid is gone can free the lock.
    await store.put(KEY, '["after"]', { precondition: { ifMatch: etag } })
    expect((await read(store, KEY))?.toString()).toBe('["after"]')
    expect(await readdir(path.join(root, STATE_DIR, 'locks'))).toEqual([])
  })

  it('the temporary file of a run killed mid-write is collected by the next one, not one being written', async () => {
    const tmp = path.join(root, STATE_DIR, 'tmp')
    const writer = spawn(process.execPath, ['--import', 'tsx', STALLED_WRITER, root, KEY], {
      cwd: REPO,
      stdio: ['ignore', 'inherit', 'inherit']
    })
    const signal = await new Promise((resolve) => writer.once('exit', (_code, sig) => resolve(sig)))
    expect(signal).toBe('SIGKILL')
    const left = await readdir(tmp)
    expect(left).toHaveLength(1)
    // A write under way in another store object (this process, alive) is not touched.
    const body = new PassThrough()
    const underWay = new FileStore(root).put('other.bin', body)
    body.write('part')
    await new Promise((resolve) => setTimeout(resolve, 20))
    const ours = (await readdir(tmp)).filter((name) => !left.includes(name))
    expect(ours).toHaveLength(1)
    await new FileStore(root).put(KEY, 'next run')
    expect(await readdir(tmp)).toEqual(ours)
    body.end('rest')
    await underWay
    expect(await readdir(tmp)).toEqual([])
    expect((await read(new FileStore(root), 'other.bin'))?.toString()).toBe('partrest')
  })
})
