import type { Stage, StageName } from '../plan.js'
import { mark } from '../report/timing.js'
import { hasWork } from './work.js'

/**
 * A stage whose code, and the libraries it needs (OpenPGP, the registry client, YAML), is loaded
 * the first time it plans with work to do (see work.ts): a run that publishes nothing (a pull
 * request) never pays for it, nor a run for the stages it has no inputs for, and the action's
 * first log line comes sooner.
 */
export function lazy(name: StageName, load: () => Promise<Stage>): Stage {
  let stage: Promise<Stage> | undefined
  const loaded = (): Promise<Stage> =>
    (stage ??= (async () => {
      mark('plan')
      const code = await load()
      mark(`load ${name}`)
      return code
    })())
  return {
    name,
    plan: async (ctx) =>
      hasWork[name](ctx) ? (await loaded()).plan(ctx) : { stage: name, operations: [] },
    apply: async (plan, ctx) => (await loaded()).apply(plan, ctx)
  }
}

/** The stages, in the order they are applied: packages, containers, drivers, the GitHub release, then verify. */
export const allStages: Stage[] = [
  lazy('packages', async () => (await import('./packages.js')).packagesStage),
  lazy('containers', async () => (await import('./containers.js')).containersStage),
  lazy('drivers', async () => (await import('./drivers.js')).driversStage),
  lazy('release', async () => (await import('./release.js')).releaseStage),
  lazy('verify', async () => (await import('./verify.js')).verifyStage)
]
