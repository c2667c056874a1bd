import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { syntheticDeb } from './support/synthetic-deb.js'

// A bulk import opens its package files a few at a time: planning more packages than the
// process may hold open files must work (it failed with EMFILE when every file was opened at
// once). The plan runs in a child process under `ulimit -n`, the real limit, counted by the kernel.
describe('planning a bulk import', () => {
  it('parses more packages than the open-file limit allows at once', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'falco-publish-nofile-'))
    try {
      const ws = path.join(dir, 'ws')
      await mkdir(ws)
      const count = 400
      for (let i = 0; i < count; i++) {
        const name = `bulk${String(i).padStart(4, '0')}`
        await writeFile(path.join(ws, `${name}_1.0.0_amd64.deb`), syntheticDeb(name, '1.0.0'))
      }
      const worker = path.join('__tests__', 'store', 'plan-worker.ts')
      const limit = 128 // node, tsx and its esbuild service need some; far fewer than 400
      const run = spawnSync(
        'sh',
        [
          '-c',
          `ulimit -n ${limit} && exec "$0" --import tsx "$@"`,
          process.execPath,
          worker,
          path.join(dir, 'store'),
          ws,
          path.join(dir, 'work')
        ],
        { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', NODE_NO_WARNINGS: '1' } }
      )
      expect(run.stderr).not.toMatch(/EMFILE/)
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' })
      // Every package is to be put, plus the index of the repository.
      const { puts } = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { puts: number }
      expect(puts).toBeGreaterThanOrEqual(count)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
