// What a reattach after a reload (stores/session.ts) puts back from the service: the job, recording and options the
// session was started with, on screen; the step it stands at, re-taken so its changes show; and where a failed
// session stands.
import type { SessionAttached } from '@common/contract'
import type { SeekResult } from '@common/debug-api'
import type { FailureView } from '@common/trace-api'
import { getClient } from '../client'
import { useEditorStore } from './editor'
import { useRecordingsStore } from './recordings'

/** What the user had picked when a reattach began: the editor's load count and the recording chosen. */
export interface PickMark { loads: number; recording: string | null }

export function pickMark(): PickMark {
  return { loads: useEditorStore().loadCount, recording: useRecordingsStore().selectedPath }
}

/** What the file of a reattached session's job holds on disk; null for an unsaved job (nothing there). */
export async function savedSource(jobPath: string): Promise<string | null> {
  return getClient().call('files.read', jobPath).then((f) => f.source, () => null)
}

/** The user picked a job or a recording since `since`: the page's own restoring must not replace the pick. */
export function pickedSince(since: PickMark): boolean {
  return useEditorStore().loadCount !== since.loads || useRecordingsStore().selectedPath !== since.recording
}

/**
 * Puts the job and recording a reattached session was started with back on screen, unless the user picked another
 * job or recording since `since` (the Examples menu works while the reattach is in flight): the last choice wins, and
 * the session runs on with its own job, which the page shows as edited since it started (Restart runs the pick).
 * Returns the job's source as started; `saved` is what its file holds (savedSource).
 */
export function putStartOnScreen(a: SessionAttached, since: PickMark, saved: string | null): string {
  const editor = useEditorStore()
  const recordings = useRecordingsStore()
  const started = a.start.jobSource ?? saved ?? ''
  if (editor.loadCount === since.loads) editor.restore(a.start.jobPath, started, saved ?? '')
  if (recordings.selectedPath === since.recording) recordings.select(a.start.recordingPath)
  return started
}

/**
 * The page's step views went with the reload, so nothing showed what the current step changed: the step re-taken
 * through time travel (as a breakpoint hit is), or null (the view then shows the step without its changes).
 */
export async function retakenStep(id: string, step: number): Promise<SeekResult | null> {
  try {
    return await getClient().call('session.seek', id, step)
  } catch {
    return null
  }
}

/** Where a failed session stands: at the step that threw, or at the step before one the watchdog stopped. */
export function stoppedAt(f: FailureView): number {
  return f.error.code === 'JOB_TIMEOUT' ? f.step - 1 : f.step
}
