// WatermarkStrategy (Flink's WatermarkStrategy): which generator, the timestamp assigner, idleness.
import { creationOf, keepCreation, rememberCreation } from './creation-sites'
import { type DurationLike, toMillis } from './time'

export type TimestampAssigner<T> = (event: T, previousTimestamp: number) => number

export class WatermarkStrategy<T> {
  private constructor(
    /** Bounded out-of-orderness in ms (W1; 0 = monotonous, W2), or null for noWatermarks(). */
    readonly outOfOrdernessMillis: number | null,
    readonly timestampAssigner: TimestampAssigner<T> | null,
    readonly idlenessMillis: number | null,
  ) {}

  static forMonotonousTimestamps<T>(): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(0, null, null)
  }

  static forBoundedOutOfOrderness<T>(maxOutOfOrderness: DurationLike): WatermarkStrategy<T> {
    const b = toMillis(maxOutOfOrderness, 'forBoundedOutOfOrderness')
    if (b < 0) throw new RangeError(`forBoundedOutOfOrderness: the bound must not be negative, got ${b} ms (W1)`)
    return new WatermarkStrategy<T>(b, null, null)
  }

  static noWatermarks<T>(): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>(null, null, null)
  }

  withTimestampAssigner(assigner: TimestampAssigner<T>): WatermarkStrategy<T> {
    if (typeof assigner !== 'function') throw new TypeError('withTimestampAssigner: expected a function (event, previousTimestamp) => number')
    const s = new WatermarkStrategy<T>(this.outOfOrdernessMillis, assigner, this.idlenessMillis)
    rememberCreation(s) // late records are counted per line of the timestamp assigner
    return s
  }

  withIdleness(idleTimeout: DurationLike): WatermarkStrategy<T> {
    const d = toMillis(idleTimeout, 'withIdleness')
    if (!(d > 0)) throw new RangeError(`withIdleness: the timeout must be positive, got ${d} ms (W9)`)
    const s = new WatermarkStrategy<T>(this.outOfOrdernessMillis, this.timestampAssigner, d)
    const site = creationOf(this)
    if (site !== undefined) keepCreation(s, site)
    return s
  }
}
