// What the session store does when a session fails: the error goes to the editor (its line, the watchdog's
// loop line) and to Messages, and after a job that threw, a step the watchdog stopped or a bad recording line
// the replay pauses before that event with the session still there: its status is read again.
import type { Ref, ShallowRef } from 'vue'
import type { ErrorInfo, ErrorInput } from '@common/errors'
import type { RunStatusView } from '@common/views'
import { getClient } from '../client'
import { useEditorStore } from './editor'
import { useMessagesStore } from './messages'

/** The session store's state a failure changes. */
export interface FailingSession {
  sessionId: Ref<string | null>
  phase: Ref<string>
  status: ShallowRef<RunStatusView | null>
  error: Ref<ErrorInfo | null>
  connectionLost: Ref<string | null>
  furthest: Ref<number>
  revision: Ref<number>
  restoring: ShallowRef<{ progress: { step: number; target: number } | null } | null>
}

/** The session store's fail(info). */
export function sessionFailure(s: FailingSession): (info: ErrorInfo) => void {
  return function fail(info: ErrorInfo): void {
    // After a lost connection every pending call fails with it: the connection's own message says it all.
    if (s.connectionLost.value !== null) return
    s.error.value = info
    s.phase.value = 'failed'
    useEditorStore().setError(info)
    // Into the Messages history always; as a toast too unless the editor already shows it at the job's line.
    const inEditor = info.where !== undefined && (info.code === 'JOB_THREW' || info.code === 'JOB_COMPILE' || info.code === 'BAD_ARGUMENT')
    useMessagesStore().report('error', describeError(info), { source: 'session', toast: !inEditor })
    // A job that threw, a step the watchdog stopped or a bad recording line pauses the replay before that event;
    // the session, its state and time travel are still there to inspect.
    const id = s.sessionId.value
    if (id && (info.code === 'JOB_THREW' || info.code === 'JOB_TIMEOUT' || info.code === 'BAD_LINE')) {
      // After a watchdog stop the status answers once the session is back (its job re-run): until then it is restoring.
      if (info.code === 'JOB_TIMEOUT') s.restoring.value = { progress: null }
      const back = (): void => { s.restoring.value = null }
      // The call that failed returned no status: the steps it took before the failure count as reached.
      // A bad line stops the step that reads it: the one after the last step taken, which the banner names.
      getClient().call('session.status', id).then((st) => {
        s.status.value = st; s.furthest.value = Math.max(s.furthest.value, st.step); s.revision.value++
        if (info.code === 'BAD_LINE') useEditorStore().setErrorStep(info, st.step + 1)
      })
        .catch(() => {}).finally(back)
    }
  }
}

/** One line for the Messages history: the message, and where in the job or the recording it happened. */
export function describeError(info: ErrorInfo): string {
  // Each said once: a bad line's message starts with its FILE:LINE, a throw's names its job line and (the engine's
  // "while processing FILE:LINE:") its recording line. Line 0: the file as a whole (a Python module without
  // job(events)), no line to name.
  const line = info.where !== undefined && info.where.line > 0 ? `:${info.where.line}` : ''
  const where = info.where && !info.message.includes(`${info.where.file}${line}`)
    ? ` (${info.where.file.replace(/^.*[\\/]/, '')}${line})` : ''
  const inputNamed = info.input !== undefined && new RegExp(`while processing .+:${info.input.line}:`).test(info.message)
  const input = info.input?.timer ? ` — ${describeTimer(info.input)}` : info.input && !inputNamed ? ` — recording line ${info.input.line}` : ''
  return `${info.message}${where}${input}`
}

/** What onTimer was running for: the timer firing, and the input line whose time made it due. */
export function describeTimer(input: ErrorInput): string {
  const t = input.timer
  if (t === undefined) return `recording line ${input.line}`
  return `${t.domain} timer at ${t.timestamp}, key ${t.keyStr} (due after recording line ${input.line})`
}
