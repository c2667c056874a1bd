import type { Operation, StageContext } from '../../plan.js'
import { awaitedLater } from '../../awaited-later.js'
import {
  checkKeyContinuity,
  checkSigningKeys,
  publicKeyFingerprints,
  signerKeyIds
} from '../../sign/key-check.js'
import { loadSigningKeys, type SigningKeys } from '../../sign/openpgp.js'
import { mark } from '../../report/timing.js'
import type { Store } from '../../store/store.js'
import { TARBALL_ARCHES } from '../../repo/bin/tarball.js'
import { PUBLIC_KEY_KEY, repositoriesFor } from './layout.js'
import { readObject } from '../../store/store.js'

/**
 * The package stage's keys, read and checked at plan time: a key that cannot sign, or one that
 * is not the key the repositories are signed with, stops the run before a byte is written. A
 * dry run without a key still prints the whole plan, with signing marked as skipped.
 * Undefined when there is nothing to sign.
 */
export async function planSigning(
  ctx: Pick<StageContext, 'inputs' | 'store' | 'log'>,
  operations: Operation[],
  /** Started early by the caller (readPublishedSigning), or read here. */
  published?: PublishedSigning
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
  mark('plan')
  published ??= readPublishedSigning(ctx.store)
  const keys = await loadSigningKeys(gpgPrivateKey, gpgPassphrase).catch((e: Error) => {
    throw new Error(`input 'gpg-private-key': ${e.message}`)
  })
  await checkSigningKeys(keys)
  const publicKey = await published.publicKey
  if (publicKey) {
    checkKeyContinuity(
      await publicKeyFingerprints(publicKey.toString('utf8')),
      keys,
      `${ctx.store.location}/${PUBLIC_KEY_KEY}`
    )
  }
  // The key file is rewritten with these keys: every channel's metadata must be signed by one of
  // them, or the channel this run leaves alone would fail every client's check. This also holds
  // when no key file was published yet (a repository signed elsewhere).
  await checkSignedBy(ctx.store, published.signatures, keys)
  mark('key')
  return keys
}

/** What the key checks read from the store: the public key file, and each channel's signatures. */
export interface PublishedSigning {
  publicKey: Promise<Buffer | undefined>
  /** Key -> its text, for each of metadataSignatures('stable') then ('dev'). */
  signatures: Array<[string, Promise<string | undefined>]>
}

/**
 * Starts reading, all at once, the files the key checks look at: on a remote store each is a
 * round trip, and read one after the other they were nine in a row before a plan could end. The
 * plan starts this before its own reads, so that they overlap. A read that fails is reported by
 * the check that awaits it (and only then: a plan that signs nothing never looks).
 */
export function readPublishedSigning(store: Store): PublishedSigning {
  // Each is awaited, and its failure reported, by the check, if it runs.
  return {
    publicKey: awaitedLater(readObject(store, PUBLIC_KEY_KEY)),
    signatures: (['stable', 'dev'] as const)
      .flatMap((channel) => metadataSignatures(channel))
      .map((key) => [key, awaitedLater(readObject(store, key).then((b) => b?.toString('utf8')))])
  }
}

/**
 * The signature files of a channel's metadata: InRelease, repomd.xml.asc and each tarball
 * architecture's SHA256SUMS.asc (named, not listed: a listing costs more, and an http store's
 * folder holding index.html answers with the page).
 */
export function metadataSignatures(channel: 'dev' | 'stable'): string[] {
  const repos = repositoriesFor(channel)
  return [
    `${repos.deb}/dists/stable/InRelease`,
    `${repos.rpm}/repodata/repomd.xml.asc`,
    ...TARBALL_ARCHES.map((arch) => `${repos.bin}/${arch}/SHA256SUMS.asc`)
  ]
}

async function checkSignedBy(
  store: Store,
  signatures: PublishedSigning['signatures'],
  keys: SigningKeys
): Promise<void> {
  const ours = new Set(keys.keyIds.flat())
  for (const [key, read] of signatures) {
    const text = await read
    if (!text) continue
    const ids = await signerKeyIds(text)
    if (ids.length === 0 || ids.some((id) => ours.has(id))) continue
    throw new Error(
      `input 'gpg-private-key': ${store.location}/${key} is signed by key id ${ids.join(', ')}, ` +
        `which the key given (${keys.fingerprints.join(', ')}) does not hold. Publishing would ` +
        `replace the public key users check it with. To rotate keys, give both keys in ` +
        `gpg-private-key (old and new); to move to the new key, run 'falco-publish re-sign' ` +
        `for each channel. Nothing was written.`
    )
  }
}
