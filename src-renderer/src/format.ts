// Display helpers: timestamps raw and as ISO time, Flink's MIN/MAX sentinels by name, values as compact JSON.

const MIN_TS = -(2 ** 63) // Long.MIN_VALUE
const MAX_TS = 2 ** 63 // Long.MAX_VALUE as a double

export function isoTime(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return ''
  return new Date(ms).toISOString()
}

/** "1700000000000 (2023-11-14T22:13:20.000Z)"; sentinels as MIN_TIMESTAMP / MAX_TIMESTAMP. */
export function timestamp(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—'
  if (ms <= MIN_TS || ms === Number.MIN_SAFE_INTEGER) return 'MIN_TIMESTAMP (no watermark yet)'
  if (ms >= MAX_TS || ms === Number.MAX_SAFE_INTEGER) return 'MAX_TIMESTAMP (end of input)'
  const iso = isoTime(ms)
  return iso ? `${ms} (${iso})` : String(ms)
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

export function json(value: unknown, max = 400): string {
  let s: string
  try { s = value === undefined ? 'undefined' : JSON.stringify(value) } catch { s = String(value) }
  return s.length > max ? s.slice(0, max - 1) + '…' : s
}

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '?' : n.toLocaleString('en-US')
}
