/**
 * A Bloom filter over strings, kept as base64 in a segment manifest: it answers "may this
 * segment hold key X?" without loading the segment's entries. A "no" is certain; a "yes" is
 * wrong about 1% of the time (10 bits and 7 probes per key), which costs only a needless load.
 *
 * Written by hand because it is this small and its bytes are part of a published format: the
 * hash (FNV-1a over UTF-16 code units, two seeds, double hashing) must never change under us.
 */

const BITS_PER_KEY = 10
const PROBES = 7

function fnv1a(key: string, seed: number): number {
  let h = seed
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

function* probes(key: string, bits: number): Generator<number> {
  const h1 = fnv1a(key, 0x811c9dc5)
  // Odd, so the probes of a power-of-two filter visit distinct bits.
  const h2 = fnv1a(key, 0x050c5d1f) | 1
  for (let i = 0; i < PROBES; i++) yield ((h1 + Math.imul(i, h2)) >>> 0) % bits
}

/** A filter holding `keys`, as base64. */
export function bloomOf(keys: Iterable<string>): string {
  const list = [...keys]
  const bytes = Buffer.alloc(Math.max(8, Math.ceil((list.length * BITS_PER_KEY) / 8)))
  const bits = bytes.length * 8
  for (const key of list) {
    for (const bit of probes(key, bits)) bytes[bit >>> 3] |= 1 << (bit & 7)
  }
  return bytes.toString('base64')
}

/** A filter decoded once, to test many keys against it. */
export function bloomTest(filter: string): (key: string) => boolean {
  const bytes = Buffer.from(filter, 'base64')
  const bits = bytes.length * 8
  if (bits === 0) return () => true // unknown contents: assume anything may be there
  return (key) => {
    for (const bit of probes(key, bits))
      if ((bytes[bit >>> 3] & (1 << (bit & 7))) === 0) return false
    return true
  }
}
