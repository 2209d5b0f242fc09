// Keyboard use: the tab strip is a WAI-ARIA tablist (arrow keys, Home/End, one tab in the Tab order), the
// pane handles resize with the arrow keys within their limits, and Escape closes the file dialog.
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import FilePicker from '../../../src-renderer/src/components/FilePicker.vue'
import SplitHandle from '../../../src-renderer/src/components/SplitHandle.vue'
import TabStrip from '../../../src-renderer/src/components/TabStrip.vue'

const TABS = [['a', 'A'], ['b', 'B'], ['c', 'C']] as const

describe('TabStrip', () => {
  it('is a tablist whose selected tab is aria-selected and the only one in the Tab order', () => {
    const w = mount(TabStrip, { props: { tabs: TABS, modelValue: 'b', panelId: 'p', label: 'Panel' } })
    expect(w.find('[role=tablist]').attributes('aria-label')).toBe('Panel')
    const tabs = w.findAll('[role=tab]')
    expect(tabs.map((t) => t.attributes('aria-selected'))).toEqual(['false', 'true', 'false'])
    expect(tabs.map((t) => t.attributes('tabindex'))).toEqual(['-1', '0', '-1'])
    expect(tabs[1].attributes('aria-controls')).toBe('p')
  })

  it('arrow keys move to the next and previous tab (wrapping), Home and End to the ends', async () => {
    const w = mount(TabStrip, { props: { tabs: TABS, modelValue: 'c', panelId: 'p', label: 'Panel' } })
    const list = w.find('[role=tablist]')
    await list.trigger('keydown', { key: 'ArrowRight' })
    await list.trigger('keydown', { key: 'ArrowLeft' })
    await list.trigger('keydown', { key: 'Home' })
    await list.trigger('keydown', { key: 'End' })
    expect(w.emitted('update:modelValue')!.map((e) => e[0])).toEqual(['a', 'b', 'a', 'c'])
  })
})

describe('SplitHandle', () => {
  const props = { orientation: 'vertical' as const, value: 300, min: 200, max: 320, label: 'Resize the editor' }
  it('is a separator with its value and limits', () => {
    const w = mount(SplitHandle, { props })
    const el = w.find('[role=separator]')
    expect([el.attributes('aria-valuenow'), el.attributes('aria-valuemin'), el.attributes('aria-valuemax'), el.attributes('tabindex')]).toEqual(['300', '200', '320', '0'])
  })

  it('the arrow keys resize within the limits; Home/End go to them; Enter resets', async () => {
    const w = mount(SplitHandle, { props })
    const el = w.find('[role=separator]')
    await el.trigger('keydown', { key: 'ArrowLeft' })
    await el.trigger('keydown', { key: 'ArrowRight', shiftKey: true })
    await el.trigger('keydown', { key: 'Home' })
    await el.trigger('keydown', { key: 'Enter' })
    expect(w.emitted('resize')!.map((e) => e[0])).toEqual([284, 320, 200])
    expect(w.emitted('reset')).toHaveLength(1)
  })

  it('a pane below the handle grows with ArrowUp', async () => {
    const w = mount(SplitHandle, { props: { ...props, orientation: 'horizontal', after: true, max: 1000 } })
    await w.find('[role=separator]').trigger('keydown', { key: 'ArrowUp' })
    expect(w.emitted('resize')![0][0]).toBe(316)
  })
})

describe('FilePicker', () => {
  it('Escape cancels the dialog', async () => {
    const w = mount(FilePicker, { props: { mode: 'open', files: ['/w/a.ts'], workspace: '/w' }, attachTo: document.body })
    expect(w.find('[role=dialog]').attributes('aria-modal')).toBe('true')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    expect(w.emitted('cancel')).toHaveLength(1)
    w.unmount()
  })
})
