import type { Published, StageResult } from '../plan.js'
import { scan, statObject, type Store } from '../store/store.js'
import { parentOf, type Artifacts } from './context.js'

/** What one verification covers: per repository the artifacts to check, and drivers and images. */
export interface VerifyTargets {
  /** apt repository prefix (`packages/deb`) -> its packages to check. */
  apt: Map<string, Artifacts>
  dnf: Map<string, Artifacts>
  /** Tarball repository prefix -> its arch folders and the tarballs to check. */
  bin: Map<string, { dirs: string[]; artifacts: Artifacts }>
  drivers: Published[]
  images: Published[]
}

const REPOSITORY = /^(packages\/(deb|rpm|bin)(?:-dev)?)\//

const noTargets = (): VerifyTargets => ({
  apt: new Map(),
  dnf: new Map(),
  bin: new Map(),
  drivers: [],
  images: []
})

/** What a run published, from its stages' results (or a `published-file` it wrote). */
export function targetsOfPublished(published: Published[]): VerifyTargets {
  const targets = noTargets()
  for (const item of published) {
    if (item.kind === 'driver') targets.drivers.push(item)
    if (item.kind === 'image') targets.images.push(item)
    const m = REPOSITORY.exec(item.path)
    if (item.kind === 'tarball' && m?.[2] !== 'bin') {
      // An arch-less tarball (Falco's -wasm) sits at the root of its own repository
      // (tarballs-noarch-repository, packages/wasm-dev by default), beside its SHA256SUMS.
      addTarball(targets, parentOf(item.path), item)
      continue
    }
    if (!m) continue
    const [, prefix, format] = m
    const artifact = { key: item.path, sha256: item.sha256, size: item.size }
    const isArtifact = item.kind === 'package' || item.kind === 'tarball'
    if (format === 'deb' || format === 'rpm') {
      const map = format === 'deb' ? targets.apt : targets.dnf
      const list = (map.get(prefix) ?? []) as Exclude<Artifacts, 'all'>
      if (isArtifact) list.push(artifact)
      map.set(prefix, list)
    } else {
      const dir = parentOf(item.path)
      // Tarballs and SHA256SUMS sit in arch folders; the listing (index.html) sits above them.
      if (isArtifact) addTarball(targets, prefix, item)
      else if (dir !== prefix) addFolder(targets, prefix, dir)
    }
  }
  return targets
}

/** `dir` (an arch folder, or the root of an arch-less repository) among `prefix`'s SHA256SUMS. */
function addFolder(targets: VerifyTargets, prefix: string, dir: string): void {
  const entry = targets.bin.get(prefix) ?? { dirs: [], artifacts: [] }
  if (!entry.dirs.includes(dir)) entry.dirs.push(dir)
  targets.bin.set(prefix, entry)
}

function addTarball(targets: VerifyTargets, prefix: string, item: Published): void {
  addFolder(targets, prefix, parentOf(item.path))
  const artifacts = targets.bin.get(prefix)!.artifacts as Exclude<Artifacts, 'all'>
  artifacts.push({ key: item.path, sha256: item.sha256, size: item.size })
}

export function targetsOfRun(results: StageResult[]): VerifyTargets {
  return targetsOfPublished(results.flatMap((r) => r.published))
}

/**
 * Every repository the store holds, with everything its indexes list (the `verify` command, for a
 * scheduled check of the live server), the arch-less tarball repository `noarch` among them.
 * Drivers and images are not listed by the store: they are checked from a run's `published-file`.
 */
export async function targetsOfStore(store: Store, noarch: string): Promise<VerifyTargets> {
  const targets = noTargets()
  for (const suffix of ['', '-dev']) {
    const deb = `packages/deb${suffix}`
    const rpm = `packages/rpm${suffix}`
    const bin = `packages/bin${suffix}`
    if (await statObject(store, `${deb}/dists/stable/InRelease`)) targets.apt.set(deb, 'all')
    if (await statObject(store, `${rpm}/repodata/repomd.xml`)) targets.dnf.set(rpm, 'all')
    const dirs: string[] = []
    for await (const object of scan(store, `${bin}/`))
      if (object.key.endsWith('/SHA256SUMS')) dirs.push(parentOf(object.key))
    if (dirs.length) targets.bin.set(bin, { dirs, artifacts: 'all' })
  }
  // Unless it is a folder of packages/bin(-dev), which the scan above found already.
  const found = [...targets.bin.values()].some((entry) => entry.dirs.includes(noarch))
  if (!found && (await statObject(store, `${noarch}/SHA256SUMS`)))
    targets.bin.set(noarch, { dirs: [noarch], artifacts: 'all' })
  return targets
}

export function isEmpty(t: VerifyTargets): boolean {
  return !t.apt.size && !t.dnf.size && !t.bin.size && !t.drivers.length && !t.images.length
}
