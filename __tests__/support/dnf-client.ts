import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { run } from './run.js'

/** dnf with its own config, cache and installroot: gpgcheck and repo_gpgcheck on, nothing skipped. */
export class DnfClient {
  constructor(readonly dir: string) {}

  static async create(dir: string, baseurl: string, keyFile: string): Promise<DnfClient> {
    for (const d of ['repos', 'cache', 'log', 'persist', 'root', 'download'])
      await fs.mkdir(path.join(dir, d), { recursive: true })
    await fs.writeFile(
      path.join(dir, 'dnf.conf'),
      `[main]\ngpgcheck=True\nrepo_gpgcheck=True\nskip_if_unavailable=False\ninstall_weak_deps=False\n` +
        `reposdir=${dir}/repos\ncachedir=${dir}/cache\nlogdir=${dir}/log\npersistdir=${dir}/persist\n`
    )
    await fs.writeFile(
      path.join(dir, 'repos/test.repo'),
      `[falco-test]\nname=falco test\nbaseurl=${baseurl}\nenabled=1\ngpgcheck=1\nrepo_gpgcheck=1\n` +
        `gpgkey=file://${keyFile}\nmetadata_expire=0\n`
    )
    return new DnfClient(dir)
  }

  private args(): string[] {
    return [
      `--config=${this.dir}/dnf.conf`,
      `--installroot=${this.dir}/root`,
      '--releasever=1',
      '-y',
      '--disableplugin=local',
      '--setopt=reposdir=' + this.dir + '/repos'
    ]
  }

  makecache(): ReturnType<typeof run> {
    return this.dnf('makecache')
  }

  async download(spec: string): Promise<{ code: number; output: string; files: string[] }> {
    const out = path.join(this.dir, 'download')
    const r = await this.dnf('download', `--destdir=${out}`, spec)
    return { code: r.code, output: r.stdout + r.stderr, files: await fs.readdir(out) }
  }

  install(spec: string): ReturnType<typeof run> {
    return this.dnf('install', '--nodocs', spec)
  }

  list(): ReturnType<typeof run> {
    return this.dnf('list', '--available', '--showduplicates')
  }

  /**
   * Runs dnf, then stops the gpg-agent that librepo starts for the keyring it imports the
   * repository key into (`.../pubring` under the cache): it would outlive the test otherwise.
   */
  private async dnf(...args: string[]): ReturnType<typeof run> {
    try {
      return await run('dnf', [...this.args(), ...args])
    } finally {
      for (const home of await keyrings(this.dir))
        await run('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'])
    }
  }
}

/** The GnuPG homes librepo made below `dir`. */
async function keyrings(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isDirectory() && e.name === 'pubring')
    .map((e) => path.join(e.parentPath, e.name))
}
