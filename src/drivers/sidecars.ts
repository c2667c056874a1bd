import type { Readable } from 'node:stream'
import * as path from 'node:path'
import type { SigningKeys } from '../sign/openpgp.js'
import type { PutResult, Store } from '../store/store.js'

/**
 * The files that let users trust a driver: `<driver>.sha256` in `sha256sum -c` format (the
 * digest and the file name, so it checks the file downloaded beside it), and, when the packages'
 * OpenPGP keys are given, a detached ASCII-armoured signature `<driver>.asc` that `gpg --verify`
 * checks against `packages/repository-key.asc`.
 */
export async function publishSidecars(
  store: Store,
  bytes: () => Promise<Readable>,
  driver: PutResult,
  keys: SigningKeys | undefined
): Promise<PutResult[]> {
  const written = [
    await store.put(`${driver.key}.sha256`, sha256Line(driver.sha256, driver.key), {
      contentType: 'text/plain'
    })
  ]
  if (keys) {
    // Loaded here: a run that signs nothing never compiles the OpenPGP library.
    const { detachSign } = await import('../sign/openpgp.js')
    const signature = await detachSign(await bytes(), keys)
    written.push(
      await store.put(`${driver.key}.asc`, signature, { contentType: 'application/pgp-signature' })
    )
  }
  return written
}

/** One `sha256sum` line: two spaces between the digest and the name (binary mode not marked). */
export function sha256Line(sha256: string, key: string): string {
  return `${sha256}  ${path.posix.basename(key)}\n`
}
