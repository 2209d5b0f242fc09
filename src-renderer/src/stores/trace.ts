// The current step as the job's code saw it: its trace (every call in order, with line and result), asked of the
// session after each step, step back and seek; the call the user picked; the failure that stopped the run (the
// throwing step's trace up to the throw, or where a runaway loop was); and the marks the editor draws from them.
// The inspector follows execution (the step's key is selected) unless the user pinned a key.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { RiffleError } from '@common/errors'
import type { FailureView, StepTrace } from '@common/trace-api'
import { inlineHints, ranLines } from '../trace-format'
import { count } from '../format'
import { getClient } from '../client'
import { useBreakpointsStore } from './breakpoints'
import { useEditorStore } from './editor'
import { useInspectorStore } from './inspector'
import { usePrefsStore } from './prefs'
import { useSessionStore } from './session'
import { useSavepointStore } from './session-savepoint'

export interface EditorTraceMarks {
  lines: number[]
  current: number | null
  hints: Array<{ line: number; text: string }>
}

/**
 * Why a trace could not be read. The watchdog's message says the run was stopped, but a trace is a slower re-run of
 * a step the run already took: the service put the session back where it was.
 */
function traceFailed(err: RiffleError, step: number): string {
  if (err.info.code !== 'JOB_TIMEOUT') return err.info.message
  const w = err.info.where
  return `Tracing step ${count(step)} took longer than the watchdog allows (a trace re-runs the step, more slowly than the run)` +
    `${w ? `; it was stopped at ${w.file.replace(/^.*[\\/]/, '')}:${w.line}` : ''}. The step itself ran: the session is still at step ${count(step)}.`
}

export const useTraceStore = defineStore('trace', () => {
  const trace = shallowRef<StepTrace | null>(null)
  const failure = shallowRef<FailureView | null>(null)
  /** Index of the call the user picked in the Trace view (its line becomes the current one). */
  const picked = ref<number | null>(null)
  /** A key the user pinned: the inspector stays on it instead of following the step's key. */
  const pinned = ref<{ operatorId: string; keyStr: string } | null>(null)
  const error = ref<string | null>(null)
  const loading = ref(false)
  let generation = 0
  // The stores this one reads in its computeds, taken once (a computed must not look up the active pinia).
  const session = useSessionStore()
  const editor = useEditorStore()
  const breakpoints = useBreakpointsStore()

  /** The step whose trace is shown: the failing step after a failure, else the step just taken. */
  const shownStep = computed(() => trace.value?.step ?? null)

  /** The line a breakpoint of kind 'line' stopped on, when the last Continue stopped at one. */
  function hitLine(): number | null {
    const hit = session.lastHit
    if (!hit || hit.kind !== 'line') return null
    const spec = breakpoints.list.find((b) => b.id === hit.id)
    return spec?.kind === 'line' ? spec.line : null
  }

  /** The current line: the picked call's, else where it threw, else the breakpoint's, else the step's last call. */
  const currentLine = computed<number | null>(() => {
    const t = trace.value
    if (!t) return null
    const pick = picked.value === null ? undefined : t.entries[picked.value]
    if (pick?.where) return pick.where.line
    if (t.error?.where) return t.error.where.line
    if (failure.value?.step === t.step && failure.value.where) return failure.value.where.line
    const hit = hitLine()
    if (hit !== null && session.lastHit?.step === t.step) return hit
    for (let i = t.entries.length - 1; i >= 0; i--) { const w = t.entries[i]!.where; if (w) return w.line }
    return null
  })

  const marks = computed<EditorTraceMarks | null>(() => {
    const t = trace.value
    if (!t) return null
    // Only the job file's lines: a call inside a module the job imports has no line in this editor.
    const job = editor.path.replace(/^.*[\\/]/, '')
    const inJob = t.entries.filter((e) => e.where && (job === '' || e.where.file.replace(/^.*[\\/]/, '') === job))
    return { lines: ranLines({ ...t, entries: inJob }), current: currentLine.value, hints: inlineHints(inJob, t.notListed, usePrefsStore().timeZone) }
  })

  /**
   * Follow execution: select the step's key in the inspector, unless one is pinned or the user picked a key while
   * the trace was loading (`before` is the selection when it was asked for; a click then is the newer wish).
   */
  async function follow(t: { operatorId: string | null; keyStr: string | null }, before: ReturnType<typeof useInspectorStore>['selected']): Promise<void> {
    if (pinned.value || t.operatorId === null || t.keyStr === null) return
    const ins = useInspectorStore()
    if (ins.selected !== before) return
    if (ins.selected?.operatorId === t.operatorId && ins.selected.keyStr === t.keyStr) return
    // A key read that fails here fails for a reason the inspector's own refresh reports (a lost connection, the
    // session gone). Let through, it left the trace's refresh, which the page calls with void, as an uncaught error.
    await ins.selectKey(t.operatorId, t.keyStr).catch(() => undefined)
  }

  /**
   * After a watchdog stop the failing step has no trace (a re-run loops again) and no step view: the session stands
   * at the step before it, with its keys, so the inspector follows that step's key as a seek there would (it said
   * "Select a key" when nothing was selected yet, a Continue from step 0).
   */
  async function followStanding(id: string, standing: number, gen: number, before: ReturnType<typeof useInspectorStore>['selected']): Promise<void> {
    const t = await getClient().call('session.trace', id, standing).catch(() => null)
    if (t !== null && gen === generation) await follow(t, before)
  }

  /** Reads the trace of the session's current step (or of the failing step after a failure). */
  async function refresh(): Promise<void> {
    const s = useSessionStore()
    const id = s.sessionId
    const gen = ++generation
    const selectedBefore = useInspectorStore().selected
    picked.value = null
    // A read still under way is superseded (its answer is dropped, and its end no longer clears the flag): this
    // refresh says whether a trace is being read. Left set, a step with nothing to read (step 0, a loaded savepoint's)
    // showed "Tracing the step…" for good.
    loading.value = false
    if (!id) { trace.value = null; return }
    const failed = failure.value
    // While the run stands failed, the failing step is the one to show; after a seek or step back, the step reached.
    const step = failed && s.phase === 'failed' ? failed.step : s.status?.step ?? 0
    // Step 0 has no calls; a loaded savepoint's step ran in the run that wrote it (TracePanel says so): nothing to ask.
    const loadedAt = useSavepointStore().loadedAt
    if (step < 1 || (loadedAt !== null && step <= loadedAt)) { trace.value = null; error.value = null; return }
    if (failed && step === failed.step && failed.trace) { trace.value = failed.trace; error.value = null; await follow(failed.trace, selectedBefore); return }
    loading.value = true
    // The last step's failure is not this one's: the tab says it is tracing, not that the trace is unavailable.
    error.value = null
    try {
      const t = await getClient().call('session.trace', id, step)
      if (gen !== generation) return
      trace.value = t
      error.value = null
      await follow(t, selectedBefore)
    } catch (err) {
      if (gen !== generation) return
      trace.value = null
      error.value = err instanceof RiffleError ? traceFailed(err, step) : String(err)
      // Without its trace, the step view still names the key: its timer's, else one it changed or emitted for.
      const v = session.lastStep?.step === step ? session.lastStep : null
      const named = v?.timer ?? v?.changes[0] ?? v?.outputs.find((o) => o.keyStr !== null)
      if (named) await follow({ operatorId: named.operatorId, keyStr: named.keyStr }, selectedBefore)
      else if (failed && step === failed.step && (s.status?.step ?? 0) >= 1 && s.status!.step < step) await followStanding(id, s.status!.step, gen, selectedBefore)
    } finally {
      if (gen === generation) loading.value = false
    }
  }

  /** After the job threw or the watchdog stopped it: what the session keeps of the failure, and its trace. */
  async function loadFailure(): Promise<void> {
    const id = useSessionStore().sessionId
    if (!id) { failure.value = null; return }
    try {
      failure.value = await getClient().call('session.failure', id)
    } catch {
      failure.value = null
    }
    await refresh()
  }

  /** The user picked a call in the Trace view: its line becomes current and the cursor goes there. */
  function pick(index: number): void {
    const e = trace.value?.entries[index]
    if (!e) return
    picked.value = index
    if (e.where) useEditorStore().goToLine(e.where.line)
  }

  function togglePin(): void {
    const sel = useInspectorStore().selected
    pinned.value = pinned.value ? null : sel ? { ...sel } : null
  }

  function reset(): void {
    generation++
    trace.value = null
    failure.value = null
    picked.value = null
    error.value = null
    loading.value = false
  }

  return { trace, failure, picked, pinned, error, loading, shownStep, currentLine, marks, refresh, loadFailure, pick, togglePin, reset }
})
