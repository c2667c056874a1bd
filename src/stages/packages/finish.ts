import { releaseFiles, releaseText } from '../../repo/deb/release-file.js'
import { INDEX_FILES } from '../../repo/deb/segment-manifest.js'
import { parseRepomd } from '../../repo/rpm/repodata.js'
import { sha256Hex } from '../../store/digest.js'
import { detachSign, loadOpenpgp, type SigningKeys } from '../../sign/openpgp.js'
import { armoredPackets, checkSignature, TAG } from '../../sign/pgp-packets.js'
import { dists } from './apt-layout.js'
import { readObject } from '../../store/store.js'
import { readVersioned, type Committed, type RepositoryWriter } from './store-io.js'

/**
 * Finishing a committed generation: the files that follow a repository's commit point (the
 * signed index) are brought in line with it. A commit point and what follows it cannot change
 * in one atomic step, so two things can leave them apart: a publish that stopped between them
 * (killed, or a store that failed mid-way), and racing publishes, where one that committed
 * earlier writes its followers after one that committed later. So every publish, after its own
 * commit and also when it has nothing to add (a re-run), looks at the current commit point,
 * writes only what does not match it, and looks again: when the commit point moved meanwhile,
 * it finishes the newer one. Whoever commits last finishes last, so the store settles on the
 * files of the current generation.
 */

/** How often the commit point may move under one finishing publish before it leaves the rest to the others. */
const ROUNDS = 20

/**
 * Runs `finish` on the current version of `key` until that version no longer changes under it.
 * `finish` is handed the object's text; it returns nothing when the object is absent. The
 * publish that has just committed `key` starts from what it wrote (`committed`), not from a
 * read of it: the read after the first round finds a commit made since, as it finds one made
 * during that round, and the files follow the newer one then.
 */
async function followCommitPoint(
  o: RepositoryWriter,
  key: string,
  finish: (text: string) => Promise<void>,
  committed?: Committed
): Promise<void> {
  let current = committed ?? (await readVersioned(o.store, key))
  for (let round = 1; current && round <= ROUNDS; round++) {
    await finish(current.text)
    const after = await readVersioned(o.store, key)
    if (after?.etag === current.etag) return
    current = after
  }
}

/** True when `signature` holds a valid detached signature over `data` by every signing key. */
export async function signedByAll(
  data: string,
  signature: Buffer | undefined,
  keys: SigningKeys
): Promise<boolean> {
  if (!signature) return false
  if (keys.fast) {
    // Keys read by hand check their own signatures by hand; one it cannot check is signed again.
    const fast = keys.fast
    try {
      const sigs = armoredPackets(signature.toString('utf8'), 'SIGNATURE').filter(
        (p) => p.tag === TAG.signature
      )
      return fast.every((key) =>
        sigs.some((p) => checkSignature(p.body, [key], (h) => h.update(data, 'utf8')) === true)
      )
    } catch {
      return false
    }
  }
  const openpgp = await loadOpenpgp()
  const openpgpKeys = await keys.openpgpKeys()
  try {
    const verified = await openpgp.verify({
      message: await openpgp.createMessage({ binary: Buffer.from(data, 'utf8') }),
      signature: await openpgp.readSignature({ armoredSignature: signature.toString('utf8') }),
      verificationKeys: openpgpKeys.map((k) => k.toPublic()),
      expectSigned: false
    })
    const valid = await Promise.all(
      verified.signatures.map(async (s) => {
        try {
          await s.verified
          return s.keyID.toHex()
        } catch {
          return undefined
        }
      })
    )
    // Every key signs (a rotation signs with old and new): each one must have a valid signature.
    return openpgpKeys.every((k) =>
      k
        .getKeys()
        .some((sub) => valid.some((id) => id !== undefined && sub.getKeyID().toHex() === id))
    )
  } catch {
    return false
  }
}

/** Writes `key` = `text` unless it holds these bytes already; true when it wrote them. */
export async function ensureText(
  o: RepositoryWriter,
  key: string,
  text: string,
  contentType?: string
): Promise<boolean> {
  if ((await readObject(o.store, key))?.toString('utf8') === text) return false
  await o.uploader.bytes(key, text, contentType === 'text/html' ? 'listing' : 'index', contentType)
  return true
}

/** A signature this publish made already, of the text it committed. */
export interface Presigned {
  text: string
  signature: string
}

/**
 * Writes the detached signature `key` of `text` unless it holds a valid one already. The
 * publish that committed `text` signed it beforehand (`presigned`): it writes that at once.
 */
async function ensureSignature(
  o: RepositoryWriter,
  key: string,
  text: string,
  presigned?: Presigned
): Promise<void> {
  if (presigned?.text === text) {
    await o.uploader.bytes(key, presigned.signature, 'signature')
    return
  }
  if (await signedByAll(text, await readObject(o.store, key), o.keys)) return
  o.log.debug(`${key} does not sign the current index: signing it`)
  await o.uploader.bytes(key, await detachSign(text, o.keys), 'signature')
}

/**
 * apt: Release and Release.gpg hold what InRelease signs, and every plain index file
 * (Packages, .gz, .xz) the bytes Release lists for it, copied from its by-hash name (which is
 * content-addressed, so always right): clients with by-hash turned off read the plain names.
 */
export function finishApt(
  o: RepositoryWriter,
  presigned?: Presigned,
  committed?: Committed
): Promise<void> {
  const key = `${dists(o.prefix)}/InRelease`
  return followCommitPoint(o, key, (text) => finishAptGeneration(o, text, presigned), committed)
}

/** Release, Release.gpg and the plain indexes of the generation `inRelease` signs. */
async function finishAptGeneration(
  o: RepositoryWriter,
  inRelease: string,
  presigned?: Presigned
): Promise<void> {
  const base = dists(o.prefix)
  const release = releaseText(inRelease)
  const listed = releaseFiles(release, `${base}/InRelease`)
  const plain = [...listed].filter(([name]) =>
    (INDEX_FILES as readonly string[]).includes(name.slice(name.lastIndexOf('/') + 1))
  )
  await Promise.all([
    ensureText(o, `${base}/Release`, release),
    ensureSignature(o, `${base}/Release.gpg`, release, presigned),
    ...plain.map(async ([name, { sha256, size }]) => {
      const dir = name.slice(0, name.lastIndexOf('/'))
      const from = `${base}/${dir}/by-hash/SHA256/${sha256}`
      const to = `${base}/${name}`
      if (!o.store.copy) return putAgainUnlessSame(o, from, to, { sha256, size })
      const [source, target] = await Promise.all([o.store.head(from), o.store.head(to)])
      // Copies share their source's etag (a hard link, a server-side copy): nothing to read.
      if (!source || (target && target.etag === source.etag)) return
      if (target?.size === size) {
        const bytes = await readObject(o.store, to)
        if (bytes && sha256Hex(bytes) === sha256) return
      }
      await o.uploader.copy(from, to, { sha256, size }, 'index')
    })
  ])
}

/**
 * For a store that cannot copy (http): the plain name is read once and compared with what Release
 * lists, instead of asking both names for their etags (on http, a HEAD and a GET each: the etag
 * of an index is its SHA-256); the by-hash bytes are read only when they must be put again.
 */
async function putAgainUnlessSame(
  o: RepositoryWriter,
  from: string,
  to: string,
  listed: { sha256: string; size: number }
): Promise<void> {
  const target = await readObject(o.store, to)
  if (target?.length === listed.size && sha256Hex(target) === listed.sha256) return
  const bytes = await readObject(o.store, from)
  if (!bytes) return
  await o.uploader.copy(from, to, { bytes, ...listed }, 'index')
}

/** dnf: repomd.xml.asc is a valid signature of the current repomd.xml. */
export function finishDnf(
  o: RepositoryWriter,
  presigned?: Presigned,
  committed?: Committed
): Promise<void> {
  const key = `${o.prefix}/repodata/repomd.xml`
  return followCommitPoint(
    o,
    key,
    async (repomd) => {
      parseRepomd(repomd)
      await ensureSignature(o, `${key}.asc`, repomd, presigned)
    },
    committed
  )
}

export { ensureSignature, followCommitPoint }
