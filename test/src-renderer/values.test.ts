// The value views' text: time fields get their readable time (UTC or local), other numbers do not; long
// values fold; the clipboard gets indented JSON.
import { describe, expect, it } from 'vitest'
import { copyText, foldSegments, isTimeField, isTimePath, valueSegments } from '../../src-renderer/src/values'

const T = Date.UTC(2024, 1, 25, 8, 0, 0)
const text = (segs: { text: string }[]): string => segs.map((s) => s.text).join('')

describe('value segments', () => {
  it('follows each time field\'s number with its readable UTC time, and leaves other numbers alone', () => {
    const segs = valueSegments({ user_id: 'u1', session_start: T, session_end: T + 1_800_000, event_count: 5, ts: T })
    expect(segs.filter((s) => s.time).map((s) => s.text)).toEqual(['2024-02-25T08:00:00.000Z', '2024-02-25T08:30:00.000Z', '2024-02-25T08:00:00.000Z'])
    expect(text(segs.filter((s) => !s.time))).toBe(`{"user_id":"u1","session_start":${T} ,"session_end":${T + 1_800_000} ,"event_count":5,"ts":${T} }`)
  })

  it('does not take a small number in a time-named field, or a big one in another field, for a time', () => {
    expect(valueSegments({ ts: 42, count: T }).some((s) => s.time)).toBe(false)
  })

  it('takes a Compare field path by its last name: a changed session_start alone still reads as a time', () => {
    expect(isTimePath('session_start')).toBe(true)
    expect(isTimePath('window.end_ts')).toBe(true)
    expect(isTimePath('timestamp')).toBe(true)
    expect(isTimePath('stats.event_count')).toBe(false)
    expect(isTimePath('')).toBe(false)
  })

  it('names fields the way jobs do: ts, timestamp, *_start, *_end, *_ts, *At', () => {
    for (const n of ['ts', 'timestamp', 'window_start', 'window_end', 'event_ts', 'createdAt', 'sessionStart']) expect(isTimeField(n), n).toBe(true)
    for (const n of ['count', 'user_id', 'start_count', 'status']) expect(isTimeField(n), n).toBe(false)
  })

  it('shows local time with its offset when asked', () => {
    const local = valueSegments({ ts: T }, { zone: 'local' }).find((s) => s.time)!.text
    expect(local).toMatch(/^2024-02-2\dT\d\d:\d\d:00\.000[+-]\d\d:\d\d$/)
    const offsetMin = -new Date(T).getTimezoneOffset()
    expect(new Date(local).getTime()).toBe(T)
    expect(local.endsWith(`${offsetMin < 0 ? '-' : '+'}${String(Math.trunc(Math.abs(offsetMin) / 60)).padStart(2, '0')}:${String(Math.abs(offsetMin) % 60).padStart(2, '0')}`)).toBe(true)
  })

  it('a value that is itself a time (a state, a timer) gets its time when flagged', () => {
    expect(valueSegments(T, { isTime: true }).map((s) => s.text)).toEqual([`${T} `, '2024-02-25T08:00:00.000Z'])
    expect(valueSegments(T).some((s) => s.time)).toBe(false)
  })

  it('indents when unfolded, and stays valid JSON once the times are taken out', () => {
    const v = { a: [1, { b_end: T }], c: null, d: {} }
    const segs = valueSegments(v, { indent: 2 })
    expect(JSON.parse(text(segs.filter((s) => !s.time)))).toEqual(v)
    expect(text(segs)).toContain('\n    {\n      "b_end": ')
  })

  it('folds a long value at the limit and says so; a short one is whole', () => {
    const long = valueSegments({ s: 'x'.repeat(500), ts: T })
    const folded = foldSegments(long, 100)
    expect(folded.cut).toBe(true)
    expect(text(folded.segments)).toHaveLength(100)
    expect(foldSegments(valueSegments({ a: 1 }), 100)).toEqual({ segments: [{ text: '{"a":1}' }], cut: false })
  })

  it('copies indented JSON; undefined as null', () => {
    expect(copyText({ a: 1 })).toBe('{\n  "a": 1\n}')
    expect(copyText(undefined)).toBe('null')
  })
})
