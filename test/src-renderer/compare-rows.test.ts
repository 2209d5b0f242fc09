// Compare reads per key, then in time: the differences of two runs grouped by key (keys in order), each key's rows
// in the order of their output times, the removed and added ones among the changed ones where they happened.
import { describe, expect, it } from 'vitest'
import type { OutputComparison } from '../../src-main/common/debug-api'
import type { OutputView } from '../../src-main/common/views'
import { cellText, compareGroups, differingFields, fieldColumns } from '../../src-renderer/src/compare-rows'

const T = 1708848000000
const out = (seq: number, keyStr: string | null, timestamp: number, value: unknown): OutputView => ({
  seq, step: seq + 1, operatorId: 'op', operatorName: 'p', tag: null, value, timestamp, key: keyStr, keyStr, isJobOutput: true,
})

describe('compareGroups', () => {
  it('groups the differences by key, keys in order, each key\'s rows by time, with counts per key', () => {
    const c: OutputComparison = {
      changed: [{ previous: out(5, '"u2"', T + 500, { n: null }), current: out(1, '"u2"', T + 500, { n: 4 }), fields: [{ path: 'n', previous: null, current: 4 }] },
        { previous: out(0, '"u1"', T + 300, { n: 1 }), current: out(0, '"u1"', T + 300, { n: 2 }), fields: [{ path: 'n', previous: 1, current: 2 }] }],
      removed: [out(1, '"u2"', T + 100, { n: 3 }), out(7, '"u1"', T + 900, { n: null }), out(3, '"u1"', T + 200, { n: 1 })],
      added: [out(4, null, T, 1)],
      moved: [],
      unchanged: 0,
    }
    const groups = compareGroups(c)
    expect(groups.map((g) => g.keyStr)).toEqual(['"u1"', '"u2"', null])
    expect(groups[0]!.rows.map((r) => [r.kind, r.time])).toEqual([['removed', T + 200], ['changed', T + 300], ['removed', T + 900]])
    expect(groups[0]!.summary).toBe('2 removed · 1 changed')
    expect(groups[1]!.rows.map((r) => r.kind)).toEqual(['removed', 'changed'])
    expect(groups[2]!.summary).toBe('1 added')
  })
})

describe('differingFields', () => {
  it('names the top-level fields whose values differ between the two runs\' outputs', () => {
    expect([...differingFields({ a: 1, b: { c: 2 }, d: null }, { a: 1, b: { c: 3 }, e: 1 })].sort()).toEqual(['b', 'd', 'e'])
    expect([...differingFields(1, 2)]).toEqual([''])
    expect([...differingFields({ a: [1, 2] }, { a: [1, 2] })]).toEqual([])
  })
})

describe('fieldColumns', () => {
  it('gives a key\'s record fields as columns, in the order they first appear, or null when its values are not all records', () => {
    const c: OutputComparison = {
      changed: [{ previous: out(1, '"u1"', T, { a: 1, b: null }), current: out(0, '"u1"', T, { a: 1, b: 2, c: 3 }), fields: [] }],
      removed: [out(2, '"u1"', T + 1, { d: 1, a: 2 }), out(3, '"u2"', T, 5)],
      added: [], moved: [], unchanged: 0,
    }
    const [u1, u2] = compareGroups(c)
    expect(fieldColumns(u1!)).toEqual(['a', 'b', 'c', 'd'])
    expect(fieldColumns(u2!)).toBeNull()
  })
})

describe('cellText', () => {
  it('shows a time field\'s epoch as its date and time, to the second when whole, and other values as JSON', () => {
    expect(cellText(T, 'session_start', 'utc')).toBe('2024-02-25 08:00:00Z')
    expect(cellText(T + 5, 'ts', 'utc')).toBe('2024-02-25 08:00:00.005Z')
    expect(cellText(T, 'event_count', 'utc')).toBe('1708848000000')
    expect(cellText(null, 'session_start', 'utc')).toBe('null')
    expect(cellText('u1', 'user_id', 'utc')).toBe('"u1"')
    expect(cellText(undefined, 'x', 'utc')).toBe('(absent)')
  })
})
