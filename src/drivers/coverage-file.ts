import type { Published } from '../plan.js'
import type { Store } from '../store/store.js'
import { coverage, type CoverageRow, type KernelRef } from './coverage.js'
import { casUpdate, readText, SITE } from './refresh.js'
import { parseSiteVersion, rfc3339 } from './site.js'

export interface CoverageFile {
  date: string
  coverage: CoverageRow[]
}

/**
 * Computes the coverage of the given driver versions from the site files (what the store holds,
 * without listing it) and merges it into `driver/site/coverage.json`, keeping other versions' rows.
 */
export async function writeCoverage(
  store: Store,
  versions: string[],
  input: { known: KernelRef[]; configs: (KernelRef & { lib: string })[] }
): Promise<{ rows: CoverageRow[]; published?: Published }> {
  const rows: CoverageRow[] = []
  for (const lib of versions) {
    const key = `${SITE}/${lib}.json`
    const text = await readText(await store.get(key))
    const drivers = text ? parseSiteVersion(text, key).drivers : []
    const published = drivers.map((d) => {
      const stem = d.name.replace(/\.(ko|o)$/, '')
      const prefix = `falco_${d.target}_${d.kernel}_`
      return {
        arch: d.arch,
        target: d.target,
        kernelRelease: d.kernel,
        kernelVersion: stem.startsWith(prefix) ? stem.slice(prefix.length) : ''
      }
    })
    const configs = input.configs.filter((c) => c.lib === lib)
    rows.push(...coverage(lib, input.known, configs, published))
  }
  const written = await casUpdate(store, `${SITE}/coverage.json`, async (current) => {
    const previous = current ? (JSON.parse(current) as Partial<CoverageFile>) : {}
    const kept = (previous.coverage ?? []).filter((r) => !versions.includes(r.lib))
    const next = [...kept, ...rows]
    if (JSON.stringify(previous.coverage) === JSON.stringify(next)) return undefined
    return `${JSON.stringify({ date: rfc3339(new Date()), coverage: next } satisfies CoverageFile)}\n`
  })
  if (!written) return { rows }
  const { kind, path, sha256, size, url } = written
  return { rows, published: { kind, path, sha256, size, url } }
}
