// The renderer store tests' answers for a session that steps one record at a time (and reports its findings), the
// session store after Start, and the wait that lets the stores' watchers (and their requests) run out before a read.
import { nextTick } from 'vue'
import type { FindingView } from '../../../src-main/common/trace-api'
import type { StepView } from '../../../src-main/common/views'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { status } from '../fake-client'

/** Step s as a record step with no outputs, changes or touched keys. */
export const stepView = (s: number): StepView => ({ step: s, kind: 'record', outputs: [], changes: [], touchedKeys: [], watermark: 0, processingTime: 0 })

/** session.step's answer for one step that reached step s. */
export const oneStep = (s: number): { steps: StepView[]; taken: number; status: ReturnType<typeof status> } =>
  ({ steps: [stepView(s)], taken: 1, status: status(s) })

/** A few timer turns and Vue ticks: the stores' watchers follow one another through awaited requests. */
export const settle = async (): Promise<void> => { for (let i = 0; i < 6; i++) { await new Promise((r) => setTimeout(r, 1)); await nextTick() } }

/** session.findings' answer: analysis on, these findings, through step `step`. */
export const findingsThrough = (step: number, findings: FindingView[] = []): { enabled: true; findings: FindingView[]; throughStep: number } =>
  ({ enabled: true, findings, throughStep: step })

/** The session store, after Start (the stores as connectedStores set them up). */
export async function startedSession(): Promise<ReturnType<typeof useSessionStore>> {
  const s = useSessionStore()
  await s.start()
  return s
}
