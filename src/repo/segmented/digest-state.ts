/**
 * Resumable index digests. apt's Release lists the MD5, SHA256 and SHA512 of each index file, and
 * dnf's repomd.xml the SHA256 of each repodata file, compressed and open; an index is written as
 * segments of which a publish usually keeps all but the last (see `segments.ts`). Saving the hash
 * states at each segment boundary lets the next publish resume from the last kept segment and
 * hash only the bytes after it, instead of the whole file.
 *
 * node:crypto cannot export a hash state, so this uses hash-wasm, whose MD5 and SHA-2 save and
 * load theirs. Only the digests of the whole file leave this module; the states stay opaque.
 */
import { createHash } from 'node:crypto'
import type { Digests } from '../digest.js'

/**
 * The hash states after some bytes (MD5, SHA256 and SHA512 for apt, SHA256 alone for dnf), as
 * one base64 string behind a format tag that names the set, this layout and the hash-wasm version
 * that wrote it: a state from another version or set is refused and the caller hashes from the
 * bytes. Safe in a JSON manifest: about 800 characters for apt's set, 200 for SHA256 alone.
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
  /**
   * Of the whole file: size and the set's digests; SHA1, and those outside the set, are ''
   * (as SHA1 in `indexDigests`).
   */
  digests: Digests
  /** The state after each part (not after the tail), in order: where a later call may resume. */
  states: Resumable[]
}

/** The installed hash-wasm; a test checks it against node_modules, so an upgrade bumps it. */
export const HASH_WASM_VERSION = '4.13.0'

/** Which digests a file's state carries: apt's three, or dnf's SHA256. */
export type DigestSet = 'apt' | 'sha256'
const SETS: Record<DigestSet, { tag: string; names: Array<'md5' | 'sha256' | 'sha512'> }> = {
  apt: { tag: `d1.hw${HASH_WASM_VERSION}:`, names: ['md5', 'sha256', 'sha512'] },
  sha256: { tag: `s1.hw${HASH_WASM_VERSION}:`, names: ['sha256'] }
}

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

type Hashers = Record<
  'md5' | 'sha256' | 'sha512',
  {
    hasher: Hasher
    /** Its state as created: a fresh instance's zeroed memory, initialised. */
    clean: Uint8Array
  }
>

/** The hashers of a set, in the order their states are saved. */
interface SetHashers {
  tag: string
  all: Hasher[]
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
  const [md5, sha256, sha512] = await Promise.all([createMD5(), createSHA256(), createSHA512()])
  // init() would not clear what a digest() left in the block buffer; load(clean) does.
  const entry = (hasher: Hasher) => ({ hasher, clean: hasher.save() })
  return { md5: entry(md5), sha256: entry(sha256), sha512: entry(sha512) }
}

async function hashersOf(set: DigestSet): Promise<SetHashers> {
  const loaded = await loadHashers()
  const { tag, names } = SETS[set]
  return { tag, all: names.map((n) => loaded[n].hasher), clean: names.map((n) => loaded[n].clean) }
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
  tail?: Uint8Array,
  set?: DigestSet
): Promise<Resumed>
export function resumeDigests(
  from: Resumable | undefined,
  parts: readonly Uint8Array[],
  tail?: Uint8Array,
  set?: DigestSet
): Promise<Resumed | undefined>
export async function resumeDigests(
  from: Resumable | undefined,
  parts: readonly Uint8Array[],
  tail: Uint8Array = new Uint8Array(0),
  set: DigestSet = 'apt'
): Promise<Resumed | undefined> {
  const hashers = await hashersOf(set)
  const { all, clean } = hashers
  let size = 0
  let carry: Uint8Array = new Uint8Array(0)
  if (from === undefined) {
    all.forEach((h, i) => h.load(clean[i]))
  } else {
    const loaded = loadState(hashers, from)
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
    states.push({ size, state: saveState(hashers, size, carry) })
  }
  update(carry)
  update(tail)
  size += tail.length
  const digests: Digests = { size, md5: '', sha1: '', sha256: '', sha512: '' }
  SETS[set].names.forEach((name, i) => (digests[name] = all[i].digest('hex')))
  return { digests, states }
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
function saveState({ tag, all }: SetHashers, size: number, carry: Uint8Array): DigestState {
  const head = Buffer.alloc(SIZE_BYTES)
  head.writeBigUInt64LE(BigInt(size))
  const body = Buffer.concat([head, ...all.map((h) => h.save()), carry])
  return tag + Buffer.concat([body, check(tag, body)]).toString('base64')
}

/**
 * Loads a saved state into the hashers, or says it cannot. hash-wasm checks that a state is its
 * own build's and of the right length, but would load flipped bytes inside it and give wrong
 * digests; the check bytes (a truncated SHA-256 of the rest) catch that.
 */
function loadState(
  { tag, all, clean }: SetHashers,
  from: Resumable
): { size: number; carry: Uint8Array } | undefined {
  if (typeof from.state !== 'string' || !from.state.startsWith(tag)) return undefined
  if (!Number.isSafeInteger(from.size) || from.size < 0) return undefined
  const encoded = from.state.slice(tag.length)
  const bytes = Buffer.from(encoded, 'base64')
  // Node's decoder skips what is not base64 and stops at padding; only the exact string saved counts.
  if (bytes.toString('base64') !== encoded) return undefined
  const statesLength = clean.reduce((n, s) => n + s.length, 0)
  const carryLength = from.size % BLOCK
  if (bytes.length !== SIZE_BYTES + statesLength + carryLength + CHECK_BYTES) return undefined
  const body = bytes.subarray(0, bytes.length - CHECK_BYTES)
  if (!check(tag, body).equals(bytes.subarray(body.length))) return undefined
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

function check(tag: string, body: Uint8Array): Buffer {
  return createHash('sha256').update(tag).update(body).digest().subarray(0, CHECK_BYTES)
}
