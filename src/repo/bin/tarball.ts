import * as path from 'node:path'
import { byCodeUnit } from '../../compare.js'
import { PackageFormatError } from '../format-error.js'

/**
 * What a tarball's name says: `falco-0.40.0-x86_64.tar.gz` -> name, version, arch. Falco's other
 * names: a flavour before the arch (`falco-0.40.0-static-x86_64.tar.gz`: still version 0.40.0,
 * so retention counts it with the plain tarball), and no arch at all
 * (`falco-0.40.0-wasm.tar.gz`), which goes to a repository of its own.
 */
export interface TarballName {
  file: string
  name: string
  version: string
  /** A lowercase word between the version and the arch (or the end): `static`, `wasm`. */
  flavour?: string
  /** Undefined for an arch-less tarball. */
  arch?: 'x86_64' | 'aarch64'
}

/** The architectures tarballs are published for, each in its own folder. */
export const TARBALL_ARCHES: ReadonlyArray<NonNullable<TarballName['arch']>> = ['x86_64', 'aarch64']

const ARCH_ALIASES: Record<string, NonNullable<TarballName['arch']>> = {
  x86_64: 'x86_64',
  amd64: 'x86_64',
  aarch64: 'aarch64',
  arm64: 'aarch64'
}

/** Flavours that run anywhere, so their tarballs name no architecture (Falco's `-wasm`). */
const ARCHLESS_FLAVOURS = new Set(['wasm', 'noarch', 'all'])

/** Words that end a semver prerelease (`0.40.0-rc`), never a flavour. */
const PRERELEASE_WORDS = new Set(['alpha', 'beta', 'rc', 'pre', 'dev'])

export function parseTarballName(file: string): TarballName {
  const base = path.basename(file)
  const m = /^(.+?)-(\d[^-]*(?:-[^-]+)*?)(?:-(x86_64|amd64|aarch64|arm64))?\.tar\.gz$/.exec(base)
  if (!m) {
    throw new PackageFormatError(
      base,
      'cannot tell the version; name tarballs <name>-<version>[-<flavour>]-<x86_64|aarch64>.tar.gz, ' +
        'or <name>-<version>-<flavour>.tar.gz for one without an architecture'
    )
  }
  let version = m[2]
  let flavour: string | undefined
  const cut = /^(.+)-([a-z]+)$/.exec(version)
  if (cut && !PRERELEASE_WORDS.has(cut[2])) {
    version = cut[1]
    flavour = cut[2]
  }
  const arch = m[3] ? ARCH_ALIASES[m[3]] : undefined
  // Without an arch, only a flavour known to need none: `-sparc` is an arch we do not publish.
  if (!arch && !(flavour && ARCHLESS_FLAVOURS.has(flavour))) {
    throw new PackageFormatError(
      base,
      'cannot tell the architecture; name tarballs <name>-<version>[-<flavour>]-<x86_64|aarch64>.tar.gz, ' +
        `or <name>-<version>-<${[...ARCHLESS_FLAVOURS].join('|')}>.tar.gz for one without an architecture`
    )
  }
  return { file: base, name: m[1], version, ...(flavour ? { flavour } : {}), arch }
}

export interface ListingEntry {
  path: string
  sha256: string
  size?: number
}

/** The browsable index of a tarball channel, as JSON (for scripts) and HTML (for people). */
export function renderListing(
  title: string,
  entries: ListingEntry[],
  pending: Map<string, Date> = new Map()
): { json: string; html: string } {
  const sorted = [...entries].sort((a, b) => byCodeUnit(a.path, b.path))
  // `dropped`: tarballs the retention or a removal took out whose files stay until their grace
  // has passed (`droppedSince`, see repo/pending.ts); a publish never adopts them back.
  const dropped = [...pending.keys()].sort(byCodeUnit)
  const json =
    JSON.stringify(
      dropped.length
        ? {
            title,
            files: sorted,
            dropped,
            droppedSince: Object.fromEntries(dropped.map((d) => [d, pending.get(d)!.toISOString()]))
          }
        : { title, files: sorted },
      null,
      2
    ) + '\n'
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
