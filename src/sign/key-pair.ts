import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'

export type KeyPairSpec =
  { type: 'ec'; namedCurve: string } | { type: 'rsa'; modulusLength: number } | { type: 'ed25519' }

/**
 * A new key pair whose KeyObjects are read back from the generated DER. On Node 20 a key that
 * generateKeyPairSync hands out shares a lock with the job that made it, and when the collector
 * frees that job while the key is being exported (an allocation during export runs it), the
 * thread waits on itself forever: a keyless signing, or a test, hangs. A key parsed anew has no
 * job behind it. (Node 24 does not hang; this costs one parse of a key.)
 */
export function newKeyPair(spec: KeyPairSpec): { privateKey: KeyObject; publicKey: KeyObject } {
  const { type, ...options } = spec
  const { privateKey } = generateKeyPairSync(type as 'ec', {
    ...(options as { namedCurve: string }),
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
    publicKeyEncoding: { type: 'spki', format: 'der' }
  })
  const key = createPrivateKey({ key: privateKey, format: 'der', type: 'pkcs8' })
  return { privateKey: key, publicKey: createPublicKey(key) }
}
