// Samples of the run for the charts, taken from the statuses the session reports (never per event):
// watermark lag, throughput, keys, state entries and pending timers over the run.
import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { RunStatusView, StepView } from '@common/views'

export interface Sample {
  step: number
  recordsIn: number
  /** Records per second of wall time since the previous sample. */
  throughput: number
  /** Processing time (in follow mode the newest event time) minus the watermark, when both are real. */
  watermarkLag: number | null
  keys: number
  stateEntries: number | null
  pendingTimers: number
  recordsOut: number
}

const MAX_SAMPLES = 2_000
const SENTINEL = 9e15

export const useChartsStore = defineStore('charts', () => {
  const samples = shallowRef<Sample[]>([])
  /** Watermark lag per step, from the steps a step result carries (finer than statuses on fast runs). */
  const lag = shallowRef<[number, number][]>([])
  let lastWall = 0
  let lastIn = 0

  function add(status: RunStatusView, wallMs: number = performance.now()): void {
    const prev = samples.value.at(-1)
    if (prev && prev.step === status.step) return
    const dt = (wallMs - lastWall) / 1000
    const throughput = prev && dt > 0 ? Math.max(0, (status.recordsIn - lastIn) / dt) : 0
    lastWall = wallMs
    lastIn = status.recordsIn
    const wmReal = Math.abs(status.watermark) < SENTINEL
    const extra = status as RunStatusView & { stateEntries?: number }
    const next = samples.value.concat({
      step: status.step, recordsIn: status.recordsIn, recordsOut: status.recordsOut, throughput,
      watermarkLag: wmReal && status.processingTime > 0 ? status.processingTime - status.watermark : null,
      keys: status.keys, stateEntries: typeof extra.stateEntries === 'number' ? extra.stateEntries : null,
      pendingTimers: status.pendingTimers,
    })
    // Keep memory flat on multi-million-event runs: thin out every other sample when full.
    samples.value = next.length > MAX_SAMPLES ? next.filter((_, i) => i % 2 === 0 || i === next.length - 1) : next
  }

  /** Adds each step's watermark lag (processing time, in follow mode the newest event time, minus the watermark). */
  function addSteps(steps: StepView[]): void {
    const last = lag.value.at(-1)?.[0] ?? -1
    const pts = steps
      .filter((s) => s.step > last && Math.abs(s.watermark) < SENTINEL && s.processingTime > 0)
      .map((s): [number, number] => [s.step, s.processingTime - s.watermark])
    if (pts.length === 0) return
    const next = lag.value.concat(pts)
    lag.value = next.length > MAX_SAMPLES ? next.filter((_, i) => i % 2 === 0 || i === next.length - 1) : next
  }

  function reset(): void {
    lag.value = []
    samples.value = []
    lastWall = 0
    lastIn = 0
  }

  return { samples, lag, add, addSteps, reset }
})
