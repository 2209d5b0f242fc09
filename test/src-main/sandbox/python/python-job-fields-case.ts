// The Python job-field time-travel tests' shared parts (python-job-fields-*.test.ts): their recording, a debug session
// that snapshots at every step (so each seek restores the copied fields) under a 2 s watchdog, the job outputs it holds,
// and the check that each field left uncopied is named once in the notices, with the method that kept it from a copy.
import { expect } from 'vitest'
import { DebugSession } from '../../../../src-main/debugger/debug-session'
import { writeCase } from '../../helpers/run-inline'
import { PY } from './python-job-fixture'

export const EVENTS = [...'aabab'].map((k, i) => ({ k, ts: 1000 + i * 10 }))

/** A session over the Python job `src` and EVENTS, snapshotting at every step. Close it in the test. */
export async function openSnapshotEachStep(src: string): Promise<DebugSession> {
  const c = writeCase(src, EVENTS, PY)
  return DebugSession.open({
    jobPath: c.jobPath, recordingPath: c.recordingPath, backend: 'heap', processingTime: 'follow', drainProcessingTimers: false,
    skipBadLines: false, echoJobOutput: false, watchdogMs: 2000,
  }, { minInterval: 1, maxInterval: 1 })
}

/** The values the job output so far (not the debugger's own lines). */
export const jobOutputs = async (s: DebugSession): Promise<unknown[]> =>
  (await s.outputs(0, 1e9)).items.filter((o) => o.isJobOutput).map((o) => o.value)

/** Each [field, method] pair: exactly one notice names `field of Count`, and it names the method. */
export function expectNamedOnce(notices: string[], fields: [string, string][]): void {
  for (const [field, how] of fields) {
    const said = notices.filter((m) => m.includes(`${field} of Count`))
    expect(said, `${field}: ${JSON.stringify(notices)}`).toHaveLength(1)
    expect(said[0]).toContain(how)
  }
}
