import type { Operation, StageContext } from '../../plan.js'
import {
  checkKeyContinuity,
  checkSigningKeys,
  publicKeyFingerprints
} from '../../sign/key-check.js'
import { loadSigningKeys, type SigningKeys } from '../../sign/openpgp.js'
import { PUBLIC_KEY_KEY } from './layout.js'
import { readObject } from './store-io.js'

/**
 * The package stage's keys, read and checked at plan time: a key that cannot sign, or one that
 * is not the key the repositories are signed with, stops the run before a byte is written. A
 * dry run without a key still prints the whole plan, with signing marked as skipped.
 * Undefined when there is nothing to sign.
 */
export async function planSigning(
  ctx: Pick<StageContext, 'inputs' | 'store' | 'log'>,
  operations: Operation[]
): Promise<SigningKeys | undefined> {
  const { gpgPrivateKey, gpgPassphrase } = ctx.inputs.packaging
  if (!operations.some((o) => o.action !== 'skip')) return undefined
  if (gpgPrivateKey === '') {
    if (!ctx.inputs.dryRun) {
      throw new Error(
        "input 'gpg-private-key': required to publish packages (the repositories and every " +
          'package are signed); give the armoured private key, from a secret'
      )
    }
    ctx.log.warning(
      "dry-run without 'gpg-private-key': signing is skipped in this plan; a real publish needs the key"
    )
    operations.push({
      action: 'skip',
      target: 'signatures',
      reason: "signing skipped: no 'gpg-private-key' (dry-run)"
    })
    return undefined
  }
  const keys = await loadSigningKeys(gpgPrivateKey, gpgPassphrase).catch((e: Error) => {
    throw new Error(`input 'gpg-private-key': ${e.message}`)
  })
  await checkSigningKeys(keys)
  const published = await readObject(ctx.store, PUBLIC_KEY_KEY)
  if (published) {
    checkKeyContinuity(
      await publicKeyFingerprints(published.toString('utf8')),
      keys,
      `${ctx.store.location}/${PUBLIC_KEY_KEY}`
    )
  }
  return keys
}
