import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import * as path from 'node:path'
import { glob } from 'tinyglobby'
import { InputError } from '../inputs.js'

export interface LocalFile {
  /** Absolute path. */
  path: string
  name: string
  size: number
}

/**
 * Expands an input's globs against the workspace. Every glob must match at least one file: a
 * pattern that matches nothing is almost always a build that did not produce what it should.
 */
export async function expandGlobs(
  input: string,
  patterns: string[],
  workspace: string
): Promise<LocalFile[]> {
  const files = new Map<string, LocalFile>()
  for (const pattern of patterns) {
    const matches = await glob(pattern, {
      cwd: workspace,
      absolute: true,
      onlyFiles: true,
      expandDirectories: false
    })
    if (matches.length === 0) {
      throw new InputError(input, `${JSON.stringify(pattern)} matches no file under ${workspace}`)
    }
    for (const match of matches.sort()) {
      const info = await stat(match)
      files.set(match, { path: match, name: path.basename(match), size: info.size })
    }
  }
  return [...files.values()]
}

/** sha256 of a local file, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
