import type { Octokit } from '@octokit/rest'
import type { CheckState } from './gate.js'
import type { Inputs } from './inputs.js'
import type { Logger } from './report/log.js'
import type { Release } from './release/release.js'
import type { Store } from './store/store.js'

/** The stages, applied in this order: three that publish, then verify, which checks what they published. */
export type StageName = 'packages' | 'containers' | 'drivers' | 'release' | 'verify'

/** Everything a stage may use. Side effects go through the seams handed in here. */
export interface StageContext {
  release: Release
  inputs: Inputs
  store: Store
  log: Logger
  /** The workspace that relative input paths are resolved against. */
  workspace: string
  /** A scratch directory for this run (RUNNER_TEMP on Actions). */
  workdir: string
  /** The results of the stages applied before this one (the release and verify stages use them). */
  results?: StageResult[]
  /** The GitHub client (the release stage), when a token is given. */
  github?: () => Octokit | Promise<Octokit>
  /** The GitHub repository being published, when known (the release stage; a new apt repository's Origin). */
  repository?: { owner: string; repo: string }
  /** The checks that gated the publish, when they were read. */
  checks?: CheckState[]
}

/** One thing a stage will do, described as data so that dry-run can print it and tests can assert on it. */
export interface Operation {
  action: 'put' | 'delete' | 'push' | 'build' | 'check' | 'skip'
  /** Store key, image reference or driver name. */
  target: string
  /** Where the bytes come from (a local file), when there are bytes. */
  source?: string
  size?: number
  /** Why, for skips and deletes. */
  reason?: string
}

export interface StagePlan<Detail = unknown> {
  stage: StageName
  operations: Operation[]
  /**
   * Stage-specific data the apply step needs (parsed packages, image manifests, …), typed by the
   * stage (`Stage<PackagesDetail>`); the pipeline only carries it from plan to apply.
   */
  detail?: Detail
  /** Action outputs known at plan time (e.g. `driver-matrix`), set even in dry-run. */
  outputs?: Record<string, string>
}

/** One artifact that reached its destination. This is the shape of the `published` output. */
export interface Published {
  kind: 'package' | 'signature' | 'index' | 'tarball' | 'image' | 'driver' | 'listing'
  /** Store path, or image reference for images. */
  path: string
  sha256?: string
  digest?: string
  size?: number
  url?: string
  /**
   * Images: who signed the digest with cosign (its `sha256-<hex>.sig` tag), for the verify stage
   * to check as `cosign verify` does: the key's public half (PEM), or the keyless identity.
   */
  signer?: ImageSigner
}

export type ImageSigner = { publicKey: string } | { identity: string }

/**
 * What a repository publishes about its artifacts (indexes, their signatures, listings): counted
 * or folded away where a person reads the artifacts themselves.
 */
export function isMetadata(item: Published): boolean {
  return item.kind === 'index' || item.kind === 'signature' || item.kind === 'listing'
}

export interface StageFailure {
  target: string
  error: string
}

export interface StageResult {
  stage: StageName
  published: Published[]
  failed: StageFailure[]
  durationMs: number
  /** Stage-specific lines for the job summary (apt line, dnf .repo URL, …). */
  notes?: string[]
  /** A stage's own Markdown section for the job summary (tables of images, failed builds, …). */
  summary?: string
  /** Action outputs this stage sets (`images`, `drivers`, `failing`, …). */
  outputs?: Record<string, string>
}

export interface Stage<Detail = unknown> {
  name: StageName
  /** Computes what would be done, reading but never writing. An empty plan means nothing to do. */
  plan(ctx: StageContext): Promise<StagePlan<Detail>>
  /** Does it. Throws StageError when the stage partly failed, carrying what did get published. */
  apply(plan: StagePlan<Detail>, ctx: StageContext): Promise<StageResult>
}

/** A stage that failed after publishing part of its work: the report says which part. */
export class StageError extends Error {
  constructor(
    message: string,
    readonly result: StageResult
  ) {
    super(message)
    this.name = 'StageError'
  }
}
