// The Breakpoints list by keyboard, as VS Code's BREAKPOINTS view: removing one (its ✕) leaves the focus in the list,
// on the next row's ✕ (the row before's at the end, the add form's kind menu once none is left), not on the page.
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import BreakpointsPanel from '../../../src-renderer/src/components/BreakpointsPanel.vue'
import { useBreakpointsStore } from '../../../src-renderer/src/stores/breakpoints'

beforeEach(() => {
  localStorage.clear()
  document.body.innerHTML = ''
  setActivePinia(createPinia())
})

const focused = (): string => {
  const e = document.activeElement as HTMLElement | null
  return e === null || e === document.body ? 'body' : (e.getAttribute('aria-label') ?? e.tagName)
}

describe('BreakpointsPanel focus', () => {
  it('moves the focus to the next row when one is removed, then to the one before, then to the kind menu', async () => {
    const bps = useBreakpointsStore()
    const ids = [await bps.add({ kind: 'key', keyStr: '"a"' }), await bps.add({ kind: 'late' }), await bps.add({ kind: 'key', keyStr: '"c"' })]
    const w = mount(BreakpointsPanel, { attachTo: document.body })
    await flushPromises()
    const removeButton = (i: number) => w.findAll('[data-testid=bp-remove]')[i]!
    ;(removeButton(1).element as HTMLElement).focus()
    await removeButton(1).trigger('click')
    await flushPromises()
    expect(bps.list.map((b) => b.id)).toEqual([ids[0], ids[2]])
    expect(focused()).toBe(`Remove ${ids[2]}`)
    await removeButton(1).trigger('click')
    await flushPromises()
    expect(focused()).toBe(`Remove ${ids[0]}`)
    await removeButton(0).trigger('click')
    await flushPromises()
    expect(bps.list).toEqual([])
    expect(focused()).toBe('Breakpoint kind')
    w.unmount()
  })
})
