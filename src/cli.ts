/**
 * falco-publish on the command line: the action's pipeline, with inputs as flags and the workflow
 * context from flags or the local git checkout.
 */
import { mkdtemp, writeFile } from 'node:fs/promises'
import * as os from 'node:os'
import * as path from 'node:path'
import { parseArgs, UsageError, type CliArgs } from './cli-args.js'
import { createOctokit } from './github.js'
import { readInputs } from './inputs.js'
import { hasHistory, localEvent, localRepository } from './local-context.js'
import { publish } from './pipeline.js'
import { gitSources } from './release/git.js'
import { remoteTags } from './release/remote-tags.js'
import { consoleLogger } from './report/console-log.js'
import { formatBytes } from './report/format.js'
import { computeOutputs } from './report/outputs.js'
import type { RunReport } from './report/report.js'
import { renderSummary } from './report/summary.js'
import { allStages } from './stages/all.js'
import { openStore } from './store/open.js'

const COMMANDS = ['publish', 'demo'] as const

const HELP = `usage: falco-publish [publish|demo] [--<input> <value> ...]

Commands:
  publish   run the action's pipeline (the default)
  demo      publish the sample artifacts of examples/ into ./public as a development release

Every input of action.yml is a flag of the same name: --store, --channel, --version, --dev-branch,
--latest, --dry-run, --require-checks, --required-checks, --packages, --github-token (default: the
GITHUB_TOKEN environment variable). Repeat a list flag to add lines.

Workflow context (default: a push of the local checkout's current branch or tag):
  --event <name>        push, release, workflow_dispatch, pull_request, ...
  --ref <ref>           refs/heads/master, refs/tags/0.40.0, ...
  --sha <sha>           the commit (default: HEAD)
  --event-path <file>   the event payload as JSON
  --repository <o/r>    whose checks gate the publish (default: GITHUB_REPOSITORY or the origin remote)
  --workspace <dir>     where relative paths start (default: the current directory)
  --summary <file>      also write the Markdown job summary there
  --verbose             debug lines
`

async function main(argv: string[]): Promise<number> {
  let args: CliArgs
  try {
    args = parseArgs(argv, COMMANDS)
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`falco-publish: ${error.message}\n`)
      return 2
    }
    throw error
  }
  if (args.help) {
    process.stdout.write(HELP)
    return 0
  }
  const log = consoleLogger({ verbose: args.verbose || process.env.RUNNER_DEBUG === '1' })
  const workspace = path.resolve(args.context.get('workspace') ?? process.cwd())
  if (args.command === 'demo') await demoDefaults(args, workspace, log)

  try {
    const inputs = readInputs(
      (name) =>
        args.inputs.get(name) ?? (name === 'github-token' ? process.env.GITHUB_TOKEN : undefined)
    )
    log.secret(inputs.githubToken)
    const repository = await localRepository(workspace, args.context.get('repository'))
    const github = inputs.githubToken ? () => createOctokit(inputs.githubToken, { log }) : undefined
    const report = await publish({
      inputs,
      event: await localEvent(workspace, {
        event: args.context.get('event'),
        ref: args.context.get('ref'),
        sha: args.context.get('sha'),
        eventPath: args.context.get('event-path')
      }),
      repository,
      workspace,
      workdir: await mkdtemp(path.join(os.tmpdir(), 'falco-publish-')),
      log,
      releaseSources: gitSources(workspace, async () =>
        github && repository ? remoteTags(github(), repository.owner, repository.repo) : []
      ),
      github,
      openStore: (url) => openStore(url, { log }),
      stages: allStages
    })
    const summaryFile = args.context.get('summary')
    if (summaryFile) await writeFile(summaryFile, log.mask(renderSummary(report)))
    printResult(report, args.command === 'demo', log.mask)
    return report.error ? 1 : 0
  } catch (error) {
    log.error(error instanceof Error ? error.message : String(error))
    return 1
  }
}

/** The demo is a dev release of examples/ into ./public, with no GitHub checks to read. */
async function demoDefaults(
  args: CliArgs,
  workspace: string,
  log: ReturnType<typeof consoleLogger>
): Promise<void> {
  const defaults: Record<string, string> = {
    store: 'public',
    packages: 'examples/packages/*',
    'require-checks': 'false'
  }
  for (const [name, value] of Object.entries(defaults))
    if (!args.inputs.has(name)) args.inputs.set(name, value)
  if (!args.context.has('event')) args.context.set('event', 'push')
  if (!args.context.has('ref')) args.context.set('ref', 'refs/heads/master')
  // A dev version is computed from git history; a checkout without it (a tarball of the sources, a
  // shallow clone) gets a fixed demo version instead of an error.
  if (!args.inputs.has('version') && !(await hasHistory(workspace))) {
    log.info('No git history here: the demo uses version 0.0.0-demo.')
    args.inputs.set('version', '0.0.0-demo')
  }
}

function printResult(report: RunReport, demo: boolean, mask: (text: string) => string): void {
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
  for (const item of published)
    out(`  ${item.kind.padEnd(9)} ${item.path} (${formatBytes(item.size ?? 0)})`)
  if (demo && !report.error && report.store) {
    const root = new URL(report.store).pathname
    out()
    out(`Serve it:   python3 -m http.server --directory ${root} 8080`)
    out('Then check: curl -s http://127.0.0.1:8080/packages/bin-dev/x86_64/SHA256SUMS')
  }
  out()
  for (const [name, value] of Object.entries(computeOutputs(report))) out(`${name}=${value}`)
}

process.exitCode = await main(process.argv.slice(2))
