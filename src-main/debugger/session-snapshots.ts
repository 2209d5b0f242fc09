// The run snapshots a debug session hands out and restores (DebugSession.snapshot/restore: time travel's kind of
// snapshot, not a savepoint; no request names them, tests and embedders use them). A run snapshot is the engine's data
// (Flink state, timers, the reader's place: JSON, as a savepoint's); the job's own fields (job-fields.ts) are copies of
// the job's objects, not data that crosses, so they are kept here by the snapshot object, and a restore of that very
// object puts them back. One that crossed as JSON has none: the fields restart as open() left them, as from a savepoint.
import type { FieldsSnapshot } from '../engine/runtime/job-fields'
import type { JobRun } from '../engine/runtime/job-run'
import type { RunSnapshot } from '../engine/runtime/run-snapshot'
import type { StepRecorder } from './step-recorder'
import type { TimeTravel } from './time-travel/time-travel'

export type SessionSnapshot = RunSnapshot & { outputs: number }

export class SessionSnapshots {
  private readonly kept = new Map<object, FieldsSnapshot>()

  /** `notice`: told what of the fields could not be copied, as a time-travel snapshot's. */
  constructor(private readonly run: JobRun, private readonly recorder: StepRecorder, private readonly timeTravel: TimeTravel,
    private readonly notice: (message: string) => void) {}

  /** The whole run's state between steps, with a copy of the job's fields kept for the returned object. */
  async take(): Promise<SessionSnapshot> {
    const snap = { ...(await this.run.snapshot()), outputs: this.recorder.outputs.length }
    const f = this.run.fields.capture()
    for (const m of f.uncopied) this.notice(m)
    this.kept.set(snap, f.snap)
    return snap
  }

  /** Back (or forward) to `s`; the output log is cut back to match, and the job's fields are the snapshot's. */
  async restore(s: RunSnapshot & { outputs?: number }): Promise<void> {
    await this.run.restore(s)
    if (s.outputs !== undefined) this.recorder.truncate(s.outputs)
    // Kept for `s`, they stay kept (it may be restored again).
    const fields = this.kept.get(s)
    if (fields !== undefined) this.run.fields.restore(fields)
    // Earlier snapshots may not be on the restored run's timeline: time travel starts over from here.
    await this.timeTravel.reset(fields === undefined)
  }

  /** Frees every copy (a Python job's are Python objects). */
  close(): void {
    for (const f of this.kept.values()) this.run.fields.drop(f)
    this.kept.clear()
  }
}
