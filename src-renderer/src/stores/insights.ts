// Answers about the past, always asked of the service: one key's state history, an output's lineage,
// one key's timeline, this run's outputs against the previous run's, and the heap-vs-LevelDB backend check.
// Also which bottom tab is open, so a click in one view can show another (an output's "why?").
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { RiffleError } from '@common/errors'
import type {
  BackendCheckResult, KeyHistoryView, KeyTimelineView, LineageView, OutputComparison,
} from '@common/debug-api'
import { getClient } from '../client'
import { useInspectorStore } from './inspector'
import { useSessionStore } from './session'

export const BOTTOM_TABS = ['outputs', 'step', 'trace', 'problems', 'timers', 'charts', 'breakpoints', 'history', 'lineage', 'timeline', 'compare', 'messages', 'console'] as const
export type BottomTab = typeof BOTTOM_TABS[number]

export const useInsightsStore = defineStore('insights', () => {
  const tab = ref<BottomTab>('outputs')
  /** Set by "why?": the Lineage panel focuses its heading once shown, then clears it. */
  const lineageFocus = ref(false)
  const history = shallowRef<KeyHistoryView | null>(null)
  const lineageSeq = ref<number | null>(null)
  const lineage = shallowRef<LineageView | null>(null)
  const timeline = shallowRef<KeyTimelineView | null>(null)
  const comparison = shallowRef<OutputComparison | null>(null)
  /** The step the comparison shown is of: the outputs up to it were paired (the Compare tab's header says so). */
  const comparedStep = ref<number | null>(null)
  const backendCheck = shallowRef<BackendCheckResult | null>(null)
  const checking = ref(false)
  const error = ref<string | null>(null)

  async function guarded<T>(fn: (id: string) => Promise<T>): Promise<T | null> {
    const id = useSessionStore().sessionId
    if (!id) return null
    try {
      const r = await fn(id)
      error.value = null
      return r
    } catch (err) {
      error.value = err instanceof RiffleError ? err.info.message : String(err)
      return null
    }
  }

  /** The selected key's history (every step so far that changed its state). */
  async function loadHistory(): Promise<void> {
    const sel = useInspectorStore().selected
    history.value = sel ? await guarded((id) => getClient().call('session.keyHistory', id, sel.operatorId, sel.keyStr)) : null
  }

  async function loadTimeline(): Promise<void> {
    const sel = useInspectorStore().selected
    timeline.value = sel ? await guarded((id) => getClient().call('session.keyTimeline', id, sel.operatorId, sel.keyStr)) : null
  }

  async function loadLineage(seq: number | null = lineageSeq.value): Promise<void> {
    lineageSeq.value = seq
    lineage.value = seq === null ? null : await guarded((id) => getClient().call('session.lineage', id, seq))
  }

  /** An output's "why?": its lineage, shown in the Lineage tab. */
  async function explainOutput(seq: number): Promise<void> {
    tab.value = 'lineage'
    // As VS Code moves focus to the view it opens: the Lineage panel takes the focus (the "why?" button is gone).
    lineageFocus.value = true
    await loadLineage(seq)
  }

  /** This run against the previous one: the service holds both output logs, the request only names the runs. */
  async function compare(): Promise<void> {
    const previous = useSessionStore().previousRun
    if (previous === null) { comparison.value = null; comparedStep.value = null; return }
    const step = useSessionStore().status?.step ?? null
    const r = await guarded((id) => getClient().call('session.compareOutputs', id, previous.runId))
    comparison.value = r
    comparedStep.value = r === null ? null : step
  }

  /**
   * A comparison on screen is made again at each stop (a step, a seek): left as it was, a step-60 comparison sat
   * under a header counting step 25's outputs after a seek back. None on screen: nothing is asked.
   */
  async function refreshComparison(): Promise<void> {
    if (comparison.value !== null && comparedStep.value !== (useSessionStore().status?.step ?? null)) await compare()
  }

  async function runBackendCheck(): Promise<void> {
    checking.value = true
    backendCheck.value = null
    try {
      backendCheck.value = await guarded((id) => getClient().call('session.backendCheck', id))
    } finally { checking.value = false }
  }

  /** Re-reads whatever the open tab shows (after a step, a seek or a key change). */
  async function refreshOpen(): Promise<void> {
    if (tab.value === 'history') await loadHistory()
    else if (tab.value === 'timeline') await loadTimeline()
    else if (tab.value === 'lineage' && lineageSeq.value !== null) await loadLineage()
  }

  function reset(): void {
    history.value = null
    lineage.value = null
    lineageSeq.value = null
    timeline.value = null
    comparison.value = null
    comparedStep.value = null
    backendCheck.value = null
    error.value = null
  }

  return {
    tab, history, lineageSeq, lineage, timeline, comparison, comparedStep, backendCheck, checking, error,
    lineageFocus, loadHistory, loadTimeline, loadLineage, explainOutput, compare, refreshComparison, runBackendCheck, refreshOpen, reset,
  }
})
