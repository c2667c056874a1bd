import { createReadStream } from 'node:fs'
import { InputError } from '../inputs.js'
import {
  StageError,
  type Operation,
  type Published,
  type Stage,
  type StageContext,
  type StagePlan,
  type StageResult
} from '../plan.js'
import { parseSums, renderSums } from '../repo/bin/sums.js'
import { binRepository, tarballArch, tarballKey } from '../repo/bin/layout.js'
import { progressLine } from '../report/format.js'
import { readText, updateText } from '../store/text.js'
import { expandGlobs, sha256File } from './local-files.js'

/**
 * The package-upload stage. This version publishes tarballs into the bin repositories
 * (`packages/bin[-dev]/<arch>/` with a SHA256SUMS index); apt and dnf repositories come with the
 * packages issue.
 */
interface TarballUpload {
  key: string
  file: string
  name: string
  size: number
  sha256: string
  sumsKey: string
}

export const packagesStage: Stage = {
  name: 'packages',
  plan,
  apply
}

async function plan(ctx: StageContext): Promise<StagePlan> {
  const { inputs, release, store } = ctx
  if (inputs.packages.length === 0 || release.channel === 'none')
    return { stage: 'packages', operations: [] }
  const channel = release.channel
  const files = await expandGlobs('packages', inputs.packages, ctx.workspace)
  const operations: Operation[] = []
  const uploads: TarballUpload[] = []
  const sumsCache = new Map<string, Map<string, string>>()
  for (const file of files) {
    if (!file.name.endsWith('.tar.gz')) {
      throw new InputError(
        'packages',
        `${file.path}: only .tar.gz tarballs can be published by this version`
      )
    }
    const arch = tarballArch(file.name)
    if (!arch) {
      throw new InputError(
        'packages',
        `${file.path}: cannot tell the architecture; name tarballs <name>-<version>-<x86_64|aarch64>.tar.gz`
      )
    }
    const key = tarballKey(channel, arch, file.name)
    const sumsKey = `${binRepository(channel)}/${arch}/SHA256SUMS`
    let sums = sumsCache.get(sumsKey)
    if (!sums) {
      const current = await readText(store, sumsKey)
      sums = current
        ? parseSums(current.text, `${store.location}/${sumsKey}`)
        : new Map<string, string>()
      sumsCache.set(sumsKey, sums)
    }
    const sha256 = await sha256File(file.path)
    const published = sums.get(file.name)
    if (published === sha256) {
      operations.push({
        action: 'skip',
        target: key,
        source: file.path,
        size: file.size,
        reason: 'already published, same sha256'
      })
      continue
    }
    if (published !== undefined && channel === 'stable') {
      throw new InputError(
        'packages',
        `${file.path}: ${key} is already published with another sha256 (${published}); stable artifacts are immutable`
      )
    }
    operations.push({
      action: 'put',
      target: key,
      source: file.path,
      size: file.size,
      reason: published === undefined ? 'new' : 'replaces a dev build of the same name'
    })
    uploads.push({ key, file: file.path, name: file.name, size: file.size, sha256, sumsKey })
  }
  for (const sumsKey of new Set(uploads.map((upload) => upload.sumsKey))) {
    operations.push({ action: 'put', target: sumsKey, reason: 'index' })
  }
  return { stage: 'packages', operations, detail: uploads }
}

async function apply(plan: StagePlan, ctx: StageContext): Promise<StageResult> {
  const { store, log } = ctx
  const uploads = plan.detail as TarballUpload[]
  const started = Date.now()
  const published: Published[] = []
  const result = () => ({
    stage: 'packages' as const,
    published,
    failed,
    durationMs: Date.now() - started
  })
  const failed: { target: string; error: string }[] = []
  // Content first, the index last: a client that reads the index finds every file it names.
  for (const upload of uploads) {
    const putStarted = Date.now()
    try {
      const put = await store.put(upload.key, createReadStream(upload.file), {
        contentType: 'application/gzip'
      })
      if (put.sha256 !== upload.sha256) {
        throw new Error(
          `${upload.file} changed while it was being published (sha256 ${put.sha256}, planned ${upload.sha256})`
        )
      }
      log.info(progressLine('put', upload.key, put.size, Date.now() - putStarted))
      published.push({
        kind: 'tarball',
        path: upload.key,
        sha256: put.sha256,
        size: put.size,
        url: store.url(upload.key)
      })
    } catch (error) {
      failed.push({ target: upload.key, error: messageOf(error) })
      throw new StageError(
        `packages: ${upload.key} could not be published: ${messageOf(error)}`,
        result()
      )
    }
  }
  for (const sumsKey of new Set(uploads.map((upload) => upload.sumsKey))) {
    const mine = uploads.filter((upload) => upload.sumsKey === sumsKey)
    try {
      const written = await updateText(store, sumsKey, (current) => {
        const sums =
          current === undefined
            ? new Map<string, string>()
            : parseSums(current, `${store.location}/${sumsKey}`)
        for (const upload of mine) sums.set(upload.name, upload.sha256)
        return renderSums(sums)
      })
      log.info(progressLine('put', sumsKey, written.size, 0))
      published.push({
        kind: 'index',
        path: sumsKey,
        sha256: written.sha256,
        size: written.size,
        url: store.url(sumsKey)
      })
    } catch (error) {
      failed.push({ target: sumsKey, error: messageOf(error) })
      throw new StageError(
        `packages: ${sumsKey} could not be updated: ${messageOf(error)}`,
        result()
      )
    }
  }
  return result()
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
