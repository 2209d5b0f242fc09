// How the stores follow one another, in one place: after each applied step the inspector and the charts
// refresh (while running, the inspector at most ~4 times a second); a new start clears the previous
// session's views; each new session gets the breakpoint list before its first step; the step's trace and the
// findings and the job's console follow each step when not running (at most ~4 times a second while running); a failure
// loads what the session kept of it; opening a job swaps in its gutter breakpoints, and an edit gives the session
// their lines again, and its watch expressions; the watches are evaluated again whenever the selected key's state is
// read again (every stop: step, step back, seek, restart, and a new selection); the open bottom tab and the
// pinned key are noted for a reload. Called once from the window's setup, so the watchers live as long as the window.
import { watch } from 'vue'
import { useAppStore } from './app'
import { useBreakpointsStore } from './breakpoints'
import { useChartsStore } from './charts'
import { useEditorStore } from './editor'
import { useFindingsStore } from './findings'
import { useConsoleStore } from './console'
import { BOTTOM_TABS, type BottomTab, useInsightsStore } from './insights'
import { useInspectorStore } from './inspector'
import { useSessionStore } from './session'
import { notedView, noteView } from './tab-session-note'
import { useTraceStore } from './trace'
import { useWatchesStore } from './watches'

export function connectStores(): void {
  const app = useAppStore()
  const session = useSessionStore()
  const inspector = useInspectorStore()
  const charts = useChartsStore()
  const insights = useInsightsStore()
  const breakpoints = useBreakpointsStore()
  const trace = useTraceStore()
  const findings = useFindingsStore()
  const jobConsole = useConsoleStore()
  const editor = useEditorStore()
  const watches = useWatchesStore()

  // The breakpoint list belongs to the user, not the session: give it to each new session before any step.
  session.beforeReady(() => breakpoints.sync())

  let refreshTimer: ReturnType<typeof setTimeout> | null = null
  let lastRefresh = 0
  function scheduleRefresh(): void {
    // At once, in the update that shows the step: the key list is aria-busy until its rows for this step answer.
    inspector.markStale()
    if (refreshTimer) return
    const wait = session.isRunning ? Math.max(0, 250 - (performance.now() - lastRefresh)) : 0
    refreshTimer = setTimeout(() => {
      refreshTimer = null
      lastRefresh = performance.now()
      inspector.refresh().catch((err: unknown) => app.say('error', err instanceof Error ? err.message : String(err)))
      void findings.refresh()
      void jobConsole.refresh()
      // A trace re-runs the step: only for a step the user stops at, never while running.
      if (!session.isRunning) { void trace.refresh(); void insights.refreshComparison() }
      charts.refresh().catch(() => { /* the charts keep their last samples; the inspector reports a lost session */ })
    }, wait)
  }
  watch(() => session.revision, () => scheduleRefresh())
  watch(() => session.isRunning, (running) => { if (!running) scheduleRefresh() })
  // A new start clears the previous session's views, the selected key included (a selection belongs to its
  // session: under another job the key may not exist), so a start that fails does not leave the old run's
  // keys and outputs on screen.
  watch(() => session.phase, (phase) => {
    if (phase !== 'starting') return
    inspector.reset()
    charts.reset()
    insights.reset()
    trace.reset()
    findings.reset()
    jobConsole.reset()
  })
  // The job threw or the watchdog stopped a step: the session keeps the failure and the failing step's trace. Gone
  // again while the session lives (Load savepoint… replaced the run that failed, and the session forgot its failure):
  // the editor's banner and line mark and the Trace view's failed step go too (they stayed, naming a step of a run
  // no longer there, and a step to that number in the loaded run showed the old run's failing trace).
  watch(() => session.error, (err, old) => {
    if (err && (err.code === 'JOB_THREW' || err.code === 'JOB_TIMEOUT')) void trace.loadFailure()
    if (err === null && old !== null) { editor.setError(null); trace.failure = null }
  })
  watch(() => editor.path, (path) => { void breakpoints.useJob(path); watches.useJob(path) }, { immediate: true })
  // The key's state is read again at every stop and on every selection: the watches follow it (not while running: a
  // watch waits for the run's call in the session's worker, and the values would be of a step already gone).
  watch(() => inspector.keyState, () => { if (!session.isRunning) void watches.evaluate() })
  // The session gets each gutter breakpoint at its line in the text it runs (breakpoints.sync): an edit that changes a
  // breakpoint's line in place, or an undo back to that text, changes that without moving any line. Once typing pauses.
  let editSync: ReturnType<typeof setTimeout> | null = null
  watch(() => editor.source, () => {
    if (editSync !== null) clearTimeout(editSync)
    editSync = null
    if (session.sessionId === null || breakpoints.lineBreakpoints.length === 0) return
    editSync = setTimeout(() => { editSync = null; void breakpoints.sync() }, 300)
  })
  // The job and recording of the last session: what the user kept to watch (a pinned key, the output log's key
  // filter) carries into a Restart of the same run, never into another job or recording, where that key is another
  // key or none (every example's keyed operator is 3-process, so the operator alone does not tell).
  let lastRun: { jobPath: string; recordingPath: string } | null = null
  watch(() => session.sessionId, (id, old) => {
    if (id && id !== old) {
      const run = session.startedRun
      const sameRun = lastRun !== null && run !== null && lastRun.jobPath === run.jobPath && lastRun.recordingPath === run.recordingPath
      lastRun = run
      charts.reset()
      inspector.reset()
      if (!sameRun) inspector.outputKeyFilter = null
      // A reload takes the session back with the key the user had pinned in it (the page forgot it).
      const pin = notedView().pinned
      if (pin && pin.sessionId === id && trace.pinned === null) {
        trace.pinned = { operatorId: pin.operatorId, keyStr: pin.keyStr }
        void inspector.selectKey(pin.operatorId, pin.keyStr)
      } else if (trace.pinned !== null) {
        // A key pinned in the run before a Restart (after a fix) is the key to watch in the new run: it stays pinned
        // and shown. The reset above had left it pinned but unselected, so the inspector showed nothing and stopped
        // following the steps. Under another job or recording there is no such key: the pin goes.
        const p = trace.pinned
        if (sameRun && session.operators.some((o) => o.id === p.operatorId && o.keyed)) void inspector.selectKey(p.operatorId, p.keyStr)
        else trace.pinned = null
      }
      scheduleRefresh()
    }
  })
  // While a key is pinned the steps never change the selection, so a new one is the user's pick (the key list, an
  // output's "why?"): the inspector stays on it from then on, so the pin is moved there. Left on the old key it named
  // a key not shown (the key detail said "pinned" over another key), and a reload or Restart went back to it.
  watch(() => inspector.selected, (sel) => {
    const p = trace.pinned
    if (p !== null && sel !== null && (sel.operatorId !== p.operatorId || sel.keyStr !== p.keyStr)) trace.pinned = { ...sel }
  })
  // How the session is shown survives a reload: the open bottom tab, and the pinned key.
  const tab = notedView().tab
  if ((BOTTOM_TABS as readonly string[]).includes(tab ?? '')) insights.tab = tab as BottomTab
  watch(() => insights.tab, (t) => noteView({ tab: t }))
  // Noted again with each new session: a pin kept through a Restart belongs to the new session, and a reload after
  // the Restart looks for it under that session's id. No session (between the close and the start): nothing to note.
  watch(() => [trace.pinned, session.sessionId] as const, ([p, id]) => {
    if (id === null) return
    noteView({ pinned: p ? { sessionId: id, ...p } : null })
  })
}
