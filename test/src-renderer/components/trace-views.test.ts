// The Trace view and Problems panel as the user reads them: every call with its line and result, a delete that
// deleted nothing flagged once, the throw that ended a failed step, a timer's registering step; a click on a call
// or a problem moves the editor's cursor to its line.
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { StepTrace } from '../../../src-main/common/trace-api'
import ProblemsPanel from '../../../src-renderer/src/components/ProblemsPanel.vue'
import TracePanel from '../../../src-renderer/src/components/TracePanel.vue'
import { useEditorStore } from '../../../src-renderer/src/stores/editor'
import { useFindingsStore } from '../../../src-renderer/src/stores/findings'
import { useTraceStore } from '../../../src-renderer/src/stores/trace'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { useSavepointStore } from '../../../src-renderer/src/stores/session-savepoint'
import { status } from '../fake-client'

const JOB = '/w/examples/sessionizer-seed.ts'
const T = 1708848090000
const trace = (extra: Partial<StepTrace> = {}): StepTrace => ({
  step: 3, kind: 'record', operatorId: 'op', keyStr: '"u1"', watermark: T - 5000, watermarkBefore: T - 5000, processingTime: T, outputs: [], findings: [], lines: [35, 36],
  entries: [
    { index: 0, operatorId: 'op', keyStr: '"u1"', where: { file: JOB, line: 35 }, call: `deleteEventTimeTimer(${T})`, result: 'nothing deleted', kind: 'timerDelete', domain: 'EVENT_TIME', timestamp: T, deleted: false },
    { index: 1, operatorId: 'op', keyStr: '"u1"', where: { file: JOB, line: 36 }, call: `registerEventTimeTimer(${T + 1_800_000})`, result: 'registered', kind: 'timerRegister', domain: 'EVENT_TIME', timestamp: T + 1_800_000, alreadyPending: false },
  ],
  ...extra,
})

beforeEach(() => {
  setActivePinia(createPinia())
  useEditorStore().load(JOB, 'x')
})

describe('TracePanel', () => {
  it("at a loaded savepoint's step says why there is no trace, and not 'No step yet'", () => {
    const s = useSessionStore()
    s.sessionId = 's1'
    s.status = status(1200)
    useSavepointStore().loadedAt = 1200
    const text = mount(TracePanel).text()
    expect(text).toContain("Step 1,200 is the loaded savepoint's: it ran in the run that wrote the savepoint")
    expect(text).not.toContain('No step yet')
  })

  it('lists each call with its line and result, flags the delete that deleted nothing once, and a click moves the cursor', async () => {
    useTraceStore().trace = trace()
    const w = mount(TracePanel)
    const rows = w.findAll('[data-testid=trace-entry]')
    expect(rows.map((r) => r.attributes('data-line'))).toEqual(['35', '36'])
    expect(rows[0]!.text()).toContain('deleteEventTimeTimer(1708848090000)')
    expect(rows[0]!.text().match(/nothing deleted/g)).toHaveLength(1)
    expect(w.findAll('[data-testid=trace-flag]')).toHaveLength(1)
    await rows[1]!.trigger('click')
    expect(useEditorStore().cursor?.line).toBe(36)
    expect(useTraceStore().currentLine).toBe(36)
  })

  it("shows the watermark the step's code read and the one after it when the step moved it, one value when not", () => {
    useTraceStore().trace = trace({ watermarkBefore: T - 9000 })
    const moved = mount(TracePanel).find('[data-testid=trace-watermark]').text()
    expect(moved).toMatch(/watermark .+ → .+/)
    expect(moved.indexOf(String(T - 9000))).toBeLessThan(moved.indexOf('→'))
    expect(moved.indexOf(String(T - 5000))).toBeGreaterThan(moved.indexOf('→'))
    useTraceStore().trace = trace()
    expect(mount(TracePanel).find('[data-testid=trace-watermark]').text()).not.toContain('→')
  })

  it('a call is reachable by keyboard: Tab focuses it, Enter moves the cursor to its line (as Problems and Console rows)', async () => {
    useTraceStore().trace = trace()
    const w = mount(TracePanel)
    const row = w.findAll('[data-testid=trace-entry]')[1]!
    expect(row.attributes('tabindex')).toBe('0')
    await row.trigger('keydown', { key: 'Enter' })
    expect(useEditorStore().cursor?.line).toBe(36)
  })

  it("shows the throw that ended a failed step, and a timer's registering step and the deletes that missed it", () => {
    useTraceStore().trace = trace({
      kind: 'timer', error: { code: 'JOB_THREW', message: 'boom', where: { file: JOB, line: 36, column: 3 } },
      timer: { operatorId: 'op', key: 'u1', keyStr: '"u1"', domain: 'EVENT_TIME', timestamp: T, aheadBy: 0 },
      timerOrigin: { registered: { step: 1, where: { file: JOB, line: 36 } }, missedDeletes: [{ step: 3, where: { file: JOB, line: 35 }, timestamp: T }] },
    })
    const w = mount(TracePanel)
    expect(w.find('[data-testid=trace-threw]').text()).toContain('threw: boom')
    const origin = w.find('[data-testid=trace-timer-origin]').text()
    expect(origin).toContain('registered at')
    expect(origin).toContain('step 1')
    expect(origin).toMatch(new RegExp(`1 delete of this key's timers deleted nothing while it was pending:\\s*step 3 \\(line 35\\) named ${T}`))
  })
})

describe('ProblemsPanel', () => {
  it('lists severity, message, file:line, count and first step and key', () => {
    useFindingsStore().view = {
      enabled: true, throughStep: 40, notices: [], findings: [{
        kind: 'noOpTimerDelete', severity: 'warning', file: JOB, line: 35, message: 'deleteEventTimeTimer(t) found no timer at t: nothing was deleted',
        count: 12, firstStep: 1, firstKey: '"u1"', operatorId: 'op',
      }],
    }
    const w = mount(ProblemsPanel)
    const row = w.find('[data-testid=problem]')
    expect(row.attributes('data-line')).toBe('35')
    expect(row.text()).toMatch(/⚠\s*deleteEventTimeTimer\(t\) found no timer at t: nothing was deleted\s*sessionizer-seed\.ts:35\s*12×\s*first at step 1, key "u1"/)
  })

  it("lists a Python job's notice above the findings, and a click on it puts the cursor on its line", async () => {
    const NOTICE = "out.collect(...) is the seed article's form and will not run on a Flink cluster"
    useFindingsStore().view = { enabled: true, throughStep: 40, findings: [], notices: [{ file: '/p/examples/sessionizer-seed.py', line: 35, message: NOTICE }] }
    const w = mount(ProblemsPanel)
    const row = w.find('[data-testid=notice]')
    expect(row.text()).toMatch(/⚠\s*out\.collect\(\.\.\.\) is the seed article's form and will not run on a Flink cluster\s*sessionizer-seed\.py:35\s*runs in Riffle, not on a Flink cluster/)
    expect(w.find('[data-testid=problems-none]').exists()).toBe(false)
    expect(w.find('.summary').text()).toMatch(/^1 warning, 0 hints\s+over 40 steps/)
    expect(useFindingsStore().count).toBe(1)
    const goTo = vi.spyOn(useEditorStore(), 'goToLine')
    await row.trigger('click')
    expect(goTo).toHaveBeenCalledWith(35)
  })

  it('says when there is nothing to report', () => {
    useFindingsStore().view = { enabled: true, throughStep: 40, notices: [], findings: [] }
    useTraceStore()
    const w = mount(ProblemsPanel)
    expect(w.find('[data-testid=problems-none]').text()).toContain('No problems found in the 40 steps')
  })
})
