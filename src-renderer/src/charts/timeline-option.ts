// Builds the per-key timeline chart from a KeyTimelineView: x = step, y = event time. Events are
// dots (late ones red), timers registered / deleted / fired are marks at their timestamp, deletes that deleted
// nothing are red hollow diamonds at the timestamp they named, sessions (spans
// from outputs) are vertical bars at the output's step, and the watermark is a stepped line. Pure, so it is
// unit-tested without a canvas.
import type { KeyTimelineView } from '@common/debug-api'
import { isoTime } from '../format'

type Point = [number, number]
const finite = (ms: number): boolean => Number.isFinite(ms) && Math.abs(ms) < 8.64e15
const MAX_SESSION_BARS = 200

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

export function timelineOption(t: KeyTimelineView): Record<string, unknown> {
  const axis = { axisLine: { lineStyle: { color: '#5c6370' } }, splitLine: { lineStyle: { color: '#2c313a' } }, axisLabel: { color: '#9aa3b2' } }
  const ev = (late: boolean): Point[] => t.events.filter((e) => e.late === late && e.ts !== null).map((e) => [e.step, e.ts as number])
  const timers = (action: KeyTimelineView['timers'][number]['action']): Point[] =>
    t.timers.filter((x) => x.action === action && finite(x.timestamp)).map((x) => [x.step, x.timestamp])
  const byStep = new Map(t.outputs.map((o) => [o.seq, o.step]))
  const sessions = sessionSpans(t).slice(-MAX_SESSION_BARS).map((s, i) => ({
    type: 'line', name: 'sessions', data: [[byStep.get(s.outputSeq) ?? 0, s.start], [byStep.get(s.outputSeq) ?? 0, s.end]],
    lineStyle: { width: 7, color: '#7fd18b', opacity: 0.75 }, itemStyle: { color: '#7fd18b' }, showSymbol: false, z: 1,
    legendHoverLink: i === 0,
  }))
  const scatter = (name: string, data: Point[], color: string, symbol: string, size: number): Record<string, unknown> =>
    ({ type: 'scatter', name, data, symbol, symbolSize: size, itemStyle: { color }, z: 3 })
  return {
    backgroundColor: 'transparent', animation: false,
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; value: Point }) => `${p.seriesName}<br>step ${p.value[0]}<br>${p.value[1]} (${isoTime(p.value[1])})`,
    },
    legend: { top: 2, textStyle: { color: '#d7dce4' }, data: ['events', 'late events', 'timer registered', 'timer deleted', 'delete found nothing', 'timer fired', 'sessions', 'watermark'] },
    grid: { left: 84, right: 24, top: 30, bottom: 52 },
    // Zoomed, the axes end at fractional values: leave the end labels out (they overlap their neighbours).
    xAxis: {
      type: 'value', name: 'step', nameTextStyle: { color: '#9aa3b2' }, minInterval: 1, ...axis,
      axisLabel: { color: '#9aa3b2', showMinLabel: false, showMaxLabel: false, formatter: (v: number) => (Number.isInteger(v) ? String(v) : '') },
    },
    yAxis: {
      type: 'value', scale: true, ...axis,
      axisLabel: { color: '#9aa3b2', showMinLabel: false, showMaxLabel: false, formatter: (v: number) => isoTime(v).slice(11, 19) },
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
      scatter('events', ev(false), '#d7dce4', 'circle', 8),
      scatter('late events', ev(true), '#ff6b6b', 'circle', 10),
      scatter('timer registered', timers('registered'), '#f0b54a', 'triangle', 11),
      scatter('timer deleted', timers('deleted'), '#9aa3b2', 'diamond', 10),
      scatter('timer fired', timers('fired'), '#ff9f43', 'rect', 11),
      {
        type: 'scatter', name: 'delete found nothing', data: timers('deleteFoundNothing'), symbol: 'diamond', symbolSize: 12, z: 4,
        itemStyle: { color: 'transparent', borderColor: '#ff6b6b', borderWidth: 2 },
      },
    ],
  }
}
