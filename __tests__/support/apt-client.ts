import { promises as fs } from 'node:fs'
import * as path from 'node:path'
import { run } from './run.js'

/** An apt completely isolated from the host's configuration, lists and cache. */
export class AptClient {
  constructor(readonly dir: string) {}

  static async create(dir: string, sourceLine: string): Promise<AptClient> {
    for (const d of [
      'etc/parts',
      'etc/sources.list.d',
      'etc/preferences.d',
      'lists/partial',
      'cache/archives/partial',
      'download'
    ]) {
      await fs.mkdir(path.join(dir, d), { recursive: true })
    }
    await fs.writeFile(path.join(dir, 'status'), '')
    await fs.writeFile(path.join(dir, 'etc/empty.conf'), '')
    await fs.writeFile(path.join(dir, 'etc/preferences'), '')
    await fs.writeFile(path.join(dir, 'etc/sources.list'), sourceLine + '\n')
    await fs.writeFile(
      path.join(dir, 'apt.conf'),
      [
        `Dir::Etc::main "${dir}/etc/empty.conf";`,
        `Dir::Etc::parts "${dir}/etc/parts";`,
        `Dir::Etc::sourcelist "${dir}/etc/sources.list";`,
        `Dir::Etc::sourceparts "${dir}/etc/sources.list.d";`,
        `Dir::Etc::preferences "${dir}/etc/preferences";`,
        `Dir::Etc::preferencesparts "${dir}/etc/preferences.d";`,
        `Dir::State::Lists "${dir}/lists";`,
        `Dir::State::status "${dir}/status";`,
        `Dir::Cache "${dir}/cache";`,
        `APT::Sandbox::User "root";`,
        `APT::Architecture "amd64";`,
        `APT::Architectures { "amd64"; "arm64"; };`,
        `Acquire::Languages "none";`,
        `Acquire::Retries "0";`
      ].join('\n') + '\n'
    )
    return new AptClient(dir)
  }

  private env(): NodeJS.ProcessEnv {
    return { ...process.env, APT_CONFIG: path.join(this.dir, 'apt.conf') }
  }

  update(): ReturnType<typeof run> {
    return run('apt-get', ['update', '-q'], { env: this.env() })
  }

  /** Downloads `name:arch=version` into its download folder; returns the exit and the file names. */
  async download(spec: string): Promise<{ code: number; output: string; files: string[] }> {
    const out = path.join(this.dir, 'download')
    const r = await run('apt-get', ['download', '-q', spec], { env: this.env(), cwd: out })
    return { code: r.code, output: r.stdout + r.stderr, files: await fs.readdir(out) }
  }

  async policy(name: string): Promise<string> {
    const r = await run('apt-cache', ['madison', name], { env: this.env() })
    return r.stdout
  }
}
