#!/usr/bin/env node
// Cold start of the bundle: from process start to the first line the action logs, as GitHub's runner
// starts it (INPUT_* and GITHUB_* variables, a pull_request event, so nothing is published and no
// network is touched). Compared in the same run with `node` starting an empty module, the floor any
// JavaScript action pays. Prints medians and the ratio; asserts nothing.
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const runs = Number(process.argv[2] ?? 15)
const bundle = resolve('dist/index.js')
const dir = mkdtempSync(join(tmpdir(), 'cold-start-'))
const empty = join(dir, 'empty.mjs')
writeFileSync(empty, 'console.log("ready")\n')
writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 1 } }))
writeFileSync(join(dir, 'output'), '')
writeFileSync(join(dir, 'summary'), '')

const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  GITHUB_ACTIONS: 'true',
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_REF: 'refs/pull/1/merge',
  GITHUB_SHA: '8c4040b1f2e3d4c5b6a7980123456789abcdef01',
  GITHUB_REPOSITORY: 'falcosecurity/falco',
  GITHUB_EVENT_PATH: join(dir, 'event.json'),
  GITHUB_OUTPUT: join(dir, 'output'),
  GITHUB_STEP_SUMMARY: join(dir, 'summary'),
  GITHUB_WORKSPACE: dir,
  RUNNER_TEMP: dir,
  'INPUT_REQUIRE-CHECKS': 'false'
}

/** Milliseconds from spawn to the first byte on stdout, and the exit code. */
function firstLine(script) {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint()
    const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'inherit'] })
    let ms
    child.stdout.once('data', () => (ms = Number(process.hrtime.bigint() - started) / 1e6))
    child.stdout.resume()
    child.on('error', fail)
    child.on('exit', (code) =>
      code === 0 ? done(ms) : fail(new Error(`${script} exited ${code}`))
    )
  })
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const bundleTimes = []
const floorTimes = []
// Interleaved, so that whatever else the machine does weighs on both alike.
for (let i = 0; i < runs; i++) {
  bundleTimes.push(await firstLine(bundle))
  floorTimes.push(await firstLine(empty))
}
const b = median(bundleTimes)
const f = median(floorTimes)
const distBytes = readdirSync('dist', { recursive: true })
  .map((name) => statSync(join('dist', String(name))))
  .filter((entry) => entry.isFile())
  .reduce((sum, entry) => sum + entry.size, 0)
// Stages and their libraries are chunks loaded when a stage plans: a pull request loads neither.
console.log(
  `bundle: dist/index.js ${(statSync(bundle).size / 1024).toFixed(0)} KiB, all of dist/ ${(distBytes / 1024).toFixed(0)} KiB`
)
console.log(`runs: ${runs} each, interleaved`)
console.log(
  `cold start to first log line, median: ${b.toFixed(1)} ms (min ${Math.min(...bundleTimes).toFixed(1)})`
)
console.log(
  `node with an empty module, median:    ${f.toFixed(1)} ms (min ${Math.min(...floorTimes).toFixed(1)})`
)
console.log(
  `ratio bundle / bare node: ${(b / f).toFixed(2)}x (the action's own start-up: ${(b - f).toFixed(1)} ms)`
)
