import type { Stage } from '../plan.js'
import { packagesStage } from './packages.js'

/** The stages, in the order they are applied: packages, then containers, then drivers. */
export const allStages: Stage[] = [packagesStage]
