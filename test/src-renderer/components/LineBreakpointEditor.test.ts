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
})
