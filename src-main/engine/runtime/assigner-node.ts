// assignTimestampsAndWatermarks: stamps records with the assigner's timestamp and emits a watermark
// after every record, only when it rises (docs/job-api.md; W4, W5). Control-line watermarks from upstream raise
// it too: the watermark is the highest of the generated one and the control lines (docs/job-api.md, not W6).
import { MIN_TIMESTAMP } from '../api/time'
import type { WatermarkStrategy } from '../api/watermark-strategy'
import { creationOf } from '../api/creation-sites'
import { WatermarkGenerator } from '../time/watermark-generator'
import type { RunContext } from './run-context'
import { StreamNode } from './stream-node'
import { UserCodeError } from '../../sandbox/gate'
import { assignedTimestamp } from '../time/timestamp-range'
import { BadRecordError } from './bad-record'

export class AssignerNode extends StreamNode {
  readonly generator: WatermarkGenerator
  /** The highest watermark received from upstream (control lines). */
  upstreamWatermark = MIN_TIMESTAMP
  readonly assigner: ((e: unknown, prev: number) => number) | null
  /** Where the job made its strategy (withTimestampAssigner): late records are counted against that line. */
  readonly createdAt: Error | undefined

  constructor(rc: RunContext, index: number, parent: StreamNode, strategy: WatermarkStrategy<unknown>) {
    super(rc, index, 'assignTimestamps', parent)
    this.generator = new WatermarkGenerator(strategy.outOfOrdernessMillis, strategy.idlenessMillis)
    this.assigner = strategy.timestampAssigner
    this.createdAt = creationOf(strategy)
  }

  userObjects(): object[] { return this.assigner === null ? [] : [this.assigner] }

  processRecord(value: unknown, timestamp: number | null): void {
    let ts = timestamp
    if (this.assigner !== null) {
      // W5: the assigner receives the previous timestamp, or MIN when the record had none.
      const t: unknown = this.rc.gate.call2('timestamp assigner', this.assigner, undefined, value, timestamp ?? MIN_TIMESTAMP)
      ts = typeof t === 'number' && Number.isSafeInteger(t) ? t : this.checked(t, value)
    } else if (ts === null && this.generator.outOfOrderness !== null) {
      throw new UserCodeError('assignTimestampsAndWatermarks', new TypeError(`record ${preview(value)} has no timestamp: give the watermark strategy a timestamp assigner (withTimestampAssigner)`))
    }
    if (ts !== null) this.generator.onEvent(ts, this.rc.currentPartition)
    this.emit(value, ts)
    this.periodicEmit()
  }

  /**
   * An assigner's result that is not plainly a timestamp (time/timestamp-range.ts): a fraction, NaN or a non-number is
   * the job's error at the assigner's line (JOB_THREW with the input record); out of range is the record's fault (a bad
   * line, recordings/README.md).
   */
  private checked(t: unknown, value: unknown): number {
    const r = assignedTimestamp(t, () => preview(value), this.rc.jobLanguage === 'python', value)
    if (r instanceof TypeError) throw new UserCodeError('timestamp assigner', r, this.createdAt)
    if (typeof r !== 'number') throw new BadRecordError(r.badRecord)
    return r
  }

  /** Another subtask's record, its timestamp assigned by the reader (route-shape.ts): the same watermark steps. */
  processSkipped(timestamp: number | null): void {
    if (timestamp !== null) this.generator.onEvent(timestamp, this.rc.currentPartition)
    const ch = this.children
    for (let i = 0; i < ch.length; i++) ch[i].processSkipped(timestamp)
    this.periodicEmit()
  }

  watermarkAfterSkipped(timestamp: number): number {
    const w = this.generator.watermarkWith(timestamp)
    return w > this.upstreamWatermark ? w : this.upstreamWatermark
  }

  /** docs/job-api.md: a watermark after every record, emitted only when it rises. */
  private periodicEmit(): void {
    const generated = this.generator.onPeriodicEmit(this.rc.processingTime)
    const w = generated > this.upstreamWatermark ? generated : this.upstreamWatermark
    if (w > this.watermark) {
      this.watermark = w
      this.forwardWatermark(w)
    }
  }

  processWatermark(w: number): void {
    if (w > this.upstreamWatermark) this.upstreamWatermark = w
    if (w > this.watermark) {
      this.watermark = w
      this.forwardWatermark(w)
    }
  }
}

export function preview(v: unknown): string {
  let s: string
  try { s = JSON.stringify(v) ?? String(v) } catch { s = String(v) }
  return s.length > 200 ? `${s.slice(0, 200)}…` : s
}
