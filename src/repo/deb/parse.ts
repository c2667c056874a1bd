import type { Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import * as path from 'node:path'
import { indexTarBytes } from '../../oci/tar-index.js'
import { decompressMember } from '../decompress.js'
import { Digester, type Digests } from '../digest.js'
import { PackageFormatError } from '../format-error.js'
import { ArReader } from './ar.js'
import { field, parseStanzas, type Stanza } from './control.js'
import { controlProblems } from './fields.js'
import { READ_CHUNK, readSmallFile } from '../../store/small-file.js'

/** What a .deb tells the index: its control stanza and the digests of the whole file. */
export interface DebPackage {
  file: string
  name: string
  version: string
  /** Debian architecture (`amd64`, `arm64`, `all`). */
  architecture: string
  control: Stanza
  digests: Digests
  /** The unfinished SHA-256 of a large file, which its signature continues (see `Digester`). */
  hashed?: Hash
}

/**
 * Reads a .deb in one streaming pass: the digests of every byte, the `ar` members, and the
 * control member (gzip, xz, zstd or plain) decompressed in memory; data.tar is never buffered.
 */
export async function parseDeb(file: string, display = path.basename(file)): Promise<DebPackage> {
  const digester = new Digester()
  const ar = new ArReader((name) => name.startsWith('control.tar'))
  try {
    // A package of up to a chunk in one read; a larger one streams, never whole in memory.
    const small = readSmallFile(file, READ_CHUNK)
    const source = small ? [small] : createReadStream(file, { highWaterMark: READ_CHUNK })
    for await (const chunk of source) {
      digester.update(chunk as Buffer)
      ar.push(chunk as Buffer)
    }
    const members = ar.end()
    if (members[0]?.name !== 'debian-binary') {
      throw new Error('first ar member is not debian-binary: not a Debian package')
    }
    const control = members.find((m) => m.name.startsWith('control.tar'))
    if (!control?.data) throw new Error('no control.tar member')
    if (!members.some((m) => m.name.startsWith('data.tar'))) throw new Error('no data.tar member')
    let tarBytes: Uint8Array
    try {
      tarBytes = await decompressMember(control.name, control.data)
    } catch (e) {
      throw new Error(`${control.name}: cannot decompress (${(e as Error).message})`)
    }
    const text = await controlFileOf(tarBytes, control.name)
    const stanzas = parseStanzas(text, `${control.name}/control`)
    if (stanzas.length !== 1)
      throw new Error(`control file has ${stanzas.length} stanzas, expected 1`)
    const stanza = stanzas[0]
    const problems = controlProblems(stanza)
    if (problems.length) throw new Error(`control file: ${problems.join('; ')}`)
    const name = field(stanza, 'Package')
    const version = field(stanza, 'Version')
    const architecture = field(stanza, 'Architecture')
    if (!name || !version || !architecture) {
      throw new Error('control file lacks Package, Version or Architecture')
    }
    const hashed = digester.sha256State()
    const digests = digester.digest()
    return {
      file,
      name,
      version,
      architecture,
      control: stanza,
      digests,
      ...(hashed && { hashed })
    }
  } catch (e) {
    if (e instanceof PackageFormatError) throw e
    throw new PackageFormatError(display, (e as Error).message)
  }
}

/**
 * The `./control` file of a control.tar, read from its headers in memory (the reader container
 * image tarballs use, `indexTar`): a tar-stream extraction, with its streams, cost a few
 * milliseconds of a small publish for a member of a few hundred bytes.
 */
async function controlFileOf(tarBytes: Uint8Array, member: string): Promise<string> {
  const bytes = Buffer.from(tarBytes.buffer, tarBytes.byteOffset, tarBytes.byteLength)
  // Errors name the member: `control.tar.gz: not a tar archive (bad header checksum ...)`.
  const entries = await indexTarBytes(bytes, member)
  const control = entries.get('control')
  if (control === undefined) throw new Error(`${member} has no ./control file`)
  return bytes.toString('utf8', control.offset, control.offset + control.size)
}
