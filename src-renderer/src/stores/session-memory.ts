// What a reopened window needs to pick up where the user was, kept in localStorage: the job (path and the
// source the session ran), the recording, backend, processing-time mode and the step reached, written as
// they change. A reload within the service's grace period reattaches to the live session instead
// (stores/session.ts); later, restoreLastSession() re-runs a new session to the remembered step.
// The breakpoint list is remembered by stores/breakpoints.ts.
import { watch } from 'vue'
import type { BackendName, ProcessingTimeMode } from '@common/views'
import { getClient } from '../client'
import { isRecord, readStored, writeStored } from '../prefs/storage'
import { useEditorStore } from './editor'
import { useMessagesStore } from './messages'
import { useRecordingsStore } from './recordings'
import { useSessionStore } from './session'
import { pickMark, pickedSince, type PickMark } from './session-reattach'

export const LAST_SESSION_KEY = 'riffle.lastSession'

export interface LastSession {
  jobPath: string
  jobSource: string
  recordingPath: string
  backend: BackendName
  processingTime: ProcessingTimeMode
  /** The step reached; null once the user stopped the session (nothing to re-run to). */
  step: number | null
}

export function parseLastSession(raw: unknown): LastSession | null {
  if (!isRecord(raw)) return null
  const { jobPath, jobSource, recordingPath, backend, processingTime, step } = raw
  if (typeof jobPath !== 'string' || typeof jobSource !== 'string' || typeof recordingPath !== 'string' || recordingPath === '') return null
  return {
    jobPath, jobSource, recordingPath,
    backend: backend === 'leveldb' ? 'leveldb' : 'heap',
    processingTime: processingTime === 'manual' ? 'manual' : 'follow',
    step: typeof step === 'number' && Number.isInteger(step) && step >= 0 ? step : null,
  }
}

export function readLastSession(): LastSession | null { return readStored(LAST_SESSION_KEY, parseLastSession) }

/** Keeps the remembered session up to date; called once from the window's setup. */
export function rememberSessions(): void {
  const session = useSessionStore()
  const editor = useEditorStore()
  const recordings = useRecordingsStore()
  let current: LastSession | null = null
  // A session that started: remember what it runs (a reattached one's job and recording, not another pick on
  // screen beside it: session-reattach.ts). Its step follows every status.
  watch(() => session.sessionId, (id) => {
    const run = session.startedRun ?? { jobPath: editor.path, recordingPath: recordings.selectedPath }
    if (!id || session.startedSource === null || !run.recordingPath) return
    current = {
      jobPath: run.jobPath, jobSource: session.startedSource, recordingPath: run.recordingPath,
      backend: session.backend, processingTime: session.processingTime, step: session.status?.step ?? 0,
    }
    writeStored(LAST_SESSION_KEY, current)
  })
  let pending: ReturnType<typeof setTimeout> | null = null
  watch(() => session.status?.step, (step) => {
    if (current === null || step === undefined || session.sessionId === null) return
    current.step = step
    // At most a write every half second while running.
    pending ??= setTimeout(() => { pending = null; if (current) writeStored(LAST_SESSION_KEY, current) }, 500)
  })
  watch(() => session.phase, (phase) => {
    if (phase === 'ended' && current !== null && session.endedReason === 'Stopped.') {
      current.step = null
      writeStored(LAST_SESSION_KEY, current)
    }
  })
}

/**
 * Puts the remembered job, recording and options back and, when a step was reached, starts a new session
 * and re-runs it to that step. False when nothing was remembered (or its recording is gone). A job or recording the
 * user picked since `since`, while the remembered job's file was read, is the user's last choice: nothing is restored
 * (false: the window's defaults fill in what the user has not picked).
 */
export async function restoreLastSession(last: LastSession | null = readLastSession(), since: PickMark = pickMark()): Promise<boolean> {
  if (last === null) return false
  const editor = useEditorStore()
  const recordings = useRecordingsStore()
  const session = useSessionStore()
  const messages = useMessagesStore()
  let saved: string | null = null
  try { saved = (await getClient().call('files.read', last.jobPath)).source } catch { /* never saved, or deleted since */ }
  if (pickedSince(since)) return false
  editor.restore(last.jobPath, last.jobSource, saved ?? '')
  session.backend = last.backend
  session.processingTime = last.processingTime
  if (!recordings.list.some((r) => r.path === last.recordingPath)) {
    try { recordings.add(await getClient().call('recordings.scan', last.recordingPath)) } catch {
      messages.report('warning', `The last session's recording ${last.recordingPath} is gone: pick a recording and Start.`, { source: 'restore' })
      return true
    }
  }
  recordings.select(last.recordingPath)
  if (last.step === null) return true
  await session.start()
  if (session.sessionId === null) return true // the start failed; its error is shown
  if (last.step > 0) {
    const note = messages.report('info', `Re-running the last session to step ${last.step}…`, { source: 'restore' })
    await session.seek(last.step)
    messages.dismiss(note.id)
  }
  messages.report('info', `Restored the last session: ${editor.name} on ${recordings.selected?.name ?? last.recordingPath}, step ${session.status?.step ?? 0}.`, { source: 'restore' })
  return true
}
