// Save savepoint… and Load savepoint… of the running session (the contract's session.saveSavepoint and
// session.loadSavepoint): taken or loaded between steps only, the result said in the time-travel bar's note and in
// Messages, a refusal (the service's or the engine's own words) handed back for the dialog to show by its field.
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { RiffleError } from '@common/errors'
import { getClient } from '../client'
import { count } from '../format'
import { useAppStore } from './app'
import { useMessagesStore } from './messages'
import { useSessionStore } from './session'

/**
 * The step the loaded savepoint put the session at, or null when none was loaded into this session: time travel
 * reaches no step before it (the session's snapshots start there), so the time-travel bar starts there.
 */
export const useSavepointStore = defineStore('savepoint', () => {
  const session = useSessionStore()
  const loadedAt = ref<number | null>(null)
  /** The dialog open (SavepointDialog.vue), opened by the time-travel bar's buttons and the Debug menu. */
  const dialog = ref<'save' | 'load' | null>(null)
  // A new session (Start, Restart) runs from step 0 again. At once ('sync'), as the session id changes.
  watch(() => session.sessionId, () => { loadedAt.value = null }, { flush: 'sync' })
  // A session taken back after a reload runs from where its savepoint was loaded (null: none).
  session.onAttached((a) => { loadedAt.value = a.loadedAt ?? null })
  return { loadedAt, dialog }
})

/** Why a savepoint cannot be saved or loaded now, or null: a step, run or seek in flight would move the run under it. */
export function savepointBlocked(): string | null {
  const s = useSessionStore()
  if (s.sessionId === null) return 'there is no session: Start one first'
  if (s.busy || s.phase === 'running') return 'the run is moving: Pause first (a savepoint holds the state between two steps)'
  if (!s.canSeek) return 'the session is not ready'
  return null
}

/**
 * Runs `act` (a save or a load, named `what` in a refusal) between steps, the session busy meanwhile so nothing moves
 * the run under it; what it did is said beside the time-travel bar and in Messages.
 */
async function betweenSteps(what: string, act: (s: ReturnType<typeof useSessionStore>) => Promise<string>): Promise<string> {
  const s = useSessionStore()
  const blocked = savepointBlocked()
  if (blocked !== null) throw new RiffleError('BAD_ARGUMENT', `${what}: ${blocked}.`)
  s.busy = true
  try {
    const text = await act(s)
    s.requestNote = { kind: 'done', text }
    useAppStore().say('info', text, 'savepoint')
    return text
  } finally { s.busy = false }
}

/** Writes the current step's state to `path`; resolves with what was done, rejects with why not (nothing written). */
export function saveSavepoint(path: string): Promise<string> {
  return betweenSteps('Save savepoint', async (s) => {
    const r = await getClient().call('session.saveSavepoint', s.sessionId!, path)
    return `Saved a savepoint of step ${count(r.step)} to ${r.path}`
  })
}

/** Continues the session from the savepoint at `path`: the views show its step, state and timers, the output log starts empty. */
export function loadSavepoint(path: string): Promise<string> {
  return betweenSteps('Load savepoint', async (s) => {
    const r = await getClient().call('session.loadSavepoint', s.sessionId!, path)
    // As a seek applies its step (stores/session-travel.ts), less the seek's own timing and changed-step highlight:
    // the run was replaced, not moved, so no step's changes are shown.
    useMessagesStore().clearErrors()
    s.status = r.status
    s.steps = []
    s.lastHit = null
    s.lastSeek = null
    s.error = null
    s.furthest = r.status.step // the replaced run's furthest step is not this run's (as session.findings' throughStep)
    s.phase = r.status.finished ? 'finished' : 'ready'
    s.revision++
    useSavepointStore().loadedAt = r.status.step
    return `Loaded the savepoint ${r.path}: the session stands at step ${count(r.status.step)}; steps before it cannot be reached`
  })
}
