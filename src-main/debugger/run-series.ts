// The run over time for the charts, sampled by step rather than by wall time, so a 40-event run is drawn
// whole and a 2 M-event one in at most MAX_SAMPLES points: every step until there are that many, then every
// second step (and so on, halving what is kept). Samples are kept by step, so after a step back or a seek
// the series still follows the run's order, and a step already sampled keeps its first sample.
import type { RunSample, RunSeriesView, RunStatusView } from '../common/views'
import type { RunObserver } from '../engine/observe/run-observer'
import { MAX_TIMESTAMP, MIN_TIMESTAMP } from '../engine/api/time'

export const MAX_SAMPLES = 2_000

export class RunSeries implements RunObserver {
  private stride = 1
  private readonly samples = new Map<number, RunSample>()
  private newest: number | null = null
  /** The sample taken just before on this pass (for throughput), with its wall time. */
  private previous: { step: number; recordsIn: number; wallMs: number } | null = null

  /** The newest event time: run observers see every element before the keyed function does. */
  onElement(_operatorId: string, _keyStr: string, timestamp: number | null): void {
    if (timestamp !== null && (this.newest === null || timestamp > this.newest)) this.newest = timestamp
  }

  /** True when `step` should be sampled (cheap: the step loop asks after every step). */
  due(step: number): boolean {
    return step % this.stride === 0 && !this.samples.has(step)
  }

  /** A pass that jumps (a seek, a restore) starts afresh for throughput. */
  jumped(): void {
    this.previous = null
  }

  /** The run was replaced at `status.step` (a loaded savepoint): the samples past it were the old run's. */
  restartedAt(status: RunStatusView, wallMs: number): void {
    for (const step of [...this.samples.keys()]) if (step >= status.step) this.samples.delete(step)
    this.jumped()
    this.add(status, wallMs)
  }

  add(status: RunStatusView, wallMs: number): void {
    const prev = this.previous
    const dt = prev !== null && status.step > prev.step ? (wallMs - prev.wallMs) / 1000 : 0
    const wm = status.watermark > MIN_TIMESTAMP && status.watermark < MAX_TIMESTAMP ? status.watermark : null
    this.previous = { step: status.step, recordsIn: status.recordsIn, wallMs }
    if (this.samples.has(status.step)) return
    this.samples.set(status.step, {
      step: status.step, recordsIn: status.recordsIn, recordsOut: status.recordsOut, keys: status.keys,
      pendingTimers: status.pendingTimers, stateEntries: status.stateEntries ?? 0,
      watermark: wm, newestEvent: this.newest,
      watermarkLag: wm !== null && this.newest !== null ? this.newest - wm : null,
      throughput: dt > 0 ? (status.recordsIn - prev!.recordsIn) / dt : null,
    })
    while (this.samples.size > MAX_SAMPLES) this.thin()
  }

  view(): RunSeriesView {
    return { stride: this.stride, samples: [...this.samples.values()].sort((a, b) => a.step - b.step) }
  }

  private thin(): void {
    this.stride *= 2
    for (const step of [...this.samples.keys()]) if (step % this.stride !== 0) this.samples.delete(step)
  }
}
