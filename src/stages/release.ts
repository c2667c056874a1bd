import { readFile } from 'node:fs/promises'
import * as path from 'node:path'
import { glob } from 'tinyglobby'
import { mergeBody } from '../github-release/body.js'
import { generatedNotes, publishRelease } from '../github-release/publish.js'
import {
  checkTemplate,
  downloadOf,
  renderTemplate,
  type ReleaseFacts
} from '../github-release/template.js'
import type { Stage, StageContext, StagePlan, StageResult } from '../plan.js'
import { StageError } from '../plan.js'
import { hasWork } from './work.js'

/**
 * The release stage, after drivers: the GitHub release of the tag, created or brought up to date
 * (a person's drafted text is kept), its body filled from the `release-body` template with what
 * the run published, GitHub's notes or a file appended, and the `release-assets` attached.
 */

interface ReleaseDetail {
  template: string
  notes: string
  assets: string[]
}

export const releaseStage: Stage = {
  name: 'release',
  plan: planRelease,
  apply: applyRelease
}

async function planRelease(ctx: StageContext): Promise<StagePlan> {
  if (!hasWork.release(ctx)) return { stage: 'release', operations: [] }
  const { inputs, release } = ctx
  const r = inputs.release
  if (!ctx.github)
    throw new Error(
      "input 'github-token': a token with contents: write is needed to publish the GitHub release"
    )
  if (!ctx.repository)
    throw new Error(
      'the repository is unknown, so its release cannot be published (set GITHUB_REPOSITORY or --repository)'
    )
  const template = r.body ? await readInput('release-body', r.body, ctx.workspace) : ''
  if (template) checkTemplate(template, r.body)
  const notes =
    r.notes && r.notes !== 'github' ? await readInput('release-notes', r.notes, ctx.workspace) : ''
  const assets: string[] = []
  for (const pattern of r.assets) {
    const found = await glob(pattern, {
      cwd: ctx.workspace,
      absolute: true,
      onlyFiles: true,
      expandDirectories: false
    })
    if (found.length === 0)
      throw new Error(
        `input 'release-assets': ${JSON.stringify(pattern)} matches no file under ${ctx.workspace}`
      )
    assets.push(...found.sort())
  }
  const names = assets.map((a) => path.basename(a))
  const twice = names.find((n, i) => names.indexOf(n) !== i)
  if (twice)
    throw new Error(
      `input 'release-assets': two files are named ${twice}; asset names must be unique`
    )
  const where = `${ctx.repository.owner}/${ctx.repository.repo}@${release.tag}`
  const detail: ReleaseDetail = { template, notes, assets }
  return {
    stage: 'release',
    operations: [
      {
        action: 'put',
        target: `release ${where}`,
        reason: `${release.prerelease ? 'prerelease' : 'stable'}${template ? ', body from ' + r.body : ''}${r.notes ? `, notes: ${r.notes}` : ''}`
      },
      ...assets.map((file) => ({
        action: 'put' as const,
        target: `release asset ${path.basename(file)}`,
        source: file,
        reason: 'uploaded when missing or different'
      }))
    ],
    detail
  }
}

async function readInput(input: string, file: string, workspace: string): Promise<string> {
  try {
    return await readFile(path.resolve(workspace, file), 'utf8')
  } catch (e) {
    throw new Error(`input '${input}': cannot read ${file} (${(e as Error).message})`)
  }
}

async function applyRelease(plan: StagePlan, ctx: StageContext): Promise<StageResult> {
  const started = Date.now()
  const detail = plan.detail as ReleaseDetail
  const { release, inputs } = ctx
  const octokit = await ctx.github!()
  const { owner, repo } = ctx.repository!
  const tag = release.tag!
  const result: StageResult = { stage: 'release', published: [], failed: [], durationMs: 0 }
  try {
    let generated = detail.template ? renderTemplate(detail.template, facts(ctx)) : ''
    const notes =
      inputs.release.notes === 'github'
        ? await generatedNotes(octokit, owner, repo, tag)
        : detail.notes
    if (notes) generated = generated ? `${generated.trimEnd()}\n\n${notes.trim()}\n` : notes
    const latest =
      inputs.release.latest === 'auto' ? release.latest : inputs.release.latest === 'true'
    const outcome = await publishRelease(
      octokit,
      {
        owner,
        repo,
        tag,
        name: release.tag!,
        body: (existing) =>
          generated ? mergeBody(existing, generated, inputs.release.replaceBody) : existing,
        prerelease: release.prerelease,
        latest,
        assets: detail.assets
      },
      ctx.log
    )
    const state = outcome.created ? 'created' : outcome.updated ? 'updated' : 'unchanged'
    result.notes = [`GitHub release: ${outcome.url} (${state})`]
    result.summary =
      `[${tag}](${outcome.url}) — ${state}${release.prerelease ? ', prerelease' : latest ? ', latest' : ''}. ` +
      `Assets: ${outcome.uploaded.length} uploaded, ${outcome.replaced.length} replaced, ${outcome.unchanged.length} unchanged.\n`
    result.outputs = { 'release-url': outcome.url, 'release-id': String(outcome.id) }
    result.durationMs = Date.now() - started
    return result
  } catch (e) {
    result.failed.push({ target: `release ${tag}`, error: (e as Error).message })
    result.durationMs = Date.now() - started
    throw new StageError(`release: ${(e as Error).message}`, result)
  }
}

/** What the template can name, from the results of the stages before this one. */
function facts(ctx: StageContext): ReleaseFacts {
  const published = (ctx.results ?? []).flatMap((r) => r.published)
  return {
    version: ctx.release.version,
    tag: ctx.release.tag ?? '',
    driverVersion: ctx.inputs.drivers.versions.join(', '),
    downloads: published.flatMap((p) => {
      if (p.kind !== 'package' && p.kind !== 'tarball') return []
      const d = downloadOf(p.path, p.url ?? ctx.store.url(p.path) ?? p.path, p.sha256)
      return d ? [d] : []
    }),
    images: published.flatMap((p) =>
      p.kind === 'image' && p.digest ? [{ reference: p.path, digest: p.digest }] : []
    ),
    checks: ctx.checks ?? []
  }
}
