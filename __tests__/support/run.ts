import { execFile } from 'node:child_process'
import { accessSync, constants } from 'node:fs'

/** Runs a real tool asynchronously (the in-process HTTP server keeps serving meanwhile). */
export function run(
  cmd: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      cmd,
      args,
      { env: options.env ?? process.env, cwd: options.cwd, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout: String(stdout), stderr: String(stderr) })
      }
    )
    if (options.input !== undefined) child.stdin?.end(options.input)
  })
}

export async function mustRun(
  cmd: string,
  args: string[],
  options: Parameters<typeof run>[2] = {}
): Promise<string> {
  const r = await run(cmd, args, options)
  if (r.code !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`)
  return r.stdout
}

/** Fails loudly, naming the Debian package, when a tool the test needs is missing. */
export function requireTools(tools: Record<string, string>): void {
  const missing: string[] = []
  for (const [tool, pkg] of Object.entries(tools)) {
    const found = (process.env.PATH ?? '').split(':').some((dir) => {
      try {
        accessSync(`${dir}/${tool}`, constants.X_OK)
        return true
      } catch {
        return false
      }
    })
    if (!found) missing.push(`${tool} (apt-get install ${pkg})`)
  }
  if (missing.length) throw new Error(`missing tools for this test: ${missing.join(', ')}`)
}
