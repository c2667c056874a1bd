import { mkdir, stat } from 'node:fs/promises'
import { runCommand } from '../../exec.js'
import * as path from 'node:path'
import type { LocalImage } from '../image.js'
import type { ImageEntry } from '../inputs.js'
import { loadDockerArchive } from './docker-archive.js'
import { archiveFiles, directoryFiles } from './files.js'
import { loadOciLayout } from './oci-layout.js'

/** Runs a command (`docker save`): returns the exit code and what it said on stderr. A seam for tests. */
export type Exec = (command: string, args: string[]) => Promise<{ code: number; stderr: string }>

/** Exec by runCommand, with the environment this process has (DOCKER_HOST, DOCKER_CONFIG...). */
export const runExec: Exec = async (command, args) => {
  const { code, stderr, startError } = await runCommand(command, args)
  return { code, stderr: stderr || (startError?.message ?? '') }
}

export interface LoadOptions {
  /** Relative paths in `images` are resolved against it. */
  workspace: string
  /** Scratch space: `docker save` writes its tarball here. */
  workdir: string
  exec: Exec
}

async function mustExist(
  file: string,
  kind: 'file' | 'directory',
  entry: ImageEntry
): Promise<void> {
  const info = await stat(file).catch(() => undefined)
  const ok = info && (kind === 'file' ? info.isFile() : info.isDirectory())
  if (!ok) throw new Error(`images: ${JSON.stringify(entry.raw)}: no ${kind} ${file}`)
}

/** Reads one `images` entry into the images (one per platform) it holds. */
export async function loadImageEntry(
  entry: ImageEntry,
  options: LoadOptions
): Promise<LocalImage[]> {
  const resolved = path.resolve(options.workspace, entry.path)
  switch (entry.transport) {
    case 'oci':
      await mustExist(resolved, 'directory', entry)
      return loadOciLayout(directoryFiles(resolved), entry.ref, entry.raw, entry.platform)
    case 'oci-archive':
      await mustExist(resolved, 'file', entry)
      return loadOciLayout(await archiveFiles(resolved), entry.ref, entry.raw, entry.platform)
    case 'docker-archive':
      await mustExist(resolved, 'file', entry)
      return loadDockerArchive(await archiveFiles(resolved), entry.ref, entry.raw, entry.platform)
    case 'docker-daemon': {
      await mkdir(options.workdir, { recursive: true })
      const file = path.join(
        options.workdir,
        `docker-save-${entry.path.replace(/[^A-Za-z0-9_.-]+/g, '_')}.tar`
      )
      const { code, stderr } = await options.exec('docker', ['save', '--output', file, entry.path])
      if (code !== 0) {
        throw new Error(
          `images: ${JSON.stringify(entry.raw)}: docker save ${entry.path} exited with ${code}: ${stderr.trim() || 'no message'}; is the image built and the daemon running?`
        )
      }
      return loadDockerArchive(await archiveFiles(file), undefined, entry.raw, entry.platform)
    }
  }
}
