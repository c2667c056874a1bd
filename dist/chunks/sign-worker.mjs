/**
 * One signing worker of a bulk publish (started by `sign-workers.ts`): it signs SHA-256 digests
 * with the private keys it was handed as node KeyObjects, while the main thread goes on parsing,
 * hashing and storing packages. The hashing and the packet around the signature stay on the
 * main thread: only the private-key operation, the costly part, is done here.
 *
 * Plain JavaScript on purpose: it starts as a file of its own, from dist/ beside the chunk that
 * starts it (rollup.config.js copies it there) and from src/ under the tests, where no TypeScript
 * compiler stands between Node and a worker. It does what node-keys.ts's in-process signers do;
 * __tests__/sign-workers.test.ts checks both give the same bytes.
 *
 * Requests: { id, key (index into workerData.keys), digest }. Answers: { id, mpis } or
 * { id, error } (a message only: never the key).
 */
import { constants, privateEncrypt, sign } from 'node:crypto'
import { parentPort, workerData } from 'node:worker_threads'

/** DER of DigestInfo for SHA-256 up to the digest (RFC 8017 §9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex')

/** @type {import('node:crypto').KeyObject[]} */
const keys = workerData.keys

/**
 * The signature integers an OpenPGP packet carries: RSA's one (EMSA-PKCS1-v1_5 over the digest,
 * which OpenSSL pads and applies d to), legacy EdDSA's r and s (the digest is the message).
 * @param {import('node:crypto').KeyObject} key
 * @param {Uint8Array} digest
 * @returns {Uint8Array[]}
 */
function signDigest(key, digest) {
  if (digest.length !== 32) throw new Error(`expected a SHA-256 digest, got ${digest.length} bytes`)
  if (key.asymmetricKeyType === 'rsa') {
    const padded = Buffer.concat([SHA256_DIGEST_INFO, digest])
    return [privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, padded)]
  }
  if (key.asymmetricKeyType === 'ed25519') {
    const signature = sign(null, digest, key)
    return [signature.subarray(0, 32), signature.subarray(32)]
  }
  throw new Error(`no signing worker for ${key.asymmetricKeyType} keys`)
}

parentPort.on('message', ({ id, key, digest }) => {
  try {
    parentPort.postMessage({ id, mpis: signDigest(keys[key], digest) })
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) })
  }
})
