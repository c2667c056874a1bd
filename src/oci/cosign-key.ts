import { createPrivateKey, createPublicKey, scrypt, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import { InputError } from '../input-values.js'

/**
 * Reads the key `cosign-private-key` names: what `cosign generate-key-pair` writes (PEM
 * `ENCRYPTED SIGSTORE PRIVATE KEY`, or `ENCRYPTED COSIGN PRIVATE KEY` from older cosign), or a
 * PKCS#8 PEM key (`PRIVATE KEY`, or `ENCRYPTED PRIVATE KEY` with the password). Only ECDSA
 * P-256 is accepted: cosign's default, and what containers/image and cosign verify with
 * SHA-256.
 *
 * cosign's encrypted format (pkg/cosign/keys.go, through go-securesystemslib's `encrypted`
 * package): the PEM body is JSON naming the KDF (scrypt with N, r, p and a salt) and the
 * cipher (NaCl secretbox, XSalsa20-Poly1305, with a nonce); the ciphertext opens to the
 * PKCS#8 DER of the private key under the 32-byte key scrypt derives from the password.
 */

const INPUT = 'cosign-private-key'
const COSIGN_TYPES = ['ENCRYPTED SIGSTORE PRIVATE KEY', 'ENCRYPTED COSIGN PRIVATE KEY']

export interface CosignKey {
  privateKey: KeyObject
  /** The public key as `cosign.pub` holds it (SPKI PEM), for verify commands and checks. */
  publicKeyPem: string
}

interface EncryptedBody {
  kdf?: { name?: string; params?: { N?: number; r?: number; p?: number }; salt?: string }
  cipher?: { name?: string; nonce?: string }
  ciphertext?: string
}

function pemBlock(text: string): { type: string; body: Buffer } | undefined {
  const match = text.match(/-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/)
  if (!match) return undefined
  return { type: match[1], body: Buffer.from(match[2].replace(/\s+/g, ''), 'base64') }
}

const scryptAsync = promisify(scrypt) as (
  password: Buffer,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number }
) => Promise<Buffer>

async function decryptCosign(body: Buffer, password: string): Promise<Buffer> {
  let parsed: EncryptedBody
  try {
    parsed = JSON.parse(body.toString('utf8')) as EncryptedBody
  } catch {
    throw new InputError(
      INPUT,
      'the encrypted key is not in the format cosign writes (no JSON body)'
    )
  }
  const { kdf, cipher, ciphertext } = parsed
  const { N, r, p } = kdf?.params ?? {}
  if (
    kdf?.name !== 'scrypt' ||
    cipher?.name !== 'nacl/secretbox' ||
    !Number.isInteger(N) ||
    !Number.isInteger(r) ||
    !Number.isInteger(p) ||
    typeof kdf.salt !== 'string' ||
    typeof cipher.nonce !== 'string' ||
    typeof ciphertext !== 'string'
  ) {
    throw new InputError(
      INPUT,
      'the encrypted key is not scrypt + nacl/secretbox as cosign generate-key-pair writes it'
    )
  }
  // Bound the work a key can ask for: cosign writes N = 32768 (older: 65536), r = 8, p = 1.
  if (N! > 1 << 20 || r! > 32 || p! > 16) {
    throw new InputError(
      INPUT,
      `the key asks for scrypt parameters too costly (N=${N}, r=${r}, p=${p})`
    )
  }
  const secret = await scryptAsync(
    Buffer.from(password, 'utf8'),
    Buffer.from(kdf.salt, 'base64'),
    32,
    {
      N: N!,
      r: r!,
      p: p!,
      maxmem: 256 * N! * r! * p!
    }
  )
  // Loaded only when a cosign key is used.
  const { secretbox } = await import('@noble/ciphers/salsa.js')
  try {
    return Buffer.from(
      secretbox(secret, Buffer.from(cipher.nonce, 'base64')).open(Buffer.from(ciphertext, 'base64'))
    )
  } catch {
    throw new InputError(INPUT, 'cosign-password does not open the key (wrong password?)')
  }
}

/** Reads and checks the key; errors name the input and never quote the key or the password. */
export async function readCosignKey(text: string, password: string): Promise<CosignKey> {
  const block = pemBlock(text)
  if (!block) {
    throw new InputError(
      INPUT,
      'expected the PEM text of the key (cosign.key from cosign generate-key-pair, or a PKCS#8 PEM key), not a file name'
    )
  }
  let privateKey: KeyObject
  try {
    if (COSIGN_TYPES.includes(block.type)) {
      const der = await decryptCosign(block.body, password)
      try {
        privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
      } catch {
        // Keys some old cosign versions wrote (SEC1 inside): cosign itself refuses them.
        throw new InputError(
          INPUT,
          'the key opens but holds no PKCS#8 private key; cosign cannot use it either: make a new one with cosign generate-key-pair'
        )
      }
    } else if (block.type === 'PRIVATE KEY' || block.type === 'ENCRYPTED PRIVATE KEY') {
      privateKey = createPrivateKey({
        key: text,
        format: 'pem',
        ...(block.type === 'ENCRYPTED PRIVATE KEY' ? { passphrase: password } : {})
      })
    } else {
      throw new InputError(
        INPUT,
        `a ${block.type} block is not supported; give cosign.key or a PKCS#8 PEM key (openssl pkcs8 -topk8)`
      )
    }
  } catch (error) {
    if (error instanceof InputError) throw error
    throw new InputError(
      INPUT,
      'the key could not be read (a damaged key, or the wrong cosign-password)'
    )
  }
  const details = privateKey.asymmetricKeyDetails
  if (privateKey.asymmetricKeyType !== 'ec' || details?.namedCurve !== 'prime256v1') {
    throw new InputError(
      INPUT,
      `the key is ${privateKey.asymmetricKeyType}${details?.namedCurve ? ` ${details.namedCurve}` : ''}; cosign signatures here use ECDSA P-256 (cosign generate-key-pair makes one)`
    )
  }
  const publicKeyPem = createPublicKey(privateKey)
    .export({ type: 'spki', format: 'pem' })
    .toString()
  return { privateKey, publicKeyPem }
}
