import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { generateTestKey, writePrivateKey, writePublicKey } from './support/keys.js'
import { buildRaceWorkspaces, byVersion, publishAtOnce, raceView } from './support/race.js'
import { requireTools } from './support/run.js'
import { startNginx, type RunningServer } from './support/servers.js'

/**
 * Sixteen publishes at once, each of its own dev version of a .deb, an .rpm and a tarball, with
 * a dev retention of 3 so that deletions race too, into one local store (served by nginx), in
 * two rounds. Every publish succeeds, and afterwards apt (by-hash, and with by-hash turned off,
 * so the plain Packages files must match InRelease), dnf and SHA256SUMS all see exactly the
 * newest three versions, and the store holds no package file that no index names.
 * bench/race.ts runs the same race for as many rounds as asked (the acceptance's ten).
 */
requireTools({
  'dpkg-deb': 'dpkg',
  'apt-get': 'apt',
  rpmbuild: 'rpm',
  dnf: 'dnf dnf-plugins-core',
  gpg: 'gnupg',
  curl: 'curl',
  sha256sum: 'coreutils'
})

const PUBLISHES = 16
const RETENTION = 3
/** Four OS processes of four publishes each: processes race as well as promises, at a quarter of the start-up cost. */
const PROCESSES = 4

let tmp: string
let nginx: RunningServer
let publicKey: string
let privateKey: string
const published: string[] = []

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'falco-publish-mixed-'))
  const key = await generateTestKey('ecc')
  publicKey = await writePublicKey(tmp, key)
  privateKey = await writePrivateKey(tmp, key)
  nginx = await startNginx()
})

afterAll(async () => {
  await nginx?.stop()
  if (tmp) await fs.rm(tmp, { recursive: true, force: true })
})

describe('sixteen publishes of .deb, .rpm and tarballs at once, with a dev retention of 3', () => {
  it.each([1, 2])(
    'round %i: every publish succeeds and every client sees the newest three',
    async (round) => {
      const versions = Array.from({ length: PUBLISHES }, (_, i) => `1.${round}.${i}`)
      const workspaces = await buildRaceWorkspaces(path.join(tmp, `round-${round}`), versions)
      const store = path.join(nginx.root, 'race')
      const failures = await publishAtOnce(pathToFileURL(store).href, workspaces, {
        keyFile: privateKey,
        retention: RETENTION,
        processes: PROCESSES
      })
      expect(failures).toEqual([])
      published.push(...versions)
      const expected = [...published].sort(byVersion).slice(-RETENTION)
      const view = await raceView(
        store,
        `${nginx.url}/race`,
        publicKey,
        path.join(tmp, `view-${round}`)
      )
      expect(view).toEqual({
        apt: expected,
        aptNoByHash: expected,
        dnf: expected,
        sums: expected,
        unnamed: [],
        temporary: [],
        errors: []
      })
    }
  )
})
