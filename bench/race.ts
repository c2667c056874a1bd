/**
 * The mixed-kind race, as many rounds as asked: each round, `publishes` publishes of a .deb, an
 * .rpm and a tarball each (all different dev versions, `dev-retention` small so deletions race
 * too) start at the same moment against one local store; then apt (by-hash and plain), dnf and
 * SHA256SUMS are asked which versions they see, and the store is listed for package files no
 * index names. Prints one line per round and the totals; asserts nothing.
 *
 *   npx tsx bench/race.ts [rounds] [publishes] [retention] [processes]
 *   (default 10 rounds of 16 publishes, retention 3, 4 processes)
 *
 * Needs dpkg-deb, rpmbuild, apt, dnf, gpg, curl, nginx (serves the store to the clients).
 */
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { generateTestKey, writePublicKey } from '../__tests__/support/keys.js'
import {
  buildRaceWorkspaces,
  byVersion,
  publishAtOnce,
  raceView
} from '../__tests__/support/race.js'
import { startNginx } from '../__tests__/support/servers.js'

const rounds = Number(process.argv[2] ?? 10)
const publishes = Number(process.argv[3] ?? 16)
const retention = Number(process.argv[4] ?? 3)
const processes = Number(process.argv[5] ?? 4)

const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'falco-publish-race-'))
const nginx = await startNginx()
try {
  const key = await generateTestKey('ecc')
  const publicKey = await writePublicKey(tmp, key)
  const privateKey = path.join(tmp, 'private.asc')
  await fs.writeFile(privateKey, key.armoredPrivate)
  const store = path.join(nginx.root, 'race')
  const published: string[] = []
  let failed = 0
  let wrongRounds = 0
  for (let r = 0; r < rounds; r++) {
    const versions = Array.from({ length: publishes }, (_, i) => `1.${r}.${i}`)
    const workspaces = await buildRaceWorkspaces(path.join(tmp, `round-${r}`), versions)
    const started = Date.now()
    const failures = await publishAtOnce(pathToFileURL(store).href, workspaces, {
      keyFile: privateKey,
      retention,
      processes
    })
    const seconds = (Date.now() - started) / 1000
    published.push(...versions)
    const expected = [...published].sort(byVersion).slice(-retention)
    const view = await raceView(store, `${nginx.url}/race`, publicKey, path.join(tmp, `view-${r}`))
    const agree = [view.apt, view.aptNoByHash, view.dnf, view.sums].every(
      (seen) => seen.join(' ') === expected.join(' ')
    )
    const clean = agree && view.unnamed.length === 0 && view.errors.length === 0
    failed += failures.length
    if (!clean) wrongRounds++
    console.log(
      `round ${r + 1}: ${failures.length}/${publishes} publishes failed, ${seconds.toFixed(1)} s; ` +
        `expected ${expected.join(' ')}; apt ${view.apt.join(' ')} | apt no by-hash ${view.aptNoByHash.join(' ')} | ` +
        `dnf ${view.dnf.join(' ')} | SHA256SUMS ${view.sums.join(' ')}; unnamed files ${view.unnamed.length}, ` +
        `temporary files ${view.temporary.length}`
    )
    for (const f of new Set(failures.map((f) => f.replace(/^\S+: /, '').slice(0, 300))))
      console.log(`  failure: ${f}`)
    for (const e of view.errors) console.log(`  client: ${e.slice(0, 300)}`)
    if (view.unnamed.length) console.log(`  unnamed: ${view.unnamed.slice(0, 6).join(' ')}`)
  }
  console.log(
    `total: ${rounds} rounds x ${publishes} publishes (retention ${retention}, ${processes} processes): ` +
      `${failed} of ${rounds * publishes} publishes failed; ${wrongRounds} of ${rounds} rounds left clients disagreeing or files unnamed`
  )
} finally {
  await nginx.stop()
  await fs.rm(tmp, { recursive: true, force: true })
}
