import type { Stanza } from './control.js'

/**
 * The fields of a .deb's control file that end up in the Packages index and in file paths,
 * checked as dpkg checks them (Debian Policy 5.6.7 Package, 5.6.8 Architecture, 5.6.12 Version).
 * A value that breaks the index's syntax (a second Package field, a continuation line) would be
 * indexed under one name and installed by apt under another; one holding `/` or `..` could lead
 * outside the pool. Each problem names the field and says what it accepts.
 */

/** Fields that must appear once and hold one line. */
const SINGLE = ['Package', 'Version', 'Architecture']

/** Policy 5.6.7: lower-case letters, digits, `+`, `-`, `.`; two characters at least; alphanumeric first. */
const PACKAGE = /^[a-z0-9][a-z0-9+.-]+$/
/** Policy 5.6.12: [epoch:]upstream[-revision], upstream starting with a digit. */
const VERSION = /^(?:(\d+):)?(\d[A-Za-z0-9.+~:-]*?)(?:-([A-Za-z0-9.+~]+))?$/
const ARCHITECTURE = /^[a-z0-9][a-z0-9-]*$/

/** Returns the problems of a control stanza, each naming its field; empty when it is fine. */
export function controlProblems(stanza: Stanza): string[] {
  const problems: string[] = []
  const seen = new Map<string, number>()
  for (const [name] of stanza) seen.set(name.toLowerCase(), (seen.get(name.toLowerCase()) ?? 0) + 1)
  for (const [name, count] of seen) {
    if (count > 1) {
      problems.push(
        `field '${stanza.find(([f]) => f.toLowerCase() === name)![0]}' appears ${count} times; dpkg and apt take one`
      )
    }
  }
  for (const name of SINGLE) {
    const value = stanza.find(([f]) => f.toLowerCase() === name.toLowerCase())?.[1]
    if (value === undefined) problems.push(`field '${name}' is missing`)
    else if (value.includes('\n'))
      problems.push(`field '${name}' has a continuation line; it must be one line`)
  }
  const value = (name: string): string | undefined => {
    const found = stanza.find(([f]) => f.toLowerCase() === name.toLowerCase())?.[1]
    return found === undefined || found.includes('\n') ? undefined : found
  }
  const pkg = value('Package')
  if (pkg !== undefined && (!PACKAGE.test(pkg) || pkg.includes('..'))) {
    problems.push(
      `field 'Package' is ${JSON.stringify(pkg)}: a package name holds lower-case letters, digits, ` +
        `'+', '-' and '.' (no '..'), starts with a letter or digit and is two characters at least`
    )
  }
  const version = value('Version')
  if (version !== undefined && (!VERSION.test(version) || version.includes('..'))) {
    problems.push(
      `field 'Version' is ${JSON.stringify(version)}: a version is [epoch:]upstream[-revision], ` +
        `upstream starting with a digit, of letters, digits and '.+~-:' (no spaces, no '..')`
    )
  }
  const arch = value('Architecture')
  if (arch !== undefined && !ARCHITECTURE.test(arch)) {
    problems.push(
      `field 'Architecture' is ${JSON.stringify(arch)}: one Debian architecture name (amd64, arm64, all)`
    )
  }
  return problems
}
