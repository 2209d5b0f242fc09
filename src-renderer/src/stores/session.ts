// The replay session: start it from the editor's job and the chosen recording, step (one step, to the next
// output, to the next timer), run/continue with pause, run to end, stop, restart after an edit, and reattach
// it after a reload (tab-session-note.ts, session-reattach.ts). Holds the latest status and steps; the inspector
// and charts read from here. Never computes stream semantics itself. Failures: session-failure.ts; time travel:
// session-travel.ts.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { KeptRun, SessionAttached } from '@common/contract'
import type { BreakpointHit, StepResult, StepTarget } from '@common/debug-api'
import { type ErrorInfo, RiffleError } from '@common/errors'
import type { BackendName, OperatorView, ProcessingTimeMode, RunStatusView, StepView } from '@common/views'
import { getClient } from '../client'
import { useAppStore } from './app'
import { notedSession, noteRunning, noteSession, takeRunning } from './tab-session-note'
import { useEditorStore } from './editor'
import { useMessagesStore } from './messages'
import { useRecordingsStore } from './recordings'
import { sessionFailure } from './session-failure'
import { sessionHooks } from './session-hooks'
import { pacingTime, pacingWait, wakeableWait } from './pacing'
import { noneFoundNote } from './step-none-found'
import { pickMark, putStartOnScreen, retakenStep, savedSource, stoppedAt, type PickMark } from './session-reattach'
import { sessionTravel } from './session-travel'
import { optionsChangedSince } from './session-options'

/** A closed run whose output log the service kept for Compare, with the job and recording it ran. */
export interface PreviousRun extends KeptRun { jobPath: string; recordingPath: string }

export type Phase = 'idle' | 'starting' | 'ready' | 'running' | 'finished' | 'failed' | 'ended'
/** 'max' = as fast as possible; a number N = real time × N (event time paced against the wall clock). */
export type Speed = 'max' | number

const KEEP_STEPS = 200
const RUN_CHUNK = 2_000
const RUN_TO_END_CHUNK = 50_000

export const useSessionStore = defineStore('session', () => {
  const sessionId = ref<string | null>(null)
  const phase = ref<Phase>('idle')
  const status = shallowRef<RunStatusView | null>(null)
  const operators = shallowRef<OperatorView[]>([])
  const steps = shallowRef<StepView[]>([])
  const error = ref<ErrorInfo | null>(null)
  const endedReason = ref<string | null>(null)
  const backend = ref<BackendName>('heap')
  const processingTime = ref<ProcessingTimeMode>('follow')
  const speed = ref<Speed>('max')
  /** The source the running session was started with, to offer Restart after an edit. */
  const startedSource = ref<string | null>(null)
  /** The backend and processing-time mode the running session was started with (the menus may have changed since). */
  const startedOptions = shallowRef<{ backend: BackendName; processingTime: ProcessingTimeMode } | null>(null)
  /** The job file and recording the running session replays: Compare names the previous run by them. */
  const startedRun = shallowRef<{ jobPath: string; recordingPath: string } | null>(null)
  /** What other stores do before a new session is ready, and with a session taken back after a reload. */
  const hooks = sessionHooks(sessionId)
  const busy = ref(false)
  /** Bumped after every applied step result, so views refresh once per result. */
  const revision = ref(0)
  // the furthest step this session reached (the timeline slider's end), the breakpoint that stopped
  // the last step call, the last seek's timing, and the previous run (its output log kept by the service) for Compare.
  const furthest = ref(0)
  /** The run's last step, once a status said the run finished there (null until then): what Go to step allows. */
  const runEnd = ref<number | null>(null)
  watch(status, (st) => { if (st?.finished) runEnd.value = st.step }, { flush: 'sync' })
  const lastHit = shallowRef<BreakpointHit | null>(null)
  const lastSeek = shallowRef<{ millis: number; fromSnapshot: number } | null>(null)
  const previousRun = shallowRef<PreviousRun | null>(null)
  /** Set when the connection to the service was lost: what happened and how to get the session back. */
  const connectionLost = ref<string | null>(null)
  /** From a watchdog stop until the session stands again at the step before it (re-run): that re-run's progress, once said. */
  const restoring = shallowRef<{ progress: { step: number; target: number } | null } | null>(null)
  let pauseRequested = false
  const pacedWait = wakeableWait()
  const requestPause = (): void => { pauseRequested = true; pacedWait.wake() }
  /** Sessions the user stopped: their in-flight calls reject with STOPPED, which is not an error to show. */
  const stoppedIds = new Set<string>()
  let subscribed = false
  const fail = sessionFailure({ sessionId, phase, status, error, connectionLost, furthest, revision, restoring })
  const { requestNote, applySeek, canSeek, seek, stepBack } = sessionTravel({
    sessionId, phase, status, steps, busy, revision, furthest, lastHit, lastSeek, connectionLost, fail,
  })

  const lastStep = computed(() => steps.value.at(-1) ?? null)
  const canStep = computed(() => sessionId.value !== null && (phase.value === 'ready') && !busy.value)
  const isRunning = computed(() => phase.value === 'running')
  /**
   * A view read at `step` is behind the run: the worker answers between chunks of a Run to end (50,000 steps) while the
   * status line moves on every progress report, so a list read then says which step it is of (and at the end of the
   * run, until its last read lands).
   */
  function readBehind(step: number): boolean { return (isRunning.value || phase.value === 'finished') && step < (status.value?.step ?? 0) }
  /** The Start button's word: Restart while a session runs or after one ran and ended or failed; after a Start that failed none ran. */
  const startLabel = computed(() => (sessionId.value !== null || (startedSource.value !== null && (phase.value === 'failed' || phase.value === 'ended')) ? 'Restart' : 'Start'))
  const editedSinceStart = computed(() => startedSource.value !== null && startedSource.value !== useEditorStore().source)
  /** What a Restart would apply: the menus' recording, backend, processing time where they differ from the session's. */
  const optionsChanged = optionsChangedSince({ sessionId, startedOptions, startedRun, backend, processingTime })

  function subscribe(): void {
    if (subscribed) return
    subscribed = true
    const client = getClient()
    client.on('session.status', (p) => {
      if (p.sessionId !== sessionId.value) return
      // The put-back's progress is how far its re-run got, not where the session stands: it is said apart.
      const to = p.status.restoringTo
      if (to === undefined) status.value = p.status
      else if (restoring.value !== null) restoring.value = { progress: { step: p.status.step, target: to } }
    })
    client.on('session.ended', (p) => {
      if (p.sessionId !== sessionId.value) return
      endedReason.value = p.reason
      if (p.error) fail(p.error)
      else if (phase.value !== 'failed') phase.value = 'ended'
      sessionId.value = null
      noteSession(null)
    })
    client.onDisconnect((reason) => {
      const wait = Math.round((useAppStore().info?.reattachMs ?? 30_000) / 1000)
      connectionLost.value = sessionId.value
        ? `${reason} Reload the page to reattach to the session: it waits ${wait} s.`
        : `${reason} Reload the page to reconnect.`
      requestPause()
      phase.value = 'failed'
    })
  }

  function apply(r: StepResult): void {
    useMessagesStore().clearErrors()
    status.value = r.status
    furthest.value = Math.max(furthest.value, r.status.step)
    lastHit.value = r.breakpointHit ?? null
    // The bar's "seek N ms" was the cost of reaching the step the session stood at: a step moved it on.
    lastSeek.value = null
    // A refused or clamped Go to step was about that request: left up, it read as this step's (and hid the hit).
    if (requestNote.value !== null && requestNote.value.kind !== 'queued') requestNote.value = null
    if (r.failure) fail(r.failure.error)
    if (r.steps.length > 0) {
      const merged = steps.value.concat(r.steps)
      steps.value = merged.length > KEEP_STEPS ? merged.slice(merged.length - KEEP_STEPS) : merged
    }
    revision.value++
  }

  /** Counts Starts: a reattach in flight when one is pressed lets its session go (reattach()). */
  let starts = 0
  async function start(): Promise<void> {
    starts++
    const editor = useEditorStore()
    const recording = useRecordingsStore().selectedPath
    if (!recording) throw RiffleError.fromInfo({ code: 'BAD_ARGUMENT', message: 'Pick a recording first.' })
    subscribe()
    // 'starting' before the first await, so nothing reads the old session's phase as this one's.
    phase.value = 'starting'
    // A job picked a moment ago may still be loading into the editor: start that one, not the one it replaces.
    await editor.opened()
    await closeKeepingRun()
    // The old session is gone: should this start fail, no session runs, and its text must not make the button read
    // "Restart ●, edited since this session started".
    startedSource.value = null
    error.value = null
    furthest.value = 0
    runEnd.value = null
    lastHit.value = null
    lastSeek.value = null
    endedReason.value = null
    requestNote.value = null
    steps.value = []
    status.value = null
    restoring.value = null
    editor.setError(null)
    // The previous run's toasts (a watchdog stop naming its job's line) must not sit beside this start's outcome.
    useMessagesStore().clearRun()
    const source = editor.source
    const options = { backend: backend.value, processingTime: processingTime.value }
    try {
      const started = await getClient().call('session.start', {
        jobPath: editor.path || 'job.ts', jobSource: source, recordingPath: recording, ...options,
      })
      sessionId.value = started.sessionId
      startedOptions.value = options
      startedRun.value = { jobPath: editor.path || 'job.ts', recordingPath: recording }
      noteSession(started)
      status.value = started.status
      operators.value = started.operators
      startedSource.value = source
      useMessagesStore().clearErrors()
      await hooks.ready()
      phase.value = started.status.finished ? 'finished' : 'ready'
      revision.value++
      // An empty recording starts like any other, but its first step finishes the run: say why up front.
      const rec = useRecordingsStore().selected
      if (rec !== null && rec.path === recording && rec.events === 0 && rec.error === undefined) {
        useMessagesStore().report('warning', `${rec.name} has no events${rec.controlLines > 0 ? ` (${rec.controlLines} control lines only)` : ''}: ` +
          'the job sees the end of input at once and the run finishes with no records and no outputs. Pick a recording with events to replay some.', { source: 'session' })
      }
    } catch (err) {
      fail(err instanceof RiffleError ? err.info : { code: 'INTERNAL', message: String(err) })
    }
  }

  /** One request to the service; a failure pauses the replay at that event and shows the error. */
  async function request(target: StepTarget, maxSteps?: number): Promise<StepResult | null> {
    const id = sessionId.value
    if (!id) return null
    try {
      const r = await getClient().call('session.step', id, target, maxSteps)
      // A Restart (or Stop) while this was in flight: the reply is the old session's, not the one now on screen.
      if (sessionId.value !== id) return null
      apply(r)
      if (r.status.finished) phase.value = 'finished'
      return r
    } catch (err) {
      const info: ErrorInfo = err instanceof RiffleError ? err.info : { code: 'INTERNAL', message: String(err) }
      // A reply from a session that is no longer current, or that the user stopped, is not this session's error.
      if (sessionId.value === id && !(info.code === 'STOPPED' && stoppedIds.has(id))) fail(info)
      return null
    }
  }

  /** Steps queue up (holding F10 steps once per key repeat) instead of being dropped while one is in flight. */
  let stepChain: Promise<void> = Promise.resolve()
  function step(kind: StepTarget['kind'] = 'step'): Promise<void> {
    stepChain = stepChain.then(async () => {
      if (!canStep.value) return
      busy.value = true
      try {
        const r = await request({ kind })
        const none = r === null ? null : noneFoundNote(kind, r)
        if (none !== null) requestNote.value = { kind: 'done', text: none }
      } finally { busy.value = false }
    })
    return stepChain
  }

  /** Continue (F5) and Run to end: loop in chunks so Pause (and the UI) stay responsive. */
  async function run(toEnd = false): Promise<void> {
    if (!canStep.value) return
    pauseRequested = false
    phase.value = 'running'
    busy.value = true
    // The loop lives in this page: a reload cuts it off between chunks, so it is noted for reattach() to resume.
    noteRunning(toEnd ? 'end' : 'continue')
    try {
      while (!pauseRequested && sessionId.value && phase.value === 'running') {
        if (speed.value === 'max' || toEnd) {
          // Continue stops at a breakpoint; Run to end ignores them.
          const r = await request({ kind: toEnd ? 'end' : 'continue' }, toEnd ? RUN_TO_END_CHUNK : RUN_CHUNK)
          if (r?.breakpointHit) { await showHit(r.breakpointHit); break }
          if (!r || r.status.finished) break
        } else {
          // Real time × N: wait the distance the records' time moved, scaled down (pacing.ts).
          const mode = startedOptions.value?.processingTime ?? processingTime.value
          const from = status.value
          const before = from === null ? null : pacingTime(from, mode)
          const r = await request({ kind: 'record' })
          if (r?.breakpointHit) { await showHit(r.breakpointHit); break }
          if (!r || r.status.finished) break
          await pacedWait.wait(pacingWait(before, pacingTime(r.status, mode), speed.value))
        }
        await sleep(0)
      }
    } finally {
      noteRunning(null)
      busy.value = false
      if (phase.value === 'running') phase.value = 'ready'
    }
  }

  /**
   * Continue runs without change tracking (fast), so the hit step's view lacks what it changed: re-take that
   * one step through time travel (a snapshot plus re-execution) to show its changes, keeping the hit.
   */
  async function showHit(hit: BreakpointHit): Promise<void> {
    const id = sessionId.value
    if (!id) return
    try {
      applySeek(await getClient().call('session.seek', id, hit.step))
    } catch { /* the step view stays as Continue left it */ }
    lastHit.value = hit
    // Continue's own re-take of the hit step, not a seek the user asked for: no "seek N ms" for it.
    lastSeek.value = null
  }

  async function stop(): Promise<void> {
    requestPause()
    const id = sessionId.value
    if (!id) return
    stoppedIds.add(id)
    await getClient().call('session.stop', id)
    sessionId.value = null
    noteSession(null)
    phase.value = 'ended'
    endedReason.value = 'Stopped.'
  }

  async function close(): Promise<void> {
    requestPause()
    const id = sessionId.value
    sessionId.value = null
    noteSession(null)
    if (id) await getClient().call('session.close', id).catch(() => {})
  }

  /**
   * After a reload: takes over the session this tab was running (the service keeps it for a while after the
   * page went away), with its job, recording, backend and step. False when there is none to take over. A job or
   * recording the user picked after `since` stays on screen (session-reattach.ts).
   */
  async function reattach(since: PickMark = pickMark()): Promise<boolean> {
    const saved = notedSession()
    if (saved === null) return false
    subscribe()
    const startsBefore = starts
    let a: SessionAttached
    try {
      a = await getClient().call('session.attach', saved.sessionId, saved.secret)
    } catch {
      noteSession(null) // closed meanwhile (or the service restarted): start afresh
      return false
    }
    // A Start pressed while the reload reattached (F5 at once) is the user's newer choice: the attached session is let
    // go, or its answer made it the page's session again over the new one, which ran on unseen.
    const superseded = (): boolean => {
      if (starts !== startsBefore) void getClient().call('session.close', a.sessionId).catch(() => {})
      return starts !== startsBefore
    }
    if (superseded()) return true
    // The session keeps its failure, the page does not: read it, or a reload shows a session the job's throw (or
    // the watchdog) stopped as ready to step, without its error or line, until the next step fails again.
    const failure = await getClient().call('session.failure', a.sessionId).catch(() => null)
    // The timeline's end is the furthest step reached (the steps the findings cover), not the step it stands at.
    const reached = await getClient().call('session.findings', a.sessionId).then((f) => f.throughStep, () => 0)
    const onDisk = await savedSource(a.start.jobPath)
    // Read first, then put on screen with no wait between: a Start pressed during the reads wins whole.
    if (superseded()) return true
    startedSource.value = putStartOnScreen(a, since, onDisk)
    backend.value = a.start.backend
    processingTime.value = a.start.processingTime
    startedOptions.value = { backend: a.start.backend, processingTime: a.start.processingTime }
    startedRun.value = { jobPath: a.start.jobPath, recordingPath: a.start.recordingPath }
    sessionId.value = a.sessionId
    // After the id changed: stores that reset as it changes (to a new session's defaults) then take what it had.
    hooks.attached(a)
    operators.value = a.operators
    await hooks.ready()
    // A reload during Continue or Run to end: the run was left where its last chunk ended (perhaps its last
    // event, its end not yet seen). It goes on, so the status ends as the run does (finished when finished).
    const running = takeRunning()
    const retaken = running === null && failure === null && a.status.step > 0 ? await retakenStep(a.sessionId, a.status.step) : null
    // The session is shown at its step, and ready (Step enabled), only now, as after a start: shown ready at once, a
    // step taken while the breakpoint list went over or the step was re-taken ran first and was then undone by that
    // re-take (the page said step 3 again, F10 lost). Unless the connection was lost or the session ended meanwhile.
    if (sessionId.value !== a.sessionId || phase.value === 'failed' || phase.value === 'ended') return true
    status.value = retaken?.status ?? a.status
    if (retaken !== null) steps.value = retaken.last ? [retaken.last] : []
    furthest.value = Math.max(a.status.step, reached)
    phase.value = a.status.finished ? 'finished' : 'ready'
    if (failure !== null && stoppedAt(failure) === a.status.step) fail(failure.error)
    revision.value++
    if (running !== null && phase.value === 'ready') void run(running === 'end')
    return true
  }

  const restart = (): Promise<void> => start()
  /**
   * F5: Continue from where the run is; with nothing to continue (no session, a run at its end, stopped, or stopped by
   * the job's throw) start the editor's job, as VS Code's F5 starts the program when none runs (F5 after picking
   * another example there did nothing). While a run goes or a session starts, nothing.
   */
  async function continueOrStart(): Promise<void> {
    if (sessionId.value !== null && phase.value === 'ready') return run(false)
    if (sessionId.value === null || ['finished', 'failed', 'ended'].includes(phase.value)) return start()
  }

  /** Before a new start: close the current session, asking the service to keep its output log for Compare. */
  async function closeKeepingRun(): Promise<void> {
    requestPause()
    const id = sessionId.value
    const ran = startedRun.value
    sessionId.value = null
    if (!id) return
    try {
      const kept = await getClient().call('session.close', id, { keepOutputs: true })
      if (kept) previousRun.value = { ...kept, jobPath: ran?.jobPath ?? '', recordingPath: ran?.recordingPath ?? '' }
    } catch { /* the old session is gone: compare with the run kept before, if any */ }
  }

  return {
    beforeReady: hooks.beforeReady, onAttached: hooks.onAttached,
    sessionId, phase, status, operators, steps, error, endedReason, restoring, backend, processingTime, speed, busy, revision, startedSource, startedRun, startedOptions,
    lastStep, canStep, isRunning, readBehind, startLabel, editedSinceStart, optionsChanged, start, step, run, pause: requestPause, stop, close, restart, continueOrStart, reattach,
    connectionLost, furthest, runEnd, lastHit, lastSeek, previousRun, canSeek, seek, stepBack, applySeek, requestNote,
  }
})

function sleep(ms: number): Promise<void> {
  return new Promise((ok) => setTimeout(ok, ms))
}
