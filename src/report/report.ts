import type { GateResult } from '../gate.js'
import type { StageName, StagePlan, StageResult } from '../plan.js'
import type { Release } from '../release/release.js'

/** Everything a run learned, in the order it learned it; the summary and outputs are rendered from it. */
export interface RunReport {
  release?: Release
  /** The gate's result, or why it did not run. */
  gate?: GateResult | { skipped: string }
  store?: string
  dryRun: boolean
  plans: StagePlan[]
  results: StageResult[]
  /** Stages that had work planned but were not applied because an earlier stage failed. */
  notRun: StageName[]
  /** The error that stopped the run, if one did. */
  error?: string
  durationMs: number
}
