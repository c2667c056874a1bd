/**
 * A streaming reader of `ar` archives (the .deb container): feed it chunks, it reports each
 * member's name and size and hands over the bytes of the members asked for. Members not kept
 * (the data.tar, possibly gigabytes) are skipped without being buffered.
 */
export interface ArMember {
  name: string
  size: number
  data?: Uint8Array
}

const MAGIC = '!<arch>\n'
const HEADER = 60

export class ArReader {
  private pending = Buffer.alloc(0)
  private magicSeen = false
  private current?: { name: string; size: number; left: number; keep: Buffer[] | undefined }
  private padding = 0
  readonly members: ArMember[] = []

  constructor(
    private readonly keep: (name: string) => boolean,
    private readonly maxKeep = 64 * 1024 * 1024
  ) {}

  push(chunk: Buffer): void {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk
    this.pending = Buffer.alloc(0)
    for (;;) {
      if (!this.magicSeen) {
        if (buf.length < MAGIC.length) break
        if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) {
          throw new Error('not an ar archive (a .deb starts with "!<arch>")')
        }
        this.magicSeen = true
        buf = buf.subarray(MAGIC.length)
      }
      if (this.padding > 0) {
        if (buf.length === 0) break
        buf = buf.subarray(1)
        this.padding = 0
      }
      if (this.current) {
        const take = Math.min(this.current.left, buf.length)
        if (this.current.keep) this.current.keep.push(Buffer.from(buf.subarray(0, take)))
        this.current.left -= take
        buf = buf.subarray(take)
        if (this.current.left > 0) break
        const { name, size, keep } = this.current
        this.members.push({ name, size, data: keep ? Buffer.concat(keep) : undefined })
        this.current = undefined
        this.padding = size % 2
        continue
      }
      if (buf.length < HEADER) break
      const header = buf.subarray(0, HEADER)
      if (header.toString('latin1', 58, 60) !== '`\n') {
        throw new Error(`corrupt ar member header after ${this.members.length} member(s)`)
      }
      const name = header.toString('latin1', 0, 16).trim().replace(/\/$/, '')
      const sizeText = header.toString('latin1', 48, 58).trim()
      if (!/^\d+$/.test(sizeText))
        throw new Error(`ar member ${name}: invalid size ${JSON.stringify(sizeText)}`)
      const size = Number(sizeText)
      const keep = this.keep(name)
      if (keep && size > this.maxKeep)
        throw new Error(`ar member ${name} is too large (${size} bytes)`)
      this.current = { name, size, left: size, keep: keep ? [] : undefined }
      buf = buf.subarray(HEADER)
    }
    if (buf.length) this.pending = Buffer.from(buf)
  }

  /** Call at the end of input: a member cut short means a truncated file. */
  end(): ArMember[] {
    if (!this.magicSeen) throw new Error('empty or truncated file (no ar header)')
    if (this.current) {
      throw new Error(
        `truncated: member ${this.current.name} declares ${this.current.size} bytes, ${this.current.left} missing`
      )
    }
    if (this.pending.length) {
      throw new Error(
        `truncated: the file ends inside a member header (${this.pending.length} of 60 bytes)`
      )
    }
    return this.members
  }
}
