// A logpoint's hits read as a console: a message in the hits' colour, a log expression that threw in the error colour,
// saying so once ("threw: …", not "error: breakpoint expression threw: …" in the colour of a message).
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

describe('BreakpointsPanel logpoint hits', () => {
  it('draws a hit whose log expression threw as an error, and a message as a message', async () => {
    const bps = useBreakpointsStore()
    const id = await bps.add({ kind: 'key', keyStr: '"u1"', log: '`at ${TIMEOUT}`' })
    bps.hits = { [id]: [
      { id, kind: 'key', step: 1, keyStr: '"u1"', detail: '', value: 'at 5' },
      { id, kind: 'key', step: 2, keyStr: '"u1"', detail: '', value: '', error: 'breakpoint expression threw: TIMEOUT is not defined' },
    ] }
    const w = mount(BreakpointsPanel, { attachTo: document.body })
    await flushPromises()
    const lines = w.findAll('[data-testid=logpoint-hits] .hit-line')
    expect(lines.map((l) => l.text())).toEqual(['step 1 · "u1": at 5', 'step 2 · "u1": threw: TIMEOUT is not defined'])
    expect(lines[0]!.classes()).not.toContain('err')
    expect(lines[1]!.classes()).toContain('err')
    w.unmount()
  })
})

// A logpoint's row takes the panel's free height for its hits; one with no hits yet took it too, as an empty box, so
// the breakpoints after it sat at the panel's foot, out of sight in a short panel, and the list read as one logpoint.
describe('BreakpointsPanel rows', () => {
  it('lets only a logpoint with hits grow into the free height', async () => {
    const bps = useBreakpointsStore()
    const quiet = await bps.add({ kind: 'late', log: 'event' })
    const busy = await bps.add({ kind: 'key', keyStr: '"u1"', log: 'key' })
    await bps.add({ kind: 'key', keyStr: '"u2"' })
    bps.hits = { [busy]: [{ id: busy, kind: 'key', step: 1, keyStr: '"u1"', detail: '', value: 'u1' }] }
    const w = mount(BreakpointsPanel, { attachTo: document.body })
    await flushPromises()
    const rows = w.findAll('[data-testid=bp-row]')
    expect(rows.map((r) => r.classes().includes('grows'))).toEqual([false, true, false])
    expect(rows[0]!.find('[data-testid=logpoint-hits]').text()).toBe('no hits yet')
    expect(quiet).not.toBe(busy)
    w.unmount()
  })
})
