import { execFileSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { Session } from 'node:inspector/promises'
import * as openpgp from 'openpgp'
import { readInputs } from '/work/main/src/inputs.js'
import { parseRpm } from '/work/main/src/repo/rpm/parse.js'
import { loadSigningKeys } from '/work/main/src/sign/openpgp.js'
import { commitDnf } from '/work/main/src/stages/packages/dnf.js'
import { commitApt } from '/work/main/src/stages/packages/apt.js'
import { parseDeb } from '/work/main/src/repo/deb/parse.js'
import { Uploader } from '/work/main/src/stages/packages/store-io.js'
import { packagesStage } from '/work/main/src/stages/packages.js'
import { FileStore } from '/work/main/src/store/file.js'
const kind = process.argv[2] ?? 'rpm'
const count = 10000
const quiet = { info: () => {}, debug: () => {}, warning: () => {}, error: () => {}, group: (_n: string, fn: () => unknown) => fn(), secret: () => {} } as any
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'prof-'))
const { privateKey } = await openpgp.generateKey({ type: 'rsa', rsaBits: 2048, userIDs: [{ name: 'b' }], format: 'armored' })
const keys = await loadSigningKeys(privateKey)
const store = new FileStore(path.join(tmp, 'public'))
const uploader = new Uploader(store, quiet)
const pad = (i: number) => String(i).padStart(6, '0')
const ws = path.join(tmp, 'ws'); await fs.mkdir(ws)
if (kind === 'rpm') {
  const specDir = path.join(tmp, 'rpmbuild'); await fs.mkdir(specDir)
  await fs.writeFile(path.join(specDir, 't.spec'), 'Name: benchXXXXXX\nVersion: 1.0.0\nRelease: 1\nSummary: synthetic\nLicense: Apache-2.0\nAutoReq: no\n%description\nsynthetic\n%install\nmkdir -p %{buildroot}/usr/share/benchXXXXXX\necho hi > %{buildroot}/usr/share/benchXXXXXX/README\n%files\n/usr/share/benchXXXXXX\n')
  execFileSync('rpmbuild', ['-bb', '--quiet', '--define', `_topdir ${specDir}`, '--define', '_build_id_links none', '--target', 'noarch', path.join(specDir, 't.spec')])
  const tf = path.join(specDir, 'RPMS/noarch/benchXXXXXX-1.0.0-1.noarch.rpm')
  const template = await fs.readFile(tf); const info = await parseRpm(tf)
  const variant = (id: string) => { const out = Buffer.from(template); const head = out.subarray(0, info.payloadOffset); let at = head.indexOf('XXXXXX'); while (at >= 0) { head.write(id, at); at = head.indexOf('XXXXXX', at + 6) } return out }
  const repo = path.join(tmp, 'public/packages/rpm-dev'); await fs.mkdir(repo, { recursive: true })
  const rpms = []
  for (let i = 0; i < count; i++) { const f = path.join(repo, `bench${pad(i)}-1.0.0-1.noarch.rpm`); await fs.writeFile(f, variant(pad(i))); const p = await parseRpm(f); rpms.push({ ...p, sourceSha256: p.digests.sha256 }) }
  await commitDnf({ added: rpms }, { store, prefix: 'packages/rpm-dev', keys, log: quiet, uploader })
  await fs.writeFile(path.join(ws, 'benchnewone-1.0.0-1.noarch.rpm'), variant('newone'))
} else {
  execFileSync('bash', ['-c', `mkdir -p ${tmp}/d/DEBIAN && printf 'Package: x\nVersion: 1\nArchitecture: amd64\nMaintainer: a <a@b>\nDescription: d\n' > ${tmp}/d/DEBIAN/control && dpkg-deb -b ${tmp}/d ${tmp}/t.deb >/dev/null`])
  const t = await parseDeb(`${tmp}/t.deb`)
  const added = []
  for (let i = 0; i < count; i++) added.push({ pkg: { ...t, control: t.control.map(([f, v]) => [f, f === 'Package' ? `bench${pad(i)}` : v] as [string, string]) }, filename: `stable/bench${pad(i)}.deb` })
  await commitApt({ added }, { store, prefix: 'packages/deb-dev', keys, log: quiet, uploader })
  await fs.copyFile(`${tmp}/t.deb`, path.join(ws, 'new-1.0.0-x86_64.deb'))
}
const ctx = () => ({ release: { channel: 'dev', version: '1.0.0', prerelease: false, latest: false, reason: 'p', sha: '0'.repeat(40) }, inputs: readInputs((n: string) => ({ packages: `*.${kind}`, 'gpg-private-key': privateKey, 'dev-retention': '100000' } as any)[n]), store, log: quiet, workspace: ws, workdir: path.join(tmp, 'work') }) as any
const session = new Session(); session.connect(); if (process.env.PROF) console.error("---- measured publish")
await session.post('Profiler.enable'); await session.post('Profiler.setSamplingInterval', { interval: 200 }); await session.post('Profiler.start')
const t0 = performance.now()
const c = ctx(); await packagesStage.apply(await packagesStage.plan(c), c)
const ms = performance.now() - t0
const { profile } = await session.post('Profiler.stop')
console.log(kind, 'publish one more:', ms.toFixed(1), 'ms')
const parent = new Map<number, number>()
for (const n of profile.nodes as any[]) for (const c of n.children ?? []) parent.set(c, n.id)
const byId = new Map((profile.nodes as any[]).map((n) => [n.id, n]))
const total = new Map<string, number>()
const dt = profile.timeDeltas!; const samples = profile.samples!
for (let i = 0; i < samples.length; i++) {
  const seen = new Set<string>()
  for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) {
    const n: any = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}`
    if (seen.has(k)) continue; seen.add(k); total.set(k, (total.get(k) ?? 0) + dt[i] / 1000)
  }
}
console.log([...total].filter(([k]) => /src|node:|:-1|\(/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 45).map(([k, v]) => `${v.toFixed(1).padStart(7)} ms ${k}`).join('\n'))
await fs.rm(tmp, { recursive: true, force: true })
