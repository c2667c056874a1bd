import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { mustRun } from './run.js'

/** Builds a real .deb with dpkg-deb (members compressed as asked). */
export async function buildDeb(
  dir: string,
  o: {
    name: string
    version: string
    arch: string
    compression?: 'gzip' | 'xz' | 'zstd'
    file?: string
  }
): Promise<string> {
  const root = path.join(dir, `root-${o.name}-${o.version}-${o.arch}`)
  await fs.rm(root, { recursive: true, force: true })
  await fs.mkdir(path.join(root, 'DEBIAN'), { recursive: true })
  await fs.mkdir(path.join(root, 'usr/share', o.name), { recursive: true })
  await fs.writeFile(path.join(root, 'usr/share', o.name, 'VERSION'), o.version + '\n')
  await fs.writeFile(
    path.join(root, 'DEBIAN/control'),
    `Package: ${o.name}\nVersion: ${o.version}\nArchitecture: ${o.arch}\nMaintainer: Test <test@example.invalid>\n` +
      `Section: utils\nPriority: optional\nDescription: test package ${o.name}\n built for falco-publish tests\n`
  )
  const archName = o.arch === 'amd64' ? 'x86_64' : o.arch === 'arm64' ? 'aarch64' : o.arch
  const out = path.join(dir, o.file ?? `${o.name}-${o.version}-${archName}.deb`)
  await mustRun('dpkg-deb', [
    `-Z${o.compression ?? 'gzip'}`,
    '--root-owner-group',
    '--build',
    root,
    out
  ])
  return out
}

/** Builds a real .rpm with rpmbuild for the given target arch. */
export async function buildRpm(
  dir: string,
  o: {
    name: string
    version: string
    release?: string
    arch: 'noarch' | 'x86_64' | 'aarch64'
    /** The file's name (CPack names them `<name>-<version>-<arch>.rpm`). */
    file?: string
    /** Random bytes installed as /usr/share/<name>/payload, for a package of real size. */
    payloadKiB?: number
  }
): Promise<string> {
  const top = path.join(dir, 'rpmbuild')
  const payload = o.payloadKiB
    ? `head -c ${o.payloadKiB * 1024} /dev/urandom > %{buildroot}/usr/share/${o.name}/payload\n`
    : ''
  const spec = path.join(dir, `${o.name}-${o.version}.spec`)
  await fs.writeFile(
    spec,
    `Name: ${o.name}\nVersion: ${o.version}\nRelease: ${o.release ?? '1'}\nSummary: test package ${o.name}\nLicense: Apache-2.0\n` +
      `URL: https://example.invalid/${o.name}\nVendor: falco-publish tests\nPackager: Test <test@example.invalid>\n` +
      `AutoReq: no\nProvides: ${o.name}-virtual = ${o.version}\nConflicts: ${o.name}-old < 0.1\nObsoletes: ${o.name}-ancient <= 0.1\n` +
      `%description\nA package built for falco-publish tests.\n` +
      `%install\nmkdir -p %{buildroot}/usr/share/${o.name} %{buildroot}/usr/bin\n` +
      `echo ${o.version} > %{buildroot}/usr/share/${o.name}/VERSION\n${payload}` +
      `printf '#!/bin/sh\\necho ${o.version}\\n' > %{buildroot}/usr/bin/${o.name}\nchmod 755 %{buildroot}/usr/bin/${o.name}\n` +
      `%files\n/usr/share/${o.name}\n/usr/bin/${o.name}\n`
  )
  await mustRun('rpmbuild', [
    '-bb',
    '--quiet',
    '--define',
    `_topdir ${top}`,
    '--define',
    '_build_id_links none',
    '--target',
    o.arch,
    spec
  ])
  const built = path.join(
    top,
    'RPMS',
    o.arch,
    `${o.name}-${o.version}-${o.release ?? '1'}.${o.arch}.rpm`
  )
  const out = path.join(dir, o.file ?? path.basename(built))
  await fs.copyFile(built, out)
  return out
}
