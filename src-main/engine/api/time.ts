// Durations and the two sentinel timestamps of the job API (docs/job-api.md "Durations").

/** Stands for Flink's Long.MIN_VALUE: the watermark before any watermark. Exactly -2^63. */
export const MIN_TIMESTAMP = -(2 ** 63)
/** Stands for Flink's Long.MAX_VALUE: the end-of-input watermark. (2^63 as a double.) */
export const MAX_TIMESTAMP = 2 ** 63

/** A span of time in milliseconds, as Flink's java.time.Duration / Time. */
export class Duration {
  private constructor(readonly millis: number) {}
  static ofMillis(n: number): Duration { return new Duration(checkFinite(n, 'Duration.ofMillis')) }
  static ofSeconds(n: number): Duration { return new Duration(checkFinite(n, 'Duration.ofSeconds') * 1000) }
  static ofMinutes(n: number): Duration { return new Duration(checkFinite(n, 'Duration.ofMinutes') * 60_000) }
  static ofHours(n: number): Duration { return new Duration(checkFinite(n, 'Duration.ofHours') * 3_600_000) }
  static ofDays(n: number): Duration { return new Duration(checkFinite(n, 'Duration.ofDays') * 86_400_000) }
  toMillis(): number { return this.millis }
  toString(): string { return `${this.millis} ms` }
}

/** Flink 1.x's Time helper, as the seed article uses it (Time.hours(24)). */
export const Time = {
  milliseconds: (n: number): Duration => Duration.ofMillis(n),
  seconds: (n: number): Duration => Duration.ofSeconds(n),
  minutes: (n: number): Duration => Duration.ofMinutes(n),
  hours: (n: number): Duration => Duration.ofHours(n),
  days: (n: number): Duration => Duration.ofDays(n),
}

/** Wherever a duration is taken, a plain number of milliseconds is accepted too. */
export type DurationLike = Duration | number

export function toMillis(d: DurationLike, what: string): number {
  if (typeof d === 'number') return checkFinite(d, what)
  if (d instanceof Duration) return d.millis
  if (d !== null && typeof d === 'object' && typeof (d as { toMillis?: unknown }).toMillis === 'function') {
    return checkFinite((d as Duration).toMillis(), what)
  }
  throw new TypeError(`${what}: expected a Duration or a number of milliseconds, got ${describe(d)}`)
}

function checkFinite(n: number, what: string): number {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new TypeError(`${what}: expected a finite number, got ${describe(n)}`)
  return n
}

export function describe(v: unknown): string {
  if (v === null) return 'null'
  if (v === undefined) return 'undefined'
  if (typeof v === 'string') return JSON.stringify(v)
  if (typeof v === 'object') return v.constructor?.name ?? 'object'
  return String(v)
}
