/**
 * node-liblzma - Node.js bindings for liblzma
 * Copyright (C) Olivier Orabona <olivier.orabona@gmail.com>
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU Lesser General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU Lesser General Public License
 * along with this program.  If not, see <https://www.gnu.org/licenses/>.
 */
/**
 * Base class for all LZMA-related errors
 */
class LZMAError extends Error {
    constructor(message, errno) {
        super(message);
        this.name = 'LZMAError';
        this.errno = errno;
        this.code = errno;
        Error.captureStackTrace(this, this.constructor);
    }
}
/**
 * Memory allocation error - thrown when LZMA cannot allocate required memory
 */
class LZMAMemoryError extends LZMAError {
    constructor(errno) {
        super('Cannot allocate memory', errno);
        this.name = 'LZMAMemoryError';
    }
}
/**
 * Memory limit error - thrown when operation would exceed memory usage limit
 */
class LZMAMemoryLimitError extends LZMAError {
    constructor(errno) {
        super('Memory usage limit was reached', errno);
        this.name = 'LZMAMemoryLimitError';
    }
}
/**
 * Format error - thrown when file format is not recognized
 */
class LZMAFormatError extends LZMAError {
    constructor(errno) {
        super('File format not recognized', errno);
        this.name = 'LZMAFormatError';
    }
}
/**
 * Options error - thrown when invalid or unsupported options are provided
 */
class LZMAOptionsError extends LZMAError {
    constructor(errno, message) {
        super(message ?? 'Invalid or unsupported options', errno);
        this.name = 'LZMAOptionsError';
    }
}
/**
 * Data error - thrown when compressed data is corrupt
 */
class LZMADataError extends LZMAError {
    constructor(errno) {
        super('Data is corrupt', errno);
        this.name = 'LZMADataError';
    }
}
/**
 * Buffer error - thrown when no progress is possible (e.g., buffer too small)
 */
class LZMABufferError extends LZMAError {
    constructor(errno) {
        super('No progress is possible', errno);
        this.name = 'LZMABufferError';
    }
}
/**
 * Programming error - thrown when there's an internal programming error
 */
class LZMAProgrammingError extends LZMAError {
    constructor(errno) {
        super('Programming error', errno);
        this.name = 'LZMAProgrammingError';
    }
}
/**
 * Factory function to create appropriate error instance based on errno
 */
// --- LZMA Return Codes ---
// From liblzma/base.h lzma_ret enum (0-11)
// Codes 0-4 are success/informational status codes, not errors:
const LZMA_OK = 0; // Operation completed successfully
const LZMA_STREAM_END = 1; // End of stream reached
const LZMA_NO_CHECK = 2; // Input stream has no integrity check
const LZMA_UNSUPPORTED_CHECK = 3; // Cannot calculate integrity check
const LZMA_GET_CHECK = 4; // Integrity check type now available
// Codes 5-11 are actual error codes:
const LZMA_MEM_ERROR = 5; // Cannot allocate memory
const LZMA_MEMLIMIT_ERROR = 6; // Memory usage limit reached
const LZMA_FORMAT_ERROR = 7; // File format not recognized
const LZMA_OPTIONS_ERROR = 8; // Invalid or unsupported options
const LZMA_DATA_ERROR = 9; // Data is corrupt
const LZMA_BUF_ERROR = 10; // No progress possible
const LZMA_PROG_ERROR = 11; // Programming error
function createLZMAError(errno, message) {
    // Uses module-level LZMA_* constants defined above (from liblzma/base.h)
    switch (errno) {
        case LZMA_MEM_ERROR:
            return new LZMAMemoryError(errno);
        case LZMA_MEMLIMIT_ERROR:
            return new LZMAMemoryLimitError(errno);
        case LZMA_FORMAT_ERROR:
            return new LZMAFormatError(errno);
        case LZMA_OPTIONS_ERROR:
            return new LZMAOptionsError(errno);
        case LZMA_DATA_ERROR:
            return new LZMADataError(errno);
        case LZMA_BUF_ERROR:
            return new LZMABufferError(errno);
        case LZMA_PROG_ERROR:
            return new LZMAProgrammingError(errno);
        default: {
            // For success codes and unknown errors, use base LZMAError
            const errorMessage = getErrorMessage(errno);
            return new LZMAError(errorMessage, errno);
        }
    }
}
/**
 * Get error message for a given errno
 */
function getErrorMessage(errno) {
    const messages = [
        'Operation completed successfully',
        'End of stream was reached',
        'Input stream has no integrity check',
        'Cannot calculate the integrity check',
        'Integrity check type is not available',
        'Cannot allocate memory',
        'Memory usage limit was reached',
        'File format not recognized',
        'Invalid or unsupported options',
        'Data is corrupt',
        'No progress is possible',
        'Programming error',
    ];
    // F-011: Handle out-of-bounds errno explicitly instead of silent clamping
    if (errno < 0 || errno >= messages.length) {
        return `Unknown LZMA error code: ${errno}`;
    }
    const msg = messages[errno];
    /* v8 ignore start: defensive after bounds check on L172 — errno always in [0, messages.length) here */
    if (msg === undefined)
        return `Unknown LZMA error code: ${errno}`;
    /* v8 ignore stop */
    return msg;
}

/**
 * WASM-specific types for the Emscripten-compiled liblzma module.
 */
// --- LZMA Return Codes ---
// --- LZMA Actions ---
const LZMA_RUN = 0;
const LZMA_SYNC_FLUSH = 1;
const LZMA_FULL_FLUSH = 2;
const LZMA_FINISH = 3;
// --- Check Types ---
const LZMA_CHECK_NONE = 0;
const LZMA_CHECK_CRC32 = 1;
const LZMA_CHECK_CRC64 = 4;
const LZMA_CHECK_SHA256 = 10;
/**
 * Layout of lzma_stream struct in WASM32 memory.
 *
 * All offsets are for 32-bit Emscripten (WASM32):
 *   pointer = 4 bytes, size_t = 4 bytes, uint64_t = 8 bytes (8-byte aligned)
 */
const LZMA_STREAM_OFFSETS = {
    next_in: 0, // const uint8_t* (4 bytes)
    avail_in: 4, // size_t (4 bytes)
    total_in: 8, // uint64_t (8 bytes, 8-byte aligned)
    next_out: 16, // uint8_t* (4 bytes)
    avail_out: 20, // size_t (4 bytes)
    total_out: 24};
/** Total size of lzma_stream struct in WASM32 */
const LZMA_STREAM_SIZE = 96;

/**
 * WASM memory management utilities for liblzma.
 *
 * Provides safe allocation/deallocation of WASM heap memory,
 * buffer transfers between JS and WASM, and lzma_stream struct management.
 */
/**
 * Allocate a zeroed block on the WASM heap.
 * @throws Error if allocation fails (returns 0)
 */
function wasmAlloc(module, size) {
    const ptr = module._malloc(size);
    /* v8 ignore start - malloc failure requires exhausting WASM heap */
    if (ptr === 0) {
        throw new Error(`WASM malloc failed for ${size} bytes`);
    }
    /* v8 ignore stop */
    // Zero the allocated memory
    module.HEAPU8.fill(0, ptr, ptr + size);
    return ptr;
}
/**
 * Free a WASM heap pointer. Safe to call with 0 (no-op).
 */
function wasmFree(module, ptr) {
    /* v8 ignore start - ptr is always non-zero from wasmAlloc */
    if (ptr !== 0) {
        module._free(ptr);
    }
    /* v8 ignore stop */
}
/**
 * Copy a JS Uint8Array into the WASM heap.
 * @returns Pointer to the allocated WASM memory containing the data.
 */
function copyToWasm(module, data) {
    const ptr = wasmAlloc(module, data.byteLength);
    module.HEAPU8.set(data, ptr);
    return ptr;
}
/**
 * Copy data from WASM heap into a new JS Uint8Array.
 */
function copyFromWasm(module, ptr, length) {
    return new Uint8Array(module.HEAPU8.buffer, ptr, length).slice();
}
/**
 * Manages an lzma_stream struct allocated on the WASM heap.
 *
 * The struct is allocated zeroed (equivalent to LZMA_STREAM_INIT in C).
 * Call `free()` when done to release the memory.
 */
class WasmLzmaStream {
    constructor(module) {
        this.freed = false;
        this.module = module;
        this.ptr = wasmAlloc(module, LZMA_STREAM_SIZE);
    }
    /** Set the input buffer pointer and available bytes */
    setInput(bufPtr, size) {
        this.module.setValue(this.ptr + LZMA_STREAM_OFFSETS.next_in, bufPtr, 'i32');
        this.module.setValue(this.ptr + LZMA_STREAM_OFFSETS.avail_in, size, 'i32');
    }
    /** Set the output buffer pointer and available bytes */
    setOutput(bufPtr, size) {
        this.module.setValue(this.ptr + LZMA_STREAM_OFFSETS.next_out, bufPtr, 'i32');
        this.module.setValue(this.ptr + LZMA_STREAM_OFFSETS.avail_out, size, 'i32');
    }
    /** Get remaining available input bytes */
    get availIn() {
        return this.module.getValue(this.ptr + LZMA_STREAM_OFFSETS.avail_in, 'i32');
    }
    /** Get remaining available output bytes */
    get availOut() {
        return this.module.getValue(this.ptr + LZMA_STREAM_OFFSETS.avail_out, 'i32');
    }
    /** Get total bytes read from input */
    get totalIn() {
        // Read as two i32 values (low + high) since getValue doesn't support i64 well
        const low = this.module.getValue(this.ptr + LZMA_STREAM_OFFSETS.total_in, 'i32');
        const high = this.module.getValue(this.ptr + LZMA_STREAM_OFFSETS.total_in + 4, 'i32');
        return low + high * 0x100000000;
    }
    /** Get total bytes written to output */
    get totalOut() {
        const low = this.module.getValue(this.ptr + LZMA_STREAM_OFFSETS.total_out, 'i32');
        const high = this.module.getValue(this.ptr + LZMA_STREAM_OFFSETS.total_out + 4, 'i32');
        return low + high * 0x100000000;
    }
    /** Free the struct memory. Safe to call multiple times. */
    free() {
        if (!this.freed) {
            this.freed = true;
            wasmFree(this.module, this.ptr);
        }
    }
}

/**
 * TypeScript bindings for the Emscripten-compiled liblzma WASM module.
 *
 * Provides typed wrappers around the raw C functions exported by liblzma.wasm,
 * with proper memory management and error handling.
 */
// Default output buffer size for streaming operations (256KB)
const DEFAULT_OUT_BUF_SIZE = 256 * 1024;
// Maximum memory limit for decoder (256MB, matching WASM max)
const DEFAULT_MEMLIMIT = BigInt(256 * 1024 * 1024);
/** Singleton module instance (lazy-initialized) */
let moduleInstance = null;
let modulePromise = null;
/**
 * Dynamically import a Node/Deno built-in without exposing the specifier to
 * browser bundlers' static analysis. Only ever reached after a Node/Deno
 * runtime check (see {@link readLocalWasmBinary}), so a browser bundle never
 * executes it; the variable specifier plus the ignore comments stop
 * Vite/webpack from trying to resolve `node:*` at build time.
 */
function importNodeBuiltin(specifier) {
    return import(/* @vite-ignore */ /* webpackIgnore: true */ specifier);
}
/**
 * Read the sibling `liblzma.wasm` from disk on Node and Deno.
 *
 * The WASM glue is built for `web,worker`, so its default loader resolves the
 * binary via `import.meta.url` and fetches it — which fails on `file://` URLs
 * under Node and Deno. On those runtimes we read the file ourselves so it can be
 * handed to Emscripten as `wasmBinary`. Returns null in browser/worker runtimes,
 * where Emscripten's built-in fetch loader is used instead.
 */
async function readLocalWasmBinary() {
    const g = globalThis;
    const hasDeno = typeof g.Deno !== 'undefined';
    /* v8 ignore start - under Node vitest only the Node arm runs; the Deno arm is covered by the CI runtime smoke and the browser arm (return null) needs a browser env */
    const hasNode = !!g.process?.versions?.node;
    if (!hasNode && !hasDeno) {
        return null;
    }
    /* v8 ignore stop */
    const { readFile } = await importNodeBuiltin('node:fs/promises');
    const { fileURLToPath } = await importNodeBuiltin('node:url');
    const wasmPath = fileURLToPath(new URL('./liblzma.wasm', import.meta.url));
    const buf = await readFile(wasmPath);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
/**
 * Default module loader: imports the Emscripten glue and, on Node/Deno, supplies
 * the `.wasm` binary so `node-liblzma/wasm` works with zero configuration.
 * Browsers fall through to Emscripten's built-in fetch loader.
 */
async function loadDefaultModule() {
    const { default: createLZMA } = await Promise.resolve().then(function () { return liblzma; });
    const wasmBinary = await readLocalWasmBinary();
    /* v8 ignore start - browser fetch path (wasmBinary === null) only reachable in a browser env */
    if (!wasmBinary) {
        return createLZMA();
    }
    /* v8 ignore stop */
    return createLZMA({ wasmBinary });
}
/**
 * Initialize the WASM module. Must be called before any operation.
 *
 * The module is loaded once and cached. Subsequent calls return the same
 * instance. On Node and Deno the sibling `liblzma.wasm` is loaded automatically
 * (zero config); pass a custom loader only for inline/bundled scenarios or to
 * fetch the binary from a custom location.
 *
 * @param loader - Optional custom module loader (for inline/bundled WASM)
 * @returns The initialized Emscripten module
 */
async function initModule(loader) {
    if (moduleInstance) {
        return moduleInstance;
    }
    if (modulePromise) {
        return modulePromise;
    }
    modulePromise = (async () => {
        moduleInstance = loader ? await loader() : await loadDefaultModule();
        return moduleInstance;
    })();
    try {
        return await modulePromise;
        /* v8 ignore start - requires WASM binary to be missing or corrupt */
    }
    catch (err) {
        modulePromise = null;
        throw new LZMAError(`Failed to load WASM module: ${err instanceof Error ? err.message : String(err)}`, -1);
    }
    /* v8 ignore stop */
}
/**
 * Get the initialized module, throwing if not yet loaded.
 */
function getModule() {
    if (!moduleInstance) {
        throw new LZMAError('WASM module not initialized. Call initModule() first.', -1);
    }
    return moduleInstance;
}
/**
 * Reset module state (for testing purposes).
 */
function resetModule() {
    moduleInstance = null;
    modulePromise = null;
}
// --- Encoding ---
/**
 * Initialize an easy encoder on the given lzma_stream.
 *
 * @param stream - Allocated WasmLzmaStream
 * @param preset - Compression preset (0-9, optionally OR'd with EXTREME flag)
 * @param check - Integrity check type (default: CRC64)
 * @throws LZMAError on initialization failure
 */
function encoderInit(stream, preset, check = LZMA_CHECK_CRC64) {
    const module = getModule();
    const ret = module._lzma_easy_encoder(stream.ptr, preset, check);
    /* v8 ignore start - requires C-level encoder init failure */
    if (ret !== LZMA_OK) {
        throw createLZMAError(ret);
    }
    /* v8 ignore stop */
}
/**
 * Initialize a stream decoder on the given lzma_stream.
 *
 * @param stream - Allocated WasmLzmaStream
 * @param memlimit - Memory limit in bytes (default: 256MB)
 * @throws LZMAOptionsError if memlimit is invalid
 * @throws LZMAError on initialization failure
 */
function decoderInit(stream, memlimit = DEFAULT_MEMLIMIT) {
    validateMemlimit(memlimit);
    const module = getModule();
    const limit = typeof memlimit === 'number' ? BigInt(memlimit) : memlimit;
    const ret = module._lzma_stream_decoder(stream.ptr, limit, 0);
    /* v8 ignore start - requires C-level decoder init failure */
    if (ret !== LZMA_OK) {
        throw createLZMAError(ret);
    }
    /* v8 ignore stop */
}
/**
 * Initialize an auto decoder (detects format) on the given lzma_stream.
 *
 * @param stream - Allocated WasmLzmaStream
 * @param memlimit - Memory limit in bytes (default: 256MB)
 * @throws LZMAOptionsError if memlimit is invalid
 * @throws LZMAError on initialization failure
 */
function autoDecoderInit(stream, memlimit = DEFAULT_MEMLIMIT) {
    validateMemlimit(memlimit);
    const module = getModule();
    const limit = typeof memlimit === 'number' ? BigInt(memlimit) : memlimit;
    const ret = module._lzma_auto_decoder(stream.ptr, limit, 0);
    /* v8 ignore start - requires C-level auto decoder init failure */
    if (ret !== LZMA_OK) {
        throw createLZMAError(ret);
    }
    /* v8 ignore stop */
}
/**
 * Run lzma_code on a stream (one step of encoding/decoding).
 *
 * @param stream - Active WasmLzmaStream
 * @param action - LZMA_RUN, LZMA_FINISH, etc.
 * @returns The lzma return code (LZMA_OK, LZMA_STREAM_END, or error)
 */
function code(stream, action) {
    const module = getModule();
    return module._lzma_code(stream.ptr, action);
}
/**
 * Finalize a stream and free its internal resources.
 */
function end(stream) {
    const module = getModule();
    module._lzma_end(stream.ptr);
}
/**
 * Get the memory usage of a stream (in bytes).
 */
function memusage(stream) {
    const module = getModule();
    return Number(module._lzma_memusage(stream.ptr));
}
// --- Buffer API (one-shot) ---
/**
 * Compress a buffer using lzma_easy_buffer_encode.
 *
 * @param input - Data to compress
 * @param preset - Compression preset (0-9)
 * @param check - Integrity check type (default: CRC64)
 * @returns Compressed data
 * @throws LZMAError on compression failure
 */
function easyBufferEncode(input, preset, check = LZMA_CHECK_CRC64) {
    const module = getModule();
    const inPtr = copyToWasm(module, input);
    // Worst case: XZ header (12) + block header (~32) + data + padding + index + footer
    // For incompressible data, output can be slightly larger than input
    const outSize = input.byteLength + 1024;
    const outPtr = wasmAlloc(module, outSize);
    const outPosPtr = wasmAlloc(module, 4);
    try {
        // outPos starts at 0
        module.setValue(outPosPtr, 0, 'i32');
        const ret = module._lzma_easy_buffer_encode(preset, check, 0, // allocator (NULL = default)
        inPtr, input.byteLength, outPtr, outPosPtr, outSize);
        /* v8 ignore start - requires C-level buffer encode failure */
        if (ret !== LZMA_OK) {
            throw createLZMAError(ret);
        }
        /* v8 ignore stop */
        const outPos = module.getValue(outPosPtr, 'i32');
        return copyFromWasm(module, outPtr, outPos);
    }
    finally {
        wasmFree(module, inPtr);
        wasmFree(module, outPtr);
        wasmFree(module, outPosPtr);
    }
}
/**
 * Decompress a buffer using lzma_stream_buffer_decode.
 *
 * @param input - XZ compressed data
 * @param memlimit - Memory limit in bytes (default: 256MB)
 * @returns Decompressed data
 * @throws LZMAError on decompression failure
 */
/**
 * Validate a memlimit value before coercion to BigInt.
 *
 * BigInt() throws a native RangeError for NaN, Infinity, and non-integer
 * numbers (e.g. 1.5). Negative integers produce a huge unsigned value when
 * interpreted by the C ABI (uint64_t wrap-around). Numbers above
 * Number.MAX_SAFE_INTEGER (2^53 - 1) lose precision on coercion to BigInt.
 * All these cases are rejected here with LZMAOptionsError so callers always
 * get an LZMAError subclass.
 *
 * @throws LZMAOptionsError if the value is invalid
 */
function validateMemlimit(memlimit) {
    if (typeof memlimit === 'bigint') {
        if (memlimit < 0n) {
            throw new LZMAOptionsError(LZMA_OPTIONS_ERROR, 'memlimit must be a non-negative value');
        }
        if (memlimit > 18446744073709551615n) {
            throw new LZMAOptionsError(LZMA_OPTIONS_ERROR, 'memlimit bigint exceeds UINT64_MAX (2^64 - 1); use a smaller value (UINT64_MAX = no limit on native; WASM buffer APIs default to 256 MiB when omitted)');
        }
        return;
    }
    if (!Number.isFinite(memlimit)) {
        throw new LZMAOptionsError(LZMA_OPTIONS_ERROR, 'memlimit must be a finite number (NaN and Infinity are not allowed)');
    }
    if (!Number.isInteger(memlimit)) {
        throw new LZMAOptionsError(LZMA_OPTIONS_ERROR, 'memlimit must be an integer (fractional values are not allowed)');
    }
    if (memlimit < 0) {
        throw new LZMAOptionsError(LZMA_OPTIONS_ERROR, 'memlimit must be a non-negative value');
    }
    if (memlimit > Number.MAX_SAFE_INTEGER) {
        throw new LZMAOptionsError(LZMA_OPTIONS_ERROR, 'memlimit number exceeds MAX_SAFE_INTEGER (use bigint for values >= 2^53)');
    }
}
function streamBufferDecode(input, memlimit = DEFAULT_MEMLIMIT) {
    const module = getModule();
    const inPtr = copyToWasm(module, input);
    const inPosPtr = wasmAlloc(module, 4);
    const outPosPtr = wasmAlloc(module, 4);
    const memlimitPtr = wasmAlloc(module, 8);
    // Start with 4x input size as estimate, will grow if needed
    let outSize = input.byteLength * 4;
    if (outSize < 4096)
        outSize = 4096;
    let outPtr = wasmAlloc(module, outSize);
    try {
        validateMemlimit(memlimit);
        const limit = typeof memlimit === 'number' ? BigInt(memlimit) : memlimit;
        module.setValue(memlimitPtr, limit, 'i64');
        // Retry with larger buffer if BUF_ERROR
        for (let attempt = 0; attempt < 5; attempt++) {
            module.setValue(inPosPtr, 0, 'i32');
            module.setValue(outPosPtr, 0, 'i32');
            const ret = module._lzma_stream_buffer_decode(memlimitPtr, 0, // flags
            0, // allocator (NULL)
            inPtr, inPosPtr, input.byteLength, outPtr, outPosPtr, outSize);
            if (ret === LZMA_OK) {
                const outPos = module.getValue(outPosPtr, 'i32');
                return copyFromWasm(module, outPtr, outPos);
            }
            /* v8 ignore start - false branch requires C-level error other than OK/BUF_ERROR */
            // Buffer too small — grow and retry
            if (ret === LZMA_BUF_ERROR) {
                wasmFree(module, outPtr);
                outSize *= 4;
                outPtr = wasmAlloc(module, outSize);
                continue;
            }
            throw createLZMAError(ret);
            /* v8 ignore stop */
        }
        /* v8 ignore start */
        throw new LZMAError('Decompression failed: output buffer exhausted', 10);
        /* v8 ignore stop */
    }
    finally {
        wasmFree(module, inPtr);
        wasmFree(module, outPtr);
        wasmFree(module, inPosPtr);
        wasmFree(module, outPosPtr);
        wasmFree(module, memlimitPtr);
    }
}
// --- Streaming helpers ---
/**
 * Process a full input buffer through an initialized encoder/decoder stream,
 * collecting all output chunks.
 *
 * This is used by the buffer APIs (xzAsync/unxzAsync) for streaming
 * encoding/decoding within a single call.
 *
 * @param stream - Initialized WasmLzmaStream (encoder or decoder)
 * @param input - Input data
 * @returns Concatenated output
 * @throws LZMAError on processing failure
 */
function processStream(stream, input) {
    const module = getModule();
    const inPtr = copyToWasm(module, input);
    const outBufSize = DEFAULT_OUT_BUF_SIZE;
    const outPtr = wasmAlloc(module, outBufSize);
    try {
        stream.setInput(inPtr, input.byteLength);
        const chunks = [];
        let action = LZMA_RUN;
        while (true) {
            // Once all input consumed, switch to FINISH
            if (stream.availIn === 0) {
                action = LZMA_FINISH;
            }
            stream.setOutput(outPtr, outBufSize);
            const ret = code(stream, action);
            // Collect output produced
            const produced = outBufSize - stream.availOut;
            if (produced > 0) {
                chunks.push(copyFromWasm(module, outPtr, produced));
            }
            if (ret === LZMA_STREAM_END) {
                break;
            }
            if (ret !== LZMA_OK) {
                throw createLZMAError(ret);
            }
        }
        // Concatenate all output chunks
        const totalSize = chunks.reduce((sum, c) => sum + c.byteLength, 0);
        const result = new Uint8Array(totalSize);
        let offset = 0;
        for (const chunk of chunks) {
            result.set(chunk, offset);
            offset += chunk.byteLength;
        }
        return result;
    }
    finally {
        wasmFree(module, inPtr);
        wasmFree(module, outPtr);
        end(stream);
        stream.free();
    }
}
// --- Utility bindings ---
/**
 * Get the liblzma version string (e.g. "5.6.3").
 */
function versionString$1() {
    const module = getModule();
    const ptr = module._lzma_version_string();
    // Read null-terminated C string from WASM memory
    const bytes = module.HEAPU8;
    let end = ptr;
    while (bytes[end] !== 0)
        end++;
    const decoder = new TextDecoder();
    return decoder.decode(bytes.subarray(ptr, end));
}
/**
 * Check if a given integrity check type is supported.
 */
function checkIsSupported(check) {
    const module = getModule();
    return module._lzma_check_is_supported(check) !== 0;
}

/**
 * WASM utility functions for browser usage.
 *
 * Provides isXZ, versionString, versionNumber, parseFileIndex
 * matching the Node.js API signatures.
 */
/** XZ magic bytes: 0xFD + "7zXZ" + 0x00 */
const XZ_MAGIC = new Uint8Array([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
/**
 * Check if a buffer contains XZ compressed data.
 *
 * @param buffer - Data to check
 * @returns true if the buffer starts with the XZ magic bytes
 */
function isXZ(buffer) {
    const data = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
    if (data.byteLength < XZ_MAGIC.length)
        return false;
    for (let i = 0; i < XZ_MAGIC.length; i++) {
        /* v8 ignore start - tests always fail at first byte or match fully */
        if (data[i] !== XZ_MAGIC[i])
            return false;
        /* v8 ignore stop */
    }
    return true;
}
/**
 * Get the liblzma version string (e.g. "5.6.3").
 */
function versionString() {
    return versionString$1();
}
/**
 * Get the liblzma version as a number (e.g. 50060030 for 5.6.3).
 */
function versionNumber() {
    const parts = versionString$1().split('.');
    const major = Number.parseInt(parts[0], 10);
    const minor = Number.parseInt(parts[1], 10);
    const patch = Number.parseInt(parts[2], 10);
    return major * 10000000 + minor * 10000 + patch * 10;
}
/**
 * Get memory usage estimate for the easy encoder with given preset.
 *
 * Note: In WASM, this is approximated based on preset level.
 * Presets 7-9 require significantly more memory at runtime than reported here
 * and may exceed the default WASM memory limit (256MB).
 */
function easyEncoderMemusage(preset) {
    // Approximate memory usage per preset (from liblzma docs)
    const usageByPreset = {
        0: 1572864, // ~1.5 MB
        1: 2097152, // ~2 MB
        2: 3145728, // ~3 MB
        3: 4194304, // ~4 MB
        4: 5242880, // ~5 MB
        5: 6291456, // ~6 MB
        6: 9437184, // ~9 MB
        7: 17825792, // ~17 MB
        8: 34603008, // ~33 MB
        9: 67108864, // ~64 MB
    };
    /* v8 ignore start - fallback for unsupported preset values */
    return usageByPreset[preset & 0x1f] ?? usageByPreset[6];
    /* v8 ignore stop */
}
/**
 * Get memory usage estimate for the easy decoder.
 */
function easyDecoderMemusage() {
    // Decoder memory usage is typically ~2-65MB depending on the stream
    // Default estimate for typical streams
    return 67108864; // ~64 MB (worst case for preset 9)
}
/**
 * Read a Variable-Length Integer (VLI) from XZ data.
 * XZ VLI: 7 bits per byte, MSB = continuation bit, max 9 bytes (63 bits).
 *
 * @returns [value, bytesConsumed]
 */
function readVLI(data, offset) {
    let value = 0;
    let shift = 0;
    for (let i = 0; i < 9; i++) {
        /* v8 ignore start - unreachable via parseFileIndex: buffer always has enough bytes */
        if (offset + i >= data.byteLength) {
            throw new Error('Truncated VLI in XZ index');
        }
        /* v8 ignore stop */
        const byte = data[offset + i];
        value |= (byte & 0x7f) * 2 ** shift;
        shift += 7;
        if ((byte & 0x80) === 0) {
            return [value, i + 1];
        }
    }
    throw new Error('Invalid VLI in XZ index (too many bytes)');
}
/**
 * Parse the index of an XZ file to extract metadata.
 * Parses the XZ footer and the index section to extract real
 * uncompressed size, block count, and integrity check type.
 *
 * @param buffer - Complete XZ file data
 * @returns File index information
 */
function parseFileIndex(buffer) {
    /* v8 ignore start - tests always pass Uint8Array */
    const data = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
    /* v8 ignore stop */
    if (!isXZ(data)) {
        throw new Error('Not a valid XZ file');
    }
    // XZ footer is last 12 bytes: CRC32(4) + Backward Size(4) + Flags(2) + 'YZ'(2)
    if (data.byteLength < 24) {
        throw new Error('XZ file too small to contain valid index');
    }
    const footer = data.subarray(data.byteLength - 12);
    // Verify footer magic 'YZ' (0x59, 0x5A)
    if (footer[10] !== 0x59 || footer[11] !== 0x5a) {
        throw new Error('Invalid XZ footer');
    }
    // Stream flags (check type is in bits 0-3 of the first flag byte)
    const checkType = footer[8] & 0x0f;
    // Backward size (little-endian uint32, value = (stored + 1) * 4)
    const backwardSize = ((footer[4] | (footer[5] << 8) | (footer[6] << 16) | (footer[7] << 24)) + 1) * 4;
    // Parse the index section
    // Index starts at: footer_position - backwardSize
    const indexStart = data.byteLength - 12 - backwardSize;
    if (indexStart < 12 || indexStart >= data.byteLength - 12) {
        throw new Error('Invalid backward size in XZ footer');
    }
    // Index indicator byte must be 0x00
    if (data[indexStart] !== 0x00) {
        throw new Error('Invalid XZ index indicator');
    }
    // Read number of records (VLI)
    let pos = indexStart + 1;
    const [recordCount, recordCountBytes] = readVLI(data, pos);
    pos += recordCountBytes;
    // Read each record: Unpadded Size (VLI) + Uncompressed Size (VLI)
    let totalUncompressed = 0;
    for (let i = 0; i < recordCount; i++) {
        const [, unpaddedBytes] = readVLI(data, pos);
        pos += unpaddedBytes;
        const [uncompressedSize, uncompressedBytes] = readVLI(data, pos);
        pos += uncompressedBytes;
        totalUncompressed += uncompressedSize;
    }
    return {
        uncompressedSize: totalUncompressed,
        compressedSize: data.byteLength,
        streamCount: 1,
        blockCount: recordCount,
        check: checkType,
        memoryUsage: backwardSize,
    };
}
/** Convert various input types to Uint8Array */
function toUint8Array(input) {
    if (input instanceof Uint8Array)
        return input;
    if (input instanceof ArrayBuffer)
        return new Uint8Array(input);
    return new TextEncoder().encode(input);
}

/**
 * WASM compression functions for browser usage.
 *
 * Provides xzAsync, xz (callback), and xzSync (throws in browser)
 * matching the Node.js API signatures.
 */
/**
 * Compress a buffer to XZ format (async, Promise-based).
 *
 * @param buffer - Data to compress (Uint8Array, ArrayBuffer, or string)
 * @param opts - Compression options (preset, check)
 * @returns Compressed XZ data
 */
async function xzAsync(buffer, opts) {
    await initModule();
    const input = toUint8Array(buffer);
    const preset = opts?.preset ?? 6;
    const check = opts?.check ?? LZMA_CHECK_CRC64;
    return easyBufferEncode(input, preset, check);
}
function xz(buffer, optsOrCallback, callback) {
    let opts;
    let cb;
    if (typeof optsOrCallback === 'function') {
        cb = optsOrCallback;
        opts = {};
    }
    else {
        opts = optsOrCallback;
        cb = callback;
    }
    xzAsync(buffer, opts).then((result) => cb(null, result), 
    /* v8 ignore start - xzAsync always rejects with Error */
    (error) => cb(error instanceof Error ? error : new Error(String(error)))
    /* v8 ignore stop */
    );
}
/**
 * Synchronous XZ compression — **throws in browser**.
 *
 * Sync operations are not supported in WASM because they would block
 * the main thread. Use xzAsync() instead.
 */
function xzSync(_buffer, _opts) {
    throw new LZMAError('Sync operations not supported in browser. Use xzAsync() instead.', -1);
}

/**
 * WASM decompression functions for browser usage.
 *
 * Provides unxzAsync, unxz (callback), and unxzSync (throws in browser)
 * matching the Node.js API signatures.
 */
/**
 * Decompress XZ data (async, Promise-based).
 *
 * @param buffer - XZ compressed data
 * @param opts - Decompression options (memlimit)
 * @returns Decompressed data
 */
async function unxzAsync(buffer, opts) {
    await initModule();
    const input = toUint8Array(buffer);
    return streamBufferDecode(input, opts?.memlimit);
}
function unxz(buffer, optsOrCallback, callback) {
    let opts;
    let cb;
    if (typeof optsOrCallback === 'function') {
        cb = optsOrCallback;
        opts = {};
    }
    else {
        opts = optsOrCallback;
        cb = callback;
    }
    unxzAsync(buffer, opts).then((result) => cb(null, result), 
    /* v8 ignore start - unxzAsync always rejects with Error */
    (error) => cb(error instanceof Error ? error : new Error(String(error)))
    /* v8 ignore stop */
    );
}
/**
 * Synchronous XZ decompression — **throws in browser**.
 *
 * Sync operations are not supported in WASM because they would block
 * the main thread. Use unxzAsync() instead.
 */
function unxzSync(_buffer, _opts) {
    throw new LZMAError('Sync operations not supported in browser. Use unxzAsync() instead.', -1);
}

/**
 * Web Streams API for WASM XZ compression/decompression.
 *
 * Returns standard Web TransformStream instances (not Node.js streams).
 * Use `.pipeThrough()` instead of `.pipe()`.
 */
// Chunk size for streaming I/O (64KB)
const CHUNK_SIZE = 64 * 1024;
/**
 * Create a Web TransformStream that compresses data to XZ format.
 *
 * @param opts - Compression options (preset, check)
 * @returns A TransformStream<Uint8Array, Uint8Array>
 *
 * @example
 * ```ts
 * const compressed = await new Response(
 *   readableStream.pipeThrough(createXz())
 * ).arrayBuffer();
 * ```
 */
function createXz(opts) {
    const preset = opts?.preset ?? 6;
    const checkType = opts?.check ?? LZMA_CHECK_CRC64;
    const module = getModule();
    const stream = new WasmLzmaStream(module);
    encoderInit(stream, preset, checkType);
    const outPtr = wasmAlloc(module, CHUNK_SIZE);
    let cleaned = false;
    const doCleanup = () => {
        /* v8 ignore start - guard against double-cleanup */
        if (!cleaned) {
            cleaned = true;
            cleanup(module, stream, outPtr);
        }
        /* v8 ignore stop */
    };
    return new TransformStream({
        transform(chunk, controller) {
            try {
                processChunk(module, stream, outPtr, chunk, LZMA_RUN, controller);
                /* v8 ignore start - requires WASM compressor to error on valid input */
            }
            catch (e) {
                doCleanup();
                throw e;
            }
            /* v8 ignore stop */
        },
        flush(controller) {
            try {
                processChunk(module, stream, outPtr, new Uint8Array(0), LZMA_FINISH, controller);
            }
            finally {
                doCleanup();
            }
        },
        /* cancel() frees WASM resources when the readable side is cancelled.
           Part of the Streams spec; @types/node added `cancel?:` to the Transformer
           interface in 25.7.0. The intersection cast accepts the property on both
           older typings (where it's absent) and newer typings (where it's present),
           keeping the typecheck stable across `@types/node` minor bumps. */
        cancel: doCleanup,
    });
}
/**
 * Create a Web TransformStream that decompresses XZ data.
 *
 * @returns A TransformStream<Uint8Array, Uint8Array>
 *
 * @example
 * ```ts
 * const decompressed = await new Response(
 *   xzStream.pipeThrough(createUnxz())
 * ).arrayBuffer();
 * ```
 */
function createUnxz() {
    const module = getModule();
    const stream = new WasmLzmaStream(module);
    decoderInit(stream);
    const outPtr = wasmAlloc(module, CHUNK_SIZE);
    let finished = false;
    let cleaned = false;
    const doCleanup = () => {
        /* v8 ignore start - guard against double-cleanup */
        if (!cleaned) {
            cleaned = true;
            cleanup(module, stream, outPtr);
        }
        /* v8 ignore stop */
    };
    return new TransformStream({
        transform(chunk, controller) {
            /* v8 ignore start - guard against chunks after STREAM_END */
            if (finished)
                return;
            /* v8 ignore stop */
            try {
                const done = processChunk(module, stream, outPtr, chunk, LZMA_RUN, controller);
                if (done)
                    finished = true;
            }
            catch (e) {
                doCleanup();
                throw e;
            }
        },
        flush(controller) {
            try {
                /* v8 ignore start - requires partial XZ block that doesn't error in transform */
                if (!finished) {
                    processChunk(module, stream, outPtr, new Uint8Array(0), LZMA_FINISH, controller);
                }
                /* v8 ignore stop */
            }
            finally {
                doCleanup();
            }
        },
        /* cancel() frees WASM resources when the readable side is cancelled.
           See createXz() for the rationale on the intersection cast. */
        cancel: doCleanup,
    });
}
/**
 * Process a single chunk through the lzma stream, enqueueing output.
 * Returns true if LZMA_STREAM_END was reached.
 */
function processChunk(module, stream, outPtr, chunk, action, controller) {
    let inPtr = 0;
    try {
        if (chunk.byteLength > 0) {
            inPtr = copyToWasm(module, chunk);
            stream.setInput(inPtr, chunk.byteLength);
        }
        else {
            stream.setInput(0, 0);
        }
        while (true) {
            stream.setOutput(outPtr, CHUNK_SIZE);
            const ret = code(stream, action);
            const produced = CHUNK_SIZE - stream.availOut;
            if (produced > 0) {
                controller.enqueue(copyFromWasm(module, outPtr, produced));
            }
            if (ret === LZMA_STREAM_END) {
                return true;
            }
            if (ret !== LZMA_OK) {
                throw createLZMAError(ret);
            }
            // If all input consumed and no more output, we're done with this chunk
            if (stream.availIn === 0 && stream.availOut > 0) {
                break;
            }
        }
        return false;
    }
    finally {
        if (inPtr)
            wasmFree(module, inPtr);
    }
}
/** Free WASM resources */
function cleanup(module, stream, outPtr) {
    end(stream);
    stream.free();
    wasmFree(module, outPtr);
}

var createLZMA = (() => {
  var _scriptDir = import.meta.url;
  
  return (
function(moduleArg = {}) {

var b=moduleArg,h,u;b.ready=new Promise((a,c)=>{h=a;u=c;});var w=Object.assign({},b),x="object"==typeof window,y="function"==typeof importScripts,z="",A;if(x||y)y?z=self.location.href:"undefined"!=typeof document&&document.currentScript&&(z=document.currentScript.src),_scriptDir&&(z=_scriptDir),0!==z.indexOf("blob:")?z=z.substr(0,z.replace(/[?#].*/,"").lastIndexOf("/")+1):z="",y&&(A=a=>{var c=new XMLHttpRequest;c.open("GET",a,false);c.responseType="arraybuffer";c.send(null);return new Uint8Array(c.response)});
var B=b.printErr||console.error.bind(console);Object.assign(b,w);w=null;var C;b.wasmBinary&&(C=b.wasmBinary);"object"!=typeof WebAssembly&&D("no native wasm support detected");var E,F=false,G,I,J,K,L,M,N,O;
function P(){var a=E.buffer;b.HEAP8=G=new Int8Array(a);b.HEAP16=J=new Int16Array(a);b.HEAPU8=I=new Uint8Array(a);b.HEAPU16=new Uint16Array(a);b.HEAP32=K=new Int32Array(a);b.HEAPU32=L=new Uint32Array(a);b.HEAPF32=M=new Float32Array(a);b.HEAPF64=O=new Float64Array(a);b.HEAP64=N=new BigInt64Array(a);b.HEAPU64=new BigUint64Array(a);}var Q=[],R=[],aa=[];function ba(){var a=b.preRun.shift();Q.unshift(a);}var S=0,U=null;
function D(a){b.onAbort?.(a);a="Aborted("+a+")";B(a);F=true;a=new WebAssembly.RuntimeError(a+". Build with -sASSERTIONS for more info.");u(a);throw a;}var ca=a=>a.startsWith("data:application/octet-stream;base64,"),V;if(b.locateFile){if(V="liblzma.wasm",!ca(V)){var da=V;V=b.locateFile?b.locateFile(da,z):z+da;}}else V=(new URL("liblzma.wasm",import.meta.url)).href;function ea(a){if(a==V&&C)return new Uint8Array(C);if(A)return A(a);throw "both async and sync fetching of the wasm failed";}
function fa(a){return C||!x&&!y||"function"!=typeof fetch?Promise.resolve().then(()=>ea(a)):fetch(a,{credentials:"same-origin"}).then(c=>{if(!c.ok)throw "failed to load wasm binary file at '"+a+"'";return c.arrayBuffer()}).catch(()=>ea(a))}function ha(a,c,d){return fa(a).then(e=>WebAssembly.instantiate(e,c)).then(e=>e).then(d,e=>{B(`failed to asynchronously prepare wasm: ${e}`);D(e);})}
function ia(a,c){var d=V;return C||"function"!=typeof WebAssembly.instantiateStreaming||ca(d)||"function"!=typeof fetch?ha(d,a,c):fetch(d,{credentials:"same-origin"}).then(e=>WebAssembly.instantiateStreaming(e,a).then(c,function(p){B(`wasm streaming compile failed: ${p}`);B("falling back to ArrayBuffer instantiation");return ha(d,a,c)}))}
var W=a=>{for(;0<a.length;)a.shift()(b);},ja="undefined"!=typeof TextDecoder?new TextDecoder("utf8"):void 0,ma=(a,c,d,e)=>{var p={string:f=>{var m=0;if(null!==f&&void 0!==f&&0!==f){for(var g=m=0;g<f.length;++g){var l=f.charCodeAt(g);127>=l?m++:2047>=l?m+=2:55296<=l&&57343>=l?(m+=4,++g):m+=3;}var k=m+1;g=m=X(k);l=I;if(0<k){k=g+k-1;for(var v=0;v<f.length;++v){var n=f.charCodeAt(v);if(55296<=n&&57343>=n){var oa=f.charCodeAt(++v);n=65536+((n&1023)<<10)|oa&1023;}if(127>=n){if(g>=k)break;l[g++]=n;}else {if(2047>=
n){if(g+1>=k)break;l[g++]=192|n>>6;}else {if(65535>=n){if(g+2>=k)break;l[g++]=224|n>>12;}else {if(g+3>=k)break;l[g++]=240|n>>18;l[g++]=128|n>>12&63;}l[g++]=128|n>>6&63;}l[g++]=128|n&63;}}l[g]=0;}}return m},array:f=>{var m=X(f.length);G.set(f,m);return m}};a=b["_"+a];var q=[],t=0;if(e)for(var r=0;r<e.length;r++){var H=p[d[r]];H?(0===t&&(t=ka()),q[r]=H(e[r])):q[r]=e[r];}d=a.apply(null,q);return d=function(f){0!==t&&la(t);if("string"===c)if(f){for(var m=I,g=f+NaN,l=f;m[l]&&!(l>=g);)++l;if(16<l-f&&m.buffer&&ja)f=
ja.decode(m.subarray(f,l));else {for(g="";f<l;){var k=m[f++];if(k&128){var v=m[f++]&63;if(192==(k&224))g+=String.fromCharCode((k&31)<<6|v);else {var n=m[f++]&63;k=224==(k&240)?(k&15)<<12|v<<6|n:(k&7)<<18|v<<12|n<<6|m[f++]&63;65536>k?g+=String.fromCharCode(k):(k-=65536,g+=String.fromCharCode(55296|k>>10,56320|k&1023));}}else g+=String.fromCharCode(k);}f=g;}}else f="";else f="boolean"===c?!!f:f;return f}(d)},na={a:a=>{var c=I.length;a>>>=0;if(268435456<a)return  false;for(var d=1;4>=d;d*=2){var e=c*(1+.2/d);
e=Math.min(e,a+100663296);var p=Math;e=Math.max(a,e);a:{p=(p.min.call(p,268435456,e+(65536-e%65536)%65536)-E.buffer.byteLength+65535)/65536;try{E.grow(p);P();var q=1;break a}catch(t){}q=void 0;}if(q)return  true}return  false}},Y=function(){function a(d){Y=d.exports;E=Y.b;P();R.unshift(Y.c);S--;b.monitorRunDependencies?.(S);0==S&&(U&&(d=U,U=null,d()));return Y}var c={a:na};S++;b.monitorRunDependencies?.(S);if(b.instantiateWasm)try{return b.instantiateWasm(c,a)}catch(d){B(`Module.instantiateWasm callback failed with error: ${d}`),
u(d);}ia(c,function(d){a(d.instance);}).catch(u);return {}}();b._lzma_check_is_supported=a=>(b._lzma_check_is_supported=Y.d)(a);b._lzma_version_string=()=>(b._lzma_version_string=Y.e)();b._lzma_code=(a,c)=>(b._lzma_code=Y.f)(a,c);b._lzma_end=a=>(b._lzma_end=Y.g)(a);b._lzma_memusage=a=>(b._lzma_memusage=Y.h)(a);b._lzma_memlimit_set=(a,c)=>(b._lzma_memlimit_set=Y.i)(a,c);b._lzma_index_end=(a,c)=>(b._lzma_index_end=Y.j)(a,c);b._lzma_index_uncompressed_size=a=>(b._lzma_index_uncompressed_size=Y.k)(a);
b._lzma_easy_buffer_encode=(a,c,d,e,p,q,t,r)=>(b._lzma_easy_buffer_encode=Y.l)(a,c,d,e,p,q,t,r);b._lzma_easy_encoder=(a,c,d)=>(b._lzma_easy_encoder=Y.m)(a,c,d);b._lzma_stream_buffer_encode=(a,c,d,e,p,q,t,r)=>(b._lzma_stream_buffer_encode=Y.n)(a,c,d,e,p,q,t,r);b._lzma_auto_decoder=(a,c,d)=>(b._lzma_auto_decoder=Y.o)(a,c,d);b._lzma_index_decoder=(a,c,d)=>(b._lzma_index_decoder=Y.p)(a,c,d);b._lzma_stream_buffer_decode=(a,c,d,e,p,q,t,r,H)=>(b._lzma_stream_buffer_decode=Y.q)(a,c,d,e,p,q,t,r,H);
b._lzma_stream_decoder=(a,c,d)=>(b._lzma_stream_decoder=Y.r)(a,c,d);b._malloc=a=>(b._malloc=Y.s)(a);b._free=a=>(b._free=Y.t)(a);var ka=()=>(ka=Y.u)(),la=a=>(la=Y.v)(a),X=a=>(X=Y.w)(a);b.ccall=ma;b.cwrap=(a,c,d,e)=>{var p=!d||d.every(q=>"number"===q||"boolean"===q);return "string"!==c&&p&&!e?b["_"+a]:function(){return ma(a,c,d,arguments)}};
b.setValue=function(a,c,d="i8"){d.endsWith("*")&&(d="*");switch(d){case "i1":G[a>>0]=c;break;case "i8":G[a>>0]=c;break;case "i16":J[a>>1]=c;break;case "i32":K[a>>2]=c;break;case "i64":N[a>>3]=BigInt(c);break;case "float":M[a>>2]=c;break;case "double":O[a>>3]=c;break;case "*":L[a>>2]=c;break;default:D(`invalid type for setValue: ${d}`);}};
b.getValue=function(a,c="i8"){c.endsWith("*")&&(c="*");switch(c){case "i1":return G[a>>0];case "i8":return G[a>>0];case "i16":return J[a>>1];case "i32":return K[a>>2];case "i64":return N[a>>3];case "float":return M[a>>2];case "double":return O[a>>3];case "*":return L[a>>2];default:D(`invalid type for getValue: ${c}`);}};var Z;U=function pa(){Z||qa();Z||(U=pa);};
function qa(){function a(){if(!Z&&(Z=true,b.calledRun=true,!F)){W(R);h(b);if(b.onRuntimeInitialized)b.onRuntimeInitialized();if(b.postRun)for("function"==typeof b.postRun&&(b.postRun=[b.postRun]);b.postRun.length;){var c=b.postRun.shift();aa.unshift(c);}W(aa);}}if(!(0<S)){if(b.preRun)for("function"==typeof b.preRun&&(b.preRun=[b.preRun]);b.preRun.length;)ba();W(Q);0<S||(b.setStatus?(b.setStatus("Running..."),setTimeout(function(){setTimeout(function(){b.setStatus("");},1);a();},1)):a());}}
if(b.preInit)for("function"==typeof b.preInit&&(b.preInit=[b.preInit]);0<b.preInit.length;)b.preInit.pop()();qa();


  return moduleArg.ready
}
);
})();

var liblzma = /*#__PURE__*/Object.freeze({
    __proto__: null,
    default: createLZMA
});

export { LZMA_BUF_ERROR, LZMA_CHECK_CRC32, LZMA_CHECK_CRC64, LZMA_CHECK_NONE, LZMA_CHECK_SHA256, LZMA_DATA_ERROR, LZMA_FINISH, LZMA_FORMAT_ERROR, LZMA_FULL_FLUSH, LZMA_GET_CHECK, LZMA_MEMLIMIT_ERROR, LZMA_MEM_ERROR, LZMA_NO_CHECK, LZMA_OK, LZMA_OPTIONS_ERROR, LZMA_PROG_ERROR, LZMA_RUN, LZMA_STREAM_END, LZMA_SYNC_FLUSH, LZMA_UNSUPPORTED_CHECK, WasmLzmaStream, autoDecoderInit, checkIsSupported, code, copyFromWasm, copyToWasm, createUnxz, createXz, decoderInit, easyBufferEncode, easyDecoderMemusage, easyEncoderMemusage, encoderInit, end, getModule, initModule, isXZ, memusage, parseFileIndex, processStream, resetModule, streamBufferDecode, toUint8Array, unxz, unxzAsync, unxzSync, versionNumber, versionString, versionString$1 as wasmVersionString, xz, xzAsync, xzSync };
