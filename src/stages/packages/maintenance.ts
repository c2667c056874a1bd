import type { Logger } from '../../report/log.js'
import { parseRemovePattern } from '../../repo/inputs.js'
import { releaseText } from '../../repo/deb/release-file.js'
import {
  checkKeyContinuity,
  checkSigningKeys,
  keysSigning,
  publicKeyFingerprints,
  signerKeyIds
} from '../../sign/key-check.js'
import { clearSign, detachSign, loadSigningKeys, type SigningKeys } from '../../sign/openpgp.js'
import { retryOnConflict } from '../../store/conflict.js'
import { DryRunStore } from '../../store/dry-run.js'
import type { Store } from '../../store/store.js'
import { registerSecrets } from '../../report/secrets.js'
import { PUBLIC_KEY_KEY, repositoriesFor } from './layout.js'
import { commitApt } from './apt.js'
import { commitDnf } from './dnf.js'
import { rpmHeaderSigners, SIGNATURE_HEADER_BYTES } from '../../repo/rpm/signer.js'
import { metadataSignatures } from './signing-plan.js'
import { readObject, scan, statObject } from '../../store/store.js'
import { readVersioned, Uploader } from './store-io.js'
import { commitTarballs } from './tarballs.js'
import type { Published } from '../../plan.js'

/**
 * The two operations that run outside a release (CLI subcommands `remove` and `re-sign`):
 * unpublish packages and regenerate the metadata; re-sign every index and detached signature
 * with new keys without re-uploading any package.
 */
export interface MaintenanceOptions {
  store: Store
  channel: 'dev' | 'stable'
  /** Armoured private key(s), concatenated; the passphrase if they are protected. */
  gpgPrivateKey: string
  gpgPassphrase?: string
  log: Logger
  /** Compute everything, write nothing: `changes` says what a real run would write and delete. */
  dryRun?: boolean
}

export interface MaintenanceResult {
  published: Published[]
  removed: string[]
  /** Set in a dry run: the keys a real run writes and deletes (nothing was). */
  changes?: { written: string[]; deleted: string[] }
}

/**
 * The keys, checked before anything is written: they can sign now, and (unless re-signing,
 * whose job is to change them) they include every key the published key file holds.
 */
async function keysFor(o: MaintenanceOptions, resign = false): Promise<SigningKeys> {
  registerSecrets(o.log, o.gpgPrivateKey, o.gpgPassphrase ?? '')
  const keys = await loadSigningKeys(o.gpgPrivateKey, o.gpgPassphrase).catch((e: Error) => {
    throw new Error(`input 'gpg-private-key': ${e.message}`)
  })
  await checkSigningKeys(keys)
  const published = (await readObject(o.store, PUBLIC_KEY_KEY))?.toString('utf8')
  if (published) {
    const fingerprints = await publicKeyFingerprints(published)
    if (!resign) {
      checkKeyContinuity(fingerprints, keys, `${o.store.location}/${PUBLIC_KEY_KEY}`)
    } else if (fingerprints.some((f) => !keys.fingerprints.includes(f))) {
      o.log.info(
        `re-sign: the repositories were signed with ${fingerprints.join(', ')}; ` +
          `the ${o.channel} ones are now signed with ${keys.fingerprints.join(', ')}`
      )
    }
  }
  return keys
}

/**
 * The public key file after re-signing one channel: the keys given, and the published keys that
 * still sign the other channel's metadata (it was not re-signed), so that channel keeps passing
 * apt's and dnf's checks. Re-signing both channels with the new key alone retires the old one.
 */
async function keyFileAfterResign(
  store: Store,
  channel: 'dev' | 'stable',
  keys: SigningKeys
): Promise<string> {
  const published = (await readObject(store, PUBLIC_KEY_KEY))?.toString('utf8')
  if (!published) return keys.publicArmored.join('\n')
  const signatures = metadataSignatures(channel === 'dev' ? 'stable' : 'dev')
  const ids = new Set<string>()
  for (const key of signatures) {
    const text = (await readObject(store, key))?.toString('utf8')
    if (text) for (const id of await signerKeyIds(text)) ids.add(id)
  }
  // An RPM's header signature is part of its bytes and is not re-signed: dnf checks it with
  // this key file for as long as the package is published, in either channel. One that cannot
  // be read keeps every published key: dropping one that still signs would break installs.
  let keepAll = false
  for (const c of ['stable', 'dev'] as const) {
    for await (const obj of scan(store, `${repositoriesFor(c).rpm}/`)) {
      if (!obj.key.endsWith('.rpm')) continue
      const head = await readHead(store, obj.key, obj.size).catch(() => undefined)
      const signers = head ? await rpmHeaderSigners(head) : []
      if (signers.length === 0) keepAll = true
      for (const id of signers) ids.add(id)
    }
  }
  const given = new Set(keys.fingerprints)
  const kept: string[] = []
  for (const armored of await keysSigning(published, keepAll ? 'all' : ids)) {
    const [fingerprint] = await publicKeyFingerprints(armored)
    if (!given.has(fingerprint)) kept.push(armored)
  }
  return [...keys.publicArmored, ...kept].join('\n')
}

/** The first bytes of an object (where an RPM keeps its signature header). */
async function readHead(store: Store, key: string, size: number): Promise<Buffer> {
  const range = { start: 0, end: Math.min(size, SIGNATURE_HEADER_BYTES) }
  if (store.read) return (await store.read(key, range)) ?? Buffer.alloc(0)
  const stream = await store.get(key)
  const chunks: Buffer[] = []
  let got = 0
  for await (const chunk of stream ?? []) {
    chunks.push(chunk as Buffer)
    got += (chunk as Buffer).length
    if (got >= SIGNATURE_HEADER_BYTES) break
  }
  stream?.destroy()
  return Buffer.concat(chunks)
}

/** `remove`: drops every package matching a `name=version` pattern from the channel's apt, dnf and tarball repositories. */
export async function removePackages(
  o: MaintenanceOptions & { patterns: string[] }
): Promise<MaintenanceResult> {
  if (o.patterns.length === 0) throw new Error('remove: give at least one name=version pattern')
  // First in memory: a pattern that matches nothing must not re-sign every repository, and a
  // dry run stops here, having touched nothing.
  const dry = new DryRunStore(o.store)
  const planned = await removeFrom({ ...o, store: dry })
  if (planned.removed.length === 0) {
    throw new Error(
      `input 'remove': no package of the ${o.channel} repositories matches ${o.patterns.join(', ')}; ` +
        `nothing was changed. Check the name=version pattern (e.g. falco=0.39.*) and the --channel.`
    )
  }
  if (o.dryRun) return { ...planned, changes: dry.changes() }
  return removeFrom(o)
}

async function removeFrom(
  o: MaintenanceOptions & { patterns: string[] }
): Promise<MaintenanceResult> {
  const parsed = o.patterns.map(parseRemovePattern)
  const remove = (name: string, version: string): boolean =>
    parsed.some((p) => p.name.test(name) && p.version.test(version))
  const keys = await keysFor(o)
  const repos = repositoriesFor(o.channel)
  const uploader = new Uploader(o.store, o.log)
  const removed: string[] = []
  const exists = async (key: string): Promise<boolean> =>
    (await statObject(o.store, key)) !== undefined
  if (await exists(`${repos.deb}/dists/stable/InRelease`)) {
    const c = await commitApt(
      { added: [], remove },
      { store: o.store, prefix: repos.deb, keys, log: o.log, uploader }
    )
    removed.push(...c.removedFiles.map((f) => `${repos.deb}/${f}`))
  }
  if (await exists(`${repos.rpm}/repodata/repomd.xml`)) {
    const c = await commitDnf(
      { added: [], remove },
      { store: o.store, prefix: repos.rpm, keys, log: o.log, uploader }
    )
    removed.push(...c.removedFiles.map((f) => `${repos.rpm}/${f}`))
  }
  if (await exists(`${repos.bin}/index.json`)) {
    const c = await commitTarballs(
      { added: [], remove },
      { store: o.store, prefix: repos.bin, keys, log: o.log, uploader, title: repos.bin }
    )
    removed.push(...c.removed.map((f) => `${repos.bin}/${f}`))
  }
  return { published: uploader.published, removed }
}

/**
 * `re-sign`: new InRelease/Release.gpg, repomd.xml.asc, SHA256SUMS.asc and every package's
 * `.asc`, signed by all the given keys (old and new during a rotation), and the published public
 * key file. Packages are read from the store to sign them, never re-uploaded; an RPM's header
 * signature is part of the package's bytes and stays as it was.
 */
export async function resignRepositories(o: MaintenanceOptions): Promise<MaintenanceResult> {
  if (o.dryRun) {
    const dry = new DryRunStore(o.store)
    const result = await resignRepositories({ ...o, store: dry, dryRun: false })
    return { ...result, changes: dry.changes() }
  }
  const keys = await keysFor(o, true)
  const repos = repositoriesFor(o.channel)
  const uploader = new Uploader(o.store, o.log)
  const dists = `${repos.deb}/dists/stable`
  // Re-signs the generation InRelease names; a publish committing meanwhile means sign its one.
  const release = await retryOnConflict(async () => {
    const current = await readVersioned(o.store, `${dists}/InRelease`)
    if (!current) return undefined
    const text = releaseText(current.text)
    await uploader.commit(
      `${dists}/InRelease`,
      await clearSign(text, keys),
      current.etag,
      'signature'
    )
    return text
  })
  if (release !== undefined) {
    await uploader.bytes(`${dists}/Release`, release, 'index')
    await uploader.bytes(`${dists}/Release.gpg`, await detachSign(release, keys), 'signature')
  }
  const repomd = await readVersioned(o.store, `${repos.rpm}/repodata/repomd.xml`)
  if (repomd)
    await uploader.bytes(
      `${repos.rpm}/repodata/repomd.xml.asc`,
      await detachSign(repomd.text, keys),
      'signature'
    )
  for await (const obj of scan(o.store, `${repos.bin}/`)) {
    if (!obj.key.endsWith('/SHA256SUMS')) continue
    const sums = await readVersioned(o.store, obj.key)
    if (sums) await uploader.bytes(`${obj.key}.asc`, await detachSign(sums.text, keys), 'signature')
  }
  for (const prefix of [repos.deb, repos.rpm, repos.bin]) {
    for await (const obj of scan(o.store, `${prefix}/`)) {
      if (!/\.(deb|rpm|tar\.gz)$/.test(obj.key)) continue
      const body = await o.store.get(obj.key)
      if (!body) continue
      await uploader.bytes(
        `${obj.key}.asc`,
        await detachSign(body, keys),
        'signature',
        'application/pgp-signature'
      )
    }
  }
  // Last: users' key file changes once everything of this channel is signed with the new key.
  await uploader.bytes(
    PUBLIC_KEY_KEY,
    await keyFileAfterResign(o.store, o.channel, keys),
    'signature',
    'application/pgp-keys'
  )
  return { published: uploader.published, removed: [] }
}
