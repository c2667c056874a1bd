import { describe, expect, it } from '@jest/globals'
import {
  nextPending,
  parsePendingField,
  pendingFromJson,
  pendingToJson,
  renderPendingField
} from '../src/repo/pending.js'

const at = (iso: string): Date => new Date(iso)
const HOUR = 60 * 60 * 1000

describe('pending deletions', () => {
  const previous = new Map([
    ['stable/a-1.deb', at('2026-01-01T10:00:00Z')],
    ['stable/b-1.deb', at('2026-01-01T10:50:00Z')],
    ['stable/c-1.deb', at('2026-01-01T09:00:00Z')]
  ])
  const now = at('2026-01-01T11:00:00Z')

  it.each<{
    case: string
    dropped: string[]
    named: string[]
    pending: Record<string, string>
    due: string[]
  }>([
    {
      case: 'an hour after it was dropped a file is due; a younger one stays, a new one joins from now',
      dropped: ['stable/d-1.deb'],
      named: [],
      pending: {
        'stable/b-1.deb': '2026-01-01T10:50:00.000Z',
        'stable/d-1.deb': '2026-01-01T11:00:00.000Z'
      },
      due: ['stable/a-1.deb', 'stable/c-1.deb']
    },
    {
      case: 'a file an index names again leaves the list and is never due',
      dropped: [],
      named: ['stable/a-1.deb', 'stable/b-1.deb'],
      pending: {},
      due: ['stable/c-1.deb']
    },
    {
      case: 'dropped again, a pending file keeps the time it first left',
      dropped: ['stable/b-1.deb'],
      named: [],
      pending: { 'stable/b-1.deb': '2026-01-01T10:50:00.000Z' },
      due: ['stable/a-1.deb', 'stable/c-1.deb']
    }
  ])('$case', ({ dropped, named, pending, due }) => {
    const step = nextPending(previous, dropped, (f) => named.includes(f), now, HOUR)
    expect({ pending: pendingToJson(step.pending), due: step.due }).toEqual({ pending, due })
  })

  it('with no grace, what is dropped is due at once', () => {
    expect(nextPending(new Map(), ['x.rpm'], () => false, now, 0)).toEqual({
      pending: new Map(),
      due: ['x.rpm']
    })
  })

  it('round-trips through a Release field apt ignores, and through JSON', () => {
    const field = renderPendingField(previous)
    expect(field).toBe(
      'Falco-Publish-Pending:\n' +
        ' 2026-01-01T10:00:00.000Z stable/a-1.deb\n' +
        ' 2026-01-01T10:50:00.000Z stable/b-1.deb\n' +
        ' 2026-01-01T09:00:00.000Z stable/c-1.deb\n'
    )
    const release = `Origin: x\n${field}MD5Sum:\n d41d8cd98f00b204e9800998ecf8427e 0 main/x\n`
    expect(parsePendingField(release)).toEqual(previous)
    expect(parsePendingField('Origin: x\n')).toEqual(new Map())
    expect(pendingFromJson(pendingToJson(previous))).toEqual(previous)
    // An unreadable time counts as long ago: due at once rather than kept forever.
    expect(pendingFromJson({ 'x.rpm': 'yesterday' })).toEqual(new Map([['x.rpm', new Date(0)]]))
  })
})
