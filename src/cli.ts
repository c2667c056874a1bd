/**
 * falco-publish on the command line: the action's pipeline, with inputs as flags and the workflow
 * context from flags or the local git checkout.
 */
import { realpathSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs, UsageError, type CliArgs } from './cli-args.js'
import { renderHelp, type ActionInputs, type CommandHelp } from './cli-help.js'
import { inputSecrets, readInputs, storeUrl, type Inputs } from './inputs.js'
import type { Store } from './store/store.js'
import { hasHistory, localEvent, localRepository } from './local-context.js'
import { isMetadata } from './plan.js'
import { consoleLogger } from './report/console-log.js'
import { formatBytes } from './report/format.js'
import type { RunReport } from './report/report.js'
import { mark, timingLine } from './report/timing.js'

type ConsoleLog = ReturnType<typeof consoleLogger>

/**
 * A command runs on the action's inputs as flags (`run`), or takes flags of its own and is handed
 * its arguments as they are (`own`: a driver's coordinates, images and tags).
 */
type Command = CommandHelp &
  (
    | { run(args: CliArgs, workspace: string, log: ConsoleLog): Promise<number>; own?: undefined }
    | { own(argv: string[]): Promise<number>; run?: undefined }
  )

/** The commands, in the order `--help` lists them; a new one is one more row. */
const COMMANDS: readonly Command[] = [
  { name: 'publish', summary: "run the action's pipeline (the default)", run: runPipeline },
  {
    name: 'demo',
    summary: 'publish the sample artifacts of examples/ into ./public as a development release',
    run: async (args, workspace, log) => {
      await demoDefaults(args, workspace, log)
      return runPipeline(args, workspace, log)
    }
  },
  {
    name: 'remove',
    summary: `unpublish the packages matching --remove name=version patterns (wildcards: *) from
      the --channel (dev or stable) apt, dnf and tarball repositories, and re-sign them`,
    run: (args, workspace, log) => maintain('remove', args, workspace, log)
  },
  {
    name: 're-sign',
    summary: `sign every index and package signature of the --channel repositories again with
      --gpg-private-key (several keys during a rotation); no package is uploaded again`,
    run: (args, workspace, log) => maintain('re-sign', args, workspace, log)
  },
  {
    name: 'collect',
    summary: `delete the .deb and .rpm files (and their .asc) of the --channel repositories that
      no index nor pending deletion names (left by a publish stopped before its commit), once older
      than --package-deletion-grace minutes; --dry-run prints them and deletes nothing (unlisted
      tarballs are left for the next publish to adopt)`,
    run: collect
  },
  {
    name: 'drivers-check',
    summary: `parse and validate the driverkit configs of --drivers-config (the folders of
      --driver-versions, or all), write nothing; exit 1 when one is invalid. (To refresh the
      driver listings only, run publish with --shard index.)`,
    run: driversCheck
  },
  {
    name: 'drivers-generate',
    summary: `write a driverkit config into --drivers-config for every kernel of --kernel-list
      that has none, for each of --driver-versions`,
    run: async (args, workspace, log) =>
      (await import('./drivers/generate.js')).driversGenerateCommand(args.inputs, workspace, log)
  },
  {
    name: 'drivers-verify',
    summary: `download a driver by falcoctl's URL and check its .sha256 and .asc (flags of its
      own: drivers-verify --help)`,
    own: async (argv) => (await import('./drivers/verify.js')).driversVerifyCommand(argv)
  },
  {
    name: 'push-images',
    summary: `push local images to registries under given tags, outside a release (flags of its
      own: push-images --help)`,
    own: async (argv) =>
      (await import('./oci/commands.js')).pushImagesCommand(
        argv,
        consoleLogger({ verbose: argv.includes('--verbose') })
      )
  },
  {
    name: 'verify',
    summary: `check every repository in --store as clients fetch it through --public-url
      (signatures, index hashes, by-hash files, every listed package); exit 1 on a mismatch.
      --published-file <file> (a run's published-file output) checks what that run published
      instead, its drivers and images included`,
    run: verify
  }
]

/**
 * A file of the action's own folder (action.yml, package.json): the folder above src/ when this
 * runs from the sources, two above when it runs from the bundle (dist/chunks/, see cli-start.ts).
 */
async function ownFile(name: string): Promise<string> {
  const beside = new URL(`../${name}`, import.meta.url)
  return readFile(beside, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error
    return readFile(new URL(`../../${name}`, import.meta.url), 'utf8')
  })
}

async function help(): Promise<string> {
  const { parse } = await import('yaml')
  return renderHelp(parse(await ownFile('action.yml')) as ActionInputs, COMMANDS)
}

/** Runs one command line; the exit code is returned, not set (tests run it in-process). */
export async function main(argv: string[]): Promise<number> {
  mark('modules')
  const own = COMMANDS.find((c) => c.name === argv[0])?.own
  if (own) return own(argv.slice(1))
  let args: CliArgs
  try {
    args = parseArgs(
      argv,
      COMMANDS.map((c) => c.name)
    )
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`falco-publish: ${error.message}\n`)
      return 2
    }
    throw error
  }
  if (args.help) {
    process.stdout.write(await help())
    return 0
  }
  if (args.version) {
    process.stdout.write(
      `${(JSON.parse(await ownFile('package.json')) as { version: string }).version}\n`
    )
    return 0
  }
  const log = consoleLogger({ verbose: args.verbose || process.env.RUNNER_DEBUG === '1' })
  const workspace = path.resolve(args.context.get('workspace') ?? process.cwd())
  try {
    await readSecretFiles(args, workspace)
  } catch (error) {
    log.error(error instanceof Error ? error.message : String(error))
    return 1
  }
  const command = COMMANDS.find((c) => c.name === args.command)!
  return command.run ? command.run(args, workspace, log) : command.own(argv.slice(1))
}

/** `verify`: the repositories of --store (or what one run published) as clients see them. */
async function verify(args: CliArgs, workspace: string, log: ConsoleLog): Promise<number> {
  try {
    const { verifyCommand } = await import('./verify/command.js')
    const inputs = readInputs((name) => args.inputs.get(name))
    return await verifyCommand(inputs, workspace, log, {
      summary: args.context.get('summary'),
      publishedFile: args.context.get('published-file')
    })
  } catch (error) {
    log.error(error instanceof Error ? error.message : String(error))
    return 1
  }
}

/** `publish` (and `demo`, after its defaults): the action's pipeline, run from the command line. */
async function runPipeline(args: CliArgs, workspace: string, log: ConsoleLog): Promise<number> {
  // The pipeline's modules load while the inputs are read and git answers; the other commands
  // (push-images, verify, drivers-verify) never load them.
  const modules = import('./cli-pipeline.js')
  modules.catch(() => undefined) // awaited below; a failed load is reported there
  try {
    const inputs = readInputs(
      (name) =>
        args.inputs.get(name) ?? (name === 'github-token' ? process.env.GITHUB_TOKEN : undefined)
    )
    for (const secret of inputSecrets(inputs)) log.secret(secret)
    // Both at once: each may wait on a git process (the remote's URL; the branch, the commit).
    const [repository, event] = await Promise.all([
      localRepository(workspace, args.context.get('repository')),
      localEvent(workspace, {
        event: args.context.get('event'),
        ref: args.context.get('ref'),
        sha: args.context.get('sha'),
        eventPath: args.context.get('event-path')
      })
    ])
    const workdir = await mkdtemp(path.join(os.tmpdir(), 'falco-publish-'))
    const { publish, pipelineSeams, renderSummary, outputsWithPublishedFile } = await modules
    mark('load pipeline')
    const report = await publish({
      inputs,
      event,
      repository,
      workspace,
      workdir,
      log,
      ...pipelineSeams(inputs, workspace, repository, log)
    })
    const summaryFile = args.context.get('summary')
    if (summaryFile) await writeFile(summaryFile, log.mask(renderSummary(report)))
    printResult(
      report,
      args.command === 'demo',
      log.mask,
      await outputsWithPublishedFile(report, workdir, log)
    )
    mark('report')
    log.debug(timingLine())
    return report.error ? 1 : 0
  } catch (error) {
    log.error(error instanceof Error ? error.message : String(error))
    return 1
  }
}

/** The store the inputs name, opened as the pipeline opens it. */
async function openStoreOf(inputs: Inputs, workspace: string, log: ConsoleLog): Promise<Store> {
  const { storeOpener } = await import('./seams.js')
  return storeOpener(inputs, log)(storeUrl(inputs.store, workspace))
}

/** Inputs whose value `@<file>` means the file's content. */
const SECRET_INPUTS = [
  'gpg-private-key',
  'gpg-passphrase',
  'github-token',
  'store-password',
  'store-token'
]

async function readSecretFiles(args: CliArgs, workspace: string): Promise<void> {
  for (const name of SECRET_INPUTS) {
    const value = args.inputs.get(name)
    if (!value?.startsWith('@')) continue
    const file = path.resolve(workspace, value.slice(1))
    const content = await readFile(file, 'utf8').catch((error: Error) => {
      throw new Error(`--${name} ${value}: ${error.message}`)
    })
    args.inputs.set(name, content.trim())
  }
}

/** `remove` and `re-sign`: repository maintenance on one channel, outside a release. */
async function maintain(
  command: 'remove' | 're-sign',
  args: CliArgs,
  workspace: string,
  log: ConsoleLog
): Promise<number> {
  try {
    const inputs = readInputs((name) => args.inputs.get(name))
    for (const secret of inputSecrets(inputs)) log.secret(secret)
    const { gpgPrivateKey, gpgPassphrase, remove } = inputs.packaging
    if (inputs.channel !== 'dev' && inputs.channel !== 'stable') {
      throw new Error(`${command} needs --channel dev or --channel stable`)
    }
    if (gpgPrivateKey === '')
      throw new Error(`${command} needs --gpg-private-key (the metadata is signed again)`)
    const options = {
      store: await openStoreOf(inputs, workspace, log),
      channel: inputs.channel,
      gpgPrivateKey,
      gpgPassphrase,
      log,
      dryRun: inputs.dryRun
    }
    const { removePackages, resignRepositories } = await import('./stages/packages/maintenance.js')
    const result = await log.group(`${command} (${inputs.channel})`, () =>
      command === 'remove'
        ? removePackages({ ...options, patterns: remove })
        : resignRepositories(options)
    )
    if (result.changes) {
      // A dry run: what a real run writes and deletes; the store was not touched.
      for (const key of result.removed) process.stdout.write(`would remove  ${key}\n`)
      for (const key of result.changes.written) process.stdout.write(`would write   ${key}\n`)
      for (const key of result.changes.deleted) process.stdout.write(`would delete  ${key}\n`)
      process.stdout.write(
        `dry-run: ${result.changes.written.length} files would be written, ` +
          `${result.changes.deleted.length} deleted; nothing was changed\n`
      )
      return 0
    }
    for (const key of result.removed) process.stdout.write(`removed  ${key}\n`)
    process.stdout.write(
      `${result.published.length} files written, ${result.removed.length} removed\n`
    )
    return 0
  } catch (error) {
    log.error(error instanceof Error ? error.message : String(error))
    return 1
  }
}

/** `collect`: package files no index names, older than the grace, leave the channel's repositories. */
async function collect(args: CliArgs, workspace: string, log: ConsoleLog): Promise<number> {
  try {
    const inputs = readInputs((name) => args.inputs.get(name))
    for (const secret of inputSecrets(inputs)) log.secret(secret)
    if (inputs.channel !== 'dev' && inputs.channel !== 'stable') {
      throw new Error('collect needs --channel dev or --channel stable')
    }
    const { collectOrphans } = await import('./stages/packages/collect.js')
    const channel = inputs.channel
    const store = await openStoreOf(inputs, workspace, log)
    const result = await log.group(`collect (${channel})`, () =>
      collectOrphans({
        store,
        channel,
        graceMs: inputs.packaging.deletionGraceMinutes * 60_000,
        log,
        dryRun: inputs.dryRun
      })
    )
    const verb = inputs.dryRun ? 'would delete' : 'deleted'
    for (const key of result.deleted) process.stdout.write(`${verb}  ${key}\n`)
    for (const key of result.young) process.stdout.write(`kept (young)  ${key}\n`)
    process.stdout.write(
      `${result.deleted.length} files ${inputs.dryRun ? 'would be deleted' : 'deleted'}, ` +
        `${result.young.length} kept as younger than ${inputs.packaging.deletionGraceMinutes} minutes` +
        `${inputs.dryRun ? '; nothing was changed' : ''}\n`
    )
    return 0
  } catch (error) {
    log.error(error instanceof Error ? error.message : String(error))
    return 1
  }
}

/** Validates a drivers build grid without building or writing anything. */
async function driversCheck(args: CliArgs, workspace: string, log: ConsoleLog): Promise<number> {
  try {
    const { drivers } = readInputs((name) => args.inputs.get(name))
    if (drivers.config === '') throw new Error('drivers-check needs --drivers-config <dir>')
    const { checkDriverConfigs } = await import('./drivers/commands.js')
    const grid = await checkDriverConfigs(path.resolve(workspace, drivers.config), drivers.versions)
    for (const warning of grid.warnings) log.warning(warning)
    for (const invalid of grid.invalid) log.error(invalid.error, { file: invalid.file })
    process.stdout.write(
      `${grid.configs.length} configs valid, ${grid.invalid.length} invalid, ${grid.warnings.length} warnings\n`
    )
    return grid.invalid.length > 0 ? 1 : 0
  } catch (error) {
    log.error(error instanceof Error ? error.message : String(error))
    return 1
  }
}

/** The demo is a dev release of examples/ into ./public, with no GitHub checks to read. */
async function demoDefaults(args: CliArgs, workspace: string, log: ConsoleLog): Promise<void> {
  const defaults: Record<string, string> = {
    store: 'public',
    packages: 'examples/packages/*',
    'require-checks': 'false'
  }
  // The demo's --public-url names where it will be served later: nothing serves it yet to verify.
  if (args.inputs.has('public-url')) defaults.verify = 'false'
  for (const [name, value] of Object.entries(defaults))
    if (!args.inputs.has(name)) args.inputs.set(name, value)
  if (!args.inputs.has('gpg-private-key')) {
    args.inputs.set('gpg-private-key', await demoKey(workspace, log))
  }
  if (!args.context.has('event')) args.context.set('event', 'push')
  if (!args.context.has('ref')) args.context.set('ref', 'refs/heads/master')
  // A dev version is computed from git history; a checkout without it (a tarball of the sources, a
  // shallow clone) gets a fixed demo version instead of an error.
  if (!args.inputs.has('version') && !(await hasHistory(workspace))) {
    log.info('No git history here: the demo uses version 0.0.0-demo.')
    args.inputs.set('version', '0.0.0-demo')
  }
}

async function demoKey(workspace: string, log: ConsoleLog): Promise<string> {
  const file = path.join(workspace, '.falco-publish', 'demo-signing-key.asc')
  const existing = await readFile(file, 'utf8').catch(() => undefined)
  if (existing) return existing
  log.info(`Making a throwaway signing key for the demo: ${path.relative(workspace, file)}`)
  const { generateSigningKey } = await import('./sign/openpgp.js')
  const { privateKey } = await generateSigningKey('falco-publish demo')
  await mkdir(path.dirname(file), { recursive: true })
  await writeFile(file, privateKey, { mode: 0o600 })
  return privateKey
}

/** What a person reads: the artifacts themselves, a count of the metadata, and (for the demo) how to use it. */
function printResult(
  report: RunReport,
  demo: boolean,
  mask: (text: string) => string,
  outputs: Record<string, string>
): void {
  const out = (line = '') => process.stdout.write(mask(line) + '\n')
  if (report.error) {
    process.stderr.write(mask(`falco-publish: ${report.error}\n`))
    if (report.results.some((result) => result.published.length > 0)) {
      out('Published before the failure:')
    }
  }
  const published = report.results.flatMap((result) => result.published)
  if (!report.error && report.release?.channel !== 'none') {
    out(
      `${report.dryRun ? 'Would publish' : 'Published'} ${report.release?.channel} release ${report.release?.version}:`
    )
  }
  for (const item of published.filter((item) => !isMetadata(item))) {
    out(`  ${item.kind.padEnd(8)} ${item.path} (${formatBytes(item.size ?? 0)})`)
  }
  const signed = published.filter(isMetadata).length
  if (signed > 0) out(`  and ${signed} indexes, signatures and listings`)
  const skipped = report.plans
    .flatMap((plan) => plan.operations)
    .filter((op) => op.action === 'skip')
  if (!report.error && !report.dryRun && published.length === 0 && skipped.length > 0) {
    out(`  nothing new: ${skipped.length} artifacts were already published with the same bytes`)
  }
  if (demo && !report.error && report.store) demoInstructions(new URL(report.store).pathname, out)
  // The outputs, as a later step would read them; `published` is long JSON: see --summary for it.
  out()
  for (const [name, value] of Object.entries(outputs)) {
    out(
      `${name}=${name === 'published' && !process.env.GITHUB_ACTIONS ? `[${published.length} artifacts]` : value}`
    )
  }
}

function demoInstructions(root: string, out: (line?: string) => void): void {
  const url = 'http://127.0.0.1:8080/packages'
  out()
  out('Serve it:')
  out(`  python3 -m http.server --directory ${root} 8080`)
  out('apt (as root):')
  out(`  curl -fsSo /etc/apt/keyrings/falco-demo.asc ${url}/repository-key.asc`)
  out(
    `  echo "deb [signed-by=/etc/apt/keyrings/falco-demo.asc] ${url}/deb-dev stable main" > /etc/apt/sources.list.d/falco-demo.list`
  )
  out('  apt-get update && apt-get install falco')
  out('dnf (as root; the .repo file reads the directory itself, no server needed):')
  out(`  cp ${root}/packages/rpm-dev/falco-publish.repo /etc/yum.repos.d/ && dnf install falco`)
  out('tarballs:')
  out(`  curl -s ${url}/bin-dev/x86_64/SHA256SUMS`)
}

// Run when this module is the program (node dist/cli.js, or npx through the bin link), not
// when a test imports it.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2))
}
