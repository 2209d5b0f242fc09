// How a JSON value reads in the value views: compact or indented JSON cut into segments, with every number
// that is a time (a field named like one — ts, timestamp, *_start, *_end, *_ts, *_time, *_at — holding an
// epoch in ms between 2000 and 2100) followed by its readable time in the chosen zone. Pure, so it is
// unit-tested without a DOM; components/value-view.ts renders the segments.
import { readableTime, type TimeZoneChoice } from './format'

export interface Segment { text: string; time?: true }

const TIME_FIELD = /^(ts|timestamp|time|event_?time|watermark)$|(_start|_end|_ts|_time|_at|Start|End|Timestamp|Time|At)$/
const YEAR_2000 = 946_684_800_000
const YEAR_2100 = 4_102_444_800_000

export function isTimeField(name: string): boolean { return TIME_FIELD.test(name) }

/** A Compare field path ("session_start", "window.end_ts"): a time when its last name is a time field's. */
export function isTimePath(path: string): boolean { return isTimeField(path.split('.').at(-1) ?? '') }

export function looksLikeEpochMs(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= YEAR_2000 && v < YEAR_2100
}

/**
 * The numbers in `value` that valueSegments() follows with a readable time (the value itself when `isTime`, a time
 * field's number inside it), for text drawn without segments (the editor's inline values).
 */
export function timesIn(value: unknown, isTime = false): number[] {
  if (value === null || typeof value !== 'object') return isTime && looksLikeEpochMs(value) ? [value] : []
  if (Array.isArray(value)) return value.flatMap((x) => timesIn(x))
  return Object.entries(value as Record<string, unknown>).flatMap(([k, x]) => timesIn(x, isTimeField(k)))
}

export interface SegmentOptions {
  zone?: TimeZoneChoice
  /** Spaces per level; 0 (default) is compact JSON on one line. */
  indent?: number
  /** The value itself is a time (a timestamp column, a state whose number is a time). */
  isTime?: boolean
}

/** The value as JSON text segments, a readable time after each time field's number. */
export function valueSegments(value: unknown, opts: SegmentOptions = {}): Segment[] {
  const out: Segment[] = []
  const zone = opts.zone ?? 'utc'
  const indent = opts.indent ?? 0
  const push = (text: string): void => {
    const last = out.at(-1)
    if (last && !last.time) last.text += text
    else out.push({ text })
  }
  const nl = (depth: number): string => (indent > 0 ? '\n' + ' '.repeat(indent * depth) : '')
  const walk = (v: unknown, depth: number, timeHint: boolean): void => {
    if (v === undefined) { push('undefined'); return }
    if (v === null || typeof v !== 'object') {
      push(typeof v === 'bigint' ? String(v) : JSON.stringify(v) ?? String(v))
      if (timeHint && looksLikeEpochMs(v)) { push(' '); out.push({ text: readableTime(v, zone), time: true }) }
      return
    }
    const isArray = Array.isArray(v)
    const entries: Array<[string | null, unknown]> = isArray ? v.map((x) => [null, x]) : Object.entries(v as Record<string, unknown>)
    if (entries.length === 0) { push(isArray ? '[]' : '{}'); return }
    push(isArray ? '[' : '{')
    entries.forEach(([k, x], i) => {
      push(nl(depth + 1))
      if (k !== null) push(JSON.stringify(k) + (indent > 0 ? ': ' : ':'))
      walk(x, depth + 1, k !== null && isTimeField(k))
      if (i < entries.length - 1) push(',')
    })
    push(nl(depth) + (isArray ? ']' : '}'))
  }
  walk(value, 0, opts.isTime === true)
  return out
}

/** The first `max` characters of the segments (time segments kept whole or dropped), and whether any were cut. */
export function foldSegments(segments: Segment[], max: number): { segments: Segment[]; cut: boolean } {
  const out: Segment[] = []
  let left = max
  for (const s of segments) {
    if (left <= 0) return { segments: out, cut: true }
    if (s.time) { out.push(s); continue }
    if (s.text.length <= left) { out.push(s); left -= s.text.length; continue }
    out.push({ text: s.text.slice(0, left) })
    return { segments: out, cut: true }
  }
  return { segments: out, cut: false }
}

/** The value as JSON for the clipboard: indented, `undefined` as null. */
export function copyText(value: unknown): string {
  try { return JSON.stringify(value === undefined ? null : value, null, 2) } catch { return String(value) }
}

/** "812 B", "3.4 kB": how big the folded part is. */
export function sizeLabel(chars: number): string {
  return chars < 1000 ? `${chars} B` : `${(chars / 1000).toFixed(1)} kB`
}
