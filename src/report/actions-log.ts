import * as core from '@actions/core'
import type { Logger } from './log.js'

/** The Logger on GitHub Actions: groups fold in the log, warnings and errors become annotations. */
export function actionsLogger(): Logger {
  return {
    info: (message) => core.info(message),
    debug: (message) => core.debug(message),
    warning: (message, where) => core.warning(message, where?.file ? { file: where.file } : {}),
    error: (message, where) => core.error(message, where?.file ? { file: where.file } : {}),
    group: (name, fn) => core.group(name, fn),
    // The runner replaces registered values with *** in everything the step prints.
    secret: (value) => {
      if (value !== '') core.setSecret(value)
    }
  }
}
