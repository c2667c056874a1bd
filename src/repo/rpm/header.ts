/**
 * RPM header structures: an 8-byte magic+reserved, the entry count and data size, 16-byte index
 * entries (tag, type, offset, count), then the data store. Used for the signature header and
 * the main header alike.
 */
export const HEADER_MAGIC = Buffer.from([0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0])

export enum RpmType {
  NULL = 0,
  CHAR = 1,
  INT8 = 2,
  INT16 = 3,
  INT32 = 4,
  INT64 = 5,
  STRING = 6,
  BIN = 7,
  STRING_ARRAY = 8,
  I18NSTRING = 9
}

export interface HeaderEntry {
  tag: number
  type: RpmType
  count: number
  /** This entry's bytes in the data store (exact length, no alignment padding). */
  data: Buffer
}

export interface Header {
  entries: HeaderEntry[]
  /** The header's length in the file (intro + index + data store). */
  length: number
}

const SIZES: Partial<Record<RpmType, number>> = {
  [RpmType.CHAR]: 1,
  [RpmType.INT8]: 1,
  [RpmType.INT16]: 2,
  [RpmType.INT32]: 4,
  [RpmType.INT64]: 8,
  [RpmType.BIN]: 1
}

/** The size a header starting at `buf[0]` will have, once its 16-byte intro is available. */
export function headerLength(intro: Buffer, what: string): number {
  if (intro.length < 16) throw new Error(`${what}: truncated header intro`)
  if (!intro.subarray(0, 4).equals(HEADER_MAGIC.subarray(0, 4)))
    throw new Error(`${what}: bad header magic`)
  const il = intro.readUInt32BE(8)
  const dl = intro.readUInt32BE(12)
  if (il > 0xffff || dl > 256 * 1024 * 1024)
    throw new Error(`${what}: implausible header size (${il} entries, ${dl} bytes)`)
  return 16 + il * 16 + dl
}

export function parseHeader(buf: Buffer, what: string): Header {
  const length = headerLength(buf, what)
  if (buf.length < length)
    throw new Error(`${what}: truncated (header needs ${length} bytes, file has ${buf.length})`)
  const il = buf.readUInt32BE(8)
  const dl = buf.readUInt32BE(12)
  const store = buf.subarray(16 + il * 16, length)
  const entries: HeaderEntry[] = []
  for (let i = 0; i < il; i++) {
    const at = 16 + i * 16
    const tag = buf.readUInt32BE(at)
    const type = buf.readUInt32BE(at + 4) as RpmType
    const offset = buf.readInt32BE(at + 8)
    const count = buf.readUInt32BE(at + 12)
    if (offset < 0 || offset > dl)
      throw new Error(`${what}: entry ${tag} points outside the data store`)
    let end: number
    const size = SIZES[type]
    if (size !== undefined) end = offset + size * count
    else if (
      type === RpmType.STRING ||
      type === RpmType.STRING_ARRAY ||
      type === RpmType.I18NSTRING
    ) {
      end = offset
      const n = type === RpmType.STRING ? 1 : count
      for (let k = 0; k < n; k++) {
        const nul = store.indexOf(0, end)
        if (nul < 0) throw new Error(`${what}: unterminated string in entry ${tag}`)
        end = nul + 1
      }
    } else if (type === RpmType.NULL) end = offset
    else throw new Error(`${what}: entry ${tag} has unknown type ${type}`)
    if (end > dl) throw new Error(`${what}: entry ${tag} runs past the data store`)
    entries.push({ tag, type, count, data: Buffer.from(store.subarray(offset, end)) })
  }
  return { entries, length }
}

/** Typed access to a parsed header's values. */
export class HeaderValues {
  private readonly byTag: Map<number, HeaderEntry>
  constructor(readonly header: Header) {
    this.byTag = new Map(header.entries.map((e) => [e.tag, e]))
  }
  has(tag: number): boolean {
    return this.byTag.has(tag)
  }
  string(tag: number): string | undefined {
    return this.strings(tag)[0]
  }
  strings(tag: number): string[] {
    const e = this.byTag.get(tag)
    if (!e) return []
    if (
      e.type !== RpmType.STRING &&
      e.type !== RpmType.STRING_ARRAY &&
      e.type !== RpmType.I18NSTRING
    )
      return []
    const parts = e.data.toString('utf8').split('\0')
    return parts.slice(0, e.type === RpmType.STRING ? 1 : e.count)
  }
  numbers(tag: number): number[] {
    const e = this.byTag.get(tag)
    if (!e) return []
    const out: number[] = []
    for (let i = 0; i < e.count; i++) {
      if (e.type === RpmType.INT32) out.push(e.data.readUInt32BE(i * 4))
      else if (e.type === RpmType.INT16) out.push(e.data.readUInt16BE(i * 2))
      else if (e.type === RpmType.INT64) out.push(Number(e.data.readBigUInt64BE(i * 8)))
      else if (e.type === RpmType.INT8 || e.type === RpmType.CHAR) out.push(e.data[i])
    }
    return out
  }
  number(tag: number): number | undefined {
    return this.numbers(tag)[0]
  }
}

const ALIGN: Partial<Record<RpmType, number>> = {
  [RpmType.INT16]: 2,
  [RpmType.INT32]: 4,
  [RpmType.INT64]: 8
}

/** RPMTAG_HEADERSIGNATURES: the region tag that makes a signature header immutable. */
export const REGION_SIGNATURES = 62

/**
 * Serializes a signature header the way rpm writes one: a region entry (tag 62) first whose
 * trailer, at the end of the data store, covers every entry; entries sorted by tag and aligned.
 */
export function serializeSignatureHeader(entries: HeaderEntry[]): Buffer {
  const sorted = entries.filter((e) => e.tag !== REGION_SIGNATURES).sort((a, b) => a.tag - b.tag)
  const il = sorted.length + 1
  const index: Buffer[] = []
  const data: Buffer[] = []
  let dl = 0
  const entry = (tag: number, type: number, offset: number, count: number): Buffer => {
    const b = Buffer.alloc(16)
    b.writeUInt32BE(tag, 0)
    b.writeUInt32BE(type, 4)
    b.writeInt32BE(offset, 8)
    b.writeUInt32BE(count, 12)
    return b
  }
  for (const e of sorted) {
    const align = ALIGN[e.type] ?? 1
    const pad = (align - (dl % align)) % align
    if (pad) {
      data.push(Buffer.alloc(pad))
      dl += pad
    }
    index.push(entry(e.tag, e.type, dl, e.count))
    data.push(e.data)
    dl += e.data.length
  }
  const trailer = entry(REGION_SIGNATURES, RpmType.BIN, -(il * 16), 16)
  const region = entry(REGION_SIGNATURES, RpmType.BIN, dl, 16)
  data.push(trailer)
  dl += 16
  const intro = Buffer.alloc(16)
  HEADER_MAGIC.copy(intro)
  intro.writeUInt32BE(il, 8)
  intro.writeUInt32BE(dl, 12)
  return Buffer.concat([intro, region, ...index, ...data])
}
