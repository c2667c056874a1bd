import { describe, expect, it } from '@jest/globals'
import { parseArgs, UsageError } from '../src/cli-args.js'

const commands = ['publish', 'demo', 'remove', 're-sign', 'drivers-check'] as const

describe('parseArgs', () => {
  it('defaults to publish and reads inputs by their action.yml names', () => {
    const args = parseArgs(['--store', 'out', '--channel=dev', '--dry-run'], commands)
    expect(args.command).toBe('publish')
    expect(Object.fromEntries(args.inputs)).toEqual({
      store: 'out',
      channel: 'dev',
      'dry-run': 'true'
    })
  })

  it('takes a command first', () => {
    expect(parseArgs(['demo'], commands).command).toBe('demo')
  })

  it('joins a repeated list input into lines', () => {
    const args = parseArgs(['--packages', 'a/*.deb', '--packages', 'b/*.rpm'], commands)
    expect(args.inputs.get('packages')).toBe('a/*.deb\nb/*.rpm')
  })

  it('keeps the workflow context apart from the inputs', () => {
    const args = parseArgs(
      ['--event', 'push', '--ref', 'refs/tags/0.40.0', '--sha', 'abc'],
      commands
    )
    expect(Object.fromEntries(args.context)).toEqual({
      event: 'push',
      ref: 'refs/tags/0.40.0',
      sha: 'abc'
    })
    expect(args.inputs.size).toBe(0)
  })

  it.each([
    [['--nope', 'x'], /unknown flag --nope/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['--store'], /--store needs a value/],
    [['stray'], /unknown command/],
    [['--store', 'a', 'stray'], /unexpected argument "stray"/]
  ])('rejects %j', (argv, message) => {
    expect(() => parseArgs(argv, commands)).toThrow(UsageError)
    expect(() => parseArgs(argv, commands)).toThrow(message)
  })

  it('reads --verbose and --help as switches', () => {
    const args = parseArgs(['--verbose', '--help'], commands)
    expect(args.verbose).toBe(true)
    expect(args.help).toBe(true)
  })
})
