import { describe, expect, it } from '@jest/globals'
import { editDistance, parseArgs, UsageError } from '../src/cli-args.js'

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
    [['--nope', 'x'], /unknown flag --nope; see --help/],
    [['--dryrun'], /unknown flag --dryrun \(did you mean --dry-run\?\)/],
    [['--stor', 'x'], /did you mean --store\?/],
    [['--refs', 'x'], /did you mean --ref\?/],
    [['demoo'], /unknown command "demoo" \(did you mean demo\?\)/],
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

  it.each([[['help']], [['-h']], [['--help']], [['demo', '-h']], [['help', 'publish']]])(
    'asks for help with %j',
    (argv) => {
      expect(parseArgs(argv, commands).help).toBe(true)
    }
  )

  it('reads --version alone as asking for ours, and with a value as the version input', () => {
    expect(parseArgs(['--version'], commands).version).toBe(true)
    expect(parseArgs(['-V'], commands).version).toBe(true)
    const args = parseArgs(['--version', '0.40.0'], commands)
    expect(args.version).toBe(false)
    expect(args.inputs.get('version')).toBe('0.40.0')
  })
})

describe('editDistance', () => {
  it.each([
    ['', 'abc', 3],
    ['dryrun', 'dry-run', 1],
    ['stor', 'store', 1],
    ['stroe', 'store', 1],
    ['kitten', 'sitting', 3],
    ['same', 'same', 0]
  ])('%s to %s is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d)
  })
})
