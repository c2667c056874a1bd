import { describe, expect, it } from '@jest/globals'
import { readInputs } from '../src/inputs.js'
import type { Stage, StageContext, StageName } from '../src/plan.js'
import { lazy } from '../src/stages/all.js'
import { RecordingLogger, release } from './support/stage-context.js'

/**
 * A stage's code is loaded only when the inputs give it work: a run that publishes packages alone
 * does not load the container client, nor one that pushes images the package code.
 */
function ctx(inputs: Record<string, string>, channel: 'dev' | 'stable' = 'dev'): StageContext {
  return {
    release: release(channel, '1.0.0'),
    inputs: readInputs((name) => inputs[name]),
    // Never reached: the loaded stage below is a stand-in that plans without the store.
    store: undefined as never,
    log: new RecordingLogger(),
    workspace: '/nonexistent',
    workdir: '/nonexistent'
  }
}

/** The wrapped stage, and how many times its module was loaded. */
function counted(name: StageName): { stage: Stage; loads: () => number } {
  let loads = 0
  const loaded: Stage = {
    name,
    plan: async () => ({ stage: name, operations: [{ action: 'put', target: 'loaded' }] }),
    apply: async () => {
      throw new Error('not applied in this test')
    }
  }
  const stage = lazy(name, async () => {
    loads++
    return loaded
  })
  return { stage, loads: () => loads }
}

describe('lazy stages', () => {
  it.each<[StageName, Record<string, string>, boolean]>([
    ['packages', {}, false],
    ['packages', { packages: 'out/*.deb' }, true],
    ['packages', { remove: 'falco=0.1.*' }, true],
    ['containers', {}, false],
    [
      'containers',
      { images: 'oci:build/image', 'image-repositories': 'falcosecurity/falco' },
      true
    ],
    ['drivers', {}, false],
    ['drivers', { 'driver-versions': '8.0.0+driver' }, false],
    ['drivers', { 'drivers-config': 'driverkit/config', 'driver-versions': '8.0.0+driver' }, true],
    ['drivers', { shard: 'index', 'driver-versions': '8.0.0+driver' }, true]
  ])('%s with %j: loaded %s', async (name, inputs, loads) => {
    const { stage, loads: count } = counted(name)
    const plan = await stage.plan(ctx(inputs))
    expect(count()).toBe(loads ? 1 : 0)
    expect(plan.operations.length > 0).toBe(loads)
    // Planned again, it is not loaded again.
    await stage.plan(ctx(inputs))
    expect(count()).toBe(loads ? 1 : 0)
  })

  it('a run with no channel (a pull request) does not load the package or driver code', async () => {
    for (const [name, inputs] of [
      ['packages', { packages: 'out/*.deb' }],
      ['drivers', { 'drivers-config': 'driverkit/config', 'driver-versions': '8.0.0+driver' }]
    ] as const) {
      const { stage, loads } = counted(name)
      const none: StageContext = {
        ...ctx(inputs),
        release: { ...release('dev', ''), channel: 'none' }
      }
      expect((await stage.plan(none)).operations).toEqual([])
      expect(loads()).toBe(0)
    }
  })
})
