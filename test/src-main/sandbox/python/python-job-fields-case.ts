// The Python job-field time-travel tests' shared parts (python-job-fields-*.test.ts): their recording, a class of the
// job's whose __hash__ counts its calls, a debug session that snapshots at every step (so each seek restores the copied
// fields) under a 2 s watchdog, the run, step back and run again compared with a straight run, and the check that each
// field left uncopied is named once in the notices, with the method that kept it from a copy.
import { expect } from 'vitest'
import { DebugSession } from '../../../../src-main/debugger/debug-session'
import { mainValues, runInline, writeCase } from '../../helpers/run-inline'
import { PY } from './python-job-fixture'

export const EVENTS = [...'aabab'].map((k, i) => ({ k, ts: 1000 + i * 10 }))

/** Python: a class Point of the job's whose __hash__ counts its calls in HASHES[0] (more methods may follow it). */
export const COUNTED_POINT = `HASHES = [0]

class Point:
    def __init__(self, x):
        self.x = x

    def __hash__(self):
        HASHES[0] += 1
        return hash(self.x)
`

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

/**
 * The job's straight run (as `riffle run`) gives `expected`; a session snapshotting each step runs to the end, seeks back
 * to step 2 and runs to the end again, giving the straight run's outputs both times. Then `more` with the session and
 * its notices' messages; the session is closed after, pass or fail.
 */
export async function expectStepBackAsStraight(src: string, expected: unknown[], more: (s: DebugSession, notices: string[]) => Promise<void>): Promise<void> {
  const straight = mainValues(await runInline(src, EVENTS, PY))
  expect(straight).toEqual(expected)
  const s = await openSnapshotEachStep(src)
  try {
    await s.step({ kind: 'end' })
    expect(await jobOutputs(s)).toEqual(straight)
    await s.seek(2)
    await s.step({ kind: 'end' })
    expect(await jobOutputs(s)).toEqual(straight)
    await more(s, (await s.findings()).notices.map((n) => n.message))
  } finally {
    await s.close()
  }
}

/** Each [field, method] pair: exactly one notice names `field of Count`, and it names the method. */
export function expectNamedOnce(notices: string[], fields: [string, string][]): void {
  for (const [field, how] of fields) {
    const said = notices.filter((m) => m.includes(`${field} of Count`))
    expect(said, `${field}: ${JSON.stringify(notices)}`).toHaveLength(1)
    expect(said[0]).toContain(how)
  }
}
