// Values in a trace: copied as plain JSON data when recorded (a stored object changed in place later must
// not change the trace), and described in a few characters for inline hints and the command line.
import type { JobLanguage } from '../../common/job-dialect'
import { pythonRepr } from './python-typed-text'
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from '../../engine/api/time'

/** A JSON copy (undefined stays undefined; anything not JSON becomes its text). */
export function plainCopy(v: unknown): unknown {
  if (v === undefined || v === null || typeof v !== 'object') return v
  try { return JSON.parse(JSON.stringify(v)) as unknown } catch { return String(v) }
}

const MAX = 60

/**
 * `null`, `1700000000000`, `"u1"`, `{"user_id":"u1",…}`; a Python job's in Python's repr, as the job's own print
 * and its yielded values are written (`None`, `True`, `'u1'`, `{'user_id': 'u1', …}`); undefined (an absent entry)
 * is `absent`.
 */
export function describeValue(v: unknown, lang: JobLanguage = 'typescript'): string {
  if (v === undefined) return 'absent'
  if (lang === 'python') return clip(pythonRepr(v))
  let s: string
  try { s = JSON.stringify(v) ?? String(v) } catch { s = String(v) }
  return clip(s)
}

/** A value's text cut to a few characters, as describeValue cuts it. */
export function clip(s: string): string {
  return s.length > MAX ? `${s.slice(0, MAX - 1)}…` : s
}

/**
 * A time (a timer's, a watermark, a context read) as text: Long's ends by Flink's names, as the job means them (a
 * TypeScript job's MIN_TIMESTAMP / MAX_TIMESTAMP, a Python job's -2**63 / 2**63 - 1), not as the doubles -2^63 and
 * 2^63, which print as -9223372036854776000 and 9223372036854776000, numbers no Long has.
 */
export function timeText(t: number): string {
  return t === MAX_TIMESTAMP ? 'Long.MAX_VALUE' : t === MIN_TIMESTAMP ? 'Long.MIN_VALUE' : String(t)
}
