/**
 * Resumable index digests. apt's Release lists the MD5, SHA256 and SHA512 of each index file, and
 * an index is written as segments of which a publish usually keeps all but the last (see
 * `segments.ts`). Saving the three hash states at each segment boundary lets the next publish
 * resume from the last kept segment and hash only the bytes after it, instead of the whole file.
 *
 * node:crypto cannot export a hash state, so this uses hash-wasm, whose MD5 and SHA-2 save and
 * load theirs. Only the digests of the whole file leave this module; the states stay opaque.
 */
import { createHash } from 'node:crypto'
import type { Digests } from './digest.js'

/**
 * The MD5, SHA256 and SHA512 states after some bytes, as one base64 string behind a format tag
 * that names this layout and the hash-wasm version that wrote it: a state from another version is
 * refused and the caller hashes from the bytes. Safe in a JSON manifest, about 800 characters.
 *
 * It holds the last (size mod 128) bytes hashed in the clear: fine for public index files, not
 * for secrets. The same bytes always give the same string, whatever the part boundaries they
 * were hashed in and whatever the process hashed before.
 */
export type DigestState = string

/** A point to resume from: the state after the first `size` bytes of a file. */
export interface Resumable {
  state: DigestState
  size: number
}

export interface Resumed {
  /** Of the whole file: size, MD5, SHA256, SHA512; SHA1 is '' as in `indexDigests`. */
  digests: Digests
  /** The state after each part (not after the tail), in order: where a later call may resume. */
  states: Resumable[]
}

/** The installed hash-wasm; a test checks it against node_modules, so an upgrade bumps it. */
export const HASH_WASM_VERSION = '4.13.0'
const TAG = `d1.hw${HASH_WASM_VERSION}:`

/**
 * The hash-wasm hashers are fed whole 128-byte blocks only (SHA-512's block; MD5's and SHA-256's
 * 64 divides it), the rest carried in the state by us. Fed that way their saved state is the
 * same for the same bytes however they were split; fed arbitrary pieces it also keeps leftovers
 * of earlier input in the unused end of its block buffer, and so depends on the splits.
 */
const BLOCK = 128
const SIZE_BYTES = 8
const CHECK_BYTES = 8

type Hasher = Awaited<ReturnType<(typeof import('hash-wasm'))['createMD5']>>

interface Hashers {
  all: [md5: Hasher, sha256: Hasher, sha512: Hasher]
  /** Each hasher's state as created: a fresh instance's zeroed memory, initialised. */
  clean: Uint8Array[]
}

// Loaded on the first call only, so a run that writes no apt index never loads hash-wasm; the
// hashers are created once per process and reset with load(), since creating one (instantiating
// its WebAssembly) costs more than hashing a small segment. Every use below is synchronous from
// load() to save()/digest(), so concurrent calls cannot interleave on a hasher.
let hashers: Promise<Hashers> | undefined

async function loadHashers(): Promise<Hashers> {
  hashers ??= createHashers()
  try {
    return await hashers
  } catch (err) {
    hashers = undefined // a later call tries again rather than repeating a stale failure
    throw new Error(
      `cannot load the index hashers (hash-wasm): ${err instanceof Error ? err.message : String(err)}`,
      { cause: err }
    )
  }
}

// Outside any try block: rollup keeps everything a try block reaches (treeshake
// tryCatchDeoptimization), which would bundle all ~30 of hash-wasm's algorithms (272 KB, each an
// inlined WebAssembly binary). Destructured where imported, so only these three are kept (54 KB).
async function createHashers(): Promise<Hashers> {
  const { createMD5, createSHA256, createSHA512 } = await import('hash-wasm')
  const all = await Promise.all([createMD5(), createSHA256(), createSHA512()])
  // init() would not clear what a digest() left in the block buffer; load(clean) does.
  return { all, clean: all.map((h) => h.save()) }
}

/**
 * Digests of the file `prefix + parts[0] + ... + parts[n-1] + tail`, where the prefix is summarised
 * by `from` (undefined: the file starts with parts[0]), with the state after each part.
 *
 * Returns undefined when `from` cannot be resumed here (written by another hash-wasm version or
 * layout, corrupt, or not of `from.size` bytes): the caller then hashes the file from its bytes,
 * e.g. `resumeDigests(undefined, [oldSegments..., newSegment], tail)`.
 */
export function resumeDigests(
  from: undefined,
  parts: readonly Uint8Array[],
  tail?: Uint8Array
): Promise<Resumed>
export function resumeDigests(
  from: Resumable | undefined,
  parts: readonly Uint8Array[],
  tail?: Uint8Array
): Promise<Resumed | undefined>
export async function resumeDigests(
  from: Resumable | undefined,
  parts: readonly Uint8Array[],
  tail: Uint8Array = new Uint8Array(0)
): Promise<Resumed | undefined> {
  const { all, clean } = await loadHashers()
  let size = 0
  let carry: Uint8Array = new Uint8Array(0)
  if (from === undefined) {
    all.forEach((h, i) => h.load(clean[i]))
  } else {
    const loaded = loadState(all, clean, from)
    if (!loaded) return undefined
    ;({ size, carry } = loaded)
  }
  const update = (bytes: Uint8Array): void => {
    if (bytes.length > 0) for (const h of all) h.update(bytes)
  }
  const states: Resumable[] = []
  for (const part of parts) {
    carry = feedBlocks(update, carry, part)
    size += part.length
    states.push({ size, state: saveState(all, size, carry) })
  }
  update(carry)
  update(tail)
  size += tail.length
  const [md5, sha256, sha512] = all.map((h) => h.digest('hex'))
  return { digests: { size, md5, sha1: '', sha256, sha512 }, states }
}

/**
 * Feeds the hashers the whole blocks of `carry + data` and returns what is left (under a block).
 * Only the first block is copied; the rest is hashed in place.
 */
function feedBlocks(
  update: (bytes: Uint8Array) => void,
  carry: Uint8Array,
  data: Uint8Array
): Uint8Array {
  let at = 0
  if (carry.length > 0) {
    const need = BLOCK - carry.length
    if (data.length < need) return concat(carry, data)
    update(concat(carry, data.subarray(0, need)))
    at = need
  }
  const end = at + Math.floor((data.length - at) / BLOCK) * BLOCK
  update(data.subarray(at, end))
  return data.subarray(end)
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/** Layout after the tag, base64: size (u64 LE), the three hash-wasm states, the carry, a check. */
function saveState(all: Hashers['all'], size: number, carry: Uint8Array): DigestState {
  const head = Buffer.alloc(SIZE_BYTES)
  head.writeBigUInt64LE(BigInt(size))
  const body = Buffer.concat([head, ...all.map((h) => h.save()), carry])
  return TAG + Buffer.concat([body, check(body)]).toString('base64')
}

/**
 * Loads a saved state into the hashers, or says it cannot. hash-wasm checks that a state is its
 * own build's and of the right length, but would load flipped bytes inside it and give wrong
 * digests; the check bytes (a truncated SHA-256 of the rest) catch that.
 */
function loadState(
  all: Hashers['all'],
  clean: Uint8Array[],
  from: Resumable
): { size: number; carry: Uint8Array } | undefined {
  if (typeof from.state !== 'string' || !from.state.startsWith(TAG)) return undefined
  if (!Number.isSafeInteger(from.size) || from.size < 0) return undefined
  const encoded = from.state.slice(TAG.length)
  const bytes = Buffer.from(encoded, 'base64')
  // Node's decoder skips what is not base64 and stops at padding; only the exact string saved counts.
  if (bytes.toString('base64') !== encoded) return undefined
  const statesLength = clean.reduce((n, s) => n + s.length, 0)
  const carryLength = from.size % BLOCK
  if (bytes.length !== SIZE_BYTES + statesLength + carryLength + CHECK_BYTES) return undefined
  const body = bytes.subarray(0, bytes.length - CHECK_BYTES)
  if (!check(body).equals(bytes.subarray(body.length))) return undefined
  if (body.readBigUInt64LE(0) !== BigInt(from.size)) return undefined
  let at = SIZE_BYTES
  try {
    all.forEach((h, i) => {
      h.load(body.subarray(at, at + clean[i].length))
      at += clean[i].length
    })
  } catch {
    return undefined // another build of hash-wasm: its own check refused the state
  }
  return { size: from.size, carry: new Uint8Array(body.subarray(at)) }
}

function check(body: Uint8Array): Buffer {
  return createHash('sha256').update(TAG).update(body).digest().subarray(0, CHECK_BYTES)
}
