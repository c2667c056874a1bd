/**
 * The logger every module receives. On Actions it is @actions/core (groups, annotations,
 * debug gated by ACTIONS_STEP_DEBUG); on the command line it writes to the terminal.
 * Secrets registered with `secret()` never reach any output.
 */
export interface Logger {
  info(message: string): void
  debug(message: string): void
  warning(message: string, where?: { file?: string }): void
  error(message: string, where?: { file?: string }): void
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
  secret(value: string): void
}
