// Compare reads per key: record outputs one line each with a column a field ("was → now" where a changed one
// differs), other values with the two runs side by side and "not in this run" where one has none.
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import type { OutputView } from '../../../src-main/common/views'
import { setClient } from '../../../src-renderer/src/client'
import ComparePanel from '../../../src-renderer/src/components/ComparePanel.vue'
import { useInsightsStore } from '../../../src-renderer/src/stores/insights'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { fakeClient } from '../fake-client'

const T = 1708848000000
const out = (seq: number, keyStr: string, timestamp: number, value: unknown): OutputView => ({
  seq, step: seq + 1, operatorId: 'op', operatorName: 'p', tag: null, value, timestamp, key: keyStr, keyStr, isJobOutput: true,
})

beforeEach(() => {
  setActivePinia(createPinia())
  setClient(fakeClient())
})

describe('ComparePanel', () => {
  it('shows a key\'s sessions one line each, a column a field, "was → now" in the fields a fix changed', async () => {
    useInsightsStore().comparison = {
      changed: [{ previous: out(2, '"u1"', T + 9000, { session_start: null, n: null }), current: out(0, '"u1"', T + 9000, { session_start: T, n: 6 }), fields: [] }],
      removed: [out(0, '"u1"', T + 1000, { session_start: T, n: 5 })],
      added: [], moved: [], unchanged: 0,
    }
    const w = mount(ComparePanel)
    await nextTick()
    const rows = w.findAll('[data-testid=compare-group] tbody tr')
    expect(w.findAll('[data-testid=compare-group] thead th').map((th) => th.text())).toEqual(['', 'time', 'session_start', 'n', 'output #'])
    expect(rows.map((r) => r.attributes('data-testid'))).toEqual(['compare-removed', 'compare-changed'])
    expect(rows[1]!.findAll('[data-testid=compare-field]').map((c) => c.text())).toEqual(['null → 2024-02-25 08:00:00Z', 'null → 6'])
  })

  it('shows other values with the two runs side by side', async () => {
    useInsightsStore().comparison = { changed: [], removed: [out(0, '"k"', T, 7)], added: [out(1, '"k"', T + 1, 8)], moved: [], unchanged: 0 }
    const w = mount(ComparePanel)
    await nextTick()
    expect(w.findAll('[data-testid=compare-group] thead th').map((th) => th.text())).toEqual(['', 'time', 'previous run', 'this run'])
    const [removed, added] = w.findAll('[data-testid=compare-group] tbody tr')
    expect(removed!.find('.now').text()).toBe('not in this run')
    expect(added!.find('.prev').text()).toBe('not in the previous run')
    expect(added!.find('.now [data-testid=compare-value]').attributes('data-json')).toBe('8')
  })

  // After a seek back the previous run's outputs past this run's step read as removed; the service now pairs both runs
  // up to the same step, and the panel says which range it compared and how many of the previous run's it left out.
  it('says both runs were compared up to the same step and how many later outputs of the previous run were left out', async () => {
    const insights = useInsightsStore()
    insights.comparison = { changed: [], removed: [], added: [], moved: [], unchanged: 9, throughStep: 25, previousLater: 12 }
    insights.comparedStep = 25
    const w = mount(ComparePanel)
    await nextTick()
    expect(w.find('[data-testid=compare-step]').text()).toBe("· both runs' outputs up to step 25 (the previous run's 12 later outputs are not compared)")
    insights.comparison = { changed: [], removed: [], added: [], moved: [], unchanged: 21, throughStep: 60, previousLater: 0 }
    await nextTick()
    expect(w.find('[data-testid=compare-step]').text()).toBe("· both runs' outputs up to step 60")
    // The previous run was closed at step 30, before its end: this run's outputs after it are counted, not "added".
    insights.comparison = { changed: [], removed: [], added: [], moved: [], unchanged: 12, throughStep: 30, previousLater: 0, currentLater: 26 }
    await nextTick()
    expect(w.find('[data-testid=compare-step]').text()).toBe("· both runs' outputs up to step 30 (the previous run was closed there: this run's 26 later outputs are not compared)")
  })

  // After a Restart the comparison of the run before is gone and the panel's body was empty: it says what to do.
  it('says how to compare while a previous run is kept and nothing is compared yet', async () => {
    useSessionStore().previousRun = { runId: 'r1', outputs: 38, jobPath: '/x/sessionizer-seed.ts', recordingPath: '/x/clicks-small.jsonl' }
    const w = mount(ComparePanel)
    await nextTick()
    expect(w.find('[data-testid=compare-hint]').text()).toContain('Compare with the previous run')
    useInsightsStore().comparison = { changed: [], removed: [], added: [], moved: [], unchanged: 3 }
    await nextTick()
    expect(w.find('[data-testid=compare-hint]').exists()).toBe(false)
  })
  // The backend check read "4000 steps on heap, 4000 on LevelDB" where the rest of the app writes 4,000.
  it('writes the backend check\'s step and output counts with thousands separators, as the rest of the app does', async () => {
    useInsightsStore().backendCheck = {
      same: true, stateDiffs: [], heapSteps: 4000, leveldbSteps: 4000,
      outputs: { changed: [], removed: [], added: [], moved: [], unchanged: 1200 },
    }
    const w = mount(ComparePanel)
    await nextTick()
    expect(w.find('[data-testid=backend-check-result]').text()).toContain('4,000 steps on heap, 4,000 on LevelDB')
    expect(w.find('[data-testid=backend-check-result]').text()).toContain('1,200 same')
  })
})
