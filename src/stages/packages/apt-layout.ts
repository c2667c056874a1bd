/**
 * Where an apt repository's files are: package files in `stable/`, suite `stable`, component
 * `main`, one `binary-<arch>` index per architecture, and beside each the objects listing its
 * segments' entries.
 */
import { ENTRIES_DIR } from '../../repo/deb/segment-manifest.js'

export const SUITE = 'stable'
export const COMPONENT = 'main'
export const ARCHITECTURES = ['amd64', 'arm64']

export const dists = (prefix: string): string => `${prefix}/dists/${SUITE}`
export const indexDir = (arch: string): string => `${COMPONENT}/binary-${arch}`
export const byHash = (prefix: string, arch: string, sha256: string): string =>
  `${dists(prefix)}/${indexDir(arch)}/by-hash/SHA256/${sha256}`
export const entriesKey = (prefix: string, arch: string, sha256: string): string =>
  `${dists(prefix)}/${indexDir(arch)}/${ENTRIES_DIR}/${sha256}.json`
