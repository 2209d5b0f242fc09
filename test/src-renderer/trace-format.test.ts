// How a trace reads: flags for deletes that deleted nothing and registrations of pending timers, inline values per
// line (one call: its result; several: each with its method; a loop: the last few and how many), file:line.
import { describe, expect, it } from 'vitest'
import type { TraceEntry } from '../../src-main/common/trace-api'
import { readableTime } from '../../src-renderer/src/format'
import { entryFlag, entryResult, findingPlace, findingTally, inlineHints, ranLines } from '../../src-renderer/src/trace-format'

const at = (index: number, line: number, call: string, result: string) =>
  ({ index, operatorId: 'op', keyStr: '"u1"', where: { file: '/w/job.ts', line }, call, result })
const del = (deleted: boolean): TraceEntry => ({ ...at(0, 35, 'deleteEventTimeTimer(5)', ''), kind: 'timerDelete', domain: 'EVENT_TIME', timestamp: 5, deleted })

describe('trace format', () => {
  it('flags a delete that deleted nothing and a registration of a timer already pending', () => {
    expect(entryFlag(del(false))).toEqual({ text: 'nothing deleted', level: 'warn' })
    expect(entryFlag(del(true))).toBeNull()
    expect(entryFlag({ ...at(0, 36, 'registerEventTimeTimer(9)', ''), kind: 'timerRegister', domain: 'EVENT_TIME', timestamp: 9, alreadyPending: true })?.text).toBe('already pending')
  })

  it("uses the engine's result, and says what happened when it gave none", () => {
    expect(entryResult({ ...at(0, 33, 'n.update(2)', '1 → 2'), kind: 'stateWrite', stateName: 'n', method: 'update', args: [2], before: 1, after: 2 })).toBe('1 → 2')
    expect(entryResult({ ...at(0, 33, 'n.update(2)', ''), kind: 'stateWrite', stateName: 'n', method: 'update', args: [2], before: null, after: 2 })).toBe('null → 2')
    expect(entryResult(del(false))).toBe('nothing deleted')
    expect(entryResult({ ...at(0, 30, 'console.log', ''), kind: 'console', stream: 'out', text: 'seen u1' })).toBe('"seen u1"')
  })

  it('gives one inline value per line: one call its result, several calls each with its method', () => {
    const entries: TraceEntry[] = [
      { ...at(0, 33, 'event_count.value()', '→ 1'), kind: 'stateRead', stateName: 'event_count', method: 'value', args: [], value: 1 },
      { ...at(1, 33, 'event_count.update(2)', '1 → 2'), kind: 'stateWrite', stateName: 'event_count', method: 'update', args: [2], before: 1, after: 2 },
      { ...del(false), index: 2 },
      { ...at(3, 50, 'x()', ''), where: null, kind: 'timeRead', read: 'watermark', value: 3 },
    ]
    expect(inlineHints(entries)).toEqual([{ line: 33, text: 'value: → 1 · update: 1 → 2' }, { line: 35, text: 'nothing deleted' }])
  })

  it('an epoch-millisecond time in an inline value is followed by its readable time, as the state view shows it', () => {
    const ts = 1_708_848_120_000
    const entries: TraceEntry[] = [
      { ...at(0, 30, 'ctx.timestamp()', `→ ${ts}`), kind: 'timeRead', read: 'timestamp', value: ts },
      { ...at(1, 31, 'session_start.update(now)', `null → ${ts}`), kind: 'stateWrite', stateName: 'session_start', method: 'update', args: [ts], before: null, after: ts },
      { ...at(2, 32, 'last.value()', `→ {"count":3,"end_ts":${ts}}`), kind: 'stateRead', stateName: 'last', method: 'value', args: [], value: { count: 3, end_ts: ts } },
      { ...at(3, 33, 'n.update(12)', '11 → 12'), kind: 'stateWrite', stateName: 'n', method: 'update', args: [12], before: 11, after: 12 },
      { ...at(4, 34, 'ctx.getCurrentKey()', `→ ${ts}`), kind: 'timeRead', read: 'currentKey', value: ts },
    ]
    expect(inlineHints(entries)).toEqual([
      { line: 30, text: `→ ${ts} (2024-02-25T08:02:00.000Z)` },
      { line: 31, text: `null → ${ts} (2024-02-25T08:02:00.000Z)` },
      { line: 32, text: `→ {"count":3,"end_ts":${ts} (2024-02-25T08:02:00.000Z)}` },
      { line: 33, text: '11 → 12' },
      // A key is no time, whatever its number.
      { line: 34, text: `→ ${ts}` },
    ])
    // In the zone the user chose, as the state view.
    expect(inlineHints(entries.slice(0, 1), undefined, 'local')[0]!.text).toBe(`→ ${ts} (${readableTime(ts, 'local')})`)
  })

  it('a line run many times (a loop) shows how many calls and the last results', () => {
    const entries: TraceEntry[] = Array.from({ length: 7 }, (_, i) =>
      ({ ...at(i, 12, `list.add(${i})`, `+${i}`), kind: 'stateWrite', stateName: 'list', method: 'add', args: [i], before: null, after: null }))
    expect(inlineHints(entries)).toEqual([{ line: 12, text: '…7 calls · add: +5 · add: +6' }])
  })

  it('a trace cut at its first calls says so on the line of the last listed call, not as if that were all', () => {
    const entries: TraceEntry[] = Array.from({ length: 7 }, (_, i) =>
      ({ ...at(i, 12, `list.add(${i})`, `+${i}`), kind: 'stateWrite', stateName: 'list', method: 'add', args: [i], before: null, after: null }))
    const notListed = { entries: 19_002, byKind: { stateWrite: 19_002 }, outputs: 0 }
    expect(inlineHints(entries, notListed)).toEqual([{ line: 12, text: '…7 calls listed · add: +5 · add: +6 · … and 19,002 more calls in the step, not listed' }])
  })

  it('lines come from the engine, else from the calls in first-run order; places read file:line', () => {
    const base = { step: 1, kind: 'record' as const, operatorId: 'op', keyStr: '"u1"', watermark: 0, watermarkBefore: 0, processingTime: 0, outputs: [], findings: [] }
    expect(ranLines({ ...base, entries: [], lines: [4, 2] })).toEqual([4, 2])
    expect(ranLines({ ...base, entries: [{ ...del(false), index: 0 }, { ...del(true), index: 1, where: { file: 'j', line: 3 } }], lines: [] })).toEqual([35, 3])
    expect(findingPlace({ file: '/w/examples/sessionizer-seed.ts', line: 35 })).toBe('sessionizer-seed.ts:35')
  })
})

// A finding's count and step as Problems and the editor's hover say them. "State that grows forever" is no event
// that happened N times: its count is the keys holding the state, first at the step where it passed 10,000 keys.
describe('findingTally', () => {
  const base = { kind: 'lateRecords', severity: 'hint', file: '/w/dedup-ttl.ts', line: 39, message: 'late', count: 279, firstStep: 58, firstKey: '"pay-0000045"', operatorId: '3' } as const

  it('counts an occurrence as times, from the step and key it first happened at', () => {
    expect(findingTally(base)).toEqual({ count: '279×', countTitle: 'happened 279 times', first: 'first at step 58' })
  })

  it('counts a state that grows forever in keys holding it, first at the step it passed the limit', () => {
    const t = findingTally({ ...base, kind: 'stateGrowsForever', count: 20000, firstStep: 10001, firstKey: null })
    expect(t).toEqual({ count: '20,000 keys', countTitle: 'held by 20,000 keys', first: 'first at step 10,001' })
    expect(t.countTitle).not.toContain('times')
  })
})
