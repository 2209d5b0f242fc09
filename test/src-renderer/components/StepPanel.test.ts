// The Current step tab: the event the step processed, named by its recording line.
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import StepPanel from '../../../src-renderer/src/components/StepPanel.vue'
import { useSessionStore } from '../../../src-renderer/src/stores/session'

beforeEach(() => { setActivePinia(createPinia()) })

describe('StepPanel', () => {
  it('writes the input as "recording line 6: {…}", a space after the colon (it read "line 6:{")', () => {
    useSessionStore().steps = [{ step: 6, kind: 'record', outputs: [], touchedKeys: ['"u3"'], watermark: 0, processingTime: 0, changes: [],
      input: { line: 6, value: { ts: 1708848123000, user_id: 'u3' }, sourceTimestamp: null } }]
    const w = mount(StepPanel)
    expect(w.find('.line').text()).toMatch(/^recording line 6: \{"ts":1708848123000/)
  })
})
