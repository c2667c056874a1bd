import { awaitedLater } from '../../awaited-later.js'
import type { Logger } from '../../report/log.js'
import { retryOnConflict } from '../../store/conflict.js'
import type { Store } from '../../store/store.js'
import { parseRepomd, renderRepomd } from '../../repo/rpm/repodata.js'
import { detachSign } from '../../sign/openpgp.js'
import {
  deletePackageFiles,
  listSuperseded,
  logPending,
  mergingAgain,
  pruneSuperseded,
  type RepositoryWriter
} from './store-io.js'
import { entriesKey, readDnfSnapshot, type DnfSnapshot } from './dnf-snapshot.js'
import { mergeDnf, type DnfChange, type DnfCommit } from './dnf-merge.js'
import { nextRepodata } from './dnf-repodata.js'
import { finishDnf } from './finish.js'

/**
 * One dnf repository in the store (`packages/rpm` or `packages/rpm-dev`): packages at the root,
 * `repodata/` with content-addressed `<sha256>-primary.xml.gz` & co. (older generations stay
 * readable while clients hold an older repomd.xml), and repomd.xml + repomd.xml.asc last,
 * repomd.xml written with a compare-and-swap.
 *
 * What the repodata holds is kept as an extra repomd entry of type `falco-publish-segments`
 * (dnf ignores types it does not know): a publish merges into it without downloading or
 * re-reading any package, and re-compresses only the segments that change.
 *
 * Its parts: reading the signed generation (dnf-snapshot.ts), signing packages (dnf-sign.ts),
 * merging a change (dnf-merge.ts) and the next repodata (dnf-repodata.ts).
 */

export async function commitDnf(
  change: DnfChange,
  o: RepositoryWriter & { now?: () => Date; snapshot?: DnfSnapshot }
): Promise<DnfCommit> {
  const superseded = listSuperseded(o.store, `${o.prefix}/repodata/`)
  const { snapshot, repomd, signature, commit, segments, committed } = await retryOnConflict(
    async (attempt) => {
      const snapshot =
        attempt === 1 && o.snapshot ? o.snapshot : await readDnfSnapshot(o.store, o.prefix)
      const merge = await mergeDnf(snapshot, change)
      const { files, entryObjects, segments } = await nextRepodata(o, snapshot, merge)
      // The packages, and the objects the manifest names, exist before repomd.xml names them.
      const writing = Promise.all([
        o.stored,
        ...entryObjects.map((e) => o.uploader.immutable(e.key, e.body, 'index', e.sha256)),
        ...files.map((f) => {
          const key = `${o.prefix}/${f.data.location}`
          return f.extend
            ? o.uploader.extend(f.extend, key, f.data.sha256, 'index')
            : o.uploader.immutable(key, f.body, 'index', f.data.sha256)
        })
      ])
      const revision = Math.floor((o.now ?? (() => new Date()))().getTime() / 1000)
      const data = files.map((f) => f.data)
      const repomd = renderRepomd(revision, data)
      // Signed while the files are written, before the commit, so the signature follows
      // repomd.xml as closely as it can.
      // Awaited below; a write that fails first leaves it unread.
      const signed = awaitedLater(detachSign(repomd, o.keys))
      await writing
      const signature = await signed
      // Files pending deletion whose grace has passed go before the generation that forgets
      // them commits: a publish stopped in between leaves them pending, never unnamed.
      await deletePackageFiles(o.store, o.prefix, merge.commit.due, o.log)
      const committed = await o.uploader.commit(
        `${o.prefix}/repodata/repomd.xml`,
        repomd,
        snapshot.etag,
        'index'
      )
      return { snapshot, repomd, signature, commit: merge.commit, segments, committed }
    },
    mergingAgain(o.log, o.prefix)
  )
  const keep = new Set(
    [...segments, ...snapshot.segments].map((s) => entriesKey(o.prefix, s.entriesSha256))
  )
  // The signature follows repomd.xml; what no generation names any more goes meanwhile.
  await Promise.all([
    finishDnf(o, { text: repomd, signature }, committed),
    // Another publish may have committed since: what its generation names stays too.
    readDnfSnapshot(o.store, o.prefix).then((current) => {
      for (const s of current.segments) keep.add(entriesKey(o.prefix, s.entriesSha256))
      return pruneRepodata(
        o,
        superseded,
        [repomd, snapshot.repomd ?? '', current.repomd ?? ''],
        keep
      )
    })
  ])
  logPending(o.log, o.prefix, commit.removedFiles, commit.pending)
  return commit
}

/**
 * Deletes repodata files named by neither the current nor the previous repomd.xml, nor by
 * their manifests.
 */
async function pruneRepodata(
  o: { store: Store; prefix: string; log: Logger },
  superseded: Promise<string[]>,
  repomds: string[],
  entryObjects: Set<string>
): Promise<void> {
  const keep = new Set([
    ...repomds.flatMap((x) => [...parseRepomd(x).values()].map((d) => `${o.prefix}/${d.location}`)),
    ...entryObjects
  ])
  await pruneSuperseded(
    o.store,
    superseded,
    (key) => !/repomd\.xml(\.asc)?$/.test(key) && !keep.has(key),
    o.log
  )
}
