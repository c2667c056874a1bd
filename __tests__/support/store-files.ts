import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/** The files a local store holds, as sorted keys, without the store's own state directory. */
export function storeFiles(root: string): string[] {
  if (!existsSync(root)) return []
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
    .filter((key) => !key.startsWith('.falco-publish/'))
    .sort()
}
