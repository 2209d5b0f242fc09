// Display helpers: timestamps raw and as readable time (UTC or the machine's local time, the user's choice in
// stores/prefs.ts), Flink's MIN/MAX sentinels by name, values as compact JSON.

const MIN_TS = -(2 ** 63) // Long.MIN_VALUE
const MAX_TS = 2 ** 63 // Long.MAX_VALUE as a double

export function isoTime(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return ''
  return new Date(ms).toISOString()
}

export type TimeZoneChoice = 'utc' | 'local'

/**
 * ISO 8601 either way, so the two read alike: UTC as "2024-02-25T08:00:00.000Z", local time with its offset
 * as "2024-02-25T09:00:00.000+01:00". Empty for a number that is no date.
 */
export function readableTime(ms: number, zone: TimeZoneChoice = 'utc'): string {
  if (zone === 'utc') return isoTime(ms)
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return ''
  const d = new Date(ms)
  const off = -d.getTimezoneOffset()
  const p = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0')
  const sign = off < 0 ? '-' : '+'
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}` +
    `${sign}${p(Math.trunc(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`
}

/**
 * A readable time as its date and its time of day, "2024-02-25T" and "08:00:00.000Z": a narrow pane breaks it after
 * the "T" and only there (a whole ISO time did not fit a 260 px pane's column).
 */
export function dateAndTime(text: string): [string, string] {
  const t = text.indexOf('T')
  return t < 0 ? [text, ''] : [text.slice(0, t + 1), text.slice(t + 1)]
}

/** A wall-clock moment as "HH:MM:SS" (the Messages history), in the chosen zone. */
export function clockTime(ms: number, zone: TimeZoneChoice = 'utc'): string {
  return readableTime(ms, zone).slice(11, 19)
}

/** "1700000000000 (2023-11-14T22:13:20.000Z)"; sentinels as MIN_TIMESTAMP / MAX_TIMESTAMP. */
export function timestamp(ms: number | null | undefined, zone: TimeZoneChoice = 'utc'): string {
  if (ms === null || ms === undefined) return '—'
  if (ms <= MIN_TS || ms === Number.MIN_SAFE_INTEGER) return 'MIN_TIMESTAMP (no watermark yet)'
  if (ms >= MAX_TS || ms === Number.MAX_SAFE_INTEGER) return 'MAX_TIMESTAMP (end of input)'
  const readable = readableTime(ms, zone)
  return readable ? `${ms} (${readable})` : String(ms)
}

/** The short form of timestamp() for the status line: the readable time alone, the sentinel's name alone. */
export function shortTimestamp(ms: number | null | undefined, zone: TimeZoneChoice = 'utc'): string {
  if (ms === null || ms === undefined) return '—'
  if (ms <= MIN_TS || ms === Number.MIN_SAFE_INTEGER) return 'MIN_TIMESTAMP'
  if (ms >= MAX_TS || ms === Number.MAX_SAFE_INTEGER) return 'MAX_TIMESTAMP'
  return readableTime(ms, zone) || String(ms)
}

/** A duration in ms as "+30m 0s" style text, for how far a timer is ahead. */
export function duration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms)
  const sign = ms < 0 ? '-' : '+'
  let rest = Math.abs(ms)
  const h = Math.floor(rest / 3_600_000); rest -= h * 3_600_000
  const m = Math.floor(rest / 60_000); rest -= m * 60_000
  const s = Math.floor(rest / 1000); const msPart = rest - s * 1000
  const parts = h ? [`${h}h`, `${m}m`, `${s}s`] : m ? [`${m}m`, `${s}s`] : [`${s}${msPart ? '.' + String(msPart).padStart(3, '0') : ''}s`]
  return sign + parts.join(' ')
}

/**
 * Before the first watermark the service measures an event-time timer from Long.MIN_VALUE, so it read as
 * "+2562048262695h … of the watermark": there is no watermark to be ahead of yet.
 */
export function beforeFirstWatermark(t: { domain: string; timestamp: number; aheadBy: number }): boolean {
  return t.domain === 'EVENT_TIME' && t.timestamp - t.aheadBy <= MIN_TS / 2
}

/**
 * What the timer tables say in place of "ahead by" when the event-time clock is at one of Long's edges, where a
 * distance means nothing: before the first watermark, and at the end of input (the watermark Long.MAX_VALUE, the
 * timers still pending firing one a step), which read as "-2562047313333h 7m 56s of the watermark". Null otherwise.
 */
export function watermarkEdge(t: { domain: string; timestamp: number; aheadBy: number }): string | null {
  if (beforeFirstWatermark(t)) return 'no watermark yet'
  return t.domain === 'EVENT_TIME' && t.timestamp - t.aheadBy >= MAX_TS / 2 ? 'due: end of input' : null
}

/**
 * What the timer tables say in place of "ahead by" when the timer is not ahead: at the watermark's edges
 * (watermarkEdge), or due — the watermark or processing time reached it at this step, and it fires as one of the next
 * steps, before the next record ("-15m 54s of the watermark" in the warning colour read as a timer stuck or missed).
 * Null for a timer still ahead.
 */
export function timerLead(t: { domain: string; timestamp: number; aheadBy: number }): string | null {
  const edge = watermarkEdge(t)
  if (edge !== null || t.aheadBy > 0) return edge
  const clock = t.domain === 'EVENT_TIME' ? 'the watermark' : 'processing time'
  return `due, fires next: ${clock} is ${t.aheadBy === 0 ? 'at it' : duration(-t.aheadBy).slice(1) + ' past it'}`
}

export function json(value: unknown, max = 400): string {
  let s: string
  try { s = value === undefined ? 'undefined' : JSON.stringify(value) } catch { s = String(value) }
  return clipped(s, max)
}

/** s cut to max characters, its last an ellipsis where it was longer. */
export function clipped(s: string, max = 400): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s
}

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '?' : n.toLocaleString('en-US')
}

/** A count with its noun, singular for exactly one: "1 key", "2 keys", "? keys" (plural: when not noun + "s"). */
export function counted(n: number | null | undefined, noun: string, plural = `${noun}s`): string {
  return `${count(n)} ${n === 1 ? noun : plural}`
}

/** A chart axis's step, short: 950, 1k, 2.5k, 125k, 2.5M (at 1024 px "1,0002,0003,000" ran together on the axis). */
export function axisNumber(n: number): string {
  const a = Math.abs(n)
  const [div, unit] = a >= 1e6 ? [1e6, 'M'] : a >= 1e3 ? [1e3, 'k'] : [1, '']
  return `${Number((n / div).toFixed(a >= 1e3 && a / div < 10 ? 1 : 0))}${unit}`
}
