import * as path from 'node:path'
import { byCodeUnit } from '../../compare.js'
import { PackageFormatError } from '../format-error.js'

/** What a tarball's name says: `falco-0.40.0-x86_64.tar.gz` -> name, version, arch. */
export interface TarballName {
  file: string
  name: string
  version: string
  arch: 'x86_64' | 'aarch64'
}

/** The architectures tarballs are published for, each in its own folder. */
export const TARBALL_ARCHES: ReadonlyArray<TarballName['arch']> = ['x86_64', 'aarch64']

const ARCH_ALIASES: Record<string, TarballName['arch']> = {
  x86_64: 'x86_64',
  amd64: 'x86_64',
  aarch64: 'aarch64',
  arm64: 'aarch64'
}

export function parseTarballName(file: string): TarballName {
  const base = path.basename(file)
  const m = /^(.+?)-(\d[^-]*(?:-[^-]+)*?)-(x86_64|amd64|aarch64|arm64)\.tar\.gz$/.exec(base)
  if (!m) {
    throw new PackageFormatError(
      base,
      'cannot tell the architecture; name tarballs <name>-<version>-<x86_64|aarch64>.tar.gz'
    )
  }
  return { file: base, name: m[1], version: m[2], arch: ARCH_ALIASES[m[3]] }
}

export interface ListingEntry {
  path: string
  sha256: string
  size?: number
}

/** The browsable index of a tarball channel, as JSON (for scripts) and HTML (for people). */
export function renderListing(
  title: string,
  entries: ListingEntry[]
): { json: string; html: string } {
  const sorted = [...entries].sort((a, b) => byCodeUnit(a.path, b.path))
  const json = JSON.stringify({ title, files: sorted }, null, 2) + '\n'
  const esc = (s: string): string =>
    s.replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
    )
  const rows = sorted
    .map(
      (e) =>
        `<tr><td><a href="${esc(e.path.split('/').map(encodeURIComponent).join('/'))}">${esc(e.path)}</a></td>` +
        `<td>${e.size ?? ''}</td><td><code>${e.sha256}</code></td></tr>`
    )
    .join('\n')
  const html =
    `<!doctype html>\n<html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body>\n` +
    `<h1>${esc(title)}</h1>\n<p>Checksums: <code>&lt;arch&gt;/SHA256SUMS</code>, signed in <code>SHA256SUMS.asc</code>.</p>\n` +
    `<table><thead><tr><th>file</th><th>bytes</th><th>sha256</th></tr></thead><tbody>\n${rows}\n</tbody></table>\n</body></html>\n`
  return { json, html }
}
