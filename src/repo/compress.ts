import { gzipSync } from 'node:zlib'
import { encodeXz } from './xz-encode.js'

/** Index compression for apt (`Packages.gz`, `Packages.xz`) and dnf (`*.xml.gz`). */
export function gzip(data: Uint8Array | string): Buffer {
  // mtime 0 in the gzip header (zlib's default): the same index always compresses to the same bytes.
  return gzipSync(typeof data === 'string' ? Buffer.from(data) : data, { level: 6 })
}

type Encoder = typeof import('node-liblzma/wasm')

// The encoder module and its WebAssembly (liblzma itself, ~107 KB) are loaded on the first call
// only, so a run that writes no Packages.xz never pays for them. The library keeps one
// initialised wasm instance for the process; this keeps one import of it.
let encoder: Promise<Encoder> | undefined

/**
 * Starts loading the encoder (its WebAssembly compiles on V8's background threads) while the
 * caller does other work, for a run that will write an .xz; a failure is left for `xz` to report.
 */
export function preloadXz(): void {
  loadEncoder().catch(() => {
    encoder = undefined // `xz` tries again, and reports its own failure
  })
}

function loadEncoder(): Promise<Encoder> {
  encoder ??= import('node-liblzma/wasm').then(async (lzma) => {
    await lzma.initModule()
    return lzma
  })
  return encoder
}

/**
 * An .xz stream of `data`, LZMA2-compressed by liblzma (compiled to WebAssembly: no native
 * code in the bundle), with a CRC64 check as the `xz` command writes by default, and the
 * preset's dictionary cut to the input's size (see xz-encode.ts). The same input and preset
 * always give the same bytes, which the by-hash copies of an index rely on.
 *
 * `preset` is xz's `-0` .. `-7`; 6 is xz's default. Presets 8 and 9 need 370 and 674 MiB of
 * encoder memory, more than the WebAssembly build can address, and are refused here by name
 * rather than failing inside liblzma with "Cannot allocate memory".
 */
export async function xz(data: Uint8Array | string, preset = 6): Promise<Buffer> {
  if (!Number.isInteger(preset) || preset < 0 || preset > 7) {
    throw new RangeError(`xz preset must be an integer from 0 to 7, got ${preset}`)
  }
  const input = typeof data === 'string' ? Buffer.from(data) : data
  let lzma: Encoder
  try {
    lzma = await loadEncoder()
  } catch (err) {
    encoder = undefined // a later call tries again rather than repeating a stale failure
    throw new Error(
      `cannot load the xz encoder (node-liblzma WebAssembly; in the bundle, liblzma.wasm beside its chunk): ${err instanceof Error ? err.message : String(err)}`,
      { cause: err }
    )
  }
  const out = encodeXz(lzma.getModule() as unknown as Parameters<typeof encodeXz>[0], input, preset)
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength)
}
