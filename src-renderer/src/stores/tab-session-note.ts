// What this browser tab notes of its session in sessionStorage, so a reload finds it again: the session's id and
// secret (for session.attach), a Continue or Run to end looping in the page (a reload resumes it), and how it was
// shown (the open bottom tab, the key pinned in the session). Storage may be refused (private mode): then nothing
// is noted and a reload starts afresh.
const SESSION_KEY = 'riffle.session'
const RUNNING_KEY = 'riffle.session.running'
const VIEW_KEY = 'riffle.session.view'

export type RunningLoop = 'continue' | 'end'

/** The session this tab ran, or null. */
export function notedSession(): { sessionId: string; secret: string } | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as { sessionId?: unknown; secret?: unknown } | null
    return v && typeof v.sessionId === 'string' && typeof v.secret === 'string' ? { sessionId: v.sessionId, secret: v.secret } : null
  } catch { return null }
}

/** Notes the tab's session, or forgets it (and its loop) with null. */
export function noteSession(session: { sessionId: string; secret: string } | null): void {
  try {
    if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify({ sessionId: session.sessionId, secret: session.secret }))
    else { sessionStorage.removeItem(SESSION_KEY); sessionStorage.removeItem(RUNNING_KEY) }
  } catch { /* storage refused */ }
}

/** Notes the loop running in the page, or that none runs (null). */
export function noteRunning(loop: RunningLoop | null): void {
  try {
    if (loop !== null) sessionStorage.setItem(RUNNING_KEY, loop)
    else sessionStorage.removeItem(RUNNING_KEY)
  } catch { /* storage refused */ }
}

/** The loop a reload cut off, once (it is forgotten as it is read), or null. */
export function takeRunning(): RunningLoop | null {
  try {
    const v = sessionStorage.getItem(RUNNING_KEY)
    sessionStorage.removeItem(RUNNING_KEY)
    return v === 'continue' || v === 'end' ? v : null
  } catch { return null }
}

/** How the tab showed its session: the bottom tab open, and the key pinned (with the session it was pinned in). */
export interface ViewNote { tab?: string; pinned?: { sessionId: string; operatorId: string; keyStr: string } | null }

export function notedView(): ViewNote {
  try {
    const v = JSON.parse(sessionStorage.getItem(VIEW_KEY) ?? '{}') as unknown
    return v !== null && typeof v === 'object' ? v as ViewNote : {}
  } catch { return {} }
}

/** Notes part of the view (the rest stays as noted). */
export function noteView(part: ViewNote): void {
  try { sessionStorage.setItem(VIEW_KEY, JSON.stringify({ ...notedView(), ...part })) } catch { /* storage refused */ }
}
