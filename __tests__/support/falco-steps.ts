import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { mustRun } from './run.js'
import type { TestKey } from './keys.js'

/**
 * The steps of Falco's own publishing scripts (falcosecurity/falco `scripts/publish-deb`,
 * `publish-rpm`, `publish-bin`), run with the same tools on a repository folder: what a store
 * that Falco's maintainers hand to falco-publish looks like, and what their scripts do to it
 * if they run again during a transition. The scripts copy the bucket down, change it and sync
 * it back (`--delete` for dists/ and repodata/); working in place on the served folder is the
 * same end state.
 */
export class FalcoSteps {
  private constructor(
    readonly gnupgHome: string,
    readonly fingerprint: string
  ) {}

  /** A GnuPG home holding the signing key, as the scripts' runner has. */
  static async create(dir: string, key: TestKey): Promise<FalcoSteps> {
    const home = path.join(dir, 'gnupg')
    await fs.mkdir(home, { recursive: true, mode: 0o700 })
    await mustRun('gpg', ['--homedir', home, '--batch', '--import'], { input: key.armoredPrivate })
    return new FalcoSteps(home, key.fingerprint)
  }

  private gpg(args: string[], cwd: string): Promise<string> {
    return mustRun('gpg', ['--homedir', this.gnupgHome, '--batch', '--yes', ...args], { cwd })
  }

  private detachSign(file: string): Promise<string> {
    return this.gpg(
      ['--detach-sign', '--digest-algo', 'SHA256', '--armor', path.basename(file)],
      path.dirname(file)
    )
  }

  /** publish-deb: packages into `stable/` with `.asc`, Packages{,.gz,.bz2} per arch, Release signed twice. */
  async publishDeb(repo: string, debs: string[]): Promise<void> {
    const pool = path.join(repo, 'stable')
    await fs.mkdir(pool, { recursive: true })
    const architectures: string[] = []
    for (const deb of debs) {
      const to = path.join(pool, path.basename(deb))
      await fs.copyFile(deb, to)
      await fs.rm(`${to}.asc`, { force: true })
      await this.detachSign(to)
      const arch = (await mustRun('dpkg-deb', ['--field', deb, 'Architecture'])).trim()
      if (!architectures.includes(arch)) architectures.push(arch)
    }
    const release = path.join(repo, 'dists/stable')
    for (const arch of architectures) {
      const dir = path.join(release, 'main', `binary-${arch}`)
      await fs.mkdir(dir, { recursive: true })
      const falcoArch = arch === 'amd64' ? 'x86_64' : 'aarch64'
      const files = (await fs.readdir(pool)).filter(
        (f) => f.startsWith('falco-') && f.endsWith(`-${falcoArch}.deb`)
      )
      let packages = ''
      for (const f of files.sort())
        packages += await mustRun('apt-ftparchive', ['packages', `stable/${f}`], { cwd: repo })
      await fs.writeFile(path.join(dir, 'Packages'), packages)
      await fs.writeFile(
        path.join(dir, 'Packages.gz'),
        await mustRunBytes('gzip', ['-c', path.join(dir, 'Packages')])
      )
      await fs.writeFile(
        path.join(dir, 'Packages.bz2'),
        await mustRunBytes('bzip2', ['-z', '-c', path.join(dir, 'Packages')])
      )
    }
    // Through the shell's redirection, as the script does: Release is truncated before
    // apt-ftparchive reads the folder (and lists itself, empty or partly written).
    const options = [
      'Origin=Falco',
      'Label=Falco',
      'Suite=stable',
      'Codename=stable',
      'Components=main',
      `Architectures=${architectures.join(',')}`
    ].flatMap((o) => ['-o', `APT::FTPArchive::Release::${o}`])
    await mustRun(
      'sh',
      ['-c', 'apt-ftparchive release "$@" dists/stable > dists/stable/Release', 'sh', ...options],
      { cwd: repo }
    )
    await this.gpg(['--detach-sign', '--digest-algo', 'SHA256', '--armor', 'Release'], release)
    await fs.rename(path.join(release, 'Release.asc'), path.join(release, 'Release.gpg'))
    await this.gpg(
      ['--armor', '--sign', '--clearsign', '--digest-algo', 'SHA256', 'Release'],
      release
    )
    await fs.rename(path.join(release, 'Release.asc'), path.join(release, 'InRelease'))
  }

  /** publish-rpm: rpmsign --resign, copied to the root with `.asc`, createrepo --update, repomd.xml signed. */
  async publishRpm(repo: string, rpms: string[]): Promise<void> {
    await fs.mkdir(repo, { recursive: true })
    const signed: string[] = []
    for (const rpm of rpms) {
      // The scripts sign the build's own file; here a copy, so the input stays unsigned.
      const copy = path.join(path.dirname(rpm), `signing-${path.basename(rpm)}`)
      await fs.copyFile(rpm, copy)
      signed.push(copy)
    }
    await mustRun('rpmsign', [
      '--define',
      `_gpg_name ${this.fingerprint}`,
      '--define',
      `_gpg_path ${this.gnupgHome}`,
      '--define',
      `__gpg ${(await mustRun('sh', ['-c', 'command -v gpg'])).trim()}`,
      '--resign',
      ...signed
    ])
    for (const [i, rpm] of rpms.entries()) {
      const to = path.join(repo, path.basename(rpm))
      await fs.rename(signed[i], to)
      await fs.rm(`${to}.asc`, { force: true })
      await this.detachSign(to)
    }
    await mustRun('createrepo_c', ['--update', '--no-database', '.'], { cwd: repo })
    await fs.rm(path.join(repo, 'repodata/repomd.xml.asc'), { force: true })
    await this.detachSign(path.join(repo, 'repodata/repomd.xml'))
  }

  /** publish-bin: the tarball and its `.asc` into `<arch>/`, nothing else. */
  async publishBin(repo: string, arch: string, tarball: string): Promise<void> {
    const dir = path.join(repo, arch)
    await fs.mkdir(dir, { recursive: true })
    const to = path.join(dir, path.basename(tarball))
    await fs.copyFile(tarball, to)
    await fs.rm(`${to}.asc`, { force: true })
    await this.detachSign(to)
  }
}

async function mustRunBytes(cmd: string, args: string[]): Promise<Buffer> {
  const { execFile } = await import('node:child_process')
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { encoding: 'buffer', maxBuffer: 64 << 20 }, (e, out) =>
      e ? reject(e) : resolve(out)
    )
  )
}
