// The key timeline's chart: session spans from session_start/session_end outputs, late events and deletes that deleted
// nothing in series of their own, marks on one point drawn side by side, and a tooltip for each mark and legend entry.
import { describe, expect, it, onTestFinished } from 'vitest'
import type { KeyTimelineView } from '../../../src-main/common/debug-api'
import { SIDE_BY_SIDE_PX, TIMELINE_LEGEND, sessionSpans, timelineOption, unplottedEvents } from '../../../src-renderer/src/charts/timeline-option'
import { readableTime } from '../../../src-renderer/src/format'

const T = 1708848000000
const tl: KeyTimelineView = {
  operatorId: 'op', keyStr: '"u1"',
  events: [{ step: 1, ts: T, late: false }, { step: 4, ts: T - 10_000, late: true }],
  timers: [{ step: 1, action: 'registered', domain: 'EVENT_TIME', timestamp: T + 1_800_000, line: 36 },
    { step: 9, action: 'fired', domain: 'EVENT_TIME', timestamp: T + 1_800_000, registeredStep: 1 }],
  outputs: [{ seq: 0, step: 9, operatorId: 'op', operatorName: 'p', tag: null, value: { session_start: T, session_end: T + 1_800_000 }, timestamp: null, key: 'u1', keyStr: '"u1"', isJobOutput: true }],
  sessions: [],
  watermark: [{ step: 0, watermark: -9223372036854775808 }, { step: 1, watermark: T - 5001 }],
}
/** The seed's bug on step 1: deleteEventTimeTimer(now) names the event's own timestamp. */
const seed: KeyTimelineView = { ...tl, timers: [...tl.timers, { step: 1, action: 'deleteFoundNothing', domain: 'EVENT_TIME', timestamp: T, line: 35 },
  { step: 5, action: 'deleted', domain: 'EVENT_TIME', timestamp: T + 1_800_000, line: 35 }] }

type Item = { value: [number, number]; detail: string; symbolOffset?: [number, number] }
const series = (t: KeyTimelineView): Array<{ name: string; data: unknown[] }> => timelineOption(t).series as Array<{ name: string; data: unknown[] }>
const items = (t: KeyTimelineView, name: string): Item[] => series(t).find((s) => s.name === name)?.data as Item[]
const points = (t: KeyTimelineView, name: string): unknown[] => items(t, name).map((i) => i.value)

describe('key timeline chart', () => {
  it('derives a session span from session_start / session_end and draws it at the output step', () => {
    expect(sessionSpans(tl)).toEqual([{ start: T, end: T + 1_800_000, outputSeq: 0 }])
    expect(series(tl).find((s) => s.name === 'sessions')?.data).toEqual([[9, T], [9, T + 1_800_000]])
  })

  it('puts late events in their own series and leaves the MIN watermark out', () => {
    expect(points(tl, 'late events')).toEqual([[4, T - 10_000]])
    expect(points(tl, 'events')).toEqual([[1, T]])
    expect(series(tl).find((s) => s.name === 'watermark')?.data).toEqual([[1, T - 5001]])
    expect(points(tl, 'timer fired')).toEqual([[9, T + 1_800_000]])
  })

  it('shows deletes that deleted nothing apart from the deletes that did', () => {
    expect(points(seed, 'delete found nothing')).toEqual([[1, T]])
    expect(points(seed, 'timer deleted')).toEqual([[5, T + 1_800_000]])
  })

  it('draws an event and the delete that named its timestamp side by side, not the dot inside the diamond', () => {
    const [event] = items(seed, 'events')
    const [missed] = items(seed, 'delete found nothing')
    expect(event.value).toEqual(missed.value)
    expect(event.symbolOffset).toEqual([-SIDE_BY_SIDE_PX / 2, 0])
    expect(missed.symbolOffset).toEqual([SIDE_BY_SIDE_PX / 2, 0])
    // A mark alone on its point stays on it.
    expect(items(seed, 'timer registered')[0].symbolOffset).toBeUndefined()
    expect(items(seed, 'late events')[0].symbolOffset).toBeUndefined()
  })

  it('ends the step axis a step past the newest, leaves a margin around the times and keeps tooltips inside the chart, so every mark and tip is whole', () => {
    const option = timelineOption(seed) as { xAxis: { max: (v: { max: number }) => number }; tooltip: { confine: boolean } }
    expect(option.xAxis.max({ max: 9 })).toBe(10)
    // The time axis leaves a margin over and under the marks (one at the edge was drawn half over it).
    const y = (timelineOption(seed) as { yAxis: { min: (v: { min: number; max: number }) => number; max: (v: { min: number; max: number }) => number } }).yAxis
    expect([y.min({ min: T, max: T + 100_000 }), y.max({ min: T, max: T + 100_000 })]).toEqual([T - 6_000, T + 106_000])
    expect([y.min({ min: T, max: T }), y.max({ min: T, max: T })]).toEqual([T - 60_000, T + 60_000])
    expect(option.tooltip.confine).toBe(true)
  })

  it('spreads three marks on one point evenly around it', () => {
    const three: KeyTimelineView = { ...tl, timers: [{ step: 1, action: 'deleteFoundNothing', domain: 'EVENT_TIME', timestamp: T },
      { step: 1, action: 'registered', domain: 'EVENT_TIME', timestamp: T }] }
    expect([items(three, 'events')[0], items(three, 'delete found nothing')[0], items(three, 'timer registered')[0]].map((i) => i.symbolOffset))
      .toEqual([[-SIDE_BY_SIDE_PX, 0], [0, 0], [SIDE_BY_SIDE_PX, 0]])
  })

  it('says in each mark\'s tooltip what it is, its line or the step that registered it, its step and its time', () => {
    const option = timelineOption(seed) as { tooltip: { formatter: (p: unknown) => string }; legend: { data: string[]; tooltip: { show: boolean; formatter: (p: unknown) => string } } }
    const tip = (name: string): string => { const i = items(seed, name)[0]; return option.tooltip.formatter({ seriesName: name, value: i.value, data: i }) }
    expect(tip('delete found nothing')).toBe(`${TIMELINE_LEGEND['delete found nothing']}<br>the EVENT_TIME delete at line 35 named this time<br>step 1 · ${T} (2024-02-25T08:00:00.000Z)`)
    expect(tip('timer fired')).toContain('EVENT_TIME timer, registered in step 1<br>step 9')
    expect(tip('timer registered')).toContain('EVENT_TIME timer, registered at line 36<br>step 1')
    expect(tip('timer deleted')).toContain('EVENT_TIME timer, deleted at line 35<br>step 5')
    expect(tip('events')).toBe(`${TIMELINE_LEGEND.events}<br>step 1 · ${T} (2024-02-25T08:00:00.000Z)`)
    // Each legend entry has a tooltip saying what its marks are.
    expect(option.legend.tooltip.show).toBe(true)
    for (const name of option.legend.data) expect(option.legend.tooltip.formatter({ name })).toBe(TIMELINE_LEGEND[name])
    expect(TIMELINE_LEGEND['delete found nothing']).toMatch(/deleted nothing/)
  })

  it('reads its times in the zone the status bar chose (they stayed in UTC)', () => {
    const tz = process.env.TZ
    process.env.TZ = 'Asia/Kolkata' // +05:30: local times differ from UTC's
    onTestFinished(() => { if (tz === undefined) delete process.env.TZ; else process.env.TZ = tz })
    const local = timelineOption(seed, 'local') as { tooltip: { formatter: (p: unknown) => string }; yAxis: { axisLabel: { formatter: (v: number) => string } } }
    const i = items(seed, 'events')[0]
    expect(local.tooltip.formatter({ seriesName: 'events', value: i.value, data: i })).toContain(`(${readableTime(T, 'local')})`)
    expect(local.yAxis.axisLabel.formatter(T)).toBe('13:30:00')
    expect(readableTime(T, 'local')).toBe('2024-02-25T13:30:00.000+05:30')
  })
})

// running-count.ts (no timestamp assigner): the header said "11 events" over an empty chart, its y axis event time.
describe('unplottedEvents', () => {
  it('says how many of the key\'s events have no timestamp and so are not on the chart', () => {
    const noTs: KeyTimelineView = { ...tl, events: [{ step: 1, ts: null, late: false }, { step: 2, ts: null, late: false }, { step: 3, ts: T, late: false }] }
    expect(unplottedEvents(noTs)).toBe('2 without a timestamp: not drawn, y is event time')
    expect(unplottedEvents({ ...noTs, events: [{ step: 1, ts: null, late: false }] })).toBe('1 without a timestamp: not drawn, y is event time')
  })

  it('says nothing when every event has one', () => {
    expect(unplottedEvents(tl)).toBeNull()
  })
})
