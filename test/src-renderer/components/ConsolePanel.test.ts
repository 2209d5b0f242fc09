// The Console is where a VS Code user looks for logpoint messages (its Debug Console prints them): Riffle lists
// them under each logpoint in the Breakpoints tab, so the Console says so, with how many, and opens that tab.
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { setClient } from '../../../src-renderer/src/client'
import ConsolePanel from '../../../src-renderer/src/components/ConsolePanel.vue'
import { useBreakpointsStore } from '../../../src-renderer/src/stores/breakpoints'
import { useInsightsStore } from '../../../src-renderer/src/stores/insights'
import { useSessionStore } from '../../../src-renderer/src/stores/session'
import { fakeClient } from '../fake-client'

beforeEach(() => {
  setActivePinia(createPinia())
  setClient(fakeClient())
})

function withLogpoint(hitCount: number): void {
  useSessionStore().sessionId = 's1'
  const bps = useBreakpointsStore()
  bps.list = [{ id: 'bp1', kind: 'line', line: 32, enabled: true, log: '`${key}: ${event_count}`' }]
  bps.hits = { bp1: Array.from({ length: hitCount }, (_, i) => ({ id: 'bp1', kind: 'line', step: i + 1, keyStr: '"u1"', detail: 'line 32', value: `u1: ${i + 1}` })) }
}

describe('ConsolePanel', () => {
  it('with a logpoint set, says its messages are in the Breakpoints tab, how many, and opens that tab', async () => {
    withLogpoint(3)
    const w = mount(ConsolePanel)
    await nextTick()
    const note = w.find('[data-testid=console-logpoints]')
    expect(note.text()).toBe('3 logpoint messages are listed under their logpoint in the Breakpoints tab. Open it')
    await note.find('button').trigger('click')
    expect(useInsightsStore().tab).toBe('breakpoints')
  })

  it('says nothing of logpoints when none is set', async () => {
    useSessionStore().sessionId = 's1'
    const w = mount(ConsolePanel)
    await nextTick()
    expect(w.find('[data-testid=console-logpoints]').exists()).toBe(false)
    expect(w.find('[data-testid=console-none]').text()).toBe('The job has printed nothing so far.')
  })
})
