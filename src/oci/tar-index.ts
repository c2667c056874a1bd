import { open } from 'node:fs/promises'

/**
 * Where each regular file of a tar archive sits, found by reading only the 512-byte headers.
 * Image tarballs (`docker save`, oci-archive) hold layers of hundreds of megabytes; with the
 * offsets known a layer is streamed straight out of the archive (a byte range) instead of being
 * extracted first. tar-stream and friends read archives front to back only, hence this.
 */

export interface TarEntry {
  /** Path inside the archive, without a leading `./`. */
  name: string
  /** Offset of the file's first byte in the archive. */
  offset: number
  size: number
}

const BLOCK = 512

function text(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length)
  const end = field.indexOf(0)
  return field.subarray(0, end < 0 ? field.length : end).toString('utf8')
}

function numeric(block: Buffer, start: number, length: number): number {
  const field = block.subarray(start, start + length)
  if (field[0] & 0x80) {
    // GNU base-256 for sizes beyond the 8 GiB that 11 octal digits hold.
    let value = field[0] & 0x7f
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]
    return value
  }
  const digits = text(block, start, length).trim()
  return digits === '' ? 0 : parseInt(digits, 8)
}

function checksumOk(block: Buffer): boolean {
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]
  return sum === numeric(block, 148, 8)
}

/** Paxes and GNU long names can override the next header's path. */
function paxPath(data: Buffer): string | undefined {
  let rest = data.toString('utf8')
  while (rest.length > 0) {
    const space = rest.indexOf(' ')
    const length = parseInt(rest.slice(0, space), 10)
    if (!(length > 0)) break
    const record = rest.slice(space + 1, length - 1)
    const eq = record.indexOf('=')
    if (record.slice(0, eq) === 'path') return record.slice(eq + 1)
    rest = rest.slice(length)
  }
  return undefined
}

function clean(name: string): string {
  return name.replace(/^(\.\/)+/, '').replace(/^\/+/, '')
}

/** Indexes a tar archive; throws naming the file when it is not one. */
export async function indexTar(file: string): Promise<Map<string, TarEntry>> {
  const handle = await open(file, 'r')
  try {
    const { size: total } = await handle.stat()
    return await walkTar(file, total, async (position, length) => {
      const bytes = Buffer.alloc(length)
      await handle.read(bytes, 0, length, position)
      return bytes
    })
  } finally {
    await handle.close()
  }
}

/**
 * Indexes a tar archive held in memory (a .deb's control.tar, a few kilobytes): the same reading
 * as `indexTar`; `where` names it in errors. Each entry lies within `bytes`, or this throws.
 */
export async function indexTarBytes(bytes: Buffer, where: string): Promise<Map<string, TarEntry>> {
  const entries = await walkTar(where, bytes.length, (position, length) =>
    Promise.resolve(bytes.subarray(position, position + length))
  )
  for (const e of entries.values()) {
    if (e.offset + e.size > bytes.length) {
      throw new Error(`${where}: not a tar archive (${e.name} is cut short)`)
    }
  }
  return entries
}

async function walkTar(
  where: string,
  total: number,
  read: (position: number, length: number) => Promise<Buffer>
): Promise<Map<string, TarEntry>> {
  const entries = new Map<string, TarEntry>()
  let position = 0
  let longName: string | undefined
  while (position + BLOCK <= total) {
    const block = await read(position, BLOCK)
    if (block.every((b) => b === 0)) break
    if (!checksumOk(block)) {
      throw new Error(`${where}: not a tar archive (bad header checksum at offset ${position})`)
    }
    const size = numeric(block, 124, 12)
    const type = String.fromCharCode(block[156] || 48)
    const prefix = block.subarray(257, 263).toString('latin1').startsWith('ustar')
      ? text(block, 345, 155)
      : ''
    const base = text(block, 0, 100)
    const dataStart = position + BLOCK
    if (type === 'L' || type === 'x') {
      const data = await read(dataStart, size)
      longName = type === 'L' ? text(data, 0, size) : (paxPath(data) ?? longName)
    } else {
      if (type === '0' || type === '7') {
        const name = clean(longName ?? (prefix ? `${prefix}/${base}` : base))
        entries.set(name, { name, offset: dataStart, size })
      }
      longName = undefined
    }
    position = dataStart + Math.ceil(size / BLOCK) * BLOCK
  }
  if (position + BLOCK > total && entries.size === 0) {
    throw new Error(`${where}: not a tar archive (no entries)`)
  }
  return entries
}
