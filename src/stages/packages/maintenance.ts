import type { Logger } from '../../report/log.js'
import { parseRemovePattern } from '../../repo/inputs.js'
import { releaseText } from '../../repo/deb/release-file.js'
import { clearSign, detachSign, loadSigningKeys, type SigningKeys } from '../../sign/openpgp.js'
import { retryOnConflict } from '../../store/conflict.js'
import type { Store } from '../../store/store.js'
import { registerKeySecrets } from '../packages.js'
import { PUBLIC_KEY_KEY, repositoriesFor } from './layout.js'
import { commitApt } from './apt.js'
import { commitDnf } from './dnf.js'
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
}

export interface MaintenanceResult {
  published: Published[]
  removed: string[]
}

async function keysFor(o: MaintenanceOptions): Promise<SigningKeys> {
  registerKeySecrets(o.log, o.gpgPrivateKey, o.gpgPassphrase ?? '')
  return loadSigningKeys(o.gpgPrivateKey, o.gpgPassphrase)
}

/** `remove`: drops every package matching a `name=version` pattern from the channel's apt, dnf and tarball repositories. */
export async function removePackages(
  o: MaintenanceOptions & { patterns: string[] }
): Promise<MaintenanceResult> {
  if (o.patterns.length === 0) throw new Error('remove: give at least one name=version pattern')
  const parsed = o.patterns.map(parseRemovePattern)
  const remove = (name: string, version: string): boolean =>
    parsed.some((p) => p.name.test(name) && p.version.test(version))
  const keys = await keysFor(o)
  const repos = repositoriesFor(o.channel)
  const uploader = new Uploader(o.store, o.log)
  const removed: string[] = []
  const exists = async (key: string): Promise<boolean> => (await o.store.head(key)) !== undefined
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
  const keys = await keysFor(o)
  const repos = repositoriesFor(o.channel)
  const uploader = new Uploader(o.store, o.log)
  await uploader.bytes(
    PUBLIC_KEY_KEY,
    keys.publicArmored.join('\n'),
    'signature',
    'application/pgp-keys'
  )
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
  for await (const obj of o.store.list(`${repos.bin}/`)) {
    if (!obj.key.endsWith('/SHA256SUMS')) continue
    const sums = await readVersioned(o.store, obj.key)
    if (sums) await uploader.bytes(`${obj.key}.asc`, await detachSign(sums.text, keys), 'signature')
  }
  for (const prefix of [repos.deb, repos.rpm, repos.bin]) {
    for await (const obj of o.store.list(`${prefix}/`)) {
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
  return { published: uploader.published, removed: [] }
}
