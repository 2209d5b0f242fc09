// Real time × N (the Speed menu): how long a running replay waits after a record step, so it goes at N times the
// recording's own pace. That pace is read from the run's clock of the records' time: processing time, which follows
// the records' timestamps (`follow`); under `manual` processing time moves only on $processingTime control lines (a
// recording without them would not be paced at all), so the records' event time, the watermark, paces instead.
import type { ProcessingTimeMode, RunStatusView } from '@common/views'

/** A wait is capped, so a long gap in the recording never freezes the replay. */
const MAX_WAIT_MS = 2_000
/** Beyond any date: the MIN_TIMESTAMP / MAX_TIMESTAMP sentinels (no watermark yet, end of input). */
const NO_TIME = 8.64e15

/** The time the pacing measures from at `st`, or null where there is none to measure from. */
export function pacingTime(st: RunStatusView, mode: ProcessingTimeMode): number | null {
  // Before the run's first record there is no event to measure from (follow's processing time is the epoch then):
  // that first distance, decades long, held the second step back for the whole cap.
  if (st.recordsIn === 0) return null
  const t = mode === 'manual' ? st.watermark : st.processingTime
  return Math.abs(t) >= NO_TIME ? null : t
}

/** How long to wait after a step that moved the pacing time from `before` to `after`, at `speed` × real time. */
export function pacingWait(before: number | null, after: number | null, speed: number): number {
  if (before === null || after === null) return 0
  return Math.min(MAX_WAIT_MS, Math.max(0, after - before) / speed)
}

/**
 * The wait between paced steps, which Pause and Stop cut short: a wait runs to its end or to wake(), whichever is
 * first. A plain timer made Pause (F6) look dead for up to the 2 s cap, the status bar still saying "running".
 */
export function wakeableWait(): { wait(ms: number): Promise<void>; wake(): void } {
  let wakeNow: (() => void) | null = null
  return {
    wait: (ms) => new Promise((done) => {
      const timer = setTimeout(end, ms)
      function end(): void { clearTimeout(timer); wakeNow = null; done() }
      wakeNow = end
    }),
    wake: () => wakeNow?.(),
  }
}
