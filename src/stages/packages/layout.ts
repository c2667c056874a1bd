/** Where each channel's repositories live in the store (Falco's download layout). */
export interface Repositories {
  deb: string
  rpm: string
  bin: string
}

export function repositoriesFor(channel: 'dev' | 'stable'): Repositories {
  const suffix = channel === 'dev' ? '-dev' : ''
  return {
    deb: `packages/deb${suffix}`,
    rpm: `packages/rpm${suffix}`,
    bin: `packages/bin${suffix}`
  }
}

/** The armoured public key(s) users import, next to the repositories. */
export const PUBLIC_KEY_KEY = 'packages/repository-key.asc'
