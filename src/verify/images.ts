import type { Published } from '../plan.js'
import type { CheckResult, Finding } from './findings.js'

/** The digest a registry resolves `repository:tag` to now, as `docker pull` would; undefined when unknown. */
export type ResolveTag = (repository: string, tag: string) => Promise<string | undefined>

/** Every tag this run pushed resolves, on every repository, to the digest pushed. */
export async function checkImages(
  images: Published[],
  resolve: ResolveTag,
  signal?: AbortSignal
): Promise<CheckResult[]> {
  const byRepository = new Map<string, Published[]>()
  for (const image of images) {
    const { repository } = splitReference(image.path)
    byRepository.set(repository, [...(byRepository.get(repository) ?? []), image])
  }
  return Promise.all(
    [...byRepository].map(async ([repository, tagged]) => {
      const findings: Finding[] = []
      for (const image of tagged) {
        // Another check failed the run: no further tag is asked for.
        signal?.throwIfAborted()
        const { tag } = splitReference(image.path)
        let served: string | undefined
        try {
          served = await resolve(repository, tag)
        } catch (e) {
          served = `error: ${e instanceof Error ? e.message : String(e)}`
        }
        if (served !== image.digest)
          findings.push({
            kind: 'images',
            file: image.path,
            problem: served === undefined ? 'missing' : 'differs',
            served: served ?? 'no such tag',
            published: image.digest ?? '?'
          })
      }
      return { kind: 'images' as const, target: repository, checked: tagged.length, findings }
    })
  )
}

/** `registry/path:tag` split at the tag's colon (a registry's port has a colon too). */
export function splitReference(reference: string): { repository: string; tag: string } {
  const colon = reference.lastIndexOf(':')
  if (colon < reference.lastIndexOf('/') || colon < 0)
    return { repository: reference, tag: 'latest' }
  return { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) }
}
