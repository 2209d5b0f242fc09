// The renderer store tests' answers for a session that steps one record at a time, and the wait that lets the stores'
// watchers (and the requests they make) run out before a test reads them.
import { nextTick } from 'vue'
import type { StepView } from '../../../src-main/common/views'
import { status } from '../fake-client'

/** Step s as a record step with no outputs, changes or touched keys. */
export const stepView = (s: number): StepView => ({ step: s, kind: 'record', outputs: [], changes: [], touchedKeys: [], watermark: 0, processingTime: 0 })

/** session.step's answer for one step that reached step s. */
export const oneStep = (s: number): { steps: StepView[]; taken: number; status: ReturnType<typeof status> } =>
  ({ steps: [stepView(s)], taken: 1, status: status(s) })

/** A few timer turns and Vue ticks: the stores' watchers follow one another through awaited requests. */
export const settle = async (): Promise<void> => { for (let i = 0; i < 6; i++) { await new Promise((r) => setTimeout(r, 1)); await nextTick() } }
