import * as core from '@actions/core'
import type { Logger } from './log.js'

/**
 * The Logger on GitHub Actions: groups fold in the log, warnings and errors become annotations.
 * GitHub does not nest groups: a `::group::` inside another ends the outer one, and its own
 * `::endgroup::` is then left over. So one group is open at a time, and a group asked for
 * inside it (the packages stage's `apt repository ...` inside `Publish: packages`) prints its
 * name as a heading line in the open group instead.
 */
export function actionsLogger(): Logger {
  let open = 0
  return {
    info: (message) => core.info(message),
    debug: (message) => core.debug(message),
    warning: (message, where) => core.warning(message, where?.file ? { file: where.file } : {}),
    error: (message, where) => core.error(message, where?.file ? { file: where.file } : {}),
    group: async (name, fn) => {
      if (open > 0) {
        core.info(`== ${name}`)
        return fn()
      }
      open++
      try {
        return await core.group(name, fn)
      } finally {
        open--
      }
    },
    // The runner replaces registered values with *** in everything the step prints.
    secret: (value) => {
      if (value !== '') core.setSecret(value)
    }
  }
}
