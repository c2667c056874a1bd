import type { Octokit } from './github.js'
import type { Inputs } from './inputs.js'
import type { PipelineDeps } from './pipeline.js'
import { gitSources } from './release/git.js'
import { remoteTags } from './release/remote-tags.js'
import type { Logger } from './report/log.js'
import { allStages } from './stages/all.js'
import { cloudFront } from './store/cdn.js'
import { openStore } from './store/open.js'
import type { Store } from './store/store.js'

/**
 * The side effects the pipeline is handed, built from the inputs in one place, so the action and the
 * command line cannot drift apart: the GitHub client, the release's git and tag sources, the store
 * (with its credentials and public URL), the CDN and the stages.
 */
export function pipelineSeams(
  inputs: Inputs,
  workspace: string,
  repository: { owner: string; repo: string } | undefined,
  log: Logger
): Pick<PipelineDeps, 'github' | 'releaseSources' | 'openStore' | 'cdn' | 'stages'> {
  // Octokit is loaded when first asked for: a run that reads no checks and makes no GitHub
  // release (the CLI, a workflow gating by `needs:`) does not pay its ~10 ms of loading.
  let octokit: Promise<Octokit> | undefined
  const github = inputs.githubToken
    ? () =>
        (octokit ??= import('./github.js').then(({ createOctokit }) =>
          createOctokit(inputs.githubToken, { log })
        ))
    : undefined
  return {
    github,
    releaseSources: gitSources(workspace, async () =>
      github && repository ? remoteTags(await github(), repository.owner, repository.repo) : []
    ),
    openStore: storeOpener(inputs, log),
    cdn: inputs.cdnInvalidate ? cloudFront(inputs.cdnInvalidate, { log }) : undefined,
    stages: allStages
  }
}

/** Opens the store a URL names with the inputs' credentials, endpoint and public URL. */
export function storeOpener(inputs: Inputs, log: Logger): (url: URL) => Store {
  return (url) => openStore(url, { log, inputs, baseUrl: inputs.publicUrl || undefined })
}
