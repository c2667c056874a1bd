import { constants } from 'node:os'

// Loaded on the first command: a publish given its version and repository runs none, and
// node:child_process (with net and dgram) costs about 2 ms of every start.
const childProcess = (): Promise<typeof import('node:child_process')> =>
  import('node:child_process')

/** What a finished command did. */
export interface CommandResult {
  /** Its exit status; 128 + the signal's number when a signal ended it; 127 when it never started. */
  code: number
  /** What it printed (empty when `output` took it). */
  stdout: string
  stderr: string
  /** Why it could not be started (ENOENT: no such program, or no such `cwd`). */
  startError?: NodeJS.ErrnoException
}

export interface CommandOptions {
  cwd?: string
  /** The whole environment; this process's own by default. */
  env?: NodeJS.ProcessEnv
  /** Takes each chunk of stdout and stderr as it comes instead of collecting them (a build's log). */
  output?: (chunk: Buffer) => void
}

/**
 * The one way falco-publish runs a program (git, docker, skopeo, driverkit...): an argument
 * list that no shell sees, its exit status returned rather than thrown, so each caller says
 * what a failure means in its own words.
 */
export function runCommand(
  command: string,
  args: string[],
  options: CommandOptions = {}
): Promise<CommandResult> {
  return childProcess().then(({ spawn }) => runWith(spawn, command, args, options))
}

function runWith(
  spawn: (typeof import('node:child_process'))['spawn'],
  command: string,
  args: string[],
  options: CommandOptions
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => (options.output ? options.output(b) : out.push(b)))
    child.stderr.on('data', (b: Buffer) => (options.output ? options.output(b) : err.push(b)))
    let settled = false
    const settle = (result: Omit<CommandResult, 'stdout' | 'stderr'>): void => {
      if (settled) return
      settled = true
      resolve({
        ...result,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8')
      })
    }
    child.on('error', (error) => settle({ code: 127, startError: error }))
    child.on('close', (code, signal) =>
      settle({ code: code ?? 128 + (signal ? constants.signals[signal] : 0) })
    )
  })
}
