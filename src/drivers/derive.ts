import { runCommand } from '../exec.js'
import semver from 'semver'
import { isPrerelease, tagVersion } from '../release/version.js'

/**
 * `driver-versions: auto`: the driver version Falco pins for its latest stable release, read from
 * the checkout's cmake files at that release's tag. Falco's layouts over the years:
 *
 * - 0.33 on: `cmake/modules/driver.cmake`, `set(DRIVER_VERSION "3.0.1+driver")` (beside a
 *   `0.0.0-local` for local builds);
 * - 0.27 to 0.32: `cmake/modules/falcosecurity-libs.cmake`, `set(FALCOSECURITY_LIBS_VERSION
 *   "<sha>")`, which was the driver version too;
 * - up to 0.26: `cmake/modules/sysdig.cmake`, `set(SYSDIG_VERSION "<sha>")` (the probe version).
 */

export interface DerivedVersion {
  driverVersion: string
  /** The tag it was read at (`0.44.1`). */
  tag: string
  /** The file it was read from. */
  file: string
}

const LAYOUTS: { file: string; variable: string }[] = [
  { file: 'cmake/modules/driver.cmake', variable: 'DRIVER_VERSION' },
  { file: 'cmake/modules/falcosecurity-libs.cmake', variable: 'FALCOSECURITY_LIBS_VERSION' },
  { file: 'cmake/modules/sysdig.cmake', variable: 'SYSDIG_VERSION' }
]

/** The pinned value of `variable` in a cmake file: literal, not the local-build placeholder. */
export function pinnedVersion(cmake: string, variable: string): string | undefined {
  const re = new RegExp(`set\\(\\s*${variable}\\s+"([^"]+)"`, 'g')
  for (const m of cmake.matchAll(re)) {
    const value = m[1].trim()
    if (value.includes('${') || value === 'local' || value.endsWith('-local')) continue
    return value
  }
  return undefined
}

/** The highest stable semver tag (`0.44.1`; not `0.45.0-rc1`, not `agent/0.85.0`). */
export function latestStableTag(tags: readonly string[]): string | undefined {
  const stable = tags.filter((t) => {
    const v = tagVersion(t)
    return v !== undefined && !isPrerelease(v)
  })
  return stable.sort((a, b) => semver.rcompare(tagVersion(a)!, tagVersion(b)!))[0]
}

export async function deriveDriverVersion(checkout: string): Promise<DerivedVersion> {
  const git = (...args: string[]) => run(checkout, args)
  let tags: string[]
  try {
    tags = (await git('tag', '--list')).split('\n').filter((t) => t.trim() !== '')
  } catch (e) {
    throw new Error(
      `driver-versions: auto reads the driver version from the git checkout in ${checkout}, which git cannot read (${(e as Error).message.split('\n')[0]}); check out with actions/checkout and fetch-depth: 0, or list driver-versions`
    )
  }
  const tag = latestStableTag(tags)
  if (tag === undefined) {
    throw new Error(
      `driver-versions: auto found no stable release tag in ${checkout} (tags: ${tags.length}); check out with fetch-depth: 0 (tags included), or list driver-versions`
    )
  }
  for (const layout of LAYOUTS) {
    const text = await git('show', `refs/tags/${tag}:${layout.file}`).catch(() => undefined)
    if (text === undefined) continue
    const driverVersion = pinnedVersion(text, layout.variable)
    if (driverVersion !== undefined) return { driverVersion, tag, file: layout.file }
  }
  throw new Error(
    `driver-versions: auto found no pinned driver version at tag ${tag} in ${checkout} (looked for ${LAYOUTS.map((l) => `${l.variable} in ${l.file}`).join(', ')}); list driver-versions`
  )
}

async function run(cwd: string, args: string[]): Promise<string> {
  const { code, stdout, stderr, startError } = await runCommand('git', args, { cwd })
  if (code === 0) return stdout
  throw new Error(
    stderr.trim() || startError?.message || `git ${args.join(' ')} in ${cwd} exited with ${code}`
  )
}
