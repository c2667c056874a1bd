/**
 * What resumable digests save on a publish that appends one package to a large apt index:
 * MD5, SHA256 and SHA512 of a file made of a large prefix (the kept segments), a 1 KiB part (the
 * new segment) and a 100-byte tail (xz index and footer), computed
 * - by node:crypto over the whole file (the anchor: what `indexDigests` does today);
 * - by `resumeDigests` from the state saved after the prefix, hashing only the part and tail;
 * - by `resumeDigests` from nothing over the whole file (a first publish, or a state that cannot
 *   be resumed), to show what hash-wasm costs against node:crypto on the same bytes.
 * Also the first call of a process, which imports hash-wasm and compiles its WebAssembly: here,
 * where node loads hash-wasm's UMD build with every algorithm, and in a fresh process from a
 * rollup bundle of the module made as dist/ is (hash-wasm's ESM build, tree-shaken to the three
 * hashes), which is what a publish pays. Prints medians and anchor/ours ratios; asserts nothing:
 *
 *   npx tsx bench/digest-state.ts [prefix-MB=9] [runs=30]
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import commonjsPlugin from '@rollup/plugin-commonjs'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import typescriptPlugin from '@rollup/plugin-typescript'
import { rollup } from 'rollup'

// The plugins' types are CommonJS-shaped under NodeNext (the default import typed as the whole
// module), while node loads their ES build, whose default import is the plugin itself.
const plugin = <F>(m: { default: F }): F => (typeof m === 'function' ? (m as F) : m.default)
const typescript = plugin(typescriptPlugin)
const commonjs = plugin(commonjsPlugin)
import { resumeDigests } from '../src/repo/segmented/digest-state.js'

const prefixMB = Number(process.argv[2] ?? 9)
const runs = Number(process.argv[3] ?? 30)

/** Packages-like text, so the bytes look like what is hashed in production (hashing speed is not data-dependent). */
function packagesText(bytes: number): Buffer {
  const stanzas: string[] = []
  let length = 0
  for (let i = 0; length < bytes; i++) {
    const s = `Package: falco-plugin-${i % 17}\nVersion: 0.${30 + (i % 12)}.${i % 7}-${i}\nArchitecture: amd64\nFilename: pool/main/f/falco/falco-${i}.deb\nSize: ${40000 + i}\nSHA256: ${createHash('sha256').update(`${i}`).digest('hex')}\nDescription: Falco plugin ${i}\n\n`
    stanzas.push(s)
    length += s.length
  }
  return Buffer.from(stanzas.join('')).subarray(0, bytes)
}

const prefix = packagesText(prefixMB * 1_000_000)
const part = packagesText(1024)
const tail = Buffer.alloc(100, 0x5a)

const ms = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e6

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function measure(run: () => unknown): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    await run()
    samples.push(ms(start))
  }
  return median(samples)
}

function nodeCrypto(): string[] {
  return ['md5', 'sha256', 'sha512'].map((algo) =>
    createHash(algo).update(prefix).update(part).update(tail).digest('hex')
  )
}

// The first call of the process: a tiny file, so what is timed is loading hash-wasm.
let start = process.hrtime.bigint()
await resumeDigests(undefined, [Buffer.from('x')])
const firstCall = ms(start)

start = process.hrtime.bigint()
const saved = (await resumeDigests(undefined, [prefix])).states[0]
const savePrefix = ms(start)

const resumed = await resumeDigests(saved, [part], tail)
const want = nodeCrypto()
const got = resumed && [resumed.digests.md5, resumed.digests.sha256, resumed.digests.sha512]
if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error('resumed digests disagree')

const anchor = await measure(nodeCrypto)
const resume = await measure(() => resumeDigests(saved, [part], tail))
const scratch = await measure(() => resumeDigests(undefined, [prefix, part], tail))

const bundled = await firstCallBundled()

const file = prefix.length + part.length + tail.length
const line = (what: string, t: number, ratio?: string): void =>
  console.log(`${what.padEnd(58)} ${t.toFixed(3).padStart(9)} ms${ratio ? `  ${ratio}` : ''}`)
console.log(
  `file: ${file} bytes = ${prefix.length} prefix + ${part.length} part + ${tail.length} tail; median of ${runs}; state ${saved.state.length} chars`
)
line('node:crypto md5+sha256+sha512, whole file (anchor)', anchor)
line(
  'resumeDigests from the prefix state (part + tail)',
  resume,
  `anchor/ours ${(anchor / resume).toFixed(0)}x`
)
line(
  'resumeDigests from nothing, whole file (hash-wasm)',
  scratch,
  `anchor/ours ${(anchor / scratch).toFixed(2)}x`
)
line('first call in a process (import + compile hash-wasm), once', firstCall)
line('saving the prefix state, once (whole prefix, hash-wasm)', savePrefix)
line('first call in a fresh process, bundled as dist/ bundles it', bundled.total)
line('  of which importing the bundled module (not hash-wasm)', bundled.imported)

/**
 * Over 5 fresh processes, each importing a rollup bundle of the module: the median time to the
 * end of the first call, and of that the import of the module itself (hash-wasm is imported in
 * the call).
 */
async function firstCallBundled(): Promise<{ total: number; imported: number }> {
  const root = fileURLToPath(new URL('..', import.meta.url))
  const dir = await mkdtemp(path.join(tmpdir(), 'digest-state-bench-'))
  try {
    const bundle = await rollup({
      input: path.join(root, 'src/repo/segmented/digest-state.ts'),
      // As rollup.config.js has it.
      treeshake: {
        moduleSideEffects: (id) => !/node_modules\/(undici|@actions\/http-client)\//.test(id)
      },
      plugins: [
        typescript({
          tsconfig: path.join(root, 'tsconfig.json'),
          include: ['src/**/*.ts'],
          noEmit: false,
          outDir: dir
        }),
        nodeResolve({ preferBuiltins: true, exportConditions: ['node'] }),
        commonjs()
      ]
    })
    const { output } = await bundle.write({
      dir,
      format: 'es',
      entryFileNames: 'digest-state.mjs',
      chunkFileNames: '[name].mjs'
    })
    await bundle.close()
    const sizes = output.map((c) => `${c.fileName} ${c.type === 'chunk' ? c.code.length : 0} B`)
    console.log(`bundle of the module: ${sizes.join(', ')}`)
    const entry = new URL(`file://${path.join(dir, 'digest-state.mjs')}`).href
    const script = `
      const start = performance.now()
      const { resumeDigests } = await import(${JSON.stringify(entry)})
      const imported = performance.now()
      await resumeDigests(undefined, [new Uint8Array([120])])
      console.log(JSON.stringify([performance.now() - start, imported - start]))`
    const samples: number[] = []
    const imports: number[] = []
    for (let i = 0; i < 5; i++) {
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
        encoding: 'utf8'
      })
      if (run.status !== 0) throw new Error(`bundled first call failed: ${run.stderr}`)
      const [total, imported] = JSON.parse(run.stdout) as number[]
      samples.push(total)
      imports.push(imported)
    }
    return { total: median(samples), imported: median(imports) }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
