import type { Stage, StageName } from '../plan.js'

/**
 * A stage whose code, and the libraries it needs (OpenPGP, the registry client, YAML), is loaded
 * the first time it plans: a run that publishes nothing (a pull request) never pays for it, and the
 * action's first log line comes sooner.
 */
function lazy(name: StageName, load: () => Promise<Stage>): Stage {
  let stage: Promise<Stage> | undefined
  const loaded = (): Promise<Stage> => (stage ??= load())
  return {
    name,
    plan: async (ctx) => (await loaded()).plan(ctx),
    apply: async (plan, ctx) => (await loaded()).apply(plan, ctx)
  }
}

/** The stages, in the order they are applied: packages, then containers, then drivers. */
export const allStages: Stage[] = [
  lazy('packages', async () => (await import('./packages.js')).packagesStage),
  lazy('containers', async () => (await import('./containers.js')).containersStage),
  lazy('drivers', async () => (await import('./drivers.js')).driversStage)
]
