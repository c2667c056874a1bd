import { describe, expect, it } from '@jest/globals'
import { mark, timingLine } from '../src/report/timing.js'

/** The `timing:` debug line the command line ends a run with (bench/small-repo.ts reads it). */
describe('timingLine', () => {
  it('names Node’s start, then each step once, a step marked twice summed', () => {
    mark('modules')
    mark('plan')
    mark('load packages')
    mark('plan')
    const line = timingLine()
    expect(line).toMatch(
      /^timing: node \d+, modules \d+\/\d+, plan \d+\/\d+, load packages \d+\/\d+ \(ms wall\/cpu\)$/
    )
    expect(line.match(/\bplan\b/g)).toHaveLength(1)
  })
})
