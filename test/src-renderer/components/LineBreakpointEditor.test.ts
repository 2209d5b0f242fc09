// The gutter's breakpoint widget, as VS Code's: choosing "Log Message" (or back "Expression") in its menu puts the
// focus in the box for it, so what the user types next is the message. The focus stayed on the menu, where typing
// went nowhere (or re-picked the menu's option by its first letter).
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import LineBreakpointEditor from '../../../src-renderer/src/components/LineBreakpointEditor.vue'

beforeEach(() => {
  localStorage.clear()
  document.body.innerHTML = ''
  setActivePinia(createPinia())
})

describe('LineBreakpointEditor', () => {
  it('focuses the condition box when it opens, and the box of the mode the menu switches to', async () => {
    const w = mount(LineBreakpointEditor, { props: { line: 32, x: 0, y: 0 }, attachTo: document.body })
    await flushPromises()
    expect(document.activeElement).toBe(w.find('[data-testid=line-bp-condition]').element)
    const menu = w.find('[data-testid=line-bp-mode]')
    ;(menu.element as HTMLSelectElement).focus()
    await menu.setValue('log')
    await flushPromises()
    expect(document.activeElement).toBe(w.find('[data-testid=line-bp-log]').element)
    ;(menu.element as HTMLSelectElement).focus()
    await menu.setValue('condition')
    await flushPromises()
    expect(document.activeElement).toBe(w.find('[data-testid=line-bp-condition]').element)
    w.unmount()
  })

  it('says a condition and a log message read the state as the line starts to run, as the engine evaluates them', async () => {
    // The hint said "after the step": a condition `views === 2` on the line that counts a view hit when views went
    // 2 → 3 (read as the line started), and the key detail then showed 3, so the hint sent the user the wrong way.
    const w = mount(LineBreakpointEditor, { props: { line: 28, x: 0, y: 0 }, attachTo: document.body })
    await flushPromises()
    const hint = () => w.find('[data-testid=line-bp-hint]').text()
    expect(hint()).toMatch(/^Breaks when the expression is true as line 28 starts to run/)
    expect(hint()).toContain('as they are then')
    expect(hint()).not.toContain('after the step')
    await w.find('[data-testid=line-bp-mode]').setValue('log')
    await flushPromises()
    expect(hint()).toMatch(/^Logs the expression each time line 28 starts to run, never stops/)
    expect(hint()).not.toContain('after the step')
    w.unmount()
  })
})
