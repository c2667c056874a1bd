import { createHash, randomBytes, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import type * as openpgp from 'openpgp'
import { digestSigner, type DigestSigner, type KeyMaterial } from './node-keys.js'
import { armor, armoredPackets } from './pgp-packets.js'
import { readSecretKey, validAt, type FastKey } from './secret-key.js'
import { READ_CHUNK, readSmallFile } from '../store/small-file.js'
import { hashedPart, hashTrailer, signaturePacket } from './stream-signature.js'

/**
 * Signing with openpgp.js: detached armoured signatures (`.asc`, `Release.gpg`,
 * `repomd.xml.asc`), clear-signed text (`InRelease`) and raw signature packets (RPM headers).
 * Several keys at once: during a key rotation metadata carries a signature from each, and a
 * client that trusts either key accepts it.
 */

/**
 * openpgp.js, loaded on first use: its module costs about 40 ms of CPU to load, and a publish
 * whose keys `secret-key.ts` reads (gpg's RSA and Ed25519 keys) signs without it.
 */
export const loadOpenpgp = (): Promise<typeof openpgp> => import('openpgp')

/** SHA-256: what RHEL 9/FIPS hosts, rpm and apt all accept; never SHA-1 or MD5. */
const config = { preferredHashAlgorithm: 8 /* openpgp.enums.hash.sha256 */ }

export interface SigningKeys {
  /** openpgp.js's keys, read and unlocked on first call (loading openpgp.js). */
  openpgpKeys(): Promise<openpgp.PrivateKey[]>
  /**
   * The keys read by hand (`secret-key.ts`) when every key could be, checked able to sign when
   * read: then signing, and checking signatures made with them, do not load openpgp.js.
   */
  fast?: FastKey[]
  /**
   * Signers in worker threads standing in for `fast`'s, one per key, while a bulk publish runs
   * (`sign-workers.ts`); the checks on `fast` (expiry) still apply.
   */
  workerSigners?: Signer[]
  /** Armoured public keys, one block per key, for users to download. */
  publicArmored: string[]
  /** Upper-case hex fingerprints, in the order given. */
  fingerprints: string[]
  /** Upper-case hex key ids of each key: its primary key's, then its subkeys'. */
  keyIds: string[][]
}

/**
 * Reads armoured private keys and unlocks them. `armored` may hold several key blocks
 * concatenated (that is how the `gpg-private-key` input takes more than one key).
 * Errors never include the key material or the passphrase.
 */
export async function loadSigningKeys(armored: string, passphrase = ''): Promise<SigningKeys> {
  const blocks = splitArmorBlocks(armored, 'PRIVATE KEY BLOCK')
  if (blocks.length === 0) {
    throw new Error(
      'no armoured private key found (expected -----BEGIN PGP PRIVATE KEY BLOCK-----)'
    )
  }
  const fast = readFast(blocks, passphrase)
  if (fast) {
    let keys: Promise<openpgp.PrivateKey[]> | undefined
    return {
      fast,
      openpgpKeys: () => (keys ??= readWithOpenpgp(blocks, passphrase)),
      publicArmored: fast.map((k) => k.publicArmored),
      fingerprints: fast.map((k) => k.fingerprint),
      keyIds: fast.map((k) => k.keyIds)
    }
  }
  const keys = await readWithOpenpgp(blocks, passphrase)
  return {
    openpgpKeys: () => Promise.resolve(keys),
    publicArmored: keys.map((k) => k.toPublic().armor()),
    fingerprints: keys.map(fpr),
    keyIds: keys.map((k) => k.getKeyIDs().map((id) => id.toHex().toUpperCase()))
  }
}

/** Every block read by hand, or undefined if one cannot be (then openpgp.js reads them all). */
function readFast(blocks: string[], passphrase: string): FastKey[] | undefined {
  const now = Math.floor(Date.now() / 1000)
  try {
    return blocks.map((block) =>
      readSecretKey(armoredPackets(block, 'PRIVATE KEY BLOCK'), passphrase, now)
    )
  } catch {
    // Unsupported, or malformed: openpgp.js decides, with its own error messages.
    return undefined
  }
}

async function readWithOpenpgp(
  blocks: string[],
  passphrase: string
): Promise<openpgp.PrivateKey[]> {
  const openpgp = await loadOpenpgp()
  const keys: openpgp.PrivateKey[] = []
  for (const [i, block] of blocks.entries()) {
    let key: openpgp.PrivateKey
    try {
      key = await openpgp.readPrivateKey({ armoredKey: block })
    } catch (e) {
      throw new Error(`private key ${i + 1}: not a readable OpenPGP key (${firstLine(e)})`)
    }
    if (!key.isDecrypted()) {
      if (passphrase === '') {
        throw new Error(`private key ${i + 1} (${fpr(key)}) is protected: give its passphrase`)
      }
      try {
        key = await openpgp.decryptKey({ privateKey: key, passphrase })
      } catch {
        throw new Error(`private key ${i + 1} (${fpr(key)}): the passphrase does not unlock it`)
      }
    }
    keys.push(key)
  }
  return keys
}

function fpr(key: openpgp.Key): string {
  return key.getFingerprint().toUpperCase()
}

function firstLine(e: unknown): string {
  return String(e instanceof Error ? e.message : e).split('\n')[0]
}

/** Splits concatenated armoured blocks of one kind. */
export function splitArmorBlocks(text: string, kind: string): string[] {
  const re = new RegExp(`-----BEGIN PGP ${kind}-----[\\s\\S]*?-----END PGP ${kind}-----`, 'g')
  return text.match(re) ?? []
}

/** Who signs a digest: in this thread (`DigestSigner`) or in a signing worker. */
export interface Signer extends Omit<DigestSigner, 'sign' | 'privateKey'> {
  sign(digest: Uint8Array): Uint8Array[] | Promise<Uint8Array[]>
}

type Data = Uint8Array | string | Readable

function toMessageData(data: Data): Uint8Array | ReadableStream<Uint8Array> {
  if (typeof data === 'string') return new TextEncoder().encode(data)
  if (data instanceof Uint8Array) return data
  return Readable.toWeb(data) as unknown as ReadableStream<Uint8Array>
}

/**
 * A detached ASCII-armoured signature over binary data, one signature packet per key.
 *
 * The data is hashed as it streams (SHA-256, node:crypto) and only the digest is signed, so a
 * 1 GiB package costs no more memory than a small file: openpgp.js, given a stream, keeps the
 * whole message in memory before it signs. openpgp.js still reads and unlocks the keys and picks
 * the signing (sub)key, checking that it is valid now.
 */
export async function detachSign(data: Data, keys: SigningKeys): Promise<string> {
  let packets: Buffer | undefined
  try {
    packets = await digestSignaturePackets(() => hashData(data), keys)
  } catch (e) {
    // Not read, so close it: a file stream otherwise holds its descriptor until collected.
    if (data instanceof Readable) data.destroy()
    throw e
  }
  return packets ? armorSignature(packets) : openpgpDetachSign(data, keys)
}

/**
 * A detached signature of a local file. `hashed`, when given, is a SHA-256 that has already
 * been fed every byte of the file and not finished (the planning pass, see `sha256FileState`):
 * a signature hashes the data and then its own trailer, so it continues from a copy of that
 * state and the file is not read again. Without it, or for a key only openpgp.js signs with,
 * the file is read here.
 */
export async function detachSignFile(
  file: string,
  keys: SigningKeys,
  hashed?: Hash
): Promise<string> {
  const read = () => createReadStream(file, { highWaterMark: READ_CHUNK })
  // A small file (the plan keeps no hash of one) is read in one go rather than through a stream.
  const packets = await digestSignaturePackets(
    () => (hashed ? Promise.resolve(hashed) : hashData(readSmallFile(file, READ_CHUNK) ?? read())),
    keys
  )
  return packets ? armorSignature(packets) : openpgpDetachSign(read(), keys)
}

function armorSignature(packets: Uint8Array): string {
  // As openpgp.js writes v4 signatures, CRC24 line included (see `armor`).
  return armor('SIGNATURE', packets)
}

/**
 * One signature packet per key over the data `hashOf` hashes (only called once the keys are
 * known to sign with node:crypto; the hash it returns is copied, never finished), or undefined
 * when a key needs openpgp.js (then the data is still unread).
 */
async function digestSignaturePackets(
  hashOf: () => Promise<Hash>,
  keys: SigningKeys | openpgp.PrivateKey[],
  type?: number
): Promise<Buffer | undefined> {
  // Whole seconds: the packet stores seconds, and the key checks should see the same instant.
  const created = new Date(Math.floor(Date.now() / 1000) * 1000)
  const signers = Array.isArray(keys)
    ? await digestSigners(keys, created)
    : (fastSigners(keys, created) ?? (await digestSigners(await keys.openpgpKeys(), created)))
  return signers && signaturePackets(signers, created, await hashOf(), type)
}

/** One signature packet per signer over the data `hash` was fed (copied, never finished). */
async function signaturePackets(
  signers: Signer[],
  created: Date,
  hash: Hash,
  type?: number
): Promise<Buffer> {
  const packets = signers.map(async (signer) => {
    const hashed = hashedPart({
      algorithm: signer.algorithm,
      fingerprint: signer.fingerprint,
      created,
      // 16 bytes, the salt size RFC 9580 gives SHA-256.
      salt: randomBytes(16),
      ...(type !== undefined && { type })
    })
    // Every key hashes the same data, then its own trailer: copy the state, not the data.
    const digest = hash.copy().update(hashed).update(hashTrailer(hashed)).digest()
    return signaturePacket(hashed, signer.keyId, digest, await signer.sign(digest))
  })
  return Buffer.concat(await Promise.all(packets))
}

/**
 * The hand-read keys' signers (in the signing workers when a bulk publish started them), while
 * every key is still valid (else openpgp.js says why not).
 */
function fastSigners(keys: SigningKeys, created: Date): Signer[] | undefined {
  if (!keys.fast || !validAt(keys.fast, created.getTime() / 1000)) return undefined
  return keys.workerSigners ?? keys.fast.map((k) => k.signer)
}

/**
 * A node:crypto signer for every key, or undefined when any key's signing key is of an
 * algorithm only openpgp.js signs with here (ECDSA, RFC 9580 Ed25519/Ed448, v6 keys): then all
 * keys take openpgp.js's path, since a stream can be read only once.
 */
async function digestSigners(
  keys: openpgp.PrivateKey[],
  date: Date
): Promise<DigestSigner[] | undefined> {
  const signers: DigestSigner[] = []
  for (const [i, key] of keys.entries()) {
    let signing: openpgp.PrivateKey | openpgp.Subkey
    try {
      signing = await key.getSigningKey(undefined, date)
    } catch (e) {
      // Expired, revoked, too weak (RSA < 2048 bits), or no key with the signing flag.
      throw new Error(`private key ${i + 1} (${fpr(key)}) cannot sign now: ${firstLine(e)}`)
    }
    const packet = signing.keyPacket
    if (!('privateParams' in packet) || !packet.isDecrypted()) return undefined
    const signer = signerOf(packet as KeyMaterial)
    if (!signer) return undefined
    signers.push(signer)
  }
  return signers
}

/**
 * The node:crypto signer of a decrypted key packet, made once: turning OpenPGP's key material
 * into a node key (deriving RSA's CRT values) costs more than a signature.
 */
const signers = new WeakMap<KeyMaterial, DigestSigner | null>()
function signerOf(packet: KeyMaterial): DigestSigner | undefined {
  let signer = signers.get(packet)
  if (signer === undefined) signers.set(packet, (signer = digestSigner(packet) ?? null))
  return signer ?? undefined
}

async function hashData(data: Data): Promise<Hash> {
  const hash = createHash('sha256')
  if (typeof data === 'string' || data instanceof Uint8Array) return hash.update(data)
  for await (const chunk of data) hash.update(chunk as Uint8Array | string)
  return hash
}

/**
 * openpgp.js's own detached signing, for keys `digestSigner` does not cover. Given a stream it
 * holds the whole message in memory (SignaturePacket.sign reads it to the end first).
 */
async function openpgpDetachSign(data: Data, keys: SigningKeys): Promise<string> {
  const openpgp = await loadOpenpgp()
  const message = await openpgp.createMessage({ binary: toMessageData(data) })
  const signature = await openpgp.sign({
    message,
    signingKeys: await keys.openpgpKeys(),
    detached: true,
    format: 'armored',
    config
  })
  return typeof signature === 'string' ? signature : await readAll(signature)
}

/**
 * The raw (binary) signature packet of the first key, as an RPM header stores it (rpm holds one
 * signature of each kind), and whether that key is RSA (rpm's tag 268, else 267). A hand-read
 * key signs without loading openpgp.js.
 */
export async function headerSignature(
  data: Uint8Array,
  keys: SigningKeys
): Promise<{ packet: Uint8Array; rsa: boolean }> {
  const created = new Date(Math.floor(Date.now() / 1000) * 1000)
  const [fast] = fastSigners(keys, created) ?? []
  if (fast) {
    const hash = createHash('sha256').update(data)
    return { packet: await signaturePackets([fast], created, hash), rsa: isRsa(fast.algorithm) }
  }
  const [key] = await keys.openpgpKeys()
  const rsa = String(key.getAlgorithmInfo().algorithm).startsWith('rsa')
  return { packet: await detachSignBinary(data, key), rsa }
}

/** RFC 4880 §9.1: RSA (Encrypt or Sign) and RSA Sign-Only. */
const isRsa = (algorithm: number): boolean => algorithm === 1 || algorithm === 3

/** The raw (binary) signature packet of one key read by openpgp.js. */
async function detachSignBinary(data: Uint8Array, key: openpgp.PrivateKey): Promise<Uint8Array> {
  const packets = await digestSignaturePackets(() => hashData(data), [key])
  if (packets) return packets
  const openpgp = await loadOpenpgp()
  const message = await openpgp.createMessage({ binary: data })
  return (await openpgp.sign({
    message,
    signingKeys: key,
    detached: true,
    format: 'binary',
    config
  })) as Uint8Array
}

/**
 * A clear-signed document (InRelease), as openpgp.js writes one: trailing spaces and tabs cut
 * from each line, lines ended by CRLF (what a text signature hashes), dash-escaped.
 */
export async function clearSign(text: string, keys: SigningKeys): Promise<string> {
  const canonical = text
    .split('\n')
    .map((line) => line.replace(/[ \t\r]+$/, ''))
    .join('\n')
    .replace(/\r?\n/g, '\r\n')
  const packets = fastSigners(keys, new Date())
    ? await digestSignaturePackets(
        () => Promise.resolve(createHash('sha256').update(canonical, 'utf8')),
        keys,
        SIGNATURE_TEXT
      )
    : undefined
  if (packets) {
    return (
      `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n` +
      `${canonical.replace(/^-/gm, '- -')}\n${armorSignature(packets)}`
    )
  }
  const openpgp = await loadOpenpgp()
  const message = await openpgp.createCleartextMessage({ text })
  return openpgp.sign({ message, signingKeys: await keys.openpgpKeys(), config })
}

/** Signature type 0x01: over canonical text (RFC 4880 §5.2.1). */
const SIGNATURE_TEXT = 0x01

async function readAll(stream: ReadableStream<string>): Promise<string> {
  let out = ''
  const reader = stream.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return out
    out += value
  }
}

/**
 * A fresh Ed25519 signing key (armoured), for the demo and for trying the action locally: a
 * throwaway key, never one to publish real releases with.
 */
export async function generateSigningKey(
  name = 'falco-publish demo'
): Promise<{ privateKey: string; publicKey: string }> {
  const openpgp = await loadOpenpgp()
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'ed25519Legacy',
    userIDs: [{ name }],
    format: 'armored'
  })
  return { privateKey, publicKey }
}
