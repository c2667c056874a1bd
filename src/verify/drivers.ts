import { falcoctlPath } from '../drivers/falcoctl-path.js'
import type { CheckContext } from './context.js'
import { type CheckResult, checkServed, type Finding } from './findings.js'
import type { Published } from '../plan.js'

/**
 * Each published driver fetched as falcoctl fetches it: the driver version escaped (`+` as
 * `%2B`), the bytes those published.
 */
export async function checkDrivers(ctx: CheckContext, drivers: Published[]): Promise<CheckResult> {
  const findings: Finding[] = []
  const result: CheckResult = { kind: 'drivers', target: 'driver', checked: 0, findings }
  await Promise.all(
    drivers.map((driver) =>
      ctx.limit(async () => {
        result.checked++
        const key = driver.path
        const path = falcoctlPath(key)
        const expected = driver.sha256
          ? { sha256: driver.sha256, size: driver.size }
          : await ctx.store.fingerprint(key)
        if (!expected) return
        const f = await checkServed(ctx.served, 'drivers', key, expected, path)
        if (f) findings.push(f)
      })
    )
  )
  return result
}
