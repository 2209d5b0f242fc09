// Test helper for the savepoint tests: a fresh savepoint folder, and sessions opened over one written case (a job and
// its recording, helpers/run-inline.ts writeCase) in-process or in real session workers, so a test states only what
// it checks of the savepoint.
import { join } from 'node:path'
import type { SessionOptions } from '../../../src-main/common/debug-api'
import type { BackendName } from '../../../src-main/common/views'
import { DebugSession } from '../../../src-main/debugger/debug-session'
import { SessionWorkerClient, type SessionHandle } from '../../../src-main/worker/session-worker-client'
import { tempDir } from './run-inline'

/** A written case: the job and the recording a session replays. */
export interface SessionCase { jobPath: string; recordingPath: string }

/** A savepoint folder not written yet, in a temporary folder removed after the file's tests. */
export function savepointDir(): string { return join(tempDir(), 'sp') }

/** The options of a session over `c` as the app opens one (processing time follows the records, no skipped lines). */
export function sessionOptions(c: SessionCase, backend: BackendName = 'heap'): SessionOptions {
  return { jobPath: c.jobPath, recordingPath: c.recordingPath, backend, processingTime: 'follow', drainProcessingTimers: false, skipBadLines: false }
}

/** Opens an in-process DebugSession over `c`. Close it in the test. */
export function openSession(c: SessionCase, backend: BackendName = 'heap'): Promise<DebugSession> {
  return DebugSession.open(sessionOptions(c, backend))
}

/**
 * A session `s` over `c` that went to `step` and saved a savepoint there (in `dir`), and a `fresh` session over `c`, to
 * load the savepoint into and compare with. Close both in the test.
 */
export async function savedAndFresh(c: SessionCase, step: number): Promise<{ dir: string; s: DebugSession; fresh: DebugSession }> {
  const dir = savepointDir()
  const s = await openSession(c)
  const fresh = await openSession(c)
  await s.seek(step)
  await s.saveSavepoint(dir)
  return { dir, s, fresh }
}

/** Starts a session of `jobPath` (default: the case's job) over the case's recording in a real worker with its watchdog. */
export function startWorkerSession(c: SessionCase, watchdogMs: number, jobPath = c.jobPath): Promise<SessionHandle> {
  return SessionWorkerClient.start({ ...sessionOptions(c), jobPath, watchdogMs })
}
