// How the stores follow one another, in one place: after each applied step the inspector and the charts
// refresh (while running, the inspector at most ~4 times a second); a new start clears the previous
// session's views; each new session gets the breakpoint list before its first step. Called once from the
// window's setup, so the watchers live as long as the window.
import { watch } from 'vue'
import { useAppStore } from './app'
import { useBreakpointsStore } from './breakpoints'
import { useChartsStore } from './charts'
import { useInsightsStore } from './insights'
import { useInspectorStore } from './inspector'
import { useSessionStore } from './session'

export function connectStores(): void {
  const app = useAppStore()
  const session = useSessionStore()
  const inspector = useInspectorStore()
  const charts = useChartsStore()
  const insights = useInsightsStore()
  const breakpoints = useBreakpointsStore()

  // The breakpoint list belongs to the user, not the session: give it to each new session before any step.
  session.beforeReady(() => breakpoints.sync())

  let refreshTimer: ReturnType<typeof setTimeout> | null = null
  let lastRefresh = 0
  function scheduleRefresh(): void {
    if (refreshTimer) return
    const wait = session.isRunning ? Math.max(0, 250 - (performance.now() - lastRefresh)) : 0
    refreshTimer = setTimeout(() => {
      refreshTimer = null
      lastRefresh = performance.now()
      inspector.refresh().catch((err: unknown) => app.say('error', err instanceof Error ? err.message : String(err)))
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
  })
  watch(() => session.sessionId, (id, old) => {
    if (id && id !== old) {
      charts.reset()
      inspector.reset()
      scheduleRefresh()
    }
  })
}
