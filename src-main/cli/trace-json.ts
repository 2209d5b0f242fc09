// A step's trace as one JSON line (riffle trace --json): the StepTrace as it is, except that a time at Long's ends is
// written as the exact integer, -9223372036854775808 or 9223372036854775807. JSON.stringify writes the doubles -2^63
// and 2^63 as -9223372036854776000 and 9223372036854776000, which a Python or Java reader takes for other numbers
// than Long.MIN_VALUE / Long.MAX_VALUE (JavaScript reads the exact integers back as the same doubles).
import type { StepTrace } from '../common/trace-api'
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from '../engine/api/time'

/** The properties that hold a time; `value` only in a time or clock read (elsewhere it is the job's data, kept as --out writes it). */
const TIME_KEYS = new Set(['watermark', 'watermarkBefore', 'processingTime', 'timestamp'])
const MAX_MARK = '\u0000Long.MAX_VALUE\u0000'
const MIN_MARK = '\u0000Long.MIN_VALUE\u0000'

export function traceJson(t: StepTrace): string {
  const text = JSON.stringify(t, function (this: Record<string, unknown>, key: string, value: unknown) {
    if (value !== MAX_TIMESTAMP && value !== MIN_TIMESTAMP) return value
    const time = TIME_KEYS.has(key) || (key === 'value' && (this.kind === 'timeRead' || this.kind === 'clockRead'))
    return !time ? value : value === MAX_TIMESTAMP ? MAX_MARK : MIN_MARK
  })
  // Only a string of the job that is exactly a mark (NUL, the name, NUL) could be taken for one.
  return text.replaceAll(JSON.stringify(MAX_MARK), '9223372036854775807').replaceAll(JSON.stringify(MIN_MARK), '-9223372036854775808')
}
