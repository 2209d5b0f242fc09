// Time travel for the session store (stores/session.ts): Go to step and Step back, run now or queued behind the
// step or run in flight, or refused with the reason; the note saying which (shown by the time-travel bar); and
// applying the step reached.
import { computed, ref, watch, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import type { BreakpointHit, SeekResult } from '@common/debug-api'
import { type ErrorInfo, RiffleError } from '@common/errors'
import type { RunStatusView, StepView } from '@common/views'
import { getClient } from '../client'
import { useMessagesStore } from './messages'

/** The session store's state time travel reads and changes. */
export interface TravellingSession {
  sessionId: Ref<string | null>
  phase: Ref<string>
  status: ShallowRef<RunStatusView | null>
  steps: ShallowRef<StepView[]>
  busy: Ref<boolean>
  revision: Ref<number>
  furthest: Ref<number>
  lastHit: ShallowRef<BreakpointHit | null>
  lastSeek: ShallowRef<{ millis: number; fromSnapshot: number } | null>
  connectionLost: Ref<string | null>
  fail: (info: ErrorInfo) => void
}

/** What time travel adds to the session store. */
export interface SessionTravel {
  requestNote: Ref<{ kind: 'queued' | 'refused' | 'clamped' | 'done'; text: string } | null>
  applySeek: (r: SeekResult) => void
  canSeek: ComputedRef<boolean>
  seek: (step: number) => Promise<void>
  stepBack: () => Promise<void>
}

export function sessionTravel(s: TravellingSession): SessionTravel {
  /**
   * What became of the last request that could not run at once: queued behind the work in flight, or
   * refused and why, or done elsewhere than asked (past the run's end); or 'done': what a savepoint request did
   * (stores/session-savepoint.ts). Shown by the time-travel bar, so a "Go to step" is never dropped or cut short
   * without a word.
   */
  const requestNote = ref<{ kind: 'queued' | 'refused' | 'clamped' | 'done'; text: string } | null>(null)
  // The note is about the session it was said in ("Next timer: no timer fired …" after its run ended): it goes when
  // that session ends (Stop, the service ending it, Restart or Start of another job closing it) at once, not at the
  // next Start. Sync, so a note said after the change (a refusal for want of a session) is not the one cleared.
  watch(s.sessionId, () => { requestNote.value = null }, { flush: 'sync' })

  /** time travel. The reached step becomes the only known step (its changes highlighted). */
  function applySeek(r: SeekResult): void {
    useMessagesStore().clearErrors()
    s.status.value = r.status
    s.steps.value = r.last ? [r.last] : []
    s.lastHit.value = null
    s.lastSeek.value = { millis: r.millis, fromSnapshot: r.fromSnapshot }
    s.furthest.value = Math.max(s.furthest.value, r.status.step)
    s.phase.value = r.status.finished ? 'finished' : 'ready'
    s.revision.value++
  }

  // After a failure the session is still there (a dead one has no id): time travel works from the failed step.
  const canSeek = computed(() => s.sessionId.value !== null && (s.phase.value === 'ready' || s.phase.value === 'finished' || s.phase.value === 'failed') && !s.busy.value && s.connectionLost.value === null)

  /** Resolves once no step, run or seek is in flight. */
  function whenIdle(): Promise<void> {
    if (!s.busy.value) return Promise.resolve()
    return new Promise((ok) => {
      const off = watch(s.busy, (b) => { if (!b) { off(); ok() } }, { flush: 'sync' })
    })
  }

  /** Why a time-travel request cannot run in this phase, or null when it can (once nothing is in flight). */
  function seekBlocked(): string | null {
    if (s.sessionId.value === null) return 'there is no session: Start one first'
    if (s.phase.value === 'starting') return 'the session is still starting'
    return null
  }

  /** Runs a seek now, or after the work in flight (a run to end, a step); refuses with the reason otherwise. */
  async function travel(what: string, call: (id: string) => Promise<SeekResult>): Promise<void> {
    let blocked = seekBlocked()
    if (blocked === null && s.busy.value) {
      requestNote.value = {
        kind: 'queued',
        text: s.phase.value === 'running' ? `${what} will run when the run stops (Pause to go now).` : `${what} will run when the current step finishes.`,
      }
      while (s.busy.value) await whenIdle()
      blocked = seekBlocked()
    }
    const id = s.sessionId.value
    if (blocked !== null || id === null) {
      requestNote.value = { kind: 'refused', text: `${what} was not done: ${blocked ?? 'there is no session'}.` }
      return
    }
    requestNote.value = null
    s.busy.value = true
    try {
      applySeek(await call(id))
    } catch (err) {
      const info: ErrorInfo = err instanceof RiffleError ? err.info : { code: 'INTERNAL', message: String(err) }
      // A request the session refused (a step before a loaded savepoint) moved nothing: said, not a failure of the run.
      if (info.code === 'BAD_ARGUMENT') requestNote.value = { kind: 'refused', text: `${what} was not done: ${info.message}.` }
      else if (s.sessionId.value === id) s.fail(info)
    } finally { s.busy.value = false }
  }

  function seek(step: number): Promise<void> {
    const n = Math.max(0, Math.floor(step))
    return travel(`Go to step ${n}`, (id) => getClient().call('session.seek', id, n)).then(() => {
      // The service goes as far as the run goes: a target past its end lands on the last step.
      const st = s.status.value
      if (requestNote.value === null && st !== null && st.finished && st.step < n && s.phase.value !== 'failed') {
        requestNote.value = { kind: 'clamped', text: `Went to step ${st.step}, the last step: the run ends there (step ${n} does not exist).` }
      }
    })
  }

  function stepBack(): Promise<void> {
    return travel('Step back', (id) => getClient().call('session.stepBack', id))
  }

  return { requestNote, applySeek, canSeek, seek, stepBack }
}
