import * as os from 'node:os'
import { boolean, integer, InputError, list } from '../input-values.js'
import { splitArgs } from './args.js'
import { parseShard, type Shard } from './shard.js'

/** The inputs of the drivers stage, as action.yml names them. */
export interface DriverInputs {
  /** Directory in test-infra's layout, relative to the workspace. Empty: no drivers stage. */
  config: string
  /** Driver version folders to build. Empty: none. */
  versions: string[]
  /** Builder command template (placeholders, no shell). */
  builder: string
  concurrency: number
  /** Seconds per build; 0: no limit. */
  timeout: number
  shard: Shard
  /** Keep the newest N driver versions in the store; 0: keep all. */
  retention: number
  failOnBuildError: boolean
  /** Upper bound of parallel jobs in `driver-matrix`. */
  jobs: number
  /** Environment variables the builder gets besides PATH, HOME and the placeholders. */
  builderEnv: string[]
  /** kernel-crawler list.json files (one per arch) to report coverage against. */
  kernelList: string[]
}

export const DRIVER_INPUT_DEFAULTS = {
  'drivers-config': '',
  'driver-versions': '',
  'driver-builder': 'driverkit docker --config {config} --driverversion {driverversion}',
  'driver-concurrency': '',
  'driver-timeout': '3600',
  shard: '',
  'driver-retention': '0',
  'fail-on-build-error': 'false',
  'driver-jobs': '16',
  'driver-builder-env': '',
  'kernel-list': ''
} as const satisfies Record<string, string>

export function readDriverInputs(get: (name: string) => string): DriverInputs {
  const value = (name: keyof typeof DRIVER_INPUT_DEFAULTS): string => {
    const raw = get(name).trim()
    return raw !== '' ? raw : DRIVER_INPUT_DEFAULTS[name]
  }
  const withDefaults = (name: string) => value(name as keyof typeof DRIVER_INPUT_DEFAULTS)
  const builder = value('driver-builder')
  if (!builder.includes('{config}')) {
    throw new InputError(
      'driver-builder',
      `the command must pass {config} to the builder, got ${JSON.stringify(builder)}`
    )
  }
  try {
    splitArgs(builder)
  } catch (e) {
    throw new InputError('driver-builder', (e as Error).message)
  }
  let shard: Shard
  try {
    shard = parseShard(value('shard'))
  } catch (e) {
    throw new InputError('shard', (e as Error).message)
  }
  const builderEnv = list(value('driver-builder-env'))
  const badName = builderEnv.find((n) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(n))
  if (badName !== undefined) {
    throw new InputError(
      'driver-builder-env',
      `${JSON.stringify(badName)} is not an environment variable name; list names only (DOCKER_HOST), never values`
    )
  }
  return {
    builderEnv,
    kernelList: list(value('kernel-list')),
    config: value('drivers-config'),
    versions: list(value('driver-versions')),
    builder,
    concurrency:
      value('driver-concurrency') === ''
        ? os.availableParallelism()
        : integer(withDefaults, 'driver-concurrency', 1),
    timeout: integer(withDefaults, 'driver-timeout', 0),
    shard,
    retention: integer(withDefaults, 'driver-retention', 0),
    failOnBuildError: boolean(withDefaults, 'fail-on-build-error'),
    jobs: integer(withDefaults, 'driver-jobs', 1)
  }
}
