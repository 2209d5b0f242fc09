// Time travel for a debug session (issue 5 §1): run snapshots kept every N steps, and seek = restore the
// nearest earlier snapshot + deterministic re-execution to the target step. Replays are deterministic
// because every clock (processing time, watermarks, TTL) is driven by the recording (API.md "Time in
// a replay"), so re-executing steps k+1..n from the snapshot at k reproduces state, timers and outputs.
//
// Cost model: a snapshot copies every table, so the interval adapts: it grows until a snapshot costs at
// most OVERHEAD of the forward time between two snapshots, and snapshots are thinned (every other one
// dropped, interval doubled) when the entries they hold pass a memory budget.
import type { OutputView } from '../common/views'
import { NEED_INPUT, type StepOutcome } from '../engine/runtime/driver'
import type { JobRun } from '../engine/runtime/job-run'
import type { RunSnapshot } from '../engine/runtime/run-snapshot'
import { IncrementalSnapshots } from './incremental-snapshot'
import type { StepRecorder } from './step-recorder'

export interface StoredSnapshot { step: number; snap: RunSnapshot; outputs: number; weight: number }

export interface TimeTravelOptions {
  /** Smallest interval between snapshots, in steps. */
  minInterval?: number
  /** Largest interval, in steps (bounds the re-execution a seek needs). */
  maxInterval?: number
  /** Share of forward time a snapshot may cost. */
  overhead?: number
  /** Stored table entries (over all snapshots) before thinning. */
  entryBudget?: number
  /** Heap only: share unchanged entries with the previous snapshot (default true). */
  incremental?: boolean
}

const DEFAULTS: Required<TimeTravelOptions> = { minInterval: 2000, maxInterval: 20_000, overhead: 0.1, entryBudget: 8_000_000, incremental: true }

export class TimeTravel {
  /** Sorted by step; snapshots[0] is step 0 once init() ran. */
  readonly snapshots: StoredSnapshot[] = []
  interval: number
  /** Called before every re-executed step (the session resets its per-step breakpoint bookkeeping). */
  beforeStep: () => void = () => {}
  /** Time spent taking snapshots, for the benchmark's overhead figure. */
  snapshotMillis = 0
  private readonly o: Required<TimeTravelOptions>
  private lastCaptureAt = 0
  private lastCaptureStep = 0
  private storedWeight = 0
  /** The run's last step, once known. */
  private finalStep: number | null = null
  /** The longest output log seen (outputs past the current step, after a seek back). */
  private longest: OutputView[] = []
  /** The smallest interval allowed now (doubled by each thinning). */
  private floor: number

  /** Heap runs snapshot incrementally (only what changed since the last snapshot is copied). */
  private readonly inc: IncrementalSnapshots | null

  constructor(private readonly run: JobRun, private readonly recorder: StepRecorder, opts: TimeTravelOptions = {}) {
    this.o = { ...DEFAULTS, ...opts }
    this.inc = run.backend.name === 'heap' && opts.incremental !== false ? new IncrementalSnapshots(run, run.backend) : null
    if (this.inc !== null) {
      const inc = this.inc
      recorder.onWriteSnapshot = (meta, keyStr) => inc.markDirty(meta, keyStr)
    }
    this.interval = this.o.minInterval
    this.floor = this.o.minInterval
  }

  /** The snapshot at step 0 (so any step can be reached). */
  async init(): Promise<void> {
    if (this.snapshots.length === 0) await this.capture()
  }

  /** True when the run passed the next snapshot point and can be snapshotted now (nothing half-delivered). */
  due(): boolean {
    const step = this.run.rc.step
    const last = this.snapshots.length > 0 ? this.snapshots[this.snapshots.length - 1].step : -Infinity
    return step - last >= this.interval && this.run.driver.isQuiescent() && !this.run.finished
  }

  async capture(): Promise<void> {
    const t0 = performance.now()
    const step = this.run.rc.step
    let snap: RunSnapshot
    let weight: number
    if (this.inc !== null) ({ snap, weight } = await this.inc.capture())
    else { snap = await this.run.snapshot(); weight = snapshotWeight(snap) }
    const stored: StoredSnapshot = { step, snap, outputs: this.recorder.outputs.length, weight }
    // Keep the list sorted; a capture after a seek back may land between existing ones (rare: due() uses the last).
    let i = this.snapshots.length
    while (i > 0 && this.snapshots[i - 1].step > step) i--
    if (i > 0 && this.snapshots[i - 1].step === step) return
    this.snapshots.splice(i, 0, stored)
    this.storedWeight += weight
    const cost = performance.now() - t0
    this.snapshotMillis += cost
    this.adapt(cost, t0, step)
    if (this.storedWeight > this.o.entryBudget) this.thin()
  }

  /** The latest snapshot at or before the step. */
  nearest(step: number): StoredSnapshot | undefined {
    let lo = 0
    let hi = this.snapshots.length - 1
    let best: StoredSnapshot | undefined
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (this.snapshots[mid].step <= step) { best = this.snapshots[mid]; lo = mid + 1 } else hi = mid - 1
    }
    return best
  }

  /**
   * Moves the run to `target` (clamped to the run's end): goes forward from where it is when that is
   * nearer than any snapshot, else restores the nearest earlier snapshot and re-executes without change
   * tracking. Returns the snapshot step used (-1 when it went forward from the current position).
   */
  async moveTo(target: number, onStep?: (o: StepOutcome) => void): Promise<number> {
    const rc = this.run.rc
    this.noteEnd()
    const stopAt = Math.max(0, target)
    let from = -1
    const snap = this.nearest(stopAt)
    if (stopAt < rc.step || (snap !== undefined && snap.step > rc.step)) {
      if (snap === undefined) {
        throw Object.assign(new Error(`cannot go back before step ${this.snapshots[0]?.step ?? 0}: the session was restored from a snapshot there`), { code: 'BAD_ARGUMENT' })
      }
      await this.run.restore(snap.snap)
      this.inc?.restored(snap.snap)
      this.setOutputs(snap.outputs)
      from = snap.step
    }
    await this.forward(stopAt, onStep)
    await this.finishIfAtEnd()
    return from
  }

  /**
   * The run was restored from a snapshot this time travel did not take (DebugSession.restore): earlier
   * snapshots may not be on its timeline, so start over with a snapshot of where it is now.
   */
  async reset(): Promise<void> {
    this.snapshots.length = 0
    this.storedWeight = 0
    this.finalStep = null
    this.longest = []
    this.inc?.reset()
    if (this.run.driver.isQuiescent()) await this.capture()
  }

  /** Remembers the last step of the run once the run has seen its end. */
  noteEnd(): void {
    if (this.run.finished) this.finalStep = this.run.rc.step
  }

  /**
   * At the run's last step, a run that went on to the end is "finished" (the end-of-input watermark was
   * forwarded); one more driver call, which takes no step, gets there again.
   */
  async finishIfAtEnd(): Promise<void> {
    if (this.finalStep !== null && this.run.rc.step >= this.finalStep && !this.run.finished) {
      this.recorder.beginStep()
      this.beforeStep()
      const o = await this.run.step()
      if (o.kind !== 'end') throw new Error(`internal: the run did not end after its last step ${this.finalStep} (took a ${o.kind} step)`)
    }
  }

  /**
   * Cuts the output log back to n entries, or (when restoring a snapshot ahead of the current step)
   * refills it from the longest log seen: the run is deterministic, so those outputs are the same.
   */
  private setOutputs(n: number): void {
    const out = this.recorder.outputs
    if (out.length > this.longest.length) this.longest = out.slice()
    if (out.length < n) {
      if (this.longest.length < n) throw new Error(`internal: the output log has ${this.longest.length} entries, the snapshot needs ${n}`)
      for (let i = out.length; i < n; i++) out.push(this.longest[i])
    }
    this.recorder.truncate(n)
  }

  /** Steps forward to `target` without building step views (the fast path of seek and re-runs). */
  async forward(target: number, onStep?: (o: StepOutcome) => void): Promise<void> {
    const r = this.recorder
    const tracking = r.trackChanges
    r.trackChanges = false
    const run = this.run
    const d = run.driver
    try {
      while (run.rc.step < target && !run.finished) {
        r.beginStep()
        this.beforeStep()
        // Synchronous steps while the driver has input (no promise per step); run.step() supplies the next batch.
        // (The recorded run got past these steps, so user code does not throw here; if it did, the error is raised as is.)
        let o: StepOutcome | typeof NEED_INPUT = d.needsInput() ? NEED_INPUT : d.stepSync()
        if (o === NEED_INPUT) o = await run.step()
        if (o.kind === 'end') break
        onStep?.(o)
        if (this.due()) await this.capture()
      }
    } finally {
      r.trackChanges = tracking
    }
  }

  private adapt(cost: number, t0: number, step: number): void {
    // Forward time per step since the previous capture; seeks and re-runs pass through here too.
    const steps = step - this.lastCaptureStep
    const elapsed = t0 - this.lastCaptureAt
    this.lastCaptureAt = performance.now()
    this.lastCaptureStep = step
    if (steps <= 0 || elapsed <= 0) return
    const perStep = elapsed / steps
    const wanted = Math.ceil(cost / (this.o.overhead * perStep))
    this.interval = Math.min(Math.max(this.o.maxInterval, this.floor), Math.max(this.floor, this.interval, wanted))
  }

  /** Drops every other snapshot (never step 0) and doubles the interval, to stay in the memory budget. */
  private thin(): void {
    const kept: StoredSnapshot[] = []
    this.snapshots.forEach((s, i) => {
      if (i === 0 || i % 2 === 0 || i === this.snapshots.length - 1) kept.push(s)
      else this.storedWeight -= s.weight
    })
    this.snapshots.splice(0, this.snapshots.length, ...kept)
    this.floor *= 2
    this.interval = Math.max(this.interval, this.floor)
  }
}

/** Roughly what a snapshot holds: stored table entries plus timers and registered keys. */
function snapshotWeight(s: RunSnapshot): number {
  let n = 0
  for (const t of s.tables) n += t.entries.length
  for (const node of s.nodes) {
    if (node.keyed) n += node.keyed.eventTimers.length + node.keyed.processingTimers.length + node.keyed.keys.length
  }
  return n + 1
}
