// Builds the per-key timeline chart from a KeyTimelineView: x = step, y = event time. Events are
// dots (late ones red), timers registered / deleted / fired are marks at their timestamp, deletes that deleted
// nothing are red hollow diamonds at the timestamp they named, sessions (spans
// from outputs) are vertical bars at the output's step, and the watermark is a stepped line. Marks that fall on the
// same point (the seed's delete at `now` sits on its own event) are drawn side by side, and each mark's tooltip, like
// its legend entry's, says what it is. Pure, so it is unit-tested without a canvas.
import type { KeyTimelineView } from '@common/debug-api'
import { axisNumber, clockTime, readableTime, type TimeZoneChoice } from '../format'

type Point = [number, number]
const finite = (ms: number): boolean => Number.isFinite(ms) && Math.abs(ms) < 8.64e15
const MAX_SESSION_BARS = 200

/**
 * The key's events the chart cannot draw: y is event time, and an event the job gave no timestamp (no assigner) has
 * none, so the header said "11 events" over an empty chart. Null when every event is drawn.
 */
export function unplottedEvents(t: KeyTimelineView): string | null {
  const n = t.events.filter((e) => e.ts === null).length
  return n === 0 ? null : `${n.toLocaleString('en-US')} without a timestamp: not drawn, y is event time`
}

/**
 * Session spans: the service's (numeric start/end or windowStart/windowEnd fields) plus, for outputs it did not
 * recognise, any pair of numeric fields named …start / …end (session_start/session_end, sessionStart/sessionEnd).
 */
export function sessionSpans(t: KeyTimelineView): Array<{ start: number; end: number; outputSeq: number }> {
  const known = new Set(t.sessions.map((s) => s.outputSeq))
  const extra: Array<{ start: number; end: number; outputSeq: number }> = []
  for (const o of t.outputs) {
    if (known.has(o.seq) || o.value === null || typeof o.value !== 'object') continue
    const fields = Object.entries(o.value as Record<string, unknown>)
    const start = fields.find(([k, v]) => /start$/i.test(k) && typeof v === 'number')?.[1] as number | undefined
    const end = fields.find(([k, v]) => /end$/i.test(k) && typeof v === 'number')?.[1] as number | undefined
    if (start !== undefined && end !== undefined) extra.push({ start, end, outputSeq: o.seq })
  }
  return [...t.sessions, ...extra].sort((a, b) => a.outputSeq - b.outputSeq)
}

/** What each legend entry stands for: its tooltip, and the first line of its marks' tooltips. */
export const TIMELINE_LEGEND: Record<string, string> = {
  events: 'An event of this key, at its timestamp',
  'late events': 'A late event: its timestamp was at or behind the watermark when it arrived',
  'timer registered': 'A timer registered in this step, at the time it is set for',
  'timer deleted': 'A delete that removed a pending timer, at that timer\'s time',
  'delete found nothing': 'A delete that named a time with no pending timer, so it deleted nothing (the timer it meant stays)',
  'timer fired': 'A timer that fired in this step, at its time',
  sessions: 'A session output: from its start to its end, at the step that emitted it',
  watermark: 'The operator\'s watermark after each step',
}

/** Centre-to-centre distance, in pixels, of marks drawn side by side on one point: the widest mark (12 px) and a gap. */
export const SIDE_BY_SIDE_PX = 14

type Mark = { series: string; step: number; y: number; detail: string }
type Extent = { min: number; max: number }
/** 6 % of the time range, or a minute when every mark is at one time. */
export const yMargin = (v: Extent): number => (v.max > v.min ? (v.max - v.min) * 0.06 : 60_000)
type MarkItem = { value: Point; detail: string; symbolOffset?: [number, number] }

/**
 * Each series' items; marks on the same (step, y) spread left to right in the order given, centred on the point
 * (drawn on top of each other, the event's dot sat inside the delete's diamond and neither read).
 */
export function spreadMarks(marks: Mark[]): Map<string, MarkItem[]> {
  const at = new Map<string, Mark[]>()
  for (const m of marks) {
    const k = `${m.step}:${m.y}`
    at.set(k, [...(at.get(k) ?? []), m])
  }
  const out = new Map<string, MarkItem[]>()
  for (const m of marks) {
    const same = at.get(`${m.step}:${m.y}`)!
    const item: MarkItem = { value: [m.step, m.y], detail: m.detail }
    if (same.length > 1) item.symbolOffset = [(same.indexOf(m) - (same.length - 1) / 2) * SIDE_BY_SIDE_PX, 0]
    out.set(m.series, [...(out.get(m.series) ?? []), item])
  }
  return out
}

/** The chart's option; times read in `zone`, the status bar's UTC/local choice. */
export function timelineOption(t: KeyTimelineView, zone: TimeZoneChoice = 'utc'): Record<string, unknown> {
  const axis = { axisLine: { lineStyle: { color: '#5c6370' } }, splitLine: { lineStyle: { color: '#2c313a' } }, axisLabel: { color: '#9aa3b2' } }
  const at = (line: number | undefined): string => (line === undefined ? '' : ` at line ${line}`)
  // In drawing order, which is also the left-to-right order of marks on one point.
  const marks: Mark[] = [
    ...t.events.filter((e) => e.ts !== null).map((e) => ({ series: e.late ? 'late events' : 'events', step: e.step, y: e.ts as number, detail: '' })),
    ...t.timers.filter((x) => finite(x.timestamp)).map((x) => ({
      series: { registered: 'timer registered', deleted: 'timer deleted', deleteFoundNothing: 'delete found nothing', fired: 'timer fired' }[x.action],
      step: x.step, y: x.timestamp,
      detail: {
        registered: `${x.domain} timer, registered${at(x.line)}`,
        deleted: `${x.domain} timer, deleted${at(x.line)}`,
        deleteFoundNothing: `the ${x.domain} delete${at(x.line)} named this time`,
        fired: `${x.domain} timer${x.registeredStep === undefined ? '' : `, registered in step ${x.registeredStep}`}`,
      }[x.action],
    })),
  ]
  const items = spreadMarks(marks)
  const byStep = new Map(t.outputs.map((o) => [o.seq, o.step]))
  const sessions = sessionSpans(t).slice(-MAX_SESSION_BARS).map((s, i) => ({
    type: 'line', name: 'sessions', data: [[byStep.get(s.outputSeq) ?? 0, s.start], [byStep.get(s.outputSeq) ?? 0, s.end]],
    lineStyle: { width: 7, color: '#7fd18b', opacity: 0.75 }, itemStyle: { color: '#7fd18b' }, showSymbol: false, z: 1,
    legendHoverLink: i === 0,
  }))
  const scatter = (name: string, color: string, symbol: string, size: number, z = 3): Record<string, unknown> =>
    ({ type: 'scatter', name, data: items.get(name) ?? [], symbol, symbolSize: size, itemStyle: { color }, z })
  return {
    backgroundColor: 'transparent', animation: false,
    tooltip: {
      // Inside the chart: at the right edge (the newest step) it ran past the window.
      trigger: 'item', confine: true,
      formatter: (p: { seriesName: string; value: Point; data?: { detail?: string } }) =>
        [TIMELINE_LEGEND[p.seriesName] ?? p.seriesName, p.data?.detail, `step ${p.value[0]} · ${p.value[1]} (${readableTime(p.value[1], zone)})`]
          .filter(Boolean).join('<br>'),
    },
    legend: {
      top: 2, textStyle: { color: '#d7dce4' }, data: Object.keys(TIMELINE_LEGEND),
      tooltip: { show: true, formatter: (p: { name: string }) => TIMELINE_LEGEND[p.name] ?? p.name },
    },
    grid: { left: 84, right: 24, top: 30, bottom: 52 },
    // Zoomed, the axes end at fractional values: leave the end labels out (they overlap their neighbours).
    xAxis: {
      // A step past the last: marks on the newest step, drawn side by side, stay inside the grid.
      type: 'value', name: 'step', nameTextStyle: { color: '#9aa3b2' }, minInterval: 1, max: (v: { max: number }) => v.max + 1, ...axis,
      axisLabel: { color: '#9aa3b2', showMinLabel: false, showMaxLabel: false, formatter: (v: number) => (Number.isInteger(v) ? axisNumber(v) : ''), hideOverlap: true },
    },
    // A margin above the latest time and below the earliest: a mark there was drawn half over the chart's edge.
    yAxis: {
      type: 'value', scale: true, ...axis, min: (v: Extent) => v.min - yMargin(v), max: (v: Extent) => v.max + yMargin(v),
      axisLabel: { color: '#9aa3b2', showMinLabel: false, showMaxLabel: false, formatter: (v: number) => clockTime(v, zone) },
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
      { type: 'slider', xAxisIndex: 0, height: 16, bottom: 6, filterMode: 'none', textStyle: { color: '#9aa3b2' } },
    ],
    series: [
      ...sessions,
      {
        type: 'line', name: 'watermark', step: 'end', showSymbol: false, z: 2,
        data: t.watermark.filter((w) => finite(w.watermark)).map((w) => [w.step, w.watermark]),
        lineStyle: { color: '#5aa9ff', width: 1.5, type: 'dashed' }, itemStyle: { color: '#5aa9ff' },
      },
      scatter('events', '#d7dce4', 'circle', 8),
      scatter('late events', '#ff6b6b', 'circle', 10),
      scatter('timer registered', '#f0b54a', 'triangle', 11),
      scatter('timer deleted', '#9aa3b2', 'diamond', 10),
      { ...scatter('delete found nothing', 'transparent', 'diamond', 12, 4), itemStyle: { color: 'transparent', borderColor: '#ff6b6b', borderWidth: 2 } },
      scatter('timer fired', '#ff9f43', 'rect', 11),
    ],
  }
}
