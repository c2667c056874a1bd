/**
 * Where tarballs go: `packages/bin/<arch>/` for stable, `packages/bin-dev/<arch>/` for dev, with the
 * arch taken from CPack's file name `falco-<version>-<x86_64|aarch64>.tar.gz`.
 */
export type TarballArch = 'x86_64' | 'aarch64'

export function tarballArch(fileName: string): TarballArch | undefined {
  const match = /-(x86_64|aarch64)\.tar\.gz$/.exec(fileName)
  return match ? (match[1] as TarballArch) : undefined
}

export function binRepository(channel: 'dev' | 'stable'): string {
  return channel === 'stable' ? 'packages/bin' : 'packages/bin-dev'
}

export function tarballKey(channel: 'dev' | 'stable', arch: TarballArch, fileName: string): string {
  return `${binRepository(channel)}/${arch}/${fileName}`
}
