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
  if (t >= -Number.MAX_SAFE_INTEGER && t <= Number.MAX_SAFE_INTEGER) return null
  if (sentinels && (t === MAX_TIMESTAMP || t === MIN_TIMESTAMP)) return null
  const beyond = t > MAX_TIMESTAMP ? ', beyond MAX_TIMESTAMP' : t < MIN_TIMESTAMP ? ', beyond MIN_TIMESTAMP' : ''
  return `${t}, ${t > 0 ? 'above 2^53' : 'below -2^53'}${beyond}: not an exact millisecond timestamp (its timers would fire out of order, or never)`
}
