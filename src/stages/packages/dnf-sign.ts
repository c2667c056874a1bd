import type { Hash } from 'node:crypto'
import { createReadStream, createWriteStream, promises as fs } from 'node:fs'
import * as path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Sha256Counter } from '../../repo/digest.js'
import {
  parseHeader,
  RpmType,
  serializeSignatureHeader,
  type HeaderEntry
} from '../../repo/rpm/header.js'
import type { RpmPackage } from '../../repo/rpm/parse.js'
import { headerSignature, type SigningKeys } from '../../sign/openpgp.js'

/** An RPM with a header signature added, and the sha256 of the file as it was given. */
export type SignedRpm = RpmPackage & {
  sourceSha256: string
  /** The SHA-256 of the signed file, unfinished, for its detached signature (a large file). */
  hashed?: Hash
}

/**
 * Adds a header-only OpenPGP signature to an RPM, as `rpmsign --addsign` does: the signature
 * covers the main header (which itself carries the payload digest), goes into the signature
 * header (RSA keys in tag 268, EdDSA/ECDSA in tag 267), and the signature header is rewritten.
 * The main header and payload are copied unchanged. rpm can hold one signature of each kind:
 * the first key signs the header; every key signs the detached `.asc`.
 *
 * What the repodata needs of the signed file is known without reading it back: the headers
 * are the ones just written, and its SHA-256 is taken as it is written.
 */
export async function signRpmFile(
  pkg: RpmPackage,
  keys: SigningKeys,
  workdir: string
): Promise<SignedRpm> {
  const { packet, rsa } = await headerSignature(pkg.mainHeader, keys)
  const tag = rsa ? 268 : 267
  const signature = Buffer.from(packet)
  const kept = pkg.signature.entries.filter(
    (e) => ![62, 267, 268, 1002, 1005, 1008].includes(e.tag)
  )
  const entries: HeaderEntry[] = [
    ...kept,
    { tag, type: RpmType.BIN, count: signature.length, data: signature }
  ]
  const sigHeader = serializeSignatureHeader(entries)
  const pad = Buffer.alloc((8 - (sigHeader.length % 8)) % 8)
  const lead = Buffer.alloc(96)
  const handle = await fs.open(pkg.file, 'r')
  try {
    await handle.read(lead, 0, 96, 0)
  } finally {
    await handle.close()
  }
  await fs.mkdir(path.join(workdir, 'signed-rpms'), { recursive: true })
  const out = path.join(workdir, 'signed-rpms', path.basename(pkg.file))
  const digest = new Sha256Counter()
  await pipeline(
    (async function* () {
      const headers = Buffer.concat([lead, sigHeader, pad, pkg.mainHeader])
      digest.update(headers)
      yield headers
      for await (const chunk of createReadStream(pkg.file, { start: pkg.payloadOffset })) {
        digest.update(chunk as Buffer)
        yield chunk
      }
    })(),
    createWriteStream(out)
  )
  const start = lead.length + sigHeader.length + pad.length
  const end = start + pkg.mainHeader.length
  const hashed = digest.kept()
  return {
    ...pkg,
    file: out,
    signature: parseHeader(sigHeader, 'signature header'),
    headerRange: { start, end },
    payloadOffset: end,
    digests: digest.digest(),
    sourceSha256: pkg.digests.sha256,
    ...(hashed && { hashed })
  }
}
