// Values in a trace: copied as plain JSON data when recorded (a stored object changed in place later must
// not change the trace), and described in a few characters for inline hints and the command line.
import { literal, type JobLanguage } from '../../common/job-dialect'

/** A JSON copy (undefined stays undefined; anything not JSON becomes its text). */
export function plainCopy(v: unknown): unknown {
  if (v === undefined || v === null || typeof v !== 'object') return v
  try { return JSON.parse(JSON.stringify(v)) as unknown } catch { return String(v) }
}

const MAX = 60

/**
 * `null`, `1700000000000`, `"u1"`, `{"user_id":"u1",…}` (a Python job's `None`, `True`); undefined (an absent
 * entry) is `absent`.
 */
export function describeValue(v: unknown, lang: JobLanguage = 'typescript'): string {
  if (v === undefined) return 'absent'
  let s: string
  try { s = literal(lang, JSON.stringify(v) ?? String(v)) } catch { s = String(v) }
  return s.length > MAX ? `${s.slice(0, MAX - 1)}…` : s
}
