// Time travel for a debug session: run snapshots kept every N steps, and seek = restore the nearest earlier snapshot
// + deterministic re-execution to the target step. Replays are deterministic because every clock (processing time,
// watermarks, TTL) is driven by the recording (docs/job-api.md "Time in a replay"), so re-executing steps k+1..n from
// the snapshot at k reproduces state, timers and outputs; a snapshot holds the job's own fields too (job-fields.ts),
// so a job that keeps data in a plain field re-runs from what it had at k.
//
// On the heap backend a snapshot keeps its keyed state in heap-history.ts (heap-time-travel.ts): a delta from the
// snapshot before it (what changed) and now and then a frame (everything), as JSON text and typed arrays, so a capture
// costs what changed, a restore the keys at the target plus the deltas since a frame, and the interval can stay short.
// On LevelDB a snapshot's keyed state is a checkpoint of the database on disk (leveldb-time-travel.ts). Without
// `incremental`, snapshots are full (every table, timer and key copied).
//
// Cost model: the interval adapts: it grows until a snapshot costs at most OVERHEAD of the forward time between two
// snapshots, and snapshots are thinned (every other one dropped, its delta merged into the next one's, interval
// doubled) when the entries they hold pass a memory budget (LevelDB: when the checkpoints' files pass a disk budget).
// On the heap only the fixed part of a capture counts (the run snapshot without keyed state): a delta costs what
// changed and frames come after a set amount of change, so a longer interval would not make those cheaper per step,
// only seeks slower.
import type { OutputView } from '../../common/views'
import { NEED_INPUT, type StepOutcome } from '../../engine/runtime/driver'
import type { JobRun } from '../../engine/runtime/job-run'
import { snapshotWeight, type RunSnapshot } from '../../engine/runtime/run-snapshot'
import type { FieldsSnapshot } from '../../engine/runtime/job-fields'
import { HeapHistory, type HeapDelta } from '../../engine/history/heap-history'
import { captureHeap, type HeapPart } from './heap-time-travel'
import type { LevelDbCheckpoints, HistoryPart } from '../../engine/state/leveldb/history/leveldb-checkpoints'
import { captureLevelDb, LEVELDB_MAX_INTERVAL, levelDbDiskBudget, openLevelDbHistory, restoreLevelDb, thinForCapture } from './leveldb-time-travel'
import type { StepRecorder } from '../step-recorder'
import { RiffleError } from '../../common/errors'

export interface StoredSnapshot {
  step: number
  /** The run between two steps; with `heap` set, without state tables, timers and keys (those are in `heap`). */
  snap: RunSnapshot
  outputs: number
  weight: number
  heap?: HeapPart
  /** LevelDB: this snapshot's checkpoint on disk (its tables, timers and keys are there). */
  ldb?: HistoryPart
  /** The job's own fields (engine/runtime/job-fields.ts): a re-run step must see them as the straight run did. */
  fields?: FieldsSnapshot
}

export interface TimeTravelOptions {
  /** Smallest interval between snapshots, in steps. */
  minInterval?: number
  /** Largest interval, in steps (bounds the re-execution a seek needs). */
  maxInterval?: number
  /** Share of forward time a snapshot may cost. */
  overhead?: number
  /**
   * Stored entries (over all snapshots) before thinning. An entry is a copied or shared state value with
   * its key, a timer or a registry entry; on the heap, references and typed-array numbers count as the
   * fraction of that they take (heap-history.ts), so an entry is about 64 bytes there.
   */
  entryBudget?: number
  /** Keep keyed state as frames and deltas (default true; LevelDB: checkpoints on disk); false takes full snapshots. */
  incremental?: boolean
  /**
   * A snapshot gets a frame of tables and timers once the deltas since the last one hold this many times
   * their entries (a restore then applies at most that many delta entries per frame entry). Heap only.
   */
  frameAfter?: number
  /**
   * LevelDB: bytes the checkpoints' files may take on disk (tables shared with the live database count)
   * before every other checkpoint is dropped; default: LEVELDB_DISK_FACTOR × the state database's size, at
   * least LEVELDB_DISK_FLOOR.
   */
  diskBudget?: number
}

const DEFAULTS: Required<TimeTravelOptions> = { minInterval: 2000, maxInterval: 20_000, overhead: 0.1, entryBudget: 8_000_000, incremental: true, frameAfter: 1, diskBudget: 0 }

export class TimeTravel {
  /** Sorted by step; snapshots[0] is step 0 once init() ran. */
  readonly snapshots: StoredSnapshot[] = []
  interval: number
  /** Called before every re-executed step (the session resets its per-step breakpoint bookkeeping). */
  beforeStep: () => void = () => {}
  /** Called after every step re-executed on the fast path (the session samples the run for its charts). */
  afterStep: (step: number) => void = () => {}
  /** Told what of the job's fields a snapshot could not copy (the session lists each once with the job's notices). */
  notice: (message: string) => void = () => {}
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

  /** Heap runs keep keyed state as frames and deltas (null: full snapshots). */
  private readonly heap: HeapHistory | null
  /** LevelDB runs keep checkpoints on disk (null: full snapshots or the heap); opened by init(). */
  ldb: LevelDbCheckpoints | null = null
  /** The step of the first snapshot after the live run's position (stepping onto it rebases the heap journal). */
  private passAt = Infinity
  /** The step of the snapshot the heap journal is relative to (thinning keeps it: deltas need their base). */
  private baseStep = -1
  /** Smoothed cost of a capture (ms), so one slow capture (a GC pause) does not set the interval for good. */
  private captureCost: number | null = null
  /** The live run was left mid-step (invalidate()): the next moveTo restores a snapshot, even for a target ahead. */
  private broken = false
  /** The job's fields as open() left them (taken by init()): a job restarted from a savepoint starts from these. */
  private openedFields: FieldsSnapshot | null = null

  constructor(private readonly run: JobRun, private readonly recorder: StepRecorder, private readonly userOpts: TimeTravelOptions = {}) {
    const opts = userOpts
    this.o = { ...DEFAULTS, ...opts }
    this.heap = opts.incremental !== false ? HeapHistory.for(run) : null
    this.interval = this.o.minInterval
    this.floor = this.o.minInterval
  }

  /** The snapshot at step 0 (so any step can be reached). */
  async init(): Promise<void> {
    if (this.heap === null && this.ldb === null && this.o.incremental) {
      this.ldb = openLevelDbHistory(this.run)
      if (this.ldb !== null && this.userOpts.maxInterval === undefined) this.o.maxInterval = Math.max(this.o.minInterval, LEVELDB_MAX_INTERVAL)
    }
    if (this.snapshots.length === 0) await this.capture()
    this.openedFields ??= this.run.fields.capture().snap // its own copy: reset() drops the snapshots'
  }

  /** Closes the LevelDB history (removing its folder). */
  async close(): Promise<void> {
    for (const f of [...this.snapshots.map((s) => s.fields), this.openedFields]) if (f != null) this.run.fields.drop(f)
    this.openedFields = null
    this.ldb?.close()
  }

  /**
   * True when the run passed the next snapshot point and can be snapshotted now (nothing half-delivered).
   * Called after every step: when the run steps onto a stored snapshot's step again (after a seek back),
   * its live state equals that snapshot, so the heap journal starts over from it.
   */
  due(): boolean {
    const step = this.run.rc.step
    if (step >= this.passAt) this.passed(step)
    const last = this.snapshots.length > 0 ? this.snapshots[this.snapshots.length - 1].step : -Infinity
    return step - last >= this.interval && this.run.driver.isQuiescent() && !this.run.finished
  }

  async capture(): Promise<void> {
    const t0 = performance.now()
    const step = this.run.rc.step
    if (this.ldb !== null) thinForCapture(this.ldb, this.diskBudget(), () => this.snapshots.length, () => this.thin())
    // Keep the list sorted; a capture after a seek back may land between existing ones (rare: due() uses the last).
    let i = this.snapshots.length
    while (i > 0 && this.snapshots[i - 1].step > step) i--
    if (i > 0 && this.snapshots[i - 1].step === step) {
      this.heap?.rebase()
      this.baseStep = step
      return
    }
    let stored: StoredSnapshot
    let fixedCost: number | null = null
    if (this.heap !== null) {
      const snap = await this.run.snapshot({ keyedState: false })
      fixedCost = performance.now() - t0
      const part = captureHeap(this.heap, this.snapshots.slice(0, i).map((x) => x.heap!), this.o.frameAfter)
      stored = { step, snap, outputs: this.recorder.outputs.length, weight: part.frameWeight + part.deltaWeight + 1, heap: part }
    } else if (this.ldb !== null) {
      stored = { step, outputs: this.recorder.outputs.length, weight: 1, ...await captureLevelDb(this.run, this.ldb) }
    } else {
      const snap = await this.run.snapshot()
      stored = { step, snap, outputs: this.recorder.outputs.length, weight: snapshotWeight(snap) }
    }
    const fields = this.run.fields.capture()
    for (const m of fields.uncopied) this.notice(m)
    stored.fields = fields.snap
    this.snapshots.splice(i, 0, stored)
    this.storedWeight += stored.weight
    this.baseStep = step
    this.passAt = i + 1 < this.snapshots.length ? this.snapshots[i + 1].step : Infinity
    const cost = performance.now() - t0
    this.snapshotMillis += cost
    this.adapt(fixedCost ?? cost, t0, step)
    if (this.storedWeight > this.o.entryBudget || (this.ldb !== null && this.ldb.bytes > this.diskBudget())) this.thin()
  }

  /** LevelDB: the checkpoints' disk budget now (bytes). */
  diskBudget(): number {
    return levelDbDiskBudget(this.o.diskBudget, this.ldb)
  }

  /** The index of the latest snapshot at or before the step (-1: none). */
  private nearestIndex(step: number): number {
    let lo = 0
    let hi = this.snapshots.length - 1
    let best = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (this.snapshots[mid].step <= step) { best = mid; lo = mid + 1 } else hi = mid - 1
    }
    return best
  }

  /** The latest snapshot at or before the step. */
  nearest(step: number): StoredSnapshot | undefined {
    const i = this.nearestIndex(step)
    return i < 0 ? undefined : this.snapshots[i]
  }

  /** The run reached `step` at or past passAt: rebase on the snapshot there, if any, and look for the next one. */
  private passed(step: number): void {
    const i = this.nearestIndex(step)
    if (i >= 0 && this.snapshots[i].step === step) {
      this.heap?.rebase()
      this.baseStep = step
    }
    this.passAt = i + 1 < this.snapshots.length ? this.snapshots[i + 1].step : Infinity
  }

  /** Puts the run back to snapshot i (heap: from the nearest frame at or before it and the deltas after). */
  private async restoreAt(i: number): Promise<void> {
    const s = this.snapshots[i]
    if (this.heap !== null && s.heap !== undefined) {
      // Each part from its latest frame at or before i, then the deltas after that frame up to i.
      let js = i
      while (this.snapshots[js].heap!.frame.state === null) js--
      let jk = i
      while (this.snapshots[jk].heap!.frame.keys === null) jk--
      const deltasAfter = (j: number): HeapDelta[] => this.snapshots.slice(j + 1, i + 1).map((x) => x.heap!.delta!)
      this.heap.restore(this.snapshots[js].heap!.frame.state!, deltasAfter(js), this.snapshots[jk].heap!.frame.keys!, deltasAfter(jk))
      await this.run.restore(s.snap, { keyedState: false })
    } else if (this.ldb !== null && s.ldb !== undefined) {
      await restoreLevelDb(this.run, this.ldb, s.snap, s.ldb)
    } else {
      await this.run.restore(s.snap)
    }
    if (s.fields !== undefined) this.run.fields.restore(s.fields)
    this.setOutputs(s.outputs)
    this.broken = false; this.baseStep = s.step
    this.passAt = i + 1 < this.snapshots.length ? this.snapshots[i + 1].step : Infinity
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
    const i = this.nearestIndex(stopAt)
    if (this.broken || stopAt < rc.step || (i >= 0 && this.snapshots[i].step > rc.step)) {
      if (i < 0) {
        throw new RiffleError('BAD_ARGUMENT', `cannot go back before step ${this.snapshots[0]?.step ?? 0}: the session was restored from a snapshot there`)
      }
      await this.restoreAt(i)
      from = this.snapshots[i].step
    }
    await this.forward(stopAt, onStep)
    await this.finishIfAtEnd()
    return from
  }

  /** The live run was stopped mid-step (a watchdog interrupt unwound a Python loop): the next move restores first. */
  invalidate(): void { this.broken = true }

  /**
   * The run was restored from a snapshot this time travel did not take (DebugSession.restore): earlier
   * snapshots may not be on its timeline, so start over with a snapshot of where it is now. `restarted`: the
   * run was restored from a savepoint, which holds Flink state only; as a Flink job restarted from one builds
   * its functions anew and calls open(), the job's own fields go back to as open() left them (docs/app.md).
   */
  async reset(restarted = false): Promise<void> {
    if (restarted && this.openedFields !== null) this.run.fields.restore(this.openedFields)
    this.dropFields()
    this.snapshots.length = 0
    this.storedWeight = 0
    this.finalStep = null
    this.longest = []
    this.passAt = Infinity
    // The tables, timers and keys were replaced outside the journal: the next capture takes a frame.
    this.heap?.reset()
    this.ldb?.reset()
    if (this.run.driver.isQuiescent()) await this.capture()
  }

  /** Frees every snapshot's copy of the job's fields (a Python job's are Python objects). */
  private dropFields(): void { for (const s of this.snapshots) if (s.fields !== undefined) this.run.fields.drop(s.fields) }

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
      this.recorder.refill(this.longest.slice(out.length, n))
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
        // Synchronous steps while the driver has input (no promise per step); run.step() supplies the next batch. Both
        // are steps as the watchdog and errors know them: a seek past the furthest step reached runs code no step ran yet.
        let o: StepOutcome | typeof NEED_INPUT = d.needsInput() ? NEED_INPUT : run.stepHeld()
        if (o === NEED_INPUT) o = await run.step()
        if (o.kind === 'end') break
        onStep?.(o)
        this.afterStep(run.rc.step)
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
    this.captureCost = this.captureCost === null ? cost : 0.75 * this.captureCost + 0.25 * cost
    if (steps <= 0 || elapsed <= 0) return
    const perStep = elapsed / steps
    const wanted = Math.ceil(this.captureCost / (this.o.overhead * perStep))
    this.interval = Math.min(Math.max(this.o.maxInterval, this.floor), Math.max(this.floor, wanted))
  }

  /**
   * Drops every other snapshot (never the first or the last) and doubles the interval, to stay in the
   * memory budget (LevelDB: the disk budget). On the heap a dropped snapshot's delta is merged into the
   * next one's; a LevelDB checkpoint is removed (the tables it shares with others stay).
   */
  private thin(): void {
    const kept: StoredSnapshot[] = []
    const last = this.snapshots.length - 1
    let pending: HeapDelta | null = null
    this.snapshots.forEach((s, i) => {
      if (i !== 0 && i % 2 !== 0 && i !== last && s.step !== this.baseStep) {
        this.storedWeight -= s.weight
        if (s.ldb !== undefined) this.ldb?.drop(s.ldb)
        if (s.fields !== undefined) this.run.fields.drop(s.fields)
        const d = s.heap?.delta
        if (d != null) pending = pending === null ? d : HeapHistory.merge(pending, d).delta
        return
      }
      const h = s.heap
      if (pending !== null && h !== undefined && h.delta !== null) {
        const m = HeapHistory.merge(pending, h.delta)
        this.storedWeight += m.weight - h.deltaWeight
        s.weight += m.weight - h.deltaWeight
        h.delta = m.delta
        h.deltaWeight = m.weight
        h.work = m.work
      }
      pending = null
      kept.push(s)
    })
    this.snapshots.splice(0, this.snapshots.length, ...kept)
    this.floor *= 2
    this.interval = Math.max(this.interval, this.floor)
    this.passAt = Infinity
    const i = this.nearestIndex(this.run.rc.step)
    if (i + 1 < this.snapshots.length) this.passAt = this.snapshots[i + 1].step
  }
}
