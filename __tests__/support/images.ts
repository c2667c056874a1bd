import { writeFile, mkdir } from 'node:fs/promises'
import * as path from 'node:path'
import { randomBytes } from 'node:crypto'
import { tool } from './tools.js'

/**
 * Builds a real single-platform OCI image layout with umoci: one layer per given file, with
 * the platform in its config.
 */
export async function buildLayout(
  dir: string,
  arch: string,
  layers: { name: string; bytes: Buffer | string }[],
  tag = 'latest'
): Promise<string> {
  const layout = path.join(dir, `layout-${arch}`)
  const files = path.join(dir, `files-${arch}`)
  await mkdir(files, { recursive: true })
  await tool('umoci', ['init', '--layout', layout])
  await tool('umoci', ['new', '--image', `${layout}:${tag}`])
  await tool('umoci', [
    'config',
    '--image',
    `${layout}:${tag}`,
    '--os',
    'linux',
    '--architecture',
    arch
  ])
  for (const layer of layers) {
    const file = path.join(files, layer.name)
    await writeFile(file, layer.bytes)
    await tool('umoci', ['insert', '--image', `${layout}:${tag}`, file, `/${layer.name}`])
  }
  return layout
}

/** Incompressible bytes, so that layer sizes are what the test says. */
export function noise(size: number): Buffer {
  return randomBytes(size)
}
