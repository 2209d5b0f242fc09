// Which timestamps a record or a control line may carry. Flink's are longs; a JavaScript number is exact
// only up to 2^53, and one above MAX_TIMESTAMP (Long.MAX_VALUE) is past the end-of-input watermark, so
// its timers would never fire. One rule for the three places a timestamp enters a run: the recording's
// kcat envelopes and control lines (replay/), and the job's timestamp assigner (runtime/assigner-node.ts).
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from '../api/time'

/**
 * Why `t` cannot be a timestamp ("<t> is <why>"), or null. `sentinels`: MIN_TIMESTAMP and MAX_TIMESTAMP
 * themselves are fine (a control line may send the end-of-input watermark).
 */
export function timestampProblem(t: number, sentinels = false): string | null {
  if (!Number.isFinite(t)) return `${t}, not a finite number of milliseconds`
  if (Number.isSafeInteger(t)) return null
  // Flink's timestamps and watermarks are longs: 1.5 would be a time between two milliseconds.
  if (!Number.isInteger(t)) return `${t}, a fraction: a timestamp is a whole number of milliseconds (Flink's long)`
  if (sentinels && (t === MAX_TIMESTAMP || t === MIN_TIMESTAMP)) return null
  const beyond = t > MAX_TIMESTAMP ? ', beyond MAX_TIMESTAMP' : t < MIN_TIMESTAMP ? ', beyond MIN_TIMESTAMP' : ''
  return `${t}, ${t > 0 ? 'above 2^53' : 'below -2^53'}${beyond}: not an exact millisecond timestamp (its timers would fire out of order, or never)`
}

/** Long.MAX_VALUE and Long.MIN_VALUE as a Python int crosses into JavaScript (a BigInt beyond 2^53). */
const LONG_MAX = 2n ** 63n - 1n
const LONG_MIN = -(2n ** 63n)

/**
 * The timestamp the job's assigner returned, as a number, or a TypeError naming it (`record`: the record, for the
 * message), which the caller throws as the job's error at the assigner's line. Flink's assigner returns a long (T1's
 * rule for timers, timerTime): a fraction (`e.ts / 1000`), NaN, an infinity the code made or a non-number is the
 * code's fault, so --skip-bad-lines does not pass over it. A whole number beyond ±2^53 (a Python int there arrives as
 * a BigInt), or an infinity the record itself holds (`value`: a JSON 1e400), is the record's fault, its ts field being
 * what is wrong: `{ badRecord }` says why (timestampProblem), and the record is a bad line of its own. Asked only when
 * `t` is not a safe integer.
 */
export function assignedTimestamp(t: unknown, record: () => string, python = false, value?: unknown): number | TypeError | { badRecord: string } {
  // A Python int beyond 2^53 arrives as a BigInt (Pyodide); a TypeScript job's bigint is no number at all.
  if (typeof t === 'bigint' && (python || t > Number.MAX_SAFE_INTEGER || t < -Number.MAX_SAFE_INTEGER)) {
    const beyond = t > LONG_MAX ? ', beyond MAX_TIMESTAMP' : t < LONG_MIN ? ', beyond MIN_TIMESTAMP' : ''
    return { badRecord: `the timestamp assigner returned ${t}, ${t > 0n ? 'above 2^53' : 'below -2^53'}${beyond}: not an exact millisecond timestamp` }
  }
  if (typeof t === 'number' && Number.isInteger(t)) {
    const problem = timestampProblem(t)
    return problem === null ? t : { badRecord: `the timestamp assigner returned ${problem}` }
  }
  // An infinity from a record that holds one is the record's fault: a JSON number past a double's range (1e400) reads
  // as Infinity, as a whole number past 2^53 reads as another number, and --skip-bad-lines passes over both.
  if ((t === Infinity || t === -Infinity) && recordHoldsInfinity(value)) {
    return { badRecord: `the timestamp assigner returned ${t}: the record holds a number beyond a double's range (a JSON number such as 1e400 reads as ${t})` }
  }
  // A Python assigner's float (a fraction, nan, an infinity its code made) never gets here: Python refuses every float
  // but an infinity the record holds (_riffle.assigner_proxy asks recordHoldsInfinity), which the test above took.
  if (typeof t === 'number' && Number.isFinite(t)) {
    return new TypeError(`the timestamp assigner returned ${t} for ${record()}: a timestamp is a whole number of milliseconds ` +
      "(Flink's long), not a fraction: round it (Math.floor)")
  }
  // Pyodide hands Python's None over as undefined.
  const shown = typeof t === 'number' ? String(t)
    : t === undefined || t === null ? (python ? 'None' : String(t)) : typeof t === 'string' ? JSON.stringify(t)
      : typeof t === 'bigint' ? `${t}n (a bigint)` : preview(t)
  return new TypeError(`the timestamp assigner returned ${shown} for ${record()}; it must return a whole number of milliseconds`)
}

/**
 * True when an infinite number is somewhere in a record's JSON value: a recording line's number past a double's range
 * (1e400), as JSON.parse and Python's json both read it. The one test of it, for a Python job's assigner too.
 */
export function recordHoldsInfinity(value: unknown): boolean {
  return holdsInfinity(value, 0)
}

/** holdsInfinity's walk, a few levels deep: records are shallow. */
function holdsInfinity(v: unknown, depth: number): boolean {
  if (v === Infinity || v === -Infinity) return true
  if (v === null || typeof v !== 'object' || depth > 8) return false
  for (const x of Array.isArray(v) ? v : Object.values(v)) if (holdsInfinity(x, depth + 1)) return true
  return false
}

function preview(v: unknown): string {
  let s: string
  try { s = JSON.stringify(v) ?? String(v) } catch { s = String(v) }
  return s.length > 200 ? `${s.slice(0, 200)}…` : s
}

/**
 * Where a missing time most often comes from: a stream without timestamps (no assigner before keyBy), whose records'
 * ctx.timestamp() is null / None, as in Flink, so a timer made of it has no time.
 */
function noTimestampHint(python: boolean): string {
  return python
    ? '; ctx.timestamp() is None for a record without a timestamp: give the stream timestamps with ' +
      '.assign_timestamps_and_watermarks(WatermarkStrategy.for_monotonous_timestamps().with_timestamp_assigner(...)) before key_by'
    : '; ctx.timestamp() is null for a record without a timestamp: give the stream timestamps with ' +
      '.assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner(...)) before keyBy'
}

/**
 * The time of a timer the job registers or deletes (`call` names it, e.g. registerEventTimeTimer, asked only for an
 * error: a Python name is made by a regular expression, twice a record in a sessionizer), or a
 * TypeError naming the value. Flink's timers are longs (T1): a fraction would be a timer between two
 * milliseconds, so it is the job's error, thrown at its line, as NaN, an infinity, a non-number or a time
 * beyond Long's range (it could never fire) are. A number past 2^53 is a whole number and is taken as the
 * job holds it (MAX_TIMESTAMP - 1000 is a timer at the end of input); a Python int past 2^53 (a BigInt
 * here) is taken when a number holds it exactly, and 2**63 - 1 / -2**63 are MAX_TIMESTAMP / MIN_TIMESTAMP.
 */
export function timerTime(t: unknown, call: () => string, python = false): number {
  if (typeof t === 'bigint') {
    if (t === LONG_MAX) return MAX_TIMESTAMP
    if (t === LONG_MIN) return MIN_TIMESTAMP
    if (t > LONG_MAX || t < LONG_MIN) {
      throw new TypeError(`${call()}(${t}): beyond Long.${t > 0n ? 'MAX' : 'MIN'}_VALUE: such a timer could never fire`)
    }
    const n = Number(t)
    if (BigInt(n) !== t) {
      throw new TypeError(`${call()}(${t}): past 2^53 a time is not exact to the millisecond (the nearest is ${BigInt(n)}): ` +
        'use a time within ±2^53, or 2**63 - 1 (Long.MAX_VALUE) for the end of input')
    }
    return n
  }
  if (typeof t !== 'number' || !Number.isFinite(t)) {
    // Pyodide hands Python's None over as undefined: a Python job is told of the None it wrote. TypeScript's null was
    // named by its typeof, "object".
    const shown = typeof t === 'number' ? String(t) : t === undefined ? (python ? 'None' : 'undefined') : t === null ? 'null'
      : typeof t === 'string' ? JSON.stringify(t) : typeof t
    // Long.MAX_VALUE as the job's language writes it (a Python job has no MAX_TIMESTAMP).
    throw new TypeError(`${call()}(${shown}): expected a whole number of milliseconds (${python ? '2**63 - 1' : 'MAX_TIMESTAMP'} for Long.MAX_VALUE)` +
      (shown === 'None' || shown === 'null' ? noTimestampHint(python) : ''))
  }
  if (!Number.isInteger(t)) {
    // ctx.timestamp() is never the fraction: the assigner's result and a kcat ts are whole (assignedTimestamp, timestampProblem).
    throw new TypeError(`${call()}(${t}): a timer's time is a whole number of milliseconds (Flink's long), not a fraction: ` +
      `round it (${python ? 'int()' : 'Math.floor'})`)
  }
  if (t > MAX_TIMESTAMP || t < MIN_TIMESTAMP) {
    throw new TypeError(`${call()}(${t}): beyond ${t > 0 ? 'MAX_TIMESTAMP' : 'MIN_TIMESTAMP'} (Long's range): such a timer could never fire`)
  }
  return t
}
