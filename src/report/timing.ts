import { performance } from 'node:perf_hooks'

/**
 * Where one run's time goes, from the process's start: Node's own start, loading the modules,
 * then each step the pipeline marks (the release, each stage's plan and publish, the signing
 * key). A small publish is mostly this fixed cost, so the command line logs it as one debug
 * line at the end (--verbose), and bench/small-repo.ts prints it. Wall and CPU milliseconds
 * of each step, measured from the mark before it.
 */
interface Mark {
  step: string
  /** Milliseconds since the process started (performance.now()). */
  wall: number
  /** CPU milliseconds (user + system) of the process so far. */
  cpu: number
}

const marks: Mark[] = []

/** Ends a step: the time since the previous mark was spent on `step`. */
export function mark(step: string): void {
  const { user, system } = process.cpuUsage()
  marks.push({ step, wall: performance.now(), cpu: (user + system) / 1000 })
}

/**
 * `timing: node 41, modules 62/60, release 3/2, ... (ms wall/cpu)`: Node's start (wall only: its
 * CPU is not counted apart, so the first step's CPU includes it), then each marked step.
 */
export function timingLine(): string {
  const boot = performance.nodeTiming.bootstrapComplete
  // A step marked more than once (planning, around the stages it loads) is summed.
  const steps = new Map<string, { wall: number; cpu: number }>()
  let previous = { wall: boot, cpu: 0 }
  for (const m of marks) {
    const step = steps.get(m.step) ?? { wall: 0, cpu: 0 }
    step.wall += m.wall - previous.wall
    step.cpu += m.cpu - previous.cpu
    steps.set(m.step, step)
    previous = m
  }
  const shown = [...steps].map(([name, t]) => `${name} ${t.wall.toFixed(0)}/${t.cpu.toFixed(0)}`)
  return `timing: ${[`node ${boot.toFixed(0)}`, ...shown].join(', ')} (ms wall/cpu)`
}
