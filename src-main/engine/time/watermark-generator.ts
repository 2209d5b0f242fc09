// Watermark generation for one assigner operator (rules W1, W2, W4, W9), per source partition.
// Riffle emits after every record (docs/job-api.md "Time in a replay"), not every 200 ms of wall time.
import { MIN_TIMESTAMP } from '../api/time'

interface PartitionClock {
  /** Highest timestamp seen, or null before the first event. */
  maxTs: number | null
  /** Events seen since the last periodic check (W9). */
  activeSinceCheck: boolean
  /** Processing time at which the partition was first found inactive, or null. */
  idleSince: number | null
  idle: boolean
}

export interface WatermarkGeneratorState {
  partitions: Array<[string, PartitionClock]>
}

/**
 * Bounded out-of-orderness B (null: noWatermarks). W1: watermark = maxTs - B - 1, MIN before any event.
 * Records from several partitions (kcat -J) each get a clock; the combined watermark is the minimum over
 * partitions that are not idle (W8), as a Kafka source with per-partition watermarks does.
 */
export class WatermarkGenerator {
  private readonly partitions = new Map<string, PartitionClock>()
  private single: PartitionClock | null = null

  constructor(readonly outOfOrderness: number | null, readonly idlenessMillis: number | null) {}

  onEvent(timestamp: number, partition: string | null): void {
    const p = this.clockFor(partition)
    if (p.maxTs === null || timestamp > p.maxTs) p.maxTs = timestamp
    p.activeSinceCheck = true
    p.idle = false
    p.idleSince = null
  }

  /** The periodic emit after each record: runs the idleness checks, then gives the current watermark. */
  onPeriodicEmit(processingTime: number): number {
    if (this.outOfOrderness === null) return MIN_TIMESTAMP
    if (this.single !== null) return this.watermarkOf(this.single)
    let min = Infinity
    let anyActive = false
    for (const p of this.partitions.values()) {
      if (this.idlenessMillis !== null) this.checkIdle(p, processingTime)
      if (p.idle) continue
      anyActive = true
      const w = this.watermarkOf(p)
      if (w < min) min = w
    }
    // W8: with every partition idle the watermark does not advance.
    return anyActive ? min : MIN_TIMESTAMP
  }

  /**
   * The watermark onEvent(timestamp) and onPeriodicEmit would give for a record of the one (unpartitioned)
   * stream; Infinity when records come from partitions (not worked out: the caller takes it as "may fire").
   */
  watermarkWith(timestamp: number): number {
    if (this.outOfOrderness === null) return MIN_TIMESTAMP
    if (this.partitions.size > 0) return Infinity
    const max = this.single?.maxTs ?? null
    const m = max === null || timestamp > max ? timestamp : max
    return m - this.outOfOrderness - 1
  }

  snapshot(): WatermarkGeneratorState {
    const parts = this.single !== null ? [['', this.single] as [string, PartitionClock]] : [...this.partitions]
    return { partitions: parts.map(([k, p]) => [k, { ...p }]) }
  }

  restore(s: WatermarkGeneratorState): void {
    this.partitions.clear()
    this.single = null
    for (const [k, p] of s.partitions) {
      if (k === '' && s.partitions.length === 1) this.single = { ...p }
      else this.partitions.set(k, { ...p })
    }
  }

  private watermarkOf(p: PartitionClock): number {
    return p.maxTs === null ? MIN_TIMESTAMP : p.maxTs - (this.outOfOrderness as number) - 1
  }

  // W9: the first check with no events since the previous one starts the idle timer; the partition is
  // idle once processing time has moved more than the timeout past that start.
  private checkIdle(p: PartitionClock, now: number): void {
    if (p.activeSinceCheck) {
      p.activeSinceCheck = false
      p.idleSince = null
      return
    }
    if (p.idleSince === null) p.idleSince = now
    else if (now - p.idleSince > (this.idlenessMillis as number)) p.idle = true
  }

  private clockFor(partition: string | null): PartitionClock {
    // Records without a partition (plain JSONL/CSV) share one clock; the fast path for the common case.
    if (partition === null) {
      if (this.single === null) {
        if (this.partitions.size > 0) return this.partitionClock('')
        this.single = newClock()
      }
      return this.single
    }
    if (this.single !== null) {
      this.partitions.set('', this.single)
      this.single = null
    }
    return this.partitionClock(partition)
  }

  private partitionClock(partition: string): PartitionClock {
    let p = this.partitions.get(partition)
    if (p === undefined) { p = newClock(); this.partitions.set(partition, p) }
    return p
  }
}

function newClock(): PartitionClock {
  return { maxTs: null, activeSinceCheck: false, idleSince: null, idle: false }
}
