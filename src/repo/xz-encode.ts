/**
 * One xz stream from liblzma's WebAssembly build, with xz's preset settings but a dictionary no
 * larger than the input needs.
 *
 * Why not `lzma_easy_buffer_encode` (what `xzAsync` calls): a preset's dictionary is fixed (8 MiB
 * at -6), and liblzma sizes and zeroes its match finder's tables for it, about 94 MiB at -6, for
 * any input. A Packages index of a hundred packages is 60 KB: those tables cost more CPU than
 * compressing it, and the memory they take lingers for the rest of the run. With a dictionary
 * of the input's size the encoder finds the same matches (every byte is within reach either
 * way) and a decoder needs less memory too. Inputs larger than the preset's dictionary get the
 * preset unchanged.
 *
 * This calls `lzma_stream_buffer_encode` with one LZMA2 filter, so it writes `lzma_filter` and
 * `lzma_options_lzma` into the module's memory itself (wasm32: 4-byte pointers and size_t, the
 * 64-bit filter id aligned to 8). The values are those of liblzma's `lzma_lzma_preset`.
 */

/** What the bundled liblzma module exposes (Emscripten's exports). */
interface LzmaModule {
  HEAPU8: Uint8Array
  _malloc(size: number): number
  _free(ptr: number): void
  _lzma_stream_buffer_encode(
    filters: number,
    check: number,
    allocator: number,
    input: number,
    inSize: number,
    out: number,
    outPos: number,
    outSize: number
  ): number
}

const LZMA_OK = 0
const LZMA_CHECK_CRC64 = 4
const LZMA_FILTER_LZMA2 = 0x21n
const LZMA_VLI_UNKNOWN = 0xffff_ffff_ffff_ffffn
const LZMA_DICT_SIZE_MIN = 4096
const MODE_FAST = 1
const MODE_NORMAL = 2
const MF_HC3 = 0x03
const MF_HC4 = 0x04
const MF_BT4 = 0x14
/** sizeof(lzma_options_lzma) on wasm32: ten fields, then reserved ints, enums and pointers. */
const OPTIONS_SIZE = 80
/** Two lzma_filter entries (id, options), the second the list's end. */
const FILTERS_SIZE = 32

/** The LZMA2 settings of xz preset `level` (0..9, not extreme), as `lzma_lzma_preset` sets them. */
export function presetOptions(level: number) {
  const dictPow2 = [18, 20, 21, 22, 22, 23, 23, 24, 25, 26][level]
  const fast = level <= 3
  return {
    dictSize: 2 ** dictPow2,
    lc: 3,
    lp: 0,
    pb: 2,
    mode: fast ? MODE_FAST : MODE_NORMAL,
    niceLen: fast ? (level <= 1 ? 128 : 273) : level === 4 ? 16 : level === 5 ? 32 : 64,
    mf: fast ? (level === 0 ? MF_HC3 : MF_HC4) : MF_BT4,
    depth: fast ? [4, 8, 24, 48][level] : 0
  }
}

/** The dictionary `input` needs at `level`: the preset's, or the input's size if smaller. */
export function dictionaryFor(inputSize: number, level: number): number {
  return Math.min(presetOptions(level).dictSize, Math.max(LZMA_DICT_SIZE_MIN, inputSize))
}

export function encodeXz(lzma: LzmaModule, input: Uint8Array, level: number): Uint8Array {
  const options = { ...presetOptions(level), dictSize: dictionaryFor(input.length, level) }
  // Enough for incompressible input: LZMA2 stores it in chunks of up to 64 KiB with a 3-byte
  // header each, plus the stream's and the block's headers, index and footer.
  const outSize = input.length + Math.ceil(input.length / 65536) * 3 + 1024
  const block = lzma._malloc(OPTIONS_SIZE + FILTERS_SIZE + 8 + input.length + outSize)
  if (block === 0) throw new Error(`xz: cannot allocate ${input.length + outSize} bytes`)
  try {
    const filters = block // 8-aligned (malloc)
    const opts = filters + FILTERS_SIZE
    const outPos = opts + OPTIONS_SIZE
    const inPtr = outPos + 8
    const outPtr = inPtr + input.length
    const heap = lzma.HEAPU8
    heap.fill(0, block, inPtr)
    heap.set(input, inPtr)
    const view = new DataView(heap.buffer)
    view.setBigUint64(filters, LZMA_FILTER_LZMA2, true)
    view.setUint32(filters + 8, opts, true)
    view.setBigUint64(filters + 16, LZMA_VLI_UNKNOWN, true)
    const fields = [
      options.dictSize,
      0, // preset_dict
      0, // preset_dict_size
      options.lc,
      options.lp,
      options.pb,
      options.mode,
      options.niceLen,
      options.mf,
      options.depth
    ]
    fields.forEach((value, i) => view.setUint32(opts + i * 4, value, true))
    const ret = lzma._lzma_stream_buffer_encode(
      filters,
      LZMA_CHECK_CRC64,
      0, // the default allocator
      inPtr,
      input.length,
      outPtr,
      outPos,
      outSize
    )
    if (ret !== LZMA_OK) throw new Error(`xz: liblzma's encoder failed (lzma_ret ${ret})`)
    // The heap may have grown (and its buffer been replaced) during the call: read it afresh.
    const written = new DataView(lzma.HEAPU8.buffer).getUint32(outPos, true)
    return lzma.HEAPU8.slice(outPtr, outPtr + written)
  } finally {
    lzma._free(block)
  }
}
